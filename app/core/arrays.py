"""Array helpers that keep long jobs from holding the GIL (the app's window shares it)."""

from __future__ import annotations

import numpy as np


def unique_sorted(values) -> np.ndarray:
    """np.unique(values) for integer (or other non-float) values, by sorting.

    numpy 2's np.unique hashes when no counts or indices are asked for; on 6M int64 that took
    15 s with the GIL held (the GUI thread stood still for up to 2 s at a time) where a sort
    takes 1 s and lets the GIL go. Floats go to np.unique (NaN handling).
    """
    a = np.asarray(values).ravel()
    if a.dtype.kind in "fc" or a.dtype == object:
        return np.unique(a)
    a = np.sort(a)
    if len(a) < 2:
        return a
    keep = np.empty(len(a), dtype=bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


SLICE = 100_000  # elements per numpy call in any_present


def any_present(values: np.ndarray) -> bool:
    """not pd.isna(values).all(), SLICE at a time and stopping at the first filled slice
    (pd.isna over a million objects held the GIL 0.1-0.15 s)."""
    import pandas as pd

    return any(not pd.isna(values[start:start + SLICE]).all()
               for start in range(0, len(values), SLICE))
