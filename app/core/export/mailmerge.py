"""Mail-merge fields for personalised letters and emails: one salutation per person in the
list's language (尊敬的王先生 / Dear Mr. Wang), plus the split name, ready for Word/WPS merge."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from app.core.export.csv_writer import write_table_csv
from app.core.export.names import (
    clean_name,
    list_language,
    parse_gender,
    pinyin_name,
    salutation,
    split_name,
)
from app.core.export.report import ExportReport
from app.core.export.table import Table, build_table, is_blank
from app.core.export.xlsx import write_table_xlsx
from app.core.progress import ProgressFn

MERGE_HEADERS = {
    "zh": ("称呼", "姓", "名", "称谓"),
    "en": ("Salutation", "Last name", "First name", "Title"),
}


def _gender_cell(row: pd.Series) -> object:
    gender = row.get("gender")
    if is_blank(gender) and parse_gender(row.get("salutation")):
        return row.get("salutation")  # a stored 先生/女士/Mr/Ms says it too
    return gender


def merge_fields(customers: pd.DataFrame, lang: str = "auto") -> pd.DataFrame:
    """Columns salutation, family, given, title (先生/女士/Mr./Ms. or empty), per customer."""
    if lang == "auto":
        lang = list_language(customers["name"]) if "name" in customers else "zh"
    out = []
    for _, row in customers.iterrows():
        name = clean_name(row.get("name"))
        gender = parse_gender(_gender_cell(row))
        family, given = split_name(name)
        if lang == "en" and any("\u4e00" <= c <= "\u9fff" for c in name):
            family, given = pinyin_name(family, given)
        titles = {"zh": {"m": "先生", "f": "女士"}, "en": {"m": "Mr.", "f": "Ms."}}[lang]
        out.append({
            "salutation": salutation(name, gender, lang),
            "family": family,
            "given": given,
            "title": titles.get(gender or "", ""),
        })
    frame = pd.DataFrame(out, index=customers.index, columns=["salutation", "family", "given", "title"])
    frame.attrs["lang"] = lang
    return frame


def write_mail_merge(
    customers: pd.DataFrame,
    path: str | os.PathLike,
    columns: Sequence[str] | None = None,
    *,
    lang: str = "auto",
    progress: ProgressFn | None = None,
    cancel=None,
) -> ExportReport:
    """An .xlsx (or .csv, by the file's extension) with the merge fields first, then `columns`."""
    fields = merge_fields(customers, lang)
    lang = fields.attrs["lang"]
    base = build_table(customers, columns or ["name", "company", "address", "city", "province"],
                       header=lang)
    headers = list(MERGE_HEADERS[lang]) + base.headers
    rows = [list(f) + r for f, r in zip(fields.itertuples(index=False), base.rows, strict=True)]
    table = Table(headers, ["salutation", "family", "given", "title", *base.keys], rows,
                  base.customer_ids)
    if Path(path).suffix.lower() == ".csv":
        return write_table_csv(table, path, fmt="mailmerge", progress=progress, cancel=cancel)
    return write_table_xlsx(table, path, fmt="mailmerge", sheet_title="Mail merge",
                            progress=progress, cancel=cancel)
