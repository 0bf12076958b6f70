"""Generate the bundled sample workbooks in resources/samples (deterministic; rerun any time).

sample_customers.xlsx: two sheets (客户名单 in Chinese, Customers in English), a merged title
row and a blank row above the headers, and the usual mess: phone formats, full-width digits,
city spellings, upper-case and typo e-mails, dates in several forms, amounts as text, consent
as 是/否/Y/N, placeholder rows, and people who appear on both sheets.
sample_orders.xlsx: purchase lines for RFM, naming customers by phone or e-mail.
"""

from __future__ import annotations

import random
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

OUT = Path(__file__).resolve().parent.parent / "resources" / "samples"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明",
         "超", "秀英", "华", "平", "建国", "晓东", "雪梅", "志强", "海燕"]
PINYIN = {"王": "Wang", "李": "Li", "张": "Zhang", "刘": "Liu", "陈": "Chen", "杨": "Yang",
          "黄": "Huang", "赵": "Zhao", "吴": "Wu", "周": "Zhou", "徐": "Xu", "孙": "Sun",
          "马": "Ma", "朱": "Zhu", "胡": "Hu", "郭": "Guo", "何": "He", "林": "Lin", "罗": "Luo",
          "高": "Gao", "伟": "Wei", "芳": "Fang", "娜": "Na", "敏": "Min", "静": "Jing",
          "丽": "Li", "强": "Qiang", "磊": "Lei", "军": "Jun", "洋": "Yang", "勇": "Yong",
          "艳": "Yan", "杰": "Jie", "涛": "Tao", "明": "Ming", "超": "Chao", "秀英": "Xiuying",
          "华": "Hua", "平": "Ping", "建国": "Jianguo", "晓东": "Xiaodong", "雪梅": "Xuemei",
          "志强": "Zhiqiang", "海燕": "Haiyan"}
EN_FIRST = ["James", "Emma", "Oliver", "Sophia", "Daniel", "Grace", "Lucas", "Chloe", "Henry",
            "Mia", "David", "Sarah", "Michael", "Anna", "Thomas"]
EN_LAST = ["Smith", "Brown", "Taylor", "Lee", "Wilson", "Clark", "Walker", "Young", "King",
           "Wright", "Green", "Baker"]
CITIES = [  # (canonical, province, spellings)
    ("广州", "广东省", ["广州", "广州市", "GZ", "Guangzhou", "guang zhou", "Guagnzhou", "廣州"]),
    ("深圳", "广东省", ["深圳", "深圳市", "SZ", "Shenzhen", "shen zhen"]),
    ("上海", "上海市", ["上海", "上海市", "SH", "Shanghai", "shang hai"]),
    ("北京", "北京市", ["北京", "北京市", "BJ", "Beijing", "Peking"]),
    ("杭州", "浙江省", ["杭州", "杭州市", "Hangzhou", "HZ"]),
    ("成都", "四川省", ["成都", "成都市", "Chengdu"]),
    ("武汉", "湖北省", ["武汉", "武汉市", "Wuhan"]),
    ("南京", "江苏省", ["南京", "南京市", "Nanjing"]),
]
COMPANIES = [("广州华美贸易有限公司", ["广州华美贸易有限公司", "华美贸易", "广州华美贸易"]),
             ("深圳创新科技股份有限公司", ["深圳创新科技股份有限公司", "创新科技", "深圳创新科技有限公司"]),
             ("上海东方物流有限责任公司", ["上海东方物流有限责任公司", "东方物流", "上海东方物流"]),
             ("Bright Star Trading Co., Ltd.", ["Bright Star Trading Co., Ltd.", "Bright Star Trading", "BRIGHT STAR TRADING CO LTD"]),
             ("杭州绿源食品有限公司", ["杭州绿源食品有限公司", "绿源食品"]),
             ("成都天府餐饮管理有限公司", ["成都天府餐饮管理有限公司", "天府餐饮"])]
INDUSTRIES = ["制造业", "零售", "餐饮", "教育培训", "互联网", "医疗健康", "金融", "物流"]
EMAIL_DOMAINS = ["qq.com", "163.com", "gmail.com", "126.com", "hotmail.com", "sina.com"]
TYPO = {"gmail.com": "gmial.com", "qq.com": "qq.con", "163.com": "163.cm",
        "hotmail.com": "hotmial.com"}
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

HEAD_ZH = ["姓名", "手机", "邮箱", "公司", "城市", "省份", "行业", "员工人数", "首次购买日期",
           "最近购买日期", "购买次数", "消费金额", "是否同意营销"]
HEAD_EN = ["Name", "Mobile", "E-mail", "Company", "City", "Province", "Industry", "Employees",
           "First purchase", "Last purchase", "Orders", "Total spent", "Marketing consent"]


def person(rng: random.Random, i: int) -> dict:
    chinese = rng.random() < 0.65
    if chinese:
        surname = rng.choice(SURNAMES)
        given = rng.choice(GIVEN)
        name = surname + given
        latin = f"{PINYIN[surname]} {PINYIN[given]}"
        local = f"{PINYIN[given].lower()}.{PINYIN[surname].lower()}{rng.randint(1, 999)}"
    else:
        first, last = rng.choice(EN_FIRST), rng.choice(EN_LAST)
        name = latin = f"{first} {last}"
        local = f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}"
    city = rng.choice(CITIES)
    company = rng.choice(COMPANIES) if rng.random() < 0.6 else None
    first_buy = date(2022, 1, 1) + timedelta(days=rng.randint(0, 700))
    last_buy = first_buy + timedelta(days=rng.randint(0, 300))
    orders = rng.randint(1, 25)
    return {
        "id": i, "chinese": chinese, "name": name, "latin": latin,
        "phone": f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
        "email": f"{local}@{rng.choice(EMAIL_DOMAINS)}",
        "city": city, "company": company, "industry": rng.choice(INDUSTRIES),
        "employees": rng.choice([8, 15, 45, 120, 300, "50-199", "约80人", "1000+", None]),
        "first": first_buy, "last": last_buy, "orders": orders,
        "spent": round(orders * rng.uniform(80, 900), 2),
        "consent": rng.choice([True, True, True, False, None]),
    }


def messy_phone(rng, phone: str):
    form = rng.randint(0, 6)
    if form == 0:
        return f"+86 {phone[:3]}-{phone[3:7]}-{phone[7:]}"
    if form == 1:
        return f"{phone[:3]} {phone[3:7]} {phone[7:]}"
    if form == 2:
        return int(phone)  # a number cell, as when Excel "helps"
    if form == 3:
        return phone.translate(FULLWIDTH)
    return phone


def messy_email(rng, email: str):
    local, domain = email.split("@")
    form = rng.randint(0, 9)
    if form == 0:
        return email.upper()
    if form == 1:
        return f" {email} "
    if form == 2 and domain in TYPO:
        return f"{local}@{TYPO[domain]}"
    return email


def messy_date(rng, value: date):
    form = rng.randint(0, 5)
    if form == 0:
        return f"{value.year}/{value.month}/{value.day}"
    if form == 1:
        return f"{value.year}年{value.month}月{value.day}日"
    if form == 2:
        return value.isoformat()
    return datetime(value.year, value.month, value.day)


def messy_amount(rng, amount: float, zh: bool):
    form = rng.randint(0, 5)
    if form == 0:
        return f"¥{amount:,.2f}"
    if form == 1:
        return f"{amount:.0f}元" if zh else f"RMB {amount:.0f}"
    return amount


def consent_text(rng, consent, zh: bool):
    if consent is None:
        return rng.choice(["", "未知"]) if zh else rng.choice(["", "N/A"])
    if zh:
        return rng.choice(["是", "同意"]) if consent else rng.choice(["否", "不同意"])
    return rng.choice(["Y", "yes"]) if consent else rng.choice(["N", "no"])


def row_for(rng, p: dict, zh: bool, variant: bool = False) -> list:
    city, province, spellings = p["city"]
    name = p["name"]
    if variant and p["chinese"] and rng.random() < 0.5:
        name = p["latin"]
    elif p["chinese"] and rng.random() < 0.1:
        name = name[0] + " " + name[1:]
    elif not p["chinese"] and rng.random() < 0.15:
        name = name.upper()
    company = rng.choice(p["company"][1]) if p["company"] else rng.choice(["", "个人", "无"])
    return [
        name,
        messy_phone(rng, p["phone"]),
        messy_email(rng, p["email"]),
        company,
        rng.choice(spellings),
        province if rng.random() < 0.8 else "",
        p["industry"],
        p["employees"],
        messy_date(rng, p["first"]),
        messy_date(rng, p["last"]),
        p["orders"],
        messy_amount(rng, p["spent"], zh),
        consent_text(rng, p["consent"], zh),
    ]


JUNK = [["张三", "13800000000", "test@test.com", "测试公司", "广州", "", "", None, "", "", 0, "",
         ""],
        ["asdf", "11111111111", "asdf@asdf.com", "N/A", "-", "", "", None, "", "", 0, "", ""],
        ["李四", "12345678901", "无", "无", "无", "", "", None, "", "", 0, "", ""]]


def write_sheet(ws, title: str, headers: list[str], rows: list[list]) -> None:
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([])
    ws.append(headers)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd"
    for col, width in zip("ABCDEFGHIJKLM", [12, 18, 30, 28, 12, 10, 10, 10, 14, 14, 8, 12, 12],
                          strict=True):
        ws.column_dimensions[col].width = width


def build(seed: int = 20240701, people: int = 240) -> tuple[Workbook, Workbook]:
    rng = random.Random(seed)
    persons = [person(rng, i) for i in range(people)]
    zh_rows, en_rows = [], []
    for p in persons:
        (zh_rows if p["chinese"] or rng.random() < 0.2 else en_rows).append(row_for(rng, p, True))
    # People who appear twice: a copy on the other sheet, or a second copy on the same sheet.
    for p in rng.sample(persons, 30):
        target = en_rows if rng.random() < 0.6 else zh_rows
        target.append(row_for(rng, p, target is zh_rows, variant=True))
    zh_rows += JUNK[:2]
    en_rows += JUNK[2:]
    rng.shuffle(zh_rows)
    rng.shuffle(en_rows)
    wb = Workbook()
    write_sheet(wb.active, "2024年客户名单（市场部汇总）", HEAD_ZH, zh_rows)
    wb.active.title = "客户名单"
    write_sheet(wb.create_sheet("Customers"), "Customer list 2024 (trade fairs)", HEAD_EN, en_rows)

    orders = Workbook()
    sheet = orders.active
    sheet.title = "订单明细"
    sheet.append(["订单号", "下单时间", "客户手机", "客户邮箱", "金额", "渠道"])
    number = 100000
    for p in persons:
        for _ in range(rng.randint(0, 6)):
            number += 1
            when = datetime(2023, 1, 1) + timedelta(days=rng.randint(0, 540), hours=rng.randint(8, 20))
            by_phone = rng.random() < 0.6
            sheet.append([f"SO{number}", when, messy_phone(rng, p["phone"]) if by_phone else "",
                          "" if by_phone else p["email"], round(rng.uniform(50, 2000), 2),
                          rng.choice(["天猫", "京东", "门店", "微信"])])
    return wb, orders


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    customers, orders = build()
    for wb, name in ((customers, "sample_customers.xlsx"), (orders, "sample_orders.xlsx")):
        # Fixed timestamps so regenerating gives the same bytes.
        wb.properties.created = wb.properties.modified = datetime(2024, 7, 1)
        wb.save(OUT / name)
        print(f"wrote {OUT / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
