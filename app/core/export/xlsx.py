"""Excel .xlsx writer: formatted header, frozen first row, autofilter, fitted column widths,
every string written as a text cell (never a formula)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from app.core.export.atomic import atomic_path
from app.core.export.escaping import is_dangerous
from app.core.export.report import ExportReport, RowIssue
from app.core.export.table import Table, build_table
from app.core.export.textwidth import display_width
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.progress import ProgressFn, check_cancel, no_progress

CELL_LIMIT = 32_767  # Excel's maximum characters in one cell
MIN_WIDTH, MAX_WIDTH = 6, 60
WIDTH_SAMPLE = 2_000  # rows looked at to fit column widths
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_BORDER = Border(bottom=Side(style="thin", color="7F7F7F"))

TRUNCATED = QT_TRANSLATE_NOOP(
    "export", "{count} cell(s) longer than Excel's 32,767 characters were cut short."
)
CONTROL_CHARS = QT_TRANSLATE_NOOP(
    "export", "{count} cell(s) held control characters Excel cannot store; they were removed."
)


def write_xlsx(
    customers: pd.DataFrame,
    path: str | os.PathLike,
    columns: Sequence[str] | None = None,
    *,
    header: str = "en",
    sheet_title: str = "Customers",
    progress: ProgressFn | None = None,
    cancel=None,
) -> ExportReport:
    table = build_table(customers, columns, header)
    return write_table_xlsx(table, path, sheet_title=sheet_title, progress=progress, cancel=cancel)


def write_table_xlsx(
    table: Table,
    path: str | os.PathLike,
    *,
    fmt: str = "xlsx",
    sheet_title: str = "Customers",
    progress: ProgressFn | None = None,
    cancel=None,
) -> ExportReport:
    progress = progress or no_progress
    report = ExportReport(path=None, format=fmt, columns=list(table.headers))
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title[:31]
    widths = [display_width(h) for h in table.headers]
    for c, title in enumerate(table.headers, start=1):
        cell = ws.cell(row=1, column=c, value=title)
        cell.data_type = "s"
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = HEADER_BORDER
        cell.alignment = Alignment(vertical="center")
    removed = 0
    total = max(len(table.rows), 1)
    for r, values in enumerate(table.rows, start=2):
        if r % 500 == 0:
            check_cancel(cancel)
            progress(r / total, "")
        for c, value in enumerate(values, start=1):
            if value is None:
                continue
            if isinstance(value, int) and abs(value) >= 10**15:
                value = str(value)  # Excel keeps 15 significant digits; keep the text exact
            if isinstance(value, str):
                clean = ILLEGAL_CHARACTERS_RE.sub("", value)
                removed += clean != value
                if len(clean) > CELL_LIMIT:
                    report.shortened.append(
                        RowIssue(table.customer_ids[r - 2], "cell_limit", table.keys[c - 1],
                                 f"{len(clean)} characters")
                    )
                    clean = clean[:CELL_LIMIT]
                cell = ws.cell(row=r, column=c, value=clean)
                cell.data_type = "s"  # a string is text, even when it starts with "="
                if is_dangerous(clean):
                    cell.quotePrefix = True  # Excel keeps it text when the cell is edited
                    report.escaped_cells += 1
            else:
                cell = ws.cell(row=r, column=c, value=value)
            if r - 2 < WIDTH_SAMPLE:
                first_line = str(value).split("\n", 1)[0]
                widths[c - 1] = max(widths[c - 1], display_width(first_line))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    ws.freeze_panes = "A2"
    if table.headers:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(table.headers))}{len(table.rows) + 1}"
    if report.shortened:
        report.warnings.append(TRUNCATED.format(count=len(report.shortened)))
    if removed:
        report.warnings.append(CONTROL_CHARS.format(count=removed))
    check_cancel(cancel)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    report.path = Path(path)
    report.rows_written = len(table.rows)
    progress(1.0, "")
    return report
