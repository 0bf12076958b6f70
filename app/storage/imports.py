"""Storing an imported file: import records, raw rows and new customers, in one transaction."""

from __future__ import annotations

import functools
import json
import sqlite3
import threading
from dataclasses import dataclass, field

from app.core.fields import ROLE_KEYS
from app.core.i18n import QT_TRANSLATE_NOOP, Summary
from app.core.progress import ProgressFn, check_cancel, no_progress
from app.storage.values import (
    column_kinds,
    field_column,
    fields_json,
    json_or_none,
    raw_rows_json,
)
from app.storage.workspace import Workspace, now_iso

IMPORTING = QT_TRANSLATE_NOOP("history", "Import {file}")
IMPORTED = QT_TRANSLATE_NOOP("history", "Import {file}: {rows:,} rows")

CUSTOMER_COLUMNS = (
    "id", "raw_row_id", "created_op", *ROLE_KEYS, "alt_phones", "alt_emails", "extra",
    "imported_at",
)


@dataclass
class SheetStored:
    sheet: str
    header_row: int | None
    headers: list[str]
    roles: list[str]
    rows_imported: int
    rows_skipped: list[tuple[int, str]]
    warnings: list[str]


@dataclass
class StoredImport:
    file_name: str
    content_hash: str
    op_id: int | None
    already_imported_at: str | None = None
    sheets: list[SheetStored] = field(default_factory=list)
    skipped_sheets: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def rows_imported(self) -> int:
        return sum(s.rows_imported for s in self.sheets)


def find_previous_import(ws: Workspace, content_hash: str) -> str | None:
    row = ws.conn.execute(
        "SELECT imported_at FROM imports WHERE content_hash = ? ORDER BY id LIMIT 1",
        (content_hash,),
    ).fetchone()
    return row[0] if row else None


def _prepare_chunk(chunk, headers, roles, alt_of):
    """(raw rows as one JSON text, customer columns) for one chunk of rows, worked column by
    column (a million rows would pay a Python call per cell otherwise)."""
    width = len(headers)
    cells = [row for _, row in chunk]
    try:
        columns = list(zip(*cells, strict=True)) if cells else [() for _ in headers]
    except ValueError:  # rows of unequal length (not from our readers): pad them
        cells = [list(row) + [None] * (width - len(row)) if len(row) < width else row
                 for row in cells]
        columns = list(zip(*cells, strict=True))
    kinds = column_kinds(columns)
    raw_json = raw_rows_json([n for n, _ in chunk], columns, kinds, cells)
    empty = [None] * len(chunk)
    role_cols = []
    for key in ROLE_KEYS:
        index = roles.index(key) if key in roles else None
        role_cols.append(empty if index is None else field_column(columns[index], kinds[index]))
    # The fields whose cells include empty ones (the others hold no None, bar a NaN read as
    # a number): _insert_customers looks only at those for the NULLs it binds.
    blanks = [index is not None and _NONE in kinds[index]
              for index in (roles.index(key) if key in roles else None for key in ROLE_KEYS)]
    extra_idx = [i for i, r in enumerate(roles) if r == "extra"]
    extras = empty
    if extra_idx:
        names = [headers[i] for i in extra_idx]
        converted = [field_column(columns[i], kinds[i]) for i in extra_idx]
        extras = fields_json(names, converted)
    alternates = {}
    for target in ("phone", "email"):
        idx = [i for i, h in enumerate(headers) if roles[i] == "extra" and alt_of.get(h) == target]
        if not idx:
            alternates[target] = empty
            continue
        alternates[target] = [
            json_or_none([str(v) for v in vals if v is not None])
            for vals in zip(*(field_column(columns[i], kinds[i]) for i in idx), strict=True)
        ]
    return raw_json, (role_cols, alternates["phone"], alternates["email"], extras, blanks)


_NONE = type(None)


ROWS_PER_INSERT = 1000  # customers per INSERT (fewer where SQLite allows fewer variables)
NULL_SAMPLE = 256  # cells looked at to tell whether a column is worth binding '' for NULL


def _insert_customers(conn, first_id, first_raw, size, op_id, stamp, columns) -> None:
    """One chunk's customers, up to ROWS_PER_INSERT rows per statement (one multi-row
    VALUES): executemany paid ~0.3 us of per-row work in the sqlite3 module (an iteration,
    a tuple, a reset, the GIL let go and taken back) and SQLite a statement run per row;
    at 1M rows this takes ~1 s less. The values are laid out row after row in one flat
    list by slice assignment (no tuple per row).

    Empty fields: the sqlite3 module binds None ~20x slower than a short text (it looks for
    an adapter first), so a column with many empty cells is bound with '' for them and the
    statement turns '' back into NULL (NULLIF). A field value is never '' (field_value
    gives None for an empty text; JSON fields are None or an object or list), so nothing
    else becomes NULL. Columns the file does not have at all are left out of the statement.

    What is the same for every row of the chunk is written into the statement rather than
    bound per row: the step (an int), the time (our own ISO text) and the raw row, a fixed
    distance from the customer's id."""
    role_cols, alt_phones, alt_emails, extras, blanks = columns
    names, values, maybe = _filled(CUSTOMER_COLUMNS[3:-1],
                                   [*role_cols, alt_phones, alt_emails, extras],
                                   [*blanks, True, True, True])
    nulled = []
    for k, (column, may) in enumerate(zip(values, maybe, strict=True)):
        if may and column[:NULL_SAMPLE].count(None) * 10 >= min(len(column), NULL_SAMPLE):
            values[k] = ["" if v is None else v for v in column]
            nulled.append(k)
    width = len(names) + 1
    flat = [None] * (size * width)
    flat[0::width] = range(first_id, first_id + size)
    for k, column in enumerate(values, 1):
        flat[k::width] = column
    per = max(1, min(ROWS_PER_INSERT, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width))
    for start, rows in _batches(size, per):
        sql = _customers_sql(names, tuple(nulled), rows, int(first_raw) - int(first_id),
                             int(op_id), stamp)
        conn.execute(sql, flat[start * width:(start + rows) * width])


def _batches(size: int, per: int):
    """(start, rows) of each INSERT for `size` rows: `per` rows at a time, the rest in
    powers of two. Chunk sizes vary (blank and totals rows are left out), and a statement
    per size would be prepared again for most chunks (a 1,000-row INSERT takes ~1 ms to
    prepare) and fill the statement caches; this way there are a dozen sizes at most."""
    start = 0
    while size - start >= per:
        yield start, per
        start += per
    step = 1 << (size - start).bit_length()
    while start < size:
        step >>= 1
        if size - start >= step:
            yield start, step
            start += step


@functools.lru_cache(maxsize=32)
def _customers_sql(names: tuple, nulled: tuple, rows: int, raw_offset: int, op_id: int,
                   stamp: str) -> str:
    cols = [f"v{k}" for k in range(len(names))]
    picked = [f"NULLIF({c}, '')" if k in nulled else c for k, c in enumerate(cols)]
    one = "(" + ", ".join(["?"] * (len(names) + 1)) + ")"
    stamp_sql = "'" + str(stamp).replace("'", "''") + "'"
    return (f"WITH v(i, {', '.join(cols)}) AS (VALUES {', '.join([one] * rows)}) "
            f"INSERT INTO customers (id, raw_row_id, created_op, imported_at, {', '.join(names)}) "
            f"SELECT i, i + {raw_offset}, {op_id}, {stamp_sql}, {', '.join(picked)} FROM v")


def _filled(names, columns, *aligned):
    """The (names, columns, *aligned) that hold a value in this chunk: a million rows bind
    no NULLs for the fields a file does not have (binding and storing them cost a third of
    the customers' insert)."""
    keep = [i for i, col in enumerate(columns)
            if (col and col[0] is not None) or col.count(None) != len(col)]
    return (tuple(names[i] for i in keep), [columns[i] for i in keep],
            *([items[i] for i in keep] for items in aligned))


class _RawWriter:
    """Runs each chunk's raw-rows INSERT on a helper thread.

    That statement is a single SQLite call (json_each) that releases the GIL for its whole
    run, so it overlaps with the caller walking and converting the next chunk in Python. The
    customers' INSERTs stay on the caller's thread and run only when no raw insert is
    running: binding their values needs the GIL, and a helper thread gets it back from a
    busy caller only after a switch interval (5 ms), twice per statement. Tried: the
    customers on this thread too gave no gain at 1M rows (18.4-21.2 s against 17.2-21.2 s,
    load 0.8-1.9) and ~1.5 s more CPU. One insert is in flight at a time, so the customers
    of a chunk always find their raw rows (foreign key), and nothing runs on the connection
    once the caller leaves (error, Cancel).
    """

    def __init__(self, conn):
        self.conn = conn
        self.pending: threading.Thread | None = None
        self.error: BaseException | None = None

    def start(self, first_id: int, import_id: int, raw_json: tuple[int | None, bytes]) -> None:
        self.wait()
        first_number, text = raw_json

        # CAST: the JSON arrives as bytes, which bind as a BLOB, and SQLite 3.45+ reads a
        # BLOB handed to its json functions as its binary JSONB format.
        def run() -> None:
            try:
                if first_number is not None:  # rows numbered first_number, first_number + 1, …
                    self.conn.execute(
                        "INSERT INTO raw_rows (id, import_id, row_number, cells) "
                        "SELECT ? + key, ?, ? + key, value FROM json_each(CAST(? AS TEXT))",
                        (first_id, import_id, first_number, text),
                    )
                else:  # [row number, cells] pairs
                    self.conn.execute(
                        "INSERT INTO raw_rows (id, import_id, row_number, cells) "
                        "SELECT ? + key, ?, json_extract(value, '$[0]'), "
                        "json_extract(value, '$[1]') FROM json_each(CAST(? AS TEXT))",
                        (first_id, import_id, text),
                    )
            except BaseException as exc:  # re-raised on the caller's thread by wait()
                self.error = exc

        self.pending = threading.Thread(target=run, name="import-writer", daemon=True)
        self.pending.start()

    def wait(self) -> None:
        if self.pending is not None:
            self.pending.join()
            self.pending = None
        if self.error is not None:
            error, self.error = self.error, None
            raise error


def store_import(
    ws: Workspace,
    imported,
    *,
    progress: ProgressFn | None = None,
    cancel=None,
    total_rows: int | None = None,
) -> StoredImport:
    """Write `imported` (core.importing.ImportedFile) into the workspace as one operation.

    Rows are consumed chunk by chunk as the reader yields them, so storing overlaps reading and
    memory stays bounded. Cancel or any error rolls everything back.
    """
    progress = progress or no_progress
    previous = find_previous_import(ws, imported.content_hash)
    report = StoredImport(imported.file_name, imported.content_hash, None)
    report.skipped_sheets = list(getattr(imported, "skipped_sheets", []))
    report.warnings = list(getattr(imported, "warnings", []))
    if previous is not None:
        report.already_imported_at = previous
        return report

    stamp = now_iso()
    done = 0
    summary = Summary(IMPORTING, file=imported.file_name)
    with ws.operation("import", summary, {"file": imported.file_name}) as op:
        conn = op.conn
        next_raw = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM raw_rows").fetchone()[0]
        next_cust = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM customers").fetchone()[0]
        for table in imported.sheets:
            headers = list(table.headers)
            roles = list(table.roles)
            alt_of = dict(getattr(table, "alternate_of", {}) or {})
            cur = conn.execute(
                "INSERT INTO imports (op_id, file_name, file_path, content_hash, sheet, "
                "header_row, headers, roles, imported_at, rows_read, rows_imported, "
                "rows_skipped, skipped, warnings) VALUES (?,?,?,?,?,?,?,?,?,0,0,0,NULL,NULL)",
                (
                    op.id, imported.file_name, str(getattr(imported, "path", "") or ""),
                    imported.content_hash, table.sheet, table.header_row,
                    json.dumps(headers, ensure_ascii=False), json.dumps(roles), stamp,
                ),
            )
            import_id = cur.lastrowid
            count = 0
            writer = _RawWriter(conn)
            waiting = None  # the customers of the chunk whose raw rows are being written
            chunks = iter(table.rows)
            try:
                for chunk in chunks:
                    check_cancel(cancel)
                    if not chunk:
                        continue
                    size = len(chunk)
                    raw_json, columns = _prepare_chunk(chunk, headers, roles, alt_of)
                    del chunk
                    writer.wait()
                    if waiting is not None:
                        _insert_customers(conn, *waiting)
                    writer.start(next_raw, import_id, raw_json)
                    waiting = (next_cust, next_raw, size, op.id, stamp, columns)
                    next_raw += size
                    next_cust += size
                    count += size
                    done += size
                    if total_rows:
                        progress(min(done / total_rows, 0.99), f"{done:,} rows stored")
                    else:
                        progress(0.5, f"{done:,} rows stored")
                writer.wait()
                if waiting is not None:
                    _insert_customers(conn, *waiting)
            finally:
                # On an error or Cancel: let a running insert end before the rollback, and
                # let the reader go now rather than at the next garbage collection.
                if writer.pending is not None:
                    writer.pending.join()
                if hasattr(chunks, "close"):
                    chunks.close()
            skipped = list(getattr(table, "skipped_rows", []) or [])
            # Kept as they come (a core Notice translates in the GUI); stored as English text.
            warnings = list(getattr(table, "warnings", []) or [])
            conn.execute(
                "UPDATE imports SET rows_read = ?, rows_imported = ?, rows_skipped = ?, "
                "skipped = ?, warnings = ? WHERE id = ?",
                (
                    count + len(skipped), count, len(skipped),
                    json.dumps(skipped, ensure_ascii=False),
                    json.dumps([str(w) for w in warnings], ensure_ascii=False), import_id,
                ),
            )
            report.sheets.append(
                SheetStored(table.sheet, table.header_row, headers, roles, count, skipped, warnings)
            )
        op.summary = Summary(IMPORTED, file=imported.file_name, rows=report.rows_imported)
        op.params = {
            "file": imported.file_name,
            "sheets": [s.sheet for s in report.sheets],
            "rows": report.rows_imported,
        }
        report.op_id = op.id
    progress(1.0, "")
    return report


def list_imports(ws: Workspace) -> list[dict]:
    cur = ws.conn.execute(
        "SELECT id, op_id, file_name, sheet, header_row, headers, roles, imported_at, "
        "rows_read, rows_imported, rows_skipped, skipped, warnings FROM imports ORDER BY id"
    )
    names = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        item = dict(zip(names, row, strict=True))
        for key in ("headers", "roles", "skipped", "warnings"):
            item[key] = json.loads(item[key]) if item[key] else []
        out.append(item)
    return out
