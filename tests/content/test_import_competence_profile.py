"""`manage.py import_competence_profile` creates or updates the profile idempotently."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from content.models import (
    CompetenceArea,
    CoreTask,
    KnowledgeItem,
    ProfileSection,
    TradeOff,
    WorkProcess,
)
from tests.shared import SEED_DIR

pytestmark = pytest.mark.django_db
SEED = SEED_DIR / "bcp-schademanager-2022.txt"


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (CoreTask, WorkProcess, KnowledgeItem, CompetenceArea, TradeOff)
    }


@pytest.mark.skipif(not SEED.is_file(), reason="seed file ../shared not present")
def test_importing_the_seed_gives_exactly_the_profiles_items(capsys):
    call_command("import_competence_profile", str(SEED))
    assert _counts() == {
        "CoreTask": 1,
        "WorkProcess": 4,
        "KnowledgeItem": 21,
        "CompetenceArea": 4,
        "TradeOff": 6,
    }
    assert CoreTask.objects.get().title == "Managen van het schadeherstelproces"
    process = WorkProcess.objects.get(code="1.3")
    assert process.title == "Bewaken van het schadedossier"
    assert process.core_task.code == "1"
    assert (
        process.result
        == "• Het schadedossier is up to date.\n• De klant/opdrachtgever is geïnformeerd."
    )
    assert KnowledgeItem.objects.get(code="K09").title == (
        "Heeft kennis van diverse energieopslagsystemen, zoals elektrisch, waterstof, etc."
    )
    assert CompetenceArea.objects.get(slug="organiseren-en-uitvoeren").description.startswith(
        "Plant vooruit en werkt op een systematische en georganiseerde wijze."
    )
    assert TradeOff.objects.get(slug="balans-calculeren").title.startswith(
        "Bij het calculeren een balans vinden"
    )
    assert ProfileSection.objects.filter(key="complexiteit").exists()
    assert "53 nieuw" in capsys.readouterr().out


def test_importing_twice_changes_nothing_and_keeps_the_ids(capsys):
    call_command("import_competence_profile")
    ids = set(WorkProcess.objects.values_list("pk", flat=True))
    capsys.readouterr()
    call_command("import_competence_profile")
    assert "0 nieuw, 0 bijgewerkt, 53 ongewijzigd" in capsys.readouterr().out
    assert set(WorkProcess.objects.values_list("pk", flat=True)) == ids


def test_an_edited_text_is_restored_from_the_seed_without_a_new_row():
    call_command("import_competence_profile")
    process = WorkProcess.objects.get(code="1.1")
    process.title = "Iets anders"
    process.save()
    call_command("import_competence_profile")
    process.refresh_from_db()
    assert process.title == "Uitvoeren van de intake"
    assert WorkProcess.objects.count() == 4


def test_without_the_shared_seed_the_committed_snapshot_is_imported(settings, tmp_path, capsys):
    settings.SHARED_DIR = tmp_path  # no seed/ in here
    call_command("import_competence_profile")
    assert "competence_profile.json" in capsys.readouterr().out
    assert _counts()["KnowledgeItem"] == 21


def test_a_named_seed_file_that_does_not_exist_is_an_error():
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("import_competence_profile", str(Path("/bestaat/niet.txt")))
