"""Search text as the search backends can take it.

Wagtail's database search backend on SQLite (modelsearch) wraps every term in double quotes for
FTS5 without escaping the quotes inside it: a search for `"` or `a"b` ended in "unterminated
string", a 500 from the site search and the pages API. A double quote means nothing to a plain
text search, so it becomes a space. (NUL never gets this far: `schadeplatform.input_guard`.)
"""

from __future__ import annotations

SEARCH_OPERATORS = ("and", "or")


def search_text(query: str) -> str:
    return query.replace('"', " ")
