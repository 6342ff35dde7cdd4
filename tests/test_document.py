"""Tests for `un_migration_network._document`: the canonical writer, and earlier forms read.

`write` assembles the document record by record, so that the index can point at each record's
bytes; here its text equals ``json.dumps`` of the whole, and each span holds its record.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any, assert_type

import pytest

import un_migration_network as umn
from un_migration_network import DateSpan, Network, NetworkLevel, Source, SourceKind
from un_migration_network._document import Written, to_data, upgrade, write
from un_migration_network._kinds import KINDS, Kind

DATASET = umn.load()
WRITTEN = write(DATASET.as_of, DATASET.parts())
ENCODED = WRITTEN.text.encode()
RELEASES = Path(__file__).parent / "data"
SOURCE = Source("s", "https://example.org/s")


def _release(version: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (RELEASES / f"release-{version}.json").read_text(encoding="utf-8")
    )
    return data


def _whole(as_of: dt.date, parts: dict[str, Any]) -> str:
    """The canonical text as json.dumps writes it, for comparison."""
    data: dict[str, Any] = {"as_of": as_of.isoformat()}
    for key, value in parts.items():
        data[key] = (
            [to_data(record) for record in value] if isinstance(value, tuple) else to_data(value)
        )
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _network(**fields: Any) -> Network:
    return Network("n", "N", NetworkLevel.REGIONAL, (SOURCE,), **fields)


class TestWrite:
    """The canonical document equals json.dumps of the whole, with each record's span."""

    def test_type(self) -> None:
        """The writer returns the text and the spans."""
        assert_type(WRITTEN, Written)

    def test_equals_json_dumps(self) -> None:
        """The text is json.dumps(..., indent=2, sort_keys=True, ensure_ascii=False) + a newline."""
        assert WRITTEN.text == _whole(DATASET.as_of, DATASET.parts())

    def test_is_to_json(self) -> None:
        """Dataset.to_json writes this text."""
        assert DATASET.to_json() == WRITTEN.text

    def test_empty_arrays(self) -> None:
        """A document with empty arrays is written as json.dumps writes it."""
        parts = {**DATASET.parts(), "champions": (), "events": (), "observations": ()}
        assert write(DATASET.as_of, parts).text == _whole(DATASET.as_of, parts)

    def test_a_span_per_record(self) -> None:
        """Each array has one span per record, and each singleton one."""
        counts = {key: len(spans) for key, spans in WRITTEN.spans.items()}
        assert counts == {
            kind.plural: 1 if kind.is_singleton else len(DATASET.registry(kind)) for kind in KINDS
        }

    @pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.plural)
    def test_spans_hold_their_records(self, kind: Kind[Any]) -> None:
        """The bytes of each span parse alone into the record's written form."""
        records = (
            (getattr(DATASET, kind.plural),) if kind.is_singleton else tuple(DATASET.registry(kind))
        )
        found = [json.loads(ENCODED[start:end]) for start, end in WRITTEN.spans[kind.plural]]
        assert found == [to_data(record) for record in records]

    def test_spans_count_bytes(self) -> None:
        """Spans are byte offsets of the UTF-8 text (names in Arabic and Chinese come first)."""
        start, end = WRITTEN.spans["countries"][-1]
        assert ENCODED[start:end].decode().startswith("{")
        assert len(WRITTEN.text) < len(ENCODED)


class TestToData:
    """One record as the document writes it."""

    def test_reference_by_key(self) -> None:
        """A record of a referenced kind is written as its key."""
        network = DATASET.networks.lookup("mozambique")
        assert to_data(network)["country"] == "MZ"

    def test_members_by_id(self) -> None:
        """Members are written by their ids, in order."""
        network = DATASET.networks.lookup("mozambique")
        assert to_data(network)["members"][:3] == ["rco", "fao", "iom"]

    def test_citations_as_an_object(self) -> None:
        """Citations are an object of field names and source ids."""
        network = DATASET.networks.lookup("mozambique")
        assert to_data(network)["citations"]["launched"] == ["seed-iom-mozambique-2022"]

    @pytest.mark.parametrize(
        ("span", "expected"),
        [
            (DateSpan.parse("2022-02-15"), "2022-02-15"),
            (DateSpan.parse("2021-12"), "2021-12"),
            (DateSpan.parse("2020"), "2020"),
            (
                DateSpan(dt.date(2020, 3, 5), dt.date(2021, 12, 31), is_inferred=True),
                {"earliest": "2020-03-05", "latest": "2021-12-31", "is_inferred": True},
            ),
            (
                DateSpan(dt.date(2020, 1, 1), dt.date(2020, 3, 31)),
                {"earliest": "2020-01-01", "latest": "2020-03-31", "is_inferred": False},
            ),
            (
                DateSpan.parse("2020 (inferred)"),
                {"earliest": "2020-01-01", "latest": "2020-12-31", "is_inferred": True},
            ),
        ],
        ids=str,
    )
    def test_span(self, span: DateSpan, expected: object) -> None:
        """A span is its short text where it has one, else its bounds and flag."""
        assert to_data(_network(launched=span))["launched"] == expected

    def test_enum(self) -> None:
        """An enum is its value."""
        assert to_data(_network())["level"] == "regional"

    def test_none(self) -> None:
        """None is null."""
        assert to_data(_network())["launched"] is None

    def test_dates_and_source_kind(self) -> None:
        """A date is its ISO text; a source's kind its value."""
        source = Source("s", "https://example.org/s", published=dt.date(2022, 2, 15))
        assert to_data(source) == {
            "id": "s",
            "url": "https://example.org/s",
            "title": None,
            "publisher": None,
            "published": "2022-02-15",
            "kind": SourceKind.PRIMARY.value,
        }

    def test_records_held_whole(self) -> None:
        """A record held whole (the vote) is written as an object."""
        assert to_data(DATASET.compact)["vote"] == {
            "in_favour": 152,
            "against": 5,
            "abstentions": 12,
            "non_voting": 24,
        }


class TestUpgradeToday:
    """A document of today's form is left as it is."""

    def test_bundled(self) -> None:
        """Today's document (countries in an array) is returned itself."""
        document = json.loads(WRITTEN.text)
        assert upgrade(document) is document

    def test_no_inline_country(self) -> None:
        """A document with no country written inside a record is returned itself."""
        document = {"networks": [{"id": "n", "country": None}], "compact": {"voted_against": []}}
        assert upgrade(document) is document

    def test_countries_array_wins(self) -> None:
        """A document that has a countries array is not upgraded, even with an inline country."""
        document = {"countries": [], "networks": [{"country": {"alpha2": "MZ"}}]}
        assert upgrade(document) is document

    @pytest.mark.parametrize(
        "document",
        [
            {"networks": "x"},
            {"networks": [5, {"country": "MZ"}]},
            {"compact": []},
            {"compact": {"voted_against": "x"}},
            {"compact": {"voted_against": [{"as_written": "X", "country": "CZ"}]}},
        ],
        ids=str,
    )
    def test_other_forms(self, document: dict[str, Any]) -> None:
        """What is in no earlier form is left for the converter to report."""
        assert upgrade(document) is document


class TestUpgradeRelease2:
    """Release 0.2.0 wrote each country whole inside the records that name it."""

    DOCUMENT = _release("0.2.0")
    UPGRADED = upgrade(copy.deepcopy(DOCUMENT))

    def test_not_changed_in_place(self) -> None:
        """The given document is not changed."""
        document = copy.deepcopy(self.DOCUMENT)
        upgrade(document)
        assert document == self.DOCUMENT

    def test_countries_lifted(self) -> None:
        """Every country written inline becomes one record of the countries array."""
        codes = [country["alpha2"] for country in self.UPGRADED["countries"]]
        assert len(codes) == 90

    def test_countries_in_code_order(self) -> None:
        """The countries array is in alpha-2 order, each once."""
        codes = [country["alpha2"] for country in self.UPGRADED["countries"]]
        assert codes == sorted(set(codes))

    def test_network_refers_by_code(self) -> None:
        """A network's country becomes its alpha-2 code."""
        [network] = [n for n in self.UPGRADED["networks"] if n["id"] == "mozambique"]
        assert network["country"] == "MZ"

    def test_champion_refers_by_code(self) -> None:
        """A Champion's country becomes its alpha-2 code."""
        [champion] = [c for c in self.UPGRADED["champions"] if c["id"] == "kenya"]
        assert champion["country"] == "KE"

    def test_state_refers_by_code(self) -> None:
        """A State of the vote keeps its name as written and refers to its country by code."""
        assert self.UPGRADED["compact"]["voted_against"][0] == {
            "as_written": "Czech Republic",
            "country": "CZ",
        }

    def test_country_record(self) -> None:
        """A lifted country has the inline fields, and the sources the record cites for it."""
        [country] = [c for c in self.UPGRADED["countries"] if c["alpha2"] == "MZ"]
        assert country == {
            "alpha2": "MZ",
            "alpha3": "MOZ",
            "is_code_user_assigned": False,
            "m49": 508,
            "name": "Mozambique",
            "region": "Africa",
            "sub_region": "Sub-Saharan Africa",
            "sources": ["unsd-m49"],
            "citations": {},
        }

    def test_state_country_cites_the_vote(self) -> None:
        """A State's country cites what the Compact cites for its vote lists."""
        [country] = [c for c in self.UPGRADED["countries"] if c["alpha2"] == "CZ"]
        cited = self.DOCUMENT["compact"]["citations"]
        assert country["sources"] == list(
            dict.fromkeys([*cited["voted_against"], *cited["abstained"]])
        )

    def test_loads(self) -> None:
        """The upgraded document loads, with the countries its records name."""
        dataset = umn.load_dataset(self.DOCUMENT)
        assert dataset.networks.lookup("mozambique").country is dataset.countries.lookup("MZ")


class TestUpgradeRelease1:
    """Release 0.1.0 also wrote the States of the vote as their names alone."""

    UPGRADED = upgrade(_release("0.1.0"))

    def test_countries_lifted(self) -> None:
        """The countries of the networks become the countries array."""
        assert len(self.UPGRADED["countries"]) == 27

    def test_state_as_written(self) -> None:
        """A State written as its name becomes a State with no country."""
        assert self.UPGRADED["compact"]["voted_against"][0] == {
            "as_written": "Czech Republic",
            "country": None,
        }

    def test_country_cites_the_record(self) -> None:
        """Without citations, a lifted country cites the sources of the record that names it."""
        [country] = [c for c in self.UPGRADED["countries"] if c["alpha2"] == "MZ"]
        assert country["sources"] == ["seed-iom-mozambique-2022", "unsd-m49"]


class TestUpgradeSmall:
    """Small documents of the earlier form, for the rules one at a time."""

    def test_one_country_two_records(self) -> None:
        """One country in two records is one record citing the sources of both, once each."""
        country = {"alpha2": "KE", "name": "Kenya"}
        document = {
            "networks": [{"id": "kenya", "country": country, "sources": ["a", "b"]}],
            "champions": [{"id": "kenya", "country": country, "sources": ["b", "c"]}],
        }
        assert upgrade(document)["countries"] == [
            {"alpha2": "KE", "name": "Kenya", "sources": ["a", "b", "c"], "citations": {}}
        ]

    def test_cited_country_sources(self) -> None:
        """A record that cites sources for its country gives those to the country."""
        document = {
            "networks": [
                {
                    "country": {"alpha2": "KE", "name": "Kenya"},
                    "sources": ["a", "b"],
                    "citations": {"country": ["b"]},
                }
            ]
        }
        assert upgrade(document)["countries"][0]["sources"] == ["b"]

    def test_inline_country_without_a_code(self) -> None:
        """An inline country with no alpha-2 code is left inline, for the converter to report."""
        network = {"id": "n", "country": {"name": "Kenya"}}
        assert upgrade({"networks": [network]})["networks"] == [network]

    def test_ids_of_sources_only(self) -> None:
        """Only source ids that are strings are cited; anything else is the converter's."""
        document = {"networks": [{"country": {"alpha2": "KE"}, "sources": ["a", 5]}]}
        assert upgrade(document)["countries"][0]["sources"] == ["a"]

    def test_sources_not_an_array(self) -> None:
        """A record whose sources are not an array gives its country none."""
        document = {"networks": [{"country": {"alpha2": "KE"}, "sources": "a"}]}
        assert upgrade(document)["countries"][0]["sources"] == []

    def test_state_inline(self) -> None:
        """A State with an inline country cites the Compact's sources when the vote is uncited."""
        document = {
            "compact": {
                "sources": ["vote"],
                "voted_against": [{"as_written": "Hungary", "country": {"alpha2": "HU"}}],
                "abstained": ["Algeria"],
            }
        }
        upgraded = upgrade(document)
        assert upgraded["countries"] == [{"alpha2": "HU", "sources": ["vote"], "citations": {}}]

    def test_state_without_a_code(self) -> None:
        """A State whose inline country has no code stays as written."""
        state = {"as_written": "Hungary", "country": {"name": "Hungary"}}
        document = {"compact": {"voted_against": [state, "Poland"]}}
        assert upgrade(document)["compact"]["voted_against"] == [
            state,
            {"as_written": "Poland", "country": None},
        ]

    def test_other_states_left(self) -> None:
        """A State in today's form beside an earlier one is left as it is."""
        state = {"as_written": "Hungary", "country": "HU"}
        document = {"compact": {"abstained": [state, "Poland", 5]}}
        assert upgrade(document)["compact"]["abstained"] == [
            state,
            {"as_written": "Poland", "country": None},
            5,
        ]

    def test_vote_citations_not_arrays(self) -> None:
        """Vote lists cited by no array give the country the Compact's sources."""
        document = {
            "compact": {
                "sources": ["vote"],
                "citations": {"voted_against": 5, "abstained": "x"},
                "voted_against": [{"as_written": "Hungary", "country": {"alpha2": "HU"}}],
            }
        }
        assert upgrade(document)["countries"][0]["sources"] == ["vote"]

    def test_compact_not_an_object(self) -> None:
        """A Compact that is not an object is left, when a network has an inline country."""
        document = {"networks": [{"country": {"alpha2": "KE"}}], "compact": "x"}
        assert upgrade(document)["compact"] == "x"

    def test_networks_not_an_array(self) -> None:
        """Networks that are not an array are left, when a Champion has an inline country."""
        document = {"networks": "x", "champions": [{"country": {"alpha2": "KE"}}]}
        assert upgrade(document)["networks"] == "x"
