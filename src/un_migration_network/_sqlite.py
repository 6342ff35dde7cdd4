"""One SQLite file of the whole data, written with the standard library's `sqlite3`.

A table per table of `_tables` (a table per kind, the tables of records inside records, the
long tables), each with its primary key and its foreign keys, and each column's description as
a comment in the schema (``.schema networks`` shows them); a view per kind with readable
columns (a country's name for its code, agencies by their acronyms, lists as text); a
``metadata`` table (the data's as-of date, the library's version, the licence); and, where
the interpreter's SQLite has FTS5, ``name_search``, a full-text index of every name of every
record in every language. Open it with ``PRAGMA foreign_keys = ON`` to have SQLite enforce
the keys as you change it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from un_migration_network._countries import COUNTRIES
from un_migration_network._kinds import KINDS
from un_migration_network._tables import VOTES, Cell, Column, Table, every_name, tables
from un_migration_network._version import __version__

if TYPE_CHECKING:
    from collections.abc import Iterator

    from un_migration_network._dataset import Dataset

__all__ = ["FULL_TEXT_SEARCH", "has_full_text_search", "write_sqlite"]

_TYPES = {
    "string": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "boolean": "INTEGER",
    "date": "TEXT",
    "list": "TEXT",
}
# How a view shows a record that others refer to by key, where its key is not readable.
_LABELS = {COUNTRIES.plural: "name", "agencies": "acronym"}
_SEPARATOR = "; "
# Every statement is built from the tables' own names, quoted, never from data: the data is
# bound as parameters. (ruff's S608 cannot tell, hence its noqa below.)
_SEARCH = "name_search"


def has_full_text_search() -> bool:
    """Whether this interpreter's SQLite has FTS5, the full-text search `write_sqlite` uses.

    >>> isinstance(has_full_text_search(), bool)
    True
    """
    with contextlib.closing(sqlite3.connect(":memory:")) as db:
        options = {row[0] for row in db.execute("PRAGMA compile_options")}
    return "ENABLE_FTS5" in options


#: Whether `write_sqlite` writes the full-text index ``name_search`` by default: where this
#: interpreter's SQLite has FTS5. Where it does not, search the ``names`` table with ``LIKE``.
FULL_TEXT_SEARCH = has_full_text_search()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create(table: Table) -> str:
    """The ``CREATE TABLE`` statement of *table*, each column's description a comment."""
    lines = [
        f"  {_quote(column.name)} {_TYPES[column.type]}{' NOT NULL' if column.is_required else ''},"
        f" -- {column.doc}"
        for column in table.columns
    ]
    constraints = [f"PRIMARY KEY ({', '.join(map(_quote, table.primary))})"]
    constraints += [
        f"FOREIGN KEY ({_quote(column.name)}) REFERENCES {_quote(column.refers[0])} "
        f"({_quote(column.refers[1])})"
        for column in table.columns
        if column.refers is not None and column.type != "list"
    ]
    body = "\n".join([*lines, *(f"  {c}," for c in constraints)])
    return f"CREATE TABLE {_quote(table.name)} ( -- {table.doc}\n{body.rstrip(',')}\n)"


def _indexes(table: Table) -> Iterator[str]:
    """An index on each foreign key that is not the first column of the primary key."""
    for column in table.columns:
        if column.refers is not None and column.type != "list" and column.name != table.primary[0]:
            name = _quote(f"{table.name}_{column.name}")
            yield f"CREATE INDEX {name} ON {_quote(table.name)} ({_quote(column.name)})"


def _value(cell: Cell) -> str | int | float | None:
    """A cell as SQLite stores it: dates as ISO text, lists as JSON arrays, booleans as 0/1."""
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, list):
        return json.dumps(cell, ensure_ascii=False)
    return cell


def _is_bound(column: Column, names: set[str]) -> bool:
    """Whether *column* is a bound of a date span whose text is a column of its own."""
    stem, _, end = column.name.rpartition("_")
    return column.type == "date" and end in ("earliest", "latest") and stem in names


def _readable(column: Column) -> str:
    """The view's expression for one column of the table ``t``."""
    name = f"t.{_quote(column.name)}"
    if column.type == "boolean":
        return f"CASE {name} WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END"
    target = column.refers
    label = None if target is None else _LABELS.get(target[0])
    if column.type == "list":
        item = "j.value"
        source = f"json_each({name}) AS j"
        if target is not None and label is not None:
            item = f"r.{_quote(label)}"
            source += f" JOIN {_quote(target[0])} AS r ON r.{_quote(target[1])} = j.value"
        ordered = f"SELECT {item} AS item FROM {source} ORDER BY j.key"  # noqa: S608
        return f"(SELECT group_concat(item, '{_SEPARATOR}') FROM ({ordered}))"  # noqa: S608
    if target is not None and label is not None:
        table, key = _quote(target[0]), _quote(target[1])
        return f"(SELECT r.{_quote(label)} FROM {table} AS r WHERE r.{key} = {name})"  # noqa: S608
    return name


# What a country's view adds: its network, whether it is a Champion, how it voted.
_COUNTRY_FACTS = (
    (
        '(SELECT n."name" FROM "networks" AS n WHERE n."country" = t."alpha2" '
        'AND n."level" = \'country\' ORDER BY n."id" LIMIT 1) AS "network"'
    ),
    (
        'CASE WHEN EXISTS (SELECT 1 FROM "champions" AS c WHERE c."country" = t."alpha2") '
        "THEN 'yes' ELSE 'no' END AS \"champion\""
    ),
    (
        '(SELECT v."vote" FROM "votes" AS v WHERE v."alpha2" = t."alpha2" '
        'ORDER BY v."vote" LIMIT 1) AS "gcm_vote"'
    ),
)


def _view(table: Table) -> str:
    """A view of a kind's table with readable columns: ``networks_view``."""
    names = {column.name for column in table.columns}
    shown = [
        f"{_readable(column)} AS {_quote(column.name)}"
        for column in table.columns
        if not _is_bound(column, names)
    ]
    if table.name == COUNTRIES.plural:
        shown += _COUNTRY_FACTS
    columns = ",\n  ".join(shown)
    return (
        f"CREATE VIEW {_quote(table.name + '_view')} AS SELECT\n  {columns}\n"
        f"FROM {_quote(table.name)} AS t"
    )


def _metadata(dataset: Dataset, full_text: bool) -> list[tuple[str, str]]:  # noqa: FBT001
    return [
        ("title", "The UN Network on Migration and the Global Compact for Migration"),
        ("as_of", dataset.as_of.isoformat()),
        ("version", f"un-migration-network {__version__}"),
        ("licence", "MIT"),
        ("votes", ", ".join(VOTES)),
        ("full_text_search", "yes (name_search, FTS5)" if full_text else "no"),
    ]


def _fill(db: sqlite3.Connection, dataset: Dataset, full_text: bool) -> None:  # noqa: FBT001
    found = tables(dataset)
    db.execute("BEGIN")
    for table in found:
        db.execute(_create(table))
        for statement in _indexes(table):
            db.execute(statement)
        marks = ", ".join("?" * len(table.columns))
        db.executemany(
            f"INSERT INTO {_quote(table.name)} VALUES ({marks})",  # noqa: S608
            ([_value(cell) for cell in row] for row in table.rows),
        )
    kinds = {kind.plural for kind in KINDS}
    for table in found:
        if table.name in kinds:
            db.execute(_view(table))
    db.execute(
        'CREATE TABLE "metadata" ( -- What the file holds, and from which release.\n'
        '  "key" TEXT NOT NULL PRIMARY KEY,\n  "value" TEXT NOT NULL\n)'
    )
    db.executemany('INSERT INTO "metadata" VALUES (?, ?)', _metadata(dataset, full_text))
    if full_text:
        # Diacritics folded ("Cote" finds "Côte"); a name in a script without spaces (Chinese)
        # is one token, found whole.
        db.execute(
            f"CREATE VIRTUAL TABLE {_SEARCH} USING fts5(text, kind UNINDEXED, "
            "record UNINDEXED, field UNINDEXED, lang UNINDEXED, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        db.executemany(
            f"INSERT INTO {_SEARCH} (kind, record, field, lang, text) VALUES (?, ?, ?, ?, ?)",  # noqa: S608
            every_name(dataset),
        )
    db.execute("COMMIT")


def write_sqlite(
    dataset: Dataset, path: str | os.PathLike[str], /, *, full_text: bool = FULL_TEXT_SEARCH
) -> None:
    """Write *dataset* as one SQLite file at *path*, which must not exist yet.

    A table per kind and per long table, with primary and foreign keys (which hold: ``PRAGMA
    foreign_key_check`` finds nothing); a view per kind with readable columns
    (``networks_view``, ``countries_view`` with each country's network, Champion and vote); a
    ``metadata`` table; and with *full_text* (the default where this interpreter's SQLite has
    FTS5: see `FULL_TEXT_SEARCH`), the full-text index ``name_search`` of every name of every
    record in every language. Nothing else is written: no journal beside it, and on a
    failure, not the file either.

    Raises:
        FileExistsError: *path* exists.
        OSError: The file cannot be made.
        sqlite3.Error: SQLite cannot write it (the records of *dataset* refer to a record it
            does not hold; *full_text* where SQLite has no FTS5).

    >>> import contextlib, sqlite3, tempfile, pathlib, un_migration_network as umn
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "umn.sqlite"
    >>> write_sqlite(umn.load(), path)
    >>> with contextlib.closing(sqlite3.connect(path)) as db:
    ...     db.execute("SELECT name FROM networks WHERE id = 'global'").fetchone()
    ('United Nations Network on Migration',)
    """
    # Made here, exclusively, so that an existing file is never overwritten.
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as db:
            db.execute("PRAGMA foreign_keys = ON")
            # The rollback journal stays in memory: nothing but the file itself is written.
            db.execute("PRAGMA journal_mode = MEMORY")
            _fill(db, dataset, full_text)
    except BaseException:
        Path(path).unlink()
        raise


def sqlite_bytes(dataset: Dataset, /) -> bytes:
    """The SQLite file of *dataset*, as bytes (written in a temporary folder, then read).

    The command line writes these bytes where it is told, as it writes every export: into a
    device or a pipe, through a link, or exclusively (see `_files`).
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "un-migration-network.sqlite"
        write_sqlite(dataset, path)
        return path.read_bytes()
