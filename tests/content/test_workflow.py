"""The publishing workflow "Redactie en vaststelling": a colleague editor's review, then
adoption. The editor who submitted a page takes no part in its review."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import GroupApprovalTask, TaskState, WorkflowState

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
def colleague(organisation, editorial):
    user = UserFactory(
        username="redacteur_b", role=Role.EDITOR, organisation=organisation, is_staff=True
    )
    user.groups.add(editorial.editors)
    return user


@pytest.fixture
def draft(module, editorial):
    return LessonPageFactory(parent=module, slug="nieuwe-les", title="Nieuwe les", live=False)


def test_the_learning_tree_uses_the_two_step_workflow(draft):
    workflow = draft.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    assert [task.name for task in workflow.tasks] == [REVIEW_TASK_NAME, ADOPTION_TASK_NAME]


def test_submit_review_and_adopt_publishes_the_page(
    draft, editor_in_group, colleague, approver, client_for, trainee
):
    # given a submitted draft
    state = page_submit_for_review(page=draft, user=editor_in_group)
    assert state.current_task_state.task.name == REVIEW_TASK_NAME
    # when a colleague editor approves the review and an approver adopts it
    state = page_review_act(page=draft, user=colleague, action="approve")
    assert state.current_task_state.task.name == ADOPTION_TASK_NAME
    draft.refresh_from_db()
    assert not draft.live
    state = page_review_act(page=draft, user=approver, action="approve")
    # then the page is published and a trainee can read it
    assert state.status == WorkflowState.STATUS_APPROVED
    draft.refresh_from_db()
    assert draft.live
    assert client_for(trainee).get(draft.url).status_code == 200


def test_a_rejected_page_stays_unpublished(
    draft, editor_in_group, colleague, approver, client_for, trainee
):
    page_submit_for_review(page=draft, user=editor_in_group)
    page_review_act(page=draft, user=colleague, action="approve")
    state = page_review_act(page=draft, user=approver, action="reject", comment="Bron ontbreekt.")
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    draft.refresh_from_db()
    assert not draft.live
    assert client_for(trainee).get("/leren/module/nieuwe-les/").status_code == 404


def test_a_page_rejected_at_the_colleague_review_stays_unpublished(
    draft, editor_in_group, colleague, client_for, trainee
):
    page_submit_for_review(page=draft, user=editor_in_group)
    state = page_review_act(page=draft, user=colleague, action="reject", comment="Bron ontbreekt.")
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    draft.refresh_from_db()
    assert not draft.live
    assert client_for(trainee).get("/leren/module/nieuwe-les/").status_code == 404


def test_an_editor_cannot_adopt_a_page(draft, editor_in_group, colleague):
    page_submit_for_review(page=draft, user=editor_in_group)
    page_review_act(page=draft, user=colleague, action="approve")
    for editor in (editor_in_group, colleague):
        with pytest.raises(WorkflowActionRefused):
            page_review_act(page=draft, user=editor, action="approve")
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
    from wagtail.models import Workflow

    from content.models import ColleagueReviewTask
    from content.services import editorial_setup_ensure

    editorial_setup_ensure(learning_index=learning_index)
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    for name in (REVIEW_TASK_NAME, ADOPTION_TASK_NAME):
        assert GroupApprovalTask.objects.filter(name=name).count() == 1
    assert ColleagueReviewTask.objects.filter(name=REVIEW_TASK_NAME).count() == 1
    assert not ColleagueReviewTask.objects.filter(name=ADOPTION_TASK_NAME).exists()


def test_approvers_may_publish_and_editors_may_not(draft, editor_in_group, approver):
    assert draft.permissions_for_user(approver).can_publish()
    assert not draft.permissions_for_user(editor_in_group).can_publish()


# --- the review is a colleague's ----------------------------------------------------------------


def _review_task(page):
    return page.current_workflow_task_state.task.specific


def test_the_submitter_is_offered_no_review_action_and_a_colleague_is(
    draft, editor_in_group, colleague
):
    page_submit_for_review(page=draft, user=editor_in_group)
    task = _review_task(draft)
    assert task.get_actions(draft, editor_in_group) == []
    assert {name for name, _label, _modal in task.get_actions(draft, colleague)} == {
        "approve",
        "reject",
    }


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_the_submitter_cannot_review_her_own_page(draft, editor_in_group, action):
    page_submit_for_review(page=draft, user=editor_in_group)
    with pytest.raises(WorkflowActionRefused):
        page_review_act(page=draft, user=editor_in_group, action=action)
    state = draft.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == REVIEW_TASK_NAME
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_a_forced_approval_by_the_submitter_in_the_admin_is_refused(
    draft, editor_in_group, client_for
):
    # given a page the editor submitted herself
    state = page_submit_for_review(page=draft, user=editor_in_group)
    task_state = state.current_task_state
    # when she posts the approval straight to Wagtail's workflow action, as the dashboard's
    # modal does (XMLHttpRequest) and as a plain form would
    url = reverse("wagtailadmin_pages:workflow_action", args=(draft.pk, "approve", task_state.pk))
    client = client_for(editor_in_group)
    modal = client.post(url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
    plain = client.post(url, {"comment": ""})
    # then it is refused (Wagtail answers a plain request by sending her to the dashboard with
    # its "no permission" message) and the workflow has not moved
    assert modal.status_code == 403
    assert plain.status_code == 302
    assert plain.url == reverse("wagtailadmin_home")
    assert [m.level_tag for m in get_messages(plain.wsgi_request)] == ["error"]
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    state.refresh_from_db()
    assert state.current_task_state_id == task_state.pk
    draft.refresh_from_db()
    assert not draft.live


def test_a_colleague_approves_the_review_in_the_admin(
    draft, editor_in_group, colleague, client_for
):
    state = page_submit_for_review(page=draft, user=editor_in_group)
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(draft.pk, "approve", task_state.pk))
    response = client_for(colleague).post(url, {"comment": ""})
    assert response.status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.finished_by == colleague
    state.refresh_from_db()
    assert state.current_task_state.task.name == ADOPTION_TASK_NAME
    draft.refresh_from_db()
    assert not draft.live


def test_the_review_awaits_the_colleague_on_the_dashboard_not_the_submitter(
    draft, editor_in_group, colleague, client_for
):
    state = page_submit_for_review(page=draft, user=editor_in_group)
    assert not TaskState.objects.reviewable_by(editor_in_group).exists()
    assert list(TaskState.objects.reviewable_by(colleague)) == [state.current_task_state]
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(draft.pk, "approve", state.current_task_state.pk),
    )
    assert approve_url not in client_for(editor_in_group).get("/cms/").content.decode()
    assert approve_url in client_for(colleague).get("/cms/").content.decode()


def test_the_edit_view_offers_the_review_to_the_colleague_only(
    draft, editor_in_group, colleague, client_for
):
    page_submit_for_review(page=draft, user=editor_in_group)
    edit_url = reverse("wagtailadmin_pages:edit", args=(draft.pk,))
    own = client_for(editor_in_group).get(edit_url)
    theirs = client_for(colleague).get(edit_url)
    assert own.status_code == theirs.status_code == 200
    assert 'data-workflow-action-name="approve"' not in own.content.decode()
    assert 'data-workflow-action-name="approve"' in theirs.content.decode()


def test_the_submitter_cannot_edit_her_page_under_review_but_can_withdraw_it(
    draft, editor_in_group, colleague
):
    state = page_submit_for_review(page=draft, user=editor_in_group)
    lock = draft.get_lock()
    assert lock.for_user(editor_in_group)
    assert not lock.for_user(colleague)
    assert state.user_can_cancel(editor_in_group)


def test_after_a_rejection_the_resubmitted_page_again_needs_a_colleague(
    draft, editor_in_group, colleague
):
    page_submit_for_review(page=draft, user=editor_in_group)
    page_review_act(page=draft, user=colleague, action="reject", comment="Bron ontbreekt.")
    state = draft.current_workflow_state
    state.resume(editor_in_group)
    with pytest.raises(WorkflowActionRefused):
        page_review_act(page=draft, user=editor_in_group, action="approve")
    state = page_review_act(page=draft, user=colleague, action="approve")
    assert state.current_task_state.task.name == ADOPTION_TASK_NAME


def test_an_approver_who_submits_still_needs_a_colleague_editor(
    draft, editor_in_group, colleague, approver
):
    # the approver is no editor: only the editors' group reviews, and only a colleague of the
    # submitter, so a page the approver submitted is reviewed by an editor as usual
    page_submit_for_review(page=draft, user=approver)
    with pytest.raises(WorkflowActionRefused):
        page_review_act(page=draft, user=approver, action="approve")
    state = page_review_act(page=draft, user=editor_in_group, action="approve")
    assert state.current_task_state.task.name == ADOPTION_TASK_NAME


def test_the_setup_turns_an_existing_plain_review_task_into_a_colleague_review_in_place(
    module, editor
):
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow, WorkflowPage, WorkflowTask

    from content.models import ColleagueReviewTask
    from content.services import EDITORS_GROUP, editorial_setup_ensure

    # given an installation set up before the colleague review: a plain group approval task
    learning_index = module.get_parent()
    editors = Group.objects.create(name=EDITORS_GROUP)
    editor.groups.add(editors)
    workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    plain = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    plain.groups.set([editors])
    WorkflowTask.objects.create(workflow=workflow, task=plain, sort_order=0)
    WorkflowPage.objects.create(page=learning_index, workflow=workflow)
    page = LessonPageFactory(parent=module, slug="oud", title="Oud", live=False)
    state = page_submit_for_review(page=page, user=editor)
    assert {name for name, _l, _m in _review_task(page).get_actions(page, editor)} == {
        "approve",
        "reject",
    }
    # when the setup runs (twice)
    editorial_setup_ensure(learning_index=learning_index)
    editorial_setup_ensure(learning_index=learning_index)
    # then the same task is now a colleague review, and the page already under review with it
    task = GroupApprovalTask.objects.get(name=REVIEW_TASK_NAME)
    assert task.pk == plain.pk
    assert isinstance(task.specific, ColleagueReviewTask)
    assert list(task.specific.groups.all()) == [editors]
    assert [t.name for t in Workflow.objects.get(name=WORKFLOW_NAME).tasks] == [
        REVIEW_TASK_NAME,
        ADOPTION_TASK_NAME,
    ]
    state.refresh_from_db()
    assert state.current_task_state.task_id == plain.pk
    with pytest.raises(WorkflowActionRefused):
        page_review_act(page=page, user=editor, action="approve")
