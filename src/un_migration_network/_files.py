"""Reading and writing files safely: regular files of a bounded size in, whole files out."""

from __future__ import annotations

import os
import secrets
import shutil
import stat
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from un_migration_network._problems import Code
from un_migration_network.exceptions import DataError, DataProblem

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "Refused",
    "read_document",
    "write_atomic",
    "write_directory",
    "write_text",
    "write_with",
]

#: A document larger than this is refused: the bundled one is a few megabytes.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
_CHUNK = 1024 * 1024


def _refuse(origin: str, message: str, code: Code) -> DataError:
    return DataError([DataProblem("$", message, code)], origin=origin)


def read_document(path: str | os.PathLike[str], /) -> tuple[str, str]:
    """The text of the document at *path*, and the path as messages name it.

    Raises:
        DataError: The path cannot be read, is not a regular file, is too large or is not
            UTF-8 text.
    """
    origin = os.fsdecode(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except ValueError:  # a path with a NUL character in it
        msg = "cannot read the file: the path is not valid"
        raise _refuse(repr(origin), msg, Code.UNREADABLE) from None
    except OSError as error:
        msg = f"cannot read the file: {_reason(error)}"
        raise _refuse(origin, msg, Code.UNREADABLE) from None
    try:
        raw = _read(descriptor, origin)
    finally:
        os.close(descriptor)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = f"the file is not UTF-8 text (byte {error.start} is invalid)"
        raise _refuse(origin, reason, Code.NOT_UTF8) from None
    return text, origin


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _read(descriptor: int, origin: str) -> bytes:
    """The bytes of an open regular file of at most the size limit; anything else is refused."""
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        what = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise _refuse(origin, f"cannot read the document: the path is {what}", Code.NOT_A_FILE)
    too_large = f"the file is larger than {MAX_DOCUMENT_BYTES // 2**20} MiB: not a document"
    if info.st_size > MAX_DOCUMENT_BYTES:
        raise _refuse(origin, too_large, Code.TOO_LARGE)
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
        msg = f"cannot read the file: {_reason(error)}"
        raise _refuse(origin, msg, Code.UNREADABLE) from None
    if size > MAX_DOCUMENT_BYTES:
        raise _refuse(origin, too_large, Code.TOO_LARGE)
    return b"".join(chunks)


def write_atomic(path: Path, text: str, /) -> None:
    """Write *text* to *path* whole or not at all: a temporary file beside it, then a rename.

    Raises:
        OSError: The file cannot be written; no temporary file is left behind.
        ValueError: The path cannot be a file name (it holds a NUL character).
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class Refused(Exception):  # noqa: N818 - what the caller reports, not a failure of ours
    """A path that is not written: it exists and may not be replaced, or cannot be one."""


def _check(path: Path, *, force: bool, directory: bool = False) -> None:
    from un_migration_network.exceptions import quote  # noqa: PLC0415

    if directory:
        if path.exists() and not path.is_dir():
            msg = f"{quote(str(path))} is a file; give a directory"
            raise Refused(msg)
        if path.is_dir() and any(path.iterdir()) and not force:
            msg = f"{quote(str(path))} is not empty; add --force to overwrite what is in it"
            raise Refused(msg)
        return
    if path.is_dir():
        msg = f"{quote(str(path))} is a directory; give a file name"
        raise Refused(msg)
    if path.exists() and not force:
        msg = f"{quote(str(path))} exists; add --force to overwrite it"
        raise Refused(msg)


def write_text(path: Path, text: str, /, *, force: bool) -> None:
    """Write *text* to the file *path*, whole or not at all.

    Raises:
        Refused: *path* is a directory, or exists and *force* is not given.
        OSError: The file cannot be written.
    """
    _check(path, force=force)
    write_atomic(path, text)


def write_with(path: Path, make: Callable[[Path], object], /, *, force: bool) -> None:
    """Let *make* write a new file at a temporary path beside *path*, then put it in place.

    Raises:
        Refused: *path* is a directory, or exists and *force* is not given.
        OSError: The file cannot be written; nothing is left behind.
    """
    _check(path, force=force)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        make(temporary)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_directory(path: Path, files: Mapping[str, str], /, *, force: bool) -> list[Path]:
    """Write *files* (name to text) as the directory *path*: built aside, then swapped in.

    Raises:
        Refused: *path* is a file, or a directory with files in it and *force* is not given.
        OSError: A file cannot be written; the directory is left as it was.
    """
    _check(path, force=force, directory=True)
    aside = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    aside.mkdir(parents=True)
    try:
        for name, text in files.items():
            (aside / name).write_text(text, encoding="utf-8", newline="")
        if path.exists():
            old = path.with_name(f".{path.name}.{secrets.token_hex(6)}.old")
            path.replace(old)
            aside.replace(path)
            shutil.rmtree(old)
        else:
            aside.replace(path)
    except BaseException:
        shutil.rmtree(aside, ignore_errors=True)
        raise
    return [path / name for name in files]
