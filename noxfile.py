"""Development sessions (`nox -l` lists them).

Two ways to run them:

- `nox`, with no arguments, is the quick local loop (a few minutes): the tests and doctests
  on the Python that runs nox, without coverage and with few Hypothesis examples (the "quick"
  profile of tests/conftest.py), then mypy --strict and ruff.
- `nox -s ci` is the full check, the README's second command and what `.ci/run` runs: the
  tests with 100% branch coverage and the "ci" Hypothesis profile on Python 3.11, the tests
  on 3.12 and 3.13 (the "quick" profile), mypy, ruff, the docs (built with -n -W, every
  example on every page run), the packaging checks (sdist and wheel built, `twine check`, no
  relative link in the long description, the wheel's contents) and CITATION.cff validated.

Every session installs the package (not editable) and only the dependency groups it needs.
Environments are kept and reused between local runs; under CI (the `CI` variable set, as
`.ci/run` does) every one is made new.

The README promises that `nox -s ci` passes on a machine with nothing but one Python 3.11 or
newer. So the coverage session runs on Python 3.11 where it is found, else on the Python that
runs nox; and a version of the matrix that is not found here (on PATH or in pyenv) is left out
of `ci`, which then says so in capitals, and `.ci/run` repeats it at the end. Asked for by
name (`nox -s tests-3.12`), a missing Python fails its session; nox never downloads one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nox

# nox.project.dependency_groups, download_python, and the parallel scheduler (`requires=`,
# allow_parallel) are all in the nox this file was written against.
nox.needs_version = ">=2026.10.20"
nox.options.default_venv_backend = "venv"
nox.options.error_on_external_run = True
# A Python a session asks for and that is not here fails that session, locally too; nox
# never downloads one.
nox.options.error_on_missing_interpreters = True
nox.options.download_python = "never"
# Locally, keep each session's environment between runs (pip still installs the package
# afresh each time); CI starts from nothing.
nox.options.reuse_venv = "no" if os.environ.get("CI") else "yes"
# A bare `nox`: the quick loop.
nox.options.sessions = ["tests", "typing", "lint"]
# Sessions run side by side, one per core, each in its own nox process whose output is shown
# when it ends: the tests are single-threaded, and one session's downloads overlap another's
# tests. `nox -j 1` runs them one by one, with their output as it comes. The sessions that
# write to the tree or measure time (data, bench) run alone.
nox.options.parallel = "auto"
nox.options.allow_parallel = True

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml("pyproject.toml")
REFERENCE = ROOT.parent / "shared" / "reference"
# The lowest releases pyproject.toml admits: `tests-oldest` proves the floor is real.
OLDEST = ["attrs==25.4.0", "cattrs==26.1.0"]
# The Pythons CI tests, as the classifiers in pyproject.toml say; coverage is measured on the
# first.
PYTHONS = ("3.11", "3.12", "3.13")

# The tests of the docs and of the distributions need the docs' and the packaging tools, and
# run in those sessions; every other test runs in the test sessions. The doctests are
# collected from the installed package (--pyargs), not from src/, so that the tests and the
# doctests use the same, installed, modules.
DOCS_TESTS = "tests/test_docs.py"
PACKAGING_TESTS = "tests/test_packaging.py"
TESTS = [
    "tests",
    f"--ignore={DOCS_TESTS}",
    f"--ignore={PACKAGING_TESTS}",
    "--pyargs",
    "un_migration_network",
]


def _groups(*names: str) -> list[str]:
    return nox.project.dependency_groups(PYPROJECT, *names)


def _works(python: str, version: str) -> bool:
    """Whether *python* runs and is Python *version* (a pyenv shim of another one fails)."""
    try:
        done = subprocess.run(  # noqa: S603 - an interpreter we found, fixed arguments
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except OSError:
        return False
    return done.returncode == 0 and done.stdout.strip() == version


def _find_python(version: str) -> str | None:
    """The newest working interpreter for *version*: on PATH, or pyenv's; None if none.

    nox's own search does not look into pyenv, and pyenv's `pythonX.Y` shims on PATH fail
    unless that version is selected, so the versions pyenv installed are looked at directly.
    """
    candidates = [shutil.which(f"python{version}")]
    if sys.version_info[:2] == tuple(map(int, version.split("."))):
        candidates.append(sys.executable)
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    installed = [
        path
        for path in pyenv.glob(f"{version}.*/bin/python{version}")
        if re.fullmatch(rf"{re.escape(version)}\.\d+", path.parent.parent.name)
    ]
    installed.sort(key=lambda path: int(path.parent.parent.name.rpartition(".")[2]), reverse=True)
    candidates += [str(path) for path in installed]
    return next((c for c in candidates if c and _works(c, version)), None)


# The version itself where none is found: nox then reports "Python interpreter 3.12 not
# found" and, with error_on_missing_interpreters, fails the session.
INTERPRETERS = {version: _find_python(version) for version in PYTHONS}
# The versions of the matrix not found here: `ci` leaves their sessions out and says so.
MISSING = tuple(version for version in PYTHONS[1:] if INTERPRETERS[version] is None)


def _python(version: str) -> str:
    return INTERPRETERS[version] or version


def _pytest(session: nox.Session, *args: str, profile: str) -> None:
    session.run("python", "-VV")
    session.run("pytest", *args, env={"HYPOTHESIS_PROFILE": profile})


@nox.session
def tests(session: nox.Session) -> None:
    """The quick loop's tests: no coverage, few Hypothesis examples, on nox's Python.

    `nox -s tests -- tests/test_cli.py -x` runs a part.
    """
    session.install(".", *_groups("tests"))
    _pytest(session, "-q", *(session.posargs or TESTS), profile="quick")


@nox.session(name="coverage", python=INTERPRETERS[PYTHONS[0]])
def coverage(session: nox.Session) -> None:
    """The tests with 100% branch coverage, each property tried 100 times ("ci" profile).

    On Python 3.11 where it is found, else on the Python that runs nox.
    """
    session.install(".", *_groups("tests"))
    session.run("coverage", "erase")
    session.run("python", "-VV")
    session.run(
        "coverage",
        "run",
        "-m",
        "pytest",
        "-q",
        *(session.posargs or TESTS),
        env={"HYPOTHESIS_PROFILE": "ci"},
    )
    session.run("coverage", "combine", "--quiet")
    session.run("coverage", "report")


def _tests_on(version: str) -> None:
    @nox.session(name=f"tests-{version}", python=_python(version))
    def tests_on(session: nox.Session) -> None:
        session.install(".", *_groups("tests"))
        # Here the point is the other Python, not the fuzzing: the coverage session tries
        # each property 100 times, this one 10 times.
        _pytest(session, "-q", *(session.posargs or TESTS), profile="quick")

    tests_on.__doc__ = f"The tests on Python {version}, without coverage (10 examples a property)."


for _version in PYTHONS[1:]:
    _tests_on(_version)


@nox.session(name="tests-oldest")
def tests_oldest(session: nox.Session) -> None:
    """Run the tests against the lowest attrs and cattrs that pyproject.toml admits."""
    session.install(".", *_groups("tests"), *OLDEST)
    # cattrs has no __version__: ask the installed distributions.
    session.run(
        "python",
        "-c",
        "from importlib.metadata import version; print(version('attrs'), version('cattrs'))",
    )
    _pytest(session, "-q", *(session.posargs or TESTS), profile="quick")


@nox.session
def typing(session: nox.Session) -> None:
    """Type-check src, tests and tools with mypy, strict."""
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
    """Build the HTML docs (any warning or unresolved reference fails) and run their examples.

    tests/test_docs.py makes the build .readthedocs.yaml makes (the gallery and the example
    notebook executed in it), and runs every example of every page and of README.md.
    """
    session.install(".", *_groups("docs", "tests"))
    # tests/test_docs.py builds the site itself (sphinx -n -W, as Read the Docs does) and
    # checks what it holds, so the session builds it once.
    _pytest(session, "-q", DOCS_TESTS, *session.posargs, profile="default")


@nox.session
def packaging(session: nox.Session) -> None:
    """Build the sdist and wheel as a release does, and check them for PyPI.

    `python -m build` (isolated, as for a release), `twine check --strict`, no relative link in
    the long description PyPI shows, then tests/test_packaging.py (what the wheel holds; it
    runs from a zip).
    """
    session.install(".", *_groups("packaging", "tests"))
    dist = Path(session.create_tmp()) / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", str(dist), ".")
    built = sorted(str(path) for path in dist.iterdir())
    session.run("twine", "check", "--strict", *built)
    session.run("python", "tools/check_long_description.py", *built)
    _pytest(session, "-q", PACKAGING_TESTS, *session.posargs, profile="default")


@nox.session
def citation(session: nox.Session) -> None:
    """Validate CITATION.cff against the Citation File Format schema."""
    session.install(*_groups("citation"))
    session.run("cffconvert", "--validate", "--infile", "CITATION.cff")


# What `nox -s ci` runs, the longest first so that the others share the other core with it.
CI = [
    "coverage",
    *(f"tests-{version}" for version in PYTHONS[1:] if version not in MISSING),
    "docs",
    "typing",
    "packaging",
    "lint",
    "citation",
]


@nox.session(venv_backend="none", requires=CI)
def ci(session: nox.Session) -> None:
    """The full check (what .ci/run runs): every session CI requires, each in its own env."""
    # Runs once all of them have passed (nox runs the sessions it requires first, and none
    # of this if one fails).
    for version in PYTHONS:
        session.log(f"Python {version}: {INTERPRETERS[version] or 'NOT FOUND'}")
    session.log(f"Every session passed: {', '.join(CI)}")
    for version in MISSING:
        session.warn(
            f"PYTHON {version} WAS NOT FOUND (on PATH or in pyenv): THE TESTS DID NOT RUN ON IT"
        )


@nox.session(allow_parallel=False)
def data(session: nox.Session) -> None:
    """Put the bundled data in canonical form, write its index, and validate it.

    With ``-- --check``, change nothing and fail if either file is stale (see CONTRIBUTING.md).
    """
    session.install("-e", ".")
    session.run("python", "tools/data.py", *session.posargs)


@nox.session
def reference(session: nox.Session) -> None:
    """Check every bundled fact against the reference pack in ../shared/reference, if present."""
    if not REFERENCE.is_dir():
        session.skip(f"the reference pack is not at {REFERENCE}")
    session.install(".", *_groups("tests"))
    session.run("pytest", "-q", "tests/reference", *session.posargs)


@nox.session(allow_parallel=False)
def bench(session: nox.Session) -> None:
    """Run the performance suite; it builds its own environment with the package and pycountry."""
    session.run("python", "benchmarks/run.py", *session.posargs)
