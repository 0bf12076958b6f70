"""Linking on a small hand-made sheet: old phones, shared landlines, fakes, repeats."""

import datetime as dt

import pandas as pd
import pytest

from app.core.errors import UsageProblem
from app.core.segments.orders import (
    AMBIGUOUS,
    DUPLICATE_ORDER,
    FAKE_IDENTIFIER,
    LINKED,
    NO_IDENTIFIER,
    NOT_IN_CUSTOMERS,
    detect_order_roles,
    link_orders,
)
from app.core.segments.values import parse_amount, parse_date

CUSTOMERS = pd.DataFrame([
    {"customer_id": 1, "name": "王伟", "phone": "+8613812345678", "email": "wang@163.com",
     "alt_phones": ["13900001111"], "alt_emails": []},
    {"customer_id": 2, "name": "Lisa Wu", "phone": "020-88886666", "email": "lisa@qq.com",
     "alt_phones": [], "alt_emails": ["lisa.old@qq.com"]},
    {"customer_id": 3, "name": "吴强", "phone": "(020) 8888-6666", "email": "wq@qq.com",
     "alt_phones": [], "alt_emails": []},
])


def sheet(rows):
    return pd.DataFrame(rows, columns=["Order ID", "Date", "Phone", "Email", "Amount", "渠道"])


def test_roles_come_from_chinese_or_english_headers():
    assert detect_order_roles(["订单号", "下单时间", "客户手机", "客户邮箱", "金额", "渠道", "备注"]) == {
        "订单号": "order_id", "下单时间": "date", "客户手机": "phone", "客户邮箱": "email",
        "金额": "amount", "渠道": "channel", "备注": "notes"}
    assert detect_order_roles(["Order ID", "Date", "Phone", "Email", "Amount"])["Amount"] == "amount"


def test_each_line_links_or_says_why_not():
    orders = sheet([
        ["A1", dt.datetime(2024, 5, 1, 10, 0), "138 1234 5678", "", "¥1,200.00", "天猫"],
        ["A2", "2024年5月2日", "13900001111", "", "1200元", "京东"],        # old phone
        ["A3", 45420.0, "", "LISA.OLD@QQ.COM ", 99, "官网"],              # old e-mail, serial date
        ["A4", "2024/5/4", "020 8888 6666", "", 10, "官网"],              # shared landline only
        ["A5", "2024-05-05", "020 8888 6666", "wq@qq.com", 10, "官网"],   # landline + e-mail
        ["A6", "2024-05-06", "13800000000", "test@test.com", 1, "官网"],  # fakes
        ["A7", "2024-05-07", "18612345678", "", 5, "官网"],               # stranger
        ["A8", "2024-05-08", "", "", 5, "官网"],                          # nothing
        ["A1", dt.datetime(2024, 5, 1, 10, 0), "138 1234 5678", "", "¥1,200.00", "天猫"],
    ])
    result = link_orders(orders, CUSTOMERS)
    lines = result.lines
    assert lines["status"].tolist() == [LINKED, LINKED, LINKED, AMBIGUOUS, LINKED, FAKE_IDENTIFIER,
                                        NOT_IN_CUSTOMERS, NO_IDENTIFIER, DUPLICATE_ORDER]
    assert lines["customer_id"].tolist()[:5] == [1, 1, 2, pd.NA, 3]
    assert lines["amount"].tolist()[:3] == [1200.0, 1200.0, 99.0]
    assert lines["date"].dt.strftime("%Y-%m-%d").tolist()[:3] == ["2024-05-01", "2024-05-02", "2024-05-08"]
    assert lines["row"].tolist()[0] == 2
    # The repeated A1 is counted once.
    assert result.purchases["order_id"].tolist().count("A1") == 1
    assert len(result.unlinked()) == 4
    assert any("不在客户名单" in s for s in result.summary("zh"))


def test_a_sheet_without_identifiers_is_refused_in_plain_words():
    with pytest.raises(UsageProblem, match="phone, e-mail or name"):
        link_orders(pd.DataFrame({"日期": ["2024-01-01"], "金额": [1]}), CUSTOMERS)


@pytest.mark.parametrize("text,value", [("¥1,200.00", 1200.0), ("1200元", 1200.0),
                                        ("RMB 1200", 1200.0), ("１２００", 1200.0),
                                        ("1.2万", 12000.0), ("abc", None)])
def test_amounts(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("raw", ["2023/5/1", "2023-05-01", "2023年5月1日", "2023.5.1",
                                 "２０２３-０５-０１", 45047, "2023-05-01 08:30:00",
                                 dt.date(2023, 5, 1)])
def test_dates(raw):
    assert parse_date(raw).strftime("%Y-%m-%d") == "2023-05-01"
