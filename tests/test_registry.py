"""Tests for `un_migration_network._registry`: forgiving lookups, ranked search, filters.

The bundled registries are lazy (`Registry.lazily` over the bundle); registries built in the
tests hold their records (`Registry(records, kind=...)`). Both are checked.
"""

from __future__ import annotations

import copy
import pickle
import threading
from collections.abc import Iterable
from typing import Any, assert_type

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import un_migration_network as umn
from blocking import wait_until_blocked
from strategies import bundled_keys, lookup_keys, lookup_texts
from un_migration_network import NetworkLevel, Registry
from un_migration_network._fields import field, record
from un_migration_network._kind import Column, Kind, attribute
from un_migration_network._kinds import REGISTERED
from un_migration_network._networks import NETWORKS
from un_migration_network._normalize import bigrams, dice, normalize
from un_migration_network._records import Record
from un_migration_network.exceptions import MigrationNetworkError


@record
class Word(Record):
    """A word: the records of the registries these tests build."""

    text: str = field("The word.")
    note: str = field("Anything.", default="")


def _word_kind(keys: Any = lambda word: (word.text,)) -> Kind[Word]:
    return Kind(
        name="word",
        plural="words",
        type=Word,
        primary="text",
        keys=keys,
        order=lambda word: word.text,
        columns=(Column("text", attribute("text")),),
        subject=lambda word: word.text,
        label="words",
    )


WORDS = _word_kind()


def _words(*texts: str) -> Registry[Word]:
    """A registry of words, each its own only key."""
    return Registry([Word(text) for text in texts], kind=WORDS)


def _texts(words: Iterable[Word]) -> list[str]:
    return [word.text for word in words]


class _Lazy:
    """Records read on first use, as `Registry.lazily` reads them; counts the full reads."""

    def __init__(self, records: Iterable[Any], kind: Kind[Any]) -> None:
        self.lock = threading.RLock()
        self._records = tuple(records)
        self._keys = {
            normalize(str(key)): record
            for record in self._records
            for key in kind.keys(record)
            if key is not None
        }
        self.reads = 0

    def find(self, key: str, /) -> Any:
        return self._keys.get(key)

    def by_country(self, alpha2: str, /) -> Any:
        return next((r for r in self._records if r.country and r.country.alpha2 == alpha2), None)

    def records(self) -> tuple[Any, ...]:
        self.reads += 1
        return self._records


def _lazy_networks() -> tuple[_Lazy, Registry[umn.Network]]:
    lazy = _Lazy(umn.networks, NETWORKS)
    registry = Registry.lazily(lazy, kind=NETWORKS, countries=umn.countries, missing="none here")
    return lazy, registry


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
            ("OIT", "ilo"),
        ],
    )
    def test_agency(self, key: str, record_id: str) -> None:
        """Agencies by id, acronym, name, alias and names in other languages."""
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
            ("موزامبيق", "mozambique"),
            ("Мозамбик", "mozambique"),
            ("莫桑比克", "mozambique"),
            ("Türkiye", "turkiye"),
            ("TURKIYE", "turkiye"),
            ("Turkey", "turkiye"),
            ("TR", "turkiye"),
            (792, "turkiye"),
            ("XK", "kosovo"),
            ("Kosovo", "kosovo"),
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
            ("Ivory Coast", "cote-divoire"),
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
        """Networks by id, name, region, alias, and any name or code of their country."""
        assert umn.networks.lookup(key).id == record_id

    @pytest.mark.parametrize(
        ("key", "record_id"),
        [
            ("Marruecos", "morocco"),
            ("Maroc", "morocco"),
            ("MA", "morocco"),
            ("Kingdom of Morocco", "morocco"),
            ("Bangladesh", "bangladesh"),
            ("kenya", "kenya"),
        ],
    )
    def test_champion(self, key: str, record_id: str) -> None:
        """Champions by id and any name or code of their country, in any language."""
        assert umn.champions.lookup(key).id == record_id

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

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_every_record_by_its_primary_key(self, kind: Kind[Any]) -> None:
        """Every record of every kind is found by its key as the very same object."""
        records = umn.load().registry(kind)
        for found in records:
            assert records.lookup(kind.key(found)) is found

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_every_record_by_every_key(self, kind: Kind[Any]) -> None:
        """Every key of every record (names in every language included) finds that record."""
        records = umn.load().registry(kind)
        for found in records:
            for key in kind.keys(found):
                if key is not None and normalize(str(key)):
                    assert records.lookup(key) is found, (found, key)

    @pytest.mark.parametrize("plural", ["networks", "champions"])
    def test_every_name_of_the_country(self, plural: str) -> None:
        """A record with a country is found by every name and code of that country."""
        records = umn.load().registry(plural)
        for found in records:
            country = found.country
            if country is None:
                continue
            keys = [country.alpha2, country.alpha3, country.m49, country.name, *country.aliases]
            keys += [name.text for name in country.names]
            for key in keys:
                if key is not None:
                    assert records.lookup(key) is found, (found, key)

    @given(bundled_keys())
    def test_any_record_by_any_key(self, drawn: tuple[Kind[Any], Any, str]) -> None:
        """Any record of any kind is found by any of its keys, in any case, as itself."""
        kind, found, key = drawn
        if normalize(key):
            assert umn.load().registry(kind).lookup(key) is found

    def test_a_user_registry_finds_by_country(self) -> None:
        """A registry built from records, given the countries, finds them by country names."""
        networks = Registry(
            [umn.networks.lookup("global"), umn.networks.lookup("MZ")],
            kind=NETWORKS,
            countries=umn.countries,
        )
        assert networks.lookup("موزامبيق").id == "mozambique"
        assert networks.get("Kenya") is None
        with pytest.raises(umn.NotFoundError) as caught:
            networks.lookup("Kenya")
        assert str(caught.value) == (
            "Kenya (KEN) is a UN Member State; the data lists no network there"
        )

    def test_without_countries_no_country_names(self) -> None:
        """Without the countries, only the records' own keys find them."""
        networks = Registry([umn.networks.lookup("MZ")], kind=NETWORKS)
        assert networks.lookup("Mozambique").id == "mozambique"
        assert networks.get("MZ") is None

    def test_countries_ignored_for_a_kind_without_country(self) -> None:
        """Countries given to a registry whose records have none change nothing."""
        words = Registry([Word("Kenya")], kind=WORDS, countries=umn.countries)
        assert words.get("KE") is None
        assert words.lookup("kenya").text == "Kenya"

    def test_types(self) -> None:
        """The public registries' return types, pinned for type checkers."""
        assert_type(umn.agencies.lookup("iom"), umn.Agency)
        assert_type(umn.agencies.get("iom"), umn.Agency | None)
        assert_type(umn.agencies.search("iom"), list[umn.Agency])
        assert_type(umn.agencies.get_many(["iom"]), list[umn.Agency | None])
        assert_type(umn.agencies.lookup_many(["iom"]), list[umn.Agency])
        assert_type(umn.agencies.matches("iom"), list[umn.Match[umn.Agency]])
        assert_type(umn.agencies.suggest("iom"), tuple[str, ...])
        assert_type(umn.networks.lookup("MZ"), umn.Network)
        assert_type(umn.countries.lookup("MZ"), umn.Country)
        assert_type(umn.champions.lookup("Kenya"), umn.Champion)
        assert_type(umn.objectives.lookup(13), umn.Objective)
        assert_type(umn.principles.lookup("a"), umn.GuidingPrinciple)
        assert_type(umn.load().agencies, Registry[umn.Agency])
        assert_type(umn.executive_committee, umn.ExecutiveCommittee)
        assert_type(umn.compact, umn.Compact)

    @pytest.mark.parametrize(
        ("registry", "cl"),
        [
            ("agencies", umn.Agency),
            ("networks", umn.Network),
            ("countries", umn.Country),
            ("champions", umn.Champion),
        ],
    )
    def test_record_types(self, registry: str, cl: type) -> None:
        """Each registry holds records of its kind's class."""
        records: Registry[Any] = getattr(umn, registry)
        assert records.record_type is cl
        assert isinstance(next(iter(records)), cl)


class TestNumberKeys:
    """Any integral number is a number key, numpy's and pandas's too (issue 21, fault 10)."""

    @pytest.mark.parametrize(
        "key",
        [
            13,
            np.int64(13),
            np.int32(13),
            np.uint8(13),
            pd.array([13], dtype="Int64")[0],
            pd.Series([13]).to_numpy()[0],
            pd.DataFrame({"objective": [13]}).loc[0, "objective"],
            np.array(13),
        ],
        ids=["int", "int64", "int32", "uint8", "Int64", "to_numpy", "loc", "0-d-array"],
    )
    def test_integral(self, key: object) -> None:
        """Each finds objective 13, by lookup, get, get_many and `in`."""
        thirteen = umn.objectives.lookup(13)
        assert umn.objectives.lookup(key) is thirteen
        assert umn.objectives.get(key) is thirteen
        assert umn.objectives.get_many([key, key]) == [thirteen, thirteen]
        assert key in umn.objectives

    def test_m49_codes(self) -> None:
        """A numpy M49 code finds the country and its network."""
        assert umn.countries.lookup(np.int16(508)).alpha2 == "MZ"
        assert umn.networks.lookup(np.int64(508)).id == "mozambique"

    def test_columns(self) -> None:
        """A numpy array or a pandas column of numbers is a collection of keys."""
        found = umn.objectives.get_many(np.array([1, 13]))
        assert [o.number for o in found if o is not None] == [1, 13]
        column = pd.Series([1, 13, None], dtype="Int64")
        assert [o.number if o else None for o in umn.objectives.get_many(column)] == [1, 13, None]

    @pytest.mark.parametrize(
        "key",
        [
            True,
            np.True_,
            np.float64(13.0),
            13.0,
            pd.NA,
            np.array([13]),
            np.array([1, 13]),
            np.int8(-13),
        ],
        ids=repr,
    )
    def test_not_integral(self, key: object) -> None:
        """Booleans, floats, missing values and arrays of several numbers name nothing."""
        assert umn.objectives.get(key) is None
        assert key not in umn.objectives
        with pytest.raises(umn.NotFoundError):
            umn.objectives.lookup(key)

    def test_unhashable_integral_keys_in_bulk(self) -> None:
        """A key get() accepts but that does not hash is looked up in bulk too."""
        thirteen = umn.objectives.lookup(13)
        assert umn.objectives.get_many([np.array(13), 13, np.array(13)]) == [thirteen] * 3
        with pytest.raises(umn.NotFoundError) as caught:
            umn.objectives.lookup_many([np.array(24), np.array(24)])
        assert len(caught.value.misses) == 1


class TestCountryFallback:
    """A query that names a country finds its record, or says the country has none."""

    @pytest.mark.parametrize(
        ("registry", "key", "record_id"),
        [
            ("networks", "Ivory Coast", "cote-divoire"),
            ("networks", "موزامبيق", "mozambique"),
            ("networks", "Tchad", "chad"),
            ("networks", "Moldova", "republic-of-moldova"),
            ("champions", "Marruecos", "morocco"),
        ],
    )
    def test_contract(self, registry: str, key: str, record_id: str) -> None:
        """The contract's examples."""
        records: Registry[Any] = getattr(umn, registry)
        assert records.lookup(key).id == record_id

    def test_guatemala(self) -> None:
        """A country with no network is no typo: the error names it and says what there is."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup("Guatemala")
        error = caught.value
        listed = len(umn.networks.filter(level="country"))
        assert error.country is umn.countries.lookup("GT")
        assert error.query == "Guatemala"
        assert error.suggestions == ()
        assert str(error).startswith(
            "Guatemala (GTM) is a UN Member State; the data lists no network there "
            f"(it lists {listed} of the "
        )
        assert str(error).endswith(" country networks the sources count)")

    def test_guatemala_by_code(self) -> None:
        """Any name or code of the country gives the same answer."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup("GTM")
        assert caught.value.country is umn.countries.lookup("Guatemala")

    def test_not_a_champion(self) -> None:
        """A country that is no Champion: the error says how many Champions there are."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.champions.lookup("Guatemala")
        assert str(caught.value) == (
            "Guatemala (GTM) is a UN Member State; the data does not list it among the "
            f"{len(umn.champions)} GCM Champion countries"
        )

    def test_area_without_alpha3(self) -> None:
        """An area that is no Member State, and has no alpha-3 code, is named by alpha-2."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.champions.lookup("Kosovo")
        assert str(caught.value).startswith("Kosovo (XK) is a country or area; ")

    def test_country_not_set_for_a_typo(self) -> None:
        """A misspelt name is not a country: the error has suggestions and no country."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup("Mozambik")
        assert caught.value.country is None
        assert caught.value.suggestions[0] == "Mozambique"

    def test_get_is_none(self) -> None:
        """get() of a country with no record is None, and the country is not `in`."""
        assert umn.networks.get("Guatemala") is None
        assert "Guatemala" not in umn.networks

    def test_in_bulk(self) -> None:
        """lookup_many names the country of each such miss."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup_many(["Guatemala", "Atlantis", "MZ"])
        assert str(caught.value) == (
            "2 of 3 keys name no network: 'Guatemala' (no network in Guatemala), 'Atlantis'"
        )
        assert caught.value.misses[0].country is umn.countries.lookup("GT")

    def test_pickles_with_its_country(self) -> None:
        """The error pickles with its country and message."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup("Guatemala")
        twin = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 - our own
        assert twin.country == caught.value.country
        assert str(twin) == str(caught.value)

    def test_a_user_registry_says_its_own_coverage(self) -> None:
        """A registry's `missing` is what its misses on a country say."""
        networks = Registry(
            [umn.networks.lookup("MZ")],
            kind=NETWORKS,
            countries=umn.countries,
            missing="the list holds Mozambique only",
        )
        with pytest.raises(
            umn.NotFoundError,
            match=r"^Kenya \(KEN\) is a UN Member State; the list holds Mozambique only$",
        ):
            networks.lookup("Kenya")


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

    def test_long_query_is_shortened(self) -> None:
        """A long query is quoted shortened, with its length."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup("x" * 100)
        assert str(caught.value) == f"no network matches {'x' * 60 + '…'!r} (100 characters)"

    @pytest.mark.parametrize(
        ("key", "quoted"),
        [
            (10**80, f"{'1' + '0' * 59}… (81 digits)"),
            (10**5000, "a number of more than 4,000 digits"),
            (24, "24"),
        ],
        ids=["81-digits", "5001-digits", "24"],
    )
    def test_numbers_quoted(self, key: int, quoted: str) -> None:
        """A number is quoted as digits, shortened, or described when too long to print."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.objectives.lookup(key)
        assert str(caught.value).startswith(f"no objective matches {quoted}")

    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    def test_pickles(self, protocol: int) -> None:
        """A NotFoundError survives pickling with its query, suggestions and message."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup("Mozambik")
        error = caught.value
        twin = pickle.loads(pickle.dumps(error, protocol=protocol))  # noqa: S301 - our own
        assert type(twin) is umn.NotFoundError
        assert twin.query == error.query
        assert twin.suggestions == error.suggestions
        assert str(twin) == str(error)
        assert twin.args == error.args

    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    def test_pickles_a_huge_query(self, protocol: int) -> None:
        """A query of 5,001 digits pickles with every protocol (0 and 1 write decimals)."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.objectives.lookup(-(10**5000))
        twin = pickle.loads(pickle.dumps(caught.value, protocol=protocol))  # noqa: S301
        assert twin.query == -(10**5000)

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

    @pytest.mark.parametrize("key", ["no such agency", 0, None])
    def test_default(self, key: object) -> None:
        """A miss returns the default, given by position or by keyword."""
        fallback = umn.agencies.lookup("IOM")
        assert umn.agencies.get(key, fallback) is fallback
        assert umn.agencies.get(key, default=fallback) is fallback

    @given(lookup_keys, st.sampled_from(REGISTERED))
    def test_any_key(self, key: object, kind: Kind[Any]) -> None:
        """No key makes lookup raise anything but NotFoundError; get, `in` and lookup agree."""
        registry = umn.load().registry(kind)
        found = registry.get(key)
        assert (key in registry) == (found is not None)
        if found is None:
            with pytest.raises(umn.NotFoundError) as caught:
                registry.lookup(key)
            assert caught.value.query is key
        else:
            assert registry.lookup(key) is found

    @given(lookup_texts, st.sampled_from(REGISTERED))
    def test_any_text_searches(self, text: str, kind: Kind[Any]) -> None:
        """Any text searches and suggests without error; an exact key is the first result."""
        registry = umn.load().registry(kind)
        results = registry.search(text, limit=3)
        assert len(results) <= 3
        found = registry.get(text)
        if found is not None and registry._own(text) is found:
            assert results[0] is found
        suggested = registry.suggest(text)
        assert len(suggested) <= 3


class TestSearch:
    """search ranks exact keys, then prefixes, then substrings, then near misses."""

    def test_ranking(self) -> None:
        """Exact beats prefix beats substring beats fuzzy; nonsense matches nothing."""
        words = _words("alpah", "betalpha", "alphabet", "alpha", "zzz")
        assert _texts(words.search("alpha", limit=10)) == ["alpha", "alphabet", "betalpha", "alpah"]

    def test_scores(self) -> None:
        """matches() gives each record's score and the key that matched."""
        words = _words("alpha", "alphabet", "betalpha", "alpah", "xb")
        found = {match.key: match.score for match in words.matches("alpha", limit=10)}
        assert found == {
            "alpha": pytest.approx(4.0),
            "alphabet": pytest.approx(3 + 5 / 8),
            "betalpha": pytest.approx(2 + 5 / 8),
            "alpah": pytest.approx(0.5),
        }

    def test_equal_keys_score_exactly_alike(self) -> None:
        """Scores are exact, ties in the data's order: equal keys score equal, first one first."""
        words = _words("kenia-b", "kenia-a", "zzz")
        first, second = words.matches("kenia", limit=2)
        assert first.score == second.score
        assert (first.key, second.key) == ("kenia-b", "kenia-a")

    def test_short_keys_match_exactly_or_not_at_all(self) -> None:
        """A one- or two-letter key is never a fuzzy match: "asia" does not suggest "a"."""
        words = _words("xb", "a", "qqqq")
        assert words.matches("ab") == []
        assert words.matches("asia") == []
        assert _texts(words.search("xb")) == ["xb"]

    def test_one_typo_in_three_letters(self) -> None:
        """One changed letter in a three-letter key still matches, at half the letter pairs."""
        [match] = _words("abc", "qqqq").matches("axc")
        assert match.key == "abc"
        assert match.score == 0.5

    def test_ties_keep_data_order(self) -> None:
        """Records that score the same come in the data's order."""
        assert _texts(_words("abcx", "abcy", "abcz").search("abc")) == ["abcx", "abcy", "abcz"]

    def test_best_key_of_a_record_counts(self) -> None:
        """A record with several matching keys appears once, with its best key."""
        matches = umn.agencies.matches("IOM", limit=10)
        [match] = [match for match in matches if match.record.id == "iom"]
        assert match.key == "IOM"
        assert match.score == 4.0

    def test_a_later_worse_key_does_not_replace_a_better_one(self) -> None:
        """A record's best key stays when a later key of it scores less."""
        kind = _word_kind(lambda word: (word.text, word.note))
        words = Registry([Word("alpha", "alphabet")], kind=kind)
        [match] = words.matches("alpha")
        assert match.key == "alpha"

    @pytest.mark.parametrize(
        ("registry", "query", "first"),
        [
            ("agencies", "unicef", "unicef"),
            ("agencies", "unisef", "unicef"),
            ("agencies", "UN Habitat", "un-habitat"),
            ("agencies", "unh", "unhcr"),
            ("agencies", "refugess", "unhcr"),
            ("networks", "mozambik", "mozambique"),
            ("networks", "Turkey", "turkiye"),
            ("objectives", "detention", 13),
            ("objectives", "detension", 13),
            ("principles", "child", "h"),
            ("countries", "Guatamala", "GT"),
        ],
    )
    def test_first_result(self, registry: str, query: str, first: str | int) -> None:
        """Typical queries, misspelt words inside long names included, put the record first."""
        records: Registry[Any] = umn.load().registry(registry)
        assert records.search(query)[0] is records.lookup(first)

    def test_every_word_must_match(self) -> None:
        """Words score a name only when every word of the query is in it (1 to 2)."""
        words = _words("detention centre", "detention", "centre of migration")
        scores = {match.key: match.score for match in words.matches("centre detention")}
        assert scores["detention centre"] == 2.0
        assert scores["detention"] < 1
        assert scores["centre of migration"] < 1

    # Near both words of the name (and not inside it), or near one only.
    @pytest.mark.parametrize("query", ["detentiom", "detentioms", "xdetention"])
    def test_a_word_scores_its_closest_form(self, query: str) -> None:
        """Where two words of a name are near a query's word, the closer one counts."""
        words = _words("detention detentions")
        [match] = words.matches(query)
        closest = max(dice(bigrams(query), bigrams(word)) for word in ("detention", "detentions"))
        assert match.score == 1 + closest

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

    @pytest.mark.parametrize("query", [13, None, b"unicef"], ids=repr)
    def test_not_text(self, query: object) -> None:
        """A query that is not text gives [] rather than an error."""
        assert umn.agencies.search(query) == []  # type: ignore[arg-type]

    @pytest.mark.parametrize("limit", [None, "5", 2.5], ids=repr)
    def test_limit_not_a_number(self, limit: object) -> None:
        """A limit that is not an integer gives []."""
        assert umn.agencies.search("unicef", limit=limit) == []  # type: ignore[arg-type]

    def test_too_long(self) -> None:
        """A query longer than any key finds nothing at once."""
        assert umn.agencies.matches("unicef " * 200) == []


class TestSuggest:
    """suggest gives the closest keys: each one that lookup accepts, unique and short."""

    def test_mozambik(self) -> None:
        """The misspelt country suggests the country's name first."""
        assert umn.networks.suggest("Mozambik")[0] == "Mozambique"

    @pytest.mark.parametrize(
        ("registry", "query"),
        [
            ("networks", "Mozambik"),
            ("agencies", "refugess"),
            ("objectives", "detension"),
            ("objectives", "migrant detention alternatives"),
            ("countries", "Guatamala"),
            ("agencies", "united nations"),
        ],
    )
    def test_unique_short_keys(self, registry: str, query: str) -> None:
        """Each suggestion is a key of the record it stands for, at most 40 characters, once."""
        records: Registry[Any] = umn.load().registry(registry)
        suggested = records.suggest(query)
        assert suggested
        assert len({normalize(s) for s in suggested}) == len(suggested)
        for text in suggested:
            assert len(text) <= 40
            assert records.get(text) is not None

    def test_a_long_title_by_a_shorter_key(self) -> None:
        """An objective found by its title is suggested by its short label."""
        assert umn.objectives.suggest("detension") == ("Alternatives to detention",)

    def test_not_text(self) -> None:
        """A key that is neither text nor a number has no suggestions."""
        assert umn.agencies.suggest(None) == ()  # type: ignore[arg-type]

    def test_number(self) -> None:
        """A number is suggested from as its digits."""
        assert umn.objectives.suggest(13) == ("13",)

    @pytest.mark.parametrize(
        ("texts", "key", "expected"),
        [
            (("alpha",), "alpha", "alpha"),
            (("alpha",), None, "alpha"),
            (("x" * 50,), None, "x" * 50),
            (("ab",), "ab", "ab"),
        ],
    )
    def test_short_key(self, texts: tuple[str, ...], key: str | None, expected: str) -> None:
        """A short key is itself; else the record's shortest readable key, else its own key."""
        words = _words(*texts)
        assert words.short_key(words[0], key) == expected

    def test_short_key_of_a_long_key(self) -> None:
        """A key longer than 40 characters gives way to a shorter key of the record."""
        thirteen = umn.objectives.lookup(13)
        assert umn.objectives.short_key(thirteen, thirteen.title) == "Alternatives to detention"


class TestCollection:
    """len, iteration, indexing, membership, filter, equality, hashing, pickling and repr."""

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_len(self, document: dict[str, Any], kind: Kind[Any]) -> None:
        """The bundled registries hold the bundled records, one per element of the document."""
        assert len(umn.load().registry(kind)) == len(document[kind.plural])

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_iteration_order(self, document: dict[str, Any], kind: Kind[Any]) -> None:
        """Iteration follows the order of the data document."""
        keys = [kind.key(found) for found in umn.load().registry(kind)]
        assert keys == [str(item[kind.primary]) for item in document[kind.plural]]

    def test_index(self) -> None:
        """A registry is indexed in iteration order, from the end with negative indexes."""
        events = list(umn.load().events)
        assert umn.load().events[0] is events[0]
        assert umn.load().events[-1] is events[-1]

    def test_contains(self) -> None:
        """`in` takes keys and records; a record of another registry is not in."""
        agencies = umn.agencies
        assert "UNDP" in agencies
        assert "un habitat" in agencies
        assert 13 in umn.objectives
        assert "13" in umn.objectives
        assert 24 not in umn.objectives
        assert agencies.lookup("iom") in agencies
        assert umn.networks.lookup("mozambique") not in agencies
        assert "nothing" not in agencies

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_in_agrees_with_equality(self, kind: Kind[Any]) -> None:
        """A deep copy or an unpickled copy of a record is `in` its registry (fault 12)."""
        registry = umn.load().registry(kind)
        for found in list(registry)[:5]:
            assert copy.deepcopy(found) in registry
            assert pickle.loads(pickle.dumps(found)) in registry  # noqa: S301 - our own

    def test_changed_record_is_not_in(self) -> None:
        """A record with a key of the registry but other fields is not in it."""
        iom = umn.agencies.lookup("IOM")
        changed = umn.Agency(iom.id, iom.acronym, "Another name", iom.kind, iom.sources)
        assert changed not in umn.agencies

    def test_record_with_an_unknown_key_is_not_in(self) -> None:
        """A record whose key names nothing is not in."""
        iom = umn.agencies.lookup("IOM")
        other = umn.Agency("nobody", "NOBODY", "Nobody", iom.kind, iom.sources)
        assert other not in umn.agencies

    def test_filter_by_field(self) -> None:
        """filter(level=...) keeps the records whose field equals the value, in order."""
        regional = umn.networks.filter(level=NetworkLevel.REGIONAL)
        expected = [n for n in umn.networks if n.level is NetworkLevel.REGIONAL]
        assert list(regional) == expected
        assert len(expected) == 6

    @pytest.mark.parametrize("level", list(NetworkLevel), ids=lambda level: level.value)
    def test_filter_takes_the_enum_value(self, level: NetworkLevel) -> None:
        """filter(level="country") is filter(level=NetworkLevel.COUNTRY)."""
        by_value = umn.networks.filter(level=level.value)
        assert list(by_value) == list(umn.networks.filter(level=level))
        assert len(by_value) >= 1

    def test_filter_by_a_plain_field(self) -> None:
        """A field that holds no enum is compared as it is."""
        members = umn.countries.filter(is_member_state=True)
        assert len(members) == 193

    def test_filter_by_predicate(self) -> None:
        """filter(predicate) keeps the records that pass, and looks up like any registry."""
        launched = umn.networks.filter(lambda n: n.launched is not None, level="country")
        assert launched.lookup("MZ") is umn.networks.lookup("MZ")
        assert launched.get("global") is None
        assert launched.kind == "network"
        assert launched.record_type is umn.Network
        for network in launched:
            assert network.launched is not None

    def test_filter_keeps_the_countries(self) -> None:
        """A filtered registry still finds records by country names, and says so on a miss."""
        countries = umn.networks.filter(level="country")
        assert countries.lookup("Ivory Coast").id == "cote-divoire"
        with pytest.raises(umn.NotFoundError) as caught:
            countries.lookup("Guatemala")
        assert caught.value.country is umn.countries.lookup("GT")

    def test_filter_unknown_field(self) -> None:
        """A field the records do not have is a TypeError that names it."""
        with pytest.raises(TypeError, match="network records have no field 'levl'"):
            umn.networks.filter(levl="country")

    def test_filter_unknown_enum_value(self) -> None:
        """A value that is none of the enum's values is a ValueError that lists them."""
        with pytest.raises(ValueError, match="level is one of 'global', 'continental'"):
            umn.networks.filter(level="planetary")

    def test_equality(self) -> None:
        """Registries compare by their kind and records."""
        same = umn.networks.filter()
        assert same == umn.networks
        assert same is not umn.networks
        assert umn.networks != umn.agencies
        assert umn.networks != 1

    def test_hash(self) -> None:
        """Equal registries hash alike."""
        assert hash(umn.networks.filter()) == hash(umn.networks)

    def test_kind_counts_in_equality(self) -> None:
        """Two registries of the same records but of different kinds are not equal."""
        other = _word_kind()._replace(name="letter")
        assert _words("a") != Registry([Word("a")], kind=other)

    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    @pytest.mark.parametrize("plural", ["networks", "objectives", "countries"])
    def test_pickle_any_protocol(self, protocol: int, plural: str) -> None:
        """A registry pickles with every protocol, 0 and 1 included, into an equal registry."""
        registry = umn.load().registry(plural)
        twin = pickle.loads(pickle.dumps(registry, protocol=protocol))  # noqa: S301 - our own
        assert twin == registry
        assert twin.kind == registry.kind

    def test_unpickled_keeps_the_country_fallback(self) -> None:
        """An unpickled network registry still finds networks by their country's names."""
        twin = pickle.loads(pickle.dumps(umn.networks))  # noqa: S301 - our own
        assert twin.lookup("Ivory Coast").id == "cote-divoire"
        with pytest.raises(umn.NotFoundError, match=r"^Guatemala"):
            twin.lookup("Guatemala")

    def test_repr(self) -> None:
        """The repr says how many records of which kind."""
        assert repr(umn.principles) == "<Registry of 10 guiding principle records>"
        assert repr(umn.countries) == f"<Registry of {len(umn.countries)} country records>"

    def test_html(self) -> None:
        """The notebook view is the HTML table in English; its language is checked first."""
        assert umn.principles._repr_html_() == umn.principles.to_html()
        assert umn.principles.to_html(lang="FR") == umn.principles.to_html(lang="fr")
        with pytest.raises(TypeError, match="ISO 639-1"):
            umn.principles.to_html(lang=None)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="ISO 639-1"):
            umn.networks.to_html(lang="french")


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
        keys = ["MZ", "Mozambique", 508, "mozambik", None, ["MZ"], True, 1, 508, "Ivory Coast"]
        assert umn.networks.get_many(keys) == [umn.networks.get(key) for key in keys]

    def test_any_iterable(self) -> None:
        """Keys may come from any iterable: a generator, a tuple, a pandas column."""
        mz = umn.networks.lookup("MZ")
        assert umn.networks.get_many(key for key in ["MZ"]) == [mz]
        assert umn.networks.get_many(("MZ",)) == [mz]
        assert umn.networks.get_many(pd.Series(["MZ", "Mozambique"])) == [mz, mz]

    def test_true_is_not_one(self) -> None:
        """True and 1 are cached apart: 1 is objective 1, True names nothing."""
        one = umn.objectives.lookup(1)
        assert umn.objectives.get_many([1, True, 1]) == [one, None, one]

    @pytest.mark.parametrize("keys", ["IOM", b"IOM"], ids=repr)
    def test_one_string_is_refused(self, keys: str | bytes) -> None:
        """A string given as the keys is a TypeError that says so (issue 21, fault 11)."""
        expected = (
            f"expected a collection of keys (a list, a column), got one {type(keys).__name__} "
            f"({keys!r}): to look up one key, use lookup() or get()"
        )
        with pytest.raises(TypeError) as caught:
            umn.agencies.get_many(keys)
        assert str(caught.value) == expected
        with pytest.raises(TypeError, match="to look up one key"):
            umn.agencies.lookup_many(keys)

    def test_a_long_string_is_quoted_shortened(self) -> None:
        """The message quotes forty characters of the string."""
        with pytest.raises(TypeError, match=rf"\({'x' * 40!r}\)"):
            umn.agencies.get_many("x" * 100)

    def test_lookup_many(self) -> None:
        """Every key found gives the records in order."""
        assert umn.networks.lookup_many(["MZ", "UG", "Ivory Coast"]) == [
            umn.networks.lookup("mozambique"),
            umn.networks.lookup("uganda"),
            umn.networks.lookup("cote-divoire"),
        ]

    def test_lookup_many_misses(self) -> None:
        """One NotFoundError lists every distinct miss, each with its suggestions."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup_many(["MZ", "Mozambik", "Atlantis", "Mozambik", ["x"], ["x"]])
        error = caught.value
        assert error.query == ("Mozambik", "Atlantis", ["x"], ["x"])
        assert [miss.query for miss in error.misses] == ["Mozambik", "Atlantis", ["x"], ["x"]]
        assert error.misses[0].suggestions[0] == "Mozambique"
        assert error.misses[2].suggestions == ()
        assert str(error).startswith("4 of 6 keys name no network: 'Mozambik' (did you mean")

    def test_lookup_many_one_key(self) -> None:
        """The message agrees in number with one key."""
        with pytest.raises(umn.NotFoundError, match=r"^1 of 1 key names no network: 'Atlantis'$"):
            umn.networks.lookup_many(["Atlantis"])

    def test_many_misses_are_counted(self) -> None:
        """A message names ten misses and counts the rest."""
        keys = [f"nowhere {i}" for i in range(12)]
        with pytest.raises(umn.NotFoundError, match=r"and 2 more$"):
            umn.networks.lookup_many(keys)

    def test_lookup_many_error_pickles(self) -> None:
        """The error of a bulk lookup pickles with its misses."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup_many(["Mozambik", "Guatemala"])
        twin = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 - our own
        assert str(twin) == str(caught.value)
        assert twin.misses[1].country == umn.countries.lookup("GT")

    @given(st.lists(lookup_keys, max_size=20))
    def test_get_many_of_any_keys(self, keys: list[object]) -> None:
        """For any list of keys, get_many is a list of what get gives."""
        assert umn.agencies.get_many(keys) == [umn.agencies.get(key) for key in keys]


class TestConstruction:
    """A key may name only one record."""

    def test_duplicate_key(self) -> None:
        """Two records sharing a folded key raise DataError naming both paths."""
        records = [Word("UN Habitat"), Word("other"), Word("un-habitat")]
        with pytest.raises(umn.DataError) as caught:
            Registry(records, kind=WORDS, path="$.agencies")
        [problem] = caught.value.problems
        assert problem.code == "duplicate-key"
        assert problem.path == "$.agencies[2]"
        assert problem.message == (
            "the key 'un-habitat' also names $.agencies[0]; a key must name one record"
        )
        assert str(caught.value) == (
            "1 problem in the data\n"
            "  $.agencies[2]: the key 'un-habitat' also names $.agencies[0]; "
            "a key must name one record [duplicate-key]"
        )

    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    def test_data_error_pickles(self, protocol: int) -> None:
        """The error pickles with its problems and message."""
        with pytest.raises(umn.DataError) as caught:
            Registry([Word("a"), Word("A")], kind=WORDS)
        twin = pickle.loads(pickle.dumps(caught.value, protocol=protocol))  # noqa: S301
        assert twin.problems == caught.value.problems
        assert str(twin) == str(caught.value)
        assert isinstance(twin, ValueError)

    def test_every_duplicate_is_reported(self) -> None:
        """Each clash is a problem; the path defaults to the kind's array."""
        records = [Word("a1"), Word("A1"), Word("b2"), Word("B-2")]
        with pytest.raises(umn.DataError) as caught:
            Registry(records, kind=WORDS)
        assert [p.path for p in caught.value.problems] == ["$.words[1]", "$.words[3]"]

    def test_repeated_key_of_one_record(self) -> None:
        """One record giving the same key twice, None or keys that fold to nothing, is fine."""
        kind = _word_kind(lambda word: (word.text, word.text.upper(), None, "--", ""))
        words = Registry([Word("UN-Habitat")], kind=kind)
        assert _texts(words) == ["UN-Habitat"]
        assert words.lookup("UNHABITAT").text == "UN-Habitat"

    def test_empty(self) -> None:
        """A registry may be empty."""
        empty = Registry(kind=WORDS)
        assert len(empty) == 0
        assert empty.get("x") is None
        assert empty.search("x") == []


class TestLazily:
    """A registry over records read on first use: an exact lookup reads no more."""

    def test_exact_lookup_reads_one(self) -> None:
        """Lookups by key and by country read no records beyond the one they return."""
        lazy, networks = _lazy_networks()
        assert networks.lookup("MZ").id == "mozambique"
        assert networks.lookup("Ivory Coast").id == "cote-divoire"
        assert networks.get("x" * 2000) is None
        assert lazy.reads == 0

    def test_miss_on_a_country(self) -> None:
        """A country without a record is told apart without reading every record."""
        lazy, networks = _lazy_networks()
        with pytest.raises(umn.NotFoundError, match=r"^Guatemala .* none here$"):
            networks.lookup("Guatemala")
        assert networks.get("Atlantis") is None
        assert lazy.reads == 0

    def test_whole_once(self) -> None:
        """len, iteration and search read every record, once."""
        lazy, networks = _lazy_networks()
        assert len(networks) == len(umn.networks)
        assert list(networks) == list(umn.networks)
        assert networks.search("mozambik")[0].id == "mozambique"
        assert networks.lookup("MZ").id == "mozambique"
        assert lazy.reads == 1

    def test_first_use_from_many_threads(self) -> None:
        """Threads that first touch a lazy registry at once all see every record."""
        lazy, networks = _lazy_networks()
        barrier = threading.Barrier(16)
        counts: list[int] = []

        def worker() -> None:
            barrier.wait()
            counts.append(len(networks))

        threads = [threading.Thread(target=worker) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert counts == [len(umn.networks)] * 16
        assert lazy.reads == 1

    def test_a_thread_waiting_for_the_lock_finds_the_records_read(self) -> None:
        """A thread that waited while another read the records uses what that one read."""
        lazy, networks = _lazy_networks()
        counts: list[int] = []
        with lazy.lock:
            thread = threading.Thread(target=lambda: counts.append(len(networks)))
            thread.start()
            wait_until_blocked(thread, "_all")
            assert len(networks) == len(umn.networks)
        thread.join()
        assert counts == [len(umn.networks)]
        assert lazy.reads == 1
