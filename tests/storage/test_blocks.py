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
        "klass": pd.Series(["重要价值客户", None, ""], dtype=object),
        "when": pd.to_datetime(["2024-05-01", None, "2024-06-01T10:00:00"],
                               format="ISO8601").astype("datetime64[us]"),
        "bought": [True, False, True],
    })
    frame.attrs["probe"] = 42
    back = decode_frame(encode_frame(frame))
    pd.testing.assert_frame_equal(back, frame)
    assert back.attrs == {"probe": 42}


def test_small_integers_take_little_room():
    ids = pd.DataFrame({"customer_id": np.arange(1_000_000, dtype=np.int64),
                        "cluster": np.zeros(1_000_000, dtype=np.int64)})
    assert len(encode_frame(ids)) < 5_100_000  # int32 + int8, not 2 x int64 (16 MB)
    assert decode_frame(encode_frame(ids.head(0))).empty


@pytest.mark.parametrize("values", [
    [11.0, np.nan, 376.0, 0.0],  # whole days
    [3000.0, 384.19, np.nan, 0.1 + 0.2 - 0.3 + 12.34],  # cents, and one that is not
    [1.5, 0.25, np.nan, -2.0],  # float32 holds them
    [0.1, 1 / 3, np.nan, 1e300],
    [-0.0, 0.0, 5.0, np.nan],  # the sign of zero is kept
    [np.inf, -np.inf, 1.0, np.nan],
    [np.nan, np.nan, np.nan, np.nan],
])
def test_floats_read_back_bit_for_bit(values):
    frame = pd.DataFrame({"x": np.array(values * 1000, dtype=np.float64)})
    back = decode_frame(encode_frame(frame))["x"].to_numpy()
    assert back.dtype == np.float64
    assert back.tobytes() == frame["x"].to_numpy().tobytes()


def test_objects_other_than_text_are_refused_not_pickled():
    with pytest.raises(ValueError):
        encode_frame(pd.DataFrame({"x": [{"a": 1}, None]}))
