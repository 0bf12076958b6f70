"""Translation markers usable in Qt-free code.

Qt's `lupdate` finds strings wrapped in QT_TRANSLATE_NOOP("context", "text") in any Python
file by the call's name, so core code marks its user-visible templates with this no-op and the
GUI translates them at display time with QCoreApplication.translate(context, text).
The CLI prints the English text as is.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - name lupdate looks for
    return text


# Between the items of a list inside a Summary (Chinese uses "、").
LIST_SEPARATOR = QT_TRANSLATE_NOOP("history", ", ")


# Around a name the user gave (a column's header) inside a list (Chinese uses “ ”).
QUOTED = QT_TRANSLATE_NOOP("history", "'{text}'")


class Quoted(str):
    """A name from the user's file (a column header) inside a Summary: shown in the quotes of
    the user's language."""


class FieldName(str):
    """A customer field's role key ("phone") inside a Summary: shown as the field's label in
    the user's language (context "fields")."""


class Summary(str):
    """A one-line text for the operation log that can be shown in any language.

    The str value is the English text (what the CLI prints and the `summary` column keeps, so
    older readers still work); `template` (marked with QT_TRANSLATE_NOOP("history", ...)) and
    `args` are stored beside it so the GUI translates the line when it shows it. Arguments are
    plain values, FieldName, Quoted, nested Summary, or lists of those (joined with ", ").
    """

    context = "history"  # where the template is marked (QT_TRANSLATE_NOOP) and translated
    template: str
    args: dict

    def __new__(cls, template: str, **args: object) -> Summary:
        try:
            english = _fill(template, args, None)
        except (KeyError, IndexError, ValueError, TypeError):
            english = template
        self = super().__new__(cls, english)
        self.template = template
        self.args = args
        return self

    def render(self, translate) -> str:
        """The text in the language of `translate(context, text) -> str` (English when the
        translated template does not fit the arguments)."""
        try:
            return _fill(translate(self.context, self.template), self.args, translate)
        except (KeyError, IndexError, ValueError, TypeError):
            return str(self)

    def __reduce__(self):  # pickle/copy keep the template, not just the English text
        return (type(self).from_json, (self.to_json(),))

    def to_json(self) -> dict:
        return {"t": self.template, "a": {k: _arg_to_json(v) for k, v in self.args.items()}}

    @classmethod
    def from_json(cls, data: dict) -> Summary:
        return cls(str(data["t"]), **{k: _arg_from_json(v) for k, v in dict(data["a"]).items()})


def _arg_to_json(value):
    if isinstance(value, Summary):
        return {"summary": value.to_json()}
    if isinstance(value, FieldName):
        return {"field": str(value)}
    if isinstance(value, Quoted):
        return {"quoted": str(value)}
    if isinstance(value, list | tuple):
        return [_arg_to_json(v) for v in value]
    return value


def _arg_from_json(value):
    if isinstance(value, dict) and "summary" in value:
        return Summary.from_json(value["summary"])
    if isinstance(value, dict) and "field" in value:
        return FieldName(value["field"])
    if isinstance(value, dict) and "quoted" in value:
        return Quoted(value["quoted"])
    if isinstance(value, list):
        return [_arg_from_json(v) for v in value]
    return value


def _arg_text(value, translate):
    if isinstance(value, Summary):
        return value.render(translate) if translate else str(value)
    if isinstance(value, FieldName):
        from app.core.fields import OTHER_FIELD_LABELS, ROLE_LABELS

        key = str(value)
        label = ROLE_LABELS.get(key) or OTHER_FIELD_LABELS.get(key) or key
        return translate("fields", label) if translate else label
    if isinstance(value, Quoted):
        template = translate("history", QUOTED) if translate else QUOTED
        return template.format(text=str(value))
    if isinstance(value, list | tuple):
        separator = translate("history", LIST_SEPARATOR) if translate else LIST_SEPARATOR
        return separator.join(str(_arg_text(v, translate)) for v in value)
    return value


def _fill(template: str, args: dict, translate) -> str:
    return template.format(**{k: _arg_text(v, translate) for k, v in args.items()})


class Notice(Summary):
    """A warning an import gives about a file or sheet (context "import"): English text as a
    plain str (CLI, stored import record), translated from its template in the GUI."""

    context = "import"
