"""`export`: the full data dump (csv without a segment), or a mailing list with the consent
and suppression rules applied (every other format, and csv with a segment or tag)."""

from __future__ import annotations

from pathlib import Path

from app.cli.common import CliError, ProgressBar, add_common, emit_json, open_workspace

FORMATS = ("xlsx", "csv", "csv-gbk", "csv-utf8", "mailchimp", "hubspot", "brevo", "vcard",
           "mailmerge", "labels-pdf")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export", help="export customers (all, a segment or a tag) to a file",
        description="Without --segment/--tag, --format csv writes the full data dump. Every "
        "other export is a mailing list: people who said no to marketing, people on the "
        "suppression list and people the format cannot use are left out, and a summary says "
        "how many and why.")
    add_common(p)
    p.add_argument("--format", default="csv", choices=FORMATS, help="file format")
    p.add_argument("--out", required=True, metavar="PATH", help="file to write")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--segment", metavar="NAME",
                     help="a saved segment (or SEGMENT:LABEL, e.g. RFM:champions)")
    who.add_argument("--tag", metavar="TAG", help="customers with this tag")
    p.add_argument("--columns", metavar="A,B,...",
                   help="columns by role key or extra header (default: per format)")
    p.add_argument("--include-unknown-consent", action="store_true",
                   help="also include people whose consent is unknown")
    p.add_argument("--include-no-consent", action="store_true",
                   help="also include people who refused marketing (warned and logged)")
    p.add_argument("--layout", default="3x7", choices=["3x7", "2x7"],
                   help="label sheet for labels-pdf")
    p.add_argument("--lang", default="auto", choices=["auto", "zh", "en"],
                   help="salutation language for mailmerge")
    p.add_argument("--header", default="en", choices=["en", "zh", "key"],
                   help="column headers for xlsx/csv: English, Chinese or role keys")
    p.add_argument("--dry-run", action="store_true",
                   help="print the summary only; write nothing")
    p.set_defaults(handler=run)


def run(args) -> int:
    out = Path(args.out)
    if out.exists() and out.is_dir():
        raise CliError(f"{out} is a folder; give a file name to write.")
    if not out.parent.exists():
        raise CliError(f"The folder {out.parent} does not exist.")
    if args.format == "csv" and not (args.segment or args.tag or args.columns):
        return _full_dump(args, out)
    return _mailing_list(args, out)


def _full_dump(args, out: Path) -> int:
    from app.workers import usecases

    with open_workspace(args.workspace) as ws:
        count = usecases.export_full_csv(ws, out)
    if args.json:
        emit_json({"file": str(out), "rows": count, "format": args.format, "kind": "full_dump"})
    else:
        print(f"{count:,} customers written to {out}")
    return 0


def _mailing_list(args, out: Path) -> int:
    from app.workers import export_tasks as tasks

    if args.segment:
        audience = tasks.Audience.segment(args.segment)
    elif args.tag:
        audience = tasks.Audience.tag(args.tag)
    else:
        audience = tasks.Audience()
    columns = [c.strip() for c in args.columns.split(",") if c.strip()] if args.columns else None
    bar = ProgressBar()
    with open_workspace(args.workspace) as ws:
        plan = tasks.plan_export(
            ws, audience, format=args.format, columns=columns,
            include_unknown_consent=args.include_unknown_consent,
            include_no_consent=args.include_no_consent, layout=args.layout, lang=args.lang,
            header=args.header, progress=bar, cancel=bar.cancel,
        )
        done = None
        if not args.dry_run and plan.exported > 0:
            done = tasks.write_export(ws, plan, out, progress=bar, cancel=bar.cancel)
    bar.done()
    summary = tasks.summary(plan)
    if args.json:
        summary.update({"file": str(done.path) if done else None,
                        "rows_written": done.rows if done else 0,
                        "step": done.op_id if done else None,
                        "escaped_cells": done.report.escaped_cells if done else 0})
        emit_json(summary)
        return 0 if done or args.dry_run else 1
    print(f"From {plan.options['audience']} ({plan.options['audience_size']:,} customers):")
    print(tasks.summary_text(plan))
    for warning in plan.warnings:
        print(f"warning: {warning}")
    for column, n in plan.shortened.items():
        print(f"note: {n:,} values in {column} were shortened to fit the format")
    if args.dry_run:
        print("Dry run: nothing was written.")
        return 0
    if done is None:
        raise CliError("Nobody is left to export; no file was written.")
    print(f"{done.rows:,} customers written to {done.path}")
    return 0
