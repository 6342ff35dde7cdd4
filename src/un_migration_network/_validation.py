"""The data checks itself: errors where it is broken, warnings where sources disagree."""

from __future__ import annotations

import datetime as dt
import enum
import re
import string
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from un_migration_network._models import (
    DateSpan,
    Event,
    Membership,
    Network,
    NetworkLevel,
    Observation,
    Quantity,
    Source,
)

if TYPE_CHECKING:
    from un_migration_network._dataset import Dataset

__all__ = ["Problem", "Severity", "ValidationReport", "validate"]

_WEB_ADDRESS = re.compile(r"https?://[^/\s?#]+\S*")
_ALPHA2 = re.compile(r"[A-Z]{2}")
_ALPHA3 = re.compile(r"[A-Z]{3}")
# ISO 3166-1 section 8.1.3 leaves these alpha-2 codes to users (Kosovo's XK is one).
_USER_ASSIGNED = frozenset(
    ["AA", "ZZ"] + [f"Q{c}" for c in "MNOPQRSTUVWXYZ"] + [f"X{c}" for c in string.ascii_uppercase]
)
_OBJECTIVES = range(1, 24)
# A/RES/73/195 sets out objective n's commitment in paragraph n + 16 (17 to 39).
_FIRST_PARAGRAPH = 16
_PRINCIPLES = tuple("abcdefghij")
_ROUND_TABLES = range(1, 5)
_COMPACT_ID = "gcm"


class Severity(enum.Enum):
    """How serious a problem is."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Problem:
    """One finding of `validate`.

    Attributes:
        code: A stable name for the kind of finding (listed in the docs).
        severity: Error (the data is broken) or warning (sources disagree or a list is incomplete).
        subject: The id of the record concerned.
        message: What was found, in words.
        sources: The sources involved.

    >>> import un_migration_network as umn
    >>> [p.subject for p in umn.validate().warnings if p.code == "declared-count-mismatch"]
    ['mozambique']
    """

    code: str
    severity: Severity
    subject: str
    message: str
    sources: tuple[Source, ...] = ()

    def __str__(self) -> str:
        return f"{self.severity.value}: {self.subject}: {self.message} [{self.code}]"


@attrs.frozen
class ValidationReport:
    """What `validate` found.

    >>> import un_migration_network as umn
    >>> report = umn.validate()
    >>> report.ok, len(report.errors)
    (True, 0)
    """

    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that mean the data is broken."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The places where sources disagree or the data knows it is incomplete."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """Whether there are no errors (warnings allowed)."""
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form of the report."""
        return {
            "ok": self.ok,
            "problems": [
                {
                    "code": p.code,
                    "severity": p.severity.value,
                    "subject": p.subject,
                    "message": p.message,
                    "sources": [s.id for s in p.sources],
                }
                for p in self.problems
            ],
        }

    def __str__(self) -> str:
        lines = [f"{len(self.errors)} errors, {len(self.warnings)} warnings"]
        lines.extend(str(p) for p in self.problems)
        return "\n".join(lines)


def validate(dataset: Dataset | None = None) -> ValidationReport:
    """Check a dataset (the bundled one by default) and report what is broken or disputed.

    >>> import un_migration_network as umn
    >>> sorted({p.code for p in umn.validate().warnings})[:2]
    ['conflated-figure', 'conflicting-figures']
    """
    if dataset is None:
        from un_migration_network._dataset import load  # noqa: PLC0415 - avoids an import cycle

        dataset = load()
    checks = (
        _sources,
        _records_have_sources,
        _countries,
        _objectives,
        _principles,
        _spans,
        _launches,
        _committee,
        _seats,
        _global_network,
        _counts,
        _subjects,
        _observations,
        _members,
        _wordings,
        _event_dates,
    )
    return ValidationReport(tuple(p for check in checks for p in check(dataset)))


def _error(code: str, subject: str, message: str, sources: Iterable[Source] = ()) -> Problem:
    return Problem(code, Severity.ERROR, subject, message, _unique(sources))


def _warning(code: str, subject: str, message: str, sources: Iterable[Source] = ()) -> Problem:
    return Problem(code, Severity.WARNING, subject, message, _unique(sources))


def _unique(sources: Iterable[Source]) -> tuple[Source, ...]:
    return tuple({s.id: s for s in sources}.values())


def _sources(ds: Dataset) -> Iterator[Problem]:
    for source in ds.sources:
        if not _WEB_ADDRESS.fullmatch(source.url):
            yield _error(
                "source-without-url",
                source.id,
                f"the source has no web address (url {source.url!r})",
            )


def _cited(ds: Dataset) -> Iterator[tuple[str, tuple[Source, ...]]]:
    """Every record that must cite a source, as (subject, sources)."""
    for registry in (ds.agencies, ds.networks):
        for record in registry:
            yield record.id, record.sources
    for objective in ds.objectives:
        yield f"objective-{objective.number}", objective.sources
    for principle in ds.principles:
        yield f"principle-{principle.letter}", principle.sources
    committee = ds.executive_committee
    yield "executive-committee", committee.sources
    for membership in committee.memberships:
        yield f"executive-committee/{membership.agency.id}", membership.sources
    for snapshot in committee.snapshots:
        yield f"executive-committee@{snapshot.as_of}", snapshot.sources
    yield _COMPACT_ID, ds.compact.sources
    yield "imrf", ds.compact.review_forum.sources
    for edition in ds.compact.review_forum.editions:
        yield f"imrf-{edition.year}", edition.sources
    for item in _events_and_observations(ds):
        yield item.id, item.sources


def _events_and_observations(ds: Dataset) -> tuple[Event | Observation, ...]:
    return (*ds.events, *ds.observations)


def _records_have_sources(ds: Dataset) -> Iterator[Problem]:
    for subject, sources in _cited(ds):
        if not sources:
            yield _error("missing-source", subject, "the record cites no source")


def _countries(ds: Dataset) -> Iterator[Problem]:
    for network in ds.networks:
        country = network.country
        if country is None:
            if network.level is NetworkLevel.COUNTRY:
                yield _error(
                    "missing-country",
                    network.id,
                    "a country network names no country",
                    network.sources,
                )
            continue
        code = country.alpha2
        if not _ALPHA2.fullmatch(code):
            yield _error(
                "bad-country-code",
                network.id,
                f"{code!r} is not an ISO 3166-1 alpha-2 code (two capital letters)",
                network.sources,
            )
        elif (code in _USER_ASSIGNED) != country.is_code_user_assigned:
            expected = "is user-assigned" if code in _USER_ASSIGNED else "is an official code"
            yield _error(
                "bad-country-code",
                network.id,
                f"{code!r} {expected}, but the record says otherwise",
                network.sources,
            )
        if country.alpha3 is not None and not _ALPHA3.fullmatch(country.alpha3):
            yield _error(
                "bad-country-code",
                network.id,
                f"{country.alpha3!r} is not an ISO 3166-1 alpha-3 code (three capital letters)",
                network.sources,
            )


def _objectives(ds: Dataset) -> Iterator[Problem]:
    numbers = sorted(o.number for o in ds.objectives)
    if numbers != list(_OBJECTIVES):
        yield _error(
            "objective-numbering",
            _COMPACT_ID,
            f"the objectives must be numbered 1 to 23 once each, found {numbers}",
        )
    for objective in ds.objectives:
        subject = f"objective-{objective.number}"
        expected = objective.number + _FIRST_PARAGRAPH
        if objective.paragraph != expected:
            yield _error(
                "objective-paragraph",
                subject,
                f"objective {objective.number} is set out in paragraph {expected}, "
                f"not {objective.paragraph}",
                objective.sources,
            )
        if objective.round_table is not None and objective.round_table not in _ROUND_TABLES:
            yield _error(
                "bad-round-table",
                subject,
                f"the IMRF has round tables 1 to 4, not {objective.round_table}",
                objective.sources,
            )


def _principles(ds: Dataset) -> Iterator[Problem]:
    letters = sorted(p.letter for p in ds.principles)
    if letters != list(_PRINCIPLES):
        yield _error(
            "principle-lettering",
            _COMPACT_ID,
            f"the guiding principles must be lettered a to j once each, found {letters}",
        )


def _dated(ds: Dataset) -> Iterator[tuple[str, str, DateSpan | None]]:
    """Every date span in the data, as (subject, what, span)."""
    for network in ds.networks:
        yield network.id, "launch", network.launched
        yield network.id, "decision", network.decided
    for membership in ds.executive_committee.memberships:
        subject = f"executive-committee/{membership.agency.id}"
        yield subject, "start of the seat", membership.since
        yield subject, "end of the seat", membership.until
    for snapshot in ds.executive_committee.snapshots:
        yield "executive-committee", "member list", snapshot.as_of
    for edition in ds.compact.review_forum.editions:
        yield f"imrf-{edition.year}", "forum", edition.dates
    for event in ds.events:
        yield event.id, "event", event.date
    for observation in ds.observations:
        yield observation.id, "figure", observation.as_of


def _spans(ds: Dataset) -> Iterator[Problem]:
    for subject, what, span in _dated(ds):
        if span is not None and span.earliest > span.latest:
            yield _error(
                "reversed-span",
                subject,
                f"the {what} date runs backwards: {span.earliest} is after {span.latest}",
            )


def _at_level(ds: Dataset, level: NetworkLevel) -> list[Network]:
    # A plain scan: filter() would build and index a whole new registry for each check.
    return [network for network in ds.networks if network.level is level]


def _global(ds: Dataset) -> Network | None:
    return next(iter(_at_level(ds, NetworkLevel.GLOBAL)), None)


def _launches(ds: Dataset) -> Iterator[Problem]:
    network = _global(ds)
    if network is None or network.decided is None:
        return
    decided = network.decided.earliest
    for other in ds.networks:
        if other is network or other.launched is None:
            continue
        if other.launched.latest < decided:
            yield _error(
                "launch-before-decision",
                other.id,
                f"launched {other.launched}, before the Network was decided on {decided}",
                other.sources,
            )


def _seats(ds: Dataset) -> Iterator[Problem]:
    held: dict[str, Membership] = {}
    for membership in ds.executive_committee.memberships:
        agency = membership.agency
        subject = f"executive-committee/{agency.id}"
        if membership.until is not None and membership.until.latest < membership.since.earliest:
            yield _error(
                "seat-ends-before-start",
                subject,
                f"the seat of {agency.acronym} ends ({membership.until}) before it starts "
                f"({membership.since})",
                membership.sources,
            )
        other = held.setdefault(agency.id, membership)
        if other is not membership and _overlap(other, membership):
            yield _error(
                "duplicate-seat",
                subject,
                f"{agency.acronym} holds two seats on the Executive Committee at once",
                (*other.sources, *membership.sources),
            )


def _overlap(first: Membership, second: Membership) -> bool:
    """Whether two seats can have been held on one day."""
    first_end = first.until.latest if first.until is not None else dt.date.max
    second_end = second.until.latest if second.until is not None else dt.date.max
    return first.since.earliest <= second_end and second.since.earliest <= first_end


def _global_network(ds: Dataset) -> Iterator[Problem]:
    count = len(_at_level(ds, NetworkLevel.GLOBAL))
    if count != 1:
        yield _error(
            "global-network-count",
            "global",
            f"the data must hold exactly one global network, not {count}",
        )


def _counts(ds: Dataset) -> Iterator[Problem]:
    vote = ds.compact.vote
    tallies = (vote.in_favour, vote.against, vote.abstentions, vote.non_voting)
    if any(n is not None and n < 0 for n in tallies):
        yield _error("negative-count", _COMPACT_ID, "a vote count is negative", ds.compact.sources)
    for network in ds.networks:
        if network.declared_member_count is not None and network.declared_member_count < 0:
            yield _error(
                "negative-count",
                network.id,
                f"the declared member count is negative ({network.declared_member_count})",
                network.sources,
            )
    for observation in ds.observations:
        if observation.value < 0:
            yield _error(
                "negative-count",
                observation.id,
                f"the figure is negative ({observation.value})",
                observation.sources,
            )


def _committee(ds: Dataset) -> Iterator[Problem]:
    committee = ds.executive_committee
    network = _global(ds)
    members = () if network is None else network.members
    for membership in committee.memberships:
        if membership.agency not in members:
            yield _error(
                "committee-not-member",
                membership.agency.id,
                f"{membership.agency.acronym} sits on the Executive Committee but is not "
                "listed as a member of the global Network",
                membership.sources,
            )
    for snapshot in committee.snapshots:
        day = snapshot.as_of.latest
        held = set(committee.members_on(day))
        named = set(snapshot.members)
        if (snapshot.is_complete and held != named) or not named <= held:
            yield _warning(
                "committee-snapshot",
                "executive-committee",
                f"the member list of {snapshot.as_of} names "
                f"{', '.join(sorted(a.acronym for a in named))}, but the seats held then are "
                f"{', '.join(sorted(a.acronym for a in held))}",
                snapshot.sources,
            )


def _subjects(ds: Dataset) -> Iterator[Problem]:
    known = {_COMPACT_ID} | {a.id for a in ds.agencies} | {n.id for n in ds.networks}
    seen: set[str] = set()
    for item in _events_and_observations(ds):
        if item.id in seen:
            yield _error("duplicate-id", item.id, f"the id {item.id!r} is used twice")
        seen.add(item.id)
        if item.subject not in known:
            yield _error(
                "dangling-reference",
                item.id,
                f"no network or agency has the id {item.subject!r}",
                item.sources,
            )


def _observations(ds: Dataset) -> Iterator[Problem]:
    for observation in ds.observations:
        if observation.as_of.earliest > ds.as_of:
            yield _error(
                "future-observation",
                observation.id,
                f"the figure is dated {observation.as_of}, after the data's as-of date {ds.as_of}",
                observation.sources,
            )
    conflated = set(_conflated(ds))
    yield from _explain_conflated(ds, conflated)
    groups: dict[tuple[str, Quantity], list[Observation]] = defaultdict(list)
    for observation in ds.observations:
        if observation.id not in conflated:
            groups[observation.subject, observation.quantity].append(observation)
    for (subject, quantity), group in groups.items():
        yield from _disagreements(subject, quantity, group)
    network = _global(ds)
    regional = len(_at_level(ds, NetworkLevel.REGIONAL))
    for observation in ds.observations:
        if (
            network is not None
            and observation.subject == network.id
            and observation.quantity is Quantity.REGIONAL_NETWORKS
            and observation.value != regional
        ):
            yield _warning(
                "count-mismatch",
                observation.id,
                f"{observation.value} regional networks reported as of {observation.as_of}, "
                f"but {regional} are named in the data",
                observation.sources,
            )


def _conflated(ds: Dataset) -> Iterator[str]:
    """Counts of States adopting the Compact that are in fact the General Assembly's vote."""
    for observation in ds.observations:
        if (
            observation.subject == _COMPACT_ID
            and observation.quantity is Quantity.STATES_ADOPTING
            and observation.value == ds.compact.vote.in_favour
        ):
            yield observation.id


def _explain_conflated(ds: Dataset, ids: set[str]) -> Iterator[Problem]:
    """Explain each conflated adoption figure."""
    compact = ds.compact
    for observation in ds.observations:
        if observation.id in ids:
            yield _warning(
                "conflated-figure",
                observation.id,
                f"{observation.value} States adopting the Compact on {observation.as_of} is "
                f"the General Assembly's vote in favour of {compact.resolution} on "
                f"{compact.endorsed}, not a count of States adopting it at {compact.adopted_at}",
                (*observation.sources, *compact.sources),
            )


def _disagreements(subject: str, quantity: Quantity, group: list[Observation]) -> Iterator[Problem]:
    reported: set[str] = set()
    for first in group:
        # Figures for one date that differ; figures at different dates may just show growth.
        clash = [
            other
            for other in group
            if other.value != first.value
            and (other.as_of.earliest, other.as_of.latest)
            == (first.as_of.earliest, first.as_of.latest)
        ]
        if not clash or first.id in reported:
            continue
        involved = [first, *clash]
        reported.update(o.id for o in involved)
        values = " vs ".join(str(v) for v in sorted({o.value for o in involved}))
        yield _warning(
            "conflicting-figures",
            subject,
            f"sources give different figures for {quantity.value} as of {first.as_of}: {values}",
            [s for o in involved for s in o.sources],
        )


def _members(ds: Dataset) -> Iterator[Problem]:
    for network in ds.networks:
        declared = network.declared_member_count
        listed = len(network.members)
        if declared is None or declared == listed:
            continue
        if network.is_membership_complete or declared < listed:
            yield _warning(
                "declared-count-mismatch",
                network.id,
                f"the sources declare {declared} members but list {listed}",
                network.sources,
            )
        else:
            yield _warning(
                "incomplete-list",
                network.id,
                f"{declared} members are declared; the {listed} listed are those the sources "
                "evidence, and the list is incomplete",
                network.sources,
            )


def _wordings(ds: Dataset) -> Iterator[Problem]:
    for objective in ds.objectives:
        for variant in objective.title_variants:
            yield _warning(
                "title-variant",
                f"objective-{objective.number}",
                f"official texts word the title two ways: {objective.title!r} and {variant!r}",
                objective.sources,
            )


def _event_dates(ds: Dataset) -> Iterator[Problem]:
    first: dict[tuple[str, str, str], Event] = {}
    for event in ds.events:
        other = first.setdefault((event.subject, event.kind.value, event.name), event)
        if other.date.latest < event.date.earliest or event.date.latest < other.date.earliest:
            yield _warning(
                "conflicting-dates",
                event.id,
                f"two dates for one event ({event.name}): {other.date} and {event.date}",
                (*other.sources, *event.sources),
            )
