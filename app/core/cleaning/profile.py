"""Check: how bad is the data? Per column filled %, valid %, distinct, top values, fakes,
and a 0-100 quality score with what drags it down."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from app.core.cleaning.cache import ValueCache
from app.core.cleaning.email import normalize_email
from app.core.cleaning.fake import is_fake
from app.core.cleaning.geo import normalize_city, normalize_province
from app.core.cleaning.names import normalize_name
from app.core.cleaning.phone import normalize_phone
from app.core.cleaning.values import (
    INDUSTRIES,
    normalize_industry,
    parse_count,
    parse_date,
    parse_money,
)
from app.core.fields import ROLE_KEYS
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.progress import ProgressFn, check_cancel, no_progress

# Weight of each column in the quality score: contact fields matter most for marketing.
WEIGHTS = {"name": 3, "phone": 3, "email": 3, "company": 1, "city": 2, "province": 1,
           "industry": 1, "consent": 2}
ISSUES = {
    "missing": QT_TRANSLATE_NOOP("cleaning", "{field}: {percent}% empty"),
    "invalid": QT_TRANSLATE_NOOP("cleaning", "{field}: {percent}% not in a usable form"),
    "fake": QT_TRANSLATE_NOOP("cleaning", "{field}: {count} fake or placeholder values"),
}


def _valid(field_name: str, value, known=None) -> bool:
    """Valid for its role *as it stands* (before cleaning): what the user sees today.
    `known`: the normaliser's result for this value when the run already has it."""
    if field_name == "phone":
        result = known or normalize_phone(value)
        return result.valid and str(value).strip() == result.e164
    if field_name == "email":
        result = known or normalize_email(value)
        return result.valid and result.suggestion is None and str(value) == result.email
    if field_name == "name":
        return (known or normalize_name(value)).name == value and is_fake("name", value) is None
    if field_name == "city":
        result = known or normalize_city(value)
        return result.city == value and result.reason is None
    if field_name == "province":
        return normalize_province(value) == value
    if field_name == "industry":
        return value in INDUSTRIES or normalize_industry(value) == value
    if field_name == "company":
        return is_fake("company", value) is None
    if field_name in ("first_purchase", "last_purchase", "birthday"):
        return parse_date(value).iso == value
    if field_name == "total_spent":
        return isinstance(value, int | float) and parse_money(value).amount is not None
    if field_name == "orders":
        return isinstance(value, int) and parse_count(value) is not None
    if field_name == "employees":
        return isinstance(value, int | list)
    if field_name == "consent":
        return isinstance(value, bool) or value in ("yes", "no")
    return True


# The normaliser results suggest_fixes also needs (same cache keys as plan.py).
_SHARED = {"phone": ("normal:CN", normalize_phone), "email": ("normal", normalize_email),
           "name": ("normal", normalize_name), "city": ("normal", normalize_city)}


@dataclass
class ColumnProfile:
    field: str
    rows: int
    filled: int
    valid: int
    distinct: int
    fake: int
    top_values: list[tuple[str, int]] = field(default_factory=list)

    @property
    def filled_pct(self) -> float:
        return 100.0 * self.filled / self.rows if self.rows else 0.0

    @property
    def valid_pct(self) -> float:
        """Share of the filled cells already valid for the column's role."""
        return 100.0 * self.valid / self.filled if self.filled else 0.0


@dataclass
class Drag:
    field: str
    issue: str  # "missing" | "invalid" | "fake"
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


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip())


def profile(customers: pd.DataFrame, *, progress: ProgressFn | None = None,
            cancel=None, cache: ValueCache | None = None) -> ProfileReport:
    """Per column filled/valid/distinct/top/fake, judged once per distinct value. `cache`
    (cache.cache_for(frame)) lets a following suggest_fixes reuse the normalisers' work."""
    progress = progress or no_progress
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
        filled_u = [not _blank(v) for v in uniques]
        fakes = cache.results(col, name, "fake", lambda v, name=name: is_fake(name, v))
        known = (cache.results(col, name, _SHARED[name][0], _SHARED[name][1])
                 if name in _SHARED else None)
        filled = valid = fake = 0
        distinct: dict = {}
        for i, value in enumerate(uniques):
            if not filled_u[i]:
                continue
            count = int(counts[i])
            filled += count
            # Counted as the user sees them: 3 and 3.0 are one value; a band by its text.
            key = str(value) if isinstance(value, list | dict) else value
            distinct[key] = distinct.get(key, 0) + count
            if fakes[i]:
                fake += count
            elif _valid(name, value, known[i] if known is not None and not _blank(value) else None):
                valid += count
        top = sorted(distinct.items(), key=lambda kv: -kv[1])[:5]  # stable: first seen first
        columns.append(ColumnProfile(name, rows, filled, valid, len(distinct), fake,
                                     [(str(v), c) for v, c in top]))
    progress(1.0, "")
    return ProfileReport(rows, columns, *_score(columns))


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
        for issue, part, weight in (("missing", missing, 0.5), ("invalid", invalid, 0.5),
                                    ("fake", fake, 1.0)):
            points = share * part * weight
            if points >= 0.05:
                lost += points
                drags.append(Drag(c.field, issue, round(points, 1), ISSUES[issue],
                                  {"field": c.field, "percent": round(100 * part, 1),
                                   "count": c.fake}))
    drags.sort(key=lambda d: -d.points)
    return round(max(0.0, 100.0 - lost), 1), drags
