"""Translation markers usable in Qt-free code.

Qt's `lupdate` finds strings wrapped in QT_TRANSLATE_NOOP("context", "text") in any Python
file by the call's name, so core code marks its user-visible templates with this no-op and the
GUI translates them at display time with QCoreApplication.translate(context, text).
The CLI prints the English text as is.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - name lupdate looks for
    return text
