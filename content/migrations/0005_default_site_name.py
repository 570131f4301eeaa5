from django.conf import settings
from django.db import migrations
from django.db.models import Q


def name_the_default_site(apps, schema_editor):
    """Wagtail's own migration made the default Site without a name, so the CMS called the
    platform "localhost"; it gets the platform's name (WAGTAIL_SITE_NAME)."""
    Site = apps.get_model("wagtailcore", "Site")
    for site in Site.objects.filter(Q(site_name="") | Q(site_name__isnull=True)):
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save(update_fields=["site_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0004_profile_english_names"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(name_the_default_site, migrations.RunPython.noop)]
