"""`backup`, `backups` and `restore`: safety copies of the workspace."""

from __future__ import annotations

from pathlib import Path

from app.cli.common import CliError, add_common, emit_json, open_workspace


def register(subparsers) -> None:
    p = subparsers.add_parser("backup", help="write a safety copy of the workspace now")
    add_common(p)
    p.set_defaults(handler=run_backup)
    p = subparsers.add_parser("backups", help="list the workspace's safety copies, newest first")
    add_common(p)
    p.set_defaults(handler=run_list)
    p = subparsers.add_parser(
        "restore", help="put a safety copy back (the current state is backed up first)"
    )
    add_common(p)
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--from", dest="source", metavar="FILE", help="the backup file to restore")
    source.add_argument("--latest", action="store_true", help="restore the newest backup")
    p.set_defaults(handler=run_restore)


def _item(b) -> dict:
    return {"file": str(b.path), "created_at": b.created_at.isoformat(timespec="seconds"),
            "reason": b.reason, "bytes": b.size}


def run_backup(args) -> int:
    from app.storage import backups

    with open_workspace(args.workspace) as ws:
        path = backups.snapshot(ws, "manual")
    if args.json:
        emit_json({"file": str(path)})
    else:
        print(f"Backup written to {path}")
    return 0


def run_list(args) -> int:
    from app.storage import backups

    found = backups.list_backups(Path(args.workspace).expanduser().resolve())
    if args.json:
        emit_json([_item(b) for b in found])
        return 0
    if not found:
        print("No backups yet.")
    for b in found:
        print(f"{b.label:<40} {b.size / 1024:>9,.0f} KB  {b.path}")
    return 0


def run_restore(args) -> int:
    from app.storage import backups

    workspace = Path(args.workspace).expanduser().resolve()
    if not workspace.exists():
        raise CliError(f"The workspace {workspace} does not exist.")
    source = backups.latest_backup(workspace).path if args.latest else Path(args.source)
    before = backups.restore(workspace, source)
    if args.json:
        emit_json({"restored": str(source), "previous_state_saved_to": str(before)})
    else:
        print(f"Restored {source.name}; the state before the restore was saved to {before}")
    return 0
