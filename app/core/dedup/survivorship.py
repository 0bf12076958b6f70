"""Survivorship: which value each field of a merged customer keeps.

Nothing is lost: every phone and e-mail of the merged records that is not the surviving one
is kept as an alternate, and the merge plan lists the source records so storage can undo it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from app.core.cleaning.text import clean_text
from app.core.cleaning.values import parse_date
from app.core.dedup.rules import (
    LONGEST,
    MOST_COMPLETE,
    MOST_FREQUENT,
    MOST_RECENT,
    SUM,
    SurvivorshipRules,
)
from app.core.fields import ROLE_KEYS

_ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass
class MergedRecord:
    fields: dict[str, object]  # role key -> surviving value
    alt_phones: list[str]
    alt_emails: list[str]
    extra: dict[str, object]
    source_rows: list[str]
    customer_ids: list[int]  # the merged records, newest first
    survivor_id: int | None  # the record whose id the merged customer keeps (the newest)
    flags: dict[str, str] = field(default_factory=dict)


def _blank(value) -> bool:
    if type(value) is str:  # first: a big merge asks this about six million cells, mostly text
        return not value.strip()
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    if isinstance(value, str) and not value.strip():
        return True
    return isinstance(value, (list, dict, tuple)) and len(value) == 0


def _when(value) -> str:
    """A date cell as a sortable ISO string ("" when blank or unreadable). Records may hold
    raw imported dates (2023/5/1, 2023年5月1日, full-width digits, Excel serials), whose text
    does not sort by time, so each is read with the cleaning date parser first."""
    if _blank(value):
        return ""
    text = str(value)[:19]
    if _ISO_START.match(text):
        return text
    parsed = parse_date(value).iso
    return parsed or ""


def _recency(row: dict) -> str:
    """Sort key: last purchase, then import time (position breaks the remaining ties)."""
    # "~" never sorts first: a record without any date is the oldest, not the newest.
    return (_when(row.get("last_purchase")) or " ") + "~" + (_when(row.get("imported_at")) or " ")


def _same_key(value) -> str:
    """Values that differ only in width, case or spacing count as one (most frequent)."""
    text = clean_text(value) or ""
    return "".join(text.casefold().split())


def _number(value) -> float | None:
    if _blank(value):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _pick(values: list, rule: str, completeness: list[int]):
    """values are ordered newest first; blanks are skipped by every rule."""
    present = [(k, v) for k, v in enumerate(values) if not _blank(v)]
    if not present:
        return None
    if rule == MOST_RECENT:
        return present[0][1]
    if rule == MOST_COMPLETE:
        return max(present, key=lambda kv: (completeness[kv[0]], -kv[0]))[1]
    if rule == MOST_FREQUENT:
        counts = Counter(_same_key(v) for _, v in present)
        best = max(present, key=lambda kv: (counts[_same_key(kv[1])], -kv[0]))
        return best[1]
    if rule == LONGEST:
        return max(present, key=lambda kv: (len(str(kv[1])), -kv[0]))[1]
    if rule == SUM:
        numbers = [_number(v) for _, v in present]
        if any(x is None for x in numbers):
            return present[0][1]  # text amounts cannot be added safely; keep the newest
        total = sum(numbers)
        return int(total) if all(float(x).is_integer() for x in numbers) else round(total, 2)
    return present[0][1]


def merge_records(records: pd.DataFrame | list[dict],
                  rules: SurvivorshipRules | None = None) -> MergedRecord:
    """Merge the records of one customer (rows of the customers DataFrame, or those rows as
    dicts) into one.

    Every phone and e-mail that does not survive as the main one is kept in alt_phones /
    alt_emails, extra columns are united (newest value first), source rows concatenated.
    Plain dicts rather than a small DataFrame per group: pandas' per-call overhead made a
    94k-group merge at 1M rows take four minutes.
    """
    rules = rules or SurvivorshipRules()
    if isinstance(records, pd.DataFrame):
        records = records.to_dict("records")
    columns = records[0].keys() if records else ()
    # Newest first; among equal dates the later row (larger position) counts as newer.
    order = [_recency(row) for row in records]
    records = [records[k] for k in sorted(range(len(records)), key=lambda k: (order[k], k),
                                          reverse=True)]
    role_columns = [k for k in ROLE_KEYS if k in columns]
    completeness = [sum(not _blank(row[c]) for c in role_columns) for row in records]

    merged: dict[str, object] = {}
    for name in role_columns:
        values = [row[name] for row in records]
        rule = rules.rule_for(name)
        if name == "first_purchase" and rules.purchases == SUM:
            dates = [v for v in values if _when(v)]
            merged[name] = min(dates, key=_when) if dates else None
            continue
        merged[name] = _pick(values, rule, completeness)

    alt_phones = _alternates(records, columns, "phone", "alt_phones", merged.get("phone"))
    alt_emails = _alternates(records, columns, "email", "alt_emails", merged.get("email"))

    extra: dict[str, object] = {}
    if "extra" in columns:
        for value in (row["extra"] for row in records):
            if isinstance(value, dict):
                for header, cell in value.items():
                    if header not in extra or _blank(extra[header]):
                        extra[header] = cell
    source_rows: list[str] = []
    if "source_rows" in columns:
        for value in (row["source_rows"] for row in records):
            for row in value if isinstance(value, (list, tuple)) else []:
                if row not in source_rows:
                    source_rows.append(row)
    flags: dict[str, str] = {}
    if "flags" in columns:
        for value in (row["flags"] for row in records):
            if isinstance(value, dict):
                for key, reason in value.items():
                    flags.setdefault(key, reason)
    ids = [int(row["customer_id"]) for row in records] if "customer_id" in columns else []
    return MergedRecord(
        fields=merged,
        alt_phones=alt_phones,
        alt_emails=alt_emails,
        extra=extra,
        source_rows=source_rows,
        customer_ids=ids,
        survivor_id=ids[0] if ids else None,
        flags=flags,
    )


def _alternates(records: list[dict], columns, main: str, alt: str, survivor) -> list[str]:
    seen: list[str] = []
    for column in (main, alt):
        if column not in columns:
            continue
        for value in (row[column] for row in records):
            items = value if isinstance(value, (list, tuple)) else [value]
            for item in items:
                if _blank(item):
                    continue
                text = str(item).strip()
                if text != str(survivor).strip() and text not in seen:
                    seen.append(text)
    return seen
