"""Result types of the importer: what the GUI previews and what storage writes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from app.core.importing.roles import Column

Row = tuple[int, list]  # (1-based row number as Excel / a text editor shows it, cells)


class SkippedSheet(NamedTuple):
    sheet: str
    reason: str  # plain English sentence


class RowChunks:
    """Re-iterable stream of row chunks (lists of Row). Each pass reads the file again and
    refills the owning table's skipped_rows / blank_rows / rows_read counters, which are
    complete once a pass has finished."""

    def __init__(self, factory: Callable[[], Iterator[list[Row]]]):
        self._factory = factory

    def __iter__(self) -> Iterator[list[Row]]:
        return self._factory()


@dataclass
class SheetTable:
    sheet: str  # sheet name, or the file's stem for CSV
    header_row: int  # 1-based
    columns: list[Column]
    rows: RowChunks | list  # chunks of (row_number, cells); cells aligned with columns
    warnings: list[str] = field(default_factory=list)
    skipped_rows: list[tuple[int, str]] = field(default_factory=list)  # filled while reading
    blank_rows: int = 0  # blank rows skipped (filled while reading)
    rows_read: int = 0  # rows delivered in `rows` (filled while reading)
    row_estimate: int = 0  # rows below the header, blank ones included (for progress)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def roles(self) -> list[str]:
        return [c.role for c in self.columns]

    @property
    def alternate_of(self) -> dict[str, str]:
        """{header: canonical role} for "extra" columns that repeat a taken role (a second
        手机 column -> "phone"): storage keeps them as alternates."""
        return {c.header: c.alt_of for c in self.columns if c.alt_of}

    @property
    def mapping(self) -> dict[str, str]:
        return {c.header: c.role for c in self.columns}


@dataclass
class ImportedFile:
    file_name: str  # base name
    path: str
    content_hash: str  # sha256 hex of the bytes
    kind: str  # xlsx, xlsm, xlsb, xls, ods, csv
    sheets: list[SheetTable]
    skipped_sheets: list[SkippedSheet] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None  # CSV only
    delimiter: str | None = None  # CSV only
    decimal: str | None = None  # CSV only

    @property
    def total_rows(self) -> int:
        return sum(s.row_estimate for s in self.sheets)


@dataclass
class SheetPreview:
    """One sheet as the import page shows it. `table_rows` are the first data rows under the
    header (row number, cells aligned with columns); `top_rows` the sheet's first rows as
    they are (to let the user pick another header row)."""

    sheet: str
    header_row: int | None
    columns: list[Column]
    table_rows: list[Row]
    top_rows: list[Row]
    row_estimate: int
    warnings: list[str] = field(default_factory=list)
    skipped_reason: str | None = None  # set when read_file would skip this sheet

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def roles(self) -> list[str]:
        return [c.role for c in self.columns]


@dataclass
class FilePreview:
    file_name: str
    path: str
    content_hash: str
    kind: str
    sheets: list[SheetPreview]
    skipped_sheets: list[SkippedSheet] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
