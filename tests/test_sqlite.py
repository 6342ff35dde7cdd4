"""The SQLite file: tables with their keys, views, full-text search, and the docs' queries."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import un_migration_network as umn
from un_migration_network._kinds import KINDS
from un_migration_network._sqlite import FULL_TEXT_SEARCH, has_full_text_search, write_sqlite
from un_migration_network._tables import tables

if TYPE_CHECKING:
    from collections.abc import Iterator

EXPORTS_PAGE = Path(__file__).resolve().parent.parent / "docs" / "exports.md"
# A query on the docs page: `>>> query = """` and its `... ` lines, up to the closing quotes.
QUERY = re.compile(r'^>>> query = """\n(?P<body>(?:\.\.\. .*\n)*?)\.\.\. """$', re.MULTILINE)
needs_fts5 = pytest.mark.skipif(
    not FULL_TEXT_SEARCH, reason="this interpreter's SQLite has no FTS5"
)


def documented_queries() -> list[str]:
    """The SQL queries the exports page shows."""
    page = EXPORTS_PAGE.read_text(encoding="utf-8")
    return [
        "\n".join(line.removeprefix("... ") for line in match["body"].splitlines())
        for match in QUERY.finditer(page)
    ]


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data written as one SQLite file."""
    written = tmp_path_factory.mktemp("sqlite") / "umn.sqlite"
    write_sqlite(umn.load(), written)
    return written


@pytest.fixture
def db(path: Path) -> Iterator[sqlite3.Connection]:
    """The file, opened with its foreign keys enforced."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        yield connection


def names(db: sqlite3.Connection, kind: str) -> list[str]:
    """The names of the tables or views (*kind*) of the file, sorted."""
    rows = db.execute("SELECT name FROM sqlite_master WHERE type = ? ORDER BY name", [kind])
    return [str(name) for (name,) in rows]


class TestWriteSqlite:
    """``write_sqlite``: one file, nothing else."""

    def test_it_opens_and_is_whole(self, db: sqlite3.Connection) -> None:
        """SQLite finds nothing wrong with it."""
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]

    def test_the_foreign_keys_hold(self, db: sqlite3.Connection) -> None:
        """``PRAGMA foreign_key_check`` finds no broken key."""
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []

    def test_a_table_per_table(self, db: sqlite3.Connection) -> None:
        """Every table of the exports, and the metadata; the search index where there is FTS5."""
        expected = {table.name for table in tables(umn.load())} | {"metadata"}
        assert expected <= set(names(db, "table"))

    def test_as_many_rows_as_records(self, db: sqlite3.Connection) -> None:
        """A row per record of every kind."""
        counts = {
            kind.plural: db.execute(f'SELECT count(*) FROM "{kind.plural}"').fetchone()[0]  # noqa: S608 - the kinds' own names
            for kind in KINDS
            if not kind.is_singleton
        }
        expected = {
            kind.plural: len(umn.load().registry(kind)) for kind in KINDS if not kind.is_singleton
        }
        assert counts == expected

    def test_a_primary_key(self, db: sqlite3.Connection) -> None:
        """Each table has its primary key: a second network of the same id is refused."""
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO networks (id, name, level, aliases, is_membership_complete)"
                " VALUES ('global', 'x', 'global', '[]', 0)"
            )

    def test_a_foreign_key(self, db: sqlite3.Connection) -> None:
        """A member of a network that does not exist is refused."""
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO network_members VALUES ('atlantis', 1, 'iom')")

    def test_nothing_else_is_written(self, tmp_path: Path) -> None:
        """The file and nothing beside it: no journal."""
        write_sqlite(umn.load(), tmp_path / "umn.sqlite")
        assert [p.name for p in tmp_path.iterdir()] == ["umn.sqlite"]

    def test_an_existing_file_is_not_overwritten(self, tmp_path: Path) -> None:
        """A path that exists is refused, and left as it was."""
        existing = tmp_path / "umn.sqlite"
        existing.write_text("mine", encoding="utf-8")
        with pytest.raises(FileExistsError):
            write_sqlite(umn.load(), existing)
        assert existing.read_text(encoding="utf-8") == "mine"

    def test_a_failure_leaves_no_file(self, tmp_path: Path) -> None:
        """Networks whose countries the dataset lacks break a key: no file is left behind."""
        dataset = umn.load()
        broken = umn.Dataset.of(dataset.as_of, {**dataset.parts(), "countries": ()})
        with pytest.raises(sqlite3.IntegrityError):
            write_sqlite(broken, tmp_path / "umn.sqlite")
        assert list(tmp_path.iterdir()) == []

    def test_the_metadata(self, db: sqlite3.Connection) -> None:
        """The data's date and the library's version."""
        metadata = dict(db.execute("SELECT key, value FROM metadata").fetchall())
        assert (metadata["as_of"], metadata["version"]) == (
            umn.load().as_of.isoformat(),
            f"un-migration-network {umn.__version__}",
        )

    def test_descriptions_in_the_schema(self, db: sqlite3.Connection) -> None:
        """Each column's description is a comment in the table's schema."""
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'networks'").fetchone()
        assert '"member_count" INTEGER, -- How many members the sources list' in sql

    def test_a_list_is_json(self, db: sqlite3.Connection) -> None:
        """A list is a JSON array that ``json_each`` reads."""
        rows = db.execute(
            "SELECT j.value FROM networks AS n, json_each(n.members) AS j "
            "WHERE n.id = 'asia-pacific'"
        ).fetchall()
        assert rows == [("escap",)]

    def test_unknown_is_null(self, db: sqlite3.Connection) -> None:
        """Zambia's member list and count are NULL, not ``[]`` and 0."""
        row = db.execute("SELECT members, member_count FROM networks WHERE id = 'zambia'")
        assert row.fetchone() == (None, None)


class TestViews:
    """A view per kind, with readable columns."""

    def test_a_view_per_kind(self, db: sqlite3.Connection) -> None:
        """``networks_view``, ``countries_view``, ...: one per kind."""
        assert names(db, "view") == sorted(f"{kind.plural}_view" for kind in KINDS)

    def test_agencies_by_their_acronyms(self, db: sqlite3.Connection) -> None:
        """A network's members and coordinator, by acronym; yes/no as words."""
        row = db.execute(
            "SELECT members, coordinator, is_membership_complete FROM networks_view "
            "WHERE id = 'global'"
        ).fetchone()
        network = umn.networks.lookup("global")
        assert row == (
            "; ".join(agency.acronym for agency in network.members),
            network.coordinator.acronym if network.coordinator else None,
            "no",
        )

    def test_a_country_by_its_name(self, db: sqlite3.Connection) -> None:
        """A network's country by its name."""
        row = db.execute("SELECT country FROM networks_view WHERE id = 'cote-divoire'")
        assert row.fetchone() == (umn.countries.lookup("CI").name,)

    def test_the_countries_view_joins_network_champion_and_vote(
        self, db: sqlite3.Connection
    ) -> None:
        """Each country's network by name, whether it is a Champion, how it voted."""
        rows = db.execute(
            "SELECT alpha2, network, champion, gcm_vote FROM countries_view "
            "WHERE alpha2 IN ('BD', 'HU', 'GT') ORDER BY alpha2"
        ).fetchall()
        assert rows == [
            ("BD", umn.networks.lookup("bangladesh").name, "yes", None),
            ("GT", None, "no", None),
            ("HU", None, "no", "against"),
        ]

    def test_every_view_reads(self, db: sqlite3.Connection) -> None:
        """Every view runs, and has a row per record."""
        counts = {
            view: db.execute(f'SELECT count(*) FROM "{view}"').fetchone()[0]  # noqa: S608 - the file's own names
            for view in names(db, "view")
        }
        assert counts["networks_view"] == len(umn.networks)


class TestFullTextSearch:
    """``name_search``: every name of every record in every language."""

    def test_fts5_is_said(self) -> None:
        """The constant says what the interpreter's SQLite has."""
        assert has_full_text_search() == FULL_TEXT_SEARCH

    @needs_fts5
    def test_a_french_name(self, db: sqlite3.Connection) -> None:
        """A search for Pacte mondial finds the Compact, by its French name."""
        rows = db.execute(
            "SELECT kind, record, lang FROM name_search WHERE name_search MATCH ?",
            ["Pacte mondial"],
        ).fetchall()
        assert rows == [("compact", "GCM", "fr")]

    @needs_fts5
    def test_an_arabic_country_name(self, db: sqlite3.Connection) -> None:
        """Mozambique's Arabic name finds it."""
        arabic = umn.countries.lookup("MZ").name_in("ar")
        rows = db.execute(
            "SELECT DISTINCT kind, record FROM name_search WHERE name_search MATCH ?", [arabic]
        ).fetchall()
        assert rows == [("countries", "MZ")]

    @needs_fts5
    def test_accents_are_folded(self, db: sqlite3.Connection) -> None:
        """A search for Cote d Ivoire finds Côte d'Ivoire: the country and its network."""
        rows = db.execute(
            "SELECT DISTINCT kind, record FROM name_search WHERE name_search MATCH ? ORDER BY kind",
            ['"cote d ivoire"'],
        ).fetchall()
        assert rows == [("countries", "CI"), ("networks", "cote-divoire")]

    @needs_fts5
    def test_the_metadata_says_so(self, db: sqlite3.Connection) -> None:
        """The file says it has full-text search."""
        row = db.execute("SELECT value FROM metadata WHERE key = 'full_text_search'")
        assert row.fetchone() == ("yes (name_search, FTS5)",)

    def test_without_full_text_search(self, tmp_path: Path) -> None:
        """Without it, no index, and the metadata says so."""
        target = tmp_path / "umn.sqlite"
        write_sqlite(umn.load(), target, full_text=False)
        with contextlib.closing(sqlite3.connect(target)) as db:
            tables_ = names(db, "table")
            said = db.execute("SELECT value FROM metadata WHERE key = 'full_text_search'")
            assert ("name_search" in tables_, said.fetchone()) == (False, ("no",))


class TestDocumentedQueries:
    """The queries the exports page shows run on the file."""

    def test_the_page_shows_queries(self) -> None:
        """At least the four the page promises."""
        assert len(documented_queries()) >= 4

    @pytest.mark.parametrize("query", documented_queries())
    def test_a_documented_query_finds_rows(self, db: sqlite3.Connection, query: str) -> None:
        """Each query runs and finds something (the full-text one with a French name)."""
        parameters = ["Pacte mondial"] if "?" in query else []
        if "name_search" in query and not FULL_TEXT_SEARCH:
            pytest.skip("this interpreter's SQLite has no FTS5")
        assert db.execute(query, parameters).fetchall() != []
