"""Changes to a JSON document, for the tables of broken documents in the tests.

A path is a tuple of steps: a key of an object, an index of an array, or `ID(...)`, which finds
the element of an array by its key (``id``, a country's ``alpha2``, ``number``, ``letter``, a
seat's ``agency``, an edition's ``year``, a member list's ``as_of``), so that a test about
Mozambique's network still finds it after a network is added before it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

Document = dict[str, Any]
Change = Callable[[Document], None]
_KEYS = ("id", "alpha2", "number", "letter", "agency", "year", "as_of")


class ID:
    """A path step: the element of an array whose key is *key*.

    The key is a record's ``id``, a country's ``alpha2`` (``ID("MZ")``), an objective's
    ``number``, a principle's ``letter``, a seat's ``agency``, a forum edition's ``year`` or
    a dated member list's ``as_of`` (``ID("2019-11-14")``).
    """

    def __init__(self, key: str | int) -> None:
        self.key = key

    def index_in(self, items: list[Any]) -> int:
        """The index of the element this step names in *items*.

        Raises:
            LookupError: No element has that key (the test's own mistake).
        """
        for index, item in enumerate(items):
            if isinstance(item, dict) and any(item.get(name) == self.key for name in _KEYS):
                return index
        msg = f"no element has the key {self.key!r}"
        raise LookupError(msg)

    def __repr__(self) -> str:
        return f"ID({self.key!r})"


Step = str | int | ID
Path = tuple[Step, ...]


def resolve(document: Document, path: Path) -> tuple[str | int, ...]:
    """*path* with each `ID` step replaced by the index it names in *document*.

    The steps after the last `ID` are kept as they are, so a path may end in a key that a
    change is about to add.
    """
    concrete: list[str | int] = []
    target: Any = document
    last = max((i for i, step in enumerate(path) if isinstance(step, ID)), default=-1)
    for position, step in enumerate(path):
        index = step.index_in(target) if isinstance(step, ID) else step
        concrete.append(index)
        if position < last:
            target = target[index]
    return tuple(concrete)


def json_path(document: Document, path: Path) -> str:
    """The JSON path a problem at *path* reports: ``$.networks[16].launched``."""
    text = "$"
    for step in resolve(document, path):
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text


def set_at(path: Path, value: object) -> Change:
    """A change that sets the value at *path*."""

    def change(document: Document) -> None:
        *parents, last = resolve(document, path)
        target: Any = document
        for step in parents:
            target = target[step]
        target[last] = value

    return change


def delete_at(path: Path) -> Change:
    """A change that deletes the value at *path*."""

    def change(document: Document) -> None:
        *parents, last = resolve(document, path)
        target: Any = document
        for step in parents:
            target = target[step]
        del target[last]

    return change


def append_copy(key: str, which: Step, **fields: object) -> Change:
    """A change that appends a copy of the element *which* of ``document[key]``, changed."""

    def change(document: Document) -> None:
        items = document[key]
        index = which.index_in(items) if isinstance(which, ID) else which
        items.append({**copy.deepcopy(items[index]), **fields})

    return change


def get_at(document: Document, path: Path) -> Any:
    """The value at *path* in *document*."""
    target: Any = document
    for step in resolve(document, path):
        target = target[step]
    return target


def append_at(path: Path, value: object) -> Change:
    """A change that appends *value* to the array at *path*."""

    def change(document: Document) -> None:
        get_at(document, path).append(copy.deepcopy(value))

    return change


def combine(*changes: Change) -> Change:
    """A change made of several, made in order."""

    def change(document: Document) -> None:
        for one in changes:
            one(document)

    return change
