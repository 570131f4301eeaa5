"""The badges' pages and JSON: public (issuer, keys, status list, achievement, verification),
the trainee's own (list; downloads also for whoever may see the trainee's work, `selectors`),
the exam board's (revocation). Logic lives in the modules beside; who may see what is decided
here, before anything is loaded for the page.

The public verification takes anyone's input: a pasted text of at most `MAX_SUBMITTED`
characters, an uploaded PNG of at most `baking.MAX_PNG_BYTES`, both throttled per client
(`badge_verify`); checking a typed e-mail address against the earner's hashed one is throttled
harder (`badge_email`), so the page is no oracle for trying addresses at scale."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment.exam_board import is_exam_board
from assessment.models import BadgeRule, IssuedCredential
from schadeplatform import json_guard
from schadeplatform.throttling import throttle_wait

from . import credential as builder
from .baking import MAX_PNG_BYTES, NotABadgeImage, bake, unbake
from .issuing import RevocationRefused, revoke
from .keys import jwks as published_keys
from .presenter import email_matches, summary
from .selectors import credentials_visible_to, own_credentials
from .status_list import LIST_ID, signed_status_list
from .verification import verify

# A credential of this platform is about 20 KB as JSON or JWS; ten times that is plenty.
MAX_SUBMITTED = 200_000
PNG_TYPES = ("image/png",)
TEXT_TYPES = ("text/plain", "application/vc+jwt", "application/jwt", "application/json")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


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


def _verify_context(
    *, row, result, submitted: str = "", error: str = "", email: str = "", checked=None
) -> dict:
    return {
        "row": row,
        "result": result,
        "shown": summary(result.credential) if result else None,
        "email": email,
        "email_matches": checked,
        "submitted": submitted,
        "error": error,
        "max_png_kb": MAX_PNG_BYTES // 1000,
    }


def _credential(credential_uuid) -> IssuedCredential:
    return get_object_or_404(
        IssuedCredential.objects.select_related("rule", "key"), uuid=credential_uuid
    )


def _too_many(wait: int) -> str:
    minutes = max(1, -(-wait // 60))
    return ngettext(
        "Te veel controles; probeer het over %(minutes)s minuut opnieuw.",
        "Te veel controles; probeer het over %(minutes)s minuten opnieuw.",
        minutes,
    ) % {"minutes": minutes}


@require_GET
def verify_page(request: HttpRequest, credential_uuid) -> HttpResponse:
    row = _credential(credential_uuid)
    result = verify(row.jws)
    email = request.GET.get("email", "")[:254].strip()
    error, checked, wait = "", None, None
    if email:
        # Each address checked counts: no oracle for trying addresses at scale.
        wait = throttle_wait(request, "badge_email")
        if wait is None:
            checked = email_matches(result.credential, email)
        else:
            error = _too_many(wait)
    context = _verify_context(row=row, result=result, email=email, error=error, checked=checked)
    response = render(
        request, "assessment/badges/verify.html", context, status=200 if wait is None else 429
    )
    if wait is not None:
        response["Retry-After"] = str(wait)
    return response


@require_GET
def verify_json(request: HttpRequest, credential_uuid) -> JsonResponse:
    return _json(verify(_credential(credential_uuid).jws).as_json())


def _refusal(message: str, status: int, wait: int | None = None) -> JsonResponse:
    response = _json({"errors": [{"path": "credential", "message": message}]}, status=status)
    if wait is not None:
        response["Retry-After"] = str(wait)
    return response


class _Refused(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def _from_png(content: bytes) -> str:
    """The credential baked into an uploaded PNG; `_Refused` otherwise."""
    try:
        baked = unbake(content)
    except NotABadgeImage:
        raise _png_refused() from None
    if not baked:
        raise _Refused(_("Deze afbeelding draagt geen credential (geen Open Badges-PNG)."))
    return baked


def _png_refused() -> _Refused:
    return _Refused(
        _("Dit is geen PNG-bestand van hoogstens %(kb)s kB.") % {"kb": MAX_PNG_BYTES // 1000}
    )


def _submitted_text(request: HttpRequest) -> str:
    """The JSON endpoint's body as the credential's text (a JWS or JSON); `_Refused` otherwise."""
    content_type = request.content_type
    if content_type in PNG_TYPES:
        return _from_png(request.body)
    if content_type in FORM_TYPES:
        return _submitted_form(request)
    if content_type not in TEXT_TYPES:
        raise _Refused(
            _(
                "Stuur de credential als text/plain, application/vc+jwt, application/json, "
                "image/png of als formulier."
            ),
            status=415,
        )
    try:
        text = request.body.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise _Refused(_("De tekst is geen geldige UTF-8.")) from None
    if content_type == "application/json" and text.startswith("{"):
        # {"credential": "<JWS>" | {…}}, or the credential's JSON itself (which `verify`
        # reads); the wrapper is read with the platform's JSON limits.
        try:
            body = json_guard.loads(text, path="credential")
        except json_guard.JsonRefused as refused:
            raise _Refused(refused.errors[0]["message"]) from None
        if isinstance(body, dict) and set(body) == {"credential"}:
            inner = body["credential"]
            if isinstance(inner, dict):
                return json.dumps(inner, ensure_ascii=False)
            return inner.strip() if isinstance(inner, str) else ""
    return text


@csrf_exempt
@require_POST
def verify_submitted_json(request: HttpRequest) -> JsonResponse:
    """Anyone checks a credential they hold: a compact JWS (text/plain, application/vc+jwt or
    {"credential": "…"}), the credential's JSON, or the baked PNG (image/png)."""
    wait = throttle_wait(request, "badge_verify")
    if wait is not None:
        return _refusal(_too_many(wait), 429, wait)
    uploads = (*PNG_TYPES, "multipart/form-data")
    limit = MAX_PNG_BYTES + MAX_SUBMITTED if request.content_type in uploads else MAX_SUBMITTED
    if len(request.body) > limit:
        return _refusal(_("Te groot voor een credential."), 413)
    try:
        text = _submitted_text(request)
    except _Refused as refused:
        return _refusal(str(refused), refused.status)
    if not text:
        return _refusal(_("Plak een credential."), 400)
    return _json(verify(text).as_json())


def _submitted_form(request: HttpRequest) -> str:
    """The page's form: the pasted text or the uploaded PNG; `_Refused` otherwise."""
    upload = request.FILES.get("badge")
    if upload is not None:
        if upload.size > MAX_PNG_BYTES:
            raise _png_refused()
        return _from_png(upload.read())
    submitted = (request.POST.get("credential") or "").strip()
    if not submitted:
        raise _Refused(
            _("Plak de credential (de tekst uit het .jwt- of .json-bestand) of kies de PNG.")
        )
    if len(submitted) > MAX_SUBMITTED:
        raise _Refused(_("Deze tekst is te lang voor een credential."))
    return submitted


@require_http_methods(["GET", "POST"])
def verify_submitted(request: HttpRequest) -> HttpResponse:
    """The public page where anyone pastes a credential (JWS or JSON) or uploads the baked PNG
    and sees the check."""
    pasted, error, result, status, wait = "", "", None, 200, None
    if request.method == "POST":
        # Throttled before the form (and an uploaded file) is read.
        wait = throttle_wait(request, "badge_verify")
        pasted = (request.POST.get("credential") or "")[:MAX_SUBMITTED] if wait is None else ""
        if wait is not None:
            error, status = _too_many(wait), 429
        else:
            try:
                result = verify(_submitted_form(request))
            except _Refused as refused:
                error = str(refused)  # the form comes back with its error
    context = _verify_context(
        row=None, result=result, submitted=json_guard.storable_text(pasted), error=error
    )
    response = render(request, "assessment/badges/verify.html", context, status=status)
    if wait is not None:
        response["Retry-After"] = str(wait)
    return response


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    rows = own_credentials(request.user).select_related("rule")
    return render(request, "assessment/badges/mine.html", {"rows": rows})


def _downloadable(request: HttpRequest, credential_uuid) -> IssuedCredential:
    """A credential of a trainee whose work the user may see (the trainee, the cohort's
    assessors, an administrator); anyone else's is not found (404)."""
    return get_object_or_404(
        credentials_visible_to(request.user).select_related("rule"), uuid=credential_uuid
    )


def _download(content, content_type: str, row: IssuedCredential, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"{slugify(row.rule.slug)}-{row.uuid}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def download_json(request: HttpRequest, credential_uuid) -> HttpResponse:
    row = _downloadable(request, credential_uuid)
    content = json.dumps(row.credential, ensure_ascii=False, indent=2)
    return _download(content, "application/ld+json", row, "json")


@login_required
@require_GET
def download_jwt(request: HttpRequest, credential_uuid) -> HttpResponse:
    row = _downloadable(request, credential_uuid)
    return _download(row.jws, "application/vc+jwt", row, "jwt")


@login_required
@require_GET
def download_png(request: HttpRequest, credential_uuid) -> HttpResponse:
    row = _downloadable(request, credential_uuid)
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
