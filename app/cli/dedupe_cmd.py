"""`dedupe` (auto-merge sure duplicates, write/read a review file) and `unmerge`."""

from __future__ import annotations

from app.cli.common import ProgressBar, add_common, emit_json, open_workspace


def register(subparsers) -> None:
    p = subparsers.add_parser("dedupe", help="merge sure duplicates; list the unsure ones")
    add_common(p)
    p.add_argument("--review-file", metavar="F",
                   help="write the unsure pairs to F (.xlsx, .csv or .json) to fill in "
                        "same/different")
    p.add_argument("--decisions", metavar="F",
                   help="a filled review file: apply its same/different answers first")
    p.add_argument("--no-merge", action="store_true",
                   help="only report; merge nothing automatically")
    p.add_argument("--purchases", choices=["most_recent", "sum"], default="most_recent",
                   help="orders and totals of a merged customer: from the newest record "
                        "(default) or summed")
    p.set_defaults(handler=run_dedupe)
    p = subparsers.add_parser("unmerge", help="take one merged customer apart again")
    add_common(p)
    p.add_argument("--customer", type=int, required=True, metavar="ID",
                   help="the merged customer's id")
    p.set_defaults(handler=run_unmerge)


def run_dedupe(args) -> int:
    from app.core.dedup import SurvivorshipRules
    from app.workers import dedup_tasks

    rules = SurvivorshipRules(purchases=args.purchases)
    bar = ProgressBar(enabled=None if not args.json else False)
    out: dict = {}
    with open_workspace(args.workspace) as ws:
        if args.decisions:
            decisions = dedup_tasks.read_decisions_file(args.decisions)
            out["decisions_applied"] = dedup_tasks.record_decisions(ws, decisions)
        run = dedup_tasks.find(ws, progress=bar, cancel=bar.cancel)
        bar.done()
        result = run.result
        report = None
        if not args.no_merge:
            report = dedup_tasks.apply_sure_merges(ws, result, rules)
        if args.review_file:
            out["review_file"] = args.review_file
            out["review_pairs_written"] = dedup_tasks.write_review_file(run, args.review_file)
    data = result.to_json()
    merges = [{"survivor": m.survivor_id, "merged": m.merged_ids}
              for m in (report.merges if report else [])]
    out.update(
        linking=run.linking,
        candidate_pairs=result.counts["candidate_pairs"],
        sure_merges=len(merges),
        customers_merged=sum(len(m["merged"]) for m in merges),
        merges=merges,
        unsure_pairs=data["unsure"],
        clusters=result.clusters,
        seconds=round(result.seconds, 3),
        counts=result.counts,
    )
    if args.json:
        emit_json(out)
        return 0
    print(f"{result.counts['records']:,} customers, {out['candidate_pairs']:,} candidate pairs "
          f"compared in {out['seconds']:.1f} s" + (" (new rows vs existing)" if run.linking else ""))
    if args.no_merge:
        print(f"{len(result.clusters):,} groups of sure duplicates found (not merged: --no-merge)")
    else:
        print(f"{len(merges):,} groups of sure duplicates merged "
              f"({out['customers_merged']:,} customers); undo one with `unmerge --customer ID`")
    print(f"{len(result.unsure):,} pairs need a look"
          + (f"; written to {args.review_file}" if args.review_file else
             " (use --review-file F to review them in Excel)"))
    return 0


def run_unmerge(args) -> int:
    from app.workers import dedup_tasks

    with open_workspace(args.workspace) as ws:
        report = dedup_tasks.unmerge(ws, args.customer)
    if args.json:
        emit_json({"op_id": report.op_id, "survivor": report.survivor_id,
                   "restored": report.restored_ids,
                   "dropped_edits": {k: list(v) for k, v in report.dropped_edits.items()}})
        return 0
    print(f"Customer {report.survivor_id} taken apart: customers "
          f"{', '.join(map(str, report.restored_ids))} are back.")
    for key, (old, new) in report.dropped_edits.items():
        print(f"  note: the later edit of {key} ({old!r} -> {new!r}) was dropped")
    return 0
