"""The grading page loads the JavaScript catalog before its autosave script (grading.js)."""

import re

import pytest
from django.urls import reverse

from assessment import services

pytestmark = pytest.mark.django_db


def test_the_grading_page_loads_the_catalog_before_its_script(attempt, assessor, client_for):
    grade = services.grade_start(attempt=attempt, by=assessor)
    page = client_for(assessor).get(reverse("assessment:grade", args=[grade.pk])).content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', page)
    grading = next(n for n, src in enumerate(scripts) if src.endswith("assessment/grading.js"))
    assert reverse("javascript-catalog") in scripts[:grading]
