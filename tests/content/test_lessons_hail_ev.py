"""The hail lesson (`content/demo_content/lessons_hail_ev.py`): its figures are the hail case's
own data and the engine's, and it is added to the work-preparation module."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import calcengine
from calcengine.formatting import format_money
from content.demo_content import lessons_hail_ev as hail
from content.demo_content.lessons import MODULES
from content.demo_content.lessons_topics import SOURCES_HEADING
from content.worked_example import case_calculation


def _text() -> str:
    parts = []
    for _kind, value in hail.HAIL_LESSON["body"]:
        parts.append(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    return "\n".join(parts)


def test_the_hail_table_gives_the_reference_pdr_times():
    lines = hail.pdr_lines()
    assert len(lines) == 4
    for line in lines:
        assert Decimal(line["labour_units"]) == hail.table_units(line["code"]), line["code"]
        assert "paint" not in line


def test_the_case_note_states_the_hail_table_the_lesson_uses():
    note = next(n for n in hail.CASE["vsi_notes"] if n["topic"].startswith("Hagelcalculatie"))
    for size, units in hail.TABLE.items():
        assert f"{size} " in note["text"] and str(units).replace(".", ",") in note["text"]
    assert str(hail.ALUMINIUM_FACTOR).replace(".", ",") in note["text"]


def test_the_dent_counts_are_the_photo_captions_counts():
    captions = " ".join(photo["caption"] for photo in hail.CASE["photos"])
    bonnet = hail.CASE["hail_dents"]["1082087-00-F"]
    assert f"{sum(bonnet.values())} deuken ({bonnet['klein']} klein, {bonnet['middel']} middel" in (
        captions
    )


def test_the_stated_amounts_are_the_engines():
    text = _text()
    reference = calcengine.estimate(case_calculation(hail.HAIL_CASE))
    assert Decimal(reference["subtotal_excl_vat"]) == hail.REFERENCE_SUBTOTAL
    assert format_money(hail.REFERENCE_SUBTOTAL) in text
    pdr_labour = sum(Decimal(line["labour_units"]) for line in hail.pdr_lines())
    assert pdr_labour == hail.PDR_UNITS
    assert (pdr_labour / 10 * Decimal("72.50")).quantize(Decimal("0.01")) == hail.PDR_AMOUNT
    assert format_money(hail.PDR_AMOUNT) in text
    assert hail.BONNET_PAINT_EXTRA > 0 and format_money(hail.BONNET_PAINT_EXTRA) in text
    assert Decimal("335.50") == hail.SPECIALIST_CHARGED  # € 305.00 + 10 % werk-derdenopslag
    assert format_money(hail.SPECIALIST_CHARGED) in text


def test_the_oven_limit_is_the_cases_and_sourced():
    text = _text()
    assert hail.LIMIT == 49
    assert f"niet meer dan {hail.LIMIT} °C" in text
    assert SOURCES_HEADING in text
    assert re.search(r"Tesla met de grens is niet openbaar gevonden", text)


def test_the_lesson_joins_the_work_preparation_module():
    modules = hail.with_hail_ev_lessons(MODULES)
    preparation = next(m for m in modules if m["slug"] == "werkvoorbereiding")
    assert preparation["lessons"][-1]["slug"] == hail.HAIL_LESSON["slug"]
    assert (
        hail.HAIL_LESSON
        not in next(m for m in MODULES if m["slug"] == "werkvoorbereiding")["lessons"]
    )
