"""A case's HV facts each have a source the trainee can find (cases.hv_questions): publishing
refuses a case whose facts cannot be found, or whose expert reasons do not hold."""

from types import SimpleNamespace

from cases.dossier_timeline import describe_event
from cases.expert_reasons import expert_reason_errors
from cases.hv_questions import hv_source_errors, readable_photo_name
from cases.timeline import EventKind

FACTS = {
    "airbags_fired": False,
    "battery_housing_damaged": False,
    "warning_lights": True,
    "smell_or_heat": False,
}
SOURCES = {
    "airbags_fired": {"question": "airbags"},
    "battery_housing_damaged": {"question": "underbody_hit"},
    "warning_lights": {"photo": "dash.png"},
    "smell_or_heat": {"question": "smell_or_smoke"},
}
ANSWERS = {"airbags": "Nee.", "underbody_hit": "Nee.", "smell_or_smoke": "Nee."}


def paths(errors):
    return {error["path"] for error in errors}


def test_a_case_whose_facts_can_all_be_found_is_accepted():
    assert hv_source_errors(FACTS, SOURCES, ANSWERS, ["dash.png"]) == []


def test_a_fact_without_a_source_is_refused():
    sources = {k: v for k, v in SOURCES.items() if k != "smell_or_heat"}
    assert "hv_fact_sources.smell_or_heat" in paths(
        hv_source_errors(FACTS, sources, ANSWERS, ["dash.png"])
    )


def test_a_question_that_does_not_reveal_the_fact_or_has_no_answer_is_refused():
    wrong = {**SOURCES, "airbags_fired": {"question": "towed"}}
    assert "hv_fact_sources.airbags_fired" in paths(
        hv_source_errors(FACTS, wrong, ANSWERS, ["dash.png"])
    )
    unanswered = {k: v for k, v in ANSWERS.items() if k != "airbags"}
    assert "hv_answers.airbags" in paths(hv_source_errors(FACTS, SOURCES, unanswered, ["dash.png"]))


def test_a_photo_source_must_be_an_intake_photo_of_the_case():
    errors = hv_source_errors(FACTS, SOURCES, ANSWERS, ["other.png"])
    assert "hv_fact_sources.warning_lights" in paths(errors)


def test_sources_on_a_car_without_hv_facts_are_refused():
    assert hv_source_errors(None, SOURCES, {}, []) != []
    assert hv_source_errors(None, {}, {}, []) == []


def test_the_demo_loaders_content_hash_is_not_part_of_the_name():
    assert (
        readable_photo_name("cases/demo/0a1b/niro-underbody-0123456789ab.png")
        == "niro-underbody.png"
    )
    assert readable_photo_name("cases/x/v1/ffff/dashboard.png") == "dashboard.png"


def test_an_unknown_or_derived_expert_reason_is_not_written_in_a_case():
    version = SimpleNamespace(expert_reasons=["amount_over_limit", "zomaar"], expected_decisions={})
    assert paths(expert_reason_errors(version)) == {"expert_reasons.0", "expert_reasons.1"}


def test_the_timeline_names_the_fact_and_its_source_in_words():
    pairs = dict(
        describe_event(
            EventKind.HV_FACT_RECORDED,
            {
                "fact": "warning_lights",
                "present": True,
                "source": {"photo": "dash.png"},
                "source_text": "foto: Instrumentenpaneel",
            },
        )
    )
    assert pairs["HV-feit"] == "waarschuwingslampjes branden"
    assert pairs["bevinding"] == "ja"
    assert pairs["bron"] == "foto: Instrumentenpaneel"
