"""Demo badges (issue #18): two rules of the foundation and the credentials they give the demo
trainees whose released grades meet them. Run after the other assessment demo data (the exam
form of `demo_exam_forms` and its released grades); idempotent (a credential is issued once
per rule and trainee, a rule is looked up by its code)."""

from __future__ import annotations

from typing import TextIO

from assessment import demo_exam_forms
from assessment.models import BadgeRule, BadgeRuleKind, ExamForm, IssuedCredential
from schadeplatform.accounts.models import User

from .issuing import issue_for_trainee
from .links import verify_page_url

EXAM_RULE = "examen-schadecalculatie-2026"
LEVEL_RULE = "werkprocessen-op-niveau"


def _rules() -> list[BadgeRule]:
    rules = []
    form = (
        ExamForm.objects.filter(
            cohort__name=demo_exam_forms.COHORT,
            case_version__case__slug=demo_exam_forms.CASE_SLUG,
        )
        .order_by("pk")
        .first()
    )
    if form is not None:
        rule, _created = BadgeRule.objects.get_or_create(
            slug=EXAM_RULE,
            defaults={
                "name": "Examen schadecalculatie behaald",
                "description": "Het examen schadecalculatie van de Stichting met een voldoende "
                "afgerond: calculatie en dossier beoordeeld volgens de toetsmatrijs.",
                "criteria": "Een voldoende (op of boven de vastgestelde cesuur) voor de "
                "examenvorm, vrijgegeven na (dubbele) beoordeling.",
                "kind": BadgeRuleKind.EXAM_FORM_PASSED,
                "exam_form": form,
                "valid_months": 60,
            },
        )
        rules.append(rule)
    rule, _created = BadgeRule.objects.get_or_create(
        slug=LEVEL_RULE,
        defaults={
            "name": "Werkprocessen schademanager op niveau",
            "description": "Alle vier werkprocessen van kerntaak 1 (intake, werkvoorbereiding, "
            "dossier bewaken, afleveren) op niveau 3 of hoger in vrijgegeven beoordelingen.",
            "criteria": "Voor elk werkproces 1.1–1.4 een deelscore op niveau 3 ('Op niveau') of "
            "hoger in ten minste één vrijgegeven eindbeoordeling.",
            "kind": BadgeRuleKind.WORK_PROCESSES_LEVEL,
            "min_level": 3,
        },
    )
    rules.append(rule)
    return rules


def load(stdout: TextIO) -> None:
    rules = _rules()
    trainees = (
        User.objects.filter(case_attempts__grades__marking_state="released")
        .distinct()
        .order_by("username")
    )
    for trainee in trainees:
        issue_for_trainee(trainee)
    for rule in rules:
        issued = IssuedCredential.objects.filter(rule=rule).select_related("trainee")
        names = ", ".join(sorted(row.trainee.username for row in issued)) or "niemand"
        stdout.write(f"Badges: '{rule.name}' uitgegeven aan {names}.\n")
        first = issued.order_by("trainee__username").first()
        if first is not None:
            stdout.write(
                f"Badges: controleer {first.trainee.username}: {verify_page_url(first.uuid)}\n"
            )
