"""Tests for `un_migration_network._countries`: the Country kind and `umn.countries`."""

from __future__ import annotations

from typing import Any, assert_type

import pytest

import un_migration_network as umn
from un_migration_network._countries import COUNTRIES
from un_migration_network._normalize import normalize, variants

_LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")


def _states() -> list[umn.State]:
    """The States the Compact's vote names."""
    return [*umn.compact.voted_against, *umn.compact.abstained]


class TestTheRegistry:
    """umn.countries holds every country or area of M49, and Kosovo."""

    def test_count(self) -> None:
        """The 249 rows of the M49 table, and Kosovo."""
        assert len(umn.countries) == 250

    def test_member_states(self) -> None:
        """193 of them are the UN Member States."""
        assert sum(country.is_member_state for country in umn.countries) == 193

    def test_order(self) -> None:
        """Countries come in the order of their alpha-2 codes."""
        codes = [country.alpha2 for country in umn.countries]
        assert codes == sorted(codes)

    def test_kosovo(self) -> None:
        """Kosovo has a user-assigned code, no alpha-3 or M49 code, and is no Member State."""
        kosovo = umn.countries.lookup("XK")
        assert kosovo.name == "Kosovo"
        assert kosovo.is_code_user_assigned is True
        assert kosovo.alpha3 is None
        assert kosovo.m49 is None
        assert kosovo.is_member_state is False

    def test_only_kosovo_is_user_assigned(self) -> None:
        """No other code is user-assigned."""
        assigned = [c.alpha2 for c in umn.countries if c.is_code_user_assigned]
        assert assigned == ["XK"]

    def test_codes(self) -> None:
        """Codes have their ISO and M49 forms, and each names one country."""
        alpha3 = [c.alpha3 for c in umn.countries if c.alpha3 is not None]
        m49 = [c.m49 for c in umn.countries if c.m49 is not None]
        for country in umn.countries:
            assert len(country.alpha2) == 2
            assert country.alpha2.isascii()
            assert country.alpha2.isupper()
        for code in alpha3:
            assert len(code) == 3
            assert code.isupper()
        for number in m49:
            assert 0 < number < 1000
        assert len(set(alpha3)) == len(alpha3)
        assert len(set(m49)) == len(m49)

    def test_every_country_has_a_source(self) -> None:
        """Every country names its sources; the Member States the M49 page among them."""
        m49 = umn.load().sources.lookup("unsd-m49")
        for country in umn.countries:
            assert country.sources, country.alpha2
        for country in umn.countries.filter(is_member_state=True):
            assert m49 in country.sources, country.alpha2

    def test_types(self) -> None:
        """The countries registry's return types."""
        assert_type(umn.countries, umn.Registry[umn.Country])
        assert_type(umn.countries.lookup("KE"), umn.Country)
        assert_type(umn.countries.lookup("KE").name_in("fr"), str | None)
        assert_type(umn.countries.lookup("KE").formal_name_in("fr"), str | None)


class TestFields:
    """The contract's fields, as the tables give them."""

    def test_kenya(self) -> None:
        """Kenya's codes, names and groupings."""
        kenya = umn.countries.lookup("Kenya")
        assert kenya.alpha2 == "KE"
        assert kenya.alpha3 == "KEN"
        assert kenya.m49 == 404
        assert kenya.name == "Kenya"
        assert kenya.formal_name == "the Republic of Kenya"
        assert kenya.region == "Africa"
        assert kenya.sub_region == "Sub-Saharan Africa"
        assert kenya.intermediate_region == "Eastern Africa"
        assert kenya.is_member_state is True

    @pytest.mark.parametrize(
        ("key", "ldc", "lldc", "sids"),
        [
            ("Afghanistan", True, True, False),
            ("Fiji", False, False, True),
            ("Kenya", False, False, False),
            ("Eswatini", False, True, False),
        ],
    )
    def test_groupings(self, key: str, ldc: bool, lldc: bool, sids: bool) -> None:
        """The M49 flags of the Least Developed, Land Locked and Small Island States."""
        country = umn.countries.lookup(key)
        assert country.is_ldc is ldc
        assert country.is_lldc is lldc
        assert country.is_sids is sids

    def test_no_intermediate_region(self) -> None:
        """A region M49 does not divide has no intermediate region."""
        assert umn.countries.lookup("Afghanistan").intermediate_region is None

    def test_no_formal_name(self) -> None:
        """An area UNTERM does not list has no formal name, in any language."""
        anguilla = umn.countries.lookup("AI")
        assert anguilla.formal_name is None
        for lang in _LANGUAGES:
            assert anguilla.formal_name_in(lang) is None

    def test_representative_point(self) -> None:
        """A representative point for a map of dots."""
        kenya = umn.countries.lookup("KE")
        assert kenya.latitude == pytest.approx(0.53, abs=0.01)
        assert kenya.longitude == pytest.approx(37.86, abs=0.01)

    @pytest.mark.parametrize(
        ("key", "alias"),
        [("CI", "Ivory Coast"), ("SZ", "Swaziland"), ("TR", "Turkey"), ("CD", "DR Congo")],
    )
    def test_aliases(self, key: str, alias: str) -> None:
        """Names the sources write beside the standards' are aliases, each cited."""
        country = umn.countries.lookup(key)
        assert alias in country.aliases or any(n.text == alias for n in country.names)
        assert umn.countries.lookup(alias) is country

    def test_aliases_are_cited(self) -> None:
        """Every country with aliases cites a source for them."""
        for country in umn.countries:
            if country.aliases:
                assert country.cite("aliases"), country.alpha2


class TestLookup:
    """Every name is a key, in every language; codes in every form."""

    @pytest.mark.parametrize(
        ("key", "alpha2"),
        [
            ("Gambia", "GM"),
            ("The Gambia", "GM"),
            ("the Gambia", "GM"),
            ("Gambia (the)", "GM"),
            ("Republic of the Gambia", "GM"),
            ("Kyrgyz Republic", "KG"),
            # An article people write before a name that has none: tried without it.
            ("THE Angola", "AO"),
            ("the Japan", "JP"),
            ("Republic of Kenya", "KE"),
            ("the Republic of Kenya", "KE"),
            ("Tchéquie", "CZ"),
            ("Czech Republic", "CZ"),
            ("Ivory Coast", "CI"),
            ("Côte d'Ivoire", "CI"),
            ("Tchad", "TD"),
            ("Marruecos", "MA"),
            ("Moldova", "MD"),
            ("Tanzania", "TZ"),
            ("Turkey", "TR"),
            ("冈比亚", "GM"),
            ("肯尼亚共和国", "KE"),
            ("غامبيا", "GM"),
            ("جمهورية كينيا", "KE"),
            ("Кения", "KE"),
            ("埃及", "EG"),
            ("Netherlands (Kingdom of the)", "NL"),
            ("Kingdom of the Netherlands", "NL"),
        ],
    )
    def test_names(self, key: str, alpha2: str) -> None:
        """Short, formal and alternative names, with their articles folded."""
        assert umn.countries.lookup(key).alpha2 == alpha2

    @pytest.mark.parametrize(
        ("key", "alpha2"),
        [
            ("KE", "KE"),
            ("ke", "KE"),
            ("KEN", "KE"),
            (404, "KE"),
            ("404", "KE"),
            ("004", "AF"),
            (4, "AF"),
            ("4", "AF"),
            ("031", "AZ"),
            ("XK", "XK"),
        ],
        ids=repr,
    )
    def test_codes(self, key: str | int, alpha2: str) -> None:
        """ISO alpha-2 and alpha-3 codes, and M49 codes as numbers or with three digits."""
        assert umn.countries.lookup(key).alpha2 == alpha2

    def test_every_name_in_every_language(self) -> None:
        """Every name of every country, with its article folded, finds that country."""
        for country in umn.countries:
            texts = [country.name, *(name.text for name in country.names)]
            for text in texts:
                for variant in variants(text):
                    assert umn.countries.lookup(variant) is country, (country.alpha2, variant)
            if country.formal_name is not None:
                for variant in variants(country.formal_name, formal=True):
                    assert umn.countries.lookup(variant) is country, (country.alpha2, variant)

    def test_every_alias_as_written(self) -> None:
        """Every alias finds its country as the source writes it."""
        for country in umn.countries:
            for alias in country.aliases:
                assert umn.countries.lookup(alias) is country, (country.alpha2, alias)

    def test_every_m49_code_with_three_digits(self) -> None:
        """Every M49 code finds its country written with three digits."""
        for country in umn.countries:
            if country.m49 is not None:
                assert umn.countries.lookup(f"{country.m49:03d}") is country

    def test_minus_is_not_a_code(self) -> None:
        """A minus sign before a number is kept: -4 is not the M49 code 4."""
        assert umn.countries.get("-4") is None
        assert umn.countries.get(-4) is None

    def test_keys_of_the_kind(self) -> None:
        """The kind's keys: codes first, then the names and their variants, then aliases."""
        gambia = umn.countries.lookup("GM")
        keys = list(COUNTRIES.keys(gambia))
        assert keys[:4] == ["GM", "GMB", 270, "270"]
        assert "the Republic of the Gambia" in keys
        assert "Republic of the Gambia" in keys
        assert keys[-1] == gambia.aliases[-1]

    def test_kosovo_keys(self) -> None:
        """A country without alpha-3 or M49 code has None for them, and no three digits."""
        keys = list(COUNTRIES.keys(umn.countries.lookup("XK")))
        assert keys[:4] == ["XK", None, None, "Kosovo"]

    def test_typo_suggests_the_country(self) -> None:
        """A misspelt name suggests the country (a word of a name may be misspelt)."""
        assert umn.countries.suggest("Guatamala")[0] == "Guatemala"
        assert umn.countries.search("Republic of Kenia")[0] is umn.countries.lookup("KE")


class TestNamesInLanguages:
    """name_in and formal_name_in, for the six UN languages."""

    @pytest.mark.parametrize(
        ("lang", "name", "formal"),
        [
            ("en", "Gambia", "the Republic of the Gambia"),
            ("fr", "Gambie", "la République de Gambie"),
            ("es", "Gambia", "la República de Gambia"),
            ("ru", "Гамбия", "Республика Гамбия"),
            ("zh", "冈比亚", "冈比亚共和国"),
            ("ar", "غامبيا", "جمهورية غامبيا"),
        ],
    )
    def test_gambia(self, lang: str, name: str, formal: str) -> None:
        """The Gambia's short and formal names in the six languages."""
        gambia = umn.countries.lookup("GM")
        assert gambia.name_in(lang) == name
        assert gambia.formal_name_in(lang) == formal

    def test_english_is_the_field(self) -> None:
        """In English, name_in and formal_name_in give the fields themselves."""
        for country in umn.countries:
            assert country.name_in("en") == country.name
            assert country.formal_name_in("en") == country.formal_name

    @pytest.mark.parametrize("lang", _LANGUAGES[1:])
    def test_m49_first(self, lang: str) -> None:
        """The short name in a language is the M49 name where M49 gives one, else UNTERM's."""
        for country in umn.countries:
            names = [n for n in country.names if n.lang == lang and n.field == "name"]
            m49: list[str | None] = [n.text for n in names if n.scheme == "m49"]
            expected = (m49 or [n.text for n in names] or [None])[0]
            assert country.name_in(lang) == expected, country.alpha2

    def test_member_states_in_every_language(self) -> None:
        """Every Member State has a short name in each of the six languages."""
        for country in umn.countries.filter(is_member_state=True):
            for lang in _LANGUAGES:
                assert country.name_in(lang), (country.alpha2, lang)

    def test_formal_names_where_a_source_gives_them(self) -> None:
        """A formal name in a language is a name a source gives, or None."""
        for country in umn.countries:
            for lang in _LANGUAGES[1:]:
                given = [n.text for n in country.names if n.lang == lang]
                formal = country.formal_name_in(lang)
                assert formal is None or formal in given, (country.alpha2, lang)

    def test_languages(self) -> None:
        """A Member State has names in the six languages."""
        assert umn.countries.lookup("KE").languages() == ("en", "ar", "es", "fr", "ru", "zh")

    def test_names_cite_their_tables(self) -> None:
        """A name cites the tables it was read from, each of them a source of the country."""
        kenya = umn.countries.lookup("KE")
        [formal] = [n for n in kenya.names if n.lang == "zh" and n.field == "formal_name"]
        assert formal.scheme == "unterm"
        assert formal.sources
        for source in formal.sources:
            assert source in kenya.sources
        assert kenya.cite("formal_name", lang="zh") == formal.sources

    def test_names_are_unique(self) -> None:
        """No name is listed twice for one language, field and naming standard."""
        for country in umn.countries:
            seen = [(n.lang, n.field, n.scheme, n.text) for n in country.names]
            assert len(set(seen)) == len(seen), country.alpha2

    @pytest.mark.parametrize("lang", [None, 3], ids=repr)
    def test_language_not_text(self, lang: object) -> None:
        """A language that is not a string is a TypeError."""
        with pytest.raises(TypeError, match="ISO 639-1"):
            umn.countries.lookup("KE").name_in(lang)  # type: ignore[arg-type]

    def test_language_not_a_code(self) -> None:
        """A language that is no ISO 639-1 code is a ValueError."""
        with pytest.raises(ValueError, match="ISO 639-1"):
            umn.countries.lookup("KE").formal_name_in("french")


class TestOneCountryEverywhere:
    """Network.country, Champion.country and State.country are the records of umn.countries."""

    def test_networks(self) -> None:
        """Every country network's country is the very record of umn.countries."""
        found = 0
        for network in umn.networks:
            if network.country is not None:
                found += 1
                assert network.country is umn.countries.lookup(network.country.alpha2)
        assert found == len(umn.networks.filter(level="country"))

    def test_champions(self) -> None:
        """Every Champion's country is the very record of umn.countries."""
        for champion in umn.champions:
            assert champion.country is umn.countries.lookup(champion.country.alpha2)

    def test_states(self) -> None:
        """Every State of the vote names the very record of umn.countries."""
        states = _states()
        assert states
        for state in states:
            assert state.country is not None
            assert state.country is umn.countries.lookup(state.country.alpha2)

    def test_a_state_as_written(self) -> None:
        """A State keeps the name its source writes beside the country."""
        [czech] = [s for s in _states() if s.as_written == "Czech Republic"]
        assert czech.country is umn.countries.lookup("Czechia")

    def test_in_the_dataset(self) -> None:
        """The dataset's countries are umn.countries."""
        assert umn.load().countries is umn.countries


class TestText:
    """A country prints by its name; pages show it by its name and codes."""

    def test_str(self) -> None:
        """str() is the M49 short name."""
        assert str(umn.countries.lookup("CI")) == "Côte d’Ivoire"

    @pytest.mark.parametrize(("lang", "expected"), [("en", "Gambia"), ("fr", "Gambie")])
    def test_short(self, lang: str, expected: str) -> None:
        """The short form is the name in the language."""
        assert umn.countries.lookup("GM")._short(lang) == expected

    def test_short_falls_back_to_english(self) -> None:
        """Where no source gives the language, the English name."""
        assert umn.countries.lookup("GM")._short("de") == "Gambia"

    @pytest.mark.parametrize(
        ("key", "expected"), [("GM", "Gambia (GM, GMB)"), ("XK", "Kosovo (XK)")]
    )
    def test_long(self, key: str, expected: str) -> None:
        """The long form adds the codes it has."""
        assert umn.countries.lookup(key)._long("en") == expected

    def test_repr(self) -> None:
        """The repr names the codes and the name."""
        assert (
            repr(umn.countries.lookup("XK")) == "Country(alpha2='XK', name='Kosovo', alpha3=None)"
        )


class TestKind:
    """The Country kind, described once."""

    def test_kind(self) -> None:
        """Its names, its key and its rank below networks and Champions."""
        assert COUNTRIES.name == "country"
        assert COUNTRIES.plural == "countries"
        assert COUNTRIES.primary == "alpha2"
        assert COUNTRIES.rank == 2
        assert COUNTRIES.is_referenced is True
        assert COUNTRIES.is_required is False
        assert COUNTRIES.has_country is False

    def test_subject(self) -> None:
        """Validation reports a country under "country-" and its code."""
        assert COUNTRIES.subject(umn.countries.lookup("KE")) == "country-KE"

    @pytest.mark.parametrize(
        ("key", "row"),
        [
            ("KE", ["KE", "KEN", "404", "Kenya", "Africa", True]),
            ("AF", ["AF", "AFG", "004", "Afghanistan", "Asia", True]),
            ("XK", ["XK", None, None, "Kosovo", "Europe", False]),
        ],
    )
    def test_columns(self, key: str, row: list[Any]) -> None:
        """The summary columns: codes, the M49 code with three digits, name, region, member."""
        country = umn.countries.lookup(key)
        assert [column.read(country, "en") for column in COUNTRIES.columns] == row

    def test_name_column_in_a_language(self) -> None:
        """The name column shows the name in the language asked for."""
        [name] = [c for c in COUNTRIES.columns if c.header == "name"]
        assert name.read(umn.countries.lookup("GM"), "fr") == "Gambie"

    def test_order(self) -> None:
        """The document's order is by alpha-2 code."""
        assert COUNTRIES.order(umn.countries.lookup("KE")) == "KE"

    def test_folded_keys_are_unique_per_country(self) -> None:
        """No folded key of one country is a key of another."""
        owner: dict[str, str] = {}
        for country in umn.countries:
            for key in COUNTRIES.keys(country):
                if key is None:
                    continue
                folded = normalize(str(key))
                assert owner.setdefault(folded, country.alpha2) == country.alpha2, key
