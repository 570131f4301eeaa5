from django.http import HttpRequest

from .models import Role


def role(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    current = getattr(user, "role", None) if user is not None and user.is_authenticated else None
    return {"current_role": current, "Role": Role}
