"""The Frictionless Data Package: a CSV file per table and a descriptor that validates."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

import frictionless
import pytest

import un_migration_network as umn
from un_migration_network._datapackage import DESCRIPTOR, package_files
from un_migration_network._tables import tables

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    """The bundled data's package, by file name."""
    return package_files(umn.load())


@pytest.fixture(scope="module")
def descriptor(files: dict[str, str]) -> dict[str, Any]:
    """The package's ``datapackage.json``."""
    found: dict[str, Any] = json.loads(files[DESCRIPTOR])
    return found


def read_csv(text: str) -> list[dict[str, str]]:
    """The rows of CSV text, by column name."""
    return list(csv.DictReader(io.StringIO(text, newline="")))


def resource(descriptor: dict[str, Any], name: str) -> dict[str, Any]:
    """The resource of that name."""
    found: dict[str, Any] = next(r for r in descriptor["resources"] if r["name"] == name)
    return found


class TestPackageFiles:
    """The files of the package."""

    def test_a_csv_file_per_table_and_the_descriptor(self, files: dict[str, str]) -> None:
        """One CSV file per table, then ``datapackage.json``."""
        names = [f"{table.name}.csv" for table in tables(umn.load())]
        assert list(files) == [*names, DESCRIPTOR]

    def test_every_file_is_a_resource(
        self, files: dict[str, str], descriptor: dict[str, Any]
    ) -> None:
        """The descriptor lists every CSV file, in order."""
        paths = [r["path"] for r in descriptor["resources"]]
        assert paths == [name for name in files if name != DESCRIPTOR]

    def test_a_file_holds_its_table(self, files: dict[str, str]) -> None:
        """``network_members.csv``: a row per member of each network."""
        rows = read_csv(files["network_members.csv"])
        mozambique = [row["agency"] for row in rows if row["network"] == "mozambique"]
        network = umn.networks.lookup("mozambique")
        assert mozambique == [agency.id for agency in network.members]

    def test_the_header_is_the_schema(
        self, files: dict[str, str], descriptor: dict[str, Any]
    ) -> None:
        """Every file's header names the fields of its Table Schema, in order."""
        differ = [
            r["name"]
            for r in descriptor["resources"]
            if files[r["path"]].split("\r\n")[0].split(",")
            != [field["name"] for field in r["schema"]["fields"]]
        ]
        assert differ == []


class TestDescriptor:
    """What ``datapackage.json`` says of the package."""

    def test_the_data_s_date_and_version(self, descriptor: dict[str, Any]) -> None:
        """The data's as-of date and the library's version."""
        assert (descriptor["as_of"], descriptor["version"]) == (
            umn.load().as_of.isoformat(),
            umn.__version__,
        )

    def test_the_licence(self, descriptor: dict[str, Any]) -> None:
        """The licence, by name and address."""
        assert [(licence["name"], licence["path"]) for licence in descriptor["licenses"]] == [
            ("MIT", "https://opensource.org/licenses/MIT")
        ]

    def test_every_source_with_its_title(self, descriptor: dict[str, Any]) -> None:
        """A source per source record: its title and its address."""
        source = umn.load().sources.lookup("seed-iom-mozambique-2022")
        assert (len(descriptor["sources"]), descriptor["sources"][0]["path"]) == (
            len(umn.load().sources),
            umn.load().sources[0].url,
        )
        assert {"title": source.title, "path": source.url} in descriptor["sources"]

    def test_a_primary_key_per_table(self, descriptor: dict[str, Any]) -> None:
        """Every table has a primary key."""
        keys = {r["name"]: r["schema"]["primaryKey"] for r in descriptor["resources"]}
        assert (keys["networks"], keys["network_members"], keys["citations"]) == (
            ["id"],
            ["network", "position"],
            ["kind", "record", "field", "lang", "source"],
        )

    @pytest.mark.parametrize(
        ("table", "expected"),
        [
            ("network_members", [("network", "networks"), ("agency", "agencies")]),
            ("network_co_chairs", [("network", "networks"), ("agency", "agencies")]),
            ("citations", [("source", "sources")]),
            ("networks", [("country", "countries"), ("coordinator", "agencies")]),
            ("committee_list_members", [("list", "committee_lists"), ("agency", "agencies")]),
        ],
    )
    def test_foreign_keys(
        self, descriptor: dict[str, Any], table: str, expected: list[tuple[str, str]]
    ) -> None:
        """The link tables refer to networks and agencies, the citations to sources."""
        keys = resource(descriptor, table)["schema"]["foreignKeys"]
        assert [(key["fields"][0], key["reference"]["resource"]) for key in keys] == expected

    def test_a_closed_vocabulary(self, descriptor: dict[str, Any]) -> None:
        """An enum field lists its values."""
        fields = resource(descriptor, "networks")["schema"]["fields"]
        level = next(field for field in fields if field["name"] == "level")
        assert level["constraints"] == {
            "required": True,
            "enum": ["global", "continental", "regional", "country"],
        }

    def test_a_list_is_an_array(self, descriptor: dict[str, Any]) -> None:
        """A list of keys is a JSON array in its cell."""
        fields = resource(descriptor, "networks")["schema"]["fields"]
        members = next(field for field in fields if field["name"] == "members")
        assert members["type"] == "array"


class TestValidation:
    """The package checked by the Frictionless Data validator itself."""

    def test_frictionless_validates_it(self, files: dict[str, str], tmp_path: Path) -> None:
        """Written into a directory, ``datapackage.json`` validates: types, keys, all."""
        for name, text in files.items():
            (tmp_path / name).write_text(text, encoding="utf-8", newline="")
        report = frictionless.validate(tmp_path / DESCRIPTOR)
        assert (report.valid, report.flatten(["type", "note"])) == (True, [])

    def test_frictionless_sees_a_broken_key(self, files: dict[str, str], tmp_path: Path) -> None:
        """The validator does check the keys: a member of no network is an error."""
        broken = {
            **files,
            "network_members.csv": files["network_members.csv"] + "atlantis,1,iom\r\n",
        }
        for name, text in broken.items():
            (tmp_path / name).write_text(text, encoding="utf-8", newline="")
        report = frictionless.validate(tmp_path / DESCRIPTOR)
        assert report.flatten(["type"]) == [["foreign-key"]]

    def test_every_foreign_key_holds(
        self, files: dict[str, str], descriptor: dict[str, Any]
    ) -> None:
        """Every value of every foreign key is a key of the table it refers to."""
        broken = []
        for r in descriptor["resources"]:
            rows = read_csv(files[r["path"]])
            for key in r["schema"].get("foreignKeys", []):
                (field,) = key["fields"]
                target = resource(descriptor, key["reference"]["resource"])
                (column,) = key["reference"]["fields"]
                known = {row[column] for row in read_csv(files[target["path"]])}
                broken += [
                    (r["name"], field, row[field]) for row in rows if row[field] not in {"", *known}
                ]
        assert broken == []
