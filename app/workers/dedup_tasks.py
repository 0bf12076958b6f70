"""Deduplication use cases, Qt-free: the CLI calls them directly, the GUI through the runner."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from app.core.dedup import DedupResult, SurvivorshipRules, Thresholds, find_duplicates
from app.core.dedup.explain import summary
from app.core.errors import StudioError
from app.core.fields import ROLE_KEYS
from app.core.frames import indexed_by
from app.core.i18n import QT_TRANSLATE_NOOP, Summary
from app.core.progress import ProgressFn, no_progress, sub_progress
from app.storage import dedup_store
from app.storage.customers import load_customers
from app.storage.dedup_store import MergeInfo, MergeReport, UnmergeReport
from app.storage.workspace import Workspace

REVIEW_COLUMNS = ["a", "b", "probability", "decision", "name_a", "name_b", "phone_a",
                  "phone_b", "email_a", "email_b", "company_a", "company_b", "city_a", "city_b",
                  "reasons"]
BAD_REVIEW_FILE = QT_TRANSLATE_NOOP(
    "errors", "{path}: the review file could not be read ({why}).")
SAME_WORDS = {"same", "s", "yes", "y", "1", "true", "相同", "是", "同一人", "合并"}
DIFFERENT_WORDS = {"different", "d", "no", "n", "0", "false", "不同", "否", "不是"}
AUTO_MERGED = QT_TRANSLATE_NOOP("history",
                                "Merged {groups} groups of sure duplicates automatically")
MARKED_SAME = QT_TRANSLATE_NOOP("history", "Marked {a} and {b} as the same person")
MARKED_DIFFERENT = QT_TRANSLATE_NOOP("history", "Marked {a} and {b} as different people")


DEDUP_FIELDS = (*ROLE_KEYS, "alt_phones", "alt_emails", "extra")


@dataclass
class DedupRun:
    result: DedupResult
    customers: pd.DataFrame  # the records scored, for showing pairs side by side
    linking: bool  # only the newest import was matched against the existing customers


def release_run(held: list) -> None:
    """Empty a result the Deduplicate page has let go, a slice at a time, off the GUI thread
    (dropping a 1M-row run there froze the window 0.56 s, most of it its customers frame).
    held: [run, by_id] (by_id: the page's view of run.customers indexed by id); given in a
    list so that this job holds the only references and can drop by_id first (it shares the
    frame's columns, which are emptied only when nothing else holds them)."""
    from app.core.arrays import free
    from app.core.frames import release

    run, by_id = held
    held.clear()
    del by_id
    release(run.customers)
    free(run.result.unsure)


def release_lists(held: list) -> None:
    """Empty big lists the Deduplicate page has let go (a merge run's groups and report, the
    previous merges list), a slice at a time, off the GUI thread: 94k merges freed there at
    once held the GIL ~0.1-0.2 s. held: the lists, in a list this job alone holds."""
    from app.core.arrays import free

    while held:
        free(held.pop())


def find(
    ws: Workspace,
    *,
    linking: bool | None = None,
    thresholds: Thresholds | dict | None = None,
    progress: ProgressFn | None = None,
    cancel=None,
) -> DedupRun:
    """Score the active customers, with the user's earlier decisions.

    linking: None = automatic (when a newer import sits on top of existing customers that
    were already deduplicated, i.e. some merge exists, only new rows are matched against the
    existing ones); True/False forces it.
    """
    progress = progress or no_progress
    progress(0.0, "Loading customers")
    # What matching and the review show: role fields, alternates, extra fields (postcode, ID
    # number) and source rows; not flags, marketing fields or import times (decoding a million
    # flag dicts and freeing them again cost seconds and GIL-holding deallocations).
    customers = load_customers(ws, fields=DEDUP_FIELDS)
    newest = dedup_store.newest_import_customers(ws)
    if linking is None:
        linking = bool(dedup_store.list_merges(ws)) and 0 < len(newest) < len(customers)
    existing = None
    if linking:
        existing = [c for c in customers["customer_id"].tolist() if c not in newest]
        if not existing or len(existing) == len(customers):
            existing, linking = None, False
    result = find_duplicates(
        customers,
        decisions=dedup_store.load_decisions(ws),
        existing_ids=existing,
        thresholds=thresholds,
        progress=sub_progress(progress, 0.05, 1.0),
        cancel=cancel,
    )
    return DedupRun(result, customers, bool(linking))


def apply_sure_merges(
    ws: Workspace,
    result: DedupResult,
    rules: SurvivorshipRules | None = None,
    *,
    progress: ProgressFn | None = None,
    cancel=None,
) -> MergeReport:
    """Merge every sure cluster (one history step; each group can be unmerged on its own)."""
    if not result.clusters:
        return MergeReport(None)
    return dedup_store.merge_groups(
        ws, result.clusters, rules,
        summary=Summary(AUTO_MERGED, groups=len(result.clusters)),
        progress=progress, cancel=cancel,
    )


def decide(
    ws: Workspace,
    a: int,
    b: int,
    decision: str,
    rules: SurvivorshipRules | None = None,
) -> MergeReport:
    """The reviewer's answer for one pair; "same" also merges the two at once."""
    template = MARKED_SAME if decision == "same" else MARKED_DIFFERENT
    with ws.operation(dedup_store.REVIEW_KIND, Summary(template, a=a, b=b)) as op:
        dedup_store.record_decisions_in_op(op, [(a, b, decision)])
    if decision != "same":
        return MergeReport(None)
    return merge_group(ws, [a, b], rules)


def merge_group(ws: Workspace, ids: list[int], rules: SurvivorshipRules | None = None
                ) -> MergeReport:
    return dedup_store.merge_groups(ws, [ids], rules)


def record_decisions(ws: Workspace, decisions) -> int:
    return dedup_store.record_decisions(ws, decisions)


def unmerge(ws: Workspace, survivor_id: int) -> UnmergeReport:
    return dedup_store.unmerge(ws, survivor_id)


def merges(ws: Workspace) -> list[MergeInfo]:
    return dedup_store.list_merges(ws)


# ---------------------------------------------------------------- review files


def _value(frame: pd.DataFrame, cid: int, column: str):
    if column not in frame.columns:
        return ""
    value = frame.at[cid, column]
    return "" if value is None or (isinstance(value, float) and value != value) else value


def review_rows(run: DedupRun, lang: str = "en") -> list[dict]:
    by_id = indexed_by(run.customers, "customer_id")
    rows = []
    for pair in run.result.unsure:
        row = {"a": pair.a, "b": pair.b, "probability": round(pair.probability, 4),
               "decision": ""}
        for col in ("name", "phone", "email", "company", "city"):
            row[f"{col}_a"] = _value(by_id, pair.a, col)
            row[f"{col}_b"] = _value(by_id, pair.b, col)
        row["reasons"] = summary(pair.reasons, lang)
        rows.append(row)
    return rows


def write_review_file(run: DedupRun, path: str | Path, lang: str = "en") -> int:
    """The unsure pairs for review in .xlsx, .csv or .json; fill `decision` with same or
    different (or 相同 / 不同) and feed the file back with read_decisions_file."""
    path = Path(path)
    rows = review_rows(run, lang)
    suffix = path.suffix.lower()
    if suffix == ".json":
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=2, default=str),
                        encoding="utf-8")
    elif suffix in (".xlsx", ".xlsm"):
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "review"
        sheet.append(REVIEW_COLUMNS)
        for row in rows:
            sheet.append([row[c] for c in REVIEW_COLUMNS])
        book.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, REVIEW_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
    return len(rows)


def _decision(text) -> str | None:
    word = str(text or "").strip().lower()
    if word in SAME_WORDS:
        return "same"
    if word in DIFFERENT_WORDS:
        return "different"
    return None


def read_decisions_file(path: str | Path) -> list[tuple[int, int, str]]:
    """(a, b, same|different) from a filled review file; blank decisions are skipped."""
    path = Path(path)
    try:
        suffix = path.suffix.lower()
        if suffix == ".json":
            rows = json.loads(path.read_text(encoding="utf-8-sig"))
        elif suffix in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            sheet = load_workbook(path, read_only=True).active
            values = list(sheet.iter_rows(values_only=True))
            header = [str(h or "") for h in values[0]]
            rows = [dict(zip(header, v, strict=False)) for v in values[1:]]
        else:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.DictReader(fh))
        found = []
        for row in rows:
            decision = _decision(row.get("decision"))
            if decision and row.get("a") not in (None, "") and row.get("b") not in (None, ""):
                found.append((int(float(row["a"])), int(float(row["b"])), decision))
        return found
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise StudioError(BAD_REVIEW_FILE, path=str(path), why=str(exc)) from exc
