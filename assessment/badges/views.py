"""The badges' pages and JSON: public (issuer, keys, status list, achievement, verification),
the trainee's own (list, downloads), the exam board's (revocation). Logic lives in the modules
beside; who may see what is decided here, before anything is loaded for the page."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment.exam_board import is_exam_board
from assessment.models import BadgeRule, IssuedCredential

from . import credential as builder
from .baking import bake
from .issuing import RevocationRefused, revoke
from .keys import jwks as published_keys
from .presenter import email_matches, summary
from .status_list import LIST_ID, signed_status_list
from .verification import verify

MAX_SUBMITTED = 200_000


def _json(data: dict, status: int = 200, content_type: str = "application/json") -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = content_type
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def issuer(request: HttpRequest) -> JsonResponse:
    profile = builder.issuer_profile()
    profile["@context"] = [builder.VC_CONTEXT, builder.OB_CONTEXT]
    return _json(profile, content_type="application/ld+json")


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    return _json(published_keys(), content_type="application/jwk-set+json")


@require_GET
def status_list(request: HttpRequest, list_id: int) -> HttpResponse:
    if list_id != LIST_ID:
        raise Http404
    response = HttpResponse(signed_status_list(), content_type="application/vc+jwt")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def achievement(request: HttpRequest, slug: str) -> JsonResponse:
    rule = get_object_or_404(BadgeRule, slug=slug)
    document = builder.achievement(rule)
    document["@context"] = [builder.VC_CONTEXT, builder.OB_CONTEXT]
    return _json(document, content_type="application/ld+json")


def _verify_context(*, row, result, submitted: str = "", error: str = "", email: str = "") -> dict:
    return {
        "row": row,
        "result": result,
        "shown": summary(result.credential) if result else None,
        "email": email,
        "email_matches": email_matches(result.credential, email) if result else None,
        "submitted": submitted,
        "error": error,
    }


def _credential(credential_uuid) -> IssuedCredential:
    return get_object_or_404(
        IssuedCredential.objects.select_related("rule", "key"), uuid=credential_uuid
    )


@require_GET
def verify_page(request: HttpRequest, credential_uuid) -> HttpResponse:
    row = _credential(credential_uuid)
    return render(
        request,
        "assessment/badges/verify.html",
        _verify_context(row=row, result=verify(row.jws), email=request.GET.get("email", "")[:254]),
    )


@require_GET
def verify_json(request: HttpRequest, credential_uuid) -> JsonResponse:
    return _json(verify(_credential(credential_uuid).jws).as_json())


def _submitted(request: HttpRequest) -> str:
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return (request.POST.get("credential") or "").strip()
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            return request.body.decode("utf-8", "replace")
        if isinstance(body, dict) and isinstance(body.get("credential"), str | dict):
            value = body["credential"]
            return value if isinstance(value, str) else json.dumps(value)
        return json.dumps(body)
    return request.body.decode("utf-8", "replace").strip()


@csrf_exempt
@require_POST
def verify_submitted_json(request: HttpRequest) -> JsonResponse:
    """Anyone checks a credential they hold: a compact JWS (text/plain, application/vc+jwt or
    {"credential": "…"}) or the credential's JSON."""
    if len(request.body) > MAX_SUBMITTED:
        return _json({"errors": [{"path": "credential", "message": _("Te groot.")}]}, status=413)
    text = _submitted(request)
    if not text:
        return _json(
            {"errors": [{"path": "credential", "message": _("Plak een credential.")}]}, status=400
        )
    return _json(verify(text).as_json())


@require_http_methods(["GET", "POST"])
def verify_submitted(request: HttpRequest) -> HttpResponse:
    """The public page where anyone pastes a credential (JWS or JSON) and sees the check."""
    submitted = (request.POST.get("credential") or "").strip() if request.method == "POST" else ""
    error = ""
    result = None
    if request.method == "POST":
        if not submitted:
            error = _("Plak de credential (de tekst uit het .jwt- of .json-bestand).")
        elif len(submitted) > MAX_SUBMITTED:
            error = _("Deze tekst is te lang voor een credential.")
        else:
            result = verify(submitted)
    return render(
        request,
        "assessment/badges/verify.html",
        _verify_context(row=None, result=result, submitted=submitted, error=error),
    )


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    rows = IssuedCredential.objects.filter(trainee=request.user).select_related("rule")
    return render(request, "assessment/badges/mine.html", {"rows": rows})


def _own(request: HttpRequest, credential_uuid) -> IssuedCredential:
    """The trainee's own credential; anyone else's is not found (404)."""
    return get_object_or_404(
        IssuedCredential.objects.select_related("rule"),
        uuid=credential_uuid,
        trainee=request.user,
    )


def _download(content, content_type: str, row: IssuedCredential, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"{slugify(row.rule.slug)}-{row.uuid}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def download_json(request: HttpRequest, credential_uuid) -> HttpResponse:
    row = _own(request, credential_uuid)
    content = json.dumps(row.credential, ensure_ascii=False, indent=2)
    return _download(content, "application/ld+json", row, "json")


@login_required
@require_GET
def download_jwt(request: HttpRequest, credential_uuid) -> HttpResponse:
    row = _own(request, credential_uuid)
    return _download(row.jws, "application/vc+jwt", row, "jwt")


@login_required
@require_GET
def download_png(request: HttpRequest, credential_uuid) -> HttpResponse:
    row = _own(request, credential_uuid)
    return _download(bake(row.jws, row.rule.name), "image/png", row, "png")


@login_required
@require_http_methods(["GET", "POST"])
def revoke_page(request: HttpRequest, credential_uuid) -> HttpResponse:
    if not is_exam_board(request.user):
        raise Http404  # the exam board's area, as its other pages: not for anyone else
    row = _credential(credential_uuid)
    error = ""
    reason = ""
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            revoke(row, by=request.user, reason=reason)
        except RevocationRefused as refused:
            error = str(refused)
        else:
            return redirect("badges:verify_page", credential_uuid=row.uuid)
    return render(
        request,
        "assessment/badges/revoke.html",
        {"row": row, "error": error, "reason": reason},
    )
