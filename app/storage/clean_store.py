"""Cleaning in the workspace: a core CleaningPlan applied as ONE logged operation, value merges
from the clustering panel, saved recipes and the last quality score.

The writes record the same op_changes rows as Operation.update (before/after images keyed by
table and row id), only in bulk with executemany and holding just the columns that changed
(plus id): oplog.undo restores those columns, so a million-row clean stays one transaction of a
few seconds and its undo puts back exactly what was there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from app.core.arrays import any_present, unique_sorted
from app.core.cleaning.per_customer import FlagSet
from app.core.cleaning.plan import CleaningPlan
from app.core.cleaning.recipe import Recipe
from app.core.progress import ProgressFn, check_cancel, no_progress
from app.storage.bulk_update import StagedUpdate
from app.storage.workspace import Operation, Workspace, now_iso, same_value

CHUNK = 20_000  # customers read, compared and written per round trip
FETCH_ROWS = 20_000  # rows per fetch when loading role columns
RECIPE_PREFIX = "recipe:"
SCORE_KEY = "quality.last_score"


@dataclass
class AppliedClean:
    op_id: int | None  # None when nothing needed changing (no history entry is written)
    customers: int  # customers whose row changed
    cells: int  # cells changed, flags/alternates/salutation included


class _NothingChanged(Exception):
    """Raised inside the operation to roll it back: an empty step would only clutter history."""


def _json_encoder():
    """json.dumps(value, ensure_ascii=False) without its per-call set-up: dumps and
    JSONEncoder.encode build a C encoder for every value (1.3 us of an employee band's 1.7)
    and this is that encoder, made once: the same text."""
    from json import encoder

    python = json.JSONEncoder(ensure_ascii=False)
    if encoder.c_make_encoder is None:  # no C speed-ups in this Python
        return python.encode
    encode = encoder.c_make_encoder(None, python.default, encoder.encode_basestring, None,
                                    ": ", ", ", False, False, True)
    return lambda value: "".join(encode(value, 0))


_to_json = _json_encoder()


def _encode(value):
    """A cleaned value as SQLite keeps it: lists and dicts (an employee band) as JSON text."""
    if isinstance(value, list | tuple | dict):
        return _to_json(list(value) if isinstance(value, tuple) else value)
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, bool):  # kept as 1/0 either way; an int binds faster than a bool
        return int(value)
    if isinstance(value, np.generic):
        return value.item()
    return value


_AS_IS = {str, int, type(None)}  # values SQLite keeps as they are


def _encoded(values: list) -> list:
    """_encode of each value; a column of text (most are) is checked by one pass in C."""
    if set(map(type, values)) <= _AS_IS:
        return values
    return [v if (t := type(v)) is str or t is int or (t is float and v == v)
            else int(v) if t is bool else _encode(v) for v in values]


def _loads(text, empty):
    if not text:
        return empty
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return empty
    return value if isinstance(value, type(empty)) else empty


def _merged_json(before_text, addition, empty):
    """Existing JSON flags/alternates with the plan's added (dict merge, list dedup)."""
    current = _loads(before_text, empty)
    if isinstance(empty, dict):
        merged = {**current, **addition}
    else:
        merged = list(dict.fromkeys([*current, *addition]))
    return _to_json(merged) if merged else None


def write_updates(op: Operation, rows: dict[int, dict], columns: Iterable[str]) -> tuple[int, int]:
    """Apply {customer id: {column: final value | ("merge", addition, empty)}} to active
    customers, logging only the changed columns; returns (customers changed, cells changed)."""
    columns = list(dict.fromkeys(columns))
    if not rows:
        return 0, 0
    ids = sorted(rows)
    changes: list[tuple[int, dict, dict]] = []
    changed_cells = 0
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        cur = op.conn.execute(
            f"SELECT id, {', '.join(columns)} FROM customers WHERE status = 'active' "
            f"AND id IN ({','.join('?' * len(chunk))})", chunk)
        for row in cur.fetchall():
            cid = row[0]
            before_row = dict(zip(columns, row[1:], strict=True))
            before, after = {}, {}
            for column, value in rows[cid].items():
                old = before_row[column]
                if isinstance(value, tuple) and value and value[0] == "merge":
                    value = _merged_json(old, value[1], value[2])
                if same_value(old, value):
                    continue
                before[column] = old
                after[column] = value
            if after:
                changes.append((cid, before, after))
                changed_cells += len(after)
    op.write_changes("customers", changes)
    return len(changes), changed_cells


def _last_per_id(ids, values):
    """(sorted unique ids, their values) from parallel arrays: where an id repeats, the last
    one wins (a later rule's change to a cell)."""
    ids = np.asarray(ids, dtype=np.int64)
    order = np.argsort(ids, kind="stable")
    ids = ids[order]
    last = np.ones(len(ids), dtype=bool)
    last[:-1] = ids[1:] != ids[:-1]
    return ids[last], np.asarray(values, dtype=object)[order[last]]


def _from_dict(d: dict):
    ids = np.fromiter(d.keys(), dtype=np.int64, count=len(d))
    # fromiter stores each value as it is (a list of alternates too), in one short pass;
    # values[:] = list(...) looked into every list as a possible row of a 2-D array.
    values = np.fromiter(d.values(), dtype=object, count=len(d))
    return _last_per_id(ids, values)


def _union_sorted(parts: list[np.ndarray]) -> np.ndarray:
    """The ids in any of these sorted arrays, sorted: marked in a bitmap of the id range
    (sorting the 7M ids of a 1M-row clean took 0.45 s)."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return np.empty(0, dtype=np.int64)
    lo, hi = min(int(p[0]) for p in parts), max(int(p[-1]) for p in parts)
    if lo < 0 or hi - lo > 8 * sum(len(p) for p in parts) + 1_000_000:
        return unique_sorted(np.concatenate(parts))  # ids too sparse for a bitmap
    seen = np.zeros(hi - lo + 1, dtype=bool)
    for p in parts:
        seen[p - lo] = True
    return np.flatnonzero(seen) + lo


def apply_plan(ws: Workspace, plan: CleaningPlan, summary: str, params: dict | None = None, *,
               progress: ProgressFn | None = None, cancel=None) -> AppliedClean:
    """Write the plan's changes, flags, alternates and salutations as one undoable step.

    Python stages the new values chunk by chunk (flags and alternates merged with what the
    row holds); SQLite then compares, logs and writes them (storage.bulk_update)."""
    progress = progress or no_progress
    # column -> (sorted ids, values, how): "set" a value, or "merge" an addition into JSON
    staged: dict[str, tuple[np.ndarray, np.ndarray, object]] = {}
    for name, column in plan.columns.items():
        if len(column):
            staged[name] = (*_last_per_id(column.customer_ids, column.new), None)
    if plan.flags:  # per-customer {field: reason} made a chunk at a time (_staged_columns)
        staged["flags"] = (plan.flags.customer_ids(), plan.flags, {})
    for name, values, empty in (("alt_phones", plan.alt_phones, []),
                                ("alt_emails", plan.alt_emails, []),
                                ("salutation", plan.salutation, None)):
        if values:
            staged[name] = (*values.arrays(), empty)
    excluded = list(dict.fromkeys(getattr(plan, "excluded", None) or ()))
    if excluded:  # fake rows the user chose to exclude: status 'excluded', undoable
        staged["status"] = (*_from_dict(dict.fromkeys(excluded, "excluded")), None)
    if not staged:
        return AppliedClean(None, 0, 0)
    all_ids = _union_sorted([ids for ids, _, _ in staged.values()])
    columns = list(staged)
    merged = [name for name, (_, _, empty) in staged.items() if empty is not None]
    from app.storage import backups

    # A safety copy first, outside the transaction (seconds for a big workspace: shown).
    backups.before_step(ws, "clean", lambda f: progress(0.1 * f, ""), cancel)
    try:
        with ws.operation("clean", summary, params) as op:
            stage = StagedUpdate(op.conn, "customers", columns, "c.status = 'active'")
            customers = cells = 0
            for start in range(0, len(all_ids), CHUNK):
                check_cancel(cancel)
                progress(0.1 + 0.9 * start / len(all_ids), "")
                chunk = all_ids[start:start + CHUNK]
                stage.add(chunk, *_staged_columns(op, chunk, staged, columns, merged))
                rows, changed = stage.apply(op.id, cancel)
                customers += rows
                cells += changed
            stage.close()
            if not customers:
                raise _NothingChanged
            op.params = {**(params or {}), "customers": customers, "cells": cells}
            op_id = op.id
    except _NothingChanged:
        return AppliedClean(None, 0, 0)
    return AppliedClean(op_id, customers, cells)


def _staged_columns(op: Operation, chunk: np.ndarray, staged: dict, columns: list[str],
                    merged: list[str]) -> tuple[np.ndarray, list[np.ndarray]]:
    """(wanted bits, one object array of values per column) for the ids in `chunk` (sorted)."""
    lo, hi = int(chunk[0]), int(chunk[-1])
    n = len(chunk)
    wanted = np.zeros(n, dtype=np.int64)
    values = []
    current = {}
    if merged:  # what the rows hold now (when anything), to merge the additions into
        current = {r[0]: r[1:] for r in op.conn.execute(
            f"SELECT id, {', '.join(merged)} FROM customers WHERE id BETWEEN ? AND ? "
            f"AND ({' OR '.join(f'{name} IS NOT NULL' for name in merged)})", (lo, hi))}
    for k, name in enumerate(columns):
        ids, new, empty = staged[name]
        a, b = np.searchsorted(ids, [lo, hi + 1])
        where = np.searchsorted(chunk, ids[a:b])
        wanted[where] |= 1 << k
        column = np.zeros(n, dtype=object)  # 0 where this column is not set (binds fastest)
        if isinstance(new, FlagSet):
            part = new.between(lo, hi)[1]  # its ids are ids[a:b]
        else:
            part = new[a:b]
        if empty is None:
            if not set(map(type, part)) <= _AS_IS:  # most columns: texts as they are
                part = _encoded(part.tolist())
        else:
            slot = merged.index(name)
            part = [_merged_json(current[cid][slot] if cid in current else None, add, empty)
                    for cid, add in zip(ids[a:b].tolist(), part, strict=True)]
        column[where] = part
        values.append(column)
    return wanted, values


def replace_values(ws: Workspace, field: str, mapping: dict[str, str], summary: str,
                   params: dict | None = None) -> AppliedClean:
    """Clustering panel: every active customer whose `field` is a variant gets the canonical
    value, as one undoable step."""
    from app.core.fields import ROLE_KEYS

    if field not in ROLE_KEYS:
        raise ValueError(f"not a customer field: {field!r}")
    mapping = {k: v for k, v in mapping.items() if k != v}
    if not mapping:
        return AppliedClean(None, 0, 0)
    variants = list(mapping)
    rows: dict[int, dict] = {}
    for start in range(0, len(variants), 500):
        part = variants[start:start + 500]
        for cid, value in ws.conn.execute(
                f"SELECT id, {field} FROM customers WHERE status = 'active' "
                f"AND {field} IN ({','.join('?' * len(part))})", part):
            rows[cid] = {field: mapping[value] or None}
    if not rows:
        return AppliedClean(None, 0, 0)
    from app.storage import backups

    backups.before_step(ws, "clean")  # a safety copy first, outside the transaction
    with ws.operation("clean", summary, {**(params or {}), "field": field,
                                         "mapping": mapping}) as op:
        customers, cells = write_updates(op, rows, [field])
        op.params = {**(params or {}), "field": field, "mapping": mapping,
                     "customers": customers}
        op_id = op.id
    return AppliedClean(op_id, customers, cells)


def load_role_columns(ws: Workspace, ids=None):
    """Active customers' role columns only (what Check and Clean read): customer_id plus the
    ROLE_KEYS columns any import filled. Skips the JSON columns load_customers decodes per row,
    which at a million rows cost more than the cleaning itself."""
    import pandas as pd

    from app.core.fields import ROLE_KEYS

    columns = ["id", *ROLE_KEYS]
    where = "status = 'active'"
    params: list = []
    if ids is not None:
        from app.storage.customers import ids_json

        params = [ids_json(ids)]
        where += " AND id IN (SELECT value FROM json_each(?))"
    n = ws.conn.execute(f"SELECT COUNT(*) FROM customers WHERE {where}", params).fetchone()[0]
    # Each fetch of 20k rows becomes a small 2-D object array (one short C call) whose columns
    # are copied into per-column arrays: no million-row call holds the GIL (one 14M-cell table
    # took 0.36 s to allocate), and a column is built in half the time of a pass over tuples.
    # One block per column in the frame, never consolidated: merging a dozen object columns
    # into one 2-D block (what rename/drop/copy do) held the GIL 0.3-0.4 s at 300k rows.
    ids = np.empty(n, dtype=np.int64)
    out = [np.empty(n, dtype=object) for _ in ROLE_KEYS]
    cursor = ws.conn.execute(f"SELECT {', '.join(columns)} FROM customers WHERE {where} "
                             "ORDER BY id", params)
    at = 0
    while at < n:
        part = cursor.fetchmany(FETCH_ROWS)
        if not part:
            break
        block = np.empty((len(part), len(columns)), dtype=object)
        block[:] = part
        ids[at:at + len(part)] = block[:, 0]
        for k, column in enumerate(out, start=1):
            column[at:at + len(part)] = block[:, k]
        at += len(part)
        del block, part
    data = {"customer_id": ids[:at]}
    for name, column in zip(ROLE_KEYS, out, strict=True):
        if any_present(column[:at]):  # only the filled columns are kept, named as returned
            # Kept as object: pandas 3 would turn an all-text column into its str dtype, one
            # C call over a million cells per column (the window froze 0.1-0.2 s at 1M rows).
            data[name] = pd.Series(column[:at] if at < n else column, dtype=object, copy=False)
    return pd.DataFrame(data, copy=False)


# ---------------------------------------------------------------- recipes and score

def save_recipe(ws: Workspace, recipe: Recipe) -> None:
    ws.set_meta(RECIPE_PREFIX + recipe.name, recipe.to_json())


def load_recipe(ws: Workspace, name: str) -> Recipe | None:
    text = ws.get_meta(RECIPE_PREFIX + name)
    return Recipe.from_json(text) if text else None


def list_recipes(ws: Workspace) -> list[Recipe]:
    rows = ws.conn.execute("SELECT value FROM meta WHERE key LIKE ? ORDER BY key",
                           (RECIPE_PREFIX + "%",)).fetchall()
    return [Recipe.from_json(r[0]) for r in rows]


def save_score(ws: Workspace, score: float) -> None:
    # The newest step it saw: a later step that changes customers makes the score old.
    last_op = ws.conn.execute("SELECT COALESCE(MAX(id), 0) FROM operations").fetchone()[0]
    ws.set_meta(SCORE_KEY, json.dumps({"score": score, "at": now_iso(), "op": last_op}))


# Steps that change customers' values, and so make a saved quality score out of date.
DATA_KINDS = ("import", "clean", "merge", "review", "unmerge", "erase", "undo",
              "edit_marketing")


def score_status(ws: Workspace) -> tuple[float | None, bool]:
    """(the last quality score or None, whether customers changed since it was measured)."""
    data = _loads(ws.get_meta(SCORE_KEY), {})
    score = data.get("score")
    if score is None:
        return None, False
    marks = ",".join("?" * len(DATA_KINDS))
    if isinstance(data.get("op"), int):
        where, since = "id > ?", data["op"]
    else:  # saved by an older version: only its time is known (to the second)
        where, since = "created_at > ?", data.get("at") or ""
    changed = ws.conn.execute(
        f"SELECT 1 FROM operations WHERE {where} AND kind IN ({marks}) LIMIT 1",
        (since, *DATA_KINDS)).fetchone()
    return float(score), changed is not None


def last_score(ws: Workspace) -> float | None:
    data = _loads(ws.get_meta(SCORE_KEY), {})
    return data.get("score")
