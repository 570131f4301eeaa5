"""Prepare a fresh installation: the profile, the page tree, the groups and the workflow.

Idempotent, and without demo lessons: for production, where load_demo is never run.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from content.services import (
    competence_profile_data,
    competence_profile_import,
    editorial_setup_ensure,
    profile_page_ensure,
    site_tree_ensure,
)


class Command(BaseCommand):
    help = (
        "Importeert het competentieprofiel en maakt de leeromgeving (/leren/), de "
        "profielpagina, de groepen Redacteuren, Vaststellers en Beoordelaars en de werkstroom "
        "'Redactie en vaststelling' aan. Veilig om vaker te draaien."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            data, source = competence_profile_data()
            result = competence_profile_import(data=data, source=source)
            learning_index = site_tree_ensure()
            profile_page_ensure(learning_index=learning_index)
            setup = editorial_setup_ensure(learning_index=learning_index)
        self.stdout.write(
            self.style.SUCCESS(
                f"Competentieprofiel uit {source} ({result.created} nieuw, {result.updated} "
                f"bijgewerkt); leeromgeving op {learning_index.url}; werkstroom "
                f"'{setup.workflow.name}' ingesteld."
            )
        )
