"""The bundled document's index: where each record stands and every key that finds it.

Written beside the bundled document by ``nox -s data`` (``tools/data.py``), and read by
`_bundle`, which then parses and builds only the records an answer needs. The file is one
JSON object written a section a line, its first line a header giving each section's byte
span, so that a reader parses the header and the sections it needs, and nothing else:

* ``<kind>`` (one per kind a document holds in an array): each record's primary key and
  byte span in the document, in the document's order; for kinds whose records name a
  country, the record of each country; for events and figures, the records of each subject.
* ``<kind>.keys``: every folded lookup key of every record (names in every language
  included), with the record's place.

The header also gives the document's size and SHA-256 (a packaging check), its as-of date,
the two singletons' spans, and what a miss on a country with no record says of the coverage.
"""

import hashlib
import json
from typing import Any

from un_migration_network._bundle import FORMAT
from un_migration_network._dataset import Dataset
from un_migration_network._document import Written, write
from un_migration_network._fields import evolve
from un_migration_network._kinds import KINDS, Kind
from un_migration_network._normalize import normalize

__all__ = ["build", "bundle_files", "canonical", "dumps"]

_HEADER = '{"header": '
# Events and figures are shown on the page of the record they concern.
_BY_SUBJECT = frozenset({"events", "observations"})


def canonical(dataset: Dataset, /) -> Dataset:
    """*dataset* with every array in its kind's order (and the Committee's lists by date).

    A reviewer then sees a new network as a small, local change of the bundled file.
    """
    parts = dataset.parts()
    for kind in KINDS:
        if not kind.is_singleton:
            parts[kind.plural] = tuple(sorted(parts[kind.plural], key=kind.order))
    # The Committee's seats keep their order (the order in which the sources show them).
    committee = dataset.executive_committee
    snapshots = tuple(sorted(committee.snapshots, key=lambda snapshot: snapshot.as_of))
    parts["executive_committee"] = evolve(committee, snapshots=snapshots)
    return Dataset.of(dataset.as_of, parts)


def bundle_files(dataset: Dataset, /) -> tuple[str, str]:
    """The text of the bundled document of *dataset*, in canonical order, and of its index."""
    ordered = canonical(dataset)
    written = write(ordered.as_of, ordered.parts())
    return written.text, dumps(build(ordered, written))


def build(dataset: Dataset, written: Written, /) -> dict[str, Any]:
    """The index of *dataset*, whose canonical document is *written*.

    Raises:
        ValueError: *written* is not the document of *dataset* (a record count differs).
    """
    encoded = written.text.encode()
    sections: dict[str, Any] = {}
    singletons: dict[str, list[int]] = {}
    missing: dict[str, str] = {}
    for kind in KINDS:
        spans = written.spans[kind.plural]
        if kind.is_singleton:
            singletons[kind.plural] = list(spans[0])
            continue
        registry = dataset.registry(kind)
        records = list(registry)
        if len(records) != len(spans):
            msg = f"{kind.plural}: {len(records)} records but {len(spans)} spans"
            raise ValueError(msg)
        sections[kind.plural] = _section(kind, records, spans)
        sections[f"{kind.plural}.keys"] = _keys(kind, records)
        note = registry._missing  # noqa: SLF001 - what the registry says on a miss
        if note is not None:
            missing[kind.plural] = note
    header = {
        "format": FORMAT,
        "as_of": dataset.as_of.isoformat(),
        "document": {"bytes": len(encoded), "sha256": hashlib.sha256(encoded).hexdigest()},
        "singletons": singletons,
        "singleton_keys": {name: sorted(keys) for name, keys in dataset.singleton_keys().items()},
        "missing": missing,
    }
    return {"header": header, **sections}


def _section(kind: Kind[Any], records: list[Any], spans: list[tuple[int, int]]) -> dict[str, Any]:
    """Each record's key and span; by country, or by subject, where the kind has one."""
    section: dict[str, Any] = {
        "ids": [kind.key(record) for record in records],
        "spans": [list(span) for span in spans],
    }
    if kind.has_country:
        section["countries"] = {
            record.country.alpha2: position
            for position, record in enumerate(records)
            if record.country is not None
        }
    if kind.plural in _BY_SUBJECT:
        subjects: dict[str, list[int]] = {}
        for position, record in enumerate(records):
            subjects.setdefault(record.subject, []).append(position)
        section["subjects"] = subjects
    return section


def _keys(kind: Kind[Any], records: list[Any]) -> dict[str, int]:
    """Every folded lookup key of every record, with the record's place."""
    keys: dict[str, int] = {}
    for position, record in enumerate(records):
        for raw in kind.keys(record):
            key = "" if raw is None else normalize(str(raw))
            if key:
                keys.setdefault(key, position)
    return keys


def dumps(index: dict[str, Any], /) -> str:
    """The index file's text: the header on the first line with each section's byte span.

    The whole text is one JSON object equal to *index*; each section stands on a line of
    its own, so that it can be parsed alone.
    """
    names = [name for name in index if name != "header"]
    lines = [json.dumps(index[name], ensure_ascii=False, sort_keys=True) for name in names]
    # The header gives the spans of the lines below it, so its own length must be known first:
    # spans are counted from the end of the header line, and added to its length after.
    relative: dict[str, list[int]] = {}
    offset = 0
    for name, line in zip(names, lines, strict=True):
        prefix = f"{json.dumps(name)}: "
        start = offset + len(prefix.encode())
        end = start + len(line.encode())
        relative[name] = [start, end]
        offset = end + 2  # ",\n" or "\n}"
    base = 0
    while True:
        spans = {name: [start + base, end + base] for name, (start, end) in relative.items()}
        header = {**index["header"], "sections": spans}
        first = f"{_HEADER}{json.dumps(header, ensure_ascii=False, sort_keys=True)},\n"
        if len(first.encode()) == base:
            break
        base = len(first.encode())
    body = ",\n".join(
        f"{json.dumps(name)}: {line}" for name, line in zip(names, lines, strict=True)
    )
    return f"{first}{body}\n}}\n"
