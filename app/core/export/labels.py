"""Address labels as a PDF for direct mail: A4 sheets of 3×7 or 2×7 labels.

Drawn with matplotlib's PDF backend through app.core.charts (CJK font chosen from the
installed ones) with TrueType embedding (pdf.fonttype 42), so Chinese addresses render and
can be searched and extracted as text. Text that does not fit is shrunk, then cut with "…"
and reported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from app.core.export.atomic import atomic_path
from app.core.export.names import clean_name, parse_gender
from app.core.export.report import ExportReport, RowIssue
from app.core.export.table import as_text, is_blank, plain
from app.core.export.textwidth import display_width, has_cjk
from app.core.progress import ProgressFn, check_cancel, no_progress

MM_PER_INCH = 25.4
PT_TO_MM = 0.3528
A4 = (210.0, 297.0)


@dataclass(frozen=True)
class LabelLayout:
    """A label sheet in millimetres (sizes of the common A4 label stationery)."""

    name: str
    cols: int
    rows: int
    width: float
    height: float
    left: float
    top: float
    gap_x: float = 0.0
    gap_y: float = 0.0
    padding: float = 3.0

    @property
    def per_page(self) -> int:
        return self.cols * self.rows


LAYOUTS = {
    "3x7": LabelLayout("3x7", 3, 7, 63.5, 38.1, 7.2, 15.15, gap_x=2.5),  # L7160 / 21 per sheet
    "2x7": LabelLayout("2x7", 2, 7, 99.1, 38.1, 4.65, 15.15, gap_x=2.5),  # L7163 / 14 per sheet
}


def _join_address(row: pd.Series) -> str:
    """省 市 区 + street, without repeating what the street already starts with."""
    street = as_text(row.get("address")).strip()
    parts = []
    for key in ("province", "city", "district"):
        part = as_text(row.get(key)).strip()
        if part and part not in street and not any(part in p or p in part for p in parts):
            parts.append(part)
    if has_cjk(street) or (not street and any(has_cjk(p) for p in parts)):
        return "".join(parts) + street
    return ", ".join([street, *reversed(parts)] if street else list(reversed(parts)))


def label_lines(row: pd.Series) -> list[str]:
    name = clean_name(row.get("name"))
    company = as_text(row.get("company")).strip()
    address = _join_address(row)
    sex = parse_gender(row.get("gender"))
    if has_cjk(name + address):
        title = {"m": "先生", "f": "女士"}.get(sex or "", "")
        gap = "" if has_cjk(name) else " "
        recipient = f"{name}{gap}{title} 收".replace("  ", " ") if name else "收件人"
        return [x for x in (address, company, recipient) if x]
    title = {"m": "Mr. ", "f": "Ms. "}.get(sex or "", "")
    return [x for x in (f"{title}{name}".strip(), company, address) if x]


def _wrap(text: str, limit: float) -> list[str]:
    """Break text into lines of at most `limit` display units (CJK = 2), at spaces for Latin."""
    lines, current = [], ""
    for token in _tokens(text):
        if display_width(current + token) <= limit or not current:
            current += token
        else:
            lines.append(current.rstrip())
            current = token.lstrip()
        while display_width(current) > limit:  # one very long word
            cut = len(current)
            while display_width(current[:cut]) > limit:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    out, word = [], ""
    for ch in text:
        if has_cjk(ch):
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        elif ch == " ":
            out.append(word + " ")
            word = ""
        else:
            word += ch
    if word:
        out.append(word)
    return out


def fit_label(lines: list[str], layout: LabelLayout) -> tuple[list[str], float, bool]:
    """(wrapped lines, font size in pt, whether text had to be cut)."""
    inner_w = layout.width - 2 * layout.padding
    inner_h = layout.height - 2 * layout.padding
    for size in (10.0, 9.0, 8.0, 7.0):
        unit = size * PT_TO_MM * 0.5  # one display unit is about half an em
        line_h = size * PT_TO_MM * 1.35
        wrapped = [w for line in lines for w in _wrap(line, inner_w / unit)]
        if len(wrapped) * line_h <= inner_h:
            return wrapped, size, False
    max_lines = int(inner_h // line_h)
    kept = wrapped[:max_lines]
    kept[-1] = kept[-1][: max(len(kept[-1]) - 1, 0)] + "…"
    return kept, size, True


def write_labels_pdf(
    customers: pd.DataFrame,
    path: str | os.PathLike,
    *,
    layout: str = "3x7",
    progress: ProgressFn | None = None,
    cancel=None,
) -> ExportReport:
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    from app.core.charts import new_figure

    progress = progress or no_progress
    sheet = LAYOUTS[layout]
    report = ExportReport(path=None, format=f"labels-pdf-{layout}")
    labels = []
    for _, row in customers.iterrows():
        cid = plain(row.get("customer_id"))
        if is_blank(row.get("address")):
            report.skipped.append(RowIssue(cid, "no_address"))
            continue
        lines, size, cut = fit_label(label_lines(row), sheet)
        if cut:
            report.shortened.append(RowIssue(cid, "label_space", "address"))
        labels.append((lines, size))
    pages = max((len(labels) + sheet.per_page - 1) // sheet.per_page, 1) if labels else 0
    w_in, h_in = A4[0] / MM_PER_INCH, A4[1] / MM_PER_INCH
    with matplotlib.rc_context({"pdf.fonttype": 42}), atomic_path(path) as tmp:
        with PdfPages(tmp, metadata={"Title": "Address labels", "Creator": "SmallData Studio"}) as pdf:
            for page in range(pages):
                check_cancel(cancel)
                progress(page / max(pages, 1), "")
                fig = new_figure(w_in, h_in)
                fig.set_layout_engine("none")
                chunk = labels[page * sheet.per_page:(page + 1) * sheet.per_page]
                for i, (lines, size) in enumerate(chunk):
                    r, c = divmod(i, sheet.cols)
                    x = sheet.left + c * (sheet.width + sheet.gap_x) + sheet.padding
                    y = sheet.top + r * (sheet.height + sheet.gap_y) + sheet.padding
                    fig.text(x / A4[0], 1 - y / A4[1], "\n".join(lines), fontsize=size,
                             va="top", ha="left", linespacing=1.25)
                pdf.savefig(fig)
        check_cancel(cancel)
    report.path = Path(path)
    report.rows_written = len(labels)
    report.pages = pages
    progress(1.0, "")
    return report
