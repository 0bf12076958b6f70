"""Purchase lines, segments, segment members and tags in the workspace (schema v2 tables).

Writes happen inside a Workspace.operation(); the bulk helpers below record the same
before/after images as Operation.insert/delete (op_changes), only with executemany, so an RFM
run over a million customers stays one transaction and oplog.undo restores it generically.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from app.storage.workspace import Operation, Workspace, now_iso

# json.dumps(..., ensure_ascii=False) builds a new encoder per call; one shared encoder writes
# the same text (row images of a million segment members: about a third less time).
_JSON = json.JSONEncoder(ensure_ascii=False)

ORDER_COLUMNS = ("op_id", "source", "order_no", "ordered_at", "amount", "phone", "email", "name",
                 "channel", "customer_id", "status", "raw")


# ---------------------------------------------------------------- bulk logged writes

def _next_id(op: Operation, table: str) -> int:
    return (op.conn.execute(f"SELECT MAX(id) FROM {table}").fetchone()[0] or 0) + 1


def insert_many(op: Operation, table: str, columns: tuple[str, ...], rows: list[tuple]) -> list[int]:
    """Insert rows (tuples aligned with columns) with explicit ids; log each as an insert."""
    if not rows:
        return []
    first = _next_id(op, table)
    ids = list(range(first, first + len(rows)))
    names = ("id", *columns)
    marks = ",".join("?" for _ in names)
    op.conn.executemany(f"INSERT INTO {table} ({','.join(names)}) VALUES ({marks})",
                        [(i, *row) for i, row in zip(ids, rows, strict=True)])
    op.conn.executemany(
        "INSERT INTO op_changes (op_id, tbl, row_id, before, after) VALUES (?, ?, ?, NULL, ?)",
        [(op.id, table, i, _JSON.encode(dict(zip(names, (i, *row), strict=True))))
         for i, row in zip(ids, rows, strict=True)],
    )
    return ids


def delete_where(op: Operation, table: str, where: str, params: Iterable = ()) -> int:
    """Delete the rows matching `where`, logging each row's before-image."""
    cur = op.conn.execute(f"SELECT * FROM {table} WHERE {where}", list(params))
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    if not rows:
        return 0
    op.conn.executemany(
        "INSERT INTO op_changes (op_id, tbl, row_id, before, after) VALUES (?, ?, ?, ?, NULL)",
        [(op.id, table, r[0], _JSON.encode(dict(zip(names, r, strict=True)))) for r in rows],
    )
    ids = [r[0] for r in rows]
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        op.conn.execute(f"DELETE FROM {table} WHERE id IN ({','.join('?' * len(chunk))})", chunk)
    return len(ids)


# ---------------------------------------------------------------- customers: merged -> active

def active_root(ws: Workspace) -> dict[int, int]:
    """Merged customer id -> the active customer it now lives in (only merged ids appear)."""
    rows = ws.conn.execute(
        "SELECT id, merged_into FROM customers WHERE merged_into IS NOT NULL").fetchall()
    parent = dict(rows)
    out = {}
    for cid in parent:
        root, seen = cid, 0
        while root in parent and seen < 1000:
            root, seen = parent[root], seen + 1
        out[cid] = root
    return out


def _to_active(ws: Workspace, ids: pd.Series) -> pd.Series:
    roots = active_root(ws)
    if roots:
        ids = ids.map(lambda c: roots.get(c, c))
    active = {r[0] for r in ws.conn.execute("SELECT id FROM customers WHERE status = 'active'")}
    return ids.where(ids.isin(active))


# ---------------------------------------------------------------- orders

def find_orders_import(ws: Workspace, content_hash: str) -> dict | None:
    """The earlier orders import of these exact bytes (not undone), if any."""
    row = ws.conn.execute(
        "SELECT id, created_at, params FROM operations WHERE kind = 'orders' AND undone_at IS NULL "
        "AND json_extract(params, '$.content_hash') = ? ORDER BY id LIMIT 1",
        (content_hash,),
    ).fetchone()
    if row is None:
        return None
    return {"op_id": row[0], "created_at": row[1], **json.loads(row[2] or "{}")}


def insert_orders(op: Operation, rows: list[tuple]) -> int:
    """rows aligned with ORDER_COLUMNS minus op_id (op_id is this operation)."""
    insert_many(op, "orders", ORDER_COLUMNS, [(op.id, *r) for r in rows])
    return len(rows)


def orders_count(ws: Workspace) -> dict[str, int]:
    return dict(ws.conn.execute("SELECT status, COUNT(*) FROM orders GROUP BY status").fetchall())


def load_purchases(ws: Workspace) -> pd.DataFrame:
    """Linked purchase lines as core's `purchases` frame (customer_id of the ACTIVE customer,
    so lines follow a customer into a merge), order_id, date, amount."""
    cur = ws.conn.execute(
        "SELECT id, customer_id, order_no, ordered_at, amount FROM orders "
        "WHERE status = 'linked' AND customer_id IS NOT NULL")
    frame = pd.DataFrame.from_records(cur.fetchall(),
                                      columns=["id", "customer_id", "order_id", "date", "amount"])
    if frame.empty:
        return frame.drop(columns="id")
    frame["customer_id"] = _to_active(ws, frame["customer_id"])
    frame = frame[frame["customer_id"].notna()].copy()
    frame["customer_id"] = frame["customer_id"].astype("int64")
    blank = frame["order_id"].isna() | (frame["order_id"] == "")
    frame.loc[blank, "order_id"] = "line:" + frame.loc[blank, "id"].astype(str)
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce", format="ISO8601")
    frame["amount"] = frame["amount"].astype("float64")
    return frame.drop(columns="id").reset_index(drop=True)


def active_customer_ids(ws: Workspace) -> pd.DataFrame:
    """customer_id of every active customer (ordered as load_customers orders them): all RFM
    needs of the customers when purchase lines exist."""
    ids = [r[0] for r in ws.conn.execute(
        "SELECT id FROM customers WHERE status = 'active' ORDER BY id")]
    return pd.DataFrame({"customer_id": np.asarray(ids, dtype=np.int64)})


def operations_since_lines_were_matched(ws: Workspace, statuses: Iterable[str]) -> list[str] | None:
    """Kinds of the operations after the lines with these statuses were last matched against
    the customers (their orders import, or the latest RFM run, which re-matches them), oldest
    first; None when there are no such lines."""
    statuses = list(statuses)
    first = ws.conn.execute(
        f"SELECT MIN(op_id) FROM orders WHERE status IN ({','.join('?' * len(statuses))})",
        statuses).fetchone()[0]
    if first is None:
        return None
    last_rfm = ws.conn.execute("SELECT MAX(id) FROM operations WHERE kind = 'segment_rfm' "
                               "AND undone_at IS NULL").fetchone()[0] or 0
    return [r[0] for r in ws.conn.execute("SELECT kind FROM operations WHERE id > ? ORDER BY id",
                                          (max(first, last_rfm),))]


def load_order_lines(ws: Workspace, statuses: Iterable[str] | None = None) -> pd.DataFrame:
    sql = ("SELECT id, source, order_no, ordered_at, amount, phone, email, name, customer_id, "
           "status, raw FROM orders")
    params: list = []
    if statuses is not None:
        statuses = list(statuses)
        sql += f" WHERE status IN ({','.join('?' * len(statuses))})"
        params = statuses
    cur = ws.conn.execute(sql + " ORDER BY id", params)
    return pd.DataFrame.from_records(cur.fetchall(), columns=[d[0] for d in cur.description])


def relink(op: Operation, updates: dict[int, tuple[int, str]]) -> int:
    """{order line id: (customer_id, status)} for lines that now find their customer."""
    return op.update_many("orders", {i: {"customer_id": c, "status": s}
                                     for i, (c, s) in updates.items()})


# ---------------------------------------------------------------- segments

@dataclass
class SegmentRow:
    id: int
    name: str
    kind: str  # rule | rfm | kmeans
    definition: dict
    description: str | None
    created_at: str
    updated_at: str
    stored_size: int = 0  # members stored (rfm / kmeans)
    label_sizes: dict[str, int] = field(default_factory=dict)


def _segment(row, sizes=None) -> SegmentRow:
    return SegmentRow(row[0], row[1], row[2], json.loads(row[3] or "{}"), row[4], row[5], row[6])


_SEGMENT_SQL = "SELECT id, name, kind, definition, description, created_at, updated_at FROM segments"


def list_segments(ws: Workspace) -> list[SegmentRow]:
    rows = [_segment(r) for r in ws.conn.execute(_SEGMENT_SQL + " ORDER BY id")]
    counts: dict[int, dict[str, int]] = {}
    for sid, label, n in ws.conn.execute(
            "SELECT segment_id, label, COUNT(*) FROM segment_members GROUP BY segment_id, label"):
        counts.setdefault(sid, {})[label or ""] = n
    for seg in rows:
        seg.label_sizes = counts.get(seg.id, {})
        seg.stored_size = sum(seg.label_sizes.values())
    return rows


def get_segment(ws: Workspace, name: str) -> SegmentRow | None:
    row = ws.conn.execute(_SEGMENT_SQL + " WHERE name = ?", (name,)).fetchone()
    return _segment(row) if row else None


def get_segment_by_kind(ws: Workspace, kind: str) -> SegmentRow | None:
    row = ws.conn.execute(_SEGMENT_SQL + " WHERE kind = ? ORDER BY updated_at DESC, id DESC "
                          "LIMIT 1", (kind,)).fetchone()
    return _segment(row) if row else None


def save_segment(op: Operation, name: str, kind: str, definition: dict,
                 description: str | None = None) -> int:
    """Create or replace the segment called `name`; returns its id."""
    now = now_iso()
    text = json.dumps(definition, ensure_ascii=False)
    row = op.conn.execute("SELECT id FROM segments WHERE name = ?", (name,)).fetchone()
    if row:
        op.update("segments", row[0], {"kind": kind, "definition": text,
                                       "description": description, "updated_at": now})
        return row[0]
    return op.insert("segments", {"name": name, "kind": kind, "definition": text,
                                  "description": description, "created_at": now,
                                  "updated_at": now})


def update_definition(op: Operation, segment_id: int, definition: dict) -> None:
    op.update("segments", segment_id, {"definition": json.dumps(definition, ensure_ascii=False),
                                       "updated_at": now_iso()})


def delete_segment(op: Operation, segment_id: int) -> None:
    delete_where(op, "segment_members", "segment_id = ?", (segment_id,))
    op.delete("segments", segment_id)


def replace_members(op: Operation, segment_id: int,
                    members: list[tuple[int, str | None, str | None]]) -> int:
    """Swap the stored result: [(customer_id, label, score JSON)]."""
    delete_where(op, "segment_members", "segment_id = ?", (segment_id,))
    insert_many(op, "segment_members", ("segment_id", "customer_id", "label", "score"),
                [(segment_id, c, label, score) for c, label, score in members])
    return len(members)


def member_frame(ws: Workspace, segment_id: int) -> pd.DataFrame:
    """customer_id (active; merged members follow their customer), label, score (dict)."""
    cur = ws.conn.execute(
        "SELECT customer_id, label, score FROM segment_members WHERE segment_id = ? ORDER BY id",
        (segment_id,))
    frame = pd.DataFrame.from_records(cur.fetchall(), columns=["customer_id", "label", "score"])
    if frame.empty:
        return frame
    frame["customer_id"] = _to_active(ws, frame["customer_id"])
    frame = frame[frame["customer_id"].notna()].drop_duplicates("customer_id")
    frame["customer_id"] = frame["customer_id"].astype("int64")
    frame["score"] = [json.loads(s) if s else {} for s in frame["score"]]
    return frame.reset_index(drop=True)


# ---------------------------------------------------------------- tags

def tags_frame(ws: Workspace) -> pd.DataFrame:
    """customer_id (active) and tag, one row per pair."""
    cur = ws.conn.execute("SELECT customer_id, tag FROM tags ORDER BY id")
    frame = pd.DataFrame.from_records(cur.fetchall(), columns=["customer_id", "tag"])
    if frame.empty:
        return frame
    frame["customer_id"] = _to_active(ws, frame["customer_id"])
    frame = frame[frame["customer_id"].notna()].drop_duplicates()
    frame["customer_id"] = frame["customer_id"].astype("int64")
    return frame.reset_index(drop=True)


def tag_counts(ws: Workspace) -> dict[str, int]:
    frame = tags_frame(ws)
    if frame.empty:
        return {}
    return {str(k): int(v) for k, v in frame["tag"].value_counts().sort_index().items()}


def add_tag(op: Operation, customer_ids: Iterable[int], tag: str) -> int:
    """Tag the customers that do not have it yet; returns how many were tagged."""
    ids = sorted(set(int(c) for c in customer_ids))
    have = {r[0] for r in op.conn.execute("SELECT customer_id FROM tags WHERE tag = ?", (tag,))}
    new = [(c, tag) for c in ids if c not in have]
    insert_many(op, "tags", ("customer_id", "tag"), new)
    return len(new)


def remove_tag(op: Operation, customer_ids: Iterable[int], tag: str) -> int:
    ids = sorted(set(int(c) for c in customer_ids))
    removed = 0
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        removed += delete_where(op, "tags", f"tag = ? AND customer_id IN ({','.join('?' * len(chunk))})",
                                (tag, *chunk))
    return removed


# ---------------------------------------------------------------- editable marketing fields

MARKETING_FIELDS = ("lifecycle", "bant_budget", "bant_authority", "bant_need", "bant_timeline")


def set_customer_fields(op: Operation, updates: dict[int, dict]) -> int:
    """{customer_id: {field: value}} over the editable marketing fields only."""
    for values in updates.values():
        unknown = set(values) - set(MARKETING_FIELDS)
        if unknown:
            raise ValueError(f"not an editable marketing field: {sorted(unknown)}")
    return op.update_many("customers", updates)
