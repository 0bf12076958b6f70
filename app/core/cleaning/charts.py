"""Charts for the Check page: completeness and validity by column (Chinese labels)."""

from __future__ import annotations

from app.core.charts import new_figure
from app.core.cleaning.profile import ProfileReport
from app.core.fields import ROLE_LABELS, ROLE_LABELS_ZH


def quality_by_column(report: ProfileReport, lang: str = "zh"):
    """Horizontal bars: filled % and valid % (of the filled cells) per column."""
    columns = report.columns
    figure = new_figure(7.0, max(2.5, 0.38 * len(columns) + 1.2))
    ax = figure.add_subplot(1, 1, 1)
    names = ROLE_LABELS_ZH if lang == "zh" else ROLE_LABELS  # "Total spent", not "total_spent"
    labels = [names.get(c.field, c.field) for c in columns]
    positions = list(range(len(columns)))
    ax.barh([p + 0.2 for p in positions], [c.filled_pct for c in columns], height=0.4,
            label="填写率" if lang == "zh" else "Filled %", color="#4C72B0")
    ax.barh([p - 0.2 for p in positions], [c.valid_pct for c in columns], height=0.4,
            label="有效率" if lang == "zh" else "Valid %", color="#55A868")
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("%")
    title = f"数据质量 {report.score:.0f} 分" if lang == "zh" else f"Data quality {report.score:.0f}/100"
    ax.set_title(title, pad=24)
    # Above the bars, not over them: the last rows reach the right edge at 100 %.
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    return figure
