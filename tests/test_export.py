"""Flat exports (CSV, DataFrames), the Frictionless Data Package and the JSON Schema."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import sys
import typing
from importlib.resources import files
from pathlib import Path
from typing import Any, NamedTuple

import attrs
import frictionless
import jsonschema
import pandas as pd
import pytest

import un_migration_network as umn
from changes import ID, Change, delete_at, json_path, set_at
from un_migration_network import _export
from un_migration_network._export import (
    flat_columns,
    flat_row,
    json_schema,
    to_csv,
    to_dataframe,
    write_datapackage,
)
from un_migration_network._kinds import KINDS, kind_named
from un_migration_network.cli import main

# --- records the bundled data has no example of ------------------------------------------


@attrs.frozen
class Tagged:
    """A record with a list of enum members and a list of texts.

    Attributes:
        levels: Some network levels.
        words: Some words.
    """

    levels: tuple[umn.NetworkLevel, ...]
    words: tuple[str, ...] = ()


@attrs.frozen
class Weighed:
    """A record with a type the exports do not know."""

    weight: float


@attrs.frozen
class Weights:
    """A record with a list of values of a type the exports do not know."""

    weights: tuple[float, ...]


@attrs.frozen
class HalfDocumented:
    """A record whose docstring describes one of its two fields.

    Attributes:
        described: A described field.
    """

    described: str
    undescribed: str = ""


@attrs.frozen
class Undocumented:
    """A record whose docstring has no Attributes section."""

    plain: int


# --- helpers ------------------------------------------------------------------------------


class Table(NamedTuple):
    """One flat table of the bundled data: its name, its record type and its records."""

    name: str
    type: type
    records: list[Any]


def tables() -> list[Table]:
    """Every flat table of the bundled data: one per kind, the seats, lists and forums."""
    ds = umn.load()
    committee = ds.executive_committee
    return [
        *(Table(kind.plural, kind.type, list(ds.registry(kind))) for kind in KINDS),
        Table("memberships", umn.Membership, list(committee.memberships)),
        Table("snapshots", umn.Snapshot, list(committee.snapshots)),
        Table("review_forum_editions", umn.ReviewForumEdition, [*ds.compact.review_forum.editions]),
    ]


def table_params(*, field: str | None = None) -> list[Any]:
    """`tables` as parameters named after the tables; with *field*, those that have it."""
    return [
        pytest.param(table, id=table.name)
        for table in tables()
        if field is None or field in attrs.fields_dict(table.type)
    ]


def span_fields(record_type: type) -> list[str]:
    """The fields of *record_type* that hold a `DateSpan` (or None)."""
    hints = typing.get_type_hints(record_type)
    return [
        field.name
        for field in attrs.fields(record_type)
        if umn.DateSpan in (hints[field.name], *typing.get_args(hints[field.name]))
    ]


def span_params() -> list[Any]:
    """One parameter per table and span field of the bundled data."""
    return [
        pytest.param(table, field, id=f"{table.name}.{field}")
        for table in tables()
        for field in span_fields(table.type)
    ]


def read_csv(text: str) -> list[dict[str, str]]:
    """CSV text as one dict per row."""
    return list(csv.DictReader(io.StringIO(text)))


def header(text: str) -> list[str]:
    """The header of CSV text."""
    return next(csv.reader(io.StringIO(text)))


def csv_row(key: str, kind: str = "networks") -> dict[str, str]:
    """The CSV row of the bundled record of *kind* whose id is *key*."""
    rows = read_csv(to_csv(umn.load().registry(kind), kind_named(kind).type))
    return next(row for row in rows if row["id"] == key)


def bundled_document() -> dict[str, Any]:
    """The bundled JSON file, parsed as it is stored (not as the library rewrites it)."""
    text = files("un_migration_network.data").joinpath("un_migration_network.json").read_text()
    data: dict[str, Any] = json.loads(text)
    return data


def error_paths(document: object) -> list[str]:
    """The JSON paths of every error the generated schema finds in *document*."""
    validator = jsonschema.Draft202012Validator(json_schema())
    return sorted(error.json_path for error in validator.iter_errors(document))


def items_schema(kind: str) -> dict[str, Any]:
    """The schema of one record of *kind* in the document."""
    schema: dict[str, Any] = json_schema()["properties"][kind]["items"]
    return schema


def resource(descriptor: dict[str, Any], name: str) -> dict[str, Any]:
    """The resource of the data package named *name* (hyphenated, as the profile wants)."""
    found: dict[str, Any] = next(r for r in descriptor["resources"] if r["name"] == name)
    return found


def rewrite_cell(path: Path, key: str, column: str, value: str) -> None:
    """Set *column* of the first row whose first cell is *key*, in the CSV file at *path*."""
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    index = rows[0].index(column)
    row = next(row for row in rows[1:] if row[0] == key)
    row[index] = value
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows(rows)


def error_types(report: frictionless.Report) -> list[str]:
    """The type of every error of a Frictionless report."""
    return [str(error[0]) for error in report.flatten(["type"])]


def name_of(record: Any, field: str, lang: str) -> str | None:
    """The first text a record's names give for *field* in *lang*, or None."""
    texts = [n.text for n in record.names if n.field == field and n.lang == lang]
    return texts[0] if texts else None


def documented(cls: type) -> str:
    """A class's docstring with its whitespace folded and its double backquotes single."""
    return " ".join((cls.__doc__ or "").replace("``", "`").split())


# --- flat columns and rows ----------------------------------------------------------------


class TestFlatColumns:
    """`flat_columns`: the flat columns of a record type, derived from its attrs fields."""

    @pytest.mark.parametrize("table", table_params())
    def test_every_field_in_order(self, table: Table) -> None:
        """Each column comes from one field, in field order; only names have no column."""
        fields = [field.name for field in attrs.fields(table.type) if field.name != "names"]
        owners = [
            max((f for f in fields if column == f or column.startswith(f"{f}_")), key=len)
            for column in flat_columns(table.type)
        ]
        assert list(dict.fromkeys(owners)) == fields

    @pytest.mark.parametrize(
        ("record_type", "field"),
        [
            (umn.Network, "launched"),
            (umn.Network, "first_evidenced"),
            (umn.Event, "date"),
            (umn.Observation, "as_of"),
            (umn.Champion, "since"),
            (umn.Membership, "since"),
        ],
    )
    def test_span_gives_text_and_bounds(self, record_type: type, field: str) -> None:
        """A date span is three columns side by side: its text, its earliest and latest day."""
        columns = flat_columns(record_type)
        start = columns.index(field)
        assert columns[start : start + 3] == (field, f"{field}_earliest", f"{field}_latest")

    @pytest.mark.parametrize("record_type", [umn.Network, umn.Champion])
    def test_country_is_prefixed(self, record_type: type) -> None:
        """A value object (the country) gives one column per field, prefixed with its name."""
        expected = tuple(f"country_{field.name}" for field in attrs.fields(umn.Country))
        columns = flat_columns(record_type)
        start = columns.index("country_name")
        assert columns[start : start + len(expected)] == expected

    def test_list_of_records_is_refused(self) -> None:
        """A field holding several nested records (the seats) cannot fit one cell."""
        with pytest.raises(
            TypeError,
            match=r"cannot export ExecutiveCommittee\.memberships: a list of Membership records",
        ):
            flat_columns(umn.ExecutiveCommittee)

    @pytest.mark.parametrize(
        ("record_type", "where"),
        [(Weighed, "Weighed.weight"), (Weights, "Weights.weights")],
        ids=["value", "list"],
    )
    def test_unknown_type_is_refused(self, record_type: type, where: str) -> None:
        """A type the exports do not know is a TypeError naming the field and the type."""
        with pytest.raises(
            TypeError, match=rf"cannot export {where}: unsupported type <class 'float'>"
        ):
            flat_columns(record_type)


class TestFlatRow:
    """`flat_row`: one record as typed cells, references as ids, lists as lists."""

    @pytest.mark.parametrize(
        ("column", "expected"),
        [
            ("id", "mozambique"),
            ("level", "country"),
            ("country_alpha2", "MZ"),
            ("country_m49", 508),
            ("country_is_code_user_assigned", False),
            ("launched", "2022-02-15"),
            ("launched_earliest", dt.date(2022, 2, 15)),
            ("launched_latest", dt.date(2022, 2, 15)),
            ("decided", None),
            ("decided_earliest", None),
            ("coordinator", None),
            ("co_chairs", []),
            ("is_membership_complete", True),
        ],
    )
    def test_country_network(self, column: str, expected: object) -> None:
        """Mozambique's network: enums by value, the country flattened, a span as text and days."""
        assert flat_row(umn.networks.lookup("Mozambique"))[column] == expected

    def test_members_are_ids(self) -> None:
        """A list of agencies is the list of their ids, in the record's order."""
        network = umn.networks.lookup("Mozambique")
        assert flat_row(network)["members"] == [agency.id for agency in network.members]

    def test_sources_are_ids(self) -> None:
        """The sources are the list of their ids."""
        network = umn.networks.lookup("Mozambique")
        assert flat_row(network)["sources"] == [source.id for source in network.sources]

    def test_coordinator_is_an_id(self) -> None:
        """A single agency is its id."""
        network = umn.networks.lookup("global")
        assert network.coordinator is not None
        assert flat_row(network)["coordinator"] == network.coordinator.id

    def test_citations(self) -> None:
        """The citations are one mapping of each cited field to its sources' ids."""
        network = umn.networks.lookup("Mozambique")
        expected = {c.field: [s.id for s in c.sources] for c in network.citations}
        assert flat_row(network)["citations"] == expected

    def test_no_country(self) -> None:
        """A network with no country has None in every country column."""
        row = flat_row(umn.networks.lookup("global"))
        assert {row[c] for c in flat_columns(umn.Network) if c.startswith("country_")} == {None}

    @pytest.mark.parametrize(
        ("field", "lang"), [("name", "fr"), ("name", "es"), ("acronym", "fr"), ("acronym", "es")]
    )
    def test_names_in_languages(self, field: str, lang: str) -> None:
        """Each field and language the record has a name in is a column of its own."""
        agency = umn.agencies.lookup("IOM")
        expected = agency.name_in(lang) if field == "name" else agency.acronym_in(lang)
        assert flat_row(agency)[f"{field}_{lang}"] == expected

    def test_no_names_no_name_columns(self) -> None:
        """A record without names in other languages has just its flat columns."""
        agency = next(a for a in umn.agencies if not a.names)
        assert tuple(flat_row(agency)) == flat_columns(umn.Agency)

    def test_inferred_range(self) -> None:
        """A span with no short form is its bounds text, marked inferred, and its two days."""
        seat = next(m for m in umn.executive_committee.memberships if m.agency.id == "who")
        row = flat_row(seat)
        assert row["since"] == "2020-03-05/2021-12-31 (inferred)"
        assert row["since_earliest"] == dt.date(2020, 3, 5)
        assert row["since_latest"] == dt.date(2021, 12, 31)

    def test_enum_list(self) -> None:
        """A list of enum members is the list of their values."""
        row = flat_row(Tagged((umn.NetworkLevel.GLOBAL, umn.NetworkLevel.COUNTRY)))
        assert row == {"levels": ["global", "country"], "words": []}


# --- CSV ------------------------------------------------------------------------------------


class TestToCsv:
    """`to_csv`: a header and one row per record, each cell text that reads back."""

    @pytest.mark.parametrize("table", table_params())
    def test_header(self, table: Table) -> None:
        """The header is the flat columns, then one per field and language of the names."""
        records = table.records
        names = sorted({f"{n.field}_{n.lang}" for r in records for n in getattr(r, "names", ())})
        text = to_csv(records, table.type)
        assert header(text) == [*flat_columns(table.type), *names]

    @pytest.mark.parametrize("table", table_params())
    def test_one_row_per_record(self, table: Table) -> None:
        """Every table writes one row per record, each as wide as the header."""
        rows = list(csv.reader(io.StringIO(to_csv(table.records, table.type))))
        assert [len(row) for row in rows[1:]] == [len(rows[0])] * len(table.records)

    @pytest.mark.parametrize("kind", [kind.plural for kind in KINDS])
    def test_keys_in_order(self, kind: str) -> None:
        """The key column lists the records' keys in the order given."""
        spec = kind_named(kind)
        registry = umn.load().registry(kind)
        keys = [row[spec.primary] for row in read_csv(to_csv(registry, spec.type))]
        assert keys == [spec.key(record) for record in registry]

    @pytest.mark.parametrize(("table", "field"), span_params())
    def test_spans_parse_back(self, table: Table, field: str) -> None:
        """A span's cell is its text, which `DateSpan.parse` reads back; no span, no text."""
        cells = [row[field] for row in read_csv(to_csv(table.records, table.type))]
        spans = [getattr(record, field) for record in table.records]
        assert cells == ["" if span is None else str(span) for span in spans]
        parsed = [umn.DateSpan.parse(cell) if cell else None for cell in cells]
        assert parsed == [getattr(record, field) for record in table.records]

    def test_data_has_long_spans(self) -> None:
        """The data holds spans only the long form writes (inferred ranges), so the above bites."""
        spans = [
            getattr(record, field)
            for table in tables()
            for field in span_fields(table.type)
            for record in table.records
        ]
        assert [s for s in spans if s is not None and s.short() is None] != []

    @pytest.mark.parametrize(
        ("key", "column", "expected"),
        [
            ("global", "country_name", ""),
            ("global", "declared_member_count", "38"),
            ("global", "is_membership_complete", "false"),
            ("global", "coordinator", "iom"),
            ("global", "name_fr", "Réseau des Nations Unies sur les migrations"),
            ("mozambique", "is_membership_complete", "true"),
            ("mozambique", "country_m49", "508"),
            ("mozambique", "decided", ""),
            ("mozambique", "launched_latest", "2022-02-15"),
            ("mozambique", "co_chairs", "[]"),
            ("mozambique", "name_fr", ""),
        ],
    )
    def test_cells(self, key: str, column: str, expected: str) -> None:
        """None is empty, booleans true/false, numbers and days plain, an empty list ``[]``."""
        assert csv_row(key)[column] == expected

    def test_list_is_json(self) -> None:
        """A list of references is a JSON array of ids."""
        network = umn.networks.lookup("Mozambique")
        assert json.loads(csv_row("mozambique")["members"]) == [a.id for a in network.members]

    def test_citations_are_json(self) -> None:
        """The citations are a JSON object of each field's source ids."""
        network = umn.networks.lookup("global")
        expected = {c.field: [s.id for s in c.sources] for c in network.citations}
        assert json.loads(csv_row("global")["citations"]) == expected

    def test_json_keeps_letters(self) -> None:
        """JSON cells keep non-ASCII letters as they are, not as escapes."""
        text = to_csv([Tagged((), ("Côte d’Ivoire",))], Tagged)
        assert text == 'levels,words\n[],"[""Côte d’Ivoire""]"\n'

    def test_source_dates(self) -> None:
        """A source's publication day is ISO text, or empty where unknown."""
        sources = umn.load().sources
        cells = [row["published"] for row in read_csv(to_csv(sources, umn.Source))]
        expected = ["" if s.published is None else s.published.isoformat() for s in sources]
        assert cells == expected

    def test_stable(self) -> None:
        """Two exports of the same records are the same text."""
        assert to_csv(umn.networks, umn.Network) == to_csv(umn.networks, umn.Network)

    def test_empty(self) -> None:
        """No records: the header alone, with no name columns."""
        assert (
            to_csv([], umn.GuidingPrinciple) == ",".join(flat_columns(umn.GuidingPrinciple)) + "\n"
        )


# --- DataFrames ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    """Every DataFrame of the bundled data, in English."""
    return umn.load().to_dataframes()


@pytest.fixture(scope="module")
def french() -> dict[str, pd.DataFrame]:
    """Every DataFrame of the bundled data, names in French."""
    return umn.load().to_dataframes(lang="fr")


def exploded(frame: pd.DataFrame, column: str) -> pd.Series[Any]:
    """The non-missing values of a list column, one row per list element."""
    return frame[column].explode().dropna()


def cell(frame: pd.DataFrame, key: str, column: str) -> Any:
    """The cell of *column* in the row whose id is *key*."""
    return frame.set_index("id").loc[key, column]


class TestRegistryDataframe:
    """`Registry.to_dataframe`: one row per record, the CSV's columns, typed."""

    @pytest.mark.parametrize("kind", [kind.plural for kind in KINDS])
    def test_every_registry(self, kind: str) -> None:
        """Every registry of the data gives a frame with the CSV's header, one row per record."""
        registry = umn.load().registry(kind)
        frame = registry.to_dataframe()
        assert list(frame.columns) == header(to_csv(registry, kind_named(kind).type))
        assert len(frame) == len(registry)

    @pytest.mark.parametrize("kind", [kind.plural for kind in KINDS])
    def test_rows_in_order(self, kind: str) -> None:
        """The frame holds the records in the registry's order: the keys match row by row."""
        spec = kind_named(kind)
        registry = umn.load().registry(kind)
        frame = registry.to_dataframe()
        assert [str(value) for value in frame[spec.primary]] == [spec.key(r) for r in registry]

    def test_events(self) -> None:
        """The events export like any other registry."""
        events = umn.load().events
        assert list(events.to_dataframe()["id"]) == [event.id for event in events]

    @pytest.mark.parametrize(
        ("column", "dtype"),
        [
            ("id", "string"),
            ("level", "category"),
            ("country_m49", "Int64"),
            ("country_is_code_user_assigned", "boolean"),
            ("is_membership_complete", "boolean"),
            ("declared_member_count", "Int64"),
            ("launched", "string"),
            ("launched_earliest", "datetime64[ns]"),
            ("launched_latest", "datetime64[ns]"),
            ("members", "object"),
            ("citations", "object"),
            ("name_fr", "string"),
        ],
    )
    def test_dtypes(self, frames: dict[str, pd.DataFrame], column: str, dtype: str) -> None:
        """Text is string, counts Int64, flags boolean, days datetime64, enums categorical."""
        assert str(frames["networks"][column].dtype) == dtype

    @pytest.mark.parametrize("table", table_params())
    def test_dates_are_datetimes(self, frames: dict[str, pd.DataFrame], table: Table) -> None:
        """Every day column (span bounds, publication days) is datetime64; span text is text."""
        spans = span_fields(table.type)
        hints = typing.get_type_hints(table.type)
        days = [
            f.name
            for f in attrs.fields(table.type)
            if dt.date in (hints[f.name], *typing.get_args(hints[f.name]))
        ]
        bounds = [f"{field}_{end}" for field in spans for end in ("earliest", "latest")]
        frame = frames[table.name]
        dtypes = {column: str(frame[column].dtype) for column in [*spans, *bounds, *days]}
        expected = {
            **dict.fromkeys(spans, "string"),
            **dict.fromkeys([*bounds, *days], "datetime64[ns]"),
        }
        assert dtypes == expected

    def test_span_bounds(self, frames: dict[str, pd.DataFrame]) -> None:
        """A span's bounds are the first and last day it covers."""
        network = next(n for n in umn.networks if n.launched is not None)
        assert network.launched is not None
        frame = frames["networks"]
        assert cell(frame, network.id, "launched_earliest") == pd.Timestamp(
            network.launched.earliest
        )
        assert cell(frame, network.id, "launched_latest") == pd.Timestamp(network.launched.latest)

    @pytest.mark.parametrize(
        ("kind", "column", "enum"),
        [
            ("sources", "kind", umn.SourceKind),
            ("agencies", "kind", umn.AgencyKind),
            ("networks", "level", umn.NetworkLevel),
            ("events", "kind", umn.EventKind),
            ("observations", "quantity", umn.Quantity),
        ],
    )
    def test_enums_are_categoricals(
        self, frames: dict[str, pd.DataFrame], kind: str, column: str, enum: type[Any]
    ) -> None:
        """An enum is a categorical whose categories are all the enum's values, used or not."""
        categories = list(frames[kind][column].cat.categories)
        assert categories == [member.value for member in enum]

    def test_enum_values(self, frames: dict[str, pd.DataFrame]) -> None:
        """A categorical cell holds the enum's value."""
        network = umn.networks.lookup("Mozambique")
        assert cell(frames["networks"], network.id, "level") == network.level.value

    @pytest.mark.parametrize("table", table_params())
    def test_lists_are_lists(self, frames: dict[str, pd.DataFrame], table: Table) -> None:
        """Every cell of a list field's column is a Python list (``[]`` when empty)."""
        hints = typing.get_type_hints(table.type)
        lists = [
            f.name
            for f in attrs.fields(table.type)
            if typing.get_origin(hints[f.name]) is tuple and f.name not in ("names", "citations")
        ]
        frame = frames[table.name]
        found = {column: {type(value) for value in frame[column]} for column in lists}
        assert found == {column: {list} for column in lists}

    def test_citations_are_mappings(self, frames: dict[str, pd.DataFrame]) -> None:
        """The citations column holds each record's citations as a mapping of source ids."""
        expected = [
            {c.field: [s.id for s in c.sources] for c in network.citations}
            for network in umn.networks
        ]
        assert list(frames["networks"]["citations"]) == expected

    def test_no_members_is_an_empty_list(self, frames: dict[str, pd.DataFrame]) -> None:
        """A network with no evidenced member has ``[]``, not a missing value."""
        network = next(n for n in umn.networks if not n.members)
        assert cell(frames["networks"], network.id, "members") == []

    def test_explode_counts_members(self, frames: dict[str, pd.DataFrame]) -> None:
        """Exploded, the members column counts every evidenced member and nothing else."""
        expected = sum(len(network.members) for network in umn.networks)
        assert len(exploded(frames["networks"], "members")) == expected

    @pytest.mark.parametrize(
        "column", ["country_name", "country_m49", "country_is_code_user_assigned", "region"]
    )
    def test_absent_values_are_na(self, frames: dict[str, pd.DataFrame], column: str) -> None:
        """An absent value of a text, number or flag column is ``<NA>``."""
        assert cell(frames["networks"], "global", column) is pd.NA

    @pytest.mark.parametrize("column", ["launched_earliest", "launched_latest"])
    def test_absent_days_are_nat(self, frames: dict[str, pd.DataFrame], column: str) -> None:
        """An absent span's bounds are ``NaT``."""
        network = next(n for n in umn.networks if n.launched is None)
        assert cell(frames["networks"], network.id, column) is pd.NaT

    def test_absent_span_text_is_na(self, frames: dict[str, pd.DataFrame]) -> None:
        """An absent span's text is ``<NA>``."""
        network = next(n for n in umn.networks if n.launched is None)
        assert cell(frames["networks"], network.id, "launched") is pd.NA

    def test_names_columns(self, frames: dict[str, pd.DataFrame]) -> None:
        """Each field and language of the objectives' names is a column."""
        expected = sorted({f"{n.field}_{n.lang}" for o in umn.objectives for n in o.names})
        assert [c for c in frames["objectives"].columns if c in expected] == expected

    @pytest.mark.parametrize(("field", "lang"), [("name", "fr"), ("name", "es"), ("acronym", "fr")])
    def test_names_in_languages(
        self, frames: dict[str, pd.DataFrame], field: str, lang: str
    ) -> None:
        """A name column holds each record's text in that language, ``<NA>`` where none is given."""
        frame = frames["agencies"]
        expected = [name_of(a, field, lang) for a in umn.agencies]
        assert [None if value is pd.NA else value for value in frame[f"{field}_{lang}"]] == expected

    def test_empty_registry_of_a_known_kind(self) -> None:
        """An empty registry still has its kind's flat columns (no names: no name columns)."""
        frame = umn.networks.filter(lambda _: False).to_dataframe(lang="fr")
        assert list(frame.columns) == list(flat_columns(umn.Network))
        assert len(frame) == 0

    def test_registry_without_a_record_type(self) -> None:
        """A registry built without a record type takes its records' type."""
        events = umn.load().events
        registry = umn.Registry(list(events), keys=lambda e: (e.id,), kind="event")
        assert list(registry.to_dataframe().columns) == list(events.to_dataframe().columns)

    def test_empty_registry_of_an_unknown_kind(self) -> None:
        """An empty registry of no known record type is an empty frame."""
        empty: umn.Registry[str] = umn.Registry([], keys=lambda text: (text,), kind="word")
        assert empty.to_dataframe().shape == (0, 0)

    def test_records_of_any_type(self) -> None:
        """`to_dataframe` takes records of any flat type, in the order given."""
        frame = to_dataframe([Tagged((umn.NetworkLevel.GLOBAL,), ("a", "b"))], Tagged)
        assert frame.to_dict("records") == [{"levels": ["global"], "words": ["a", "b"]}]

    def test_pandas_missing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas, the ImportError names the extra to install."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError) as info:
            umn.agencies.to_dataframe()
        assert str(info.value) == (
            "to_dataframe() needs pandas: pip install 'un-migration-network[pandas]'"
        )
        assert info.value.name == "pandas"


class TestLanguage:
    """``to_dataframe(lang=...)``: the name columns in another language, English marked."""

    @pytest.mark.parametrize(
        ("kind", "field"),
        [
            ("agencies", "name"),
            ("agencies", "acronym"),
            ("networks", "name"),
            ("objectives", "title"),
            ("objectives", "short_label"),
            ("principles", "name"),
        ],
    )
    def test_column_in_language(
        self, french: dict[str, pd.DataFrame], kind: str, field: str
    ) -> None:
        """The column holds the French where a source gives it, the English marked [en] else."""
        registry = umn.load().registry(kind)
        expected = [name_of(r, field, "fr") or f"{getattr(r, field)} [en]" for r in registry]
        assert list(french[kind][field]) == expected

    @pytest.mark.parametrize(
        ("kind", "key", "field", "expected"),
        [
            ("agencies", "iom", "name", "Organisation internationale pour les migrations"),
            ("agencies", "iom", "acronym", "OIM"),
            ("agencies", "ctbto", "acronym", "CTBTO [en]"),
            ("networks", "global", "name", "Réseau des Nations Unies sur les migrations"),
        ],
    )
    def test_examples(
        self, french: dict[str, pd.DataFrame], kind: str, key: str, field: str, expected: str
    ) -> None:
        """IOM's names are French; an agency with no French acronym keeps its own, marked."""
        assert cell(french[kind], key, field) == expected

    def test_text_stays_a_string_column(self, french: dict[str, pd.DataFrame]) -> None:
        """The replaced column keeps the string dtype."""
        assert str(french["agencies"]["name"].dtype) == "string"

    def test_other_columns_unchanged(
        self, frames: dict[str, pd.DataFrame], french: dict[str, pd.DataFrame]
    ) -> None:
        """Only the name columns change: ids and the per-language columns are the same."""
        english, other = frames["agencies"], french["agencies"]
        unchanged = [c for c in english.columns if c not in ("name", "acronym")]
        assert other[unchanged].astype(str).to_dict("list") == (
            english[unchanged].astype(str).to_dict("list")
        )

    @pytest.mark.parametrize("kind", ["events", "sources"])
    def test_records_without_names(
        self, frames: dict[str, pd.DataFrame], french: dict[str, pd.DataFrame], kind: str
    ) -> None:
        """Records with no names in other languages (events, sources) keep their English."""
        column = "name" if kind == "events" else "title"
        assert list(french[kind][column].fillna("")) == list(frames[kind][column].fillna(""))


class TestDataframes:
    """`Dataset.to_dataframes`: every table keyed by name; the ids join."""

    def test_names(self, frames: dict[str, pd.DataFrame]) -> None:
        """One frame per kind, then the seats, the member lists, the forums and the votes."""
        extra = ["memberships", "snapshots", "review_forum_editions", "votes"]
        assert list(frames) == [*(kind.plural for kind in KINDS), *extra]

    @pytest.mark.parametrize(
        ("name", "records"),
        [
            ("memberships", lambda ds: ds.executive_committee.memberships),
            ("snapshots", lambda ds: ds.executive_committee.snapshots),
            ("review_forum_editions", lambda ds: ds.compact.review_forum.editions),
            ("votes", lambda ds: (*ds.compact.voted_against, *ds.compact.abstained)),
            *((kind.plural, lambda ds, k=kind: ds.registry(k)) for kind in KINDS),
        ],
    )
    def test_one_row_per_record(
        self, frames: dict[str, pd.DataFrame], name: str, records: Any
    ) -> None:
        """Each frame has one row per record of its table."""
        assert len(frames[name]) == len(records(umn.load()))

    def test_members_join_agencies(self, frames: dict[str, pd.DataFrame]) -> None:
        """Every network member, exploded, joins an agency by id."""
        members = frames["networks"][["id", "members"]].explode("members")
        joined = members.merge(frames["agencies"], left_on="members", right_on="id")
        assert len(joined) == sum(len(network.members) for network in umn.networks)

    @pytest.mark.parametrize("table", table_params(field="sources"))
    def test_sources_join_sources(self, frames: dict[str, pd.DataFrame], table: Table) -> None:
        """Every source a record names, exploded, joins the sources table by id."""
        cited = frames[table.name][["sources"]].explode("sources")
        joined = cited.merge(frames["sources"], left_on="sources", right_on="id")
        assert len(joined) == sum(len(record.sources) for record in table.records)

    def test_seats_join_agencies(self, frames: dict[str, pd.DataFrame]) -> None:
        """Every seat of the Executive Committee names an agency by id."""
        seats = frames["memberships"].merge(frames["agencies"], left_on="agency", right_on="id")
        assert len(seats) == len(umn.executive_committee.memberships)

    def test_coordinators_join_agencies(self, frames: dict[str, pd.DataFrame]) -> None:
        """Every network coordinator is an agency id."""
        coordinators = set(frames["networks"]["coordinator"].dropna())
        assert coordinators - set(frames["agencies"]["id"]) == set()

    def test_votes_columns(self, frames: dict[str, pd.DataFrame]) -> None:
        """The vote lists: how each State voted, as written, its M49 name and codes."""
        votes = frames["votes"]
        assert list(votes.columns) == ["vote", "as_written", "country", "m49", "alpha2", "alpha3"]

    @pytest.mark.parametrize(
        ("column", "expected"),
        [
            ("vote", "against"),
            ("country", "Czechia"),
            ("m49", 203),
            ("alpha2", "CZ"),
            ("alpha3", "CZE"),
        ],
    )
    def test_vote_as_written(
        self, frames: dict[str, pd.DataFrame], column: str, expected: object
    ) -> None:
        """The State the vote record writes "Czech Republic" is Czechia: CZ, CZE, 203."""
        votes = frames["votes"].set_index("as_written")
        assert votes.loc["Czech Republic", column] == expected

    def test_votes_follow_the_compact(self, frames: dict[str, pd.DataFrame]) -> None:
        """The votes list the States against, then those abstaining, in the Compact's order."""
        compact = umn.compact
        expected = [
            *(("against", s.as_written) for s in compact.voted_against),
            *(("abstained", s.as_written) for s in compact.abstained),
        ]
        votes = frames["votes"]
        assert list(zip(votes["vote"], votes["as_written"], strict=True)) == expected

    @pytest.mark.parametrize("code", ["alpha2", "alpha3"])
    def test_votes_codes(self, frames: dict[str, pd.DataFrame], code: str) -> None:
        """Every State of the vote has its country's ISO codes."""
        states = [*umn.compact.voted_against, *umn.compact.abstained]
        expected = [getattr(s.country, code) for s in states]
        assert list(frames["votes"][code]) == expected

    def test_votes_dtypes(self, frames: dict[str, pd.DataFrame]) -> None:
        """The M49 code is a nullable integer, the rest text."""
        dtypes = {name: str(dtype) for name, dtype in frames["votes"].dtypes.items()}
        assert dtypes == {
            "vote": "string",
            "as_written": "string",
            "country": "string",
            "m49": "Int64",
            "alpha2": "string",
            "alpha3": "string",
        }

    def test_state_without_a_country(self, document: dict[str, Any]) -> None:
        """A State the M49 table does not name keeps its name; its codes are missing."""
        document["compact"]["abstained"].append({"as_written": "Atlantis"})
        votes = umn.load_dataset(document).to_dataframes()["votes"].set_index("as_written")
        row = votes.loc["Atlantis"]
        assert [column for column, missing in row.isna().items() if missing] == [
            "country",
            "m49",
            "alpha2",
            "alpha3",
        ]

    def test_no_votes(self, document: dict[str, Any]) -> None:
        """A document with no vote lists has an empty votes table with its columns."""
        document["compact"]["voted_against"] = []
        document["compact"]["abstained"] = []
        votes = umn.load_dataset(document).to_dataframes()["votes"]
        assert votes.shape == (0, 6)

    def test_pandas_missing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas, `Dataset.to_dataframes` says which extra to install."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r"pip install 'un-migration-network\[pandas\]'"):
            umn.load().to_dataframes()


# --- the Frictionless Data Package --------------------------------------------------------


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The files `write_datapackage` writes for the bundled data, into a fresh directory."""
    return write_datapackage(umn.load(), tmp_path_factory.mktemp("package") / "out")


@pytest.fixture(scope="module")
def package(written: list[Path]) -> Path:
    """The directory the bundled data package is written in."""
    return written[0].parent


@pytest.fixture(scope="module")
def report(package: Path) -> frictionless.Report:
    """The Frictionless validator's report on the bundled data package (validated once)."""
    found: frictionless.Report = frictionless.validate(package / "datapackage.json")
    return found


@pytest.fixture(scope="module")
def descriptor(package: Path) -> dict[str, Any]:
    """The bundled data package's ``datapackage.json``."""
    data: dict[str, Any] = json.loads((package / "datapackage.json").read_text("utf-8"))
    return data


def link_tables() -> list[str]:
    """The names of the link tables: each kind's sources, and the networks' agency lists."""
    sourced = [f"{k.plural}_sources" for k in KINDS if "sources" in attrs.fields_dict(k.type)]
    return [*sourced, "networks_members", "networks_co_chairs"]


class TestDataPackage:
    """`write_datapackage`: a Frictionless Data Package that the Frictionless validator accepts."""

    def test_valid(self, report: frictionless.Report) -> None:
        """The Frictionless validator finds no error in the package."""
        assert error_types(report) == []

    def test_valid_flag(self, report: frictionless.Report) -> None:
        """The report says the package is valid."""
        assert report.valid is True

    def test_files(self, package: Path, written: list[Path]) -> None:
        """One CSV per kind and link table, the seats, and the descriptor; nothing else."""
        expected = {
            *(f"{kind.plural}.csv" for kind in KINDS),
            *(f"{name}.csv" for name in link_tables()),
            "memberships.csv",
            "datapackage.json",
        }
        assert {path.name for path in package.iterdir()} == expected
        assert {path.name for path in written} == expected

    def test_descriptor_last(self, written: list[Path]) -> None:
        """The descriptor is written last: a package cut short has none."""
        assert written[-1].name == "datapackage.json"

    def test_resources_are_the_csv_files(
        self, descriptor: dict[str, Any], written: list[Path]
    ) -> None:
        """Each CSV file is one resource, named as the file with hyphens."""
        resources = {r["name"]: r["path"] for r in descriptor["resources"]}
        csvs = [path.name for path in written if path.suffix == ".csv"]
        assert resources == {name.removesuffix(".csv").replace("_", "-"): name for name in csvs}

    @pytest.mark.parametrize("kind", [kind.plural for kind in KINDS])
    def test_kind_tables_are_the_csv(self, package: Path, kind: str) -> None:
        """A kind's table is its `to_csv` text."""
        registry = umn.load().registry(kind)
        expected = to_csv(registry, kind_named(kind).type)
        assert (package / f"{kind}.csv").read_text("utf-8") == expected

    @pytest.mark.parametrize(
        ("key", "value"),
        [
            ("profile", "tabular-data-package"),
            ("name", "un-migration-network"),
            ("version", umn.__version__),
            ("as_of", umn.load().as_of.isoformat()),
            ("created", f"{umn.load().as_of.isoformat()}T00:00:00Z"),
        ],
    )
    def test_metadata(self, descriptor: dict[str, Any], key: str, value: str) -> None:
        """The package names itself, its version and the date its data holds for."""
        assert descriptor[key] == value

    def test_licence(self, descriptor: dict[str, Any]) -> None:
        """The package is under the MIT licence."""
        assert [licence["name"] for licence in descriptor["licenses"]] == ["MIT"]

    def test_sources(self, descriptor: dict[str, Any]) -> None:
        """The package's sources are the data's sources, by address."""
        expected = [source.url for source in umn.load().sources]
        assert [source["path"] for source in descriptor["sources"]] == expected

    @pytest.mark.parametrize(
        ("which", "expected"),
        [
            (lambda s: s.title is not None, lambda s: s.title),
            (lambda s: s.title is None and s.publisher is not None, lambda s: s.publisher),
            (lambda s: s.title is None and s.publisher is None, lambda s: s.id),
        ],
        ids=["title", "publisher", "id"],
    )
    def test_source_titles(self, descriptor: dict[str, Any], which: Any, expected: Any) -> None:
        """A package source is titled with the source's title, else its publisher, else its id."""
        source = next(s for s in umn.load().sources if which(s))
        titles = {entry["path"]: entry["title"] for entry in descriptor["sources"]}
        assert titles[source.url] == expected(source)

    @pytest.mark.parametrize(
        ("column", "field"),
        [
            ("id", {"name": "id", "type": "string"}),
            ("country_m49", {"name": "country_m49", "type": "integer"}),
            ("is_membership_complete", {"name": "is_membership_complete", "type": "boolean"}),
            ("launched", {"name": "launched", "type": "string"}),
            ("launched_earliest", {"name": "launched_earliest", "type": "date"}),
            ("members", {"name": "members", "type": "array"}),
            ("citations", {"name": "citations", "type": "object"}),
            (
                "level",
                {
                    "name": "level",
                    "type": "string",
                    "constraints": {"enum": [level.value for level in umn.NetworkLevel]},
                },
            ),
        ],
    )
    def test_table_schema_types(
        self, descriptor: dict[str, Any], column: str, field: dict[str, Any]
    ) -> None:
        """Each column has its Table Schema type; an enum lists its values as a constraint."""
        fields = resource(descriptor, "networks")["schema"]["fields"]
        assert next(f for f in fields if f["name"] == column) == field

    @pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.plural)
    def test_primary_keys(self, descriptor: dict[str, Any], kind: Any) -> None:
        """Each kind's table is keyed by its kind's primary key."""
        assert resource(descriptor, kind.plural)["schema"]["primaryKey"] == [kind.primary]

    def test_coordinator_is_a_foreign_key(self, descriptor: dict[str, Any]) -> None:
        """A network's coordinator refers to an agency."""
        assert resource(descriptor, "networks")["schema"]["foreignKeys"] == [
            {"fields": "coordinator", "reference": {"resource": "agencies", "fields": "id"}}
        ]

    @pytest.mark.parametrize("kind", ["sources", "agencies", "objectives", "events"])
    def test_no_foreign_keys(self, descriptor: dict[str, Any], kind: str) -> None:
        """A table with no single reference column declares no foreign key."""
        assert "foreignKeys" not in resource(descriptor, kind)["schema"]

    @pytest.mark.parametrize("name", link_tables())
    def test_link_table_schema(self, descriptor: dict[str, Any], name: str) -> None:
        """A link table is keyed by record and position; both ends are foreign keys."""
        parent, _, listed = name.partition("_")
        spec = kind_named(parent)
        target, refer = ("sources", "source") if listed == "sources" else ("agencies", "agency")
        key_type = "integer" if spec.primary == "number" else "string"
        assert resource(descriptor, name.replace("_", "-"))["schema"] == {
            "fields": [
                {"name": "record", "type": key_type},
                {"name": "position", "type": "integer"},
                {"name": refer, "type": "string"},
            ],
            "primaryKey": ["record", "position"],
            "foreignKeys": [
                {"fields": "record", "reference": {"resource": parent, "fields": spec.primary}},
                {"fields": refer, "reference": {"resource": target, "fields": "id"}},
            ],
        }

    def test_memberships_schema(self, descriptor: dict[str, Any]) -> None:
        """The seats' table refers to the agencies."""
        assert resource(descriptor, "memberships")["schema"]["foreignKeys"] == [
            {"fields": "agency", "reference": {"resource": "agencies", "fields": "id"}}
        ]

    def test_memberships_rows(self, package: Path) -> None:
        """The seats' table is the seats' CSV."""
        seats = umn.executive_committee.memberships
        expected = to_csv(seats, umn.Membership)
        assert (package / "memberships.csv").read_text("utf-8") == expected

    def test_members_rows(self, package: Path) -> None:
        """A network's members are its rows of the link table, numbered from 1 in its order."""
        network = umn.networks.lookup("Mozambique")
        rows = read_csv((package / "networks_members.csv").read_text("utf-8"))
        found = [(row["position"], row["agency"]) for row in rows if row["record"] == network.id]
        assert found == [(str(i), a.id) for i, a in enumerate(network.members, start=1)]

    @pytest.mark.parametrize("name", link_tables())
    def test_link_rows(self, package: Path, name: str) -> None:
        """A link table has one row per listed reference of every record."""
        parent, _, listed = name.partition("_")
        expected = sum(len(getattr(r, listed)) for r in umn.load().registry(parent))
        rows = read_csv((package / f"{name}.csv").read_text("utf-8"))
        assert len(rows) == expected

    def test_objective_links_by_number(self, package: Path) -> None:
        """The objectives' link table refers to each objective by its number."""
        rows = read_csv((package / "objectives_sources.csv").read_text("utf-8"))
        expected = {str(objective.number) for objective in umn.objectives if objective.sources}
        assert {row["record"] for row in rows} == expected

    def test_member_of_no_agency(self, package: Path, tmp_path: Path) -> None:
        """A network member that is no agency makes the package invalid: a foreign-key error."""
        copied = tmp_path / "package"
        shutil.copytree(package, copied)
        rewrite_cell(copied / "networks_members.csv", "mozambique", "agency", "no-such-agency")
        broken = frictionless.validate(copied / "datapackage.json")
        assert broken.valid is False
        assert error_types(broken) == ["foreign-key"]
        assert [task.name for task in broken.tasks if not task.valid] == ["networks-members"]

    def test_every_foreign_key_is_checked(self, package: Path, tmp_path: Path) -> None:
        """A link to no parent, a coordinator, source or seat of nothing: one error each."""
        copied = tmp_path / "package"
        shutil.copytree(package, copied)
        broken_cells = [
            ("networks_co_chairs.csv", "europe-central-asia", "record"),
            ("networks.csv", "global", "coordinator"),
            ("agencies_sources.csv", "iom", "source"),
            ("memberships.csv", "iom", "agency"),
        ]
        for file, key, column in broken_cells:
            rewrite_cell(copied / file, key, column, "no-such-record")
        broken = frictionless.validate(copied / "datapackage.json")
        assert error_types(broken) == ["foreign-key"] * len(broken_cells)
        assert sorted(task.name for task in broken.tasks if not task.valid) == [
            "agencies-sources",
            "memberships",
            "networks",
            "networks-co-chairs",
        ]

    def test_user_dataset(self, document: dict[str, Any], tmp_path: Path) -> None:
        """A user's dataset is written from its own records."""
        document["networks"] = [n for n in document["networks"] if n["id"] == "global"]
        written = write_datapackage(umn.load_dataset(document), tmp_path)
        rows = read_csv((tmp_path / "networks.csv").read_text("utf-8"))
        assert [row["id"] for row in rows] == ["global"]
        assert len(written) == len(list(tmp_path.iterdir()))

    def test_rewrite_in_place(self, package: Path, tmp_path: Path) -> None:
        """Writing over an existing package replaces each of its files."""
        shutil.copytree(package, tmp_path, dirs_exist_ok=True)
        (tmp_path / "networks.csv").write_text("stale\n", encoding="utf-8")
        write_datapackage(umn.load(), tmp_path)
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
            p.name: p.read_bytes() for p in package.iterdir()
        }


class TestDataPackageWrite:
    """`write_datapackage` writes each file whole: a temporary name, then one rename."""

    def test_failed_rename_leaves_nothing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A rename that fails leaves no temporary file, and no descriptor."""

        def fail(*_: object) -> Path:
            raise OSError(28, "No space left on device")

        with monkeypatch.context() as patch:
            patch.setattr(Path, "replace", fail)
            with pytest.raises(OSError, match="No space left on device"):
                write_datapackage(umn.load(), tmp_path)
        assert list(tmp_path.iterdir()) == []

    def test_failed_write_keeps_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A write that fails midway leaves the file it would replace as it was."""
        old = tmp_path / "sources.csv"
        old.write_text("old,content\n", encoding="utf-8")

        class Full(io.StringIO):
            """A stream on a full disk."""

            def write(self, _: str) -> int:
                """Fail as a full disk does."""
                raise OSError(28, "No space left on device")

        def fdopen(handle: int, *_: object, **__: object) -> Full:
            os.close(handle)
            return Full()

        with monkeypatch.context() as patch:
            patch.setattr(os, "fdopen", fdopen)
            with pytest.raises(OSError, match="No space left on device"):
                write_datapackage(umn.load(), tmp_path)
        assert [path.name for path in tmp_path.iterdir()] == ["sources.csv"]
        assert old.read_text("utf-8") == "old,content\n"

    def test_later_failure_keeps_earlier_files_whole(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, package: Path
    ) -> None:
        """When the third file fails, the first two are complete and nothing else is there."""
        real = Path.replace
        calls: list[Path] = []

        def replace(self: Path, target: Path) -> Path:
            calls.append(target)
            if len(calls) == 3:
                raise OSError(5, "Input/output error")
            return real(self, target)

        with monkeypatch.context() as patch:
            patch.setattr(Path, "replace", replace)
            with pytest.raises(OSError, match="Input/output error"):
                write_datapackage(umn.load(), tmp_path)
        names = sorted(path.name for path in tmp_path.iterdir())
        assert names == sorted(path.name for path in calls[:2])
        assert [(tmp_path / n).read_bytes() for n in names] == [
            (package / n).read_bytes() for n in names
        ]

    def test_directory_is_made(self, tmp_path: Path) -> None:
        """Missing parent directories are made."""
        target = tmp_path / "a" / "b"
        written = write_datapackage(umn.load(), target)
        assert {path.parent for path in written} == {target}

    def test_directory_is_a_file(self, tmp_path: Path) -> None:
        """A file where the directory should be is an OSError; the file is kept."""
        target = tmp_path / "package"
        target.write_text("mine", encoding="utf-8")
        with pytest.raises(FileExistsError):
            write_datapackage(umn.load(), target)
        assert target.read_text("utf-8") == "mine"


class TestExportCommand:
    """``un-migration-network export --format datapackage --output DIR``."""

    def test_writes_the_package(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], package: Path
    ) -> None:
        """The command writes the same files as `write_datapackage`, and says how many."""
        target = tmp_path / "out"
        code = main(["export", "--format", "datapackage", "--output", str(target)])
        assert code == 0
        assert {p.name: p.read_bytes() for p in target.iterdir()} == {
            p.name: p.read_bytes() for p in package.iterdir()
        }
        count = len(list(package.iterdir()))
        assert capsys.readouterr().out == f"wrote {count} files to {target}\n"


# --- JSON Schema ----------------------------------------------------------------------------


def singletons() -> list[tuple[str, type]]:
    """The document's single records: the Executive Committee and the Compact."""
    return [("executive_committee", umn.ExecutiveCommittee), ("compact", umn.Compact)]


def record_schemas(*, field: str | None = None) -> list[Any]:
    """Each record schema with its class (kinds, singletons); with *field*, those that have it."""
    schema = json_schema()
    found = [
        *((k.plural, schema["properties"][k.plural]["items"], k.type) for k in KINDS),
        *((key, schema["properties"][key], cls) for key, cls in singletons()),
    ]
    return [
        pytest.param(record, cls, id=name)
        for name, record, cls in found
        if field is None or field in attrs.fields_dict(cls)
    ]


class TestJsonSchema:
    """`json_schema`: generated from the models; the data fits it and broken data does not."""

    def test_is_a_valid_schema(self) -> None:
        """The schema is itself valid draft 2020-12."""
        jsonschema.Draft202012Validator.check_schema(json_schema())

    def test_declares_its_draft(self) -> None:
        """The schema names its draft."""
        assert json_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def test_bundled_document_validates(self) -> None:
        """The bundled file, as stored, fits the schema."""
        assert error_paths(bundled_document()) == []

    def test_canonical_document_validates(self) -> None:
        """What `Dataset.to_json` writes fits the schema."""
        assert error_paths(json.loads(umn.load().to_json())) == []

    def test_required(self) -> None:
        """The date, the singletons and every kind but champions, events, observations."""
        optional = {"champions", "events", "observations"}
        expected = [
            "as_of",
            *(k.plural for k in KINDS if k.plural not in optional),
            "executive_committee",
            "compact",
        ]
        assert json_schema()["required"] == expected

    def test_properties(self) -> None:
        """The document holds the date, every kind and the singletons, and nothing else."""
        schema = json_schema()
        expected = ["as_of", *(k.plural for k in KINDS), *(key for key, _ in singletons())]
        assert list(schema["properties"]) == expected
        assert schema["additionalProperties"] is False

    @pytest.mark.parametrize("kind", ["champions", "events", "observations"])
    def test_optional_kinds(self, kind: str) -> None:
        """A document without an optional kind's array fits."""
        document = bundled_document()
        del document[kind]
        assert error_paths(document) == []

    @pytest.mark.parametrize(("schema", "cls"), record_schemas())
    def test_every_field(self, schema: dict[str, Any], cls: type) -> None:
        """A record's properties are its attrs fields, in order, and it allows no others."""
        assert list(schema["properties"]) == [field.name for field in attrs.fields(cls)]
        assert schema["additionalProperties"] is False

    @pytest.mark.parametrize(("schema", "cls"), record_schemas())
    def test_required_fields(self, schema: dict[str, Any], cls: type) -> None:
        """A record's required properties are its fields without a default."""
        expected = [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]
        assert schema["required"] == expected

    @pytest.mark.parametrize(("schema", "cls"), record_schemas())
    def test_every_field_described(self, schema: dict[str, Any], cls: type) -> None:
        """Every property is described by the Attributes text of its class's docstring."""
        text = documented(cls)
        undescribed = [
            name
            for name, prop in schema["properties"].items()
            if f"{name}: {prop.get('description', '?')}" not in text
        ]
        assert undescribed == []

    @pytest.mark.parametrize(("schema", "cls"), record_schemas())
    def test_record_title(self, schema: dict[str, Any], cls: type) -> None:
        """A record is titled with its class's name."""
        assert schema["title"] == cls.__name__

    @pytest.mark.parametrize(("schema", "cls"), record_schemas())
    def test_record_description(self, schema: dict[str, Any], cls: type) -> None:
        """A record is described with its docstring's summary line."""
        assert schema["description"] == (cls.__doc__ or "").strip().splitlines()[0]

    @pytest.mark.parametrize(
        ("kind", "field", "expected"),
        [
            ("agencies", "id", "Stable key, lowercase."),
            (
                "networks",
                "launched",
                (
                    "When it was formally launched or established, as a day or a span; a first "
                    "meeting or a page showing it at work is not a launch (see `first_evidenced`)."
                ),
            ),
        ],
    )
    def test_description_text(self, kind: str, field: str, expected: str) -> None:
        """A description is the docstring's text on one line, double backquotes made single."""
        assert items_schema(kind)["properties"][field]["description"] == expected

    @pytest.mark.parametrize(("schema", "cls"), record_schemas(field="citations"))
    def test_citations_name_fields(self, schema: dict[str, Any], cls: type) -> None:
        """A record's citations may name its own fields only (not sources, citations, names)."""
        cited = schema["properties"]["citations"]["propertyNames"]["enum"]
        uncited = {"sources", "citations", "names"}
        assert cited == [f.name for f in attrs.fields(cls) if f.name not in uncited]

    def test_nested_records(self) -> None:
        """Nested records (seats, countries) are described from their own classes."""
        committee = json_schema()["properties"]["executive_committee"]["properties"]
        seat = committee["memberships"]["items"]
        country = items_schema("networks")["properties"]["country"]["anyOf"][0]
        assert list(seat["properties"]) == [f.name for f in attrs.fields(umn.Membership)]
        assert list(country["properties"]) == [f.name for f in attrs.fields(umn.Country)]

    @pytest.mark.parametrize(
        ("kind", "field"),
        [
            ("agencies", "sources"),
            ("networks", "sources"),
            ("networks", "members"),
            ("networks", "co_chairs"),
        ],
    )
    def test_references_are_ids(self, kind: str, field: str) -> None:
        """Sources and agencies inside records are ids, even inside the agencies themselves."""
        items = items_schema(kind)["properties"][field]["items"]
        assert items["type"] == "string"

    def test_coordinator_is_an_id(self) -> None:
        """A single agency reference is an id, or null."""
        coordinator = items_schema("networks")["properties"]["coordinator"]
        assert coordinator["anyOf"] == [
            {"type": "string", "description": "the agency's id"},
            {"type": "null"},
        ]

    def test_span(self) -> None:
        """A span is its short text or an object of its bounds; optional spans allow null."""
        launched = items_schema("networks")["properties"]["launched"]
        span, null = launched["anyOf"]
        text, bounds = span["oneOf"]
        assert null == {"type": "null"}
        assert text["pattern"] == r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
        assert bounds["required"] == ["earliest", "latest"]

    def test_enum(self) -> None:
        """An enum field lists its values."""
        level = items_schema("networks")["properties"]["level"]
        assert level["enum"] == [member.value for member in umn.NetworkLevel]

    def test_citations_outside_a_record(self) -> None:
        """Citations with no record to name the fields of are a plain list of citations."""
        schema = _export._type_schema(tuple[umn.Citation, ...], "Citations")
        assert schema["items"]["title"] == "Citation"

    def test_undocumented_fields(self) -> None:
        """A field the docstring does not describe has no description."""
        schema = _export._object_schema(HalfDocumented)
        assert schema["properties"] == {
            "described": {"description": "A described field.", "type": "string"},
            "undescribed": {"type": "string"},
        }

    def test_no_attributes_section(self) -> None:
        """A class with no Attributes section gives no descriptions."""
        schema = _export._object_schema(Undocumented)
        assert schema["properties"] == {"plain": {"type": "integer"}}

    def test_unknown_type_is_refused(self) -> None:
        """The schema of a type the models do not use is a TypeError naming the field."""
        with pytest.raises(TypeError, match=r"Weighed\.weight: unsupported type"):
            _export._object_schema(Weighed)

    @pytest.mark.parametrize(
        ("path", "value", "at"),
        [
            pytest.param(("surprise",), 1, (), id="unknown-key"),
            pytest.param(("as_of",), "11/02/2026", ("as_of",), id="bad-day"),
            pytest.param(
                ("networks", ID("mozambique"), "colour"),
                "blue",
                ("networks", ID("mozambique")),
                id="unknown-field",
            ),
            pytest.param(
                ("networks", ID("global"), "declared_member_count"),
                "38",
                ("networks", ID("global"), "declared_member_count"),
                id="text-for-number",
            ),
            pytest.param(
                ("networks", ID("global"), "level"),
                "planetary",
                ("networks", ID("global"), "level"),
                id="bad-enum",
            ),
            pytest.param(
                ("networks", ID("mozambique"), "launched"),
                "2018-1",
                ("networks", ID("mozambique"), "launched"),
                id="bad-span",
            ),
            pytest.param(
                ("networks", ID("mozambique"), "launched"),
                "2021-03-18/2021-06-24",
                ("networks", ID("mozambique"), "launched"),
                id="span-as-bounds-text",
            ),
            pytest.param(
                ("networks", ID("mozambique"), "members"),
                "iom",
                ("networks", ID("mozambique"), "members"),
                id="text-for-list",
            ),
            pytest.param(
                ("networks", ID("mozambique"), "members", 0),
                {"id": "iom"},
                ("networks", ID("mozambique"), "members", 0),
                id="member-not-an-id",
            ),
            pytest.param(
                ("agencies", ID("iom"), "sources", 0),
                {"id": "un-crafd-un-system"},
                ("agencies", ID("iom"), "sources", 0),
                id="agency-source-not-an-id",
            ),
            pytest.param(
                ("networks", ID("mozambique"), "citations", "colour"),
                ["unsd-m49"],
                ("networks", ID("mozambique"), "citations"),
                id="citation-of-no-field",
            ),
            pytest.param(
                ("networks", ID("mozambique"), "citations", "sources"),
                ["unsd-m49"],
                ("networks", ID("mozambique"), "citations"),
                id="citation-of-sources",
            ),
            pytest.param(
                ("networks", ID("mozambique"), "citations", "launched"),
                "unsd-m49",
                ("networks", ID("mozambique"), "citations", "launched"),
                id="citation-not-a-list",
            ),
            pytest.param(
                ("networks", ID("mozambique"), "country", "m49"),
                "508",
                ("networks", ID("mozambique"), "country"),
                id="nested-record",
            ),
            pytest.param(
                ("sources", ID("unsd-m49"), "url"),
                None,
                ("sources", ID("unsd-m49"), "url"),
                id="null",
            ),
            pytest.param(
                ("compact", "vote", "in_favour"), True, ("compact", "vote", "in_favour"), id="bool"
            ),
        ],
    )
    def test_broken_documents_fail(
        self, path: tuple[Any, ...], value: object, at: tuple[Any, ...]
    ) -> None:
        """An unknown key, a wrong type, a bad enum value, date or citation fails where it is."""
        document = bundled_document()
        set_at(path, value)(document)
        assert error_paths(document) == [json_path(document, at)]

    @pytest.mark.parametrize(
        "change",
        [delete_at(("compact",)), delete_at(("networks",)), delete_at(("as_of",))],
        ids=["compact", "networks", "as_of"],
    )
    def test_missing_required_key_fails(self, change: Change) -> None:
        """A document without a required key does not fit."""
        document = bundled_document()
        change(document)
        assert error_paths(document) == ["$"]

    def test_span_as_bounds(self) -> None:
        """A span may be written as its bounds."""
        document = bundled_document()
        span = {"earliest": "2020-01-01", "latest": "2020-06-30", "is_inferred": True}
        set_at(("networks", ID("mozambique"), "launched"), span)(document)
        assert error_paths(document) == []

    def test_span_with_unknown_key_fails(self) -> None:
        """An unknown key inside a span's bounds is an error at the span."""
        document = bundled_document()
        path = ("networks", ID("mozambique"), "launched")
        span = {"earliest": "2020-01-01", "latest": "2020-06-30", "circa": True}
        set_at(path, span)(document)
        assert error_paths(document) == [json_path(document, path)]
