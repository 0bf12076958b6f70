import numpy as np
import pandas as pd
import pytest

from app.core.progress import Cancelled, CancelToken
from app.core.segments.clusters import build_features, find_elbow, sweep_k
from app.core.segments.personas import cluster_profile, describe_clusters


def blobs(k: int, seed: int = 0, n: int = 1500) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centers = rng.uniform(-12, 12, size=(k, 4))
    return centers[rng.integers(0, k, n)] + rng.normal(0, 1.0, size=(n, 4))


@pytest.mark.parametrize("k", [3, 4, 5, 6])
def test_known_number_of_blobs_is_recommended(k):
    sweep = sweep_k(blobs(k, seed=k))
    assert sweep.recommended_k == k, (sweep.elbow_k, sweep.silhouette)
    assert f"k = {k}" in sweep.reason("en") and f"k = {k}" in sweep.reason("zh")
    assert sweep.ks == list(range(2, 11))
    assert np.bincount(sweep.labels[k]).tolist() == sorted(np.bincount(sweep.labels[k]), reverse=True)


def test_large_data_sweeps_on_a_sample_and_fits_the_chosen_k_on_every_row():
    # Above fit_sample rows k is chosen from fits on a sample; the groups a user gets must be
    # the ones a fit on all rows finds, and every k must still label every customer.
    from sklearn.metrics import adjusted_rand_score

    X = blobs(5, seed=11, n=30_000)
    sampled = sweep_k(X, fit_sample=3_000)
    full = sweep_k(X, fit_sample=len(X))
    assert sampled.extra["fit_sample"] == 3_000 and full.extra["fit_sample"] == len(X)
    assert sampled.recommended_k == full.recommended_k == 5
    assert adjusted_rand_score(full.labels[5], sampled.labels[5]) > 0.99
    assert all(len(sampled.labels[k]) == len(X) for k in sampled.ks)
    assert np.bincount(sampled.labels[5]).tolist() == sorted(np.bincount(sampled.labels[5]),
                                                             reverse=True)
    # The inertia curve is measured on all rows, so it is on the full fit's scale.
    assert abs(sampled.inertia[5] - full.inertia[5]) / full.inertia[5] < 0.01


def test_elbow_on_a_plain_curve():
    assert find_elbow(range(2, 11), [1000, 400, 120, 100, 90, 82, 76, 71, 67]) == 4


def test_progress_and_cancel():
    seen = []
    token = CancelToken()

    def progress(fraction, message):
        seen.append(fraction)
        if len(seen) == 3:
            token.cancel()

    with pytest.raises(Cancelled):
        sweep_k(blobs(3), progress=progress, cancel=token)
    assert seen[:3] == sorted(seen[:3])


def customers(seed=1):
    """Three kinds of buyers: big recent spenders in 广州 manufacturing, lapsed small buyers,
    and mid buyers elsewhere."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(900):
        kind = i % 3
        if kind == 0:
            rows.append((rng.integers(1, 30), rng.integers(8, 15), rng.gamma(5, 4000), "广州", "制造业"))
        elif kind == 1:
            rows.append((rng.integers(300, 700), 1, rng.gamma(2, 80), rng.choice(["上海", "北京", "成都"]), rng.choice(["零售", "餐饮"])))
        else:
            rows.append((rng.integers(60, 200), rng.integers(2, 6), rng.gamma(3, 600), rng.choice(["深圳", "杭州"]), rng.choice(["互联网", "金融"])))
    return pd.DataFrame(rows, columns=["recency_days", "frequency", "monetary", "city", "industry"])


def test_personas_say_what_sets_each_group_apart():
    frame = customers()
    features = build_features(frame, ["recency_days", "frequency", "monetary", "city", "industry"])
    assert "monetary" in features.logged
    sweep = sweep_k(features.X)
    assert sweep.recommended_k == 3
    personas = describe_clusters(features, sweep.labels[3])
    assert sum(p.size for p in personas) == 900
    big = next(p for p in personas if "高消费" in p.words_zh)
    assert {"近期活跃", "多在广州", "制造业"} <= set(big.words_zh)
    assert big.description_zh.endswith("— 300 位客户")
    assert "mostly Guangzhou" in big.words_en and "manufacturing" in big.words_en
    assert big.description_en.endswith("— 300 customers")
    assert big.description_zh.index("高消费") < big.description_zh.index("多在广州")
    lapsed = next(p for p in personas if "久未购买" in p.words_zh)
    assert "低消费" in lapsed.words_zh
    assert len({p.name_zh for p in personas}) == 3 and all(p.name_en for p in personas)
    profile = cluster_profile(features, sweep.labels[3])
    assert profile.shape == (3, len(features.columns))
