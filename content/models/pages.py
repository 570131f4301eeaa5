"""The page tree of the learning content (presentational; style rule 8).

SiteRootPage ("/", served by the Django home view, so it only redirects)
└── LearningIndexPage ("/leren/")
    ├── CompetenceProfilePage ("/leren/competentieprofiel/")
    ├── LearningModulePage ── LessonPage
    └── CaseBriefIndexPage ── CaseBriefPage
"""

from __future__ import annotations

from django.db import models
from django.db.models import QuerySet
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cases.models import Case
from content.blocks import IntroStreamBlock, LessonStreamBlock
from content.case_framework.references import ProfileTagsField
from content.models.profile import competence_profile
from content.widgets import ProfileTagsWidget

INTRO_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class SiteRootPage(Page):
    """The Wagtail site's root. "/" belongs to the Django home view, so this page only redirects."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.LearningIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina van de site")

    def serve(self, request, *args, **kwargs):
        child = self.get_children().live().type(LearningIndexPage).first()
        return HttpResponseRedirect(child.url if child else "/")


class LearningIndexPage(Page):
    intro = RichTextField(_("inleiding"), blank=True, features=INTRO_FEATURES)

    parent_page_types = ["content.SiteRootPage"]
    subpage_types = [
        "content.CompetenceProfilePage",
        "content.LearningModulePage",
        "content.CaseBriefIndexPage",
    ]
    max_count = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    template = "content/learning_index_page.html"

    class Meta:
        verbose_name = _("leeromgeving")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public().specific()
        context["profile_page"] = next(
            (child for child in children if isinstance(child, CompetenceProfilePage)), None
        )
        context["modules"] = [child for child in children if isinstance(child, LearningModulePage)]
        context["case_indexes"] = [
            child for child in children if isinstance(child, CaseBriefIndexPage)
        ]
        return context


class CompetenceProfilePage(Page):
    """Renders the whole competence profile from the snippets; only the introduction is text."""

    intro = RichTextField(_("inleiding"), blank=True, features=INTRO_FEATURES)

    parent_page_types = ["content.LearningIndexPage"]
    subpage_types: list[str] = []
    max_count = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    template = "content/competence_profile_page.html"

    class Meta:
        verbose_name = _("competentieprofielpagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["profile"] = competence_profile()
        context["lessons_by_work_process"] = lessons_by_work_process()
        return context


class LearningModulePage(Page):
    intro = RichTextField(_("inleiding"), blank=True, features=INTRO_FEATURES)
    body = StreamField(IntroStreamBlock(), blank=True, verbose_name=_("inhoud"))

    parent_page_types = ["content.LearningIndexPage"]
    subpage_types = ["content.LessonPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("body")]
    template = "content/learning_module_page.html"

    class Meta:
        verbose_name = _("leermodule")
        verbose_name_plural = _("leermodules")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = self.get_children().live().public().specific()
        return context


# The tags in the pages API, each with its CASE identifier and CFItem URL (issue #18).
PROFILE_TAG_API_FIELDS = [
    APIField(name, serializer=ProfileTagsField(kind))
    for name, kind in (
        ("work_processes", "work_process"),
        ("knowledge_items", "knowledge_item"),
        ("competence_areas", "competence_area"),
        ("trade_offs", "trade_off"),
    )
]


class ProfileTagsMixin(models.Model):
    """The items of the competence profile that a page serves (coverage counts these)."""

    work_processes = ParentalManyToManyField(
        "content.WorkProcess", blank=True, related_name="+", verbose_name=_("werkprocessen")
    )
    knowledge_items = ParentalManyToManyField(
        "content.KnowledgeItem",
        blank=True,
        related_name="+",
        verbose_name=_("vakkennis en vaardigheden"),
    )
    competence_areas = ParentalManyToManyField(
        "content.CompetenceArea",
        blank=True,
        related_name="+",
        verbose_name=_("competentiegebieden"),
    )
    trade_offs = ParentalManyToManyField(
        "content.TradeOff", blank=True, related_name="+", verbose_name=_("kenmerkende afwegingen")
    )

    profile_panels = [
        MultiFieldPanel(
            [
                FieldPanel("work_processes", widget=ProfileTagsWidget),
                FieldPanel("knowledge_items", widget=ProfileTagsWidget),
                FieldPanel("competence_areas", widget=ProfileTagsWidget),
                FieldPanel("trade_offs", widget=ProfileTagsWidget),
            ],
            heading=_("Competentieprofiel"),
        )
    ]

    class Meta:
        abstract = True


class LessonPage(ProfileTagsMixin, Page):
    summary = models.TextField(_("samenvatting"), max_length=600)
    duration_minutes = models.PositiveSmallIntegerField(_("studieduur (minuten)"), default=20)
    body = StreamField(LessonStreamBlock(), verbose_name=_("inhoud"))
    case_briefs = ParentalManyToManyField(
        "content.CaseBriefPage",
        blank=True,
        related_name="+",
        verbose_name=_("oefenen met casussen"),
    )

    parent_page_types = ["content.LearningModulePage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("duration_minutes"),
        FieldPanel("body"),
        *ProfileTagsMixin.profile_panels,
        FieldPanel("case_briefs"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("work_processes", [index.SearchField("title")]),
        index.RelatedFields("trade_offs", [index.SearchField("title")]),
    ]
    api_fields = [
        APIField("summary"),
        APIField("duration_minutes"),
        APIField("body"),
        *PROFILE_TAG_API_FIELDS,
    ]
    template = "content/lesson_page.html"

    class Meta:
        verbose_name = _("les")
        verbose_name_plural = _("lessen")

    def __str__(self) -> str:
        return self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["case_brief_pages"] = (
            CaseBriefPage.objects.live().public().filter(pk__in=self.case_briefs.all())
        )
        return context


class CaseBriefIndexPage(Page):
    intro = RichTextField(_("inleiding"), blank=True, features=INTRO_FEATURES)

    parent_page_types = ["content.LearningIndexPage"]
    subpage_types = ["content.CaseBriefPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    template = "content/case_brief_index_page.html"

    class Meta:
        verbose_name = _("overzicht casussen")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["briefs"] = self.get_children().live().public().specific()
        return context


class CaseBriefPage(ProfileTagsMixin, Page):
    """Introduces a case of the cases app; the case itself is looked up lazily by its slug."""

    case_slug = models.SlugField(
        _("casus (slug)"),
        max_length=100,
        help_text=_("De slug van de casus in de casusbank, bijvoorbeeld polo-total-loss."),
    )
    summary = models.TextField(_("samenvatting"), max_length=600)
    body = StreamField(LessonStreamBlock(), blank=True, verbose_name=_("inhoud"))

    parent_page_types = ["content.CaseBriefIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("case_slug"),
        FieldPanel("summary"),
        FieldPanel("body"),
        *ProfileTagsMixin.profile_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("case_slug"),
    ]
    api_fields = [
        APIField("case_slug"),
        APIField("summary"),
        APIField("body"),
        *PROFILE_TAG_API_FIELDS,
    ]
    template = "content/case_brief_page.html"

    class Meta:
        verbose_name = _("casusintroductie")
        verbose_name_plural = _("casusintroducties")

    def __str__(self) -> str:
        return self.title

    @property
    def case(self):
        """The case of the cases app with this slug, or None while no case has it."""
        return Case.objects.filter(slug=self.case_slug).first()

    @property
    def start_url(self) -> str | None:
        try:
            return reverse("cases:attempt-start", kwargs={"slug": self.case_slug})
        except NoReverseMatch:
            return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["case"] = self.case
        context["start_url"] = self.start_url
        context["lessons"] = LessonPage.objects.live().public().filter(case_briefs=self)
        return context


# What a trainee may read of each page kind: live and public. Declared with the page kinds, so
# that the pages and the selectors read one rule.


def published_lessons() -> QuerySet[LessonPage]:
    return LessonPage.objects.live().public().order_by("path")


def published_case_briefs() -> QuerySet[CaseBriefPage]:
    return CaseBriefPage.objects.live().public().order_by("path")


def lessons_by_work_process() -> dict[str, list[LessonPage]]:
    """Work process code → its published lessons, for the profile page."""
    result: dict[str, list[LessonPage]] = {}
    for lesson in published_lessons().prefetch_related("work_processes"):
        for process in lesson.work_processes.all():
            result.setdefault(process.code, []).append(lesson)
    return result
