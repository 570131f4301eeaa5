"""Admin widgets of the content app."""

from __future__ import annotations

from django import forms


class ProfileTagsWidget(forms.CheckboxSelectMultiple):
    """The profile's items (work processes, knowledge items, areas, trade-offs) as checkboxes
    with a search box above them, instead of a list to ctrl-click in.

    The filtering is static/content/admin/profile_tags.js, loaded in the admin's editors by the
    hook `insert_editor_js` (content/wagtail_hooks.py); without it the checkboxes still work.
    Its template lives in the app (content/templates/), where Django's form renderer looks.
    """

    template_name = "content/widgets/profile_tags.html"
