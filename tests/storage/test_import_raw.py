"""Raw rows as stored by an import: every cell back with its kind, under its own row number,
whatever the chunk looks like."""

import math
import sqlite3
from datetime import date, datetime, time, timedelta

from app.storage import oplog
from app.storage.customers import load_customers
from app.storage.imports import store_import
from app.storage.values import raw_cells_from_json
from app.storage.workspace import Workspace
from tests.storage.helpers import Imported, Table

HEADERS = ["姓名", "手机", "消费金额", "生日", "备注"]
ROLES = ["name", "phone", "total_spent", "birthday", "extra"]


def stored_raw(ws):
    return ws.conn.execute(
        "SELECT row_number, cells, typeof(cells) FROM raw_rows ORDER BY id").fetchall()


def test_raw_rows_keep_row_numbers_and_cell_kinds_in_every_chunk_shape(tmp_path):
    rows = [
        (4, ["王伟", "13800138000", 12.5, date(1990, 1, 2), None]),
        (5, ["李芳", "13900139000", 3.0, datetime(1990, 1, 2, 8, 30), True]),
        # a gap: rows 6 and 7 were blank or totals
        (8, ["张三", 13700137000, float("nan"), time(9), "null"]),
        (9, ["赵四", "", 0.1 + 0.2, timedelta(hours=2), 'say "hi"\n']),
    ]
    table = Table("客户名单", HEADERS, ROLES, [rows[:2], rows[2:], []], header_row=3)
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        report = store_import(ws, Imported("客户.xlsx", "h1", [table]))
        assert report.rows_imported == 4
        raw = stored_raw(ws)
        assert [n for n, _, _ in raw] == [4, 5, 8, 9]
        assert {kind for _, _, kind in raw} == {"text"}
        back = [raw_cells_from_json(text) for _, text, _ in raw]
        for got, (_, want) in zip(back, rows, strict=True):
            for a, b in zip(got, want, strict=True):
                if isinstance(b, float) and math.isnan(b):
                    assert isinstance(a, float) and math.isnan(a)
                else:
                    assert type(a) is type(b) and a == b
        frame = load_customers(ws)
        assert frame["source_rows"].tolist() == [[f"客户.xlsx|客户名单|{n}"] for n in (4, 5, 8, 9)]
        assert frame["total_spent"].tolist()[:2] == [12.5, 3]
        assert frame["total_spent"].tolist()[3] == 0.1 + 0.2  # exactly, not 0.3


def test_undo_and_redo_of_an_import_bring_back_the_same_raw_text(tmp_path):
    rows = [(n + 2, [f"客户{n}", f"138{n:08d}", n + 0.25, date(2024, 1, 1 + n % 28), None])
            for n in range(12_000)]
    table = Table("s", HEADERS, ROLES, [rows[i:i + 5000] for i in range(0, len(rows), 5000)])
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        store_import(ws, Imported("f.xlsx", "h2", [table]))
        before = stored_raw(ws)
        assert len(before) == 12_000
        undo = oplog.undo(ws)
        assert stored_raw(ws) == []
        oplog.undo(ws, undo.id)  # redo
        assert stored_raw(ws) == before


def stored_customers(ws):
    names = [r[1] for r in ws.conn.execute("PRAGMA table_info(customers)")
             if r[1] != "imported_at"]
    expr = ", ".join(f"typeof({n}), {n}" for n in names)
    return ws.conn.execute(f"SELECT {expr} FROM customers ORDER BY id").fetchall()


def test_customers_are_the_same_whatever_rows_go_in_one_insert(tmp_path):
    # Customers go in several rows per INSERT, as many as SQLite's variable limit allows:
    # a low limit (one row, or a few, per statement) must store exactly the same customers.
    # Columns with many empty cells bind '' for them (NULLIF in the statement): zeros,
    # False and '0' must stay what they are.
    headers = ["姓名", "手机", "消费金额", "生日", "备注", "备用手机", "购买次数", "城市"]
    roles = ["name", "phone", "total_spent", "birthday", "extra", "extra", "orders", "city"]
    rows = [(n + 2, [f"客户{n}" if n % 7 else None, f"138{n:08d}", [n + 0.25, 3.0, None][n % 3],
                     [date(2024, 1, 1 + n % 28), None, datetime(2024, 1, 2, 8)][n % 3],
                     ["", "vip", None, 0][n % 4], f"139{n:08d}" if n % 5 == 0 else None,
                     [0, None, False, None][n % 4], ["0", None, ""][n % 3]])
            for n in range(2_345)]
    chunks = [rows[i:i + 1000] for i in range(0, len(rows), 1000)]
    stored = []
    for limit in (None, 12, 40):
        with Workspace.open(tmp_path / f"w{limit}.sdstudio") as ws:
            if limit is not None:
                ws.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)
            table = Table("s", headers, roles, chunks, alternate_of={"备用手机": "phone"})
            assert store_import(ws, Imported("f.xlsx", "h3", [table])).rows_imported == 2_345
            stored.append(stored_customers(ws))
            first = ws.conn.execute(
                "SELECT name, total_spent, typeof(total_spent), birthday, alt_phones, extra, "
                "raw_row_id, orders, typeof(orders), city FROM customers ORDER BY id LIMIT 3"
            ).fetchall()
    assert len(stored[0]) == 2_345
    assert stored[1] == stored[0] and stored[2] == stored[0]
    assert first == [
        (None, 0.25, "real", "2024-01-01", '["13900000000"]', '{"备用手机": "13900000000"}', 1,
         0, "integer", "0"),
        ("客户1", 3, "integer", None, None, '{"备注": "vip"}', 2, None, "null", None),
        ("客户2", None, "null", "2024-01-02T08:00:00", None, None, 3, 0, "integer", None),
    ]
