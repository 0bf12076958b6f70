"""Recency, frequency and monetary value per customer, quintile scores and named segments.

Values: recency = days from the latest order to the reference date; frequency = distinct
order numbers; monetary = the sum over distinct orders. Without purchase lines, the
customer sheet's last_purchase / orders / total_spent stand in.

Scores 1-5 are quintiles of the rank (ties share a score, so a million customers with
frequency 1 all get the same F score instead of being split arbitrarily); recency scores
run the other way (recent = 5). Customers with no purchase get no scores and the segment
"no_purchase".

Two namings:
* The eight Chinese classes compare each raw value with its MEAN over buying customers
  (the textbook rule Chinese marketers use: R high = fewer days than average, F/M high =
  above average). `threshold="median"` is offered because amounts are skewed.
* The English names follow the widely used R-score x FM-score map (FM = rounded mean of F
  and M scores), see ENGLISH_SEGMENT_RULES.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.segments.values import parse_amounts, parse_dates, parse_numbers

# (R high, F high, M high) -> class key; labels below.
CHINESE_CLASSES: dict[tuple[bool, bool, bool], str] = {
    (True, True, True): "重要价值客户",
    (True, False, True): "重要发展客户",
    (False, True, True): "重要保持客户",
    (False, False, True): "重要挽留客户",
    (True, True, False): "一般价值客户",
    (True, False, False): "一般发展客户",
    (False, True, False): "一般保持客户",
    (False, False, False): "一般挽留客户",
}
CHINESE_CLASS_EN = {
    "重要价值客户": QT_TRANSLATE_NOOP("segments", "Important value"),
    "重要发展客户": QT_TRANSLATE_NOOP("segments", "Important development"),
    "重要保持客户": QT_TRANSLATE_NOOP("segments", "Important retention"),
    "重要挽留客户": QT_TRANSLATE_NOOP("segments", "Important win-back"),
    "一般价值客户": QT_TRANSLATE_NOOP("segments", "General value"),
    "一般发展客户": QT_TRANSLATE_NOOP("segments", "General development"),
    "一般保持客户": QT_TRANSLATE_NOOP("segments", "General retention"),
    "一般挽留客户": QT_TRANSLATE_NOOP("segments", "General win-back"),
}

# (segment key, R scores, FM scores) checked in order; the first that holds wins.
ENGLISH_SEGMENT_RULES: tuple[tuple[str, set[int], set[int]], ...] = (
    ("champions", {5}, {4, 5}),
    ("loyal", {3, 4}, {4, 5}),
    ("potential_loyalist", {4, 5}, {2, 3}),
    ("new", {5}, {1}),
    ("promising", {4}, {1}),
    ("need_attention", {3}, {3}),
    ("about_to_sleep", {3}, {1, 2}),
    ("cannot_lose_them", {1, 2}, {5}),
    ("at_risk", {1, 2}, {3, 4}),
    ("hibernating", {2}, {1, 2}),
    ("lost", {1}, {1, 2}),
)
SEGMENT_LABELS = {
    "champions": QT_TRANSLATE_NOOP("segments", "Champions"),
    "loyal": QT_TRANSLATE_NOOP("segments", "Loyal"),
    "potential_loyalist": QT_TRANSLATE_NOOP("segments", "Potential loyalist"),
    "new": QT_TRANSLATE_NOOP("segments", "New"),
    "promising": QT_TRANSLATE_NOOP("segments", "Promising"),
    "need_attention": QT_TRANSLATE_NOOP("segments", "Need attention"),
    "about_to_sleep": QT_TRANSLATE_NOOP("segments", "About to sleep"),
    "at_risk": QT_TRANSLATE_NOOP("segments", "At risk"),
    "cannot_lose_them": QT_TRANSLATE_NOOP("segments", "Cannot lose them"),
    "hibernating": QT_TRANSLATE_NOOP("segments", "Hibernating"),
    "lost": QT_TRANSLATE_NOOP("segments", "Lost"),
    "no_purchase": QT_TRANSLATE_NOOP("segments", "No purchase yet"),
}
SEGMENT_LABELS_ZH = {
    "champions": "冠军客户",
    "loyal": "忠诚客户",
    "potential_loyalist": "潜在忠诚客户",
    "new": "新客户",
    "promising": "有潜力客户",
    "need_attention": "需要关注",
    "about_to_sleep": "即将沉睡",
    "at_risk": "流失风险",
    "cannot_lose_them": "不能失去的客户",
    "hibernating": "休眠客户",
    "lost": "已流失",
    "no_purchase": "尚未购买",
}
NO_PURCHASE_ZH = "无购买记录"


@dataclass
class RfmResult:
    """table: indexed by customer_id with recency_days (float, NaN = never bought),
    frequency (int), monetary (float), r_score/f_score/m_score (Int64), rfm_score ("545"),
    rfm_segment (English key, see SEGMENT_LABELS), rfm_class (one of CHINESE_CLASSES' values
    or NO_PURCHASE_ZH). source: "orders" or "customer_fields". thresholds: the R/F/M values
    the Chinese classes were split at."""

    table: pd.DataFrame
    reference_date: pd.Timestamp
    source: str
    threshold: str
    thresholds: dict[str, float]

    def grid(self) -> pd.DataFrame:
        return rfm_grid(self.table)

    def segment_sizes(self, lang: str = "en") -> pd.Series:
        """Customers per English segment (lang="en"/"zh" labels) in the map's order."""
        labels = SEGMENT_LABELS_ZH if lang == "zh" else SEGMENT_LABELS
        counts = self.table["rfm_segment"].value_counts()
        return pd.Series({labels[k]: int(counts.get(k, 0)) for k in labels})

    def class_sizes(self, lang: str = "zh") -> pd.Series:
        counts = self.table["rfm_class"].value_counts()
        keys = list(CHINESE_CLASSES.values())
        names = keys if lang == "zh" else [CHINESE_CLASS_EN[k] for k in keys]
        return pd.Series({n: int(counts.get(k, 0)) for n, k in zip(names, keys, strict=True)})


def _is_purchases(frame: pd.DataFrame) -> bool:
    return {"customer_id", "order_id", "date", "amount"}.issubset(frame.columns)


def compute_rfm(
    data,
    reference_date=None,
    customers: pd.DataFrame | None = None,
    threshold: str = "mean",
) -> RfmResult:
    """RFM from purchase lines (an OrderLinkResult or its `purchases` frame) or, when there
    are none, from the customers frame's last_purchase / orders / total_spent.

    `customers` (optional with purchases) adds customers who never bought, with F = M = 0.
    `reference_date` defaults to today.
    """
    purchases = getattr(data, "purchases", data)
    ref = pd.Timestamp(reference_date) if reference_date is not None else pd.Timestamp.today()
    ref = ref.normalize()
    if isinstance(purchases, pd.DataFrame) and _is_purchases(purchases) and len(purchases):
        values = _from_purchases(purchases, ref)
        source = "orders"
        if customers is not None:
            values = values.reindex(pd.Index(customers["customer_id"], name="customer_id"))
            values["frequency"] = values["frequency"].fillna(0)
            values["monetary"] = values["monetary"].fillna(0.0)
    else:
        frame = customers if customers is not None else purchases
        values = _from_customer_fields(frame, ref)
        source = "customer_fields"
    values["frequency"] = values["frequency"].astype("int64")
    table, thresholds = _score(values, threshold)
    return RfmResult(table=table, reference_date=ref, source=source, threshold=threshold,
                     thresholds=thresholds)


def _first_of_each_order(purchases: pd.DataFrame) -> pd.DataFrame:
    """The first line of each (customer, order number), like drop_duplicates but without
    pandas' object hash table, which took 1.5-7 s on 3M order numbers (most of RFM's time at
    a million customers; benchmarks/segment_bench.py). Order numbers are hashed with Python's
    own str hash and combined with the customer id into one integer key; only the rows whose
    key repeats (true repeats and any hash collision) are compared as text, so the result is
    exactly drop_duplicates(["customer_id", "order_id"]). Integer order ids (the workspace
    passes exact integer keys of the order numbers) are their own hash."""
    n = len(purchases)
    if purchases["order_id"].dtype.kind in "iu":  # integer keys (the workspace's): no hashing
        hashed = purchases["order_id"].to_numpy(dtype=np.int64)
    else:
        order_ids = purchases["order_id"].to_numpy(dtype=object)
        hashed = np.fromiter(map(hash, order_ids), dtype=np.int64, count=n)
        hashed[pd.isna(order_ids)] = 0  # NaN objects hash by identity; pandas treats them as equal
    customer = pd.to_numeric(purchases["customer_id"]).to_numpy(dtype="float64", na_value=-1.0)
    key = hashed.view(np.uint64) * np.uint64(0x9E3779B97F4A7C15) ^ customer.view(np.uint64)
    candidates = pd.Series(key).duplicated(keep=False).to_numpy()
    if not candidates.any():
        return purchases
    repeats = purchases[candidates].duplicated(["customer_id", "order_id"]).to_numpy()
    drop = np.zeros(n, dtype=bool)
    drop[np.flatnonzero(candidates)[repeats]] = True
    return purchases[~drop]


def _from_purchases(purchases: pd.DataFrame, ref: pd.Timestamp) -> pd.DataFrame:
    distinct = _first_of_each_order(purchases)
    distinct = distinct[distinct["date"].notna() & (distinct["date"] <= ref + pd.Timedelta(days=1))]
    grouped = distinct.groupby("customer_id", sort=True)
    last = grouped["date"].max()
    out = pd.DataFrame({
        "recency_days": (ref - last.dt.normalize()).dt.days.astype("float64"),
        "frequency": grouped.size(),  # rows are already distinct (customer, order) pairs
        "monetary": grouped["amount"].sum(min_count=1).fillna(0.0).round(2),
    })
    out.index.name = "customer_id"
    return out


def _from_customer_fields(customers: pd.DataFrame, ref: pd.Timestamp) -> pd.DataFrame:
    n = len(customers)
    empty = pd.Series(np.nan, index=customers.index)
    last = parse_dates(customers["last_purchase"]) if "last_purchase" in customers else empty
    orders = parse_numbers(customers["orders"]) if "orders" in customers else empty
    spent = parse_amounts(customers["total_spent"]) if "total_spent" in customers else empty
    recency = (ref - pd.to_datetime(last).dt.normalize()).dt.days.astype("float64")
    # A last-purchase date with no order count still means at least one order.
    frequency = orders.fillna(pd.Series(np.where(recency.notna(), 1.0, 0.0), index=orders.index))
    out = pd.DataFrame({
        "recency_days": recency.to_numpy(),
        "frequency": frequency.fillna(0).round().to_numpy(),
        "monetary": spent.fillna(0.0).to_numpy(),
    }, index=pd.Index(customers["customer_id"].to_numpy() if "customer_id" in customers
                      else np.arange(n), name="customer_id"))
    # Zero orders with a date is contradictory; trust the date.
    out.loc[(out["frequency"] == 0) & out["recency_days"].notna(), "frequency"] = 1
    return out


def quintile_scores(values: pd.Series, higher_is_better: bool = True) -> pd.Series:
    """1..5 from the average rank: equal values always share a score."""
    ranked = values.rank(method="average", pct=True, ascending=higher_is_better)
    scores = np.ceil(ranked * 5).clip(1, 5)
    return scores.astype("Int64")


def _score(values: pd.DataFrame, threshold: str) -> tuple[pd.DataFrame, dict[str, float]]:
    table = values.copy()
    buyers = table["frequency"] > 0
    b = table[buyers]
    table["r_score"] = pd.arrays.IntegerArray(np.zeros(len(table), dtype=np.int64),
                                              np.ones(len(table), dtype=bool))  # all <NA>
    table["f_score"] = table["r_score"].copy()
    table["m_score"] = table["r_score"].copy()
    if len(b):
        # A buyer with an unknown date (customer fields) counts as least recent.
        recency = b["recency_days"].fillna(b["recency_days"].max() if b["recency_days"].notna().any() else 0)
        table.loc[buyers, "r_score"] = quintile_scores(recency, higher_is_better=False)
        table.loc[buyers, "f_score"] = quintile_scores(b["frequency"])
        table.loc[buyers, "m_score"] = quintile_scores(b["monetary"])
    stat = (lambda s: float(s.median())) if threshold == "median" else (lambda s: float(s.mean()))
    thresholds = {
        "recency_days": stat(b["recency_days"].dropna()) if len(b) else np.nan,
        "frequency": stat(b["frequency"]) if len(b) else np.nan,
        "monetary": stat(b["monetary"]) if len(b) else np.nan,
    }
    r_high = (table["recency_days"] < thresholds["recency_days"]).to_numpy()
    f_high = (table["frequency"] > thresholds["frequency"]).to_numpy()
    m_high = (table["monetary"] > thresholds["monetary"]).to_numpy()
    lookup = np.array([CHINESE_CLASSES[(bool(c & 4), bool(c & 2), bool(c & 1))] for c in range(8)],
                      dtype=object)
    classes = lookup[r_high.astype(int) * 4 + f_high.astype(int) * 2 + m_high.astype(int)]
    classes[~buyers.to_numpy()] = NO_PURCHASE_ZH
    table["rfm_class"] = classes

    r = table["r_score"].fillna(0).astype(int).to_numpy()
    fm = np.rint((table["f_score"].fillna(0).astype(int).to_numpy()
                  + table["m_score"].fillna(0).astype(int).to_numpy()) / 2).astype(int)
    fm = np.clip(fm, 1, 5)
    # The map as a 6 x 6 table (R score x FM score, 0 = no score): one lookup per customer.
    segment = _SEGMENT_TABLE[r, fm]
    segment[~buyers.to_numpy()] = "no_purchase"
    table["rfm_segment"] = segment
    digits = (r * 100 + table["f_score"].fillna(0).astype(int).to_numpy() * 10
              + table["m_score"].fillna(0).astype(int).to_numpy())
    table["rfm_score"] = np.where(buyers.to_numpy(), _SCORE_TEXT[digits], "")
    return table, thresholds


def _segment_table() -> np.ndarray:
    table = np.full((6, 6), "no_purchase", dtype=object)
    for r in range(6):
        for fm in range(6):
            for key, r_set, fm_set in ENGLISH_SEGMENT_RULES:
                if r in r_set and fm in fm_set:
                    table[r, fm] = key
                    break
    return table


_SEGMENT_TABLE = _segment_table()
_SCORE_TEXT = np.array([str(i) for i in range(556)], dtype=object)  # "545" for 545


def rfm_grid(table: pd.DataFrame) -> pd.DataFrame:
    """Customer counts by F score (rows 5..1) and R score (columns 1..5), for the heatmap."""
    scored = (table["r_score"].notna() & table["f_score"].notna()).to_numpy()
    r = table["r_score"].to_numpy(dtype=float)[scored].astype(np.int64)
    f = table["f_score"].to_numpy(dtype=float)[scored].astype(np.int64)
    keep = (r >= 1) & (r <= 5) & (f >= 1) & (f <= 5)
    # One bincount over f * 6 + r (pd.crosstab took 0.14 s at a million customers).
    counts = np.bincount(f[keep] * 6 + r[keep], minlength=36).reshape(6, 6)
    return pd.DataFrame(counts[[5, 4, 3, 2, 1]][:, [1, 2, 3, 4, 5]].astype(np.int64),
                        index=pd.Index([5, 4, 3, 2, 1], name="f_score"),
                        columns=pd.Index([1, 2, 3, 4, 5], name="r_score"))
