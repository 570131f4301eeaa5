"""Writes of the case library, the start of an attempt and the one way a move is made
(`attempt_move`). The moves themselves are declared in `cases.workflow`; the calculation
editor's writes live in `cases.calculations.services`."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import calcengine
from calcengine import InputError
from calcengine.catalogue import CatalogueError
from schadeplatform.accounts.models import Cohort, User

from . import payer, selectors
from . import workflow as wf
from .expert_reasons import expert_reason_errors
from .hv import expected_judgement
from .hv_questions import hv_source_errors, intake_photo_files
from .models import (
    Attempt,
    AttemptStatus,
    Case,
    CasePhoto,
    CaseVersion,
    CaseVersionStatus,
    FrozenCaseVersion,
)
from .models.case import FROZEN_FIELDS, HvJudgement
from .ownership import ensure_owner
from .reference_assess import reference_assess_errors


class CaseVersionInvalid(Exception):
    def __init__(self, errors: list[dict[str, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{e['path']}: {e['message']}" for e in errors))


class CaseNotAvailable(Exception):
    """The case has no published version the trainee may start."""


class CohortChoiceNeeded(Exception):
    """The trainee must say in which cohort the attempt is made: more than one of theirs offers
    the case, or the one they named is not theirs or does not offer it. `message` is Dutch."""

    def __init__(self, message: str, *, choices: list[Cohort]) -> None:
        self.message = message
        self.choices = choices
        self.errors = [{"path": "cohort", "message": message}]
        super().__init__(message)


def case_version_errors(version: CaseVersion) -> list[dict[str, str]]:
    """What keeps a version from being published, as `{"path", "message"}` (Dutch)."""
    errors: list[dict[str, str]] = []
    for name in ("reference_precalc", "reference_final"):
        data = getattr(version, name)
        if not data:
            if name == "reference_precalc" or not version.is_total_loss:
                errors.append({"path": name, "message": _("Een referentiecalculatie ontbreekt.")})
            continue
        try:
            calcengine.parse(data)
        except InputError as exc:
            errors.extend(
                {"path": f"{name}.{e['path']}".rstrip("."), "message": e["message"]}
                for e in exc.errors
            )
        # calcengine passes `assess` through unread; unchecked, a reference the scorer cannot
        # read would be found only when the first attempt on it is graded.
        errors.extend(reference_assess_errors(data, vehicle_id=version.vehicle_id, field=name))
    if not version.vehicle_snapshot:
        errors.append({"path": "vehicle_snapshot", "message": _("De voertuiggegevens ontbreken.")})
    if not version.rates_snapshot:
        errors.append({"path": "rates_snapshot", "message": _("De tarieven ontbreken.")})
    rules = version.payer_rules or {}
    if rules.get("cover") not in ("casco", "wa"):
        errors.append({"path": "payer_rules.cover", "message": _("Kies de dekking: casco of wa.")})
    # The approval limit and the other RateRules come from the rate set; the case may only
    # override them, and an override is read as strictly as the rate set file.
    try:
        payer.rules_for(version)
    except CatalogueError as exc:
        errors.append({"path": "payer_rules", "message": str(exc)})
    if version.hv_facts is not None:
        wanted = expected_judgement(version.hv_facts)
        if version.expected_hv_judgement != wanted:
            errors.append(
                {
                    "path": "expected_hv_judgement",
                    "message": _("Bij deze HV-feiten hoort het oordeel '%(j)s'.") % {"j": wanted},
                }
            )
    elif version.expected_hv_judgement and version.expected_hv_judgement != HvJudgement.NOT_HV:
        errors.append(
            {
                "path": "expected_hv_judgement",
                "message": _(
                    "Zonder HV-feiten is alleen het oordeel 'geen hoogvoltsysteem' mogelijk "
                    "(bijv. een 48V-mild hybride)."
                ),
            }
        )
    # HV facts are found, not told (cases.hv_questions), and an expert is asked for a reason.
    errors += hv_source_errors(
        version.hv_facts,
        version.hv_fact_sources,
        version.hv_answers,
        [name for name, _caption in intake_photo_files(version)] if version.pk else [],
    )
    errors += expert_reason_errors(version)
    if not version.is_total_loss and not version.delivery_checklist:
        errors.append({"path": "delivery_checklist", "message": _("De afleverchecklist is leeg.")})
    errors += _delivery_shape_errors(version)
    return errors


def _delivery_shape_errors(version: CaseVersion) -> list[dict[str, str]]:
    """The hidden final-inspection list and the findings (cases.final_inspection): every item
    says how it is named (`match`), every finding what it shows and how it is recorded."""
    errors = []
    for i, item in enumerate(version.delivery_checklist or []):
        if isinstance(item, dict) and not (item.get("item") and item.get("match")):
            errors.append(
                {
                    "path": f"delivery_checklist[{i}]",
                    "message": _("Een punt heeft een tekst (item) en zoektermen (match) nodig."),
                }
            )
    for i, finding in enumerate(version.delivery_findings or []):
        if not isinstance(finding, dict) or not (
            finding.get("observation") and finding.get("match") and finding.get("rework")
        ):
            errors.append(
                {
                    "path": f"delivery_findings[{i}]",
                    "message": _(
                        "Een bevinding heeft een waarneming (observation), zoektermen (match) "
                        "en het nawerk (rework) nodig."
                    ),
                }
            )
    return errors


def case_version_publish(*, version: CaseVersion, by: Any) -> CaseVersion:
    """Freeze a draft version; attempts can start on it from now on."""
    with transaction.atomic():
        locked = CaseVersion.objects.select_for_update().get(pk=version.pk)
        if locked.is_published:
            raise FrozenCaseVersion(_("Deze casusversie is al gepubliceerd."))
        errors = case_version_errors(locked)
        if errors:
            raise CaseVersionInvalid(errors)
        locked.status = CaseVersionStatus.PUBLISHED
        locked.published_at = timezone.now()
        # The row is still a draft in the database, so the frozen guard lets this save through.
        locked.save()
    version.refresh_from_db()
    return version


def case_version_update(*, version: CaseVersion, by: Any, **fields: Any) -> CaseVersion:
    """Change a draft version's content; a published version is refused whole."""
    unknown = set(fields) - set(FROZEN_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        locked = CaseVersion.objects.select_for_update().get(pk=version.pk)
        if locked.is_published:
            raise FrozenCaseVersion(
                _(
                    "Casusversie %(n)s is gepubliceerd en kan niet meer worden gewijzigd; "
                    "maak een nieuwe conceptversie."
                )
                % {"n": locked.number}
            )
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
    version.refresh_from_db()
    return version


def case_version_new_draft(*, case: Case, by: Any) -> CaseVersion:
    """Editing a published case: a new draft copied from the latest version (photos included)."""
    with transaction.atomic():
        Case.objects.select_for_update().get(pk=case.pk)
        latest = case.versions.order_by("-number").first()
        if latest is not None and not latest.is_published:
            return latest
        draft = CaseVersion(case=case, number=(latest.number + 1) if latest else 1, created_by=by)
        if latest is not None:
            for name in FROZEN_FIELDS:
                setattr(draft, name, getattr(latest, name))
        draft.save()
        if latest is not None:
            CasePhoto.objects.bulk_create(
                CasePhoto(
                    case_version=draft,
                    image=photo.image.name,
                    caption=photo.caption,
                    zone=photo.zone,
                    stage=photo.stage,
                    sort_order=photo.sort_order,
                )
                for photo in latest.photos.all()
            )
    return draft


def attempt_start(*, trainee: User, case: Case, cohort: Cohort | int | None = None) -> Attempt:
    """Open a dossier on the case's latest published version, filed in `cohort`.

    The cohort is the one through which the case is offered (`selectors.cohorts_offering`); it
    decides who sees and grades the attempt and whether it is an exam. A trainee with one such
    cohort need not name it; with more than one they must (`CohortChoiceNeeded`): the platform
    never picks one for them, since a wrong pick files an exam as practice. A named cohort that
    is not theirs or does not offer the case is refused the same way. A trainee in no cohort
    practises alone: the attempt is filed in no cohort and no assessor sees it.

    One open attempt per trainee per case and cohort: starting again while one is open returns
    that one, so a double click or a second tab never makes two dossiers. A finished attempt
    (delivered or total loss) does not block a new one: a trainee may practise a case again.
    """
    if not trainee.is_trainee:
        raise CaseNotAvailable(_("Alleen cursisten kunnen een casus starten."))
    version = selectors.startable_version(user=trainee, case=case)
    if version is None:
        raise CaseNotAvailable(_("Deze casus is niet beschikbaar."))
    chosen = _cohort_for_start(trainee=trainee, version=version, cohort=cohort)
    with transaction.atomic():
        # Lock the trainee row: two parallel starts must not both find no open attempt.
        User.objects.select_for_update().get(pk=trainee.pk)
        open_attempt = Attempt.objects.filter(
            trainee=trainee, case_version__case=case, cohort=chosen, submitted_at__isnull=True
        ).first()
        if open_attempt is not None:
            return open_attempt
        attempt = Attempt.objects.create(
            trainee=trainee,
            case_version=version,
            cohort=chosen,
            status=AttemptStatus.INTAKE,
            simulated_date=version.start_date or version.tariff_date,
        )
        # Learning records (issue #18, xAPI): queued on commit; off unless configured.
        from assessment.xapi.hooks import record_case_started

        record_case_started(attempt)
        return attempt


def _cohort_for_start(
    *, trainee: User, version: CaseVersion, cohort: Cohort | int | None
) -> Cohort | None:
    offering = selectors.cohorts_offering(trainee, version)
    if cohort is None or cohort == "":
        if len(offering) == 1:
            return offering[0]
        if not offering and not version.exam_only:
            return None
        raise CohortChoiceNeeded(
            _("U zit in meer dan één groep: kies de groep waarin u deze casus maakt."),
            choices=offering,
        )
    try:
        wanted = int(cohort.pk if isinstance(cohort, Cohort) else cohort)
    except (TypeError, ValueError):
        wanted = None
    for candidate in offering:
        if candidate.pk == wanted:
            return candidate
    if version.exam_only:
        message = _("Een examencasus start u alleen in een examengroep waarin u zit.")
    else:
        message = _("Deze groep is niet de uwe of biedt deze casus niet aan.")
    raise CohortChoiceNeeded(message, choices=offering)


class MoveInputInvalid(Exception):
    """The move's input does not pass its form; `form` is bound, with the field errors."""

    def __init__(self, form: Any) -> None:
        self.form = form
        self.errors = [
            {"path": "" if name == "__all__" else name, "message": str(message)}
            for name, messages in form.errors.items()
            for message in messages
        ]
        super().__init__("; ".join(f"{e['path']}: {e['message']}" for e in self.errors))


def attempt_move(
    *,
    attempt: Attempt,
    by: Any,
    move: str,
    data: Any,
    files: Any = None,
    prefix: str | None = None,
    input_first: bool = False,
) -> Any:
    """Make the declared move `move` on `attempt` with raw input `data` (and `files`).

    The one way in for the dossier page and the API, in this order:
    - only the attempt's own trainee acts on it (`NotYourAttempt`, nothing recorded);
    - the move must be declared (`workflow.UnknownMove`);
    - a move the state does not offer is refused and recorded before its input is read
      (`MoveRefused`): a forbidden move is evidence whatever was typed with it;
    - the input passes the move's form, dates within the window of the simulated date
      (`MoveInputInvalid`);
    - the move's service runs it through the one locked transition (`MoveRefused`).
    `input_first` reads the input before asking the workflow: the photo upload endpoint's
    contract answers a missing or bad file with 400 whatever the dossier's state.
    A `MoveRefused` carries the bound form (`.form`) so a page can show the input again.
    Gives what the move's service gives: the attempt, or the photo of an upload move.
    """
    ensure_owner(attempt=attempt, by=by)
    declared = wf.get_move(move)
    form = declared.form(data, files, attempt=attempt, prefix=prefix)
    try:
        if input_first and not form.is_valid():
            raise MoveInputInvalid(form)
        wf.attempt_ensure_move_available(attempt=attempt, by=by, move=move)
        if not form.is_valid():
            raise MoveInputInvalid(form)
        return declared.service(attempt=attempt, by=by, **form.move_kwargs())
    except wf.MoveRefused as refused:
        refused.form = form
        raise
