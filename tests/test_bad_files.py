"""Issue #10, class 3: files that are not documents are refused at once, never read whole."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import pytest

import un_migration_network as umn
from un_migration_network import _dataset


def _codes(error: umn.DataError) -> list[tuple[str, str]]:
    return [(problem.code, problem.path) for problem in error.problems]


class TestFilesThatAreNotDocuments:
    """A path to a device, a FIFO or a huge file is refused at once, never read."""

    @pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
    def test_device(self, device: str) -> None:
        """A character device is not a regular file: refused before a byte is read."""
        if not Path(device).exists():
            pytest.skip(f"{device} is not on this system")
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(device)
        assert _codes(caught.value) == [("not-a-file", "$")]

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
                result.append(_codes(error))

        thread = threading.Thread(target=load, daemon=True)
        thread.start()
        thread.join(timeout=30)
        alive = thread.is_alive()
        if alive:  # unblock the reader, so that the test run can end
            with contextlib.suppress(OSError), open(fifo, "wb"):  # noqa: PTH123
                pass
        assert not alive
        assert result == [[("not-a-file", "$")]]

    def test_larger_than_the_limit(self, tmp_path: Path) -> None:
        """A file of more than 64 MiB is refused by its size (a sparse file: nothing written)."""
        path = tmp_path / "huge.json"
        with path.open("wb") as stream:
            stream.truncate(_dataset.MAX_DOCUMENT_BYTES + 1)
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(path)
        assert _codes(caught.value) == [("too-large", "$")]

    def test_at_the_limit_is_read(self, tmp_path: Path) -> None:
        """A file of exactly the limit is read (and, being spaces, is no JSON)."""
        path = tmp_path / "big.json"
        path.write_bytes(b" " * _dataset.MAX_DOCUMENT_BYTES)
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(path)
        assert _codes(caught.value) == [("not-json", "$")]

    def test_read_error(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file that fails while it is read is an unreadable problem, with the reason."""
        path = tmp_path / "data.json"
        path.write_text("{}", encoding="utf-8")

        def failing(descriptor: int, size: int) -> bytes:  # noqa: ARG001
            raise OSError(5, "Input/output error")

        monkeypatch.setattr(os, "read", failing)
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(path)
        assert _codes(caught.value) == [("unreadable", "$")]
        assert "Input/output error" in str(caught.value)

    def test_grows_while_read(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file that is small when opened but grows past the limit while read is refused."""
        path = tmp_path / "data.json"
        path.write_text("{}", encoding="utf-8")
        monkeypatch.setattr(_dataset, "MAX_DOCUMENT_BYTES", 4)
        monkeypatch.setattr(os, "read", lambda _, size: b"x" * size)
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(path)
        assert _codes(caught.value) == [("too-large", "$")]
