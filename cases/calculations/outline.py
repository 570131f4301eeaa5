"""The zones of the vehicle outline (a top view), the zones offered as a list beside it, and the
exploded view of one zone's parts.

The drawings are `templates/cases/partials/calc_outline.svg.html` and `calc_exploded.svg.html`;
this module names which zone each clickable area stands for, so the templates, the no-JS links,
the script and the tests agree.

The catalogue (`calcengine.catalogue`, which owns the zone codes) lists the doors, sills, pillars
and mirrors of both sides under one zone, `side` ("Zijkant"). A calculation program shows the
left and the right side separately, so the editor splits that zone into two views, `left` and
`right`, by the side a part's catalogue name gives ("Portier links voor"). The stored zone codes
stay the catalogue's (an intake's `damage_zones`, a case's expected zones): `left` and `right`
are editor views only, and `?zone=side` still shows both sides, so old links keep working.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _

from calcengine.catalogue import ZONE_NAMES, ZONES

SIDE_ZONE = "side"
LEFT, RIGHT = "left", "right"
# The editor's views of the catalogue's zones: each view code → (catalogue zone, side or None).
ZONE_VIEWS: dict[str, tuple[str, str | None]] = {
    **{zone: (zone, None) for zone in ZONES},
    LEFT: (SIDE_ZONE, LEFT),
    RIGHT: (SIDE_ZONE, RIGHT),
}
VIEW_NAMES = {
    **{zone: _(name) for zone, name in ZONE_NAMES.items()},
    LEFT: _("Linkerzijde"),
    RIGHT: _("Rechterzijde"),
}
# Zones drawn on the top view (left and right instead of the merged side); interior and
# mechanical parts cannot be seen from above.
OUTLINE_VIEWS = (
    "front",
    LEFT,
    RIGHT,
    "rear",
    "roof",
    "glass",
)
OUTLINE_ZONES = [{"zone": z, "name": VIEW_NAMES[z]} for z in OUTLINE_VIEWS]
# `side` stays in the list: both sides at once, as the catalogue and an intake name them.
LIST_ZONES = [{"zone": z, "name": VIEW_NAMES[z]} for z in ("interior", "mechanical", SIDE_ZONE)]

# A catalogue name gives the side as a word ("Portier links voor", "Dorpel rechts").
_SIDE_WORDS = {LEFT: re.compile(r"\blinks\b", re.I), RIGHT: re.compile(r"\brechts\b", re.I)}


def part_side(name: str) -> str | None:
    """`left`, `right` or `None` (a part with no side, or both) from the part's catalogue name.

    The catalogue has no side field; its names follow the calculation programs' convention of
    writing the side in the name. A side-zone part that names no side (a fuel flap, whose side
    differs per model) is shown on both sides, so it is found whichever side is clicked.
    """
    found = [side for side, word in _SIDE_WORDS.items() if word.search(name)]
    return found[0] if len(found) == 1 else None


def is_view(value: str | None) -> bool:
    return value in ZONE_VIEWS


def parts_of_view(zones: list[dict[str, Any]], view: str) -> list[dict[str, Any]]:
    """The parts (catalogue `part_dict`s) that the zone view `view` shows, in catalogue order."""
    zone, side = ZONE_VIEWS[view]
    group = next((g for g in zones if g["zone"] == zone), None)
    if group is None:
        return []
    if side is None:
        return list(group["parts"])
    return [p for p in group["parts"] if part_side(p["name"]) in (side, None)]


def zone_views(zones: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every view (the catalogue's zones plus left and right) with its name and parts."""
    views = []
    for view in ZONE_VIEWS:
        parts = parts_of_view(zones, view)
        views.append(
            {
                "zone": view,
                "name": str(VIEW_NAMES[view]),
                "parts": parts,
                "exploded": exploded_view(parts),
            }
        )
    return views


# The exploded view: a zone's parts drawn apart as labelled panels around where they sit. Parts
# are ordered front to back ("voor" before "achter") and laid out in columns; the drawing's
# size follows the number of parts.
EXPLODED_COLUMNS = 3
_TILE_W, _TILE_H, _GAP, _PAD = 200, 46, 12, 10
_LABEL_MAX = 30
_ORDER_WORDS = ((re.compile(r"\bvoor\b", re.I), 0), (re.compile(r"\bachter\b", re.I), 2))


def _front_to_back(part: dict[str, Any]) -> int:
    for word, rank in _ORDER_WORDS:
        if word.search(part["name"]):
            return rank
    return 1


def exploded_view(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """The parts of one zone view placed for `calc_exploded.svg.html`: each with its tile's
    position, front to back and then in catalogue order (a stable sort)."""
    ordered = sorted(parts, key=_front_to_back)
    tiles = []
    for n, part in enumerate(ordered):
        column, row = n % EXPLODED_COLUMNS, n // EXPLODED_COLUMNS
        x = _PAD + column * (_TILE_W + _GAP)
        y = _PAD + row * (_TILE_H + _GAP)
        name = part["name"]
        tiles.append(
            {
                "code": part["code"],
                "name": name,
                # What fits on the tile; the full name is the shape's title.
                "label": name if len(name) <= _LABEL_MAX else name[: _LABEL_MAX - 1] + "…",
                "list_price": part["list_price"],
                "hv_zone": part["hv_zone"],
                "x": x,
                "y": y,
                "w": _TILE_W,
                "h": _TILE_H,
                "tx": x + 10,
                "ty": y + 20,
                "cy": y + 37,
            }
        )
    rows = (len(ordered) + EXPLODED_COLUMNS - 1) // EXPLODED_COLUMNS
    columns = min(len(ordered), EXPLODED_COLUMNS) or 1
    return {
        "tiles": tiles,
        "width": 2 * _PAD + columns * _TILE_W + (columns - 1) * _GAP,
        "height": 2 * _PAD + max(rows, 1) * (_TILE_H + _GAP) - _GAP,
    }
