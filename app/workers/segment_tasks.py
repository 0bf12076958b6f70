"""Segment use cases (Qt-free): purchase lines, RFM, k-means personas, rule segments, tags.

The CLI calls these directly; the GUI through the task runner. Every change is one
ws.operation (one transaction, one history line, undoable). Rule segments are stored as
definitions and evaluated against the current data each time they are read, so they are never
stale; RFM and k-means results are stored as runs (a snapshot the user chose to compute, with
its reference date / features recorded in the definition; one block per run, see
segment_store), and undoing a run shows the previous one again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from app.core.errors import UsageProblem
from app.core.i18n import QT_TRANSLATE_NOOP, FieldName, Summary
from app.core.progress import ProgressFn, check_cancel, no_progress, sub_progress
from app.storage import segment_store as store
from app.storage.customers import load_customers
from app.storage.values import raw_cells_json
from app.storage.workspace import Workspace

RFM_NAME = "RFM"
KMEANS_NAME = "Personas"
# Storage column -> the field name rules and core's lead_score / lifecycle_stage use.
MARKETING_RENAME = {"lifecycle": "lifecycle_stage", "bant_budget": "budget",
                    "bant_authority": "authority", "bant_need": "need",
                    "bant_timeline": "timeline"}

# History lines (app.core.i18n.Summary: English in the log, shown in the user's language).
ORDERS_IMPORTED = QT_TRANSLATE_NOOP("history",
                                    "Purchase lines from {file}: {lines} lines, {linked} linked")
RFM_DONE = QT_TRANSLATE_NOOP("history", "RFM as of {date}: {n} customers")
PERSONAS_DONE = QT_TRANSLATE_NOOP("history", "Personas: {k} groups over {features}")
PERSONA_RENAMED = QT_TRANSLATE_NOOP("history", "Persona “{old}” renamed to “{new}”")
RULE_SAVED = QT_TRANSLATE_NOOP("history", "Segment “{name}”: {rule}")
SEGMENT_DELETED = QT_TRANSLATE_NOOP("history", "Segment “{name}” deleted")
TAG_ADDED = QT_TRANSLATE_NOOP("history", "Tag “{tag}” added to {n} customers")
TAG_REMOVING = QT_TRANSLATE_NOOP("history", "Tag “{tag}” removed")
TAG_REMOVED = QT_TRANSLATE_NOOP("history", "Tag “{tag}” removed from {n} customers")
EDITED = QT_TRANSLATE_NOOP("history", "Edited {fields} of {n} customers")

# One line of advice per Chinese RFM class: what a marketer does with these customers.
RFM_ADVICE = {
    "重要价值客户": ("近期买过、买得多、花得多：重点维护，提供专属服务和新品优先体验。",
                QT_TRANSLATE_NOOP("segments", "Recent, frequent, big spenders: look after them "
                                  "personally; offer VIP service and first access to new products.")),
    "重要发展客户": ("近期买过、花得多但次数少：提高购买频次，推荐会员计划和复购优惠。",
                QT_TRANSLATE_NOOP("segments", "Recent big spenders who rarely buy: encourage "
                                  "repeat purchases with a membership plan or reorder offers.")),
    "重要保持客户": ("买得多、花得多但很久没来：主动联系，了解原因，防止流失。",
                QT_TRANSLATE_NOOP("segments", "Frequent big spenders who have gone quiet: call "
                                  "them, find out why, and win back their attention.")),
    "重要挽留客户": ("花得多但很久没来、次数少：尽快挽回，给出有吸引力的回归优惠。",
                QT_TRANSLATE_NOOP("segments", "Big spenders who bought rarely and long ago: try "
                                  "to win them back soon with a strong return offer.")),
    "一般价值客户": ("近期常买但花得少：推荐更高价值的产品或组合。",
                QT_TRANSLATE_NOOP("segments", "Recent, frequent buyers who spend little: suggest "
                                  "higher-value products or bundles.")),
    "一般发展客户": ("新近客户、次数少花得少：做好新客欢迎和首单后跟进。",
                QT_TRANSLATE_NOOP("segments", "Recent buyers with few, small orders: welcome "
                                  "them and follow up after the first order.")),
    "一般保持客户": ("买过多次但花得少、最近没来：用低成本的提醒保持联系。",
                QT_TRANSLATE_NOOP("segments", "Frequent small spenders who have gone quiet: keep "
                                  "in touch with low-cost reminders.")),
    "一般挽留客户": ("很久没来、次数少花得少：低成本群发即可，不必重点投入。",
                QT_TRANSLATE_NOOP("segments", "Rare, small, long-ago buyers: low-cost mass "
                                  "messages only; not worth a big effort.")),
    "无购买记录": ("还没有购买记录：先培育兴趣，争取第一单。",
              QT_TRANSLATE_NOOP("segments", "No purchase yet: nurture their interest and aim "
                                "for a first order.")),
}


def _clean(value):
    """JSON-safe: NaN/NA -> None, numpy scalars -> Python."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating) and value != value:
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


# ====================================================================== purchase lines

@dataclass
class OrdersReport:
    file_name: str
    content_hash: str
    already_imported_at: str | None
    sheets: list[str]
    lines: int
    linked: int
    counts: dict[str, int]  # status -> lines (see core.segments.orders.STATUS_LABELS)
    unlinked: list[dict]  # {source, row, order_id, phone, email, status, reason_en, reason_zh}
    roles: dict[str, str]  # header -> order role
    skipped_rows: list[dict] = field(default_factory=list)  # rows the reader left out
    op_id: int | None = None


def _frame_from_table(table) -> tuple[pd.DataFrame, list[int], list[list]]:
    headers, seen = [], {}
    for h in table.headers:
        name = str(h) if h not in (None, "") else "column"
        seen[name] = seen.get(name, 0) + 1
        headers.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    rows, cells = [], []
    for chunk in table.rows:
        for number, values in chunk:
            rows.append(number)
            cells.append(list(values))
    frame = pd.DataFrame(cells, columns=headers, dtype=object) if cells else \
        pd.DataFrame(columns=headers, dtype=object)
    return frame, rows, cells


def _iso(value) -> str | None:
    if value is None or pd.isna(value):
        return None
    ts = pd.Timestamp(value)
    return ts.date().isoformat() if ts == ts.normalize() else ts.isoformat(timespec="seconds")


def import_orders(ws: Workspace, path: str | Path, *, sheet: str | None = None,
                  progress: ProgressFn | None = None, cancel=None) -> OrdersReport:
    """Read a purchase sheet, link each line to a customer, store every line with its status.

    The same file (same bytes) imported again adds nothing and reports the earlier import."""
    from app.core import importing
    from app.core.segments.orders import (
        LINKED,
        STATUS_LABELS,
        STATUS_LABELS_ZH,
        detect_order_roles,
        link_orders,
    )

    progress = progress or no_progress
    path = Path(path)
    imported = importing.read_file(path, sheet=sheet, progress=sub_progress(progress, 0, 0.05),
                                   cancel=cancel)
    previous = store.find_orders_import(ws, imported.content_hash)
    if previous:
        lines = store.load_order_lines(ws)
        mine = lines[lines["source"].str.startswith(imported.file_name + "|", na=False)]
        counts = {str(k): int(v) for k, v in mine["status"].value_counts().items()}
        return OrdersReport(imported.file_name, imported.content_hash, previous["created_at"],
                            previous.get("sheets", []), int(previous.get("lines", len(mine))),
                            counts.get(LINKED, 0), counts, [], previous.get("roles", {}),
                            op_id=previous["op_id"])

    customers = load_customers(ws, with_sources=False)
    if customers.empty:
        raise UsageProblem(QT_TRANSLATE_NOOP(
            "errors", "Import the customer list first: purchase lines are linked to customers."))
    check_cancel(cancel)
    rows_to_store, unlinked, counts, sheets, roles_used, skipped = [], [], {}, [], {}, []
    tables = [t for t in imported.sheets
              if sheet or {"date", "amount"} <= set(detect_order_roles(t.headers).values())]
    if not tables:
        raise UsageProblem(QT_TRANSLATE_NOOP(
            "errors", "{file}: no sheet has an order date and an amount column."),
            file=imported.file_name)
    for index, table in enumerate(tables):
        part = sub_progress(progress, 0.05 + 0.8 * index / len(tables),
                            0.05 + 0.8 * (index + 1) / len(tables))
        frame, numbers, cells = _frame_from_table(table)
        roles = detect_order_roles(frame.columns)
        result = link_orders(frame, customers, roles, progress=part, cancel=cancel)
        sheets.append(table.sheet)
        roles_used.update(roles)
        skipped += [{"sheet": table.sheet, "row": r, "reason": why} for r, why in table.skipped_rows]
        by_role = {role: column for column, role in roles.items()}
        names = frame[by_role["name"]].tolist() if "name" in by_role else [None] * len(frame)
        lines = result.lines
        for i, line in enumerate(lines.itertuples(index=False)):
            source = f"{imported.file_name}|{table.sheet}|{numbers[i]}"
            cid = None if pd.isna(line.customer_id) else int(line.customer_id)
            name = names[i]
            rows_to_store.append((
                source, line.order_id or None, _iso(line.date), _clean(line.amount),
                _clean(line.phone), _clean(line.email), None if name is None else str(name),
                _clean(getattr(line, "channel", None)), cid, line.status,
                raw_cells_json(cells[i]),
            ))
            counts[line.status] = counts.get(line.status, 0) + 1
            if cid is None:
                unlinked.append({
                    "source": source, "row": numbers[i], "order_id": line.order_id,
                    "phone": _clean(line.phone), "email": _clean(line.email),
                    "status": line.status,
                    "reason_en": STATUS_LABELS[line.status],
                    "reason_zh": STATUS_LABELS_ZH[line.status],
                })
        check_cancel(cancel)
    linked = counts.get(LINKED, 0)
    summary = Summary(ORDERS_IMPORTED, file=imported.file_name, lines=len(rows_to_store),
                      linked=linked)
    params = {"content_hash": imported.content_hash, "file": imported.file_name,
              "sheets": sheets, "lines": len(rows_to_store), "roles": roles_used, "counts": counts}
    progress(0.9, QT_TRANSLATE_NOOP("segments", "Saving purchase lines"))
    with ws.operation("orders", summary, params) as op:
        store.insert_orders(op, rows_to_store)
        op_id = op.id
    progress(1.0, "")
    return OrdersReport(imported.file_name, imported.content_hash, None, sheets,
                        len(rows_to_store), linked, counts, unlinked, roles_used, skipped, op_id)


# Operations that change nothing a purchase line is matched on (customers' phones, e-mails,
# names, merges, who is active). Any other kind, undo included, after the unlinked lines were
# last matched means matching them again.
LINK_NEUTRAL_KINDS = frozenset({"orders", "segment_rfm", "segment_kmeans", "segment_rule",
                                "segment_delete", "tag_add", "tag_remove", "rename_persona",
                                "edit_marketing", "export"})


def _relink_needed(ws: Workspace) -> bool:
    """Whether unlinked lines could find a customer now. Matching them again means normalising
    every customer's phones and e-mails (about 40 s at a million customers), so an RFM re-run
    with the same customers skips it."""
    from app.core.segments.orders import AMBIGUOUS, NOT_IN_CUSTOMERS

    kinds = store.operations_since_lines_were_matched(ws, [AMBIGUOUS, NOT_IN_CUSTOMERS])
    return kinds is not None and any(k not in LINK_NEUTRAL_KINDS for k in kinds)


def _relink_updates(ws: Workspace, customers: pd.DataFrame) -> dict[int, tuple[int, str]]:
    """Lines that did not find a customer when imported but do now (new import, merges)."""
    from app.core.segments.orders import AMBIGUOUS, LINKED, NOT_IN_CUSTOMERS, link_orders

    lines = store.load_order_lines(ws, [AMBIGUOUS, NOT_IN_CUSTOMERS])
    if lines.empty or customers.empty:
        return {}
    frame = pd.DataFrame({"date": lines["ordered_at"], "amount": lines["amount"],
                          "phone": lines["phone"], "email": lines["email"],
                          "name": lines["name"]}, dtype=object)
    roles = {"date": "date", "amount": "amount", "phone": "phone", "email": "email",
             "name": "name"}
    result = link_orders(frame, customers, roles)
    found = result.lines["status"].to_numpy() == LINKED
    return {int(i): (int(c), LINKED) for i, c in
            zip(lines["id"][found], result.lines["customer_id"][found], strict=True)}


# ====================================================================== the analysis frame

def analysis_frame(ws: Workspace, *, customers: pd.DataFrame | None = None,
                   with_sources: bool = True) -> pd.DataFrame:
    """Customers plus everything rules and clusters can use: the stored RFM values and class,
    cluster and persona, tags (list), lifecycle_stage and lead_score (stored or derived).
    with_sources=False leaves out source_rows (only exports show it; 3.5 s at 1M)."""
    from app.core.segments.lifecycle import lead_score, lifecycle_stage

    frame = (customers if customers is not None
             else load_customers(ws, with_sources=with_sources)).copy()
    frame = frame.rename(columns={k: v for k, v in MARKETING_RENAME.items() if k in frame})
    ids = frame["customer_id"]
    for column, values in stored_result_columns(ws, ids).items():
        frame[column] = values
    tags = store.tags_frame(ws)
    # A dict, not Series.get per customer (5.7 s at a million customers).
    grouped = tags.groupby("customer_id")["tag"].apply(list).to_dict() if len(tags) else {}
    frame["tags"] = [grouped.get(c) or [] for c in ids.tolist()]
    frame["lifecycle_stage"] = lifecycle_stage(frame).to_numpy()
    frame["lead_score"] = lead_score(frame).to_numpy()
    return frame


RFM_FRAME_COLUMNS = ("recency_days", "frequency", "monetary", "rfm_score", "rfm_segment",
                     "rfm_class")


def stored_result_columns(ws: Workspace, ids: pd.Series,
                          wanted: set[str] | None = None) -> dict[str, np.ndarray]:
    """The stored RFM values and class (RFM_FRAME_COLUMNS) and the k-means cluster (1-based)
    and persona of each customer in `ids` (missing where a customer has none); only the
    columns in `wanted` when given."""
    out: dict[str, np.ndarray] = {}
    rfm_wanted = [c for c in RFM_FRAME_COLUMNS if wanted is None or c in wanted]
    rfm = store.get_segment_by_kind(ws, "rfm") if rfm_wanted else None
    if rfm is not None:
        members = store.member_frame(ws, rfm.id).set_index("customer_id")
        for column in rfm_wanted:
            if column in members:
                out[column] = ids.map(members[column]).to_numpy()
    km_wanted = wanted is None or bool({"cluster", "persona"} & wanted)
    km = store.get_segment_by_kind(ws, "kmeans") if km_wanted else None
    if km is not None:
        members = store.member_frame(ws, km.id)
        if len(members) and "cluster" in members:
            names = {p["cluster"]: persona_display_name(p)
                     for p in km.definition.get("personas", [])}
            cluster = ids.map(pd.Series(members["cluster"].to_numpy(),
                                        index=members["customer_id"].to_numpy()))
            out["cluster"] = cluster.map(lambda c: None if c != c or c is None
                                         else int(c) + 1).to_numpy()
            out["persona"] = cluster.map(lambda c: names.get(int(c)) if c == c and
                                         c is not None else None).to_numpy()
    return out


# ====================================================================== RFM

@dataclass
class RfmReport:
    name: str
    reference_date: str
    source: str  # "orders" or "customer_fields"
    customers: int
    buyers: int
    classes: list[dict]  # {class_zh, class_en, size, advice_zh, advice_en}
    segments: list[dict]  # {key, label_en, label_zh, size}
    grid: pd.DataFrame  # F (rows 5..1) x R (columns 1..5) counts
    thresholds: dict[str, float]
    relinked: int = 0
    op_id: int | None = None


def run_rfm(ws: Workspace, reference_date=None, *, name: str = RFM_NAME, threshold: str = "mean",
            progress: ProgressFn | None = None, cancel=None) -> RfmReport:
    """RFM of every customer as of `reference_date` (today by default), stored as the segment
    `name` (kind rfm); a re-run replaces the previous result in one undoable operation.
    Purchase lines are used when there are any, else the customer sheet's fields."""
    from app.core.segments.rfm import compute_rfm

    progress = progress or no_progress
    progress(0.0, QT_TRANSLATE_NOOP("segments", "Reading customers and purchases"))
    existing = store.get_segment(ws, name)
    if existing is not None and existing.kind != "rfm":
        raise UsageProblem(QT_TRANSLATE_NOOP(
            "errors", "There is already a segment called {name}; choose another name."), name=name)
    relink = _relink_needed(ws)
    lines = store.purchase_lines(ws)
    stored = lines.stored
    active = store.active_ids(ws)
    # With purchase lines and nothing to match again, RFM needs only who the customers are.
    customers = (load_customers(ws, with_sources=False) if relink or lines.lines.empty
                 else pd.DataFrame({"customer_id": active}))
    if customers.empty:
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "There are no customers yet."))
    relinks = _relink_updates(ws, customers) if relink else {}
    if relinks:
        from app.core.segments.orders import AMBIGUOUS, NOT_IN_CUSTOMERS

        extra = store.load_order_lines(ws, [AMBIGUOUS, NOT_IN_CUSTOMERS])
        extra = extra[extra["id"].isin(relinks)]
        # The lines found now count after those linked before (as when they are appended).
        lines = store.add_lines(ws.conn, lines, store.purchase_lines_frame(
            extra["id"], [relinks[i][0] for i in extra["id"]], extra["order_no"].tolist(),
            extra["ordered_at"].tolist(), extra["amount"].tolist()))
    purchases = store.purchases_frame(ws, lines, active)
    check_cancel(cancel)
    progress(0.3, QT_TRANSLATE_NOOP("segments", "Scoring recency, frequency and monetary value"))
    result = compute_rfm(purchases if len(purchases) else None, reference_date,
                         customers=customers, threshold=threshold)
    check_cancel(cancel)
    table = result.table
    members = rfm_members(table)
    ref = result.reference_date.date().isoformat()
    definition = {"reference_date": ref, "source": result.source, "threshold": threshold,
                  "thresholds": {k: _clean(v) for k, v in result.thresholds.items()}}
    summary = Summary(RFM_DONE, date=ref, n=len(table))
    progress(0.6, QT_TRANSLATE_NOOP("segments", "Saving the RFM classes"))
    with ws.operation("segment_rfm", summary, {"name": name, **definition}) as op:
        if relinks:
            store.relink(op, relinks)  # drops the purchase block (a trigger on orders)
        if relinks or not stored:
            store.write_purchase_block(op.conn, lines.lines, lines.collisions)
        seg_id = store.save_segment(op, name, "rfm", definition,
                                    f"RFM as of {ref} ({result.source})")
        store.store_run(op, seg_id, "rfm", members)
        op_id = op.id
    progress(1.0, "")
    return rfm_report(ws, name, result=result, relinked=len(relinks), op_id=op_id)


def rfm_members(table: pd.DataFrame) -> pd.DataFrame:
    """A stored RFM run: customer_id, label (the Chinese class) and RFM_MEMBER_COLUMNS."""
    members = table[list(store.RFM_MEMBER_COLUMNS)].reset_index()
    members.insert(1, "label", table["rfm_class"].to_numpy(dtype=object))
    return members


def rfm_report(ws: Workspace, name: str = RFM_NAME, *, result=None, relinked: int = 0,
               op_id: int | None = None) -> RfmReport | None:
    """The stored RFM result (or the one just computed) as a report for CLI and GUI."""
    from app.core.segments.rfm import (
        CHINESE_CLASS_EN,
        CHINESE_CLASSES,
        NO_PURCHASE_ZH,
        SEGMENT_LABELS,
        SEGMENT_LABELS_ZH,
        rfm_grid,
    )

    segment = store.get_segment(ws, name)
    if segment is None or segment.kind != "rfm":
        return None
    if result is not None:
        table = result.table
    else:
        table = store.member_frame(ws, segment.id).set_index("customer_id")
        for c in ("r_score", "f_score", "m_score"):
            if c not in table:
                table[c] = pd.array([pd.NA] * len(table), dtype="Int64")
        for c in ("rfm_class", "rfm_segment"):
            if c not in table:
                table[c] = None
        if "frequency" not in table:
            table["frequency"] = 0
    class_counts = table["rfm_class"].value_counts()
    classes = []
    for klass in [*CHINESE_CLASSES.values(), NO_PURCHASE_ZH]:
        advice_zh, advice_en = RFM_ADVICE[klass]
        classes.append({"class_zh": klass, "class_en": CHINESE_CLASS_EN.get(klass, "No purchase"),
                        "size": int(class_counts.get(klass, 0)),
                        "advice_zh": advice_zh, "advice_en": advice_en})
    seg_counts = table["rfm_segment"].value_counts()
    segments = [{"key": k, "label_en": SEGMENT_LABELS[k], "label_zh": SEGMENT_LABELS_ZH[k],
                 "size": int(seg_counts.get(k, 0))} for k in SEGMENT_LABELS]
    definition = segment.definition
    return RfmReport(
        name=name, reference_date=definition.get("reference_date", ""),
        source=definition.get("source", ""), customers=len(table),
        buyers=int((table["frequency"] > 0).sum()), classes=classes, segments=segments,
        grid=rfm_grid(table), thresholds=definition.get("thresholds", {}),
        relinked=relinked, op_id=op_id)


# ====================================================================== k-means personas

@dataclass
class ClusterRun:
    """A k sweep, kept in memory so the user can look at another k without re-running."""

    features: list[str]
    matrix: object  # core FeatureMatrix
    sweep: object  # core KSweep
    customer_ids: np.ndarray

    def personas(self, k: int):
        from app.core.segments.personas import describe_clusters

        return describe_clusters(self.matrix, self.sweep.labels[k])


@dataclass
class ClusterReport:
    name: str
    k: int
    recommended_k: int
    elbow_k: int
    reason_en: str
    reason_zh: str
    silhouette: dict[int, float]
    inertia: dict[int, float]
    features: list[str]
    personas: list[dict]  # {cluster (1-based), name, name_zh, name_en, size, description_zh/en}
    op_id: int | None = None


def clustering_fields(frame: pd.DataFrame) -> tuple[list[str], list[str]]:
    """(every field the user can cluster on, the defaults)."""
    from app.core.segments.clusters import default_features

    skip = {"customer_id", "alt_phones", "alt_emails", "flags", "extra", "source_rows",
            "imported_at", "tags", "salutation", "name", "phone", "email", "address", "notes",
            "company", "rfm_score", "persona", "cluster", "first_purchase", "last_purchase",
            "birthday"}
    fields = [c for c in frame.columns if c not in skip and frame[c].notna().any()]
    return fields, [f for f in default_features(frame) if f in fields]


def cluster_frame(ws: Workspace, features: list[str] | None = None) -> pd.DataFrame:
    """The analysis frame with RFM values, computed as of today when none are stored.

    Only the columns the features need when they are stored customer fields or RFM values
    (features None: the default features, when at least two of them are there); loading the
    whole analysis frame of a million customers (every field, tags, lifecycle) took most of
    a k-means run. Same rows, same order, same values in those columns."""
    frame = _feature_frame(ws, features)
    if frame is None:
        frame = analysis_frame(ws)
    if "recency_days" not in frame and len(frame):
        from app.core.segments.rfm import compute_rfm

        purchases = store.load_purchases(ws)
        table = compute_rfm(purchases if len(purchases) else None,
                            customers=frame.drop(columns=["frequency"], errors="ignore")).table
        for column in ("recency_days", "frequency", "monetary"):
            frame[column] = frame["customer_id"].map(table[column]).to_numpy()
    return frame


# Fields the analysis frame derives, renames or fills from elsewhere: asking for one of
# these (other than the stored RFM values) means building the whole analysis frame.
_DERIVED_FIELDS = frozenset({"tags", "lifecycle_stage", "lead_score", "cluster", "persona",
                             *MARKETING_RENAME, *MARKETING_RENAME.values()})


def _feature_frame(ws: Workspace, features: list[str] | None) -> pd.DataFrame | None:
    """customer_id plus the columns `features` are built from, or None when they need more
    than stored customer fields and the stored RFM values."""
    from app.core.fields import ROLE_KEYS
    from app.core.segments.clusters import DEFAULT_FEATURES

    wanted = set(features) if features else set(DEFAULT_FEATURES)
    rfm = set(RFM_FRAME_COLUMNS)
    if not wanted <= (rfm | set(ROLE_KEYS)) or wanted & _DERIVED_FIELDS:
        return None
    fields = wanted & set(ROLE_KEYS)
    if store.get_segment_by_kind(ws, "rfm") is None:
        # cluster_frame computes RFM, from the purchase lines or from these fields.
        fields |= {"last_purchase", "orders", "total_spent"}
    frame = load_customers(ws, with_sources=False, fields=fields)
    for column, values in stored_result_columns(ws, frame["customer_id"], rfm & wanted).items():
        frame[column] = values
    if features is None and "recency_days" in frame:
        from app.core.segments.clusters import default_features

        if len(default_features(frame)) < 2:
            return None  # the defaults fall back to every numeric field
    return frame


def cluster_sweep(ws: Workspace, features: list[str] | None = None, *,
                  progress: ProgressFn | None = None, cancel=None) -> ClusterRun:
    """k-means for k = 2..10 over the chosen features (defaults when None); writes nothing."""
    from app.core.segments.clusters import build_features, sweep_k

    progress = progress or no_progress
    progress(0.0, QT_TRANSLATE_NOOP("segments", "Preparing the features"))
    frame = cluster_frame(ws, features)
    if len(frame) < 3:
        raise UsageProblem(QT_TRANSLATE_NOOP(
            "errors", "Too few customers to form groups ({count})."), count=len(frame))
    chosen = list(features) if features else clustering_fields(frame)[1]
    matrix = build_features(frame, chosen)
    check_cancel(cancel)
    sweep = sweep_k(matrix.X, ks=range(2, min(10, len(frame) - 1) + 1),
                    progress=sub_progress(progress, 0.05, 1.0), cancel=cancel)
    return ClusterRun(chosen, matrix, sweep, frame["customer_id"].to_numpy())


def persona_display_name(persona: dict, lang: str = "zh") -> str:
    return persona.get("name") or persona.get(f"name_{lang}") or persona.get("name_zh") or ""


def save_clusters(ws: Workspace, run: ClusterRun, k: int | None = None, *,
                  name: str = KMEANS_NAME) -> ClusterReport:
    """Store the personas of k groups (the recommended k by default) as segment `name`."""
    sweep = run.sweep
    k = int(k or sweep.recommended_k)
    if k not in sweep.labels:
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "k must be between {low} and {high}."),
                           low=min(sweep.ks), high=max(sweep.ks))
    existing = store.get_segment(ws, name)
    if existing is not None and existing.kind != "kmeans":
        raise UsageProblem(QT_TRANSLATE_NOOP(
            "errors", "There is already a segment called {name}; choose another name."), name=name)
    personas = [{"cluster": p.cluster, "name": None, "name_zh": p.name_zh, "name_en": p.name_en,
                 "size": p.size, "description_zh": p.description_zh,
                 "description_en": p.description_en, "z_scores": p.z_scores}
                for p in run.personas(k)]
    definition = {
        "features": run.features, "k": k, "recommended_k": sweep.recommended_k,
        "elbow_k": sweep.elbow_k, "reason_en": sweep.reason_en, "reason_zh": sweep.reason_zh,
        "silhouette": {str(x): _clean(v) for x, v in sweep.silhouette.items()},
        "inertia": {str(x): _clean(v) for x, v in sweep.inertia.items()},
        "personas": personas,
    }
    labels = np.asarray(sweep.labels[k], dtype=np.int64)
    names = np.array([str(c + 1) for c in range(int(labels.max()) + 1 if len(labels) else 0)],
                     dtype=object)
    members = pd.DataFrame({"customer_id": np.asarray(run.customer_ids, dtype=np.int64),
                            "label": names[labels], "cluster": labels})
    summary = Summary(PERSONAS_DONE, k=k, features=[FieldName(f) for f in run.features])
    with ws.operation("segment_kmeans", summary, {"name": name, "k": k,
                                                  "features": run.features}) as op:
        seg_id = store.save_segment(op, name, "kmeans", definition,
                                    f"k-means, k = {k} ({', '.join(run.features)})")
        store.store_run(op, seg_id, "kmeans", members)
        op_id = op.id
    report = cluster_report(ws, name)
    report.op_id = op_id
    return report


def run_kmeans(ws: Workspace, features: list[str] | None = None, k: int | None = None, *,
               name: str = KMEANS_NAME, progress: ProgressFn | None = None,
               cancel=None) -> ClusterReport:
    run = cluster_sweep(ws, features, progress=progress, cancel=cancel)
    return save_clusters(ws, run, k, name=name)


def cluster_report(ws: Workspace, name: str = KMEANS_NAME) -> ClusterReport | None:
    segment = store.get_segment(ws, name)
    if segment is None or segment.kind != "kmeans":
        return None
    d = segment.definition
    personas = [{"cluster": p["cluster"] + 1, "name": persona_display_name(p),
                 "name_zh": p.get("name") or p["name_zh"], "name_en": p.get("name") or p["name_en"],
                 "size": p["size"], "description_zh": p["description_zh"],
                 "description_en": p["description_en"]} for p in d.get("personas", [])]
    return ClusterReport(
        name=name, k=d["k"], recommended_k=d["recommended_k"], elbow_k=d.get("elbow_k", d["k"]),
        reason_en=d["reason_en"], reason_zh=d["reason_zh"],
        silhouette={int(x): v for x, v in d["silhouette"].items()},
        inertia={int(x): v for x, v in d["inertia"].items()},
        features=d["features"], personas=personas)


def rename_persona(ws: Workspace, cluster: int, new_name: str, *,
                   segment: str = KMEANS_NAME) -> None:
    """Give persona `cluster` (1-based) the user's own name; one undoable operation."""
    seg = store.get_segment(ws, segment)
    new_name = new_name.strip()
    if seg is None or seg.kind != "kmeans":
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "There is no segment called {name}."),
                           name=segment)
    definition = seg.definition
    persona = next((p for p in definition["personas"] if p["cluster"] == cluster - 1), None)
    if persona is None or not new_name:
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "There is no group {cluster} in {name}."),
                           cluster=cluster, name=segment)
    old = persona_display_name(persona)
    persona["name"] = new_name
    with ws.operation("rename_persona", Summary(PERSONA_RENAMED, old=old, new=new_name),
                      {"segment": segment, "cluster": cluster}) as op:
        store.update_definition(op, seg.id, definition)


# ====================================================================== rule segments

def to_rule(rule):
    """A rule from its text form (CLI) or its JSON dict (GUI builder)."""
    from app.core.segments.rule_text import parse_rule
    from app.core.segments.rules import Condition, Group, rule_from_dict

    if isinstance(rule, Condition | Group):
        return rule
    if isinstance(rule, str):
        return parse_rule(rule)
    return rule_from_dict(rule)


def rule_mask(frame: pd.DataFrame, rule) -> np.ndarray:
    from app.core.segments.rules import evaluate

    return evaluate(to_rule(rule), frame)


def count_rule(frame: pd.DataFrame, rule) -> int:
    """How many customers of `frame` (analysis_frame) match; fast enough for a live count."""
    return int(rule_mask(frame, rule).sum())


def save_rule_segment(ws: Workspace, name: str, rule, *, frame: pd.DataFrame | None = None) -> int:
    """Save (or replace) the rule segment `name`; returns its current size."""
    from app.core.segments.rule_text import rule_to_text

    name = (name or "").strip()
    if not name:
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "Give the segment a name."))
    if name in (RFM_NAME, KMEANS_NAME) or ":" in name:
        raise UsageProblem(QT_TRANSLATE_NOOP(
            "errors", "There is already a segment called {name}; choose another name."), name=name)
    parsed = to_rule(rule)
    frame = frame if frame is not None else analysis_frame(ws)
    size = count_rule(frame, parsed)  # a bad field or value fails here, before saving
    existing = store.get_segment(ws, name)
    if existing is not None and existing.kind != "rule":
        raise UsageProblem(QT_TRANSLATE_NOOP(
            "errors", "There is already a segment called {name}; choose another name."), name=name)
    text = rule_to_text(parsed)
    with ws.operation("segment_rule", Summary(RULE_SAVED, name=name, rule=text),
                      {"name": name}) as op:
        store.save_segment(op, name, "rule", {"rule": parsed.to_dict(), "text": text}, text)
    return size


def delete_segment(ws: Workspace, name: str) -> None:
    seg = store.get_segment(ws, name)
    if seg is None:
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "There is no segment called {name}."),
                           name=name)
    with ws.operation("segment_delete", Summary(SEGMENT_DELETED, name=name),
                      {"name": name}) as op:
        store.delete_segment(op, seg.id)


def _rule_of(segment) -> dict:
    """A rule segment's rule: {"rule": ..., "text": ...}; early workspaces stored the rule
    itself as the definition (the v2 fixture's one condition)."""
    return segment.definition.get("rule", segment.definition)


@dataclass
class SegmentInfo:
    name: str
    kind: str  # rule | rfm | kmeans
    size: int
    text: str  # rule text, or what the stored result is
    labels: list[tuple[str, int]] = field(default_factory=list)  # RFM classes / personas
    rule: dict | None = None  # a rule segment's rule, to show in the user's words


def list_segments(ws: Workspace, *, frame: pd.DataFrame | None = None) -> list[SegmentInfo]:
    """Every saved segment with its size now (rule segments evaluated on the current data)."""
    out = []
    rows = store.list_segments(ws)
    if any(r.kind == "rule" for r in rows) and frame is None:
        frame = analysis_frame(ws)
    for seg in rows:
        if seg.kind == "rule":
            try:
                size = count_rule(frame, _rule_of(seg))
            except UsageProblem:
                size = 0  # a field that no longer exists: the segment is empty, not an error
            out.append(SegmentInfo(seg.name, "rule", size, seg.definition.get("text", ""),
                                   rule=_rule_of(seg)))
        elif seg.kind == "kmeans":
            personas = seg.definition.get("personas", [])
            labels = [(persona_display_name(p), seg.label_sizes.get(str(p["cluster"] + 1), 0))
                      for p in personas]
            out.append(SegmentInfo(seg.name, "kmeans", seg.stored_size, seg.description or "",
                                   labels))
        else:
            out.append(SegmentInfo(seg.name, seg.kind, seg.stored_size, seg.description or "",
                                   sorted(seg.label_sizes.items(), key=lambda x: -x[1])))
    return out


def segment_customer_ids(ws: Workspace, name: str, *, frame: pd.DataFrame | None = None) -> list[int]:
    """Active customer ids in segment `name`, for export and tagging.

    `name` is a saved segment, or "SEGMENT:LABEL" for one part of a stored result: an RFM
    class ("RFM:重要价值客户", "RFM:Important value", "RFM:champions") or a persona
    ("Personas:2" by number, or by its name)."""
    seg = store.get_segment(ws, name)
    label = None
    if seg is None and ":" not in name:
        # A bare group name ("重要价值客户", "Champions", a persona's name) means that group of
        # the stored RFM or persona result that has it.
        for other in store.list_segments(ws):
            if other.kind in ("rfm", "kmeans"):
                try:
                    return segment_customer_ids(ws, f"{other.name}:{name}", frame=frame)
                except UsageProblem:
                    continue
    if seg is None and ":" in name:
        base, label = (s.strip() for s in name.split(":", 1))
        seg = store.get_segment(ws, base)
    if seg is None:
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "There is no segment called {name}."),
                           name=name)
    if seg.kind == "rule":
        if label is not None:
            raise UsageProblem(QT_TRANSLATE_NOOP("errors", "There is no segment called {name}."),
                               name=name)
        frame = frame if frame is not None else analysis_frame(ws)
        return [int(c) for c in frame["customer_id"][rule_mask(frame, _rule_of(seg))]]
    members = store.member_frame(ws, seg.id)
    if label is None or members.empty:
        return [int(c) for c in members["customer_id"]] if len(members) else []
    want = label.casefold()
    if seg.kind == "kmeans":
        clusters = {str(p["cluster"] + 1) for p in seg.definition.get("personas", [])
                    if want in {str(p["cluster"] + 1), (p.get("name") or "").casefold(),
                                p["name_zh"].casefold(), p["name_en"].casefold()}}
        keep = members["label"].isin(clusters)
    else:
        keep = _rfm_label_mask(members, want)
    if not keep.any():
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "There is no segment called {name}."),
                           name=name)
    return [int(c) for c in members["customer_id"][keep]]


def _rfm_label_mask(members: pd.DataFrame, want: str) -> np.ndarray:
    """Members whose RFM class (Chinese or English) or segment (key, English or Chinese
    label) is `want` (casefolded); decided once per distinct (segment, class) pair."""
    from app.core.segments.rfm import CHINESE_CLASS_EN, SEGMENT_LABELS, SEGMENT_LABELS_ZH

    if "rfm_class" not in members or "rfm_segment" not in members:
        return np.zeros(len(members), dtype=bool)
    pairs = pd.MultiIndex.from_arrays([members["rfm_segment"].to_numpy(dtype=object),
                                       members["rfm_class"].to_numpy(dtype=object)])
    codes, uniques = pd.factorize(pairs)

    def names(seg, klass) -> set[str]:
        return {str(v if v == v else "").casefold() for v in (
            klass, CHINESE_CLASS_EN.get(klass, "No purchase") if klass is not None else "",
            seg, SEGMENT_LABELS.get(seg, ""), SEGMENT_LABELS_ZH.get(seg, ""))
            if v is not None}

    hit = np.array([want in names(seg, klass) for seg, klass in uniques] + [False], dtype=bool)
    return hit[codes]


SEGMENT_COLUMNS = ("recency_days", "frequency", "monetary", "rfm_score", "rfm_segment",
                   "cluster", "persona")


def segment_columns(ws: Workspace, ids: pd.Series | None = None) -> pd.DataFrame:
    """Per active customer (or per id of `ids`; index customer_id): recency_days, frequency,
    monetary, rfm_score, rfm_segment, cluster, persona, tags (";"-joined) — the full export's
    extra columns; only the columns that were computed appear (tags always). Read from the
    stored runs and tags alone, not the whole analysis frame."""
    ids = pd.Series(store.active_ids(ws)) if ids is None else ids.reset_index(drop=True)
    stored = stored_result_columns(ws, ids, set(SEGMENT_COLUMNS))
    out = pd.DataFrame({c: stored[c] for c in SEGMENT_COLUMNS if c in stored},
                       index=pd.Index(ids.to_numpy(), name="customer_id"))
    tags = store.tags_frame(ws)
    grouped = tags.groupby("customer_id")["tag"].apply(list).to_dict() if len(tags) else {}
    out["tags"] = [";".join(grouped.get(c) or []) for c in ids.tolist()]
    return out


# ====================================================================== tags and fields

def tag_customer_ids(ws: Workspace, tag: str) -> list[int]:
    tags = store.tags_frame(ws)
    if tags.empty:
        return []
    want = tag.strip().casefold()
    return sorted(int(c) for c in tags.loc[tags["tag"].str.casefold() == want, "customer_id"])


def tag_counts(ws: Workspace) -> dict[str, int]:
    return store.tag_counts(ws)


def _check_ids(ws: Workspace, ids) -> list[int]:
    ids = sorted({int(i) for i in ids})
    if not ids:
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "No customers are selected."))
    active = {r[0] for r in ws.conn.execute("SELECT id FROM customers WHERE status = 'active'")}
    missing = [i for i in ids if i not in active]
    if missing:
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "There is no customer {id}."), id=missing[0])
    return ids


def add_tag(ws: Workspace, tag: str, customer_ids) -> int:
    """Tag the customers (those who already have it are left alone); returns how many got it."""
    tag = (tag or "").strip()
    if not tag:
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "Type a tag."))
    ids = _check_ids(ws, customer_ids)
    with ws.operation("tag_add", Summary(TAG_ADDED, tag=tag, n=len(ids)), {"tag": tag}) as op:
        added = store.add_tag(op, ids, tag)
        op.summary = Summary(TAG_ADDED, tag=tag, n=added)
    return added


def remove_tag(ws: Workspace, tag: str, customer_ids) -> int:
    tag = (tag or "").strip()
    ids = _check_ids(ws, customer_ids)
    with ws.operation("tag_remove", Summary(TAG_REMOVING, tag=tag), {"tag": tag}) as op:
        removed = store.remove_tag(op, ids, tag)
        op.summary = Summary(TAG_REMOVED, tag=tag, n=removed)
    return removed


def set_marketing_fields(ws: Workspace, customer_ids, **values) -> int:
    """Set lifecycle stage / BANT fields (lifecycle, bant_budget, bant_authority, bant_need,
    bant_timeline) on the customers; one undoable operation. Returns customers changed."""
    from app.core.segments.lifecycle import STAGES

    stage = values.get("lifecycle")
    if stage is not None and stage not in STAGES:
        raise UsageProblem(QT_TRANSLATE_NOOP(
            "errors", "The lifecycle stage must be one of {stages}."), stages=", ".join(STAGES))
    unknown = set(values) - set(store.MARKETING_FIELDS)
    if unknown:
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "There is no field called {field}."),
                           field=sorted(unknown)[0])
    ids = _check_ids(ws, customer_ids)
    fields = [FieldName(f) for f in values]
    with ws.operation("edit_marketing", Summary(EDITED, fields=fields, n=len(ids)),
                      {"fields": list(values)}) as op:
        return store.set_customer_fields(op, {i: dict(values) for i in ids})


# ====================================================================== dashboard

@dataclass
class DashboardData:
    customers: int
    quality_score: float | None
    by_province: pd.Series
    by_city: pd.Series
    by_industry: pd.Series
    segment_sizes: pd.Series  # saved segment name -> size
    rfm: RfmReport | None
    personas: pd.Series  # persona name -> size
    orders: dict[str, int]


def _top(frame: pd.DataFrame, column: str, n: int = 12) -> pd.Series:
    if column not in frame:
        return pd.Series(dtype="int64")
    values = frame[column].map(lambda v: None if v is None or (isinstance(v, float) and v != v)
                               else str(v).strip() or None)
    return values.value_counts().head(n)


def dashboard_data(ws: Workspace, lang: str = "zh") -> DashboardData:
    from app.storage.clean_store import last_score

    frame = analysis_frame(ws, with_sources=False)
    segments = list_segments(ws, frame=frame)
    km = cluster_report(ws)
    personas = pd.Series({p["name_zh" if lang == "zh" else "name_en"]: p["size"]
                          for p in km.personas}) if km else pd.Series(dtype="int64")
    return DashboardData(
        customers=len(frame), quality_score=last_score(ws),  # from the last Check/Clean
        by_province=_top(frame, "province"), by_city=_top(frame, "city"),
        by_industry=_top(frame, "industry"),
        segment_sizes=pd.Series({s.name: s.size for s in segments}, dtype="int64"),
        rfm=rfm_report(ws), personas=personas, orders=store.orders_count(ws))


@dataclass
class SegmentOverview:
    """What the Segment page shows when it opens: one workspace read."""

    frame: pd.DataFrame
    fields: list[str]
    default_features: list[str]
    segments: list[SegmentInfo]
    rfm: RfmReport | None
    clusters: ClusterReport | None
    tags: dict[str, int]


def segment_overview(ws: Workspace) -> SegmentOverview:
    frame = analysis_frame(ws, with_sources=False)
    fields, defaults = clustering_fields(frame) if len(frame) else ([], [])
    if "recency_days" not in frame:  # computed on the fly by cluster_sweep
        defaults = ["recency_days", "frequency", "monetary",
                    *[f for f in defaults if f in ("employees",)]]
        fields = [*defaults, *[f for f in fields if f not in defaults]]
    return SegmentOverview(frame, fields, defaults, list_segments(ws, frame=frame),
                           rfm_report(ws), cluster_report(ws), tag_counts(ws))
