"""Sphinx configuration: MyST pages and notebooks, the furo theme, Google-style docstrings."""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils.nodes import Element, TextElement
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

try:
    release = _version("un-migration-network")
except PackageNotFoundError:
    # Not installed (a plain checkout): document the sources next to this directory.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from un_migration_network import __version__ as release

project = "un-migration-network"
author = "un-migration-network developers"
copyright = "2026, un-migration-network developers"
version = release

extensions = [
    # MyST-NB reads the MyST Markdown pages (it includes myst-parser) and the notebooks.
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]

# The example notebook and the gallery (a MyST Markdown notebook) run, each in a fresh
# Python kernel, every time the site builds: what they show is what this version of the
# library does with the data it bundles. They need no network access.
nb_execution_mode = "force"
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True

exclude_patterns = ["_build", "jupyter_execute", ".ipynb_checkpoints", "_figures.py"]

# Every cross-reference must resolve: `sphinx-build -n -W` fails on a broken one.
nitpicky = True
# Intersphinx cannot download here, so references into the standard library and into
# attrs stay unresolved; these are exactly the ones the public signatures use.
nitpick_ignore = [
    ("py:class", "datetime.date"),
    ("py:class", "os.PathLike"),
    ("py:class", "collections.abc.Callable"),
    ("py:class", "collections.abc.Iterable"),
    ("py:class", "collections.abc.Iterator"),
    ("py:class", "collections.abc.Mapping"),
    ("py:class", "collections.abc.Sequence"),
    ("py:class", "enum.Enum"),
    ("py:class", "typing.Any"),
    ("py:class", "typing.Generic"),
    ("py:class", "Exception"),
    ("py:class", "LookupError"),
    ("py:class", "ValueError"),
    ("py:exc", "ValueError"),
    # The return types of Registry.to_dataframe and to_polars (pandas and polars are optional
    # extras, imported lazily; neither documents itself here).
    ("py:class", "pd.DataFrame"),
    ("py:class", "pandas.DataFrame"),
    ("py:class", "pandas.core.frame.DataFrame"),
    ("py:class", "pl.DataFrame"),
    ("py:class", "polars.DataFrame"),
    # Private types in public signatures: the table of record kinds (Dataset.registry and
    # Dataset.singleton take a kind), the bundle's lazy reader (Registry.lazily) and the
    # index's reader of a record's events (Dataset's private `about`).
    ("py:class", "un_migration_network._kind.Kind"),
    ("py:class", "Kind"),
    ("py:class", "Lazy"),
    ("py:class", "_About"),
    # Registry's type parameter.
    ("py:class", "T"),
    ("py:class", "un_migration_network._registry.T"),
]

# Types live in the annotations; docstrings are Google style.
autodoc_typehints = "description"
autodoc_member_order = "bysource"
# Show `Source`, not `un_migration_network._records.Source`, in the types of attributes.
python_use_unqualified_type_names = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# An "Attributes:" section becomes one `attribute` entry each (typed from the annotations),
# so that `Network.launched` and the like can be referenced.
napoleon_use_ivar = False

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"un-migration-network {release}"


def _public_name(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: TextElement
) -> Element | None:
    """Resolve ``un_migration_network._networks.Agency`` as ``un_migration_network.Agency``.

    Annotations name a class by the private module that defines it; the API page documents
    it under the package, where users import it from.
    """
    target = node.get("reftarget", "")
    package, _, rest = target.partition(".")
    module, _, name = rest.partition(".")
    private = module.startswith("_") or module == "exceptions"
    if package != "un_migration_network" or not private or not name:
        return None
    import un_migration_network  # noqa: PLC0415 - only when a reference needs it

    if name.partition(".")[0] not in un_migration_network.__all__:
        return None
    node["reftarget"] = f"un_migration_network.{name}"
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], node["reftarget"], node, contnode
    )


def _draw_figures(app: Sphinx) -> None:
    """Draw the data page's figures from the bundled data, before the pages are read."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _figures import coverage, network_map  # noqa: PLC0415 - a module beside this file

    static = Path(app.srcdir) / "_static"
    coverage(static / "coverage.png")
    network_map(static / "network-map.png")


def _evaluable_annotations() -> None:
    """Give each private module the public names its annotations import only for type checkers.

    The modules import some record classes under ``TYPE_CHECKING`` only (so that a first
    lookup creates no class it does not use); autodoc evaluates annotations at run time, and
    one name it cannot find would leave every annotation of that class unresolved.
    """
    import importlib  # noqa: PLC0415 - only for the build
    import pkgutil  # noqa: PLC0415

    import un_migration_network  # noqa: PLC0415

    public = {name: getattr(un_migration_network, name) for name in un_migration_network.__all__}
    for module_info in pkgutil.iter_modules(un_migration_network.__path__):
        if not module_info.name.startswith("_") or module_info.name == "__main__":
            continue
        module = importlib.import_module(f"un_migration_network.{module_info.name}")
        for name, value in public.items():
            if isinstance(value, type):
                vars(module).setdefault(name, value)
    # What Dataset.lookup answers with, an alias `_dataset` defines for type checkers only:
    # the union of the record classes whose records have a page of their own.
    dataset = importlib.import_module("un_migration_network._dataset")
    vars(dataset).setdefault(
        "Found",
        public["Agency"]
        | public["Network"]
        | public["Champion"]
        | public["Country"]
        | public["Objective"]
        | public["GuidingPrinciple"]
        | public["Compact"]
        | public["ReviewForum"]
        | public["ExecutiveCommittee"],
    )


def _prose_not_type(  # noqa: PLR0913, PLR0917 - the signature Sphinx calls it with
    app: Sphinx,  # noqa: ARG001 - the event's signature
    what: str,
    name: str,  # noqa: ARG001
    obj: object,  # noqa: ARG001
    options: object,  # noqa: ARG001
    lines: list[str],
) -> None:
    """Undo napoleon's reading of an attribute docstring's opening words as its type.

    Napoleon reads the first line of an attribute's or a property's docstring as
    ``type: description``, so "What happened to the record: it was added, ..." would become an
    attribute typed "What happened to the record", a reference that cannot resolve. A type
    has no space outside brackets; words do: they go back in front of the description.
    """
    if what not in {"attribute", "property", "data"}:
        return
    for index, line in enumerate(lines):
        written = line.removeprefix(":type: ")
        if written != line and " " in written and not set("[|") & set(written):
            del lines[index]
            first = next(i for i, text in enumerate(lines) if text.strip())
            lines[first] = f"{written}: {lines[first]}"
            return


def setup(app: Sphinx) -> None:
    """Register the reference resolver for private module paths, the figures and the fixes."""
    _evaluable_annotations()
    app.connect("missing-reference", _public_name)
    app.connect("builder-inited", _draw_figures)
    # After napoleon (priority 500), which makes the ":type:" line this undoes.
    app.connect("autodoc-process-docstring", _prose_not_type, priority=600)
