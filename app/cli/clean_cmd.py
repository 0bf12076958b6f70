"""`clean`: apply the suggested fixes (or preview them with --dry-run) as one undoable step."""

from __future__ import annotations

from app.cli.common import CliError, ProgressBar, add_common, emit_json, open_workspace


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "clean", help="apply the suggested fixes as one step (`undo` takes it back)")
    add_common(p)
    p.add_argument("--only", metavar="RULE,...",
                   help="apply only these rules (ids as listed by --dry-run)")
    p.add_argument("--recipe", metavar="NAME", help="apply the rules of a saved recipe")
    p.add_argument("--save-recipe", metavar="NAME",
                   help="keep the rules applied as a recipe for next month's file")
    p.add_argument("--region", default="CN",
                   help="country for phone numbers written without +code (default CN)")
    p.add_argument("--date-order", choices=("dmy", "mdy"),
                   help="day/month order of dates like 5/1/2023 (default: inferred per column)")
    p.add_argument("--fake", choices=("blank", "keep", "exclude"), default="blank",
                   help="fake and placeholder values (test@test.com, 13800000000, 张三): blank "
                        "the cell (default), keep it and only flag it, or exclude the customer")
    p.add_argument("--dry-run", action="store_true", help="show what would change; change nothing")
    p.add_argument("--examples", type=int, default=3, metavar="N",
                   help="examples per rule in the output (default 3)")
    p.set_defaults(handler=run)


def _value(v):
    return v if v is None or isinstance(v, str | int | float | bool | list) else str(v)


def run(args) -> int:
    from app.workers import clean_tasks

    only = [r.strip() for r in args.only.split(",") if r.strip()] if args.only else None
    if args.only is not None and not only:
        raise CliError("--only needs at least one rule id")
    settings = clean_tasks.CleanSettings(args.region.upper(), args.date_order, args.fake)
    bar = ProgressBar(enabled=None if not args.json else False)
    with open_workspace(args.workspace) as ws:
        run_ = clean_tasks.clean_workspace(ws, only, recipe=args.recipe,
                                           save_recipe=args.save_recipe, settings=settings,
                                           dry_run=args.dry_run, progress=bar, cancel=bar.cancel)
    bar.done()
    plan, result = run_.plan, run_.result
    rules = [r for r in plan.rules if only is None or r.rule_id in only]
    data = {
        "dry_run": run_.dry_run,
        "step": result.op_id,
        "customers_changed": result.customers,
        "cells_changed": result.cells,
        "score_before": result.score_before,
        "score_after": result.score_after,
        "rules": [{"rule": r.rule_id, "field": r.field, "label": r.label, "count": r.count,
                   "examples": [[_value(o), _value(n)] for o, n in r.examples[:args.examples]]}
                  for r in rules],
        "fake": plan.fake_action,
        "excluded_customers": len(plan.excluded),
        "suggestions": [{"customer_id": s.customer_id, "field": s.field, "value": s.value,
                         "rule": s.rule_id} for s in plan.suggestions],
    }
    if args.json:
        emit_json(data)
        return 0
    for r in rules:
        shown = "; ".join(f"{o!r} → {n!r}" for o, n in r.examples[:args.examples])
        print(f"{r.count:>8,}  {r.rule_id:<20} {r.label}")
        if shown:
            print(f"{'':10}e.g. {shown[:150]}")
    if plan.suggestions:
        print(f"{len(plan.suggestions):>8,}  suggestions not applied (e.g. phone numbers found in "
              "notes; --json lists them)")
    if plan.excluded:
        print(f"{len(plan.excluded):>8,}  customers with fake values "
              f"{'would be' if run_.dry_run else 'were'} excluded (kept in the workspace, "
              "left out of lists and exports)")
    if run_.dry_run:
        print(f"Dry run: nothing changed. Quality score now {result.score_before:.1f}/100.")
    elif result.op_id is None:
        print("Nothing to clean: every value is already in its clean form.")
    else:
        print(f"Step {result.op_id}: {result.cells:,} cells changed in {result.customers:,} "
              f"customers. Quality score {result.score_before:.1f} → {result.score_after:.1f}. "
              "`undo` takes it back.")
    return 0
