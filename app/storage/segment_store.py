"""Purchase lines, segments, stored segment runs and tags in the workspace (schema v2/v3).

Writes happen inside a Workspace.operation(); the bulk helpers below record the same
before/after images as Operation.insert/delete (op_changes), only with executemany, so
oplog.undo restores them generically.

Two kinds of data are derived, recomputable and stored whole (app.storage.blocks), not as
logged rows:
* a segment run (the members of one RFM or k-means result) is written once to segment_runs;
  the step logs only the segment's `current_run` pointer, so undo/redo switch between runs
  (a million members: one BLOB, no before/after images);
* the purchase block holds the linked purchase lines as numeric columns for RFM. Triggers on
  `orders` drop it whenever a line changes (import, re-linking, undo, erase); insert_orders
  and RFM's re-linking write it again, and RFM rebuilds it from the rows when it is missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from app.storage.blocks import decode_frame, encode_frame
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


def active_ids(ws: Workspace) -> np.ndarray:
    """Ids of the active customers, ascending (int64). Read as one comma-separated text: a
    million one-value rows as Python tuples took 0.4 s, the text 0.1 s."""
    text = ws.conn.execute("SELECT group_concat(id) FROM customers "
                           "WHERE status = 'active'").fetchone()[0]
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.sort(np.array(text.split(","), dtype=np.int64))


def to_active(ws: Workspace, ids, active: np.ndarray | None = None) -> np.ndarray:
    """Each id as the active customer it is now (merged ids follow their merge), -1 where
    there is none (erased, or merged into an erased record). int64, aligned with `ids`."""
    ids = np.asarray(ids, dtype=np.int64)
    active = active_ids(ws) if active is None else active
    roots = active_root(ws)
    merged = np.fromiter(roots.keys(), dtype=np.int64, count=len(roots))
    into = np.fromiter(roots.values(), dtype=np.int64, count=len(roots))
    # One lookup table indexed by customer id (ids are SQLite rowids: dense from 1).
    size = int(max(active.max(initial=0), merged.max(initial=0))) + 1
    table = np.full(size, -1, dtype=np.int64)
    table[active] = active
    if len(merged):
        table[merged] = np.where(np.isin(into, active), into, -1)
    inside = (ids >= 0) & (ids < size)
    return np.where(inside, table[np.where(inside, ids, 0)], -1)


def _to_active(ws: Workspace, ids: pd.Series) -> pd.Series:
    """to_active for a Series: NaN where there is no active customer."""
    mapped = to_active(ws, ids.to_numpy(dtype=np.int64))
    return pd.Series(np.where(mapped >= 0, mapped, np.nan), index=ids.index)


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
    """rows aligned with ORDER_COLUMNS minus op_id (op_id is this operation). Keeps the
    purchase block current: the new linked lines are added to it (a block that was current,
    or a first purchase import); otherwise RFM builds it from the rows when it first runs."""
    previous = read_purchase_block(op.conn)
    first = previous is None and op.conn.execute(
        "SELECT 1 FROM orders WHERE status = 'linked' LIMIT 1").fetchone() is None
    ids = insert_many(op, "orders", ORDER_COLUMNS, [(op.id, *r) for r in rows])
    if previous is not None or first:
        cid, status = ORDER_COLUMNS.index("customer_id") - 1, ORDER_COLUMNS.index("status") - 1
        at = ORDER_COLUMNS.index("order_no") - 1, ORDER_COLUMNS.index("ordered_at") - 1, \
            ORDER_COLUMNS.index("amount") - 1
        linked = [(i, r) for i, r in zip(ids, rows, strict=True)
                  if r[status] == "linked" and r[cid] is not None]
        new = purchase_lines_frame([i for i, _ in linked], [r[cid] for _, r in linked],
                                   [r[at[0]] for _, r in linked], [r[at[1]] for _, r in linked],
                                   [r[at[2]] for _, r in linked])
        known = previous is not None and bool(previous.attrs.get("collisions", True))
        write_purchase_block(op.conn, new if previous is None else
                             pd.concat([previous, new], ignore_index=True), known or None)
    return len(rows)


def orders_count(ws: Workspace) -> dict[str, int]:
    return dict(ws.conn.execute("SELECT status, COUNT(*) FROM orders GROUP BY status").fetchall())


# ---------------------------------------------------------------- the purchase block

PURCHASE_LINE_COLUMNS = ("id", "customer_id", "order_key", "date", "amount")
# Order numbers are keyed by pandas' stable 64-bit hash (SipHash with a fixed key; the same in
# every process, unlike Python's str hash). A block records whether two different numbers
# share a key (checked when written; then RFM compares those lines' numbers as text), and the
# hash of a probe text, so one written by a pandas whose hash differs is rebuilt rather than
# mixed with new keys.
_PROBE = np.array(["SmallData 订单 A-0001"], dtype=object)
# Rows per fetchmany when reading lines from the table. Few enough that a batch's row tuples
# are freed before the collector's youngest generation fills (700 new objects): 20,000 at a
# time promoted them all, and the full collections that followed made reading three million
# lines take 18 s instead of 6.5 (outside the runner's quiet collector, e.g. the CLI).
_FETCH = 500
# Column only a frame built from the order numbers has (write_purchase_block then needs not
# read them back); never stored.
_TEXT = "order_text"


def _hash_texts(values) -> np.ndarray:
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64)
    return pd.util.hash_array(np.asarray(values, dtype=object), categorize=False).view(np.int64)


def _probe() -> int:
    return int(_hash_texts(_PROBE)[0])


def _order_texts(ids, order_nos) -> list:
    """An order number, or "line:<id>" for a line without one (each its own order), as
    RFM has always counted them."""
    return [f"line:{i}" if o is None or o == "" or (isinstance(o, float) and o != o) else o
            for i, o in zip(ids, order_nos, strict=True)]


def _parse_dates(values) -> np.ndarray:
    """ISO dates / date-times as stored -> datetime64 (NaT where unreadable), as RFM has
    always read them; dates with a UTC offset count by their wall-clock time."""
    dates = pd.to_datetime(pd.Series(values, dtype=object), errors="coerce", format="ISO8601")
    if getattr(dates.dtype, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    return dates.to_numpy(dtype="datetime64[us]")


def purchase_lines_frame(ids, customer_ids, order_nos, ordered_ats, amounts) -> pd.DataFrame:
    """Purchase lines (as stored in `orders`) as the block's columns (plus their order
    numbers, for write_purchase_block)."""
    ids = np.asarray(ids, dtype=np.int64)
    texts = _order_texts(ids.tolist(), order_nos)
    frame = pd.DataFrame({
        "id": ids,
        "customer_id": np.asarray(customer_ids, dtype=np.int64),
        "order_key": _hash_texts(texts),
        "date": _parse_dates(ordered_ats),
        "amount": np.asarray([np.nan if a is None else a for a in amounts], dtype=np.float64),
        _TEXT: pd.Series(texts, dtype=object),
    })
    frame.attrs["probe"] = _probe()
    return frame


def read_purchase_block(conn) -> pd.DataFrame | None:
    """The block, or None when there is none (or it was keyed by another hash)."""
    row = conn.execute("SELECT data FROM purchase_block WHERE id = 1").fetchone()
    if row is None:
        return None
    frame = decode_frame(row[0])
    if frame.attrs.get("probe") != _probe() or list(frame.columns) != list(PURCHASE_LINE_COLUMNS):
        return None
    return frame


def _texts_of(conn, lines: pd.DataFrame, rows: np.ndarray) -> list:
    """The order numbers ("line:<id>" for none) of lines[rows]: carried by lines built from
    the rows, read from `orders` for lines that came from a block."""
    ids = lines["id"].to_numpy()[rows].tolist()
    texts = lines[_TEXT].to_numpy(dtype=object)[rows].tolist() if _TEXT in lines \
        else [np.nan] * len(ids)
    unknown = [i for i, t in zip(ids, texts, strict=True) if not isinstance(t, str) and t != t]
    stored: dict[int, object] = {}
    for start in range(0, len(unknown), 900):
        chunk = unknown[start:start + 900]
        stored.update(conn.execute(
            f"SELECT id, order_no FROM orders WHERE id IN ({','.join('?' * len(chunk))})",
            chunk).fetchall())
    fetched = dict(zip(unknown, _order_texts(unknown, [stored.get(i) for i in unknown]),
                       strict=True))
    return [fetched.get(i, t) for i, t in zip(ids, texts, strict=True)]


def _collides(conn, lines: pd.DataFrame) -> bool:
    """Whether two different order numbers share a key among `lines`. Lines that carry their
    order number (built from the rows) are new; lines from a block were checked when it was
    written, so only keys that a new line has are compared."""
    keys = lines["order_key"].to_numpy()
    repeated = pd.Series(keys).duplicated(keep=False).to_numpy()
    if _TEXT in lines:
        repeated = repeated & np.isin(keys, keys[repeated & lines[_TEXT].notna().to_numpy()])
    if not repeated.any():
        return False
    group = pd.DataFrame({"key": keys[repeated], "text": _texts_of(conn, lines, repeated)})
    first = group.groupby("key", sort=False)["text"].transform("first").to_numpy(dtype=object)
    return any(a != b for a, b in zip(group["text"], first, strict=True))


def write_purchase_block(conn, lines: pd.DataFrame, collisions: bool | None = None) -> None:
    """Store `lines` (every linked line, any order) as the block, in line id order.
    `collisions`: whether two order numbers share a key among them, when known (None: find
    out, see _collides)."""
    order = np.argsort(lines["id"].to_numpy(), kind="stable")
    lines = lines.iloc[order].reset_index(drop=True)
    if collisions is None:
        collisions = _collides(conn, lines)
    lines = lines[list(PURCHASE_LINE_COLUMNS)]
    lines.attrs.update(probe=_probe(), collisions=bool(collisions))
    conn.execute("INSERT OR REPLACE INTO purchase_block (id, lines, data) VALUES (1, ?, ?)",
                 (len(lines), encode_frame(lines)))


def linked_lines_from_rows(ws: Workspace) -> pd.DataFrame:
    """The linked purchase lines read from `orders`, in id order, as the block's columns.
    Read a few rows at a time into one list per column: one fetchall of three million rows
    held the GIL (and with it the window) for seconds."""
    cur = ws.conn.execute(
        "SELECT id, customer_id, order_no, ordered_at, amount FROM orders "
        "WHERE status = 'linked' AND customer_id IS NOT NULL ORDER BY id")
    columns: list[list] = [[], [], [], [], []]
    while rows := cur.fetchmany(_FETCH):
        for column, part in zip(columns, zip(*rows, strict=True), strict=True):
            column.extend(part)
    return purchase_lines_frame(*columns)


@dataclass
class PurchaseLines:
    lines: pd.DataFrame  # PURCHASE_LINE_COLUMNS (+ order_text when read from the rows)
    stored: bool  # read from the block (False: read from the rows; worth storing)
    collisions: bool  # two order numbers share a key (see purchases_frame)


def purchase_lines(ws: Workspace) -> PurchaseLines:
    """Every linked purchase line: from the block when there is one, else from the rows."""
    block = read_purchase_block(ws.conn)
    if block is not None:
        return PurchaseLines(block, True, bool(block.attrs.get("collisions", True)))
    lines = linked_lines_from_rows(ws)
    return PurchaseLines(lines, False, _collides(ws.conn, lines))


def add_lines(conn, lines: PurchaseLines, more: pd.DataFrame) -> PurchaseLines:
    """`lines` then `more` (purchase_lines_frame, e.g. lines linked now)."""
    both = pd.concat([lines.lines, more], ignore_index=True)
    return PurchaseLines(both, False, lines.collisions or _collides(conn, both))


def purchases_frame(ws: Workspace, lines: PurchaseLines,
                    active: np.ndarray | None = None) -> pd.DataFrame:
    """Core's `purchases` frame from purchase lines: customer_id of the ACTIVE customer (lines
    follow a customer into a merge; lines of erased customers drop out), order_id, date,
    amount. `active`: active_ids(ws), when the caller has it.

    order_id is the lines' integer key, equal exactly when the order numbers are; in the
    (practically never seen) case of two order numbers sharing a 64-bit key, the lines whose
    (customer, key) repeats carry their order number instead, so RFM compares those as text."""
    frame = lines.lines
    customer = to_active(ws, frame["customer_id"].to_numpy(), active)
    keep = customer >= 0
    if not keep.all():
        frame, customer = frame[keep], customer[keep]
    order_id = frame["order_key"].to_numpy()
    if lines.collisions:
        repeated = pd.DataFrame({"c": customer, "k": order_id}).duplicated(keep=False).to_numpy()
        order_id = order_id.astype(object)
        # ("order", text) never equals an integer key.
        for at, text in zip(np.flatnonzero(repeated), _texts_of(ws.conn, frame, repeated),
                            strict=True):
            order_id[at] = ("order", text)
    return pd.DataFrame({"customer_id": customer, "order_id": order_id,
                         "date": frame["date"].to_numpy(), "amount": frame["amount"].to_numpy()})


def load_purchases(ws: Workspace) -> pd.DataFrame:
    """Linked purchase lines as core's `purchases` frame (see purchases_frame)."""
    return purchases_frame(ws, purchase_lines(ws))


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
    current_run: int | None = None  # the stored run shown (None: v2 rows in segment_members)
    stored_size: int = 0  # members stored (rfm / kmeans)
    label_sizes: dict[str, int] = field(default_factory=dict)


def _segment(row) -> SegmentRow:
    return SegmentRow(row[0], row[1], row[2], json.loads(row[3] or "{}"), row[4], row[5], row[6],
                      row[7])


_SEGMENT_SQL = ("SELECT id, name, kind, definition, description, created_at, updated_at, "
                "current_run FROM segments")


def list_segments(ws: Workspace) -> list[SegmentRow]:
    rows = [_segment(r) for r in ws.conn.execute(_SEGMENT_SQL + " ORDER BY id")]
    counts: dict[int, dict[str, int]] = {}
    runs = dict(ws.conn.execute(
        "SELECT r.id, r.label_sizes FROM segment_runs r JOIN segments s ON s.current_run = r.id"))
    for sid, label, n in ws.conn.execute(
            "SELECT segment_id, label, COUNT(*) FROM segment_members WHERE segment_id IN "
            "(SELECT id FROM segments WHERE current_run IS NULL) GROUP BY segment_id, label"):
        counts.setdefault(sid, {})[label or ""] = n
    for seg in rows:
        if seg.current_run is not None:
            seg.label_sizes = json.loads(runs.get(seg.current_run) or "{}")
        else:
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
    """The segment row goes (logged, with its current_run: undo brings the same result back);
    v2 member rows of it go too, logged as before."""
    delete_where(op, "segment_members", "segment_id = ?", (segment_id,))
    op.delete("segments", segment_id)


def _label_sizes(members: pd.DataFrame) -> str:
    """JSON {label: member rows} ("" for no label), as list_segments counted v2 rows."""
    counts = members["label"].value_counts(dropna=False)
    return json.dumps({("" if k is None or k != k else str(k)): int(v) for k, v in counts.items()},
                      ensure_ascii=False)


def store_run(op: Operation, segment_id: int, kind: str, members: pd.DataFrame) -> int:
    """Store a new result of the segment and make it the one shown; returns the run id.

    `members`: customer_id, label and the run's value columns (numbers, dates, text). The
    run itself is written once and never logged row by row; only the segment's current_run
    change goes to op_changes, so undo shows the previous run again and redo this one."""
    cur = op.conn.execute(
        "INSERT INTO segment_runs (segment_id, op_id, kind, size, label_sizes, members) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (segment_id, op.id, kind, len(members), _label_sizes(members),
         encode_frame(members.reset_index(drop=True))))
    op.update("segments", segment_id, {"current_run": cur.lastrowid})
    return cur.lastrowid


# Columns of an RFM member (v2 kept them as JSON in segment_members.score; a run as columns).
RFM_MEMBER_COLUMNS = ("recency_days", "frequency", "monetary", "r_score", "f_score", "m_score",
                      "rfm_score", "rfm_segment", "rfm_class")
_V2_SCORE_NAMES = {"r": "r_score", "f": "f_score", "m": "m_score"}


def _v2_members(ws: Workspace, segment_id: int) -> pd.DataFrame:
    """Members a v2 workspace stored as rows, with their JSON scores as columns."""
    cur = ws.conn.execute(
        "SELECT customer_id, label, score FROM segment_members WHERE segment_id = ? ORDER BY id",
        (segment_id,))
    rows = cur.fetchall()
    frame = pd.DataFrame({"customer_id": np.asarray([r[0] for r in rows], dtype=np.int64),
                          "label": pd.Series([r[1] for r in rows], dtype=object)})
    scores = [json.loads(r[2]) if r[2] else {} for r in rows]
    values = pd.DataFrame(scores).rename(columns=_V2_SCORE_NAMES) if rows else pd.DataFrame()
    for column in values.columns:
        if column in ("r_score", "f_score", "m_score"):
            frame[column] = pd.array(values[column].tolist(), dtype="Int64")
        elif column == "cluster":
            frame[column] = values[column].to_numpy()
        elif column not in frame and column in (*RFM_MEMBER_COLUMNS,):
            series = values[column]
            frame[column] = series.to_numpy(dtype=object) if series.dtype.kind not in "iuf" \
                else series.to_numpy()
    return frame


def member_frame(ws: Workspace, segment_id: int) -> pd.DataFrame:
    """The segment's stored result: customer_id (active; merged members follow their
    customer, one row each), label, and the value columns of the run (RFM: RFM_MEMBER_COLUMNS;
    k-means: cluster, 0-based)."""
    row = ws.conn.execute("SELECT r.members FROM segments s JOIN segment_runs r "
                          "ON r.id = s.current_run WHERE s.id = ?", (segment_id,)).fetchone()
    frame = decode_frame(row[0]) if row is not None else _v2_members(ws, segment_id)
    if frame.empty:
        return frame
    mapped = to_active(ws, frame["customer_id"].to_numpy())
    frame["customer_id"] = mapped
    keep = (mapped >= 0) & ~pd.Series(mapped).duplicated().to_numpy()
    return frame[keep].reset_index(drop=True)


def forget_customers(conn, customer_ids: Iterable[int]) -> int:
    """Take these customers out of every stored run (erasing a person); returns how many
    member entries went. Runs are rewritten in place: they are not in the operation log."""
    ids = np.asarray(sorted({int(c) for c in customer_ids}), dtype=np.int64)
    removed = 0
    for run_id, data in conn.execute("SELECT id, members FROM segment_runs").fetchall():
        frame = decode_frame(data)
        gone = np.isin(frame["customer_id"].to_numpy(), ids)
        if not gone.any():
            continue
        frame = frame[~gone].reset_index(drop=True)
        conn.execute("UPDATE segment_runs SET size = ?, label_sizes = ?, members = ? WHERE id = ?",
                     (len(frame), _label_sizes(frame), encode_frame(frame), run_id))
        removed += int(gone.sum())
    return removed


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
