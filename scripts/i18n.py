"""Update and build translations: `python scripts/i18n.py [update|build|all]`.

update: pyside6-lupdate scans app/ (self.tr, QCoreApplication.translate, QT_TRANSLATE_NOOP)
        into resources/translations/smalldata_zh_CN.ts (committed; obsolete entries dropped).
build:  pyside6-lrelease makes the .qm files Qt loads (not committed; see .gitignore).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.ui.i18n import ensure_translations_built, translations_dir  # noqa: E402

LANGUAGES = ("zh_CN",)


def _tool(name: str) -> str:
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    return name


def update() -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py"))
    for language in LANGUAGES:
        ts = translations_dir() / f"smalldata_{language}.ts"
        subprocess.run(
            [_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources,
             "-ts", str(ts.relative_to(ROOT))],
            cwd=ROOT, check=True,
        )


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "all"
    if what == "release":  # lrelease's own name for building
        what = "build"
    if what not in ("update", "build", "all"):
        print(f"unknown step {what!r}; use update, build or all", file=sys.stderr)
        return 2
    if what in ("update", "all"):
        update()
    if what in ("build", "all"):
        built = ensure_translations_built(force=True)
        print("built:", ", ".join(p.name for p in built))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
