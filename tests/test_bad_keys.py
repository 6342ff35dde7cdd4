"""Issue #10, classes 4 and 5: lookups that named the wrong record, and costly queries."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import un_migration_network as umn
from un_migration_network import _normalize, _registry
from un_migration_network._normalize import MAX_QUERY


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

    @given(st.integers(1, 23), st.integers(0, 9))
    def test_no_decimal_names_an_objective(self, whole: int, tenth: int) -> None:
        """No "n.m" names an objective."""
        assert umn.objectives.get(f"{whole}.{tenth}") is None

    def test_the_numbers_themselves_still_work(self) -> None:
        """13, "13" and "508" still name what they name."""
        assert umn.objectives.lookup("13").number == 13
        assert umn.networks.lookup("508").id == "mozambique"
        assert umn.networks.lookup("031").id == "azerbaijan"


class TestCostlyQueries:
    """A query longer than any key is answered at once; huge numbers do not crash."""

    def test_suggest_huge_int(self) -> None:
        """suggest(10**5000) has no suggestions (it raised ValueError)."""
        assert umn.networks.suggest(10**5000) == ()

    def test_lookup_huge_int(self) -> None:
        """lookup(10**5000) raises NotFoundError whose message stays short."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup(10**5000)
        assert len(str(caught.value)) < 100

    @pytest.mark.parametrize("query", ["\ufdfa" * 1_000_000, "x" * 1_000_000])
    def test_long_queries_never_fold(self, query: str, monkeypatch: pytest.MonkeyPatch) -> None:
        """get, lookup and search answer a megabyte of text without folding it."""

        def refuse(text: str) -> str:
            msg = f"folded a query of {len(text)} characters"
            raise AssertionError(msg)

        monkeypatch.setattr(_registry, "normalize", refuse)
        assert umn.networks.get(query) is None
        assert umn.networks.search(query) == []
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup(query)
        assert len(str(caught.value)) < 120

    def test_the_limit_is_far_above_any_key(self, dataset: umn.Dataset) -> None:
        """No key of any record comes near the limit."""
        longest = max(
            len(key)
            for registry in (dataset.agencies, dataset.networks, dataset.objectives)
            for key, _, _ in registry._entries
        )
        assert longest * 5 < MAX_QUERY

    def test_messages_quote_a_query_shortened(self) -> None:
        """A miss quotes at most about 60 characters of the query."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.agencies.lookup("y" * 500)
        assert "(500 characters)" in str(caught.value)

    def test_messages_quote_a_long_number_shortened(self) -> None:
        """So is a number of more than 60 digits: its first digits and its length."""
        with pytest.raises(umn.NotFoundError) as caught:
            umn.networks.lookup(10**100)
        assert str(caught.value).startswith(f"no network matches 1{'0' * 59}… (101 digits);")

    @given(st.text(max_size=200))
    def test_normalize_is_bounded_by_its_input(self, text: str) -> None:
        """A key is never longer than eighteen times its text (U+FDFA's expansion)."""
        assert len(_normalize.normalize(text)) <= 18 * len(text)
