"""Results the export functions return: what was written, skipped, shortened or replaced."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from app.core.i18n import QT_TRANSLATE_NOOP

# Why a customer was left out of a file (selection or a platform's own rules).
REASONS: dict[str, str] = {
    "no_consent": QT_TRANSLATE_NOOP("export", "No marketing consent"),
    "unknown_consent": QT_TRANSLATE_NOOP("export", "Consent unknown"),
    "suppressed": QT_TRANSLATE_NOOP("export", "On the suppression list"),
    "erased_hash_match": QT_TRANSLATE_NOOP("export", "Matches an erased person"),
    "no_email": QT_TRANSLATE_NOOP("export", "No valid email"),
    "invalid_phone": QT_TRANSLATE_NOOP("export", "No valid mobile number"),
    "no_address": QT_TRANSLATE_NOOP("export", "No postal address"),
    "fake_value": QT_TRANSLATE_NOOP("export", "Fake or placeholder value"),
    "no_contact": QT_TRANSLATE_NOOP("export", "Neither a valid email nor a mobile number"),
    "duplicate_email": QT_TRANSLATE_NOOP("export", "Same email as an earlier row"),
    "email_not_accepted": QT_TRANSLATE_NOOP(
        "export", "Email the platform does not accept (non-Latin letters before @)"
    ),
}


@dataclass
class RowIssue:
    """One problem on one customer: skipped (reason), shortened or unencodable (field)."""

    customer_id: object
    reason: str
    column: str = ""
    detail: str = ""


@dataclass
class ExportReport:
    path: Path | None
    format: str
    rows_written: int = 0
    columns: list[str] = field(default_factory=list)
    skipped: list[RowIssue] = field(default_factory=list)
    shortened: list[RowIssue] = field(default_factory=list)
    unencodable: list[RowIssue] = field(default_factory=list)
    escaped_cells: int = 0
    pages: int = 0
    warnings: list[str] = field(default_factory=list)

    def skipped_by_reason(self) -> dict[str, int]:
        return dict(Counter(issue.reason for issue in self.skipped))

    def shortened_by_column(self) -> dict[str, int]:
        return dict(Counter(issue.column for issue in self.shortened))
