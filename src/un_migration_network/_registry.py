"""One generic, read-only collection for every kind of record, with forgiving lookups."""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from un_migration_network._normalize import MAX_QUERY, bigrams, dice, normalize
from un_migration_network.exceptions import DataError, DataProblem, NotFoundError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Match", "Registry"]

T = TypeVar("T")


class Match(NamedTuple, Generic[T]):
    """One ranked search result.

    Attributes:
        score: Higher is better: 4 exact, 3-4 prefix, 2-3 substring, below 1 a fuzzy match.
        key: The key that matched, as the data writes it.
        record: The record.
    """

    score: float
    key: str
    record: T


# A fuzzy candidate must share this much of its letter pairs with the query: one typo in a
# key of three or more letters keeps at least half of them (when no letter pair repeats).
_MIN_SIMILARITY = 0.5
# Keys shorter than this (a principle's letter, a two-letter code) match exactly or not at all:
# one typo in them names another record as often as the intended one.
_MIN_FUZZY = 3
_HUGE = 10**MAX_QUERY
# The slots a deferred registry fills when it is first used; one build at a time.
_DEFERRED = frozenset({"_records", "_by_key", "_by_raw", "_entries", "_grams", "_record_type"})
_BUILDING = threading.RLock()


class _Build(NamedTuple, Generic[T]):
    """How a deferred registry gets its records, and their class, on first use."""

    records: Callable[[], Iterable[T]]
    record_type: Callable[[], type[T]] | None


class Registry(Generic[T]):
    """A read-only collection of records of one kind, looked up by any natural key.

    Keys are matched after folding case, accents, spaces and punctuation, so
    ``"UN Habitat"``, ``"UN-HABITAT"`` and ``"unhabitat"`` find the same record.

    >>> import un_migration_network as umn
    >>> umn.networks.lookup("mozambique").country_code
    'MZ'
    >>> umn.agencies.get("no such thing") is None
    True
    """

    __slots__ = (
        "_build",
        "_by_key",
        "_by_raw",
        "_entries",
        "_grams",
        "_key_function",
        "_kind",
        "_path",
        "_record_type",
        "_records",
    )

    def __init__(
        self,
        records: Iterable[T],
        /,
        *,
        keys: Callable[[T], Iterable[str | int | None]],
        kind: str = "record",
        path: str = "$",
        record_type: type[T] | None = None,
    ) -> None:
        """Index *records* under every key that *keys* gives for each.

        Args:
            records: The records, in the order iteration gives them.
            keys: Every natural key of a record (None and empty keys are skipped).
            kind: What one record is, in words ("network"), for messages.
            path: The JSON path of the records' array, for errors.
            record_type: The class of the records, where it is known (a `filter` checks
                field names against it).

        Raises:
            DataError: Two records share a key (after folding), with the JSON path of each.
        """
        self._kind = kind
        self._key_function = keys
        self._path = path
        self._record_type = record_type
        self._build: _Build[T] | None = None
        self._index(tuple(records))

    @classmethod
    def deferred(
        cls,
        build: Callable[[], Iterable[T]],
        /,
        *,
        keys: Callable[[T], Iterable[str | int | None]],
        kind: str = "record",
        path: str = "$",
        record_type_of: Callable[[], type[T]] | None = None,
    ) -> Registry[T]:
        """A registry whose records *build* gives, on its first use, and are then indexed.

        It answers exactly as ``Registry(build(), ..., record_type=record_type_of())``
        would; the bundled data's kinds that a first lookup does not need are built so, when
        first asked for (their classes too: see `_models`).
        """
        registry: Registry[T] = cls.__new__(cls)
        registry._kind = kind
        registry._key_function = keys
        registry._path = path
        registry._build = _Build(build, record_type_of)
        return registry

    # For the interpreter only: to a type checker, a name that is no field stays an error.
    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> object:
            # Reached only for a slot not yet set: the records and indexes of a deferred registry.
            build = object.__getattribute__(self, "_build")
            if build is None or name not in _DEFERRED:
                raise AttributeError(name)
            with _BUILDING:
                if object.__getattribute__(self, "_build") is not None:
                    self._index(tuple(build.records()))
                    self._record_type = None if build.record_type is None else build.record_type()
                    self._build = None
            return object.__getattribute__(self, name)

    def _index(self, records: tuple[T, ...]) -> None:
        """Index *records* under every key of each (raises DataError on a shared key)."""
        keys, path = self._key_function, self._path
        by_key: dict[str, tuple[int, T]] = {}
        by_raw: dict[str, T] = {}
        entries: list[tuple[str, str, T]] = []
        problems: list[DataProblem] = []
        for index, record in enumerate(records):
            for raw in keys(record):
                text = _text(raw)
                key = "" if text is None else normalize(text)
                if text is None or not key:
                    continue
                seen = by_key.get(key)
                if seen is None:
                    by_key[key] = (index, record)
                    entries.append((key, text, record))
                elif seen[1] is not record:
                    problems.append(
                        DataProblem(
                            f"{path}[{index}]",
                            f"the key {text!r} also names {path}[{seen[0]}]; "
                            "a key must name one record",
                            "duplicate-key",
                        )
                    )
                by_raw.setdefault(text, record)
        if problems:
            raise DataError(problems)
        self._by_key = {key: record for key, (_, record) in by_key.items()}
        self._by_raw = by_raw
        self._entries = tuple(entries)
        self._records: tuple[T, ...] = records
        # Letter pairs for fuzzy matching: built on the first search, not on load.
        self._grams: tuple[frozenset[str], ...] | None = None

    def lookup(self, key: object, /) -> T:
        """Return the record *key* names.

        Raises:
            NotFoundError: No record has that key; its message suggests the closest keys.

        >>> import un_migration_network as umn
        >>> umn.agencies.lookup("UN Habitat").acronym
        'UN-Habitat'
        """
        found = self._find(key)
        if found is None:
            raise self._miss(key)
        return found

    def get(self, key: object, /, default: T | None = None) -> T | None:
        """Return the record *key* names, or *default*.

        >>> import un_migration_network as umn
        >>> umn.objectives.get(13).paragraph
        29
        """
        found = self._find(key)
        return default if found is None else found

    def get_many(self, keys: Iterable[object], /, default: T | None = None) -> list[T | None]:
        """Return the record each of *keys* names, or *default*, in order: one per key.

        Each distinct key is folded and looked up once, so a column of many repeated
        names costs about as much as its distinct names.

        >>> import un_migration_network as umn
        >>> [a.id if a else None for a in umn.agencies.get_many(["OIM", "oim", "nobody"])]
        ['iom', 'iom', None]
        """
        return [default if found is None else found for found in self._find_many(keys)]

    def lookup_many(self, keys: Iterable[object], /) -> list[T]:
        """Return the record each of *keys* names, in order.

        Raises:
            NotFoundError: At least one key names no record. Its ``misses`` holds one
                `NotFoundError` per distinct key that missed, each with its suggestions.

        >>> import un_migration_network as umn
        >>> umn.networks.lookup_many(["MZ", "Mozambik", "Atlantis"])
        Traceback (most recent call last):
        ...
        un_migration_network.exceptions.NotFoundError: 2 of 3 keys name no network:
        'Mozambik' (did you mean 'Mozambique' or 'Zambia'?), 'Atlantis'
        """
        keys = list(keys)
        found = self._find_many(keys)
        misses: dict[object, NotFoundError] = {}
        for index, (key, record) in enumerate(zip(keys, found, strict=True)):
            slot = _slot(key) or (object, index)
            if record is None and slot not in misses:
                misses[slot] = self._miss(key)
        if misses:
            raise NotFoundError.of_many(tuple(misses.values()), kind=self._kind, total=len(keys))
        return [record for record in found if record is not None]

    def _find_many(self, keys: Iterable[object]) -> list[T | None]:
        seen: dict[tuple[type, object], T | None] = {}
        out: list[T | None] = []
        for key in keys:
            slot = _slot(key)
            if slot is None:
                out.append(self._find(key))
                continue
            try:
                found = seen[slot]
            except KeyError:
                found = seen[slot] = self._find(key)
            out.append(found)
        return out

    def _miss(self, key: object) -> NotFoundError:
        text = _text(key)
        suggestions = () if text is None else self.suggest(text)
        return NotFoundError(key, kind=self._kind, suggestions=suggestions)

    def _find(self, key: object) -> T | None:
        if isinstance(key, str):
            hit = self._by_raw.get(key)
            if hit is not None or len(key) > MAX_QUERY:
                return hit
            return self._by_key.get(normalize(key))
        text = _text(key) if isinstance(key, int) else None
        return None if text is None else self._by_key.get(text)

    def search(self, query: str, /, *, limit: int = 5) -> list[T]:
        """Rank the records that best match *query*, best first; ``[]`` when nothing does.

        Exact keys come first, then keys that start with the query, then keys that
        contain it, then keys within a few typos of it.

        >>> import un_migration_network as umn
        >>> [n.id for n in umn.networks.search("mozambik", limit=1)]
        ['mozambique']
        """
        return [match.record for match in self.matches(query, limit=limit)]

    def suggest(self, query: str | int, /, *, limit: int = 3) -> tuple[str, ...]:
        """The keys closest to *query*, best first, as a person would write them.

        >>> import un_migration_network as umn
        >>> umn.networks.suggest("Mozambik")
        ('Mozambique', 'Zambia')
        """
        text = _text(query)
        if text is None:
            return ()
        return tuple(match.key for match in self.matches(text, limit=limit))

    def matches(self, query: str, /, *, limit: int = 5) -> list[Match[T]]:
        """Like `search`, with each record's score and the key that matched.

        >>> import un_migration_network as umn
        >>> umn.agencies.matches("unhcr", limit=1)[0].key
        'UNHCR'
        """
        text: object = query  # callers without type checking may pass anything
        most: object = limit
        if not isinstance(text, str) or not isinstance(most, int) or most <= 0:
            return []
        if len(text) > MAX_QUERY:
            return []
        needle = normalize(text)
        if not needle:
            return []
        grams = bigrams(needle)
        all_grams = self._grams
        if all_grams is None:
            # Racing threads compute the same tuple; whichever assignment lands is complete.
            all_grams = self._grams = tuple(bigrams(key) for key, _, _ in self._entries)
        # Each record's best key, with the place of that key: ties keep the data's order, so
        # results are stable, and scores stay exact (callers compare them across kinds).
        best: dict[int, tuple[float, int, Match[T]]] = {}
        for order, ((key, text, record), key_grams) in enumerate(
            zip(self._entries, all_grams, strict=True)
        ):
            score = _score(needle, grams, key, key_grams)
            if score <= 0:
                continue
            slot = id(record)
            if slot not in best or best[slot][0] < score:
                best[slot] = (score, -order, Match(score, text, record))
        import heapq  # noqa: PLC0415 - only for a search, never on a first lookup's path

        return [match for _, _, match in heapq.nlargest(limit, best.values(), key=_rank)]

    def filter(
        self, predicate: Callable[[T], bool] | None = None, /, **fields: object
    ) -> Registry[T]:
        """Return a registry of the records that pass *predicate* and have the *fields* given.

        A field that holds an enum also takes the enum's value (``level="country"``).

        Raises:
            TypeError: The records have no field of a name given.
            ValueError: A value is not one of the values of the field's enum.

        >>> import un_migration_network as umn
        >>> len(umn.networks.filter(level="global"))
        1
        """
        wanted = {name: self._field_value(name, value) for name, value in fields.items()}
        missing = object()
        chosen = [
            record
            for record in self._records
            if (predicate is None or predicate(record))
            and all(getattr(record, name, missing) == value for name, value in wanted.items())
        ]
        return Registry(
            chosen, keys=self._key_function, kind=self._kind, record_type=self._record_type
        )

    def _field_value(self, name: str, value: object) -> object:
        """The value a filter on field *name* compares with: an enum member for its value."""
        sample = self._records[0] if self._records else None
        holder = self._record_type or (type(sample) if sample is not None else None)
        if holder is not None and not hasattr(holder, name):
            msg = f"{self._kind} records have no field {name!r}"
            raise TypeError(msg)
        current = getattr(sample, name, None)
        if isinstance(current, enum.Enum) and not isinstance(value, enum.Enum):
            members = {member.value: member for member in type(current)}
            if value not in members:
                choices = ", ".join(repr(v) for v in members)
                msg = f"{name} is one of {choices} (or a {type(current).__name__}), not {value!r}"
                raise ValueError(msg)
            return members[value]
        return value

    @property
    def kind(self) -> str:
        """What the registry holds, in the singular ("agency", "network", ...)."""
        return self._kind

    @property
    def record_type(self) -> type[T] | None:
        """The class of the records, where it is known."""
        return self._record_type

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[T]:
        return iter(self._records)

    def __getitem__(self, index: int) -> T:
        """The record at *index* in iteration order (negative indexes count from the end)."""
        return self._records[index]

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str | int):
            return self._find(item) is not None
        return any(record is item for record in self._records)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Registry):
            return NotImplemented
        return self._kind == other._kind and self._records == other._records

    def __hash__(self) -> int:
        return hash((self._kind, self._records))

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuild from the records: the indexes are derived, and any pickle protocol works.
        return (
            _rebuild_registry,
            (self._records, self._key_function, self._kind, self._path, self._record_type),
        )

    def __repr__(self) -> str:
        return f"<Registry of {len(self)} {self._kind} records>"

    def to_html(self, *, lang: str = "en") -> str:
        """The records as an HTML table of their key columns; names in *lang* where known."""
        from un_migration_network._html import registry_html  # noqa: PLC0415 - notebooks only

        return registry_html(self, lang=lang)

    def _repr_html_(self) -> str:
        """The records as an HTML table of their key columns, for notebooks."""
        return self.to_html()

    def to_dataframe(self, *, lang: str = "en") -> pd.DataFrame:
        """The records as a pandas DataFrame: one row each, one column per field.

        A list is a list (``[]`` when empty), a reference an id (a list of ids for several),
        a date span three columns (its text, ``_earliest`` and ``_latest`` as
        ``datetime64``), an enum a categorical, and an absent value ``<NA>`` or ``NaT``.
        Names in other languages get one column per language (``name_fr``, ...); with
        *lang*, the name columns hold that language (the English, marked ``[en]``, where
        there is none). Needs the ``pandas`` extra.

        Raises:
            ImportError: pandas is not installed.

        >>> import un_migration_network as umn
        >>> frame = umn.objectives.to_dataframe()
        >>> frame.loc[12, "short_label"], frame.loc[0, "short_label_es"]
        ('Alternatives to detention', 'Datos')
        """
        from un_migration_network._export import registry_dataframe  # noqa: PLC0415 - lazy pandas

        return registry_dataframe(self, lang=lang)


def _rebuild_registry(
    records: tuple[Any, ...],
    keys: Callable[[Any], Iterable[str | int | None]],
    kind: str,
    path: str,
    record_type: type | None,
) -> Registry[Any]:
    return Registry(records, keys=keys, kind=kind, path=path, record_type=record_type)


def _rank(entry: tuple[float, int, Match[Any]]) -> tuple[float, int]:
    return entry[0], entry[1]


def _slot(key: object) -> tuple[type, object] | None:
    """A key's place in a cache of answers: its type beside it, so that 1 and True differ."""
    if isinstance(key, str | int):
        return (type(key), key)
    return None


def _text(key: object) -> str | None:
    """A key as text: strings as they are, whole numbers in decimal; None for anything else."""
    if isinstance(key, str):
        return key
    if not isinstance(key, int) or isinstance(key, bool):
        return None
    if abs(key) >= _HUGE:  # more digits than any key has; Python would refuse to print it
        return None
    return str(key)


def _score(needle: str, grams: frozenset[str], key: str, key_grams: frozenset[str]) -> float:
    if key == needle:
        return 4.0
    if key.startswith(needle):
        return 3.0 + len(needle) / len(key)
    if needle in key:
        return 2.0 + len(needle) / len(key)
    if len(key) < _MIN_FUZZY:
        return 0.0
    similarity = dice(grams, key_grams)
    return similarity if similarity >= _MIN_SIMILARITY else 0.0
