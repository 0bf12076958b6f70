"""A big .xlsx sheet read in parts, each parsed on a worker thread while the caller stores the
rows of the parts before it.

python-calamine parses a whole sheet before it hands out a single row (calamine has no lazy
reader), and it lets go of the GIL while it parses. Read whole, a million-row sheet keeps one
core busy for ~10 s while the other waits, and only then can storing begin. Here the sheet's
XML is cut at row boundaries into parts of a few megabytes; each part becomes a small
workbook of its own (the same styles, shared strings and workbook settings, one sheet holding
those rows, their row numbers unchanged) that calamine parses on a worker thread. The caller
gets the same rows, in the same order and positions, as iter_rows() over the whole sheet
gives, so everything after reading is unchanged.

Only worth it, and only done, for big plain sheets: the sheet XML past MIN_SHEET_BYTES, rows
written as <row r="..."> (every cut must start at a numbered row, or calamine would number
the part's rows from 1), no namespace prefix. Anything else is read whole, as before.
Shared strings are parsed again for every part, so a sheet whose shared-strings table is
big next to its own XML (text that is mostly unique, as Excel saves a customer list) is read
whole: on a 1M-row sheet with 68 MB of shared strings to 522 MB of sheet XML, parts took
15.1-16.2 s against 15.4 s whole, with twice the memory. Parts are for sheets of inline
strings (openpyxl, pandas and many export tools write those) or of few distinct strings.
Also tried for such sheets: parts without the table whose shared-string cells read as their
index behind a private-use mark, mapped to their text by a dict built from one calamine read
of the table: 1.7-1.8 s against 1.5 s whole at 100k rows, 18.6 s against 15.5 s at 1M (the
lookup's 2.1M strings and 13M mapped cells cost more than the overlap gives on two cores).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from itertools import repeat

import python_calamine as pc

from app.core.importing.formulas import sheet_paths

MIN_SHEET_BYTES = 24 << 20  # sheets with less XML than this are read whole (~35k rows)
PART_BYTES = 8 << 20  # XML per part (~12k rows of a 13-column customer sheet)
SHARED_SHARE = 16  # parts only while the shared strings' XML is under 1/16 of the sheet's
MAX_SHEET_BYTES = 3 << 30  # the XML is held in memory while parts are cut from it
WORKERS = 2
AHEAD = 3  # parts parsed or being parsed ahead of the one being read

# What a part's workbook needs besides its sheet: the parts calamine reads on opening.
_KEEP = ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
         "xl/styles.xml", "xl/sharedStrings.xml")
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
_SHEET_DATA = b"<sheetData>"
_SHEET_DATA_END = b"</sheetData>"


class SheetParts:
    """One sheet's XML and where it is cut. `first` is part 0 parsed (for planning)."""

    def __init__(self, members: dict[str, bytes], member: str, xml: bytes, cuts: list[int],
                 data_start: int, data_end: int):
        self.members = members
        self.member = member
        self.xml = xml
        self.cuts = cuts  # start of each part's rows; the last entry is data_end
        self.data_start = data_start
        self.data_end = data_end
        self.last_row = _last_row(xml, data_start, data_end)
        self.first = self.parse(0)

    @property
    def count(self) -> int:
        return len(self.cuts) - 1

    def part_bytes(self, k: int) -> bytes:
        """Part k as a workbook: the sheet's XML up to its rows, the part's rows, and the
        rest of the sheet's XML after its rows (merged cells and all) for part 0 only."""
        head = self.xml[:self.data_start]
        rows = self.xml[self.cuts[k]:self.cuts[k + 1]]
        tail = self.xml[self.data_end:] if k == 0 else _SHEET_DATA_END + b"</worksheet>"
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as out:
            for name, data in self.members.items():
                out.writestr(name, data)
            out.writestr(self.member, b"".join((head, rows, tail)))
        return buf.getvalue()

    def parse(self, k: int):
        """Part k parsed (calamine lets go of the GIL while it parses)."""
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(self.part_bytes(k)))
        try:
            return wb.get_sheet_by_name(wb.sheet_names[0])
        finally:
            wb.close()

    def sheet(self) -> PartsSheet:
        return PartsSheet(self)


class PartsSheet:
    """What the reader uses of a CalamineSheet (width, iter_rows), over all the parts.

    iter_rows() gives what CalamineSheet.iter_rows() over the whole sheet gives: every row
    from the sheet's first row on (empty ones included), each `width` cells wide starting at
    the first part's first column. Cells a later part holds left of that column, or right of
    `keep` (the table's width) when its columns are laid out otherwise than the first part's,
    are left out and their rows counted (left_rows, right_rows) for the reader's warnings;
    rows of parts laid out like the first one come whole, as from the whole sheet, and the
    reader counts their cells right of the table itself, so no row is counted twice.

    Read whole, a cell left of the first part's columns would have moved the whole table one
    column right (an unnamed first column); here it is left out with a warning instead."""

    def __init__(self, parts: SheetParts):
        self.parts = parts
        first = parts.first
        self.start = first.start
        self.width = first.width
        self.left_rows = 0  # rows with cells left of the first part's first column
        self.right_rows = 0  # rows with cells right of `keep`, in parts laid out otherwise

    def iter_rows(self, keep: int | None = None):
        parts = self.parts
        first, parts.first = parts.first, None  # part 0 is read once; a second pass parses it
        if first is None:
            first = parts.parse(0)
        keep = self.width if keep is None else min(keep, self.width)
        col0 = self.start[1]
        pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="xlsx-part")
        pending: deque = deque()
        try:
            following = iter(range(1, parts.count))
            for k in following:
                pending.append(pool.submit(parts.parse, k))
                if len(pending) >= AHEAD:
                    break
            yield from first.iter_rows()
            row = first.end[0] + 1 if first.start is not None else 0  # next row to give
            del first
            while pending:
                sheet = pending.popleft().result()
                for k in following:  # keep AHEAD parts on their way
                    pending.append(pool.submit(parts.parse, k))
                    break
                if sheet.start is None:  # a part of empty rows only
                    continue
                top, left = sheet.start
                if top < row:  # a row out of order inside a part: never from Excel
                    raise ValueError(f"row {top + 1} comes after row {row} in the file")
                if top > row:
                    yield from ([""] * self.width for _ in range(top - row))
                rows = sheet.to_python()
                row = top + len(rows)
                del sheet
                if left != col0 or len(rows[0]) != self.width:
                    rows = self._fit(rows, left - col0, keep)
                yield from rows
                del rows
        finally:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=True)

    def _fit(self, rows: list[list], shift: int, keep: int) -> list[list]:
        """Rows of a part whose columns differ from the first part's, laid out as its: cells
        left of the first column or right of `keep` are left out (and their rows counted)."""
        width = self.width
        out = []
        for cells in rows:
            if shift > 0:
                cells = [*repeat("", shift), *cells]
            elif shift < 0:
                head = cells[:-shift]
                self.left_rows += head.count("") != len(head)
                cells = cells[-shift:]
            tail = cells[keep:]
            if tail.count("") != len(tail):
                self.right_rows += 1
                cells = cells[:keep]
            cells = cells[:width]
            out.append(cells + [""] * (width - len(cells)))
        return out


def open_parts(path, sheet_name: str, first_only: bool = False) -> SheetParts | None:
    """The sheet cut into parts, or None when it is small or not plainly written (then the
    caller reads it whole). Raises what zipfile or calamine raise for a damaged file.

    `first_only`: only part 0 will be parsed (a preview), so a big shared-strings table,
    parsed once either way, is no reason to read the whole sheet: a 1M-row sheet as Excel
    saves it is previewed from its first rows in ~2 s instead of ~8 s."""
    with zipfile.ZipFile(path) as zf:
        member = sheet_paths(zf).get(sheet_name)
        if member is None:
            return None
        info = zf.getinfo(member)
        if not MIN_SHEET_BYTES <= info.file_size <= MAX_SHEET_BYTES:
            return None
        names = set(zf.namelist())
        shared = (zf.getinfo("xl/sharedStrings.xml").file_size
                  if "xl/sharedStrings.xml" in names else 0)
        if info.file_size < SHARED_SHARE * shared and not first_only:
            return None  # shared strings (parsed once per part) big next to the rows
        members = {name: zf.read(name) for name in _KEEP if name in names}
        if "xl/workbook.xml" not in members:
            return None
        xml = zf.read(member)
    start = xml.find(_SHEET_DATA)
    end = xml.rfind(_SHEET_DATA_END)
    if start < 0 or end < start or xml.find(b"<sheetData", start + 1, end) >= 0:
        return None
    start += len(_SHEET_DATA)
    sheet = end - start
    if sheet < 2 * PART_BYTES:
        return None
    per_part = 1 if first_only else SHARED_SHARE * max(shared, 1)
    count = max(2, min(sheet // PART_BYTES, sheet // per_part))
    size = sheet // count
    cuts = [start]
    at = start + min(size, PART_BYTES)  # a small part 0: planning parses it alone
    while at < end - size // 2:
        cut = xml.find(b"<row ", at, end)
        if cut < 0:
            break
        if not xml.startswith(b'<row r="', cut):
            return None  # rows without numbers: calamine would number each part from 1
        if _row_number(xml, cut) <= _row_number(xml, xml.rfind(b'<row r="', start, cut)):
            return None  # rows out of order (Excel never writes them so): read it whole
        cuts.append(cut)
        at = cut + size
    cuts.append(end)
    if len(cuts) < 3:
        return None
    return SheetParts(members, member, xml, cuts, start, end)


def _last_row(xml: bytes, start: int, end: int) -> int:
    """1-based number of the last row element in the sheet (0 if none)."""
    return _row_number(xml, xml.rfind(b'<row r="', start, end))


def _row_number(xml: bytes, at: int) -> int:
    """1-based number of the row element at `at` (0 if there is none)."""
    match = _ROW_NUMBER.match(xml, at) if at >= 0 else None
    return int(match.group(1)) if match else 0
