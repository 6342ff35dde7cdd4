"""The Network's Executive Committee: its seats over time and the member lists sources give."""

import datetime as dt

import attrs

from un_migration_network._models import Agency, Citation, DateSpan, Source, _Sourced, as_day

__all__ = ["ExecutiveCommittee", "Membership", "Snapshot"]


@attrs.frozen
class Membership(_Sourced):
    """One entity's seat on the Executive Committee, with when it held it.

    Attributes:
        agency: The member.
        since: When the seat began (a span when only bounded by evidence).
        sources: What supports it.
        until: When it ended, or None while it holds.
        citations: The sources of each field.

    >>> import un_migration_network as umn
    >>> str(umn.executive_committee.memberships[-1].since)
    '2020-03-05/2021-12-31 (inferred)'
    """

    agency: Agency
    since: DateSpan
    sources: tuple[Source, ...]
    until: DateSpan | None = None
    citations: tuple[Citation, ...] = ()

    def holds_on(self, day: dt.date | str, /) -> bool:
        """Whether the sources show the seat held on *day* (a date or an ISO string)."""
        when = as_day(day)
        return self.since.latest <= when and (self.until is None or when < self.until.earliest)


@attrs.frozen
class Snapshot(_Sourced):
    """A list of members that one source gives at one date.

    Attributes:
        as_of: The date the list holds for.
        members: The entities named.
        sources: The source of the list.
        is_complete: Whether the source names the whole membership.
        citations: The sources of each field.

    >>> import un_migration_network as umn
    >>> [s.is_complete for s in umn.executive_committee.snapshots][:4]
    [True, False, False, True]
    """

    as_of: DateSpan
    members: tuple[Agency, ...]
    sources: tuple[Source, ...]
    is_complete: bool = True
    citations: tuple[Citation, ...] = ()


@attrs.frozen
class ExecutiveCommittee(_Sourced):
    """The Network's Executive Committee, with its membership over time.

    Attributes:
        coordinator: The Network's coordinator (IOM).
        secretariat: The entity that hosts the secretariat (IOM).
        memberships: Each seat with its dates.
        as_of: The latest date the membership is evidenced for.
        sources: What supports the record.
        snapshots: The dated member lists the sources give.
        citations: The sources of each field.

    >>> import un_migration_network as umn
    >>> umn.executive_committee.coordinator.acronym
    'IOM'
    """

    coordinator: Agency
    secretariat: Agency
    memberships: tuple[Membership, ...]
    as_of: dt.date
    sources: tuple[Source, ...]
    snapshots: tuple[Snapshot, ...] = ()
    citations: tuple[Citation, ...] = ()

    @property
    def members(self) -> tuple[Agency, ...]:
        """The members as of ``as_of``."""
        return self.members_on(self.as_of)

    def members_on(self, day: dt.date | str, /) -> tuple[Agency, ...]:
        """The members the sources show on *day*: a `datetime.date` or an ISO 8601 string.

        A seat whose start is known only between two dates counts from the later one. The
        sources say nothing after `as_of`: for a later day the answer is the membership as
        last evidenced, not a claim about that day.

        Raises:
            TypeError: *day* is neither a date nor a string.
            ValueError: *day* is a string that is not an ISO 8601 date.

        >>> import datetime as dt, un_migration_network as umn
        >>> committee = umn.executive_committee
        >>> [a.acronym for a in committee.members_on(dt.date(2022, 2, 15))][-1]
        'WHO'
        >>> len(committee.members_on("2019-11-14"))
        8
        """
        when = as_day(day)
        return tuple(m.agency for m in self.memberships if m.holds_on(when))

    def __repr__(self) -> str:
        members = tuple(agency.acronym for agency in self.members)
        return f"ExecutiveCommittee(as_of={self.as_of!r}, members={members!r})"
