"""Tests for `un_migration_network._dataset`: loading, caching, round trips, bad input."""

from __future__ import annotations

import contextlib
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
from un_migration_network import _dataset
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
        assert (
            umn.agencies is dataset.agencies,
            umn.networks is dataset.networks,
            umn.objectives is dataset.objectives,
            umn.principles is dataset.principles,
            umn.executive_committee is dataset.executive_committee,
            umn.compact is dataset.compact,
        ) == (True, True, True, True, True, True)

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
        assert (errors, len(results), len({id(result) for result in results})) == ([], 16, 1)
        assert results[0] is umn.load()

    def test_concurrent_user_loads_stay_apart(self, document: dict[str, Any]) -> None:
        """Documents loaded at once in several threads each resolve their own references."""
        documents = []
        for index in range(8):
            mine = json.loads(json.dumps(document))
            mine["agencies"][0]["name"] = f"Agency number {index}"
            documents.append(mine)
        barrier = threading.Barrier(len(documents))
        results: dict[int, str] = {}

        def worker(index: int) -> None:
            barrier.wait()
            loaded = umn.load_dataset(documents[index])
            results[index] = loaded.networks.lookup("global").members[4].name

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(documents))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert document["networks"][0]["members"][4] == document["agencies"][0]["id"]
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
        """The repr shows the data's as-of date and the counts."""
        assert repr(dataset).startswith(f"<Dataset as of {dataset.as_of.isoformat()}: 49 agencies")


class TestRoundTrip:
    """to_json and load_dataset are inverses."""

    def test_mapping(self, dataset: umn.Dataset) -> None:
        """Loading the bundled document gives an equal dataset with the same JSON."""
        text = dataset.to_json()
        mine = umn.load_dataset(json.loads(text))
        assert (mine == dataset, mine is dataset, mine.to_json() == text) == (True, False, True)

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
        assert (text == dataset.to_json(), text.endswith("}\n"), "Türkiye" in text) == (
            True,
            True,
            True,
        )

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
        document["networks"][16]["name"] = "Changed"
        document["agencies"].pop()
        mine = umn.load_dataset(document)
        assert (mine.networks.lookup("mozambique").name, len(mine.agencies)) == ("Changed", 48)
        assert (umn.load() is dataset, mine is not dataset, mine != dataset) == (True, True, True)
        assert (dataset.to_json(), umn.networks.lookup("mozambique").name) == (
            before,
            "United Nations Network on Migration in Mozambique",
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
        assert (_codes(caught.value), caught.value.origin) == ([(code, "$")], str(path))
        assert str(caught.value).startswith(f"{path}: 1 problem in the data\n  $: ")

    def test_missing_file(self, tmp_path: Path) -> None:
        """A path to nothing gives an unreadable problem."""
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(tmp_path / "missing.json")
        assert _codes(caught.value) == [("unreadable", "$")]

    def test_directory(self, tmp_path: Path) -> None:
        """A directory gives an unreadable problem."""
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(tmp_path)
        assert _codes(caught.value) == [("unreadable", "$")]

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
        document["networks"][0]["members"] = _deep_list(_DEPTH)
        document["networks"][1]["launched"] = {"earliest": _deep_list(_DEPTH), "latest": "2020"}
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(document)
        assert _codes(caught.value) == [
            ("wrong-type", "$.networks[0].members[0]"),
            ("bad-date", "$.networks[1].launched.earliest"),
            ("bad-date", "$.networks[1].launched.latest"),
        ]

    def test_huge_integer_in_a_mapping(self, document: dict[str, Any]) -> None:
        """An integer too long to print, in a parsed document, still gives only DataError."""
        document["networks"][16]["country"]["m49"] = 10**5000
        document["objectives"][0]["round_table"] = 10**5000
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
        document["networks"][3]["launched"] = "2022-02-30"
        document["agencies"][0]["colour"] = "blue"
        path = tmp_path / "mine.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(path)
        lines = str(caught.value).splitlines()
        assert lines[0] == f"{path}: 2 problems in the data"
        assert [line.split(":")[0].strip() for line in lines[1:]] == [
            "$.agencies[0]",
            "$.networks[3].launched",
        ]

    def test_types(self) -> None:
        """DataError is a ValueError and the library's base error."""
        error = umn.DataError([DataProblem("$", "bad")])
        assert (isinstance(error, ValueError), isinstance(error, MigrationNetworkError)) == (
            True,
            True,
        )
        assert (str(error), str(error.problems[0])) == (
            "1 problem in the data\n  $: bad [invalid-value]",
            "$: bad [invalid-value]",
        )

    def test_pickles(self) -> None:
        """A DataError survives pickling with its problems, origin and message."""
        error = umn.DataError(
            [DataProblem("$.a", "one", "wrong-type"), DataProblem("$.b", "two")], origin="f.json"
        )
        copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
        assert (type(copy), copy.problems, copy.origin, str(copy), copy.args) == (
            umn.DataError,
            error.problems,
            "f.json",
            str(error),
            error.args,
        )
