"""What changed between two datasets, record by record and field by field.

Records are matched by their kind and primary key; each field is compared in the form the
document writes it (a reference by its key, a date span by its text), so a change reads as
the data file would show it: ``networks mozambique launched: "2022" -> "2022-02-15"``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import attrs

from un_migration_network._document import to_data
from un_migration_network._kinds import KINDS

if TYPE_CHECKING:
    from un_migration_network._dataset import Dataset

__all__ = ["Change", "DatasetDiff", "diff"]

# A changed value longer than this is shortened in the text (the JSON form keeps it whole).
_SHOWN = 60


@attrs.frozen
class Change:
    """One change of one field of one record (or a record added or removed, whole).

    Attributes:
        kind: The kind's plural name ("networks").
        key: The record's primary key ("mozambique").
        field: The field that changed; None for a record added or removed.
        old: The field's value before, as the document writes it (None when added).
        new: The value after (None when removed).
    """

    kind: str
    key: str
    field: str | None
    old: Any
    new: Any

    @property
    def what(self) -> str:
        """What happened to the record: it was added, removed or changed."""
        if self.field is not None:
            return "changed"
        return "added" if self.old is None else "removed"

    def __str__(self) -> str:
        if self.field is None:
            sign = "+" if self.old is None else "-"
            return f"{sign} {self.kind} {self.key}"
        return f"~ {self.kind} {self.key} {self.field}: {_short(self.old)} -> {_short(self.new)}"


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


@attrs.frozen
class DatasetDiff:
    """The changes from one dataset to another; falsy when they hold the same records.

    >>> import un_migration_network as umn
    >>> bool(umn.load().diff(umn.load()))
    False
    """

    old_as_of: str
    new_as_of: str
    changes: tuple[Change, ...]

    @property
    def added(self) -> tuple[Change, ...]:
        """The records added."""
        return tuple(c for c in self.changes if c.what == "added")

    @property
    def removed(self) -> tuple[Change, ...]:
        """The records removed."""
        return tuple(c for c in self.changes if c.what == "removed")

    @property
    def changed(self) -> tuple[Change, ...]:
        """The fields changed, one each."""
        return tuple(c for c in self.changes if c.what == "changed")

    def __bool__(self) -> bool:
        return bool(self.changes)

    def summary(self) -> str:
        """One line per kind: how many records were added, removed and changed."""
        lines = []
        for kind in KINDS:
            mine = [c for c in self.changes if c.kind == kind.plural]
            if not mine:
                continue
            counts = []
            for what in ("added", "removed"):
                count = sum(1 for c in mine if c.what == what)
                if count:
                    counts.append(f"{count} {what}")
            changed = len({c.key for c in mine if c.what == "changed"})
            if changed:
                counts.append(f"{changed} changed")
            lines.append(f"{kind.plural}: {', '.join(counts)}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The changes as JSON-ready data."""
        return {
            "old_as_of": self.old_as_of,
            "new_as_of": self.new_as_of,
            "changes": [
                {
                    "what": c.what,
                    "kind": c.kind,
                    "key": c.key,
                    "field": c.field,
                    "old": c.old,
                    "new": c.new,
                }
                for c in self.changes
            ],
        }

    def __str__(self) -> str:
        if not self.changes:
            when = self.old_as_of if self.old_as_of == self.new_as_of else "…"
            return f"no change (data as of {when} on both sides)"
        head = f"data as of {self.old_as_of} -> {self.new_as_of}"
        return "\n".join([head, self.summary(), *(str(c) for c in self.changes)])


def diff(old: Dataset, new: Dataset) -> DatasetDiff:
    """The changes from *old* to *new*."""
    changes: list[Change] = []
    if old.as_of != new.as_of:
        changes.append(
            Change("as_of", "data", "as_of", old.as_of.isoformat(), new.as_of.isoformat())
        )
    for kind in KINDS:
        if kind.is_singleton:
            changes.extend(
                _fields(
                    kind.plural, kind.plural, getattr(old, kind.plural), getattr(new, kind.plural)
                )
            )
            continue
        before = {kind.key(record): record for record in old.registry(kind)}
        after = {kind.key(record): record for record in new.registry(kind)}
        for key, record in before.items():
            if key not in after:
                changes.append(Change(kind.plural, key, None, to_data(record), None))
        for key, record in after.items():
            if key not in before:
                changes.append(Change(kind.plural, key, None, None, to_data(record)))
            elif before[key] != record:
                changes.extend(_fields(kind.plural, key, before[key], record))
    return DatasetDiff(old.as_of.isoformat(), new.as_of.isoformat(), tuple(changes))


def _fields(plural: str, key: str, old: Any, new: Any) -> list[Change]:
    before, after = to_data(old), to_data(new)
    return [
        Change(plural, key, field, before[field], after[field])
        for field in before
        if before[field] != after[field]
    ]
