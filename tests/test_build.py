"""Tests for `un_migration_network._build`: the bundled records, built without cattrs.

The bundle builds each record from its JSON object with `_build.build`; a user's document goes
through the cattrs converter. Both read values with the same checks (`_values`), and here the
two give equal records for the bundled document, kind by kind.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import un_migration_network as umn
from un_migration_network import (
    Agency,
    AgencyKind,
    Citation,
    DateSpan,
    Name,
    Network,
    NetworkLevel,
    Source,
    SourceKind,
)
from un_migration_network._build import build
from un_migration_network._bundle import BUNDLE
from un_migration_network._compact import Compact, State, Vote
from un_migration_network._document import to_data
from un_migration_network._kinds import KINDS, REGISTERED, Kind, kind_named
from un_migration_network._values import InvalidError

#: The bundled document read as a user's document is read: through the cattrs converter.
CONVERTED = umn.load_dataset(json.loads(umn.load().to_json()))

SOURCE = Source("s", "https://example.org/s")
UNDP = Agency(
    "undp", "UNDP", "United Nations Development Programme", AgencyKind.FUND_OR_PROGRAMME, (SOURCE,)
)
_REFERRED: dict[tuple[type, object], Any] = {(Source, "s"): SOURCE, (Agency, "undp"): UNDP}


class _Referred:
    """Resolves references to the two records above, as the bundle resolves its own."""

    def one(self, cl: type, key: object, /) -> Any:
        """The record a reference names."""
        return _REFERRED[cl, key]

    def many(self, cl: type, keys: tuple[object, ...], /) -> tuple[Any, ...]:
        """The records references name, in order."""
        return tuple(self.one(cl, key) for key in keys)

    def citation(self, field: str, sources: tuple[Source, ...], /) -> Citation:
        """A citation of *field* to *sources*."""
        return Citation(field, sources)


_resolve = _Referred()


class TestBundledRecords:
    """The bundle's records equal the converter's, for every kind of the document."""

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_kind(self, kind: Kind[Any]) -> None:
        """Every record of the kind, in the document's order, equals the converter's."""
        assert BUNDLE.records(kind) == tuple(CONVERTED.registry(kind))

    @pytest.mark.parametrize(
        "kind", [kind for kind in KINDS if kind.is_singleton], ids=lambda kind: kind.plural
    )
    def test_singleton(self, kind: Kind[Any]) -> None:
        """The Compact and the Executive Committee equal the converter's."""
        assert BUNDLE.singleton(kind) == getattr(CONVERTED, kind.plural)

    def test_dataset(self) -> None:
        """The bundled dataset equals the converted one as a whole."""
        assert umn.load() == CONVERTED

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_written_form_builds_back(self, kind: Kind[Any]) -> None:
        """Each record, written as the document writes it, builds back into an equal record."""
        records = BUNDLE.records(kind)
        assert tuple(build(kind.type, to_data(r), BUNDLE) for r in records) == records


class TestBuild:
    """One record from its JSON object."""

    def test_defaults(self) -> None:
        """A field the object leaves out keeps its default."""
        source = build(Source, {"id": "s", "url": "https://example.org/s"}, _resolve)
        assert source == Source("s", "https://example.org/s", kind=SourceKind.PRIMARY)

    def test_optional_null(self) -> None:
        """A null in an optional field is None."""
        source = build(Source, {"id": "s", "url": "https://example.org/s", "title": None}, _resolve)
        assert source.title is None

    def test_scalars_and_enums(self) -> None:
        """Texts, dates and enum values are read by their checks."""
        data = {
            "id": "s",
            "url": "https://example.org/s",
            "published": "2022-02-15",
            "kind": "secondary",
        }
        source = build(Source, data, _resolve)
        assert source == Source(
            "s", "https://example.org/s", published=dt.date(2022, 2, 15), kind=SourceKind.SECONDARY
        )

    def test_references_are_resolved(self) -> None:
        """A reference to a record of a referenced kind is what *resolve* gives for its key."""
        data = {"id": "n", "name": "N", "level": "regional", "sources": ["s"], "members": ["undp"]}
        network = build(Network, data, _resolve)
        assert network.members[0] is UNDP

    def test_citations_and_names(self) -> None:
        """Citations and names are read with their sources resolved."""
        data = {
            "id": "n",
            "name": "N",
            "level": "global",
            "sources": ["s"],
            "launched": "2018-12-09",
            "citations": {"launched": ["s"]},
            "names": [{"lang": "fr", "field": "name", "text": "Réseau", "sources": ["s"]}],
        }
        network = build(Network, data, _resolve)
        assert network == Network(
            "n",
            "N",
            NetworkLevel.GLOBAL,
            (SOURCE,),
            launched=DateSpan.parse("2018-12-09"),
            names=(Name("fr", "name", "Réseau", (SOURCE,)),),
            citations=(Citation("launched", (SOURCE,)),),
        )

    def test_records_inside_records(self) -> None:
        """A record held whole (a vote, a State) is built from its own object."""
        compact = BUNDLE.singleton(kind_named("compact"))
        data = to_data(compact)
        data["voted_against"] = [{"as_written": "Hungary", "country": None}]
        built: Compact = build(Compact, data, BUNDLE)
        assert built.voted_against == (State("Hungary"),)

    def test_vote(self) -> None:
        """A record of plain values is built as its class."""
        data = {"in_favour": 152, "against": 5, "abstentions": 12, "non_voting": 24}
        assert build(Vote, data, _resolve) == Vote(152, 5, 12, 24)


class TestBuildErrors:
    """A value that does not fit is refused by its check (the bundled data never has one)."""

    def test_not_an_object(self) -> None:
        """A record's value that is not an object is the wrong type."""
        with pytest.raises(InvalidError) as caught:
            build(Source, ["s"], _resolve)
        assert caught.value.problems == (("", "expected an object, got an array", "wrong-type"),)

    @pytest.mark.parametrize(
        ("data", "code"),
        [
            ({"id": "", "url": "https://example.org/s"}, "bad-text"),
            ({"id": "s", "url": 5}, "wrong-type"),
            ({"id": "s", "url": "https://example.org/s", "published": "2022-02"}, "bad-date"),
            ({"id": "s", "url": "https://example.org/s", "kind": "tertiary"}, "bad-value"),
        ],
        ids=["blank-id", "url-number", "published-month", "kind"],
    )
    def test_bad_value(self, data: dict[str, object], code: str) -> None:
        """A text, a type, a date or an enum value that does not fit, with its code."""
        with pytest.raises(InvalidError) as caught:
            build(Source, data, _resolve)
        assert caught.value.code == code

    def test_bad_element(self) -> None:
        """An element of an array that does not fit is reported at its index."""
        data = {"id": "a", "acronym": "A", "name": "A", "kind": "other entity", "sources": ["s"]}
        with pytest.raises(InvalidError) as caught:
            build(Agency, {**data, "aliases": ["ok", 7]}, _resolve)
        assert caught.value.problems == (("[1]", "expected a string, got a number", "wrong-type"),)

    def test_references_not_in_an_array(self) -> None:
        """References where an array belongs are the wrong type, not a string of keys."""
        data = {"id": "a", "acronym": "A", "name": "A", "kind": "other entity", "sources": "s"}
        with pytest.raises(InvalidError) as caught:
            build(Agency, data, _resolve)
        assert caught.value.problems == (("", "expected an array, got a string", "wrong-type"),)

    def test_unknown_reference(self) -> None:
        """A key that *resolve* does not know is its error, not the builder's."""
        data = {"id": "n", "name": "N", "level": "global", "sources": ["nowhere"]}
        with pytest.raises(KeyError):
            build(Network, data, _resolve)
