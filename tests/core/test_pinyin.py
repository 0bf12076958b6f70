"""app.core.pinyin: pypinyin with its phrase dictionary read a slice at a time (no long GIL
hold on a worker), giving the same readings as pypinyin's own load."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.core.pinyin import load_phrases, phrases_path

ROOT = Path(__file__).resolve().parents[2]


def test_sliced_load_is_pypinyins_dictionary():
    path = phrases_path()
    assert path is not None
    assert load_phrases(path) == json.loads(path.read_text("utf-8"))


def test_small_file_and_one_entry(tmp_path):
    one = tmp_path / "one.json"
    one.write_text('{\n"重庆": [\n[\n"chóng"\n],\n[\n"qìng"\n]\n]\n}', "utf-8")
    assert load_phrases(one) == {"重庆": [["chóng"], ["qìng"]]}


def test_phrases_read_in_a_fresh_process():
    # A fresh interpreter: pypinyin is imported through app.core.pinyin, with our dictionary in
    # place, and phrases still decide readings (重庆 is chong qing, not zhong qing).
    code = (
        "import sys; from app.core.pinyin import lazy_pinyin\n"
        "print(lazy_pinyin('重庆'), lazy_pinyin('银行', errors='ignore'))\n"
        "import pypinyin.constants as c, pypinyin.phrases_dict as p\n"
        "print(c.PHRASES_DICT is p.phrases_dict, len(c.PHRASES_DICT) > 40000,"
        "      not hasattr(p, '_load_phrases_dict'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out == ["['chong', 'qing'] ['yin', 'hang']", "True True True"]
