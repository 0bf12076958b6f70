"""Who may receive a mailing: consent first, then the suppression list (always applied), then
what the channel needs (a valid email, a mobile number, a postal address).

Nobody is dropped silently: every left-out customer carries its reasons.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from app.core.export.consent import interpret_consent
from app.core.export.contacts import (
    email_key,
    is_fake_value,
    is_mobile,
    normalize_email,
    normalize_phone,
    phone_key,
)
from app.core.export.suppression import SuppressionList
from app.core.export.table import is_blank
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.progress import ProgressFn, check_cancel, no_progress

CHANNELS = ("email", "sms", "mail", "any")
# First reason wins when a customer has several; the order is "most important to know".
REASON_ORDER = (
    "suppressed",
    "erased_hash_match",
    "no_consent",
    "unknown_consent",
    "fake_value",
    "no_email",
    "invalid_phone",
    "no_address",
)
OVERRIDE_NO_CONSENT = QT_TRANSLATE_NOOP(
    "export", "{count} people who refused marketing were included on request."
)
OVERRIDE_UNKNOWN = QT_TRANSLATE_NOOP(
    "export", "{count} people whose consent is unknown were included."
)
_FAKE_EMAIL_LOCAL = {"test", "asdf", "abc", "xxx", "none", "null", "na", "noreply", "no-reply"}


def _looks_fake_email(email: str) -> bool:
    local, _, domain = email.partition("@")
    return local in _FAKE_EMAIL_LOCAL and domain.split(".")[0] in _FAKE_EMAIL_LOCAL | {"test"}


def _looks_fake_phone(e164: str) -> bool:
    digits = e164.lstrip("+")
    national = digits[2:] if digits.startswith("86") else digits
    return len(set(national)) == 1 or bool(re.fullmatch(r"1\d{2}0{8}", national)) or national in (
        "12345678901", "13812345678", "01234567890")


def _values(row: pd.Series, key: str, alt: str) -> list:
    values = [row.get(key)]
    extra = row.get(alt)
    if isinstance(extra, list | tuple):
        values += list(extra)
    return [v for v in values if not is_blank(v)]


@dataclass
class Selection:
    kept: pd.DataFrame
    left_out: pd.DataFrame  # the customers' columns plus `reason` (first) and `reasons` (all)
    channel: str
    warnings: list[str] = field(default_factory=list)
    included_no_consent: list = field(default_factory=list)  # customer_ids, for the log

    def counts(self) -> dict[str, int]:
        return dict(Counter(self.left_out["reason"])) if len(self.left_out) else {}


def leave_out_reasons(
    row: pd.Series,
    *,
    channel: str,
    include_unknown_consent: bool,
    include_no_consent: bool,
    suppression: SuppressionList | None,
) -> list[str]:
    reasons: set[str] = set()
    flags = row.get("flags") if isinstance(row.get("flags"), dict) else {}
    emails = [e for e in (email_key(v) for v in _values(row, "email", "alt_emails")) if e]
    phones = [p for p in (phone_key(v) for v in _values(row, "phone", "alt_phones")) if p]
    if suppression is not None:
        if any(suppression.match_email(e) for e in emails) or any(
            suppression.match_phone(p) for p in phones
        ):
            reasons.add("suppressed")
        if suppression.matches_erased(emails, phones):
            reasons.add("erased_hash_match")
    consent = interpret_consent(row.get("consent"))
    if consent is False and not include_no_consent:
        reasons.add("no_consent")
    if consent is None and not include_unknown_consent:
        reasons.add("unknown_consent")
    email = normalize_email(row.get("email"))
    phone = normalize_phone(row.get("phone"))
    if channel == "email":
        raw = row.get("email")
        if flags.get("email") == "fake" or is_fake_value("email", raw) or (
            email and _looks_fake_email(email)
        ):
            reasons.add("fake_value")
        elif not email:
            reasons.add("no_email")
    elif channel == "sms":
        raw = row.get("phone")
        if flags.get("phone") == "fake" or is_fake_value("phone", raw) or (
            phone and _looks_fake_phone(phone)
        ):
            reasons.add("fake_value")
        elif not is_mobile(phone):
            reasons.add("invalid_phone")
    elif channel == "mail":
        if flags.get("address") == "fake" or flags.get("name") == "fake":
            reasons.add("fake_value")
        elif is_blank(row.get("address")):
            reasons.add("no_address")
    return [r for r in REASON_ORDER if r in reasons]


def select_recipients(
    customers: pd.DataFrame,
    *,
    channel: str = "email",
    include_unknown_consent: bool = False,
    include_no_consent: bool = False,
    suppression: SuppressionList | None = None,
    progress: ProgressFn | None = None,
    cancel=None,
) -> Selection:
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    progress = progress or no_progress
    kept_idx, out_idx, first, every, overridden, unknown_in = [], [], [], [], [], 0
    total = max(len(customers), 1)
    for n, (idx, row) in enumerate(customers.iterrows()):
        if n % 200 == 0:
            check_cancel(cancel)
            progress(n / total, "")
        reasons = leave_out_reasons(
            row,
            channel=channel,
            include_unknown_consent=include_unknown_consent,
            include_no_consent=include_no_consent,
            suppression=suppression,
        )
        if reasons:
            out_idx.append(idx)
            first.append(reasons[0])
            every.append(reasons)
            continue
        kept_idx.append(idx)
        consent = interpret_consent(row.get("consent"))
        if consent is False:
            overridden.append(row.get("customer_id"))
        elif consent is None:
            unknown_in += 1
    left_out = customers.loc[out_idx].copy()
    left_out["reason"] = first
    left_out["reasons"] = every
    selection = Selection(customers.loc[kept_idx].copy(), left_out, channel)
    selection.included_no_consent = overridden
    if overridden:
        selection.warnings.append(OVERRIDE_NO_CONSENT.format(count=len(overridden)))
    if unknown_in:
        selection.warnings.append(OVERRIDE_UNKNOWN.format(count=unknown_in))
    progress(1.0, "")
    return selection


def flag_erased_matches(customers: pd.DataFrame, suppression: SuppressionList) -> list:
    """customer_ids whose email or phone hashes to an erased person (for the import to flag)."""
    found = []
    for _, row in customers.iterrows():
        emails = [e for e in (email_key(v) for v in _values(row, "email", "alt_emails")) if e]
        phones = [p for p in (phone_key(v) for v in _values(row, "phone", "alt_phones")) if p]
        if suppression.matches_erased(emails, phones):
            found.append(row.get("customer_id"))
    return found
