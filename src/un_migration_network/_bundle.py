"""The bundled data: read only what an answer needs, once, from the document and its index.

This is the package's one laziness mechanism. The first question reads the header of the
bundled document's index (`_index`) through `importlib.resources`; a lookup then reads and
parses the index sections it needs and builds (`_build`) just the records it returns and those
they refer to, each read from the document at its span: nothing is read whole.
Every record is built once, under one lock, and kept, so a lookup returns the same object
each time and a network's member *is* the agency the agencies registry holds. Anything that
needs every record of a kind (iteration, a search, suggestions) builds them all, from the
same cache. The bundled data is validated when it is built (``nox -s data``) and by the
test suite; a document that does not match its index is a packaging error, not a reason to
read it another way.
"""

import contextlib
import datetime as dt
import json
import os
import threading
import zlib
from collections.abc import Iterator
from importlib.resources import files
from typing import IO, TYPE_CHECKING, Any

from un_migration_network._build import build
from un_migration_network._countries import COUNTRIES
from un_migration_network._kind import Kind, kind_of
from un_migration_network._records import Citation
from un_migration_network._registry import Registry

if TYPE_CHECKING:
    from un_migration_network._dataset import Dataset

__all__ = ["BUNDLE", "FORMAT", "header", "load"]

_PACKAGE = "un_migration_network.data"
DOCUMENT = "un_migration_network.json"
INDEX = "un_migration_network.index.json"
#: The index format (`_index` writes it); a reader refuses any other.
FORMAT = 2
#: About how many keys a bucket of a map of the index holds.
BUCKET = 64
_HEADER = b'{"header": '


def _mismatch() -> None:
    msg = (
        "the bundled data's index does not match its document: the package is not installed "
        "whole (reinstall it)"
    )
    raise RuntimeError(msg)


def bucket_of(key: str, buckets: int, /) -> int:
    """The bucket of a map of the index that holds *key* (see `_index`).

    >>> bucket_of("mozambique", 1)
    0
    """
    return zlib.crc32(key.encode()) % buckets


def header(data: bytes, /) -> dict[str, Any]:
    """The header of an index file's bytes: its first line.

    Raises:
        ValueError: The bytes do not start with an index header.
    """
    first, _, _ = data.partition(b"\n")
    if not first.startswith(_HEADER) or not first.endswith(b","):
        msg = "not an index: its first line is not its header"
        raise ValueError(msg)
    found: dict[str, Any] = json.loads(first[len(_HEADER) : -1])
    return found


class Bundle:
    """The bundled document and its index, and every record built from them, each once."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        # The document and its index, open while records are built (one burst: a record,
        # and those it refers to).
        self._files: tuple[IO[bytes], IO[bytes]] | None = None
        self._tuples: dict[tuple[type, tuple[object, ...]], tuple[Any, ...]] = {}
        self._citations: dict[tuple[str, tuple[Any, ...]], Citation] = {}
        self._header: dict[str, Any] = {}
        self._sections: dict[str, Any] = {}
        self._records: dict[str, list[Any]] = {}
        self._registries: dict[str, Registry[Any]] = {}
        self._dataset: Dataset | None = None

    def reset(self) -> None:
        """Forget the lock and the open document, in a child process after ``fork()``.

        Another thread may hold the lock, and the open files share their offsets with the parent.
        """
        self.lock = threading.RLock()
        self._files = None

    def _read(self) -> None:
        """Read the index's header (the lock is held)."""
        with files(_PACKAGE).joinpath(INDEX).open("rb") as index:
            found = header(index.readline())
        if found["format"] != FORMAT:
            _mismatch()
        self._header = found

    @contextlib.contextmanager
    def _reading(self) -> Iterator[tuple[IO[bytes], IO[bytes]]]:
        """The document and its index, open for what is read meanwhile (the lock is held).

        Each is read a span at a time: neither is ever held in memory whole, so a lookup
        reads as much, and no more, however large the data.
        """
        if self._files is not None:
            yield self._files
            return
        folder = files(_PACKAGE)
        with (
            folder.joinpath(DOCUMENT).open("rb") as document,
            folder.joinpath(INDEX).open("rb") as index,
        ):
            if document.seek(0, os.SEEK_END) != self.header()["document"]["bytes"]:
                _mismatch()
            self._files = (document, index)
            try:
                yield self._files
            finally:
                self._files = None

    def section(self, name: str, /) -> Any:
        """One section of the index, parsed on first use."""
        found = self._sections.get(name)
        if found is None:
            with self.lock, self._reading() as (_, index):
                found = self._sections.get(name)
                if found is None:
                    start, end = self.header()["sections"][name]
                    index.seek(start)
                    found = self._sections[name] = json.loads(index.read(end - start))
        return found

    def header(self) -> dict[str, Any]:
        """The index's header: the as-of date, the singletons' spans, what misses say."""
        if not self._header:
            with self.lock:
                if not self._header:
                    self._read()
        return self._header

    def _map(self, name: str, key: str) -> Any:
        """What a map of the index holds for *key* (see `_index`), or None."""
        buckets = self.header()["maps"].get(name)
        if buckets is None:
            return None
        return self.section(f"{name}/{bucket_of(key, buckets)}").get(key)

    def record(self, kind: Kind[Any], position: int, start: int, end: int, /) -> Any:
        """The record at *position* of *kind*'s array, at *start*:*end* of the document."""
        built = self._records.get(kind.plural)
        found = None if built is None else built[position]
        if found is None:
            with self.lock:
                built = self._records.get(kind.plural)
                if built is None:
                    built = [None] * self.header()["counts"][kind.plural]
                found = built[position]
                if found is None:
                    found = self._build(kind.type, start, end)
                    built[position] = found
                    # Published after the record is whole: a reader without the lock sees
                    # None (and waits for the lock) or the whole record.
                    self._records[kind.plural] = built
        return found

    def _build(self, cl: type, start: int, end: int) -> Any:
        with self._reading() as (document, _):
            document.seek(start)
            return build(cl, json.loads(document.read(end - start)), self)

    def many(self, cl: type, keys: tuple[object, ...], /) -> tuple[Any, ...]:
        """The records of class *cl* whose keys are *keys* (one tuple for equal keys)."""
        slot = (cl, keys)
        found = self._tuples.get(slot)
        if found is None:
            found = self._tuples[slot] = tuple(self.one(cl, key) for key in keys)
        return found

    def citation(self, field: str, sources: tuple[Any, ...], /) -> Citation:
        """The citation of *field* to *sources*: one object for equal citations.

        Thousands of countries' fields cite the same tables.
        """
        slot = (field, sources)
        found = self._citations.get(slot)
        if found is None:
            found = self._citations[slot] = Citation(field, sources)
        return found

    def one(self, cl: type, key: object, /) -> Any:
        """The record of class *cl* whose primary key is *key* (a reference in a record)."""
        kind = kind_of(cl)
        assert kind is not None  # noqa: S101 - the builder resolves records of kinds only
        located = self._map(f"{kind.plural}.ids", str(key))
        if located is None:
            msg = f"the bundled data refers to {kind.name} {key!r}, which it does not hold"
            raise RuntimeError(msg)
        return self.record(kind, *located)

    def find(self, kind: Kind[Any], key: str, /) -> Any:
        """The record a folded key names, or None."""
        located = self._map(f"{kind.plural}.keys", key)
        return None if located is None else self.record(kind, *located)

    def by_country(self, kind: Kind[Any], alpha2: str, /) -> Any:
        """The record of *kind* of a country, or None."""
        located = self._map(f"{kind.plural}.countries", alpha2)
        return None if located is None else self.record(kind, *located)

    def about(self, subject: str, /) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """The events and the figures about one record, in the document's order."""
        with self.lock:
            # Events and figures are read for a record's page only (see `dataset`).
            from un_migration_network._events import EVENTS, OBSERVATIONS  # noqa: PLC0415

            return self._about(EVENTS, subject), self._about(OBSERVATIONS, subject)

    def _about(self, kind: Kind[Any], subject: str) -> tuple[Any, ...]:
        located = self._map(f"{kind.plural}.subjects", subject) or ()
        return tuple(self.record(kind, *place) for place in located)

    def singleton_keys(self) -> dict[str, frozenset[str]]:
        """The folded keys that name the Compact, its review forum and the Committee."""
        return {name: frozenset(keys) for name, keys in self.header()["singleton_keys"].items()}

    def records(self, kind: Kind[Any], /) -> tuple[Any, ...]:
        """Every record of *kind*, in the document's order."""
        with self.lock:
            spans = self.section(kind.plural)["spans"]
            return tuple(self.record(kind, i, *span) for i, span in enumerate(spans))

    def singleton(self, kind: Kind[Any], /) -> Any:
        """The Compact or the Executive Committee."""
        with self.lock:
            built = self._records.get(kind.plural)
            if built is None:
                start, end = self.header()["singletons"][kind.plural]
                built = self._records[kind.plural] = [self._build(kind.type, start, end)]
            return built[0]

    def as_of(self) -> dt.date:
        """The date the bundled data holds for."""
        return dt.date.fromisoformat(self.header()["as_of"])

    def registry(self, kind: Kind[Any], /) -> Registry[Any]:
        """The registry of one kind over the bundled data (the same object each time)."""
        found = self._registries.get(kind.plural)
        if found is None:
            with self.lock:
                found = self._registries.get(kind.plural)
                if found is None:
                    countries = None if kind is COUNTRIES else self.registry(COUNTRIES)
                    found = Registry.lazily(
                        _Records(self, kind),
                        kind=kind,
                        countries=countries,
                        missing=self.header()["missing"].get(kind.plural),
                        dataset=self.dataset,
                    )
                    self._registries[kind.plural] = found
        return found

    def dataset(self) -> "Dataset":
        """The bundled dataset (the same object each time)."""
        found = self._dataset
        if found is None:
            with self.lock:
                # A lookup in one registry, or a page (`show`), needs neither the dataset nor
                # every kind's record classes: they are imported when the whole dataset is first
                # asked for, under the lock (a fork waits for it: see below).
                from un_migration_network._dataset import Dataset  # noqa: PLC0415
                from un_migration_network._kinds import REGISTERED, kind_named  # noqa: PLC0415

                found = self._dataset
                if found is None:
                    parts = {kind.plural: self.registry(kind) for kind in REGISTERED}
                    found = self._dataset = Dataset(
                        as_of=self.as_of(),
                        executive_committee=self.singleton(kind_named("executive_committee")),
                        compact=self.singleton(kind_named("compact")),
                        about=self.about,
                        **parts,
                    )
        return found


class _Records:
    """One kind's records in the bundle, as a lazy registry reads them."""

    __slots__ = ("_bundle", "_kind")

    def __init__(self, bundle: Bundle, kind: Kind[Any]) -> None:
        self._bundle = bundle
        self._kind = kind

    @property
    def lock(self) -> threading.RLock:
        return self._bundle.lock

    def find(self, key: str, /) -> Any:
        return self._bundle.find(self._kind, key)

    def by_country(self, alpha2: str, /) -> Any:
        return self._bundle.by_country(self._kind, alpha2)

    def records(self) -> tuple[Any, ...]:
        return self._bundle.records(self._kind)


#: The bundled data of this process.
BUNDLE = Bundle()
# A fork waits until no other thread holds the lock, so no record is half built and no import
# of ours half done in the child (a module's import lock held by a thread the child does not
# have would stop it for good); the child then starts with a lock of its own.
# (The lock is looked up at each fork: a child's is not its parent's.)
os.register_at_fork(
    before=lambda: BUNDLE.lock.acquire(),  # noqa: PLW0108 - see above
    after_in_parent=lambda: BUNDLE.lock.release(),  # noqa: PLW0108 - see above
    after_in_child=BUNDLE.reset,
)


def load() -> "Dataset":
    """Return the bundled dataset, read on first use (once, thread-safely).

    >>> import un_migration_network as umn
    >>> umn.load() is umn.load()
    True
    """
    return BUNDLE.dataset()
