"""HTML views for notebooks: what ``_repr_html_`` shows for records, registries and datasets.

Every piece of text is escaped, because the data may be a user's own document; only
``http(s)`` source addresses become links.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import attrs

from un_migration_network._models import (
    Agency,
    DateSpan,
    GuidingPrinciple,
    Network,
    Objective,
    Source,
)

if TYPE_CHECKING:
    from un_migration_network._dataset import Dataset
    from un_migration_network._registry import Registry

__all__ = ["dataset_html", "record_html", "registry_html"]

# Notebooks right-align table cells by default, which makes text hard to read.
_STYLE = ' style="text-align:left;vertical-align:top"'
_ABSENT = "—"
# A registry longer than this shows its first rows only (pandas stops at 60 as well).
_MAX_ROWS = 60
_SHOWN_ROWS = 50
_LINK_SCHEMES = frozenset({"http", "https"})


def _cell(content: str, tag: str = "td") -> str:
    return f"<{tag}{_STYLE}>{content}</{tag}>"


def _row(cells: Sequence[str], tag: str = "td") -> str:
    return "<tr>" + "".join(_cell(content, tag) for content in cells) + "</tr>"


def _table(rows: Sequence[str], caption: str | None = None, header: Sequence[str] = ()) -> str:
    parts = ["<table>"]
    if caption is not None:
        parts.append(f"<caption{_STYLE}>{html.escape(caption)}</caption>")
    if header:
        parts.append("<thead>" + _row([html.escape(name) for name in header], "th") + "</thead>")
    parts.append("<tbody>" + "".join(rows) + "</tbody></table>")
    return "".join(parts)


def _link(source: Source) -> str:
    label = html.escape(source.title or source.publisher or source.id)
    # A ``javascript:`` address in someone's data must not become a live link.
    if urlsplit(source.url).scheme.lower() not in _LINK_SCHEMES:
        return label
    href = html.escape(source.url, quote=True)
    return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{label}</a>'


def _agency(agency: Agency) -> str:
    name = html.escape(agency.name, quote=True)
    return f'<abbr title="{name}">{html.escape(agency.acronym)}</abbr>'


def _field_names(record: object) -> list[str]:
    record_type: Any = type(record)
    return [field.name for field in attrs.fields(record_type)]


def _value(value: object) -> str:
    """One field's value as HTML: references by acronym or link, spans as text."""
    if value is None:
        return _ABSENT
    for kind, render in _RENDERERS:
        if isinstance(value, kind):
            return render(value)
    if attrs.has(type(value)):
        # A value object such as a Country or a Vote: its own small table.
        return _fields(value)
    return html.escape(str(value))


def _sequence(items: tuple[object, ...]) -> str:
    if not items:
        return _ABSENT
    first = items[0]
    if isinstance(first, Source):
        entries = "".join(f"<li>{_value(item)}</li>" for item in items)
        return f'<ul style="margin:0;padding-left:1.2em">{entries}</ul>'
    if attrs.has(type(first)) and not isinstance(first, Agency | DateSpan):
        # Memberships, snapshots, forum editions: one row each, one column per field.
        names = _field_names(first)
        rows = [_row([_value(getattr(item, name)) for name in names]) for item in items]
        return _table(rows, header=names)
    separator = ", " if isinstance(first, Agency) else "; "
    return separator.join(_value(item) for item in items)


def _fields(record: object, caption: str | None = None) -> str:
    rows = [
        _row([html.escape(name), _value(getattr(record, name))]) for name in _field_names(record)
    ]
    return _table(rows, caption)


# The first match renders a value; bool comes before anything an int would match, and
# DateSpan (an attrs class) before the nested-table fallback.
_RENDERERS: tuple[tuple[type, Callable[[Any], str]], ...] = (
    (bool, lambda flag: "yes" if flag else "no"),
    (enum.Enum, lambda member: html.escape(str(member.value))),
    (DateSpan, lambda span: html.escape(str(span))),
    (dt.date, dt.date.isoformat),
    (Source, _link),
    (Agency, _agency),
    (tuple, _sequence),
)


def record_html(record: object, /) -> str:
    """One record as a two-column table of its fields and their values.

    >>> import un_migration_network as umn
    >>> "<abbr" in record_html(umn.networks.lookup("Mozambique"))
    True
    """
    caption = type(record).__name__
    if type(record).__str__ is not object.__str__:
        caption += f": {record}"
    return _fields(record, caption)


def _members(network: Network) -> str:
    count = str(len(network.members))
    declared = network.declared_member_count
    if declared is not None and declared != len(network.members):
        count += f" ({declared} declared)"
    return count


_Columns = tuple[tuple[str, Callable[[Any], object]], ...]
_COLUMNS: dict[type, _Columns] = {
    Agency: (
        ("id", lambda a: a.id),
        ("acronym", lambda a: a.acronym),
        ("name", lambda a: a.name),
        ("kind", lambda a: a.kind),
    ),
    Network: (
        ("id", lambda n: n.id),
        ("name", lambda n: n.name),
        ("level", lambda n: n.level),
        ("country", lambda n: None if n.country is None else n.country.name),
        ("launched", lambda n: n.launched),
        ("members", _members),
    ),
    Objective: (
        ("number", lambda o: o.number),
        ("short label", lambda o: o.short_label),
        ("title", lambda o: o.title),
    ),
    GuidingPrinciple: (("letter", lambda p: p.letter), ("name", lambda p: p.name)),
    Source: (
        ("id", lambda s: s.id),
        ("title", lambda s: s),
        ("publisher", lambda s: s.publisher),
        ("published", lambda s: s.published),
    ),
}


def _getter(name: str) -> Callable[[Any], object]:
    return lambda record: getattr(record, name)


def _columns_for(record_type: type) -> _Columns:
    known = _COLUMNS.get(record_type)
    if known is not None:
        return known
    if attrs.has(record_type):
        # Any other record: its first few fields, leaving out the long list of sources.
        names = [field.name for field in attrs.fields(record_type) if field.name != "sources"]
        return tuple((name, _getter(name)) for name in names[:4])
    return (("record", str),)


def _plural(noun: str, count: int) -> str:
    if count == 1:
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def registry_html(registry: Registry[Any], /) -> str:
    """A registry as a table of its records, with their key columns, captioned with the count.

    >>> import un_migration_network as umn
    >>> "23 objectives</caption>" in registry_html(umn.objectives)
    True
    """
    records = list(registry)
    caption = f"{len(records)} {_plural(registry.kind, len(records))}"
    if not records:
        return _table([], caption)
    columns = _columns_for(type(records[0]))
    shown = records if len(records) <= _MAX_ROWS else records[:_SHOWN_ROWS]
    rows = [_row([_value(read(record)) for _, read in columns]) for record in shown]
    if len(shown) < len(records):
        more = html.escape(f"… and {len(records) - len(shown)} more")
        rows.append(f'<tr><td colspan="{len(columns)}"{_STYLE}>{more}</td></tr>')
    return _table(rows, caption, header=[name for name, _ in columns])


def dataset_html(dataset: Dataset, /) -> str:
    """A dataset's summary: how many records of each kind, as of which date.

    >>> import un_migration_network as umn
    >>> "as of 20" in dataset_html(umn.load())
    True
    """
    counts: list[tuple[str, int]] = [
        ("agencies", len(dataset.agencies)),
        ("networks", len(dataset.networks)),
        ("objectives", len(dataset.objectives)),
        ("guiding principles", len(dataset.principles)),
        ("sources", len(dataset.sources)),
        ("events", len(dataset.events)),
        ("observations", len(dataset.observations)),
    ]
    rows = [_row([html.escape(name), str(count)]) for name, count in counts]
    committee = dataset.executive_committee
    rows.append(_row(["executive committee", _value(committee.members)]))
    rows.append(_row(["compact", html.escape(f"{dataset.compact}, {dataset.compact.resolution}")]))
    return _table(rows, f"UN Network on Migration data as of {dataset.as_of.isoformat()}")
