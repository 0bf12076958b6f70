"""Match keys: one normalised, integer-coded view of each customer for blocking and scoring.

Records may still hold raw imported values, so every key is normalised here with the cleaning
normalisers. Normalisation runs once per distinct value (a million rows share far fewer
distinct phones, names and cities), with a vectorised fast path for values that are already
clean. Fake and placeholder values become missing: they must never count as agreement.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

import numpy as np
import pandas as pd

from app.core.arrays import SLICE, factorize, free, object_slices, objects

# Headers of unmapped (`extra`) columns that carry generic identifiers (FEBRL, CRM exports).
# A bare "ID" is not one: in a shop or CRM export it is that system's row number, so two
# exports number the same person differently and neighbouring numbers mean nothing.
POSTCODE_HEADER = re.compile(r"post.?code|zip|邮编|邮政编码", re.IGNORECASE)
ID_HEADER = re.compile(
    r"身份证|证件|护照|soc.?sec|\bssn\b|passport|national.?id|id.?(number|no)\b",
    re.IGNORECASE,
)

# Free-mail providers: sharing one says nothing; sharing a company domain says "colleague".
FREE_MAIL = frozenset(
    ["qq.com", "163.com", "126.com", "yeah.net", "sina.com", "sina.cn", "sohu.com", "foxmail.com", "aliyun.com", "139.com", "189.cn", "gmail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "me.com", "msn.com", "protonmail.com", "88.com", "tom.com", "21cn.com"]
)

_CLEAN_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_CN_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_CLEAN_EMAIL = re.compile(r"^[a-z0-9._%+\-]+@[a-z0-9\-]+(\.[a-z0-9\-]+)+$")
_REPEATED_CHAR = re.compile(r"(.)\1+")
_SPACES = re.compile(r"\s+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Shared mailboxes (info@, sales@...) say nothing about who wrote from them.
ROLE_LOCAL = re.compile(
    r"^(info|sales|service|support|admin|contact|office|hr|marketing|hello|kefu|postmaster|"
    r"webmaster|noreply|no-reply|team|enquiries|inquiry|mail|biz|bd|market|job|jobs)\d*$"
)


@dataclass
class MatchKeys:
    """Per-record keys, position-aligned with the customers DataFrame (row 0..n-1).

    String arrays hold None for missing; `*_code` arrays hold -1 for missing so equality can be
    tested with numpy without touching Python objects.
    """

    n: int
    customer_id: np.ndarray
    name: np.ndarray  # normalised as written (NFKC, lower-case, spaces collapsed)
    name_key: np.ndarray  # script-independent key (pinyin), 张伟 == Zhang Wei
    name_code: np.ndarray
    name_key_code: np.ndarray
    name_han: np.ndarray  # bool: the name is written in hanzi
    phone_code: np.ndarray  # primary phone (E.164)
    phones: pd.DataFrame  # long table: row, code (primary, alternates, alt_phones)
    multi_phone: dict[int, frozenset[int]]  # rows with more than one phone
    email: np.ndarray
    email_code: np.ndarray
    email_local_code: np.ndarray  # local part, only for free-mail domains (typo'd domains)
    domain_code: np.ndarray  # company domains of personal mailboxes (-1: free-mail or role)
    emails: pd.DataFrame  # long table: row, code
    multi_email: dict[int, frozenset[int]]
    company_key: np.ndarray
    company_code: np.ndarray
    city: np.ndarray
    city_code: np.ndarray
    # birthday, postcode, id_number, gender when the records have them
    extra_codes: dict[str, np.ndarray] = field(default_factory=dict)
    extra_strings: dict[str, np.ndarray] = field(default_factory=dict)
    address: np.ndarray | None = None
    # term frequencies (0..1) for the term-frequency adjustment of exact agreements
    name_tf: np.ndarray | None = None
    company_tf: np.ndarray | None = None  # per row: share of records with its company key
    phone_tf: np.ndarray | None = None  # per phone code: distinct names using it / n
    email_tf: np.ndarray | None = None
    phone_strings: np.ndarray | None = None
    email_strings: np.ndarray | None = None
    # the name's letters in written order without spaces or marks (hanzi as pinyin, surname
    # first): "Laur a Hefford" == "Laura Hefford", "CaiCheng" == 蔡成
    name_squash_code: np.ndarray | None = None
    # the address without spaces ("walkercrescent" == "walker crescent"), its numbers (code of
    # the digit runs in order: house, flat, room; -1 if none) and its number of words
    address_squash: np.ndarray | None = None
    address_number_code: np.ndarray | None = None
    address_words: np.ndarray | None = None
    # the string of each code (name_key_code -> name key, company_code -> company key), so a
    # similarity is worked out once per pair of values, not once per pair of records
    name_key_strings: np.ndarray | None = None
    company_strings: np.ndarray | None = None
    # the place a company name carries (广州乐活五金: Guangzhou), left out of company_key: codes
    # of its province and of its city (-1 where the name names none, or only a province)
    company_province_code: np.ndarray | None = None
    company_city_code: np.ndarray | None = None


def codes(values: Iterable) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 for None/NaN) and the uniques they index (first appearance order).

    Hashed a slice at a time (app.core.arrays.factorize): one pd.factorize over a million
    strings held the GIL for 0.1-0.2 s."""
    if not isinstance(values, (list, tuple, np.ndarray, pd.Series)):
        values = list(values)
    return factorize(values)


def _column(customers: pd.DataFrame, name: str) -> pd.Series:
    if name in customers.columns:
        return customers[name]
    return pd.Series([None] * len(customers), index=customers.index, dtype=object)


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        if np.isnan(value):
            return None
        if value.is_integer():
            value = int(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    return text or None


def map_unique(series: pd.Series, fn: Callable[[object], object],
               lookup: dict | None = None) -> pd.Series:
    """Apply `fn` once per distinct value (cheap on a million rows with repeats)."""
    return pd.Series(_mapped(series, fn, lookup), index=series.index, dtype=object)


def _mapped(series: pd.Series, fn: Callable[[object], object],
            lookup: dict | None = None) -> np.ndarray:
    """map_unique's values as an object array (None where missing).

    A slice of rows at a time (isna, hashing and type conversion over a million values were
    single C calls holding the GIL for 0.05-0.25 s each); `lookup` keeps the answers across
    slices, and across calls when the caller passes one (keyed by value, and by type for
    anything but text).
    """
    lookup = {} if lookup is None else lookup
    result = np.empty(len(series), dtype=object)  # None where missing
    for start, values in object_slices(series):
        mask = ~pd.isna(values)
        if not mask.any():
            continue
        # Mixed types (int phones, str phones) must not collide: key on type + value.
        keys = [v if isinstance(v, str) else (type(v).__name__, v) for v in values[mask]]
        for key in dict.fromkeys(keys):
            if key not in lookup:
                lookup[key] = fn(key[1] if isinstance(key, tuple) else key)
        mapped = np.empty(len(keys), dtype=object)
        mapped[:] = [lookup[k] for k in keys]  # (Series.map would turn None into NaN)
        result[start + np.flatnonzero(mask)] = mapped
    return result


@cache
def _cleaner(name: str):
    """A cleaning normaliser by name, or None while that normaliser does not exist yet.

    Looked up lazily so dedup keeps working (with plain text keys for that field) against an
    older cleaning package; each caller says what it falls back to. Remembered: it is asked
    for every distinct value (the import machinery was 6% of building the keys).
    """
    import importlib

    package = importlib.import_module("app.core.cleaning")
    found = getattr(package, name, None)
    if found is None:
        for module in ("phone", "email", "names", "company", "companies", "city", "cities",
                       "places", "fake"):
            try:
                found = getattr(importlib.import_module(f"app.core.cleaning.{module}"), name, None)
            except ImportError:
                continue
            if found is not None:
                break
    return found


def _fake(field_name: str, value) -> bool:
    is_fake = _cleaner("is_fake")
    if is_fake is None:
        return False
    try:
        return is_fake(field_name, value) is not None
    except Exception:  # a normaliser bug must not stop deduplication
        return False


# ---------------------------------------------------------------- per-field normalisers


def phone_values(value) -> tuple[str, ...]:
    """All E.164 numbers in one cell (a cell may hold two numbers); empty when fake/invalid."""
    normalize_phone = _cleaner("normalize_phone")
    text = _text(value)
    if text is None:
        return ()
    if _fake("phone", text):
        return ()
    if _CLEAN_E164.match(text):
        return (text,)
    if _CN_MOBILE.match(text):
        candidate = "+86" + text
        if not _fake("phone", candidate):
            return (candidate,)
        return ()
    if normalize_phone is None:
        digits = re.sub(r"\D", "", text)
        return (digits,) if len(digits) >= 7 else ()
    try:
        result = normalize_phone(text)
    except Exception:
        return ()
    found = []
    if getattr(result, "e164", None) and getattr(result, "valid", True):
        found.append(result.e164)
    for alt in getattr(result, "alternates", None) or ():
        alt_e164 = getattr(alt, "e164", alt)
        if isinstance(alt_e164, str) and alt_e164:
            found.append(alt_e164)
    return tuple(p for p in dict.fromkeys(found) if not _fake("phone", p))


def email_value(value) -> str | None:
    normalize_email = _cleaner("normalize_email")
    text = _text(value)
    if text is None:
        return None
    lowered = text.lower()
    # (even a clean-looking address goes through the normaliser: its domain may be a typo)
    try:
        result = normalize_email(text)
    except Exception:  # (also: no normaliser yet)
        return lowered if _CLEAN_EMAIL.match(lowered) else None
    email = getattr(result, "suggestion", None) or getattr(result, "email", None)
    if not email or not getattr(result, "valid", True) and not getattr(result, "suggestion", None):
        return None
    email = email.lower()
    return None if _fake("email", email) else email


def name_value(value) -> tuple[str | None, str | None]:
    """(normalised name as written, script-independent pinyin key)."""
    name_key = _cleaner("name_key")
    text = _text(value)
    if text is None or _fake("name", text):
        return None, None
    written = _SPACES.sub(" ", text).lower()
    if any("\u4e00" <= ch <= "\u9fff" for ch in written):
        written = written.replace(" ", "")
    try:
        normalize_name = _cleaner("normalize_name")
        result = normalize_name(text)
        if result.is_chinese and result.name:
            key = _hanzi_key(result.name) or None
        else:
            key = name_key(text) or None
    except Exception:  # (also: no normaliser yet)
        key = written
    return written, key


def company_place_value(value) -> str | None:
    """'province code:city code' (city code empty when the name names only a province) of
    the place a company name carries, or None. One text, so a column is mapped once."""
    place = _cleaner("company_place")
    text = _text(value)
    if place is None or text is None or _fake("company", text):
        return None
    try:
        found = place(text)
    except Exception:  # a name the gazetteer lookup cannot take: no place
        return None
    return f"{found[0]}:{found[1] or ''}" if found else None


def _place_codes(places: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(province codes, city codes) per row from company_place_value's texts (-1: none)."""
    code, uniques = codes(places)
    parts = [str(u).split(":") for u in uniques]
    province_u, _ = codes([province for province, _ in parts])
    city_u, _ = codes([city or None for _, city in parts])
    province = np.where(code >= 0, province_u[np.maximum(code, 0)] if len(parts) else -1, -1)
    city = np.where(code >= 0, city_u[np.maximum(code, 0)] if len(parts) else -1, -1)
    return province, city


def company_value(value) -> str | None:
    company_key = _cleaner("company_key")
    text = _text(value)
    if text is None or _fake("company", text):
        return None
    try:
        return company_key(text) or None
    except Exception:  # (also: no normaliser yet)
        return text.lower()


def city_value(value) -> str | None:
    normalize_city = _cleaner("normalize_city")
    text = _text(value)
    if text is None or _fake("city", text):
        return None
    try:
        result = normalize_city(text)
    except Exception:  # (also: no normaliser yet)
        return text.lower()
    return getattr(result, "city", None) or None


def plain_value(value) -> str | None:
    text = _text(value)
    if text is None:
        return None
    text = _SPACES.sub(" ", text).lower()
    if text in {"n/a", "na", "-", "无", "none", "null", "未知", "unknown"}:
        return None
    return text


def digits_value(value) -> str | None:
    text = _text(value)
    if text is None:
        return None
    digits = re.sub(r"[\s\-./]", "", text).upper()
    if not digits or len(set(digits)) == 1:
        return None
    return digits


def date_value(value) -> str | None:
    """yyyy-mm-dd for dates in common forms; the raw text otherwise (still comparable)."""
    text = _text(value)
    if text is None:
        return None
    match = re.match(r"^(\d{4})\D?(\d{1,2})\D?(\d{1,2})", text)
    if match:
        y, m, d = match.groups()
        return f"{y}-{int(m):02d}-{int(d):02d}"
    return text


def _extra_series(customers: pd.DataFrame, pattern: re.Pattern) -> pd.Series | None:
    if "extra" not in customers.columns:
        return None
    extras = customers["extra"]
    found = False

    def pick(extra):
        nonlocal found
        if not isinstance(extra, dict):
            return None
        for header, value in extra.items():
            if pattern.search(str(header)):
                found = True
                return value
        return None

    series = extras.map(pick)
    return series if found else None


def _with_alternates(cells: np.ndarray, customers: pd.DataFrame, name: str,
                     normalise: Callable[[object], Iterable[str]]) -> np.ndarray:
    """Each row's tuple of values in `cells` with its alternates (column `name`, lists) added
    after them, each value once. Only rows that have alternates are touched: most have none,
    and a list per row of a million cost more than the values themselves."""
    if name not in customers.columns:
        return cells
    for pos, alts in enumerate(customers[name].to_numpy(dtype=object)):
        if isinstance(alts, (list, tuple)) and alts:
            found = list(cells[pos])
            for alt in alts:
                found.extend(normalise(alt))
            cells[pos] = tuple(dict.fromkeys(found))
    return cells


def _long_codes(per_row: list[tuple[str, ...]]) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    # row numbers by np.repeat: np.asarray over a list of a million ints held the GIL
    sizes = np.fromiter((len(values) for values in per_row), dtype=np.int64, count=len(per_row))
    rows = np.repeat(np.arange(len(per_row), dtype=np.int64), sizes)
    flat = [v for values in per_row for v in values]
    code, uniques = codes(flat)
    free(flat)
    long = pd.DataFrame({"row": rows, "code": code})
    primary = np.full(len(per_row), -1, dtype=np.int64)
    if len(sizes) and sizes.max() <= 1:  # no alternates anywhere: one value per row at most
        primary[rows] = code
        return long, primary, uniques
    long = long.drop_duplicates()
    firsts = long.drop_duplicates("row")
    primary[firsts["row"].to_numpy()] = firsts["code"].to_numpy()
    return long, primary, uniques


def _multi(long: pd.DataFrame) -> dict[int, frozenset[int]]:
    # bincount, not value_counts + isin: those hash every row in one C call each (0.1 s with
    # the GIL held at 300k rows; the window froze).
    rows = long["row"].to_numpy()
    sub = long[np.bincount(rows)[rows] > 1] if len(rows) else long
    return {int(r): frozenset(g.tolist()) for r, g in sub.groupby("row")["code"]}


# ---------------------------------------------------------------- fast paths
# A million rows hold up to a million distinct phones and mailboxes; one normaliser call per
# distinct value (~100 µs) would cost minutes. Values that are already clean (what the Clean
# step writes: E.164 phones, lower-case addresses) are recognised with one regex each and
# checked for fakes in the same pass; only the rest go through the normalisers. One Python
# pass per value, not a chain of pandas text methods: each of those is its own loop over the
# column (phones took 5.0 s at a million rows that way, 2.4 s like this).


def _by_slices(series: pd.Series, column_fn) -> np.ndarray:
    """column_fn(part, lookup) over SLICE rows at a time, one object array as the result.

    Every pandas text method (strip, match, +, isin ...) over a million values is one C call
    holding the GIL (up to 0.25 s at a million rows: the window froze); the slices share one
    lookup of normalised values, so no distinct value is normalised twice."""
    lookup: dict = {}
    result = np.empty(len(series), dtype=object)
    for start in range(0, len(series), SLICE):
        part = series.iloc[start:start + SLICE]
        result[start:start + len(part)] = column_fn(part, lookup)
    return result


def phone_column(series: pd.Series) -> pd.Series:
    """phone_values over a column: clean E.164 and bare Chinese mobiles without a Python call
    per value, the rest once per distinct value."""
    return pd.Series(_by_slices(series, _phone_part), index=series.index, dtype=object)


def _missing(value: object) -> bool:
    """None, NaN, NA or NaT: what pandas' notna() calls missing, for one cell."""
    return (value is None or value is pd.NA or value is pd.NaT
            or (isinstance(value, float) and value != value))


def _phone_part(series: pd.Series, lookup: dict) -> np.ndarray:
    from app.core.cleaning.fake import fake_phone_digits

    values = series.to_numpy(dtype=object)
    result = np.empty(len(values), dtype=object)
    result[:] = [()] * len(values)  # no usable phone
    slow = []
    e164, mobile = _CLEAN_E164.match, _CN_MOBILE.match
    for pos, value in enumerate(values):
        if isinstance(value, str):
            text = value.strip()
            if e164(text):
                phone = text
            elif mobile(text):
                phone = "+86" + text
            else:
                slow.append(pos)
                continue
            if not fake_phone_digits(phone[1:]):
                result[pos] = (phone,)
        elif not _missing(value):
            slow.append(pos)
    if slow:
        mapped = map_unique(series.iloc[slow], phone_values, lookup)
        for pos, found in zip(slow, mapped, strict=True):
            result[pos] = found or ()
    return result


@lru_cache(maxsize=50_000)
def _email_domain(domain: str) -> str | None:
    """The domain to use (a typo fixed: qq.con -> qq.com), or None when fake or invalid."""
    found = email_value(f"someone.real@{domain}")
    return found.rpartition("@")[2] if found else None


def email_column(series: pd.Series) -> pd.Series:
    """email_value over a column: clean-looking addresses checked with regexes and one
    normaliser call per distinct *domain*; the rest once per distinct value."""
    return pd.Series(_by_slices(series, _email_part), index=series.index, dtype=object)


def _email_part(series: pd.Series, lookup: dict) -> np.ndarray:
    from app.core.cleaning.fake import FAKE_EMAIL_LOCALS

    values = series.to_numpy(dtype=object)
    result = np.empty(len(values), dtype=object)  # None: no usable address
    slow = []
    clean, repeated = _CLEAN_EMAIL.fullmatch, _REPEATED_CHAR.fullmatch
    for pos, value in enumerate(values):
        if not isinstance(value, str):
            if not _missing(value):  # present but not text
                slow.append(pos)
            continue
        text = value.strip().lower()
        if not clean(text):
            slow.append(pos)
            continue
        local, _, domain = text.rpartition("@")
        fixed = _email_domain(domain)
        if (fixed is None or local in FAKE_EMAIL_LOCALS or repeated(local)
                or local == domain.split(".")[0] or local.startswith(".")
                or local.endswith(".") or ".." in local):
            continue
        result[pos] = local + "@" + fixed
    if slow:
        for pos, found in zip(slow, map_unique(series.iloc[slow], email_value, lookup),
                              strict=True):
            result[pos] = found
    return result


@lru_cache(maxsize=20_000)
def _char_pinyin(char: str) -> str:
    from app.core.pinyin import lazy_pinyin

    found = lazy_pinyin(char, errors="ignore")
    return found[0] if found else ""


def _hanzi_key(name: str) -> str:
    """name_key for a hanzi name, pinyin looked up per character (cached): pypinyin's phrase
    lookup per distinct name was most of the cost of building keys. Every hanzi name in
    deduplication goes through here, so keys stay comparable with each other."""
    from app.core.cleaning.names import COMPOUND_SURNAMES

    tokens = [p for p in (_char_pinyin(c) for c in name) if p]
    cut = 2 if name[:2] in COMPOUND_SURNAMES and len(tokens) > 2 else 1
    tokens = ["".join(tokens[:cut]), "".join(tokens[cut:])] if len(tokens) > cut else tokens
    return " ".join(sorted(tokens))


_NAME_MARKS = re.compile(r"[\s\-'.·•]")


def squashed_name(written: str | None) -> str | None:
    """A written name's letters without spaces or marks, hanzi read as pinyin in order."""
    if not written:
        return None
    if _HAN.search(written):
        return "".join(_char_pinyin(c) if _HAN.match(c) else c for c in written) or None
    return _NAME_MARKS.sub("", written) or None


def build_match_keys(customers: pd.DataFrame) -> MatchKeys:
    """Normalise the identifying fields of every record into comparable keys."""
    n = len(customers)
    ids = (
        customers["customer_id"].to_numpy()
        if "customer_id" in customers.columns
        else np.arange(n)
    )

    # Big temporaries (a million tuples or lists each) are emptied with free() once used:
    # dropped together when this returns, their deallocation held the GIL for 0.1-0.2 s.
    names = _mapped(_column(customers, "name"), name_value)
    written = objects(t[0] if t else None for t in names)
    key = objects(t[1] if t else None for t in names)
    free(names)
    name_code, written_uniques = codes(written)
    name_key_code, name_key_strings = codes(key)
    squash_of_name, _ = codes([squashed_name(w) for w in written_uniques])  # once per name
    name_squash_code = np.where(name_code >= 0, squash_of_name[np.maximum(name_code, 0)], -1)

    per_row_phones = _with_alternates(_by_slices(_column(customers, "phone"), _phone_part),
                                      customers, "alt_phones", phone_values)
    phones, phone_code, phone_uniques = _long_codes(per_row_phones)
    free(per_row_phones)

    email_cells = _by_slices(_column(customers, "email"), _email_part)
    per_row_emails = objects((cell,) if cell else () for cell in email_cells)
    free(email_cells)
    per_row_emails = _with_alternates(per_row_emails, customers, "alt_emails",
                                      lambda alt: [v for v in (email_value(alt),) if v])
    emails, email_code, email_uniques = _long_codes(per_row_emails)
    primary_email = objects(e[0] if e else None for e in per_row_emails)
    free(per_row_emails)
    locals_, domains = [], []
    for email in primary_email:
        if email is None or "@" not in email:
            locals_.append(None)
            domains.append(None)
            continue
        local, _, domain = email.rpartition("@")
        free_mail = domain in FREE_MAIL or domain.split(".")[0] in {"qq", "163", "126", "gmail"}
        locals_.append(local if free_mail and len(local) >= 4 else None)
        domains.append(None if free_mail or ROLE_LOCAL.match(local) else domain)
    email_local_code, _ = codes(locals_)
    domain_code, _ = codes(domains)
    free(locals_)
    free(domains)

    company = map_unique(_column(customers, "company"), company_value).to_numpy(dtype=object)
    company_code, company_strings = codes(company)
    company_province_code, company_city_code = _place_codes(
        _mapped(_column(customers, "company"), company_place_value))
    city = map_unique(_column(customers, "city"), city_value).to_numpy(dtype=object)
    city_code, _ = codes(city)

    extra_sources: dict[str, tuple[pd.Series | None, Callable]] = {
        "birthday": (customers.get("birthday"), date_value),
        "gender": (customers.get("gender"), plain_value),
        "postcode": (_extra_series(customers, POSTCODE_HEADER), digits_value),
        "id_number": (_extra_series(customers, ID_HEADER), digits_value),
    }
    extra_codes: dict[str, np.ndarray] = {}
    extra_strings: dict[str, np.ndarray] = {}
    for name, (series, normalise) in extra_sources.items():
        if series is None:
            continue
        strings = map_unique(series, normalise).to_numpy(dtype=object)
        code, _ = codes(strings)
        if (code >= 0).any():
            extra_codes[name] = code
            extra_strings[name] = strings
    address = None
    if "address" in customers.columns:
        address = map_unique(customers["address"], plain_value).to_numpy(dtype=object)
        if all(a is None for a in address):
            address = None

    keys = MatchKeys(
        n=n,
        customer_id=np.asarray(ids),
        name=written,
        name_key=key,
        name_code=name_code,
        name_key_code=name_key_code,
        name_han=np.fromiter((bool(w) and _HAN.search(w) is not None for w in written),
                             dtype=bool, count=n),
        phone_code=phone_code,
        phones=phones,
        multi_phone=_multi(phones),
        email=primary_email,
        email_code=email_code,
        email_local_code=email_local_code,
        domain_code=domain_code,
        emails=emails,
        multi_email=_multi(emails),
        company_key=company,
        company_code=company_code,
        city=city,
        city_code=city_code,
        extra_codes=extra_codes,
        extra_strings=extra_strings,
        address=address,
        phone_strings=phone_uniques,
        email_strings=email_uniques,
        name_squash_code=name_squash_code,
        company_province_code=company_province_code,
        company_city_code=company_city_code,
        name_key_strings=name_key_strings,
        company_strings=company_strings,
    )
    if address is not None:
        _address_parts(keys)
    _term_frequencies(keys)
    return keys


def _address_parts(keys: MatchKeys) -> None:
    text = pd.Series(keys.address, dtype=object)
    keys.address_squash = text.str.replace(" ", "", regex=False).to_numpy(dtype=object)
    numbers = text.str.findall(r"\d+").str.join(" ")
    keys.address_number_code, _ = codes(numbers.where(numbers != "", None))
    keys.address_words = text.str.count(" ").fillna(-1).to_numpy(dtype=np.int64) + 1


def _term_frequencies(keys: MatchKeys) -> None:
    """How common each value is, for the term-frequency adjustment.

    A name's frequency is the share of records carrying it (王伟 is common). A phone's or an
    e-mail's is the number of *different names* using it over n: one person's three copies
    count once, a switchboard used by forty staff counts forty times.
    """
    n = max(keys.n, 1)
    name_counts = np.bincount(keys.name_key_code[keys.name_key_code >= 0], minlength=1)
    keys.name_tf = np.where(
        keys.name_key_code >= 0,
        name_counts[np.maximum(keys.name_key_code, 0)] / n if len(name_counts) else 0,
        0.0,
    )
    company_counts = np.bincount(keys.company_code[keys.company_code >= 0], minlength=1)
    keys.company_tf = np.where(
        keys.company_code >= 0, company_counts[np.maximum(keys.company_code, 0)] / n, 0.0
    )
    for table, attr in ((keys.phones, "phone_tf"), (keys.emails, "email_tf")):
        size = int(table["code"].max()) + 1 if len(table) else 0
        if size == 0:
            setattr(keys, attr, np.zeros(0))
            continue
        named = pd.DataFrame(
            {"code": table["code"].to_numpy(), "name": keys.name_key_code[table["row"].to_numpy()]}
        )
        distinct = named[named["name"] >= 0].groupby("code")["name"].nunique()
        per_code = np.ones(size)
        per_code[distinct.index.to_numpy()] = np.maximum(distinct.to_numpy(), 1)
        setattr(keys, attr, per_code / n)
