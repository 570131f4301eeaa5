"""An editor writes a lesson in Wagtail and it goes live only through the workflow
"Redactie en vaststelling" (content/README.md): redacteur1 writes and submits it and is offered
no review of her own submission, her colleague redacteur2 approves the editorial review, the
approver (admin, group Vaststellers) adopts it, and a trainee then reads it at its URL. Until
the adoption the trainee gets 404.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.e2e.flows import login_as, path_of

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MODULE_SLUG = "schadedossier"
TITLE = "Suppletie in drie stappen"
SLUG = "suppletie-in-drie-stappen"
SUMMARY = "Hoe u verborgen schade meldt, een suppletie aanbiedt en de klant op de hoogte houdt."
TEXT = "Meld verborgen schade direct aan de betalende partij en herstel pas na akkoord."
WORK_PROCESS = "1.3"
KNOWLEDGE_ITEMS = ("K15", "K19")
COLLEAGUE = "redacteur2"  # the demo's second editor: the review step is a colleague's
# Wagtail's autosave interval (WAGTAIL_AUTOSAVE_INTERVAL, 500 ms by default) and some margin.
AUTOSAVE_SETTLES_MS = 1000


def _approve_on_dashboard(page, title: str) -> None:
    """The dashboard's "In afwachting van jouw beoordeling": the row's actions → Goedkeuren."""
    page.goto(reverse("wagtailadmin_home"))
    row = page.locator("tr").filter(has=page.get_by_role("link", name=title, exact=True))
    expect(row).to_have_count(1)
    row.get_by_role("button", name="Acties").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Goedkeuren", exact=True).click()


def test_editor_writes_a_lesson_that_goes_live_through_the_review_workflow(
    page, another_page, demo_data, shot
):
    from content.models import KnowledgeItem, LearningModulePage, WorkProcess
    from content.services import ADOPTION_TASK_NAME, REVIEW_TASK_NAME, WORKFLOW_NAME

    module = LearningModulePage.objects.get(slug=MODULE_SLUG)
    work_process = WorkProcess.objects.get(code=WORK_PROCESS)
    knowledge = list(KnowledgeItem.objects.filter(code__in=KNOWLEDGE_ITEMS).order_by("code"))
    lesson_url = f"{module.url}{SLUG}/"

    # --- redacteur1 writes the lesson under the module and tags it ---------------------------
    login_as(page, "redacteur1")
    assert path_of(page) == reverse("wagtailadmin_home")
    page.goto(reverse("wagtailadmin_explore", args=[module.pk]))
    with page.expect_navigation():
        page.get_by_role("link", name="Voeg onderliggende pagina toe").click()
    # a module holds only lessons, so Wagtail opens the lesson form at once
    # typed key by key: Wagtail derives the slug from the title as it is typed
    page.get_by_role("textbox", name="Titel*").press_sequentially(TITLE)
    page.get_by_role("textbox", name="Samenvatting*").fill(SUMMARY)
    body = page.get_by_role("region", name="Inhoud*")
    body.get_by_role("button", name="Blok invoegen").click()
    page.get_by_role("option", name="tekst", exact=True).click()
    body.locator("[contenteditable=true]").first.click()
    page.keyboard.type(TEXT)
    expect(body.locator("[contenteditable=true]").first).to_have_text(TEXT)
    # Draftail writes its hidden input a moment after the last key: a form sent before that
    # saves an empty block (it did on a fast machine)
    expect(page.locator('input[name="body-0-value"]')).to_have_value(re.compile(re.escape(TEXT)))
    expect(page.locator("#id_slug")).to_have_value(SLUG)
    # The profile's items are checkboxes with a search box (issue #14, item 11): she finds
    # each by its code and ticks it.
    page.locator(f'input[name="work_processes"][value="{work_process.pk}"]').check()
    knowledge_filter = page.locator("[data-profile-picker]").filter(
        has=page.locator('input[name="knowledge_items"]')
    )
    for item in knowledge:
        knowledge_filter.locator("[data-profile-picker-filter]").fill(item.code)
        knowledge_filter.get_by_label(str(item), exact=True).check()
    shot("les-schrijven")

    # --- and submits it to the workflow (she may not publish) --------------------------------
    # Wagtail 8 autosaves the form half a second after the last change (its create form then
    # becomes the new page's edit form): let that save land first, as an editor who reads the
    # "Opgeslagen" sign does. Submitting while it was on its way answered 400 on a slow machine.
    # Either way the page goes into the workflow once, as the dashboard below shows.
    page.wait_for_timeout(AUTOSAVE_SETTLES_MS)
    page.wait_for_function(
        "() => document.querySelector('#w-autosave-indicator')"
        "?.getAttribute('data-w-autosave-state-value') !== 'saving'"
    )
    page.get_by_role("button", name="Meer acties").click()
    expect(page.get_by_role("button", name="Publiceren")).to_have_count(0)
    with page.expect_navigation():
        page.get_by_role("button", name=f"Stuur door naar {WORKFLOW_NAME}").click()
    errors = page.locator(".error-message, .w-field__errors").all_inner_texts()
    assert not [e for e in errors if e.strip()], f"the lesson form refused: {errors}"
    # Wagtail's words depend on whether its autosave had already made the page ("is ter
    # goedkeuring ingediend") or the submission made it ("aangemaakt en ingediend voor controle")
    submitted = re.compile(
        rf"Pagina '{re.escape(TITLE)}' "
        r"(aangemaakt en ingediend voor controle|is ter goedkeuring ingediend)\."
    )
    expect(page.get_by_text(submitted)).to_be_visible()

    # the trainee cannot read it yet
    trainee = another_page()
    login_as(trainee, "cursist1")
    assert trainee.goto(lesson_url).status == 404

    # --- she cannot review her own submission: her dashboard lists it, without "Goedkeuren" ---
    page.goto(reverse("wagtailadmin_home"))
    own_row = page.locator("tr").filter(has=page.get_by_role("link", name=TITLE, exact=True))
    own_row.get_by_role("button", name="Acties").click()
    expect(own_row.get_by_role("link", name="Wijzig")).to_be_visible()
    expect(page.get_by_role("button", name="Goedkeuren", exact=True)).to_have_count(0)
    expect(page.get_by_text("In afwachting van jouw beoordeling")).to_have_count(0)

    # --- her colleague redacteur2 approves the editorial review -----------------------------
    colleague = another_page()
    login_as(colleague, COLLEAGUE)
    _approve_on_dashboard(colleague, TITLE)
    # she reads that adoption is next, and by whom (issue #14, item 11)
    expect(
        colleague.get_by_text("Volgende stap: Vaststelling door de groep Vaststellers")
    ).to_be_visible()
    shot("na-redactionele-toets", colleague)
    assert trainee.goto(lesson_url).status == 404, "live after the review, before the adoption"

    # --- the approver adopts it, which publishes it ------------------------------------------
    approver = another_page()
    login_as(approver, "admin")
    approver.goto(reverse("wagtailadmin_home"))
    row = approver.locator("tr").filter(has=approver.get_by_role("link", name=TITLE, exact=True))
    expect(row.locator(f'[data-w-tooltip-content-value^="{REVIEW_TASK_NAME}:"]')).to_have_count(1)
    expect(row.locator(f'[data-w-tooltip-content-value^="{ADOPTION_TASK_NAME}:"]')).to_have_count(1)
    shot("vaststellen", approver)
    _approve_on_dashboard(approver, TITLE)

    # --- the lesson is live: the trainee reads it, tags and all ------------------------------
    response = trainee.goto(lesson_url)
    assert response.status == 200
    expect(trainee.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(trainee.get_by_text(TEXT)).to_be_visible()
    tags = trainee.get_by_role("complementary", name="Competentieprofiel")
    expect(tags).to_contain_text(f"{work_process.code} {work_process.title}")
    for item in knowledge:
        expect(tags).to_contain_text(f"{item.code} – {item.title}")
    shot("les-live", trainee)
    trainee.goto(module.url)
    expect(trainee.get_by_role("link", name=TITLE)).to_have_count(1)
