"""Pages that show workspace data load it only while they are on screen.

One import, clean or merge tells every page that the customers changed. When each page
reloaded at once, the workspace thread loaded the whole customer list five times over (table,
dashboard, segments, export, history) and the GUI thread then drew charts and tables nobody
was looking at; at 100k rows that held the window for up to a second at a time. Now a hidden
page only remembers that it is out of date and reloads when it is shown.
"""

from __future__ import annotations


class ReloadWhenShown:
    """Mixin for a QWidget page with a `reload()` method (list it before QWidget)."""

    stale = False  # set by workspace_changed / customers_changed while hidden

    def reload_when_shown(self) -> None:
        """The data changed: reload now if the page is on screen, else when it is shown."""
        if self.isVisible():
            self.stale = False
            self.reload()
        else:
            self.stale = True

    def reload_if_stale(self) -> bool:
        if not self.stale:
            return False
        self.stale = False
        self.reload()
        return True

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        # Also covers a window shown after its workspace opened (the page was never hidden
        # by a step change, only never on screen).
        self.reload_if_stale()
