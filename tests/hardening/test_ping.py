"""The load test's baseline view answers without touching the database or the session."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_ping_answers_pong_without_a_single_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("ping"))
    assert response.status_code == 200
    assert response.json() == {"pong": True}
    assert "sessionid" not in response.cookies
