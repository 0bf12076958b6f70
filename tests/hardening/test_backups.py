"""Backups: snapshots via the SQLite backup API, retention, restore round trip, CLI."""

from __future__ import annotations

import json
import sqlite3

import pytest

from app.cli import main as cli_main
from app.core.errors import WorkspaceProblem
from app.storage import backups
from app.storage.workspace import Workspace
from app.workers import usecases
from tests.hardening.helpers import customers_csv, integrity, state_digest


@pytest.fixture
def workspace(tmp_path):
    ws = tmp_path / "客户.sdstudio"
    with Workspace.open(ws) as opened:
        usecases.import_files(opened, [customers_csv(tmp_path / "a.csv", 50, seed=1, tag="a")])
    return ws


def test_snapshot_is_a_sound_single_file_copy_of_the_committed_state(workspace):
    with Workspace.open(workspace) as ws:
        path = backups.snapshot(ws, "before merge")
    assert path.parent == workspace.with_name("客户.sdstudio.backups")
    assert path.name.endswith("__before-merge.sdbackup")
    assert integrity(path) == "ok"
    assert state_digest(path) == state_digest(workspace)
    assert not list(path.parent.glob("*-wal")) and not list(path.parent.glob("*.part"))
    (listed,) = backups.list_backups(workspace)
    assert listed.path == path and listed.reason == "before-merge"


def test_snapshot_inside_a_transaction_is_refused(workspace):
    with Workspace.open(workspace) as ws, ws.transaction(), pytest.raises(RuntimeError):
        backups.snapshot(ws, "x")


def test_only_the_newest_ten_are_kept(workspace):
    with Workspace.open(workspace) as ws:
        made = [backups.snapshot(ws, f"step {i}") for i in range(13)]
    kept = backups.list_backups(workspace)
    assert [b.path for b in kept] == list(reversed(made[-10:]))
    assert not any(p.exists() for p in made[:3])


def test_restore_round_trip_and_the_restore_itself_is_backed_up(workspace, tmp_path):
    original = state_digest(workspace)
    with Workspace.open(workspace) as ws:
        saved = backups.snapshot(ws, "before undo")
        usecases.undo(ws)  # the import is gone
        assert usecases.customer_count(ws) == 0
    after_undo = state_digest(workspace)

    before_restore = backups.restore(workspace, saved)
    assert state_digest(workspace) == original
    assert integrity(workspace) == "ok"
    # Restoring the pre-restore snapshot brings the undone state back: restore is reversible.
    backups.restore(workspace, before_restore)
    assert state_digest(workspace) == after_undo


def test_restore_into_an_open_workspace_keeps_it_usable(workspace, tmp_path):
    with Workspace.open(workspace) as ws:
        saved = backups.snapshot(ws, "manual")
        usecases.import_files(ws, [customers_csv(tmp_path / "b.csv", 30, seed=2, tag="b")])
        backups.restore_into(ws, saved)
        assert usecases.customer_count(ws) == 50
        usecases.import_files(ws, [customers_csv(tmp_path / "c.csv", 5, seed=3, tag="c")])
        assert usecases.customer_count(ws) == 55


def test_restore_refuses_a_damaged_backup_and_changes_nothing(workspace, tmp_path):
    before = state_digest(workspace)
    with Workspace.open(workspace) as ws:
        saved = backups.snapshot(ws, "manual")
    data = bytearray(saved.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for start in range(page, len(data), page):  # scribble over every page header but the first
        data[start : start + 12] = b"\xff" * 12
    bad = tmp_path / "bad.sdbackup"
    bad.write_bytes(bytes(data))
    not_db = tmp_path / "notes.sdbackup"
    not_db.write_text("hello")
    for candidate in (bad, not_db, tmp_path / "missing.sdbackup"):
        with pytest.raises(WorkspaceProblem, match="cannot be restored"):
            backups.restore(workspace, candidate)
    assert state_digest(workspace) == before


def test_restore_refuses_a_backup_from_a_newer_app(workspace, tmp_path):
    with Workspace.open(workspace) as ws:
        saved = backups.snapshot(ws, "manual")
    conn = sqlite3.connect(saved)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(WorkspaceProblem, match="version 99"):
        backups.restore(workspace, saved)


def test_snapshot_that_cannot_be_written_stops_the_step(workspace):
    folder = backups.backups_folder(workspace)
    folder.write_text("a file where the folder should be")
    with Workspace.open(workspace) as ws, pytest.raises(WorkspaceProblem, match="safety copy"):
        backups.snapshot(ws, "before merge")


def test_cli_backup_list_restore(workspace, capsys):
    def cli(*argv):
        code = cli_main([*map(str, argv)])
        out = capsys.readouterr()
        return code, out.out, out.err

    original = state_digest(workspace)
    code, out, err = cli("backup", "--workspace", workspace, "--json")
    assert code == 0, err
    made = json.loads(out)["file"]
    assert cli("undo", "--workspace", workspace)[0] == 0
    code, out, _ = cli("backups", "--workspace", workspace, "--json")
    listed = json.loads(out)
    # Newest first: the automatic one taken by undo, then the manual one.
    assert [b["reason"] for b in listed] == ["before-undo", "manual"]
    assert listed[1]["file"] == made
    code, out, err = cli("restore", "--workspace", workspace, "--latest")
    assert code == 0, err
    assert "Restored" in out
    assert state_digest(workspace) == original
    code, out, err = cli("restore", "--workspace", workspace, "--from", workspace.parent / "x")
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1
