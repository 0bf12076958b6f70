"""How cells travel into SQLite: the fast column-wise encoders must give exactly what the
plain per-cell ones give, for every kind of cell a reader can produce."""

import json
import math
from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.storage.values import (
    field_column,
    field_value,
    fields_json,
    json_or_none,
    raw_cells_from_json,
    raw_cells_json,
    raw_rows_json,
)

CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.sampled_from(["", "null", "NULL", 'say "null"', "合计", "0", "-0.0", "1e309"]),
    st.dates(),
    st.datetimes(),
    st.times(),
    # Durations are kept as seconds (a float): exact to the microsecond within ±100 years,
    # far beyond what a spreadsheet holds (Excel stores them as a float of days anyway).
    st.timedeltas(min_value=timedelta(days=-36500), max_value=timedelta(days=36500)),
)
# Mostly one kind per column, as sheets are, with the odd stray cell.
COLUMN = st.one_of(
    st.lists(CELLS, min_size=3, max_size=3),
    st.tuples(CELLS).flatmap(lambda first: st.lists(
        st.one_of(st.just(first[0]), st.just(None), CELLS), min_size=3, max_size=3)),
)


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def strict_json(text):
    """json.loads that refuses NaN / Infinity, as SQLite's json functions do."""
    def refuse(name):
        raise ValueError(f"not JSON: {name}")
    return json.loads(text, parse_constant=refuse)


def columns_of(rows):
    return [list(col) for col in zip(*rows, strict=True)]


@settings(max_examples=300, deadline=None)
@given(st.lists(COLUMN, min_size=1, max_size=5))
def test_raw_rows_json_keeps_every_cell_and_its_kind(columns):
    rows = [list(r) for r in zip(*columns, strict=True)]
    numbers = [n * 2 for n in range(4, 4 + len(rows))]
    first, text = raw_rows_json(numbers, columns)
    pairs = strict_json(text)
    assert first is None and [n for n, _ in pairs] == numbers
    first, text = raw_rows_json(list(range(4, 4 + len(rows))), columns)
    assert first == 4 and strict_json(text) == [cells for _, cells in pairs]
    # Handing over the rows as well (to skip rebuilding them) changes nothing.
    assert raw_rows_json(list(range(4, 4 + len(rows))), columns, rows=rows) == (first, text)
    encoded = [json.dumps(cells) for _, cells in pairs]
    for text, row in zip(encoded, rows, strict=True):
        assert json.loads(text) == json.loads(raw_cells_json(row)) or any(
            isinstance(v, float) and math.isnan(v) for v in row)
        back = raw_cells_from_json(text)
        assert len(back) == len(row)
        assert all(same(a, b) for a, b in zip(back, row, strict=True)), (row, back)


def test_raw_rows_json_of_a_typical_sheet_chunk():
    rows = [
        ["王伟", "13800138000", 404.0, date(2022, 4, 6), datetime(2022, 5, 6, 9, 30), True, None],
        ["李芳", "", 20.5, date(2022, 4, 6), datetime(2022, 5, 6, 9, 30), False, "null"],
        ["张三", "x", float("nan"), None, None, None, None],
    ]
    first, text = raw_rows_json([1, 2, 3], columns_of(rows))
    assert first == 1
    encoded = [json.dumps(cells) for cells in json.loads(text)]
    assert [raw_cells_from_json(t)[:2] for t in encoded] == [r[:2] for r in rows]
    assert raw_cells_from_json(encoded[0])[3:6] == [date(2022, 4, 6), datetime(2022, 5, 6, 9, 30),
                                                    True]
    assert math.isnan(raw_cells_from_json(encoded[2])[2])  # not null: the number is kept
    assert raw_cells_from_json(encoded[1])[6] == "null"


@settings(max_examples=300, deadline=None)
@given(COLUMN)
def test_field_column_equals_field_value_cell_by_cell(column):
    for values in (column, tuple(column)):
        got = list(field_column(values))
        want = [field_value(v) for v in values]
        assert all(same(a, b) for a, b in zip(got, want, strict=True)), (values, got, want)


def test_field_column_of_dates_repeats_reuses_nothing_wrong():
    days = [date(2024, 1, 1), datetime(2024, 1, 1), datetime(2024, 1, 1, 8), time(8), None, ""]
    for _ in range(2):  # the second pass answers from the memo
        assert field_column([days[0], days[0], None]) == ["2024-01-01", "2024-01-01", None]
        assert field_column([days[1], None]) == ["2024-01-01", None]
        assert field_column([days[2]]) == ["2024-01-01T08:00:00"]
        assert field_column([days[3], ""]) == ["08:00:00", None]
        assert field_column([timedelta(hours=1)]) == ["1:00:00"]


FIELD_VALUES = st.one_of(st.none(), st.text(), st.integers(), st.booleans(),
                         st.floats(allow_nan=False, allow_infinity=False))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=4),
       st.lists(st.lists(FIELD_VALUES, min_size=4, max_size=4), min_size=1, max_size=6))
def test_fields_json_is_json_or_none_of_each_rows_dict(names, rows):
    rows = [row[:len(names)] for row in rows]
    columns = [list(col) for col in zip(*rows, strict=True)]
    want = [json_or_none({h: v for h, v in zip(names, row, strict=True) if v is not None})
            for row in rows]
    assert fields_json(names, [field_column(c) for c in columns]) == [
        json_or_none({h: v for h, v in zip(names, vals, strict=True) if v is not None})
        for vals in zip(*(field_column(c) for c in columns), strict=True)]
    assert fields_json(names, columns) == want
