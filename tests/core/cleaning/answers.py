"""Turn the samples' answer keys into customers DataFrames and score a cleaning plan."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from app.core.cleaning.plan import apply_plan, suggest_fixes
from app.core.cleaning.rules import PROVINCE_FROM_CITY

FIELDS = ("name", "phone", "email", "company", "city", "province", "industry", "employees",
          "first_purchase", "last_purchase", "orders", "total_spent", "consent")


def imported_value(raw):
    """The value storage hands to core: real dates as ISO strings, numbers as numbers."""
    if isinstance(raw, dict):
        if "excel_date" in raw:
            return raw["excel_date"]
        if "number" in raw:
            return raw["number"]
    return raw


def load_answers(path: Path) -> tuple[pd.DataFrame, list[dict]]:
    data = json.loads(path.read_text("utf-8"))
    rows = data.get("rows") or data.get("records")
    records = []
    for i, row in enumerate(rows):
        if "sheet" in row and "sheets" in data:
            roles = list(data["sheets"][row["sheet"]]["columns"].values())
        else:
            roles = list(FIELDS)
        record = {"customer_id": i + 1}
        raw = row["raw"]
        values = raw if isinstance(raw, list) else [raw.get(r) for r in roles]
        for role, value in zip(roles, values, strict=False):
            record[role] = imported_value(value)
        records.append(record)
    frame = pd.DataFrame.from_records(records).astype(object)
    return frame.where(frame.notna(), None), rows


def _equal(got, want) -> bool:
    if isinstance(want, float) or isinstance(got, float):
        try:
            return got is not None and want is not None and abs(float(got) - float(want)) < 0.006
        except (TypeError, ValueError):
            return False
    if isinstance(want, list):
        return list(got) == want if isinstance(got, list | tuple) else False
    return got == want


def score(path: Path) -> tuple[dict[str, float], dict[str, list], dict[str, float]]:
    """(accuracy per field, wrong examples per field, flag precision/recall)."""
    customers, rows = load_answers(path)
    plan = suggest_fixes(customers)
    # The keys leave a blank province blank; filling it from the city is a separate offer.
    plan = plan.only([r.rule_id for r in plan.rules if r.rule_id != PROVINCE_FROM_CITY])
    cleaned = apply_plan(customers, plan)
    accuracy, wrong = {}, {}
    for fieldname in FIELDS:
        if fieldname not in cleaned.columns:
            continue
        got = cleaned[fieldname].tolist()
        hits = 0
        wrong[fieldname] = []
        for i, row in enumerate(rows):
            want = row["clean"].get(fieldname)
            if _equal(got[i], want):
                hits += 1
            else:
                wrong[fieldname].append((customers[fieldname][i], got[i], want))
        accuracy[fieldname] = hits / len(rows)
    flags = cleaned["flags"].tolist()
    truth = {(i, f, r) for i, row in enumerate(rows) for f, r in row["invalid"].items()}
    found = {(i, f, r) for i, fl in enumerate(flags) for f, r in (fl or {}).items()}
    truth_cells = {(i, f) for i, f, _ in truth}
    found_cells = {(i, f) for i, f, _ in found}
    flag_scores = {
        "cell_recall": len(truth_cells & found_cells) / max(len(truth_cells), 1),
        "cell_precision": len(truth_cells & found_cells) / max(len(found_cells), 1),
        "reason_recall": len(truth & found) / max(len(truth), 1),
    }
    wrong["flags"] = sorted(found_cells ^ truth_cells)
    return accuracy, wrong, flag_scores
