"""Export use cases (Qt-free): who is in the list, the summary before writing, writing and
logging the export, the suppression list, erasing a person.

The CLI calls these directly; the GUI through the task runner. Flow:
    plan = plan_export(ws, Audience.segment("VIP"), format="mailchimp")
    summary_text(plan)                      # shown / printed before writing
    done = write_export(ws, plan, path)     # file written atomically + one history line
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from app.core import export as core
from app.core.errors import UsageProblem
from app.core.export.plan import FORMAT_CHANNEL, ExportPlan
from app.core.export.report import REASONS, ExportReport
from app.core.i18n import QT_TRANSLATE_NOOP, Summary
from app.core.progress import ProgressFn, sub_progress
from app.storage import export_store as store
from app.storage.workspace import Workspace

EXPORTED = QT_TRANSLATE_NOOP("history", "Export {rows:,} customers to {file} ({format})")
EXPORTED_OVERRIDE = QT_TRANSLATE_NOOP(
    "history", "{step}; includes {n:,} who refused marketing (override)")
SUPPRESSING = QT_TRANSLATE_NOOP("history", "Suppression list: add from {source}")
SUPPRESSED = QT_TRANSLATE_NOOP(
    "history", "Suppression list: {added:,} added from {source} ({already:,} already on it)")
TYPED_LIST = QT_TRANSLATE_NOOP("history", "typed list")

FORMAT_TITLES = {
    "xlsx": "Excel",
    "csv": "CSV",
    "csv-gbk": "CSV (GBK)",
    "csv-utf8": "CSV (UTF-8)",
    "mailchimp": "Mailchimp",
    "hubspot": "HubSpot",
    "brevo": "Brevo",
    "vcard": "vCard",
    "mailmerge": QT_TRANSLATE_NOOP("history", "Mail merge"),
    "labels-pdf": QT_TRANSLATE_NOOP("history", "Address labels"),
}
FORMAT_SUFFIX = {
    "xlsx": ".xlsx", "csv": ".csv", "csv-gbk": ".csv", "csv-utf8": ".csv", "mailchimp": ".csv",
    "hubspot": ".csv", "brevo": ".csv", "vcard": ".vcf", "mailmerge": ".xlsx",
    "labels-pdf": ".pdf",
}
# Formats whose columns are chosen (the platform presets have fixed columns plus extras).
SPREADSHEET_FORMATS = ("xlsx", "csv", "csv-gbk", "csv-utf8", "mailmerge")
DEFAULT_COLUMNS = {
    "xlsx": ["name", "phone", "email", "company", "city", "province", "address", "consent"],
    "csv": ["name", "phone", "email", "company", "city", "province", "address", "consent"],
    "csv-gbk": ["name", "phone", "email", "company", "city", "province", "address"],
    "csv-utf8": ["name", "phone", "email", "company", "city"],
    "mailmerge": ["name", "company", "address", "district", "city", "province"],
    "vcard": ["name", "phone", "email", "company", "address", "city"],
}
NO_SUCH_TAG = QT_TRANSLATE_NOOP("errors", "No customer has the tag {tag}.")
NO_SUCH_FORMAT = QT_TRANSLATE_NOOP("errors", "Unknown export format {format}; choose one of "
                                   "{formats}.")
NO_PERSON = QT_TRANSLATE_NOOP("errors", "No customer matches {what}.")
SEVERAL_PEOPLE = QT_TRANSLATE_NOOP(
    "errors", "{count} customers match {what}; erase them one at a time by --customer ID "
              "({ids}).")


@dataclass(frozen=True)
class Audience:
    """Who an export starts from, before consent and suppression: everyone, a saved segment
    (or "SEGMENT:LABEL"), a tag, or customers picked by id."""

    kind: str = "all"  # all | segment | tag | selection
    name: str | None = None
    ids: tuple[int, ...] = ()

    @classmethod
    def segment(cls, name: str) -> Audience:
        return cls("segment", name)

    @classmethod
    def tag(cls, name: str) -> Audience:
        return cls("tag", name)

    @classmethod
    def selection(cls, ids) -> Audience:
        return cls("selection", None, tuple(int(i) for i in ids))

    @property
    def label(self) -> str:
        """Plain English for the history line and the exports log."""
        if self.kind == "segment":
            return f"segment “{self.name}”"
        if self.kind == "tag":
            return f"tag “{self.name}”"
        if self.kind == "selection":
            return f"{len(self.ids):,} selected customers"
        return "all customers"


def audience_frame(ws: Workspace, audience: Audience = Audience()) -> pd.DataFrame:
    """The audience's customers with the segment columns (tags list, RFM class, persona)."""
    from app.workers import segment_tasks

    frame = segment_tasks.analysis_frame(ws)
    if audience.kind == "segment":
        ids = segment_tasks.segment_customer_ids(ws, audience.name or "", frame=frame)
    elif audience.kind == "tag":
        ids = segment_tasks.tag_customer_ids(ws, audience.name or "")
        if not ids:
            raise UsageProblem(NO_SUCH_TAG, tag=audience.name)
    elif audience.kind == "selection":
        ids = list(audience.ids)
    else:
        return frame
    return frame[frame["customer_id"].isin(set(ids))].reset_index(drop=True)


@dataclass
class AudienceChoices:
    total: int
    segments: list[tuple[str, int]]  # (name, size now)
    tags: dict[str, int]


def audience_choices(ws: Workspace) -> AudienceChoices:
    from app.storage.customers import active_count
    from app.workers import segment_tasks

    segments = [(s.name, s.size) for s in segment_tasks.list_segments(ws)]
    return AudienceChoices(active_count(ws), segments, segment_tasks.tag_counts(ws))


def available_columns(ws: Workspace) -> list[str]:
    """Columns the user can pick: role fields the workspace has, extra columns, segment
    columns, bookkeeping."""
    from app.core.export.table import SEGMENT_LABELS
    from app.core.fields import ROLE_KEYS
    from app.storage.customers import extra_headers

    have = [key for key in ROLE_KEYS if ws.conn.execute(
        f"SELECT 1 FROM customers WHERE status = 'active' AND {key} IS NOT NULL LIMIT 1"
    ).fetchone()]
    kinds = {r[0] for r in ws.conn.execute("SELECT DISTINCT kind FROM segments")}
    computed = {"rfm_segment": "rfm", "rfm_score": "rfm", "persona": "kmeans"}
    segment = [k for k in SEGMENT_LABELS if computed.get(k, "always") in kinds | {"always"}]
    return [*have, *extra_headers(ws), *segment, "customer_id", "salutation",
            "alt_phones", "alt_emails", "flags", "source_rows"]


def default_columns(format: str, available: list[str]) -> list[str]:
    """Sensible columns for a format; the platform presets and labels need none."""
    wanted = DEFAULT_COLUMNS.get(format, [])
    return [c for c in wanted if c in available]


def check_format(format: str) -> None:
    if format not in FORMAT_CHANNEL:
        raise UsageProblem(NO_SUCH_FORMAT, format=format, formats=", ".join(FORMAT_CHANNEL))


def plan_export(
    ws: Workspace,
    audience: Audience = Audience(),
    *,
    format: str = "xlsx",
    columns: list[str] | None = None,
    include_unknown_consent: bool = False,
    include_no_consent: bool = False,
    layout: str = "3x7",
    lang: str = "auto",
    header: str = "en",
    tags: tuple[str, ...] = (),
    progress: ProgressFn | None = None,
    cancel=None,
) -> ExportPlan:
    """The summary before writing: who goes in, who is left out and why (nothing written)."""
    check_format(format)
    frame = audience_frame(ws, audience)
    suppression = store.load_suppression(ws)
    if columns is None and format in DEFAULT_COLUMNS:
        columns = default_columns(format, [*frame.columns, *_extra_keys(frame)])
    plan = core.plan_export(
        frame, format=format, columns=columns,
        include_unknown_consent=include_unknown_consent,
        include_no_consent=include_no_consent, suppression=suppression, tags=tags,
        layout=layout, lang=lang, header=header, progress=progress, cancel=cancel,
    )
    plan.options.update({
        "audience": audience.label, "audience_size": len(frame),
        "include_unknown_consent": include_unknown_consent,
        "include_no_consent": include_no_consent,
    })
    return plan


def _extra_keys(frame: pd.DataFrame) -> list[str]:
    keys: dict[str, None] = {}
    for extra in frame.get("extra", []):
        if isinstance(extra, dict):
            keys.update(dict.fromkeys(extra))
    return list(keys)


def summary(plan: ExportPlan) -> dict:
    """The plan's numbers for --json and the GUI."""
    return {
        "audience": plan.options.get("audience"),
        "audience_size": plan.options.get("audience_size"),
        "format": plan.format,
        "columns": plan.columns,
        "exported": plan.exported,
        "left_out": plan.left_out_total,
        "left_out_by_reason": dict(sorted(plan.left_out.items(), key=lambda kv: -kv[1])),
        "shortened": plan.shortened,
        "included_no_consent": len(plan.selection.included_no_consent),
        "warnings": list(plan.warnings),
    }


def summary_text(plan: ExportPlan) -> str:
    """"123 customers will be exported; 45 left out: 30 no marketing consent; …" (English,
    for the CLI; the GUI words it from the same numbers in the user's language)."""
    head = f"{plan.exported:,} customers will be exported"
    if not plan.left_out:
        return head + "; nobody is left out."
    parts = [f"{n:,} {REASONS.get(reason, reason).lower()}"
             for reason, n in sorted(plan.left_out.items(), key=lambda kv: -kv[1])]
    return f"{head}; {plan.left_out_total:,} left out: " + "; ".join(parts) + "."


@dataclass
class ExportDone:
    path: Path
    op_id: int
    summary: str
    rows: int
    report: ExportReport
    left_out: dict[str, int] = field(default_factory=dict)


def write_export(ws: Workspace, plan: ExportPlan, path: str | Path, *,
                 progress: ProgressFn | None = None, cancel=None) -> ExportDone:
    """Write the planned file (atomically), then log it: one history line and an exports row.

    The override of "no" consent is named in the history line and its customer ids kept in
    the step's details, so who decided what stays on record."""
    path = Path(path)
    report = core.write_export(plan, path, progress=sub_progress(progress, 0.0, 0.95),
                               cancel=cancel)
    rows = report.rows_written
    title = FORMAT_TITLES.get(plan.format, plan.format)
    text = Summary(EXPORTED, rows=rows, file=path.name, format=Summary(title))
    overridden = plan.selection.included_no_consent
    if overridden:
        text = Summary(EXPORTED_OVERRIDE, step=text, n=len(overridden))
    left_out = dict(plan.left_out)
    for reason, n in report.skipped_by_reason().items():
        if reason not in plan.left_out:
            left_out[reason] = n
    params = {
        "audience": plan.options.get("audience"), "format": plan.format,
        "columns": report.columns or plan.columns, "rows": rows, "left_out": left_out,
        "file": str(path), "include_unknown_consent": plan.options.get("include_unknown_consent"),
        "include_no_consent": plan.options.get("include_no_consent"),
        "included_no_consent_ids": [int(c) for c in overridden],
        "shortened": plan.shortened, "escaped_cells": report.escaped_cells,
    }
    with ws.operation("export", text, params) as op:
        store.record_export(op, segment=plan.options.get("audience") or "", format=plan.format,
                            columns=list(params["columns"]), rows=rows, left_out=left_out,
                            file_name=path.name)
        op_id = op.id
    if progress:
        progress(1.0, "")
    return ExportDone(path, op_id, text, rows, report, left_out)


def export_history(ws: Workspace) -> list[dict]:
    return store.list_exports(ws)


# ---------------------------------------------------------------- suppression list

@dataclass
class SuppressionAdded:
    source: str
    read: int  # people found in the file or text
    added: int  # new on the list
    already: int  # already on it
    rejected: list[str]  # lines holding neither an email nor a phone
    total: int  # list size now
    op_id: int | None


def _add_suppression(ws: Workspace, imported: core.SuppressionImport, source: str,
                     ) -> SuppressionAdded:
    current = store.load_suppression(ws)
    with ws.operation("suppress", Summary(SUPPRESSING, source=source), {}) as op:
        added = store.add_suppression(op, imported.entries, current)
        op.summary = Summary(SUPPRESSED, added=added, source=source,
                             already=len(imported.entries) - added)
        op.params = {"source": source, "read": len(imported.entries), "added": added,
                     "rejected": len(imported.rejected)}
        op_id = op.id
    if not added:  # nothing changed: keep the history free of empty steps
        with ws.transaction() as conn:
            conn.execute("DELETE FROM operations WHERE id = ?", (op_id,))
        op_id = None
    return SuppressionAdded(source, len(imported.entries), added, len(imported.entries) - added,
                            imported.rejected, len(current), op_id)


def import_suppression_file(ws: Workspace, path: str | Path, *,
                            reason: str = "unsubscribed") -> SuppressionAdded:
    """Add a file of unsubscribed/bounced/complained people; importing again only adds."""
    path = Path(path)
    return _add_suppression(ws, core.parse_suppression_file(path, reason=reason), path.name)


def add_suppression_text(ws: Workspace, text: str, *,
                         reason: str = "unsubscribed") -> SuppressionAdded:
    """Add typed or pasted addresses and numbers, one person per line."""
    return _add_suppression(ws, core.parse_suppression_text(text, reason=reason),
                            Summary(TYPED_LIST))


def suppression_counts(ws: Workspace) -> dict[str, int]:
    """reason -> entries on the list (erased people counted as hashes under 'erased')."""
    return store.suppression_counts(ws)


# ---------------------------------------------------------------- erase a person

def find_people(ws: Workspace, query: str, limit: int = 50) -> list[dict]:
    """Customers for the erase dialog's search: exact email/phone first, else any text."""
    query = (query or "").strip()
    if not query:
        return []
    if query.isdigit() and len(query) < 9:
        found = store.find_people(ws, customer_id=int(query))
        if found:
            return found
    if "@" in query:
        found = store.find_people(ws, email=query)
    elif sum(ch.isdigit() for ch in query) >= 7:
        found = store.find_people(ws, phone=query)
    else:
        found = []
    return found or store.find_people(ws, text=query, limit=limit)


def erase_person(ws: Workspace, *, email: str | None = None, phone: str | None = None,
                 customer_id: int | None = None) -> store.EraseResult:
    """Erase exactly one person (by id, or the one customer matching an email or phone)."""
    if customer_id is None:
        what = email or phone or ""
        found = store.find_people(ws, email=email, phone=phone)
        if not found:
            raise UsageProblem(NO_PERSON, what=what)
        if len(found) > 1:
            raise UsageProblem(SEVERAL_PEOPLE, count=len(found), what=what,
                               ids=", ".join(str(p["id"]) for p in found[:10]))
        customer_id = found[0]["id"]
    return store.erase_customer(ws, int(customer_id))


def flag_erased_reimports(ws: Workspace, op_id: int | None) -> int:
    """After an import: flag ('erased_match') customers that match an erased person's hash.

    Cheap when nobody was ever erased (one query)."""
    if op_id is None:
        return 0
    if not ws.conn.execute(
            "SELECT 1 FROM suppression WHERE identity_hash IS NOT NULL LIMIT 1").fetchone():
        return 0
    return len(store.flag_reimported(ws, op_id, store.load_suppression(ws)))


@dataclass
class ExportOverview:
    """What the Export page shows before any choice: audiences, columns, suppression list."""

    choices: AudienceChoices
    columns: list[str]
    suppression: dict[str, int]


def export_overview(ws: Workspace) -> ExportOverview:
    return ExportOverview(audience_choices(ws), available_columns(ws), suppression_counts(ws))
