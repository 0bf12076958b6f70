"""Suppression list: people who must never receive marketing (unsubscribed, bounced,
complained) and salted hashes of erased people, so a re-import of an erased person is
flagged instead of silently coming back.

Entries are matched by normalised email (lower-case) and phone (E.164). The list is a plain
model: storage persists it; importing a file again adds to it (`SuppressionList.add`).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.core.errors import ImportProblem
from app.core.export.contacts import email_key, phone_key
from app.core.export.table import as_text, is_blank
from app.core.i18n import QT_TRANSLATE_NOOP

SUPPRESSION_REASONS = {
    "unsubscribed": QT_TRANSLATE_NOOP("export", "Unsubscribed"),
    "bounced": QT_TRANSLATE_NOOP("export", "Bounced"),
    "complained": QT_TRANSLATE_NOOP("export", "Complained (spam report)"),
    "erased": QT_TRANSLATE_NOOP("export", "Erased on request"),
}
_REASON_WORDS = (
    ("bounced", ("bounce", "bounced", "退信", "退回", "无效", "hard", "cleaned")),
    ("complained", ("complain", "complained", "spam", "abuse", "投诉", "举报", "垃圾")),
    ("unsubscribed", ("unsub", "unsubscribed", "opt-out", "optout", "退订", "取消订阅")),
)
EMAIL_HEADERS = ("email", "e-mail", "mail", "邮箱", "电子邮件", "邮件", "email address")
PHONE_HEADERS = ("phone", "mobile", "sms", "tel", "手机", "电话", "手机号", "cell")
REASON_HEADERS = ("reason", "status", "type", "原因", "类型", "状态")
NOTHING_FOUND = QT_TRANSLATE_NOOP(
    "errors", "{file}: no email address or phone number was found in the file."
)


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def hash_identity(value: str, salt: str) -> str:
    """Salted SHA-256 (HMAC) of a normalised email or phone: the only thing kept of an erased
    person. The salt is per workspace, so hashes are useless outside it."""
    text = str(value).strip()
    normal = email_key(text) if "@" in text else phone_key(text)
    return hash_key(normal or text.lower(), salt)


def hash_key(key: str, salt: str) -> str:
    """HMAC-SHA256 of an already normalised email or phone."""
    return hmac.new(salt.encode(), key.encode(), hashlib.sha256).hexdigest()


@dataclass
class SuppressionEntry:
    email: str | None
    phone: str | None
    reason: str = "unsubscribed"
    source: str = ""
    added_at: str = field(default_factory=_now)


@dataclass
class SuppressionList:
    entries: list[SuppressionEntry] = field(default_factory=list)
    erased_hashes: set[str] = field(default_factory=set)
    salt: str = ""

    def __post_init__(self) -> None:
        self._reindex()

    def _reindex(self) -> None:
        self._emails = {e.email: e for e in self.entries if e.email}
        self._phones = {e.phone: e for e in self.entries if e.phone}

    def add(self, entries: Iterable[SuppressionEntry]) -> int:
        """Add entries not yet on the list; returns how many were new."""
        added = 0
        for entry in entries:
            if (entry.email and entry.email in self._emails) or (
                entry.phone and entry.phone in self._phones
            ):
                continue
            self.entries.append(entry)
            added += 1
            if entry.email:
                self._emails[entry.email] = entry
            if entry.phone:
                self._phones[entry.phone] = entry
        return added

    def add_erased(self, *values: str) -> None:
        """Keep only salted hashes of an erased person's emails and phones."""
        if not self.salt:
            raise ValueError("a salt is needed to remember erased people")
        self.erased_hashes.update(hash_identity(v, self.salt) for v in values if v)

    def match_email(self, email: str | None) -> SuppressionEntry | None:
        return self._emails.get(email) if email else None

    def match_phone(self, phone: str | None) -> SuppressionEntry | None:
        return self._phones.get(phone) if phone else None

    def matches_erased(self, emails: Iterable[str], phones: Iterable[str]) -> bool:
        if not (self.erased_hashes and self.salt):
            return False
        values = [v for v in (*emails, *phones) if v]
        return any(hash_identity(v, self.salt) in self.erased_hashes for v in values)

    def __len__(self) -> int:
        return len(self.entries)


@dataclass
class SuppressionImport:
    entries: list[SuppressionEntry]
    rejected: list[str]  # cells/lines that held neither a valid email nor a phone


def _reason_from(text: str, default: str) -> str:
    low = text.lower()
    for reason, words in _REASON_WORDS:
        if any(w in low for w in words):
            return reason
    return default


def _entry_from_cells(cells: list[str], default_reason: str, source: str) -> SuppressionEntry | None:
    email = phone = None
    reason_text = ""
    for text in cells:
        if not text:
            continue
        if "@" in text and email is None:
            email = email_key(text)
            continue
        candidate = phone_key(text) if re.search(r"\d{5,}", text) else None
        if candidate and phone is None:
            phone = candidate
        else:
            reason_text += " " + text
    if not (email or phone):
        return None
    return SuppressionEntry(email, phone, _reason_from(reason_text, default_reason), source)


def parse_suppression_text(
    text: str, *, reason: str = "unsubscribed", source: str = "typed"
) -> SuppressionImport:
    """One person per line: an email and/or a phone, optionally a reason word
    (退订 / bounced / 投诉 ...). Commas, semicolons, tabs and spaces separate them."""
    entries, rejected = [], []
    for line in text.splitlines():
        # "+86 138-0013-8000" is one phone, not three words
        joined = re.sub(r"(?<=\d)[ \-]+(?=\d)", "", line.strip())
        cells = [c for c in re.split(r"[,;\s，；、]+", joined) if c]
        if not cells:
            continue
        entry = _entry_from_cells([c.strip() for c in cells], reason, source)
        if entry:
            entries.append(entry)
        else:
            rejected.append(line)
    return SuppressionImport(entries, rejected)


def _decode(data: bytes) -> str:
    # Strict UTF-8 then GB18030 first: short lists are too small for statistical detection
    # (a GBK "手机" reads as Big5 otherwise), and these two cover nearly every Chinese file.
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best else data.decode("utf-8", errors="replace")


def _read_rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        from python_calamine import CalamineWorkbook

        try:
            sheet = CalamineWorkbook.from_path(path).get_sheet_by_index(0)
        except Exception as exc:  # noqa: BLE001 - calamine raises several types
            raise ImportProblem(file=path.name) from exc
        return [[as_text(v) for v in row] for row in sheet.to_python()]
    text = _decode(path.read_bytes())
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _at(row: list[str], i: int | None) -> str:
    return row[i].strip() if i is not None and i < len(row) else ""


def _find(header: list[str], names: tuple[str, ...]) -> int | None:
    low = [h.strip().lower() for h in header]
    for i, h in enumerate(low):
        if h in names:
            return i
    for i, h in enumerate(low):
        if any(n in h for n in names):
            return i
    return None


def parse_suppression_file(
    path: str | Path, *, reason: str = "unsubscribed", source: str | None = None
) -> SuppressionImport:
    """A CSV or spreadsheet with an email and/or phone column (a reason/status column is read
    when present), or a header-less list of emails and phones."""
    path = Path(path)
    source = source or path.name
    rows = [r for r in _read_rows(path) if any(not is_blank(c) for c in r)]
    if not rows:
        raise ImportProblem(NOTHING_FOUND, file=path.name)
    header = rows[0]
    e_col, p_col, r_col = (_find(header, n) for n in (EMAIL_HEADERS, PHONE_HEADERS, REASON_HEADERS))
    has_header = (e_col is not None or p_col is not None) and not any("@" in c for c in header)
    entries, rejected = [], []
    if has_header:
        for row in rows[1:]:
            email_text, phone_text, reason_text = (_at(row, i) for i in (e_col, p_col, r_col))
            email = email_key(email_text) if email_text else None
            phone = phone_key(phone_text) if phone_text else None
            if email or phone:
                why = _reason_from(reason_text, reason) if reason_text else reason
                entries.append(SuppressionEntry(email, phone, why, source))
            else:
                rejected.append(",".join(row))
    else:
        for row in rows:
            entry = _entry_from_cells([c.strip() for c in row], reason, source)
            (entries.append(entry) if entry else rejected.append(",".join(row)))
    if not entries:
        raise ImportProblem(NOTHING_FOUND, file=path.name)
    return SuppressionImport(entries, rejected)
