"""The bundled data: read only what an answer needs, once, from the document and its index.

This is the package's one laziness mechanism. The first question reads the bundled document's
bytes and its index (`_index`) through `importlib.resources`; a lookup then parses the index
sections it needs and builds (`_build`) just the records it returns and those they refer to.
Every record is built once, under one lock, and kept, so a lookup returns the same object
each time and a network's member *is* the agency the agencies registry holds. Anything that
needs every record of a kind (iteration, a search, suggestions) builds them all, from the
same cache. The bundled data is validated when it is built (``nox -s data``) and by the
test suite; a document that does not match its index is a packaging error, not a reason to
read it another way.
"""

import datetime as dt
import importlib
import json
import os
import sys
import threading
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from un_migration_network._build import build
from un_migration_network._countries import COUNTRIES
from un_migration_network._kind import Kind, kind_of
from un_migration_network._registry import Registry

if TYPE_CHECKING:
    from un_migration_network._dataset import Dataset

__all__ = ["BUNDLE", "FORMAT", "header", "load"]

_PACKAGE = "un_migration_network.data"
DOCUMENT = "un_migration_network.json"
INDEX = "un_migration_network.index.json"
#: The index format (`_index` writes it); a reader refuses any other.
FORMAT = 1
_HEADER = b'{"header": '


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
        self._document: bytes | None = None
        self._index: bytes | None = None
        self._header: dict[str, Any] = {}
        self._sections: dict[str, Any] = {}
        self._records: dict[str, list[Any]] = {}
        self._positions: dict[str, dict[str, int]] = {}
        self._registries: dict[str, Registry[Any]] = {}
        self._dataset: Dataset | None = None

    def reset(self) -> None:
        """Forget the lock: in a child process after ``fork()``, another thread may hold it."""
        self.lock = threading.RLock()

    def _read(self) -> None:
        """Read the document and the index (the lock is held)."""
        folder = files(_PACKAGE)
        index = folder.joinpath(INDEX).read_bytes()
        found = header(index)
        document = folder.joinpath(DOCUMENT).read_bytes()
        if found["format"] != FORMAT or found["document"]["bytes"] != len(document):
            msg = (
                "the bundled data's index does not match its document: the package is not "
                "installed whole (reinstall it)"
            )
            raise RuntimeError(msg)
        self._header = found
        self._document = document
        self._index = index

    def section(self, name: str, /) -> Any:
        """One section of the index, parsed on first use."""
        found = self._sections.get(name)
        if found is None:
            with self.lock:
                found = self._sections.get(name)
                if found is None:
                    if self._index is None:
                        self._read()
                    assert self._index is not None  # noqa: S101 - just read
                    start, end = self._header["sections"][name]
                    found = self._sections[name] = json.loads(self._index[start:end])
        return found

    def header(self) -> dict[str, Any]:
        """The index's header: the as-of date, the singletons' spans, what misses say."""
        if self._index is None:
            with self.lock:
                if self._index is None:
                    self._read()
        return self._header

    def record(self, kind: Kind[Any], position: int, /) -> Any:
        """The record at *position* of *kind*'s array, built on first use."""
        built = self._records.get(kind.plural)
        found = None if built is None else built[position]
        if found is None:
            with self.lock:
                built = self._records.get(kind.plural)
                if built is None:
                    built = [None] * len(self.section(kind.plural)["ids"])
                found = built[position]
                if found is None:
                    start, end = self.section(kind.plural)["spans"][position]
                    found = self._build(kind, start, end)
                    built[position] = found
                    # Published after the record is whole: a reader without the lock sees
                    # None (and waits for the lock) or the whole record.
                    self._records[kind.plural] = built
        return found

    def _build(self, kind: Kind[Any], start: int, end: int) -> Any:
        assert self._document is not None  # noqa: S101 - read with the index's first section
        return build(kind.type, json.loads(self._document[start:end]), self.resolve)

    def resolve(self, cl: type, key: object, /) -> Any:
        """The record of class *cl* whose primary key is *key* (a reference in a record)."""
        kind = kind_of(cl)
        assert kind is not None  # noqa: S101 - the builder resolves records of kinds only
        positions = self._positions.get(kind.plural)
        if positions is None:
            with self.lock:
                ids = self.section(kind.plural)["ids"]
                positions = self._positions[kind.plural] = {key: i for i, key in enumerate(ids)}
        return self.record(kind, positions[key])

    def find(self, kind: Kind[Any], key: str, /) -> Any:
        """The record a folded key names, or None."""
        position = self.section(f"{kind.plural}.keys").get(key)
        return None if position is None else self.record(kind, position)

    def by_country(self, kind: Kind[Any], alpha2: str, /) -> Any:
        """The record of *kind* of a country, or None."""
        position = self.section(kind.plural).get("countries", {}).get(alpha2)
        return None if position is None else self.record(kind, position)

    def about(self, kind: Kind[Any], subject: str, /) -> tuple[Any, ...]:
        """The events or figures about one record, in the document's order."""
        positions = self.section(kind.plural)["subjects"].get(subject, ())
        return tuple(self.record(kind, position) for position in positions)

    def records(self, kind: Kind[Any], /) -> tuple[Any, ...]:
        """Every record of *kind*, in the document's order."""
        with self.lock:
            count = len(self.section(kind.plural)["ids"])
            return tuple(self.record(kind, position) for position in range(count))

    def singleton(self, kind: Kind[Any], /) -> Any:
        """The Compact or the Executive Committee."""
        with self.lock:
            built = self._records.get(kind.plural)
            if built is None:
                start, end = self.header()["singletons"][kind.plural]
                built = self._records[kind.plural] = [self._build(kind, start, end)]
            return built[0]

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
                    )
                    self._registries[kind.plural] = found
        return found

    def dataset(self) -> "Dataset":
        """The bundled dataset (the same object each time)."""
        found = self._dataset
        if found is None:
            # A lookup in one registry needs neither the dataset nor the other kinds' record
            # classes: they are imported when the whole dataset is first asked for.
            from un_migration_network._dataset import Dataset  # noqa: PLC0415
            from un_migration_network._kinds import REGISTERED, kind_named  # noqa: PLC0415

            with self.lock:
                found = self._dataset
                if found is None:
                    parts = {kind.plural: self.registry(kind) for kind in REGISTERED}
                    found = self._dataset = Dataset(
                        as_of=dt.date.fromisoformat(self.header()["as_of"]),
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


def _finish_imports() -> None:
    """Before a fork, wait for other threads to finish the imports a load makes on first use.

    A thread in the middle of an import holds that module's import lock, and a child forked
    then would wait for it forever when it first needs the module. Importing the module here
    waits until it is whole. A process without other threads has no import to wait for.
    """
    if threading.active_count() == 1:
        return
    files(_PACKAGE)  # the data's package and the readers of package files
    initializing = [
        name
        for name, module in list(sys.modules.items())
        if name.startswith(__package__)
        and getattr(getattr(module, "__spec__", None), "_initializing", False)
    ]
    for name in (f"{__package__}._dataset", f"{__package__}._kinds", *initializing):
        importlib.import_module(name)


#: The bundled data of this process.
BUNDLE = Bundle()
# A child process forked while another thread held the lock would wait for it forever.
os.register_at_fork(before=_finish_imports, after_in_child=BUNDLE.reset)


def load() -> "Dataset":
    """Return the bundled dataset, read on first use (once, thread-safely).

    >>> import un_migration_network as umn
    >>> umn.load() is umn.load()
    True
    """
    return BUNDLE.dataset()
