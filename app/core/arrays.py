"""Array helpers that keep long jobs from holding the GIL (the app's window shares it)."""

from __future__ import annotations

import itertools

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


def object_slices(values, size: int | None = None):
    """(start, object ndarray) for each slice of `values` (ndarray, Series or list), so a
    million-element column is never converted in one call."""
    import pandas as pd

    size = size or SLICE
    for start in range(0, len(values), size):
        if isinstance(values, pd.Series):
            part = values.iloc[start:start + size].to_numpy(dtype=object)
        elif isinstance(values, np.ndarray) and values.dtype == object:
            part = values[start:start + size]
        else:
            chunk = values[start:start + size]
            part = np.empty(len(chunk), dtype=object)
            part[:] = list(chunk)  # element-wise: tuples stay elements
        yield start, part


FACTORIZE_SLICE = 20_000  # values hashed per pandas call


def factorize(values) -> tuple[np.ndarray, np.ndarray]:
    """pd.factorize(pd.Series(values, dtype=object)): int64 codes in order of first
    appearance (-1 for None/NaN) and the uniques as an object array.

    One pd.factorize hashes every value with the GIL held: 0.2-0.45 s for a million strings,
    the window frozen. Here each value's Python hash is taken a slice at a time, the hashes
    are grouped by sorting (numpy lets the GIL go while it sorts), and every value is then
    checked against the first value of its group, so two values whose hashes collide can
    never share a code: if any do, the values are numbered one slice at a time instead
    (_factorize_by_slices). A dict lookup per distinct value, as that does, took 10 s per
    million rows of keys when most values are distinct (phones, e-mails).
    """
    import pandas as pd

    n = len(values)
    hashes = np.zeros(n, dtype=np.int64)
    present = np.zeros(n, dtype=bool)
    try:
        for start, part in object_slices(values):
            here = ~pd.isna(part)
            present[start:start + len(part)] = here
            hashes[start:start + len(part)][here] = np.fromiter(
                map(hash, part[here]), dtype=np.int64, count=int(here.sum()))
    except TypeError:  # an unhashable value: pd.factorize's own error or answer
        return _factorize_by_slices(values)
    rows = np.flatnonzero(present)
    held = hashes[rows]
    order = np.argsort(held, kind="stable")
    ordered = held[order]
    starts = np.ones(len(order), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    first = order[starts]  # where each hash first appears (stable sort), among `rows`
    numbered = np.argsort(first, kind="stable")
    code_of_group = np.empty(len(first), dtype=np.int64)
    code_of_group[numbered] = np.arange(len(first), dtype=np.int64)
    present_codes = np.empty(len(order), dtype=np.int64)
    present_codes[order] = code_of_group[np.cumsum(starts) - 1]
    out = np.full(n, -1, dtype=np.int64)
    out[rows] = present_codes
    uniques = _objects_at(values, rows[np.sort(first)])
    for start, part in object_slices(values):
        here = present[start:start + len(part)]
        codes = out[start:start + len(part)][here]
        if not (part[here] == uniques[codes]).all():
            return _factorize_by_slices(values)  # a hash collision (never seen)
    return out, uniques


def _objects_at(values, positions: np.ndarray) -> np.ndarray:
    if isinstance(values, np.ndarray) and values.dtype == object:
        return take(values, positions)
    if hasattr(values, "iloc"):
        return take(values.to_numpy(dtype=object), positions)
    return objects(values[int(p)] for p in positions)


def _factorize_by_slices(values) -> tuple[np.ndarray, np.ndarray]:
    """factorize's exact fallback: each slice is factorized on its own (a small table, a
    few ms) and its uniques numbered in a dict shared by all slices, in the order they first
    appear, so the codes are those of one call. (pandas' incremental Factorizer copies all
    the uniques so far on every call: quadratic, 0.1 s per call at a million.)"""
    import pandas as pd

    out = np.empty(len(values), dtype=np.int64)
    number: dict = {}
    uniques: list = []
    for start, part in object_slices(values, FACTORIZE_SLICE):
        local, local_uniques = pd.factorize(part, use_na_sentinel=True)
        to_global = np.empty(len(local_uniques), dtype=np.int64)
        for k, value in enumerate(local_uniques):
            code = number.get(value)
            if code is None:
                code = number[value] = len(uniques)
                uniques.append(value)
            to_global[k] = code
        present = local >= 0
        codes = np.full(len(part), -1, dtype=np.int64)
        codes[present] = to_global[local[present]]
        out[start:start + len(part)] = codes
    free(number)
    return out, objects(uniques)


def text_array(values, missing: str | None = None) -> np.ndarray:
    """np.array(values, dtype=str) (None -> `missing` when given), filled SLICE at a time.

    Building a unicode array from a million Python strings is one C call that held the GIL
    for about 0.25 s; sorting it afterwards lets the GIL go."""
    width = max((len(v) for v in values if v is not None), default=0)
    if missing is not None:
        width = max(width, len(missing))
    out = np.empty(len(values), dtype=f"<U{max(width, 1)}")
    for start, part in object_slices(values):
        if missing is not None:
            part = [missing if v is None else v for v in part]
        out[start:start + len(part)] = part
    return out


def text_order(values, missing: str | None = None) -> np.ndarray:
    """np.argsort(text_array(values, missing), kind="stable"), sorting only the distinct
    values: numpy holds the GIL while it sorts or builds an array of strings (180 ms and
    95 ms at a million names, the window frozen), but not while it sorts integers."""
    codes, uniques = factorize(values)
    if missing is not None:
        codes = np.where(codes >= 0, codes, len(uniques))
        uniques = np.append(uniques, np.array([missing], dtype=object))
    rank = np.empty(len(uniques), dtype=np.int64)
    rank[np.argsort(text_array(uniques), kind="stable")] = np.arange(len(uniques))
    return np.argsort(rank[codes], kind="stable")


# References dropped per step by free() and frames.release. Freeing 50k cells of a loaded
# million-row frame took 90-154 ms in one step at the end of a 1M-row Clean (py-spy --gil):
# their memory is cold and scattered by then, several cache misses per object.
FREE_SLICE = 10_000


def free(values) -> None:
    """Empty a big list, dict or object array that nobody else uses, FREE_SLICE items at a time.

    Letting the last reference go frees all its million objects in one C cascade with the
    GIL held (0.05-0.1 s per million strings or tuples); a slice at a time lets other threads
    in between. Only for containers the caller made: whoever else holds one sees it emptied.
    """
    if isinstance(values, list):
        while values:
            del values[-FREE_SLICE:]
    elif isinstance(values, dict):
        while values:
            for key in list(itertools.islice(values, FREE_SLICE)):
                del values[key]
    elif isinstance(values, np.ndarray) and values.dtype == object:
        flat = values.reshape(-1)
        for start in range(0, len(flat), FREE_SLICE):
            flat[start:start + FREE_SLICE] = None


TAKE_SLICE = 50_000


def take(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    """values[index], for an object array a slice of `index` at a time: gathering a million
    objects in scattered order is one C call of cache misses (30-60 ms with the GIL held)."""
    if values.dtype != object or len(index) <= TAKE_SLICE:
        return values[index]
    out = np.empty(len(index), dtype=object)
    for start in range(0, len(index), TAKE_SLICE):
        out[start:start + TAKE_SLICE] = values[index[start:start + TAKE_SLICE]]
    return out


def objects(items) -> np.ndarray:
    """An object array of `items` (any iterable, each item one element, tuples too), filled
    SLICE at a time: np.array over a list of a million objects is one GIL-holding call."""
    out = []
    chunks = []
    for item in items:
        out.append(item)
        if len(out) == SLICE:
            chunks.append(_object_chunk(out))
            out = []
    if out or not chunks:
        chunks.append(_object_chunk(out))
    return np.concatenate(chunks) if len(chunks) > 1 else chunks[0]


def _object_chunk(items: list) -> np.ndarray:
    chunk = np.empty(len(items), dtype=object)
    chunk[:] = items
    return chunk
