"""Session login and logout for API clients (scripts, the load test, the fuzzer)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from schadeplatform.api_parsers import JSONParser
from schadeplatform.throttling import ScopedRateThrottle

ORIGIN_REFUSED = "Het verzoek komt van een andere website (Origin of Referer niet vertrouwd)."


def origin_allowed(request) -> bool:
    """The Origin (or, without one, the Referer) is this site or in CSRF_TRUSTED_ORIGINS, as
    Django's CSRF check asks of the HTML login. A request with neither (a script, curl) has no
    browser behind it to be misused and passes."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        referer = request.META.get("HTTP_REFERER")
        if not referer:
            return True
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    if origin == f"{request.scheme}://{request.get_host()}":
        return True
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        if origin == trusted:
            return True
        scheme, _sep, host = trusted.partition("://")
        # Django's wildcard form: any subdomain of the named host.
        if (
            host.startswith("*.")
            and origin.startswith(f"{scheme}://")
            and urlsplit(origin).netloc.endswith(host[1:])
        ):
            return True
    return False


class AuthLoginApi(APIView):
    """Log in with username and password; the session cookie authenticates later calls."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    # Login attempts are throttled per client on top of django-axes' lockout per username.
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"
    # JSON only (415 for anything else), and the Origin checked: a cross-site form could post
    # a form body and log the victim's browser into the attacker's account (login CSRF).
    parser_classes = [JSONParser]

    class InputSerializer(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=256, style={"input_type": "password"})

    class OutputSerializer(serializers.Serializer):
        username = serializers.CharField()
        role = serializers.CharField()

    @extend_schema(
        request=InputSerializer,
        responses={200: OutputSerializer, 403: OpenApiResponse(description=ORIGIN_REFUSED)},
        auth=[],
    )
    def post(self, request):
        if not origin_allowed(request):
            raise PermissionDenied(
                _("Inloggen via de API kan alleen vanaf deze website (Origin niet vertrouwd).")
            )
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if user is None:
            return Response(
                {
                    "errors": [
                        {
                            "path": "password",
                            "message": _("Gebruikersnaam of wachtwoord is onjuist."),
                        }
                    ]
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        login(request._request, user)
        return Response(self.OutputSerializer({"username": user.username, "role": user.role}).data)


class AuthLogoutApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)
