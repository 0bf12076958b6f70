"""Columns stored as one BLOB (app.storage.blocks): what is read back is what was written."""

import numpy as np
import pandas as pd
import pytest

from app.storage.blocks import decode_frame, encode_frame


def test_every_column_type_comes_back_with_its_values_and_type():
    frame = pd.DataFrame({
        "customer_id": np.array([1, 70_000, 3_000_000_000], dtype=np.int64),
        "days": [1.5, np.nan, 400.0],
        "score": pd.array([5, None, 1], dtype="Int64"),
        "klass": ["重要价值客户", None, ""],
        "when": pd.to_datetime(["2024-05-01", None, "2024-06-01T10:00:00"],
                               format="ISO8601").astype("datetime64[us]"),
        "bought": [True, False, True],
    })
    frame.attrs["probe"] = 42
    back = decode_frame(encode_frame(frame))
    pd.testing.assert_frame_equal(back, frame.astype({"klass": object}))
    assert back.attrs == {"probe": 42}


def test_small_integers_take_little_room():
    ids = pd.DataFrame({"customer_id": np.arange(1_000_000, dtype=np.int64),
                        "cluster": np.zeros(1_000_000, dtype=np.int64)})
    assert len(encode_frame(ids)) < 5_100_000  # int32 + int8, not 2 x int64 (16 MB)
    assert decode_frame(encode_frame(ids.head(0))).empty


def test_objects_other_than_text_are_refused_not_pickled():
    with pytest.raises(ValueError):
        encode_frame(pd.DataFrame({"x": [{"a": 1}, None]}))
