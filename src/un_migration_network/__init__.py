"""The reference library for the UN Network on Migration and the Global Compact for Migration.

>>> import un_migration_network as umn
>>> umn.networks.lookup("Mozambique").launched
DateSpan('2022-02-15')
"""

from typing import TYPE_CHECKING, Any

# What a first lookup needs is imported here; everything else when it is first named (below).
from un_migration_network._bundle import BUNDLE, load
from un_migration_network._countries import COUNTRIES, Country
from un_migration_network._dates import DateSpan
from un_migration_network._networks import (
    AGENCIES,
    NETWORKS,
    Agency,
    AgencyKind,
    Network,
    NetworkLevel,
)
from un_migration_network._records import Citation, Name, Source, SourceKind
from un_migration_network._registry import Match, Registry
from un_migration_network._version import __version__
from un_migration_network.exceptions import (
    AmbiguousError,
    DataError,
    DataProblem,
    MigrationNetworkError,
    NotFoundError,
)

if TYPE_CHECKING:
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
    from un_migration_network._dataset import Dataset
    from un_migration_network._diff import Change, DatasetDiff
    from un_migration_network._documents import load_dataset
    from un_migration_network._events import Event, EventKind, Observation, Quantity
    from un_migration_network._frames import Annotation
    from un_migration_network._problems import Code, Severity
    from un_migration_network._validation import Problem, ValidationReport, validate

__all__ = [
    "Agency",
    "AgencyKind",
    "AmbiguousError",
    "Annotation",
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


def __getattr__(name: str) -> Any:
    # PEP 562: a name is imported from its module when first used, and then kept as a plain
    # attribute, so that `import un_migration_network` and a first lookup create only the
    # record classes they use (each attrs class costs its creation), and read no file.
    if name not in __all__:
        msg = f"module 'un_migration_network' has no attribute {name!r}"
        raise AttributeError(msg)
    # Under the bundle's lock, as the bundle's own imports: a fork waits for them (`_bundle`).
    with BUNDLE.lock:
        value = _bundled(name) if name in _BUNDLED else getattr(_home(name), name)
    globals()[name] = value
    return value


_BUNDLED = frozenset(
    {"agencies", "networks", "countries", "champions", "objectives", "principles"}
    | {"executive_committee", "compact"}
)


def _bundled(name: str) -> Any:
    """A part of the bundled data: a registry, read on first use, or a single record."""
    if name == "networks":
        return BUNDLE.registry(NETWORKS)
    if name == "agencies":
        return BUNDLE.registry(AGENCIES)
    if name == "countries":
        return BUNDLE.registry(COUNTRIES)
    if name in ("executive_committee", "compact"):
        return getattr(load(), name)
    return load().registry(name)


_COMPACT = frozenset(
    {"Champion", "Compact", "GuidingPrinciple", "Objective", "ReviewForum"}
    | {"ReviewForumEdition", "State", "Vote"}
)


def _home(name: str) -> Any:  # noqa: PLR0911 - one return per module
    """The module a public name lives in."""
    if name in _COMPACT:
        from un_migration_network import _compact  # noqa: PLC0415

        return _compact
    if name in ("ExecutiveCommittee", "Membership", "Snapshot"):
        from un_migration_network import _committee  # noqa: PLC0415

        return _committee
    if name in ("Event", "EventKind", "Observation", "Quantity"):
        from un_migration_network import _events  # noqa: PLC0415

        return _events
    if name in ("Change", "DatasetDiff"):
        from un_migration_network import _diff  # noqa: PLC0415

        return _diff
    if name in ("Code", "Severity"):
        from un_migration_network import _problems  # noqa: PLC0415

        return _problems
    if name in ("Problem", "ValidationReport", "validate"):
        from un_migration_network import _validation  # noqa: PLC0415

        return _validation
    if name == "Annotation":
        from un_migration_network import _frames  # noqa: PLC0415

        return _frames
    if name == "Dataset":
        from un_migration_network import _dataset  # noqa: PLC0415

        return _dataset
    from un_migration_network import _documents  # noqa: PLC0415

    return _documents


def __dir__() -> list[str]:
    return sorted(__all__)
