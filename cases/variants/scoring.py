"""Scoring a practice variant: the trainee's calculation against the variant's reference with
the platform's scorer (`schadescore/2`, docs/scoring-spec.md), as a bare calculation exercise
(only the total-loss decision is asked, read from the trainee's own calculation)."""

from __future__ import annotations

from typing import Any

from assessment.scoring import score_documents
from assessment.scoring.competence import ANALYSEREN, ORGANISEREN

from .generate import Variant

# What a practice variant exercises and scores (the coverage contract, /work/notes/issue16.md):
# the pre-calculation (1.2) in a calculation program, the paying party's rates and part rules,
# the manufacturer's calibrations, repair or replace, new or used parts, the owner's VAT status.
ASSESSES = {
    "work_processes": ("1.2",),
    "competence_areas": (ANALYSEREN, ORGANISEREN),
    "knowledge": (
        "calculatieprogramma",
        "werkwijzen-opdrachtgevers",
        "voertuigspecifieke-informatie",
        "reparatiemethodes",
    ),
    "trade_offs": ("repareren-of-vervangen", "nieuwe-of-gebruikte-delen", "balans-calculeren"),
}


def score_submission(variant: Variant, submission: dict[str, Any]) -> dict[str, Any]:
    """The scorer's JSON result (§7, §8) for `submission` against the variant's reference."""
    return score_documents(variant.reference, submission)
