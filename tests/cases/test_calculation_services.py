"""Draft saves with an optimistic lock, and submits that freeze exactly one version."""

import pytest

import calcengine
from cases.calculations import services
from cases.calculations.exceptions import (
    AlreadySubmitted,
    CalculationInvalid,
    CalculationLocked,
    StaleDraft,
)
from cases.calculations.inputs import calculation_input
from cases.models import (
    CalculationDraft,
    CalculationKind,
    CalculationVersion,
    FrozenCalculationVersion,
)
from tests.factories.calculations import BUMPER, GRILLE, CalcAttemptFactory, line

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(trainee, cohort):
    return CalcAttemptFactory(trainee=trainee, cohort=cohort)


def test_a_draft_starts_empty_at_version_zero(attempt):
    draft = services.draft_get_or_create(attempt=attempt)
    assert (draft.lines, draft.version) == ([], 0)


def test_each_draft_save_adds_one_to_the_version(attempt, trainee):
    first = services.draft_save(
        attempt=attempt,
        lines=[line(BUMPER, "replace", line_id="1")],
        expected_version=0,
        by=trainee,
    )
    second = services.draft_save(
        attempt=attempt,
        lines=[*first.lines, line(GRILLE, "replace", line_id="2")],
        expected_version=1,
        by=trainee,
    )
    stored = CalculationDraft.objects.get(attempt=attempt)
    assert (first.version, second.version, stored.version) == (1, 2, 2)
    assert [entry["id"] for entry in stored.lines] == ["1", "2"]
    assert stored.updated_by == trainee


def test_a_stale_save_is_refused_and_overwrites_nothing(attempt, trainee):
    newer = [line(BUMPER, "replace", line_id="1")]
    services.draft_save(attempt=attempt, lines=newer, expected_version=0, by=trainee)

    with pytest.raises(StaleDraft) as refused:
        services.draft_save(attempt=attempt, lines=[], expected_version=0, by=trainee)

    assert refused.value.current_version == 1
    assert "intussen elders gewijzigd (versie 1)" in refused.value.message
    assert refused.value.errors[0]["path"] == "version"
    stored = CalculationDraft.objects.get(attempt=attempt)
    assert (stored.version, stored.lines) == (1, newer)


def test_a_retried_save_whose_answer_was_lost_is_answered_as_the_first_and_written_once(
    attempt, trainee
):
    # given: a save that reached the database, but whose answer the client never saw
    lines = [line(BUMPER, "replace", line_id="1")]
    first = services.draft_save(attempt=attempt, lines=lines, expected_version=0, by=trainee)

    # when: the client sends the very same save again
    retried = services.draft_save(attempt=attempt, lines=lines, expected_version=0, by=trainee)

    # then: the same answer, and the version moved once
    assert (first.version, retried.version) == (1, 1)
    stored = CalculationDraft.objects.get(attempt=attempt)
    assert (stored.version, stored.lines) == (1, lines)


def test_a_different_save_from_the_same_base_is_still_stale(attempt, trainee):
    services.draft_save(
        attempt=attempt,
        lines=[line(BUMPER, "replace", line_id="1")],
        expected_version=0,
        by=trainee,
    )

    with pytest.raises(StaleDraft):
        services.draft_save(
            attempt=attempt,
            lines=[line(GRILLE, "replace", line_id="2")],
            expected_version=0,
            by=trainee,
        )


def test_an_invalid_draft_is_saved_and_its_errors_are_reported(attempt, trainee):
    broken = line(BUMPER, "replace", line_id="1") | {"unit_price": "twaalf"}
    draft = services.draft_save(attempt=attempt, lines=[broken], expected_version=0, by=trainee)

    preview = services.calculation_estimate(attempt=attempt, lines=draft.lines)

    assert CalculationDraft.objects.get(attempt=attempt).lines == [broken]
    assert preview["estimate"] is None
    assert [e["path"] for e in preview["errors"]] == ["lines[0].unit_price"]


def test_the_estimate_uses_the_cases_vehicle_and_rates(attempt):
    lines = [line(BUMPER, "replace", line_id="1")]
    preview = services.calculation_estimate(attempt=attempt, lines=lines)
    expected = calcengine.estimate(
        {
            "spec": "schadecalc/1",
            "vehicle": attempt.case_version.vehicle_snapshot,
            "rates": attempt.case_version.rates_snapshot,
            "lines": lines,
        }
    )
    assert preview == {"estimate": expected, "errors": []}


def test_a_finished_attempt_takes_no_more_draft_saves(attempt, trainee):
    attempt.submitted_at = attempt.started_at
    attempt.save()
    with pytest.raises(CalculationLocked):
        services.draft_save(attempt=attempt, lines=[], expected_version=0, by=trainee)


def _save(attempt, trainee, lines, expected):
    return services.draft_save(attempt=attempt, lines=lines, expected_version=expected, by=trainee)


def test_submit_freezes_the_input_and_the_engines_output(attempt, trainee):
    lines = [line(BUMPER, "replace", line_id="1")]
    _save(attempt, trainee, lines, 0)

    version = services.calculation_submit(attempt=attempt, kind="precalc", by=trainee)

    expected_input = calculation_input(case_version=attempt.case_version, lines=lines)
    assert (version.number, version.kind, version.draft_version) == (1, "precalc", 1)
    assert version.input == expected_input
    assert version.output == calcengine.estimate(expected_input)
    assert version.diff is None
    assert version.submitted_by == trainee
    assert CalculationVersion.objects.get(pk=version.pk).output == version.output


def test_a_second_version_carries_the_diff_against_the_first(attempt, trainee):
    first_lines = [line(BUMPER, "replace", line_id="1")]
    _save(attempt, trainee, first_lines, 0)
    first = services.calculation_submit(attempt=attempt, kind="precalc", by=trainee)
    _save(attempt, trainee, [*first_lines, line(GRILLE, "replace", line_id="2")], 1)

    second = services.calculation_submit(attempt=attempt, kind="supplement", by=trainee)

    assert second.number == 2
    assert second.diff == calcengine.diff(first.input, second.input)
    assert [added["code"] for added in second.diff["lines"]["added"]] == [GRILLE]
    assert second.diff["totals"]["total_incl_vat"]["old"] == first.output["total_incl_vat"]


def test_a_double_submit_of_the_same_draft_makes_one_version_and_tells_the_loser(attempt, trainee):
    _save(attempt, trainee, [line(BUMPER, "replace", line_id="1")], 0)
    services.calculation_submit(attempt=attempt, kind="precalc", by=trainee, expected_version=1)

    with pytest.raises(AlreadySubmitted) as refused:
        services.calculation_submit(attempt=attempt, kind="precalc", by=trainee, expected_version=1)

    assert CalculationVersion.objects.filter(attempt=attempt).count() == 1
    assert "al ingediend als voorcalculatie (versie 1)" in refused.value.message


def test_a_racing_submit_that_loses_the_number_gets_already_submitted(
    attempt, trainee, monkeypatch
):
    # given: a parallel submit took number 1 between this submit's read and its insert, as
    # happens without row locks (SQLite)
    _save(attempt, trainee, [line(BUMPER, "replace", line_id="1")], 0)
    winner = services.calculation_submit(attempt=attempt, kind="precalc", by=trainee)
    _save(attempt, trainee, [line(GRILLE, "replace", line_id="1")], 1)
    monkeypatch.setattr(services, "_previous_version", lambda attempt: None)

    # when
    with pytest.raises(AlreadySubmitted) as refused:
        services.calculation_submit(attempt=attempt, kind="final", by=trainee)

    # then
    assert list(CalculationVersion.objects.filter(attempt=attempt)) == [winner]
    assert refused.value.number == 1


def test_the_same_draft_may_be_submitted_once_per_kind(attempt, trainee):
    # A final calculation identical to the approved pre-calculation is ordinary.
    _save(attempt, trainee, [line(BUMPER, "replace", line_id="1")], 0)
    services.calculation_submit(attempt=attempt, kind="precalc", by=trainee)
    final = services.calculation_submit(attempt=attempt, kind="final", by=trainee)
    assert final.number == 2
    assert final.diff["lines"] == {"added": [], "removed": [], "changed": []}


def test_submit_refuses_an_invalid_calculation_with_the_engines_errors(attempt, trainee):
    _save(attempt, trainee, [line(BUMPER, "replace", line_id="1") | {"labour_units": "-5"}], 0)
    with pytest.raises(CalculationInvalid) as refused:
        services.calculation_submit(attempt=attempt, kind="precalc", by=trainee)
    assert refused.value.errors[0]["path"] == "lines[0].labour_units"
    assert not CalculationVersion.objects.exists()


def test_submit_refuses_a_calculation_without_lines(attempt, trainee):
    with pytest.raises(CalculationInvalid) as refused:
        services.calculation_submit(attempt=attempt, kind="precalc", by=trainee)
    assert refused.value.errors[0]["path"] == "lines"


def test_submit_refuses_a_draft_that_moved_on_since_the_submitter_saw_it(attempt, trainee):
    _save(attempt, trainee, [line(BUMPER, "replace", line_id="1")], 0)
    _save(attempt, trainee, [line(GRILLE, "replace", line_id="1")], 1)
    with pytest.raises(StaleDraft):
        services.calculation_submit(attempt=attempt, kind="precalc", by=trainee, expected_version=1)
    assert not CalculationVersion.objects.exists()


def test_a_submitted_version_cannot_be_changed_or_deleted(attempt, trainee):
    _save(attempt, trainee, [line(BUMPER, "replace", line_id="1")], 0)
    version = services.calculation_submit(attempt=attempt, kind="precalc", by=trainee)

    version.output = {"total_incl_vat": "0.00"}
    with pytest.raises(FrozenCalculationVersion):
        version.save()
    with pytest.raises(FrozenCalculationVersion):
        version.delete()

    assert CalculationVersion.objects.get(pk=version.pk).output["total_incl_vat"] != "0.00"


def test_the_kinds_are_the_claims_three():
    assert CalculationKind.values == ["precalc", "supplement", "final"]
