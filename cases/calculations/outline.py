"""The zones of the vehicle outline (a top view) and the zones offered as a list beside it.

The drawing itself is `templates/cases/partials/calc_outline.svg.html`; this module names which
zone each clickable area stands for, so the template, the no-JS links and the tests agree.
"""

from __future__ import annotations

from calcengine.catalogue import ZONE_NAMES

# Zones drawn on the top view; interior and mechanical parts cannot be seen from above.
OUTLINE_ZONES = [
    {"zone": z, "name": ZONE_NAMES[z]} for z in ("front", "side", "rear", "roof", "glass")
]
LIST_ZONES = [{"zone": z, "name": ZONE_NAMES[z]} for z in ("interior", "mechanical")]
