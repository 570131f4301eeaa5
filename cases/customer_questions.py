"""The customer's questions and the trainee's answers to them, read from the dossier's events:
the one reading the dossier's status panel (open questions) and the assessment's workflow checks
(unanswered questions, the answers beside the model answers) share.

A question counts as answered by the trainee's last accepted answer that says something: a
refused move or an empty answer leaves it open.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from .timeline import EventKind


class EventLike(Protocol):
    kind: str
    data: Any
    refused: bool


def intake_answers(events: Iterable[EventLike]) -> dict[int, str]:
    """The last non-empty answer per intake question (`customer.questions`), by its index."""
    answers: dict[int, str] = {}
    for event in events:
        data = event.data or {}
        if (
            not event.refused
            and event.kind == EventKind.CUSTOMER_QUESTION_ANSWERED
            and isinstance(data.get("index"), int)
        ):
            answer = str(data.get("answer") or "").strip()
            if answer:
                answers[data["index"]] = answer
            else:
                answers.pop(data["index"], None)
    return answers


def delivery_answers(events: Iterable[EventLike]) -> list[str | None]:
    """The answers given at delivery to `customer.last_questions`, in order (None: not
    answered), from the last accepted event that answered them."""
    given: list[str | None] = []
    for event in events:
        data = event.data or {}
        if not event.refused and event.kind == EventKind.CUSTOMER_QUESTIONS_ANSWERED:
            given = [
                (str(item.get("answer") or "").strip() or None) if isinstance(item, dict) else None
                for item in data.get("answers") or []
            ]
    return given


def question_text(question: Any) -> str:
    return str(question.get("question", "")) if isinstance(question, dict) else str(question)
