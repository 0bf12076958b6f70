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

from app.core.arrays import free, objects, take


def is_blank(v) -> bool:
    """None, NaN or only spaces: an empty cell."""
    return v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip())


@dataclass
class Column:
    """codes[i] indexes uniques for row i (-1: None/NaN); uniques in first-appearance order."""
    codes: np.ndarray
    uniques: np.ndarray  # object array of the original values (one per distinct value)
    _blank: np.ndarray | None = None

    @property
    def blank(self) -> np.ndarray:
        """is_blank of each distinct value (worked out once: Check and the plan both ask)."""
        if self._blank is None or len(self._blank) != len(self.uniques):
            self._blank = np.fromiter(map(is_blank, self.uniques.tolist()), dtype=bool,
                                      count=len(self.uniques))
        return self._blank

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
DICT_LIMIT = 100_000  # distinct texts numbered in a dict before hashing takes over


def _dict_codes(keys: np.ndarray, limit: int | None = None) -> np.ndarray | None:
    """Codes for hashable keys (-1 for None/NaN), equal keys one code, a slice at a time.

    One pd.factorize over a million objects is a single C call holding the GIL ~0.5 s (the
    app's window shares it); slices are factorized alone and their distinct values numbered
    globally in a plain dict. A dict that grows past 1.4M or 2.8M entries copies itself in one
    C call (55-125 ms with the GIL held): with `limit`, None once more distinct values than
    that have been seen (the caller then hashes them instead).
    """
    if len(keys) <= FACTORIZE_SLICE:
        codes, _ = pd.factorize(keys, use_na_sentinel=True)
        return codes.astype(np.int64, copy=False)
    codes = np.empty(len(keys), dtype=np.int64)
    numbers: dict = {}
    for start in range(0, len(keys), FACTORIZE_SLICE):
        local, uniques = pd.factorize(keys[start:start + FACTORIZE_SLICE], use_na_sentinel=True)
        if limit is not None and (len(numbers) + len(uniques) > limit
                                  or (not start and len(uniques) > len(local) // 2)):
            return None  # too many distinct values for a dict (a million e-mails)
        to_global = np.fromiter((numbers.setdefault(u, len(numbers)) for u in uniques),
                                dtype=np.int64, count=len(uniques))
        part = np.full(len(local), -1, dtype=np.int64)
        present = local >= 0
        part[present] = to_global[local[present]]
        codes[start:start + len(local)] = part
    return codes


def _hashed_codes(keys: np.ndarray) -> np.ndarray | None:
    """Codes for a column of texts (and None/NaN: -1) with no big Python dict: each text's
    64-bit hash, a slice at a time, then np.unique over the hashes (sorting numbers releases
    the GIL). None if two different texts share a hash (checked), or a text cannot be hashed
    (a lone surrogate): the caller then takes the exact path.
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
    # Every row must hold its code's first text: equal hashes of different texts would
    # merge two values (chance ~1e-8 at a million values; then the exact path is taken).
    # Gathered a slice at a time: picking a million objects in hash order is one C call of
    # scattered reads (~50 ms).
    first_row = rows[first]
    for start in range(0, len(rows), FACTORIZE_SLICE):
        end = start + FACTORIZE_SLICE
        if not (keys[rows[start:end]] == keys[first_row[inverse[start:end]]]).all():
            return None
    codes = np.full(n, -1, dtype=np.int64)
    codes[rows] = inverse
    return codes


def _text_codes(texts: np.ndarray) -> np.ndarray:
    """Codes for an object array of str and None/NaN (-1), in any order (factorize numbers
    them again)."""
    if len(texts) > FACTORIZE_SLICE:
        # A few hundred cities or industries: a small dict is quickest. A million e-mails:
        # hashes (a dict that big would copy itself in long GIL-holding steps).
        codes = _dict_codes(texts, limit=DICT_LIMIT)
        if codes is None:
            codes = _hashed_codes(texts)
        if codes is not None:
            return codes
    return _dict_codes(texts)


# A cell's kind: text, int, float and bool are each coded on their own (1, 1.0 and True are
# equal in Python but are different cells: a count, an amount, a flag); anything else
# (an employee band's list, numpy numbers) through a typed key.
_MISSING, _TEXT, _INT, _FLOAT, _BOOL, _OTHER = range(6)


_KIND_OF = {str: _TEXT, int: _INT, float: _FLOAT, bool: _BOOL, type(None): _MISSING}


def _kinds(values: np.ndarray) -> np.ndarray:
    """Each cell's kind, a slice at a time (a float NaN is a float here)."""
    out = np.empty(len(values), dtype=np.int8)
    for start in range(0, len(values), FACTORIZE_SLICE):
        part = values[start:start + FACTORIZE_SLICE]
        types, distinct = pd.factorize(np.fromiter(map(type, part), dtype=object,
                                                   count=len(part)))
        lookup = np.array([_KIND_OF.get(t, _OTHER) for t in distinct], dtype=np.int8)
        out[start:start + len(part)] = lookup[types]
    return out


def _all_text(values: np.ndarray) -> bool:
    """Only texts and None/NaN (most columns: the quick check, ~10 ms at a million)."""
    infer = pd.api.types.infer_dtype
    return all(infer(values[start:start + FACTORIZE_SLICE], skipna=True) in ("string", "empty")
               for start in range(0, len(values), FACTORIZE_SLICE))


def _number_codes(values: np.ndarray, dtype) -> np.ndarray | None:
    """Codes for ints, floats or bools as numbers (NaN: -1); None if an int does not fit."""
    try:
        numbers = values.astype(dtype)
    except OverflowError:
        return None
    if dtype is not np.float64:  # a hash table over plain numbers: ~10 ms per million
        return pd.factorize(numbers)[0].astype(np.int64, copy=False)
    # Floats by a sort: 0.0 and -0.0 are one value, as in a dict; NaN is missing.
    codes = np.full(len(numbers), -1, dtype=np.int64)
    present = ~np.isnan(numbers)
    _, inverse = np.unique(numbers[present], return_inverse=True)
    codes[present] = inverse.reshape(-1)
    return codes


def _kind_codes(values: np.ndarray, kind: int) -> np.ndarray:
    """Codes for the cells of one kind (-1: missing)."""
    codes = None
    if kind == _TEXT:
        return _text_codes(values)
    if kind in (_INT, _FLOAT, _BOOL):
        codes = _number_codes(values, {_INT: np.int64, _FLOAT: np.float64,
                                       _BOOL: np.bool_}[kind])
    if codes is None:  # other kinds, or ints too big for int64
        keys = np.empty(len(values), dtype=object)
        keys[:] = [_key(v) for v in values.tolist()]
        codes = _dict_codes(keys)
    return codes


def factorize(values) -> Column:
    """Codes in order of first appearance and the distinct values (as first written): what
    pd.factorize gives, with 1, 1.0 and True (and a band's list) kept apart."""
    if isinstance(values, np.ndarray):
        values = values.astype(object, copy=False)
    else:  # a list: one element per item (a band's list too), a slice at a time
        values = objects(values)
    n = len(values)
    if _all_text(values):
        codes = _text_codes(values)
        offset = int(codes.max()) + 1 if n else 0
    else:
        codes, offset = _mixed_codes(values)
    # Numbered again in order of first appearance; uniques are each code's first value.
    valid = codes >= 0
    first = np.full(offset, n, dtype=np.int64)
    np.minimum.at(first, codes[valid], np.flatnonzero(valid))
    order = np.argsort(first, kind="stable")
    rank = np.empty(offset, dtype=np.int64)
    rank[order] = np.arange(offset, dtype=np.int64)
    codes = np.where(valid, rank[np.maximum(codes, 0)], -1) if offset else codes
    uniques = take(values, first[order])  # a slice at a time, as above
    return Column(codes, uniques)


def _mixed_codes(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Codes (dense, any order) for a column of several kinds, each kind coded alone, and
    how many there are."""
    n = len(values)
    kinds = _kinds(values)
    per_kind = np.bincount(kinds, minlength=_OTHER + 1)
    codes = np.full(n, -1, dtype=np.int64)
    offset = 0  # each kind's codes follow the previous kind's (all dense from 0)
    for kind in np.flatnonzero(per_kind).tolist():
        if kind == _MISSING:
            continue
        rows = None if per_kind[kind] == n else np.flatnonzero(kinds == kind)
        local = _kind_codes(values if rows is None else take(values, rows), kind)
        present = local >= 0
        local = np.where(present, local + offset, -1)
        offset = int(local.max()) + 1 if present.any() else offset
        if rows is None:
            codes = local
        else:
            codes[rows] = local
    return codes, offset


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

    def batch(self, column: Column, name: str, key: str, fn: Callable):
        """fn(uniques) for all distinct values of `column` at once (a normaliser that answers
        column-wise, e.g. email.normalize_emails), computed once per run and key."""
        cached = self._results.get((name, key))
        if cached is None or len(cached) != len(column.uniques):
            cached = self._results[(name, key)] = fn(column.uniques)
        return cached

    def clear(self) -> None:
        """Forget everything one entry at a time: dropping the whole cache at once frees every
        distinct value and normaliser result in one go (0.1 s with the GIL held at 300k rows).
        A big entry nobody else holds is emptied a slice at a time too (one column of 272k
        distinct e-mails: 60 ms for its values, 64 ms for their results, in one C call each)."""
        while self._results:
            _, results = self._results.popitem()
            if sys.getrefcount(results) == _ONLY_HERE:
                if isinstance(results, list):
                    free(results)
                else:  # column-wise results (batch): their arrays of texts
                    fields = vars(results)
                    for field in list(fields):
                        array = fields.pop(field)
                        if (isinstance(array, np.ndarray) and array.dtype == object
                                and array.base is None
                                and sys.getrefcount(array) == _ONLY_HERE):
                            free(array)
                        del array
            del results
        while self._columns:
            _, column = self._columns.popitem()
            uniques = column.uniques
            del column
            if sys.getrefcount(uniques) == _ONLY_HERE and uniques.base is None:
                free(uniques)  # no view or other holder sees the Nones
            del uniques


def _probe_refcount() -> int:
    probe: list = []
    return sys.getrefcount(probe)


_ONLY_HERE = _probe_refcount()  # what getrefcount says of an object only one local holds


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
