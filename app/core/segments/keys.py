"""Matching keys for linking purchase lines to customers: the cleaning area's normalisers.

Linking must use the same normalised phone / e-mail that cleaning and dedup use, so these
functions call app.core.cleaning when it provides normalize_phone / normalize_email / is_fake.
Until it does (the areas are built in parallel) a minimal stand-in keeps linking usable:
phonenumbers for E.164 and trim + lower-case for e-mail. The stand-in is deliberately small;
it is not a second cleaning module.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from functools import cache

_CLEANING_MODULES = ("app.core.cleaning", "app.core.cleaning.phone", "app.core.cleaning.email",
                     "app.core.cleaning.fake", "app.core.cleaning.money",
                     "app.core.cleaning.normalize", "app.core.cleaning.values")


@cache
def cleaning_function(name: str):
    """The cleaning area's function `name`, or None while it does not exist."""
    for module_name in _CLEANING_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        found = getattr(module, name, None)
        if callable(found):
            return found
    return None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer():
            value = int(value)  # a phone stored as a number cell: 13800138000.0
    return unicodedata.normalize("NFKC", str(value)).strip()


# Placeholders the samples' README names; the cleaning area owns the full list.
_FAKE_PHONES = {"13800000000", "11111111111", "00000000000", "12345678901", "13888888888"}
_FAKE_EMAILS = {"test@test.com", "a@a.com", "test@example.com", "none@none.com", "xx@xx.com"}


def phone_key(value) -> tuple[str | None, bool]:
    """(E.164 number or None, is_fake) for a phone cell as imported."""
    text = _text(value)
    if not text:
        return None, False
    normalize = cleaning_function("normalize_phone")
    if normalize is not None:
        result = normalize(text)
        fake = getattr(result, "kind", None) == "fake" or getattr(result, "reason", None) == "fake"
        fake = fake or _is_fake("phone", text)
        # The E.164 form even when libphonenumber calls the range invalid (foreign or
        # synthetic numbers): the same digits on a customer and an order are the same person.
        e164 = getattr(result, "e164", None)
        return (None if fake else e164), fake
    digits = re.sub(r"\D", "", text)
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if digits in _FAKE_PHONES or (len(digits) >= 7 and len(set(digits)) == 1):
        return None, True
    import phonenumbers

    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None, False
    # Possible rather than valid: synthetic and new number ranges fail libphonenumber's
    # validity tables, yet the same string on a customer and on an order is the same person.
    if not phonenumbers.is_possible_number(number):
        return None, False
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), False


def email_key(value) -> tuple[str | None, bool]:
    """(normalised e-mail or None, is_fake) for an e-mail cell as imported."""
    text = _text(value)
    if not text:
        return None, False
    normalize = cleaning_function("normalize_email")
    if normalize is not None:
        result = normalize(text)
        fake = getattr(result, "reason", None) == "fake" or _is_fake("email", text)
        email = getattr(result, "suggestion", None) or getattr(result, "email", None)
        if not getattr(result, "valid", True) and not getattr(result, "suggestion", None):
            email = None
        return (None if fake else email), fake
    text = re.sub(r"^mailto:", "", text, flags=re.I).strip("<>; ").replace(" ", "").lower()
    if text in _FAKE_EMAILS:
        return None, True
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", text):
        return None, False
    return text, False


def _is_fake(field: str, text: str) -> bool:
    check = cleaning_function("is_fake")
    if check is None:
        return False
    try:
        return bool(check(field, text))
    except Exception:  # noqa: BLE001 - a helper's surprise must not stop linking
        return False


def name_key(value) -> str | None:
    """NFKC, no spaces, case-folded: only used when a line has no phone and no e-mail."""
    text = _text(value)
    return re.sub(r"\s+", "", text).casefold() or None
