"""Describe each cluster in words from what sets it apart from all customers.

Numeric features: the cluster's mean of the (log-)scaled value as a z-score against the
whole; |z| >= 0.5 earns a word ("高消费" / "High spending"). Categorical features: a value
that covers at least 40 % of the cluster and at least 1.5x its share overall earns
"多在广州" / "mostly Guangzhou" (city) or the value itself (industry). The strongest three
or four words make the description; the first two make the suggested (editable) name.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.core.fields import ROLE_LABELS, ROLE_LABELS_ZH
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.segments.clusters import FeatureMatrix

Z_THRESHOLD = 0.5
SHARE_MIN, LIFT_MIN = 0.4, 1.5
MAX_WORDS = 5

# feature -> ((zh high, en high), (zh low, en low))
NUMERIC_WORDS = {
    "monetary": (("高消费", QT_TRANSLATE_NOOP("personas", "high spending")),
                 ("低消费", QT_TRANSLATE_NOOP("personas", "low spending"))),
    "total_spent": (("高消费", QT_TRANSLATE_NOOP("personas", "high spending")),
                    ("低消费", QT_TRANSLATE_NOOP("personas", "low spending"))),
    "recency_days": (("久未购买", QT_TRANSLATE_NOOP("personas", "long inactive")),
                     ("近期活跃", QT_TRANSLATE_NOOP("personas", "recently active"))),
    "frequency": (("高频购买", QT_TRANSLATE_NOOP("personas", "frequent buyers")),
                  ("购买次数少", QT_TRANSLATE_NOOP("personas", "few orders"))),
    "orders": (("高频购买", QT_TRANSLATE_NOOP("personas", "frequent buyers")),
               ("购买次数少", QT_TRANSLATE_NOOP("personas", "few orders"))),
    "employees": (("大企业", QT_TRANSLATE_NOOP("personas", "large companies")),
                  ("小微企业", QT_TRANSLATE_NOOP("personas", "small businesses"))),
    "lead_score": (("高意向", QT_TRANSLATE_NOOP("personas", "hot leads")),
                   ("低意向", QT_TRANSLATE_NOOP("personas", "cold leads"))),
}
INDUSTRY_EN = {
    "制造业": "manufacturing", "零售": "retail", "餐饮": "catering", "教育培训": "education",
    "互联网": "internet", "医疗健康": "healthcare", "金融": "finance", "房地产": "real estate",
    "物流": "logistics", "美容美发": "beauty salons",
}


@dataclass
class Persona:
    cluster: int
    size: int
    words_zh: list[str]
    words_en: list[str]
    description_zh: str
    description_en: str
    name_zh: str
    name_en: str
    z_scores: dict[str, float]

    def description(self, lang: str = "en") -> str:
        return self.description_zh if lang == "zh" else self.description_en

    def name(self, lang: str = "en") -> str:
        return self.name_zh if lang == "zh" else self.name_en


def _latin(value: str) -> str:
    """English rendering of a Chinese place name: pinyin, capitalised (广州 -> Guangzhou)."""
    if value.isascii():
        return value
    from app.core.pinyin import lazy_pinyin

    return "".join(lazy_pinyin(value.removesuffix("市"))).capitalize()


def _label(feature: str, lang: str) -> str:
    if lang == "zh":
        return ROLE_LABELS_ZH.get(feature, feature)
    return ROLE_LABELS.get(feature, feature.replace("_", " ")).lower()


def _numeric_word(feature: str, high: bool) -> tuple[str, str]:
    if feature in NUMERIC_WORDS:
        return NUMERIC_WORDS[feature][0 if high else 1]
    zh, en = _label(feature, "zh"), _label(feature, "en")
    return (f"{zh}{'高' if high else '低'}", f"{'high' if high else 'low'} {en}")


def _category_word(feature: str, value: str) -> tuple[str, str]:
    if feature in ("city", "province", "district"):
        return f"多在{value}", f"mostly {_latin(value)}"
    if feature == "industry":
        return value, INDUSTRY_EN.get(value, value)
    return (f"{_label(feature, 'zh')}多为{value}", f"mostly {_label(feature, 'en')} {value}")


def describe_clusters(features: FeatureMatrix, labels: np.ndarray) -> list[Persona]:
    """One Persona per cluster, in cluster order."""
    personas = []
    k = int(labels.max()) + 1 if len(labels) else 0
    scaled = {name: features.X[:, i] for i, name in enumerate(features.columns)
              if name in features.numeric}
    for cluster in range(k):
        member = labels == cluster
        size = int(member.sum())
        candidates: list[tuple[float, str, str]] = []
        z_scores = {}
        for name, column in scaled.items():
            z = float(column[member].mean()) if size else 0.0  # columns are z-scaled already
            z_scores[name] = round(z, 2)
            if abs(z) >= Z_THRESHOLD:
                zh, en = _numeric_word(name, z > 0)
                candidates.append((abs(z), zh, en))
        numeric_count = len(candidates)
        for name, text in features.categorical.items():
            inside = text[member]
            values, counts = np.unique(inside[inside != ""], return_counts=True)
            if not len(values):
                continue
            top = int(np.argmax(counts))
            share = counts[top] / size
            overall = float((text == values[top]).mean())
            if share >= SHARE_MIN and overall > 0 and share / overall >= LIFT_MIN:
                zh, en = _category_word(name, str(values[top]))
                # Rank a category's lift on the same footing as a z-score.
                candidates.append((min(share / overall, 4.0) / 2, zh, en))
        # Keep the strongest words, then say behaviour (numbers) before place and trade,
        # as in "高消费、近期活跃、多在广州、制造业".
        strongest = sorted(range(len(candidates)), key=lambda i: -candidates[i][0])[:MAX_WORDS]
        words = [candidates[i] for i in sorted(strongest, key=lambda i: (i >= numeric_count,
                                                                         -candidates[i][0]))]
        words_zh = [w[1] for w in words]
        words_en = [w[2] for w in words]
        if words:
            text_zh, text_en = "、".join(words_zh), ", ".join(words_en)
            name_zh = "·".join(words_zh[:2])
            name_en = " · ".join(words_en[:2])
            name_en = name_en[0].upper() + name_en[1:]
        else:
            text_zh, text_en = "与整体接近", "close to the average"
            name_zh, name_en = "普通客户", "Typical customers"
        personas.append(Persona(
            cluster=cluster, size=size, words_zh=words_zh, words_en=words_en,
            description_zh=f"{text_zh} — {size} 位客户",
            description_en=f"{text_en[0].upper()}{text_en[1:]} — {size} customers",
            name_zh=name_zh, name_en=name_en, z_scores=z_scores,
        ))
    return personas


def cluster_profile(features: FeatureMatrix, labels: np.ndarray):
    """Mean scaled value of each X column per cluster (rows = clusters), for the heatmap."""
    import pandas as pd

    k = int(labels.max()) + 1 if len(labels) else 0
    rows = [features.X[labels == c].mean(axis=0) for c in range(k)]
    return pd.DataFrame(rows, columns=features.columns, index=pd.RangeIndex(k, name="cluster"))
