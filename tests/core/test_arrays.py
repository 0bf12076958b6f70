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


def test_factorize_in_slices_equals_pandas(monkeypatch):
    """Codes and uniques as one pd.factorize gives them, hashed a slice at a time (and, in the
    fallback, with the table kept across slices: a value first seen in a later slice gets the
    next code, a repeat keeps its first code). 1, 1.0 and True are one value, as in pandas."""
    import pandas as pd

    import app.core.arrays as arrays

    monkeypatch.setattr(arrays, "SLICE", 4)
    monkeypatch.setattr(arrays, "FACTORIZE_SLICE", 3)
    rng = np.random.default_rng(3)
    words = np.array([f"w{k}" for k in rng.integers(0, 12, 40)], dtype=object)
    words[rng.integers(0, 40, 8)] = None
    cases = [words, words.tolist(), pd.Series(words.tolist(), dtype="str"), [],
             [None, float("nan")], ["x", None, "y", float("nan"), "x", 1, 1.0, "y", "z"],
             [True, 1, pd.NA, "1", 0, False, (1, 2), (1, 2), pd.NaT, 2.5]]
    for values in cases:
        expected, expected_uniques = pd.factorize(pd.Series(values, dtype=object))
        for factorize in (arrays.factorize, arrays._factorize_by_slices):
            codes, uniques = factorize(values)
            assert codes.dtype == np.int64
            assert codes.tolist() == expected.tolist()
            assert uniques.tolist() == list(expected_uniques)


class SameHash:
    """Values whose hashes all collide: equal only when their `v` is."""

    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return 7

    def __eq__(self, other):
        return isinstance(other, SameHash) and other.v == self.v


def test_factorize_never_gives_two_values_one_code_when_their_hashes_collide():
    from app.core.arrays import factorize

    values = [SameHash(v) for v in [3, 1, 3, 2, 1, 4]] + [None]
    codes, uniques = factorize(values)
    assert codes.tolist() == [0, 1, 0, 2, 1, 3, -1]
    assert [u.v for u in uniques] == [3, 1, 2, 4]


def test_text_array_equals_numpy_str(monkeypatch):
    import app.core.arrays as arrays

    monkeypatch.setattr(arrays, "SLICE", 2)
    values = np.array(["zhang wei", None, "li", "", "wang fang xiao", None], dtype=object)
    got = arrays.text_array(values, missing="\uffff")
    expected = np.array([v if v is not None else "\uffff" for v in values], dtype=str)
    assert got.dtype == expected.dtype and got.tolist() == expected.tolist()
    present = values[[0, 2, 3, 4]]
    assert arrays.text_array(present).tolist() == np.asarray(present, dtype=str).tolist()
    assert len(arrays.text_array(np.zeros(0, dtype=object))) == 0


def test_free_empties_in_slices(monkeypatch):
    import sys

    import app.core.arrays as arrays

    monkeypatch.setattr(arrays, "FREE_SLICE", 3)
    marker = object()
    held = sys.getrefcount(marker)
    items = [marker] * 10
    column = np.array(items, dtype=object)
    arrays.free(items)
    arrays.free(column)
    assert items == [] and all(v is None for v in column)
    assert sys.getrefcount(marker) == held  # every reference dropped


def test_text_order_equals_sorting_the_strings(monkeypatch):
    """The stable order of one numpy sort of the strings: ties keep their row order, and
    missing names (given `missing`) sort as that text."""
    import app.core.arrays as arrays

    monkeypatch.setattr(arrays, "SLICE", 4)
    rng = np.random.default_rng(5)
    words = ["zhang wei", "li na", "wang fang", "Zhang Wei", "", "李娜", "a b", "zhang"]
    values = [words[k] for k in rng.integers(0, len(words), 60)]
    expected = np.argsort(arrays.text_array(values), kind="stable")
    assert arrays.text_order(values).tolist() == expected.tolist()
    values[3] = values[17] = None
    expected = np.argsort(arrays.text_array(values, missing="\uffff"), kind="stable")
    assert arrays.text_order(values, missing="\uffff").tolist() == expected.tolist()
