"""`history` and `undo`."""

from __future__ import annotations

from app.cli.common import add_common, emit_json, open_workspace


def register(subparsers) -> None:
    p = subparsers.add_parser("history", help="list every step done in the workspace")
    add_common(p)
    p.set_defaults(handler=run_history)
    p = subparsers.add_parser("undo", help="undo the last step (or --step N)")
    add_common(p)
    p.add_argument("--step", type=int, help="the step number shown by `history`")
    p.set_defaults(handler=run_undo)


def run_history(args) -> int:
    from app.workers import usecases

    with open_workspace(args.workspace) as ws:
        entries = usecases.history(ws)
    if args.json:
        emit_json([e.__dict__ for e in entries])
        return 0
    if not entries:
        print("No steps yet.")
    for e in entries:
        state = "  (undone)" if e.undone_at else ""
        print(f"{e.id:>4}  {e.created_at}  {e.kind:<8} {e.summary}{state}")
    return 0


def run_undo(args) -> int:
    from app.workers import usecases

    with open_workspace(args.workspace) as ws:
        step = usecases.undo(ws, args.step)
    if args.json:
        emit_json(step.__dict__)
    else:
        print(step.summary)
    return 0
