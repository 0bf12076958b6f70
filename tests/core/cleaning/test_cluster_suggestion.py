"""The value a group of similar spellings is suggested to become: the best-written one."""

from app.core.cleaning.clusters import cluster_values, suggest_value

SHENZHEN = ["shen zhen"] * 11 + ["深圳"] * 6 + ["深圳市"] * 6 + ["Shenzhen"] * 3


def group_of(clusters, value):
    return next(c for c in clusters if value in {v for v, _ in c.values})


def test_a_city_group_suggests_the_gazetteer_name_not_the_commonest_spelling():
    for method in ("pinyin", "levenshtein"):
        shenzhen = group_of(cluster_values(SHENZHEN, method=method, field="city"), "shen zhen")
        assert shenzhen.suggested == "深圳", method
    # No member is written 深圳 itself: the gazetteer's name is still the suggestion.
    romanised = ["shen zhen"] * 11 + ["Shenzhen"] * 3
    assert cluster_values(romanised, method="ngram", field="city")[0].suggested == "深圳"
    assert cluster_values(["深圳市"] * 5 + ["Shenzhen"], method="pinyin",
                          field="city")[0].suggested == "深圳"


def test_a_province_group_suggests_the_full_province_name():
    values = ["guang dong"] * 6 + ["Guangdong"] * 5 + ["广东"] * 3 + ["廣東"] + ["广东省"]
    groups = cluster_values(values, method="pinyin", field="province")
    assert len(groups) == 1 and groups[0].suggested == "广东省"
    assert {v for v, _ in groups[0].values} == set(values)


def test_different_cities_are_never_one_group():
    values = ["Hangzhou"] * 11 + ["杭州"] * 7 + ["广州"] * 10 + ["Guangzhou"] * 6 + ["Guagnzhou"]
    groups = cluster_values(values, method="levenshtein", field="city")
    assert {g.suggested: {v for v, _ in g.values} for g in groups} == {
        "杭州": {"Hangzhou", "杭州"}, "广州": {"广州", "Guangzhou", "Guagnzhou"}}


def test_chinese_characters_win_over_their_romanisation_in_any_column():
    # An industry or tag column knows no gazetteer: 深圳 still beats the commoner 'shen zhen'.
    group = cluster_values(SHENZHEN, method="pinyin")[0]
    assert group.suggested in ("深圳", "深圳市")
    assert suggest_value([("huamei maoyi", 9), ("华美贸易", 2)]) == "华美贸易"


def test_then_the_commonest_then_the_properly_cased_then_the_longest():
    assert suggest_value([("Bright Star", 5), ("bright star", 2)]) == "Bright Star"
    assert suggest_value([("BRIGHT STAR", 2), ("Bright Star", 2), ("bright star", 1)],
                         "company") == "Bright Star"
    assert suggest_value([("华美贸易", 2), ("华美贸易有限公司", 2)]) == "华美贸易有限公司"
    assert suggest_value([("  Bright   Star ", 4), ("Bright-Star", 1)]) == "Bright Star"
