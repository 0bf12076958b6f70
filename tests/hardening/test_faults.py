"""Disk full, read-only locations, and two windows on one workspace."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time

import pytest

from app.cli import main as cli_main
from app.core.errors import WorkspaceProblem
from app.storage import db
from app.storage.workspace import Workspace
from app.workers import usecases
from tests.hardening.helpers import REPO, customers_csv, integrity, run_cli, state_digest


@pytest.fixture
def workspace(tmp_path):
    """A workspace holding 200 customers, closed."""
    ws = tmp_path / "w.sdstudio"
    with Workspace.open(ws) as opened:
        usecases.import_files(opened, [customers_csv(tmp_path / "a.csv", 200, seed=1, tag="a")])
    return ws


def _limit_pages(conn, spare: int = 2) -> None:
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + spare}")


# ------------------------------------------------------------------ disk full


def test_disk_full_during_import_says_so_and_keeps_the_previous_state(workspace, tmp_path):
    big = customers_csv(tmp_path / "big.csv", 20_000, seed=2, tag="b")
    with Workspace.open(workspace) as ws:
        _limit_pages(ws.conn)  # SQLite's page cap stands in for a full disk
        with pytest.raises(WorkspaceProblem) as caught:
            usecases.import_files(ws, [big])
        assert "disk" in str(caught.value) and "is full" in str(caught.value)
        assert "nothing was changed" in str(caught.value)
        assert not ws.conn.in_transaction
        # The same session goes on working once space is back.
        ws.conn.execute("PRAGMA max_page_count = 1073741823")
        usecases.import_files(ws, [customers_csv(tmp_path / "c.csv", 5, seed=3, tag="c")])
        assert usecases.customer_count(ws) == 205
    assert integrity(workspace) == "ok"


def test_disk_full_leaves_the_file_exactly_as_before(workspace, tmp_path):
    before = state_digest(workspace)
    with Workspace.open(workspace) as ws:
        _limit_pages(ws.conn)
        with pytest.raises(WorkspaceProblem):
            usecases.import_files(ws, [customers_csv(tmp_path / "b.csv", 20_000, seed=2)])
    assert state_digest(workspace) == before
    assert integrity(workspace) == "ok"


def test_cli_on_a_full_disk_prints_one_line_and_exits_non_zero(workspace, tmp_path, capsys,
                                                                 monkeypatch):
    real_connect = db.connect

    def connect_on_full_disk(path):
        conn = real_connect(path)
        _limit_pages(conn)
        return conn

    monkeypatch.setattr(db, "connect", connect_on_full_disk)
    big = customers_csv(tmp_path / "big.csv", 20_000, seed=2, tag="b")
    before = state_digest(workspace)
    code = cli_main(["import", str(big), "--workspace", str(workspace)])
    err = capsys.readouterr().err
    assert code != 0
    assert err.count("\n") == 1 and err.startswith("error: ") and "is full" in err
    assert state_digest(workspace) == before


# ------------------------------------------------------------------ read-only


def _unprivileged(argv: list[str]) -> list[str]:
    """Root ignores file permissions; drop the capabilities that let it (Linux capsh)."""
    if os.geteuid() != 0:
        return argv
    if not shutil.which("capsh"):
        pytest.skip("running as root without capsh: cannot make a folder read-only")
    drop = "--drop=cap_dac_override,cap_dac_read_search,cap_fowner,cap_linux_immutable"
    return ["capsh", drop, "--", "-c", shlex.join(argv)]


def _cli_as_user(*args) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "app", *map(str, args)]
    return subprocess.run(_unprivileged(argv), cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=60)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_read_only_folder_is_refused_on_open_with_a_plain_message(workspace, tmp_path):
    before = state_digest(workspace)
    workspace.with_name(workspace.name + ".lock").unlink(missing_ok=True)
    os.chmod(workspace, 0o444)
    os.chmod(workspace.parent, 0o555)
    try:
        done = _cli_as_user("import", tmp_path / "a.csv", "--workspace", workspace)
    finally:
        os.chmod(workspace.parent, 0o755)
        os.chmod(workspace, 0o644)
    assert done.returncode != 0
    assert done.stderr.count("\n") == 1 and "cannot be written" in done.stderr, done.stderr
    assert state_digest(workspace) == before and integrity(workspace) == "ok"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_read_only_file_can_be_read_but_a_change_is_refused(workspace, tmp_path):
    before = state_digest(workspace)
    os.chmod(workspace, 0o444)
    try:
        listed = _cli_as_user("history", "--workspace", workspace)
        changed = _cli_as_user("undo", "--workspace", workspace)
    finally:
        os.chmod(workspace, 0o644)
    assert listed.returncode == 0 and "Import a.csv" in listed.stdout, listed.stderr
    assert changed.returncode != 0
    assert changed.stderr.count("\n") == 1 and "cannot be written" in changed.stderr
    assert state_digest(workspace) == before and integrity(workspace) == "ok"


# ------------------------------------------------------------------ two windows

HOLDER = """
import sys, time
from app.storage.workspace import Workspace
ws = Workspace.open(sys.argv[1])
print("open", flush=True)
time.sleep(60)
"""


def test_second_window_gets_a_clear_message_and_the_file_stays_sound(workspace):
    before = state_digest(workspace)
    first = subprocess.Popen([sys.executable, "-c", HOLDER, str(workspace)], cwd=REPO,
                             stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert first.stdout.readline().strip() == "open"
        # Another process (the CLI) and this process (the app's own open) are both refused.
        second = run_cli("undo", "--workspace", workspace)
        assert second.returncode != 0
        assert "open in another SmallData Studio window" in second.stderr
        assert second.stderr.count("\n") == 1
        with pytest.raises(WorkspaceProblem, match="open in another"):
            Workspace.open(workspace)
    finally:
        first.kill()
        first.wait()
    assert state_digest(workspace) == before and integrity(workspace) == "ok"
    # The first window died without closing: the OS released its lock.
    start = time.monotonic()
    with Workspace.open(workspace):
        pass
    assert time.monotonic() - start < 1.0


# ------------------------------------------------------------------ stopping mid-import


def test_cancel_or_error_mid_import_stops_the_reader_thread_at_once(tmp_path):
    """Regression: the import's reader thread blocked on a full queue once the writer had
    stopped (Cancel, disk full), hanging the app's database thread for ever."""
    import threading

    from app.core.progress import Cancelled
    from app.storage.imports import store_import
    from tests.storage.helpers import Imported, Table

    rows = [(n + 2, [f"客户{n}", f"138{n:08d}"]) for n in range(40_000)]
    table = Table("s", ["姓名", "手机"], ["name", "phone"],
                  [rows[i:i + 500] for i in range(0, len(rows), 500)])
    stored = []

    def cancel() -> bool:
        return len(stored) > 0

    outcome = {}

    def run() -> None:
        with Workspace.open(tmp_path / "w.sdstudio") as ws:
            try:
                store_import(ws, Imported("f.csv", "h", [table]), cancel=cancel,
                             progress=lambda f, m: stored.append(f))
            except Cancelled:
                outcome["cancelled"] = True
            outcome["customers"] = usecases.customer_count(ws)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "the import hung after Cancel"
    assert outcome == {"cancelled": True, "customers": 0}
    assert not [t for t in threading.enumerate() if t.name.startswith("import-")], \
        "no import thread is left running after Cancel"
