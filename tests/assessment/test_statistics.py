"""Agreement statistics on the pages and the API (issue #15, items 3 and 7): the figures equal
what `manage.py agreement_stats` prints for the page's own ratings download; harsh and lenient
markers are flagged; who sees which cohort, set and row."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.template.defaultfilters import floatformat

from assessment.models import GradeRole
from assessment.statistics import criteria
from tests.assessment.statistics_builders import (
    agreed,
    assessors,
    calibration_ratings,
    calibration_set,
    case_version,
    double_marked,
    exam_board_user,
    exam_period,
    signed,
)
from tests.factories.assessment import AttemptFactory

pytestmark = pytest.mark.django_db

# Each marker's offset from the agreed score; the last is far more lenient than the others.
OFFSETS = (0, 1, -1, 0.5, -0.5, 0, 20)
ATTEMPTS = 14


@pytest.fixture
def marked_cohort(cohort, assessor, trainee, organisation):
    """14 attempts of cohort A, each marked by two of seven markers (the cohort's `assessor`
    first among them), with an agreed grade at the attempt's base score."""
    markers = [assessor, *assessors(6, organisation, cohort)]
    version = case_version()
    for i in range(ATTEMPTS):
        base = 40 + 3 * i
        level = 1 + i % 4
        first, second = markers[i % 7], markers[(i + 3) % 7]
        double_marked(
            trainee,
            cohort,
            version,
            (first, base + OFFSETS[i % 7], (level, level, min(4, level + 1), level)),
            (
                second,
                base + OFFSETS[(i + 3) % 7],
                (
                    min(4, level + (i % 5 == 0)),
                    level,
                    min(4, level + 1),
                    max(1, level - (i % 3 == 0)),
                ),
            ),
            agreed_score=base,
        )
    return markers


def _command(tmp_path, name: str, text: str) -> dict:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("agreement_stats", str(path), stdout=out)
    return json.loads(out.getvalue())


def test_page_and_api_figures_equal_the_commands_on_the_downloaded_ratings(
    marked_cohort, cohort, client_for, tmp_path
):
    # given the exam board, who sees every row
    board = exam_board_user(organisation=cohort.organisation)
    client = client_for(board)
    # when it reads the API and downloads each criterion's ratings from the page
    body = client.get(f"/api/v1/assessment/cohorts/{cohort.pk}/agreement/").json()
    page = client.get(f"/beoordeling/groep/{cohort.pk}/overeenstemming/").content.decode()
    assert [entry["key"] for entry in body["criteria"]] == [c.key for c in criteria()]
    for entry in body["criteria"]:
        download = client.get(f"/beoordeling/groep/{cohort.pk}/overeenstemming/{entry['key']}.csv")
        assert download.status_code == 200
        # then the command gives exactly the figures the API gives
        assert entry["agreement"] is not None, entry["errors"]
        assert (
            _command(tmp_path, f"{entry['key']}.csv", download.content.decode())
            == (entry["agreement"])
        )
        assert entry["agreement"]["subjects"] == ATTEMPTS
        assert entry["agreement"]["raters"] == 2
        # and the page shows them, rounded to three decimals
        if entry["kind"] == "score":
            for form in ("ICC1", "ICC2", "ICC3k"):
                assert floatformat(entry["agreement"]["icc"][form]["value"], 3) in page
        else:
            assert floatformat(entry["agreement"]["kappa_quadratic"], 3) in page
    # and each marker's own figures equal the command's on their download
    lenient = marked_cohort[-1]
    score = body["criteria"][0]
    row = next(r for r in score["assessors"] if r["assessor"] == lenient.username)
    own = client.get(
        f"/beoordeling/groep/{cohort.pk}/overeenstemming/score.csv?beoordelaar={lenient.pk}"
    )
    assert own.content.decode().splitlines()[0] == "subject,rater,score"
    assert _command(tmp_path, "own.csv", own.content.decode()) == row["agreement"]


def test_the_download_is_the_commands_format_with_numbered_attempts(
    marked_cohort, cohort, client_for, trainee
):
    client = client_for(exam_board_user(organisation=cohort.organisation))
    text = client.get(f"/beoordeling/groep/{cohort.pk}/overeenstemming/score.csv").content.decode()
    lines = text.splitlines()
    assert lines[0] == "subject,rater,score"
    assert lines[1:3] == ["poging-001,eerste,40.0", "poging-001,tweede,40.5"]
    assert len(lines) == 1 + 2 * ATTEMPTS
    # no trainee is named
    assert trainee.username not in text
    levels = client.get(
        f"/beoordeling/groep/{cohort.pk}/overeenstemming/analyseren-en-interpreteren.csv"
    ).content.decode()
    assert levels.splitlines()[0] == "subject,rater,level"
    assert levels.splitlines()[1] == "poging-001,eerste,1"


def test_a_lenient_marker_is_flagged_and_the_others_are_not(marked_cohort, cohort, client_for):
    client = client_for(exam_board_user(organisation=cohort.organisation))
    body = client.get(f"/api/v1/assessment/cohorts/{cohort.pk}/agreement/").json()
    rows = {row["assessor"]: row for row in body["criteria"][0]["assessors"]}
    assert len(rows) == 7
    lenient = marked_cohort[-1].username
    assert rows[lenient]["flag"] == "mild"
    assert rows[lenient]["mean_difference"] == pytest.approx(20)
    assert rows[lenient]["z"] > 2
    assert all(row["flag"] is None for name, row in rows.items() if name != lenient)
    page = client.get(f"/beoordeling/groep/{cohort.pk}/overeenstemming/").content.decode()
    assert 'class="badge warn bias-flag">mild<' in page


def test_an_assessor_of_the_cohort_sees_the_figures_and_only_their_own_row(
    marked_cohort, cohort, assessor, client_for
):
    client = client_for(assessor)
    body = client.get(f"/api/v1/assessment/cohorts/{cohort.pk}/agreement/").json()
    for entry in body["criteria"]:
        assert [row["assessor"] for row in entry["assessors"]] == [assessor.username]
        assert entry["agreement"]["subjects"] == ATTEMPTS
    page = client.get(f"/beoordeling/groep/{cohort.pk}/overeenstemming/")
    assert page.status_code == 200
    assert page.content.decode().count('class="assessor-row"') == len(criteria())
    # their own ratings, not another marker's
    own = f"/beoordeling/groep/{cohort.pk}/overeenstemming/score.csv?beoordelaar="
    assert client.get(own + str(assessor.pk)).status_code == 200
    assert client.get(own + str(marked_cohort[-1].pk)).status_code == 404
    api = f"/api/v1/assessment/cohorts/{cohort.pk}/agreement/score.csv?assessor="
    assert client.get(api + str(marked_cohort[-1].pk)).status_code == 404


def test_other_cohorts_trainees_and_editors_get_404(
    marked_cohort, cohort, outsider_assessor, trainee, editor, client_for
):
    for user in (outsider_assessor, trainee, editor):
        client = client_for(user)
        assert client.get(f"/beoordeling/groep/{cohort.pk}/overeenstemming/").status_code == 404
        assert client.get(f"/api/v1/assessment/cohorts/{cohort.pk}/agreement/").status_code == 404
        assert (
            client.get(f"/beoordeling/groep/{cohort.pk}/overeenstemming/score.csv").status_code
            == 404
        )


def test_the_exam_board_of_another_organisation_sees_the_cohort(marked_cohort, cohort, client_for):
    board = exam_board_user("examencommissie_elders")  # an organisation of its own
    assert board.organisation_id != cohort.organisation_id
    client = client_for(board)
    assert client.get(f"/beoordeling/groep/{cohort.pk}/overeenstemming/").status_code == 200


def test_an_undefined_figure_says_why(cohort, assessor, trainee, organisation, client_for):
    # given one double-marked attempt only: no design of at least two subjects
    second = assessors(1, organisation, cohort, prefix="tweede")[0]
    double_marked(
        trainee, cohort, case_version(), (assessor, 70, (3, 3, 3, 3)), (second, 72, (3, 3, 3, 3))
    )
    page = client_for(assessor).get(f"/beoordeling/groep/{cohort.pk}/overeenstemming/")
    text = page.content.decode()
    assert "minstens 2 subjects nodig" in text


def test_exam_attempts_count_only_once_their_agreed_grade_is_determined(
    exam_group, examiner, multi_cohort_trainee, organisation, client_for
):
    second = assessors(1, organisation, exam_group, prefix="examen")[0]
    version = case_version()
    waiting = AttemptFactory(trainee=multi_cohort_trainee, cohort=exam_group, case_version=version)
    signed(waiting, examiner, GradeRole.PRIMARY, 70, (3, 3, 3, 3))
    signed(waiting, second, GradeRole.SECOND, 60, (2, 3, 3, 3))
    client = client_for(examiner)
    url = f"/api/v1/assessment/cohorts/{exam_group.pk}/agreement/"
    assert client.get(url).json()["subjects"] == 0
    for score in (50, 80):
        attempt = AttemptFactory(
            trainee=multi_cohort_trainee, cohort=exam_group, case_version=version
        )
        first = signed(attempt, examiner, GradeRole.PRIMARY, score, (2, 3, 3, 3))
        signed(attempt, second, GradeRole.SECOND, score + 4, (3, 3, 3, 3))
        agreed(attempt, score + 2, first)
    body = client.get(url).json()
    assert body["subjects"] == 2
    assert body["criteria"][0]["agreement"] is None  # four ratings: fewer than the ICC needs
    assert "minstens 5 beoordelingen" in body["criteria"][0]["errors"][0]


# -- calibration sets -------------------------------------------------------------------------

AGREED_ITEMS = [(50, (1, 2, 2, 1)), (60, (2, 2, 3, 2)), (70, (3, 2, 3, 3)), (80, (3, 4, 3, 3))]


@pytest.fixture
def rated_set(trainee, assessor, organisation):
    period = exam_period()
    created = calibration_set(trainee, AGREED_ITEMS)
    others = assessors(2, organisation, prefix="kalibrant")
    for user, points, step in ((assessor, 2, 0), (others[0], -3, 0), (others[1], 5, 1)):
        given = [
            (
                score + points * (1 + n % 2),
                tuple(min(4, level + step * (n % 2)) for level in levels),
            )
            for n, (score, levels) in enumerate(AGREED_ITEMS)
        ]
        calibration_ratings(created, user, period, given)
    return created, period, others


def test_calibration_figures_equal_the_commands_for_the_exam_board(rated_set, client_for, tmp_path):
    created, _period, _others = rated_set
    client = client_for(exam_board_user())
    body = client.get(f"/api/v1/assessment/calibration/sets/{created.pk}/agreement/").json()
    page = client.get(f"/beoordeling/kalibratie/set/{created.pk}/overeenstemming/")
    assert page.status_code == 200
    for entry in body["criteria"]:
        assert len(entry["assessors"]) == 3
        download = client.get(
            f"/beoordeling/kalibratie/set/{created.pk}/overeenstemming/{entry['key']}.csv"
        )
        assert entry["agreement"] is not None, entry["errors"]
        assert entry["agreement"]["raters"] == 3
        assert _command(tmp_path, "set.csv", download.content.decode()) == entry["agreement"]
        if entry["kind"] == "level":
            assert "fleiss_kappa" in entry["agreement"]


def test_an_assessor_sees_only_their_own_calibration_row(rated_set, assessor, client_for):
    created, _period, others = rated_set
    client = client_for(assessor)
    body = client.get(f"/api/v1/assessment/calibration/sets/{created.pk}/agreement/").json()
    for entry in body["criteria"]:
        assert [row["assessor"] for row in entry["assessors"]] == [assessor.username]
        assert entry["agreement"] is None  # the set's design names every assessor
    base = f"/beoordeling/kalibratie/set/{created.pk}/overeenstemming/score.csv"
    assert client.get(base).status_code == 404
    assert client.get(f"{base}?beoordelaar={others[0].pk}").status_code == 404
    own = client.get(f"{base}?beoordelaar={assessor.pk}").content.decode().splitlines()
    assert own[0] == "subject,rater,score"
    assert own[1:] == [
        f"item-01,{assessor.username},52.0",
        f"item-02,{assessor.username},64.0",
        f"item-03,{assessor.username},72.0",
        f"item-04,{assessor.username},84.0",
        "item-01,vastgesteld,50.0",
        "item-02,vastgesteld,60.0",
        "item-03,vastgesteld,70.0",
        "item-04,vastgesteld,80.0",
    ]
    page = client.get(f"/beoordeling/kalibratie/set/{created.pk}/overeenstemming/").content
    assert others[0].username.encode() not in page


def test_an_unpublished_set_is_for_the_exam_board_only(trainee, assessor, client_for):
    created = calibration_set(trainee, AGREED_ITEMS, published=False)
    url = f"/beoordeling/kalibratie/set/{created.pk}/overeenstemming/"
    assert client_for(assessor).get(url).status_code == 404
    assert client_for(exam_board_user()).get(url).status_code == 200
