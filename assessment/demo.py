"""Demo data of the assessment: finished, graded attempts so that a new user sees results,
reports and progress at once.

Runs after the cases' demo loader (it needs the demo cases and users). Each attempt is played
through the real claim workflow (`cases.workflow`) with the real calculation services, then
graded and signed by beoordelaar1 through `assessment.services`, and released to the trainee
except where `DemoAttempt.release` or `DemoAttempt.sign` says not (so the queue shows every
marking state: not marked, in marking, ready for release, released). The cohort lead
coordinator1 (group "Coördinatoren", permission `assessment.change_markerallocation`) allocates
the not-marked attempt to beoordelaar1. Idempotent: a trainee who
already finished the demo case is not played again, and a signed grade is never touched.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TextIO

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from cases import workflow as wf
from cases.calculations.selectors import draft_for
from cases.calculations.services import draft_save
from cases.hv import asks_judgement
from cases.models import Attempt, Case
from cases.services import attempt_start
from cases.workflow import MoveRefused
from schadeplatform.accounts.models import User

from . import demo_calibration, demo_double_marking, demo_exam_forms, services
from .intake_estimate import estimate_band
from .models import Grade, GradeStatus

ASSESSOR = "beoordelaar1"


@dataclass(frozen=True)
class DemoAttempt:
    trainee: str
    case_slug: str
    # Changes to the reference lines that make the trainee's calculation differ: line id →
    # fields to set, or None to leave the line out.
    changes: dict[str, dict[str, Any] | None]
    rubric: dict[str, int]
    comment: str
    overrides: tuple[tuple[str, str, str], ...] = ()
    grade: bool = True
    # Signed grades are released to the trainee unless this is False: the demo then shows a
    # grade "klaar voor vrijgave" in the queue (issue #14, item 6).
    release: bool = True
    # False: the grade stays a draft "in beoordeling" (the queue shows that state too).
    sign: bool = True


DEMO_ATTEMPTS = (
    DemoAttempt(
        trainee="cursist1",
        case_slug="clio-door-private",
        changes={"1": {"labour_units": "160"}},
        rubric={
            "analyseren-en-interpreteren": 2,
            "organiseren-en-uitvoeren": 3,
            "ondersteunen-en-samenwerken": 3,
            "interacteren-beinvloeden-en-presenteren": 2,
        },
        comment=(
            "Nette calculatie, maar het herstel van het voorportier is te ruim begroot. De klant "
            "betaalt zelf: leg uit waarom herstel goedkoper is dan vervangen en noem de "
            "gebruikte spiegelkap expliciet."
        ),
    ),
    DemoAttempt(
        trainee="cursist1",
        case_slug="golf-front-low-speed",
        changes={"4": {"labour_units": "280"}},
        rubric={
            "analyseren-en-interpreteren": 3,
            "organiseren-en-uitvoeren": 4,
            "ondersteunen-en-samenwerken": 3,
            "interacteren-beinvloeden-en-presenteren": 3,
        },
        comment=(
            "Goede calculatie volgens de voertuigspecifieke informatie, inclusief beide "
            "kalibraties. De suppletie voor de bumperbalk kwam op tijd en de klant was "
            "geïnformeerd. De motorkap is iets ruim begroot."
        ),
        overrides=(
            ("4", "correct", "280 AE is verdedigbaar: de deuk loopt door tot in de vouwlijn."),
        ),
    ),
    DemoAttempt(
        trainee="cursist2",
        case_slug="golf-front-low-speed",
        changes={
            "7": None,
            "5": {"paint": {"mode": "new", "units": "135"}},
            "4": {"labour_units": "380"},
        },
        rubric={
            "analyseren-en-interpreteren": 2,
            "organiseren-en-uitvoeren": 3,
            "ondersteunen-en-samenwerken": 3,
            "interacteren-beinvloeden-en-presenteren": 2,
        },
        comment=(
            "Het afstellen van de koplampen ontbreekt: na vervanging van de koplamp hoort dat "
            "erbij. Het voorscherm hoeft niet volledig gespoten te worden; inspuiten volstaat. "
            "De motorkap is ruim begroot: onderbouw de eenheden met de schadefoto's."
        ),
        release=False,
    ),
    DemoAttempt(
        trainee="cursist2",
        case_slug="clio-door-private",
        changes={},
        rubric={},
        comment="",
        grade=False,
    ),
    DemoAttempt(
        trainee="cursist1",
        case_slug="vito-van-fleet-rear",
        changes={},
        rubric={"analyseren-en-interpreteren": 3},
        comment="",
        sign=False,
    ),
)

# The demo's cohort lead (Moodle's "manageallocations"): the group "Coördinatoren" holds the
# permission to allocate attempts to markers; its demo member is an assessor of the cohort,
# who allocates from the queue. The not-marked attempt is allocated to beoordelaar1.
COORDINATORS_GROUP = "Coördinatoren"
COORDINATOR = "coordinator1"
# The foundation's exam board (`assessment.exam_board`): its group and demo member.
EXAM_BOARD_GROUP = "Examencommissie"
EXAM_BOARD_MEMBER = "examencommissie1"
ALLOCATED = ("cursist2", "clio-door-private")


class DemoGap(Exception):
    """The demo cannot be played (a case or user missing, or a move refused)."""


def _lines(reference: dict, changes: dict[str, dict[str, Any] | None]) -> list[dict[str, Any]]:
    lines = []
    for line in copy.deepcopy(reference.get("lines") or []):
        line.pop("assess", None)
        line_id = str(line.get("id"))
        if line_id in changes and changes[line_id] is None:
            continue
        line.update(changes.get(line_id) or {})
        lines.append(line)
    return lines


def _save_lines(attempt, user, lines) -> None:
    draft = draft_for(attempt)
    draft_save(attempt=attempt, lines=lines, expected_version=draft.version, by=user)


def _step(name: str, move, **kwargs):
    try:
        return move(**kwargs)
    except MoveRefused as exc:
        raise DemoGap(f"stap '{name}' geweigerd: {exc}") from exc


def play(attempt, user, demo: DemoAttempt) -> None:
    """Walk the attempt from intake to delivery as a trainee would."""
    attempt = play_to_repair(attempt, user, demo.changes)
    attempt = _step("eindcalculatie", wf.attempt_submit_final, attempt=attempt, by=user)
    deliver_well(attempt, user)


def deliver_well(attempt, user) -> Attempt:
    """The final inspection and delivery as a good trainee does them: their own list names
    every point of the case's (hidden) list, the findings are recorded, the critical ones
    reworked and inspected again, and the invoice explained by the payer's split."""
    from cases.final_inspection import read_findings, read_items
    from cases.invoice_split import invoice_split

    version = attempt.case_version
    customer = version.customer or {}
    own_list = [item.item for item in read_items(version.delivery_checklist)]
    findings = read_findings(version.delivery_findings)
    inspect = {"attempt": attempt, "by": user, "items": own_list}
    _step(
        "eindcontrole",
        wf.attempt_final_inspection,
        **inspect,
        findings=[f.item for f in findings],
    )
    to_rework = [f for f in findings if f.critical]
    if to_rework:
        _step(
            "nawerk",
            wf.attempt_rework,
            attempt=attempt,
            by=user,
            work=" ".join(f.rework for f in to_rework),
        )
        _step("eindcontrole opnieuw", wf.attempt_final_inspection, **inspect, findings=[])
    invoice: dict[str, Any] = {}
    if customer.get("invoice_question"):
        final = attempt.calculation_versions.order_by("-number").first()
        split = invoice_split(
            output=final.output, payer_rules=version.payer_rules, customer=customer
        )
        invoice = {
            "customer_pays": split.customer_pays,
            "payer_pays": split.payer_pays,
            "invoice_explanation": (
                "U betaalt het eigen risico en de btw; de btw verrekent u als voorbelasting. "
                "De verzekeraar betaalt de rest, exclusief btw."
            ),
        }
    questions = list(customer.get("last_questions") or [])
    return _step(
        "afleveren",
        wf.attempt_deliver_vehicle,
        attempt=attempt,
        by=user,
        explanation="Werk toegelicht aan de hand van de eindcalculatie en de foto's.",
        answers=["Ja, dat is meegenomen in het herstel." for _ in questions],
        **invoice,
    )


def _find_hv_facts(attempt, user) -> None:
    """Ask the questions and read the photos the case's HV facts are found by, and record each
    fact with its source (cases.workflow.hv_intake), as a careful trainee does."""
    from cases.hv_questions import source_key

    version = attempt.case_version
    facts = version.hv_facts or {}
    for fact, source in (version.hv_fact_sources or {}).items():
        if source.get("question"):
            _step(
                "vraag",
                wf.attempt_ask_customer,
                attempt=attempt,
                by=user,
                question=source["question"],
            )
        _step(
            "hv-feit",
            wf.attempt_record_hv_fact,
            attempt=attempt,
            by=user,
            fact=fact,
            present=bool(facts.get(fact)),
            source=source_key(source),
        )


def file_damage_photos(attempt, user) -> None:
    """One intake photo per damage zone of the case in the digital dossier, as the check
    `damage_photos_filed` (K16, ICT skills) asks: the case's own intake photo of that zone
    where it has one, else a plain placeholder image."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from cases.models import PhotoStage

    version = attempt.case_version
    photos = {
        photo.zone: photo
        for photo in reversed(
            version.photos.filter(stage=PhotoStage.VISIBLE).order_by("sort_order")
        )
        if photo.zone
    }
    for zone in version.expected_damage_zones or []:
        photo = photos.get(zone)
        if photo is not None:
            with photo.image.open("rb") as handle:
                raw = handle.read()
        else:
            buffer = io.BytesIO()
            Image.new("RGB", (320, 240), (176, 184, 192)).save(buffer, format="PNG")
            raw = buffer.getvalue()
        _step(
            "schadefoto",
            wf.attempt_add_photo,
            attempt=attempt,
            by=user,
            upload=SimpleUploadedFile(f"{zone}.png", raw),
            zone=zone,
            stage="intake",
            annotation="Schadefoto bij de intake.",
        )


def play_to_repair(attempt, user, changes: dict[str, dict[str, Any] | None]):
    """Walk the attempt from intake to the repair (the supplement included) as a trainee
    would, with `changes` to the reference's lines; the attempt as it then is. The demo's
    trainees go on to delivery (`play`); the exam-day cluster's candidates start from here."""
    version = attempt.case_version
    customer = version.customer or {}
    _step(
        "dossier",
        wf.attempt_create_dossier,
        attempt=attempt,
        by=user,
        customer_name=customer.get("name") or "Klant",
        license_plate="DEMO-01",
        insurer=customer.get("insurer") or "Verzekeraar",
        cover="casco",
        policy_number=customer.get("policy_number") or "",
    )
    _step(
        "schade",
        wf.attempt_record_damage,
        attempt=attempt,
        by=user,
        zones=list(version.expected_damage_zones or ["front"]),
        description="Schade opgenomen volgens de foto's en de toelichting van de klant.",
    )
    file_damage_photos(attempt, user)
    if customer.get("wishes"):
        _step(
            "wensen",
            wf.attempt_record_customer_wishes,
            attempt=attempt,
            by=user,
            wishes="Klant wil de auto zo snel mogelijk terug; vervangend vervoer besproken.",
        )
    if asks_judgement(version):
        if version.is_hv:
            _find_hv_facts(attempt, user)
        quarantine = version.expected_hv_judgement == "quarantine"
        _step(
            "hv",
            wf.attempt_record_hv_judgement,
            attempt=attempt,
            by=user,
            judgement=version.expected_hv_judgement or "safe",
            safe_to_park=True,
            safe_to_work=not quarantine,
            reasons="Beoordeeld op de antwoorden van de klant en de foto's.",
        )
    band = estimate_band(version)
    _step(
        "inschatting",
        wf.attempt_record_first_estimate,
        attempt=attempt,
        by=user,
        amount=band.reference.quantize(Decimal("1")) if band else Decimal("2500"),
        repair_days=4,
    )
    _step(
        "opdracht",
        wf.attempt_receive_repair_order,
        attempt=attempt,
        by=user,
        planned_date=attempt.simulated_date + dt.timedelta(days=2),
    )
    _save_lines(attempt, user, _lines(version.reference_precalc, changes))
    attempt = _step("voorcalculatie", wf.attempt_submit_precalc, attempt=attempt, by=user)
    _step(
        "werkorder",
        wf.attempt_create_work_order,
        attempt=attempt,
        by=user,
        instructions="Herstel volgens calculatie en voertuigspecifieke informatie.",
    )
    _step("onderdelen", wf.attempt_order_parts, attempt=attempt, by=user)
    _step(
        "ontvangst",
        wf.attempt_receive_vehicle,
        attempt=attempt,
        by=user,
        odometer=int((version.vehicle_snapshot or {}).get("mileage_km") or 50000) + 20,
    )
    _step(
        "ontvangstcontrole",
        wf.attempt_check_reception,
        attempt=attempt,
        by=user,
        new_damage_found=False,
    )
    if attempt.hv_judgement == "quarantine":
        _step(
            "hv-vrijgave",
            wf.attempt_release_hv,
            attempt=attempt,
            by=user,
            released_by="A. de Vries",
            role="battery_specialist",
            findings="Isolatiemeting in orde, accu zonder schade of warmteontwikkeling.",
        )
    attempt = _step("herstel", wf.attempt_start_repair, attempt=attempt, by=user)
    if (version.hidden_damage or {}).get("lines"):
        _save_lines(attempt, user, _lines(version.reference_final, changes))
        attempt = _step("suppletie", wf.attempt_submit_supplement, attempt=attempt, by=user)
        with contextlib.suppress(DemoGap):  # a supplement without new parts orders none
            _step("onderdelen suppletie", wf.attempt_order_parts, attempt=attempt, by=user)
        _step(
            "klant informeren",
            wf.attempt_inform_customer,
            attempt=attempt,
            by=user,
            topic="change",
            message="Verborgen schade gevonden; suppletie aangevraagd.",
        )
    return attempt


def _grade(attempt, assessor, demo: DemoAttempt) -> Grade:
    existing = attempt.grades.filter(status=GradeStatus.SIGNED).first()
    if existing is not None:
        return existing
    if not demo.sign:
        return attempt.grades.filter(assessor=assessor).first() or _draft(attempt, assessor, demo)
    grade = _signed(attempt, assessor, demo)
    if demo.release:
        grade = services.grade_release(grade=grade, by=assessor)
    return grade


def _signed(attempt, assessor, demo: DemoAttempt) -> Grade:
    return services.grade_sign(grade=_draft(attempt, assessor, demo), by=assessor)


def _draft(attempt, assessor, demo: DemoAttempt) -> Grade:
    grade = services.grade_start(attempt=attempt, by=assessor)
    for line_key, verdict, reason in demo.overrides:
        if not grade.overrides.filter(line_key=line_key).exists():
            services.line_override_create(
                grade=grade, by=assessor, line_key=line_key, new_verdict=verdict, reason=reason
            )
    return services.grade_autosave(
        grade=grade, by=assessor, revision=grade.revision, rubric=demo.rubric, comment=demo.comment
    )


def _coordinator(stdout: TextIO) -> None:
    """The group "Coördinatoren" with the allocation permission, its demo member, and one
    allocation made by them (idempotent: an existing allocation is left as it is)."""
    group, _created = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="assessment", codename="change_markerallocation"
        )
    )
    coordinator = User.objects.filter(username=COORDINATOR).first()
    if coordinator is None:
        return
    coordinator.groups.add(group)
    coordinator = User.objects.get(pk=coordinator.pk)  # a fresh permission cache
    trainee, slug = ALLOCATED
    attempt = (
        Attempt.objects.filter(
            trainee__username=trainee,
            case_version__case__slug=slug,
            submitted_at__isnull=False,
            marker_allocation__isnull=True,
            grades__isnull=True,
        )
        .order_by("pk")
        .first()
    )
    marker = User.objects.filter(username=ASSESSOR).first()
    if attempt is not None and marker is not None:
        try:
            services.allocation_set(attempt=attempt, marker=marker, by=coordinator)
        except services.AssessmentError as exc:
            stdout.write(f"Beoordeling: toewijzing niet gelukt: {exc}\n")
            return
        stdout.write(f"Beoordeling: {trainee} – {slug} toegewezen aan {marker.username}.\n")


def _exam_board(stdout: TextIO) -> None:
    """The group "Examencommissie" with the permission `assessment.exam_board`, and its demo
    member."""
    group, _created = Group.objects.get_or_create(name=EXAM_BOARD_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="assessment", codename="exam_board")
    )
    member = User.objects.filter(username=EXAM_BOARD_MEMBER).first()
    if member is not None:
        member.groups.add(group)
        stdout.write(f"Beoordeling: {member.username} is lid van de examencommissie.\n")


def load(stdout: TextIO) -> None:
    assessor = User.objects.filter(username=ASSESSOR).first()
    if assessor is None:
        stdout.write("Beoordeling: geen demo-beoordelaar; eerst de accounts laden.\n")
        return
    for demo in DEMO_ATTEMPTS:
        trainee = User.objects.filter(username=demo.trainee).first()
        case = Case.objects.filter(slug=demo.case_slug).first()
        if trainee is None or case is None:
            stdout.write(f"Beoordeling: {demo.trainee}/{demo.case_slug} ontbreekt, overgeslagen.\n")
            continue
        attempt = (
            Attempt.objects.filter(
                trainee=trainee, case_version__case=case, submitted_at__isnull=False
            )
            .order_by("pk")
            .first()
        )
        try:
            if attempt is None:
                with transaction.atomic():
                    attempt = attempt_start(trainee=trainee, case=case)
                    play(attempt, trainee, demo)
                    attempt.refresh_from_db()
            if demo.grade:
                grade = _grade(attempt, assessor, demo)
                stdout.write(
                    f"Beoordeling: {trainee.username} – {case.title}: {grade.score} "
                    f"({'voldoende' if grade.passed else 'onvoldoende'}), "
                    f"{grade.get_marking_state_display()}.\n"
                )
            else:
                stdout.write(
                    f"Beoordeling: {trainee.username} – {case.title}: ingeleverd, te beoordelen.\n"
                )
        except (DemoGap, services.AssessmentError) as exc:
            stdout.write(f"Beoordeling: {trainee.username} – {case.title} niet gelukt: {exc}\n")
    _coordinator(stdout)
    _exam_board(stdout)
    demo_calibration.load(stdout)
    demo_double_marking.load(stdout, play=play, refused=(DemoGap,))
    demo_exam_forms.load(
        stdout, play=play, demo_attempt=DemoAttempt, refused=(DemoGap,), board=EXAM_BOARD_MEMBER
    )
    # Open Badges 3.0 (issue #18): the demo rules and the badges they give; after the exams.
    from .badges import demo as demo_badges

    demo_badges.load(stdout)
