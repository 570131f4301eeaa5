"""One JSON reader and one set of limits for every way JSON comes in: the API's parser
(`schadeplatform.api_parsers`) and the calculation editor's form without JavaScript (its hidden
field `lines_json`), so that neither stores what no database can hold (the history is in
docs/decisions.md, "Why the guards exist").

Refused, with a Dutch message and the path of the field:
- text larger than `MAX_JSON_BYTES`;
- nesting deeper than calcengine's `MAX_DEPTH` (64). Python's reader alone stops at about a
  thousand levels, but data nested just under that overflowed the stack later, when Django
  wrote it to a JSON column (a 500 on save); no body of this platform nests more than a handful;
- NaN, Infinity and numbers too large for a float (`1e999` reads as infinity): PostgreSQL's
  `jsonb` refuses them, and no amount in the contract comes near;
- NUL (`\\u0000`) and half of a surrogate pair (`\\ud800`) in any key or string: Python reads both,
  PostgreSQL refuses them in text and `jsonb`, and a lone surrogate cannot even be written out as
  UTF-8 (SQLite stored it, then every page showing it failed).

The walks are iterative, so no input can make this module itself run out of stack.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from calcengine.jsonio import MAX_DEPTH

# The largest honest body: a draft of the engine's most lines (2,000) with 200-character
# descriptions of emoji written as JSON escapes (12 bytes each) is about 5.5 MB.
MAX_JSON_BYTES = 8_000_000

# NUL and the UTF-16 surrogates: characters no UTF-8 text column can store.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class JsonRefused(Exception):
    """The JSON cannot be taken; `errors` is a list of `{"path", "message"}` in Dutch."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def _error(path: str, message: str) -> JsonRefused:
    return JsonRefused([{"path": path, "message": message}])


def too_deep_message() -> str:
    return _("De JSON is te diep genest.")


def _refuse_constant(literal: str) -> Any:
    raise _NotANumber(literal)


class _NotANumber(ValueError):
    pass


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _NotANumber(literal)
    return value


def loads(raw: str | bytes, *, path: str = "") -> Any:
    """Parse JSON text and check it with `check` (below); raises `JsonRefused`.

    `path` names the field the text came from (the form's `lines_json`); the API passes none.
    """
    if isinstance(raw, bytes | bytearray):
        if len(raw) > MAX_JSON_BYTES:
            raise _error(path, _too_large_message())
        try:
            text = bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            raise _error(path, _("De JSON is geen geldige UTF-8-tekst.")) from None
    else:
        text = raw
        if len(text) > MAX_JSON_BYTES // 4 and (
            len(text.encode("utf-8", "surrogatepass")) > MAX_JSON_BYTES
        ):
            raise _error(path, _too_large_message())
    try:
        data = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except _NotANumber as exc:
        raise _error(
            path,
            _("%(value)s is geen getal dat kan worden opgeslagen.") % {"value": str(exc)[:20]},
        ) from None
    except RecursionError:
        # Python's reader recurses once per level and stops at about a thousand; shallower
        # nesting over the limit is refused by `check` below, walking iteratively.
        raise _error(path, too_deep_message()) from None
    except json.JSONDecodeError as exc:
        message = _("Dit is geen geldige JSON (regel %(line)s, kolom %(column)s).") % {
            "line": exc.lineno,
            "column": exc.colno,
        }
        raise _error(path, message) from None
    except ValueError:
        # int() refusing a literal of more than 4,300 digits.
        raise _error(path, _("Dit getal is te lang om te lezen.")) from None
    # Every float was read by `_finite_float`, so of `check` only the depth and the unstorable
    # text are left, and a parsed string can hold an unstorable character only when the text
    # does or spells one as a \u escape: an autosave's body is walked once, not three times.
    if "\\u" in text or UNSTORABLE.search(text) is not None:
        check(data, path=path)
    elif _may_nest_deeper_than_the_limit(text) and depth(data) > MAX_DEPTH:
        raise _error(path, too_deep_message())
    return data


def _may_nest_deeper_than_the_limit(text: str) -> bool:
    """Whether `text` has more opening brackets than MAX_DEPTH: each level of nesting opens one,
    so text with fewer cannot nest deeper (brackets inside strings only add to the count). An
    autosave of up to 60 lines is then not walked at all."""
    return text.count("[") + text.count("{") > MAX_DEPTH


def check(data: Any, *, path: str = "") -> None:
    """Refuse already-parsed data that no database column can hold (depth, unstorable text,
    non-finite numbers): for data assembled after parsing, such as the form's typed values."""
    if depth(data) > MAX_DEPTH:
        raise _error(path, too_deep_message())
    errors = [
        {"path": where, "message": unstorable_message(character)}
        for where, character in unstorable_paths(data, path)
    ]
    errors += [
        {"path": where, "message": _("Dit getal kan niet worden opgeslagen.")}
        for where in non_finite_paths(data, path)
    ]
    if errors:
        raise JsonRefused(errors)


def unstorable_message(character: str) -> str:
    return _("Deze tekst bevat een teken dat niet kan worden opgeslagen (U+%(code)04X).") % {
        "code": ord(character)
    }


def _too_large_message() -> str:
    return _("De JSON is groter dan %(size)s MB.") % {"size": MAX_JSON_BYTES // 1_000_000}


def depth(data: Any) -> int:
    """How deep objects and arrays nest in `data` (a scalar is depth 0)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level + 1)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def _walk(data: Any, path: str) -> Iterator[tuple[str, Any, bool]]:
    """(path, value, is_key) for every key and scalar in `data`, in document order."""
    stack: list[tuple[str, Any, Any]] = [(path, data, None)]
    while stack:
        where, item, key = stack.pop()
        if key is not None:
            yield where, key, True
        if isinstance(item, dict):
            stack.extend(
                reversed(
                    [(f"{where}.{k}" if where else str(k), value, k) for k, value in item.items()]
                )
            )
        elif isinstance(item, list):
            stack.extend(reversed([(f"{where}[{i}]", value, None) for i, value in enumerate(item)]))
        else:
            yield where, item, False


def unstorable_paths(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, character) for every key or string in `data` holding an unstorable character.

    A path that holds such a character in a key is written with backslash escapes, so the
    answer itself can be encoded; the value under such a key is not looked at again."""
    bad_keys: set[str] = set()
    for where, value, is_key in _walk(data, path):
        if not isinstance(value, str) or any(
            where == bad or where.startswith((bad + ".", bad + "[")) for bad in bad_keys
        ):
            continue
        found = UNSTORABLE.search(value)
        if found:
            if is_key:
                bad_keys.add(where)
            yield _escaped(where), found.group()


def _escaped(path: str) -> str:
    """`path` with every unstorable character written as a \\uXXXX escape (a key may hold one)."""
    return UNSTORABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", path)


def non_finite_paths(data: Any, path: str = "") -> Iterator[str]:
    for where, value, is_key in _walk(data, path):
        if not is_key and isinstance(value, float) and not math.isfinite(value):
            yield _escaped(where)


def storable_text(text: str) -> str:
    """`text` with every unstorable character replaced by U+FFFD, to show a refused form back."""
    return UNSTORABLE.sub("\ufffd", text)
