"""Names, salutations, consent, suppression and recipient selection."""

import pytest

from app.core.export.consent import interpret_consent
from app.core.export.names import list_language, parse_gender, salutation, split_name
from app.core.export.select import flag_erased_matches, select_recipients
from app.core.export.suppression import (
    SuppressionEntry,
    SuppressionList,
    hash_identity,
    parse_suppression_file,
    parse_suppression_text,
)


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [
        ("王伟", "王", "伟"),
        ("欧阳娜娜", "欧阳", "娜娜"),
        ("司马光", "司马", "光"),
        ("诸葛亮", "诸葛", "亮"),
        ("上官婉儿", "上官", "婉儿"),
        ("王 伟", "王", "伟"),
        ("欧阳", "欧", "阳"),  # two characters: surname 欧, not a bare compound surname
        ("Brandon Bates", "Bates", "Brandon"),
        ("Mary Ann Lee", "Lee", "Mary Ann"),
        ("Bates, Brandon", "Bates", "Brandon"),
        ("阿依古丽·买买提", "买买提", "阿依古丽"),
        ("", "", ""),
        (None, "", ""),
    ],
)
def test_split_name(name, family, given):
    assert split_name(name) == (family, given)


@pytest.mark.parametrize(
    ("cell", "sex"),
    [("男", "m"), ("女", "f"), ("M", "m"), ("f", "f"), ("Male", "m"), ("female", "f"),
     ("先生", "m"), ("女士", "f"), ("", None), (None, None), ("未知", None)],
)
def test_parse_gender(cell, sex):
    assert parse_gender(cell) == sex


@pytest.mark.parametrize(
    ("name", "gender", "zh", "en"),
    [
        ("王伟", "男", "尊敬的王先生", "Dear Mr. Wang"),
        ("王伟", None, "尊敬的王伟", "Dear Wei Wang"),
        ("欧阳娜娜", "女士", "尊敬的欧阳女士", "Dear Ms. Ouyang"),
        ("单雄信", "M", "尊敬的单先生", "Dear Mr. Shan"),
        ("Brandon Bates", "male", "尊敬的Bates 先生", "Dear Mr. Bates"),
        ("Brandon Bates", "", "尊敬的Brandon Bates", "Dear Brandon Bates"),
        (None, "女", "尊敬的客户", "Dear Customer"),
    ],
)
def test_salutation_in_both_languages(name, gender, zh, en):
    assert salutation(name, gender, "zh") == zh
    assert salutation(name, gender, "en") == en


def test_list_language_follows_the_majority():
    assert list_language(["王伟", "李娜", "Brandon Bates"]) == "zh"
    assert list_language(["Kyle Bell", "Megan Ramos", "王伟"]) == "en"


@pytest.mark.parametrize(
    ("cell", "value"),
    [("是", True), ("Y", True), ("yes", True), ("同意", True), (True, True), ("True", True),
     ("否", False), ("N", False), ("no", False), ("不同意", False), (False, False),
     ("n", False), (None, None), ("", None), ("N/A", None), ("-", None), ("未知", None),
     (float("nan"), None), (1, True), (0, False)],
)
def test_consent_cells(cell, value):
    assert interpret_consent(cell) is value


def test_typed_suppression_lines():
    parsed = parse_suppression_text(
        "a@b.com\n+86 138-0013-8000 退订\nBounce@QQ.COM, hard bounce\nfoo bar\n"
        "13900139002；投诉\n"
    )
    got = [(e.email, e.phone, e.reason) for e in parsed.entries]
    assert got == [
        ("a@b.com", None, "unsubscribed"),
        (None, "+8613800138000", "unsubscribed"),
        ("bounce@qq.com", None, "bounced"),
        (None, "+8613900139002", "complained"),
    ]
    assert parsed.rejected == ["foo bar"]


def test_suppression_file_csv_and_xlsx(tmp_path):
    import openpyxl

    path = tmp_path / "unsub.csv"
    path.write_text("Email Address,手机,Status\nNANA@qq.com ,,unsubscribed\n"
                    ",139 0013 9002,bounced\nnot an email,,\n", encoding="gbk")
    parsed = parse_suppression_file(path)
    assert [(e.email, e.phone, e.reason, e.source) for e in parsed.entries] == [
        ("nana@qq.com", None, "unsubscribed", "unsub.csv"),
        (None, "+8613900139002", "bounced", "unsub.csv"),
    ]
    assert len(parsed.rejected) == 1

    book = openpyxl.Workbook()
    book.active.append(["wangwei@qq.com"])  # no header row at all
    book.active.append([13800138001])
    xlsx = tmp_path / "list.xlsx"
    book.save(xlsx)
    parsed = parse_suppression_file(xlsx, reason="complained")
    assert [(e.email, e.phone, e.reason) for e in parsed.entries] == [
        ("wangwei@qq.com", None, "complained"), (None, "+8613800138001", "complained")]


def test_importing_again_adds_only_new_people():
    sup = SuppressionList()
    first = parse_suppression_text("a@b.com\nc@d.com").entries
    assert sup.add(first) == 2
    assert sup.add(parse_suppression_text("A@B.com\ne@f.com").entries) == 1
    assert len(sup) == 3


def test_select_for_email(customers):
    sup = SuppressionList([SuppressionEntry("nana@qq.com", None, "unsubscribed")])
    sel = select_recipients(customers, channel="email", suppression=sup)
    assert list(sel.kept["customer_id"]) == [1, 3]
    assert dict(zip(sel.left_out["customer_id"], sel.left_out["reason"], strict=True)) == {
        2: "suppressed", 4: "no_consent", 5: "unknown_consent"}
    assert "no_email" in sel.left_out.set_index("customer_id").loc[4, "reasons"]
    assert sel.counts() == {"suppressed": 1, "no_consent": 1, "unknown_consent": 1}


def test_consent_overrides_are_warned(customers):
    sel = select_recipients(customers, channel="any", include_unknown_consent=True,
                            include_no_consent=True)
    assert len(sel.kept) == 5
    assert sel.included_no_consent == [4]
    assert len(sel.warnings) == 2


def test_select_for_sms_and_mail(customers):
    customers.loc[0, "phone"] = "13800000000"
    customers.loc[2, "phone"] = "020-88888888"  # a landline cannot receive SMS
    sel = select_recipients(customers, channel="sms", include_unknown_consent=True)
    reasons = dict(zip(sel.left_out["customer_id"], sel.left_out["reason"], strict=True))
    assert reasons == {1: "fake_value", 3: "invalid_phone", 4: "no_consent"}
    assert list(sel.kept["customer_id"]) == [2, 5]
    sel = select_recipients(customers, channel="mail", include_unknown_consent=True,
                            include_no_consent=True)
    assert sel.counts() == {"no_address": 1}


def test_erased_person_is_flagged_on_reimport(customers):
    sup = SuppressionList(salt="workspace-salt")
    sup.add_erased("WangWei@QQ.com ", "+86 138 0013 8001")
    assert "wangwei@qq.com" not in str(sup.erased_hashes)
    assert hash_identity("wangwei@qq.com", "workspace-salt") in sup.erased_hashes
    assert hash_identity("wangwei@qq.com", "other-salt") not in sup.erased_hashes
    assert flag_erased_matches(customers, sup) == [1]
    sel = select_recipients(customers, channel="email", suppression=sup)
    assert sel.left_out.set_index("customer_id").loc[1, "reason"] == "erased_hash_match"


def test_fake_values_are_left_out_and_fake_addresses_still_suppressible(customers):
    customers.loc[0, "email"] = "test@test.com"
    sel = select_recipients(customers, channel="email", include_unknown_consent=True)
    assert sel.left_out.set_index("customer_id").loc[1, "reason"] == "fake_value"
    sup = SuppressionList()
    sup.add(parse_suppression_text("test@test.com").entries)
    sel = select_recipients(customers, channel="any", suppression=sup,
                            include_unknown_consent=True)
    assert sel.left_out.set_index("customer_id").loc[1, "reason"] == "suppressed"
