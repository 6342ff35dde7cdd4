"""Tests for `un_migration_network._normalize`: lookup keys, name variants, words, closeness."""

from __future__ import annotations

from typing import assert_type

import pytest
from hypothesis import given
from hypothesis import strategies as st

from un_migration_network._normalize import MAX_QUERY, bigrams, dice, normalize, variants, words


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
            ("موزامبيق", "موزامبيق"),
            ("冈比亚", "冈比亚"),
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

    @pytest.mark.parametrize(("text", "key"), [("\ue000", ""), ("1\ue0012", "1_2"), ("\ue001", "")])
    def test_the_markers_in_the_text_are_not_markers(self, text: str, key: str) -> None:
        """The private-use characters the folding marks numbers with mean nothing in a query."""
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
        assert normalize(key) == key
        assert key.casefold() == key

    def test_type(self) -> None:
        """A key is text."""
        assert_type(normalize("IOM"), str)


class TestVariants:
    """variants gives a name and the forms people write it in."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Gambia (the)", ("Gambia (the)", "the Gambia", "Gambia")),
            ("Tchéquie (la)", ("Tchéquie (la)", "la Tchéquie", "Tchéquie")),
            ("Comores (les)", ("Comores (les)", "les Comores", "Comores")),
            ("Bahamas (Las)", ("Bahamas (Las)", "Las Bahamas", "Bahamas")),
            (
                "Netherlands (Kingdom of the)",
                ("Netherlands (Kingdom of the)", "Kingdom of the Netherlands"),
            ),
            (
                "Iran (Islamic Republic of)",
                ("Iran (Islamic Republic of)", "Islamic Republic of Iran"),
            ),
            (
                "Iran (République islamique d')",
                ("Iran (République islamique d')", "République islamique d'Iran"),
            ),
            (
                "Congo (the Democratic Republic of the)",
                ("Congo (the Democratic Republic of the)", "the Democratic Republic of the Congo"),
            ),
            ("Kenya", ("Kenya",)),
            ("Kosovo (UNSCR 1244)", ("Kosovo (UNSCR 1244)",)),
        ],
    )
    def test_brackets(self, text: str, expected: tuple[str, ...]) -> None:
        """A bracketed article or opening words move before the name; a bare article may go."""
        assert variants(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("the Republic of Kenya", ("the Republic of Kenya", "Republic of Kenya")),
            ("la République du Kenya", ("la République du Kenya", "République du Kenya")),
            (
                "l'État plurinational de Bolivie",
                ("l'État plurinational de Bolivie", "État plurinational de Bolivie"),
            ),
            (
                "los Estados Unidos Mexicanos",
                ("los Estados Unidos Mexicanos", "Estados Unidos Mexicanos"),
            ),
            ("Kyrgyz Republic", ("Kyrgyz Republic",)),
            ("the ", ("the ",)),
        ],
    )
    def test_formal(self, text: str, expected: tuple[str, ...]) -> None:
        """A formal name is also written without its leading article (and never as nothing)."""
        assert variants(text, formal=True) == expected

    def test_not_formal_keeps_the_article(self) -> None:
        """Only a formal name loses its leading article: "The Bahamas" is a short name."""
        assert variants("the Republic of Kenya") == ("the Republic of Kenya",)

    @given(st.text(), st.booleans())
    def test_the_text_first_each_once(self, text: str, formal: bool) -> None:
        """The text itself comes first, and no variant repeats."""
        found = variants(text, formal=formal)
        assert found[0] == text
        assert len(set(found)) == len(found)


class TestWords:
    """words gives the words of a text that can find a record."""

    def test_example(self) -> None:
        """Short words go, the rest are folded, each once."""
        assert words("The UN Network on Migration, the Network") == ("the", "network", "migration")

    def test_too_long(self) -> None:
        """A text longer than any key has no words."""
        assert words("word " * MAX_QUERY) == ()

    @given(st.text(max_size=60))
    def test_each_word_a_key(self, text: str) -> None:
        """Each word is a folded key of three characters or more, and appears once."""
        found = words(text)
        assert len(set(found)) == len(found)
        for word in found:
            assert normalize(word) == word
            assert len(word) >= 3


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
