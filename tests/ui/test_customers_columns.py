"""The customer table sizes each column to its header and first rows, within 90-280 px."""

from __future__ import annotations

from tests.ui.conftest import import_rows

LONG = "广州市天河区某某某某某某某某国际贸易有限责任公司华南分公司第三销售部"


def test_columns_fit_their_texts_within_limits(qtbot, studio, tmp_path):
    import_rows(qtbot, studio, tmp_path / "c.csv",
                "姓名,邮箱,公司,城市\n"
                f"张伟,zhang.wei@example-co.com.cn,{LONG},广州\n"
                "李娜,ln@qq.com,小店,北京\n")
    studio.show_page("customers")
    page = studio.page("customers")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10000)
    header = page.view.horizontalHeader()
    metrics = page.view.fontMetrics()
    widths = {page.model.headerData(c, 1): header.sectionSize(c)
              for c in range(page.model.columnCount())}
    # The e-mail shows whole; the very long company stops at the limit; the short city
    # column still has room for its title and sort arrow.
    email = "zhang.wei@example-co.com.cn"
    assert metrics.horizontalAdvance(email) < widths["Email"] <= 280
    assert widths["Company"] == 280 < metrics.horizontalAdvance(LONG)
    assert widths["City"] >= 90
    assert widths["Name"] >= header.fontMetrics().horizontalAdvance("Name")
