"""The competence profile (beroepscompetentieprofiel Schademanager 2022) as data.

Every lesson, case and grade of the platform points at these rows. They are imported from the
seed text by `manage.py import_competence_profile` and edited by the foundation's editors.
"""

from typing import Any

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import RevisionMixin
from wagtail.search import index

from content.case_identifiers import row_identifier


def in_active_language(dutch: str, english: str) -> str:
    """The English name when English is the active language and the item has one; otherwise
    the profile's own Dutch words."""
    if english and (get_language() or "").lower().startswith("en"):
        return english
    return dutch


def _english_field(verbose_name, max_length: int) -> models.CharField:
    return models.CharField(
        verbose_name,
        max_length=max_length,
        blank=True,
        help_text=_("Getoond als de taal Engels is; leeg: de Nederlandse naam."),
    )


class ProfileItem(RevisionMixin, index.Indexed, models.Model):
    """Editable as a Wagtail snippet; every save through the admin keeps a revision.

    Not draftable: a change to the profile is live at once, and the revision history shows who
    changed what (see content/README.md).
    """

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="content_%(class)s")

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions


class CoreTask(ProfileItem):
    code = models.CharField(_("code"), max_length=8, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    title_en = _english_field(_("titel (Engels)"), 200)
    sort_order = models.PositiveSmallIntegerField(default=0)

    search_fields = [
        index.SearchField("code"),
        index.SearchField("title"),
        index.SearchField("title_en"),
    ]

    class Meta:
        verbose_name = _("kerntaak")
        verbose_name_plural = _("kerntaken")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{_('Kerntaak')} {self.code} {self.label}"

    @property
    def label(self) -> str:
        """The title in the active language."""
        return in_active_language(self.title, self.title_en)


class WorkProcess(ProfileItem):
    core_task = models.ForeignKey(
        CoreTask,
        on_delete=models.CASCADE,
        related_name="work_processes",
        verbose_name=_("kerntaak"),
    )
    code = models.CharField(_("code"), max_length=8, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    title_en = _english_field(_("titel (Engels)"), 200)
    description = models.TextField(_("beschrijving"), blank=True)
    result = models.TextField(_("resultaat"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    search_fields = [
        index.SearchField("code"),
        index.SearchField("title"),
        index.SearchField("title_en"),
        index.SearchField("description"),
    ]

    class Meta:
        verbose_name = _("werkproces")
        verbose_name_plural = _("werkprocessen")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def label(self) -> str:
        """The title in the active language."""
        return in_active_language(self.title, self.title_en)


class KnowledgeItem(ProfileItem):
    """One of the 21 'vakkennis en vaardigheden' items, coded K01…K21 in the profile's order."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    slug = models.SlugField(
        _("sleutel"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Vaste sleutel waarmee de beoordeling naar dit onderdeel verwijst."),
    )
    title = models.CharField(_("omschrijving"), max_length=300)
    title_en = _english_field(_("omschrijving (Engels)"), 300)
    sort_order = models.PositiveSmallIntegerField(default=0)

    search_fields = [
        index.SearchField("code"),
        index.SearchField("title"),
        index.SearchField("title_en"),
    ]

    class Meta:
        verbose_name = _("vakkennis of vaardigheid")
        verbose_name_plural = _("vakkennis en vaardigheden")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        # The code first, as the profile numbers them: editors tag pages and cases by it.
        return f"{self.code} – {self.label}"

    @property
    def label(self) -> str:
        """The description in the active language."""
        return in_active_language(self.title, self.title_en)


class CompetenceArea(ProfileItem):
    slug = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    name_en = _english_field(_("naam (Engels)"), 200)
    description = models.TextField(_("omschrijving"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    search_fields = [
        index.SearchField("name"),
        index.SearchField("name_en"),
        index.SearchField("description"),
    ]

    class Meta:
        verbose_name = _("competentiegebied")
        verbose_name_plural = _("competentiegebieden")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language."""
        return in_active_language(self.name, self.name_en)


class TradeOff(ProfileItem):
    """A characteristic trade-off (kenmerkende afweging) of the profession."""

    slug = models.SlugField(_("code"), max_length=64, unique=True)
    title = models.CharField(_("afweging"), max_length=300)
    title_en = _english_field(_("afweging (Engels)"), 300)
    sort_order = models.PositiveSmallIntegerField(default=0)

    search_fields = [
        index.SearchField("title"),
        index.SearchField("title_en"),
    ]

    class Meta:
        verbose_name = _("kenmerkende afweging")
        verbose_name_plural = _("kenmerkende afwegingen")
        ordering = ["sort_order", "slug"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The trade-off in the active language."""
        return in_active_language(self.title, self.title_en)


class ProfileSection(ProfileItem):
    """General information of the profile: job titles, work environment, role, complexity…"""

    key = models.SlugField(_("sleutel"), max_length=64, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"))
    sort_order = models.PositiveSmallIntegerField(default=0)

    search_fields = [
        index.SearchField("title"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("algemene informatie")
        verbose_name_plural = _("algemene informatie")
        ordering = ["sort_order", "key"]

    def __str__(self) -> str:
        return self.title


def competence_profile() -> dict[str, Any]:
    """The whole profile as plain data, in the profile's order (the API and the profile page),
    its names in the active language (`label`: English when the language is English).

    Kept with the profile's models, so that the profile page can show it without importing
    the selectors, which import the pages."""
    core_tasks = CoreTask.objects.prefetch_related(
        Prefetch("work_processes", queryset=WorkProcess.objects.order_by("sort_order", "code"))
    )
    return {
        "core_tasks": [
            {
                "code": task.code,
                "title": task.label,
                "case_identifier": row_identifier("core_task", task),
                "work_processes": [
                    {
                        "code": process.code,
                        "title": process.label,
                        "case_identifier": row_identifier("work_process", process),
                        "description": process.description,
                        "result": process.result,
                    }
                    for process in task.work_processes.all()
                ],
            }
            for task in core_tasks
        ],
        "knowledge_items": [
            {
                "code": item.code,
                "slug": item.slug,
                "title": item.label,
                "case_identifier": row_identifier("knowledge_item", item),
            }
            for item in KnowledgeItem.objects.all()
        ],
        "competence_areas": [
            {
                "slug": area.slug,
                "name": area.label,
                "description": area.description,
                "case_identifier": row_identifier("competence_area", area),
            }
            for area in CompetenceArea.objects.all()
        ],
        "trade_offs": [
            {
                "slug": trade_off.slug,
                "title": trade_off.label,
                "case_identifier": row_identifier("trade_off", trade_off),
            }
            for trade_off in TradeOff.objects.all()
        ],
        "sections": [
            {"key": section.key, "title": section.title, "body": section.body}
            for section in ProfileSection.objects.all()
        ],
    }
