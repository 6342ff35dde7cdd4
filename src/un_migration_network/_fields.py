"""What a record's fields say of themselves: a description, words for views, their role.

Each field of a record class is described once, where it is declared, with `field`; the
views, the exports, the JSON Schema, the checks and the class docstring read it from there
(`attrs.fields`), so a new field shows everywhere without code of its own. The descriptions
are data, not docstrings, so ``python -OO`` changes nothing.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast, dataclass_transform

import attrs

__all__ = [
    "attributes",
    "doc",
    "empty_text",
    "evolve",
    "field",
    "is_cited",
    "is_named",
    "is_scheduled",
    "label",
    "record",
]

_T = TypeVar("_T")
_DOC = "un_migration_network.doc"
_LABEL = "un_migration_network.label"
_NAMED = "un_migration_network.named"
_UNCITED = "un_migration_network.uncited"
_SCHEDULED = "un_migration_network.scheduled"
_EMPTY = "un_migration_network.empty"


def field(  # noqa: PLR0913 - every option is a keyword, each says one thing
    doc: str,
    *,
    default: Any = attrs.NOTHING,
    label: str | None = None,
    named: bool = False,
    uncited: bool = False,
    scheduled: bool = False,
    empty: str | None = None,
    repr: bool = True,  # noqa: A002 - attrs's own name for it
) -> Any:
    """Declare one field of a record.

    Args:
        doc: What the field holds, in one sentence (the JSON Schema and the docs show it).
        default: Its value when a document leaves it out.
        label: The field as words, where that is not its name with spaces ("declared members").
        named: Whether names in other languages may stand beside it (``name_in("fr")``).
        uncited: Whether it holds sources or names itself, and so cites nothing.
        scheduled: Whether its date may lie ahead of the data's as-of date (a forum's dates).
        empty: What an empty or missing value means, where it means something a view must say
            ("not listed": a member list that no source gives is not zero members).
        repr: Whether ``repr()`` shows it.
    """
    metadata = {
        _DOC: doc,
        _LABEL: label,
        _NAMED: named,
        _UNCITED: uncited,
        _SCHEDULED: scheduled,
        _EMPTY: empty,
    }
    return attrs.field(default=default, metadata=metadata, repr=repr)


def attributes(cls: type, /) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of the record class *cls* (a record class is an attrs class)."""
    found: tuple[attrs.Attribute[Any], ...] = attrs.fields(cast("Any", cls))
    return found


def evolve(record: _T, /, **changes: Any) -> _T:
    """A copy of *record* with *changes* (`attrs.evolve`, for a record class)."""
    changed: _T = attrs.evolve(cast("Any", record), **changes)
    return changed


def doc(attribute: attrs.Attribute[Any], /) -> str:
    """What a field holds, as its declaration says."""
    return str(attribute.metadata.get(_DOC, ""))


def label(attribute: attrs.Attribute[Any] | str, /) -> str:
    """A field's name as words: its label, or its name with spaces for underscores.

    >>> label("first_evidenced")
    'first evidenced'
    """
    if isinstance(attribute, str):
        return attribute.replace("_", " ")
    given: str | None = attribute.metadata.get(_LABEL)
    return given or attribute.name.replace("_", " ")


def is_named(attribute: attrs.Attribute[Any], /) -> bool:
    """Whether names in other languages may stand beside the field."""
    return bool(attribute.metadata.get(_NAMED))


def is_cited(attribute: attrs.Attribute[Any], /) -> bool:
    """Whether a citation may name the field (sources, citations and names cite nothing)."""
    return not attribute.metadata.get(_UNCITED)


def empty_text(attribute: attrs.Attribute[Any], /) -> str | None:
    """What an empty or missing value of the field means, where a view must say it."""
    text: str | None = attribute.metadata.get(_EMPTY)
    return text


def is_scheduled(attribute: attrs.Attribute[Any], /) -> bool:
    """Whether the field's date may lie after the data's as-of date."""
    return bool(attribute.metadata.get(_SCHEDULED))


@dataclass_transform(frozen_default=True, field_specifiers=(attrs.field, field))
def record(cls: type[_T], /) -> type[_T]:
    """Make *cls* a record: a frozen, slotted attrs class whose docstring lists its fields.

    Equality, hashing and ``repr`` come from the record base class, which reads the fields
    (attrs then compiles only ``__init__``: half the cost of a class at import).
    """
    made: type[_T] = attrs.frozen(eq=False, repr=False, match_args=False)(cls)
    if made.__doc__ is not None:  # None under python -OO
        made.__doc__ = _with_attributes(made.__doc__, attrs.fields(made))  # type: ignore[arg-type]
    return made


def _with_attributes(text: str, attributes: tuple[attrs.Attribute[Any], ...]) -> str:
    """*text* with an ``Attributes:`` section (Google style) before its examples.

    The section takes the indentation of the text's own lines: Python 3.13 strips a
    docstring's indentation when it compiles it, earlier versions keep it.
    """
    entries = [(a.name, doc(a)) for a in attributes if doc(a)]
    if not entries:
        return text
    lines = text.split("\n")
    body = [line for line in lines[1:] if line.strip()]
    pad = " " * min((len(line) - len(line.lstrip()) for line in body), default=4)
    examples = next((i for i, line in enumerate(lines) if line.lstrip().startswith(">>>")), None)
    head = "\n".join(lines[:examples]).rstrip()
    section = "".join(f"{pad}    {name}: {words}\n" for name, words in entries)
    tail = "" if examples is None else "\n" + "\n".join(lines[examples:])
    return f"{head}\n\n{pad}Attributes:\n{section}{tail}"
