"""The cluster run's pure verdicts (tests/benchmarks/cluster/verify.py): an acknowledged
autosave missing from the database, a submission after the exam window's close and a report
made twice are each found."""

from __future__ import annotations

import datetime as dt

from tests.benchmarks.cluster.verify import (
    acknowledged_writes,
    clock_edge,
    lines_hash,
    reports_once,
)

CLOSE = dt.datetime(2026, 12, 6, 11, 0, tzinfo=dt.UTC)


def test_the_lines_hash_ignores_key_order_only():
    assert lines_hash([{"a": 1, "b": "2"}]) == lines_hash([{"b": "2", "a": 1}])
    assert lines_hash([{"a": 1}]) != lines_hash([{"a": "1"}])


def test_every_acknowledged_save_in_the_database_passes():
    acks = [
        {"attempt": 1, "version": 3, "hash": "x"},
        {"attempt": 1, "version": 4, "hash": "y"},
        {"attempt": 2, "version": 2, "hash": "z"},
    ]
    drafts = {1: {"version": 4, "hash": "y"}, 2: {"version": 5, "hash": "later"}}

    assert acknowledged_writes(acks, drafts)["passed"]


def test_a_lower_version_or_other_lines_at_the_acknowledged_version_is_a_loss():
    acks = [{"attempt": 1, "version": 4, "hash": "y"}, {"attempt": 2, "version": 2, "hash": "z"}]
    drafts = {1: {"version": 3, "hash": "x"}, 2: {"version": 2, "hash": "other"}}

    verdict = acknowledged_writes(acks, drafts)

    assert not verdict["passed"]
    assert verdict["lost_count"] == 2


def test_one_version_acknowledged_with_two_contents_is_a_loss():
    acks = [{"attempt": 1, "version": 4, "hash": "y"}, {"attempt": 1, "version": 4, "hash": "q"}]

    assert not acknowledged_writes(acks, {1: {"version": 9, "hash": "w"}})["passed"]


def test_the_clock_edge_passes_in_time_or_not_handed_in():
    attempts = [
        {"id": 1, "status": "delivered", "submitted_at": CLOSE, "draft_updated_at": CLOSE},
        {"id": 2, "status": "in_repair", "submitted_at": None, "draft_updated_at": None},
    ]
    finals = [{"attempt": 1, "number": 2, "submitted_at": CLOSE, "has_event": True}]

    assert clock_edge(CLOSE, attempts, finals)["passed"]


def test_a_late_hand_in_or_a_final_version_without_its_move_is_found():
    late = CLOSE + dt.timedelta(milliseconds=1)
    attempts = [
        {"id": 1, "status": "delivered", "submitted_at": late, "draft_updated_at": None},
        {"id": 2, "status": "final_submitted", "submitted_at": None, "draft_updated_at": late},
    ]
    finals = [{"attempt": 2, "number": 2, "submitted_at": CLOSE, "has_event": False}]

    verdict = clock_edge(CLOSE, attempts, finals)

    assert not verdict["passed"]
    assert verdict["problem_count"] == 3


def test_a_report_rendered_twice_or_an_orphan_file_is_found():
    reports = [
        {"key": "a", "status": "rendered", "render_count": 1},
        {"key": "b", "status": "rendered", "render_count": 2},
    ]

    assert not reports_once(reports, files=2)["passed"]
    assert not reports_once(reports[:1], files=2)["passed"]
    assert reports_once(reports[:1], files=1)["passed"]
