"""Editors declare in the case admin how the grading reads a reference (schadescore/2 §1):
alternatives, part sources, critical lines with their reason, unit tolerance, and per reference
the undamaged parts, allowed part sources and total band. Checked on every save, in Dutch,
naming the line and field; a reference calcengine refuses is not published."""

import html
import json

import pytest

from cases.models import CaseVersion, CaseVersionStatus
from cases.reference_assess import reference_assess_errors
from tests.cases.test_case_admin import form_data
from tests.factories.cases import (
    BUMPER,
    GRILLE,
    VEHICLE_ID,
    CaseFactory,
    CaseVersionFactory,
    line,
    reference,
)

pytestmark = pytest.mark.django_db

ADD_URL = "/cms/snippets/cases/caseversion/add/"


@pytest.fixture
def editor_client(editor, client_for):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return client_for(editor)


def annotated_reference(line_assess=None, top_assess=None):
    grille = line(GRILLE, "replace", line_id="R1")
    bumper = line(BUMPER, "repair", line_id="R2", repair_units="120")
    if line_assess is not None:
        grille["assess"] = line_assess
    data = reference([grille, bumper], decisions={"economic_total_loss": False})
    if top_assess is not None:
        data["assess"] = top_assess
    return data


def post_version(client, ref, **extra):
    template = CaseVersionFactory.build(case=CaseFactory(), number=1)
    return client.post(ADD_URL, form_data(template, reference_precalc=json.dumps(ref), **extra))


def page_text(response) -> str:
    return html.unescape(response.content.decode())


GOOD_LINE = {
    "alternatives": [
        "repair",
        {"operation": "replace", "part_source": "used", "credit": "0.8"},
        {"operation": "subcontract", "code": "ADAS-FRONT-RADAR", "credit": "1"},
    ],
    "part_sources": ["oem", "used"],
    "unit_tolerance_percent": "15",
    "critical": True,
    "critical_reason": "Zonder nieuwe grille klopt de luchtgeleiding niet.",
}
GOOD_TOP = {
    "undamaged": [BUMPER],
    "part_sources_allowed": ["oem", "used"],
    "total_band_percent": ["5", "25"],
}


def test_an_editor_saves_and_publishes_a_fully_annotated_reference(editor_client):
    ref = annotated_reference(GOOD_LINE, {"part_sources_allowed": ["oem", "used"]})
    response = post_version(editor_client, ref, publish="on")
    assert response.status_code == 302, page_text(response)[:3000]
    version = CaseVersion.objects.get()
    assert version.status == CaseVersionStatus.PUBLISHED
    assert version.reference_precalc["lines"][0]["assess"] == GOOD_LINE


def test_good_annotations_have_no_errors():
    ref = annotated_reference(GOOD_LINE, GOOD_TOP)
    assert reference_assess_errors(ref, vehicle_id=VEHICLE_ID, field="reference_precalc") == []


@pytest.mark.parametrize(
    ("line_assess", "top_assess", "path", "words"),
    [
        (
            {"alternatives": [{"operation": "replace", "code": "GEEN-CODE"}]},
            None,
            "reference_precalc.lines[0].assess.alternatives[0].code",
            "'GEEN-CODE' is geen onderdeel van de Volkswagen Golf",
        ),
        (
            {"alternatives": ["polish"]},
            None,
            "reference_precalc.lines[0].assess.alternatives[0]",
            "'polish'",
        ),
        (
            {"alternatives": [{"operation": "replace", "part_source": "refurbished"}]},
            None,
            "reference_precalc.lines[0].assess.alternatives[0].part_source",
            "'refurbished'",
        ),
        (
            {"alternatives": [{"operation": "repair", "credit": "1.5"}]},
            None,
            "reference_precalc.lines[0].assess.alternatives[0].credit",
            "0 tot en met 1",
        ),
        (
            {"alternative_credit": "-0.1"},
            None,
            "reference_precalc.lines[0].assess.alternative_credit",
            "0 tot en met 1",
        ),
        (
            {"part_sources": ["oem", "tweedehands"]},
            None,
            "reference_precalc.lines[0].assess.part_sources[1]",
            "'tweedehands'",
        ),
        (
            {"unit_tolerance_percent": "120"},
            None,
            "reference_precalc.lines[0].assess.unit_tolerance_percent",
            "0 tot en met 100",
        ),
        (
            {"critical_reason": "Belangrijk"},
            None,
            "reference_precalc.lines[0].assess.critical_reason",
            "Een reden hoort alleen bij een kritieke regel",
        ),
        (
            {"kritiek": True},
            None,
            "reference_precalc.lines[0].assess.kritiek",
            "'kritiek'",
        ),
        (
            None,
            {"undamaged": ["ADAS-FRONT-RADAR"]},
            "reference_precalc.assess.undamaged[0]",
            "'ADAS-FRONT-RADAR' is geen onderdeel van de Volkswagen Golf",
        ),
        (
            None,
            {"part_sources_allowed": []},
            "reference_precalc.assess.part_sources_allowed",
            "herkomst",
        ),
        (
            None,
            {"total_band_percent": ["25", "5"]},
            "reference_precalc.assess.total_band_percent",
            "[a, b]",
        ),
        (
            None,
            {"total_band_percent": ["5", "120"]},
            "reference_precalc.assess.total_band_percent",
            "0 ≤ a < b ≤ 100",
        ),
    ],
)
def test_each_check_names_the_line_and_field(line_assess, top_assess, path, words):
    """The format is the scoring package's (its own messages); the line and field are named
    here, and the codes are checked against the vehicle's catalogue and the work codes."""
    ref = annotated_reference(line_assess, top_assess)
    errors = reference_assess_errors(ref, vehicle_id=VEHICLE_ID, field="reference_precalc")
    assert [error["path"] for error in errors] == [path]
    message = errors[0]["message"]
    assert words in message
    if line_assess is not None:
        assert message.startswith(f"Regel 1 (R1, {GRILLE}), assess.")
    else:
        assert message.startswith("Referentie, assess.")


def test_part_sources_belong_on_a_replace_line_only():
    ref = annotated_reference()
    ref["lines"][1]["assess"] = {"part_sources": ["oem"]}
    errors = reference_assess_errors(ref, vehicle_id=VEHICLE_ID, field="reference_final")
    assert errors[0]["path"] == "reference_final.lines[1].assess.part_sources"
    assert errors[0]["message"].startswith(f"Regel 2 (R2, {BUMPER})")
    assert "vervangregel" in errors[0]["message"]


def test_a_refused_annotation_refuses_even_a_draft_and_keeps_what_was_typed(editor_client):
    ref = annotated_reference({"alternatives": [{"operation": "replace", "code": "GEEN-CODE"}]})
    response = post_version(editor_client, ref)
    assert response.status_code == 200
    text = page_text(response)
    assert f"Regel 1 (R1, {GRILLE}), assess.alternatives[0].code" in text
    assert "'GEEN-CODE' is geen onderdeel van de Volkswagen Golf" in text
    assert '"code": "GEEN-CODE"' in text  # the typed JSON is still in the field
    assert not CaseVersion.objects.exists()


def test_a_draft_whose_reference_the_engine_refuses_is_saved_but_not_published(editor_client):
    ref = annotated_reference(GOOD_LINE)
    ref["lines"][1]["labour_units"] = "-5"  # calcengine refuses a negative figure
    response = post_version(editor_client, ref)
    assert response.status_code == 302, page_text(response)[:3000]
    draft = CaseVersion.objects.get()
    assert draft.status == CaseVersionStatus.DRAFT

    response = editor_client.post(
        f"/cms/snippets/cases/caseversion/edit/{draft.pk}/", form_data(draft, publish="on")
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "reference_precalc.lines[1].labour_units: Mag niet negatief zijn." in text  # engine's
    draft.refresh_from_db()
    assert draft.status == CaseVersionStatus.DRAFT


def test_an_unknown_vehicle_is_said_when_codes_are_declared():
    ref = annotated_reference(None, {"undamaged": [BUMPER]})
    errors = reference_assess_errors(ref, vehicle_id="geen-auto", field="reference_precalc")
    assert "voertuig 'geen-auto' is onbekend" in errors[0]["message"]


@pytest.mark.parametrize("role", ["trainee", "assessor"])
def test_trainees_and_assessors_cannot_author_references(role, request, client_for):
    from django.contrib.auth.models import Permission

    user = request.getfixturevalue(role)
    # Even with access to the Wagtail admin, only the editor role may add case versions.
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(user)
    assert client.get(ADD_URL).status_code in (302, 403)
    response = post_version(client, annotated_reference(GOOD_LINE))
    assert response.status_code in (302, 403)
    assert not CaseVersion.objects.exists()


def test_publishing_refuses_a_reference_the_scorer_cannot_read_whatever_the_path():
    """calcengine passes `assess` through unread: without this, the first grading of an
    attempt on the version would fail instead."""
    from cases import services

    ref = annotated_reference({"alternative_credit": "2"})
    draft = CaseVersionFactory(reference_precalc=ref)
    with pytest.raises(services.CaseVersionInvalid) as refused:
        services.case_version_publish(version=draft, by=None)
    assert [e["path"] for e in refused.value.errors] == [
        "reference_precalc.lines[0].assess.alternative_credit"
    ]
    draft.refresh_from_db()
    assert draft.status == CaseVersionStatus.DRAFT


def test_publishing_in_the_admin_says_an_annotation_error_once(editor_client):
    ref = annotated_reference({"alternatives": [{"operation": "replace", "code": "GEEN-CODE"}]})
    response = post_version(editor_client, ref, publish="on")
    assert response.status_code == 200
    assert page_text(response).count("'GEEN-CODE' is geen onderdeel") == 1
    assert not CaseVersion.objects.exists()


def test_the_django_admin_checks_the_annotations_too(admin_user, client_for):
    draft = CaseVersionFactory()
    bad = annotated_reference({"unit_tolerance_percent": "250"})
    response = client_for(admin_user).post(
        f"/django-admin/cases/caseversion/{draft.pk}/change/",
        form_data(draft, reference_precalc=json.dumps(bad)),
    )
    assert response.status_code == 200
    assert f"Regel 1 (R1, {GRILLE}), assess.unit_tolerance_percent" in page_text(response)
    draft.refresh_from_db()
    assert "assess" not in draft.reference_precalc["lines"][0]


def test_the_django_admin_saves_good_annotations(admin_user, client_for):
    draft = CaseVersionFactory()
    good = annotated_reference(GOOD_LINE, GOOD_TOP)
    response = client_for(admin_user).post(
        f"/django-admin/cases/caseversion/{draft.pk}/change/",
        form_data(draft, reference_precalc=json.dumps(good)),
    )
    assert response.status_code == 302, page_text(response)[-3000:]
    draft.refresh_from_db()
    assert draft.reference_precalc["assess"] == GOOD_TOP
