"""Rule segments: a JSON-serialisable rule model and its vectorised evaluation.

A rule is a Group of Conditions and Groups joined by AND or OR, optionally negated:
    {"op": "and", "negate": false, "items": [
        {"field": "city", "op": "equals", "value": "广州"},
        {"op": "or", "items": [{"field": "tags", "op": "has_tag", "value": "VIP"}, ...]}]}
Each predicate is computed once per DISTINCT value of the column (pd.factorize) and spread
back by the codes, so a live count over a million customers costs a few tens of ms per
condition on low-cardinality fields such as city or industry.

Text comparisons ignore case, full-width forms and surrounding spaces; yes/no words
(是/否/Y/N/同意/不同意/true/false) compare as yes/no; numbers compare as numbers and dates
as dates when both sides read as such.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from app.core.errors import UsageProblem
from app.core.fields import ROLE_KEYS, ROLE_LABELS, ROLE_LABELS_ZH
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.segments.lifecycle import lead_score, lifecycle_stage
from app.core.segments.values import parse_amount, parse_date, parse_dates

OPS = ("equals", "not_equals", "gt", "ge", "lt", "le", "contains", "not_contains", "one_of",
       "between", "empty", "not_empty", "within_days", "has_tag")
OP_LABELS = {
    "equals": QT_TRANSLATE_NOOP("rules", "equals"),
    "not_equals": QT_TRANSLATE_NOOP("rules", "does not equal"),
    "gt": QT_TRANSLATE_NOOP("rules", "greater than"),
    "ge": QT_TRANSLATE_NOOP("rules", "at least"),
    "lt": QT_TRANSLATE_NOOP("rules", "less than"),
    "le": QT_TRANSLATE_NOOP("rules", "at most"),
    "contains": QT_TRANSLATE_NOOP("rules", "contains"),
    "not_contains": QT_TRANSLATE_NOOP("rules", "does not contain"),
    "one_of": QT_TRANSLATE_NOOP("rules", "is one of"),
    "between": QT_TRANSLATE_NOOP("rules", "is between"),
    "empty": QT_TRANSLATE_NOOP("rules", "is empty"),
    "not_empty": QT_TRANSLATE_NOOP("rules", "is not empty"),
    "within_days": QT_TRANSLATE_NOOP("rules", "is within the last N days"),
    "has_tag": QT_TRANSLATE_NOOP("rules", "has tag"),
}

# Fields that exist beside the role keys: RFM, clusters, BANT-derived and tags.
EXTRA_FIELDS_ZH = {
    "recency_days": "最近购买天数", "frequency": "购买频次", "monetary": "消费总额",
    "rfm_score": "RFM评分", "rfm_segment": "RFM分群", "rfm_class": "RFM客户类型",
    "cluster": "聚类", "persona": "画像", "tags": "标签", "lifecycle_stage": "生命周期阶段",
    "lead_score": "线索评分", "budget": "预算", "authority": "决策权", "need": "需求",
    "timeline": "时间表", "customer_id": "客户编号",
}
DERIVED = {"lead_score": lead_score, "lifecycle_stage": lifecycle_stage}


@dataclass
class Condition:
    field: str
    op: str
    value: object = None

    def to_dict(self) -> dict:
        return {"field": self.field, "op": self.op, "value": self.value}


@dataclass
class Group:
    op: str = "and"  # "and" | "or"
    items: list = field(default_factory=list)
    negate: bool = False

    def to_dict(self) -> dict:
        return {"op": self.op, "negate": self.negate, "items": [i.to_dict() for i in self.items]}


Rule = Condition | Group


def rule_from_dict(data: Mapping) -> Rule:
    if "items" in data:
        op = str(data.get("op", "and")).lower()
        if op not in ("and", "or"):
            raise UsageProblem(QT_TRANSLATE_NOOP("errors", "A rule group joins with AND or OR, not {op}."), op=op)
        return Group(op=op, items=[rule_from_dict(i) for i in data["items"]],
                     negate=bool(data.get("negate", False)))
    op = data.get("op")
    if op not in OPS:
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "Unknown rule operator {op}."), op=op)
    return Condition(field=str(data.get("field", "")), op=op, value=data.get("value"))


def resolve_field(name: str, columns: Iterable[str] = ()) -> str:
    """A role key, its Chinese or English label, or an existing column -> the column key."""
    text = unicodedata.normalize("NFKC", str(name)).strip()
    columns = list(columns)
    if text in columns or text in ROLE_KEYS or text in EXTRA_FIELDS_ZH:
        return text
    folded = text.casefold()
    for table in (ROLE_LABELS_ZH, ROLE_LABELS, EXTRA_FIELDS_ZH):
        for key, label in table.items():
            if label.casefold() == folded or key.casefold() == folded:
                return key
    for column in columns:
        if str(column).casefold() == folded:
            return column
    return text  # maybe an extra column; evaluate() says if it is nowhere


def _norm(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip().casefold()


_YES = {"yes", "y", "true", "是", "同意", "有", "t"}
_NO = {"no", "n", "false", "否", "不同意", "无", "f"}


def _canon(text: str) -> str:
    return "yes" if text in _YES else "no" if text in _NO else text


def _number(value) -> float:
    if isinstance(value, bool):
        return np.nan
    if isinstance(value, int | float | np.number):
        return float(value)
    if isinstance(value, str) and value.strip():
        amount = parse_amount(value)  # '¥1,200', '1200元', '1.2万' compare as numbers too
        return np.nan if amount is None else amount
    return np.nan


def _date_value(value):
    """A rule operand that reads as a date (and not as a plain number)."""
    if isinstance(value, int | float) or _norm(value).replace(".", "").isdigit():
        return None
    return parse_date(value)


class _Columns:
    """Columns of one evaluation, factorised once and shared by its conditions."""

    def __init__(self, customers: pd.DataFrame, tags, today):
        self.customers = customers
        self.tags = tags
        self.today = pd.Timestamp(today or pd.Timestamp.today()).normalize()
        self._cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def series(self, name: str) -> pd.Series:
        frame = self.customers
        if name in frame:
            return frame[name]
        if name in DERIVED:
            return DERIVED[name](frame, self.today)
        if "extra" in frame and frame["extra"].map(lambda d: isinstance(d, dict) and name in d).any():
            return frame["extra"].map(lambda d: d.get(name) if isinstance(d, dict) else None)
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "There is no field called {field}."),
                           field=name)

    def factorized(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        if name not in self._cache:
            codes, uniques = pd.factorize(self.series(name), use_na_sentinel=True)
            self._cache[name] = (codes, np.asarray(uniques, dtype=object))
        return self._cache[name]

    def texts(self, name: str) -> np.ndarray:
        """Normalised text of each distinct value (vectorised for str values)."""
        key = name + "\0texts"
        if key not in self._cache:
            uniques = pd.Series(self.factorized(name)[1], dtype=object)
            is_str = uniques.map(type).eq(str).to_numpy()
            out = np.empty(len(uniques), dtype=object)
            strings = uniques[is_str].astype(str)
            out[is_str] = strings.str.normalize("NFKC").str.strip().str.casefold().to_numpy()
            out[~is_str] = [_norm(u) for u in uniques[~is_str]]
            self._cache[key] = (out, None)
        return self._cache[key][0]

    def numbers(self, name: str) -> np.ndarray:
        key = name + "\0numbers"
        if key not in self._cache:
            uniques = self.factorized(name)[1]
            try:
                values = uniques.astype(float)  # all numeric: no per-value parsing
            except (TypeError, ValueError):
                values = np.array([_number(u) for u in uniques], dtype=float)
            self._cache[key] = (values, None)
        return self._cache[key][0]


def _spread(codes: np.ndarray, on_uniques: np.ndarray, on_missing: bool) -> np.ndarray:
    table = np.append(np.asarray(on_uniques, dtype=bool), on_missing)
    return table[codes]  # code -1 (missing) reads the appended entry


def evaluate(rule: Rule | Mapping, customers: pd.DataFrame, tags=None, today=None) -> np.ndarray:
    """Boolean mask over customers' rows. `tags`: {customer_id: [tag, ...]}, a frame with
    customer_id and tag columns, or None to use customers["tags"] when present."""
    if isinstance(rule, Mapping):
        rule = rule_from_dict(rule)
    return _evaluate(rule, _Columns(customers, tags, today))


def _evaluate(rule: Rule, cols: _Columns) -> np.ndarray:
    n = len(cols.customers)
    if isinstance(rule, Group):
        if not rule.items:
            mask = np.ones(n, dtype=bool)
        elif rule.op == "and":
            mask = np.ones(n, dtype=bool)
            for item in rule.items:
                mask &= _evaluate(item, cols)
        else:
            mask = np.zeros(n, dtype=bool)
            for item in rule.items:
                mask |= _evaluate(item, cols)
        return ~mask if rule.negate else mask
    return _condition(rule, cols)


def _condition(cond: Condition, cols: _Columns) -> np.ndarray:
    op, value = cond.op, cond.value
    if op == "has_tag":
        return _has_tag(cols, value)
    name = resolve_field(cond.field, cols.customers.columns)
    codes, uniques = cols.factorized(name)
    if op in ("gt", "ge", "lt", "le", "between", "within_days"):
        return _ordered(cond, cols, name, codes, uniques)
    texts = cols.texts(name)
    empty_u = texts == ""
    if op == "empty":
        return _spread(codes, empty_u, True)
    if op == "not_empty":
        return _spread(codes, ~empty_u, False)
    if op in ("equals", "not_equals", "one_of"):
        wanted = value if op == "one_of" else [value]
        if not isinstance(wanted, list | tuple):
            wanted = [wanted]
        hit = np.zeros(len(uniques), dtype=bool)
        for want in wanted:
            w_num, w_text = _number(want), _canon(_norm(want))
            if w_num == w_num:
                hit |= cols.numbers(name) == w_num
            hit |= texts == w_text
            if w_text in ("yes", "no"):
                hit |= np.isin(texts, list(_YES if w_text == "yes" else _NO))
        hit &= ~empty_u
        if op == "not_equals":
            return _spread(codes, ~hit, True)
        return _spread(codes, hit, False)
    if op in ("contains", "not_contains"):
        needle = _norm(value)
        found = pd.Series(texts, dtype=object).str.contains(needle, regex=False)
        hit = found.to_numpy(bool) & ~empty_u
        return _spread(codes, ~hit if op == "not_contains" else hit, op == "not_contains")
    raise UsageProblem(QT_TRANSLATE_NOOP("errors", "Unknown rule operator {op}."), op=op)


def _ordered(cond: Condition, cols: _Columns, name: str, codes, uniques) -> np.ndarray:
    """within N days, >, >=, <, <=, between: as dates when the operands are dates."""
    op, value = cond.op, cond.value
    if op == "within_days":
        days = _number(value)
        if days != days:
            raise UsageProblem(QT_TRANSLATE_NOOP("errors", "“within” needs a number of days, not {value}."), value=value)
        dates = parse_dates(pd.Series(uniques, dtype=object))
        age = (cols.today - dates.dt.normalize()).dt.days.to_numpy(dtype=float)
        hit = (age >= 0) & (age <= days)
        return _spread(codes, hit, False)
    bounds = list(value) if op == "between" else [value]
    if op == "between" and len(bounds) != 2:
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "“between” needs two values."))
    as_dates = [_date_value(b) for b in bounds]
    if all(d is not None for d in as_dates):
        left = parse_dates(pd.Series(uniques, dtype=object)).to_numpy()
        right = [np.datetime64(d.to_datetime64(), "ns") for d in as_dates]
        known = ~np.isnat(left)
    else:
        left = cols.numbers(name)
        right = [_number(b) for b in bounds]
        if any(r != r for r in right):
            raise UsageProblem(QT_TRANSLATE_NOOP("errors", "{field}: {value} is not a number or a date."),
                               field=cond.field, value=value)
        known = ~np.isnan(left)
    with np.errstate(invalid="ignore"):
        if op == "between":
            lo, hi = sorted(right)
            hit = (left >= lo) & (left <= hi)
        else:
            compare = {"gt": np.greater, "ge": np.greater_equal, "lt": np.less,
                       "le": np.less_equal}[op]
            hit = compare(left, right[0])
    return _spread(codes, hit & known, False)


def _has_tag(cols: _Columns, value) -> np.ndarray:
    want = _norm(value)
    frame = cols.customers
    tags = cols.tags
    if tags is None and "tags" in frame:
        return frame["tags"].map(
            lambda ts: isinstance(ts, list | tuple | set) and any(_norm(t) == want for t in ts)
        ).to_numpy(dtype=bool)
    if tags is None:
        return np.zeros(len(frame), dtype=bool)
    if isinstance(tags, pd.DataFrame):
        ids = tags.loc[tags["tag"].map(_norm) == want, "customer_id"]
    else:
        ids = [cid for cid, ts in tags.items() if any(_norm(t) == want for t in ts)]
    return frame["customer_id"].isin(set(ids)).to_numpy()
