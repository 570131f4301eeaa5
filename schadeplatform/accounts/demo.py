"""Demo organisation, cohort and users. Passwords are for the demo only."""

from __future__ import annotations

from typing import TextIO

from .models import Cohort, Organisation, Role, User

ORGANISATION = "Opleidingscentrum Schadeherstel Demo"
COHORT = "Schademanager 2026-A"

# username → (role, first name, last name, demo password)
DEMO_USERS: dict[str, tuple[Role, str, str, str]] = {
    "cursist1": (Role.TRAINEE, "Sanne", "de Vries", "cursist1-demo"),
    "cursist2": (Role.TRAINEE, "Mehmet", "Yilmaz", "cursist2-demo"),
    "beoordelaar1": (Role.ASSESSOR, "Kees", "Bakker", "beoordelaar1-demo"),
    # the cohort lead: an assessor who allocates attempts to markers (group "Coördinatoren",
    # given by assessment/demo.py)
    "coordinator1": (Role.ASSESSOR, "Femke", "Visser", "coordinator1-demo"),
    # more markers: double and triple marking, calibration (issue #15; assessment/demo*.py)
    "beoordelaar2": (Role.ASSESSOR, "Anouk", "Mulder", "beoordelaar2-demo"),
    "beoordelaar3": (Role.ASSESSOR, "Ruud", "de Boer", "beoordelaar3-demo"),
    # the foundation's exam board (group "Examencommissie", permission assessment.exam_board,
    # given by assessment/demo.py)
    "examencommissie1": (Role.ASSESSOR, "Marleen", "Hoekstra", "examencommissie1-demo"),
    "redacteur1": (Role.EDITOR, "Ingrid", "Jansen", "redacteur1-demo"),
    # a second editor: the workflow's review step is a colleague's (content/README.md)
    "redacteur2": (Role.EDITOR, "Joost", "Smit", "redacteur2-demo"),
    "admin": (Role.ADMIN, "Beheer", "Platform", "admin-demo"),
}


def load(stdout: TextIO) -> None:
    organisation, _ = Organisation.objects.get_or_create(
        name=ORGANISATION, defaults={"kind": Organisation.Kind.TRAINING_PROVIDER}
    )
    cohort, _ = Cohort.objects.get_or_create(organisation=organisation, name=COHORT)
    for username, (role, first_name, last_name, password) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@demo.schadeplatform.nl",
                "organisation": organisation,
                "is_staff": role in (Role.ADMIN, Role.EDITOR),
                "is_superuser": role == Role.ADMIN,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        if role == Role.TRAINEE:
            cohort.trainees.add(user)
        elif role == Role.ASSESSOR:
            cohort.assessors.add(user)
    stdout.write("Demo-gebruikers (alleen voor de demo):\n")
    for username, (role, _first, _last, password) in DEMO_USERS.items():
        stdout.write(f"  {username:<14} {Role(role).label:<12} wachtwoord: {password}\n")
