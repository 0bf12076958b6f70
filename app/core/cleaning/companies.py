"""One display name per company across the column: variants (有限责任公司, 'Co., Ltd.', brand
only, city in brackets) that share a match key and a city take the most complete common form."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from app.core.cleaning.company import _PAREN, clean_company, company_key
from app.core.cleaning.gazetteer import load_gazetteer
from app.core.cleaning.text import has_cjk


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
    first = re.split(r"[\s,]+", name.strip().lower().replace("'", ""))[0]
    hit = gaz.city_for_pinyin(first)
    return hit["short"] if hit else None


_LATIN_LEGAL = re.compile(r",?\s*\b(co\.?,?\s*ltd|inc|ltd|llc|gmbh|corp|co|plc|limited)\.?$",
                          re.IGNORECASE)


def _registered(name: str) -> bool:
    """'城市+字号+有限公司' with no bracketed city and no 市: the form the keys call canonical."""
    gaz = load_gazetteer()
    return (name.endswith("有限公司") and not name.endswith("有限责任公司") and "(" not in name
            and "（" not in name and company_city(name) is not None
            and name[:4].find("市") < 0 and gaz is not None)


def _latin_form(name: str) -> str:
    match = _LATIN_LEGAL.search(name)
    return re.sub(r"[^a-z]", "", match.group(1).lower()) if match else ""


def _quality(name: str, count: int, usual_form: str) -> tuple:
    if has_cjk(name):
        return (_registered(name), True, count, len(name))
    # The column's usual legal form (Inc. in one list, Co., Ltd. in another), then case as
    # typed rather than all capitals, then the commonest spelling.
    form = _latin_form(name)
    return (form == usual_form and name.endswith("."), not name.isupper(), form != "", count)


def _tidy_latin(name: str) -> str:
    if name.isupper() or name.islower():
        name = " ".join(w[:1].upper() + w[1:].lower() for w in name.split(" "))
    return name


# English business words on Chinese firms' English names, to find the Chinese registered name.
BUSINESS_ZH = {
    "beauty": ("美业", "美容"), "catering management": ("餐饮管理",), "catering": ("餐饮",),
    "department store": ("百货",), "education technology": ("教育科技",),
    "financial consulting": ("财务咨询",), "food": ("食品",), "hardware": ("五金",),
    "health management": ("健康管理",), "information technology": ("信息技术",),
    "investment consulting": ("投资咨询",), "logistics": ("物流",), "machinery": ("机械",),
    "medical devices": ("医疗器械",), "network technology": ("网络科技",), "precision": ("精密",),
    "property management": ("物业管理",), "real estate": ("置业", "地产", "房地产"),
    "supply chain": ("供应链",), "technology": ("科技",), "trading": ("商贸", "贸易"),
    "training": ("培训",), "education": ("教育",), "consulting": ("咨询",),
}
LEGAL_SPELLING = {"inc": "Inc.", "ltd": "Ltd.", "llc": "LLC", "gmbh": "GmbH", "corp": "Corp.",
                  "coltd": "Co., Ltd.", "co": "Co.", "plc": "PLC", "limited": "Limited"}


def _english_to_chinese(words: list[str], city: str, brands: dict[str, set]) -> str | None:
    """'jinqiao technology' in 北京 -> 北京金桥科技有限公司 when 金桥 is a known brand."""
    if len(words) < 2:
        return None
    hanzi = brands.get(words[0], set())
    business = " ".join(words[1:])
    options = BUSINESS_ZH.get(business)
    if len(hanzi) != 1 or not options:
        return None
    return f"{city}{next(iter(hanzi))}{options[0]}有限公司"


def _brand_pinyin(text: str) -> str:
    from app.core.pinyin import lazy_pinyin

    return "".join(lazy_pinyin(text[:2]))


def canonical_companies(values: list, row_cities: list) -> list[str | None]:
    """For each row, the canonical display name of its company (None when blank).
    Works on distinct (company, city) pairs: a million rows hold a few thousand."""
    pairs: dict[tuple, int] = {}
    index = []
    for i, value in enumerate(values):
        city = row_cities[i] if i < len(row_cities) else None
        key = (value if isinstance(value, str) else str(value) if value is not None else None, city)
        index.append(pairs.setdefault(key, len(pairs)))
    unique = list(pairs)
    weights = Counter(index)
    results = _canonical([v for v, _ in unique], [c for _, c in unique],
                         [weights[i] for i in range(len(unique))])
    return [results[i] for i in index]


def _canonical(values: list, row_cities: list, weights: list[int]) -> list[str | None]:
    tidy = [clean_company(v) for v in values]
    keys = [company_key(t) if t else "" for t in tidy]
    spelled = {}
    for k in keys:  # 'norris di gital' (a line break inside a word) meets 'norris digital'
        spelled.setdefault(k.replace(" ", ""), k)
    keys = [spelled[k.replace(" ", "")] for k in keys]
    stated = [company_city(t) if t else None for t in tidy]
    groups: dict[str, dict[str | None, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for t, k, c, w in zip(tidy, keys, stated, weights, strict=False):
        if t and k:
            groups[k][c][t] += w
    usual = Counter()
    for t, w in zip(tidy, weights, strict=False):
        if t and not has_cjk(t) and _latin_form(t):
            usual[_latin_form(t)] += w
    usual_form = usual.most_common(1)[0][0] if usual else ""
    gaz = load_gazetteer()
    # 'Beijing Jinqiao Technology Co., Ltd.' is 北京金桥科技有限公司: same city, brand in pinyin.
    chinese_by_brand: dict[tuple, set] = defaultdict(set)
    for k, by_city in groups.items():
        if has_cjk(k):
            for c in by_city:
                if c:
                    chinese_by_brand[(c, _brand_pinyin(k))].add(k)
    brands: dict[str, set] = defaultdict(set)
    for k in groups:
        if has_cjk(k) and len(k) > 2:
            brands[_brand_pinyin(k)].add(k[:2])
    out: list[str | None] = []
    for i, (t, k) in enumerate(zip(tidy, keys, strict=False)):
        if not t or not k:
            out.append(t)
            continue
        row_city = row_cities[i] if i < len(row_cities) else None
        if not has_cjk(t) and stated[i]:
            words = k.split(" ")
            match = chinese_by_brand.get((stated[i], words[0] if words else ""), set())
            options = BUSINESS_ZH.get(" ".join(words[1:]), ())
            fitting = {m for m in match if any(m.endswith(o) for o in options)}
            if not options:
                fitting = match
            if len(fitting) == 1:
                k = next(iter(fitting))
                t = f"{stated[i]}{k}有限公司"
            else:
                built = _english_to_chinese(words, stated[i], brands)
                if built:
                    out.append(built)
                    continue
        by_city = groups[k]
        named = [c for c in by_city if c is not None]
        city = stated[i]
        if city is None and has_cjk(k):
            if row_city in gaz.city_by_name:
                city = row_city
            elif len(named) == 1:
                city = named[0]
        pool = Counter(by_city.get(city, Counter()))
        if city is not None:
            pool.update(by_city.get(None, Counter()))
        if not pool:
            pool[t] = 1
        best = max(pool.items(), key=lambda item: _quality(*item, usual_form))[0]
        if has_cjk(best) and city and has_cjk(k) and not _registered(best):
            best = f"{city}{k}有限公司"  # the registered form none of the variants spelt out
        if not has_cjk(best) and usual_form:
            # One spelling of the legal form across the list: 'Smith Partners Ltd' -> '… Inc.'
            base = _tidy_latin(_LATIN_LEGAL.sub("", best).rstrip(" ,."))
            best = f"{base} {LEGAL_SPELLING.get(usual_form, usual_form)}"
        out.append(best if has_cjk(best) else _tidy_latin(best))
    return out
