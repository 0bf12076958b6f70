"""Plan an export before writing (N exported, M left out by reason, fields shortened) so the
GUI can show the summary and the user can confirm; then write exactly that plan."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from app.core.export.csv_writer import _encodable, write_csv
from app.core.export.labels import LAYOUTS, fit_label, label_lines, write_labels_pdf
from app.core.export.mailmerge import write_mail_merge
from app.core.export.platforms import PRESETS, prepare_platform, write_platform_csv
from app.core.export.report import ExportReport, RowIssue
from app.core.export.select import Selection, select_recipients
from app.core.export.suppression import SuppressionList
from app.core.export.table import build_table, is_blank, plain
from app.core.export.vcard import write_vcard
from app.core.export.xlsx import CELL_LIMIT, write_xlsx
from app.core.progress import ProgressFn, sub_progress

# format -> the channel whose needs a row must meet. Spreadsheet formats only apply consent
# and suppression; the platform presets check their own rules on top.
FORMAT_CHANNEL = {
    "xlsx": "any",
    "csv": "any",
    "csv-gbk": "any",
    "csv-utf8": "any",
    "mailchimp": "email",
    "hubspot": "email",
    "brevo": "any",
    "vcard": "any",
    "mailmerge": "mail",
    "labels-pdf": "mail",
}
FORMATS = tuple(FORMAT_CHANNEL)
CSV_ENCODING = {"csv": "utf-8-sig", "csv-gbk": "gbk", "csv-utf8": "utf-8"}


@dataclass
class ExportPlan:
    format: str
    channel: str
    columns: list[str]
    selection: Selection
    exported: int
    left_out: dict[str, int]  # reason -> customers (selection and the format's own rules)
    shortened: dict[str, int]  # column -> cells shortened or not encodable
    skipped: list[RowIssue] = field(default_factory=list)  # the format's own skips
    warnings: list[str] = field(default_factory=list)
    options: dict = field(default_factory=dict)

    @property
    def left_out_total(self) -> int:
        return sum(self.left_out.values())


def plan_export(
    customers: pd.DataFrame,
    *,
    format: str,
    columns: Sequence[str] | None = None,
    channel: str | None = None,
    include_unknown_consent: bool = False,
    include_no_consent: bool = False,
    suppression: SuppressionList | None = None,
    tags: Sequence[str] = (),
    layout: str = "3x7",
    lang: str = "auto",
    vcard_version: str = "3.0",
    header: str = "en",
    progress: ProgressFn | None = None,
    cancel=None,
) -> ExportPlan:
    if format not in FORMAT_CHANNEL:
        raise ValueError(f"unknown export format {format!r}")
    channel = channel or FORMAT_CHANNEL[format]
    selection = select_recipients(
        customers,
        channel=channel,
        include_unknown_consent=include_unknown_consent,
        include_no_consent=include_no_consent,
        suppression=suppression,
        progress=sub_progress(progress, 0.0, 0.7),
        cancel=cancel,
    )
    kept = selection.kept
    skipped: list[RowIssue] = []
    shortened: Counter = Counter()
    if format in PRESETS:
        _, prepared = prepare_platform(kept, format, columns or (), tags=tags, cancel=cancel)
        skipped = prepared.skipped
        shortened.update(prepared.shortened_by_column())
    elif format == "labels-pdf":
        for _, row in kept.iterrows():
            if is_blank(row.get("address")):
                skipped.append(RowIssue(plain(row.get("customer_id")), "no_address"))
            elif fit_label(label_lines(row), LAYOUTS[layout])[2]:
                shortened["address"] += 1
    elif format in ("xlsx", "csv-gbk"):
        table = build_table(kept, columns, header)
        for values in table.rows:
            for key, value in zip(table.keys, values, strict=True):
                if not isinstance(value, str):
                    continue
                if format == "xlsx" and len(value) > CELL_LIMIT:
                    shortened[key] += 1
                if format == "csv-gbk" and _encodable(value, "gbk")[1]:
                    shortened[key] += 1
    left_out = Counter(selection.counts())
    left_out.update(issue.reason for issue in skipped)
    sub_progress(progress, 0.7, 1.0)(1.0, "")
    return ExportPlan(
        format=format,
        channel=channel,
        columns=list(columns or []),
        selection=selection,
        exported=len(kept) - len(skipped),
        left_out=dict(left_out),
        shortened=dict(shortened),
        skipped=skipped,
        warnings=list(selection.warnings),
        options={"tags": list(tags), "layout": layout, "lang": lang,
                 "vcard_version": vcard_version, "header": header},
    )


def write_export(
    plan: ExportPlan, path: str | os.PathLike, *, progress: ProgressFn | None = None, cancel=None
) -> ExportReport:
    """Write the plan's kept customers in the plan's format (atomically)."""
    kept, fmt, cols, opt = plan.selection.kept, plan.format, plan.columns or None, plan.options
    if fmt == "xlsx":
        report = write_xlsx(kept, path, cols, header=opt["header"], progress=progress, cancel=cancel)
    elif fmt in CSV_ENCODING:
        report = write_csv(kept, path, cols, encoding=CSV_ENCODING[fmt], header=opt["header"],
                           progress=progress, cancel=cancel)
    elif fmt in PRESETS:
        report = write_platform_csv(kept, path, fmt, cols or (), tags=opt["tags"],
                                    progress=progress, cancel=cancel)
    elif fmt == "vcard":
        report = write_vcard(kept, path, cols, version=opt["vcard_version"], progress=progress,
                             cancel=cancel)
    elif fmt == "mailmerge":
        report = write_mail_merge(kept, path, cols, lang=opt["lang"], progress=progress,
                                  cancel=cancel)
    else:
        report = write_labels_pdf(kept, path, layout=opt["layout"], progress=progress,
                                  cancel=cancel)
    report.format = fmt
    report.warnings = plan.warnings + report.warnings
    return report
