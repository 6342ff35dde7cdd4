"""Tests for `un_migration_network._registry`: forgiving lookups, ranked search, filters."""

from __future__ import annotations

import json
import pickle
from typing import Any, assert_type

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import un_migration_network as umn
from strategies import lookup_texts
from un_migration_network import NetworkLevel, Registry
from un_migration_network._kinds import KINDS, Kind
from un_migration_network.exceptions import MigrationNetworkError


def _words(records: list[str]) -> Registry[str]:
    """A registry of plain strings, each its own only key."""
    return Registry(records, keys=lambda record: (record,), kind="word")


class TestLookup:
    """lookup finds a record by any of its natural keys, however it is written."""

    @pytest.mark.parametrize(
        ("key", "record_id"),
        [
            ("iom", "iom"),
            ("IOM", "iom"),
            (" i.o.m. ", "iom"),
            ("International Organization for Migration", "iom"),
            ("international   ORGANIZATION  for-migration", "iom"),
            ("UN Migration Agency", "iom"),
            ("un_migration_agency", "iom"),
            ("UN-HABITAT", "un-habitat"),
            ("UN Habitat", "un-habitat"),
            ("unhabitat", "un-habitat"),
            ("un-habitat", "un-habitat"),
            ("United Nations Human Settlements Programme", "un-habitat"),
            ("United Nations Children’s Fund", "unicef"),
            ("UNITED NATIONS CHILDRENS FUND", "unicef"),
            ("OMS", "who"),
            ("IBRD/IDA", "world-bank"),
            ("ibrd ida", "world-bank"),
            ("ONU Mujeres", "un-women"),
            ("UN\tWomen\n", "un-women"),
            ("ＵＮＤＰ", "undp"),
        ],
    )
    def test_agency(self, key: str, record_id: str) -> None:
        """Agencies by id, acronym, name and alias."""
        assert umn.agencies.lookup(key).id == record_id

    @pytest.mark.parametrize(
        ("key", "record_id"),
        [
            ("mozambique", "mozambique"),
            ("United Nations Network on Migration in Mozambique", "mozambique"),
            ("MZ", "mozambique"),
            ("mz", "mozambique"),
            ("MOZ", "mozambique"),
            ("Mozambique", "mozambique"),
            ("  MOZAMBIQUE ", "mozambique"),
            (508, "mozambique"),
            ("508", "mozambique"),
            ("UN Network for Migration in Mozambique", "mozambique"),
            ("Türkiye", "turkiye"),
            ("TURKIYE", "turkiye"),
            ("TR", "turkiye"),
            (792, "turkiye"),
            ("XK", "kosovo"),
            ("Kosovo (UNSCR 1244)", "kosovo"),
            ("Asia and the Pacific", "asia-pacific"),
            ("ASIA-AND-THE-PACIFIC", "asia-pacific"),
            ("latin-america-caribbean", "latin-america-caribbean"),
            ("UNNM-LAC", "latin-america-caribbean"),
            ("UNNM", "global"),
            ("United Nations Network on Migration", "global"),
            ("Sierra Leone", "sierra-leone"),
            ("sierra-leone", "sierra-leone"),
            ("031", "azerbaijan"),
            ("048", "bahrain"),
            (48, "bahrain"),
            ("Côte d’Ivoire", "cote-divoire"),
            ("Cote d'Ivoire", "cote-divoire"),
            ("Algeria", "algeria"),
            ("Bangladesh", "bangladesh"),
            ("BDUNNM", "bangladesh"),
            ("Niger", "niger"),
            ("Swaziland", "eswatini"),
            ("DR Congo", "democratic-republic-of-the-congo"),
            ("The Gambia", "gambia"),
            ("East and Southern Africa", "east-southern-africa"),
            ("Continental UN Network on Migration for Africa", "africa-continental"),
            ("Red de las Naciones Unidas sobre la Migración", "global"),
            ("Réseau des Nations Unies sur les migrations", "global"),
        ],
        ids=repr,
    )
    def test_network(self, key: str | int, record_id: str) -> None:
        """Networks by id, name, country codes and name, M49 code, region and alias."""
        assert umn.networks.lookup(key).id == record_id

    @pytest.mark.parametrize(
        ("key", "number"),
        [
            (13, 13),
            ("13", 13),
            (" 13 ", 13),
            (1, 1),
            (23, 23),
            ("Alternatives to detention", 13),
            ("ALTERNATIVES-TO-DETENTION", 13),
            (
                (
                    "Use migration detention only as a measure of last resort and work towards "
                    "alternatives"
                ),
                13,
            ),
            (
                (
                    "use immigration detention only as a measure of last resort and work towards "
                    "alternatives"
                ),
                13,
            ),
            ("Data", 1),
            ("save lives", 8),
            ("Datos", 1),
            ("Données", 1),
            ("donnees", 1),
        ],
        ids=repr,
    )
    def test_objective(self, key: str | int, number: int) -> None:
        """Objectives by number (int or str), short label, title and title variant."""
        assert umn.objectives.lookup(key).number == number

    @pytest.mark.parametrize(
        ("key", "letter"),
        [
            ("a", "a"),
            ("A", "a"),
            ("(a)", "a"),
            ("j", "j"),
            ("People-centred", "a"),
            ("people centred", "a"),
            ("HUMAN RIGHTS", "f"),
            ("Whole-of-society approach", "j"),
            ("Priorité à la dimension humaine", "a"),
        ],
    )
    def test_principle(self, key: str, letter: str) -> None:
        """Guiding principles by letter and name."""
        assert umn.principles.lookup(key).letter == letter

    def test_spellings_give_the_same_object(self) -> None:
        """Two spellings of one key give the very same record."""
        assert umn.agencies.lookup("UN Habitat") is umn.agencies.lookup("UN-HABITAT")

    @pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.plural)
    def test_every_record_by_its_primary_key(self, dataset: umn.Dataset, kind: Kind[Any]) -> None:
        """Every record of every kind is found by its key as the very same object."""
        records = dataset.registry(kind)
        for record in records:
            assert records.lookup(kind.key(record)) is record

    @pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.plural)
    def test_every_name_in_every_language(self, dataset: umn.Dataset, kind: Kind[Any]) -> None:
        """Every name a record has in another language finds that record."""
        records = dataset.registry(kind)
        for record in records:
            for name in getattr(record, "names", ()):
                assert records.lookup(name.text) is record

    @given(st.data())
    def test_any_record_by_any_key(self, data: st.DataObject) -> None:
        """Any record is found by any of its keys, in any case, as the very same object."""
        dataset = umn.load()
        registries: list[Registry[Any]] = [
            dataset.agencies,
            dataset.networks,
            dataset.objectives,
            dataset.principles,
        ]
        registry = data.draw(st.sampled_from(registries))
        record = data.draw(st.sampled_from(list(registry)))
        keys = [
            str(value)
            for name in ("id", "number", "letter", "acronym", "name", "short_label", "title")
            if (value := getattr(record, name, None)) is not None
        ]
        keys += [name.text for name in record.names]
        key = data.draw(st.sampled_from(keys))
        key = data.draw(st.sampled_from([key, key.upper(), key.lower(), f"  {key}  "]))
        assert registry.lookup(key) is record


class TestMiss:
    """A miss raises NotFoundError with the closest keys."""

    def test_mozambik(self) -> None:
        """A misspelt country suggests the right one first, in the message too."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup("Mozambik")
        error = caught.value
        assert error.query == "Mozambik"
        assert error.suggestions[0] == "Mozambique"
        assert "did you mean 'Mozambique'" in str(error)
        assert str(error).startswith("no network matches 'Mozambik'")

    def test_error_types(self) -> None:
        """NotFoundError is a LookupError and the library's base error."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.agencies.lookup("no such thing at all")
        assert isinstance(caught.value, LookupError)
        assert isinstance(caught.value, MigrationNetworkError)
        assert umn.MigrationNetworkError is MigrationNetworkError

    def test_no_suggestions(self) -> None:
        """Nonsense has no suggestions, and the message offers none."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.agencies.lookup("qqqqzzzzxxxx")
        assert caught.value.suggestions == ()
        assert str(caught.value) == "no agency matches 'qqqqzzzzxxxx'"

    def test_pickles(self) -> None:
        """A NotFoundError survives pickling with its query, suggestions and message."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup("Mozambik")
        error = caught.value
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            copy = pickle.loads(pickle.dumps(error, protocol=protocol))  # noqa: S301 - our own
            assert type(copy) is umn.NotFoundError
            assert copy.query == error.query
            assert copy.suggestions == error.suggestions
            assert str(copy) == str(error)
            assert copy.args == error.args

    @pytest.mark.parametrize(
        "key",
        [
            None,
            1.5,
            True,
            False,
            b"iom",
            object(),
            ("iom",),
            ["iom"],
            -13,
            0,
            pytest.param(10**5000, id="int-of-5001-digits"),
        ],
    )
    def test_keys_of_other_types(self, key: object) -> None:
        """Keys that are not str or int (or name nothing) miss quietly everywhere."""
        registry = umn.objectives
        with pytest.raises(umn.NotFoundError) as caught:
            registry.lookup(key)
        assert caught.value.query is key
        assert registry.get(key) is None
        assert key not in registry

    def test_get(self) -> None:
        """Get returns the record, or None, or the default given."""
        iom = umn.agencies.lookup("iom")
        assert umn.agencies.get("IOM") is iom
        assert umn.agencies.get("nothing") is None
        assert umn.agencies.get("nothing", iom) is iom

    @settings(max_examples=300)
    @given(lookup_texts)
    def test_any_text(self, text: str) -> None:
        """No text makes lookup raise anything but NotFoundError, or the others raise at all."""
        for registry in (
            umn.agencies,
            umn.networks,
            umn.objectives,
            umn.principles,
            umn.champions,
        ):
            found = registry.get(text)
            assert (text in registry) == (found is not None)
            if found is None:
                with pytest.raises(umn.NotFoundError) as caught:
                    registry.lookup(text)
                assert caught.value.query == text
            else:
                assert registry.lookup(text) is found
            results = registry.search(text, limit=3)
            assert len(results) <= 3
            if found is not None:
                assert results[0] is found


class TestSearch:
    """search ranks exact keys, then prefixes, then substrings, then near misses."""

    def test_ranking(self) -> None:
        """Exact beats prefix beats substring beats fuzzy; nonsense matches nothing."""
        words = _words(["alpah", "betalpha", "alphabet", "alpha", "zzz"])
        assert words.search("alpha", limit=10) == ["alpha", "alphabet", "betalpha", "alpah"]

    def test_scores(self) -> None:
        """matches() gives each record's score and the key that matched."""
        words = _words(["alpha", "alphabet", "betalpha", "alpah", "xb"])
        found = {match.key: match.score for match in words.matches("alpha", limit=10)}
        assert found == {
            "alpha": pytest.approx(4.0),
            "alphabet": pytest.approx(3 + 5 / 8),
            "betalpha": pytest.approx(2 + 5 / 8),
            "alpah": pytest.approx(0.5),
        }

    def test_equal_keys_score_exactly_alike(self) -> None:
        """Scores are exact, ties in the data's order: equal keys score equal, first one first."""
        words = _words(["kenia-b", "kenia-a", "zzz"])
        first, second = words.matches("kenia", limit=2)
        assert first.score == second.score
        assert (first.key, second.key) == ("kenia-b", "kenia-a")

    def test_short_keys_match_exactly_or_not_at_all(self) -> None:
        """A one- or two-letter key is never a fuzzy match: "asia" does not suggest "a"."""
        words = _words(["xb", "a", "qqqq"])
        assert words.matches("ab") == []
        assert words.matches("asia") == []
        assert words.search("xb") == ["xb"]

    def test_one_typo_in_three_letters(self) -> None:
        """One changed letter in a three-letter key still matches, at half the letter pairs."""
        [match] = _words(["abc", "qqqq"]).matches("axc")
        assert match.key == "abc"
        assert match.score == 0.5

    def test_ties_keep_data_order(self) -> None:
        """Records that score the same come in the data's order."""
        words = _words(["abcx", "abcy", "abcz"])
        assert words.search("abc") == ["abcx", "abcy", "abcz"]

    def test_best_key_of_a_record_counts(self) -> None:
        """A record with several matching keys appears once, with its best key."""
        matches = umn.agencies.matches("IOM", limit=10)
        iom = [match for match in matches if match.record.id == "iom"]
        [match] = iom
        assert match.key == "IOM"
        assert round(match.score, 6) == 4.0

    @pytest.mark.parametrize(
        ("registry", "query", "first"),
        [
            ("agencies", "unicef", "unicef"),
            ("agencies", "unisef", "unicef"),
            ("agencies", "UN Habitat", "un-habitat"),
            ("agencies", "unh", "unhcr"),
            ("networks", "mozambik", "mozambique"),
            ("networks", "Turkey", "turkiye"),
            ("objectives", "detention", 13),
            ("principles", "child", "h"),
        ],
    )
    def test_first_result(
        self, dataset: umn.Dataset, registry: str, query: str, first: str | int
    ) -> None:
        """Typical queries put the intended record first."""
        records: Registry[object] = getattr(dataset, registry)
        assert records.search(query)[0] is records.lookup(first)

    @pytest.mark.parametrize("query", ["qqqqzzzzxxxx", "", "   ", "---", "!?"])
    def test_nothing(self, query: str) -> None:
        """Nonsense and empty queries give []."""
        assert umn.agencies.search(query) == []

    @pytest.mark.parametrize(("limit", "count"), [(-1, 0), (0, 0), (1, 1), (2, 2), (5, 5)])
    def test_limit(self, limit: int, count: int) -> None:
        """Limit caps the results; zero or less gives []."""
        assert len(umn.agencies.search("united nations", limit=limit)) == count

    def test_default_limit(self) -> None:
        """Five results by default."""
        assert len(umn.agencies.search("united nations")) == 5

    def test_not_text(self) -> None:
        """A query that is not text gives [] rather than an error."""
        assert umn.agencies.search(13) == []  # type: ignore[arg-type]

    def test_suggest(self) -> None:
        """Suggest gives the matching keys as the data writes them."""
        assert umn.networks.suggest("Mozambik")[0] == "Mozambique"


class TestCollection:
    """len, iteration, membership, filter, equality and repr."""

    @pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.plural)
    def test_len(self, dataset: umn.Dataset, document: dict[str, Any], kind: Kind[Any]) -> None:
        """The bundled registries hold the bundled records, one per element of the document."""
        assert len(dataset.registry(kind)) == len(document[kind.plural])

    @pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.plural)
    def test_iteration_order(
        self, dataset: umn.Dataset, document: dict[str, Any], kind: Kind[Any]
    ) -> None:
        """Iteration follows the order of the data document."""
        keys = [kind.key(record) for record in dataset.registry(kind)]
        assert keys == [str(item[kind.primary]) for item in document[kind.plural]]

    def test_index(self, dataset: umn.Dataset) -> None:
        """A registry is indexed in iteration order, from the end with negative indexes."""
        events = list(dataset.events)
        assert dataset.events[0] is events[0]
        assert dataset.events[-1] is events[-1]

    def test_contains(self, dataset: umn.Dataset) -> None:
        """`in` takes keys and records; a record of another registry is not in."""
        iom = dataset.agencies.lookup("iom")
        mozambique = dataset.networks.lookup("mozambique")
        assert "UNDP" in dataset.agencies
        assert "un habitat" in dataset.agencies
        assert 13 in dataset.objectives
        assert "13" in dataset.objectives
        assert 24 not in dataset.objectives
        assert iom in dataset.agencies
        assert mozambique not in dataset.agencies
        assert "nothing" not in dataset.agencies

    def test_filter_by_field(self, dataset: umn.Dataset) -> None:
        """filter(level=...) keeps the records whose field equals the value, in order."""
        regional = dataset.networks.filter(level=NetworkLevel.REGIONAL)
        expected = [n for n in dataset.networks if n.level is NetworkLevel.REGIONAL]
        assert list(regional) == expected
        assert len(expected) == 6

    @pytest.mark.parametrize("level", list(NetworkLevel), ids=lambda level: level.value)
    def test_filter_takes_the_enum_value(self, dataset: umn.Dataset, level: NetworkLevel) -> None:
        """filter(level="country") is filter(level=NetworkLevel.COUNTRY)."""
        by_value = dataset.networks.filter(level=level.value)
        assert list(by_value) == list(dataset.networks.filter(level=level))
        assert len(by_value) >= 1

    def test_filter_by_predicate(self, dataset: umn.Dataset) -> None:
        """filter(predicate) keeps the records that pass, and looks up like any registry."""
        launched = dataset.networks.filter(
            lambda n: n.launched is not None, level=NetworkLevel.COUNTRY
        )
        mozambique = dataset.networks.lookup("MZ")
        assert launched.lookup("MZ") is mozambique
        assert launched.get("global") is None
        assert launched.kind == "network"
        assert launched.record_type is umn.Network
        assert all(n.launched is not None for n in launched)

    def test_filter_unknown_field(self, dataset: umn.Dataset) -> None:
        """A field the records do not have is a TypeError that names it."""
        with pytest.raises(TypeError, match="network records have no field 'levl'"):
            dataset.networks.filter(levl="country")

    def test_filter_unknown_enum_value(self, dataset: umn.Dataset) -> None:
        """A value that is none of the enum's values is a ValueError that lists them."""
        with pytest.raises(ValueError, match="level is one of 'global', 'continental'"):
            dataset.networks.filter(level="planetary")

    def test_filter_of_an_empty_registry(self) -> None:
        """An empty registry of unknown type filters to an empty registry, whatever the field."""
        empty: Registry[str] = Registry([], keys=lambda record: (record,))
        assert len(empty.filter(anything=1)) == 0

    def test_equality_and_hash(self, dataset: umn.Dataset) -> None:
        """Registries compare and hash by their kind and records."""
        same = dataset.networks.filter()
        assert same == dataset.networks
        assert same is not dataset.networks
        assert hash(same) == hash(dataset.networks)
        assert dataset.networks != dataset.agencies
        assert dataset.networks != 1

    def test_kind_counts_in_equality(self) -> None:
        """Two registries of the same records but of different kinds are not equal."""
        first = Registry(["a"], keys=lambda record: (record,), kind="word")
        second = Registry(["a"], keys=lambda record: (record,), kind="letter")
        assert first != second

    def test_repr(self, dataset: umn.Dataset) -> None:
        """The repr says how many records of which kind."""
        assert repr(dataset.principles) == "<Registry of 10 guiding principle records>"


class TestBulk:
    """get_many and lookup_many answer a whole column of keys at once."""

    def test_get_many(self) -> None:
        """One answer per key, in order, None (or the default) for a miss."""
        iom = umn.agencies.lookup("iom")
        found = umn.agencies.get_many(["OIM", "oim", "IOM", "nobody", 7])
        assert found == [iom, iom, iom, None, None]

    def test_get_many_default(self) -> None:
        """The default stands in for every miss."""
        iom = umn.agencies.lookup("iom")
        assert umn.agencies.get_many(["nobody", "UNHCR"], default=iom)[0] is iom

    def test_get_many_is_get(self) -> None:
        """Each answer is what get gives for that key."""
        keys = ["MZ", "Mozambique", 508, "mozambik", None, ["MZ"], True, 1]
        assert umn.networks.get_many(keys) == [umn.networks.get(key) for key in keys]

    def test_true_is_not_one(self) -> None:
        """True and 1 are cached apart: 1 is objective 1, True names nothing."""
        assert umn.objectives.get_many([1, True, 1]) == [
            umn.objectives.lookup(1),
            None,
            umn.objectives.lookup(1),
        ]

    def test_lookup_many(self) -> None:
        """Every key found gives the records in order."""
        assert umn.networks.lookup_many(["MZ", "UG"]) == [
            umn.networks.lookup("mozambique"),
            umn.networks.lookup("uganda"),
        ]

    def test_lookup_many_misses(self) -> None:
        """One NotFoundError lists every distinct miss, each with its suggestions."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup_many(["MZ", "Mozambik", "Atlantis", "Mozambik", ["x"]])
        error = caught.value
        assert error.query == ("Mozambik", "Atlantis", ["x"])
        assert [miss.query for miss in error.misses] == ["Mozambik", "Atlantis", ["x"]]
        assert error.misses[0].suggestions[0] == "Mozambique"
        assert str(error).startswith("3 of 5 keys name no network: 'Mozambik' (did you mean")

    def test_lookup_many_one_key(self) -> None:
        """The message agrees in number with one key."""
        with pytest.raises(umn.NotFoundError, match=r"^1 of 1 key names no network: 'Atlantis'$"):
            umn.networks.lookup_many(["Atlantis"])

    def test_many_misses_are_counted(self) -> None:
        """A message names ten misses and counts the rest."""
        keys = [f"nowhere {i}" for i in range(12)]
        with pytest.raises(umn.NotFoundError, match=r"and 2 more$"):
            umn.networks.lookup_many(keys)

    @settings(max_examples=50)
    @given(st.lists(lookup_texts, max_size=20))
    def test_get_many_of_any_texts(self, keys: list[str]) -> None:
        """For any list of texts, get_many is a list of what get gives."""
        assert umn.agencies.get_many(keys) == [umn.agencies.get(key) for key in keys]


class TestGetDefault:
    """``get`` takes its default positionally or by keyword."""

    @pytest.mark.parametrize("key", ["no such agency", 0, None])
    def test_default(self, key: object) -> None:
        """A miss returns the default, however it is given."""
        fallback = umn.agencies.lookup("IOM")
        assert umn.agencies.get(key, fallback) is fallback
        assert umn.agencies.get(key, default=fallback) is fallback


class TestHashing:
    """Registries, and so datasets, can be hashed (sets, caches)."""

    def test_equal_registries_hash_equal(self) -> None:
        """An equal copy of the bundled dataset hashes the same, and both fit in one set."""
        copy = umn.load_dataset(json.loads(umn.load().to_json()))
        assert hash(copy) == hash(umn.load())
        assert len({copy, umn.load()}) == 1

    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    def test_pickle_any_protocol(self, protocol: int) -> None:
        """A registry pickles with every protocol, 0 and 1 included, into an equal registry."""
        registry = umn.networks
        copy = pickle.loads(pickle.dumps(registry, protocol=protocol))  # noqa: S301 - our own
        assert copy == registry
        assert copy.lookup("MZ").id == "mozambique"


class TestConstruction:
    """A key may name only one record."""

    def test_duplicate_key(self) -> None:
        """Two records sharing a folded key raise DataError naming both paths."""
        with pytest.raises(umn.DataError) as caught:
            Registry(
                ["UN Habitat", "other", "un-habitat"],
                keys=lambda record: (record,),
                path="$.agencies",
            )
        [problem] = caught.value.problems
        assert problem.code == "duplicate-key"
        assert problem.path == "$.agencies[2]"
        assert "$.agencies[0]" in problem.message

    def test_repeated_key_of_one_record(self) -> None:
        """One record giving the same key twice, or empty keys, is fine."""
        words = Registry(["UN-Habitat"], keys=lambda r: (r, r.upper(), None, "--", ""))
        assert list(words) == ["UN-Habitat"]


class TestTypes:
    """The public registries' return types, pinned for type checkers."""

    def test_return_types(self) -> None:
        """lookup, get and search return the registry's record type."""
        assert_type(umn.agencies.lookup("iom"), umn.Agency)
        assert_type(umn.agencies.get("iom"), umn.Agency | None)
        assert_type(umn.agencies.search("iom"), list[umn.Agency])
        assert_type(umn.networks.lookup("MZ"), umn.Network)
        assert_type(umn.objectives.lookup(13), umn.Objective)
        assert_type(umn.principles.lookup("a"), umn.GuidingPrinciple)
        assert_type(umn.load().agencies, Registry[umn.Agency])
        assert_type(umn.executive_committee, umn.ExecutiveCommittee)
        assert_type(umn.compact, umn.Compact)
        assert isinstance(umn.agencies.lookup("iom"), umn.Agency)
        assert isinstance(umn.networks.lookup("MZ"), umn.Network)
        assert isinstance(umn.objectives.lookup(13), umn.Objective)
        assert isinstance(umn.principles.lookup("a"), umn.GuidingPrinciple)
