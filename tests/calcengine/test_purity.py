"""The engine is pure: no web framework anywhere in the package (style rule 1)."""

from __future__ import annotations

import ast

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
