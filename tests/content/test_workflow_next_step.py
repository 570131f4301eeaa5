"""After the colleague review is approved, the editor reads that adoption (vaststelling) is
next and which group adopts (issue #14, item 11)."""

import json

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory
from django.urls import reverse

from content import selectors, wagtail_hooks
from content.models.workflow import NEXT_STEP_PARAM
from content.services import APPROVERS_GROUP, page_review_act, page_submit_for_review
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.content import LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(organisation, editorial):
    user = UserFactory(
        username="redacteur_b", role=Role.EDITOR, organisation=organisation, is_staff=True
    )
    user.groups.add(editorial.editors)
    return user


@pytest.fixture
def submitted(module, editorial, editor_in_group):
    draft = LessonPageFactory(parent=module, slug="nieuwe-les", title="Nieuwe les", live=False)
    page_submit_for_review(page=draft, user=editor_in_group)
    return draft


def _approve_url(page):
    state = page.current_workflow_state
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, "approve", state.current_task_state.pk),
    )


def test_the_next_step_names_adoption_and_its_group(submitted, colleague):
    page_review_act(page=submitted, user=colleague, action="approve")

    message = selectors.review_next_step(submitted, colleague)

    assert message is not None
    assert "Redactionele toets goedgekeurd" in message
    assert "Volgende stap: Vaststelling" in message
    assert f"de groep {APPROVERS_GROUP}" in message
    assert "Nieuwe les" in message


def test_no_next_step_for_someone_who_approved_nothing(submitted, colleague, editor_in_group):
    assert selectors.review_next_step(submitted, colleague) is None
    page_review_act(page=submitted, user=colleague, action="approve")
    assert selectors.review_next_step(submitted, editor_in_group) is None


def test_approving_in_the_dialog_leads_to_the_dashboard_with_the_message(
    submitted, colleague, client_for
):
    client = client_for(colleague)

    # when she approves in Wagtail's dialog (an XMLHttpRequest) and follows where it goes
    answer = client.post(
        _approve_url(submitted), {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    redirect = json.loads(answer.content)["redirect"]
    dashboard = client.get(redirect)

    # then the dashboard says adoption is next, by the group Vaststellers
    assert redirect.startswith(reverse("wagtailadmin_home"))
    assert "Volgende stap: Vaststelling door de groep Vaststellers" in dashboard.content.decode()


def test_the_dashboard_parameter_tells_nothing_to_someone_else(
    submitted, colleague, editor_in_group, client_for
):
    page_review_act(page=submitted, user=colleague, action="approve")

    response = client_for(editor_in_group).get(
        reverse("wagtailadmin_home"), {NEXT_STEP_PARAM: submitted.pk}
    )

    assert "Volgende stap" not in response.content.decode()


def test_approving_in_the_editor_adds_the_message(submitted, colleague):
    page_review_act(page=submitted, user=colleague, action="approve")
    request = RequestFactory().post("/cms/", {"workflow-action-name": "approve"})
    request.user = colleague
    request.session = SessionStore()
    request._messages = FallbackStorage(request)

    wagtail_hooks.say_next_step_after_approval_in_the_editor(request, submitted)

    assert any("Volgende stap: Vaststelling" in str(m) for m in get_messages(request))
