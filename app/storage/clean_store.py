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
from app.core.cleaning.plan import CleaningPlan
from app.core.cleaning.recipe import Recipe
from app.core.progress import ProgressFn, check_cancel, no_progress
from app.storage.workspace import Operation, Workspace, now_iso, same_value

CHUNK = 20_000  # customers read, compared and written per round trip
RECIPE_PREFIX = "recipe:"
SCORE_KEY = "quality.last_score"


@dataclass
class AppliedClean:
    op_id: int | None  # None when nothing needed changing (no history entry is written)
    customers: int  # customers whose row changed
    cells: int  # cells changed, flags/alternates/salutation included


class _NothingChanged(Exception):
    """Raised inside the operation to roll it back: an empty step would only clutter history."""


def _encode(value):
    """A cleaned value as SQLite keeps it: lists and dicts (an employee band) as JSON text."""
    if isinstance(value, list | tuple | dict):
        return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


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
    return json.dumps(merged, ensure_ascii=False) if merged else None


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


def _sorted_field(column):
    ids = np.asarray(column.customer_ids, dtype=np.int64)
    order = np.argsort(ids, kind="stable")  # stable: a later rule's change to a cell wins
    return ids[order], order


def apply_plan(ws: Workspace, plan: CleaningPlan, summary: str, params: dict | None = None, *,
               progress: ProgressFn | None = None, cancel=None) -> AppliedClean:
    """Write the plan's changes, flags, alternates and salutations as one undoable step."""
    progress = progress or no_progress
    fields = {name: (column, *_sorted_field(column)) for name, column in plan.columns.items()
              if len(column)}
    extras = (("flags", plan.flags, {}), ("alt_phones", plan.alt_phones, []),
              ("alt_emails", plan.alt_emails, []))
    touched = [ids for _, ids, _ in fields.values()]
    touched += [np.fromiter(d.keys(), dtype=np.int64, count=len(d)) for _, d, _ in extras if d]
    if plan.salutation:
        touched.append(np.fromiter(plan.salutation, dtype=np.int64, count=len(plan.salutation)))
    excluded = set(getattr(plan, "excluded", None) or ())
    if excluded:  # fake rows the user chose to exclude: status 'excluded', undoable
        touched.append(np.fromiter(excluded, dtype=np.int64, count=len(excluded)))
    all_ids = unique_sorted(np.concatenate(touched)) if touched else np.empty(0, np.int64)
    columns = [*fields, *(name for name, d, _ in extras if d)]
    if plan.salutation:
        columns.append("salutation")
    if excluded:
        columns.append("status")
    customers = cells = 0
    if not len(all_ids):
        return AppliedClean(None, 0, 0)
    from app.storage import backups

    backups.before_step(ws, "clean")  # a safety copy first, outside the transaction
    try:
        with ws.operation("clean", summary, params) as op:
            for start in range(0, len(all_ids), CHUNK):
                check_cancel(cancel)
                progress(start / max(len(all_ids), 1), "")
                chunk_ids = all_ids[start:start + CHUNK]
                lo, hi = int(chunk_ids[0]), int(chunk_ids[-1])
                rows: dict[int, dict] = {}
                for name, (column, ids, order) in fields.items():
                    a, b = np.searchsorted(ids, [lo, hi + 1])
                    new = column.new
                    for cid, value in zip(ids[a:b].tolist(), new[order[a:b]].tolist(),
                                          strict=True):
                        rows.setdefault(cid, {})[name] = (
                            value if type(value) is str else _encode(value))
                for cid in chunk_ids.tolist():
                    for name, updates, empty in extras:
                        if cid in updates:
                            rows.setdefault(cid, {})[name] = ("merge", updates[cid], empty)
                    if cid in plan.salutation:
                        rows.setdefault(cid, {})["salutation"] = plan.salutation[cid]
                    if cid in excluded:
                        rows.setdefault(cid, {})["status"] = "excluded"
                n_rows, n_cells = write_updates(op, rows, columns)
                customers += n_rows
                cells += n_cells
            if not customers:
                raise _NothingChanged
            op.params = {**(params or {}), "customers": customers, "cells": cells}
            op_id = op.id
    except _NothingChanged:
        return AppliedClean(None, 0, 0)
    progress(1.0, "")
    return AppliedClean(op_id, customers, cells)


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
    sql = f"SELECT {', '.join(columns)} FROM customers WHERE status = 'active'"
    params: list = []
    if ids is not None:
        params = list(ids)
        sql += f" AND id IN ({','.join('?' for _ in params)})"
    rows = ws.conn.execute(sql + " ORDER BY id", params).fetchall()
    # One block per column, never consolidated: merging a dozen object columns into one 2-D
    # block (what rename/drop/copy do) is a single numpy call that held the GIL for 0.3-0.4 s
    # at 300k rows, the window frozen. Only the filled columns are kept, named as returned.
    data = {"customer_id": np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))}
    for k, name in enumerate(ROLE_KEYS, start=1):
        column = np.fromiter((r[k] for r in rows), dtype=object, count=len(rows))
        if any_present(column):
            data[name] = column
    while rows:  # a slice at a time: the row tuples freed at once held the GIL 0.3 s at 1M
        del rows[-50_000:]
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
