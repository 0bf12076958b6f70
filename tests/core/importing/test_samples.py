"""The acceptance samples in ../shared/samples, scored against their answer keys."""

import datetime as dt
import json

import pytest

from app.core.importing import inspect_file, read_file
from tests.core.importing.helpers import all_rows, read_one

pytestmark = pytest.mark.shared

EXPECTED_ROLES = [
    "name", "phone", "email", "company", "city", "province", "industry", "employees",
    "first_purchase", "last_purchase", "orders", "total_spent", "consent",
]


def test_customers_xlsx_both_sheets_found_under_their_titles(samples_dir):
    imported = read_file(samples_dir / "customers.xlsx")
    answers = json.loads((samples_dir / "answers/customers.answers.json").read_text("utf-8"))
    assert [t.sheet for t in imported.sheets] == ["客户名单", "Customers"]
    assert imported.skipped_sheets == []
    assert len(imported.content_hash) == 64
    expected_rows = {}
    for row in answers["rows"]:
        expected_rows.setdefault(row["sheet"], []).append(row)
    for table in imported.sheets:
        key = answers["sheets"][table.sheet]
        assert table.header_row == key["header_row"] == 3
        assert table.headers == key["headers"]
        # Chinese and English headers land on the same roles.
        assert table.roles == EXPECTED_ROLES
        rows = all_rows(table)
        assert len(rows) == answers["counts"]["rows_per_sheet"][table.sheet]
        assert [n for n, _ in rows] == [r["row"] for r in expected_rows[table.sheet]]
        # Text cells arrive exactly as stored (no trimming, no number conversion).
        for (_, cells), want in zip(rows, expected_rows[table.sheet], strict=True):
            for got, raw in zip(cells, want["raw"], strict=True):
                if isinstance(raw, str):
                    assert got == raw
                elif raw is None:
                    assert got is None
                elif isinstance(raw, dict) and "excel_date" in raw:
                    assert isinstance(got, dt.date)
                    assert got.isoformat()[:10] == raw["excel_date"]
                elif isinstance(raw, dict) and "number" in raw:
                    assert got == raw["number"]
                else:
                    assert got == raw


def test_legacy_xls_reads_400_rows_with_real_dates(samples_dir):
    answers = json.loads((samples_dir / "answers/legacy_xls.answers.json").read_text("utf-8"))
    imported, table, rows = read_one(samples_dir / "legacy/customers_legacy.xls")
    assert imported.kind == "xls"
    assert table.sheet == "客户资料" and table.header_row == 1
    assert table.roles == EXPECTED_ROLES
    assert len(rows) == 400
    dates = 0
    for (number, cells), want in zip(rows, answers["rows"], strict=True):
        assert number == want["row"]
        for got, raw in zip(cells, want["raw"], strict=True):
            if isinstance(raw, dict) and "excel_date" in raw:
                assert isinstance(got, dt.date) and got.isoformat()[:10] == raw["excel_date"]
                dates += 1
    assert dates > 100


CSV_FILES = [
    "customers_gbk.csv", "customers_utf8_bom.csv", "customers_unicode.txt",
    "customers_semicolon.csv",
]


def _normal(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        # GBK cannot hold ¥ or NBSP: Excel writes ￥ and a plain space instead.
        return value.replace("￥", "¥").replace("\xa0", " ")
    return value


def test_the_four_csv_files_give_the_same_300_customers(samples_dir):
    answers = json.loads((samples_dir / "answers/csv.answers.json").read_text("utf-8"))
    tables = {}
    for name in CSV_FILES:
        imported, table, rows = read_one(samples_dir / "csv" / name)
        assert imported.kind == "csv"
        assert table.roles == EXPECTED_ROLES, name
        assert len(rows) == 300, name
        assert table.blank_rows == 0 and table.skipped_rows == []
        tables[name] = [[_normal(v) for v in cells] for _, cells in rows]
        names = [cells[0] for cells in tables[name]]
        answer_names = [_normal(r["raw"][0]) for r in answers["records"]]
        # No mojibake: the names are exactly the answer key's.
        assert names == answer_names, name
    formats = {n: read_file(samples_dir / "csv" / n) for n in CSV_FILES}
    assert formats["customers_gbk.csv"].encoding == "gb18030"
    assert formats["customers_utf8_bom.csv"].encoding == "utf-8-sig"
    assert formats["customers_unicode.txt"].encoding == "utf-16"
    assert formats["customers_unicode.txt"].delimiter == "\t"
    assert formats["customers_semicolon.csv"].delimiter == ";"
    assert formats["customers_semicolon.csv"].decimal == ","
    first = tables["customers_utf8_bom.csv"]
    assert tables["customers_gbk.csv"] == first
    assert tables["customers_unicode.txt"] == first
    semi = tables["customers_semicolon.csv"]
    spent = EXPECTED_ROLES.index("total_spent")
    compared = 0
    for a, b in zip(first, semi, strict=True):
        assert a[:8] == b[:8] or a[:4] == b[:4]
        if isinstance(a[spent], (int, float)):
            assert b[spent] == pytest.approx(a[spent])  # '18.833,00' read as 18833.0
            compared += 1
    assert compared > 100


def test_csv_rows_are_numbered_by_the_line_where_the_record_starts(samples_dir):
    _, table, rows = read_one(samples_dir / "csv/customers_utf8_bom.csv")
    text = (samples_dir / "csv/customers_utf8_bom.csv").read_text("utf-8-sig")
    lines = text.splitlines()
    for number, cells in rows[:80]:
        assert lines[number - 1].startswith(cells[0].split("\n")[0])
    assert rows[-1][0] == 325  # 300 records over 325 lines: quoted line breaks


def test_inspect_file_shows_header_roles_and_preview(samples_dir):
    preview = inspect_file(samples_dir / "customers.xlsx", preview_rows=10)
    assert [s.sheet for s in preview.sheets] == ["客户名单", "Customers"]
    sheet = preview.sheets[0]
    assert sheet.header_row == 3
    assert sheet.roles == EXPECTED_ROLES
    assert [n for n, _ in sheet.table_rows] == list(range(4, 14))
    assert sheet.top_rows[0][1][0].startswith("2024年客户名单")
    assert sheet.row_estimate == 1217
