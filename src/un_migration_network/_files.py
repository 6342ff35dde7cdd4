"""Reading and writing files safely: regular files of a bounded size in, whole files out."""

from __future__ import annotations

import os
import secrets
import stat
from typing import TYPE_CHECKING

from un_migration_network._problems import Code
from un_migration_network.exceptions import DataError, DataProblem

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["MAX_DOCUMENT_BYTES", "read_document", "write_atomic"]

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
