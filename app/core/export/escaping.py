"""Formula-injection guard (CSV injection, OWASP): a cell that starts with = + - @ TAB or CR
can be run as a formula by Excel, WPS or LibreOffice when a CSV is opened.

CSV cells get a leading apostrophe, which spreadsheet programs show as "this is text".
Plain numbers (-1, +3.5) and E.164 phone numbers (+8613800138000) stay as they are: a
spreadsheet reads them as numbers, never as formulas, and email/SMS platforms need them intact.
"""

from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# E.164: a plus and 7 to 15 digits, nothing else (no spaces: "+86 138..." would be a formula).
_E164 = re.compile(r"\+[1-9]\d{6,14}")


def is_plain_number(text: str) -> bool:
    return _PLAIN_NUMBER.fullmatch(text) is not None


def is_e164_phone(text: str) -> bool:
    return _E164.fullmatch(text) is not None


def is_dangerous(text: str) -> bool:
    """True when a spreadsheet could read this text as a formula."""
    if not text or not text.startswith(TRIGGERS):
        return False
    return not (is_plain_number(text) or is_e164_phone(text))


def escape_csv_cell(text: str) -> str:
    """The text with a leading apostrophe when it could run as a formula."""
    return "'" + text if is_dangerous(text) else text
