"""The modules import each other in one direction: no circle, and each layer only looks down.

The source of every module is read with `ast` (nothing is imported). Two graphs are built:

- every import of one of the package's own modules, at module level or inside a function
  (deferred), the graph the project's before-stop hook builds (/work/shared/hooks/before-stop);
  only imports under ``if TYPE_CHECKING:`` are left out, since they never run. It must have no
  circle, and no module may import one by name (``importlib.import_module``, ``__import__``),
  which no graph can follow;
- the imports at module level, which must name a module of the same layer or a lower one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import un_migration_network

PACKAGE = Path(un_migration_network.__file__).parent
NAME = "un_migration_network"
# Bottom first. A module imports, at module level, modules of its own layer or below; the
# circle test keeps the imports within a layer one-way.
LAYERS: tuple[tuple[str, ...], ...] = (
    # What every other module may use: errors, folding, problem codes, dates, field metadata,
    # the version, safe file reading and writing, how to cite a release.
    ("exceptions", "_normalize", "_problems", "_dates", "_fields", "_version", "_files"),
    ("_citation",),
    # What a kind is, and the page model views read records through.
    ("_kind", "_pages"),
    # The views: they read pages, never records by name.
    ("_html", "_terminal"),
    # The records, by concept, each with its kind.
    ("_records", "_countries", "_networks", "_events", "_committee", "_compact"),
    # The table of every kind; the checks of values both loaders share.
    ("_kinds", "_values"),
    # Collections of records, and reading and writing documents.
    ("_registry", "_build", "_document", "_converter", "_query"),
    ("_dataset", "_diff"),
    # The bundled data, users' documents, validation, the rows a page gains from the data.
    ("_bundle", "_index", "_documents", "_validation", "_related"),
    # Exports: flat tables and CSV, DataFrames, the data package, the JSON Schema, SQLite.
    ("_tables", "_frames", "_datapackage", "_schema", "_sqlite"),
    ("cli",),
    ("__main__", "__init__"),
)
LAYER = {module: index for index, names in enumerate(LAYERS) for module in names}


def modules() -> list[str]:
    """The package's modules, by name."""
    return sorted(path.stem for path in PACKAGE.glob("*.py"))


def tree(module: str) -> ast.Module:
    """A module's syntax tree."""
    return ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))


def own(node: ast.AST) -> list[str]:
    """The package's own modules that an import statement names (relative imports too)."""
    if isinstance(node, ast.Import):
        return [
            alias.name.split(".")[1] for alias in node.names if alias.name.startswith(f"{NAME}.")
        ]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if (node.level, base) in {(0, NAME), (1, "")}:
        # `from un_migration_network import _pages`: the names are modules where they are.
        return [alias.name for alias in node.names if (PACKAGE / f"{alias.name}.py").exists()]
    if node.level == 0 and base.startswith(f"{NAME}."):
        return [base.split(".")[1]]
    if node.level == 1:
        return [base.split(".")[0]]
    return []


def _is_type_checking(node: ast.AST) -> bool:
    """Whether *node* is ``if TYPE_CHECKING:`` (or ``if typing.TYPE_CHECKING:``)."""
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def run_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Every node under *node* that can run: the bodies of ``if TYPE_CHECKING:`` left out."""
    for child in ast.iter_child_nodes(node):
        if _is_type_checking(child):
            assert isinstance(child, ast.If)
            for other in child.orelse:
                yield other
                yield from run_nodes(other)
            continue
        yield child
        yield from run_nodes(child)


def imports(module: str) -> set[str]:
    """Every own module *module* imports, at module level or deferred."""
    return {name for node in run_nodes(tree(module)) for name in own(node) if name != module}


def top_level_imports(module: str) -> list[tuple[int, str]]:
    """The own modules *module* imports at module level, with their lines."""
    found: list[tuple[int, str]] = []
    for node in tree(module).body:
        if _is_type_checking(node):
            continue
        found.extend((node.lineno, name) for name in own(node) if name != module)
    return found


def by_name(module: str) -> list[str]:
    """The places where *module* imports a module by name: ``import_module``, ``__import__``."""
    found = []
    for node in run_nodes(tree(module)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if called in {"import_module", "__import__"}:
            found.append(f"{module}.py:{node.lineno}")
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every circle a depth-first walk of *graph* meets, each from its smallest module."""
    found: set[tuple[str, ...]] = set()
    seen: set[str] = set()
    stack: list[str] = []

    def visit(module: str) -> None:
        seen.add(module)
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if target in stack:
                circle = stack[stack.index(target) :]
                first = circle.index(min(circle))
                found.add(tuple(circle[first:] + circle[:first]))
            elif target not in seen:
                visit(target)
        stack.pop()

    for module in sorted(graph):
        if module not in seen:
            visit(module)
    return [list(circle) for circle in sorted(found)]


GRAPH = {module: imports(module) for module in modules()}


class TestNoCircle:
    """No module imports a module that imports it, whether at module level or deferred."""

    def test_no_circle(self) -> None:
        """The import graph, deferred imports included, has no circle."""
        assert circles(GRAPH) == []

    def test_no_import_by_name(self) -> None:
        """No module imports one of its own by a name in a string (no graph can follow it)."""
        assert [place for module in modules() for place in by_name(module)] == []

    def test_every_import_exists(self) -> None:
        """Every own module an import names is a module of the package."""
        missing = {
            f"{module} imports {target}"
            for module, targets in GRAPH.items()
            for target in targets
            if target not in GRAPH
        }
        assert missing == set()

    @pytest.mark.parametrize(
        ("graph", "expected"),
        [
            pytest.param({"a": {"b"}, "b": set()}, [], id="line"),
            pytest.param({"a": {"b"}, "b": {"a"}}, [["a", "b"]], id="two"),
            pytest.param({"c": {"a"}, "a": {"b"}, "b": {"c"}}, [["a", "b", "c"]], id="three"),
            pytest.param({"a": {"a"}}, [["a"]], id="self"),
        ],
    )
    def test_circles_found(self, graph: dict[str, set[str]], expected: list[list[str]]) -> None:
        """The circle finder finds what it must (the test above is not vacuous)."""
        assert circles(graph) == expected

    def test_deferred_imports_read(self) -> None:
        """The graph holds imports inside functions: the command line's are all deferred."""
        assert {"_bundle", "_related", "_terminal"} <= GRAPH["cli"]

    def test_type_checking_left_out(self) -> None:
        """An import under ``if TYPE_CHECKING:`` never runs: no edge; its ``else`` runs."""
        source = (
            "if TYPE_CHECKING:\n    import un_migration_network._dataset\n"
            "else:\n    import un_migration_network._html\n"
        )
        assert [n for node in run_nodes(ast.parse(source)) for n in own(node)] == ["_html"]

    @pytest.mark.parametrize(
        ("source", "expected"),
        [
            pytest.param("from un_migration_network import _pages", ["_pages"], id="from-package"),
            pytest.param("from un_migration_network._dates import DateSpan", ["_dates"], id="from"),
            pytest.param("import un_migration_network._html", ["_html"], id="import"),
            pytest.param("from . import _pages", ["_pages"], id="relative-package"),
            pytest.param("from ._dates import DateSpan", ["_dates"], id="relative"),
            pytest.param("from un_migration_network import DateSpan", [], id="a-name"),
            pytest.param("import json", [], id="other"),
        ],
    )
    def test_own_imports_read(self, source: str, expected: list[str]) -> None:
        """Each form of import of an own module is read; other imports are not."""
        (node,) = ast.parse(source).body
        assert own(node) == expected


class TestLayers:
    """Module-level imports go down the layers (or stay within one)."""

    def test_every_module_has_a_layer(self) -> None:
        """A new module is placed in the order before the others can import it."""
        assert set(modules()) - set(LAYER) == set()

    @pytest.mark.parametrize("module", modules())
    def test_imports_go_down(self, module: str) -> None:
        """Each module-level import names a module of the same layer or a lower one."""
        upward = [
            f"{module}.py:{line} imports {target}"
            for line, target in top_level_imports(module)
            if LAYER.get(target, -1) > LAYER[module]
        ]
        assert upward == []

    def test_views_read_no_record(self) -> None:
        """The views import no record module: they read records through the page model."""
        records = set(LAYERS[4])
        assert {m for view in ("_pages", "_html", "_terminal") for m in GRAPH[view]} & records == (
            set()
        )
