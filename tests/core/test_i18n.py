"""Names from the user's file inside an import warning: quoted in the reader's language."""

from app.core.i18n import QUOTED, Notice, Quoted, Summary
from app.core.importing.header import REPEATED_NAMES

CHINESE = {QUOTED: "“{text}”", REPEATED_NAMES: "列名重复：{names}。（例如“{example} (2)”）",
           ", ": "、"}


def chinese(context, text):
    return CHINESE.get(text, text)


def test_column_names_are_quoted_in_the_language_the_warning_is_shown_in():
    notice = Notice(REPEATED_NAMES, names=[Quoted("手机"), Quoted("邮箱")], example="手机")
    assert str(notice).startswith("Repeated column names '手机', '邮箱': every copy was kept")
    assert notice.render(chinese) == "列名重复：“手机”、“邮箱”。（例如“手机 (2)”）"


def test_a_stored_warning_keeps_its_quoted_names():
    notice = Notice(REPEATED_NAMES, names=[Quoted("手机")], example="手机")
    again = Summary.from_json(notice.to_json())
    assert again.render(chinese) == "列名重复：“手机”。（例如“手机 (2)”）"
