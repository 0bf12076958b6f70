"""Split names into family and given name, read gender cells, and build salutations.

Chinese names put the family name first; most are one character, but compound surnames
(复姓: 欧阳, 司马, 诸葛 ...) take two. Latin names are split on spaces, given name first.
"""

from __future__ import annotations

import re
import unicodedata

from app.core.export.table import is_blank
from app.core.export.textwidth import has_cjk

COMPOUND_SURNAMES = frozenset(
    ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "司空", "夏侯", "轩辕", "令狐", "钟离", "闻人", "澹台", "公冶", "太史", "申屠", "端木", "西门", "南宫", "百里", "呼延", "独孤", "万俟", "拓跋", "完颜", "赫连", "第五", "梁丘", "左丘", "东郭", "濮阳", "淳于", "单于", "仲孙", "叔孙", "乐正", "漆雕", "壤驷", "公良", "谷梁", "宰父", "微生", "羊舌", "巫马", "亓官", "公西", "段干", "司寇", "子车", "颛孙", "鲜于", "闾丘", "东门", "公羊", "即墨", "呼衍", "南门", "屈突", "尔朱", "夹谷", "歐陽", "司馬", "諸葛", "東方", "長孫", "宇文", "夏侯", "軒轅", "令狐", "鍾離", "聞人", "澹臺", "端木", "西門", "南宮"]
)
# Surnames whose everyday pinyin differs from the character's most common reading.
SURNAME_PINYIN = {
    "单": "Shan", "曾": "Zeng", "解": "Xie", "仇": "Qiu", "区": "Ou", "朴": "Piao",
    "查": "Zha", "盖": "Ge", "乐": "Yue", "覃": "Qin", "缪": "Miao", "翟": "Zhai",
    "秘": "Bi", "繁": "Po", "种": "Chong", "员": "Yun", "尉迟": "Yuchi", "万俟": "Moqi",
    "单于": "Chanyu", "长孙": "Zhangsun", "澹台": "Tantai", "乐正": "Yuezheng", "亓官": "Qiguan",
}
_SEPARATORS = re.compile(r"[·•‧・.]")


def clean_name(name: object) -> str:
    if is_blank(name):
        return ""
    text = unicodedata.normalize("NFKC", str(name)).strip()
    if has_cjk(text):
        text = re.sub(r"\s+", "", text)
    return re.sub(r"\s+", " ", text)


def is_chinese_name(name: str) -> bool:
    return has_cjk(name)


def split_name(name: object) -> tuple[str, str]:
    """(family name, given name). 王伟 -> (王, 伟); 欧阳娜娜 -> (欧阳, 娜娜);
    Brandon Bates -> (Bates, Brandon); 阿依古丽·买买提 -> (买买提, 阿依古丽)."""
    text = clean_name(name)
    if not text:
        return "", ""
    if is_chinese_name(text):
        parts = [p for p in _SEPARATORS.split(text) if p]
        if len(parts) > 1:  # minority names written given·family, like Western order
            return parts[-1], "".join(parts[:-1])
        if len(text) >= 3 and text[:2] in COMPOUND_SURNAMES:
            return text[:2], text[2:]
        return text[:1], text[1:]
    if "," in text:  # "Bates, Brandon"
        family, given = (p.strip() for p in text.split(",", 1))
        return family, given
    parts = text.split(" ")
    if len(parts) == 1:
        return parts[0], ""
    return parts[-1], " ".join(parts[:-1])


def pinyin_name(family: str, given: str) -> tuple[str, str]:
    """Chinese family and given name in pinyin, capitalised (欧阳, 娜娜 -> Ouyang, Nana)."""
    from app.core.pinyin import lazy_pinyin

    fam = SURNAME_PINYIN.get(family) or "".join(lazy_pinyin(family))
    giv = "".join(lazy_pinyin(given))
    return fam.capitalize(), giv.capitalize()


_MALE = {"男", "m", "male", "man", "先生", "mr", "mr.", "男士", "boy"}
_FEMALE = {"女", "f", "female", "woman", "女士", "小姐", "ms", "ms.", "mrs", "mrs.", "miss",
           "夫人", "太太", "girl"}


def parse_gender(value: object) -> str | None:
    """'m', 'f' or None from 男/女/M/F/male/female/先生/女士 and the like."""
    if is_blank(value):
        return None
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    if text in _MALE:
        return "m"
    if text in _FEMALE:
        return "f"
    return None


def list_language(names) -> str:
    """'zh' when most names in the list are Chinese, else 'en'."""
    cleaned = [clean_name(n) for n in names]
    cleaned = [n for n in cleaned if n]
    if not cleaned:
        return "zh"
    chinese = sum(is_chinese_name(n) for n in cleaned)
    return "zh" if chinese * 2 >= len(cleaned) else "en"


def salutation(name: object, gender: object = None, lang: str = "zh") -> str:
    """尊敬的王先生 / Dear Mr. Wang; without a known gender 尊敬的王伟 / Dear Wei Wang."""
    text = clean_name(name)
    sex = parse_gender(gender)
    family, given = split_name(text)
    if lang == "zh":
        if not text:
            return "尊敬的客户"
        if sex and family:
            title = "先生" if sex == "m" else "女士"
            return f"尊敬的{family}{title}" if is_chinese_name(text) else f"尊敬的{family} {title}"
        return f"尊敬的{text}"
    if not text:
        return "Dear Customer"
    if is_chinese_name(text):
        family, given = pinyin_name(family, given)
    if sex and family:
        return f"Dear {'Mr.' if sex == 'm' else 'Ms.'} {family}"
    full = " ".join(p for p in (given, family) if p)
    return f"Dear {full}"
