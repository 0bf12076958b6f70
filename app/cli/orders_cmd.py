"""`orders FILE`: purchase lines linked to customers, for RFM."""

from __future__ import annotations

from app.cli.common import ProgressBar, add_common, emit_json, open_workspace


def register(subparsers) -> None:
    p = subparsers.add_parser("orders", help="import purchase lines and link them to customers")
    p.add_argument("file", metavar="FILE")
    add_common(p)
    p.add_argument("--sheet", help="read only this sheet")
    p.add_argument("--show", type=int, default=10, metavar="N",
                   help="unlinked lines to list in the text output (default 10)")
    p.set_defaults(handler=run)


def run(args) -> int:
    from app.workers import segment_tasks

    bar = ProgressBar(enabled=None if not args.json else False)
    with open_workspace(args.workspace) as ws:
        report = segment_tasks.import_orders(ws, args.file, sheet=args.sheet, progress=bar,
                                             cancel=bar.cancel)
    bar.done()
    data = {
        "file": report.file_name, "content_hash": report.content_hash,
        "already_imported_at": report.already_imported_at, "sheets": report.sheets,
        "roles": report.roles, "lines": report.lines, "linked": report.linked,
        "unlinked": report.lines - report.linked - report.counts.get("duplicate_order", 0),
        "counts": report.counts, "unlinked_lines": report.unlinked,
        "skipped_rows": report.skipped_rows,
    }
    if args.json:
        emit_json(data)
        return 0
    if report.already_imported_at:
        print(f"{report.file_name}: already imported on {report.already_imported_at}; "
              f"nothing added ({report.lines:,} lines, {report.linked:,} linked).")
        return 0
    from app.core.segments.orders import STATUS_LABELS

    print(f"{report.file_name}: {report.lines:,} purchase lines, {report.linked:,} linked "
          f"to customers, {data['unlinked']:,} not linked.")
    for status, count in report.counts.items():
        print(f"  {STATUS_LABELS.get(status, status)}: {count:,}")
    for line in report.unlinked[:args.show]:
        who = line["phone"] or line["email"] or ""
        print(f"  row {line['row']} {line['order_id'] or ''} {who}: {line['reason_en']}")
    if len(report.unlinked) > args.show:
        print(f"  … and {len(report.unlinked) - args.show:,} more lines not linked "
              "(--json lists them all)")
    for row in report.skipped_rows[:5]:
        print(f"  row {row['row']} of {row['sheet']} not read: {row['reason']}")
    return 0
