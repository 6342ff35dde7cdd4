"""Tests for `un_migration_network._kind` and `_kinds`: every kind of record, described once.

The tests walk the table: a new kind is checked by every test here without new test code.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any

import attrs
import pytest

import un_migration_network as umn
from un_migration_network import DateSpan
from un_migration_network._kind import Kind, attribute, kind_of
from un_migration_network._kinds import KINDS, REGISTERED, kind_named

_IDS = [kind.plural for kind in KINDS]


def _records(kind: Kind[Any]) -> list[Any]:
    """Every bundled record of *kind* (the one record of a singleton)."""
    dataset = umn.load()
    if kind.is_singleton:
        return [getattr(dataset, kind.plural)]
    return list(dataset.registry(kind))


def _referenced(tp: Any) -> set[str]:
    """The plurals of the kinds a field of type *tp* refers to."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (types.UnionType, tuple):
        return set().union(*(_referenced(arg) for arg in args if arg is not Ellipsis))
    kind = kind_of(tp) if isinstance(tp, type) else None
    return {kind.plural} if kind is not None else set()


def _refers_to(kind: Kind[Any]) -> set[str]:
    """The plurals of the kinds whose records *kind*'s records hold, at any depth of fields."""
    found: set[str] = set()
    pending: list[type] = [kind.type]
    seen: set[type] = set()
    while pending:
        cl = pending.pop()
        if cl in seen:
            continue
        seen.add(cl)
        for name, tp in typing.get_type_hints(cl).items():
            if name.startswith("_"):
                continue
            found |= _referenced(tp)
            for arg in (tp, *typing.get_args(tp)):
                inner = typing.get_args(arg) or (arg,)
                pending.extend(c for c in inner if attrs.has(c) and kind_of(c) is None)
    return found - {kind.plural}


class TestTable:
    """KINDS lists every kind once, in the order a document is read."""

    def test_plurals_are_unique(self) -> None:
        """Each plural (the document's key, the Dataset attribute) names one kind."""
        assert len(set(_IDS)) == len(_IDS)

    def test_names_are_unique(self) -> None:
        """Each singular name names one kind."""
        names = [kind.name for kind in KINDS]
        assert len(set(names)) == len(names)

    def test_types_are_unique(self) -> None:
        """Each record class is one kind's."""
        classes = [kind.type for kind in KINDS]
        assert len(set(classes)) == len(classes)

    def test_the_kinds(self) -> None:
        """The kinds of the third release, in the order a document is read."""
        assert _IDS == [
            "sources",
            "countries",
            "agencies",
            "networks",
            "champions",
            "objectives",
            "principles",
            "events",
            "observations",
            "executive_committee",
            "compact",
        ]

    def test_registered(self) -> None:
        """The registered kinds are those a document holds as arrays, in the table's order."""
        registered = REGISTERED
        assert registered == tuple(kind for kind in KINDS if not kind.is_singleton)
        assert [kind.plural for kind in KINDS if kind.is_singleton] == [
            "executive_committee",
            "compact",
        ]

    @pytest.mark.parametrize("kind", KINDS, ids=_IDS)
    def test_referred_kinds_come_first(self, kind: Kind[Any]) -> None:
        """A kind comes after every kind its records refer to."""
        before = set(_IDS[: _IDS.index(kind.plural)])
        assert _refers_to(kind) <= before

    def test_referenced_kinds(self) -> None:
        """The kinds records refer to by key are exactly those that say so."""
        referenced = set().union(*(_refers_to(kind) for kind in KINDS))
        assert referenced == {kind.plural for kind in KINDS if kind.is_referenced}

    @pytest.mark.parametrize("kind", KINDS, ids=_IDS)
    def test_primary_is_a_field(self, kind: Kind[Any]) -> None:
        """The primary key is a field of the record class."""
        assert kind.primary in attrs.fields_dict(kind.type)

    @pytest.mark.parametrize("kind", KINDS, ids=_IDS)
    def test_label(self, kind: Kind[Any]) -> None:
        """Every kind has words for its plural."""
        assert kind.label

    def test_ranks(self) -> None:
        """Networks before Champions before countries; the other kinds share the first rank."""
        ranks = {kind.plural: kind.rank for kind in KINDS}
        assert ranks["networks"] < ranks["champions"] < ranks["countries"]
        assert ranks["agencies"] == ranks["networks"]


class TestLookupByName:
    """kind_named and kind_of find a kind by its plural and by its class."""

    @pytest.mark.parametrize("kind", KINDS, ids=_IDS)
    def test_kind_named(self, kind: Kind[Any]) -> None:
        """A kind is found by its plural."""
        assert kind_named(kind.plural) is kind

    def test_kind_named_unknown(self) -> None:
        """A plural that is no kind's is a KeyError."""
        with pytest.raises(KeyError):
            kind_named("planets")

    @pytest.mark.parametrize("kind", KINDS, ids=_IDS)
    def test_kind_of(self, kind: Kind[Any]) -> None:
        """A kind is found by its record class: kind_of round-trips."""
        assert kind_of(kind.type) is kind

    @pytest.mark.parametrize("cl", [DateSpan, umn.Name, umn.Citation, umn.State, str, int])
    def test_kind_of_a_class_of_no_kind(self, cl: type) -> None:
        """A class that is no kind's has none."""
        assert kind_of(cl) is None

    def test_registry_kind(self) -> None:
        """A registry's kind is the kind's singular name."""
        for kind in REGISTERED:
            assert umn.load().registry(kind).kind == kind.name


class TestKeys:
    """A kind's keys of every record are text, whole numbers or None."""

    @pytest.mark.parametrize("kind", KINDS, ids=_IDS)
    def test_key_types(self, kind: Kind[Any]) -> None:
        """Every key of every bundled record is a str, an int (no bool) or None."""
        for found in _records(kind):
            for key in kind.keys(found):
                assert key is None or isinstance(key, str | int), (found, key)
                assert not isinstance(key, bool), (found, key)

    @pytest.mark.parametrize("kind", KINDS, ids=_IDS)
    def test_primary_key_as_text(self, kind: Kind[Any]) -> None:
        """key() is the primary key as text."""
        for found in _records(kind):
            assert kind.key(found) == str(getattr(found, kind.primary))

    @pytest.mark.parametrize("kind", REGISTERED, ids=[kind.plural for kind in REGISTERED])
    def test_primary_keys_are_unique(self, kind: Kind[Any]) -> None:
        """No two records of a kind share a primary key."""
        keys = [kind.key(found) for found in _records(kind)]
        assert len(set(keys)) == len(keys)

    def test_committee_has_no_keys(self) -> None:
        """The Committee is named by words, not keys (see `Dataset.lookup`)."""
        assert tuple(kind_named("executive_committee").keys(umn.executive_committee)) == ()

    def test_compact_keys(self) -> None:
        """The Compact is named by its acronym, its name and its names in other languages."""
        keys = tuple(kind_named("compact").keys(umn.compact))
        assert keys[:2] == ("GCM", "Global Compact for Safe, Orderly and Regular Migration")
        assert "Pacte mondial pour des migrations sûres, ordonnées et régulières" in keys

    def test_number_key(self) -> None:
        """An objective's number is an int key; its primary key as text is its digits."""
        objectives = kind_named("objectives")
        thirteen = umn.objectives.lookup(13)
        assert next(iter(objectives.keys(thirteen))) == 13
        assert objectives.key(thirteen) == "13"


class TestOrder:
    """Each kind's order is the bundled document's."""

    @pytest.mark.parametrize("kind", REGISTERED, ids=[kind.plural for kind in REGISTERED])
    def test_bundled_order(self, kind: Kind[Any]) -> None:
        """The bundled records are in their kind's order."""
        records = _records(kind)
        assert records == sorted(records, key=kind.order)

    def test_networks_by_level(self) -> None:
        """The global Network first, then continental, regional and country networks."""
        levels = [network.level for network in umn.networks]
        assert levels == sorted(levels, key=list(umn.NetworkLevel).index)


class TestSubjects:
    """The ids validation reports records under."""

    @pytest.mark.parametrize("kind", KINDS, ids=_IDS)
    def test_text(self, kind: Kind[Any]) -> None:
        """Every record has a subject, as text."""
        for found in _records(kind):
            subject = kind.subject(found)
            assert isinstance(subject, str)
            assert subject

    def test_unique_across_kinds(self) -> None:
        """No two records of any kinds share a subject."""
        subjects = [kind.subject(found) for kind in KINDS for found in _records(kind)]
        assert len(set(subjects)) == len(subjects)


_SCALARS = (str, int, float, bool, dt.date, DateSpan, enum.Enum, type(None))


class TestColumns:
    """Each kind's summary columns read every record, in any language."""

    @pytest.mark.parametrize("lang", ["en", "fr", "zh"])
    @pytest.mark.parametrize("kind", REGISTERED, ids=[kind.plural for kind in REGISTERED])
    def test_read_every_record(self, kind: Kind[Any], lang: str) -> None:
        """Every column reads a plain value off every bundled record."""
        assert kind.columns
        for found in _records(kind):
            for column in kind.columns:
                value = column.read(found, lang)
                assert isinstance(value, _SCALARS), (kind.plural, column.header, value)

    @pytest.mark.parametrize("kind", REGISTERED, ids=[kind.plural for kind in REGISTERED])
    def test_headers_are_unique(self, kind: Kind[Any]) -> None:
        """No two columns of a kind share a header."""
        headers = [column.header for column in kind.columns]
        assert len(set(headers)) == len(headers)

    def test_singletons_have_no_columns(self) -> None:
        """The Compact and the Committee are shown as pages, not tables."""
        for kind in KINDS:
            if kind.is_singleton:
                assert kind.columns == ()

    def test_first_column_is_the_key(self) -> None:
        """Every table opens with the records' primary key."""
        for kind in REGISTERED:
            first = kind.columns[0]
            for found in _records(kind)[:3]:
                assert str(first.read(found, "en")) == kind.key(found)

    def test_attribute(self) -> None:
        """attribute() reads one field as it is, in any language."""
        read = attribute("acronym")
        assert read(umn.agencies.lookup("OIM"), "fr") == "IOM"

    @pytest.mark.parametrize(
        ("plural", "key", "header", "lang", "expected"),
        [
            ("agencies", "IOM", "acronym", "fr", "OIM"),
            ("agencies", "IOM", "acronym", "en", "IOM"),
            ("networks", "MZ", "ISO3", "en", "MOZ"),
            ("networks", "global", "ISO3", "en", None),
            ("networks", "MZ", "region", "en", "Africa"),
            ("networks", "asia-pacific", "region", "en", "Asia and the Pacific"),
            ("networks", "global", "members", "en", "14, incomplete (38 declared)"),
            ("champions", "Kenya", "ISO3", "en", "KEN"),
            ("champions", "Morocco", "country", "es", "Marruecos"),
            ("objectives", 1, "label", "es", "Datos"),
            ("principles", "a", "name", "fr", "Priorité à la dimension humaine"),
            ("sources", "unterm", "title", "en", "unterm-efsrca.xlsx"),
            # A source without a title is shown by its publisher.
            ("sources", "unsd-m49", "title", "en", "United Nations Statistics Division"),
        ],
    )
    def test_values(
        self, plural: str, key: str | int, header: str, lang: str, expected: object
    ) -> None:
        """Columns read the fields, names in the language asked for, and derived values."""
        kind = kind_named(plural)
        [column] = [c for c in kind.columns if c.header == header]
        assert column.read(umn.load().registry(kind).lookup(key), lang) == expected

    def test_source_title_falls_back(self) -> None:
        """A source without a title is shown by its publisher, or its address."""
        [title] = [c for c in kind_named("sources").columns if c.header == "title"]
        assert title.read(umn.Source("x", "https://example.org/"), "en") == "https://example.org/"
        bare = umn.Source("x", "https://example.org/", publisher="UNSD")
        assert title.read(bare, "en") == "UNSD"


class TestHasCountry:
    """A kind whose records have a country is found by that country's names."""

    def test_kinds_with_a_country(self) -> None:
        """Networks and Champions have a country field; other kinds do not."""
        assert [kind.plural for kind in KINDS if kind.has_country] == ["networks", "champions"]

    def test_is_a_field(self) -> None:
        """has_country reads the record class's fields."""
        for kind in KINDS:
            assert kind.has_country == ("country" in attrs.fields_dict(kind.type))
