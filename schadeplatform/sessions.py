"""Database sessions (SESSION_ENGINE) that carry their user, read with a prepared query.

The same store as `django.contrib.sessions.backends.db`, so a session survives a Redis restart
and a logout deletes the one copy there is (docs/decisions.md, issue #17). Its model,
`accounts.UserSession`, holds the signed-in user's key as a column beside the encoded data
(written from the data on every save), so the read that every signed-in request makes (an
unexpired session by its key, "unexpired" by the database's clock, `Now()`, which all app
servers share) joins the user row too: one round trip where Django makes two. The user read
with the session is handed to the authentication backend (`user_read_with_session`), which
still decides, as Django's does, whether that user may be signed in; the session's auth hash
is still checked against the row by `django.contrib.auth.get_user`.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db.models.functions import Now

from .accounts.models import User, UserSession
from .prepared_queries import PreparedQuery


def _unexpired_session(session_key: str):
    return UserSession.objects.select_related("user").filter(
        session_key=session_key, expire_date__gt=Now()
    )


UNEXPIRED_SESSION = PreparedQuery(_unexpired_session)

# The user row of the session this request (this thread or task) loaded last, until the
# authentication backend takes it: set, or emptied, by every load, so it is never an earlier
# request's.
_READ_WITH_SESSION: ContextVar[User | None] = ContextVar("user_read_with_session", default=None)


def user_read_with_session(user_id: Any) -> User | None:
    """The user row read with the session just loaded, if it is `user_id`'s; taken once."""
    user = _READ_WITH_SESSION.get()
    if user is None:
        return None
    _READ_WITH_SESSION.set(None)
    return user if str(user.pk) == str(user_id) else None


def user_key(value: Any) -> int | None:
    """A session's `_auth_user_id` (text) as the user's key (None: nobody, or no valid key);
    the session's column and the authentication backend both take it from here."""
    if value is None:
        return None
    try:
        return User._meta.pk.to_python(value)
    except ValidationError:
        return None


class SessionStore(db.SessionStore):
    @classmethod
    def get_model_class(cls):
        return UserSession

    def create_model_instance(self, data: dict[str, Any]) -> UserSession:
        session = super().create_model_instance(data)
        session.user_id = user_key(data.get(SESSION_KEY))
        return session

    def _get_session_from_db(self):
        _READ_WITH_SESSION.set(None)
        try:
            session = UNEXPIRED_SESSION.get(self.session_key)
        except (UserSession.DoesNotExist, SuspiciousOperation) as exc:
            if isinstance(exc, SuspiciousOperation):
                logging.getLogger(f"django.security.{exc.__class__.__name__}").warning(str(exc))
            self._session_key = None
            return None
        _READ_WITH_SESSION.set(session.user)
        return session
