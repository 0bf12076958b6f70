"""Storing an imported file: import records, raw rows and new customers, in one transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from app.core.fields import ROLE_KEYS
from app.core.progress import ProgressFn, check_cancel, no_progress
from app.storage.values import field_value, json_or_none, raw_cells_json
from app.storage.workspace import Workspace, now_iso

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


def _customer_row(cells, roles, headers, alt_of) -> tuple[dict, list, list, dict]:
    fields: dict = {}
    alt_phones: list = []
    alt_emails: list = []
    extra: dict = {}
    for value, role, header in zip(cells, roles, headers, strict=False):
        value = field_value(value)
        if role in ROLE_KEYS:
            if value is not None:
                fields[role] = value
        elif role == "extra" and value is not None:
            target = alt_of.get(header)
            if target == "phone":
                alt_phones.append(str(value))
            elif target == "email":
                alt_emails.append(str(value))
            # Alternates are kept under their own header too, so nothing is reshaped away.
            extra[header] = value
    return fields, alt_phones, alt_emails, extra


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
    summary = f"Import {imported.file_name}"
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
            for chunk in table.rows:
                check_cancel(cancel)
                raw_batch = []
                customer_batch = []
                for row_number, cells in chunk:
                    raw_batch.append((next_raw, import_id, row_number, raw_cells_json(cells)))
                    fields, alt_phones, alt_emails, extra = _customer_row(
                        cells, roles, headers, alt_of
                    )
                    customer_batch.append(
                        (
                            next_cust, next_raw, op.id,
                            *(fields.get(k) for k in ROLE_KEYS),
                            json_or_none(alt_phones), json_or_none(alt_emails),
                            json_or_none(extra), stamp,
                        )
                    )
                    next_raw += 1
                    next_cust += 1
                conn.executemany(
                    "INSERT INTO raw_rows (id, import_id, row_number, cells) VALUES (?,?,?,?)",
                    raw_batch,
                )
                conn.executemany(insert_customer, customer_batch)
                count += len(raw_batch)
                done += len(raw_batch)
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
        op.summary = f"Import {imported.file_name}: {report.rows_imported:,} rows"
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
