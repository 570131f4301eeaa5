"""Load the demo data of every app: idempotent, so running it twice changes nothing."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = (
        "Laadt de demogegevens (organisatie, groep, gebruikers, inhoud, casussen, beoordelingen)."
    )

    def handle(self, *args, **options) -> None:
        # Apps load in INSTALLED_APPS order: accounts, content, cases, assessment.
        for app_config in apps.get_app_configs():
            if not module_has_submodule(app_config.module, "demo"):
                continue
            module = import_module(f"{app_config.name}.demo")
            with transaction.atomic():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
