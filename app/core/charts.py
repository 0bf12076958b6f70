"""Shared matplotlib set-up: Figure objects only (no pyplot state, no canvas), with a CJK font.

Area-specific chart builders live beside their logic (cleaning/charts.py, segments/charts.py)
and start from new_figure() so every chart renders Chinese labels the same way.
"""

from __future__ import annotations

from functools import lru_cache

# Fonts tried in order; the first one installed wins. DejaVu Sans has no CJK glyphs, so it
# comes last (it still draws Latin text and digits when no CJK font is present).
CJK_FONTS = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Hiragino Sans GB",
    "Arial Unicode MS",
)


@lru_cache(maxsize=1)
def cjk_font_family() -> list[str]:
    """Installed CJK fonts first, DejaVu Sans last (matplotlib falls back glyph by glyph)."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    chosen = [name for name in CJK_FONTS if name in installed]
    return chosen + ["DejaVu Sans"]


def has_cjk_font() -> bool:
    return len(cjk_font_family()) > 1


def new_figure(width: float = 6.4, height: float = 4.0, dpi: int = 100):
    """A bare Figure whose text renders Chinese with an installed CJK font."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    matplotlib.rcParams["font.sans-serif"] = cjk_font_family()
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False  # CJK fonts often lack U+2212
    return Figure(figsize=(width, height), dpi=dpi, layout="constrained")


def figure_to_png(figure, path) -> None:
    figure.savefig(path, format="png")
