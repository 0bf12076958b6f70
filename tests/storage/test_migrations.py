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
    with Workspace.open(path) as ws:  # migrated on to the latest version
        assert schema.user_version(ws.conn) == schema.LATEST_VERSION
        assert load_customers(ws).iloc[0]["name"] == "王伟"
        ws.conn.execute("INSERT INTO tags (customer_id, tag) VALUES (1, 'VIP')")
        assert ws.get_meta("identity_salt")
    assert list(tmp_path.glob("w.v1.*.bak.sdstudio")), "a backup is made before migrating"


def test_v2_to_v3_adds_segment_runs_and_purchase_block_keeping_v2_members(tmp_path):
    path = tmp_path / "w.sdstudio"
    conn = make_workspace_at(path, 2)
    conn.execute("INSERT INTO operations (id, kind, summary, created_at) VALUES (1,'import','x','t')")
    conn.execute("INSERT INTO customers (id, created_op, name) VALUES (1, 1, '王伟'), (2, 1, '李娜')")
    conn.execute("INSERT INTO segments (id, name, kind, definition, created_at, updated_at) "
                 "VALUES (1, 'Personas', 'kmeans', '{}', 't', 't')")
    conn.execute("INSERT INTO segment_members (segment_id, customer_id, label, score) VALUES "
                 "(1, 1, '1', '{\"cluster\": 0}'), (1, 2, '2', '{\"cluster\": 1}')")
    conn.execute("INSERT INTO orders (op_id, ordered_at, amount, customer_id, status) VALUES "
                 "(1, '2024-05-01', 10.0, 1, 'linked')")
    conn.close()
    with Workspace.open(path) as ws:
        assert schema.user_version(ws.conn) == 3
        from app.storage import segment_store as store

        # v2 members are still what the segment shows (it has no run yet).
        seg = store.get_segment(ws, "Personas")
        assert seg.current_run is None
        assert store.member_frame(ws, seg.id)["cluster"].tolist() == [0, 1]
        assert store.list_segments(ws)[0].label_sizes == {"1": 1, "2": 1}
        # Any change to a purchase line drops the block (triggers), in the same transaction.
        with ws.transaction() as c:
            store.write_purchase_block(c, store.linked_lines_from_rows(ws))
        assert store.read_purchase_block(ws.conn)["amount"].tolist() == [10.0]
        for change in ("UPDATE orders SET amount = 12 WHERE id = 1",
                       "INSERT INTO orders (op_id, amount, status) VALUES (1, 5, 'linked')",
                       "DELETE FROM orders WHERE id = 2"):
            with ws.transaction() as c:
                store.write_purchase_block(c, store.linked_lines_from_rows(ws))
                c.execute(change)
            assert store.read_purchase_block(ws.conn) is None, change


def test_marketing_fields_appear_once_filled(tmp_path):
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        store_import(ws, sample_import())
        assert "lifecycle" not in load_customers(ws).columns
        with ws.operation("edit", "Set stage") as op:
            op.update("customers", 1, {"lifecycle": "evaluation"})
        assert load_customers(ws).iloc[0]["lifecycle"] == "evaluation"


# ---------------------------------------------------------------- committed fixture workspaces
# tests/storage/fixtures/workspace_v{N}.sdstudio, built by scripts/make_fixture_workspaces.py:
# one per schema version, holding rows shaped like those that version's app wrote.

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from app.core.errors import WorkspaceProblem  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_VERSIONS = list(range(1, schema.LATEST_VERSION + 1))


def _tables_and_rows(path):
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {n: conn.execute(f"SELECT * FROM {n} ORDER BY rowid").fetchall() for n in names}
    finally:
        conn.close()


def test_there_is_a_fixture_for_every_schema_version():
    for version in FIXTURE_VERSIONS:
        path = FIXTURES / f"workspace_v{version}.sdstudio"
        assert path.is_file(), f"run scripts/make_fixture_workspaces.py for v{version}"
        conn = sqlite3.connect(path)
        assert schema.user_version(conn) == version
        conn.close()


@pytest.mark.parametrize("version", FIXTURE_VERSIONS[:-1], ids=lambda v: f"v{v}")
def test_fixture_workspace_migrates_keeping_every_row_after_a_backup(tmp_path, version):
    path = tmp_path / "old.sdstudio"
    shutil.copy(FIXTURES / f"workspace_v{version}.sdstudio", path)
    old = _tables_and_rows(path)
    with Workspace.open(path) as ws:
        assert schema.user_version(ws.conn) == schema.LATEST_VERSION
        backup = ws.migration_backup
        customers = load_customers(ws)
        assert "王伟" in set(customers["name"]) and len(customers) == 5  # 1 and 2 merged into 7
        assert ws.get_meta("created_by") == "SmallData Studio 0.1"
    new = _tables_and_rows(path)
    for table, rows in old.items():
        width = len(rows[0]) if rows else 0
        # Every old row is still there, unchanged in its old columns (new columns appended;
        # a step may add rows, such as v2's identity salt in meta).
        assert [r[:width] for r in new[table]][: len(rows)] == rows, table
    # The backup is the untouched old file, written with the backup API before migrating.
    assert backup is not None and backup.name.startswith(f"old.v{version}.")
    assert _tables_and_rows(backup) == old
    conn = sqlite3.connect(backup)
    assert schema.user_version(conn) == version
    conn.close()


def test_latest_fixture_opens_without_migrating(tmp_path):
    path = tmp_path / "w.sdstudio"
    shutil.copy(FIXTURES / f"workspace_v{schema.LATEST_VERSION}.sdstudio", path)
    before = _tables_and_rows(path)
    with Workspace.open(path) as ws:
        assert ws.migration_backup is None
    assert _tables_and_rows(path) == before


def test_newer_workspace_is_refused_naming_both_versions_and_left_untouched(tmp_path):
    path = tmp_path / "w.sdstudio"
    shutil.copy(FIXTURES / f"workspace_v{schema.LATEST_VERSION}.sdstudio", path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 1}")
    conn.close()
    data = path.read_bytes()
    with pytest.raises(WorkspaceProblem) as caught:
        Workspace.open(path)
    text = str(caught.value)
    assert f"version {schema.LATEST_VERSION + 1}" in text
    assert f"up to version {schema.LATEST_VERSION}" in text
    assert path.read_bytes() == data
    # The lock was released: once the app is updated (here: the version put back) it opens.
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST_VERSION}")
    conn.close()
    Workspace.open(path).close()
