"""Segment charts as matplotlib Figures (no pyplot), labelled in Chinese or English."""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.core.charts import new_figure

_T = {
    "elbow": ("肘部曲线：簇内平方和", "Elbow curve: within-cluster sum of squares"),
    "k": ("分组数 k", "number of groups k"),
    "inertia": ("簇内平方和", "inertia"),
    "chosen": ("选定 k = {k}", "chosen k = {k}"),
    "silhouette": ("各 k 的轮廓系数", "Silhouette by k"),
    "silhouette_y": ("轮廓系数", "silhouette"),
    "sizes": ("各分组客户数", "Customers per group"),
    "customers": ("客户数", "customers"),
    "pca": ("分组二维投影（PCA）", "Groups in two dimensions (PCA)"),
    "profile": ("各分组特征（相对整体的标准分）", "Group profile (z-score vs all customers)"),
    "rfm": ("RFM 网格：客户数", "RFM grid: customers"),
    "r": ("最近购买评分 R（5 = 最近）", "Recency score R (5 = most recent)"),
    "f": ("购买频次评分 F", "Frequency score F"),
    "segments": ("分群人数", "Segment sizes"),
}


def _t(key: str, lang: str, **params) -> str:
    zh, en = _T[key]
    return (zh if lang == "zh" else en).format(**params)


def elbow_chart(sweep, chosen_k: int | None = None, lang: str = "zh"):
    fig = new_figure()
    ax = fig.add_subplot()
    ks = sweep.ks
    ax.plot(ks, [sweep.inertia[k] for k in ks], marker="o")
    k = chosen_k or sweep.recommended_k
    ax.axvline(k, color="tab:red", linestyle="--", label=_t("chosen", lang, k=k))
    ax.scatter([k], [sweep.inertia[k]], color="tab:red", zorder=3, s=60)
    ax.set(title=_t("elbow", lang), xlabel=_t("k", lang), ylabel=_t("inertia", lang), xticks=ks)
    ax.legend()
    return fig


def silhouette_chart(sweep, chosen_k: int | None = None, lang: str = "zh"):
    fig = new_figure()
    ax = fig.add_subplot()
    ks = sweep.ks
    k = chosen_k or sweep.recommended_k
    colors = ["tab:red" if x == k else "tab:blue" for x in ks]
    ax.bar(ks, [sweep.silhouette[x] for x in ks], color=colors)
    ax.set(title=_t("silhouette", lang), xlabel=_t("k", lang), ylabel=_t("silhouette_y", lang),
           xticks=ks)
    return fig


def cluster_sizes_chart(labels: np.ndarray, names: list[str] | None = None, lang: str = "zh"):
    counts = np.bincount(labels)
    names = names or [f"{'组' if lang == 'zh' else 'Group '}{i + 1}" for i in range(len(counts))]
    return _barh(pd.Series(counts, index=names), _t("sizes", lang), _t("customers", lang))


def segment_sizes_chart(sizes: pd.Series, lang: str = "zh"):
    """sizes: label -> count (e.g. RfmResult.segment_sizes(lang) or rule segment counts)."""
    return _barh(sizes, _t("segments", lang), _t("customers", lang))


def _barh(series: pd.Series, title: str, xlabel: str):
    fig = new_figure(6.4, max(3.0, 0.35 * len(series) + 1.2))
    ax = fig.add_subplot()
    labels = [str(i) for i in series.index][::-1]
    values = series.to_numpy()[::-1]
    bars = ax.barh(labels, values)
    ax.bar_label(bars, labels=[f"{int(v):,}" for v in values], padding=3)
    top = float(max(values)) if len(values) else 0.0
    ax.set_xlim(0, top * 1.15 if top > 0 else 1)  # room for the longest bar's number
    ax.set(title=title, xlabel=xlabel)
    return fig


def pca_scatter(X: np.ndarray, labels: np.ndarray, names: list[str] | None = None,
                lang: str = "zh", max_points: int = 5000, random_state: int = 0):
    """2-D PCA of the scaled features, on a sample so a million points stay readable."""
    from sklearn.decomposition import PCA

    rng = np.random.default_rng(random_state)
    pick = rng.choice(len(X), size=min(max_points, len(X)), replace=False)
    points = PCA(n_components=2, random_state=random_state).fit(X).transform(X[pick])
    fig = new_figure(6.4, 4.8)
    ax = fig.add_subplot()
    k = int(labels.max()) + 1
    for c in range(k):
        sel = labels[pick] == c
        label = names[c] if names else f"{'组' if lang == 'zh' else 'Group '}{c + 1}"
        ax.scatter(points[sel, 0], points[sel, 1], s=8, alpha=0.6, label=label)
    ax.set(title=_t("pca", lang), xlabel="PC1", ylabel="PC2")
    ax.legend(markerscale=2, fontsize="small")
    return fig


def profile_heatmap(profile: pd.DataFrame, names: list[str] | None = None, lang: str = "zh"):
    """profile: clusters x feature columns (personas.cluster_profile)."""
    from app.core.fields import ROLE_LABELS_ZH

    fig = new_figure(max(6.4, 0.6 * profile.shape[1] + 2), max(3.0, 0.5 * len(profile) + 1.5))
    ax = fig.add_subplot()
    values = profile.to_numpy(dtype=float)
    limit = max(1.0, float(np.nanmax(np.abs(values)))) if values.size else 1.0
    image = ax.imshow(values, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto")
    columns = [ROLE_LABELS_ZH.get(c, c) if lang == "zh" else c for c in profile.columns]
    ax.set_xticks(range(len(columns)), columns, rotation=45, ha="right")
    rows = names or [f"{'组' if lang == 'zh' else 'Group '}{i + 1}" for i in range(len(profile))]
    ax.set_yticks(range(len(rows)), rows)
    for (i, j), v in np.ndenumerate(values):
        ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=7)
    ax.set_title(_t("profile", lang))
    fig.colorbar(image, ax=ax)
    return fig


def rfm_grid_heatmap(grid: pd.DataFrame, lang: str = "zh"):
    """grid: F scores (rows 5..1) x R scores (columns 1..5) of counts (rfm.rfm_grid)."""
    fig = new_figure(5.6, 4.6)
    ax = fig.add_subplot()
    values = grid.to_numpy()
    image = ax.imshow(values, cmap="YlOrRd", aspect="auto")
    ax.set_xticks(range(grid.shape[1]), [str(c) for c in grid.columns])
    ax.set_yticks(range(grid.shape[0]), [str(i) for i in grid.index])
    top = values.max() if values.size else 0
    for (i, j), v in np.ndenumerate(values):
        ax.text(j, i, f"{int(v):,}", ha="center", va="center",
                color="white" if v > top * 0.6 else "black")
    ax.set(title=_t("rfm", lang), xlabel=_t("r", lang), ylabel=_t("f", lang))
    fig.colorbar(image, ax=ax)
    return fig
