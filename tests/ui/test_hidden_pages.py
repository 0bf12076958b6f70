"""Pages off screen do not reload on every change; they catch up when the user opens them
(issue 7: the window never freezes while the workspace thread loads data nobody looks at)."""

import pytest
from openpyxl import Workbook

from app.main import import_at_start

HEAVY = {"dashboard", "segments", "export overview", "load customers"}


@pytest.fixture
def customers_xlsx(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "手机号", "城市"])
    ws.append(["张伟", "13800138000", "上海"])
    ws.append(["李娜", "13900139000", "北京"])
    ws.append(["王芳", "13700137000", "深圳"])
    path = tmp_path / "customers.xlsx"
    wb.save(path)
    return path


@pytest.fixture
def window(open_studio, qtbot, tmp_path):
    win = open_studio(tmp_path / "hidden.sdstudio")
    qtbot.waitUntil(lambda: not win.runner.busy, timeout=10000)
    win.started = []
    win.runner.task_started.connect(lambda t: win.started.append(t.label))
    return win


def test_hidden_pages_reload_only_when_shown(qtbot, window, customers_xlsx):
    customers = window.page("customers")
    dashboard = window.page("dashboard")
    import_at_start(window, [customers_xlsx])  # imports, then shows the customer table
    qtbot.waitUntil(lambda: customers.model.rowCount() == 3 and not window.runner.busy,
                    timeout=20000)
    # Only the table on screen loaded; dashboard, segments and export waited.
    assert [label for label in window.started if label in HEAVY] == ["load customers"]
    assert dashboard.customers.value.text() == "—"

    window.started.clear()
    window.show_page("dashboard")
    qtbot.waitUntil(lambda: dashboard.customers.value.text() == "3", timeout=20000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    assert [label for label in window.started if label in HEAVY] == ["dashboard"]
    # Its charts arrive drawn (off the GUI thread) and show as pictures.
    assert not dashboard.city.image.pixmap().isNull() and dashboard.city.canvas is None

    # A change while the table is hidden: nothing loads until the table is shown again,
    # and then it shows the change.
    window.started.clear()
    task = window.runner.submit(
        lambda ws: ws.conn.execute("UPDATE customers SET name = '赵敏' WHERE name = '李娜'")
        and ws.conn.commit(), label="edit")
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    window.customers_changed()
    qtbot.waitUntil(lambda: dashboard.customers.value.text() == "3" and not window.runner.busy,
                    timeout=10000)
    assert "load customers" not in window.started
    window.show_page("customers")
    names = lambda: sorted(customers.model.index(r, 0).data() for r in range(3))  # noqa: E731
    qtbot.waitUntil(lambda: names() == ["张伟", "王芳", "赵敏"], timeout=20000)
    assert window.started.count("load customers") == 1
