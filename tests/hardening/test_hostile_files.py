"""Hostile files in-process: decompression bombs refused quickly with a plain message, and
property tests (hypothesis) over CSV bytes and text tables: only ImportProblem may escape."""

from __future__ import annotations

import contextlib
import csv
import io
import struct
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from app.core.errors import ImportProblem
from app.core.importing import inspect_file, read_file

ROW = b'<row r="2"><c r="A2" t="inlineStr"><is><t>AAAAAAAAAAAAAAAA</t></is></c></row>'


def small_book(path: Path) -> Path:
    wb = Workbook()
    wb.active.append(["姓名", "手机"])
    wb.active.append(["王伟", "13800138000"])
    wb.save(path)
    return path


def rezip(source: Path, target: Path, replace: dict[str, object]) -> Path:
    """Copy a workbook, writing the given members from bytes or from a chunk generator."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = replace.get(info.filename)
            if body is None:
                dst.writestr(info.filename, src.read(info))
            elif isinstance(body, bytes):
                dst.writestr(info.filename, body)
            else:
                with dst.open(info.filename, "w", force_zip64=True) as out:
                    for chunk in body:
                        out.write(chunk)
    return target


def test_highly_compressible_sheet_is_refused_quickly(tmp_path):
    """A real bomb: a ~100 KB workbook whose sheet unpacks to 300 MB of XML."""
    def sheet():
        yield b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/' \
              b'spreadsheetml/2006/main"><sheetData>'
        block = ROW * 16384
        for _ in range(300 * 1024 * 1024 // len(block)):
            yield block
        yield b"</sheetData></worksheet>"

    bomb = rezip(small_book(tmp_path / "ok.xlsx"), tmp_path / "客户.xlsx",
                 {"xl/worksheets/sheet1.xml": sheet()})
    assert bomb.stat().st_size < 2 * 1024 * 1024
    for reader in (inspect_file, read_file):
        start = time.monotonic()
        with pytest.raises(ImportProblem) as caught:
            reader(bomb)
        assert time.monotonic() - start < 2.0
        assert "客户.xlsx was refused" in str(caught.value)
        assert "would unpack to" in str(caught.value)


def test_declared_sizes_beyond_4_gb_are_refused_before_unpacking(tmp_path):
    """A forged directory claiming members of nearly 4 GB each (nothing is ever unpacked)."""
    book = small_book(tmp_path / "ok.xlsx")
    data = bytearray(book.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:  # every central-directory entry: uncompressed size at offset 24
        struct.pack_into("<I", data, at + 24, 0xFFFF0000)
        at = data.find(b"PK\x01\x02", at + 4)
    forged = tmp_path / "forged.xlsx"
    forged.write_bytes(bytes(data))
    start = time.monotonic()
    with pytest.raises(ImportProblem, match="refused"):
        read_file(forged)
    assert time.monotonic() - start < 1.0


def _consume(path: Path) -> None:
    inspect_file(path)
    imported = read_file(path)
    for table in imported.sheets:
        for _chunk in table.rows:
            pass


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=0, max_size=4096), suffix=st.sampled_from([".csv", ".txt", ".xlsx"]))
def test_any_bytes_give_a_table_or_an_import_problem(tmp_path, data, suffix):
    path = tmp_path / f"file{suffix}"
    path.write_bytes(data)
    try:
        _consume(path)
    except ImportProblem as exc:
        assert "file" + suffix in str(exc)  # the message names the file


cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "=1+1", "@SUM(A1)", "合计", "0", "1e308", "NaN", '"', "\r\n", "\x00"]),
)


@settings(max_examples=100, deadline=3000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(cells, min_size=0, max_size=8), min_size=0, max_size=40),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
)
def test_any_text_table_gives_a_table_or_an_import_problem(tmp_path, rows, encoding, delimiter):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([["姓名", "手机", "邮箱"], *rows])
    path = tmp_path / "客户.csv"
    try:
        path.write_bytes(buffer.getvalue().encode(encoding))
    except UnicodeEncodeError:
        return  # text this encoding cannot hold never reaches a real file either
    with contextlib.suppress(ImportProblem):  # a table, or a plain problem: both fine
        _consume(path)
