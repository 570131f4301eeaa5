"""The one exception the engine raises for input it refuses (calculation-spec §4)."""

from __future__ import annotations


class InputError(Exception):
    """Refused input, with every problem found at once.

    `errors` is a list of `{"path": ..., "message": ...}`: `path` names the field as in
    `lines[3].unit_price` (`""` for the whole document), `message` says in Dutch what is wrong.
    """

    def __init__(self, errors: list[dict[str, str]]) -> None:
        self.errors = errors
        first = errors[0] if errors else {"path": "", "message": ""}
        more = f" (+{len(errors) - 1} meer)" if len(errors) > 1 else ""
        super().__init__(f"{first['path'] or '<invoer>'}: {first['message']}{more}")
