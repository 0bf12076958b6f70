"""unique_sorted: what np.unique returns, by sorting (numpy 2's hashing unique held the GIL
for seconds on millions of candidate pairs)."""

import numpy as np

from app.core.arrays import unique_sorted


def test_unique_sorted_equals_np_unique():
    rng = np.random.default_rng(5)
    cases = [rng.integers(-5, 10**12, 50_000), rng.integers(0, 30, 10_000).astype(np.int8),
             np.zeros(0, dtype=np.int64), np.array([7]), np.array([3, 3, 3]),
             np.array([2.5, np.nan, 2.5, np.nan]), rng.integers(0, 9, (20, 30))]
    for values in cases:
        got = unique_sorted(values)
        expected = np.unique(values)
        assert got.dtype == expected.dtype
        assert np.array_equal(got, expected, equal_nan=values.dtype.kind == "f")


def test_any_present_equals_not_all_missing(monkeypatch):
    import pandas as pd

    import app.core.arrays as arrays

    monkeypatch.setattr(arrays, "SLICE", 4)
    for values in ([None] * 10, [None] * 9 + ["x"], [float("nan"), None, 0.0], [], ["a"]):
        column = np.array(values, dtype=object)
        assert arrays.any_present(column) == (len(column) > 0 and not pd.isna(column).all())
