"""The assessor's rubric: the four competence areas of the profile, each on a scale of 1 to 4.

The descriptors are built from the area's own description in the profile ("Omschrijving
competentiegebied", bcp-schademanager-2022, kerntaak 1; read from `scoring.competence`, which
owns the profile's names, keys and descriptions): level 3 is the profile's description
of a vakvolwassen schademanager, level 4 goes beyond it, levels 1 and 2 fall short of it.
The rubric covers what no machine judges (advice, communication, cooperation), and also lets
the assessor weigh the calculation areas beyond the machine's figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessment.scoring.competence import (
    ANALYSEREN,
    AREA_DESCRIPTIONS,
    AREA_KEYS,
    INTERACTEREN,
    ONDERSTEUNEN,
    ORGANISEREN,
)
from assessment.scoring.rules import PASS_MARK

# One meaning of "niveau" (issue #14, item 9): this scale of four levels is the only one. The
# assessor scores each competence area on it, and a sub-score out of 100 (progress, cohort,
# result, PDF) is read on the same scale by `level_of_score`; every page names a level by
# `LEVEL_LABELS` (there are no separate "score bands" with names of their own).
LEVELS = (1, 2, 3, 4)
LEVEL_LABELS = {
    1: "Onder niveau",
    2: "In ontwikkeling",
    3: "Op niveau",
    4: "Boven niveau",
}
# The lowest sub-score of each level above 1: below 55 → 1, below 70 (the pass mark) → 2,
# below 85 → 3, from 85 → 4.
LEVEL_FLOORS = {2: 55, 3: int(PASS_MARK), 4: 85}
REMARK_MAX_LENGTH = 4000

# What the assessor's rubric scores (issue #16 item 5; assessment.coverage.sources collects
# it): every signed grade has a level 1–4 per area. Interacteren is judged on the dossier's
# evidence of the conversations — the customer's wishes as recorded, the answers to the
# customer's questions beside the case's model answers (`workflow_checks.open_answers`), the
# advice at intake and the explanation at delivery: listening, advising, talking with
# customers and payers. "Ondersteunen en samenwerken" is scored too, but one dossier shows
# the assessor almost nothing of it (no colleagues to support), so it is not declared here:
# the exercises that put colleagues in the task declare it.
ASSESSES = {
    "work_processes": (),
    "competence_areas": (ANALYSEREN, ORGANISEREN, INTERACTEREN),
    "knowledge": ("luisteren", "adviseren", "gesprekken-voeren"),
    "trade_offs": (),
}


def level_of_score(score) -> int | None:
    """A sub-score out of 100 read as a level 1–4 (`LEVEL_FLOORS`); None for None."""
    if score is None:
        return None
    level = 1
    for candidate, floor in sorted(LEVEL_FLOORS.items()):
        if score >= floor:
            level = candidate
    return level


def level_scale() -> list[dict]:
    """The scale as the pages explain it: level, label and the sub-scores it covers."""
    rows = []
    for level in LEVELS:
        low = LEVEL_FLOORS.get(level, 0)
        high = LEVEL_FLOORS.get(level + 1)
        rows.append({"level": level, "label": LEVEL_LABELS[level], "low": low, "high": high})
    return rows


@dataclass(frozen=True)
class RubricArea:
    slug: str
    name: str
    description: str
    descriptors: dict[int, str]


AREAS: tuple[RubricArea, ...] = (
    RubricArea(
        slug=AREA_KEYS[ANALYSEREN],
        name=ANALYSEREN,
        description=AREA_DESCRIPTIONS[ANALYSEREN],
        descriptors={
            1: "Past eigen expertise nauwelijks toe, komt niet tot de kern van het schadebeeld en "
            "formuleert onduidelijk; materialen en middelen worden niet doelmatig ingezet.",
            2: "Past eigen expertise deels toe; ziet de hoofdzaken, maar mist de kern van "
            "complexere vraagstukken en zet materialen en middelen niet altijd doelmatig in.",
            3: "Past eigen expertise efficiënt toe, gaat naar de kern van het probleem, zet "
            "materialen en middelen doelmatig en doelgericht in en weet zaken goed te formuleren.",
            4: "Geeft blijk van een helder analytisch denkvermogen, ook bij complexe "
            "schadebeelden; vindt de kern snel en formuleert zijn afwegingen helder en volledig.",
        },
    ),
    RubricArea(
        slug=AREA_KEYS[ORGANISEREN],
        name=ORGANISEREN,
        description=AREA_DESCRIPTIONS[ORGANISEREN],
        descriptors={
            1: "Werkt niet systematisch, slaat regels en procedures over en levert geen product "
            "af dat aan de normen van de organisatie voldoet.",
            2: "Werkt grotendeels volgens plan, maar mist stappen in de procedure of verliest de "
            "klantbehoefte uit het oog; het resultaat voldoet niet overal aan de normen.",
            3: "Plant vooruit, werkt systematisch en georganiseerd, volgt regels en procedures en "
            "levert een kwaliteitsdienst af volgens de normen van de organisatie.",
            4: "Plant vooruit en voorziet knelpunten; volgt regels en procedures consequent en "
            "levert, gericht op de klantbehoefte, aantoonbaar kwaliteit boven de norm.",
        },
    ),
    RubricArea(
        slug=AREA_KEYS[ONDERSTEUNEN],
        name=ONDERSTEUNEN,
        description=AREA_DESCRIPTIONS[ONDERSTEUNEN],
        descriptors={
            1: "Toont weinig respect of waardering voor klant en collega's en werkt niet samen "
            "met werkplaats, expert of betalende partij.",
            2: "Werkt samen waar het moet, maar zet de klant en collega's niet steeds op de "
            "eerste plaats; ondersteunt anderen alleen op verzoek.",
            3: "Ondersteunt anderen, toont respect en positieve waardering, werkt effectief met "
            "klant, werkplaats en betrokkenen en handelt naar de waarden van de organisatie.",
            4: "Zet mensen op de eerste plaats, zoekt zelf de samenwerking met individuen en "
            "teams en is een voorbeeld in het uitdragen van de waarden van de organisatie.",
        },
    ),
    RubricArea(
        slug=AREA_KEYS[INTERACTEREN],
        name=INTERACTEREN,
        description=AREA_DESCRIPTIONS[INTERACTEREN],
        descriptors={
            1: "Communiceert niet doeltreffend met klant of opdrachtgever; advies en uitleg "
            "ontbreken of overtuigen niet.",
            2: "Communiceert correct maar onvolledig; legt de calculatie of het advies uit "
            "zonder de klant of opdrachtgever echt te overtuigen.",
            3: "Communiceert doeltreffend, legt calculatie en advies helder uit, overtuigt de "
            "klant/opdrachtgever en gaat open en ontspannen met anderen om.",
            4: "Knoopt vlot contacten aan, overtuigt en beïnvloedt ook in lastige gesprekken "
            "(afwijkingen, total loss, meerwerk) en houdt het gesprek open en ontspannen.",
        },
    ),
)

AREA_BY_SLUG = {area.slug: area for area in AREAS}
SLUG_BY_NAME = {area.name: area.slug for area in AREAS}


def validate_rubric(rubric: object) -> list[dict[str, str]]:
    """Errors (API paths) of a rubric `{area_slug: 1–4}`; areas may be left out while drafting."""
    if not isinstance(rubric, dict):
        return [{"path": "rubric", "message": "De rubric moet een object zijn."}]
    errors = []
    for slug, level in rubric.items():
        if slug not in AREA_BY_SLUG:
            errors.append({"path": f"rubric.{slug}", "message": "Onbekend competentiegebied."})
        elif level is not None and (
            isinstance(level, bool) or not isinstance(level, int) or level not in LEVELS
        ):
            errors.append(
                {"path": f"rubric.{slug}", "message": "Kies een niveau van 1 tot en met 4."}
            )
    return errors


def validate_remarks(remarks: object) -> list[dict[str, str]]:
    """Errors (API paths) of the remarks `{area_slug: text}` beside the rubric's levels."""
    if not isinstance(remarks, dict):
        return [{"path": "remarks", "message": "De opmerkingen moeten een object zijn."}]
    errors = []
    for slug, text in remarks.items():
        if slug not in AREA_BY_SLUG:
            errors.append({"path": f"remarks.{slug}", "message": "Onbekend competentiegebied."})
        elif text is not None and (not isinstance(text, str) or len(text) > REMARK_MAX_LENGTH):
            errors.append(
                {
                    "path": f"remarks.{slug}",
                    "message": f"Een opmerking is tekst van hoogstens {REMARK_MAX_LENGTH} tekens.",
                }
            )
    return errors


def missing_areas(rubric: dict) -> list[str]:
    """The areas not yet scored; a grade is signed only with all four."""
    return [area.slug for area in AREAS if rubric.get(area.slug) not in LEVELS]


def level_to_score(level: int) -> int:
    """A rubric level as a score out of 100, for sub-scores and progress (4 → 100, 1 → 25)."""
    return level * 25
