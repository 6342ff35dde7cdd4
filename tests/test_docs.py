"""The docs are tested: every page's examples run; the site builds and runs the notebook.

Fenced code blocks in ``docs/*.md`` and ``README.md`` are run by their language:

- ``pycon``, or ``python`` starting with ``>>>``: a doctest (ELLIPSIS and NORMALIZE_WHITESPACE);
- ``python``: executed;
- ``console``: each ``$ un-migration-network ...`` line is run, and what it prints (stdout then
  stderr) must match the lines under it; a session that shows an error line
  (``un-migration-network: ...``) must exit with status 1 or 2, any other with 0;
- ``sh``, ``text``, ``json``, ``csv``: shown, not run (install commands, file formats);
- ``{directive}``: MyST directives, not code (the gallery's ``{code-cell}`` blocks are run by
  the site's build, which executes the gallery and the example notebook).

Any other language fails the test, so no example is skipped by accident.  The blocks of one
page share one namespace and run in order, in a fresh working directory.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import un_migration_network
from un_migration_network import Code, Severity
from un_migration_network.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [*sorted(DOCS.glob("*.md")), ROOT / "README.md"]
NOTEBOOK = DOCS / "example.ipynb"

# The directory that holds the package under test, so that subprocesses import the same copy.
PACKAGE_PARENT = str(Path(un_migration_network.__file__).resolve().parent.parent)

FENCE = re.compile(
    r"^(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
SHOWN_ONLY = frozenset({"sh", "text", "json", "csv"})
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
PROG = "un-migration-network"
# As the docs nox session builds it: any warning, or any reference that does not resolve, fails.
SPHINX_BUILD = ("-m", "sphinx", "-n", "-W", "--keep-going", "-q", "-b", "html")
ERROR_PREFIX = f"{PROG}: "
# The widest line a code block may have: wider runs off the page.
WIDTH = 88


@dataclass(frozen=True)
class Block:
    """One fenced code block of a page."""

    language: str
    body: str
    line: int


def blocks(page: Path) -> list[Block]:
    """The fenced code blocks of *page*, in order."""
    text = page.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        line = text.count("\n", 0, match.start("body")) + 1
        language = match["info"].strip().split(" ")[0]
        found.append(Block(language, match["body"], line))
    return found


def environment() -> dict[str, str]:
    """The environment for a subprocess: this package first on the path, a fixed width."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (PACKAGE_PARENT, env.get("PYTHONPATH", "")) if p)
    env["COLUMNS"] = "80"
    return env


def run_doctest(page: Path, block: Block, namespace: dict[str, object]) -> list[str]:
    """Run a ``>>>`` block; return a report of each failing example."""
    name = f"{page.name}:{block.line}"
    test = doctest.DocTestParser().get_doctest(
        block.body, namespace, name, str(page), block.line - 1
    )
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test, out=report.append, clear_globs=False)
    # A DocTest works on a copy of the namespace: keep what the block defined.
    namespace.update(test.globs)
    return report


def run_python(page: Path, block: Block, namespace: dict[str, object]) -> None:
    """Execute a plain Python block in the page's namespace."""
    # Line numbers in a traceback point into the page.
    source = "\n" * (block.line - 1) + block.body
    exec(compile(source, str(page), "exec"), namespace)  # noqa: S102 - the docs' own examples


def run_command(argv: list[str]) -> tuple[int, str]:
    """Run the command line in this process; return its status and what it printed."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            status = main(argv)
        except SystemExit as exit_:  # argparse's --help, --version and usage errors
            status = exit_.code if isinstance(exit_.code, int) else 1
    return status, stdout.getvalue() + stderr.getvalue()


def run_console(page: Path, block: Block) -> list[str]:
    """Run each ``$`` command of a console block; return a report of each mismatch."""
    sessions: list[tuple[str, list[str]]] = []
    for text in block.body.splitlines():
        if text.startswith("$ "):
            sessions.append((text[2:], []))
        elif sessions:
            sessions[-1][1].append(text)
        else:
            return [f"{page.name}:{block.line}: output before any '$ ' command"]
    report = []
    checker = doctest.OutputChecker()
    for command, lines in sessions:
        argv = shlex.split(command)
        if argv[:1] != [PROG]:
            report.append(f"{page.name}:{block.line}: only {PROG} commands can run: {command}")
            continue
        status, got = run_command(argv[1:])
        want = "\n".join(lines).rstrip("\n") + "\n"
        if not checker.check_output(want, got, FLAGS):
            report.append(f"{page.name}:{block.line}: $ {command}\n--- want\n{want}--- got\n{got}")
        expects_error = any(line.startswith(ERROR_PREFIX) for line in lines)
        if expects_error != (status != 0):
            report.append(f"{page.name}:{block.line}: $ {command} exited with {status}")
    return report


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every code block of the page runs and prints what the page shows."""
    monkeypatch.chdir(tmp_path)
    # The command line fits its tables to the terminal; the docs show 80 columns.
    monkeypatch.setenv("COLUMNS", "80")
    namespace: dict[str, object] = {"__name__": f"docs.{page.stem}"}
    report: list[str] = []
    for block in blocks(page):
        if block.language.startswith("{") or block.language in SHOWN_ONLY:
            continue
        if block.language == "pycon" or (
            block.language == "python" and block.body.lstrip().startswith(">>>")
        ):
            report += run_doctest(page, block, namespace)
        elif block.language == "python":
            run_python(page, block, namespace)
        elif block.language == "console":
            report += run_console(page, block)
        else:
            report.append(f"{page.name}:{block.line}: unknown code block {block.language!r}")
    assert not report, "\n".join(report)


def test_narrative_pages_have_runnable_examples() -> None:
    """The narrative pages have runnable examples, so the test above checks something."""
    runnable = {"pycon", "python", "console"}
    for name in ("getting-started.md", "tour.md", "data.md", "cli.md"):
        languages = {block.language for block in blocks(DOCS / name)}
        assert languages & runnable, name


def test_api_page_documents_exactly_the_public_names() -> None:
    """The API page has one entry for each name in ``__all__``, and no other."""
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    automatic = re.findall(r"^\.\. auto(?:class|function|exception):: (\S+)$", text, re.MULTILINE)
    data = re.findall(r"^```\{py:data\} (\S+)$", text, re.MULTILINE)
    documented = automatic + data
    assert sorted(documented) == sorted(un_migration_network.__all__)


def test_code_blocks_fit_the_page() -> None:
    """No line of a code block on a page is wider than the page shows (88 characters)."""
    wide = [
        f"{page.name}:{block.line + number}: {len(text)} characters"
        for page in PAGES
        if page.parent == DOCS
        for block in blocks(page)
        if not block.language.startswith("{") or block.language == "{code-cell}"
        for number, text in enumerate(block.body.splitlines())
        if len(text) > WIDTH
    ]
    assert wide == []


def test_notebook_stored_without_outputs() -> None:
    """The example notebook is stored without outputs: the site's build runs it.

    `test_site_shows_the_figures_and_the_executed_notebook` checks what the run shows.
    """
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code != []
    assert [c for c in code if c["outputs"] != [] or c["execution_count"] is not None] == []


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once as the docs nox session builds it; its HTML directory."""
    html = tmp_path_factory.mktemp("site") / "html"
    done = subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, *SPHINX_BUILD, DOCS, html],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment(),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return html


def test_site_builds_without_warnings(site: Path) -> None:
    """Sphinx builds the site with every reference resolved and no warning (``-n -W``)."""
    api = (site / "api.html").read_text(encoding="utf-8")
    for name in un_migration_network.__all__:
        assert f'id="un_migration_network.{name}"' in api, name


def test_site_shows_the_figures_and_the_executed_notebook(site: Path) -> None:
    """The built site has the data page's map and plot, and the notebook and the gallery run.

    The notebook is stored without outputs: the build runs it, so its page shows the HTML
    record views and its two plots; the gallery shows a terminal page and HTML tables.
    """
    data = (site / "data.html").read_text(encoding="utf-8")
    assert "network-map.png" in data
    assert "coverage.png" in data
    assert (site / "_images" / "network-map.png").stat().st_size > 0
    example = (site / "example.html").read_text(encoding="utf-8")
    assert example.count("<img") >= 2
    assert "United Nations Network on Migration in Mozambique</caption>" in example
    gallery = (site / "gallery.html").read_text(encoding="utf-8")
    assert "Data as of" in gallery
    assert "<caption" in gallery


def _code_table(section: str) -> dict[str, str]:
    """The rows of a table of codes on the data page, as {code: meaning}."""
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (.+) \|$", section, re.MULTILINE)
    return dict(rows)


def test_data_page_lists_exactly_the_codes() -> None:
    """The data page's three tables are the Code enum: every code, with its rule, and no other."""
    page = (DOCS / "data.md").read_text(encoding="utf-8")
    errors = page.partition("### Errors: the data is broken")[2].partition("### Warnings")[0]
    warnings = page.partition("### Warnings: sources disagree")[2].partition("\n## ")[0]
    loading = page.partition("## Load-problem codes")[2].partition("\n## ")[0]
    validate = {code for code in Code if "validate" in code.stages}
    assert _code_table(errors) == {
        str(c): c.__doc__ for c in validate if c.severity is Severity.ERROR
    }
    assert _code_table(warnings) == {
        str(c): c.__doc__ for c in validate if c.severity is Severity.WARNING
    }
    assert _code_table(loading) == {str(c): c.__doc__ for c in Code if "load" in c.stages}
