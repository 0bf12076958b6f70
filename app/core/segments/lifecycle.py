"""Lead score from BANT fields and lifecycle stage, as columns rules can test.

When the workspace stores `lead_score` / `lifecycle_stage` (the user edited them), those win;
otherwise they are derived here. BANT: budget, authority, need, timeline, each worth 25.
* budget: an amount > 0, or yes/有 -> 25; no/无 -> 0
* authority: yes/决策人/decision maker/老板/owner/CEO/总经理 -> 25; influencer/影响者 -> 12
* need: high/强/urgent -> 25, medium/中 -> 15, low/弱 -> 5, yes -> 25
* timeline: a date or a number of days: <= 30 days -> 25, <= 90 -> 15, later -> 5;
  text: 本月/this month/立即/now -> 25, 本季度/this quarter/三个月 -> 15, 今年/this year -> 5
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.segments.values import parse_dates, parse_numbers

STAGES = ("awareness", "information", "evaluation", "purchase", "loyalty")
STAGE_LABELS = {
    "awareness": QT_TRANSLATE_NOOP("segments", "Awareness"),
    "information": QT_TRANSLATE_NOOP("segments", "Information"),
    "evaluation": QT_TRANSLATE_NOOP("segments", "Evaluation"),
    "purchase": QT_TRANSLATE_NOOP("segments", "Purchase"),
    "loyalty": QT_TRANSLATE_NOOP("segments", "Loyalty"),
}
STAGE_LABELS_ZH = {"awareness": "认知", "information": "了解", "evaluation": "评估",
                   "purchase": "购买", "loyalty": "忠诚"}
_STAGE_WORDS = {**{v: k for k, v in STAGE_LABELS_ZH.items()}, **{k: k for k in STAGES}}

_YES = {"yes", "y", "true", "1", "是", "有", "同意", "确认"}
_NO = {"no", "n", "false", "0", "否", "无", "没有"}


def _norm(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip().lower()


def _has_text(series: pd.Series) -> np.ndarray:
    """bool(_norm(v)) per value; ASCII text (NFKC leaves it as it is) is only stripped, which
    is ~5x faster over a million phones and e-mails."""
    return np.fromiter((bool(v.strip()) if type(v) is str and v.isascii() else bool(_norm(v))
                        for v in series.to_numpy(dtype=object)), dtype=bool, count=len(series))


def _map_unique(series: pd.Series, fn) -> np.ndarray:
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    mapped = np.array([fn(u) for u in uniques] + [fn(None)], dtype=float)
    return mapped[codes]  # code -1 picks the trailing fn(None)


def _budget(v) -> float:
    text = _norm(v)
    if not text or text in _NO:
        return 0.0
    if text in _YES:
        return 25.0
    numbers = re.findall(r"\d+(?:\.\d+)?", text.replace(",", ""))
    return 25.0 if numbers and float(numbers[0]) > 0 else 0.0


def _authority(v) -> float:
    text = _norm(v)
    if text in _YES or any(w in text for w in ("决策", "decision", "老板", "owner", "ceo",
                                                 "总经理", "董事", "founder", "创始")):
        return 25.0
    if any(w in text for w in ("影响", "influenc", "经理", "manager")):
        return 12.0
    return 0.0


def _need(v) -> float:
    text = _norm(v)
    if text in _YES or any(w in text for w in ("high", "强", "高", "urgent", "急")):
        return 25.0
    if any(w in text for w in ("medium", "中", "一般")):
        return 15.0
    if any(w in text for w in ("low", "弱", "低")):
        return 5.0
    return 0.0


def _timeline_text(v) -> float:
    text = _norm(v)
    if not text:
        return np.nan
    if any(w in text for w in ("本月", "this month", "立即", "马上", "now", "本周", "this week")):
        return 25.0
    if any(w in text for w in ("季度", "quarter", "三个月", "3个月", "3 months")):
        return 15.0
    if any(w in text for w in ("今年", "this year", "半年", "明年", "next year")):
        return 5.0
    return np.nan


def lead_score(customers: pd.DataFrame, today=None) -> pd.Series:
    """0..100 from BANT; a stored lead_score column wins where it holds a number."""
    index = customers.index
    score = np.zeros(len(customers))
    if "budget" in customers:
        score += _map_unique(customers["budget"], _budget)
    if "authority" in customers:
        score += _map_unique(customers["authority"], _authority)
    if "need" in customers:
        score += _map_unique(customers["need"], _need)
    if "timeline" in customers:
        column = customers["timeline"]
        words = _map_unique(column, _timeline_text)
        ref = pd.Timestamp(today or pd.Timestamp.today()).normalize()
        dates = parse_dates(column)
        days = (dates - ref).dt.days.to_numpy(dtype=float)
        by_days = parse_numbers(column).to_numpy()
        days = np.where(np.isnan(days), np.where(np.isnan(words), by_days, np.nan), days)
        from_days = np.select([days <= 30, days <= 90, days > 90], [25.0, 15.0, 5.0], 0.0)
        score += np.where(~np.isnan(words), words, from_days)
    result = pd.Series(score, index=index)
    if "lead_score" in customers:
        stored = parse_numbers(customers["lead_score"])
        result = stored.where(stored.notna(), result)
    return result


def lifecycle_stage(customers: pd.DataFrame, today=None) -> pd.Series:
    """awareness / information / evaluation / purchase / loyalty per customer.

    Stored values (English keys or Chinese labels) win; otherwise: 2+ orders -> loyalty,
    one order or a purchase date -> purchase, lead score >= 50 -> evaluation, a phone or
    e-mail -> information, else awareness."""
    n = len(customers)
    orders = np.zeros(n)
    for column in ("frequency", "orders"):
        if column in customers:
            orders = np.fmax(orders, parse_numbers(customers[column]).fillna(0).to_numpy())
    bought = orders >= 1
    if "last_purchase" in customers:
        bought |= parse_dates(customers["last_purchase"]).notna().to_numpy()
    contact = np.zeros(n, dtype=bool)
    for column in ("phone", "email"):
        if column in customers:
            contact |= _has_text(customers[column])
    score = lead_score(customers, today).to_numpy()
    stage = np.select(
        [orders >= 2, bought, score >= 50, contact],
        ["loyalty", "purchase", "evaluation", "information"],
        "awareness",
    ).astype(object)
    result = pd.Series(stage, index=customers.index)
    if "lifecycle_stage" in customers:
        stored = customers["lifecycle_stage"].map(lambda v: _STAGE_WORDS.get(_norm(v)))
        result = stored.where(stored.notna(), result)
    return result
