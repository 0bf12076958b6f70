"""Why true pairs are not automatic merges: the stage that stopped each one, and the records.

For every true pair that is not inside one sure cluster (and every sure pair that is wrong),
on the data sets of benchmarks/dedup_eval.py: was it a candidate at all (blocking)? its
probability, whether it shares an identifier ("anchored"), whether the names conflict, and
whether the cluster check kept it apart. Counts per stage first, then each pair with its
field levels, weights and both records.

    .venv/bin/python benchmarks/dedup_misses.py [--only febrl3,febrl4,sample] [--counts-only]
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import dedup_eval  # noqa: E402

from app.core.dedup import engine, find_duplicates  # noqa: E402
from app.core.dedup.blocking import candidate_pairs  # noqa: E402
from app.core.dedup.compare import comparisons_for  # noqa: E402
from app.core.dedup.evaluate import pairs_of  # noqa: E402
from app.core.dedup.keys import build_match_keys  # noqa: E402
from app.core.dedup.model import probability  # noqa: E402


def stage(candidate: bool, p: float, anchored: bool, conflict: bool, sure: float) -> str:
    if not candidate:
        return "not a candidate (blocking)"
    if conflict:
        return "names conflict (two people)"
    if p < sure:
        return "probability below sure"
    if not anchored:
        return "no identifier in common"
    return "kept apart by the cluster check"


def explain(data, details: bool) -> None:
    result = find_duplicates(data.ours, existing_ids=data.existing)
    sure_pairs = pairs_of(result.clusters)
    customers = data.ours.reset_index(drop=True)
    keys = build_match_keys(customers)
    side = None
    if data.existing is not None:
        side = np.array([int(c) in data.existing for c in keys.customer_id])
    ci, cj, _ = candidate_pairs(keys, side=side)
    candidates = set(zip(ci.tolist(), cj.tolist(), strict=True))
    comparisons = comparisons_for(keys)
    scorer = engine._Scorer(keys, comparisons, result.model)
    row = {int(c): r for r, c in enumerate(keys.customer_id)}
    fields = [c.field for c in comparisons]
    cluster = {x: k for k, c in enumerate(result.clusters) for x in c}
    threshold = engine.Thresholds().sure

    missed = sorted(data.truth - sure_pairs)
    wrong = sorted(sure_pairs - data.truth)
    counts: Counter = Counter()
    lines = []
    for label, pairs in (("MISSED", missed), ("WRONG", wrong)):
        for a, b in pairs:
            ra, rb = sorted((row[a], row[b]))
            i, j = np.array([ra]), np.array([rb])
            levels, weights, _ = scorer.weigh(i, j)
            p = float(probability(weights, result.model.prior)[0])
            anchored = bool(scorer.anchored(levels, i, j)[0])
            conflict = bool(scorer.conflicts(levels, i, j)[0])
            why = stage((ra, rb) in candidates, p, anchored, conflict, threshold)
            if label == "MISSED":
                counts[why] += 1
            lines.append(f"--- {label} {a}-{b}: {why}; p {p:.4f}, anchored {anchored}, "
                         f"clusters {cluster.get(a)}/{cluster.get(b)}")
            lines.append("    " + ", ".join(
                f"{f} {lv}({w:+.1f})" for f, lv, w in zip(fields, levels[0], weights[0],
                                                       strict=True) if lv >= 0))
            for r in (ra, rb):
                record = customers.iloc[r].drop(labels=["customer_id"]).dropna().to_dict()
                lines.append(f"      {record}")
    print(f"{data.name}: {len(data.truth)} true pairs, {len(missed)} not merged, "
          f"{len(wrong)} merged wrongly")
    for why, count in counts.most_common():
        print(f"  {count:5d}  {why}")
    if details:
        print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="febrl3,febrl4")
    parser.add_argument("--samples", type=Path, default=ROOT.parent / "shared" / "samples")
    parser.add_argument("--counts-only", action="store_true")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    for name in args.only.split(","):
        if name == "sample":
            data = dedup_eval.sample(args.samples)
        else:
            data = dedup_eval.febrl(int(name[-1]))
        explain(data, not args.counts_only)


if __name__ == "__main__":
    main()
