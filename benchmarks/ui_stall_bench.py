"""Event-loop stall while the app imports a large workbook (issue 7: the window never freezes).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ui_stall_bench.py [--rows 300000]

The real window, runner and import path (`python -m app --import FILE` does the same): a
QTimer heartbeat every 10 ms records the largest gap between ticks from the moment the import
is submitted until the customer table shows every row. Target: max gap <= 100 ms. The
workbook is generated like benchmarks/import_bench.py (cached in benchmarks/data/).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SMALLDATA_HOME"] = tempfile.mkdtemp(prefix="sd-stall-")

TARGET_MS = 100


class Heartbeat:
    """Ticks every 10 ms on the GUI thread; remembers the longest gaps and when they were."""

    def __init__(self, interval_ms: int = 10) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[tuple[float, float, str]] = []  # (gap ms, at s, phase)
        self.phase = "start"
        self._last = None
        self._t0 = None

    def start(self) -> None:
        self._t0 = self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(((now - self._last) * 1000, now - self._t0, self.phase))
        self._last = now


class StallSampler:
    """A watchdog thread: while the heartbeat is late by more than `late_ms`, sample the GUI
    thread's Python stack every 20 ms, so the report says which code held the event loop."""

    def __init__(self, beat: Heartbeat, late_ms: float = 60) -> None:
        import threading
        from collections import Counter

        self.beat, self.late = beat, late_ms / 1000
        self.samples: Counter = Counter()
        self.workers: Counter = Counter()
        self.main_id = threading.main_thread().ident
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        import threading
        import traceback

        while not self._stop.wait(0.02):
            last = self.beat._last
            if last is None or time.perf_counter() - last < self.late:
                continue
            frame = sys._current_frames().get(self.main_id)
            if frame is None:
                continue
            stack = traceback.extract_stack(frame)
            own = [f for f in stack if "/app/" in f.filename or "benchmarks" in f.filename]
            key = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}"
                              for f in reversed((own or stack)[-4:]))
            self.samples[key] += 1
            # What the worker threads were doing meanwhile (one of them may hold the GIL).
            for ident, other in sys._current_frames().items():
                if ident in (self.main_id, threading.get_ident()):
                    continue
                stack = [f for f in traceback.extract_stack(other) if "/app/" in f.filename]
                if stack:
                    top = stack[-1]
                    self.workers[f"{Path(top.filename).name}:{top.lineno} {top.name}"] += 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--where", action="store_true",
                        help="sample the GUI thread's stack during stalls and print the top spots")
    args = parser.parse_args(argv)
    from import_bench import generate

    t = time.perf_counter()
    path = generate(args.rows)
    print(f"workbook: {path.name} ({path.stat().st_size / 1e6:.0f} MB, "
          f"ready in {time.perf_counter() - t:.0f} s)", flush=True)

    from PySide6.QtCore import QSettings

    from app.main import build_window, create_application, import_at_start

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      os.environ["SMALLDATA_HOME"])
    app = create_application([])
    window = build_window(app, workspace=Path(os.environ["SMALLDATA_HOME"]) / "stall.sdstudio",
                          language="en")
    window.show()
    deadline = time.monotonic() + 30
    while window.runner.workspace_info is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)

    beat = Heartbeat()
    customers = window.page("customers")
    expected = args.rows - 3  # title row, blank row, header
    finished = {}
    window.runner.task_finished.connect(
        lambda task: finished.setdefault(task.label, time.perf_counter()))
    beat.start()
    sampler = StallSampler(beat) if args.where else None
    if sampler:
        sampler.start()
    started = time.perf_counter()
    beat.phase = "import"
    import_at_start(window, [path])
    while time.perf_counter() - started < 900:
        app.processEvents()
        if "import" in finished and beat.phase == "import":
            beat.phase = "table"
        if customers.model.rowCount() >= expected and not window.runner.busy:
            break
        time.sleep(0.001)
    # A moment more so delayed work (count refresh, page hooks) is measured too.
    settle = time.perf_counter() + 1.0
    beat.phase = "settle"
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.001)
    beat.stop()
    total = time.perf_counter() - started
    gaps = [g for g, *_ in beat.gaps]
    print(f"rows shown: {customers.model.rowCount():,} of {expected:,}; "
          f"import + table in {total:.1f} s")
    print(f"heartbeat: {len(gaps)} ticks, median gap {statistics.median(gaps):.1f} ms, "
          f"p99 {sorted(gaps)[int(len(gaps) * 0.99)]:.1f} ms, max {max(gaps):.0f} ms "
          f"(target <= {TARGET_MS} ms), gaps > {TARGET_MS} ms: "
          f"{sum(g > TARGET_MS for g in gaps)}")
    for gap, at, phase in sorted(beat.gaps, reverse=True)[:5]:
        print(f"  {gap:7.0f} ms at {at:6.1f} s ({phase})")
    if sampler:
        sampler.stop()
        print("GUI thread during stalls (20 ms samples):")
        for where, n in sampler.samples.most_common(8):
            print(f"  {n * 20:6d} ms  {where}")
        print("worker threads at the same moments:")
        for where, n in sampler.workers.most_common(6):
            print(f"  {n:6d} x  {where}")
    window.close()
    return 0 if max(gaps) <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
