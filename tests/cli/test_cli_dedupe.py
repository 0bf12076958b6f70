"""`dedupe` and `unmerge` through the CLI with a real workbook."""

import csv
import json

from openpyxl import Workbook

from app.cli import main


def duplicates_workbook(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(["姓名", "手机", "邮箱", "公司", "城市", "最近购买日期"])
    ws.append(["张伟", "13800138000", "zhangwei@qq.com", "乐活科技有限公司", "广州", "2023-01-01"])
    ws.append(["Zhang Wei", "+86 138-0013-8000", "", "乐活科技", "广州市", "2024-05-01"])
    ws.append(["王芳", "13900139000", "wangfang@163.com", "", "北京", "2024-01-01"])
    ws.append(["王芳", "", "", "", "上海", "2022-01-01"])  # same name only: review, not merge
    ws.append(["李娜", "13700137000", "lina@126.com", "", "深圳", "2024-02-01"])
    ws.append(["李强", "13700137000", "liqiang@126.com", "", "深圳", "2024-03-01"])  # family phone
    # Other customers, a third of them twice, so the model has data to learn from.
    surnames, given = "赵钱孙周吴郑冯陈褚卫蒋沈韩杨", "明华建国志强秀英玉兰桂芳海燕"
    for k in range(120):
        name = surnames[k % 14] + given[k // 14] + given[(k * 3 + 1) % 14]
        row = [name, f"1350000{k:04d}", f"user{k}@example.cn", "", "杭州", "2023-06-01"]
        ws.append(row)
        if k % 3 == 0:
            ws.append([name, row[1], "", "", "杭州", "2024-06-01"])
    wb.save(path)
    return path


def run_cli(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_dedupe_merges_sure_pairs_only_and_unmerge_brings_them_back(tmp_path, capsys):
    ws = tmp_path / "w.sdstudio"
    run_cli(capsys, "import", duplicates_workbook(tmp_path / "a.xlsx"), "--workspace", ws)
    dump = tmp_path / "all.csv"
    run_cli(capsys, "export", "--workspace", ws, "--format", "csv", "--out", dump)
    before = len(list(csv.DictReader(dump.open(encoding="utf-8-sig"))))
    code, out, err = run_cli(capsys, "dedupe", "--workspace", ws, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["merges"][0]["merged"] == [1, 2]
    # 张伟/Zhang Wei and 39 of the 40 filler copies: 13500000000 is a fake number, so that
    # pair (same name and city only) goes to review
    assert data["sure_merges"] == 1 + 39
    assert [3, 4] not in data["clusters"] and [5, 6] not in data["clusters"]
    assert data["candidate_pairs"] >= 1 and data["seconds"] >= 0
    for pair in data["unsure_pairs"]:
        assert {pair["a"], pair["b"]} != {5, 6}, "a shared family phone must not merge"
    survivor = data["merges"][0]["survivor"]

    run_cli(capsys, "export", "--workspace", ws, "--format", "csv", "--out", dump)
    rows = {r["customer_id"]: r for r in csv.DictReader(dump.open(encoding="utf-8-sig"))}
    assert len(rows) == before - 40
    assert rows[str(survivor)]["source_rows"] == "a.xlsx|客户|2;a.xlsx|客户|3"

    code, out, err = run_cli(capsys, "unmerge", "--workspace", ws, "--customer", survivor)
    assert code == 0, err
    assert "back" in out
    run_cli(capsys, "export", "--workspace", ws, "--format", "csv", "--out", dump)
    assert len(list(csv.DictReader(dump.open(encoding="utf-8-sig")))) == before - 39

    code, _, err = run_cli(capsys, "unmerge", "--workspace", ws, "--customer", 1)
    assert code == 1 and "not the result of a merge" in err and err.count("\n") == 1


def test_review_file_round_trip_applies_decisions(tmp_path, capsys):
    ws = tmp_path / "w.sdstudio"
    run_cli(capsys, "import", duplicates_workbook(tmp_path / "a.xlsx"), "--workspace", ws)
    review = tmp_path / "review.csv"
    code, out, err = run_cli(capsys, "dedupe", "--workspace", ws, "--no-merge",
                             "--review-file", review, "--json")
    assert code == 0, err
    rows = list(csv.DictReader(review.open(encoding="utf-8-sig")))
    assert rows and all(r["reasons"] for r in rows)
    for r in rows:
        r["decision"] = "不同"
    with review.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    code, out, err = run_cli(capsys, "dedupe", "--workspace", ws, "--decisions", review,
                             "--no-merge", "--json")
    data = json.loads(out)
    assert data["decisions_applied"] == len(rows)
    assert not {(p["a"], p["b"]) for p in data["unsure_pairs"]} & {
        (int(r["a"]), int(r["b"])) for r in rows}
