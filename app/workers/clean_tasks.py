"""Check and Clean use cases (Qt-free): the CLI calls them directly, the GUI through the task
runner. Core computes reports and plans; app/storage/clean_store writes them as one undoable
operation each."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.core.cleaning.cache import cache_for, drop_cache
from app.core.cleaning.per_customer import FlagSet
from app.core.cleaning.plan import CleaningPlan, suggest_fixes
from app.core.cleaning.profile import ProfileReport, profile
from app.core.cleaning.recipe import Recipe
from app.core.errors import StudioError
from app.core.frames import release
from app.core.i18n import QT_TRANSLATE_NOOP, FieldName, Summary
from app.core.progress import ProgressFn, check_cancel, no_progress, sub_progress
from app.storage import clean_store
from app.storage.workspace import Workspace

NO_RECIPE = QT_TRANSLATE_NOOP("errors", "There is no saved recipe called “{name}”.")
UNKNOWN_RULES = QT_TRANSLATE_NOOP("errors", "Unknown cleaning rule(s): {rules}. Known rules: {known}.")
CLUSTER_FIELDS = ("city", "company", "industry", "province", "district", "name")
JSON_VALUE_FIELDS = ("employees",)  # bands are stored as JSON text ("[50, 199]")
LAST_RECIPE = "last"


def load_for_cleaning(ws: Workspace, ids=None):
    """Active customers as core expects them (bands back to lists; no source rows needed)."""
    import numpy as np
    import pandas as pd

    frame = clean_store.load_role_columns(ws, ids=ids)
    for name in JSON_VALUE_FIELDS:
        if name in frame.columns:
            column = frame[name].to_numpy(dtype=object, copy=True)
            for start in range(0, len(column), 50_000):  # short C calls: the window stays live
                part = column[start:start + 50_000]
                # Texts decoded once per distinct text (a few hundred bands in a million
                # rows); numbers and blanks stay as they are.
                text = np.flatnonzero(np.equal(np.fromiter(map(type, part), dtype=object,
                                                           count=len(part)), str))
                codes, distinct = pd.factorize(part[text])
                decoded = np.empty(len(distinct), dtype=object)
                decoded[:] = [_json_list(v) for v in distinct]
                part[text] = decoded[codes]
            frame[name] = column
    return frame


def _json_list(value):
    if isinstance(value, str) and value.startswith("[") and value.endswith("]"):
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        return decoded if isinstance(decoded, list) else value
    return value


def release_frame(frame) -> None:
    """Free a loaded frame and its value cache piece by piece instead of in one long
    deallocation when the last reference goes (that held the GIL for 0.3 s at 300k rows:
    the window froze as a job ended). Only for a frame the caller loaded and is done with."""
    release(frame)
    drop_cache(frame)


def release_plan(plan: CleaningPlan) -> None:
    """Empty a plan the Clean page has let go, a slice at a time, off the GUI thread: a
    million-row plan holds ~14M references (each change's old and new value) and its flags
    and alternates; dropping it on the GUI thread froze the window 0.15-0.18 s."""
    import numpy as np

    from app.core.arrays import free

    for column in list(plan.columns.values()):
        for name in ("old", "new"):
            values = getattr(column, name)
            setattr(column, name, np.empty(0, dtype=object))
            if values.base is None:
                free(values)
            del values
    for values in (plan.alt_phones, plan.alt_emails, plan.salutation):
        values.free()
    plan.flags = FlagSet()  # numbers and a few texts: freed at once


# ---------------------------------------------------------------- Check

@dataclass
class CheckResult:
    report: ProfileReport
    previous_score: float | None  # the score the last check saw (before/after cleaning)


def profile_workspace(ws: Workspace, *, frame=None, region: str = "CN",
                      progress: ProgressFn | None = None, cancel=None,
                      remember: bool = True) -> CheckResult:
    """`region`: the country of phone numbers written without +code (Settings)."""
    progress = progress or no_progress
    previous = clean_store.last_score(ws)
    loaded = frame is None
    frame = load_for_cleaning(ws) if loaded else frame
    check_cancel(cancel)
    report = profile(frame, region=region, progress=sub_progress(progress, 0.1, 1.0),
                     cancel=cancel, cache=cache_for(frame))
    if loaded:
        release_frame(frame)
    if remember:
        clean_store.save_score(ws, report.score)
    return CheckResult(report, previous)


# ---------------------------------------------------------------- Clean

@dataclass
class CleanSettings:
    region: str = "CN"  # default region for phone numbers written without +country
    date_order: str | None = None  # "dmy" | "mdy" | None (inferred per column)
    fake: str = "blank"  # fake/placeholder values: "blank" the cell, "keep" (flag), "exclude" the row


def known_rules() -> list[str]:
    from app.core.cleaning.rules import ORDER

    return list(ORDER)


def check_rules(rule_ids: Sequence[str] | None) -> list[str] | None:
    if not rule_ids:
        return None
    known = known_rules()
    unknown = [r for r in rule_ids if r not in known]
    if unknown:
        raise StudioError(UNKNOWN_RULES, rules=", ".join(unknown), known=", ".join(known))
    return list(rule_ids)


def plan_cleaning(ws: Workspace, only: Sequence[str] | None = None,
                  settings: CleanSettings | None = None, *, frame=None,
                  progress: ProgressFn | None = None, cancel=None) -> CleaningPlan:
    """The suggested fixes, nothing written: counts, examples and every change for preview."""
    settings = settings or CleanSettings()
    progress = progress or no_progress
    loaded = frame is None
    frame = load_for_cleaning(ws) if loaded else frame
    progress(0.1, "")
    plan = suggest_fixes(frame, region=settings.region, date_order=settings.date_order,
                         only=check_rules(only), fake=settings.fake,
                         progress=sub_progress(progress, 0.1, 1.0), cancel=cancel,
                         cache=cache_for(frame))
    if loaded:
        release_frame(frame)
    return plan


@dataclass
class CleanResult:
    op_id: int | None  # the history step (None: nothing needed changing)
    customers: int
    cells: int
    counts: dict[str, int] = field(default_factory=dict)  # rule id -> cells
    score_before: float | None = None
    score_after: float | None = None


CLEANED = QT_TRANSLATE_NOOP("history", "Clean: {cells:,} cells ({fields})")
CLEANED_FLAGS = QT_TRANSLATE_NOOP("history", "Clean: flags")
NOTE_PHONES_LINE = QT_TRANSLATE_NOOP(
    "history", "Clean: {n:,} phone numbers from notes added as alternates")
CLUSTER_MERGE = QT_TRANSLATE_NOOP("history", "Merge {n} spellings of {field} into {values}")


def _summary(plan: CleaningPlan) -> Summary:
    fields = [name for name, column in plan.columns.items() if len(column)]
    if not fields:
        return Summary(CLEANED_FLAGS)
    shown = [FieldName(f) for f in fields[:5]] + (["…"] if len(fields) > 5 else [])
    return Summary(CLEANED, cells=len(plan.changes), fields=shown)


def apply_cleaning(ws: Workspace, plan: CleaningPlan, rule_ids: Sequence[str] | None = None, *,
                   settings: CleanSettings | None = None, recipe_name: str | None = LAST_RECIPE,
                   score_before: float | None = None, rescore: bool = True,
                   progress: ProgressFn | None = None, cancel=None) -> CleanResult:
    """Apply the chosen rules of a previewed plan as ONE undoable step; keep them as a recipe
    (by rule id, i.e. column role) and report the quality score before and after."""
    settings = settings or CleanSettings()
    progress = progress or no_progress
    chosen = check_rules(rule_ids) or [r.rule_id for r in plan.rules]
    plan = plan.only(chosen)
    if score_before is None and rescore:
        score_before = profile_workspace(ws, region=settings.region,
                                         progress=sub_progress(progress, 0.0, 0.2),
                                         cancel=cancel).report.score
    counts = plan.counts()
    params = {"rules": chosen, "counts": counts, "region": settings.region,
              "score_before": score_before}
    applied = clean_store.apply_plan(ws, plan, _summary(plan), params,
                                     progress=sub_progress(progress, 0.2, 0.7), cancel=cancel)
    if recipe_name and applied.op_id is not None:
        clean_store.save_recipe(ws, Recipe(recipe_name, chosen, settings.region,
                                           settings.date_order))
    after = None
    if rescore:
        after = profile_workspace(ws, region=settings.region,
                                  progress=sub_progress(progress, 0.7, 1.0),
                                  cancel=cancel).report.score
    progress(1.0, "")
    return CleanResult(applied.op_id, applied.customers, applied.cells, counts, score_before,
                       after)


@dataclass
class CleanRun:
    """What `clean` did (or, with dry_run, would do)."""
    plan: CleaningPlan
    result: CleanResult
    dry_run: bool


def clean_workspace(ws: Workspace, only: Sequence[str] | None = None, *,
                    recipe: str | None = None, save_recipe: str | None = None,
                    settings: CleanSettings | None = None, dry_run: bool = False,
                    progress: ProgressFn | None = None, cancel=None) -> CleanRun:
    """The CLI's one-shot: check, plan, apply (unless dry_run), check again."""
    progress = progress or no_progress
    if recipe:
        saved = clean_store.load_recipe(ws, recipe)
        if saved is None:
            raise StudioError(NO_RECIPE, name=recipe)
        only = only or saved.rules or None
        settings = settings or CleanSettings(saved.region, saved.date_order)
    frame = load_for_cleaning(ws)
    before = profile_workspace(ws, frame=frame, region=(settings or CleanSettings()).region,
                               progress=sub_progress(progress, 0.0, 0.25), cancel=cancel,
                               remember=not dry_run).report.score
    plan = plan_cleaning(ws, only, settings, frame=frame,
                         progress=sub_progress(progress, 0.25, 0.6), cancel=cancel)
    release_frame(frame)
    del frame
    if dry_run:
        progress(1.0, "")
        return CleanRun(plan, CleanResult(None, 0, 0, plan.counts(), before, None), True)
    result = apply_cleaning(ws, plan, only, settings=settings,
                            recipe_name=save_recipe or LAST_RECIPE, score_before=before,
                            progress=sub_progress(progress, 0.6, 1.0), cancel=cancel)
    return CleanRun(plan, result, False)


def apply_note_phones(ws: Workspace, plan: CleaningPlan, customer_ids=None, *,
                      progress: ProgressFn | None = None, cancel=None) -> CleanResult:
    """Add the phone numbers found in notes (plan.suggestions) as alternate phones: one
    undoable step."""
    from app.core.cleaning.plan import note_phones_plan

    notes = note_phones_plan(plan, customer_ids)
    count = sum(len(v) for v in notes.alt_phones.values())  # a list per customer
    applied = clean_store.apply_plan(
        ws, notes, Summary(NOTE_PHONES_LINE, n=count),
        {"rules": ["phone.from_notes"], "counts": notes.counts()}, progress=progress,
        cancel=cancel)
    return CleanResult(applied.op_id, applied.customers, applied.cells, notes.counts())


# ---------------------------------------------------------------- value clustering

def column_values(ws: Workspace, field_name: str) -> list:
    if field_name not in CLUSTER_FIELDS:
        from app.core.fields import ROLE_KEYS

        if field_name not in ROLE_KEYS:
            raise ValueError(f"not a customer field: {field_name!r}")
    return [r[0] for r in ws.conn.execute(
        f"SELECT {field_name} FROM customers WHERE status = 'active' "
        f"AND {field_name} IS NOT NULL")]


def cluster_column(ws: Workspace, field_name: str, method: str = "fingerprint", *,
                   progress: ProgressFn | None = None, cancel=None):
    """Groups of spellings that probably mean one value (core.cleaning.clusters)."""
    from app.core.cleaning.clusters import cluster_values

    progress = progress or no_progress
    values = column_values(ws, field_name)
    check_cancel(cancel)
    clusters = cluster_values(values, method=method, field=field_name)
    progress(1.0, "")
    return clusters


def apply_cluster_merge(ws: Workspace, field_name: str, mapping: dict[str, str]):
    """{variant: canonical} -> one undoable step; returns clean_store.AppliedClean."""
    targets = sorted(set(mapping.values()))
    summary = Summary(CLUSTER_MERGE, n=len(mapping), field=FieldName(field_name),
                      values=targets[:3] + (["…"] if len(targets) > 3 else []))
    return clean_store.replace_values(ws, field_name, mapping, summary, {"kind": "cluster"})


# ---------------------------------------------------------------- recipes

def list_recipes(ws: Workspace) -> list[Recipe]:
    return clean_store.list_recipes(ws)


def save_recipe(ws: Workspace, name: str, rule_ids: Sequence[str],
                settings: CleanSettings | None = None) -> Recipe:
    settings = settings or CleanSettings()
    recipe = Recipe(name, check_rules(rule_ids) or [], settings.region, settings.date_order)
    clean_store.save_recipe(ws, recipe)
    return recipe
