"""Clustering keys, OpenRefine style, plus Chinese-aware ones.

fingerprint and ngram_fingerprint reproduce OpenRefine's keyers of those names
(FingerprintKeyer, NGramFingerprintKeyer): trim, lower-case, ASCII-fold, strip punctuation
and control characters, then sorted unique tokens (or character n-grams).
"""

from __future__ import annotations

import re
import unicodedata

from app.core.cleaning.text import has_cjk

# Ported from OpenRefine's FingerprintKeyer / NGramFingerprintKeyer (main/src/com/google/
# refine/clustering/binning), so a cluster here is the cluster a user saw in OpenRefine.
# \p{Punct} with UNICODE_CHARACTER_CLASS is Unicode punctuation (P*); the control characters
# are C0/C1 except the whitespace ones (TAB, LF, VT, FF, CR, NEL), which split words.
_CONTROLS = "[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]"
def _diacritic(ch: str) -> bool:
    # \p{InCombiningDiacriticalMarks} (the U+0300 block only), Lm modifier letters, Sk symbols
    return "\u0300" <= ch <= "\u036f" or unicodedata.category(ch) in ("Lm", "Sk")


_NONDIACRITICS = {"ß": "ss", "æ": "ae", "ø": "oe", "å": "aa", "©": "c", "\u00f0": "d",
                  "\u0111": "d", "\u0256": "d", "\u00fe": "th", "ƿ": "w", "\u0127": "h",
                  "\u0131": "i", "\u0138": "k", "\u0142": "l", "\u014b": "n", "\u017f": "s",
                  "\u0167": "t", "œ": "oe", "ẜ": "s", "ẝ": "s"}
# Java's \s with UNICODE_CHARACTER_CLASS is White_Space; Guava's CharMatcher.whitespace()
# (the trim) is the same set for these purposes.
_WHITESPACE_CHARS = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002"
                     "\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f"
                     "\u205f\u3000")
_WHITESPACE = re.compile(f"[{re.escape(_WHITESPACE_CHARS)}]+")


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def _normalize(s: str) -> str:
    """FingerprintKeyer.normalize(s, strong=true)."""
    s = s.strip(_WHITESPACE_CHARS).lower()
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not _diacritic(ch))
    s = "".join(_NONDIACRITICS.get(ch, ch) for ch in s)
    return re.sub(_CONTROLS, "", "".join(ch for ch in s if not _is_punct(ch)))


def fingerprint(s: str) -> str:
    """OpenRefine's fingerprint key: normalized words, sorted, unique, joined by a space."""
    return " ".join(sorted({t for t in _WHITESPACE.split(_normalize(s)) if t}))


def ngram_fingerprint(s: str, n: int = 2) -> str:
    """OpenRefine's n-gram fingerprint: normalized, whitespace and controls removed, sorted
    unique character n-grams joined together."""
    text = re.sub(r"[\x00-\x1f\x7f-\x9f]", "", _WHITESPACE.sub("", _normalize(s)))
    return "".join(sorted({text[i:i + n] for i in range(len(text) - n + 1)}))


def pinyin_key(s: str) -> str:
    """Chinese and its pinyin meet: 广州 / 廣州 / Guangzhou / guang zhou -> 'guangzhou';
    the 市 and 省 suffixes are dropped (广东省 / Guangdong -> 'guangdong')."""
    from app.core.cleaning.geo import to_simplified
    from app.core.pinyin import lazy_pinyin

    text = unicodedata.normalize("NFKC", s).strip().lower()
    if has_cjk(text):
        text = to_simplified(text).removesuffix("市")
        if len(text) > 2:  # 广东省, not a two-character name
            text = text.removesuffix("省")
        text = "".join(lazy_pinyin(text))
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", folded)
