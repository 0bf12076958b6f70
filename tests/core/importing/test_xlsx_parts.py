"""A big sheet read in parts (app/core/importing/xlsx_parts.py) gives what reading it whole
gives: the same rows with the same numbers, skipped rows, warnings, columns and roles.

The part sizes are made tiny here so a workbook of a few thousand rows is cut into many parts,
with cuts falling next to the awkward rows (gaps of empty rows, cells outside the table)."""

import datetime as dt
import re
import threading

import openpyxl
import pytest

from app.core.errors import ImportProblem
from app.core.importing import inspect_file, read_file, reader, xlsx_parts
from tests.core.importing.helpers import all_rows, rewrite_sheet, to_shared_strings

ROWS = 3000


def _workbook(path, shared_strings=False, outside=False):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户名单"
    # The table starts in column B under a title and a merged two-row header block.
    ws.cell(1, 2, "2024 客户名单")
    ws.cell(3, 2, "联系人")
    ws.merge_cells("B3:C3")
    ws.cell(4, 2, "姓名")
    ws.cell(4, 3, "英文名")
    for c, header in enumerate(["手机", "邮箱", "城市", "最近购买日期", "消费金额"], 4):
        ws.cell(4, c, header)
    row = 5
    for i in range(ROWS):
        if i in (700, 1900):
            row += 40  # a run of empty rows, absent from the XML
        ws.cell(row, 2, f"张{i}")
        ws.cell(row, 3, f"Zhang {i}" if i % 7 else None)
        ws.cell(row, 4, f"138{i:08d}")
        ws.cell(row, 5, f"z{i}@example.com" if i % 5 else None)
        ws.cell(row, 6, ["广州", "深圳", "上海"][i % 3])
        ws.cell(row, 7, dt.datetime(2024, 1, 1) + dt.timedelta(days=i % 300))
        ws.cell(row, 8, round(i * 1.25, 2))
        if outside and i == 2500:
            ws.cell(row, 12, "备注在表外")  # a cell right of the table
        if outside and i == 2700:
            ws.cell(row, 1, "左边的字")  # a cell left of the table
        if i == 1200:
            ws.cell(row, 2, "合计")  # a totals row in the middle
        row += 1
    wb.save(path)
    if shared_strings:
        to_shared_strings(path)
    return path


@pytest.fixture
def small_parts(monkeypatch):
    """Parts of ~20 KB of XML (some 40 rows), for any sheet over 60 KB."""
    monkeypatch.setattr(xlsx_parts, "MIN_SHEET_BYTES", 60_000)
    monkeypatch.setattr(xlsx_parts, "PART_BYTES", 20_000)
    monkeypatch.setattr(xlsx_parts, "SHARED_SHARE", 1)


def _read(path):
    imported = read_file(path)
    (table,) = imported.sheets
    rows = all_rows(table)
    return imported, table, rows


def _whole(path, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(xlsx_parts, "MIN_SHEET_BYTES", 1 << 40)
        assert xlsx_parts.open_parts(path, "客户名单") is None
        return _read(path)


@pytest.mark.parametrize("shared_strings", [False, True], ids=["inline", "shared"])
def test_parts_give_the_rows_the_whole_sheet_gives(tmp_path, monkeypatch, small_parts,
                                                  shared_strings):
    path = _workbook(tmp_path / "big.xlsx", shared_strings)
    parts = xlsx_parts.open_parts(path, "客户名单")
    assert parts is not None and parts.count >= (3 if shared_strings else 20)

    imported, table, rows = _read(path)
    _, whole_table, whole_rows = _whole(path, monkeypatch)

    assert rows == whole_rows
    assert len(rows) == ROWS - 1  # less the totals row
    assert table.headers == whole_table.headers
    assert table.roles == whole_table.roles
    assert table.header_row == whole_table.header_row == 4
    assert table.skipped_rows == whole_table.skipped_rows == [(1245, "totals row")]
    assert table.blank_rows == whole_table.blank_rows
    assert table.row_estimate == whole_table.row_estimate
    # the first row, a row after a gap, the last row: right numbers, right cells
    assert rows[0] == (5, ["张0", None, "13800000000", None, "广州", dt.date(2024, 1, 1), 0.0])
    numbers = dict(rows)
    assert numbers[5 + 701 + 40][:3] == ["张701", "Zhang 701", "13800000701"]
    assert rows[-1][0] == 5 + ROWS - 1 + 80
    assert rows[-1][1][0] == f"张{ROWS - 1}"


def test_cells_outside_the_table_in_a_later_part_are_reported_as_when_read_whole(
        tmp_path, monkeypatch, small_parts):
    path = _workbook(tmp_path / "big.xlsx", outside=True)
    _, table, rows = _read(path)
    _, whole_table, whole_rows = _whole(path, monkeypatch)
    # The cell right of the table: one row warned about, as when read whole.
    right = [w for w in table.warnings if "right of the table" in w]
    assert right == [w for w in whole_table.warnings if "right of the table" in w]
    assert "1 rows" in right[0]
    # The cell left of the table, in a later part: read whole it adds an unnamed first column
    # to the table; read in parts it is left out with its own warning. All else is the same.
    assert whole_table.headers[0] == "Column A"
    assert table.headers == whole_table.headers[1:]
    assert [w for w in table.warnings if "left of the table" in w] == [
        "Sheet 客户名单: 1 rows have cells left of the table's first column; those cells were "
        "not imported."]
    assert [(n, cells) for n, cells in rows] == [(n, cells[1:]) for n, cells in whole_rows]


def test_a_cancelled_read_stops_the_part_workers(tmp_path, monkeypatch, small_parts):
    monkeypatch.setattr(reader, "CHUNK_ROWS", 100)
    path = _workbook(tmp_path / "big.xlsx")
    imported = read_file(path)
    chunks = iter(imported.sheets[0].rows)
    next(chunks)
    assert any(t.name.startswith("xlsx-part") for t in threading.enumerate())
    chunks.close()
    assert not any(t.name.startswith("xlsx-part") for t in threading.enumerate())


def test_a_damaged_later_part_names_the_file_sheet_and_row(tmp_path, small_parts):
    path = _workbook(tmp_path / "big.xlsx")

    def damage(sheet):
        at = sheet.index(b'<row r="2900"')
        return sheet[:at] + b'<row r="2900"><c r="B2900" t="n"><v>' + b"x" * 10 \
            + b"</v></c></row>" + sheet[at:].split(b"</row>", 1)[1]

    rewrite_sheet(path, damage)
    imported = read_file(path)
    with pytest.raises(ImportProblem) as caught:
        all_rows(imported.sheets[0])
    text = str(caught.value)
    assert "big.xlsx" in text and "客户名单" in text and "row" in text


def test_small_sheets_are_read_whole(tmp_path):
    path = _workbook(tmp_path / "small.xlsx")
    assert xlsx_parts.open_parts(path, "客户名单") is None


def test_rows_written_out_of_order_are_placed_by_their_numbers(tmp_path, monkeypatch,
                                                              small_parts):
    """Excel writes rows in order; other writers may not. Every pair of data rows swapped:
    a cut between the two rows of a pair makes the sheet be read whole, a cut between pairs
    leaves each pair in one part; either way the rows come out as when read whole."""
    path = _workbook(tmp_path / "big.xlsx")

    def swap_pairs(sheet):
        head, rest = sheet.split(b'<row r="5"', 1)
        body, tail = (b'<row r="5"' + rest).rsplit(b"</sheetData>", 1)
        rows = re.findall(rb"<row .*?</row>", body)
        for i in range(0, len(rows) - 1, 2):
            rows[i], rows[i + 1] = rows[i + 1], rows[i]
        return head + b"".join(rows) + b"</sheetData>" + tail

    rewrite_sheet(path, swap_pairs)
    _, _, rows_read = _read(path)
    _, _, whole_rows = _whole(path, monkeypatch)
    assert rows_read == whole_rows and len(rows_read) == ROWS - 1


def test_a_row_far_out_of_order_is_a_plain_error_not_a_misplaced_row(tmp_path, small_parts):
    """Row 10 written after the last row: a part would start above the rows already given.
    No writer we know does this; it is refused with a message, never read into wrong rows."""
    path = _workbook(tmp_path / "big.xlsx")

    def row_10_last(sheet):
        row10 = re.search(rb'<row r="10".*?</row>', sheet).group(0)
        return sheet.replace(row10, b"").replace(b"</sheetData>", row10 + b"</sheetData>")

    rewrite_sheet(path, row_10_last)
    imported = read_file(path)
    with pytest.raises(ImportProblem) as caught:
        all_rows(imported.sheets[0])
    assert "big.xlsx" in str(caught.value) and "row 10 comes after row" in str(caught.value)


def test_a_sheet_of_mostly_unique_shared_strings_is_read_whole(tmp_path, monkeypatch,
                                                               small_parts):
    """Each part parses the shared strings again: with a table of mostly unique text (a
    customer list as Excel saves it) parts cost more than they give."""
    monkeypatch.setattr(xlsx_parts, "SHARED_SHARE", 16)
    path = _workbook(tmp_path / "big.xlsx", shared_strings=True)
    assert xlsx_parts.open_parts(path, "客户名单") is None
    assert xlsx_parts.open_parts(_workbook(tmp_path / "inline.xlsx"), "客户名单") is not None


def test_a_preview_reads_only_the_first_part_even_of_unique_shared_strings(
        tmp_path, monkeypatch, small_parts):
    """The import page's preview parses part 0 alone (with the shared strings, once), and
    shows what reading the whole sheet shows: header row, columns, roles, first rows, size."""
    monkeypatch.setattr(xlsx_parts, "SHARED_SHARE", 16)
    path = _workbook(tmp_path / "big.xlsx", shared_strings=True)
    assert xlsx_parts.open_parts(path, "客户名单") is None  # an import reads it whole
    assert xlsx_parts.open_parts(path, "客户名单", first_only=True) is not None
    preview = inspect_file(path)
    with monkeypatch.context() as m:
        m.setattr(xlsx_parts, "MIN_SHEET_BYTES", 1 << 40)
        whole = inspect_file(path)
    (sheet,), (whole_sheet,) = preview.sheets, whole.sheets
    assert sheet.header_row == whole_sheet.header_row == 4
    assert sheet.headers == whole_sheet.headers and sheet.roles == whole_sheet.roles
    assert sheet.table_rows == whole_sheet.table_rows and len(sheet.table_rows) == 50
    assert sheet.top_rows == whole_sheet.top_rows
    assert sheet.row_estimate == whole_sheet.row_estimate
