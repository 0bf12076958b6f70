"""Start-up: time from launching the app to its main window shown, median of 3 fresh processes.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup_bench.py
Measures the source run (`python -m app`) and, if dist/SmallDataStudio exists, the frozen one.
Each run is a new process on a new empty workspace; the OS file cache is warm after the first
run (dropping it needs root), so the first run is reported separately as the coldest seen.
The app's hidden `--startup-probe` flag prints one line once the window has been shown and
painted, then quits.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FROZEN = ROOT / "dist" / "SmallDataStudio" / ("SmallDataStudio" + (".exe" if os.name == "nt" else ""))
MARK = "startup-probe: window shown"


def time_to_window(cmd: list[str], timeout: float = 60) -> float:
    """Seconds from spawning `cmd --startup-probe` to the probe line on its stdout."""
    with tempfile.TemporaryDirectory(prefix="sd-start-") as home:
        env = dict(os.environ, SMALLDATA_HOME=home, PYTHONDONTWRITEBYTECODE="1")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        started = time.perf_counter()
        proc = subprocess.Popen([*cmd, "--workspace", str(Path(home) / "w.sdstudio"),
                                 "--startup-probe"], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        shown = None
        try:
            for line in proc.stdout:
                if line.startswith(MARK):
                    shown = time.perf_counter() - started
                    break
        finally:
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
        if shown is None:
            raise RuntimeError(f"{cmd[0]} never showed its window (exit {proc.returncode})")
        return shown


def report(label: str, cmd: list[str], runs: int = 3) -> None:
    times = [time_to_window(cmd) for _ in range(runs)]
    print(f"{label:<8} median {statistics.median(times):.2f} s   first {times[0]:.2f} s   "
          f"runs {', '.join(f'{t:.2f}' for t in times)}")


def main() -> int:
    report("source", [sys.executable, "-m", "app"])
    if FROZEN.exists():
        report("frozen", [str(FROZEN)])
    else:
        print("frozen   (no build in dist/; run scripts/build_app.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
