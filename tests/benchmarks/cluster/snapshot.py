"""What PostgreSQL holds after the cluster run, as JSON for run.py's verdicts (verify.py).

    python -m tests.benchmarks.cluster.snapshot --cohort 7          # the snapshot
    python -m tests.benchmarks.cluster.snapshot --request-report    # queue one report render

Run with the cluster's environment. `--request-report` asks the calculation report of a
pre-calculation that has none yet, through `assessment.services.report_request` (the worker
fault uses it when no assessor's render happens to be running).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import django


def snapshot(cohort_id: int) -> dict:
    from django.conf import settings
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from assessment.models import Report
    from cases.models import Attempt, CalculationDraft, CalculationVersion, DossierEvent
    from cases.timeline import EventKind
    from schadeplatform.accounts.models import Cohort
    from tests.benchmarks.cluster.verify import lines_hash

    cohort = Cohort.objects.get(pk=cohort_id)
    attempts = list(Attempt.objects.filter(cohort=cohort).values("id", "status", "submitted_at"))
    drafts = {
        draft.attempt_id: draft
        for draft in CalculationDraft.objects.filter(attempt__cohort=cohort).only(
            "attempt_id", "version", "lines", "updated_at"
        )
    }
    submitted = {
        (event.attempt_id, (event.data or {}).get("version_number"))
        for event in DossierEvent.objects.filter(
            attempt__cohort=cohort, kind=EventKind.FINAL_CALCULATION_SUBMITTED
        ).only("attempt_id", "data")
    }
    finals = [
        {
            "attempt": version.attempt_id,
            "number": version.number,
            "submitted_at": version.submitted_at.isoformat(),
            "has_event": (version.attempt_id, version.number) in submitted,
        }
        for version in CalculationVersion.objects.filter(attempt__cohort=cohort, kind="final")
    ]
    reports_root = Path(settings.PRIVATE_MEDIA_ROOT) / "reports"
    files = (
        sum(1 for path in reports_root.rglob("*") if path.is_file()) if reports_root.exists() else 0
    )
    return {
        "closes_at": cohort.exam_closes_at.isoformat() if cohort.exam_closes_at else None,
        "drafts": {
            str(attempt): {
                "version": draft.version,
                "hash": lines_hash(draft.lines),
                "updated_at": draft.updated_at.isoformat() if draft.updated_at else None,
            }
            for attempt, draft in drafts.items()
        },
        "attempts": [
            {
                "id": row["id"],
                "status": row["status"],
                "submitted_at": row["submitted_at"].isoformat() if row["submitted_at"] else None,
            }
            for row in attempts
        ],
        "finals": finals,
        "reports": [
            {
                "id": report.pk,
                "key": report.key,
                "status": report.status,
                "render_count": report.render_count,
                "file": report.file.name or "",
            }
            for report in Report.objects.all()
        ],
        "report_files": files,
        "tasks": {
            row["status"]: row["n"]
            for row in DBTaskResult.objects.values("status").annotate(n=Count("id"))
        },
    }


def request_report() -> dict:
    from assessment.models import Report
    from assessment.services import report_request
    from cases.models import CalculationVersion

    reported = Report.objects.filter(calculation_version__isnull=False).values(
        "calculation_version_id"
    )
    version = (
        CalculationVersion.objects.filter(kind="precalc")
        .exclude(pk__in=reported)
        .order_by("pk")
        .first()
    )
    if version is None:
        return {"report": None}
    report = report_request(kind="calculation", subject=version, by=None)
    return {"report": report.pk, "key": report.key}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cohort", type=int)
    parser.add_argument("--request-report", action="store_true")
    args = parser.parse_args(argv)
    django.setup()
    result = request_report() if args.request_report else snapshot(args.cohort)
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
