"""Storing an imported file: import records, raw rows and new customers, in one transaction."""

from __future__ import annotations

import json
import queue
import threading
from contextlib import closing
from dataclasses import dataclass, field
from itertools import repeat

from app.core.fields import ROLE_KEYS
from app.core.i18n import QT_TRANSLATE_NOOP, Summary
from app.core.progress import ProgressFn, check_cancel, no_progress
from app.storage.values import field_column, json_or_none, raw_cells_json
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


def _chunk_columns(chunk, headers, roles, alt_of):
    """Customer columns for one chunk of rows, converted column by column (fast for 1M rows)."""
    width = len(headers)
    cells = [row + [None] * (width - len(row)) if len(row) < width else row for _, row in chunk]
    columns = list(zip(*cells, strict=True)) if cells else [() for _ in headers]
    empty = [None] * len(chunk)
    role_cols = []
    for key in ROLE_KEYS:
        index = roles.index(key) if key in roles else None
        role_cols.append(empty if index is None else field_column(columns[index]))
    extra_idx = [i for i, r in enumerate(roles) if r == "extra"]
    extras = empty
    if extra_idx:
        names = [headers[i] for i in extra_idx]
        converted = [field_column(columns[i]) for i in extra_idx]
        extras = [
            json_or_none({h: v for h, v in zip(names, vals, strict=True) if v is not None})
            for vals in zip(*converted, strict=True)
        ]
    alternates = {}
    for target in ("phone", "email"):
        idx = [i for i, h in enumerate(headers) if roles[i] == "extra" and alt_of.get(h) == target]
        if not idx:
            alternates[target] = empty
            continue
        alternates[target] = [
            json_or_none([str(v) for v in vals if v is not None])
            for vals in zip(*(field_column(columns[i]) for i in idx), strict=True)
        ]
    return role_cols, alternates["phone"], alternates["email"], extras


_DONE = object()


def _prepared(chunks, headers, roles, alt_of, cancel):
    """Read and convert chunks on a helper thread while the caller writes the previous one.

    SQLite releases the GIL while it inserts, so reading the sheet and building rows overlap
    with writing them; the queue holds at most two chunks, which bounds memory.
    """
    out: queue.Queue = queue.Queue(maxsize=2)
    stop = threading.Event()

    def hand_over(item) -> None:
        # Never a blocking put: once the consumer has stopped (an error, Cancel, a full disk)
        # nobody drains the queue, and a blocked put would hang its join() below for ever.
        while not stop.is_set():
            try:
                out.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def produce() -> None:
        try:
            for chunk in chunks:
                if stop.is_set() or (cancel is not None and cancel()):
                    break
                if not chunk:
                    continue
                hand_over((
                    len(chunk),
                    [n for n, _ in chunk],
                    [raw_cells_json(c) for _, c in chunk],
                    _chunk_columns(chunk, headers, roles, alt_of),
                ))
        except BaseException as exc:  # handed to the consumer, which re-raises it
            hand_over(exc)
            return
        hand_over(_DONE)

    worker = threading.Thread(target=produce, name="import-reader", daemon=True)
    worker.start()
    try:
        while True:
            item = out.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()


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
        marks = ", ".join("?" for _ in CUSTOMER_COLUMNS)
        insert_customer = f"INSERT INTO customers ({', '.join(CUSTOMER_COLUMNS)}) VALUES ({marks})"
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
            # closing(): on an error or Cancel the reader thread stops now, not at next GC.
            with closing(_prepared(table.rows, headers, roles, alt_of, cancel)) as prepared:
                for size, row_numbers, raw_json, columns in prepared:
                    check_cancel(cancel)
                    raw_ids = range(next_raw, next_raw + size)
                    conn.executemany(
                        "INSERT INTO raw_rows (id, import_id, row_number, cells) VALUES (?,?,?,?)",
                        zip(raw_ids, repeat(import_id), row_numbers, raw_json),
                    )
                    role_cols, alt_phones, alt_emails, extras = columns
                    conn.executemany(
                        insert_customer,
                        zip(range(next_cust, next_cust + size), raw_ids, repeat(op.id), *role_cols,
                            alt_phones, alt_emails, extras, repeat(stamp)),
                    )
                    next_raw += size
                    next_cust += size
                    count += size
                    done += size
                    if total_rows:
                        progress(min(done / total_rows, 0.99), f"{done:,} rows stored")
                    else:
                        progress(0.5, f"{done:,} rows stored")
            skipped = list(getattr(table, "skipped_rows", []) or [])
            warnings = [str(w) for w in (getattr(table, "warnings", []) or [])]
            conn.execute(
                "UPDATE imports SET rows_read = ?, rows_imported = ?, rows_skipped = ?, "
                "skipped = ?, warnings = ? WHERE id = ?",
                (
                    count + len(skipped), count, len(skipped),
                    json.dumps(skipped, ensure_ascii=False),
                    json.dumps(warnings, ensure_ascii=False), import_id,
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
