"""`python manage.py score_quote REFERENCE.json SUBMISSION.json` (scoring spec §8)."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command

from tests.assessment.builders import golf_trainee
from tests.shared import REPO_ROOT, SCORING_DIR

REFERENCE = SCORING_DIR / "golf.reference.json"


def run_command(*paths):
    """The command's stdout as JSON and its exit status."""
    out = StringIO()
    try:
        call_command("score_quote", *map(str, paths), stdout=out)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return json.loads(out.getvalue()), status


def test_scored_submission_prints_the_result_and_exits_0():
    result, status = run_command(REFERENCE, SCORING_DIR / "golf.bonnet-replaced.json")

    assert status == 0
    assert result["spec"] == "schadescore/2"
    assert result["score"] == "83.3"
    assert result["passed"] is True
    assert result["components"] == {"L": "0.8856", "T": "0.6048", "D": "1.0000"}
    assert set(result) == {
        "spec",
        "score",
        "passed",
        "components",
        "critical_errors",
        "lines",
        "subscores",
    }


def test_critical_errors_are_listed_with_kind_line_and_message():
    result, status = run_command(REFERENCE, SCORING_DIR / "golf.radar-calibration-forgotten.json")

    assert status == 0
    assert result["passed"] is False
    assert [(e["kind"], e["line_id"]) for e in result["critical_errors"]] == [
        ("missing_critical", "6"),
        ("adas_calibration_missing", "1"),
    ]
    assert all(e["message"] for e in result["critical_errors"])


def test_missing_file_is_refused_with_exit_2(tmp_path):
    result, status = run_command(tmp_path / "nope.json", REFERENCE)

    assert status == 2
    assert result == {
        "errors": [
            {"path": "reference", "message": f"Bestand '{tmp_path / 'nope.json'}' bestaat niet."}
        ]
    }


def test_bad_json_is_refused_with_exit_2(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"spec": "schadecalc/1",', encoding="utf-8")

    result, status = run_command(REFERENCE, broken)

    assert status == 2
    assert [error["path"] for error in result["errors"]] == ["submission"]


def test_invalid_calculation_is_refused_with_its_paths(tmp_path):
    submission = golf_trainee()
    submission["lines"][1]["unit_price"] = "-1"
    path = tmp_path / "submission.json"
    path.write_text(json.dumps(submission), encoding="utf-8")

    result, status = run_command(REFERENCE, path)

    assert status == 2
    assert [error["path"] for error in result["errors"]] == ["submission.lines[1].unit_price"]


@pytest.mark.slow
def test_command_line_prints_json_on_stdout():
    completed = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "score_quote",
            str(REFERENCE),
            str(SCORING_DIR / "golf.identical.json"),
        ],
        cwd=REPO_ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "schadeplatform.settings.test"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["score"] == "100.0"
