"""The exam board opens the demo's exam form (issue #15, done-when): coverage, item analysis
with its chart, the Angoff study with its result; at 390 px the pages do not scroll sideways."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.e2e.flows import login_as

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_exam_board_opens_the_demo_exam_form_at_390_px(page, demo_data, shot):
    from assessment.demo_exam_forms import COHORT
    from assessment.models import ExamForm

    form = ExamForm.objects.get(cohort__name=COHORT)
    page.set_viewport_size({"width": 390, "height": 844})
    login_as(page, "examencommissie1")
    page.goto(reverse("assessment:exam_form_list"))
    page.get_by_role("link", name="Golf").first.click()
    expect(page.get_by_role("heading", name="Dekking van de toetsmatrijs")).to_be_visible()
    expect(page.locator("table.item-analysis tbody tr")).not_to_have_count(0)
    expect(page.locator("svg.chart")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    )
    shot("form-390")
    page.goto(reverse("assessment:angoff_study", args=[form.cut_score_study_id]))
    expect(page.locator("#angoff-cut-score")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    )
    shot("angoff-390")
