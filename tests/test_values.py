"""Tests for `un_migration_network._values`: the value checks both loaders share.

The converter of user documents (`_converter`) and the builder of the bundled records
(`_build`) read every value through these checks, so a value is accepted, or refused with the
same message and code, whichever way a document is read.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import ClassVar, assert_type

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import date_spans
from un_migration_network import DateSpan, Name, Network, NetworkLevel, Objective, Source
from un_migration_network._records import Citation
from un_migration_network._values import (
    InvalidError,
    boolean,
    citations,
    day,
    enum_of,
    integer,
    json_type,
    names,
    number,
    shown,
    span,
    text,
    tuple_of,
)

SOURCE = Source("s", "https://example.org/s")
OTHER = Source("t", "https://example.org/t")
_BY_ID = {"s": SOURCE, "t": OTHER}


def _refusal(check: object, value: object) -> tuple[str, str]:
    """The code and message with which *check* refuses *value*."""
    with pytest.raises(InvalidError) as caught:
        check(value)  # type: ignore[operator]
    return caught.value.code, str(caught.value)


def _source(value: object) -> Source:
    """A source by its id, as a loader resolves it (an unknown id is a dangling reference)."""
    if not isinstance(value, str):
        msg = f"expected the id of a source (a string), got {json_type(value)}"
        raise InvalidError(msg)
    found = _BY_ID.get(value)
    if found is None:
        msg = f"no source has the id {shown(value)}"
        raise InvalidError(msg, "dangling-reference")
    return found


def _sources(value: object) -> tuple[Source, ...]:
    return tuple_of(value, _source)


def _name(value: object) -> Name:
    """A name from a JSON object, as a loader reads it (only what these tests need)."""
    if not isinstance(value, dict):
        msg = f"expected an object, got {json_type(value)}"
        raise InvalidError(msg)
    try:
        sources = _sources(value["sources"])
    except InvalidError as error:
        placed = error.under(".sources")
        raise placed from None
    return Name(value["lang"], value["field"], text(value["text"]), sources)


class TestJsonType:
    """The JSON name of a parsed value's type."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (None, "null"),
            (True, "a boolean"),
            (1, "a number"),
            (1.5, "a number"),
            ("x", "a string"),
            ([], "an array"),
            ((), "an array"),
            ({}, "an object"),
            (b"x", "bytes"),
            (dt.date(2020, 1, 1), "date"),
        ],
        ids=repr,
    )
    def test_name(self, value: object, expected: str) -> None:
        """Each JSON type by its JSON name; any other value by its Python type's name."""
        assert json_type(value) == expected


class TestShown:
    """How a message quotes a value."""

    def test_short_string(self) -> None:
        """A short string is its repr."""
        assert shown("Mozambik") == "'Mozambik'"

    def test_long_string(self) -> None:
        """A string of more than 40 characters is cut, an ellipsis marking the cut."""
        assert shown("x" * 100) == repr("x" * 40 + "…")

    def test_not_a_string(self) -> None:
        """Anything else is named by its JSON type, never printed (it may be huge)."""
        assert shown(10**5000) == "a number"


class TestText:
    """A text says something: a string, not blank, one line of printable characters."""

    @given(st.text().filter(lambda value: value.strip() and value.isprintable()))
    def test_printable_text_is_kept(self, value: str) -> None:
        """Any printable, non-blank string is kept as it is."""
        assert text(value) == value

    @pytest.mark.parametrize("value", ["Côte d’Ivoire", "刚果（布）", "مصر", "a\u00a0b"])
    def test_any_script(self, value: str) -> None:
        """Accents, CJK, Arabic and non-breaking spaces are text like any other."""
        assert text(value) == value

    @pytest.mark.parametrize(
        ("value", "code", "message"),
        [
            (5, "wrong-type", "expected a string, got a number"),
            (None, "wrong-type", "expected a string, got null"),
            ("", "bad-text", "expected a text that says something, got an empty or blank string"),
            (
                " \u3000\t",
                "bad-text",
                "expected a text that says something, got an empty or blank string",
            ),
            ("UNDP\x07", "bad-text", "the text holds a control character (U+0007) at position 4"),
            ("a\nb", "bad-text", "the text holds a control character (U+000A) at position 1"),
            ("a\x85", "bad-text", "the text holds a control character (U+0085) at position 1"),
            ("\udc80x", "bad-text", "the text holds a lone surrogate (U+DC80) at position 0"),
        ],
        ids=repr,
    )
    def test_refused(self, value: object, code: str, message: str) -> None:
        """A non-string, a blank string, a control character or a lone surrogate is refused."""
        assert _refusal(text, value) == (code, message)

    def test_unprintable_but_allowed(self) -> None:
        """A format character (a zero-width joiner) is not printable, and is not refused."""
        assert text("a\u200db") == "a\u200db"


class TestInteger:
    """An integer of at most 64 bits, never a boolean or a float."""

    @given(st.integers(-(2**63), 2**63 - 1))
    def test_kept(self, value: int) -> None:
        """Every 64-bit integer is kept."""
        assert integer(value) == value

    @pytest.mark.parametrize(
        ("value", "code", "message"),
        [
            (True, "wrong-type", "expected an integer, got a boolean"),
            (152.0, "wrong-type", "expected an integer, got a number"),
            ("38", "wrong-type", "expected an integer, got a string"),
            (2**63, "bad-value", "expected an integer of at most 64 bits, got a larger number"),
            (
                -(2**63) - 1,
                "bad-value",
                "expected an integer of at most 64 bits, got a larger number",
            ),
            (10**5000, "bad-value", "expected an integer of at most 64 bits, got a larger number"),
        ],
        ids=["true", "float", "string", "2**63", "-2**63-1", "10**5000"],
    )
    def test_refused(self, value: object, code: str, message: str) -> None:
        """A boolean, a float or a string is the wrong type; beyond 64 bits a bad value."""
        assert _refusal(integer, value) == (code, message)


class TestNumber:
    """A finite number (a coordinate), as a float."""

    @given(st.floats(allow_nan=False, allow_infinity=False))
    def test_finite_float(self, value: float) -> None:
        """Every finite float is kept."""
        assert number(value) == value

    def test_integer_becomes_a_float(self) -> None:
        """An integer is read as the float of it."""
        assert_type(number(10), float)
        assert repr(number(10)) == "10.0"

    @pytest.mark.parametrize(
        ("value", "code", "message"),
        [
            (True, "wrong-type", "expected a number, got a boolean"),
            ("1.5", "wrong-type", "expected a number, got a string"),
            (2**70, "bad-value", "expected a number of at most 64 bits, got a larger one"),
            (float("inf"), "bad-value", "expected a finite number"),
            (float("nan"), "bad-value", "expected a finite number"),
        ],
        ids=["true", "string", "2**70", "inf", "nan"],
    )
    def test_refused(self, value: object, code: str, message: str) -> None:
        """A boolean or a string is the wrong type; a huge or infinite number a bad value."""
        assert _refusal(number, value) == (code, message)


class TestBoolean:
    """A JSON true or false, never a number."""

    @pytest.mark.parametrize("value", [True, False])
    def test_kept(self, value: bool) -> None:
        """JSON true and false are kept."""
        assert boolean(value) is value

    @pytest.mark.parametrize("value", [0, 1, "true", None])
    def test_refused(self, value: object) -> None:
        """0, 1, "true" and null are the wrong type."""
        assert _refusal(boolean, value)[0] == "wrong-type"


class TestDay:
    """A real day written YYYY-MM-DD."""

    @given(st.dates())
    def test_round_trip(self, value: dt.date) -> None:
        """Every day's ISO text is read back as that day."""
        assert day(value.isoformat()) == value

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("2018-12", "expected a date as YYYY-MM-DD, got '2018-12'"),
            ("20181210", "expected a date as YYYY-MM-DD, got '20181210'"),
            ("2018-12-1O", "expected a date as YYYY-MM-DD, got '2018-12-1O'"),
            ("２０１８-12-10", "expected a date as YYYY-MM-DD, got '２０１８-12-10'"),
            ("2018/12/10", "expected a date as YYYY-MM-DD, got '2018/12/10'"),
            (None, "expected a date as YYYY-MM-DD, got null"),
            (20181210, "expected a date as YYYY-MM-DD, got a number"),
            ("2018-02-30", "'2018-02-30' is not a real day"),
            ("2018-13-01", "'2018-13-01' is not a real day"),
        ],
        ids=repr,
    )
    def test_refused(self, value: object, message: str) -> None:
        """Another form, other digits than ASCII's, or no real day: a bad date."""
        assert _refusal(day, value) == ("bad-date", message)


class TestSpan:
    """A date span: its short text, or its bounds as an object."""

    @given(date_spans())
    def test_short_text_round_trip(self, value: DateSpan) -> None:
        """A span with a short form is read back from it."""
        short = value.short()
        if short is not None:
            assert span(short) == value

    @given(date_spans())
    def test_object_round_trip(self, value: DateSpan) -> None:
        """Any span is read back from its bounds and flag."""
        data = {
            "earliest": value.earliest.isoformat(),
            "latest": value.latest.isoformat(),
            "is_inferred": value.is_inferred,
        }
        assert span(data) == value

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("2020", DateSpan(dt.date(2020, 1, 1), dt.date(2020, 12, 31))),
            ("2020-02", DateSpan(dt.date(2020, 2, 1), dt.date(2020, 2, 29))),
            ("2022-02-15", DateSpan.exact(dt.date(2022, 2, 15))),
            (
                {"earliest": "2020-01-01", "latest": "2020-03-31"},
                DateSpan(dt.date(2020, 1, 1), dt.date(2020, 3, 31)),
            ),
        ],
        ids=str,
    )
    def test_forms(self, value: object, expected: DateSpan) -> None:
        """A year, a month, a day, and bounds (not inferred when the flag is left out)."""
        assert span(value) == expected

    @pytest.mark.parametrize(
        ("value", "code", "message"),
        [
            (
                "2020-13",
                "bad-date",
                "expected a date as YYYY, YYYY-MM or YYYY-MM-DD (a real day), got '2020-13'",
            ),
            (
                "2022-02-30",
                "bad-date",
                "expected a date as YYYY, YYYY-MM or YYYY-MM-DD (a real day), got '2022-02-30'",
            ),
            (
                "2022-02-15/2022-02-16",
                "bad-date",
                (
                    "expected a date as YYYY, YYYY-MM or YYYY-MM-DD (a real day), "
                    "got '2022-02-15/2022-02-16'"
                ),
            ),
            (
                "2020 (inferred)",
                "bad-date",
                (
                    "expected a date as YYYY, YYYY-MM or YYYY-MM-DD (a real day), "
                    "got '2020 (inferred)'"
                ),
            ),
            (
                2020,
                "wrong-type",
                "expected a date string or an object with earliest and latest, got a number",
            ),
            (
                {"earliest": "2020-01-01", "latest": "2020-01-02", "x": 1},
                "unknown-key",
                "unknown key 'x' in a date span",
            ),
            (
                {"earliest": "2020-01-01"},
                "missing-key",
                "a date span's required key 'latest' is missing",
            ),
            (
                {"latest": "2020-01-01"},
                "missing-key",
                "a date span's required key 'earliest' is missing",
            ),
            (
                {"earliest": "2020-02-01", "latest": "2020-01-01"},
                "reversed-span",
                "the span ends (2020-01-01) before it begins (2020-02-01)",
            ),
            (
                {"earliest": "2020-01-01", "latest": "2020-01-02", "is_inferred": 1},
                "wrong-type",
                "expected true or false, got a number",
            ),
            (
                {"earliest": "2020-02-30", "latest": "2020-03-01"},
                "bad-date",
                "'2020-02-30' is not a real day",
            ),
            (
                {"earliest": "2020-01", "latest": "2020-03-01"},
                "bad-date",
                "expected a date as YYYY-MM-DD, got '2020-01'",
            ),
        ],
        ids=str,
    )
    def test_refused(self, value: object, code: str, message: str) -> None:
        """Each way a span can be wrong, with its code: the text of `str()` is not a document's."""
        assert _refusal(span, value) == (code, message)


class _Colour(enum.Enum):
    RED = "red"
    ONE = 1


class TestEnumOf:
    """A member of a closed list, by its value."""

    @pytest.mark.parametrize(("value", "expected"), [("red", _Colour.RED), (1, _Colour.ONE)])
    def test_member(self, value: object, expected: _Colour) -> None:
        """A member's value gives the member."""
        assert enum_of(_Colour)(value, None) is expected

    def test_made_once(self) -> None:
        """The reader of one enum is made once and kept."""
        assert enum_of(_Colour) is enum_of(_Colour)

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("planetary", "expected one of 'red', 1, got 'planetary'"),
            ("RED", "expected one of 'red', 1, got 'RED'"),
            (None, "expected one of 'red', 1, got null"),
            ([], "expected one of 'red', 1, got an array"),
        ],
        ids=repr,
    )
    def test_refused(self, value: object, message: str) -> None:
        """Any other value, an unhashable one too, is a bad value that lists the choices."""
        assert _refusal(lambda v: enum_of(_Colour)(v, None), value) == ("bad-value", message)

    def test_a_real_enum(self) -> None:
        """The network levels are read by their values."""
        assert enum_of(NetworkLevel)("continental", None) is NetworkLevel.CONTINENTAL


class TestCitations:
    """An object of field names and source ids: the sources of each field."""

    def test_in_field_order(self) -> None:
        """Citations come in the order of the record's fields, whatever the object's order."""
        found = citations(Network, {"members": ["s"], "launched": ["t", "s"]}, _sources)
        assert found == (Citation("launched", (OTHER, SOURCE)), Citation("members", (SOURCE,)))

    def test_empty(self) -> None:
        """An empty object cites nothing."""
        assert citations(Network, {}, _sources) == ()

    def test_not_an_object(self) -> None:
        """An array is the wrong type."""
        assert _refusal(lambda value: citations(Network, value, _sources), ["launched"]) == (
            "wrong-type",
            "expected an object of field names and source ids, got an array",
        )

    @pytest.mark.parametrize("field", ["lunched", "sources", "citations", "names"])
    def test_a_field_that_cites_nothing(self, field: str) -> None:
        """A field the record lacks, or one that holds sources itself, is an unknown key."""
        with pytest.raises(InvalidError) as caught:
            citations(Network, {field: ["s"]}, _sources)
        assert caught.value.problems == (
            (
                f".{field}",
                (
                    f"Network has no field {field!r} to cite; it has id, name, level, country, "
                    "region, aliases, decided, launched, first_evidenced, members, "
                    "declared_member_count, is_membership_complete, coordinator, co_chairs"
                ),
                "unknown-key",
            ),
        )

    def test_every_problem_with_its_path(self) -> None:
        """Problems in several fields are all reported, each with its path in the object."""
        with pytest.raises(InvalidError) as caught:
            citations(Network, {"launched": ["s", "nowhere"], "members": "s"}, _sources)
        assert [(where, code) for where, _, code in caught.value.problems] == [
            (".launched[1]", "dangling-reference"),
            (".members", "wrong-type"),
        ]


class TestNames:
    """A record's names in other languages."""

    NAME: ClassVar[dict[str, object]] = {
        "lang": "fr",
        "field": "title",
        "text": "Données",
        "sources": ["s"],
    }

    def test_read(self) -> None:
        """A name of a field that may have names, in a language, is read."""
        assert names(Objective, [self.NAME], _name) == (Name("fr", "title", "Données", (SOURCE,)),)

    def test_english_is_a_language(self) -> None:
        """Another English form is a name too (UNTERM's "Gambia (the)" beside M49's)."""
        found = names(Objective, [{**self.NAME, "lang": "en"}], _name)
        assert [name.lang for name in found] == ["en"]

    def test_not_an_array(self) -> None:
        """An object is the wrong type."""
        assert _refusal(lambda value: names(Objective, value, _name), {}) == (
            "wrong-type",
            "expected an array, got an object",
        )

    @pytest.mark.parametrize(
        ("lang", "message"),
        [
            ("French", "expected a language as two lowercase letters (ISO 639-1), got 'French'"),
            ("FR", "expected a language as two lowercase letters (ISO 639-1), got 'FR'"),
            ("f1", "expected a language as two lowercase letters (ISO 639-1), got 'f1'"),
            ("éé", "expected a language as two lowercase letters (ISO 639-1), got 'éé'"),
        ],
    )
    def test_bad_language(self, lang: str, message: str) -> None:
        """A language is two lowercase ASCII letters: its problem is at the name's lang."""
        with pytest.raises(InvalidError) as caught:
            names(Objective, [self.NAME, {**self.NAME, "lang": lang}], _name)
        assert caught.value.problems == (("[1].lang", message, "bad-value"),)

    def test_field_without_names(self) -> None:
        """A field that names may not stand beside is a bad value at the name's field."""
        with pytest.raises(InvalidError) as caught:
            names(Objective, [{**self.NAME, "field": "paragraph"}], _name)
        assert caught.value.problems == (
            (
                "[0].field",
                "Objective has names for 'short_label', 'title', not 'paragraph'",
                "bad-value",
            ),
        )

    def test_every_problem_with_its_index(self) -> None:
        """Problems of several names are all reported, each at its index."""
        with pytest.raises(InvalidError) as caught:
            names(Objective, ["x", self.NAME, {**self.NAME, "sources": ["nowhere"]}], _name)
        assert [(where, code) for where, _, code in caught.value.problems] == [
            ("[0]", "wrong-type"),
            ("[2].sources[0]", "dangling-reference"),
        ]


class TestTupleOf:
    """An array, each element read, as a tuple."""

    def test_read(self) -> None:
        """Each element is read in order."""
        assert tuple_of(["s", "t"], _source) == (SOURCE, OTHER)

    def test_a_tuple_is_an_array(self) -> None:
        """A tuple (a user's mapping may hold one) is read as an array."""
        assert tuple_of(("s",), _source) == (SOURCE,)

    def test_not_an_array(self) -> None:
        """A string is not an array of its characters."""
        assert _refusal(lambda value: tuple_of(value, _source), "st") == (
            "wrong-type",
            "expected an array, got a string",
        )

    def test_every_failure_with_its_index(self) -> None:
        """Each element that fails is reported at its index."""
        with pytest.raises(InvalidError) as caught:
            tuple_of(["s", 5, "t", "nowhere"], _source)
        assert [(where, code) for where, _, code in caught.value.problems] == [
            ("[1]", "wrong-type"),
            ("[3]", "dangling-reference"),
        ]


class TestInvalidError:
    """The error of a check: each problem with its code and its path within the value."""

    def test_one_problem(self) -> None:
        """An error made with a message is one problem at the value itself."""
        error = InvalidError("expected a string", "wrong-type")
        assert error.problems == (("", "expected a string", "wrong-type"),)

    def test_default_code(self) -> None:
        """A check's error is a wrong type unless it says otherwise."""
        assert InvalidError("expected a string").code == "wrong-type"

    def test_is_a_value_error(self) -> None:
        """It is a ValueError, as a check's refusal means."""
        assert isinstance(InvalidError("x"), ValueError)

    def test_among(self) -> None:
        """Problems found within a value are kept, in order; the first gives the message."""
        problems = [(".a", "first", "bad-date"), (".b", "second", "bad-text")]
        error = InvalidError.among(problems)
        assert error.problems == tuple(problems)

    def test_among_message_and_code(self) -> None:
        """The first problem gives the error its message and its code."""
        error = InvalidError.among([(".a", "first", "bad-date"), (".b", "second", "bad-text")])
        assert str(error) == "first"
        assert error.code == "bad-date"

    def test_among_nothing(self) -> None:
        """An error among no problems is a quiet one: its problem is reported elsewhere."""
        error = InvalidError.among([])
        assert error.problems == ()
        assert str(error) == "reported elsewhere"
        assert error.code == "invalid-value"

    def test_of(self) -> None:
        """Several errors become one, with every problem of each."""
        first = InvalidError("a", "bad-date", where=".x")
        second = InvalidError("b", "bad-text")
        error = InvalidError.of([first, second])
        assert error.problems == ((".x", "a", "bad-date"), ("", "b", "bad-text"))
        assert str(error) == "a"

    def test_under(self) -> None:
        """An error found within a part: each problem's path placed after the part's."""
        error = InvalidError.of([InvalidError("a", "bad-date", where=".x")]).under("[0]")
        assert error.problems == (("[0].x", "a", "bad-date"),)
        assert str(error) == "a"
