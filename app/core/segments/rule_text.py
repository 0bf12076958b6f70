"""The text form of rules, for the CLI (`--rule`) and for showing what the GUI builder made.

Grammar (keywords in any case; 且/并且 = and, 或/或者 = or, 非 = not, 包含 = contains):

    expr      := term ("or" term)*
    term      := factor ("and" factor)*
    factor    := "not" factor | "(" expr ")" | condition
    condition := "has" "tag" value
               | field ("=" | "!=" | ">" | ">=" | "<" | "<=") value
               | field ["not"] "contains" value
               | field ["not"] "in" "(" value ("," value)* ")"
               | field "between" value "and" value
               | field "is" ["not"] "empty"
               | field "within" ["the"] ["last"] NUMBER ["day" | "days"]
    field     := a role key (city), its Chinese or English label (城市, City), or any column;
                 several words or a quoted string for labels with spaces ("Total spent")
    value     := 'quoted' | "quoted" | “quoted” | words up to the next keyword, "," or ")"

Examples:
    city = 广州 and industry = 制造业 and last_purchase within 90 days
    (城市 = 广州 or 城市 = 深圳) and not consent = no
    total_spent between 1000 and 5000 or has tag VIP
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.core.errors import UsageProblem
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.segments.rules import Condition, Group, Rule

_ERROR = QT_TRANSLATE_NOOP("errors", "Rule: {problem} at position {position} (near “{near}”).")
_KEYWORDS = {"and", "or", "not", "in", "between", "is", "empty", "contains", "within", "has",
             "tag"}
_ALIASES = {"且": "and", "并且": "and", "或": "or", "或者": "or", "非": "not", "包含": "contains",
            "&&": "and", "||": "or"}
_COMPARE = {"=": "equals", "==": "equals", "!=": "not_equals", "<>": "not_equals", ">": "gt",
            ">=": "ge", "<": "lt", "<=": "le"}
_OP_TEXT = {v: k for k, v in _COMPARE.items() if k not in ("==", "<>")}
_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>'[^']*'|"[^"]*"|“[^”]*”|‘[^’]*’)
      | (?P<op>>=|<=|!=|<>|==|=|>|<)
      | (?P<punct>[(),])
      | (?P<word>(?:&&|\|\||[^\s()=,<>!'"“”‘’])+)
    )""",
    re.VERBOSE,
)


@dataclass
class _Token:
    kind: str  # string | op | punct | word | end
    text: str
    position: int  # 1-based column in the (NFKC-normalised) rule text

    @property
    def keyword(self) -> str | None:
        if self.kind != "word":
            return None
        folded = self.text.casefold()
        folded = _ALIASES.get(folded, folded)
        return folded if folded in _KEYWORDS else None


def _tokenize(text: str) -> list[_Token]:
    tokens, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            start = len(text[pos:]) - len(text[pos:].lstrip()) + pos
            raise UsageProblem(_ERROR, problem="unexpected character", position=start + 1,
                               near=text[start:start + 10])
        kind = match.lastgroup
        raw = match.group(kind)
        start = match.start(kind)
        if kind == "string":
            raw = raw[1:-1]
        tokens.append(_Token(kind, raw, start + 1))
        pos = match.end()
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.i]

    def fail(self, problem: str, token: _Token | None = None):
        token = token or self.token
        near = self.text[token.position - 1: token.position + 11] or "end of rule"
        raise UsageProblem(_ERROR, problem=problem, position=token.position, near=near)

    def take(self) -> _Token:
        token = self.token
        self.i += 1
        return token

    def accept(self, keyword: str) -> bool:
        if self.token.keyword == keyword:
            self.i += 1
            return True
        return False

    def parse(self) -> Rule:
        if self.token.kind == "end":
            self.fail("the rule is empty")
        rule = self.expr()
        if self.token.kind != "end":
            self.fail(f"expected AND, OR or the end, found “{self.token.text}”")
        return rule

    def expr(self) -> Rule:
        items = [self.term()]
        while self.accept("or"):
            items.append(self.term())
        return items[0] if len(items) == 1 else Group("or", items)

    def term(self) -> Rule:
        items = [self.factor()]
        while self.accept("and"):
            items.append(self.factor())
        return items[0] if len(items) == 1 else Group("and", items)

    def factor(self) -> Rule:
        if self.accept("not"):
            inner = self.factor()
            if isinstance(inner, Group) and not inner.negate:
                inner.negate = True
                return inner
            return Group("and", [inner], negate=True)
        if self.token.kind == "punct" and self.token.text == "(":
            opening = self.take()
            rule = self.expr()
            if not (self.token.kind == "punct" and self.token.text == ")"):
                self.fail("a “(” is never closed", opening if self.token.kind == "end" else None)
            self.take()
            return rule
        return self.condition()

    def words(self, what: str, stop_keywords: bool = True) -> str:
        """One quoted string, or bare words up to an operator, keyword, ',', ')' or the end."""
        if self.token.kind == "string":
            return self.take().text
        parts = []
        while self.token.kind == "word" and not (stop_keywords and self.token.keyword):
            parts.append(self.take().text)
        if not parts:
            self.fail(f"expected {what}")
        return " ".join(parts)

    def condition(self) -> Rule:
        if self.token.keyword == "has":
            self.take()
            if not self.accept("tag"):
                self.fail("expected “tag” after “has”")
            return Condition("tags", "has_tag", self.value())
        if self.token.keyword and self.token.keyword not in ("tag",):
            self.fail("expected a field name")
        field_start = self.i
        field = self.words("a field name")
        token = self.token
        if token.kind == "op":
            self.take()
            return Condition(field, _COMPARE[token.text], self.value())
        negate = self.accept("not")
        keyword = self.token.keyword
        if keyword == "contains":
            self.take()
            return Condition(field, "not_contains" if negate else "contains", self.value())
        if keyword == "in":
            self.take()
            cond = Condition(field, "one_of", self.value_list())
            return Group("and", [cond], negate=True) if negate else cond
        if negate:
            self.fail("expected “contains” or “in” after “not”")
        if keyword == "between":
            self.take()
            low = self.value()
            if not self.accept("and"):
                self.fail("expected AND between the two values of BETWEEN")
            return Condition(field, "between", [low, self.value()])
        if keyword == "is":
            self.take()
            empty_op = "not_empty" if self.accept("not") else "empty"
            if not self.accept("empty"):
                self.fail("expected “empty” after “is”")
            return Condition(field, empty_op, None)
        if keyword == "within":
            self.take()
            for optional in ("the", "last"):
                if self.token.kind == "word" and self.token.text.casefold() == optional:
                    self.take()
            number = self.token
            if number.kind != "word" or not number.text.isdigit():
                self.fail("expected a number of days after “within”")
            self.take()
            if self.token.kind == "word" and self.token.text.casefold() in ("day", "days", "天"):
                self.take()
            return Condition(field, "within_days", int(number.text))
        if self.i - field_start > 1:  # "city ~ 广州": the operator was missing after "city"
            first = self.tokens[field_start]
            self.fail(f"expected an operator after “{first.text}” (=, !=, >, <, contains, in, "
                      "between, is empty, within N days)", self.tokens[field_start + 1])
        self.fail(f"expected an operator after “{field}” (=, !=, >, <, contains, in, between, "
                  "is empty, within N days)")

    def value(self) -> str | float | int:
        if self.token.kind == "string":
            return self.take().text
        text = self.words("a value")
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        if re.fullmatch(r"-?\d+\.\d+", text):
            return float(text)
        return text

    def value_list(self) -> list:
        if not (self.token.kind == "punct" and self.token.text == "("):
            self.fail("expected “(” after IN")
        self.take()
        values = [self.value()]
        while self.token.kind == "punct" and self.token.text == ",":
            self.take()
            values.append(self.value())
        if not (self.token.kind == "punct" and self.token.text == ")"):
            self.fail("expected “,” or “)” in the IN list")
        self.take()
        return values


def parse_rule(text: str) -> Rule:
    """Parse a rule expression; raises UsageProblem naming the position of the problem."""
    return _Parser(unicodedata.normalize("NFKC", text or "")).parse()


def _quote(value) -> str:
    text = str(value)
    plain = re.fullmatch(r"[^\s()=,<>!'\"“”‘’]+(?: [^\s()=,<>!'\"“”‘’]+)*", text)
    words = text.casefold().split()
    if plain and not any(_ALIASES.get(w, w) in _KEYWORDS for w in words):
        return text
    return "“" + text + "”" if "'" in text else "'" + text + "'"


_ZH_WORDS = {"and": "且", "or": "或", "not": "非", "contains": "包含"}  # aliases parse_rule reads


def rule_to_text(rule: Rule, _nested: bool = False, *, label=None, chinese: bool = False) -> str:
    """The expression parse_rule reads back into the same rule. `label(key)` names fields as
    the user reads them (城市 rather than city: parse_rule takes labels too); `chinese` writes
    the keywords that have Chinese aliases (且, 或, 非, 包含) in Chinese."""
    def word(w: str) -> str:
        return _ZH_WORDS.get(w, w) if chinese else w

    if isinstance(rule, Group):
        inner = f" {word(rule.op)} ".join(
            rule_to_text(i, True, label=label, chinese=chinese) for i in rule.items)
        if rule.negate:
            return f"{word('not')} ({inner})"
        return f"({inner})" if _nested and len(rule.items) > 1 else inner
    op, value = rule.op, rule.value
    field = _quote(label(rule.field) if label is not None else rule.field)
    if op == "has_tag":
        return f"has tag {_quote(value)}"
    if op in _OP_TEXT:
        return f"{field} {_OP_TEXT[op]} {_quote(value)}"
    if op in ("contains", "not_contains"):
        negate = word("not") + " " if op == "not_contains" else ""
        return f"{field} {negate}{word('contains')} {_quote(value)}"
    if op == "one_of":
        return f"{field} in ({', '.join(_quote(v) for v in value)})"
    if op == "between":
        return f"{field} between {_quote(value[0])} and {_quote(value[1])}"
    if op == "empty":
        return f"{field} is empty"
    if op == "not_empty":
        return f"{field} is not empty"
    if op == "within_days":
        return f"{field} within last {int(value)} days"
    raise ValueError(op)
