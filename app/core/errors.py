"""Errors that carry what the user needs to read: which file, sheet, row, and why.

Each error has an English `template` marked for translation (context "errors") and the
`params` to fill it, so the GUI can show it in the user's language and the CLI in English.
"""

from __future__ import annotations

from app.core.i18n import QT_TRANSLATE_NOOP


class StudioError(Exception):
    """An expected problem, shown inline in plain words (never as a traceback)."""

    template = QT_TRANSLATE_NOOP("errors", "Something went wrong.")

    def __init__(self, template: str | None = None, **params: object) -> None:
        if template is not None:
            self.template = template
        self.params = params
        super().__init__(self.message())

    def __reduce__(self):
        # Pickled (a job's child process sends it back) as its class, template and params,
        # so the other side can still translate it; the default would keep only the text.
        return (_rebuild, (type(self), self.template, self.params))

    def message(self, translate=None) -> str:
        """The message, translated by `translate(template) -> str` when given."""
        text = translate(self.template) if translate else self.template
        try:
            return text.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return text


def _rebuild(cls, template, params):
    exc = cls.__new__(cls)
    exc.template, exc.params = template, params
    Exception.__init__(exc, exc.message())
    return exc


class ImportProblem(StudioError):
    """A file could not be imported. params: file (base name), and where known sheet, row."""

    template = QT_TRANSLATE_NOOP("errors", "{file}: the file could not be read.")


class WorkspaceProblem(StudioError):
    """The workspace file cannot be used as asked (locked, too new, read-only, full)."""

    template = QT_TRANSLATE_NOOP("errors", "The workspace {path} cannot be opened.")


class UsageProblem(StudioError):
    """The user asked for something that does not make sense (unknown segment, bad rule...)."""
