"""Who held the GIL while the GUI thread stalled: lines up ui_stall_bench gaps with a py-spy
trace of the thread holding the GIL.

An in-process sampler cannot see this: it needs the GIL itself, so it wakes only after the
long C call that held it has returned. py-spy reads the stacks from outside.

    date +%s.%N > /tmp/spy.start
    py-spy record --gil -r 100 -f chrometrace -o /tmp/trace.json -- \\
        python benchmarks/ui_stall_bench.py --rows 100000 --gaps /tmp/gaps.json
    python benchmarks/stall_trace.py /tmp/trace.json /tmp/gaps.json --start $(cat /tmp/spy.start)

For every gap (largest first) it prints, per thread that may have held the GIL then, the
innermost frames open across most of the gap. A trace shows when a thread's stack changed
while it held the GIL, not when it let go, so a thread counts as a holder if its stack changed
inside the gap or it was the last to change before the gap began (`*` marks that one); the
GUI thread is listed too (its own slow slots show up there).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path


def changes(events: list[dict]) -> dict[int, list[float]]:
    """Thread -> sorted times (s) at which its stack changed while it held the GIL."""
    out: dict[int, set] = defaultdict(set)
    for e in events:
        out[e["tid"]].add(e["ts"] / 1e6)
    return {tid: sorted(times) for tid, times in out.items()}


def intervals(events: list[dict]):
    """chrometrace B/E events -> (tid, depth, label, start s, end s), one per open frame."""
    open_frames: dict[int, list] = defaultdict(list)
    out = []
    for e in sorted(events, key=lambda e: (e["ts"], e["ph"] == "B")):  # ends before begins
        tid, ts = e["tid"], e["ts"] / 1e6
        if e["ph"] == "B":
            args = e.get("args", {})
            label = f"{Path(args.get('filename', '?')).name}:{args.get('line', '?')} {e['name']}"
            open_frames[tid].append((label, ts))
        elif open_frames[tid]:
            label, start = open_frames[tid].pop()
            out.append((tid, len(open_frames[tid]), label, start, ts))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("trace", type=Path, help="py-spy chrometrace (recorded with --gil)")
    parser.add_argument("gaps", type=Path, help="ui_stall_bench --gaps output")
    parser.add_argument("--start", type=float, required=True,
                        help="wall-clock time py-spy started (date +%%s.%%N just before it)")
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args(argv)
    events = json.loads(args.trace.read_text())
    frames = intervals(events)
    changed = changes(events)
    gaps = sorted(json.loads(args.gaps.read_text()), key=lambda g: g["start"] - g["end"])
    for gap in gaps[: args.top]:
        a, b = gap["start"] - args.start, gap["end"] - args.start
        print(f"{(b - a) * 1000:6.0f} ms at {a:7.2f} s ({gap['phase']})")
        # The deepest frames on each thread that cover most of the gap.
        best: dict[int, tuple] = {}
        for tid, depth, label, start, end in frames:
            overlap = min(end, b) - max(start, a)
            if overlap < 0.5 * (b - a):
                continue
            if tid not in best or depth > best[tid][0]:
                best[tid] = (depth, label, overlap)
        chains: dict[int, list] = defaultdict(list)
        for tid, depth, label, start, end in frames:
            overlap = min(end, b) - max(start, a)
            if tid in best and overlap >= 0.5 * (b - a) and depth >= best[tid][0] - 3:
                chains[tid].append((depth, label))
        inside = {tid for tid, times in changed.items() if any(a <= t <= b for t in times)}
        before = max(changed, key=lambda tid: max([t for t in changed[tid] if t < a],
                                                     default=-1.0))
        for tid, (_depth, _label, overlap) in best.items():
            if tid not in inside and tid != before:
                continue
            chain = " <- ".join(label for _d, label in sorted(chains[tid], reverse=True))
            mark = "*" if tid == before else " "
            print(f"   {mark}thread …{tid % 100000:05d} {overlap * 1000:5.0f} ms  {chain}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
