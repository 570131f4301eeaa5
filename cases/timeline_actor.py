"""Who a dossier event names as its actor, as the viewer may read it.

Every event the trainee made names the trainee, so in exam mode a marker would learn the
trainee's name from the timeline: the trainee is named through the one rule of how markers see
a trainee (`assessment.selectors.trainee_label_of`: the candidate code until release, the
trainee their own name). The dossier page (`dossier_timeline.timeline_rows`) and the timeline
API (`apis.EventSerializer`) both name actors here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assessment.selectors import trainee_label_of

from .models import Attempt, DossierEvent

ActorNamer = Callable[[DossierEvent], "str | None"]


def actor_namer(attempt: Attempt, viewer: Any, *, username: bool = False) -> ActorNamer:
    """A function naming an event's actor for `viewer` (None for a simulated event): the
    trainee through `trainee_label_of` (computed once per timeline), anyone else by full name
    (or `username`, as the APIs name users)."""
    trainee = trainee_label_of(attempt, username=username, viewer=viewer)

    def name(event: DossierEvent) -> str | None:
        actor = event.actor
        if actor is None:
            return None
        if event.actor_id == attempt.trainee_id:
            return trainee
        return actor.username if username else (actor.get_full_name() or actor.username)

    return name
