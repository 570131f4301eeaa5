"""The parser turns the seed text into clean, faithful Dutch data."""

import json

import pytest

from content import profile_seed
from content.services import SNAPSHOT_PATH
from tests.shared import SEED_DIR

SEED = SEED_DIR / "bcp-schademanager-2022.txt"
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason="seed file ../shared not present")


@pytest.fixture(scope="module")
def parsed():
    return profile_seed.parse(SEED.read_text(encoding="utf-8"))


@needs_seed
def test_the_seed_has_one_core_task_four_work_processes_21_items_four_areas_six_trade_offs(parsed):
    assert len(parsed["core_tasks"]) == 1
    assert len(parsed["work_processes"]) == 4
    assert len(parsed["knowledge_items"]) == 21
    assert len(parsed["competence_areas"]) == 4
    assert len(parsed["trade_offs"]) == 6


@needs_seed
def test_work_processes_keep_the_profiles_titles_descriptions_and_results(parsed):
    intake = parsed["work_processes"][0]
    assert (intake["code"], intake["title"]) == ("1.1", "Uitvoeren van de intake")
    assert intake["description"].startswith("Een klant/opdrachtgever meldt zich fysiek")
    assert (
        "In geval van een elektrisch of hybride voertuig schat hij in of het voertuig voldoende "
        "veilig is om te stallen en aan te werken." in intake["description"]
    )
    assert "Beschrijving werkproces" not in intake["description"]
    assert intake["result"] == (
        "• Inschatting van reparatieduur en kosten.\n"
        "• Schadedossier is aangemaakt en gevuld met de tot dan toe bekende gegevens."
    )
    assert [p["title"] for p in parsed["work_processes"][1:]] == [
        "Uitvoeren van de werkvoorbereiding",
        "Bewaken van het schadedossier",
        "Afleveren van het voertuig",
    ]


@needs_seed
def test_knowledge_items_are_coded_k01_to_k21_in_the_profiles_order(parsed):
    items = parsed["knowledge_items"]
    assert items[0] == {
        "code": "K01",
        "title": "Heeft kennis van de werkwijzen van opdrachtgevers.",
        "sort_order": 1,
        "slug": "werkwijzen-opdrachtgevers",
    }
    assert items[20]["code"] == "K21"
    assert items[20]["title"] == "Kan een globale tijdsinschatting maken."


@needs_seed
def test_competence_areas_and_trade_offs_are_verbatim(parsed):
    area = parsed["competence_areas"][3]
    assert area["name"] == "Interacteren, beïnvloeden en presenteren"
    assert area["description"] == (
        "Is doeltreffend in het communiceren en het aanknopen van contacten. Overtuigt en "
        "beïnvloedt anderen op succesvolle wijze. Gaat met anderen op een open en ontspannen "
        "wijze om."
    )
    assert [t["title"] for t in parsed["trade_offs"]][:5] == [
        "Verhouding prijs/kwaliteit.",
        "Repareren of vervangen?",
        "Wel of geen expert raadplegen?",
        "Is het voertuig economisch total loss?",
        "Nieuwe of gebruikte delen gebruiken?",
    ]
    assert parsed["trade_offs"][3]["slug"] == "economisch-total-loss"


@needs_seed
def test_general_information_is_clean_text_with_a_label_split_over_two_lines_rejoined(parsed):
    sections = {s["key"]: s for s in parsed["sections"]}
    assert sections["functiebenamingen"]["body"] == "Schademanager, schadecalculator, calculator"
    assert sections["wettelijke-beroepsvereisten"]["title"] == "Wettelijke beroepsvereisten"
    assert sections["wettelijke-beroepsvereisten"]["body"] == (
        "Wettelijke eisen die verbonden zijn aan het veilig werken aan elektrische en hybride "
        "voertuigen."
    )
    assert "Technologische ontwikkelingen" in sections["trend-beroepsuitoefening"]["body"]
    assert sections["trend-beroepsuitoefening"]["body"].endswith(
        "merkerkend schadeherstel versus universeel schadeherstel."
    )
    for section in parsed["sections"]:
        assert "<" not in section["body"] and "\t" not in section["body"], section["key"]


@needs_seed
def test_the_committed_snapshot_equals_a_fresh_parse_of_the_seed(parsed):
    snapshot = json.loads(SNAPSHOT_PATH.read_text(encoding="utf-8"))
    assert snapshot == parsed


def test_clean_fragment_strips_tags_and_keeps_paragraphs_and_bullets():
    fragment = '<p>Eerste alinea.</p> <p>Tweede:</p> <ul style="x">• een • twee</ul>'
    assert profile_seed.clean_fragment(fragment) == "Eerste alinea.\n\nTweede:\n\n• een\n• twee"


def test_a_text_without_the_expected_headings_is_refused():
    with pytest.raises(profile_seed.SeedFormatError):
        profile_seed.parse("Dit is geen competentieprofiel.")
