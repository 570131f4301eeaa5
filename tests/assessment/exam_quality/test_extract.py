"""The response matrix built from stored results: every known Golf submission of
shared/cases/scoring/ scored by the real scorer (`schadescore/2`, stored as a grade stores it,
`to_json(exact=True)`), with the real workflow checks on a dossier timeline."""

import math
from decimal import Decimal

import pytest

from assessment.exam_quality import ExamQualityInputError, item_analysis
from assessment.exam_quality.extract import matrix_from_results
from assessment.scoring import rescore, score
from assessment.workflow_checks import CHECKS, run_checks
from calcengine import loads, parse
from cases.timeline import EventKind
from tests.assessment.timeline_fakes import ev, fake_case
from tests.shared import SCORING_DIR

REFERENCE = loads((SCORING_DIR / "golf.reference.json").read_bytes())
SUBMISSIONS = sorted(
    path.name.removeprefix("golf.").removesuffix(".json")
    for path in SCORING_DIR.glob("golf.*.json")
    if path.name != "golf.reference.json"
)
CASE = fake_case(delivery_checklist=["Lakkleur gecontroleerd"])

APPROVED = ev(EventKind.PAYER_DECISION, outcome="approved")
# Half the trainees order parts before approval; the other half after.
EARLY = [ev(EventKind.PARTS_ORDERED), APPROVED]
ON_TIME = [APPROVED, ev(EventKind.PARTS_ORDERED)]


def stored(name, events):
    submission = loads((SCORING_DIR / f"golf.{name}.json").read_bytes())
    result = score(parse(REFERENCE), parse(submission)).to_json(exact=True)
    result["scored"] = {"reference": "reference_final"}
    checks = [check.to_json() for check in run_checks(CASE, events)]
    return {"candidate": name, "machine_result": result, "workflow_checks": checks}


@pytest.fixture(scope="module")
def results():
    return [
        stored(name, EARLY if number % 2 else ON_TIME) for number, name in enumerate(SUBMISSIONS)
    ]


def column(matrix, key):
    index = [item.key for item in matrix.items].index(key)
    return dict(zip(matrix.candidates, matrix.values[:, index], strict=True))


def test_items_are_the_reference_lines_then_the_checks_that_applied(results):
    matrix = matrix_from_results(results)

    line_ids = [line["id"] for line in REFERENCE["lines"]]
    applied = [key for key in CHECKS if key in {"expert_requested", "no_order_before_approval"}]
    assert [item.key for item in matrix.items] == [
        *(f"line:{line_id}" for line_id in line_ids),
        *(f"check:{key}" for key in applied),
    ]
    assert matrix.candidates == tuple(SUBMISSIONS)
    assert matrix.items[0].label == REFERENCE["lines"][0]["code"]
    assert matrix.items[-1].label == CHECKS["no_order_before_approval"][0]


def test_cells_are_the_scorers_credits_and_the_checks_outcomes(results):
    matrix = matrix_from_results(results)

    identical = dict(
        zip(
            [i.key for i in matrix.items],
            matrix.values[SUBMISSIONS.index("identical")],
            strict=True,
        )
    )
    assert all(value == 1 for key, value in identical.items() if key.startswith("line:"))
    # The forgotten radar calibration (reference line 6) earns nothing.
    radar = column(matrix, "line:6")
    assert radar["radar-calibration-forgotten"] == 0
    assert radar["identical"] == 1
    # Every line's cell is its exact stored credit.
    for result in results:
        for line in result["machine_result"]["lines"]:
            if line["reference_line_id"] is not None:
                cell = column(matrix, f"line:{line['reference_line_id']}")[result["candidate"]]
                assert cell == float(Decimal(line["basis"]["credit"]))
    order = column(matrix, "check:no_order_before_approval")
    assert [order[name] for name in SUBMISSIONS] == [
        0.0 if number % 2 else 1.0 for number in range(len(SUBMISSIONS))
    ]


def test_partial_credit_is_kept_and_is_not_full_credit(results):
    matrix = matrix_from_results(results)

    bonnet = column(matrix, "line:4")["bonnet-units-and-wing-painted"]
    assert 0 < bonnet < 1
    analysis = {item.key: item for item in item_analysis(matrix).items}
    facility = analysis["line:4"].facility
    full = sum(1 for value in column(matrix, "line:4").values() if value == 1)
    assert facility == full / len(SUBMISSIONS)


def test_a_check_that_did_not_apply_is_an_empty_cell(results):
    # given: one trainee's dossier reached delivery with the checklist ticked
    delivered = [
        APPROVED,
        ev(
            EventKind.FINAL_INSPECTION_DONE,
            checklist=[{"item": "Lakkleur gecontroleerd", "ok": True}],
        ),
        ev(EventKind.VEHICLE_DELIVERED),
    ]
    chosen = [*results[:-1], stored(SUBMISSIONS[-1], delivered)]

    # when
    matrix = matrix_from_results(chosen)

    # then
    checklist = column(matrix, "check:delivery_checklist")
    assert checklist[SUBMISSIONS[-1]] == 1
    assert all(math.isnan(checklist[name]) for name in SUBMISSIONS[:-1])
    assert "check:hv_judgement" not in [item.key for item in matrix.items]


def test_an_assessors_override_counts_with_its_credit(results):
    # given: the assessor accepts the forgotten calibration as correct after all
    name = "radar-calibration-forgotten"
    overridden = dict(results[SUBMISSIONS.index(name)])
    overridden["machine_result"] = rescore(overridden["machine_result"], {"6": "correct"})
    chosen = [overridden if result["candidate"] == name else result for result in results]

    # when
    radar = column(matrix_from_results(chosen), "line:6")

    # then
    assert radar[name] == 1


def test_items_carry_profile_keys_and_weights(results):
    items = {item.key: item for item in matrix_from_results(results).items}

    line = items["line:1"]
    assert line.kind == "line"
    assert line.weight == Decimal(results[0]["machine_result"]["lines"][0]["basis"]["weight"])
    assert line.profile["work_processes"] == ("1.2",)
    assert line.profile["competence_areas"] == ("analyseren-en-interpreteren",)
    check = items["check:no_order_before_approval"]
    assert check.kind == "check" and check.weight is None
    assert check.profile["competence_areas"] == ("organiseren-en-uitvoeren",)
    assert "werkwijzen-opdrachtgevers" in check.profile["knowledge"]


def test_results_against_different_references_are_refused_unless_one_is_chosen(results):
    precalc = dict(results[0])
    precalc["machine_result"] = {
        **precalc["machine_result"],
        "scored": {"reference": "reference_precalc"},
    }
    mixed = [precalc, *results[1:]]

    with pytest.raises(ExamQualityInputError) as refused:
        matrix_from_results(mixed)
    assert refused.value.errors == [
        "de resultaten zijn gescoord tegen verschillende referenties "
        f"(reference_precalc: 1, reference_final: {len(results) - 1}); kies er één"
    ]
    chosen = matrix_from_results(mixed, reference="reference_final")
    assert chosen.candidates == tuple(SUBMISSIONS[1:])


def test_item_analysis_runs_on_the_extracted_matrix(results):
    analysis = item_analysis(matrix_from_results(results))

    by_key = {item.key: item for item in analysis.items}
    # Lines every known submission gets right, and the expertise nobody requested, do not
    # tell trainees apart.
    assert [key for key, item in by_key.items() if "no_spread" in item.flags] == [
        "line:1",
        "line:3",
        "line:7",
        "line:8",
        "line:9",
        "check:expert_requested",
    ]
    assert by_key["line:4"].facility == 0.8  # two submissions work the bonnet otherwise
    assert by_key["check:no_order_before_approval"].facility == 0.5
    assert by_key["check:no_order_before_approval"].discrimination is not None
    assert analysis.candidates == len(SUBMISSIONS)
