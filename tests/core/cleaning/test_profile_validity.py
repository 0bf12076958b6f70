"""Check's valid %: a cell holding a usable value of its kind is valid even before Clean has
written it the standard way; fake, blank and truly unusable values are what lower the score."""

import pandas as pd

from app.core.cleaning.plan import apply_plan, suggest_fixes
from app.core.cleaning.profile import profile


def frame(**columns) -> pd.DataFrame:
    n = max(len(v) for v in columns.values())
    data = {"customer_id": list(range(1, n + 1))}
    data.update({k: list(v) + [None] * (n - len(v)) for k, v in columns.items()})
    out = pd.DataFrame(data).astype(object)
    return out.where(out.notna(), None)


PLAIN_MOBILES = [13800138000, "13912345678", "138 0013 8000", "150-8295-6689",
                 "+86 135 5276 1980", "１３４６２６２１１６９", 15219727306.0, "8613512345678"]


def test_a_column_of_plain_mobiles_is_all_valid_before_cleaning():
    report = profile(frame(phone=PLAIN_MOBILES))
    phone = report.column("phone")
    assert phone.valid_pct == 100.0
    assert phone.nonstandard == len(PLAIN_MOBILES)  # none is +86... yet: Clean still rewrites
    assert not [d for d in report.drags if d.issue == "invalid"]
    assert [d.issue for d in report.drags] == ["format"]
    assert report.score >= 85  # usable contacts: not an alarming score


def test_cleaning_writes_the_standard_form_and_the_score_rises():
    df = frame(phone=PLAIN_MOBILES)
    before = profile(df)
    after = profile(apply_plan(df, suggest_fixes(df)))
    phone = after.column("phone")
    assert (phone.valid_pct, phone.nonstandard) == (100.0, 0)
    assert after.score == 100.0 > before.score


def test_fake_blank_and_unusable_phones_still_count_against_the_score():
    good = profile(frame(phone=PLAIN_MOBILES))
    bad = profile(frame(phone=["1366829430", "call me", "13800000000", "11111111111", None,
                               "13912345678", "138 0013 8000", "+86 135 5276 1980"]))
    phone = bad.column("phone")
    assert (phone.filled, phone.fake, phone.valid) == (7, 3, 3)  # 10 digits, words: unusable
    assert {d.issue for d in bad.drags} >= {"invalid", "fake", "missing"}
    assert bad.score < good.score - 10


def test_phone_validity_follows_the_default_region():
    hong_kong = ["9123 4567", "6123 4567", "+852 5123 4567"]
    assert profile(frame(phone=hong_kong), region="HK").column("phone").valid_pct == 100.0
    us = profile(frame(phone=hong_kong), region="US").column("phone")
    assert us.valid == 1  # only the one written with +852


def test_emails_with_capitals_and_spaces_are_valid_typo_domains_are_not():
    report = profile(frame(email=[" Wang@QQ.COM ", "li.na@163.com", "KAREN.HILL@Gmail.com",
                                  "karen@gmial.com", "not an address", "test@test.com"]))
    email = report.column("email")
    assert (email.filled, email.fake, email.valid, email.nonstandard) == (6, 1, 3, 2)


def test_dates_amounts_counts_and_consent_written_as_text_are_valid():
    report = profile(frame(
        first_purchase=["2023/5/1", "2023年5月2日", 45047, "2023-05-01", "2023-02-30", "soon"],
        total_spent=["¥1,200", "1.2万", "RMB 1200", 1200.0, "880元", "面议"],
        orders=["11次", 3, "３", "many"],
        employees=["约120人", "50-199", 80, "lots"],
        consent=["同意", "是", "N", "yes", "未知", "不同意"]))
    dates = report.column("first_purchase")
    assert (dates.valid, dates.nonstandard) == (4, 3)  # 2023-02-30 does not exist
    money = report.column("total_spent")
    assert (money.valid, money.nonstandard) == (5, 4)
    assert (report.column("orders").valid, report.column("orders").nonstandard) == (3, 2)
    assert report.column("employees").valid == 3
    consent = report.column("consent")
    assert (consent.valid, consent.nonstandard) == (5, 4)  # 未知 is no answer


def test_cleaned_consent_read_back_from_the_workspace_is_valid():
    # SQLite gives the cleaned yes/no back as 1 / 0.
    consent = profile(frame(consent=[1, 0, 1, True])).column("consent")
    assert (consent.valid_pct, consent.nonstandard) == (100.0, 0)


def test_city_and_province_spellings_are_valid_unknown_places_are_not():
    report = profile(frame(city=["广州市", "Guangzhou", "GZ", "廣州", "广州", "Atlantis Bay"],
                           province=["广东", "Guangdong", "广东省", "廣東省", None, None]))
    city = report.column("city")
    assert (city.valid, city.nonstandard) == (5, 4)
    province = report.column("province")
    assert (province.valid_pct, province.nonstandard) == (100.0, 3)


def _strings_with_at(node):
    if isinstance(node, str):
        return [node] if "@" in node else []
    items = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    return [s for item in items for s in _strings_with_at(item)]


def test_a_valid_address_is_never_a_fake_one():
    """profile() skips is_fake for addresses normalize_email found valid: it must agree."""
    import json
    from pathlib import Path

    from app.core.cleaning.email import normalize_email
    from app.core.cleaning.fake import is_fake

    values = ["Wang@QQ.COM ", "test@test.com", "TEST@TEST.COM", "abc@abc.com", " aaa@qq.com",
              "zw@qq.con", "mailto:li@163.com;", "Zhang Wei <zw@qq.com>", "n/a", "-",
              "x@example.org", "１２３@qq.com", "a..b@qq.com", "sales@company.cn",
              "qwerty@gmial.com", "Test@Test.com ", "<asdf@asdf.com>", None, 3.0]
    answers = Path(__file__).resolve().parents[3].parent / "shared" / "samples" / "answers"
    for key in answers.glob("*.json"):
        values += _strings_with_at(json.loads(key.read_text("utf-8")))
    assert len(values) > 100, "the samples' addresses were found"
    checked = 0
    for v in values:
        if normalize_email(v).valid:
            assert not is_fake("email", v), v
            checked += 1
    assert checked > 50
