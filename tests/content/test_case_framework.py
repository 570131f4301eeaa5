"""The competence profile as CASE 1.1 (issue #18 item 3): every answer validates against the
official CASE 1.1 OpenAPI (vendored in content/case_framework/schemas/), identifiers are stable,
associations point at items that exist, unknown ids answer CASE's error shape."""

from __future__ import annotations

import functools
import json
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest
from django.urls import reverse
from referencing import Registry
from referencing.jsonschema import DRAFT4

from assessment.scoring.competence import AREA_KEYS
from assessment.workflow_checks import CHECKS
from content import case_identifiers
from content.case_framework import cfitem_url
from content.case_framework.framework import PROFILE_ADOPTED, PROFILE_CREATOR, PROFILE_TITLE
from content.models.profile import TradeOff, WorkProcess
from content.profile_seed import SOURCE
from content.services import competence_profile_data, competence_profile_import

pytestmark = pytest.mark.django_db

SCHEMA_FILE = (
    Path(__file__).resolve().parents[2]
    / "content/case_framework/schemas/imscasev1p1_openapi3_v1p0.json"
)
OPENAPI = json.loads(SCHEMA_FILE.read_text())
SCHEMA_URI = "urn:imscasev1p1-openapi"
# OpenAPI 3.0 schema objects are a JSON Schema draft 4 dialect (plus keywords a validator
# ignores); the component schemas refer to each other as "#/components/schemas/…".
REGISTRY = Registry().with_resource(SCHEMA_URI, DRAFT4.create_resource(OPENAPI))

BASE = "/api/v1/case/ims/case/v1p1"
DOCUMENT = case_identifiers.document_identifier()
# The same on every installation: a change of namespace or key scheme breaks every badge and
# statement issued before it.
WORK_PROCESS_1_2 = "8548fd3f-2726-5e25-a720-333983f73f1d"
WIELOPHANGING = "b34997c8-f894-5656-967f-cad22575cd38"


@functools.cache
def validator(component: str) -> jsonschema.Draft4Validator:
    schema = {"$ref": f"{SCHEMA_URI}#/components/schemas/{component}"}
    return jsonschema.Draft4Validator(schema, registry=REGISTRY)


def validate(instance, component: str) -> None:
    validator(component).validate(instance)


@pytest.fixture
def profile(db):
    data, _source = competence_profile_data()
    competence_profile_import(data=data)
    return data


def get_json(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, (path, response.content[:300])
    return response.json()


def package(client):
    return get_json(client, f"{BASE}/CFPackages/{DOCUMENT}")


def test_the_package_validates_against_the_case_schema(client, profile):
    data = package(client)
    validate(data, "CFPackageDType")
    kinds = [item["CFItemType"] for item in data["CFItems"]]
    assert kinds.count("Kerntaak") == 1
    assert kinds.count("Werkproces") == 4
    assert kinds.count("Vakkennis en vaardigheden") == 21
    assert kinds.count("Competentiegebied") == 4
    assert kinds.count("Kenmerkende afweging") == 6
    document = data["CFDocument"]
    assert document["identifier"] == DOCUMENT
    assert document["language"] == "nl" and document["caseVersion"] == "1.1"
    assert document["uri"] == f"http://testserver{BASE}/CFDocuments/{DOCUMENT}"


def test_a_broken_object_fails_the_schema(client, profile):
    """The validation bites: an item without its uri, an unknown association type."""
    data = package(client)
    del data["CFItems"][0]["uri"]
    with pytest.raises(jsonschema.ValidationError):
        validate(data, "CFPackageDType")
    association = package(client)["CFAssociations"][0]
    association["associationType"] = "isFriendOf"
    with pytest.raises(jsonschema.ValidationError):
        validate(association, "CFPckgAssociationDType")


def test_every_endpoint_answers_a_valid_object(client, profile):
    data = package(client)
    validate(get_json(client, f"{BASE}/CFDocuments"), "CFDocumentSetDType")
    document = get_json(client, f"{BASE}/CFDocuments/{DOCUMENT}")
    validate(document, "CFDocumentDType")
    assert document["CFPackageURI"]["uri"] == f"http://testserver{BASE}/CFPackages/{DOCUMENT}"
    for item in data["CFItems"]:
        # Each object's uri is its own endpoint.
        assert item["uri"] == f"http://testserver{BASE}/CFItems/{item['identifier']}"
        validate(get_json(client, item["uri"]), "CFItemDType")
        validate(
            get_json(client, f"{BASE}/CFItemAssociations/{item['identifier']}"),
            "CFAssociationSetDType",
        )
    for association in data["CFAssociations"]:
        validate(get_json(client, association["uri"]), "CFAssociationDType")


def test_texts_are_the_profiles_dutch_with_the_english_name_as_an_extension(client, profile):
    item = get_json(client, f"{BASE}/CFItems/{WORK_PROCESS_1_2}")
    assert item["fullStatement"] == "Uitvoeren van de werkvoorbereiding"
    assert item["humanCodingScheme"] == "1.2"
    assert item["language"] == "nl"
    process = WorkProcess.objects.get(code="1.2")
    assert item["extensions"] == {"titleEn": process.title_en} and process.title_en
    assert process.description.split("\n")[0] in item["notes"]
    assert get_json(client, f"{BASE}/CFItems/{WIELOPHANGING}")["humanCodingScheme"] == "K07"


def test_identifiers_are_stable_across_a_reimport_and_a_rename(client, profile):
    first = package(client)
    TradeOff.objects.filter(slug="prijs-kwaliteit").update(title="Prijs en kwaliteit")
    data, _source = competence_profile_data()
    competence_profile_import(data=data)
    competence_profile_import(data=data)
    second = package(client)

    def ids(p):
        return [i["identifier"] for i in p["CFItems"]], [
            a["identifier"] for a in p["CFAssociations"]
        ]

    assert ids(first) == ids(second)
    assert WORK_PROCESS_1_2 in ids(first)[0] and WIELOPHANGING in ids(first)[0]
    assert case_identifiers.identifier("work_process", "1.2") == WORK_PROCESS_1_2


def test_associations_point_at_existing_items(client, profile):
    data = package(client)
    known = {item["identifier"] for item in data["CFItems"]} | {DOCUMENT}
    for association in data["CFAssociations"]:
        for end in ("originNodeURI", "destinationNodeURI"):
            node = association[end]
            assert node["identifier"] in known
            assert client.get(node["uri"]).status_code == 200
    # Every item hangs in the tree.
    children = {a["originNodeURI"]["identifier"] for a in data["CFAssociations"]}
    assert {item["identifier"] for item in data["CFItems"]} <= children


def test_the_tree_follows_the_profile(client, profile):
    data = package(client)
    by_id = {item["identifier"]: item for item in data["CFItems"]}
    parent = {
        a["originNodeURI"]["identifier"]: a["destinationNodeURI"]["identifier"]
        for a in data["CFAssociations"]
        if a["associationType"] == "isChildOf"
    }
    core_task = case_identifiers.identifier("core_task", "1")
    assert parent[core_task] == DOCUMENT
    for identifier, item in by_id.items():
        expected = {
            "Kerntaak": DOCUMENT,
            "Werkproces": core_task,
            "Vakkennis en vaardigheden": core_task,
            "Competentiegebied": core_task,
            "Kenmerkende afweging": DOCUMENT,
        }[item["CFItemType"]]
        assert parent[identifier] == expected, item["fullStatement"]


def test_related_items_are_those_the_workflow_checks_name_together(client, profile):
    data = package(client)
    related = {
        (a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"])
        for a in data["CFAssociations"]
        if a["associationType"] == "isRelatedTo"
    }
    expected = set()
    for _title, process, area, knowledge, trade_offs in CHECKS.values():
        destination = case_identifiers.identifier("work_process", process)
        expected.add((case_identifiers.identifier("competence_area", AREA_KEYS[area]), destination))
        for key in knowledge:
            expected.add((case_identifiers.identifier("knowledge_item", key), destination))
        for key in trade_offs:
            expected.add((case_identifiers.identifier("trade_off", key), destination))
    assert related == expected
    assert (WIELOPHANGING, WORK_PROCESS_1_2) in related


@pytest.mark.parametrize(
    ("path", "minor"),
    [
        ("CFItems/00000000-0000-4000-8000-000000000000", "unknownobject"),
        ("CFItems/geen-uuid", "invalid_uuid"),
        ("CFAssociations/00000000-0000-4000-8000-000000000000", "unknownobject"),
        ("CFItemAssociations/" + DOCUMENT, "unknownobject"),
        ("CFDocuments/" + WORK_PROCESS_1_2, "unknownobject"),
        ("CFPackages/" + WORK_PROCESS_1_2, "unknownobject"),
    ],
)
def test_unknown_ids_answer_404_in_case_error_shape(client, profile, path, minor):
    data = get_json(client, f"{BASE}/{path}", status=404)
    validate(data, "imsx_StatusInfoDType")
    assert data["imsx_codeMajor"] == "failure"
    field = data["imsx_codeMinor"]["imsx_codeMinorField"][0]
    assert field["imsx_codeMinorFieldValue"] == minor


def test_query_count_does_not_grow_with_the_profile(client, profile, django_assert_num_queries):
    with django_assert_num_queries(5):
        package(client)
    with django_assert_num_queries(5):
        get_json(client, f"{BASE}/CFItemAssociations/{WORK_PROCESS_1_2}")


def test_etag_and_last_modified(client, profile):
    response = client.get(f"{BASE}/CFPackages/{DOCUMENT}")
    assert response["Last-Modified"] and response["ETag"]
    again = client.get(f"{BASE}/CFPackages/{DOCUMENT}", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    WorkProcess.objects.filter(code="1.2").update(title="Werkvoorbereiding")
    changed = client.get(f"{BASE}/CFPackages/{DOCUMENT}", HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200


def test_last_change_is_the_rows_latest_revision(client, profile):
    item = get_json(client, f"{BASE}/CFItems/{WORK_PROCESS_1_2}")
    # Never edited: the profile as adopted (7 July 2022, 00:00 in the Netherlands).
    assert PROFILE_ADOPTED.isoformat() == "2022-07-07"
    assert item["lastChangeDateTime"] == "2022-07-06T22:00:00Z"
    process = WorkProcess.objects.get(code="1.2")
    revision = process.save_revision(log_action=False)
    item = get_json(client, f"{BASE}/CFItems/{WORK_PROCESS_1_2}")
    assert datetime.fromisoformat(item["lastChangeDateTime"]) == revision.created_at.replace(
        microsecond=0
    )
    document = get_json(client, f"{BASE}/CFDocuments/{DOCUMENT}")
    assert document["lastChangeDateTime"] == item["lastChangeDateTime"]


def test_cfitem_url_for_badges_and_statements(rf, profile):
    path = reverse("api:content_api:case-cfitem", kwargs={"identifier": WIELOPHANGING})
    assert path == f"{BASE}/CFItems/{WIELOPHANGING}"
    assert cfitem_url("https://example.nl/", WIELOPHANGING) == f"https://example.nl{path}"
    assert cfitem_url(rf.get("/"), WIELOPHANGING) == f"http://testserver{path}"


def test_the_document_is_the_seeds(profile):
    for part in (PROFILE_TITLE, PROFILE_CREATOR, "7 juli 2022"):
        assert part in SOURCE


# --- the platform's other JSON names the same identifiers ---------------------------------------


def test_a_lessons_profile_tags_carry_their_case_identifier(client, profile, module):
    from content.models.profile import KnowledgeItem
    from tests.factories.content import LessonPageFactory

    lesson = LessonPageFactory(
        parent=module,
        work_processes=[WorkProcess.objects.get(code="1.2")],
        knowledge_items=[KnowledgeItem.objects.get(slug="wielophanging")],
    )
    data = get_json(client, f"/api/v1/pages/{lesson.pk}/")
    [process] = data["work_processes"]
    assert process["case_identifier"] == WORK_PROCESS_1_2
    assert process["meta"]["type"] == "content.WorkProcess"
    validate(get_json(client, process["case_uri"]), "CFItemDType")
    [knowledge] = data["knowledge_items"]
    assert knowledge["case_identifier"] == WIELOPHANGING
    assert data["trade_offs"] == []


def test_coverage_and_profile_apis_name_the_case_identifiers(client, client_for, editor, profile):
    items = {item["identifier"] for item in package(client)["CFItems"]}
    coverage = get_json(client_for(editor), "/api/v1/content/coverage/")
    named = [
        row["case_identifier"]
        for group in ("work_processes", "knowledge_items", "competence_areas", "trade_offs")
        for row in coverage[group]
    ]
    assert len(named) == 4 + 21 + 4 + 6 and set(named) <= items
    assert WIELOPHANGING in named
    profile_api = get_json(client, "/api/v1/competence-profile/")
    task = profile_api["core_tasks"][0]
    named = [task["case_identifier"]] + [p["case_identifier"] for p in task["work_processes"]]
    for group in ("knowledge_items", "competence_areas", "trade_offs"):
        named += [entry["case_identifier"] for entry in profile_api[group]]
    assert set(named) == items
