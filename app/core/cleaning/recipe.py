"""Recipes: the rules a user applied, keyed by column role (not header text), saved as JSON so
next month's file with renamed headers is cleaned in one click."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

RECIPE_VERSION = 1


@dataclass
class Recipe:
    name: str
    rules: list[str] = field(default_factory=list)  # rule ids in the order applied
    region: str = "CN"
    date_order: str | None = None  # "dmy" | "mdy" | None (inferred per column)
    version: int = RECIPE_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Recipe:
        data = json.loads(text)
        known = {k: data[k] for k in ("name", "rules", "region", "date_order", "version") if k in data}
        return cls(**known)

    def plan_for(self, customers, **kwargs):
        from app.core.cleaning.plan import suggest_fixes

        return suggest_fixes(customers, region=self.region, date_order=self.date_order,
                             only=self.rules or None, **kwargs)
