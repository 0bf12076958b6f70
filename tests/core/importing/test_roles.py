"""Column roles from header words in Chinese and English, and from content."""

import pytest

from app.core.importing.roles import role_from_content, role_from_header

HEADER_ROLES = {
    "姓名": "name", "客户名称": "name", "联系人": "name", "Name": "name",
    "手机": "phone", "手机号": "phone", "联系电话": "phone", "Mobile": "phone", "Tel": "phone",
    "手机号码 ": "phone", "邮箱": "email", "电子邮件": "email", "E-mail": "email",
    "Email Address": "email", "公司": "company", "单位": "company", "Company": "company",
    "城市": "city", "City": "city", "省份": "province", "Province": "province",
    "区县": "district", "District": "district", "地址": "address", "Address": "address",
    "公司地址": "address", "行业": "industry", "Industry": "industry",
    "员工人数": "employees", "Employees": "employees", "首次购买日期": "first_purchase",
    "First purchase": "first_purchase", "最近购买日期": "last_purchase",
    "Last purchase": "last_purchase", "购买次数": "orders", "Orders": "orders",
    "消费金额": "total_spent", "Total spent": "total_spent", "是否同意营销": "consent",
    "Marketing consent": "consent", "备注": "notes", "Notes": "notes", "性别": "gender",
    "Gender": "gender", "生日": "birthday", "Birthday": "birthday", "ＮＡＭＥ": "name",
    "手机\n(必填)": "phone",
}


@pytest.mark.parametrize(("header", "role"), sorted(HEADER_ROLES.items()))
def test_header_words_name_their_role(header, role):
    assert role_from_header(header) == role


@pytest.mark.parametrize("header", ["联系方式", "Contact info", "其他", "", None, "Hotel",
                                    "这一列是销售同事手工整理的一长串说明文字，不是列名"])
def test_vague_headers_name_no_role(header):
    assert role_from_header(header) is None


def test_content_decides_vague_columns():
    assert role_from_content(["13800138000", "139 1234 5678", 13712345678, None]) == "phone"
    assert role_from_content(["a@x.com", "B@Y.CN ", "mailto:c@z.org", ""]) == "email"
    assert role_from_content(["北京", "上海", "广州"]) is None
    assert role_from_content(["13800138000", None]) is None  # too few values to tell
