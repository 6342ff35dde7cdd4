"""The one table of record kinds: what the converter, the dataset, the views and the exports read.

A kind of record that a document holds as an array (sources, agencies, networks, ...) is
described here once: its names, its type, its lookup keys, its canonical order and its summary
columns. Adding a kind is one `Kind` entry in `KINDS` plus its model (and its data).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from un_migration_network import _models
from un_migration_network._models import NetworkLevel

if TYPE_CHECKING:
    from un_migration_network._models import (
        Agency,
        Champion,
        DateSpan,
        Event,
        GuidingPrinciple,
        Network,
        Objective,
        Observation,
        Source,
    )

__all__ = ["KINDS", "Column", "Kind", "field_label", "in_language", "kind_named", "kind_of"]

T = TypeVar("T")

_ENGLISH = "en"


# Kinds and columns are named tuples, not attrs classes: they are made once, at import,
# and an attrs class costs a first lookup more than all of them together.
class Column(NamedTuple):
    """One summary column: its header and how to read it off a record in a language."""

    header: str
    read: Callable[[Any, str], object]


class Kind(NamedTuple, Generic[T]):
    """One kind of record that a document holds as an array.

    Attributes:
        name: The singular noun ("network"): a registry's kind, error messages.
        plural: The document's key, the `Dataset` attribute and the command line's word.
        class_name: The record class's name: `type` is the class, imported on first use.
        keys: Every natural key of a record, for lookups (names in every language included).
        primary: The field that is a record's primary key ("id", "number", "letter").
        key: A record's primary key as text ("mozambique", "13", "b").
        order: The canonical order of the bundled file's array.
        columns: The summary columns of tables (``list``, ``search``, HTML views).
        subject: The id validation reports a record's problems under.
        label: The plural as people write it ("guiding principles").
        is_searchable: Whether ``show`` and ``search`` look in it.
        rank: Kinds of a lower rank win a query that names records of several kinds ("Bangladesh"
            names a network and a Champion: the network); kinds of one rank are a tie.
        is_required: Whether a document must hold the array.
    """

    name: str
    plural: str
    class_name: str
    keys: Callable[[T], Iterable[str | int | None]]
    primary: str
    key: Callable[[T], str]
    order: Callable[[T], Any]
    columns: tuple[Column, ...]
    subject: Callable[[T], str]
    label: str
    is_searchable: bool = True
    rank: int = 0
    is_required: bool = True

    @property
    def type(self) -> type[T]:
        """The record class (created on first use: see `_models`)."""
        cl: type[T] = getattr(_models, self.class_name)
        return cl


# Field names as words, where the words are not just the name with its underscores as spaces.
_LABELS = {
    "id": "id",
    "alpha2": "ISO alpha-2",
    "alpha3": "ISO alpha-3",
    "m49": "M49",
    "is_code_user_assigned": "user-assigned code",
    "sub_region": "sub-region",
    "declared_member_count": "declared members",
    "is_membership_complete": "membership complete",
    "co_chairs": "co-chairs",
    "first_evidenced": "first evidenced",
    "is_inferred": "inferred",
    "is_paragraph_inferred": "paragraph inferred",
    "is_letter_inferred": "letter inferred",
    "is_complete": "complete",
    "is_lower_bound": "more than",
    "round_table": "IMRF round table",
    "cadence_years": "every (years)",
    "first_year": "first year",
    "modalities_resolution": "modalities resolution",
    "progress_declaration_endorsed": "progress declaration endorsed",
    "adopted_at": "adopted at",
    "voted_against": "voted against",
    "non_voting": "not voting",
    "in_favour": "in favour",
    "short_label": "short label",
    "title_variants": "other wordings",
    "as_of": "as of",
    "names": "other languages",
    "aliases": "also known as",
}


def field_label(field: str, /) -> str:
    """A field's name as words, for views: ``"declared_member_count"`` is "declared members".

    >>> field_label("is_code_user_assigned"), field_label("launched")
    ('user-assigned code', 'launched')
    """
    return _LABELS.get(field, field.replace("_", " "))


def in_language(record: Any, field: str, lang: str) -> str:
    """The text of *field* in *lang*, or the English marked ``[en]`` where there is none."""
    if lang == _ENGLISH:
        return str(getattr(record, field))
    text: str | None = record._in(field, lang)  # noqa: SLF001 - the records' shared helper
    return f"{getattr(record, field)} [en]" if text is None else text


def _names(record: Any) -> Iterator[str]:
    """The texts of a record's names in other languages."""
    return (name.text for name in record.names)


def _source_keys(source: Source) -> Iterable[str]:
    return (source.id, source.url)


def _agency_keys(agency: Agency) -> Iterable[str]:
    return (agency.acronym, agency.name, *agency.aliases, agency.id, *_names(agency))


def _country_keys(record: Network | Champion) -> Iterator[str | int | None]:
    country = record.country
    if country is not None:
        yield from (country.name, country.alpha2, country.alpha3, country.m49)
        if country.m49 is not None:
            yield f"{country.m49:03d}"  # M49 codes are written with three digits: "031"


def _network_keys(network: Network) -> Iterable[str | int | None]:
    yield network.name
    yield from _country_keys(network)
    yield network.region
    yield from network.aliases
    yield network.id
    yield from _names(network)


def _champion_keys(champion: Champion) -> Iterable[str | int | None]:
    yield from _country_keys(champion)
    yield from champion.aliases
    yield champion.id


def _objective_keys(objective: Objective) -> Iterable[str | int]:
    yield from (objective.number, objective.short_label, objective.title)
    yield from objective.title_variants
    yield from _names(objective)


def _principle_keys(principle: GuidingPrinciple) -> Iterable[str]:
    return (principle.letter, principle.name, *_names(principle))


def _id_keys(record: Event | Observation) -> Iterable[str]:
    return (record.id,)


_LEVELS = {level: rank for rank, level in enumerate(NetworkLevel)}


def _network_order(network: Network) -> tuple[int, str]:
    # The global Network first, then the continental, regional and country networks.
    return _LEVELS[network.level], network.id


def _evidenced(network: Network, _: str) -> DateSpan | None:
    return network.launched or network.first_evidenced


def _members(network: Network, _: str) -> str:
    count = str(len(network.members))
    declared = network.declared_member_count
    if declared is not None and declared != len(network.members):
        count += f" ({declared} declared)"
    return count


def _alpha3(record: Network | Champion, _: str) -> str | None:
    return None if record.country is None else record.country.alpha3


def _region(network: Network, _: str) -> str | None:
    if network.country is not None:
        return network.country.region
    return network.region


def _attribute(name: str) -> Callable[[Any, str], object]:
    return lambda record, _: getattr(record, name)


def _localized(field: str) -> Callable[[Any, str], object]:
    return lambda record, lang: in_language(record, field, lang)


SOURCES: Kind[Source] = Kind(
    name="source",
    plural="sources",
    class_name="Source",
    keys=_source_keys,
    primary="id",
    key=lambda source: source.id,
    order=lambda source: source.id,
    columns=(
        Column("id", _attribute("id")),
        Column("title", lambda s, _: s.title or s.publisher or s.url),
        Column("publisher", _attribute("publisher")),
        Column("published", _attribute("published")),
        Column("kind", _attribute("kind")),
    ),
    subject=lambda source: source.id,
    label="sources",
    is_searchable=False,
)
AGENCIES: Kind[Agency] = Kind(
    name="agency",
    plural="agencies",
    class_name="Agency",
    keys=_agency_keys,
    primary="id",
    key=lambda agency: agency.id,
    order=lambda agency: agency.id,
    columns=(
        Column("id", _attribute("id")),
        Column("acronym", _localized("acronym")),
        Column("name", _localized("name")),
        Column("kind", _attribute("kind")),
    ),
    subject=lambda agency: agency.id,
    label="agencies",
)
NETWORKS: Kind[Network] = Kind(
    name="network",
    plural="networks",
    class_name="Network",
    keys=_network_keys,
    primary="id",
    key=lambda network: network.id,
    order=_network_order,
    columns=(
        Column("id", _attribute("id")),
        Column("level", _attribute("level")),
        Column("country", _alpha3),
        Column("region", _region),
        Column("launched or first evidenced", _evidenced),
        Column("members", _members),
    ),
    subject=lambda network: network.id,
    label="networks",
)
CHAMPIONS: Kind[Champion] = Kind(
    name="champion",
    plural="champions",
    class_name="Champion",
    keys=_champion_keys,
    primary="id",
    key=lambda champion: champion.id,
    order=lambda champion: champion.id,
    columns=(
        Column("id", _attribute("id")),
        Column("country", lambda c, _: c.country.name),
        Column("ISO3", _alpha3),
        Column("since", _attribute("since")),
    ),
    subject=lambda champion: f"champion-{champion.id}",
    label="Champion countries",
    rank=1,
    is_required=False,
)
OBJECTIVES: Kind[Objective] = Kind(
    name="objective",
    plural="objectives",
    class_name="Objective",
    keys=_objective_keys,
    primary="number",
    key=lambda objective: str(objective.number),
    order=lambda objective: objective.number,
    columns=(
        Column("no", _attribute("number")),
        Column("label", _localized("short_label")),
        Column("title", _localized("title")),
    ),
    subject=lambda objective: f"objective-{objective.number}",
    label="objectives",
)
PRINCIPLES: Kind[GuidingPrinciple] = Kind(
    name="guiding principle",
    plural="principles",
    class_name="GuidingPrinciple",
    keys=_principle_keys,
    primary="letter",
    key=lambda principle: principle.letter,
    order=lambda principle: principle.letter,
    columns=(Column("letter", _attribute("letter")), Column("name", _localized("name"))),
    subject=lambda principle: f"principle-{principle.letter}",
    label="guiding principles",
)
EVENTS: Kind[Event] = Kind(
    name="event",
    plural="events",
    class_name="Event",
    keys=_id_keys,
    primary="id",
    key=lambda event: event.id,
    order=lambda event: event.id,
    columns=(
        Column("id", _attribute("id")),
        Column("date", _attribute("date")),
        Column("kind", _attribute("kind")),
        Column("subject", _attribute("subject")),
        Column("name", _attribute("name")),
    ),
    subject=lambda event: event.id,
    label="events",
    is_searchable=False,
    is_required=False,
)
OBSERVATIONS: Kind[Observation] = Kind(
    name="observation",
    plural="observations",
    class_name="Observation",
    keys=_id_keys,
    primary="id",
    key=lambda observation: observation.id,
    order=lambda observation: observation.id,
    columns=(
        Column("id", _attribute("id")),
        Column("as of", _attribute("as_of")),
        Column("subject", _attribute("subject")),
        Column("quantity", _attribute("quantity")),
        Column("value", lambda o, _: f"more than {o.value}" if o.is_lower_bound else o.value),
        Column("scope", _attribute("scope")),
    ),
    subject=lambda observation: observation.id,
    label="observations",
    is_searchable=False,
    is_required=False,
)

#: Every kind, in the order a document is structured: a kind comes after the kinds it cites
#: (every record cites sources; networks name agencies).
KINDS: tuple[Kind[Any], ...] = (
    SOURCES,
    AGENCIES,
    NETWORKS,
    CHAMPIONS,
    OBJECTIVES,
    PRINCIPLES,
    EVENTS,
    OBSERVATIONS,
)

_BY_PLURAL = {kind.plural: kind for kind in KINDS}
_BY_CLASS_NAME = {kind.class_name: kind for kind in KINDS}


def kind_named(plural: str, /) -> Kind[Any]:
    """The kind whose plural name is *plural* ("networks").

    Raises:
        KeyError: No kind has that name.
    """
    return _BY_PLURAL[plural]


def kind_of(record_type: type, /) -> Kind[Any] | None:
    """The kind of records of *record_type*, or None for a type that is not a kind's."""
    kind = _BY_CLASS_NAME.get(getattr(record_type, "__name__", ""))
    return kind if kind is not None and kind.type is record_type else None
