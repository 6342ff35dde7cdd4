"""Calls that looked right but answered wrongly, and old pickle protocols (issue #10, 6 and 8).

A call that looks right either answers right or says why not; datasets, registries, records
and errors travel through every pickle protocol.
"""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

import pytest

import un_migration_network as umn
from un_migration_network import NetworkLevel, Registry
from un_migration_network._kinds import kind_named

PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)


def _copy(value: Any, protocol: int) -> Any:
    return pickle.loads(pickle.dumps(value, protocol=protocol))  # noqa: S301 - our own bytes


class TestNoSilentWrongAnswers:
    """A call that looked right but answered wrongly now answers right, or says why not."""

    def test_filter_by_the_enum_value(self) -> None:
        """filter(level="country") gives the country networks (it gave nothing)."""
        by_value = umn.networks.filter(level="country")
        assert list(by_value) == list(umn.networks.filter(level=NetworkLevel.COUNTRY))

    def test_filter_finds_them(self) -> None:
        """There are sixty country networks or more."""
        assert len(umn.networks.filter(level="country")) >= 60

    def test_filter_by_a_wrong_value(self) -> None:
        """A value that is none of the enum's is a ValueError."""
        with pytest.raises(ValueError, match="'planetary'"):
            umn.networks.filter(level="planetary")

    def test_filter_by_no_field(self) -> None:
        """A field the records do not have is a TypeError."""
        with pytest.raises(TypeError, match="no field 'lvl'"):
            umn.networks.filter(lvl="country")

    def test_members_on_an_iso_string(self) -> None:
        """members_on("2020-01-01") answers (it raised a raw comparison error)."""
        committee = umn.executive_committee
        assert committee.members_on("2020-01-01") == committee.members_on(dt.date(2020, 1, 1))

    def test_members_on_a_number(self) -> None:
        """members_on(2020) is a TypeError that says what is expected."""
        with pytest.raises(TypeError, match=r"a datetime\.date or an ISO 8601 string"):
            umn.executive_committee.members_on(2020)  # type: ignore[arg-type]

    def test_registry_equality_minds_the_kind(self) -> None:
        """Empty registries of different kinds are not equal."""
        agencies = Registry((), kind=kind_named("agencies"))
        networks = Registry((), kind=kind_named("networks"))
        assert agencies != networks

    def test_load_dataset_of_a_list(self) -> None:
        """A list of records is neither a path nor a document: a DataError that says so."""
        with pytest.raises(umn.DataError, match="expected a path or a JSON object, got list"):
            umn.load_dataset([])  # type: ignore[arg-type]


class TestPickleAnyProtocol:
    """Datasets, registries, records and errors pickle with protocols 0 to the highest."""

    @pytest.mark.parametrize("protocol", PROTOCOLS)
    def test_dataset(self, protocol: int) -> None:
        """The bundled dataset, into an equal one."""
        dataset = umn.load()
        assert _copy(dataset, protocol) == dataset

    @pytest.mark.parametrize("protocol", PROTOCOLS)
    def test_registry(self, protocol: int) -> None:
        """A registry, into an equal one."""
        assert _copy(umn.champions, protocol) == umn.champions

    @pytest.mark.parametrize("protocol", PROTOCOLS)
    def test_registry_still_looks_up(self, protocol: int) -> None:
        """The copy finds a Champion by its country's code."""
        assert _copy(umn.champions, protocol).lookup("KEN").id == "kenya"

    @pytest.mark.parametrize("protocol", PROTOCOLS)
    def test_records(self, protocol: int) -> None:
        """A network with its citations and names, into an equal one."""
        network = umn.networks.lookup("global")
        assert _copy(network, protocol) == network

    @pytest.mark.parametrize("protocol", PROTOCOLS)
    def test_country(self, protocol: int) -> None:
        """A country with its names in six languages, into an equal one."""
        country = umn.countries.lookup("CI")
        assert _copy(country, protocol) == country

    @pytest.mark.parametrize("protocol", PROTOCOLS)
    def test_not_found_with_a_huge_int(self, protocol: int) -> None:
        """A miss on an integer too long to print in decimal (protocols 0 and 1 write decimal)."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup(10**5000)
        copy = _copy(caught.value, protocol)
        assert copy.query == 10**5000
        assert str(copy) == str(caught.value)

    @pytest.mark.parametrize("protocol", PROTOCOLS)
    def test_not_found_of_a_country(self, protocol: int) -> None:
        """A miss that names a country keeps it."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup("Guatemala")
        copy = _copy(caught.value, protocol)
        assert copy.country == umn.countries.lookup("GT")
        assert str(copy) == str(caught.value)

    @pytest.mark.parametrize("protocol", PROTOCOLS)
    def test_bulk_miss(self, protocol: int) -> None:
        """A bulk miss keeps its misses."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup_many(["Atlantis", "MZ"])
        copy = _copy(caught.value, protocol)
        assert str(copy) == str(caught.value)
        assert copy.misses[0].query == "Atlantis"

    @pytest.mark.parametrize("protocol", PROTOCOLS)
    def test_data_error(self, protocol: int) -> None:
        """A DataError keeps its problems and its origin."""
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset({"as_of": "2026-02-30"})
        copy = _copy(caught.value, protocol)
        assert copy.problems == caught.value.problems
        assert str(copy) == str(caught.value)
