"""The item analysis as a server-rendered SVG scatter chart (issue #15, item 4): facility on
the x axis (0–1), discrimination on the y axis (−1 to 1), the flag line at
`exam_quality.LOW_DISCRIMINATION`, one numbered mark per item (reference line: circle, workflow
check: square; flagged: red). No script, no external resource; text is escaped."""

from __future__ import annotations

from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from .exam_quality import LOW_DISCRIMINATION, ItemAnalysis

LINE_COLOUR = "#0b5cad"
CHECK_COLOUR = "#1e7b34"
FLAG_COLOUR = "#b3261e"


def item_chart(analysis: ItemAnalysis, *, kinds: dict[str, str], width: int = 600) -> str:
    """SVG markup; `kinds` maps item key → "line" or "check"; items are numbered as in the
    table (1, 2, …). Items without a discrimination are left out of the plot (the table says
    why)."""
    height = 300
    left, right, top, bottom = 52, 190, 12, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    title = _("Itemanalyse: p-waarde tegen discriminatie")

    def x(value: float) -> float:
        return left + plot_w * value

    def y(value: float) -> float:
        return top + plot_h * (1 - (value + 1) / 2)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in (-1.0, -0.5, 0.0, 0.5, 1.0):
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="#e4e8ee"/><text x="{left - 6}" y="{y(tick) + 4:.1f}" font-size="10" '
            f'text-anchor="end" fill="#5b6673">{f"{tick:g}".replace(".", ",")}</text>'
        )
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{top}" y2="{top + plot_h}" '
            f'stroke="#e4e8ee"/><text x="{x(tick):.1f}" y="{top + plot_h + 14}" '
            f'font-size="10" text-anchor="middle" fill="#5b6673">'
            f"{f'{tick:g}'.replace('.', ',')}</text>"
        )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 8}" font-size="11" '
        f'text-anchor="middle" fill="#1d2733" class="axis-x">'
        f"{escape(_('p-waarde (aandeel met volledig krediet)'))}</text>"
    )
    parts.append(
        f'<text x="12" y="{top + plot_h / 2:.1f}" font-size="11" text-anchor="middle" '
        f'fill="#1d2733" transform="rotate(-90 12 {top + plot_h / 2:.1f})" class="axis-y">'
        f"{escape(_('Discriminatie (Rir)'))}</text>"
    )
    parts.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{y(LOW_DISCRIMINATION):.1f}" '
        f'y2="{y(LOW_DISCRIMINATION):.1f}" stroke="{FLAG_COLOUR}" stroke-dasharray="4 3"/>'
    )
    for number, item in enumerate(analysis.items, start=1):
        if item.facility is None or item.discrimination is None:
            continue
        colour = (
            FLAG_COLOUR
            if item.flags
            else (CHECK_COLOUR if kinds.get(item.key) == "check" else LINE_COLOUR)
        )
        cx, cy = x(item.facility), y(item.discrimination)
        if kinds.get(item.key) == "check":
            parts.append(
                f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" fill="{colour}">'
                f"<title>{number}. {escape(item.label)}</title></rect>"
            )
        else:
            parts.append(
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{colour}">'
                f"<title>{number}. {escape(item.label)}</title></circle>"
            )
        parts.append(
            f'<text x="{cx + 6:.1f}" y="{cy - 5:.1f}" font-size="9" fill="#1d2733">{number}</text>'
        )
    legend_x = left + plot_w + 14
    legend = [
        ("circle", LINE_COLOUR, _("Referentieregel")),
        ("square", CHECK_COLOUR, _("Werkproces-controle")),
        ("circle", FLAG_COLOUR, _("Gemarkeerd item")),
        (
            "dash",
            FLAG_COLOUR,
            _("Grens discriminatie %(value)s")
            % {"value": f"{LOW_DISCRIMINATION:.2f}".replace(".", ",")},
        ),
    ]
    for index, (shape, colour, text) in enumerate(legend):
        ly = top + 10 + 18 * index
        if shape == "square":
            mark = f'<rect x="{legend_x}" y="{ly - 4}" width="8" height="8" fill="{colour}"/>'
        elif shape == "dash":
            mark = (
                f'<line x1="{legend_x - 4}" x2="{legend_x + 12}" y1="{ly}" y2="{ly}" '
                f'stroke="{colour}" stroke-dasharray="4 3"/>'
            )
        else:
            mark = f'<circle cx="{legend_x + 4}" cy="{ly}" r="4" fill="{colour}"/>'
        parts.append(
            f'<g class="legend-item">{mark}<text x="{legend_x + 18}" y="{ly + 3.5}" '
            f'font-size="10" fill="#1d2733">{escape(text)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
