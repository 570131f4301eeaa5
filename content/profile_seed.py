"""Parse the text export of the Beroepscompetentieprofiel Schademanager 2022 into plain data.

The export mixes running text, tab-separated table cells, HTML fragments (<p>, <ul>) and "•"
bullets; table cells sometimes break over a line (the label "Wettelijke beroepsvereisten" is
split in two). The parser keeps the profile's own Dutch words and returns clean text: tags
stripped, paragraphs separated by a blank line, list items on lines of their own starting with
"• ". No Django here, so the parser can be tested and run without a database.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

from assessment.scoring.competence import AREA_KEYS, KNOWLEDGE, TRADE_OFFS

SOURCE = (
    "Beroepscompetentieprofiel Schademanager, Stichting Branchenormering Schadeherstel, 7 juli 2022"
)

# The profile's stable keys are assessment.scoring.competence's (their one owner, pure like this
# module): the imported knowledge items, areas and trade-offs get exactly those keys, so a score
# and a lesson point at the same row.
KNOWLEDGE_SLUGS = tuple(KNOWLEDGE)
TRADE_OFF_SLUGS = tuple(TRADE_OFFS)

# Section keys of the profile's general information, by the label the export uses.
SECTION_KEYS = {
    "Mogelijke functiebenamingen": "functiebenamingen",
    "Werkomgeving": "werkomgeving",
    "Plaats in de organisatie": "plaats-in-de-organisatie",
    "Resultaatgebieden / Resultaat van het beroep": "resultaatgebieden",
    "Typerende beroepshouding": "typerende-beroepshouding",
    "Rol en verantwoordelijkheden, inclusief zelfstandigheid en afbreukrisico": "rol-en-verantwoordelijkheden",
    "Betrokkenen": "betrokkenen",
    "Complexiteit": "complexiteit",
    "Wettelijke beroepsvereisten": "wettelijke-beroepsvereisten",
    "Branchevereisten": "branchevereisten",
    "Nederlands en (moderne) vreemde talen": "talen",
    "Rekenen / wiskunde": "rekenen-wiskunde",
    "Algemene vaardigheden": "algemene-vaardigheden",
    "Loopbaanperspectieven": "loopbaanperspectieven",
    "Arbeidsmarkt": "trend-arbeidsmarkt",
    "Wetgeving en regelgeving": "trend-wetgeving",
    "Ontwikkelingen in de beroepsuitoefening opgesplitst naar technologische, bedrijfsorganisatorische, internationale en/of marktontwikkelingen": "trend-beroepsuitoefening",
}

BULLET = "•"
_SENTENCE_END = (".", "?", "!", ":", "</p>", "</ul>", "</li>")


class SeedFormatError(ValueError):
    """The seed text does not have the structure the parser expects."""


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def clean_fragment(fragment: str) -> str:
    """An HTML fragment of the export as clean text: paragraphs and bullet lines."""
    text = fragment.replace("\t", " ")
    text = re.sub(r"<\s*(p|ul|ol|div)\b[^>]*>", "\n\n", text, flags=re.IGNORECASE)
    text = re.sub(r"<\s*/\s*(p|ul|ol|div)\s*>", "\n\n", text, flags=re.IGNORECASE)
    text = re.sub(r"<\s*li\b[^>]*>", f"\n{BULLET} ", text, flags=re.IGNORECASE)
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace(BULLET, f"\n{BULLET} ")
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        lines = [_squash(line) for line in block.split("\n")]
        lines = [line for line in lines if line and line != BULLET]
        if lines:
            blocks.append("\n".join(lines))
    # Bullets that the export put in a block of their own belong to the list before them.
    merged: list[str] = []
    for block in blocks:
        if merged and block.startswith(BULLET) and merged[-1].split("\n")[-1].startswith(BULLET):
            merged[-1] = f"{merged[-1]}\n{block}"
        else:
            merged.append(block)
    return "\n\n".join(merged)


def bullets(text: str) -> list[str]:
    """The list items of clean text, without their bullet."""
    return [line[1:].strip() for line in text.split("\n") if line.startswith(BULLET)]


def _between(lines: list[str], start: str, end: str | None) -> list[str]:
    """The lines after the heading line `start` up to the heading line `end` (exclusive)."""
    try:
        first = next(i for i, line in enumerate(lines) if line.strip() == start)
    except StopIteration:
        raise SeedFormatError(f"Kop {start!r} niet gevonden.") from None
    # The table of contents repeats the headings with a page number; the real heading has none.
    if end is None:
        return lines[first + 1 :]
    for i in range(first + 1, len(lines)):
        if lines[i].strip() == end:
            return lines[first + 1 : i]
    raise SeedFormatError(f"Kop {end!r} niet gevonden na {start!r}.")


def _table_rows(lines: list[str]) -> list[tuple[str, str]]:
    """Two-column rows "label<TAB>cell" of a section; continuation lines are joined."""
    rows: list[list[str]] = []
    for raw in lines:
        if not raw.strip() or set(raw.strip()) <= {"-", "\t"}:
            continue
        if "\t" not in raw:
            if rows:
                rows[-1][1] += " " + raw.strip()
            continue
        label, _, cell = raw.partition("\t")
        label, cell = label.strip(), cell.strip()
        if not label:
            if rows:
                rows[-1][1] += " " + cell
            continue
        previous = rows[-1] if rows else None
        # A label split over two lines: the cell goes on in lower case and the cell before it
        # stopped mid-sentence ("… aan elektrische" / "en hybride voertuigen.").
        if (
            previous is not None
            and cell[:1].islower()
            and not previous[1].rstrip().endswith(_SENTENCE_END)
        ):
            previous[0] += " " + label
            previous[1] += " " + cell
            continue
        rows.append([label, cell])
    return [(label, clean_fragment(cell)) for label, cell in rows]


def _paragraphs(lines: list[str]) -> str:
    return "\n\n".join(_squash(line) for line in lines if line.strip())


def _section(key_label: str, body: str, order: int) -> dict[str, Any]:
    try:
        key = SECTION_KEYS[key_label]
    except KeyError:
        raise SeedFormatError(
            f"Onbekend onderdeel {key_label!r} in de algemene informatie."
        ) from None
    return {"key": key, "title": key_label, "body": body, "sort_order": order}


def _work_processes(lines: list[str]) -> list[dict[str, Any]]:
    """Description and result of each work process from the table of chapter 3."""
    processes: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for raw in lines:
        if "\t" not in raw:
            continue
        cell, _, right = raw.partition("\t")
        right_text = clean_fragment(right)
        match = re.match(r"^(\d+\.\d+)\s+(.+)$", right_text)
        if cell.strip().startswith("<p>Beschrijving werkproces:") and match:
            description = clean_fragment(cell)
            description = re.sub(r"^Beschrijving werkproces:\s*", "", description)
            current = {
                "code": match.group(1),
                "title": match.group(2).strip(),
                "description": description,
                "result": "",
            }
            processes.append(current)
        elif cell.strip().startswith("<p>Resultaat:") and current is not None:
            result = clean_fragment(cell)
            current["result"] = re.sub(r"^Resultaat:\s*", "", result)
    return processes


def _knowledge(lines: list[str]) -> list[dict[str, Any]]:
    for raw in lines:
        if raw.strip().startswith("<p>Vakkennis en vaardigheden"):
            items = bullets(clean_fragment(raw))
            return [
                {"code": f"K{n:02d}", "title": title, "sort_order": n}
                for n, title in enumerate(items, start=1)
            ]
    raise SeedFormatError("De lijst 'Vakkennis en vaardigheden' is niet gevonden.")


def _competence_areas(lines: list[str]) -> list[dict[str, Any]]:
    areas: list[dict[str, Any]] = []
    for raw in lines:
        label, _, cell = raw.partition("\t")
        if label.strip() == "Competentiegebied":
            areas.append({"name": _squash(cell), "description": "", "sort_order": len(areas) + 1})
        elif label.strip() == "Omschrijving competentiegebied" and areas:
            areas[-1]["description"] = _squash(cell)
    for area in areas:
        # An area the owner does not know yet (a later profile) still gets a usable slug.
        area["slug"] = AREA_KEYS.get(area["name"]) or slugify(area["name"])
    return areas


def parse(text: str) -> dict[str, Any]:
    """The whole profile as plain data (see content/data/competence_profile.json)."""
    lines = text.replace("\r\n", "\n").split("\n")

    sections: list[dict[str, Any]] = []
    job_titles_lines = _between(
        lines, "1.1 Mogelijke functiebenamingen", "1.2 Beschrijving van het beroep"
    )
    job_titles = [_squash(t) for t in _paragraphs(job_titles_lines).split(",") if t.strip()]
    sections.append(_section("Mogelijke functiebenamingen", ", ".join(job_titles), 1))

    description_rows = _table_rows(
        _between(lines, "1.2 Beschrijving van het beroep", "1.3 Loopbaanperspectieven")
    )
    for label, body in description_rows:
        sections.append(_section(label, body, len(sections) + 1))

    career = _between(lines, "1.3 Loopbaanperspectieven", "1.4 Trends en innovaties")
    sections.append(_section("Loopbaanperspectieven", _paragraphs(career), len(sections) + 1))

    trend_lines = _between(
        lines,
        "1.4 Trends en innovaties",
        "2 Overzicht van kerntaken en werkprocessen in het beroep",
    )
    for label, body in _table_rows([line for line in trend_lines if "\t" in line]):
        sections.append(_section(label, body, len(sections) + 1))

    overview = _between(
        lines,
        "2 Overzicht van kerntaken en werkprocessen in het beroep",
        "3 Beschrijving van de kerntaken",
    )
    core_tasks = []
    for raw in overview:
        match = re.match(r"^Kerntaak (\d+) (.+?)\s*$", raw.split("\t")[0].strip())
        if match and "\t" in raw:
            core_tasks.append({"code": match.group(1), "title": match.group(2), "sort_order": 1})
    overview_processes = {
        m.group(1): m.group(2).strip()
        for m in (re.match(r"^\t(\d+\.\d+) (.+)$", raw) for raw in overview)
        if m
    }

    chapter3 = _between(lines, "3.1 Kerntaak 1 Managen van het schadeherstelproces", None)
    processes = _work_processes(chapter3)
    if [p["code"] for p in processes] != list(overview_processes):
        raise SeedFormatError("De werkprocessen van hoofdstuk 2 en 3 komen niet overeen.")
    for order, process in enumerate(processes, start=1):
        process["sort_order"] = order
        process["core_task"] = process["code"].split(".")[0]

    knowledge = _knowledge(chapter3)
    if len(knowledge) == len(KNOWLEDGE_SLUGS):
        for item, slug in zip(knowledge, KNOWLEDGE_SLUGS, strict=True):
            item["slug"] = slug

    attitude = next(body for label, body in description_rows if label == "Typerende beroepshouding")
    after = attitude.split("Kenmerkende afwegingen voor de schademanager zijn:", 1)
    if len(after) != 2:
        raise SeedFormatError("De kenmerkende afwegingen zijn niet gevonden.")
    trade_off_titles = bullets(after[1])
    if len(trade_off_titles) == len(TRADE_OFF_SLUGS):
        slugs = list(TRADE_OFF_SLUGS)
    else:
        slugs = [slugify(title)[:64] for title in trade_off_titles]
    trade_offs = [
        {"slug": slug, "title": title, "sort_order": n}
        for n, (slug, title) in enumerate(zip(slugs, trade_off_titles, strict=True), start=1)
    ]

    return {
        "source": SOURCE,
        "core_tasks": core_tasks,
        "work_processes": processes,
        "knowledge_items": knowledge,
        "competence_areas": _competence_areas(chapter3),
        "trade_offs": trade_offs,
        "sections": sections,
    }
