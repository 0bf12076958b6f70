"""E-mail addresses: unwrap, trim, lower-case, syntax check (offline), typo domains, roles."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from email_validator import EmailNotValidError, validate_email
from rapidfuzz.distance import OSA

from app.core.cleaning.fake import FAKE, fake_email_domain, fake_email_local, is_fake
from app.core.cleaning.text import clean_text

# Mail providers most of our users' customers use. A domain one typo away from one of these
# (and not itself on the list) is almost surely that provider: gmial.com, qq.con, 163.cm.
COMMON_DOMAINS = (
    "qq.com", "163.com", "126.com", "yeah.net", "sina.com", "sina.cn", "sohu.com", "foxmail.com",
    "aliyun.com", "139.com", "189.cn", "21cn.com", "tom.com", "263.net", "vip.qq.com",
    "vip.163.com", "vip.126.com", "vip.sina.com", "gmail.com", "googlemail.com", "hotmail.com",
    "outlook.com", "live.com", "msn.com", "yahoo.com", "yahoo.com.cn", "icloud.com", "me.com",
    "mac.com", "aol.com", "protonmail.com", "proton.me", "gmx.com", "gmx.de", "web.de",
    "mail.com", "yandex.com", "naver.com", "hanmail.net", "hotmail.co.uk", "yahoo.co.uk",
    "outlook.cn", "hotmail.com.hk", "ymail.com", "188.com", "wo.cn", "live.cn", "email.cn", "yahoo.com.hk", "yahoo.com.tw", "qq.cn",
)
_COMMON = set(COMMON_DOMAINS)
# Valid-looking endings that are nonetheless typos of .com / .cn / .net.
_BAD_ENDINGS = {"con", "cm", "co", "om", "cim", "vom", "xom", "comm", "cpm", "cn1", "ocm", "cmo"}
ROLE_LOCALS = {
    "info", "sales", "admin", "support", "contact", "service", "services", "hr", "marketing",
    "office", "noreply", "no-reply", "webmaster", "postmaster", "billing", "enquiries", "enquiry",
    "inquiry", "kefu", "help", "team", "hello", "mail", "jobs", "job", "cs", "business", "bd",
    "market", "finance", "account", "accounts", "customerservice", "press", "media", "pr",
}
_WRAPPING = re.compile(r"^(?:mailto:)?<?(.*?)>?[;,.]*$", re.IGNORECASE)
_ANGLE = re.compile(r"<([^<>]+@[^<>]+)>")


@dataclass(slots=True)
class EmailResult:
    email: str | None = None  # unwrapped, trimmed, lower-cased (typo domain NOT applied)
    valid: bool = False
    reason: str | None = None  # "empty" | "fake" | "invalid"
    suggestion: str | None = None  # the address with a typo domain repaired
    is_role: bool = False

    @property
    def value(self) -> str | None:
        """The address to store: the repaired one when a typo was found."""
        return (self.suggestion or self.email) if self.valid else None


def suggest_domain(domain: str) -> str | None:
    """The common domain `domain` is a typo of, or None (a list plus edit distance)."""
    if domain in _COMMON or not domain:
        return None
    best, best_distance = None, 3
    for known in COMMON_DOMAINS:
        distance = OSA.distance(domain, known, score_cutoff=2)
        if distance < best_distance:
            best, best_distance = known, distance
    if best is None:
        return None
    ending = domain.rsplit(".", 1)[-1]
    same_name = domain.split(".")[0] == best.split(".")[0]
    # A slip in the ending (qq.con, 163.cm), or one slip in a long name (gmial.com). One slip
    # in a short name is too often another real domain (mc.com is not me.com).
    if same_name or ending in _BAD_ENDINGS or (best_distance <= 1 and len(best) >= 8):
        return best
    return None


def _unwrap(text: str) -> str:
    angle = _ANGLE.search(text)
    if angle:  # "Zhang Wei <zw@qq.com>"
        text = angle.group(1)
    text = text.replace(" ", "")
    match = _WRAPPING.match(text)
    return (match.group(1) if match else text).strip("<>;,").lower()


# An address already in its stored form: lower-case ASCII, a dot-atom local part (what
# email-validator accepts without question) and a plain domain. Most cells of a big list are
# like this; they skip the full parse, and the domain is validated once per domain.
_CANONICAL = re.compile(r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                        r"@((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24})")
_LOCAL = re.compile(r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}")  # _CANONICAL's


# Texts that become an address by dropping spaces, tabs and line breaks and lower-casing.
_PLAIN = re.compile(r"[A-Za-z0-9@.!#$%&'*+/=?^_`{|}~ \t\n\r-]+")
LONGEST = 200  # longer cells take the full parse


@lru_cache(maxsize=65536)
def _domain_ok(domain: str) -> bool:
    try:
        validate_email(f"a@{domain}", check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


@lru_cache(maxsize=65536)
def _suggest(domain: str) -> str | None:
    return suggest_domain(domain)


def normalize_email(value: object) -> EmailResult:
    """Unwrap, trim, lower-case and check an address (offline), with a typo domain
    repaired as a suggestion and role addresses (info@) marked."""
    quick = _quick_email(value)
    return EmailResult(*quick) if quick is not None else _normalize_email(value)


def _quick_email(value: object) -> tuple | None:
    """normalize_email's fields as a plain tuple for the usual address, or None (then the
    full parse decides). It gives what _normalize_email gives (a test compares them): an
    address in stored form (or one once spaces are dropped, capitals lowered and full-width
    characters made plain) is a dot-atom local part, which email-validator always accepts,
    and a domain it accepts; what depends on the domain alone is worked out once per domain."""
    if type(value) is not str or len(value) > LONGEST:
        return None
    text = value if value.isascii() else unicodedata.normalize("NFKC", value)  # as clean_text
    email = text
    local, at, domain = text.partition("@")
    facts = _domain_facts(domain) if at and _LOCAL.fullmatch(local) else None
    if facts is None:
        if not _PLAIN.fullmatch(text):
            return None
        email = "".join(text.split()).lower()  # what _unwrap makes of it
        local, at, domain = email.partition("@")
        if not at or not _LOCAL.fullmatch(local):
            return None
        facts = _domain_facts(domain)
        if facts is None:
            return None
    fake_domain, name, fixed, accepted = facts
    # is_fake(email) for an address in this form; is_fake of the cell as written only
    # differs when spaces were dropped.
    if (len(email) > LONGEST or len(local) > 64 or not accepted or fake_domain
            or fake_email_local(local, name)
            or (len(email) != len(text) and is_fake("email", value))):
        return None
    return email, True, None, f"{local}@{fixed}" if fixed else None, local in ROLE_LOCALS


@lru_cache(maxsize=65536)
def _domain_facts(domain: str) -> tuple | None:
    """For the text after the @ of a lower-case address: None unless it is a plain domain
    (_CANONICAL's), else (a test domain?, its first label, the common domain it is a typo
    of or None, whether email-validator accepts the domain the address will have)."""
    if not _DOMAIN.fullmatch(domain):
        return None
    fixed = _suggest(domain)
    return fake_email_domain(domain), domain.split(".")[0], fixed, _domain_ok(fixed or domain)


@dataclass
class EmailColumns:
    """normalize_email of many values, field by field (one array per EmailResult field).

    A million EmailResult objects, alive together, set off the garbage collector's full
    collections while they were made (9 at 1M rows, 1.2 s in all, the longest 0.21 s with
    the GIL held: the window froze); texts and numbers in arrays are not tracked by it."""
    email: np.ndarray  # object
    valid: np.ndarray  # bool
    reason: np.ndarray  # object
    suggestion: np.ndarray  # object
    is_role: np.ndarray  # bool

    def __len__(self) -> int:
        return len(self.valid)

    def __getitem__(self, i: int) -> EmailResult:
        return EmailResult(self.email[i], bool(self.valid[i]), self.reason[i],
                           self.suggestion[i], bool(self.is_role[i]))


SLICE = 50_000


def _as_tuple(r: EmailResult) -> tuple:
    return r.email, r.valid, r.reason, r.suggestion, r.is_role


def normalize_emails(values) -> EmailColumns:
    """normalize_email of each value, as columns (see EmailColumns)."""
    n = len(values)
    email, reason, suggestion = (np.empty(n, dtype=object) for _ in range(3))
    valid, is_role = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    for start in range(0, n, SLICE):
        part = values[start:start + SLICE]
        part = part.tolist() if isinstance(part, np.ndarray) else list(part)
        # Plain tuples: the collector stops tracking them at its first look.
        fields = [_quick_email(v) or _as_tuple(_normalize_email(v)) for v in part]
        end = start + len(part)
        # One small 2-D array, not zip(*fields): that makes an iterator per tuple, tracked
        # objects again.
        block = np.empty((len(fields), 5), dtype=object)
        block[:] = fields
        for k, target in enumerate((email, valid, reason, suggestion, is_role)):
            target[start:end] = block[:, k]
    return EmailColumns(email, valid, reason, suggestion, is_role)


def _normalize_email(value: object, *, quick: bool = True) -> EmailResult:
    """The full parse. `quick=False`: ask email-validator even for a dot-atom address (the
    reference the tests hold the quick answers to)."""
    text = clean_text(value)
    if text is None:
        return EmailResult(reason="empty")
    email = _unwrap(text)
    if is_fake("email", email) or is_fake("email", text):
        return EmailResult(email=email, reason=FAKE)
    local, at, domain = email.rpartition("@")
    if not at and quick:  # no @-sign: email-validator says so too
        return EmailResult(email=email, reason="invalid")
    suggestion = fixed = None
    if local and domain:
        fixed = _suggest(domain)
        if fixed:
            suggestion = f"{local}@{fixed}"
    if quick and _CANONICAL.fullmatch(email) and len(local) <= 64 and len(email) <= LONGEST:
        # A dot-atom local part: valid exactly when email-validator accepts the domain.
        if _domain_ok(fixed or domain):
            return EmailResult(email, True, None, suggestion, local in ROLE_LOCALS)
        return EmailResult(email=email, reason="invalid", suggestion=suggestion)
    try:
        validate_email(suggestion or email, check_deliverability=False)
    except EmailNotValidError:
        return EmailResult(email=email, reason="invalid", suggestion=suggestion)
    return EmailResult(email, True, None, suggestion, local in ROLE_LOCALS)
