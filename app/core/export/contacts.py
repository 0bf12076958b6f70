"""Email and phone normalisation for matching and platform rules.

Uses app.core.cleaning's normalize_email / normalize_phone / is_fake (one normaliser for
the whole app); if that package is ever missing, a small phonenumbers / email-validator
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
        from app.core.cleaning.email import normalize_email as shared
    except ImportError:
        return _fallback_email(value)
    try:
        return _result_value(shared(value))
    except Exception:  # noqa: BLE001 - a bad cell must not stop an export
        return None


def normalize_phone(value: object) -> str | None:
    try:
        from app.core.cleaning.phone import normalize_phone as shared
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


def is_fake_value(field: str, value: object) -> bool:
    """True when cleaning recognises a fake or placeholder value (test@test.com, 13800000000)."""
    if is_blank(value):
        return False
    try:
        from app.core.cleaning.fake import is_fake
    except ImportError:
        return False
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return bool(is_fake(field, value))
    except Exception:  # noqa: BLE001
        return False


def email_key(value: object) -> str | None:
    """The address for matching (suppression, erased hashes): unwrapped and lower-case, kept
    even when cleaning calls it fake or invalid, because such people must still be matched."""
    strict = normalize_email(value)
    if strict or is_blank(value):
        return strict
    try:
        from app.core.cleaning.email import normalize_email as shared

        loose = shared(value).email
    except ImportError:
        loose = None
    text = loose or unicodedata.normalize("NFKC", str(value)).strip().lower()
    return text if "@" in text else None


def phone_key(value: object) -> str | None:
    """The E.164 number for matching, kept even when it is not a valid or real number."""
    strict = normalize_phone(value)
    if strict or is_blank(value):
        return strict
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", str(value)))
    if len(digits) < 5:
        return None
    return "+" + digits if str(value).strip().startswith("+") else "+86" + digits.lstrip("0")


# ---------------------------------------------------------------- fast paths for big lists
# Most cells in a real list are plain: "13800138000", "+86 138 0013 8000", "wang@qq.com".
# For those the answer of the cleaning normalisers is known without phonenumbers and
# email-validator (0.3 ms a cell); anything else takes the full path. Equivalence with the
# full path is tested on the sample workbook and on tricky cells.
_FAST_PHONE = re.compile(r"(?:\+86 ?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})")
_FAST_EMAIL = re.compile(r"([a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*)@([a-z0-9-]+(?:\.[a-z0-9-]+)+)")
_DOMAIN_CACHE: dict[str, tuple[str | None, bool]] = {}


def fast_phone(value: object) -> tuple[str | None, str | None, bool] | None:
    """(E.164 or None, matching key, fake) for a plain China mobile cell, else None."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    match = _FAST_PHONE.fullmatch(value.strip())
    if match is None:
        return None
    from app.core.cleaning.fake import fake_phone_digits

    national = "".join(match.groups())
    e164 = "+86" + national
    digits = re.sub(r"\D", "", value)
    if fake_phone_digits(digits):
        return None, e164, True
    return e164, e164, False


def _domain(domain: str) -> tuple[str | None, bool]:
    """(typo repair or None, the repaired-or-given domain is valid), once per domain."""
    found = _DOMAIN_CACHE.get(domain)
    if found is None:
        from email_validator import EmailNotValidError, validate_email

        from app.core.cleaning.email import suggest_domain

        fixed = suggest_domain(domain)
        try:
            validate_email(f"a@{fixed or domain}", check_deliverability=False)
            ok = True
        except EmailNotValidError:
            ok = False
        found = _DOMAIN_CACHE[domain] = (fixed, ok)
    return found


def fast_email(value: object) -> tuple[str | None, str | None, bool] | None:
    """(valid address or None, matching key, fake) for a plain ASCII address, else None."""
    if not isinstance(value, str) or not value.isascii():
        return None
    text = value.strip()
    if len(text) > 254 or not text:
        return None
    low = text.lower()
    match = _FAST_EMAIL.fullmatch(low)
    if match is None:
        return None
    from app.core.cleaning.fake import (
        FAKE_EMAIL_DOMAINS,
        FAKE_EMAIL_LOCALS,
        NOTHING_WORDS,
        TEST_WORDS,
    )

    local, domain = match.groups()
    if (low in NOTHING_WORDS or low in TEST_WORDS or domain in FAKE_EMAIL_DOMAINS
            or domain.endswith((".example", ".invalid", ".test")) or local in FAKE_EMAIL_LOCALS
            or re.fullmatch(r"(.)\1+", local) or local == domain.split(".")[0]):
        return None, low, True
    fixed, ok = _domain(domain)
    address = f"{local}@{fixed}" if fixed else low
    if not ok or len(local) > 64 or len(address) > 254:
        return None, low, False
    return address, address, False
