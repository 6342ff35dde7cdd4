"""Development sessions (`nox -l` lists them).

A bare `nox` (the README's test command, and what CI runs) runs `check`: the whole suite in one
environment, installed once from pyproject.toml's dependency groups: the tests and doctests
with 100% branch coverage, mypy --strict, ruff and the docs build. The single sessions
(`tests`, `typing`, `lint`, `docs`) run one step each. Each session installs what it needs
itself, so pip's own `--group` support (pip 25.1+) is not needed here.
"""

from __future__ import annotations

from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"  # nox.project.dependency_groups
nox.options.default_venv_backend = "venv"
nox.options.error_on_external_run = True
# What a bare `nox` runs, and what CI runs; the others on request.
nox.options.sessions = ["check"]

PYPROJECT = nox.project.load_toml("pyproject.toml")
REFERENCE = Path(__file__).parent.parent / "shared" / "reference"
# The lowest releases pyproject.toml admits: `tests-oldest` proves the floor is real.
OLDEST = ["attrs==25.4.0", "cattrs==26.1.0"]


def _groups(*names: str) -> list[str]:
    return nox.project.dependency_groups(PYPROJECT, *names)


def _run_tests(session: nox.Session) -> None:
    # The doctests are collected from the installed package (--pyargs), not from src/, so that
    # both the tests and the doctests use the same, installed, modules.
    args = session.posargs or ["tests", "--pyargs", "un_migration_network"]
    session.run("coverage", "erase")
    session.run("coverage", "run", "-m", "pytest", *args)
    session.run("coverage", "combine")
    session.run("coverage", "report")


def _run_typing(session: nox.Session) -> None:
    session.run("mypy", *session.posargs)


def _run_lint(session: nox.Session) -> None:
    session.run("ruff", "check", *(session.posargs or ["."]))
    session.run("ruff", "format", "--check", *(session.posargs or ["."]))


def _run_docs(session: nox.Session) -> None:
    session.run(
        "sphinx-build", "-n", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html"
    )


@nox.session
def check(session: nox.Session) -> None:
    """Everything CI checks, in one environment: tests, typing, lint, docs."""
    session.install(".", *_groups("typing", "lint", "docs"))
    _run_tests(session)
    _run_typing(session)
    _run_lint(session)
    _run_docs(session)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the tests and doctests against the installed (not editable) package, with coverage."""
    session.install(".", *_groups("test"))
    _run_tests(session)


@nox.session(name="tests-oldest")
def tests_oldest(session: nox.Session) -> None:
    """Run the tests against the lowest attrs and cattrs that pyproject.toml admits."""
    session.install(".", *_groups("test"), *OLDEST)
    session.run(
        "python", "-c", "import attrs, cattrs; print(attrs.__version__, cattrs.__version__)"
    )
    session.run("pytest", "-q", *(session.posargs or ["tests", "--pyargs", "un_migration_network"]))


@nox.session
def typing(session: nox.Session) -> None:
    """Type-check src and tests with mypy, strict."""
    session.install(".", *_groups("typing"))
    _run_typing(session)


@nox.session
def lint(session: nox.Session) -> None:
    """Lint with ruff and check the formatting."""
    session.install(*_groups("lint"))
    _run_lint(session)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML docs; any warning, or any reference that does not resolve, fails."""
    session.install(".", *_groups("docs"))
    _run_docs(session)


@nox.session
def data(session: nox.Session) -> None:
    """Put the bundled data in canonical form, validate it, and regenerate `_generated`.

    With ``-- --check``, change nothing and fail if either is stale (see CONTRIBUTING.md).
    """
    session.install("-e", ".")
    session.run("python", "tools/data.py", *session.posargs)
    # The fast path's structure functions follow the record classes: rewritten (or checked)
    # with the data, by the cattrs installed here.
    check = [arg for arg in session.posargs if arg == "--check"]
    session.run("python", "tools/generate_structure.py", *check)


@nox.session
def reference(session: nox.Session) -> None:
    """Check every bundled fact against the reference pack in ../shared/reference, if present."""
    if not REFERENCE.is_dir():
        session.skip(f"the reference pack is not at {REFERENCE}")
    session.install(".", *_groups("test"))
    session.run("pytest", "-q", "tests/reference", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Run the performance suite; it builds its own environment with the package and pycountry."""
    session.run("python", "benchmarks/run.py", *session.posargs)
