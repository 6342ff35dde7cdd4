"""A Frictionless Data Package of the tables: a CSV file each, and ``datapackage.json``.

The descriptor gives each table's Table Schema (types, which columns every row fills, the
values of a closed vocabulary), its primary key and its foreign keys (a network's country, the
link tables' networks and agencies, the citations' sources), and the package's licence, the
data's as-of date, the library's version and every source with its title. The files are
returned as text, not written: the command line places them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from un_migration_network._tables import Column, Table, table_csv, tables
from un_migration_network._version import __version__

if TYPE_CHECKING:
    from un_migration_network._dataset import Dataset

__all__ = ["DESCRIPTOR", "descriptor", "package_files"]

#: The name of the package's descriptor file.
DESCRIPTOR = "datapackage.json"
_TYPES = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "date": "date",
    "list": "array",
}
_LICENSE = {
    "name": "MIT",
    "path": "https://opensource.org/licenses/MIT",
    "title": "MIT License",
}


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": _TYPES[column.type],
        "description": column.doc,
    }
    constraints: dict[str, Any] = {}
    if column.is_required:
        constraints["required"] = True
    if column.categories is not None:
        constraints["enum"] = list(column.categories)
    if constraints:
        field["constraints"] = constraints
    return field


def _schema(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(column) for column in table.columns],
        "primaryKey": list(table.primary),
    }
    # A list of keys is a JSON array in one cell: a foreign key can only name a single key.
    foreign = [
        {
            "fields": [column.name],
            "reference": {"resource": column.refers[0], "fields": [column.refers[1]]},
        }
        for column in table.columns
        if column.refers is not None and column.type != "list"
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def descriptor(dataset: Dataset, found: tuple[Table, ...], /) -> dict[str, Any]:
    """The ``datapackage.json`` of *dataset*'s tables (Frictionless Data Package, v1).

    >>> import un_migration_network as umn
    >>> from un_migration_network._tables import tables
    >>> descriptor(umn.load(), tables(umn.load()))["resources"][0]["path"]
    'sources.csv'
    """
    return {
        "profile": "tabular-data-package",
        "name": "un-migration-network",
        "title": "The UN Network on Migration and the Global Compact for Migration",
        "description": (
            "Typed, sourced reference data on the United Nations Network on Migration and the "
            "Global Compact for Safe, Orderly and Regular Migration: the UN entities, the "
            "networks on migration with their members, the Executive Committee, the Compact's "
            "objectives, principles, Champions and recorded vote, and the countries of M49 in "
            "the six UN languages. Every fact cites its sources (citations.csv)."
        ),
        "version": __version__,
        "created": f"{dataset.as_of.isoformat()}T00:00:00Z",
        "as_of": dataset.as_of.isoformat(),
        "licenses": [_LICENSE],
        "sources": [
            {"title": source.title or source.publisher or source.id, "path": source.url}
            for source in dataset.sources
        ],
        "resources": [
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "description": table.doc,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(table),
            }
            for table in found
        ],
    }


def package_files(dataset: Dataset, /) -> dict[str, str]:
    """The files of *dataset*'s data package, by name: a CSV per table, then the descriptor.

    One CSV file per kind of record (``networks.csv``), per table of records inside records
    (``committee_seats.csv``) and per long table (``network_members.csv``,
    ``citations.csv``), all UTF-8; and ``datapackage.json``. The caller writes them into one
    directory.

    >>> import un_migration_network as umn
    >>> files = package_files(umn.load())
    >>> files["network_members.csv"].splitlines()[0]
    'network,position,agency'
    >>> list(files)[-1]
    'datapackage.json'
    """
    found = tables(dataset)
    files = {f"{table.name}.csv": table_csv(table) for table in found}
    text = json.dumps(descriptor(dataset, found), ensure_ascii=False, indent=2) + "\n"
    files[DESCRIPTOR] = text
    return files
