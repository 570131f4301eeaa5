"""The one shape of a refused action in the assessment app: a Dutch message and `errors` in the
API's `{"path", "message"}` form; `http_status` is what an API answers for it.

The services, calibration, exam forms and double marking each refuse with their own subclass
(so each caller catches only what its own writes raise); the APIs answer all of them through
`assessment.apis.error_response`.
"""

from __future__ import annotations


class Refused(Exception):
    """A refused action. Either a message (and the path of the field it concerns) or the full
    list of `errors`."""

    http_status = 400

    def __init__(
        self, message: str = "", path: str = "", errors: list[dict[str, str]] | None = None
    ):
        self.errors = errors or [{"path": path, "message": message}]
        super().__init__(message or self.errors[0]["message"])


class Forbidden(Refused):
    """The user may not do this at all (API: 403; pages show 404 where the object is hidden)."""

    http_status = 403
