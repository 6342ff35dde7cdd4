"""The exceptions the library raises: one base class, each also the builtin it means."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from un_migration_network._countries import Country

__all__ = ["AmbiguousError", "DataError", "DataProblem", "MigrationNetworkError", "NotFoundError"]

# A message quotes at most this much of a query: a megabyte pasted by mistake is not echoed.
_QUOTED = 60
# A message about many misses names at most this many of them.
_NAMED_MISSES = 10
# Python prints integers of at most 4,300 digits (about 14,000 bits); 13,300 bits is 4,000.
_PRINTABLE_BITS = 13_300


def quote(value: object, /) -> str:
    """*value* as a message quotes it: its repr, shortened to about 60 characters.

    >>> quote("Mozambik")
    "'Mozambik'"
    >>> quote("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (100 characters)"
    >>> quote(10**5000)
    'a number of more than 4,000 digits'
    """
    if isinstance(value, str) and len(value) > _QUOTED:
        return f"{value[:_QUOTED] + '…'!r} ({len(value):,} characters)"
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > _PRINTABLE_BITS:
            return "a number of more than 4,000 digits"
        digits = str(value)
        if len(digits) > _QUOTED:
            return f"{digits[:_QUOTED]}… ({len(digits):,} digits)"
        return digits
    return repr(value)


class MigrationNetworkError(Exception):
    """Base class of every error this library raises on purpose."""


class NotFoundError(MigrationNetworkError, LookupError):
    """A lookup found no record for a key.

    Attributes:
        query: The key that was looked up (for `Registry.lookup_many`, the keys that missed).
        suggestions: The closest keys, best first (may be empty).
        country: The country the query names, where the data has no record of this kind for
            it: the query is no typo ("Guatemala" has no network), and the message says so.
        misses: For `Registry.lookup_many`, one error per distinct key that missed.

    >>> error = NotFoundError("Mozambik", kind="network", suggestions=("Mozambique",))
    >>> str(error)
    "no network matches 'Mozambik'; did you mean 'Mozambique'?"
    """

    def __init__(  # noqa: PLR0913 - each a keyword, saying one thing
        self,
        query: object,
        *,
        kind: str = "record",
        suggestions: Sequence[str] = (),
        misses: Sequence[NotFoundError] = (),
        total: int | None = None,
        country: Country | None = None,
        note: str | None = None,
    ) -> None:
        self.query = query
        self.kind = kind
        self.suggestions = tuple(suggestions)
        self.misses = tuple(misses)
        self.total = total
        self.country = country
        self.note = note
        super().__init__(self._message())

    @classmethod
    def of_many(cls, misses: Sequence[NotFoundError], *, kind: str, total: int) -> NotFoundError:
        """One error for the keys of a bulk lookup that missed, each with its suggestions."""
        queries = tuple(miss.query for miss in misses)
        return cls(queries, kind=kind, misses=misses, total=total)

    def _message(self) -> str:
        if self.misses:
            named = ", ".join(
                miss._brief()  # noqa: SLF001 - an error of this very class
                for miss in self.misses[:_NAMED_MISSES]
            )
            more = len(self.misses) - _NAMED_MISSES
            if more > 0:
                named += f" and {more} more"
            noun = "key names" if self.total == 1 else "keys name"
            return f"{len(self.misses)} of {self.total} {noun} no {self.kind}: {named}"
        country = self.country
        if country is not None:
            # A query that names a country with no record is no typo: say what is there.
            codes = country.alpha3 or country.alpha2
            what = "a UN Member State" if country.is_member_state else "a country or area"
            note = self.note or f"the data lists no {self.kind} there"
            return f"{country.name} ({codes}) is {what}; {note}"
        message = f"no {self.kind} matches {quote(self.query)}"
        if self.note:
            message += f"; {self.note}"
        if self.suggestions:
            message += f"; did you mean {self._options()}?"
        return message

    def _options(self) -> str:
        return " or ".join(quote(s) for s in self.suggestions[:3])

    def _brief(self) -> str:
        if self.country is not None:
            return f"{quote(self.query)} (no {self.kind} in {self.country.name})"
        if self.suggestions:
            return f"{quote(self.query)} (did you mean {self._options()}?)"
        return quote(self.query)

    def __reduce__(self) -> tuple[object, ...]:
        query = self.query
        # Pickle protocols 0 and 1 write integers in decimal, which Python refuses for more
        # than 4,300 digits: such a query travels as bytes.
        packed: tuple[object, bool] = (query, False)
        if isinstance(query, int) and not isinstance(query, bool):
            length = query.bit_length() // 8 + 1
            packed = (query.to_bytes(length, "big", signed=True), True)
        return (
            _rebuild_not_found,
            (packed, self.kind, self.suggestions, self.misses, self.total, self.country, self.note),
        )

    def __str__(self) -> str:
        return self._message()


def _rebuild_not_found(  # noqa: PLR0913, PLR0917 - what __reduce__ gives back
    packed: tuple[object, bool],
    kind: str,
    suggestions: tuple[str, ...],
    misses: tuple[NotFoundError, ...],
    total: int | None,
    country: Any = None,
    note: str | None = None,
) -> NotFoundError:
    query, is_packed_int = packed
    if is_packed_int and isinstance(query, bytes):
        query = int.from_bytes(query, "big", signed=True)
    return NotFoundError(
        query,
        kind=kind,
        suggestions=suggestions,
        misses=misses,
        total=total,
        country=country,
        note=note,
    )


class AmbiguousError(MigrationNetworkError, LookupError):
    """A query names records of more than one kind, and none of them wins.

    Attributes:
        query: The query.
        choices: Each record it names, as its kind and its key: ``("objective", "23")``.

    >>> str(AmbiguousError("Cooperation", (("objective", "23"), ("guiding principle", "b"))))
    "'Cooperation' names more than one record: ask for 'objective 23' or 'guiding principle b'"
    """

    def __init__(self, query: object, choices: Sequence[tuple[str, str]]) -> None:
        self.query = query
        self.choices = tuple(choices)
        super().__init__(self._message())

    def _message(self) -> str:
        asks = " or ".join(repr(f"{kind} {key}") for kind, key in self.choices)
        return f"{quote(self.query)} names more than one record: ask for {asks}"

    def __reduce__(self) -> tuple[object, ...]:
        return (AmbiguousError, (self.query, self.choices))

    def __str__(self) -> str:
        return self._message()


@attrs.frozen
class DataProblem:
    """One thing wrong with a data document.

    Attributes:
        path: The JSON path of the offending value (``$.networks[3].launched``).
        message: What is wrong and what was expected.
        code: A stable name for the kind of problem (a `Code`; listed in the docs).

    >>> str(DataProblem("$.networks[3].launched", "expected a date", "bad-date"))
    '$.networks[3].launched: expected a date [bad-date]'
    """

    path: str
    message: str
    code: str = "invalid-value"

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.code}]"


class DataError(MigrationNetworkError, ValueError):
    """A data document could not be loaded; every problem found is listed.

    Attributes:
        problems: Each problem, with its JSON path.
        origin: The file or description of the document, if any.

    >>> import un_migration_network as umn
    >>> try:
    ...     umn.load_dataset({"as_of": "2026-02-30"})
    ... except umn.DataError as error:
    ...     print(error.problems[0])
    $: required key 'sources' is missing [missing-key]
    """

    def __init__(self, problems: Sequence[DataProblem], *, origin: str | None = None) -> None:
        self.problems = tuple(problems)
        self.origin = origin
        super().__init__(self._message())

    def _message(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{where}{count} {noun} in the data"]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_data_error, (self.problems, self.origin))

    def __str__(self) -> str:
        return self._message()


def _rebuild_data_error(problems: tuple[DataProblem, ...], origin: str | None) -> DataError:
    return DataError(problems, origin=origin)
