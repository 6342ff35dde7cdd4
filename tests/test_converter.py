"""Tests for `un_migration_network._converter`: every kind of problem, with its code and path.

The table below is the corpus of broken documents: one small change to the bundled
document per kind of problem, and the exact problems it must produce.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

import un_migration_network as umn
from changes import Change, Document, append_copy, delete_at, set_at
from un_migration_network._converter import unstructure_record


def _problems(document: Document) -> list[tuple[str, str]]:
    with pytest.raises(umn.DataError) as caught:
        umn.load_dataset(document)
    return [(problem.code, problem.path) for problem in caught.value.problems]


# networks[3] is the Arab region, networks[16] Mozambique, agencies[3] UN-Habitat.
BROKEN: list[tuple[str, Change, list[tuple[str, str]]]] = [
    ("unknown-key-top", set_at(("colour",), "blue"), [("unknown-key", "$.colour")]),
    (
        "unknown-key-network",
        set_at(("networks", 3, "colour"), 1),
        [("unknown-key", "$.networks[3]")],
    ),
    ("unknown-key-source", set_at(("sources", 0, "colour"), 1), [("unknown-key", "$.sources[0]")]),
    (
        "unknown-key-agency",
        set_at(("agencies", 0, "colour"), 1),
        [("unknown-key", "$.agencies[0]")],
    ),
    (
        "unknown-key-deep",
        set_at(("compact", "vote", "colour"), 1),
        [("unknown-key", "$.compact.vote")],
    ),
    (
        "unknown-key-span",
        set_at(
            ("networks", 1, "launched"), {"earliest": "2020-01-01", "latest": "2020-01-02", "x": 1}
        ),
        [("unknown-key", "$.networks[1].launched")],
    ),
    ("missing-key-top", delete_at(("compact",)), [("missing-key", "$")]),
    (
        "missing-key-network",
        delete_at(("networks", 3, "name")),
        [("missing-key", "$.networks[3].name")],
    ),
    ("missing-key-source", delete_at(("sources", 0, "url")), [("missing-key", "$.sources[0].url")]),
    (
        "missing-key-span",
        set_at(("networks", 1, "launched"), {"earliest": "2020-01-01"}),
        [("missing-key", "$.networks[1].launched.latest")],
    ),
    (
        "wrong-type-str-for-int",
        set_at(("networks", 0, "declared_member_count"), "38"),
        [("wrong-type", "$.networks[0].declared_member_count")],
    ),
    (
        "wrong-type-bool-for-int",
        set_at(("compact", "vote", "in_favour"), value=True),
        [("wrong-type", "$.compact.vote.in_favour")],
    ),
    (
        "wrong-type-float-for-int",
        set_at(("compact", "vote", "in_favour"), 152.0),
        [("wrong-type", "$.compact.vote.in_favour")],
    ),
    (
        "wrong-type-int-for-str",
        set_at(("agencies", 0, "name"), 5),
        [("wrong-type", "$.agencies[0].name")],
    ),
    (
        "wrong-type-int-for-bool",
        set_at(("networks", 0, "is_membership_complete"), 0),
        [("wrong-type", "$.networks[0].is_membership_complete")],
    ),
    (
        "wrong-type-str-for-array",
        set_at(("networks", 0, "members"), "iom"),
        [("wrong-type", "$.networks[0].members")],
    ),
    ("wrong-type-object-for-array", set_at(("networks",), {}), [("wrong-type", "$.networks")]),
    ("wrong-type-array-for-object", set_at(("compact",), []), [("wrong-type", "$.compact")]),
    ("wrong-type-record", set_at(("networks", 2), "europe"), [("wrong-type", "$.networks[2]")]),
    (
        "wrong-type-span",
        set_at(("networks", 1, "launched"), 2020),
        [("wrong-type", "$.networks[1].launched")],
    ),
    (
        "wrong-type-reference",
        set_at(("networks", 0, "members", 1), 7),
        [("wrong-type", "$.networks[0].members[1]")],
    ),
    ("bad-date-as-of", set_at(("as_of",), "2022-02-30"), [("bad-date", "$.as_of")]),
    (
        "bad-date-span",
        set_at(("networks", 16, "launched"), "2022-02-30"),
        [("bad-date", "$.networks[16].launched")],
    ),
    (
        "bad-date-month-for-day",
        set_at(("compact", "adopted"), "2018-12"),
        [("bad-date", "$.compact.adopted")],
    ),
    (
        "bad-date-not-a-day",
        set_at(("compact", "adopted"), "2018-02-30"),
        [("bad-date", "$.compact.adopted")],
    ),
    ("bad-date-null", set_at(("compact", "endorsed"), None), [("bad-date", "$.compact.endorsed")]),
    (
        "bad-value-level",
        set_at(("networks", 0, "level"), "planetary"),
        [("bad-value", "$.networks[0].level")],
    ),
    (
        "bad-value-kind",
        set_at(("agencies", 0, "kind"), "Fund or Programme"),
        [("bad-value", "$.agencies[0].kind")],
    ),
    ("bad-value-null", set_at(("events", 0, "kind"), None), [("bad-value", "$.events[0].kind")]),
    (
        "dangling-member",
        set_at(("networks", 16, "members", 2), "nobody"),
        [("dangling-reference", "$.networks[16].members[2]")],
    ),
    (
        "dangling-coordinator",
        set_at(("executive_committee", "coordinator"), "nobody"),
        [("dangling-reference", "$.executive_committee.coordinator")],
    ),
    (
        "dangling-source",
        set_at(("agencies", 0, "sources", 0), "nowhere"),
        [("dangling-reference", "$.agencies[0].sources[0]")],
    ),
    (
        "dangling-source-deep",
        set_at(("compact", "review_forum", "editions", 0, "sources", 0), "no"),
        [("dangling-reference", "$.compact.review_forum.editions[0].sources[0]")],
    ),
    ("duplicate-id-agency", append_copy("agencies", 0), [("duplicate-id", "$.agencies[49].id")]),
    ("duplicate-id-source", append_copy("sources", 0), [("duplicate-id", "$.sources[173].id")]),
    (
        "duplicate-key-alias",
        set_at(("agencies", 1, "aliases"), ["U.N.D.P."]),
        [("duplicate-key", "$.agencies[1]")],
    ),
    (
        "duplicate-key-country",
        set_at(("networks", 6, "country", "alpha2"), "MZ"),
        [("duplicate-key", "$.networks[16]")],
    ),
    (
        "duplicate-key-source-url",
        append_copy("sources", 0, id="another"),
        [("duplicate-key", "$.sources[173]")],
    ),
    (
        "duplicate-key-objective",
        set_at(("objectives", 1, "short_label"), "DATA"),
        [("duplicate-key", "$.objectives[1]")],
    ),
]


class TestBrokenDocuments:
    """Each kind of problem is reported with its code and JSON path."""

    @pytest.mark.parametrize(
        ("change", "expected"),
        [(change, expected) for _, change, expected in BROKEN],
        ids=[name for name, _, _ in BROKEN],
    )
    def test_problem(
        self, document: Document, change: Change, expected: list[tuple[str, str]]
    ) -> None:
        """The one change gives exactly the problems listed."""
        change(document)
        assert _problems(document) == expected

    def test_table_covers_every_code(self) -> None:
        """The corpus has a case for every code the converter and registries produce."""
        codes = {code for _, _, expected in BROKEN for code, _ in expected}
        assert codes == {
            "unknown-key",
            "missing-key",
            "wrong-type",
            "bad-date",
            "bad-value",
            "dangling-reference",
            "duplicate-id",
            "duplicate-key",
        }

    def test_duplicate_key_names_both_records(self, document: Document) -> None:
        """An alias that names two agencies names both places in its message."""
        document["agencies"][1]["aliases"] = ["UNDP"]
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(document)
        [problem] = caught.value.problems
        assert (problem.path, "$.agencies[0]" in problem.message) == ("$.agencies[1]", True)

    def test_all_problems_at_once(self, document: Document) -> None:
        """Several problems in one document are all reported in one DataError."""
        for _, change, _ in (
            BROKEN[0],
            BROKEN[1],
            BROKEN[8],
            BROKEN[13],
            BROKEN[22],
            BROKEN[26],
            BROKEN[29],
            BROKEN[31],
        ):
            change(document)
        assert sorted(_problems(document)) == sorted(
            [
                ("unknown-key", "$.colour"),
                ("unknown-key", "$.networks[3]"),
                ("missing-key", "$.sources[0].url"),
                ("wrong-type", "$.agencies[0].name"),
                ("bad-date", "$.networks[16].launched"),
                ("bad-value", "$.networks[0].level"),
                ("dangling-reference", "$.networks[16].members[2]"),
                ("dangling-reference", "$.agencies[0].sources[0]"),
            ]
        )

    def test_many_problems_in_one_array(self, document: Document) -> None:
        """Problems in several elements of one array are each reported."""
        document["networks"][1]["level"] = "x"
        document["networks"][2]["level"] = "y"
        document["networks"][2]["name"] = None
        assert _problems(document) == [
            ("bad-value", "$.networks[1].level"),
            ("wrong-type", "$.networks[2].name"),
            ("bad-value", "$.networks[2].level"),
        ]

    def test_failed_agency_is_reported_once(self, document: Document) -> None:
        """References to an agency that failed to load do not each add a problem."""
        document["agencies"][3]["kind"] = "bad"
        assert _problems(document) == [("bad-value", "$.agencies[3].kind")]

    def test_failed_source_is_reported_once(self, document: Document) -> None:
        """References to a source that failed to load do not each add a problem."""
        document["sources"][0]["kind"] = "tertiary"
        assert _problems(document) == [("bad-value", "$.sources[0].kind")]

    def test_keys_of_mixed_types(self, document: Document) -> None:
        """Unknown keys that are not all strings are reported, not a TypeError."""
        document["agencies"][0][1] = "x"
        document["agencies"][0]["y"] = "z"
        assert _problems(document) == [("unknown-key", "$.agencies[0]")]

    def test_non_string_key_at_top(self, document: Document) -> None:
        """An unknown key that is not a string is reported at the root."""
        document[1] = "x"  # type: ignore[index]
        assert _problems(document) == [("unknown-key", "$")]

    def test_origin_is_none_for_mappings(self, document: Document) -> None:
        """A mapping has no file name, so the message starts with the count."""
        document["colour"] = 1
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(document)
        assert (caught.value.origin, str(caught.value).splitlines()[0]) == (
            None,
            "1 problem in the data",
        )


class TestOptionalParts:
    """events and observations may be left out."""

    def test_without_events_and_observations(self, document: Document) -> None:
        """A document without them loads with none."""
        del document["events"], document["observations"]
        mine = umn.load_dataset(document)
        assert (mine.events, mine.observations) == ((), ())

    def test_span_object(self, document: Document) -> None:
        """A span may be written as an object with earliest, latest and is_inferred."""
        document["networks"][1]["launched"] = {"earliest": "2020-01-01", "latest": "2020-03-31"}
        launched = umn.load_dataset(document).networks.lookup("asia-pacific").launched
        assert launched == umn.DateSpan(dt.date(2020, 1, 1), dt.date(2020, 3, 31))


class TestUnstructure:
    """Records turn back into the document's JSON form."""

    @pytest.mark.parametrize(
        ("key", "index"),
        [
            ("sources", 0),
            ("agencies", 3),
            ("networks", 0),
            ("networks", 16),
            ("objectives", 12),
            ("principles", 0),
            ("events", 4),
            ("observations", 0),
        ],
    )
    def test_record(self, dataset: umn.Dataset, document: Document, key: str, index: int) -> None:
        """unstructure_record gives the record as the document writes it, references as ids."""
        records: dict[str, tuple[object, ...]] = {
            "sources": tuple(dataset.sources),
            "agencies": tuple(dataset.agencies),
            "networks": tuple(dataset.networks),
            "objectives": tuple(dataset.objectives),
            "principles": tuple(dataset.principles),
            "events": dataset.events,
            "observations": dataset.observations,
        }
        assert unstructure_record(records[key][index]) == document[key][index]

    def test_committee_and_compact(self, dataset: umn.Dataset, document: Document) -> None:
        """The committee and the compact unstructure to their parts of the document."""
        assert (
            unstructure_record(dataset.executive_committee),
            unstructure_record(dataset.compact),
        ) == (document["executive_committee"], document["compact"])


class _FailingMapping(Mapping[str, Any]):
    """A user's mapping that raises *error* when the field *broken* is read."""

    def __init__(self, data: dict[str, Any], broken: str, error: BaseException) -> None:
        self._data = data
        self._broken = broken
        self._error = error

    def __getitem__(self, key: str) -> Any:
        if key == self._broken:
            raise self._error
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class TestFailingMappings:
    """A mapping that fails while it is read still gives DataError with the path."""

    @pytest.mark.parametrize(
        ("error", "code"),
        [(RuntimeError("database gone"), "invalid-value"), (RecursionError(), "too-deep")],
    )
    def test_field_read_fails(self, document: Document, error: BaseException, code: str) -> None:
        """A field that cannot be read is a problem at that field."""
        document["agencies"][3] = _FailingMapping(document["agencies"][3], "name", error)
        assert _problems(document) == [(code, "$.agencies[3].name")]

    def test_document_read_fails_deeply(self, document: Document) -> None:
        """A document whose top level recurses too deeply to read is one too-deep problem."""
        failing = _FailingMapping(document, "sources", RecursionError())
        assert _problems(failing) == [("too-deep", "$")]  # type: ignore[arg-type]
