"""The one reading of the customer's questions and answers that the dossier's status panel and
the assessment's workflow checks share (an empty or refused answer leaves a question open)."""

from dataclasses import dataclass
from typing import Any

from assessment.workflow_checks import open_answers, unanswered_questions
from cases.customer_questions import delivery_answers, intake_answers
from cases.timeline import EventKind


@dataclass
class Event:
    kind: str
    data: Any
    refused: bool = False


def answered(index, answer, refused=False):
    return Event(EventKind.CUSTOMER_QUESTION_ANSWERED, {"index": index, "answer": answer}, refused)


CUSTOMER = {
    "questions": [{"question": "Krijg ik vervangend vervoer?", "good_answer": "Ja, vijf dagen."}],
    "last_questions": [{"question": "Moet ik iets betalen?", "good_answer": "Uw eigen risico."}],
}


def test_an_empty_or_refused_answer_leaves_the_question_open():
    # given
    events = [answered(0, "Ja."), answered(0, "   "), answered(1, "Nee.", refused=True)]
    # then
    assert intake_answers(events) == {}
    assert unanswered_questions(CUSTOMER, events) == [
        "Krijg ik vervangend vervoer?",
        "Moet ik iets betalen?",
    ]


def test_the_last_answer_that_says_something_counts_on_both_sides():
    # given
    events = [
        answered(0, "Misschien."),
        answered(0, "Ja, zolang het herstel duurt."),
        Event(
            EventKind.CUSTOMER_QUESTIONS_ANSWERED, {"answers": [{"answer": "Het eigen risico."}]}
        ),
    ]
    # when
    answers = open_answers(CUSTOMER, events)
    # then
    assert intake_answers(events) == {0: "Ja, zolang het herstel duurt."}
    assert delivery_answers(events) == ["Het eigen risico."]
    assert [(a.moment, a.answer, a.model_answer) for a in answers] == [
        ("intake", "Ja, zolang het herstel duurt.", "Ja, vijf dagen."),
        ("delivery", "Het eigen risico.", "Uw eigen risico."),
    ]
    assert unanswered_questions(CUSTOMER, events) == []
