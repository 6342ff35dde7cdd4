"""Figures for issue 18 that run.py does not measure yet: the "before" side of the rewrite.

Run by the python of the benchmark venv (``benchmarks/.venv/bin/python``, after
``run.py`` built it; the ``ipython`` command needs IPython and ipykernel installed there):

``python benchmarks/_baseline.py processes [ROUNDS]``
    Fresh ``python -E -s -c CODE`` processes, from an empty folder, interleaved round-robin
    (the order rotating each round) after 2 warm-up rounds; prints the median wall time in
    ms of each, and every sample.  The contenders: the interpreter; the floor without the
    parse (attrs and importlib.resources ``read_bytes()`` of the bundled JSON); the floor
    with it (run.py's floor of our stack); ``import attrs, cattrs``; our first answer and
    pycountry's; and each first answer, and the prefix alone, after ``import IPython,
    ipykernel`` (a notebook's kernel has both imported before the first cell runs).
    ROUNDS defaults to 100.  Beside the wall time, each child's own CPU time (user + system,
    from ``wait4``): on a shared machine it is far less disturbed by the other processes.

``python benchmarks/_baseline.py structure [ROUNDS]``
    In this process: the bundled document parsed once, then the whole of it structured by
    the generated functions (``_structure.structure_fast``) and by the cattrs converter
    (``_converter.structure_document``), interleaved, each after one untimed call, with the
    garbage collector on (collected before each call) and paused during the call (as
    ``load()`` does); prints medians in ms (wall, and the thread's CPU time) and per record.
    ROUNDS defaults to 50.  Then the first call of each path in a fresh process (its imports
    and the parse untimed), so with the making of the generated functions or of the
    converter's hooks: ROUNDS // 2 interleaved rounds.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

WARMUP = 2
IPY = "import IPython, ipykernel"
FIRST_OURS = "import un_migration_network; un_migration_network.networks.lookup('Mozambique')"
FIRST_PYCOUNTRY = "import pycountry; pycountry.countries.lookup('Mozambique')"
DATA = "files('un_migration_network.data').joinpath('un_migration_network.json')"
PROCESSES = {
    "startup": "pass",
    "floor_no_parse": f"import attrs; from importlib.resources import files; {DATA}.read_bytes()",
    "floor_stack": (
        f"import attrs, json; from importlib.resources import files; "
        f"json.loads({DATA}.read_text(encoding='utf-8'))"
    ),
    "import_attrs_cattrs": "import attrs, cattrs",
    "first_ours": FIRST_OURS,
    "first_pycountry": FIRST_PYCOUNTRY,
    "ipy_prefix": IPY,
    "ipy_first_ours": f"{IPY}; {FIRST_OURS}",
    "ipy_first_pycountry": f"{IPY}; {FIRST_PYCOUNTRY}",
}


def _time(code: str, cwd: str) -> tuple[int, int]:
    """Wall time and CPU time (user + system, of the child alone), in ns, of one child."""
    start = time.perf_counter_ns()
    child = subprocess.Popen(  # noqa: S603 - our own argv
        [sys.executable, "-E", "-s", "-c", code],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter_ns() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.stderr is not None  # noqa: S101 - it is a pipe
    errors = child.stderr.read()
    child.stderr.close()
    if child.returncode:
        raise RuntimeError(errors.decode(errors="replace"))
    return elapsed, round((usage.ru_utime + usage.ru_stime) * 1e9)


def processes(rounds: int) -> dict[str, object]:
    """Median ms of each process contender, interleaved round-robin."""
    names = list(PROCESSES)
    wall: dict[str, list[int]] = {name: [] for name in names}
    cpu: dict[str, list[int]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as cwd:
        for _ in range(WARMUP):
            for name in names:
                _time(PROCESSES[name], cwd)
        for round_ in range(rounds):
            shift = round_ % len(names)
            for name in names[shift:] + names[:shift]:
                elapsed, used = _time(PROCESSES[name], cwd)
                wall[name].append(elapsed)
                cpu[name].append(used)
    return {
        "rounds": rounds,
        "code": PROCESSES,
        "median_ms": {k: statistics.median(v) / 1e6 for k, v in wall.items()},
        "median_cpu_ms": {k: statistics.median(v) / 1e6 for k, v in cpu.items()},
        "samples_ns": wall,
        "cpu_samples_ns": cpu,
    }


def structure(rounds: int) -> dict[str, object]:
    """Median ms of structuring the whole bundled document by each path."""
    from importlib.resources import files  # noqa: PLC0415

    from un_migration_network import _converter, _structure  # noqa: PLC0415

    data = json.loads(
        files("un_migration_network.data").joinpath("un_migration_network.json").read_bytes()
    )
    records = sum(len(value) for value in data.values() if isinstance(value, list))
    paths: dict[str, Callable[[object], object]] = {
        "generated (structure_fast)": _structure.structure_fast,  # type: ignore[dict-item]
        "cattrs (structure_document)": _converter.structure_document,
    }
    for path in paths.values():  # make the generated functions and the converter's hooks
        path(data)
    modes = ("gc_on", "gc_paused")
    samples: dict[str, dict[str, list[float]]] = {
        mode: {name: [] for name in paths} for mode in modes
    }
    cpu: dict[str, dict[str, list[float]]] = {mode: {name: [] for name in paths} for mode in modes}
    names = list(paths)
    for round_ in range(rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            for mode in ("gc_on", "gc_paused")[:: 1 if round_ % 2 else -1]:
                gc.collect()
                if mode == "gc_paused":
                    gc.disable()
                start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
                paths[name](data)
                used = time.thread_time_ns() - start_cpu
                elapsed = time.perf_counter_ns() - start
                gc.enable()
                samples[mode][name].append(elapsed)
                cpu[mode][name].append(used)
    medians = {
        mode: {name: statistics.median(v) / 1e6 for name, v in by_name.items()}
        for mode, by_name in samples.items()
    }
    first, first_cpu = _first_calls(list(paths), rounds // 2)
    return {
        "rounds": rounds,
        "records": records,
        "first_call_median_ms": {k: statistics.median(v) / 1e6 for k, v in first.items()},
        "first_call_median_cpu_ms": {k: statistics.median(v) / 1e6 for k, v in first_cpu.items()},
        "first_call_samples_ns": first,
        "first_call_cpu_samples_ns": first_cpu,
        "median_ms": medians,
        "median_us_per_record": {
            mode: {name: ms * 1e3 / records for name, ms in by_name.items()}
            for mode, by_name in medians.items()
        },
        "median_cpu_ms": {
            mode: {name: statistics.median(v) / 1e6 for name, v in by_name.items()}
            for mode, by_name in cpu.items()
        },
        "samples_ns": samples,
        "cpu_samples_ns": cpu,
    }


FIRST_CALL = """
import gc, json, sys, time
from importlib.resources import files
from un_migration_network import _converter, _structure
bundled = files("un_migration_network.data").joinpath("un_migration_network.json")
data = json.loads(bundled.read_bytes())
generated = sys.argv[1].startswith("generated")
path = _structure.structure_fast if generated else _converter.structure_document
gc.collect()
start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
path(data)
print(time.perf_counter_ns() - start, time.thread_time_ns() - start_cpu)
"""


def _first_calls(
    names: list[str], rounds: int
) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """The first call of each path, in a fresh process each, interleaved: wall and CPU ns."""
    samples: dict[str, list[int]] = {name: [] for name in names}
    cpu: dict[str, list[int]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as cwd:
        for round_ in range(rounds + 1):  # round 0 warms bytecode and the page cache
            shift = round_ % len(names)
            for name in names[shift:] + names[:shift]:
                done = subprocess.run(  # noqa: S603 - our own argv
                    [sys.executable, "-E", "-s", "-c", FIRST_CALL, name],
                    cwd=cwd,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                if round_:
                    samples[name].append(int(done.stdout.split()[0]))
                    cpu[name].append(int(done.stdout.split()[1]))
    return samples, cpu


def main(argv: list[str]) -> int:
    """The two commands."""
    if argv[:1] == ["processes"]:
        result = processes(int(argv[1]) if len(argv) > 1 else 100)
    elif argv[:1] == ["structure"]:
        result = structure(int(argv[1]) if len(argv) > 1 else 50)
    else:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
