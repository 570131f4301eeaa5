"""`{% load marking_names %}`: the trainee of an attempt as a marker may see them.

`{{ attempt|trainee_label }}`: the candidate code of an exam attempt until its agreed grade is
released, else the name (`assessment.selectors.trainee_label_of`), for pages outside the
assessment app that an assessor opens from the queue (the dossier, the calculation editor).
"""

from __future__ import annotations

from django import template

from assessment.selectors import trainee_label_of

register = template.Library()


@register.filter
def trainee_label(attempt) -> str:
    return trainee_label_of(attempt)
