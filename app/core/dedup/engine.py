"""find_duplicates: blocking -> comparison levels -> EM-learned weights -> safe clusters -> tiers."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from app.core.arrays import unique_sorted
from app.core.dedup.blocking import BlockingStats, candidate_pairs
from app.core.dedup.cluster import safe_clusters
from app.core.dedup.compare import Comparison, compare_pairs, comparisons_for
from app.core.dedup.explain import Reason, reasons_for
from app.core.dedup.keys import MatchKeys, build_match_keys
from app.core.dedup.model import (
    MatchModel,
    chance_pairs,
    estimate_u,
    match_weights,
    probability,
    train,
)
from app.core.frames import with_row_numbers
from app.core.progress import ProgressFn, check_cancel, no_progress

SURE = "sure"
UNSURE = "unsure"
DIFFERENT = "different"
SAME = "same"

CONFLICT = -8.0  # extra log-weight (on the name) for pairs that look like two people
CHANCE_NAMESAKES = 0.003  # name + company + city anchor a merge only when chance can't explain it
RANDOM_PAIRS = 300_000  # random pairs for u; enough to see agreement rates of 1e-5
TRAIN_PAIRS = 2_000_000  # EM sees at most this many candidate pairs (a uniform sample)


@dataclass(frozen=True)
class Thresholds:
    """Probability cut-offs. `sure` pairs are merged automatically, `unsure` go to review;
    a group is only kept together when every pair inside it reaches `keep_together`."""

    sure: float = 0.99
    unsure: float = 0.5
    keep_together: float = 0.5


EAGER_REASONS = 2_000  # reasons worked out up front for the best review pairs; others on demand


@dataclass
class Pair:
    a: int  # customer_id (the smaller one first)
    b: int
    probability: float
    tier: str  # "sure" | "unsure" | "different"
    known_reasons: list[Reason] | None = None
    explainer: Callable[[int, int], list[Reason]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def reasons(self) -> list[Reason]:
        """Why the pair scored as it did; computed when first asked for (a million-row run
        can leave a long review list, and nobody reads all of it at once)."""
        if self.known_reasons is None:
            self.known_reasons = self.explainer(self.a, self.b) if self.explainer else []
        return self.known_reasons


@dataclass
class DedupResult:
    """What find_duplicates found; nothing is changed in the workspace.

    pairs: every scored pair at or above the unsure threshold (columns a, b, probability,
      tier, cluster), customer ids, a < b. Pairs of one sure cluster have tier "sure" even if
      they were joined through a third record. `probability` is the merge probability of a
      pair that qualified for a merge, else the review probability (a smaller prior: the
      chance that two random records are one person).
    clusters: groups of customer ids to merge automatically (sure), each sorted.
    unsure: pairs for review with reasons, best first (never pairs already in one cluster,
      never pairs the user marked different).
    model: learned m/u per field level and the prior (MatchModel.as_dict() for JSON).
    counts: records, candidate pairs, pairs per blocking rule, sure pairs, clusters, unsure.
    """

    pairs: pd.DataFrame
    clusters: list[list[int]]
    unsure: list[Pair]
    model: MatchModel
    seconds: float
    counts: dict[str, int | dict]
    explain: object = None  # callable(a_id, b_id) -> list[Reason]

    def to_json(self, reasons_limit: int = EAGER_REASONS) -> dict:
        """Plain data; reasons for the best `reasons_limit` review pairs (null beyond)."""
        return {
            "seconds": round(self.seconds, 3),
            "counts": self.counts,
            "clusters": self.clusters,
            "unsure": [
                {
                    "a": p.a,
                    "b": p.b,
                    "probability": round(p.probability, 4),
                    "reasons": [r.text() for r in p.reasons] if k < reasons_limit else None,
                }
                for k, p in enumerate(self.unsure)
            ],
            "model": self.model.as_dict(),
        }


def _decision_items(decisions) -> Iterable[tuple[int, int, str]]:
    if decisions is None:
        return []
    if isinstance(decisions, Mapping):
        return [(a, b, v) for (a, b), v in decisions.items()]
    if isinstance(decisions, pd.DataFrame):
        return decisions[["a", "b", "decision"]].itertuples(index=False, name=None)
    return list(decisions)


class _Scorer:
    """Holds keys, comparisons and the model so any pair can be scored and explained."""

    def __init__(self, keys: MatchKeys, comparisons: list[Comparison], model: MatchModel):
        self.keys = keys
        self.comparisons = comparisons
        self.model = model
        self._city_share = None

    def tf_u(self, levels: np.ndarray, i: np.ndarray, j: np.ndarray) -> dict[int, np.ndarray]:
        keys = self.keys
        out = {}
        for col, c in enumerate(self.comparisons):
            # How common the shared name or company is among *other* records: the pair's own
            # two count for nothing (a name written only by one person's two copies is rare,
            # not held by 2 in n). Phone and e-mail frequencies count names per number.
            if c.field == "name":
                freq = _others(np.maximum(keys.name_tf[i], keys.name_tf[j]), keys.n)
            elif c.field == "company":
                freq = _others(np.maximum(keys.company_tf[i], keys.company_tf[j]), keys.n)
            elif c.field == "phone" and len(keys.phone_tf):
                code = np.where(keys.phone_code[i] >= 0, keys.phone_code[i], 0)
                code_j = np.where(keys.phone_code[j] >= 0, keys.phone_code[j], 0)
                freq = np.maximum(keys.phone_tf[code], keys.phone_tf[code_j])
            elif c.field == "email" and len(keys.email_tf):
                code = np.where(keys.email_code[i] >= 0, keys.email_code[i], 0)
                freq = keys.email_tf[code]
            else:
                continue
            freq = freq.astype(float)
            freq[levels[:, col] < 0] = np.nan
            out[col] = freq
        return out

    def conflicts(self, levels: np.ndarray, i, j) -> np.ndarray:
        """Pairs that are two people however much else they share.

        Clearly different names (a family on one landline, colleagues on one switchboard),
        unless they share a mailbox; two different mailboxes without agreeing names; two
        different personal mailboxes at the same company domain (colleagues).
        """
        fields = [c.field for c in self.comparisons]
        name, email = levels[:, fields.index("name")], levels[:, fields.index("email")]
        domain = self.keys.domain_code
        colleagues = (email == 0) & (domain[i] >= 0) & (domain[i] == domain[j])
        conflict = ((name == 0) & (email != 2)) | ((email == 0) & (name <= 0)) | colleagues
        # Two personal identifiers in exact agreement (birth date and ID number, or either
        # with the same street address) outweigh a name written wholly differently: a nickname,
        # a maiden name, a given name typed into the wrong column. So does the same ID number
        # on its own: two people never share one (a family shares an address and a landline).
        same_id = levels[:, fields.index("id_number")] == 2 if "id_number" in fields else False
        return conflict & (self.personal_ids(levels) < 2) & ~same_id

    def personal_ids(self, levels: np.ndarray) -> np.ndarray:
        """How many person-level identifiers agree exactly: birth date, ID number, and the
        street address (exact or very similar, with the postcode not disagreeing)."""
        col = {c.field: k for k, c in enumerate(self.comparisons)}
        count = np.zeros(len(levels), dtype=np.int8)
        for name in ("birthday", "id_number"):
            if name in col:
                count += levels[:, col[name]] == 2
        if "address" in col:
            address = levels[:, col["address"]]
            if "postcode" in col:
                postcode = levels[:, col["postcode"]]
                count += ((address >= 2) & (postcode != 0)) | ((address >= 1) & (postcode == 2))
            else:
                count += address >= 2
        return count

    def chance_namesakes(self, i, j) -> np.ndarray:
        """How many *other* records would share this name, company key and city by chance:
        names x company share x city share. "Nancy Garcia" at a 蓝海科技 in 厦门 is no
        identifier when a million rows hold 700 Nancy Garcias (the company key drops the city,
        so 成都蓝海科技 and 广州蓝海科技 agree)."""
        keys = self.keys
        if self._city_share is None:
            counts = np.bincount(keys.city_code[keys.city_code >= 0], minlength=1)
            share = counts[np.maximum(keys.city_code, 0)] / max(keys.n, 1)
            self._city_share = np.where(keys.city_code >= 0, share, 1.0)
        names = np.maximum(keys.name_tf[i], keys.name_tf[j]) * keys.n - 1  # others than itself
        company = np.maximum(keys.company_tf[i], keys.company_tf[j])
        return names * company * np.maximum(self._city_share[i], self._city_share[j])

    def anchored(self, levels: np.ndarray, i=None, j=None) -> np.ndarray:
        """Pairs with an identifier in common, the only ones merged without review.

        A shared phone or mailbox, an ID number, or a name backed by a birth date, by a
        company in the same city or by an address (when no phone or mailbox disagrees). Same name + same city alone (two 王伟 in 北京) is never enough for an
        automatic merge, however rare the name looks.
        """
        col = {c.field: k for k, c in enumerate(self.comparisons)}
        lv = lambda f: levels[:, col[f]] if f in col else np.full(len(levels), -1)  # noqa: E731
        name_ok = lv("name") >= 2
        # A company key is shared by a whole company (and by its branches in other cities,
        # since the key drops the city): two namesakes there are common. Name + company only
        # anchor a pair when the city agrees too and no phone or mailbox contradicts it.
        no_contrary = (lv("phone") != 0) & (lv("email") != 0)
        name_company = name_ok & (lv("company") >= 2) & (lv("city") == 1) & no_contrary
        if i is not None and name_company.any():
            rows = np.flatnonzero(name_company)
            name_company[rows] = self.chance_namesakes(i[rows], j[rows]) < CHANCE_NAMESAKES
        name_address = name_ok & (lv("address") >= 2) & no_contrary
        return (
            (lv("phone") == 1)
            | (lv("email") >= 1)
            | (lv("id_number") >= 1)
            | (name_ok & (lv("birthday") >= 1))
            | name_company
            | name_address
            | (self.personal_ids(levels) >= 2)
        )

    def weigh(self, i, j, levels=None):
        if levels is None:
            levels = compare_pairs(self.keys, self.comparisons, i, j)
        tf = self.tf_u(levels, i, j)
        weights = match_weights(self.model, levels, tf, self.comparisons)
        common = weights < self.model.field_weights(levels) - 0.3  # lowered by the TF adjustment
        name = [c.field for c in self.comparisons].index("name")
        weights[:, name] += np.where(self.conflicts(levels, i, j), CONFLICT, 0.0)
        return levels, weights, common

    def probability(self, i, j) -> np.ndarray:
        _, weights, _ = self.weigh(np.asarray(i), np.asarray(j))
        return probability(weights, self.model.prior)

    def together(self, i, j, levels=None, prob=None) -> np.ndarray:
        """Plausibility of a pair for the cluster check (may two groups holding these records
        be joined?): 0 where the pair looks like two people and no personal identifier
        agrees; 1 where a birth date, ID number or street address agrees (copies of one
        record, each mistyped differently, still share those); the probability otherwise."""
        i, j = np.asarray(i), np.asarray(j)
        if levels is None:
            levels, weights, _ = self.weigh(i, j)
            prob = probability(weights, self.model.prior)
        ids = self.personal_ids(levels)
        out = np.where(self.conflicts(levels, i, j) & (ids == 0), 0.0, prob)
        return np.where(ids >= 1, 1.0, out)

    def reasons(self, i: int, j: int) -> list[Reason]:
        levels, weights, common = self.weigh(np.array([i]), np.array([j]))
        labels = [(c.field, c.labels) for c in self.comparisons]
        return reasons_for(labels, levels[0], weights[0], common[0])


def find_duplicates(
    customers: pd.DataFrame,
    *,
    decisions=None,
    existing_ids: Iterable[int] | None = None,
    thresholds: Thresholds | Mapping | None = None,
    progress: ProgressFn | None = None,
    cancel=None,
    seed: int = 0,
) -> DedupResult:
    """Find records of the same customer in `customers` (the storage contract DataFrame).

    decisions: the user's earlier answers, as {(a_id, b_id): "same"|"different"}, a list of
      (a_id, b_id, decision) or a DataFrame with columns a, b, decision. A pair marked
      different is never proposed and never ends up in one cluster; a pair marked same is
      merged (unless it would join a pair marked different).
    existing_ids: linking mode. Customers with these ids are the existing base, the others
      are new; only pairs joining a new record to an existing one are considered.
    thresholds: Thresholds or a dict with keys sure / unsure / keep_together.
    """
    started = time.perf_counter()
    progress = progress or no_progress
    if thresholds is None:
        thresholds = Thresholds()
    elif isinstance(thresholds, Mapping):
        thresholds = Thresholds(**thresholds)
    customers = with_row_numbers(customers)  # shares the columns (read only here)
    n = len(customers)

    progress(0.0, "Building match keys")
    keys = build_match_keys(customers)
    check_cancel(cancel)
    row_of = {int(cid): r for r, cid in enumerate(keys.customer_id)}
    side = None
    if existing_ids is not None:
        existing = {int(x) for x in existing_ids}
        side = np.array([int(c) in existing for c in keys.customer_id], dtype=bool)

    forced_same: set[tuple[int, int]] = set()
    cannot_link: set[tuple[int, int]] = set()
    for a, b, decision in _decision_items(decisions):
        if int(a) not in row_of or int(b) not in row_of or int(a) == int(b):
            continue
        ra, rb = sorted((row_of[int(a)], row_of[int(b)]))
        (forced_same if str(decision).lower() == SAME else cannot_link).add((ra, rb))

    progress(0.3, "Finding candidate pairs")
    i, j, stats = candidate_pairs(keys, side=side)
    if forced_same:
        extra = np.array(sorted(forced_same), dtype=np.int64)
        packed = unique_sorted(np.concatenate([i * n + j, extra[:, 0] * n + extra[:, 1]]))
        i, j = packed // n, packed % n
    check_cancel(cancel)

    progress(0.45, "Comparing pairs")
    comparisons = comparisons_for(keys)
    levels = compare_pairs(keys, comparisons, i, j)
    check_cancel(cancel)

    progress(0.6, "Learning match weights")
    rng = np.random.default_rng(seed)
    ri, rj = _random_pairs(n, side, rng)
    random_levels = compare_pairs(keys, comparisons, ri, rj)
    u = estimate_u(random_levels, comparisons)
    sample = levels
    if len(levels) > TRAIN_PAIRS:
        sample = levels[rng.choice(len(levels), TRAIN_PAIRS, replace=False)]
    model = train(sample, comparisons, u, cancel=cancel)
    # Random pairs hold some copies of one person too; take them out of u and learn again.
    share = _random_match_share(model.prior, len(i), n, side)
    u = estimate_u(random_levels, comparisons, chance_pairs(model, random_levels, share))
    model = train(sample, comparisons, u, cancel=cancel)
    candidate_prior = model.prior
    model.prior = _random_pair_prior(candidate_prior, len(i), n, side)
    # The review list is judged with the chance that two random records are one person, the
    # prior u was measured for. The hedged prior above is for automatic merges, which must
    # also share an identifier; with it, a pair with only a name and a city in common looked
    # 90% sure, and 16,000 of dedup_bench's 17,195 review pairs at 100k were namesakes (911
    # true). With this one: 888 pairs, 683 true; at 1M 6,972 pairs, 6,125 true.
    review_prior = _random_match_share(candidate_prior, len(i), n, side)
    scorer = _Scorer(keys, comparisons, model)
    check_cancel(cancel)

    progress(0.75, "Scoring pairs")
    # A slice of pairs at a time: the weights (pairs x fields, float64) and their temporaries
    # for 10M candidate pairs took ~1 GB at once (a 1M-row list of namesakes peaked at 3.6 GB).
    prob = np.empty(len(i))
    review_prob = np.empty(len(i))
    anchored = np.empty(len(i), dtype=bool)
    for start in range(0, len(i), SCORE_SLICE):
        at = slice(start, start + SCORE_SLICE)
        _, weights, _ = scorer.weigh(i[at], j[at], levels[at])
        prob[at] = probability(weights, model.prior)
        review_prob[at] = probability(weights, review_prior)
        anchored[at] = scorer.anchored(levels[at], i[at], j[at])
        del weights
    is_forced = np.zeros(len(i), dtype=bool)
    is_banned = np.zeros(len(i), dtype=bool)
    if forced_same or cannot_link:
        packed = i * n + j
        if forced_same:
            is_forced = np.isin(packed, [a * n + b for a, b in forced_same])
        if cannot_link:
            is_banned = np.isin(packed, [a * n + b for a, b in cannot_link])
    prob[is_forced] = 1.0
    review_prob[is_forced] = 1.0

    progress(0.85, "Grouping records")
    sure = ((prob >= thresholds.sure) & anchored | is_forced) & ~is_banned
    packed_pairs = i * n + j  # sorted: candidate_pairs returns np.unique order
    together = scorer.together(i, j, levels, prob)

    def score_inner(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Probability of any pairs (a < b): looked up when scored, computed otherwise."""
        wanted = a * n + b
        pos = np.minimum(np.searchsorted(packed_pairs, wanted), max(len(packed_pairs) - 1, 0))
        out = np.full(len(a), np.nan)
        if len(packed_pairs):
            hit = packed_pairs[pos] == wanted
            out[hit] = together[pos[hit]]
        miss = np.isnan(out)
        if miss.any():
            out[miss] = scorer.together(a[miss], b[miss])
        return out

    row_clusters = safe_clusters(
        n,
        i[sure],
        j[sure],
        prob[sure],
        keep_together=thresholds.keep_together,
        score_pairs=score_inner,
        cannot_link=cannot_link,
    )
    check_cancel(cancel)

    progress(0.95, "Preparing the review list")
    cluster_of = np.full(n, -1, dtype=np.int64)
    for k, rows in enumerate(row_clusters):
        cluster_of[rows] = k
    same_cluster = (cluster_of[i] >= 0) & (cluster_of[i] == cluster_of[j])
    # Tiers as small integer codes (0 sure, 1 unsure, 2 different): np.where over millions of
    # pairs with string values holds the GIL (0.25 s at 3M pairs, the window frozen).
    # What a pair shows: its merge probability if it qualified for a merge (a pair the cluster
    # check split off is reviewed whatever its review probability), else its review one.
    score = np.where(sure, prob, review_prob)
    tier = np.where((review_prob >= thresholds.unsure) | sure, np.int8(1), np.int8(2))
    tier[same_cluster] = 0
    tier[is_banned] = 2
    shown = (tier != 2) | same_cluster
    ids = keys.customer_id
    a_ids, b_ids = ids[i[shown]], ids[j[shown]]
    pairs = pd.DataFrame(
        {
            "a": np.minimum(a_ids, b_ids),
            "b": np.maximum(a_ids, b_ids),
            "probability": score[shown],
            "tier": _tier_names(tier[shown]),
            "cluster": cluster_of[i[shown]],
        }
    )
    # A pair split off a cluster by the consistency check goes to review, not to "different".
    review = np.flatnonzero((tier == 1) & ~is_banned)
    review = review[np.argsort(-score[review], kind="stable")]
    def explain(a_id: int, b_id: int) -> list[Reason]:
        return scorer.reasons(row_of[int(a_id)], row_of[int(b_id)])

    unsure = []
    if len(review):
        eager = review[:EAGER_REASONS]
        r_levels, r_weights, r_common = scorer.weigh(i[eager], j[eager], levels[eager])
        labels = [(c.field, c.labels) for c in comparisons]
        # a slice at a time: tolist() over a million pairs makes a million numbers in one
        # GIL-holding call (and they were freed in one go after the loop)
        for start in range(0, len(review), TIER_SLICE):
            part = review[start:start + TIER_SLICE]
            for row, (a, b, p) in enumerate(
                zip(ids[i[part]].tolist(), ids[j[part]].tolist(), score[part].tolist(),
                    strict=True),
                start=start,
            ):
                reasons = None
                if row < len(eager):
                    reasons = reasons_for(labels, r_levels[row], r_weights[row], r_common[row])
                unsure.append(Pair(min(a, b), max(a, b), p, UNSURE, reasons, explain))
    clusters = sorted(sorted(int(ids[r]) for r in rows) for rows in row_clusters)

    counts = {
        "records": n,
        "candidate_pairs": int(len(i)),
        "blocking_rules": stats.rules,
        "capped_blocks": stats.capped_blocks,
        "sure_pairs": int(same_cluster.sum()),
        "clusters": len(clusters),
        "records_in_clusters": int(sum(len(c) for c in clusters)),
        "unsure_pairs": len(unsure),
    }
    progress(1.0, "Done")
    return DedupResult(
        pairs=pairs,
        clusters=clusters,
        unsure=unsure,
        model=model,
        seconds=time.perf_counter() - started,
        counts=counts,
        explain=explain,
    )


TIER_SLICE = 100_000  # pairs per step when their tier names are made
SCORE_SLICE = 500_000  # pairs weighed at a time


def _tier_names(codes: np.ndarray) -> pd.Series:
    """Tier codes (0 sure, 1 unsure, 2 different) as the text column of DedupResult.pairs.

    A slice at a time: turning a few hundred thousand names into pandas text in one go is one
    C call holding the GIL for about 0.1 s per million."""
    names = np.array([SURE, UNSURE, DIFFERENT], dtype=object)
    parts = [pd.Series(names[codes[k:k + TIER_SLICE]], dtype="str")
             for k in range(0, len(codes), TIER_SLICE)]
    if not parts:
        return pd.Series(names[codes], dtype="str")
    return pd.concat(parts, ignore_index=True)


def _others(share: np.ndarray, n: int) -> np.ndarray:
    """Share of the records other than a pair's own two holding the pair's value, from the
    share of all records holding it."""
    return np.maximum(share * n - 2, 0) / max(n - 2, 1)


def _random_match_share(candidate_prior: float, candidates: int, n: int, side) -> float:
    """Share of true matches among random pairs: the matches EM found among the candidates
    spread over all pairs."""
    if side is not None and side.any() and (~side).any():
        total = float(side.sum()) * float((~side).sum())
    else:
        total = n * (n - 1) / 2
    if total <= 0 or candidates <= 0:
        return candidate_prior
    return float(np.clip(candidate_prior * candidates / total, 1e-12, candidate_prior))


def _random_pair_prior(candidate_prior: float, candidates: int, n: int, side) -> float:
    """The chance that two *random* records match, which is what pairs with u (measured on
    random pairs) need. EM fits the share of matches among candidates, but blocking already
    selected those for agreeing on a name or a company; using that share as the prior counts
    the agreement twice and lets "same common name, nothing else" look like one person.
    """
    random = _random_match_share(candidate_prior, candidates, n, side)
    return float(np.sqrt(random * candidate_prior))


def _random_pairs(n: int, side: np.ndarray | None, rng: np.random.Generator):
    if n < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    if side is not None and side.any() and (~side).any():
        left = rng.choice(np.flatnonzero(side), RANDOM_PAIRS)
        right = rng.choice(np.flatnonzero(~side), RANDOM_PAIRS)
        return left, right
    total = n * (n - 1) // 2
    if total <= RANDOM_PAIRS:
        a, b = np.triu_indices(n, k=1)
        return a.astype(np.int64), b.astype(np.int64)
    a = rng.integers(0, n, RANDOM_PAIRS)
    b = rng.integers(0, n - 1, RANDOM_PAIRS)
    b = np.where(b >= a, b + 1, b)
    return a, b


__all__ = ["BlockingStats", "DedupResult", "Pair", "Thresholds", "find_duplicates"]
