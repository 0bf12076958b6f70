"""Dashboard: the workspace at a glance; every chart can be saved as a PNG."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.ui.chart_view import ChartView, chart_language
from app.ui.i18n import error_text
from app.ui.pages.on_screen import ReloadWhenShown
from app.ui.widgets import PageHeader


def _tasks():
    """The use cases, imported on first use: they pull in pandas, which the window does not
    need in order to open."""
    from app.workers import segment_tasks

    return segment_tasks


def _dashboard_job(ws, lang: str, titles: dict[str, str], sizes: dict[str, tuple[int, int]]):
    """Runs on the workspace thread: the numbers, and every chart drawn to PNG there (drawing
    them on the GUI thread held the window 0.4-0.7 s after each reload)."""
    from app.core.segments import charts
    from app.workers.chart_images import render_png

    data = _tasks().dashboard_data(ws, lang)
    images = {}
    for key, series in (("province", data.by_province), ("city", data.by_city),
                        ("industry", data.by_industry), ("segments", data.segment_sizes),
                        ("personas", data.personas)):
        if key == "segments":  # the built-in persona segment's stored name is English
            series = series.rename(index={"Personas": titles["personas"]})
        if len(series):
            figure = charts.segment_sizes_chart(series, lang)
            figure.axes[0].set_title(titles[key])
            images[key] = (render_png(figure, *sizes[key]), figure)
    if data.rfm is not None:
        figure = charts.rfm_grid_heatmap(data.rfm.grid, lang)
        images["rfm_grid"] = (render_png(figure, *sizes["rfm_grid"]), figure)
    return data, images


class Tile(QFrame):
    """A big number with a caption."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setStyleSheet("QFrame#tile { border: 1px solid #e3e7ee; border-radius: 8px; "
                           "background: #f9fafb; }")
        layout = QVBoxLayout(self)
        self.value = QLabel("—", self)
        self.value.setStyleSheet("font-size: 24px; font-weight: 600; color: #111827;")
        self.caption = QLabel(self)
        self.caption.setObjectName("muted")
        layout.addWidget(self.value)
        layout.addWidget(self.caption)


class DashboardPage(ReloadWhenShown, QWidget):
    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.data = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        self.header = PageHeader(self)
        outer.addWidget(self.header)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.hide()
        outer.addWidget(self.problem)
        tiles = QHBoxLayout()
        self.customers = Tile(self)
        self.quality = Tile(self)
        self.orders = Tile(self)
        self.segments_tile = Tile(self)
        for tile in (self.customers, self.quality, self.orders, self.segments_tile):
            tiles.addWidget(tile)
        outer.addLayout(tiles)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        grid = QGridLayout(body)
        self.province = ChartView(body, 320)
        self.city = ChartView(body, 320)
        self.industry = ChartView(body, 320)
        self.segment_sizes = ChartView(body, 320)
        self.rfm_grid = ChartView(body, 340)
        self.personas = ChartView(body, 320)
        self.charts = [self.province, self.city, self.industry, self.segment_sizes,
                       self.rfm_grid, self.personas]
        for i, view in enumerate(self.charts):
            grid.addWidget(view, i // 2, i % 2)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.retranslate()

    def reload(self) -> None:
        if self.context.runner.stopped:  # the window is closing
            return
        titles = {
            "province": self.tr("Customers by province"), "city": self.tr("Customers by city"),
            "industry": self.tr("Customers by industry"),
            "segments": self.tr("Saved segments"), "personas": self.tr("Personas"),
        }
        sizes = {key: view.image_size() for key, view in self._views().items()}
        task = self.context.runner.submit(_dashboard_job, chart_language(), titles, sizes,
                                          label="dashboard")
        task.succeeded.connect(self.show_data)
        task.failed.connect(self._failed)

    def _failed(self, error) -> None:
        if not error.expected:
            self.context.report_crash(error.details)
            return
        self.problem.setText(error_text(error))
        self.problem.show()

    def _views(self) -> dict[str, ChartView]:
        return {"province": self.province, "city": self.city, "industry": self.industry,
                "segments": self.segment_sizes, "personas": self.personas,
                "rfm_grid": self.rfm_grid}

    def show_data(self, result) -> None:
        """(DashboardData, {chart key: (png, figure)}) from _dashboard_job."""
        data, images = result
        self.data = data
        self.problem.hide()
        self.customers.value.setText(f"{data.customers:,}")
        self.quality.setVisible(data.quality_score is not None)
        if data.quality_score is not None:
            self.quality.value.setText(f"{data.quality_score:.0f}")
        linked = data.orders.get("linked", 0)
        self.orders.value.setText(f"{linked:,}")
        self.segments_tile.value.setText(f"{len(data.segment_sizes):,}")
        for key, view in self._views().items():
            if key in images:
                png, figure = images[key]
                view.set_image(png, figure, key)
            else:
                view.clear()
        self._placeholders()

    def _placeholders(self) -> None:
        self.province.placeholder.setText(self.tr("No province column yet"))
        self.city.placeholder.setText(self.tr("No city column yet"))
        self.industry.placeholder.setText(self.tr("No industry column yet"))
        self.segment_sizes.placeholder.setText(self.tr("No segments yet: make some on the Segment page"))
        self.rfm_grid.placeholder.setText(self.tr("RFM not computed yet"))
        self.personas.placeholder.setText(self.tr("No personas yet"))

    # hooks called by the main window (a hidden page reloads when shown: on_screen.py)
    def workspace_changed(self, _info) -> None:
        self.reload_when_shown()

    def customers_changed(self) -> None:
        self.reload_when_shown()

    def retranslate(self) -> None:
        self.header.set_texts(self.tr("Dashboard"),
                              self.tr("Your customers at a glance. Every chart can be saved as "
                                      "a PNG for a report."))
        self.customers.caption.setText(self.tr("customers"))
        self.quality.caption.setText(self.tr("data quality score"))
        self.orders.caption.setText(self.tr("purchase lines linked"))
        self.segments_tile.caption.setText(self.tr("saved segments"))
        self._placeholders()
        if self.data is not None:
            self.reload_when_shown()  # persona names and chart labels in the new language

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
