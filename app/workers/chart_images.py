"""Charts drawn to PNG off the GUI thread (matplotlib Agg on a Figure, no pyplot, no Qt).

Drawing six dashboard charts with Qt canvases took the GUI thread 0.4-0.7 s after every
reload; a worker draws them instead and the page only sets the finished images.
"""

from __future__ import annotations

import io

DPI = 100


def render_png(figure, width_px: int, height_px: int, dpi: int = DPI) -> bytes:
    """The figure drawn at this pixel size, as PNG bytes (it keeps the size for Save as PNG)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    figure.set_size_inches(max(width_px, 200) / dpi, max(height_px, 150) / dpi)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def figure_png(make_figure, width_px: int, height_px: int) -> tuple[bytes, object]:
    """make_figure() drawn to PNG: (the PNG, the figure kept for Save as PNG)."""
    figure = make_figure()
    return render_png(figure, width_px, height_px), figure
