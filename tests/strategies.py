"""Hypothesis strategies shared by the test modules."""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

import un_migration_network as umn
from un_migration_network import DateSpan
from un_migration_network._kinds import REGISTERED

if TYPE_CHECKING:
    from un_migration_network._kind import Kind

__all__ = [
    "BUNDLED_DOCUMENT",
    "FUZZ_DOCUMENT",
    "bundled_keys",
    "date_spans",
    "fresh_copy",
    "hostile_documents",
    "hostile_texts",
    "json_values",
    "lookup_keys",
    "lookup_texts",
    "mutated_documents",
    "paths_of",
]

#: The bundled dataset's JSON document; copy it before changing it.
BUNDLED_DOCUMENT: dict[str, Any] = json.loads(umn.load().to_json())


def _strings(value: object) -> set[str]:
    """Every string anywhere in *value*."""
    if isinstance(value, dict):
        return set().union(*map(_strings, value.values()))
    if isinstance(value, list):
        return set().union(*map(_strings, value))
    return {value} if isinstance(value, str) else set()


def _fuzz_document() -> dict[str, Any]:
    """The bundled document with only the countries its other records name, and three more.

    What the fuzz tests change and load: every kind and every shape of record is there, at
    half the cost of a load of the whole (a loaded document is loaded again and validated).
    """
    named = _strings({k: v for k, v in BUNDLED_DOCUMENT.items() if k != "countries"})
    # And a few that no record names, of each shape: an area without a network (Antarctica),
    # a user-assigned code (Kosovo), a country whose names the tables write otherwise
    # (the Netherlands).
    named |= {"AQ", "XK", "NL"}
    countries = [c for c in BUNDLED_DOCUMENT["countries"] if c["alpha2"] in named]
    document: dict[str, Any] = json.loads(json.dumps({**BUNDLED_DOCUMENT, "countries": countries}))
    return document


#: The document the fuzz strategies change (`mutated_documents`, `hostile_documents`).
FUZZ_DOCUMENT: dict[str, Any] = _fuzz_document()

# The JSON text of each document `fresh_copy` has copied, with the document itself (kept so
# that its id is never another's).
_TEXTS: dict[int, tuple[dict[str, Any], str]] = {}


def fresh_copy(document: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of *document*, a JSON document that stays as it is, to change.

    Parsed from its text, written once: a few times faster than `copy.deepcopy`, and many
    times faster under coverage, which traces deepcopy's every call.
    """
    kept = _TEXTS.get(id(document))
    if kept is None:
        kept = _TEXTS[id(document)] = (document, json.dumps(document))
    copied: dict[str, Any] = json.loads(kept[1])
    return copied


_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)

#: Any value `json.loads` can return.
json_values: st.SearchStrategy[Any] = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)

Path = tuple[str | int, ...]


def paths_of(value: object, prefix: Path = ()) -> list[Path]:
    """Every path into *value* (keys of objects, indexes of arrays), the root included."""
    out = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            out.extend(paths_of(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out.extend(paths_of(child, (*prefix, index)))
    return out


_ALL_PATHS = paths_of(FUZZ_DOCUMENT)


def _at(document: Any, path: Path) -> Any:
    for step in path:
        document = document[step]
    return document


_CONTAINER_PATHS = [
    path for path in _ALL_PATHS if isinstance(_at(FUZZ_DOCUMENT, path), dict | list)
]
# The paths of other base documents (documents of earlier releases), by the base's id.
_PATHS_OF: dict[int, tuple[list[Path], list[Path]]] = {
    id(FUZZ_DOCUMENT): (_ALL_PATHS, _CONTAINER_PATHS)
}


def _paths(base: dict[str, Any]) -> tuple[list[Path], list[Path]]:
    """Every path into *base*, and those of its objects and arrays (computed once)."""
    found = _PATHS_OF.get(id(base))
    if found is None:
        every = paths_of(base)
        found = _PATHS_OF[id(base)] = (
            every,
            [path for path in every if isinstance(_at(base, path), dict | list)],
        )
    return found


@st.composite
def _mutation(draw: st.DrawFn, document: dict[str, Any], base: dict[str, Any]) -> None:
    """Replace, delete or insert one value somewhere in *document* (a copy of *base*)."""
    every, containers = _paths(base)
    operation = draw(st.sampled_from(["replace", "delete", "insert"]))
    if operation == "insert":
        try:
            parent = _at(document, draw(st.sampled_from(containers)))
        except (KeyError, IndexError, TypeError):
            return  # an earlier mutation removed it
        value = draw(json_values)
        if isinstance(parent, dict):
            parent[draw(st.text(max_size=12))] = value
        elif isinstance(parent, list):
            parent.insert(draw(st.integers(0, len(parent))), value)
        return
    path = draw(st.sampled_from(every[1:]))
    try:
        parent = _at(document, path[:-1])
        parent[path[-1]]
    except (KeyError, IndexError, TypeError):
        return
    if operation == "delete":
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(json_values)


@st.composite
def mutated_documents(
    draw: st.DrawFn, max_mutations: int = 3, base: dict[str, Any] | None = None
) -> dict[str, Any]:
    """*base* (`FUZZ_DOCUMENT` by default) with one to *max_mutations* random changes.

    *base* must stay the same object from one call to the next: its paths are kept.
    """
    original = FUZZ_DOCUMENT if base is None else base
    document = fresh_copy(original)
    for _ in range(draw(st.integers(1, max_mutations))):
        draw(_mutation(document, original))
    return document


# The keys (ids, countries' alpha-2 codes) of every array of the document, with the array's
# name, and the string values that are such keys (references).
_IDS = {
    key: plural
    for plural, value in FUZZ_DOCUMENT.items()
    if isinstance(value, list)
    for item in value
    if isinstance(item, dict)
    for key in (item.get("id"), item.get("alpha2"))
    if isinstance(key, str)
}
_STRING_PATHS = [path for path in _ALL_PATHS if isinstance(_at(FUZZ_DOCUMENT, path), str)]
_REFERENCE_PATHS = [path for path in _STRING_PATHS if _at(FUZZ_DOCUMENT, path) in _IDS]
_KEY_PATHS = [path for path in _ALL_PATHS[1:] if isinstance(path[-1], str)]

#: Text that no field may hold: blank, or with a control character or a lone surrogate.
hostile_texts: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(["", " ", "\t", "\u3000", "\n\n"]),
    st.builds(
        lambda head, bad, tail: head + bad + tail,
        st.text(max_size=5),
        st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\x85", "\ud800", "\udfff", "\n"]),
        st.text(max_size=5),
    ),
)


@st.composite
def _hostile_change(draw: st.DrawFn, document: dict[str, Any]) -> None:
    """One hostile change: drop a key, change a type, swap a reference, blank a string."""
    operation = draw(st.sampled_from(["drop", "retype", "swap", "blank"]))
    paths = {"drop": _KEY_PATHS, "retype": _ALL_PATHS[1:], "swap": _REFERENCE_PATHS}
    path = draw(st.sampled_from(paths.get(operation, _STRING_PATHS)))
    try:
        parent = _at(document, path[:-1])
        current = parent[path[-1]]
    except (KeyError, IndexError, TypeError):
        return  # an earlier change removed it
    if operation == "drop":
        del parent[path[-1]]
    elif operation == "retype":
        parent[path[-1]] = draw(json_values.filter(lambda v: type(v) is not type(current)))
    elif operation == "swap":
        others = sorted(i for i, k in _IDS.items() if k != _IDS.get(current))
        parent[path[-1]] = draw(st.sampled_from(others))
    else:
        parent[path[-1]] = draw(hostile_texts)


@st.composite
def hostile_documents(draw: st.DrawFn, max_changes: int = 3) -> dict[str, Any]:
    """`FUZZ_DOCUMENT` with one to *max_changes* hostile changes (issue #10's fuzz)."""
    document = fresh_copy(FUZZ_DOCUMENT)
    for _ in range(draw(st.integers(1, max_changes))):
        draw(_hostile_change(document))
    return document


@st.composite
def date_spans(draw: st.DrawFn) -> DateSpan:
    """A day, a month, a year, or any span between two dates, possibly inferred."""
    day = draw(st.dates())
    form = draw(st.sampled_from(["day", "month", "year", "bounds"]))
    if form == "day":
        return DateSpan.parse(day.isoformat())
    if form == "month":
        return DateSpan.parse(day.isoformat()[:7])
    if form == "year":
        return DateSpan.parse(day.isoformat()[:4])
    later = draw(st.dates(min_value=day))
    return DateSpan(day, later, is_inferred=draw(st.booleans()))


@functools.cache
def _all_keys() -> tuple[str, ...]:
    """Every key of every bundled record, as text, sorted."""
    dataset = umn.load()
    return tuple(
        sorted(
            {
                str(key)
                for kind in REGISTERED
                for record in dataset.registry(kind)
                for key in kind.keys(record)
                if key is not None
            }
        )
    )


@functools.cache
def _keyed_records() -> tuple[tuple[Kind[Any], Any, str], ...]:
    """Each key of each bundled record of every registered kind: (kind, record, key)."""
    dataset = umn.load()
    return tuple(
        (kind, record, str(key))
        for kind in REGISTERED
        for record in dataset.registry(kind)
        for key in dict.fromkeys(kind.keys(record))
        if key is not None
    )


@st.composite
def bundled_keys(draw: st.DrawFn) -> tuple[Kind[Any], Any, str]:
    """A bundled record of a registered kind, with its kind and one of its keys.

    The key is written as people write it: in another case, or padded with spaces.
    """
    # An index, not sampled_from: Hypothesis would print the records of every choice.
    items = _keyed_records()
    kind, record, key = items[draw(st.integers(0, len(items) - 1))]
    written = draw(st.sampled_from([key, key.upper(), key.lower(), f"  {key} "]))
    return kind, record, written


@st.composite
def _perturbed_key(draw: st.DrawFn) -> str:
    """A real key with its case changed and a character dropped, added or swapped."""
    keys = _all_keys()
    key = keys[draw(st.integers(0, len(keys) - 1))]
    key = draw(st.sampled_from([key, key.upper(), key.lower(), key.swapcase()]))
    if not key:
        return key
    index = draw(st.integers(0, len(key) - 1))
    edit = draw(st.sampled_from(["none", "drop", "add", "swap"]))
    if edit == "drop":
        return key[:index] + key[index + 1 :]
    if edit == "add":
        return key[:index] + draw(st.characters()) + key[index:]
    if edit == "swap":
        return key[:index] + draw(st.characters()) + key[index + 1 :]
    return key


#: Text a person might type into a lookup: anything at all, or a real key slightly off.
lookup_texts: st.SearchStrategy[str] = st.text() | _perturbed_key()

#: Anything a caller might pass as a key: text, numbers of every size, and other values.
lookup_keys: st.SearchStrategy[object] = st.one_of(
    lookup_texts,
    st.integers(),
    st.integers(min_value=10**990, max_value=10**1010),
    st.booleans(),
    st.none(),
    st.floats(),
    st.binary(max_size=8),
    st.tuples(st.text(max_size=4)),
    st.lists(st.integers(), max_size=2),
)
