"""Your own JSON document as a dataset: read safely, parsed strictly, structured in full."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from un_migration_network._dataset import Dataset
from un_migration_network._document import upgrade
from un_migration_network._files import read_document
from un_migration_network._problems import Code
from un_migration_network.exceptions import DataError, DataProblem, quote

__all__ = ["load_dataset"]


def load_dataset(source: str | os.PathLike[str] | Mapping[str, Any], /) -> Dataset:
    """Build a new dataset from your own JSON document; the bundled data is left as it is.

    Documents of earlier releases (countries written inside the records that name them) are
    read too.

    Args:
        source: A path to a JSON file (a regular file of at most 64 MiB), or an
            already-parsed JSON object.

    Raises:
        DataError: The document cannot be read or does not fit; every problem is listed
            with its JSON path.

    >>> import json, un_migration_network as umn
    >>> mine = umn.load_dataset(json.loads(umn.load().to_json()))
    >>> mine == umn.load(), mine is umn.load()
    (True, False)
    """
    given: object = source  # callers without type checking may pass anything
    if isinstance(given, Mapping):
        return _build(given, None)
    if isinstance(given, str | os.PathLike):
        text, origin = read_document(given)
        return _build(_parse(text, origin), origin)
    problem = DataProblem(
        "$", f"expected a path or a JSON object, got {type(given).__name__}", Code.WRONG_TYPE
    )
    raise DataError([problem])


def _build(data: object, origin: str | None) -> Dataset:
    # cattrs is imported only here: reading a user's document is its one use.
    from un_migration_network._converter import structure  # noqa: PLC0415

    try:
        as_of, parts = structure(
            upgrade(data) if isinstance(data, Mapping) else data, origin=origin
        )
    except RecursionError:
        problem = DataProblem("$", "the document is nested too deeply to read", Code.TOO_DEEP)
        raise DataError([problem], origin=origin) from None
    return Dataset.of(as_of, parts, origin=origin)


def _parse(text: str, origin: str) -> object:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                msg = f"the key {quote(key)} appears twice in one object"
                raise ValueError(msg)
            result[key] = value
        return result

    def no_constant(name: str) -> object:
        msg = f"{name} is not valid JSON"
        raise ValueError(msg)

    try:
        return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constant)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        problem = DataProblem("$", f"not valid JSON: {error.msg} ({where})", Code.NOT_JSON)
    except RecursionError:
        problem = DataProblem("$", "the JSON is nested too deeply to read", Code.TOO_DEEP)
    except ValueError as error:
        problem = DataProblem("$", f"not valid JSON: {error}", Code.NOT_JSON)
    raise DataError([problem], origin=origin)
