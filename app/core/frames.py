"""DataFrame helpers that keep long jobs from holding the GIL (the app's window shares it).

Frames built column by column (one block per column, `copy=False`) stay cheap until something
deep-copies them: pandas then merges all object columns into one 2-D block, a single
np.vstack plus a take over every cell that held the GIL for 0.1-0.4 s at 300k rows (set_index,
reset_index, rename and drop all copy). These give the same frame sharing the columns.
"""

from __future__ import annotations


def indexed_by(frame, column: str):
    """frame.set_index(column, drop=False) without copying (or merging) the columns."""
    import pandas as pd

    out = frame.copy(deep=False)
    out.index = pd.Index(frame[column].to_numpy(), name=column)
    return out


def with_row_numbers(frame):
    """frame.reset_index(drop=True) without copying (or merging) the columns."""
    import pandas as pd

    out = frame.copy(deep=False)
    out.index = pd.RangeIndex(len(frame))
    return out


def release(frame) -> None:
    """Empty a frame nobody needs any more, one column at a time.

    A frame of a dozen 300k-row text columns took 0.18 s to free when its last reference went:
    one cascade of deallocations in C, the GIL held throughout. Deleting the columns one by one
    frees one array per step (~25 ms at 300k rows; 0.15-0.28 s at a million, when the Clean
    jobs freed their frames), so first the text cells of arrays only this frame holds are
    emptied arrays.FREE_SLICE at a time, letting other threads run in between.
    Arrays other objects still hold stay alive and unchanged; only the frame is emptied.
    """
    for block in frame._mgr.blocks:
        _empty_cells(block)
    for name in dict.fromkeys(frame.columns):  # a repeated name goes in one del
        del frame[name]


def release_series(series) -> None:
    """Empty a Series nobody needs any more, its text cells a slice at a time (see release:
    nothing is changed when someone else holds its values)."""
    for block in series._mgr.blocks:
        _empty_cells(block)


def _empty_cells(block) -> None:
    """Set the cells of an object block to None a slice at a time, when nothing but the
    block holds its array (no other frame or Series shares it, no view or base is held)."""
    import sys

    import numpy as np

    if block.refs.has_reference():  # another frame or Series shares these values
        return
    values = block.values
    missing = None
    if not isinstance(values, np.ndarray):  # a text array keeps its cells in an ndarray
        missing = values.dtype.na_value  # (what it may hold for an empty cell)
        # held by the block, `values` here and getrefcount's argument: no one else has it
        if sys.getrefcount(values) > 3 or not isinstance(getattr(values, "_ndarray", None),
                                                          np.ndarray):
            return
        values = values._ndarray
    if values.dtype != object:
        return  # numbers: freed at once, nothing to deallocate one by one
    # Held by the block (or its text array), by `values` here and by getrefcount's argument;
    # any more is someone else (a view, to_numpy(), a caller's list turned array).
    if sys.getrefcount(values) > 3:
        return
    base = values.base
    while base is not None:  # held by the view above it and getrefcount's argument only
        if sys.getrefcount(base) > 3:  # (+1: `base` here)
            return
        base = base.base
    from app.core.arrays import FREE_SLICE

    flat = values.reshape(-1)
    for start in range(0, len(flat), FREE_SLICE):
        flat[start:start + FREE_SLICE] = missing
