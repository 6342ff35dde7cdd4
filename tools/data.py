"""Put the bundled data in canonical form, write its index, and check it: ``nox -s data``.

The bundled document is written by the library itself (`un_migration_network._index`), each
array sorted by the key its kind states in the kinds table (`un_migration_network._kinds`):
sources, countries, agencies, Champions, events and observations by their key, networks by
level and then id, objectives by number, principles by letter; and the Executive Committee's
member lists by date. A reviewer then sees a new network as a small, local diff. Beside it,
the index that the package reads the bundled data through. The document is loaded as a
user's document would be (every problem reported at once), and the validator must report
no error.

Usage:
    python tools/data.py            rewrite the document and its index, then validate them
    python tools/data.py --check    only say whether both are current and the data valid
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import un_migration_network as umn
from un_migration_network._index import bundle_files

DATA = Path(__file__).parents[1] / "src" / "un_migration_network" / "data"
DOCUMENT = DATA / "un_migration_network.json"
INDEX = DATA / "un_migration_network.index.json"


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or, with --check, only check) the bundled files; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail if not current")
    args = parser.parse_args(argv)
    try:
        dataset = umn.load_dataset(DOCUMENT)
    except umn.DataError as error:
        print(error, file=sys.stderr)
        return 1
    document, index = bundle_files(dataset)
    for path, text in ((DOCUMENT, document), (INDEX, index)):
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if text == current:
            continue
        if args.check:
            print(f"{path.name} is not current: run `nox -s data`", file=sys.stderr)
            return 1
        path.write_text(text, encoding="utf-8")
        print(f"rewrote {path.name}")
    report = umn.validate(umn.load_dataset(DOCUMENT))
    for problem in report.errors:
        print(problem, file=sys.stderr)
    print(f"{dataset!r}: {len(report.errors)} errors, {len(report.warnings)} warnings")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
