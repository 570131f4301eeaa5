"""Fixed messages translated once per language and process.

Django looks a message up in each catalog of the active language until one holds it, so a
message that no catalog translates (the platform's own Dutch text, shown in Dutch) is looked for
in all of them: 21 catalogs for `nl`, about 4 µs a message. That is nothing once per page, but a
list that says one of a few things on each of its rows (the assessors' queue: a state per
attempt, hundreds per request) asks for the same words over and over (issue #17). The catalogs
do not change while a process runs, so the translation of a message in a language does not
either: `translated` keeps it.

Mark such a message with `gettext_noop` where it is written, so that `makemessages` finds it.
"""

from __future__ import annotations

import functools

from django.utils import translation


@functools.lru_cache(maxsize=1024)
def _translation(language: str | None, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def translated(message: str) -> str:
    """`gettext(message)` in the active language, looked up once per language."""
    return _translation(translation.get_language(), message)
