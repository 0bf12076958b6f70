"""City and province names: canonical Simplified names from the bundled gazetteer, pinyin and
abbreviations, Traditional forms (opencc), near-miss spellings (rapidfuzz), addresses split."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from app.core.cleaning.fake import is_fake
from app.core.cleaning.gazetteer import (
    CITY_ABBREVIATIONS,
    CITY_LATIN_ALIASES,
    FOREIGN_ABBREVIATIONS,
    FOREIGN_CITIES,
    load_gazetteer,
)
from app.core.cleaning.text import clean_text, has_cjk

_LATIN_KEY = re.compile(r"[^a-z]")


@dataclass(slots=True)
class CityResult:
    city: str | None = None  # 广州 (no 市); a foreign city in English
    province: str | None = None  # full name: 广东省, 北京市, 广西壮族自治区
    district: str | None = None
    matched_by: str | None = None  # exact|suffix|traditional|pinyin|abbreviation|fuzzy|foreign|kept
    reason: str | None = None  # "fake" | "placeholder" | "empty" | "unknown"
    is_foreign: bool = False

    @property
    def value(self) -> str | None:
        return self.city


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


@cache
def _foreign_by_english() -> dict[str, str]:
    names = set(FOREIGN_CITIES.values())
    return {_LATIN_KEY.sub("", n.lower()): n for n in names}


@cache
def _pinyin_choices() -> list[str]:
    return list(load_gazetteer().cities_by_pinyin)


def _fuzzy_city(key: str) -> dict | None:
    """Guagnzhou -> guangzhou: one slip (two in long names), majors preferred on ties."""
    if len(key) < 4:
        return None
    limit = 1 if len(key) < 7 else 2
    gaz = load_gazetteer()
    hits = process.extract(key, _pinyin_choices(), scorer=OSA.distance, score_cutoff=limit,
                           limit=20)
    if not hits:
        return None
    best = min(h[1] for h in hits)
    candidates = [gaz.cities_by_pinyin[h[0]][0] for h in hits if h[1] == best]
    majors = [c for c in candidates if c.get("major")]
    if len(majors) == 1:
        return majors[0]
    if len(candidates) == 1 and (best <= 1 or len(key) >= 7):
        return candidates[0]
    return None


def _chinese_city(text: str) -> tuple[dict | None, str | None]:
    gaz = load_gazetteer()
    compact = text.replace(" ", "")
    for candidate, how in ((compact, "exact"), (to_simplified(compact), "traditional")):
        hit = gaz.city_by_name.get(candidate)
        if hit:
            return hit, how
        stripped = re.sub(r"(市|地区|盟)$", "", candidate)
        hit = gaz.city_by_name.get(stripped)
        if hit:
            return hit, "suffix" if how == "exact" else how
    return None, None


def _result_for(city: dict, how: str) -> CityResult:
    return CityResult(city=city["short"], province=city["province"], matched_by=how)


@lru_cache(maxsize=20000)
def normalize_city(value: object) -> CityResult:
    text = clean_text(value)
    if text is None:
        return CityResult(reason="empty")
    fake = is_fake("city", text)
    if fake:
        return CityResult(reason=fake)
    gaz = load_gazetteer()
    if has_cjk(text):
        simplified = to_simplified(text.replace(" ", ""))
        if simplified in FOREIGN_CITIES or simplified.rstrip("市") in FOREIGN_CITIES:
            name = FOREIGN_CITIES.get(simplified) or FOREIGN_CITIES[simplified.rstrip("市")]
            return CityResult(city=name, matched_by="foreign", is_foreign=True)
        city, how = _chinese_city(text)
        if city:
            return _result_for(city, how)
        parts = split_address(text)
        if parts.city:
            return CityResult(parts.city, parts.province, parts.district, "address")
        return CityResult(city=simplified.rstrip("市") or text, reason="unknown", matched_by="kept")
    upper = text.replace(" ", "").upper()
    if upper in CITY_ABBREVIATIONS:
        return _result_for(gaz.city_by_name[CITY_ABBREVIATIONS[upper]], "abbreviation")
    if upper in FOREIGN_ABBREVIATIONS:
        return CityResult(city=FOREIGN_ABBREVIATIONS[upper], matched_by="foreign", is_foreign=True)
    key = _LATIN_KEY.sub("", text.lower().removesuffix(" city").removesuffix(" shi"))
    foreign = _foreign_by_english().get(key)
    if foreign:
        return CityResult(city=foreign, matched_by="foreign", is_foreign=True)
    city = gaz.city_for_pinyin(key) or gaz.city_by_name.get(CITY_LATIN_ALIASES.get(key, ""))
    if city:
        return _result_for(city, "pinyin")
    city = _fuzzy_city(key)
    if city:
        return _result_for(city, "fuzzy")
    kept = " ".join(w[:1].upper() + w[1:].lower() if w.isupper() or w.islower() else w
                    for w in text.split(" "))
    return CityResult(city=kept, matched_by="kept", is_foreign=True, reason="unknown")


@lru_cache(maxsize=5000)
def normalize_province(value: object) -> str | None:
    """广东 / Guangdong / 廣東省 -> 广东省; text not naming a province is returned as written."""
    text = clean_text(value)
    if text is None or is_fake("province", text):
        return None
    gaz = load_gazetteer()
    if has_cjk(text):
        compact = to_simplified(text.replace(" ", ""))
        hit = gaz.province_by_name.get(compact) or gaz.province_by_name.get(
            re.sub(r"(省|市|自治区|特别行政区)$", "", compact))
        return hit["name"] if hit else text
    key = _LATIN_KEY.sub("", text.lower().removesuffix(" province").removesuffix(" sheng"))
    hit = gaz.province_by_pinyin.get(key)
    return hit["name"] if hit else text


def province_for_city(city: str | None) -> str | None:
    if not city:
        return None
    hit = load_gazetteer().city_by_name.get(city)
    return hit["province"] if hit else None


@dataclass
class AddressParts:
    province: str | None = None
    city: str | None = None
    district: str | None = None
    rest: str | None = None


def _take_prefix(text: str, names: dict) -> tuple[dict | None, str, str]:
    for size in range(min(len(text), 12), 1, -1):
        hit = names.get(text[:size])
        if hit:
            return hit, text[:size], text[size:]
    return None, "", text


def split_address(value: object) -> AddressParts:
    """'广东省广州市天河区体育西路1号' -> 广东省 / 广州 / 天河区 / 体育西路1号 (district only
    when it belongs to the city found)."""
    text = clean_text(value)
    if not text:
        return AddressParts()
    gaz = load_gazetteer()
    rest = to_simplified(text.replace(" ", ""))
    province, _, rest = _take_prefix(rest, gaz.province_by_name)
    city = None
    if province is not None and province["name"].endswith("市"):  # 北京市朝阳区: a municipality
        city = gaz.city_by_name.get(province["short"])
        rest = rest.removeprefix("市")
    else:
        found, _, after = _take_prefix(rest, gaz.city_by_name)
        same_province = found and (province is None or found["province"] == province["name"])
        # 朝阳区 is a district, not the city 朝阳 followed by 区.
        if same_province and not after.startswith(("区", "县")):
            city, rest = found, after.removeprefix("市")
    district = None
    for size in range(min(len(rest), 10), 1, -1):
        candidates = gaz.districts_by_name.get(rest[:size]) or []
        fitting = [d for d in candidates if city is None or d["city"] == city["short"]]
        if city is None and province is not None:
            fitting = [d for d in fitting if d["province"] == province["name"]]
        if len(fitting) == 1 or (fitting and city):
            district, rest = fitting[0], rest[size:]
            break
    if city is None and district is not None:
        city = gaz.city_by_name.get(district["city"])
    province_name = city["province"] if city else (province["name"] if province else None)
    return AddressParts(province_name, city["short"] if city else None,
                        district["name"] if district else None, rest or None)
