"""Issue #10, classes 6 and 8: silent wrong answers in the API, and old pickle protocols."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

import un_migration_network as umn
from un_migration_network import NetworkLevel, Registry

PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)


class TestNoSilentWrongAnswers:
    """A call that looked right but answered wrongly now answers right, or says why not."""

    def test_filter_by_the_enum_value(self) -> None:
        """filter(level="country") gives the country networks (it gave nothing)."""
        country = umn.networks.filter(level="country")
        assert len(country) == len(umn.networks.filter(level=NetworkLevel.COUNTRY))
        assert len(country) >= 60

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
        """Registries of equal records but different kinds are not equal (hash uses kind)."""
        words = Registry(["a"], keys=lambda r: (r,), kind="word")
        letters = Registry(["a"], keys=lambda r: (r,), kind="letter")
        assert words != letters


class TestPickleAnyProtocol:
    """Datasets, registries, records and errors pickle with protocols 0 to the highest."""

    @pytest.mark.parametrize("protocol", PROTOCOLS)
    def test_dataset(self, protocol: int) -> None:
        """The bundled dataset, into an equal one."""
        dataset = umn.load()
        assert pickle.loads(pickle.dumps(dataset, protocol=protocol)) == dataset  # noqa: S301

    @pytest.mark.parametrize("protocol", PROTOCOLS)
    def test_registry(self, protocol: int) -> None:
        """A registry, into an equal one that still looks up."""
        copy = pickle.loads(pickle.dumps(umn.champions, protocol=protocol))  # noqa: S301
        assert copy == umn.champions
        assert copy.lookup("KEN").id == "kenya"

    @pytest.mark.parametrize("protocol", PROTOCOLS)
    def test_records(self, protocol: int) -> None:
        """A network with its citations and names, into an equal one."""
        network = umn.networks.lookup("global")
        assert pickle.loads(pickle.dumps(network, protocol=protocol)) == network  # noqa: S301

    @pytest.mark.parametrize("protocol", PROTOCOLS)
    def test_not_found_with_a_huge_int(self, protocol: int) -> None:
        """A miss on an integer too long to print in decimal (protocols 0 and 1 write decimal)."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup(10**5000)
        copy = pickle.loads(pickle.dumps(caught.value, protocol=protocol))  # noqa: S301
        assert copy.query == 10**5000
        assert str(copy) == str(caught.value)

    @pytest.mark.parametrize("protocol", PROTOCOLS)
    def test_bulk_miss(self, protocol: int) -> None:
        """A bulk miss keeps its misses."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup_many(["Atlantis", "MZ"])
        copy = pickle.loads(pickle.dumps(caught.value, protocol=protocol))  # noqa: S301
        assert str(copy) == str(caught.value)
        assert copy.misses[0].query == "Atlantis"
