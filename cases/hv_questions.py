"""The customer-question catalogue: every question a trainee may ask the customer (move
`ask_customer`, event `customer_asked`), in any case, and what each answer reveals.

- The HV questions reveal an HV fact (`cases.hv.HV_FACTS`). The HV facts of a case are not told in
  its briefing: the trainee finds them by asking (the customer's answers are the case's
  `hv_answers`) and by inspecting the intake photos (`hv_fact_sources`, cases/README.md "HV facts
  are found"). A question that reveals nothing (`reveals=None`) is a fair question a
  professional might ask; it does not count as a source. A question the case gives no answer to
  gets `DEFAULT_ANSWER`.
- The VAT-status question (`VAT_STATUS`) is answered from the case's customer block, the one
  owner of that fact (`customer.kind`, `customer.deducts_vat`): the customer's own words where
  the case writes them (`customer.vat_status_question.answer`), a general answer otherwise. The
  brief shows the customer's kind only once it is asked (`cases.liability_claim.vat_status_known`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.utils.translation import gettext_lazy as _

from .hv import HV_FACTS


@dataclass(frozen=True)
class HvQuestion:
    key: str
    text: Any  # lazy Dutch text
    reveals: str | None  # an HV fact key, or None
    hv: bool = True  # an HV intake question (answered from `hv_answers`)


VAT_STATUS = "vat_status"


HV_QUESTIONS: dict[str, HvQuestion] = {
    q.key: q
    for q in (
        HvQuestion("airbags", _("Zijn er bij de aanrijding airbags afgegaan?"), "airbags_fired"),
        HvQuestion(
            "warning_lights",
            _("Brandden er na de aanrijding waarschuwingslampjes of meldingen op het dashboard?"),
            "warning_lights",
        ),
        HvQuestion(
            "smell_or_smoke",
            _(
                "Zag u rook, of rook u iets (een brandlucht, een zoete geur), of voelde iets "
                "warm aan?"
            ),
            "smell_or_heat",
        ),
        HvQuestion(
            "underbody_hit",
            _(
                "Heeft de onderkant van de auto iets geraakt (stoeprand, paal, drempel, iets op "
                "de weg)?"
            ),
            "battery_housing_damaged",
        ),
        HvQuestion("drives_normally", _("Rijdt de auto nog normaal?"), None),
        HvQuestion(
            "last_charged", _("Wanneer is de auto voor het laatst geladen of getankt?"), None
        ),
        HvQuestion("anyone_injured", _("Is er iemand gewond geraakt?"), None),
        HvQuestion("towed", _("Is de auto gesleept of bent u er zelf mee gekomen?"), None),
        HvQuestion(
            VAT_STATUS,
            _("Staat de auto op naam van een bedrijf, en verrekent u de btw op de autokosten?"),
            None,
            hv=False,
        ),
    )
}
# The catalogue by its honest name; `HV_QUESTIONS` stays the name the HV code imports.
CUSTOMER_QUESTIONS = HV_QUESTIONS

DEFAULT_ANSWER = _("Dat weet ik niet.")

assert all(q.reveals in (None, *HV_FACTS) for q in HV_QUESTIONS.values())


def answer_to(hv_answers: dict[str, Any] | None, key: str) -> str:
    """The customer's answer to HV catalogue question `key` in this case."""
    answer = str((hv_answers or {}).get(key) or "").strip()
    return answer or str(DEFAULT_ANSWER)


def vat_status_answer(customer: dict[str, Any] | None) -> str:
    """The customer's answer to the VAT-status question, from the case's customer block."""
    customer = customer or {}
    written = customer.get("vat_status_question")
    if isinstance(written, dict) and str(written.get("answer") or "").strip():
        return str(written["answer"]).strip()
    if customer.get("kind") == "business":
        if customer.get("deducts_vat"):
            return str(_("De auto staat op de zaak en ik verreken de btw op de autokosten."))
        return str(_("De auto staat op de zaak, maar ik verreken geen btw."))
    return str(_("Het is mijn privéauto; ik verreken geen btw."))


def customer_answer(version: Any, key: str) -> str:
    """The customer's answer to catalogue question `key` in this case version."""
    if key == VAT_STATUS:
        return vat_status_answer(getattr(version, "customer", None))
    return answer_to(getattr(version, "hv_answers", None), key)


_CONTENT_HASH = re.compile(r"-[0-9a-f]{12}(\.[A-Za-z0-9]+)$")


def readable_photo_name(stored_name: str) -> str:
    """A stored photo's file name as the case file names it: the last part of the stored name
    (its folder is random, cases.models.case_photo_path) without the content hash the demo
    loader adds (`cases.demo.PhotoSpec.storage_name`, "niro-underbody-0123456789ab.png")."""
    return _CONTENT_HASH.sub(r"\1", PurePosixPath(stored_name).name)


def intake_photo_files(version: Any) -> list[tuple[str, str]]:
    """The case version's intake photos as (file name, caption): the names `hv_fact_sources`
    cite."""
    from .models import PhotoStage

    photos = version.photos.filter(stage=PhotoStage.VISIBLE).order_by("sort_order", "pk")
    return [(readable_photo_name(p.image.name), p.caption) for p in photos]


def source_key(source: Any) -> str:
    """A fact's source as one string: "question:<key>" or "photo:<file>" ("" when unreadable)."""
    if isinstance(source, dict):
        if source.get("question"):
            return f"question:{source['question']}"
        if source.get("photo"):
            return f"photo:{source['photo']}"
    return ""


def parse_source(value: str) -> dict[str, str] | None:
    """ "question:<key>" / "photo:<file>" as the case JSON writes a source; None when neither."""
    kind, _sep, name = (value or "").partition(":")
    name = name.strip()
    if kind in ("question", "photo") and name:
        return {kind: name}
    return None


def hv_source_errors(
    facts: dict[str, Any] | None,
    sources: dict[str, Any] | None,
    answers: dict[str, Any] | None,
    intake_photos: list[str],
) -> list[dict[str, str]]:
    """What is wrong with a case's `hv_fact_sources` and `hv_answers` (path, Dutch message)."""
    errors: list[dict[str, str]] = []
    if facts is None:
        if sources or answers:
            errors.append(
                {
                    "path": "hv_fact_sources",
                    "message": str(_("HV-bronnen horen alleen bij een voertuig met HV-feiten.")),
                }
            )
        return errors
    sources = sources or {}
    answers = answers or {}
    for key in sorted(set(answers) - {k for k, q in HV_QUESTIONS.items() if q.hv}):
        errors.append(
            {"path": f"hv_answers.{key}", "message": str(_("Onbekende vraag uit de catalogus."))}
        )
    for key in sorted(set(sources) - set(HV_FACTS)):
        errors.append({"path": f"hv_fact_sources.{key}", "message": str(_("Onbekend HV-feit."))})
    for fact in HV_FACTS:
        source = sources.get(fact)
        path = f"hv_fact_sources.{fact}"
        if not isinstance(source, dict) or not source_key(source):
            errors.append(
                {
                    "path": path,
                    "message": str(
                        _("Geef aan hoe de cursist dit feit vindt: een vraag of een foto.")
                    ),
                }
            )
            continue
        if source.get("question"):
            question = HV_QUESTIONS.get(source["question"])
            if question is None or question.reveals != fact:
                errors.append(
                    {"path": path, "message": str(_("Deze vraag onthult dit HV-feit niet."))}
                )
            elif not str(answers.get(question.key) or "").strip():
                errors.append(
                    {
                        "path": f"hv_answers.{question.key}",
                        "message": str(_("Het antwoord van de klant op deze vraag ontbreekt.")),
                    }
                )
        elif source.get("photo") not in intake_photos:
            errors.append(
                {"path": path, "message": str(_("Deze foto is geen intakefoto van de casus."))}
            )
    return errors
