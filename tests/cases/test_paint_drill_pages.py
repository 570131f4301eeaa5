"""The paint drill's pages: the task without the model answer, a refused form that keeps what
was typed, the per-panel result, and who may see what (practice only, the trainee's own)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from cases.models import PaintDrill, PaintDrillAnswer
from cases.paint_drill import demo
from cases.paint_drill.scoring import LEVEL_NONE

pytestmark = pytest.mark.django_db

NIRO = demo.DRILLS[0]
YARIS = demo.DRILLS[1]


@pytest.fixture
def drill():
    demo.load_drill(NIRO)
    return PaintDrill.objects.get(slug=NIRO["slug"])


def model_post(drill, **overrides):
    data = {}
    for panel in drill.panels.all():
        data[f"level_{panel.pk}"] = panel.model_level
        data[f"units_{panel.pk}"] = f"{panel.model_units.normalize():f}".replace(".", ",")
    for overlap in drill.overlaps.all():
        data[f"overlap_{overlap.pk}"] = f"{overlap.model_deduction.normalize():f}"
    return {**data, **overrides}


def test_the_task_page_sends_no_model_answer(client, trainee, drill):
    client.force_login(trainee)
    html = client.get(reverse("cases:paint-drill", args=[drill.pk])).content.decode()
    assert "Portier links voor" in html and "Ingedrukt tot in de deurbalk" in html
    # the catalogue extract a calculation program would show: the paint code and base units
    assert "SWP (Snow White Pearl)" in html and "Dakpaneel" in html
    for panel in drill.panels.all():
        assert panel.explanation[:40] not in html
    for overlap in drill.overlaps.all():
        assert overlap.explanation[:40] not in html
    # no level is preselected: each select stands on "— kies —"
    assert html.count(" selected>") == html.count('value="" selected>') == drill.panels.count()


def test_a_refused_answer_keeps_what_was_typed_with_dutch_errors(client, trainee, drill):
    client.force_login(trainee)
    first, second = list(drill.panels.all())[:2]
    data = model_post(drill, **{f"units_{first.pk}": "zeventien", f"level_{second.pk}": ""})
    data[f"units_{second.pk}"] = "18,5"
    response = client.post(reverse("cases:paint-drill", args=[drill.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vul een getal in" in html and "Kies een lakniveau" in html
    assert 'value="zeventien"' in html and 'value="18,5"' in html
    assert not PaintDrillAnswer.objects.exists()
    assert drill.panels.first().explanation[:40] not in html


def test_units_are_needed_for_a_painted_panel(client, trainee, drill):
    client.force_login(trainee)
    first = drill.panels.first()
    data = model_post(drill, **{f"units_{first.pk}": ""})
    response = client.post(reverse("cases:paint-drill", args=[drill.pk]), data)
    assert (
        response.status_code == 400 and "Vul de basis-lakeenheden in" in response.content.decode()
    )


def test_a_valid_answer_shows_the_explanation_per_panel(client, trainee, drill):
    client.force_login(trainee)
    fender = drill.panels.get(part_code="71512-AT800")
    data = model_post(drill, **{f"level_{fender.pk}": "surface"})
    response = client.post(reverse("cases:paint-drill", args=[drill.pk]), data)
    answer = PaintDrillAnswer.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "cases:paint-drill-answer", args=[answer.pk]
    )
    assert answer.trainee == trainee and answer.score == 92  # 12 of 13 points
    html = client.get(response.url).content.decode()
    assert fender.explanation[:40] in html
    assert drill.overlaps.first().explanation[:40] in html
    # the engine's figures: the fender blended (14 × 0.5) in the model, surface (14 × 0.7) here
    assert "model: 7 · uw antwoord: 9,8" in html
    assert "Score: 92 van 100" in html


def test_a_used_part_in_colour_is_scored_as_no_full_paint(client, trainee):
    demo.load_drill(YARIS)
    drill = PaintDrill.objects.get(slug=YARIS["slug"])
    client.force_login(trainee)
    used = drill.panels.get(part_code="61124-K8310")
    assert used.model_level == "blend"
    quarter = drill.panels.get(part_code="61146-K6110")
    assert quarter.model_level == LEVEL_NONE and quarter.model_units == 0
    client.post(
        reverse("cases:paint-drill", args=[drill.pk]),
        model_post(drill, **{f"level_{used.pk}": "surface"}),
    )
    result = PaintDrillAnswer.objects.get().result
    row = next(p for p in result["panels"] if p["code"] == used.part_code)
    assert row["level_right"] is False and row["units_right"] is True


def test_another_trainee_gets_404_for_the_result(client, trainee, other_trainee, drill):
    client.force_login(trainee)
    client.post(reverse("cases:paint-drill", args=[drill.pk]), model_post(drill))
    answer = PaintDrillAnswer.objects.get()
    client.force_login(other_trainee)
    assert client.get(reverse("cases:paint-drill-answer", args=[answer.pk])).status_code == 404
    listing = client.get(reverse("cases:paint-drill-list")).content.decode()
    assert reverse("cases:paint-drill-answer", args=[answer.pk]) not in listing


def test_assessor_and_editor_see_the_task_but_neither_answer_nor_results(
    client, trainee, assessor, editor, cohort, drill
):
    client.force_login(trainee)
    client.post(reverse("cases:paint-drill", args=[drill.pk]), model_post(drill))
    answer = PaintDrillAnswer.objects.get()
    for user in (assessor, editor):
        client.force_login(user)
        task = client.get(reverse("cases:paint-drill", args=[drill.pk]))
        assert task.status_code == 200
        assert drill.panels.first().explanation[:40] not in task.content.decode()
        posted = client.post(reverse("cases:paint-drill", args=[drill.pk]), model_post(drill))
        assert posted.status_code == 404
        assert client.get(reverse("cases:paint-drill-answer", args=[answer.pk])).status_code == 404
    assert PaintDrillAnswer.objects.count() == 1


def test_anonymous_is_sent_to_login(client, drill):
    for url in (
        reverse("cases:paint-drill-list"),
        reverse("cases:paint-drill", args=[drill.pk]),
        reverse("cases:paint-drill-answer", args=[1]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "inloggen" in response.url


def test_an_unpublished_drill_is_not_found(client, trainee, drill):
    PaintDrill.objects.filter(pk=drill.pk).update(published=False)
    client.force_login(trainee)
    assert client.get(reverse("cases:paint-drill", args=[drill.pk])).status_code == 404


def test_the_case_list_links_to_the_drills(client, trainee, drill):
    client.force_login(trainee)
    html = client.get(reverse("cases:index")).content.decode()
    assert reverse("cases:paint-drill-list") in html
    listing = client.get(reverse("cases:paint-drill-list")).content.decode()
    assert reverse("cases:paint-drill", args=[drill.pk]) in listing


def test_the_demo_loader_is_idempotent_and_uses_catalogue_units(client, trainee):
    out = io.StringIO()
    demo.load(out)
    drill = PaintDrill.objects.get(slug=NIRO["slug"])
    client.force_login(trainee)
    client.post(reverse("cases:paint-drill", args=[drill.pk]), model_post(drill))
    before = {
        "panels": list(drill.panels.values_list("pk", "model_units")),
        "overlaps": list(drill.overlaps.values_list("pk", "model_deduction")),
    }
    out = io.StringIO()
    demo.load(out)
    assert out.getvalue().count("al actueel") == len(demo.DRILLS)
    assert PaintDrill.objects.count() == len(demo.DRILLS)
    assert list(drill.panels.values_list("pk", "model_units")) == before["panels"]
    assert list(drill.overlaps.values_list("pk", "model_deduction")) == before["overlaps"]
    assert PaintDrillAnswer.objects.count() == 1
    door = drill.panels.get(part_code="71525-AT320")
    assert door.model_units == 21  # the catalogue's paint units of the Niro's front door
    from calcengine.catalogue import get_vehicle

    assert get_vehicle(drill.vehicle_id).paint_type == "pearl"


def test_a_drill_names_a_catalogue_vehicle_and_rate_set(drill):
    from django.core.exceptions import ValidationError

    drill.vehicle_id, drill.rate_set_id = "geen-auto", "geen-tarieven"
    with pytest.raises(ValidationError) as refused:
        drill.full_clean()
    assert {"vehicle_id", "rate_set_id"} <= set(refused.value.message_dict)


def test_an_editor_manages_drills_in_the_cms_and_a_trainee_cannot(client, editor, trainee, drill):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/cms/snippets/cases/paintdrill/").status_code == 200
    edit = client.get(f"/cms/snippets/cases/paintdrill/edit/{drill.pk}/")
    assert edit.status_code == 200 and "Portier links voor" in edit.content.decode()
    client.force_login(trainee)
    assert client.get("/cms/snippets/cases/paintdrill/").status_code in (302, 403)
