"""`python manage.py agreement_stats RATINGS.csv` (issue #15, item 3): JSON on stdout, exit 0;
refused input exits 2 with {"errors": [...]}."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command

from tests.shared import REPO_ROOT

from .published import FLEISS_1971, SHROUT_FLEISS, SHROUT_FLEISS_ICC, csv_text


def run_command(path):
    """The command's stdout as JSON and its exit status."""
    out = StringIO()
    try:
        call_command("agreement_stats", str(path), stdout=out)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return json.loads(out.getvalue()), status


def write(tmp_path, content, name="ratings.csv"):
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def refusal(tmp_path, content):
    result, status = run_command(write(tmp_path, content))
    assert status == 2
    assert set(result) == {"errors"}
    assert result["errors"], "a refusal says why"
    assert all(isinstance(error, str) for error in result["errors"])
    return result["errors"]


# -- results -----------------------------------------------------------------------------------


def test_scores_print_all_six_icc_forms_with_interval_and_band(tmp_path):
    result, status = run_command(write(tmp_path, csv_text(SHROUT_FLEISS)))

    assert status == 0
    assert (result["subjects"], result["raters"]) == (6, 4)
    assert list(result["icc"]) == list(SHROUT_FLEISS_ICC)
    for form, published in SHROUT_FLEISS_ICC.items():
        entry = result["icc"][form]
        assert round(entry["value"], 2) == published
        assert len(entry["ci95"]) == 2
        assert entry["ci95"][0] < entry["value"] < entry["ci95"][1]
        assert entry["band"] in {"poor", "moderate", "good", "excellent"}


def test_levels_of_two_raters_print_cohens_kappas(tmp_path):
    content = "subject,rater,level\n" + "".join(
        f"s{i},a,{a}\ns{i},b,{b}\n" for i, (a, b) in enumerate([(1, 1), (2, 2), (3, 2), (4, 4)])
    )

    result, status = run_command(write(tmp_path, content))

    assert status == 0
    assert set(result) == {
        "subjects",
        "raters",
        "kappa",
        "kappa_linear",
        "kappa_quadratic",
        "bands",
    }
    assert (result["subjects"], result["raters"]) == (4, 2)
    assert all(
        isinstance(result[key], float) for key in ("kappa", "kappa_linear", "kappa_quadratic")
    )


def test_levels_of_more_raters_print_fleiss_kappa(tmp_path):
    result, status = run_command(write(tmp_path, csv_text(FLEISS_1971, column="level")))

    assert status == 0
    assert round(result["fleiss_kappa"], 3) == 0.430
    assert result["bands"] == {"fleiss_kappa": "moderate"}


def test_excel_bom_and_crlf_are_accepted_and_give_the_same_result(tmp_path):
    plain = csv_text(SHROUT_FLEISS)
    excel = b"\xef\xbb\xbf" + plain.replace("\n", "\r\n").encode()

    assert run_command(write(tmp_path, excel, "excel.csv")) == run_command(
        write(tmp_path, plain, "plain.csv")
    )


def test_blank_rows_and_spaces_around_fields_are_tolerated(tmp_path):
    content = csv_text(SHROUT_FLEISS).replace("S01,R1,9", " S01 , R1 , 9 ") + "\n,,\n"

    result, status = run_command(write(tmp_path, content))

    assert status == 0
    assert result["subjects"] == 6


# -- refusals ----------------------------------------------------------------------------------


def test_missing_file_is_refused(tmp_path):
    result, status = run_command(tmp_path / "nowhere.csv")

    assert status == 2
    assert result == {"errors": [f"bestand '{tmp_path / 'nowhere.csv'}' bestaat niet"]}


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n"])
def test_empty_file_is_refused(tmp_path, content):
    assert refusal(tmp_path, content) == ["het bestand is leeg"]


def test_header_without_ratings_is_refused(tmp_path):
    assert refusal(tmp_path, "subject,rater,score\n") == [
        "het bestand bevat geen beoordelingen, alleen de kop"
    ]


def test_wrong_header_is_refused(tmp_path):
    errors = refusal(tmp_path, "student,rater,grade\ns1,a,1\n")

    assert "rij 1: kolom 1 heet 'student', verwacht 'subject'" in errors
    assert "rij 1: kolom 3 heet 'grade', verwacht 'score' of 'level'" in errors
    assert errors[-1] == "rij 1: de kop moet 'subject,rater,score' of 'subject,rater,level' zijn"


def test_semicolon_separated_file_gets_a_hint(tmp_path):
    errors = refusal(tmp_path, "subject;rater;score\ns1;a;1\n")

    assert errors[0].startswith("rij 1: de kolommen worden gescheiden door komma's")


def test_missing_column_in_header_is_refused(tmp_path):
    errors = refusal(tmp_path, "subject,rater\ns1,a\n")

    assert "rij 1: kolom 3 ontbreekt, verwacht 'score' of 'level'" in errors


def test_extra_column_in_header_is_refused(tmp_path):
    errors = refusal(tmp_path, "subject,rater,score,comment\ns1,a,1,ok\n")

    assert "rij 1: kolom 4 ('comment') hoort er niet bij" in errors


def test_row_with_missing_or_extra_fields_is_refused_with_its_row(tmp_path):
    errors = refusal(tmp_path, "subject,rater,score\ns1,a,1\ns1,b\ns2,a,3,4\n")

    assert errors == [
        "rij 3: 2 kolommen, verwacht 3 (subject,rater,score)",
        "rij 4: 4 kolommen, verwacht 3 (subject,rater,score)",
    ]


def test_non_numeric_score_is_refused_with_its_row(tmp_path):
    content = "subject,rater,score\ns1,a,7\ns1,b,8\ns2,a,abc\ns2,b,nan\n"

    assert refusal(tmp_path, content) == [
        "rij 4: score is geen getal: 'abc'",
        "rij 5: score is geen getal: 'nan'",
    ]


def test_non_integer_level_is_refused_with_its_row(tmp_path):
    content = "subject,rater,level\ns1,a,2\ns1,b,2.5\ns2,a,drie\ns2,b,3\n"

    assert refusal(tmp_path, content) == [
        "rij 3: level is geen geheel getal: '2.5'",
        "rij 4: level is geen geheel getal: 'drie'",
    ]


def test_empty_subject_or_rater_is_refused(tmp_path):
    errors = refusal(tmp_path, "subject,rater,score\n,a,1\ns1,,2\n")

    assert errors == ["rij 2: subject is leeg", "rij 3: rater is leeg"]


def test_duplicate_subject_rater_pair_is_refused_with_both_rows(tmp_path):
    content = "subject,rater,score\ns1,a,7\ns1,b,8\ns2,a,6\ns1,a,9\ns2,b,5\n"

    assert refusal(tmp_path, content) == [
        "rij 5: subject 's1' is al beoordeeld door rater 'a' (rij 2)"
    ]


def test_incomplete_design_says_which_subject_misses_which_rater(tmp_path):
    content = "subject,rater,score\ns1,a,7\ns1,b,8\ns1,c,6\ns2,a,6\ns2,c,5\n"

    assert refusal(tmp_path, content) == [
        "onvolledig ontwerp: subject 's2' is niet beoordeeld door rater 'b'"
    ]


def test_fewer_than_two_subjects_is_refused(tmp_path):
    assert refusal(tmp_path, "subject,rater,score\ns1,a,7\ns1,b,8\n") == [
        "minstens 2 subjects nodig, gevonden: 1"
    ]


def test_fewer_than_two_raters_is_refused(tmp_path):
    assert refusal(tmp_path, "subject,rater,score\ns1,a,7\ns2,a,8\n") == [
        "minstens 2 raters nodig, gevonden: 1"
    ]


def test_all_equal_ratings_are_refused_rather_than_printed_as_nan(tmp_path):
    assert refusal(tmp_path, "subject,rater,level\ns1,a,2\ns1,b,2\ns2,a,2\ns2,b,2\n") == [
        "alle beoordelingen zijn gelijk (2): dan is geen overeenstemmingsmaat gedefinieerd"
    ]


def test_file_that_is_not_utf8_is_refused(tmp_path):
    errors = refusal(tmp_path, "subject,rater,score\ns1,Jürgen,7\n".encode("latin-1"))

    assert errors == [
        "rij 2: het bestand is geen UTF-8-tekst (byte 25); sla het op als 'CSV UTF-8'"
    ]


# -- as a process ------------------------------------------------------------------------------


def run_process(path):
    return subprocess.run(
        [sys.executable, "manage.py", "agreement_stats", str(path)],
        cwd=REPO_ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "schadeplatform.settings.test"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_process_prints_json_numbers_and_exits_0(tmp_path):
    completed = run_process(write(tmp_path, csv_text(SHROUT_FLEISS)))

    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    result = json.loads(completed.stdout)
    assert isinstance(result["subjects"], int)
    assert isinstance(result["icc"]["ICC2"]["value"], float)
    assert "NaN" not in completed.stdout


def test_process_refusal_exits_2_with_errors_on_stdout(tmp_path):
    completed = run_process(write(tmp_path, "subject,rater,score\ns1,a,x\n"))

    assert completed.returncode == 2
    assert json.loads(completed.stdout) == {"errors": ["rij 2: score is geen getal: 'x'"]}
