"""Tests for `un_migration_network._dates`: DateSpan, and days and spans read from input."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from typing import assert_type

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import date_spans
from un_migration_network import DateSpan
from un_migration_network._dates import as_day, as_span


class TestParse:
    """DateSpan.parse reads YYYY, YYYY-MM and YYYY-MM-DD, alone or two joined by "/"."""

    @pytest.mark.parametrize(
        ("text", "earliest", "latest"),
        [
            ("2020", dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
            ("1951", dt.date(1951, 1, 1), dt.date(1951, 12, 31)),
            ("2021-03", dt.date(2021, 3, 1), dt.date(2021, 3, 31)),
            ("2021-04", dt.date(2021, 4, 1), dt.date(2021, 4, 30)),
            ("2021-06", dt.date(2021, 6, 1), dt.date(2021, 6, 30)),
            ("2021-09", dt.date(2021, 9, 1), dt.date(2021, 9, 30)),
            ("2021-11", dt.date(2021, 11, 1), dt.date(2021, 11, 30)),
            ("2021-12", dt.date(2021, 12, 1), dt.date(2021, 12, 31)),
            ("2021-01", dt.date(2021, 1, 1), dt.date(2021, 1, 31)),
            ("2021-02", dt.date(2021, 2, 1), dt.date(2021, 2, 28)),
            ("2020-02", dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
            ("2000-02", dt.date(2000, 2, 1), dt.date(2000, 2, 29)),
            ("1900-02", dt.date(1900, 2, 1), dt.date(1900, 2, 28)),
            ("2022-02-15", dt.date(2022, 2, 15), dt.date(2022, 2, 15)),
            ("2020-02-29", dt.date(2020, 2, 29), dt.date(2020, 2, 29)),
            ("0999", dt.date(999, 1, 1), dt.date(999, 12, 31)),
            ("0001-01-01", dt.date(1, 1, 1), dt.date(1, 1, 1)),
            ("9999-12", dt.date(9999, 12, 1), dt.date(9999, 12, 31)),
        ],
    )
    def test_forms(self, text: str, earliest: dt.date, latest: dt.date) -> None:
        """Each form parses to the span of days it names."""
        assert DateSpan.parse(text) == DateSpan(earliest, latest)

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            (
                "2021-03-18/2021-06-24 (inferred)",
                DateSpan(dt.date(2021, 3, 18), dt.date(2021, 6, 24), is_inferred=True),
            ),
            ("2021-03-10/2021-03-12", DateSpan(dt.date(2021, 3, 10), dt.date(2021, 3, 12))),
            (
                "2021-03-17 (inferred)",
                DateSpan(dt.date(2021, 3, 17), dt.date(2021, 3, 17), is_inferred=True),
            ),
            ("2020/2021", DateSpan(dt.date(2020, 1, 1), dt.date(2021, 12, 31))),
            ("2020-02/2020-03", DateSpan(dt.date(2020, 2, 1), dt.date(2020, 3, 31))),
            (
                "2020 (inferred)",
                DateSpan(dt.date(2020, 1, 1), dt.date(2020, 12, 31), is_inferred=True),
            ),
        ],
    )
    def test_bounds_and_inferred(self, text: str, span: DateSpan) -> None:
        """Two forms joined by "/" are a range; " (inferred)" marks the span inferred."""
        assert DateSpan.parse(text) == span

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "20",
            "202",
            "20201",
            "2020-1",
            "2020-001",
            "2020/01/01",
            "2020/",
            "/2020",
            "2020/2021/2022",
            "2020 (inferred) ",
            "2020(inferred)",
            "2020 (Inferred)",
            "2020-01-01T00:00",
            " 2020",
            "2020 ",
            "2020\n",
            "-2020",
            "twenty",
            "２０２０",
            "٢٠٢٠-٠٢",
        ],
    )
    def test_not_a_form(self, text: str) -> None:
        """Text that is none of the forms is a ValueError that lists them and quotes it."""
        with pytest.raises(ValueError, match=r"expected a date as YYYY, YYYY-MM or YYYY-MM-DD"):
            DateSpan.parse(text)

    @pytest.mark.parametrize(
        ("text", "named"),
        [
            ("2020-13", "2020-13"),
            ("2020-00", "2020-00"),
            ("2020-01-00", "2020-01-00"),
            ("2020-01-32", "2020-01-32"),
            ("2021-02-29", "2021-02-29"),
            ("2022-02-30", "2022-02-30"),
            ("1900-02-29", "1900-02-29"),
            ("0000", "0000"),
            ("2021-02-29/2021-03-01", "2021-02-29"),
        ],
    )
    def test_no_real_day(self, text: str, named: str) -> None:
        """A form that names no real day is a ValueError that names that form."""
        with pytest.raises(ValueError, match=rf"^'{named}' names no real day$"):
            DateSpan.parse(text)

    def test_ends_before_it_begins(self) -> None:
        """Two forms in the wrong order are a ValueError."""
        with pytest.raises(ValueError, match=r"cannot end \(2020-12-31\) before it begins"):
            DateSpan.parse("2021/2020")

    def test_long_text_is_shortened(self) -> None:
        """A long text is quoted shortened in the message."""
        with pytest.raises(ValueError, match=r"x…'$"):
            DateSpan.parse("x" * 100)

    @pytest.mark.parametrize("value", [2020, None, dt.date(2020, 1, 1), b"2020"], ids=repr)
    def test_not_text(self, value: object) -> None:
        """Anything but a string is a TypeError that names its type."""
        with pytest.raises(TypeError, match=rf"got {type(value).__name__}$"):
            DateSpan.parse(value)  # type: ignore[arg-type]

    @given(st.dates())
    def test_day(self, day: dt.date) -> None:
        """Any ISO day parses to the exact span of that day."""
        assert DateSpan.parse(day.isoformat()) == DateSpan.exact(day)

    @given(st.dates())
    def test_month_and_year_contain_the_day(self, day: dt.date) -> None:
        """The month and the year of any day parse to spans that contain it."""
        month = DateSpan.parse(day.isoformat()[:7])
        year = DateSpan.parse(day.isoformat()[:4])
        assert month.contains(day)
        assert year.contains(day)
        assert month.earliest.day == 1
        assert year.earliest.timetuple().tm_yday == 1

    @given(st.dates())
    def test_text_of_any_year_and_month(self, day: dt.date) -> None:
        """The year and month spans of any day, even before year 1000, print as they parse."""
        for text in (day.isoformat()[:4], day.isoformat()[:7]):
            assert str(DateSpan.parse(text)) == text


class TestConstruction:
    """A DateSpan refuses or converts bad bounds when it is built (issue 21, fault 13)."""

    def test_datetimes_give_their_days(self) -> None:
        """A datetime bound is converted to its date."""
        span = DateSpan(
            dt.datetime(2020, 1, 1, 9, 30, tzinfo=dt.UTC), dt.datetime(2020, 1, 2, tzinfo=dt.UTC)
        )
        assert type(span.earliest) is dt.date
        assert type(span.latest) is dt.date
        assert span == DateSpan(dt.date(2020, 1, 1), dt.date(2020, 1, 2))

    def test_exact_of_a_datetime(self) -> None:
        """DateSpan.exact(datetime) is the span of its day, and prints and parses as one."""
        span = DateSpan.exact(dt.datetime(2022, 2, 15, 23, 59, tzinfo=dt.UTC))
        assert span == DateSpan.parse("2022-02-15")
        assert str(span) == "2022-02-15"

    @pytest.mark.parametrize(
        ("earliest", "latest"),
        [
            (None, None),
            ("2020-01-01", "2020-01-02"),
            (dt.date(2020, 1, 1), None),
            (None, dt.date(2020, 1, 1)),
            (dt.date(2020, 1, 1), "2020-01-02"),
            (20200101, 20200102),
            (DateSpan.parse("2020"), DateSpan.parse("2021")),
        ],
    )
    def test_bounds_that_are_not_dates(self, earliest: object, latest: object) -> None:
        """None, text, numbers and spans are refused as bounds with a TypeError that says so."""
        with pytest.raises(TypeError, match=r"a DateSpan's bounds are datetime.date objects"):
            DateSpan(earliest, latest)

    def test_exact_of_text(self) -> None:
        """DateSpan.exact of text is refused: the text is for DateSpan.parse."""
        with pytest.raises(TypeError, match=r"got str$"):
            DateSpan.exact("2020-01-01")  # type: ignore[arg-type]

    def test_reversed(self) -> None:
        """A span that ends before it begins is a ValueError naming both days."""
        with pytest.raises(
            ValueError,
            match=r"^a DateSpan cannot end \(2020-01-01\) before it begins \(2020-01-02\)$",
        ):
            DateSpan(dt.date(2020, 1, 2), dt.date(2020, 1, 1))

    @pytest.mark.parametrize("flag", [1, 0, None, "yes"])
    def test_inferred_flag(self, flag: object) -> None:
        """is_inferred is True or False; anything else is a TypeError."""
        with pytest.raises(TypeError, match=r"is_inferred is True or False"):
            DateSpan(dt.date(2020, 1, 1), dt.date(2020, 1, 1), is_inferred=flag)

    @given(date_spans())
    def test_every_span_prints_and_parses(self, span: DateSpan) -> None:
        """Whatever span is built, its text parses back to an equal span."""
        assert DateSpan.parse(str(span)) == span


class TestText:
    """str() is the short form or the bounds; repr() the short form or the fields."""

    @pytest.mark.parametrize(
        ("span", "expected"),
        [
            (DateSpan.parse("2020"), "2020"),
            (DateSpan.parse("2020-02"), "2020-02"),
            (DateSpan.parse("2020-02-03"), "2020-02-03"),
            (DateSpan.parse("2020-02-01/2020-02-29"), "2020-02"),
            (DateSpan(dt.date(2020, 1, 1), dt.date(2020, 1, 30)), None),
            (DateSpan(dt.date(2020, 1, 1), dt.date(2020, 2, 29)), None),
            (DateSpan(dt.date(2020, 1, 2), dt.date(2020, 12, 31)), None),
            (DateSpan(dt.date(2020, 1, 1), dt.date(2021, 12, 31)), None),
            (DateSpan(dt.date(2020, 1, 1), dt.date(2020, 12, 31), is_inferred=True), None),
            (DateSpan(dt.date(2020, 1, 1), dt.date(2020, 1, 1), is_inferred=True), None),
        ],
    )
    def test_short(self, span: DateSpan, expected: str | None) -> None:
        """short() gives the YYYY[-MM[-DD]] form only when the span is exactly that."""
        assert span.short() == expected

    @pytest.mark.parametrize(
        ("span", "text", "representation"),
        [
            (DateSpan.parse("2020"), "2020", "DateSpan('2020')"),
            (DateSpan.parse("2022-02-15"), "2022-02-15", "DateSpan('2022-02-15')"),
            (
                DateSpan(dt.date(2021, 3, 10), dt.date(2021, 3, 12)),
                "2021-03-10/2021-03-12",
                (
                    "DateSpan(earliest=datetime.date(2021, 3, 10), "
                    "latest=datetime.date(2021, 3, 12), is_inferred=False)"
                ),
            ),
            (
                DateSpan(dt.date(2021, 3, 18), dt.date(2021, 3, 18), is_inferred=True),
                "2021-03-18 (inferred)",
                (
                    "DateSpan(earliest=datetime.date(2021, 3, 18), "
                    "latest=datetime.date(2021, 3, 18), is_inferred=True)"
                ),
            ),
        ],
    )
    def test_str_and_repr(self, span: DateSpan, text: str, representation: str) -> None:
        """str() is the short form or the bounds; repr() names the short form or the fields."""
        assert str(span) == text
        assert repr(span) == representation

    @given(date_spans())
    def test_repr_round_trips(self, span: DateSpan) -> None:
        """repr() names the short form where there is one, and evaluates back otherwise."""
        short = span.short()
        if short is not None:
            assert repr(span) == f"DateSpan({short!r})"
        else:
            namespace = {"DateSpan": DateSpan, "datetime": dt}
            assert eval(repr(span), namespace) == span  # noqa: S307 - our own repr


class TestQuestions:
    """is_exact, contains, overlaps and order."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2022-02-15", True),
            ("2022-02", False),
            ("2022", False),
            ("2022-02-15 (inferred)", True),
        ],
    )
    def test_is_exact(self, text: str, expected: bool) -> None:
        """Only a single day is exact."""
        assert DateSpan.parse(text).is_exact is expected

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (dt.date(2019, 12, 31), False),
            (dt.date(2020, 1, 1), True),
            (dt.date(2020, 6, 30), True),
            (dt.date(2020, 12, 31), True),
            (dt.date(2021, 1, 1), False),
            ("2020-06-30", True),
            ("2021-01-01", False),
            (dt.datetime(2020, 12, 31, 23, 59, tzinfo=dt.UTC), True),
        ],
    )
    def test_contains(self, day: dt.date | str, expected: bool) -> None:
        """A span holds exactly the days between its bounds, both included; text is a day."""
        assert DateSpan.parse("2020").contains(day) is expected  # type: ignore[arg-type]

    def test_contains_other_types(self) -> None:
        """A day that is neither a date nor text is a TypeError."""
        with pytest.raises(TypeError, match=r"expected the day as a datetime.date"):
            DateSpan.parse("2020").contains(2020)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("left", "right", "expected"),
        [
            ("2021", "2021-06", True),
            ("2021-06", "2021", True),
            ("2021", "2022", False),
            ("2021-12-31", "2021/2022", True),
            ("2020/2021", "2021-12-31", True),
            ("2020-01", "2020-02", False),
        ],
    )
    def test_overlaps(self, left: str, right: str, expected: bool) -> None:
        """Two spans overlap when they share at least one day."""
        assert DateSpan.parse(left).overlaps(DateSpan.parse(right)) is expected

    def test_order(self) -> None:
        """Spans sort by their earliest day, then their latest, then inferred after read."""
        spans = [
            DateSpan.parse("2021"),
            DateSpan.parse("2020 (inferred)"),
            DateSpan.parse("2020-06"),
            DateSpan.parse("2020"),
        ]
        assert sorted(spans) == [spans[3], spans[1], spans[2], spans[0]]

    def test_comparisons(self) -> None:
        """Ordering gives every comparison operator."""
        early, late = DateSpan.parse("2020"), DateSpan.parse("2021")
        assert early < late
        assert early <= late
        assert late > early
        assert late >= early
        assert early <= early  # noqa: PLR0124 - the operator itself is under test

    def test_no_order_with_other_types(self) -> None:
        """A span does not compare with a date or a string."""
        with pytest.raises(TypeError, match=r"not supported"):
            _ = DateSpan.parse("2020") < dt.date(2020, 1, 1)  # type: ignore[operator]

    def test_equality_and_hash(self) -> None:
        """Spans are values: equal spans hash alike, whichever way they were built."""
        parsed = DateSpan.parse("2020-02")
        built = DateSpan(dt.date(2020, 2, 1), dt.date(2020, 2, 29))
        assert parsed == built
        assert hash(parsed) == hash(built)
        assert parsed != DateSpan.parse("2020-02 (inferred)")

    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    def test_pickles(self, protocol: int) -> None:
        """A span pickles with any protocol into an equal span."""
        span = DateSpan.parse("2021-03-18/2021-06-24 (inferred)")
        assert pickle.loads(pickle.dumps(span, protocol=protocol)) == span  # noqa: S301

    def test_deep_copy(self) -> None:
        """A deep copy is equal."""
        span = DateSpan.parse("2020")
        assert copy.deepcopy(span) == span

    def test_frozen(self) -> None:
        """A span cannot be changed."""
        span = DateSpan.parse("2020")
        with pytest.raises(AttributeError):
            span.earliest = dt.date(2019, 1, 1)  # type: ignore[misc]

    def test_types(self) -> None:
        """The public methods' types."""
        span = DateSpan.parse("2020")
        assert_type(span, DateSpan)
        assert_type(DateSpan.exact(dt.date(2020, 1, 1)), DateSpan)
        assert_type(span.short(), str | None)
        assert_type(span.is_exact, bool)
        assert_type(span.contains(dt.date(2020, 1, 1)), bool)


class TestAsDay:
    """as_day reads a day from a date, a datetime or ISO text."""

    @pytest.mark.parametrize(
        "value",
        ["2022-02-15", dt.date(2022, 2, 15), dt.datetime(2022, 2, 15, 9, tzinfo=dt.UTC)],
    )
    def test_forms(self, value: object) -> None:
        """Each form gives the day."""
        assert as_day(value) == dt.date(2022, 2, 15)

    def test_datetime_gives_a_date(self) -> None:
        """A datetime gives a plain date, not itself."""
        assert type(as_day(dt.datetime(2022, 2, 15, 9, tzinfo=dt.UTC))) is dt.date

    @pytest.mark.parametrize("value", ["2020-13-01", "yesterday", "2020"])
    def test_bad_text(self, value: str) -> None:
        """Text that is no ISO day is a ValueError that quotes it."""
        with pytest.raises(ValueError, match=rf"ISO 8601 date \(YYYY-MM-DD\), got '{value}'$"):
            as_day(value)

    def test_bad_text_is_shortened(self) -> None:
        """A long text is quoted shortened."""
        with pytest.raises(ValueError, match=r"…'$"):
            as_day("x" * 100)

    @pytest.mark.parametrize("value", [20200101, None, 2020.0, ["2020-01-01"]])
    def test_other_types(self, value: object) -> None:
        """Anything else is a TypeError that names what it means and what it got."""
        with pytest.raises(
            TypeError,
            match=rf"^expected the seat's day as a datetime.date or an ISO 8601 string, "
            f"got {type(value).__name__}$",
        ):
            as_day(value, "seat's day")


class TestAsSpan:
    """as_span reads a span from a span, a date or text."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("2019", DateSpan.parse("2019")),
            ("2019-06", DateSpan.parse("2019-06")),
            ("2019-06-30", DateSpan.parse("2019-06-30")),
            (dt.date(2019, 6, 30), DateSpan.parse("2019-06-30")),
            (dt.datetime(2019, 6, 30, 12, tzinfo=dt.UTC), DateSpan.parse("2019-06-30")),
        ],
    )
    def test_forms(self, value: object, expected: DateSpan) -> None:
        """A year or a month is the whole of it; a date is its day."""
        assert as_span(value) == expected

    def test_span_as_it_is(self) -> None:
        """A span is given back as it is."""
        span = DateSpan.parse("2019 (inferred)")
        assert as_span(span) is span

    def test_bad_text(self) -> None:
        """Text that is no span is a ValueError that names what it means."""
        with pytest.raises(
            ValueError, match=r"^expected the launch as YYYY, YYYY-MM or YYYY-MM-DD, got 'soon'$"
        ):
            as_span("soon", "launch")

    @pytest.mark.parametrize("value", [2019, None, 2019.5])
    def test_other_types(self, value: object) -> None:
        """Anything else is a TypeError that lists what is taken."""
        with pytest.raises(TypeError, match=rf"a DateSpan or text .*got {type(value).__name__}$"):
            as_span(value)
