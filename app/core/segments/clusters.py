"""Automatic clusters: features -> scaled matrix -> k-means for k = 2..10 -> recommended k.

Choice of k: the elbow of the inertia curve (Kneedle's idea: the point farthest from the
straight line joining the curve's ends, after normalising k and log-inertia), checked
against the silhouette on a sample of at most 5,000 rows (see SILHOUETTE_SAMPLE). The elbow stands when its
silhouette is within max(0.05, 15 %) of the best (silhouette alone favours k = 2 whenever
two groups sit close together); otherwise the best-silhouette k wins, and the reason says so.

Full KMeans, one thread (threadpoolctl): measured on 1M x 6 it beat MiniBatchKMeans on two
cores (shared/PERFORMANCE-NOTES.md, benchmarks/kmeans_bench.py), so MiniBatch is only used
when the caller asks for it. Above FIT_SAMPLE rows the k = 2..10 fits run on a random sample
of FIT_SAMPLE rows; every customer is then assigned to the nearest centre of each k (that is
what the inertia curve, the silhouette and another k the user picks use), and the
recommended k is fitted again on all rows, started from the sample's centres.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from app.core.errors import UsageProblem
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.progress import ProgressFn, check_cancel, no_progress
from app.core.segments.values import parse_numbers

SILHOUETTE_TOLERANCE = 0.05  # absolute, or
SILHOUETTE_RELATIVE = 0.15  # of the best silhouette, whichever is larger
# 5,000 rows: their distance matrix (float32, 100 MB) is computed once and shared by every k,
# which made the silhouettes of the whole sweep ~6x cheaper than 10,000 rows scored per k
# (benchmarks/kmeans_bench.py); the score's sampling error at 5,000 is about +-0.01.
SILHOUETTE_SAMPLE = 5_000
# k selection on 1,048,575 customers: nine full-data fits took 11-17 s of the 20 s budget on
# two shared cores (benchmarks/segment_bench.py); fits on 100,000 sampled rows find the same
# centres to within the sampling noise and the same k, and the final full-data fit keeps the
# recommended grouping exact.
FIT_SAMPLE = 100_000
MAX_CATEGORIES = 8  # one-hot columns per categorical feature; the rest become "other"
DEFAULT_FEATURES = ("recency_days", "frequency", "monetary", "employees")
CATEGORICAL_HINTS = {"city", "province", "industry", "gender", "consent", "district",
                     "rfm_segment", "rfm_class", "lifecycle_stage"}


@dataclass
class FeatureMatrix:
    """X (float64, scaled) plus what each column means, for personas and charts.

    numeric: feature -> raw values (float, NaN filled with the median) before transform;
    categorical: feature -> the column's values as text ("" when blank);
    columns: the name of each column of X ("monetary", "city=广州", ...);
    logged: numeric features that were log1p-transformed."""

    X: np.ndarray
    columns: list[str]
    numeric: dict[str, np.ndarray]
    categorical: dict[str, np.ndarray]
    logged: list[str]
    index: pd.Index


def default_features(frame: pd.DataFrame) -> list[str]:
    """RFM and employees when present and not empty, else every numeric column."""
    chosen = [f for f in DEFAULT_FEATURES if f in frame and frame[f].notna().mean() > 0.2]
    if len(chosen) >= 2:
        return chosen
    numeric = [c for c in frame.columns if c != "customer_id"
               and pd.api.types.is_numeric_dtype(frame[c]) and frame[c].notna().any()]
    return numeric or chosen


def build_features(frame: pd.DataFrame, features: list[str] | None = None) -> FeatureMatrix:
    """Numeric features: parsed, median-filled, log1p when skewed and non-negative, z-scaled.
    Categorical features: one-hot over the most common values, left as 0/1 (scaling a rare
    category's column would blow it up into the strongest feature)."""
    features = list(features or default_features(frame))
    if not features:
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "Choose at least one feature to cluster on."))
    blocks, columns, logged = [], [], []
    numeric, categorical = {}, {}
    for name in features:
        if name not in frame:
            raise UsageProblem(QT_TRANSLATE_NOOP("errors", "There is no field called {field}."),
                               field=name)
        series = frame[name]
        values = parse_numbers(series) if name not in CATEGORICAL_HINTS else None
        if values is not None and values.notna().mean() >= 0.5:
            raw = values.fillna(values.median() if values.notna().any() else 0.0).to_numpy(float)
            numeric[name] = raw
            x = raw
            if raw.min() >= 0 and pd.Series(raw).skew() > 1.0:
                x = np.log1p(raw)
                logged.append(name)
            std = x.std()
            blocks.append(((x - x.mean()) / (std if std > 0 else 1.0))[:, None])
            columns.append(name)
        else:
            text = series.map(lambda v: "" if v is None or v != v else str(v).strip()).to_numpy(object)
            categorical[name] = text
            top = [v for v in pd.Series(text).value_counts().index if v][:MAX_CATEGORIES]
            for value in top:
                blocks.append((text == value).astype(float)[:, None])
                columns.append(f"{name}={value}")
    X = np.hstack(blocks) if blocks else np.zeros((len(frame), 0))
    return FeatureMatrix(X=np.ascontiguousarray(X), columns=columns, numeric=numeric,
                         categorical=categorical, logged=logged, index=frame.index)


@dataclass
class KSweep:
    """One k-means fit per k. labels[k] are int16 cluster numbers 0..k-1 ordered by size."""

    ks: list[int]
    inertia: dict[int, float]
    silhouette: dict[int, float]
    labels: dict[int, np.ndarray]
    centers: dict[int, np.ndarray]
    elbow_k: int
    recommended_k: int
    reason_en: str
    reason_zh: str
    seconds_fit: float = 0.0
    seconds_silhouette: float = 0.0
    sample_size: int = 0
    extra: dict = field(default_factory=dict)

    def reason(self, lang: str = "en") -> str:
        return self.reason_zh if lang == "zh" else self.reason_en


def find_elbow(ks, inertia) -> int:
    """Kneedle-style knee of a decreasing convex curve: the k farthest below the chord."""
    ks = np.asarray(ks, dtype=float)
    # On a log scale the curve's early cliff no longer dwarfs a later, smaller bend, so
    # five well-separated groups give k = 5 rather than the k = 4 a linear chord prefers.
    y = np.log(np.maximum(np.asarray(inertia, dtype=float), 1e-12))
    if len(ks) < 3 or y[0] == y[-1]:
        return int(ks[0])
    x_n = (ks - ks[0]) / (ks[-1] - ks[0])
    y_n = (y - y[-1]) / (y[0] - y[-1])
    # The chord runs from (0, 1) to (1, 0): distance below it is 1 - x - y.
    gap = 1.0 - x_n - y_n
    return int(ks[int(np.argmax(gap))])


def sweep_k(
    X: np.ndarray,
    ks=range(2, 11),
    sample_size: int = SILHOUETTE_SAMPLE,
    random_state: int = 0,
    minibatch: bool = False,
    progress: ProgressFn | None = None,
    cancel=None,
    fit_sample: int = FIT_SAMPLE,
) -> KSweep:
    """Fit k-means for each k (one thread; on `fit_sample` rows when there are more),
    silhouette on a sample, recommend k; the recommended k is fitted on all rows."""
    import time

    from sklearn.cluster import KMeans, MiniBatchKMeans
    from sklearn.metrics import pairwise_distances, pairwise_distances_argmin_min, silhouette_score
    from threadpoolctl import threadpool_limits

    progress = progress or no_progress
    n = len(X)
    ks = [k for k in ks if 2 <= k < n]
    if not ks:
        raise UsageProblem(QT_TRANSLATE_NOOP(
            "errors", "Too few customers to form groups ({count})."), count=n)
    rng = np.random.default_rng(random_state)
    sample = rng.choice(n, size=min(sample_size, n), replace=False) if n > sample_size else None
    fit_rows = (np.sort(rng.choice(n, size=fit_sample, replace=False))
                if n > fit_sample and not minibatch else None)
    inertia, silhouette, labels, centers = {}, {}, {}, {}
    t_fit = t_sil = 0.0
    with threadpool_limits(limits=1):
        start = time.perf_counter()
        rows = np.arange(n) if sample is None else sample
        distances = np.empty((len(rows), len(rows)), dtype=np.float32)
        for first in range(0, len(rows), 1000):
            distances[first:first + 1000] = pairwise_distances(X[rows[first:first + 1000]], X[rows])
        np.fill_diagonal(distances, 0.0)
        t_sil += time.perf_counter() - start
        for step, k in enumerate(ks):
            check_cancel(cancel)
            progress(step / len(ks), QT_TRANSLATE_NOOP("segments", "Trying {k} groups").format(k=k))
            start = time.perf_counter()
            if minibatch:
                model = MiniBatchKMeans(n_clusters=k, random_state=random_state, n_init="auto",
                                        batch_size=4096)
            else:
                model = KMeans(n_clusters=k, random_state=random_state, n_init="auto")
            if fit_rows is None:
                raw = model.fit_predict(X)
                fitted, inertia[k] = model.cluster_centers_, float(model.inertia_)
            else:
                model.fit(X[fit_rows])
                fitted = model.cluster_centers_
                raw, distance = _nearest(X, fitted, pairwise_distances_argmin_min)
                inertia[k] = float(np.dot(distance, distance))
            t_fit += time.perf_counter() - start
            labels[k], centers[k] = _by_size(raw, fitted, k)
            start = time.perf_counter()
            ls = labels[k][rows]
            silhouette[k] = (float(silhouette_score(distances, ls, metric="precomputed"))
                             if len(np.unique(ls)) > 1 else float("nan"))
            t_sil += time.perf_counter() - start
        elbow = find_elbow(ks, [inertia[k] for k in ks])
        recommended, reason_en, reason_zh = _recommend(ks, elbow, silhouette)
        if fit_rows is not None:
            # The grouping the user gets: all rows, from the sample's centres.
            check_cancel(cancel)
            start = time.perf_counter()
            k = recommended
            model = KMeans(n_clusters=k, init=centers[k], n_init=1, random_state=random_state)
            raw = model.fit_predict(X)
            labels[k], centers[k] = _by_size(raw, model.cluster_centers_, k)
            t_fit += time.perf_counter() - start
    progress(1.0, "")
    return KSweep(ks=ks, inertia=inertia, silhouette=silhouette, labels=labels, centers=centers,
                  elbow_k=elbow, recommended_k=recommended, reason_en=reason_en,
                  reason_zh=reason_zh, seconds_fit=t_fit, seconds_silhouette=t_sil,
                  sample_size=n if sample is None else len(sample),
                  extra={"fit_sample": n if fit_rows is None else len(fit_rows)})


def _nearest(X: np.ndarray, centers: np.ndarray, argmin_min) -> tuple[np.ndarray, np.ndarray]:
    """Each row's nearest centre and its distance, in blocks (bounded memory)."""
    raw = np.empty(len(X), dtype=np.int64)
    distance = np.empty(len(X), dtype=np.float64)
    for first in range(0, len(X), 200_000):
        block = slice(first, first + 200_000)
        raw[block], distance[block] = argmin_min(X[block], centers)
    return raw, distance


def _by_size(raw: np.ndarray, fitted: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Clusters numbered by size (0 = largest) so charts and names are stable."""
    order = np.argsort(-np.bincount(raw, minlength=k), kind="stable")
    relabel = np.empty(k, dtype=np.int16)
    relabel[order] = np.arange(k, dtype=np.int16)
    return relabel[raw], fitted[order]


def _recommend(ks, elbow: int, silhouette: dict[int, float]) -> tuple[int, str, str]:
    valid = {k: s for k, s in silhouette.items() if s == s}
    if not valid:
        return (elbow,
                f"k = {elbow}: the elbow of the inertia curve (silhouette could not be computed).",
                f"k = {elbow}：惯性曲线的拐点（无法计算轮廓系数）。")
    best = max(valid, key=valid.get)
    s_elbow, s_best = valid.get(elbow, float("-inf")), valid[best]
    if best == elbow:
        return (elbow,
                f"k = {elbow}: the elbow of the inertia curve, and it also has the best "
                f"silhouette ({s_elbow:.2f}).",
                f"k = {elbow}：惯性曲线的拐点，轮廓系数也最高（{s_elbow:.2f}）。")
    if s_elbow >= s_best - max(SILHOUETTE_TOLERANCE, SILHOUETTE_RELATIVE * s_best):
        return (elbow,
                f"k = {elbow}: the elbow of the inertia curve; its silhouette ({s_elbow:.2f}) "
                f"is close to the best ({s_best:.2f} at k = {best}).",
                f"k = {elbow}：惯性曲线的拐点；轮廓系数（{s_elbow:.2f}）接近最高值"
                f"（k = {best} 时 {s_best:.2f}）。")
    return (best,
            f"k = {best}: the clearest separation (silhouette {s_best:.2f}); the elbow at "
            f"k = {elbow} separates groups less well ({s_elbow:.2f}).",
            f"k = {best}：分组最清晰（轮廓系数 {s_best:.2f}）；拐点 k = {elbow} 的分组"
            f"不够分明（{s_elbow:.2f}）。")
