"""Typed values from cells: dates, money, employee counts and bands, counts, consent, industry."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.core.cleaning.text import clean_text

EXCEL_EPOCH = dt.date(1899, 12, 30)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_YMD = re.compile(r"^(\d{4})\s*[/\-.年]\s*(\d{1,2})\s*[/\-.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_XXY = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})$")
_DMONY = re.compile(r"^(\d{1,2})[\s\-/]([A-Za-z]{3,9})[\s\-/,]+(\d{4})$")
_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}


@dataclass(slots=True)
class DateResult:
    iso: str | None = None
    reason: str | None = None  # "empty" | "invalid" (impossible or unreadable)

    @property
    def value(self) -> str | None:
        return self.iso


def _make(year: int, month: int, day: int) -> DateResult:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return DateResult(reason="invalid")  # 2023-02-30, month 13
    if not 1900 <= date.year <= 2100:
        return DateResult(reason="invalid")
    return DateResult(date.isoformat())


def infer_date_order(values) -> str | None:
    """'dmy' or 'mdy' for a column's x/y/yyyy dates: a first part above 12 means day first."""
    day_first = month_first = 0
    for value in values:
        text = clean_text(value)
        match = _XXY.match(text) if text else None
        if match:
            a, b = int(match.group(1)), int(match.group(2))
            day_first += a > 12
            month_first += b > 12
    if day_first > month_first:
        return "dmy"
    if month_first > day_first:
        return "mdy"
    return None


def parse_date(value: object, order: str | None = None) -> DateResult:
    """ISO strings, Excel serials (45047), 2023/5/1, 2023年5月1日, 2023.5.1, 01.05.2023
    (order 'dmy' or 'mdy' from infer_date_order; day first when unknown), 1-May-2023."""
    if isinstance(value, bool):
        return DateResult(reason="invalid")
    if isinstance(value, int | float):
        if value != value:
            return DateResult(reason="empty")
        if 1 <= value < 2958466 and float(value).is_integer() is not None:
            if 20000 <= value <= 80000:  # 1954..2119: a plausible serial, not a year or amount
                return DateResult((EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat())
            if 19000101 <= value <= 21001231:  # 20230501
                return parse_date(str(int(value)), order)
        return DateResult(reason="invalid")
    if isinstance(value, dt.datetime | dt.date):
        return DateResult((value.date() if isinstance(value, dt.datetime) else value).isoformat())
    text = clean_text(value)
    if text is None:
        return DateResult(reason="empty")
    for pattern in (_ISO, _YMD):
        match = pattern.match(text)
        if match:
            return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _XXY.match(text)
    if match:
        a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if order is None:  # unknown column order: German dots are day first, US slashes month first
            order = "mdy" if "/" in text and a <= 12 else "dmy"
        if order == "mdy":
            return _make(year, a, b)
        return _make(year, b, a)
    match = _DMONY.match(text)
    if match and match.group(2)[:3].lower() in _MONTHS:
        return _make(int(match.group(3)), _MONTHS[match.group(2)[:3].lower()], int(match.group(1)))
    if re.fullmatch(r"\d{8}", text):
        return _make(int(text[:4]), int(text[4:6]), int(text[6:]))
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return parse_date(float(text), order)
    return DateResult(reason="invalid")


@dataclass(slots=True)
class MoneyResult:
    amount: float | None = None
    approximate: bool = False  # 1.2万: the cell gave a rounded figure
    currency: str | None = None
    reason: str | None = None

    @property
    def value(self) -> float | None:
        return self.amount


_CURRENCY = re.compile(r"(rmb|cny|人民币|元|¥|￥|usd|us\$|\$|hkd|hk\$|eur|€)", re.IGNORECASE)


def _number(text: str) -> float | None:
    """'1,234.56', '1.234,56', '18.833,00', '1200' -> float; decimal comma understood."""
    text = text.replace(" ", "").replace("'", "")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", "") if re.fullmatch(r"-?\d{1,3}(,\d{3})+", text) else text.replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3}){2,}", text):
        text = text.replace(".", "")
    try:
        return float(text)
    except ValueError:
        return None


def parse_money(value: object) -> MoneyResult:
    if isinstance(value, bool):
        return MoneyResult(reason="invalid")
    if isinstance(value, int | float):
        return MoneyResult(reason="empty") if value != value else MoneyResult(float(value), currency="CNY")
    text = clean_text(value)
    if text is None:
        return MoneyResult(reason="empty")
    found = _CURRENCY.search(text)
    currency = "CNY"
    if found and found.group(1).lower() in ("usd", "us$", "$"):
        currency = "USD"
    elif found and found.group(1).lower() in ("hkd", "hk$"):
        currency = "HKD"
    elif found and found.group(1).lower() in ("eur", "€"):
        currency = "EUR"
    body = _CURRENCY.sub("", text).strip()
    scale, approximate = 1.0, False
    if body.endswith("万"):
        scale, approximate, body = 10000.0, True, body[:-1]
    elif body.endswith("千"):
        scale, approximate, body = 1000.0, True, body[:-1]
    number = _number(body)
    if number is None:
        return MoneyResult(reason="invalid")
    return MoneyResult(round(number * scale, 2), approximate, currency)


def parse_employees(value: object) -> int | list | None:
    """'约120人' -> 120; '50-199人' / '50~199' -> [50, 199]; '1000+' / '>1000' / '1000人以上'
    -> [1000, None]."""
    if isinstance(value, bool):
        return None
    if isinstance(value, list | tuple) and len(value) == 2:
        return list(value)  # already a band (a cleaned value read back)
    if isinstance(value, int | float):
        return None if value != value else int(value)
    text = clean_text(value)
    if text is None:
        return None
    text = text.replace(",", "").replace(" ", "")
    band = re.fullmatch(r"(\d+)[\-~～至到](\d+)人?", text)
    if band:
        return [int(band.group(1)), int(band.group(2))]
    open_band = re.fullmatch(r"(?:>|≥|大于|超过)?(\d+)(?:\+|人以上|以上|人\+)", text) or re.fullmatch(
        r"(?:>|≥|大于|超过)(\d+)人?", text)
    if open_band:
        return [int(open_band.group(1)), None]
    single = re.fullmatch(r"(?:约|大约|大概|~|≈)?(\d+)(?:人|名|位)?(?:左右)?", text)
    return int(single.group(1)) if single else None


def parse_count(value: object) -> int | None:
    """Orders: 11, '11次', '１１' -> 11."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return None if value != value else int(value)
    text = clean_text(value)
    match = re.fullmatch(r"(\d+)\s*(?:次|单|笔|个)?", text or "")
    return int(match.group(1)) if match else None


_YES = {"是", "y", "yes", "同意", "true", "1", "ok", "好", "可以", "允许", "接受", "✓", "√", "t"}
_NO = {"否", "n", "no", "不同意", "false", "0", "不", "拒绝", "不可以", "不允许", "×", "✗", "f"}


def parse_consent(value: object) -> bool | None:
    """True for 是/Y/yes/同意, False for 否/N/no/不同意, None for blank, N/A, -, 未知."""
    if isinstance(value, bool):
        return value
    text = clean_text(value)
    if text is None:
        return None
    low = text.lower().rstrip(".。!！")
    if low in _YES:
        return True
    if low in _NO:
        return False
    return None


# The ten canonical industry labels and words that point to each (checked in order).
INDUSTRIES = ("制造业", "零售", "餐饮", "教育培训", "互联网", "医疗健康", "金融", "房地产", "物流", "美容美发")
_INDUSTRY_WORDS = (
    ("美容美发", ("美容", "美发", "美业", "美甲", "beauty", "salon", "cosmetic")),
    ("房地产", ("房地产", "地产", "房产", "物业", "realestate", "property")),
    ("互联网", ("互联网", "it", "internet", "软件", "software", "科技", "tech", "电商", "ecommerce")),
    ("医疗健康", ("医疗", "健康", "医药", "health", "medical", "pharma", "hospital", "诊所")),
    ("教育培训", ("教育", "培训", "education", "training", "school", "学校")),
    ("金融", ("金融", "银行", "保险", "证券", "finance", "financial", "bank", "insurance", "投资")),
    ("物流", ("物流", "快递", "运输", "仓储", "logistics", "shipping", "transport", "express")),
    ("餐饮", ("餐饮", "餐厅", "饭店", "catering", "restaurant", "f&b", "food", "食品", "酒店")),
    ("零售", ("零售", "商超", "超市", "百货", "retail", "shop", "store", "商贸")),
    ("制造业", ("制造", "工业", "工厂", "manufactur", "factory", "industrial", "五金")),
)


def normalize_industry(value: object) -> str | None:
    """Canonical label of the ten industries, or the cleaned text when none fits."""
    text = clean_text(value)
    if text is None:
        return None
    key = re.sub(r"\s+", "", text.lower())
    if text in INDUSTRIES:
        return text
    for label, words in _INDUSTRY_WORDS:
        for word in words:
            if word.isascii() and len(word) <= 3:
                if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", key):
                    return label
            elif word in key:
                return label
    return text
