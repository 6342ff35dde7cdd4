"""Tests for `un_migration_network._dataset`: loading, caching, round trips, bad input."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import un_migration_network as umn
from changes import ID, json_path, set_at
from un_migration_network import _dataset
from un_migration_network._kinds import KINDS
from un_migration_network.exceptions import DataProblem, MigrationNetworkError

_DEPTH = 100_000


def _deep_list(depth: int) -> list[Any]:
    """A list nested *depth* levels deep, built without recursion."""
    root: list[Any] = []
    current = root
    for _ in range(depth - 1):
        child: list[Any] = []
        current.append(child)
        current = child
    return root


def _codes(error: umn.DataError) -> list[tuple[str, str]]:
    return [(problem.code, problem.path) for problem in error.problems]


@pytest.fixture
def first_load() -> Iterator[None]:
    """Forget the cached bundled dataset for one test, then put the original back."""
    original = _dataset._bundled
    _dataset._bundled = None
    try:
        yield
    finally:
        _dataset._bundled = original


class TestLoad:
    """load() builds the bundled dataset once, lazily, thread-safely."""

    def test_cached(self) -> None:
        """load() returns the very same object every time."""
        assert umn.load() is umn.load()

    def test_module_attributes_come_from_it(self, dataset: umn.Dataset) -> None:
        """The module-level registries are the bundled dataset's."""
        assert umn.agencies is dataset.agencies
        assert umn.networks is dataset.networks
        assert umn.champions is dataset.champions
        assert umn.objectives is dataset.objectives
        assert umn.principles is dataset.principles
        assert umn.executive_committee is dataset.executive_committee
        assert umn.compact is dataset.compact

    @pytest.mark.usefixtures("first_load")
    def test_first_load_from_many_threads(self) -> None:
        """Sixteen threads racing on the first load all get one and the same dataset."""
        barrier = threading.Barrier(16)
        results: list[umn.Dataset] = []
        errors: list[BaseException] = []

        def worker() -> None:
            try:
                barrier.wait()
                results.append(umn.load())
            except BaseException as error:  # noqa: BLE001 - reported by the assert below
                errors.append(error)

        threads = [threading.Thread(target=worker) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert len(results) == 16
        assert len({id(result) for result in results}) == 1
        assert results[0] is umn.load()

    def test_concurrent_user_loads_stay_apart(self, document: dict[str, Any]) -> None:
        """Documents loaded at once in several threads each resolve their own references."""
        documents = []
        unicef = ID("unicef").index_in(document["agencies"])
        for index in range(8):
            mine = json.loads(json.dumps(document))
            mine["agencies"][unicef]["name"] = f"Agency number {index}"
            documents.append(mine)
        barrier = threading.Barrier(len(documents))
        results: dict[int, str] = {}

        def worker(index: int) -> None:
            barrier.wait()
            loaded = umn.load_dataset(documents[index])
            members = loaded.networks.lookup("global").members
            results[index] = next(a.name for a in members if a.id == "unicef")

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(documents))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results == {i: f"Agency number {i}" for i in range(len(documents))}

    def test_import_is_lazy(self) -> None:
        """Importing the package imports neither attrs, cattrs nor pandas, and reads no data."""
        script = """
import sys
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], str):
        opened.append(args[0])
sys.addaudithook(hook)
import un_migration_network
heavy = [m for m in ("attrs", "cattrs", "pandas", "un_migration_network._dataset")
         if m in sys.modules]
data = [p for p in opened if p.endswith(".json") or "un_migration_network/data" in p]
version = un_migration_network.__version__
import contextlib
import json
print(json.dumps([heavy, data, isinstance(version, str)]))
"""
        package_root = Path(umn.__file__).parent.parent
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(package_root), os.environ.get("PYTHONPATH", "")]),
        }
        done = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
        )
        assert json.loads(done.stdout) == [[], [], True]

    def test_unknown_attribute(self) -> None:
        """A name the package does not have raises AttributeError."""
        with pytest.raises(AttributeError, match="no attribute 'nothing'"):
            umn.nothing  # noqa: B018

    def test_dir_lists_the_public_names(self) -> None:
        """dir() shows every public name, lazy or not."""
        assert set(umn.__all__) <= set(dir(umn))

    def test_repr(self, dataset: umn.Dataset) -> None:
        """The repr shows the data's as-of date and the count of each kind."""
        counts = ", ".join(f"{len(dataset.registry(k))} {k.plural}" for k in KINDS)
        assert repr(dataset) == f"<Dataset as of {dataset.as_of.isoformat()}: {counts}>"


class TestCollector:
    """The cyclic garbage collector is paused while a document is read, and only then."""

    def test_paused_while_reading(
        self, document: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """Off while the records are built, from an object or a file; on again after."""
        seen: list[bool] = []
        build = _dataset._build

        def watched(data: object, origin: str | None) -> umn.Dataset:
            seen.append(gc.isenabled())
            return build(data, origin)

        monkeypatch.setattr(_dataset, "_build", watched)
        path = tmp_path / "mine.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        assert umn.load_dataset(document) == umn.load_dataset(path)
        assert seen == [False, False]
        assert gc.isenabled()

    def test_on_again_after_a_refusal(self) -> None:
        """A document that is refused leaves the collector on."""
        with pytest.raises(umn.DataError):
            umn.load_dataset({"as_of": "soon"})
        assert gc.isenabled()

    def test_off_stays_off(self, document: dict[str, Any]) -> None:
        """A collector the caller turned off is not turned on."""
        gc.disable()
        try:
            umn.load_dataset(document)
            assert not gc.isenabled()
        finally:
            gc.enable()


class TestRoundTrip:
    """to_json and load_dataset are inverses."""

    def test_mapping(self, dataset: umn.Dataset) -> None:
        """Loading the bundled document gives an equal dataset with the same JSON."""
        text = dataset.to_json()
        mine = umn.load_dataset(json.loads(text))
        assert mine == dataset
        assert mine is not dataset
        assert mine.to_json() == text

    def test_deterministic_and_sorted(self, dataset: umn.Dataset) -> None:
        """to_json gives the same text every time, with every object's keys sorted."""
        text = dataset.to_json()

        def check(value: object) -> None:
            if isinstance(value, dict):
                assert list(value) == sorted(value)
                for child in value.values():
                    check(child)
            elif isinstance(value, list):
                for child in value:
                    check(child)

        check(json.loads(text))
        assert text == dataset.to_json()
        assert text.endswith("}\n")
        assert "Türkiye" in text

    @pytest.mark.parametrize("kind", [str, Path])
    def test_path(self, dataset: umn.Dataset, tmp_path: Path, kind: type) -> None:
        """load_dataset takes a str path or a pathlib.Path."""
        path = tmp_path / "data.json"
        path.write_text(dataset.to_json(), encoding="utf-8")
        assert umn.load_dataset(kind(path)) == dataset

    def test_byte_order_mark(self, dataset: umn.Dataset, tmp_path: Path) -> None:
        """A UTF-8 file that starts with a byte order mark loads."""
        path = tmp_path / "data.json"
        path.write_bytes(b"\xef\xbb\xbf" + dataset.to_json().encode())
        assert umn.load_dataset(path) == dataset

    def test_bundled_never_changes(self, dataset: umn.Dataset, document: dict[str, Any]) -> None:
        """A user's document is a new dataset; the bundled one is left as it was."""
        before = dataset.to_json()
        set_at(("networks", ID("mozambique"), "name"), "Changed")(document)
        mine = umn.load_dataset(document)
        assert mine.networks.lookup("mozambique").name == "Changed"
        assert umn.load() is dataset
        assert mine != dataset
        assert dataset.to_json() == before
        assert umn.networks.lookup("mozambique").name == (
            "United Nations Network on Migration in Mozambique"
        )


class TestBadInput:
    """Every bad input gives DataError, never another exception."""

    @pytest.mark.parametrize(
        ("content", "code"),
        [
            (b'{"as_of": ', "not-json"),
            (b"", "not-json"),
            (b"   \n", "not-json"),
            (b"\xff\xfe\x00\x01binary\x80", "not-utf8"),
            ('{"as_of": "café"}'.encode("latin-1"), "not-utf8"),
            (b"[]", "not-object"),
            (b'"a string"', "not-object"),
            (b"null", "not-object"),
            (b"42", "not-object"),
            (b"[" * _DEPTH + b"]" * _DEPTH, "too-deep"),
            (b'{"a": ' * _DEPTH + b"1" + b"}" * _DEPTH, "too-deep"),
            (b'{"as_of": NaN}', "not-json"),
            (b'{"as_of": Infinity}', "not-json"),
            (b'{"as_of": -Infinity}', "not-json"),
            (b'{"as_of": "2020-01-01", "as_of": "2021-01-01"}', "not-json"),
            (b'{"as_of": ' + b"1" * 5000 + b"}", "not-json"),
        ],
        ids=[
            "truncated",
            "empty",
            "blank",
            "binary",
            "latin-1",
            "array",
            "string",
            "null",
            "number",
            "deep-arrays",
            "deep-objects",
            "nan",
            "infinity",
            "minus-infinity",
            "duplicate-key",
            "huge-number",
        ],
    )
    def test_file(self, tmp_path: Path, content: bytes, code: str) -> None:
        """Unreadable or malformed files give one problem at the root, naming the file."""
        path = tmp_path / "bad.json"
        path.write_bytes(content)
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(path)
        assert _codes(caught.value) == [(code, "$")]
        assert caught.value.origin == str(path)
        assert str(caught.value).startswith(f"{path}: 1 problem in the data\n  $: ")

    def test_missing_file(self, tmp_path: Path) -> None:
        """A path to nothing gives an unreadable problem."""
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(tmp_path / "missing.json")
        assert _codes(caught.value) == [("unreadable", "$")]

    def test_directory(self, tmp_path: Path) -> None:
        """A directory is not a document."""
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(tmp_path)
        assert _codes(caught.value) == [("not-a-file", "$")]
        assert "the path is a directory" in str(caught.value)

    def test_path_with_nul(self) -> None:
        """A path with a NUL character in it names no file: DataError, not ValueError."""
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset("bad\x00name.json")
        assert _codes(caught.value) == [("unreadable", "$")]

    @pytest.mark.parametrize("value", [42, None, b"data.json", 1.5, ["as_of"]])
    def test_not_a_path_or_mapping(self, value: object) -> None:
        """Anything that is neither a path nor a mapping is a wrong-type problem."""
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(value)  # type: ignore[arg-type]
        assert _codes(caught.value) == [("wrong-type", "$")]

    @pytest.mark.parametrize(
        "key", ["as_of", "sources", "networks", "executive_committee", "compact", "events"]
    )
    def test_deep_mapping(self, document: dict[str, Any], key: str) -> None:
        """A parsed structure nested 100,000 deep, in place of any part, is a DataError."""
        document[key] = _deep_list(_DEPTH)
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(document)
        assert caught.value.problems[0].path.startswith(f"$.{key}")

    def test_deep_mapping_inside_a_record(self, document: dict[str, Any]) -> None:
        """Deep nesting inside a record's field is reported at that field."""
        set_at(("networks", ID("global"), "members"), _deep_list(_DEPTH))(document)
        set_at(
            ("networks", ID("asia-pacific"), "launched"),
            {"earliest": _deep_list(_DEPTH), "latest": "2020"},
        )(document)
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(document)
        assert _codes(caught.value) == [
            ("wrong-type", json_path(document, ("networks", ID("global"), "members", 0))),
            (
                "bad-date",
                json_path(document, ("networks", ID("asia-pacific"), "launched", "earliest")),
            ),
            (
                "bad-date",
                json_path(document, ("networks", ID("asia-pacific"), "launched", "latest")),
            ),
        ]

    def test_huge_integer_in_a_mapping(self, document: dict[str, Any]) -> None:
        """An integer too long to print, in a parsed document, still gives only DataError."""
        set_at(("networks", ID("mozambique"), "country", "m49"), 10**5000)(document)
        set_at(("objectives", ID(1), "round_table"), 10**5000)(document)
        with contextlib.suppress(umn.DataError):
            umn.validate(umn.load_dataset(document))

    @settings(max_examples=50, deadline=None)
    @given(st.binary(max_size=64))
    def test_any_bytes(self, content: bytes) -> None:
        """No file content of a few bytes loads, and each gives DataError."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "any.json"
            path.write_bytes(content)
            with pytest.raises(umn.DataError):
                umn.load_dataset(path)


class TestDataError:
    """DataError names the file and every problem's path, and pickles."""

    def test_message(self, tmp_path: Path, document: dict[str, Any]) -> None:
        """The message starts with the file and lists every problem with its path."""
        launched = ("networks", ID("asia-pacific"), "launched")
        colour = ("agencies", ID("undp"), "colour")
        expected = [json_path(document, colour[:2]), json_path(document, launched)]
        set_at(launched, "2022-02-30")(document)
        set_at(colour, "blue")(document)
        path = tmp_path / "mine.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(path)
        lines = str(caught.value).splitlines()
        assert lines[0] == f"{path}: 2 problems in the data"
        assert [line.split(":")[0].strip() for line in lines[1:]] == expected

    def test_types(self) -> None:
        """DataError is a ValueError and the library's base error."""
        error = umn.DataError([DataProblem("$", "bad")])
        assert isinstance(error, ValueError)
        assert isinstance(error, MigrationNetworkError)
        assert str(error) == "1 problem in the data\n  $: bad [invalid-value]"
        assert str(error.problems[0]) == "$: bad [invalid-value]"

    def test_pickles(self) -> None:
        """A DataError survives pickling with its problems, origin and message."""
        error = umn.DataError(
            [DataProblem("$.a", "one", "wrong-type"), DataProblem("$.b", "two")], origin="f.json"
        )
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            copy = pickle.loads(pickle.dumps(error, protocol=protocol))  # noqa: S301 - our own
            assert type(copy) is umn.DataError
            assert copy.problems == error.problems
            assert copy.origin == "f.json"
            assert str(copy) == str(error)
            assert copy.args == error.args


class TestFind:
    """Dataset.find: the one record of any kind a query names."""

    @pytest.mark.parametrize(
        ("query", "kind", "key"),
        [
            ("Mozambique", "network", "mozambique"),
            ("UN Habitat", "agency", "un-habitat"),
            ("objective 13", "objective", "13"),
            ("Objective: 13", "objective", "13"),
            ("principle c", "guiding principle", "c"),
            ("guiding principle c", "guiding principle", "c"),
            ("Bangladesh", "network", "bangladesh"),
            ("champion Bangladesh", "champion", "bangladesh"),
            ("Champions Kenya", "champion", "kenya"),
            ("source unsd-m49", "source", "unsd-m49"),
            ("event mozambique-kick-off-meeting", "event", "mozambique-kick-off-meeting"),
            ("network 508", "network", "mozambique"),
            ("Alternatives to detention", "objective", "13"),
        ],
    )
    def test_record(self, dataset: umn.Dataset, query: str, kind: str, key: str) -> None:
        """A query finds its record, with the kind's name."""
        found_kind, record = dataset.find(query)
        table = {k.name: k for k in KINDS}
        assert found_kind == kind
        assert table[kind].key(record) == key

    @pytest.mark.parametrize(
        ("query", "kind"),
        [
            ("gcm", "compact"),
            ("GCM", "compact"),
            ("Global Compact for Safe, Orderly and Regular Migration", "compact"),
            ("Pacte mondial pour des migrations sûres, ordonnées et régulières", "compact"),
            ("executive committee", "executive committee"),
            ("EC", "executive committee"),
            ("imrf", "review forum"),
            ("International Migration Review Forum", "review forum"),
        ],
    )
    def test_singletons(self, dataset: umn.Dataset, query: str, kind: str) -> None:
        """The Compact, its review forum and the Committee by their words and names."""
        assert dataset.find(query)[0] == kind

    def test_ambiguous(self, dataset: umn.Dataset) -> None:
        """Objective 23's label is principle (b)'s name: the error names both ways to ask."""
        with pytest.raises(umn.AmbiguousError) as caught:
            dataset.find("International cooperation")
        assert caught.value.choices == (("objective", "23"), ("guiding principle", "b"))
        assert "'objective 23' or 'guiding principle b'" in str(caught.value)
        assert isinstance(caught.value, LookupError)

    def test_ambiguous_pickles(self, dataset: umn.Dataset) -> None:
        """An AmbiguousError pickles with its query and choices."""
        with pytest.raises(umn.AmbiguousError) as caught:
            dataset.find("International cooperation")
        copy = pickle.loads(pickle.dumps(caught.value, protocol=0))  # noqa: S301 - our own
        assert str(copy) == str(caught.value)

    def test_miss_suggests_from_every_kind(self, dataset: umn.Dataset) -> None:
        """A miss suggests the closest keys of any kind."""
        with pytest.raises(umn.NotFoundError) as caught:
            dataset.find("Mozambik")
        assert caught.value.suggestions[0] == "Mozambique"

    def test_kind_word_with_a_miss_falls_back(self, dataset: umn.Dataset) -> None:
        """The query "objective 99" names no objective: looked up whole, it misses."""
        with pytest.raises(umn.NotFoundError):
            dataset.find("objective 99")

    @pytest.mark.parametrize("query", ["x" * 100_000, "\ufdfa" * 100_000, 13])
    def test_long_or_not_text(self, dataset: umn.Dataset, query: object) -> None:
        """A query longer than any key, or not text, misses at once."""
        with pytest.raises(umn.NotFoundError):
            dataset.find(query)  # type: ignore[arg-type]


class TestNetworksOnAndOf:
    """Which networks the sources show existing on a day, and of which an agency is a member."""

    def test_before_the_network(self, dataset: umn.Dataset) -> None:
        """Before its launch, no network is shown existing."""
        assert dataset.networks_on("2018-12-08") == ()

    def test_global_network_first(self, dataset: umn.Dataset) -> None:
        """On the day of the Secretary-General's launch, the global Network exists."""
        assert [n.id for n in dataset.networks_on(dt.date(2018, 12, 9))] == ["global"]

    def test_grows_over_time(self, dataset: umn.Dataset) -> None:
        """Networks never end in the sources: the list grows with the day."""
        days = ["2020-01-01", "2021-06-24", "2022-02-15", "2024-08-31", "2026-12-02"]
        counts = [len(dataset.networks_on(day)) for day in days]
        assert counts == sorted(counts)
        assert counts[-1] == sum(1 for n in dataset.networks if n.first_evidenced is not None)

    def test_a_month_counts_from_its_last_day(self, dataset: umn.Dataset) -> None:
        """A network first evidenced in August 2024 (the Africa list) counts from 31 August."""
        algeria = dataset.networks.lookup("algeria")
        assert algeria not in dataset.networks_on("2024-08-30")
        assert algeria in dataset.networks_on("2024-08-31")

    def test_not_a_launch(self, dataset: umn.Dataset) -> None:
        """A network first evidenced on a list exists then, though its launch is unknown."""
        algeria = dataset.networks.lookup("algeria")
        assert algeria.launched is None
        assert algeria in dataset.networks_on("2025-01-01")

    @pytest.mark.parametrize("day", [20240831, None, 2024.5])
    def test_day_of_another_type(self, dataset: umn.Dataset, day: object) -> None:
        """A day that is neither a date nor a string is a TypeError that says so."""
        with pytest.raises(TypeError, match=r"expected the day as a datetime\.date"):
            dataset.networks_on(day)  # type: ignore[arg-type]

    def test_day_that_is_no_date(self, dataset: umn.Dataset) -> None:
        """A string that is no ISO date is a ValueError that quotes it."""
        with pytest.raises(ValueError, match="got 'yesterday'"):
            dataset.networks_on("yesterday")

    def test_datetime(self, dataset: umn.Dataset) -> None:
        """A datetime counts as its day."""
        moment = dt.datetime(2022, 2, 15, 12, 30, tzinfo=dt.UTC)
        assert dataset.networks_on(moment) == dataset.networks_on(dt.date(2022, 2, 15))

    def test_networks_of(self, dataset: umn.Dataset) -> None:
        """Every network that lists an agency as a member, by any key of the agency."""
        habitat = dataset.agencies.lookup("un-habitat")
        expected = tuple(n for n in dataset.networks if habitat in n.members)
        assert dataset.networks_of("UN Habitat") == expected
        assert dataset.networks_of(habitat) == expected
        assert dataset.networks.lookup("mozambique") in expected

    def test_networks_of_nobody(self, dataset: umn.Dataset) -> None:
        """A key that names no agency raises NotFoundError."""
        with pytest.raises(umn.NotFoundError):
            dataset.networks_of("nobody at all")


class TestWalkAndRegistry:
    """Dataset.walk and Dataset.registry."""

    def test_walk_reaches_every_kind(self, dataset: umn.Dataset) -> None:
        """The walk holds every record of every kind, and the singletons' parts."""
        walked = [record for _, record in dataset.walk()]
        for kind in KINDS:
            assert all(record in walked for record in dataset.registry(kind))
        assert dataset.executive_committee in walked
        assert dataset.compact.review_forum in walked

    def test_subjects_are_unique(self, dataset: umn.Dataset) -> None:
        """No two records of the walk share the id problems are reported under."""
        subjects = [subject for subject, _ in dataset.walk() if not subject.startswith("a-res")]
        kinds_by_subject: dict[str, int] = {}
        for subject in subjects:
            kinds_by_subject[subject] = kinds_by_subject.get(subject, 0) + 1
        assert [s for s, n in kinds_by_subject.items() if n > 1] == []

    def test_registry_by_name_and_kind(self, dataset: umn.Dataset) -> None:
        """A registry is found by its kind or its plural name."""
        for kind in KINDS:
            assert dataset.registry(kind) is dataset.registry(kind.plural)

    def test_registry_unknown(self, dataset: umn.Dataset) -> None:
        """A name that is no kind's is a KeyError."""
        with pytest.raises(KeyError):
            dataset.registry("compact")


class TestPickle:
    """A dataset pickles with any protocol into an equal dataset."""

    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    def test_any_protocol(self, dataset: umn.Dataset, protocol: int) -> None:
        """Protocols 0 and 1 included."""
        copy = pickle.loads(pickle.dumps(dataset, protocol=protocol))  # noqa: S301 - our own
        assert copy == dataset
        assert copy.networks.lookup("MZ").id == "mozambique"
