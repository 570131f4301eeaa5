"""The xAPI vocabulary the statements use: verbs and activity types from ADL's registry
(http://adlnet.gov/expapi/verbs/…, as ADL's xAPIWrapper lists them in src/verbs.js), and
"submitted" from the Activity Streams 1.0 vocabulary (ADL's list has none; Moodle's xAPI log
store uses the same IRI for a submission). Display texts in Dutch and English."""

from __future__ import annotations

ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
ADL_ACTIVITIES = "http://adlnet.gov/expapi/activities/"


def _verb(iri: str, nl: str, en: str) -> dict:
    return {"id": iri, "display": {"nl-NL": nl, "en-US": en}}


ATTEMPTED = _verb(ADL_VERBS + "attempted", "gestart", "attempted")
COMPLETED = _verb(ADL_VERBS + "completed", "afgerond", "completed")
SUBMITTED = _verb("http://activitystrea.ms/schema/1.0/submit", "aangeboden", "submitted")
PASSED = _verb(ADL_VERBS + "passed", "geslaagd", "passed")
FAILED = _verb(ADL_VERBS + "failed", "gezakt", "failed")

#: The damage case (a simulated claim dossier).
SIMULATION = ADL_ACTIVITIES + "simulation"
#: One step (move) of the claim workflow.
INTERACTION = ADL_ACTIVITIES + "interaction"
#: A calculation handed in (pre-calculation, supplement, final calculation).
PERFORMANCE = ADL_ACTIVITIES + "performance"
#: An item of the competence profile (a CASE CFItem).
OBJECTIVE = ADL_ACTIVITIES + "objective"
