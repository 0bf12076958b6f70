"""Dates and amounts as they arrive in purchase sheets and customer fields.

Each parser works on the distinct values of a column (a million order lines hold far fewer
distinct dates and amounts), so callers use parse_dates / parse_amounts on whole Series.
Amounts go through the cleaning area's money parser when it exists; the local parser below
is the small stand-in (¥ / ￥ / RMB / 元, thousands commas, full-width digits, 万).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import numpy as np
import pandas as pd

from app.core.segments.keys import cleaning_function

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_DATE_TEXT = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(value) -> pd.Timestamp | None:
    """A real date, ISO/Chinese/slash text, or an Excel serial number -> Timestamp (or None)."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value
    if isinstance(value, dt.datetime):
        return pd.Timestamp(value)
    if isinstance(value, dt.date):
        return pd.Timestamp(value.year, value.month, value.day)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | np.number):
        number = float(value)
        # Excel serials between 1954 and 2119; anything else is not a plausible order date.
        if number != number or not 20000 <= number <= 80000:
            return None
        return pd.Timestamp(_EXCEL_EPOCH + dt.timedelta(days=number))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    match = _DATE_TEXT.match(text) or _DATE_COMPACT.match(text)
    if match:
        parts = [int(p) if p else 0 for p in match.groups()] + [0, 0, 0]
        try:
            return pd.Timestamp(dt.datetime(*parts[:6]))
        except ValueError:
            return None
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return parse_date(float(text))
    return None


def parse_dates(series: pd.Series) -> pd.Series:
    """parse_date over a column, evaluated once per distinct value; datetime64[ns] with NaT."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.astype("datetime64[ns]")
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    parsed = np.array(
        [np.datetime64(p.to_datetime64(), "ns") if (p := parse_date(u)) is not None
         else np.datetime64("NaT", "ns") for u in uniques],
        dtype="datetime64[ns]",
    )
    out = np.full(len(series), np.datetime64("NaT", "ns"), dtype="datetime64[ns]")
    known = codes >= 0
    out[known] = parsed[codes[known]]
    return pd.Series(out, index=series.index)


def parse_amount(value) -> float | None:
    """'¥1,200.00', '1200元', 'RMB 1200', '１２００', '1.2万', 1200 -> float (or None)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | np.number):
        number = float(value)
        return None if number != number else number
    helper = cleaning_function("parse_money") or cleaning_function("normalize_money")
    if helper is not None:
        result = helper(value)
        number = getattr(result, "value", getattr(result, "amount", result))
        if isinstance(number, int | float) and number == number:
            return float(number)
        return None
    return _local_amount(str(value))


def _local_amount(text: str) -> float | None:
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = re.sub(r"(rmb|cny|¥|元|人民币|\s)", "", text).replace(",", "")
    scale = 1.0
    if text.endswith("万"):
        scale, text = 10000.0, text[:-1]
    try:
        return float(text) * scale
    except ValueError:
        return None


def parse_amounts(series: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(series):
        return series.astype("float64")
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    parsed = np.array([np.nan if (a := parse_amount(u)) is None else a for u in uniques],
                      dtype="float64")
    out = np.full(len(series), np.nan)
    known = codes >= 0
    out[known] = parsed[codes[known]]
    return pd.Series(out, index=series.index)


def parse_numbers(series: pd.Series) -> pd.Series:
    """Counts and sizes ('约120人', '50-199' -> midpoint, '1000+' -> 1000) as float."""
    if pd.api.types.is_numeric_dtype(series):
        return series.astype("float64")
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    values = np.array([_number(u) for u in uniques], dtype="float64")
    out = np.full(len(series), np.nan)
    known = codes >= 0
    out[known] = values[codes[known]]
    return pd.Series(out, index=series.index)


def _number(value) -> float:
    if isinstance(value, int | float | np.number) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, list | tuple):  # an employee band [min, max] from cleaning
        known = [float(v) for v in value if v is not None]
        return float(np.mean(known)) if known else np.nan
    text = unicodedata.normalize("NFKC", str(value))
    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text.replace(",", ""))]
    if not numbers:
        return np.nan
    if "万" in text:
        numbers = [n * 10000 for n in numbers]
    return float(np.mean(numbers[:2]))
