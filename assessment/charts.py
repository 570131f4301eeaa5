"""A small server-rendered SVG line chart for progress: scores 0–100 over time, one line per
series, with the pass mark. No script, no external resource; text is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from assessment.scoring.rules import PASS_MARK

COLOURS = ("#0b5cad", "#1e7b34", "#b3261e", "#8a5a00", "#6b3fa0", "#00838f")
# Lines that overlap stay apart (issue #14, item 9): each series has its own colour, dash
# pattern and marker shape, and the legend shows all three.
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 4", "10 4")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "ring")


def _marker(shape: str, cx: float, cy: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{cx - 3.5:.1f}" y="{cy - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if shape == "triangle":
        return (
            f'<polygon points="{cx:.1f},{cy - 4.5:.1f} {cx - 4.5:.1f},{cy + 3.5:.1f} '
            f'{cx + 4.5:.1f},{cy + 3.5:.1f}" fill="{colour}"/>'
        )
    if shape == "diamond":
        return (
            f'<polygon points="{cx:.1f},{cy - 5:.1f} {cx + 5:.1f},{cy:.1f} {cx:.1f},{cy + 5:.1f} '
            f'{cx - 5:.1f},{cy:.1f}" fill="{colour}"/>'
        )
    if shape == "cross":
        return (
            f'<path d="M{cx - 4:.1f} {cy - 4:.1f}L{cx + 4:.1f} {cy + 4:.1f}M{cx - 4:.1f} '
            f'{cy + 4:.1f}L{cx + 4:.1f} {cy - 4:.1f}" stroke="{colour}" stroke-width="2"/>'
        )
    if shape == "ring":
        return (
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="#fff" stroke="{colour}" '
            f'stroke-width="2"/>'
        )
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="{colour}"/>'


def _dash(index: int) -> str:
    dash = DASHES[index % len(DASHES)]
    return f' stroke-dasharray="{dash}"' if dash else ""


def line_chart(
    series: dict[str, Sequence[tuple[object, Decimal]]],
    *,
    title: str,
    width: int = 640,
    height: int = 260,
) -> str:
    """SVG markup; x is the n-th graded attempt (equal steps), y the score out of 100. Both
    axes are labelled; a legend names each series with its colour, dash and marker, and the
    pass mark."""
    left, right, top, bottom = 48, 190, 12, 40
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
    for index in range(count):
        parts.append(
            f'<text x="{x(index):.1f}" y="{top + plot_h + 14}" font-size="10" '
            f'text-anchor="middle" fill="#5b6673">{index + 1}</text>'
        )
    # Axis labels.
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" font-size="11" '
        f'text-anchor="middle" fill="#1d2733" class="axis-x">'
        f"{escape(_('Beoordeelde poging (1 = eerste)'))}</text>"
    )
    parts.append(
        f'<text x="12" y="{top + plot_h / 2:.1f}" font-size="11" text-anchor="middle" '
        f'fill="#1d2733" transform="rotate(-90 12 {top + plot_h / 2:.1f})" class="axis-y">'
        f"{escape(_('Score (0–100)'))}</text>"
    )
    parts.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{y(Decimal(PASS_MARK)):.1f}" '
        f'y2="{y(Decimal(PASS_MARK)):.1f}" stroke="#b3261e" stroke-dasharray="4 3" '
        f'stroke-width="1"/>'
    )
    if count == 0:
        parts.append(
            f'<text x="{left + plot_w / 2}" y="{top + plot_h / 2}" font-size="12" '
            f'text-anchor="middle" fill="#5b6673">{escape(_("Nog geen beoordelingen"))}</text>'
        )
    legend_x = left + plot_w + 12
    for index, (name, points) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        shape = MARKERS[index % len(MARKERS)]
        coordinates = [(x(i), y(value)) for i, (_at, value) in enumerate(points)]
        if len(coordinates) > 1:
            path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coordinates)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"'
                f"{_dash(index)}/>"
            )
        for cx, cy in coordinates:
            parts.append(_marker(shape, cx, cy, colour))
        legend_y = top + 16 * index + 8
        parts.append(
            f'<g class="legend-item"><line x1="{legend_x}" x2="{legend_x + 22}" '
            f'y1="{legend_y:.1f}" y2="{legend_y:.1f}" stroke="{colour}" stroke-width="2"'
            f"{_dash(index)}/>{_marker(shape, legend_x + 11, legend_y, colour)}"
            f'<text x="{legend_x + 28}" y="{legend_y + 3.5:.1f}" font-size="10" '
            f'fill="#1d2733">{escape(_short(name))}</text></g>'
        )
    legend_y = top + 16 * len(series) + 8
    parts.append(
        f'<g class="legend-item"><line x1="{legend_x}" x2="{legend_x + 22}" y1="{legend_y}" '
        f'y2="{legend_y}" stroke="#b3261e" stroke-dasharray="4 3" stroke-width="1"/>'
        f'<text x="{legend_x + 28}" y="{legend_y + 3.5}" font-size="10" fill="#1d2733">'
        f"{escape(_('Grens voldoende (%(mark)s)') % {'mark': int(PASS_MARK)})}</text></g>"
    )
    parts.append("</svg>")
    return "".join(parts)


def _short(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
