"""Draw the app icon with QPainter: resources/icons/app.png (256 px), app-<n>.png sizes and a
multi-size app.ico (Windows). The outputs are committed; re-run after changing the drawing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icon.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
ACCENT = QColor("#2563eb")


def draw(size: int) -> QImage:
    """A rounded blue tile with three table rows; the last two merge into one (dedup), and a
    check mark (clean). Drawn at each size so small icons stay crisp."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0
    tile = QRectF(12 * s, 12 * s, 232 * s, 232 * s)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomRight())
    gradient.setColorAt(0, QColor("#3b82f6"))
    gradient.setColorAt(1, QColor("#1d4ed8"))
    path = QPainterPath()
    path.addRoundedRect(tile, 52 * s, 52 * s)
    p.fillPath(path, gradient)
    # Three rows of a list: white bars, the first with a "dot" (a customer).
    white = QColor("#ffffff")
    soft = QColor(255, 255, 255, 150)
    for i, (color, width) in enumerate(((white, 150), (soft, 120), (soft, 120))):
        y = (62 + i * 50) * s
        p.setBrush(color)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(QRectF(52 * s, y, 26 * s, 26 * s))
        p.drawRoundedRect(QRectF(90 * s, y + 4 * s, width * s, 18 * s), 9 * s, 9 * s)
    # A bracket joining rows 2 and 3 (two records, one customer).
    pen = QPen(white, max(1.0, 9 * s))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPolyline([QPointF(222 * s, 118 * s), QPointF(232 * s, 118 * s),
                    QPointF(232 * s, 172 * s), QPointF(222 * s, 172 * s)])
    # A green check badge in the lower right.
    badge = QRectF(150 * s, 160 * s, 84 * s, 84 * s)
    p.setPen(QPen(white, max(1.0, 8 * s)))
    p.setBrush(QColor("#10b981"))
    p.drawEllipse(badge)
    check = QPen(white, max(1.5, 12 * s))
    check.setCapStyle(Qt.PenCapStyle.RoundCap)
    check.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(check)
    p.drawPolyline([QPointF(172 * s, 203 * s), QPointF(187 * s, 218 * s),
                    QPointF(213 * s, 187 * s)])
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def write_ico(path: Path, images: list[QImage]) -> None:
    """ICO with PNG-compressed entries (Windows Vista and later read these at every size)."""
    blobs = [png_bytes(img) for img in images]
    header = struct.pack("<HHH", 0, 1, len(blobs))
    offset = 6 + 16 * len(blobs)
    entries = b""
    for img, blob in zip(images, blobs, strict=True):
        side = img.width() if img.width() < 256 else 0  # 0 means 256 in the ICO format
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    path.write_bytes(header + entries + b"".join(blobs))


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    images = [draw(size) for size in SIZES]
    for size, image in zip(SIZES, images, strict=True):
        image.save(str(OUT / f"app-{size}.png"))
    images[-1].save(str(OUT / "app.png"))
    write_ico(OUT / "app.ico", images)
    print("wrote", ", ".join(sorted(p.name for p in OUT.iterdir())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
