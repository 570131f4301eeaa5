"""The exam cohort of the cluster run, made through the apps' services.

    python -m tests.benchmarks.cluster.seed --candidates 200 --assessors 10 \
        --closes-in 300 --out var/cluster/users.json

Run with the cluster's environment (DJANGO_SETTINGS_MODULE, DATABASE_URL, ...) after `migrate`
and `load_demo`. An exam cohort (exam mode, `exam_closes_at` = now + `--closes-in` seconds) with
`--candidates` candidates and `--assessors` assessors (also assessors of the demo cohort, whose
submissions give them something to grade). Each candidate's attempt is walked through the real
workflow services to "in repair" as the demo's trainees walk theirs (assessment.demo.play); the
exam morning itself (autosaving the final calculation, submitting it, the final inspection and
the delivery that hands the attempt in) is the load's work, through the API. Every candidate
gets the same password hash, computed once: the load measures logins with production's hasher,
the seed need not pay it N times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import django

COHORT = "Examendag cluster"
# The capacity phase's trainees: open attempts in a cohort without an exam window, so that the
# closed-loop load after the exam morning still has calculations to save.
CAPACITY_COHORT = "Capaciteit cluster"
PASSWORD = "examendag-wachtwoord-2026"


def walk_to_repair(attempt, user) -> None:
    """The demo's walk (`assessment.demo.play_to_repair`) up to the repair, the supplement
    included."""
    from assessment.demo import play_to_repair

    play_to_repair(attempt, user, {})


def seed(candidates: int, assessors: int, closes_in: float, capacity: int = 0) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from assessment.demo import DemoGap
    from assessment.rubric import AREAS
    from cases import selectors as case_selectors
    from cases.calculations.selectors import draft_for
    from cases.final_inspection import read_items
    from cases.services import attempt_start
    from schadeplatform.accounts.demo import COHORT as DEMO_COHORT
    from schadeplatform.accounts.demo import ORGANISATION
    from schadeplatform.accounts.models import Cohort, Organisation, Role, User

    organisation = Organisation.objects.get(name=ORGANISATION)
    closes_at = timezone.now() + dt.timedelta(seconds=closes_in)
    cohort, _ = Cohort.objects.update_or_create(
        organisation=organisation,
        name=COHORT,
        defaults={"exam_mode": True, "exam_closes_at": closes_at},
    )
    demo_cohort = Cohort.objects.get(organisation=organisation, name=DEMO_COHORT)
    encoded = make_password(PASSWORD)

    def user(username: str, role: str) -> User:
        account, _created = User.objects.get_or_create(
            username=username,
            defaults={"role": role, "organisation": organisation, "password": encoded},
        )
        return account

    out: dict = {
        "password": PASSWORD,
        "cohort": cohort.pk,
        "exam_closes_at": closes_at.isoformat(),
        "cohort_table": Cohort._meta.db_table,
        "areas": [area.slug for area in AREAS],
        "candidates": [],
        "assessors": [],
    }
    for number in range(1, assessors + 1):
        assessor = user(f"exam_beoordelaar{number:03d}", Role.ASSESSOR)
        cohort.assessors.add(assessor)
        demo_cohort.assessors.add(assessor)
        out["assessors"].append({"username": assessor.username})

    exam_users = [user(f"exam_kandidaat{n:04d}", Role.TRAINEE) for n in range(1, candidates + 1)]
    cohort.trainees.add(*exam_users)
    capacity_users = [user(f"cap_kandidaat{n:03d}", Role.TRAINEE) for n in range(1, capacity + 1)]
    if capacity_users:
        capacity_cohort, _ = Cohort.objects.update_or_create(
            organisation=organisation, name=CAPACITY_COHORT, defaults={"exam_mode": False}
        )
        capacity_cohort.trainees.add(*capacity_users)
    out["capacity"] = []
    users = [*exam_users, *capacity_users]
    cases = list(case_selectors.cases_open_to(users[0])) if users else []
    # The demo's own walks first (assessment.demo): their payers approve the reference lines.
    demo_slugs = ["clio-door-private", "golf-front-low-speed", "vito-van-fleet-rear"]
    cases.sort(key=lambda case: demo_slugs.index(case.slug) if case.slug in demo_slugs else 9)
    if users and not cases:
        raise SystemExit("Geen gepubliceerde casus: laad eerst de demo (manage.py load_demo).")
    refused: set[int] = set()
    for index, candidate in enumerate(users):
        attempt = None
        for case in cases[index % len(cases) :] + cases[: index % len(cases)]:
            if case.pk in refused:
                continue
            try:
                with transaction.atomic():
                    attempt = attempt_start(trainee=candidate, case=case)
                    if attempt.status == "intake":
                        walk_to_repair(attempt, candidate)
                break
            except DemoGap as gap:
                # This case's payer refuses the reference walk (its story wants more): the
                # transaction took the attempt back; the next case.
                print(f"casus {case.slug} overgeslagen: {gap}", file=sys.stderr)
                refused.add(case.pk)
                attempt = None
        if attempt is None:
            raise SystemExit("Geen casus laat zich tot het herstel doorlopen.")
        with transaction.atomic():
            attempt.refresh_from_db()
            draft = draft_for(attempt)
            checklist = list(attempt.case_version.delivery_checklist or [])
            questions = list((attempt.case_version.customer or {}).get("last_questions") or [])
            precalc = (
                attempt.calculation_versions.filter(kind="precalc").order_by("-number").first()
            )
        out["candidates" if index < len(exam_users) else "capacity"].append(
            {
                "username": candidate.username,
                "attempt": attempt.pk,
                "status": attempt.status,
                "lines": draft.lines,
                "precalc_version": precalc.pk if precalc else None,
                # The trainee's own final-inspection list (issue #16: the case's is hidden).
                "items": [item.item for item in read_items(checklist)],
                "answers": ["Ja, dat is meegenomen in het herstel." for _ in questions],
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--assessors", type=int, default=10)
    parser.add_argument("--closes-in", type=float, required=True, help="seconds from now")
    parser.add_argument("--capacity", type=int, default=0, help="trainees of the capacity phase")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    django.setup()
    result = seed(args.candidates, args.assessors, args.closes_in, args.capacity)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))
    print(f"{len(result['candidates'])} kandidaten, {len(result['assessors'])} beoordelaars klaar")
    return 0


if __name__ == "__main__":
    sys.exit(main())
