# The HV judgement "geen hoogvoltsysteem" for a 48 V mild hybrid (review 16, finding 4).

from django.db import migrations, models

CHOICES = [
    ("safe", "veilig stallen en observeren"),
    ("quarantine", "quarantaine en batterijspecialist"),
    ("not_hv", "geen hoogvoltsysteem"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0014_liability_claim_events"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attempt",
            name="hv_judgement",
            field=models.CharField(
                blank=True, choices=CHOICES, max_length=16, verbose_name="HV-oordeel"
            ),
        ),
        migrations.AlterField(
            model_name="caseversion",
            name="expected_hv_judgement",
            field=models.CharField(
                blank=True,
                choices=CHOICES,
                max_length=16,
                null=True,
                verbose_name="verwacht HV-oordeel",
            ),
        ),
    ]
