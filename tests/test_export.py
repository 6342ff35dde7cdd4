"""Flat exports (CSV, DataFrame), the JSON Schema, and the ``export`` command that writes them."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pandas as pd
import pytest

import un_migration_network as umn
from un_migration_network import _converter, _export
from un_migration_network._export import (
    RECORD_TYPES,
    flat_columns,
    flat_row,
    json_schema,
    to_csv,
    to_dataframe,
)
from un_migration_network._registry import Registry
from un_migration_network.cli import main

# --- helpers ---------------------------------------------------------------------------


@attrs.frozen
class Tagged:
    """A record with a list of enum members, which no bundled record has."""

    levels: tuple[umn.NetworkLevel, ...]


@attrs.frozen
class Weighed:
    """A record with a type the exports do not know."""

    weight: float


@attrs.frozen
class Weights:
    """A record with a list of values of a type the exports do not know."""

    weights: tuple[float, ...]


def records_of(kind: str) -> list[Any]:
    """The bundled records of one CSV kind, in the data's order."""
    records: list[Any] = list(getattr(umn.load(), kind))
    return records


def read_csv(text: str) -> list[dict[str, str]]:
    """CSV text as one dict per row."""
    return list(csv.DictReader(io.StringIO(text)))


def bundled_document() -> dict[str, Any]:
    """The bundled JSON file, parsed as it is stored (not as the library rewrites it)."""
    text = files("un_migration_network.data").joinpath("un_migration_network.json").read_text()
    data: dict[str, Any] = json.loads(text)
    return data


def validator() -> jsonschema.Draft202012Validator:
    """A validator for the generated schema."""
    return jsonschema.Draft202012Validator(json_schema())


def error_paths(document: object) -> list[str]:
    """The JSON paths of every schema error in *document*."""
    return sorted(error.json_path for error in validator().iter_errors(document))


def package_env() -> dict[str, str]:
    """The environment for a child Python that imports this same copy of the package."""
    root = str(Path(umn.__file__).parents[1])
    existing = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": root + (os.pathsep + existing if existing else "")}


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[object, str, str]:
    """Run the command line in-process: exit status, stdout, stderr."""
    try:
        code: object = main(list(args))
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- flat columns and rows --------------------------------------------------------------


class TestFlatColumns:
    """`flat_columns`: the CSV header of a record type, derived from its attrs fields."""

    @pytest.mark.parametrize(
        ("kind", "expected"),
        [
            (
                "agencies",
                ("id", "acronym", "name", "kind", "sources", "aliases", "website", "headquarters"),
            ),
            ("principles", ("letter", "name", "sources", "paragraph", "is_letter_inferred")),
            ("sources", ("id", "url", "title", "publisher", "published", "kind")),
        ],
    )
    def test_plain_records(self, kind: str, expected: tuple[str, ...]) -> None:
        """A record without nested values has one column per field, in field order."""
        assert flat_columns(RECORD_TYPES[kind]) == expected

    def test_network(self) -> None:
        """Country is flattened with a prefix; each DateSpan gives three columns."""
        columns = flat_columns(umn.Network)
        assert columns[4:11] == (
            "country_name",
            "country_alpha2",
            "country_alpha3",
            "country_m49",
            "country_region",
            "country_sub_region",
            "country_is_code_user_assigned",
        )
        assert columns[columns.index("launched") :][:3] == (
            "launched",
            "launched_earliest",
            "launched_latest",
        )

    @pytest.mark.parametrize("record_type", list(RECORD_TYPES.values()), ids=lambda t: t.__name__)
    def test_every_field_is_a_column(self, record_type: type) -> None:
        """Every column comes from a field, and every field gives columns, in field order."""
        names = [field.name for field in attrs.fields(record_type)]
        owners = [
            max(
                (name for name in names if column == name or column.startswith(f"{name}_")), key=len
            )
            for column in flat_columns(record_type)
        ]
        assert list(dict.fromkeys(owners)) == names

    def test_list_of_records_is_refused(self) -> None:
        """A field holding several nested records (memberships) cannot fit one cell."""
        with pytest.raises(
            TypeError, match=r"ExecutiveCommittee\.memberships: a list of Membership"
        ):
            flat_columns(umn.ExecutiveCommittee)

    @pytest.mark.parametrize("record_type", [Weighed, Weights], ids=lambda t: t.__name__)
    def test_unknown_type_is_refused(self, record_type: type) -> None:
        """A type the exports do not know is a TypeError naming the field."""
        with pytest.raises(
            TypeError, match=r"cannot export Weigh.*unsupported type <class 'float'>"
        ):
            flat_columns(record_type)


class TestFlatRow:
    """`flat_row`: one record as typed cells."""

    def test_country_network(self) -> None:
        """References are ids, the country is flattened, a span gives text and bounds."""
        row = flat_row(umn.networks.lookup("Mozambique"))
        assert (row["level"], row["country_alpha2"], row["country_m49"]) == ("country", "MZ", 508)
        assert (row["launched"], row["launched_earliest"]) == ("2022-02-15", dt.date(2022, 2, 15))
        assert row["members"] is not None
        assert str(row["members"]).split(";")[:3] == ["rco", "fao", "iom"]
        assert (row["decided"], row["decided_earliest"]) == (None, None)

    def test_absent_country(self) -> None:
        """A network with no country has None in every country column."""
        row = flat_row(umn.networks.lookup("global"))
        assert {row[c] for c in flat_columns(umn.Network) if c.startswith("country_")} == {None}
        assert (row["declared_member_count"], row["is_membership_complete"]) == (38, False)

    def test_inferred_span(self) -> None:
        """A span with no short form is written as its bounds, marked inferred."""
        observation = next(
            o for o in umn.load().observations if o.id == "country-networks-zambia-50th"
        )
        row = flat_row(observation)
        assert (row["as_of"], row["as_of_earliest"], row["as_of_latest"]) == (
            "2021-03-18/2021-06-24 (inferred)",
            dt.date(2021, 3, 18),
            dt.date(2021, 6, 24),
        )
        assert row["quantity"] == "country networks"

    def test_enum_list(self) -> None:
        """A list of enum members is joined by value."""
        row = flat_row(Tagged((umn.NetworkLevel.GLOBAL, umn.NetworkLevel.COUNTRY)))
        assert row == {"levels": "global;country"}


class TestToCsv:
    """`to_csv`: a header and one row per record."""

    @pytest.mark.parametrize("kind", list(RECORD_TYPES))
    def test_one_row_per_record(self, kind: str) -> None:
        """Every kind writes its flat columns and a row for each record, in order."""
        records = records_of(kind)
        rows = list(csv.reader(io.StringIO(to_csv(records, RECORD_TYPES[kind]))))
        assert tuple(rows[0]) == flat_columns(RECORD_TYPES[kind])
        assert len(rows) == len(records) + 1
        assert {len(row) for row in rows} == {len(rows[0])}

    @pytest.mark.parametrize("kind", ["agencies", "networks", "sources", "events", "observations"])
    def test_ids_in_order(self, kind: str) -> None:
        """The id column lists the records' ids in the data's order."""
        records = records_of(kind)
        assert [row["id"] for row in read_csv(to_csv(records, RECORD_TYPES[kind]))] == [
            record.id for record in records
        ]

    def test_cells(self) -> None:
        """None is empty, booleans are true/false, integers and dates are plain text."""
        rows = {row["id"]: row for row in read_csv(to_csv(umn.networks, umn.Network))}
        mozambique, global_ = rows["mozambique"], rows["global"]
        assert (mozambique["country_alpha2"], mozambique["country_m49"]) == ("MZ", "508")
        assert (mozambique["decided"], mozambique["launched_latest"]) == ("", "2022-02-15")
        assert (global_["is_membership_complete"], global_["declared_member_count"]) == (
            "false",
            "38",
        )

    def test_sources_dates(self) -> None:
        """A source's publication day is ISO text, or empty when unknown."""
        published = {row["published"] for row in read_csv(to_csv(umn.load().sources, umn.Source))}
        assert "" in published
        assert all(len(day) in {0, 10} for day in published)

    def test_stable(self) -> None:
        """Two exports of the same records are the same text."""
        assert to_csv(umn.networks, umn.Network) == to_csv(umn.networks, umn.Network)

    def test_empty(self) -> None:
        """No records: the header alone."""
        assert (
            to_csv([], umn.GuidingPrinciple) == "letter,name,sources,paragraph,is_letter_inferred\n"
        )


class TestToDataframe:
    """`Registry.to_dataframe` and `to_dataframe`: the CSV's columns, typed."""

    @pytest.mark.parametrize(
        "kind", ["agencies", "networks", "objectives", "principles", "sources"]
    )
    def test_registry(self, kind: str) -> None:
        """A registry's frame has one row per record and the CSV's columns."""
        registry: Registry[Any] = getattr(umn.load(), kind)
        frame = registry.to_dataframe()
        assert tuple(frame.columns) == flat_columns(RECORD_TYPES[kind])
        assert len(frame) == len(registry)

    def test_dtypes(self) -> None:
        """Text is string, counts Int64, flags boolean, days datetime64; absent values are NA."""
        frame = umn.networks.to_dataframe()
        dtypes = {name: str(dtype) for name, dtype in frame.dtypes.items()}
        assert (dtypes["id"], dtypes["country_m49"], dtypes["is_membership_complete"]) == (
            "string",
            "Int64",
            "boolean",
        )
        assert (dtypes["launched"], dtypes["launched_earliest"]) == ("string", "datetime64[ns]")
        mozambique = frame.set_index("id").loc["mozambique"]
        assert mozambique["launched_earliest"] == pd.Timestamp("2022-02-15")
        assert pd.isna(mozambique["decided_earliest"])

    def test_same_cells_as_csv(self) -> None:
        """The frame, written as text, holds the CSV's cells."""
        frame = umn.agencies.to_dataframe()
        rows = read_csv(to_csv(umn.agencies, umn.Agency))
        assert frame.fillna("").astype(str).to_dict("records") == rows

    def test_events(self) -> None:
        """Events, which are a tuple and not a registry, export through `to_dataframe`."""
        events = umn.load().events
        frame = to_dataframe(events, umn.Event)
        assert list(frame["id"]) == [event.id for event in events]

    def test_empty_registry_of_a_known_kind(self) -> None:
        """An empty registry still has its kind's columns."""
        empty = umn.networks.filter(lambda _: False)
        frame = empty.to_dataframe()
        assert (len(frame), tuple(frame.columns)) == (0, flat_columns(umn.Network))

    def test_empty_registry_of_an_unknown_kind(self) -> None:
        """An empty registry of a kind the exports do not know is an empty frame."""
        empty: Registry[str] = Registry([], keys=lambda text: (text,), kind="word")
        assert empty.to_dataframe().shape == (0, 0)

    def test_pandas_missing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas, the ImportError names the extra to install."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(
            ImportError, match=r"pip install 'un-migration-network\[pandas\]'"
        ) as info:
            umn.agencies.to_dataframe()
        assert str(info.value).startswith("Registry.to_dataframe() needs pandas")
        assert info.value.name == "pandas"

    def test_pandas_imported_only_when_called(self) -> None:
        """A fresh interpreter uses the data without pandas, and gets the clear error without it."""
        code = (
            "import sys\n"
            "import un_migration_network as umn\n"
            "umn.networks.lookup('Mozambique')._repr_html_()\n"
            "print('pandas' in sys.modules)\n"
            "sys.modules['pandas'] = None\n"
            "try:\n"
            "    umn.agencies.to_dataframe()\n"
            "except ImportError as error:\n"
            "    print(error)\n"
        )
        result = subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env=package_env(),
        )
        assert result.stdout.splitlines() == [
            "False",
            "Registry.to_dataframe() needs pandas: pip install 'un-migration-network[pandas]'",
        ]


# --- JSON Schema -------------------------------------------------------------------------


class TestJsonSchema:
    """`json_schema`: generated from the models; the data fits it and broken data does not."""

    def test_is_a_valid_schema(self) -> None:
        """The schema itself is valid draft 2020-12."""
        schema = json_schema()
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def test_bundled_document_validates(self) -> None:
        """The bundled file, as stored, fits the schema."""
        assert error_paths(bundled_document()) == []

    def test_canonical_document_validates(self) -> None:
        """What `Dataset.to_json` writes fits the schema."""
        assert error_paths(json.loads(umn.load().to_json())) == []

    def test_top_level_mirrors_the_loader(self) -> None:
        """The document's keys are those the loader reads; required are those it requires."""
        schema = json_schema()
        assert schema["required"] == list(_converter._REQUIRED)
        assert set(schema["properties"]) == {*_converter._REQUIRED, *_converter._OPTIONAL}
        assert schema["additionalProperties"] is False

    @pytest.mark.parametrize(
        "record_type",
        [umn.Agency, umn.Network, umn.Objective, umn.GuidingPrinciple, umn.Event, umn.Observation],
        ids=lambda t: t.__name__,
    )
    def test_generated_from_the_models(self, record_type: type) -> None:
        """Each record's properties are its attrs fields; required are those with no default."""
        kind = next(k for k, t in RECORD_TYPES.items() if t is record_type)
        items = json_schema()["properties"][kind]["items"]
        fields = attrs.fields(record_type)
        assert list(items["properties"]) == [field.name for field in fields]
        assert items["required"] == [f.name for f in fields if f.default is attrs.NOTHING]

    def test_launched(self) -> None:
        """A network's launch is an optional DateSpan: short text or bounds, or null."""
        launched = json_schema()["properties"]["networks"]["items"]["properties"]["launched"]
        span, null = launched["anyOf"]
        text, bounds = span["oneOf"]
        assert (null, text["pattern"], bounds["required"]) == (
            {"type": "null"},
            r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
            ["earliest", "latest"],
        )
        assert launched["description"] == "When it was launched, as a day or a span."

    def test_references_are_ids(self) -> None:
        """Members and sources inside records are ids; the top-level arrays hold them whole."""
        properties = json_schema()["properties"]
        network = properties["networks"]["items"]["properties"]
        assert network["members"]["items"]["type"] == "string"
        assert network["sources"]["items"]["type"] == "string"
        assert properties["agencies"]["items"]["properties"]["sources"]["items"]["type"] == "string"
        assert properties["agencies"]["items"]["type"] == "object"

    def test_enum(self) -> None:
        """An enum field lists its values."""
        level = json_schema()["properties"]["networks"]["items"]["properties"]["level"]
        assert level == {
            "description": "Global, regional or country.",
            "enum": [member.value for member in umn.NetworkLevel],
        }

    def test_undocumented_fields(self) -> None:
        """A class with no Attributes section (the document itself) gives no descriptions."""
        as_of = json_schema()["properties"]["as_of"]
        assert "description" not in as_of

    @pytest.mark.parametrize(
        ("path", "value", "where"),
        [
            (("surprise",), 1, "$"),
            (("networks", 0, "colour"), "blue", "$.networks[0]"),
            (("networks", 0, "declared_member_count"), "38", "$.networks[0].declared_member_count"),
            (("networks", 0, "level"), "planetary", "$.networks[0].level"),
            (("networks", 0, "launched"), "2018-1", "$.networks[0].launched"),
            (("networks", 0, "members"), "iom", "$.networks[0].members"),
            (("as_of",), "11/02/2026", "$.as_of"),
            (("sources", 0, "url"), None, "$.sources[0].url"),
            (("compact", "vote", "in_favour"), True, "$.compact.vote.in_favour"),
        ],
    )
    def test_broken_documents_fail(
        self, path: tuple[str | int, ...], value: object, where: str
    ) -> None:
        """An unknown key, a wrong type, a bad enum value or a bad date is an error at its path."""
        document = copy.deepcopy(bundled_document())
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        assert error_paths(document) == [where]

    def test_missing_required_key_fails(self) -> None:
        """A document without a required key does not fit."""
        document = bundled_document()
        del document["compact"]
        assert error_paths(document) == ["$"]

    def test_span_as_bounds(self) -> None:
        """A span may be written as bounds; an unknown key inside it is an error."""
        document = bundled_document()
        span = {"earliest": "2020-01-01", "latest": "2020-06-30", "is_inferred": True}
        document["networks"][0]["launched"] = span
        assert error_paths(document) == []
        document["networks"][0]["launched"] = {**span, "circa": True}
        assert error_paths(document) == ["$.networks[0].launched"]

    def test_unknown_type_is_refused(self) -> None:
        """The schema of a type the models do not use is a TypeError."""
        with pytest.raises(TypeError, match="unsupported type"):
            _export._object_schema(Weighed)


# --- the command line ---------------------------------------------------------------------


class TestExportCommand:
    """``export``: JSON, CSV of any kind, and the JSON Schema."""

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--format json`` writes `Dataset.to_json`."""
        assert run_cli(capsys, "export", "--format", "json") == (0, umn.load().to_json(), "")

    @pytest.mark.parametrize("kind", list(RECORD_TYPES))
    def test_csv(self, capsys: pytest.CaptureFixture[str], kind: str) -> None:
        """``--format csv KIND`` writes `to_csv` of that kind, for every kind."""
        expected = to_csv(records_of(kind), RECORD_TYPES[kind])
        assert run_cli(capsys, "export", "--format", "csv", kind) == (0, expected, "")

    def test_jsonschema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--format jsonschema`` writes the schema, indented, with sorted keys."""
        expected = json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        assert run_cli(capsys, "export", "--format", "jsonschema") == (0, expected, "")

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("--format", "csv"), "export --format csv needs a KIND (see export --help)"),
            (("--format", "json", "events"), "export --format json takes no KIND (only csv does)"),
            (("--format", "jsonschema", "networks"), "--format jsonschema takes no KIND"),
        ],
    )
    def test_usage_errors(
        self, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
    ) -> None:
        """A KIND where none belongs, or none where one is needed: exit 2, one short line."""
        code, out, err = run_cli(capsys, "export", *args)
        assert (code, out, err.count("\n"), message in err) == (2, "", 1, True)
        assert len(err.rstrip("\n")) <= 80

    def test_list_keeps_its_kinds(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``list`` does not take the kinds only CSV export knows."""
        code, _, err = run_cli(capsys, "list", "events")
        assert (code, "invalid choice" in err) == (2, True)
