"""The workspace: one SQLite file holding imports, raw rows, customers and the operation log."""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from app.core.errors import WorkspaceProblem
from app.core.i18n import Summary
from app.storage import db, schema

WORKSPACE_SUFFIX = ".sdstudio"


# params key holding a Summary's template and arguments (absent in older workspaces).
SUMMARY_KEY = "_summary"


def log_text(summary: str, params: dict | None) -> tuple[str, str]:
    """(summary column, params JSON) for an operation-log row."""
    params = dict(params or {})
    if isinstance(summary, Summary):
        params[SUMMARY_KEY] = summary.to_json()
    return str(summary), json.dumps(params, ensure_ascii=False)


def stored_summary(text: str, params: dict) -> str:
    """The summary of a log row: a Summary when its template was stored, else the plain
    (English) text; takes SUMMARY_KEY out of `params`."""
    data = params.pop(SUMMARY_KEY, None)
    if isinstance(data, dict):
        try:
            return Summary.from_json(data)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    return text


def same_value(a, b) -> bool:
    """Equal as SQLite keeps them (0 == False == None is not the same cell)."""
    return a == b and (a is None) == (b is None)


def now_iso() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _refuse_newer(path: Path) -> None:
    """Refuse a workspace from a newer app before connect() switches it to WAL, which would
    rewrite its header: "the file was not changed" must stay true."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        probe = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            found = schema.user_version(probe)
        finally:
            probe.close()
    except sqlite3.DatabaseError:
        return  # not readable as SQLite: connect() gives the plain message
    if found > schema.LATEST_VERSION:
        raise WorkspaceProblem(
            schema.TOO_NEW, path=str(path), found=found, supported=schema.LATEST_VERSION
        )


class Workspace:
    """An open workspace. Holds the one-writer lock until close()."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: db.WorkspaceLock) -> None:
        self.path = path
        self.conn = conn
        self._lock = lock
        self.migration_backup: Path | None = None

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, lock: bool = True) -> Workspace:
        """lock=False only for a job's child process (app/workers/child.py): the window's
        process holds the session lock and waits for the child, the only writer meanwhile."""
        path = Path(path).expanduser().resolve()
        if not path.exists() and not create:
            raise WorkspaceProblem(db.NOT_FOUND, path=str(path))
        if path.exists() and path.is_dir():
            raise WorkspaceProblem(db.NOT_A_WORKSPACE, path=str(path))
        held = db.WorkspaceLock(path)
        if lock:
            held.acquire(path)
        try:
            _refuse_newer(path)
            conn = db.connect(path)
            try:
                backup = schema.migrate(conn, path)
            except sqlite3.DatabaseError as exc:
                conn.close()
                if "not a database" in str(exc) or "file is encrypted" in str(exc):
                    raise WorkspaceProblem(db.NOT_A_WORKSPACE, path=str(path)) from exc
                if "readonly" in str(exc) or "disk" in str(exc):
                    raise WorkspaceProblem(db.READ_ONLY, path=str(path)) from exc
                raise
            except BaseException:
                conn.close()
                raise
        except BaseException:
            held.release()
            raise
        ws = cls(path, conn, held)
        ws.migration_backup = backup
        return ws

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self):
        try:
            with db.transaction(self.conn):
                yield self.conn
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if "full" in text:
                raise WorkspaceProblem(db.DISK_FULL, path=str(self.path)) from exc
            if "readonly" in text or "disk" in text:
                raise WorkspaceProblem(db.READ_ONLY, path=str(self.path)) from exc
            raise

    @contextmanager
    def operation(self, kind: str, summary: str, params: dict | None = None):
        """One user operation = one transaction + one operation-log entry.

        `summary` (or `op.summary`, set inside) may be a core.i18n.Summary: its English text
        goes to the summary column, its template and arguments into params under
        SUMMARY_KEY, so History can show the line in the user's language."""
        with self.transaction() as conn:
            text, stored = log_text(summary, params)
            cur = conn.execute(
                "INSERT INTO operations (kind, summary, params, created_at) VALUES (?, ?, ?, ?)",
                (kind, text, stored, now_iso()),
            )
            op = Operation(conn, cur.lastrowid)
            yield op
            text, stored = log_text(op.summary or summary, op.params or params)
            conn.execute(
                "UPDATE operations SET summary = ?, params = ? WHERE id = ?",
                (text, stored, op.id),
            )

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


class Operation:
    """Records before/after images of the rows an operation touches, for undo.

    Used inside Workspace.operation(); every write goes through these methods so undo can
    restore the exact previous state.
    """

    def __init__(self, conn: sqlite3.Connection, op_id: int) -> None:
        self.conn = conn
        self.id = op_id
        self.summary: str | None = None
        self.params: dict | None = None

    def _row(self, table: str, row_id: int) -> dict | None:
        cur = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    def _log(self, table: str, row_id: int, before: dict | None, after: dict | None) -> None:
        self.conn.execute(
            "INSERT INTO op_changes (op_id, tbl, row_id, before, after) VALUES (?, ?, ?, ?, ?)",
            (
                self.id,
                table,
                row_id,
                None if before is None else json.dumps(before, ensure_ascii=False),
                None if after is None else json.dumps(after, ensure_ascii=False),
            ),
        )

    def insert(self, table: str, values: dict) -> int:
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cur = self.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values())
        )
        row_id = cur.lastrowid
        self._log(table, row_id, None, self._row(table, row_id))
        return row_id

    def update(self, table: str, row_id: int, values: dict) -> None:
        before = self._row(table, row_id)
        if before is None:
            raise KeyError(f"{table} {row_id} does not exist")
        if all(before.get(k) == v for k, v in values.items()):
            return
        sets = ", ".join(f"{k} = ?" for k in values)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), row_id])
        self._log(table, row_id, before, self._row(table, row_id))

    def update_many(self, table: str, updates: dict[int, dict], batch: int = 500) -> int:
        """Apply {row_id: {column: value}}; returns rows actually changed.

        A statement per set of columns changed and one for the history images, per batch
        (executemany), not two per row: merging 94k groups wrote 199k rows this way."""
        changed = 0
        ids = list(updates)
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            befores = self._rows(table, chunk)
            by_columns: dict[tuple, list] = {}
            images = []
            for row_id in chunk:
                before = befores.get(row_id)
                values = updates[row_id]
                if before is None or all(before.get(k) == v for k, v in values.items()):
                    continue
                by_columns.setdefault(tuple(values), []).append((*values.values(), row_id))
                after = dict(before)
                after.update(values)
                images.append((row_id, before, after))
            for columns, params in by_columns.items():
                sets = ", ".join(f"{k} = ?" for k in columns)
                self.conn.executemany(f"UPDATE {table} SET {sets} WHERE id = ?", params)
            self._log_many(table, images)
            changed += len(images)
        return changed

    # ---- bulk forms for undo/redo of big steps: same images, a statement per 900 rows ----
    def _log_many(self, table: str, images: list[tuple[int, dict | None, dict | None]]) -> None:
        encode = json.JSONEncoder(ensure_ascii=False).encode
        self.conn.executemany(
            "INSERT INTO op_changes (op_id, tbl, row_id, before, after) VALUES (?, ?, ?, ?, ?)",
            ((self.id, table, row_id, None if b is None else encode(b),
              None if a is None else encode(a)) for row_id, b, a in images),
        )

    def _rows(self, table: str, ids: list[int], columns: str = "*") -> dict[int, dict]:
        marks = ",".join("?" for _ in ids)
        cur = self.conn.execute(f"SELECT {columns} FROM {table} WHERE id IN ({marks})", ids)
        names = [d[0] for d in cur.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}

    def delete_many(self, table: str, ids: list[int]) -> None:
        """Delete rows (in the order given), logging each full row as its before image."""
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            befores = self._rows(table, chunk)
            gone = [row_id for row_id in chunk if row_id in befores]
            self.conn.executemany(f"DELETE FROM {table} WHERE id = ?", ((i,) for i in gone))
            self._log_many(table, [(i, befores[i], None) for i in gone])

    def insert_many(self, table: str, rows: list[dict]) -> None:
        """Insert full rows (ids included), logging each as its after image."""
        by_columns: dict[tuple, list[dict]] = {}
        for values in rows:
            by_columns.setdefault(tuple(values), []).append(values)
        for columns, group in by_columns.items():
            marks = ", ".join("?" for _ in columns)
            self.conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                (tuple(v[c] for c in columns) for v in group),
            )
            for start in range(0, len(group), 900):
                chunk = [v["id"] for v in group[start:start + 900]]
                afters = self._rows(table, chunk)
                self._log_many(table, [(i, None, afters[i]) for i in chunk])

    def restore_many(self, table: str, items: list[tuple[int, dict]]) -> None:
        """Set the given columns of existing rows; logs only the columns that change (plus
        id), before and after, as a bulk clean does."""
        by_columns: dict[tuple, list[tuple[int, dict]]] = {}
        for row_id, values in items:
            columns = tuple(k for k in values if k != "id")
            by_columns.setdefault(columns, []).append((row_id, values))
        for columns, group in by_columns.items():
            if not columns:
                continue
            for start in range(0, len(group), 900):
                chunk = group[start:start + 900]
                current = self._rows(table, [i for i, _ in chunk], "id, " + ", ".join(columns))
                changes = []
                for row_id, values in chunk:
                    now = current.get(row_id)
                    if now is None:
                        raise KeyError(f"{table} {row_id} does not exist")
                    changed = [c for c in columns if not same_value(now[c], values[c])]
                    if changed:
                        changes.append((row_id, {c: now[c] for c in changed},
                                        {c: values[c] for c in changed}))
                self.write_changes(table, changes)

    def write_changes(self, table: str, changes: list[tuple[int, dict, dict]]) -> None:
        """Write rows' changed columns, given as (row id, {column: old}, {column: new}): one
        UPDATE per set of changed columns, and the old and new values (plus id) as the
        step's images for undo."""
        by_columns: dict[tuple, list] = {}
        for row_id, _before, after in changes:
            by_columns.setdefault(tuple(after), []).append((*after.values(), row_id))
        for names, params in by_columns.items():
            sets = ", ".join(f"{k} = ?" for k in names)
            self.conn.executemany(f"UPDATE {table} SET {sets} WHERE id = ?", params)
        # The images are {"id": row, **columns}, spliced as text: json.dumps of the merged
        # dict gives the same string, but building a million merged dicts costs a third of it.
        encode = json.JSONEncoder(ensure_ascii=False).encode
        self.conn.executemany(
            "INSERT INTO op_changes (op_id, tbl, row_id, before, after) VALUES (?, ?, ?, ?, ?)",
            [(self.id, table, row_id, f'{{"id": {row_id}, {encode(before)[1:]}',
              f'{{"id": {row_id}, {encode(after)[1:]}') for row_id, before, after in changes],
        )

    def delete(self, table: str, row_id: int) -> None:
        before = self._row(table, row_id)
        if before is None:
            return
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        self._log(table, row_id, before, None)
