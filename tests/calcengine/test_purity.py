"""The engine is pure: no web framework anywhere in the package (style rule 1).

Two checks: the source of every module names no framework import, and importing every module
in a fresh interpreter loads none (which also catches a framework reached through one of the
project's own Django apps).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys

from tests.shared import REPO_ROOT

FORBIDDEN = ("django", "rest_framework", "wagtail")


def _imported_modules(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and getattr(node.func, "id", getattr(node.func, "attr", ""))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.append(node.args[0].value)
    return names


# Imports every module of the package (not `__main__`, which runs the CLI) in a fresh
# interpreter, then prints which modules it imported and which framework modules are loaded.
_IMPORT_ALL = """
import importlib, json, pkgutil, sys
package = importlib.import_module(sys.argv[1])
imported = [package.__name__]
for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    if info.name.rsplit(".", 1)[-1] != "__main__":
        importlib.import_module(info.name)
        imported.append(info.name)
forbidden = set(sys.argv[2:])
loaded = sorted(name for name in sys.modules if name.split(".")[0] in forbidden)
print(json.dumps({"imported": imported, "loaded": loaded}))
"""


def import_every_module(package: str) -> dict[str, list[str]]:
    """Import each module of `package` in a new interpreter: the modules imported, and the
    framework modules (`FORBIDDEN`) that ended up in `sys.modules`."""
    completed = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, package, *FORBIDDEN],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout)


def module_files(package_dir: str) -> list[str]:
    """The dotted names of every `.py` file under `package_dir`, as `walk_packages` names them."""
    names = []
    for path in sorted((REPO_ROOT / package_dir).rglob("*.py")):
        parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def test_calcengine_imports_no_django_drf_or_wagtail():
    modules = sorted((REPO_ROOT / "calcengine").rglob("*.py"))
    assert modules, "calcengine has no modules"
    offenders = [
        f"{path.relative_to(REPO_ROOT)}: {name}"
        for path in modules
        for name in _imported_modules(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        if name.split(".")[0] in FORBIDDEN
    ]
    assert offenders == []


def test_purity_check_catches_a_django_import():
    tree = ast.parse("from django.db import models\nimport wagtail.models\n")
    assert [name.split(".")[0] for name in _imported_modules(tree)] == ["django", "wagtail"]


def test_importing_every_calcengine_module_loads_no_django_drf_or_wagtail():
    # when
    found = import_every_module("calcengine")
    # then: every module was imported, and no framework came with them
    assert sorted(found["imported"]) == sorted(
        name for name in module_files("calcengine") if name != "calcengine.__main__"
    )
    assert found["loaded"] == []


def test_the_import_check_sees_a_framework_module():
    # A package that pulls Django in must be reported, or the check above proves nothing.
    found = import_every_module("cases.templatetags")
    assert "django" in {name.split(".")[0] for name in found["loaded"]}
