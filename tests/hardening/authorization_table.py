"""Who may do what on every URL of the platform: the table behind test_authorization_matrix.py.

Seven people look at the work of one trainee (`owner`, cursist1 of the demo data):

| role        | who                                                                 |
| ----------- | ------------------------------------------------------------------- |
| `anonymous` | not logged in                                                       |
| `owner`     | cursist1: the trainee whose work the paths name                     |
| `colleague` | cursist2: another trainee of the same cohort                        |
| `assessor`  | beoordelaar1: assessor of that cohort, who graded and signed        |
| `outsider`  | an assessor of another cohort in another organisation              |
| `editor`    | redacteur1: edits the learning content, sees nobody's work          |
| `admin`     | admin: the platform's administrator (superuser)                     |

Every path names real objects of the demo data (`load_demo`) plus the second organisation made
here: cursist1's delivered attempt with its submitted calculation versions and a grade signed by
beoordelaar1, its rendered assessment report, a published case, a live lesson page and the
assessor-only module with its page restriction, three Wagtail documents (public, in an
assessor-only collection, used only on the assessor-only module) and two attempts of cursist1 in
an exam cohort (below). So a 404 in the table means "not for you", never "no such object".

Exam mode: cursist1 is also in an exam cohort, graded first by an examiner (`examiner`, not one
of the seven) and then blind by beoordelaar1 as second assessor. In one attempt the examiner has
signed and beoordelaar1 has only a draft, so the examiner's grade (with BLIND_MARKER in its
comment) is for the examiner alone; in the other both have signed and the final grade is
released, so cursist1 has a result, without the reference and without a report.

A row (`Probe`) holds, per role, the answers that role may get (`by(...)`, in the order of
ROLES). The project's rules (docs/decisions.md): an object a user may not see answers 404, not
403; a role that may not use an area at all may get 403; an anonymous visitor is sent to the
login page (302) or refused by the API (401/403). `Probe.subject` names whose work a row
shows; `SECURITY_RULES` below turns the key rules into checks on the table itself, so a row
cannot quietly allow what they forbid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from content import case_identifiers

ROLES = ("anonymous", "owner", "colleague", "assessor", "outsider", "editor", "admin")

# A marker planted in every line of the reference calculations of the owner's case version.
REFERENCE_MARKER = "REFERENTIE-GEHEIM-MATRIX"
# A marker in the examiner's comment on the exam attempt that the second assessor grades blind.
BLIND_MARKER = "BLIND-EERSTE-OORDEEL-MATRIX"

# What a row's path names. The owner's work: only the owner, the cohort's assessor and the
# administrator may see it; the colleague, the outsider and the editor get 404.
ATTEMPT = "attempt"  # the dossier, its timeline and its calculation
GRADE = "grade"  # the assessor's grade: machine result against the reference, rubric, overrides
RESULT = "result"  # the signed final result as the trainee sees it
REPORT = "report"  # the PDF of the signed grade
PROGRESS = "progress"  # the owner's progress over their graded attempts
COHORT = "cohort"  # the cohort's grades and progress
# Exam mode (assessment/selectors.py): the first grade is for its own assessor alone until the
# blind second grade is signed too; the trainee's signed result shows no reference lines or
# verdicts, and there is no assessment report for the trainee.
BLIND_GRADE = "blind grade"  # the examiner's grade while the second assessor grades blind
EXAM_RESULT = "exam result"  # the final result of an exam attempt as the trainee sees it
EXAM_REPORT = "exam report"  # the assessment report of an exam attempt's final grade
# The trainee's own paint drill answer (practice only): for the trainee alone, no assessor.
PAINT_DRILL = "paint drill answer"
# The trainee's own submitted calculation review (practice only): the same rule as the drill.
CALC_REVIEW = "calculation review answer"
# The trainee's own practice variant (issue 16, item 6; practice only): the same rule.
PRACTICE_VARIANT = "practice variant"
# The trainee's own workshop-day plan (practice only): the same rule as the drill.
WORKSHOP_DAY = "workshop day plan"
# The owner's Open Badges credential (issue #18): the downloads for whoever may see the owner's
# work (`trainees_visible_to`: the owner, the cohort's assessor, the admin); its verification
# page, the issuer, keys and status list public (PUBLIC rows, naming nobody).
BADGE_DOWNLOAD = "badge download"
# Revoking a credential: the exam board's (here the admin) alone.
BADGE_REVOKE = "badge revocation"
OWNER_WORK = frozenset(
    {ATTEMPT, GRADE, RESULT, REPORT, PROGRESS, COHORT, BLIND_GRADE, EXAM_RESULT, EXAM_REPORT}
    | {PRACTICE_VARIANT}
    | {PAINT_DRILL, CALC_REVIEW}
    | {WORKSHOP_DAY}
    | {BADGE_DOWNLOAD}
)
# An exam cohort's marking policy (issue #15, item 1): the exam board's (here the admin) alone.
MARKING_POLICY = "marking policy"
# An exam form (issue #15, items 4, 5, 7) of the demo's exam cohort, which the assessor
# (beoordelaar1) marks and judged the Angoff study of: blueprints and every write the exam
# board's (here the admin) alone; the form for the cohort's assessors; no trainee ever.
EXAM_FORM = "exam form"
# Calibration of assessors (issue #15, item 2): the published sets for every assessor (the
# attempts anonymised), each assessor's own ratings and results; the management and every
# assessor's results the exam board's (here the admin) alone; no trainee, no editor.
CALIBRATION = "calibration"
MARKING_POLICY_FORM = {
    "markers": "2",
    "agreement_rule": "third_decides",
    "escalation_points": "10",
    "escalate_on_pass_fail": "on",
    "moderation_sample_percent": "0",
}
MARKING_POLICY_JSON = {
    "markers": 2,
    "agreement_rule": "third_decides",
    "escalation_points": "10",
    "escalate_on_pass_fail": True,
    "moderation_sample_percent": 0,
}
OWN = "own"  # each user's own things (own lists, own progress): no other user's data in them
SHARED = "shared"  # the same for every logged-in user (cases, catalogue, search)
PUBLIC = "public"  # open to anonymous visitors too
ASSESSOR_ONLY_PAGE = "assessor-only page"  # Wagtail page privacy: Beoordelaars and Redacteuren
ASSESSOR_ONLY_DOCUMENT = "assessor-only document"  # its collection's privacy, or used only there
EDITORIAL = "editorial"  # the editors' views of the content
THIRD_PARTY = "third-party"  # an area with its own login (Wagtail admin, Django admin)


# ---------------------------------------------------------------------------------------------
# The world: real objects for the path parameters


@dataclass
class World:
    users: dict[str, Any]  # role → user (None for anonymous)
    values: dict[str, Any]  # placeholder → value, for the path templates and bodies
    secrets: list[Secret] = field(default_factory=list)

    def path(self, template: str) -> str:
        return template.format(**self.values)

    def body(self, template: Mapping[str, Any] | None) -> dict[str, Any] | None:
        if template is None:
            return None

        def resolved(value: Any) -> Any:
            if isinstance(value, Ref):
                return self.values[value.name]
            if isinstance(value, list):  # e.g. {"grades": [Ref("grade")]}
                return [resolved(item) for item in value]
            if isinstance(value, dict):  # e.g. {"allocations": [{"attempt": Ref(...)}]}
                return {key: resolved(item) for key, item in value.items()}
            return value

        return {key: resolved(value) for key, value in template.items()}


@dataclass(frozen=True)
class Secret:
    """Text that the answers to `hidden_from` never contain, on any URL; the owner may see it
    on rows whose subject is in `owner_sees_in`."""

    text: str
    hidden_from: tuple[str, ...]
    owner_sees_in: frozenset[str] = frozenset()

    def kept_from(self, role: str, subject: str) -> bool:
        if role == "owner" and subject in self.owner_sees_in:
            return False
        return role in self.hidden_from


@dataclass(frozen=True)
class Ref:
    """A world value in a request body, e.g. `{"grade": Ref("grade")}`."""

    name: str


def build_world() -> World:
    """The demo data (already loaded) plus an organisation B with its own cohort and assessor."""
    from wagtail.models import PageViewRestriction

    from assessment.models import Grade, GradeStatus, Report, ReportKind, ReportStatus
    from assessment.services import report_request
    from assessment.tasks import render_report
    from cases.models import Attempt, CaseVersionStatus
    from content.models import LearningModulePage, LessonPage
    from schadeplatform.accounts.models import Cohort, Role, User
    from tests.factories.accounts import CohortFactory, OrganisationFactory, UserFactory

    demo = {
        "owner": "cursist1",
        "colleague": "cursist2",
        "assessor": "beoordelaar1",
        "editor": "redacteur1",
        "admin": "admin",
    }
    users: dict[str, Any] = {role: User.objects.get(username=name) for role, name in demo.items()}
    other_organisation = OrganisationFactory(name="Opleider B (matrix)")
    users["outsider"] = UserFactory(
        username="beoordelaar_b_matrix", role=Role.ASSESSOR, organisation=other_organisation
    )
    trainee_b = UserFactory(
        username="cursist_b_matrix", role=Role.TRAINEE, organisation=other_organisation
    )
    cohort_b = CohortFactory(
        organisation=other_organisation,
        name="Groep B (matrix)",
        trainees=[trainee_b],
        assessors=[users["outsider"]],
    )
    users["anonymous"] = None

    owner = users["owner"]
    grade = (
        Grade.objects.filter(
            attempt__trainee=owner, status=GradeStatus.SIGNED, assessor=users["assessor"]
        )
        .select_related("attempt__case_version__case")
        .order_by("pk")
        .first()
    )
    assert grade is not None, "load_demo no longer grades an attempt of cursist1"
    attempt: Attempt = grade.attempt
    version = attempt.calculation_versions.order_by("number").first()
    assert version is not None, "the graded attempt has no submitted calculation"
    case_version = attempt.case_version
    assert case_version.status == CaseVersionStatus.PUBLISHED
    # Played and graded before the reference gets its marker: the marker is then in no
    # trainee's own lines, and the machine can score ("matrix" is no decision it knows).
    exam_setup = _exam_attempts(owner, users["assessor"], case_version.case)
    _calibrated(exam_setup[1])  # the examiner marks exam attempts: the calibration gate
    exam = _exam_grades(users["assessor"], *exam_setup)
    cross = _two_organisation_attempt(owner, users["assessor"], cohort_b, case_version.case)
    paint_drill = _paint_drill(owner)
    calc_review = _calc_review(owner)
    practice_variant = _practice_variant(owner)
    workshop_day = _workshop_day(owner)

    # The reference never reaches a trainee before their result is signed: every line of the
    # case's reference calculations carries a marker to look for in the answers. A published
    # version is frozen for save(); the marker goes in with an update.
    def marked(document: dict) -> dict:
        lines = [
            {**line, "description": f"{line.get('description', '')} {REFERENCE_MARKER}"}
            for line in document.get("lines", [])
        ]
        return {**document, "lines": lines}

    type(case_version).objects.filter(pk=case_version.pk).update(
        reference_precalc=marked(case_version.reference_precalc),
        reference_final=marked(case_version.reference_final or {}),
        expected_decisions={**case_version.expected_decisions, "matrix": REFERENCE_MARKER},
    )

    # The assessment report of the signed grade, rendered now (on_commit never fires here).
    report = report_request(kind=ReportKind.ASSESSMENT, subject=grade, by=users["assessor"])
    render_report.call(report.pk)
    report = Report.objects.get(pk=report.pk)
    assert report.status == ReportStatus.RENDERED, report.error

    private_module = LearningModulePage.objects.get(slug="beoordelaarsmateriaal")
    restriction = PageViewRestriction.objects.get(page=private_module)
    lesson = (
        LessonPage.objects.live().public().not_descendant_of(private_module).order_by("pk").first()
    )
    cohort = Cohort.objects.get(trainees=owner, exam_mode=False)
    # Outside exam mode the owner's signed result shows the reference lines (Secret below).
    assert not cohort.exam_mode
    documents = _documents(private_module)
    stored = _stored_files(attempt, version, users["assessor"], exam["blind_grade"])

    values = {
        "attempt": attempt.pk,
        "case": case_version.case.slug,
        "version_number": version.number,
        "version_id": version.pk,
        "grade": grade.pk,
        "report": report.pk,
        "cohort": cohort.pk,
        "trainee": owner.pk,
        "vehicle": case_version.vehicle_id,
        "move": "record_damage",
        "page": lesson.pk,
        "page_url": lesson.url,
        "private_page": private_module.pk,
        "private_url": private_module.url,
        "restriction": restriction.pk,
        **documents,
        **stored,
        **exam,
        **cross,
        **paint_drill,
        **_calibration_world(case_version),
        **_exam_form_world(),
        **calc_review,
        **workshop_day,
        **practice_variant,
        **_badge_world(owner),
    }
    others = ("anonymous", "colleague", "outsider", "editor")
    secrets = [
        # The reference: for the assessor and the administrator; the owner sees it beside their
        # own lines once the result is signed (outside exam mode), never before.
        Secret(REFERENCE_MARKER, (*others, "owner"), owner_sees_in=frozenset({RESULT, REPORT})),
        # The examiner's grade of the attempt still graded blind: for the examiner alone, not
        # even the cohort's other assessor (the blind second one) or the administrator.
        Secret(BLIND_MARKER, ROLES),
        # Nor does it count in anyone's progress before the blind second grade is signed.
        Secret(exam["blind_signed_at"], ROLES),
        # The owner's work never shows up for those who may not see it, not even by name.
        Secret(owner.username, others),
        Secret(owner.get_full_name(), others),
        # The attempt of the trainee in cohorts of two organisations, filed in A: not for B's
        # assessor (`outsider`), though B's cohort holds that trainee.
        Secret(CROSS_MARKER, (*others, "owner")),
        Secret(CROSS_TRAINEE, (*others, "owner")),
        # The assessor-only module is not even named to those outside its groups.
        # A paint drill's model answer: for nobody before submitting; the owner reads it in
        # the result of their own answer only.
        Secret(PAINT_DRILL_MARKER, ROLES, owner_sees_in=frozenset({PAINT_DRILL})),
        # A calculation review's answer key: for nobody before submitting; the owner reads it
        # in the feedback of their own submitted review only.
        Secret(CALC_REVIEW_MARKER, ROLES, owner_sees_in=frozenset({CALC_REVIEW})),
        # A workshop day's reference plan: for nobody before submitting; the owner reads it in
        # the result of their own plan only.
        Secret(WORKSHOP_DAY_MARKER, ROLES, owner_sees_in=frozenset({WORKSHOP_DAY})),
        Secret(private_module.title, ("anonymous", "owner", "colleague", "outsider")),
    ]
    users["examiner"] = exam_examiner()  # not a column: for the check that the marker shows
    return World(users=users, values=values, secrets=secrets)


def _documents(private_module) -> dict[str, Any]:
    """Three Wagtail documents, as an editor makes them (uploads to a collection, a link in a
    page's rich text): a public one, one in a collection only Beoordelaars and Redacteuren may
    see, and one in the public collection but used only on the assessor-only module. The two
    private ones hold the module's title, which only those groups may read (World.secrets)."""
    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction, ReferenceIndex
    from wagtail.rich_text import RichText

    from content.services import ASSESSORS_GROUP, EDITORS_GROUP

    Document = get_document_model()

    def pdf(name: str, text: str, collection=None):
        content = f"%PDF-1.4\n% {text}\n%%EOF\n".encode()
        document = Document(title=name, file=ContentFile(content, name=f"{name}.pdf"))
        if collection is not None:
            document.collection = collection
        document.save()
        return document

    public = pdf("werkinstructie-matrix", "Werkinstructie voor iedereen")
    collection = Collection.get_first_root_node().add_child(name="Beoordelaarsmateriaal (matrix)")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name__in=(ASSESSORS_GROUP, EDITORS_GROUP)))
    in_collection = pdf("normering-matrix", private_module.title, collection)
    used_privately = pdf("beoordelingsrichtlijn-matrix", private_module.title)
    link = f'<p><a linktype="document" id="{used_privately.pk}">Beoordelingsrichtlijn</a></p>'
    private_module.body.append(("paragraph", RichText(link)))
    private_module.save()
    # Wagtail indexes the link in a task after the commit, which a test never reaches.
    ReferenceIndex.create_or_update_for_object(private_module)
    return {
        "public_document": public.pk,
        "public_document_file": public.filename,
        "collection_document": in_collection.pk,
        "collection_document_file": in_collection.filename,
        "collection_restriction": restriction.pk,
        "private_document": used_privately.pk,
        "private_document_file": used_privately.filename,
    }


PAINT_DRILL_MARKER = "LAKOEFENING-MODELANTWOORD-MATRIX"
WORKSHOP_DAY_MARKER = "WERKPLAATSDAG-REFERENTIE-MATRIX"


def _workshop_day(owner) -> dict[str, Any]:
    """The demo workshop day whose reference explanation carries a marker, and the owner's plan
    for it (judged, so its result shows the reference to the owner)."""
    from cases.models import WorkshopDay
    from cases.workshop_day import services
    from cases.workshop_day.scoring import plan_from_data

    day = WorkshopDay.objects.filter(published=True).order_by("pk").first()
    assert day is not None, "load_demo no longer loads a workshop day"
    reference = {**day.reference}
    reference["explanation"] = f"{reference['explanation']} {WORKSHOP_DAY_MARKER}"
    WorkshopDay.objects.filter(pk=day.pk).update(reference=reference)
    day.refresh_from_db()
    answer = services.workshop_day_submit(
        day=day, trainee=owner, plan=plan_from_data(reference["plan"])
    )
    assert WORKSHOP_DAY_MARKER in str(answer.result)
    return {"workshop_day": day.pk, "workshop_day_answer": answer.pk}


def _paint_drill(owner) -> dict[str, Any]:
    """A demo paint drill whose first model explanation carries a marker, and the owner's
    answer to it (scored, so its result shows the explanation to the owner)."""
    from cases.models import PaintDrill, PaintDrillPanel
    from cases.paint_drill import selectors, services
    from cases.paint_drill.scoring import PanelAnswer

    drill = PaintDrill.objects.filter(published=True).order_by("pk").first()
    assert drill is not None, "load_demo no longer loads a paint drill"
    panel = drill.panels.order_by("sort_order", "pk").first()
    PaintDrillPanel.objects.filter(pk=panel.pk).update(
        explanation=f"{panel.explanation} {PAINT_DRILL_MARKER}"
    )
    panels, _overlaps = selectors.model_of(drill)
    answer = services.paint_drill_submit(
        drill=drill,
        trainee=owner,
        answers={p.code: PanelAnswer(level=p.level, units=p.units) for p in panels},
        deductions={},
    )
    assert PAINT_DRILL_MARKER in str(answer.result)
    return {"paint_drill": drill.pk, "paint_drill_answer": answer.pk}


def _practice_variant(owner) -> dict[str, Any]:
    """A practice variant of the owner, not submitted yet (regenerated from its seed)."""
    from cases.variants import practice

    attempt = practice.practice_new(trainee=owner, template_key="voorzijde")
    return {"practice_variant": attempt.pk}


CALC_REVIEW_MARKER = "REKENCONTROLE-SLEUTEL-MATRIX"


def _calc_review(owner) -> dict[str, Any]:
    """A demo calculation review whose answer key carries a marker, and the owner's submitted
    review of it (every row judged right, so the feedback shows the key to the owner)."""
    from cases.calc_review import selectors, services
    from cases.calc_review.scoring import RIGHT, LineVerdict
    from cases.models import CalcReviewExercise

    exercise = CalcReviewExercise.objects.filter(published=True).order_by("pk").first()
    assert exercise is not None, "load_demo no longer loads a calculation review"
    key = [{**e, "correct": f"{e['correct']} {CALC_REVIEW_MARKER}"} for e in exercise.answer_key]
    CalcReviewExercise.objects.filter(pk=exercise.pk).update(answer_key=key)
    exercise.refresh_from_db()
    answer = services.calc_review_submit(
        exercise=exercise,
        trainee=owner,
        verdicts={anchor: LineVerdict(RIGHT) for anchor, _w in selectors.anchors(exercise)},
        missing=[],
    )
    assert CALC_REVIEW_MARKER in str(answer.result)
    photo = selectors.photos(exercise).order_by("pk").first()
    assert photo is not None, "the demo calculation review's case has no intake photo"
    return {
        "calc_review": exercise.pk,
        "calc_review_answer": answer.pk,
        "calc_review_photo": photo.pk,
    }


CROSS_TRAINEE = "cursist_ab_matrix"
# A marker in the intake of the two-organisation trainee's attempt filed in organisation A.
CROSS_MARKER = "DOSSIER-ORGANISATIE-A-MATRIX"


def _two_organisation_attempt(owner, assessor, cohort_b, case) -> dict[str, Any]:
    """A trainee of the owner's organisation in the owner's cohort and also in organisation B's
    cohort (assessed by `outsider`), with a delivered attempt filed in the owner's cohort,
    graded and signed by the cohort's assessor, with its rendered report. Who sees it follows
    the cohort it is filed in: the owner's cohort's assessor, never B's."""
    from assessment.demo import DemoAttempt, play
    from assessment.models import Report, ReportKind, ReportStatus
    from assessment.services import report_request
    from assessment.tasks import render_report
    from cases.models import Attempt
    from cases.services import attempt_start
    from schadeplatform.accounts.models import Cohort, Role
    from tests.factories.accounts import UserFactory

    cohort_a = Cohort.objects.get(trainees=owner, exam_mode=False)
    trainee = UserFactory(
        username=CROSS_TRAINEE, role=Role.TRAINEE, organisation=owner.organisation
    )
    cohort_a.trainees.add(trainee)
    cohort_b.trainees.add(trainee)
    attempt = attempt_start(trainee=trainee, case=case, cohort=cohort_a)
    play(attempt, trainee, DemoAttempt(trainee.username, case.slug, {}, {}, ""))
    Attempt.objects.filter(pk=attempt.pk).update(damage_description=CROSS_MARKER)
    attempt.refresh_from_db()
    assert attempt.cohort == cohort_a and attempt.submitted_at is not None
    grade = _signed(attempt, assessor, "Goed dossier.")
    report = report_request(kind=ReportKind.ASSESSMENT, subject=grade, by=assessor)
    render_report.call(report.pk)
    report = Report.objects.get(pk=report.pk)
    assert report.status == ReportStatus.RENDERED, report.error
    version = attempt.calculation_versions.order_by("number").first()
    return {
        "cross_attempt": attempt.pk,
        "cross_grade": grade.pk,
        "cross_report": report.pk,
        "cross_version_id": version.pk,
        "cross_version_number": version.number,
    }


def _signed(attempt, by, comment):
    from assessment import services

    grade = services.grade_start(attempt=attempt, by=by)
    grade = services.grade_autosave(
        grade=grade, by=by, revision=grade.revision, rubric=EXAM_RUBRIC, comment=comment
    )
    return services.grade_sign(grade=grade, by=by)


def _stored_files(attempt, version, assessor, blind_grade_id) -> dict[str, Any]:
    """The private files besides the owner's assessment report (issue #12, item 1): a photo of
    the owner's graded attempt, the printout of its calculation version, and the examiner's
    report of the grade still graded blind. Served only by their views (private storage)."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from assessment.models import Grade, Report, ReportKind, ReportStatus
    from assessment.services import report_request
    from assessment.tasks import render_report
    from cases.models import AttemptPhoto

    body = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(body, format="JPEG")
    photo = AttemptPhoto(attempt=attempt, zone="front", annotation="matrix")
    photo.image.save("matrix.jpg", ContentFile(body.getvalue()), save=False)
    photo.thumbnail.save("matrix-thumb.jpg", ContentFile(body.getvalue()), save=False)
    photo.save()

    def rendered(kind, subject, by):
        report = report_request(kind=kind, subject=subject, by=by)
        render_report.call(report.pk)
        report = Report.objects.get(pk=report.pk)
        assert report.status == ReportStatus.RENDERED, report.error
        return report

    printout = rendered(ReportKind.CALCULATION, version, assessor)
    blind = Grade.objects.get(pk=blind_grade_id)
    blind_report = rendered(ReportKind.ASSESSMENT, blind, blind.assessor)
    # The case's photos as the demo loader stored them (private storage): an intake photo and
    # the hidden-damage one, which the delivered attempt's workshop has revealed by now. (That
    # a trainee gets 404 for it before the reveal: tests/hardening/test_private_files.py.)
    from cases.models import PhotoStage
    from cases.selectors import hidden_damage_revealed

    photos = attempt.case_version.photos
    intake = photos.filter(stage=PhotoStage.VISIBLE).order_by("pk").first()
    hidden = photos.filter(stage=PhotoStage.HIDDEN).order_by("pk").first()
    assert intake and hidden, "the owner's demo case no longer has intake and hidden photos"
    assert hidden_damage_revealed(attempt), "the owner's graded attempt never met hidden damage"
    return {
        "photo": photo.pk,
        "printout": printout.pk,
        "blind_report": blind_report.pk,
        "case_photo": intake.pk,
        "hidden_case_photo": hidden.pk,
    }


EXAMINER = "examinator_matrix"
EXAM_RUBRIC = {
    "analyseren-en-interpreteren": 3,
    "organiseren-en-uitvoeren": 3,
    "ondersteunen-en-samenwerken": 3,
    "interacteren-beinvloeden-en-presenteren": 3,
}


def exam_examiner():
    from schadeplatform.accounts.models import User

    return User.objects.get(username=EXAMINER)


def _exam_form_world() -> dict[str, Any]:
    """The demo's exam form (assessment/demo_exam_forms.py), its blueprint and its closed
    Angoff study, which the assessor judged."""
    from assessment.demo_exam_forms import COHORT as EXAM_FORM_COHORT
    from assessment.models import ExamForm

    form = ExamForm.objects.select_related("cut_score_study").get(cohort__name=EXAM_FORM_COHORT)
    assert form.cut_score_study is not None, "load_demo no longer adopts an Angoff cut score"
    return {
        "exam_form": form.pk,
        "blueprint": form.blueprint_id,
        "angoff_study": form.cut_score_study.pk,
    }


def _badge_world(owner) -> dict[str, Any]:
    """An Open Badges credential of the owner (issue #18), signed as the platform issues one."""
    from assessment.badges.issuing import store
    from assessment.badges.rules import Outcome
    from assessment.models import BadgeRule, BadgeRuleKind

    rule, _created = BadgeRule.objects.get_or_create(
        slug="matrix-badge",
        defaults={
            "name": "Matrixbadge",
            "description": "Een badge voor de autorisatietabel.",
            "criteria": "Alle werkprocessen op niveau.",
            "kind": BadgeRuleKind.WORK_PROCESSES_LEVEL,
            "min_level": 1,
        },
    )
    levels = {"1.1": 3, "1.2": 3, "1.3": 3, "1.4": 3}
    credential = rule.credentials.filter(trainee=owner).first() or store(
        rule, owner, Outcome(met=True, grade=None, work_process_levels=levels)
    )
    return {"badge_uuid": credential.uuid, "badge_rule": rule.slug}


def _calibrated(examiner) -> None:
    """The examiner rates the demo's calibration set exactly as agreed in the current exam
    period (assessment/demo_calibration.py), so the calibration gate lets them mark exams."""
    from assessment import calibration
    from assessment.demo_calibration import SET_TITLE
    from assessment.models import CalibrationSet

    if calibration.current_period() is None:
        return  # no period covers today: no gate
    calibration_set = CalibrationSet.objects.get(title=SET_TITLE)
    for item in calibration_set.items.all():
        calibration.rating_give(
            item=item, by=examiner, score=str(item.agreed_score), rubric=item.agreed_rubric
        )
    assert calibration.is_calibrated(examiner)


def _calibration_world(marked_case_version) -> dict[str, Any]:
    """The demo's calibration set, one of its items on another case than the owner's marked
    one (the item page shows its reference to every assessor), and the current period."""
    from assessment import calibration
    from assessment.demo_calibration import SET_TITLE
    from assessment.models import CalibrationSet, ExamPeriod

    calibration_set = CalibrationSet.objects.get(title=SET_TITLE)
    item = (
        calibration_set.items.exclude(attempt__case_version=marked_case_version)
        .order_by("position")
        .first()
    )
    assert item is not None, "the demo calibration set has no item on another case"
    period = calibration.current_period() or ExamPeriod.objects.order_by("-starts_on").first()
    return {
        "calibration_set": calibration_set.pk,
        "calibration_item": item.pk,
        "exam_period": period.pk,
    }


def _exam_attempts(owner, assessor, case):
    """An exam cohort of the owner's organisation with the owner, an examiner and the demo
    assessor, and two delivered attempts of the owner on the owner's case in it."""
    from assessment.demo import DemoAttempt, play
    from cases.services import attempt_start
    from schadeplatform.accounts.models import Role
    from tests.factories.accounts import CohortFactory, UserFactory

    examiner = UserFactory(
        username=EXAMINER,
        first_name="Eva",
        last_name="Examinator",
        role=Role.ASSESSOR,
        organisation=owner.organisation,
    )
    cohort = CohortFactory(
        organisation=owner.organisation,
        name="Examengroep (matrix)",
        exam_mode=True,
        trainees=[owner],
        assessors=[examiner, assessor],
    )

    def delivered():
        # The owner is now in two cohorts and names the one the attempt is made in.
        attempt = attempt_start(trainee=owner, case=case, cohort=cohort)
        assert attempt.cohort == cohort
        play(attempt, owner, DemoAttempt(owner.username, case.slug, {}, {}, ""))
        attempt.refresh_from_db()
        return attempt

    return cohort, examiner, delivered(), delivered()


def _exam_grades(assessor, cohort, examiner, blind, graded) -> dict[str, Any]:
    """The examiner signs both attempts first; the demo assessor grades the first blind (a
    draft) and signs the second, which so has a final grade and its report."""
    from assessment import services
    from assessment.models import Report, ReportKind, ReportStatus
    from assessment.selectors import result_for
    from assessment.tasks import render_report

    def signed(attempt, by, comment):
        grade = services.grade_start(attempt=attempt, by=by)
        grade = services.grade_autosave(
            grade=grade, by=by, revision=grade.revision, rubric=EXAM_RUBRIC, comment=comment
        )
        return services.grade_sign(grade=grade, by=by)

    first = signed(blind, examiner, f"Eerste oordeel van de examinator. {BLIND_MARKER}")
    second = services.grade_start(attempt=blind, by=assessor)
    assert (first.role, second.role) == ("primary", "second") and not second.is_signed

    final = signed(graded, examiner, "Examen: voldoende, de calculatie is volledig.")
    signed(graded, assessor, "Examen, tweede beoordeling: eens met de examinator.")
    # Signing makes the final grade ready for release; the trainee sees it once released (#14).
    assert result_for(graded.trainee, graded.pk) is None
    final = services.grade_release(grade=final, by=examiner)
    found = result_for(graded.trainee, graded.pk)
    assert found is not None and found.grade == final and not found.show_details
    report = services.report_request(kind=ReportKind.ASSESSMENT, subject=final, by=assessor)
    render_report.call(report.pk)
    report = Report.objects.get(pk=report.pk)
    assert report.status == ReportStatus.RENDERED, report.error
    return {
        "exam_cohort": cohort.pk,
        "blind_attempt": blind.pk,
        "blind_grade": first.pk,
        "second_grade": second.pk,
        "exam_attempt": graded.pk,
        "exam_grade": final.pk,
        "exam_report": report.pk,
        # as the progress series give them (`at`): one counts, the other not yet
        "blind_signed_at": first.signed_at.isoformat(),
        "exam_signed_at": final.signed_at.isoformat(),
    }


# ---------------------------------------------------------------------------------------------
# The table

# A cell is a status code, LOGIN, or a set of them.
LOGIN = "login"  # 302 to a login page (the platform's, Wagtail's or Django admin's)
API = frozenset({401, 403})  # an anonymous API call: refused, never sent to a login page


@dataclass(frozen=True)
class Probe:
    """One request, made as each of the seven roles, and the answers each may get."""

    route: str  # the route as the URL inventory spells it; "cms/", "django-admin/" for those
    path: str  # the path, with {placeholders} from World.values
    method: str
    expect: Mapping[str, frozenset[int | str]]
    subject: str
    body: Mapping[str, Any] | None = None  # JSON for the API, form fields for pages
    multipart: bool = False
    note: str = ""

    @property
    def is_api(self) -> bool:
        return self.path.startswith("/api/")

    @property
    def is_write(self) -> bool:
        return self.method != "get"

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"


def by(*cells: int | str | frozenset) -> dict[str, frozenset[int | str]]:
    """The allowed answers per role, in the order of ROLES:
    anonymous, owner, colleague, assessor, outsider, editor, admin."""
    assert len(cells) == len(ROLES), f"{len(cells)} cells for {len(ROLES)} roles"
    return {
        role: cell if isinstance(cell, frozenset) else frozenset({cell})
        for role, cell in zip(ROLES, cells, strict=True)
    }


def everyone(cell: int | str | frozenset) -> dict[str, frozenset[int | str]]:
    return by(*[cell] * len(ROLES))


def users(anonymous: int | str | frozenset, cell: int | str | frozenset) -> dict:
    """The same answer for every logged-in role."""
    return by(anonymous, *[cell] * (len(ROLES) - 1))


def probe(route, path, method, expect, subject, **kwargs) -> Probe:
    return Probe(route, path, method, expect, subject, **kwargs)


GET, POST, PUT, PATCH = "get", "post", "put", "patch"
# The CASE objects of the demo's profile (content.case_identifiers: the same everywhere).
CASE_DOCUMENT = case_identifiers.document_identifier()
CASE_WORK_PROCESS = case_identifiers.identifier("work_process", "1.2")
CASE_ASSOCIATION = case_identifiers.association_identifier(
    "isChildOf", CASE_WORK_PROCESS, case_identifiers.identifier("core_task", "1")
)
A, C, V, N = "{attempt}", "{grade}", "{version_number}", "{report}"

#   columns of by():       anonymous, owner, colleague, assessor, outsider, editor, admin
PROBES: list[Probe] = [
    # --- public pages and the account ------------------------------------------------------
    probe("", "/", GET, everyone(200), PUBLIC),
    probe("^((?:[\\w\\-]+/)*)$", "{page_url}", GET, everyone(200), PUBLIC),
    probe(
        "^((?:[\\w\\-]+/)*)$",
        "{private_url}",
        GET,
        by(LOGIN, 404, 404, 200, 404, 200, 200),
        ASSESSOR_ONLY_PAGE,
        note="outsider: an assessor, but not in the group Beoordelaars",
    ),
    probe(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        "/_util/authenticate_with_password/{restriction}/{private_page}/",
        GET,
        everyone(200),
        PUBLIC,
        note="Wagtail's password form: names neither the page nor its content",
    ),
    probe(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        "/_util/authenticate_with_password/{restriction}/{private_page}/",
        POST,
        everyone(200),
        PUBLIC,
        body={"password": ""},
        note="a groups restriction has no password: the form only comes back",
    ),
    probe("_util/login/", "/_util/login/", GET, everyone(200), PUBLIC),
    # --- Wagtail documents -------------------------------------------------------------------
    probe(
        "documenten/(\\d+)/(.*)$",
        "/documenten/{public_document}/{public_document_file}",
        GET,
        everyone(200),
        PUBLIC,
        note="a download (Content-Disposition: attachment), see its own test",
    ),
    probe(
        "documenten/(\\d+)/(.*)$",
        "/documenten/{collection_document}/{collection_document_file}",
        GET,
        by(LOGIN, 404, 404, 200, 404, 200, 200),
        ASSESSOR_ONLY_DOCUMENT,
        note="in a collection for Beoordelaars and Redacteuren: answered as the private page",
    ),
    probe(
        "documenten/(\\d+)/(.*)$",
        "/documenten/{private_document}/{private_document_file}",
        GET,
        by(LOGIN, 404, 404, 200, 404, 200, 200),
        ASSESSOR_ONLY_DOCUMENT,
        note="in the public collection, but used only on the assessor-only module",
    ),
    probe(
        "documenten/authenticate_with_password/<int:restriction_id>/",
        "/documenten/authenticate_with_password/{collection_restriction}/",
        GET,
        everyone(200),
        PUBLIC,
        note="Wagtail's password form for a collection: names neither it nor its documents",
    ),
    probe(
        "documenten/authenticate_with_password/<int:restriction_id>/",
        "/documenten/authenticate_with_password/{collection_restriction}/",
        POST,
        everyone(200),
        PUBLIC,
        body={"password": "", "return_url": "/"},
        note="a groups restriction has no password: the form only comes back",
    ),
    probe("account/inloggen/", "/account/inloggen/", GET, users(200, 302), PUBLIC),
    probe("account/inloggen/", "/account/inloggen/", POST, users(200, 302), PUBLIC, body={}),
    probe("account/start/", "/account/start/", GET, users(LOGIN, 302), OWN),
    probe("account/uitloggen/", "/account/uitloggen/", GET, everyone(405), PUBLIC),
    probe("account/uitloggen/", "/account/uitloggen/", POST, everyone(302), PUBLIC),
    probe("i18n/setlang/", "/i18n/setlang/", GET, everyone(302), PUBLIC),
    probe("i18n/setlang/", "/i18n/setlang/", POST, everyone(302), PUBLIC, body={"language": "en"}),
    probe("jsi18n/", "/jsi18n/", GET, everyone(200), PUBLIC, note="the scripts' translations"),
    probe("gezond/", "/gezond/", GET, everyone(200), PUBLIC),
    probe("ping/", "/ping/", GET, everyone(200), PUBLIC),
    probe("favicon.ico", "/favicon.ico", GET, everyone(301), PUBLIC, note="to the SVG icon"),
    probe("leren/zoeken/", "/leren/zoeken/", GET, users(LOGIN, 200), SHARED),
    # --- the claim workflow: pages -----------------------------------------------------------
    probe("casussen/", "/casussen/", GET, users(LOGIN, 200), OWN),
    probe(
        "casussen/<slug:slug>/starten/", "/casussen/{case}/starten/", GET, users(LOGIN, 405), OWN
    ),
    probe(
        "casussen/<slug:slug>/starten/",
        "/casussen/{case}/starten/",
        POST,
        by(LOGIN, 400, 302, 404, 404, 404, 404),
        OWN,
        note="only trainees start a case (for themselves); the owner is in two cohorts and "
        "must choose one (400, the list again with the reason)",
    ),
    probe(
        "casussen/<slug:slug>/starten/",
        "/casussen/{case}/starten/",
        POST,
        by(LOGIN, 302, 302, 404, 404, 404, 404),
        OWN,
        body={"cohort": Ref("cohort")},
        note="multi-cohort trainee: with the cohort chosen (a cohort of the colleague's too)",
    ),
    probe(
        "casussen/<slug:slug>/starten/",
        "/casussen/{case}/starten/",
        POST,
        by(LOGIN, 302, 400, 404, 404, 404, 404),
        OWN,
        body={"cohort": Ref("exam_cohort")},
        note="the exam cohort: the owner's, not the colleague's (400: not theirs)",
    ),
    probe(
        "casussen/pogingen/<int:pk>/",
        f"/casussen/pogingen/{A}/",
        GET,
        by(LOGIN, 200, 404, 200, 404, 404, 200),
        ATTEMPT,
    ),
    probe(
        "casussen/pogingen/<int:pk>/stap/<slug:move>/",
        f"/casussen/pogingen/{A}/stap/{{move}}/",
        GET,
        users(LOGIN, 405),
        ATTEMPT,
    ),
    probe(
        "casussen/pogingen/<int:pk>/stap/<slug:move>/",
        f"/casussen/pogingen/{A}/stap/{{move}}/",
        POST,
        by(LOGIN, 409, 404, 404, 404, 404, 404),
        ATTEMPT,
        body={},
        note="only the owner moves (409: the delivered dossier refuses the move); those who "
        "read it get 404 (NotYourAttempt)",
    ),
    probe(
        "casussen/pogingen/<int:pk>/calculatie/",
        f"/casussen/pogingen/{A}/calculatie/",
        GET,
        by(LOGIN, 200, 404, 200, 404, 404, 200),
        ATTEMPT,
    ),
    probe(
        "casussen/pogingen/<int:pk>/calculatie/",
        f"/casussen/pogingen/{A}/calculatie/",
        POST,
        by(LOGIN, 400, 404, 404, 404, 404, 404),
        ATTEMPT,
        body={},
        note="only the owner edits the calculation",
    ),
    probe(
        "casussen/pogingen/<int:pk>/calculatie/versies/",
        f"/casussen/pogingen/{A}/calculatie/versies/",
        GET,
        by(LOGIN, 200, 404, 200, 404, 404, 200),
        ATTEMPT,
    ),
    # --- the paint drill (practice only, the trainee's own) ------------------------------------
    probe("casussen/lakoefening/", "/casussen/lakoefening/", GET, users(LOGIN, 200), OWN),
    probe(
        "casussen/lakoefening/<int:pk>/",
        "/casussen/lakoefening/{paint_drill}/",
        GET,
        users(LOGIN, 200),
        SHARED,
        note="the task (vehicle, panels, damage) without the model answer (PAINT_DRILL_MARKER)",
    ),
    probe(
        "casussen/lakoefening/<int:pk>/",
        "/casussen/lakoefening/{paint_drill}/",
        POST,
        by(LOGIN, 400, 400, 404, 404, 404, 404),
        OWN,
        body={},
        note="only trainees answer, for themselves (400: the empty form comes back refused)",
    ),
    probe(
        "casussen/lakoefening/antwoorden/<int:pk>/",
        "/casussen/lakoefening/antwoorden/{paint_drill_answer}/",
        GET,
        by(LOGIN, 200, 404, 404, 404, 404, 404),
        PAINT_DRILL,
        note="practice: the trainee's own, never in an assessor's queue (not the admin's either)",
    ),
    # --- the workshop day (practice only, the trainee's own) ---------------------------------
    probe("casussen/werkplaatsdag/", "/casussen/werkplaatsdag/", GET, users(LOGIN, 200), OWN),
    probe(
        "casussen/werkplaatsdag/<int:pk>/",
        "/casussen/werkplaatsdag/{workshop_day}/",
        GET,
        users(LOGIN, 200),
        SHARED,
        note="the day (roster, messages, dossiers) without the reference (WORKSHOP_DAY_MARKER)",
    ),
    probe(
        "casussen/werkplaatsdag/<int:pk>/",
        "/casussen/werkplaatsdag/{workshop_day}/",
        POST,
        by(LOGIN, 400, 400, 404, 404, 404, 404),
        OWN,
        body={},
        note="only trainees plan, for themselves (400: the empty form comes back refused)",
    ),
    probe(
        "casussen/werkplaatsdag/planningen/<int:pk>/",
        "/casussen/werkplaatsdag/planningen/{workshop_day_answer}/",
        GET,
        by(LOGIN, 200, 404, 404, 404, 404, 404),
        WORKSHOP_DAY,
        note="practice: the trainee's own, never in an assessor's queue (not the admin's either)",
    ),
    # --- practice variants (practice only, the trainee's own) ----------------------------------
    probe(
        "casussen/oefenvarianten/",
        "/casussen/oefenvarianten/",
        GET,
        users(LOGIN, 200),
        OWN,
        note="each trainee's own variants; others see an empty page without the button",
    ),
    probe(
        "casussen/oefenvarianten/nieuw/",
        "/casussen/oefenvarianten/nieuw/",
        POST,
        by(LOGIN, 302, 302, 404, 404, 404, 404),
        OWN,
        body={},
        note="only trainees ask for a new variant, for themselves",
    ),
    probe(
        "casussen/oefenvarianten/<int:pk>/",
        "/casussen/oefenvarianten/{practice_variant}/",
        GET,
        by(LOGIN, 200, 404, 404, 404, 404, 404),
        PRACTICE_VARIANT,
        note="practice: the trainee's own, never in an assessor's queue (not the admin's either)",
    ),
    probe(
        "casussen/oefenvarianten/<int:pk>/",
        "/casussen/oefenvarianten/{practice_variant}/",
        POST,
        by(LOGIN, 400, 404, 404, 404, 404, 404),
        PRACTICE_VARIANT,
        body={},
        note="only the owner submits (400: the empty form comes back refused, nothing stored)",
    ),
    # --- the calculation review (practice only, the trainee's own) ----------------------------
    probe("casussen/rekencontrole/", "/casussen/rekencontrole/", GET, users(LOGIN, 200), OWN),
    probe(
        "casussen/rekencontrole/<int:pk>/",
        "/casussen/rekencontrole/{calc_review}/",
        GET,
        users(LOGIN, 200),
        SHARED,
        note="the case brief and the calculation under review, without the key",
    ),
    probe(
        "casussen/rekencontrole/<int:pk>/",
        "/casussen/rekencontrole/{calc_review}/",
        POST,
        by(LOGIN, 200, 200, 404, 404, 404, 404),
        OWN,
        body={},
        note="only trainees save a review, each their own (an empty save is kept: 200)",
    ),
    probe(
        "casussen/rekencontrole/<int:pk>/fotos/<int:photo_id>/",
        "/casussen/rekencontrole/{calc_review}/fotos/{calc_review_photo}/",
        GET,
        users(LOGIN, 200),
        SHARED,
        note="the case's intake photo, as the exercise shows it",
    ),
    probe(
        "casussen/rekencontrole/antwoorden/<int:pk>/",
        "/casussen/rekencontrole/antwoorden/{calc_review_answer}/",
        GET,
        by(LOGIN, 200, 404, 404, 404, 404, 404),
        CALC_REVIEW,
        note="practice: the trainee's own, never in an assessor's queue (not the admin's either)",
    ),
    # --- the workshop day's API (practice only, the trainee's own) -----------------------------
    probe("api/v1/workshop-days/", "/api/v1/workshop-days/", GET, users(API, 200), SHARED),
    probe(
        "api/v1/workshop-days/<int:pk>/",
        "/api/v1/workshop-days/{workshop_day}/",
        GET,
        users(API, 200),
        SHARED,
        note="the day without the reference (WORKSHOP_DAY_MARKER)",
    ),
    probe(
        "api/v1/workshop-days/<int:pk>/plan/",
        "/api/v1/workshop-days/{workshop_day}/plan/",
        POST,
        by(API, 400, 400, 404, 404, 404, 404),
        OWN,
        body={},
        note="only trainees submit a plan (400: an empty body names no dossiers)",
    ),
    probe(
        "api/v1/workshop-day-plans/<int:pk>/",
        "/api/v1/workshop-day-plans/{workshop_day_answer}/",
        GET,
        by(API, 200, 404, 404, 404, 404, 404),
        WORKSHOP_DAY,
        note="practice: the trainee's own, never in an assessor's queue (not the admin's either)",
    ),
    probe("api/v1/calc-reviews/", "/api/v1/calc-reviews/", GET, users(API, 200), SHARED),
    probe(
        "api/v1/calc-reviews/<int:pk>/",
        "/api/v1/calc-reviews/{calc_review}/",
        GET,
        users(API, 200),
        SHARED,
        note="the task without the key (CALC_REVIEW_MARKER)",
    ),
    probe(
        "api/v1/calc-reviews/<int:pk>/answer/",
        "/api/v1/calc-reviews/{calc_review}/answer/",
        PUT,
        by(API, 200, 200, 404, 404, 404, 404),
        OWN,
        body={},
        note="only trainees save, each their own",
    ),
    probe(
        "api/v1/calc-reviews/<int:pk>/submit/",
        "/api/v1/calc-reviews/{calc_review}/submit/",
        POST,
        by(API, 400, 400, 404, 404, 404, 404),
        OWN,
        body={},
        note="only trainees submit (400: an empty review judges no row)",
    ),
    probe(
        "api/v1/calc-review-answers/<int:pk>/",
        "/api/v1/calc-review-answers/{calc_review_answer}/",
        GET,
        by(API, 200, 404, 404, 404, 404, 404),
        CALC_REVIEW,
        note="the feedback of a submitted review: the trainee's own",
    ),
    # --- the claim workflow: API ---------------------------------------------------------------
    probe("api/v1/cases/", "/api/v1/cases/", GET, users(API, 200), SHARED),
    probe(
        "api/v1/cases/<slug:slug>/attempts/",
        "/api/v1/cases/{case}/attempts/",
        GET,
        users(API, 405),
        OWN,
    ),
    probe(
        "api/v1/cases/<slug:slug>/attempts/",
        "/api/v1/cases/{case}/attempts/",
        POST,
        by(API, 400, 201, 404, 404, 404, 404),
        OWN,
        note="only trainees start a case (for themselves); the owner is in two cohorts and "
        "must name one (400, path cohort)",
    ),
    probe(
        "api/v1/cases/<slug:slug>/attempts/",
        "/api/v1/cases/{case}/attempts/",
        POST,
        by(API, 201, 201, 404, 404, 404, 404),
        OWN,
        body={"cohort": Ref("cohort")},
        note="multi-cohort trainee: with the cohort named",
    ),
    probe(
        "api/v1/cases/<slug:slug>/attempts/",
        "/api/v1/cases/{case}/attempts/",
        POST,
        by(API, 201, 400, 404, 404, 404, 404),
        OWN,
        body={"cohort": Ref("exam_cohort")},
        note="the exam cohort: the owner's, not the colleague's (400: not theirs)",
    ),
    probe("api/v1/attempts/", "/api/v1/attempts/", GET, users(API, 200), OWN),
    probe(
        "api/v1/attempts/<int:pk>/",
        f"/api/v1/attempts/{A}/",
        GET,
        by(API, 200, 404, 200, 404, 404, 200),
        ATTEMPT,
    ),
    probe(
        "api/v1/attempts/<int:pk>/timeline/",
        f"/api/v1/attempts/{A}/timeline/",
        GET,
        by(API, 200, 404, 200, 404, 404, 200),
        ATTEMPT,
    ),
    probe(
        "api/v1/attempts/<int:pk>/moves/<slug:move>/",
        f"/api/v1/attempts/{A}/moves/{{move}}/",
        GET,
        users(API, 405),
        ATTEMPT,
    ),
    probe(
        "api/v1/attempts/<int:pk>/moves/<slug:move>/",
        f"/api/v1/attempts/{A}/moves/{{move}}/",
        POST,
        by(API, 409, 404, 404, 404, 404, 404),
        ATTEMPT,
        body={},
        note="only the owner moves (409: the delivered dossier refuses the move); those who "
        "read it get 404 (NotYourAttempt)",
    ),
    probe(
        "api/v1/attempts/<int:pk>/photos/",
        f"/api/v1/attempts/{A}/photos/",
        GET,
        users(API, 405),
        ATTEMPT,
    ),
    probe(
        "api/v1/attempts/<int:pk>/photos/",
        f"/api/v1/attempts/{A}/photos/",
        POST,
        by(API, 400, 404, 404, 404, 404, 404),
        ATTEMPT,
        body={},
        multipart=True,
        note="only the owner adds photos (400: no image sent)",
    ),
    probe(
        "api/v1/attempts/<int:pk>/calculation/",
        f"/api/v1/attempts/{A}/calculation/",
        GET,
        by(API, 200, 404, 200, 404, 404, 200),
        ATTEMPT,
    ),
    probe(
        "api/v1/attempts/<int:pk>/calculation/",
        f"/api/v1/attempts/{A}/calculation/",
        PUT,
        by(API, 403, 404, 404, 404, 404, 404),
        ATTEMPT,
        body={"version": 0, "lines": []},
        note="only the owner saves, and not after submitting (owner: 403, locked)",
    ),
    probe(
        "api/v1/attempts/<int:pk>/calculation/estimate/",
        f"/api/v1/attempts/{A}/calculation/estimate/",
        GET,
        users(API, 405),
        ATTEMPT,
    ),
    probe(
        "api/v1/attempts/<int:pk>/calculation/estimate/",
        f"/api/v1/attempts/{A}/calculation/estimate/",
        POST,
        by(API, 200, 404, 200, 404, 404, 200),
        ATTEMPT,
        body={"lines": []},
        note="a preview on the attempt's case: for those who may read the attempt",
    ),
    probe(
        "api/v1/attempts/<int:pk>/calculation/versions/",
        f"/api/v1/attempts/{A}/calculation/versions/",
        GET,
        by(API, 200, 404, 200, 404, 404, 200),
        ATTEMPT,
    ),
    probe(
        "api/v1/attempts/<int:pk>/calculation/versions/<int:number>/",
        f"/api/v1/attempts/{A}/calculation/versions/{V}/",
        GET,
        by(API, 200, 404, 200, 404, 404, 200),
        ATTEMPT,
    ),
    probe(
        "api/v1/attempts/<int:pk>/calculation/catalogue/",
        f"/api/v1/attempts/{A}/calculation/catalogue/",
        GET,
        by(API, 200, 404, 200, 404, 404, 200),
        ATTEMPT,
        note="the catalogue of the attempt's vehicle (calibrations of its sensors only)",
    ),
    probe(
        "api/v1/attempts/<int:pk>/calculation/catalogue/search/",
        f"/api/v1/attempts/{A}/calculation/catalogue/search/?q=bumper",
        GET,
        by(API, 200, 404, 200, 404, 404, 200),
        ATTEMPT,
        note="type-ahead over the attempt's vehicle catalogue: for those who may read the attempt",
    ),
    probe(
        "api/v1/catalogue/vehicles/", "/api/v1/catalogue/vehicles/", GET, users(API, 200), SHARED
    ),
    probe(
        "api/v1/catalogue/vehicles/<str:vehicle_id>/parts/",
        "/api/v1/catalogue/vehicles/{vehicle}/parts/",
        GET,
        users(API, 200),
        SHARED,
    ),
    probe(
        "api/v1/catalogue/vehicles/<str:vehicle_id>/prefill/",
        "/api/v1/catalogue/vehicles/{vehicle}/prefill/",
        GET,
        users(API, 405),
        SHARED,
    ),
    probe(
        "api/v1/catalogue/vehicles/<str:vehicle_id>/prefill/",
        "/api/v1/catalogue/vehicles/{vehicle}/prefill/",
        POST,
        users(API, 400),
        SHARED,
        body={},
    ),
    # --- assessment: pages ---------------------------------------------------------------------
    probe(
        "beoordeling/",
        "/beoordeling/",
        GET,
        by(LOGIN, 302, 302, 200, 200, 404, 404),
        OWN,
        note="trainees are sent on to their own results",
    ),
    probe(
        "beoordeling/poging/<int:attempt_id>/beoordelen/",
        f"/beoordeling/poging/{A}/beoordelen/",
        GET,
        users(LOGIN, 405),
        GRADE,
    ),
    probe(
        "beoordeling/poging/<int:attempt_id>/beoordelen/",
        f"/beoordeling/poging/{A}/beoordelen/",
        POST,
        by(LOGIN, 404, 404, 302, 404, 404, 404),
        GRADE,
        body={},
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/",
        f"/beoordeling/cijfer/{C}/",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 404),
        GRADE,
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/",
        f"/beoordeling/cijfer/{C}/",
        POST,
        by(LOGIN, 404, 404, 400, 404, 404, 404),
        GRADE,
        body={},
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/regel/",
        f"/beoordeling/cijfer/{C}/regel/",
        GET,
        users(LOGIN, 405),
        GRADE,
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/regel/",
        f"/beoordeling/cijfer/{C}/regel/",
        POST,
        by(LOGIN, 404, 404, 400, 404, 404, 404),
        GRADE,
        body={},
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/ondertekenen/",
        f"/beoordeling/cijfer/{C}/ondertekenen/",
        GET,
        users(LOGIN, 405),
        GRADE,
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/ondertekenen/",
        f"/beoordeling/cijfer/{C}/ondertekenen/",
        POST,
        by(LOGIN, 404, 404, 302, 404, 404, 404),
        GRADE,
        body={},
        note="assessor: back to the grade page (it is signed already)",
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/correctie/",
        f"/beoordeling/cijfer/{C}/correctie/",
        GET,
        users(LOGIN, 405),
        GRADE,
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/correctie/",
        f"/beoordeling/cijfer/{C}/correctie/",
        POST,
        by(LOGIN, 404, 404, 302, 404, 404, 404),
        GRADE,
        body={"reason": "Matrix: correctie"},
        note="assessor: on to the new correction",
    ),
    # The marking workflow (issue #14, item 6): a marker's step, release, bulk release.
    probe(
        "beoordeling/cijfer/<int:pk>/fase/",
        f"/beoordeling/cijfer/{C}/fase/",
        GET,
        users(LOGIN, 405),
        GRADE,
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/fase/",
        f"/beoordeling/cijfer/{C}/fase/",
        POST,
        by(LOGIN, 404, 404, 302, 404, 404, 404),
        GRADE,
        body={"move": "complete"},
        note="assessor: back to the grade page (it is signed: the step is refused)",
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/vrijgeven/",
        f"/beoordeling/cijfer/{C}/vrijgeven/",
        GET,
        users(LOGIN, 405),
        GRADE,
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/vrijgeven/",
        f"/beoordeling/cijfer/{C}/vrijgeven/",
        POST,
        by(LOGIN, 404, 404, 302, 404, 404, 404),
        GRADE,
        body={},
        note="assessor: back to the grade page (released already: refused with a message)",
    ),
    probe("beoordeling/vrijgeven/", "/beoordeling/vrijgeven/", GET, users(LOGIN, 405), OWN),
    probe(
        "beoordeling/vrijgeven/",
        "/beoordeling/vrijgeven/",
        POST,
        by(LOGIN, 404, 404, 302, 302, 404, 404),
        OWN,
        body={"grade": Ref("grade")},
        note="assessors only; each grade is checked on its own (the outsider's refused as "
        "not found), back to the queue",
    ),
    probe("beoordeling/toewijzen/", "/beoordeling/toewijzen/", GET, users(LOGIN, 405), OWN),
    probe(
        "beoordeling/toewijzen/",
        "/beoordeling/toewijzen/",
        POST,
        by(LOGIN, 403, 403, 403, 403, 403, 302),
        OWN,
        body={"attempt": Ref("attempt")},
        note="marker allocation: only with the permission assessment.change_markerallocation "
        "(the administrator here; beoordelaar1 has none), refused before any attempt is looked "
        "up; each attempt is checked on its own (no marker chosen: refused with a message)",
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/herberekenen/",
        f"/beoordeling/cijfer/{C}/herberekenen/",
        GET,
        users(LOGIN, 405),
        GRADE,
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/herberekenen/",
        f"/beoordeling/cijfer/{C}/herberekenen/",
        POST,
        by(LOGIN, 404, 404, 400, 404, 404, 404),
        GRADE,
        body={"reason": "Matrix: herberekening"},
        note="assessor: 400, the grade is already on the current scoring spec",
    ),
    probe(
        "beoordeling/poging/<int:attempt_id>/resultaat/",
        f"/beoordeling/poging/{A}/resultaat/",
        GET,
        by(LOGIN, 200, 404, 200, 404, 404, 200),
        RESULT,
    ),
    probe(
        "beoordeling/mijn-resultaten/",
        "/beoordeling/mijn-resultaten/",
        GET,
        by(LOGIN, 200, 200, 404, 404, 404, 404),
        OWN,
    ),
    probe(
        "beoordeling/mijn-resultaten/resultaten.csv",
        "/beoordeling/mijn-resultaten/resultaten.csv",
        GET,
        by(LOGIN, 200, 200, 404, 404, 404, 404),
        OWN,
        note="each trainee's own results only: the path names nobody",
    ),
    probe(
        "beoordeling/voortgang/",
        "/beoordeling/voortgang/",
        GET,
        by(LOGIN, 200, 200, 404, 404, 404, 404),
        OWN,
    ),
    probe(
        "beoordeling/voortgang/cursist/<int:trainee_id>/",
        "/beoordeling/voortgang/cursist/{trainee}/",
        GET,
        by(LOGIN, 200, 404, 200, 404, 404, 200),
        PROGRESS,
    ),
    probe(
        "beoordeling/groep/<int:cohort_id>/",
        "/beoordeling/groep/{cohort}/",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 404),
        COHORT,
    ),
    probe(
        "beoordeling/groep/<int:cohort_id>/cijfers.csv",
        "/beoordeling/groep/{cohort}/cijfers.csv",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 404),
        COHORT,
    ),
    probe(
        "beoordeling/rapport/beoordeling/<int:grade_id>/",
        f"/beoordeling/rapport/beoordeling/{C}/",
        GET,
        users(LOGIN, 405),
        REPORT,
    ),
    probe(
        "beoordeling/rapport/beoordeling/<int:grade_id>/",
        f"/beoordeling/rapport/beoordeling/{C}/",
        POST,
        by(LOGIN, 302, 404, 302, 404, 404, 404),
        REPORT,
        body={},
        note="the owner and the assessor are sent on to the report",
    ),
    probe(
        "beoordeling/rapport/calculatie/<int:version_id>/",
        "/beoordeling/rapport/calculatie/{version_id}/",
        GET,
        users(LOGIN, 405),
        REPORT,
    ),
    probe(
        "beoordeling/rapport/calculatie/<int:version_id>/",
        "/beoordeling/rapport/calculatie/{version_id}/",
        POST,
        by(LOGIN, 302, 404, 302, 404, 404, 302),
        REPORT,
        body={},
        note="a printout of a calculation version: for those who may read the attempt",
    ),
    probe(
        "beoordeling/rapport/<int:pk>/",
        f"/beoordeling/rapport/{N}/",
        GET,
        by(LOGIN, 200, 404, 200, 404, 404, 404),
        REPORT,
    ),
    # --- stored files: served only by these views, never at /media/ (test_private_files.py) -
    probe(
        "beoordeling/rapport/<int:pk>/",
        "/beoordeling/rapport/{printout}/",
        GET,
        by(LOGIN, 200, 404, 200, 404, 404, 200),
        REPORT,
        note="the printout of a calculation version: whoever may read the attempt",
    ),
    probe(
        "api/v1/assessment/reports/<int:pk>/download/",
        "/api/v1/assessment/reports/{printout}/download/",
        GET,
        by(API, 200, 404, 200, 404, 404, 200),
        REPORT,
    ),
    probe(
        "beoordeling/rapport/<int:pk>/",
        "/beoordeling/rapport/{blind_report}/",
        GET,
        by(LOGIN, 404, 404, 404, 404, 404, 404),
        BLIND_GRADE,
        note="the examiner's report while the second grade is blind: the examiner's alone",
    ),
    probe(
        "api/v1/assessment/reports/<int:pk>/download/",
        "/api/v1/assessment/reports/{blind_report}/download/",
        GET,
        by(API, 404, 404, 404, 404, 404, 404),
        BLIND_GRADE,
    ),
    probe(
        "casussen/pogingen/<int:pk>/fotos/<int:photo_id>/",
        f"/casussen/pogingen/{A}/fotos/{{photo}}/",
        GET,
        by(LOGIN, 200, 404, 200, 404, 404, 200),
        ATTEMPT,
        note="the trainee's photo: as the dossier",
    ),
    probe(
        "casussen/pogingen/<int:pk>/casusfotos/<int:photo_id>/",
        f"/casussen/pogingen/{A}/casusfotos/{{case_photo}}/",
        GET,
        by(LOGIN, 200, 404, 200, 404, 404, 200),
        ATTEMPT,
        note="an intake photo of the case, in the dossier: as the dossier",
    ),
    probe(
        "casussen/pogingen/<int:pk>/casusfotos/<int:photo_id>/",
        f"/casussen/pogingen/{A}/casusfotos/{{hidden_case_photo}}/",
        GET,
        by(LOGIN, 200, 404, 200, 404, 404, 200),
        ATTEMPT,
        note="the hidden-damage photo: the owner only once revealed (it is, here)",
    ),
    probe(
        "casussen/casusfotos/<int:photo_id>/",
        "/casussen/casusfotos/{hidden_case_photo}/",
        GET,
        by(LOGIN, 404, 404, 404, 404, 200, 200),
        EDITORIAL,
        note="a case photo for its authors (Wagtail, Django admin): editors and the admin",
    ),
    probe(
        "casussen/pogingen/<int:pk>/fotos/<int:photo_id>/miniatuur/",
        f"/casussen/pogingen/{A}/fotos/{{photo}}/miniatuur/",
        GET,
        by(LOGIN, 200, 404, 200, 404, 404, 200),
        ATTEMPT,
    ),
    # --- double and triple marking (issue #15, item 1): the exam board's policy, the history --
    # The administrator acts for the exam board (`assessment.exam_board`); nobody else manages
    # a marking policy. An attempt's marking history: the exam board and the cohort's assessors
    # (blind-filtered while the attempt is being marked: no figures, no names).
    probe(
        "beoordeling/examencommissie/beoordelingsbeleid/",
        "/beoordeling/examencommissie/beoordelingsbeleid/",
        GET,
        by(LOGIN, 404, 404, 404, 404, 404, 200),
        MARKING_POLICY,
    ),
    probe(
        "beoordeling/examencommissie/beoordelingsbeleid/groep/<int:cohort_id>/",
        "/beoordeling/examencommissie/beoordelingsbeleid/groep/{exam_cohort}/",
        GET,
        by(LOGIN, 404, 404, 404, 404, 404, 200),
        MARKING_POLICY,
    ),
    probe(
        "beoordeling/examencommissie/beoordelingsbeleid/groep/<int:cohort_id>/",
        "/beoordeling/examencommissie/beoordelingsbeleid/groep/{exam_cohort}/",
        POST,
        by(LOGIN, 404, 404, 404, 404, 404, 302),
        MARKING_POLICY,
        body=MARKING_POLICY_FORM,
        note="the default policy, saved as the cohort's own: nothing changes for the probes",
    ),
    probe(
        "beoordeling/poging/<int:attempt_id>/beoordelingsverloop/",
        "/beoordeling/poging/{blind_attempt}/beoordelingsverloop/",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 200),
        GRADE,
        note="assessor: the second marker, blind (no figures, no names, no BLIND_MARKER)",
    ),
    probe(
        "beoordeling/poging/<int:attempt_id>/beoordelingsverloop/",
        "/beoordeling/poging/{exam_attempt}/beoordelingsverloop/",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 200),
        GRADE,
    ),
    probe(
        "api/v1/assessment/cohorts/<int:cohort_id>/marking-policy/",
        "/api/v1/assessment/cohorts/{exam_cohort}/marking-policy/",
        GET,
        by(API, 403, 403, 403, 403, 403, 200),
        MARKING_POLICY,
    ),
    probe(
        "api/v1/assessment/cohorts/<int:cohort_id>/marking-policy/",
        "/api/v1/assessment/cohorts/{exam_cohort}/marking-policy/",
        PUT,
        by(API, 403, 403, 403, 403, 403, 200),
        MARKING_POLICY,
        body=MARKING_POLICY_JSON,
        note="the default policy, saved as the cohort's own: nothing changes for the probes",
    ),
    probe(
        "api/v1/assessment/attempts/<int:attempt_id>/marking/",
        "/api/v1/assessment/attempts/{blind_attempt}/marking/",
        GET,
        by(frozenset(API | {404}), 404, 404, 200, 404, 404, 200),
        GRADE,
    ),
    # --- assessment in exam mode: pages --------------------------------------------------------
    probe(
        "beoordeling/poging/<int:attempt_id>/beoordelen/",
        "/beoordeling/poging/{blind_attempt}/beoordelen/",
        POST,
        by(LOGIN, 404, 404, 302, 404, 404, 404),
        GRADE,
        body={},
        note="assessor: the second, blind grade, back to their own draft",
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/",
        "/beoordeling/cijfer/{second_grade}/",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 404),
        GRADE,
        note="the second assessor's own draft: without the examiner's grade (BLIND_MARKER)",
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/",
        "/beoordeling/cijfer/{blind_grade}/",
        GET,
        by(LOGIN, 404, 404, 404, 404, 404, 404),
        BLIND_GRADE,
        note="the examiner's grade: not for the second assessor until both have signed",
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/",
        "/beoordeling/cijfer/{blind_grade}/",
        POST,
        by(LOGIN, 404, 404, 404, 404, 404, 404),
        BLIND_GRADE,
        body={},
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/correctie/",
        "/beoordeling/cijfer/{blind_grade}/correctie/",
        POST,
        by(LOGIN, 404, 404, 404, 404, 404, 404),
        BLIND_GRADE,
        body={"reason": "Matrix: correctie"},
    ),
    probe(
        "beoordeling/cijfer/<int:pk>/herberekenen/",
        "/beoordeling/cijfer/{blind_grade}/herberekenen/",
        POST,
        by(LOGIN, 404, 404, 404, 404, 404, 404),
        BLIND_GRADE,
        body={"reason": "Matrix: herberekening"},
    ),
    probe(
        "beoordeling/poging/<int:attempt_id>/resultaat/",
        "/beoordeling/poging/{blind_attempt}/resultaat/",
        GET,
        by(LOGIN, 404, 404, 404, 404, 404, 404),
        EXAM_RESULT,
        note="no result for anyone before both blind grades are signed",
    ),
    probe(
        "beoordeling/poging/<int:attempt_id>/resultaat/",
        "/beoordeling/poging/{exam_attempt}/resultaat/",
        GET,
        by(LOGIN, 200, 404, 200, 404, 404, 200),
        EXAM_RESULT,
        note="owner: the signed result, without the reference lines (REFERENCE_MARKER)",
    ),
    probe(
        "beoordeling/rapport/beoordeling/<int:grade_id>/",
        "/beoordeling/rapport/beoordeling/{exam_grade}/",
        POST,
        by(LOGIN, 404, 404, 302, 404, 404, 404),
        EXAM_REPORT,
        body={},
        note="no assessment report for the trainee in exam mode",
    ),
    probe(
        "beoordeling/rapport/<int:pk>/",
        "/beoordeling/rapport/{exam_report}/",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 404),
        EXAM_REPORT,
    ),
    probe(
        "beoordeling/groep/<int:cohort_id>/",
        "/beoordeling/groep/{exam_cohort}/",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 404),
        COHORT,
    ),
    probe(
        "beoordeling/groep/<int:cohort_id>/cijfers.csv",
        "/beoordeling/groep/{exam_cohort}/cijfers.csv",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 404),
        COHORT,
        note="final grades only: not the examiner's grade of the attempt still graded blind",
    ),
    # --- assessment: API -----------------------------------------------------------------------
    probe("api/v1/assessment/queue/", "/api/v1/assessment/queue/", GET, users(API, 200), OWN),
    probe(
        "api/v1/assessment/attempts/<int:attempt_id>/grades/",
        f"/api/v1/assessment/attempts/{A}/grades/",
        GET,
        users(API, 405),
        GRADE,
    ),
    probe(
        "api/v1/assessment/attempts/<int:attempt_id>/grades/",
        f"/api/v1/assessment/attempts/{A}/grades/",
        POST,
        by(API, 404, 404, 400, 404, 404, 404),
        GRADE,
        note="assessor: 400, the attempt's grade is signed already",
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/",
        f"/api/v1/assessment/grades/{C}/",
        GET,
        by(API, 404, 404, 200, 404, 404, 404),
        GRADE,
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/",
        f"/api/v1/assessment/grades/{C}/",
        PATCH,
        by(API, 404, 404, 400, 404, 404, 404),
        GRADE,
        body={},
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/overrides/",
        f"/api/v1/assessment/grades/{C}/overrides/",
        GET,
        users(API, 405),
        GRADE,
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/overrides/",
        f"/api/v1/assessment/grades/{C}/overrides/",
        POST,
        by(API, 404, 404, 400, 404, 404, 404),
        GRADE,
        body={},
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/override-preview/",
        f"/api/v1/assessment/grades/{C}/override-preview/",
        GET,
        users(API, 405),
        GRADE,
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/override-preview/",
        f"/api/v1/assessment/grades/{C}/override-preview/",
        POST,
        by(API, 404, 404, 400, 404, 404, 404),
        GRADE,
        body={"line_key": "1", "new_verdict": "missing"},
        note="assessor: 400, the grade is signed (a preview is for the own assessor's draft)",
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/sign/",
        f"/api/v1/assessment/grades/{C}/sign/",
        GET,
        users(API, 405),
        GRADE,
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/sign/",
        f"/api/v1/assessment/grades/{C}/sign/",
        POST,
        by(API, 404, 404, 400, 404, 404, 404),
        GRADE,
        note="assessor: 400, signed already",
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/marking/",
        f"/api/v1/assessment/grades/{C}/marking/",
        GET,
        users(API, 405),
        GRADE,
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/marking/",
        f"/api/v1/assessment/grades/{C}/marking/",
        POST,
        by(API, 404, 404, 400, 404, 404, 404),
        GRADE,
        body={"move": "complete"},
        note="assessor: 400, signed already",
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/release/",
        f"/api/v1/assessment/grades/{C}/release/",
        GET,
        users(API, 405),
        GRADE,
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/release/",
        f"/api/v1/assessment/grades/{C}/release/",
        POST,
        by(API, 404, 404, 400, 404, 404, 404),
        GRADE,
        note="assessor: 400, released already",
    ),
    probe(
        "api/v1/assessment/grades/release/",
        "/api/v1/assessment/grades/release/",
        GET,
        users(API, 405),
        OWN,
    ),
    probe(
        "api/v1/assessment/grades/release/",
        "/api/v1/assessment/grades/release/",
        POST,
        by(API, 403, 403, 200, 200, 403, 403),
        OWN,
        body={"grades": [Ref("grade")]},
        note="assessors only; the answer lists each grade released or refused (the outsider's "
        "as not found)",
    ),
    probe(
        "api/v1/assessment/allocations/",
        "/api/v1/assessment/allocations/",
        GET,
        users(API, 405),
        OWN,
    ),
    probe(
        "api/v1/assessment/allocations/",
        "/api/v1/assessment/allocations/",
        POST,
        by(API, 403, 403, 403, 403, 403, 200),
        OWN,
        body={"allocations": [{"attempt": Ref("attempt"), "marker": None}]},
        note="marker allocation: only with the permission assessment.change_markerallocation "
        "(the administrator here; beoordelaar1 has none); each attempt allocated or refused",
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/correction/",
        f"/api/v1/assessment/grades/{C}/correction/",
        GET,
        users(API, 405),
        GRADE,
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/correction/",
        f"/api/v1/assessment/grades/{C}/correction/",
        POST,
        by(API, 404, 404, 201, 404, 404, 404),
        GRADE,
        body={"reason": "Matrix: correctie"},
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/rescore/",
        f"/api/v1/assessment/grades/{C}/rescore/",
        GET,
        users(API, 405),
        GRADE,
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/rescore/",
        f"/api/v1/assessment/grades/{C}/rescore/",
        POST,
        by(API, 404, 404, 400, 404, 404, 404),
        GRADE,
        body={"reason": "Matrix: herberekening"},
        note="assessor: 400, the grade is already on the current scoring spec",
    ),
    probe(
        "api/v1/assessment/attempts/<int:attempt_id>/result/",
        f"/api/v1/assessment/attempts/{A}/result/",
        GET,
        by(API, 200, 404, 200, 404, 404, 200),
        RESULT,
    ),
    probe(
        "api/v1/assessment/reports/",
        "/api/v1/assessment/reports/",
        GET,
        users(API, 405),
        REPORT,
    ),
    probe(
        "api/v1/assessment/reports/",
        "/api/v1/assessment/reports/",
        POST,
        by(API, 202, 404, 202, 404, 404, 404),
        REPORT,
        body={"kind": "assessment", "grade": Ref("grade")},
    ),
    probe(
        "api/v1/assessment/reports/<int:pk>/",
        f"/api/v1/assessment/reports/{N}/",
        GET,
        by(API, 200, 404, 200, 404, 404, 404),
        REPORT,
    ),
    probe(
        "api/v1/assessment/reports/<int:pk>/download/",
        f"/api/v1/assessment/reports/{N}/download/",
        GET,
        by(API, 200, 404, 200, 404, 404, 404),
        REPORT,
    ),
    probe(
        "api/v1/assessment/progress/",
        "/api/v1/assessment/progress/",
        GET,
        by(API, 200, 200, 404, 404, 404, 404),
        OWN,
    ),
    probe(
        "api/v1/assessment/progress/<int:trainee_id>/",
        "/api/v1/assessment/progress/{trainee}/",
        GET,
        by(API, 200, 404, 200, 404, 404, 200),
        PROGRESS,
    ),
    probe(
        "api/v1/assessment/cohorts/<int:cohort_id>/grades.csv",
        "/api/v1/assessment/cohorts/{cohort}/grades.csv",
        GET,
        by(API, 404, 404, 200, 404, 404, 200),
        COHORT,
    ),
    # --- assessment in exam mode: API ----------------------------------------------------------
    probe(
        "api/v1/assessment/attempts/<int:attempt_id>/grades/",
        "/api/v1/assessment/attempts/{blind_attempt}/grades/",
        POST,
        by(API, 404, 404, 201, 404, 404, 404),
        GRADE,
        note="assessor: their own second, blind grade",
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/",
        "/api/v1/assessment/grades/{second_grade}/",
        GET,
        by(API, 404, 404, 200, 404, 404, 404),
        GRADE,
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/",
        "/api/v1/assessment/grades/{blind_grade}/",
        GET,
        by(API, 404, 404, 404, 404, 404, 404),
        BLIND_GRADE,
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/",
        "/api/v1/assessment/grades/{blind_grade}/",
        PATCH,
        by(API, 404, 404, 404, 404, 404, 404),
        BLIND_GRADE,
        body={},
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/overrides/",
        "/api/v1/assessment/grades/{blind_grade}/overrides/",
        POST,
        by(API, 404, 404, 404, 404, 404, 404),
        BLIND_GRADE,
        body={},
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/override-preview/",
        "/api/v1/assessment/grades/{blind_grade}/override-preview/",
        POST,
        by(API, 404, 404, 404, 404, 404, 404),
        BLIND_GRADE,
        body={"line_key": "1", "new_verdict": "missing"},
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/correction/",
        "/api/v1/assessment/grades/{blind_grade}/correction/",
        POST,
        by(API, 404, 404, 404, 404, 404, 404),
        BLIND_GRADE,
        body={"reason": "Matrix: correctie"},
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/rescore/",
        "/api/v1/assessment/grades/{blind_grade}/rescore/",
        POST,
        by(API, 404, 404, 404, 404, 404, 404),
        BLIND_GRADE,
        body={"reason": "Matrix: herberekening"},
    ),
    probe(
        "api/v1/assessment/attempts/<int:attempt_id>/result/",
        "/api/v1/assessment/attempts/{blind_attempt}/result/",
        GET,
        by(API, 404, 404, 404, 404, 404, 404),
        EXAM_RESULT,
    ),
    probe(
        "api/v1/assessment/attempts/<int:attempt_id>/result/",
        "/api/v1/assessment/attempts/{exam_attempt}/result/",
        GET,
        by(API, 200, 404, 200, 404, 404, 200),
        EXAM_RESULT,
    ),
    probe(
        "api/v1/assessment/reports/",
        "/api/v1/assessment/reports/",
        POST,
        by(API, 404, 404, 202, 404, 404, 404),
        EXAM_REPORT,
        body={"kind": "assessment", "grade": Ref("exam_grade")},
    ),
    probe(
        "api/v1/assessment/reports/<int:pk>/",
        "/api/v1/assessment/reports/{exam_report}/",
        GET,
        by(API, 404, 404, 200, 404, 404, 404),
        EXAM_REPORT,
    ),
    probe(
        "api/v1/assessment/reports/<int:pk>/download/",
        "/api/v1/assessment/reports/{exam_report}/download/",
        GET,
        by(API, 404, 404, 200, 404, 404, 404),
        EXAM_REPORT,
    ),
    probe(
        "api/v1/assessment/cohorts/<int:cohort_id>/grades.csv",
        "/api/v1/assessment/cohorts/{exam_cohort}/grades.csv",
        GET,
        by(API, 404, 404, 200, 404, 404, 200),
        COHORT,
    ),
    # --- content, accounts and the API's documentation ----------------------------------------
    probe("api/v1/competence-profile/", "/api/v1/competence-profile/", GET, everyone(200), PUBLIC),
    # The profile as CASE 1.1 (issue #18 item 3): public like the profile itself, read-only.
    probe(
        "api/v1/case/ims/case/v1p1/CFPackages/<str:identifier>",
        f"/api/v1/case/ims/case/v1p1/CFPackages/{CASE_DOCUMENT}",
        GET,
        everyone(200),
        PUBLIC,
    ),
    probe(
        "api/v1/case/ims/case/v1p1/CFDocuments",
        "/api/v1/case/ims/case/v1p1/CFDocuments",
        GET,
        everyone(200),
        PUBLIC,
    ),
    probe(
        "api/v1/case/ims/case/v1p1/CFDocuments/<str:identifier>",
        f"/api/v1/case/ims/case/v1p1/CFDocuments/{CASE_DOCUMENT}",
        GET,
        everyone(200),
        PUBLIC,
    ),
    probe(
        "api/v1/case/ims/case/v1p1/CFItems/<str:identifier>",
        f"/api/v1/case/ims/case/v1p1/CFItems/{CASE_WORK_PROCESS}",
        GET,
        everyone(200),
        PUBLIC,
    ),
    probe(
        "api/v1/case/ims/case/v1p1/CFAssociations/<str:identifier>",
        f"/api/v1/case/ims/case/v1p1/CFAssociations/{CASE_ASSOCIATION}",
        GET,
        everyone(200),
        PUBLIC,
    ),
    probe(
        "api/v1/case/ims/case/v1p1/CFItemAssociations/<str:identifier>",
        f"/api/v1/case/ims/case/v1p1/CFItemAssociations/{CASE_WORK_PROCESS}",
        GET,
        everyone(200),
        PUBLIC,
    ),
    probe(
        "api/v1/content/coverage/",
        "/api/v1/content/coverage/",
        GET,
        by(API, 403, 403, 403, 403, 200, 200),
        EDITORIAL,
    ),
    # Coverage of the profile, practised in / assessed by (issue #16 item 5): the people who
    # make, mark and oversee the material (editors, any assessor, the exam board, the admin);
    # no trainee. It names no one's work.
    probe(
        "beoordeling/dekking/",
        "/beoordeling/dekking/",
        GET,
        by(LOGIN, 403, 403, 200, 200, 200, 200),
        EDITORIAL,
    ),
    probe(
        "api/v1/assessment/coverage/",
        "/api/v1/assessment/coverage/",
        GET,
        by(API, 403, 403, 200, 200, 200, 200),
        EDITORIAL,
    ),
    probe("api/v1/pages/", "/api/v1/pages/", GET, everyone(200), PUBLIC),
    probe("api/v1/pages/<int:pk>/", "/api/v1/pages/{page}/", GET, everyone(200), PUBLIC),
    probe(
        "api/v1/pages/<int:pk>/",
        "/api/v1/pages/{private_page}/",
        GET,
        by(404, 404, 404, 200, 404, 200, 200),
        ASSESSOR_ONLY_PAGE,
        note="Wagtail's pages API applies the page's privacy, as the page itself does",
    ),
    probe(
        "api/v1/pages/find/", "/api/v1/pages/find/?html_path={page_url}", GET, everyone(302), PUBLIC
    ),
    probe(
        "api/v1/pages/find/",
        "/api/v1/pages/find/?html_path={private_url}",
        GET,
        by(404, 404, 404, 302, 404, 302, 302),
        ASSESSOR_ONLY_PAGE,
    ),
    probe("api/v1/auth/login/", "/api/v1/auth/login/", GET, everyone(405), PUBLIC),
    probe("api/v1/auth/login/", "/api/v1/auth/login/", POST, everyone(400), PUBLIC, body={}),
    probe("api/v1/auth/logout/", "/api/v1/auth/logout/", GET, users(API, 405), OWN),
    probe("api/v1/auth/logout/", "/api/v1/auth/logout/", POST, users(API, 204), OWN),
    probe("^api/", "/api/v1/attempts/-5/", GET, everyone(404), PUBLIC, note="no such route"),
    probe("^api/", "/api/v1/bestaat-niet/", POST, everyone(404), PUBLIC, body={}),
    probe("api/schema/", "/api/schema/", GET, everyone(200), PUBLIC),
    probe("api/docs/", "/api/docs/", GET, everyone(200), PUBLIC),
    probe("api/redoc/", "/api/redoc/", GET, everyone(200), PUBLIC),
    # --- a trainee in cohorts of two organisations: the attempt filed in A ---------------------
    # cursist_ab_matrix is in the owner's cohort (organisation A) and in organisation B's cohort,
    # which `outsider` assesses; the attempt is filed in A. Who sees it follows that cohort: the
    # owner's cohort's assessor and the administrator, never B's assessor (nor the owner, a
    # colleague here). CROSS_MARKER (its intake) and the trainee's name are in World.secrets.
    *[
        probe(route, path, GET, by(anon, 404, 404, 200, 404, 404, 200), ATTEMPT, note=note)
        for route, path, anon, note in (
            ("casussen/pogingen/<int:pk>/", "/casussen/pogingen/{cross_attempt}/", LOGIN, ""),
            (
                "casussen/pogingen/<int:pk>/calculatie/",
                "/casussen/pogingen/{cross_attempt}/calculatie/",
                LOGIN,
                "",
            ),
            (
                "casussen/pogingen/<int:pk>/calculatie/versies/",
                "/casussen/pogingen/{cross_attempt}/calculatie/versies/",
                LOGIN,
                "",
            ),
            ("api/v1/attempts/<int:pk>/", "/api/v1/attempts/{cross_attempt}/", API, ""),
            (
                "api/v1/attempts/<int:pk>/timeline/",
                "/api/v1/attempts/{cross_attempt}/timeline/",
                API,
                "",
            ),
            (
                "api/v1/attempts/<int:pk>/calculation/",
                "/api/v1/attempts/{cross_attempt}/calculation/",
                API,
                "",
            ),
            (
                "api/v1/attempts/<int:pk>/calculation/versions/<int:number>/",
                "/api/v1/attempts/{cross_attempt}/calculation/versions/{cross_version_number}/",
                API,
                "",
            ),
            (
                "beoordeling/poging/<int:attempt_id>/resultaat/",
                "/beoordeling/poging/{cross_attempt}/resultaat/",
                LOGIN,
                "",
            ),
        )
    ],
    probe(
        "beoordeling/cijfer/<int:pk>/",
        "/beoordeling/cijfer/{cross_grade}/",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 404),
        GRADE,
        note="two organisations: the grade of the attempt filed in A",
    ),
    probe(
        "api/v1/assessment/grades/<int:pk>/",
        "/api/v1/assessment/grades/{cross_grade}/",
        GET,
        by(API, 404, 404, 200, 404, 404, 404),
        GRADE,
    ),
    probe(
        "api/v1/assessment/attempts/<int:attempt_id>/grades/",
        "/api/v1/assessment/attempts/{cross_attempt}/grades/",
        POST,
        by(API, 404, 404, 400, 404, 404, 404),
        GRADE,
        note="B's assessor cannot start grading it (assessor: 400, signed already)",
    ),
    probe(
        "beoordeling/rapport/<int:pk>/",
        "/beoordeling/rapport/{cross_report}/",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 404),
        REPORT,
    ),
    probe(
        "api/v1/assessment/reports/<int:pk>/download/",
        "/api/v1/assessment/reports/{cross_report}/download/",
        GET,
        by(API, 404, 404, 200, 404, 404, 404),
        REPORT,
    ),
    probe(
        "beoordeling/rapport/calculatie/<int:version_id>/",
        "/beoordeling/rapport/calculatie/{cross_version_id}/",
        POST,
        by(LOGIN, 404, 404, 302, 404, 404, 302),
        REPORT,
        body={},
        note="a printout of the attempt filed in A: not for B's assessor",
    ),
    # --- exam forms, blueprints, Angoff (issue #15): pages -----------------------------------
    probe(
        "beoordeling/examencommissie/",
        "/beoordeling/examencommissie/",
        GET,
        by(LOGIN, 404, 404, 200, 200, 404, 200),
        EXAM_FORM,
        note="the forms the user sees: the board all, an assessor those of their cohorts",
    ),
    probe(
        "beoordeling/examencommissie/toetsmatrijzen/",
        "/beoordeling/examencommissie/toetsmatrijzen/",
        GET,
        by(LOGIN, 404, 404, 404, 404, 404, 200),
        EXAM_FORM,
    ),
    probe(
        "beoordeling/examencommissie/toetsmatrijzen/nieuw/",
        "/beoordeling/examencommissie/toetsmatrijzen/nieuw/",
        GET,
        by(LOGIN, 404, 404, 404, 404, 404, 200),
        EXAM_FORM,
    ),
    probe(
        "beoordeling/examencommissie/toetsmatrijzen/nieuw/",
        "/beoordeling/examencommissie/toetsmatrijzen/nieuw/",
        POST,
        by(LOGIN, 404, 404, 404, 404, 404, 400),
        EXAM_FORM,
        body={},
        note="admin: refused, no title and no weight",
    ),
    probe(
        "beoordeling/examencommissie/toetsmatrijzen/<int:pk>/",
        "/beoordeling/examencommissie/toetsmatrijzen/{blueprint}/",
        GET,
        by(LOGIN, 404, 404, 404, 404, 404, 200),
        EXAM_FORM,
    ),
    probe(
        "beoordeling/examencommissie/toetsmatrijzen/<int:pk>/",
        "/beoordeling/examencommissie/toetsmatrijzen/{blueprint}/",
        POST,
        by(LOGIN, 404, 404, 404, 404, 404, 400),
        EXAM_FORM,
        body={},
    ),
    probe(
        "beoordeling/examencommissie/examenvormen/nieuw/",
        "/beoordeling/examencommissie/examenvormen/nieuw/",
        GET,
        by(LOGIN, 404, 404, 404, 404, 404, 200),
        EXAM_FORM,
    ),
    probe(
        "beoordeling/examencommissie/examenvormen/nieuw/",
        "/beoordeling/examencommissie/examenvormen/nieuw/",
        POST,
        by(LOGIN, 404, 404, 404, 404, 404, 400),
        EXAM_FORM,
        body={},
    ),
    probe(
        "beoordeling/examencommissie/examenvormen/<int:pk>/",
        "/beoordeling/examencommissie/examenvormen/{exam_form}/",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 200),
        EXAM_FORM,
        note="assessor: of the form's exam cohort (read-only)",
    ),
    probe(
        "beoordeling/examencommissie/examenvormen/<int:pk>/kwaliteitsrapport.pdf",
        "/beoordeling/examencommissie/examenvormen/{exam_form}/kwaliteitsrapport.pdf",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 200),
        EXAM_FORM,
    ),
    probe(
        "beoordeling/examencommissie/examenvormen/<int:pk>/angoff/",
        "/beoordeling/examencommissie/examenvormen/{exam_form}/angoff/",
        GET,
        users(LOGIN, 405),
        EXAM_FORM,
    ),
    probe(
        "beoordeling/examencommissie/examenvormen/<int:pk>/angoff/",
        "/beoordeling/examencommissie/examenvormen/{exam_form}/angoff/",
        POST,
        by(LOGIN, 404, 404, 404, 404, 404, 400),
        EXAM_FORM,
        body={},
        note="admin: refused, no judges chosen",
    ),
    probe(
        "beoordeling/examencommissie/angoff/<int:pk>/",
        "/beoordeling/examencommissie/angoff/{angoff_study}/",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 200),
        EXAM_FORM,
        note="assessor: one of the study's judges",
    ),
    probe(
        "beoordeling/examencommissie/angoff/<int:pk>/",
        "/beoordeling/examencommissie/angoff/{angoff_study}/",
        POST,
        by(LOGIN, 404, 404, 400, 404, 404, 404),
        EXAM_FORM,
        body={},
        note="assessor: a judge, but the study is closed; admin: sees it, but is no judge",
    ),
    probe(
        "beoordeling/examencommissie/angoff/<int:pk>/sluiten/",
        "/beoordeling/examencommissie/angoff/{angoff_study}/sluiten/",
        POST,
        by(LOGIN, 404, 404, 404, 404, 404, 400),
        EXAM_FORM,
        body={},
        note="admin: refused, the study is closed already",
    ),
    probe(
        "beoordeling/examencommissie/angoff/<int:pk>/vaststellen/",
        "/beoordeling/examencommissie/angoff/{angoff_study}/vaststellen/",
        POST,
        by(LOGIN, 404, 404, 404, 404, 404, 302),
        EXAM_FORM,
        body={},
        note="admin: adopts the same cut score again (recorded)",
    ),
    # --- exam forms, blueprints, Angoff: API ---------------------------------------------------
    probe(
        "api/v1/assessment/exam-forms/",
        "/api/v1/assessment/exam-forms/",
        GET,
        by(API, 404, 404, 200, 200, 404, 200),
        EXAM_FORM,
        note="outsider: an assessor, with an empty list",
    ),
    probe(
        "api/v1/assessment/exam-forms/<int:pk>/",
        "/api/v1/assessment/exam-forms/{exam_form}/",
        GET,
        by(API, 404, 404, 200, 404, 404, 200),
        EXAM_FORM,
    ),
    probe(
        "api/v1/assessment/exam-forms/blueprints/",
        "/api/v1/assessment/exam-forms/blueprints/",
        GET,
        by(API, 404, 404, 404, 404, 404, 200),
        EXAM_FORM,
    ),
    probe(
        "api/v1/assessment/exam-forms/blueprints/",
        "/api/v1/assessment/exam-forms/blueprints/",
        POST,
        by(API, 404, 404, 404, 404, 404, 400),
        EXAM_FORM,
        body={},
    ),
    probe(
        "api/v1/assessment/exam-forms/blueprints/<int:pk>/",
        "/api/v1/assessment/exam-forms/blueprints/{blueprint}/",
        GET,
        by(API, 404, 404, 404, 404, 404, 200),
        EXAM_FORM,
    ),
    probe(
        "api/v1/assessment/exam-forms/blueprints/<int:pk>/",
        "/api/v1/assessment/exam-forms/blueprints/{blueprint}/",
        PUT,
        by(API, 404, 404, 404, 404, 404, 400),
        EXAM_FORM,
        body={},
    ),
    probe(
        "api/v1/assessment/exam-forms/angoff/<int:pk>/",
        "/api/v1/assessment/exam-forms/angoff/{angoff_study}/",
        GET,
        by(API, 404, 404, 200, 404, 404, 200),
        EXAM_FORM,
    ),
    probe(
        "api/v1/assessment/exam-forms/angoff/<int:pk>/judgements/",
        "/api/v1/assessment/exam-forms/angoff/{angoff_study}/judgements/",
        PUT,
        by(API, 404, 404, 400, 404, 404, 403),
        EXAM_FORM,
        body={"probabilities": {}},
        note="assessor: a judge, the study closed; admin: sees it, is no judge",
    ),
    probe(
        "api/v1/assessment/exam-forms/angoff/<int:pk>/close/",
        "/api/v1/assessment/exam-forms/angoff/{angoff_study}/close/",
        POST,
        by(API, 404, 404, 403, 404, 404, 400),
        EXAM_FORM,
        body={},
    ),
    probe(
        "api/v1/assessment/exam-forms/angoff/<int:pk>/adopt/",
        "/api/v1/assessment/exam-forms/angoff/{angoff_study}/adopt/",
        POST,
        by(API, 404, 404, 403, 404, 404, 200),
        EXAM_FORM,
        body={},
    ),
    # --- calibration of assessors (issue #15, item 2): pages ---------------------------------
    # Every assessor (the outsider too) grades the published sets; the administrator acts for
    # the exam board, which manages and sees everything but rates nothing (404 on a rating).
    probe(
        "beoordeling/kalibratie/",
        "/beoordeling/kalibratie/",
        GET,
        by(LOGIN, 404, 404, 200, 200, 404, 200),
        CALIBRATION,
    ),
    probe(
        "beoordeling/kalibratie/set/<int:pk>/",
        "/beoordeling/kalibratie/set/{calibration_set}/",
        GET,
        by(LOGIN, 404, 404, 200, 200, 404, 200),
        CALIBRATION,
    ),
    probe(
        "beoordeling/kalibratie/item/<int:pk>/",
        "/beoordeling/kalibratie/item/{calibration_item}/",
        GET,
        by(LOGIN, 404, 404, 200, 200, 404, 200),
        CALIBRATION,
        note="the attempt beside its reference, without the trainee's name",
    ),
    probe(
        "beoordeling/kalibratie/item/<int:pk>/",
        "/beoordeling/kalibratie/item/{calibration_item}/",
        POST,
        by(LOGIN, 404, 404, 400, 400, 404, 404),
        CALIBRATION,
        body={},
        note="an empty rating: refused with what was typed; the exam board does not rate",
    ),
    probe(
        "beoordeling/kalibratie/beheer/",
        "/beoordeling/kalibratie/beheer/",
        GET,
        by(LOGIN, 404, 404, 404, 404, 404, 200),
        CALIBRATION,
    ),
    probe(
        "beoordeling/kalibratie/beheer/",
        "/beoordeling/kalibratie/beheer/",
        POST,
        by(LOGIN, 404, 404, 404, 404, 404, 400),
        CALIBRATION,
        body={},
        note="a new exam period without dates: refused",
    ),
    probe(
        "beoordeling/kalibratie/beheer/periode/<int:pk>/",
        "/beoordeling/kalibratie/beheer/periode/{exam_period}/",
        GET,
        by(LOGIN, 404, 404, 404, 404, 404, 200),
        CALIBRATION,
        note="every assessor's calibration status",
    ),
    probe(
        "beoordeling/kalibratie/beheer/set/nieuw/",
        "/beoordeling/kalibratie/beheer/set/nieuw/",
        GET,
        by(LOGIN, 404, 404, 404, 404, 404, 200),
        CALIBRATION,
    ),
    probe(
        "beoordeling/kalibratie/beheer/set/nieuw/",
        "/beoordeling/kalibratie/beheer/set/nieuw/",
        POST,
        by(LOGIN, 404, 404, 404, 404, 404, 400),
        CALIBRATION,
        body={},
    ),
    probe(
        "beoordeling/kalibratie/beheer/set/<int:pk>/publiceren/",
        "/beoordeling/kalibratie/beheer/set/{calibration_set}/publiceren/",
        POST,
        by(LOGIN, 404, 404, 404, 404, 404, 302),
        CALIBRATION,
        body={},
        note="already published: published again, nothing changes",
    ),
    # --- calibration of assessors: API --------------------------------------------------------
    probe(
        "api/v1/assessment/calibration/sets/",
        "/api/v1/assessment/calibration/sets/",
        GET,
        by(API, 404, 404, 200, 200, 404, 200),
        CALIBRATION,
    ),
    probe(
        "api/v1/assessment/calibration/sets/create/",
        "/api/v1/assessment/calibration/sets/create/",
        POST,
        by(API, 403, 403, 403, 403, 403, 400),
        CALIBRATION,
        body={},
    ),
    probe(
        "api/v1/assessment/calibration/sets/<int:pk>/",
        "/api/v1/assessment/calibration/sets/{calibration_set}/",
        GET,
        by(API, 404, 404, 200, 200, 404, 200),
        CALIBRATION,
        note="an item's agreed grade only once the caller rated it",
    ),
    probe(
        "api/v1/assessment/calibration/sets/<int:pk>/publish/",
        "/api/v1/assessment/calibration/sets/{calibration_set}/publish/",
        POST,
        by(API, 404, 404, 403, 403, 404, 200),
        CALIBRATION,
        body={},
    ),
    probe(
        "api/v1/assessment/calibration/items/<int:pk>/rating/",
        "/api/v1/assessment/calibration/items/{calibration_item}/rating/",
        POST,
        by(API, 404, 404, 400, 400, 404, 400),
        CALIBRATION,
        body={},
    ),
    probe(
        "api/v1/assessment/calibration/results/",
        "/api/v1/assessment/calibration/results/",
        GET,
        by(API, 404, 404, 200, 200, 404, 200),
        OWN,
    ),
    probe(
        "api/v1/assessment/calibration/periods/<int:pk>/results/",
        "/api/v1/assessment/calibration/periods/{exam_period}/results/",
        GET,
        by(API, 404, 404, 404, 404, 404, 200),
        CALIBRATION,
    ),
    # --- agreement statistics and cohort analytics (issue #15, items 3, 6, 7) -----------------
    # A cohort's: its assessors and the exam board (here the admin); aggregates and numbered
    # attempts, no trainee named. A calibration set's: every assessor sees their own row, the
    # set's design (which names every assessor) is the exam board's alone.
    probe(
        "beoordeling/groep/<int:cohort_id>/overeenstemming/",
        "/beoordeling/groep/{cohort}/overeenstemming/",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 200),
        COHORT,
    ),
    probe(
        "beoordeling/groep/<int:cohort_id>/overeenstemming/<slug:criterion>.csv",
        "/beoordeling/groep/{cohort}/overeenstemming/score.csv",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 200),
        COHORT,
    ),
    probe(
        "beoordeling/groep/<int:cohort_id>/overeenstemming/",
        "/beoordeling/groep/{exam_cohort}/overeenstemming/",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 200),
        COHORT,
        note="an exam attempt counts once its agreed grade is determined (blind marking)",
    ),
    probe(
        "beoordeling/groep/<int:cohort_id>/analyse/",
        "/beoordeling/groep/{cohort}/analyse/",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 200),
        COHORT,
    ),
    probe(
        "beoordeling/groep/<int:cohort_id>/analyse/<slug:part>.csv",
        "/beoordeling/groep/{cohort}/analyse/heatmap.csv",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 200),
        COHORT,
    ),
    probe(
        "beoordeling/groep/<int:cohort_id>/analyse/",
        "/beoordeling/groep/{exam_cohort}/analyse/",
        GET,
        by(LOGIN, 404, 404, 200, 404, 404, 200),
        COHORT,
        note="totals only: nothing names a trainee, in exam mode neither",
    ),
    probe(
        "beoordeling/kalibratie/set/<int:set_id>/overeenstemming/",
        "/beoordeling/kalibratie/set/{calibration_set}/overeenstemming/",
        GET,
        by(LOGIN, 404, 404, 200, 200, 404, 200),
        CALIBRATION,
        note="an assessor: their own row only",
    ),
    probe(
        "beoordeling/kalibratie/set/<int:set_id>/overeenstemming/<slug:criterion>.csv",
        "/beoordeling/kalibratie/set/{calibration_set}/overeenstemming/score.csv",
        GET,
        by(LOGIN, 404, 404, 404, 404, 404, 200),
        CALIBRATION,
        note="the set's design names every assessor",
    ),
    probe(
        "api/v1/assessment/cohorts/<int:cohort_id>/agreement/",
        "/api/v1/assessment/cohorts/{cohort}/agreement/",
        GET,
        by(API, 404, 404, 200, 404, 404, 200),
        COHORT,
    ),
    probe(
        "api/v1/assessment/cohorts/<int:cohort_id>/agreement/<slug:criterion>.csv",
        "/api/v1/assessment/cohorts/{cohort}/agreement/score.csv",
        GET,
        by(API, 404, 404, 200, 404, 404, 200),
        COHORT,
    ),
    probe(
        "api/v1/assessment/cohorts/<int:cohort_id>/analytics/",
        "/api/v1/assessment/cohorts/{cohort}/analytics/",
        GET,
        by(API, 404, 404, 200, 404, 404, 200),
        COHORT,
    ),
    probe(
        "api/v1/assessment/cohorts/<int:cohort_id>/analytics/<slug:part>.csv",
        "/api/v1/assessment/cohorts/{cohort}/analytics/tijd.csv",
        GET,
        by(API, 404, 404, 200, 404, 404, 200),
        COHORT,
    ),
    probe(
        "api/v1/assessment/calibration/sets/<int:set_id>/agreement/",
        "/api/v1/assessment/calibration/sets/{calibration_set}/agreement/",
        GET,
        by(API, 404, 404, 200, 200, 404, 200),
        CALIBRATION,
    ),
    probe(
        "api/v1/assessment/calibration/sets/<int:set_id>/agreement/<slug:criterion>.csv",
        "/api/v1/assessment/calibration/sets/{calibration_set}/agreement/score.csv",
        GET,
        by(API, 404, 404, 404, 404, 404, 200),
        CALIBRATION,
    ),
    # --- Open Badges 3.0 (issue #18): public verification, the owner's downloads ---------------
    # --- the LTI 1.3 tool (issue #18, schadeplatform/lti/) ------------------------------------
    # Login initiation, launch and keys are public by nature: the LMS's signed messages are the
    # credentials (tests/lti/ runs them with a real platform library).
    probe("lti/jwks/", "/lti/jwks/", GET, everyone(200), PUBLIC),
    probe(
        "lti/aanmelden/<uuid:registration_uuid>/",
        "/lti/aanmelden/00000000-0000-0000-0000-000000000000/",
        GET,
        everyone(400),
        PUBLIC,
        note="no iss/target_link_uri: refused, names no registration",
    ),
    probe(
        "lti/aanmelden/<uuid:registration_uuid>/",
        "/lti/aanmelden/00000000-0000-0000-0000-000000000000/",
        POST,
        everyone(400),
        PUBLIC,
        body={
            "iss": "https://lms.example.test",
            "target_link_uri": "http://testserver/lti/lancering/",
        },
        note="an unregistered platform is refused (a target_link_uri not ours is too)",
    ),
    probe("lti/lancering/", "/lti/lancering/", GET, everyone(405), PUBLIC),
    probe(
        "lti/lancering/",
        "/lti/lancering/",
        POST,
        everyone(400),
        PUBLIC,
        body={"state": "x", "id_token": "a.b.c"},
        note="no valid id_token: refused, and nobody's session is ended",
    ),
    probe(
        "lti/activiteiten-kiezen/",
        "/lti/activiteiten-kiezen/",
        GET,
        everyone(403),
        PUBLIC,
        note="the choice comes from a deep-linking launch (its page posts the id): refused",
    ),
    probe(
        "lti/activiteiten-kiezen/",
        "/lti/activiteiten-kiezen/",
        POST,
        everyone(403),
        PUBLIC,
        body={"activity": "practice_variants"},
        note="no deep-linking launch of this browser (the form's launch id): refused",
    ),
    probe(
        "lti/registreren/<str:token>/",
        "/lti/registreren/geen-uitnodiging/",
        GET,
        everyone(404),
        PUBLIC,
        note="dynamic registration: only an administrator's unused, unexpired invitation",
    ),
    probe(
        "lti/registreren/<str:token>/",
        "/lti/registreren/geen-uitnodiging/?openid_configuration=https://lms.example.test/c",
        POST,
        everyone(404),
        PUBLIC,
        note="no invitation: the platform's configuration is not even fetched",
    ),
    probe("badges/uitgever/", "/badges/uitgever/", GET, everyone(200), PUBLIC),
    probe("badges/sleutels/", "/badges/sleutels/", GET, everyone(200), PUBLIC),
    probe("badges/status/<int:list_id>/", "/badges/status/1/", GET, everyone(200), PUBLIC),
    probe(
        "badges/prestatie/<slug:slug>/",
        "/badges/prestatie/{badge_rule}/",
        GET,
        everyone(200),
        PUBLIC,
    ),
    probe("badges/controle/", "/badges/controle/", GET, everyone(200), PUBLIC),
    probe(
        "badges/controle/",
        "/badges/controle/",
        POST,
        everyone(200),
        PUBLIC,
        body={"credential": ""},
        note="the form comes back with its error",
    ),
    probe(
        "badges/controle/json/",
        "/badges/controle/json/",
        POST,
        everyone(frozenset({200, 400})),
        PUBLIC,
        body={"credential": "geen.geldige.jws"},
        note="anyone checks a credential they hold; it names nobody",
    ),
    probe(
        "badges/controle/<uuid:credential_uuid>/",
        "/badges/controle/{badge_uuid}/",
        GET,
        everyone(200),
        PUBLIC,
        note="the owner's badge: public by design, names nobody (the e-mail address hashed)",
    ),
    probe(
        "badges/controle/<uuid:credential_uuid>.json",
        "/badges/controle/{badge_uuid}.json",
        GET,
        everyone(200),
        PUBLIC,
    ),
    probe("badges/mijn/", "/badges/mijn/", GET, users(LOGIN, 200), OWN),
    probe(
        "badges/<uuid:credential_uuid>/badge.json",
        "/badges/{badge_uuid}/badge.json",
        GET,
        by(LOGIN, 200, 404, 200, 404, 404, 200),
        BADGE_DOWNLOAD,
    ),
    probe(
        "badges/<uuid:credential_uuid>/badge.jwt",
        "/badges/{badge_uuid}/badge.jwt",
        GET,
        by(LOGIN, 200, 404, 200, 404, 404, 200),
        BADGE_DOWNLOAD,
    ),
    probe(
        "badges/<uuid:credential_uuid>/badge.png",
        "/badges/{badge_uuid}/badge.png",
        GET,
        by(LOGIN, 200, 404, 200, 404, 404, 200),
        BADGE_DOWNLOAD,
    ),
    probe(
        "badges/<uuid:credential_uuid>/intrekken/",
        "/badges/{badge_uuid}/intrekken/",
        GET,
        by(LOGIN, 404, 404, 404, 404, 404, 200),
        BADGE_REVOKE,
    ),
    probe(
        "badges/<uuid:credential_uuid>/intrekken/",
        "/badges/{badge_uuid}/intrekken/",
        POST,
        by(LOGIN, 404, 404, 404, 404, 404, 200),
        BADGE_REVOKE,
        body={"reason": ""},
        note="without a reason nothing is revoked: the form comes back with its error",
    ),
    # --- third-party areas with their own login: one row each ---------------------------------
    probe(
        "cms/",
        "/cms/",
        GET,
        by(LOGIN, *[frozenset({LOGIN, 403})] * 4, 200, 200),
        THIRD_PARTY,
        note="editor: in the group Redacteuren",
    ),
    probe(
        "django-admin/",
        "/django-admin/",
        GET,
        by(LOGIN, *[frozenset({LOGIN, 403})] * 4, 200, 200),
        THIRD_PARTY,
        note="editor: staff for Wagtail, but with no Django admin permission (see its rule)",
    ),
]
THIRD_PARTY_ROUTES = ("cms/", "django-admin/")


# ---------------------------------------------------------------------------------------------
# The key rules, as checks on the table: a row that loosens one of them fails
# test_the_table_keeps_the_security_rules, whatever the application answers.

HIDDEN = frozenset({404, 405})  # not found (or the method is wrong before anything is looked up)
REFUSED = frozenset({LOGIN, 401, 403, 404, 405})


def _only(probe: Probe, roles: tuple[str, ...], allowed: frozenset) -> list[str]:
    return [
        f"{probe.label}: {role} may get {sorted(map(str, probe.expect[role]))}"
        for role in roles
        if not probe.expect[role] <= allowed
    ]


def rule_a_trainee_never_sees_another_trainees_work(probe: Probe) -> list[str]:
    """cursist1's attempt, calculation, grade, result, report, progress, cohort: 404 to cursist2."""
    return _only(probe, ("colleague",), HIDDEN) if probe.subject in OWNER_WORK else []


def rule_an_assessor_of_another_cohort_never_sees_this_cohorts_work(probe: Probe) -> list[str]:
    return _only(probe, ("outsider",), HIDDEN) if probe.subject in OWNER_WORK else []


def rule_an_editor_sees_nobodys_work(probe: Probe) -> list[str]:
    return _only(probe, ("editor",), HIDDEN) if probe.subject in OWNER_WORK else []


def rule_a_trainee_never_reaches_a_grade(probe: Probe) -> list[str]:
    """The grade holds the machine's result against the reference calculation: a trainee sees
    only the signed result (RESULT, REPORT), never the grade itself. That no answer to a trainee
    holds the reference is checked on the answers (REFERENCE_MARKER in World.secrets)."""
    grades = (GRADE, BLIND_GRADE)
    return _only(probe, ("owner", "colleague"), HIDDEN) if probe.subject in grades else []


def rule_in_exam_mode_the_first_grade_stays_blind(probe: Probe) -> list[str]:
    """Until both blind grades are signed, the examiner's grade is the examiner's alone: the
    second assessor (the cohort's `assessor` here) and the administrator get 404 as well. That
    its comment is in no answer is checked on the answers (BLIND_MARKER in World.secrets)."""
    return _only(probe, ROLES[1:], HIDDEN) if probe.subject == BLIND_GRADE else []


def rule_in_exam_mode_a_trainee_gets_no_assessment_report(probe: Probe) -> list[str]:
    """The report shows the reference lines and the verdicts, which exam mode keeps from the
    trainee; the signed result without them is all the owner gets (EXAM_RESULT)."""
    return _only(probe, ("owner", "colleague"), HIDDEN) if probe.subject == EXAM_REPORT else []


def rule_assessor_only_material_stays_with_its_groups(probe: Probe) -> list[str]:
    """The assessor-only module and its documents: 404 to trainees and to an assessor outside
    the group Beoordelaars (an anonymous visitor is sent to the login page, rule below)."""
    if probe.subject not in (ASSESSOR_ONLY_PAGE, ASSESSOR_ONLY_DOCUMENT):
        return []
    return _only(probe, ("owner", "colleague", "outsider"), HIDDEN)


def rule_grading_overrides_and_sign_off_only_by_assessors(probe: Probe) -> list[str]:
    if probe.subject != GRADE or not probe.is_write:
        return []
    others = tuple(role for role in ROLES if role != "assessor")
    problems = _only(probe, others, REFUSED)
    if not probe.expect["assessor"] - HIDDEN:
        problems.append(f"{probe.label}: the cohort's assessor cannot reach it")
    return problems


def rule_an_anonymous_visitor_gets_nothing_but_public_things(probe: Probe) -> list[str]:
    if probe.subject == PUBLIC:
        return []
    # the public pages API hides a private page from an anonymous visitor: 404 says no more
    refused = frozenset({LOGIN}) if not probe.is_api else API | {404}
    return _only(probe, ("anonymous",), refused)


def rule_nothing_answers_a_server_error(probe: Probe) -> list[str]:
    return [
        f"{probe.label}: {role} may get a server error"
        for role, cell in probe.expect.items()
        if any(isinstance(code, int) and code >= 500 for code in cell)
    ]


SECURITY_RULES = (
    rule_a_trainee_never_sees_another_trainees_work,
    rule_an_assessor_of_another_cohort_never_sees_this_cohorts_work,
    rule_an_editor_sees_nobodys_work,
    rule_a_trainee_never_reaches_a_grade,
    rule_in_exam_mode_the_first_grade_stays_blind,
    rule_in_exam_mode_a_trainee_gets_no_assessment_report,
    rule_assessor_only_material_stays_with_its_groups,
    rule_grading_overrides_and_sign_off_only_by_assessors,
    rule_an_anonymous_visitor_gets_nothing_but_public_things,
    rule_nothing_answers_a_server_error,
)


def rule_violations(probes: list[Probe]) -> list[str]:
    return [problem for probe in probes for rule in SECURITY_RULES for problem in rule(probe)]
