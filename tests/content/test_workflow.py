"""The publishing workflow "Redactie en vaststelling": editorial review, then adoption."""

import pytest
from wagtail.models import WorkflowState

from content.services import (
    ADOPTION_TASK_NAME,
    REVIEW_TASK_NAME,
    WORKFLOW_NAME,
    WorkflowActionRefused,
    page_review_act,
    page_submit_for_review,
)
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.content import LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approver(organisation, editorial):
    user = UserFactory(
        username="vaststeller", role=Role.EDITOR, organisation=organisation, is_staff=True
    )
    user.groups.add(editorial.approvers)
    return user


@pytest.fixture
def draft(module, editorial):
    return LessonPageFactory(parent=module, slug="nieuwe-les", title="Nieuwe les", live=False)


def test_the_learning_tree_uses_the_two_step_workflow(draft):
    workflow = draft.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    assert [task.name for task in workflow.tasks] == [REVIEW_TASK_NAME, ADOPTION_TASK_NAME]


def test_submit_review_and_adopt_publishes_the_page(
    draft, editor_in_group, approver, client_for, trainee
):
    # given a submitted draft
    state = page_submit_for_review(page=draft, user=editor_in_group)
    assert state.current_task_state.task.name == REVIEW_TASK_NAME
    # when an editor approves the review and an approver adopts it
    state = page_review_act(page=draft, user=editor_in_group, action="approve")
    assert state.current_task_state.task.name == ADOPTION_TASK_NAME
    draft.refresh_from_db()
    assert not draft.live
    state = page_review_act(page=draft, user=approver, action="approve")
    # then the page is published and a trainee can read it
    assert state.status == WorkflowState.STATUS_APPROVED
    draft.refresh_from_db()
    assert draft.live
    assert client_for(trainee).get(draft.url).status_code == 200


def test_a_rejected_page_stays_unpublished(draft, editor_in_group, approver, client_for, trainee):
    page_submit_for_review(page=draft, user=editor_in_group)
    page_review_act(page=draft, user=editor_in_group, action="approve")
    state = page_review_act(page=draft, user=approver, action="reject", comment="Bron ontbreekt.")
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    draft.refresh_from_db()
    assert not draft.live
    assert client_for(trainee).get("/leren/module/nieuwe-les/").status_code == 404


def test_an_editor_cannot_adopt_a_page(draft, editor_in_group):
    page_submit_for_review(page=draft, user=editor_in_group)
    page_review_act(page=draft, user=editor_in_group, action="approve")
    with pytest.raises(WorkflowActionRefused):
        page_review_act(page=draft, user=editor_in_group, action="approve")
    draft.refresh_from_db()
    assert not draft.live


def test_a_trainee_cannot_review_a_page(draft, editor_in_group, trainee):
    page_submit_for_review(page=draft, user=editor_in_group)
    with pytest.raises(WorkflowActionRefused):
        page_review_act(page=draft, user=trainee, action="approve")


def test_a_page_cannot_be_submitted_twice(draft, editor_in_group):
    page_submit_for_review(page=draft, user=editor_in_group)
    with pytest.raises(WorkflowActionRefused):
        page_submit_for_review(page=draft, user=editor_in_group)


def test_editors_have_no_publish_permission_of_their_own(draft, editor_in_group):
    permissions = draft.permissions_for_user(editor_in_group)
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_the_editorial_setup_runs_twice_without_duplicates(learning_index, editorial):
    from wagtail.models import GroupApprovalTask, Workflow

    from content.services import editorial_setup_ensure

    editorial_setup_ensure(learning_index=learning_index)
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    for name in (REVIEW_TASK_NAME, ADOPTION_TASK_NAME):
        assert GroupApprovalTask.objects.filter(name=name).count() == 1


def test_approvers_may_publish_and_editors_may_not(draft, editor_in_group, approver):
    assert draft.permissions_for_user(approver).can_publish()
    assert not draft.permissions_for_user(editor_in_group).can_publish()
