"""The API's JSON parser: DRF's, refusing text that no database column can hold, and JSON nested
too deep to read (a 500 before).

JSON may carry a NUL character (`\\u0000`) or half of a surrogate pair (`\\ud800`): Python reads
both, but PostgreSQL refuses them in text and in `jsonb` and the request would end in a 500. They
are refused here, before any view sees them, with the path of every field that holds one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers

# NUL and the UTF-16 surrogates: characters no UTF-8 text column can store.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable_paths(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, character) for every key or string in `data` holding an unstorable character."""
    if isinstance(data, str):
        found = UNSTORABLE.search(data)
        if found:
            yield path, found.group()
    elif isinstance(data, dict):
        for key, value in data.items():
            child = f"{path}.{key}" if path else str(key)
            found = UNSTORABLE.search(key)
            if found:
                yield child.encode("utf-8", "backslashreplace").decode(), found.group()
            else:
                yield from unstorable_paths(value, child)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from unstorable_paths(item, f"{path}[{index}]")


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
            refused = {
                path: [
                    _("Deze tekst bevat een teken dat niet kan worden opgeslagen (U+%(code)04X).")
                    % {"code": ord(character)}
                ]
                for path, character in unstorable_paths(data)
            }
        except RecursionError:
            # Python's JSON reader (and the walk above) stop at about a thousand levels; no
            # body of this API nests more than a handful.
            raise exceptions.ParseError(_("De JSON is te diep genest.")) from None
        if refused:
            raise exceptions.ValidationError(refused)
        return data
