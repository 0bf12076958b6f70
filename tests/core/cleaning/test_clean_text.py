"""clean_text's shortcut for already-tidy text gives exactly what the full treatment gives."""

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.cleaning.text import _invisible_table, clean_text, to_text

_SPACES = re.compile(r"\s+")


def full_treatment(value):
    text = to_text(value)
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text).translate(_invisible_table())
    return _SPACES.sub(" ", text).strip() or None


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=12)
       | st.text(alphabet=" \t\n\u3000\u00a0\u200b\ufeffａＡ１ 张伟abc@.", max_size=12))
def test_shortcut_matches_the_full_treatment(text):
    assert clean_text(text) == full_treatment(text)


def test_what_users_see_tidied():
    assert clean_text("  ＷＡＮＧ\u3000伟\u200b  先生\n") == "WANG 伟 先生"
    assert clean_text("wang@qq.com ") == "wang@qq.com"
    assert clean_text(" \t ") is None
    assert clean_text(13800138000.0) == "13800138000"
