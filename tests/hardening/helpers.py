"""Shared pieces of the hardening tests: synthetic files, running the CLI, state digests."""

from __future__ import annotations

import csv
import hashlib
import os
import random
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FULL = bool(os.environ.get("SMALLDATA_HARDENING_FULL"))  # more kill points / fuzz cases

# Tables whose content must be exactly the old or exactly the new state after a crash.
DIGEST_TABLES = ("customers", "raw_rows", "operations", "imports", "op_changes")


def customers_csv(path: Path, rows: int, seed: int = 1, tag: str = "") -> Path:
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["姓名", "手机", "邮箱", "城市", "公司", "备注"])
        for i in range(rows):
            out.writerow([
                f"客户{tag}{i}", f"13{rng.randint(100000000, 999999999)}",
                f"user{tag}{i}@example.com", rng.choice(["广州", "上海", "Beijing", ""]),
                f"公司{rng.randint(1, 500)}", "x" * rng.randint(0, 30),
            ])
    return path


def cli_command(*args) -> list[str]:
    return [sys.executable, "-m", "app", *[str(a) for a in args]]


def run_cli(*args, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        cli_command(*args), cwd=REPO, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def cli_subcommands() -> set[str]:
    """Subcommands the CLI offers today (others are being wired while this suite grows)."""
    from app.cli import build_parser

    parser = build_parser()
    for action in parser._subparsers._group_actions:  # argparse keeps them here
        return set(action.choices)
    return set()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def state_digest(path: Path) -> dict[str, tuple[int, str]]:
    """{table: (row count, sha256 of its rows)}, ignoring *_at timestamp columns (a rerun of
    the same step writes the same rows at another time)."""
    conn = sqlite3.connect(str(path))
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        out = {}
        for table in DIGEST_TABLES:
            if table not in tables:
                continue
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            keep = [c for c in columns if not c.endswith("_at")]
            digest = hashlib.sha256()
            count = 0
            clean = _without_stamps if table == "op_changes" else tuple
            for row in conn.execute(f"SELECT {', '.join(keep)} FROM {table} ORDER BY id"):
                digest.update(repr(clean(row)).encode())
                count += 1
            out[table] = (count, digest.hexdigest())
        return out
    finally:
        conn.close()


_STAMP = re.compile(r'"(\w+_at)": "[^"]*"')


def _without_stamps(row):
    # op_changes hold JSON row images that include imported_at; drop the timestamps in them.
    return tuple(_STAMP.sub(r'"\1": ""', v) if isinstance(v, str) else v for v in row)
