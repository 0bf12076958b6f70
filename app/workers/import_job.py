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


def import_with_choices(ws, choices: list[FileChoice], *, progress=None, cancel=None) -> list:
    """Runner job (workspace thread). Returns one StoredImport per file, in order."""
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
