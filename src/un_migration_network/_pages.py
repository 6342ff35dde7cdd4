"""One page per record: its fields as labelled rows, each with the sources that support it.

A page is built from the record's attrs fields and what each says of itself (`_fields`), so
a new field shows on every page, in the terminal (`_terminal`) and in a notebook (`_html`),
with no code of its own. Records are read generically: a value that can stand for itself in
a line (an agency by its acronym, a country by its name) says so with ``_short`` and
``_long``; any other record inside a record is shown field by field, one row each, beneath
its field. Sources are numbered once per page, in the order the rows first cite them; the
sources a record lists that no row cites are "also consulted".
"""

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

import attrs

from un_migration_network._dates import DateSpan
from un_migration_network._fields import empty_text, is_named, label

__all__ = ["LANGUAGE_NAMES", "Page", "Piece", "Row", "cell", "heading", "page", "span_text"]

ENGLISH = "en"
#: The six official languages of the United Nations, by their ISO 639-1 codes.
LANGUAGE_NAMES = {
    "ar": "Arabic",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "ru": "Russian",
    "zh": "Chinese",
}
# Fields a page shows in their own way: sources numbered below, names in rows of their own.
_OWN = frozenset({"sources", "citations", "names"})


class Piece(NamedTuple):
    """One item of a row: its text, and a fuller name where the text is short (an acronym)."""

    text: str
    title: str | None = None


class Row(NamedTuple):
    """One labelled line of a page.

    Attributes:
        label: The field, in words.
        pieces: What it holds; none for a heading of the rows beneath it.
        sources: The sources it cites.
        depth: 0 for a field of the record, 1 for a field of a record inside it.
        note: A remark on the value ("disputed: 164 and 165 the same day").
    """

    label: str
    pieces: tuple[Piece, ...]
    sources: tuple[Any, ...] = ()
    depth: int = 0
    note: str | None = None

    @property
    def text(self) -> str:
        """The pieces as one line of text."""
        return ", ".join(piece.text for piece in self.pieces)


class Page(NamedTuple):
    """A record's page: a heading, rows, and the sources numbered in citing order."""

    title: str
    rows: tuple[Row, ...]
    sources: tuple[Any, ...]
    consulted: tuple[Any, ...]
    lang: str = ENGLISH

    def number(self, source: Any) -> int:
        """The number of a cited source on this page (1 for the first cited)."""
        return [s.id for s in self.sources].index(source.id) + 1

    def marks(self, row: Row) -> tuple[int, ...]:
        """The numbers of a row's sources, each once."""
        return tuple(dict.fromkeys(self.number(source) for source in row.sources))


def span_text(span: DateSpan | None, *, unknown: str = "not known") -> str:
    """A date span as a person reads it: "2022-02-15", "2020 (day not known)", a range.

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


def in_language(record: Any, field: str, lang: str) -> str:
    """The text of *field* in *lang*, or the English marked ``[en]`` where there is none."""
    english = str(getattr(record, field))
    if lang == ENGLISH:
        return english
    text: str | None = record.text_in(field, lang)
    return f"{english} [en]" if text is None else text


def heading(record: Any, lang: str = ENGLISH) -> str:
    """A record's heading: what ``str()`` says, its names in *lang* where a source gives them.

    Where a source gives none of the names the heading shows in *lang*, the heading is the
    English marked ``[en]``.

    >>> heading(DateSpan.parse("2020"))
    '2020'
    """
    named = getattr(type(record), "__str__", None) is not object.__str__
    own = str(record) if named else type(record).__name__
    if lang == ENGLISH:
        return own
    shown = [
        (english, record.text_in(attribute.name, lang))
        for attribute in attrs.fields(type(record))
        if is_named(attribute)
        and isinstance(english := getattr(record, attribute.name), str)
        and english in own
    ]
    if not shown:
        return own
    if all(translated is None for _, translated in shown):
        return f"{own} [en]"
    # The longest first: an acronym may stand inside a name.
    for english, translated in sorted(shown, key=lambda pair: -len(pair[0])):
        if translated is not None:
            own = own.replace(english, translated)
    return own


def page(record: Any, /, *, lang: str = ENGLISH, related: Sequence[Row] = ()) -> Page:
    """The page of one record; *related* rows (what the rest of the data says) come last.

    Raises:
        TypeError: *record* is not a record (an attrs instance).

    >>> p = page(DateSpan.parse("2020"))
    >>> [(row.label, row.text) for row in p.rows]
    [('earliest', '2020-01-01'), ('latest', '2020-12-31'), ('is inferred', 'no')]
    """
    if not attrs.has(type(record)):
        msg = f"expected a record, got {type(record).__name__}"
        raise TypeError(msg)
    rows = [*_rows(record, lang, 0), *related]
    cited: dict[str, Any] = {}
    for row in rows:
        for source in row.sources:
            cited.setdefault(source.id, source)
    listed = {source.id: source for source in _listed(record)}
    consulted = tuple(source for key, source in listed.items() if key not in cited)
    return Page(heading(record, lang), tuple(rows), tuple(cited.values()), consulted, lang)


def _listed(record: Any) -> Iterator[Any]:
    """The sources *record* lists, then those of the records shown inside its page."""
    yield from getattr(record, "sources", ())
    for attribute in attrs.fields(type(record)):
        if attribute.name in _OWN:
            continue
        value = getattr(record, attribute.name)
        for item in value if isinstance(value, tuple) else (value,):
            if not _stands_alone(item):
                yield from _listed(item)


def _rows(record: Any, lang: str, depth: int) -> Iterator[Row]:
    cited = {c.field: c.sources for c in getattr(record, "citations", ())}
    for attribute in attrs.fields(type(record)):
        if attribute.name in _OWN:
            continue
        value = getattr(record, attribute.name)
        sources = cited.get(attribute.name, ())
        yield from _value_rows(label(attribute), value, sources, empty_text(attribute), lang, depth)
    # One row per text in a language, whatever standards write it (M49 and UNTERM often agree).
    texts: dict[tuple[str, str, str], list[Any]] = {}
    for name in sorted(getattr(record, "names", ()), key=lambda n: (n.lang, n.field)):
        texts.setdefault((name.lang, name.field, name.text), []).extend(name.sources)
    for (language, field, text), sources in texts.items():
        yield Row(
            f"{label(field)} ({language})", (Piece(text),), tuple(dict.fromkeys(sources)), depth
        )


def _value_rows(  # noqa: PLR0913, PLR0917 - one row's parts
    title: str,
    value: object,
    sources: tuple[Any, ...],
    empty: str | None,
    lang: str,
    depth: int,
) -> Iterator[Row]:
    if value is None or value == ():
        if empty is not None:
            yield Row(title, (Piece(empty),), sources, depth)
        return
    if isinstance(value, tuple):
        if all(_stands_alone(item) for item in value):
            yield Row(title, tuple(_piece(item, lang) for item in value), sources, depth)
            return
        yield Row(title, (), sources, depth)
        for item in value:
            yield _item_row(item, lang, depth + 1)
        return
    if _stands_alone(value):
        yield Row(title, (_piece(value, lang),), sources, depth)
        return
    yield Row(title, (), sources, depth)
    yield from _rows(value, lang, depth + 1)


def _stands_alone(value: object) -> bool:
    """Whether a value fits in a line: a plain value, a span, or a record that says its name."""
    return not attrs.has(type(value)) or isinstance(value, DateSpan) or hasattr(value, "_short")


def _piece(value: object, lang: str) -> Piece:
    if isinstance(value, DateSpan):
        return Piece(span_text(value))
    short = getattr(value, "_short", None)
    if short is not None:
        long: str = getattr(value, "_long")(lang)  # noqa: B009 - the same duck-typed pair
        return Piece(short(lang), long)
    return Piece(cell(value))


def _item_row(item: Any, lang: str, depth: int) -> Row:
    """A record inside a list (a seat, a forum, a member list) as one row.

    Its first field is the label, its other fields the pieces ("since 2019-05-09").
    """
    first, *rest = attrs.fields(type(item))
    cited = {c.field: c.sources for c in getattr(item, "citations", ())}
    pieces: list[Piece] = []
    sources: list[Any] = list(cited.get(first.name, ()))
    for attribute in rest:
        value = getattr(item, attribute.name)
        if attribute.name in _OWN or value is None or value == ():
            continue
        text = ", ".join(piece.text for piece in _pieces(value, lang))
        pieces.append(Piece(f"{label(attribute)} {text}"))
        sources.extend(cited.get(attribute.name, ()))
    own = tuple(dict.fromkeys(sources)) or tuple(getattr(item, "sources", ()))
    title = ", ".join(piece.text for piece in _pieces(getattr(item, first.name), lang))
    return Row(title, tuple(pieces), own, depth)


def _pieces(value: object, lang: str) -> Iterable[Piece]:
    if isinstance(value, tuple):
        return [_piece(item, lang) for item in value]
    return [_piece(value, lang)]
