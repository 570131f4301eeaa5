"""One send of one statement to the LRS (xAPI 1.0.3 §2.1.2 of the communication part: PUT
statements?statementId=…), and what the answer means for a retry.

PUT rather than POST: the id is in the URL, so the LRS stores it once. Time-outs are short and
bounded; nothing here raises: a dead LRS is an outcome, never an exception.
"""

from __future__ import annotations

import enum
import logging

import httpx

from .config import XAPI_VERSION, Lrs

logger = logging.getLogger(__name__)

TIMEOUT = httpx.Timeout(5.0, connect=2.0)


class Outcome(enum.StrEnum):
    STORED = "stored"  # 204 (or 200): the LRS took it
    ALREADY_STORED = "already_stored"  # 409: a statement with this id is there already
    REJECTED = "rejected"  # 400 and the like: the statement is wrong; a retry does not help
    RETRY = "retry"  # unreachable, time-out, 401/403/408/429, 5xx: try again later


def put_statement(lrs: Lrs, statement: dict) -> Outcome:
    try:
        response = httpx.put(
            lrs.endpoint + "statements",
            params={"statementId": statement["id"]},
            json=statement,
            auth=lrs.auth,
            headers={"X-Experience-API-Version": XAPI_VERSION},
            timeout=TIMEOUT,
        )
    except httpx.HTTPError as exc:
        logger.warning("xAPI: LRS niet bereikbaar (%s): %s", statement["id"], exc)
        return Outcome.RETRY
    return outcome_of(response.status_code, statement["id"], response.text[:500])


def outcome_of(status: int, statement_id: str, body: str = "") -> Outcome:
    if status in (200, 204):
        return Outcome.STORED
    if status == 409:
        return Outcome.ALREADY_STORED
    if status in (401, 403, 408, 429) or status >= 500:
        # A wrong password or an overloaded LRS is mended by its operator: retry, bounded.
        logger.warning("xAPI: LRS antwoordde %s voor %s: %s", status, statement_id, body)
        return Outcome.RETRY
    logger.error("xAPI: LRS weigerde %s (%s): %s", statement_id, status, body)
    return Outcome.REJECTED
