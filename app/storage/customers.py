"""Reading customers out of the workspace as a DataFrame (contract in core: see fields.py)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from app.core.arrays import free, objects
from app.core.fields import ROLE_KEYS
from app.storage.workspace import Workspace

JSON_LIST_COLUMNS = ("alt_phones", "alt_emails")
# Editable marketing fields (schema v2), included when any customer has one.
MARKETING_COLUMNS = ("lifecycle", "bant_budget", "bant_authority", "bant_need", "bant_timeline")
JSON_DICT_COLUMNS = ("flags", "extra")


def active_count(ws: Workspace) -> int:
    return ws.conn.execute("SELECT COUNT(*) FROM customers WHERE status = 'active'").fetchone()[0]


def source_rows_by_customer(ws: Workspace, only=None) -> dict[int, list[str]]:
    """Active customer id -> ["file|sheet|row", ...] including rows of customers merged into it
    (`only`: just for these ids).

    Streamed FETCH_ROWS at a time: a million fetched row tuples, freed all at once when the
    function returned, held the GIL for about 0.1 s (the window froze). With `only`, the dict
    holds just those ids: growing it to a million entries is a resize of ~50 ms in one call."""
    wanted = None if only is None else set(only)
    parent = dict(ws.conn.execute(
        "SELECT id, merged_into FROM customers WHERE status != 'erased' "
        "AND merged_into IS NOT NULL"
    ))

    def root(cid: int) -> int:
        seen = 0
        while parent.get(cid) is not None and seen < 1000:
            cid = parent[cid]
            seen += 1
        return cid

    cur = ws.conn.execute(
        "SELECT c.id, i.file_name, i.sheet, r.row_number "
        "FROM customers c LEFT JOIN raw_rows r ON r.id = c.raw_row_id "
        "LEFT JOIN imports i ON i.id = r.import_id WHERE c.status != 'erased' "
        "ORDER BY i.id, r.row_number"
    )
    result: dict[int, list[str]] = {}
    while rows := cur.fetchmany(FETCH_ROWS):
        for cid, file_name, sheet, row_number in rows:
            if file_name is None:
                continue
            owner = root(cid)
            if wanted is None or owner in wanted:
                result.setdefault(owner, []).append(f"{file_name}|{sheet}|{row_number}")
    return result


FETCH_ROWS = 20_000  # rows read and decoded per step (see load_customers)
INFER_ROWS = 100_000  # values typed per pandas call


def ids_json(ids) -> str:
    """Row ids as one JSON array, for `id IN (SELECT value FROM json_each(?))`: one bound text
    instead of a `?` per id. SQLite builds refuse more than 32,766 variables by default (the
    Windows and macOS Pythons' among them), and a merge of 94k groups names 188k customers;
    binding that many also held the GIL in one call."""
    import orjson

    return orjson.dumps([int(i) for i in ids]).decode()


def load_customers(ws: Workspace, *, with_sources: bool = True, ids=None,
                   fields=None) -> pd.DataFrame:
    """Active customers, one row each, columns per the core contract (with `fields`: only
    those stored columns, plus customer_id).

    Read slice by slice into one list per column: DataFrame.from_records over a million row
    tuples is a single C call that held the GIL for about a second on the workspace thread,
    and with it the window (Python threads share the GIL).
    """
    columns = ["id", *ROLE_KEYS, *MARKETING_COLUMNS, "alt_phones", "alt_emails", "salutation",
               "flags", "extra", "imported_at"]
    if fields is not None:
        columns = ["id", *[c for c in columns[1:] if c in set(fields)]]
    sql = f"SELECT {', '.join(columns)} FROM customers WHERE status = 'active'"
    params: list = []
    if ids is not None:
        sql += " AND id IN (SELECT value FROM json_each(?))"
        params = [ids_json(ids)]
    cur = ws.conn.execute(sql + " ORDER BY id", params)
    values: dict[str, list] = {name: [] for name in columns}
    decoders = {**{c: [] for c in JSON_LIST_COLUMNS}, **{c: {} for c in JSON_DICT_COLUMNS}}
    pools: dict[str, dict] = {name: {} for name in columns if name in TEXT_COLUMNS}
    while rows := cur.fetchmany(FETCH_ROWS):
        for name, part in zip(columns, zip(*rows, strict=True), strict=True):
            if name in decoders:
                empty = decoders[name]
                part = [json.loads(v) if isinstance(v, str) and v else type(empty)()
                        for v in part]
            elif name in pools:
                part = _shared_text(part, pools[name])
            values[name].extend(part)
    # Drop role columns no import ever filled, so core sees only fields the user has (SQLite
    # has no NaN: a blank cell is None; a generator stops at the first value and lets the
    # GIL go, where Series.isna().all() held it ~0.2 s per column at a million rows).
    optional = {*ROLE_KEYS, *MARKETING_COLUMNS}
    kept = [name for name in columns
            if name not in optional or any(v is not None for v in values[name])]
    # Built with its final names and types: a rename or astype afterwards copies the frame and
    # merges its text columns into one block, one numpy call holding the GIL for 0.1-0.4 s.
    data = {}
    for name in kept:
        column = values.pop(name)
        if name == "id":
            data["customer_id"] = np.asarray(column, dtype=np.int64)
        else:
            data[name] = _column(name, column)
    frame = pd.DataFrame(data, copy=False)
    if with_sources:
        found = frame["customer_id"].to_numpy()
        sources = source_rows_by_customer(ws, None if ids is None else found.tolist())
        frame["source_rows"] = objects(
            sources.get(c, []) for start in range(0, len(found), FETCH_ROWS)
            for c in found[start:start + FETCH_ROWS].tolist()
        )
        free(sources)
    return frame


# Text columns whose repeated values (cities, provinces, dates, consent answers) are stored once:
# SQLite hands back a new string per row, so a million rows held a million copies of "深圳".
TEXT_COLUMNS = frozenset({*ROLE_KEYS, *MARKETING_COLUMNS, "salutation", "imported_at"})


def _shared_text(part: tuple, pool: dict) -> tuple | list:
    """`part` with each repeated string replaced by one shared copy (`pool`, kept across
    slices); left as it is when most values in it are distinct (names, phones, e-mails), where
    sharing saves nothing and the pool would only grow."""
    if len(set(part)) * 4 > len(part):
        return part
    return [pool.setdefault(v, v) if type(v) is str else v for v in part]


def _column(name: str, values: list):
    """One column as from_records would have typed it (lists and dicts stay objects)."""
    if name in JSON_LIST_COLUMNS or name in JSON_DICT_COLUMNS:
        if not values:
            return np.zeros(0)  # what assigning an empty list to an empty frame gave
        out = np.empty(len(values), dtype=object)
        for start in range(0, len(values), FETCH_ROWS):  # element-wise: nested lists stay 1-D
            chunk = values[start:start + FETCH_ROWS]
            out[start:start + len(chunk)] = _object_array(chunk)
        return out
    if not values:
        return pd.Series(values, dtype=object)
    # Typed slice by slice (one pandas inference over a million values held the GIL for
    # 0.2-0.3 s); slices that disagree (ints here, blanks there) are typed as a whole.
    parts = [pd.Series(values[start:start + INFER_ROWS])
             for start in range(0, len(values), INFER_ROWS)]
    if len({str(part.dtype) for part in parts}) == 1:
        return pd.concat(parts, ignore_index=True)
    return pd.Series(values)


def _object_array(items: list) -> np.ndarray:
    out = np.empty(len(items), dtype=object)
    for k, item in enumerate(items):
        out[k] = item
    return out


def extra_headers(ws: Workspace) -> list[str]:
    """Names of unmapped columns, in the order they were first imported."""
    seen: dict[str, None] = {}
    for headers, roles in ws.conn.execute("SELECT headers, roles FROM imports ORDER BY id"):
        for header, role in zip(json.loads(headers), json.loads(roles), strict=False):
            if role == "extra":
                seen.setdefault(header, None)
    return list(seen)
