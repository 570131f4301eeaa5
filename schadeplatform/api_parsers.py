"""The API's JSON parser: DRF's place for it, reading through the platform's one JSON guard
(`schadeplatform.json_guard`), which the calculation editor's form uses too.

Refused with 400: a body too large or nested too deep, NaN/Infinity, and text that no database
column can hold (NUL, half a surrogate pair), the last with the path of every field holding one.
"""

from __future__ import annotations

from rest_framework import exceptions, parsers

from . import json_guard

# Kept importable from here: tests and older callers name it so.
unstorable_paths = json_guard.unstorable_paths


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        # One byte more than the limit is enough to know the body is too large.
        raw = stream.read(json_guard.MAX_JSON_BYTES + 1) if stream is not None else b""
        try:
            return json_guard.loads(raw)
        except json_guard.JsonRefused as refused:
            if len(refused.errors) == 1 and not refused.errors[0]["path"]:
                raise exceptions.ParseError(refused.errors[0]["message"]) from None
            detail: dict[str, list[str]] = {}
            for error in refused.errors:
                detail.setdefault(error["path"], []).append(error["message"])
            raise exceptions.ValidationError(detail) from None
