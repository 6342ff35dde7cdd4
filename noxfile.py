"""Development sessions: tests, typing, lint, docs, bench (`nox -l` lists them).

Each session installs what it needs from pyproject.toml's dependency groups, so pip's
own `--group` support (pip 25.1+) is not needed here.
"""

from __future__ import annotations

import nox

nox.needs_version = ">=2025.2.9"  # nox.project.dependency_groups
nox.options.default_venv_backend = "venv"
nox.options.error_on_external_run = True
# What a bare `nox` runs, and what CI runs; `bench` only on request.
nox.options.sessions = ["tests", "typing", "lint", "docs"]

PYPROJECT = nox.project.load_toml("pyproject.toml")


def _groups(*names: str) -> list[str]:
    return nox.project.dependency_groups(PYPROJECT, *names)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the tests and doctests against the installed (not editable) package, with coverage."""
    session.install(".", *_groups("test"))
    # The doctests are collected from the installed package (--pyargs), not from src/, so that
    # both the tests and the doctests use the same, installed, modules.
    args = session.posargs or ["tests", "--pyargs", "un_migration_network"]
    session.run("coverage", "erase")
    session.run("coverage", "run", "-m", "pytest", *args)
    session.run("coverage", "combine")
    session.run("coverage", "report")


@nox.session
def typing(session: nox.Session) -> None:
    """Type-check src and tests with mypy, strict."""
    session.install(".", *_groups("typing"))
    session.run("mypy", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Lint with ruff and check the formatting."""
    session.install(*_groups("lint"))
    session.run("ruff", "check", *(session.posargs or ["."]))
    session.run("ruff", "format", "--check", *(session.posargs or ["."]))


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML docs; any warning, or any reference that does not resolve, fails."""
    session.install(".", *_groups("docs"))
    session.run(
        "sphinx-build", "-n", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html"
    )


@nox.session
def bench(session: nox.Session) -> None:
    """Run the performance suite; it builds its own environment with the package and pycountry."""
    session.run("python", "benchmarks/run.py", *session.posargs)
