"""The reference library for the UN Network on Migration and the Global Compact for Migration.

>>> import un_migration_network as umn
>>> umn.networks.lookup("Mozambique").launched
DateSpan('2022-02-15')
"""

from typing import TYPE_CHECKING, Any

from un_migration_network._bundle import BUNDLE, load
from un_migration_network._committee import ExecutiveCommittee, Membership, Snapshot
from un_migration_network._compact import (
    Champion,
    Compact,
    GuidingPrinciple,
    Objective,
    ReviewForum,
    ReviewForumEdition,
    State,
    Vote,
)
from un_migration_network._countries import Country
from un_migration_network._dataset import Dataset
from un_migration_network._dates import DateSpan
from un_migration_network._diff import Change, DatasetDiff
from un_migration_network._documents import load_dataset
from un_migration_network._events import Event, EventKind, Observation, Quantity
from un_migration_network._kinds import REGISTERED
from un_migration_network._networks import Agency, AgencyKind, Network, NetworkLevel
from un_migration_network._problems import Code, Severity
from un_migration_network._records import Citation, Name, Source, SourceKind
from un_migration_network._registry import Match, Registry
from un_migration_network._validation import Problem, ValidationReport, validate
from un_migration_network._version import __version__
from un_migration_network.exceptions import (
    AmbiguousError,
    DataError,
    DataProblem,
    MigrationNetworkError,
    NotFoundError,
)

__all__ = [
    "Agency",
    "AgencyKind",
    "AmbiguousError",
    "Champion",
    "Change",
    "Citation",
    "Code",
    "Compact",
    "Country",
    "DataError",
    "DataProblem",
    "Dataset",
    "DatasetDiff",
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
    "countries",
    "executive_committee",
    "load",
    "load_dataset",
    "networks",
    "objectives",
    "principles",
    "validate",
]

if TYPE_CHECKING:
    agencies: Registry[Agency]
    networks: Registry[Network]
    champions: Registry[Champion]
    countries: Registry[Country]
    objectives: Registry[Objective]
    principles: Registry[GuidingPrinciple]
    executive_committee: ExecutiveCommittee
    compact: Compact

_REGISTRIES = {kind.plural: kind for kind in REGISTERED}


def __getattr__(name: str) -> Any:
    # The bundled data's parts are read on first use (see `_bundle`): importing the package
    # reads no file. Once read, each stays a plain module attribute.
    kind = _REGISTRIES.get(name)
    if kind is not None and name in __all__:
        value: Any = BUNDLE.registry(kind)
    elif name in ("executive_committee", "compact"):
        value = getattr(load(), name)
    else:
        msg = f"module 'un_migration_network' has no attribute {name!r}"
        raise AttributeError(msg)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
