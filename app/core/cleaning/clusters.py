"""Value clustering for categorical columns: key collision (fingerprint, n-gram, pinyin,
Traditional->Simplified) and nearest neighbour (edit distance with blocking)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.core.cleaning.keys import fingerprint, ngram_fingerprint, pinyin_key
from app.core.cleaning.text import clean_text

METHODS = ("fingerprint", "ngram", "pinyin", "simplified", "levenshtein")


@dataclass
class ValueCluster:
    key: str
    values: list[tuple[str, int]] = field(default_factory=list)  # (value, count), commonest first
    suggested: str = ""  # the commonest value; the user may pick or type another

    @property
    def size(self) -> int:
        return sum(c for _, c in self.values)


def _simplified_key(s: str) -> str:
    from app.core.cleaning.geo import to_simplified

    return to_simplified(clean_text(s) or "").lower()


def cluster_values(values: Sequence[str], *, method: str = "fingerprint", n: int = 2,
                   radius: int = 2) -> list[ValueCluster]:
    """Groups of distinct values that probably mean the same thing, biggest first.
    Only groups with two or more distinct values are returned."""
    counts = Counter(v for v in values if isinstance(v, str) and v.strip())
    if method == "levenshtein":
        return _nearest_neighbour(counts, radius)
    keyer = {"fingerprint": fingerprint, "ngram": lambda s: ngram_fingerprint(s, n),
             "pinyin": pinyin_key, "simplified": _simplified_key}.get(method)
    if keyer is None:
        raise ValueError(f"unknown clustering method {method!r}")
    groups: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for value, count in counts.items():
        key = keyer(value)
        if key:
            groups[key].append((value, count))
    return _clusters(groups)


def _clusters(groups: dict[str, list[tuple[str, int]]]) -> list[ValueCluster]:
    out = []
    for key, members in groups.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda vc: (-vc[1], vc[0]))
        out.append(ValueCluster(key, members, members[0][0]))
    out.sort(key=lambda c: (-len(c.values), -c.size, c.key))
    return out


def _nearest_neighbour(counts: Counter, radius: int) -> list[ValueCluster]:
    from rapidfuzz.distance import Levenshtein

    # Blocking: values are compared only with others sharing a 3-character substring of their
    # fingerprint, so a big column does not cost n^2 comparisons.
    blocks: dict[str, set[str]] = defaultdict(set)
    keyed = {v: pinyin_key(v) or fingerprint(v) for v in counts}
    for value, key in keyed.items():
        for i in range(max(len(key) - 2, 1)):
            blocks[key[i:i + 3]].add(value)
    parent = {v: v for v in counts}

    def root(v: str) -> str:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for members in blocks.values():
        if len(members) > 200:
            continue
        ordered = sorted(members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                if Levenshtein.distance(keyed[a], keyed[b], score_cutoff=radius) <= radius:
                    parent[root(a)] = root(b)
    groups: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for value, count in counts.items():
        groups[root(value)].append((value, count))
    return _clusters(groups)
