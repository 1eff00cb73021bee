"""Charts as SVG text, with presentation attributes only (no CSS, no script), so pages can
embed them under a strict Content-Security-Policy. Pure: labels come in already
translated."""

from cordones.domain.charts.bars import bar_chart
from cordones.domain.charts.svg import Marker, Series, line_chart

__all__ = ["Marker", "Series", "bar_chart", "line_chart"]
