"""Fellegi-Sunter match weights learned without labels, as Splink does.

For each field level, m = P(level | same person) and u = P(level | different people).
u comes from random record pairs (almost all of which are different people); m and the share
of true matches among the candidates come from expectation-maximisation over the candidate
pairs. A pair's match weight is the sum of log(m/u) over its fields; the probability follows
from the prior odds. All of it is numpy over an int8 level matrix.

Term-frequency adjustment: when two records agree on a specific value, u is replaced by that
value's frequency, so agreeing on "王伟" (or on a switchboard number that forty different
names use) is worth less than agreeing on a rare name or a personal mobile.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from app.core.dedup.compare import Comparison

M_FLOOR = 1e-6
U_FLOOR = 1e-7
NAME_DIFFERENT_MAX_M = 0.02
IDENTIFIER_SESSIONS = ("phone", "email", "id_number", "name")
IDENTIFIERS = ("phone", "email", "id_number")


@dataclass
class FieldModel:
    field: str
    labels: tuple[str, ...]
    m: np.ndarray  # per level
    u: np.ndarray  # per level

    def weights(self) -> np.ndarray:
        """Natural-log Bayes factor per level."""
        return np.log(self.m) - np.log(self.u)

    def as_dict(self) -> dict:
        return {
            label: {"m": round(float(m), 6), "u": round(float(u), 8)}
            for label, m, u in zip(self.labels, self.m, self.u, strict=True)
        }


@dataclass
class MatchModel:
    fields: list[FieldModel]
    prior: float  # share of candidate pairs that are true matches
    iterations: int = 0
    history: list[float] = field(default_factory=list)

    def weight_table(self) -> np.ndarray:
        """(comparisons, max levels + 1) table of log Bayes factors; last column = missing."""
        width = max(len(f.m) for f in self.fields) + 1
        table = np.zeros((len(self.fields), width))
        for k, f in enumerate(self.fields):
            table[k, : len(f.m)] = f.weights()
        return table

    def field_weights(self, levels: np.ndarray) -> np.ndarray:
        """(pairs, comparisons) log Bayes factor of each field (0 where missing)."""
        table = self.weight_table()
        idx = np.where(levels < 0, table.shape[1] - 1, levels).astype(np.int64)
        return table[np.arange(len(self.fields))[None, :], idx]

    def as_dict(self) -> dict:
        return {
            "prior": round(self.prior, 6),
            "iterations": self.iterations,
            "fields": {f.field: f.as_dict() for f in self.fields},
        }


def estimate_u(
    levels: np.ndarray, comparisons: list[Comparison], different: np.ndarray | None = None
) -> list[np.ndarray]:
    """u per level from random pairs: how often different people agree by chance.

    `different` (per pair, 0..1) is the chance that the pair is two people. Random pairs of a
    small sheet full of copies hold true matches too (FEBRL4: one random pair in 5,000), and
    they agree on everything; counted as chance they make an exact ID number look 30 times
    more common among strangers than it is.
    """
    out = []
    for col, comparison in enumerate(comparisons):
        n_levels = len(comparison.labels)
        column = levels[:, col]
        present = column >= 0
        weights = None if different is None else different[present]
        column = column[present]
        counts = np.bincount(column, weights=weights, minlength=n_levels)[:n_levels].astype(float)
        # Half a pseudo-count keeps an unseen agreement level finite but strong.
        u = (counts + 0.5) / (counts.sum() + 0.5 * n_levels)
        out.append(np.maximum(u, U_FLOOR))
    return out


def _initial_m(n_levels: int) -> np.ndarray:
    # Duplicates mostly agree: most mass on the strongest level, a little on the rest.
    m = np.full(n_levels, 0.1 / max(n_levels - 1, 1))
    m[-1] = 0.9
    return m / m.sum()


def train(
    levels: np.ndarray,
    comparisons: list[Comparison],
    u: list[np.ndarray],
    *,
    cancel=None,
) -> MatchModel:
    """m per level and the prior, learned in sessions as Splink does.

    EM over all candidates at once latches onto whatever the blocking made common (pairs of
    neighbouring names are mostly "somewhat similar" names of different people). So m is
    learned in sessions: among pairs that agree exactly on one identifying field (phone,
    e-mail, name), EM estimates m for every *other* field, with the session's own field left
    out. Each field's m is the average over the sessions that estimated it. The prior is then
    fitted on all candidates with m and u held fixed.
    """
    fields = [
        FieldModel(c.field, c.labels, _initial_m(len(c.labels)), u[k])
        for k, c in enumerate(comparisons)
    ]
    model = MatchModel(fields=fields, prior=0.05)
    if len(levels) == 0:
        return model
    estimates: dict[int, list[np.ndarray]] = {}
    # Identifier sessions first. A session keyed on the name is mostly namesakes (two 王伟),
    # whose phones and mailboxes differ, and EM then calls "different phone" typical of one
    # person; so the name session only estimates fields no identifier session could.
    order = [f for f in IDENTIFIER_SESSIONS if f != "name"] + ["name"]
    by_field = {c.field: col for col, c in enumerate(comparisons)}
    for name in order:
        col = by_field.get(name)
        if col is None:
            continue
        c = comparisons[col]
        top = len(c.labels) - 1
        session = levels[:, col] >= (top if c.field != "name" else top - 1)
        if session.sum() < 20:
            continue
        fitted = train_em(levels[session], comparisons, u, exclude=(col,), cancel=cancel)
        for k, f in enumerate(fitted.fields):
            if k == col or (name == "name" and (k in estimates or f.field in IDENTIFIERS)):
                # Nor does the name session ever set an identifier's m: with no phone or
                # e-mail shared by 20 pairs (a list without copies) it would learn from
                # namesakes alone that "different phone" is how one person looks, and call
                # every two 赵磊 of one company unsure at p 0.9999 (43,644 pairs in 100k rows).
                # The identifier then keeps the starting m (copies mostly agree).
                continue
            estimates.setdefault(k, []).append(f.m)
    for k, found in estimates.items():
        m = np.mean(found, axis=0)
        model.fields[k].m = m / m.sum()
    for f in model.fields:
        if f.field == "name" and f.m[0] > NAME_DIFFERENT_MAX_M:
            # Sessions keyed on a shared phone still hold families and colleagues whose names
            # differ; EM counts some as matches. Real copies of one person rarely have wholly
            # different names (a fake name is missing, not different), so cap it.
            f.m[0] = NAME_DIFFERENT_MAX_M
            f.m[1:] *= (1 - NAME_DIFFERENT_MAX_M) / f.m[1:].sum()
    final = train_em(levels, comparisons, u, fixed_m=[f.m for f in model.fields], cancel=cancel)
    model.prior = final.prior
    model.iterations = final.iterations
    return model


def unique_rows(levels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(levels, axis=0, return_counts=True) for a small-int level matrix, same order.

    Each row is packed into one int64 (mixed radix, first column most significant) and the
    integers are sorted: 30x faster at 2M pairs than numpy's row-wise unique, which sorts
    void records with the GIL held for seconds (the app's window froze during a search).
    """
    if levels.ndim != 2 or not len(levels):
        return np.unique(levels, axis=0, return_counts=True)
    low = int(levels.min())
    base = int(levels.max()) - low + 1
    if base ** levels.shape[1] >= 2**62:
        return np.unique(levels, axis=0, return_counts=True)
    key = np.zeros(len(levels), dtype=np.int64)
    for k in range(levels.shape[1]):
        key *= base
        key += levels[:, k].astype(np.int64) - low
    keys, counts = np.unique(key, return_counts=True)
    patterns = np.empty((len(keys), levels.shape[1]), dtype=levels.dtype)
    for k in range(levels.shape[1] - 1, -1, -1):
        patterns[:, k] = keys % base + low
        keys //= base
    return patterns, counts


def train_em(
    levels: np.ndarray,
    comparisons: list[Comparison],
    u: list[np.ndarray],
    *,
    prior: float = 0.05,
    exclude: tuple[int, ...] = (),
    fixed_m: list[np.ndarray] | None = None,
    max_iterations: int = 40,
    tolerance: float = 1e-4,
    cancel=None,
) -> MatchModel:
    """Plain EM: m per level (unless `fixed_m`) and the prior; `exclude`d fields ignored."""
    fields = [
        FieldModel(
            c.field,
            c.labels,
            fixed_m[k].copy() if fixed_m is not None else _initial_m(len(c.labels)),
            u[k],
        )
        for k, c in enumerate(comparisons)
    ]
    model = MatchModel(fields=fields, prior=prior)
    if len(levels) == 0:
        return model
    if exclude:
        levels = levels.copy()
        levels[:, list(exclude)] = -1
    # Group identical level patterns: a million pairs usually show a few thousand patterns.
    patterns, counts = unique_rows(levels)
    counts = counts.astype(float)
    masks = [
        [(patterns[:, k] == level) for level in range(len(c.labels))]
        for k, c in enumerate(comparisons)
    ]
    for iteration in range(1, max_iterations + 1):
        if cancel is not None and cancel():
            from app.core.progress import Cancelled

            raise Cancelled()
        score = model.field_weights(patterns).sum(axis=1) + np.log(
            model.prior / (1 - model.prior)
        )
        p = 1.0 / (1.0 + np.exp(-np.clip(score, -60, 60)))
        weighted = p * counts
        change = 0.0
        for k, f in enumerate(model.fields):
            if fixed_m is not None or k in exclude:
                continue
            present = patterns[:, k] >= 0
            total = weighted[present].sum()
            if total <= 0:
                continue
            new_m = np.array([weighted[mask].sum() for mask in masks[k]]) / total
            new_m = np.maximum(new_m, M_FLOOR)
            new_m /= new_m.sum()
            change = max(change, float(np.abs(new_m - f.m).max()))
            f.m = new_m
        new_prior = float(np.clip(weighted.sum() / counts.sum(), 1e-6, 0.999))
        change = max(change, abs(new_prior - model.prior))
        model.prior = new_prior
        model.iterations = iteration
        model.history.append(change)
        if change < tolerance:
            break
    return model


def match_weights(
    model: MatchModel,
    levels: np.ndarray,
    tf_u: dict[int, np.ndarray] | None = None,
    comparisons: list[Comparison] | None = None,
) -> np.ndarray:
    """(pairs, comparisons) log Bayes factors with the term-frequency adjustment applied.

    `tf_u[col]` holds, per pair, the frequency of the agreed value (NaN when not applicable);
    for levels in the comparison's `tf_levels` it replaces u, never making an agreement count
    for more than it would at the level's average u times ten (an unseen rare value).
    """
    weights = model.field_weights(levels)
    if not tf_u or comparisons is None:
        return weights
    for col, freq in tf_u.items():
        comparison = comparisons[col]
        f = model.fields[col]
        level = levels[:, col]
        applies = np.isin(level, comparison.tf_levels) & ~np.isnan(freq)
        if not applies.any():
            continue
        lv = level[applies].astype(np.int64)
        u_tf = np.maximum(freq[applies], f.u[lv] / 10.0)
        weights[applies, col] = np.log(f.m[lv]) - np.log(u_tf)
    return weights


def chance_pairs(model: MatchModel, levels: np.ndarray, prior: float) -> np.ndarray:
    """Per random pair, the chance that it is two different people (plain weights, no
    term-frequency adjustment), at the share of matches among random pairs `prior`."""
    return 1.0 - probability(model.field_weights(levels), prior)


def probability(weights: np.ndarray, prior: float) -> np.ndarray:
    score = weights.sum(axis=1) + np.log(prior / (1 - prior))
    return 1.0 / (1.0 + np.exp(-np.clip(score, -60, 60)))
