"""Who may see the editorial views of the content app (coverage)."""

from __future__ import annotations


def can_view_coverage(user) -> bool:
    """The foundation's editors and the platform's admins; never trainees or assessors."""
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or getattr(user, "role", None) in ("editor", "admin"))
