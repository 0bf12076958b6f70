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
    fast_email,
    fast_phone,
    is_fake_value,
    is_mobile,
    normalize_email,
    normalize_phone,
    phone_key,
)
from app.core.export.suppression import SuppressionList, hash_key
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


class _Lookups:
    """Per-distinct-value caches: a list repeats the same consent words, cities, fake numbers
    and (after merges) identifiers, and normalising a phone or email costs ~0.3 ms, so each
    distinct value is normalised once (100k rows: ~120 s -> a few seconds)."""

    def __init__(self, suppression: SuppressionList | None) -> None:
        self.suppression = suppression
        self._email: dict = {}
        self._phone: dict = {}
        self._consent: dict = {}
        self._fake: dict = {}
        self._erased: dict = {}
        self._mobile: dict = {}

    @staticmethod
    def _get(cache: dict, value, compute):
        try:
            return cache[value]
        except KeyError:
            result = cache[value] = compute(value)
            return result
        except TypeError:  # unhashable cell
            return compute(value)

    def email(self, value) -> tuple[str | None, str | None, bool]:
        """(valid address or None, matching key or None, fake)"""
        def compute(v):
            fast = fast_email(v)
            if fast is not None:
                return fast
            strict = normalize_email(v)
            return (strict, (strict if strict or is_blank(v) else email_key(v)),
                    is_fake_value("email", v))
        return self._get(self._email, value, compute)

    def phone(self, value) -> tuple[str | None, str | None, bool]:
        """(E.164 or None, matching key or None, fake)"""
        def compute(v):
            fast = fast_phone(v)
            if fast is not None:
                return fast
            strict = normalize_phone(v)
            return (strict, (strict if strict or is_blank(v) else phone_key(v)),
                    is_fake_value("phone", v))
        return self._get(self._phone, value, compute)

    def mobile(self, e164: str | None) -> bool:
        # number_type is decided by prefixes of at most 7 national digits
        if not e164:
            return False
        key = e164[:10] if e164.startswith("+86") else e164
        if key not in self._mobile:
            self._mobile[key] = is_mobile(e164)
        return self._mobile[key]

    def consent(self, value) -> bool | None:
        return self._get(self._consent, value, interpret_consent)

    def erased(self, keys: list[str]) -> bool:
        sup = self.suppression
        if sup is None or not (sup.erased_hashes and sup.salt):
            return False
        # keys are already normalised: hash them as they are (same as hash_identity)
        return any(self._get(self._erased, k, lambda v: hash_key(v, sup.salt))
                   in sup.erased_hashes for k in keys)


def _keys(lk: _Lookups, main, alts, kind: str) -> list[str]:
    get = lk.email if kind == "email" else lk.phone
    out = []
    for v in (main, *(alts if isinstance(alts, list | tuple) else ())):
        if not is_blank(v):
            key = get(v)[1]
            if key:
                out.append(key)
    return out


def _reasons(lk: _Lookups, email_raw, phone_raw, alt_emails, alt_phones, consent_raw,
             address_raw, flags, *, channel: str, include_unknown_consent: bool,
             include_no_consent: bool) -> list[str]:
    reasons: set[str] = set()
    flags = flags if isinstance(flags, dict) else {}
    suppression = lk.suppression
    if suppression is not None and (len(suppression) or suppression.erased_hashes):
        emails = _keys(lk, email_raw, alt_emails, "email")
        phones = _keys(lk, phone_raw, alt_phones, "phone")
        if any(suppression.match_email(e) for e in emails) or any(
            suppression.match_phone(p) for p in phones
        ):
            reasons.add("suppressed")
        if lk.erased(emails + phones):
            reasons.add("erased_hash_match")
    consent = lk.consent(consent_raw)
    if consent is False and not include_no_consent:
        reasons.add("no_consent")
    if consent is None and not include_unknown_consent:
        reasons.add("unknown_consent")
    if channel == "email":
        email, _, fake = lk.email(email_raw)
        if flags.get("email") == "fake" or fake or (
            email and _looks_fake_email(email)
        ):
            reasons.add("fake_value")
        elif not email:
            reasons.add("no_email")
    elif channel == "sms":
        phone, _, fake = lk.phone(phone_raw)
        if flags.get("phone") == "fake" or fake or (
            phone and _looks_fake_phone(phone)
        ):
            reasons.add("fake_value")
        elif not lk.mobile(phone):
            reasons.add("invalid_phone")
    elif channel == "mail":
        if flags.get("address") == "fake" or flags.get("name") == "fake":
            reasons.add("fake_value")
        elif is_blank(address_raw):
            reasons.add("no_address")
    return [r for r in REASON_ORDER if r in reasons]


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
    return _reasons(
        _Lookups(suppression), row.get("email"), row.get("phone"), row.get("alt_emails"),
        row.get("alt_phones"), row.get("consent"), row.get("address"), row.get("flags"),
        channel=channel, include_unknown_consent=include_unknown_consent,
        include_no_consent=include_no_consent,
    )


def _column(customers: pd.DataFrame, key: str) -> list:
    return customers[key].tolist() if key in customers.columns else [None] * len(customers)


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
    lk = _Lookups(suppression)
    columns = [_column(customers, k) for k in ("email", "phone", "alt_emails", "alt_phones",
                                                "consent", "address", "flags")]
    ids = _column(customers, "customer_id")
    kept_pos, out_pos, first, every, overridden, unknown_in = [], [], [], [], [], 0
    total = max(len(customers), 1)
    for n, values in enumerate(zip(*columns, strict=True)):
        if n % 2000 == 0:
            check_cancel(cancel)
            progress(n / total, "")
        reasons = _reasons(
            lk, *values, channel=channel, include_unknown_consent=include_unknown_consent,
            include_no_consent=include_no_consent,
        )
        if reasons:
            out_pos.append(n)
            first.append(reasons[0])
            every.append(reasons)
            continue
        kept_pos.append(n)
        consent = lk.consent(values[4])
        if consent is False:
            overridden.append(ids[n])
        elif consent is None:
            unknown_in += 1
    left_out = customers.iloc[out_pos].copy()
    left_out["reason"] = first
    left_out["reasons"] = every
    selection = Selection(customers.iloc[kept_pos].copy(), left_out, channel)
    selection.included_no_consent = overridden
    if overridden:
        selection.warnings.append(OVERRIDE_NO_CONSENT.format(count=len(overridden)))
    if unknown_in:
        selection.warnings.append(OVERRIDE_UNKNOWN.format(count=unknown_in))
    progress(1.0, "")
    return selection


def flag_erased_matches(customers: pd.DataFrame, suppression: SuppressionList) -> list:
    """customer_ids whose email or phone hashes to an erased person (for the import to flag)."""
    if not (suppression.erased_hashes and suppression.salt):
        return []
    lk = _Lookups(suppression)
    found = []
    for cid, email, alt_e, phone, alt_p in zip(
        *(_column(customers, k) for k in ("customer_id", "email", "alt_emails", "phone",
                                          "alt_phones")), strict=True
    ):
        if lk.erased(_keys(lk, email, alt_e, "email") + _keys(lk, phone, alt_p, "phone")):
            found.append(cid)
    return found
