"""The CLI contract of ARCHITECTURE.md, driven in-process with real files."""

import csv
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.cli import main

ROOT = Path(__file__).resolve().parents[2]


def messy_workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "客户名单"
    ws.append(["2024年客户名单（请勿外传）"])
    ws.append([])
    ws.append(["姓名", "联系方式", "邮箱", "城市", "最近购买日期", "会员等级"])
    ws.append(["王伟", "138 0013 8000", "WANG.WEI@QQ.COM", "广州市", datetime(2024, 5, 1), "金卡"])
    ws.append(["Emma Smith", "+86 139-0013-9000", "emma@example.com", "Shanghai", None, "银卡"])
    ws.append(["李娜", 13700137000, "lina@163.com", "GZ", "2024/6/1", None])
    ws.append(["合计", None, None, None, None, None])
    wb.save(path)
    return path


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_json_reports_header_roles_and_skipped_rows(tmp_path, capsys):
    book = messy_workbook(tmp_path / "客户.xlsx")
    code, out, err = run_cli(capsys, "import", book, "--workspace", tmp_path / "w.sdstudio",
                             "--json")
    assert code == 0, err
    data = json.loads(out)
    (sheet,) = data["files"][0]["sheets"]
    assert sheet["header_row"] == 3
    roles = {c["header"]: c["role"] for c in sheet["columns"]}
    assert roles["姓名"] == "name" and roles["联系方式"] == "phone" and roles["城市"] == "city"
    assert roles["会员等级"] == "extra"
    assert sheet["rows_imported"] == 3
    assert [s["row"] for s in sheet["rows_skipped"]] == [7]
    assert data["customers"] == 3


def test_export_dump_traces_every_customer_to_its_source_row(tmp_path, capsys):
    book = messy_workbook(tmp_path / "客户.xlsx")
    ws = tmp_path / "w.sdstudio"
    assert run_cli(capsys, "import", book, "--workspace", ws)[0] == 0
    out = tmp_path / "all.csv"
    code, _, err = run_cli(capsys, "export", "--workspace", ws, "--format", "csv", "--out", out)
    assert code == 0, err
    assert out.read_bytes().startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM so Excel shows Chinese"
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [r["source_rows"] for r in rows] == [
        "客户.xlsx|客户名单|4", "客户.xlsx|客户名单|5", "客户.xlsx|客户名单|6"]
    assert list(rows[0])[:3] == ["customer_id", "source_rows", "name"]
    assert rows[0]["last_purchase"] == "2024-05-01"
    assert rows[0]["会员等级"] == "金卡"
    assert list(rows[0])[-1] == "flags"


def test_reimporting_the_same_file_adds_nothing(tmp_path, capsys):
    book = messy_workbook(tmp_path / "a.xlsx")
    ws = tmp_path / "w.sdstudio"
    run_cli(capsys, "import", book, "--workspace", ws)
    code, out, _ = run_cli(capsys, "import", book, "--workspace", ws)
    assert code == 0 and "already imported" in out
    assert "3 customers" in out


def test_a_bad_file_gets_one_plain_line_and_keeps_what_was_stored(tmp_path, capsys):
    ws = tmp_path / "w.sdstudio"
    run_cli(capsys, "import", messy_workbook(tmp_path / "good.xlsx"), "--workspace", ws)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(messy_workbook(tmp_path / "x.xlsx").read_bytes()[:900])
    code, _, err = run_cli(capsys, "import", broken, "--workspace", ws)
    assert code == 1
    assert err.count("\n") == 1 and "broken.xlsx" in err and "Traceback" not in err
    code, out, _ = run_cli(capsys, "history", "--workspace", ws, "--json")
    assert len(json.loads(out)) == 1


def test_mapping_file_overrides_detected_roles(tmp_path, capsys):
    book = messy_workbook(tmp_path / "a.xlsx")
    mapping = tmp_path / "roles.json"
    mapping.write_text(json.dumps({"会员等级": "notes", "城市": "ignore"}), encoding="utf-8")
    code, out, err = run_cli(capsys, "import", book, "--workspace", tmp_path / "w.sdstudio",
                             "--mapping", mapping, "--json")
    assert code == 0, err
    roles = {c["header"]: c["role"] for c in json.loads(out)["files"][0]["sheets"][0]["columns"]}
    assert roles["会员等级"] == "notes" and roles["城市"] == "ignore"


def test_undo_removes_an_import_and_history_shows_it(tmp_path, capsys):
    ws = tmp_path / "w.sdstudio"
    run_cli(capsys, "import", messy_workbook(tmp_path / "a.xlsx"), "--workspace", ws)
    assert run_cli(capsys, "undo", "--workspace", ws)[0] == 0
    code, out, _ = run_cli(capsys, "history", "--workspace", ws)
    assert "(undone)" in out
    code, out, err = run_cli(capsys, "undo", "--workspace", ws, "--step", 99)
    assert code == 1 and "99" in err


@pytest.mark.shared
def test_sample_workbook_imports_both_sheets(samples_dir, tmp_path, capsys):
    code, out, err = run_cli(capsys, "import", samples_dir / "customers.xlsx", "--workspace",
                             tmp_path / "w.sdstudio", "--json")
    assert code == 0, err
    sheets = json.loads(out)["files"][0]["sheets"]
    assert [(s["sheet"], s["header_row"], s["rows_imported"]) for s in sheets] == [
        ("客户名单", 3, 1217), ("Customers", 3, 783)]
    roles = [[c["role"] for c in s["columns"]] for s in sheets]
    assert roles[0] == roles[1]


def test_python_dash_m_app_help_works_in_a_fresh_process():
    result = subprocess.run([sys.executable, "-m", "app", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "import" in result.stdout
