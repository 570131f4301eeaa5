"""Server-rendered SVG charts of the cohort analytics (issue #15, item 6): the heat map of
missed lines × error kinds and the time on task per workflow phase. As `charts.line_chart`:
no script, no external resource, text escaped, both axes labelled, a legend; each chart
sits beside a table with the same figures (assessment/README.md)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from .cohort_analytics import ERROR_KINDS, HeatMap, PhaseTime, verdict_label

#: Rows drawn in the heat map; the table and the CSV hold them all.
HEAT_ROWS = 20
# From no errors (white) to the most errors of a cell (dark red), in five steps.
SHADES = ("#ffffff", "#fde0d9", "#f6a58f", "#e3604a", "#b3261e", "#7a1410")


def _shade(count: int, highest: int) -> str:
    if count <= 0 or highest <= 0:
        return SHADES[0]
    step = 1 + (count * (len(SHADES) - 2)) // highest
    return SHADES[min(step, len(SHADES) - 1)]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def heat_map_chart(heat: HeatMap, *, title: str) -> str:
    """Rows: the reference lines most often wrong (code and description); columns: the error
    kinds; a cell's shade and number: the attempts with that error on that line."""
    rows = heat.rows[:HEAT_ROWS]
    left, top, cell_w, cell_h, legend_h = 230, 64, 72, 22, 40
    width = left + cell_w * len(ERROR_KINDS) + 12
    height = top + cell_h * max(len(rows), 1) + legend_h + 30
    highest = heat.max_count
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'class="chart heat-map">',
        f"<title>{escape(title)}</title>",
        f'<text x="{left + cell_w * len(ERROR_KINDS) / 2:.1f}" y="14" font-size="11" '
        f'text-anchor="middle" fill="#1d2733" class="axis-x">{escape(_("Soort fout"))}</text>',
        f'<text x="4" y="{top - 8}" font-size="11" fill="#1d2733" class="axis-y">'
        f"{escape(_('Referentieregel (meest gemist boven)'))}</text>",
    ]
    for column, kind in enumerate(ERROR_KINDS):
        x = left + column * cell_w + cell_w / 2
        parts.append(
            f'<text x="{x:.1f}" y="{top - 26}" font-size="9" text-anchor="middle" '
            f'fill="#5b6673">{escape(_short(verdict_label(kind), 14))}</text>'
        )
    for index, row in enumerate(rows):
        y = top + index * cell_h
        label = f"{row.code} {row.description}".strip()
        parts.append(
            f'<text x="{left - 6}" y="{y + cell_h / 2 + 4:.1f}" font-size="10" '
            f'text-anchor="end" fill="#1d2733">{escape(_short(label, 36))}</text>'
        )
        for column, kind in enumerate(ERROR_KINDS):
            count = row.counts.get(kind, 0)
            x = left + column * cell_w
            fill = _shade(count, highest)
            ink = "#ffffff" if fill in SHADES[3:] else "#1d2733"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" '
                f'fill="{fill}" stroke="#e4e8ee"><title>{escape(label)}: '
                f"{escape(verdict_label(kind))} {count}</title></rect>"
                f'<text x="{x + cell_w / 2 - 1:.1f}" y="{y + cell_h / 2 + 3:.1f}" font-size="10" '
                f'text-anchor="middle" fill="{ink}">{count}</text>'
            )
    if not rows:
        parts.append(
            f'<text x="{left}" y="{top + 14}" font-size="12" fill="#5b6673">'
            f"{escape(_('Geen fouten in de beoordeelde pogingen'))}</text>"
        )
    legend_y = top + cell_h * max(len(rows), 1) + 16
    parts.append(
        f'<text x="4" y="{legend_y + 11}" font-size="10" fill="#1d2733">'
        f"{escape(_('Aantal pogingen:'))}</text>"
    )
    for step, shade in enumerate(SHADES):
        low = 0 if step == 0 else max(1, ((step - 1) * highest) // (len(SHADES) - 2))
        x = 100 + step * 52
        parts.append(
            f'<g class="legend-item"><rect x="{x}" y="{legend_y}" width="14" height="14" '
            f'fill="{shade}" stroke="#c7ced8"/><text x="{x + 18}" y="{legend_y + 11}" '
            f'font-size="10" fill="#1d2733">{"0" if step == 0 else f"≥ {low}"}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def time_on_task_chart(times: list[PhaseTime], *, title: str) -> str:
    """Per phase a bar from the first to the third quartile with the median marked, minutes on
    the x axis."""
    left, right, top, bar_h = 250, 20, 30, 24
    width = 640
    plot_w = width - left - right
    height = top + bar_h * max(len(times), 1) + 60
    highest = max((t.q3 for t in times), default=0) or 1

    def x(minutes: float) -> float:
        return left + plot_w * minutes / highest

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'class="chart time-on-task">',
        f"<title>{escape(title)}</title>",
        f'<text x="4" y="16" font-size="11" fill="#1d2733" class="axis-y">'
        f"{escape(_('Fase van het dossier'))}</text>",
    ]
    bottom = top + bar_h * max(len(times), 1)
    for tick in range(5):
        minutes = highest * tick / 4
        parts.append(
            f'<line x1="{x(minutes):.1f}" x2="{x(minutes):.1f}" y1="{top}" y2="{bottom}" '
            f'stroke="#e4e8ee"/><text x="{x(minutes):.1f}" y="{bottom + 14}" font-size="10" '
            f'text-anchor="middle" fill="#5b6673">{minutes:.0f}</text>'
        )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{bottom + 30}" font-size="11" '
        f'text-anchor="middle" fill="#1d2733" class="axis-x">'
        f"{escape(_('Minuten in de fase (balk: kwartielen, streep: mediaan)'))}</text>"
    )
    for index, phase in enumerate(times):
        y = top + index * bar_h
        parts.append(
            f'<text x="{left - 6}" y="{y + bar_h / 2 + 4:.1f}" font-size="10" text-anchor="end" '
            f'fill="#1d2733">{escape(_short(phase.label, 40))}</text>'
            f'<rect x="{x(phase.q1):.1f}" y="{y + 5}" width="{max(x(phase.q3) - x(phase.q1), 1):.1f}" '
            f'height="{bar_h - 10}" fill="#9cc3ea"><title>{escape(phase.label)}: '
            f"{phase.q1:.1f}–{phase.q3:.1f} min</title></rect>"
            f'<line x1="{x(phase.median):.1f}" x2="{x(phase.median):.1f}" y1="{y + 3}" '
            f'y2="{y + bar_h - 3}" stroke="#0b5cad" stroke-width="3"/>'
        )
    if not times:
        parts.append(
            f'<text x="{left}" y="{top + 14}" font-size="12" fill="#5b6673">'
            f"{escape(_('Nog geen ingeleverde pogingen'))}</text>"
        )
    legend_y = bottom + 44
    parts.append(
        f'<g class="legend-item"><rect x="{left}" y="{legend_y}" width="22" height="10" '
        f'fill="#9cc3ea"/><text x="{left + 28}" y="{legend_y + 9}" font-size="10" '
        f'fill="#1d2733">{escape(_("eerste tot derde kwartiel"))}</text></g>'
        f'<g class="legend-item"><line x1="{left + 200}" x2="{left + 200}" y1="{legend_y - 1}" '
        f'y2="{legend_y + 11}" stroke="#0b5cad" stroke-width="3"/><text x="{left + 208}" '
        f'y="{legend_y + 9}" font-size="10" fill="#1d2733">{escape(_("mediaan"))}</text></g>'
    )
    parts.append("</svg>")
    return "".join(parts)
