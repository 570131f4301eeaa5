"""Editors edit the profile's items as Wagtail snippets; every save keeps a revision."""

import pytest

from content.models import WorkProcess

pytestmark = pytest.mark.django_db


def test_an_editor_edits_a_work_process_and_a_revision_is_kept(
    client_for, editor_in_group, profile
):
    process = WorkProcess.objects.get(code="1.4")
    url = f"/cms/snippets/content/workprocess/edit/{process.pk}/"
    client = client_for(editor_in_group)
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "core_task": process.core_task_id,
            "code": "1.4",
            "title": "Afleveren van het voertuig",
            "description": process.description,
            "result": "• Het voertuig is afgeleverd aan de klant/opdrachtgever.\n• Extra regel.",
            "sort_order": 4,
        },
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.result.endswith("Extra regel.")
    assert process.revisions.count() == 1
    assert process.latest_revision.user == editor_in_group


def test_a_trainee_cannot_open_the_snippet_editor(client_for, trainee, profile):
    process = WorkProcess.objects.get(code="1.4")
    response = client_for(trainee).get(f"/cms/snippets/content/workprocess/edit/{process.pk}/")
    assert response.status_code == 302
    assert "/cms/login/" in response["Location"]
