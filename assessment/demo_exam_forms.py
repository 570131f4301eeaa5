"""Demo data of the exam forms (issue #15, items 4 and 5): a published blueprint, an exam
cohort of its own with eight candidates, an exam form on the Golf case, a closed Angoff study
of three judges whose cut score the exam board adopted, and the candidates' attempts played
through the real claim workflow (`assessment.demo.play`) and graded after the adoption, so
their grades carry the Angoff cut score and the form has an item analysis.

Everything goes through the services (`exam_forms`, `services`, `cases`); the cohort marks
with one marker (`MarkingPolicy(markers=1)`), so each signed grade is final. Idempotent: what
exists is left as it is (a candidate who delivered is not played again, a signed grade is not
touched, an adopted cut score is not adopted again).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, TextIO

from django.db import transaction

from cases.models import Attempt, Case
from cases.services import attempt_start
from schadeplatform.accounts.demo import ORGANISATION
from schadeplatform.accounts.models import Cohort, Organisation, Role, User

from . import exam_forms, services
from .models import AngoffStatus, Blueprint, ExamForm, Grade, GradeStatus, MarkingPolicy
from .selectors import final_grade

BLUEPRINT_TITLE = "Toetsmatrijs schadecalculatie 2026"
BLUEPRINT_WEIGHTS = {
    "work_processes": {"1.1": "1", "1.2": "4", "1.3": "2", "1.4": "1"},
    "competence_areas": {
        "analyseren-en-interpreteren": "4",
        "organiseren-en-uitvoeren": "3",
        "interacteren-beinvloeden-en-presenteren": "1",
    },
}
COHORT = "Examen schadecalculatie november 2026"
CASE_SLUG = "golf-front-low-speed"
MARKER = "beoordelaar1"
JUDGES = ("beoordelaar1", "beoordelaar2")  # and the exam board's member, `load(board=...)`

_WRONG = {
    "2": {"labour_units": "60"},
    "3": {"labour_units": "80"},
    "4": {"labour_units": "380"},
    "5": {"paint": {"mode": "new", "units": "135"}},
    "1": {"labour_units": "300", "paint": {"mode": "new", "units": "320"}},
    "6": {"labour_units": "300"},
    "10": {"labour_units": "240"},
    "7": None,
    "8": None,
    "9": {"labour_units": "60"},
    "11": None,
}


def _changes(*lines: str) -> dict[str, dict[str, Any] | None]:
    return {line: _WRONG[line] for line in lines}


# Each candidate makes more of the same mistakes than the one before (so the lines
# discriminate), except line 9 (the parking sensors), which only the two strongest get wrong:
# the item analysis flags it. The weakest misses so much that they fail.
CANDIDATES: tuple[tuple[str, str, str, dict[str, dict[str, Any] | None]], ...] = (
    ("kandidaat01", "Lotte", "Verbeek", _changes("9")),
    ("kandidaat02", "Daan", "Kuipers", _changes("9", "4")),
    ("kandidaat03", "Noor", "Hendriks", _changes("4", "7")),
    ("kandidaat04", "Bram", "Peeters", _changes("4", "7", "5")),
    ("kandidaat05", "Sara", "El Amrani", _changes("4", "7", "5", "3")),
    ("kandidaat06", "Jesse", "van Dijk", _changes("4", "7", "5", "3", "11")),
    ("kandidaat07", "Iris", "Vos", _changes("4", "7", "5", "3", "11", "2")),
    ("kandidaat08", "Milan", "Bos", _changes("4", "7", "5", "3", "11", "2", "8", "1", "6", "10")),
)

RUBRIC = {
    "analyseren-en-interpreteren": 3,
    "organiseren-en-uitvoeren": 3,
    "ondersteunen-en-samenwerken": 3,
    "interacteren-beinvloeden-en-presenteren": 3,
}
COMMENT = "Examen: calculatie en dossier beoordeeld volgens de toetsmatrijs."

# The judges' estimates per item (in the form's item order, repeated where the form has more):
# a base per item, each judge a little stricter or milder, and their own small differences.
BASE = (0.80, 0.75, 0.70, 0.55, 0.60, 0.85, 0.65, 0.90, 0.70, 0.60, 0.70, 0.85, 0.80)
JUDGE_OFFSET = (-0.05, 0.0, 0.03)


def _estimate(item: int, judge: int) -> str:
    jitter = ((item * 7 + judge * 3) % 5 - 2) * 0.01
    value = BASE[item % len(BASE)] + JUDGE_OFFSET[judge] + jitter
    return f"{min(1.0, max(0.0, value)):.2f}"


def _user(username: str) -> User | None:
    # A fresh row: its permission cache must see the exam board's group given just before.
    return User.objects.filter(username=username).first()


def _candidates(organisation: Organisation, cohort: Cohort) -> list[User]:
    users = []
    for username, first, last, _lines in CANDIDATES:
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
            user.set_password(f"{username}-demo")
            user.save(update_fields=["password"])
        cohort.trainees.add(user)
        users.append(user)
    return users


def _form(board: User, cohort: Cohort, case: Case) -> ExamForm | None:
    blueprint = Blueprint.objects.filter(title=BLUEPRINT_TITLE).first()
    if blueprint is None:
        blueprint = exam_forms.blueprint_save(
            by=board,
            title=BLUEPRINT_TITLE,
            description="Vastgesteld door de examencommissie voor de examens van 2026.",
            weights=BLUEPRINT_WEIGHTS,
            published=True,
        )
    version = exam_forms.form_case_versions().filter(case=case).order_by("-number").first()
    if version is None:
        return None
    form = ExamForm.objects.filter(cohort=cohort, case_version=version).first()
    if form is None:
        form = exam_forms.exam_form_create(
            by=board, cohort=cohort, case_version=version, blueprint=blueprint
        )
    return form


def _cut_score(form: ExamForm, board: User, stdout: TextIO) -> None:
    if form.cut_score is not None:
        return
    judges = [user for user in (_user(name) for name in JUDGES) if user is not None] + [board]
    study = form.angoff_studies.order_by("-created_at").first()
    if study is None:
        study = exam_forms.angoff_study_open(form=form, judges=judges, by=board)
    if study.status == AngoffStatus.OPEN:
        keys = [item.key for item in exam_forms.form_items(form)]
        for index, judge in enumerate(judges):
            exam_forms.angoff_judgements_save(
                study=study,
                judge=judge,
                probabilities={key: _estimate(n, index) for n, key in enumerate(keys)},
            )
        study = exam_forms.angoff_study_close(study=study, by=board)
    form = exam_forms.cut_score_adopt(study=study, by=board)
    stdout.write(
        f"Examenvormen: Angoff-cesuur {form.cut_score} vastgesteld "
        f"({len(judges)} beoordelaars, SE {study.result['standard_error_percent']:.1f}).\n"
    )


def _graded(attempt: Attempt, marker: User) -> Grade:
    signed = attempt.grades.filter(status=GradeStatus.SIGNED).order_by("pk").first()
    if signed is None:
        grade = services.grade_start(attempt=attempt, by=marker)
        grade = services.grade_autosave(
            grade=grade, by=marker, revision=grade.revision, rubric=RUBRIC, comment=COMMENT
        )
        signed = services.grade_sign(grade=grade, by=marker)
    grades = list(attempt.grades.all())
    final = final_grade(attempt, grades)
    if final is not None and not final.is_released:
        final = services.grade_release(grade=final, by=marker)
    return final or signed


def load(
    stdout: TextIO,
    *,
    play: Callable[..., None],
    demo_attempt: Callable[..., Any],
    refused: tuple[type[Exception], ...],
    board: str,
) -> None:
    """`play` and `demo_attempt` are `assessment.demo`'s (passed in: that module calls this
    one), `refused` what playing may raise, `board` the exam board's demo member."""
    board_member = _user(board)
    marker = _user(MARKER)
    case = Case.objects.filter(slug=CASE_SLUG).first()
    organisation = Organisation.objects.filter(name=ORGANISATION).first()
    if board_member is None or marker is None or case is None or organisation is None:
        stdout.write("Examenvormen: demo-gebruikers of de Golf-casus ontbreken, overgeslagen.\n")
        return
    cohort, _created = Cohort.objects.get_or_create(
        organisation=organisation, name=COHORT, defaults={"exam_mode": True}
    )
    cohort.assessors.add(marker)
    MarkingPolicy.objects.get_or_create(cohort=cohort, defaults={"markers": 1})
    candidates = _candidates(organisation, cohort)
    try:
        form = _form(board_member, cohort, case)
        if form is None:
            stdout.write("Examenvormen: de Golf-casus heeft geen gepubliceerde versie.\n")
            return
        _cut_score(form, board_member, stdout)
    except exam_forms.ExamFormError as exc:
        stdout.write(f"Examenvormen: niet gelukt: {exc.errors}\n")
        return
    scores: list[Decimal] = []
    for candidate, (_name, _first, _last, changes) in zip(candidates, CANDIDATES, strict=True):
        attempt = (
            Attempt.objects.filter(trainee=candidate, cohort=cohort, submitted_at__isnull=False)
            .order_by("pk")
            .first()
        )
        try:
            if attempt is None:
                with transaction.atomic():
                    attempt = attempt_start(trainee=candidate, case=case, cohort=cohort)
                    play(
                        attempt,
                        candidate,
                        demo_attempt(candidate.username, CASE_SLUG, changes, RUBRIC, COMMENT),
                    )
                    attempt.refresh_from_db()
            scores.append(_graded(attempt, marker).score)
        except (*refused, services.AssessmentError) as exc:
            stdout.write(f"Examenvormen: {candidate.username} niet gelukt: {exc}\n")
    stdout.write(
        f"Examenvormen: {COHORT}, {len(scores)} kandidaten beoordeeld "
        f"(scores {', '.join(str(score) for score in scores)}); wachtwoord <gebruikersnaam>-demo.\n"
    )
