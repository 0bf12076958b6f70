"""`export`: write customers to a file."""

from __future__ import annotations

from pathlib import Path

from app.cli.common import CliError, add_common, emit_json, open_workspace


def register(subparsers) -> None:
    p = subparsers.add_parser("export", help="export customers (all, or a segment) to a file")
    add_common(p)
    p.add_argument("--format", default="csv", choices=["csv"], help="file format")
    p.add_argument("--out", required=True, metavar="PATH", help="file to write")
    p.set_defaults(handler=run)


def run(args) -> int:
    from app.workers import usecases

    out = Path(args.out)
    if out.exists() and out.is_dir():
        raise CliError(f"{out} is a folder; give a file name to write.")
    with open_workspace(args.workspace) as ws:
        count = usecases.export_full_csv(ws, out)
    if args.json:
        emit_json({"file": str(out), "rows": count, "format": args.format})
    else:
        print(f"{count:,} customers written to {out}")
    return 0
