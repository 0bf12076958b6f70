"""Write tests/storage/fixtures/workspace_v{N}.sdstudio: one small workspace per schema version.

Each is built with schema.migrate(target=N) and filled with rows shaped like those the app of
that version wrote (an import with raw rows and customers, a merge, an undone edit, and from
v2 on tags, a segment, orders and a pair decision). Commit the files; never regenerate an old
version after a release (its file stands for workspaces users already have). Run:

    .venv/bin/python scripts/make_fixture_workspaces.py [--only N]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.storage import schema  # noqa: E402

OUT = ROOT / "tests" / "storage" / "fixtures"
STAMP = "2024-06-01T10:00:00"
HEADERS = ["姓名", "手机", "邮箱", "公司", "城市", "会员等级"]
ROLES = ["name", "phone", "email", "company", "city", "extra"]
PEOPLE = [
    ["王伟", "13800138000", "wang.wei@qq.com", "广州星河贸易有限公司", "广州", "金卡"],
    ["王 伟", "138-0013-8000", "WANG.WEI@QQ.COM", "星河贸易", "广州市", "金卡"],
    ["Emma Smith", "+86 139 0013 9000", "emma@example.com", "Blue Sky Ltd", "Shanghai", "银卡"],
    ["李娜", 13700137000, "lina@163.com", None, "GZ", None],
    ["张三", "12345678901", "test@test.com", "测试公司", "北京", "普通"],
    ["陈静", "+852 9123 4567", "chen.jing@outlook.com", "港九物流", "香港", "金卡"],
]


def j(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def fill_v1(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO meta (key, value) VALUES ('created_by', 'SmallData Studio 0.1')")
    conn.execute("INSERT INTO operations (id, kind, summary, params, created_at) VALUES "
                 "(1, 'import', 'Import 客户名单.xlsx: 6 rows', ?, ?)",
                 (j({"file": "客户名单.xlsx", "sheets": ["客户"], "rows": 6}), STAMP))
    conn.execute(
        "INSERT INTO imports (id, op_id, file_name, file_path, content_hash, sheet, header_row, "
        "headers, roles, imported_at, rows_read, rows_imported, rows_skipped, skipped, warnings) "
        "VALUES (1, 1, '客户名单.xlsx', 'C:/Users/li/Desktop/客户名单.xlsx', ?, '客户', 3, ?, ?, ?, "
        "7, 6, 1, ?, '[]')",
        ("9f" * 32, j(HEADERS), j(ROLES), STAMP, j([[10, "totals row (合计)"]])),
    )
    for i, person in enumerate(PEOPLE, start=1):
        conn.execute("INSERT INTO raw_rows (id, import_id, row_number, cells) VALUES (?, 1, ?, ?)",
                     (i, i + 3, j(person)))
        name, phone, email, company, city, level = person
        flags = {"phone": "fake", "email": "placeholder"} if name == "张三" else None
        conn.execute(
            "INSERT INTO customers (id, raw_row_id, created_op, name, phone, email, company, city, "
            "extra, flags, imported_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
            (i, i, name, phone, email, company, city,
             j({"会员等级": level}) if level else None, j(flags) if flags else None, STAMP),
        )
    # A merge of customers 1 and 2 into a new survivor, logged for undo.
    conn.execute("INSERT INTO operations (id, kind, summary, params, created_at) VALUES "
                 "(2, 'merge', 'Merge 2 customers into 王伟', ?, ?)", (j({"groups": 1}), STAMP))
    conn.execute(
        "INSERT INTO customers (id, created_op, name, phone, email, company, city, alt_emails, "
        "imported_at) VALUES (7, 2, '王伟', '+8613800138000', 'wang.wei@qq.com', "
        "'广州星河贸易有限公司', '广州', ?, ?)", (j(["WANG.WEI@QQ.COM"]), STAMP))
    for cid in (1, 2):
        conn.execute("UPDATE customers SET status = 'merged', merged_into = 7 WHERE id = ?", (cid,))
        conn.execute("INSERT INTO op_changes (op_id, tbl, row_id, before, after) VALUES "
                     "(2, 'customers', ?, ?, ?)",
                     (cid, j({"id": cid, "status": "active", "merged_into": None}),
                      j({"id": cid, "status": "merged", "merged_into": 7})))
    conn.execute("INSERT INTO op_changes (op_id, tbl, row_id, before, after) VALUES "
                 "(2, 'customers', 7, NULL, ?)", (j({"id": 7, "name": "王伟"}),))
    # An edit that was undone.
    conn.execute("INSERT INTO operations (id, kind, summary, params, created_at, undone_at) "
                 "VALUES (3, 'clean', 'Clean: 1 city fixed', '{}', ?, ?)", (STAMP, STAMP))
    conn.execute("INSERT INTO operations (id, kind, summary, params, created_at, undo_of) "
                 "VALUES (4, 'undo', 'Undo: Clean: 1 city fixed', ?, ?, 3)",
                 (j({"undo_of": 3}), STAMP))


def fill_v2(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO tags (customer_id, tag) VALUES (7, 'VIP'), (3, 'newsletter')")
    conn.execute("INSERT INTO pair_decisions (a, b, decision, decided_at) VALUES "
                 "(3, 6, 'different', ?)", (STAMP,))
    conn.execute("INSERT INTO segments (id, name, kind, definition, created_at, updated_at) "
                 "VALUES (1, '金卡客户', 'rule', ?, ?, ?)",
                 (j({"field": "extra.会员等级", "op": "=", "value": "金卡"}), STAMP, STAMP))
    conn.execute("INSERT INTO segment_members (segment_id, customer_id, label) VALUES "
                 "(1, 7, '金卡'), (1, 6, '金卡')")
    conn.execute("INSERT INTO operations (id, kind, summary, params, created_at) VALUES "
                 "(5, 'orders', 'Orders 订单.xlsx: 2 lines', '{}', ?)", (STAMP,))
    conn.execute(
        "INSERT INTO orders (op_id, source, order_no, ordered_at, amount, phone, customer_id, "
        "status, raw) VALUES (5, '订单.xlsx|订单|2', 'A001', '2024-05-01', 199.0, "
        "'+8613800138000', 7, 'linked', '[]'), (5, '订单.xlsx|订单|3', 'A002', '2024-05-03', "
        "88.5, '+8613900000000', NULL, 'not_in_customer_list', '[]')")
    conn.execute("INSERT INTO suppression (email, reason, added_at) VALUES "
                 "('test@test.com', 'bounced', ?)", (STAMP,))
    conn.execute("UPDATE customers SET lifecycle = 'loyalty', bant_budget = '10万' WHERE id = 7")


def fill_v3(conn: sqlite3.Connection) -> None:
    """An RFM segment as v3 stores it: a run block the segment points at, its step logging
    only the pointer; and the purchase block of the one linked line."""
    import pandas as pd

    from app.storage.blocks import encode_frame

    conn.execute("INSERT INTO operations (id, kind, summary, params, created_at) VALUES "
                 "(6, 'segment_rfm', 'RFM as of 2024-07-01: 5 customers', ?, ?)",
                 (j({"name": "RFM", "reference_date": "2024-07-01"}), STAMP))
    definition = {"reference_date": "2024-07-01", "source": "orders", "threshold": "mean",
                  "thresholds": {"recency_days": 61.0, "frequency": 1.0, "monetary": 199.0}}
    conn.execute("INSERT INTO segments (id, name, kind, definition, description, created_at, "
                 "updated_at) VALUES (2, 'RFM', 'rfm', ?, 'RFM as of 2024-07-01 (orders)', ?, ?)",
                 (j(definition), STAMP, STAMP))
    ids = [3, 4, 5, 6, 7]
    bought = [False, False, False, False, True]
    members = pd.DataFrame({
        "customer_id": ids,
        "label": ["重要价值客户" if b else "无购买记录" for b in bought],
        "recency_days": [61.0 if b else float("nan") for b in bought],
        "frequency": [1 if b else 0 for b in bought],
        "monetary": [199.0 if b else 0.0 for b in bought],
        "r_score": pd.array([3 if b else None for b in bought], dtype="Int64"),
        "f_score": pd.array([3 if b else None for b in bought], dtype="Int64"),
        "m_score": pd.array([3 if b else None for b in bought], dtype="Int64"),
        "rfm_score": ["333" if b else "" for b in bought],
        "rfm_segment": ["need_attention" if b else "no_purchase" for b in bought],
        "rfm_class": ["重要价值客户" if b else "无购买记录" for b in bought],
    })
    conn.execute("INSERT INTO segment_runs (id, segment_id, op_id, kind, size, label_sizes, "
                 "members) VALUES (1, 2, 6, 'rfm', 5, ?, ?)",
                 (j({"无购买记录": 4, "重要价值客户": 1}), encode_frame(members)))
    conn.execute("UPDATE segments SET current_run = 1 WHERE id = 2")
    conn.execute("INSERT INTO op_changes (op_id, tbl, row_id, before, after) VALUES "
                 "(6, 'segments', 2, NULL, ?)", (j({"id": 2, "name": "RFM", "current_run": 1}),))
    from app.storage.segment_store import purchase_lines_frame

    lines = purchase_lines_frame([1], [7], ["A001"], ["2024-05-01"], [199.0])
    conn.execute("INSERT INTO purchase_block (id, lines, data) VALUES (1, 1, ?)",
                 (encode_frame(lines),))


FILLERS = {1: fill_v1, 2: fill_v2, 3: fill_v3}


def build(version: int) -> Path:
    path = OUT / f"workspace_v{version}.sdstudio"
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        for step in range(1, version + 1):
            backup = schema.migrate(conn, path, target=step)
            if backup is not None:  # the migration's own safety copy is not a fixture
                backup.unlink()
            conn.execute("BEGIN")
            FILLERS[step](conn)
            conn.execute("COMMIT")
        conn.execute("VACUUM")
    finally:
        conn.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", type=int, help="build only this version")
    args = parser.parse_args()
    missing = [v for v in range(1, schema.LATEST_VERSION + 1) if v not in FILLERS]
    if missing:
        print(f"add a fill_v{missing[0]}() for the new schema step first", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for version in [args.only] if args.only else range(1, schema.LATEST_VERSION + 1):
        print(build(version))
    return 0


if __name__ == "__main__":
    sys.exit(main())
