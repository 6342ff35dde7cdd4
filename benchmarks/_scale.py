"""Synthetic data at 2x, 10x, 100x, and loads of it: run by `run.py` in the benchmark venvs.

Not a module to import.  Two commands, each printing one JSON object on stdout:

``python benchmarks/_scale.py make DIR [--bundle SCALE...] [--document SCALE...]``
    Run by the benchmark venv's python.  Makes the bundled document with every array
    (sources, countries, agencies, networks, champions, objectives, principles, events,
    observations) repeated *N* times.  Copy 1 is the bundled records themselves; copy *k* > 1
    has every id suffixed with its tag (``q`` and two letters: ``qab`` for copy 2) and every
    reference (``sources``, ``citations``, ``names[*].sources``, a network's ``members``,
    ``co_chairs``, ``coordinator`` and ``country``, a Champion's ``country``, an event's or
    figure's ``subject``) renamed alike, so that the copy cites its own copies.  Every lookup
    key is made unique too (a registry refuses a key two records share): names, names in
    other languages, acronyms, aliases, titles, regions, a principle's letter get the tag; a
    country's ISO codes get it in capitals (``MZQAB``); a source's URL ``#`` and the tag; an
    M49 code and an objective's number ``+ 1000 (k - 1)``.  The tag is letters only, so a key
    keeps its kind of characters.  The Executive Committee and the Compact stay one each (the
    Compact's votes name the countries of copy 1).

    ``--document N`` writes ``DIR/scale-N.json``, the document as one ``json.dumps`` (what a
    user's file is; figure 8's ``load_dataset``).  ``--bundle N`` writes
    ``DIR/bundle-N/un_migration_network.json`` and ``un_migration_network.index.json``: the
    document read by `load_dataset` and written, with its index, by the package's own
    ``_index.bundle_files``, as ``nox -s data`` writes the bundled files; ``run.py`` puts
    them in a copy of the installed package.  Prints the records and bytes of each.

``python benchmarks/_scale.py run user PATH`` / ``python benchmarks/_scale.py run bundled``
    Times, in this fresh process, the phases of a load and of a first answer.  ``user``:
    the document at *PATH* parsed (``json.loads``; a user parses their own document) and
    read by ``load_dataset`` (the cattrs converter, the whole document at once), then
    ``networks.lookup("Mozambique")``.  ``bundled``: the bundled data of the python running
    it (in ``run.py``, a copy of the installed package whose data files are a synthetic
    document and its index): ``un_migration_network.networks.lookup("Mozambique")``, the
    first answer, which reads only what it needs.  Then, for both, every record of every
    registry (countries included) and both singletons, so that each path has built
    everything.  Prints the seconds of each phase (``import``, ``parse``, ``build``,
    ``lookup``, ``rest``; a phase a path has not is 0).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

LETTERS = "abcdefghijklmnopqrstuvwxyz"
CODE_STEP = 1000  # an M49 code's and an objective's number's step from one copy to the next
# The document's arrays, in its order, each with the `_Copy` method that copies its records.
COPIERS = {
    "sources": "source",
    "countries": "country",
    "agencies": "agency",
    "networks": "network",
    "champions": "champion",
    "objectives": "objective",
    "principles": "principle",
    "events": "event",
    "observations": "event",
}
ARRAYS = tuple(COPIERS)
# The kinds whose ids an event or a figure names as its subject.
SUBJECTS = ("agencies", "networks", "champions")


def _bundled() -> dict[str, Any]:
    from importlib.resources import files  # noqa: PLC0415

    document = files("un_migration_network.data").joinpath("un_migration_network.json")
    data: dict[str, Any] = json.loads(document.read_bytes())
    return data


def tag(k: int) -> str:
    """Copy *k*'s suffix: ``q`` and two letters, so a key keeps its kind of characters."""
    first, second = divmod(k - 1, len(LETTERS))
    return "q" + LETTERS[first] + LETTERS[second]


class _Copy:
    """Renames of one copy *k* > 1 of the records."""

    def __init__(self, k: int, subjects: set[str]) -> None:
        self.k = k
        self.suffix = tag(k)
        self.subjects = subjects

    def one(self, value: str | None) -> str | None:
        """An id, a reference or a key of this copy (None stays None)."""
        return None if value is None else value + self.suffix

    def each(self, values: list[str]) -> list[str]:
        """Ids, references or keys of this copy."""
        return [value + self.suffix for value in values]

    def code(self, value: str | None) -> str | None:
        """A country's ISO code of this copy: the tag in capitals."""
        return None if value is None else value + self.suffix.upper()

    def number(self, value: int | None) -> int | None:
        """An M49 code or an objective's number of this copy."""
        return None if value is None else value + CODE_STEP * (self.k - 1)

    def common(self, record: dict[str, Any]) -> dict[str, Any]:
        """What most records have: an id, sources, citations, names, aliases."""
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

    def source(self, record: dict[str, Any]) -> dict[str, Any]:
        return {**record, "id": self.one(record["id"]), "url": f"{record['url']}#{self.suffix}"}

    def country(self, record: dict[str, Any]) -> dict[str, Any]:
        out = self.common(record)
        out["alpha2"] = self.code(out["alpha2"])
        out["alpha3"] = self.code(out.get("alpha3"))
        out["m49"] = self.number(out.get("m49"))
        out["name"] = self.one(out["name"])
        out["formal_name"] = self.one(out.get("formal_name"))
        return out

    def agency(self, record: dict[str, Any]) -> dict[str, Any]:
        out = self.common(record)
        out["acronym"] = self.one(out["acronym"])
        out["name"] = self.one(out["name"])
        return out

    def network(self, record: dict[str, Any]) -> dict[str, Any]:
        out = self.common(record)
        out["name"] = self.one(out["name"])
        out["region"] = self.one(out.get("region"))
        out["country"] = self.code(out.get("country"))
        out["members"] = self.each(out.get("members", []))
        out["co_chairs"] = self.each(out.get("co_chairs", []))
        out["coordinator"] = self.one(out.get("coordinator"))
        return out

    def champion(self, record: dict[str, Any]) -> dict[str, Any]:
        out = self.common(record)
        out["country"] = self.code(out.get("country"))
        return out

    def objective(self, record: dict[str, Any]) -> dict[str, Any]:
        out = self.common(record)
        out["number"] = self.number(out["number"])
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
        if out["subject"] in self.subjects:
            out["subject"] = self.one(out["subject"])
        return out


def synthetic(data: dict[str, Any], scale: int) -> dict[str, Any]:
    """The document *data* with every array repeated *scale* times, keys kept unique."""
    subjects = {record["id"] for plural in SUBJECTS for record in data.get(plural, ())}
    out = dict(data)
    for plural in ARRAYS:
        out[plural] = list(data.get(plural, ()))
    for k in range(2, scale + 1):
        copy = _Copy(k, subjects)
        for plural, method in COPIERS.items():
            copied = getattr(copy, method)
            out[plural].extend(copied(record) for record in data.get(plural, ()))
    return out


def _records(document: dict[str, Any]) -> int:
    return sum(len(document[plural]) for plural in ARRAYS)


def make(folder: Path, bundles: list[int], documents: list[int]) -> dict[str, Any]:
    """Write each scale's document and bundled files; return the records and bytes of each."""
    import un_migration_network as umn  # noqa: PLC0415
    from un_migration_network._index import bundle_files  # noqa: PLC0415

    data = _bundled()
    counts: dict[str, Any] = {}
    for scale in sorted({*bundles, *documents}):
        document = synthetic(data, scale)
        count: dict[str, Any] = {
            "records": _records(document),
            "by_kind": {plural: len(document[plural]) for plural in ARRAYS},
        }
        if scale in documents:
            path = folder / f"scale-{scale}.json"
            path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
            count["bytes"] = path.stat().st_size
        if scale in bundles:
            text, index = bundle_files(umn.load_dataset(document))
            bundle = folder / f"bundle-{scale}"
            bundle.mkdir(exist_ok=True)
            (bundle / "un_migration_network.json").write_text(text, encoding="utf-8")
            (bundle / "un_migration_network.index.json").write_text(index, encoding="utf-8")
            count["bundle_bytes"] = len(text.encode())
            count["index_bytes"] = len(index.encode())
        counts[str(scale)] = count
    return counts


def _walk(dataset: Any) -> int:
    """Every record of every registry, and both singletons: how many records there are."""
    from un_migration_network._kinds import REGISTERED  # noqa: PLC0415

    touched = sum(sum(1 for _ in dataset.registry(kind)) for kind in REGISTERED)
    touched += dataset.compact is not None
    touched += dataset.executive_committee is not None
    return touched


def run(path_kind: str, path: Path | None) -> dict[str, float]:
    """The seconds of each phase of one load, in this fresh process."""
    clock = time.perf_counter
    start = clock()
    import un_migration_network as umn  # noqa: PLC0415 - timed

    imported = parsed = built = clock()
    if path_kind == "user":
        assert path is not None  # noqa: S101 - main() gives it
        data = json.loads(path.read_bytes())
        parsed = clock()
        dataset = umn.load_dataset(data)
        built = clock()
        network = dataset.networks.lookup("Mozambique")
    else:
        network = umn.networks.lookup("Mozambique")
    answered = clock()
    if path_kind != "user":
        dataset = umn.load()
    touched = _walk(dataset)
    done = clock()
    assert network.country is not None  # noqa: S101 - a sanity check
    assert network.country.alpha2 == "MZ"  # noqa: S101
    if path_kind == "user":
        assert touched == _records(data) + 2  # noqa: S101
    return {
        "import": imported - start,
        "parse": parsed - imported,
        "build": built - parsed,
        "lookup": answered - built,
        "rest": done - answered,
        "records": touched,
    }


def main(argv: list[str]) -> int:
    """Run the command named on the command line; print its JSON."""
    if argv[:1] == ["make"]:
        folder = Path(argv[1])
        lists: dict[str, list[int]] = {"--bundle": [], "--document": []}
        current = None
        for arg in argv[2:]:
            if arg in lists:
                current = lists[arg]
            elif current is not None:
                current.append(int(arg))
            else:
                msg = f"a scale must follow --bundle or --document, got {arg!r}"
                raise SystemExit(msg)
        result: object = make(folder, lists["--bundle"], lists["--document"])
    elif argv[:1] == ["run"] and argv[1:2] in (["user"], ["bundled"]):
        result = run(argv[1], Path(argv[2]) if len(argv) > 2 else None)  # noqa: PLR2004
    else:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
