"""Turn the customers DataFrame (COMMON.md contract) into plain rows of cell values.

A column is named by role key (fields.ROLE_KEYS), one of the bookkeeping columns
(customer_id, alt_phones, alt_emails, salutation, flags, source_rows, imported_at), or an
extra column's own header (optionally written "extra:Header").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from app.core.fields import ROLE_KEYS, ROLE_LABELS, ROLE_LABELS_ZH

BOOKKEEPING = (
    "customer_id",
    "alt_phones",
    "alt_emails",
    "salutation",
    "flags",
    "source_rows",
    "imported_at",
)
BOOKKEEPING_LABELS = {
    "customer_id": ("Customer ID", "客户编号"),
    "alt_phones": ("Other phones", "其他电话"),
    "alt_emails": ("Other emails", "其他邮箱"),
    "salutation": ("Salutation", "称呼"),
    "flags": ("Problems", "问题"),
    "source_rows": ("Source rows", "来源行"),
    "imported_at": ("Imported at", "导入时间"),
}
# Columns the segment step adds to the frame (app.workers.segment_tasks.analysis_frame).
SEGMENT_LABELS = {
    "tags": ("Tags", "标签"),
    "rfm_segment": ("RFM class", "RFM 分类"),
    "rfm_score": ("RFM score", "RFM 得分"),
    "persona": ("Persona", "客户画像"),
    "lifecycle_stage": ("Lifecycle stage", "生命周期阶段"),
    "lead_score": ("Lead score", "线索评分"),
}


@dataclass
class Table:
    headers: list[str]
    keys: list[str]
    rows: list[list[object]]
    customer_ids: list[object]


def is_blank(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def plain(value: object) -> object:
    """A cell value as str, int, float or None (numpy scalars and containers flattened)."""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value if not is_blank(v)) or None
    if isinstance(value, dict):
        return ";".join(f"{k}:{v}" for k, v in value.items()) or None
    if is_blank(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        value = value.item()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)  # 15693408194.0 from a number cell is a whole number
    if isinstance(value, int | float | str):
        return value
    return str(value)


def as_text(value: object) -> str:
    value = plain(value)
    return "" if value is None else str(value)


def header_for(key: str, header: str = "en") -> str:
    name = key.removeprefix("extra:")
    if header == "key":
        return name
    zh = header == "zh"
    if key in ROLE_LABELS:
        return ROLE_LABELS_ZH[key] if zh else ROLE_LABELS[key]
    if key in BOOKKEEPING_LABELS:
        return BOOKKEEPING_LABELS[key][1 if zh else 0]
    if key in SEGMENT_LABELS:
        return SEGMENT_LABELS[key][1 if zh else 0]
    return name


def cell(row: pd.Series, key: str) -> object:
    """The raw value of column `key` for one customer (an extra column looked up in `extra`)."""
    if key in SEGMENT_LABELS and key in row.index:
        return row.get(key)
    if key.startswith("extra:") or (key not in ROLE_KEYS and key not in BOOKKEEPING):
        extra = row.get("extra")
        return extra.get(key.removeprefix("extra:")) if isinstance(extra, dict) else None
    return row.get(key)


def default_columns(customers: pd.DataFrame) -> list[str]:
    return [k for k in ROLE_KEYS if k in customers.columns]


def build_table(
    customers: pd.DataFrame, columns: Sequence[str] | None = None, header: str = "en"
) -> Table:
    keys = list(columns) if columns else default_columns(customers)
    rows, ids = [], []
    for _, row in customers.iterrows():
        rows.append([plain(cell(row, key)) for key in keys])
        ids.append(plain(row.get("customer_id")))
    return Table([header_for(k, header) for k in keys], keys, rows, ids)
