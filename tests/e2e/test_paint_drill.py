"""A trainee does a paint drill in the browser: opens it from the case list, answers per panel,
is refused once (typed values kept), then sees the per-panel result; at 390 px nothing scrolls
sideways, at 1366 px the page works as well."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.e2e.flows import login_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def no_sideways_scroll(page) -> None:
    scroll_width, inner_width = page.evaluate(WIDTH)
    assert scroll_width <= inner_width, f"{page.url}: {scroll_width} px wide at {inner_width} px"


def test_a_trainee_does_the_pearl_drill_and_reads_the_explanation(page, demo_data, shot):
    from cases.models import PaintDrill

    drill = PaintDrill.objects.get(slug="niro-parelmoer-zijkant-links")
    panels = list(drill.panels.order_by("sort_order", "pk"))
    overlap = drill.overlaps.get()

    page.set_viewport_size(PHONE)
    login_as(page, "cursist1")
    page.goto(reverse("cases:index"))
    page.get_by_role("link", name="Lakoefeningen").first.click()
    no_sideways_scroll(page)
    page.locator(f"a[href='{reverse('cases:paint-drill', args=[drill.pk])}']").click()
    page.get_by_role("heading", name=drill.title).wait_for()
    no_sideways_scroll(page)
    # the model answer is not on the page before submitting
    assert panels[0].explanation[:40] not in page.content()

    for panel in panels:
        page.locator(f"#id_level_{panel.pk}").select_option(panel.model_level)
        units = f"{panel.model_units.normalize():f}".replace(".", ",")
        page.locator(f"#id_units_{panel.pk}").fill(units)
    # a typing slip: refused, and everything typed is still there
    page.locator(f"#id_units_{panels[0].pk}").fill("eenentwintig")
    page.locator(f"#id_overlap_{overlap.pk}").fill("2")
    page.get_by_role("button", name="Inleveren en uitleg zien").click()
    page.get_by_text("Vul een getal in").wait_for()
    assert page.locator(f"#id_units_{panels[0].pk}").input_value() == "eenentwintig"
    assert page.locator(f"#id_level_{panels[1].pk}").input_value() == panels[1].model_level
    assert page.locator(f"#id_overlap_{overlap.pk}").input_value() == "2"
    no_sideways_scroll(page)
    shot("refused")

    page.locator(f"#id_units_{panels[0].pk}").fill("21")
    # the fender: surface instead of blend, so one point off
    fender = next(p for p in panels if p.part_code == "71512-AT800")
    page.locator(f"#id_level_{fender.pk}").select_option("surface")
    page.get_by_role("button", name="Inleveren en uitleg zien").click()
    page.get_by_text("Score: 92 van 100").wait_for()
    card = page.locator(f"[data-panel='{fender.part_code}']")
    assert "fout" in card.inner_text() and "Inspuiten" in card.inner_text()
    assert fender.explanation[:40] in card.inner_text()
    assert overlap.explanation[:40] in page.content()
    no_sideways_scroll(page)
    shot("result-phone")

    page.set_viewport_size(DESKTOP)
    no_sideways_scroll(page)
    assert page.locator(".drill-panel").count() == len(panels) + 1
