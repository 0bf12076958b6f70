"""The workflow steps shown down the side, in order.

Adding a step is one line in STEPS: (key, title marked for translation, page factory). A
factory takes the PageContext and returns a QWidget; the page may also define any of
  workspace_changed(info)   a workspace was opened (info: app.workers.runner.WorkspaceInfo)
  customers_changed()       customers were imported, changed or undone
  page_shown()              the user switched to this page
  open_files(paths)         (the import page) files were dropped or chosen
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.core.i18n import QT_TRANSLATE_NOOP
from app.ui.pages.check_page import CheckPage
from app.ui.pages.clean_page import CleanPage
from app.ui.pages.customers_page import CustomersPage
from app.ui.pages.dashboard_page import DashboardPage
from app.ui.pages.dedup_page import DedupPage
from app.ui.pages.export_page import ExportPage
from app.ui.pages.history_page import HistoryPage
from app.ui.pages.import_page import ImportPage
from app.ui.pages.segment_page import SegmentPage
from app.workers.runner import TaskRunner


@dataclass
class PageContext:
    """What a page may use: the runner, and a few window actions (no global app object)."""

    runner: TaskRunner
    show_page: Callable[[str], None]  # switch to the step with this key
    customers_changed: Callable[[], None]  # tell every page (and the status bar)
    show_message: Callable  # a note above the pages: str, or a callable giving it (re-asked on language change)
    report_crash: Callable[[str], None]  # details of an unexpected error -> crash dialog


STEPS: list[tuple[str, str, Callable]] = [
    ("import", QT_TRANSLATE_NOOP("steps", "Import"), ImportPage),
    ("check", QT_TRANSLATE_NOOP("steps", "Check"), CheckPage),
    ("clean", QT_TRANSLATE_NOOP("steps", "Clean"), CleanPage),
    ("dedup", QT_TRANSLATE_NOOP("steps", "Deduplicate"), DedupPage),
    ("customers", QT_TRANSLATE_NOOP("steps", "Customers"), CustomersPage),
    ("segment", QT_TRANSLATE_NOOP("steps", "Segment"), SegmentPage),
    ("dashboard", QT_TRANSLATE_NOOP("steps", "Dashboard"), DashboardPage),
    ("export", QT_TRANSLATE_NOOP("steps", "Export"), ExportPage),
    ("history", QT_TRANSLATE_NOOP("steps", "History"), HistoryPage),
]
