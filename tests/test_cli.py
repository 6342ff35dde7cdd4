"""The command line, run in-process for coverage and once as a real process each way."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import attrs
import pytest

import un_migration_network as umn
from un_migration_network.cli import main

AS_OF = "2026-02-11"
WIDTH = 80
_BARE_URL = re.compile(r"\s*https?://\S+")
_MOZAMBIQUE_MEMBERS = (
    "RCO, FAO, IOM, OHCHR, UN-Habitat, UN Women, UNAIDS, UNDP, UNFPA, UNHCR, UNICEF, UNODC, WFP"
)


class Result(NamedTuple):
    """What one run of the command line gave."""

    code: object
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """Run ``main(args)`` and capture its exit status, stdout and stderr.

    argparse ends usage errors with SystemExit; its code is the exit status.
    """
    try:
        code: object = main(list(args))
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def collapse(text: str) -> str:
    """The text with every run of whitespace (line breaks included) as one space."""
    return " ".join(text.split())


def one_line_error(result: Result) -> bool:
    """Whether stderr is exactly one line, and no traceback."""
    return (
        result.err.count("\n") == 1 and result.err.endswith("\n") and "Traceback" not in result.err
    )


def package_env() -> dict[str, str]:
    """The environment for a child Python that imports this same copy of the package."""
    root = str(Path(umn.__file__).parents[1])
    existing = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": root + (os.pathsep + existing if existing else "")}


@pytest.fixture(autouse=True)
def _columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal of a known width, so tables and help wrap the same way everywhere."""
    monkeypatch.setenv("COLUMNS", str(WIDTH))


@pytest.fixture
def broken_document(tmp_path: Path) -> Path:
    """A copy of the bundled document with three problems: a bad date, kind and key."""
    data: dict[str, Any] = json.loads(umn.load().to_json())
    data["networks"][0]["launched"] = "2018-13-45"
    data["agencies"][0]["kind"] = "nope"
    data["unexpected"] = True
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


BROKEN_PROBLEMS = [
    ("unknown-key", "$.unexpected"),
    ("bad-value", "$.agencies[0].kind"),
    ("bad-date", "$.networks[0].launched"),
]


class TestShow:
    """``show QUERY`` prints one record."""

    def test_mozambique(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The seed network: launch day, the 13 members in order, sources, the data's date."""
        result = run(capsys, "show", "Mozambique")
        assert (result.code, result.err) == (0, "")
        text = collapse(result.out)
        assert "launched 2022-02-15" in text
        assert "13 listed, 11 declared" in text
        assert _MOZAMBIQUE_MEMBERS in text
        assert (
            "https://mozambique.iom.int/news/un-network-migration-mozambique-officially-launched"
            in (result.out.split())
        )
        assert result.out.splitlines()[-1] == f"Data as of {AS_OF}."

    @pytest.mark.parametrize(
        ("query", "fragments"),
        [
            pytest.param(
                "UN Habitat",
                ["UN-Habitat: United Nations Human Settlements Programme", "Nairobi, Kenya"],
                id="agency-alias",
            ),
            pytest.param(
                "13",
                [
                    "Objective 13: Use migration detention only",
                    "paragraph 29",
                    "round table 2",
                    "variant Use immigration detention only",
                ],
                id="objective",
            ),
            pytest.param(
                "a", ["Guiding principle (a): People-centred", "paragraph 15"], id="principle"
            ),
            pytest.param(
                "e",
                ["Sustainable development", "15 (letter inferred from the order)"],
                id="principle-e",
            ),
            pytest.param("18", ["paragraph 34 (inferred)"], id="objective-inferred-paragraph"),
            pytest.param(
                "gcm",
                [
                    "Global Compact for Safe, Orderly and Regular Migration (GCM)",
                    "adopted 2018-12-10, Marrakech, Morocco",
                    "endorsed 2018-12-19, A/RES/73/195",
                    "152 in favour, 5 against, 12 abstentions, 24 not voting",
                    "Czech Republic, Hungary, Israel, Poland, United States",
                    "every 4 years from 2022",
                    "2022-05-17",
                ],
                id="compact",
            ),
            pytest.param(
                "executive committee",
                [
                    "Executive Committee of the UN Network on Migration",
                    "coordinator IOM",
                    "secretariat IOM",
                    "IOM, ILO, UNHCR, UNICEF, OHCHR, UNDP, UNODC, DESA, WHO",
                    "WHO since between 2020-03-05 and 2021-12-31, inferred",
                ],
                id="executive-committee",
            ),
            pytest.param(
                "global",
                ["decided 2018-05-23", "launched 2018-12-09", "38 declared (list incomplete)"],
                id="global-network",
            ),
            pytest.param(
                "Asia and the Pacific", ["region Asia and the Pacific", "not known"], id="regional"
            ),
            pytest.param("Belarus", ["launched 2020 (day not known)"], id="launch-year"),
            pytest.param("Iraq", ["launched 2021-03-17 (inferred)"], id="launch-inferred"),
            pytest.param(
                "Zambia",
                ["launched between 2021-03-18 and 2021-06-24, inferred"],
                id="launch-bounds",
            ),
            pytest.param("XK", ["(XK) (user-assigned code)"], id="user-assigned-code"),
        ],
    )
    def test_record(
        self, capsys: pytest.CaptureFixture[str], query: str, fragments: list[str]
    ) -> None:
        """Each kind of record prints its title and facts, then the data's date."""
        result = run(capsys, "show", query)
        assert (result.code, result.err) == (0, "")
        text = collapse(result.out)
        assert [f for f in fragments if f not in text] == []
        assert result.out.splitlines()[-1] == f"Data as of {AS_OF}."

    @pytest.mark.parametrize(
        ("query", "kind", "field", "value"),
        [
            ("Mozambique", "network", "id", "mozambique"),
            ("UN Habitat", "agency", "id", "un-habitat"),
            ("13", "objective", "number", 13),
            ("a", "guiding principle", "letter", "a"),
            ("gcm", "compact", "resolution", "A/RES/73/195"),
            ("ec", "executive committee", "coordinator", "iom"),
        ],
    )
    def test_json(
        self,
        capsys: pytest.CaptureFixture[str],
        query: str,
        kind: str,
        field: str,
        value: object,
    ) -> None:
        """``--json`` prints one JSON object with the record's kind and the record."""
        result = run(capsys, "show", "--json", query)
        data = json.loads(result.out)
        assert (result.code, data["kind"], data["record"][field], data["as_of"]) == (
            0,
            kind,
            value,
            AS_OF,
        )

    def test_miss_suggests(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A misspelling exits 1 with one line on stderr offering the right name."""
        result = run(capsys, "show", "Mozambik")
        assert (result.code, result.out, one_line_error(result)) == (1, "", True)
        assert "did you mean 'Mozambique'" in result.err


class TestRecordPages:
    """The human-readable page of each kind of record."""

    def test_vote_without_non_voting(self) -> None:
        """A vote that records no non-voting members shows no 'not voting' figure."""
        from un_migration_network.cli import _compact_rows  # noqa: PLC0415

        vote = attrs.evolve(umn.compact.vote, non_voting=None)
        _, rows = _compact_rows(attrs.evolve(umn.compact, vote=vote))
        assert dict(rows)["vote"] == "152 in favour, 5 against, 12 abstentions"


class TestSearch:
    """``search QUERY`` ranks records."""

    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The best match for 'habitat' is UN-Habitat, in a table."""
        result = run(capsys, "search", "habitat")
        lines = result.out.splitlines()
        assert (result.code, result.err) == (0, "")
        assert lines[0].split() == ["kind", "key", "name"]
        assert lines[2].split()[:2] == ["agency", "un-habitat"]

    @pytest.mark.parametrize(
        ("query", "kind", "key", "name"),
        [
            ("habitat", "agency", "un-habitat", "United Nations Human Settlements Programme"),
            (
                "mozambik",
                "network",
                "mozambique",
                "United Nations Network on Migration in Mozambique",
            ),
            (
                "remittances",
                "objective",
                "20",
                umn.objectives.lookup(20).title,
            ),
            ("people centred", "guiding principle", "a", "People-centred"),
        ],
    )
    def test_json(
        self, capsys: pytest.CaptureFixture[str], query: str, kind: str, key: str, name: str
    ) -> None:
        """``--json`` prints the ranked hits, best first, each with its kind, key and name."""
        result = run(capsys, "search", query, "--json")
        best = json.loads(result.out)[0]
        assert (result.code, best["kind"], best["key"], best["name"]) == (0, kind, key, name)

    @pytest.mark.parametrize(("args", "expected"), [((), 10), (("--limit", "2"), 2)])
    def test_limit(
        self, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], expected: int
    ) -> None:
        """At most --limit hits (10 by default)."""
        result = run(capsys, "search", "un", "--json", *args)
        assert (result.code, len(json.loads(result.out))) == (0, expected)

    def test_nothing_found(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Nonsense exits 1 with one line on stderr."""
        result = run(capsys, "search", "xqzzvwk")
        assert (result.code, result.out, one_line_error(result)) == (1, "", True)

    @pytest.mark.parametrize("query", ["", "  ", "--/--"])
    def test_query_needs_a_letter_or_digit(
        self, capsys: pytest.CaptureFixture[str], query: str
    ) -> None:
        """A query with nothing to look for is a usage error (exit 2), for search and show."""
        for command in ("search", "show"):
            result = run(capsys, command, "--", query)
            assert (result.code, one_line_error(result)) == (2, True)
            assert "expected a name, code or number" in result.err

    @pytest.mark.parametrize("limit", ["0", "-1", "ten"])
    def test_limit_must_be_positive(self, capsys: pytest.CaptureFixture[str], limit: str) -> None:
        """A limit that is not a whole number of at least 1 is a usage error (exit 2)."""
        result = run(capsys, "search", "habitat", "--limit", limit)
        assert (result.code, "no record matches" in result.err) == (2, False)


class TestList:
    """``list KIND`` prints every record of a kind."""

    @pytest.mark.parametrize(
        ("kind", "headers", "count"),
        [
            ("agencies", ["id", "acronym", "name"], len(umn.agencies)),
            ("networks", ["id", "level", "launched", "members"], len(umn.networks)),
            ("objectives", ["no", "label", "title"], 23),
            ("principles", ["letter", "name"], 10),
        ],
    )
    def test_table(
        self,
        capsys: pytest.CaptureFixture[str],
        kind: str,
        headers: list[str],
        count: int,
    ) -> None:
        """A header, a rule, then one row per record."""
        result = run(capsys, "list", kind)
        lines = result.out.splitlines()
        assert (result.code, lines[0].split(), len(lines) - 2) == (0, headers, count)

    @pytest.mark.parametrize(
        ("kind", "key", "expected"),
        [
            ("agencies", "id", [a.id for a in umn.agencies]),
            ("networks", "id", [n.id for n in umn.networks]),
            ("objectives", "number", list(range(1, 24))),
            ("principles", "letter", list("abcdefghij")),
        ],
    )
    def test_json(
        self, capsys: pytest.CaptureFixture[str], kind: str, key: str, expected: list[object]
    ) -> None:
        """``--json`` prints every record, in the data's order."""
        result = run(capsys, "list", kind, "--json")
        assert (result.code, [r[key] for r in json.loads(result.out)]) == (0, expected)

    @pytest.mark.parametrize(
        ("filters", "expected"),
        [
            pytest.param(
                (
                    "--level",
                    "country",
                    "--region",
                    "Africa",
                    "--launched-after",
                    "2021",
                    "--launched-before",
                    "2023",
                ),
                ["uganda", "mozambique"],
                id="africa-2022",
            ),
            pytest.param(("--level", "global"), ["global"], id="global"),
            pytest.param(
                ("--level", "regional"),
                [
                    "asia-pacific",
                    "europe-central-asia",
                    "arab-region",
                    "latin-america-caribbean",
                    "west-central-africa",
                ],
                id="regional",
            ),
            pytest.param(("--region", "Asia and the Pacific"), ["asia-pacific"], id="region-name"),
            pytest.param(("--region", "Northern Africa"), ["tunisia"], id="sub-region"),
            pytest.param(
                ("--launched-before", "2020-12-18"),
                ["global", "georgia", "sri-lanka"],
                id="before-a-day",
            ),
            pytest.param(("--launched-after", "2022-02"), ["pakistan"], id="after-a-month"),
        ],
    )
    def test_network_filters(
        self, capsys: pytest.CaptureFixture[str], filters: tuple[str, ...], expected: list[str]
    ) -> None:
        """Network filters combine; a launch known only as a span passes only if wholly inside."""
        result = run(capsys, "list", "networks", *filters)
        ids = [line.split()[0] for line in result.out.splitlines()[2:]]
        assert (result.code, ids) == (0, expected)

    @pytest.mark.parametrize("flag", ["--launched-before", "--launched-after"])
    @pytest.mark.parametrize("value", ["2023-13", "yesterday", "2022-02-30"])
    def test_bad_date(self, capsys: pytest.CaptureFixture[str], flag: str, value: str) -> None:
        """A date that is not YYYY[-MM[-DD]] is a usage error on one line."""
        result = run(capsys, "list", "networks", flag, value)
        assert (result.code, result.out, one_line_error(result)) == (2, "", True)
        assert flag in result.err

    @pytest.mark.parametrize(
        "filters", [("--level", "country"), ("--region", "Africa"), ("--launched-after", "2020")]
    )
    def test_network_filters_on_agencies(
        self, capsys: pytest.CaptureFixture[str], filters: tuple[str, ...]
    ) -> None:
        """Network filters on another kind are a usage error."""
        result = run(capsys, "list", "agencies", *filters)
        assert (result.code, result.out, one_line_error(result)) == (2, "", True)


class TestUsage:
    """argparse's own usage errors: exit 2, one line, no traceback."""

    @pytest.mark.parametrize(
        "args",
        [
            pytest.param(("frobnicate",), id="unknown-command"),
            pytest.param(("show",), id="missing-query"),
            pytest.param((), id="no-command"),
            pytest.param(("list", "countries"), id="unknown-kind"),
            pytest.param(("search", "un", "--limit", "many"), id="bad-limit"),
            pytest.param(("list", "networks", "--level", "planet"), id="bad-level"),
        ],
    )
    def test_usage_error(self, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
        """The exit status is 2 and stderr is one line."""
        result = run(capsys, *args)
        assert (result.code, result.out, one_line_error(result)) == (2, "", True)

    def test_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--help`` names every command and exits 0."""
        result = run(capsys, "--help")
        assert result.code == 0
        assert [
            c for c in ("show", "search", "list", "validate", "export") if c not in result.out
        ] == []

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--version`` prints the version and the data's date on stdout."""
        result = run(capsys, "--version")
        assert (result.code, result.out) == (
            0,
            f"un-migration-network {umn.__version__} (data as of {AS_OF})\n",
        )


class TestValidate:
    """``validate [PATH]`` checks the bundled data or a user's file."""

    def test_bundled(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The bundled data has warnings and no errors: exit 0, a line per warning."""
        report = umn.validate()
        result = run(capsys, "validate")
        assert (result.code, result.err) == (0, "")
        assert result.out.splitlines()[-1] == f"0 errors, {len(report.warnings)} warnings"
        heads = [line.split()[:2] for line in result.out.splitlines() if line.startswith("WARNING")]
        assert heads == [["WARNING", p.code] for p in report.warnings]

    def test_bundled_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--json`` prints the report as one JSON object."""
        report = umn.validate()
        result = run(capsys, "validate", "--json")
        data = json.loads(result.out)
        assert (result.code, data["ok"], data["as_of"]) == (0, True, AS_OF)
        assert [p["code"] for p in data["problems"]] == [p.code for p in report.problems]

    def test_good_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file equal to the bundled data validates: exit 0."""
        path = tmp_path / "mine.json"
        path.write_text(umn.load().to_json(), encoding="utf-8")
        result = run(capsys, "validate", str(path))
        assert (result.code, result.err, result.out.splitlines()[-1][:9]) == (0, "", "0 errors,")

    def test_broken_file(self, capsys: pytest.CaptureFixture[str], broken_document: Path) -> None:
        """A file that cannot load: exit 1, each problem's code and path, a summary on stderr."""
        result = run(capsys, "validate", str(broken_document))
        rows = [line.split()[1:3] for line in result.out.splitlines() if line.startswith("ERROR")]
        assert (result.code, rows) == (1, [list(p) for p in BROKEN_PROBLEMS])
        assert one_line_error(result)
        assert f"{broken_document}: cannot load: " in result.err
        assert "(and 2 more)" in result.err

    def test_broken_file_json(
        self, capsys: pytest.CaptureFixture[str], broken_document: Path
    ) -> None:
        """``--json`` lists every problem with its code and JSON path."""
        result = run(capsys, "validate", "--json", str(broken_document))
        data = json.loads(result.out)
        problems = [(p["code"], p["path"]) for p in data["problems"]]
        assert (result.code, data["ok"], problems) == (1, False, BROKEN_PROBLEMS)

    def test_file_with_errors(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file that loads but breaks the rules: exit 1 and the errors listed."""
        data: dict[str, Any] = json.loads(umn.load().to_json())
        data["objectives"][0]["number"] = 24
        path = tmp_path / "numbering.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        result = run(capsys, "validate", str(path))
        errors = [line.split()[1] for line in result.out.splitlines() if line.startswith("ERROR")]
        assert (result.code, "objective-numbering" in errors) == (1, True)

    @pytest.mark.parametrize(
        ("name", "content", "code"),
        [
            pytest.param("missing.json", None, "unreadable", id="missing"),
            pytest.param("folder", "", "unreadable", id="directory"),
            pytest.param("malformed.json", '{"as_of": ', "not-json", id="malformed"),
            pytest.param("latin1.json", "caf\xe9", "not-utf8", id="not-utf8"),
            pytest.param("list.json", "[]", "not-object", id="not-an-object"),
        ],
    )
    def test_unloadable(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        name: str,
        content: str | None,
        code: str,
    ) -> None:
        """A file that cannot be read as a document: exit 1, its code shown, no traceback."""
        path = tmp_path / name
        if name == "folder":
            path.mkdir()
        elif content is not None:
            path.write_bytes(content.encode("latin-1"))
        result = run(capsys, "validate", str(path))
        codes = [line.split()[1] for line in result.out.splitlines() if line.startswith("ERROR")]
        assert (result.code, codes, one_line_error(result)) == (1, [code], True)


class TestExport:
    """``export`` writes the data as JSON or CSV."""

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--format json`` writes the canonical document."""
        result = run(capsys, "export", "--format", "json")
        assert (result.code, result.out) == (0, umn.load().to_json())

    def test_json_is_default(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With no --format, export writes JSON."""
        result = run(capsys, "export")
        assert (result.code, result.out) == (0, umn.load().to_json())

    @pytest.mark.parametrize(
        ("kind", "key", "expected"),
        [
            ("agencies", "id", [a.id for a in umn.agencies]),
            ("networks", "id", [n.id for n in umn.networks]),
            ("objectives", "number", [str(n) for n in range(1, 24)]),
            ("principles", "letter", list("abcdefghij")),
            ("sources", "id", [s.id for s in umn.load().sources]),
            ("events", "id", [e.id for e in umn.load().events]),
            ("observations", "id", [o.id for o in umn.load().observations]),
        ],
    )
    def test_csv(
        self, capsys: pytest.CaptureFixture[str], kind: str, key: str, expected: list[str]
    ) -> None:
        """``--format csv KIND``: a header, then one row per record, each the header's width."""
        result = run(capsys, "export", "--format", "csv", kind)
        rows = list(csv.reader(io.StringIO(result.out)))
        header, body = rows[0], rows[1:]
        assert (result.code, [r[header.index(key)] for r in body]) == (0, expected)
        assert {len(r) for r in body} == {len(header)}

    def test_csv_cells(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Lists join with ';', booleans are true/false, nothing is left as a Python repr."""
        result = run(capsys, "export", "--format", "csv", "networks")
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.out))}
        mozambique = rows["mozambique"]
        assert mozambique["members"].split(";")[:3] == ["rco", "fao", "iom"]
        assert "MZ" in mozambique.values()
        assert rows["global"]["is_membership_complete"] == "false"
        assert [c for r in rows.values() for c in r.values() if c.startswith(("(", "["))] == []

    @pytest.mark.parametrize(
        "args",
        [
            ("export", "--format", "csv"),
            ("export", "--format", "json", "agencies"),
            ("export", "--format", "jsonschema", "agencies"),
            ("export", "--format", "csv", "countries"),
        ],
    )
    def test_usage_error(self, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
        """CSV needs a known KIND; JSON and the schema take none: exit 2, one line."""
        result = run(capsys, *args)
        assert (result.code, result.out, one_line_error(result)) == (2, "", True)

    def test_jsonschema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--format jsonschema`` writes a JSON Schema of the whole document."""
        result = run(capsys, "export", "--format", "jsonschema")
        schema = json.loads(result.out)
        document = json.loads(umn.load().to_json())
        assert (result.code, result.err) == (0, "")
        assert schema["$schema"].startswith("https://json-schema.org/")
        assert sorted(schema["properties"]) == sorted(document)


def _human_runs() -> list[Any]:
    """Every human-readable output: each record shown, each list, search, validate, help."""
    ds = umn.load()
    shows = [
        *(("agency", a.id) for a in ds.agencies),
        *(("network", n.id) for n in ds.networks),
        *(("objective", str(o.number)) for o in ds.objectives),
        *(("principle", p.letter) for p in ds.principles),
        ("compact", "gcm"),
        ("committee", "executive committee"),
    ]
    runs = [pytest.param(("show", key), id=f"show-{kind}-{key}") for kind, key in shows]
    runs += [pytest.param(("list", kind), id=f"list-{kind}") for kind in ("agencies", "networks")]
    runs += [
        pytest.param(("list", kind), id=f"list-{kind}") for kind in ("objectives", "principles")
    ]
    runs += [
        pytest.param(("search", "un"), id="search"),
        pytest.param(("validate",), id="validate"),
        pytest.param(("--help",), id="help"),
        *(
            pytest.param((c, "--help"), id=f"help-{c}")
            for c in ("show", "search", "list", "validate", "export")
        ),
    ]
    return runs


class TestWidth:
    """Human output fits an 80-column terminal."""

    @pytest.mark.parametrize("args", _human_runs())
    def test_fits_80_columns(
        self, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
    ) -> None:
        """Every line fits 80 columns, except a line that is a bare URL (kept whole to copy)."""
        result = run(capsys, *args)
        wide = [
            line
            for line in result.out.splitlines()
            if len(line) > WIDTH and not _BARE_URL.fullmatch(line)
        ]
        assert (result.code, wide) == (0, [])


class _ClosedPipe(io.StringIO):
    """A stdout whose reader has gone away."""

    def write(self, _text: str, /) -> int:
        raise BrokenPipeError(32, "Broken pipe")


class _KeptStream(io.StringIO):
    """A stderr that remembers what was written before it was closed."""

    final = ""

    def close(self) -> None:
        self.final = self.getvalue()
        super().close()


class _FullDisk(io.StringIO):
    """A stdout on a disk with no space left."""

    def write(self, _text: str, /) -> int:
        raise OSError(28, "No space left on device")


class TestOutputFailures:
    """Output that cannot be written or encoded ends in one line, never a traceback."""

    def test_full_disk(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A write that fails exits 1 and says why on stderr."""
        monkeypatch.setattr(sys, "stdout", _FullDisk())
        code = main(["export", "--format", "json"])
        err = capsys.readouterr().err
        assert (code, err) == (
            1,
            "un-migration-network: cannot write the output: No space left on device\n",
        )

    def test_ascii_terminal(self) -> None:
        """A terminal that only takes ASCII gets escapes for other letters."""
        completed = subprocess.run(
            [sys.executable, "-m", "un_migration_network", "show", "turkiye"],
            capture_output=True,
            env={**package_env(), "PYTHONIOENCODING": "ascii"},
            check=False,
            timeout=60,
        )
        assert (completed.returncode, completed.stderr) == (0, b"")
        assert b"United Nations Network on Migration in T\\xfcrkiye" in completed.stdout


class TestAmbiguity:
    """A query that names records of two kinds is not silently resolved."""

    def test_show_lists_the_choices(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Objective 23's label is also principle (b)'s name: exit 1 and both ways to ask."""
        result = run(capsys, "show", "International cooperation")
        assert (result.code, result.out, one_line_error(result)) == (1, "", True)
        assert "objective '23', guiding principle 'b'" in result.err


class TestBrokenPipe:
    """A reader that goes away (``| head -1``) ends the command quietly."""

    @pytest.mark.parametrize(
        "args", [("list", "agencies"), ("show", "Mozambique"), ("export", "--format", "json")]
    )
    def test_in_process(self, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
        """Exit 0 and nothing on stderr."""
        stderr = _KeptStream()
        monkeypatch.setattr(sys, "stdout", _ClosedPipe())
        monkeypatch.setattr(sys, "stderr", stderr)
        code = main(list(args))
        assert (code, stderr.getvalue() if not stderr.closed else stderr.final) == (0, "")

    def test_real_pipe(self) -> None:
        """A real process whose reader closes after one line exits 0, silently."""
        process = subprocess.Popen(
            [sys.executable, "-m", "un_migration_network", "export", "--format", "json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=package_env(),
        )
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read()
        process.stderr.close()
        assert (process.wait(timeout=60), first, err) == (0, b"{\n", b"")


class TestProcess:
    """The two ways to start the command line, as real processes."""

    @staticmethod
    def python_m(*args: str) -> Result:
        """Run ``python -m un_migration_network ARGS`` in a child process."""
        completed = subprocess.run(  # noqa: S603 - this interpreter, the tests' own arguments
            [sys.executable, "-m", "un_migration_network", *args],
            capture_output=True,
            text=True,
            env=package_env(),
            check=False,
            timeout=60,
        )
        return Result(completed.returncode, completed.stdout, completed.stderr)

    def test_python_m(self) -> None:
        """``python -m un_migration_network show Mozambique`` works."""
        result = self.python_m("show", "Mozambique")
        assert (result.code, result.err) == (0, "")
        assert "launched  2022-02-15" in result.out

    def test_python_m_not_found(self) -> None:
        """A miss in a real process exits 1 with one line on stderr."""
        result = self.python_m("show", "Mozambik")
        assert (result.code, result.out, one_line_error(result)) == (1, "", True)

    @pytest.mark.skipif(
        shutil.which("un-migration-network") is None,
        reason="the console script un-migration-network is not installed on PATH",
    )
    def test_console_script(self) -> None:
        """The installed console script runs the same command line."""
        script = shutil.which("un-migration-network")
        assert script is not None
        completed = subprocess.run(  # noqa: S603 - the installed script, fixed arguments
            [script, "show", "Mozambique"],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert (completed.returncode, completed.stderr) == (0, "")
        assert "launched  2022-02-15" in completed.stdout
