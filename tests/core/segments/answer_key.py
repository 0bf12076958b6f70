"""Build the inputs of the orders answer-key test without the dedup area: customers from the
key's persons (current phone, old phones as alt_phones, e-mail) and lines from orders.xlsx."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd


def load_key(samples: Path) -> tuple[dict, dict]:
    orders = json.loads((samples / "answers" / "orders.answers.json").read_text("utf-8"))
    customers = json.loads((samples / "answers" / "customers.answers.json").read_text("utf-8"))
    return orders, customers


def customers_from_persons(persons: dict) -> pd.DataFrame:
    rows = []
    for number, (pid, person) in enumerate(sorted(persons.items()), start=1):
        current = person.get("current_phone")
        rows.append({
            "customer_id": number,
            "person_id": pid,
            "name": person.get("name"),
            "phone": current,
            "email": person.get("email"),
            "city": person.get("city"),
            "industry": person.get("industry"),
            "alt_phones": [p for p in person.get("phones") or [] if p != current],
            "alt_emails": [],
        })
    return pd.DataFrame(rows)


def orders_sheet(samples: Path, sheet: str = "订单明细") -> pd.DataFrame:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(samples / "orders.xlsx")).get_sheet_by_name(
        sheet).to_python()
    return pd.DataFrame(rows[1:], columns=rows[0])
