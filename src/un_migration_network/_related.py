"""What the rest of the data says of one record, as rows of its page (``show``).

A record's own fields make its page (`_pages`); here are the rows other records add: the
events and figures about it (a figure that sources dispute says so), the networks an agency
belongs to, and for a country what analysts ask of it first: its network, whether it is a
GCM Champion, and how it voted on A/RES/73/195 where a source names its vote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from un_migration_network._compact import CHAMPIONS, COMPACT, Compact
from un_migration_network._countries import Country
from un_migration_network._events import Quantity, conflated, disagreements
from un_migration_network._networks import NETWORKS, Agency, Network
from un_migration_network._pages import ENGLISH, Page, Piece, Row, page, span_text

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Protocol

    from un_migration_network._events import Event, Observation
    from un_migration_network._kind import Kind
    from un_migration_network._registry import Registry

    class Data(Protocol):
        """What a page reads: a `Data`, or the bundled data itself (`_bundle.Bundle`)."""

        def registry(self, kind: Kind[Any], /) -> Registry[Any]:
            """The registry of one kind."""

        def singleton(self, kind: Kind[Any], /) -> Any:
            """The Compact or the Executive Committee."""

        def singleton_keys(self) -> Mapping[str, frozenset[str]]:
            """The folded keys that name each single record."""

        def about(self, subject: str, /) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
            """The events and the figures about one record."""


__all__ = ["full_page", "related", "vote_of"]


def full_page(ds: Data, record: Any, /, *, lang: str = ENGLISH) -> Page:
    """The page of *record* with what the rest of *ds* says of it."""
    return page(record, lang=lang, related=related(ds, record))


def related(ds: Data, record: Any, /) -> tuple[Row, ...]:
    """The rows the rest of the data adds to *record*'s page."""
    rows: list[Row] = []
    if isinstance(record, Country):
        rows.extend(_country(ds, record))
    elif isinstance(record, Network) and record.country is not None:
        rows.extend(_champion(ds, record.country))
    elif isinstance(record, Agency):
        rows.extend(_memberships(ds, record))
    subject = "gcm" if isinstance(record, Compact) else getattr(record, "id", None)
    if isinstance(subject, str):
        events, figures = ds.about(subject)
        rows.extend(_events(events))
        rows.extend(_figures(ds, figures))
    return tuple(rows)


def vote_of(ds: Data, country: Country, /) -> str | None:
    """How *country* voted on the Compact's resolution, where a source names its vote.

    The sources name the States that voted against and abstained; the 152 in favour and the
    24 that did not vote are counts only, so for any other country this is None.

    >>> import un_migration_network as umn
    >>> ds = umn.load()
    >>> vote_of(ds, ds.countries.lookup("Chile")), vote_of(ds, ds.countries.lookup("Kenya"))
    ('abstained', None)
    """
    compact = ds.singleton(COMPACT)
    for vote, states in (("against", compact.voted_against), ("abstained", compact.abstained)):
        if any(state.country == country for state in states):
            return vote
    return None


def _country(ds: Data, country: Country) -> list[Row]:
    network = ds.registry(NETWORKS).get(country.alpha2)
    networks = () if network is None else (network,)
    pieces = tuple(Piece(n.id, n.name) for n in networks) or (Piece("none listed"),)
    sources = tuple(s for n in networks for s in n.cite("country") or n.sources)
    rows = [Row("network", pieces, sources)]
    rows.extend(_champion(ds, country) or [Row("GCM Champion", (Piece("no"),))])
    vote = vote_of(ds, country)
    compact = ds.singleton(COMPACT)
    if vote is None:
        text, sources = "not named in the sources (they name the States against and abstaining)", ()
    else:
        field = "voted_against" if vote == "against" else "abstained"
        text, sources = vote, compact.cite(field) or compact.sources
    rows.append(Row(f"vote on {compact.resolution}", (Piece(text),), sources))
    return rows


def _champion(ds: Data, country: Country) -> list[Row]:
    champion = ds.registry(CHAMPIONS).get(country.alpha2)
    if champion is None:
        return []
    since = "" if champion.since is None else f", since {span_text(champion.since)}"
    return [
        Row("GCM Champion", (Piece(f"yes{since}"),), champion.cite("since") or champion.sources)
    ]


def _memberships(ds: Data, agency: Agency) -> list[Row]:
    rows = []
    for label, field in (("member of", "members"), ("co-chair of", "co_chairs")):
        networks = [n for n in ds.registry(NETWORKS) if agency in getattr(n, field)]
        if networks:
            pieces = tuple(Piece(n.id, n.name) for n in networks)
            sources = tuple(s for n in networks for s in n.cite(field))
            rows.append(Row(label, pieces, sources))
    return rows


def _events(events: tuple[Event, ...]) -> list[Row]:
    return [
        Row(
            "events" if index == 0 else "",
            (Piece(str(event)),),
            event.cite("date") or event.sources,
        )
        for index, event in enumerate(sorted(events, key=lambda e: e.date))
    ]


def _figures(ds: Data, figures: tuple[Observation, ...]) -> list[Row]:
    notes: dict[str, str] = {}
    for group in disagreements(figures):
        values = " and ".join(sorted({o.figure for o in group}))
        for observation in group:
            notes[observation.id] = f"disputed: sources give {values} for that date"
    adopting = [o for o in figures if o.quantity is Quantity.STATES_ADOPTING]
    if adopting:  # the Compact is read only where a figure may be its vote
        compact = ds.singleton(COMPACT)
        vote = compact.vote.in_favour
        for observation in conflated(adopting, vote):
            notes[observation.id] = (
                f"disputed: {vote} is the General Assembly's vote in favour of "
                f"{compact.resolution}, not a count of States adopting the Compact"
            )
    return [
        Row(
            "figures" if index == 0 else "",
            (Piece(str(observation)),),
            observation.cite("value") or observation.sources,
            note=notes.get(observation.id),
        )
        for index, observation in enumerate(sorted(figures, key=lambda o: o.as_of))
    ]
