"""Safety copies of a workspace: automatic snapshots before destructive steps, and restore.

Snapshots live in `<workspace>.backups/` next to the workspace (e.g. `customers.sdstudio.backups/`)
so they travel with it when the user copies the folder. Each one is a complete, self-contained
SQLite file written with the backup API (never shutil on a live database), first under a
`.part` name and then renamed, so a crash never leaves a half snapshot that looks complete.
Only the newest KEEP snapshots are kept, within a disk budget for big workspaces (prune).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.core.errors import WorkspaceProblem
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.progress import check_cancel
from app.storage import db, schema
from app.storage.workspace import Workspace

KEEP = 10
# A copy is as big as the workspace: at a million rows 0.4 GB after the import and 0.9 GB
# after a clean (its undo images), so ten copies would take about 10 GB. Older copies are
# dropped once all of them together pass BUDGET_FACTOR x the workspace (at least
# BUDGET_FLOOR, so small workspaces keep all ten); the newest KEEP_AT_LEAST always stay.
BUDGET_FACTOR = 3
BUDGET_FLOOR = 2 * 1024**3
KEEP_AT_LEAST = 2
# Room a copy must leave on the disk for the step itself (its transaction and WAL).
_HEADROOM_MIN = 64 * 1024**2
FOLDER_SUFFIX = ".backups"
_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<stamp>\d{8}-\d{6}-\d{6})__(?P<reason>[a-z0-9-]+)\.sdbackup$")

SNAPSHOT_FAILED = QT_TRANSLATE_NOOP(
    "errors",
    "A safety copy of the workspace could not be written to {folder} ({reason}). The step was "
    "not started and nothing was changed. Free some disk space or move the workspace to a "
    "folder you can write to.",
)
BAD_BACKUP = QT_TRANSLATE_NOOP(
    "errors",
    "{file} cannot be restored: it is not a complete SmallData Studio workspace backup "
    "({reason}). The workspace was not changed.",
)
NO_BACKUPS = QT_TRANSLATE_NOOP("errors", "There are no backups of {path} yet.")
NO_ROOM = QT_TRANSLATE_NOOP(
    "errors",
    "There is not enough free disk space for a safety copy of the workspace in {folder} "
    "(about {need} MB needed, {free} MB free). The step was not started and nothing was "
    "changed. Free some disk space or move the workspace to a larger disk.",
)

# Operation kinds that overwrite or remove customer data, and the reason their automatic
# snapshot is filed under. The storage functions that open these operations (and that the
# GUI tasks and the CLI commands both go through) call before_step() just before
# `ws.operation(...)`: dedup_store.merge_groups, export_store.erase_customer,
# clean_store.apply_plan / replace_values, and workers.usecases.undo.
PROTECTED_KINDS = {
    "merge": "before merge",
    "erase": "before erase",
    "clean": "before clean",  # suggested fixes, recipe runs, notes phones, spelling clusters
    "undo": "before undo",
}
# Kinds whose consecutive steps share one snapshot. The review pane merges one pair per key
# press; a copy of a million-row workspace per key press would take about a second and as
# much disk as the workspace each time, and ten answers would push every older safety copy
# out of the retention limit. Restoring the snapshot taken before the first merge of the run
# takes back the whole run; each merge in it can still be unmerged on its own.
RUN_KINDS = {"merge": frozenset({"merge", "review"})}


@dataclass(frozen=True)
class Backup:
    path: Path
    created_at: datetime
    reason: str  # a short slug: "before-undo", "before-merge", "before-restore", "manual" ...
    size: int

    @property
    def label(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S}  {self.reason}"


def backups_folder(workspace: str | Path) -> Path:
    workspace = Path(workspace)
    return workspace.with_name(workspace.name + FOLDER_SUFFIX)


def _slug(reason: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")
    return slug[:40] or "snapshot"


COPY_PAGES = 512  # pages per backup step (16 MB at 32 KB pages): progress and Cancel between


def _copy_database(source: sqlite3.Connection, target: Path, progress=None, cancel=None) -> None:
    """Write `source` to a new single-file database at `target` (via a .part name).
    progress(fraction) is told as the copy goes; cancel() stops it (Cancelled, no file left)."""
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)

    def step(_status, remaining, total) -> None:
        check_cancel(cancel)
        if progress is not None and total:
            progress(1.0 - remaining / total)

    done = False
    dest = sqlite3.connect(str(part), isolation_level=None)
    try:
        source.backup(dest, pages=COPY_PAGES, progress=step)
        # The copy inherits WAL mode from the header; a backup should be one plain file.
        dest.execute("PRAGMA journal_mode = DELETE")
        done = True
    finally:
        dest.close()
        if not done:
            part.unlink(missing_ok=True)
    os.replace(part, target)


def snapshot(ws: Workspace, reason: str, *, keep: int = KEEP, progress=None,
             cancel=None) -> Path:
    """Copy the workspace's committed state into its backups folder; returns the new file.

    Call it BEFORE opening the operation that destroys data (outside any transaction), e.g.
    `backups.snapshot(ws, "before merge")` then `with ws.operation("merge", ...)`. Raises
    WorkspaceProblem if the copy cannot be written, so the step does not start unprotected.
    `progress(fraction)` follows the copy (seconds for a big workspace); `cancel()` stops it.
    """
    if ws.conn.in_transaction:
        raise RuntimeError("snapshot() must be called outside a transaction")
    folder = backups_folder(ws.path)
    target = folder / f"{datetime.now().strftime(_STAMP)}__{_slug(reason)}.sdbackup"
    try:
        folder.mkdir(exist_ok=True)
        _make_room(ws, folder)
        _copy_database(ws.conn, target, progress, cancel)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            target.with_name(target.name + ".part").unlink(missing_ok=True)
        raise WorkspaceProblem(
            SNAPSHOT_FAILED, folder=str(folder), reason=_reason_text(exc)
        ) from exc
    prune(ws.path, keep=keep)
    return target


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None  # unknown: let the copy itself find out


def _make_room(ws: Workspace, folder: Path) -> None:
    """Never fill the disk with a copy: the step that follows needs room too. Older copies
    make way for the new one if that is enough; if even deleting them all would not make
    room, the step is refused and no copy is deleted."""
    page_count = ws.conn.execute("PRAGMA page_count").fetchone()[0]
    need = page_count * ws.conn.execute("PRAGMA page_size").fetchone()[0]
    required = need + max(need // 2, _HEADROOM_MIN)
    free = _free_bytes(folder)
    if free is None or free >= required:
        return
    oldest_first = list(reversed(list_backups(ws.path)))
    if free + sum(old.size for old in oldest_first) < required:
        raise WorkspaceProblem(NO_ROOM, folder=str(folder), need=-(-required // 1024**2),
                               free=free // 1024**2)
    for old in oldest_first:
        old.path.unlink(missing_ok=True)
        free = _free_bytes(folder)
        if free is None or free >= required:
            return


def before_step(ws: Workspace, kind: str, progress=None, cancel=None) -> Path | None:
    """The automatic snapshot before an operation of `kind`, if that kind needs one.

    Returns the new snapshot, or None when the kind is not destructive or when the newest
    snapshot already protects a run of steps of this kind (RUN_KINDS) with nothing else
    done since. Raises WorkspaceProblem when the copy cannot be written.
    """
    reason = PROTECTED_KINDS.get(kind)
    if reason is None:
        return None
    run = RUN_KINDS.get(kind)
    if run is not None and _newest_covers_run(ws, reason, run):
        return None
    return snapshot(ws, reason, progress=progress, cancel=cancel)


def _newest_covers_run(ws: Workspace, reason: str, kinds: frozenset[str]) -> bool:
    """True if the newest snapshot was taken for `reason` and the workspace has only had
    steps of `kinds` since (read from the operation log, so it holds across sessions)."""
    found = list_backups(ws.path)
    if not found or found[0].reason != _slug(reason):
        return False
    try:
        copy = sqlite3.connect(f"{found[0].path.as_uri()}?mode=ro", uri=True)
        try:
            last = copy.execute(
                "SELECT id, kind, created_at FROM operations ORDER BY id DESC LIMIT 1"
            ).fetchone()
        finally:
            copy.close()
    except sqlite3.Error:
        return False  # unreadable copy: take a fresh one
    if last is None:
        return False
    # The copy must be an earlier state of this very log, not of a file swapped in since.
    same = ws.conn.execute(
        "SELECT 1 FROM operations WHERE id = ? AND kind = ? AND created_at = ?", last
    ).fetchone()
    if same is None:
        return False
    since = {r[0] for r in ws.conn.execute(
        "SELECT DISTINCT kind FROM operations WHERE id > ?", (last[0],))}
    return since <= kinds


def _reason_text(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


def list_backups(workspace: str | Path) -> list[Backup]:
    """Snapshots of `workspace`, newest first. Leftover .part files are not listed."""
    folder = backups_folder(workspace)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        created = datetime.strptime(match["stamp"], _STAMP)
        found.append(Backup(path, created, match["reason"], path.stat().st_size))
    return sorted(found, key=lambda b: b.path.name, reverse=True)


def budget(workspace: str | Path) -> int:
    """Bytes all snapshots of `workspace` may take together (see BUDGET_FACTOR).

    Measured on the newest copy, i.e. the workspace's content when it was taken: the live
    file plus its WAL can be twice that just after a big step."""
    found = list_backups(workspace)
    workspace = Path(workspace)
    size = found[0].size if found else (workspace.stat().st_size if workspace.exists() else 0)
    return max(BUDGET_FLOOR, BUDGET_FACTOR * size)


def prune(workspace: str | Path, *, keep: int = KEEP, max_bytes: int | None = None
          ) -> list[Path]:
    """Keep the newest `keep` snapshots, fewer if together they pass `max_bytes` (default:
    budget(workspace)) but never fewer than KEEP_AT_LEAST; delete the rest and stale .part
    files. Returns what was deleted."""
    max_bytes = budget(workspace) if max_bytes is None else max_bytes
    deleted = []
    total = 0
    for index, old in enumerate(list_backups(workspace)):
        total += old.size
        if index < keep and (index < KEEP_AT_LEAST or total <= max_bytes):
            continue
        old.path.unlink(missing_ok=True)
        deleted.append(old.path)
    for part in backups_folder(workspace).glob("*.part"):
        part.unlink(missing_ok=True)
        deleted.append(part)
    return deleted


def check_backup(backup: str | Path) -> int:
    """The backup's schema version if it is a sound workspace this app can open; else raise."""
    backup = Path(backup)
    if not backup.is_file():
        raise WorkspaceProblem(BAD_BACKUP, file=str(backup), reason="the file does not exist")
    try:
        conn = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            version = schema.user_version(conn)
            has_customers = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'customers'"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise WorkspaceProblem(BAD_BACKUP, file=str(backup), reason=str(exc)) from exc
    if result != "ok":
        raise WorkspaceProblem(BAD_BACKUP, file=str(backup), reason=f"damaged: {result}")
    if not has_customers or version < 1:
        raise WorkspaceProblem(BAD_BACKUP, file=str(backup), reason="no customer tables")
    if version > schema.LATEST_VERSION:
        raise WorkspaceProblem(
            schema.TOO_NEW, path=str(backup), found=version, supported=schema.LATEST_VERSION
        )
    return version


def restore_into(ws: Workspace, backup: str | Path) -> Path:
    """Replace the open workspace's content with `backup`; returns the snapshot of the state
    it had just before, so a restore can itself be undone by restoring that snapshot.

    The copy goes through the backup API on the workspace's own connection while this
    process holds the workspace lock, so no other window can see a half-restored file; if
    the copy fails, SQLite leaves the previous content in place. An older backup is migrated
    to the current schema afterwards (with the usual migration backup).
    """
    check_backup(backup)
    before = snapshot(ws, "before restore", keep=KEEP + 1)
    source = sqlite3.connect(f"{Path(backup).as_uri()}?mode=ro", uri=True)
    try:
        _backup_into(source, ws.conn)
    except sqlite3.OperationalError as exc:
        if "full" in str(exc):
            raise WorkspaceProblem(db.DISK_FULL, path=str(ws.path)) from exc
        raise WorkspaceProblem(db.READ_ONLY, path=str(ws.path)) from exc
    finally:
        source.close()
    ws.migration_backup = schema.migrate(ws.conn, ws.path)
    prune(ws.path)
    return before


def _backup_into(source: sqlite3.Connection, dest: sqlite3.Connection) -> None:
    """source.backup(dest), also when page sizes differ (SQLite refuses that in WAL mode)."""
    source_pages = source.execute("PRAGMA page_size").fetchone()[0]
    dest_pages = dest.execute("PRAGMA page_size").fetchone()[0]
    wal = str(dest.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"
    if source_pages != dest_pages and wal:
        dest.execute("PRAGMA journal_mode = DELETE")
    try:
        source.backup(dest)
    finally:
        if source_pages != dest_pages and wal:
            dest.execute("PRAGMA journal_mode = WAL")


def restore(workspace: str | Path, backup: str | Path) -> Path:
    """Restore `backup` over the workspace file at `workspace` (which must not be open
    elsewhere: the workspace lock is taken first). Returns the pre-restore snapshot."""
    with Workspace.open(workspace, create=False) as ws:
        return restore_into(ws, backup)


def latest_backup(workspace: str | Path) -> Backup:
    found = list_backups(workspace)
    if not found:
        raise WorkspaceProblem(NO_BACKUPS, path=str(Path(workspace)))
    return found[0]
