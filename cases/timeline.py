"""The kinds of event in a dossier's timeline, one per recorded fact of the claim workflow.

The assessment's workflow checks read these events, so each kind documents the `data` it carries.
Names are stable: events are stored and scored long after they were written.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    # 1.1 Intake
    DOSSIER_CREATED = (
        "dossier_created",
        _("Schadedossier aangemaakt"),
    )  # customer_name, license_plate, vin, insurer, policy_number, cover
    DAMAGE_RECORDED = "damage_recorded", _("Zichtbare schade opgenomen")  # zones [..], description
    PHOTO_ADDED = "photo_added", _("Foto toegevoegd")  # photo_id, zone, stage, annotation
    CUSTOMER_WISHES_RECORDED = "customer_wishes_recorded", _("Wensen klant vastgelegd")  # wishes
    UPSELL_SIGNALLED = "upsell_signalled", _("Meerwerk gesignaleerd")  # description
    CUSTOMER_QUESTION_ANSWERED = (
        "customer_question_answered",
        _("Vraag klant beantwoord"),
    )  # index, question, answer
    ADVICE_GIVEN = "advice_given", _("Advies gegeven")  # advice
    CUSTOMER_ASKED = (
        "customer_asked",
        _("Klant een vraag gesteld"),
    )  # question_key (cases.hv_questions), question (its text), answer
    HV_FACT_RECORDED = (
        "hv_fact_recorded",
        _("HV-feit vastgelegd"),
    )  # fact, present, source {"question": key}|{"photo": file}, source_text
    HV_JUDGEMENT_RECORDED = (
        "hv_judgement_recorded",
        _("HV-veiligheid beoordeeld"),
    )  # judgement safe|quarantine, safe_to_park, safe_to_work, reasons, facts {fact: {present, source}}
    FIRST_ESTIMATE_RECORDED = (
        "first_estimate_recorded",
        _("Eerste inschatting vastgelegd"),
    )  # amount, repair_days
    REPAIR_ORDER_RECEIVED = (
        "repair_order_received",
        _("Reparatieopdracht ontvangen"),
    )  # subject_to_approval
    REPAIR_PLANNED = "repair_planned", _("Reparatie ingepland")  # planned_date, subject_to_approval
    # 1.2 Werkvoorbereiding
    CALCULATION_SUBMITTED = (
        "calculation_submitted",
        _("Calculatie aangeboden"),
    )  # kind precalc|supplement|final|late_supplement, version_number, total
    PAYER_DECISION = (
        "payer_decision",
        _("Beslissing betalende partij"),
    )  # kind, outcome approved|approved_with_corrections|rejected|total_loss, reasons, corrections, version_number
    EXPERT_REQUESTED = (
        "expert_requested",
        _("Expertise aangevraagd"),
    )  # sent_by, cover, expected_date, reason, reason_code (cases.expert_reasons), return_to
    EXPERTISE_DONE = "expertise_done", _("Expertise uitgevoerd")  # days, total_loss, report
    REPLACEMENT_TRANSPORT_ARRANGED = (
        "replacement_transport_arranged",
        _("Vervangend vervoer geregeld"),
    )  # kind, day_price, start_date, end_date, odometer_out, odometer_in
    SUBCONTRACT_ARRANGED = (
        "subcontract_arranged",
        _("Werk derden geregeld"),
    )  # supplier, description, quote_amount
    VSI_CONSULTED = "vsi_consulted", _("Voertuigspecifieke informatie opgezocht")  # topics, note
    WORK_ORDER_CREATED = "work_order_created", _("Werkorder aangemaakt")  # instructions
    PARTS_ORDERED = (
        "parts_ordered",
        _("Onderdelen besteld"),
    )  # part_codes, lead_days, expected_date, for_kind
    VEHICLE_RECEIVED = "vehicle_received", _("Voertuig in ontvangst genomen")  # odometer
    RECEPTION_CHECK_DONE = (
        "reception_check_done",
        _("Ontvangstcontrole uitgevoerd"),
    )  # new_damage_found, notes
    REPLACEMENT_CAR_HANDED_OVER = (
        "replacement_car_handed_over",
        _("Vervangende auto meegegeven"),
    )  # odometer_out, fuel, date
    # Stored name kept; the shop checks the expert's WOK report to the RDW, it makes none.
    WOK_REPORTED = "wok_reported", _("WOK-melding nagegaan")  # reason
    HV_RELEASED = (
        "hv_released",
        _("HV-vrijgave vastgelegd"),
    )  # released_by, role hv_expert|battery_specialist, findings, released_on
    REPAIR_STARTED = "repair_started", _("Herstel gestart")  # start_date
    # 1.3 Bewaken van het schadedossier
    HIDDEN_DAMAGE_REVEALED = (
        "hidden_damage_revealed",
        _("Verborgen schade gevonden"),
    )  # description, lines, photos (actor: workshop)
    SUPPLEMENT_SUBMITTED = (
        "supplement_submitted",
        _("Suppletie aangeboden"),
    )  # version_number, total
    CUSTOMER_INFORMED = (
        "customer_informed",
        _("Klant geïnformeerd"),
    )  # topic progress|change, message
    FINAL_CALCULATION_SUBMITTED = (
        "final_calculation_submitted",
        _("Eindcalculatie aangeboden"),
    )  # version_number, total
    LATE_SUPPLEMENT_SUBMITTED = (
        "late_supplement_submitted",
        _("Suppletie na eindcalculatie"),
    )  # version_number, total
    # 1.4 Afleveren
    FINAL_INSPECTION_DONE = (
        "final_inspection_done",
        _("Optische eindcontrole uitgevoerd"),
    )  # items [the trainee's own list], findings [lines], notes (before #16: checklist, complete)
    REWORK_DONE = (
        "rework_done",
        _("Nawerk uitgevoerd"),
    )  # work, findings [the trainee's finding lines sent back]
    VEHICLE_DELIVERED = (
        "vehicle_delivered",
        _("Voertuig afgeleverd"),
    )  # explanation, odometer_in (replacement car), invoice {customer_pays, payer_pays,
    # explanation, version_number, subtotal_excl_vat, vat, total_incl_vat}
    CUSTOMER_QUESTIONS_ANSWERED = (
        "customer_questions_answered",
        _("Laatste vragen klant beantwoord"),
    )  # answers
    # Endings and bookkeeping
    TOTAL_LOSS_ADVISED = (
        "total_loss_advised",
        _("Total-loss-advies gegeven"),
    )  # advice, value_before_damage, residual_value
    ESTIMATING_COSTS_CHARGED = (
        "estimating_costs_charged",
        _("Begrotingskosten in rekening gebracht"),
    )  # amount, charged_to
    # The WA claimant's dossier and a contra-expertise (cases.workflow.liability_claim); the
    # owner's VAT status is asked through `customer_asked` (cases.hv_questions.VAT_STATUS).
    ASSIGNMENT_OF_CLAIM_SIGNED = (
        "assignment_of_claim_signed",
        _("Akte van cessie getekend"),
    )  # signed_by, signed_on, debtor
    CONTRA_EXPERTISE_REQUESTED = (
        "contra_expertise_requested",
        _("Tegenexpertise aangevraagd"),
    )  # part, shop_position replace|repair, reasons
    CONTRA_EXPERTISE_DONE = (
        "contra_expertise_done",
        _("Tegenexpertise uitgevoerd"),
    )  # days, outcome replace|repair, report (actor: the contra-expert)
    LOSS_OF_USE_CLAIMED = (
        "loss_of_use_claimed",
        _("Gebruiksderving geclaimd"),
    )  # days, day_amount, amount (= days × day_amount)
    LOSS_OF_VALUE_CLAIMED = (
        "loss_of_value_claimed",
        _("Waardevermindering geclaimd"),
    )  # amount, basis
    MOVE_REFUSED = "move_refused", _("Stap geweigerd")  # move, message


# The kinds that record a submitted calculation: one event per submission (a pre-calculation's
# is `calculation_submitted`; supplements and final calculations have their own kind).
SUBMISSION_KINDS = frozenset(
    {
        EventKind.CALCULATION_SUBMITTED,
        EventKind.SUPPLEMENT_SUBMITTED,
        EventKind.FINAL_CALCULATION_SUBMITTED,
        EventKind.LATE_SUPPLEMENT_SUBMITTED,
    }
)
