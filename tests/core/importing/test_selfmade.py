"""Importer behaviour on small files made here, so the suite means something on a plain clone."""

import datetime as dt
import zipfile

import openpyxl
import pytest

from app.core.errors import ImportProblem
from app.core.importing import inspect_file, read_file, sniff
from app.core.progress import Cancelled, CancelToken
from tests.core.importing.helpers import all_rows, read_one

HEADERS = ["姓名", "手机", "邮箱", "公司", "城市"]
ROWS = [
    ["张伟", "13800138000", "zw@example.com", "星火科技", "北京"],
    ["Li Na", 13912345678, "lina@example.com", None, "上海"],
    ["王芳", "+86 137-0000-1111", None, "海风贸易", "广州"],
]


def make_xlsx(path, sheets: dict, hidden=()):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                if value is not None:
                    ws.cell(r, c, value)
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def test_header_found_under_title_note_and_blank_rows(tmp_path):
    path = make_xlsx(tmp_path / "客户.xlsx", {"名单": [
        ["2024 客户名单（内部）"], [], ["说明：请勿外传"], [],
        HEADERS, *ROWS, [], ["合计", None, None, None, None], ["孙丽", "13500001111"],
    ]})
    imported, table, rows = read_one(path)
    assert table.header_row == 5
    assert table.roles == ["name", "phone", "email", "company", "city"]
    assert [n for n, _ in rows] == [6, 7, 8, 11]
    assert table.blank_rows == 1
    assert table.skipped_rows == [(10, "totals row")]
    assert rows[1][1] == ["Li Na", 13912345678, "lina@example.com", None, "上海"]
    assert rows[3][1] == ["孙丽", "13500001111", None, None, None]  # every empty cell is None
    assert imported.content_hash == sniff.content_hash(path)


def test_english_headers_and_vague_contact_columns_by_content(tmp_path):
    path = make_xlsx(tmp_path / "c.xlsx", {"Sheet1": [
        ["Customer name", "联系方式", "联系方式2", "Remarks", "Tel"],
        ["A", "13800138000", "a@x.com", "vip", "020-88888888"],
        ["B", "139 1234 5678", "b@y.cn", None, "020-88888889"],
        ["C", "+8613700001111", "c@z.org", "new", None],
    ]})
    _, table, _ = read_one(path)
    assert table.roles == ["name", "phone", "email", "notes", "extra"]
    assert table.alternate_of == {"Tel": "phone"}
    assert [c.role_source for c in table.columns] == [
        "header", "content", "content", "header", "header"]


def test_user_mapping_overrides_detected_roles(tmp_path):
    path = make_xlsx(tmp_path / "c.xlsx", {"S": [HEADERS, *ROWS]})
    mapping = {"城市": "ignore", "公司": "notes", "手机": "extra", "邮箱": "phone", "无此列": "x"}
    imported = read_file(path, mapping=mapping)
    table = imported.sheets[0]
    assert table.roles == ["name", "extra", "phone", "notes", "ignore"]
    assert table.alternate_of == {}  # the user said "extra" for 手机: no alternate hint
    assert any("无此列" in w for w in table.warnings)
    # A user's choice wins over detection; the detected column steps aside as an alternate.
    table = read_file(path, mapping={"邮箱": "phone"}).sheets[0]
    assert table.roles[:3] == ["name", "extra", "phone"]
    assert table.alternate_of == {"手机": "phone"}


def test_every_customer_sheet_is_taken_and_others_skipped_with_reasons(tmp_path):
    path = make_xlsx(tmp_path / "multi.xlsx", {
        "北京": [HEADERS, *ROWS],
        "说明": [["这个文件是导出的"]],
        "空白": [],
        "产品": [["产品", "价格"], ["A", 1], ["B", 2]],
        "上海": [["Name", "Mobile"], ["Tom", "13800000000"]],
        "隐藏": [HEADERS, *ROWS],
    }, hidden=("隐藏",))
    imported = read_file(path)
    assert [t.sheet for t in imported.sheets] == ["北京", "上海"]
    reasons = dict(imported.skipped_sheets)
    assert reasons == {
        "说明": "no header row found in its first 30 rows",
        "空白": "the sheet is empty",
        "产品": "not a customer table (no name, phone, e-mail or company column)",
        "隐藏": "hidden sheet",
    }
    preview = inspect_file(path)
    assert [s.skipped_reason for s in preview.sheets] == [
        None, reasons["说明"], reasons["空白"], reasons["产品"], None, "hidden sheet"]


def test_forced_sheet_and_header_row(tmp_path):
    path = make_xlsx(tmp_path / "f.xlsx", {
        "A": [HEADERS, *ROWS],
        "产品": [["备忘"], ["产品", "价格"], ["A", 1]],
    })
    imported = read_file(path, sheet="产品", header_row=2)
    (table,) = imported.sheets
    assert table.header_row == 2 and table.headers == ["产品", "价格"]
    assert all_rows(table) == [(3, ["A", 1])]
    with pytest.raises(ImportProblem, match="f.xlsx has no sheet named 'X'"):
        read_file(path, sheet="X")


def test_dates_stay_dates_and_formula_like_text_stays_text(tmp_path):
    path = tmp_path / "d.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "生日", "最近购买日期", "备注"])
    ws.append(["甲", dt.date(1990, 5, 1), dt.datetime(2024, 3, 2, 10, 30), "x"])
    ws.cell(2, 4).value = '=HYPERLINK("http://example.invalid","x")'
    ws.cell(2, 4).data_type = "s"
    wb.save(path)
    _, table, rows = read_one(path)
    cells = rows[0][1]
    assert cells[1] in (dt.date(1990, 5, 1), dt.datetime(1990, 5, 1))
    assert cells[2] == dt.datetime(2024, 3, 2, 10, 30)
    assert cells[3] == '=HYPERLINK("http://example.invalid","x")'
    assert table.roles == ["name", "birthday", "last_purchase", "notes"]


def test_formulas_without_saved_results_are_flagged(tmp_path):
    path = make_xlsx(tmp_path / "f.xlsx", {"S": [
        ["姓名", "单价", "数量", "消费金额"], ["甲", 2, 3, "=B2*C2"], ["乙", 4, 5, "=B3*C3"],
    ]})
    _, table, rows = read_one(path)
    assert [c[3] for _, c in rows] == [None, None]
    assert any("'消费金额' holds formulas without saved results (2 cells)" in w
               for w in table.warnings)


def test_wide_header_columns_without_data_are_dropped(tmp_path):
    header = HEADERS + [f"字段{i}" for i in range(6, 1001)]
    path = make_xlsx(tmp_path / "w.xlsx", {"S": [header, *ROWS]})
    _, table, rows = read_one(path)
    assert table.headers == HEADERS
    assert all(len(c) == 5 for _, c in rows)
    assert any("995 columns have a header but no data" in w for w in table.warnings)


def test_narrow_sheet_keeps_a_named_column_even_when_empty(tmp_path):
    path = make_xlsx(tmp_path / "n.xlsx", {"S": [HEADERS + ["备注"], *ROWS]})
    _, table, rows = read_one(path)
    assert table.headers[-1] == "备注" and all(c[-1] is None for _, c in rows)


def test_header_only_gives_zero_rows(tmp_path):
    path = make_xlsx(tmp_path / "h.xlsx", {"S": [HEADERS]})
    _, table, rows = read_one(path)
    assert rows == [] and table.roles[:2] == ["name", "phone"]


def test_rows_stream_in_chunks_and_cancel_stops(tmp_path):
    path = make_xlsx(tmp_path / "big.xlsx", {"S": [
        HEADERS, *([f"客户{i}", f"138{i:08d}", None, None, "北京"] for i in range(12000))]})
    imported = read_file(path)
    chunks = list(imported.sheets[0].rows)
    assert [len(c) for c in chunks] == [5000, 5000, 2000]
    assert chunks[-1][-1][0] == 12001
    token = CancelToken()
    imported = read_file(path, cancel=token)
    stream = iter(imported.sheets[0].rows)
    next(stream)
    token.cancel()
    with pytest.raises(Cancelled):
        next(stream)


# ------------------------------------------------------------------ refusals


def problem(path, **kwargs) -> str:
    with pytest.raises(ImportProblem) as info:
        read_file(path, **kwargs)
    assert path.name in str(info.value)
    return str(info.value)


def test_empty_and_blank_files_have_no_data(tmp_path):
    (tmp_path / "zero.csv").write_bytes(b"")
    assert "no data found" in problem(tmp_path / "zero.csv")
    assert "no data found" in problem(make_xlsx(tmp_path / "e.xlsx", {"S": []}))


def test_truncated_workbook_is_damaged(tmp_path):
    good = make_xlsx(tmp_path / "g.xlsx", {"S": [HEADERS, *ROWS]})
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "damaged or incomplete" in problem(cut)


def test_encrypted_ooxml_is_password_protected(tmp_path):
    # An encrypted .xlsx is an OLE container whose directory names EncryptionInfo.
    fake = tmp_path / "secret.xlsx"
    fake.write_bytes(sniff.OLE_MAGIC + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le")
                     + b"\0" * 2000)
    text = problem(fake)
    assert "password-protected" in text and "corrupt" not in text


def test_encrypted_ods_is_password_protected(tmp_path):
    path = tmp_path / "secret.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", '<manifest:manifest><manifest:file-entry>'
                    '<manifest:encryption-data/></manifest:file-entry></manifest:manifest>')
        zf.writestr("content.xml", "x" * 100)
    assert "password-protected" in problem(path)


def test_zip_bomb_is_refused_before_unpacking(tmp_path, monkeypatch):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            block = b"\0" * (1024 * 1024)
            for _ in range(40):
                fh.write(block)
    assert path.stat().st_size < 200_000
    monkeypatch.setattr(sniff, "RATIO_CHECK_FROM", 16 * 1024 * 1024)
    text = problem(path)
    assert "refused" in text and "40.0 MB" in text
    monkeypatch.setattr(sniff, "RATIO_CHECK_FROM", 1024**3)
    monkeypatch.setattr(sniff, "MAX_TOTAL_UNCOMPRESSED", 30 * 1024 * 1024)
    assert "refused" in problem(path)


def test_binary_junk_is_not_a_spreadsheet(tmp_path):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(bytes(range(256)) * 40)
    assert "damaged" in problem(path)
    docx = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    assert "a Word document" in problem(docx)
