"""Task types of the publishing workflow "Redactie en vaststelling" (content/README.md)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask

# The dashboard's query parameter that names a page whose review step the user just approved in
# Wagtail's approval dialog (`ColleagueReviewTask.on_action` sends the dialog there; the hook
# `construct_homepage_panels` in content/wagtail_hooks.py reads it).
NEXT_STEP_PARAM = "volgende_stap"


class ColleagueReviewTask(GroupApprovalTask):
    """A group approval in which the member who submitted the page may not take part.

    The editorial review is a colleague's review: the submitter (`requested_by` of the page's
    workflow state) gets no approve/reject actions, does not see the page among the reviews
    awaiting her, and cannot edit the submission while it is under review (she can still
    cancel her own submission, which Wagtail allows the submitter regardless of the lock).

    Subclasses the concrete `GroupApprovalTask` rather than `AbstractGroupApprovalTask` (which
    Wagtail's docs suggest for new task types) so that an installation's existing review task
    can be turned into this type in place, keeping its id, groups and in-progress reviews
    (`content.services.editorial_setup_ensure`).
    """

    def _is_submitter(self, obj, user) -> bool:
        state = obj.current_workflow_state
        return (
            state is not None
            and state.requested_by_id is not None
            and state.requested_by_id == user.pk
        )

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) and not self._is_submitter(obj, user)

    def locked_for_user(self, obj, user):
        return super().locked_for_user(obj, user) or self._is_submitter(obj, user)

    def user_can_lock(self, obj, user):
        return super().user_can_lock(obj, user) and not self._is_submitter(obj, user)

    def get_actions(self, obj, user):
        if self._is_submitter(obj, user):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        """After an approval in Wagtail's approval dialog, the dialog goes on to the dashboard,
        which says that adoption is next and by whom (content/wagtail_hooks.py). The edit
        view ignores this address and says it itself (hook `after_edit_page`)."""
        redirect_to = super().on_action(task_state, user, action_name, **kwargs)
        if action_name != "approve" or redirect_to is not None:
            return redirect_to
        query = urlencode({NEXT_STEP_PARAM: task_state.workflow_state.object_id})
        return f"{reverse('wagtailadmin_home')}?{query}"

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _(
            "Leden van de gekozen groepen keuren deze stap goed, behalve wie de pagina "
            "heeft ingediend."
        )

    class Meta:
        verbose_name = _("collegiale toets")
        verbose_name_plural = _("collegiale toetsen")
