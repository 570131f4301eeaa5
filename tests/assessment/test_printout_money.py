"""The calculation printout prints the engine's money and nothing else (issue #13, item 5):
for every demo case, both references, each printed line amount is the engine's figure for that
line, and the printed lines plus the amounts priced per calculation add up to the engine's
totals, to the cent."""

from __future__ import annotations

import json
from decimal import Decimal
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

from assessment.reports.documents import calculation_sheet
from calcengine import estimate, line_amounts, parse
from cases.demo_files import case_files
from schadeplatform.templatetags.dutch import euro

REFERENCES = ("reference_precalc", "reference_final")
ZERO = Decimal(0)
# The totals a printout adds once per calculation, not per line (calculation-spec §2.1–§2.8).
PER_CALCULATION = ("paint.labour_amount", "paint.material_amount", "small_materials", "disposal")


class PrintedTables(HTMLParser):
    """The text of every cell, per row, of the tables with an id; and the totals by data-key."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.totals: list[tuple[str, list[str]]] = []
        self._table: str | None = None
        self._row: list[str] | None = None
        self._key: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id"):
            self._table = attrs["id"]
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self._row, self._key = [], attrs.get("data-key")
        elif tag == "td" and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row:
                self.tables[self._table].append(self._row)
                if self._key:
                    self.totals.append((self._key, self._row))
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _from_euro(text: str) -> Decimal:
    """ "€ 1.234,56" as printed → Decimal("1234.56")."""
    return Decimal(text.replace("€", "").replace("\u00a0", "").replace(".", "").replace(",", "."))


def _demo_references() -> list:
    params = []
    for path in case_files():
        case = json.loads(path.read_text(encoding="utf-8"))
        for reference in REFERENCES:
            params.append(pytest.param(case[reference], id=f"{path.stem}-{reference}"))
    return params


def _printed(document: dict, output: dict) -> PrintedTables:
    context = {
        "sheet": calculation_sheet(document, output),
        "version": SimpleNamespace(get_kind_display="eindcalculatie", number=1, submitted_at=None),
        "attempt": SimpleNamespace(
            trainee=SimpleNamespace(get_full_name="Cursist", username="cursist")
        ),
        "case": SimpleNamespace(title="Demo"),
        "organisation": "Opleiding",
        "printed_at": None,
    }
    parser = PrintedTables()
    parser.feed(render_to_string("assessment/reports/calculation.html", context))
    return parser


def test_the_demo_cases_are_there():
    assert len(_demo_references()) >= 2 * 8


@pytest.mark.parametrize("document", _demo_references())
def test_each_printed_line_amount_is_the_engines(document):
    # given
    output = estimate(document)
    engine = {line.id: line for line in line_amounts(parse(document))}

    # when
    sheet = calculation_sheet(document, output)

    # then: the sheet's figures are the engine's, line by line
    assert sheet["parts"] or sheet["other"]
    for row in sheet["parts"]:
        line = engine[row["id"]]
        assert (row["gross"], row["discount"], row["net"]) == (
            line.parts_gross,
            line.parts_discount,
            line.parts_net,
        )
    for row in sheet["other"]:
        assert row["amount"] == engine[row["id"]].amount
    for row in sheet["labour"]:
        assert row["units"] == engine[row["id"]].labour_units
        assert "amount" not in row  # labour is priced per category (§2.1), not per line
    # and so is what is printed
    printed = _printed(document, output)
    assert [row[-1] for row in printed.tables.get("parts", [])] == [
        euro(row["net"]) for row in sheet["parts"]
    ]
    assert [row[-1] for row in printed.tables.get("other", [])] == [
        euro(row["amount"]) for row in sheet["other"]
    ]


@pytest.mark.parametrize("document", _demo_references())
def test_printed_lines_and_per_calculation_items_add_up_to_the_engines_totals(document):
    # given
    output = estimate(document)

    # when
    printed = _printed(document, output)

    # then
    totals: dict[str, Decimal] = {}
    labour = ZERO
    for key, row in printed.totals:
        if key == "labour":
            labour += _from_euro(row[-1])
        else:
            totals[key] = _from_euro(row[-1])
    parts = [[_from_euro(cell) for cell in row[-3:]] for row in printed.tables.get("parts", [])]
    other = [_from_euro(row[-1]) for row in printed.tables.get("other", [])]
    assert sum((gross for gross, _, _ in parts), ZERO) == totals["parts.gross"]
    assert -sum((discount for _, discount, _ in parts), ZERO) == totals["parts.discount"]
    assert sum((net for _, _, net in parts), ZERO) == totals["parts.net"]
    assert sum(other, ZERO) == totals["subcontract"] + totals["sundries"]
    assert labour == sum((Decimal(output["labour"][c]["amount"]) for c in output["labour"]), ZERO)
    lines_printed = sum((net for _, _, net in parts), ZERO) + sum(other, ZERO)
    assert (
        lines_printed + labour + sum((totals[key] for key in PER_CALCULATION), ZERO)
        == totals["subtotal_excl_vat"]
        == Decimal(output["subtotal_excl_vat"])
    )
    assert totals["subtotal_excl_vat"] + totals["vat"] == totals["total_incl_vat"]
    assert totals["total_incl_vat"] == Decimal(output["total_incl_vat"])
