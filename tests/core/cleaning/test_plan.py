import pandas as pd

from app.core.cleaning.charts import quality_by_column
from app.core.cleaning.clusters import cluster_values
from app.core.cleaning.keys import fingerprint, ngram_fingerprint
from app.core.cleaning.plan import apply_plan, suggest_fixes
from app.core.cleaning.profile import profile
from app.core.cleaning.recipe import Recipe
from app.core.cleaning.values import infer_date_order, parse_date, parse_employees, parse_money
from app.core.progress import Cancelled, CancelToken


def messy() -> pd.DataFrame:
    rows = [
        (1, "王先生", "+86 138-0013-8000", "Wang@QQ.COM ", "广州市", None, "2023/5/1", "¥1,200.00", "是"),
        (2, "张三", "13800000000", "test@test.com", "N/A", "广东", "2023年5月2日", "1.2万", "N"),
        (3, "KAREN HILL", "13912345678 / 020-88888888", "karen@gmial.com", "Guagnzhou", "Guangdong",
         45047, "RMB 1200", None),
        (4, "李娜", "1366829430", "li.na@163.cm", "廣州", "廣東省", "2023-02-30", "1200元", "不同意"),
    ]
    cols = ["customer_id", "name", "phone", "email", "city", "province", "first_purchase",
            "total_spent", "consent"]
    frame = pd.DataFrame(rows, columns=cols).astype(object)
    frame["notes"] = [None, None, "老板手机 13700001234", None]
    return frame.where(frame.notna(), None)


def test_plan_previews_and_applies():
    df = messy()
    plan = suggest_fixes(df)
    counts = plan.counts()
    assert counts["phone.e164"] == 1 and counts["phone.split"] == 1
    assert counts["fake.blank"] >= 4  # 张三, 13800000000, test@test.com, N/A
    assert any(rule.examples for rule in plan.rules)
    out = apply_plan(df, plan).set_index("customer_id")
    assert out.loc[1, "name"] == "王" and out.loc[1, "salutation"] == "先生"
    assert out.loc[1, "phone"] == "+8613800138000" and out.loc[1, "email"] == "wang@qq.com"
    assert out.loc[3, "alt_phones"] == ["+862088888888"]
    assert out.loc[3, "email"] == "karen@gmail.com" and out.loc[4, "email"] == "li.na@163.com"
    assert list(out["city"]) == ["广州", None, "广州", "广州"]
    assert out.loc[2, "province"] == "广东省" and out.loc[4, "province"] == "广东省"
    assert out.loc[1, "province"] == "广东省"  # filled from the city
    assert out.loc[2, "flags"] == {"name": "fake", "phone": "fake", "email": "fake", "city": "fake"}
    assert out.loc[4, "flags"] == {"phone": "invalid", "first_purchase": "invalid"}
    assert list(out["first_purchase"]) == ["2023-05-01", "2023-05-02", "2023-05-01", None]
    assert list(out["total_spent"]) == [1200.0, 12000.0, 1200.0, 1200.0]
    assert list(out["consent"]) == [True, False, None, False]
    assert [s.value for s in plan.suggestions] == ["+8613700001234"]
    only = suggest_fixes(df, only=["email.typo_domain"])
    assert {c.rule_id for c in only.changes} == {"email.typo_domain"} and len(only.changes) == 2


def test_cancel_stops():
    token = CancelToken()
    token.cancel()
    try:
        suggest_fixes(messy(), cancel=token)
    except Cancelled:
        return
    raise AssertionError("suggest_fixes ignored cancel")


def test_profile_score_and_chart():
    df = messy()
    report = profile(df)
    phone = report.column("phone")
    # '+86 138-0013-8000' and '13912345678 / 020-88888888' are real numbers, only not yet in
    # E.164; 13800000000 is fake and the 10-digit 1366829430 is not a number at all.
    assert (phone.filled, phone.fake, phone.valid, phone.nonstandard) == (4, 1, 2, 2)
    assert 0 < report.score < 100 and report.drags[0].points >= report.drags[-1].points
    cleaned = apply_plan(df, suggest_fixes(df))
    assert profile(cleaned).score > report.score  # cleaning shows as a better score
    figure = quality_by_column(report)
    assert figure.axes[0].get_title().startswith("数据质量")


def test_openrefine_keys_and_clusters():
    assert fingerprint("  Tom's Café, Inc. tom ") == "cafe inc tom toms"
    assert ngram_fingerprint("Paris", 2) == "arispari"
    values = ["广州", "广州市", "廣州", "Guangzhou", "guang zhou", "深圳", "Shenzhen"] * 2
    pinyin = {c.key: {v for v, _ in c.values} for c in cluster_values(values, method="pinyin")}
    assert pinyin["guangzhou"] == {"广州", "广州市", "廣州", "Guangzhou", "guang zhou"}
    near = cluster_values(["Guangzhou", "Guagnzhou", "Guangzhou", "Shenzhen"], method="levenshtein")
    assert near[0].suggested == "Guangzhou" and len(near) == 1


def test_values_and_recipe_round_trip():
    assert infer_date_order(["13/1/2023", "5/1/2023"]) == "dmy"
    assert parse_date("5/1/2023", "mdy").iso == "2023-05-01"
    assert parse_money("18.833,00").amount == 18833.0
    assert parse_employees("1000人以上") == [1000, None]
    recipe = Recipe("monthly", ["phone.e164", "city.canonical"], date_order="dmy")
    again = Recipe.from_json(recipe.to_json())
    assert again == recipe
    plan = again.plan_for(messy())
    assert {r.rule_id for r in plan.rules} <= {"phone.e164", "city.canonical"}


def test_changes_are_held_column_wise_and_cleaning_twice_changes_nothing():
    df = messy()
    plan = suggest_fixes(df)
    phone = plan.columns["phone"]
    # One array entry per changed cell, no object per change (memory at a million rows).
    assert len(phone.customer_ids) == len(phone.old) == len(phone.new) == len(phone.rules)
    assert sum(len(c) for c in plan.columns.values()) == len(plan.changes)
    typo = plan.changes_for("email.typo_domain")
    assert [(c.customer_id, c.new) for c in typo] == [(3, "karen@gmail.com"), (4, "li.na@163.com")]
    assert len(plan.changes_for("phone.e164", limit=1)) == 1
    only = plan.only(["fake.blank"])
    assert set(only.columns) == {"name", "phone", "email", "city"}
    assert only.flags[2] == {"name": "fake", "phone": "fake", "email": "fake", "city": "fake"}
    assert plan.changes[0] == next(iter(plan.changes))
    cleaned = apply_plan(df, plan)
    again = suggest_fixes(cleaned)
    assert again.is_empty() and len(again.changes) == 0
    # Read back from SQLite a yes is 1 and a band is a list: still nothing to change.
    stored = cleaned.copy()
    stored["consent"] = [None if v is None else int(v) for v in stored["consent"]]
    stored["total_spent"] = [int(v) for v in stored["total_spent"]]
    assert suggest_fixes(stored).only(["consent.parse", "money.parse"]).is_empty()
