"""Survivorship rule names, labels and defaults: light (no pandas), so the Deduplicate page
can build its choices at start-up without loading the matching engine."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.i18n import QT_TRANSLATE_NOOP

MOST_RECENT = "most_recent"
MOST_COMPLETE = "most_complete"
MOST_FREQUENT = "most_frequent"
LONGEST = "longest"
SUM = "sum"

RULE_LABELS = {
    MOST_RECENT: QT_TRANSLATE_NOOP("dedup", "From the most recent record"),
    MOST_COMPLETE: QT_TRANSLATE_NOOP("dedup", "From the most complete record"),
    MOST_FREQUENT: QT_TRANSLATE_NOOP("dedup", "Most frequent value"),
    LONGEST: QT_TRANSLATE_NOOP("dedup", "Longest value"),
    SUM: QT_TRANSLATE_NOOP("dedup", "Sum over the records"),
}
RULE_LABELS_ZH = {
    MOST_RECENT: "取最近的记录",
    MOST_COMPLETE: "取最完整的记录",
    MOST_FREQUENT: "取出现最多的值",
    LONGEST: "取最长的值",
    SUM: "各记录相加",
}

# Sensible defaults: contact details and places move, so the newest record wins; a name or
# address is best in its fullest spelling; purchase counts come from the newest export.
DEFAULT_RULES = {
    "name": MOST_FREQUENT,
    "phone": MOST_RECENT,
    "email": MOST_RECENT,
    "company": LONGEST,
    "city": MOST_RECENT,
    "province": MOST_RECENT,
    "district": MOST_RECENT,
    "address": LONGEST,
    "industry": MOST_FREQUENT,
    "employees": MOST_RECENT,
    "first_purchase": MOST_RECENT,
    "last_purchase": MOST_RECENT,
    "orders": MOST_RECENT,
    "total_spent": MOST_RECENT,
    "consent": MOST_RECENT,
    "gender": MOST_FREQUENT,
    "birthday": MOST_FREQUENT,
    "notes": LONGEST,
}


@dataclass
class SurvivorshipRules:
    """Rule per field (role key or extra header); fields not listed use `default`.

    `purchases="sum"` says the sheets hold different purchases, so orders and total_spent add
    up instead of coming from the newest record. first_purchase then takes the earliest date.
    """

    rules: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_RULES))
    default: str = MOST_RECENT
    purchases: str = MOST_RECENT  # or "sum"

    def rule_for(self, name: str) -> str:
        if name in ("orders", "total_spent") and self.purchases == SUM:
            return SUM
        return self.rules.get(name, self.default)
