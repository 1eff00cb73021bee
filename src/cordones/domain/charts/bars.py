"""A horizontal bar chart in SVG, for counts (a vote's result): one bar per option, its
label above it and its number at its end, so that it reads on a 360 px phone. Presentation
attributes only, like the line chart; pages show the same numbers in a table."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from cordones.domain.charts.svg import PALETTE, escape


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", "\u202f")


def bar_chart(
    title: str,
    description: str,
    bars: Sequence[tuple[str, Decimal | float | int]],
    *,
    marker: tuple[float, str] | None = None,
    highlight: Sequence[str] = (),
    width: int = 300,
    chart_id: str = "bars",
) -> str:
    """``bars`` are (label, value); ``highlight`` names the bars drawn in the first colour
    (the winners), the rest in a grey that still has 4.5:1 contrast; ``marker`` is a
    vertical line at a value (e.g. a quota) with its label."""
    # narrow: drawn at about its own size on a phone, so the text stays readable
    left, right, top, row = 4, 44, 8, 44
    plot_w = width - left - right
    values = [float(v) for _label, v in bars]
    high = max([*values, marker[0] if marker else 0.0, 1.0])
    height = top + row * max(len(bars), 1) + (18 if marker else 4)

    def x_at(v: float) -> float:
        return left + plot_w * (v / high)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="system-ui, sans-serif" font-size="14" id="{chart_id}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for index, (label, value) in enumerate(bars):
        y = top + row * index
        won = label in highlight
        colour = PALETTE[1] if won else "#5f5f68"
        length = max(x_at(float(value)) - left, 1.0 if float(value) else 0.0)
        weight = ' font-weight="bold"' if won else ""
        out.append(f'<text x="{left}" y="{y + 13}" fill="#1d1d1f"{weight}>{escape(label)}</text>')
        out.append(
            f'<rect x="{left}" y="{y + 18}" width="{length:.1f}" height="18" fill="{colour}"/>'
        )
        out.append(
            f'<text x="{left + length + 6:.1f}" y="{y + 32}" fill="#1d1d1f">'
            f"{escape(_number(float(value)))}</text>"
        )
    if marker is not None:
        x = x_at(marker[0])
        bottom = top + row * len(bars)
        out.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="#9b1c1c" '
            'stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
        anchor = "end" if x > width / 2 else "start"
        out.append(
            f'<text x="{x:.1f}" y="{bottom + 14}" text-anchor="{anchor}" fill="#9b1c1c">'
            f"{escape(marker[1])}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)
