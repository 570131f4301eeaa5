"""The demo workshop day, loaded by `cases.demo.load` (idempotent: a day whose content is as
wanted is left alone, so submitted plans keep their meaning; a changed day drops the plans made
against the old one)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..models import WorkshopDay
from . import day_data


def _lesson() -> Any:
    from content.models import LessonPage

    return LessonPage.objects.filter(slug=day_data.LESSON_SLUG).first()


def load_day() -> str:
    from content.models import KnowledgeItem

    fields = {
        "title": day_data.TITLE,
        "briefing": day_data.BRIEFING,
        # Through JSON as stored (tuples become lists), so an unchanged day compares equal.
        "setup": json.loads(json.dumps(day_data.setup())),
        "reference": json.loads(json.dumps(day_data.reference())),
        "lesson": _lesson(),
        "published": True,
    }
    day = WorkshopDay.objects.filter(slug=day_data.SLUG).first()
    created = day is None
    if created:
        day = WorkshopDay(slug=day_data.SLUG)
    changed = created or any(getattr(day, k) != v for k, v in fields.items())
    content_changed = not created and (
        day.setup != fields["setup"] or day.reference != fields["reference"]
    )
    if not changed:
        day.knowledge_items.set(KnowledgeItem.objects.filter(code__in=day_data.KNOWLEDGE_ITEMS))
        return "al actueel"
    for key, value in fields.items():
        setattr(day, key, value)
    day.save()
    if content_changed:
        day.answers.all().delete()  # plans against another day no longer fit it
    day.knowledge_items.set(KnowledgeItem.objects.filter(code__in=day_data.KNOWLEDGE_ITEMS))
    return "aangemaakt" if created else "bijgewerkt"


def load(stdout: TextIO) -> None:
    stdout.write("Werkplaatsdagen:\n")
    stdout.write(f"  {day_data.SLUG:<34} {load_day()}\n")
