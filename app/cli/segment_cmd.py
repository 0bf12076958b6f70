"""`segment` (rule / RFM / k-means), `segments` (list with sizes) and `tag`."""

from __future__ import annotations

from app.cli.common import CliError, ProgressBar, add_common, emit_json, open_workspace


def register(subparsers) -> None:
    p = subparsers.add_parser("segment", help="make a segment: a rule, RFM classes or k-means personas")
    add_common(p)
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--rule", metavar="EXPR",
                     help="e.g. \"城市 = 广州 and last_purchase within 90 days\" (needs --name)")
    how.add_argument("--rfm", action="store_true", help="RFM scores and the eight classes")
    how.add_argument("--kmeans", action="store_true", help="automatic groups (personas)")
    p.add_argument("--name", help="segment name (rules; RFM and k-means have defaults)")
    p.add_argument("--reference-date", "--as-of", dest="reference_date", metavar="YYYY-MM-DD",
                   help="RFM reference date (default today)")
    p.add_argument("--k", type=int, help="number of groups (default: the recommended k)")
    p.add_argument("--features", metavar="a,b,c", help="fields to cluster on (default RFM, employees)")
    p.set_defaults(handler=run_segment)

    p = subparsers.add_parser("segments", help="list saved segments with their sizes")
    add_common(p)
    p.set_defaults(handler=run_list)

    p = subparsers.add_parser("tag", help="add or remove a tag on a segment or on customers")
    add_common(p)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--add", metavar="TAG")
    what.add_argument("--remove", metavar="TAG")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--segment", metavar="NAME", help='a segment, or "RFM:重要价值客户"')
    who.add_argument("--customer", type=int, nargs="+", metavar="ID")
    p.set_defaults(handler=run_tag)


def _rfm_json(report) -> dict:
    return {
        "kind": "rfm", "name": report.name, "reference_date": report.reference_date,
        "source": report.source, "customers": report.customers, "buyers": report.buyers,
        "relinked_lines": report.relinked, "classes": report.classes,
        "segments": report.segments, "thresholds": report.thresholds,
        "grid": {"rows_f_score": [int(i) for i in report.grid.index],
                 "columns_r_score": [int(c) for c in report.grid.columns],
                 "counts": report.grid.to_numpy().tolist()},
    }


def _kmeans_json(report) -> dict:
    return {
        "kind": "kmeans", "name": report.name, "k": report.k,
        "recommended_k": report.recommended_k, "elbow_k": report.elbow_k,
        "reason": report.reason_en, "reason_zh": report.reason_zh,
        "silhouette": report.silhouette, "inertia": report.inertia,
        "features": report.features, "personas": report.personas,
        "sizes": [p["size"] for p in report.personas],
    }


def run_segment(args) -> int:
    from app.workers import segment_tasks

    bar = ProgressBar(enabled=None if not args.json else False)
    with open_workspace(args.workspace) as ws:
        if args.rule is not None:
            if not args.name:
                raise CliError("--rule needs --name: the name to save the segment under.")
            size = segment_tasks.save_rule_segment(ws, args.name, args.rule)
            text = segment_tasks.to_rule(args.rule)
            from app.core.segments.rule_text import rule_to_text

            data = {"kind": "rule", "name": args.name, "rule": rule_to_text(text), "size": size}
        elif args.rfm:
            report = segment_tasks.run_rfm(ws, args.reference_date,
                                           name=args.name or segment_tasks.RFM_NAME,
                                           progress=bar, cancel=bar.cancel)
            data = _rfm_json(report)
        else:
            features = [f.strip() for f in args.features.split(",")] if args.features else None
            report = segment_tasks.run_kmeans(ws, features, args.k,
                                              name=args.name or segment_tasks.KMEANS_NAME,
                                              progress=bar, cancel=bar.cancel)
            data = _kmeans_json(report)
    bar.done()
    if args.json:
        emit_json(data)
    else:
        _print(data)
    return 0


def _print(data: dict) -> None:
    if data["kind"] == "rule":
        print(f"Segment “{data['name']}” saved: {data['size']:,} customers match {data['rule']}")
    elif data["kind"] == "rfm":
        print(f"RFM as of {data['reference_date']} from {data['source']}: "
              f"{data['customers']:,} customers, {data['buyers']:,} bought.")
        for c in data["classes"]:
            print(f"  {c['class_zh']} ({c['class_en']}): {c['size']:,}")
    else:
        print(f"{data['k']} groups (recommended k = {data['recommended_k']}). {data['reason']}")
        for p in data["personas"]:
            print(f"  {p['cluster']}. {p['name']}: {p['description_zh']}")


def run_list(args) -> int:
    from app.workers import segment_tasks

    with open_workspace(args.workspace) as ws:
        segments = segment_tasks.list_segments(ws)
        tags = segment_tasks.tag_counts(ws)
    data = {"segments": [{"name": s.name, "kind": s.kind, "size": s.size, "definition": s.text,
                          "parts": [{"label": lab, "size": n} for lab, n in s.labels]}
                         for s in segments],
            "tags": tags}
    if args.json:
        emit_json(data)
        return 0
    if not segments:
        print("No segments yet.")
    for s in data["segments"]:
        print(f"{s['name']} [{s['kind']}]: {s['size']:,} customers  {s['definition']}")
        for part in s["parts"]:
            print(f"    {part['label']}: {part['size']:,}")
    for tag, count in tags.items():
        print(f"tag {tag}: {count:,} customers")
    return 0


def run_tag(args) -> int:
    from app.workers import segment_tasks

    with open_workspace(args.workspace) as ws:
        ids = (segment_tasks.segment_customer_ids(ws, args.segment) if args.segment
               else args.customer)
        if args.add is not None:
            changed = segment_tasks.add_tag(ws, args.add, ids)
            verb, tag = "added to", args.add
        else:
            changed = segment_tasks.remove_tag(ws, args.remove, ids)
            verb, tag = "removed from", args.remove
        total = len(segment_tasks.tag_customer_ids(ws, tag))
    if args.json:
        emit_json({"tag": tag, "changed": changed, "selected": len(ids), "tagged_now": total})
    else:
        print(f"Tag “{tag}” {verb} {changed:,} of {len(ids):,} customers; "
              f"{total:,} customers have it now.")
    return 0
