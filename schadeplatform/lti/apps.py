from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LtiConfig(AppConfig):
    name = "schadeplatform.lti"
    label = "lti"
    verbose_name = _("LTI-koppeling")
    default_auto_field = "django.db.models.BigAutoField"
