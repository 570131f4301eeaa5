"""The K16 check (ICT skills): the damage photos filed under each damage zone of the case in the
digital dossier before the first calculation goes to the paying party."""

from assessment.workflow_checks import CHECKS
from cases.timeline import EventKind
from tests.assessment.timeline_fakes import check, ev, fake_case


def case(zones=("front", "side")):
    return fake_case(expected_damage_zones=list(zones))


def photo(zone, stage="intake"):
    return ev(EventKind.PHOTO_ADDED, photo_id=1, zone=zone, stage=stage, annotation="")


SUBMITTED = ev(EventKind.CALCULATION_SUBMITTED, kind="precalc", version_number=1)


def result(case_, events):
    return check("damage_photos_filed", case_, events)


def test_the_check_scores_ict_skills_at_intake():
    _title, process, _area, knowledge, _trade_offs = CHECKS["damage_photos_filed"]
    assert process == "1.1"
    assert knowledge == ("ict-vaardigheden",)


def test_a_photo_under_every_zone_before_the_calculation_passes():
    checked = result(case(), [photo("front"), photo("side"), SUBMITTED])
    assert checked.applicable and checked.passed


def test_a_zone_without_a_photo_fails_and_is_named():
    checked = result(case(), [photo("front"), SUBMITTED])
    assert checked.applicable and not checked.passed
    assert "Zijkant" in checked.explanation and "Voorzijde" not in checked.explanation


def test_a_photo_without_a_zone_does_not_count():
    checked = result(case(("front",)), [photo(""), SUBMITTED])
    assert not checked.passed


def test_photos_added_only_after_the_calculation_was_submitted_fail():
    checked = result(case(("front",)), [SUBMITTED, photo("front")])
    assert not checked.passed


def test_a_photo_of_another_stage_does_not_count_as_intake_photo():
    checked = result(case(("front",)), [photo("front", stage="delivery"), SUBMITTED])
    assert not checked.passed


def test_a_refused_upload_does_not_count():
    refused = ev(EventKind.PHOTO_ADDED, refused=True, zone="front", stage="intake")
    assert not result(case(("front",)), [refused, SUBMITTED]).passed


def test_a_case_without_damage_zones_does_not_apply():
    checked = result(case(()), [SUBMITTED])
    assert not checked.applicable and checked.passed
