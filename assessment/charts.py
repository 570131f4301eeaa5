"""A small server-rendered SVG line chart for progress: scores 0–100 over time, one line per
series, with the pass mark. No script, no external resource; text is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

COLOURS = ("#0b5cad", "#1e7b34", "#b3261e", "#8a5a00", "#6b3fa0", "#00838f")
PASS_MARK = 70


def line_chart(
    series: dict[str, Sequence[tuple[object, Decimal]]],
    *,
    title: str,
    width: int = 640,
    height: int = 240,
) -> str:
    """SVG markup; x is the n-th graded attempt (equal steps), y the score out of 100."""
    left, right, top, bottom = 36, 170, 12, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    count = max((len(points) for points in series.values()), default=0)

    def x(index: int) -> float:
        return left + (plot_w * index / (count - 1) if count > 1 else plot_w / 2)

    def y(value: Decimal) -> float:
        return top + plot_h * (1 - float(value) / 100)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in (0, 25, 50, 75, 100):
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(Decimal(tick)):.1f}" '
            f'y2="{y(Decimal(tick)):.1f}" stroke="#e4e8ee" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(Decimal(tick)) + 4:.1f}" font-size="10" '
            f'text-anchor="end" fill="#5b6673">{tick}</text>'
        )
    parts.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{y(Decimal(PASS_MARK)):.1f}" '
        f'y2="{y(Decimal(PASS_MARK)):.1f}" stroke="#b3261e" stroke-dasharray="4 3" '
        f'stroke-width="1"/>'
    )
    if count == 0:
        parts.append(
            f'<text x="{left + plot_w / 2}" y="{top + plot_h / 2}" font-size="12" '
            f'text-anchor="middle" fill="#5b6673">Nog geen beoordelingen</text>'
        )
    for index, (name, points) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        coordinates = [(x(i), y(value)) for i, (_at, value) in enumerate(points)]
        if len(coordinates) > 1:
            path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coordinates)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for cx, cy in coordinates:
            parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3" fill="{colour}"/>')
        legend_y = top + 14 * index + 8
        parts.append(
            f'<rect x="{left + plot_w + 12}" y="{legend_y - 8}" width="10" height="10" '
            f'fill="{colour}"/><text x="{left + plot_w + 26}" y="{legend_y + 1}" '
            f'font-size="10" fill="#1d2733">{escape(_short(name))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _short(name: str, limit: int = 26) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
