"""Email and phone normalisation for matching and platform rules.

Uses app.core.cleaning's normalize_email / normalize_phone when that module provides them
(one normaliser for the whole app); until then a small phonenumbers / email-validator
version with the same meaning: E.164 phones (China as the default region), trimmed
lower-case emails with mailto:, <> and ; removed.
"""

from __future__ import annotations

import re
import unicodedata

from app.core.export.table import is_blank

DEFAULT_REGION = "CN"


def _fallback_email(value: object) -> str | None:
    if is_blank(value):
        return None
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    text = re.sub(r"^mailto:", "", text).strip("<>; \u3000")
    text = re.sub(r"\s+", "", text)
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(text, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def _fallback_phone(value: object) -> str | None:
    import phonenumbers

    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _result_value(result: object) -> str | None:
    """Accept a plain string or a result object carrying `.value` from app.core.cleaning."""
    if result is None or isinstance(result, str):
        return result or None
    value = getattr(result, "value", None)
    return value if isinstance(value, str) and value else None


def normalize_email(value: object) -> str | None:
    try:
        from app.core.cleaning import normalize_email as shared
    except ImportError:
        return _fallback_email(value)
    try:
        return _result_value(shared(value))
    except Exception:  # noqa: BLE001 - a bad cell must not stop an export
        return None


def normalize_phone(value: object) -> str | None:
    try:
        from app.core.cleaning import normalize_phone as shared
    except ImportError:
        return _fallback_phone(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return _result_value(shared(value))
    except Exception:  # noqa: BLE001
        return None


def is_mobile(e164: str | None) -> bool:
    """True for numbers that can receive SMS (mobile or fixed-or-mobile)."""
    import phonenumbers

    if not e164:
        return False
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    kind = phonenumbers.number_type(number)
    return kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
