"""A trainee reviews a colleague's calculation in the browser: opens it from the case list,
judges the rows, is refused once (typed values kept), saves, submits and reads the explanation
per row; at 390 px nothing scrolls sideways, at 1366 px the page works as well."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"
PASSWORD = "Rekencontrole-e2e-2026"


def no_sideways_scroll(page) -> None:
    scroll_width, inner_width = page.evaluate(WIDTH)
    assert scroll_width <= inner_width, f"{page.url}: {scroll_width} px wide at {inner_width} px"


@pytest.fixture
def golf_review(live_server):
    """Only what the exercise needs: the Golf case, the demo reviews and one trainee."""
    from django.utils import timezone

    from cases import demo as case_demo
    from cases import demo_files
    from cases.calc_review import demo
    from cases.models import AttemptStatus, CalcReviewExercise
    from schadeplatform.accounts.models import Role
    from tests.factories.accounts import UserFactory
    from tests.factories.cases import AttemptFactory

    for data in demo_files.demo_cases():
        if data["slug"] in {spec["case"] for spec in demo.EXERCISES}:
            case_demo.load_case(data, by=None, stdout=io.StringIO())
    demo.load(io.StringIO())
    user = UserFactory(username="cursist_rekencontrole", role=Role.TRAINEE)
    user.set_password(PASSWORD)
    user.save()
    exercise = CalcReviewExercise.objects.get(slug=demo.EXERCISES[0]["slug"])
    # A review opens once the trainee has handed in their own attempt at the case.
    AttemptFactory(
        trainee=user,
        case_version=exercise.case_version,
        status=AttemptStatus.DELIVERED,
        submitted_at=timezone.now(),
    )
    return exercise


def login(page) -> None:
    page.goto(reverse("accounts:login"))
    page.get_by_label("Gebruikersnaam").fill("cursist_rekencontrole")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()


def test_a_trainee_reviews_the_golf_calculation_and_reads_the_explanation(page, golf_review, shot):
    exercise = golf_review
    errors = {e["line"]: e for e in exercise.answer_key if e["line"]}
    anchors = ["tarieven"] + [line["id"] for line in exercise.document["lines"]]

    page.set_viewport_size(PHONE)
    login(page)
    page.goto(reverse("cases:index"))
    # The width is measured on the page the link opens, not on the list while it unloads.
    with page.expect_navigation():
        page.get_by_role("link", name="Rekencontrole").first.click()
    no_sideways_scroll(page)
    page.locator(f"a[href='{reverse('cases:calc-review', args=[exercise.pk])}']").click()
    page.get_by_role("heading", name=exercise.title).wait_for()
    no_sideways_scroll(page)
    for error in exercise.answer_key:
        assert error["correct"] not in page.content()
    shot("task-phone")

    for anchor in anchors:
        error = errors.get(anchor)
        page.locator(f"#id_verdict_{anchor}_{1 if error else 0}").check()
        if error:
            page.locator(f"#id_kind_{anchor}").select_option(error["kind"])
    # the headlamp wrongly marked fout without a kind: refused, everything typed kept
    page.locator("#id_verdict_4_1").check()
    page.locator("#id_correction_4").fill("herstelset gebruiken")
    page.get_by_role("button", name="Inleveren en uitleg zien").click()
    page.get_by_text("Kies welke soort fout het is.").wait_for()
    assert page.locator("#id_correction_4").input_value() == "herstelset gebruiken"
    assert page.locator("#id_kind_tarieven").input_value() == "wrong_rates"
    no_sideways_scroll(page)
    shot("refused")

    page.locator("#id_verdict_4_0").check()
    page.locator("#id_correction_4").fill("")
    page.locator("#id_missing_kind_0").select_option("missed_calibration")
    page.locator("#id_missing_correction_0").fill("frontradar kalibreren")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Opgeslagen.").wait_for()
    assert page.locator("#id_missing_correction_0").input_value() == "frontradar kalibreren"
    page.get_by_role("button", name="Inleveren en uitleg zien").click()
    page.get_by_text("Score: 100").wait_for()
    assert "Gevonden: Kalibratie (ADAS) ontbreekt" in page.content()
    no_sideways_scroll(page)
    shot("result-phone")

    page.set_viewport_size(DESKTOP)
    no_sideways_scroll(page)
    assert page.locator("tr[data-outcome]").count() == len(anchors) + 1
