"""Set everything up, then open the app (`run`) or run the tests (`test`). Stdlib only, so it
works on a machine that has nothing but Python 3.11+ and pip.

    python3 scripts/dev.py run     # venv + packages (+ Linux system packages) -> app on the sample
    python3 scripts/dev.py test    # venv + packages (+ Linux system packages) -> pytest
    python3 scripts/dev.py setup   # only the set-up

Idempotent: a second run installs nothing and starts at once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
IS_WINDOWS = os.name == "nt"
PY = VENV / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")
STAMP = VENV / ".smalldata-installed"

# Debian/Ubuntu packages: a CJK font (charts and labels in Chinese) and the libraries Qt's
# xcb platform plugin needs for a real window. Offscreen tests need none of the xcb ones.
APT_FONTS = ["fonts-wqy-microhei"]
APT_QT = ["libegl1", "libgl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3"]
APT_QT_WINDOW = ["libxkbcommon-x11-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1",
                 "libxcb-image0", "libxcb-render-util0", "libxcb-shape0", "libxcb-randr0",
                 "libxcb-xinerama0", "libxcb-xkb1"]


def say(text: str) -> None:
    print(f"[setup] {text}", flush=True)


def run(cmd: list, **kw) -> None:
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def need_python() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may run on an older Python
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")


def install_linux_packages(window: bool) -> None:
    if not sys.platform.startswith("linux") or not shutil.which("dpkg-query"):
        return
    wanted = APT_FONTS + APT_QT + (APT_QT_WINDOW if window else [])
    missing = []
    for pkg in wanted:
        probe = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg],
                               capture_output=True, text=True)
        if "install ok installed" not in probe.stdout:
            missing.append(pkg)
    if not missing:
        return
    prefix = [] if os.geteuid() == 0 else (["sudo"] if shutil.which("sudo") else None)
    if prefix is None or not shutil.which("apt-get"):
        say("please install these system packages: " + " ".join(missing))
        return
    say("installing system packages: " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        run(prefix + ["apt-get", "update", "-qq"], env=env, stdout=subprocess.DEVNULL)
        run(prefix + ["apt-get", "install", "-y", "-qq", *missing], env=env,
            stdout=subprocess.DEVNULL)
    except subprocess.CalledProcessError:
        say("could not install " + " ".join(missing) + "; Chinese text may show as boxes")
        return
    # matplotlib caches its font list; a new CJK font is only seen after the cache goes.
    for cache in (Path.home() / ".cache" / "matplotlib").glob("fontlist-*.json"):
        cache.unlink(missing_ok=True)


def install_python_packages() -> None:
    if not PY.exists():
        say(f"creating {VENV}")
        run([sys.executable, "-m", "venv", VENV])
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    say("installing Python packages (first time only; a few minutes)")
    run([PY, "-m", "pip", "install", "-q", "--upgrade", "pip"])
    run([PY, "-m", "pip", "install", "-q", "-e", f"{ROOT}[dev]"])
    STAMP.write_text(digest)


def build_resources() -> None:
    if not (ROOT / "resources" / "samples" / "sample_customers.xlsx").exists():
        run([PY, ROOT / "scripts" / "make_sample.py"])
    i18n = ROOT / "scripts" / "i18n.py"
    if i18n.exists():
        run([PY, i18n, "build"], cwd=ROOT)


def has_display() -> bool:
    if IS_WINDOWS or sys.platform == "darwin":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def setup(window: bool) -> None:
    need_python()
    install_linux_packages(window)
    install_python_packages()
    build_resources()


def cmd_run(extra: list[str]) -> int:
    window = has_display()
    setup(window)
    sample = ROOT / "resources" / "samples" / "sample_customers.xlsx"
    if not window:
        workspace = ROOT / "demo.sdstudio"
        print("No display here, so the window cannot open; this is the command-line way:")
        cmds = [  # the whole guided flow, step by step, as the window would walk it
            ["import", sample, "--workspace", workspace],
            ["profile", "--workspace", workspace],
            ["clean", "--workspace", workspace],
            ["dedupe", "--workspace", workspace],
            ["segment", "--workspace", workspace, "--rfm"],
            ["segment", "--workspace", workspace, "--kmeans"],
            ["export", "--workspace", workspace, "--format", "xlsx", "--segment",
             "重要价值客户", "--out", ROOT / "demo-important-value.xlsx"],
            ["history", "--workspace", workspace],
        ]
        for cmd in cmds:
            print("$ python -m app " + " ".join(str(c) for c in cmd), flush=True)
            subprocess.run([str(PY), "-m", "app", *map(str, cmd)], cwd=ROOT)
        return 0
    return subprocess.run([str(PY), "-m", "app", "--sample", *extra], cwd=ROOT).returncode


def cmd_test(extra: list[str]) -> int:
    setup(window=False)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([str(PY), "-m", "pytest", "-q", *extra], cwd=ROOT, env=env)
    return result.returncode


def main(argv: list[str]) -> int:
    action = argv[0] if argv else "run"
    if action == "run":
        return cmd_run(argv[1:])
    if action == "test":
        return cmd_test(argv[1:])
    if action == "setup":
        setup(window=has_display())
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
