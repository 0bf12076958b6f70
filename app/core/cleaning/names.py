"""Person names: spacing, case, 'Last, First', honorifics to a salutation, a pinyin match key."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.cleaning.text import clean_text, has_cjk

# Honorifics moved out of the name into the salutation field; longest first.
ZH_HONORIFICS = ("小姐", "女士", "先生", "太太", "老师", "经理", "总经理", "总监", "博士", "教授",
                 "老板", "总")
EN_HONORIFICS = {"mr": "Mr.", "mrs": "Mrs.", "ms": "Ms.", "miss": "Miss", "dr": "Dr.",
                 "prof": "Prof.", "sir": "Sir", "mx": "Mx."}
COMPOUND_SURNAMES = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
                     "夏侯", "长孙", "宇文", "司徒", "端木", "轩辕", "澹台", "南宫", "西门"}
_EN_TITLE = re.compile(r"^(mr|mrs|ms|miss|dr|prof|sir|mx)\.?\s+", re.IGNORECASE)
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-.]*")


@dataclass(slots=True)
class NameResult:
    name: str | None = None
    salutation: str | None = None
    is_chinese: bool = False

    @property
    def value(self) -> str | None:
        return self.name


def _title_case(word: str) -> str:
    # O'Brien, Mary-Jane, McDonald stays as typed when mixed case.
    return "-".join("'".join(p[:1].upper() + p[1:].lower() for p in part.split("'"))
                    for part in word.split("-"))


def normalize_name(value: object) -> NameResult:
    text = clean_text(value)
    if text is None:
        return NameResult()
    if has_cjk(text):
        name = text.replace(" ", "")
        salutation = None
        for title in ZH_HONORIFICS:
            if name.endswith(title) and len(name) > len(title):
                name, salutation = name[: -len(title)], title
                break
        return NameResult(name, salutation, True)
    salutation = None
    match = _EN_TITLE.match(text)
    if match and len(text) > match.end():
        salutation = EN_HONORIFICS[match.group(1).lower()]
        text = text[match.end():]
    if text.count(",") == 1:  # "Zhang, Wei" / "Smith, John"
        last, first = (p.strip() for p in text.split(","))
        if last and first:
            text = f"{first} {last}"
    text = re.sub(r"\s*,\s*", " ", text).strip()
    if text.isupper() or text.islower():
        text = " ".join(_title_case(w) for w in text.split(" "))
    return NameResult(text, salutation, False)


def _pinyin_syllables(text: str) -> list[str]:
    from app.core.pinyin import lazy_pinyin

    return [s for s in lazy_pinyin(text, errors="ignore") if s]


def name_key(value: object) -> str:
    """A script-independent key: 张伟, 'Zhang Wei', 'Wei Zhang', 'ZHANG, Wei' -> 'wei zhang'.

    Chinese names become pinyin syllables; all names become sorted lower-case tokens, so the
    surname-first and given-name-first orders meet. 'Zhangwei' is split into syllables only
    through the Chinese path, so a run-together pinyin name keys as one token."""
    result = normalize_name(value)
    if not result.name:
        return ""
    if result.is_chinese:
        tokens = _pinyin_syllables(result.name)
        # Surname + given name: the given name's syllables join into one token ("xiao ming").
        cut = 2 if result.name[:2] in COMPOUND_SURNAMES and len(tokens) > 2 else 1
        tokens = ["".join(tokens[:cut]), "".join(tokens[cut:])] if len(tokens) > cut else tokens
    else:
        tokens = [w.lower().replace("'", "") for w in _LATIN_WORD.findall(result.name)]
        tokens = [t.strip(".-") for t in tokens if t.strip(".-")]
    return " ".join(sorted(tokens))
