"""The canonical JSON document: records as JSON, written in one stable form, and older forms read.

A record is written field by field from its attrs fields: a record of a kind others refer to
(a source, a country, an agency) is written as its key inside another record, a date span as
its short text where it has one, the citations as an object of field names and source ids.
The document is ``json.dumps(..., indent=2, sort_keys=True, ensure_ascii=False)`` of it all,
assembled here record by record so that each record's place in the text (its byte span) is
known: the bundled index (`_index`) points at them.
"""

import datetime as dt
import enum
import json
from collections.abc import Mapping
from typing import Any, NamedTuple

import attrs

from un_migration_network._dates import DateSpan
from un_migration_network._kinds import KINDS, Kind

__all__ = ["Written", "to_data", "upgrade", "write"]

_REFERENCED: dict[type, Kind[Any]] = {kind.type: kind for kind in KINDS if kind.is_referenced}
_INDENT = 2


def to_data(record: Any, /) -> dict[str, Any]:
    """One record as the document writes it: its own fields whole, what it refers to by key."""
    data = {}
    for attribute in attrs.fields(type(record)):
        value = getattr(record, attribute.name)
        # The sources of each field: an object of field names and source ids.
        data[attribute.name] = (
            {c.field: [source.id for source in c.sources] for c in value}
            if attribute.name == "citations"
            else _value(value)
        )
    return data


def _value(value: object) -> Any:  # noqa: PLR0911 - one return per kind of value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, DateSpan):
        short = value.short()
        if short is not None:
            return short
        return {
            "earliest": value.earliest.isoformat(),
            "latest": value.latest.isoformat(),
            "is_inferred": value.is_inferred,
        }
    if isinstance(value, tuple):
        return [_value(item) for item in value]
    kind = _REFERENCED.get(type(value))
    if kind is not None:
        return kind.key(value)
    return to_data(value)


class Written(NamedTuple):
    """A document's text, and where each record stands in it (byte offsets of its UTF-8)."""

    text: str
    spans: dict[str, list[tuple[int, int]]]


def write(as_of: dt.date, parts: Mapping[str, Any]) -> Written:
    """The canonical document of *parts* (each kind's records, or its one record) as of a day.

    Equal to ``json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)`` of the whole,
    plus a final line break; each record's span is its place in the UTF-8 text.
    """
    pieces: list[str] = ["{\n"]
    offset = 2
    spans: dict[str, list[tuple[int, int]]] = {}
    keys = sorted(["as_of", *parts])
    for position, key in enumerate(keys):
        closing = ",\n" if position < len(keys) - 1 else "\n"
        head = f"{' ' * _INDENT}{json.dumps(key)}: "
        pieces.append(head)
        offset += len(head.encode())
        if key == "as_of":
            text = json.dumps(as_of.isoformat())
            pieces.append(text + closing)
            offset += len((text + closing).encode())
            continue
        value = parts[key]
        if isinstance(value, tuple | list):
            found, text = _array(value, offset)
            spans[key] = found
        else:
            text = _dumps(to_data(value), _INDENT)
            spans[key] = [(offset, offset + len(text.encode()))]
        pieces.append(text + closing)
        offset += len((text + closing).encode())
    pieces.append("}\n")
    return Written("".join(pieces), spans)


def _array(records: tuple[Any, ...] | list[Any], offset: int) -> tuple[list[tuple[int, int]], str]:
    if not records:
        return [], "[]"
    spans: list[tuple[int, int]] = []
    pieces = ["[\n"]
    offset += 2
    inner = " " * (2 * _INDENT)
    for index, record in enumerate(records):
        text = _dumps(to_data(record), 2 * _INDENT)
        start = offset + len(inner)
        end = start + len(text.encode())
        spans.append((start, end))
        tail = ",\n" if index < len(records) - 1 else "\n"
        piece = inner + text + tail
        pieces.append(piece)
        offset += len(piece.encode())
    pieces.append(" " * _INDENT + "]")
    return spans, "".join(pieces)


def _dumps(data: object, depth: int) -> str:
    text = json.dumps(data, indent=_INDENT, sort_keys=True, ensure_ascii=False)
    return text.replace("\n", "\n" + " " * depth)


# --- documents of earlier releases ----------------------------------------------------------

# Where a document of the first two releases wrote a whole country inside another record.
_COUNTRY_HOLDERS = ("networks", "champions")
_STATE_LISTS = ("voted_against", "abstained")


def upgrade(data: Mapping[str, Any], /) -> Mapping[str, Any]:
    """*data* in today's form, if it is in the form of an earlier release; else *data* itself.

    Releases 0.1 and 0.2 wrote each country whole inside the record that names it, and 0.1 a
    State as its name alone; today a document holds its countries in an array and refers to
    each by its ISO alpha-2 code. An inline country becomes a record of that array, citing
    what its record cites for its country. Anything that is not in an earlier form is left
    as it is, for the converter to report.
    """
    if "countries" in data or not _has_inline_country(data):
        return data
    upgraded = dict(data)
    countries: dict[str, dict[str, Any]] = {}
    for plural in _COUNTRY_HOLDERS:
        items = data.get(plural)
        if isinstance(items, list):
            upgraded[plural] = [_lift(item, countries) for item in items]
    compact = data.get("compact")
    if isinstance(compact, Mapping):
        lifted = dict(compact)
        for key in _STATE_LISTS:
            states = compact.get(key)
            if isinstance(states, list):
                lifted[key] = [_state(state, compact, countries) for state in states]
        upgraded["compact"] = lifted
    upgraded["countries"] = [countries[code] for code in sorted(countries)]
    return upgraded


def _has_inline_country(data: Mapping[str, Any]) -> bool:
    for plural in _COUNTRY_HOLDERS:
        items = data.get(plural)
        if isinstance(items, list) and any(_inline(item) for item in items):
            return True
    compact = data.get("compact")
    if isinstance(compact, Mapping):
        for key in _STATE_LISTS:
            states = compact.get(key)
            if isinstance(states, list) and any(
                isinstance(state, str) or _inline(state) for state in states
            ):
                return True
    return False


def _inline(item: object) -> bool:
    return isinstance(item, Mapping) and isinstance(item.get("country"), Mapping)


def _lift(item: object, countries: dict[str, dict[str, Any]]) -> object:
    if not isinstance(item, Mapping) or not _inline(item):
        return item
    citations = item.get("citations")
    cited = citations.get("country") if isinstance(citations, Mapping) else None
    sources = cited if isinstance(cited, list) and cited else item.get("sources", [])
    code = _country(item["country"], sources, countries)
    return {**item, "country": code} if code is not None else item


def _state(state: object, compact: Mapping[str, Any], countries: dict[str, Any]) -> object:
    if isinstance(state, str):
        return {"as_written": state, "country": None}
    if not isinstance(state, Mapping) or not _inline(state):
        return state
    citations = compact.get("citations")
    sources: list[object] = []
    if isinstance(citations, Mapping):
        for key in _STATE_LISTS:
            cited = citations.get(key)
            if isinstance(cited, list):  # anything else is the converter's to report
                sources.extend(cited)
    code = _country(state["country"], sources or compact.get("sources", []), countries)
    return {**state, "country": code} if code is not None else state


def _country(inline: Mapping[str, Any], sources: object, countries: dict[str, Any]) -> str | None:
    code = inline.get("alpha2")
    if not isinstance(code, str):
        return None
    cited = [s for s in sources if isinstance(s, str)] if isinstance(sources, list) else []
    record = countries.setdefault(code, {"sources": [], "citations": {}})
    record.update({k: v for k, v in inline.items() if k not in ("sources", "citations")})
    record["sources"] = list(dict.fromkeys([*record["sources"], *cited]))
    return code
