"""The data checks itself: errors where it is broken, warnings where sources disagree."""

from __future__ import annotations

import datetime as dt
import re
import string
import types
import typing
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from un_migration_network._bundle import load
from un_migration_network._dates import DateSpan
from un_migration_network._events import (
    Event,
    EventKind,
    Observation,
    Quantity,
    conflated,
    disagreements,
)
from un_migration_network._fields import is_scheduled, label
from un_migration_network._networks import Network, NetworkLevel
from un_migration_network._normalize import normalize, variants
from un_migration_network._problems import Code, Severity
from un_migration_network._records import Source

if TYPE_CHECKING:
    from un_migration_network._committee import Membership
    from un_migration_network._countries import Country
    from un_migration_network._dataset import Dataset

__all__ = ["Problem", "Severity", "ValidationReport", "validate"]

_WEB_ADDRESS = re.compile(r"https?://[^/\s?#]+\S*")
_ALPHA2 = re.compile(r"[A-Z]{2}")
_ALPHA3 = re.compile(r"[A-Z]{3}")
# ISO 3166-1 section 8.1.3 leaves these alpha-2 codes to users (Kosovo's XK is one).
_USER_ASSIGNED = frozenset(
    ["AA", "ZZ"] + [f"Q{c}" for c in "MNOPQRSTUVWXYZ"] + [f"X{c}" for c in string.ascii_uppercase]
)
_M49 = range(1, 1000)
_OBJECTIVES = range(1, 24)
# A/RES/73/195 sets out objective n's commitment in paragraph n + 16 (17 to 39).
_FIRST_PARAGRAPH = 16
_PRINCIPLES = tuple("abcdefghij")
_ROUND_TABLES = range(1, 5)
_COMPACT_ID = "gcm"
# What a count of networks counts, by the level of the networks counted.
_COUNTED: dict[Quantity, tuple[NetworkLevel, ...]] = {
    Quantity.COUNTRY_NETWORKS: (NetworkLevel.COUNTRY,),
    Quantity.REGIONAL_AND_COUNTRY_NETWORKS: (NetworkLevel.REGIONAL, NetworkLevel.COUNTRY),
}


@attrs.frozen
class Problem:
    """One finding of `validate`.

    Attributes:
        code: A stable name for the kind of finding (a `Code`, listed in the docs).
        severity: Error (the data is broken) or warning (sources disagree or a list is incomplete).
        subject: The id of the record concerned.
        message: What was found, in words.
        sources: The sources involved.

    >>> import un_migration_network as umn
    >>> [p.subject for p in umn.validate().warnings if p.code == "declared-count-mismatch"]
    ['mozambique']
    """

    code: Code
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
                    "code": str(p.code),
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
    >>> sorted({str(p.code) for p in umn.validate().warnings})[:2]
    ['conflated-figure', 'conflicting-dates']
    """
    if dataset is None:
        dataset = load()
    checks = (
        _sources,
        _records_have_sources,
        _citations,
        _duplicates,
        _countries,
        _country_records,
        _states,
        _names,
        _objectives,
        _principles,
        _after_as_of,
        _champions,
        _events_before_evidence,
        _launches,
        _evidence,
        _committee,
        _seats,
        _global_network,
        _counts,
        _subjects,
        _observations,
        _coverage,
        _members,
        _wordings,
        _event_dates,
    )
    return ValidationReport(tuple(p for check in checks for p in check(dataset)))


def _problem(code: Code, subject: str, message: str, sources: Iterable[Source] = ()) -> Problem:
    return Problem(code, code.severity, subject, message, _unique(sources))


def _unique(sources: Iterable[Source]) -> tuple[Source, ...]:
    return tuple({s.id: s for s in sources}.values())


def _sourced(ds: Dataset) -> Iterator[tuple[str, Any]]:
    """Every record that must cite sources, with its subject."""
    return ((subject, record) for subject, record in ds.walk() if hasattr(record, "sources"))


def _sources(ds: Dataset) -> Iterator[Problem]:
    for source in ds.sources:
        if not _WEB_ADDRESS.fullmatch(source.url):
            yield _problem(
                Code.SOURCE_WITHOUT_URL,
                source.id,
                f"the source has no web address (url {source.url!r})",
            )


def _records_have_sources(ds: Dataset) -> Iterator[Problem]:
    for subject, record in _sourced(ds):
        if not record.sources:
            yield _problem(Code.MISSING_SOURCE, subject, "the record cites no source")


def _citations(ds: Dataset) -> Iterator[Problem]:
    for subject, record in _sourced(ds):
        listed = {source.id for source in record.sources}
        cited = [(c.field, c.sources) for c in record.citations]
        cited += [(f"{n.field} ({n.lang})", n.sources) for n in getattr(record, "names", ())]
        for field, sources in cited:
            extra = [source for source in sources if source.id not in listed]
            if extra:
                yield _problem(
                    Code.CITATION_NOT_LISTED,
                    subject,
                    f"{field} cites {', '.join(s.id for s in extra)}, which the record does "
                    "not list among its sources",
                    extra,
                )


def _country_problems(country: Country) -> Iterator[Problem]:
    subject, code, sources = f"country-{country.alpha2}", country.alpha2, country.sources
    if not _ALPHA2.fullmatch(code):
        yield _problem(
            Code.BAD_COUNTRY_CODE,
            subject,
            f"{code!r} is not an ISO 3166-1 alpha-2 code (two capital letters)",
            sources,
        )
    elif (code in _USER_ASSIGNED) != country.is_code_user_assigned:
        expected = "is user-assigned" if code in _USER_ASSIGNED else "is an official code"
        yield _problem(
            Code.BAD_COUNTRY_CODE,
            subject,
            f"{code!r} {expected}, but the record says otherwise",
            sources,
        )
    if country.alpha3 is not None and not _ALPHA3.fullmatch(country.alpha3):
        yield _problem(
            Code.BAD_COUNTRY_CODE,
            subject,
            f"{country.alpha3!r} is not an ISO 3166-1 alpha-3 code (three capital letters)",
            sources,
        )
    if country.m49 is not None and country.m49 not in _M49:
        yield _problem(
            Code.BAD_COUNTRY_CODE,
            subject,
            f"{country.m49} is not an M49 code (1 to 999)",
            sources,
        )


def _countries(ds: Dataset) -> Iterator[Problem]:
    for country in ds.countries:
        yield from _country_problems(country)
    for network in ds.networks:
        served = network.country
        is_country = network.level is NetworkLevel.COUNTRY
        if served is None and is_country:
            yield _problem(
                Code.MISSING_COUNTRY,
                network.id,
                "a country network names no country",
                network.sources,
            )
        elif served is not None and not is_country:
            yield _problem(
                Code.MISSING_COUNTRY,
                network.id,
                f"a {network.level.value} network names a country ({served.name})",
                network.sources,
            )


def _country_records(ds: Dataset) -> Iterator[Problem]:
    """A user's countries against the M49 records of the bundled data, code by code."""
    reference = load()
    if ds is reference:
        return
    for country in ds.countries:
        known = reference.countries.get(country.alpha2)
        if known is None:
            continue
        for field in ("alpha3", "m49"):
            mine, theirs = getattr(country, field), getattr(known, field)
            if mine != theirs:
                yield _problem(
                    Code.COUNTRY_MISMATCH,
                    f"country-{country.alpha2}",
                    f"the {field} of {country.alpha2} is {mine!r}; the M49 record of "
                    f"{known.name} gives {theirs!r}",
                    (*country.sources, *known.cite(field)),
                )


def _names_of(country: Country) -> set[str]:
    texts = (country.name, country.formal_name, *country.aliases, *(n.text for n in country.names))
    return {normalize(variant) for text in texts if text for variant in variants(text, formal=True)}


def _states(ds: Dataset) -> Iterator[Problem]:
    """A State's name as written must be a name of the country it is given."""
    compact = ds.compact
    for state in (*compact.voted_against, *compact.abstained):
        country = state.country
        if country is not None and normalize(state.as_written) not in _names_of(country):
            yield _problem(
                Code.COUNTRY_MISMATCH,
                "gcm",
                f"{state.as_written!r} is no name of {country.name} ({country.alpha2}), the "
                "country it is given",
                compact.cite("voted_against") + compact.cite("abstained"),
            )


def _names(ds: Dataset) -> Iterator[Problem]:
    """Two texts for one standard's name in one language: sources that disagree."""
    for subject, record in _sourced(ds):
        texts: dict[tuple[str, str, str], dict[str, list[Source]]] = defaultdict(dict)
        for name in getattr(record, "names", ()):
            if name.scheme is None:
                continue
            slot = texts[name.lang, name.field, name.scheme]
            slot.setdefault(name.text, []).extend(name.sources)
        scheme_fields = {("en", "name", "m49"): getattr(record, "name", None)}
        for (lang, field, scheme), written in texts.items():
            own = scheme_fields.get((lang, field, scheme))
            found = written
            if isinstance(own, str) and own not in found:
                found = {own: list(record.cite(field)), **written}
            # Forms that differ only by a bracketed article are one name (UNTERM writes it).
            folded = {normalize(variants(text)[-1]) for text in found}
            if len(folded) > 1:
                shown = " and ".join(
                    f"{text!r} ({', '.join(s.id for s in sources) or 'no source'})"
                    for text, sources in found.items()
                )
                yield _problem(
                    Code.CONFLICTING_NAMES,
                    subject,
                    f"the {scheme.upper()} {field.replace('_', ' ')} in {lang} is written two "
                    f"ways: {shown}",
                    [s for sources in found.values() for s in sources],
                )


def _duplicates(ds: Dataset) -> Iterator[Problem]:
    """A list that names one thing twice (a member, a co-chair, an alias, a source, a name)."""
    for subject, record in ds.walk():
        for attribute in attrs.fields(type(record)):
            value = getattr(record, attribute.name)
            if not isinstance(value, tuple) or len(value) < 2:  # noqa: PLR2004 - a pair or more
                continue
            counts = Counter(map(_entry, value))
            twice = sorted((key for key, count in counts.items() if count > 1), key=str)
            if twice:
                yield _problem(
                    Code.DUPLICATE_ENTRY,
                    subject,
                    f"{attribute.name} names {', '.join(map(str, twice))} twice",
                    getattr(record, "sources", ()),
                )


def _entry(item: object) -> object:
    """What makes two entries of a list the same one: a record's key, a name's text."""
    for field in ("id", "alpha2"):
        key = getattr(item, field, None)
        if isinstance(key, str):
            return key
    if isinstance(item, str):
        return item.strip()
    lang = getattr(item, "lang", None)
    if lang is not None:
        parts = (lang, *(getattr(item, name, "") for name in ("field", "scheme", "text")))
        return ":".join(map(str, parts))
    # A record (a citation, a span) is the same entry as an equal one.
    return item if attrs.has(type(item)) else repr(item)


def _objectives(ds: Dataset) -> Iterator[Problem]:
    numbers = sorted(o.number for o in ds.objectives)
    if numbers != list(_OBJECTIVES):
        yield _problem(
            Code.OBJECTIVE_NUMBERING,
            _COMPACT_ID,
            f"the objectives must be numbered 1 to 23 once each, found {numbers}",
        )
    for objective in ds.objectives:
        subject = f"objective-{objective.number}"
        expected = objective.number + _FIRST_PARAGRAPH
        if objective.paragraph != expected:
            yield _problem(
                Code.OBJECTIVE_PARAGRAPH,
                subject,
                f"objective {objective.number} is set out in paragraph {expected}, "
                f"not {objective.paragraph}",
                objective.sources,
            )
        if objective.round_table is not None and objective.round_table not in _ROUND_TABLES:
            yield _problem(
                Code.BAD_ROUND_TABLE,
                subject,
                f"the IMRF has round tables 1 to 4, not {objective.round_table}",
                objective.sources,
            )


def _principles(ds: Dataset) -> Iterator[Problem]:
    letters = sorted(p.letter for p in ds.principles)
    if letters != list(_PRINCIPLES):
        yield _problem(
            Code.PRINCIPLE_LETTERING,
            _COMPACT_ID,
            f"the guiding principles must be lettered a to j once each, found {letters}",
        )


def _dated(ds: Dataset) -> Iterator[tuple[str, str, DateSpan | dt.date, Any, bool]]:
    """Every date in the data, found by its field's type.

    Each as its subject, what it dates, the date, its record, and whether it may lie ahead
    of the data's as-of date (a forum's scheduled dates).
    """
    for subject, record in ds.walk():
        for attribute in _date_fields(type(record)):
            value = getattr(record, attribute.name)
            if value is not None:
                yield subject, label(attribute), value, record, is_scheduled(attribute)


# The date fields of each record class, read from its annotations once.
_DATE_FIELDS: dict[type, tuple[attrs.Attribute[Any], ...]] = {}


def _date_fields(cl: type) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of *cl* that hold a date or a span (or None)."""
    found = _DATE_FIELDS.get(cl)
    if found is None:
        hints = typing.get_type_hints(cl)
        found = tuple(field for field in attrs.fields(cl) if _is_date(hints[field.name]))
        _DATE_FIELDS[cl] = found
    return found


def _is_date(tp: Any) -> bool:
    if typing.get_origin(tp) is types.UnionType:
        return any(_is_date(arg) for arg in typing.get_args(tp))
    return tp in (DateSpan, dt.date)


def _earliest(value: DateSpan | dt.date) -> dt.date:
    return value.earliest if isinstance(value, DateSpan) else value


def _after_as_of(ds: Dataset) -> Iterator[Problem]:
    for subject, what, value, record, scheduled in _dated(ds):
        # Figures have a code of their own; the data's own date is what the others are against.
        if scheduled or isinstance(record, Observation) or _earliest(value) <= ds.as_of:
            continue
        yield _problem(
            Code.AFTER_AS_OF,
            subject,
            f"the {what} date {value} is after the data's as-of date {ds.as_of}",
            getattr(record, "sources", ()),
        )


_NOT_AT_WORK = frozenset({EventKind.DECISION, EventKind.LAUNCH, EventKind.FOUNDING})


def _champions(ds: Dataset) -> Iterator[Problem]:
    adopted = ds.compact.adopted
    for champion in ds.champions:
        since = champion.since
        if since is not None and since.latest < adopted:
            yield _problem(
                Code.BEFORE_IT_EXISTED,
                f"champion-{champion.id}",
                f"a Champion since {since}, before the Compact was adopted on {adopted}",
                champion.cite("since") or champion.sources,
            )


def _events_before_evidence(ds: Dataset) -> Iterator[Problem]:
    for network in ds.networks:
        first = network.first_evidenced
        if first is None:
            continue
        events, _ = ds.about(network.id)
        # A decision comes before the network; a launch on another day is a disagreement of
        # dates (conflicting-dates): the other events show the network at work.
        shown = [e for e in events if e.kind not in _NOT_AT_WORK]
        earlier = [e for e in shown if e.date.latest < first.earliest]
        if earlier:
            event = min(earlier, key=lambda e: e.date.latest)
            yield _problem(
                Code.EVIDENCE_AFTER_EVENT,
                network.id,
                f"first evidenced {first}, but the event {event.id} ({event.date}) shows it "
                "existing earlier",
                (*network.cite("first_evidenced"), *event.sources),
            )


def _at_level(ds: Dataset, *levels: NetworkLevel) -> list[Network]:
    # A plain scan: filter() would build and index a whole new registry for each check.
    return [network for network in ds.networks if network.level in levels]


def _global(ds: Dataset) -> Network | None:
    return next(iter(_at_level(ds, NetworkLevel.GLOBAL)), None)


def _launches(ds: Dataset) -> Iterator[Problem]:
    network = _global(ds)
    if network is None or network.decided is None:
        return
    decided = network.decided.earliest
    for other in ds.networks:
        if other.launched is None:  # the global Network too: not launched before decided
            continue
        if other.launched.latest < decided:
            yield _problem(
                Code.LAUNCH_BEFORE_DECISION,
                other.id,
                f"launched {other.launched}, before the Network was decided on {decided}",
                other.sources,
            )


def _evidence(ds: Dataset) -> Iterator[Problem]:
    for network in ds.networks:
        launched, first = network.launched, network.first_evidenced
        if launched is None:
            continue
        if first is None:
            yield _problem(
                Code.EVIDENCE_AFTER_LAUNCH,
                network.id,
                f"launched {launched}, but no date it was first evidenced is given",
                network.sources,
            )
        elif first.earliest > launched.latest:
            yield _problem(
                Code.EVIDENCE_AFTER_LAUNCH,
                network.id,
                f"first evidenced {first}, after its launch {launched}",
                network.sources,
            )


def _seats(ds: Dataset) -> Iterator[Problem]:
    held: dict[str, Membership] = {}
    for membership in ds.executive_committee.memberships:
        agency = membership.agency
        subject = f"executive-committee/{agency.id}"
        if membership.until is not None and membership.until.latest < membership.since.earliest:
            yield _problem(
                Code.SEAT_ENDS_BEFORE_START,
                subject,
                f"the seat of {agency.acronym} ends ({membership.until}) before it starts "
                f"({membership.since})",
                membership.sources,
            )
        other = held.setdefault(agency.id, membership)
        if other is not membership and _overlap(other, membership):
            yield _problem(
                Code.DUPLICATE_SEAT,
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
        yield _problem(
            Code.GLOBAL_NETWORK_COUNT,
            "global",
            f"the data must hold exactly one global network, not {count}",
        )


def _below(value: int | None, least: int) -> bool:
    return value is not None and value < least


def _counts(ds: Dataset) -> Iterator[Problem]:
    compact = ds.compact
    vote = compact.vote
    tallies = (vote.in_favour, vote.against, vote.abstentions, vote.non_voting)
    if any(_below(n, 0) for n in tallies):
        yield _problem(
            Code.NEGATIVE_COUNT, _COMPACT_ID, "a vote count is negative", compact.sources
        )
    yield from _forum_counts(ds)
    yield from _record_counts(ds)


def _forum_counts(ds: Dataset) -> Iterator[Problem]:
    forum = ds.compact.review_forum
    if _below(forum.cadence_years, 1) or _below(forum.first_year, 0):
        yield _problem(
            Code.NEGATIVE_COUNT,
            "imrf",
            f"a forum every {forum.cadence_years} years from {forum.first_year} cannot be",
            forum.sources,
        )
    for edition in forum.editions:
        if _below(edition.year, 0):
            yield _problem(
                Code.NEGATIVE_COUNT, f"imrf-{edition.year}", "the year is negative", edition.sources
            )


def _record_counts(ds: Dataset) -> Iterator[Problem]:
    for principle in ds.principles:
        if _below(principle.paragraph, 1):
            yield _problem(
                Code.NEGATIVE_COUNT,
                f"principle-{principle.letter}",
                f"the paragraph {principle.paragraph} is below 1",
                principle.sources,
            )
    for network in ds.networks:
        if _below(network.declared_member_count, 0):
            yield _problem(
                Code.NEGATIVE_COUNT,
                network.id,
                f"the declared member count is negative ({network.declared_member_count})",
                network.sources,
            )
    for observation in ds.observations:
        if _below(observation.value, 0):
            yield _problem(
                Code.NEGATIVE_COUNT,
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
            yield _problem(
                Code.COMMITTEE_NOT_MEMBER,
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
            yield _problem(
                Code.COMMITTEE_SNAPSHOT,
                "executive-committee",
                f"the member list of {snapshot.as_of} names "
                f"{', '.join(sorted(a.acronym for a in named))}, but the seats held then are "
                f"{', '.join(sorted(a.acronym for a in held))}",
                snapshot.sources,
            )


def _subjects(ds: Dataset) -> Iterator[Problem]:
    known = {_COMPACT_ID} | {a.id for a in ds.agencies} | {n.id for n in ds.networks}
    items: list[Event | Observation] = [*ds.events, *ds.observations]
    for item in items:
        if item.subject not in known:
            yield _problem(
                Code.DANGLING_REFERENCE,
                item.id,
                f"no network or agency has the id {item.subject!r}",
                item.sources,
            )


def _observations(ds: Dataset) -> Iterator[Problem]:
    for observation in ds.observations:
        if observation.as_of.earliest > ds.as_of:
            yield _problem(
                Code.FUTURE_OBSERVATION,
                observation.id,
                f"the figure is dated {observation.as_of}, after the data's as-of date {ds.as_of}",
                observation.sources,
            )
    conflated_ids = set(_conflated(ds))
    yield from _explain_conflated(ds, conflated_ids)
    yield from _disagreements([o for o in ds.observations if o.id not in conflated_ids])
    network = _global(ds)
    regional = len(_at_level(ds, NetworkLevel.REGIONAL))
    for observation in ds.observations:
        if (
            network is not None
            and observation.subject == network.id
            and observation.quantity is Quantity.REGIONAL_NETWORKS
            and observation.scope is None
            and observation.value != regional
        ):
            yield _problem(
                Code.COUNT_MISMATCH,
                observation.id,
                f"{observation.value} regional networks reported as of {observation.as_of}, "
                f"but {regional} are named in the data",
                observation.sources,
            )


def _conflated(ds: Dataset) -> Iterator[str]:
    """Counts of States adopting the Compact that are in fact the General Assembly's vote."""
    return (o.id for o in conflated(ds.observations, ds.compact.vote.in_favour))


def _explain_conflated(ds: Dataset, ids: set[str]) -> Iterator[Problem]:
    """Explain each conflated adoption figure."""
    compact = ds.compact
    facts = compact.cite("adopted") + compact.cite("endorsed") + compact.cite("vote")
    for observation in ds.observations:
        if observation.id in ids:
            yield _problem(
                Code.CONFLATED_FIGURE,
                observation.id,
                f"{observation.value} States adopting the Compact on {observation.as_of} is "
                f"the General Assembly's vote in favour of {compact.resolution} on "
                f"{compact.endorsed}, not a count of States adopting it at {compact.adopted_at}",
                (*observation.sources, *(facts or compact.sources)),
            )


def _figure(observation: Observation) -> str:
    return (
        f"more than {observation.value}" if observation.is_lower_bound else str(observation.value)
    )


def _disagreements(observations: list[Observation]) -> Iterator[Problem]:
    for group in disagreements(observations):
        first = group[0]
        where = f" in {first.scope}" if first.scope else ""
        values = " vs ".join(sorted({o.figure for o in group}))
        yield _problem(
            Code.CONFLICTING_FIGURES,
            first.subject,
            f"sources give different figures for {first.quantity.value}{where} as of "
            f"{first.as_of}: {values}",
            [s for o in group for s in o.sources],
        )


def _in_scope(network: Network, scope: str | None) -> bool:
    """Whether a network lies in *scope*: an M49 region or sub-region, or anywhere for None."""
    if scope is None:
        return True
    country = network.country
    return country is not None and scope in (country.region, country.sub_region)


def _coverage(ds: Dataset) -> Iterator[Problem]:
    """The latest count of networks of each scope, against the networks the data lists."""
    network = _global(ds)
    if network is None:
        return
    regions = {
        place
        for n in ds.networks
        if n.country is not None
        for place in (n.country.region, n.country.sub_region)
        if place
    }
    latest: dict[tuple[Quantity, str | None], Observation] = {}
    for observation in ds.observations:
        counted = observation.quantity in _COUNTED and observation.subject == network.id
        if not counted or (observation.scope is not None and observation.scope not in regions):
            continue
        slot = (observation.quantity, observation.scope)
        best = latest.get(slot)
        # The count whose date is latest, a span's first day first: a count known only
        # within a wide span is not later than one dated within it.
        when = (observation.as_of.earliest, observation.as_of.latest)
        if best is None or when > (best.as_of.earliest, best.as_of.latest):
            latest[slot] = observation
    for (quantity, scope), observation in sorted(latest.items(), key=lambda item: item[1].id):
        listed = [n for n in _at_level(ds, *_COUNTED[quantity]) if _in_scope(n, scope)]
        day = observation.as_of.latest
        known = sum(1 for n in listed if n.exists_on(day))
        count = observation.value
        short = len(listed) <= count if observation.is_lower_bound else len(listed) < count
        if short:
            where = f" in {scope}" if scope else ""
            yield _problem(
                Code.COVERAGE_GAP,
                observation.id,
                f"the sources count {_figure(observation)} {quantity.value}{where} as of "
                f"{observation.as_of}; the data lists {len(listed)}, {known} of them "
                "evidenced by then",
                observation.sources,
            )


def _members(ds: Dataset) -> Iterator[Problem]:
    for network in ds.networks:
        declared = network.declared_member_count
        listed = len(network.members)
        if declared is None or declared == listed:
            continue
        sources = network.cite("members") + network.cite("declared_member_count")
        if network.is_membership_complete or declared < listed:
            yield _problem(
                Code.DECLARED_COUNT_MISMATCH,
                network.id,
                f"the sources declare {declared} members but list {listed}",
                sources or network.sources,
            )
        else:
            yield _problem(
                Code.INCOMPLETE_LIST,
                network.id,
                f"{declared} members are declared; the {listed} listed are those the sources "
                "evidence, and the list is incomplete",
                sources or network.sources,
            )


def _wordings(ds: Dataset) -> Iterator[Problem]:
    for objective in ds.objectives:
        for variant in objective.title_variants:
            sources = objective.cite("title") + objective.cite("title_variants")
            yield _problem(
                Code.TITLE_VARIANT,
                f"objective-{objective.number}",
                f"official texts word the title two ways: {objective.title!r} and {variant!r}",
                sources or objective.sources,
            )


def _event_dates(ds: Dataset) -> Iterator[Problem]:
    first: dict[tuple[str, str, str], Event] = {}
    for event in ds.events:
        other = first.setdefault((event.subject, event.kind.value, event.name), event)
        if other.date.latest < event.date.earliest or event.date.latest < other.date.earliest:
            yield _problem(
                Code.CONFLICTING_DATES,
                event.id,
                f"two dates for one event ({event.name}): {other.date} and {event.date}",
                (*other.sources, *event.sources),
            )
