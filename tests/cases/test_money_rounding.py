"""Where the platform rounds money itself it rounds half up to the cent with the engine's
`round2` (style rule 4), never with the context's banker's rounding (issue #13, item 5)."""

from decimal import Decimal

import pytest

from calcengine import round2
from cases import workflow as wf
from cases.timeline import EventKind
from tests.factories.cases import AttemptFactory

pytestmark = pytest.mark.django_db


def test_a_first_estimate_of_a_half_cent_is_rounded_half_up(trainee):
    # given: a service caller (not the form, which allows two decimals) passes a half cent;
    # the context's half-even rounding would give 850.12
    attempt = AttemptFactory(trainee=trainee)

    # when
    wf.attempt_record_first_estimate(
        attempt=attempt, by=trainee, amount=Decimal("850.125"), repair_days=3
    )

    # then
    attempt.refresh_from_db()
    assert attempt.estimate_amount == Decimal("850.13") == round2(Decimal("850.125"))
    event = attempt.events.filter(kind=EventKind.FIRST_ESTIMATE_RECORDED).get()
    assert event.data["amount"] == "850.13"
