"""Dutch names for a calculation's codes in templates: `{{ line.operation|operation_label }}`."""

from django import template

from cases.calculations.labels import OPERATION_LABELS, PAINT_MODE_LABELS, PART_SOURCE_LABELS

register = template.Library()


@register.filter
def operation_label(code: str) -> str:
    return str(OPERATION_LABELS.get(code, code))


@register.filter
def paint_mode_label(code: str) -> str:
    return str(PAINT_MODE_LABELS.get(code, code))


@register.filter
def part_source_label(code: str) -> str:
    return str(PART_SOURCE_LABELS.get(code, code))
