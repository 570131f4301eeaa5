"""Words for the codes a dossier page shows: `{{ photo.zone|zone_label }}`,
`{{ brief.vehicle.adas|sensor_labels }}`. The words come from their owners (the catalogue's
zone names, `cases.calculations.labels`), translated when the page is rendered."""

from typing import Any

from django import template
from django.utils.translation import gettext

from calcengine.catalogue import ZONE_NAMES
from calcengine.schema import POWERTRAIN_TABLE
from cases.calculations.labels import SENSOR_LABELS

register = template.Library()

_POWERTRAIN_LABELS = {choice.code: choice.label for choice in POWERTRAIN_TABLE}


@register.filter
def zone_label(code: Any) -> str:
    """A catalogue zone code in words, translated (the catalogue's names are Dutch data)."""
    if not code:
        return ""
    name = ZONE_NAMES.get(str(code))
    return gettext(name) if name else str(code)


@register.filter
def sensor_labels(codes: Any) -> str:
    """A list of sensor codes as their names, comma separated."""
    if not isinstance(codes, (list, tuple)):
        return ""
    return ", ".join(str(SENSOR_LABELS.get(code, code)) for code in codes)


@register.filter
def powertrain_label(code: Any) -> str:
    """`ICE` → "Verbrandingsmotor" (translated), from the contract's powertrain table."""
    label = _POWERTRAIN_LABELS.get(str(code))
    return gettext(label) if label else str(code or "")
