"""Lookups that named the wrong record, and costly queries (issue #10, classes 4 and 5).

Folding a key (case, accents, punctuation) must never join two numbers into another one, nor
make a negative number a code; a query far longer than any key, or a huge number, is answered
at once, and a message quotes it shortened.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import un_migration_network as umn
from un_migration_network._kinds import REGISTERED, Kind, kind_named
from un_migration_network._normalize import MAX_QUERY, normalize


class TestNumbersKeepTheirMeaning:
    """Folding never joins digits across punctuation, nor makes a negative number a code."""

    @pytest.mark.parametrize("key", ["1.3", "2.1", "1 3", "1-3", "1/3", "2,1"])
    def test_objective_numbers(self, key: str) -> None:
        """The text "1.3" is not objective 13, nor "2.1" objective 21."""
        assert umn.objectives.get(key) is None

    @pytest.mark.parametrize("key", ["-508", -508, "−508", " -508"], ids=repr)
    def test_negative_m49(self, key: str | int) -> None:
        """The text "-508" is not Mozambique's M49 code 508."""
        assert umn.networks.get(key) is None

    @pytest.mark.parametrize("key", ["-508", -508, "5.08"], ids=repr)
    def test_negative_m49_of_a_country(self, key: str | int) -> None:
        """Nor is it the country's: "-508" and "5.08" name no country."""
        assert umn.countries.get(key) is None

    @given(st.integers(1, 23), st.integers(0, 9))
    def test_no_decimal_names_an_objective(self, whole: int, tenth: int) -> None:
        """No "n.m" names an objective."""
        assert umn.objectives.get(f"{whole}.{tenth}") is None

    @pytest.mark.parametrize(
        ("kind", "key", "expected"),
        [
            ("objectives", "13", "13"),
            ("objectives", 13, "13"),
            ("networks", "508", "mozambique"),
            ("networks", 508, "mozambique"),
            ("networks", "031", "azerbaijan"),
            ("countries", "031", "AZ"),
            ("countries", 31, "AZ"),
        ],
        ids=repr,
    )
    def test_the_numbers_themselves_still_work(
        self, kind: str, key: str | int, expected: str
    ) -> None:
        """13, "13", 508 and "031" still name what they name."""
        record = umn.load().registry(kind).lookup(key)
        assert kind_named(kind).key(record) == expected


class TestCostlyQueries:
    """A query longer than any key is answered at once; huge numbers do not crash."""

    def test_suggest_huge_int(self) -> None:
        """suggest(10**5000) has no suggestions (it raised ValueError)."""
        assert umn.networks.suggest(10**5000) == ()

    def test_lookup_huge_int(self) -> None:
        """lookup(10**5000) raises NotFoundError whose message stays short."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup(10**5000)
        assert str(caught.value) == "no network matches a number of more than 4,000 digits"

    @pytest.mark.parametrize("filler", [" ", "-", "\u200b"], ids=repr)
    def test_long_queries_are_not_folded(self, filler: str) -> None:
        """A query longer than the limit finds nothing, even one that would fold to a key."""
        query = "Mozambique" + filler * MAX_QUERY
        assert normalize(query) == normalize("Mozambique")
        assert umn.networks.get(query) is None

    @pytest.mark.parametrize("query", ["\ufdfa" * 1_000_000, "x" * 1_000_000])
    def test_a_megabyte_query(self, query: str) -> None:
        """get, lookup and search answer a megabyte of text, quoting at most 60 characters."""
        assert umn.networks.get(query) is None
        assert umn.networks.search(query) == []
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup(query)
        assert str(caught.value) == (
            f"no network matches {query[:60] + '…'!r} (1,000,000 characters)"
        )

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_every_key_is_within_the_limit(self, kind: Kind[Any]) -> None:
        """Every key of every record, a source's long URL too, can be looked up."""
        longest = max(
            len(str(key))
            for record in umn.load().registry(kind)
            for key in kind.keys(record)
            if key is not None
        )
        assert longest < MAX_QUERY

    @pytest.mark.parametrize(
        "kind", [kind for kind in REGISTERED if kind.is_searchable], ids=lambda kind: kind.plural
    )
    def test_the_limit_is_far_above_any_name(self, kind: Kind[Any]) -> None:
        """No name a person would type comes near the limit (objective titles are longest)."""
        longest = max(
            len(str(key))
            for record in umn.load().registry(kind)
            for key in kind.keys(record)
            if key is not None
        )
        assert longest * 5 < MAX_QUERY

    def test_messages_quote_a_query_shortened(self) -> None:
        """A miss quotes at most about 60 characters of the query."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.agencies.lookup("y" * 500)
        assert str(caught.value) == f"no agency matches {'y' * 60 + '…'!r} (500 characters)"

    def test_messages_quote_a_long_number_shortened(self) -> None:
        """So is a number of more than 60 digits: its first digits and its length."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup(10**100)
        assert str(caught.value).startswith(f"no network matches 1{'0' * 59}… (101 digits)")

    @given(st.text(max_size=200))
    def test_normalize_is_bounded_by_its_input(self, text: str) -> None:
        """A key is never longer than eighteen times its text (U+FDFA's expansion)."""
        assert len(normalize(text)) <= 18 * len(text)
