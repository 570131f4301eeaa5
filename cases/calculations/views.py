"""Pages of the calculation editor: the editor (works with and without JavaScript) and the versions.

Thin: selectors decide who sees what, services write, `lines` applies the typed form values.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from calcengine.catalogue import CatalogueError
from cases.models import Attempt
from cases.ownership import NotYourAttempt, ensure_owner
from schadeplatform.json_guard import JsonRefused, storable_text

from . import selectors, services
from .catalogue import (
    PrefillRefused,
    catalogue_for_case,
    next_line_id,
    prefill,
    switch_operation,
)
from .exceptions import CalculationLocked, StaleDraft
from .forms import AddLineForm
from .labels import (
    OPERATION_LABELS,
    PAINT_MODE_LABELS,
    PART_SOURCE_LABELS,
    add_fields,
    diff_for_display,
    editor_table,
    errors_by_line,
    readable_error,
)
from .lines import (
    LINES_FIELD,
    apply_edits,
    check_lines,
    editable_fields,
    parse_lines_json,
    remove_line,
)
from .outline import LIST_ZONES, OUTLINE_ZONES, VIEW_NAMES, is_view

EDITOR_TEMPLATE = "cases/calculation_editor.html"


def _attempt_for_view(user: Any, pk: int) -> Attempt:
    try:
        return selectors.attempt_for_calculation_page(user, pk)
    except Attempt.DoesNotExist:
        raise Http404(_("Deze poging bestaat niet.")) from None


def _attempt_for_edit(user: Any, pk: int) -> Attempt:
    attempt = _attempt_for_view(user, pk)
    try:
        # Only the attempt's own trainee writes (draft_save checks it again); anyone else who
        # may read the attempt is answered as for an attempt they may not see.
        ensure_owner(attempt=attempt, by=user)
    except NotYourAttempt:
        raise Http404(_("Deze poging bestaat niet.")) from None
    return attempt


def _zone(value: str | None) -> str | None:
    """A zone view of the editor (a catalogue zone, or the left or right side), else None."""
    return value if is_view(value) else None


def _catalogue(attempt: Attempt) -> dict[str, Any] | None:
    try:
        return catalogue_for_case(attempt.case_version)
    except CatalogueError:
        return None


def _operations_by_code(catalogue: dict[str, Any] | None) -> dict[str, list[str]]:
    """Per part or work code of the catalogue, the operations it can be booked with."""
    if catalogue is None:
        return {}
    found = {p["code"]: p["operations"] for g in catalogue["zones"] for p in g["parts"]}
    found.update({w["code"]: [w["operation"]] for w in catalogue["work_codes"]})
    return found


def _dossier_url(attempt: Attempt) -> str | None:
    # The dossier page belongs to the claim workflow; link to it when it is there.
    for name in ("cases:attempt-detail", "cases:attempt"):
        try:
            return reverse(name, kwargs={"pk": attempt.pk})
        except NoReverseMatch:
            continue
    return None


def _rows(
    lines: list[Any],
    preview: dict[str, Any],
    per_line: dict[int, list[str]],
    catalogue: dict[str, Any] | None,
) -> list[dict]:
    outputs = (preview["estimate"] or {}).get("lines") or []
    amounts = preview.get("line_amounts") or []
    hints: dict[int, list[dict]] = {}
    for hint in preview.get("plausibility") or []:
        hints.setdefault(hint["index"], []).append(hint)
    operations = _operations_by_code(catalogue)
    rows = []
    for index, line in enumerate(lines):
        is_object = isinstance(line, dict)
        paint = line.get("paint") if is_object and isinstance(line.get("paint"), dict) else None
        rows.append(
            {
                "index": index,
                "number": index + 1,
                "line": line if is_object else {},
                "operation_label": OPERATION_LABELS.get(
                    line.get("operation"), line.get("operation")
                )
                if is_object
                else "",
                "fields": editable_fields(line) if is_object else {},
                "paint_mode": paint.get("mode", "") if paint else "",
                "paint_mode_label": PAINT_MODE_LABELS.get(paint.get("mode"), "") if paint else "",
                "part_source": line.get("part_source") or "oem" if is_object else "oem",
                "part_source_label": PART_SOURCE_LABELS.get(
                    (line.get("part_source") or "oem") if is_object else "oem", ""
                ),
                "paint_units": paint.get("units", "") if paint else "",
                "output": outputs[index] if index < len(outputs) else None,
                "amounts": amounts[index] if index < len(amounts) else None,
                "hints": hints.get(index, []),
                # The operations the line's part or work code can be switched to in place.
                "operations": [
                    (code, OPERATION_LABELS[code])
                    for code in operations.get(str(line.get("code", "")) if is_object else "", [])
                ],
                "errors": per_line.get(index, []),
            }
        )
    return rows


def _render_editor(
    request: HttpRequest,
    attempt: Attempt,
    *,
    lines: list[Any],
    version: int,
    zone: str | None,
    add_form: AddLineForm | None = None,
    stale: StaleDraft | None = None,
    refused: list[dict[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    catalogue = _catalogue(attempt)
    editable = selectors.can_edit_calculation(request.user, attempt)
    preview = services.calculation_preview(attempt=attempt, lines=lines)
    per_line, other_errors = errors_by_line(preview["errors"])
    zone_parts = None
    if catalogue is not None and zone is not None:
        zone_parts = next(g for g in catalogue["views"] if g["zone"] == zone)

    context = {
        "attempt": attempt,
        "case_version": attempt.case_version,
        "vehicle": attempt.case_version.vehicle_snapshot,
        "catalogue": catalogue,
        "editable": editable,
        "lines_json": json.dumps(lines, ensure_ascii=False),
        "rows": _rows(lines, preview, per_line, catalogue),
        "version": version,
        "estimate": preview["estimate"],
        "errors": [{**e, "text": readable_error(e)} for e in other_errors],
        "has_errors": bool(preview["errors"]),
        # Why a form was refused (nothing saved), with the field it names.
        "refused": refused or [],
        "zone": zone,
        "zone_name": VIEW_NAMES.get(zone or ""),
        "zone_parts": zone_parts,
        "outline_zones": OUTLINE_ZONES,
        "list_zones": LIST_ZONES,
        "add_form": add_form
        or AddLineForm(
            catalogue=catalogue, zone=zone, initial={"part_code": request.GET.get("part", "")}
        ),
        "operation_labels": OPERATION_LABELS,
        "paint_mode_labels": PAINT_MODE_LABELS,
        "part_source_labels": PART_SOURCE_LABELS,
        # The operations table for the editor's JavaScript, as data in an attribute: the page
        # carries no inline <script>, not even a JSON one (`json_script`), see
        # docs/decisions.md.
        "editor_table_json": json.dumps(editor_table(), ensure_ascii=False),
        "stale": stale,
        "versions": list(selectors.versions_for(attempt)),
        "dossier_url": _dossier_url(attempt),
    }
    return render(request, EDITOR_TEMPLATE, context, status=status)


def _storable(data: Any) -> Any:
    """`data` with every unstorable character in its strings replaced by U+FFFD."""
    if isinstance(data, str):
        return storable_text(data)
    if isinstance(data, list):
        return [_storable(item) for item in data]
    if isinstance(data, dict):
        return {_storable(key): _storable(value) for key, value in data.items()}
    return data


def _switch_operations(
    attempt: Attempt, lines: list[Any], data: Any
) -> tuple[list[Any], list[dict[str, str]]]:
    """The lines with every operation changed in the table (`line-<i>-operation`) booked anew
    from the catalogue in place (`catalogue.switch_operation`), and the refusals."""
    result, refusals = [], []
    for index, line in enumerate(lines):
        chosen = data.get(f"line-{index}-operation")
        if isinstance(line, dict) and chosen and chosen != line.get("operation"):
            try:
                line = switch_operation(attempt.case_version.vehicle_id, line, chosen)
            except PrefillRefused as exc:
                refusals += [
                    {"path": "", "message": f"{_('Regel')} {index + 1}: {e['message']}"}
                    for e in exc.errors
                ]
        result.append(line)
    return result, refusals


@login_required
@require_http_methods(["GET", "POST"])
def calculation_editor(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        return _editor_post(request, pk)
    attempt = _attempt_for_view(request.user, pk)
    draft = selectors.draft_for(attempt)
    return _render_editor(
        request,
        attempt,
        lines=draft.lines,
        version=draft.version,
        zone=_zone(request.GET.get("zone")),
    )


def _editor_post(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _attempt_for_edit(request.user, pk)
    zone = _zone(request.POST.get("zone"))
    try:
        # An explicit "save mine over version m" after a refusal names m; otherwise the version
        # the form was rendered from.
        version = int(request.POST.get("overwrite_version") or request.POST.get("version", ""))
    except ValueError:
        version = -1
    if version < 0:
        return HttpResponseBadRequest(_("Het formulier is onvolledig; laad de pagina opnieuw."))
    try:
        base = parse_lines_json(request.POST.get(LINES_FIELD, "[]"))
    except JsonRefused as refused:
        # The same guard and limits as the API's parser: nothing saved, the stored draft shown
        # with the reason (lines that cannot be read cannot be shown back).
        draft = selectors.draft_for(attempt)
        return _render_editor(
            request,
            attempt,
            lines=draft.lines,
            version=version,
            zone=zone,
            refused=refused.errors,
            status=400,
        )

    lines = apply_edits(base, request.POST)
    try:
        check_lines(lines)
    except JsonRefused as refused:
        # A typed value no database can hold: nothing saved; what was typed comes back, with
        # the offending characters made visible as U+FFFD (the page could not be written out
        # with a lone surrogate in it).
        return _render_editor(
            request,
            attempt,
            lines=_storable(lines),
            version=version,
            zone=zone,
            refused=refused.errors,
            status=400,
        )
    lines, switch_refusals = _switch_operations(attempt, lines, request.POST)
    if switch_refusals:
        return _render_editor(
            request,
            attempt,
            lines=lines,
            version=version,
            zone=zone,
            refused=switch_refusals,
            status=400,
        )
    action = request.POST.get("action", "save")
    add_form = None
    if action.startswith("remove-") and action[len("remove-") :].isdigit():
        lines = remove_line(lines, int(action[len("remove-") :]))
    elif action == "add":
        add_form = AddLineForm(request.POST, catalogue=_catalogue(attempt), zone=zone)
        line = None
        if add_form.is_valid():
            data = add_form.cleaned_data
            # A value typed for another operation (a repair time left from the previous line)
            # is not sent with this one.
            uses = add_fields(data["operation"])
            try:
                line = prefill(
                    attempt.case_version.vehicle_id,
                    part_code=data["part_code"],
                    operation=data["operation"],
                    line_id=next_line_id(lines),
                    paint_mode=(data["paint_mode"] if uses["paint_mode"] else "") or None,
                    repair_units=(data["repair_units"] if uses["repair_units"] else "") or None,
                    part_source=data["part_source"] if uses["part_source"] else "oem",
                    quantity=data["quantity"] if uses["quantity"] else 1,
                    unit_price=(data["unit_price"] if uses["unit_price"] else "") or None,
                )
            except PrefillRefused as exc:
                for error in exc.errors:
                    field = error["path"] if error["path"] in add_form.fields else None
                    add_form.add_error(field, error["message"])
        if line is None:
            # Nothing saved: the edits and the add form come back as typed, with the reason.
            return _render_editor(
                request,
                attempt,
                lines=lines,
                version=version,
                zone=zone,
                add_form=add_form,
                status=400,
            )
        lines.append(line)
        add_form = None

    try:
        draft = services.draft_save(
            attempt=attempt, lines=lines, expected_version=version, by=request.user
        )
    except StaleDraft as exc:
        return _render_editor(
            request,
            attempt,
            lines=lines,
            version=version,
            zone=zone,
            add_form=add_form,
            stale=exc,
            status=409,
        )
    except CalculationLocked as exc:
        messages.error(request, exc.message)
        return redirect("cases:calc-editor", pk=attempt.pk)
    messages.success(request, _("Opgeslagen (versie %(version)s)") % {"version": draft.version})
    url = reverse("cases:calc-editor", kwargs={"pk": attempt.pk})
    return redirect(f"{url}?zone={zone}#calc-lines" if zone else f"{url}#calc-lines")


@login_required
@require_http_methods(["GET"])
def calculation_versions(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _attempt_for_view(request.user, pk)
    versions = list(selectors.versions_for(attempt))
    return render(
        request,
        "cases/calculation_versions.html",
        {
            "attempt": attempt,
            "case_version": attempt.case_version,
            "versions": [(v, diff_for_display(v.input, v.diff)) for v in reversed(versions)],
            "operation_labels": OPERATION_LABELS,
            "dossier_url": _dossier_url(attempt),
        },
    )
