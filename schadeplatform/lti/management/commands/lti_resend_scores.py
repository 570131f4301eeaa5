from django.core.management.base import BaseCommand

from schadeplatform.lti.grade_passback import send_scores
from schadeplatform.lti.models import ScoreSend


class Command(BaseCommand):
    help = "Zet de scores die niet naar de leeromgeving konden opnieuw in de wachtrij."

    def handle(self, *args, **options):
        failed = set(
            ScoreSend.objects.filter(status=ScoreSend.Status.FAILED).values_list(
                "grade_id", flat=True
            )
        )
        sent = set(
            ScoreSend.objects.filter(status=ScoreSend.Status.SENT, grade_id__in=failed).values_list(
                "grade_id", flat=True
            )
        )
        for grade_id in sorted(failed - sent):
            send_scores.enqueue(grade_id)
        self.stdout.write(f"{len(failed - sent)} cijfer(s) opnieuw in de wachtrij.")
