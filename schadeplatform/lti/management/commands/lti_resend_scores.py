from django.core.management.base import BaseCommand

from schadeplatform.lti.grade_passback import resend_failed


class Command(BaseCommand):
    help = "Zet de scores die niet naar de leeromgeving konden opnieuw in de wachtrij."

    def handle(self, *args, **options):
        closed, queued = resend_failed()
        self.stdout.write(
            f"{closed} mislukte verzending(en) vervangen door een nieuwere; "
            f"{queued} cijfer(s) opnieuw in de wachtrij."
        )
