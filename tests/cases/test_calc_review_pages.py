"""The calculation review's pages and API: the key never reaches the trainee before submitting,
a refused form keeps what was typed, the feedback after submitting, who may see what, and the
demo exercises load (idempotent)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import demo as case_demo
from cases import demo_files
from cases.calc_review import demo
from cases.calc_review import error_kinds as k
from cases.calc_review.injection import RATES_ANCHOR
from cases.models import AttemptStatus, CalcReviewAnswer, CalcReviewExercise
from tests.factories.accounts import UserFactory
from tests.factories.cases import AttemptFactory

pytestmark = pytest.mark.django_db


def hand_in(trainee, exercise):
    """The trainee has handed in an attempt at the exercise's case (which opens the review)."""
    return AttemptFactory(
        trainee=trainee,
        case_version=exercise.case_version,
        status=AttemptStatus.DELIVERED,
        submitted_at=timezone.now(),
    )


@pytest.fixture
def exercises(trainee, other_trainee):
    for data in demo_files.demo_cases():
        if data["slug"] in {spec["case"] for spec in demo.EXERCISES}:
            case_demo.load_case(data, by=None, stdout=io.StringIO())
    out = io.StringIO()
    demo.load(out)
    made = {e.slug: e for e in CalcReviewExercise.objects.all()}
    for exercise in made.values():
        hand_in(trainee, exercise)
        hand_in(other_trainee, exercise)
    return made


@pytest.fixture
def golf(exercises):
    return exercises[demo.EXERCISES[0]["slug"]]


def key_texts(exercise):
    return [error["correct"] for error in exercise.answer_key]


def perfect_post(exercise, action="submit"):
    data = {"action": action}
    by_line = {e["line"]: e for e in exercise.answer_key if e["line"]}
    anchors = [RATES_ANCHOR] + [line["id"] for line in exercise.document["lines"]]
    for anchor in anchors:
        error = by_line.get(anchor)
        data[f"verdict_{anchor}"] = "fout" if error else "goed"
        data[f"kind_{anchor}"] = error["kind"] if error else ""
        data[f"correction_{anchor}"] = ""
    omissions = [e for e in exercise.answer_key if not e["line"]]
    for index, error in enumerate(omissions):
        data[f"missing_kind_{index}"] = error["kind"]
        data[f"missing_correction_{index}"] = "ontbreekt"
    return data


def test_demo_loads_two_exercises_and_a_second_run_changes_nothing(exercises):
    assert len(exercises) == 2
    golf = exercises["golf-voorzijde-collega"]
    assert {e["kind"] for e in golf.answer_key} == {
        k.WRONG_RATES,
        k.UNDAMAGED_PART,
        k.MISSED_CALIBRATION,
        k.INCLUDED_OVERLAP,
    }
    tesla = exercises["tesla-achterzijde-seed-7"]
    assert tesla.seed == 7 and len(tesla.answer_key) == 4
    out = io.StringIO()
    demo.load(out)
    assert out.getvalue().count("al actueel") == 2


def test_the_exercise_page_and_api_hold_no_answer_key_before_submitting(client, trainee, golf):
    client.force_login(trainee)
    html = client.get(reverse("cases:calc-review", args=[golf.pk])).content.decode()
    api = client.get(reverse("api:cases_api:calc-review-detail", args=[golf.pk])).content.decode()
    assert "Voorscherm links" in html and "Tarieven" in html  # the document is shown
    assert golf.case_version.briefing[:40] in html
    for text in key_texts(golf):
        assert text not in html and text not in api
    for word in ("answer_key", "critical_reason", "Regel schrappen", "Regel toevoegen"):
        assert word not in html and word not in api


def test_a_refused_submit_keeps_what_was_typed_with_dutch_errors(client, trainee, golf):
    client.force_login(trainee)
    data = perfect_post(golf)
    data["verdict_3"] = ""
    data["verdict_4"] = "fout"
    data["kind_4"] = ""
    data["correction_4"] = "koplamp is goedkoper te herstellen"
    response = client.post(reverse("cases:calc-review", args=[golf.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Beoordeel deze regel" in html and "Kies welke soort fout" in html
    assert 'value="koplamp is goedkoper te herstellen"' in html
    assert not CalcReviewAnswer.objects.filter(submitted_at__isnull=False).exists()


def test_save_then_submit_shows_score_explanation_and_lessons(client, trainee, golf):
    client.force_login(trainee)
    url = reverse("cases:calc-review", args=[golf.pk])
    saved = client.post(url, {"action": "save", "verdict_1": "fout", "correction_1": "dubbel"})
    assert saved.status_code == 200 and "Opgeslagen" in saved.content.decode()
    assert 'value="dubbel"' in client.get(url).content.decode()
    response = client.post(url, perfect_post(golf))
    assert response.status_code == 302
    answer = CalcReviewAnswer.objects.get(trainee=trainee, submitted_at__isnull=False)
    assert str(answer.score) == "100.0"
    html = client.get(response["Location"]).content.decode()
    assert "Score: 100.0 van 100" in html or "Score: 100,0 van 100" in html
    assert "Gevonden: Onbeschadigd onderdeel berekend" in html
    assert "Nalezen per soort fout" in html
    for text in key_texts(golf):
        assert text in html


def test_the_api_saves_and_submits_with_field_paths_and_gives_feedback(client, trainee, golf):
    client.force_login(trainee)
    submit = reverse("api:cases_api:calc-review-submit", args=[golf.pk])
    refused = client.post(
        submit,
        {"lines": [{"line": "1", "verdict": "fout", "kind": "nonsense"}]},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["path"] == "lines[0].kind"
    incomplete = client.post(
        submit, {"lines": [{"line": "1", "verdict": "fout"}]}, content_type="application/json"
    )
    assert incomplete.status_code == 400
    paths = {e["path"] for e in incomplete.json()["errors"]}
    assert "lines[0].kind" in paths and "lines" in paths
    data = perfect_post(golf)
    lines = [
        {"line": a, "verdict": data[f"verdict_{a}"], "kind": data[f"kind_{a}"]}
        for a in [RATES_ANCHOR] + [x["id"] for x in golf.document["lines"]]
    ]
    missing = [{"kind": e["kind"]} for e in golf.answer_key if not e["line"]]
    done = client.post(
        submit, {"lines": lines, "missing": missing}, content_type="application/json"
    )
    assert done.status_code == 201, done.content
    body = done.json()
    assert body["score"] == "100.0" and set(body["lessons"]) == {e["kind"] for e in golf.answer_key}
    feedback = client.get(reverse("api:cases_api:calc-review-feedback", args=[body["id"]]))
    assert feedback.status_code == 200 and feedback.json()["result"]["rows"]


def test_only_the_trainee_sees_their_answer(client, trainee, other_trainee, assessor, golf):
    client.force_login(trainee)
    client.post(reverse("cases:calc-review", args=[golf.pk]), perfect_post(golf))
    answer = CalcReviewAnswer.objects.get(trainee=trainee)
    for user in (other_trainee, assessor):
        client.force_login(user)
        page = client.get(reverse("cases:calc-review-answer", args=[answer.pk]))
        api = client.get(reverse("api:cases_api:calc-review-feedback", args=[answer.pk]))
        assert page.status_code == 404 and api.status_code == 404
    # an assessor opens the task but cannot submit one
    response = client.post(reverse("cases:calc-review", args=[golf.pk]), perfect_post(golf))
    assert response.status_code == 404


def test_an_open_answer_has_no_feedback(client, trainee, golf):
    client.force_login(trainee)
    client.post(reverse("cases:calc-review", args=[golf.pk]), {"action": "save"})
    answer = CalcReviewAnswer.objects.get(trainee=trainee)
    assert client.get(reverse("cases:calc-review-answer", args=[answer.pk])).status_code == 404
    url = reverse("api:cases_api:calc-review-feedback", args=[answer.pk])
    assert client.get(url).status_code == 404


def _publish_lesson(title, trade_off):
    from wagtail.models import Page

    from content.models import LessonPage, TradeOff

    lesson = LessonPage(title=title, slug=title.lower().replace(" ", "-"), summary="s", body=[])
    Page.get_first_root_node().add_child(instance=lesson)
    item, _ = TradeOff.objects.get_or_create(slug=trade_off, defaults={"title": trade_off})
    lesson.trade_offs.add(item)
    lesson.save_revision().publish()
    return lesson


def test_each_error_kind_links_the_lessons_of_its_profile_items(client, trainee, golf):
    # given a lesson on a trade-off that wrong rates touch ("balans-calculeren")
    balance = _publish_lesson("Balans in de calculatie", "balans-calculeren")
    _publish_lesson("Total loss", "economisch-total-loss")
    client.force_login(trainee)
    response = client.post(reverse("cases:calc-review", args=[golf.pk]), perfect_post(golf))
    html = client.get(response["Location"]).content.decode()
    section = html.split("Nalezen per soort fout", 1)[1]
    assert f'href="/{balance.slug}/">{balance.title}</a>' in section
    assert "Total loss" not in section


def test_only_the_intake_photos_are_served_and_not_for_an_exam_only_case(client, trainee, golf):
    from cases.models import CalcReviewExercise, CaseVersion, PhotoStage

    client.force_login(trainee)
    visible = golf.case_version.photos.filter(stage=PhotoStage.VISIBLE).first()
    hidden = golf.case_version.photos.filter(stage=PhotoStage.HIDDEN).first()
    assert visible is not None and hidden is not None
    url = "cases:calc-review-photo"
    assert client.get(reverse(url, args=[golf.pk, visible.pk])).status_code == 200
    assert client.get(reverse(url, args=[golf.pk, hidden.pk])).status_code == 404
    html = client.get(reverse("cases:calc-review", args=[golf.pk])).content.decode()
    assert hidden.caption not in html
    # an exam-only case version has no exercise page, photo or API answer
    CaseVersion.objects.filter(pk=golf.case_version_id).update(exam_only=True)
    assert client.get(reverse("cases:calc-review", args=[golf.pk])).status_code == 404
    assert client.get(reverse(url, args=[golf.pk, visible.pk])).status_code == 404
    api = reverse("api:cases_api:calc-review-detail", args=[golf.pk])
    assert client.get(api).status_code == 404
    assert (
        not CalcReviewExercise.objects.filter(pk=golf.pk)
        .filter(case_version__exam_only=False)
        .exists()
    )


def test_a_trainee_opens_a_review_only_after_handing_in_the_case_themselves(
    client, organisation, cohort, golf
):
    # given: a trainee of the cohort who has not handed in an attempt at the Golf case; the
    # calculation under review is that case's reference with errors put in
    newcomer = UserFactory(username="cursist_nieuw", organisation=organisation)
    cohort.trainees.add(newcomer)
    client.force_login(newcomer)

    # then: not listed, not opened (page and API)
    listing = client.get(reverse("cases:calc-review-list")).content.decode()
    assert golf.title not in listing
    assert client.get(reverse("cases:calc-review", args=[golf.pk])).status_code == 404
    detail = reverse("api:cases_api:calc-review-detail", args=[golf.pk])
    assert client.get(detail).status_code == 404

    # when: they hand in their own attempt at the case, the review opens
    hand_in(newcomer, golf)
    assert client.get(reverse("cases:calc-review", args=[golf.pk])).status_code == 200
