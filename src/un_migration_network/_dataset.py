"""The whole loaded data, immutable and indexed; the bundled copy loads once, lazily."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import json
import os
import re
import stat
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from un_migration_network._kinds import KINDS, Kind
from un_migration_network._models import Agency, Network, as_day
from un_migration_network._normalize import MAX_QUERY, normalize
from un_migration_network._registry import Registry
from un_migration_network.exceptions import (
    AmbiguousError,
    DataError,
    DataProblem,
    NotFoundError,
    quote,
)

if TYPE_CHECKING:
    from un_migration_network._models import (
        Champion,
        Compact,
        Document,
        Event,
        ExecutiveCommittee,
        GuidingPrinciple,
        Objective,
        Observation,
        ReviewForum,
        Source,
    )

__all__ = ["Dataset", "load", "load_dataset"]

_T = TypeVar("_T")

_DATA_PACKAGE = "un_migration_network.data"
_DATA_FILE = "un_migration_network.json"
#: A document larger than this is refused: the bundled one is well under a megabyte.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
_CHUNK = 1024 * 1024
# What a query names besides the records of the registries: the Compact, its review forum
# and the Network's Executive Committee (folded keys).
_COMPACT_WORDS = ("gcm", "compact", "the compact", "global compact", "global compact for migration")
_FORUM_WORDS = ("imrf", "review forum", "forum")
_COMMITTEE_WORDS = ("executive committee", "ec", "committee", "excom")
_WORDS = r"\s+|:"  # compiled on first use, by `re`
# The records a document holds whole, not as arrays.
_SINGLETONS = ("executive_committee", "compact")


@attrs.frozen(eq=True)
class Dataset:
    """The whole data: every record, indexed, as of one date.

    Build one with `load` (the bundled data) or `load_dataset` (your own document).

    Attributes:
        as_of: The date the data holds for.
        sources: Every source the records cite.
        agencies: The UN system entities.
        networks: The global, continental, regional and country networks on migration.
        champions: The GCM Champion countries.
        objectives: The GCM's 23 objectives.
        principles: The GCM's 10 guiding principles.
        events: Dated happenings: decisions, meetings, reviews.
        observations: Figures that sources report at a date.
        executive_committee: The Network's Executive Committee.
        compact: The GCM's own facts.

    >>> import un_migration_network as umn
    >>> ds = umn.load()
    >>> len(ds.objectives), ds.compact.resolution
    (23, 'A/RES/73/195')
    """

    as_of: dt.date
    sources: Registry[Source]
    agencies: Registry[Agency]
    networks: Registry[Network]
    champions: Registry[Champion]
    objectives: Registry[Objective]
    principles: Registry[GuidingPrinciple]
    events: Registry[Event]
    observations: Registry[Observation]
    executive_committee: ExecutiveCommittee
    compact: Compact
    # How the bundled data reads its Executive Committee and Compact, each on first use
    # (see `_fast`); None for every other dataset, whose fields are all set at once.
    _pending: Callable[[str], Any] | None = attrs.field(
        default=None, init=False, eq=False, hash=False, repr=False
    )

    # For the interpreter only: to a type checker, a name that is no field stays an error.
    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            # Reached only for a field not yet set: a part of the bundled data not yet read.
            read = object.__getattribute__(self, "_pending")
            if read is None or name not in _SINGLETONS:
                raise AttributeError(name)
            with _reading:
                try:
                    return object.__getattribute__(self, name)
                except AttributeError:  # not read yet (another thread may have read it first)
                    value = read(name)
                    object.__setattr__(self, name, value)
                    return value

    def __reduce__(self) -> tuple[Any, ...]:
        # A copy is built from the fields (every part read first), so any protocol works.
        fields = attrs.fields(Dataset)
        return (Dataset, tuple(getattr(self, field.name) for field in fields if field.init))

    @classmethod
    def _from_document(cls, document: Document, *, origin: str | None = None) -> Dataset:
        """Index a structured document.

        Raises:
            DataError: Two records of one kind share a lookup key.
        """
        problems: list[DataProblem] = []
        records = dict(document.records)

        def registry(kind: Kind[Any]) -> Registry[Any]:
            path = f"$.{kind.plural}"
            found = records[kind.plural]
            try:
                return Registry(
                    found, keys=kind.keys, kind=kind.name, path=path, record_type=kind.type
                )
            except DataError as error:
                problems.extend(error.problems)
                return Registry((), keys=kind.keys, kind=kind.name, record_type=kind.type)

        registries = {kind.plural: registry(kind) for kind in KINDS}
        if problems:
            raise DataError(problems, origin=origin)
        return cls(
            as_of=document.as_of,
            executive_committee=document.executive_committee,
            compact=document.compact,
            **registries,
        )

    def _to_document(self) -> Document:
        """The dataset as a structured document, ready to write out."""
        from un_migration_network._document import Document  # noqa: PLC0415 - writing only

        return Document(
            as_of=self.as_of,
            executive_committee=self.executive_committee,
            compact=self.compact,
            records=tuple((kind.plural, tuple(self.registry(kind))) for kind in KINDS),
        )

    def registry(self, kind: Kind[Any] | str, /) -> Registry[Any]:
        """The registry of one kind of record, by its `Kind` or its plural name ("networks").

        Raises:
            KeyError: No kind has that name.

        >>> import un_migration_network as umn
        >>> umn.load().registry("champions").kind
        'champion'
        """
        plural = kind if isinstance(kind, str) else kind.plural
        if plural not in {k.plural for k in KINDS}:
            raise KeyError(plural)
        registry: Registry[Any] = getattr(self, plural)
        return registry

    def walk(self) -> Iterator[tuple[str, Any]]:
        """Every record of the dataset, with the id that validation reports it under.

        The records of every kind come first (sources included), in the table's order, then
        the Executive Committee with its seats and member lists, then the Compact with its
        review forum and the forum's editions.

        >>> import un_migration_network as umn
        >>> dict(umn.load().walk())["objective-13"].number
        13
        """
        for kind in KINDS:
            for record in self.registry(kind):
                yield kind.subject(record), record
        committee = self.executive_committee
        yield "executive-committee", committee
        for membership in committee.memberships:
            yield f"executive-committee/{membership.agency.id}", membership
        for snapshot in committee.snapshots:
            yield f"executive-committee@{snapshot.as_of}", snapshot
        yield "gcm", self.compact
        forum = self.compact.review_forum
        yield "imrf", forum
        for edition in forum.editions:
            yield f"imrf-{edition.year}", edition

    def to_json(self) -> str:
        """The whole dataset as one canonical JSON document: sorted keys, stable, UTF-8.

        `load_dataset` reads it back into an equal dataset.

        >>> import json, un_migration_network as umn
        >>> json.loads(umn.load().to_json())["compact"]["resolution"]
        'A/RES/73/195'
        """
        from un_migration_network._converter import unstructure_document  # noqa: PLC0415

        data = unstructure_document(self._to_document())
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def networks_on(self, day: dt.date | str, /) -> tuple[Network, ...]:
        """The networks the sources show existing on *day* (a date or an ISO 8601 string).

        A network counts from the last day of its ``first_evidenced`` span; one the sources
        never date is not counted.

        Raises:
            TypeError: *day* is neither a date nor a string.
            ValueError: *day* is a string that is not an ISO 8601 date.

        >>> import un_migration_network as umn
        >>> len(umn.load().networks_on("2018-12-31"))
        1
        """
        when = as_day(day)
        return tuple(network for network in self.networks if network.exists_on(when))

    def networks_of(self, agency: Agency | str, /) -> tuple[Network, ...]:
        """Every network the sources list *agency* (a record or any of its keys) as a member of.

        Raises:
            NotFoundError: No agency has that key.

        >>> import un_migration_network as umn
        >>> [n.id for n in umn.load().networks_of("UN-Habitat")]
        ['mozambique']
        """
        member = agency if isinstance(agency, Agency) else self.agencies.lookup(agency)
        return tuple(network for network in self.networks if member in network.members)

    def find(self, query: str, /) -> tuple[str, object]:
        """The one record of any kind that *query* names, with the name of its kind.

        A query may name its kind first ("objective 13", "principle c", "champion Kenya");
        "gcm", "executive committee" and "imrf" (or their names) name the Compact, the
        Committee and the review forum. Where records of several kinds share the key, the
        kind of the lower rank wins (a network before a Champion country); within one
        rank, the query is ambiguous.

        Raises:
            NotFoundError: Nothing matches; its suggestions come from every kind.
            AmbiguousError: Records of two kinds of one rank share the key.

        >>> import un_migration_network as umn
        >>> umn.load().find("objective 13")[1].short_label
        'Alternatives to detention'
        """
        given: object = query  # callers without type checking may pass anything
        if not isinstance(given, str) or len(given) > MAX_QUERY:
            raise NotFoundError(query, kind="record")
        key = normalize(query)
        for singleton in self._singletons(key):
            return singleton
        hit = self._with_kind(query)
        if hit is not None:
            return hit
        searchable = [kind for kind in KINDS if kind.is_searchable]
        for rank in sorted({kind.rank for kind in searchable}):
            hits = [
                (kind, found)
                for kind in searchable
                if kind.rank == rank and (found := self.registry(kind).get(query)) is not None
            ]
            if len(hits) > 1:
                raise AmbiguousError(query, tuple((k.name, k.key(r)) for k, r in hits))
            if hits:
                kind, record = hits[0]
                return kind.name, record
        # The best keys of every kind; on equal scores the lower rank first, then each
        # kind's own order (the sort is stable).
        ranked = sorted(
            (
                (match.score, kind.rank, match.key)
                for kind in searchable
                for match in self.registry(kind).matches(query, limit=3)
            ),
            key=lambda ranked: (-ranked[0], ranked[1]),
        )
        raise NotFoundError(query, kind="record", suggestions=[key for *_, key in ranked[:3]])

    def _singletons(self, key: str) -> Iterator[tuple[str, object]]:
        compact, forum = self.compact, self.compact.review_forum
        if key in _keys_of(compact, _COMPACT_WORDS, compact.name, compact.acronym):
            yield "compact", compact
        elif key in _keys_of(forum, _FORUM_WORDS, forum.name, forum.acronym):
            yield "review forum", forum
        elif key in {normalize(word) for word in _COMMITTEE_WORDS}:
            yield "executive committee", self.executive_committee

    def _with_kind(self, query: str) -> tuple[str, object] | None:
        """A query that names its kind first: "objective 13", "guiding principle: c"."""
        words = [word for word in re.split(_WORDS, query.strip()) if word]
        for size in (2, 1):
            if len(words) <= size:
                continue
            head, rest = normalize(" ".join(words[:size])), " ".join(words[size:])
            for kind in KINDS:
                if head in _kind_words(kind):
                    found = self.registry(kind).get(rest)
                    if found is not None:
                        return kind.name, found
        return None

    def to_dataframes(self, *, lang: str = "en") -> dict[str, Any]:
        """Every table of the data as a pandas DataFrame, keyed by name; the ids join.

        One frame per kind (``"networks"``, ``"agencies"``, ...), plus the Executive
        Committee's ``"memberships"`` and ``"snapshots"``, the review forum's
        ``"review_forum_editions"``, and ``"votes"``: the States the Compact's recorded vote
        names (against, abstaining), as written, with their M49 and ISO codes. Needs the
        ``pandas`` extra.

        Raises:
            ImportError: pandas is not installed.

        >>> import un_migration_network as umn
        >>> frames = umn.load().to_dataframes()
        >>> members = frames["networks"].explode("members")
        >>> int(members.merge(frames["agencies"], left_on="members", right_on="id").shape[0]) > 0
        True
        """
        from un_migration_network._export import dataframes  # noqa: PLC0415 - lazy pandas

        return dataframes(self, lang=lang)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(self.registry(kind))} {kind.plural}" for kind in KINDS)
        return f"<Dataset as of {self.as_of.isoformat()}: {counts}>"

    def to_html(self, *, lang: str = "en") -> str:
        """A summary table (counts of each kind, as-of date); acronyms in *lang* where known."""
        from un_migration_network._html import dataset_html  # noqa: PLC0415 - notebooks only

        return dataset_html(self, lang=lang)

    def _repr_html_(self) -> str:
        """A summary table (counts of each kind, as-of date) for notebooks."""
        return self.to_html()


def _keys_of(record: Compact | ReviewForum, words: tuple[str, ...], *texts: str) -> set[str]:
    names = (name.text for name in record.names)
    return {normalize(text) for text in (*words, *texts, *names)}


def _kind_words(kind: Kind[Any]) -> set[str]:
    """The words that name a kind at the start of a query ("objective", "principles")."""
    last = kind.name.split()[-1]
    return {normalize(word) for word in (kind.name, kind.plural, kind.label, last, last + "s")}


def _parse(text: str, origin: str) -> object:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                msg = f"the key {quote(key)} appears twice in one object"
                raise ValueError(msg)
            result[key] = value
        return result

    def no_constant(name: str) -> object:
        msg = f"{name} is not valid JSON"
        raise ValueError(msg)

    try:
        return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constant)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        problem = _whole(f"not valid JSON: {error.msg} ({where})", "not-json")
    except RecursionError:
        problem = _whole("the JSON is nested too deeply to read", "too-deep")
    except ValueError as error:
        problem = _whole(f"not valid JSON: {error}", "not-json")
    raise DataError([problem], origin=origin)


def _whole(message: str, code: str) -> DataProblem:
    """A problem of the whole document (its path is ``$``); *code* is a `Code`'s value."""
    from un_migration_network._hooks import problem_code  # noqa: PLC0415 - on a fault only

    return DataProblem("$", message, problem_code(code))


def _refuse(origin: str, message: str, code: str) -> DataError:
    return DataError([_whole(message, code)], origin=origin)


def _read(path: str | os.PathLike[str]) -> tuple[str, str]:
    origin = os.fsdecode(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except ValueError:  # a path with a NUL character in it
        msg = "cannot read the file: the path is not valid"
        raise _refuse(repr(origin), msg, "unreadable") from None
    except OSError as error:
        raise _refuse(origin, f"cannot read the file: {_reason(error)}", "unreadable") from None
    try:
        raw = _read_document(descriptor, origin)
    finally:
        os.close(descriptor)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = f"the file is not UTF-8 text (byte {error.start} is invalid)"
        raise _refuse(origin, reason, "not-utf8") from None
    return text, origin


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _read_document(descriptor: int, origin: str) -> bytes:
    """The bytes of an open regular file of at most the size limit; anything else is refused."""
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        what = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise _refuse(origin, f"cannot read the document: the path is {what}", "not-a-file")
    too_large = f"the file is larger than {MAX_DOCUMENT_BYTES // 2**20} MiB: not a document"
    if info.st_size > MAX_DOCUMENT_BYTES:
        raise _refuse(origin, too_large, "too-large")
    chunks: list[bytes] = []
    size = 0
    try:
        # One byte past the limit tells a file that grew while it was read.
        while size <= MAX_DOCUMENT_BYTES:
            chunk = os.read(descriptor, min(_CHUNK, MAX_DOCUMENT_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise _refuse(origin, f"cannot read the file: {_reason(error)}", "unreadable") from None
    if size > MAX_DOCUMENT_BYTES:
        raise _refuse(origin, too_large, "too-large")
    return b"".join(chunks)


def _build(data: object, origin: str | None) -> Dataset:
    from un_migration_network._converter import structure_document  # noqa: PLC0415 - lazy cattrs

    try:
        document = structure_document(data, origin=origin)
    except RecursionError:
        problem = _whole("the document is nested too deeply to read", "too-deep")
        raise DataError([problem], origin=origin) from None
    return Dataset._from_document(document, origin=origin)  # noqa: SLF001 - its own builder


def load_dataset(source: str | os.PathLike[str] | Mapping[str, Any], /) -> Dataset:
    """Build a new dataset from your own JSON document; the bundled data is left as it is.

    Args:
        source: A path to a JSON file (a regular file of at most 64 MiB), or an
            already-parsed JSON object.

    Raises:
        DataError: The document cannot be read or does not fit; every problem is listed
            with its JSON path.

    >>> import json, un_migration_network as umn
    >>> mine = umn.load_dataset(json.loads(umn.load().to_json()))
    >>> mine == umn.load(), mine is umn.load()
    (True, False)
    """
    given: object = source  # callers without type checking may pass anything
    if isinstance(given, Mapping):
        return _uncollected(_build, given, None)
    if isinstance(given, str | os.PathLike):
        text, origin = _read(given)
        return _uncollected(lambda: _build(_parse(text, origin), origin))
    reason = f"expected a path or a JSON object, got {type(given).__name__}"
    problem = _whole(reason, "wrong-type")
    raise DataError([problem])


_lock = threading.Lock()
_reading = threading.Lock()  # one read of a part of the bundled data at a time
_bundled: Dataset | None = None


def load() -> Dataset:
    """Return the bundled dataset, loading it on first use (once, thread-safely).

    >>> import un_migration_network as umn
    >>> umn.load() is umn.load()
    True
    """
    global _bundled  # noqa: PLW0603 - the one cached, fully built dataset
    dataset = _bundled
    if dataset is None:
        with _lock:
            if _bundled is None:
                _bundled = _load_bundled()
            dataset = _bundled
    return dataset


def _load_bundled() -> Dataset:
    return _uncollected(_read_bundled)


def _read_bundled() -> Dataset:
    from importlib.resources import files  # noqa: PLC0415 - no I/O machinery at import time

    # The text is dropped as soon as it is parsed, so it is not held while records are built.
    data = json.loads(files(_DATA_PACKAGE).joinpath(_DATA_FILE).read_text(encoding="utf-8"))
    origin = f"bundled {_DATA_FILE}"
    try:
        return _fast(data, origin)
    except Exception:  # noqa: BLE001 - the converter then says what is wrong, with paths
        return _build(data, origin)


def _uncollected(read: Callable[..., _T], /, *args: object) -> _T:
    """What *read* returns, with the cyclic garbage collector paused while it runs.

    Reading a document allocates tens of thousands of objects and frees none in a cycle; left
    on, the collector walks the growing heap again and again (eight full collections at 100
    times the bundled data, a third of the load), so that the load grows faster than the data.
    A collector that was off stays off.
    """
    if not gc.isenabled():
        return read(*args)
    gc.disable()
    try:
        return read(*args)
    finally:
        gc.enable()


def _fast(data: Any, origin: str) -> Dataset:
    """The bundled dataset through the generated functions: no cattrs on the first answer.

    The networks (a first lookup's kind) are structured at once, with the sources and
    agencies they cite; every other kind when it is first used.
    """
    from un_migration_network._structure import Pending  # noqa: PLC0415 - the bundled path

    pending = Pending(data)

    # A part the fast path cannot read is a fault of ours: the converter then reads the whole
    # document, as any other, and says where it is wrong (a DataError); should it read the
    # document, its records serve.
    def build(kind: Kind[Any]) -> tuple[Any, ...]:
        try:
            return _uncollected(pending.records, kind)
        except Exception:  # noqa: BLE001 - see above
            return tuple(_build(data, origin).registry(kind))

    def read(key: str) -> Any:
        try:
            return pending.singleton(key)
        except Exception:  # noqa: BLE001 - see above
            return getattr(_build(data, origin), key)

    def registry(kind: Kind[Any]) -> Registry[Any]:
        path = f"$.{kind.plural}"
        if kind.plural == "networks":
            records = pending.records(kind)
            return Registry(
                records, keys=kind.keys, kind=kind.name, path=path, record_type=kind.type
            )
        return Registry.deferred(
            functools.partial(build, kind),
            keys=kind.keys,
            kind=kind.name,
            path=path,
            record_type_of=lambda: kind.type,
        )

    # The Executive Committee and the Compact are structured on first use (`__getattr__`).
    dataset: Dataset = Dataset.__new__(Dataset)
    object.__setattr__(dataset, "as_of", pending.as_of)
    for kind in KINDS:
        object.__setattr__(dataset, kind.plural, registry(kind))
    object.__setattr__(dataset, "_pending", read)
    return dataset
