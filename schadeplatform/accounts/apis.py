"""Session login and logout for API clients (scripts, the load test, the fuzzer)."""

from django.contrib.auth import authenticate, login, logout
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView


class AuthLoginApi(APIView):
    """Log in with username and password; the session cookie authenticates later calls."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    # Login attempts are throttled per client on top of django-axes' lockout per username.
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    class InputSerializer(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=256, style={"input_type": "password"})

    class OutputSerializer(serializers.Serializer):
        username = serializers.CharField()
        role = serializers.CharField()

    @extend_schema(request=InputSerializer, responses={200: OutputSerializer}, auth=[])
    def post(self, request):
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
