"""A form's coverage of its blueprint (toetsmatrijs): required against covered shares per
profile key, and the gaps."""

from decimal import Decimal

import pytest

from assessment.exam_quality import (
    CoverageStatus,
    ExamQualityInputError,
    FormItem,
    coverage,
)
from assessment.scoring.competence import ANALYSEREN, AREA_KEYS, INTERACTEREN, ORGANISEREN

ANALYSE = AREA_KEYS[ANALYSEREN]
ORGANISE = AREA_KEYS[ORGANISEREN]
INTERACT = AREA_KEYS[INTERACTEREN]

# Four items of weight 1, 1, 1, 2 (total 5).
ITEMS = [
    FormItem("line:1", 1, {"work_processes": ["1.2"], "competence_areas": [ANALYSE]}),
    FormItem("line:2", 1, {"work_processes": ["1.2"], "competence_areas": [ANALYSE]}),
    FormItem("check:a", 1, {"work_processes": ["1.1", "1.2"], "competence_areas": [ORGANISE]}),
    FormItem("check:b", 2, {"work_processes": ["1.4"]}),
]


def entry(result, dimension, key):
    return next(e for e in result.keys if (e.dimension, e.key) == (dimension, key))


def test_required_and_covered_shares_per_work_process():
    # given: the blueprint asks 1.1 10 %, 1.2 50 %, 1.3 20 %, 1.4 20 % (weights 1:5:2:2)
    blueprint = {"work_processes": {"1.1": 1, "1.2": 5, "1.3": 2, "1.4": 2}}

    # when
    result = coverage(blueprint, ITEMS)

    # then: 1.2 gets lines 1 and 2 and half of check a: 2.5 of 5; 1.1 the other half: 0.5 of 5
    assert [(e.key, e.required, e.covered, e.status) for e in result.keys] == [
        ("1.1", Decimal("0.1000"), Decimal("0.1000"), CoverageStatus.COVERED),
        ("1.2", Decimal("0.5000"), Decimal("0.5000"), CoverageStatus.COVERED),
        ("1.3", Decimal("0.2000"), Decimal("0.0000"), CoverageStatus.MISSING),
        ("1.4", Decimal("0.2000"), Decimal("0.4000"), CoverageStatus.COVERED),
    ]
    assert [(e.key, e.shortfall) for e in result.gaps] == [("1.3", Decimal("0.2000"))]
    assert result.unmapped == {"work_processes": Decimal("0.0000")}


def test_a_key_short_by_more_than_the_tolerance_is_a_gap_and_one_within_it_is_not():
    # given: analysing asked 60 %, covered 2/5 = 40 %; organising asked 25 %, covered 20 %
    blueprint = {"competence_areas": {ANALYSE: 60, ORGANISE: 25, INTERACT: 15}}

    # when
    result = coverage(blueprint, ITEMS)

    # then
    assert entry(result, "competence_areas", ANALYSE).status is CoverageStatus.UNDER
    assert entry(result, "competence_areas", ORGANISE).status is CoverageStatus.COVERED
    assert entry(result, "competence_areas", INTERACT).status is CoverageStatus.MISSING
    assert [e.key for e in result.gaps] == [ANALYSE, INTERACT]
    # check b shows no competence area: 2/5 of the form
    assert result.unmapped["competence_areas"] == Decimal("0.4000")
    # a stricter tolerance makes organising a gap too
    strict = coverage(blueprint, ITEMS, tolerance=Decimal("0.01"))
    assert entry(strict, "competence_areas", ORGANISE).status is CoverageStatus.UNDER


def test_a_key_the_form_covers_but_the_blueprint_does_not_ask_is_unrequired():
    result = coverage({"work_processes": {"1.2": 1}}, ITEMS)

    assert entry(result, "work_processes", "1.4").status is CoverageStatus.UNREQUIRED
    assert entry(result, "work_processes", "1.4").required == 0
    # the blueprint asks only 1.2, which half the form shows
    assert [e.key for e in result.gaps] == ["1.2"]


def test_dimensions_the_blueprint_does_not_name_are_not_compared():
    result = coverage({"work_processes": {"1.2": 1}}, ITEMS)

    assert {e.dimension for e in result.keys} == {"work_processes"}


def test_unknown_profile_keys_and_bad_weights_are_refused_in_dutch():
    blueprint = {
        "work_processes": {"1.9": 1, "1.2": -1},
        "knowledge": {"calculatieprogramma": "veel"},
        "skills": {},
    }
    items = [FormItem("line:1", "x", {"competence_areas": ["Analyseren en interpreteren"]})]

    with pytest.raises(ExamQualityInputError) as refused:
        coverage(blueprint, items)

    assert refused.value.errors == [
        "toetsmatrijs: '1.9' is geen sleutel van work_processes in het profiel",
        "toetsmatrijs: gewicht van work_processes '1.2' moet een getal ≥ 0 zijn, niet -1",
        "toetsmatrijs: gewicht van knowledge 'calculatieprogramma' moet een getal ≥ 0 zijn, "
        "niet 'veel'",
        "toetsmatrijs: de gewichten van knowledge tellen op tot 0",
        "toetsmatrijs: onbekende dimensie 'skills'",
        "item 'line:1': gewicht moet een getal ≥ 0 zijn, niet 'x'",
        "item 'line:1': 'Analyseren en interpreteren' is geen sleutel van competence_areas in "
        "het profiel",
    ]


def test_extracted_items_feed_the_coverage():
    from assessment.exam_quality.extract import check_profile, line_profile

    items = [
        FormItem("line:1", Decimal("0.6"), line_profile()),
        FormItem("check:expert_requested", Decimal("0.4"), check_profile("expert_requested")),
    ]

    result = coverage(
        {"knowledge": {"calculatieprogramma": 1, "werkwijzen-opdrachtgevers": 1}}, items
    )

    # the line shows calculatieprogramma and reparatiemethodes: 0.3 each
    assert entry(result, "knowledge", "calculatieprogramma").covered == Decimal("0.3000")
    assert entry(result, "knowledge", "werkwijzen-opdrachtgevers").covered == Decimal("0.4000")
    assert entry(result, "knowledge", "reparatiemethodes").status is CoverageStatus.UNREQUIRED
