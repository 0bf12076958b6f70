"""`suppress` (add people who must never get marketing) and `erase` (forget a person)."""

from __future__ import annotations

from pathlib import Path

from app.cli.common import CliError, add_common, emit_json, open_workspace

REASONS = ("unsubscribed", "bounced", "complained")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "suppress", help="add unsubscribed/bounced/complained people to the suppression list",
        description="Reads a CSV or spreadsheet with an email and/or phone column (a reason "
        "column is read when present), or typed addresses with --text. Importing again only "
        "adds; the list is applied to every export.")
    add_common(p)
    p.add_argument("file", nargs="?", metavar="FILE", help="CSV/xlsx list to add")
    p.add_argument("--text", metavar="TEXT",
                   help="addresses or numbers, one per line (or separated by commas)")
    p.add_argument("--reason", default="unsubscribed", choices=REASONS,
                   help="reason for entries that do not state one")
    p.set_defaults(handler=run_suppress)

    p = subparsers.add_parser(
        "erase", help="erase a person on request (cannot be undone)",
        description="Removes the person from customers, their source rows and every value "
        "kept in the history; keeps only a salted hash so a re-import is flagged.")
    add_common(p)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--email", metavar="E")
    who.add_argument("--phone", metavar="P")
    who.add_argument("--customer", type=int, metavar="ID", help="customer id")
    p.set_defaults(handler=run_erase)


def run_suppress(args) -> int:
    from app.workers import export_tasks as tasks

    if bool(args.file) == bool(args.text):
        raise CliError("Give either a FILE or --text to add to the suppression list.")
    if args.file and not Path(args.file).is_file():
        raise CliError(f"{args.file} does not exist.")
    with open_workspace(args.workspace) as ws:
        if args.file:
            result = tasks.import_suppression_file(ws, args.file, reason=args.reason)
        else:
            text = args.text.replace(",", "\n") if "@" in args.text else args.text
            result = tasks.add_suppression_text(ws, text, reason=args.reason)
        counts = tasks.suppression_counts(ws)
    if args.json:
        emit_json({"source": result.source, "read": result.read, "added": result.added,
                   "already": result.already, "rejected": result.rejected,
                   "total": result.total, "by_reason": counts, "step": result.op_id})
        return 0
    print(f"{result.added:,} added to the suppression list from {result.source} "
          f"({result.already:,} already on it); the list now has {result.total:,} entries.")
    if result.rejected:
        print(f"note: {len(result.rejected):,} lines held no email or phone and were ignored, "
              f"e.g. {result.rejected[0]!r}")
    return 0


def run_erase(args) -> int:
    from app.workers import export_tasks as tasks

    with open_workspace(args.workspace) as ws:
        result = tasks.erase_person(ws, email=args.email, phone=args.phone,
                                    customer_id=args.customer)
    if args.json:
        emit_json({"step": result.op_id, "customer_records": len(result.customer_ids),
                   "source_rows": result.raw_rows, "history_values": result.history_entries,
                   "linked_rows": result.linked_rows, "hashes_kept": result.hashes,
                   "backup": str(result.backup) if result.backup else None})
        return 0
    print(f"Erased: {len(result.customer_ids)} customer record(s), {result.raw_rows} source "
          f"row(s), {result.history_entries} value(s) in the history. Only a salted hash is "
          "kept, so a re-import of this person will be flagged.")
    if result.backup:
        print(f"A safety copy from just before the erase is {result.backup}. It, and older "
              f"copies in {result.backup.parent}, still hold this person's data: delete them "
              "if the person asked to be removed everywhere.")
    return 0
