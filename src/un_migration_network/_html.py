"""HTML views for notebooks: what ``_repr_html_`` shows for records, registries and datasets.

Every piece of text is escaped, because the data may be a user's own document; only
``http(s)`` source addresses become links. A record's sources are numbered once, below its
table, and each cited field refers to them by number, as the command line's pages do.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import attrs

from un_migration_network._kinds import KINDS, field_label, kind_of
from un_migration_network._models import Agency, Citation, DateSpan, Name, Source, SourceKind

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
# A list longer than this folds into a <details> element that opens on a click.
_FOLDED = 8
_LINK_SCHEMES = frozenset({"http", "https"})
_ENGLISH = "en"
# Fields a record's table does not show as rows: its sources are listed, numbered, below it.
_HIDDEN = frozenset({"sources", "citations"})


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
    try:
        scheme = urlsplit(source.url).scheme.lower()
    except ValueError:  # a malformed address in someone's data ("http://[x") is shown as text
        scheme = ""
    # A ``javascript:`` address in someone's data must not become a live link.
    if scheme not in _LINK_SCHEMES:
        return label
    href = html.escape(source.url, quote=True)
    return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{label}</a>'


def _agency(agency: Agency, lang: str = _ENGLISH) -> str:
    # The acronym and, on hover, the name, in the language asked where a source gives them.
    english = lang == _ENGLISH
    name = html.escape(agency.name if english else agency.name_in(lang) or agency.name, quote=True)
    acronym = agency.acronym if english else agency.acronym_in(lang) or agency.acronym
    return f'<abbr title="{name}">{html.escape(acronym)}</abbr>'


class _Notes:
    """A record's sources, numbered once in the order its rows first cite them."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self.numbers: dict[str, int] = {}

    def marks(self, sources: Sequence[Source]) -> str:
        numbers = []
        for source in dict.fromkeys(sources):
            if source.id not in self.numbers:
                self.sources.append(source)
                self.numbers[source.id] = len(self.sources)
            numbers.append(self.numbers[source.id])
        return "".join(f"<sup>[{n}]</sup>" for n in numbers)

    def listing(self) -> str:
        if not self.sources:
            return ""
        items = "".join(
            f"<li>{_link(source)}"
            + (" (secondary)" if source.kind is SourceKind.SECONDARY else "")
            + "</li>"
            for source in self.sources
        )
        return f'<ol style="margin:0;padding-left:2em">{items}</ol>'


def _fold(items: list[str], separator: str) -> str:
    """A list of rendered items, folded into a <details> element when it is long."""
    if len(items) <= _FOLDED:
        return separator.join(items)
    shown = separator.join(items[:_FOLDED])
    rest = separator.join(items[_FOLDED:])
    more = f"and {len(items) - _FOLDED} more"
    return f"{shown}{separator}<details><summary>{more}</summary>{rest}</details>"


def _value(value: object, notes: _Notes, lang: str = _ENGLISH) -> str:
    """One field's value as HTML: references by acronym or link, spans as text."""
    if value is None:
        return _ABSENT
    for kind, render in _RENDERERS:
        if isinstance(value, kind):
            return render(value, notes, lang)
    if attrs.has(type(value)):
        # A value object such as a Country or a Vote: its own small table.
        return _fields(value, notes, lang)
    return html.escape(str(value))


def _sequence(items: tuple[object, ...], notes: _Notes, lang: str) -> str:
    if not items:
        return _ABSENT
    first = items[0]
    if isinstance(first, Source):
        return notes.marks(items)  # type: ignore[arg-type]
    if isinstance(first, Name):
        names: tuple[Name, ...] = items  # type: ignore[assignment]
        rows = [
            _row(
                [
                    html.escape(n.lang),
                    html.escape(field_label(n.field)),
                    html.escape(n.text) + notes.marks(n.sources),
                ]
            )
            for n in names
        ]
        return _table(rows, header=["language", "field", "text"])
    if attrs.has(type(first)) and not isinstance(first, Agency | DateSpan):
        # Memberships, snapshots, forum editions: one row each, one column per field.
        record_type: Any = type(first)
        names_ = [f.name for f in attrs.fields(record_type) if f.name not in _HIDDEN]
        rows = [
            _row([_value(getattr(item, n), notes, lang) for n in names_] + [_cite_all(item, notes)])
            for item in items
        ]
        return _table(rows, header=[field_label(n) for n in names_] + ["sources"])
    if isinstance(first, Agency):
        return _fold([_agency(a, lang) for a in items], ", ")  # type: ignore[arg-type]
    return _fold([_value(item, notes, lang) for item in items], "; ")


def _cite_all(record: object, notes: _Notes) -> str:
    sources: tuple[Source, ...] = getattr(record, "sources", ())
    return notes.marks(sources) or _ABSENT


def _fields(record: object, notes: _Notes, lang: str = _ENGLISH, caption: str | None = None) -> str:
    record_type: Any = type(record)
    citations: tuple[Citation, ...] = getattr(record, "citations", ())
    cited = {c.field: c.sources for c in citations}
    rows = []
    for field in attrs.fields(record_type):
        if field.name in _HIDDEN:
            continue
        value = _value(getattr(record, field.name), notes, lang)
        value += notes.marks(cited.get(field.name, ()))
        rows.append(_row([html.escape(field_label(field.name)), value]))
    return _table(rows, caption)


# The first match renders a value; bool comes before anything an int would match, and
# DateSpan (an attrs class) before the nested-table fallback.
_Renderer = Callable[[Any, _Notes, str], str]
_RENDERERS: tuple[tuple[type, _Renderer], ...] = (
    (bool, lambda flag, _, __: "yes" if flag else "no"),
    (enum.Enum, lambda member, _, __: html.escape(str(member.value))),
    (DateSpan, lambda span, _, __: html.escape(str(span))),
    (dt.date, lambda day, _, __: day.isoformat()),
    (Source, lambda source, notes, _: notes.marks((source,))),
    (Agency, lambda agency, _, lang: _agency(agency, lang)),
    (tuple, _sequence),
)


def record_html(record: object, /, *, lang: str = _ENGLISH) -> str:
    """One record as a table of its fields in words, with its sources numbered below it.

    >>> import un_migration_network as umn
    >>> view = record_html(umn.networks.lookup("Mozambique"))
    >>> "<abbr" in view, "<sup>[1]</sup>" in view, "declared members" in view
    (True, True, True)
    """
    caption = type(record).__name__
    if type(record).__str__ is not object.__str__:
        caption += f": {record}"
    notes = _Notes()
    body = _fields(record, notes, lang, caption)
    for source in getattr(record, "sources", ()):
        notes.marks((source,))
    return body + notes.listing()


def registry_html(registry: Registry[Any], /, *, lang: str = _ENGLISH) -> str:
    """A registry as a table of its records, with their key columns, captioned with the count.

    >>> import un_migration_network as umn
    >>> "23 objectives</caption>" in registry_html(umn.objectives)
    True
    """
    records = list(registry)
    # As `registry_dataframe` does: a registry built without a record type has its records'.
    record_type = registry.record_type or (type(records[0]) if records else None)
    kind = kind_of(record_type) if record_type else None
    noun = kind.label if kind is not None else f"{registry.kind} records"
    one = kind.name if kind is not None else f"{registry.kind} record"
    caption = f"{len(records)} {noun if len(records) != 1 else one}"
    if not records or kind is None:
        return _table([], caption)
    notes = _Notes()
    shown = records if len(records) <= _MAX_ROWS else records[:_SHOWN_ROWS]
    rows = [
        _row([_value(column.read(record, lang), notes, lang) for column in kind.columns])
        for record in shown
    ]
    if len(shown) < len(records):
        more = html.escape(f"… and {len(records) - len(shown)} more")
        rows.append(f'<tr><td colspan="{len(kind.columns)}"{_STYLE}>{more}</td></tr>')
    return _table(rows, caption, header=[column.header for column in kind.columns])


def dataset_html(dataset: Dataset, /, *, lang: str = _ENGLISH) -> str:
    """A dataset's summary: how many records of each kind, as of which date.

    >>> import un_migration_network as umn
    >>> "as of 20" in dataset_html(umn.load())
    True
    """
    rows = [_row([html.escape(kind.label), str(len(dataset.registry(kind)))]) for kind in KINDS]
    committee = dataset.executive_committee
    notes = _Notes()
    rows.append(_row(["executive committee", _value(committee.members, notes, lang)]))
    rows.append(_row(["compact", html.escape(f"{dataset.compact}, {dataset.compact.resolution}")]))
    return _table(rows, f"UN Network on Migration data as of {dataset.as_of.isoformat()}")
