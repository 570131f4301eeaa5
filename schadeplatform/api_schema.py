"""drf-spectacular hooks."""


def only_own_api(endpoints, **kwargs):
    """Document only /api/: Wagtail's admin API under /cms/ is internal to the CMS."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
