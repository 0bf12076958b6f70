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


def raw_cells_json(cells) -> str:
    return json.dumps([raw_cell(c) for c in cells], ensure_ascii=False)


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
