"""Changes to a JSON document, for the tables of broken documents in the tests."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

Document = dict[str, Any]
Change = Callable[[Document], None]


def set_at(path: tuple[str | int, ...], value: object) -> Change:
    """A change that sets the value at *path*."""

    def change(document: Document) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def delete_at(path: tuple[str | int, ...]) -> Change:
    """A change that deletes the value at *path*."""

    def change(document: Document) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return change


def append_copy(key: str, index: int, **fields: object) -> Change:
    """A change that appends a copy of ``document[key][index]`` with *fields* changed."""

    def change(document: Document) -> None:
        document[key].append({**copy.deepcopy(document[key][index]), **fields})

    return change
