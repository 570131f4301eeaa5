"""Where other JSON of the platform names a profile item, it names its CASE identifier too:
the lessons' and case briefs' profile tags in the pages API, the coverage API's rows and the
competence-profile API's items (`case_identifier`, and for the tags the CFItem's URL)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from assessment.scoring.competence import KNOWLEDGE_CODES
from content.case_framework.links import cfitem_url
from content.case_identifiers import identifier, row_identifier

# A knowledge item's stable key is its slug; the coverage rows carry its code (K01…).
_KNOWLEDGE_SLUG_OF_CODE = {code: slug for slug, code in KNOWLEDGE_CODES.items()}


def case_identifier_of_code(kind: str, code: str) -> str | None:
    """The identifier of an item named by the code the coverage shows (work processes by
    number, knowledge items by K-code, areas and trade-offs by slug); None if it has none."""
    if kind == "knowledge_item":
        slug = _KNOWLEDGE_SLUG_OF_CODE.get(code)
        return identifier(kind, slug) if slug else None
    return identifier(kind, code) if code else None


class ProfileTagsField(serializers.Field):
    """A page's profile tags (a ParentalManyToManyField) for Wagtail's pages API: per tag its
    id and type (as Wagtail gave them), its title and its CASE identifier and CFItem URL."""

    def __init__(self, kind: str, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        self.kind = kind

    def get_attribute(self, instance):
        return getattr(instance, self.source or self.field_name)

    def to_representation(self, value) -> list[dict[str, Any]]:
        request = self.context.get("request")
        tags = []
        for row in value.all():
            case_identifier = row_identifier(self.kind, row)
            tags.append(
                {
                    "id": row.pk,
                    "meta": {"type": f"{row._meta.app_label}.{type(row).__name__}"},
                    "title": row.label,
                    "case_identifier": case_identifier,
                    "case_uri": cfitem_url(request, case_identifier) if case_identifier else None,
                }
            )
        return tags
