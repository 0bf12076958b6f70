"""Safety copies for the GUI: list, make one now, put one back (workspace thread)."""

from __future__ import annotations

from pathlib import Path

from app.storage import backups
from app.storage.workspace import Workspace


def list_safety_copies(ws: Workspace) -> list[backups.Backup]:
    return backups.list_backups(ws.path)


def make_safety_copy(ws: Workspace) -> Path:
    return backups.snapshot(ws, "manual")


def restore_safety_copy(ws: Workspace, path: str | Path) -> Path:
    """Put `path` back into the open workspace; returns the copy of the state just before."""
    return backups.restore_into(ws, path)
