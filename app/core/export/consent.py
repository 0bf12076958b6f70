"""Read a marketing-consent cell, raw or cleaned: True (agreed), False (refused), None (unknown)."""

from __future__ import annotations

import unicodedata

from app.core.export.table import is_blank

YES = {"是", "y", "yes", "同意", "true", "1", "已同意", "agree", "agreed", "opt-in", "optin",
       "subscribed", "ok", "可以", "愿意", "接受", "√", "✓", "t"}
NO = {"否", "n", "no", "不同意", "false", "0", "拒绝", "不", "不愿意", "opt-out", "optout",
      "unsubscribed", "退订", "×", "✗", "f", "不接受"}


def interpret_consent(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if is_blank(value):
        return None
    if isinstance(value, int | float):
        return {1: True, 0: False}.get(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    return None  # N/A, -, 未知, anything unreadable: ask, never assume
