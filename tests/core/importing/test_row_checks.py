"""The rows a sheet yields, over many chunks: blank rows, totals rows and repeated header rows
left out (and reported under their own row numbers), empty cells read as None, cells to the
right of the table counted, every kept row under the number Excel shows for it."""

import openpyxl

from tests.core.importing.helpers import read_one

HEADERS = ["姓名", "手机", "城市"]
ROWS = 12_345  # several chunks (5,000 rows each for three columns)


def sheet_rows() -> list[list]:
    rows = []
    for i in range(ROWS):
        row = [f"客户{i}", f"138{i:08d}", None if i % 3 == 0 else "广州"]
        if i % 997 == 5:
            row = [None, None, None]  # blank row
        elif i in (5_000, 5_001):
            row[0] = "合计" if i == 5_000 else "  Total "
        elif i == 9_999:
            row = list(HEADERS)  # the header again (a sheet pasted under another)
        elif i == 10_000:
            row[0] = "合计（不是）"  # not a totals row
        elif i > 300 and i % 1_500 == 0:
            row += [None, "备注"]  # a cell right of the table, in column E
        rows.append(row)
    return rows


def expected(rows):
    """What the importer should give, row by row (row 1 is the header)."""
    kept, skipped, blank, stray = [], [], 0, 0
    for number, row in enumerate(rows, 2):
        if any(v is not None for v in row[3:]):
            stray += 1
        cells = row[:3]
        if all(v is None for v in cells):
            blank += 1
        elif isinstance(cells[0], str) and cells[0].strip().lower() in ("合计", "total"):
            skipped.append((number, "totals row"))
        elif cells == HEADERS:
            skipped.append((number, "repeats the header row"))
        else:
            kept.append((number, cells))
    return kept, skipped, blank, stray


def test_rows_of_a_sheet_over_many_chunks(tmp_path):
    rows = sheet_rows()
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("客户")
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    wb.save(tmp_path / "list.xlsx")
    _, table, got = read_one(tmp_path / "list.xlsx")
    kept, skipped, blank, stray = expected(rows)
    assert table.headers == HEADERS
    assert got == kept
    assert table.skipped_rows == skipped and len(skipped) == 3
    assert table.blank_rows == blank and table.rows_read == len(kept)
    assert any(f"{stray} rows have cells to the right" in w for w in table.warnings)
    # Read again: the same rows and counts (the counters are refilled, not added to).
    assert [r for chunk in table.rows for r in chunk] == kept
    assert table.skipped_rows == skipped and table.blank_rows == blank
