"""Wagtail admin for the foundation's editors: cases and their versions as snippets.

Workable, not pretty: the JSON blocks are edited as text and checked on save (the reference
calculations through `calcengine.parse`). A published version is frozen: its form refuses every
change (its photos included) and says to make a new draft version. Ticking "publiceren" on a
draft publishes it through `services.case_version_publish`, which refuses a version with errors.

The version's photos are an inline (`CasePhoto` is a child of the `CaseVersion` cluster); an
uploaded file goes through `cases.photo_checks.clean_photo` in the form field, so a bad file is an
error on that field and the rest of the form keeps what the editor typed.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.widgets import ProfileTagsWidget

from . import services
from .forms import REFERENCE_FIELDS, ReferenceAssessCheck
from .models import Case, CasePhoto, CaseVersion, CaseVersionStatus, PaintDrill
from .models.case import FROZEN_FIELDS
from .photo_checks import ALLOWED_FORMATS, PhotoRefused, clean_photo

REFERENCE_HELP = _(
    'De referentiecalculatie als JSON (schadecalc/1). Per regel kan een object "assess" '
    'zeggen hoe de beoordeling hem leest: "alternatives" (bijv. ["repair", '
    '{"operation": "subcontract", "code": "ADAS-FRONT-RADAR", "credit": "1"}]), '
    '"part_sources" (bijv. ["oem", "used"]), "unit_tolerance_percent", '
    '"critical": true met "critical_reason" (de uitleg die de cursist na de beoordeling '
    'leest). Bovenaan kan "assess" staan met "undamaged" (codes van onbeschadigde '
    'onderdelen), "part_sources_allowed" en "total_band_percent" [a, b]. Dit wordt bij elk '
    "opslaan gecontroleerd; de calculatie zelf bij publiceren."
)


class EditorRolePolicy(ModelPermissionPolicy):
    """The foundation's editors (role "editor") author the case library; deleting stays with
    those who hold Django's delete permission (attempts PROTECT their version anyway)."""

    EDITOR_ACTIONS = frozenset({"add", "change", "view"})

    def _is_editor(self, user: Any) -> bool:
        return bool(user.is_active and getattr(user, "is_editor", False))

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action in self.EDITOR_ACTIONS and self._is_editor(user):
            return True
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions: Any) -> Any:
        users = super().users_with_any_permission(actions)
        if self.EDITOR_ACTIONS.intersection(actions):
            from schadeplatform.accounts.models import Role, User

            users = (users | User.objects.filter(is_active=True, role=Role.EDITOR)).distinct()
        return users


register_permission_policy(Case, EditorRolePolicy(Case))
register_permission_policy(CaseVersion, EditorRolePolicy(CaseVersion))
register_permission_policy(PaintDrill, EditorRolePolicy(PaintDrill))


class _PhotoLink:
    """What `ClearableFileInput`'s template shows of the current file: the checked serving
    view's address (a private file has no storage URL) and the file's own short name."""

    def __init__(self, url: str, name: str) -> None:
        self.url, self.name = url, name

    def __str__(self) -> str:
        return self.name


class PrivatePhotoInput(forms.ClearableFileInput):
    """The current photo is linked to `cases:case-photo-author` (editors and administrators)."""

    def is_initial(self, value: Any) -> bool:
        instance = getattr(value, "instance", None)
        return bool(value and isinstance(instance, CasePhoto) and instance.pk)

    def format_value(self, value: Any) -> Any:
        if not self.is_initial(value):
            return None
        from .photo_views import case_photo_url

        return _PhotoLink(case_photo_url(value.instance), PurePosixPath(value.name).name)


class CleanPhotoField(forms.FileField):
    """An upload checked and re-encoded by `clean_photo` (formats, size, pixels, EXIF dropped);
    the cleaned file replaces the upload. Instead of Django's ImageField, whose own Pillow check
    would answer first with a different message."""

    widget = PrivatePhotoInput(
        attrs={"accept": ",".join(f"image/{name.lower()}" for name in ALLOWED_FORMATS)}
    )

    def to_python(self, data: Any) -> Any:
        upload = super().to_python(data)
        if upload is None:
            return None
        try:
            return clean_photo(upload).image
        except PhotoRefused as refused:
            raise forms.ValidationError(refused.message, code="invalid_image") from None


class CasePhotoForm(WagtailAdminModelForm):
    image = CleanPhotoField(label=_("foto"))


class CasePhotoPanel(InlinePanel):
    """The version's photos; each child form is a `CasePhotoForm` (InlinePanel has no option for
    the child form class, so it is set in the formset options the panel hands to the form)."""

    def get_form_options(self) -> dict[str, Any]:
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = CasePhotoForm
        return options


class CaseVersionAdminForm(ReferenceAssessCheck, WagtailAdminModelForm):
    publish = forms.BooleanField(
        label=_("Publiceren (bevriest deze versie)"),
        required=False,
        help_text=_("Een gepubliceerde versie kan niet meer worden gewijzigd."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in REFERENCE_FIELDS:
            if name in self.fields:
                self.fields[name].help_text = REFERENCE_HELP

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        instance = self.instance
        if instance.pk and instance.status == CaseVersionStatus.PUBLISHED:
            raise forms.ValidationError(
                _(
                    "Deze versie is gepubliceerd en bevroren. Maak een nieuwe conceptversie "
                    "(nieuwe casusversie met het volgende nummer) om de casus te wijzigen."
                )
            )
        # The typed references, before a refused one leaves `cleaned` (the probe below
        # checks what was typed, not the stored text).
        typed = {name: cleaned[name] for name in REFERENCE_FIELDS if name in cleaned}
        checked = self.check_reference_assess(cleaned)
        if cleaned.get("publish"):
            values = {name: cleaned.get(name, getattr(instance, name)) for name in FROZEN_FIELDS}
            probe = CaseVersion(**{**values, **typed})
            probe.case = cleaned.get("case") or getattr(instance, "case", None)
            for error in services.case_version_errors(probe):
                if error["path"] in checked:
                    continue  # said already, on every save
                field = error["path"].split(".")[0]
                target = field if field in self.fields else None
                self.add_error(target, f"{error['path']}: {error['message']}")
        return cleaned

    def save(self, commit: bool = True) -> CaseVersion:
        version = super().save(commit=commit)
        if commit and self.cleaned_data.get("publish"):
            services.case_version_publish(version=version, by=getattr(self, "for_user", None))
        return version


class CaseViewSet(SnippetViewSet):
    model = Case
    icon = "doc-full"
    menu_label = _("Casussen")
    list_display = ["title", "slug", "created"]
    search_fields = ["title", "slug"]
    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        # Checkboxes with a search box (content.widgets), as on lessons and case briefs.
        FieldPanel("work_processes", widget=ProfileTagsWidget),
        FieldPanel("knowledge_items", widget=ProfileTagsWidget),
        FieldPanel("competence_areas", widget=ProfileTagsWidget),
        FieldPanel("trade_offs", widget=ProfileTagsWidget),
    ]


class CaseVersionViewSet(SnippetViewSet):
    model = CaseVersion
    icon = "history"
    menu_label = _("Casusversies")
    list_display = ["case", "number", "status", "tariff_date", "published_at"]
    list_filter = ["status"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("case"), FieldPanel("number"), FieldPanel("publish")],
                heading=_("Versie"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("tariff_date"),
                    FieldPanel("start_date"),
                    FieldPanel("briefing"),
                    FieldPanel("arrival"),
                    FieldPanel("exam_only"),
                ],
                heading=_("Situatie"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("vehicle_id"),
                    FieldPanel("vehicle_snapshot"),
                    FieldPanel("hv_facts"),
                    FieldPanel("expected_hv_judgement"),
                    FieldPanel("hv_fact_sources"),
                    FieldPanel("hv_answers"),
                    FieldPanel("expert_reasons"),
                    FieldPanel("structural_damage_wok"),
                    FieldPanel("is_total_loss"),
                ],
                heading=_("Voertuig"),
            ),
            MultiFieldPanel(
                [FieldPanel("customer")],
                heading=_("Klant"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("payer_name"),
                    FieldPanel("rate_set_id"),
                    FieldPanel("rates_snapshot"),
                    FieldPanel("payer_rules"),
                ],
                heading=_("Betalende partij"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("expected_damage_zones"),
                    FieldPanel("hidden_damage"),
                    FieldPanel("parts_lead_times"),
                    FieldPanel("subcontract_options"),
                    FieldPanel("vsi_notes"),
                    FieldPanel("delivery_checklist"),
                    FieldPanel("delivery_findings"),
                ],
                heading=_("Verloop"),
            ),
            CasePhotoPanel(
                "photos",
                panels=[
                    FieldPanel("image"),
                    FieldPanel("caption"),
                    FieldPanel("zone"),
                    FieldPanel("stage"),
                    FieldPanel("sort_order"),
                ],
                heading=capfirst(CasePhoto._meta.verbose_name_plural),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("reference_precalc"),
                    FieldPanel("reference_final"),
                    FieldPanel("expected_decisions"),
                ],
                heading=_("Referentie (nooit zichtbaar voor cursisten)"),
            ),
        ],
        base_form_class=CaseVersionAdminForm,
    )


class PaintDrillViewSet(SnippetViewSet):
    """The paint drills (cases/paint_drill/): panels with their hidden model answers and the
    overlaps of adjacent panels. Levels are the engine's paint modes or "none"."""

    model = PaintDrill
    icon = "pick"
    menu_label = _("Lakoefeningen")
    list_display = ["title", "slug", "vehicle_id", "published"]
    search_fields = ["title", "slug"]
    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("briefing"),
        FieldPanel("vehicle_id"),
        FieldPanel("rate_set_id"),
        FieldPanel("lesson"),
        FieldPanel("knowledge_items", widget=ProfileTagsWidget),
        FieldPanel("published"),
        InlinePanel(
            "panels",
            panels=[
                FieldPanel("part_code"),
                FieldPanel("name"),
                FieldPanel("damage"),
                FieldPanel("photo_ref"),
                FieldPanel("model_level"),
                FieldPanel("model_units"),
                FieldPanel("explanation"),
            ],
            heading=_("Panelen (modelantwoord nooit zichtbaar voor cursisten vóór inleveren)"),
        ),
        InlinePanel(
            "overlaps",
            panels=[
                FieldPanel("first_part_code"),
                FieldPanel("second_part_code"),
                FieldPanel("model_deduction"),
                FieldPanel("explanation"),
            ],
            heading=_("Overlap van aangrenzende panelen"),
        ),
    ]


class CasesGroup(SnippetViewSetGroup):
    menu_label = _("Casusbibliotheek")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (CaseViewSet, CaseVersionViewSet, PaintDrillViewSet)


register_snippet(CasesGroup)
