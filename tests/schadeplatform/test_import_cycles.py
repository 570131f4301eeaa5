"""No import cycle among the project's modules.

A cycle means two modules each hold half of something: the fix is to put the function where it
belongs, not to import inside a function. So an import inside a function counts here as much as
one at the top of the module; only imports under `if TYPE_CHECKING:` (annotations, never run)
are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.shared import REPO_ROOT

APP_PACKAGES = ("calcengine", "cases", "assessment", "content", "schadeplatform")


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking_block(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_names(tree: ast.Module, package: str) -> list[str]:
    """Every dotted name an import statement in `tree` reaches, relative imports resolved
    against `package`; `from a import b` gives `a.b` (a submodule, or a name in `a`)."""
    names: list[str] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if _is_type_checking_block(node):
            continue
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.extend(f"{module}.{alias.name}" for alias in node.names)
        else:
            pending.extend(ast.iter_child_nodes(node))
    return names


def import_graph(root: Path = REPO_ROOT) -> dict[str, set[str]]:
    """Module → the project modules it imports (the nearest enclosing module of each name)."""
    paths = {
        _module_name(path, root): path
        for package in APP_PACKAGES
        for path in (root / package).rglob("*.py")
        if "migrations" not in path.parts
    }
    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        targets = set()
        for name in _imported_names(tree, package):
            while name and name not in paths:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
        graph[module] = targets
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path that ends where it starts, or None (depth-first)."""
    done: set[str] = set()
    on_path: list[str] = []

    def visit(module: str) -> list[str] | None:
        if module in on_path:
            return [*on_path[on_path.index(module) :], module]
        if module in done:
            return None
        on_path.append(module)
        for target in sorted(graph.get(module, ())):
            cycle = visit(target)
            if cycle:
                return cycle
        on_path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = visit(module)
        if cycle:
            return cycle
    return None


def test_the_project_modules_import_each_other_without_a_cycle():
    # given
    graph = import_graph()
    assert "assessment.selectors" in graph and "content.models.pages" in graph
    # then
    assert find_cycle(graph) is None


def test_the_cycle_search_finds_a_cycle_through_an_import_inside_a_function(tmp_path):
    # given: a imports b at the top, b imports a inside a function, c is left alone
    package = tmp_path / "cases"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from cases.b import helper\n")
    (package / "b.py").write_text("def helper():\n    from . import a\n    return a\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from cases import a\n"
    )
    for name in APP_PACKAGES[2:] + APP_PACKAGES[:1]:
        (tmp_path / name).mkdir()
    # when
    graph = import_graph(tmp_path)
    # then
    assert graph["cases.c"] == set()
    assert find_cycle(graph) == ["cases.a", "cases.b", "cases.a"]
