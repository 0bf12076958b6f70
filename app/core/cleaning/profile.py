"""Check: how bad is the data? Per column filled %, valid %, distinct, top values, fakes,
and a 0-100 quality score with what drags it down."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from app.core.cleaning.cache import ValueCache
from app.core.cleaning.email import EmailColumns, normalize_email, normalize_emails
from app.core.cleaning.fake import is_fake
from app.core.cleaning.geo import normalize_city, normalize_province
from app.core.cleaning.names import normalize_name
from app.core.cleaning.phone import normalize_phone
from app.core.cleaning.values import (
    INDUSTRIES,
    normalize_industry,
    parse_consent,
    parse_count,
    parse_date,
    parse_employees,
    parse_money,
)
from app.core.fields import ROLE_KEYS
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.progress import ProgressFn, check_cancel, no_progress

# Weight of each column in the quality score: contact fields matter most for marketing.
WEIGHTS = {"name": 3, "phone": 3, "email": 3, "company": 1, "city": 2, "province": 1,
           "industry": 1, "consent": 2}
# Share of a column's points each kind of problem costs, per affected row. A value that is
# usable but not yet written the standard way (13800138000 for +8613800138000) costs little:
# Clean fixes its form, but the customer can already be reached.
ISSUE_WEIGHTS = {"missing": 0.5, "invalid": 0.5, "fake": 1.0, "format": 0.1}
ISSUES = {
    "missing": QT_TRANSLATE_NOOP("cleaning", "{field}: {percent}% empty"),
    "invalid": QT_TRANSLATE_NOOP("cleaning", "{field}: {percent}% not in a usable form"),
    "fake": QT_TRANSLATE_NOOP("cleaning", "{field}: {count} fake or placeholder values"),
    "format": QT_TRANSLATE_NOOP("cleaning",
                                "{field}: {percent}% usable but not yet in the standard form"),
}
DATE_FIELDS = ("first_purchase", "last_purchase", "birthday")
SLICE = 100_000  # distinct values per numpy call over objects (each call holds the GIL)


def _judge(field_name: str, value, known=None, region: str = "CN") -> tuple[bool, bool]:
    """(usable, standard) for a filled, non-fake cell as it stands (before cleaning).

    usable: the cell holds a real value of its role that Clean can read: a phone number
    phonenumbers accepts in the default region (13800138000, '138 0013 8000'), an address
    that is valid once trimmed and lower-cased, a date or amount written as text.
    standard: it is already written the way Clean stores it (+8613800138000, 2023-05-01).
    `known`: the normaliser's result for this value when the run already has it."""
    if field_name == "phone":
        result = known or normalize_phone(value, region)
        if not result.valid:
            return False, False
        return True, str(value).strip() == result.e164 and not result.alternates
    if field_name == "email":
        result = known or normalize_email(value)
        # A mistyped provider (gmial.com) bounces as written: not usable until repaired.
        if not result.valid or result.suggestion is not None:
            return False, False
        return True, value == result.email
    if field_name == "name":
        result = known or normalize_name(value)
        return bool(result.name), result.name == value
    if field_name == "city":
        result = known or normalize_city(value)
        # Names the gazetteer does not know stay as written but are not counted as usable.
        if result.reason is not None:
            return False, False
        return True, result.city == value
    if field_name == "province":
        result = normalize_province(value)
        return result is not None, result == value
    if field_name == "industry":
        return True, value in INDUSTRIES or normalize_industry(value) == value
    if field_name in DATE_FIELDS:
        iso = parse_date(value).iso
        return iso is not None, iso == value
    if field_name == "total_spent":
        usable = parse_money(value).amount is not None
        return usable, usable and _number(value)
    if field_name == "orders":
        usable = parse_count(value) is not None
        return usable, usable and type(value) is int
    if field_name == "employees":
        return parse_employees(value) is not None, isinstance(value, int | list) and not (
            isinstance(value, bool))
    if field_name == "consent":
        # 是 / 同意 / Y are answers; 未知 or N/A is not (Clean leaves it blank).
        usable = parse_consent(value) is not None
        return usable, usable and (value in ("yes", "no") or type(value) in (bool, int))
    return True, True


# _judge for a value whose normaliser result the run already has (same answers, fewer calls).
_QUICK = {
    "phone": lambda v, r: (r.valid, r.valid and str(v).strip() == r.e164 and not r.alternates),
    "name": lambda v, r: (bool(r.name), r.name == v),
    "city": lambda v, r: ((ok := r.reason is None), ok and r.city == v),
}


def _judge_all(field_name: str, uniques: list, known: list | None, region: str,
               mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(usable, standard) per distinct value, judged where `mask` (False elsewhere)."""
    usable = np.zeros(len(uniques), dtype=bool)
    standard = np.zeros(len(uniques), dtype=bool)
    where = np.flatnonzero(mask)
    if not len(where):
        return usable, standard
    if isinstance(known, EmailColumns):
        # usable: valid, and no typo domain to repair; standard: already as stored. A slice
        # at a time: a million text comparisons are one C call (~0.1 s with the GIL held).
        for start in range(0, len(where), SLICE):
            at = where[start:start + SLICE]
            ok = known.valid[at] & np.equal(known.suggestion[at], None)
            values = np.empty(len(at), dtype=object)
            values[:] = [uniques[i] for i in at.tolist()]
            usable[at] = ok
            standard[at] = ok & (values == known.email[at])
        return usable, standard
    at = where.tolist()
    quick = _QUICK.get(field_name) if known is not None else None
    if quick is not None:
        judged = [quick(uniques[i], known[i]) for i in at]
    else:
        judged = [_judge(field_name, uniques[i], None if known is None else known[i], region)
                  for i in at]
    usable[at] = [u for u, _ in judged]
    standard[at] = [st for _, st in judged]
    return usable, standard


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# The normaliser results suggest_fixes also needs (same cache keys as plan.py).
def _shared(region: str) -> dict:
    return {"phone": (f"normal:{region}", lambda v: normalize_phone(v, region)),
            "name": ("normal", normalize_name),
            "city": ("normal", normalize_city)}


@dataclass
class ColumnProfile:
    field: str
    rows: int
    filled: int
    valid: int
    distinct: int
    fake: int
    top_values: list[tuple[str, int]] = field(default_factory=list)
    nonstandard: int = 0  # of the valid cells: usable, but Clean still rewrites their form

    @property
    def filled_pct(self) -> float:
        return 100.0 * self.filled / self.rows if self.rows else 0.0

    @property
    def valid_pct(self) -> float:
        """Share of the filled cells holding a usable value of the column's role (whether or
        not it is written the standard way yet)."""
        return 100.0 * self.valid / self.filled if self.filled else 0.0

    @property
    def nonstandard_pct(self) -> float:
        """Share of the filled cells that are usable but not yet in the standard form."""
        return 100.0 * self.nonstandard / self.filled if self.filled else 0.0


@dataclass
class Drag:
    field: str
    issue: str  # "missing" | "invalid" | "fake" | "format"
    points: float  # score points lost
    template: str  # English, context "cleaning"; params: field, percent, count
    params: dict = field(default_factory=dict)


@dataclass
class ProfileReport:
    rows: int
    columns: list[ColumnProfile]
    score: float
    drags: list[Drag]

    def column(self, name: str) -> ColumnProfile | None:
        return next((c for c in self.columns if c.field == name), None)


def profile(customers: pd.DataFrame, *, region: str = "CN", progress: ProgressFn | None = None,
            cancel=None, cache: ValueCache | None = None) -> ProfileReport:
    """Per column filled/valid/distinct/top/fake, judged once per distinct value. `region`:
    the country of phone numbers written without +code. `cache` (cache.cache_for(frame))
    lets a following suggest_fixes reuse the normalisers' work."""
    progress = progress or no_progress
    shared = _shared(region)
    cache = cache or ValueCache(customers)
    fields = [f for f in ROLE_KEYS if f in customers.columns]
    rows = len(customers)
    columns = []
    for n, name in enumerate(fields):
        check_cancel(cancel)
        progress(n / max(len(fields), 1), name)
        col = cache.column(customers, name)
        counts = col.counts
        uniques = col.uniques.tolist()
        filled_a = ~col.blank
        filled_u = filled_a.tolist()
        known = (cache.results(col, name, shared[name][0], shared[name][1])
                 if name in shared else None)
        if name == "email":
            known = cache.batch(col, name, "normal", normalize_emails)  # as plan.py
            # normalize_email calls an address valid only after is_fake said no: ask is_fake
            # again only for the rest (a million distinct addresses: ~2 s saved).
            fakes = [None] * len(uniques)
            for i in np.flatnonzero(~known.valid).tolist():
                fakes[i] = is_fake(name, uniques[i])
        else:
            fakes = cache.results(col, name, "fake", lambda v, name=name: is_fake(name, v))
        # Summed per distinct value in numpy: a million distinct e-mails judged in one pass.
        fake_a = filled_a & np.fromiter((bool(f) for f in fakes), dtype=bool,
                                        count=len(uniques))
        judged = filled_a & ~fake_a
        usable_a, standard_a = _judge_all(name, uniques, known, region, judged)
        filled = int(counts[filled_a].sum())
        fake = int(counts[fake_a].sum())
        valid = int(counts[usable_a].sum())
        nonstandard = int(counts[usable_a & ~standard_a].sum())
        # Counted as the user sees them: 3 and 3.0 are one value; a band by its text. Texts
        # are distinct values already (cache.factorize); only the rest go through a dict (one
        # of a million texts copied itself in one C call as it grew: 55-125 ms, GIL held).
        others: dict = {}  # key -> [count, first unique]
        numbers: list[int] = []  # uniques holding an int, float or bool (counted in numpy)
        not_text = np.fromiter((type(v) is not str for v in uniques), dtype=bool,
                               count=len(uniques))
        for i in np.flatnonzero(filled_a & not_text).tolist():
            value = uniques[i]
            if type(value) in _NUMBERS and not (type(value) is int and abs(value) > _EXACT):
                numbers.append(i)
            else:
                count = int(counts[i])
                key = str(value) if isinstance(value, list | dict) else value
                seen = others.get(key)
                if seen is None:
                    others[key] = [count, i]
                else:
                    seen[0] += count
        distinct, top = _distinct_and_top(uniques, filled_u, counts, others, numbers)
        columns.append(ColumnProfile(name, rows, filled, valid, distinct, fake, top,
                                     nonstandard))
    progress(1.0, "")
    return ProfileReport(rows, columns, *_score(columns))


_NUMBERS = (int, float, bool)
_EXACT = 2 ** 53  # ints a float64 holds exactly; larger ones are counted through the dict


def _distinct_and_top(uniques: list, filled_u: list, counts: np.ndarray, others: dict,
                      numbers: list[int]) -> tuple[int, list[tuple[str, int]]]:
    """How many distinct filled values, and the five most frequent as (text, count), the
    first seen first among equals, a value shown as first written.

    Texts are distinct already; numbers are one value when equal (3, 3.0 and True == 1, as a
    dict would count them), grouped by a sort; `others` ({key: [count, first unique]}) holds
    the rest, a band keyed by its text, which may equal a typed text (one value then)."""
    text = np.fromiter((type(v) is str for v in uniques), dtype=bool, count=len(uniques))
    text &= np.asarray(filled_u, dtype=bool)
    text_at = np.flatnonzero(text)
    text_counts = counts[text_at].astype(np.int64)
    text_first = text_at.copy()  # first unique of each text's value (a band may come first)
    typed = None
    for key, seen in list(others.items()):
        if type(key) is str and len(text_at):
            if typed is None:
                typed = np.asarray(uniques, dtype=object)[text_at]
            same = np.flatnonzero(typed == key)
            if len(same):
                text_counts[same[0]] += seen[0]
                text_first[same[0]] = min(text_first[same[0]], seen[1])
                del others[key]
    # Candidates: each part's five largest by count and first appearance, then the five
    # largest of those.
    best = np.lexsort((text_first, -text_counts))[:5]
    candidates = [(int(text_counts[j]), int(text_first[j])) for j in best]
    groups = 0
    if numbers:
        at = np.asarray(numbers, dtype=np.int64)  # ascending: first seen first
        values = np.fromiter((float(uniques[i]) for i in numbers), dtype=np.float64,
                             count=len(numbers))
        _, first, inverse = np.unique(values, return_index=True, return_inverse=True)
        sums = np.bincount(inverse.reshape(-1), weights=counts[at], minlength=len(first))
        groups = len(first)
        for g in np.lexsort((at[first], -sums))[:5].tolist():
            candidates.append((int(sums[g]), int(at[first[g]])))
    candidates += [(c, i) for c, i in others.values()]
    candidates.sort(key=lambda c: (-c[0], c[1]))
    top = [(_shown(uniques[i]), count) for count, i in candidates[:5]]  # a band as its text
    return len(text_at) + groups + len(others), top


def _shown(value) -> str:
    return value if type(value) is str else str(value)


def _score(columns: list[ColumnProfile]) -> tuple[float, list[Drag]]:
    weighted = [(c, WEIGHTS.get(c.field, 1)) for c in columns]
    total = sum(w for _, w in weighted) or 1
    drags = []
    lost = 0.0
    for c, w in weighted:
        if not c.rows:
            continue
        share = 100.0 * w / total  # points this column is worth
        missing = (c.rows - c.filled) / c.rows
        fake = c.fake / c.rows
        invalid = max(c.filled - c.valid - c.fake, 0) / c.rows
        nonstandard = c.nonstandard / c.rows
        for issue, part in (("missing", missing), ("invalid", invalid), ("fake", fake),
                            ("format", nonstandard)):
            points = share * part * ISSUE_WEIGHTS[issue]
            if points >= 0.05:
                lost += points
                drags.append(Drag(c.field, issue, round(points, 1), ISSUES[issue],
                                  {"field": c.field, "percent": round(100 * part, 1),
                                   "count": c.fake}))
    drags.sort(key=lambda d: -d.points)
    return round(max(0.0, 100.0 - lost), 1), drags
