"""The one record a query names, of any kind: what ``show`` shows (`Data.lookup`).

A query names a record by any key of it ("Mozambique", "UNHCR", "13"), or names its kind
first ("objective 13", "guiding principle: c", "champion Kenya"); "gcm", "imrf" and
"executive committee" (or their names in any language) name the Compact, its review forum
and the Committee. Where records of several kinds share a key, the kind of the lower rank
wins (a network before a Champion, a Champion before a country); two kinds of one rank are
a tie, which the query must settle by naming the kind.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from un_migration_network._committee import COMMITTEE
from un_migration_network._compact import COMPACT
from un_migration_network._kinds import REGISTERED, Kind
from un_migration_network._normalize import MAX_QUERY, normalize
from un_migration_network._registry import suggestible
from un_migration_network.exceptions import AmbiguousError, NotFoundError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from typing import Protocol

    from un_migration_network._dataset import Found
    from un_migration_network._registry import Registry

    class Data(Protocol):
        """What a query reads: a `Data`, or the bundled data itself (`_bundle.Bundle`)."""

        def registry(self, kind: Kind[Any], /) -> Registry[Any]:
            """The registry of one kind."""

        def singleton(self, kind: Kind[Any], /) -> Any:
            """The Compact or the Executive Committee."""

        def singleton_keys(self) -> Mapping[str, frozenset[str]]:
            """The folded keys that name each single record (see `singleton_keys`)."""


__all__ = ["get", "lookup", "singleton_keys", "suggestions"]

# What a query names besides the records of the registries (folded when compared).
_COMPACT_WORDS = ("gcm", "compact", "the compact", "global compact", "global compact for migration")
_FORUM_WORDS = ("imrf", "review forum", "forum")
_COMMITTEE_WORDS = ("executive committee", "ec", "committee", "excom")
_WORDS = re.compile(r"\s+|:")
_SEARCHABLE = tuple(kind for kind in REGISTERED if kind.is_searchable)


def lookup(ds: Data, query: str) -> Found:
    """The one record *query* names (see the module's docstring).

    Raises:
        NotFoundError: Nothing matches; its suggestions come from every kind.
        AmbiguousError: Records of two kinds of one rank share the key.
    """
    given: object = query  # callers without type checking may pass anything
    if not isinstance(given, str) or len(given) > MAX_QUERY:
        raise NotFoundError(query, kind="record")
    found = _resolve(ds, given)
    if found is None:
        raise NotFoundError(given, kind="record", suggestions=suggestions(ds, given))
    return found


def _resolve(ds: Data, query: str) -> Found | None:
    """The record *query* names, or None.

    Raises:
        AmbiguousError: Records of two kinds of one rank share the key.
        NotFoundError: The query names a kind first and no record of it.
    """
    found = _singleton(ds, normalize(query)) or _with_kind(ds, query)
    if found is not None:
        return found
    for rank in sorted({kind.rank for kind in _SEARCHABLE}):
        hits = [
            (kind, hit)
            for kind in _SEARCHABLE
            if kind.rank == rank and (hit := ds.registry(kind).get(query)) is not None
        ]
        if len(hits) > 1:
            raise AmbiguousError(query, tuple((k.name, k.key(r)) for k, r in hits))
        if hits:
            record: Found = hits[0][1]
            return record
    return None


def get(ds: Data, query: str) -> Found | None:
    """Like `lookup`, but None where nothing, or more than one kind, matches."""
    try:
        return lookup(ds, query)
    except (NotFoundError, AmbiguousError):
        return None


def suggestions(ds: Data, query: str, *, limit: int = 3) -> tuple[str, ...]:
    """The closest queries that `lookup` answers, best first, each once and short.

    A key that two kinds of one rank share is suggested with its kind ("objective 23").
    """
    ranked = sorted(
        (
            (match.score, kind.rank, kind, match.record, match.key)
            for kind in _SEARCHABLE
            for match in ds.registry(kind).matches(query, limit=limit)
            if suggestible(match.score)
        ),
        # Equal scores: the kind of the lower rank first; then each kind's own order.
        key=lambda hit: (-hit[0], hit[1]),
    )
    found: dict[str, str] = {}
    for _, _, kind, record, key in ranked:
        text = ds.registry(kind).short_key(record, key)
        answer = _answer(ds, text)
        if answer is record:
            shown = text
        elif answer is not None and text in found.values():
            # "Mozambique" is already suggested: it answers with the network, and the
            # country or the Champion of that name would only repeat it.
            continue
        else:
            shown = f"{kind.name} {kind.key(record)}"
        found.setdefault(normalize(shown), shown)
        if len(found) == limit:
            break
    return tuple(found.values())


def _answer(ds: Data, text: str) -> Any:
    """The record `lookup` answers *text* with, or None (nothing, or a tie)."""
    try:
        return _resolve(ds, text)
    except (NotFoundError, AmbiguousError):
        return None


def singleton_keys(compact: Any) -> dict[str, frozenset[str]]:
    """The folded keys that name the Compact, its review forum and the Executive Committee.

    The bundled index keeps them, so that a query reads the Compact only if it names it.
    """
    forum = compact.review_forum
    return {
        "compact": _keys(_COMPACT_WORDS, compact.name, compact.acronym, *_names(compact)),
        "review_forum": _keys(_FORUM_WORDS, forum.name, forum.acronym, *_names(forum)),
        "executive_committee": _keys(_COMMITTEE_WORDS),
    }


def _singleton(ds: Data, key: str) -> Found | None:
    keys = ds.singleton_keys()
    if key in keys["compact"]:
        compact: Found = ds.singleton(COMPACT)
        return compact
    if key in keys["review_forum"]:
        forum: Found = ds.singleton(COMPACT).review_forum
        return forum
    if key in keys["executive_committee"]:
        committee: Found = ds.singleton(COMMITTEE)
        return committee
    return None


def _names(record: Any) -> Iterator[str]:
    return (name.text for name in record.names)


def _keys(words: tuple[str, ...], *texts: str) -> frozenset[str]:
    return frozenset(normalize(text) for text in (*words, *texts))


def _with_kind(ds: Data, query: str) -> Found | None:
    """A query that names its kind first: "objective 13", "guiding principle: c"."""
    words = [word for word in _WORDS.split(query.strip()) if word]
    for size in (2, 1):
        if len(words) <= size:
            continue
        head, rest = normalize(" ".join(words[:size])), " ".join(words[size:])
        for kind in REGISTERED:
            if head in _kind_words(kind):
                try:
                    found: Found = ds.registry(kind).lookup(rest)
                except NotFoundError as error:
                    if error.country is not None:
                        raise  # "network Guatemala": a country without one is no typo
                    # "objective 24" names the kind: say what there is of it, not a typo.
                    raise NotFoundError(
                        rest, kind=kind.name, suggestions=error.suggestions, note=_range(ds, kind)
                    ) from None
                return found
    return None


def _range(ds: Data, kind: Kind[Any]) -> str | None:
    """What there is of a kind whose records are numbered or lettered ("objectives 1 to 23")."""
    keys = [kind.key(record) for record in ds.registry(kind)]
    if not keys or kind.primary not in ("number", "letter"):
        return None
    first, last = keys[0], keys[-1]
    return f"the data has {len(keys)} {kind.label}, {first} to {last}"


def _kind_words(kind: Kind[Any]) -> set[str]:
    """The words that name a kind at the start of a query ("objective", "principles")."""
    last = kind.name.split()[-1]
    return {normalize(word) for word in (kind.name, kind.plural, kind.label, last, last + "s")}
