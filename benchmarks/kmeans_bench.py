"""k-means sweep on 1,000,000 x 6 synthetic features: prints fit, silhouette and total times.

    .venv/bin/python benchmarks/kmeans_bench.py [--rows N] [--minibatch]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.segments.clusters import sweep_k  # noqa: E402


def synthetic(rows: int, seed: int = 0) -> np.ndarray:
    """Five customer-like groups in 6 scaled features (RFM, employees, two more)."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(0, 2.5, size=(5, 6))
    which = rng.integers(0, 5, rows)
    return centers[which] + rng.normal(0, 1.0, size=(rows, 6))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--minibatch", action="store_true")
    args = parser.parse_args()
    X = synthetic(args.rows)
    start = time.perf_counter()
    sweep = sweep_k(X, minibatch=args.minibatch)
    total = time.perf_counter() - start
    print(f"rows={len(X):,} features={X.shape[1]} minibatch={args.minibatch}")
    print(f"sweep k=2..10 fit time: {sweep.seconds_fit:.1f} s")
    print(f"silhouette time ({sweep.sample_size:,}-row sample, 9 k): {sweep.seconds_silhouette:.1f} s")
    print(f"total: {total:.1f} s; elbow k={sweep.elbow_k}, recommended k={sweep.recommended_k}")
    print(sweep.reason_en)


if __name__ == "__main__":
    main()
