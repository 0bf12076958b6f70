"""Safety copies of a workspace: automatic snapshots before destructive steps, and restore.

Snapshots live in `<workspace>.backups/` next to the workspace (e.g. `customers.sdstudio.backups/`)
so they travel with it when the user copies the folder. Each one is a complete, self-contained
SQLite file written with the backup API (never shutil on a live database), first under a
`.part` name and then renamed, so a crash never leaves a half snapshot that looks complete.
Only the newest KEEP snapshots are kept.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.core.errors import WorkspaceProblem
from app.core.i18n import QT_TRANSLATE_NOOP
from app.storage import db, schema
from app.storage.workspace import Workspace

KEEP = 10
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


def _copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Write `source` to a new single-file database at `target` (via a .part name)."""
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    dest = sqlite3.connect(str(part), isolation_level=None)
    try:
        source.backup(dest)
        # The copy inherits WAL mode from the header; a backup should be one plain file.
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    os.replace(part, target)


def snapshot(ws: Workspace, reason: str, *, keep: int = KEEP) -> Path:
    """Copy the workspace's committed state into its backups folder; returns the new file.

    Call it BEFORE opening the operation that destroys data (outside any transaction), e.g.
    `backups.snapshot(ws, "before merge")` then `with ws.operation("merge", ...)`. Raises
    WorkspaceProblem if the copy cannot be written, so the step does not start unprotected.
    """
    if ws.conn.in_transaction:
        raise RuntimeError("snapshot() must be called outside a transaction")
    folder = backups_folder(ws.path)
    target = folder / f"{datetime.now().strftime(_STAMP)}__{_slug(reason)}.sdbackup"
    try:
        folder.mkdir(exist_ok=True)
        _copy_database(ws.conn, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            target.with_name(target.name + ".part").unlink(missing_ok=True)
        raise WorkspaceProblem(
            SNAPSHOT_FAILED, folder=str(folder), reason=_reason_text(exc)
        ) from exc
    prune(ws.path, keep=keep)
    return target


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


def prune(workspace: str | Path, *, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest `keep` snapshots (and stale .part files); returns deleted."""
    deleted = []
    for old in list_backups(workspace)[keep:]:
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
