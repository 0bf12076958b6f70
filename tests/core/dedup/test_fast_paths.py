"""Fast paths in dedup (no long GIL-holding calls) give exactly what the slow ones gave."""

import numpy as np
import pandas as pd

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


def test_keys_in_slices_equal_keys_in_one_go(monkeypatch):
    """Normalising a column a slice at a time (so no pandas call holds the GIL long) gives the
    same keys and codes as one slice: a value repeated across slices is one code."""
    import app.core.arrays as arrays
    import app.core.dedup.keys as keys_module
    from app.core.dedup.keys import build_match_keys

    frame = pd.DataFrame({
        "customer_id": np.arange(1, 13),
        "name": ["张伟", "Zhang Wei", None, "王芳", "张伟", "li na", "Li Na", None, "王芳", "x",
                 "张伟", "Wang Fang"],
        "phone": ["13800138000", "+8613800138000", "138 0013 8000", None, "13912345678",
                  "021-62345678", 13800138000, "13912345678", None, "000", "13700000001",
                  "+86 139 1234 5678"],
        "email": ["a@qq.com", "A@QQ.COM ", None, "b@163.con", "a@qq.com", "c@x.cn", "bad",
                  "c@x.cn", None, "b@163.com", "d@gmail.com", "a@qq.com"],
        "company": ["蓝海科技", None, "蓝海科技有限公司", "x", "蓝海科技", None, "y", "y", None,
                    "蓝海科技", "z", None],
        "city": ["北京", "北京市", None, "上海", "北京", "上海市", None, "上海", "广州", None,
                 "北京", "上海"],
    })
    whole = build_match_keys(frame)
    monkeypatch.setattr(keys_module, "SLICE", 5)
    monkeypatch.setattr(arrays, "SLICE", 5)
    monkeypatch.setattr(arrays, "FACTORIZE_SLICE", 2)
    sliced = build_match_keys(frame)
    for name in ("name", "name_key", "name_code", "name_key_code", "phone_code", "email",
                 "email_code", "company_key", "company_code", "city", "city_code",
                 "phone_strings", "email_strings", "name_tf", "company_tf"):
        assert getattr(sliced, name).tolist() == getattr(whole, name).tolist(), name
    assert sliced.phones.equals(whole.phones) and sliced.emails.equals(whole.emails)
    assert sliced.multi_phone == whole.multi_phone
