from django.core.management.base import BaseCommand, CommandError

from schadeplatform.lti.models import CohortLink
from schadeplatform.lti.roster import sync_roster


class Command(BaseCommand):
    help = "Synchroniseert de deelnemers van gekoppelde LMS-cursussen (NRPS) naar hun groep."

    def add_arguments(self, parser):
        parser.add_argument("--cohort", type=int, help="alleen de cursussen van deze groep (id)")

    def handle(self, *args, **options):
        links = CohortLink.objects.select_related("context__deployment__registration", "cohort")
        if options["cohort"]:
            links = links.filter(cohort_id=options["cohort"])
        if not links.exists():
            raise CommandError("Geen gekoppelde LMS-cursus gevonden.")
        for link in links:
            outcome = sync_roster(link)
            self.stdout.write(
                f"{link}: {len(outcome.added)} in de groep, {len(outcome.removed)} verwijderd, "
                f"{len(outcome.skipped)} overgeslagen"
            )
