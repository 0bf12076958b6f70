"""Formula injection and atomic writes, checked on files reopened the way users open them."""

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from app.core.export.atomic import atomic_path
from app.core.export.csv_writer import write_csv
from app.core.export.escaping import escape_csv_cell, is_dangerous
from app.core.export.xlsx import write_xlsx
from app.core.progress import Cancelled

PAYLOADS = [
    '=HYPERLINK("http://example.invalid","click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "@SUM(A1)",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+2",
    "\r=1+2",
    "=1+1",
]
HARMLESS = ["-1", "+8613812345678", "+8613800138000", "3.5", "-0.25", "王伟", "a=b", ""]


@pytest.mark.parametrize("text", PAYLOADS)
def test_payloads_are_escaped_for_csv(text):
    assert is_dangerous(text)
    assert escape_csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_numbers_and_e164_phones_stay_as_they_are(text):
    assert escape_csv_cell(text) == text


def test_spaced_phone_is_escaped_because_excel_would_compute_it():
    assert escape_csv_cell("+86 138-0013-8000").startswith("'")


def _sample_frame(samples_dir: Path) -> pd.DataFrame:
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(samples_dir / "bad" / "formula_injection.xlsx")
    rows = sheet.get_sheet_by_index(0).to_python()
    header, body = rows[0], rows[1:]
    # Headers are not mapped to roles here, so every column travels as an extra column.
    extra = [{h: str(v) for h, v in zip(header, r, strict=True)} for r in body]
    return pd.DataFrame({"customer_id": range(1, len(body) + 1), "extra": extra})


@pytest.mark.shared
def test_sample_payloads_never_become_formulas(samples_dir, tmp_path):
    frame = _sample_frame(samples_dir)
    columns = list(frame["extra"][0])
    payloads = {v for row in frame["extra"] for v in row.values() if is_dangerous(v)}
    assert len(payloads) >= 8

    xlsx = tmp_path / "out.xlsx"
    write_xlsx(frame, xlsx, columns)
    ws = openpyxl.load_workbook(xlsx).active
    cells = [c for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells}
    assert payloads <= texts  # verbatim, as text

    out = tmp_path / "out.csv"
    report = write_csv(frame, out, columns)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        values = [v for row in csv.reader(fh) for v in row]
    assert not [v for v in values if is_dangerous(v)]
    assert {"'" + p for p in payloads} <= set(values)
    assert report.escaped_cells >= len(payloads)
    assert "-1" in values and "+8613812345678" in values


def test_xlsx_layout_and_text_cells(customers, tmp_path):
    path = tmp_path / "list.xlsx"
    report = write_xlsx(customers, path, ["name", "phone", "company", "notes", "等级"])
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[1]] == ["Name", "Phone", "Company", "Notes", "等级"]
    assert ws[1][0].font.bold
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:E6"
    assert ws["C3"].value.startswith("=HYPERLINK") and ws["C3"].data_type == "s"
    assert ws["D4"].value == "-1"  # text stays text
    assert ws["B6"].value == 15693408194  # a number cell stays a number
    assert ws["E2"].value == "VIP"
    # a Chinese company name needs a wider column than its character count
    assert ws.column_dimensions["C"].width >= 2 * len("广州青禾物流有限公司")
    assert report.rows_written == 5
    assert report.escaped_cells == 5  # two companies, two notes, one spaced "+86 ..." phone


def test_xlsx_cell_limit_is_respected_with_warning(customers, tmp_path):
    customers.loc[0, "notes"] = "长" * 40_000
    path = tmp_path / "long.xlsx"
    report = write_xlsx(customers, path, ["name", "notes"])
    assert len(openpyxl.load_workbook(path).active["B2"].value) == 32_767
    assert report.shortened[0].customer_id == 1 and report.warnings


def test_csv_encodings(customers, tmp_path):
    customers.loc[0, "name"] = "王伟😀"  # an emoji GBK cannot store
    bom = tmp_path / "bom.csv"
    write_csv(customers, bom, ["name", "city"])
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")
    plain = tmp_path / "plain.csv"
    write_csv(customers, plain, ["name", "city"], encoding="utf-8")
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    gbk = tmp_path / "gbk.csv"
    report = write_csv(customers, gbk, ["name", "city"], encoding="gbk", header="zh")
    with open(gbk, encoding="gbk", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["姓名", "城市"]
    assert rows[1] == ["王伟?", "广州"] and rows[2] == ["欧阳娜娜", "上海"]
    assert [(i.customer_id, i.column, i.detail) for i in report.unencodable] == [(1, "name", "😀")]
    assert report.warnings


def test_failed_write_leaves_no_half_file_and_keeps_old_file(customers, tmp_path):
    big = pd.concat([customers] * 400, ignore_index=True)
    calls = []

    def cancel_after_first_check():
        calls.append(1)
        return len(calls) > 1

    for writer, name in ((write_csv, "list.csv"), (write_xlsx, "list.xlsx")):
        target = tmp_path / name
        target.write_bytes(b"old content")
        calls.clear()
        with pytest.raises(Cancelled):
            writer(big, target, ["name", "email"], cancel=cancel_after_first_check)
        assert target.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.csv", "list.xlsx"]


def test_atomic_path_removes_temp_on_error(tmp_path):
    target = tmp_path / "x.txt"
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("disk full")
    assert list(tmp_path.iterdir()) == []
