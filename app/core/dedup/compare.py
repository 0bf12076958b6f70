"""Comparison levels: how strongly two records agree on each field, for many pairs at once.

Each comparison turns the pairs (i, j) into one small integer per pair: -1 when either record
lacks the field (no evidence either way), 0 for disagreement, and higher levels for stronger
agreement. String similarity runs inside rapidfuzz's C++ (`process.cpdist`), element-wise
over all pairs, so Python never loops over pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein
from rapidfuzz.fuzz import ratio as fuzz_ratio
from rapidfuzz.fuzz import token_set_ratio, token_sort_ratio

from app.core.dedup.keys import MatchKeys
from app.core.i18n import QT_TRANSLATE_NOOP

MISSING = -1
_NOT_DIGIT = re.compile(r"\D")
# rapidfuzz turns a whole batch of Python strings into its own form while holding the GIL;
# a million pairs held it ~0.2 s, freezing the app's window. Slices this big take ~20 ms.
CPDIST_SLICE = 100_000


@dataclass(frozen=True)
class Comparison:
    """One field's comparison: the level labels, weakest (0 = disagree) to strongest."""

    field: str
    labels: tuple[str, ...]
    # levels whose agreement is on a specific value, so a common value counts for less
    tf_levels: tuple[int, ...] = ()


NAME = Comparison(
    "name",
    (
        QT_TRANSLATE_NOOP("dedup", "different"),
        QT_TRANSLATE_NOOP("dedup", "somewhat similar"),
        QT_TRANSLATE_NOOP("dedup", "very similar"),
        QT_TRANSLATE_NOOP("dedup", "same in pinyin"),
        QT_TRANSLATE_NOOP("dedup", "identical"),
    ),
    tf_levels=(3, 4),
)
PHONE = Comparison(
    "phone",
    (QT_TRANSLATE_NOOP("dedup", "different"), QT_TRANSLATE_NOOP("dedup", "identical")),
    tf_levels=(1,),
)
EMAIL = Comparison(
    "email",
    (
        QT_TRANSLATE_NOOP("dedup", "different"),
        QT_TRANSLATE_NOOP("dedup", "nearly identical"),
        QT_TRANSLATE_NOOP("dedup", "identical"),
    ),
    tf_levels=(2,),
)
COMPANY = Comparison(
    "company",
    (
        QT_TRANSLATE_NOOP("dedup", "different"),
        QT_TRANSLATE_NOOP("dedup", "somewhat similar"),
        QT_TRANSLATE_NOOP("dedup", "very similar"),
        QT_TRANSLATE_NOOP("dedup", "identical"),
    ),
    tf_levels=(3,),
)
CITY = Comparison(
    "city", (QT_TRANSLATE_NOOP("dedup", "different"), QT_TRANSLATE_NOOP("dedup", "identical"))
)
ADDRESS = Comparison(
    "address",
    (
        QT_TRANSLATE_NOOP("dedup", "different"),
        QT_TRANSLATE_NOOP("dedup", "somewhat similar"),
        QT_TRANSLATE_NOOP("dedup", "very similar"),
        QT_TRANSLATE_NOOP("dedup", "identical"),
    ),
)


def _exact_or_near(field: str) -> Comparison:
    return Comparison(
        field,
        (
            QT_TRANSLATE_NOOP("dedup", "different"),
            QT_TRANSLATE_NOOP("dedup", "one character apart"),
            QT_TRANSLATE_NOOP("dedup", "identical"),
        ),
    )


BIRTHDAY = _exact_or_near("birthday")
POSTCODE = _exact_or_near("postcode")
ID_NUMBER = _exact_or_near("id_number")
GENDER = Comparison(
    "gender", (QT_TRANSLATE_NOOP("dedup", "different"), QT_TRANSLATE_NOOP("dedup", "identical"))
)
OPTIONAL = {"birthday": BIRTHDAY, "postcode": POSTCODE, "id_number": ID_NUMBER, "gender": GENDER}


def comparisons_for(keys: MatchKeys) -> list[Comparison]:
    """The comparisons that apply to these records (fields nobody has are left out)."""
    found = [NAME, PHONE, EMAIL, COMPANY, CITY]
    if keys.address is not None:
        found.append(ADDRESS)
    found += [OPTIONAL[name] for name in keys.extra_codes if name in OPTIONAL]
    return found


def cpdist(a: np.ndarray, b: np.ndarray, scorer) -> np.ndarray:
    """process.cpdist(a, b) over object arrays of strings, in slices (see CPDIST_SLICE)."""
    parts = [
        process.cpdist(a[k:k + CPDIST_SLICE].tolist(), b[k:k + CPDIST_SLICE].tolist(),
                       scorer=scorer, workers=-1)
        for k in range(0, len(a), CPDIST_SLICE)
    ]
    return np.concatenate(parts) if parts else np.zeros(0)


def cpdist_rows(strings: np.ndarray, i: np.ndarray, j: np.ndarray, scorer) -> np.ndarray:
    """cpdist(strings[i], strings[j], scorer) with the strings picked a slice of pairs at a
    time (strings[i] over millions of pairs is one object-array fill holding the GIL)."""
    parts = [
        process.cpdist(strings[i[k:k + CPDIST_SLICE]].tolist(),
                       strings[j[k:k + CPDIST_SLICE]].tolist(), scorer=scorer, workers=-1)
        for k in range(0, len(i), CPDIST_SLICE)
    ]
    return np.concatenate(parts) if parts else np.zeros(0)


def _similarity(strings: np.ndarray, i: np.ndarray, j: np.ndarray, scorer) -> np.ndarray:
    """scorer(strings[i], strings[j]) per pair (0..1), NaN where either is missing.

    A slice of pairs at a time: strings[i] over all candidate pairs allocated and filled an
    object array of tens of millions in one numpy call (0.2-0.35 s with the GIL held at 1M
    rows, the window frozen), twice per comparison."""
    out = np.empty(len(i))  # not np.full: every slice writes its part
    for k in range(0, len(i), CPDIST_SLICE):
        a, b = strings[i[k:k + CPDIST_SLICE]], strings[j[k:k + CPDIST_SLICE]]
        present = np.fromiter(
            (x is not None and y is not None for x, y in zip(a, b, strict=True)),
            dtype=bool,
            count=len(a),
        )
        part = np.full(len(a), np.nan)
        if present.any():
            part[present] = cpdist(a[present], b[present], scorer)
        out[k:k + len(a)] = part
    return out


def _shared(codes: np.ndarray, multi: dict[int, frozenset[int]], i, j) -> np.ndarray:
    """True where the two records share a value, looking at every alternate as well."""
    same = (codes[i] == codes[j]) & (codes[i] >= 0)
    if multi:
        has_multi = np.fromiter(
            (int(a) in multi or int(b) in multi for a, b in zip(i, j, strict=True)),
            dtype=bool,
            count=len(i),
        )
        for k in np.flatnonzero(has_multi & ~same):
            a, b = int(i[k]), int(j[k])
            left = multi.get(a) or frozenset([codes[a]])
            right = multi.get(b) or frozenset([codes[b]])
            same[k] = bool((left & right) - {-1})
    return same


def _levels_from_score(score: np.ndarray, cuts: list[float]) -> np.ndarray:
    """Map similarity (0..1, NaN missing) onto levels 0..len(cuts) by ascending cut-offs."""
    out = np.zeros(len(score), dtype=np.int8)
    for level, cut in enumerate(cuts, start=1):
        out[score >= cut] = level
    out[np.isnan(score)] = MISSING
    return out


def _value_similarity(strings: np.ndarray, codes: np.ndarray, i, j, scorer) -> np.ndarray:
    """scorer(value of i, value of j) for pairs whose codes are both present (>= 0), worked out
    once per distinct pair of codes: a million records give millions of candidate pairs but
    far fewer pairs of values (a company's staff pair up with the same few names of other
    companies). `strings[code]` is the value of each code."""
    if not len(i):
        return np.zeros(0)
    pair = codes[i].astype(np.int64) * len(strings) + codes[j]
    distinct, inverse = np.unique(pair, return_inverse=True)
    scores = cpdist(strings[distinct // len(strings)], strings[distinct % len(strings)], scorer)
    return scores[inverse]


def _different_values(codes: np.ndarray, i, j) -> tuple[np.ndarray, np.ndarray]:
    """(rows where both have a value and the values differ, rows where they are one value)."""
    a, b = codes[i], codes[j]
    present = (a >= 0) & (b >= 0)
    return np.flatnonzero(present & (a != b)), present & (a == b)


def compare_name(keys: MatchKeys, i, j) -> np.ndarray:
    # One name key is "same in pinyin" whatever else holds (set below), so the string
    # similarities are only needed where the keys differ.
    strings = keys.name_key_strings
    rows, key_same = _different_values(keys.name_key_code, i, j)
    out = np.full(len(i), MISSING, dtype=np.int8)
    a, b = i[rows], j[rows]
    jw = _value_similarity(strings, keys.name_key_code, a, b, JaroWinkler.normalized_similarity)
    # token order differs between "Zhang Wei" and "Wei Zhang"; take the better of both readings
    sort = _value_similarity(strings, keys.name_key_code, a, b, token_sort_ratio) / 100.0
    out[rows] = _levels_from_score(np.fmax(jw, sort), [0.80, 0.92])
    # Chinese names: a shared surname makes pinyin look alike (罗平璐 / 罗宁 are a family), while
    # real typos are homophones (李洁 / 黎洁, same key) or a dropped last character (周梅宁 / 周梅).
    han = keys.name_han[i] | keys.name_han[j]
    if han.any():
        rows = np.flatnonzero(han & (out >= 0))
        prefix = np.empty(len(rows), dtype=bool)
        for k in range(0, len(rows), CPDIST_SLICE):  # (a slice of names at a time, as above)
            part = rows[k:k + CPDIST_SLICE]
            a, b = keys.name[i[part]], keys.name[j[part]]
            prefix[k:k + len(part)] = np.fromiter(
                (
                    x is not None and y is not None and min(len(x), len(y)) >= 2
                    and (x.startswith(y) or y.startswith(x))
                    for x, y in zip(a, b, strict=True)
                ),
                dtype=bool,
                count=len(part),
            )
        out[rows] = np.where(prefix & keys.name_han[i[rows]] & keys.name_han[j[rows]], 2, 0)
    squash = keys.name_squash_code
    if squash is not None:
        # the same letters with a space or mark slipped in or out: "laur a hefford" is a typo
        # of "laura hefford"; "CaiCheng" is 蔡成 in pinyin
        same_letters = (squash[i] == squash[j]) & (squash[i] >= 0) & (out < 3)
        out[same_letters] = np.where(han[same_letters], 3, np.maximum(out[same_letters], 2))
    out[key_same] = 3
    exact = (keys.name_code[i] == keys.name_code[j]) & (keys.name_code[i] >= 0)
    out[exact] = 4
    return out


def compare_phone(keys: MatchKeys, i, j) -> np.ndarray:
    present = (keys.phone_code[i] >= 0) & (keys.phone_code[j] >= 0)
    out = np.full(len(i), MISSING, dtype=np.int8)
    out[present] = 0
    out[_shared(keys.phone_code, keys.multi_phone, i, j) & present] = 1
    return out


def compare_email(keys: MatchKeys, i, j) -> np.ndarray:
    """Two different mailboxes at one company domain are colleagues, not one person, so a
    shared domain earns nothing; only a one-character slip counts as nearly identical, and
    only when the numbers in both addresses are the same: 12345678@qq.com and
    12345679@qq.com are two QQ accounts, wangwei1985@ and wangwei1986@ two 王伟."""
    present = (keys.email_code[i] >= 0) & (keys.email_code[j] >= 0)
    out = np.full(len(i), MISSING, dtype=np.int8)
    out[present] = 0
    rows = np.flatnonzero(present & (keys.email_code[i] != keys.email_code[j]))  # (one = 2)
    if len(rows):
        dist = cpdist_rows(keys.email, i[rows], j[rows], Levenshtein.distance)
        near = rows[dist <= 1]
        same_numbers = np.fromiter(
            (_NOT_DIGIT.sub("", a) == _NOT_DIGIT.sub("", b)
             for a, b in zip(keys.email[i[near]], keys.email[j[near]], strict=True)),
            dtype=bool, count=len(near))
        out[near[same_numbers]] = 1
    out[present & _shared(keys.email_code, keys.multi_email, i, j)] = 2
    return out


def compare_company(keys: MatchKeys, i, j) -> np.ndarray:
    """One company key is "identical" unless the two names carry different places: 北京乐活
    科技 and 上海乐活科技 are two branches (colleagues of one brand), so "very similar"."""
    strings = keys.company_strings
    rows, same = _different_values(keys.company_code, i, j)
    out = np.full(len(i), MISSING, dtype=np.int8)
    out[same] = 3
    score = _value_similarity(strings, keys.company_code, i[rows], j[rows], token_set_ratio)
    out[rows] = _levels_from_score(score / 100.0, [0.70, 0.90])
    if keys.company_province_code is not None and same.any():
        at = np.flatnonzero(same)
        a, b = i[at], j[at]
        elsewhere = np.zeros(len(at), dtype=bool)
        for code in (keys.company_province_code, keys.company_city_code):
            elsewhere |= (code[a] >= 0) & (code[b] >= 0) & (code[a] != code[b])
        out[at[elsewhere]] = 2
    return out


def compare_equal(code: np.ndarray, i, j) -> np.ndarray:
    out = np.full(len(i), MISSING, dtype=np.int8)
    present = (code[i] >= 0) & (code[j] >= 0)
    out[present] = (code[i] == code[j])[present]
    return out


def compare_near(keys: MatchKeys, name: str, i, j) -> np.ndarray:
    code = keys.extra_codes[name]
    strings = keys.extra_strings[name]
    out = compare_equal(code, i, j) * 2
    out[out < 0] = MISSING
    differ = np.flatnonzero(out == 0)
    if len(differ):
        # optimal string alignment: a swapped pair of digits (19220409 / 19224009,
        # 5162 / 5126) is one slip, as is one wrong digit
        dist = cpdist_rows(strings, i[differ], j[differ], OSA.distance)
        out[differ[dist <= 1]] = 1
    return out


def compare_address(keys: MatchKeys, i, j) -> np.ndarray:
    """Token order, spaces slipped in or out ("walkercerscent") and a part left out ("9 tunney
    crescent" of "9 tunney crescent argyle") do not make two addresses differ; two addresses
    with different numbers (house, flat, room: 88号1单元101 / 102) are never "identical",
    however alike the rest reads."""
    score = _similarity(keys.address, i, j, token_sort_ratio) / 100.0
    if keys.address_squash is not None:
        score = np.fmax(score, _similarity(keys.address_squash, i, j, fuzz_ratio) / 100.0)
        words = np.minimum(keys.address_words[i], keys.address_words[j])
        part = np.flatnonzero((words >= 2) & (score < 0.85))
        if len(part):
            whole = _similarity(keys.address, i[part], j[part], token_set_ratio) >= 100.0
            score[part[whole]] = 0.85
    out = _levels_from_score(score, [0.70, 0.85, 0.97])
    if keys.address_number_code is not None:
        a, b = keys.address_number_code[i], keys.address_number_code[j]
        out[(a >= 0) & (b >= 0) & (a != b) & (out > 2)] = 2
    return out


def compare_pairs(keys: MatchKeys, comparisons: list[Comparison], i, j) -> np.ndarray:
    """Levels for every pair: int8 array shaped (pairs, comparisons)."""
    i = np.asarray(i, dtype=np.int64)
    j = np.asarray(j, dtype=np.int64)
    out = np.empty((len(i), len(comparisons)), dtype=np.int8)
    for col, comparison in enumerate(comparisons):
        name = comparison.field
        if name == "name":
            out[:, col] = compare_name(keys, i, j)
        elif name == "phone":
            out[:, col] = compare_phone(keys, i, j)
        elif name == "email":
            out[:, col] = compare_email(keys, i, j)
        elif name == "company":
            out[:, col] = compare_company(keys, i, j)
        elif name == "city":
            out[:, col] = compare_equal(keys.city_code, i, j)
        elif name == "address":
            out[:, col] = compare_address(keys, i, j)
        elif name == "gender":
            out[:, col] = compare_equal(keys.extra_codes[name], i, j)
        else:
            out[:, col] = compare_near(keys, name, i, j)
    return out
