"""Company names: the display name is kept; a match key drops legal forms, noise and a city."""

from __future__ import annotations

import re
from functools import lru_cache

from app.core.cleaning.gazetteer import load_gazetteer
from app.core.cleaning.text import clean_text, has_cjk

# Longest first so 股份有限公司 goes before 有限公司.
ZH_LEGAL = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团公司", "股份公司", "分公司",
            "总公司", "公司", "集团", "工作室", "商行", "门店", "店")
EN_LEGAL = {"co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc",
            "llp", "lp", "plc", "gmbh", "ag", "sa", "sas", "srl", "bv", "nv", "pte", "pty", "kk",
            "group", "holding", "holdings", "intl", "international", "the", "and"}
_PAREN = re.compile(r"[(\[（【]([^)\]）】]*)[)\]）】]")
_LATIN_TOKEN = re.compile(r"[a-z0-9]+")


def _strip_city_zh(text: str) -> str:
    return _split_city_zh(text)[1]


def _split_city_zh(text: str) -> tuple[str | None, str]:
    """(leading city or province, the rest) of a compact Chinese company name."""
    gaz = load_gazetteer()
    for size in (4, 3, 2):  # 乌鲁木齐 / 石家庄 / 广州, then an optional 市
        head, rest = text[:size], text[size:]
        city = gaz.city_by_name.get(head)
        # Only big cities, provinces or an explicit 市 count: 阿里巴巴 does not start with 阿里地区.
        known = (city is not None and (city.get("major") or rest.startswith("市"))) or (
            head in gaz.province_by_name)
        if known:
            rest = rest.removeprefix("市").removeprefix("省")
            if len(rest) >= 2:
                return head, rest
    return None, text


@lru_cache(maxsize=50000)
def _key(text: str) -> str:
    text = text.lower()
    # "知行餐饮管理（深圳）有限公司": a city in brackets is noise, other brackets too.
    text = _PAREN.sub("", text)
    if has_cjk(text):
        compact = re.sub(r"[\s\W_]+", "", text)
        compact = _strip_city_zh(compact)
        changed = True
        while changed:
            changed = False
            for suffix in ZH_LEGAL:
                if compact.endswith(suffix) and len(compact) > len(suffix) + 1:
                    compact, changed = compact[: -len(suffix)], True
        return compact
    tokens = [t for t in _LATIN_TOKEN.findall(text.replace("'", "")) if t not in EN_LEGAL]
    gaz = load_gazetteer()
    if len(tokens) > 1 and gaz.city_for_pinyin(tokens[0]):
        tokens = tokens[1:]  # "Suzhou Zhongke Catering": drop the leading city
    return " ".join(tokens)


def company_key(value: object) -> str:
    """'广州市乐活五金有限公司', '乐活五金（广州）有限公司', '乐活五金' -> '乐活五金';
    'Simpson Logistics Co., Ltd.' -> 'simpson logistics'."""
    text = clean_text(value)
    return _key(text) if text else ""


def company_place(value: object) -> tuple[str, str | None] | None:
    """(province code, city code or None) of the place a company name carries, which
    company_key leaves out: '广州市乐活五金有限公司', '乐活五金（广州）有限公司' and 'Guangzhou
    Lehuo Hardware' -> ('440000', '440100'); '广东省华创贸易' -> ('440000', None); '乐活五金' ->
    None. Two names with one key in different places are two branches, not one company
    written two ways."""
    text = clean_text(value)
    return _place(text) if text else None


@lru_cache(maxsize=50000)
def _place(text: str) -> tuple[str, str | None] | None:
    gaz = load_gazetteer()
    text = text.lower()
    names = [re.sub(r"[\s\W_]+", "", inner) for inner in _PAREN.findall(text)]
    if has_cjk(text):
        names.append(_split_city_zh(re.sub(r"[\s\W_]+", "", _PAREN.sub("", text)))[0])
    else:
        tokens = _LATIN_TOKEN.findall(text.replace("'", ""))
        if len(tokens) > 1:
            names.append(tokens[0])
    for name in names:
        if not name:
            continue
        city = gaz.city_by_name.get(name) or gaz.city_for_pinyin(name)
        if city is not None:
            province = gaz.province_by_name.get(city.get("province") or "")
            return (province["code"] if province else city["code"][:2] + "0000", city["code"])
        province = gaz.province_by_name.get(name)
        if province is not None:
            return province["code"], None
    return None


def clean_company(value: object) -> str | None:
    """The display name tidied (spaces, width; no spaces between Chinese characters)."""
    text = clean_text(value)
    if text and has_cjk(text):
        text = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text)
    return text
