"""Figure 8: load time against data size, run by `run.py` in children of the benchmark venv.

Not a module to import.  Two commands, each printing one JSON object on stdout:

``python benchmarks/_scale.py make DIR SCALE...``
    Writes ``DIR/scale-<N>.json`` for each scale *N*: the bundled document with every array
    (sources, agencies, networks, champions, objectives, principles, events, observations)
    repeated *N* times.  Copy 1 is the bundled records themselves; copy *k* > 1 has every id
    suffixed with its tag (``q`` and two letters: ``qab`` for copy 2) and every reference
    (``sources``, ``citations``, ``names[*].sources``, a network's ``members``, ``co_chairs``
    and ``coordinator``, an event's or observation's ``subject``) renamed alike, so the copy
    cites its own copies.  Every lookup key is made unique too (a registry refuses a key shared
    by two records): names, acronyms, aliases, titles, regions, names in other languages, a
    country's name and ISO codes, a principle's letter get the tag, a source's URL ``#`` and
    the tag, an M49 code and an objective's number ``+ 1000 (k - 1)``.  The tag is letters
    only, so a key keeps its kind of characters (a key of letters and digits stays one: the
    folding of keys has a fast path for those).  The Executive Committee and the Compact stay
    one each.  Prints the records, and the file's size, at each scale.

``python benchmarks/_scale.py run fast|user PATH``
    Times, in this fresh process, the phases of loading the document at *PATH* and answering a
    first lookup: ``fast`` is the bundled data's path (``_dataset._fast``, the generated
    structure functions; the sources, agencies and networks at once, every other kind on first
    use; parsed and structured with the garbage collector paused, as `load()` does), ``user``
    is `load_dataset` (the cattrs converter, the whole document at once, on a document the
    caller parsed).  Then
    every registry and both singletons are touched, so each path has structured everything.
    Prints the seconds of each phase.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

LETTERS = "abcdefghijklmnopqrstuvwxyz"
M49_STEP = 1000
NUMBER_STEP = 1000
ARRAYS = (
    "sources",
    "agencies",
    "networks",
    "champions",
    "objectives",
    "principles",
    "events",
    "observations",
)


def _bundled() -> dict[str, Any]:
    from importlib.resources import files  # noqa: PLC0415

    text = files("un_migration_network.data").joinpath("un_migration_network.json")
    data: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return data


def tag(k: int) -> str:
    """Copy *k*'s suffix: ``q`` and two letters, so a key keeps its kind of characters."""
    first, second = divmod(k - 1, len(LETTERS))
    return "q" + LETTERS[first] + LETTERS[second]


class _Copy:
    """Renames of one copy *k* > 1 of the records."""

    def __init__(self, k: int, ids: dict[str, set[str]]) -> None:
        self.k = k
        self.suffix = tag(k)
        self.ids = ids

    def one(self, value: str | None) -> str | None:
        """An id, a reference or a key of this copy (None stays None)."""
        return None if value is None else value + self.suffix

    def each(self, values: list[str]) -> list[str]:
        """Ids, references or keys of this copy."""
        return [value + self.suffix for value in values]

    def common(self, record: dict[str, Any]) -> dict[str, Any]:
        """What every record but a source has: its sources, citations and names."""
        out = dict(record)
        if "id" in out:
            out["id"] = self.one(out["id"])
        if "sources" in out:
            out["sources"] = self.each(out["sources"])
        if "citations" in out:
            out["citations"] = {field: self.each(ids) for field, ids in out["citations"].items()}
        if "names" in out:
            out["names"] = [
                {**name, "text": self.one(name["text"]), "sources": self.each(name["sources"])}
                for name in out["names"]
            ]
        if "aliases" in out:
            out["aliases"] = self.each(out["aliases"])
        return out

    def country(self, country: dict[str, Any] | None) -> dict[str, Any] | None:
        if country is None:
            return None
        out = dict(country)
        out["name"] = self.one(out["name"])
        for code in ("alpha2", "alpha3"):
            if out.get(code) is not None:
                out[code] = out[code] + self.suffix.upper()
        if out.get("m49") is not None:
            out["m49"] += M49_STEP * (self.k - 1)
        return out

    def subject(self, subject: str) -> str:
        known = self.ids["networks"] | self.ids["agencies"]
        return subject + self.suffix if subject in known else subject

    def source(self, record: dict[str, Any]) -> dict[str, Any]:
        return {**record, "id": self.one(record["id"]), "url": f"{record['url']}#{self.suffix}"}

    def agency(self, record: dict[str, Any]) -> dict[str, Any]:
        out = self.common(record)
        out["acronym"] = self.one(out["acronym"])
        out["name"] = self.one(out["name"])
        return out

    def network(self, record: dict[str, Any]) -> dict[str, Any]:
        out = self.common(record)
        out["name"] = self.one(out["name"])
        out["region"] = self.one(out.get("region"))
        out["country"] = self.country(out.get("country"))
        out["members"] = self.each(out.get("members", []))
        out["co_chairs"] = self.each(out.get("co_chairs", []))
        out["coordinator"] = self.one(out.get("coordinator"))
        return out

    def champion(self, record: dict[str, Any]) -> dict[str, Any]:
        out = self.common(record)
        out["country"] = self.country(out.get("country"))
        return out

    def objective(self, record: dict[str, Any]) -> dict[str, Any]:
        out = self.common(record)
        out["number"] += NUMBER_STEP * (self.k - 1)
        out["short_label"] = self.one(out["short_label"])
        out["title"] = self.one(out["title"])
        out["title_variants"] = self.each(out.get("title_variants", []))
        return out

    def principle(self, record: dict[str, Any]) -> dict[str, Any]:
        out = self.common(record)
        out["letter"] = self.one(out["letter"])
        out["name"] = self.one(out["name"])
        return out

    def event(self, record: dict[str, Any]) -> dict[str, Any]:
        out = self.common(record)
        out["subject"] = self.subject(out["subject"])
        return out


def synthetic(data: dict[str, Any], scale: int) -> dict[str, Any]:
    """The document *data* with every array repeated *scale* times, keys kept unique."""
    ids = {
        plural: {record["id"] for record in data.get(plural, ()) if "id" in record}
        for plural in ARRAYS
    }
    out = dict(data)
    for plural in ARRAYS:
        out[plural] = list(data.get(plural, ()))
    for k in range(2, scale + 1):
        copy = _Copy(k, ids)
        renames = {
            "sources": copy.source,
            "agencies": copy.agency,
            "networks": copy.network,
            "champions": copy.champion,
            "objectives": copy.objective,
            "principles": copy.principle,
            "events": copy.event,
            "observations": copy.event,
        }
        for plural in ARRAYS:
            out[plural].extend(renames[plural](record) for record in data.get(plural, ()))
    return out


def make(folder: Path, scales: list[int]) -> dict[str, Any]:
    """Write one synthetic document per scale; return the record counts of each."""
    data = _bundled()
    counts = {}
    for scale in scales:
        document = synthetic(data, scale)
        path = folder / f"scale-{scale}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        counts[str(scale)] = {
            "records": sum(len(document[plural]) for plural in ARRAYS),
            "by_kind": {plural: len(document[plural]) for plural in ARRAYS},
            "bytes": path.stat().st_size,
        }
    return counts


def run(path_kind: str, path: Path) -> dict[str, float]:
    """The seconds of each phase of one load of the document at *path*."""
    clock = time.perf_counter
    start = clock()
    import un_migration_network as umn  # noqa: PLC0415 - timed
    from un_migration_network._dataset import _fast, _uncollected  # noqa: PLC0415
    from un_migration_network._kinds import KINDS  # noqa: PLC0415

    imported = clock()
    text = path.read_text(encoding="utf-8")
    if path_kind == "fast":
        # As `load()` reads the bundled file: parsed and structured with the collector paused.
        data = _uncollected(json.loads, text)
        parsed = clock()
        dataset = _uncollected(_fast, data, "synthetic")
    else:
        # A user parses their own document; `load_dataset` pauses the collector while it reads.
        data = json.loads(text)
        parsed = clock()
        dataset = umn.load_dataset(data)
    built = clock()
    network = dataset.networks.lookup("Mozambique")
    answered = clock()
    touched = sum(len(dataset.registry(kind)) for kind in KINDS)
    touched += dataset.compact is not None
    touched += dataset.executive_committee is not None
    done = clock()
    assert network.country_code == "MZ"  # noqa: S101 - a sanity check
    assert touched == sum(len(data[kind.plural]) for kind in KINDS) + 2  # noqa: S101
    return {
        "import": imported - start,
        "parse": parsed - imported,
        "build": built - parsed,
        "lookup": answered - built,
        "rest": done - answered,
    }


def main() -> None:
    """Run the command named on the command line; print its JSON."""
    command = sys.argv[1]
    if command == "make":
        result: object = make(Path(sys.argv[2]), [int(s) for s in sys.argv[3:]])
    elif command == "run":
        result = run(sys.argv[2], Path(sys.argv[3]))
    else:
        msg = f"unknown command {command!r}"
        raise SystemExit(msg)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
