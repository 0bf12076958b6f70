import numpy as np
import pandas as pd

from app.core.frames import indexed_by, with_row_numbers


def _frame() -> pd.DataFrame:
    """Built the way storage builds frames: one block per column, not consolidated."""
    return pd.DataFrame({
        "customer_id": np.array([7, 3, 9, 12], dtype=np.int64),
        "name": np.array(["Ann", None, "Bo", "Cy"], dtype=object),
        "city": np.array(["Oslo", "Rome", None, "Lima"], dtype=object),
        "phone": np.array([None, "+4712", "+3906", None], dtype=object),
    }, index=[10, 11, 12, 13], copy=False)


def test_indexed_by_equals_set_index_and_leaves_the_columns_unmerged():
    frame = _frame()
    blocks = frame._mgr.nblocks
    out = indexed_by(frame, "customer_id")
    pd.testing.assert_frame_equal(out, frame.set_index("customer_id", drop=False))
    assert out.loc[9, "name"] == "Bo"
    assert out._mgr.nblocks == blocks  # no merge of the object columns (the long GIL hold)
    assert list(frame.index) == [10, 11, 12, 13]


def test_with_row_numbers_equals_reset_index_and_leaves_the_columns_unmerged():
    frame = _frame()
    blocks = frame._mgr.nblocks
    out = with_row_numbers(frame)
    pd.testing.assert_frame_equal(out, frame.reset_index(drop=True))
    assert out._mgr.nblocks == blocks
    out["extra"] = 1  # a column added to the result does not appear in the source
    assert "extra" not in frame.columns


def test_empty_frame():
    frame = _frame().iloc[:0]
    pd.testing.assert_frame_equal(indexed_by(frame, "customer_id"),
                                  frame.set_index("customer_id", drop=False))
    pd.testing.assert_frame_equal(with_row_numbers(frame), frame.reset_index(drop=True))


def test_release_empties_the_frame_and_leaves_arrays_held_elsewhere_intact():
    from app.core.frames import release

    frame = _frame()
    names = frame["name"].to_numpy()  # someone else still holds this column
    before = names.tolist()
    release(frame)
    assert frame.shape == (4, 0)
    assert names.tolist()[::2] == ["Ann", "Bo"] and names.tolist() == before


def test_drop_cache_forgets_only_that_frames_values():
    from app.core.cleaning.cache import cache_for, drop_cache

    frame, other = _frame(), _frame()
    cache, kept = cache_for(frame), cache_for(other)
    column = cache.column(frame, "city")
    assert cache.results(column, "city", "upper", str.upper) == ["OSLO", "ROME", "LIMA"]
    kept.results(kept.column(other, "city"), "city", "upper", str.upper)
    drop_cache(frame)
    assert cache._columns == {} and cache._results == {}
    assert kept._columns and kept._results
    column = cache.column(frame, "city")  # still usable: computed again, same answer
    assert cache.results(column, "city", "upper", str.upper) == ["OSLO", "ROME", "LIMA"]


def test_drop_cache_empties_big_entries_in_slices_but_never_one_someone_still_holds(monkeypatch):
    import app.core.arrays as arrays
    import app.core.cleaning.cache as cache_module

    monkeypatch.setattr(arrays, "FREE_SLICE", 3)  # several slices on a small frame
    cities = np.array([f"city {i % 7}" for i in range(20)], dtype=object)
    frame = pd.DataFrame({"city": cities, "name": cities.copy()}, copy=False)
    cache = cache_module.cache_for(frame)
    city = cache.column(frame, "city")
    held_results = cache.results(city, "city", "upper", str.upper)  # a caller keeps these
    held_uniques = city.uniques  # and the distinct values
    expected = [f"CITY {i}" for i in range(7)]
    name = cache.column(frame, "name")
    cache.results(name, "name", "upper", str.upper)
    cache_module.drop_cache(frame)
    assert held_results == expected
    assert held_uniques.tolist() == [f"city {i}" for i in range(7)]
    assert cities.tolist()[:8] == [f"city {i % 7}" for i in range(8)]  # the frame's data too
    again = cache.column(frame, "city")
    assert cache.results(again, "city", "upper", str.upper) == expected


def test_release_frees_the_cells_only_it_holds_and_spares_shared_ones(monkeypatch):
    import sys

    import app.core.arrays as arrays
    import app.core.frames as frames

    monkeypatch.setattr(arrays, "FREE_SLICE", 2)

    class Cell:
        pass

    cells = [Cell() for _ in range(5)]
    held = [sys.getrefcount(c) for c in cells]

    def column():
        out = np.empty(len(cells), dtype=object)
        out[:] = cells
        return out

    frame = pd.DataFrame({"a": column(), "n": np.arange(5)}, copy=False)
    assert [sys.getrefcount(c) for c in cells] == [h + 1 for h in held]
    for block in frame._mgr.blocks:  # the step before the columns go
        frames._empty_cells(block)
    assert frame["a"].tolist() == [None] * 5  # emptied in place, slice by slice
    assert [sys.getrefcount(c) for c in cells] == held  # every cell let go
    frames.release(frame)
    assert frame.shape == (5, 0)

    shared = pd.DataFrame({"a": column()}, copy=False)
    view = with_row_numbers(shared)  # shares the column
    frames.release(shared)
    assert view["a"].tolist() == cells  # untouched for the frame still holding it
    mine = column()
    frame = pd.DataFrame({"a": mine}, copy=False)  # the caller still holds the array
    frames.release(frame)
    assert mine.tolist() == cells
    text = pd.DataFrame({"s": pd.Series(["u", None, "w"], dtype="str")}, copy=False)
    kept = text["s"].array  # someone holds the text array itself
    frames.release(text)
    assert kept.tolist()[::2] == ["u", "w"]
    text = pd.DataFrame({"s": pd.Series(["u", None, "w"], dtype="str")}, copy=False)
    for block in text._mgr.blocks:
        frames._empty_cells(block)
    assert text["s"].isna().all()  # a text column only the frame holds is emptied too
