"""Pairwise precision / recall / F1 of found clusters against known identities.

Used by the tests and benchmarks (answer keys of the samples, FEBRL's true links); kept in
core because the CLI can report the same figures for any sheet with a known id column.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pandas as pd


@dataclass
class PairScores:
    true_pairs: int
    found_pairs: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found_pairs if self.found_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.4f} recall {self.recall:.4f} F1 {self.f1:.4f} "
            f"(true {self.true_pairs}, found {self.found_pairs}, correct {self.correct})"
        )


def pairs_of(groups: Iterable[Iterable]) -> set[tuple]:
    out = set()
    for group in groups:
        members = sorted(set(group))
        out.update(combinations(members, 2))
    return out


def score_pairs(found: set[tuple], truth: set[tuple]) -> PairScores:
    found = {tuple(sorted(p)) for p in found}
    truth = {tuple(sorted(p)) for p in truth}
    return PairScores(len(truth), len(found), len(found & truth))


def truth_pairs(entity_of: dict) -> set[tuple]:
    """Pairs of record ids sharing an entity (None entities never pair)."""
    groups: dict = {}
    for record, entity in entity_of.items():
        if entity is not None:
            groups.setdefault(entity, []).append(record)
    return pairs_of(groups.values())


def _cell(value):
    """The imported value of an answer-key `raw` cell (real dates as ISO strings)."""
    if isinstance(value, dict):
        if "excel_date" in value:
            return value["excel_date"]
        if "number" in value:
            return value["number"]
    return value


def customers_from_answers(path: Path, file_name: str | None = None) -> tuple[pd.DataFrame, dict]:
    """The customers DataFrame an import of the sample would give, and the answer key.

    customer_id is the 1-based row order of the key; column roles come from the key's sheet
    headers; `person` (truth, not for matching) is returned in the key's rows.
    """
    answers = json.loads(Path(path).read_text(encoding="utf-8"))
    file_name = file_name or answers.get("file", "customers.xlsx")
    records = []
    for k, row in enumerate(answers["rows"], start=1):
        sheet = answers["sheets"][row["sheet"]]
        record = {"customer_id": k}
        for header, value in zip(sheet["headers"], row["raw"], strict=False):
            record[sheet["columns"].get(header, header)] = _cell(value)
        record["alt_phones"] = []
        record["alt_emails"] = []
        record["flags"] = {}
        record["extra"] = {}
        record["source_rows"] = [f"{file_name}|{row['sheet']}|{row['row']}"]
        record["imported_at"] = "2024-07-01T09:00:00"
        records.append(record)
    return pd.DataFrame(records), answers
