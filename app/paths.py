"""Where things live: bundled resources (also when frozen by PyInstaller) and user data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "SmallDataStudio"


def resource_path(*parts: str) -> Path:
    """A file under resources/, from a source checkout or a PyInstaller bundle."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base.joinpath("resources", *parts)


def user_data_dir() -> Path:
    """Per-user folder for logs, default workspace and settings (created on first use)."""
    override = os.environ.get("SMALLDATA_HOME")
    if override:
        path = Path(override)
    elif sys.platform == "win32":
        path = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / APP_DIR_NAME
    elif sys.platform == "darwin":
        path = Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(base) / APP_DIR_NAME
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = user_data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_workspace() -> Path:
    return user_data_dir() / "workspace.sdstudio"


def sample_workbook() -> Path:
    return resource_path("samples", "sample_customers.xlsx")
