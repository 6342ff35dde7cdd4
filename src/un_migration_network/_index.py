"""The bundled document's index: where each record stands and every key that finds it.

Written beside the bundled document by ``nox -s data`` (``tools/data.py``), and read by
`_bundle`, which then parses and builds only the records an answer needs. The file is one
JSON object written a section a line, its first line a header giving each section's byte
span, so that a reader parses the header and the sections it needs, and nothing else:

* ``<kind>`` (one per kind a document holds in an array): each record's byte span in the
  document, in the document's order (read when every record of the kind is built).
* ``<kind>.<map>/<n>``: the maps from a key to the record it names (its place and span),
  each in buckets of about 64 keys (the bucket of a key is its CRC-32 modulo their number),
  so that a lookup reads one small bucket however large the data: ``keys`` (every folded
  lookup key, names in every language included), ``ids`` (the primary keys, which
  references use), ``countries`` (by ISO alpha-2, for kinds whose records name a country)
  and ``subjects`` (the events and figures about each record).

The header also gives the document's size and SHA-256 (a packaging check), its as-of date,
each kind's count and each map's number of buckets, the two singletons' spans and the keys
that name them, and what a miss on a country with no record says of the coverage.
"""

import hashlib
import json
from typing import Any

from un_migration_network._bundle import BUCKET, FORMAT, bucket_of
from un_migration_network._dataset import Dataset
from un_migration_network._document import Written, write
from un_migration_network._fields import evolve
from un_migration_network._kinds import KINDS, Kind
from un_migration_network._normalize import normalize

__all__ = ["bucketed", "build", "bundle_files", "canonical", "dumps"]

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
    counts: dict[str, int] = {}
    maps: dict[str, int] = {}
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
        counts[kind.plural] = len(records)
        sections[kind.plural] = {"spans": [list(span) for span in spans]}
        for name, entries in _maps(kind, records, spans).items():
            buckets = bucketed(entries)
            maps[f"{kind.plural}.{name}"] = len(buckets)
            for number, bucket in enumerate(buckets):
                sections[f"{kind.plural}.{name}/{number}"] = bucket
        note = registry._missing  # noqa: SLF001 - what the registry says on a miss
        if note is not None:
            missing[kind.plural] = note
    header = {
        "format": FORMAT,
        "as_of": dataset.as_of.isoformat(),
        "document": {"bytes": len(encoded), "sha256": hashlib.sha256(encoded).hexdigest()},
        "counts": counts,
        "maps": maps,
        "singletons": singletons,
        "singleton_keys": {name: sorted(keys) for name, keys in dataset.singleton_keys().items()},
        "missing": missing,
    }
    return {"header": header, **sections}


def _maps(
    kind: Kind[Any], records: list[Any], spans: list[tuple[int, int]]
) -> dict[str, dict[str, Any]]:
    """Each map of the kind, from a key to the record (its place and span).

    Every folded lookup key, the primary keys, and by country or by subject where the kind
    has one.
    """
    located = [[position, *span] for position, span in enumerate(spans)]
    keys: dict[str, Any] = {}
    for position, record in enumerate(records):
        for raw in kind.keys(record):
            key = "" if raw is None else normalize(str(raw))
            if key:
                keys.setdefault(key, located[position])
    maps: dict[str, dict[str, Any]] = {
        "keys": keys,
        "ids": {kind.key(record): located[i] for i, record in enumerate(records)},
    }
    if kind.has_country:
        maps["countries"] = {
            record.country.alpha2: located[i]
            for i, record in enumerate(records)
            if record.country is not None
        }
    if kind.plural in _BY_SUBJECT:
        subjects: dict[str, list[Any]] = {}
        for position, record in enumerate(records):
            subjects.setdefault(record.subject, []).append(located[position])
        maps["subjects"] = subjects
    return maps


def bucketed(entries: dict[str, Any], /) -> list[dict[str, Any]]:
    """*entries* in buckets of about `BUCKET` entries, each key in bucket `bucket_of(key)`."""
    count = max(1, -(-len(entries) // BUCKET))
    buckets: list[dict[str, Any]] = [{} for _ in range(count)]
    for key, value in entries.items():
        buckets[bucket_of(key, count)][key] = value
    return buckets


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
