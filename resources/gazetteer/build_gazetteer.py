"""Builds cn_divisions.json from the administrative-division table shipped by the MIT-licensed
`cpca` package (resources/adcodes.csv and 56_nations.csv inside its wheel).

Run once by hand when the divisions change:
    python resources/gazetteer/build_gazetteer.py ADCODES_CSV NATIONS_CSV
The app reads only the JSON; neither cpca nor this script is needed at run time.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from pypinyin import lazy_pinyin

HERE = Path(__file__).resolve().parent
PROVINCE_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")
# pypinyin reads these characters with their common (wrong for place names) sound.
PINYIN_FIXES = {"六安": "luan", "蚌埠": "bengbu", "丽水": "lishui", "亳州": "bozhou"}


def pinyin(text: str) -> str:
    return PINYIN_FIXES.get(text) or "".join(lazy_pinyin(text))


def short_province(name: str) -> str:
    for suffix in PROVINCE_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def short_city(name: str, nations: list[str]) -> str:
    for suffix in ("地区", "盟", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    if name.endswith("自治州"):
        cut = min((name.find(n) for n in nations if name.find(n) > 0), default=len(name) - 3)
        return name[:cut]
    return name


def build(adcodes: Path, nations_csv: Path) -> dict:
    nations = [line.strip() for line in nations_csv.read_text("utf-8").splitlines() if line.strip()]
    rows = list(csv.DictReader(adcodes.open(encoding="utf-8")))
    names = {r["adcode"]: r["name"] for r in rows}
    provinces, cities, districts = [], [], []
    for code, name in sorted(names.items()):
        short = short_province(name)
        if code[2:] == "0" * 10:
            provinces.append({"code": code[:6], "name": name, "short": short, "pinyin": pinyin(short)})
    province_of = {p["code"][:2]: p for p in provinces}
    for code, name in sorted(names.items()):
        if code[2:] == "0" * 10 or code[6:] != "0" * 6:
            continue
        province = province_of.get(code[:2])
        if province is None:
            continue
        parent_city = names.get(code[:4] + "0" * 8, "")
        if code[4:6] == "00":
            if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                continue
            short = short_city(name, nations)
            cities.append({"code": code[:6], "name": name, "short": short,
                           "province": province["name"], "pinyin": pinyin(short)})
        elif parent_city in ("市辖区", "县"):  # a municipality's districts
            districts.append({"name": name, "city": province["short"], "province": province["name"]})
        elif parent_city.endswith("直辖县级行政区划"):  # 仙桃, 济源: cities in their own right
            short = short_city(name, nations)
            cities.append({"code": code[:6], "name": name, "short": short,
                           "province": province["name"], "pinyin": pinyin(short)})
        else:
            districts.append({"name": name, "city": short_city(parent_city, nations),
                              "province": province["name"]})
    for p in provinces:  # municipalities and SARs are cities too
        if p["name"].endswith(("市", "特别行政区")):
            cities.append({"code": p["code"], "name": p["name"], "short": p["short"],
                           "province": p["name"], "pinyin": p["pinyin"]})
    return {"source": "cpca 0.5.5 adcodes.csv (MIT)", "provinces": provinces,
            "cities": cities, "districts": districts}


if __name__ == "__main__":
    data = build(Path(sys.argv[1]), Path(sys.argv[2]))
    out = HERE / "cn_divisions.json"
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
    print(out, len(data["provinces"]), len(data["cities"]), len(data["districts"]))
