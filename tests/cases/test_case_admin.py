"""Editors author cases in the Wagtail admin: JSON blocks as text, references checked by the
engine on publish, and a published version refused for edits."""

import json

import pytest

from cases.models import CaseVersion, CaseVersionStatus
from cases.models.case import FROZEN_FIELDS
from tests.factories.cases import CaseFactory, CaseVersionFactory, PublishedCaseVersionFactory

pytestmark = pytest.mark.django_db

JSON_FIELDS = {
    name
    for name in FROZEN_FIELDS
    if CaseVersion._meta.get_field(name).get_internal_type() == "JSONField"
}


def form_data(version, **overrides):
    data = {"case": version.case.pk, "number": version.number}
    # The photos inline's management form, as the admin page always sends it (no photos).
    data.update(
        {
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
        }
    )
    for name in FROZEN_FIELDS:
        value = getattr(version, name)
        if name in JSON_FIELDS:
            data[name] = json.dumps(value) if value is not None else "null"
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is None:
            data[name] = ""
        else:
            data[name] = str(value)
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def editor_client(editor, client_for):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return client_for(editor)


def test_an_editor_lists_and_opens_case_versions(editor_client):
    version = CaseVersionFactory()
    assert editor_client.get("/cms/snippets/cases/caseversion/").status_code == 200
    assert (
        editor_client.get(f"/cms/snippets/cases/caseversion/edit/{version.pk}/").status_code == 200
    )


def test_a_trainee_cannot_reach_the_case_library_admin(trainee, client_for):
    response = client_for(trainee).get("/cms/snippets/cases/caseversion/")
    assert response.status_code in (302, 403)


def test_an_editor_creates_and_publishes_a_version(editor_client):
    template = CaseVersionFactory.build(case=CaseFactory(), number=1)
    response = editor_client.post(
        "/cms/snippets/cases/caseversion/add/", form_data(template, publish="on")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    version = CaseVersion.objects.get()
    assert version.status == CaseVersionStatus.PUBLISHED
    assert version.published_at is not None


def test_publishing_a_version_whose_reference_the_engine_refuses_shows_the_error(editor_client):
    template = CaseVersionFactory.build(case=CaseFactory(), number=1)
    bad = form_data(
        template, publish="on", reference_precalc=json.dumps({"spec": "schadecalc/1", "lines": []})
    )
    response = editor_client.post("/cms/snippets/cases/caseversion/add/", bad)
    assert response.status_code == 200
    assert "reference_precalc" in response.content.decode()
    assert not CaseVersion.objects.filter(status=CaseVersionStatus.PUBLISHED).exists()


def test_invalid_json_is_refused_and_the_text_kept(editor_client):
    template = CaseVersionFactory.build(case=CaseFactory(), number=1)
    response = editor_client.post(
        "/cms/snippets/cases/caseversion/add/",
        form_data(template, payer_rules='{"cover": "casco",'),
    )
    assert response.status_code == 200
    assert "{&quot;cover&quot;: &quot;casco&quot;," in response.content.decode()
    assert not CaseVersion.objects.exists()


def test_a_published_version_is_refused_for_edits_in_the_admin(editor_client):
    version = PublishedCaseVersionFactory()
    response = editor_client.post(
        f"/cms/snippets/cases/caseversion/edit/{version.pk}/",
        form_data(version, briefing="Herschreven"),
    )
    assert response.status_code == 200
    assert "gepubliceerd en bevroren" in response.content.decode()
    version.refresh_from_db()
    assert version.briefing != "Herschreven"
