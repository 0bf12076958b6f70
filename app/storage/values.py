"""How cell values travel into SQLite: raw cells as JSON, customer fields as plain values."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, time, timedelta


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
    return _ENCODER.encode(cells)


def field_column(values) -> list:
    """field_value over a column, with the common case (non-empty text) kept in C-speed loops."""
    return [
        v if (v.__class__ is str and v) or v is None or v.__class__ is int
        else (int(v) if v.__class__ is float and v.is_integer() and -1e15 < v < 1e15
              else field_value(v))
        for v in values
    ]


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


def json_or_none(value) -> str | None:
    if value is None or value == [] or value == {}:
        return None
    return json.dumps(value, ensure_ascii=False)
