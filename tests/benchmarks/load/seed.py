"""Users, attempts and calculation drafts for the load test, made through the apps' services.

    python -m tests.benchmarks.load.seed --trainees 50 --assessors 5 --out var/load-users.json

Run with DJANGO_SETTINGS_MODULE and DATABASE_URL set, after `migrate` and `load_demo`. Each
trainee starts one of the published demo cases (`cases.services.attempt_start`) and saves the
case's reference pre-calculation as a draft (`cases.calculations.services.draft_save`), so a
draft has the size of a real calculation. The assessors assess the load cohort and the demo
cohort, so their queue holds the demo's submissions. Writes the users, passwords and attempt
ids as JSON for the client.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

import django

COHORT = "Belastingtest"
PASSWORD = "belastingtest-wachtwoord-2026"


def _service(module: str, name: str, wait: float):
    """The service function, waiting up to `wait` seconds while another helper still writes it."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            if time.monotonic() > deadline:
                raise
            time.sleep(5)


def seed(trainees: int, assessors: int, wait: float) -> dict:
    from django.db import transaction

    from cases import selectors as case_selectors
    from cases.models import CaseVersion
    from schadeplatform.accounts.demo import COHORT as DEMO_COHORT
    from schadeplatform.accounts.demo import ORGANISATION
    from schadeplatform.accounts.models import Cohort, Organisation, Role, User

    attempt_start = _service("cases.services", "attempt_start", wait)
    draft_save = _service("cases.calculations.services", "draft_save", wait)
    draft_get_or_create = _service("cases.calculations.services", "draft_get_or_create", wait)

    organisation = Organisation.objects.get(name=ORGANISATION)
    cohort, _ = Cohort.objects.get_or_create(organisation=organisation, name=COHORT)
    demo_cohort = Cohort.objects.get(organisation=organisation, name=DEMO_COHORT)

    def user(username: str, role: str) -> User:
        account, created = User.objects.get_or_create(
            username=username, defaults={"role": role, "organisation": organisation}
        )
        if created:
            account.set_password(PASSWORD)
            account.save(update_fields=["password"])
        return account

    out: dict = {"password": PASSWORD, "trainees": [], "assessors": []}
    for number in range(1, assessors + 1):
        assessor = user(f"last_beoordelaar{number:02d}", Role.ASSESSOR)
        cohort.assessors.add(assessor)
        demo_cohort.assessors.add(assessor)
        out["assessors"].append({"username": assessor.username})

    trainee_users = [user(f"last_cursist{n:02d}", Role.TRAINEE) for n in range(1, trainees + 1)]
    cohort.trainees.add(*trainee_users)
    cases = list(case_selectors.cases_open_to(trainee_users[0])) if trainee_users else []
    if trainee_users and not cases:
        raise SystemExit("Geen gepubliceerde casus: laad eerst de demo (manage.py load_demo).")
    for index, trainee in enumerate(trainee_users):
        case = cases[index % len(cases)]
        with transaction.atomic():
            attempt = attempt_start(trainee=trainee, case=case)
            draft = draft_get_or_create(attempt=attempt)
            version = CaseVersion.objects.get(pk=attempt.case_version_id)
            lines = (version.reference_precalc or {}).get("lines") or []
            if draft.version == 0:
                draft = draft_save(attempt=attempt, lines=lines, expected_version=0, by=trainee)
        # The client alternates between these lines and these without the last one; from the
        # file rather than from the draft it reads, so that a run with --reuse-db starts from
        # the same draft as the first run, not from whatever the previous run left.
        out["trainees"].append(
            {
                "username": trainee.username,
                "attempt": attempt.pk,
                "lines": len(draft.lines),
                "full_lines": draft.lines,
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=50)
    parser.add_argument("--assessors", type=int, default=5)
    parser.add_argument("--wait", type=float, default=0, help="seconds to wait for services")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    django.setup()
    result = seed(args.trainees, args.assessors, args.wait)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(f"{len(result['trainees'])} cursisten, {len(result['assessors'])} beoordelaars klaar")
    return 0


if __name__ == "__main__":
    sys.exit(main())
