"""CSV/TSV/TXT: encodings, delimiters, decimal commas, quoted line breaks, record numbering."""

import datetime as dt

import pytest

from app.core.importing import read_file
from app.core.importing.delimited import make_converter
from tests.core.importing.helpers import read_one

TEXT = (
    "姓名,手机,邮箱,城市,消费金额,首次购买日期\r\n"
    "张伟,13800138000,zw@example.com,北京,1200.50,2024-01-05\r\n"
    '"Li\r\nNa",0571-88888888,lina@example.com,"上海, 浦东",99,2023/5/1\r\n'
    "\r\n"
    "王芳,+86 137 0000 1111,,广州,,\r\n"
    "合计,,,,1299.5,\r\n"
)


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("gbk", "gbk.csv"), ("utf-8", "utf8.csv"), ("utf-8-sig", "bom.csv"),
     ("utf-16", "unicode.txt"), ("gb18030", "gb18030.csv")],
)
def test_encodings_read_without_mojibake(tmp_path, encoding, name):
    text = TEXT.replace(",", "\t") if name.endswith(".txt") else TEXT
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    imported, table, rows = read_one(path)
    assert table.sheet == path.stem
    assert table.roles == ["name", "phone", "email", "city", "total_spent", "first_purchase"]
    assert [n for n, _ in rows] == [2, 3, 6]  # the line where each record starts
    assert rows[0][1] == ["张伟", 13800138000, "zw@example.com", "北京", 1200.5,
                          dt.date(2024, 1, 5)]
    assert rows[1][1][0] == "Li\r\nNa"
    assert rows[1][1][1] == "0571-88888888"
    assert rows[2][1][2] is None
    assert table.blank_rows == 1 and table.skipped_rows == [(7, "totals row")]
    assert imported.delimiter == ("\t" if name.endswith(".txt") else ",")


def test_gbk_without_bom_is_detected_as_chinese(tmp_path):
    path = tmp_path / "short.csv"
    path.write_bytes("姓名,城市\n李娜,深圳\n".encode("gbk"))
    imported, _, rows = read_one(path)
    assert imported.encoding == "gb18030"
    assert rows == [(2, ["李娜", "深圳"])]


def test_semicolon_decimal_comma_and_dotted_dates(tmp_path):
    path = tmp_path / "de.csv"
    path.write_text(
        "Name;Mobile;Total spent;Last purchase;Employees\n"
        "Anna;0049 151 2345;18.833,00;03.09.2023;1.200\n"
        "Ben;+49 160 1;797,5;31.12.2022;12\n",
        encoding="utf-8",
    )
    imported, table, rows = read_one(path)
    assert (imported.delimiter, imported.decimal) == (";", ",")
    assert rows[0][1] == ["Anna", "0049 151 2345", 18833.0, dt.date(2023, 9, 3), 1200.0]
    assert rows[1][1][2:4] == [797.5, dt.date(2022, 12, 31)]


def test_converter_never_loses_leading_zeros_or_plus():
    convert = make_converter(".")
    assert convert("00000000000") == "00000000000"
    assert convert("+8613800138000") == "+8613800138000"
    assert convert("110101199003077777") == "110101199003077777"  # ID number, 18 digits
    assert convert("0") == 0 and convert("-1") == -1 and convert("0.5") == 0.5
    assert convert("1,234.5") == 1234.5
    assert convert("2024-02-30") == "2024-02-30"  # not a real date: kept as text
    assert convert("2024-02-03 04:05") == dt.datetime(2024, 2, 3, 4, 5)
    assert convert(" 12") == " 12" and convert("") is None and convert(" ") == " "


def test_csv_named_xlsx_is_read_as_text(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_text("姓名,手机\n张三,13800138000\n", encoding="utf-8")
    imported = read_file(path)
    assert imported.kind == "csv" and imported.sheets[0].sheet == "export"
    assert any("holds plain text" in w for w in imported.warnings)


def test_csv_header_under_an_export_note_and_forced_header_line(tmp_path):
    path = tmp_path / "note.csv"
    path.write_text('导出时间 2024-06-01\n\n姓名,手机\n"张\n三",138\n李四,139\n', encoding="utf-8")
    for forced in (None, 3):
        _, table, rows = read_one(path, header_row=forced)
        assert table.header_row == 3 and table.headers == ["姓名", "手机"]
        assert rows == [(4, ["张\n三", 138]), (6, ["李四", 139])]


def test_a_wide_table_comes_in_smaller_chunks_and_keeps_every_row(tmp_path):
    """Storage works on a chunk in single GIL-holding calls: a sheet with hundreds of columns
    gets fewer rows per chunk (about 65,000 cells), a narrow one 5,000 rows."""
    headers = ["姓名", "手机"] + [f"字段{i}" for i in range(298)]
    lines = [",".join(headers)] + [
        ",".join([f"客户{r}", f"138{r:08d}"] + [f"v{r}-{i}" for i in range(298)])
        for r in range(700)]
    path = tmp_path / "wide.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    imported = read_file(path)
    (table,) = imported.sheets
    chunks = list(table.rows)
    assert max(len(c) for c in chunks) <= 65_000 // 300 and len(chunks) > 1
    rows = [row for chunk in chunks for row in chunk]
    assert [n for n, _ in rows] == list(range(2, 702))
    assert rows[-1][1][-1] == "v699-297"
