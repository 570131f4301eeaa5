"""The paying party's rules are the rate set's (`payer.rules_for`): drop from every case
version's `payer_rules` the RateRules fields that only restate its rate set, so that a rule
changed in the rate set reaches the case. A value that departs from the rate set stays: it is
the case's override (cases/README.md). Nothing else of a version changes."""

from decimal import Decimal, InvalidOperation

from django.db import migrations


def _same(stated, stored):
    """A restated rule, compared by meaning: 2500, "2500" and "2500.00" are one limit."""
    if isinstance(stored, str) and not isinstance(stated, bool) and stated is not None:
        try:
            return Decimal(str(stated)) == Decimal(stored)
        except InvalidOperation:
            pass
    return stated == stored and type(stated) is type(stored)


def drop_restated_rate_rules(apps, schema_editor):
    from calcengine.catalogue import CatalogueError, get_rate_set

    CaseVersion = apps.get_model("cases", "CaseVersion")
    for version in CaseVersion.objects.exclude(payer_rules={}).only("rate_set_id", "payer_rules"):
        try:
            stored = get_rate_set(version.rate_set_id).rules.as_stored()
        except CatalogueError:
            continue
        rules = dict(version.payer_rules or {})
        # `notes` stay: the brief shows only the notes a case states (cases.selectors).
        kept = {
            k: v
            for k, v in rules.items()
            if k == "notes" or k not in stored or not _same(v, stored[k])
        }
        if kept != rules:
            # .update(): a published version is frozen for edits, not for this one-off cleanup.
            CaseVersion.objects.filter(pk=version.pk).update(payer_rules=kept)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_casephoto_private_storage")]

    operations = [migrations.RunPython(drop_restated_rate_rules, migrations.RunPython.noop)]
