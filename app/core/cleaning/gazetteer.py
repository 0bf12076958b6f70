"""The bundled gazetteer of Chinese provinces, prefecture-level cities and districts.

Data: resources/gazetteer/cn_divisions.json (built from cpca's MIT-licensed adcodes table by
resources/gazetteer/build_gazetteer.py). Loaded once, from beside the source tree or from the
PyInstaller bundle; a caller may pass another path.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

GAZETTEER_FILE = Path("resources") / "gazetteer" / "cn_divisions.json"

# Cities people mean first when a spelling fits several (suzhou: 苏州 not 宿州; fuzhou: 福州).
MAJOR_CITIES = ["北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "南京", "苏州", "成都", "武汉", "西安", "长沙", "郑州", "济南", "青岛", "大连", "沈阳", "宁波", "厦门", "福州", "合肥", "南昌", "昆明", "南宁", "贵阳", "海口", "三亚", "太原", "石家庄", "哈尔滨", "长春", "呼和浩特", "兰州", "西宁", "银川", "乌鲁木齐", "拉萨", "佛山", "东莞", "无锡", "温州", "珠海", "惠州", "中山", "泉州", "烟台", "常州", "徐州", "南通", "绍兴", "嘉兴", "金华", "台州", "潍坊", "洛阳", "唐山", "保定", "廊坊", "江门", "汕头", "湛江", "桂林", "柳州", "芜湖", "扬州", "镇江", "盐城", "泰州", "香港", "澳门", "台北"]

# Abbreviations our users type for big cities (GZ, SZ, BJ, SH ...). Hand-kept because initials
# collide (SZ is also 苏州 and 石嘴山); only the reading users actually mean is listed.
CITY_ABBREVIATIONS = {
    "BJ": "北京", "SH": "上海", "TJ": "天津", "CQ": "重庆", "GZ": "广州", "SZ": "深圳", "HZ": "杭州",
    "NJ": "南京", "CD": "成都", "WH": "武汉", "XA": "西安", "CS": "长沙", "ZZ": "郑州", "JN": "济南",
    "QD": "青岛", "DL": "大连", "SY": "沈阳", "NB": "宁波", "XM": "厦门", "FZ": "福州", "HF": "合肥",
    "NC": "南昌", "KM": "昆明", "NN": "南宁", "GY": "贵阳", "HK": "香港", "TY": "太原",
    "SJZ": "石家庄", "HEB": "哈尔滨", "CC": "长春", "HHHT": "呼和浩特", "LZ": "兰州", "WLMQ": "乌鲁木齐",
    "FS": "佛山", "DG": "东莞", "WX": "无锡", "WZ": "温州", "ZH": "珠海", "SU": "苏州",
}

# Latin names that are not the pinyin of the city.
CITY_LATIN_ALIASES = {"hongkong": "香港", "hk": "香港", "macau": "澳门", "macao": "澳门",
                      "taipei": "台北", "kaohsiung": "高雄", "taichung": "台中", "peking": "北京",
                      "canton": "广州", "amoy": "厦门", "harbin": "哈尔滨", "urumqi": "乌鲁木齐",
                      "hohhot": "呼和浩特", "lhasa": "拉萨"}

# Cities abroad: Chinese and English spellings to the English name users expect.
FOREIGN_CITIES = {
    "新加坡": "Singapore", "吉隆坡": "Kuala Lumpur", "悉尼": "Sydney", "墨尔本": "Melbourne",
    "伦敦": "London", "纽约": "New York", "洛杉矶": "Los Angeles", "旧金山": "San Francisco",
    "西雅图": "Seattle", "芝加哥": "Chicago", "波士顿": "Boston", "多伦多": "Toronto",
    "温哥华": "Vancouver", "东京": "Tokyo", "大阪": "Osaka", "首尔": "Seoul", "曼谷": "Bangkok",
    "巴黎": "Paris", "柏林": "Berlin", "法兰克福": "Frankfurt", "慕尼黑": "Munich",
    "阿姆斯特丹": "Amsterdam", "迪拜": "Dubai", "雅加达": "Jakarta", "马尼拉": "Manila",
    "胡志明市": "Ho Chi Minh City", "河内": "Hanoi", "奥克兰": "Auckland", "莫斯科": "Moscow",
    "米兰": "Milan", "罗马": "Rome", "马德里": "Madrid", "巴塞罗那": "Barcelona",
}
FOREIGN_ABBREVIATIONS = {"KL": "Kuala Lumpur", "SG": "Singapore", "NYC": "New York", "LA": "Los Angeles",
                         "SF": "San Francisco"}


# Taiwan's cities are absent from the mainland division table.
EXTRA_CITIES = tuple(
    {"code": "", "name": name + "市", "short": name, "province": "台湾省", "pinyin": pinyin}
    for name, pinyin in (("台北", "taibei"), ("新北", "xinbei"), ("台中", "taizhong"),
                         ("台南", "tainan"), ("高雄", "gaoxiong"), ("桃园", "taoyuan"))
)


@dataclass
class Gazetteer:
    provinces: list[dict]
    cities: list[dict]
    districts: list[dict]
    province_by_name: dict[str, dict] = field(default_factory=dict)
    province_by_pinyin: dict[str, dict] = field(default_factory=dict)
    city_by_name: dict[str, dict] = field(default_factory=dict)
    cities_by_pinyin: dict[str, list[dict]] = field(default_factory=dict)
    districts_by_name: dict[str, list[dict]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        known = {c["short"] for c in self.cities}
        self.cities.extend(dict(c) for c in EXTRA_CITIES if c["short"] not in known)
        for p in self.provinces:
            self.province_by_name[p["name"]] = p
            self.province_by_name[p["short"]] = p
            self.province_by_pinyin.setdefault(p["pinyin"], p)
        # 陕西 and 山西 share a pinyin; Shaanxi is the official spelling of 陕西.
        shaanxi = self.province_by_name.get("陕西")
        if shaanxi:
            self.province_by_pinyin["shaanxi"] = shaanxi
        rank = {name: i for i, name in enumerate(MAJOR_CITIES)}
        ordered = sorted(self.cities, key=lambda c: rank.get(c["short"], len(rank)))
        for c in ordered:
            c["major"] = c["short"] in rank
            self.city_by_name.setdefault(c["short"], c)
            self.city_by_name.setdefault(c["name"], c)
            self.cities_by_pinyin.setdefault(c["pinyin"], []).append(c)
        for d in self.districts:
            self.districts_by_name.setdefault(d["name"], []).append(d)

    def city_for_pinyin(self, key: str) -> dict | None:
        found = self.cities_by_pinyin.get(key)
        return found[0] if found else None


def _default_path() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / GAZETTEER_FILE
    return Path(__file__).resolve().parents[3] / GAZETTEER_FILE


@cache
def load_gazetteer(path: str | None = None) -> Gazetteer:
    data = json.loads(Path(path or _default_path()).read_text("utf-8"))
    return Gazetteer(data["provinces"], data["cities"], data["districts"])
