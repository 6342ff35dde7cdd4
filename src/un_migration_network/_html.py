"""HTML views for notebooks: a record's page, a registry's table, a dataset's summary.

Every piece of text is escaped, because the data may be a user's own document; only
``http(s)`` source addresses become links. A page's sources are numbered once, below its
table, and each row refers to them by number, as the command line's pages do.
"""

from collections.abc import Sequence
from typing import Any

from un_migration_network._pages import Page, Row, cell, page

__all__ = ["page_html", "record_html", "registry_html", "summary_html"]

# Notebooks right-align table cells by default, which makes text hard to read.
_STYLE = ' style="text-align:left;vertical-align:top"'
# A registry longer than this shows its first rows only (pandas stops at 60 as well).
_MAX_ROWS = 60
_SHOWN_ROWS = 50
# A row of more pieces than this folds the rest into a <details> element that opens on a click.
_FOLDED = 8
_LINK_SCHEMES = frozenset({"http", "https"})
# What `html.escape` replaces, written out: importing `html` loads its table of entities.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def _escape(text: str) -> str:
    """*text* safe in HTML, inside an element or a quoted attribute.

    >>> _escape('<a href="x">&</a>')
    '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;'
    """
    return text.translate(_ESCAPES)


def _scheme(url: str) -> str:
    """A URL's scheme, lowercase (RFC 3986, 3.1); "" where it has none."""
    head, colon, _ = url.partition(":")
    valid = head[:1].isascii() and head[:1].isalpha()
    return head.lower() if colon and valid and all(c.isalnum() or c in "+-." for c in head) else ""


def _cell(content: str, tag: str = "td", extra: str = "") -> str:
    return f"<{tag}{_STYLE}{extra}>{content}</{tag}>"


def _row(cells: Sequence[str], tag: str = "td") -> str:
    return "<tr>" + "".join(_cell(content, tag) for content in cells) + "</tr>"


def _table(rows: Sequence[str], caption: str, header: Sequence[str] = ()) -> str:
    parts = ["<table>", f"<caption{_STYLE}>{_escape(caption)}</caption>"]
    if header:
        parts.append("<thead>" + _row([_escape(name) for name in header], "th") + "</thead>")
    parts.append("<tbody>" + "".join(rows) + "</tbody></table>")
    return "".join(parts)


def _link(source: Any) -> str:
    label = _escape(source.title or source.publisher or source.id)
    # A ``javascript:`` address in someone's data must not become a live link.
    if _scheme(source.url) not in _LINK_SCHEMES:
        return label
    href = _escape(source.url)
    return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{label}</a>'


def _value(row: Row) -> str:
    items = [
        _escape(piece.text)
        if piece.title is None
        else f'<abbr title="{_escape(piece.title)}">{_escape(piece.text)}</abbr>'
        for piece in row.pieces
    ]
    if len(items) <= _FOLDED:
        return ", ".join(items)
    shown, rest = ", ".join(items[:_FOLDED]), ", ".join(items[_FOLDED:])
    more = f"and {len(items) - _FOLDED} more"
    return f"{shown}, <details><summary>{more}</summary>{rest}</details>"


def _listing(sources: Sequence[Any], *, start: int = 1) -> str:
    items = "".join(
        f"<li>{_link(source)}"
        + (" (secondary)" if getattr(source.kind, "value", "") == "secondary" else "")
        + "</li>"
        for source in sources
    )
    return f'<ol start="{start}" style="margin:0;padding-left:2em">{items}</ol>'


def page_html(shown: Page, /) -> str:
    """A page as an HTML table of its rows, its sources numbered below it."""
    rows = []
    for row in shown.rows:
        marks = "".join(f"<sup>[{n}]</sup>" for n in shown.marks(row))
        note = f" <em>({_escape(row.note)})</em>" if row.note else ""
        indent = "&emsp;" * row.depth
        rows.append(_row([indent + _escape(row.label), _value(row) + note + marks]))
    body = _table(rows, shown.title)
    if shown.sources:
        body += _listing(shown.sources)
    if shown.consulted:
        body += "<p>Also consulted:</p>" + _listing(shown.consulted, start=len(shown.sources) + 1)
    return body


def record_html(record: object, /, *, lang: str = "en") -> str:
    """One record as a table of its fields in words, with its sources numbered below it.

    >>> import un_migration_network as umn
    >>> view = record_html(umn.networks.lookup("Mozambique"))
    >>> "<abbr" in view, "<sup>[1]</sup>" in view, "declared members" in view
    (True, True, True)
    """
    return page_html(page(record, lang=lang))


def registry_html(
    label: str, name: str, headers: Sequence[str], rows: Sequence[Sequence[object]]
) -> str:
    """Records as a table of their key columns, captioned with their count.

    >>> registry_html("objectives", "objective", ["no"], [[1], [2]]).count("<tr>")
    3
    """
    caption = f"{len(rows)} {label if len(rows) != 1 else name}"
    shown = rows if len(rows) <= _MAX_ROWS else rows[:_SHOWN_ROWS]
    body = [_row([_escape(cell(value)) for value in row]) for row in shown]
    if len(shown) < len(rows):
        more = _escape(f"… and {len(rows) - len(shown)} more")
        body.append(f'<tr><td colspan="{len(headers)}"{_STYLE}>{more}</td></tr>')
    return _table(body, caption, header=headers)


def summary_html(caption: str, rows: Sequence[tuple[str, str]]) -> str:
    """A two-column table of labels and values (a dataset's counts of each kind).

    >>> summary_html("data", [("networks", "70")]).count("<td")
    2
    """
    return _table([_row([_escape(k), _escape(v)]) for k, v in rows], caption)
