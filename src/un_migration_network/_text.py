"""Plain-text views for the command line: a record's page with numbered sources, and tables.

The counterpart of `_html`: each function returns text and prints nothing. A page marks each
cited field with the numbers of its sources, "[1]", and lists the numbered sources below it,
as an encyclopedia does: every source is numbered once per page.
"""

from __future__ import annotations

import datetime as dt
import enum
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from un_migration_network._kinds import field_label
from un_migration_network._models import Country, DateSpan, SourceKind

if TYPE_CHECKING:
    from un_migration_network._dataset import Dataset
    from un_migration_network._models import (
        Agency,
        Champion,
        Compact,
        Event,
        ExecutiveCommittee,
        GuidingPrinciple,
        Name,
        Network,
        Objective,
        Observation,
        ReviewForum,
        Source,
        State,
    )

__all__ = ["WIDTH", "cell", "page", "span_text", "table"]

#: A page wraps at this width; tables fit the terminal or are not cut at all.
WIDTH = 80
_ENGLISH = "en"
# A cut column keeps at least this many characters (or its header's).
_NARROWEST = 8
# The six official languages of the United Nations, by their ISO 639-1 codes.
_LANGUAGE_NAMES = {
    "ar": "Arabic",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "ru": "Russian",
    "zh": "Chinese",
}


class _Row(NamedTuple):
    """One labelled line of a page, with the sources it cites."""

    label: str
    text: str
    sources: tuple[Source, ...] = ()


class _Notes:
    """The sources of one page, numbered once, in the order the page first cites them."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.sources: list[Source] = []

    def number(self, source: Source) -> int:
        if source.id not in self.numbers:
            self.sources.append(source)
            self.numbers[source.id] = len(self.sources)
        return self.numbers[source.id]

    def marks(self, sources: Iterable[Source]) -> str:
        return "".join(f"[{self.number(source)}]" for source in dict.fromkeys(sources))


def span_text(span: DateSpan | None, *, unknown: str = "not known") -> str:
    """A date span as a person reads it: "2022-02-15", "2020 (day not known)", a range.

    >>> from un_migration_network import DateSpan
    >>> span_text(DateSpan.parse("2020"))
    '2020 (day not known)'
    """
    if span is None:
        return unknown
    if span.is_exact and not span.is_inferred:
        return span.earliest.isoformat()
    short = span.short()
    if short is not None:
        return f"{short} (day not known)"
    if span.is_exact:
        return f"{span.earliest.isoformat()} (inferred)"
    note = ", inferred" if span.is_inferred else ""
    return f"between {span.earliest.isoformat()} and {span.latest.isoformat()}{note}"


def cell(value: object) -> str:
    """One value as a table cell: "-" for nothing, enums by value, spans and dates as text.

    >>> from un_migration_network import DateSpan
    >>> cell(None), cell(DateSpan.parse("2021-03")), cell(True)
    ('-', '2021-03', 'yes')
    """
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, width: int | None = None
) -> str:
    """Rows under headers; with a *width*, the widest column is cut (with "…") to fit it.

    Only when the widest column is down to its floor (its header, or eight characters) is
    the next widest cut too; only when every column is at its floor are they cut further.

    >>> print(table(["no", "label"], [["1", "Data"]]))
    no  label
    --  -----
    1   Data
    """
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    if width is not None:
        overflow = sum(widths) + 2 * (len(widths) - 1) - width
        # First down to each column's floor, widest first; then, on a very narrow terminal,
        # down to one character.
        for floors in ([max(len(h), _NARROWEST) for h in headers], [1] * len(headers)):
            for index in sorted(range(len(widths)), key=lambda i: -widths[i]):
                cut = max(0, min(overflow, widths[index] - floors[index]))
                widths[index] -= cut
                overflow -= cut

    def line(cells: Sequence[str]) -> str:
        fitted = (
            c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(cells, widths, strict=True)
        )
        return "  ".join(c.ljust(w) for c, w in zip(fitted, widths, strict=True)).rstrip()

    lines = [line(headers), line(["-" * w for w in widths]), *(line(row) for row in rows)]
    return "\n".join(lines)


def _language(lang: str) -> str:
    return _LANGUAGE_NAMES.get(lang, lang)


def _title(record: Any, field: str, lang: str) -> str:
    """A record's name or title in *lang*, or its English marked "[en]" where there is none."""
    english = str(getattr(record, field))
    if lang == _ENGLISH:
        return english
    text: str | None = record._in(field, lang)  # noqa: SLF001 - the records' shared helper
    return f"{english} [en]" if text is None else text


def _cited(record: Any, label: str, text: str, *fields: str) -> _Row:
    sources = tuple(source for field in fields for source in record.cite(field))
    return _Row(label, text, sources)


def _name_rows(record: Any) -> list[_Row]:
    """One row per name in another language, as "name (fr)", with its sources."""
    names: tuple[Name, ...] = getattr(record, "names", ())
    return [
        _Row(f"{field_label(name.field)} ({name.lang})", name.text, name.sources)
        for name in sorted(names, key=lambda n: (n.lang, n.field))
    ]


def _country(record: Network | Champion) -> str:
    return "" if record.country is None else _country_text(record.country)


def _country_text(country: Country) -> str:
    m49 = f"M49 {country.m49:03d}" if country.m49 is not None else None
    codes = ", ".join(x for x in (country.alpha2, country.alpha3, m49) if x)
    note = " (user-assigned code)" if country.is_code_user_assigned else ""
    where = f" - {country.region} / {country.sub_region}" if country.region else ""
    return f"{country.name} ({codes}){note}{where}"


def _acronyms(agencies: Iterable[Agency], lang: str) -> str:
    return ", ".join(_title(agency, "acronym", lang) for agency in agencies)


def _network(record: Network, lang: str, ds: Dataset | None) -> tuple[str, list[_Row]]:
    rows = [_Row("id", record.id), _Row("level", record.level.value)]
    rows.append(_cited(record, "country", _country(record), "country"))
    rows.append(_cited(record, "region", record.region or "", "region"))
    rows.append(_cited(record, "decided", span_text(record.decided, unknown=""), "decided"))
    rows.append(_cited(record, "launched", span_text(record.launched), "launched"))
    first = span_text(record.first_evidenced)
    rows.append(_cited(record, "first evidenced", first, "first_evidenced"))
    count = f"{len(record.members)} listed"
    if record.declared_member_count is not None:
        count += f", {record.declared_member_count} declared"
    if not record.is_membership_complete:
        count += " (list incomplete)"
    rows.append(_cited(record, "members", count, "members", "declared_member_count"))
    rows.append(_Row("", _acronyms(record.members, lang)))
    rows.append(_cited(record, "co-chairs", _acronyms(record.co_chairs, lang), "co_chairs"))
    coordinator = "" if record.coordinator is None else _title(record.coordinator, "acronym", lang)
    rows.append(_cited(record, "coordinator", coordinator, "coordinator"))
    rows.append(_cited(record, "also known as", "; ".join(record.aliases), "aliases"))
    rows.extend(_name_rows(record))
    if ds is not None:
        rows.extend(_champion_row(record, ds))
        rows.extend(_event_rows(record.id, ds))
    return _title(record, "name", lang), rows


def _champion_row(record: Network, ds: Dataset) -> list[_Row]:
    country = record.country
    champion = None if country is None else ds.champions.get(country.alpha2)
    if champion is None:
        return []
    since = "" if champion.since is None else f", since {span_text(champion.since)}"
    return [_Row("GCM Champion", f"yes{since}", champion.cite("since") or champion.sources)]


def _event_rows(subject: str, ds: Dataset) -> list[_Row]:
    events = sorted((e for e in ds.events if e.subject == subject), key=lambda e: e.date)
    rows = [
        _Row("events" if index == 0 else "", f"{e.date}: {e.name}", e.cite("date") or e.sources)
        for index, e in enumerate(events)
    ]
    figures = sorted((o for o in ds.observations if o.subject == subject), key=lambda o: o.as_of)
    rows.extend(
        _Row(
            "figures" if index == 0 else "",
            f"{o.as_of}: {'more than ' if o.is_lower_bound else ''}{o.value} {o.quantity.value}"
            + (f" in {o.scope}" if o.scope else ""),
            o.cite("value") or o.sources,
        )
        for index, o in enumerate(figures)
    )
    return rows


def _agency(record: Agency, lang: str, ds: Dataset | None) -> tuple[str, list[_Row]]:
    rows = [_Row("id", record.id), _cited(record, "kind", record.kind.value, "kind")]
    rows.append(_cited(record, "acronym", record.acronym, "acronym"))
    rows.append(_cited(record, "name", record.name, "name"))
    rows.append(_cited(record, "website", record.website or "", "website"))
    rows.append(_cited(record, "based in", record.headquarters or "", "headquarters"))
    rows.append(_cited(record, "also known as", "; ".join(record.aliases), "aliases"))
    rows.extend(_name_rows(record))
    if ds is not None:
        networks = ds.networks_of(record)
        if networks:
            listed = ", ".join(network.id for network in networks)
            rows.append(_Row("member of", f"{len(networks)} networks: {listed}"))
        rows.extend(_event_rows(record.id, ds))
    title = f"{_title(record, 'acronym', lang)}: {_title(record, 'name', lang)}"
    return title, rows


def _objective(record: Objective, lang: str, _: Dataset | None) -> tuple[str, list[_Row]]:
    inferred = " (inferred)" if record.is_paragraph_inferred else ""
    rounds = "" if record.round_table is None else f"round table {record.round_table}"
    rows = [
        _cited(record, "title", record.title, "title"),
        _cited(record, "short label", record.short_label, "short_label"),
        _cited(record, "paragraph", f"{record.paragraph}{inferred}", "paragraph"),
        _cited(record, "IMRF", rounds, "round_table"),
    ]
    rows.extend(_cited(record, "other wording", v, "title_variants") for v in record.title_variants)
    rows.extend(_name_rows(record))
    return f"Objective {record.number}: {_title(record, 'title', lang)}", rows


def _principle(record: GuidingPrinciple, lang: str, _: Dataset | None) -> tuple[str, list[_Row]]:
    inferred = " (letter inferred from the order)" if record.is_letter_inferred else ""
    rows = [
        _cited(record, "name", record.name, "name"),
        _cited(record, "paragraph", f"{record.paragraph}{inferred}", "paragraph", "letter"),
    ]
    rows.extend(_name_rows(record))
    return f"Guiding principle ({record.letter}): {_title(record, 'name', lang)}", rows


def _states(states: Iterable[State]) -> str:
    """States as the source writes them, each with its ISO alpha-3 code where known."""
    return ", ".join(
        f"{state.as_written} ({state.country.alpha3})"
        if state.country is not None and state.country.alpha3
        else state.as_written
        for state in states
    )


def _forum_rows(forum: ReviewForum) -> list[_Row]:
    rows = [
        _cited(forum, "review", f"{forum.name} ({forum.acronym})", "name", "acronym"),
        _cited(
            forum,
            "",
            f"every {forum.cadence_years} years from {forum.first_year}",
            "cadence_years",
            "first_year",
        ),
        _cited(forum, "modalities", forum.modalities_resolution, "modalities_resolution"),
    ]
    for edition in forum.editions:
        when = span_text(edition.dates) if edition.dates else str(edition.year)
        text = when + (f", {edition.place}" if edition.place else "")
        rows.append(_cited(edition, str(edition.year), text, "dates", "place"))
        if edition.progress_declaration_endorsed is not None:
            endorsed = f"Progress Declaration endorsed {edition.progress_declaration_endorsed}"
            rows.append(_cited(edition, "", endorsed, "progress_declaration_endorsed"))
    return rows


def _compact(record: Compact, lang: str, ds: Dataset | None) -> tuple[str, list[_Row]]:
    vote = record.vote
    tally = f"{vote.in_favour} in favour, {vote.against} against, {vote.abstentions} abstentions"
    if vote.non_voting is not None:
        tally += f", {vote.non_voting} not voting"
    rows = [
        _cited(
            record,
            "adopted",
            f"{record.adopted.isoformat()}, {record.adopted_at}",
            "adopted",
            "adopted_at",
        ),
        _cited(
            record,
            "endorsed",
            f"{record.endorsed.isoformat()}, {record.resolution}",
            "endorsed",
            "resolution",
        ),
        _cited(record, "vote", tally, "vote"),
        _cited(record, "against", _states(record.voted_against), "voted_against"),
        _cited(record, "abstained", _states(record.abstained), "abstained"),
    ]
    rows.extend(_name_rows(record))
    rows.extend(_forum_rows(record.review_forum))
    if ds is not None:
        rows.extend(_event_rows("gcm", ds))
    return f"{_title(record, 'name', lang)} ({record.acronym})", rows


def _forum(record: ReviewForum, lang: str, _: Dataset | None) -> tuple[str, list[_Row]]:
    cadence, *rows = _forum_rows(record)[1:]
    rows = [cadence._replace(label="meets"), *rows]
    rows.extend(_name_rows(record))
    return f"{_title(record, 'name', lang)} ({record.acronym})", rows


def _committee(record: ExecutiveCommittee, lang: str, _: Dataset | None) -> tuple[str, list[_Row]]:
    rows = [
        _cited(record, "coordinator", _title(record.coordinator, "acronym", lang), "coordinator"),
        _cited(record, "secretariat", _title(record.secretariat, "acronym", lang), "secretariat"),
        _Row(f"as of {record.as_of}", _acronyms(record.members, lang)),
    ]
    rows.extend(
        _Row(
            _title(m.agency, "acronym", lang),
            f"since {span_text(m.since)}" + (f", until {span_text(m.until)}" if m.until else ""),
            m.cite("since") or m.sources,
        )
        for m in record.memberships
    )
    snapshots = sorted(record.snapshots, key=lambda snapshot: snapshot.as_of)
    for index, snapshot in enumerate(snapshots):
        complete = "" if snapshot.is_complete else " (partial list)"
        when = span_text(snapshot.as_of)
        rows.append(
            _Row(
                "member lists" if index == 0 else "",
                f"{when}: {_acronyms(snapshot.members, lang)}{complete}",
                snapshot.cite("members") or snapshot.sources,
            )
        )
    return "Executive Committee of the UN Network on Migration", rows


def _champion(record: Champion, _: str, ds: Dataset | None) -> tuple[str, list[_Row]]:
    rows = [
        _Row("id", record.id),
        _cited(record, "country", _country(record), "country"),
        _cited(record, "Champion since", span_text(record.since), "since"),
        _cited(record, "also known as", "; ".join(record.aliases), "aliases"),
    ]
    if ds is not None:
        network = ds.networks.get(record.country.alpha2)
        if network is not None:
            rows.append(_Row("country network", network.id))
    return f"GCM Champion country: {record.country.name}", rows


def _source(record: Source, _: str, __: Dataset | None) -> tuple[str, list[_Row]]:
    rows = [
        _Row("id", record.id),
        _Row("address", record.url),
        _Row("publisher", record.publisher or ""),
        _Row("published", "" if record.published is None else record.published.isoformat()),
        _Row("kind", record.kind.value),
    ]
    return record.title or record.publisher or record.url, rows


def _event(record: Event, _: str, __: Dataset | None) -> tuple[str, list[_Row]]:
    rows = [
        _Row("id", record.id),
        _cited(record, "kind", record.kind.value, "kind"),
        _cited(record, "date", span_text(record.date), "date"),
        _Row("about", record.subject),
        _cited(record, "place", record.place or "", "place"),
    ]
    return record.name, rows


def _observation(record: Observation, _: str, __: Dataset | None) -> tuple[str, list[_Row]]:
    value = f"more than {record.value}" if record.is_lower_bound else str(record.value)
    rows = [
        _Row("id", record.id),
        _cited(record, "figure", f"{value} {record.quantity.value}", "value", "quantity"),
        _cited(record, "as of", span_text(record.as_of), "as_of"),
        _Row("about", record.subject),
        _cited(record, "in", record.scope or "", "scope"),
    ]
    return f"{value} {record.quantity.value} ({record.subject})", rows


def _fields(record: Any, _: str, __: Dataset | None) -> tuple[str, list[_Row]]:
    """Any other record (a new kind's, a vote): each field in words, with its sources."""
    cited = hasattr(record, "cite")
    rows = []
    for field in attrs.fields(type(record)):
        if field.name in _OWN_ROWS:
            continue
        value = getattr(record, field.name)
        text = "; ".join(map(_plain, value)) if isinstance(value, tuple) else _plain(value)
        label = field_label(field.name)
        rows.append(_cited(record, label, text, field.name) if cited else _Row(label, text))
    rows.extend(_name_rows(record))
    title = type(record).__name__
    own: object = type(record).__str__
    if own is not object.__str__:  # a name of its own, not its repr
        title += f": {record}"
    return title, rows


# Fields a page shows in rows of their own: its names, and its sources (numbered below it).
_OWN_ROWS = frozenset({"sources", "citations", "names"})


def _plain(value: object) -> str:
    if isinstance(value, DateSpan):
        return span_text(value)
    if isinstance(value, Country):
        return _country_text(value)
    return "" if value is None else cell(value)


_Describer = Callable[[Any, str, "Dataset | None"], tuple[str, list[_Row]]]
# By the name of the record's class: a page names only the classes of the records it shows,
# which are then created (see `_models`). A record of any other class gets `_fields`.
_DESCRIBERS: dict[str, _Describer] = {
    "Network": _network,
    "Agency": _agency,
    "Objective": _objective,
    "GuidingPrinciple": _principle,
    "Compact": _compact,
    "ReviewForum": _forum,
    "ExecutiveCommittee": _committee,
    "Champion": _champion,
    "Source": _source,
    "Event": _event,
    "Observation": _observation,
}


def page(record: object, /, *, lang: str = _ENGLISH, dataset: Dataset | None = None) -> str:
    """The page of one record: its title, labelled rows with source numbers, the sources.

    With *lang*, names and acronyms are shown in that language where a source gives them,
    and in English marked ``[en]`` where none does. With *dataset*, a page also shows what
    the rest of the data says of the record (events, figures, memberships).

    >>> import un_migration_network as umn
    >>> print(page(umn.principles.lookup("h")).splitlines()[0])
    Guiding principle (h): Child-sensitive
    """
    if not attrs.has(type(record)):
        msg = f"expected a record, got {type(record).__name__}"
        raise TypeError(msg)
    describe = _DESCRIBERS.get(type(record).__name__, _fields)
    title, rows = describe(record, lang, dataset)
    notes = _Notes()
    # A web address is never broken across lines (a source's title may be one), so it can be
    # copied.
    lines = textwrap.wrap(title, WIDTH, break_long_words=False) or [title]
    lines.append("=" * max(len(line) for line in lines))
    if lang != _ENGLISH:
        lines.append(f"In {_language(lang)} where a source gives it; [en] marks English shown.")
    shown = [row for row in rows if row.text]
    label_width = max((len(row.label) for row in shown), default=0)
    for row in shown:
        marks = notes.marks(row.sources)
        text = f"{row.text} {marks}" if marks else row.text
        lines.extend(_wrap(f"{row.label:<{label_width}}  ", text))
    for source in getattr(record, "sources", ()):
        notes.number(source)
    if notes.sources:
        lines.append("")
        lines.append("Sources")
        for number, source in enumerate(notes.sources, start=1):
            lines.extend(_wrap(f"[{number}] ", _source_line(source)))
            # A web address is never broken across lines, so it can be copied.
            lines.append(" " * (len(str(number)) + 3) + source.url)
    return "\n".join(lines)


def _source_line(source: Source) -> str:
    title = source.title or source.publisher or source.url.split("/")[2]
    parts = [title]
    # A title that already names its publisher ("... (IOM Kenya)") does not name it twice.
    named = source.title is None or (source.publisher or "") in title
    details = [] if named or source.publisher is None else [source.publisher]
    if source.published is not None:
        details.append(source.published.isoformat())
    if source.kind is SourceKind.SECONDARY:
        details.append("secondary source")
    if details:
        parts.append(f"({', '.join(details)})")
    return " ".join(parts)


def _wrap(prefix: str, text: str) -> list[str]:
    width = max(WIDTH - len(prefix), 20)
    chunks = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False) or [""]
    return [prefix + chunks[0], *(" " * len(prefix) + c for c in chunks[1:])]
