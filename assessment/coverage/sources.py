"""The one registry of what assesses which item of the competence profile.

A *source* is a scored step, check or exercise: something a trainee does that can fail and
that earns or loses marks. Each declares the items it scores where it is defined; this module
only collects the declarations, it writes none of its own:

- the workflow checks: `assessment.workflow_checks.CHECKS` (work process, area, knowledge
  items, trade-offs per check);
- the graded calculation: `assessment.scoring.competence` — the components L, T, D
  (`COMPONENT_ITEMS`), each line verdict (`VERDICT_ITEMS`), each knock-out (`CRITICAL_ITEMS`)
  and each decision the reference asks (`DECISION_TRADE_OFFS`, scored in D);
- every other scored module: a module-level `ASSESSES` in the module named in
  `ASSESSING_MODULES` (the exercise types' scoring modules and the assessor's rubric).

A source is *in use* when the published material can make it fire: a check or a knock-out
that applies to at least one published case (`case_sources`, read from the case version as
the checks and the scorer read it), an exercise type with at least one published exercise.
An item that no source in use declares is "title-only" (`selectors.coverage_of_profile`).

Keys are `assessment.scoring.competence`'s: work processes "1.1"…"1.4", competence areas by
their slug (`AREA_KEYS`; the declarations name them by their name, both are read), knowledge
items and trade-offs by slug.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from assessment.scoring.competence import (
    AREA_KEYS,
    COMPONENT_ITEMS,
    CRITICAL_ITEMS,
    DECISION_TRADE_OFFS,
    VERDICT_ITEMS,
)
from assessment.workflow_checks import CASE_FACTS, CHECKS
from calcengine.schema import HIGH_VOLTAGE_POWERTRAINS

# Kinds of source, as the coverage view groups and names them.
WORKFLOW_CHECK = "workflow_check"
CALCULATION = "calculation"
EXERCISE = "exercise"
RUBRIC = "rubric"
KIND_LABELS = {
    WORKFLOW_CHECK: _("Controle van het dossier"),
    CALCULATION: _("Beoordeelde calculatie"),
    EXERCISE: _("Oefening"),
    RUBRIC: _("Rubric van de beoordelaar"),
}


@dataclass(frozen=True)
class AssessingModule:
    """A module with a module-level `ASSESSES`; its exercises are `model`'s rows ("app.Model";
    the published ones, when the model has `published`) or the values of `catalogue` (the
    dotted path of a mapping of exercises defined in code, each with a `title`); `list_url` its
    list page, `detail_url` one exercise's page (by pk)."""

    module: str
    kind: str
    title: Promise | str
    model: str | None = None
    catalogue: str | None = None
    list_url: str | None = None
    detail_url: str | None = None


# Every scored module outside the workflow checks and the calculation grade, by import path.
# Imported eagerly: a missing module is an error, not a silently smaller registry.
ASSESSING_MODULES: tuple[AssessingModule, ...] = (
    AssessingModule(
        "cases.paint_drill.scoring",
        EXERCISE,
        _("Lakoefening"),
        model="cases.PaintDrill",
        list_url="cases:paint-drill-list",
        detail_url="cases:paint-drill",
    ),
    AssessingModule(
        "cases.calc_review.scoring",
        EXERCISE,
        _("Rekencontrole"),
        model="cases.CalcReviewExercise",
        list_url="cases:calc-review-list",
        detail_url="cases:calc-review",
    ),
    AssessingModule(
        "cases.workshop_day.scoring",
        EXERCISE,
        _("Werkplaatsdag"),
        model="cases.WorkshopDay",
        list_url="cases:workshop-day-list",
        detail_url="cases:workshop-day",
    ),
    # Practice variants: the exercises are the case templates in code, each a source of
    # unlimited variants.
    AssessingModule(
        "cases.variants.scoring",
        EXERCISE,
        _("Oefenvariant"),
        catalogue="cases.variants.templates.TEMPLATES",
        list_url="cases:practice-variant-list",
    ),
    AssessingModule("assessment.rubric", RUBRIC, _("Rubric van de beoordelaar")),
)

COMPONENT_TITLES = {
    "L": _("Calculatie: regels tegen de referentie (L)"),
    "T": _("Calculatie: totaalbedrag (T)"),
    "D": _("Calculatie: beslissingen (D)"),
    "critical": _("Calculatie: knock-outs"),
}
VERDICT_TITLES = {
    "correct": _("Calculatieregel juist"),
    "alternative": _("Calculatieregel: acceptabel alternatief"),
    "units_off": _("Calculatieregel: eenheden wijken af"),
    "wrong_operation": _("Calculatieregel: verkeerde bewerking"),
    "missing": _("Calculatieregel ontbreekt"),
    "extra": _("Calculatieregel overbodig"),
}
CRITICAL_TITLES = {
    "missing_critical": _("Knock-out: kritieke regel ontbreekt"),
    "wrong_operation_critical": _("Knock-out: kritieke regel met verkeerde bewerking"),
    "repair_not_allowed": _("Knock-out: herstel waar de fabrikant dat niet toestaat"),
    "adas_calibration_missing": _("Knock-out: ADAS-kalibratie ontbreekt"),
    "hv_safety_missing": _("Knock-out: HV-veiligheid ontbreekt"),
    "total_loss_decision": _("Knock-out: verkeerde total-lossbeslissing"),
    "rates_differ": _("Knock-out: tarieven van de betaler niet gevolgd"),
    "part_source_not_allowed": _("Knock-out: herkomst onderdeel niet toegestaan"),
    "undamaged_part_worked": _("Knock-out: werk aan een onbeschadigd onderdeel"),
}
DECISION_TITLES = {
    "economic_total_loss": _("Beslissing: economisch total loss"),
    "expert_required": _("Beslissing: expertise nodig"),
    "used_parts_allowed": _("Beslissing: gebruikte onderdelen"),
}

ITEM_KINDS = ("work_processes", "competence_areas", "knowledge", "trade_offs")
# The profile tags a case, lesson or exercise may carry (ManyToMany to the profile's rows).
PROFILE_TAG_FIELDS = ("work_processes", "knowledge_items", "competence_areas", "trade_offs")


@dataclass(frozen=True)
class Source:
    key: str  # "check:<key>", "calc:<part>", "module:<import path>"
    kind: str
    title: Promise | str
    work_processes: frozenset[str] = field(default_factory=frozenset)
    competence_areas: frozenset[str] = field(default_factory=frozenset)  # area slugs
    knowledge: frozenset[str] = field(default_factory=frozenset)
    trade_offs: frozenset[str] = field(default_factory=frozenset)
    module: AssessingModule | None = None

    def declares(self, kind: str, key: str) -> bool:
        return key in getattr(self, kind)


def _area_key(area: str) -> str:
    return AREA_KEYS.get(area, area)


def _source(key: str, kind: str, title, items: Mapping[str, Iterable[str]], **extra) -> Source:
    return Source(
        key=key,
        kind=kind,
        title=title,
        work_processes=frozenset(items.get("work_processes", ())),
        competence_areas=frozenset(_area_key(a) for a in items.get("competence_areas", ())),
        knowledge=frozenset(items.get("knowledge", ())),
        trade_offs=frozenset(items.get("trade_offs", ())),
        **extra,
    )


def check_sources() -> list[Source]:
    sources = []
    for key, (title, process, area, knowledge, trade_offs) in CHECKS.items():
        items = {
            "work_processes": (process,),
            "competence_areas": (area,),
            "knowledge": knowledge,
            "trade_offs": trade_offs,
        }
        sources.append(_source(f"check:{key}", WORKFLOW_CHECK, title, items))
    return sources


def calculation_sources() -> list[Source]:
    sources = [
        _source(f"calc:component:{name}", CALCULATION, COMPONENT_TITLES.get(name, name), items)
        for name, items in COMPONENT_ITEMS.items()
    ]
    sources += [
        _source(f"calc:verdict:{name}", CALCULATION, VERDICT_TITLES.get(name, name), items)
        for name, items in VERDICT_ITEMS.items()
    ]
    sources += [
        _source(f"calc:critical:{name}", CALCULATION, CRITICAL_TITLES.get(name, name), items)
        for name, items in CRITICAL_ITEMS.items()
    ]
    # A decision is scored in D (§5): D's work processes and areas, the decision's trade-off.
    sources += [
        _source(
            f"calc:decision:{name}",
            CALCULATION,
            DECISION_TITLES.get(name, name),
            {**COMPONENT_ITEMS["D"], "trade_offs": (trade_off,)},
        )
        for name, trade_off in DECISION_TRADE_OFFS.items()
    ]
    return sources


def module_sources(modules: Iterable[AssessingModule] = ASSESSING_MODULES) -> list[Source]:
    sources = []
    for entry in modules:
        declared = importlib.import_module(entry.module).ASSESSES
        sources.append(
            _source(f"module:{entry.module}", entry.kind, entry.title, declared, module=entry)
        )
    return sources


def all_sources() -> list[Source]:
    """Every source the platform has, in the order the view lists them."""
    return check_sources() + calculation_sources() + module_sources()


# ---------------------------------------------------------------------------------------------
# Which sources a published case makes fire (as the checks and the scorer read a case version)


def _reference_lines(version: Any) -> list[dict]:
    return [
        line
        for reference in (version.reference_precalc, version.reference_final)
        for line in (reference or {}).get("lines") or []
    ]


def critical_kinds_possible(version: Any) -> list[str]:
    """The knock-outs a trainee's calculation of this case version can get.

    The rates are compared wherever there is a reference to score against; the others need
    the fact on the case, as the scorer reads it: the part sources the payer allows and the
    undamaged parts (the reference's `assess`), a critical line, a forbidden repair, ADAS
    sensors, an HV powertrain, a stated total-loss decision."""
    lines = _reference_lines(version)
    if not lines:
        return []
    vehicle = version.vehicle_snapshot or {}
    assessed = [
        (reference or {}).get("assess") or {}
        for reference in (version.reference_precalc, version.reference_final)
    ]
    kinds = ["rates_differ"]
    if any(assess.get("part_sources_allowed") is not None for assess in assessed):
        kinds.append("part_source_not_allowed")
    if any(assess.get("undamaged") for assess in assessed):
        kinds.append("undamaged_part_worked")
    if any((line.get("assess") or {}).get("critical") for line in lines):
        kinds += ["missing_critical", "wrong_operation_critical"]
    if any(line.get("repair_allowed") is False for line in lines):
        kinds.append("repair_not_allowed")
    if vehicle.get("adas") or any(line.get("adas_sensors") for line in lines):
        kinds.append("adas_calibration_missing")
    if vehicle.get("powertrain") in HIGH_VOLTAGE_POWERTRAINS:
        kinds.append("hv_safety_missing")
    if "economic_total_loss" in (version.expected_decisions or {}):
        kinds.append("total_loss_decision")
    return kinds


def checks_applying(version: Any) -> list[str]:
    """The workflow checks that apply to an attempt at this case version: the case facts
    each check declares (`workflow_checks.CASE_FACTS`). A check without a rule counts as in
    use nowhere (the page then shows it "declared, not in use"; tests/assessment/
    test_coverage.py fails on it)."""
    return [key for key in CHECKS if key in CASE_FACTS and CASE_FACTS[key](version)]


def case_sources(version: Any) -> list[str]:
    """The keys of the sources an attempt at this case version is scored by."""
    keys = [f"check:{key}" for key in checks_applying(version)]
    if _reference_lines(version):
        keys += [f"calc:component:{name}" for name in ("L", "T", "D")]
        keys += [f"calc:verdict:{name}" for name in VERDICT_ITEMS]
        keys += [f"module:{m.module}" for m in ASSESSING_MODULES if m.kind == RUBRIC]
    critical = critical_kinds_possible(version)
    if critical:
        keys.append("calc:component:critical")
    keys += [f"calc:critical:{kind}" for kind in critical]
    decisions = version.expected_decisions or {}
    keys += [f"calc:decision:{name}" for name in DECISION_TRADE_OFFS if name in decisions]
    return keys


def module_instances(entry: AssessingModule) -> list[Any]:
    """The published exercises of a module's type (none for a module without either)."""
    if entry.catalogue is not None:
        path, _dot, name = entry.catalogue.rpartition(".")
        return list(getattr(importlib.import_module(path), name).values())
    if entry.model is None:
        return []
    model = apps.get_model(entry.model)
    fields = {f.name for f in model._meta.get_fields()}
    rows = model.objects.all()
    if "published" in fields:
        rows = rows.filter(published=True)
    # An exercise's own profile tags ("practised in"), read once for all of them.
    rows = rows.prefetch_related(*(name for name in PROFILE_TAG_FIELDS if name in fields))
    return list(rows.order_by("title", "pk") if hasattr(model, "title") else rows)
