"""Figure 7: peak RSS of a child process, run by `run.py` in the benchmark venv.

`python benchmarks/_memory.py floor` imports only attrs and cattrs;
`python benchmarks/_memory.py ours` reads the bundled data and uses all of it: every record
of every registry (sources, countries, agencies, networks, champions, objectives,
principles, events, observations; built on first use), every field of every record
(recursively), a lookup of every string or integer field in the record's own registry, the
Executive Committee and the Compact, a search (``networks.search``), and `validate()`;
`python benchmarks/_memory.py searches` the same with a search in every registry (each
registry's first search makes the letter pairs of its keys for fuzzy matching).  Each
prints its peak RSS in KiB.

The peak is the process's own high-water mark, ``VmHWM`` in ``/proc/self/status``.
``getrusage(RUSAGE_SELF).ru_maxrss`` is only a fallback: on Linux it keeps the high-water
mark of the process image that ``exec`` replaced, so a child forked from the (larger)
benchmark runner would report the runner's peak rather than its own.
"""

from __future__ import annotations

import resource
import sys


def _walk(value: object, seen: set[int], attrs: object) -> int:
    """Visit *value* and everything it holds; return how many values were visited."""
    if id(value) in seen:
        return 0
    seen.add(id(value))
    count = 1
    if attrs.has(type(value)):  # type: ignore[attr-defined]
        for field in attrs.fields(type(value)):  # type: ignore[attr-defined]
            count += _walk(getattr(value, field.name), seen, attrs)
    elif isinstance(value, tuple | list):
        for item in value:
            count += _walk(item, seen, attrs)
    return count


def touch_everything(*, search_all: bool) -> int:
    """Load the bundled data and use every part of it once; return a count of what was used."""
    import attrs  # noqa: PLC0415 - the floor must not pay for it twice

    import un_migration_network as umn  # noqa: PLC0415
    from un_migration_network._kinds import REGISTERED  # noqa: PLC0415

    dataset = umn.load()
    seen: set[int] = set()
    used = 0
    for kind in REGISTERED:  # sources, countries, agencies, networks, ..., observations
        registry = dataset.registry(kind)
        for record in registry:
            used += _walk(record, seen, attrs)
            for field in attrs.fields(type(record)):
                value = getattr(record, field.name)
                keys = value if isinstance(value, tuple) else (value,)
                for key in keys:
                    if isinstance(key, str | int) and not isinstance(key, bool):
                        used += registry.get(key) is not None
    for part in (dataset.executive_committee, dataset.compact):
        used += _walk(part, seen, attrs)
    used += len(repr(dataset))
    # A search makes the letter pairs of the registry's keys (for fuzzy matching) once.
    for kind in REGISTERED if search_all else ():
        used += len(dataset.registry(kind).search("Mozambik migration"))
    used += len(dataset.networks.search("Mozambik migration"))
    report = umn.validate()
    return used + len(report.errors) + len(report.warnings)


def peak_rss_kib() -> int:
    """This process's peak resident set size, in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:  # noqa: PTH123
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    """Do the work named on the command line and print the peak RSS in KiB."""
    if sys.argv[1] == "floor":
        import attrs  # noqa: F401, PLC0415
        import cattrs  # noqa: F401, PLC0415
    else:
        touch_everything(search_all=sys.argv[1] == "searches")
    print(peak_rss_kib())


if __name__ == "__main__":
    main()
