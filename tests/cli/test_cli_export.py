"""`export` mailing lists, `suppress` and `erase` through the CLI, checked in the written files."""

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.cli import main


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def book(path: Path, rows=None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(["姓名", "手机", "邮箱", "城市", "地址", "是否同意营销", "备注"])
    for row in rows or [
        ["王伟", "138 0013 8000", "wang.wei@qq.com", "广州", "广东省广州市天河路 385 号", "是", None],
        ["李娜", "13900139000", "lina@163.com", "上海", "上海市浦东新区世纪大道 100 号", "否", None],
        ["赵峰", "13700137000", "zhaofeng@126.com", "北京", None, None, None],
        ["Emma Smith", "+86 136-0013-6000", "emma@hunterfoods.cn", "Shenzhen", "1 Nanshan Rd", "yes",
         "=HYPERLINK(\"http://x.invalid\")"],
        ["陈静", "13500135000", "chen.jing@qq.com", "广州", "广州市越秀区中山路 8 号", "同意", None],
    ]:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def ws(tmp_path, capsys):
    path = tmp_path / "w.sdstudio"
    assert run_cli(capsys, "import", book(tmp_path / "客户.xlsx"), "-w", path)[0] == 0
    return path


def test_xlsx_mailing_list_leaves_out_no_and_unknown_consent_with_a_summary(ws, tmp_path,
                                                                            capsys):
    out = tmp_path / "list.xlsx"
    code, text, err = run_cli(capsys, "export", "-w", ws, "--format", "xlsx", "--out", out)
    assert code == 0, err
    assert "3 customers will be exported; 2 left out: 1 no marketing consent; " \
           "1 consent unknown." in text
    sheet = load_workbook(out).active
    names = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["王伟", "Emma Smith", "陈静"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_unknown_is_a_choice_and_no_consent_override_is_warned_and_logged(ws, tmp_path, capsys):
    out = tmp_path / "all.csv"
    code, text, _ = run_cli(capsys, "export", "-w", ws, "--tag", "nobody", "--format", "csv",
                            "--out", out)
    assert code == 1  # an unknown tag is a plain error
    code, text, err = run_cli(capsys, "export", "-w", ws, "--format", "csv-utf8", "--out", out,
                              "--include-unknown-consent", "--include-no-consent")
    assert code == 0, err
    assert "warning: 1 people who refused marketing were included on request." in text
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 5
    code, text, _ = run_cli(capsys, "history", "-w", ws)
    assert "Export 5 customers to all.csv (CSV (UTF-8)); includes 1 who refused marketing " \
           "(override)" in text


def test_mailchimp_json_summary_and_suppression_file(ws, tmp_path, capsys):
    unsub = tmp_path / "退订.csv"
    unsub.write_text("email,status\nchen.jing@QQ.com,unsubscribed\nbad line,x\n",
                     encoding="utf-8-sig")
    code, text, err = run_cli(capsys, "suppress", unsub, "-w", ws, "--json")
    assert code == 0, err
    assert json.loads(text)["added"] == 1
    code, text, _ = run_cli(capsys, "suppress", unsub, "-w", ws)
    assert "0 added" in text and "1 already on it" in text
    out = tmp_path / "mc.csv"
    code, text, err = run_cli(capsys, "export", "-w", ws, "--format", "mailchimp", "--out", out,
                              "--json")
    assert code == 0, err
    data = json.loads(text)
    assert data["exported"] == 2 and data["rows_written"] == 2
    assert data["left_out_by_reason"] == {"no_consent": 1, "unknown_consent": 1,
                                          "suppressed": 1}
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["Email Address"] for r in rows] == ["wang.wei@qq.com", "emma@hunterfoods.cn"]
    assert rows[0]["Phone Number"] == "+8613800138000"


def test_segment_export_and_dry_run(ws, tmp_path, capsys):
    code, _, err = run_cli(capsys, "segment", "--rule", "城市 = 广州", "--name", "广州", "-w", ws)
    assert code == 0, err
    out = tmp_path / "gz.xlsx"
    code, text, _ = run_cli(capsys, "export", "-w", ws, "--segment", "广州", "--format", "xlsx",
                            "--out", out, "--dry-run")
    assert "segment “广州” (2 customers)" in text and not out.exists()
    code, text, _ = run_cli(capsys, "export", "-w", ws, "--segment", "广州", "--format", "csv",
                            "--out", tmp_path / "gz.csv", "--columns", "name,email")
    rows = list(csv.reader((tmp_path / "gz.csv").open(encoding="utf-8-sig")))
    assert rows == [["Name", "Email"], ["王伟", "wang.wei@qq.com"], ["陈静", "chen.jing@qq.com"]]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_labels_pdf_holds_the_addresses(ws, tmp_path, capsys):
    out = tmp_path / "labels.pdf"
    code, text, err = run_cli(capsys, "export", "-w", ws, "--format", "labels-pdf", "--out", out)
    assert code == 0, err
    pdf = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
    assert "天河路 385 号" in pdf and "1 Nanshan Rd" in pdf and "世纪大道" not in pdf


def test_erase_then_reimport_is_flagged_and_never_exported(ws, tmp_path, capsys):
    code, text, err = run_cli(capsys, "erase", "-w", ws, "--email", "WANG.WEI@qq.com", "--json")
    assert code == 0, err
    assert json.loads(text)["customer_records"] == 1
    dump = tmp_path / "dump.csv"
    run_cli(capsys, "export", "-w", ws, "--format", "csv", "--out", dump)
    assert "王伟" not in dump.read_text(encoding="utf-8-sig")
    code, _, err = run_cli(capsys, "undo", "-w", ws, "--step", 2)
    assert code == 1 and "cannot be undone" in err
    again = book(tmp_path / "新名单.xlsx", rows=[
        ["Wang Wei", "+86 13800138000", None, "广州", "天河路 385 号", "是", None]])
    assert run_cli(capsys, "import", again, "-w", ws)[0] == 0
    run_cli(capsys, "export", "-w", ws, "--format", "csv", "--out", dump)
    rows = {r["name"]: r for r in csv.DictReader(dump.open(encoding="utf-8-sig"))}
    assert rows["Wang Wei"]["flags"] == "erased_match:erased"
    code, text, _ = run_cli(capsys, "export", "-w", ws, "--format", "xlsx", "--out",
                            tmp_path / "l.xlsx", "--json")
    assert json.loads(text)["left_out_by_reason"]["erased_hash_match"] == 1
    code, text, _ = run_cli(capsys, "history", "-w", ws)
    assert "matched an erased person (flagged)" in text and "erase " in text


def test_erase_needs_exactly_one_person(ws, capsys):
    code, _, err = run_cli(capsys, "erase", "-w", ws, "--phone", "18800000001")
    assert code == 1 and err.startswith("error: No customer matches")
    assert err.count("\n") == 1
