"""Background work of the assessment: rendering a report's PDF.

Enqueued by `services.report_request` with `transaction.on_commit`, so the task sees the
committed row. The row is locked while it renders; a report that is already rendered is left
alone, so a task that runs twice renders once.
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from .models import Report, ReportStatus

logger = logging.getLogger(__name__)


@task()
def render_report(report_id: int) -> str:
    # Imported here, in the worker that renders: WeasyPrint is a heavy import that the web
    # process, which only queues the task, need not pay for.
    from .reports.documents import render_report_pdf
    from .reports.render import TooManyPages

    with transaction.atomic():
        report = Report.objects.select_for_update().filter(pk=report_id).first()
        if report is None or report.status == ReportStatus.RENDERED:
            return "skipped"
        try:
            rendered, filename = render_report_pdf(report)
        except TooManyPages as refused:
            # Not retried by a new request: the same content lays out to the same length.
            Report.objects.filter(pk=report.pk).update(
                status=ReportStatus.FAILED, pages=refused.pages, error=str(refused)
            )
            return "too_many_pages"
        except Exception as exc:  # a failed render is shown and retried, never lost silently
            logger.exception("Rapport %s kon niet worden gemaakt", report_id)
            Report.objects.filter(pk=report.pk).update(
                status=ReportStatus.FAILED, error=f"{type(exc).__name__}: {exc}"
            )
            return "failed"
        # The name is the report's own (`models.report_path`, keyed by its key): a file already
        # there was written by a render that was killed before its commit (the row is still
        # not rendered, and we hold its lock): this render replaces it, so the report keeps one
        # file (issue #17, a worker killed mid-render).
        name = report.file.field.generate_filename(report, filename)
        if report.file.storage.exists(name):
            report.file.storage.delete(name)
        report.file.save(filename, ContentFile(rendered.content), save=False)
        Report.objects.filter(pk=report.pk).update(
            file=report.file.name,
            pages=rendered.pages,
            status=ReportStatus.RENDERED,
            rendered_at=timezone.now(),
            render_count=F("render_count") + 1,
            error="",
        )
    return "rendered"
