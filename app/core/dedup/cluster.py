"""Clustering sure pairs into people without chaining.

Plain connected components chain: A~B and B~C put A and C together even when A and C are two
colleagues who merely share a switchboard with B. Here sure edges are joined strongest first,
and two groups are only joined when *every* pair across them is at least plausible
(probability >= `keep_together`) and none is marked "different" by the user. Groups of two
need no check (their one pair is the sure edge itself); bigger components have all their
inner pairs scored once, in a single vectorised batch.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from app.core.arrays import unique_sorted

MAX_CHECKED_COMPONENT = 400  # beyond this, only scored candidate pairs are checked


def components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Component label per row for the graph of edges (i, j)."""
    graph = coo_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def safe_clusters(
    n: int,
    i: np.ndarray,
    j: np.ndarray,
    prob: np.ndarray,
    *,
    keep_together: float,
    score_pairs: Callable[[np.ndarray, np.ndarray], np.ndarray],
    cannot_link: set[tuple[int, int]],
) -> list[list[int]]:
    """Clusters (lists of row positions, size >= 2) from sure edges (i, j, prob).

    `score_pairs(a, b)` gives the probability of row pairs (a < b), `cannot_link` holds
    (min, max) pairs the user marked different.
    """
    if len(i) == 0:
        return []
    label = components(n, i, j)
    sizes = np.bincount(label)
    edge_comp = label[i]
    simple = sizes[edge_comp] == 2
    clusters: list[list[int]] = []
    for a, b in zip(i[simple], j[simple], strict=True):
        if (min(a, b), max(a, b)) not in cannot_link:
            clusters.append(sorted([int(a), int(b)]))

    complex_edges = np.flatnonzero(~simple)
    if len(complex_edges) == 0:
        return clusters
    comp_ids = unique_sorted(edge_comp[complex_edges])
    # Rows of the components that need checking, without grouping all n rows.
    in_complex = np.isin(label, comp_ids)
    rows_sorted = np.flatnonzero(in_complex)
    rows_sorted = rows_sorted[np.argsort(label[rows_sorted], kind="stable")]
    bounds = np.searchsorted(label[rows_sorted], comp_ids)
    bounds = np.append(bounds, len(rows_sorted))
    members = {c: rows_sorted[bounds[k] : bounds[k + 1]] for k, c in enumerate(comp_ids)}

    # Score every inner pair of the bigger components once, in one batch.
    need_i, need_j = [], []
    for comp in comp_ids:
        rows = np.sort(np.asarray(members[comp]))
        if len(rows) > MAX_CHECKED_COMPONENT:
            rows_i, rows_j = i[edge_comp == comp], j[edge_comp == comp]
        else:
            a, b = np.triu_indices(len(rows), k=1)
            rows_i, rows_j = rows[a], rows[b]
        need_i.append(rows_i)
        need_j.append(rows_j)
    need_i, need_j = np.concatenate(need_i), np.concatenate(need_j)
    low, high = np.minimum(need_i, need_j), np.maximum(need_i, need_j)
    scored = score_pairs(low, high)
    known = dict(zip(zip(low.tolist(), high.tolist(), strict=True), scored.tolist(), strict=True))

    order = complex_edges[np.argsort(-prob[complex_edges], kind="stable")]
    by_comp: dict[int, list[int]] = {}
    for e in order:
        by_comp.setdefault(int(edge_comp[e]), []).append(int(e))
    for edges in by_comp.values():
        clusters += _greedy(edges, i, j, known, keep_together, cannot_link)
    return clusters


def _greedy(edges, i, j, known, keep_together, cannot_link) -> list[list[int]]:
    group: dict[int, int] = {}
    parts: dict[int, list[int]] = {}
    for e in edges:
        a, b = int(i[e]), int(j[e])
        ga, gb = group.setdefault(a, a), group.setdefault(b, b)
        parts.setdefault(ga, [a])
        parts.setdefault(gb, [b])
        if ga == gb:
            continue
        if not _compatible(parts[ga], parts[gb], known, keep_together, cannot_link):
            continue
        if len(parts[ga]) < len(parts[gb]):
            ga, gb = gb, ga
        for row in parts[gb]:
            group[row] = ga
        parts[ga] += parts.pop(gb)
    return [sorted(rows) for rows in parts.values() if len(rows) > 1]


def _compatible(left, right, known, keep_together, cannot_link) -> bool:
    for x in left:
        for y in right:
            pair = (x, y) if x < y else (y, x)
            if pair in cannot_link:
                return False
            p = known.get(pair)
            if p is not None and p < keep_together:
                return False
    return True
