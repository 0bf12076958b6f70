"""One test per migration step, from a workspace at the previous version."""

import sqlite3

from app.storage import schema
from app.storage.customers import load_customers
from app.storage.imports import store_import
from app.storage.workspace import Workspace
from tests.storage.helpers import sample_import


def make_workspace_at(path, version):
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, path, target=version)
    return conn


def test_v1_creates_the_core_tables(tmp_path):
    conn = make_workspace_at(tmp_path / "w.sdstudio", 1)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"operations", "op_changes", "imports", "raw_rows", "customers"} <= tables
    assert schema.user_version(conn) == 1


def test_v1_to_v2_keeps_customers_and_adds_marketing_tables(tmp_path):
    path = tmp_path / "w.sdstudio"
    make_workspace_at(path, 1).close()
    # A v1 workspace with data in it, opened by today's app:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("INSERT INTO operations (id, kind, summary, created_at) VALUES (1,'import','x','t')")
    conn.execute("INSERT INTO customers (id, created_op, name) VALUES (1, 1, '王伟')")
    conn.close()
    with Workspace.open(path) as ws:
        assert schema.user_version(ws.conn) == 2
        assert load_customers(ws).iloc[0]["name"] == "王伟"
        ws.conn.execute("INSERT INTO tags (customer_id, tag) VALUES (1, 'VIP')")
        assert ws.get_meta("identity_salt")
    assert list(tmp_path.glob("w.v1.*.bak.sdstudio")), "a backup is made before migrating"


def test_marketing_fields_appear_once_filled(tmp_path):
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        store_import(ws, sample_import())
        assert "lifecycle" not in load_customers(ws).columns
        with ws.operation("edit", "Set stage") as op:
            op.update("customers", 1, {"lifecycle": "evaluation"})
        assert load_customers(ws).iloc[0]["lifecycle"] == "evaluation"
