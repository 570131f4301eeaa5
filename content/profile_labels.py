"""The names of the competence profile's work processes and competence areas as a page shows
them: in the active language (issue #14, item 12).

One function, `profile_labels`, for every page, chart and report that names them (the
assessment's result, progress, grading page and PDF report read it). The names come from the
profile's rows (`content.models.profile`, their `label`: the English name when the language is
English and the item has one, else the profile's Dutch words), the one place of the English names
(imported from `content.profile_english`, editable by the editors). An item not imported (yet)
is named by `assessment.scoring.competence`, which owns the stable keys and the Dutch names.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from assessment.scoring.competence import AREA_KEYS, KNOWLEDGE, KNOWLEDGE_CODES, WORK_PROCESSES
from content.models import CompetenceArea, WorkProcess

#: The profile's groups of items as a page titles them (coverage view, blueprints, analytics).
GROUP_TITLES = {
    "work_processes": _("Werkprocessen"),
    "knowledge_items": _("Vakkennis en vaardigheden"),
    "competence_areas": _("Competentiegebieden"),
    "trade_offs": _("Kenmerkende afwegingen"),
}


@dataclass(frozen=True)
class ProfileLabels:
    # work process code ("1.2") → name; competence area slug → name
    work_processes: dict[str, str]
    areas: dict[str, str]

    def work_process(self, code: str) -> str:
        return self.work_processes.get(code) or WORK_PROCESSES.get(code, code)

    def area(self, key: str) -> str:
        """An area by its slug or by its Dutch name (the sub-scores' key)."""
        slug = AREA_KEYS.get(key, key)
        if slug in self.areas:
            return self.areas[slug]
        return next((name for name, known in AREA_KEYS.items() if known == slug), key)

    def knowledge_item(self, slug: str) -> str:
        """A knowledge item with its profile number ("K07 …"), in the profile's words."""
        return f"{KNOWLEDGE_CODES.get(slug, slug)} {KNOWLEDGE.get(slug, slug)}"

    def work_process_with_code(self, code: str) -> str:
        return f"{code} {self.work_process(code)}"


def profile_labels() -> ProfileLabels:
    """The profile's work process and competence area names in the active language (two
    queries); call it where the page is made, so that the request's language holds."""
    processes = WorkProcess.objects.filter(code__in=WORK_PROCESSES).only(
        "code", "title", "title_en"
    )
    areas = CompetenceArea.objects.filter(slug__in=AREA_KEYS.values()).only(
        "slug", "name", "name_en"
    )
    return ProfileLabels(
        work_processes={item.code: item.label for item in processes},
        areas={item.slug: item.label for item in areas},
    )
