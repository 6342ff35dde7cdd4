"""The public API contract of DESIGN.md, used as a user's script would use it.

mypy --strict checks this file with the rest of the tests, so every name of the contract, the
module-level registries included, is pinned to its type here as well as to its behaviour.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import assert_type

import pytest

import un_migration_network as umn
from un_migration_network import (
    Agency,
    Compact,
    DataError,
    Dataset,
    DateSpan,
    ExecutiveCommittee,
    GuidingPrinciple,
    MigrationNetworkError,
    Network,
    NetworkLevel,
    NotFoundError,
    Objective,
    Problem,
    Registry,
    Source,
    ValidationReport,
    Vote,
)


class TestModuleLevel:
    """The names a user reaches on the package itself."""

    def test_registries(self) -> None:
        """The four registries and the two single records over the bundled data."""
        assert_type(umn.agencies, Registry[Agency])
        assert_type(umn.networks, Registry[Network])
        assert_type(umn.objectives, Registry[Objective])
        assert_type(umn.principles, Registry[GuidingPrinciple])
        assert_type(umn.executive_committee, ExecutiveCommittee)
        assert_type(umn.compact, Compact)
        assert (len(umn.objectives), len(umn.principles)) == (23, 10)
        dataset = umn.load()
        assert (umn.networks is dataset.networks, umn.compact is dataset.compact) == (True, True)

    def test_load_and_validate(self) -> None:
        """load() is cached; validate() reports on it; __version__ is a string."""
        dataset = assert_type(umn.load(), Dataset)
        assert dataset is umn.load()
        report = assert_type(umn.validate(), ValidationReport)
        assert report == umn.validate(dataset)
        assert assert_type(umn.__version__, str) == "0.1.0"

    def test_load_dataset(self) -> None:
        """load_dataset() takes a parsed document and gives a new, equal dataset."""
        mine = assert_type(umn.load_dataset(json.loads(umn.load().to_json())), Dataset)
        assert (mine == umn.load(), mine is umn.load()) == (True, False)


class TestDoneWhen:
    """The checks that close the core-library issue, verbatim."""

    def test_mozambique_launch(self) -> None:
        """Mozambique's network was launched on 15 February 2022."""
        launched = umn.networks.lookup("mozambique").launched
        assert launched is not None
        assert launched.earliest == dt.date(2022, 2, 15)

    def test_un_habitat_spellings(self) -> None:
        """Two spellings of UN-Habitat find the same record."""
        assert umn.agencies.lookup("UN Habitat") is umn.agencies.lookup("UN-HABITAT")

    def test_objectives(self) -> None:
        """There are 23 objectives; objective 13 is set out in paragraph 29."""
        assert (len(umn.objectives), umn.objectives.lookup(13).paragraph) == (23, 29)

    def test_did_you_mean(self) -> None:
        """A misspelt country suggests the right one."""
        with pytest.raises(NotFoundError) as caught:
            umn.networks.lookup("Mozambik")
        assert "did you mean 'Mozambique'" in str(caught.value)


class TestRecords:
    """Every attribute the contract names, with its type."""

    def test_registry(self) -> None:
        """lookup, get, search, len, iter and in."""
        registry = umn.agencies
        assert_type(registry.lookup("IOM"), Agency)
        assert_type(registry.get("nothing"), Agency | None)
        assert_type(registry.search("habitat", limit=2), list[Agency])
        assert ("IOM" in registry, len(list(iter(registry))) == len(registry)) == (True, True)

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
        assert assert_type(dataset.as_of, dt.date) == dt.date(2026, 2, 11)

    def test_agency(self) -> None:
        """Agency's attributes."""
        iom = umn.agencies.lookup("iom")
        assert (assert_type(iom.id, str), assert_type(iom.acronym, str)) == ("iom", "IOM")
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
        assert (mz.id, mz.name) == (
            "mozambique",
            "United Nations Network on Migration in Mozambique",
        )
        assert mz.sources[0].url.startswith("https://mozambique.iom.int/")
        assert umn.networks.lookup("global").country_code is None

    def test_date_span(self) -> None:
        """DateSpan's attributes: a year spans the year; a day is exact."""
        year = DateSpan.parse("2020")
        assert (assert_type(year.earliest, dt.date), assert_type(year.latest, dt.date)) == (
            dt.date(2020, 1, 1),
            dt.date(2020, 12, 31),
        )
        assert (assert_type(year.is_exact, bool), DateSpan.parse("2022-02-15").is_exact) == (
            False,
            True,
        )

    def test_executive_committee(self) -> None:
        """ExecutiveCommittee's attributes: WHO joined between 2019 and 2021."""
        committee = umn.executive_committee
        members = assert_type(committee.members, tuple[Agency, ...])
        before = assert_type(committee.members_on(dt.date(2019, 11, 14)), tuple[Agency, ...])
        who = umn.agencies.lookup("WHO")
        assert (who in members, who in before, len(members), len(before)) == (True, False, 9, 8)
        assert assert_type(committee.coordinator, Agency).acronym == "IOM"
        assert assert_type(committee.sources, tuple[Source, ...])

    def test_objective_and_principle(self) -> None:
        """Objective's and GuidingPrinciple's attributes."""
        thirteen = umn.objectives.lookup("Alternatives to detention")
        assert (assert_type(thirteen.number, int), assert_type(thirteen.paragraph, int)) == (13, 29)
        assert assert_type(thirteen.title, str).startswith("Use migration detention")
        assert assert_type(thirteen.short_label, str) == "Alternatives to detention"
        assert assert_type(thirteen.sources, tuple[Source, ...])
        first = umn.principles.lookup("a")
        assert (assert_type(first.letter, str), assert_type(first.name, str)) == (
            "a",
            "People-centred",
        )
        assert assert_type(first.sources, tuple[Source, ...])

    def test_compact(self) -> None:
        """Compact's attributes, its vote included."""
        compact = umn.compact
        assert assert_type(compact.adopted, dt.date) == dt.date(2018, 12, 10)
        assert assert_type(compact.endorsed, dt.date) == dt.date(2018, 12, 19)
        assert assert_type(compact.resolution, str) == "A/RES/73/195"
        vote = assert_type(compact.vote, Vote)
        assert (vote.in_favour, vote.against, vote.abstentions, vote.non_voting) == (152, 5, 12, 24)
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
        warning = assert_type(report.warnings, tuple[Problem, ...])[0]
        assert (assert_type(warning.code, str), assert_type(warning.subject, str)) == (
            "conflated-figure",
            "gcm-states-adopting-seed-152",
        )
        assert assert_type(warning.message, str)


class TestExceptions:
    """The exception hierarchy of the contract."""

    def test_not_found(self) -> None:
        """NotFoundError is a MigrationNetworkError and a LookupError with query, suggestions."""
        with pytest.raises(LookupError) as caught:
            umn.agencies.lookup("UNHCF")
        error = caught.value
        assert isinstance(error, NotFoundError)
        assert isinstance(error, MigrationNetworkError)
        assert (assert_type(error.query, object), error.suggestions[0]) == ("UNHCF", "UNHCR")

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
