"""Sessions carry their user (accounts.UserSession, schadeplatform/sessions.py): a signed-in
request reads its session and user in one query, and everything Django's own two reads decide
still holds: a deactivated user, a changed password, a logout, a deleted user."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schadeplatform.accounts.models import UserSession
from schadeplatform.sessions import SessionStore, user_read_with_session
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

API = "api:cases_api:attempt-list"


def session_of(client) -> UserSession:
    return UserSession.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_a_sign_in_writes_its_user_beside_the_session_and_a_logout_deletes_it(client, trainee):
    client.force_login(trainee)
    session = session_of(client)
    assert session.user_id == trainee.pk
    assert session.get_decoded()["_auth_user_id"] == str(trainee.pk)
    client.post(reverse("accounts:logout"))
    assert not UserSession.objects.filter(pk=session.pk).exists()


def test_a_visitors_session_has_no_user():
    store = SessionStore()
    store["taal"] = "nl"
    store.create()
    assert UserSession.objects.get(pk=store.session_key).user_id is None


def test_a_signed_in_request_reads_its_session_and_user_in_one_query(client, trainee):
    client.force_login(trainee)
    assert client.get(reverse(API)).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/ping/").status_code == 200  # asks for the user (idle timeout)
    assert len(queries) == 1
    sql = queries[0]["sql"]
    assert UserSession._meta.db_table in sql and trainee._meta.db_table in sql


def test_a_deactivated_user_is_signed_out_at_the_next_request(client, trainee):
    client.force_login(trainee)
    assert client.get(reverse(API)).status_code == 200
    type(trainee).objects.filter(pk=trainee.pk).update(is_active=False)
    assert client.get(reverse(API)).status_code in (401, 403)


def test_a_password_changed_elsewhere_ends_the_session(client, trainee):
    client.force_login(trainee)
    assert client.get(reverse(API)).status_code == 200
    trainee.set_password("een-heel-ander-wachtwoord-2026")
    trainee.save()
    assert client.get(reverse(API)).status_code in (401, 403)


def test_deleting_a_user_deletes_their_sessions(client):
    user = UserFactory()
    client.force_login(user)
    key = session_of(client).pk
    user.delete()
    assert not UserSession.objects.filter(pk=key).exists()


def test_the_session_data_decides_who_is_signed_in_not_the_column(client, trainee):
    # given: a session whose user column names someone else (as a stale or tampered row would)
    client.force_login(trainee)
    other = UserFactory()
    UserSession.objects.filter(pk=session_of(client).pk).update(user=other)
    # then: the request is the trainee's, as the session's data says
    response = client.get(reverse("accounts:start"))
    assert response.wsgi_request.user == trainee


def test_the_user_read_with_a_session_is_handed_over_once_and_only_for_its_key(client, trainee):
    client.force_login(trainee)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    SessionStore(key).load()
    assert user_read_with_session(trainee.pk + 1) is None  # another key: not handed over...
    assert user_read_with_session(trainee.pk) is None  # ...and not kept
    SessionStore(key).load()
    assert user_read_with_session(str(trainee.pk)) == trainee
    assert user_read_with_session(trainee.pk) is None
    SessionStore(key).load()
    SessionStore("x" * 32).load()  # loading a session that does not exist empties it
    assert user_read_with_session(trainee.pk) is None
