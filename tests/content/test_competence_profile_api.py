"""GET /api/v1/competence-profile/: the whole profile, public."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/competence-profile/"


def test_anyone_reads_the_whole_profile(client, profile):
    response = client.get(URL)
    assert response.status_code == 200
    data = response.json()
    assert [task["code"] for task in data["core_tasks"]] == ["1"]
    processes = data["core_tasks"][0]["work_processes"]
    assert [p["code"] for p in processes] == ["1.1", "1.2", "1.3", "1.4"]
    assert set(processes[0]) == {"code", "title", "description", "result", "case_identifier"}
    assert processes[3]["title"] == "Afleveren van het voertuig"
    assert len(data["knowledge_items"]) == 21
    assert data["knowledge_items"][0]["code"] == "K01"
    assert [a["name"] for a in data["competence_areas"]] == [
        "Analyseren en interpreteren",
        "Organiseren en uitvoeren",
        "Ondersteunen en samenwerken",
        "Interacteren, beïnvloeden en presenteren",
    ]
    assert all(area["description"] for area in data["competence_areas"])
    assert len(data["trade_offs"]) == 6
    assert any(s["key"] == "functiebenamingen" for s in data["sections"])


def test_an_empty_profile_is_an_empty_document(client, db):
    data = client.get(URL).json()
    assert data["core_tasks"] == [] and data["trade_offs"] == []
