"""One generic, read-only collection for every kind of record, with forgiving lookups."""

from __future__ import annotations

import enum
import heapq
import operator
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from un_migration_network._fields import attributes
from un_migration_network._html import registry_html
from un_migration_network._normalize import MAX_QUERY, bigrams, normalize, words
from un_migration_network._records import language_code
from un_migration_network.exceptions import DataError, DataProblem, NotFoundError

__all__ = ["Match", "Registry", "suggestible"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

if TYPE_CHECKING:
    import threading
    from typing import Protocol

    import pandas as pd
    import polars as pl

    from un_migration_network._countries import Country
    from un_migration_network._dataset import Dataset
    from un_migration_network._frames import Annotation
    from un_migration_network._kind import Kind

    class Lazy(Protocol[T_co]):
        """Records read on first use (the bundled data): exact lookups without reading them all."""

        @property
        def lock(self) -> threading.RLock:
            """The lock under which records are read."""

        def find(self, key: str, /) -> T_co | None:
            """The record a folded key names, or None."""

        def by_country(self, alpha2: str, /) -> T_co | None:
            """The record of a country, or None."""

        def records(self) -> tuple[T_co, ...]:
            """Every record, in the document's order."""


# A fuzzy candidate must share this much of its letter pairs with the query: one typo in a
# key of three or more letters keeps at least half of them (when no letter pair repeats).
_MIN_SIMILARITY = 0.5
# A misspelled word inside a longer name must be closer: words are short, and a name has many.
_MIN_WORD_SIMILARITY = 0.75
# Keys shorter than this (a principle's letter, a two-letter code) match exactly or not at all:
# one typo in them names another record as often as the intended one.
_MIN_FUZZY = 3
# A suggestion longer than this (an objective's title) is shown by a shorter key of its record.
_LONGEST_SUGGESTION = 40
_HUGE = 10**MAX_QUERY


class Match(NamedTuple, Generic[T]):
    """One ranked search result.

    Attributes:
        score: Higher is better: 4 exact, 3-4 a prefix, 2-3 a part of a key, 1-2 every word
            of the query in a key (each word exact or nearly), below 1 a fuzzy match.
        key: The key that matched, as the data writes it.
        record: The record.
    """

    score: float
    key: str
    record: T


class _Table(Generic[T]):
    """Records indexed by every folded key, by their own text and by country; built once."""

    __slots__ = ("_fuzzy", "by_country", "by_key", "by_raw", "entries", "records")

    def __init__(self, records: tuple[T, ...], kind: Kind[T], path: str) -> None:
        by_key: dict[str, tuple[int, T]] = {}
        by_raw: dict[str, T] = {}
        entries: list[tuple[str, str, T]] = []
        problems: list[DataProblem] = []
        clashes: set[tuple[int, int]] = set()
        for index, record in enumerate(records):
            for raw in kind.keys(record):
                text = _text(raw)
                key = "" if text is None else normalize(text)
                if text is None or not key:
                    continue
                seen = by_key.get(key)
                if seen is None:
                    by_key[key] = (index, record)
                    entries.append((key, text, record))
                elif seen[1] is not record and (index, seen[0]) not in clashes:
                    # One problem for two records, at the first key they share: a name
                    # written in several languages, or a name and an id, is one clash.
                    clashes.add((index, seen[0]))
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
        self.records = records
        self.by_key = {key: record for key, (_, record) in by_key.items()}
        self.by_raw = by_raw
        self.entries = tuple(entries)
        self.by_country: dict[str, T] = {}
        if kind.has_country:
            for record in records:
                country: Country | None = getattr(record, "country", None)
                if country is not None:
                    self.by_country.setdefault(country.alpha2, record)
        # Letter pairs of keys and of their words, for fuzzy matching: made on the first
        # search (racing threads make equal indexes; whichever lands is complete).
        self._fuzzy: _Fuzzy | None = None

    def fuzzy(self) -> _Fuzzy:
        """The letter-pair index of the keys and their words."""
        found = self._fuzzy
        if found is None:
            keys = [key for key, _, _ in self.entries]
            found = self._fuzzy = _Fuzzy(keys, [raw for _, raw, _ in self.entries])
        return found


class _Postings:
    """Which items hold each letter pair, and how many pairs each item has.

    Postings (arrays of item numbers, one per letter pair) rather than a set of pairs per
    item: a registry of countries, with every name in six languages, has thousands of keys.
    """

    __slots__ = ("sizes", "where")

    def __init__(self, items: list[str]) -> None:
        self.where: dict[str, array[int]] = {}
        self.sizes = array("I")
        for number, item in enumerate(items):
            grams = bigrams(item)
            self.sizes.append(len(grams))
            for gram in grams:
                found = self.where.get(gram)
                if found is None:
                    found = self.where[gram] = array("I")
                found.append(number)

    def similar(self, text: str, least: float) -> dict[int, float]:
        """The items whose letter pairs are at least *least* like *text*'s (Sørensen-Dice)."""
        grams = bigrams(text)
        shared: dict[int, int] = {}
        for gram in grams:
            for number in self.where.get(gram, ()):
                shared[number] = shared.get(number, 0) + 1
        sizes = self.sizes
        found = {}
        for number, count in shared.items():
            similarity = 2 * count / (len(grams) + sizes[number])
            if similarity >= least:
                found[number] = similarity
        return found


class _Fuzzy:
    """The letter-pair index of a registry's keys, and of the words of the keys as written."""

    __slots__ = ("keys", "places", "words")

    def __init__(self, keys: list[str], texts: list[str]) -> None:
        self.keys = _Postings(keys)
        places: dict[str, list[int]] = {}
        for entry, text in enumerate(texts):
            for word in words(text):
                places.setdefault(word, []).append(entry)
        self.words = _Postings(list(places))
        # The entries each word (by its number) appears in.
        self.places = tuple(array("I", dict.fromkeys(where)) for where in places.values())


class Registry(Generic[T]):
    """A read-only collection of records of one kind, looked up by any natural key.

    Keys are matched after folding case, accents, spaces and punctuation, so
    ``"UN Habitat"``, ``"UN-HABITAT"`` and ``"unhabitat"`` find the same record. Records that
    have a country are found by any name or code of it, in any language.

    >>> import un_migration_network as umn
    >>> umn.networks.lookup("Ivory Coast").id
    'cote-divoire'
    >>> umn.agencies.get("no such thing") is None
    True
    """

    __slots__ = ("_countries", "_dataset", "_kind", "_lazy", "_missing", "_records", "_table")

    def __init__(  # noqa: PLR0913 - the records, then each option by keyword
        self,
        records: Iterable[T] = (),
        /,
        *,
        kind: Kind[T],
        countries: Registry[Country] | None = None,
        missing: str | None = None,
        path: str | None = None,
        dataset: Callable[[], Dataset] | None = None,
    ) -> None:
        """Index *records* under every key of each.

        Args:
            records: The records, in the order iteration gives them.
            kind: Their kind (its keys, its name for messages).
            countries: The countries, when the records have a country: a key that names a
                country then finds that country's record.
            missing: What a miss on a country with no record says of the data's coverage
                ("the data lists no network there (it lists 62 of ...)").
            path: The JSON path of the records' array, for errors.
            dataset: How to reach the dataset the records belong to, for what a table of
                them joins from other kinds (a country's network); a `Dataset` sets it.

        Raises:
            DataError: Two records share a key (after folding), with the JSON path of each.
        """
        self._kind = kind
        self._countries = countries if kind.has_country else None
        self._missing = missing
        self._dataset = dataset
        self._lazy: Lazy[T] | None = None
        self._records: tuple[T, ...] | None = tuple(records)
        self._table: _Table[T] | None = _Table(self._records, kind, path or f"$.{kind.plural}")

    @classmethod
    def lazily(
        cls,
        lazy: Lazy[T],
        /,
        *,
        kind: Kind[T],
        countries: Registry[Country] | None = None,
        missing: str | None = None,
        dataset: Callable[[], Dataset] | None = None,
    ) -> Registry[T]:
        """A registry over records read on first use: an exact lookup reads the one record.

        Anything more (iteration, ``len``, search, suggestions, `get_many`) reads them all,
        once, and indexes them as `Registry` does.
        """
        registry: Registry[T] = cls.__new__(cls)
        registry._kind = kind
        registry._countries = countries if kind.has_country else None
        registry._missing = missing
        registry._dataset = dataset
        registry._lazy = lazy
        registry._records = None
        registry._table = None
        return registry

    def _all(self) -> tuple[T, ...]:
        """Every record (read on first use for a lazy registry)."""
        records = self._records
        if records is None:
            lazy = self._lazy
            assert lazy is not None  # noqa: S101 - a registry has one or the other
            with lazy.lock:
                records = self._records
                if records is None:
                    # Published whole, in one assignment: another thread sees None or all.
                    records = self._records = lazy.records()
        return records

    def _whole(self) -> _Table[T]:
        """Every record, indexed by every key (indexed on first use for a lazy registry).

        Iterating a registry needs no index: a search, suggestions and `filter` do.
        """
        table = self._table
        if table is None:
            records = self._all()
            lazy = self._lazy
            assert lazy is not None  # noqa: S101 - a registry has one or the other
            with lazy.lock:
                table = self._table
                if table is None:
                    table = self._table = _Table(records, self._kind, "$")
        return table

    def _own(self, text: str) -> T | None:
        """The record one of its own keys names (not its country's).

        Where none does, the other forms of the query its kind tries (`Kind.retry`).
        """
        found = self._exact(text)
        retry = self._kind.retry
        if found is None and retry is not None and len(text) <= MAX_QUERY:
            for other in retry(text):
                found = self._exact(other)
                if found is not None:
                    break
        return found

    def _exact(self, text: str) -> T | None:
        """The record one of its own keys names."""
        table = self._table
        if table is not None:
            hit = table.by_raw.get(text)
            if hit is not None or len(text) > MAX_QUERY:
                return hit
            return table.by_key.get(normalize(text))
        if len(text) > MAX_QUERY:
            return None
        assert self._lazy is not None  # noqa: S101 - a registry has one or the other
        return self._lazy.find(normalize(text))

    def _locate(self, key: object) -> tuple[T | None, Country | None]:
        """The record *key* names, and the country it names where that has no record."""
        text = _text(key)
        if text is None:
            return None, None
        found = self._own(text)
        countries = self._countries
        if found is not None or countries is None:
            return found, None
        country = countries._own(text)  # noqa: SLF001 - a registry of this very class
        if country is None:
            return None, None
        table = self._table
        if table is not None:
            found = table.by_country.get(country.alpha2)
        else:
            assert self._lazy is not None  # noqa: S101 - a registry has one or the other
            found = self._lazy.by_country(country.alpha2)
        return found, (country if found is None else None)

    def lookup(self, key: object, /) -> T:
        """Return the record *key* names.

        Raises:
            NotFoundError: No record has that key; its message suggests the closest keys,
                or says that the key names a country with no record of this kind.

        >>> import un_migration_network as umn
        >>> umn.agencies.lookup("UN Habitat").acronym
        'UN-Habitat'
        """
        found, country = self._locate(key)
        if found is None:
            raise self._miss(key, country)
        return found

    def get(self, key: object, /, default: T | None = None) -> T | None:
        """Return the record *key* names, or *default*.

        >>> import un_migration_network as umn
        >>> umn.objectives.get(13).paragraph
        29
        """
        found, _ = self._locate(key)
        return default if found is None else found

    def get_many(self, keys: Iterable[object], /, default: T | None = None) -> list[T | None]:
        """Return the record each of *keys* names, or *default*, in order: one per key.

        Each distinct key is folded and looked up once, so a column of many repeated
        names costs about as much as its distinct names.

        Raises:
            TypeError: *keys* is a string (give a list of keys, not one key).

        >>> import un_migration_network as umn
        >>> [a.id if a else None for a in umn.agencies.get_many(["OIM", "oim", "nobody"])]
        ['iom', 'iom', None]
        """
        found = self._find_many(keys)
        return found if default is None else [default if f is None else f for f in found]

    def lookup_many(self, keys: Iterable[object], /) -> list[T]:
        """Return the record each of *keys* names, in order.

        Raises:
            NotFoundError: At least one key names no record. Its ``misses`` holds one
                `NotFoundError` per distinct key that missed, each with its suggestions.
            TypeError: *keys* is a string.

        >>> import un_migration_network as umn
        >>> umn.networks.lookup_many(["MZ", "Mozambik", "Atlantis"])
        Traceback (most recent call last):
        ...
        un_migration_network.exceptions.NotFoundError: 2 of 3 keys name no network:
        'Mozambik' (did you mean 'Mozambique' or 'Zambia'?), 'Atlantis'
        """
        keys = list(_many(keys))
        found = self._find_many(keys)
        misses: dict[object, NotFoundError] = {}
        for index, (key, record) in enumerate(zip(keys, found, strict=True)):
            slot = _slot(key) or (object, index)
            if record is None and slot not in misses:
                misses[slot] = self._miss(key, self._locate(key)[1])
        if misses:
            kind = self._kind.name
            raise NotFoundError.of_many(tuple(misses.values()), kind=kind, total=len(keys))
        return [record for record in found if record is not None]

    def _find_many(self, keys: Iterable[object]) -> list[T | None]:
        keys = list(_many(keys))
        if set(map(type, keys)) <= {str}:
            # A column of strings, the common case: each distinct one looked up, and the
            # column mapped to the answers, without a line of Python per name.
            texts = {key: self._locate(key)[0] for key in dict.fromkeys(keys)}
            return list(map(texts.__getitem__, keys))
        # Other keys (numbers, numpy scalars, unhashable arrays, a missing value among
        # names) by their type and text: 1, 1.0 and True are equal in a dict, and name
        # different things (or nothing) here.
        others: dict[tuple[type, str], T | None] = {}
        out: list[T | None] = []
        for key in keys:
            slot = _slot(key)
            if slot is None:
                found = None
            elif slot in others:
                found = others[slot]
            else:
                found = others[slot] = self._locate(key)[0]
            out.append(found)
        return out

    def _miss(self, key: object, country: Country | None) -> NotFoundError:
        text = _text(key)
        kind = self._kind.name
        if country is not None:
            return NotFoundError(key, kind=kind, country=country, note=self._missing)
        suggestions = () if text is None else self.suggest(text)
        return NotFoundError(key, kind=kind, suggestions=suggestions)

    def search(self, query: str, /, *, limit: int = 5) -> list[T]:
        """Rank the records that best match *query*, best first; ``[]`` when nothing does.

        Exact keys come first, then keys that start with the query, then keys that
        contain it, then keys with every word of the query (each exact or misspelled), then
        keys within a few typos of the whole query.

        >>> import un_migration_network as umn
        >>> [n.id for n in umn.networks.search("mozambik", limit=1)]
        ['mozambique']
        >>> [o.number for o in umn.objectives.search("detension", limit=1)]
        [13]
        """
        return [match.record for match in self.matches(query, limit=limit)]

    def suggest(self, query: str | int, /, *, limit: int = 3) -> tuple[str, ...]:
        """The keys closest to *query*, best first, one per record, short enough to read.

        Each is a key that `lookup` accepts; a long title is suggested by a shorter key of
        its record.

        >>> import un_migration_network as umn
        >>> umn.networks.suggest("Mozambik")
        ('Mozambique', 'Zambia')
        """
        text = _text(query)
        if text is None:
            return ()
        found: dict[str, str] = {}
        for match in self.matches(text, limit=limit):
            if not suggestible(match.score):
                continue
            shown = self.short_key(match.record, match.key)
            found.setdefault(normalize(shown), shown)
        return tuple(found.values())

    def short_key(self, record: T, key: str | None = None, /) -> str:
        """*key* if it is short enough to read in a message, else a shorter key of *record*."""
        if key is not None and len(key) <= _LONGEST_SUGGESTION:
            return key
        texts = [
            text
            for raw in self._kind.keys(record)
            if (text := _text(raw)) is not None and len(normalize(text)) >= _MIN_FUZZY
        ]
        short = [text for text in texts if len(text) <= _LONGEST_SUGGESTION]
        return min(short, key=len) if short else self._kind.key(record)

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
        table = self._whole()
        fuzzy = table.fuzzy()
        scores = fuzzy.keys.similar(needle, _MIN_SIMILARITY)
        for entry, score in _word_scores(fuzzy, text).items():
            scores[entry] = max(score, scores.get(entry, 0.0))
        for entry, (key, _, _) in enumerate(table.entries):
            exact = _score(needle, key)
            if exact:
                scores[entry] = exact
            elif len(key) < _MIN_FUZZY:
                scores.pop(entry, None)  # a short key matches exactly or not at all
        # Each record's best key, with the place of that key: ties keep the data's order, so
        # results are stable, and scores stay exact (callers compare them across kinds).
        best: dict[int, tuple[float, int, Match[T]]] = {}
        for entry, score in scores.items():
            _, raw, record = table.entries[entry]
            slot = id(record)
            if slot not in best or best[slot][0] < score:
                best[slot] = (score, -entry, Match(score, raw, record))
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
        chosen = [
            record
            for record in self._all()
            if (predicate is None or predicate(record))
            and all(getattr(record, name) == value for name, value in wanted.items())
        ]
        return Registry(
            chosen,
            kind=self._kind,
            countries=self._countries,
            missing=self._missing,
            dataset=self._dataset,
        )

    def _field_value(self, name: str, value: object) -> object:
        """The value a filter on field *name* compares with: an enum member for its value."""
        fields = {attribute.name: attribute for attribute in attributes(self._kind.type)}
        if name not in fields:
            msg = f"{self._kind.name} records have no field {name!r}"
            raise TypeError(msg)
        tp = fields[name].type
        if isinstance(tp, type) and issubclass(tp, enum.Enum) and not isinstance(value, enum.Enum):
            members = {member.value: member for member in tp}
            if value not in members:
                choices = ", ".join(repr(v) for v in members)
                msg = f"{name} is one of {choices} (or a {tp.__name__}), not {value!r}"
                raise ValueError(msg)
            return members[value]
        return value

    @property
    def kind(self) -> str:
        """What the registry holds, in the singular ("agency", "network", ...)."""
        return self._kind.name

    @property
    def record_type(self) -> type[T]:
        """The class of the records."""
        return self._kind.type

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[T]:
        return iter(self._all())

    def __getitem__(self, index: int) -> T:
        """The record at *index* in iteration order (negative indexes count from the end)."""
        return self._all()[index]

    def __contains__(self, item: object) -> bool:
        """Whether *item* is a key of a record, or a record equal to one of them."""
        if isinstance(item, self._kind.type):
            found = self.get(self._kind.key(item))
            return found is not None and found == item
        return self.get(item) is not None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Registry):
            return NotImplemented
        return self._kind.name == other._kind.name and self._all() == other._all()

    def __hash__(self) -> int:
        return hash((self._kind.name, self._all()))

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from the records: the indexes are derived, and any pickle protocol works.
        return (
            _rebuild,
            (self._all(), self._kind.plural, self._countries, self._missing),
        )

    def __repr__(self) -> str:
        return f"<Registry of {len(self)} {self._kind.name} records>"

    def to_html(self, *, lang: str = "en") -> str:
        """The records as an HTML table of their key columns; names in *lang* where known.

        Raises:
            TypeError: *lang* is not a string.
            ValueError: *lang* is not an ISO 639-1 code.
        """
        code = language_code(lang)
        rows = [
            [column.read(record, code) for column in self._kind.columns] for record in self._all()
        ]
        headers = [column.header for column in self._kind.columns]
        return registry_html(self._kind.label, self._kind.name, headers, rows)

    def _repr_html_(self) -> str:
        """The records as an HTML table of their key columns, for notebooks."""
        return self.to_html()

    def to_dataframe(self, *, lang: str = "en") -> pd.DataFrame:
        """The records as a pandas DataFrame: one row each, one column per field.

        A list is a list (missing where the field says empty means unknown: a network's
        ``members`` no source lists), a reference a key (a list of keys for several), a date
        span three columns (its text, ``_earliest`` and ``_latest`` as ``datetime64``), an
        enum a categorical, and an absent value ``<NA>`` or ``NaT``. Networks have a nullable
        ``member_count``. Names in other languages get one column per field and language
        (``name_fr``, ``name_zh``, ...); with *lang*, the name columns hold that language (the
        English, marked ``[en]``, where there is none). Countries add ``network`` (the id of
        the country's network), ``champion`` and ``gcm_vote`` from the dataset they belong
        to. Needs the ``pandas`` extra.

        Raises:
            ImportError: pandas is not installed.
            TypeError: *lang* is not a string.
            ValueError: *lang* is not an ISO 639-1 code.

        >>> import un_migration_network as umn
        >>> frame = umn.objectives.to_dataframe()
        >>> frame.loc[12, "short_label"], frame.loc[0, "short_label_es"]
        ('Alternatives to detention', 'Datos')
        """
        from un_migration_network._frames import pandas_frame  # noqa: PLC0415 - pandas only

        return pandas_frame(self._kind, self._all(), lang=lang, dataset=self._owner())

    def to_polars(self, *, lang: str = "en") -> pl.DataFrame:
        """The records as a polars DataFrame, with the columns and types of `to_dataframe`.

        Needs the ``polars`` extra.

        Raises:
            ImportError: polars is not installed.
            TypeError: *lang* is not a string.
            ValueError: *lang* is not an ISO 639-1 code.

        >>> import un_migration_network as umn
        >>> umn.networks.to_polars().filter(id="asia-pacific")["member_count"].to_list()
        [1]
        """
        from un_migration_network._frames import polars_frame  # noqa: PLC0415 - polars only

        return polars_frame(self._kind, self._all(), lang=lang, dataset=self._owner())

    def annotate(
        self, frame: pd.DataFrame, column: str, /, *, lang: str = "en", prefix: str | None = None
    ) -> Annotation:
        """Add to your pandas table the columns of the record each value of *column* names.

        A column of names as people type them ("Ivory Coast", "Türkiye", "CIV", "موزامبيق") gets,
        beside it, the record's columns (for countries: codes, groupings, the country's
        network, Champion, GCM vote), each distinct name folded and looked up once; the names
        that find nothing come back with their closest keys. Needs the ``pandas`` extra.

        Raises:
            ImportError: pandas is not installed.
            KeyError: The table has no such column.
            ValueError: The table already has a column a new one would be named (the
                columns are named ``{column}_{field}``; *prefix* replaces ``{column}_``).

        >>> import pandas as pd, un_migration_network as umn
        >>> table = pd.DataFrame({"country": ["Ivory Coast", "موزامبيق", "Mozambik"]})
        >>> frame, unresolved = umn.countries.annotate(table, "country")
        >>> list(frame["country_alpha3"])
        ['CIV', 'MOZ', nan]
        >>> unresolved.loc[0, "suggestions"][0]
        'Mozambique'
        """
        from un_migration_network._frames import annotate  # noqa: PLC0415 - pandas only

        return annotate(self, frame, column, lang=lang, prefix=prefix)

    def _owner(self) -> Dataset | None:
        """The dataset the records belong to, where one is known."""
        return None if self._dataset is None else self._dataset()

    def _adopt(self, dataset: Dataset, /) -> None:
        """Belong to *dataset*, unless the registry already belongs to one.

        The bundled data's registries reach theirs through `load`.
        """
        if self._dataset is None:
            self._dataset = lambda: dataset


def _rebuild(
    records: tuple[Any, ...], plural: str, countries: Registry[Any] | None, missing: str | None
) -> Registry[Any]:
    from un_migration_network._kinds import kind_named  # noqa: PLC0415 - unpickling only

    return Registry(records, kind=kind_named(plural), countries=countries, missing=missing)


def suggestible(score: float, /) -> bool:
    """Whether a match is close enough to suggest.

    A key that starts with or holds the query is, only if the query is half of it or more:
    "lac" does not suggest "la Chine".

    >>> suggestible(3 + 3 / 7), suggestible(0.7)
    (False, True)
    """
    return not 2 <= score < 4 or score % 1 >= 0.5  # noqa: PLR2004 - the scores of `Match`


def _rank(entry: tuple[float, int, Match[Any]]) -> tuple[float, int]:
    return entry[0], entry[1]


def _many(keys: Iterable[object]) -> Iterable[object]:
    given: object = keys  # callers without type checking may pass anything
    if isinstance(given, str | bytes):
        msg = (
            f"expected a collection of keys (a list, a column), got one {type(given).__name__} "
            f"({given[:40]!r}): to look up one key, use lookup() or get()"
        )
        raise TypeError(msg)
    return keys


def _slot(key: object) -> tuple[type, str] | None:
    """A key's place in a cache of answers: its type beside its text.

    The text, not the key: a key may be unhashable (a zero-dimensional numpy array).
    """
    text = _text(key)
    return None if text is None else (type(key), text)


def _text(key: object) -> str | None:
    """A key as text: a string as it is, a whole number in decimal (numpy's too), else None.

    A boolean is not a number key.
    """
    if isinstance(key, str):
        return key
    if isinstance(key, bool) or not hasattr(type(key), "__index__"):
        return None
    try:
        number = operator.index(key)  # type: ignore[arg-type]
    except TypeError:
        return None
    if abs(number) >= _HUGE:  # more digits than any key has; Python would refuse to print it
        return None
    return str(number)


def _word_scores(fuzzy: _Fuzzy, query: str) -> dict[int, float]:
    """Entries that hold every word of *query*, each word exact or nearly: 1 to 2."""
    wanted = words(query)
    if not wanted:
        return {}
    totals: dict[int, float] | None = None
    for word in wanted:
        here: dict[int, float] = {}
        for number, similarity in fuzzy.words.similar(word, _MIN_WORD_SIMILARITY).items():
            for entry in fuzzy.places[number]:
                if here.get(entry, 0.0) < similarity:
                    here[entry] = similarity
        totals = (
            here
            if totals is None
            else {entry: totals[entry] + s for entry, s in here.items() if entry in totals}
        )
    assert totals is not None  # noqa: S101 - at least one word
    return {entry: 1.0 + total / len(wanted) for entry, total in totals.items()}


def _score(needle: str, key: str) -> float:
    """4 for the key itself, 3 to 4 for a key that starts with it, 2 to 3 for one that holds it."""
    if key == needle:
        return 4.0
    if key.startswith(needle):
        return 3.0 + len(needle) / len(key)
    if needle in key:
        return 2.0 + len(needle) / len(key)
    return 0.0
