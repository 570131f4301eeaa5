"""`{{ grade|cut_score_label }}`: which cut score a grade was judged against
(`assessment.cut_score.cut_score_label`)."""

from __future__ import annotations

from django import template

from assessment.cut_score import cut_score_label as _label

register = template.Library()


@register.filter
def cut_score_label(grade) -> str:
    return _label(grade) if grade is not None else ""
