"""Factories for the competence profile snippets and the learning pages.

Page factories need a `parent` (a page) and publish unless `live=False` is passed:
`LessonPageFactory(parent=module, work_processes=[wp])`.
"""

import factory
from wagtail.models import Page

from content.models import (
    CaseBriefIndexPage,
    CaseBriefPage,
    CompetenceArea,
    CoreTask,
    KnowledgeItem,
    LearningModulePage,
    LessonPage,
    TradeOff,
    WorkProcess,
)


class CoreTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoreTask
        django_get_or_create = ("code",)

    code = "1"
    title = "Managen van het schadeherstelproces"


class WorkProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkProcess
        django_get_or_create = ("code",)

    core_task = factory.SubFactory(CoreTaskFactory)
    code = factory.Sequence(lambda n: f"9.{n}")
    title = factory.Sequence(lambda n: f"Werkproces {n}")


class KnowledgeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnowledgeItem
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"X{n:02d}")
    title = factory.Sequence(lambda n: f"Heeft kennis van onderwerp {n}.")


class CompetenceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetenceArea
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"gebied-{n}")
    name = factory.Sequence(lambda n: f"Gebied {n}")


class TradeOffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TradeOff
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"afweging-{n}")
    title = factory.Sequence(lambda n: f"Afweging {n}?")


TAGS = ("work_processes", "knowledge_items", "competence_areas", "trade_offs", "case_briefs")


class PageFactory(factory.Factory):
    """Builds the page, adds it under `parent`, sets its tags, and publishes it when `live`."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Pagina {n}")
    slug = factory.Sequence(lambda n: f"pagina-{n}")

    @classmethod
    def _create(cls, model_class, *args, parent: Page, live: bool = True, **kwargs):
        tags = {name: kwargs.pop(name) for name in TAGS if name in kwargs}
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        for name, values in tags.items():
            getattr(page, name).set(values)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.live = False
            page.save(update_fields=["live"])
        page.refresh_from_db()
        return page

    @classmethod
    def _build(cls, model_class, *args, parent=None, live=True, **kwargs):
        for name in TAGS:
            kwargs.pop(name, None)
        return model_class(*args, **kwargs)


class LearningModulePageFactory(PageFactory):
    class Meta:
        model = LearningModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")


class LessonPageFactory(PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Les {n}")
    slug = factory.Sequence(lambda n: f"les-{n}")
    summary = "Een korte les."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Inhoud van de les.</p>")])


class CaseBriefIndexPageFactory(PageFactory):
    class Meta:
        model = CaseBriefIndexPage

    title = "Casussen"
    slug = "casussen"


class CaseBriefPageFactory(PageFactory):
    class Meta:
        model = CaseBriefPage

    title = factory.Sequence(lambda n: f"Casus {n}")
    slug = factory.Sequence(lambda n: f"casus-{n}")
    case_slug = "golf-front-low-speed"
    summary = "Een korte casus."
    body = factory.LazyFunction(list)
