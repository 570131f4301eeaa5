"""Demo data of double and triple marking (issue #15, item 1): the exam cohort "Examen
schademanager december 2026" of the demo organisation with five exam candidates
(examenkandidaat1–5, password "<username>-demo"), the markers beoordelaar1 (first),
beoordelaar2 (second, blind) and beoordelaar3 (third marker after an escalation, moderator of
the sample), and the exam board's policy (examencommissie1): two blind markers, a third
decides, escalation past 10 points or on a different pass/fail, a 20 % moderation sample.

- examenkandidaat3: the first marker has signed, the second has not started: blind, and the
  queue names the candidate by code only;
- of the others (`_scenarios`), one outside the moderation sample gets two close marks, agreed
  without escalation as the mean; one gets a knock-out from the second marker (a critical line
  missing): the marks disagree on pass/fail and escalate to beoordelaar3, whose grade decides;
  the rest get close marks too, and where they fall in the 20 % sample beoordelaar3 moderates
  them. All of these are released. The sample is a keyed hash of the attempt id (it depends on
  the installation's SECRET_KEY), so the scenarios are assigned after it: the same on every
  load.

Each attempt is played through the real claim workflow (`assessment.demo.play`, passed in by
`assessment.demo.load`, which calls this module: no import back) and marked through
`assessment.services`. Idempotent: an existing cohort, user, attempt, signed grade or release
is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TextIO

from django.db import transaction

from cases.models import Attempt, Case
from cases.services import attempt_start
from schadeplatform.accounts.models import Cohort, Role, User

from . import double_marking, services
from .exam_board import is_exam_board
from .models import AgreementRule, Grade, MarkingPolicy, Moderation, ModerationStatus

COHORT = "Examen schademanager december 2026"
CASE = "golf-front-low-speed"
FIRST, SECOND, THIRD = "beoordelaar1", "beoordelaar2", "beoordelaar3"
BOARD = "examencommissie1"
# username → (first name, last name, demo password)
CANDIDATES = {
    "examenkandidaat1": ("Lotte", "Verbeek", "examenkandidaat1-demo"),
    "examenkandidaat2": ("Daan", "Kramer", "examenkandidaat2-demo"),
    "examenkandidaat3": ("Noor", "Hendriks", "examenkandidaat3-demo"),
    "examenkandidaat4": ("Jesse", "Willems", "examenkandidaat4-demo"),
    "examenkandidaat5": ("Sem", "Jacobs", "examenkandidaat5-demo"),
}
# The candidates' calculations: changes to the reference lines (as `assessment.demo`'s).
CHANGES: dict[str, dict[str, Any]] = {
    "examenkandidaat1": {"4": {"labour_units": "280"}},
    "examenkandidaat2": {"4": {"labour_units": "280"}},
    "examenkandidaat3": {},
    "examenkandidaat4": {"5": {"paint": {"mode": "new", "units": "135"}}},
    "examenkandidaat5": {"7": None},
}
RUBRIC = {
    "analyseren-en-interpreteren": 3,
    "organiseren-en-uitvoeren": 3,
    "ondersteunen-en-samenwerken": 3,
    "interacteren-beinvloeden-en-presenteren": 3,
}
# What a candidate's markers do (`_scenarios`).
CLOSE, ESCALATE, BLIND = "close", "escalate", "examenkandidaat3"
# The demo Golf's radar calibration: a critical line ("missing" is a knock-out).
CRITICAL_LINE = "6"
# A line the second marker of close marks credits lower (a few points apart, no escalation).
BUMPER_LINE = "3"


def _user(username: str, first: str, last: str, password: str, organisation) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": Role.TRAINEE,
            "first_name": first,
            "last_name": last,
            "email": f"{username}@demo.schadeplatform.nl",
            "organisation": organisation,
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _cohort(stdout: TextIO) -> Cohort | None:
    markers = list(User.objects.filter(username__in=(FIRST, SECOND, THIRD)))
    if len(markers) < 3:
        stdout.write("Dubbel beoordelen: demo-beoordelaars ontbreken, overgeslagen.\n")
        return None
    organisation = markers[0].organisation
    cohort, _created = Cohort.objects.get_or_create(
        organisation=organisation, name=COHORT, defaults={"exam_mode": True}
    )
    cohort.assessors.add(*markers)
    for username, (first, last, password) in CANDIDATES.items():
        cohort.trainees.add(_user(username, first, last, password, organisation))
    return cohort


def _policy(cohort: Cohort) -> None:
    board = User.objects.filter(username=BOARD).first()
    if board is None or not is_exam_board(board):
        return
    if MarkingPolicy.objects.filter(cohort=cohort).exists():
        return
    double_marking.policy_save(
        cohort=cohort,
        by=board,
        markers=2,
        agreement_rule=AgreementRule.THIRD_DECIDES,
        escalation_points=Decimal("10"),
        escalate_on_pass_fail=True,
        moderation_sample_percent=20,
    )


@dataclass(frozen=True)
class _AsReference:
    """What `assessment.demo.play` reads of a demo attempt: no changes to the reference."""

    changes: dict[str, Any] = field(default_factory=dict)


def _attempt(cohort: Cohort, trainee: User, case: Case, play: Callable) -> Attempt:
    changes = CHANGES.get(trainee.username, {})
    attempt = (
        Attempt.objects.filter(
            trainee=trainee, cohort=cohort, case_version__case=case, submitted_at__isnull=False
        )
        .order_by("pk")
        .first()
    )
    if attempt is not None:
        return attempt
    with transaction.atomic():
        attempt = attempt_start(trainee=trainee, case=case, cohort=cohort)
        play(attempt, trainee, _AsReference(changes))
        attempt.refresh_from_db()
    return attempt


def _mark(attempt: Attempt, marker: User, comment: str, overrides=()) -> Grade:
    """The marker's signed grade of the attempt (started, overridden, signed if not yet)."""
    grade = services.grade_start(attempt=attempt, by=marker)
    if grade.is_signed:
        return grade
    for line_key, verdict, credit, reason in overrides:
        if not grade.overrides.filter(line_key=line_key).exists():
            services.line_override_create(
                grade=grade,
                by=marker,
                line_key=line_key,
                new_verdict=verdict,
                credit=credit,
                reason=reason,
            )
    grade = services.grade_autosave(
        grade=grade, by=marker, revision=grade.revision, rubric=RUBRIC, comment=comment
    )
    return services.grade_sign(grade=grade, by=marker)


def _moderate(attempt: Attempt, moderator: User) -> None:
    moderation = Moderation.objects.filter(attempt=attempt).first()
    if moderation is not None and moderation.status == ModerationStatus.OPEN:
        _mark(
            attempt,
            moderator,
            "Derde beoordeling: de radarkalibratie is wel aangetoond in het dossier; de "
            "calculatie is volledig en voldoende.",
        )


def _release(attempt: Attempt, by: User) -> None:
    from .selectors import final_grade

    attempt = Attempt.objects.get(pk=attempt.pk)
    grades = list(attempt.grades.all())
    final = final_grade(attempt, grades)
    if final is not None and not final.is_released:
        services.grade_release(grade=final, by=by)


def _scenarios(attempts: dict[str, Attempt], percent: int) -> dict[str, str]:
    """Which candidate gets which marks: examenkandidaat3 stays blind; of the others, those
    outside the moderation sample come first, the first of them gets close marks (agreed as the
    mean), the next an escalation, the rest close marks (moderated where they fell in the
    sample). The sample is the policy's own rule, fixed per attempt: the same on every load."""
    others = [name for name in attempts if name != BLIND]
    others.sort(key=lambda name: double_marking.in_moderation_sample(attempts[name].pk, percent))
    scenarios = dict.fromkeys(others, CLOSE)
    if len(others) > 1:
        scenarios[others[1]] = ESCALATE
    if BLIND in attempts:
        scenarios[BLIND] = BLIND
    return scenarios


def _play_one(attempt: Attempt, scenario: str, markers: dict[str, User], stdout) -> None:
    first, second, third = markers[FIRST], markers[SECOND], markers[THIRD]
    username = attempt.trainee.username
    _mark(attempt, first, "Examen: volledige calculatie, beide kalibraties aanwezig.")
    if scenario == BLIND:
        stdout.write(f"Dubbel beoordelen: {username}: eerste beoordeling ondertekend, blind.\n")
        return
    if scenario == CLOSE:
        _mark(
            attempt,
            second,
            "Examen, tweede beoordeling: voldoende; de bumper is wat krap begroot.",
            overrides=((BUMPER_LINE, "units_off", "0.8", "Te weinig eenheden voor de bumper."),),
        )
    else:
        _mark(
            attempt,
            second,
            "Examen, tweede beoordeling: de radarkalibratie is niet aangetoond: knock-out.",
            overrides=((CRITICAL_LINE, "missing", None, "Niet aangetoond in het dossier."),),
        )
    _moderate(attempt, third)
    _release(attempt, first)
    agreed = double_marking.agreed_of(Attempt.objects.get(pk=attempt.pk))
    if agreed is not None:
        stdout.write(
            f"Dubbel beoordelen: {username}: {agreed.score} "
            f"({agreed.get_method_display()}). {agreed.explanation}\n"
        )


def load(stdout: TextIO, *, play: Callable, refused: tuple[type[Exception], ...]) -> None:
    """`play` is `assessment.demo.play` (the claim workflow from intake to delivery) and
    `refused` its refusal, passed in by `assessment.demo.load` (which calls this)."""
    cohort = _cohort(stdout)
    case = Case.objects.filter(slug=CASE).first()
    if cohort is None or case is None:
        return
    _policy(cohort)
    markers = {u.username: u for u in User.objects.filter(username__in=(FIRST, SECOND, THIRD))}
    attempts: dict[str, Attempt] = {}
    for username in CANDIDATES:
        try:
            trainee = User.objects.get(username=username)
            attempts[username] = _attempt(cohort, trainee, case, play)
        except refused as exc:
            stdout.write(f"Dubbel beoordelen: {username} niet gespeeld: {exc}\n")
    percent = double_marking.policy_for(cohort).moderation_sample_percent
    for username, scenario in _scenarios(attempts, percent).items():
        try:
            _play_one(attempts[username], scenario, markers, stdout)
        except services.AssessmentError as exc:
            stdout.write(f"Dubbel beoordelen: {username} niet gelukt: {exc}\n")
    stdout.write(
        f"Dubbel beoordelen: examengroep '{COHORT}' met kandidaten "
        f"{', '.join(CANDIDATES)} (wachtwoord: <gebruikersnaam>-demo); beleid: "
        "/beoordeling/examencommissie/beoordelingsbeleid/.\n"
    )
