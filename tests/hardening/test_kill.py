"""Kill at any moment: a CLI step SIGKILLed at many points leaves a sound workspace holding
exactly the state before the step or exactly the state after it, and it opens again.

Extend CASES when a step is wired into the CLI (clean, dedupe, merge, erase ...): a case is
skipped until its subcommand appears in `python -m app --help`.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.storage.workspace import Workspace
from tests.hardening.helpers import (
    FULL,
    REPO,
    cli_command,
    cli_subcommands,
    customers_csv,
    integrity,
    run_cli,
    state_digest,
)

FULL_KILL_POINTS = 25
BIG_ROWS = 60_000 if FULL else 5_000


@dataclass
class KillCase:
    command: str
    args: list[str]  # after the subcommand; {ws} and {dir} are filled in
    base: str = "full"  # "small": one small import; "full": small + duplicates + big import
    output: str | None = None  # a file the step writes: must never be left half-written
    points: int = 5  # kill points in the default (CI) run; SMALLDATA_HARDENING_FULL=1: 25


CASES = [
    KillCase("import", ["{dir}/big.csv", "--workspace", "{ws}"], base="small", points=12),
    KillCase("undo", ["--workspace", "{ws}"]),
    KillCase("export", ["--workspace", "{ws}", "--format", "csv", "--out", "{dir}/out.csv"],
             output="out.csv"),
    # Being wired by other helpers; they join the test as soon as the CLI offers them.
    KillCase("clean", ["--workspace", "{ws}"]),
    KillCase("dedupe", ["--workspace", "{ws}"]),
    KillCase("merge", ["--workspace", "{ws}"]),
]
AVAILABLE = cli_subcommands()


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> dict[str, Path]:
    """Closed workspaces (single files, no WAL left) to copy before each kill."""
    d = tmp_path_factory.mktemp("kill")
    customers_csv(d / "small.csv", 300, seed=1, tag="a")
    # The first 200 rows of big.csv again (same seed): sure duplicates for dedupe/merge.
    customers_csv(d / "dups.csv", 200, seed=2, tag="b")
    customers_csv(d / "big.csv", BIG_ROWS, seed=2, tag="b")
    small, full = d / "small.sdstudio", d / "full.sdstudio"
    for ws, files in ((small, ["small.csv"]), (full, ["small.csv", "dups.csv", "big.csv"])):
        for name in files:
            done = run_cli("import", d / name, "--workspace", ws)
            assert done.returncode == 0, done.stderr
    for ws in (small, full):
        assert not ws.with_name(ws.name + "-wal").exists()
    return {"small": small, "full": full, "dir": d}


def _argv(case: KillCase, ws: Path, d: Path) -> list[str]:
    # Inputs come from the shared base folder (the import records their path); outputs go to d.
    args = [a.format(ws=ws, dir=d if a.endswith(case.output or "\0") else d.parent)
            for a in case.args]
    return cli_command(case.command, *args)


def _fresh(bases, case: KillCase, name: str) -> tuple[Path, Path]:
    d = bases["dir"] / f"{case.command}-{name}"
    d.mkdir()
    ws = d / "w.sdstudio"
    shutil.copy(bases[case.base], ws)  # a closed SQLite file: a plain copy is exact
    return ws, d


@pytest.mark.parametrize("case", CASES, ids=[c.command for c in CASES])
def test_kill_at_any_moment_leaves_old_or_new_state(case: KillCase, bases):
    if case.command not in AVAILABLE:
        pytest.skip(f"`{case.command}` is not a CLI subcommand yet")
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    # Reference run to the end: the "after" state, its output and how long the step takes.
    ws, d = _fresh(bases, case, "reference")
    before = state_digest(ws)
    start = time.monotonic()
    done = subprocess.run(_argv(case, ws, d), cwd=REPO, env=env, capture_output=True, text=True)
    duration = time.monotonic() - start
    assert done.returncode == 0, done.stderr
    after = state_digest(ws)
    reference_output = (d / case.output).read_bytes() if case.output else None

    # Interpreter start-up writes nothing; aim most kills at the part of the run that works.
    start = time.monotonic()
    run_cli("--help")
    startup = min(time.monotonic() - start, duration / 2)
    points = FULL_KILL_POINTS if FULL else case.points
    rng = random.Random(f"kill-{case.command}")
    # One kill during start-up, then one random moment in each of the equal slices after it.
    # Runs go two at a time and the machine may be busy: stretch past the solo duration so
    # kills also land after the commit.
    span = duration * 1.3 - startup
    delays = [rng.random() * startup] + [
        startup + (i + rng.random()) / (points - 1) * span for i in range(points - 1)
    ]
    def kill_once(i: int, delay: float) -> str:
        ws, d = _fresh(bases, case, f"k{i}")
        proc = subprocess.Popen(_argv(case, ws, d), cwd=REPO, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        finished = proc.wait() == 0
        where = f"{case.command} killed at {delay:.3f}s of {duration:.2f}s"

        assert integrity(ws) == "ok", where
        state = state_digest(ws)
        assert state in (before, after), f"{where}: neither the old nor the new state"
        if case.output:
            target = d / case.output
            assert not target.exists() or target.read_bytes() == reference_output, (
                f"{where}: a half-written {case.output} was left at the target path"
            )
        # The OS dropped the dead process's lock: the workspace opens in the app again.
        with Workspace.open(ws, create=False) as reopened:
            reopened.conn.execute("SELECT COUNT(*) FROM customers").fetchone()
        shutil.rmtree(d)
        if finished:
            return "finished"
        if before == after:
            return "unchanged"
        return "new" if state == after else "old"

    # Two kills at a time keeps the suite fast on a 2-core CI runner; each is still a SIGKILL
    # at its own moment of its own run.
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = Counter(pool.map(kill_once, range(len(delays)), delays))

    line = (f"kill points for `{case.command}`: {points} over {duration:.2f}s -> "
            f"{dict(outcomes)}")
    print(line)
    if report := os.environ.get("SMALLDATA_HARDENING_REPORT"):
        with open(report, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    if before != after:
        assert outcomes["old"] > 0, "no kill landed before the commit; the test proved nothing"
