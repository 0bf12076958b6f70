"""Deduplication: blocking, EM-weighted pair scoring, safe clustering, survivorship.

Public API (see engine.py and survivorship.py):
    find_duplicates(customers, *, decisions=None, existing_ids=None, thresholds=None,
                    progress=None, cancel=None) -> DedupResult
    merge_records(records, rules=None) -> MergedRecord
"""

from app.core.dedup.engine import DedupResult, Pair, Thresholds, find_duplicates
from app.core.dedup.explain import Reason
from app.core.dedup.survivorship import MergedRecord, SurvivorshipRules, merge_records

__all__ = [
    "DedupResult",
    "MergedRecord",
    "Pair",
    "Reason",
    "SurvivorshipRules",
    "Thresholds",
    "find_duplicates",
    "merge_records",
]
