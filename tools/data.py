"""Put the bundled data in canonical form and check it: ``nox -s data``.

The bundled file is written by the library itself, as `Dataset.to_json` lays it out, with each
array sorted by the key its kind states in the kinds table (`un_migration_network._kinds`):
sources, agencies, Champions, events and observations by id, networks by level and then id,
objectives by number, principles by letter; and the Executive Committee's member lists by
date. A reviewer then sees a new network as a small, local diff. The file is loaded as a
user's document would be (every problem reported at once), and the validator must report no
error.

Usage:
    python tools/data.py            rewrite the file in canonical form, then validate it
    python tools/data.py --check    only say whether the file is canonical and valid
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs

import un_migration_network as umn
from un_migration_network._kinds import KINDS
from un_migration_network._registry import Registry

DATA = (
    Path(__file__).parents[1]
    / "src"
    / "un_migration_network"
    / "data"
    / "un_migration_network.json"
)


def canonical(dataset: umn.Dataset) -> str:
    """The text of *dataset* with every array in its kind's order."""
    ordered: dict[str, Any] = {
        kind.plural: Registry(
            sorted(dataset.registry(kind), key=kind.order),
            keys=kind.keys,
            kind=kind.name,
            record_type=kind.type,
        )
        for kind in KINDS
    }
    # The Executive Committee's dated member lists in date order (its seats keep theirs: the
    # order in which the sources show them).
    committee = dataset.executive_committee
    snapshots = tuple(sorted(committee.snapshots, key=lambda snapshot: snapshot.as_of))
    ordered["executive_committee"] = attrs.evolve(committee, snapshots=snapshots)
    return attrs.evolve(dataset, **ordered).to_json()


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or, with --check, only check) the bundled file; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; fail if not canonical"
    )
    args = parser.parse_args(argv)
    try:
        dataset = umn.load_dataset(DATA)
    except umn.DataError as error:
        print(error, file=sys.stderr)
        return 1
    text = canonical(dataset)
    current = DATA.read_text(encoding="utf-8")
    if text != current:
        if args.check:
            print(f"{DATA.name} is not in canonical form: run `nox -s data`", file=sys.stderr)
            return 1
        DATA.write_text(text, encoding="utf-8")
        print(f"rewrote {DATA.name} in canonical form")
    report = umn.validate(umn.load_dataset(json.loads(text)))
    for problem in report.errors:
        print(problem, file=sys.stderr)
    print(f"{dataset!r}: {len(report.errors)} errors, {len(report.warnings)} warnings")
    # The packaged copy is the one users get: say if the installed one differs (an old install).
    installed = files("un_migration_network.data").joinpath(DATA.name).read_text(encoding="utf-8")
    if installed != text:
        print("note: the installed package holds another copy; reinstall to test this one")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
