"""Overrides that mean what they say: before saving, the grading page and the preview API show
what each verdict (and a typed credit) does to the line's points and the score, computed by the
same re-score as the saved override; the assessor may set a line's credit directly, with a
reason. Only the grade's own assessor previews; everyone else gets 404."""

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from assessment import selectors, services
from assessment.models import Grade, LineOverride
from tests.factories.assessment import released_grade, signed_grade

pytestmark = pytest.mark.django_db

LINE = "4"  # a reference line the trainee did exactly right (credit 1, no points lost)


def api(name, *args):
    return reverse(f"api:assessment_api:{name}", args=args)


@pytest.fixture
def draft(attempt, assessor):
    return services.grade_start(attempt=attempt, by=assessor)


def preview(client, grade, **body):
    return client.post(
        api("grade-override-preview", grade.pk),
        {"line_key": LINE, **body},
        content_type="application/json",
    )


def effects_of(response, key):
    row = next(row for row in response.context["rows"] if row["key"] == key)
    return {effect["verdict"]: effect for effect in row["effects"]}


# -- the page: every verdict's effect before saving ------------------------------------------


def test_the_page_shows_each_verdicts_points_and_score_before_saving(draft, assessor, client_for):
    response = client_for(assessor).get(reverse("assessment:grade", args=[draft.pk]))
    assert response.status_code == 200
    effects = effects_of(response, LINE)
    assert set(effects) == {"correct", "alternative", "units_off", "wrong_operation", "missing"}
    assert effects["correct"]["current"] and effects["correct"]["score"] == "100.0"
    missing = effects["missing"]
    assert missing["points_lost"] != "0.00" and missing["score"] != "100.0"
    page = html.unescape(response.content.decode())
    assert "Wat elk oordeel doet (vóór opslaan)" in page
    assert f"−{missing['points_lost'].replace('.', ',')}" in page
    # No inline script: the preview runs from the static file, texts through the JS catalog.
    assert not re.search(r"<script(?![^>]*\bsrc=)", page.replace('type="application/json"', ""))
    assert "grade-override-preview" not in page and "/override-preview/" in page
    # Nothing was stored by showing the effects.
    assert not LineOverride.objects.exists()


def test_the_preview_equals_what_saving_the_override_does(draft, assessor, client_for):
    client = client_for(assessor)
    previewed = preview(client, draft, new_verdict="missing").json()
    client.post(
        reverse("assessment:grade_override", args=[draft.pk]),
        {"line_key": LINE, "new_verdict": "missing", "reason": "Niet gevonden."},
    )
    draft.refresh_from_db()
    effective = selectors.effective_result(draft)
    line = next(line for line in effective["lines"] if line["key"] == LINE)
    assert previewed["score"] == effective["score"] == str(draft.score)
    assert previewed["points_lost"] == line["points_lost"]
    assert previewed["passed"] == draft.passed


# -- "acceptabel alternatief" never costs points the machine did not take ---------------------


def test_an_accepted_alternative_no_longer_costs_points(draft, assessor, client_for):
    """It used to: overriding a fully credited line to "alternative" gave it the line's
    alternative credit (0.5) and cost points the machine had not taken."""
    client = client_for(assessor)
    previewed = preview(client, draft, new_verdict="alternative")
    assert previewed.status_code == 200
    assert previewed.json()["points_lost"] == "0.00"
    assert previewed.json()["score"] == "100.0"

    page = client.get(reverse("assessment:grade", args=[draft.pk]))
    assert effects_of(page, LINE)["alternative"]["score"] == "100.0"

    client.post(
        reverse("assessment:grade_override", args=[draft.pk]),
        {"line_key": LINE, "new_verdict": "alternative", "reason": "Gelijkwaardige methode."},
    )
    draft.refresh_from_db()
    assert str(draft.score) == "100.0"


def test_an_alternative_with_a_lower_credit_set_does_cost_points(draft, assessor, client_for):
    response = preview(client_for(assessor), draft, new_verdict="alternative", credit="0.25")
    assert response.status_code == 200
    assert response.json()["points_lost"] != "0.00"
    assert float(response.json()["score"]) < 100


# -- a line's credit set directly -----------------------------------------------------------


def test_the_credit_is_set_through_the_api_with_a_reason(draft, assessor, client_for):
    client = client_for(assessor)
    previewed = preview(client, draft, new_verdict="units_off", credit="0.6").json()
    response = client.post(
        api("grade-override", draft.pk),
        {"line_key": LINE, "new_verdict": "units_off", "credit": "0.6", "reason": "Te ruim."},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["score"] == previewed["score"] != "100.0"
    assert LineOverride.objects.get().credit == Decimal("0.6")


def test_the_credit_is_set_through_the_page_as_a_percentage(draft, assessor, client_for):
    response = client_for(assessor).post(
        reverse("assessment:grade_override", args=[draft.pk]),
        {"line_key": LINE, "new_verdict": "units_off", "credit_percent": "62,5", "reason": "Ruim."},
    )
    assert response.status_code == 302
    assert LineOverride.objects.get().credit == Decimal("0.625")


@pytest.mark.parametrize("credit", ["1.5", "-0.1", "veel"])
def test_a_credit_out_of_range_is_refused_by_the_api_with_its_path(
    credit, draft, assessor, client_for
):
    client = client_for(assessor)
    for name, extra in (("grade-override", {"reason": "Zo."}), ("grade-override-preview", {})):
        response = client.post(
            api(name, draft.pk),
            {"line_key": LINE, "new_verdict": "units_off", "credit": credit, **extra},
            content_type="application/json",
        )
        assert response.status_code == 400
        error = response.json()["errors"][0]
        assert error["path"] == "credit"
        assert "0 tot en met 1" in error["message"]
    assert not LineOverride.objects.exists()


def test_a_credit_without_a_reason_is_refused_by_the_api(draft, assessor, client_for):
    response = client_for(assessor).post(
        api("grade-override", draft.pk),
        {"line_key": LINE, "new_verdict": "correct", "credit": "0.5", "reason": " "},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "reason"
    assert "reden" in response.json()["errors"][0]["message"]
    assert not LineOverride.objects.exists()


@pytest.mark.parametrize(
    ("typed", "reason", "message"),
    [
        (
            "150",
            "Veel te ruim gerekend.",
            "Het krediet moet een percentage van 0 tot en met 100 zijn.",
        ),
        ("40", "", "Geef een reden voor het aangepaste oordeel."),
    ],
)
def test_a_refused_page_form_says_why_in_dutch_and_keeps_what_was_typed(
    typed, reason, message, draft, assessor, client_for
):
    response = client_for(assessor).post(
        reverse("assessment:grade_override", args=[draft.pk]),
        {"line_key": LINE, "new_verdict": "units_off", "credit_percent": typed, "reason": reason},
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert message in page
    assert f'name="credit_percent" value="{typed}"' in page
    if reason:
        assert reason in page
    # The refused line's form is open, with the typed verdict still chosen.
    assert re.search(r'<option value="units_off" selected>', page)
    assert not LineOverride.objects.exists()


def test_a_credit_with_a_verdict_that_carries_none_is_refused_on_its_field(
    draft, assessor, client_for
):
    response = client_for(assessor).post(
        reverse("assessment:grade_override", args=[draft.pk]),
        {"line_key": LINE, "new_verdict": "missing", "credit_percent": "30", "reason": "Zo."},
    )
    assert response.status_code == 400
    typed = next(row for row in response.context["rows"] if row["key"] == LINE)["override_form"]
    assert "acceptabel alternatief" in typed.errors["credit_percent"][0]
    assert 'name="credit_percent" value="30"' in response.content.decode()
    assert not LineOverride.objects.exists()


# -- who may preview ------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["trainee", "other_trainee", "editor", "outsider_assessor"])
def test_only_the_grades_assessor_may_preview(who, draft, request, client_for, other_cohort):
    response = preview(client_for(request.getfixturevalue(who)), draft, new_verdict="missing")
    assert response.status_code == 404


def test_a_colleague_assessor_of_the_cohort_gets_404_for_the_preview(
    draft, organisation, cohort, client_for
):
    from tests.factories.accounts import UserFactory

    colleague = UserFactory(username="collega", role="assessor", organisation=organisation)
    cohort.assessors.add(colleague)
    client = client_for(colleague)
    assert client.get(api("grade-detail", draft.pk)).status_code == 200  # may read the draft
    assert preview(client, draft, new_verdict="missing").status_code == 404
    page = client.get(reverse("assessment:grade", args=[draft.pk]))
    assert "/override-preview/" not in page.content.decode()


def test_a_signed_grade_has_no_preview(attempt, assessor, client_for):
    grade = signed_grade(attempt, assessor)
    response = preview(client_for(assessor), grade, new_verdict="missing")
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "status"


def test_a_draft_that_a_rescore_replaced_has_no_preview(draft, assessor, client_for):
    # given: the draft was re-scored under the current spec, so a newer version replaces it
    from tests.assessment.test_grade_lifecycle import _as_schadescore_1

    services.grade_rescore(grade=_as_schadescore_1(draft), by=assessor, reason="Nieuwe spec.")
    # when
    response = preview(client_for(assessor), draft, new_verdict="missing")
    # then: refused as saving the override would be
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "version"


def test_an_unknown_line_or_a_verdict_not_for_the_line_is_refused(draft, assessor, client_for):
    client = client_for(assessor)
    unknown = client.post(
        api("grade-override-preview", draft.pk),
        {"line_key": "999", "new_verdict": "missing"},
        content_type="application/json",
    )
    wrong = preview(client, draft, new_verdict="extra")
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["path"] == "line_key"
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["path"] == "new_verdict"
    assert Grade.objects.get().score == draft.score


# -- the editor's reason for a critical line, read by the trainee ----------------------------


def test_the_trainee_reads_why_a_missed_critical_line_is_critical(
    trainee, cohort, assessor, client_for
):
    from tests.factories.assessment import CaseVersionFactory, finished_attempt, golf_document

    reference = golf_document("reference")
    radar = next(line for line in reference["lines"] if line["id"] == "6")
    radar["assess"]["critical_reason"] = "Zonder kalibratie remt de noodremassistent verkeerd."
    version = CaseVersionFactory(reference_precalc=reference, reference_final=reference)
    attempt = finished_attempt(
        trainee=trainee,
        cohort=cohort,
        case_version=version,
        submission="radar-calibration-forgotten",
    )
    released_grade(attempt, assessor)
    page = client_for(trainee).get(reverse("assessment:result", args=[attempt.pk]))
    assert page.status_code == 200
    text = html.unescape(page.content.decode())
    assert "Waarom deze regel kritiek is: Zonder kalibratie remt de noodremassistent verkeerd." in (
        re.sub(r"<[^>]+>", "", text)
    )
