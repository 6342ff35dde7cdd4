"""The structured document: everything a JSON document holds, before it is indexed."""

import datetime as dt
from typing import Any

import attrs

from un_migration_network._committee import ExecutiveCommittee
from un_migration_network._compact import Compact

__all__ = ["Document"]


@attrs.frozen
class Document:
    """Everything a JSON document holds, structured, before it is indexed.

    Attributes:
        as_of: The date the data holds for.
        executive_committee: The Network's Executive Committee.
        compact: The GCM's own facts.
        records: The records of each kind in the kinds table, by its plural name.
    """

    as_of: dt.date
    executive_committee: ExecutiveCommittee
    compact: Compact
    records: tuple[tuple[str, tuple[Any, ...]], ...]
