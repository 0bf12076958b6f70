"""The layer rule of ARCHITECTURE.md: ui -> workers, core; workers -> core, storage;
storage -> core; core imports nothing from the app (and no Qt, no sqlite3)."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"

ALLOWED = {
    "core": {"core"},
    "storage": {"core", "storage"},
    "workers": {"core", "storage", "workers"},
    "ui": {"core", "workers", "ui"},
}
FORBIDDEN_MODULES = {
    "core": {"PySide6", "sqlite3", "shiboken6"},
    "storage": {"PySide6", "shiboken6"},
    "workers": {"PySide6.QtWidgets", "PySide6.QtGui"},
}


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_layers_import_only_what_the_rule_allows():
    problems = []
    for layer, allowed in ALLOWED.items():
        for path in (APP / layer).rglob("*.py"):
            for name in imports_of(path):
                parts = name.split(".")
                inner = parts[0] == "app" and len(parts) > 1 and parts[1] in ALLOWED
                if inner and parts[1] not in allowed:
                    problems.append(f"{path.relative_to(APP)} imports {name}")
                for bad in FORBIDDEN_MODULES.get(layer, ()):
                    if name == bad or name.startswith(bad + "."):
                        problems.append(f"{path.relative_to(APP)} imports {name}")
    assert not problems, "layer rule broken:\n" + "\n".join(problems)

