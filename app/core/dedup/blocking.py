"""Candidate pairs by blocking, so a million rows never meets all-pairs.

Two records become a candidate pair when they share any blocking key: a phone, an e-mail, a
free-mail local part, name + city, company + city, name + company, a rare name, a birth date,
postcode or ID number, or when their names or street addresses sit next to each other in
sorted order (typos).

A block larger than `max_block` (a switchboard number shared by 200 staff, "王伟" in a big
city) does not produce all its pairs: inside it each record meets only its neighbours in name
order, which still finds the same person twice without 20,000 hopeless pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.core.arrays import text_order, unique_sorted
from app.core.dedup.keys import MatchKeys, codes

MAX_BLOCK = 40  # all pairs inside blocks up to this size
BIG_BLOCK_WINDOW = 3  # neighbours in name order inside bigger blocks
SORTED_WINDOW = 4  # sorted-neighbourhood window on the pinyin name key
ADDRESS_WINDOW = 3  # and on the street address (two neighbours each side)
RARE_NAME = 8  # a name carried by at most this many records is a block on its own
# Name + city alone never merges automatically (two 王伟 in 北京), so its blocks only feed the
# review list; at a million rows they made 6M hopeless pairs. Smaller blocks there.
RULE_MAX_BLOCK = {"name_city": 8, "company_city": 20}


@dataclass
class BlockingStats:
    rules: dict[str, int]  # rule -> pairs it produced (before de-duplication)
    capped_blocks: int  # blocks too big for all pairs
    pairs: int  # distinct candidate pairs


def _combine(*parts: np.ndarray) -> np.ndarray:
    """Codes of several keys combined into one code; -1 when any part is missing.

    Packs the codes pairwise into one int64 and factorizes that (first-appearance order, as
    MultiIndex.factorize numbers them): a MultiIndex builds a tuple per row with the GIL
    held, 2-3 s at a million rows, which froze the app's window.
    """
    parts = [np.asarray(p, dtype=np.int64) for p in parts]
    n = len(parts[0]) if parts else 0
    if not n:
        return np.zeros(0, dtype=np.int64)
    missing = np.zeros(n, dtype=bool)
    key = np.zeros(n, dtype=np.int64)
    for part in parts:
        missing |= part < 0
        key = pd.factorize(key)[0].astype(np.int64) * (int(part.max()) + 2) + (part + 1)
    combined = pd.factorize(key)[0].astype(np.int64)
    combined[missing] = -1
    return combined


def pairs_from_key(
    rows: np.ndarray,
    key: np.ndarray,
    order: np.ndarray,
    max_block: int = MAX_BLOCK,
    window: int = BIG_BLOCK_WINDOW,
) -> tuple[np.ndarray, np.ndarray, int]:
    """All pairs of rows sharing `key` (>= 0); big blocks only pair name-order neighbours.

    `order` is each row's rank in name order (ties broken arbitrarily).
    Returns (left, right, number of capped blocks).
    """
    keep = key >= 0
    rows, key = rows[keep], key[keep]
    if len(rows) < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, 0
    sort = np.lexsort((order[rows], key))
    rows, key = rows[sort], key[sort]
    _, start, size = np.unique(key, return_index=True, return_counts=True)
    group_size = np.repeat(size, size)
    big = group_size > max_block
    capped = int((size > max_block).sum())
    lefts, rights = [], []
    small_limit = int(min(size.max(), max_block))
    furthest = max(small_limit - 1, window if capped else 0)
    for d in range(1, min(furthest, len(key) - 1) + 1):
        same = key[:-d] == key[d:]
        if d > window:
            same &= ~big[:-d]
        idx = np.flatnonzero(same)
        if len(idx):
            lefts.append(rows[idx])
            rights.append(rows[idx + d])
    if not lefts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, capped
    return np.concatenate(lefts), np.concatenate(rights), capped


def sorted_neighbourhood(strings: np.ndarray, window: int = SORTED_WINDOW):
    """Pairs of records whose keys are within `window` places in sorted order."""
    present = np.fromiter((s is not None for s in strings), dtype=bool, count=len(strings))
    rows = np.flatnonzero(present)
    if len(rows) < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    ordered = rows[text_order(strings[rows])]
    lefts, rights = [], []
    for d in range(1, window):
        lefts.append(ordered[:-d])
        rights.append(ordered[d:])
    return np.concatenate(lefts), np.concatenate(rights)


def name_order(keys: MatchKeys) -> np.ndarray:
    """Each row's rank in pinyin-name order, for neighbours inside big blocks."""
    order = np.empty(keys.n, dtype=np.int64)
    order[text_order(keys.name_key, missing="\uffff")] = np.arange(keys.n)
    return order


def candidate_pairs(
    keys: MatchKeys,
    *,
    side: np.ndarray | None = None,
    max_block: int = MAX_BLOCK,
) -> tuple[np.ndarray, np.ndarray, BlockingStats]:
    """Distinct candidate pairs (i < j) over every blocking rule.

    `side` (bool per row) restricts the pairs to those joining a True row with a False row:
    linking new rows to existing customers, never new to new or old to old.
    """
    n = keys.n
    all_rows = np.arange(n, dtype=np.int64)
    order = name_order(keys)
    name_counts = np.bincount(keys.name_key_code[keys.name_key_code >= 0], minlength=1)
    rare_name = np.where(
        (keys.name_key_code >= 0)
        & (name_counts[np.maximum(keys.name_key_code, 0)] <= RARE_NAME),
        keys.name_key_code,
        -1,
    )
    rules: dict[str, tuple[np.ndarray, np.ndarray]] = {
        "phone": (keys.phones["row"].to_numpy(), keys.phones["code"].to_numpy()),
        "email": (keys.emails["row"].to_numpy(), keys.emails["code"].to_numpy()),
        "email_local": (all_rows, keys.email_local_code),
        "name_city": (all_rows, _combine(keys.name_key_code, keys.city_code)),
        "company_city": (all_rows, _combine(keys.company_code, keys.city_code)),
        "name_company": (all_rows, _combine(keys.name_key_code, keys.company_code)),
        "rare_name": (all_rows, rare_name),
    }
    for name, code in keys.extra_codes.items():
        if name != "gender":
            rules[name] = (all_rows, code)
    if "postcode" in keys.extra_codes:
        rules["name_postcode"] = (
            all_rows,
            _combine(codes(_initials(keys))[0], keys.extra_codes["postcode"]),
        )

    counts: dict[str, int] = {}
    capped = 0
    lefts, rights = [], []
    for rule, (rows, key) in rules.items():
        cap = min(max_block, RULE_MAX_BLOCK.get(rule, max_block))
        left, right, n_capped = pairs_from_key(rows, key, order, max_block=cap)
        counts[rule] = len(left)
        capped += n_capped
        lefts.append(left)
        rights.append(right)
    left, right = sorted_neighbourhood(keys.name_key)
    counts["sorted_names"] = len(left)
    lefts.append(left)
    rights.append(right)
    if keys.address_squash is not None:
        # a copy whose name was replaced or badly typed still sits beside its street address
        # ("95 leahy place" / "95 leahy lplace"); spaces removed so a split word sorts alike
        left, right = sorted_neighbourhood(keys.address_squash, ADDRESS_WINDOW)
        counts["sorted_addresses"] = len(left)
        lefts.append(left)
        rights.append(right)

    i = np.concatenate(lefts) if lefts else np.zeros(0, dtype=np.int64)
    j = np.concatenate(rights) if rights else np.zeros(0, dtype=np.int64)
    i, j = np.minimum(i, j), np.maximum(i, j)
    keep = i != j
    if side is not None:
        keep &= side[i] != side[j]
    packed = unique_sorted(i[keep] * np.int64(n) + j[keep])
    i, j = packed // n, packed % n
    return i, j, BlockingStats(rules=counts, capped_blocks=capped, pairs=len(i))


def _initials(keys: MatchKeys) -> np.ndarray:
    """First letter of each name-key token, sorted ("zhang wei" -> "wz"), for coarse blocks."""
    out = []
    for key in keys.name_key:
        if not key:
            out.append(None)
            continue
        out.append("".join(sorted(t[0] for t in str(key).split() if t)) or None)
    return np.array(out, dtype=object)
