"""The operations table of `calcengine.schema` is the only place an operation is declared.

Issue #13, item 1 and 8: the operations and what they carry (labour, an amount, paint, a sensor,
a default labour category, a Dutch label) live in one table, and the engine, the catalogue, the
editor (its JavaScript too), the labels, scoring and the printouts read it. A new operation is
one row there; this test finds every other place that names an operation in code:

- Python (calcengine, cases, assessment, content, schadeplatform; not tests or migrations):
  a string literal equal to an operation's name, unless it stands where a line field, an
  output key or a rate category of the same spelling stands (`line["paint"]`,
  `line.get("paint")`, a field list, `{"paint": …, "subcontract": …}` of the totals, a
  comparison with a field name). Everything else counts: a comparison with an operation, a
  list or a dict of operations, an `operation=` argument, a constant.
- The editor's JavaScript and every static script: any string literal equal to an operation.
- Templates: any quoted operation name inside `{% … %}` or `{{ … }}`.

`ALLOWED` names the few places that genuinely need one operation's own behaviour, each with
its reason; it holds a count, so a second literal in the same file is found too.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.translation import override

from calcengine.schema import (
    DEFAULT_LABOUR_CATEGORY,
    LABOUR_CATEGORY_TABLE,
    OPERATION,
    OPERATION_TABLE,
    OPERATIONS,
    PAINT_MODE_TABLE,
    PART_SOURCE_TABLE,
    REQUIRED_BY_OPERATION,
    SENSOR_TABLE,
)
from tests.shared import REPO_ROOT, SHARED_DIR

PYTHON_ROOTS = ("calcengine", "cases", "assessment", "content", "schadeplatform")
SCHEMA = Path("calcengine/schema.py")
NAMES = frozenset(OPERATIONS)

# (file, operation literal): (how many, why the file names that operation itself).
ALLOWED: dict[tuple[str, str], tuple[int, str]] = {
    ("calcengine/warnings.py", "repair"): (
        1,
        "§3 REPAIR_NOT_ALLOWED is defined on repair lines: the warning's own rule.",
    ),
    ("calcengine/warnings.py", "hv_safety"): (
        1,
        "§3 HV_SAFETY_MISSING is 'no hv_safety line': the warning's own rule.",
    ),
    ("calcengine/validation.py", "repair"): (
        2,
        "§1.3/§4: only repair asks labour_units > 0 (REPAIR_WITHOUT_LABOUR), its own message.",
    ),
    ("calcengine/catalogue/lines.py", "repair"): (
        1,
        "The catalogue's prefill: a repair's time is the one part time the catalogue cannot "
        "know (the caller gives it), and only a repairable part group is offered it.",
    ),
    ("assessment/scoring/critical.py", "repair"): (
        1,
        "Scoring spec §6 repair_not_allowed is a knock-out on repair lines: its own rule.",
    ),
    ("content/demo_content/lessons.py", "replace"): (
        1,
        "Demo data: the lines a lesson's worked example shows, written as a calculation writes "
        "them (like the golden JSON files).",
    ),
    ("content/demo_content/lessons.py", "sundry"): (1, "Demo data, as above."),
    ("content/demo_content/lessons.py", "calibrate"): (1, "Demo data, as above."),
}


# ---- finding operation names in Python ---------------------------------------------------


def _mentions_operation(node: ast.AST) -> bool:
    """Whether an expression reads an operation: `operation`, `line.operation`, `op`,
    `line.get("operation")`, `line["operation"]`."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and (sub.id == "op" or "operation" in sub.id):
            return True
        if isinstance(sub, ast.Attribute) and "operation" in sub.attr:
            return True
        if isinstance(sub, ast.Constant) and sub.value == "operation":
            return True
    return False


def _is_name(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value in NAMES


def _names_in(elements: list[ast.expr | None]) -> int:
    return sum(1 for element in elements if _is_name(element))


def _operation_list(elements: list[ast.expr | None]) -> bool:
    """A list of operations: names and nothing else (`["replace"]` too), or three or more among
    other things. One name among fields (`LINE_FIELD_ORDER`'s "paint") is a field."""
    named = _names_in(elements)
    return (named >= 1 and named == len(elements)) or named >= 3


def _operation_keys(keys: list[ast.expr | None]) -> bool:
    """A dict keyed by operations: two or more names and nothing else, or three or more among
    other keys; `{"paint": {...}}` alone is an edit of a line's paint field."""
    named = _names_in(keys)
    return (named >= 2 and named == len(keys)) or named >= 3


# The functions whose positional argument is an operation (the catalogue's prefill).
OPERATION_TAKING = frozenset({"prefill_line", "prefill"})


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _field_places(tree: ast.AST) -> set[int]:
    """The ids of the name-spelled constants that stand in a field's place, not an operation's:
    a subscript (`line["paint"]`, `rates.labour["paint"]`), the key of `.get`/`.pop`, a side of
    a comparison that reads no operation (`field == "paint"`), an element of a list of fields
    or a key of a dict that is not a list of operations. `{"operation": "paint"}` names one."""
    places: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            places.add(id(node.slice))
        elif isinstance(node, ast.Call) and _callee(node) not in OPERATION_TAKING:
            # A call's argument: a field's key (`line.get("paint")`), a path
            # (`_line_path(index, "paint")`), a figure's kind (`Figure("paint", …)`).
            places.update(id(a) for a in node.args)
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if not any(_mentions_operation(o) for o in operands if not _is_name(o)):
                places.update(id(o) for o in operands)
        elif isinstance(node, ast.Tuple | ast.List | ast.Set):
            if not _operation_list(list(node.elts)):
                places.update(id(e) for e in node.elts)
        elif isinstance(node, ast.Dict):
            if not _operation_keys(list(node.keys)):
                places.update(id(k) for k in node.keys)
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "operation":
                    places.discard(id(value))
    # A value under the key "operation" names an operation, whatever holds it.
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "operation":
                    places.discard(id(value))
    return places


def operation_literals_in_python(source: str) -> list[tuple[int, str]]:
    """(line, name) of every operation name the source writes in an operation's place."""
    tree = ast.parse(source)
    places = _field_places(tree)
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in NAMES and id(node) not in places
    )


_JS_STRING = re.compile(r"""(["'])((?:\\.|(?!\1).)*)\1""")
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)


_COMPARED = re.compile(r"(===?|!==?)\s*$")
_COMPARING = re.compile(r"^\s*(===?|!==?)")


def _enclosing_bracket(text: str, end: int) -> str:
    """The innermost bracket still open at `end` on this line, or "" at the top level."""
    depth: list[str] = []
    for char in text[:end]:
        if char in "([{":
            depth.append(char)
        elif char in ")]}" and depth:
            depth.pop()
    return depth[-1] if depth else ""


def operation_literals_in_script(source: str) -> list[tuple[int, str]]:
    """Operation names a script writes: compared (`op === "sundry"`), in an array
    (`["replace", "repair"]`), as an object's key, or on their own; an argument of a call
    (`edits(op, "paint")`, a field's name) is a field's place."""
    found = []
    for number, text in enumerate(source.splitlines(), start=1):
        for match in _JS_STRING.finditer(text):
            if match.group(2) not in NAMES:
                continue
            before, after = text[: match.start()], text[match.end() :]
            compared = _COMPARED.search(before) or _COMPARING.search(after)
            argument = _enclosing_bracket(text, match.start()) == "("
            key = after.lstrip().startswith(":")
            if compared or key or not argument:
                found.append((number, match.group(2)))
    return found


def operation_literals_in_template(source: str) -> list[tuple[int, str]]:
    found = []
    for tag in _TEMPLATE_TAG.finditer(source):
        number = source.count("\n", 0, tag.start()) + 1
        for match in _JS_STRING.finditer(tag.group(0)):
            if match.group(2) in NAMES:
                found.append((number, match.group(2)))
    return found


def _python_files() -> list[Path]:
    files = []
    for root in PYTHON_ROOTS:
        for path in sorted((REPO_ROOT / root).rglob("*.py")):
            relative = path.relative_to(REPO_ROOT)
            if "migrations" in relative.parts or relative == SCHEMA:
                continue
            files.append(path)
    return files


def _all_literals() -> dict[tuple[str, str], list[int]]:
    found: dict[tuple[str, str], list[int]] = {}

    def add(path: Path, hits: list[tuple[int, str]]) -> None:
        for number, name in hits:
            found.setdefault((str(path.relative_to(REPO_ROOT)), name), []).append(number)

    for path in _python_files():
        add(path, operation_literals_in_python(path.read_text(encoding="utf-8")))
    for path in sorted((REPO_ROOT / "static").rglob("*.js")):
        if "vendor" in path.parts or path.name.endswith(".min.js"):
            continue
        add(path, operation_literals_in_script(path.read_text(encoding="utf-8")))
    for path in sorted((REPO_ROOT / "templates").rglob("*.html")):
        add(path, operation_literals_in_template(path.read_text(encoding="utf-8")))
    return found


# ---- the finder itself ---------------------------------------------------------------------


def test_the_finder_finds_an_operation_in_each_way_code_names_one():
    source = """
LABOUR = frozenset({"replace", "repair", "calibrate"})
OFFERED = ["remove_refit"]
NAMES = {"replace": "vervangen", "repair": "herstellen"}
if line.operation == "hv_safety":
    pass
if operation in ("subcontract", "sundry"):
    pass
prefill(code, operation="remove_refit")
line = {"id": "1", "operation": "paint"}
_REPAIR = "repair"
"""
    found = {name for _, name in operation_literals_in_python(source)}
    assert found == {
        "replace",
        "repair",
        "calibrate",
        "hv_safety",
        "subcontract",
        "sundry",
        "remove_refit",
        "paint",
    }
    assert operation_literals_in_script('var OPS = ["replace", "paint"]; op === "sundry"') == [
        (1, "replace"),
        (1, "paint"),
        (1, "sundry"),
    ]
    assert operation_literals_in_script(
        'show(op === "repair"); var x = { remove_refit: 1, "hv_safety": 2 }'
    ) == [
        (1, "repair"),
        (1, "hv_safety"),
    ]
    assert operation_literals_in_script('edits(op, "paint") ? input(index, "paint") : null') == []
    assert operation_literals_in_template('{% if line.operation == "repair" %}') == [(1, "repair")]


def test_the_finder_leaves_fields_and_totals_that_share_an_operation_s_spelling():
    source = """
paint = line.get("paint")
units = rates.labour["paint"]
FIELDS = ("id", "code", "paint", "amount")
CATEGORIES = ("body", "paint", "mechanical", "electrical")
totals = {"paint": paint, "subcontract": subcontract, "vat": vat}
edits = {"5": {"paint": {"mode": "new", "units": "135"}}}
if field == "paint" and value is not None:
    pass
labels = [("subcontract", "Werk derden (incl. opslag)")]
errors.append({"path": _line_path(index, "paint")})
figures.append(Figure("paint", units))
"""
    assert operation_literals_in_python(source) == []


# ---- the table is the only place -----------------------------------------------------------


def test_no_file_but_the_operations_table_names_an_operation():
    found = _all_literals()
    unexpected = {
        place: lines
        for place, lines in found.items()
        if place not in ALLOWED or len(lines) > ALLOWED[place][0]
    }
    assert unexpected == {}, (
        "Read the operation's properties from calcengine.schema.OPERATION_TABLE instead of "
        f"naming operations (file, name): line numbers {unexpected}"
    )


def test_every_allowed_place_still_names_its_operation():
    """An allowance that is no longer needed goes, so the list stays short and true."""
    found = _all_literals()
    stale = [place for place in ALLOWED if place not in found]
    assert stale == []


def test_the_table_holds_every_operation_of_the_contract_with_its_needs():
    """Calculation spec §1.3's table: operation | Dutch | needs | optional."""
    spec = (SHARED_DIR / "docs" / "calculation-spec.md").read_text(encoding="utf-8")
    section = spec[spec.index("### 1.3") : spec.index("## 2.")]
    rows = re.findall(r"^\| `(\w+)` \|([^|]+)\|([^|]+)\|([^|]*)\|$", section, re.MULTILINE)
    assert [row[0] for row in rows] == list(OPERATIONS)
    for code, _dutch, needs, optional in rows:
        operation = OPERATION[code]
        assert operation.needs == tuple(n.split(" (")[0].strip() for n in needs.split(","))
        spec_optional = {o.split(" (")[0].strip() for o in optional.split(",") if o.strip()}
        assert set(operation.optional) == spec_optional
    assert {op.code: op.needs for op in OPERATION_TABLE} == REQUIRED_BY_OPERATION
    assert DEFAULT_LABOUR_CATEGORY == {
        "replace": "body",
        "repair": "body",
        "remove_refit": "body",
        "calibrate": "electrical",
        "hv_safety": "electrical",
    }


def test_the_properties_read_from_the_table_are_the_contract_s():
    def where(test):
        return [op.code for op in OPERATION_TABLE if test(op)]

    assert where(lambda op: op.carries_labour) == [
        "replace",
        "repair",
        "remove_refit",
        "calibrate",
        "hv_safety",
    ]
    assert where(lambda op: op.takes_amount) == ["subcontract", "sundry"]
    assert where(lambda op: op.takes_paint) == ["replace", "repair", "remove_refit", "paint"]
    assert where(lambda op: op.needs_sensor) == ["calibrate"]
    assert where(lambda op: op.may_name_sensor) == ["subcontract"]
    assert where(lambda op: op.buys_part) == ["replace"]
    assert where(lambda op: op.marked_up) == ["subcontract"]
    assert where(lambda op: op.disturbs_sensors) == ["replace", "repair", "remove_refit"]
    assert where(lambda op: op.damage_only) == ["replace", "repair", "paint"]


def test_hv_safety_has_one_dutch_name():
    """§1.3 gives "spanningsvrij maken / HV-veiligstellen"; the platform uses the first, as the
    warning, the manufacturers' procedures and the cases say it."""
    assert OPERATION["hv_safety"].label == "Spanningsvrij maken (HV)"
    assert OPERATION["hv_safety"].name == "spanningsvrij maken"
    for root in (*PYTHON_ROOTS, "templates", "static"):
        for path in (REPO_ROOT / root).rglob("*"):
            if path.suffix in (".py", ".html", ".js") and "migrations" not in path.parts:
                assert "HV-veiligstellen" not in path.read_text(encoding="utf-8"), path


# ---- the Django edge and the editor --------------------------------------------------------


def test_the_labels_are_the_tables_and_translate():
    from cases.calculations.labels import (
        LABOUR_LABELS,
        OPERATION_LABELS,
        PAINT_MODE_LABELS,
        PART_SOURCE_LABELS,
        SENSOR_LABELS,
        Operation,
    )

    pairs = [
        (OPERATION_LABELS, OPERATION_TABLE),
        (PAINT_MODE_LABELS, PAINT_MODE_TABLE),
        (PART_SOURCE_LABELS, PART_SOURCE_TABLE),
        (SENSOR_LABELS, SENSOR_TABLE),
        (LABOUR_LABELS, LABOUR_CATEGORY_TABLE),
    ]
    for labels, table in pairs:
        assert {code: str(label) for code, label in labels.items()} == {
            row.code: row.label for row in table
        }
    assert list(Operation.values) == list(OPERATIONS)
    untranslated = []
    with override("en"):
        for labels, table in pairs:
            for row in table:
                if str(labels[row.code]) == row.label and row.label != "Lidar":
                    untranslated.append(row.label)
    assert untranslated == []
    with override("en"):
        assert str(OPERATION_LABELS["hv_safety"]) == "De-energise (HV)"
        assert str(OPERATION_LABELS["replace"]) == "Replace"


@pytest.mark.django_db
def test_the_editor_page_hands_the_table_to_its_script(client_for, trainee, cohort):
    from cases.calculations.labels import editor_table
    from cases.calculations.lines import editable_fields
    from tests.factories.calculations import CalcAttemptFactory

    attempt = CalcAttemptFactory(trainee=trainee, cohort=cohort)
    content = (
        client_for(trainee)
        .get(reverse("cases:calc-editor", kwargs={"pk": attempt.pk}))
        .content.decode()
    )
    match = re.search(r'data-table="([^"]*)"', content)
    assert match is not None
    from html import unescape

    table = json.loads(unescape(match.group(1)))
    assert table == json.loads(json.dumps(editor_table()))
    assert [op["code"] for op in table["operations"]] == list(OPERATIONS)
    for op in table["operations"]:
        assert op["fields"] == editable_fields({"operation": op["code"]})
        assert op["label"] == OPERATION[op["code"]].label
    script = (REPO_ROOT / "static" / "cases" / "calc_editor.js").read_text(encoding="utf-8")
    assert operation_literals_in_script(script) == []
    assert "root.dataset.table" in script
