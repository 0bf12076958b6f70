"""Merges, unmerges and review decisions in the workspace.

A merge inserts one new survivor customer (built by core.dedup.merge_records) and marks the
merged customers status='merged', merged_into=survivor; their source rows then follow the
survivor (customers.source_rows_by_customer). Every write goes through Operation, so the
generic oplog.undo can undo a whole merge step; `unmerge` undoes one group of it on its own,
at any time, even after later merges, by restoring the originals' before-images.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from app.core.arrays import free, unique_sorted
from app.core.dedup import MergedRecord, SurvivorshipRules, merge_records
from app.core.errors import StudioError
from app.core.fields import ROLE_KEYS
from app.core.frames import release
from app.core.i18n import QT_TRANSLATE_NOOP, Summary
from app.core.progress import ProgressFn, check_cancel, no_progress
from app.storage.customers import load_customers
from app.storage.values import json_or_none
from app.storage.workspace import Operation, Workspace, now_iso

MERGE_KIND = "merge"
UNMERGE_KIND = "unmerge"
REVIEW_KIND = "review"
MERGED_GROUPS = QT_TRANSLATE_NOOP("history",
                                  "Merged {groups} groups of duplicates ({customers} customers)")
MERGED_ONE = QT_TRANSLATE_NOOP("history", "Merged customers {ids}")
UNMERGED_LINE = QT_TRANSLATE_NOOP("history", "Unmerged {name} back into {n} customers")
REVIEWED = QT_TRANSLATE_NOOP("history", "Recorded {n} review answers")
UNMERGED = "unmerged"  # status of a survivor whose merge was taken apart

NOT_A_MERGE = QT_TRANSLATE_NOOP("errors", "Customer {customer} is not the result of a merge.")
MERGED_AGAIN = QT_TRANSLATE_NOOP(
    "errors",
    "Customer {customer} was merged again later (into customer {into}); unmerge {into} first.",
)
TOO_FEW = QT_TRANSLATE_NOOP("errors", "A merge needs at least two active customers.")


@dataclass
class MergeDone:
    survivor_id: int
    merged_ids: list[int]


@dataclass
class MergeReport:
    op_id: int | None
    merges: list[MergeDone] = field(default_factory=list)

    @property
    def customers_merged(self) -> int:
        return sum(len(m.merged_ids) for m in self.merges)


@dataclass
class UnmergeReport:
    op_id: int
    survivor_id: int
    restored_ids: list[int]
    dropped_edits: dict[str, tuple[object, object]]  # field -> (value after merge, value now)


@dataclass
class MergeInfo:
    survivor_id: int
    name: object
    merged_ids: list[int]
    op_id: int
    created_at: str


def _plain(value):
    """A merge value as SQLite takes it (numpy scalars, NaN)."""
    if value is None:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _survivor_values(merged: MergedRecord, records: list[dict], op_id: int) -> dict:
    values = {k: _plain(merged.fields.get(k)) for k in ROLE_KEYS if k in merged.fields}
    newest = next(r for r in records if r["customer_id"] == merged.customer_ids[0])
    salutation = newest.get("salutation")
    imported = [str(r["imported_at"]) for r in records if isinstance(r.get("imported_at"), str)]
    values.update(
        status="active",
        created_op=op_id,
        alt_phones=json_or_none(merged.alt_phones),
        alt_emails=json_or_none(merged.alt_emails),
        extra=json_or_none({k: _plain(v) for k, v in merged.extra.items()}),
        flags=json_or_none(merged.flags),
        salutation=_plain(salutation) if isinstance(salutation, str) else None,
        imported_at=max(imported) if imported else None,
    )
    return values


def merge_in_op(op: Operation, records: list[dict], rules: SurvivorshipRules | None,
                pending: dict[int, dict] | None = None) -> MergeDone:
    """Merge the given customer rows (storage-contract rows as dicts) inside an open operation.

    pending: collect the merged records' updates there, for the caller to apply in batches
    (Operation.update_many), instead of one read-update-read per record."""
    merged = merge_records(records, rules)
    survivor = op.insert("customers", _survivor_values(merged, records, op.id))
    for cid in merged.customer_ids:
        values = {"status": "merged", "merged_into": survivor}
        if pending is None:
            op.update("customers", cid, values)
        else:
            pending[cid] = values
    return MergeDone(survivor, sorted(merged.customer_ids))


def merge_groups(
    ws: Workspace,
    groups: Iterable[Iterable[int]],
    rules: SurvivorshipRules | None = None,
    *,
    summary: str | None = None,
    progress: ProgressFn | None = None,
    cancel=None,
) -> MergeReport:
    """Merge each group of customer ids into one new customer; one operation for all groups
    (each group can still be unmerged on its own later)."""
    progress = progress or no_progress
    groups = [sorted({int(c) for c in g}) for g in groups]
    groups = [g for g in groups if len(g) >= 2]
    if not groups:
        return MergeReport(None)
    # Sorted by numpy (the sort lets the GIL go); a position per id rather than a copy of the
    # frame indexed by id (a 94k-group merge at 1M rows froze the window ~0.1 s as it began).
    wanted = unique_sorted(np.fromiter((c for g in groups for c in g), dtype=np.int64))
    frame = load_customers(ws, ids=wanted.tolist())
    position = {cid: k for k, cid in enumerate(frame["customer_id"].tolist())}  # active ones
    # Each group's rows as dicts built from whole columns: a small DataFrame per group cost
    # ~1 ms of pandas overhead, minutes for a big merge. Object arrays rather than lists: the
    # garbage collector does not walk arrays, and 30 fresh lists of 188k items each were walked
    # by the next young collections (~0.1 s each with the GIL held, at 94k groups).
    names = list(frame.columns)
    columns = [frame[name].to_numpy(dtype=object, copy=True) for name in names]
    # Emptied a slice at a time now it is copied: freed at return, a 94k-group merge's records
    # (188k rows) held the GIL 0.18 s in one cascade and froze the window.
    release(frame)
    label = summary or (
        Summary(MERGED_GROUPS, groups=len(groups), customers=sum(map(len, groups)))
        if len(groups) > 1 else Summary(MERGED_ONE, ids=list(groups[0]))
    )
    report = MergeReport(None)
    params = {"groups": len(groups), "rules": _rules_params(rules)}
    from app.storage import backups

    # Outside the transaction; a run of merges shares one copy. Seconds for a big workspace.
    backups.before_step(ws, MERGE_KIND, lambda f: progress(0.1 * f, "Merging"), cancel)
    with ws.operation(MERGE_KIND, label, params) as op:
        pending: dict[int, dict] = {}  # the merged records' status, written 200 groups at a time
        for k, group in enumerate(groups):
            if k % 200 == 0:
                op.update_many("customers", pending)
                pending.clear()
                check_cancel(cancel)
                progress(0.1 + 0.9 * k / len(groups), "Merging")
            group = [c for c in group if c in position]
            if len(group) < 2:
                continue
            rows = [{name: column[position[c]] for name, column in zip(names, columns, strict=True)}
                    for c in group]
            report.merges.append(merge_in_op(op, rows, rules, pending))
        op.update_many("customers", pending)
        if not report.merges:
            raise StudioError(TOO_FEW)
        report.op_id = op.id
    for column in columns:
        free(column)
    free(position)
    free(groups)
    progress(1.0, "")
    return report


def _rules_params(rules: SurvivorshipRules | None) -> dict:
    rules = rules or SurvivorshipRules()
    return {"rules": rules.rules, "default": rules.default, "purchases": rules.purchases}


def _row(ws: Workspace, cid: int) -> dict | None:
    cur = ws.conn.execute("SELECT * FROM customers WHERE id = ?", (cid,))
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else None


def unmerge(ws: Workspace, survivor_id: int) -> UnmergeReport:
    """Take one merge apart: the original customers come back exactly as they were before it,
    the merged customer leaves the active list. Edits made to the merged customer after the
    merge (a later clean) are dropped and listed in the report."""
    survivor = _row(ws, survivor_id)
    if survivor is None or survivor["raw_row_id"] is not None:
        raise StudioError(NOT_A_MERGE, customer=survivor_id)
    if survivor["status"] == "merged":
        raise StudioError(MERGED_AGAIN, customer=survivor_id, into=survivor["merged_into"])
    merge_op = survivor["created_op"]
    kind = ws.conn.execute("SELECT kind FROM operations WHERE id = ?", (merge_op,)).fetchone()
    originals = [
        r[0] for r in ws.conn.execute(
            "SELECT id FROM customers WHERE merged_into = ? ORDER BY id", (survivor_id,))
    ]
    if survivor["status"] != "active" or not kind or kind[0] != MERGE_KIND or not originals:
        raise StudioError(NOT_A_MERGE, customer=survivor_id)
    images = {}
    inserted_after = None
    for row_id, before, after in ws.conn.execute(
        "SELECT row_id, before, after FROM op_changes WHERE op_id = ? AND tbl = 'customers' "
        "ORDER BY id", (merge_op,)
    ):
        if row_id in originals and before is not None and row_id not in images:
            images[row_id] = json.loads(before)
        if row_id == survivor_id and before is None:
            inserted_after = json.loads(after)
    dropped = {}
    if inserted_after:
        for key in (*ROLE_KEYS, "alt_phones", "alt_emails", "extra", "flags", "salutation"):
            if inserted_after.get(key) != survivor.get(key):
                dropped[key] = (inserted_after.get(key), survivor.get(key))
    name = survivor.get("name") or survivor_id
    with ws.operation(UNMERGE_KIND, Summary(UNMERGED_LINE, name=name, n=len(originals)),
                      {"survivor": survivor_id, "merge_op": merge_op}) as op:
        for cid in originals:
            before = images.get(cid)
            values = ({k: v for k, v in before.items() if k != "id"} if before
                      else {"status": "active", "merged_into": None})
            op.update("customers", cid, values)
        op.update("customers", survivor_id, {"status": UNMERGED})
        op_id = op.id
    return UnmergeReport(op_id, survivor_id, originals, dropped)


def list_merges(ws: Workspace) -> list[MergeInfo]:
    """Active merged customers, newest merge first, with the customers inside them."""
    rows = ws.conn.execute(
        "SELECT c.id, c.name, c.created_op, o.created_at FROM customers c "
        "JOIN operations o ON o.id = c.created_op "
        "WHERE c.raw_row_id IS NULL AND c.status = 'active' AND o.kind = ? "
        "ORDER BY c.id DESC", (MERGE_KIND,)
    ).fetchall()
    children: dict[int, list[int]] = {}
    for cid, into in ws.conn.execute(
        "SELECT id, merged_into FROM customers WHERE merged_into IS NOT NULL "
        "AND status = 'merged'"
    ):
        children.setdefault(into, []).append(cid)
    merges = [MergeInfo(r[0], r[1], sorted(children.get(r[0], [])), r[2], r[3]) for r in rows]
    free(rows)  # a slice at a time (see merge_groups)
    free(children)
    return merges


# ---------------------------------------------------------------- review decisions


def _roots(ws: Workspace) -> dict[int, int]:
    parent = dict(ws.conn.execute(
        "SELECT id, merged_into FROM customers WHERE merged_into IS NOT NULL AND status = 'merged'"
    ).fetchall())

    def root(cid: int) -> int:
        for _ in range(1000):
            if cid not in parent:
                break
            cid = parent[cid]
        return cid

    return {cid: root(cid) for cid in parent}


def load_decisions(ws: Workspace) -> list[tuple[int, int, str]]:
    """The user's answers, with ids followed through later merges (a pair marked different
    stays different after one side was merged with a third record)."""
    roots = _roots(ws)
    found: dict[tuple[int, int], str] = {}
    for a, b, decision in ws.conn.execute(
        "SELECT a, b, decision FROM pair_decisions ORDER BY id"
    ):
        ra, rb = roots.get(a, a), roots.get(b, b)
        if ra != rb:
            found[(min(ra, rb), max(ra, rb))] = decision
    return [(a, b, d) for (a, b), d in found.items()]


def record_decisions_in_op(op: Operation, decisions: Iterable[tuple[int, int, str]]) -> int:
    count = 0
    for a, b, decision in decisions:
        a, b = sorted((int(a), int(b)))
        decision = str(decision).strip().lower()
        if decision not in ("same", "different") or a == b:
            continue
        row = op.conn.execute(
            "SELECT id FROM pair_decisions WHERE a = ? AND b = ?", (a, b)).fetchone()
        if row:
            op.update("pair_decisions", row[0], {"decision": decision, "decided_at": now_iso()})
        else:
            op.insert("pair_decisions",
                      {"a": a, "b": b, "decision": decision, "decided_at": now_iso()})
        count += 1
    return count


def record_decisions(ws: Workspace, decisions: Iterable[tuple[int, int, str]]) -> int:
    decisions = list(decisions)
    with ws.operation(REVIEW_KIND, Summary(REVIEWED, n=len(decisions))) as op:
        return record_decisions_in_op(op, decisions)


def newest_import_customers(ws: Workspace) -> set[int]:
    """Active customers created by the newest import still in effect (for linking mode)."""
    row = ws.conn.execute(
        "SELECT MAX(o.id) FROM operations o WHERE o.kind = 'import' AND o.undone_at IS NULL "
        "AND EXISTS (SELECT 1 FROM customers c WHERE c.created_op = o.id)"
    ).fetchone()
    if not row or row[0] is None:
        return set()
    return {r[0] for r in ws.conn.execute(
        "SELECT id FROM customers WHERE created_op = ? AND status = 'active'", (row[0],))}
