"""Scoring a workshop-day plan against the day's constraints (pure Python, no Django).

The trainee plans, per dossier, the day each department (plaatwerk, spuiterij, montage) starts
on it, who gets a replacement car, whom to call (the insurer for approval, the customer about a
new ready day and which day to tell), and how to answer the colleague at the counter. The rules
simulate the week from that plan and judge it:

- **A car's working day**: a car gets at most `CAR_DAY_HOURS` hours of work a day over all
  departments (one car, one bay, one technician at a time: vuistregel, geen openbare bron). A
  department's job starts on its planned day and runs on into the next days until its hours are
  done; the days after the last planned day count as "volgende week" (`LATER`).
- **Hard constraints** (one broken: the plan fails, whatever its score): a department's hours
  per day within its capacity; the order plaatwerk → spuiterij → montage (a department starts no
  earlier than the day the one before it finishes); no work before the insurer's approval (none
  at all when it was never asked); no work needing parts before they are in; no work at all on a
  vehicle in HV quarantine before its release; no more replacement cars out than there are.
- **Soft constraints** (points): deadlines met (weighted by urgency and the cost of downtime),
  replacement cars to the customers who need one, approval asked where it is pending, every
  customer whose car is ready later than promised called and told the plan's own ready day,
  the colleague helped.

score = earned / possible × 100, rounded half up; passed = no hard constraint broken and score
≥ `assessment.scoring.rules.PASS_MARK`. A plan is judged by the constraints, never by sameness
to the reference plan: any plan that meets them passes (tests/cases/test_workshop_day_scoring.py
holds several).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from assessment.scoring.competence import INTERACTEREN, ONDERSTEUNEN, ORGANISEREN
from assessment.scoring.rules import PASS_MARK
from calcengine.schema import gettext_noop  # Django-free marker for makemessages

# The coverage contract (issue #16 item 5): what this exercise assesses.
ASSESSES = {
    "work_processes": ("1.2", "1.3"),
    "competence_areas": (ORGANISEREN, ONDERSTEUNEN, INTERACTEREN),
    "knowledge": ("prioriteiten-stellen", "tijdsinschatting", "gesprekken-voeren"),
    "trade_offs": (),
}

DAYS = ("ma", "di", "wo", "do", "vr")
DAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag")
LATER = len(DAYS)  # "volgende week": after the planned week
LATER_NAME = "volgende week"
DEPARTMENTS = ("plaatwerk", "spuiterij", "montage")
DEPARTMENT_NAMES = {"plaatwerk": "plaatwerk", "spuiterij": "spuiterij", "montage": "montage"}
CAR_DAY_HOURS = Decimal("8")
HUNDRED = Decimal("100")

MOBILITY_MUST = "must"
MOBILITY_NONE = "none"

COLLEAGUE_CHOICES = (
    (
        "direct",
        gettext_noop("Ik loop nu even mee naar de balie en help mijn collega met de klant."),
    ),
    (
        "afspraak",
        gettext_noop(
            "Ik spreek met mijn collega een tijd af (binnen een half uur, na de planning) en "
            "geef haar mee wat ze de klant nu al kan zeggen."
        ),
    ),
    ("doorsturen", gettext_noop("Ik stuur de klant door naar de chef werkplaats.")),
    ("niet", gettext_noop("Ik help niet: de planning gaat voor.")),
)
COLLEAGUE_HELPED = ("direct", "afspraak")

# Points per soft constraint where a dossier does not carry its own weight.
CAR_POINTS = 1
INSURER_POINTS = 2
INFORM_POINTS = 2
COLLEAGUE_POINTS = 2


# What a plan must say to be read at all (page form and API read it): a call names the day the
# customer is told, and a day told comes with a call. Anything else is judged, not refused.
TOLD_DAY_MISSING = gettext_noop("Kies welke dag u de klant noemt.")
CALL_MISSING = gettext_noop(
    "U noemt een dag maar belt de klant niet: vink 'Klant bellen' aan of laat de dag leeg."
)


def told_day_problem(call_customer: bool, told_day: int | None) -> str | None:
    if call_customer and told_day is None:
        return TOLD_DAY_MISSING
    if told_day is not None and not call_customer:
        return CALL_MISSING
    return None


def day_name(day: int | None) -> str:
    if day is None or day >= LATER:
        return LATER_NAME
    return DAY_NAMES[day]


def hours_text(hours: Decimal) -> str:
    return format(hours.normalize(), "f").replace(".", ",")


@dataclass(frozen=True)
class Dossier:
    key: str
    title: str
    hours: Mapping[str, Decimal]
    parts_day: int = 0
    parts_for: tuple[str, ...] = ()
    approval_pending: bool = False
    approval_day_if_asked: int = 0
    hv_release_day: int | None = None
    deadline: int | None = None
    deadline_reason: str = ""
    weight: int = 1
    promised: int = LATER
    mobility: str = MOBILITY_NONE
    mobility_reason: str = ""


@dataclass(frozen=True)
class Day:
    dossiers: tuple[Dossier, ...]
    capacity: Mapping[str, tuple[Decimal, ...]]
    replacement_cars: int


@dataclass(frozen=True)
class DossierPlan:
    start: Mapping[str, int | None]
    replacement_car: bool = False
    ask_insurer: bool = False
    call_customer: bool = False
    told_day: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Plan:
    dossiers: Mapping[str, DossierPlan]
    colleague: str = ""


@dataclass
class Schedule:
    """What the plan does in the week: hours per department per day, chunks per dossier."""

    load: dict[str, list[Decimal]]
    chunks: dict[str, dict[str, list[tuple[int, Decimal]]]]
    ready: dict[str, int]
    order_broken: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    key: str
    title: str
    hard: bool
    passed: bool
    explanation: str
    points: int = 0
    earned: int = 0
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    findings: tuple[Finding, ...]
    earned: int
    possible: int
    score: int
    hard_broken: bool
    passed: bool
    ready: Mapping[str, int]
    load: Mapping[str, tuple[Decimal, ...]]


# --- reading plain data (the stored JSON) -------------------------------------------------------


def _day_or_none(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(value)


def day_from_data(data: Mapping[str, Any]) -> Day:
    """The day as the rules read it, from the stored setup (hours and capacities as strings)."""
    dossiers = tuple(
        Dossier(
            key=d["key"],
            title=d["title"],
            hours={dep: Decimal(d["hours"].get(dep, "0")) for dep in DEPARTMENTS},
            parts_day=int(d.get("parts_day", 0)),
            parts_for=tuple(d.get("parts_for", ())),
            approval_pending=bool(d.get("approval_pending", False)),
            approval_day_if_asked=int(d.get("approval_day_if_asked", 0)),
            hv_release_day=_day_or_none(d.get("hv_release_day")),
            deadline=_day_or_none(d.get("deadline")),
            deadline_reason=d.get("deadline_reason", ""),
            weight=int(d.get("weight", 1)),
            promised=int(d.get("promised", LATER)),
            mobility=d.get("mobility", MOBILITY_NONE),
            mobility_reason=d.get("mobility_reason", ""),
        )
        for d in data["dossiers"]
    )
    capacity = {dep: tuple(Decimal(h) for h in data["capacity"][dep]) for dep in DEPARTMENTS}
    return Day(dossiers=dossiers, capacity=capacity, replacement_cars=int(data["replacement_cars"]))


def plan_from_data(data: Mapping[str, Any]) -> Plan:
    """A plan from its stored form (the reference plan in the day's data, a trainee's answer)."""
    return Plan(
        dossiers={
            key: DossierPlan(
                start={dep: _day_or_none(p.get("start", {}).get(dep)) for dep in DEPARTMENTS},
                replacement_car=bool(p.get("replacement_car", False)),
                ask_insurer=bool(p.get("ask_insurer", False)),
                call_customer=bool(p.get("call_customer", False)),
                told_day=_day_or_none(p.get("told_day")),
                note=str(p.get("note", "")),
            )
            for key, p in data.get("dossiers", {}).items()
        },
        colleague=str(data.get("colleague", "")),
    )


def plan_to_data(plan: Plan) -> dict[str, Any]:
    return {
        "dossiers": {
            key: {
                "start": dict(p.start),
                "replacement_car": p.replacement_car,
                "ask_insurer": p.ask_insurer,
                "call_customer": p.call_customer,
                "told_day": p.told_day,
                "note": p.note,
            }
            for key, p in plan.dossiers.items()
        },
        "colleague": plan.colleague,
    }


# --- the week as the plan runs it ---------------------------------------------------------------


def simulate(day: Day, plan: Plan) -> Schedule:
    """Run the plan: each department's job from its start day, at most `CAR_DAY_HOURS` a day per
    car, on into the next days; a department left unplanned leaves the car unready this week."""
    load = {dep: [Decimal(0)] * LATER for dep in DEPARTMENTS}
    chunks: dict[str, dict[str, list[tuple[int, Decimal]]]] = {}
    ready: dict[str, int] = {}
    order_broken: dict[str, list[str]] = {}
    for dossier in day.dossiers:
        dplan = plan.dossiers.get(dossier.key, DossierPlan(start={}))
        used = [Decimal(0)] * LATER
        chunks[dossier.key] = {}
        previous_finish: int | None = -1  # None: the department before is not done this week
        previous_name = ""
        finish_all = -1
        for dep in DEPARTMENTS:
            hours = dossier.hours.get(dep, Decimal(0))
            if hours <= 0:
                continue
            start = dplan.start.get(dep)
            if start is not None and (previous_finish is None or start < previous_finish):
                order_broken.setdefault(dossier.key, []).append(
                    f"{dep} start {day_name(start)}, {previous_name} is dan nog niet klaar"
                )
            if start is None:
                previous_finish, previous_name = None, dep
                finish_all = LATER
                chunks[dossier.key][dep] = []
                continue
            remaining, current, placed = hours, start, []
            while remaining > 0 and current < LATER:
                take = min(CAR_DAY_HOURS - used[current], remaining)
                if take > 0:
                    used[current] += take
                    load[dep][current] += take
                    placed.append((current, take))
                    remaining -= take
                if remaining > 0:
                    current += 1
            chunks[dossier.key][dep] = placed
            finish = current if remaining == 0 else LATER
            if previous_finish is not None:
                previous_finish = max(previous_finish, finish) if finish < LATER else None
            previous_name = dep
            finish_all = max(finish_all, finish)
        ready[dossier.key] = max(finish_all, 0)
    return Schedule(load=load, chunks=chunks, ready=ready, order_broken=order_broken)


def _work_days(schedule: Schedule, key: str, departments: tuple[str, ...] = DEPARTMENTS) -> list:
    return [d for dep in departments for d, _h in schedule.chunks[key].get(dep, [])]


# --- the constraints ----------------------------------------------------------------------------


def _hard(key: str, title: str, problems: list[str], ok: str, broken: str) -> Finding:
    return Finding(
        key=key,
        title=title,
        hard=True,
        passed=not problems,
        explanation=ok if not problems else broken,
        details=tuple(problems),
    )


def check_capacity(day: Day, schedule: Schedule) -> Finding:
    problems = [
        f"{DEPARTMENT_NAMES[dep]} {DAY_NAMES[d]}: {hours_text(schedule.load[dep][d])} uur gepland, "
        f"{hours_text(day.capacity[dep][d])} uur beschikbaar"
        for dep in DEPARTMENTS
        for d in range(LATER)
        if schedule.load[dep][d] > day.capacity[dep][d]
    ]
    return _hard(
        "capaciteit",
        "Capaciteit per afdeling per dag",
        problems,
        "Geen afdeling krijgt op een dag meer uren dan haar technici hebben: goed.",
        "Op een dag is meer werk gepland dan de afdeling aankan. Dat werk blijft liggen en "
        "schuift alles op; de planning klopt dan niet meer. Houd rekening met de zieke plaatwerker.",
    )


def check_order(day: Day, schedule: Schedule) -> Finding:
    titles = {d.key: d.title for d in day.dossiers}
    problems = [
        f"{titles[key]}: {problem}"
        for key, found in schedule.order_broken.items()
        for problem in found
    ]
    return _hard(
        "volgorde",
        "Volgorde plaatwerk → spuiterij → montage",
        problems,
        "Elke auto gaat in de goede volgorde door de afdelingen: goed.",
        "Een afdeling begint voordat de afdeling vóór haar klaar is: een paneel wordt niet "
        "gespoten voordat het plaatwerk klaar is, en pas na het spuiten gemonteerd.",
    )


def check_approval(day: Day, plan: Plan, schedule: Schedule) -> Finding:
    problems = []
    for dossier in day.dossiers:
        if not dossier.approval_pending:
            continue
        days = _work_days(schedule, dossier.key)
        if not days:
            continue
        dplan = plan.dossiers.get(dossier.key, DossierPlan(start={}))
        if not dplan.ask_insurer:
            problems.append(f"{dossier.title}: werk gepland zonder akkoord te vragen")
        elif min(days) < dossier.approval_day_if_asked:
            problems.append(
                f"{dossier.title}: werk op {day_name(min(days))}, het akkoord komt pas "
                f"{day_name(dossier.approval_day_if_asked)}"
            )
    return _hard(
        "akkoord",
        "Geen werk vóór het akkoord van de opdrachtgever",
        problems,
        "Er is nergens gewerkt vóór het akkoord van de verzekeraar: goed.",
        "Werk zonder akkoord is werk waarvan niemand de betaling heeft toegezegd; keurt de "
        "verzekeraar (een deel) af, dan draait het bedrijf ervoor op.",
    )


def check_parts(day: Day, schedule: Schedule) -> Finding:
    problems = []
    for dossier in day.dossiers:
        days = _work_days(schedule, dossier.key, dossier.parts_for)
        if days and min(days) < dossier.parts_day:
            problems.append(
                f"{dossier.title}: werk op {day_name(min(days))}, de onderdelen zijn er pas "
                f"{day_name(dossier.parts_day)}"
            )
    return _hard(
        "onderdelen",
        "Geen werk zonder de onderdelen",
        problems,
        "Elk werk dat onderdelen nodig heeft, begint pas als ze er zijn: goed.",
        "Werk is gepland vóór de onderdelen binnen zijn: de technicus staat dan stil en de "
        "auto blokkeert een werkplek. Lees de berichten van de leverancier.",
    )


def check_hv(day: Day, schedule: Schedule) -> Finding:
    problems = []
    for dossier in day.dossiers:
        if dossier.hv_release_day is None:
            continue
        days = _work_days(schedule, dossier.key)
        if days and min(days) < dossier.hv_release_day:
            problems.append(
                f"{dossier.title}: werk op {day_name(min(days))}, HV-vrijgave pas "
                f"{day_name(dossier.hv_release_day)}"
            )
    return _hard(
        "hv-vrijgave",
        "Geen werk aan een auto in HV-quarantaine vóór de vrijgave",
        problems,
        "De auto in HV-quarantaine blijft onaangeroerd tot de vrijgave: goed.",
        "Een auto in HV-quarantaine gaat niet de werkplaats en niet de spuitcabine in voordat "
        "een HV-deskundige hem heeft vrijgegeven: dat is een veiligheidsregel, geen voorkeur.",
    )


def check_cars_available(day: Day, plan: Plan) -> Finding:
    given = [d.title for d in day.dossiers if _plan_of(plan, d.key).replacement_car]
    problems = (
        [f"{len(given)} vervangende auto's uitgegeven, er zijn er {day.replacement_cars}"]
        if len(given) > day.replacement_cars
        else []
    )
    return _hard(
        "vervangend-vervoer-aantal",
        "Niet meer vervangende auto's dan er zijn",
        problems,
        "Er zijn niet meer vervangende auto's toegezegd dan er beschikbaar zijn: goed.",
        "Meer auto's toegezegd dan er staan: een klant komt voor niets en dat kost vertrouwen.",
    )


def _plan_of(plan: Plan, key: str) -> DossierPlan:
    return plan.dossiers.get(key, DossierPlan(start={}))


def _soft(key: str, title: str, rows: list[tuple[str, bool, int]], ok: str, short: str) -> Finding:
    points = sum(p for _t, _r, p in rows)
    earned = sum(p for _t, right, p in rows if right)
    return Finding(
        key=key,
        title=title,
        hard=False,
        passed=earned == points,
        explanation=ok if earned == points else short,
        points=points,
        earned=earned,
        details=tuple(f"{'goed' if right else 'niet goed'}: {text}" for text, right, _p in rows),
    )


def check_deadlines(day: Day, schedule: Schedule) -> Finding:
    rows = [
        (
            f"{d.title}: klaar {day_name(schedule.ready[d.key])}, nodig uiterlijk "
            f"{day_name(d.deadline)} ({d.deadline_reason})",
            schedule.ready[d.key] <= d.deadline,
            d.weight,
        )
        for d in day.dossiers
        if d.deadline is not None
    ]
    return _soft(
        "deadlines",
        "Deadlines en voorrang (urgentie, kosten van stilstand)",
        rows,
        "Elke auto met een harde deadline is op tijd klaar: de urgente auto's en de bus die "
        "per dag stilstand geld kost hebben voorrang gekregen.",
        "Niet elke deadline is gehaald. Plan eerst wat vastligt (een berijder die moet reizen, "
        "een bedrijfsauto die per dag geld kost) en vul daarna aan met de rest.",
    )


def needs_car(dossier: Dossier, ready: int) -> bool:
    """A customer who must stay mobile needs a car unless their own is ready on day one."""
    return dossier.mobility == MOBILITY_MUST and ready > 0


def check_cars_given(day: Day, plan: Plan, schedule: Schedule) -> Finding:
    rows = []
    for d in day.dossiers:
        needed = needs_car(d, schedule.ready[d.key])
        given = _plan_of(plan, d.key).replacement_car
        if needed:
            text = f"{d.title}: heeft een vervangende auto nodig ({d.mobility_reason})"
        elif d.mobility == MOBILITY_MUST:
            text = f"{d.title}: eigen auto is maandag klaar, geen vervangende nodig"
        else:
            text = f"{d.title}: geen vervangende auto nodig ({d.mobility_reason})"
        rows.append((text, needed == given, CAR_POINTS))
    return _soft(
        "vervangend-vervoer",
        "Vervangend vervoer voor wie het nodig heeft",
        rows,
        "De schaarse vervangende auto's gaan naar de klanten die mobiel moeten blijven.",
        "De vervangende auto's zijn niet goed verdeeld: een auto naar wie hem niet nodig heeft "
        "is er één minder voor wie niet zonder kan.",
    )


def check_insurer(day: Day, plan: Plan) -> Finding:
    rows = [
        (
            f"{d.title}: akkoord van de verzekeraar aangevraagd",
            _plan_of(plan, d.key).ask_insurer,
            INSURER_POINTS,
        )
        for d in day.dossiers
        if d.approval_pending
    ]
    return _soft(
        "akkoord-vragen",
        "Akkoord gevraagd waar het nog ontbreekt",
        rows,
        "U heeft de verzekeraar gebeld voor het ontbrekende akkoord: zo komt het werk op gang.",
        "Een openstaand akkoord komt niet vanzelf: bel de verzekeraar vandaag, anders staat de "
        "auto de hele week stil.",
    )


def check_informed(day: Day, plan: Plan, schedule: Schedule) -> Finding:
    rows = []
    for d in day.dossiers:
        ready = schedule.ready[d.key]
        if ready <= d.promised:
            continue
        dplan = _plan_of(plan, d.key)
        right = dplan.call_customer and dplan.told_day is not None and dplan.told_day == ready
        if not dplan.call_customer:
            said = "niet gebeld"
        else:
            said = f"gebeld, gezegd: {day_name(dplan.told_day)}"
        rows.append(
            (
                f"{d.title}: toegezegd {day_name(d.promised)}, volgens uw planning klaar "
                f"{day_name(ready)}; {said}",
                right,
                INFORM_POINTS,
            )
        )
    return _soft(
        "klant-informeren",
        "Klanten op tijd geïnformeerd over vertraging",
        rows,
        "Elke klant van wie de auto later klaar is dan toegezegd, hoort het vandaag van u, met "
        "de dag die uw eigen planning geeft.",
        "Een klant hoort een vertraging van u, niet bij het ophalen. Noem de dag die uw planning "
        "geeft: een andere dag belooft iets wat de werkplaats niet waarmaakt.",
    )


def check_colleague(plan: Plan) -> Finding:
    right = plan.colleague in COLLEAGUE_HELPED
    labels = dict(COLLEAGUE_CHOICES)
    return _soft(
        "collega-ondersteunen",
        f"{ONDERSTEUNEN}: de collega aan de balie",
        [(labels.get(plan.colleague, "geen keuze gemaakt"), right, COLLEAGUE_POINTS)],
        "U laat uw collega niet alleen staan: direct meelopen of een korte afspraak met wat ze "
        "de klant nu kan zeggen zijn allebei goed.",
        "Uw collega vraagt om hulp met een klant aan de balie. Doorsturen of weigeren laat haar "
        "en de klant staan; help nu of spreek een korte tijd af.",
    )


def score_plan(day: Day, plan: Plan) -> Verdict:
    schedule = simulate(day, plan)
    findings = (
        check_capacity(day, schedule),
        check_order(day, schedule),
        check_approval(day, plan, schedule),
        check_parts(day, schedule),
        check_hv(day, schedule),
        check_cars_available(day, plan),
        check_deadlines(day, schedule),
        check_cars_given(day, plan, schedule),
        check_insurer(day, plan),
        check_informed(day, plan, schedule),
        check_colleague(plan),
    )
    possible = sum(f.points for f in findings if not f.hard)
    earned = sum(f.earned for f in findings if not f.hard)
    score = (
        int((Decimal(earned) * HUNDRED / Decimal(possible)).quantize(Decimal(1), ROUND_HALF_UP))
        if possible
        else 100
    )
    hard_broken = any(f.hard and not f.passed for f in findings)
    return Verdict(
        findings=findings,
        earned=earned,
        possible=possible,
        score=score,
        hard_broken=hard_broken,
        passed=not hard_broken and Decimal(score) >= PASS_MARK,
        ready=schedule.ready,
        load={dep: tuple(schedule.load[dep]) for dep in DEPARTMENTS},
    )
