"""The command line of calculation-spec §6."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from calcengine import cli
from calcengine.cli import main
from tests.shared import GOLDEN_DIR, REPO_ROOT

GOLF = GOLDEN_DIR / "golf-front-low-speed.input.json"


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), stdout=out)
    return status, out.getvalue()


def test_estimate_prints_the_golden_output_and_exits_0():
    status, printed = _run("estimate", str(GOLF))
    expected = json.loads((GOLDEN_DIR / "golf-front-low-speed.output.json").read_text())
    output = json.loads(printed)
    for warning in output["warnings"]:
        assert warning.pop("message")
    assert status == 0
    assert output == expected
    assert printed.startswith('{\n  "spec": "schadecalc/1",\n  "labour": {')


def test_python_dash_m_calcengine_prints_the_golden_figures():
    completed = subprocess.run(
        [sys.executable, "-m", "calcengine", "estimate", str(GOLF)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    output = json.loads(completed.stdout)
    assert output["total_incl_vat"] == "3449.61"
    assert output["subtotal_excl_vat"] == "2850.92"


def test_refused_input_prints_errors_and_exits_2(tmp_path: Path):
    path = tmp_path / "bad.json"
    path.write_text('{"spec": "schadecalc/9"}', encoding="utf-8")
    status, printed = _run("estimate", str(path))
    assert status == 2
    errors = json.loads(printed)["errors"]
    assert errors[0] == {
        "path": "spec",
        "message": "Onbekende spec 'schadecalc/9'; verwacht wordt 'schadecalc/1'.",
    }


def test_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOLF.read_bytes())))
    status, printed = _run("estimate", "-")
    assert status == 0
    assert json.loads(printed)["total_incl_vat"] == "3449.61"


def test_missing_file_is_refused_as_errors(tmp_path: Path):
    status, printed = _run("estimate", str(tmp_path / "absent.json"))
    assert status == 2
    assert json.loads(printed)["errors"][0]["path"] == ""


def test_non_ascii_is_printed_as_is(tmp_path: Path):
    data = json.loads(GOLF.read_text())
    data["lines"][0]["description"] = "Voorbumper (ø)"
    data["vehicle"]["adas"] = []
    path = tmp_path / "ascii.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, printed = _run("estimate", str(path))
    assert status == 0
    data["spec"] = "x"
    path.write_text(json.dumps(data), encoding="utf-8")
    _, printed = _run("estimate", str(path))
    assert "'schadecalc/1'" in printed and "\\u" not in printed


def test_batch_prints_one_object_per_file_sorted_by_name_and_exits_2_on_a_refusal(tmp_path: Path):
    shutil.copy(GOLF, tmp_path / "b-golf.json")
    shutil.copy(GOLDEN_DIR / "clio-empty.input.json", tmp_path / "a-clio.json")
    (tmp_path / "c-bad.json").write_text("{", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an input", encoding="utf-8")

    status, printed = _run("estimate", "--batch", str(tmp_path))

    records = [json.loads(row) for row in printed.splitlines()]
    assert [record["file"] for record in records] == ["a-clio.json", "b-golf.json", "c-bad.json"]
    assert records[0]["output"]["total_incl_vat"] == "0.00"
    assert records[1]["output"]["total_incl_vat"] == "3449.61"
    assert records[2]["errors"][0]["path"] == ""
    assert status == 2


def test_batch_reports_a_json_file_it_cannot_read_and_skips_a_json_directory(tmp_path: Path):
    shutil.copy(GOLF, tmp_path / "a-golf.json")
    (tmp_path / "b-broken.json").symlink_to(tmp_path / "absent.json")
    (tmp_path / "c-folder.json").mkdir()

    status, printed = _run("estimate", "--batch", str(tmp_path))

    records = [json.loads(row) for row in printed.splitlines()]
    assert [record["file"] for record in records] == ["a-golf.json", "b-broken.json"]
    assert "niet lezen" in records[1]["errors"][0]["message"]
    assert status == 2


def test_batch_of_valid_files_exits_0(tmp_path: Path):
    shutil.copy(GOLF, tmp_path / "golf.json")
    status, printed = _run("estimate", "--batch", str(tmp_path))
    assert status == 0
    assert len(printed.splitlines()) == 1


def test_batch_of_a_missing_directory_exits_2(tmp_path: Path):
    status, printed = _run("estimate", "--batch", str(tmp_path / "absent"))
    assert status == 2
    assert "geen map" in json.loads(printed)["errors"][0]["message"]


def test_large_batch_spread_over_processes_keeps_the_sorted_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(cli, "PARALLEL_FROM_FILES", 2)
    monkeypatch.setattr(cli, "CHUNK_FILES", 1)
    for number in range(6):
        shutil.copy(GOLF, tmp_path / f"{number}.json")
    (tmp_path / "3.json").write_text("[]", encoding="utf-8")

    status, printed = _run("estimate", "--batch", str(tmp_path))

    records = [json.loads(row) for row in printed.splitlines()]
    assert [record["file"] for record in records] == [f"{number}.json" for number in range(6)]
    assert ["output" in record for record in records] == [True, True, True, False, True, True]
    assert status == 2


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000,
        b'{"spec": "schadecalc/1", "vehicle": {"new_value": 1e999}}',
        b'{"spec": NaN}',
        b'{"padding": "' + b"x" * 10_000_001 + b'"}',
        b"\xff\xfe",
    ],
    ids=["deep", "1e999", "nan", "10mb", "not-utf8"],
)
def test_hostile_input_on_stdin_is_refused_without_a_traceback(raw: bytes):
    completed = subprocess.run(
        [sys.executable, "-m", "calcengine", "estimate", "-"],
        input=raw,
        cwd=REPO_ROOT,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stderr == b""
    errors = json.loads(completed.stdout)["errors"]
    assert errors
    assert all(error["message"] for error in errors)


def test_output_is_utf8_whatever_the_locale_says():
    # §6: the output JSON on stdout and exit 0, also where the locale's encoding lacks "€".
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "calcengine",
            "estimate",
            str(GOLDEN_DIR / "polo-total-loss.input.json"),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        env=os.environ | {"PYTHONIOENCODING": "ascii"},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    warning = json.loads(completed.stdout.decode("utf-8"))["warnings"][0]
    assert warning["code"] == "ECONOMIC_TOTAL_LOSS" and "€" in warning["message"]


def test_lone_surrogate_escape_is_printed_back_as_its_escape():
    # Valid JSON may write "\ud800"; it must not turn the §6 output into a traceback.
    data = json.loads(GOLF.read_text(encoding="utf-8"))
    data["lines"][0]["id"] = "\ud800"
    completed = subprocess.run(
        [sys.executable, "-m", "calcengine", "estimate", "-"],
        input=json.dumps(data).encode("ascii"),
        cwd=REPO_ROOT,
        capture_output=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["lines"][0]["id"] == "\ud800"
