"""The import page's job: each file with the header row and column roles the user chose."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.core.progress import check_cancel, no_progress, sub_progress
from app.workers import usecases


@dataclass
class FileChoice:
    path: Path
    header_row: int | None = None  # 1-based; None = as detected
    mapping: dict[str, str] = field(default_factory=dict)  # {header: role} the user changed


# Workbooks at least this big are read in a child process (app/workers/child.py): parsing one
# fills memory with every cell and freeing them holds the GIL ~0.1 s per million rows. About
# 250,000 rows of a customer list (its cells free in ~25 ms); smaller files import faster
# without starting a process (0.4-1 s).
CHILD_MIN_BYTES = 20_000_000
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}


def _big_workbook(path: Path) -> bool:
    try:
        return path.suffix.lower() in WORKBOOK_SUFFIXES and path.stat().st_size >= CHILD_MIN_BYTES
    except OSError:
        return False  # the reader says what is wrong with it


def import_with_choices(ws, choices: list[FileChoice], *, progress=None, cancel=None) -> list:
    """Runner job (workspace thread). Returns one StoredImport per file, in order.

    A big workbook is read and stored by a child process (the window's process only waits);
    the rest here, one file at a time either way."""
    progress = progress or no_progress
    if any(_big_workbook(Path(c.path)) for c in choices):
        from app.workers.child import run_in_child

        reports = []
        for index, choice in enumerate(choices):
            check_cancel(cancel)
            part = sub_progress(progress, index / len(choices), (index + 1) / len(choices))
            if _big_workbook(Path(choice.path)):
                reports += run_in_child(import_here, [choice], workspace=ws.path,
                                        progress=part, cancel=cancel)
            else:
                reports += import_here(ws, [choice], progress=part, cancel=cancel)
        progress(1.0, "")
        return reports
    return import_here(ws, choices, progress=progress, cancel=cancel)


def import_here(ws, choices: list[FileChoice], *, progress=None, cancel=None) -> list:
    """import_with_choices in this process."""
    progress = progress or no_progress
    reports = []
    for index, choice in enumerate(choices):
        check_cancel(cancel)
        part = sub_progress(progress, index / len(choices), (index + 1) / len(choices))
        reports += usecases.import_files(
            ws,
            [choice.path],
            header_row=choice.header_row,
            mapping=choice.mapping or None,
            progress=part,
            cancel=cancel,
        )
    progress(1.0, "")
    return reports


def preview(path: str | Path, *, sheet: str | None = None, header_row: int | None = None):
    """The import page's preview (usecases.preview_file): a big workbook is read by a child
    process, for the same reason as its import (the preview parses the whole sheet too)."""
    if _big_workbook(Path(path)):
        from app.workers.child import run_in_child

        return run_in_child(_preview_here, str(path), sheet=sheet, header_row=header_row)
    return usecases.preview_file(path, sheet=sheet, header_row=header_row)


def _preview_here(path: str, *, sheet=None, header_row=None, progress=None, cancel=None):
    return usecases.preview_file(path, sheet=sheet, header_row=header_row)

