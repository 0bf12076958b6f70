"""Use cases: core + storage put together, Qt-free. The CLI calls these directly and the GUI
calls the same functions through the task runner (one serialized DB thread)."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

from app.core import importing
from app.core.progress import ProgressFn, check_cancel, no_progress, sub_progress
from app.storage import backups, oplog
from app.storage.customers import active_count, load_customers
from app.storage.imports import StoredImport, find_previous_import, store_import
from app.storage.workspace import Workspace
from app.workers.collector import quiet


def preview_file(path: str | Path, *, sheet: str | None = None, header_row: int | None = None):
    """What the import page shows before importing (core.importing.inspect_file)."""
    return importing.inspect_file(Path(path), sheet=sheet, header_row=header_row)


def import_files(
    ws: Workspace,
    paths: list[str | Path],
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    mapping: dict | None = None,
    progress: ProgressFn | None = None,
    cancel=None,
) -> list[StoredImport]:
    """Import each file as its own operation (a bad file does not undo the good ones).

    `mapping` ({header: role}) applies to every file; the import page passes one file at a
    time with its own choices (app/workers/import_job.py).
    """
    # No full collection mid-import (app/workers/collector.py), as for every job the GUI
    # runs: the CLI and the child process that imports big workbooks call this directly,
    # and a million rows made ~40 full passes over the heap (~0.5 s at 1M rows). No young
    # collections either: an import makes millions of rows and tuples that die by reference
    # counting a chunk later, after surviving a young pass or two (~0.4 s CPU at 1M rows).
    with quiet, _no_collections():
        return _import_files(ws, paths, sheet, header_row, mapping, progress or no_progress,
                             cancel)


@contextmanager
def _no_collections():
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _import_files(ws, paths, sheet, header_row, mapping, progress, cancel) -> list[StoredImport]:
    reports = []
    for index, path in enumerate(paths):
        check_cancel(cancel)
        part = sub_progress(progress, index / len(paths), (index + 1) / len(paths))
        path = Path(path)
        imported = importing.read_file(
            path,
            sheet=sheet,
            header_row=header_row,
            mapping=mapping,
            progress=sub_progress(part, 0.0, 0.05),
            cancel=cancel,
        )
        if find_previous_import(ws, imported.content_hash):
            reports.append(store_import(ws, imported))
            continue
        reports.append(
            store_import(
                ws,
                imported,
                progress=sub_progress(part, 0.05, 1.0),
                cancel=cancel,
                total_rows=getattr(imported, "total_rows", None),
            )
        )
        # An erased person coming back is flagged, never silently restored (issue 6). Most
        # workspaces never erased anyone: then the export module is not even loaded (0.1 s).
        if ws.conn.execute("SELECT 1 FROM suppression WHERE identity_hash IS NOT NULL "
                           "LIMIT 1").fetchone():
            from app.workers.export_tasks import flag_erased_reimports

            flag_erased_reimports(ws, reports[-1].op_id)
    progress(1.0, "")
    return reports


def customers_frame(ws: Workspace):
    return load_customers(ws)


def customer_count(ws: Workspace) -> int:
    return active_count(ws)


def workspace_status(ws: Workspace) -> tuple[int, float | None, bool]:
    """What the status bar always shows: customers, last quality score, whether it is stale."""
    from app.storage.clean_store import score_status

    return (active_count(ws), *score_status(ws))


def history(ws: Workspace):
    return oplog.history(ws)


def undo(ws: Workspace, op_id: int | None = None):
    # Undoing an import deletes customers: keep a safety copy first (app/storage/backups.py).
    backups.before_step(ws, "undo")
    return oplog.undo(ws, op_id)


def full_dump_frame(ws: Workspace):
    """The machine-readable dump of ARCHITECTURE.md: customer_id, source_rows, role fields,
    extra columns, flags; then, once computed, recency_days, frequency, monetary, rfm_score,
    rfm_segment, cluster, persona and tags (issue 5)."""
    import pandas as pd

    from app.core.fields import ROLE_KEYS
    from app.storage.customers import extra_headers
    from app.workers.segment_tasks import segment_columns

    frame = load_customers(ws)
    out = pd.DataFrame({"customer_id": frame["customer_id"]})
    out["source_rows"] = [";".join(rows) for rows in frame["source_rows"]]
    for key in ROLE_KEYS:
        if key in frame.columns:
            out[key] = [_dump_value(key, v) for v in frame[key]]
    for header in extra_headers(ws):
        name = header if header not in out.columns else f"{header} (extra)"
        out[name] = [_dump_value(None, (extra or {}).get(header)) for extra in frame["extra"]]
    out["flags"] = [
        ";".join(f"{field}:{reason}" for field, reason in (flags or {}).items())
        for flags in frame["flags"]
    ]
    computed = segment_columns(ws, frame["customer_id"])
    if not any(computed["tags"]):
        computed = computed.drop(columns="tags")
    for column in computed.columns:
        out[column if column not in out.columns else f"{column} (segment)"] = \
            computed[column].to_numpy()
    return out


def _dump_value(key, value):
    if value is None:
        return ""
    if key == "consent" and isinstance(value, (bool, int)) and value in (0, 1):
        return "yes" if value else "no"
    return value


def export_full_csv(ws: Workspace, path: Path, *, progress=None, cancel=None) -> int:
    """UTF-8 with BOM, role keys as headers, formula-like cells neutralised, written atomically."""
    from app.core.export.csv_writer import write_table_csv
    from app.core.export.table import Table

    frame = full_dump_frame(ws)
    columns = list(frame.columns)
    rows = frame.astype(object).where(frame.notna(), "").values.tolist()
    table = Table(columns, columns, rows, list(frame["customer_id"]))
    write_table_csv(table, path, progress=progress, cancel=cancel)
    return len(frame)
