"""The model backend that takes the signed-in user as read with the request's session, or else
reads it with a prepared query."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from schadeplatform.prepared_queries import PreparedQuery
from schadeplatform.sessions import user_key, user_read_with_session


def _user_by_pk(pk: int):
    return get_user_model()._default_manager.filter(pk=pk)


USER_BY_PK = PreparedQuery(_user_by_pk)


class UserBackend(ModelBackend):
    """Django's ModelBackend (passwords, permissions, `is_active`); `get_user` as Django's, with
    the query composed once (schadeplatform/prepared_queries.py)."""

    def get_user(self, user_id: Any):
        # Read with the request's session, in the same query (schadeplatform/sessions.py).
        user = user_read_with_session(user_id)
        if user is None:
            pk = user_key(user_id)
            if pk is None:
                return None
            try:
                user = USER_BY_PK.get(pk)
            except get_user_model().DoesNotExist:
                return None
        return user if self.user_can_authenticate(user) else None


# What `login(..., backend=...)` names, for a sign-in that did not pass `authenticate`.
USER_BACKEND = f"{UserBackend.__module__}.{UserBackend.__qualname__}"
