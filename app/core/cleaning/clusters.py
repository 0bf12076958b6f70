"""Value clustering for categorical columns: key collision (fingerprint, n-gram, pinyin,
Traditional->Simplified) and nearest neighbour (edit distance with blocking)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.core.cleaning.keys import fingerprint, ngram_fingerprint, pinyin_key
from app.core.cleaning.text import clean_text, has_cjk

METHODS = ("fingerprint", "ngram", "pinyin", "simplified", "levenshtein")
GEO_FIELDS = ("city", "province")  # clusters whose canonical value the gazetteer knows


@dataclass
class ValueCluster:
    key: str
    values: list[tuple[str, int]] = field(default_factory=list)  # (value, count), commonest first
    suggested: str = ""  # the best-written common value (suggest_value); the user may pick
    #                      or type another

    @property
    def size(self) -> int:
        return sum(c for _, c in self.values)


def _simplified_key(s: str) -> str:
    from app.core.cleaning.geo import to_simplified

    return to_simplified(clean_text(s) or "").lower()


def cluster_values(values: Sequence[str], *, method: str = "fingerprint", n: int = 2,
                   radius: int = 2, field: str | None = None) -> list[ValueCluster]:
    """Groups of distinct values that probably mean the same thing, biggest first.
    Only groups with two or more distinct values are returned. `field` (the column's role)
    lets a city or province group use the gazetteer: its suggested value is the canonical
    name, and values naming different places (Hangzhou, Guangzhou) are never one group."""
    counts = Counter(v for v in values if isinstance(v, str) and v.strip())
    if method == "levenshtein":
        return _nearest_neighbour(counts, radius, field)
    keyer = {"fingerprint": fingerprint, "ngram": lambda s: ngram_fingerprint(s, n),
             "pinyin": pinyin_key, "simplified": _simplified_key}.get(method)
    if keyer is None:
        raise ValueError(f"unknown clustering method {method!r}")
    groups: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for value, count in counts.items():
        key = keyer(value)
        if key:
            groups[key].append((value, count))
    return _clusters(groups, field)


def _canonical_place(field: str | None):
    """value -> the gazetteer's canonical name (深圳, 广东省; a known foreign city in English),
    or None when the value names no known place; None for other fields."""
    if field == "city":
        from app.core.cleaning.geo import normalize_city

        def city(value: str) -> str | None:
            result = normalize_city(value)
            return result.city if result.reason is None else None

        return city
    if field == "province":
        from app.core.cleaning.gazetteer import load_gazetteer
        from app.core.cleaning.geo import normalize_province

        names = {p["name"] for p in load_gazetteer().provinces}

        def province(value: str) -> str | None:
            result = normalize_province(value)
            return result if result in names else None

        return province
    return None


def _well_cased(value: str) -> bool:
    """'Shenzhen', 'New York', 'IBM', 深圳: yes. 'shen zhen', 'SHENZHEN': no."""
    letters = [ch for ch in value if ch.isascii() and ch.isalpha()]
    if not letters:
        return True
    if all(ch.islower() for ch in letters):
        return False
    return not (all(ch.isupper() for ch in letters) and len(letters) > 4)


def suggest_value(members: Sequence[tuple[str, int]], field: str | None = None) -> str:
    """The best-written common value of a cluster: for a city or province the gazetteer's
    canonical name when a member maps to one (the one covering most customers); otherwise
    Chinese characters over romanisations of them (深圳 over 'shen zhen': same pinyin key),
    then the most frequent, then properly cased, then the longest. Spacing tidied."""
    canonical = _canonical_place(field)
    if canonical is not None:
        places: Counter = Counter()
        for value, count in members:
            name = canonical(value)
            if name:
                places[name] += count
        if places:
            return min(places.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    chinese_keys = {pinyin_key(v) for v, _ in members if has_cjk(v)} - {""}
    candidates = [(v, c) for v, c in members
                  if has_cjk(v) or not chinese_keys or pinyin_key(v) not in chinese_keys]
    best = min(candidates or members,
               key=lambda vc: (-vc[1], not _well_cased(vc[0]), -len(vc[0].strip()), vc[0]))[0]
    return clean_text(best) or best


def _split_places(members: list[tuple[str, int]], canonical) -> list[list[tuple[str, int]]]:
    """A group whose members name different known places, split by place; a member naming
    no known place joins the part holding its nearest spelling."""
    from rapidfuzz.distance import Levenshtein

    parts: dict[str, list[tuple[str, int]]] = defaultdict(list)
    unknown = []
    for value, count in members:
        name = canonical(value)
        (parts[name] if name else unknown).append((value, count))
    if len(parts) < 2:
        return [members]

    def key(v: str) -> str:
        return pinyin_key(v) or fingerprint(v)

    for value, count in unknown:
        own = key(value)
        nearest = min(parts, key=lambda name: (min(Levenshtein.distance(own, key(v))
                                                   for v, _ in parts[name]), name))
        parts[nearest].append((value, count))
    return list(parts.values())


def _clusters(groups: dict[str, list[tuple[str, int]]],
              field: str | None = None) -> list[ValueCluster]:
    canonical = _canonical_place(field)
    out = []
    for key, members in groups.items():
        if len(members) < 2:
            continue
        parts = _split_places(members, canonical) if canonical is not None else [members]
        for part in parts:
            if len(part) < 2:
                continue
            part.sort(key=lambda vc: (-vc[1], vc[0]))
            suggested = suggest_value(part, field)
            out.append(ValueCluster(key if len(parts) == 1 else f"{key}|{suggested}", part,
                                    suggested))
    out.sort(key=lambda c: (-len(c.values), -c.size, c.key))
    return out


def _nearest_neighbour(counts: Counter, radius: int,
                       field: str | None = None) -> list[ValueCluster]:
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
    return _clusters(groups, field)
