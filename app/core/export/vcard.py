"""vCard (.vcf) writer for importing contacts into phones: version 3.0 (RFC 2426, what most
phones and Outlook read) or 4.0 (RFC 6350).

Text values escape backslash, comma, semicolon and newlines; lines longer than 75 octets are
folded (CRLF + space) without ever cutting a UTF-8 character in half.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from app.core.export.atomic import atomic_path
from app.core.export.contacts import is_mobile, normalize_email, normalize_phone
from app.core.export.names import clean_name, split_name
from app.core.export.report import ExportReport, RowIssue
from app.core.export.table import as_text, plain
from app.core.progress import ProgressFn, check_cancel, no_progress

FOLD_AT = 75  # octets per physical line, CRLF excluded


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def fold_line(line: str) -> str:
    """Fold one content line at 75 octets; continuation lines start with one space."""
    data = line.encode("utf-8")
    if len(data) <= FOLD_AT:
        return line
    pieces, start, limit = [], 0, FOLD_AT
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # inside a UTF-8 sequence
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start, limit = end, FOLD_AT - 1  # the leading space counts on later lines
    return "\r\n ".join(pieces)


def unfold(text: str) -> list[str]:
    """Logical lines of a vCard file (the reverse of fold_line), for checks and tests."""
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def vcard_lines(row: pd.Series, version: str = "3.0") -> list[str] | None:
    name = clean_name(row.get("name"))
    email = normalize_email(row.get("email"))
    phone = normalize_phone(row.get("phone"))
    if not (name or email or phone):
        return None
    family, given = split_name(name)
    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    lines.append(f"FN:{escape_text(name or email or phone)}")
    lines.append(f"N:{escape_text(family)};{escape_text(given)};;;")
    company = as_text(row.get("company")).strip()
    if company:
        lines.append(f"ORG:{escape_text(company)}")
    kind = "CELL" if is_mobile(phone) else "VOICE"
    if phone and version == "4.0":
        lines.append(f'TEL;VALUE=uri;TYPE="{kind.lower()}":tel:{phone}')
    elif phone:
        lines.append(f"TEL;TYPE={kind}:{phone}")
    for other in row.get("alt_phones") or []:
        alt = normalize_phone(other)
        if alt and alt != phone:
            lines.append(f"TEL:{alt}" if version == "3.0" else f"TEL;VALUE=uri:tel:{alt}")
    if email:
        lines.append(f"EMAIL;TYPE=INTERNET:{email}" if version == "3.0" else f"EMAIL:{email}")
    street = " ".join(as_text(row.get(k)).strip() for k in ("district", "address")).strip()
    city, region = as_text(row.get("city")).strip(), as_text(row.get("province")).strip()
    if street or city or region:
        parts = ["", "", street, city, region, "", ""]
        lines.append("ADR:" + ";".join(escape_text(p) for p in parts))
    birthday = as_text(row.get("birthday")).strip()[:10]
    if len(birthday) == 10 and birthday[4] == "-":
        lines.append(f"BDAY:{birthday}" if version == "3.0" else f"BDAY:{birthday.replace('-', '')}")
    notes = as_text(row.get("notes")).strip()
    if notes:
        lines.append(f"NOTE:{escape_text(notes)}")
    lines.append("END:VCARD")
    return lines


def write_vcard(
    customers: pd.DataFrame,
    path: str | os.PathLike,
    columns: Sequence[str] | None = None,
    *,
    version: str = "3.0",
    progress: ProgressFn | None = None,
    cancel=None,
) -> ExportReport:
    """One vCard per customer. `columns` limits which fields go in (name always does)."""
    if version not in ("3.0", "4.0"):
        raise ValueError("vCard version must be 3.0 or 4.0")
    progress = progress or no_progress
    report = ExportReport(path=None, format="vcard", columns=list(columns or []))
    frame = customers
    if columns:
        dropped = [k for k in ("phone", "email", "company", "address", "district", "city",
                               "province", "birthday", "notes") if k not in columns]
        frame = customers.drop(columns=[k for k in dropped if k in customers.columns])
    total = max(len(frame), 1)
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        for n, (_, row) in enumerate(frame.iterrows()):
            if n % 500 == 0:
                check_cancel(cancel)
                progress(n / total, "")
            lines = vcard_lines(row, version)
            if lines is None:
                report.skipped.append(RowIssue(plain(row.get("customer_id")), "no_contact"))
                continue
            fh.write("".join(fold_line(line) + "\r\n" for line in lines))
            report.rows_written += 1
        check_cancel(cancel)
    report.path = Path(path)
    progress(1.0, "")
    return report
