"""The exception the catalogue raises for an unknown vehicle, part, work code or rate set."""

from __future__ import annotations


class CatalogueError(LookupError):
    """A lookup or a prefill request the catalogue cannot answer; the message is in Dutch.

    A `LookupError` (like `KeyError`) so that callers treating "not found" generically still
    catch it, but with a readable message instead of `KeyError`'s quoted key.
    """
