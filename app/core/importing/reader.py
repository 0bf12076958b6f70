"""inspect_file / read_file: the importer's entry points.

Flow: sniff the bytes (kind, encryption, zip bomb) -> per sheet read the first rows, find the
header row, name the columns, detect roles -> decide which sheets hold customer tables ->
stream the data rows in chunks straight from python-calamine (or the csv module), so storage
writes while we read and only one copy of a sheet ever sits in memory. A big .xlsx sheet is
parsed in parts on worker threads (xlsx_parts), so storing starts long before the last row is
parsed; planning then parses the first part only.
"""

from __future__ import annotations

import operator
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import compress, islice, repeat
from pathlib import Path
from xml.etree import ElementTree

import python_calamine as pc

from app.core.errors import ImportProblem
from app.core.i18n import QT_TRANSLATE_NOOP, Notice, Quoted
from app.core.importing import delimited, sniff, xlsx_parts
from app.core.importing.formulas import formulas_without_values
from app.core.importing.header import (
    HEADER_SCAN_ROWS,
    build_columns,
    fill_merged,
    find_header_row,
    is_blank,
)
from app.core.importing.model import (
    FilePreview,
    ImportedFile,
    Row,
    RowChunks,
    SheetPreview,
    SheetTable,
    SkippedSheet,
)
from app.core.importing.roles import Column, assign_roles
from app.core.progress import Cancelled, ProgressFn, check_cancel, no_progress

CHUNK_ROWS = 5000
# A chunk holds at most about this many cells: storage works on a chunk in single C calls
# (transposing it, encoding its raw rows), each holding the GIL, so a sheet with hundreds
# of columns gets fewer rows per chunk and the window stays live.
CHUNK_CELLS = 65_000
WIDE_SHEET = 256  # wider sheets get a full scan to drop named-but-empty columns
CACHE_CELLS = 2_000_000  # sheets up to this size stay loaded between planning and reading
IDENTITY_ROLES = {"name", "phone", "email", "company"}
TOTAL_WORDS = {
    "合计", "总计", "小计", "共计", "总和", "合计：", "总计：", "total", "totals", "grand total",
    "subtotal", "sum", "total:",
}

NO_DATA_TEXT = QT_TRANSLATE_NOOP("errors", "{file}: no data found.")
NO_TABLE_TEXT = QT_TRANSLATE_NOOP(
    "errors", "{file}: no table with a header row was found ({details})."
)
NO_SHEET_TEXT = QT_TRANSLATE_NOOP(
    "errors", "{file} has no sheet named '{sheet}' (its sheets are: {sheets})."
)
HEADER_ROW_TEXT = QT_TRANSLATE_NOOP(
    "errors", "{file}, sheet {sheet}: row {row} is empty, so it cannot be the header row."
)
FAILED_TEXT = QT_TRANSLATE_NOOP(
    "errors",
    "{file} could not be read; it may be damaged or in a form this app cannot read ({detail}).",
)
FAILED_AT_TEXT = QT_TRANSLATE_NOOP(
    "errors",
    "{file}, sheet {sheet}: reading stopped after row {row}; the file may be damaged ({detail}).",
)

SKIP_EMPTY = QT_TRANSLATE_NOOP("import", "the sheet is empty")
SKIP_NO_HEADER = QT_TRANSLATE_NOOP("import", "no header row found in its first 30 rows")
SKIP_NOT_CUSTOMERS = QT_TRANSLATE_NOOP(
    "import", "not a customer table (no name, phone, e-mail or company column)"
)
SKIP_HIDDEN = QT_TRANSLATE_NOOP("import", "hidden sheet")
SKIP_CHART = QT_TRANSLATE_NOOP("import", "not a worksheet (chart or macro sheet)")
NAMED_LIKE_EXCEL = QT_TRANSLATE_NOOP(
    "import", "{file} is named like an Excel workbook but holds plain text; it was read as a "
    "CSV table.")
NO_ROLES_ONE = QT_TRANSLATE_NOOP(
    "import", "{file}: no column was recognised as name, phone, e-mail or company; the table "
    "was read as it is. Set the column roles by hand.")
NO_ROLES_MANY = QT_TRANSLATE_NOOP(
    "import", "{file}: no column was recognised as name, phone, e-mail or company; the tables "
    "were read as they are. Set the column roles by hand.")
UNCACHED_FORMULAS = QT_TRANSLATE_NOOP(
    "import", "Sheet {sheet}: column {columns} holds formulas without saved results ({cells} "
    "cells), which read as empty. Open the file in Excel or WPS, save it, and import it again "
    "to get their values.")
UNCACHED_FORMULAS_SOMEWHERE = QT_TRANSLATE_NOOP(
    "import", "Sheet {sheet}: some cells hold formulas without saved results ({cells} cells), "
    "which read as empty. Open the file in Excel or WPS, save it, and import it again to get "
    "their values.")
CELLS_LEFT = QT_TRANSLATE_NOOP(
    "import", "Sheet {sheet}: {rows} rows have cells left of the table's first column; those "
    "cells were not imported.")
CELLS_RIGHT = QT_TRANSLATE_NOOP(
    "import", "Sheet {sheet}: {rows} rows have cells to the right of the table's columns; those "
    "cells were not imported.")
LONGER_LINES = QT_TRANSLATE_NOOP(
    "import", "{lines} lines have more fields than the header; the extra fields were not "
    "imported.")
REASON_TOTAL = QT_TRANSLATE_NOOP("import", "totals row")
REASON_HEADER_AGAIN = QT_TRANSLATE_NOOP("import", "repeats the header row")


@dataclass
class _Plan:
    """What planning learnt about one sheet."""

    name: str
    header_index: int | None = None  # 0-based row index of the header
    columns: list[Column] = field(default_factory=list)
    table_rows: list[Row] = field(default_factory=list)
    top_rows: list[Row] = field(default_factory=list)
    row_estimate: int = 0
    width: int = 0  # cells per raw row from the reader
    warnings: list[str] = field(default_factory=list)
    skipped: str | None = None
    header_cells: list = field(default_factory=list)
    loader: Callable[[], object] | None = None  # Excel: returns the CalamineSheet
    record_index: int = 0  # CSV: 0-based record index of the header


# ---------------------------------------------------------------- public API


def inspect_file(
    path,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    preview_rows: int = 50,
    mapping: dict | None = None,
) -> FilePreview:
    """Everything the import page shows: every sheet (skipped ones with their reason), its
    detected header row, columns with roles, and the first rows. Raises ImportProblem."""
    path = Path(path)
    with _guard(path.name):
        kind, fmt, plans, warnings = _plan_file(path, sheet, header_row, mapping, preview_rows,
                                                preview=True)
        previews = [
            SheetPreview(
                p.name, None if p.header_index is None else p.header_index + 1, p.columns,
                p.table_rows[:preview_rows], p.top_rows, p.row_estimate, p.warnings, p.skipped,
            )
            for p in plans
        ]
        return FilePreview(
            path.name, str(path), sniff.content_hash(path), kind, previews,
            [SkippedSheet(p.name, p.skipped) for p in plans if p.skipped], warnings,
            *(_fmt_fields(fmt)),
        )


def read_file(
    path,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    mapping: dict | None = None,
    progress: ProgressFn | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportedFile:
    """Plan the import and return tables whose `rows` stream chunks of (row number, cells).

    `sheet` forces one sheet (imported even if it does not look like customers); `header_row`
    (1-based) forces the header row of every sheet read; `mapping` {header: role} overrides
    detected roles. Raises ImportProblem (one sentence naming the file) or Cancelled.
    """
    path = Path(path)
    progress = progress or no_progress
    with _guard(path.name):
        progress(0.0, path.name)
        kind, fmt, plans, warnings = _plan_file(path, sheet, header_row, mapping, 200, cancel)
        tables = []
        for plan in plans:
            if plan.skipped:
                continue
            table = SheetTable(
                plan.name, plan.header_index + 1, plan.columns, [], list(plan.warnings),
                row_estimate=plan.row_estimate,
            )
            if kind == "csv":
                factory = _csv_rows(path, fmt, plan, table, cancel)
            else:
                factory = _excel_rows(path.name, plan, table, cancel)
            table.rows = RowChunks(factory)
            tables.append(table)
        progress(1.0, path.name)
        return ImportedFile(
            path.name, str(path), sniff.content_hash(path), kind, tables,
            [SkippedSheet(p.name, p.skipped) for p in plans if p.skipped], warnings,
            *(_fmt_fields(fmt)),
        )


# ---------------------------------------------------------------- errors


class _guard:
    """No traceback escapes: reader failures become one ImportProblem naming the file."""

    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is None or isinstance(exc, (ImportProblem, Cancelled, KeyboardInterrupt)):
            return False
        raise _as_problem(self.name, exc) from exc


def _as_problem(name: str, exc: BaseException, sheet: str | None = None, row: int | None = None):
    if isinstance(exc, pc.PasswordError):
        return ImportProblem(sniff.PASSWORD_TEXT, file=name)
    if isinstance(exc, pc.ZipError):
        return ImportProblem(sniff.DAMAGED_TEXT, file=name)
    if isinstance(exc, MemoryError):
        detail = "it needs more memory than this computer has"
    else:
        detail = " ".join(str(exc).split())[:160] or type(exc).__name__
    if sheet is not None and row is not None:
        return ImportProblem(FAILED_AT_TEXT, file=name, sheet=sheet, row=row, detail=detail)
    return ImportProblem(FAILED_TEXT, file=name, detail=detail)


def _fmt_fields(fmt):
    if fmt is None:
        return (None, None, None)
    return (fmt.encoding, fmt.delimiter, fmt.decimal)


# ---------------------------------------------------------------- planning


def _plan_file(path: Path, sheet, header_row, mapping, preview_rows, cancel=None,
               preview=False):
    name = path.name
    kind = sniff.detect_kind(path)
    warnings: list[str] = []
    fmt = None
    if kind == "csv":
        suffix = path.suffix.lower()
        if suffix in (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"):
            warnings.append(Notice(NAMED_LIKE_EXCEL, file=name))
        fmt = delimited.detect_format(path)
        plans = [_plan_csv(path, fmt, header_row, mapping, preview_rows)]
        if sheet is not None and sheet != path.stem:
            raise ImportProblem(NO_SHEET_TEXT, file=name, sheet=sheet, sheets=path.stem)
    else:
        plans = _plan_workbook(path, kind, sheet, header_row, mapping, preview_rows, cancel,
                               preview)
    _choose_tables(name, plans, forced=sheet is not None, warnings=warnings)
    if kind in ("xlsx", "xlsm"):
        _warn_uncached_formulas(path, plans)
    return kind, fmt, plans, warnings


def _choose_tables(name: str, plans: list[_Plan], forced: bool, warnings: list[str]) -> None:
    """Keep the sheets holding customer tables; if none does, keep every table as it is."""
    if not any(p.header_index is not None for p in plans):
        if all(p.skipped == SKIP_EMPTY for p in plans):
            raise ImportProblem(NO_DATA_TEXT, file=name)
        details = "; ".join(f"sheet {p.name}: {p.skipped}" for p in plans)
        raise ImportProblem(NO_TABLE_TEXT, file=name, details=details)
    if forced:
        return
    customers = [p for p in plans if p.skipped is None and _is_customer_table(p)]
    if customers:
        for p in plans:
            if p.skipped is None and p not in customers:
                p.skipped = SKIP_NOT_CUSTOMERS
        return
    candidates = [p for p in plans if p.skipped is None]
    if candidates:
        warnings.append(Notice(NO_ROLES_MANY if len(candidates) > 1 else NO_ROLES_ONE,
                               file=name))


def _is_customer_table(plan: _Plan) -> bool:
    return any(c.role in IDENTITY_ROLES for c in plan.columns)


def _warn_uncached_formulas(path: Path, plans: list[_Plan]) -> None:
    wanted = [p for p in plans if p.skipped is None and p.header_index is not None]
    if not wanted:
        return
    found = formulas_without_values(path, [p.name for p in wanted])
    for plan in wanted:
        counts = found.get(plan.name)
        if not counts:
            continue
        by_letter = {c.letter: c.header for c in plan.columns}
        names = [by_letter[letter] for letter in sorted(counts) if letter in by_letter]
        total = sum(counts.values())
        if names:
            plan.warnings.append(Notice(UNCACHED_FORMULAS, sheet=plan.name,
                                        columns=[Quoted(n) for n in names], cells=total))
        else:
            plan.warnings.append(Notice(UNCACHED_FORMULAS_SOMEWHERE, sheet=plan.name,
                                        cells=total))


def _blank_none(row: list) -> list:
    return [None if v == "" else v for v in row]


def _finish_plan(plan: _Plan, top: list[list], first_row: int, col0: int, header_row,
                 mapping, preview_rows: int, merged=None, data_width=None) -> None:
    """Header row, columns, roles and preview rows from the first rows of a sheet.
    `top[i]` is the row numbered first_row + i."""
    plan.top_rows = [(first_row + i, r) for i, r in enumerate(top[: HEADER_SCAN_ROWS])]
    if header_row is not None:
        index = header_row - first_row
        if index < 0 or index >= len(top) or all(is_blank(v) for v in top[index]):
            plan.skipped = f"row {header_row} is empty, so it cannot be the header row"
            return
    else:
        index = find_header_row(top)
        if index is None:
            plan.skipped = SKIP_NO_HEADER
            return
    header = fill_merged(top[index], top, index + first_row - 1, merged, col0)
    below = top[index + 1: index + 1 + preview_rows]
    dw = data_width(index) if data_width else None
    columns, _, warnings = build_columns(header, below, col0, dw)
    n = len(columns)
    samples = [[r[i] if i < len(r) else None for r in below] for i in range(n)]
    warnings = assign_roles(columns, samples, mapping) + warnings
    plan.header_index = index + first_row - 1
    plan.columns = columns
    plan.header_cells = [h if i < len(header) else None for i, h in enumerate(header[:n])]
    plan.warnings.extend(warnings)
    rows = []
    for i, r in enumerate(below):
        cells = list(r[:n]) + [None] * (n - len(r))
        if any(not is_blank(v) for v in cells):
            rows.append((index + first_row + 1 + i, cells))
    plan.table_rows = rows


def _open_workbook(path: Path, kind: str):
    if path.suffix.lower() == f".{kind}":
        return pc.CalamineWorkbook.from_path(str(path))
    with open(path, "rb") as fh:  # extension does not say what the bytes are
        return pc.CalamineWorkbook.from_filelike(fh)


def _plan_workbook(path, kind, sheet, header_row, mapping, preview_rows, cancel,
                   preview=False):
    wb = _open_workbook(path, kind)
    try:
        metas = {m.name: m for m in wb.sheets_metadata}
        names = list(wb.sheet_names)
        if sheet is not None:
            if sheet not in names:
                raise ImportProblem(
                    NO_SHEET_TEXT, file=path.name, sheet=sheet, sheets=", ".join(names)
                )
            names = [sheet]
        plans = []
        first_table = True
        for name in names:
            check_cancel(cancel)
            plan = _Plan(name)
            plans.append(plan)
            meta = metas.get(name)
            if sheet is None and meta is not None:
                if meta.typ != pc.SheetTypeEnum.WorkSheet:
                    plan.skipped = SKIP_CHART
                    continue
                if meta.visible != pc.SheetVisibleEnum.Visible:
                    plan.skipped = SKIP_HIDDEN
                    continue
            parts = _open_parts(path, kind, name, first_only=preview)
            try:
                sh = parts.first if parts else wb.get_sheet_by_name(name)
            except pc.PasswordError:
                raise
            except (pc.CalamineError, ValueError) as exc:
                raise _as_problem(path.name, exc) from exc
            if sh.start is None or sh.height == 0:
                plan.skipped = SKIP_EMPTY
                continue
            col0 = sh.start[1]
            plan.width = sh.width
            plan.row_estimate = parts.last_row if parts else sh.end[0] + 1
            top = [_blank_none(r) for r in islice(sh.iter_rows(), HEADER_SCAN_ROWS + preview_rows)]
            merged = sh.merged_cell_ranges if kind in ("xlsx", "xlsm", "xls") else None

            def data_width(index, sh=sh):
                return _scan_data_width(sh, index) if sh.width > WIDE_SHEET else None

            _finish_plan(plan, top, 1, col0, header_row, mapping, preview_rows, merged,
                         data_width)
            if plan.skipped:
                continue
            plan.row_estimate = max(plan.row_estimate - plan.header_index - 1, 0)
            keep = first_table or sh.height * sh.width <= CACHE_CELLS
            first_table = False
            if parts and not preview:
                plan.loader = _parts_loader(path, kind, name, parts if keep else None)
            elif parts:  # a preview reads no further than part 0
                plan.loader = _sheet_loader(path, kind, name, None)
            else:
                plan.loader = _sheet_loader(path, kind, name, sh if keep else None)
        return plans
    finally:
        wb.close()


def _open_parts(path: Path, kind: str, name: str, first_only: bool = False):
    """A big .xlsx sheet cut into parts parsed on worker threads (xlsx_parts), or None to
    read it whole: small, unusual, too wide for parts, or anything odd about the file (the
    whole read then reports what is wrong with it)."""
    if kind not in ("xlsx", "xlsm"):
        return None
    try:
        parts = xlsx_parts.open_parts(path, name, first_only)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError,
            RuntimeError, pc.CalamineError):
        return None
    if parts is None or parts.first.start is None or parts.first.width > WIDE_SHEET:
        return None  # wide sheets get a full scan for their data width: read them whole
    return parts


def _parts_loader(path: Path, kind: str, name: str, cached):
    holder = [cached]

    def load():
        parts, holder[0] = holder[0], None
        if parts is None:
            parts = _open_parts(path, kind, name)
        if parts is None:  # the file changed since planning: read it whole
            return _sheet_loader(path, kind, name, None)()
        return parts.sheet()

    return load


def _sheet_loader(path: Path, kind: str, name: str, cached):
    holder = [cached]

    def load():
        sh, holder[0] = holder[0], None  # hand the planned copy over once, then let it go
        if sh is not None:
            return sh
        wb = _open_workbook(path, kind)
        try:
            return wb.get_sheet_by_name(name)
        finally:
            wb.close()

    return load


def _scan_data_width(sh, header_index: int) -> int:
    """How many columns hold anything below the header (a full pass; wide sheets only)."""
    width = 0
    for number, row in enumerate(sh.iter_rows()):
        if number <= header_index:
            continue
        rest = row[width:]
        if rest.count("") != len(rest):
            for i in range(len(row) - 1, width - 1, -1):
                if row[i] != "":
                    width = i + 1
                    break
    return width


def _plan_csv(path: Path, fmt, header_row, mapping, preview_rows) -> _Plan:
    plan = _Plan(path.stem)
    convert = delimited.make_converter(fmt.decimal)
    top, numbers = [], []
    records = delimited.iter_records(path, fmt)
    for number, record in islice(records, HEADER_SCAN_ROWS + preview_rows):
        numbers.append(number)
        top.append([convert(v) for v in record])
    if not top or all(all(is_blank(v) for v in r) for r in top):
        plan.skipped = SKIP_EMPTY
        return plan
    # Text lines are numbered by where each record starts, so map through `numbers`.
    if header_row is not None:
        if header_row not in numbers:
            plan.skipped = f"row {header_row} is empty, so it cannot be the header row"
            return plan
        forced = numbers.index(header_row) + 1
    else:
        forced = None
    width = max(len(r) for r in top)
    padded = [r + [None] * (width - len(r)) for r in top]
    _finish_plan(plan, padded, 1, 0, forced, mapping, preview_rows)
    if plan.skipped:
        return plan
    index = plan.header_index  # 0-based record index of the header
    plan.table_rows = [(numbers[n - 1], cells) for n, cells in plan.table_rows]
    plan.top_rows = [(numbers[n - 1], cells) for n, cells in plan.top_rows]
    plan.header_index = numbers[index] - 1  # so header_row is the line number
    plan.record_index = index
    plan.width = width
    plan.row_estimate = max(_estimate_records(path, fmt) - (index + 1), 0)
    return plan


def _estimate_records(path: Path, fmt) -> int:
    """Rough record count for progress: file size / average sampled record size."""
    size = path.stat().st_size
    with open(path, "rb") as fh:
        sample = fh.read(256 * 1024)
    if len(sample) == size:
        return sum(1 for _ in delimited.iter_records(path, fmt))
    lines = sample.count(b"\n") or 1
    return int(size / (len(sample) / lines))


# ---------------------------------------------------------------- streaming


def _chunk_rows(columns: int) -> int:
    return max(100, min(CHUNK_ROWS, CHUNK_CELLS // max(columns, 1)))


def _row_checks(plan: _Plan):
    n = len(plan.columns)
    total_cols = [0]
    for i, c in enumerate(plan.columns):
        if c.role == "name" and i not in total_cols:
            total_cols.append(i)
    header = [None if is_blank(v) else v for v in plan.header_cells] + [None] * n
    return n, [i for i in total_cols if i < n], header[:n]


def _excel_rows(file_name: str, plan: _Plan, table: SheetTable, cancel):
    n, total_cols, header = _row_checks(plan)
    limit = _chunk_rows(n)
    start = plan.header_index + 1  # rows to pass over before the data

    def chunks() -> Iterator[list[Row]]:
        table.skipped_rows.clear()
        table.blank_rows = table.rows_read = 0
        read = start  # rows read before the batch
        batch: list[list] = []
        stray = 0
        parted = False
        try:
            sh = plan.loader()
            parted = isinstance(sh, xlsx_parts.PartsSheet)
            rows = sh.iter_rows(n) if parted else sh.iter_rows()
            for _ in range(start):
                next(rows, None)
            width = sh.width
            while True:
                # A batch at a time, the work done by C calls over the whole batch (a million
                # rows walked one by one in Python cost as much as reading them). extend()
                # keeps the rows it got before an error, so the message names the last one.
                read += len(batch)
                batch.clear()
                batch.extend(islice(rows, limit))
                if not batch:
                    break
                if width > n:
                    tails = list(map(_CELLS_FROM[n], batch))
                    stray += sum(map(operator.ne, map(list.count, tails, repeat("")),
                                     map(len, tails)))
                    batch[:] = map(_CELLS_TO[n], batch)
                chunk, skipped, blank = _checked(batch, read + 1, n, total_cols, header)
                table.blank_rows += blank
                table.skipped_rows += skipped
                if chunk:
                    table.rows_read += len(chunk)
                    check_cancel(cancel)
                    yield chunk
        except (ImportProblem, Cancelled, GeneratorExit):
            raise
        except Exception as exc:
            raise _as_problem(file_name, exc, plan.name, read + len(batch)) from exc
        finally:
            if parted:  # stop the parts' workers now, not when the generator is collected
                rows.close()
        if parted:
            stray += sh.right_rows
            if sh.left_rows:
                table.warnings.append(Notice(CELLS_LEFT, sheet=plan.name, rows=sh.left_rows))
        if stray:
            table.warnings.append(Notice(CELLS_RIGHT, sheet=plan.name, rows=stray))

    return chunks


class _Slices(dict):
    """n -> itemgetter(slice(...)) made once."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, n):
        self[n] = getter = operator.itemgetter(self.make(n))
        return getter


_CELLS_TO = _Slices(lambda n: slice(0, n))
_CELLS_FROM = _Slices(lambda n: slice(n, None))


def _checked(batch: list[list], first: int, n: int, total_cols: list[int], header: list):
    """(rows kept as (row number, cells), [(row number, reason)] skipped, blank rows) of a
    batch of rows numbered from `first`: empty cells ("") become None in place, blank rows,
    totals rows and repeats of the header row are left out."""
    blanks = list(map(list.count, batch, repeat("")))
    drop: dict[int, str | None] = {}  # batch index -> reason (None: blank row)
    for i in compress(range(len(batch)), blanks):
        count = blanks[i]
        if count == n:
            drop[i] = None
            continue
        row = batch[i]
        k = -1
        for _ in range(count):  # a C call per empty cell, not a comparison per cell
            k = row.index("", k + 1)
            row[k] = None
    for col in dict.fromkeys(total_cols[:1] + total_cols[-1:]):  # first and name columns
        values = list(map(operator.itemgetter(col), batch))
        totals = {v for v in set(values)
                  if v.__class__ is str and v.strip().lower() in TOTAL_WORDS}
        for v in totals:
            k = -1
            for _ in range(values.count(v)):
                k = values.index(v, k + 1)
                drop.setdefault(k, REASON_TOTAL)
    if n:
        firsts = list(map(operator.itemgetter(0), batch))
        k = -1
        for _ in range(firsts.count(header[0])):
            k = firsts.index(header[0], k + 1)
            if k not in drop and batch[k] == header:
                drop[k] = REASON_HEADER_AGAIN
    if not drop:
        return list(zip(range(first, first + len(batch)), batch, strict=True)), [], 0
    chunk = [(first + i, row) for i, row in enumerate(batch) if i not in drop]
    skipped = [(first + i, drop[i]) for i in sorted(drop) if drop[i] is not None]
    return chunk, skipped, len(drop) - len(skipped)


def _csv_rows(path: Path, fmt, plan: _Plan, table: SheetTable, cancel):
    n, total_cols, header = _row_checks(plan)
    limit = _chunk_rows(n)
    skip = plan.record_index + 1
    convert = delimited.make_converter(fmt.decimal)

    def chunks() -> Iterator[list[Row]]:
        table.skipped_rows.clear()
        table.blank_rows = table.rows_read = 0
        number = 0
        longer = 0
        try:
            records = islice(delimited.iter_records(path, fmt), skip, None)
            chunk: list[Row] = []
            for number, record in records:
                if len(record) > n:
                    if any(v != "" for v in record[n:]):
                        longer += 1
                    record = record[:n]
                if record.count("") == len(record):
                    table.blank_rows += 1
                    continue
                cells = [convert(v) for v in record]
                if len(cells) < n:
                    cells += [None] * (n - len(cells))
                if any(
                    cells[i].__class__ is str and cells[i].strip().lower() in TOTAL_WORDS
                    for i in total_cols
                ):
                    table.skipped_rows.append((number, REASON_TOTAL))
                    continue
                if cells == header:
                    table.skipped_rows.append((number, REASON_HEADER_AGAIN))
                    continue
                chunk.append((number, cells))
                if len(chunk) >= limit:
                    table.rows_read += len(chunk)
                    check_cancel(cancel)
                    yield chunk
                    chunk = []
            if chunk:
                table.rows_read += len(chunk)
                yield chunk
        except (ImportProblem, Cancelled, GeneratorExit):
            raise
        except Exception as exc:
            raise _as_problem(path.name, exc, plan.name, number) from exc
        if longer:
            table.warnings.append(Notice(LONGER_LINES, lines=longer))

    return chunks
