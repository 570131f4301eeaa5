"""A case and its timeline written by hand, as the workflow checks (`assessment.workflow_checks`)
read them: no database, only the fields and events a check looks at."""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from assessment.workflow_checks import CheckResult, run_checks


def fake_case(**fields: Any) -> SimpleNamespace:
    """A petrol car's case, paid by a payer without rules or an expert, plus `fields`."""
    values: dict[str, Any] = {
        "payer_rules": {},
        "expected_decisions": {"expert_required": False},
        "expected_hv_judgement": None,
        "delivery_checklist": [],
        "hv_facts": None,
    }
    return SimpleNamespace(**{**values, **fields})


def ev(event_kind: str, /, refused: bool = False, **data: Any) -> SimpleNamespace:
    """A timeline event: its kind, its data (which may hold a `kind` of its own) and whether
    the move was refused."""
    return SimpleNamespace(kind=str(event_kind), data=data, refused=refused)


def check(
    key: str, case: Any, events: Sequence[Any], calculations: Sequence[dict] | None = None
) -> CheckResult:
    """The result of the check `key` on `case`'s timeline `events`."""
    return next(r for r in run_checks(case, events, calculations) if r.key == key)
