"""Deduplication: blocking, EM-weighted pair scoring, safe clustering, survivorship.

Public API (see engine.py and survivorship.py):
    find_duplicates(customers, *, decisions=None, existing_ids=None, thresholds=None,
                    progress=None, cancel=None) -> DedupResult
    merge_records(records, rules=None) -> MergedRecord
"""

# Loaded on first use (PEP 562): the engine pulls in pandas, scipy and rapidfuzz, and the
# GUI imports this package's light modules (rules) at start-up.
_HOMES = {
    "DedupResult": "engine", "Pair": "engine", "Thresholds": "engine",
    "find_duplicates": "engine", "Reason": "explain", "MergedRecord": "survivorship",
    "SurvivorshipRules": "rules", "merge_records": "survivorship",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


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
