import sqlite3
from datetime import date

import pytest

from app.core.errors import StudioError, WorkspaceProblem
from app.core.progress import Cancelled
from app.storage import oplog, schema
from app.storage.customers import load_customers
from app.storage.imports import list_imports, store_import
from app.storage.values import raw_cells_from_json
from app.storage.workspace import Workspace
from tests.storage.helpers import sample_import


def test_new_workspace_has_latest_schema_wal_and_foreign_keys(tmp_path):
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        assert schema.user_version(ws.conn) == schema.LATEST_VERSION
        assert ws.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert ws.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_second_opener_gets_a_clear_message_and_the_file_is_untouched(tmp_path):
    path = tmp_path / "w.sdstudio"
    with Workspace.open(path) as ws:
        store_import(ws, sample_import())
        with pytest.raises(WorkspaceProblem) as err:
            Workspace.open(path)
        assert "open in another" in str(err.value)
    with Workspace.open(path) as ws:
        assert len(load_customers(ws)) == 3


def test_workspace_from_a_newer_version_is_refused_with_both_versions(tmp_path):
    path = tmp_path / "new.sdstudio"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 5}")
    conn.close()
    with pytest.raises(WorkspaceProblem) as err:
        Workspace.open(path)
    assert str(schema.LATEST_VERSION + 5) in str(err.value)
    assert str(schema.LATEST_VERSION) in str(err.value)


def test_a_file_that_is_not_a_database_is_refused_and_kept(tmp_path):
    path = tmp_path / "notes.sdstudio"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(WorkspaceProblem):
        Workspace.open(path)
    assert path.read_bytes().startswith(b"these are my notes")


def test_migration_backs_up_first_and_a_failing_step_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "w.sdstudio"
    with Workspace.open(path) as ws:
        store_import(ws, sample_import())

    def broken_step(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken_step])
    monkeypatch.setattr(schema, "LATEST_VERSION", len(schema.MIGRATIONS))
    with pytest.raises(RuntimeError):
        Workspace.open(path)
    latest = len(schema.MIGRATIONS) - 1
    backups = list(tmp_path.glob(f"w.v{latest}.*.bak.sdstudio"))
    assert len(backups) == 1
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name='half_done'").fetchall()
    assert conn.execute("SELECT COUNT(*) FROM customers").fetchone()[0] == 3
    backup = sqlite3.connect(backups[0])
    assert backup.execute("SELECT COUNT(*) FROM customers").fetchone()[0] == 3


def test_import_keeps_every_cell_and_maps_fields(tmp_path):
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        report = store_import(ws, sample_import())
        assert report.rows_imported == 3
        frame = load_customers(ws)
        first = frame.iloc[0]
        assert first["name"] == "客户0"
        assert first["phone"] == "13800138000"
        assert first["birthday"] == "1990-01-01"
        assert first["alt_phones"] == ["13900139000"]
        assert first["extra"]["会员等级"] == "金卡"
        assert first["source_rows"] == ["客户.xlsx|客户名单|4"]
        raw = ws.conn.execute("SELECT cells FROM raw_rows ORDER BY id LIMIT 1").fetchone()[0]
        assert isinstance(raw, str)  # TEXT, as undo's JSON row images need
        assert raw_cells_from_json(raw) == [
            "客户0", "13800138000", "13900139000", date(1990, 1, 1), "金卡"]
        (imp,) = list_imports(ws)
        assert imp["header_row"] == 3 and imp["rows_skipped"] == 1
        assert imp["skipped"] == [[99, "totals row (合计)"]]


def test_same_file_twice_is_not_duplicated(tmp_path):
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        store_import(ws, sample_import())
        again = store_import(ws, sample_import(name="copy.xlsx"))
        assert again.already_imported_at is not None
        assert len(load_customers(ws)) == 3


def test_cancelled_import_leaves_the_workspace_as_it_was(tmp_path):
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        store_import(ws, sample_import())
        calls = {"n": 0}

        def cancel_on_second_chunk():
            calls["n"] += 1
            return calls["n"] > 1

        with pytest.raises(Cancelled):
            store_import(ws, sample_import(digest="other"), cancel=cancel_on_second_chunk)
        assert len(load_customers(ws)) == 3
        assert len(oplog.history(ws)) == 1
        assert len(list_imports(ws)) == 1


def test_undo_import_then_redo_restores_exactly(tmp_path):
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        store_import(ws, sample_import())
        before = load_customers(ws).to_dict("records")
        undo_step = oplog.undo(ws)
        assert len(load_customers(ws)) == 0
        assert ws.conn.execute("SELECT COUNT(*) FROM raw_rows").fetchone()[0] == 0
        oplog.undo(ws, undo_step.id)  # undoing the undo is redo
        assert load_customers(ws).to_dict("records") == before
        kinds = [(h.kind, h.undone_at is not None) for h in oplog.history(ws)]
        assert kinds == [("import", False), ("undo", True), ("undo", False)]


def test_generic_undo_of_an_edit_and_refusal_when_later_steps_depend(tmp_path):
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        store_import(ws, sample_import())
        with ws.operation("clean", "Fix names") as op:
            op.update("customers", 1, {"name": "张伟"})
        with ws.operation("clean", "Fix names again") as op:
            op.update("customers", 1, {"name": "张伟伟"})
        first_edit = oplog.history(ws)[1]
        with pytest.raises(StudioError) as err:
            oplog.undo(ws, first_edit.id)
        assert "Fix names again" in str(err.value)
        with pytest.raises(StudioError):  # the import too: later edits touched its customers
            oplog.undo(ws, oplog.history(ws)[0].id)
        oplog.undo(ws)
        oplog.undo(ws, first_edit.id)
        assert load_customers(ws).iloc[0]["name"] == "客户0"


def test_nothing_to_undo_is_a_plain_message(tmp_path):
    with Workspace.open(tmp_path / "w.sdstudio") as ws, pytest.raises(StudioError) as err:
        oplog.undo(ws)
    assert "nothing to undo" in str(err.value)


def test_undo_redo_undo_of_an_import(tmp_path):
    with Workspace.open(tmp_path / "w.sdstudio") as ws:
        store_import(ws, sample_import())
        oplog.undo(ws)
        oplog.undo(ws)  # redo
        assert len(load_customers(ws)) == 3
        import_step = oplog.history(ws)[0]
        assert import_step.undone_at is None
        oplog.undo(ws, import_step.id)
        assert len(load_customers(ws)) == 0
