"""The calibration demo (issue #15, item 2): a current and a past exam period, a published set
of the five delivered demo attempts graded by two (three) assessors, loaded idempotently; a new
user opens each page."""

import datetime as dt

import pytest
from django.urls import reverse

from assessment import calibration
from assessment.demo_calibration import CURRENT, PAST, SET_TITLE
from assessment.models import CalibrationSet, ExamPeriod
from schadeplatform.accounts.models import User

pytestmark = pytest.mark.django_db

DEMO_DAY = dt.date(2026, 12, 6)


def test_the_demo_calibrates_the_three_markers_and_not_the_coordinator(demo, client_for):
    assert "Kalibratie niet gelukt" not in demo, demo
    current = ExamPeriod.objects.get(name=CURRENT[0])
    past = ExamPeriod.objects.get(name=PAST[0])
    assert calibration.current_period(DEMO_DAY) == current
    demo_set = CalibrationSet.objects.get(title=SET_TITLE)
    assert demo_set.published and demo_set.items.count() >= 5
    user = {
        name: User.objects.get(username=name)
        for name in ("beoordelaar1", "beoordelaar2", "beoordelaar3", "coordinator1")
    }
    assert calibration.is_calibrated(user["beoordelaar1"], on=DEMO_DAY)
    assert calibration.is_calibrated(user["beoordelaar3"], on=DEMO_DAY)
    assert calibration.is_calibrated(user["beoordelaar2"], on=DEMO_DAY)
    assert not calibration.is_calibrated(user["coordinator1"], on=DEMO_DAY)
    assert calibration.calibrated_in(user["coordinator1"], past)  # expired

    # a new user opens each page
    assessor = client_for(user["beoordelaar1"])
    assert assessor.get(reverse("assessment:calibration")).status_code == 200
    page = assessor.get(reverse("assessment:calibration_set", args=[demo_set.pk]))
    assert page.status_code == 200
    item = demo_set.items.order_by("position").first()
    assert assessor.get(reverse("assessment:calibration_item", args=[item.pk])).status_code == 200
    board = client_for(User.objects.get(username="examencommissie1"))
    assert board.get(reverse("assessment:calibration_manage")).status_code == 200
    overview = board.get(reverse("assessment:calibration_period", args=[current.pk]))
    statuses = {s.assessor.username: s.calibrated for s in overview.context["statuses"]}
    assert statuses["beoordelaar1"] and statuses["beoordelaar2"] and statuses["beoordelaar3"]
    assert not statuses["coordinator1"]
