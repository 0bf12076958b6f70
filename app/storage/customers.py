"""Reading customers out of the workspace as a DataFrame (contract in core: see fields.py)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from app.core.fields import ROLE_KEYS
from app.storage.workspace import Workspace

JSON_LIST_COLUMNS = ("alt_phones", "alt_emails")
# Editable marketing fields (schema v2), included when any customer has one.
MARKETING_COLUMNS = ("lifecycle", "bant_budget", "bant_authority", "bant_need", "bant_timeline")
JSON_DICT_COLUMNS = ("flags", "extra")


def _loads(value, empty):
    # An all-NULL column arrives as float NaN from DataFrame.from_records.
    return json.loads(value) if isinstance(value, str) and value else empty


def active_count(ws: Workspace) -> int:
    return ws.conn.execute("SELECT COUNT(*) FROM customers WHERE status = 'active'").fetchone()[0]


def source_rows_by_customer(ws: Workspace) -> dict[int, list[str]]:
    """Active customer id -> ["file|sheet|row", ...] including rows of customers merged into it."""
    rows = ws.conn.execute(
        "SELECT c.id, c.merged_into, i.file_name, i.sheet, r.row_number "
        "FROM customers c LEFT JOIN raw_rows r ON r.id = c.raw_row_id "
        "LEFT JOIN imports i ON i.id = r.import_id WHERE c.status != 'erased' "
        "ORDER BY i.id, r.row_number"
    ).fetchall()
    parent = {cid: into for cid, into, *_ in rows}

    def root(cid: int) -> int:
        seen = 0
        while parent.get(cid) is not None and seen < 1000:
            cid = parent[cid]
            seen += 1
        return cid

    result: dict[int, list[str]] = {}
    for cid, _into, file_name, sheet, row_number in rows:
        if file_name is None:
            continue
        result.setdefault(root(cid), []).append(f"{file_name}|{sheet}|{row_number}")
    return result


def load_customers(ws: Workspace, *, with_sources: bool = True, ids=None) -> pd.DataFrame:
    """Active customers, one row each, columns per the core contract."""
    columns = ["id", *ROLE_KEYS, *MARKETING_COLUMNS, "alt_phones", "alt_emails", "salutation",
               "flags", "extra", "imported_at"]
    sql = f"SELECT {', '.join(columns)} FROM customers WHERE status = 'active'"
    params: list = []
    if ids is not None:
        ids = list(ids)
        sql += f" AND id IN ({','.join('?' for _ in ids)})"
        params = ids
    cur = ws.conn.execute(sql + " ORDER BY id", params)
    frame = pd.DataFrame.from_records(cur.fetchall(), columns=columns)
    frame = frame.rename(columns={"id": "customer_id"})
    frame["customer_id"] = frame["customer_id"].astype(np.int64)
    for col in JSON_LIST_COLUMNS:
        frame[col] = [_loads(v, []) for v in frame[col]]
    for col in JSON_DICT_COLUMNS:
        frame[col] = [_loads(v, {}) for v in frame[col]]
    # Drop role columns no import ever filled, so core sees only fields the user has.
    optional = (*ROLE_KEYS, *MARKETING_COLUMNS)
    empty = [k for k in optional if frame[k].isna().all()] if len(frame) else list(optional)
    frame = frame.drop(columns=empty)
    if with_sources:
        sources = source_rows_by_customer(ws)
        frame["source_rows"] = [sources.get(int(c), []) for c in frame["customer_id"]]
    return frame


def extra_headers(ws: Workspace) -> list[str]:
    """Names of unmapped columns, in the order they were first imported."""
    seen: dict[str, None] = {}
    for headers, roles in ws.conn.execute("SELECT headers, roles FROM imports ORDER BY id"):
        for header, role in zip(json.loads(headers), json.loads(roles), strict=False):
            if role == "extra":
                seen.setdefault(header, None)
    return list(seen)
