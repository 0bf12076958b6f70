"""What a cleaning plan sets per customer besides cell changes (flags, alternates,
salutations), held column-wise: arrays of customer ids beside arrays of values.

At a million rows a plan flags hundreds of thousands of customers. Held as a dict of dicts,
building it grew one dict past a million entries, and a dict copies itself in one C call as
it grows (119 ms with the GIL held: the window froze while the worker built the plan). Here a
batch of rows is one numpy array; per-customer dicts are made only for the few rows a caller
looks at, or a storage chunk at a time (`between`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

_EMPTY_IDS = np.empty(0, dtype=np.int64)


def _sorted_last(ids: np.ndarray) -> np.ndarray:
    """Positions of the entries to keep, sorted by id: where an id repeats, the last one."""
    order = np.argsort(ids, kind="stable")
    sorted_ids = ids[order]
    last = np.ones(len(order), dtype=bool)
    last[:-1] = sorted_ids[1:] != sorted_ids[:-1]
    return order[last]


class CustomerValues:
    """One value per customer (a salutation, a list of alternate phones), added a batch at a
    time; where a customer is given a value twice, the later one holds. Reads like a small
    dict ({customer id: value}) for the few rows a caller looks at."""

    def __init__(self) -> None:
        self._batches: list[tuple[np.ndarray, np.ndarray]] = []
        self._ids: np.ndarray | None = _EMPTY_IDS
        self._values: np.ndarray = np.empty(0, dtype=object)

    @classmethod
    def from_dict(cls, d: dict) -> CustomerValues:
        out = cls()
        if d:
            ids = np.fromiter(d.keys(), dtype=np.int64, count=len(d))
            # fromiter keeps each value an element (a list of alternates too)
            out.add(ids, np.fromiter(d.values(), dtype=object, count=len(d)))
        return out

    def add(self, ids, values) -> None:
        ids = np.asarray(ids, dtype=np.int64)
        if not len(ids):
            return
        if not (isinstance(values, np.ndarray) and values.dtype == object):
            values = np.fromiter(values, dtype=object, count=len(ids))
        if len(values) != len(ids):
            raise ValueError("one value per customer id")
        self._batches.append((ids, values))
        self._ids = None

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """(customer ids sorted, their values): the last value given to each customer."""
        if self._ids is None:
            if len(self._batches) == 1:
                ids, values = self._batches[0]
            else:
                ids = np.concatenate([b[0] for b in self._batches])
                values = np.concatenate([b[1] for b in self._batches])
            if len(ids) > 1 and not (ids[1:] > ids[:-1]).all():
                keep = _sorted_last(ids)
                ids, values = ids[keep], _take(values, keep)
            self._ids, self._values = ids, values
            self._batches = [(ids, values)]
        return self._ids, self._values

    def between(self, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """The ids in lo..hi (inclusive) and their values."""
        ids, values = self.arrays()
        a, b = np.searchsorted(ids, [lo, hi + 1])
        return ids[a:b], values[a:b]

    def __len__(self) -> int:
        return len(self.arrays()[0])

    def __bool__(self) -> bool:
        return any(len(b[0]) for b in self._batches)

    def __contains__(self, cid) -> bool:
        return self.get(cid, _MISSING) is not _MISSING

    def get(self, cid, default=None):
        ids, values = self.arrays()
        at = int(np.searchsorted(ids, cid))
        return values[at] if at < len(ids) and ids[at] == cid else default

    def __getitem__(self, cid):
        value = self.get(cid, _MISSING)
        if value is _MISSING:
            raise KeyError(cid)
        return value

    def items(self) -> Iterator[tuple[int, object]]:
        ids, values = self.arrays()
        for start in range(0, len(ids), _SLICE):
            yield from zip(ids[start:start + _SLICE].tolist(),
                           values[start:start + _SLICE].tolist(), strict=True)

    def values(self) -> Iterator[object]:
        for _, value in self.items():
            yield value

    def __eq__(self, other) -> bool:
        if isinstance(other, CustomerValues | dict):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    __hash__ = None  # mutable

    def __repr__(self) -> str:
        return f"CustomerValues({len(self)} customers)"

    def free(self) -> None:
        """Drop the values a slice at a time (see app.core.arrays.free)."""
        from app.core.arrays import free

        batches, self._batches = self._batches, []
        values, self._values = self._values, np.empty(0, dtype=object)
        self._ids = _EMPTY_IDS
        for _, part in batches:
            if part.base is None:
                free(part)
        if values.base is None:
            free(values)


_MISSING = object()
_SLICE = 50_000


def _take(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    from app.core.arrays import take

    return take(values, index)


class FlagSet:
    """The problems a plan flags: customer -> field -> reason ("fake", "invalid",
    "shared:4"...), held as batches of (field, customer ids, reason codes).

    Reads like the dict of dicts it replaces for a few customers (`flags[cid]`, `get`,
    `items`); storage takes the per-customer dicts a chunk of ids at a time (`between`).
    A customer's fields keep the order they were first flagged in (the order a dict built
    row by row had, so the stored JSON text is the same).
    """

    def __init__(self) -> None:
        # (field code, ids, reason codes, replace: a later reason for the same cell wins)
        self._batches: list[tuple[int, np.ndarray, np.ndarray, bool]] = []
        self._base: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # resolved cells
        self._fields: list[str] = []
        self._reasons: list[str] = []
        self._reason_code: dict[str, int] = {}
        self._resolved: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    # -- building

    def _code(self, reason: str) -> int:
        code = self._reason_code.get(reason)
        if code is None:
            code = self._reason_code[reason] = len(self._reasons)
            self._reasons.append(reason)
        return code

    def add(self, field: str, ids, codes, texts, *, replace: bool = True) -> None:
        """Flag `field` of these customers, customer k with reason texts[codes[k]].
        `replace=False`: a cell flagged before keeps its earlier reason."""
        ids = np.asarray(ids, dtype=np.int64)
        if not len(ids):
            return
        to_code = np.array([self._code(str(t)) for t in texts], dtype=np.int32)
        if field not in self._fields:
            self._fields.append(field)
        self._batches.append((self._fields.index(field), ids,
                              to_code[np.asarray(codes, dtype=np.int64)], replace))
        self._resolved = None

    def add_reasons(self, field: str, ids, reasons, *, replace: bool = True) -> None:
        """add() with one reason text per id (a short list: tests, small plans)."""
        texts = list(dict.fromkeys(reasons))
        at = {t: k for k, t in enumerate(texts)}
        self.add(field, ids, [at[r] for r in reasons], texts, replace=replace)

    # -- reading

    def _resolve(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ids, field codes, reason codes): one entry per flagged cell, sorted by customer
        and, within a customer, by when its field was first flagged."""
        if self._resolved is not None:
            return self._resolved
        parts = []  # (ids, fields, reasons, seq, replace)
        if self._base is not None and len(self._base[0]):
            ids, fields, reasons = self._base
            n = len(ids)  # already in order: numbered before every batch, in that order
            parts.append((ids, fields, reasons, np.arange(n, dtype=np.int64) - n,
                          np.ones(n, dtype=bool)))
        for k, (field, ids, reasons, replace) in enumerate(self._batches):
            n = len(ids)
            parts.append((ids, np.full(n, field, dtype=np.int32), reasons,
                          np.full(n, k, dtype=np.int64), np.full(n, replace, dtype=bool)))
        if not parts:
            empty = np.empty(0, dtype=np.int32)
            self._resolved = (_EMPTY_IDS, empty, empty)
            return self._resolved
        ids, fields, reasons, seq, replace = (np.concatenate(a) for a in zip(*parts, strict=True))
        # Cells: a stable sort by (id, field) keeps each cell's entries in the order added.
        cell_order = np.lexsort((fields, ids))
        c_ids, c_fields = ids[cell_order], fields[cell_order]
        first = np.ones(len(cell_order), dtype=bool)
        first[1:] = (c_ids[1:] != c_ids[:-1]) | (c_fields[1:] != c_fields[:-1])
        starts = np.flatnonzero(first)
        # A cell's reason: its last entry that may set it (its first, or a replacing one).
        positions = np.where(first | replace[cell_order], np.arange(len(cell_order)), -1)
        last = np.maximum.reduceat(positions, starts)
        cell_ids, cell_fields = c_ids[starts], c_fields[starts]
        cell_reasons = reasons[cell_order][last]
        cell_seq = seq[cell_order][starts]  # when the cell was first flagged
        order = np.lexsort((cell_seq, cell_ids))
        self._resolved = (cell_ids[order], cell_fields[order], cell_reasons[order])
        return self._resolved

    def between(self, lo: int, hi: int) -> tuple[np.ndarray, list[dict[str, str]]]:
        """Flagged customers with ids in lo..hi (inclusive), sorted, and each one's
        {field: reason} in the order its fields were flagged."""
        ids, fields, reasons = self._resolve()
        a, b = np.searchsorted(ids, [lo, hi + 1])
        return self._dicts(ids[a:b], fields[a:b], reasons[a:b])

    def _dicts(self, ids, fields, reasons) -> tuple[np.ndarray, list[dict[str, str]]]:
        if not len(ids):
            return _EMPTY_IDS, []
        new = np.ones(len(ids), dtype=bool)
        new[1:] = ids[1:] != ids[:-1]
        starts = np.flatnonzero(new)
        names = [self._fields[f] for f in fields.tolist()]
        texts = [self._reasons[r] for r in reasons.tolist()]
        bounds = [*starts.tolist(), len(ids)]
        dicts = [dict(zip(names[s:e], texts[s:e], strict=True))
                 for s, e in zip(bounds[:-1], bounds[1:], strict=True)]
        return ids[starts], dicts

    def customer_ids(self) -> np.ndarray:
        """The flagged customers, sorted."""
        ids = self._resolve()[0]
        if not len(ids):
            return ids
        keep = np.ones(len(ids), dtype=bool)
        keep[1:] = ids[1:] != ids[:-1]
        return ids[keep]

    def __len__(self) -> int:
        """Customers with at least one flag."""
        return len(self.customer_ids())

    def __bool__(self) -> bool:
        return any(len(b[1]) for b in self._batches) or (
            self._base is not None and bool(len(self._base[0])))

    def get(self, cid, default=None):
        ids, fields, reasons = self._resolve()
        a, b = np.searchsorted(ids, [cid, cid + 1])
        if a == b:
            return default
        return self._dicts(ids[a:b], fields[a:b], reasons[a:b])[1][0]

    def __getitem__(self, cid) -> dict[str, str]:
        found = self.get(cid)
        if found is None:
            raise KeyError(cid)
        return found

    def __contains__(self, cid) -> bool:
        return self.get(cid) is not None

    def items(self) -> Iterator[tuple[int, dict[str, str]]]:
        ids = self.customer_ids()
        for start in range(0, len(ids), _SLICE):  # whole customers per slice
            part = ids[start:start + _SLICE]
            found, dicts = self.between(int(part[0]), int(part[-1]))
            yield from zip(found.tolist(), dicts, strict=True)

    def __eq__(self, other) -> bool:
        if isinstance(other, FlagSet | dict):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    __hash__ = None  # mutable

    def __repr__(self) -> str:
        return f"FlagSet({len(self)} customers)"

    def only(self, keep_reason: Callable[[str], bool]) -> FlagSet:
        """The flags whose reason passes `keep_reason` (e.g. those set by chosen rules),
        judged on each cell's final reason."""
        out = FlagSet()
        out._fields = list(self._fields)
        out._reasons = list(self._reasons)
        out._reason_code = dict(self._reason_code)
        ids, fields, reasons = self._resolve()
        kept = np.array([keep_reason(r) for r in self._reasons], dtype=bool)
        mask = kept[reasons] if len(kept) else np.zeros(len(ids), dtype=bool)
        out._base = (ids[mask], fields[mask], reasons[mask])
        return out
