"""Database sessions (SESSION_ENGINE), read with a prepared query.

The same store as `django.contrib.sessions.backends.db`, so a session survives a Redis restart
and a logout deletes the one copy there is (docs/decisions.md, issue #17). Only the read that
every signed-in request makes is prepared (`schadeplatform.prepared_queries`): an unexpired
session by its key, "unexpired" by the database's clock (`Now()`), which all app servers share.
"""

from __future__ import annotations

import logging

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.core.exceptions import SuspiciousOperation
from django.db.models.functions import Now

from .prepared_queries import PreparedQuery


def _unexpired_session(session_key: str):
    return Session.objects.filter(session_key=session_key, expire_date__gt=Now())


UNEXPIRED_SESSION = PreparedQuery(_unexpired_session)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        try:
            return UNEXPIRED_SESSION.get(self.session_key)
        except (Session.DoesNotExist, SuspiciousOperation) as exc:
            if isinstance(exc, SuspiciousOperation):
                logging.getLogger(f"django.security.{exc.__class__.__name__}").warning(str(exc))
            self._session_key = None
            return None
