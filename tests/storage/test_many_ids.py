"""Reading or merging more customers at once than SQLite has variables for: SQLite builds
refuse more than 32,766 `?` by default (the Windows and macOS Pythons' among them); ids go as
one JSON text instead. Here the limit is lowered to 500 to make 1,200 customers enough."""

from __future__ import annotations

import sqlite3

from app.storage.clean_store import load_role_columns
from app.storage.customers import load_customers
from app.storage.dedup_store import merge_groups
from app.storage.workspace import Workspace
from app.workers import usecases

ROWS = 1_200


def _workspace(tmp_path):
    csv = tmp_path / "list.csv"
    lines = ["姓名,手机,城市"] + [f"客户{i},139{i:08d},广州" for i in range(ROWS)]
    csv.write_text("\n".join(lines), encoding="utf-8")
    ws = Workspace.open(tmp_path / "w.sdstudio")
    usecases.import_files(ws, [csv])
    ws.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 500)
    return ws


def test_more_ids_than_sqlite_variables(tmp_path):
    with _workspace(tmp_path) as ws:
        ids = [r[0] for r in ws.conn.execute("SELECT id FROM customers ORDER BY id")]
        assert len(load_customers(ws, ids=ids)) == ROWS
        assert len(load_role_columns(ws, ids=ids[::2])) == ROWS // 2
        # 600 pairs merged in one step: 1,200 customers named at once.
        report = merge_groups(ws, [ids[k:k + 2] for k in range(0, ROWS, 2)])
        assert len(report.merges) == ROWS // 2
        active = ws.conn.execute("SELECT COUNT(*) FROM customers WHERE status = 'active'")
        assert active.fetchone()[0] == ROWS // 2


def test_some_customers_keep_the_rows_merged_into_them(tmp_path):
    """Reading some customers by id gives each the same source rows as reading them all,
    rows of customers merged into it included (a merged survivor names both sheet rows)."""
    with _workspace(tmp_path) as ws:
        ids = [r[0] for r in ws.conn.execute("SELECT id FROM customers ORDER BY id")]
        merge_groups(ws, [ids[0:2], ids[2:5]])
        everyone = load_customers(ws).set_index("customer_id")["source_rows"]
        survivors = [int(c) for c, rows in everyone.items() if len(rows) > 1]
        assert sorted(len(everyone[c]) for c in survivors) == [2, 3]
        picked = survivors + [ids[10]]
        some = load_customers(ws, ids=picked).set_index("customer_id")["source_rows"]
        assert sorted(some.index) == sorted(picked)
        for cid in picked:
            assert some[cid] == everyone[cid]
        assert some[survivors[0]][0].startswith("list.csv|")


def test_a_repeated_city_is_held_once_in_memory(tmp_path):
    """SQLite hands back a new string per row: a million rows held a million copies of each
    city, province and date (640 MB of the 1.5 GB dedup load at 1M). Repeated text is now one
    shared string; the values are unchanged."""
    with _workspace(tmp_path) as ws:
        frame = load_customers(ws)
    cities = frame["city"].to_numpy(dtype=object)
    assert set(cities) == {"广州"}
    assert len({id(c) for c in cities}) == 1
    assert frame["name"].tolist() == [f"客户{i}" for i in range(ROWS)]
