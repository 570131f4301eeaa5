from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static

from .accounts.home import next_steps


def home(request: HttpRequest) -> HttpResponse:
    """What the platform offers each role and, once logged in, the user's next step."""
    context = {"next_steps": next_steps(request.user) if request.user.is_authenticated else []}
    return render(request, "home.html", context)


def health(request: HttpRequest) -> JsonResponse:
    """For the load balancer: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def ping(request: HttpRequest) -> JsonResponse:
    """The cheapest answer the stack can give (no database, no session): the load test's baseline."""
    return JsonResponse({"pong": True})


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for on their own: the SVG icon that base.html links."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
