"""CSV / TSV / TXT tables: encoding, delimiter and decimal convention found without asking,
records (not lines) counted, each record numbered by the line where it starts."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

SAMPLE_BYTES = 256 * 1024
DELIMITERS = (",", ";", "\t", "|")
MAX_FIELD = 16 * 1024 * 1024

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Chinese Excel saves "CSV (逗号分隔)" in the ANSI code page, GBK; GB18030 is its superset.
_CHINESE = {"gb2312", "gbk", "gb18030", "hz", "cp936", "big5", "big5hkscs", "cp950"}


@dataclass
class TextFormat:
    encoding: str  # a Python codec name
    delimiter: str
    decimal: str  # "." or ","
    bom: bool = False


def _trim_to_whole_line(sample: bytes, encoding_is_wide: bool) -> bytes:
    if encoding_is_wide:
        return sample
    cut = sample.rfind(b"\n")
    return sample[: cut + 1] if cut > 0 else sample


def detect_encoding(raw: bytes) -> tuple[str, bool]:
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name, True
    sample = _trim_to_whole_line(raw, False)
    try:
        sample.decode("utf-8")
        return "utf-8", False
    except UnicodeDecodeError as exc:
        # A sample cut mid-character near its end is still UTF-8.
        if exc.start > len(sample) - 4:
            return "utf-8", False
    best = from_bytes(sample).best()
    name = (best.encoding if best else "gb18030").lower().replace("-", "_")
    if name in _CHINESE or name.startswith("gb"):
        return ("big5" if name.startswith("big5") or name == "cp950" else "gb18030"), False
    if best is None:
        return "gb18030", False
    return codecs.lookup(best.encoding).name, False


def _records(text: str, delimiter: str, limit: int) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out = []
    try:
        for record in reader:
            out.append(record)
            if len(out) >= limit:
                break
    except csv.Error:
        pass
    return out


def detect_delimiter(text: str, suffix: str) -> str:
    """The delimiter that splits the sample into the most consistent, widest records."""
    best, best_score = ("\t" if suffix in (".tsv", ".tab", ".txt") else ","), 0.0
    for delimiter in DELIMITERS:
        records = [r for r in _records(text, delimiter, 60) if any(c.strip() for c in r)]
        if not records:
            continue
        widths = [len(r) for r in records]
        common = max(set(widths), key=widths.count)
        if common < 2:
            continue
        score = common * widths.count(common) / len(widths)
        if score > best_score:
            best, best_score = delimiter, score
    return best


_COMMA_DECIMAL = re.compile(r"^-?\d{1,3}(\.\d{3})*,\d+$|^-?\d+,\d+$")
_POINT_DECIMAL = re.compile(r"^-?\d{1,3}(,\d{3})*\.\d+$|^-?\d+\.\d+$")


def detect_decimal(text: str, delimiter: str) -> str:
    if delimiter == ",":
        return "."  # a comma decimal would need quotes everywhere; Excel never writes that
    comma = point = 0
    for record in _records(text, delimiter, 200):
        for cell in record:
            cell = cell.strip()
            if _COMMA_DECIMAL.match(cell):
                comma += 1
            elif _POINT_DECIMAL.match(cell):
                point += 1
    return "," if comma > point else "."


def detect_format(path: Path) -> TextFormat:
    with open(path, "rb") as fh:
        raw = fh.read(SAMPLE_BYTES)
    encoding, bom = detect_encoding(raw)
    text = raw.decode(encoding, errors="replace")
    if len(raw) == SAMPLE_BYTES:
        text = text[: text.rfind("\n") + 1] or text
    delimiter = detect_delimiter(text, path.suffix.lower())
    return TextFormat(encoding, delimiter, detect_decimal(text, delimiter), bom)


def iter_records(path: Path, fmt: TextFormat) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, fields) for every record, blank ones included."""
    with open(path, encoding=fmt.encoding, errors="replace", newline="") as fh:
        reader = csv.reader(fh, delimiter=fmt.delimiter)
        start = 1
        for record in reader:
            yield start, record
            start = reader.line_num + 1


# --- values: text cells become numbers/dates only where that loses nothing -------------

_INT = re.compile(r"^-?(0|[1-9]\d{0,14})$")
_DEC_POINT = re.compile(r"^-?(0|[1-9]\d{0,2}(,\d{3})+|[1-9]\d{0,14})\.\d+$|^-?[1-9]\d{0,2}(,\d{3})+$")
_DEC_COMMA = re.compile(r"^-?(0|[1-9]\d{0,2}(\.\d{3})+|[1-9]\d{0,14}),\d+$|^-?[1-9]\d{0,2}(\.\d{3})+$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$")
_DOT_DATE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")


def make_converter(decimal: str):
    """A function text -> value: '' -> None; plain numbers -> int/float (never when that
    would drop a leading zero or a '+', or exceed 15 digits); ISO and dd.mm.yyyy dates ->
    date/datetime (what the spreadsheet held as real dates); everything else unchanged."""
    dec_re = _DEC_COMMA if decimal == "," else _DEC_POINT
    group, point = (".", ",") if decimal == "," else (",", ".")

    def convert(text: str):
        if text == "":
            return None
        first = text[0]
        if not (first.isdigit() or first == "-") or text[-1] == " ":
            return text
        if _INT.match(text):
            return int(text)
        if dec_re.match(text):
            try:
                return float(text.replace(group, "").replace(point, "."))
            except ValueError:
                return text
        if len(text) == 10:
            m = _ISO_DATE.match(text) or None
            try:
                if m:
                    return dt.date(int(m[1]), int(m[2]), int(m[3]))
                m = _DOT_DATE.match(text)
                if m:
                    return dt.date(int(m[3]), int(m[2]), int(m[1]))
            except ValueError:
                return text
        elif 16 <= len(text) <= 19:
            m = _ISO_DATETIME.match(text)
            if m:
                try:
                    return dt.datetime(*(int(g) for g in m.groups(default="0")))
                except ValueError:
                    return text
        return text

    return convert
