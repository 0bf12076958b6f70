"""Email-platform presets: CSV files whose headers the platform maps on its own.

Rules, from each platform's import guide:
- Mailchimp: "Email Address" required, one per contact, no special characters before the @;
  text fields hold at most 255 bytes (a Chinese character is 3 bytes in UTF-8) and are
  clipped on import, so we clip here and say so; the address sits in one cell with its parts
  separated by two spaces and the country last; UTF-8 file.
- HubSpot: contacts are de-duplicated by "Email", so a row without one is skipped; headers
  named after the default properties (First Name, Last Name, Phone Number, Company Name,
  City, State/Region, Street Address); UTF-8 file.
- Brevo: EMAIL, FIRSTNAME, LASTNAME, SMS; a contact needs an EMAIL or an SMS; SMS numbers
  with "+" and the country code, no spaces or dashes (E.164); UTF-8 file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from app.core.export.contacts import is_mobile, normalize_email, normalize_phone
from app.core.export.csv_writer import write_table_csv
from app.core.export.names import split_name
from app.core.export.report import ExportReport, RowIssue
from app.core.export.table import Table, as_text, cell, header_for, plain
from app.core.export.textwidth import clip_bytes, has_cjk
from app.core.progress import ProgressFn, check_cancel


@dataclass
class Person:
    """One customer's values as the presets need them."""

    row: pd.Series
    email: str | None
    phone: str | None
    family: str
    given: str
    tags: Sequence[str]

    def text(self, key: str) -> str:
        return as_text(cell(self.row, key)).strip()


def _address_two_spaces(p: Person) -> str:
    parts = [p.text("address"), f"{p.text('district')}".strip(), p.text("city"), p.text("province")]
    parts = [x for x in parts if x]
    if parts and any(has_cjk(x) for x in parts):
        parts.append("China")
    return "  ".join(dict.fromkeys(parts))


def _street(p: Person) -> str:
    return " ".join(x for x in (p.text("district"), p.text("address")) if x)


Field = tuple[str, Callable[[Person], str]]


@dataclass(frozen=True)
class PlatformPreset:
    key: str
    title: str
    fields: tuple[Field, ...]
    needs: str  # "email" or "email_or_sms"
    byte_limit: int | None = None


MAILCHIMP = PlatformPreset(
    "mailchimp",
    "Mailchimp",
    (
        ("Email Address", lambda p: p.email or ""),
        ("First Name", lambda p: p.given),
        ("Last Name", lambda p: p.family),
        ("Phone Number", lambda p: p.phone or ""),
        ("Address", _address_two_spaces),
        ("Company", lambda p: p.text("company")),
        ("Tags", lambda p: ",".join(p.tags)),
    ),
    needs="email",
    byte_limit=255,
)
HUBSPOT = PlatformPreset(
    "hubspot",
    "HubSpot",
    (
        ("Email", lambda p: p.email or ""),
        ("First Name", lambda p: p.given),
        ("Last Name", lambda p: p.family),
        ("Phone Number", lambda p: p.phone or ""),
        ("Company Name", lambda p: p.text("company")),
        ("City", lambda p: p.text("city")),
        ("State/Region", lambda p: p.text("province")),
        ("Street Address", _street),
    ),
    needs="email",
)
BREVO = PlatformPreset(
    "brevo",
    "Brevo",
    (
        ("EMAIL", lambda p: p.email or ""),
        ("FIRSTNAME", lambda p: p.given),
        ("LASTNAME", lambda p: p.family),
        ("SMS", lambda p: p.phone if is_mobile(p.phone) else ""),
    ),
    needs="email_or_sms",
)
PRESETS = {p.key: p for p in (MAILCHIMP, HUBSPOT, BREVO)}

_ASCII_LOCAL = re.compile(r"[\x21-\x7e]+@")


def _person(row: pd.Series, tags: Sequence[str]) -> Person:
    family, given = split_name(row.get("name"))
    own = row.get("tags")
    all_tags = list(tags) + ([str(t) for t in own] if isinstance(own, list | tuple) else [])
    return Person(row, normalize_email(row.get("email")), normalize_phone(row.get("phone")),
                  family, given, list(dict.fromkeys(all_tags)))


def prepare_platform(
    customers: pd.DataFrame,
    platform: str,
    columns: Sequence[str] = (),
    *,
    tags: Sequence[str] = (),
    cancel=None,
) -> tuple[Table, ExportReport]:
    """The rows the platform file will hold, and what was skipped or shortened (no writing)."""
    preset = PRESETS[platform]
    headers = [h for h, _ in preset.fields] + [header_for(k, "en") for k in columns]
    report = ExportReport(path=None, format=platform, columns=headers)
    rows, ids, seen = [], [], set()
    for n, (_, row) in enumerate(customers.iterrows()):
        if n % 500 == 0:
            check_cancel(cancel)
        p = _person(row, tags)
        cid = plain(row.get("customer_id"))
        sms_ok = is_mobile(p.phone)
        if preset.needs == "email" and not p.email:
            report.skipped.append(RowIssue(cid, "no_email", headers[0]))
            continue
        if preset.needs == "email_or_sms" and not (p.email or sms_ok):
            report.skipped.append(RowIssue(cid, "no_contact"))
            continue
        if platform == "mailchimp" and not _ASCII_LOCAL.match(p.email or ""):
            report.skipped.append(RowIssue(cid, "email_not_accepted", headers[0], p.email or ""))
            continue
        if p.email and p.email in seen:
            report.skipped.append(RowIssue(cid, "duplicate_email", headers[0], p.email))
            continue
        seen.add(p.email)
        values = [build(p) for _, build in preset.fields] + [p.text(k) for k in columns]
        if preset.byte_limit:
            for i, value in enumerate(values):
                clipped = clip_bytes(value, preset.byte_limit)
                if clipped != value:
                    report.shortened.append(RowIssue(cid, "byte_limit", headers[i],
                                                     f"{len(value.encode())} bytes"))
                    values[i] = clipped
        rows.append(values)
        ids.append(cid)
    keys = [h for h, _ in preset.fields] + list(columns)
    return Table(headers, keys, rows, ids), report


def write_platform_csv(
    customers: pd.DataFrame,
    path: str | os.PathLike,
    platform: str,
    columns: Sequence[str] = (),
    *,
    tags: Sequence[str] = (),
    progress: ProgressFn | None = None,
    cancel=None,
) -> ExportReport:
    table, prepared = prepare_platform(customers, platform, columns, tags=tags, cancel=cancel)
    written = write_table_csv(
        table, path, fmt=platform, encoding="utf-8", progress=progress, cancel=cancel
    )
    written.skipped, written.shortened = prepared.skipped, prepared.shortened
    return written
