"""One run's distinct values per column, and each normaliser's result per distinct value.

A million-row list holds far fewer distinct cells than rows, so Check (profile) and Clean
(suggest_fixes) factorize each column once and run every normaliser once per distinct value;
they share one ValueCache per loaded frame (`cache_for(frame)`), so the Check that runs first
leaves the phone/e-mail/city results the Clean plan needs.
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.core.arrays import objects, take


@dataclass
class Column:
    """codes[i] indexes uniques for row i (-1: None/NaN); uniques in first-appearance order."""
    codes: np.ndarray
    uniques: np.ndarray  # object array of the original values (one per distinct value)

    @property
    def counts(self) -> np.ndarray:
        valid = self.codes[self.codes >= 0]
        return np.bincount(valid, minlength=len(self.uniques))

    def rows(self, per_unique: np.ndarray, missing=None) -> np.ndarray:
        """A per-distinct-value array expanded to one entry per row (`missing` for None/NaN)."""
        if not len(per_unique):
            return np.full(len(self.codes), missing, dtype=per_unique.dtype)
        out = per_unique[np.where(self.codes >= 0, self.codes, 0)]  # fancy indexing: a copy
        out[self.codes < 0] = missing
        return out


def _is_na(v) -> bool:
    return v is None or (isinstance(v, float) and v != v)


def _key(v):
    # 1, 1.0 and True are equal in Python but are different cells (a count, an amount, a flag):
    # key non-strings with their type; lists (employee bands) as tuples.
    if type(v) is str:
        return v
    if _is_na(v):
        return None
    if isinstance(v, list):
        return (list, tuple(v))
    if isinstance(v, dict):
        return (dict, tuple(sorted(map(str, v.items()))))
    return (type(v), v)


FACTORIZE_SLICE = 50_000


def _dict_codes(keys: np.ndarray) -> np.ndarray:
    """pd.factorize(keys)[0] (first-appearance codes, -1 for missing) a slice at a time.

    One pd.factorize over a million objects is a single C call holding the GIL ~0.5 s (the
    app's window shares it); slices are factorized alone and their distinct values numbered
    globally in a plain dict, in the order they first appear, so the codes are the same.
    """
    if len(keys) <= FACTORIZE_SLICE:
        codes, _ = pd.factorize(keys, use_na_sentinel=True)
        return codes.astype(np.int64, copy=False)
    codes = np.empty(len(keys), dtype=np.int64)
    numbers: dict = {}
    for start in range(0, len(keys), FACTORIZE_SLICE):
        local, uniques = pd.factorize(keys[start:start + FACTORIZE_SLICE], use_na_sentinel=True)
        to_global = np.fromiter((numbers.setdefault(u, len(numbers)) for u in uniques),
                                dtype=np.int64, count=len(uniques))
        part = np.full(len(local), -1, dtype=np.int64)
        present = local >= 0
        part[present] = to_global[local[present]]
        codes[start:start + len(local)] = part
    return codes


def _hashed_codes(keys: np.ndarray) -> np.ndarray | None:
    """_dict_codes for a column of text (and None/NaN) with no big Python dict: each text's
    64-bit hash, a slice at a time, then np.unique over the hashes, renumbered in order of
    first appearance. None if two different texts share a hash (checked), or a text cannot
    be hashed (a lone surrogate): the caller then takes the exact path.

    The dict above grows one entry per distinct value, and a dict that grows past 1.4M or
    2.8M entries copies itself in one C call (55-125 ms with the GIL held): the window
    froze once per big column at 1M rows. Sorting numbers releases the GIL.
    """
    from pandas.util import hash_array

    n = len(keys)
    hashes = np.empty(n, dtype=np.uint64)
    missing = np.empty(n, dtype=bool)
    try:
        for start in range(0, n, FACTORIZE_SLICE):
            part = keys[start:start + FACTORIZE_SLICE]
            missing[start:start + len(part)] = pd.isna(part)
            hashes[start:start + len(part)] = hash_array(part, categorize=False)
    except (TypeError, UnicodeError):
        return None
    rows = np.flatnonzero(~missing)
    _, first, inverse = np.unique(hashes[rows], return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first), dtype=np.int64)
    codes = np.full(n, -1, dtype=np.int64)
    codes[rows] = rank[inverse]
    # Every row must hold its code's first text: equal hashes of different texts would
    # merge two values (chance ~1e-8 at a million values; then the exact path is taken).
    # Gathered a slice at a time: picking a million objects in hash order is one C call of
    # scattered reads (~50 ms).
    first_row = rows[first]
    for start in range(0, len(rows), FACTORIZE_SLICE):
        end = start + FACTORIZE_SLICE
        if not (keys[rows[start:end]] == keys[first_row[inverse[start:end]]]).all():
            return None
    return codes


def _kind(values: np.ndarray) -> str:
    """pd.api.types.infer_dtype(values, skipna=True) as factorize needs it, a slice at a time:
    one call over a million objects reads each of them (10-50 ms with the GIL held). A column
    whose slices disagree is "mixed" (factorize then keys each cell with its type)."""
    infer = pd.api.types.infer_dtype
    if len(values) <= FACTORIZE_SLICE:
        return infer(values, skipna=True)
    kinds = {infer(values[start:start + FACTORIZE_SLICE], skipna=True)
             for start in range(0, len(values), FACTORIZE_SLICE)}
    kinds.discard("empty")
    return kinds.pop() if len(kinds) == 1 else ("empty" if not kinds else "mixed")


def factorize(values) -> Column:
    if isinstance(values, np.ndarray):
        values = values.astype(object, copy=False)
    else:  # a list: one element per item (a band's list too), a slice at a time
        values = objects(values)
    kind = _kind(values)
    codes = None
    if kind in ("string", "empty", "integer", "floating", "boolean"):
        keys = values  # one type (and None/NaN): plain equality is already the cell's identity
        if kind == "string" and len(keys) > FACTORIZE_SLICE:
            codes = _hashed_codes(keys)
    else:  # only the cells that are not text need a typed key (1, 1.0 and True differ)
        keys = values.copy()
        other = np.flatnonzero(np.fromiter((type(v) is not str for v in values), dtype=bool,
                                           count=len(values)))
        keys[other] = [_key(v) for v in values[other].tolist()]
    if codes is None:
        codes = _dict_codes(keys)
    # Original values of each distinct key (its first row), in first-appearance order.
    valid = codes >= 0
    n = int(codes.max()) + 1 if valid.any() else 0
    first = np.full(n, len(codes), dtype=np.int64)
    np.minimum.at(first, codes[valid], np.flatnonzero(valid))
    uniques = take(values, first)  # a slice at a time, as above
    return Column(codes, uniques)


class ValueCache:
    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = weakref.ref(frame) if frame is not None else None
        self._columns: dict[str, Column] = {}
        self._results: dict[tuple[str, str], list] = {}

    def column(self, frame: pd.DataFrame, name: str) -> Column | None:
        if name not in frame.columns:
            return None
        col = self._columns.get(name)
        if col is None or len(col.codes) != len(frame):
            col = self._columns[name] = factorize(frame[name].to_numpy(dtype=object))
        return col

    def results(self, column: Column, name: str, key: str, fn: Callable) -> list:
        """fn(value) for each distinct value of `column` (computed once per run and key)."""
        cached = self._results.get((name, key))
        if cached is None or len(cached) != len(column.uniques):
            cached = self._results[(name, key)] = [fn(v) for v in column.uniques]
        return cached

    def clear(self) -> None:
        """Forget everything one entry at a time: dropping the whole cache at once frees every
        distinct value and normaliser result in one go (0.1 s with the GIL held at 300k rows).
        A big entry nobody else holds is emptied a slice at a time too (one column of 272k
        distinct e-mails: 60 ms for its values, 64 ms for their results, in one C call each)."""
        while self._results:
            _, results = self._results.popitem()
            if sys.getrefcount(results) == _ONLY_HERE:
                _empty_gradually(results)
            del results
        while self._columns:
            _, column = self._columns.popitem()
            uniques = column.uniques
            del column
            if sys.getrefcount(uniques) == _ONLY_HERE and uniques.base is None:
                _empty_gradually(uniques)  # no view or other holder sees the Nones
            del uniques


FREE_SLICE = 20_000


def _probe_refcount() -> int:
    probe: list = []
    return sys.getrefcount(probe)


_ONLY_HERE = _probe_refcount()  # what getrefcount says of an object only one local holds


def _empty_gradually(items) -> None:
    """Drop the references a list or object array holds, FREE_SLICE at a time, from the end."""
    for end in range(len(items), 0, -FREE_SLICE):
        if isinstance(items, list):
            del items[max(0, end - FREE_SLICE):end]
        else:
            items[max(0, end - FREE_SLICE):end] = None


_CACHES: dict[int, ValueCache] = {}


def cache_for(frame: pd.DataFrame) -> ValueCache:
    """The cache shared by everything run on this loaded frame (dropped with the frame).
    Only for frames nobody edits afterwards (the workers' freshly loaded customers)."""
    key = id(frame)
    cache = _CACHES.get(key)
    if cache is None or cache._frame is None or cache._frame() is not frame:
        cache = _CACHES[key] = ValueCache(frame)
        weakref.finalize(frame, _CACHES.pop, key, None)
    return cache


def drop_cache(frame: pd.DataFrame) -> None:
    """Clear this frame's cache (if any) piece by piece; for a frame about to be dropped."""
    cache = _CACHES.get(id(frame))
    if cache is not None and cache._frame is not None and cache._frame() is frame:
        cache.clear()
