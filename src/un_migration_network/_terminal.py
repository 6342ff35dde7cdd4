"""Plain text for the command line: a record's page with numbered sources, and tables.

The counterpart of `_html`: each function returns text and prints nothing. A page marks each
cited row with the numbers of its sources, "[1]", and lists the numbered sources below it,
one line each, as an encyclopedia does.
"""

import textwrap
from collections.abc import Sequence
from typing import Any

from un_migration_network._pages import ENGLISH, LANGUAGE_NAMES, Page

__all__ = ["WIDTH", "page_text", "table", "wrap"]

#: A page wraps at this width unless told otherwise.
WIDTH = 80
# A cut column keeps at least this many characters (or its header's).
_NARROWEST = 8
_DAY = len("YYYY-MM-DD")
_INDENT = "  "


def page_text(shown: Page, /, *, width: int = WIDTH, brief: bool = False) -> str:
    """A page as text: its title, labelled rows with source numbers, then the sources.

    With *brief*, the list of sources is left out (the numbers stay, for `--json`).
    """
    lines = textwrap.wrap(shown.title, width, break_long_words=False) or [shown.title]
    lines.append("=" * min(width, max(len(line) for line in lines)))
    if shown.lang != ENGLISH:
        language = LANGUAGE_NAMES.get(shown.lang, shown.lang)
        lines.append(f"In {language} where a source gives it; [en] marks English shown.")
    labels = [_INDENT * row.depth + row.label for row in shown.rows]
    label_width = min(max((len(label) for label in labels), default=0), width // 3)
    for label, row in zip(labels, shown.rows, strict=True):
        marks = "".join(f"[{n}]" for n in shown.marks(row))
        parts = [part for part in (row.text, f"({row.note})" if row.note else "", marks) if part]
        lines.extend(
            line.rstrip() for line in wrap(f"{label:<{label_width}}  ", " ".join(parts), width)
        )
    if not brief:
        if shown.sources:
            lines.extend(["", "Sources"])
            lines.extend(_source_line(n, s, width) for n, s in enumerate(shown.sources, start=1))
        if shown.consulted:
            # Right under the cited sources; where none is cited, apart from the rows.
            if not shown.sources:
                lines.append("")
            lines.append("Also consulted (cited by no field above)")
            first = len(shown.sources) + 1
            lines.extend(_source_line(n, s, width) for n, s in enumerate(shown.consulted, first))
    return "\n".join(lines)


def _source_line(number: int, source: Any, width: int) -> str:
    """One source in one line: its number, its title cut to fit, and its whole address."""
    details = [source.publisher] if source.publisher and source.title else []
    if source.published is not None:
        details.append(source.published.isoformat())
    if getattr(source.kind, "value", "") == "secondary":
        details.append("secondary")
    title = source.title or source.publisher or ""
    if details:
        title += f" ({', '.join(details)})"
    head = f"[{number}] "
    room = width - len(head) - len(source.url) - 1
    # A web address is never cut, so that it can be copied; the title gives way.
    if room < _NARROWEST or not title:
        return f"{head}{source.url}"
    if len(title) > room:
        title = title[: room - 1] + "…"
    return f"{head}{title} {source.url}"


def wrap(prefix: str, text: str, width: int = WIDTH) -> list[str]:
    """*text* wrapped to *width* after *prefix*, the lines after it indented to match."""
    room = max(width - len(prefix), 20)
    chunks = textwrap.wrap(text, room, break_on_hyphens=False, break_long_words=False) or [""]
    return [prefix + chunks[0], *(" " * len(prefix) + c for c in chunks[1:])]


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    width: int | None = None,
    keep: int = 0,
    text: Sequence[int] = (),
) -> str:
    """Rows under headers; with a *width*, the widest columns are cut (with "…") to fit it.

    The column *keep* (the key a reader passes to ``show``) is never cut. The columns of free
    *text* (names, titles) are cut first, the widest first, down to their header or eight
    characters; then the others (dates, codes); only when every column is down to that is
    any cut further.

    >>> print(table(["no", "label"], [["1", "Data"]]))
    no  label
    --  -----
    1   Data
    """
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    if width is not None:
        overflow = sum(widths) + 2 * (len(widths) - 1) - width
        floor = [max(len(h), _NARROWEST) for h in headers]
        # A date (YYYY-MM-DD) or a code stays whole as long as anything else can give way.
        whole = [max(len(h), _DAY) for h in headers]
        free = [i for i in text if i != keep]
        rest = [i for i in range(len(widths)) if i != keep and i not in free]
        for floors, columns in ((floor, free), (whole, rest)):
            for index in sorted(columns, key=lambda i: -widths[i]):
                cut = max(0, min(overflow, widths[index] - floors[index]))
                widths[index] -= cut
                overflow -= cut
        # Still too wide (a narrow terminal): the widest of the others gives a character at a
        # time, so that every column keeps what it can.
        others = free + rest
        while overflow > 0 and others and max(widths[i] for i in others) > 1:
            widest = max(others, key=lambda i: widths[i])
            widths[widest] -= 1
            overflow -= 1

    def line(cells: Sequence[str]) -> str:
        fitted = (
            c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(cells, widths, strict=True)
        )
        return "  ".join(c.ljust(w) for c, w in zip(fitted, widths, strict=True)).rstrip()

    lines = [line(headers), line(["-" * w for w in widths]), *(line(row) for row in rows)]
    return "\n".join(lines)
