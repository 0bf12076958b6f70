"""How cell values travel into SQLite: raw cells as JSON, customer fields as plain values."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, time, timedelta

import numpy as np
import orjson


def raw_cell(value):
    """A cell as JSON-able data that keeps what kind of cell it was."""
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, time):
        return {"time": value.isoformat()}
    if isinstance(value, timedelta):
        return {"duration_seconds": value.total_seconds()}
    if isinstance(value, float) and not math.isfinite(value):
        return {"number": str(value)}
    return value


def _json_default(value):
    converted = raw_cell(value)
    if converted is value:
        return str(value)
    return converted


# The C encoder handles str/int/float/None itself and calls _json_default only for dates and
# other odd cells, which keeps a million-row import from paying a Python call per cell.
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_json_default, check_circular=False)


def raw_cells_json(cells) -> str:
    text = _ENCODER.encode(cells)
    if "NaN" in text or "Infinity" in text:
        # The encoder writes non-finite floats as bare NaN / Infinity (not JSON, which
        # SQLite's json functions refuse) without asking _json_default; tag them instead.
        text = _ENCODER.encode([raw_cell(v) if isinstance(v, float) else v for v in cells])
    return text


class _Memo(dict):
    """value -> convert(value), computed once per distinct value: a sheet's dates repeat
    (a few hundred days across a million rows), so looking them up is a C call where
    converting each would be a Python one. Only naive values of the date and time classes
    are kept, whose equal values convert alike (date(2024, 1, 1) != datetime(2024, 1, 1), and
    no number equals a date); anything else is converted every time. Emptied when it grows
    past `limit` (a column of timestamps hardly repeats)."""

    __slots__ = ("convert", "limit")

    def __init__(self, convert, limit: int = 50_000):
        super().__init__()
        self.convert = convert
        self.limit = limit

    def __missing__(self, value):
        converted = self.convert(value)
        if value.__class__ in _MEMO_CLASSES and getattr(value, "tzinfo", None) is None:
            if len(self) >= self.limit:
                self.clear()
            self[value] = converted
        return converted


_MEMO_CLASSES = frozenset((date, datetime, time, timedelta))
_PLAIN = frozenset((str, int, bool, type(None)))
_JSON_NATIVE = frozenset((str, int, float, bool, type(None)))  # orjson writes these itself
_RAW_MEMO = _Memo(raw_cell)
_FIELD_MEMO = _Memo(lambda v: field_value(v))


def column_kinds(columns) -> list[frozenset]:
    """The classes of the cells in each column (one C-speed pass per column)."""
    return [frozenset(map(type, col)) for col in columns]


def raw_rows_json(numbers, columns, kinds=None, rows=None) -> tuple[int | None, bytes]:
    """One chunk of raw rows as UTF-8 JSON for SQLite to split (json_each, which keeps each
    row's text exactly as written here): (first row number, array of cells arrays) when the
    rows are numbered consecutively, as they mostly are, else (None, array of [row number,
    cells] pairs). The cells are what raw_cells_json gives for the row (the same JSON values,
    only without spaces).

    orjson writes text, numbers and booleans, and hands each date, time or duration to a memo
    of its tagged form ({"date": ...}) as it meets it (so the rows are written as they came,
    not rebuilt from converted columns). Whatever orjson would write differently sends the
    whole chunk to the json module: a class it does not know (numpy numbers, say), a float
    that is not finite (orjson writes NaN as null), an integer beyond 64 bits, a lone
    surrogate. `rows`, the same cells row by row, saves putting them back together.
    """
    kinds = column_kinds(columns) if kinds is None else kinds
    consecutive = bool(numbers) and numbers[-1] - numbers[0] == len(numbers) - 1
    first = numbers[0] if consecutive else None
    for col, kind in zip(columns, kinds, strict=True):
        if not kind <= _JSON_NATIVE | _MEMO_CLASSES or (float in kind and not _all_finite(col)):
            return first, _exact(numbers, columns, consecutive)
    if rows is None:
        rows = list(zip(*columns, strict=True))
    try:
        return first, orjson.dumps(rows if consecutive else list(zip(numbers, rows, strict=True)),
                                   default=_RAW_MEMO.__getitem__, option=_PASS_DATES)
    except (orjson.JSONEncodeError, TypeError):
        return first, _exact(numbers, columns, consecutive)


# Dates, datetimes and times go to `default` (the memo) instead of orjson's own ISO text;
# durations always do (orjson does not know them).
_PASS_DATES = orjson.OPT_PASSTHROUGH_DATETIME


def _all_finite(col) -> bool:
    """No NaN or infinity among the floats of `col` (their sum is finite, checked in C)."""
    try:
        # filter(None) drops None (and zeros, which cannot make a sum infinite).
        return math.isfinite(math.fsum(filter(None, col)))
    except (TypeError, OverflowError):  # text among the numbers, or a huge sum
        return all(v - v == 0 for v in col if v.__class__ is float)


def _exact(numbers, columns, consecutive: bool) -> bytes:
    rows = map(raw_cells_json, zip(*columns, strict=True))
    if consecutive:
        return f"[{','.join(rows)}]".encode()
    return f"[{','.join(f'[{n},{row}]' for n, row in zip(numbers, rows, strict=True))}]".encode()


_TAGGED = {
    "datetime": datetime.fromisoformat,
    "date": date.fromisoformat,
    "time": time.fromisoformat,
    "duration_seconds": lambda seconds: timedelta(seconds=seconds),
    "number": float,
}


def raw_cells_from_json(text: str | bytes) -> list:
    """The cells of a stored raw row as they were read: the inverse of raw_cells_json (text,
    numbers, booleans and empty cells as JSON; dates, times, durations and non-finite
    numbers as one-key objects naming their kind)."""
    cells = json.loads(text)
    return [
        _TAGGED[next(iter(v))](next(iter(v.values())))
        if v.__class__ is dict and len(v) == 1 and next(iter(v)) in _TAGGED else v
        for v in cells
    ]


def field_column(values, kind=None):
    """field_value over a column (a list or tuple; returned as is when nothing changes).
    The kinds of cell present pick the conversion: text, whole numbers and booleans stay as
    they are; floats take a list comprehension; dates and times a memo (C-speed lookups);
    any other mix field_value per cell."""
    kinds = frozenset(map(type, values)) if kind is None else kind
    if kinds <= _PLAIN:
        if str in kinds and "" in values:
            return [None if v == "" else v for v in values]
        return values
    if float in kinds and kinds <= _FLOATS:
        return _float_column(values)
    if kinds <= _NUMBERS:
        return [
            v if v.__class__ is not float
            else (int(v) if v.is_integer() and -_EXACT < v < _EXACT
                  else (v if v - v == 0 else None))  # v - v is nan for nan and infinities
            for v in values
        ]
    dated = kinds & _MEMO_CLASSES
    if len(dated) == 1 and kinds <= _PLAIN | dated:
        return list(map(_FIELD_MEMO.__getitem__, values))
    return [field_value(v) for v in values]


_NUMBERS = frozenset((int, float, type(None)))
_FLOATS = frozenset((float, type(None)))


def _float_column(values) -> list:
    """field_value over floats and empty cells, in numpy: whole numbers below 2**53 become
    ints, NaN and infinities None (spreadsheets give every number as a float)."""
    numbers = np.array(values, dtype=float)  # None reads as NaN, and NaN is None here anyway
    with np.errstate(invalid="ignore"):
        finite = np.isfinite(numbers)
        whole = finite & (numbers == np.trunc(numbers)) & (np.abs(numbers) < _EXACT)
    out = np.array(values, dtype=object)
    out[whole] = numbers[whole].astype(np.int64)  # stored as Python ints
    out[~finite] = None
    return out.tolist()
_EXACT = 2**53


def field_value(value):
    """A cell as a customer field: real dates as ISO text, whole floats as int, '' as None."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value != "" else None
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (time, timedelta)):
        return str(value)
    return value


_ENCODE_TEXT = json.encoder.encode_basestring  # the C escaper json.dumps uses for str
_ENCODE_PLAIN = json.JSONEncoder(ensure_ascii=False).encode


def fields_json(names, columns) -> list[str | None]:
    """Per row, json_or_none({name: value for the row's non-empty values}): the same text,
    built column by column (a dict and a json.dumps per row cost about 3 us: 0.3 s per
    100,000 rows of five unmapped columns)."""
    if len(set(names)) != len(names) or not all(n.__class__ is str for n in names):
        return [json_or_none({h: v for h, v in zip(names, vals, strict=True) if v is not None})
                for vals in zip(*columns, strict=True)]
    parts = []
    for name, col in zip(names, columns, strict=True):
        key = _ENCODE_TEXT(name) + ": "
        kinds = frozenset(map(type, col))
        if kinds == _STR:
            parts.append([key + text for text in map(_ENCODE_TEXT, col)])
        elif kinds <= _TEXT:
            parts.append([None if v is None else key + _ENCODE_TEXT(v) for v in col])
        else:
            parts.append([None if v is None else key + _ENCODE_PLAIN(v) for v in col])
    out = []
    for row in zip(*parts, strict=True):
        present = [p for p in row if p is not None]
        out.append("{" + ", ".join(present) + "}" if present else None)
    return out


_STR = frozenset((str,))
_TEXT = frozenset((str, type(None)))


def json_or_none(value) -> str | None:
    if value is None or value == [] or value == {}:
        return None
    return json.dumps(value, ensure_ascii=False)
