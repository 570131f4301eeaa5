"""Scoring a paint drill answer, panel by panel (pure Python, no Django).

Per panel two points: the paint level and the base paint units; per overlap one point: the
deduction stated. The total is `earned / possible × 100`, rounded half up to a whole number.

- **Level: strict, no partial credit for an adjacent level.** The AZT levels are not a scale of
  effort a trainee estimates but a reading of the damage: new part (I), surface without filler
  (II), filler on at most half (III), filler on more than half (IV), or blending (inspuiten).
  II versus III is the question "is there filler work?", III versus IV "more than half?": both
  are yes/no facts of the damage described, and the factors differ by up to half the panel
  (calculation-spec §1.2). Half credit for a neighbour would pay for guessing between the two.
- **Units: a band, all or nothing.** Within ± `UNITS_TOLERANCE_PERCENT` of the model answer's
  base units; a model answer of 0 (no paint, or a used part in colour) needs 0.
- **Overlap: stated within the same band.** Left empty or 0 where the model deducts counts as
  not stated (the shared edge would be paid twice).

Trade facts and sources (the drill's own model explanations cite them too):
- Paint levels I–IV and blending as AZT levels used by Audatex, DAT and GT Motive:
  calculation-spec §1.2; AZT-Lackkalkulation, Systembeschreibung (AZT Automotive, 2018).
- Blending (Beilackierung) is calculated as a surface paint of the adjacent panel in GT Estimate
  (GT Motive support, "Beilackierung"); the reasons for blending effect colours (metallic,
  pearl): IFL Merkblatt "Gründe für Farbtondifferenzen und die Notwendigkeit der
  Beilackierung" (2014). The engine prices it with its own `blend` factor.
- Overlap (Überschneidung): no public source found that states the deduction a calculation
  program makes for two adjacent panels painted together; the drill therefore carries an
  authored deduction per pair, explained by the editor, and the trainee states it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from assessment.scoring.competence import ANALYSEREN
from assessment.scoring.rules import DEFAULT_UNIT_TOLERANCE_PERCENT

# What a drill scores (issue #16 item 5; collected by assessment.coverage.sources): the paint
# level read from the damage (a repair-method question: new part, filler or not, more than
# half, blending) and the base paint units and overlap deductions as a calculation program
# states them, in the work preparation's calculation (1.2).
ASSESSES = {
    "work_processes": ("1.2",),
    "competence_areas": (ANALYSEREN,),
    "knowledge": ("reparatiemethodes", "calculatieprogramma"),
    "trade_offs": (),
}

# Within this share of the model answer's base units the units earn their point. The scoring
# contract's default band for paint units (scoring-spec §1), so "close enough" means one thing
# on the platform; here all-or-nothing, as a drill answer is one figure, not a line of many.
UNITS_TOLERANCE_PERCENT = DEFAULT_UNIT_TOLERANCE_PERCENT
# "No paint work on this panel": the one level beside the engine's paint modes (AZT I–IV, blend).
LEVEL_NONE = "none"
HUNDRED = Decimal("100")


@dataclass(frozen=True)
class ModelPanel:
    code: str
    name: str
    level: str
    units: Decimal
    explanation: str


@dataclass(frozen=True)
class ModelOverlap:
    key: str
    first: str
    second: str
    deduction: Decimal
    explanation: str


@dataclass(frozen=True)
class PanelAnswer:
    level: str
    units: Decimal


@dataclass(frozen=True)
class PanelResult:
    code: str
    name: str
    answer: PanelAnswer
    model: ModelPanel
    level_right: bool
    units_right: bool

    @property
    def points(self) -> int:
        return int(self.level_right) + int(self.units_right)


@dataclass(frozen=True)
class OverlapResult:
    model: ModelOverlap
    stated: Decimal | None
    right: bool


@dataclass(frozen=True)
class DrillScore:
    score: int
    earned: int
    possible: int
    panels: tuple[PanelResult, ...]
    overlaps: tuple[OverlapResult, ...]


def units_within_band(given: Decimal | None, model: Decimal) -> bool:
    """`given` within ± UNITS_TOLERANCE_PERCENT of `model`; a model of 0 needs 0 (or nothing)."""
    if model == 0:
        return given is None or given == 0
    if given is None:
        return False
    return abs(given - model) <= model * UNITS_TOLERANCE_PERCENT / HUNDRED


def score_drill(
    panels: Sequence[ModelPanel],
    overlaps: Sequence[ModelOverlap],
    answers: Mapping[str, PanelAnswer],
    deductions: Mapping[str, Decimal | None],
) -> DrillScore:
    """Score `answers` (by panel code) and `deductions` (by overlap key) against the model."""
    panel_results = []
    for panel in panels:
        answer = answers.get(panel.code, PanelAnswer(level="", units=Decimal(0)))
        panel_results.append(
            PanelResult(
                code=panel.code,
                name=panel.name,
                answer=answer,
                model=panel,
                level_right=answer.level == panel.level,
                units_right=units_within_band(answer.units, panel.units),
            )
        )
    overlap_results = []
    for overlap in overlaps:
        stated = deductions.get(overlap.key)
        right = units_within_band(stated, overlap.deduction)
        overlap_results.append(OverlapResult(model=overlap, stated=stated, right=right))
    earned = sum(r.points for r in panel_results) + sum(int(r.right) for r in overlap_results)
    possible = 2 * len(panel_results) + len(overlap_results)
    score = (
        int((Decimal(earned) * HUNDRED / possible).quantize(Decimal(1), ROUND_HALF_UP))
        if possible
        else 0
    )
    return DrillScore(
        score=score,
        earned=earned,
        possible=possible,
        panels=tuple(panel_results),
        overlaps=tuple(overlap_results),
    )
