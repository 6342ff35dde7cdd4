"""The flat tables every tabular export shares: columns from the fields, long tables, CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, TypeVar

import attrs
import pytest

import un_migration_network as umn
from un_migration_network._kinds import KINDS, kind_named
from un_migration_network._tables import (
    VOTES,
    Table,
    every_name,
    flat_row,
    kind_table,
    table_csv,
    tables,
    to_csv,
)

T = TypeVar("T")
NETWORKS = kind_named("networks")
COUNTRIES = kind_named("countries")


def table_named(found: tuple[Table, ...], name: str) -> Table:
    """The table of that name."""
    return next(table for table in found if table.name == name)


def read_csv(text: str) -> list[dict[str, str]]:
    """The rows of CSV text (after a byte order mark, if any), by column name."""
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def rows_of(table: Table) -> list[dict[str, Any]]:
    """A table's rows as dictionaries by column name."""
    names = [column.name for column in table.columns]
    return [dict(zip(names, row, strict=True)) for row in table.rows]


def evolve(record: T, **changes: Any) -> T:
    """A copy of *record* with some fields changed."""
    changed: T = attrs.evolve(record, **changes)  # type: ignore[misc] # records hide attrs from mypy
    return changed


@attrs.frozen
class Weighed:
    """A record with a field of a type no export knows."""

    weights: dict[str, int]


@attrs.frozen
class Listed:
    """A record with a list of a type no export knows."""

    weights: tuple[float, ...]


class TestFlatRow:
    """One record as a flat row: what every tabular export writes of it."""

    def test_a_date_span_is_its_text_and_its_bounds(self) -> None:
        """A span gives three columns: its text, which parses back, and its two days."""
        network = umn.networks.lookup("mozambique")
        row = flat_row(network)
        assert network.launched is not None
        assert (row["launched"], row["launched_earliest"], row["launched_latest"]) == (
            str(network.launched),
            network.launched.earliest,
            network.launched.latest,
        )

    def test_a_referenced_record_is_its_key(self) -> None:
        """A country is its alpha-2 code; an agency its id."""
        network = umn.networks.lookup("mozambique")
        assert flat_row(network)["country"] == "MZ"

    def test_a_list_of_references_is_a_list_of_keys(self) -> None:
        """A network's members are the agencies' ids, in the sources' order."""
        network = umn.networks.lookup("mozambique")
        assert flat_row(network)["members"] == [agency.id for agency in network.members]

    def test_a_value_record_is_prefixed_columns(self) -> None:
        """The Compact's vote is one column per count."""
        row = flat_row(umn.compact)
        counts = [row[f"vote_{name}"] for name in ("in_favour", "against", "abstentions")]
        assert counts == [152, 5, 12]

    def test_records_inside_a_record_are_tables_of_their_own(self) -> None:
        """The review forum, the vote's States and the Committee's seats are not columns."""
        row = flat_row(umn.compact) | flat_row(umn.executive_committee)
        inside = {"review_forum", "voted_against", "abstained", "memberships", "snapshots"}
        assert inside & set(row) == set()

    def test_no_citations_and_no_names_column(self) -> None:
        """The sources of each field and the names are long tables, not cells."""
        row = flat_row(umn.countries.lookup("CI"))
        assert {"citations", "names"} & set(row) == set()

    def test_names_are_a_column_per_field_and_language(self) -> None:
        """``name_zh``, ``formal_name_fr``: the text a source gives in that language."""
        country = umn.countries.lookup("MZ")
        row = flat_row(country)
        assert (row["name_zh"], row["formal_name_fr"]) == (
            country.name_in("zh"),
            country.formal_name_in("fr"),
        )

    def test_every_un_language_has_a_column_even_where_no_name_is_given(self) -> None:
        """An objective has a ``title_zh`` column, missing where no source gives one."""
        row = flat_row(umn.objectives.lookup(1))
        assert row["title_zh"] is None

    def test_another_language_adds_its_columns(self) -> None:
        """A name in Portuguese, which the bundled data has none of, adds ``name_pt``."""
        network = umn.networks.lookup("mozambique")
        source = network.sources[0]
        name = umn.Name(lang="pt", field="name", text="Rede em Moçambique", sources=(source,))
        row = flat_row(evolve(network, names=(name,)))
        assert row["name_pt"] == "Rede em Moçambique"

    def test_an_unknown_member_list_is_missing_not_empty(self) -> None:
        """A network no source lists members of has neither members nor a count of 0."""
        row = flat_row(umn.networks.lookup("zambia"))
        assert (row["members"], row["member_count"]) == (None, None)

    def test_a_partial_member_list_counts_the_members_listed(self) -> None:
        """Asia-Pacific lists one member: 1, beside is_membership_complete false."""
        row = flat_row(umn.networks.lookup("asia-pacific"))
        assert (row["member_count"], row["is_membership_complete"]) == (1, False)

    def test_a_complete_empty_list_counts_zero(self) -> None:
        """A list known to be complete and empty is zero members, not unknown."""
        network = evolve(umn.networks.lookup("zambia"), members=(), is_membership_complete=True)
        assert flat_row(network)["member_count"] == 0

    def test_no_network_shows_a_count_of_zero_for_an_unknown_list(self) -> None:
        """Every network: its count is missing exactly where its list is unknown."""
        unknown = {
            network.id
            for network in umn.networks
            if not network.members and not network.is_membership_complete
        }
        missing = {
            network.id for network in umn.networks if flat_row(network)["member_count"] is None
        }
        assert missing == unknown

    def test_a_field_of_an_unknown_type_is_refused(self) -> None:
        """A type no export knows is a TypeError that names the field."""
        with pytest.raises(TypeError, match="weights"):
            flat_row(Weighed({"a": 1}))

    def test_a_list_of_an_unknown_type_is_refused(self) -> None:
        """A list of a type no export knows is a TypeError too."""
        with pytest.raises(TypeError, match="weights"):
            flat_row(Listed((1.5,)))


class TestKindTable:
    """The table of one kind of record."""

    @pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.plural)
    def test_the_columns_are_those_of_a_flat_row(self, kind: Any, dataset: umn.Dataset) -> None:
        """Every kind: the table's columns are the flat row's, in order."""
        part = dataset.parts()[kind.plural]
        records = (part,) if kind.is_singleton else part
        table = kind_table(kind, records)
        assert [column.name for column in table.columns] == list(flat_row(records[0]))

    @pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.plural)
    def test_the_primary_key_names_one_row(self, kind: Any, dataset: umn.Dataset) -> None:
        """Every kind: the key column's values are unique."""
        part = dataset.parts()[kind.plural]
        table = kind_table(kind, (part,) if kind.is_singleton else part)
        keys = [row[kind.primary] for row in rows_of(table)]
        assert len(set(keys)) == len(keys)

    def test_a_language_puts_its_names_in_the_named_columns(self) -> None:
        """With ``lang="fr"``, ``name`` holds the French name, the English marked where none."""
        table = kind_table(NETWORKS, umn.networks, lang="fr")
        names = {row["id"]: row["name"] for row in rows_of(table)}
        expected = umn.networks.lookup("global").name_in("fr")
        assert (names["global"], names["zambia"]) == (
            expected,
            f"{umn.networks.lookup('zambia').name} [en]",
        )


class TestTables:
    """Every table of a dataset, and the long tables that join them."""

    def test_the_tables(self, dataset: umn.Dataset) -> None:
        """One per kind, the records inside records, then the long tables."""
        names = [table.name for table in tables(dataset)]
        assert names == [
            *(kind.plural for kind in KINDS),
            "committee_seats",
            "committee_lists",
            "review_forum",
            "review_forum_editions",
            "network_members",
            "network_co_chairs",
            "committee_list_members",
            "votes",
            "names",
            "citations",
        ]

    def test_every_primary_key_names_one_row(self, dataset: umn.Dataset) -> None:
        """No two rows of a table share their primary key."""
        duplicated = {
            table.name
            for table in tables(dataset)
            for keys in [[tuple(row[c] for c in table.primary) for row in rows_of(table)]]
            if len(set(keys)) != len(keys)
        }
        assert duplicated == set()

    def test_every_foreign_key_holds(self, dataset: umn.Dataset) -> None:
        """Every key a column refers to (each item of a list of keys too) is in its table."""
        found = tables(dataset)
        broken = set()
        for table in found:
            for column in table.columns:
                if column.refers is None:
                    continue
                target, key = column.refers
                known = {row[key] for row in rows_of(table_named(found, target))}
                for row in rows_of(table):
                    value = row[column.name]
                    values = value if isinstance(value, list) else [value]
                    broken |= {
                        (table.name, column.name, v)
                        for v in values
                        if v is not None and v not in known
                    }
        assert broken == set()

    def test_network_members_are_each_networks_members_in_order(self, dataset: umn.Dataset) -> None:
        """A row per member, numbered in the sources' order."""
        members = rows_of(table_named(tables(dataset), "network_members"))
        global_ = [row["agency"] for row in members if row["network"] == "global"]
        assert global_ == [agency.id for agency in dataset.networks.lookup("global").members]

    def test_an_unknown_member_list_has_no_rows(self, dataset: umn.Dataset) -> None:
        """Zambia's list is unknown: no row, not a row saying nothing."""
        members = rows_of(table_named(tables(dataset), "network_members"))
        assert [row for row in members if row["network"] == "zambia"] == []

    def test_co_chairs(self, dataset: umn.Dataset) -> None:
        """A row per co-chair, as the sources name them."""
        chairs = rows_of(table_named(tables(dataset), "network_co_chairs"))
        expected = [
            (network.id, agency.id) for network in dataset.networks for agency in network.co_chairs
        ]
        assert [(row["network"], row["agency"]) for row in chairs] == expected

    def test_committee_lists_and_their_members(self, dataset: umn.Dataset) -> None:
        """A member list is numbered; its members join it by that number."""
        found = tables(dataset)
        first = dataset.executive_committee.snapshots[0]
        members = rows_of(table_named(found, "committee_list_members"))
        assert [row["agency"] for row in members if row["list"] == 1] == [
            agency.id for agency in first.members
        ]

    def test_the_votes_are_the_states_as_written_with_their_codes(
        self, dataset: umn.Dataset
    ) -> None:
        """A row per State the sources name: 5 against, 12 abstaining, with the codes."""
        votes = rows_of(table_named(tables(dataset), "votes"))
        czech = next(row for row in votes if row["as_written"] == "Czech Republic")
        assert (czech["vote"], czech["alpha2"], czech["alpha3"], czech["m49"]) == (
            "against",
            "CZ",
            "CZE",
            203,
        )

    def test_the_votes_count_as_the_compact_says(self, dataset: umn.Dataset) -> None:
        """As many States against and abstaining as the recorded vote counts."""
        votes = rows_of(table_named(tables(dataset), "votes"))
        counted = {vote: sum(1 for row in votes if row["vote"] == vote) for vote in VOTES}
        assert counted == {"in favour": 0, "against": 5, "abstained": 12, "non-voting": 0}

    def test_a_state_with_no_country_has_no_codes(self, dataset: umn.Dataset) -> None:
        """A State a source names but no country record matches keeps its name alone."""
        compact = evolve(dataset.compact, voted_against=(umn.State("Atlantis"),))
        changed = umn.Dataset.of(dataset.as_of, {**dataset.parts(), "compact": compact})
        votes = rows_of(table_named(tables(changed), "votes"))
        atlantis = next(row for row in votes if row["as_written"] == "Atlantis")
        assert (atlantis["alpha2"], atlantis["alpha3"], atlantis["m49"]) == (None, None, None)

    def test_the_citations_of_a_field(self, dataset: umn.Dataset) -> None:
        """The sources of a field, with no language: what ``cite(field)`` gives."""
        citations = rows_of(table_named(tables(dataset), "citations"))
        network = dataset.networks.lookup("mozambique")
        cited = [
            row["source"]
            for row in citations
            if (row["kind"], row["record"], row["field"], row["lang"])
            == ("networks", "mozambique", "launched", None)
        ]
        assert cited == [source.id for source in network.cite("launched")]

    def test_the_citations_of_a_name_in_a_language(self, dataset: umn.Dataset) -> None:
        """The sources of a name in French: what ``cite(field, lang="fr")`` gives."""
        citations = rows_of(table_named(tables(dataset), "citations"))
        cited = [
            row["source"]
            for row in citations
            if (row["kind"], row["record"], row["field"], row["lang"])
            == ("compact", "GCM", "name", "fr")
        ]
        assert cited == [source.id for source in dataset.compact.cite("name", lang="fr")]

    def test_records_inside_records_are_cited_under_their_table(self, dataset: umn.Dataset) -> None:
        """A seat's sources are cited under ``committee_seats`` and its position."""
        citations = rows_of(table_named(tables(dataset), "citations"))
        seat = dataset.executive_committee.memberships[0]
        cited = [
            row["source"]
            for row in citations
            if (row["kind"], row["record"], row["field"]) == ("committee_seats", "1", "since")
        ]
        assert cited == [source.id for source in seat.cite("since")]

    def test_every_citation_of_every_record_is_a_row(self, dataset: umn.Dataset) -> None:
        """Every (record, field, source) that a record cites is in the table, nothing else."""
        citations = rows_of(table_named(tables(dataset), "citations"))
        expected = {
            (kind.plural, kind.key(record), citation.field, source.id)
            for kind in KINDS
            if not kind.is_singleton
            for record in dataset.registry(kind)
            for citation in getattr(record, "citations", ())
            for source in citation.sources
        }
        plurals = {kind.plural for kind in KINDS if not kind.is_singleton}
        actual = {
            (row["kind"], row["record"], row["field"], row["source"])
            for row in citations
            if row["kind"] in plurals and row["lang"] is None
        }
        assert actual == expected

    def test_names_keep_their_scheme_and_sources(self, dataset: umn.Dataset) -> None:
        """A row per name: its language, scheme, text and sources."""
        names = rows_of(table_named(tables(dataset), "names"))
        country = dataset.countries.lookup("TD")
        rows = [row for row in names if (row["kind"], row["record"]) == ("countries", "TD")]
        assert [(r["lang"], r["scheme"], r["text"], r["sources"]) for r in rows] == [
            (n.lang, n.scheme, n.text, [s.id for s in n.sources]) for n in country.names
        ]

    def test_every_span_parses_back(self, dataset: umn.Dataset) -> None:
        """Every span's text, in every table, parses back to its two bounds."""
        wrong = [
            (table.name, column.name, row[column.name])
            for table in tables(dataset)
            for column in table.columns
            if f"{column.name}_earliest" in {c.name for c in table.columns}
            for row in rows_of(table)
            if row[column.name] is not None
            and (
                umn.DateSpan.parse(row[column.name]).earliest,
                umn.DateSpan.parse(row[column.name]).latest,
            )
            != (row[f"{column.name}_earliest"], row[f"{column.name}_latest"])
        ]
        assert wrong == []


class TestEveryName:
    """Every name of every record in every language, for full-text search."""

    def test_a_french_name(self, dataset: umn.Dataset) -> None:
        """The Compact's French name is there, in French."""
        found = {(kind, record, lang) for kind, record, _, lang, text in every_name(dataset)}
        assert ("compact", "GCM", "fr") in found

    def test_an_english_name_and_an_alias(self, dataset: umn.Dataset) -> None:
        """A named field's text is English; an alias has no language."""
        rows = [row for row in every_name(dataset) if row[:2] == ("countries", "AE")]
        assert (("countries", "AE", "name", "en", "United Arab Emirates") in rows) == (
            ("countries", "AE", "aliases", None, "UAE") in rows
        )

    def test_each_name_once_per_record(self, dataset: umn.Dataset) -> None:
        """A text two schemes write alike is listed once."""
        rows = list(every_name(dataset))
        assert len(set(rows)) == len(rows)


class TestToCsv:
    """CSV text of one kind."""

    def test_the_header_and_a_row(self) -> None:
        """A header of the columns, then a row per record; lists as JSON, yes/no as words."""
        rows = {row["id"]: row for row in read_csv(to_csv(umn.networks, NETWORKS))}
        mozambique = rows["mozambique"]
        assert (
            json.loads(mozambique["members"])[:2],
            mozambique["is_membership_complete"],
            mozambique["coordinator"],
        ) == (["rco", "fao"], "true", "")

    def test_unknown_is_an_empty_cell(self) -> None:
        """Zambia's member list and count are empty cells, not ``[]`` and ``0``."""
        rows = {row["id"]: row for row in read_csv(to_csv(umn.networks, NETWORKS))}
        assert (rows["zambia"]["members"], rows["zambia"]["member_count"]) == ("", "")

    def test_utf8_without_a_mark_by_default(self) -> None:
        """Text as written, with no byte order mark."""
        text = to_csv([umn.countries.lookup("CI")], COUNTRIES)
        assert (text[0], "Côte d’Ivoire" in text) == ("a", True)

    def test_excel_starts_with_a_byte_order_mark(self) -> None:
        """For Excel, the text starts with U+FEFF, which it writes as UTF-8's three bytes."""
        text = to_csv([umn.countries.lookup("CI")], COUNTRIES, excel=True)
        assert text.encode()[:3] == b"\xef\xbb\xbf"

    @pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\r\n"])
    def test_excel_neutralises_a_formula(self, start: str) -> None:
        """A text cell a spreadsheet would run is written with an apostrophe before it."""
        network = evolve(umn.networks.lookup("zambia"), name=f"{start}HYPERLINK(1)")
        text = to_csv([network], NETWORKS, excel=True)
        (row,) = read_csv(text)
        assert row["name"] == f"'{start}HYPERLINK(1)"

    def test_without_excel_a_formula_is_written_as_it_is(self) -> None:
        """The plain CSV changes no text."""
        network = evolve(umn.networks.lookup("zambia"), name="=1+1")
        (row,) = read_csv(to_csv([network], NETWORKS))
        assert row["name"] == "=1+1"

    def test_excel_keeps_the_sign_of_numbers(self) -> None:
        """A negative longitude is a number, not a formula: it keeps its minus sign."""
        country = umn.countries.lookup("CI")
        text = to_csv([country], COUNTRIES, excel=True)
        (row,) = read_csv(text)
        assert row["longitude"] == str(country.longitude)

    def test_a_long_table_as_csv(self, dataset: umn.Dataset) -> None:
        """Any table writes the same way: here the votes, with their codes."""
        text = table_csv(table_named(tables(dataset), "votes"))
        assert text.split("\r\n")[:2] == [
            "vote,position,as_written,alpha2,alpha3,m49",
            "against,1,Czech Republic,CZ,CZE,203",
        ]

    def test_no_records_is_the_header_alone(self) -> None:
        """An empty kind is its header, so a reader still knows the columns."""
        assert to_csv([], NETWORKS).split("\r\n")[1:] == [""]

    def test_the_same_text_each_time(self) -> None:
        """Written twice, the same text: the rows are in the records' order."""
        assert to_csv(umn.countries, COUNTRIES) == to_csv(umn.countries, COUNTRIES)

    def test_dates_as_days(self) -> None:
        """A date is written YYYY-MM-DD."""
        (row,) = read_csv(to_csv([umn.networks.lookup("mozambique")], NETWORKS))
        assert row["launched_earliest"] == "2022-02-15"
