"""Put tasks that a killed db_worker left RUNNING back in the queue (schadeplatform.stale_tasks).

    python manage.py requeue_stale_tasks --older-than 900 --max-attempts 3

Run it periodically next to the workers (cron, a systemd timer: every minute), see
docs/hardening.md "Exam day on several machines".
"""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandParser

from schadeplatform.stale_tasks import requeue_stale_tasks


class Command(BaseCommand):
    help = "Requeue tasks left RUNNING by a worker that died (READY again, or FAILED)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=float,
            default=900.0,
            help="seconds a task must have been RUNNING (longer than any task runs)",
        )
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=3,
            help="claims after which a lost task is FAILED instead of requeued",
        )
        parser.add_argument("--backend", default="default")

    def handle(self, *args, older_than: float, max_attempts: int, backend: str, **options):
        result = requeue_stale_tasks(
            older_than=timedelta(seconds=older_than),
            max_attempts=max_attempts,
            backend_name=backend,
        )
        if result.ready or result.failed or options["verbosity"] > 1:
            self.stdout.write(
                f"requeued {len(result.ready)} {result.ready}; failed {len(result.failed)} "
                f"{result.failed}"
            )
