"""Demo cases: the seeded damage cases trainees practise on (`cases/demo_cases/*.json`).

`load(stdout)` creates every case with one published version, its competence-profile tags and
its photos. It is idempotent: a case whose latest published version already holds exactly the
file's content (photos included) is left alone; a changed file becomes a new published version,
never an edit of a frozen one (attempts keep pointing at the version they started on).

Photos are stored once in the private storage (served only through `cases.photo_views`, as
every case photo: a hidden-damage photo is not for the trainee before it is revealed), under
`cases/demo/<random folder>/<file>-<hash of its content>.<ext>`. The random folder makes the
name unguessable although the files are in the repository; the hash in the readable part lets
a re-run (or a new version of the same case) find and reuse the stored file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any, TextIO

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction

from calcengine.catalogue import get_rate_set, get_vehicle
from content.models import CompetenceArea, KnowledgeItem, TradeOff, WorkProcess
from schadeplatform.accounts.models import Role, User
from schadeplatform.private_files import private, unguessable_name

from .calc_review.demo import load as load_calc_reviews
from .demo_files import PHOTO_DIR, demo_cases
from .models import Case, CasePhoto, CaseVersion, CaseVersionStatus, PhotoStage
from .models.case import FROZEN_FIELDS
from .paint_drill.demo import load as load_paint_drills
from .services import case_version_new_draft, case_version_publish, case_version_update
from .workshop_day.demo import load as load_workshop_days

STORAGE_PREFIX = "cases/demo"


@dataclass(frozen=True)
class PhotoSpec:
    stage: str
    sort_order: int
    file: str
    caption: str
    zone: str

    @property
    def storage_name(self) -> str:
        """The readable last part of the stored name (the folder before it is random)."""
        content = (PHOTO_DIR / self.file).read_bytes()
        digest = hashlib.sha256(content).hexdigest()[:12]
        stem, _, suffix = self.file.rpartition(".")
        return f"{stem}-{digest}.{suffix}"


def version_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The frozen content of a case version, exactly as the file gives it.

    The vehicle and rates snapshots are the reference pre-calculation's blocks: the catalogue
    data the case was written against, so a later catalogue update does not move the case.
    """
    vehicle = get_vehicle(data["vehicle_id"])
    rate_set = get_rate_set(data["rate_set_id"])
    precalc = data["reference_precalc"]
    fields = {
        "tariff_date": max(vehicle.tariff_date, rate_set.tariff_date),
        "start_date": date.fromisoformat(data["start_date"]),
        "briefing": data["briefing"],
        "vehicle_id": data["vehicle_id"],
        "vehicle_snapshot": precalc["vehicle"],
        "rate_set_id": data["rate_set_id"],
        "rates_snapshot": precalc["rates"],
        "payer_name": data["payer_name"],
        "payer_rules": data["payer_rules"],
        "customer": data["customer"],
        "arrival": data["arrival"],
        "hv_facts": data.get("hv_facts"),
        "expected_hv_judgement": data.get("expected_hv_judgement") or None,
        "hv_fact_sources": data.get("hv_fact_sources") or {},
        "hv_answers": data.get("hv_answers") or {},
        "expert_reasons": data.get("expert_reasons") or [],
        "expected_damage_zones": data.get("expected_damage_zones", []),
        "hidden_damage": data.get("hidden_damage", {}),
        "parts_lead_times": data.get("parts_lead_times", {}),
        "subcontract_options": data.get("subcontract_options", []),
        "vsi_notes": data.get("vsi_notes", []),
        "reference_precalc": precalc,
        "reference_final": data.get("reference_final", {}),
        "expected_decisions": data["expected_decisions"],
        "delivery_checklist": data.get("delivery_checklist", []),
        "delivery_findings": data.get("delivery_findings", []),
        "structural_damage_wok": bool(data.get("structural_damage_wok", False)),
        "is_total_loss": bool(data.get("is_total_loss", False)),
        "exam_only": bool(data.get("exam_only", False)),
    }
    # A frozen field added to the model later keeps its default (or, in a new version, the
    # previous version's value) until the case files say otherwise.
    return {name: value for name, value in fields.items() if name in FROZEN_FIELDS}


def photo_specs(data: dict[str, Any]) -> list[PhotoSpec]:
    visible = [
        PhotoSpec(PhotoStage.VISIBLE, n, p["file"], p.get("caption", ""), p.get("zone", ""))
        for n, p in enumerate(data.get("photos", []))
    ]
    hidden = [
        PhotoSpec(PhotoStage.HIDDEN, n, p["file"], p.get("caption", ""), p.get("zone", ""))
        for n, p in enumerate((data.get("hidden_damage") or {}).get("photos", []))
    ]
    delivery = [
        PhotoSpec(PhotoStage.DELIVERY, n, p["file"], p.get("caption", ""), p.get("zone", ""))
        for n, p in enumerate(
            f["photo"] for f in data.get("delivery_findings", []) if f.get("photo")
        )
    ]
    return visible + hidden + delivery


def _stored_photos(version: CaseVersion) -> list[tuple[str, int, str, str, str]]:
    return sorted(
        (p.stage, p.sort_order, PurePosixPath(p.image.name).name, p.caption, p.zone)
        for p in version.photos.all()
    )


def _wanted_photos(specs: list[PhotoSpec]) -> list[tuple[str, int, str, str, str]]:
    return sorted((s.stage, s.sort_order, s.storage_name, s.caption, s.zone) for s in specs)


def _same_content(version: CaseVersion, fields: dict[str, Any], specs: list[PhotoSpec]) -> bool:
    stored = {name: getattr(version, name) for name in fields}
    return stored == fields and _stored_photos(version) == _wanted_photos(specs)


def _stored_demo_files() -> dict[str, str]:
    """Readable name → stored name of the demo photos already in the private storage."""
    names = CasePhoto.objects.filter(image__startswith=f"{STORAGE_PREFIX}/").values_list(
        "image", flat=True
    )
    return {PurePosixPath(name).name: name for name in set(names) if private.exists(name)}


def _store_photo(spec: PhotoSpec, stored: dict[str, str]) -> str:
    leaf = spec.storage_name
    if leaf not in stored:
        content = ContentFile((PHOTO_DIR / spec.file).read_bytes())
        stored[leaf] = private.save(unguessable_name(STORAGE_PREFIX, leaf), content)
    return stored[leaf]


def _attach_photos(version: CaseVersion, specs: list[PhotoSpec]) -> None:
    # Looked up before the delete below: the draft's copied photos may hold the only reference.
    stored = _stored_demo_files()
    # A new draft starts with the previous version's photos; the file decides what it holds.
    version.photos.all().delete()
    CasePhoto.objects.bulk_create(
        CasePhoto(
            case_version=version,
            image=_store_photo(spec, stored),
            caption=spec.caption,
            zone=spec.zone,
            stage=spec.stage,
            sort_order=spec.sort_order,
        )
        for spec in specs
    )


def _ensure_taxonomy(stdout: TextIO) -> None:
    """The tags point at the competence profile that content's demo loader imports first;
    when those rows are missing (content loaded without it), import the profile here."""
    if WorkProcess.objects.exists() and TradeOff.objects.exists():
        return
    call_command("import_competence_profile", stdout=stdout)


def _set_tags(case: Case, tags: dict[str, list[str]], stdout: TextIO) -> None:
    wanted = {
        "work_processes": (WorkProcess, "code", tags.get("work_processes", [])),
        "knowledge_items": (KnowledgeItem, "code", tags.get("knowledge_items", [])),
        "competence_areas": (CompetenceArea, "slug", tags.get("competence_areas", [])),
        "trade_offs": (TradeOff, "slug", tags.get("trade_offs", [])),
    }
    for relation, (model, key, values) in wanted.items():
        rows = list(model.objects.filter(**{f"{key}__in": values}))
        found = {getattr(row, key) for row in rows}
        missing = [value for value in values if value not in found]
        if missing:
            stdout.write(
                f"Waarschuwing: {case.slug}: onbekende {relation} {', '.join(missing)} overgeslagen.\n"
            )
        getattr(case, relation).set(rows)


def _author() -> User | None:
    return User.objects.filter(role=Role.ADMIN).order_by("pk").first()


def load_case(data: dict[str, Any], *, by: User | None, stdout: TextIO) -> str:
    """Create or update one demo case; returns what happened, in Dutch, for the log."""
    case, created = Case.objects.get_or_create(
        slug=data["slug"], defaults={"title": data["title"], "summary": data["summary"]}
    )
    if not created and (case.title, case.summary) != (data["title"], data["summary"]):
        case.title, case.summary = data["title"], data["summary"]
        case.save(update_fields=["title", "summary"])
    _set_tags(case, data.get("tags", {}), stdout)

    fields = version_fields(data)
    specs = photo_specs(data)
    latest = case.versions.order_by("-number").first()
    published = case.versions.filter(status=CaseVersionStatus.PUBLISHED).order_by("-number").first()
    if published is not None and published == latest and _same_content(published, fields, specs):
        return "ongewijzigd"
    if latest is not None and not latest.is_published:
        # An editor's draft is never overwritten by the demo data.
        return f"overgeslagen: conceptversie {latest.number} is in bewerking"

    with transaction.atomic():
        if latest is None:
            draft = CaseVersion.objects.create(case=case, number=1, created_by=by, **fields)
        else:
            draft = case_version_new_draft(case=case, by=by)
            draft = case_version_update(version=draft, by=by, **fields)
        _attach_photos(draft, specs)
        case_version_publish(version=draft, by=by)
    return f"versie {draft.number} gepubliceerd"


def load(stdout: TextIO) -> None:
    _ensure_taxonomy(stdout)
    by = _author()
    stdout.write("Democasussen:\n")
    for data in demo_cases():
        outcome = load_case(data, by=by, stdout=stdout)
        stdout.write(f"  {data['slug']:<34} {outcome}\n")
    load_paint_drills(stdout)
    load_calc_reviews(stdout)
    load_workshop_days(stdout)
