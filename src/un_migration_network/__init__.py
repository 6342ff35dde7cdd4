"""The reference library for the UN Network on Migration and the Global Compact for Migration.

>>> import un_migration_network as umn
>>> umn.networks.lookup("Mozambique").launched
DateSpan('2022-02-15')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

__all__ = [
    "Agency",
    "AgencyKind",
    "AmbiguousError",
    "Champion",
    "Citation",
    "Code",
    "Compact",
    "Country",
    "DataError",
    "DataProblem",
    "Dataset",
    "DateSpan",
    "Event",
    "EventKind",
    "ExecutiveCommittee",
    "GuidingPrinciple",
    "Match",
    "Membership",
    "MigrationNetworkError",
    "Name",
    "Network",
    "NetworkLevel",
    "NotFoundError",
    "Objective",
    "Observation",
    "Problem",
    "Quantity",
    "Registry",
    "ReviewForum",
    "ReviewForumEdition",
    "Severity",
    "Snapshot",
    "Source",
    "SourceKind",
    "State",
    "ValidationReport",
    "Vote",
    "__version__",
    "agencies",
    "champions",
    "compact",
    "executive_committee",
    "load",
    "load_dataset",
    "networks",
    "objectives",
    "principles",
    "validate",
]

if TYPE_CHECKING:
    from un_migration_network._codes import Code, Severity
    from un_migration_network._dataset import Dataset, load, load_dataset
    from un_migration_network._models import (
        Agency,
        AgencyKind,
        Champion,
        Citation,
        Compact,
        Country,
        DateSpan,
        Event,
        EventKind,
        ExecutiveCommittee,
        GuidingPrinciple,
        Membership,
        Name,
        Network,
        NetworkLevel,
        Objective,
        Observation,
        Quantity,
        ReviewForum,
        ReviewForumEdition,
        Snapshot,
        Source,
        SourceKind,
        State,
        Vote,
    )
    from un_migration_network._registry import Match, Registry
    from un_migration_network._validation import Problem, ValidationReport, validate
    from un_migration_network.exceptions import (
        AmbiguousError,
        DataError,
        DataProblem,
        MigrationNetworkError,
        NotFoundError,
    )

    agencies: Registry[Agency]
    networks: Registry[Network]
    champions: Registry[Champion]
    objectives: Registry[Objective]
    principles: Registry[GuidingPrinciple]
    executive_committee: ExecutiveCommittee
    compact: Compact

# Importing the package does no I/O and imports neither attrs, cattrs nor pandas: each
# name is imported from its private module on first use (PEP 562).
_HOMES = {
    "Dataset": "_dataset",
    "load": "_dataset",
    "load_dataset": "_dataset",
    "Match": "_registry",
    "Registry": "_registry",
    "Code": "_codes",
    "Severity": "_codes",
    "Problem": "_validation",
    "ValidationReport": "_validation",
    "validate": "_validation",
    "AmbiguousError": "exceptions",
    "DataError": "exceptions",
    "DataProblem": "exceptions",
    "MigrationNetworkError": "exceptions",
    "NotFoundError": "exceptions",
}
_FROM_DATASET = (
    "agencies",
    "networks",
    "champions",
    "objectives",
    "principles",
    "executive_committee",
    "compact",
)


def __getattr__(name: str) -> Any:
    import importlib  # noqa: PLC0415 - only when a lazy name is first used

    if name in _FROM_DATASET:
        from un_migration_network._dataset import load  # noqa: PLC0415

        # The bundled dataset never changes once loaded: keep its parts as plain module
        # attributes, so `umn.networks.lookup(...)` in a loop costs no call to this function.
        value = getattr(load(), name)
        globals()[name] = value
        return value
    if name in __all__:
        module = importlib.import_module(f"un_migration_network.{_HOMES.get(name, '_models')}")
        value = getattr(module, name)
        globals()[name] = value
        return value
    msg = f"module 'un_migration_network' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
