"""A matplotlib Figure (built by app.core charts) shown in a page, with "Save as PNG…".

matplotlib and its Qt canvas are imported on first use, so the window opens without them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


def chart_language() -> str:
    """"zh" or "en" for charts and generated sentences, following the UI language."""
    return "zh" if QLocale().name().startswith("zh") else "en"


class ChartView(QWidget):
    """Holds one Figure at a time; set_figure() swaps it (a chart redrawn in another language)."""

    def __init__(self, parent: QWidget | None = None, min_height: int = 300) -> None:
        super().__init__(parent)
        self.figure = None
        self.canvas = None
        self.image = None  # QLabel with a chart drawn off the GUI thread (set_image)
        self._generation = 0  # draw requests so far: only the newest one's image is shown
        self.file_stem = "chart"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self._holder = QVBoxLayout()
        self.placeholder = QLabel(self)
        self.placeholder.setObjectName("muted")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setMinimumHeight(min_height)
        self._holder.addWidget(self.placeholder)
        layout.addLayout(self._holder, 1)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.save_button = QPushButton(self)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_png)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        self.setMinimumHeight(min_height)
        self.retranslate()

    def set_figure(self, figure, file_stem: str = "chart") -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        self.file_stem = file_stem
        self._drop_image()
        if self.canvas is not None:
            self._holder.removeWidget(self.canvas)
            self.canvas.setParent(None)
            self.canvas.deleteLater()
        self.figure = figure
        self.canvas = FigureCanvasQTAgg(figure)
        self.canvas.setParent(self)
        self.canvas.setMinimumHeight(self.minimumHeight() - 40)
        self.placeholder.hide()
        self._holder.addWidget(self.canvas, 1)
        self.save_button.setEnabled(True)
        self.canvas.draw_idle()

    def set_image(self, png: bytes, figure=None, file_stem: str = "chart") -> None:
        """Show a chart already drawn to PNG (app/workers/chart_images.py) — no drawing on
        the GUI thread; `figure` is kept for Save as PNG."""
        from PySide6.QtGui import QPixmap

        self.file_stem = file_stem
        if self.canvas is not None:
            self._holder.removeWidget(self.canvas)
            self.canvas.setParent(None)
            self.canvas.deleteLater()
            self.canvas = None
        if self.image is None:
            self.image = _ChartImage(self)
            self._holder.addWidget(self.image, 1)
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.image.set_chart(pixmap)
        self.image.show()
        self.figure = figure
        self.placeholder.hide()
        self.save_button.setEnabled(figure is not None)

    def draw_later(self, runner, make_figure, file_stem: str = "chart") -> None:
        """Build and draw the chart on a worker (make_figure() -> Figure, then PNG) and show
        it when done: drawing on the GUI thread held the window 0.1-0.4 s per chart. A newer
        request wins over an older one still drawing."""
        from app.workers.chart_images import figure_png

        if runner.stopped:  # the window is closing
            return
        self._generation += 1
        generation = self._generation
        task = runner.submit(figure_png, make_figure, *self.image_size(), workspace=False,
                             label=f"chart {file_stem}")

        def show(result) -> None:
            if generation == self._generation:
                png, figure = result
                self.set_image(png, figure, file_stem)

        task.succeeded.connect(show)

    def image_size(self) -> tuple[int, int]:
        """Pixels a chart drawn for this view should have (its size less the button row)."""
        return max(self.width(), 400), max(self.height() - 40, self.minimumHeight() - 40)

    def _drop_image(self) -> None:
        if self.image is not None:
            self._holder.removeWidget(self.image)
            self.image.setParent(None)
            self.image.deleteLater()
            self.image = None

    def clear(self) -> None:
        self._generation += 1  # a chart still drawing is dropped
        self._drop_image()
        if self.canvas is not None:
            self._holder.removeWidget(self.canvas)
            self.canvas.setParent(None)
            self.canvas.deleteLater()
            self.canvas = None
        self.figure = None
        self.placeholder.show()
        self.save_button.setEnabled(False)

    def save_png(self, path: str | None = None) -> str | None:
        if self.figure is None:
            return None
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save chart as PNG"), f"{self.file_stem}.png",
                self.tr("PNG images (*.png)"))
        if not path:
            return None
        if not path.lower().endswith(".png"):
            path += ".png"
        self.figure.savefig(path, format="png", dpi=150)
        return path

    def retranslate(self) -> None:
        self.save_button.setText(self.tr("Save as PNG…"))
        self.placeholder.setText(self.tr("No chart yet"))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class _ChartImage(QLabel):
    """A chart drawn to PNG, shown whole: scaled down, keeping its proportions, when the room
    the layout gives it is smaller than the size it was drawn for. It asks for no room of its
    own: a chart drawn for a taller view (its size when drawing began) was centred in a smaller
    label and cut off at the top and bottom, title and axis label with it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.chart = None  # the QPixmap as drawn

    def set_chart(self, pixmap) -> None:
        self.chart = pixmap
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self.chart is None:
            return
        room = self.contentsRect().size()
        pixmap = self.chart
        if room.width() > 0 and room.height() > 0 and (
                pixmap.width() > room.width() or pixmap.height() > room.height()):
            pixmap = pixmap.scaled(room, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        self.setPixmap(pixmap)
