import pandas as pd
import pytest


@pytest.fixture
def customers() -> pd.DataFrame:
    """A small customers frame shaped like storage's load_customers() (COMMON.md)."""
    rows = [
        dict(customer_id=1, name="王伟", phone="+8613800138001", email="wangwei@qq.com",
             company="广州青禾物流有限公司", city="广州", province="广东省", district="天河区",
             address="天河路 385 号", consent="是", gender="男", notes=None),
        dict(customer_id=2, name="欧阳娜娜", phone="13900139002", email="nana@qq.com",
             company="=HYPERLINK(\"http://example.invalid\",\"click\")", city="上海",
             province="上海市", district="浦东新区", address="世纪大道 100 号", consent="yes",
             gender="女", notes="@SUM(A1)"),
        dict(customer_id=3, name="Brandon Bates", phone="+8616698032249",
             email="brandon_bates78@outlook.com", company="Keith Imports Co., Ltd.",
             city="Shenzhen", province="广东省", district=None, address="1 Nanshan Rd",
             consent="Y", gender="M", notes="-1"),
        dict(customer_id=4, name="李娜", phone="+86 199-6475-0048", email=None, company=None,
             city="北京", province="北京市", district=None, address=None, consent="否",
             gender=None, notes="\t=1+2"),
        dict(customer_id=5, name="赵峰", phone=15693408194.0, email="Zhao.Feng@QQ.com ",
             company="+1+1", city="厦门", province="福建省", district=None, address="鼓浪屿",
             consent=None, gender="female", notes=None),
    ]
    df = pd.DataFrame(rows)
    df["alt_phones"] = [[] for _ in rows]
    df["alt_emails"] = [[] for _ in rows]
    df["salutation"] = None
    df["flags"] = [{} for _ in rows]
    df["extra"] = [{"等级": "VIP"}, {}, {"等级": "普通"}, {}, {}]
    df["source_rows"] = [[f"c.xlsx|客户名单|{i + 4}"] for i in range(len(rows))]
    df["imported_at"] = "2024-07-01T10:00:00"
    return df
