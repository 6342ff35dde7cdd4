"""Files that are not documents: refused at once, never read whole, every refusal with its code.

`load_dataset(path)` reads a regular file of at most 64 MiB (`_files.read_document`), decodes
it as UTF-8, and parses it strictly (`_documents`): no duplicate keys, no NaN or Infinity.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
from pathlib import Path

import pytest

import un_migration_network as umn
from un_migration_network._files import MAX_DOCUMENT_BYTES, read_document


def _refusal(path: object) -> list[tuple[str, str]]:
    with pytest.raises(umn.DataError) as caught:
        umn.load_dataset(path)  # type: ignore[arg-type]
    return [(problem.code, problem.path) for problem in caught.value.problems]


def _message(path: object) -> str:
    with pytest.raises(umn.DataError) as caught:
        umn.load_dataset(path)  # type: ignore[arg-type]
    return str(caught.value)


def _written(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "data.json"
    path.write_bytes(data)
    return path


class TestFilesThatAreNotDocuments:
    """A path to a device, a FIFO, a directory or a huge file is refused at once, never read."""

    @pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
    def test_device(self, device: str) -> None:
        """A character device is not a regular file: refused before a byte is read."""
        if not Path(device).exists():
            pytest.skip(f"{device} is not on this system")
        assert _refusal(device) == [("not-a-file", "$")]

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this system has no FIFOs")
    def test_fifo_does_not_block(self, tmp_path: Path) -> None:
        """A FIFO with no writer is refused at once instead of waiting for one."""
        fifo = tmp_path / "pipe.json"
        os.mkfifo(fifo)
        result: list[list[tuple[str, str]]] = []

        def load() -> None:
            try:
                umn.load_dataset(fifo)
            except umn.DataError as error:
                result.append([(problem.code, problem.path) for problem in error.problems])

        thread = threading.Thread(target=load, daemon=True)
        thread.start()
        thread.join(timeout=30)
        alive = thread.is_alive()
        if alive:  # unblock the reader, so that the test run can end
            with contextlib.suppress(OSError), open(fifo, "wb"):  # noqa: PTH123
                pass
        assert not alive
        assert result == [[("not-a-file", "$")]]

    def test_directory(self, tmp_path: Path) -> None:
        """A directory is refused as one."""
        assert _message(tmp_path) == (
            f"{tmp_path}: 1 problem in the data\n"
            "  $: cannot read the document: the path is a directory [not-a-file]"
        )

    def test_larger_than_the_limit(self, tmp_path: Path) -> None:
        """A file of more than 64 MiB is refused by its size (a sparse file: nothing written)."""
        path = tmp_path / "huge.json"
        with path.open("wb") as stream:
            stream.truncate(MAX_DOCUMENT_BYTES + 1)
        assert _refusal(path) == [("too-large", "$")]

    def test_at_the_limit_is_read(self, tmp_path: Path) -> None:
        """A file of exactly the limit is read (and, being spaces, is no JSON)."""
        path = _written(tmp_path, b" " * MAX_DOCUMENT_BYTES)
        assert _refusal(path) == [("not-json", "$")]

    def test_the_limit(self) -> None:
        """The limit is 64 MiB, far above the bundled document."""
        assert MAX_DOCUMENT_BYTES == 64 * 1024 * 1024

    def test_read_error(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file that fails while it is read is an unreadable problem, with the reason."""
        path = _written(tmp_path, b"{}")

        def failing(descriptor: int, size: int) -> bytes:  # noqa: ARG001
            raise OSError(5, "Input/output error")

        monkeypatch.setattr(os, "read", failing)
        assert _message(path) == (
            f"{path}: 1 problem in the data\n"
            "  $: cannot read the file: Input/output error [unreadable]"
        )

    def test_read_error_without_a_reason(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An error without its system's words is named by its type."""
        path = _written(tmp_path, b"{}")

        def failing(descriptor: int, size: int) -> bytes:  # noqa: ARG001
            raise BlockingIOError

        monkeypatch.setattr(os, "read", failing)
        assert "cannot read the file: BlockingIOError [unreadable]" in _message(path)

    def test_grows_while_read(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file that is small when opened but grows past the limit while read is refused."""
        path = _written(tmp_path, b"{}")
        monkeypatch.setattr(os, "read", lambda _, size: b" " * size)
        assert _refusal(path) == [("too-large", "$")]


class TestPathsThatCannotBeRead:
    """A path that names nothing readable is refused with the reason."""

    def test_missing(self, tmp_path: Path) -> None:
        """A file that does not exist."""
        path = tmp_path / "nothing.json"
        assert _message(path) == (
            f"{path}: 1 problem in the data\n"
            "  $: cannot read the file: No such file or directory [unreadable]"
        )

    def test_nul_in_the_path(self) -> None:
        """A path with a NUL character in it is no path: its repr names it."""
        assert _message("a\x00b.json") == (
            "'a\\x00b.json': 1 problem in the data\n"
            "  $: cannot read the file: the path is not valid [unreadable]"
        )

    @pytest.mark.skipif(
        sys.platform == "win32" or os.geteuid() == 0, reason="needs a user that permissions bind"
    )
    def test_permission_denied(self, tmp_path: Path) -> None:
        """A file the user may not read."""
        path = _written(tmp_path, b"{}")
        path.chmod(0)
        assert _refusal(path) == [("unreadable", "$")]

    @pytest.mark.parametrize("value", [b"data.json", 5, None, ["data.json"]], ids=repr)
    def test_neither_a_path_nor_a_mapping(self, value: object) -> None:
        """Bytes, numbers, None and lists are neither: a wrong-type problem."""
        assert _message(value) == (
            "1 problem in the data\n"
            f"  $: expected a path or a JSON object, got {type(value).__name__} [wrong-type]"
        )


class TestText:
    """The file is UTF-8 text (a byte-order mark allowed)."""

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A Latin-1 file: the message gives the first invalid byte."""
        path = _written(tmp_path, '{"as_of": "Côte"}'.encode("latin-1"))
        assert _message(path) == (
            f"{path}: 1 problem in the data\n"
            "  $: the file is not UTF-8 text (byte 12 is invalid) [not-utf8]"
        )

    def test_byte_order_mark(self, tmp_path: Path) -> None:
        """A UTF-8 byte-order mark is read past: the text is the document."""
        path = _written(tmp_path, b"\xef\xbb\xbf" + umn.load().to_json().encode())
        assert umn.load_dataset(path) == umn.load()

    def test_read_document(self, tmp_path: Path) -> None:
        """read_document gives the text and the path as messages name it."""
        path = _written(tmp_path, '{"é": 1}'.encode())
        assert read_document(path) == ('{"é": 1}', str(path))


class TestJson:
    """The text is strict JSON: one object, no repeated key, no NaN or Infinity."""

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("", "not valid JSON: Expecting value (line 1, column 1)"),
            ("[", "not valid JSON: Expecting value (line 1, column 2)"),
            ('{"a" 1}', "not valid JSON: Expecting ':' delimiter (line 1, column 6)"),
            ('{"a": 1}\n{"b": 2}', "not valid JSON: Extra data (line 2, column 1)"),
            ('{"a": 1, "a": 2}', "not valid JSON: the key 'a' appears twice in one object"),
            ('{"a": NaN}', "not valid JSON: NaN is not valid JSON"),
            ('{"a": -Infinity}', "not valid JSON: -Infinity is not valid JSON"),
        ],
        ids=["empty", "unclosed", "no-colon", "two-documents", "repeated-key", "nan", "infinity"],
    )
    def test_not_json(self, tmp_path: Path, text: str, message: str) -> None:
        """Each way a text is not JSON is one not-json problem, saying where or why."""
        path = _written(tmp_path, text.encode())
        assert _message(path) == f"{path}: 1 problem in the data\n  $: {message} [not-json]"

    def test_nested_too_deeply(self, tmp_path: Path) -> None:
        """JSON nested deeper than the parser can go is one too-deep problem."""
        path = _written(tmp_path, b"[" * 100_000 + b"]" * 100_000)
        assert _refusal(path) == [("too-deep", "$")]

    @pytest.mark.parametrize("text", ["[]", '"document"', "5", "null"])
    def test_not_an_object(self, tmp_path: Path, text: str) -> None:
        """A JSON value that is not an object is refused as the document."""
        path = _written(tmp_path, text.encode())
        assert _refusal(path) == [("not-object", "$")]

    def test_deep_inside_an_object(self, tmp_path: Path) -> None:
        """A document with one value nested too deeply is refused whole, by the parser."""
        data = '{"as_of": ' + "[" * 50_000 + "]" * 50_000 + "}"
        path = _written(tmp_path, data.encode())
        assert _refusal(path) == [("too-deep", "$")]


class TestDocumentFiles:
    """A document file loads, and its problems name the file."""

    def test_bundled_document(self, tmp_path: Path) -> None:
        """The bundled document written to a file loads into an equal dataset."""
        path = _written(tmp_path, umn.load().to_json().encode())
        assert umn.load_dataset(path) == umn.load()

    def test_str_path(self, tmp_path: Path) -> None:
        """A path given as text loads as a Path does."""
        path = _written(tmp_path, umn.load().to_json().encode())
        assert umn.load_dataset(str(path)) == umn.load()

    def test_problems_name_the_file(self, tmp_path: Path) -> None:
        """A DataError of a file has the file as its origin, first in its message."""
        document = json.loads(umn.load().to_json())
        document["colour"] = "blue"
        path = _written(tmp_path, json.dumps(document).encode())
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(path)
        assert caught.value.origin == str(path)
        assert str(caught.value) == (
            f"{path}: 1 problem in the data\n  $.colour: unknown key 'colour' [unknown-key]"
        )

    def test_duplicate_keys_in_a_file_are_refused(self, tmp_path: Path) -> None:
        """A key written twice in one object would hide one value: the file is refused."""
        text = umn.load().to_json().replace('"as_of": ', '"as_of": "2020-01-01", "as_of": ', 1)
        path = _written(tmp_path, text.encode())
        assert _refusal(path) == [("not-json", "$")]
