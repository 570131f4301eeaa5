"""The queue API answers each row as its OutputSerializer would (the schema's shape), built
directly for speed (assessment.apis.queue_row_data, issue #17): checked on every queue of the
demo, which holds practice and exam attempts in every marking state, candidate codes,
allocations, moderations and released grades."""

import pytest
from django.contrib.auth import get_user_model

from assessment import selectors
from assessment.apis import AssessmentQueueApi, queue_row_data
from schadeplatform.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_every_demo_queue_row_is_answered_as_the_serializer_gives_it(demo):
    users = get_user_model().objects.filter(role=Role.ASSESSOR)
    rows_seen = 0
    exam_rows = 0
    for user in users:
        rows = selectors.assessment_queue(user)
        # when
        direct = [queue_row_data(row) for row in rows]
        # then
        assert direct == AssessmentQueueApi.OutputSerializer(rows, many=True).data
        rows_seen += len(rows)
        exam_rows += sum(1 for row in rows if row.exam)
    # and: the demo gave the comparison something to compare
    assert rows_seen >= 5 and exam_rows >= 1
