"""The exceptions the library raises: one base class, each also the builtin it means."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = ["DataError", "DataProblem", "MigrationNetworkError", "NotFoundError"]


class MigrationNetworkError(Exception):
    """Base class of every error this library raises on purpose."""


class NotFoundError(MigrationNetworkError, LookupError):
    """A lookup found no record for a key.

    Attributes:
        query: The key that was looked up.
        suggestions: The closest keys, best first (may be empty).

    >>> error = NotFoundError("Mozambik", kind="network", suggestions=("Mozambique",))
    >>> str(error)
    "no network matches 'Mozambik'; did you mean 'Mozambique'?"
    """

    def __init__(
        self, query: object, *, kind: str = "record", suggestions: Sequence[str] = ()
    ) -> None:
        self.query = query
        self.kind = kind
        self.suggestions = tuple(suggestions)
        super().__init__(self._message())

    def _message(self) -> str:
        try:
            query = repr(self.query)
        except ValueError:  # an integer of more digits than Python will print
            query = "a number too long to print"
        message = f"no {self.kind} matches {query}"
        if self.suggestions:
            options = " or ".join(repr(s) for s in self.suggestions[:3])
            message += f"; did you mean {options}?"
        return message

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_not_found, (self.query, self.kind, self.suggestions))

    def __str__(self) -> str:
        return self._message()


def _rebuild_not_found(query: object, kind: str, suggestions: tuple[str, ...]) -> NotFoundError:
    return NotFoundError(query, kind=kind, suggestions=suggestions)


@attrs.frozen
class DataProblem:
    """One thing wrong with a data document.

    Attributes:
        path: The JSON path of the offending value (``$.networks[3].launched``).
        message: What is wrong and what was expected.
        code: A stable name for the kind of problem (listed in the docs).

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
