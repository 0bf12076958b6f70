"""Clustering keys, OpenRefine style, plus Chinese-aware ones.

fingerprint and ngram_fingerprint reproduce OpenRefine's keyers of those names
(FingerprintKeyer, NGramFingerprintKeyer): trim, lower-case, ASCII-fold, strip punctuation
and control characters, then sorted unique tokens (or character n-grams).
"""

from __future__ import annotations

import re
import unicodedata

from app.core.cleaning.text import has_cjk

# OpenRefine: punctuation and control characters removed (\p{Punct} and \p{Cntrl}).
_PUNCT_CTRL = re.compile(r"[\x00-\x1f\x7f!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]")
_WHITESPACE = re.compile(r"\s+")


def _ascii_fold(text: str) -> str:
    # OpenRefine folds accented Latin letters to ASCII; other scripts are kept as they are.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fingerprint(s: str) -> str:
    text = _ascii_fold(s.strip().lower())
    text = _PUNCT_CTRL.sub("", text)
    return " ".join(sorted(set(t for t in _WHITESPACE.split(text) if t)))


def ngram_fingerprint(s: str, n: int = 2) -> str:
    text = _ascii_fold(s.lower())
    text = _PUNCT_CTRL.sub("", text)
    text = _WHITESPACE.sub("", text)
    grams = sorted({text[i:i + n] for i in range(len(text) - n + 1)})
    return "".join(grams)


def pinyin_key(s: str) -> str:
    """Chinese and its pinyin meet: 广州 / 廣州 / Guangzhou / guang zhou -> 'guangzhou'."""
    from pypinyin import lazy_pinyin

    from app.core.cleaning.geo import to_simplified

    text = unicodedata.normalize("NFKC", s).strip().lower()
    if has_cjk(text):
        text = to_simplified(text).removesuffix("市")
        text = "".join(lazy_pinyin(text))
    return re.sub(r"[^a-z0-9]", "", _ascii_fold(text))
