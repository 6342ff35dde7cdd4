"""The table of every kind of record, in the order a document is read.

Each kind is described once, beside its record class (`_kind.Kind`); this table lists them
for what reads every kind: the dataset, the converter, validation, the views and exports.
"""

from typing import Any

from un_migration_network._committee import COMMITTEE
from un_migration_network._compact import CHAMPIONS, COMPACT, OBJECTIVES, PRINCIPLES
from un_migration_network._countries import COUNTRIES
from un_migration_network._events import EVENTS, OBSERVATIONS
from un_migration_network._kind import Kind, kind_of
from un_migration_network._networks import AGENCIES, NETWORKS
from un_migration_network._records import SOURCES

__all__ = ["KINDS", "REGISTERED", "Kind", "kind_named", "kind_of"]

#: Every kind, in the order a document is read: a kind comes after the kinds it refers to
#: (every record cites sources; networks name countries and agencies).
KINDS: tuple[Kind[Any], ...] = (
    SOURCES,
    COUNTRIES,
    AGENCIES,
    NETWORKS,
    CHAMPIONS,
    OBJECTIVES,
    PRINCIPLES,
    EVENTS,
    OBSERVATIONS,
    COMMITTEE,
    COMPACT,
)
#: The kinds a document holds as arrays, each a `Registry` of a `Dataset`.
REGISTERED: tuple[Kind[Any], ...] = tuple(kind for kind in KINDS if not kind.is_singleton)

_BY_PLURAL = {kind.plural: kind for kind in KINDS}


def kind_named(plural: str, /) -> Kind[Any]:
    """The kind whose plural name is *plural* ("networks").

    Raises:
        KeyError: No kind has that name.

    >>> kind_named("principles").label
    'guiding principles'
    """
    return _BY_PLURAL[plural]
