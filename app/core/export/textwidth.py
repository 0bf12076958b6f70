"""Display width and byte-length helpers shared by the writers."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns a text takes on screen: CJK and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def clip_bytes(text: str, limit: int, encoding: str = "utf-8") -> str:
    """The longest prefix of `text` whose encoding fits in `limit` bytes (never half a char)."""
    data = text.encode(encoding)
    if len(data) <= limit:
        return text
    return data[:limit].decode(encoding, errors="ignore")
