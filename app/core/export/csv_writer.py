"""CSV writer: UTF-8 with BOM (Excel shows Chinese correctly), GBK for old Chinese Excel/WPS
set-ups, or plain UTF-8 for upload elsewhere. Formula-like cells get a leading apostrophe."""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from app.core.export.atomic import atomic_path
from app.core.export.escaping import escape_csv_cell
from app.core.export.report import ExportReport, RowIssue
from app.core.export.table import Table, build_table
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.progress import ProgressFn, check_cancel, no_progress

# encoding option -> Python codec
ENCODINGS = {"utf-8-sig": "utf-8-sig", "utf-8": "utf-8", "gbk": "gbk"}

UNENCODABLE = QT_TRANSLATE_NOOP(
    "export", "{count} cell(s) hold characters {encoding} cannot store; they were written as '?'."
)


# Characters GBK lacks but has a same-looking twin for: swap them instead of losing them.
GBK_TWINS = str.maketrans({"\u00a0": " ", "¥": "￥", "•": "·", "\u2009": " ", "\u202f": " "})


def _encodable(text: str, codec: str) -> tuple[str, str]:
    """(text with unencodable characters replaced by '?', the characters that were replaced)."""
    if codec == "gbk":
        text = text.translate(GBK_TWINS)
    try:
        text.encode(codec)
        return text, ""
    except UnicodeEncodeError:
        bad, out = [], []
        for ch in text:
            try:
                ch.encode(codec)
                out.append(ch)
            except UnicodeEncodeError:
                bad.append(ch)
                out.append("?")
        return "".join(out), "".join(dict.fromkeys(bad))


def write_csv(
    customers: pd.DataFrame,
    path: str | os.PathLike,
    columns: Sequence[str] | None = None,
    *,
    encoding: str = "utf-8-sig",
    header: str = "en",
    delimiter: str = ",",
    progress: ProgressFn | None = None,
    cancel=None,
) -> ExportReport:
    table = build_table(customers, columns, header)
    return write_table_csv(
        table, path, encoding=encoding, delimiter=delimiter, progress=progress, cancel=cancel
    )


def write_table_csv(
    table: Table,
    path: str | os.PathLike,
    *,
    fmt: str = "csv",
    encoding: str = "utf-8-sig",
    delimiter: str = ",",
    escape: bool = True,
    progress: ProgressFn | None = None,
    cancel=None,
) -> ExportReport:
    progress = progress or no_progress
    codec = ENCODINGS[encoding]
    report = ExportReport(path=None, format=fmt, columns=list(table.headers))
    total = max(len(table.rows), 1)
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding=codec, newline="") as fh:
            writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
            writer.writerow([_encodable(h, codec)[0] for h in table.headers])
            for i, values in enumerate(table.rows):
                if i % 500 == 0:
                    check_cancel(cancel)
                    progress(i / total, "")
                out = []
                for key, value in zip(table.keys, values, strict=True):
                    text = "" if value is None else str(value)
                    if escape:
                        escaped = escape_csv_cell(text)
                        report.escaped_cells += escaped != text
                        text = escaped
                    text, bad = _encodable(text, codec)
                    if bad:
                        report.unencodable.append(RowIssue(table.customer_ids[i], "unencodable", key, bad))
                    out.append(text)
                writer.writerow(out)
        check_cancel(cancel)
    if report.unencodable:
        report.warnings.append(
            UNENCODABLE.format(count=len(report.unencodable), encoding=encoding.upper())
        )
    report.path = Path(path)
    report.rows_written = len(table.rows)
    progress(1.0, "")
    return report
