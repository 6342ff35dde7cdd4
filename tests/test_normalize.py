"""Tests for `un_migration_network._normalize`: lookup keys and how close two keys are."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from un_migration_network._normalize import bigrams, dice, normalize


class TestNormalize:
    """normalize folds text to a lookup key."""

    @pytest.mark.parametrize(
        ("text", "key"),
        [
            ("UN-HABITAT", "unhabitat"),
            ("UN Habitat", "unhabitat"),
            ("unhabitat", "unhabitat"),
            ("U.N. Habitat", "unhabitat"),
            ("  un_habitat  ", "unhabitat"),
            ("Türkiye", "turkiye"),
            ("TÜRKIYE", "turkiye"),
            ("Turkiye", "turkiye"),
            ("Côte d’Ivoire", "cotedivoire"),
            ("Children’s", "childrens"),
            ("Children's", "childrens"),
            ("UN\tHabitat\n", "unhabitat"),
            ("UN\r\nHabitat\x0b\x0c", "unhabitat"),
            ("ＵＮＤＰ", "undp"),
            ("ｕｎ－ｈａｂｉｔａｔ", "unhabitat"),
            ("Straße", "strasse"),
            ("ΣΊΣΥΦΟΣ", "σισυφοσ"),
            ("A/RES/73/195", "ares73_195"),
            ("13", "13"),
            ("1.3", "1_3"),
            ("2.1", "2_1"),
            ("1 3", "1_3"),
            ("-508", "-508"),
            (" −508", "-508"),
            ("COVID-19", "covid19"),
            ("objective 13", "objective13"),
            ("", ""),
            ("---", ""),
            ("\x00\x7f", ""),
        ],
    )
    def test_table(self, text: str, key: str) -> None:
        """Case, accents, spacing and punctuation fold away; letters and digits stay."""
        assert normalize(text) == key

    @pytest.mark.parametrize(
        ("text", "key"),
        [
            ("\x01", ""),
            ("a\x1fb", "ab"),
            ("\x1b[0m", "0m"),
            ("un\u200bdp", "undp"),
            ("un\u00addp", "undp"),
        ],
    )
    def test_control_and_invisible_characters_vanish(self, text: str, key: str) -> None:
        """Control and invisible characters are neither letters nor digits, so they vanish."""
        assert normalize(text) == key

    @given(st.text())
    def test_idempotent(self, text: str) -> None:
        """Normalizing a key again changes nothing."""
        key = normalize(text)
        assert normalize(key) == key

    @given(st.text())
    def test_only_casefolded_alphanumerics(self, text: str) -> None:
        """A key holds letters and digits, case-folded; "_" only between digits, "-" first."""
        key = normalize(text)
        assert key.casefold() == key
        for index, ch in enumerate(key):
            if ch == "_":
                assert key[index - 1].isdigit()
                assert key[index + 1].isdigit()
            elif ch == "-":
                assert index == 0
                assert key[1].isdigit()
            else:
                assert ch.isalnum()

    @given(st.integers(min_value=1), st.integers(min_value=0), st.sampled_from(".,/ -_:"))
    def test_digits_never_join_across_punctuation(self, left: int, right: int, mark: str) -> None:
        """The key of "1.3" is not that of "13": two numbers apart are not one number."""
        assert normalize(f"{left}{mark}{right}") != normalize(f"{left}{right}")

    @given(st.integers(min_value=1))
    def test_negative_numbers_stay_negative(self, number: int) -> None:
        """The key of "-508" is not that of the M49 code 508."""
        assert normalize(str(-number)) == f"-{number}"

    @pytest.mark.parametrize("text", ["ℌ", "Ⅻ", "㎒", "ǅ"])
    def test_compatibility_characters_fold_fully(self, text: str) -> None:
        """Characters whose compatibility form is upper case still come out case-folded."""
        key = normalize(text)
        assert (normalize(key), key.casefold()) == (key, key)


class TestBigrams:
    """bigrams pads the key so that even one letter has pairs."""

    @pytest.mark.parametrize(
        ("key", "expected"),
        [("", {"  "}), ("u", {" u", "u "}), ("un", {" u", "un", "n "})],
    )
    def test_table(self, key: str, expected: set[str]) -> None:
        """The pairs of short keys."""
        assert bigrams(key) == frozenset(expected)


class TestDice:
    """dice is the Sørensen-Dice similarity of two bigram sets."""

    def test_example(self) -> None:
        """The documented example."""
        assert dice(bigrams("mozambik"), bigrams("mozambique")) == 0.7

    @given(st.text(max_size=12), st.text(max_size=12))
    def test_in_unit_interval(self, left: str, right: str) -> None:
        """Similarity lies in [0, 1], is symmetric, and is 1 for equal keys."""
        similarity = dice(bigrams(left), bigrams(right))
        assert 0.0 <= similarity <= 1.0
        assert similarity == dice(bigrams(right), bigrams(left))
        assert dice(bigrams(left), bigrams(left)) == 1.0
