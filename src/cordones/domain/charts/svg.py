"""A small line chart in SVG.

Why not a library: pygal writes a ``<style>`` element and scripts, matplotlib writes
``style=""`` attributes; a page whose policy is ``style-src 'self'`` drops both. This writes
presentation attributes (``fill``, ``stroke``, ``stroke-dasharray``) only. Each series has
its own dash pattern besides its colour, so the lines can be told apart without colour; every
chart has a ``<title>`` and ``<desc>`` and pages show the same numbers in a table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape as _xml_escape

# Colours with at least 4.5:1 contrast on white; dash patterns tell the lines apart too.
PALETTE = ("#9b1c1c", "#1a4f8b", "#1f5f2c", "#6b3fa0", "#7a4b00")
DASHES = ("", "8 4", "2 3", "12 4 2 4", "4 4")


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[Decimal | float | int | None]  # one per x label; None leaves a gap


@dataclass(frozen=True)
class Marker:
    """A vertical line at position ``at`` (0-based x index), e.g. the recovery date."""

    at: float
    label: str


def _nice_step(span: float) -> float:
    if span <= 0:
        return 1.0
    raw = span / 5
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if step >= raw:
            return step
    return 10 * magnitude


_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def escape(text: str) -> str:
    """XML-escaped text without the control characters XML does not allow; line ends are
    written as XML reads them (a parser turns CR and CRLF into LF)."""
    return _xml_escape(text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL))


def _fmt(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:g} M"
    if abs(value) >= 10_000:
        return f"{value / 1000:g} k"
    return f"{value:g}"


def line_chart(
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    marker: Marker | None = None,
    y_label: str = "",
    width: int = 480,
    height: int = 300,
    chart_id: str = "chart",
    zero_based: bool = True,
) -> str:
    """An SVG line chart. ``x_labels`` are shown thinned out to fit; the y axis has round
    steps from zero (or from the smallest value when ``zero_based`` is false)."""
    left, right, top = 56, 12, 16
    legend_rows = len(series)
    bottom = 34 + 18 * legend_rows
    plot_w = width - left - right
    plot_h = height - top - bottom
    values = [float(v) for s in series for v in s.values if v is not None]
    low = 0.0 if zero_based or not values else min(values)
    high = max(values) if values else 1.0
    if high <= low:
        high = low + 1.0
    step = _nice_step(high - low)
    low = (low // step) * step
    ticks = []
    tick = low
    while tick < high + step * 0.999:
        ticks.append(tick)
        tick += step
    high = ticks[-1]
    n = max(len(x_labels), 1)

    def x_at(i: float) -> float:
        return left + (plot_w * (i / (n - 1)) if n > 1 else plot_w / 2)

    def y_at(v: float) -> float:
        return top + plot_h - (v - low) / (high - low) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="system-ui, sans-serif" font-size="12" id="{chart_id}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for t in ticks:
        y = y_at(t)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            'stroke="#d6d3ce" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#1d1d1f">'
            f"{escape(_fmt(t))}</text>"
        )
    if y_label:
        out.append(
            f'<text x="12" y="{top + plot_h / 2:.1f}" text-anchor="middle" fill="#1d1d1f" '
            f'transform="rotate(-90 12 {top + plot_h / 2:.1f})">{escape(y_label)}</text>'
        )
    every = max(1, -(-n * 60 // plot_w))  # about one label per 60 px
    for i, label in enumerate(x_labels):
        if i % every:
            continue
        out.append(
            f'<text x="{x_at(i):.1f}" y="{top + plot_h + 14}" text-anchor="middle" '
            f'fill="#1d1d1f">{escape(label)}</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        'stroke="#4a4a52" stroke-width="1"/>'
    )
    if marker is not None and 0 <= marker.at <= n - 1:
        x = x_at(marker.at)
        out.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="#1d1d1f" '
            'stroke-width="1.5" stroke-dasharray="3 3"/>'
        )
        anchor = "start" if marker.at < (n - 1) / 2 else "end"
        dx = 4 if anchor == "start" else -4
        out.append(
            f'<text x="{x + dx:.1f}" y="{top + 10}" text-anchor="{anchor}" fill="#1d1d1f">'
            f"{escape(marker.label)}</text>"
        )
    for index, s in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        dash = DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        runs: list[list[str]] = [[]]
        for i, v in enumerate(s.values):
            if v is None:
                if runs[-1]:
                    runs.append([])
                continue
            runs[-1].append(f"{x_at(i):.1f},{y_at(float(v)):.1f}")
        for run in runs:
            if len(run) == 1:
                cx, cy = run[0].split(",")
                out.append(f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{colour}"/>')
            elif run:
                out.append(
                    f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                    f'stroke-width="2"{dash_attr}/>'
                )
        ly = height - 18 * (legend_rows - index) + 4
        out.append(
            f'<line x1="{left}" y1="{ly - 4}" x2="{left + 28}" y2="{ly - 4}" stroke="{colour}" '
            f'stroke-width="2"{dash_attr}/>'
        )
        out.append(f'<text x="{left + 34}" y="{ly}" fill="#1d1d1f">{escape(s.label)}</text>')
    out.append("</svg>")
    return "\n".join(out)
