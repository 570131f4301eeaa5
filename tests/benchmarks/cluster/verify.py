"""The cluster run's verdicts that compare what the clients saw with what PostgreSQL holds.

Pure functions over plain data (tests/benchmarks/test_cluster_verify.py): run.py reads the load
tool's log of acknowledged autosaves and the database's snapshot (snapshot.py) and hands both
here.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any


def lines_hash(lines: Any) -> str:
    """The hash of a calculation's lines, the same for the client and the database: canonical
    JSON (sorted keys, no spaces)."""
    text = json.dumps(lines, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def acknowledged_writes(acks: list[dict], drafts: dict[int, dict]) -> dict:
    """Every autosave a client saw acknowledged must be in the database: the stored draft's
    version at least the acknowledged one, and at the same version the same lines.

    `acks`: `{"attempt", "version", "hash"}` per acknowledged save; `drafts`: attempt id ->
    `{"version", "hash"}` as stored. A stored version above the acknowledged one is a later
    save (the client's own, acknowledged or not): not a loss.
    """
    lost: list[dict] = []
    latest: dict[int, dict] = {}
    for ack in acks:
        attempt = int(ack["attempt"])
        if attempt not in latest or ack["version"] >= latest[attempt]["version"]:
            latest[attempt] = ack
    for attempt, ack in latest.items():
        stored = drafts.get(attempt)
        if stored is None:
            lost.append({**ack, "stored": None, "why": "geen concept in de database"})
        elif stored["version"] < ack["version"]:
            lost.append({**ack, "stored": stored["version"], "why": "versie lager dan bevestigd"})
        elif stored["version"] == ack["version"] and stored["hash"] != ack["hash"]:
            lost.append({**ack, "stored": stored["version"], "why": "andere regels, zelfde versie"})
    # Two acknowledgements of one version with different lines: a save answered twice as two
    # different things (a replay that was not one).
    seen: dict[tuple[int, int], str] = {}
    for ack in acks:
        key = (int(ack["attempt"]), int(ack["version"]))
        if key in seen and seen[key] != ack["hash"]:
            lost.append({**ack, "stored": None, "why": "twee bevestigingen, één versie"})
        seen.setdefault(key, ack["hash"])
    return {
        "acknowledged": len(acks),
        "attempts": len(latest),
        "lost": lost[:20],
        "lost_count": len(lost),
        "passed": not lost,
    }


def clock_edge(closes_at: datetime, attempts: list[dict], finals: list[dict]) -> dict:
    """The exam window's edge: each attempt handed in no later than the close, or not handed
    in (no `submitted_at`, not delivered); each final calculation version submitted no later
    than the close and recorded by its submit event (no version without the move around it).

    `attempts`: `{"id", "status", "submitted_at", "draft_updated_at"}`; `finals`: `{"attempt",
    "number", "submitted_at", "has_event"}` per final calculation version. Times are aware
    datetimes.
    """
    problems: list[str] = []
    delivered = 0
    for attempt in attempts:
        submitted = attempt["submitted_at"]
        if attempt["status"] == "delivered":
            delivered += 1
            if submitted is None or submitted > closes_at:
                problems.append(
                    f"poging {attempt['id']}: ingeleverd om {submitted}, na de sluiting"
                )
        elif submitted is not None:
            problems.append(f"poging {attempt['id']}: submitted_at zonder aflevering (half)")
        draft_at = attempt.get("draft_updated_at")
        if draft_at is not None and draft_at > closes_at:
            problems.append(f"poging {attempt['id']}: concept opgeslagen na de sluiting")
    for final in finals:
        if final["submitted_at"] > closes_at:
            problems.append(f"poging {final['attempt']}: eindcalculatie na de sluiting")
        if not final["has_event"]:
            problems.append(f"poging {final['attempt']}: eindcalculatie zonder stap (half)")
    return {
        "attempts": len(attempts),
        "delivered": delivered,
        "final_versions": len(finals),
        "problems": problems[:20],
        "problem_count": len(problems),
        "passed": not problems,
    }


def reports_once(reports: list[dict], files: int) -> dict:
    """Every report exactly once: one row per key (the unique key), rendered once, one file
    per rendered report and no file besides (a render killed after writing its file would
    leave an orphan)."""
    keys = [report["key"] for report in reports]
    rendered = [report for report in reports if report["status"] == "rendered"]
    twice = [report["key"] for report in rendered if report["render_count"] != 1]
    problems = []
    if len(keys) != len(set(keys)):
        problems.append("een sleutel met twee rapporten")
    if twice:
        problems.append(f"{len(twice)} rapporten meer dan eens gemaakt: {twice[:5]}")
    if files != len(rendered):
        problems.append(f"{files} bestanden voor {len(rendered)} gemaakte rapporten")
    return {
        "reports": len(reports),
        "rendered": len(rendered),
        "files": files,
        "problems": problems,
        "passed": not problems,
    }
