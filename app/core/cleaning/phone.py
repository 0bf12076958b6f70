"""Phone numbers to E.164 with phonenumbers (libphonenumber), default region CN."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from app.core.cleaning.fake import FAKE, fake_phone_digits, is_fake
from app.core.cleaning.text import clean_text

_SPLIT = re.compile(r"\s*(?:[;,/、|；，]|\bor\b|或|\s{2,})\s*")
_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE)
_CN_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Digits runs long enough to be a phone number inside free text (notes).
_IN_TEXT = re.compile(r"(?<![\d])(?:\+?\d[\d\s\-()]{6,18}\d)(?![\d])")


@dataclass(slots=True)
class PhoneResult:
    e164: str | None = None
    kind: str | None = None  # "mobile" | "landline" | "other"
    valid: bool = False
    reason: str | None = None  # "empty" | "fake" | "invalid"
    extension: str | None = None
    alternates: list[str] = field(default_factory=list)

    @property
    def value(self) -> str | None:
        """The E.164 number when valid (the value to store)."""
        return self.e164 if self.valid else None


def _kind(number: phonenumbers.PhoneNumber) -> str:
    kind = phonenumbers.number_type(number)
    if kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return "mobile"
    if kind == PhoneNumberType.FIXED_LINE:
        return "landline"
    return "other"


def _parse_one(text: str, region: str) -> PhoneResult:
    extension = None
    match = _EXTENSION.search(text)
    if match and len(re.sub(r"\D", "", text[: match.start()])) >= 7:
        extension, text = match.group(1), text[: match.start()]
    digits = re.sub(r"\D", "", text)
    if not digits:
        return PhoneResult(reason="invalid")
    if fake_phone_digits(digits):
        return PhoneResult(reason=FAKE)
    if region == "CN" and len(digits) in (10, 12) and digits.startswith("1") and "+" not in text:
        return PhoneResult(reason="invalid")  # a mobile with a digit missing or one too many
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return PhoneResult(reason="invalid")
    if extension:
        number.extension = extension
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if phonenumbers.is_valid_number(number):
        return PhoneResult(e164, _kind(number), True, None, number.extension or None)
    national = str(number.national_number)
    if number.country_code == 86 and _CN_MOBILE.match(national):
        # New ranges reach phones before libphonenumber's tables: trust the mobile pattern.
        return PhoneResult(e164, "mobile", True, None, number.extension or None)
    if (number.country_code == 86 and national[0] != "1" and digits.startswith(("0", "86"))
            and phonenumbers.is_possible_number(number)):
        # A mainland landline written with its area code (020 …, +86 20 …) of the right length
        # in a range the tables do not know yet. Anything else must be a valid number: a
        # merely "possible" length accepted (415) 555-2671 as a Chinese landline.
        return PhoneResult(e164, "landline", True, None, number.extension or None)
    if number.country_code != 86 and text.lstrip().startswith(("+", "00")) \
            and phonenumbers.is_possible_number(number):
        # Written in international form by the user: a foreign number of the right length in a
        # range the tables do not know is kept as given.
        return PhoneResult(e164, "other", True, None, number.extension or None)
    if region in ("HK", "MO", "TW") and "+" not in text and _CN_MOBILE.match(digits):
        # Not a number of the user's region, but exactly a mainland mobile, which Hong Kong,
        # Macao and Taiwan lists hold without +86: read it as one, not as a long local number.
        return _parse_one("+86" + digits, "CN")
    return PhoneResult(e164, None, False, "invalid", number.extension or None)


# A mainland mobile as most cells hold it: 13800138000, 138-0013-8000, +86 138 0013 8000.
_MOBILE_CELL = re.compile(r"(?:\+86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})")


# libphonenumber's patterns for 11-digit numbers starting 13-19 (mobile; no other type has
# such numbers) are a prefix of at most 5 digits, then any digits (1740[0-5]\d{6} is the
# longest): one sample per 6-digit prefix decides every number under it, one digit to spare
# (tests/core/cleaning check it against the tables). A 7-digit key, as before, let a million
# customers' phones reach ~950k distinct keys past a 65k cache: 950k full parses, ~90 s CPU.
MOBILE_PREFIX = 6


@lru_cache(maxsize=1 << 17)  # every 6-digit prefix 13xxxx-19xxxx fits (70,000)
def _mobile_range(prefix: str, region: str) -> tuple[str | None, bool]:
    """(kind, valid) for 11-digit mobiles starting with `prefix` (MOBILE_PREFIX digits)."""
    result = _parse_one((prefix + "5281052810")[:11], region)
    return result.kind, result.valid


def normalize_phone(value: object, region: str = "CN") -> PhoneResult:
    if region == "CN":
        text = value if type(value) is str else (
            str(value) if type(value) is int else
            str(int(value)) if type(value) is float and value.is_integer() else None)
        match = _MOBILE_CELL.fullmatch(text) if text and len(text) <= 17 else None
        if match:
            digits = "".join(match.groups())
            if fake_phone_digits(digits):
                return PhoneResult(reason=FAKE)
            kind, valid = _mobile_range(digits[:MOBILE_PREFIX], region)
            if valid:
                return PhoneResult("+86" + digits, kind, True)
    return _normalize_phone(value, region)


def _normalize_phone(value: object, region: str = "CN") -> PhoneResult:
    """One phone cell: '+86 138-0013-8000', 13800138000.0, '(020) 8888-8888 转 123',
    '13800138000 / 13900139000' (the second number goes to `alternates`)."""
    text = clean_text(value)
    if text is None:
        return PhoneResult(reason="empty")
    if is_fake("phone", text):
        return PhoneResult(reason=FAKE)
    parts = [p for p in _SPLIT.split(text) if p and re.search(r"\d", p)]
    if len(parts) <= 1:
        return _parse_one(text, region)
    results = [_parse_one(part, region) for part in parts]
    good = [r for r in results if r.valid]
    if not good:
        whole = _parse_one(text, region)  # '020 8888 8888' split on double spaces by mistake
        return whole if whole.valid else results[0]
    first = good[0]
    first.alternates = list(dict.fromkeys(r.e164 for r in good[1:] if r.e164 != first.e164))
    return first


def phones_in_text(value: object, region: str = "CN") -> list[str]:
    """E.164 numbers found in free text (notes), offered as suggestions, never applied blindly."""
    text = clean_text(value)
    if not text:
        return []
    found = []
    for match in _IN_TEXT.finditer(text):
        result = _parse_one(match.group(0), region)
        if result.valid and result.e164 not in found:
            found.append(result.e164)
    return found
