"""The quality report of an exam form as a PDF (issue #15, item 7): the form, its blueprint
coverage, the item analysis with its chart and Cronbach's alpha, and the Angoff studies with
the adopted cut score. The page's presentation (`exam_form_presenters`), printed.

Rendered when asked, in the request, by the same `render_pdf` (WeasyPrint with the platform's
safe fetcher, the page limit) as the stored reports: a `Report` row names a grade or a
calculation version, and a kind for an exam form would need a migration.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from ..exam_form_presenters import form_quality, study_summary
from ..models import AngoffStatus, ExamForm
from .render import RenderedPdf, TooManyPages, render_pdf


def quality_context(form: ExamForm) -> dict[str, Any]:
    studies = form.angoff_studies.filter(status=AngoffStatus.CLOSED).order_by("-closed_at")
    return {
        "exam_form": form,
        "quality": form_quality(form),
        "studies": [study_summary(study) for study in studies],
        "organisation": form.cohort.organisation.name,
        "printed_at": timezone.now(),
    }


def quality_html(form: ExamForm) -> str:
    return render_to_string("assessment/reports/exam_form_quality.html", quality_context(form))


def render_quality(form: ExamForm) -> RenderedPdf:
    return render_pdf(quality_html(form))


def quality_pdf_response(request: HttpRequest, form: ExamForm) -> HttpResponse:
    try:
        rendered = render_quality(form)
    except TooManyPages as exc:
        return render(request, "assessment/report_refused.html", {"message": str(exc)}, status=400)
    response = HttpResponse(rendered.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="kwaliteitsrapport-{form.pk}.pdf"'
    return response
