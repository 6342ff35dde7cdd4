"""Tests for `un_migration_network._index`: the bundled document's index, and its canonical form.

The bundled files are written by `bundle_files` (``nox -s data``). Writing them again from the
bundled document read as a user's document gives the same bytes: the canonical order, the
writer and the key folding agree on the Python that runs the tests (CI runs every supported
version).
"""

from __future__ import annotations

import hashlib
import json
from importlib.resources import files
from typing import Any

import pytest

import un_migration_network as umn
from un_migration_network._bundle import BUCKET, FORMAT, bucket_of, header
from un_migration_network._dataset import Dataset
from un_migration_network._document import write
from un_migration_network._index import build, bundle_files, canonical, dumps
from un_migration_network._kinds import KINDS, REGISTERED, Kind
from un_migration_network._normalize import normalize

_DATA = files("un_migration_network.data")
DOCUMENT = _DATA.joinpath("un_migration_network.json").read_bytes()
INDEX = _DATA.joinpath("un_migration_network.index.json").read_bytes()
CONVERTED = umn.load_dataset(json.loads(DOCUMENT))
PARSED: dict[str, Any] = json.loads(INDEX)
HEADER = header(INDEX)


def _lookup(name: str, key: str) -> Any:
    """What map *name* of the bundled index holds for *key*, from the key's bucket alone."""
    count = HEADER["maps"][name]
    start, end = HEADER["sections"][f"{name}/{bucket_of(key, count)}"]
    return json.loads(INDEX[start:end]).get(key)


def _reversed(data: dict[str, Any]) -> Dataset:
    """The dataset of *data* with every array, and the Committee's member lists, reversed."""
    document = json.loads(json.dumps(data))
    for kind in REGISTERED:
        document[kind.plural].reverse()
    document["executive_committee"]["snapshots"].reverse()
    return umn.load_dataset(document)


class TestBundleFiles:
    """The bundled files are what the library writes from the bundled document."""

    FILES = bundle_files(CONVERTED)

    def test_document(self) -> None:
        """The document written again is the bundled document, byte for byte."""
        assert self.FILES[0].encode() == DOCUMENT

    def test_index(self) -> None:
        """The index written again is the bundled index, byte for byte."""
        assert self.FILES[1].encode() == INDEX

    def test_from_any_order(self) -> None:
        """The files do not depend on the order of the records given."""
        assert bundle_files(_reversed(json.loads(DOCUMENT))) == self.FILES


class TestHeader:
    """The index's first line is its header, and parses alone."""

    def test_first_line_alone(self) -> None:
        """The first line, without its key and trailing comma, is the header's JSON."""
        first = INDEX.split(b"\n", 1)[0]
        assert json.loads(first.removeprefix(b'{"header": ').removesuffix(b",")) == HEADER

    def test_is_the_whole_files_header(self) -> None:
        """The header read alone is the header of the whole file parsed."""
        assert PARSED["header"] == HEADER

    def test_format(self) -> None:
        """The header gives the index format the reader expects."""
        assert HEADER["format"] == FORMAT

    def test_document_size(self) -> None:
        """The header gives the document's size in bytes."""
        assert HEADER["document"]["bytes"] == len(DOCUMENT)

    def test_document_digest(self) -> None:
        """The header gives the document's SHA-256."""
        assert HEADER["document"]["sha256"] == hashlib.sha256(DOCUMENT).hexdigest()

    def test_as_of(self) -> None:
        """The header gives the data's as-of date."""
        assert HEADER["as_of"] == umn.load().as_of.isoformat()

    @pytest.mark.parametrize("name", [kind.plural for kind in KINDS if kind.is_singleton])
    def test_singleton_spans(self, name: str) -> None:
        """The Compact's and the Committee's bytes parse alone into their written form."""
        start, end = HEADER["singletons"][name]
        assert json.loads(DOCUMENT[start:end]) == json.loads(DOCUMENT)[name]

    def test_missing_notes(self) -> None:
        """What a miss on a country says, for networks and Champions."""
        assert sorted(HEADER["missing"]) == ["champions", "networks"]

    @pytest.mark.parametrize("data", [b"", b"{}", b'{"header": {}}', b'{"x": {},\n'], ids=repr)
    def test_not_an_index(self, data: bytes) -> None:
        """Bytes whose first line is not a header are refused."""
        with pytest.raises(ValueError, match="not an index: its first line is not its header"):
            header(data)


class TestSections:
    """Each section stands on a line of its own and parses alone."""

    @pytest.mark.parametrize("name", sorted(HEADER["sections"]))
    def test_parses_alone(self, name: str) -> None:
        """The section's bytes, as the header gives them, parse into the section."""
        start, end = HEADER["sections"][name]
        assert json.loads(INDEX[start:end]) == PARSED[name]

    def test_a_section_per_kind(self) -> None:
        """Every kind held in an array has its records' spans and the buckets of its maps."""
        maps = HEADER["maps"]
        expected = {kind.plural for kind in REGISTERED} | {
            f"{name}/{number}" for name, count in maps.items() for number in range(count)
        }
        assert set(HEADER["sections"]) == expected
        kinds_with_maps = {name.partition(".")[0] for name in maps}
        assert kinds_with_maps == {kind.plural for kind in REGISTERED}

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_record_spans(self, kind: Kind[Any]) -> None:
        """Each record's span parses alone into the record's element of the document."""
        section = PARSED[kind.plural]
        found = [json.loads(DOCUMENT[start:end]) for start, end in section["spans"]]
        assert found == json.loads(DOCUMENT)[kind.plural]

    @pytest.mark.parametrize("name", sorted(HEADER["maps"]))
    def test_buckets(self, name: str) -> None:
        """Each key of a map stands in the bucket its CRC-32 names, and buckets stay small."""
        count = HEADER["maps"][name]
        for number in range(count):
            bucket = PARSED[f"{name}/{number}"]
            assert all(bucket_of(key, count) == number for key in bucket)
        sizes = [len(PARSED[f"{name}/{number}"]) for number in range(count)]
        assert sum(sizes) <= count * BUCKET

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_ids(self, kind: Kind[Any]) -> None:
        """Every primary key finds its record's place and span, in the document's order."""
        records = list(umn.load().registry(kind))
        spans = PARSED[kind.plural]["spans"]
        found = [_lookup(f"{kind.plural}.ids", kind.key(record)) for record in records]
        assert found == [[position, *spans[position]] for position in range(len(records))]

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_every_key_finds_its_record(self, kind: Kind[Any]) -> None:
        """Every folded key of every record points at that record (the first where shared)."""
        records = list(umn.load().registry(kind))
        wrong = [
            (str(raw), index)
            for index, record in enumerate(records)
            for raw in kind.keys(record)
            if raw is not None
            and normalize(str(raw))
            and records[_lookup(f"{kind.plural}.keys", normalize(str(raw)))[0]] is not record
        ]
        assert wrong == []

    def test_a_key_missing(self) -> None:
        """A key no record has is in no bucket."""
        assert _lookup("networks.keys", "atlantis") is None

    def test_a_name_in_another_language(self) -> None:
        """A key in Arabic points at the record it names."""
        position, *_ = _lookup("networks.keys", normalize("شبكة الأمم المتحدة المعنية بالهجرة"))
        assert list(umn.networks)[position].id == "global"

    def test_countries_of_networks(self) -> None:
        """Networks that name a country are found by its alpha-2 code."""
        position, *_ = _lookup("networks.countries", "MZ")
        assert list(umn.networks)[position].id == "mozambique"

    def test_subjects_of_events(self) -> None:
        """Events are found by the record they are about, each with its place and span."""
        events = list(umn.load().events)
        ids = [events[position].id for position, *_ in _lookup("events.subjects", "mozambique")]
        assert ids == ["mozambique-kick-off-meeting"]

    def test_no_countries_map_without_countries(self) -> None:
        """Agencies name no country: they have no map by country."""
        assert "agencies.countries" not in HEADER["maps"]


class TestDumps:
    """The index's text is one JSON object equal to the index."""

    def test_parses_to_the_index(self) -> None:
        """The whole text parses into the index, with the sections' spans in the header."""
        index = build(CONVERTED, write(CONVERTED.as_of, CONVERTED.parts()))
        parsed = json.loads(dumps(index))
        assert parsed == {**index, "header": {**index["header"], "sections": HEADER["sections"]}}

    def test_one_line_per_section(self) -> None:
        """The header, each section and the closing brace stand on lines of their own."""
        assert len(INDEX.splitlines()) == 1 + len(HEADER["sections"]) + 1

    def test_small_index(self) -> None:
        """A small index: the header's spans point at each section's line."""
        text = dumps({"header": {"format": 1}, "a": [1, 2], "b": {"c": "é"}})
        encoded = text.encode()
        spans = header(encoded)["sections"]
        assert [json.loads(encoded[start:end]) for start, end in spans.values()] == [
            [1, 2],
            {"c": "é"},
        ]


class TestBuild:
    """The index of a dataset whose canonical document is given."""

    def test_written_of_another_dataset(self) -> None:
        """A document with another number of records than the dataset is refused."""
        parts = {**CONVERTED.parts(), "champions": ()}
        written = write(CONVERTED.as_of, parts)
        with pytest.raises(ValueError, match="champions: 34 records but 0 spans"):
            build(CONVERTED, written)

    def test_a_key_that_folds_to_nothing(self) -> None:
        """An alias of punctuation alone ("—") folds to no key, and is left out."""
        document = json.loads(DOCUMENT)
        [undp] = [agency for agency in document["agencies"] if agency["id"] == "undp"]
        undp["aliases"] = ["—"]
        dataset = umn.load_dataset(document)
        index = build(dataset, write(dataset.as_of, dataset.parts()))
        buckets = [
            index[f"agencies.keys/{n}"] for n in range(index["header"]["maps"]["agencies.keys"])
        ]
        assert all("" not in bucket for bucket in buckets)
        assert any("undp" in bucket for bucket in buckets)

    def test_miss_note_of_a_dataset(self) -> None:
        """The note on a miss is the dataset's own: here, one without Champions."""
        parts = {**CONVERTED.parts(), "champions": ()}
        dataset = Dataset.of(CONVERTED.as_of, parts)
        index = build(dataset, write(dataset.as_of, parts))
        assert index["header"]["missing"]["champions"] == (
            "the data does not list it among the 0 GCM Champion countries"
        )


class TestCanonical:
    """Every array in its kind's order, and the Committee's member lists by date."""

    CANONICAL = canonical(_reversed(json.loads(DOCUMENT)))

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_kind_order(self, kind: Kind[Any]) -> None:
        """The records of each kind come in the order the kind states."""
        records = list(self.CANONICAL.registry(kind))
        assert records == sorted(records, key=kind.order)

    def test_snapshots_by_date(self) -> None:
        """The Committee's dated member lists come in date order."""
        snapshots = self.CANONICAL.executive_committee.snapshots
        assert list(snapshots) == sorted(snapshots, key=lambda snapshot: snapshot.as_of)

    def test_seats_keep_their_order(self) -> None:
        """The Committee's seats keep the order the sources show them in."""
        committee = self.CANONICAL.executive_committee
        assert committee.memberships == CONVERTED.executive_committee.memberships

    def test_equal_dataset(self) -> None:
        """The canonical dataset holds the same records: it equals the bundled one."""
        assert canonical(CONVERTED) == CONVERTED
