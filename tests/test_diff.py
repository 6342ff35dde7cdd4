"""Tests for `un_migration_network._diff`: what changed between two datasets, field by field.

Records are matched by kind and primary key; a change reads as the document would show it. The
release 0.2.0 document kept in tests/data is the previous release: the diff against it lists
what this release adds and corrects.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, assert_type

import pytest

import un_migration_network as umn
from changes import ID, Document, append_copy, combine, delete_at, set_at
from changes import Change as DocumentChange
from un_migration_network import Change, DatasetDiff

BUNDLED = umn.load()
#: The bundled data's date, as documents write it.
AS_OF = BUNDLED.as_of.isoformat()
RELEASE_2 = umn.load_dataset(Path(__file__).parent / "data" / "release-0.2.0.json")
SINCE_RELEASE_2 = RELEASE_2.diff(BUNDLED)
MOZ = ("networks", ID("mozambique"))


# A copy of UNDP under another id, acronym and name: a record added.
_ANOTHER_AGENCY = append_copy(
    "agencies", ID("undp"), id="undp-2", acronym="UNDP2", name="Another", aliases=[], names=[]
)


def _edited(document: Document, change: DocumentChange) -> DatasetDiff:
    """The diff from the bundled data to the bundled document with *change* made."""
    change(document)
    return BUNDLED.diff(umn.load_dataset(document))


def _keys(diff: DatasetDiff, kind: str, what: str) -> list[str]:
    return sorted({c.key for c in diff.changes if c.kind == kind and c.what == what})


class TestNoChange:
    """Two datasets of the same records: no change."""

    def test_type(self) -> None:
        """Dataset.diff gives a DatasetDiff."""
        assert_type(BUNDLED.diff(BUNDLED), DatasetDiff)

    def test_falsy(self) -> None:
        """The diff of a dataset with itself is falsy."""
        assert not BUNDLED.diff(BUNDLED)

    def test_falsy_for_a_copy(self, document: Document) -> None:
        """The diff with the same document read as a user's is falsy."""
        assert not BUNDLED.diff(umn.load_dataset(document))

    def test_str(self) -> None:
        """It says there is no change, and the data's date."""
        assert str(BUNDLED.diff(BUNDLED)) == f"no change (data as of {AS_OF} on both sides)"

    def test_str_of_a_diff_between_dates(self) -> None:
        """A diff without changes between two dates does not name one date for both."""
        diff = DatasetDiff("2026-01-01", "2026-02-01", ())
        assert str(diff) == "no change (data as of … on both sides)"

    def test_to_dict(self) -> None:
        """Its JSON form has both dates and no change."""
        assert BUNDLED.diff(BUNDLED).to_dict() == {
            "old_as_of": AS_OF,
            "new_as_of": AS_OF,
            "changes": [],
        }

    def test_summary(self) -> None:
        """The summary has no line."""
        assert BUNDLED.diff(BUNDLED).summary() == ""


class TestEditedCopy:
    """An edited copy of the bundled document: each change by kind, key and field."""

    def test_a_field_changed(self, document: Document) -> None:
        """A launch known to the month: one change, old -> new as the document writes them."""
        diff = _edited(document, set_at((*MOZ, "launched"), "2022-02"))
        assert diff.changes == (
            Change("networks", "mozambique", "launched", "2022-02-15", "2022-02"),
        )

    def test_a_field_changed_str(self, document: Document) -> None:
        """The change reads as kind, key and field: old -> new."""
        diff = _edited(document, set_at((*MOZ, "launched"), "2022-02"))
        assert str(diff).splitlines() == [
            f"data as of {AS_OF} -> {AS_OF}",
            "networks: 1 changed",
            '~ networks mozambique launched: "2022-02-15" -> "2022-02"',
        ]

    def test_truthy(self, document: Document) -> None:
        """A diff with a change is truthy."""
        assert _edited(document, set_at((*MOZ, "declared_member_count"), 13))

    def test_a_reference_by_key(self, document: Document) -> None:
        """A member removed shows the member list by ids."""
        diff = _edited(document, set_at((*MOZ, "members"), ["iom"]))
        [change] = diff.changes
        assert change.new == ["iom"]

    def test_a_record_added(self, document: Document) -> None:
        """A record added is one change, with its whole written form as the new value."""
        diff = _edited(document, _ANOTHER_AGENCY)
        [change] = diff.changes
        assert (change.kind, change.key, change.field, change.what) == (
            "agencies",
            "undp-2",
            None,
            "added",
        )
        assert change.old is None

    def test_a_record_added_str(self, document: Document) -> None:
        """An added record reads as + kind key."""
        diff = _edited(document, _ANOTHER_AGENCY)
        assert str(diff.changes[0]) == "+ agencies undp-2"

    def test_a_record_removed(self, document: Document) -> None:
        """A record removed is one change, with its whole written form as the old value."""
        diff = _edited(document, delete_at(("events", ID("mozambique-kick-off-meeting"))))
        [change] = diff.removed
        assert str(change) == "- events mozambique-kick-off-meeting"
        assert change.old["date"] == "2022-02-16"
        assert change.new is None

    def test_the_data_date(self, document: Document) -> None:
        """A new as-of date is a change of the data itself."""
        diff = _edited(document, set_at(("as_of",), "2026-12-31"))
        assert diff.changes == (Change("as_of", "data", "as_of", AS_OF, "2026-12-31"),)

    def test_the_compact(self, document: Document) -> None:
        """A field of the Compact, one record of its own, is a change of it."""
        diff = _edited(document, set_at(("compact", "adopted_at"), "Marrakesh"))
        assert diff.changes == (
            Change("compact", "compact", "adopted_at", "Marrakech, Morocco", "Marrakesh"),
        )

    def test_a_country(self, document: Document) -> None:
        """A country is matched by its alpha-2 code."""
        diff = _edited(document, set_at(("countries", ID("MZ"), "aliases"), ["Moçambique"]))
        assert diff.changes == (Change("countries", "MZ", "aliases", [], ["Moçambique"]),)

    def test_several_changes_in_table_order(self, document: Document) -> None:
        """Changes come kind by kind, in the order a document is read."""
        change = combine(
            set_at((*MOZ, "declared_member_count"), 12),
            set_at(("countries", ID("MZ"), "aliases"), ["Moçambique"]),
            set_at(("sources", ID("seed-iom-mozambique-2022"), "title"), "Launched"),
        )
        diff = _edited(document, change)
        assert [c.kind for c in diff.changes] == ["sources", "countries", "networks"]

    def test_parts(self, document: Document) -> None:
        """added, removed and changed split the changes by what happened."""
        change = combine(
            set_at((*MOZ, "declared_member_count"), 12),
            delete_at(("events", ID("mozambique-kick-off-meeting"))),
            append_copy(
                "observations", ID("member-entities-2024-10-04"), id="members-40", value=40
            ),
        )
        diff = _edited(document, change)
        assert [c.key for c in diff.added] == ["members-40"]
        assert [c.key for c in diff.removed] == ["mozambique-kick-off-meeting"]
        assert [c.key for c in diff.changed] == ["mozambique"]

    def test_summary(self, document: Document) -> None:
        """One line per kind, counting records added, removed and changed."""
        change = combine(
            set_at((*MOZ, "declared_member_count"), 12),
            set_at((*MOZ, "launched"), "2022-02"),
            append_copy("events", ID("mozambique-kick-off-meeting"), id="kick-off-2"),
            delete_at(("events", ID("mozambique-kick-off-meeting"))),
        )
        diff = _edited(document, change)
        assert diff.summary().splitlines() == [
            "networks: 1 changed",
            "events: 1 added, 1 removed",
        ]

    def test_long_values_shortened(self, document: Document) -> None:
        """A value longer than 60 characters is cut in the text, with an ellipsis."""
        diff = _edited(
            document, set_at(("sources", ID("seed-iom-mozambique-2022"), "title"), "x" * 100)
        )
        line = str(diff.changes[0])
        assert line.endswith(f'-> "{"x" * 58}…')

    def test_long_values_whole_in_json(self, document: Document) -> None:
        """The JSON form keeps the whole value."""
        diff = _edited(
            document, set_at(("sources", ID("seed-iom-mozambique-2022"), "title"), "x" * 100)
        )
        assert diff.to_dict()["changes"][0]["new"] == "x" * 100

    def test_to_dict(self, document: Document) -> None:
        """The JSON form lists each change with what happened."""
        diff = _edited(document, set_at((*MOZ, "launched"), "2022-02"))
        assert diff.to_dict() == {
            "old_as_of": AS_OF,
            "new_as_of": AS_OF,
            "changes": [
                {
                    "what": "changed",
                    "kind": "networks",
                    "key": "mozambique",
                    "field": "launched",
                    "old": "2022-02-15",
                    "new": "2022-02",
                }
            ],
        }

    def test_to_dict_is_json(self, document: Document) -> None:
        """The JSON form of a record added encodes as JSON."""
        diff = _edited(document, delete_at(("events", ID("mozambique-kick-off-meeting"))))
        assert json.loads(json.dumps(diff.to_dict())) == diff.to_dict()

    def test_both_ways(self, document: Document) -> None:
        """The diff the other way round swaps old and new."""
        set_at((*MOZ, "launched"), "2022-02")(document)
        edited = umn.load_dataset(document)
        assert edited.diff(BUNDLED).changes == (
            Change("networks", "mozambique", "launched", "2022-02", "2022-02-15"),
        )


class TestChange:
    """One change."""

    @pytest.mark.parametrize(
        ("change", "what"),
        [
            (Change("networks", "n", None, None, {"id": "n"}), "added"),
            (Change("networks", "n", None, {"id": "n"}, None), "removed"),
            (Change("networks", "n", "name", "A", "B"), "changed"),
            (Change("networks", "n", "launched", None, "2020"), "changed"),
        ],
        ids=["added", "removed", "changed", "set"],
    )
    def test_what(self, change: Change, what: str) -> None:
        """Added, removed or changed, by the field and the values."""
        assert change.what == what

    def test_str_of_null(self) -> None:
        """A value set where there was none reads as null -> the value."""
        assert str(Change("networks", "n", "launched", None, "2020")) == (
            '~ networks n launched: null -> "2020"'
        )


class TestSinceRelease2:
    """The bundled data against the document of release 0.2.0: this release's changes."""

    def test_truthy(self) -> None:
        """The data changed since release 0.2.0."""
        assert SINCE_RELEASE_2

    def test_countries_added(self) -> None:
        """Every country of M49 that release 0.2.0 did not name is added."""
        added = _keys(SINCE_RELEASE_2, "countries", "added")
        assert len(added) == len(BUNDLED.countries) - len(RELEASE_2.countries)

    def test_guatemala_added(self) -> None:
        """Guatemala, named by no record of release 0.2.0, is a country now."""
        assert "GT" in _keys(SINCE_RELEASE_2, "countries", "added")

    def test_no_network_added_or_removed(self) -> None:
        """The second addendum found no further country network."""
        assert (
            _keys(SINCE_RELEASE_2, "networks", "added")
            + _keys(SINCE_RELEASE_2, "networks", "removed")
            == []
        )

    @pytest.mark.parametrize(
        ("key", "field", "old", "new"),
        [
            # Pakistan's IOM is the secretariat, not a member (E008, E909).
            ("pakistan", "members", ["iom"], []),
            # IOM co-chairs Uzbekistan's network (network.md, section 5b).
            ("uzbekistan", "co_chairs", [], ["iom"]),
            # Kenya's network existed by 27 May 2021 (F011).
            ("kenya", "first_evidenced", "2024-08", "2021-05-27"),
        ],
    )
    def test_corrections(self, key: str, field: str, old: Any, new: Any) -> None:
        """The audit's corrections and the addendum's facts, field by field."""
        assert Change("networks", key, field, old, new) in SINCE_RELEASE_2.changes

    def test_unitar_and_unu_removed_from_the_global_network(self) -> None:
        """UNITAR and UNU are no longer listed as members (E264, E265)."""
        [change] = [c for c in SINCE_RELEASE_2.changes if (c.key, c.field) == ("global", "members")]
        assert sorted(set(change.old) - set(change.new)) == ["unitar", "unu"]

    def test_progress_declaration_added(self) -> None:
        """The Progress Declaration's endorsement is a new event (F001)."""
        assert "gcm-progress-declaration-endorsed" in _keys(SINCE_RELEASE_2, "events", "added")

    def test_copies_of_documents_removed(self) -> None:
        """Copies of UN documents that no record needs any more are gone."""
        assert "vlex-a-res-73-195" in _keys(SINCE_RELEASE_2, "sources", "removed")

    def test_the_compact_cites_its_document(self) -> None:
        """Objective 1 now cites A/RES/73/195 itself."""
        [change] = [
            c
            for c in SINCE_RELEASE_2.changes
            if (c.kind, c.key, c.field) == ("objectives", "1", "sources")
        ]
        assert "a-res-73-195" in set(change.new) - set(change.old)

    def test_summary_names_every_kind_changed(self) -> None:
        """The summary has a line for each kind that changed."""
        kinds = [line.split(":")[0] for line in SINCE_RELEASE_2.summary().splitlines()]
        assert kinds == [
            "sources",
            "countries",
            "agencies",
            "networks",
            "champions",
            "objectives",
            "principles",
            "events",
            "observations",
            "compact",
        ]

    def test_str_lists_every_change(self) -> None:
        """The text has the dates, the summary, and one line per change."""
        lines = str(SINCE_RELEASE_2).splitlines()
        summary = SINCE_RELEASE_2.summary().splitlines()
        assert len(lines) == 1 + len(summary) + len(SINCE_RELEASE_2.changes)
