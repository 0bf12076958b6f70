"""`profile` and `clean` through the CLI contract: JSON, dry run, --only, undo, flags in the dump."""

import csv
import json

import pytest
from openpyxl import Workbook

from app.cli import main


def book(path):
    wb = Workbook()
    sheet = wb.active
    sheet.title = "客户名单"
    sheet.append(["姓名", "手机", "邮箱", "城市", "是否同意营销"])
    sheet.append(["王伟", "+86 138-0013-8000", "Wang.Wei@QQ.COM ", "广州市", "是"])
    sheet.append(["张三", "13800000000", "test@test.com", "GZ", "N"])
    sheet.append(["Karen Hill", "139 1234 5678", "karen@gmial.com", "Guagnzhou", None])
    wb.save(path)
    return path


def run_cli(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def imported(tmp_path, capsys):
    ws = tmp_path / "w.sdstudio"
    assert run_cli(capsys, "import", book(tmp_path / "客户.xlsx"), "--workspace", ws)[0] == 0
    return ws


def test_profile_json_scores_columns_and_says_what_drags(tmp_path, capsys):
    ws = imported(tmp_path, capsys)
    code, out, err = run_cli(capsys, "profile", "--workspace", ws, "--json")
    assert code == 0, err
    data = json.loads(out)
    phone = next(c for c in data["columns"] if c["field"] == "phone")
    assert phone["filled_pct"] == 100.0 and phone["fake"] == 1 and phone["distinct"] == 3
    # '+86 138-0013-8000' and '139 1234 5678' are real mobiles: valid, only not yet in E.164.
    assert (phone["valid"], phone["nonstandard"]) == (2, 2)
    assert 0 < data["score"] < 100
    assert data["drags"] and all(d["text"] for d in data["drags"])
    code, out, _ = run_cli(capsys, "profile", "--workspace", ws)
    assert code == 0 and "Quality score" in out and "What drags it down" in out
    assert "needs format" in out
    code, out, _ = run_cli(capsys, "profile", "--workspace", ws, "--region", "GB", "--json")
    phone = next(c for c in json.loads(out)["columns"] if c["field"] == "phone")
    assert phone["valid"] == 1, "139 1234 5678 is not a UK number"


def test_dry_run_previews_then_clean_applies_and_undo_takes_it_back(tmp_path, capsys):
    ws = imported(tmp_path, capsys)
    code, out, err = run_cli(capsys, "clean", "--workspace", ws, "--dry-run", "--json")
    assert code == 0, err
    preview = json.loads(out)
    rules = {r["rule"]: r for r in preview["rules"]}
    assert preview["dry_run"] and preview["step"] is None
    assert rules["email.typo_domain"]["examples"] == [["karen@gmial.com", "karen@gmail.com"]]
    assert rules["phone.e164"]["count"] == 2

    code, out, err = run_cli(capsys, "clean", "--workspace", ws, "--json")
    assert code == 0, err
    done = json.loads(out)
    assert done["step"] and done["score_after"] > done["score_before"]
    assert {r["rule"]: r["count"] for r in done["rules"]} == {
        r: v["count"] for r, v in rules.items()}

    dump = tmp_path / "all.csv"
    run_cli(capsys, "export", "--workspace", ws, "--format", "csv", "--out", dump)
    rows = list(csv.DictReader(dump.open(encoding="utf-8-sig")))
    assert [r["phone"] for r in rows] == ["+8613800138000", "", "+8613912345678"]
    assert set(rows[1]["flags"].split(";")) >= {"phone:fake", "email:fake", "name:fake"}
    assert [r["city"] for r in rows] == ["广州", "广州", "广州"]

    code, out, _ = run_cli(capsys, "clean", "--workspace", ws, "--json")
    assert json.loads(out)["step"] is None, "a second clean finds nothing to change"

    assert run_cli(capsys, "undo", "--workspace", ws)[0] == 0
    run_cli(capsys, "export", "--workspace", ws, "--format", "csv", "--out", dump)
    rows = list(csv.DictReader(dump.open(encoding="utf-8-sig")))
    # (the CSV writer puts ' before a cell starting with + so Excel does not run it)
    assert rows[0]["phone"].lstrip("'") == "+86 138-0013-8000" and rows[1]["flags"] == ""


def test_only_applies_the_named_rules_and_refuses_unknown_ones(tmp_path, capsys):
    ws = imported(tmp_path, capsys)
    code, out, err = run_cli(capsys, "clean", "--workspace", ws, "--only", "city.canonical",
                             "--json")
    assert code == 0, err
    assert [r["rule"] for r in json.loads(out)["rules"]] == ["city.canonical"]
    code, out, err = run_cli(capsys, "clean", "--workspace", ws, "--only", "city.bogus")
    assert code == 1 and out == ""
    assert err.startswith("error: Unknown cleaning rule") and len(err.strip().splitlines()) == 1
    code, _, err = run_cli(capsys, "clean", "--workspace", ws, "--recipe", "nope")
    assert code == 1 and "no saved recipe" in err


def test_text_output_lists_rules_with_examples(tmp_path, capsys):
    ws = imported(tmp_path, capsys)
    code, out, _ = run_cli(capsys, "clean", "--workspace", ws, "--dry-run")
    assert code == 0
    assert "phone.e164" in out and "Dry run: nothing changed" in out
    assert "'karen@gmial.com' → 'karen@gmail.com'" in out


def test_clean_fake_keep_flags_only_and_exclude_drops_the_row(tmp_path, capsys):
    ws = imported(tmp_path, capsys)
    code, out, err = run_cli(capsys, "clean", "--workspace", ws, "--fake", "keep", "--dry-run",
                             "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["fake"] == "keep" and data["excluded_customers"] == 0
    code, out, err = run_cli(capsys, "clean", "--workspace", ws, "--fake", "exclude", "--json")
    assert code == 0, err
    assert json.loads(out)["excluded_customers"] == 1
    code, out, err = run_cli(capsys, "profile", "--workspace", ws, "--json")
    assert json.loads(out)["rows"] == 2, "the excluded 张三 row is out of the Check"
    assert run_cli(capsys, "undo", "--workspace", ws)[0] == 0
    code, out, err = run_cli(capsys, "profile", "--workspace", ws, "--json")
    assert json.loads(out)["rows"] == 3
    with pytest.raises(SystemExit) as bad:  # argparse: usage and exit code 2
        run_cli(capsys, "clean", "--workspace", ws, "--fake", "delete")
    assert bad.value.code == 2
