"""The dossier says at the top what happened and what is next (issue #14, item 1).

A trainee's Golf dossier waits for a supplement after the workshop found hidden damage (the steps
before it are played through the workflow, as the demo loader does). In the browser the trainee
offers a supplement without the sensor calibrations; the paying party rejects it. The page then
says so in red at the top, with the reasons in words and the next step's button, which opens
that step's form; the timeline is newest first and shows no stored code; at 1366 px and at
390 px the page does not scroll sideways.
"""

from __future__ import annotations

import copy
import re

import pytest
from django.urls import reverse

from tests.e2e.flows import login_as, timeline_kinds

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CASE_SLUG = "golf-front-low-speed"
# A stored code as it would leak onto the page: snake_case, UPPER_CASE, a Python structure.
RAW_CODE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|[{}\[\]]")


def _lines(calculation: dict, *, without_operation: str = "") -> list[dict]:
    lines = []
    for line in copy.deepcopy(calculation["lines"]):
        line.pop("assess", None)
        if line["operation"] != without_operation:
            lines.append(line)
    return lines


@pytest.fixture
def waiting_for_a_supplement(demo_data):
    """cursist1's Golf dossier in `supplement_pending`, the draft holding the final lines
    without their calibrations."""
    import datetime as dt
    from decimal import Decimal

    from cases import workflow as wf
    from cases.calculations.selectors import draft_for
    from cases.calculations.services import draft_save
    from cases.models import AttemptStatus, Case
    from cases.services import attempt_start
    from schadeplatform.accounts.models import User

    trainee = User.objects.get(username="cursist1")
    attempt = attempt_start(trainee=trainee, case=Case.objects.get(slug=CASE_SLUG))
    version = attempt.case_version

    def save(lines):
        draft = draft_for(attempt)
        draft_save(attempt=attempt, lines=lines, expected_version=draft.version, by=trainee)

    wf.attempt_create_dossier(
        attempt=attempt,
        by=trainee,
        customer_name=version.customer["name"],
        license_plate="K-482-TD",
        insurer=version.customer["insurer"],
        policy_number=version.customer["policy_number"],
        cover="casco",
    )
    wf.attempt_record_damage(
        attempt=attempt,
        by=trainee,
        zones=list(version.expected_damage_zones),
        description="Voorbumper, grille, koplamp rechts, motorkap.",
    )
    wf.attempt_record_first_estimate(
        attempt=attempt, by=trainee, amount=Decimal("3500"), repair_days=4
    )
    wf.attempt_receive_repair_order(
        attempt=attempt, by=trainee, planned_date=attempt.simulated_date + dt.timedelta(days=2)
    )
    save(_lines(version.reference_precalc))
    wf.attempt_submit_precalc(attempt=attempt, by=trainee)
    wf.attempt_create_work_order(attempt=attempt, by=trainee, instructions="Volgens calculatie")
    wf.attempt_order_parts(attempt=attempt, by=trainee)
    wf.attempt_receive_vehicle(
        attempt=attempt, by=trainee, odometer=version.vehicle_snapshot["mileage_km"] + 40
    )
    wf.attempt_check_reception(attempt=attempt, by=trainee, new_damage_found=False)
    wf.attempt_start_repair(attempt=attempt, by=trainee)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUPPLEMENT_PENDING
    save(_lines(version.reference_final, without_operation="calibrate"))
    return attempt


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert width <= inner, f"the dossier is {width} px wide in a {inner} px window"


def test_a_rejected_supplement_is_said_in_red_at_the_top_with_the_next_step(
    page, waiting_for_a_supplement, shot
):
    attempt = waiting_for_a_supplement
    page.set_viewport_size({"width": 1366, "height": 900})
    login_as(page, "cursist1")
    page.goto(reverse("cases:attempt-detail", kwargs={"pk": attempt.pk}))
    panel = page.locator("#status")
    # before: the next step is to offer the supplement, its form already open
    expect(panel.locator(".next-step")).to_contain_text("Suppletie aanbieden")
    expect(panel.locator(".hidden-damage")).to_contain_text("bumperbalk")
    step = page.locator("details#stap-submit_supplement")
    expect(step).to_have_attribute("open", "")

    # when: the trainee offers the supplement (without the calibrations)
    with page.expect_navigation():
        step.get_by_role("button", name="Suppletie aanbieden", exact=True).click()

    # then: no green "recorded", a red message and a red panel at the top with the reasons
    expect(page.locator(".messages li.success")).to_have_count(0)
    expect(page.locator(".messages li.error")).to_contain_text("afgewezen door de betalende partij")
    expect(panel).to_have_class(re.compile(r"\bbad\b"))
    decision = panel.locator(".decision")
    expect(decision.locator(".decision-outcome")).to_have_text("Afgewezen.")
    expect(decision).to_contain_text("suppletie")
    expect(decision.locator(".reasons li").first).to_contain_text(
        "Kalibratie van ADAS-sensoren ontbreekt"
    )
    panel_top = panel.bounding_box()["y"]
    assert panel_top < page.locator("#brief-title").bounding_box()["y"]
    assert panel_top < page.locator("#tijdlijn").bounding_box()["y"]

    # the next step's button opens that step's form
    step.locator("summary").click()
    expect(step).not_to_have_attribute("open", "")
    button = panel.locator("a.next-step-button")
    expect(button).to_have_text("Suppletie aanbieden")
    button.click()
    expect(step).to_have_attribute("open", "")
    expect(step.get_by_role("button", name="Suppletie aanbieden", exact=True)).to_be_visible()

    # the timeline: newest first, the rejection on top, one event for the one submission
    kinds = timeline_kinds(page)
    assert kinds[:3] == [
        "Beslissing betalende partij",
        "Suppletie aangeboden",
        "Verborgen schade gevonden",
    ], kinds
    assert kinds.count("Suppletie aangeboden") == 1
    newest = page.locator("ol.timeline > li").first
    expect(newest.locator("details")).to_have_attribute("open", "")
    expect(newest).to_contain_text("Kalibratie van ADAS-sensoren ontbreekt")

    # no stored code anywhere on the page, and no sideways scrolling
    text = page.locator("main").inner_text()
    assert not RAW_CODE.findall(text), sorted(set(RAW_CODE.findall(text)))
    _no_sideways_scroll(page)
    shot("dossier-1366")

    # at 390 px: the same panel first, the stepper wraps, nothing wider than the window
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("#status")).to_have_class(re.compile(r"\bbad\b"))
    _no_sideways_scroll(page)
    stepper = page.locator("ol.stages")
    assert stepper.bounding_box()["width"] <= 390
    shot("dossier-390")


def test_the_stepper_and_stored_values_follow_the_language_switch(page, waiting_for_a_supplement):
    attempt = waiting_for_a_supplement
    login_as(page, "cursist1")
    page.goto(reverse("cases:attempt-detail", kwargs={"pk": attempt.pk}))
    expect(page.locator("ol.stages li").first).to_have_text("1.1 Uitvoeren van de intake")
    expect(page.locator("ol.stages li").nth(1)).to_have_text(
        "1.2 Uitvoeren van de werkvoorbereiding"
    )
    with page.expect_navigation():
        page.locator("form.language").get_by_role("button", name="EN").click()
    expect(page.locator("ol.stages li").nth(1)).to_have_text("1.2 Preparing the repair work")
    expect(page.locator("ol.stages li").nth(3)).to_have_text("1.4 Handing over the vehicle")
    expect(page.locator("#status h2")).to_have_text("Current state")
    entry = page.locator("ol.timeline > li").filter(has_text="Repair order received").first
    expect(entry).to_contain_text("subject to approval")
    expect(entry).to_contain_text("yes")
