"""Purchase lines: find the columns, parse dates and amounts, link each line to a customer.

A line is linked by its normalised e-mail and phone against every customer's current and
old (alt_) phones and e-mails. Keys shared by several customers (a family landline, an
office switchboard) decide nothing on their own: the other key must single one out.
Nothing is dropped: every line comes back with a status and, when unlinked, the reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from app.core.errors import UsageProblem
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.progress import ProgressFn, check_cancel, no_progress
from app.core.segments.keys import email_key, name_key, phone_key
from app.core.segments.values import parse_amounts, parse_dates

ORDER_ROLES = ("order_id", "date", "phone", "email", "name", "amount", "channel", "notes")

# Header words per role, compared after NFKC, lower-casing and dropping spaces/punctuation.
_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "order_id": ("订单号", "订单编号", "订单id", "单号", "orderid", "orderno", "ordernumber",
                 "order", "invoice", "invoiceno"),
    "date": ("下单时间", "下单日期", "订单日期", "日期", "时间", "购买日期", "交易时间", "date",
             "orderdate", "time", "purchasedate", "createdat"),
    "phone": ("客户手机", "手机", "手机号", "电话", "联系电话", "手机号码", "phone", "mobile",
              "customerphone", "tel", "telephone"),
    "email": ("客户邮箱", "邮箱", "电子邮件", "email", "e-mail", "mail", "customeremail"),
    "name": ("客户姓名", "客户名称", "姓名", "客户", "name", "customer", "customername"),
    "amount": ("金额", "订单金额", "实付金额", "支付金额", "消费金额", "amount", "total",
               "price", "ordertotal", "value", "sum"),
    "channel": ("渠道", "来源", "销售渠道", "channel", "source"),
    "notes": ("备注", "说明", "notes", "note", "remark", "remarks", "comment"),
}

# Line statuses. English labels are marked for the GUI; Chinese given for CLI/reports.
LINKED = "linked"
DUPLICATE_ORDER = "duplicate_order"
NOT_IN_CUSTOMERS = "not_in_customer_list"
FAKE_IDENTIFIER = "fake_identifier"
NO_IDENTIFIER = "no_identifier"
AMBIGUOUS = "ambiguous"

STATUS_LABELS = {
    LINKED: QT_TRANSLATE_NOOP("segments", "Linked to a customer"),
    DUPLICATE_ORDER: QT_TRANSLATE_NOOP("segments", "Repeats an earlier order number (counted once)"),
    NOT_IN_CUSTOMERS: QT_TRANSLATE_NOOP("segments", "Phone/e-mail not in the customer list"),
    FAKE_IDENTIFIER: QT_TRANSLATE_NOOP("segments", "Only a fake or placeholder phone/e-mail"),
    NO_IDENTIFIER: QT_TRANSLATE_NOOP("segments", "No phone, e-mail or name on the line"),
    AMBIGUOUS: QT_TRANSLATE_NOOP("segments", "Phone/e-mail shared by several customers"),
}
STATUS_LABELS_ZH = {
    LINKED: "已关联客户",
    DUPLICATE_ORDER: "重复的订单号（只计一次）",
    NOT_IN_CUSTOMERS: "手机/邮箱不在客户名单中",
    FAKE_IDENTIFIER: "只有虚假或占位的手机/邮箱",
    NO_IDENTIFIER: "没有手机、邮箱或姓名",
    AMBIGUOUS: "手机/邮箱属于多位客户，无法确定",
}


def _header_key(text) -> str:
    text = unicodedata.normalize("NFKC", str(text or "")).lower()
    return re.sub(r"[\s_:：#()（）.\-]", "", text)


def detect_order_roles(columns) -> dict[str, str]:
    """{column: role} for the columns whose header names a purchase-line role."""
    found: dict[str, str] = {}
    taken: set[str] = set()
    keys = {column: _header_key(column) for column in columns}
    # Exact header words first, then headers that merely contain one (客户手机号 -> phone).
    for exact in (True, False):
        for column, key in keys.items():
            if column in found or not key:
                continue
            for role, words in _HEADER_WORDS.items():
                if role in taken:
                    continue
                hit = key in words if exact else any(
                    len(w) >= 2 and w in key for w in words)
                if hit:
                    found[column] = role
                    taken.add(role)
                    break
    return found


@dataclass
class OrderLinkResult:
    """Every line with its outcome, and the distinct linked orders that RFM uses.

    lines: one row per input line: row, order_id, date, amount, phone, email, customer_id
      (Int64, <NA> when unlinked), status (see STATUS_LABELS), matched_by ("email", "phone",
      "phone+email", "name" or ""), problem ("" or "bad date" / "bad amount").
    purchases: linked distinct orders: customer_id, order_id, date, amount.
    """

    lines: pd.DataFrame
    purchases: pd.DataFrame
    roles: dict[str, str]
    counts: dict[str, int] = field(default_factory=dict)

    def unlinked(self) -> pd.DataFrame:
        return self.lines[~self.lines["status"].isin([LINKED, DUPLICATE_ORDER])]

    def summary(self, lang: str = "en") -> list[str]:
        labels = STATUS_LABELS_ZH if lang == "zh" else STATUS_LABELS
        return [f"{labels[s]}: {n}" for s, n in self.counts.items() if n]


def _customer_index(customers: pd.DataFrame, column: str, alt_column: str, key_fn):
    """key -> set of customer ids, over the current and the old values."""
    index: dict[str, set] = defaultdict(set)
    ids = customers["customer_id"].tolist()
    current = customers[column].tolist() if column in customers else [None] * len(ids)
    alts = customers[alt_column].tolist() if alt_column in customers else [None] * len(ids)
    cache: dict = {}
    for cid, value, alt in zip(ids, current, alts, strict=True):
        values = [value] + (list(alt) if isinstance(alt, list | tuple) else [])
        for item in values:
            if item is None or (isinstance(item, float) and item != item):
                continue
            if item not in cache:
                cache[item] = key_fn(item)[0]
            key = cache[item]
            if key:
                index[key].add(cid)
    return index


def _line_keys(series: pd.Series | None, key_fn, n: int):
    if series is None:
        return [None] * n, np.zeros(n, dtype=bool)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    results = [key_fn(u) for u in uniques]
    keys = [results[c][0] if c >= 0 else None for c in codes]
    fake = np.array([results[c][1] if c >= 0 else False for c in codes], dtype=bool)
    return keys, fake


def link_orders(
    orders: pd.DataFrame,
    customers: pd.DataFrame,
    roles: dict[str, str] | None = None,
    first_row: int = 2,
    progress: ProgressFn | None = None,
    cancel=None,
) -> OrderLinkResult:
    """Link purchase lines to customers. `roles` maps column -> role (detected when None);
    `first_row` is the sheet row of the first line (2 under a one-row header)."""
    progress = progress or no_progress
    roles = roles or detect_order_roles(orders.columns)
    by_role = {role: column for column, role in roles.items()}
    if "phone" not in by_role and "email" not in by_role and "name" not in by_role:
        raise UsageProblem(QT_TRANSLATE_NOOP(
            "errors", "The purchase sheet has no customer phone, e-mail or name column."))
    if "date" not in by_role or "amount" not in by_role:
        raise UsageProblem(QT_TRANSLATE_NOOP(
            "errors", "The purchase sheet needs an order date and an amount column."))
    n = len(orders)
    col = lambda role: orders[by_role[role]] if role in by_role else None  # noqa: E731

    progress(0.05, QT_TRANSLATE_NOOP("segments", "Reading dates and amounts"))
    dates = parse_dates(orders[by_role["date"]])
    amounts = parse_amounts(orders[by_role["amount"]])
    if "order_id" in by_role:
        raw_ids = orders[by_role["order_id"]]
        order_ids = raw_ids.map(lambda v: "" if v is None or v != v else
                                unicodedata.normalize("NFKC", str(v)).strip())
    else:
        order_ids = pd.Series([""] * n, index=orders.index)
    check_cancel(cancel)

    progress(0.2, QT_TRANSLATE_NOOP("segments", "Normalising phones and e-mails"))
    phones, phone_fake = _line_keys(col("phone"), phone_key, n)
    emails, email_fake = _line_keys(col("email"), email_key, n)
    present = np.zeros(n, dtype=bool)  # any identifier text at all, even unrecognised
    for role in ("phone", "email"):
        if role in by_role:
            present |= orders[by_role[role]].map(_has_text).to_numpy()
    names = col("name").map(name_key).tolist() if "name" in by_role else [None] * n
    check_cancel(cancel)

    progress(0.5, QT_TRANSLATE_NOOP("segments", "Matching customers"))
    phone_index = _customer_index(customers, "phone", "alt_phones", phone_key)
    email_index = _customer_index(customers, "email", "alt_emails", email_key)
    name_index: dict[str, set] = defaultdict(set)
    if "name" in by_role and "name" in customers:
        for cid, value in zip(customers["customer_id"], customers["name"], strict=True):
            if (key := name_key(value)):
                name_index[key].add(cid)
    check_cancel(cancel)

    customer_ids: list = []
    statuses: list[str] = []
    matched_by: list[str] = []
    for i in range(n):
        cid, status, how = _link_one(phones[i], emails[i], names[i], phone_fake[i] or email_fake[i],
                                     phone_index, email_index, name_index)
        if status == NO_IDENTIFIER and present[i]:
            status = NOT_IN_CUSTOMERS  # written, but not as a phone/e-mail we could read
        customer_ids.append(cid)
        statuses.append(status)
        matched_by.append(how)

    # Repeated order numbers count once: the first line stands, the rest are marked.
    repeated = (order_ids != "") & order_ids.duplicated(keep="first")
    status_array = np.array(statuses, dtype=object)
    status_array[repeated.to_numpy() & (status_array == LINKED)] = DUPLICATE_ORDER

    problem = np.where(dates.isna(), "bad date", np.where(amounts.isna(), "bad amount", ""))
    lines = pd.DataFrame({
        "row": np.arange(first_row, first_row + n),
        "order_id": order_ids.to_numpy(),
        "date": dates.to_numpy(),
        "amount": amounts.to_numpy(),
        "phone": phones,
        "email": emails,
        "customer_id": pd.array(customer_ids, dtype="Int64"),
        "status": status_array,
        "matched_by": matched_by,
        "problem": problem,
    })
    for role in ("channel", "notes"):
        if role in by_role:
            lines[role] = orders[by_role[role]].to_numpy()
    linked = lines[lines["status"] == LINKED]
    purchases = linked[["customer_id", "order_id", "date", "amount"]].reset_index(drop=True)
    # Lines without an order number are orders of their own; give them a stable id.
    blank = purchases["order_id"] == ""
    purchases.loc[blank, "order_id"] = "row:" + linked.loc[blank.to_numpy(), "row"].astype(str).to_numpy()
    counts = {s: int((status_array == s).sum()) for s in STATUS_LABELS}
    progress(1.0, "")
    return OrderLinkResult(lines=lines, purchases=purchases, roles=dict(roles), counts=counts)


def _has_text(value) -> bool:
    if value is None or (isinstance(value, float) and value != value):
        return False
    return bool(str(value).strip())


def _link_one(phone, email, name, fake, phone_index, email_index, name_index):
    by_phone = phone_index.get(phone, set()) if phone else set()
    by_email = email_index.get(email, set()) if email else set()
    if by_phone and by_email:
        both = by_phone & by_email
        if len(both) == 1:
            return next(iter(both)), LINKED, "phone+email"
    # The e-mail is personal more often than the phone (shared landlines, switchboards).
    for found, how in ((by_email, "email"), (by_phone, "phone")):
        if len(found) == 1:
            return next(iter(found)), LINKED, how
    if len(by_email) > 1 or len(by_phone) > 1:
        return None, AMBIGUOUS, ""
    if phone or email:
        return None, NOT_IN_CUSTOMERS, ""
    if fake:
        return None, FAKE_IDENTIFIER, ""
    if name:
        found = name_index.get(name, set())
        if len(found) == 1:
            return next(iter(found)), LINKED, "name"
        return None, (AMBIGUOUS if found else NOT_IN_CUSTOMERS), ""
    return None, NO_IDENTIFIER, ""
