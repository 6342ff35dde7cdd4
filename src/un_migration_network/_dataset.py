"""The whole loaded data, immutable and indexed; the bundled copy loads once, lazily."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from un_migration_network._models import (
    Agency,
    Compact,
    Event,
    ExecutiveCommittee,
    GuidingPrinciple,
    Network,
    Objective,
    Observation,
    Source,
)
from un_migration_network._registry import Registry
from un_migration_network.exceptions import DataError, DataProblem

if TYPE_CHECKING:
    from un_migration_network._converter import Document

__all__ = ["Dataset", "load", "load_dataset"]

_DATA_PACKAGE = "un_migration_network.data"
_DATA_FILE = "un_migration_network.json"


def _source_keys(source: Source) -> Iterable[str]:
    return (source.id, source.url)


def _agency_keys(agency: Agency) -> Iterable[str]:
    return (agency.acronym, agency.name, *agency.aliases, agency.id)


def _network_keys(network: Network) -> Iterable[str | int | None]:
    country = network.country
    yield network.name
    if country is not None:
        yield from (country.name, country.alpha2, country.alpha3, country.m49)
        if country.m49 is not None:
            yield f"{country.m49:03d}"  # M49 codes are written with three digits: "031"
    yield network.region
    yield from network.aliases
    yield network.id


def _objective_keys(objective: Objective) -> Iterable[str | int]:
    return (objective.number, objective.short_label, objective.title, *objective.title_variants)


def _principle_keys(principle: GuidingPrinciple) -> Iterable[str]:
    return (principle.letter, principle.name)


@attrs.frozen(eq=True)
class Dataset:
    """The whole data: every record, indexed, as of one date.

    Build one with `load` (the bundled data) or `load_dataset` (your own document).

    Attributes:
        as_of: The date the data holds for.
        sources: Every source the records cite.
        agencies: The UN system entities.
        networks: The global, regional and country networks on migration.
        executive_committee: The Network's Executive Committee.
        objectives: The GCM's 23 objectives.
        principles: The GCM's 10 guiding principles.
        compact: The GCM's own facts.
        events: Dated happenings: decisions, meetings, reviews.
        observations: Figures that sources report at a date.

    >>> import un_migration_network as umn
    >>> ds = umn.load()
    >>> len(ds.objectives), ds.compact.resolution
    (23, 'A/RES/73/195')
    """

    as_of: dt.date
    sources: Registry[Source]
    agencies: Registry[Agency]
    networks: Registry[Network]
    executive_committee: ExecutiveCommittee
    objectives: Registry[Objective]
    principles: Registry[GuidingPrinciple]
    compact: Compact
    events: tuple[Event, ...]
    observations: tuple[Observation, ...]

    @classmethod
    def _from_document(cls, document: Document, *, origin: str | None = None) -> Dataset:
        """Index a structured document.

        Raises:
            DataError: Two records of one kind share a lookup key.
        """
        problems: list[DataProblem] = []

        def registry(records: Iterable[Any], keys: Any, kind: str, path: str) -> Registry[Any]:
            try:
                return Registry(records, keys=keys, kind=kind, path=path)
            except DataError as error:
                problems.extend(error.problems)
                return Registry((), keys=keys, kind=kind, path=path)

        dataset = cls(
            as_of=document.as_of,
            sources=registry(document.sources, _source_keys, "source", "$.sources"),
            agencies=registry(document.agencies, _agency_keys, "agency", "$.agencies"),
            networks=registry(document.networks, _network_keys, "network", "$.networks"),
            executive_committee=document.executive_committee,
            objectives=registry(document.objectives, _objective_keys, "objective", "$.objectives"),
            principles=registry(
                document.principles, _principle_keys, "guiding principle", "$.principles"
            ),
            compact=document.compact,
            events=document.events,
            observations=document.observations,
        )
        if problems:
            raise DataError(problems, origin=origin)
        return dataset

    def _to_document(self) -> Document:
        """The dataset as a structured document, ready to write out."""
        from un_migration_network._converter import Document  # noqa: PLC0415 - kept off import

        return Document(
            as_of=self.as_of,
            sources=tuple(self.sources),
            agencies=tuple(self.agencies),
            networks=tuple(self.networks),
            executive_committee=self.executive_committee,
            objectives=tuple(self.objectives),
            principles=tuple(self.principles),
            compact=self.compact,
            events=self.events,
            observations=self.observations,
        )

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

    def __repr__(self) -> str:
        return (
            f"<Dataset as of {self.as_of.isoformat()}: {len(self.agencies)} agencies, "
            f"{len(self.networks)} networks, {len(self.objectives)} objectives, "
            f"{len(self.principles)} principles, {len(self.sources)} sources>"
        )

    def _repr_html_(self) -> str:
        """A summary table (counts of each kind, as-of date) for notebooks."""
        from un_migration_network._html import dataset_html  # noqa: PLC0415 - notebooks only

        return dataset_html(self)


def _parse(text: str, origin: str) -> object:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                msg = f"the key {key!r} appears twice in one object"
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
        problem = DataProblem("$", f"not valid JSON: {error.msg} ({where})", "not-json")
    except RecursionError:
        problem = DataProblem("$", "the JSON is nested too deeply to read", "too-deep")
    except ValueError as error:
        problem = DataProblem("$", f"not valid JSON: {error}", "not-json")
    raise DataError([problem], origin=origin)


def _read(path: str | os.PathLike[str]) -> tuple[str, str]:
    origin = os.fsdecode(path)
    try:
        with open(path, "rb") as stream:  # noqa: PTH123 - a user's own path, not package data
            raw = stream.read()
    except ValueError:  # a path with a NUL character in it
        problem = DataProblem("$", "cannot read the file: the path is not valid", "unreadable")
        raise DataError([problem], origin=repr(origin)) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        problem = DataProblem("$", f"cannot read the file: {reason}", "unreadable")
        raise DataError([problem], origin=origin) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = f"the file is not UTF-8 text (byte {error.start} is invalid)"
        problem = DataProblem("$", reason, "not-utf8")
        raise DataError([problem], origin=origin) from None
    return text, origin


def _build(data: object, origin: str | None) -> Dataset:
    from un_migration_network._converter import structure_document  # noqa: PLC0415 - lazy cattrs

    try:
        document = structure_document(data, origin=origin)
    except RecursionError:
        problem = DataProblem("$", "the document is nested too deeply to read", "too-deep")
        raise DataError([problem], origin=origin) from None
    return Dataset._from_document(document, origin=origin)  # noqa: SLF001 - its own builder


def load_dataset(source: str | os.PathLike[str] | Mapping[str, Any], /) -> Dataset:
    """Build a new dataset from your own JSON document; the bundled data is left as it is.

    Args:
        source: A path to a JSON file, or an already-parsed JSON object.

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
        return _build(given, None)
    if isinstance(given, str | os.PathLike):
        text, origin = _read(given)
        return _build(_parse(text, origin), origin)
    reason = f"expected a path or a JSON object, got {type(given).__name__}"
    problem = DataProblem("$", reason, "wrong-type")
    raise DataError([problem])


_lock = threading.Lock()
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
    from importlib.resources import files  # noqa: PLC0415 - no I/O machinery at import time

    # The text is dropped as soon as it is parsed, so it is not held while records are built.
    data = json.loads(files(_DATA_PACKAGE).joinpath(_DATA_FILE).read_text(encoding="utf-8"))
    return _build(data, f"bundled {_DATA_FILE}")
