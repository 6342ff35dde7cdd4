"""The public API contract of DESIGN.md, used as a user's script would use it.

mypy --strict checks this file with the rest of the tests, so every name of the contract, the
module-level registries included, is pinned to its type here as well as to its behaviour.
`TestSecondRelease` and `TestThirdRelease` cover the "Contract additions" of those releases.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
from typing import TYPE_CHECKING, assert_type

import pytest

import un_migration_network as umn
from un_migration_network import (
    Agency,
    Champion,
    Compact,
    Country,
    DataError,
    Dataset,
    DatasetDiff,
    DateSpan,
    Event,
    ExecutiveCommittee,
    GuidingPrinciple,
    MigrationNetworkError,
    Network,
    NetworkLevel,
    NotFoundError,
    Objective,
    Observation,
    Problem,
    Registry,
    Source,
    ValidationReport,
    Vote,
)

if TYPE_CHECKING:
    from un_migration_network._dataset import Found  # noqa: F401 - assert_type names it


# The columns the contract names for the countries table (DESIGN.md, third release).
COUNTRY_COLUMNS = [
    "alpha2",
    "alpha3",
    "m49",
    "name",
    "region",
    "sub_region",
    "is_member_state",
    "is_ldc",
    "is_lldc",
    "is_sids",
    "network",
    "champion",
    "gcm_vote",
]


class TestModuleLevel:
    """The names a user reaches on the package itself."""

    def test_registries(self) -> None:
        """The registries and the two single records over the bundled data."""
        assert_type(umn.agencies, Registry[Agency])
        assert_type(umn.networks, Registry[Network])
        assert_type(umn.objectives, Registry[Objective])
        assert_type(umn.principles, Registry[GuidingPrinciple])
        assert_type(umn.champions, Registry[Champion])
        assert_type(umn.countries, Registry[Country])
        assert_type(umn.executive_committee, ExecutiveCommittee)
        assert_type(umn.compact, Compact)
        assert len(umn.objectives) == 23
        assert len(umn.principles) == 10
        assert umn.networks is umn.load().networks
        assert umn.champions is umn.load().champions
        assert umn.countries is umn.load().countries

    @pytest.mark.parametrize("name", umn.__all__)
    def test_every_public_name(self, name: str) -> None:
        """Every name of ``__all__`` is there (names made on first use included)."""
        assert hasattr(umn, name)

    def test_dir(self) -> None:
        """``dir(umn)`` is the public names, none of the module's own helpers (issue 22)."""
        assert dir(umn) == sorted(umn.__all__)

    def test_unknown_name(self) -> None:
        """A name that is not public is an AttributeError that names it."""
        with pytest.raises(AttributeError, match="has no attribute 'Nothing'"):
            _ = umn.Nothing

    def test_load_and_validate(self) -> None:
        """load() is cached; validate() reports on it; __version__ is a string."""
        dataset = assert_type(umn.load(), Dataset)
        assert dataset is umn.load()
        report = assert_type(umn.validate(), ValidationReport)
        assert report == umn.validate(dataset)
        assert assert_type(umn.__version__, str) == importlib.metadata.version(
            "un-migration-network"
        )

    def test_load_dataset(self) -> None:
        """load_dataset() takes a parsed document and gives a new, equal dataset."""
        mine = assert_type(umn.load_dataset(json.loads(umn.load().to_json())), Dataset)
        assert mine == umn.load()
        assert mine is not umn.load()


class TestDoneWhen:
    """The checks that close the issues, verbatim."""

    def test_mozambique_launch(self) -> None:
        """Mozambique's network was launched on 15 February 2022."""
        launched = umn.networks.lookup("mozambique").launched
        assert launched is not None
        assert launched.earliest == dt.date(2022, 2, 15)

    def test_un_habitat_spellings(self) -> None:
        """Two spellings of UN-Habitat find the same record."""
        assert umn.agencies.lookup("UN Habitat") is umn.agencies.lookup("UN-HABITAT")

    def test_did_you_mean(self) -> None:
        """A misspelt country suggests the right one."""
        with pytest.raises(NotFoundError) as caught:
            umn.networks.lookup("Mozambik")
        assert "did you mean 'Mozambique'" in str(caught.value)

    def test_coverage(self) -> None:
        """At least 60 country networks, six regional, one continental."""
        levels = [n.level for n in umn.networks]
        assert levels.count(NetworkLevel.COUNTRY) >= 60
        assert levels.count(NetworkLevel.REGIONAL) == 6
        assert levels.count(NetworkLevel.CONTINENTAL) == 1

    def test_languages(self) -> None:
        """The languages issue's four checks."""
        assert umn.agencies.lookup("OIT").acronym == "ILO"
        assert umn.networks.lookup("Red de las Naciones Unidas sobre la Migración").id == "global"
        assert umn.objectives.lookup(1).short_label_in("es") == "Datos"
        assert umn.compact.name_in("fr") == (
            "Pacte mondial pour des migrations sûres, ordonnées et régulières"
        )

    def test_events_frame(self) -> None:
        """`umn.load().events.to_dataframe()` works; the networks' members are lists of ids.

        A member list no source gives is missing, never an empty list (unknown is not zero).
        """
        assert len(umn.load().events.to_dataframe()) == len(umn.load().events)
        members = umn.networks.to_dataframe()["members"]
        wrong = [
            (network.id, value)
            for network, value in zip(umn.networks, members, strict=True)
            if value != ([agency.id for agency in network.members] if network.members else None)
        ]
        assert wrong == []

    def test_every_span_parses_back(self) -> None:
        """`DateSpan.parse(str(s)) == s` for every span in the bundled data."""
        spans = [
            value
            for _, record in umn.load().walk()
            for value in (getattr(record, f, None) for f in dir(record) if not f.startswith("_"))
            if isinstance(value, DateSpan)
        ]
        assert len(spans) > 100
        assert [s for s in spans if DateSpan.parse(str(s)) != s] == []


class TestRecords:
    """Every attribute of the first contract, with its type."""

    def test_registry(self) -> None:
        """lookup, get, search, len, iter and in."""
        registry = umn.agencies
        assert_type(registry.lookup("IOM"), Agency)
        assert_type(registry.get("nothing"), Agency | None)
        assert_type(registry.search("habitat", limit=2), list[Agency])
        assert "IOM" in registry
        assert len(list(iter(registry))) == len(registry)

    def test_dataset(self) -> None:
        """Dataset's attributes."""
        dataset = umn.load()
        assert_type(dataset.agencies, Registry[Agency])
        assert_type(dataset.networks, Registry[Network])
        assert_type(dataset.objectives, Registry[Objective])
        assert_type(dataset.principles, Registry[GuidingPrinciple])
        assert_type(dataset.executive_committee, ExecutiveCommittee)
        assert_type(dataset.compact, Compact)
        assert_type(dataset.sources, Registry[Source])
        assert assert_type(dataset.as_of, dt.date) == dt.date(2026, 12, 7)

    def test_agency(self) -> None:
        """Agency's attributes."""
        iom = umn.agencies.lookup("iom")
        assert assert_type(iom.id, str) == "iom"
        assert assert_type(iom.acronym, str) == "IOM"
        assert assert_type(iom.name, str) == "International Organization for Migration"
        assert "OIM" in assert_type(iom.aliases, tuple[str, ...])
        assert assert_type(iom.kind, umn.AgencyKind) is umn.AgencyKind.RELATED_ORGANIZATION
        assert assert_type(iom.website, str | None) == "http://www.iom.int/"
        assert assert_type(iom.sources, tuple[Source, ...])

    def test_network(self) -> None:
        """Network's attributes."""
        mz = umn.networks.lookup("MOZ")
        assert assert_type(mz.level, NetworkLevel) is NetworkLevel.COUNTRY
        assert assert_type(mz.country_code, str | None) == "MZ"
        assert assert_type(mz.launched, DateSpan | None) == DateSpan.parse("2022-02-15")
        assert len(assert_type(mz.members, tuple[Agency, ...])) == 13
        assert assert_type(mz.declared_member_count, int | None) == 11
        assert mz.id == "mozambique"
        assert mz.name == "United Nations Network on Migration in Mozambique"
        assert any(s.url.startswith("https://mozambique.iom.int/") for s in mz.sources)
        assert umn.networks.lookup("global").country_code is None

    def test_date_span(self) -> None:
        """DateSpan's attributes: a year spans the year; a day is exact."""
        year = DateSpan.parse("2020")
        assert assert_type(year.earliest, dt.date) == dt.date(2020, 1, 1)
        assert assert_type(year.latest, dt.date) == dt.date(2020, 12, 31)
        assert assert_type(year.is_exact, bool) is False
        assert DateSpan.parse("2022-02-15").is_exact

    def test_executive_committee(self) -> None:
        """ExecutiveCommittee's attributes: WHO joined between 2019 and 2021."""
        committee = umn.executive_committee
        members = assert_type(committee.members, tuple[Agency, ...])
        before = assert_type(committee.members_on(dt.date(2019, 11, 14)), tuple[Agency, ...])
        who = umn.agencies.lookup("WHO")
        assert who in members
        assert who not in before
        assert len(members) == 9
        assert len(before) == 8
        assert assert_type(committee.coordinator, Agency).acronym == "IOM"
        assert assert_type(committee.sources, tuple[Source, ...])

    def test_objective_and_principle(self) -> None:
        """Objective's and GuidingPrinciple's attributes."""
        thirteen = umn.objectives.lookup("Alternatives to detention")
        assert assert_type(thirteen.number, int) == 13
        assert assert_type(thirteen.paragraph, int) == 29
        assert assert_type(thirteen.title, str).startswith("Use migration detention")
        assert assert_type(thirteen.short_label, str) == "Alternatives to detention"
        assert assert_type(thirteen.sources, tuple[Source, ...])
        first = umn.principles.lookup("a")
        assert assert_type(first.letter, str) == "a"
        assert assert_type(first.name, str) == "People-centred"
        assert assert_type(first.sources, tuple[Source, ...])

    def test_compact(self) -> None:
        """Compact's attributes, its vote included."""
        compact = umn.compact
        assert assert_type(compact.adopted, dt.date) == dt.date(2018, 12, 10)
        assert assert_type(compact.endorsed, dt.date) == dt.date(2018, 12, 19)
        assert assert_type(compact.resolution, str) == "A/RES/73/195"
        vote = assert_type(compact.vote, Vote)
        assert vote == Vote(152, 5, 12, 24)
        assert assert_type(compact.sources, tuple[Source, ...])

    def test_source(self) -> None:
        """Source's attributes."""
        seed = umn.load().sources.lookup("seed-iom-mozambique-2022")
        assert assert_type(seed.id, str) == "seed-iom-mozambique-2022"
        assert assert_type(seed.title, str | None) == (
            "UN Network for Migration in Mozambique officially launched"
        )
        assert assert_type(seed.url, str).startswith("https://")
        assert assert_type(seed.publisher, str | None) == "IOM Mozambique"
        assert assert_type(seed.published, dt.date | None) is None

    def test_validation_report(self) -> None:
        """ValidationReport's and Problem's attributes."""
        report = umn.validate()
        assert assert_type(report.ok, bool)
        assert assert_type(report.errors, tuple[Problem, ...]) == ()
        warnings = assert_type(report.warnings, tuple[Problem, ...])
        warning = next(w for w in warnings if w.code == "conflated-figure")
        assert assert_type(warning.subject, str) == "gcm-states-adopting-seed-152"
        assert assert_type(warning.message, str)


class TestSecondRelease:
    """The contract additions of the second release."""

    def test_dataset_registries(self) -> None:
        """champions, and events, observations and sources as registries looked up by id."""
        dataset = umn.load()
        assert_type(dataset.champions, Registry[Champion])
        assert_type(dataset.events, Registry[Event])
        assert_type(dataset.observations, Registry[Observation])
        kick_off = dataset.events.lookup("mozambique-kick-off-meeting")
        assert kick_off.date == DateSpan.parse("2022-02-16")
        assert dataset.observations.lookup("member-entities-2024-10-04").value == 39

    def test_networks_on_and_of(self) -> None:
        """networks_on(day) and networks_of(agency) are tuples of networks."""
        dataset = umn.load()
        on = assert_type(dataset.networks_on(dt.date(2022, 2, 15)), tuple[Network, ...])
        assert umn.networks.lookup("mozambique") in on
        assert umn.networks.lookup("mozambique") not in dataset.networks_on("2022-02-14")
        of = assert_type(dataset.networks_of("UN-Habitat"), tuple[Network, ...])
        assert umn.networks.lookup("mozambique") in of

    def test_network_additions(self) -> None:
        """CONTINENTAL, first_evidenced, co_chairs; launched only for a launch."""
        continental = umn.networks.lookup("Continental UN Network on Migration for Africa")
        assert continental.level is NetworkLevel.CONTINENTAL
        co_chairs = assert_type(continental.co_chairs, tuple[Agency, ...])
        assert [a.acronym for a in co_chairs] == ["IOM", "ECA"]
        algeria = umn.networks.lookup("Algeria")
        assert assert_type(algeria.first_evidenced, DateSpan | None) == DateSpan.parse("2024-08")
        assert algeria.launched is None
        assert umn.networks.lookup("Niger").co_chairs != ()

    def test_champion(self) -> None:
        """Champion: .country .since .sources, looked up like networks."""
        champion = umn.champions.lookup("BGD")
        assert assert_type(champion.country, Country).name == "Bangladesh"
        assert assert_type(champion.since, DateSpan | None) == DateSpan.parse("2020-07")
        assert assert_type(champion.sources, tuple[Source, ...])

    def test_cite(self) -> None:
        """cite(field): the sources of that field, each in .sources; ValueError for no field."""
        mz = umn.networks.lookup("mozambique")
        cited = assert_type(mz.cite("launched"), tuple[Source, ...])
        assert [s.id for s in cited] == ["seed-iom-mozambique-2022"]
        assert all(s in mz.sources for s in cited)
        assert mz.cite("decided") == ()
        with pytest.raises(ValueError, match="no field"):
            mz.cite("nonsense")

    def test_names_in_languages(self) -> None:
        """The *_in(lang) methods; "en" gives the English; None where no source gives it."""
        unhcr = umn.agencies.lookup("UNHCR")
        assert assert_type(unhcr.name_in("en"), str | None) == unhcr.name
        assert assert_type(unhcr.acronym_in("es"), str | None) == "ACNUR"
        assert umn.networks.lookup("global").name_in("fr") == (
            "Réseau des Nations Unies sur les migrations"
        )
        assert assert_type(umn.objectives.lookup(13).title_in("zh"), str | None) is None
        assert umn.objectives.lookup(8).short_label_in("fr")
        assert assert_type(umn.principles.lookup("h").name_in("es"), str | None)
        assert assert_type(umn.compact.name_in("es"), str | None)

    def test_every_lookup_in_every_language(self) -> None:
        """A record is found by its names in any language."""
        assert umn.agencies.lookup("ACNUR").id == "unhcr"
        french = umn.principles.lookup("h").name_in("fr")
        assert french is not None
        assert umn.principles.lookup(french).letter == "h"

    def test_date_span_text(self) -> None:
        """str(span) parses back, inferred ranges included."""
        span = DateSpan(dt.date(2021, 3, 18), dt.date(2021, 6, 24), is_inferred=True)
        assert str(span) == "2021-03-18/2021-06-24 (inferred)"
        assert DateSpan.parse(str(span)) == span

    def test_members_on(self) -> None:
        """members_on takes a date or an ISO 8601 string; anything else is a TypeError."""
        committee = umn.executive_committee
        assert committee.members_on("2019-11-14") == committee.members_on(dt.date(2019, 11, 14))
        with pytest.raises(TypeError, match="expected the day"):
            committee.members_on(20191114)  # type: ignore[arg-type]


class TestThirdRelease:
    """The contract additions of the third release: countries, diff, the cross-kind lookup."""

    def test_countries(self) -> None:
        """Every country or area of M49 (249 rows) and Kosovo; the 193 Member States."""
        countries = assert_type(umn.countries, Registry[Country])
        assert len(countries) == 250
        assert sum(country.is_member_state for country in countries) == 193
        assert countries.lookup("XK").name == "Kosovo"

    def test_country_fields(self) -> None:
        """Country's attributes, each with its type."""
        guatemala = umn.countries.lookup("Guatemala")
        assert assert_type(guatemala.alpha2, str) == "GT"
        assert assert_type(guatemala.alpha3, str | None) == "GTM"
        assert assert_type(guatemala.m49, int | None) == 320
        assert assert_type(guatemala.name, str) == "Guatemala"
        assert assert_type(guatemala.formal_name, str | None) == "the Republic of Guatemala"
        assert assert_type(guatemala.region, str | None) == "Americas"
        assert assert_type(guatemala.sub_region, str | None) == "Latin America and the Caribbean"
        assert assert_type(guatemala.intermediate_region, str | None) == "Central America"
        assert assert_type(guatemala.is_member_state, bool) is True
        assert assert_type(guatemala.is_ldc, bool) is False
        assert assert_type(guatemala.is_lldc, bool) is False
        assert assert_type(guatemala.is_sids, bool) is False
        assert assert_type(guatemala.aliases, tuple[str, ...]) == ()
        assert assert_type(guatemala.sources, tuple[Source, ...])
        assert {name.lang for name in assert_type(guatemala.names, tuple[umn.Name, ...])} == {
            "ar",
            "es",
            "fr",
            "ru",
            "zh",
        }

    @pytest.mark.parametrize(
        ("key", "flag"),
        [("Mozambique", "is_ldc"), ("Bolivia", "is_lldc"), ("Fiji", "is_sids")],
    )
    def test_groupings(self, key: str, flag: str) -> None:
        """The M49 groupings are flags of the country."""
        assert getattr(umn.countries.lookup(key), flag) is True

    def test_kosovo(self) -> None:
        """Kosovo has no alpha-3 code, M49 code or formal name: None, never a missing field."""
        kosovo = umn.countries.lookup("XK")
        assert kosovo.alpha3 is None
        assert kosovo.m49 is None
        assert kosovo.formal_name is None

    @pytest.mark.parametrize(
        ("lang", "name", "formal_name"),
        [
            ("en", "Czechia", "the Czech Republic"),
            ("fr", "Tchéquie", "la République tchèque"),
            ("es", "Chequia", "la República Checa"),
            ("ru", "Чехия", "Чешская Республика"),
            ("zh", "捷克", "捷克共和国"),
            ("ar", "تشيكيا", "الجمهورية التشيكية"),
        ],
    )
    def test_names_in_six_languages(self, lang: str, name: str, formal_name: str) -> None:
        """name_in and formal_name_in give the UN's names in its six languages."""
        czechia = umn.countries.lookup("Czech Republic")
        assert assert_type(czechia.name_in(lang), str | None) == name
        assert assert_type(czechia.formal_name_in(lang), str | None) == formal_name

    def test_no_name_in_a_language(self) -> None:
        """A language no source gives a name in is None."""
        assert umn.countries.lookup("Kosovo").formal_name_in("fr") is None

    def test_cite_in_a_language(self) -> None:
        """cite(field, lang=...) gives the sources of the name in that language."""
        guatemala = umn.countries.lookup("GT")
        cited = assert_type(guatemala.cite("name", lang="fr"), tuple[Source, ...])
        assert "unterm" in {source.id for source in cited}
        assert all(source in guatemala.sources for source in cited)

    def test_one_country_everywhere(self) -> None:
        """Network.country, Champion.country and State.country are the Country records."""
        kenya = umn.countries.lookup("KE")
        network_country = umn.networks.lookup("kenya").country
        assert assert_type(network_country, Country | None) is kenya
        assert assert_type(umn.champions.lookup("kenya").country, Country) is kenya
        czech = umn.compact.voted_against[0]
        assert assert_type(czech.country, Country | None) is umn.countries.lookup("CZ")

    @pytest.mark.parametrize(
        ("registry", "query", "key"),
        [
            pytest.param("networks", "Ivory Coast", "cote-divoire", id="english-alias"),
            pytest.param("networks", "موزامبيق", "mozambique", id="arabic"),
            pytest.param("networks", "Tchad", "chad", id="french"),
            pytest.param("champions", "Marruecos", "morocco", id="spanish"),
        ],
    )
    def test_found_by_any_country_name(self, registry: str, query: str, key: str) -> None:
        """A registry whose records have a country finds them by any name of it."""
        assert umn.load().registry(registry).lookup(query).id == key

    def test_not_found_names_the_country(self) -> None:
        """A country with no network is no typo: NotFoundError.country, and a message saying so."""
        with pytest.raises(NotFoundError) as caught:
            umn.networks.lookup("Guatemala")
        error = caught.value
        assert assert_type(error.country, Country | None) is umn.countries.lookup("GT")
        assert str(error).startswith(
            "Guatemala (GTM) is a UN Member State; the data lists no network there"
        )

    def test_typo_names_no_country(self) -> None:
        """A typo is no country: NotFoundError.country is None."""
        with pytest.raises(NotFoundError) as caught:
            umn.networks.lookup("Mozambik")
        assert caught.value.country is None

    def test_dataset_countries(self) -> None:
        """Dataset.countries is the same registry as umn.countries."""
        assert assert_type(umn.load().countries, Registry[Country]) is umn.countries

    def test_networks_in(self) -> None:
        """networks_in(country key): the networks of a country, () for a country with none."""
        dataset = umn.load()
        found = assert_type(dataset.networks_in("Ivory Coast"), tuple[Network, ...])
        assert [network.id for network in found] == ["cote-divoire"]
        assert dataset.networks_in("Guatemala") == ()

    def test_networks_in_unknown(self) -> None:
        """networks_in of a name that is no country raises NotFoundError."""
        with pytest.raises(NotFoundError):
            umn.load().networks_in("Atlantis")

    def test_lookup(self) -> None:
        """Dataset.lookup: the record of any kind a query names; a miss raises."""
        dataset = umn.load()
        found = assert_type(dataset.lookup("Guatemala"), "Found")
        assert found is umn.countries.lookup("GT")
        assert dataset.lookup("objective 13") is umn.objectives.lookup(13)
        with pytest.raises(NotFoundError):
            dataset.lookup("xqzzvwk")

    def test_diff_same(self) -> None:
        """Two datasets that hold the same records: a falsy diff."""
        dataset = umn.load()
        same = umn.load_dataset(json.loads(dataset.to_json()))
        changes = assert_type(dataset.diff(same), DatasetDiff)
        assert not changes

    def test_diff_lists_changes(self) -> None:
        """A changed field: a truthy diff whose text names kind, id, field, old and new."""
        dataset = umn.load()
        document = json.loads(dataset.to_json())
        mozambique = next(n for n in document["networks"] if n["id"] == "mozambique")
        mozambique["launched"] = "2022-02"
        changes = dataset.diff(umn.load_dataset(document))
        assert changes
        assert (
            '~ networks mozambique launched: "2022-02-15" -> "2022-02"' in str(changes).splitlines()
        )

    def test_countries_frame(self) -> None:
        """The country table an analyst joins on has the contract's columns."""
        frame = umn.countries.to_dataframe()
        assert len(frame) == len(umn.countries)
        assert set(COUNTRY_COLUMNS) - set(frame.columns) == set()


class TestExceptions:
    """The exception hierarchy of the contract."""

    def test_not_found(self) -> None:
        """NotFoundError is a MigrationNetworkError and a LookupError with query, suggestions."""
        with pytest.raises(LookupError) as caught:
            umn.agencies.lookup("UNHCF")
        error = caught.value
        assert isinstance(error, NotFoundError)
        assert isinstance(error, MigrationNetworkError)
        assert assert_type(error.query, object) == "UNHCF"
        assert error.suggestions[0] == "UNHCR"

    def test_data_error(self) -> None:
        """DataError is a MigrationNetworkError and a ValueError, each problem with its path."""
        document = json.loads(umn.load().to_json())
        document["networks"][0]["launched"] = "2018-02-30"
        with pytest.raises(ValueError, match=r"\$\.networks\[0\]\.launched") as caught:
            umn.load_dataset(document)
        error = caught.value
        assert isinstance(error, DataError)
        assert isinstance(error, MigrationNetworkError)
        assert [p.path for p in error.problems] == ["$.networks[0].launched"]
