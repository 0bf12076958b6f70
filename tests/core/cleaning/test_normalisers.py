import pytest

from app.core.cleaning import (
    clean_text,
    company_key,
    is_fake,
    name_key,
    normalize_city,
    normalize_email,
    normalize_name,
    normalize_phone,
    normalize_province,
    phones_in_text,
    split_address,
)


@pytest.mark.parametrize(
    ("raw", "e164", "kind"),
    [
        ("+86 138-0013-8000", "+8613800138000", "mobile"),
        ("１３８００１３８０００", "+8613800138000", "mobile"),
        (13800138000.0, "+8613800138000", "mobile"),
        ("(020) 8888-8888", "+862088888888", "landline"),
        ("0086 15942391553", "+8615942391553", "mobile"),
        ("+852 9123 4567", "+85291234567", "mobile"),
    ],
)
def test_phone_to_e164(raw, e164, kind):
    result = normalize_phone(raw)
    assert (result.e164, result.kind, result.valid) == (e164, kind, True)


def test_phone_fake_invalid_extension_and_alternates():
    assert normalize_phone("13800000000").reason == "fake"
    assert normalize_phone("12345678901").reason == "fake"
    assert normalize_phone("1366829430").reason == "invalid"  # a digit short
    landline = normalize_phone("020-88888888 转 123")
    assert (landline.e164, landline.extension) == ("+862088888888", "123")
    two = normalize_phone("13812345678 / 13912345678")
    assert (two.e164, two.alternates) == ("+8613812345678", ["+8613912345678"])
    assert phones_in_text("请打 13912345678 找王经理") == ["+8613912345678"]


def test_email():
    assert normalize_email(" Zhang@QQ.COM ").value == "zhang@qq.com"
    assert normalize_email("mailto:<a.b@163.cm>;").suggestion == "a.b@163.com"
    assert normalize_email("x@gmial.com").suggestion == "x@gmail.com"
    assert normalize_email("x@hotmial.com").suggestion == "x@hotmail.com"
    assert normalize_email("x@qq.con").value == "x@qq.com"
    assert normalize_email("x@lehuo-hardware.cn").suggestion is None
    assert normalize_email("x@mc.com").suggestion is None  # a real domain, not me.com
    assert normalize_email("131997230@qq").reason == "invalid"
    assert normalize_email("test@test.com").reason == "fake"
    assert normalize_email("info@acme.cn").is_role


def test_names_and_keys():
    assert normalize_name("何  晴").name == "何晴"
    assert normalize_name("KAREN HILL").name == "Karen Hill"
    assert normalize_name("Zhang, Wei").name == "Wei Zhang"
    mr = normalize_name("Mr. john smith")
    assert (mr.name, mr.salutation) == ("John Smith", "Mr.")
    assert normalize_name("王先生").salutation == "先生"
    assert name_key("张伟") == name_key("Zhang Wei") == name_key("Wei Zhang")
    assert name_key("王小明") == name_key("Wang Xiaoming")


def test_company_key():
    assert company_key("广州市乐活五金有限公司") == company_key("乐活五金（广州）有限公司") == "乐活五金"
    assert company_key("上海聚源医疗器械有限责任公司") == company_key("聚源医疗器械")
    assert company_key("Simpson Logistics Co., Ltd.") == company_key("Simpson Logistics Inc")
    assert company_key("阿里巴巴集团控股有限公司").startswith("阿里巴巴")


@pytest.mark.parametrize(
    "raw", ["广州", "广州市", "GZ", "Guangzhou", "Guagnzhou", "guang zhou", "廣州", "GUANG\nZHOU"]
)
def test_city_spellings_meet(raw):
    result = normalize_city(raw)
    assert (result.city, result.province) == ("广州", "广东省")


def test_city_other_cases():
    assert normalize_city("Suzhou").city == "苏州"  # not 宿州
    assert normalize_city("臺北").city == "台北"
    assert normalize_city("悉尼").city == "Sydney"
    assert normalize_city("N/A").reason == "fake"
    assert normalize_province("Shaanxi") == "陕西省"
    assert normalize_province("广西") == "广西壮族自治区"
    parts = split_address("北京市朝阳区建国路88号")
    assert (parts.province, parts.city, parts.district) == ("北京市", "北京", "朝阳区")


def test_fakes_and_text():
    assert is_fake("name", "张三") == "fake"
    assert is_fake("company", "个人") == "placeholder"
    assert is_fake("phone", "11111111111") == "fake"
    assert is_fake("email", "asdf@asdf.com") == "fake"
    assert is_fake("name", "张伟") is None
    assert is_fake("orders", 0) is None
    assert clean_text("ＡＢＣ１２３\u3000x\n y\x00") == "ABC123 x y"
