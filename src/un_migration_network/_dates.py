"""Dates as the sources give them: a day, a month, a year, or between two bounds."""

import datetime as dt
import functools
import re
from typing import Self

import attrs

__all__ = ["DateSpan", "as_day", "as_span"]

# Compiled on first use (`re` keeps them): a lookup never parses a span's text.
_ONE = r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?"
_SPAN = rf"(?P<first>{_ONE})(?:/(?P<last>{_ONE}))?(?P<inferred> \(inferred\))?"
_INFERRED = " (inferred)"
_SHOWN = 40


def _last_day(year: int, month: int) -> int:
    """The number of days in *month* of *year* (the Gregorian calendar)."""
    if month == 2:  # noqa: PLR2004 - February
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _shown(value: str) -> str:
    return repr(value[:_SHOWN] + "…" if len(value) > _SHOWN else value)


def _bound(value: object) -> dt.date:
    """A bound of a span: a date (a datetime gives its date); anything else is refused."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    msg = f"a DateSpan's bounds are datetime.date objects, got {type(value).__name__}"
    raise TypeError(msg)


def _in_order(span: "DateSpan", _: object, latest: dt.date) -> None:
    if latest < span.earliest:
        msg = f"a DateSpan cannot end ({latest}) before it begins ({span.earliest})"
        raise ValueError(msg)


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        msg = f"is_inferred is True or False, got {type(value).__name__}"
        raise TypeError(msg)
    return value


@functools.total_ordering
@attrs.frozen
class DateSpan:
    """A date known to a day, a month, a year or between two bounds.

    Its text, ``str(span)``, always parses back: ``DateSpan.parse(str(span)) == span``. A span
    is built from two `datetime.date` bounds in order (a datetime gives its date); anything
    else is refused when it is built, so every span prints and parses.

    Attributes:
        earliest: The first day the fact can hold for.
        latest: The last day the fact can hold for.
        is_inferred: Whether the span is reasoned from other facts rather than read in a source.

    >>> DateSpan.parse("2020")
    DateSpan('2020')
    >>> DateSpan.parse("2022-02-15").is_exact
    True
    >>> str(DateSpan.parse("2021-03-18/2021-06-24 (inferred)"))
    '2021-03-18/2021-06-24 (inferred)'
    """

    earliest: dt.date = attrs.field(converter=_bound)
    latest: dt.date = attrs.field(converter=_bound, validator=_in_order)
    is_inferred: bool = attrs.field(default=False, converter=_flag)

    @classmethod
    def exact(cls, day: dt.date, /) -> Self:
        """Return the span of one day.

        >>> DateSpan.exact(dt.date(2022, 2, 15)).latest
        datetime.date(2022, 2, 15)
        """
        return cls(day, day)

    @classmethod
    def parse(cls, text: str, /) -> Self:
        """Parse a span from its text: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or two of them.

        Two forms joined by ``/`` give the span from the first day of the first to the last day
        of the second; a trailing ``" (inferred)"`` marks the span as inferred. These are the
        forms ``str()`` writes.

        Raises:
            TypeError: *text* is not a string.
            ValueError: The text is not one of those forms, names no real day, or ends
                before it begins.

        >>> DateSpan.parse("2021-12").latest
        datetime.date(2021, 12, 31)
        >>> DateSpan.parse("2021-03-18 (inferred)").is_inferred
        True
        """
        given: object = text  # callers without type checking may pass anything
        if not isinstance(given, str):
            msg = (
                f"expected a date as text (YYYY, YYYY-MM or YYYY-MM-DD), got {type(given).__name__}"
            )
            raise TypeError(msg)
        match = re.fullmatch(_SPAN, given)
        if match is None:
            msg = (
                "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, or two joined by '/', "
                f"optionally followed by ' (inferred)', got {_shown(given)}"
            )
            raise ValueError(msg)
        first = _bounds(match["first"])
        last = first if match["last"] is None else _bounds(match["last"])
        return cls(first[0], last[1], is_inferred=match["inferred"] is not None)

    def __lt__(self, other: object) -> bool:
        # Spans sort by their bounds, earliest first (attrs's `order=True` would compile four
        # methods for this one).
        if not isinstance(other, DateSpan):
            return NotImplemented
        mine = (self.earliest, self.latest, self.is_inferred)
        return mine < (other.earliest, other.latest, other.is_inferred)

    @property
    def is_exact(self) -> bool:
        """Whether the span is a single day."""
        return self.earliest == self.latest

    def contains(self, day: dt.date, /) -> bool:
        """Whether *day* lies within the span.

        >>> DateSpan.parse("2020").contains(dt.date(2020, 6, 30))
        True
        """
        when = as_day(day)
        return self.earliest <= when <= self.latest

    def overlaps(self, other: "DateSpan", /) -> bool:
        """Whether the two spans share at least one day.

        >>> DateSpan.parse("2021").overlaps(DateSpan.parse("2021-06"))
        True
        """
        return self.earliest <= other.latest and other.earliest <= self.latest

    def short(self) -> str | None:
        """The ``YYYY[-MM[-DD]]`` form of the span, or None if it has none.

        >>> DateSpan.parse("2021-03").short()
        '2021-03'
        """
        if self.is_inferred:
            return None
        first, last = self.earliest, self.latest
        if first == last:
            return first.isoformat()
        if first.day != 1 or last.year != first.year:
            return None
        if (first.month, last.month, last.day) == (1, 12, 31):
            return f"{first.year:04d}"
        if last.month == first.month and last.day == _last_day(last.year, last.month):
            return f"{first.year:04d}-{first.month:02d}"
        return None

    def __str__(self) -> str:
        short = self.short()
        if short is not None:
            return short
        text = self.earliest.isoformat()
        if not self.is_exact:
            text += f"/{self.latest.isoformat()}"
        return text + _INFERRED if self.is_inferred else text

    def __repr__(self) -> str:
        short = self.short()
        if short is not None:
            return f"DateSpan({short!r})"
        return (
            f"DateSpan(earliest={self.earliest!r}, latest={self.latest!r}, "
            f"is_inferred={self.is_inferred!r})"
        )


def _bounds(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day that one ``YYYY[-MM[-DD]]`` form names."""
    match = re.fullmatch(_ONE, text)
    assert match is not None  # noqa: S101 - _SPAN only matches such forms
    year, month, day = match.groups()
    try:
        if day is not None:
            exact = dt.date.fromisoformat(text)
            return exact, exact
        if month is not None:
            first = dt.date(int(year), int(month), 1)
            return first, first.replace(day=_last_day(first.year, first.month))
        return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    except ValueError:
        msg = f"{text!r} names no real day"
        raise ValueError(msg) from None


def as_day(value: object, /, what: str = "day") -> dt.date:
    """Read *value* as a day: a `datetime.date` (a datetime gives its date) or an ISO string.

    Raises:
        TypeError: *value* is neither a date nor a string.
        ValueError: the string is not an ISO 8601 date.

    >>> as_day("2022-02-15")
    datetime.date(2022, 2, 15)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            msg = f"expected the {what} as an ISO 8601 date (YYYY-MM-DD), got {_shown(value)}"
            raise ValueError(msg) from None
    msg = (
        f"expected the {what} as a datetime.date or an ISO 8601 string, got {type(value).__name__}"
    )
    raise TypeError(msg)


def as_span(value: object, /, what: str = "day") -> DateSpan:
    """Read *value* as a span: a `DateSpan`, a date, or text (``2019``, ``2019-06``, a day).

    A year or a month is the whole of it, so that "existing in 2019" can be asked as the
    command line asks it.

    Raises:
        TypeError: *value* is none of those.
        ValueError: the text is not one of those forms.

    >>> as_span("2019").latest
    datetime.date(2019, 12, 31)
    """
    if isinstance(value, DateSpan):
        return value
    if isinstance(value, dt.date):
        return DateSpan.exact(as_day(value))
    if isinstance(value, str):
        try:
            return DateSpan.parse(value)
        except ValueError:
            msg = f"expected the {what} as YYYY, YYYY-MM or YYYY-MM-DD, got {_shown(value)}"
            raise ValueError(msg) from None
    msg = (
        f"expected the {what} as a datetime.date, a DateSpan or text (YYYY, YYYY-MM or "
        f"YYYY-MM-DD), got {type(value).__name__}"
    )
    raise TypeError(msg)
