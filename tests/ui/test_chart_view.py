"""A chart drawn off the GUI thread for one size is shown whole in whatever room its view has
by then (the Check page's chart lost its title and axis label at 1280x800: drawn for a taller
view, it was centred in a shorter label and cut off at both ends)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QPixmap

from app.ui.chart_view import ChartView


def _png(width: int, height: int) -> bytes:
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor("steelblue"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    return bytes(data)


def test_a_chart_drawn_bigger_than_its_view_is_scaled_down_whole(qtbot):
    view = ChartView(min_height=200)
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_image(_png(800, 900))
    qtbot.wait(20)
    room = view.image.contentsRect()
    shown = view.image.pixmap()
    assert shown.width() <= room.width() and shown.height() <= room.height()
    assert abs(shown.width() / shown.height() - 800 / 900) < 0.02  # proportions kept
    assert max(shown.width() / room.width(), shown.height() / room.height()) > 0.97  # fills it

    view.resize(1400, 1200)  # room for the chart as drawn: shown at its own size again
    qtbot.wait(20)
    assert (view.image.pixmap().width(), view.image.pixmap().height()) == (800, 900)
    assert view.image.alignment() & Qt.AlignmentFlag.AlignCenter


def test_a_chart_smaller_than_its_view_is_not_blown_up(qtbot):
    view = ChartView(min_height=200)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.set_image(_png(400, 300))
    qtbot.wait(20)
    assert (view.image.pixmap().width(), view.image.pixmap().height()) == (400, 300)
