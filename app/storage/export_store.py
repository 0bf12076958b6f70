"""Suppression list, exports log and erasing a person (schema v2 tables `suppression`,
`exports`).

Suppression rows are inserted inside an Operation with before/after images, so importing a
list can be undone like any step. Erasing is the one deliberate exception: it removes the
person's values everywhere, including the operation log, so it cannot be undone and records
only counts (oplog refuses to undo kind 'erase').
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.core.export.suppression import SuppressionEntry, SuppressionList, hash_identity
from app.core.i18n import QT_TRANSLATE_NOOP, Summary
from app.storage.segment_store import forget_customers, insert_many
from app.storage.workspace import Operation, Workspace, log_text, now_iso, stored_summary

ERASING = QT_TRANSLATE_NOOP("history",
                            "Erase a person on request: {n} customer record(s) removed")
ERASED = QT_TRANSLATE_NOOP(
    "history", "Erase a person on request: {n} customer record(s) and {rows} source row(s) "
    "removed, {values} history value(s) scrubbed")
FLAGGED_ERASED = QT_TRANSLATE_NOOP("history", "{step}; {n} matched an erased person (flagged)")

SALT_KEY = "identity_salt"
SUPPRESSION_COLUMNS = ("email", "phone", "identity_hash", "reason", "source", "added_at")
# Tables that point at a customer: their rows go with an erased person.
CUSTOMER_REFERENCES = (
    ("segment_members", "customer_id"),
    ("tags", "customer_id"),
    ("orders", "customer_id"),
)


def identity_salt(ws: Workspace) -> str:
    salt = ws.get_meta(SALT_KEY)
    if not salt:  # v2 migration writes one; a hand-made workspace might lack it
        import secrets

        salt = secrets.token_hex(16)
        ws.set_meta(SALT_KEY, salt)
    return salt


def load_suppression(ws: Workspace) -> SuppressionList:
    """The workspace's suppression list, erased-people hashes and salt included."""
    entries, hashes = [], set()
    for email, phone, identity, reason, source, added_at in ws.conn.execute(
        f"SELECT {', '.join(SUPPRESSION_COLUMNS)} FROM suppression ORDER BY id"
    ):
        if identity:
            hashes.add(identity)
        if email or phone:
            entries.append(SuppressionEntry(email, phone, reason, source or "", added_at))
    return SuppressionList(entries, hashes, identity_salt(ws))


def suppression_counts(ws: Workspace) -> dict[str, int]:
    """reason -> entries ('erased' counts erased people's hashes)."""
    return dict(ws.conn.execute("SELECT reason, COUNT(*) FROM suppression GROUP BY reason"))


def add_suppression(op: Operation, entries: Iterable[SuppressionEntry],
                    current: SuppressionList) -> int:
    """Insert entries not already on `current` (which is updated); returns how many were new."""
    fresh = []
    for entry in entries:
        if current.add([entry]):
            fresh.append((entry.email, entry.phone, None, entry.reason, entry.source,
                          entry.added_at))
    insert_many(op, "suppression", SUPPRESSION_COLUMNS, fresh)
    return len(fresh)


def record_export(op: Operation, *, segment: str, format: str, columns: list[str], rows: int,
                  left_out: dict[str, int], file_name: str) -> int:
    return op.insert("exports", {
        "op_id": op.id, "exported_at": now_iso(), "segment": segment, "format": format,
        "columns": json.dumps(columns, ensure_ascii=False), "rows": rows,
        "left_out": json.dumps(left_out, ensure_ascii=False), "file_name": file_name,
    })


def list_exports(ws: Workspace) -> list[dict]:
    cur = ws.conn.execute(
        "SELECT id, op_id, exported_at, segment, format, columns, rows, left_out, file_name "
        "FROM exports ORDER BY id")
    names = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        item = dict(zip(names, row, strict=True))
        item["columns"] = json.loads(item["columns"] or "[]")
        item["left_out"] = json.loads(item["left_out"] or "{}")
        out.append(item)
    return out


# ---------------------------------------------------------------- finding and erasing people

PERSON_COLUMNS = ("id", "name", "phone", "email", "company", "city")


def find_people(ws: Workspace, *, email: str | None = None, phone: str | None = None,
                customer_id: int | None = None, text: str | None = None,
                limit: int = 50) -> list[dict]:
    """Active customers matching an exact email/phone (normalised, alternates included), an id,
    or free text (a substring of name, phone, email or company)."""
    from app.core.export.contacts import email_key, phone_key

    cols = ", ".join(PERSON_COLUMNS)
    base = f"SELECT {cols}, alt_phones, alt_emails FROM customers WHERE status = 'active'"
    if customer_id is not None:
        rows = ws.conn.execute(base + " AND id = ?", (int(customer_id),)).fetchall()
    elif text is not None:
        like = f"%{text.strip()}%"
        rows = ws.conn.execute(
            base + " AND (name LIKE ? OR CAST(phone AS TEXT) LIKE ? OR email LIKE ? "
            "OR company LIKE ? OR alt_phones LIKE ? OR alt_emails LIKE ?) ORDER BY id LIMIT ?",
            (like, like, like, like, like, like, limit)).fetchall()
    else:
        want_email = email_key(email) if email else None
        want_phone = phone_key(phone) if phone else None
        if not (want_email or want_phone):
            return []
        rows = []
        # Exact normalised match: scan only rows whose raw text could hold it.
        probe = want_email or want_phone[-4:]  # last digits: no separator inside them
        for row in ws.conn.execute(
            base + " AND (email LIKE ? OR CAST(phone AS TEXT) LIKE ? OR alt_phones LIKE ? "
            "OR alt_emails LIKE ?)", (f"%{probe}%",) * 4,
        ):
            emails = [row[3], *json.loads(row[7] or "[]")]
            phones = [row[2], *json.loads(row[6] or "[]")]
            if (want_email and want_email in {email_key(e) for e in emails if e}) or (
                want_phone and want_phone in {phone_key(p) for p in phones if p}
            ):
                rows.append(row)
    return [dict(zip(PERSON_COLUMNS, r[:len(PERSON_COLUMNS)], strict=True)) for r in rows]


@dataclass
class EraseResult:
    op_id: int
    customer_ids: list[int]  # the active customer and every record merged into it
    raw_rows: int
    history_entries: int  # before/after images removed from the operation log
    linked_rows: dict[str, int] = field(default_factory=dict)  # orders, tags, segment members
    hashes: int = 0
    # The safety copy written just before the erase: it (and older copies) still hold the
    # person's data until deleted or pushed out by the retention limit.
    backup: Path | None = None


def _records_of(ws: Workspace, customer_id: int) -> list[int]:
    """The customer and, recursively, every record merged into it."""
    ids, frontier = [customer_id], [customer_id]
    while frontier:
        marks = ",".join("?" * len(frontier))
        frontier = [r[0] for r in ws.conn.execute(
            f"SELECT id FROM customers WHERE merged_into IN ({marks})", frontier)
            if r[0] not in ids]
        ids += frontier
    return ids


def _in(ids: list[int]) -> str:
    return ",".join(str(int(i)) for i in ids)


def erase_customer(ws: Workspace, customer_id: int) -> EraseResult:
    """Remove a person from customers, raw rows, linked tables and every stored history value;
    keep only salted hashes of their emails and phones in the suppression list."""
    from app.core.errors import UsageProblem
    from app.core.i18n import QT_TRANSLATE_NOOP

    status = ws.conn.execute("SELECT status FROM customers WHERE id = ?",
                             (int(customer_id),)).fetchone()
    if status is None or status[0] != "active":
        raise UsageProblem(QT_TRANSLATE_NOOP("errors", "There is no customer number {id}."),
                           id=customer_id)
    salt = identity_salt(ws)
    ids = _records_of(ws, int(customer_id))
    id_list = _in(ids)
    values: set[str] = set()
    for phone, email, alt_phones, alt_emails in ws.conn.execute(
        f"SELECT phone, email, alt_phones, alt_emails FROM customers WHERE id IN ({id_list})"
    ):
        for value in (phone, email, *json.loads(alt_phones or "[]"),
                      *json.loads(alt_emails or "[]")):
            if value not in (None, ""):
                values.add(str(int(value)) if isinstance(value, float) else str(value))
    hashes = {hash_identity(v, salt) for v in values}
    known = {r[0] for r in ws.conn.execute(
        "SELECT identity_hash FROM suppression WHERE identity_hash IS NOT NULL")}
    raw_ids = [r[0] for r in ws.conn.execute(
        f"SELECT raw_row_id FROM customers WHERE id IN ({id_list}) AND raw_row_id IS NOT NULL")]

    summary = Summary(ERASING, n=len(ids))
    from app.storage import backups

    # A wrong person erased can only come back from a copy: take one, outside the transaction.
    backup = backups.before_step(ws, "erase")
    # Overwrite freed pages with zeros, so the values are gone from the file, not just unlinked.
    ws.conn.execute("PRAGMA secure_delete = ON")
    with ws.operation("erase", summary, {}) as op:
        conn = op.conn
        linked: dict[str, int] = {}
        scrub: list[tuple[str, list[int]]] = [("customers", ids), ("raw_rows", raw_ids)]
        for table, column in CUSTOMER_REFERENCES:
            rows = [r[0] for r in conn.execute(
                f"SELECT id FROM {table} WHERE {column} IN ({id_list})")]
            if rows:
                conn.execute(f"DELETE FROM {table} WHERE id IN ({_in(rows)})")
                linked[table] = len(rows)
                scrub.append((table, rows))
        # Stored RFM / k-means runs hold customer ids and values too (not in op_changes).
        in_runs = forget_customers(conn, ids)
        if in_runs:
            linked["segment_members"] = linked.get("segment_members", 0) + in_runs
        pairs = [r[0] for r in conn.execute(
            f"SELECT id FROM pair_decisions WHERE a IN ({id_list}) OR b IN ({id_list})")]
        if pairs:
            conn.execute(f"DELETE FROM pair_decisions WHERE id IN ({_in(pairs)})")
            scrub.append(("pair_decisions", pairs))
        # One statement: SQLite checks the merged_into self-references at its end.
        conn.execute(f"DELETE FROM customers WHERE id IN ({id_list})")
        if raw_ids:
            conn.execute(f"DELETE FROM raw_rows WHERE id IN ({_in(raw_ids)})")
        scrubbed = 0
        for table, rows in scrub:
            for start in range(0, len(rows), 900):
                chunk = _in(rows[start:start + 900])
                scrubbed += conn.execute(
                    f"DELETE FROM op_changes WHERE tbl = ? AND row_id IN ({chunk})", (table,)
                ).rowcount
        stamp = now_iso()
        new_hashes = sorted(hashes - known)
        conn.executemany(
            "INSERT INTO suppression (email, phone, identity_hash, reason, source, added_at) "
            "VALUES (NULL, NULL, ?, 'erased', 'erase', ?)", [(h, stamp) for h in new_hashes])
        op.summary = Summary(ERASED, n=len(ids), rows=len(raw_ids), values=scrubbed)
        op.params = {"customers": len(ids), "source_rows": len(raw_ids),
                     "history_values": scrubbed, "linked": linked, "hashes": len(hashes)}
        result = EraseResult(op.id, ids, len(raw_ids), scrubbed, linked, len(hashes),
                             backup=backup)
    ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # old page images leave the WAL too
    ws.conn.execute("PRAGMA secure_delete = OFF")
    return result


def flag_reimported(ws: Workspace, op_id: int, suppression: SuppressionList) -> list[int]:
    """Flag customers created by import `op_id` that match an erased person's hash.

    The flag is written without a history image on purpose: the customers belong to that
    import, whose undo removes them anyway."""
    from app.core.export.select import flag_erased_matches
    from app.storage.customers import load_customers

    if not suppression.erased_hashes:
        return []
    ids = [r[0] for r in ws.conn.execute(
        "SELECT id FROM customers WHERE created_op = ? AND status = 'active'", (op_id,))]
    if not ids:
        return []
    found = []
    for start in range(0, len(ids), 5000):  # bounded IN lists on a big import
        frame = load_customers(ws, with_sources=False, ids=ids[start:start + 5000])
        found += [int(c) for c in flag_erased_matches(frame, suppression)]
    if not found:
        return []
    flags = dict(ws.conn.execute(f"SELECT id, flags FROM customers WHERE id IN ({_in(found)})"))
    with ws.transaction() as conn:
        for cid in found:
            current = json.loads(flags.get(cid) or "{}")
            current["erased_match"] = "erased"
            conn.execute("UPDATE customers SET flags = ? WHERE id = ?",
                         (json.dumps(current, ensure_ascii=False), cid))
        text, params = conn.execute("SELECT summary, params FROM operations WHERE id = ?",
                                    (op_id,)).fetchone()
        params = json.loads(params or "{}")
        summary = Summary(FLAGGED_ERASED, step=stored_summary(text, params), n=len(found))
        conn.execute("UPDATE operations SET summary = ?, params = ? WHERE id = ?",
                     (*log_text(summary, params), op_id))
    return found
