"""Scoring a trainee's calculation against the reference: `schadescore/1`
(docs/scoring-spec.md). Pure Python on `calcengine`'s data; see README.md for the choices
where the spec is silent."""

from .result import CriticalError, CriticalKind, LineScore, ScoreResult, Subscores, Verdict
from .scorer import PreparedReference, prepare_reference, score, score_documents, score_prepared

__all__ = [
    "CriticalError",
    "CriticalKind",
    "LineScore",
    "PreparedReference",
    "ScoreResult",
    "Subscores",
    "Verdict",
    "prepare_reference",
    "score",
    "score_documents",
    "score_prepared",
]
