"""Fast paths in dedup (no long GIL-holding calls) give exactly what the slow ones gave."""

import numpy as np

from app.core.dedup.model import unique_rows


def test_unique_rows_matches_numpy_row_unique():
    rng = np.random.default_rng(7)
    for shape, low, high in [((5000, 9), -1, 4), ((40, 1), -1, 1), ((200, 3), 2, 3),
                             ((0, 5), 0, 1), ((1, 12), -1, 5)]:
        levels = rng.integers(low, high + 1, size=shape).astype(np.int8)
        expected_patterns, expected_counts = np.unique(levels, axis=0, return_counts=True)
        patterns, counts = unique_rows(levels)
        assert patterns.dtype == levels.dtype
        assert np.array_equal(patterns, expected_patterns)
        assert np.array_equal(counts, expected_counts)
        assert counts.sum() == len(levels)


def test_combined_block_keys_number_like_a_multiindex():
    import pandas as pd

    from app.core.dedup.blocking import _combine

    rng = np.random.default_rng(3)
    a, b, c = (rng.integers(-1, high, 20000) for high in (50, 7, 3000))
    for parts in [(a,), (a, b), (a, b, c), (a[:0], b[:0])]:
        frame = pd.DataFrame({str(k): p for k, p in enumerate(parts)})
        expected = np.asarray(pd.MultiIndex.from_frame(frame).factorize()[0]
                              if len(frame) else np.zeros(0), dtype=np.int64)
        expected[(frame < 0).any(axis=1).to_numpy()] = -1
        assert np.array_equal(_combine(*parts), expected)
