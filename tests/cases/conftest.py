"""Fixtures shared by the tests of the cases app."""

from __future__ import annotations

import pytest

from cases.models import WorkshopDay
from cases.workshop_day import day_data, demo


@pytest.fixture
def day():
    """The demo workshop day, loaded as the demo loads it (its pages and API read it)."""
    demo.load_day()
    return WorkshopDay.objects.get(slug=day_data.SLUG)
