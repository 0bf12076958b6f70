"""One display name per company across the column: variants (有限责任公司, 'Co., Ltd.', brand
only, city in brackets) that share a match key and a city take the most complete common form."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from app.core.cleaning.company import _PAREN, company_key
from app.core.cleaning.gazetteer import load_gazetteer
from app.core.cleaning.text import clean_text, has_cjk


def company_city(name: str) -> str | None:
    """The city a company name states: 广州乐活…, 乐活（广州）…, Suzhou Zhongke …"""
    gaz = load_gazetteer()
    if has_cjk(name):
        for inner in _PAREN.findall(name):
            hit = gaz.city_by_name.get(inner.strip().removesuffix("市"))
            if hit:
                return hit["short"]
        for size in (4, 3, 2):
            hit = gaz.city_by_name.get(name[:size])
            if hit and (hit.get("major") or name[size:].startswith("市")):
                return hit["short"]
        return None
    first = re.split(r"[\s,]+", name.strip().lower())[0]
    hit = gaz.city_for_pinyin(first)
    return hit["short"] if hit else None


def _quality(name: str, count: int) -> tuple:
    # A Chinese full name '城市+字号+有限公司' is the registered form; otherwise the commonest.
    registered = has_cjk(name) and name.endswith("有限公司") and "（" not in name and "(" not in name
    return (registered, count, len(name))


def canonical_companies(values: list, row_cities: list) -> list[str | None]:
    """For each row, the canonical display name of its company (None when blank)."""
    tidy = [clean_text(v) for v in values]
    keys = [company_key(t) if t else "" for t in tidy]
    stated = [company_city(t) if t else None for t in tidy]
    groups: dict[str, dict[str | None, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for t, k, c in zip(tidy, keys, stated, strict=False):
        if t and k:
            groups[k][c][t] += 1
    out: list[str | None] = []
    for i, (t, k) in enumerate(zip(tidy, keys, strict=False)):
        if not t or not k:
            out.append(t)
            continue
        by_city = groups[k]
        named = [c for c in by_city if c is not None]
        city = stated[i]
        if city is None:
            row_city = row_cities[i] if i < len(row_cities) else None
            if row_city in named:
                city = row_city
            elif len(named) == 1:
                city = named[0]
        pool = Counter(by_city.get(city, Counter()))
        if city is not None:
            pool.update(by_city.get(None, Counter()))
        best = max(pool.items(), key=lambda item: _quality(*item))[0] if pool else t
        out.append(best)
    return out
