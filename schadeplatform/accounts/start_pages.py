"""Where each role starts after logging in."""

from django.urls import reverse

from .models import Role, User

START_PAGES = {
    Role.TRAINEE: "cases:index",
    Role.ASSESSOR: "assessment:queue",
    Role.EDITOR: "wagtailadmin_home",
    Role.ADMIN: "admin:index",
}


def start_page_url(user: User) -> str:
    if user.is_superuser:
        return reverse(START_PAGES[Role.ADMIN])
    return reverse(START_PAGES.get(Role(user.role), "home"))
