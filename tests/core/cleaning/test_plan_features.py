"""Fake-value choices (blank / keep / exclude), shared contacts, phones from notes, and the
per-distinct-value fast paths agreeing with the full normalisers."""

import random

import numpy as np
import pandas as pd
import pytest

from app.core.cleaning.cache import ValueCache, factorize
from app.core.cleaning.email import _normalize_email, normalize_email, normalize_emails
from app.core.cleaning.phone import _normalize_phone, normalize_phone
from app.core.cleaning.plan import apply_plan, describe_flag, note_phones_plan, suggest_fixes
from app.core.cleaning.profile import profile


def frame(rows, cols=("customer_id", "name", "phone", "email", "notes")):
    df = pd.DataFrame(rows, columns=list(cols)).astype(object)
    return df.where(df.notna(), None)


MESSY = [
    (1, "王伟", "13912345678", "wangwei@qq.com", None),
    (2, "张三", "13800000000", "test@test.com", None),
    (3, "李娜", "+86 139-1234-5678", "lina@163.com", "老板手机 13700001234"),
]


def test_fake_blank_keep_or_exclude():
    blank = suggest_fixes(frame(MESSY))
    assert blank.flags[2] == {"name": "fake", "phone": "fake", "email": "fake"}
    assert apply_plan(frame(MESSY), blank).set_index("customer_id").loc[2, "email"] is None

    keep = suggest_fixes(frame(MESSY), fake="keep")
    assert keep.flags[2] == {"name": "fake", "phone": "fake", "email": "fake"}
    kept = apply_plan(frame(MESSY), keep).set_index("customer_id")
    assert kept.loc[2, "email"] == "test@test.com" and kept.loc[2, "phone"] == "13800000000"
    assert keep.counts()["fake.blank"] == 3 and not keep.excluded
    assert "keep" in next(r.label for r in keep.rules if r.rule_id == "fake.blank")

    exclude = suggest_fixes(frame(MESSY), fake="exclude")
    assert exclude.excluded == [2]
    out = apply_plan(frame(MESSY), exclude)
    assert 2 not in set(out["customer_id"]) and len(out) == 2
    assert exclude.only(["phone.e164"]).excluded == []  # exclusion follows the fake rule
    with pytest.raises(ValueError):
        suggest_fixes(frame(MESSY), fake="delete")


def test_one_mobile_shared_by_many_different_names_is_flagged_with_its_reason():
    rows = [(i, name, "13912345678", f"p{i}@qq.com", None)
            for i, name in enumerate(["王伟", "陈静", "刘洋", "赵敏"], start=1)]
    # The same person spelt several ways is one name, not four: 刘皓 / 刘浩 / Liu Hao.
    rows += [(10 + i, name, "13687654321", "liuhao@qq.com", None)
             for i, name in enumerate(["刘皓", "刘浩", "Liu Hao", "Hao Liu"])]
    plan = suggest_fixes(frame(rows))
    assert [plan.flags[i]["phone"] for i in range(1, 5)] == ["shared:4"] * 4
    assert not any("phone" in plan.flags.get(10 + i, {}) for i in range(4))
    assert not any("email" in plan.flags.get(10 + i, {}) for i in range(4))
    assert plan.counts()["contact.shared"] == 4
    assert describe_flag("shared:4") == "shared by 4 different names"
    assert describe_flag("shared:4", "zh") == "4 个不同姓名共用"
    # Flag only: the number stays (a person may share a phone; the user decides).
    assert apply_plan(frame(rows), plan).set_index("customer_id").loc[1, "phone"] == "+8613912345678"
    assert "contact.shared" not in suggest_fixes(frame(rows), only=["phone.e164"]).counts()


def test_phones_found_in_notes_become_alternates_when_applied():
    plan = suggest_fixes(frame(MESSY))
    assert [(s.customer_id, s.value) for s in plan.suggestions] == [(3, "+8613700001234")]
    notes = note_phones_plan(plan)
    assert notes.alt_phones == {3: ["+8613700001234"]} and notes.counts() == {"phone.from_notes": 1}
    out = apply_plan(frame(MESSY), notes).set_index("customer_id")
    assert out.loc[3, "alt_phones"] == ["+8613700001234"]
    assert note_phones_plan(plan, customer_ids=[1]).is_empty()


def test_fast_paths_give_what_the_full_parse_gives():
    rng = random.Random(7)
    phones = []
    for _ in range(3000):
        d = "1" + "".join(rng.choice("0123456789") for _ in range(10))
        phones += [d, f"+86 {d[:3]}-{d[3:7]}-{d[7:]}", f"{d[:3]} {d[3:7]} {d[7:]}", int(d), float(d)]
    phones += ["13800000000", "+86 138-0000-0000", "12345678901"]
    assert all(normalize_phone(p) == _normalize_phone(p) for p in phones)
    emails = ["Wang@QQ.COM ", "karen@gmial.com", "li.na@163.cm", "test@test.com", "asdf@asdf.com",
              "a..b@qq.com", "x@localhost", "info@company.cn", "o'brien@mail.ie", " A B@qq.com",
              "zhang.wei+crm@outlook.com", "aaa@qq.com", "x@-bad.com", "x" * 70 + "@qq.com",
              # full-width, line breaks and tabs, wrapped, no @, spaces that make a fake
              "ＴＥＳＴ＠ｑｑ．ｃｏｍ", "ｈｈ１９９１＠１６３．ｃｏｍ", "Ｑ　Ｑ@qq.com", "wu@qq.con\n",
              "te\tst@test.com", "ab c@ab c.com", "a a@qq.com", "<Li@QQ.com>", "mailto:a@qq.com",
              "a@qq.com;", "a\u200b@qq.com", "ﬃ" * 100 + "@qq.com", "a@b", "a@@qq.com", "asdf",
              "@qq.com", "x@y.test", "张三@qq.com", "q@qq.co"]
    assert all(normalize_email(e) == _normalize_email(e) == _normalize_email(e, quick=False)
               for e in emails)
    # Column-wise (a million distinct addresses at once): the same answers, field by field.
    many = np.array([*emails, None, "", 7, *phones[:50]] * 3, dtype=object)
    columns = normalize_emails(many)
    assert [columns[i] for i in range(len(many))] == [normalize_email(e) for e in many]


def test_distinct_values_keep_their_types_and_the_cache_is_shared():
    col = factorize([1, 1.0, True, "1", None, float("nan"), [50, 199], [50, 199], 1])
    assert list(col.codes) == [0, 1, 2, 3, -1, -1, 4, 4, 0]
    assert [type(v) for v in col.uniques] == [int, float, bool, str, list]
    df = frame(MESSY)
    cache = ValueCache(df)
    report = profile(df, cache=cache)
    assert report.column("phone").fake == 1
    calls = []
    cache.results(cache.column(df, "phone"), "phone", "normal:CN", lambda v: calls.append(v))
    assert calls == []  # profile already normalised every distinct phone once
    assert suggest_fixes(df, cache=cache).counts() == suggest_fixes(df).counts()


def _big_text_column(n=120_000):
    # Above one slice (50k): text, repeats, None and NaN, and text that looks like numbers.
    values = [f"user{i % 70_000}@qq.com" for i in range(n)]
    for i in range(0, n, 7):
        values[i] = None if i % 2 else float("nan")
    values[5] = "1"
    values[6] = "1.0"
    return values


@pytest.mark.parametrize("dict_limit", [100_000, 10])  # numbered by a dict, or by hashes
def test_a_big_text_column_is_coded_like_pandas_in_first_appearance_order(monkeypatch, dict_limit):
    from app.core.cleaning import cache

    monkeypatch.setattr(cache, "DICT_LIMIT", dict_limit)
    values = _big_text_column()
    col = factorize(values)
    codes, uniques = pd.factorize(np.array(values, dtype=object), use_na_sentinel=True)
    assert np.array_equal(col.codes, codes)
    assert list(col.uniques) == list(uniques)


def test_equal_hashes_of_different_texts_fall_back_to_exact_codes(monkeypatch):
    # Two different texts with one hash must stay two values: the check after hashing sees
    # it and the exact (dict) path decides.
    import pandas.util

    real = pandas.util.hash_array

    def clashing(values, **kw):
        out = real(values, **kw)
        out[:] = out % 3  # thousands of different texts now share three hashes
        return out

    monkeypatch.setattr(pandas.util, "hash_array", clashing)
    from app.core.cleaning import cache

    monkeypatch.setattr(cache, "DICT_LIMIT", 10)  # too many texts for the dict: hashed
    values = _big_text_column()
    col = factorize(values)
    codes, _ = pd.factorize(np.array(values, dtype=object), use_na_sentinel=True)
    assert np.array_equal(col.codes, codes)


def test_a_big_column_of_every_kind_keeps_each_kind_apart_in_first_appearance_order():
    # Over a slice (50k): counts, amounts, flags, texts, bands, huge ids and blanks, where
    # 1, 1.0, True and "1" are four values and 0.0 / -0.0 one; NaN and None are blank.
    kinds = [1, 1.0, True, "1", None, float("nan"), [50, 199], 0.0, -0.0, 2 ** 70,
             np.int64(1), False, 0, "", 2.5]
    values = [kinds[(i * 7) % len(kinds)] if i % 5 else f"t{i % 3001}" for i in range(120_000)]
    col = factorize(values)

    def key(v):
        if v is None or (isinstance(v, float) and v != v):
            return None
        return (list, tuple(v)) if isinstance(v, list) else (type(v), v)

    seen: dict = {}
    expected = [-1 if key(v) is None else seen.setdefault(key(v), len(seen)) for v in values]
    assert col.codes.tolist() == expected
    firsts = {}
    for v in values:
        if key(v) is not None:
            firsts.setdefault(key(v), v)
    assert [key(v) for v in col.uniques] == list(firsts)
