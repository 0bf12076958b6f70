"""Preparing the customer table for display, off the GUI thread (Qt-free helpers).

The customers DataFrame (core contract) becomes a `CustomerTable`: one object array per shown
column (role fields in ROLE_KEYS order, then extra fields by header) plus one lower-cased
"haystack" string per row so a search is a single vectorised substring test.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from app.core.arrays import free, objects
from app.core.fields import ROLE_KEYS

SEPARATOR = "\x1f"  # between cells in the haystack: never typed by a user


@dataclass
class TableColumn:
    key: str  # role key, or the extra field's header
    is_role: bool
    values: np.ndarray  # object array, one per row


@dataclass
class CustomerTable:
    customer_ids: np.ndarray
    columns: list[TableColumn]
    haystack: object = None  # pandas Series of str (built lazily by search_rows)
    _sort_keys: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.customer_ids)


def build_table(frame) -> CustomerTable:
    """Customers DataFrame -> CustomerTable (role columns present, then extra headers)."""
    n = len(frame)
    ids = (frame["customer_id"].to_numpy() if "customer_id" in frame else np.arange(1, n + 1))
    columns: list[TableColumn] = []
    for key in ROLE_KEYS:
        if key in frame.columns:
            columns.append(TableColumn(key, True, _as_objects(frame[key])))
    if "extra" in frame.columns and n:
        headers: dict[str, None] = {}
        extras = frame["extra"].tolist()
        for extra in extras:
            if extra:
                for header in extra:
                    headers.setdefault(header, None)
        for header in headers:
            values = objects((e or {}).get(header) for e in extras)
            columns.append(TableColumn(header, False, values))
    return CustomerTable(np.asarray(ids), columns)


AS_OBJECTS_SLICE = 100_000  # values converted per pandas call


def _as_objects(series) -> np.ndarray:
    """series.to_numpy(dtype=object, na_value=None), a slice at a time: in one go, the missing
    value test and copy over a million values held the GIL for 0.05-0.1 s per column."""
    values = np.empty(len(series), dtype=object)
    for start in range(0, len(series), AS_OBJECTS_SLICE):
        part = series.iloc[start:start + AS_OBJECTS_SLICE]
        values[start:start + len(part)] = part.to_numpy(dtype=object, na_value=None)
    return values


def display_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:g}" if abs(value) >= 1e15 else str(round(value, 2))
    if isinstance(value, (list, tuple)):
        return ", ".join(display_text(v) for v in value)
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


HAYSTACK_SLICE = 20_000  # rows joined per step: no single C call holds the GIL for long


def _haystack(table: CustomerTable):
    """One lower-cased string per row, all cells joined (built once, on a worker thread).

    Slice by slice with str.join/lower: pandas' str.cat and str.lower over a million Python
    strings are single C calls that held the GIL (and so the window) for a second at a time.
    (A pyarrow path joined faster but broke on object-dtype text and is not in the package.)
    """
    import pandas as pd

    if table.haystack is None:
        rows: list[str] = [""] * len(table) if not table.columns else []
        for start in range(0, len(table) if table.columns else 0, HAYSTACK_SLICE):
            stop = start + HAYSTACK_SLICE
            parts = [_column_text(column.values[start:stop]).tolist()
                     for column in table.columns]
            rows.extend(SEPARATOR.join(cells).lower() for cells in zip(*parts, strict=True))
        table.haystack = pd.Series(objects(rows), dtype=object)  # (from a list: one long call)
        free(rows)
    return table.haystack


def _column_text(values: np.ndarray):
    """The cells as display_text would show them, vectorised for text and number columns."""
    import pandas as pd

    series = pd.Series(values, dtype=object)
    if _all_text(values):
        return series.fillna("").astype("str")
    kinds = set(map(type, values))
    if kinds <= {int, float, type(None), np.int64, np.float64}:
        numbers = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)
        out = np.full(len(values), "", dtype=object)
        finite = np.isfinite(numbers)
        whole = finite & (numbers == np.round(numbers)) & (np.abs(numbers) < 1e15)
        out[whole] = numbers[whole].astype(np.int64).astype(str)
        rest = finite & ~whole
        out[rest] = np.round(numbers[rest], 2).astype(str)
        return pd.Series(out, dtype="str")
    return series.map(display_text, na_action="ignore").fillna("").astype("str")


def _all_text(values: np.ndarray) -> bool:
    return set(map(type, values)) <= {str, type(None)}


def search_rows(table: CustomerTable, text: str) -> np.ndarray:
    """Row positions whose cells contain `text` (case-insensitive), in table order."""
    text = (text or "").strip().lower()
    if not text:
        return np.arange(len(table))
    hay = _haystack(table)
    hits = hay.str.contains(text, regex=False).to_numpy(dtype=bool, na_value=False)
    return np.flatnonzero(hits)


def sort_key(table: CustomerTable, column: int) -> tuple[np.ndarray, int]:
    """(integer rank per row, rank of an empty cell) for one column: numbers numerically,
    text by text, empty cells ranked after everything (cached per column)."""
    if column in table._sort_keys:
        return table._sort_keys[column]
    import pandas as pd

    values = table.columns[column].values
    series = pd.Series(values, dtype=object)
    present = series.map(lambda v: v is not None and v == v and v != "")
    numbers = pd.to_numeric(series.where(present), errors="coerce")
    if present.any() and numbers[present].notna().all():
        codes, uniques = pd.factorize(numbers, sort=True)
    else:
        texts = series.where(present).map(display_text, na_action="ignore").str.lower()
        codes, uniques = pd.factorize(texts, sort=True)
    codes = np.asarray(codes, dtype=np.int64)
    codes[codes < 0] = len(uniques)  # empty cells after every value
    table._sort_keys[column] = (codes, len(uniques))
    return table._sort_keys[column]


def sorted_rows(table: CustomerTable, column: int, descending: bool, rows: np.ndarray) -> np.ndarray:
    """`rows` reordered by `column` (stable), empty cells last in either direction."""
    codes, empty = sort_key(table, column)
    key = codes[rows]
    if descending:
        # Reverse the values but keep empty cells last.
        key = np.where(key == empty, empty, empty - 1 - key)
    return rows[np.argsort(key, kind="stable")]


def load_customer_table(ws) -> CustomerTable:
    """Runner job: the workspace's customers, ready to show and search.

    Only the stored columns the table shows (no source rows, flags, alternates: decoding and
    then freeing a million of those held the GIL for tenths of a second)."""
    from app.core.frames import release
    from app.storage.customers import load_customers

    frame = load_customers(ws, with_sources=False, fields=[*ROLE_KEYS, "extra"])
    extras = frame["extra"].tolist() if "extra" in frame.columns else []
    table = build_table(frame)
    release(frame)  # column by column; the extra dicts are only in `extras` now
    free(extras)  # a million dicts, freed a slice at a time
    _haystack(table)  # pay for search once, here, off the GUI thread
    return table


RELEASE_WAIT = 0.5  # seconds release_table gives a search still running on the table
# Who holds a table while release_table runs as a runner job: the job's argument tuple, the
# function's parameter and getrefcount's own argument.
RELEASE_HOLDERS = 3


def release_table(table: CustomerTable) -> None:
    """Empty a table its model no longer shows, a slice at a time, off the GUI thread.

    The last reference to a million-row table going away on the GUI thread freed a dozen
    million strings in one cascade: the window froze for most of a second. A search or sort
    still running on the old table gets up to RELEASE_WAIT to finish (its answer is dropped
    anyway); arrays anyone else holds (a running job's slice, a caller's copy) are left whole.
    Only for a table its owner has let go.
    """
    import sys
    import time

    from app.core.frames import release_series

    deadline = time.monotonic() + RELEASE_WAIT
    while sys.getrefcount(table) > RELEASE_HOLDERS and time.monotonic() < deadline:
        time.sleep(0.01)
    for column in table.columns:
        # held by the column and getrefcount's argument only
        if sys.getrefcount(column.values) <= 2 and column.values.base is None:
            free(column.values)
    haystack, table.haystack = table.haystack, None
    if haystack is not None and sys.getrefcount(haystack) <= 2:  # (here and the argument)
        release_series(haystack)
    table._sort_keys.clear()
