"""Scoring a trainee's calculation against the reference: `schadescore/2`
(docs/scoring-spec.md), and re-scoring it after the assessor's line overrides. Pure Python on
`calcengine`'s data, no Django; see README.md for the choices where the spec is silent."""

from .rescoring import Override, allowed_verdicts, credit_allowed, line_key, rescore, result_line
from .result import CriticalError, CriticalKind, LineScore, ScoreResult, Subscores, Verdict
from .rules import PREVIOUS_SPEC, SPEC
from .scorer import PreparedReference, prepare_reference, score, score_documents, score_prepared

__all__ = [
    "PREVIOUS_SPEC",
    "SPEC",
    "CriticalError",
    "CriticalKind",
    "LineScore",
    "Override",
    "PreparedReference",
    "ScoreResult",
    "Subscores",
    "Verdict",
    "allowed_verdicts",
    "credit_allowed",
    "line_key",
    "prepare_reference",
    "rescore",
    "result_line",
    "score",
    "score_documents",
    "score_prepared",
]
