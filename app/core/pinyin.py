"""pypinyin, imported without holding the GIL for long.

pypinyin's import parses its 2.5 MB phrase dictionary with one json.loads (75-130 ms in one C
call, holding the GIL) and then copies its dictionaries (one C call each). On a worker thread
that freezes the window for as long: ui_stall_bench saw a 130-148 ms gap in Clean's Find fixes
at 1M rows, when the first name was read as pinyin. Here the phrase file is parsed a slice of
entries at a time, so the GIL can pass between slices, and put in place as
`pypinyin.phrases_dict` before pypinyin is imported; PYPINYIN_NO_DICT_COPY skips the copies (the
app never customises pypinyin's dictionaries). The result is the same dictionary
(tests/core/test_pinyin.py compares it with pypinyin's own load).

Import pinyin functions from here, not from pypinyin: `from app.core.pinyin import lazy_pinyin`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import threading
import types
from pathlib import Path

# Entries of phrases_dict.json are separated by a line "]," followed by the next key's line;
# inside an entry "]," is followed by "[" (the next syllable's readings).
_BOUNDARY = '\n],\n"'
_SLICE_CHARS = 48_000  # about 1,000 entries, ~2 ms of json.loads each
_lock = threading.Lock()
_ready = False


def phrases_path() -> Path | None:
    spec = importlib.util.find_spec("pypinyin")  # finds the package without importing it
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "phrases_dict.json"
        if path.is_file():
            return path
    return None


def load_phrases(path: Path) -> dict:
    """json.loads(path's text), a slice of whole entries at a time."""
    text = path.read_text("utf-8")
    body = text.strip()
    if not (body.startswith("{") and body.endswith("}")):
        return json.loads(text)
    body = body[1:-1]
    out: dict = {}
    start = 0
    while start < len(body):
        cut = body.find(_BOUNDARY, start + _SLICE_CHARS)
        end = len(body) if cut < 0 else cut + 2  # the entry's closing "\n]"
        out.update(json.loads("{" + body[start:end] + "}"))
        start = end + 1  # past the "," between entries
    return out


def _install() -> None:
    global _ready
    with _lock:
        if _ready or "pypinyin" in sys.modules:
            _ready = True
            return
        os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
        path = phrases_path()
        if path is not None and "pypinyin.phrases_dict" not in sys.modules:
            try:
                phrases = load_phrases(path)
            except (OSError, ValueError):
                phrases = None  # a layout this loader does not know: pypinyin loads it itself
            if phrases is not None:
                module = types.ModuleType("pypinyin.phrases_dict")
                module.phrases_dict = phrases
                module._json_path = str(path)
                sys.modules["pypinyin.phrases_dict"] = module
        import pypinyin  # noqa: F401  (its import finds the module above)

        _ready = True


def lazy_pinyin(*args, **kwargs) -> list[str]:
    if not _ready:
        _install()
    from pypinyin import lazy_pinyin as convert

    return convert(*args, **kwargs)

