"""A migration step that fails half-way leaves the workspace at its old version, with its data,
and the error the user sees is the one that stopped the step (not a ROLLBACK complaint)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.core.errors import WorkspaceProblem
from app.storage import schema
from app.storage.customers import load_customers
from app.storage.workspace import Workspace

FIXTURES = Path(__file__).parent / "fixtures"


def _content(path: Path) -> dict:
    """Every table's rows, plus the schema and user_version (the file's header bytes change
    when the app opens it in WAL mode, so compare what a user's data is)."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        out = {n: conn.execute(f"SELECT * FROM {n} ORDER BY rowid").fetchall() for n in names}
        out["<schema>"] = conn.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        out["<version>"] = schema.user_version(conn)
        return out
    finally:
        conn.close()


@pytest.fixture
def v1_workspace(tmp_path) -> Path:
    path = tmp_path / "客户 2023.sdstudio"
    shutil.copyfile(FIXTURES / "workspace_v1.sdstudio", path)
    return path


def _half_of_v2_then(fail):
    """A v1 -> v2 step that does real work (new table, new column, rows changed) and then
    fails in the way `fail` does."""
    def step(conn: sqlite3.Connection) -> None:
        schema.run_script(conn, """
CREATE TABLE tags (id INTEGER PRIMARY KEY, customer_id INTEGER, tag TEXT);
ALTER TABLE customers ADD COLUMN lifecycle TEXT;
""")
        conn.execute("UPDATE customers SET name = 'overwritten', lifecycle = 'x'")
        conn.execute("UPDATE raw_rows SET cells = '[]'")
        fail(conn)
    return step


def _python_error(conn):
    raise RuntimeError("step 2 broke half-way")


def _disk_full(conn):
    """SQLITE_FULL: SQLite itself rolls the transaction back before the error reaches us."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    conn.executemany("INSERT INTO tags (tag) VALUES (?)", [("x" * 4000,)] * 2000)


@pytest.fixture
def broken_ladder(monkeypatch):
    def install(fail):
        monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], _half_of_v2_then(fail)])
    return install


def _assert_untouched_and_still_migrates(path: Path, before: dict, monkeypatch) -> None:
    assert _content(path) == before  # version 1, every row and table as it was
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    # The lock was released and the real ladder still brings it up to date, rows kept.
    monkeypatch.undo()
    with Workspace.open(path) as ws:
        assert schema.user_version(ws.conn) == schema.LATEST_VERSION
        names = set(load_customers(ws)["name"])
    assert "overwritten" not in names
    assert names == {row[0] for row in sqlite3.connect(path).execute(
        "SELECT name FROM customers WHERE status = 'active'")}


def test_a_step_that_raises_half_way_leaves_version_and_data_and_reports_its_error(
        v1_workspace, broken_ladder, monkeypatch):
    before = _content(v1_workspace)
    assert before["<version>"] == 1 and before["customers"] and before["raw_rows"]
    broken_ladder(_python_error)
    with pytest.raises(RuntimeError, match="step 2 broke half-way"):
        Workspace.open(v1_workspace)
    _assert_untouched_and_still_migrates(v1_workspace, before, monkeypatch)


def test_a_step_stopped_by_a_full_disk_reports_the_full_disk(v1_workspace, broken_ladder,
                                                             monkeypatch):
    """SQLite has already rolled back on SQLITE_FULL: a second ROLLBACK used to raise
    "cannot rollback - no transaction is active" and hide why the migration stopped."""
    before = _content(v1_workspace)
    broken_ladder(_disk_full)
    with pytest.raises(WorkspaceProblem, match="cannot be written") as caught:
        Workspace.open(v1_workspace)
    assert "full" in str(caught.value.__cause__)
    _assert_untouched_and_still_migrates(v1_workspace, before, monkeypatch)


def test_cli_on_a_failed_migration_prints_the_plain_message(v1_workspace, broken_ladder,
                                                           monkeypatch, capsys):
    before = _content(v1_workspace)
    broken_ladder(_disk_full)
    code = cli_main(["history", "--workspace", str(v1_workspace)])
    err = capsys.readouterr().err
    assert code != 0
    assert err.count("\n") == 1 and err.startswith("error: ") and "cannot be written" in err
    assert "rollback" not in err.lower() and "Unexpected" not in err
    _assert_untouched_and_still_migrates(v1_workspace, before, monkeypatch)
