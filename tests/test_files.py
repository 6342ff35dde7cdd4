"""Issue #21, faults 6-8: output never replaces a special file, never races, never half-writes.

`export -o PATH` writes into a device, a FIFO or ``/dev/stdout``, through a symbolic link, and
refuses what it cannot write in one line; of two writers of a new name, one wins; a data package
is built aside and moved in, so a failure leaves the old one whole and names the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import un_migration_network as umn
from test_cli import Result, run
from un_migration_network import _files
from un_migration_network.cli import main
from un_migration_network.exceptions import quote

PROG = "un-migration-network"
CSV = ("export", "--format", "csv", "networks")
PACKAGE = ("export", "--format", "datapackage", "--output")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
# Long enough for a loaded machine; a test that waits this long has failed.
PATIENCE = 60


def exported(capsys: pytest.CaptureFixture[str]) -> str:
    """The networks as CSV, as ``export`` prints them on standard output."""
    return run(capsys, *CSV).out


def identity(path: Path) -> tuple[int, int, int, int]:
    """What a path is, without following it: device, inode, file type and device number."""
    info = path.lstat()
    return info.st_dev, info.st_ino, stat.S_IFMT(info.st_mode), info.st_rdev


def snapshot(directory: Path) -> dict[str, bytes]:
    """The files of a directory and their contents."""
    return {path.name: path.read_bytes() for path in directory.iterdir()}


def package_env() -> dict[str, str]:
    """The environment for a child Python that imports this same copy of the package."""
    root = str(Path(umn.__file__).parents[1])
    existing = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": root + (os.pathsep + existing if existing else "")}


def child(args: list[str], stdout: Any) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m un_migration_network ARGS`` with *stdout* as its standard output."""
    return subprocess.run(  # noqa: S603 - this interpreter, the tests' arguments
        [sys.executable, "-m", "un_migration_network", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=package_env(),
        check=False,
        timeout=PATIENCE,
    )


@contextlib.contextmanager
def reader(fifo: Path) -> Iterator[list[bytes]]:
    """A thread that reads *fifo* to its end; the list holds what it read once it is done."""
    read: list[bytes] = []

    def take() -> None:
        with fifo.open("rb") as stream:
            read.append(stream.read())

    thread = threading.Thread(target=take, daemon=True)
    thread.start()
    try:
        yield read
    finally:
        thread.join(timeout=PATIENCE)
        if thread.is_alive() and stat.S_ISFIFO(fifo.lstat().st_mode):
            # Nothing was written into the FIFO: a writer that opens and closes it ends the read.
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            thread.join(timeout=PATIENCE)


def make_node(path: Path, kind: int, device: int) -> None:
    """Make a device node (as root), or skip the test where the system does not allow it."""
    if not IS_ROOT or not hasattr(os, "mknod"):
        pytest.skip("device nodes are made by root only")
    try:
        os.mknod(path, kind | 0o600, device)
    except PermissionError:
        pytest.skip("this system does not let root make device nodes here")


class TestSpecialFiles:
    """``export -o PATH``: a device, a FIFO or a descriptor is written into, never renamed over."""

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this system has no FIFOs")
    @pytest.mark.parametrize("force", [(), ("--force",)], ids=["new", "force"])
    def test_fifo(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, force: tuple[str, ...]
    ) -> None:
        """A FIFO's reader gets the whole export, and the FIFO stays a FIFO."""
        expected = exported(capsys)
        fifo = tmp_path / "pipe.csv"
        os.mkfifo(fifo)
        before = identity(fifo)
        with reader(fifo) as read:
            result = run(capsys, *CSV, "--output", str(fifo), *force)
        assert result == Result(0, "", "")
        assert read == [expected.encode("utf-8")]
        assert identity(fifo) == before

    def test_character_device(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """As root, ``--force`` writes into a null device and leaves the node as it was."""
        node = tmp_path / "null"
        make_node(node, stat.S_IFCHR, Path(os.devnull).stat().st_rdev)
        before = identity(node)
        result = run(capsys, *CSV, "--output", str(node), "--force")
        assert result == Result(0, "", "")
        assert identity(node) == before

    @pytest.mark.skipif(IS_ROOT, reason="as root, main's code would replace the system's node")
    def test_dev_null(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``-o /dev/null --force`` writes into the null device, which stays as it was."""
        null = Path(os.devnull)
        if not null.is_char_device():
            pytest.skip("the null device is no character device here")
        before = identity(null)
        assert run(capsys, *CSV, "--output", os.devnull, "--force") == Result(0, "", "")
        assert identity(null) == before

    def test_device_that_fails(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A device whose writes fail (/dev/full, without --force) is one line with the reason."""
        full = Path("/dev/full")
        if not full.is_char_device():
            pytest.skip("no /dev/full on this system")
        before = identity(full)
        result = run(capsys, *CSV, "--output", str(full))
        assert result == Result(
            1, "", f"{PROG}: cannot write '/dev/full': No space left on device\n"
        )
        assert identity(full) == before

    def test_block_device(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A block device is refused in one line, even with --force, and stays as it was."""
        node = tmp_path / "disk"
        make_node(node, stat.S_IFBLK, os.makedev(7, 0))
        before = identity(node)
        result = run(capsys, *CSV, "--output", str(node), "--force")
        assert result == Result(
            1, "", f"{PROG}: {quote(str(node))} is a block device; give another path\n"
        )
        assert identity(node) == before

    @pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
    def test_socket(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A socket is refused in one line, even with --force, and stays as it was."""
        path = tmp_path / "sock"
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))
            before = identity(path)
            result = run(capsys, *CSV, "--output", str(path), "--force")
        assert result == Result(
            1, "", f"{PROG}: {quote(str(path))} is a socket; give another path\n"
        )
        assert identity(path) == before

    @pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout here")
    def test_dev_stdout_in_process(self, capfd: pytest.CaptureFixture[str]) -> None:
        """``-o /dev/stdout`` writes into this process's descriptor 1 (a file, under pytest)."""
        main(list(CSV))
        expected = capfd.readouterr().out
        code = main([*CSV, "--output", "/dev/stdout"])
        assert (code, capfd.readouterr().out) == (0, expected)

    @pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout here")
    def test_dev_stdout_pipe(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``-o /dev/stdout`` into a pipe: the export, exit 0, nothing on stderr."""
        expected = exported(capsys).encode("utf-8")
        completed = child([*CSV, "--output", "/dev/stdout"], subprocess.PIPE)
        assert (completed.returncode, completed.stdout, completed.stderr) == (0, expected, b"")

    @pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout here")
    def test_dev_stdout_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """``-o /dev/stdout > FILE`` appends to what the shell opened: no "exists", no rename."""
        expected = exported(capsys).encode("utf-8")
        path = tmp_path / "out.csv"
        path.write_bytes(b"before\n")
        before = identity(path)
        with path.open("ab") as stdout:
            completed = child([*CSV, "--output", "/dev/stdout"], stdout)
        assert (completed.returncode, completed.stderr) == (0, b"")
        assert path.read_bytes() == b"before\n" + expected
        assert identity(path) == before


class TestSymbolicLinks:
    """``export -o LINK``: the link is followed and stays a link."""

    @pytest.mark.parametrize("force", [(), ("--force",)], ids=["new", "force"])
    def test_link_to_a_new_name(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, force: tuple[str, ...]
    ) -> None:
        """A link to a name not yet taken: the target is created, the link stays."""
        expected = exported(capsys)
        link, target = tmp_path / "link.csv", tmp_path / "target.csv"
        link.symlink_to(target.name)
        assert run(capsys, *CSV, "--output", str(link), *force) == Result(0, "", "")
        assert link.readlink() == Path(target.name)
        assert target.read_bytes().decode("utf-8") == expected

    def test_link_to_a_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """``--force`` through a link to a file replaces the file; the link stays."""
        expected = exported(capsys)
        link, target = tmp_path / "link.csv", tmp_path / "target.csv"
        target.write_text("mine\n", encoding="utf-8")
        link.symlink_to(target.name)
        assert run(capsys, *CSV, "--output", str(link), "--force") == Result(0, "", "")
        assert link.readlink() == Path(target.name)
        assert target.read_bytes().decode("utf-8") == expected


class TestExclusiveWriters:
    """Two commands that create one new name at once: one wins, the other says it exists."""

    @staticmethod
    def _race(
        monkeypatch: pytest.MonkeyPatch, calls: tuple[str, ...], args: list[str]
    ) -> list[int]:
        """Run ``main(args)`` in two threads that meet before any of the os *calls*."""
        barrier = threading.Barrier(2, timeout=PATIENCE)

        def meeting(real: Callable[..., Any]) -> Callable[..., Any]:
            def call(*given: Any, **named: Any) -> Any:
                with contextlib.suppress(threading.BrokenBarrierError):
                    barrier.wait()
                return real(*given, **named)

            return call

        for name in calls:
            monkeypatch.setattr(os, name, meeting(getattr(os, name)))
        codes: list[int] = []
        threads = [threading.Thread(target=lambda: codes.append(main(args))) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=PATIENCE)
        return sorted(codes)

    def test_one_file_wins(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Both pass the moment a name is checked; only one takes it, whole."""
        expected = run(capsys, "export").out
        path = tmp_path / "data.json"
        codes = self._race(monkeypatch, ("link", "replace"), ["export", "--output", str(path)])
        assert codes == [0, 1]
        assert capsys.readouterr().err == (
            f"{PROG}: {quote(str(path))} exists; add --force to overwrite it\n"
        )
        assert path.read_bytes().decode("utf-8") == expected
        assert [p.name for p in tmp_path.iterdir()] == ["data.json"]

    def test_one_package_wins(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Two packages into one new directory: one is moved in, the other is refused."""
        target = tmp_path / "package"
        codes = self._race(monkeypatch, ("rename", "replace"), [*PACKAGE, str(target)])
        assert codes == [0, 1]
        assert capsys.readouterr().err == (
            f"{PROG}: {quote(str(target))} exists; add --force to overwrite it\n"
        )
        assert [p.name for p in tmp_path.iterdir()] == ["package"]


class TestDataPackage:
    """``export --format datapackage -o DIR --force``: the new package whole, or the old one."""

    @pytest.fixture
    def old(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
        """A package written earlier, with a table of its own, in a directory of its own."""
        target = tmp_path / "package"
        assert run(capsys, *PACKAGE, str(target)).code == 0
        (target / "networks.csv").write_text("old\n", encoding="utf-8")
        (target / "old_table.csv").write_text("old\n", encoding="utf-8")
        return target

    @staticmethod
    def _failing_open(
        monkeypatch: pytest.MonkeyPatch, name: str, error: BaseException
    ) -> list[str]:
        """Make os.open fail with *error* for the file *name* (or a temporary name of it)."""
        real = os.open
        created: list[str] = []

        def open_(path: Any, flags: int, mode: int = 0o777, **named: Any) -> int:
            base = Path(path).name
            if flags & os.O_CREAT and (base == name or base.startswith(f".{name}.")):
                created.append(base)
                raise error
            return real(path, flags, mode, **named)

        monkeypatch.setattr(os, "open", open_)
        return created

    def test_failure_keeps_the_old(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], old: Path
    ) -> None:
        """A file that fails midway: the old package is as it was, and the line names the file."""
        before = snapshot(old)
        full = OSError(errno.ENOSPC, "No space left on device")
        created = self._failing_open(monkeypatch, "networks.csv", full)
        result = run(capsys, *PACKAGE, str(old), "--force")
        assert created == ["networks.csv"]
        assert result == Result(
            1,
            "",
            f"{PROG}: cannot write {quote(str(old / 'networks.csv'))}: No space left on device\n",
        )
        assert snapshot(old) == before
        assert [p.name for p in old.parent.iterdir()] == ["package"]

    def test_interrupt_keeps_the_old(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], old: Path
    ) -> None:
        """Ctrl-C midway: exit 130, one line, the old package as it was, nothing beside it."""
        before = snapshot(old)
        self._failing_open(monkeypatch, "networks.csv", KeyboardInterrupt())
        try:
            result = run(capsys, *PACKAGE, str(old), "--force")
        except KeyboardInterrupt:  # not out of main(): pytest would stop the whole run
            pytest.fail("the interrupt went out of main()")
        assert result == Result(130, "", f"{PROG}: interrupted\n")
        assert snapshot(old) == before
        assert [p.name for p in old.parent.iterdir()] == ["package"]

    @pytest.mark.parametrize(
        "error",
        [OSError(errno.EIO, "Input/output error"), KeyboardInterrupt()],
        ids=["os-error", "interrupt"],
    )
    def test_failed_move_is_undone(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        old: Path,
        error: BaseException,
    ) -> None:
        """A move into the directory that fails halfway is undone: the old package stays."""
        before = snapshot(old)
        real = os.rename
        moved: list[str] = []

        def rename(source: Any, destination: Any, **named: Any) -> None:
            if Path(destination).parent == old.resolve():
                moved.append(Path(destination).name)
                if len(moved) == 3:
                    raise error
            real(source, destination, **named)

        monkeypatch.setattr(os, "rename", rename)
        try:
            result = run(capsys, *PACKAGE, str(old), "--force")
        except KeyboardInterrupt:  # not out of main(): pytest would stop the whole run
            pytest.fail("the interrupt went out of main()")
        assert result.code == (1 if isinstance(error, OSError) else 130)
        assert snapshot(old) == before
        assert [p.name for p in old.parent.iterdir()] == ["package"]

    def test_failed_move_of_a_new_package(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A new package that cannot be moved into place: one line, nothing left behind."""
        target = tmp_path / "package"

        def rename(*_: Any, **__: Any) -> None:
            raise OSError(errno.EIO, "Input/output error")

        monkeypatch.setattr(os, "rename", rename)
        result = run(capsys, *PACKAGE, str(target))
        assert result == Result(
            1, "", f"{PROG}: cannot write {quote(str(target))}: Input/output error\n"
        )
        assert list(tmp_path.iterdir()) == []

    def test_directory_not_made(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A directory that cannot be made: one line naming it."""
        target = tmp_path / "package"

        def mkdir(*_: Any, **__: Any) -> None:
            raise OSError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(os, "mkdir", mkdir)
        result = run(capsys, *PACKAGE, str(target))
        assert result == Result(
            1, "", f"{PROG}: cannot write {quote(str(target))}: Permission denied\n"
        )

    def test_other_files_refused(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A directory that holds files of its own is never replaced, even with --force."""
        (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
        (tmp_path / "table.csv").write_text("mine", encoding="utf-8")
        result = run(capsys, *PACKAGE, str(tmp_path), "--force")
        assert result == Result(
            1,
            "",
            f"{PROG}: {quote(str(tmp_path))} is a directory that holds other files "
            "('notes.txt'); give another path\n",
        )
        assert sorted(snapshot(tmp_path)) == ["notes.txt", "table.csv"]

    def test_link_to_a_package(self, capsys: pytest.CaptureFixture[str], old: Path) -> None:
        """``--force`` through a link to a package: the package is new, the link stays."""
        link = old.parent / "link"
        link.symlink_to(old.name)
        assert run(capsys, *PACKAGE, str(link), "--force").code == 0
        assert link.readlink() == Path(old.name)
        assert "old_table.csv" not in snapshot(old)


class TestWriteFile:
    """`_files.write_file` where the system has no hard links, and its helpers' edge cases."""

    def test_no_hard_links(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """Without hard links, a new name is created by an exclusive open, whole."""

        def link(*_: Any, **__: Any) -> None:
            raise OSError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "link", link)
        path = tmp_path / "data.csv"
        _files.write_file(path, b"first\n")
        assert path.read_bytes() == b"first\n"
        assert [p.name for p in tmp_path.iterdir()] == ["data.csv"]

    def test_no_hard_links_race(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """Without hard links, a writer that takes the name first still wins."""
        path = tmp_path / "data.csv"

        def link(*_: Any, **__: Any) -> None:
            path.write_bytes(b"the other writer's\n")
            raise OSError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "link", link)
        with pytest.raises(FileExistsError):
            _files.write_file(path, b"mine\n")
        assert path.read_bytes() == b"the other writer's\n"
        assert [p.name for p in tmp_path.iterdir()] == ["data.csv"]

    @pytest.mark.parametrize(
        "error",
        [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
        ids=["disk-full", "interrupt"],
    )
    def test_write_that_fails_midway(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, error: BaseException
    ) -> None:
        """Half the bytes written, then a failure: it propagates, and no file is left."""
        real = os.write
        calls: list[int] = []

        def write(descriptor: int, data: Any) -> int:
            calls.append(descriptor)
            if len(calls) > 1:
                raise error
            return real(descriptor, bytes(data)[:4])

        monkeypatch.setattr(os, "write", write)
        path = tmp_path / "data.csv"
        with pytest.raises(type(error)) as caught:
            _files.write_file(path, b"first,second\n")
        assert len(calls) == 2
        assert getattr(caught.value, "filename", str(path)) == str(path)
        assert list(tmp_path.iterdir()) == []

    def test_link_loop_is_no_descriptor(self, tmp_path: Path) -> None:
        """A loop of links ends the search for a descriptor: it is none."""
        first, second = tmp_path / "first", tmp_path / "second"
        first.symlink_to(second.name)
        second.symlink_to(first.name)
        assert _files._is_descriptor(first) is False

    def test_kind_of_an_unknown_file(self) -> None:
        """A file type the system names in no other way."""
        assert _files._kind(0) == "not a regular file"

    def test_error_pickles(self) -> None:
        """The refusal keeps its path and what the path is through a pickle."""
        import pickle  # noqa: PLC0415 - this test only

        error = pickle.loads(pickle.dumps(_files.NotWritableError("sock", "a socket")))  # noqa: S301
        assert (error.filename, error.what, error.strerror) == (
            "sock",
            "a socket",
            "the path is a socket",
        )
