from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .start_pages import start_page_url


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Send a freshly logged-in user to the start page of their role."""
    return redirect(start_page_url(request.user))
