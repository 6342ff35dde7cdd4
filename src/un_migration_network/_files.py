"""Safe reading and writing of files: a document read whole or refused, output written whole.

`read_document` reads a regular file of at most 64 MiB; a directory, a device or a FIFO is
refused before a byte is read. `write_file` and `write_directory` never leave half a file or a
mixed directory behind, and never rename over what is not a regular file:

- a new name is created exclusively: of two writers, one wins and the other finds it taken;
- a regular file is replaced only when asked, by a rename of a whole temporary file;
- a symbolic link is followed, and stays a link: its target is what is written;
- a character device, a FIFO or an open descriptor (``/dev/stdout``) is written into;
- a directory of files (a data package) is built aside, then moved in as a whole.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import stat
from collections.abc import Sequence
from pathlib import Path

from un_migration_network.exceptions import DataError, DataProblem, quote

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "NotWritableError",
    "read_document",
    "write_directory",
    "write_file",
]

#: A document larger than this is refused: the bundled one is well under a megabyte.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
_CHUNK = 1024 * 1024
# How many symbolic links the kernel follows in one path (Linux's MAXSYMLINKS).
_MAX_LINKS = 40
# The directories whose entries are a process's open descriptors: /dev/stdout leads to one.
_DESCRIPTORS = re.compile(r"/proc/[^/]+(?:/task/[^/]+)?/fd|/dev/fd")
# What os.link says where a file system has no hard links (FAT, some network and FUSE ones).
_NO_HARD_LINKS = frozenset(
    {errno.EPERM, errno.EACCES, errno.EMLINK, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}
)


class NotWritableError(OSError):
    """A path of a kind that is never written: a directory given for a file, a block device.

    Attributes:
        what: What the path is, as a noun phrase ("a directory", "a block device").
    """

    def __init__(self, path: str, what: str) -> None:
        super().__init__(errno.EINVAL, f"the path is {what}", path)
        self.what = what

    def __reduce__(self) -> tuple[object, ...]:
        return (NotWritableError, (self.filename, self.what))


# --- reading --------------------------------------------------------------------------------


def read_document(path: str | os.PathLike[str], /) -> tuple[str, str]:
    """The text of the UTF-8 document at *path*, and its origin (the path, for messages).

    Raises:
        DataError: The path cannot be opened (``unreadable``), is not a regular file
            (``not-a-file``), is larger than `MAX_DOCUMENT_BYTES` (``too-large``) or is not
            UTF-8 (``not-utf8``); the one problem's path is ``$``.
    """
    origin = os.fsdecode(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except ValueError:  # a path with a NUL character in it
        msg = "cannot read the file: the path is not valid"
        raise _refused(repr(origin), msg, "UNREADABLE") from None
    except OSError as error:
        raise _refused(origin, f"cannot read the file: {_reason(error)}", "UNREADABLE") from None
    try:
        raw = _read_regular(descriptor, origin)
    finally:
        os.close(descriptor)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = f"the file is not UTF-8 text (byte {error.start} is invalid)"
        raise _refused(origin, reason, "NOT_UTF8") from None
    return text, origin


def _read_regular(descriptor: int, origin: str) -> bytes:
    """The bytes of an open regular file of at most the size limit; anything else is refused."""
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        what = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise _refused(origin, f"cannot read the document: the path is {what}", "NOT_A_FILE")
    too_large = f"the file is larger than {MAX_DOCUMENT_BYTES // 2**20} MiB: not a document"
    if info.st_size > MAX_DOCUMENT_BYTES:
        raise _refused(origin, too_large, "TOO_LARGE")
    chunks: list[bytes] = []
    size = 0
    try:
        # One byte past the limit tells a file that grew while it was read.
        while size <= MAX_DOCUMENT_BYTES:
            chunk = os.read(descriptor, min(_CHUNK, MAX_DOCUMENT_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise _refused(origin, f"cannot read the file: {_reason(error)}", "UNREADABLE") from None
    if size > MAX_DOCUMENT_BYTES:
        raise _refused(origin, too_large, "TOO_LARGE")
    return b"".join(chunks)


def _refused(origin: str, message: str, code: str) -> DataError:
    """A document refused as a whole (path ``$``); *code* is the name of a `Code` member."""
    from un_migration_network._problems import Code  # noqa: PLC0415 - on a fault only

    return DataError([DataProblem("$", message, Code[code])], origin=origin)


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


# --- writing one file -----------------------------------------------------------------------


def write_file(path: str | os.PathLike[str], data: bytes, /, *, force: bool = False) -> None:
    """Write *data* to *path* whole, and never rename over anything but a regular file.

    - A name that does not exist is created exclusively: a whole temporary file beside it is
      linked to the name, which fails if another writer took it first.
    - A regular file is replaced (the temporary file renamed over it) only with *force*.
    - A symbolic link is followed: these rules apply to its target, and the link stays.
    - A character device, a FIFO, or an open descriptor such as ``/dev/stdout`` is written
      into, as a shell's ``>>`` would (a FIFO waits for its reader).
    - A directory, a block device or a socket is refused.

    A new file gets the mode a new file gets (0666 less the umask), whether or not one existed.

    Raises:
        FileExistsError: A regular file is there and *force* is false.
        NotWritableError: The path is a directory, a block device or a socket.
        OSError: The file cannot be written; the error's ``filename`` is *path*, and no
            temporary file is left behind.
        ValueError: The path cannot be a file name (it holds a NUL character, or cannot be
            encoded).
    """
    name = os.fspath(path)
    info = _stat(name)
    if info is not None:
        mode = info.st_mode
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or _is_descriptor(Path(name)):
            _write_into(name, data)
            return
        if not stat.S_ISREG(mode):
            raise NotWritableError(name, _kind(mode))
        if not force:
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), name)
    # Through any symbolic links: the target is replaced, the links stay.
    target = Path(name).resolve()
    temporary = _aside(target, "tmp")
    try:
        _create(temporary, data)
        if force:
            temporary.replace(target)
        else:
            _link(temporary, target, data)
    except OSError as error:
        _name(error, name)
        raise
    finally:
        temporary.unlink(missing_ok=True)


def _stat(name: str) -> os.stat_result | None:
    """What *name* is, through symbolic links; None where nothing is (a new name)."""
    try:
        return Path(name).stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        _name(error, name)
        raise


def _is_descriptor(path: Path) -> bool:
    """Whether *path*, or a link on its way, is an open descriptor: /dev/stdout, /dev/fd/1.

    Such a path is written into, whatever it leads to: ``-o /dev/stdout > out.csv`` writes to
    the descriptor the shell opened, not over the file.
    """
    for _ in range(_MAX_LINKS):
        if _DESCRIPTORS.fullmatch(str(path.absolute().parent.resolve())):
            return True
        try:
            target = path.readlink()
        except OSError:  # not a link
            return False
        path = path.parent / target
    return False


def _name(error: OSError, name: str) -> None:
    """Let *error* name *name* (the path given, or a file of it), not a temporary name."""
    if error.errno is not None:  # an error without a number prints its text alone: keep it so
        error.filename = name


def _kind(mode: int) -> str:
    """What a file of *mode* is, as a noun phrase."""
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISREG, "a file"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
    )
    return next((what for test, what in kinds if test(mode)), "not a regular file")


def _write_into(name: str, data: bytes) -> None:
    """Write *data* into a device, a FIFO or a descriptor that is there: no rename."""
    # O_APPEND: a descriptor that is a file keeps what is in it (as `>>` does); no O_CREAT:
    # the thing is there, or the write fails.
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(name, flags)
        try:
            _write_all(descriptor, data)
        finally:
            os.close(descriptor)
    except OSError as error:
        _name(error, name)
        raise


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _aside(target: Path, suffix: str) -> Path:
    """A name beside *target* that no one uses: ``.name.1f2e3d4c5b6a.tmp``."""
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}.{suffix}")


def _create(path: Path, data: bytes) -> None:
    """Create the file *path*, which must not exist, with *data*; on a failure, remove it."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        try:
            _write_all(descriptor, data)
        finally:
            os.close(descriptor)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _link(temporary: Path, target: Path, data: bytes) -> None:
    """Give the whole file at *temporary* the name *target*, which must not exist yet."""
    try:
        target.hardlink_to(temporary)
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        # No hard links here: create the name exclusively and write it again. Still one
        # writer wins; a reader may see the file while it is written, and a failure removes it.
        _create(target, data)


# --- writing a directory of files -----------------------------------------------------------


def write_directory(
    path: str | os.PathLike[str], files: Sequence[tuple[str, bytes]], /, *, force: bool = False
) -> None:
    """Write *files* (name and content) as the directory *path*: all of them, or none.

    The files are written into a new directory beside *path* first; a failure there leaves
    *path* as it was, and the error's ``filename`` names the file that failed. Then a new
    directory is renamed into place; an existing one has its files moved out and the new ones
    moved in (renames only, each undone if one fails), so the directory itself, its mode and
    a shell's working directory in it stay. A symbolic link is followed, and stays a link.

    An existing directory must be empty, or, with *force*, hold only regular files whose
    suffixes are among those of *files* (an earlier package: its tables that the new one no
    longer has go too). Anything else is never touched.

    Raises:
        FileExistsError: The directory is not empty and *force* is false.
        NotWritableError: The path is not a directory, or holds something else.
        OSError: A file cannot be written (its ``filename`` names it), or the directory
            cannot be made.
        ValueError: The path cannot be a file name.
    """
    name = os.fspath(path)
    entries = _entries(name, {Path(file).suffix for file, _ in files}, force=force)
    target = Path(name).resolve()
    staging = _aside(target, "tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
    except OSError as error:
        _name(error, name)
        raise
    try:
        for file, data in files:
            try:
                _create(staging / file, data)
            except OSError as error:
                _name(error, str(Path(name) / file))
                raise
        if entries is None:
            _move_new(staging, target, name)
        else:
            _move_into(staging, target, entries, [file for file, _ in files], name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _entries(name: str, suffixes: set[str], *, force: bool) -> list[str] | None:
    """The names in the directory *name* (None if there is none), once checked replaceable."""
    info = _stat(name)
    if info is None:
        return None
    if not stat.S_ISDIR(info.st_mode):
        raise NotWritableError(name, _kind(info.st_mode))
    directory = Path(name)
    try:
        entries = sorted(entry.name for entry in directory.iterdir())
        if entries and not force:
            raise FileExistsError(errno.ENOTEMPTY, os.strerror(errno.ENOTEMPTY), name)
        for entry in entries:
            mode = (directory / entry).lstat().st_mode
            if not stat.S_ISREG(mode) or Path(entry).suffix not in suffixes:
                raise NotWritableError(name, f"a directory that holds other files ({quote(entry)})")
    except OSError as error:
        _name(error, error.filename or name)
        raise
    return entries


def _move_new(staging: Path, target: Path, name: str) -> None:
    """Rename the written directory into place, where there was none when it was begun."""
    try:
        staging.rename(target)  # onto nothing, or (POSIX) onto an empty directory
    except OSError as error:
        if error.errno in {errno.EEXIST, errno.ENOTEMPTY}:  # another writer filled it first
            raise FileExistsError(errno.ENOTEMPTY, os.strerror(errno.ENOTEMPTY), name) from None
        _name(error, name)
        raise


def _move_into(
    staging: Path, target: Path, entries: list[str], files: list[str], name: str
) -> None:
    """Move the old *entries* of *target* aside and the new *files* in; undo it all on a failure."""
    old = _aside(target, "old")
    moved_out: list[str] = []
    moved_in: list[str] = []
    try:
        old.mkdir()
        for entry in entries:
            (target / entry).rename(old / entry)
            moved_out.append(entry)
        for file in files:
            (staging / file).rename(target / file)
            moved_in.append(file)
    except BaseException as error:
        for file in moved_in:
            with contextlib.suppress(OSError):
                (target / file).unlink()
        for entry in moved_out:
            (old / entry).rename(target / entry)
        with contextlib.suppress(OSError):
            old.rmdir()
        if isinstance(error, OSError):
            _name(error, name)
        raise
    shutil.rmtree(old, ignore_errors=True)
