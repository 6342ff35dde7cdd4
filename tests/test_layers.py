"""The modules import each other in one direction: models at the bottom, the command line on top.

This reads the source of every module (with `ast`, importing nothing) and checks each import of
one of the package's own modules against the order of the layers below. An import of a higher
layer is allowed only inside a function (deferred), only of the views that serve
``_repr_html_`` and ``to_dataframe`` (`_html`, `_export`), and only with a comment saying why.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import un_migration_network

PACKAGE = Path(un_migration_network.__file__).parent
# Bottom first. Modules of one layer do not import each other at module level.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("exceptions", "_normalize", "_codes"),
    ("_models",),
    # The record classes a first lookup does not need, which `_models` names on first use.
    ("_committee", "_compact", "_events"),
    ("_document",),
    ("_registry",),
    ("_kinds",),
    # The fast path for the bundled data, and the cattrs converter for every document.
    ("_hooks",),
    ("_generated",),
    ("_structure",),
    ("_converter",),
    ("_dataset",),
    ("_validation",),
    ("_export", "_html", "_text"),
    ("cli",),
    ("__main__", "__init__"),
)
LAYER = {module: index for index, names in enumerate(LAYERS) for module in names}
# Deferred imports of a higher layer that the design allows: the notebook and pandas views.
UPWARD = frozenset({"_html", "_export"})


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.glob("*.py"))


def _own(node: ast.Import | ast.ImportFrom) -> list[str]:
    """The package's own modules that an import statement names."""
    names: list[str] = []
    if isinstance(node, ast.ImportFrom):
        module = node.module or ""
        if module == "un_migration_network":
            names.extend(alias.name for alias in node.names if alias.name in LAYER)
        elif module.startswith("un_migration_network."):
            names.append(module.split(".")[1])
    else:
        names.extend(
            alias.name.split(".")[1]
            for alias in node.names
            if alias.name.startswith("un_migration_network.")
        )
    return [name for name in names if name in LAYER]


def _imports(path: Path) -> list[tuple[int, str, bool]]:
    """Every import of an own module in *path*: (line, module, whether inside a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str, bool]] = []

    def visit(node: ast.AST, *, deferred: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = deferred or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.extend((child.lineno, name, deferred) for name in _own(child))
            elif isinstance(child, ast.If) and _is_type_checking(child):
                continue  # annotations only: never run
            visit(child, deferred=inside)

    visit(tree, deferred=False)
    return found


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def test_every_module_has_a_layer() -> None:
    """A new module is placed in the order before it can be imported by the others."""
    assert {path.stem for path in _modules()} == set(LAYER)


@pytest.mark.parametrize("path", _modules(), ids=lambda path: path.stem)
def test_imports_go_down(path: Path) -> None:
    """Module-level imports name lower layers; an upward one is a deferred, commented view."""
    lines = path.read_text(encoding="utf-8").splitlines()
    here = LAYER[path.stem]
    for line, module, deferred in _imports(path):
        if LAYER[module] <= here or path.stem == "__init__":
            continue
        where = f"{path.name}:{line} imports {module}"
        assert deferred, f"{where} at module level, above its own layer"
        assert module in UPWARD, f"{where}, above its own layer (only _html, _export may be)"
        assert " - " in lines[line - 1], f"{where} without a comment saying why"


def test_the_same_layer_only_below() -> None:
    """Within one layer, no module imports another at module level (no hidden cycles)."""
    for path in _modules():
        for line, module, deferred in _imports(path):
            same = LAYER[module] == LAYER[path.stem] and module != path.stem
            assert not (same and not deferred), f"{path.name}:{line} imports {module}"
