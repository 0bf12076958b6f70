"""Reasons in words: which fields agreed, which disagreed, and how much each counted."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.fields import ROLE_LABELS, ROLE_LABELS_ZH
from app.core.i18n import QT_TRANSLATE_NOOP

EXTRA_LABELS = {
    "postcode": (QT_TRANSLATE_NOOP("dedup", "Postcode"), "邮编"),
    "id_number": (QT_TRANSLATE_NOOP("dedup", "ID number"), "证件号"),
}

LEVEL_ZH = {
    "different": "不同",
    "somewhat similar": "有些相似",
    "very similar": "非常相似",
    "same in pinyin": "拼音相同",
    "identical": "相同",
    "same company domain": "同一公司域名",
    "nearly identical": "几乎相同",
    "one character apart": "只差一个字符",
    "missing": "缺失",
}

STRENGTH = (
    (4.0, QT_TRANSLATE_NOOP("dedup", "strong evidence of the same person"), "强烈表明是同一人"),
    (1.0, QT_TRANSLATE_NOOP("dedup", "some evidence of the same person"), "有些表明是同一人"),
    (-1.0, QT_TRANSLATE_NOOP("dedup", "counts little"), "影响很小"),
    (-4.0, QT_TRANSLATE_NOOP("dedup", "some evidence of different people"), "有些表明是不同的人"),
    (float("-inf"), QT_TRANSLATE_NOOP("dedup", "strong evidence of different people"), "强烈表明是不同的人"),
)
COMMON_VALUE = (QT_TRANSLATE_NOOP("dedup", "a common value, so it counts less"), "常见值，权重降低")
REASON_TEMPLATE = QT_TRANSLATE_NOOP("dedup", "{field}: {level} ({strength})")


@dataclass(frozen=True)
class Reason:
    """One field's contribution to a pair's score."""

    field: str  # role key (or postcode / id_number)
    level: str  # English level label, marked for translation in compare.py
    weight: float  # natural-log Bayes factor: > 0 for the same person, < 0 against
    common_value: bool = False  # the term-frequency adjustment lowered it

    @property
    def agrees(self) -> bool:
        return self.weight > 0

    def strength(self, lang: str = "en") -> str:
        for cut, en, zh in STRENGTH:
            if self.weight >= cut:
                return zh if lang == "zh" else en
        return ""

    def text(self, lang: str = "en", translate=None) -> str:
        """E.g. "Phone: identical (strong evidence of the same person)" or its Chinese."""
        if lang == "zh":
            field = ROLE_LABELS_ZH.get(self.field) or EXTRA_LABELS.get(self.field, ("", self.field))[1]
            text = f"{field}：{LEVEL_ZH.get(self.level, self.level)}（{self.strength('zh')}"
            if self.common_value:
                text += f"；{COMMON_VALUE[1]}"
            return text + "）"
        tr = translate or (lambda s: s)
        field = ROLE_LABELS.get(self.field) or EXTRA_LABELS.get(self.field, (self.field,))[0]
        strength = tr(self.strength("en"))
        if self.common_value:
            strength += "; " + tr(COMMON_VALUE[0])
        return tr(REASON_TEMPLATE).format(field=tr(field), level=tr(self.level), strength=strength)


def reasons_for(labels_per_field, levels_row, weights_row, common_row) -> list[Reason]:
    """Reasons for one pair, strongest first; fields missing on either side are left out."""
    found = []
    for (field, labels), level, weight, common in zip(
        labels_per_field, levels_row, weights_row, common_row, strict=True
    ):
        if level < 0:
            continue
        found.append(Reason(field, labels[level], round(float(weight), 2), bool(common)))
    return sorted(found, key=lambda r: -abs(r.weight))


def summary(reasons: list[Reason], lang: str = "en", translate=None) -> str:
    """All reasons of a pair in one line."""
    sep = "；" if lang == "zh" else "; "
    return sep.join(r.text(lang, translate) for r in reasons)
