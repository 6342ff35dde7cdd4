"""The bundled document, structured by the generated functions: no cattrs, one kind at a time.

`load()` reads the bundled data through this fast path, which structures the sources, the
agencies and the networks at once (every record cites sources; networks name agencies) and
each other kind on its first use. Any document it cannot structure makes it raise; the caller
then gives the document to the cattrs converter, which reports every problem with its path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from un_migration_network import _generated, _hooks
from un_migration_network._kinds import KINDS, Kind
from un_migration_network._models import Agency, Source

if TYPE_CHECKING:
    import datetime as dt

    from un_migration_network._models import Document

__all__ = ["Pending", "structure_fast"]

_T = TypeVar("_T")

# The two records a document holds whole, by their key, with their class's name.
_SINGLETONS = {"executive_committee": "ExecutiveCommittee", "compact": "Compact"}
_KNOWN = frozenset(("as_of", *(kind.plural for kind in KINDS), *_SINGLETONS))
_REQUIRED = ("as_of", *(kind.plural for kind in KINDS if kind.is_required), *_SINGLETONS)


class Pending:
    """A parsed document, structured kind by kind as each is first asked for.

    Raises (from its constructor and each method) whatever a value that does not fit raises:
    the fast path does not say where; the cattrs converter does. Its callers take their own
    locks (a registry is built once, under its lock; so is each of the two singletons).
    """

    def __init__(self, data: Mapping[str, Any]) -> None:
        unknown = set(data) - _KNOWN
        missing = [key for key in _REQUIRED if key not in data]
        if unknown or missing:
            msg = f"unknown keys {sorted(map(repr, unknown))}, missing keys {missing}"
            raise ValueError(msg)
        self._data = data
        self._records: dict[str, tuple[Any, ...]] = {}
        self.as_of: dt.date = _hooks.day(data["as_of"])
        sources = self._structure(KINDS[0])
        self._tables: dict[type, Mapping[str, Any]] = {Source: _by_id(sources)}
        agencies = self._structure(KINDS[1])
        self._tables[Agency] = _by_id(agencies)
        self._records = {KINDS[0].plural: sources, KINDS[1].plural: agencies}

    def records(self, kind: Kind[Any]) -> tuple[Any, ...]:
        """The records of *kind*, structured once (the sources and agencies are, at once)."""
        found = self._records.get(kind.plural)
        if found is None:
            found = self._records[kind.plural] = self._structure(kind)
        return found

    def singleton(self, key: str) -> Any:
        """The Executive Committee or the Compact."""
        structure = _generated.structure(_SINGLETONS[key])
        return _with_tables(self._tables, lambda: structure(self._data[key]))

    def _structure(self, kind: Kind[Any]) -> tuple[Any, ...]:
        raw = self._data.get(kind.plural, ())
        if not isinstance(raw, list | tuple):
            msg = f"{kind.plural} is not an array"
            raise TypeError(msg)
        structure = _generated.structure(kind.class_name)
        tables = getattr(self, "_tables", {})
        records = _with_tables(tables, lambda: tuple([structure(item) for item in raw]))
        if kind.primary == "id":
            _by_id(records)  # two records of one kind may not share an id
        return records


def _with_tables(tables: Mapping[type, Mapping[str, Any]], structure: Callable[[], _T]) -> _T:
    """What *structure* returns, with references resolved against *tables* meanwhile."""
    previous = _hooks.TABLES.current
    _hooks.TABLES.current = tables
    try:
        return structure()
    finally:
        _hooks.TABLES.current = previous


def _by_id(records: tuple[Any, ...]) -> dict[str, Any]:
    table = {record.id: record for record in records}
    if len(table) != len(records):
        msg = "two records share an id"
        raise ValueError(msg)
    return table


def structure_fast(data: Mapping[str, Any]) -> Document:
    """The whole document, structured by the generated functions (for tests and tools).

    Raises:
        Exception: Any value that does not fit: the document is then for the converter.
    """
    from un_migration_network._document import Document  # noqa: PLC0415 - tests and tools only

    pending = Pending(data)
    return Document(
        as_of=pending.as_of,
        executive_committee=pending.singleton("executive_committee"),
        compact=pending.singleton("compact"),
        records=tuple((kind.plural, pending.records(kind)) for kind in KINDS),
    )
