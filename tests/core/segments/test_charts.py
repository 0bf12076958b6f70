import io
import warnings

import numpy as np
import pandas as pd
import pytest

from app.core.charts import has_cjk_font
from app.core.segments import charts
from app.core.segments.clusters import build_features, sweep_k
from app.core.segments.personas import cluster_profile, describe_clusters
from app.core.segments.rfm import compute_rfm


@pytest.fixture(scope="module")
def clustered():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({
        "recency_days": rng.integers(1, 600, 600).astype(float),
        "frequency": rng.integers(1, 12, 600).astype(float),
        "monetary": rng.gamma(2, 900, 600),
        "city": rng.choice(["广州", "深圳", "上海"], 600),
    })
    features = build_features(frame)
    return features, sweep_k(features.X, ks=range(2, 6))


def render(fig) -> list[str]:
    """Draw to PNG; return the missing-glyph warnings (Chinese that did not render)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")
    return [str(w.message) for w in caught if "missing from" in str(w.message)]


def texts(fig) -> str:
    fig.draw_without_rendering()  # category tick labels exist only once drawn
    return " ".join(t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text")))


def test_every_chart_builds_with_chinese_labels(clustered):
    features, sweep = clustered
    k = sweep.recommended_k
    labels = sweep.labels[k]
    names = [p.name_zh for p in describe_clusters(features, labels)]
    purchases = pd.DataFrame({"customer_id": [1, 1, 2, 3], "order_id": ["a", "b", "c", "d"],
                              "date": pd.to_datetime(["2024-06-01", "2024-05-01", "2023-01-01", "2024-06-20"]),
                              "amount": [100.0, 200.0, 50.0, 900.0]})
    rfm = compute_rfm(purchases, "2024-07-01")
    figures = {
        "elbow": charts.elbow_chart(sweep, lang="zh"),
        "silhouette": charts.silhouette_chart(sweep, lang="zh"),
        "sizes": charts.cluster_sizes_chart(labels, names, lang="zh"),
        "pca": charts.pca_scatter(features.X, labels, names, lang="zh"),
        "profile": charts.profile_heatmap(cluster_profile(features, labels), names, lang="zh"),
        "rfm": charts.rfm_grid_heatmap(rfm.grid(), lang="zh"),
        "segments": charts.segment_sizes_chart(rfm.segment_sizes("zh"), lang="zh"),
    }
    assert f"选定 k = {k}" in texts(figures["elbow"])
    assert "客户数" in texts(figures["rfm"]) and "休眠客户" in texts(figures["segments"])
    for name, fig in figures.items():
        missing = render(fig)
        if has_cjk_font():
            assert not missing, (name, missing[:3])


def test_english_labels(clustered):
    _, sweep = clustered
    assert "Elbow curve" in texts(charts.elbow_chart(sweep, lang="en"))
