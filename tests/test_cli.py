"""The command line: every command in-process (``cli.main``), and as a real process where it must.

Most tests run ``main([...])`` in this process and read what it printed with ``capsys``; child
processes are used only for what needs a real process: a closed, full or cut-off standard
output, the interpreter's own encoding of its streams, and the console script.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import math
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import un_migration_network as umn
from un_migration_network import cli
from un_migration_network._kinds import REGISTERED, kind_named
from un_migration_network.cli import main
from un_migration_network.exceptions import quote

PROG = "un-migration-network"
WIDTH = 80
HEIGHT = 24
MEGABYTE = 1_000_000
SEED = "https://mozambique.iom.int/news/un-network-migration-mozambique-officially-launched"
CLOSED = f"{PROG}: cannot write the output: standard output is closed\n"
FULL = f"{PROG}: cannot write the output: No space left on device\n"
#: The kinds `list` and `export --format csv` take; `list` also takes "committee".
LIST_KINDS = cli.KINDS
#: The earlier release's document (``git show e0a9a52:src/un_migration_network/data/...``).
RELEASE_0_2 = Path(__file__).parent / "data" / "release-0.2.0.json"
_ENTRY = re.compile(r"\[(\d+)\] .*")
_MARK = re.compile(r"\[(\d+)\]")
LANGUAGES = ("ar", "es", "fr", "ru", "zh")


class Result(NamedTuple):
    """What one run of the command line gave."""

    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """Run ``main(args)`` in this process; its exit status, stdout and stderr."""
    code = main(list(args))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def rows(out: str) -> list[tuple[str, str]]:
    """The labelled rows of a page, as (label, text), wrapped lines joined."""
    body = out.split("\n\n", 1)[0].splitlines()
    rule = next(i for i, line in enumerate(body) if line and set(line) == {"="})
    found: list[list[str]] = []
    for line in body[rule + 1 :]:
        if line.startswith(" ") and found:
            found[-1][1] += " " + line.strip()
        else:
            label, _, text = line.partition("  ")
            found.append([label, text.strip()])
    return [(label, text) for label, text in found]


def row(out: str, label: str) -> str:
    """The text of the one row of a page with this label."""
    (text,) = [text for found, text in rows(out) if found == label]
    return text


def unmarked(text: str) -> str:
    """A row's text without its source numbers."""
    return " ".join(_MARK.sub("", text).split())


def title(out: str) -> str:
    """A page's title (its lines above the rule, joined)."""
    lines = out.splitlines()
    rule = next(i for i, line in enumerate(lines) if line and set(line) == {"="})
    return " ".join(lines[:rule])


def footnotes(out: str) -> dict[int, str]:
    """The web address of each numbered source listed on a page, cited or consulted."""
    return {
        int(match[1]): line.rsplit(" ", 1)[-1]
        for line in out.splitlines()
        if (match := _ENTRY.fullmatch(line)) is not None
    }


def cited(out: str, label: str) -> list[str]:
    """The addresses of the sources the row with this label cites, in order."""
    notes = footnotes(out)
    return [notes[int(n)] for n in _MARK.findall(row(out, label))]


def table(out: str) -> list[dict[str, str]]:
    """A table's rows, each cell under its header (columns found from the rule)."""
    lines = out.splitlines()
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", lines[1])]
    headers = [lines[0][a:b].strip() for a, b in spans]
    return [
        {h: line[a:b].strip() for h, (a, b) in zip(headers, spans, strict=True)}
        for line in lines[2:]
    ]


def ids(out: str) -> list[str]:
    """The first column of a table: the records' keys."""
    return [line.split()[0] for line in out.splitlines()[2:]]


def terminal_rows(out: str, width: int = WIDTH) -> int:
    """How many rows of a terminal *width* columns wide the text takes (long lines wrap)."""
    return sum(max(1, math.ceil(len(line) / width)) for line in out.splitlines())


def source_ids(value: object) -> set[str]:
    """Every source id a JSON record cites: its "sources" and "citations", nested ones too."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "sources":
                found.update(item)
            elif key == "citations":
                found.update(i for cited_ids in item.values() for i in cited_ids)
            else:
                found |= source_ids(item)
    elif isinstance(value, list):
        for item in value:
            found |= source_ids(item)
    return found


def assert_invalid_choice(err: str, where: str, value: str) -> None:
    """*err* is argparse's one line for a value not among the choices.

    Python versions word the list of choices differently: the rest is checked exactly.
    """
    assert err.startswith(f"{PROG}: {where}: invalid choice: {value} (choose from ")
    assert err.endswith(") (see --help)\n")
    assert err.count("\n") == 1


def package_env() -> dict[str, str]:
    """The environment for a child Python that imports this same copy of the package."""
    root = str(Path(umn.__file__).parents[1])
    existing = os.environ.get("PYTHONPATH")
    path = root + (os.pathsep + existing if existing else "")
    return {**os.environ, "PYTHONPATH": path, "COLUMNS": str(WIDTH)}


class Terminal(io.StringIO):
    """A standard output that is a terminal."""

    def isatty(self) -> bool:
        """Whether the stream is a terminal: it is."""
        return True


class FailingStream(io.StringIO):
    """A standard output (or error) whose writes fail with one error."""

    def __init__(self, error: Exception, *, on_flush: bool = False) -> None:
        super().__init__()
        self.error = error
        self.on_flush = on_flush

    def write(self, text: str, /) -> int:
        """Fail, unless only flushing fails."""
        if not self.on_flush:
            raise self.error
        return super().write(text)

    def flush(self) -> None:
        """Fail when asked to."""
        if self.on_flush:
            raise self.error


class BrokenPipeWithDescriptor(FailingStream):
    """A standard output on a real file descriptor whose reader has gone away."""

    def __init__(self, descriptor: int) -> None:
        super().__init__(BrokenPipeError(errno.EPIPE, "Broken pipe"))
        self.descriptor = descriptor

    def fileno(self) -> int:
        """The descriptor it writes to."""
        return self.descriptor


@pytest.fixture(autouse=True)
def _columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal of a known width, so tables and help wrap the same way everywhere."""
    monkeypatch.setenv("COLUMNS", str(WIDTH))


@pytest.fixture
def umask() -> Iterator[int]:
    """A known umask (027) for the test, the one before it restored after."""
    before = os.umask(0o027)
    yield 0o027
    os.umask(before)


def bundled_document() -> dict[str, Any]:
    """A fresh copy of the bundled JSON document."""
    data: dict[str, Any] = json.loads(umn.load().to_json())
    return data


def element(data: dict[str, Any], kind: str, key: str) -> tuple[int, dict[str, Any]]:
    """The index and the element of ``data[kind]`` whose id is *key*."""
    return next((i, item) for i, item in enumerate(data[kind]) if item.get("id") == key)


def write_document(path: Path, data: dict[str, Any]) -> Path:
    """Write a JSON document to *path*."""
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- show -------------------------------------------------------------------------------


class TestShow:
    """``show QUERY`` prints the page of any one record."""

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            pytest.param(
                "UNHCR",
                "UNHCR (Office of the United Nations High Commissioner for Refugees)",
                id="agency",
            ),
            pytest.param(
                "UN Habitat", "UN-Habitat (United Nations Human Settlements Programme)", id="alias"
            ),
            pytest.param(
                "Mozambique", "United Nations Network on Migration in Mozambique", id="network"
            ),
            pytest.param("MOZ", "United Nations Network on Migration in Mozambique", id="iso3"),
            pytest.param(
                "Bangladesh",
                "United Nations Network on Migration in Bangladesh",
                id="network-outranks-champion",
            ),
            pytest.param("champion Bangladesh", "Bangladesh", id="champion"),
            pytest.param("Guatemala", "Guatemala", id="country"),
            pytest.param("country MZ", "Mozambique", id="country-named-by-kind"),
            pytest.param(
                "Ivory Coast",
                "United Nations Network on Migration in Côte d’Ivoire",
                id="country-alias",
            ),
            pytest.param(
                "Tchad", "United Nations Network on Migration in Chad", id="country-in-french"
            ),
            pytest.param(
                "埃及", "United Nations Network on Migration in Egypt", id="country-in-chinese"
            ),
            pytest.param(
                "objective 13",
                "Objective 13: Use migration detention only as a measure of last resort and "
                "work towards alternatives",
                id="objective",
            ),
            pytest.param(
                "13",
                "Objective 13: Use migration detention only as a measure of last resort and "
                "work towards alternatives",
                id="objective-number",
            ),
            pytest.param(
                "principle c", "Guiding principle (c): National sovereignty", id="principle"
            ),
            pytest.param(
                "guiding principle: c",
                "Guiding principle (c): National sovereignty",
                id="guiding-principle",
            ),
            pytest.param(
                "gcm", "Global Compact for Safe, Orderly and Regular Migration (GCM)", id="gcm"
            ),
            pytest.param(
                "Global Compact for Safe, Orderly and Regular Migration",
                "Global Compact for Safe, Orderly and Regular Migration (GCM)",
                id="compact-name",
            ),
            pytest.param(
                "Pacte mondial pour des migrations sûres, ordonnées et régulières",
                "Global Compact for Safe, Orderly and Regular Migration (GCM)",
                id="compact-french-name",
            ),
            pytest.param("imrf", "International Migration Review Forum (IMRF)", id="imrf"),
            pytest.param(
                "executive committee",
                "The Executive Committee of the UN Network on Migration",
                id="executive-committee",
            ),
            pytest.param("ec", "The Executive Committee of the UN Network on Migration", id="ec"),
            pytest.param(
                "source seed-iom-mozambique-2022",
                "UN Network for Migration in Mozambique officially launched",
                id="source",
            ),
            pytest.param(
                "event mozambique-kick-off-meeting", "2022-02-16: Kick-off meeting", id="event"
            ),
            pytest.param(
                "observation gcm-pledges-imrf-2022",
                "2022-05-20: more than 200 pledges",
                id="observation",
            ),
        ],
    )
    def test_finds(self, capsys: pytest.CaptureFixture[str], query: str, expected: str) -> None:
        """Each query names one record, whose page is titled by it."""
        result = run(capsys, "show", query)
        assert title(result.out) == expected

    def test_exit_status(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A page is a success: exit 0, nothing on stderr."""
        result = run(capsys, "show", "Mozambique")
        assert result.code == 0
        assert result.err == ""

    def test_data_date(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A page ends, after a blank line, with the data's as-of date."""
        result = run(capsys, "show", "Mozambique")
        as_of = umn.load().as_of.isoformat()
        assert result.out.splitlines()[-2:] == ["", f"Data as of {as_of}."]

    def test_launch_footnote_is_the_seed(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Mozambique's "launched" row is footnoted with the IOM Mozambique page."""
        result = run(capsys, "show", "Mozambique")
        assert row(result.out, "launched").startswith("2022-02-15 [")
        assert cited(result.out, "launched") == [SEED]

    def test_sources_numbered_once(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The sources below a page are numbered 1, 2, 3..., each source once."""
        result = run(capsys, "show", "Mozambique")
        notes = footnotes(result.out)
        assert list(notes) == list(range(1, len(notes) + 1))
        assert sorted(notes.values()) == sorted(s.url for s in umn.networks.lookup("MZ").sources)

    def test_also_consulted(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A source no field cites is listed apart, after the cited ones."""
        lines = run(capsys, "show", "Mozambique").out.splitlines()
        start = lines.index("Also consulted (cited by no field above)")
        assert lines[start + 1] == (
            "[3] https://migrationnetwork.un.org/regional-information-brief-african-region"
        )

    def test_marks_cite_listed_sources(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Every "[n]" on the page is a numbered source below it."""
        result = run(capsys, "show", "gcm")
        marked = {int(n) for _, text in rows(result.out) for n in _MARK.findall(text)}
        assert marked - set(footnotes(result.out)) == set()

    def test_source_page_lists_no_sources(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A source's own page has no list of sources, and its address whole."""
        result = run(capsys, "show", "source seed-iom-mozambique-2022")
        assert "Sources" not in result.out.splitlines()
        assert row(result.out, "url") == SEED

    @pytest.mark.parametrize("brief", [(), ("--brief",)], ids=["whole", "brief"])
    def test_mozambique_fits_80x24(
        self, capsys: pytest.CaptureFixture[str], brief: tuple[str, ...]
    ) -> None:
        """Mozambique's page fits a terminal of 80 columns and 24 rows, with its sources or not."""
        out = run(capsys, "show", "Mozambique", *brief).out
        assert terminal_rows(out) <= HEIGHT

    def test_brief(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--brief`` leaves out the lists of sources; the rows keep their numbers."""
        out = run(capsys, "show", "Mozambique", "--brief").out
        assert "Sources" not in out.splitlines()
        assert "Also consulted (cited by no field above)" not in out.splitlines()
        assert row(out, "launched") == "2022-02-15 [2]"

    def test_brief_same_rows(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--brief`` shows the same rows."""
        whole = rows(run(capsys, "show", "gcm").out)
        assert rows(run(capsys, "show", "gcm", "--brief").out) == whole

    @pytest.mark.parametrize("columns", ["60", "100"])
    def test_width(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: str
    ) -> None:
        """A page wraps at COLUMNS (web addresses are never cut)."""
        monkeypatch.setenv("COLUMNS", columns)
        lines = run(capsys, "show", "gcm").out.splitlines()
        assert [line for line in lines if len(line) > int(columns) and "://" not in line] == []

    def test_narrow_default(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Piped with no COLUMNS, a page wraps at 80."""
        monkeypatch.delenv("COLUMNS")
        lines = run(capsys, "show", "gcm").out.splitlines()
        assert [line for line in lines if len(line) > WIDTH and "://" not in line] == []


class TestShowCountry:
    """``show COUNTRY``: a country with no record of another kind gets its own page."""

    @pytest.fixture
    def guatemala(self, capsys: pytest.CaptureFixture[str]) -> Result:
        """``show Guatemala``."""
        return run(capsys, "show", "Guatemala")

    def test_success(self, guatemala: Result) -> None:
        """A country is no miss: exit 0, nothing on stderr."""
        assert (guatemala.code, guatemala.err) == (0, "")

    @pytest.mark.parametrize(
        ("label", "text"),
        [
            ("ISO alpha-2", "GT"),
            ("ISO alpha-3", "GTM"),
            ("M49", "320"),
            ("name", "Guatemala"),
            ("formal name", "the Republic of Guatemala"),
            ("region", "Americas"),
            ("sub-region", "Latin America and the Caribbean"),
            ("intermediate region", "Central America"),
            ("UN Member State", "yes"),
        ],
    )
    def test_codes_and_groupings(self, guatemala: Result, label: str, text: str) -> None:
        """Its codes, names and M49 groupings."""
        assert unmarked(row(guatemala.out, label)) == text

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_names_in_six_languages(self, guatemala: Result, lang: str) -> None:
        """Its name in each of the UN's languages (English is the "name" row)."""
        names = [text for label, text in rows(guatemala.out) if label == f"name ({lang})"]
        expected = umn.countries.lookup("GT").name_in(lang)
        assert expected in [unmarked(text) for text in names]

    def test_no_network(self, guatemala: Result) -> None:
        """The data lists no network there: "network  none listed", never a blank or zero."""
        assert "network               none listed" in guatemala.out.splitlines()

    def test_not_a_champion(self, guatemala: Result) -> None:
        """Whether it is a GCM Champion."""
        assert row(guatemala.out, "GCM Champion") == "no"

    def test_vote_not_named(self, guatemala: Result) -> None:
        """Its vote, where no source names it, is said to be unnamed."""
        assert row(guatemala.out, "vote on A/RES/73/195") == (
            "not named in the sources (they name the States against and abstaining)"
        )

    @pytest.mark.parametrize(("query", "vote"), [("Chile", "abstained"), ("Czechia", "against")])
    def test_vote(self, capsys: pytest.CaptureFixture[str], query: str, vote: str) -> None:
        """A State the sources name: its vote, footnoted."""
        text = row(run(capsys, "show", query).out, "vote on A/RES/73/195")
        assert unmarked(text) == vote
        assert _MARK.search(text) is not None

    def test_champion_country(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A Champion country's own page (asked for by ``country KEY``) says so."""
        out = run(capsys, "show", "country KH").out
        assert unmarked(row(out, "GCM Champion")) == "yes"

    def test_country_with_a_network(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A country's own page names its network."""
        out = run(capsys, "show", "country KE").out
        assert unmarked(row(out, "network")) == "kenya"

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--json``: the country's record, its kind "country"."""
        data = json.loads(run(capsys, "show", "Guatemala", "--json").out)
        assert (data["kind"], data["record"]["alpha2"]) == ("country", "GT")


class TestShowLanguages:
    """``show QUERY --lang es|fr|...``."""

    def test_spanish_title(self, capsys: pytest.CaptureFixture[str]) -> None:
        """UNHCR in Spanish: its Spanish acronym and name."""
        result = run(capsys, "show", "UNHCR", "--lang", "es")
        assert title(result.out) == (
            "ACNUR (Alto Comisionado de las Naciones Unidas para los Refugiados)"
        )

    @pytest.mark.parametrize("field", ["acronym", "name"])
    def test_spanish_sources(self, capsys: pytest.CaptureFixture[str], field: str) -> None:
        """The Spanish acronym and name are footnoted with the sources that give them."""
        unhcr = umn.agencies.lookup("UNHCR")
        result = run(capsys, "show", "UNHCR", "--lang", "es")
        assert cited(result.out, f"{field} (es)") == [s.url for s in unhcr.cite(field, lang="es")]

    def test_note(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A line under the title says what "[en]" means."""
        result = run(capsys, "show", "UNHCR", "--lang", "es")
        assert result.out.splitlines()[2] == (
            "In Spanish where a source gives it; [en] marks English shown."
        )

    def test_english_marked(self, capsys: pytest.CaptureFixture[str]) -> None:
        """English shown where no source gives the language is marked "[en]"."""
        result = run(capsys, "show", "Mozambique", "--lang", "es")
        assert title(result.out) == "United Nations Network on Migration in Mozambique [en]"

    def test_members_in_the_language(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Members are shown by their acronyms in the language where a source gives one."""
        result = run(capsys, "show", "Mozambique", "--lang", "es")
        assert "ACNUR" in row(result.out, "members").split(", ")

    def test_french_compact(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The Compact in French."""
        result = run(capsys, "show", "gcm", "--lang", "fr")
        assert title(result.out) == (
            "Pacte mondial pour des migrations sûres, ordonnées et régulières (GCM)"
        )

    @pytest.mark.parametrize(("lang", "name"), [("ar", "غواتيمالا"), ("zh", "危地马拉")])
    def test_country_title(self, capsys: pytest.CaptureFixture[str], lang: str, name: str) -> None:
        """A country's page in Arabic or Chinese is titled by its name in that language."""
        assert title(run(capsys, "show", "Guatemala", "--lang", lang).out) == name

    def test_english_is_the_default(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--lang en`` is the page without the flag."""
        assert run(capsys, "show", "UNHCR", "--lang", "en") == run(capsys, "show", "UNHCR")

    def test_unknown_language(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A language the command line does not offer is a usage error."""
        result = run(capsys, "show", "UNHCR", "--lang", "de")
        assert result.code == 2
        assert_invalid_choice(result.err, "show: error: argument --lang", "'de'")


class TestShowJson:
    """``show QUERY --json``."""

    @pytest.mark.parametrize(
        ("query", "kind", "field", "value"),
        [
            pytest.param("Mozambique", "network", "id", "mozambique", id="network"),
            pytest.param("UN Habitat", "agency", "id", "un-habitat", id="agency"),
            pytest.param("objective 13", "objective", "number", 13, id="objective"),
            pytest.param("principle a", "guiding principle", "letter", "a", id="principle"),
            pytest.param("champion Bangladesh", "champion", "id", "bangladesh", id="champion"),
            pytest.param("Guatemala", "country", "alpha2", "GT", id="country"),
            pytest.param("埃及", "network", "id", "egypt", id="country-in-chinese"),
            pytest.param("gcm", "compact", "resolution", "A/RES/73/195", id="compact"),
            pytest.param("imrf", "review forum", "acronym", "IMRF", id="forum"),
            pytest.param("ec", "executive committee", "coordinator", "iom", id="committee"),
            pytest.param("source unsd-m49", "source", "id", "unsd-m49", id="source"),
            pytest.param(
                "event mozambique-kick-off-meeting",
                "event",
                "id",
                "mozambique-kick-off-meeting",
                id="event",
            ),
            pytest.param(
                "observation gcm-pledges-imrf-2022",
                "observation",
                "value",
                200,
                id="observation",
            ),
        ],
    )
    def test_record(
        self,
        capsys: pytest.CaptureFixture[str],
        query: str,
        kind: str,
        field: str,
        value: object,
    ) -> None:
        """One JSON object: the record's kind and the record."""
        data = json.loads(run(capsys, "show", query, "--json").out)
        assert data["kind"] == kind
        assert data["record"][field] == value

    def test_shape(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The object holds the kind, the record, its sources whole and the data's date."""
        result = run(capsys, "show", "Mozambique", "--json")
        data = json.loads(result.out)
        assert result.code == 0
        assert list(data) == ["kind", "record", "sources", "as_of"]
        assert data["as_of"] == umn.load().as_of.isoformat()

    def test_citations(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The record carries the sources of each field."""
        data = json.loads(run(capsys, "show", "Mozambique", "--json").out)
        assert data["record"]["citations"]["launched"] == ["seed-iom-mozambique-2022"]

    def test_sources_whole(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The sources are written whole: id, address, title, publisher..."""
        data = json.loads(run(capsys, "show", "Mozambique", "--json").out)
        seed = next(s for s in data["sources"] if s["id"] == "seed-iom-mozambique-2022")
        assert seed["url"] == SEED

    def test_sources_of_the_record(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A network's sources are its record's, in order."""
        data = json.loads(run(capsys, "show", "Mozambique", "--json").out)
        assert [s["id"] for s in data["sources"]] == data["record"]["sources"]

    @pytest.mark.parametrize("query", ["gcm", "imrf", "ec", "Mozambique", "UNHCR", "objective 13"])
    def test_every_cited_source_given(self, capsys: pytest.CaptureFixture[str], query: str) -> None:
        """Every source id in the record (a forum edition's, a seat's) is among the sources."""
        data = json.loads(run(capsys, "show", query, "--json").out)
        given = {s["id"] for s in data["sources"]}
        assert source_ids(data["record"]) - given == set()

    def test_sources_once(self, capsys: pytest.CaptureFixture[str]) -> None:
        """No source is given twice."""
        data = json.loads(run(capsys, "show", "gcm", "--json").out)
        listed = [s["id"] for s in data["sources"]]
        assert len(listed) == len(set(listed))

    def test_members_not_looked_into(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The sources of records a record names by id (its members) are not its sources."""
        data = json.loads(run(capsys, "show", "Mozambique", "--json").out)
        assert len(data["sources"]) == len(umn.networks.lookup("MZ").sources)

    def test_record_without_kind(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A record of no kind of its own (the review forum) is named by its class, in words."""
        data = json.loads(run(capsys, "show", "imrf", "--json").out)
        assert data["kind"] == "review forum"


class TestShowMisses:
    """What ``show`` does with a query that names no record, or two."""

    def test_ambiguous(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Objective 23's label is principle (b)'s name: exit 1, both ways to ask."""
        result = run(capsys, "show", "International cooperation")
        assert result.code == 1
        assert result.out == ""
        assert result.err == (
            f"{PROG}: 'International cooperation' names more than one record: "
            "ask for 'objective 23' or 'guiding principle b'\n"
        )

    def test_ambiguous_resolved(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Either way to ask shows one record."""
        result = run(capsys, "show", "guiding principle b")
        assert title(result.out) == "Guiding principle (b): International cooperation"

    def test_suggestions_are_accepted(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A misspelt ambiguous key suggests ways to ask that ``show`` accepts, each once."""
        err = run(capsys, "show", "Internatinal cooperation").err
        suggested = re.findall(r"'([^']+)'", err.split("did you mean ")[1])
        assert len(suggested) == len(set(suggested))
        assert [s for s in suggested if run(capsys, "show", s).code != 0] == []

    def test_miss(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Nonsense exits 1 with one line on stderr."""
        result = run(capsys, "show", "xqzzvwk")
        assert result == Result(1, "", f"{PROG}: no record matches 'xqzzvwk'\n")

    def test_miss_suggests(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A misspelling is offered the right name first."""
        result = run(capsys, "show", "Mozambik")
        assert result.err.startswith(
            f"{PROG}: no record matches 'Mozambik'; did you mean 'Mozambique'"
        )

    def test_objective_out_of_range(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A query that names the kind and no record of it says how many there are."""
        result = run(capsys, "show", "objective 24")
        assert result == Result(
            1, "", f"{PROG}: no objective matches '24'; the data has 23 objectives, 1 to 23\n"
        )

    @pytest.mark.parametrize("query", ["", "  ", "--/--", "\udcff", "\x00"])
    @pytest.mark.parametrize("command", ["show", "search"])
    def test_nothing_to_look_for(
        self, capsys: pytest.CaptureFixture[str], command: str, query: str
    ) -> None:
        """A query with no letter or digit is a usage error (exit 2), quoted escaped."""
        result = run(capsys, command, "--", query)
        assert result.code == 2
        assert result.err == (
            f"{PROG}: {command}: error: argument QUERY: expected a name, code or number to "
            f"look for, got {query!r} (see --help)\n"
        )


# --- search -----------------------------------------------------------------------------


class TestSearch:
    """``search QUERY [--limit N] [--lang] [--wide] [--json]``."""

    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A table of kind, key, the key that matched and name, the best match first."""
        result = run(capsys, "search", "habitat", "--wide")
        assert result.code == 0
        assert table(result.out)[0] == {
            "kind": "agency",
            "key": "un-habitat",
            "matched": "UN-Habitat",
            "name": "United Nations Human Settlements Programme",
        }

    def test_headers(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The table's headers."""
        result = run(capsys, "search", "habitat")
        assert result.out.splitlines()[0].split() == ["kind", "key", "matched", "name"]

    @pytest.mark.parametrize(
        ("query", "kind", "key", "name"),
        [
            pytest.param(
                "mozambik",
                "network",
                "mozambique",
                "United Nations Network on Migration in Mozambique",
                id="network",
            ),
            pytest.param(
                "remittances", "objective", "20", umn.objectives.lookup(20).title, id="objective"
            ),
            pytest.param(
                "people centred", "guiding principle", "a", "People-centred", id="principle"
            ),
            pytest.param(
                "detension", "objective", "13", umn.objectives.lookup(13).title, id="detension"
            ),
            pytest.param(
                "refugess",
                "agency",
                "unhcr",
                "Office of the United Nations High Commissioner for Refugees",
                id="refugess",
            ),
            pytest.param("Guatamala", "country", "GT", "Guatemala", id="guatamala"),
        ],
    )
    def test_json(
        self, capsys: pytest.CaptureFixture[str], query: str, kind: str, key: str, name: str
    ) -> None:
        """``--json``: the ranked hits, each with its kind, key and name; typos forgiven."""
        best = json.loads(run(capsys, "search", query, "--json").out)[0]
        assert [best["kind"], best["key"], best["name"]] == [kind, key, name]

    @pytest.mark.parametrize(
        ("query", "matched"),
        [
            ("detension", "Alternatives to detention"),
            ("refugess", "Office of the United Nations High Commissioner for Refugees"),
            ("Guatamala", "Guatemala"),
        ],
    )
    def test_word_typos_matched(
        self, capsys: pytest.CaptureFixture[str], query: str, matched: str
    ) -> None:
        """A misspelt word inside a name finds it; the hit says which key matched."""
        best = json.loads(run(capsys, "search", query, "--json").out)[0]
        assert best["matched"] == matched

    @pytest.mark.parametrize("query", ["detension", "refugess", "Guatamala"])
    def test_word_typos_exit_zero(self, capsys: pytest.CaptureFixture[str], query: str) -> None:
        """A misspelt word is a hit: exit 0, nothing on stderr."""
        result = run(capsys, "search", query)
        assert (result.code, result.err) == (0, "")

    def test_json_fields(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Each hit also says which of the record's keys matched, and its score."""
        best = json.loads(run(capsys, "search", "mozambik", "--json").out)[0]
        assert list(best) == ["kind", "key", "matched", "name", "score"]
        assert best["matched"] == "Mozambique"

    def test_ranked(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The hits are best first."""
        scores = [hit["score"] for hit in json.loads(run(capsys, "search", "un", "--json").out)]
        assert scores == sorted(scores, reverse=True)

    def test_champion_named_by_country(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A Champion country has no name of its own: it is named by its country."""
        hits = json.loads(run(capsys, "search", "Kenya", "--json").out)
        assert [h["name"] for h in hits if h["kind"] == "champion"] == ["Kenya"]

    def test_equal_scores_by_rank(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Equal scores: the network, then the Champion, then the country, as ``show`` decides."""
        hits = json.loads(run(capsys, "search", "Kenya", "--json").out)
        assert [(h["kind"], h["key"]) for h in hits[:3]] == [
            ("network", "kenya"),
            ("champion", "kenya"),
            ("country", "KE"),
        ]

    @pytest.mark.parametrize(("args", "expected"), [((), 10), (("--limit", "2"), 2)])
    def test_limit(
        self, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], expected: int
    ) -> None:
        """At most --limit hits (10 by default), in JSON and in the table."""
        assert len(json.loads(run(capsys, "search", "un", "--json", *args).out)) == expected
        assert len(table(run(capsys, "search", "un", *args).out)) == expected

    @pytest.mark.parametrize("limit", ["0", "-1", "ten"])
    def test_limit_must_be_positive(self, capsys: pytest.CaptureFixture[str], limit: str) -> None:
        """A limit that is not a whole number of at least 1 is a usage error (exit 2)."""
        result = run(capsys, "search", "habitat", "--limit", limit)
        assert result == Result(
            2,
            "",
            f"{PROG}: search: error: argument --limit: expected a whole number of at least 1, "
            f"got {limit!r} (see --help)\n",
        )

    def test_spanish(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--lang es`` finds by the Spanish name and shows it."""
        hits = table(run(capsys, "search", "migraciones", "--lang", "es", "--wide").out)
        assert hits[0]["name"] == "Organización Internacional para las Migraciones"

    def test_english_marked(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A name no source gives in the language is the English, marked "[en]"."""
        hits = json.loads(run(capsys, "search", "mozambique", "--lang", "fr", "--json").out)
        assert hits[0]["name"] == "United Nations Network on Migration in Mozambique [en]"

    def test_named_without_a_name(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A record with neither name nor title (a Champion) is named by what ``str`` says."""
        hits = json.loads(run(capsys, "search", "champion", "--json", "--limit", "50").out)
        champions = [h for h in hits if h["kind"] == "champion"]
        names = {h["key"]: h["name"] for h in champions}
        assert names == {key: str(umn.champions.lookup(key)) for key in names}

    def test_miss(self, capsys: pytest.CaptureFixture[str]) -> None:
        """No hit: exit 1 and one line on stderr, nothing on stdout."""
        result = run(capsys, "search", "xqzzvwk")
        assert result == Result(1, "", f"{PROG}: no record matches 'xqzzvwk'\n")

    def test_miss_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """No hit in JSON: ``[]`` for the program, exit 1, and the same one line on stderr."""
        result = run(capsys, "search", "xqzzvwk", "--json")
        assert result == Result(1, "[]\n", f"{PROG}: no record matches 'xqzzvwk'\n")

    def test_terminal_cuts_names(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """On a narrow terminal the names are cut with "…" to fit."""
        monkeypatch.setenv("COLUMNS", "40")
        terminal = Terminal()
        monkeypatch.setattr(sys, "stdout", terminal)
        main(["search", "un"])
        lines = terminal.getvalue().splitlines()
        assert [line for line in lines if len(line) > 40] == []
        assert [line for line in lines if line.endswith("…")] != []

    def test_key_never_cut(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """However narrow, the key column (what ``show`` takes) is whole."""
        monkeypatch.setenv("COLUMNS", "30")
        terminal = Terminal()
        monkeypatch.setattr(sys, "stdout", terminal)
        main(["search", "un"])
        keys = [r["key"] for r in table(terminal.getvalue())]
        hits = json.loads(self._json(monkeypatch, "un"))
        assert keys == [h["key"] for h in hits]

    @staticmethod
    def _json(monkeypatch: pytest.MonkeyPatch, query: str) -> str:
        """``search QUERY --json``, its output."""
        out = io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        main(["search", query, "--json"])
        return out.getvalue()

    def test_wide(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """``--wide`` never cuts, even on a narrow terminal."""
        monkeypatch.setenv("COLUMNS", "40")
        terminal = Terminal()
        monkeypatch.setattr(sys, "stdout", terminal)
        main(["search", "un", "--wide"])
        names = [r["name"] for r in table(terminal.getvalue())]
        assert "United Nations Network on Migration" in names


# --- list -------------------------------------------------------------------------------


class TestList:
    """``list KIND``: every record of a kind in a table, or in JSON."""

    @pytest.mark.parametrize("plural", LIST_KINDS)
    def test_headers(self, capsys: pytest.CaptureFixture[str], plural: str) -> None:
        """The columns are the kind's summary columns."""
        result = run(capsys, "list", plural, "--wide")
        headers = [column.header for column in kind_named(plural).columns]
        assert list(table(result.out)[0]) == headers

    @pytest.mark.parametrize("plural", LIST_KINDS)
    def test_every_record(self, capsys: pytest.CaptureFixture[str], plural: str) -> None:
        """One row per record, in the data's order, keyed by its primary key."""
        kind = kind_named(plural)
        result = run(capsys, "list", plural)
        assert result.code == 0
        assert ids(result.out) == [kind.key(r) for r in umn.load().registry(kind)]

    @pytest.mark.parametrize("plural", LIST_KINDS)
    def test_json(self, capsys: pytest.CaptureFixture[str], plural: str) -> None:
        """``--json``: every record, in the data's order."""
        kind = kind_named(plural)
        data = json.loads(run(capsys, "list", plural, "--json").out)
        expected = [getattr(r, kind.primary) for r in umn.load().registry(kind)]
        assert [r[kind.primary] for r in data] == expected

    @pytest.mark.parametrize(
        ("word", "plural"),
        [
            ("network", "networks"),
            ("agency", "agencies"),
            ("country", "countries"),
            ("Networks", "networks"),
            ("objective", "objectives"),
        ],
    )
    def test_singular(self, capsys: pytest.CaptureFixture[str], word: str, plural: str) -> None:
        """A kind is taken in the singular too, in any case."""
        assert run(capsys, "list", word) == run(capsys, "list", plural)

    def test_json_citations(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Listed records carry their citations."""
        data = json.loads(run(capsys, "list", "networks", "--json").out)
        mozambique = next(r for r in data if r["id"] == "mozambique")
        assert mozambique["citations"]["launched"] == ["seed-iom-mozambique-2022"]

    @pytest.mark.parametrize(
        ("key", "expected"),
        [
            pytest.param(
                "mozambique",
                {
                    "id": "mozambique",
                    "level": "country",
                    "ISO3": "MOZ",
                    "region": "Africa",
                    "launched": "2022-02-15",
                    "evidenced": "2022-02-15",
                    "members": "13 (11 declared)",
                },
                id="country",
            ),
            pytest.param(
                "global",
                {
                    "id": "global",
                    "level": "global",
                    "ISO3": "-",
                    "region": "-",
                    "launched": "2018-12-09",
                    "evidenced": "2018-12-09",
                    "members": "14, incomplete (38 declared)",
                },
                id="global",
            ),
            pytest.param(
                "asia-pacific",
                {
                    "id": "asia-pacific",
                    "level": "regional",
                    "ISO3": "-",
                    "region": "Asia and the Pacific",
                    "launched": "-",
                    "evidenced": "2020-10-05",
                    "members": "1, incomplete",
                },
                id="first-evidenced",
            ),
            pytest.param(
                "cote-divoire",
                {
                    "id": "cote-divoire",
                    "level": "country",
                    "ISO3": "CIV",
                    "region": "Africa",
                    "launched": "-",
                    "evidenced": "2024-08",
                    "members": "not listed",
                },
                id="unknown-members",
            ),
        ],
    )
    def test_network_row(
        self, capsys: pytest.CaptureFixture[str], key: str, expected: dict[str, str]
    ) -> None:
        """Level, ISO3, region, launch and first evidence apart, and members never read as 0."""
        listed = {r["id"]: r for r in table(run(capsys, "list", "networks", "--wide").out)}
        assert listed[key] == expected

    def test_no_zero_members(self, capsys: pytest.CaptureFixture[str]) -> None:
        """No network is listed with 0 members: an unknown list is "not listed"."""
        listed = table(run(capsys, "list", "networks", "--wide").out)
        assert [r["id"] for r in listed if r["members"].startswith("0")] == []

    def test_champions(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A Champion country: its country, ISO3 and since when."""
        listed = {r["id"]: r for r in table(run(capsys, "list", "champions").out)}
        assert listed["bangladesh"] == {
            "id": "bangladesh",
            "country": "Bangladesh",
            "ISO3": "BGD",
            "since": "2020-07",
        }

    def test_countries(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A country: its codes, name, region and whether it is a Member State."""
        listed = {r["ISO2"]: r for r in table(run(capsys, "list", "countries", "--wide").out)}
        assert listed["GT"] == {
            "ISO2": "GT",
            "ISO3": "GTM",
            "M49": "320",
            "name": "Guatemala",
            "region": "Americas",
            "member": "yes",
        }

    def test_committee(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``list committee``: a seat a row, the agency, since and until."""
        listed = table(run(capsys, "list", "committee").out)
        seats = umn.executive_committee.memberships
        assert [r["agency"] for r in listed] == [seat.agency.acronym for seat in seats]
        assert listed[-1] == {
            "agency": "WHO",
            "since": "between 2020-03-05 and 2021-12-31, inferred",
            "until": "-",
        }

    def test_committee_until(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A seat that ended says until when (a user's data: no bundled seat has ended)."""
        document = bundled_document()
        document["executive_committee"]["memberships"][0]["until"] = "2024-01"
        mine = umn.load_dataset(document)
        monkeypatch.setattr(cli, "_dataset", lambda: mine)
        listed = table(run(capsys, "list", "committee").out)
        assert listed[0]["until"] == "2024-01 (day not known)"

    def test_committee_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``list committee --json``: the seats as the document writes them."""
        data = json.loads(run(capsys, "list", "committee", "--json").out)
        assert [seat["agency"] for seat in data] == [
            seat.agency.id for seat in umn.executive_committee.memberships
        ]

    def test_committee_in_french(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--lang``: the agencies' acronyms in the language."""
        listed = table(run(capsys, "list", "committee", "--lang", "fr").out)
        assert listed[0]["agency"] == "OIM"

    def test_french(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--lang fr``: names in French, English marked "[en]" where none is given."""
        listed = {r["id"]: r for r in table(run(capsys, "list", "agencies", "--lang", "fr").out)}
        assert listed["iom"]["acronym"] == "OIM"
        assert listed["dco"]["acronym"] == "DCO [en]"

    def test_piped_without_columns_never_cut(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Into a pipe or a file with no COLUMNS, every full title is there."""
        monkeypatch.delenv("COLUMNS")
        result = run(capsys, "list", "objectives")
        titles = [r["title"] for r in table(result.out)]
        assert titles == [o.title for o in umn.objectives]

    @pytest.mark.parametrize("columns", [40, 60, 100])
    def test_piped_columns_honoured(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: int
    ) -> None:
        """Into a pipe, COLUMNS when set is honoured (``| head`` in a terminal)."""
        monkeypatch.setenv("COLUMNS", str(columns))
        lines = run(capsys, "list", "objectives").out.splitlines()
        assert max(len(line) for line in lines) == columns

    @pytest.mark.parametrize("plural", LIST_KINDS)
    @pytest.mark.parametrize("columns", [40, 80])
    def test_key_never_cut(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        plural: str,
        columns: int,
    ) -> None:
        """However narrow, the key column (what ``show`` takes) is never cut."""
        monkeypatch.setenv("COLUMNS", str(columns))
        kind = kind_named(plural)
        out = run(capsys, "list", plural).out
        assert ids(out) == [kind.key(r) for r in umn.load().registry(kind)]

    @pytest.mark.parametrize("columns", ["", "0", "wide", "-5"])
    def test_columns_not_a_width(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: str
    ) -> None:
        """A COLUMNS that is no positive number is ignored: piped, nothing is cut."""
        monkeypatch.setenv("COLUMNS", columns)
        titles = [r["title"] for r in table(run(capsys, "list", "objectives").out)]
        assert titles == [o.title for o in umn.objectives]

    def test_terminal_fits(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """On a terminal every line fits its width."""
        terminal = Terminal()
        monkeypatch.setattr(sys, "stdout", terminal)
        main(["list", "objectives"])
        lines = terminal.getvalue().splitlines()
        assert [line for line in lines if len(line) > WIDTH] == []

    def test_terminal_without_columns(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """On a terminal with no COLUMNS, the terminal's own width."""
        monkeypatch.delenv("COLUMNS")
        monkeypatch.setattr(shutil, "get_terminal_size", lambda *_: os.terminal_size((50, HEIGHT)))
        terminal = Terminal()
        monkeypatch.setattr(sys, "stdout", terminal)
        main(["list", "objectives"])
        assert max(len(line) for line in terminal.getvalue().splitlines()) == 50

    def test_terminal_cuts_the_widest(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Only the widest column (the titles) is cut, each cut cell ending in "…"."""
        terminal = Terminal()
        monkeypatch.setattr(sys, "stdout", terminal)
        main(["list", "objectives"])
        listed = table(terminal.getvalue())
        assert [r["label"] for r in listed] == [o.short_label for o in umn.objectives]
        assert [r["no"] for r in listed] == [str(o.number) for o in umn.objectives]
        cut = [r["title"] for r in listed if r["title"] not in {o.title for o in umn.objectives}]
        assert cut != []
        assert [t for t in cut if not t.endswith("…")] == []

    @pytest.mark.parametrize("columns", [40, 120])
    def test_terminal_width_followed(self, monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
        """The table is as wide as the terminal."""
        monkeypatch.setenv("COLUMNS", str(columns))
        terminal = Terminal()
        monkeypatch.setattr(sys, "stdout", terminal)
        main(["list", "objectives"])
        assert max(len(line) for line in terminal.getvalue().splitlines()) == columns

    def test_wide_on_a_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """``--wide`` never cuts, even on a terminal."""
        terminal = Terminal()
        monkeypatch.setattr(sys, "stdout", terminal)
        main(["list", "objectives", "--wide"])
        assert [r["title"] for r in table(terminal.getvalue())] == [o.title for o in umn.objectives]

    def test_unknown_kind(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A kind that does not exist is a usage error naming the kinds."""
        result = run(capsys, "list", "planets")
        assert result == Result(
            2,
            "",
            f"{PROG}: list: error: argument KIND: 'planets' is not a kind "
            f"({', '.join(cli.LISTS)}) (see --help)\n",
        )

    @pytest.mark.parametrize(("typo", "meant"), [("netwrks", "networks"), ("agencys", "agencies")])
    def test_did_you_mean(self, capsys: pytest.CaptureFixture[str], typo: str, meant: str) -> None:
        """A misspelt kind is refused, offering the kind meant."""
        result = run(capsys, "list", typo)
        assert result.code == 2
        assert result.err.endswith(f"; did you mean {meant!r}? (see --help)\n")
        assert result.err.count("\n") == 1

    def test_every_kind(self) -> None:
        """Every kind of the kinds table with a registry can be listed, and the Committee."""
        assert sorted(cli.KINDS) == sorted(kind.plural for kind in REGISTERED)
        assert list(cli.LISTS) == [*cli.KINDS, "committee"]


class TestListFilters:
    """The filters of ``list networks`` (and ``--region`` of ``list countries``)."""

    def networks(self, capsys: pytest.CaptureFixture[str], *filters: str) -> list[str]:
        """The ids ``list networks FILTERS`` lists."""
        result = run(capsys, "list", "networks", *filters)
        assert result.code == 0
        return [] if result.out.startswith("no networks") else ids(result.out)

    @pytest.mark.parametrize("level", ["global", "continental", "regional", "country"])
    def test_level(self, capsys: pytest.CaptureFixture[str], level: str) -> None:
        """``--level``: the networks of that level, in the data's order."""
        expected = [n.id for n in umn.networks if n.level is umn.NetworkLevel(level)]
        assert self.networks(capsys, "--level", level) == expected

    def test_regional(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The six regional networks."""
        assert self.networks(capsys, "--level", "regional") == [
            "arab-region",
            "asia-pacific",
            "east-southern-africa",
            "europe-central-asia",
            "latin-america-caribbean",
            "west-central-africa",
        ]

    def test_region(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--region`` takes a country's M49 region, or a network's region, in any case."""
        found = self.networks(capsys, "--region", "africa")
        assert "mozambique" in found
        assert "africa-continental" in found
        assert "asia-pacific" not in found

    def test_region_column(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Every network listed for a region is in it."""
        result = run(capsys, "list", "networks", "--region", "Africa")
        assert {r["region"] for r in table(result.out)} == {"Africa"}

    def test_sub_region(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--region`` takes an M49 sub-region."""
        found = self.networks(capsys, "--region", "Northern Africa")
        assert "tunisia" in found
        assert "mozambique" not in found

    def test_intermediate_region(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--region`` takes an M49 intermediate region ("Western Africa")."""
        expected = [
            n.id
            for n in umn.networks
            if n.country is not None and n.country.intermediate_region == "Western Africa"
        ]
        found = self.networks(capsys, "--region", "Western Africa")
        assert found == expected
        assert "senegal" in found

    def test_countries_intermediate_region(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``list countries --region`` takes an intermediate region too."""
        result = run(capsys, "list", "countries", "--region", "western africa")
        expected = [c.alpha2 for c in umn.countries if c.intermediate_region == "Western Africa"]
        assert ids(result.out) == expected

    @pytest.mark.parametrize("region", ["Americas", "Latin America and the Caribbean"])
    def test_countries_region(self, capsys: pytest.CaptureFixture[str], region: str) -> None:
        """``list countries --region`` takes a region and a sub-region."""
        assert "GT" in ids(run(capsys, "list", "countries", "--region", region).out)

    def test_network_region(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A regional network's own region."""
        assert self.networks(capsys, "--region", "Asia and the Pacific") == ["asia-pacific"]

    def test_region_too_long(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A region longer than any name names none."""
        assert self.networks(capsys, "--region", "a" * MEGABYTE) == []

    @pytest.mark.parametrize(
        ("filters", "listed"),
        [
            pytest.param(("--launched-before", "2021"), True, id="before-a-later-year"),
            pytest.param(("--launched-before", "2020"), True, id="before-its-year"),
            pytest.param(("--launched-before", "2020-12"), True, id="before-within-its-year"),
            pytest.param(("--launched-before", "2019"), False, id="before-the-year-before"),
            pytest.param(("--launched-after", "2019"), True, id="after-the-year-before"),
            pytest.param(("--launched-after", "2020"), True, id="after-its-year"),
            pytest.param(("--launched-after", "2020-06"), True, id="after-within-its-year"),
            pytest.param(("--launched-after", "2021"), False, id="after-the-year-after"),
        ],
    )
    def test_span_launch(
        self, capsys: pytest.CaptureFixture[str], filters: tuple[str, ...], listed: bool
    ) -> None:
        """A launch known only to the year (Belarus, 2020) passes a bound it may meet."""
        assert umn.networks.lookup("belarus").launched == umn.DateSpan.parse("2020")
        assert ("belarus" in self.networks(capsys, *filters)) is listed

    @pytest.mark.parametrize(
        ("filters", "listed"),
        [
            pytest.param(("--launched-after", "2022-02-14"), True, id="after-the-day-before"),
            pytest.param(("--launched-after", "2022-02-15"), True, id="after-the-day"),
            pytest.param(("--launched-after", "2022-02-16"), False, id="after-the-day-after"),
            pytest.param(("--launched-after", "2022-02"), True, id="after-its-month"),
            pytest.param(("--launched-after", "2022-03"), False, id="after-the-month-after"),
            pytest.param(("--launched-after", "2022"), True, id="after-its-year"),
            pytest.param(("--launched-before", "2022-02-16"), True, id="before-the-day-after"),
            pytest.param(("--launched-before", "2022-02-15"), True, id="before-the-day"),
            pytest.param(("--launched-before", "2022-02-14"), False, id="before-the-day-before"),
            pytest.param(("--launched-before", "2022"), True, id="before-its-year"),
            pytest.param(("--launched-before", "2021"), False, id="before-the-year-before"),
            pytest.param(("--evidenced-after", "2022-02-15"), True, id="evidenced-after-the-day"),
            pytest.param(("--evidenced-after", "2023"), False, id="evidenced-after-a-later-year"),
            pytest.param(("--evidenced-before", "2022-02"), True, id="evidenced-before-its-month"),
            pytest.param(("--evidenced-before", "2021"), False, id="evidenced-before-earlier"),
            pytest.param(("--existing-on", "2022-02-15"), True, id="existing-on-the-day"),
            pytest.param(("--existing-on", "2022-02-14"), False, id="existing-the-day-before"),
            pytest.param(("--existing-on", "2022-02"), True, id="existing-in-its-month"),
        ],
    )
    def test_day_launch(
        self, capsys: pytest.CaptureFixture[str], filters: tuple[str, ...], listed: bool
    ) -> None:
        """Mozambique's network, launched and first evidenced on 2022-02-15."""
        assert ("mozambique" in self.networks(capsys, *filters)) is listed

    def test_launched_after_includes_the_year(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--launched-after 2021`` keeps every network launched in 2021, on any day of it."""
        in_2021 = [
            n.id
            for n in umn.networks
            if n.launched is not None and n.launched.earliest.year == 2021
        ]
        assert in_2021 != []
        found = self.networks(capsys, "--launched-after", "2021")
        assert [key for key in in_2021 if key not in found] == []

    def test_launch_and_evidence_apart(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A network with no known launch is found by its evidence, never by a launch filter."""
        assert "asia-pacific" not in self.networks(capsys, "--launched-after", "1900")
        assert "asia-pacific" in self.networks(capsys, "--evidenced-after", "1900")

    def test_help_says_the_bound_includes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The help says a year, month or day bound includes all of it."""
        out = " ".join(run(capsys, "list", "--help").out.split())
        assert "DATE is a year, a month or a day, and the bound includes it all" in out

    def test_existing_on(self, capsys: pytest.CaptureFixture[str]) -> None:
        """At the end of 2018 the sources show only the global Network."""
        assert self.networks(capsys, "--existing-on", "2018-12-31") == ["global"]

    def test_existing_on_a_year(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--existing-on 2019``: the networks the sources show at some point of 2019."""
        expected = [n.id for n in umn.load().networks_on("2019")]
        assert self.networks(capsys, "--existing-on", "2019") == expected
        assert expected == ["global", "bangladesh"]

    def test_member(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--member ILO``: the networks the ILO is a member of."""
        expected = [n.id for n in umn.load().networks_of("ILO")]
        assert self.networks(capsys, "--member", "ILO") == expected

    def test_member_by_any_name(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--member`` takes any name of the agency, in any language."""
        assert self.networks(capsys, "--member", "OIT") == self.networks(capsys, "--member", "ILO")

    def test_member_unknown(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An agency that does not exist: exit 1, one line."""
        result = run(capsys, "list", "networks", "--member", "xqzzvwk")
        assert result == Result(1, "", f"{PROG}: no agency matches 'xqzzvwk'\n")

    def test_combined(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Filters combine."""
        found = self.networks(
            capsys,
            "--level",
            "country",
            "--region",
            "Africa",
            "--launched-after",
            "2022-02-14",
            "--launched-before",
            "2022-02-16",
        )
        assert found == ["mozambique"]

    def test_nothing_matches(self, capsys: pytest.CaptureFixture[str]) -> None:
        """No network matches: one line on stdout naming the filters, exit 0."""
        result = run(capsys, "list", "networks", "--level", "global", "--region", "Africa")
        assert result == Result(0, "no networks match --level 'global' --region 'Africa'\n", "")

    def test_nothing_matches_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """No network matches in JSON: ``[]``, exit 0."""
        result = run(capsys, "list", "networks", "--launched-before", "1990", "--json")
        assert result == Result(0, "[]\n", "")

    def test_filtered_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--json`` lists what the filters keep."""
        data = json.loads(run(capsys, "list", "networks", "--level", "regional", "--json").out)
        assert len(data) == 6

    @pytest.mark.parametrize(
        "filters",
        [
            ("--level", "country"),
            ("--region", "Africa"),
            ("--launched-before", "2020"),
            ("--launched-after", "2020"),
            ("--evidenced-before", "2020"),
            ("--evidenced-after", "2020"),
            ("--existing-on", "2020"),
            ("--member", "ILO"),
        ],
    )
    @pytest.mark.parametrize("plural", ["agencies", "champions", "objectives", "committee"])
    def test_other_kinds(
        self, capsys: pytest.CaptureFixture[str], plural: str, filters: tuple[str, ...]
    ) -> None:
        """A network filter on another kind is a usage error naming the flag."""
        result = run(capsys, "list", plural, *filters)
        assert result == Result(2, "", f"{PROG}: {filters[0]} does not apply to {plural}\n")

    @pytest.mark.parametrize(
        "filters", [("--level", "country"), ("--launched-after", "2020"), ("--member", "ILO")]
    )
    def test_countries_take_region_only(
        self, capsys: pytest.CaptureFixture[str], filters: tuple[str, ...]
    ) -> None:
        """Countries take ``--region`` only."""
        result = run(capsys, "list", "countries", *filters)
        assert result == Result(2, "", f"{PROG}: {filters[0]} does not apply to countries\n")

    @pytest.mark.parametrize(
        "flag",
        [
            "--launched-before",
            "--launched-after",
            "--evidenced-before",
            "--evidenced-after",
            "--existing-on",
        ],
    )
    @pytest.mark.parametrize("value", ["2023-13", "yesterday", "2022-02-30", "20221"])
    def test_bad_date(self, capsys: pytest.CaptureFixture[str], flag: str, value: str) -> None:
        """A date that is not YYYY[-MM[-DD]] is a usage error on one line."""
        result = run(capsys, "list", "networks", flag, value)
        assert result == Result(
            2,
            "",
            f"{PROG}: {flag} expects a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}\n",
        )

    def test_bad_level(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A level that does not exist is a usage error."""
        result = run(capsys, "list", "networks", "--level", "planet")
        assert result.code == 2
        assert_invalid_choice(result.err, "list: error: argument --level", "'planet'")


# --- validate ---------------------------------------------------------------------------


class TestValidate:
    """``validate [PATH] [--json]``: the bundled data, or a user's document."""

    def test_bundled(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The bundled data: a heading per problem, then the count."""
        report = umn.validate()
        result = run(capsys, "validate")
        assert result.code == (0 if report.ok else 1)
        assert result.out.splitlines()[-1] == (
            f"{len(report.errors)} errors, {len(report.warnings)} warnings"
        )

    def test_bundled_headings(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Each problem's severity, code and subject, in the report's order."""
        report = umn.validate()
        result = run(capsys, "validate")
        headings = [line.split() for line in result.out.splitlines() if line[:1].isupper()]
        assert headings == [
            [p.severity.value.upper(), str(p.code), f"({p.subject})"] for p in report.problems
        ]

    def test_sources_named(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A problem that involves sources names them under it; one that does not, none."""
        report = umn.validate()
        text = run(capsys, "validate").out
        blocks = re.split(r"\n(?=[A-Z])", text)[: len(report.problems)]
        assert ["    sources: " in b for b in blocks] == [bool(p.sources) for p in report.problems]

    def test_bundled_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--json``: the report as one JSON object, with the data's date."""
        report = umn.validate()
        data = json.loads(run(capsys, "validate", "--json").out)
        assert data == {"as_of": umn.load().as_of.isoformat(), **report.to_dict()}

    def test_good_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file equal to the bundled data validates as the bundled data does."""
        path = tmp_path / "mine.json"
        path.write_text(umn.load().to_json(), encoding="utf-8")
        assert run(capsys, "validate", str(path)).out == run(capsys, "validate").out

    def test_file_with_errors(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file that loads but breaks the rules: exit 1, the errors counted on stderr."""
        data = bundled_document()
        next(o for o in data["objectives"] if o["number"] == 1)["number"] = 24
        path = write_document(tmp_path / "numbering.json", data)
        report = umn.validate(umn.load_dataset(path))
        result = run(capsys, "validate", str(path))
        assert result.code == 1
        assert result.err == f"{PROG}: {quote(str(path))}: {len(report.errors)} errors\n"
        assert [line.split()[1] for line in result.out.splitlines() if line[:5] == "ERROR"] == [
            str(p.code) for p in report.errors
        ]

    def test_file_with_errors_json(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The same in JSON: the report, not ok, and the same line on stderr."""
        data = bundled_document()
        next(o for o in data["objectives"] if o["number"] == 1)["number"] = 24
        path = write_document(tmp_path / "numbering.json", data)
        result = run(capsys, "validate", str(path), "--json")
        assert json.loads(result.out)["ok"] is False
        assert result.err.startswith(f"{PROG}: {quote(str(path))}: ")

    @pytest.fixture
    def broken(self, tmp_path: Path) -> Path:
        """A copy of the bundled document with three problems: a bad date, kind and key."""
        data = bundled_document()
        element(data, "networks", "mozambique")[1]["launched"] = "2018-13-45"
        element(data, "agencies", "unhcr")[1]["kind"] = "nope"
        data["unexpected"] = True
        return write_document(tmp_path / "broken.json", data)

    @staticmethod
    def problems_of(path: Path) -> list[umn.DataProblem]:
        """The problems the library finds loading *path*."""
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(path)
        return list(caught.value.problems)

    def test_broken_file(self, capsys: pytest.CaptureFixture[str], broken: Path) -> None:
        """A file that cannot load: exit 1, each problem's code and JSON path."""
        result = run(capsys, "validate", str(broken))
        found = [line.split()[1:3] for line in result.out.splitlines() if line[:5] == "ERROR"]
        assert result.code == 1
        assert found == [[str(p.code), p.path] for p in self.problems_of(broken)]

    def test_broken_file_paths(self, broken: Path) -> None:
        """The three problems are where they were made."""
        data = json.loads(broken.read_text(encoding="utf-8"))
        network = element(data, "networks", "mozambique")[0]
        agency = element(data, "agencies", "unhcr")[0]
        assert {p.path for p in self.problems_of(broken)} == {
            "$.unexpected",
            f"$.agencies[{agency}].kind",
            f"$.networks[{network}].launched",
        }

    def test_broken_file_summary(self, capsys: pytest.CaptureFixture[str], broken: Path) -> None:
        """stderr: one line, the first problem and how many more."""
        first = self.problems_of(broken)[0]
        result = run(capsys, "validate", str(broken))
        assert result.err == (
            f"{PROG}: {quote(str(broken))}: cannot load: {first.message} (and 2 more)\n"
        )

    def test_broken_file_json(self, capsys: pytest.CaptureFixture[str], broken: Path) -> None:
        """``--json`` lists every problem with its code, severity, JSON path and message."""
        result = run(capsys, "validate", "--json", str(broken))
        assert json.loads(result.out) == {
            "ok": False,
            "problems": [
                {"code": str(p.code), "severity": "error", "path": p.path, "message": p.message}
                for p in self.problems_of(broken)
            ],
        }
        assert result.code == 1

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            pytest.param("missing.json", None, id="missing"),
            pytest.param("malformed.json", b'{"as_of": ', id="malformed"),
            pytest.param("latin1.json", "caf\xe9".encode("latin-1"), id="not-utf8"),
            pytest.param("list.json", b"[]", id="not-an-object"),
        ],
    )
    def test_unloadable(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        name: str,
        content: bytes | None,
    ) -> None:
        """A file that is not a document: exit 1, its one problem, one line on stderr."""
        path = tmp_path / name
        if content is not None:
            path.write_bytes(content)
        (problem,) = self.problems_of(path)
        result = run(capsys, "validate", str(path))
        assert result.code == 1
        assert result.out.splitlines()[0] == f"ERROR    {problem.code}  {problem.path}"
        assert result.err == f"{PROG}: {quote(str(path))}: cannot load: {problem.message}\n"

    def test_directory(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A directory is not a document: exit 1, one line."""
        (problem,) = self.problems_of(tmp_path)
        result = run(capsys, "validate", str(tmp_path))
        assert result == Result(
            1,
            f"ERROR    {problem.code}  {problem.path}\n    {problem.message}\n",
            f"{PROG}: {quote(str(tmp_path))}: cannot load: {problem.message}\n",
        )

    def test_empty_path(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An empty PATH is a file that cannot be read, not the bundled data."""
        result = run(capsys, "validate", "")
        assert result.err == (
            f"{PROG}: '': cannot load: cannot read the file: No such file or directory\n"
        )

    @pytest.mark.parametrize(
        ("path", "quoted"),
        [
            pytest.param("x" * MEGABYTE, f"'{'x' * 60}…' (1,000,000 characters)", id="megabyte"),
            pytest.param("a\nb.json", "'a\\nb.json'", id="line-break"),
            pytest.param("a\x00b", "'a\\x00b'", id="nul"),
        ],
    )
    def test_path_quoted(self, capsys: pytest.CaptureFixture[str], path: str, quoted: str) -> None:
        """The line on stderr quotes a PATH shortened and escaped."""
        result = run(capsys, "validate", path)
        assert result.err.startswith(f"{PROG}: {quoted}: cannot load: ")
        assert result.err.count("\n") == 1


# --- export -----------------------------------------------------------------------------


# --- export -----------------------------------------------------------------------------


class TestExport:
    """``export --format json|csv|jsonschema|datapackage|sqlite [KIND] [--output PATH]``."""

    @pytest.mark.parametrize(
        "args",
        [
            pytest.param(("export",), id="default"),
            pytest.param(("export", "--format", "json"), id="json"),
            pytest.param(("export", "--output", "-"), id="dash"),
        ],
    )
    def test_json(self, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
        """JSON, the default, is the canonical document on stdout."""
        assert run(capsys, *args) == Result(0, umn.load().to_json(), "")

    @pytest.mark.parametrize("plural", LIST_KINDS)
    def test_csv(self, capsys: pytest.CaptureFixture[str], plural: str) -> None:
        """``--format csv KIND``: a header, then one row per record, each the header's width."""
        kind = kind_named(plural)
        result = run(capsys, "export", "--format", "csv", plural)
        header, *body = list(csv.reader(io.StringIO(result.out)))
        keys = [r[header.index(kind.primary)] for r in body]
        assert keys == [kind.key(r) for r in umn.load().registry(kind)]
        assert {len(r) for r in body} == {len(header)}

    def test_csv_singular(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The kind is taken in the singular too."""
        singular = run(capsys, "export", "--format", "csv", "network")
        assert singular == run(capsys, "export", "--format", "csv", "networks")

    def test_excel(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--excel``: the CSV begins with a byte-order mark, for spreadsheets."""
        result = run(capsys, "export", "--format", "csv", "countries", "--excel")
        assert result.out.startswith("\ufeff")

    def test_jsonschema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--format jsonschema``: a JSON Schema of the whole document."""
        schema = json.loads(run(capsys, "export", "--format", "jsonschema").out)
        assert schema["$schema"].startswith("https://json-schema.org/")
        assert sorted(schema["properties"]) == sorted(bundled_document())

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            pytest.param(
                ("--format", "csv"),
                "export --format csv needs a KIND (see export --help)",
                id="csv",
            ),
            pytest.param(
                ("--format", "json", "agencies"),
                "export --format json takes no KIND (only csv does)",
                id="json-kind",
            ),
            pytest.param(
                ("--format", "jsonschema", "agencies"),
                "export --format jsonschema takes no KIND (only csv does)",
                id="schema-kind",
            ),
            pytest.param(
                ("--format", "datapackage", "agencies"),
                "export --format datapackage takes no KIND (only csv does)",
                id="package-kind",
            ),
            pytest.param(
                ("--format", "sqlite", "agencies"),
                "export --format sqlite takes no KIND (only csv does)",
                id="sqlite-kind",
            ),
            pytest.param(
                ("--format", "datapackage"),
                "export --format datapackage needs --output DIR (a directory to write)",
                id="package-stdout",
            ),
            pytest.param(
                ("--format", "datapackage", "--output", "-"),
                "export --format datapackage needs --output DIR (a directory to write)",
                id="package-dash",
            ),
            pytest.param(
                ("--format", "sqlite"),
                "export --format sqlite needs --output FILE",
                id="sqlite-stdout",
            ),
            pytest.param(
                ("--format", "sqlite", "-o", "-"),
                "export --format sqlite needs --output FILE",
                id="sqlite-dash",
            ),
            pytest.param(
                ("--format", "json", "--excel"),
                "--excel applies to --format csv only",
                id="excel-json",
            ),
        ],
    )
    def test_usage_error(
        self, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
    ) -> None:
        """A format without what it needs, or with what it does not take: exit 2, one line."""
        assert run(capsys, "export", *args) == Result(2, "", f"{PROG}: {message}\n")

    def test_unknown_format(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A format that does not exist is a usage error."""
        result = run(capsys, "export", "--format", "xml")
        assert result.code == 2
        assert_invalid_choice(result.err, "export: error: argument --format", "'xml'")

    def test_committee_is_no_csv_kind(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``committee`` is a list, not a kind of record to export."""
        result = run(capsys, "export", "--format", "csv", "committee")
        assert result.code == 2
        assert "'committee' is not a kind" in result.err


class TestExportSqlite:
    """``export --format sqlite --output FILE``: one file, written whole (content: test_sqlite)."""

    def test_writes(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The file is written; stdout says where."""
        target = tmp_path / "data.sqlite"
        result = run(capsys, "export", "--format", "sqlite", "--output", str(target))
        assert result == Result(0, f"wrote {target}\n", "")
        assert target.read_bytes().startswith(b"SQLite format 3\x00")

    def test_refuses_existing(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An existing file is left alone without --force: exit 1, one line."""
        target = tmp_path / "data.sqlite"
        target.write_text("mine", encoding="utf-8")
        result = run(capsys, "export", "--format", "sqlite", "--output", str(target))
        assert result == Result(
            1, "", f"{PROG}: {quote(str(target))} exists; add --force to overwrite it\n"
        )
        assert target.read_text(encoding="utf-8") == "mine"


# --- diff and cite ----------------------------------------------------------------------


class TestDiff:
    """``diff [OLD] NEW [--json]``: what changed between two documents."""

    @pytest.fixture
    def edited(self, tmp_path: Path) -> Path:
        """The bundled document with Mozambique's launch known only to the month."""
        data = bundled_document()
        element(data, "networks", "mozambique")[1]["launched"] = "2022-02"
        return write_document(tmp_path / "edited.json", data)

    def test_against_the_bundled_data(
        self, capsys: pytest.CaptureFixture[str], edited: Path
    ) -> None:
        """With one path, OLD is the bundled data: the change, field by field."""
        result = run(capsys, "diff", str(edited))
        assert result.code == 0
        assert result.out.splitlines() == [
            f"data as of {umn.load().as_of} -> {umn.load().as_of}",
            "networks: 1 changed",
            '~ networks mozambique launched: "2022-02-15" -> "2022-02"',
        ]

    def test_two_paths(
        self, capsys: pytest.CaptureFixture[str], edited: Path, tmp_path: Path
    ) -> None:
        """With two paths, from the first to the second."""
        bundled = tmp_path / "bundled.json"
        bundled.write_text(umn.load().to_json(), encoding="utf-8")
        backwards = run(capsys, "diff", str(edited), str(bundled)).out.splitlines()
        assert backwards[-1] == '~ networks mozambique launched: "2022-02" -> "2022-02-15"'

    def test_no_change(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The same data: one line saying so, exit 0."""
        path = tmp_path / "same.json"
        path.write_text(umn.load().to_json(), encoding="utf-8")
        as_of = umn.load().as_of.isoformat()
        result = run(capsys, "diff", str(path))
        assert result == Result(0, f"no change (data as of {as_of} on both sides)\n", "")

    def test_json(self, capsys: pytest.CaptureFixture[str], edited: Path) -> None:
        """``--json``: each change with what happened, kind, key, field, old and new."""
        data = json.loads(run(capsys, "diff", str(edited), "--json").out)
        assert data["changes"] == [
            {
                "what": "changed",
                "kind": "networks",
                "key": "mozambique",
                "field": "launched",
                "old": "2022-02-15",
                "new": "2022-02",
            }
        ]

    def test_earlier_release(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The 0.2.0 release's document is read (upgraded) and compared with this data."""
        result = run(capsys, "diff", str(RELEASE_0_2))
        lines = result.out.splitlines()
        assert result.code == 0
        assert "countries: 160 removed, 90 changed" in lines

    def test_earlier_release_json(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """From the 0.2.0 release to this data: the countries it lacked are added."""
        current = tmp_path / "current.json"
        current.write_text(umn.load().to_json(), encoding="utf-8")
        data = json.loads(run(capsys, "diff", str(RELEASE_0_2), str(current), "--json").out)
        added = {c["key"] for c in data["changes"] if c["what"] == "added"}
        assert "GT" in added

    def test_too_many_paths(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Three paths: a usage error."""
        result = run(capsys, "diff", "a", "b", "c")
        assert result == Result(2, "", f"{PROG}: diff takes one or two paths: [OLD] NEW\n")

    def test_no_path(self, capsys: pytest.CaptureFixture[str]) -> None:
        """No path: a usage error."""
        result = run(capsys, "diff")
        assert result == Result(
            2, "", f"{PROG}: diff: error: the following arguments are required: PATH (see --help)\n"
        )

    def test_unreadable(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A document that cannot load: exit 1, one line naming it and why."""
        path = tmp_path / "missing.json"
        result = run(capsys, "diff", str(path))
        assert result == Result(
            1,
            "",
            f"{PROG}: {quote(str(path))}: cannot load: cannot read the file: "
            "No such file or directory\n",
        )

    def test_which_one(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Of two documents, the line names the one that cannot load."""
        good = tmp_path / "good.json"
        good.write_text(umn.load().to_json(), encoding="utf-8")
        bad = tmp_path / "bad.json"
        bad.write_text("[]", encoding="utf-8")
        result = run(capsys, "diff", str(good), str(bad))
        assert result.err.startswith(f"{PROG}: {quote(str(bad))}: cannot load: ")

    def test_invalid(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A document with bad data: exit 1, one line with the first problem, how many more."""
        data = bundled_document()
        element(data, "networks", "mozambique")[1]["launched"] = "2018-13-45"
        element(data, "agencies", "unhcr")[1]["kind"] = "nope"
        path = write_document(tmp_path / "bad.json", data)
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(path)
        first = caught.value.problems[0].message
        result = run(capsys, "diff", str(path))
        assert result == Result(
            1, "", f"{PROG}: {quote(str(path))}: cannot load: {first} (and 1 more)\n"
        )

    def test_path_quoted(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A path of a megabyte is quoted shortened."""
        result = run(capsys, "diff", "x" * MEGABYTE)
        assert result.err.startswith(f"{PROG}: '{'x' * 60}…' (1,000,000 characters): ")
        assert len(result.err) < 500


class TestCite:
    """``cite [--bibtex]``: how to cite this data release."""

    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A line of text with the version and the data's date."""
        result = run(capsys, "cite")
        assert result == Result(0, umn.load().citation() + "\n", "")
        assert f"version {umn.__version__}" in result.out
        assert f"data as of {umn.load().as_of.isoformat()}" in result.out

    def test_bibtex(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A BibTeX entry."""
        result = run(capsys, "cite", "--bibtex")
        assert result == Result(0, umn.load().citation(style="bibtex") + "\n", "")
        assert result.out.startswith("@misc{un_migration_network_")


class TestExportToFile:
    """``export --output PATH [--force]``: whole or not at all, never over a file by surprise."""

    def test_writes(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The document goes to the file, nothing to stdout or stderr."""
        path = tmp_path / "data.json"
        assert run(capsys, "export", "--output", str(path)) == Result(0, "", "")
        assert path.read_text(encoding="utf-8") == umn.load().to_json()

    def test_csv_to_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """CSV to a file is the CSV on stdout."""
        path = tmp_path / "networks.csv"
        run(capsys, "export", "--format", "csv", "networks", "-o", str(path))
        expected = run(capsys, "export", "--format", "csv", "networks").out
        assert path.read_bytes() == expected.encode("utf-8")

    def test_no_temporary_left(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Only the file is left in its directory."""
        run(capsys, "export", "--output", str(tmp_path / "data.json"))
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json"]

    def test_atomic(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
    ) -> None:
        """Over an existing file (--force), a whole temporary file beside it is renamed over it."""
        target = tmp_path / "data.json"
        target.write_text("mine", encoding="utf-8")
        renames: list[tuple[Path, Path, str]] = []
        replace = os.replace

        def recording(source: Any, destination: Any) -> None:
            renames.append(
                (Path(source), Path(destination), Path(source).read_text(encoding="utf-8"))
            )
            replace(source, destination)

        monkeypatch.setattr(os, "replace", recording)
        run(capsys, "export", "--output", str(target), "--force")
        ((temporary, destination, text),) = renames
        assert temporary.parent == tmp_path
        assert temporary.name.startswith(".data.json.")
        assert destination == target
        assert text == umn.load().to_json()

    def test_mode(self, capsys: pytest.CaptureFixture[str], tmp_path: Path, umask: int) -> None:
        """The file gets the mode a new file gets (not the temporary file's private 0600)."""
        path = tmp_path / "data.json"
        run(capsys, "export", "--output", str(path))
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask

    def test_refuses_existing(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An existing file is left alone without --force: exit 1, one line."""
        path = tmp_path / "data.json"
        path.write_text("mine", encoding="utf-8")
        result = run(capsys, "export", "--output", str(path))
        assert result == Result(
            1, "", f"{PROG}: {quote(str(path))} exists; add --force to overwrite it\n"
        )
        assert path.read_text(encoding="utf-8") == "mine"

    def test_force(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """``--force`` replaces an existing file."""
        path = tmp_path / "data.json"
        path.write_text("mine", encoding="utf-8")
        assert run(capsys, "export", "--output", str(path), "--force").code == 0
        assert path.read_text(encoding="utf-8") == umn.load().to_json()

    def test_directory(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A directory is not a file to write, even with --force."""
        result = run(capsys, "export", "--output", str(tmp_path), "--force")
        assert result == Result(
            1, "", f"{PROG}: {quote(str(tmp_path))} is a directory; give another path\n"
        )

    def test_missing_parent(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file in a directory that does not exist cannot be written."""
        path = tmp_path / "missing" / "data.json"
        result = run(capsys, "export", "--output", str(path))
        assert result == Result(
            1, "", f"{PROG}: cannot write {quote(str(path))}: No such file or directory\n"
        )

    def test_parent_is_a_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file "in" a file cannot be written."""
        (tmp_path / "file").write_text("", encoding="utf-8")
        path = tmp_path / "file" / "data.json"
        result = run(capsys, "export", "--output", str(path))
        assert result == Result(
            1, "", f"{PROG}: cannot write {quote(str(path))}: Not a directory\n"
        )

    @pytest.mark.parametrize(
        ("name", "reason"),
        [
            pytest.param("a\x00b", "the path is not valid", id="nul"),
            pytest.param("a\ud800b", "the path is not valid", id="unencodable"),
            pytest.param("x" * 300, "File name too long", id="too-long"),
        ],
    )
    def test_impossible_name(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, reason: str
    ) -> None:
        """A name the system cannot take: exit 1, one line."""
        path = str(tmp_path / name)
        result = run(capsys, "export", "--output", path)
        assert result == Result(1, "", f"{PROG}: cannot write {quote(path)}: {reason}\n")

    def test_failed_rename(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
    ) -> None:
        """A write that fails half-way leaves the old file whole and no temporary file."""
        path = tmp_path / "data.json"
        path.write_text("mine", encoding="utf-8")

        def full(*_: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "replace", full)
        result = run(capsys, "export", "--output", str(path), "--force")
        assert result == Result(
            1, "", f"{PROG}: cannot write {quote(str(path))}: No space left on device\n"
        )
        assert path.read_text(encoding="utf-8") == "mine"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json"]

    def test_failure_without_reason(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
    ) -> None:
        """An error the system gives no words for is named by its text."""

        def fail(*_: object) -> None:
            message = "the disk went away"
            raise OSError(message)

        (tmp_path / "data.json").write_text("mine", encoding="utf-8")
        monkeypatch.setattr(os, "replace", fail)
        result = run(capsys, "export", "--output", str(tmp_path / "data.json"), "--force")
        assert result.err == (
            f"{PROG}: cannot write {quote(str(tmp_path / 'data.json'))}: the disk went away\n"
        )


class TestExportDataPackage:
    """``export --format datapackage --output DIR [--force]``."""

    def test_writes(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The package is written into a new directory; stdout says how many files."""
        target = tmp_path / "package"
        result = run(capsys, "export", "--format", "datapackage", "--output", str(target))
        written = sorted(target.iterdir())
        assert result == Result(0, f"wrote {len(written)} files to {target}\n", "")

    def test_descriptor(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Every table the descriptor names is in the directory."""
        target = tmp_path / "package"
        run(capsys, "export", "--format", "datapackage", "--output", str(target))
        descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
        paths = [resource["path"] for resource in descriptor["resources"]]
        assert [p for p in paths if not (target / p).is_file()] == []

    def test_empty_directory(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An existing empty directory takes the package without --force."""
        result = run(capsys, "export", "--format", "datapackage", "--output", str(tmp_path))
        assert result.code == 0

    def test_refuses_non_empty(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A directory with files in it is left alone without --force."""
        (tmp_path / "mine.txt").write_text("mine", encoding="utf-8")
        result = run(capsys, "export", "--format", "datapackage", "--output", str(tmp_path))
        assert result == Result(
            1,
            "",
            f"{PROG}: {quote(str(tmp_path))} exists; add --force to overwrite it\n",
        )
        assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]

    def test_force(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """``--force`` writes the package over an earlier one."""
        args = ("export", "--format", "datapackage", "--output", str(tmp_path), "--force")
        run(capsys, *args)
        (tmp_path / "datapackage.json").write_text("old", encoding="utf-8")
        assert run(capsys, *args).code == 0
        assert json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))

    def test_force_never_over_other_files(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Even with ``--force``, a directory that holds other files is left alone."""
        (tmp_path / "mine.txt").write_text("mine", encoding="utf-8")
        args = ("export", "--format", "datapackage", "--output", str(tmp_path), "--force")
        assert run(capsys, *args) == Result(
            1,
            "",
            f"{PROG}: {quote(str(tmp_path))} is a directory that holds other files "
            "('mine.txt'); give another path\n",
        )
        assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]

    def test_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file is not a directory, even with --force."""
        path = tmp_path / "data.json"
        path.write_text("mine", encoding="utf-8")
        args = ("export", "--format", "datapackage", "--output", str(path), "--force")
        assert run(capsys, *args) == Result(
            1, "", f"{PROG}: {quote(str(path))} is a file; give another path\n"
        )

    def test_cannot_write(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A directory that cannot be made: exit 1, one line."""
        (tmp_path / "file").write_text("", encoding="utf-8")
        target = tmp_path / "file" / "package"
        result = run(capsys, "export", "--format", "datapackage", "--output", str(target))
        assert result == Result(
            1, "", f"{PROG}: cannot write {quote(str(target))}: Not a directory\n"
        )

    def test_impossible_name(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A name the system cannot take: exit 1, one line."""
        target = str(tmp_path / "a\x00b")
        result = run(capsys, "export", "--format", "datapackage", "--output", target)
        assert result == Result(
            1, "", f"{PROG}: cannot write {quote(target)}: the path is not valid\n"
        )


# --- help, version, usage ---------------------------------------------------------------

COMMANDS = ("show", "search", "list", "validate", "export", "diff", "cite")


class TestHelp:
    """``--help`` and ``--version``."""

    @pytest.mark.parametrize(
        "args",
        [
            pytest.param(("--help",), id="top"),
            pytest.param(("-h",), id="top-short"),
            *(pytest.param((c, "--help"), id=c) for c in COMMANDS),
        ],
    )
    def test_examples(self, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
        """Help is on stdout, exit 0, and ends with examples of the command line."""
        result = run(capsys, *args)
        lines = result.out.splitlines()
        examples = lines[lines.index("examples:") + 1 :]
        assert result.code == 0
        assert result.err == ""
        assert examples != []
        assert [line for line in examples if not line.startswith(f"  {PROG} ")] == []

    @pytest.mark.parametrize("command", COMMANDS)
    def test_command_examples(self, capsys: pytest.CaptureFixture[str], command: str) -> None:
        """A command's examples are of that command."""
        lines = run(capsys, command, "--help").out.splitlines()
        examples = lines[lines.index("examples:") + 1 :]
        assert [x for x in examples if x.split()[:2] != [PROG, command]] == []

    def test_commands_named(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The top help names every command."""
        out = run(capsys, "--help").out
        listed = out.split("commands (COMMAND --help for each):\n")[1].split("\n\n")[0]
        names = [line.split()[0] for line in listed.splitlines() if not line.startswith("   ")]
        assert names == list(COMMANDS)

    def test_bare_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """No command: the help on stdout (what the program does and how to ask), exit 2."""
        result = run(capsys)
        assert result == Result(2, run(capsys, "--help").out, "")

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--version``: the package's version and the data's as-of date."""
        result = run(capsys, "--version")
        as_of = umn.load().as_of.isoformat()
        assert result == Result(0, f"{PROG} {umn.__version__} (data as of {as_of})\n", "")

    def test_parser_exit(self) -> None:
        """The parser's own exit hands its status and message to `main`, printing nothing."""
        with pytest.raises(cli._Exit) as caught:
            cli._Parser(prog=PROG).exit(3, "stopped\n")
        assert caught.value.status == 3
        assert caught.value.text == "stopped\n"

    def test_parser_exit_without_message(self) -> None:
        """An exit with no message has no text."""
        with pytest.raises(cli._Exit) as caught:
            cli._Parser(prog=PROG).exit()
        assert caught.value.text == ""


class TestUsage:
    """argparse's usage errors: exit 2, one line naming the program once, no traceback."""

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            pytest.param(
                ("show",),
                "show: error: the following arguments are required: QUERY (see --help)",
                id="missing-query",
            ),
            pytest.param(
                ("search", "un", "--limit"),
                "search: error: argument --limit: expected one argument (see --help)",
                id="missing-limit",
            ),
            pytest.param(
                ("show", "Mozambique", "extra"),
                "show: error: unrecognized arguments: extra (see --help)",
                id="extra",
            ),
            pytest.param(
                ("show", "Mozambique", "a\nb\x1b"),
                "show: error: unrecognized arguments: a\\nb\\x1b (see --help)",
                id="extra-escaped",
            ),
            pytest.param(
                ("validate", "--frobnicate"),
                "validate: error: unrecognized arguments: --frobnicate (see --help)",
                id="unknown-option",
            ),
        ],
    )
    def test_usage_error(
        self, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
    ) -> None:
        """The exit status is 2 and stderr one line."""
        assert run(capsys, *args) == Result(2, "", f"{PROG}: {message}\n")

    def test_unknown_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A command that does not exist is a usage error."""
        result = run(capsys, "frobnicate")
        assert result == Result(
            2,
            "",
            f"{PROG}: error: argument command: 'frobnicate' is not a command "
            f"({', '.join(COMMANDS)}) (see --help)\n",
        )

    def test_misspelt_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A misspelt command is refused, offering the one meant."""
        result = run(capsys, "shwo", "Mozambique")
        assert result.err.endswith("; did you mean 'show'? (see --help)\n")

    @pytest.mark.parametrize("word", ["SHOW", "Show"])
    def test_command_any_case(self, capsys: pytest.CaptureFixture[str], word: str) -> None:
        """A command is taken in any case."""
        assert run(capsys, word, "gcm") == run(capsys, "show", "gcm")

    @pytest.mark.parametrize(
        ("query", "said"),
        [
            ("-x", "no record matches '-x'"),
            ("--json", "no record matches '--json'"),
            ("--/--", "show: error: argument QUERY: expected a name, code or number"),
        ],
    )
    def test_double_dash(self, capsys: pytest.CaptureFixture[str], query: str, said: str) -> None:
        """After ``--``, what looks like an option is the command's QUERY."""
        result = run(capsys, "show", "--", query)
        assert result.err.startswith(f"{PROG}: {said}")

    def test_program_options_before_the_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A ``--`` before the command ends the program's options; the command runs."""
        assert run(capsys, "--", "show", "gcm") == run(capsys, "show", "gcm")

    @pytest.mark.parametrize(
        "args",
        [
            pytest.param(("x" * MEGABYTE,), id="command"),
            pytest.param(("list", "x" * MEGABYTE), id="kind"),
            pytest.param(("show", "Mozambique", "x" * MEGABYTE), id="extra"),
            pytest.param(("export", "--format", "csv", "x" * MEGABYTE), id="csv-kind"),
        ],
    )
    def test_megabyte_argument(
        self, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
    ) -> None:
        """An argument of a megabyte is not echoed: the line says how long it was."""
        result = run(capsys, *args)
        assert result.code == 2
        assert len(result.err) < 500
        assert " characters)" in result.err
        assert result.err.endswith(" (see --help)\n")
        assert result.err.count("\n") == 1


# --- queries that are not names -----------------------------------------------------------

QUERIES = {
    "megabyte": "a" * MEGABYTE,
    "megabyte-of-fdfa": "\ufdfa" * MEGABYTE,
    "fdfa": "\ufdfa",
    "control": "\x1b[31m\x07\x00x",
    "line-break": "Mozam\nbique",
    "lone-surrogate": "\udcff",
    "surrogate-inside": "Moz\ud800ambique",
    "punctuation-megabyte": "-" * MEGABYTE,
}


def query_runs() -> list[Any]:
    """Every command that takes a user's text, with each troublesome query."""
    shapes: list[tuple[str, Callable[[str], list[str]]]] = [
        ("show", lambda q: ["show", "--", q]),
        ("show-json", lambda q: ["show", "--json", "--", q]),
        ("show-fr", lambda q: ["show", "--lang", "fr", "--", q]),
        ("search", lambda q: ["search", "--", q]),
        ("search-json", lambda q: ["search", "--json", "--", q]),
        ("region", lambda q: ["list", "networks", "--region", q]),
        ("existing-on", lambda q: ["list", "networks", f"--existing-on={q}"]),
        ("member", lambda q: ["list", "networks", "--member", q]),
        ("kind", lambda q: ["list", "--", q]),
        ("diff", lambda q: ["diff", "--", q]),
        ("limit", lambda q: ["search", "un", f"--limit={q}"]),
        ("validate", lambda q: ["validate", "--", q]),
        ("output", lambda q: ["export", f"--output={q}"]),
        ("csv-kind", lambda q: ["export", "--format", "csv", "--", q]),
    ]
    return [
        pytest.param(shape(query), id=f"{name}-{label}")
        for label, query in QUERIES.items()
        for name, shape in shapes
    ]


class TestQueries:
    """Text that is not a name (a megabyte, U+FDFA, control characters, lone surrogates)."""

    @pytest.mark.parametrize("args", query_runs())
    def test_no_crash(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        args: list[str],
    ) -> None:
        """Exit 0, 1 or 2, at most one short line on stderr."""
        monkeypatch.chdir(tmp_path)  # `export --output QUERY` may write a file
        result = run(capsys, *args)
        assert result.code in {0, 1, 2}
        assert result.err.count("\n") <= 1
        assert len(result.err) < 500

    @pytest.mark.parametrize(
        ("query", "quoted"),
        [
            pytest.param("a" * MEGABYTE, f"'{'a' * 60}…' (1,000,000 characters)", id="megabyte"),
            pytest.param(
                "\ufdfa" * MEGABYTE,
                f"'{chr(0xFDFA) * 60}…' (1,000,000 characters)",
                id="megabyte-of-fdfa",
            ),
            pytest.param("\x1b[31m\x07\x00x", "'\\x1b[31m\\x07\\x00x'", id="control"),
        ],
    )
    @pytest.mark.parametrize("command", ["show", "search"])
    def test_quoted_short(
        self, capsys: pytest.CaptureFixture[str], command: str, query: str, quoted: str
    ) -> None:
        """A miss quotes the query shortened and escaped."""
        result = run(capsys, command, "--", query)
        assert result == Result(1, "", f"{PROG}: no record matches {quoted}\n")

    def test_punctuation_megabyte(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A megabyte of punctuation is a usage error quoting it shortened."""
        result = run(capsys, "show", "--", "-" * MEGABYTE)
        assert result.err == (
            f"{PROG}: show: error: argument QUERY: expected a name, code or number to look for, "
            f"got '{'-' * 60}…' (1,000,000 characters) (see --help)\n"
        )

    def test_surrogate_inside(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A lone surrogate inside a name is ignored, as lookups ignore it."""
        result = run(capsys, "show", "Moz\ud800ambique")
        assert title(result.out) == "United Nations Network on Migration in Mozambique"


# --- output that cannot be written ------------------------------------------------------


def commands(tmp: Path) -> dict[str, list[str]]:
    """One run of every command (each export format), each help, and a miss and a usage error."""
    return {
        "show": ["show", "Mozambique"],
        "show-json": ["show", "gcm", "--json"],
        "show-miss": ["show", "Mozambik"],
        "show-country": ["show", "Guatemala"],
        "search": ["search", "un"],
        "search-json-miss": ["search", "xqzzvwk", "--json"],
        "list": ["list", "networks"],
        "list-json": ["list", "sources", "--json"],
        "list-committee": ["list", "committee"],
        "validate": ["validate"],
        "validate-json": ["validate", "--json"],
        "export-json": ["export"],
        "export-csv": ["export", "--format", "csv", "networks"],
        "export-jsonschema": ["export", "--format", "jsonschema"],
        "export-datapackage": [
            "export",
            "--format",
            "datapackage",
            "--output",
            str(tmp / "package"),
            "--force",
        ],
        "export-sqlite": [
            "export",
            "--format",
            "sqlite",
            "--output",
            str(tmp / "data.sqlite"),
            "--force",
        ],
        "export-file": ["export", "--output", str(tmp / "data.json"), "--force"],
        "diff": ["diff", str(RELEASE_0_2)],
        "cite": ["cite"],
        "help": ["--help"],
        **{f"help-{c}": [c, "--help"] for c in COMMANDS},
        "version": ["--version"],
        "usage-error": ["list", "planets"],
    }


COMMAND_NAMES = list(commands(Path()))


def when_stdout_fails(normal: Result, line: str) -> Result:
    """What a run gives when its stdout fails with *line*, from what it gives normally."""
    if normal.out:
        return Result(1, "", line)
    return Result(normal.code, "", normal.err)


class TestOutputFailures:
    """Output that cannot be written ends in one line on stderr, never a traceback."""

    @pytest.mark.parametrize("name", COMMAND_NAMES)
    def test_stdout_none(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        name: str,
    ) -> None:
        """No standard output at all (``sys.stdout is None``): exit 1, one line."""
        args = commands(tmp_path)[name]
        expected = when_stdout_fails(run(capsys, *args), CLOSED)
        monkeypatch.setattr(sys, "stdout", None)
        code = main(args)
        assert Result(code, "", capsys.readouterr().err) == expected

    @pytest.mark.parametrize("name", COMMAND_NAMES)
    def test_full_disk(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        name: str,
    ) -> None:
        """A write that fails (no space left): exit 1, one line saying why."""
        args = commands(tmp_path)[name]
        expected = when_stdout_fails(run(capsys, *args), FULL)
        full = OSError(errno.ENOSPC, "No space left on device")
        monkeypatch.setattr(sys, "stdout", FailingStream(full))
        code = main(args)
        assert Result(code, "", capsys.readouterr().err) == expected

    @pytest.mark.parametrize("name", COMMAND_NAMES)
    def test_broken_pipe(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        name: str,
    ) -> None:
        """A reader that went away (``| head``): the usual status, nothing more said."""
        args = commands(tmp_path)[name]
        normal = run(capsys, *args)
        monkeypatch.setattr(sys, "stdout", FailingStream(BrokenPipeError(errno.EPIPE, "")))
        code = main(args)
        assert code == normal.code
        assert capsys.readouterr().err == ("" if normal.out else normal.err)

    def test_flush_fails(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A flush that fails is a write that fails."""
        failing = FailingStream(OSError(errno.EIO, "Input/output error"), on_flush=True)
        monkeypatch.setattr(sys, "stdout", failing)
        code = main(["--version"])
        assert Result(code, "", capsys.readouterr().err) == Result(
            1, "", f"{PROG}: cannot write the output: Input/output error\n"
        )

    def test_closed_stream(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A standard output that was closed: exit 1, one line."""
        closed = io.StringIO()
        closed.close()
        with pytest.raises(ValueError, match="closed file") as caught:
            closed.write("")
        monkeypatch.setattr(sys, "stdout", closed)
        code = main(["show", "Mozambique"])
        assert Result(code, "", capsys.readouterr().err) == Result(
            1, "", f"{PROG}: cannot write the output: {caught.value}\n"
        )

    def test_failed_stdout_silenced(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """A standard output that failed is pointed at the null device: the exit flush is safe."""
        descriptor = os.open(tmp_path / "out", os.O_WRONLY | os.O_CREAT)
        try:
            monkeypatch.setattr(sys, "stdout", BrokenPipeWithDescriptor(descriptor))
            main(["--version"])
            assert os.path.samestat(os.fstat(descriptor), Path(os.devnull).stat())
        finally:
            os.close(descriptor)

    def test_stderr_none(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """No standard error: the status is still returned, nothing raised."""
        monkeypatch.setattr(sys, "stderr", None)
        assert main(["show", "Mozambik"]) == 1

    def test_stdout_and_stderr_none(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Neither stream: the status of a page that cannot be written."""
        monkeypatch.setattr(sys, "stdout", None)
        monkeypatch.setattr(sys, "stderr", None)
        assert main(["show", "Mozambique"]) == 1

    @pytest.mark.parametrize(
        "error",
        [OSError(errno.ENOSPC, "No space left on device"), ValueError("closed")],
        ids=["os-error", "value-error"],
    )
    def test_stderr_fails(self, monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
        """A standard error that cannot be written: the status is still returned."""
        monkeypatch.setattr(sys, "stderr", FailingStream(error))
        assert main(["search", "xqzzvwk"]) == 1

    def test_ascii_stdout(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An output that only takes ASCII gets escapes for other letters, not an error."""
        raw = io.BytesIO()
        stdout = io.TextIOWrapper(raw, encoding="ascii")
        monkeypatch.setattr(sys, "stdout", stdout)
        assert main(["show", "turkiye"]) == 0
        assert b"Network on Migration in T\\xfcrkiye" in raw.getvalue()


# --- real processes ---------------------------------------------------------------------

PYTHON_M = (sys.executable, "-m", "un_migration_network")
FAILING_MODES = ("closed", "full", "pipe")
# One command of each way of printing: a page, a miss (nothing on stdout), a table, a long
# report, the document, a file written (nothing on stdout), help, the version and a usage
# error. Child processes are slow; every command meets a failing stdout in-process above.
PROCESS_NAMES = [
    "show",
    "show-miss",
    "list",
    "validate",
    "export-json",
    "export-file",
    "help",
    "version",
    "usage-error",
]


def child(args: Sequence[str | bytes], mode: str) -> Result:
    """Run ``python -m un_migration_network ARGS`` with its stdout as *mode* says.

    normal: captured; closed: not open at all (``>&-``); full: /dev/full; pipe: a pipe whose
    reader takes one byte and closes it.
    """
    env = package_env()
    command: list[str | bytes] = [*PYTHON_M, *args]
    if mode == "pipe":
        process = subprocess.Popen(  # noqa: S603 - this interpreter, the tests' arguments
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.read(1)
        process.stdout.close()
        err = process.stderr.read()
        process.stderr.close()
        return Result(process.wait(timeout=120), "", err.decode("utf-8", "backslashreplace"))
    if mode == "closed":
        # The shell closes descriptor 1 for the program it execs: no stdout at all.
        command = ["sh", "-c", 'exec "$0" "$@" >&-', *command]
    with contextlib.ExitStack() as stack:
        stdout: Any = subprocess.PIPE
        if mode == "full":
            stdout = stack.enter_context(Path("/dev/full").open("wb"))
        completed = subprocess.run(  # noqa: S603 - this interpreter, the tests' arguments
            command, stdout=stdout, stderr=subprocess.PIPE, env=env, check=False, timeout=120
        )
    out = (completed.stdout or b"").decode("utf-8", "backslashreplace")
    return Result(completed.returncode, out, completed.stderr.decode("utf-8", "backslashreplace"))


@pytest.fixture(scope="module")
def children(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Result]:
    """Each command run as a real process with each failing stdout, a few at a time."""
    jobs: dict[tuple[str, str], list[str]] = {}
    for mode in FAILING_MODES:
        tmp = tmp_path_factory.mktemp(mode)
        for name in PROCESS_NAMES:
            jobs[mode, name] = commands(tmp)[name]
    jobs["normal", "show"] = commands(tmp_path_factory.mktemp("normal"))["show"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {key: pool.submit(child, args, key[0]) for key, args in jobs.items()}
        return {key: future.result() for key, future in futures.items()}


def in_process(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> Result:
    """What a command gives with a working stdout (in this process: the same code runs)."""
    return run(capsys, *commands(tmp_path)[name])


class TestProcess:
    """Every command as a real child process, its stdout closed, full or cut off."""

    @pytest.mark.parametrize("mode", FAILING_MODES)
    @pytest.mark.parametrize("name", PROCESS_NAMES)
    def test_one_line_at_most(
        self, children: dict[tuple[str, str], Result], mode: str, name: str
    ) -> None:
        """Exit 0, 1 or 2, at most one line on stderr, never a traceback."""
        if mode == "full" and not Path("/dev/full").exists():
            pytest.skip("no /dev/full on this system")
        result = children[mode, name]
        assert result.code in {0, 1, 2}
        assert result.err.count("\n") <= 1
        assert "Traceback" not in result.err

    @pytest.mark.parametrize("name", PROCESS_NAMES)
    def test_closed(
        self,
        children: dict[tuple[str, str], Result],
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        name: str,
    ) -> None:
        """No stdout at all: exit 1 and one line, for a command that prints."""
        expected = when_stdout_fails(in_process(capsys, tmp_path, name), CLOSED)
        assert children["closed", name] == expected

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
    @pytest.mark.parametrize("name", PROCESS_NAMES)
    def test_full(
        self,
        children: dict[tuple[str, str], Result],
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        name: str,
    ) -> None:
        """Into /dev/full: exit 1 and one line, for a command that prints."""
        expected = when_stdout_fails(in_process(capsys, tmp_path, name), FULL)
        assert children["full", name] == expected

    @pytest.mark.parametrize("name", PROCESS_NAMES)
    def test_pipe_closed_early(
        self,
        children: dict[tuple[str, str], Result],
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        name: str,
    ) -> None:
        """A reader that takes one byte and goes: the usual status, nothing more said."""
        normal = in_process(capsys, tmp_path, name)
        result = children["pipe", name]
        # A line on stderr after the output is said only if the output went out in time.
        said = {"", normal.err} if normal.out else {normal.err}
        assert result.code == normal.code
        assert result.err in said

    def test_normal(self, children: dict[tuple[str, str], Result]) -> None:
        """``python -m un_migration_network show Mozambique`` prints the page, exit 0."""
        result = children["normal", "show"]
        assert result.code == 0
        assert result.err == ""
        assert cited(result.out, "launched") == [SEED]

    def test_ascii_terminal(self) -> None:
        """A terminal that only takes ASCII gets escapes for other letters."""
        completed = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
            [*PYTHON_M, "show", "turkiye"],
            capture_output=True,
            env={**package_env(), "PYTHONIOENCODING": "ascii"},
            check=False,
            timeout=120,
        )
        assert completed.returncode == 0
        assert b"United Nations Network on Migration in T\\xfcrkiye" in completed.stdout

    def test_undecodable_argument(self) -> None:
        """An argument that is not UTF-8 (a lone surrogate to Python) does not crash."""
        result = child([b"show", b"Moz\xffambique"], "normal")
        assert result.code == 0
        assert title(result.out) == "United Nations Network on Migration in Mozambique"

    @pytest.mark.skipif(
        shutil.which("un-migration-network") is None,
        reason="the console script un-migration-network is not installed on PATH",
    )
    def test_console_script(self) -> None:
        """The installed console script runs the same command line."""
        script = shutil.which("un-migration-network")
        assert script is not None
        completed = subprocess.run(  # noqa: S603 - the installed script, fixed arguments
            [script, "--version"], capture_output=True, text=True, check=False, timeout=120
        )
        as_of = umn.load().as_of.isoformat()
        assert completed.stdout == f"{PROG} {umn.__version__} (data as of {as_of})\n"
