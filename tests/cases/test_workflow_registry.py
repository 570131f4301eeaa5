"""Each move of the workflow is declared once (`@move(...)` on its step); the labels, the allowed
moves, the transitions, the forms, the event map of the assessment, the dossier page and the API
all read that declaration, with no code of their own per move."""

import datetime as dt

import pytest
from django import forms
from django.urls import reverse

from assessment.workflow_checks import MOVE_EVENT_KINDS as ASSESSMENT_EVENT_MAP
from cases import workflow as wf
from cases.models import AttemptStatus
from cases.timeline import EventKind
from cases.workflow.forms import MoveForm
from cases.workflow.machine import Happened, StepResult, move
from cases.workflow.registry import REGISTRY
from tests.factories.cases import AttemptFactory

S = AttemptStatus


def test_every_declared_move_has_a_label_a_form_an_event_kind_and_known_states():
    assert len(REGISTRY) >= 30  # the 30 moves of the profile's work processes
    for declared in REGISTRY.values():
        assert str(declared.label).strip(), declared.name
        assert issubclass(declared.form, MoveForm), declared.name
        assert declared.event_kind in EventKind.values, declared.name
        assert set(declared.from_states) <= set(wf.OPEN_STATES), declared.name
        assert set(declared.to_states) <= set(S.values), declared.name
        for source in declared.from_states:
            assert declared.name in wf.ALLOWED_MOVES[source]
            assert declared.targets(source)


def test_the_tables_are_read_from_the_declarations():
    assert set(wf.MOVE_LABELS) == set(wf.MOVE_FORMS) == set(REGISTRY)
    assert set(wf.MOVES) == {name for name, m in REGISTRY.items() if not m.upload}
    assert wf.TRANSITIONS["start_repair"] == {S.APPROVED: (S.IN_REPAIR, S.SUPPLEMENT_PENDING)}
    assert wf.ALLOWED_MOVES[S.DELIVERED] == wf.ALLOWED_MOVES[S.TOTAL_LOSS] == ()
    # The assessment reads a refused move as the event it would have recorded.
    assert ASSESSMENT_EVENT_MAP["order_parts"] == EventKind.PARTS_ORDERED
    assert {m.name: m.event_kind for m in REGISTRY.values()} == ASSESSMENT_EVENT_MAP


def test_a_move_is_declared_only_once():
    with pytest.raises(Exception, match="declared twice"):
        move(
            name="give_advice",
            label="x",
            from_states=(S.INTAKE,),
            form=MoveForm,
            event_kind=EventKind.ADVICE_GIVEN,
        )(lambda **kwargs: None)


# -- a move declared here, once, reaches the page and the API without code of its own ---------


class NoteForm(MoveForm):
    note = forms.CharField(label="Notitie")


@pytest.fixture
def declared_note():
    """A move declared in the test: a note recorded as advice, offered at intake only."""

    @move(
        name="test_note",
        label="Testnotitie vastleggen",
        from_states=(S.INTAKE,),
        form=NoteForm,
        event_kind=EventKind.ADVICE_GIVEN,
        too_early="Een testnotitie hoort bij de intake.",
    )
    def attempt_test_note(*, attempt, by, note):
        def step(a):
            return StepResult([Happened(EventKind.ADVICE_GIVEN, {"advice": note})])

        return step

    yield attempt_test_note
    del REGISTRY["test_note"]


@pytest.fixture
def declared_stray():
    """A move whose step leads somewhere its declaration does not name."""

    @move(
        name="test_stray",
        label="Ontsporen",
        from_states=(S.INTAKE,),
        form=MoveForm,
        event_kind=EventKind.ADVICE_GIVEN,
    )
    def attempt_test_stray(*, attempt, by):
        def step(a):
            return StepResult([Happened(EventKind.ADVICE_GIVEN, {})], to_status=S.DELIVERED)

        return step

    yield attempt_test_stray
    del REGISTRY["test_stray"]


@pytest.mark.django_db
def test_a_declared_move_is_offered_and_made_on_the_dossier_page(
    declared_note, trainee, client_for
):
    attempt = AttemptFactory(trainee=trainee)
    client = client_for(trainee)
    page = client.get(reverse("cases:attempt-detail", kwargs={"pk": attempt.pk}))
    assert 'id="stap-test_note"' in page.content.decode()
    assert "Testnotitie vastleggen" in page.content.decode()

    url = reverse("cases:attempt-move", kwargs={"pk": attempt.pk, "move": "test_note"})
    assert client.post(url, {"test_note-note": ""}).status_code == 400
    response = client.post(url, {"test_note-note": "Klant belt terug"})

    assert response.status_code == 302
    event = attempt.events.get()
    assert (event.kind, event.data) == (EventKind.ADVICE_GIVEN, {"advice": "Klant belt terug"})


@pytest.mark.django_db
def test_a_declared_move_is_offered_made_and_refused_through_the_api(
    declared_note, trainee, client_for
):
    attempt = AttemptFactory(trainee=trainee)
    client = client_for(trainee)
    detail = client.get(reverse("api:cases_api:attempt-detail", kwargs={"pk": attempt.pk}))
    assert "test_note" in detail.json()["available_moves"]

    url = reverse("api:cases_api:attempt-move", kwargs={"pk": attempt.pk, "move": "test_note"})
    invalid = client.post(url, {}, content_type="application/json")
    assert invalid.status_code == 400
    assert invalid.json()["errors"][0]["path"] == "note"
    assert client.post(url, {"note": "x"}, content_type="application/json").status_code == 200

    attempt.status = S.PREPARATION
    attempt.save()
    refused = client.post(url, {"note": "x"}, content_type="application/json")
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["message"] == "Een testnotitie hoort bij de intake."
    assert attempt.events.filter(kind=EventKind.MOVE_REFUSED, data__move="test_note").exists()


@pytest.mark.django_db
def test_the_transition_holds_a_step_to_its_declared_states(declared_stray, trainee):
    attempt = AttemptFactory(trainee=trainee)
    with pytest.raises(wf.UndeclaredTransition):
        declared_stray(attempt=attempt, by=trainee)
    attempt.refresh_from_db()
    assert attempt.status == S.INTAKE
    assert attempt.submitted_at is None
    assert not attempt.events.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_declared_move_reaches_the_page_and_the_api_and_is_refused_in_a_closed_dossier(
    name, trainee, client_for
):
    # given: a delivered dossier, where no move is offered
    attempt = AttemptFactory(
        trainee=trainee,
        status=S.DELIVERED,
        submitted_at=dt.datetime(2026, 3, 9, tzinfo=dt.UTC),
    )
    client = client_for(trainee)
    page_url = reverse("cases:attempt-move", kwargs={"pk": attempt.pk, "move": name})
    api_url = reverse("api:cases_api:attempt-move", kwargs={"pk": attempt.pk, "move": name})
    # when / then: the page refuses and records it; so does the API (an upload move has its
    # own endpoint there)
    assert client.post(page_url, {}).status_code == 409
    api_status = client.post(api_url, {}, content_type="application/json").status_code
    assert api_status == (404 if REGISTRY[name].upload else 409)
    refused = attempt.events.filter(kind=EventKind.MOVE_REFUSED, data__move=name)
    assert refused.count() == (1 if REGISTRY[name].upload else 2)


def test_there_is_one_way_to_ask_the_customer_and_one_to_contest_the_expert():
    """The VAT status is a question of the one customer-question catalogue (no move or event of
    its own), and a contra-expertise is a move, not an expert reason (review #16, 12/13)."""
    from cases.expert_reasons import EXPERT_REASONS
    from cases.hv_questions import HV_QUESTIONS, VAT_STATUS

    asking = [m.name for m in REGISTRY.values() if m.event_kind == EventKind.CUSTOMER_ASKED]
    assert asking == ["ask_customer"]
    assert "ask_owner_vat_status" not in REGISTRY
    assert "owner_vat_status_asked" not in EventKind.values
    assert VAT_STATUS in HV_QUESTIONS and not HV_QUESTIONS[VAT_STATUS].hv
    assert "counter_expertise" not in EXPERT_REASONS
    assert REGISTRY["request_contra_expertise"].event_kind == EventKind.CONTRA_EXPERTISE_REQUESTED
