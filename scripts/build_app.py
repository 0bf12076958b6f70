"""Build the onedir app with PyInstaller into dist/SmallDataStudio/, then smoke-test it.

    .venv/bin/python scripts/build_app.py            # build + smoke + size + start-up
    .venv/bin/python scripts/build_app.py --no-build # only test an existing dist/

Steps: translations (.qm) are built by build.spec itself; `pyinstaller build.spec`; the frozen
app runs `--smoke` (import -> clean -> dedupe -> segment -> export on the bundled sample,
offscreen); the folder size is measured; the frozen window's start-up is timed (median of 3,
benchmarks/startup_bench.py's probe). Exit code non-zero if the build or the smoke fails.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "SmallDataStudio"
DIST = ROOT / "dist" / NAME
EXE = DIST / (NAME + (".exe" if os.name == "nt" else ""))


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build() -> None:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
           "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build"),
           "--log-level", "WARN", str(ROOT / "build.spec")]
    print("$", " ".join(cmd), flush=True)
    started = time.monotonic()
    subprocess.run(cmd, cwd=ROOT, check=True)
    print(f"built in {time.monotonic() - started:.0f} s", flush=True)


def env_for_run(home: Path) -> dict:
    env = dict(os.environ, SMALLDATA_HOME=str(home))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def smoke() -> int:
    with tempfile.TemporaryDirectory(prefix="sd-frozen-") as home:
        result = subprocess.run([str(EXE), "--smoke"], env=env_for_run(Path(home)),
                                capture_output=True, text=True, timeout=600)
    print(result.stdout.rstrip())
    if result.returncode != 0:
        print(result.stderr.rstrip()[-3000:], file=sys.stderr)
    return result.returncode


def startup(runs: int = 3) -> list[float]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from startup_bench import time_to_window

    return [time_to_window([str(EXE)]) for _ in range(runs)]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="test the existing dist/")
    args = parser.parse_args(argv)
    if not args.no_build:
        build()
    if not EXE.exists():
        print(f"no frozen app at {EXE}", file=sys.stderr)
        return 1
    size = folder_size(DIST)
    print(f"dist size: {size / 1e6:.0f} MB ({DIST})")
    code = smoke()
    if code != 0:
        print(f"frozen smoke test FAILED (exit {code})", file=sys.stderr)
        return code
    times = startup()
    print("frozen start-up to window shown: median "
          f"{statistics.median(times):.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
