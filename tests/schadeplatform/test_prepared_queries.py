"""Prepared queries (schadeplatform/prepared_queries.py): the same rows and instances as the
queryset they were composed from, for every visibility shape; a query that cannot be prepared
safely is refused; the session and the user of a request are read with them, and a session
that expired or was logged out is not read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cases.calculations import selectors
from cases.models import Attempt
from schadeplatform.accounts.backends import USER_BY_PK, UserBackend
from schadeplatform.accounts.models import Role
from schadeplatform.accounts.models import UserSession as Session
from schadeplatform.prepared_queries import PreparedQuery
from schadeplatform.sessions import UNEXPIRED_SESSION
from tests.factories.cases import AttemptFactory

pytestmark = pytest.mark.django_db


def _fields(instance) -> dict:
    return {k: v for k, v in vars(instance).items() if k != "_state"}


def _orm_attempt(user, pk):
    return selectors._attempts_for_editor(user, selectors._API_RELATED, selectors._API_FIELDS).get(
        pk=pk
    )


@pytest.fixture
def attempt(trainee, cohort):
    return AttemptFactory(trainee=trainee)


@pytest.fixture
def outsider_attempt(outsider_trainee, other_cohort):
    return AttemptFactory(trainee=outsider_trainee)


def test_the_prepared_attempt_is_the_querysets_for_each_who_may_see_it(
    attempt, trainee, assessor, admin_user
):
    for user in (trainee, assessor, admin_user, trainee):  # the trainee's shape again, cached
        # when
        prepared = selectors.attempt_for_calculation_view(user, attempt.pk)
        # then: the same columns, the same related objects, the same deferred fields
        expected = _orm_attempt(user, attempt.pk)
        assert _fields(prepared) == _fields(expected)
        assert _fields(prepared.case_version) == _fields(expected.case_version)
        assert _fields(prepared.cohort) == _fields(expected.cohort)
        assert prepared.get_deferred_fields() == expected.get_deferred_fields()
        assert prepared._state.adding is False and prepared._state.db == "default"


def test_the_prepared_attempt_and_draft_reads_the_draft_or_an_unsaved_one(attempt, trainee):
    # given: no draft yet
    _, draft = selectors.attempt_and_draft_for_calculation_view(trainee, attempt.pk)
    assert draft.pk is None and draft.version == 0
    # when: one is saved
    from cases.calculations import services

    services.draft_save(attempt=attempt, lines=[], expected_version=0, by=trainee)
    # then: the same prepared query now brings it along
    _, draft = selectors.attempt_and_draft_for_calculation_view(trainee, attempt.pk)
    assert draft.pk is not None and draft.version == 1


def test_whoever_may_not_see_the_attempt_is_told_it_does_not_exist(
    attempt, outsider_attempt, trainee, other_trainee, outsider_assessor, editor, assessor
):
    refused = [
        (other_trainee, attempt),  # a colleague in the same cohort
        (outsider_assessor, attempt),  # an assessor of another organisation
        (editor, attempt),  # an editor sees no trainee work (`.none()`)
        (assessor, outsider_attempt),  # the cohort's assessor, not this cohort's attempt
        (trainee, outsider_attempt),
    ]
    for user, other in refused:
        with pytest.raises(Attempt.DoesNotExist):
            selectors.attempt_for_calculation_view(user, other.pk)
    # and: a number no key column holds is "does not exist", not a database error
    with pytest.raises(Attempt.DoesNotExist):
        selectors.attempt_for_calculation_view(trainee, 2**63 + 5)


def test_a_prepared_get_is_one_query(attempt, trainee, django_assert_num_queries):
    selectors.attempt_for_calculation_view(trainee, attempt.pk)  # composed
    with django_assert_num_queries(1):
        selectors.attempt_for_calculation_view(trainee, attempt.pk)


def test_a_prepared_list_is_the_querysets_rows_in_its_order_for_each_shape(
    attempt, outsider_attempt, trainee, assessor, admin_user, editor, django_assert_num_queries
):
    # given: the assessors' queue, a list in the queryset's order (`assessment.selectors`)
    from assessment.selectors import _QUEUE_ATTEMPTS, _queue_queryset

    more = [AttemptFactory(trainee=trainee) for _ in range(3)]
    for number, each in enumerate([attempt, outsider_attempt, *more]):
        Attempt.objects.filter(pk=each.pk).update(
            submitted_at=timezone.now() - dt.timedelta(hours=number)
        )
    for user in (assessor, admin_user, trainee, editor, assessor):  # the first shape again
        # when
        prepared = _QUEUE_ATTEMPTS.all(user)
        # then: the same rows in the same order, each with the same columns and related rows
        expected = list(_queue_queryset(user))
        assert [a.pk for a in prepared] == [a.pk for a in expected]
        for mine, theirs in zip(prepared, expected, strict=True):
            assert _fields(mine) == _fields(theirs)
            assert _fields(mine.trainee) == _fields(theirs.trainee)
            assert _fields(mine.cohort) == _fields(theirs.cohort)
    # and: the assessor sees the cohort's four, newest submission last; no one else's
    assert [a.pk for a in _QUEUE_ATTEMPTS.all(assessor)] == [
        a.pk for a in reversed([attempt, *more])
    ]
    # and: composed, it is one query
    with django_assert_num_queries(1):
        _QUEUE_ATTEMPTS.all(assessor)


def test_a_prepared_query_does_not_prefetch(trainee):
    prepared = PreparedQuery(
        lambda user: Attempt.objects.filter(trainee=user).prefetch_related("grades")
    )
    with pytest.raises(ImproperlyConfigured, match="cannot prefetch"):
        prepared.all(trainee)


def test_a_parameter_from_the_clock_is_refused():
    # given: a query whose value is not one of its arguments
    prepared = PreparedQuery(
        lambda key: Session.objects.filter(session_key=key, expire_date__gt=timezone.now())
    )
    # then: it is not frozen into the prepared SQL
    with pytest.raises(ImproperlyConfigured, match="not one of the arguments"):
        prepared.get("x" * 32)


def test_an_argument_converted_on_the_way_is_refused(trainee):
    # given: the user's key as text (the ORM turns it into a number), on a query not yet composed
    prepared = PreparedQuery(USER_BY_PK.build)
    # then
    with pytest.raises(ImproperlyConfigured, match="not the arguments as they are"):
        prepared.get(str(trainee.pk))
    # and: once composed, the tests' check catches the text where the number belongs
    prepared.get(trainee.pk)
    with pytest.raises(AssertionError, match="no longer matches"):
        prepared.get(str(trainee.pk))


def test_sql_that_depends_on_a_value_must_name_it_as_its_shape(trainee):
    # given: a query whose form depends on the argument, without a shape
    prepared = PreparedQuery(
        lambda pk: get_user_model().objects.filter(Q(pk=pk) if pk < 1_000_000 else Q(pk__gt=pk))
    )
    # then: refused while composing (the perturbed copy gives other SQL)
    with pytest.raises(ImproperlyConfigured, match="name it in `shape`"):
        prepared.get(trainee.pk)


def test_the_tests_check_every_call_against_its_queryset(trainee, assessor):
    # given: a shape that forgets the role, on which the rule's SQL depends
    prepared = PreparedQuery(
        lambda user: get_user_model().objects.filter(
            pk=user.pk, role=Role.TRAINEE if user.role == Role.TRAINEE else Role.ASSESSOR
        ),
    )
    assert prepared.get(trainee) == trainee
    # then: the second shape, served from the first one's SQL, is caught in the tests
    with override_settings(PREPARED_QUERIES_VERIFY=True), pytest.raises(AssertionError):
        prepared.get(assessor)


def test_the_user_backend_reads_the_user_by_the_sessions_key(trainee):
    backend = UserBackend()
    assert backend.get_user(str(trainee.pk)) == trainee
    assert backend.get_user(trainee.pk) == trainee
    assert backend.get_user("not a number") is None
    assert backend.get_user(str(2**63 + 1)) is None
    # an inactive user is not signed in, as with Django's ModelBackend
    trainee.is_active = False
    trainee.save(update_fields=["is_active"])
    assert backend.get_user(str(trainee.pk)) is None


def test_an_expired_session_is_not_read(client, trainee):
    # given: a signed-in trainee
    client.force_login(trainee)
    assert client.get(reverse("accounts:start")).status_code in (200, 302)
    key = client.cookies["sessionid"].value
    assert UNEXPIRED_SESSION.get(key).session_key == key
    # when: the session expires in the database
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    # then: it is not read, and the API answers as to a visitor
    with pytest.raises(Session.DoesNotExist):
        UNEXPIRED_SESSION.get(key)
    response = client.get(reverse("api:cases_api:attempt-list"))
    assert response.status_code in (401, 403)


def test_a_logged_out_session_is_gone_for_the_next_request(client, trainee, attempt):
    # given: a trainee reading their calculation
    client.force_login(trainee)
    url = reverse("api:cases_api:calc-draft", kwargs={"pk": attempt.pk})
    assert client.get(url).status_code == 200
    cookie = client.cookies["sessionid"].value
    # when: they log out, and the old cookie is sent again
    client.post(reverse("accounts:logout"))
    client.cookies["sessionid"] = cookie
    # then
    assert client.get(url).status_code in (401, 403)
