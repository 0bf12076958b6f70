"""Text normaliser shared by every column: width, control characters, line breaks, spaces."""

from __future__ import annotations

import math
import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Control and format characters (zero-width spaces, BOM) that users cannot see but that break
# matching. Tabs and line breaks count as spaces; everything else in Cc/Cf is dropped.
_INVISIBLE: dict[int, None] | None = None  # built on first use


def _invisible_table() -> dict[int, None]:
    global _INVISIBLE
    if _INVISIBLE is None:
        table = {c: None for c in range(0x20) if c not in (9, 10, 13)}
        table.update({c: None for c in range(0x7F, 0xA0)})
        table.update({c: None for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)})
        _INVISIBLE = table
    return _INVISIBLE


def to_text(value: object) -> str | None:
    """A cell as text: None/NaN/'' -> None; 13800138000.0 -> '13800138000'."""
    if value is None or isinstance(value, bool):
        return None if value is None else str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            return str(int(value))
        return repr(value)
    text = str(value)
    return text if text.strip() else None


def clean_text(value: object) -> str | None:
    """NFKC (full-width letters/digits/punctuation to half-width, U+3000 and NBSP to spaces),
    invisible characters removed, line breaks and runs of spaces to one space, trimmed."""
    text = to_text(value)
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text)
    if text.isprintable() and "  " not in text:
        # Nothing invisible and no space but single U+0020 (every other space, tab, line
        # break and Cc/Cf character is unprintable), so the translate and the regex below
        # would change nothing: most cells of a big list, a third of Check's time skipped.
        return text.strip() or None
    text = _SPACES.sub(" ", text.translate(_invisible_table())).strip()
    return text or None


def fold(value: object) -> str:
    """A loose comparison form: clean_text, lower-case, no spaces at all."""
    text = clean_text(value)
    return text.replace(" ", "").lower() if text else ""


_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None
