"""Automatic snapshots on a big workspace: how long the copy before a destructive step takes,
how big it is, and what it adds to a real step (clean apply, undo).

    .venv/bin/python benchmarks/snapshot_bench.py                 # 1,048,575 rows
    .venv/bin/python benchmarks/snapshot_bench.py --rows 100000

Uses the cached workspace of clean_bench.py (benchmarks/data/clean_<rows>.sdstudio), copied to
a scratch folder so the cache stays untouched. The copy is written through the page cache; on
a laptop with a cold cache and a slow disk expect more (the copy is sequential I/O).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _mb(path: Path) -> float:
    return path.stat().st_size / 1e6


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_048_575)
    parser.add_argument("--samples", default=str(ROOT.parent / "shared" / "samples"))
    args = parser.parse_args()

    import clean_bench

    from app.storage import backups, oplog
    from app.storage.workspace import Workspace
    from app.workers import clean_tasks

    cached = clean_bench.build(args.rows, Path(args.samples))
    with tempfile.TemporaryDirectory(dir=ROOT / "benchmarks" / "data") as scratch:
        path = Path(scratch) / "w.sdstudio"
        shutil.copyfile(cached, path)
        with Workspace.open(path) as ws:
            print(f"{args.rows:,} rows, workspace {_mb(path):,.0f} MB")
            t = time.perf_counter()
            copy = backups.snapshot(ws, "bench")
            print(f"snapshot after import: {time.perf_counter() - t:.2f} s, {_mb(copy):,.0f} MB")

            plan = clean_tasks.plan_cleaning(ws)
            t = time.perf_counter()
            made = backups.before_step(ws, "clean")
            snap_s = time.perf_counter() - t
            t = time.perf_counter()
            result = clean_tasks.apply_cleaning(ws, plan, rescore=False)
            total = time.perf_counter() - t  # apply_plan's own before_step: a second copy
            print(f"clean apply: {result.cells:,} cells; before_step {snap_s:.2f} s "
                  f"({_mb(made):,.0f} MB); apply including its snapshot {total:.2f} s")
            ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            print(f"workspace after clean: {_mb(path):,.0f} MB")

            t = time.perf_counter()
            undo_copy = backups.before_step(ws, "undo")
            print(f"snapshot after clean (usecases.undo takes it): {time.perf_counter() - t:.2f} s,"
                  f" {_mb(undo_copy):,.0f} MB")
            t = time.perf_counter()
            oplog.undo(ws)
            print(f"undo of the clean itself: {time.perf_counter() - t:.2f} s")

            # The run check a merge makes before deciding to reuse the newest snapshot.
            backups.snapshot(ws, "before merge")
            t = time.perf_counter()
            reused = backups.before_step(ws, "merge") is None
            print(f"merge run check: {1000 * (time.perf_counter() - t):.1f} ms (reused={reused})")
            ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            print(f"workspace after undo: {_mb(path):,.0f} MB")
            kept = backups.list_backups(path)
            print(f"backups folder: {len(kept)} copies ({', '.join(b.reason for b in kept)}), "
                  f"{sum(b.size for b in kept) / 1e6:,.0f} MB; budget "
                  f"{backups.budget(path) / 1e6:,.0f} MB, retention keeps {backups.KEEP}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
