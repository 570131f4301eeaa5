"""The calculation editor as an Audatex or DAT user works in it (issue #14, items 3–6), in Chromium:
type-ahead by name or part number, Enter adds the line, the add form falls back to the
operation's defaults, a line's operation changes in place, delete with undo, the left and right
side apart with an exploded view whose parts prefill the form, only the sensors the vehicle has,
plausibility hints beside the line, and the page at 1366 and 390 px.

The demo Tesla Model 3 (cases/demo_cases/model3-rear-ev.json): a front camera and park sensors,
no radar, no lidar.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.e2e.flows import login_as

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SAVED = re.compile(r"^Opgeslagen \(versie \d+\)$")
TESLA_CASE = "model3-rear-ev"
REAR_BUMPER = "1084168-S0-A"  # Achterbumper
TAILGATE = "1081670-E0-C"  # Achterklep
DOOR_LEFT_FRONT = "1124951-S0-E"  # Portier links voor
DOOR_RIGHT_FRONT = "1264318-01-A"  # Portier rechts voor


@pytest.fixture
def editor_url(demo_data):
    """cursist1's fresh attempt at the Tesla case; the editor's URL."""
    from django.contrib.auth import get_user_model

    from cases.models import Case
    from cases.selectors import cohorts_offering, latest_published_version
    from cases.services import attempt_start

    trainee = get_user_model().objects.get(username="cursist1")
    case = Case.objects.get(slug=TESLA_CASE)
    cohort = cohorts_offering(trainee, latest_published_version(case))[0]
    attempt = attempt_start(trainee=trainee, case=case, cohort=cohort)
    return reverse("cases:calc-editor", kwargs={"pk": attempt.pk})


def open_editor(page, url, width=1366):
    page.set_viewport_size({"width": width, "height": 900})
    login_as(page, "cursist1")
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Calculatie")
    # the script has loaded the case's catalogue when the search field shows
    expect(page.get_by_label("Zoeken op naam of onderdeelnummer")).to_be_visible()


def rows(page):
    return page.locator("#calc-lines-body tr[data-index]")


def search_and_pick(page, typed, name):
    box = page.get_by_role("combobox", name="Zoeken op naam of onderdeelnummer")
    box.fill(typed)
    option = page.get_by_role("listbox").get_by_role("option").filter(has_text=name).first
    expect(option).to_be_visible()
    while option.get_attribute("aria-selected") != "true":
        box.press("ArrowDown")
    box.press("Enter")  # picks the part
    expect(page.get_by_role("listbox")).to_be_hidden()
    return box


def test_type_ahead_enter_adds_lines_and_the_form_resets_to_the_operations_defaults(
    page, editor_url, shot
):
    open_editor(page, editor_url)
    add = page.locator("#calc-add")

    # type-ahead by part number; the arrow keys choose, Enter picks, Enter again adds
    box = search_and_pick(page, "1084168", "Achterbumper")
    expect(add.get_by_label("Onderdeel of werkcode")).to_have_value(REAR_BUMPER)
    add.get_by_label("Bewerking").select_option("paint")
    add.get_by_label("Lakniveau").select_option("repair_major")
    box.press("Enter")
    expect(rows(page)).to_have_count(1)
    expect(rows(page).nth(0)).to_contain_text(REAR_BUMPER)
    expect(page.locator("#calc-status")).to_have_text(SAVED)
    # the form is back at the operation's defaults: nothing from the last line sticks
    expect(add.get_by_label("Lakniveau")).to_have_value("")
    expect(box).to_have_value("")

    # a repair (with its time) and then a replace: the repair time does not stick and the
    # next line is not refused
    search_and_pick(page, "achterklep", "Achterklep")
    add.get_by_label("Bewerking").select_option("repair")
    add.get_by_label("Hersteltijd (AE)").fill("12")
    add.get_by_label("Hersteltijd (AE)").press("Enter")  # Enter in a field adds the line
    expect(rows(page)).to_have_count(2)
    expect(add.get_by_label("Hersteltijd (AE)")).to_have_value("")
    search_and_pick(page, "voorbumper", "Voorbumper")
    add.get_by_label("Bewerking").select_option("replace")
    add.get_by_label("Bewerking").press("Enter")
    expect(rows(page)).to_have_count(3)
    expect(page.locator("#calc-add-error")).to_be_hidden()
    expect(page.locator("#calc-status")).to_have_text(SAVED)

    # per-line amounts from the engine, parts gross and discount and hours beside the totals
    expect(rows(page).nth(2).locator(".calc-amount")).to_contain_text("€")
    totals = page.locator("#calc-totals")
    expect(totals).to_contain_text("Onderdelen bruto")
    expect(totals).to_contain_text("Korting onderdelen")
    expect(totals.locator(".calc-hours").first).not_to_be_empty()

    # the operation of a line changes in place: the tailgate's repair becomes a replace
    operation = rows(page).nth(1).get_by_label("Bewerking regel 2")
    operation.select_option("replace")
    expect(rows(page).nth(1).get_by_label("Prijs per stuk")).to_be_visible()
    expect(rows(page)).to_have_count(3)
    expect(rows(page).nth(1)).to_contain_text(TAILGATE)
    expect(page.locator("#calc-status")).to_have_text(SAVED)

    # a plausibility hint beside the line, which blocks nothing
    units = rows(page).nth(2).get_by_label("Arbeid (AE)")
    units.fill("99999")
    units.press("Tab")
    expect(page.locator("tr.calc-line-hints[data-for='2']")).to_contain_text("99.999 AE")
    expect(page.locator("#calc-status")).to_have_text(SAVED)

    # delete, then undo: the line is back in its place
    rows(page).nth(1).get_by_role("button", name="Regel 2 verwijderen").click()
    expect(rows(page)).to_have_count(2)
    toast = page.locator("#calc-toast")
    expect(toast).to_contain_text("Regel verwijderd")
    toast.get_by_role("button", name="Ongedaan maken").click()
    expect(rows(page)).to_have_count(3)
    expect(rows(page).nth(1)).to_contain_text(TAILGATE)
    expect(toast).to_be_hidden()
    expect(page.locator("#calc-status")).to_have_text(SAVED)

    # no message shows a field's internal name
    page_text = page.locator("main").inner_text()
    for internal in ("labour_units", "repair_units", "unit_price", "paint_mode", "part_source"):
        assert internal not in page_text
    # large amounts still fit the outcome panel: nothing scrolls sideways at 1366
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot("editor-1366")


def test_left_and_right_side_the_exploded_view_and_only_the_vehicles_sensors(page, editor_url):
    open_editor(page, editor_url)
    outline = page.locator("svg.calc-outline")
    add = page.locator("#calc-add")

    outline.get_by_role("link", name="Linkerzijde").click()
    expect(page.locator("#calc-parts-title")).to_have_text("Linkerzijde")
    parts = page.locator("#calc-parts")
    expect(parts.locator(f'button.calc-part[data-code="{DOOR_LEFT_FRONT}"]')).to_be_visible()
    expect(parts.locator(f'button.calc-part[data-code="{DOOR_RIGHT_FRONT}"]')).to_have_count(0)

    # clicking a part in the exploded view prefills the add form with it
    exploded = page.locator("#calc-exploded svg.calc-exploded")
    exploded.get_by_role("link", name=f"Portier links voor ({DOOR_LEFT_FRONT})").click()
    expect(add.get_by_label("Onderdeel of werkcode")).to_have_value(DOOR_LEFT_FRONT)
    expect(add.get_by_label("Bewerking")).to_be_focused()

    outline.get_by_role("link", name="Rechterzijde").click()
    expect(page.locator("#calc-parts-title")).to_have_text("Rechterzijde")
    expect(
        exploded.get_by_role("link", name=f"Portier rechts voor ({DOOR_RIGHT_FRONT})")
    ).to_be_visible()
    expect(exploded.get_by_role("link", name=re.compile(r"links"))).to_have_count(0)
    # by keyboard too: the part shapes are links
    exploded.get_by_role("link", name=f"Portier rechts voor ({DOOR_RIGHT_FRONT})").focus()
    page.keyboard.press("Enter")
    expect(add.get_by_label("Onderdeel of werkcode")).to_have_value(DOOR_RIGHT_FRONT)

    # the Tesla has a front camera and park sensors: no lidar, no radar calibration offered
    offered = (
        add.get_by_label("Onderdeel of werkcode")
        .locator("option")
        .evaluate_all("options => options.map(o => o.value)")
    )
    assert "ADAS-FRONT-CAMERA" in offered and "ADAS-PARK" in offered
    for missing in ("ADAS-LIDAR", "ADAS-FRONT-RADAR", "ADAS-REAR-RADAR", "SUB-CALIB-RADAR"):
        assert missing not in offered
    box = page.get_by_role("combobox", name="Zoeken op naam of onderdeelnummer")
    box.fill("kalibreren")
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option").first).to_be_visible()
    expect(listbox).not_to_contain_text("Lidar")
    expect(listbox).not_to_contain_text("Frontradar")


def _add_by_search(page, typed, name, operation):
    search_and_pick(page, typed, name)
    add = page.locator("#calc-add")
    add.get_by_label("Bewerking").select_option(operation)
    before = rows(page).count()
    add.get_by_role("button", name="Toevoegen").click()
    expect(rows(page)).to_have_count(before + 1)
    expect(page.locator("#calc-status")).to_have_text(SAVED)


def test_the_editor_at_1366_and_390_px(page, editor_url, shot):
    open_editor(page, editor_url)
    _add_by_search(page, "achterbumper", "Achterbumper", "replace")
    _add_by_search(page, "achterklep", "Achterklep", "replace")
    _add_by_search(page, "achterlicht links (klep)", "Achterlicht links (klep)", "replace")

    # 1366: every line's delete control is in view, not hidden behind the table's scroll
    for button in page.locator("#calc-lines-body .calc-remove").all():
        button.scroll_into_view_if_needed()
        assert button.is_visible()
        covered = button.evaluate(
            """b => { const r = b.getBoundingClientRect();
                      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                      return !(hit === b || b.contains(hit)) || r.right > window.innerWidth; }"""
        )
        assert not covered, "the delete control is covered or outside the window"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # 390: the document does not scroll sideways; the lines table scrolls inside its own box
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(editor_url + "?zone=rear")
    expect(page.locator("#calc-parts-title")).to_have_text("Achterzijde")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    )
    shot("editor-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(editor_url)
    expect(rows(page)).to_have_count(3)
    shot("editor-1366")


def test_autosave_retries_by_itself_while_the_server_is_away_and_keeps_what_was_typed(
    page, editor_url
):
    """Issue #17: the server (or its database) away for 10 s: every save in that time fails
    (here: the connection is refused), the editor says "Niet opgeslagen — opnieuw proberen",
    keeps the typed value, and stores it by itself once the server is back."""
    from cases.models import CalculationDraft

    open_editor(page, editor_url)
    search_and_pick(page, "achterklep", "Achterklep")
    add = page.locator("#calc-add")
    add.get_by_label("Bewerking").select_option("repair")
    add.get_by_label("Hersteltijd (AE)").fill("12")
    add.get_by_label("Hersteltijd (AE)").press("Enter")
    expect(page.locator("#calc-status")).to_have_text(SAVED)
    expect(page.get_by_role("button", name="Nu opnieuw proberen")).to_be_hidden()

    # given: every save fails while the server is away
    def away(route):
        if route.request.method == "PUT":
            route.abort("connectionrefused")
        else:
            route.continue_()

    page.route(re.compile(r".*/api/v1/attempts/\d+/calculation/$"), away)

    # when: the trainee changes the line's labour units
    units = rows(page).nth(0).get_by_label("Arbeid (AE)")
    units.fill("15")
    units.press("Tab")

    # then: the editor says so and offers to try now; the typed value stays
    status = page.locator("#calc-status")
    expect(status).to_have_text("Niet opgeslagen — opnieuw proberen")
    expect(page.get_by_role("button", name="Nu opnieuw proberen")).to_be_visible()
    page.wait_for_timeout(10_000)
    expect(units).to_have_value("15")

    # when: the server is back, the editor stores the value by itself (no click)
    page.unroute_all()
    expect(status).to_have_text(SAVED, timeout=20_000)
    expect(page.get_by_role("button", name="Nu opnieuw proberen")).to_be_hidden()
    draft = CalculationDraft.objects.get(attempt_id=int(editor_url.strip("/").split("/")[-2]))
    assert [str(line.get("labour_units")) for line in draft.lines] == ["15"]
