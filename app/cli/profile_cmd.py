"""`profile`: how bad is the data? Per column filled %, valid %, distinct, top values, fakes;
the quality score and what drags it down."""

from __future__ import annotations

from app.cli.common import ProgressBar, add_common, emit_json, open_workspace


def register(subparsers) -> None:
    p = subparsers.add_parser("profile", help="data quality per column and a 0-100 score")
    add_common(p)
    p.add_argument("--region", default="CN",
                   help="country for phone numbers written without +code (default CN)")
    p.set_defaults(handler=run)


def drag_text(drag) -> str:
    return drag.template.format(**drag.params)


def report_data(report, previous=None) -> dict:
    return {
        "rows": report.rows,
        "score": report.score,
        "previous_score": previous,
        "drags": [{"field": d.field, "issue": d.issue, "points": d.points, "text": drag_text(d)}
                  for d in report.drags],
        "columns": [{"field": c.field, "filled": c.filled, "filled_pct": round(c.filled_pct, 1),
                     "valid": c.valid, "valid_pct": round(c.valid_pct, 1),
                     "nonstandard": c.nonstandard,
                     "nonstandard_pct": round(c.nonstandard_pct, 1), "distinct": c.distinct,
                     "fake": c.fake, "top_values": [[v, n] for v, n in c.top_values]}
                    for c in report.columns],
    }


def run(args) -> int:
    from app.workers import clean_tasks

    bar = ProgressBar(enabled=None if not args.json else False)
    with open_workspace(args.workspace) as ws:
        checked = clean_tasks.profile_workspace(ws, region=args.region.upper(), progress=bar,
                                                cancel=bar.cancel)
    bar.done()
    report = checked.report
    if args.json:
        emit_json(report_data(report, checked.previous_score))
        return 0
    before = (f" (last check: {checked.previous_score:.1f})"
              if checked.previous_score is not None else "")
    print(f"Quality score: {report.score:.1f}/100 over {report.rows:,} customers{before}")
    if report.drags:
        print("What drags it down:")
        for d in report.drags[:8]:
            print(f"  -{d.points:4.1f}  {drag_text(d)}")
    # valid: holds a usable value of its kind; needs format: of the filled cells, usable ones
    # Clean will still rewrite into the standard form (13800138000 -> +8613800138000).
    # Counts reach 1,048,576 (9 characters): a space before each column keeps them apart.
    print(f"{'field':<15}{'filled':>8}{'valid':>8}{'needs format':>14}{'distinct':>11}"
          f"{'fake':>11}  top values")
    for c in report.columns:
        top = ", ".join(f"{v} ({n})" for v, n in c.top_values[:3])
        print(f"{c.field:<15}{c.filled_pct:>7.1f}%{c.valid_pct:>7.1f}%{c.nonstandard_pct:>13.1f}%"
              f" {c.distinct:>10,} {c.fake:>10,}  {top[:60]}")
    return 0
