"""`python -m app --smoke`: the whole pipeline headlessly on the bundled sample, one line per
step, exit 0 when every step that exists in this build worked.

Qt-free, so it also proves a frozen build carries its data (sample, gazetteer, pypinyin,
opencc, phonenumbers) and its lazily imported modules. Each step runs through the CLI
subcommand of ARCHITECTURE.md's contract (the same use cases the GUI calls), in-process, with
--json; a step whose use case module (app/workers/*_tasks.py) or subcommand is not in this
build yet is reported as skipped rather than failed.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Step:
    name: str
    modules: tuple[str, ...]  # the use case module(s); any one importing means "exists"
    argv: Callable[[Path, Path], list[str]]  # (workspace, folder) -> CLI arguments
    summary: Callable[[object], str]


def _count(data, *keys) -> str:
    if isinstance(data, list):
        return f"{len(data)} item(s)"
    parts = [f"{k}={len(data[k]) if isinstance(data[k], list | dict) else data[k]}"
             for k in keys if isinstance(data, dict) and k in data]
    return ", ".join(parts) or "ok"


def _import_summary(data) -> str:
    rows = [d for d in data if isinstance(d, dict)] if isinstance(data, list) else [data]
    keys = ("customers", "customers_added", "rows", "rows_read", "imported")
    found = [f"{k}={r[k]}" for r in rows for k in keys if k in r]
    return ", ".join(found[:3]) or f"{len(rows)} file(s)"


def _steps(sample: Path, orders: Path) -> list[Step]:
    return [
        Step("import", ("app.workers.usecases",),
             lambda w, d: ["import", str(sample), "--workspace", str(w), "--json"],
             _import_summary),
        Step("orders", ("app.workers.segment_tasks",),
             lambda w, d: ["orders", str(orders), "--workspace", str(w), "--json"],
             lambda j: _count(j, "lines", "linked")),
        Step("clean", ("app.workers.clean_tasks", "app.workers.cleaning_tasks"),
             lambda w, d: ["clean", "--workspace", str(w), "--json"],
             lambda j: _count(j, "changed", "changes", "customers_changed", "fixes", "applied")),
        Step("dedupe", ("app.workers.dedup_tasks", "app.workers.dedupe_tasks"),
             lambda w, d: ["dedupe", "--workspace", str(w), "--json"],
             lambda j: _count(j, "merged", "merges", "clusters", "auto_merged", "review")),
        Step("segment", ("app.workers.segment_tasks",),
             lambda w, d: ["segment", "--rfm", "--workspace", str(w), "--json"],
             lambda j: _count(j, "customers", "buyers")),
        Step("export", ("app.workers.export_tasks", "app.workers.usecases"),
             lambda w, d: ["export", "--workspace", str(w), "--format", "csv",
                           "--out", str(d / "smoke-export.csv"), "--json"],
             lambda j: _count(j, "rows", "file")),
    ]


def _available(step: Step, commands: set[str]) -> str | None:
    """None if the step can run, else why not."""
    if not any(_importable(m) for m in step.modules):
        return f"no use case module yet ({' / '.join(step.modules)})"
    command = step.argv(Path("w"), Path("d"))[0]
    if command not in commands:
        return f"no `{command}` subcommand yet"
    return None


def _importable(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):  # the module itself is missing
            return False
        raise  # it exists but one of its imports is missing: a real failure of the build
    return True


def _commands() -> set[str]:
    from app.cli import build_parser

    parser = build_parser()
    for action in parser._actions:  # argparse has no public accessor for sub-commands
        if getattr(action, "choices", None) and isinstance(action.choices, dict):
            return set(action.choices)
    return set()


def _run_cli(argv: list[str]) -> tuple[int, str, str]:
    from app.cli import main as cli_main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main(argv)
    return code, out.getvalue(), err.getvalue()


def run_smoke(workspace_dir: Path | None = None, echo: Callable[[str], None] = print) -> int:
    from app import __version__
    from app.paths import resource_path, sample_workbook

    started = time.perf_counter()
    own_dir = workspace_dir is None
    folder = Path(tempfile.mkdtemp(prefix="smalldata-smoke-")) if own_dir else workspace_dir
    workspace = folder / "smoke.sdstudio"
    frozen = " (frozen)" if getattr(sys, "frozen", False) else ""
    echo(f"smoke: SmallData Studio {__version__}{frozen}, workspace {workspace}")
    sample = sample_workbook()
    orders = resource_path("samples", "sample_orders.xlsx")
    failures = 0
    try:
        if not sample.exists():
            echo(f"FAIL sample: the bundled sample is missing ({sample})")
            return 1
        gazetteer = resource_path("gazetteer", "cn_divisions.json")
        echo(f"ok   resources: sample, gazetteer {'present' if gazetteer.exists() else 'MISSING'}")
        failures += not gazetteer.exists()
        try:
            commands = _commands()
        except Exception as exc:  # noqa: BLE001 - a broken build must say so in one line
            echo(f"FAIL cli: the command-line interface does not load: {exc!r}")
            return 1
        for step in _steps(sample, orders):
            why_not = _available(step, commands)
            if why_not:
                echo(f"skip {step.name}: {why_not}")
                continue
            t0 = time.perf_counter()
            code, out, err = _run_cli(step.argv(workspace, folder))
            took = time.perf_counter() - t0
            if code != 0:
                failures += 1
                echo(f"FAIL {step.name} ({took:.1f} s): exit {code}: {err.strip()[:300]}")
                continue
            try:
                summary = step.summary(json.loads(out))
            except (ValueError, KeyError, TypeError):
                summary = out.strip().splitlines()[-1][:120] if out.strip() else "ok"
            echo(f"ok   {step.name} ({took:.1f} s): {summary}")
        failures += _child_step(sample, folder, echo)
        total = time.perf_counter() - started
        echo(f"smoke: {'passed' if not failures else f'{failures} step(s) FAILED'} "
             f"in {total:.1f} s")
        return 0 if not failures else 1
    finally:
        if own_dir:
            shutil.rmtree(folder, ignore_errors=True)


def _child_step(sample: Path, folder: Path, echo: Callable[[str], None]) -> int:
    """A big workbook is imported by a child process (app/workers/child.py): the sample goes
    that way too here, which proves a frozen build can start its own child. 1 on failure."""
    from app.storage.workspace import Workspace
    from app.workers import import_job

    t0 = time.perf_counter()
    limit = import_job.CHILD_MIN_BYTES
    import_job.CHILD_MIN_BYTES = 0
    try:
        with Workspace.open(folder / "child.sdstudio") as ws:
            reports = import_job.import_with_choices(ws, [import_job.FileChoice(sample)])
        rows = sum(r.rows_imported for r in reports)
        echo(f"ok   child import ({time.perf_counter() - t0:.1f} s): {rows} rows")
        return 0 if rows else 1
    except Exception as exc:  # noqa: BLE001 - a broken build must say so in one line
        echo(f"FAIL child import ({time.perf_counter() - t0:.1f} s): {exc!r}")
        return 1
    finally:
        import_job.CHILD_MIN_BYTES = limit


def main() -> int:
    import logging

    logging.basicConfig(level=logging.WARNING)
    if sys.stdout is None:  # a windowed (console=False) Windows build has no stdout
        from app.paths import log_dir

        with open(log_dir() / "smoke.log", "w", encoding="utf-8") as fh:
            return run_smoke(echo=lambda line: print(line, file=fh, flush=True))
    return run_smoke(echo=lambda line: print(line, flush=True))
