"""The competence profile's keys have one owner, `assessment.scoring.competence`: every key that
scoring, the rubric, the workflow checks and the lesson links use exists in the imported
profile, the importer gives the rows exactly those keys, no other module spells a work
process's or an area's title, and lessons are found by key, never by code-or-title."""

import ast
from pathlib import Path

import pytest

from assessment import mistake_lessons as lessons
from assessment.rubric import AREAS
from assessment.scoring import competence
from assessment.workflow_checks import CHECKS
from content import profile_seed
from content.services import competence_profile_data

ROOT = Path(__file__).resolve().parents[2]
OWNER = ROOT / "assessment" / "scoring" / "competence.py"
PACKAGES = ("assessment", "calcengine", "cases", "content", "schadeplatform")


@pytest.fixture(scope="module")
def profile():
    data, _source = competence_profile_data()
    return {
        "work_processes": {p["code"]: p["title"] for p in data["work_processes"]},
        "areas": {a["slug"]: a for a in data["competence_areas"]},
        "knowledge": {k["slug"]: k["code"] for k in data["knowledge_items"]},
        "trade_offs": {t["slug"] for t in data["trade_offs"]},
    }


def _used_items():
    """Every (work processes, areas, knowledge, trade-offs) that a table of the platform names."""
    tables = [*competence.VERDICT_ITEMS.values(), *competence.CRITICAL_ITEMS.values()]
    used = [
        (
            set(items["work_processes"]),
            set(items["competence_areas"]),
            set(items["knowledge"]),
            set(items["trade_offs"]),
        )
        for items in tables
    ]
    used += [
        (set(items["work_processes"]), set(items["competence_areas"]), set(), set())
        for items in competence.COMPONENT_ITEMS.values()
    ]
    used += [
        ({process}, {area}, set(knowledge), set(trade_offs))
        for _title, process, area, knowledge, trade_offs in CHECKS.values()
    ]
    used.append((set(), set(), set(), set(competence.DECISION_TRADE_OFFS.values())))
    return used


def test_every_key_scoring_the_rubric_and_the_checks_use_exists_in_the_imported_profile(profile):
    for processes, areas, knowledge, trade_offs in _used_items():
        assert processes <= set(profile["work_processes"])
        assert {competence.AREA_KEYS[name] for name in areas} <= set(profile["areas"])
        assert knowledge <= set(profile["knowledge"])
        assert trade_offs <= profile["trade_offs"]
    assert {area.slug for area in AREAS} == set(profile["areas"])


def test_the_imported_rows_carry_the_owners_keys_names_and_descriptions(profile):
    assert profile["work_processes"] == competence.WORK_PROCESSES
    assert profile["knowledge"] == competence.KNOWLEDGE_CODES
    assert profile["trade_offs"] == set(competence.TRADE_OFFS)
    for name, key in competence.AREA_KEYS.items():
        assert profile["areas"][key]["name"] == name
        assert profile["areas"][key]["description"] == competence.AREA_DESCRIPTIONS[name]
    for area in AREAS:
        assert area.description == competence.AREA_DESCRIPTIONS[area.name]
    assert tuple(competence.KNOWLEDGE) == profile_seed.KNOWLEDGE_SLUGS
    assert tuple(competence.TRADE_OFFS) == profile_seed.TRADE_OFF_SLUGS


def _string_constants(path):
    """The string literals of a module, without its docstrings (prose may name a process)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_module_but_the_owner_spells_a_work_process_or_area_title():
    titles = [*competence.WORK_PROCESSES.values(), *competence.COMPETENCE_AREAS]
    titles += [*competence.AREA_DESCRIPTIONS.values()]
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == OWNER or "migrations" in path.parts:
                continue
            for text in _string_constants(path):
                found += [(str(path.relative_to(ROOT)), t) for t in titles if t in text]
    assert found == []


def test_no_demo_case_names_an_area_by_its_title():
    for path in sorted((ROOT / "cases" / "demo_cases").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        assert not [name for name in competence.COMPETENCE_AREAS if name in text], path.name


@pytest.mark.django_db
def test_lessons_are_found_by_key_and_not_by_a_title_or_code(monkeypatch):
    from wagtail.models import Page

    from content.models import CompetenceArea, KnowledgeItem, LessonPage

    root = Page.get_first_root_node()

    def publish(title, **tags):
        lesson = LessonPage(title=title, slug=title.lower().replace(" ", "-"), summary="s", body=[])
        root.add_child(instance=lesson)
        for relation, rows in tags.items():
            getattr(lesson, relation).add(*rows)
        lesson.save_revision().publish()

    systems = "voertuigsystemen"
    by_key = KnowledgeItem.objects.create(
        code=competence.KNOWLEDGE_CODES[systems], slug=systems, title="eigen titel"
    )
    # Same code and title as the profile's item, but not its key: no longer a match.
    look_alike = KnowledgeItem.objects.create(
        code="K99", slug="iets-anders", title=competence.KNOWLEDGE[systems]
    )
    area = CompetenceArea.objects.create(
        slug=competence.AREA_KEYS[competence.ORGANISEREN], name="hernoemd gebied"
    )
    publish("Op sleutel", knowledge_items=[by_key])
    publish("Op titel", knowledge_items=[look_alike])
    publish("Op gebied", competence_areas=[area])

    found = lessons.lessons_for(lessons.ProfileItems(knowledge=frozenset({systems})))
    assert [lesson.title for lesson in found] == ["Op sleutel"]
    # A shared competence area alone no longer makes a lesson "about" the mistake (issue #14,
    # item 10: feedback links only lessons about that error), whatever the area is called.
    found = lessons.lessons_for(
        lessons.ProfileItems(competence_areas=frozenset({competence.ORGANISEREN}))
    )
    assert found == []
    assert area.name == "hernoemd gebied"
