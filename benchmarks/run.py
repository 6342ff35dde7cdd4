"""The performance benchmark suite: our figures against pycountry and against floors.

Run from anywhere with Python 3.11+ (stdlib only here; matplotlib, if importable, draws the
docs page's plot)::

    python benchmarks/run.py                      # full run, about 3-4 minutes
    python benchmarks/run.py --quick              # smoke run, under a minute
    python benchmarks/run.py --markdown docs/benchmarks.md
    python benchmarks/run.py --check              # exit 1 if a target is missed

It builds (or reuses) its own venv in ``benchmarks/.venv`` with the project installed from
the working tree as a wheel (not editable) and pycountry pinned, then measures each figure
in fresh child processes of that venv's python.  See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
VENV = HERE / ".venv"
STAMP = VENV / "benchmark-stamp.json"
DEFAULT_JSON = HERE / "results" / "latest.json"
# The plot of figure 8, beside the Markdown page (`--markdown`), which shows it.
PLOT = Path("_static") / "benchmark-scale.png"
PYCOUNTRY = "pycountry==26.2.16"
SCHEMA = 2

# (full, --quick): rounds of the process-level figures (0-3, 7) and of the in-process ones
# (4, 5), timed passes of the bulk figures (6), rounds of the scale figure (8).
PROCESS_ROUNDS = (40, 5)
MEMORY_ROUNDS = (10, 3)
INPROCESS_ROUNDS = (15, 3)
BULK_PASSES = (7, 2)
SCALE_ROUNDS = (5, 1)
WARMUP_RUNS = 2
# Figure 8: the bundled document's arrays repeated this many times (`_scale.py`).
SCALES = (1, 10, 100)
SCALE_PATHS = {"fast": "bundled fast path", "user": "load_dataset"}

# The floor of our stack: what any first answer from the bundled data must do whatever the
# library does (import attrs and json, read and parse the bundled JSON through
# importlib.resources, which imports the package's `__init__`).
FLOOR_CODE = (
    "import attrs, json; from importlib.resources import files; "
    "json.loads(files('un_migration_network.data').joinpath('un_migration_network.json')"
    ".read_text(encoding='utf-8'))"
)
# Each child of the process-level figures runs `python -E -s -c CODE` in an empty folder.
PROCESS_CODE = {
    "startup": "pass",
    "import_ours": "import un_migration_network",
    "import_attrs": "import attrs",
    "import_pycountry": "import pycountry",
    "first_ours": "import un_migration_network; un_migration_network.networks.lookup('Mozambique')",
    "first_pycountry": "import pycountry; pycountry.countries.lookup('Mozambique')",
    "import_attrs_cattrs": "import attrs, cattrs",
    "floor_stack": FLOOR_CODE,
    # Where figure 2's time goes: each step adds to the floor what the first answer needs.
    "step_models": f"{FLOOR_CODE}; import un_migration_network._models",
    "step_modules": (
        f"{FLOOR_CODE}; import un_migration_network._models, un_migration_network._dataset, "
        "un_migration_network._structure, un_migration_network._generated"
    ),
}
# Figure 3: the venv's console script, run by the venv's python with the same flags as the
# `-c` children (its shebang names that python; the flags keep the environment out).
CLI_ARGS = ("show", "Mozambique")
MEMORY_KINDS = ("floor", "ours")
MIB = 1024 * 1024
T = TypeVar("T")


# --- the venv ----------------------------------------------------------------------------


def _sha256(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _run(command: Sequence[str | Path], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, check=False, text=True, **kwargs)  # noqa: S603 - our own argv
    if done.returncode:
        sys.stderr.write(done.stderr or "")
        done.check_returncode()
    return done


def ensure_venv(*, reuse: bool) -> Path:
    """Create, refresh or reuse ``benchmarks/.venv``; return its python.

    The venv is rebuilt when pyproject.toml, the pycountry pin or the Python version
    changes; the project alone is reinstalled when anything under src/ changes, so the
    wheel measured is always the working tree's.  ``reuse`` skips both checks.
    """
    python = _venv_python()
    if reuse and python.exists():
        return python
    key = {
        "pyproject": _sha256([ROOT / "pyproject.toml"]),
        "pycountry": PYCOUNTRY,
        "python": platform.python_version(),
    }
    source = _sha256(
        sorted(p for p in (ROOT / "src").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    )
    stamp = json.loads(STAMP.read_text()) if STAMP.exists() and python.exists() else {}
    pip: list[str | Path] = [python, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    if stamp.get("key") != key:
        print(
            f"building {VENV.relative_to(ROOT)} (pyproject.toml, pin or Python changed) ...",
            flush=True,
        )
        shutil.rmtree(VENV, ignore_errors=True)
        venv.create(VENV, with_pip=True, clear=True)
        _run([*pip, "install", PYCOUNTRY, str(ROOT)])
    elif stamp.get("source") != source:
        print("reinstalling the project (src/ changed) ...", flush=True)
        _run([*pip, "install", "--force-reinstall", "--no-deps", str(ROOT)])
    else:
        return python
    STAMP.write_text(json.dumps({"key": key, "source": source}, indent=2) + "\n")
    return python


# --- measuring ---------------------------------------------------------------------------


def _rotate(items: Sequence[T], by: int) -> list[T]:
    by %= len(items)
    return [*items[by:], *items[:by]]


def cli_script(python: Path) -> Path:
    """The venv's console script ``un-migration-network``."""
    return python.parent / "un-migration-network"


def process_commands(python: Path) -> dict[str, list[str]]:
    """What each process-level child runs after ``python -E -s``."""
    commands = {name: ["-c", code] for name, code in PROCESS_CODE.items()}
    if os.name == "nt":  # a console script there is an .exe, not a script python can run
        commands["cli"] = ["-m", "un_migration_network", *CLI_ARGS]
    else:
        commands["cli"] = [str(cli_script(python)), *CLI_ARGS]
    return commands


def _time_process(python: Path, args: Sequence[str], cwd: str) -> int:
    command = [str(python), "-E", "-s", *args]
    start = time.perf_counter_ns()
    done = subprocess.run(  # noqa: S603 - our own argv
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter_ns() - start
    if done.returncode:
        msg = f"{args!r} failed:\n{done.stderr.decode(errors='replace')}"
        raise RuntimeError(msg)
    return elapsed


def _peak_rss(python: Path, kind: str, cwd: str) -> int:
    out = _run([python, "-E", "-s", HERE / "_memory.py", kind], cwd=cwd, capture_output=True)
    return int(out.stdout.split()[-1]) * 1024  # VmHWM, in KiB


def measure_processes(python: Path, rounds: int, memory_rounds: int) -> dict[str, list[float]]:
    """Figures 0-3 and 7: wall time (ns) of each child and peak RSS (bytes), interleaved."""
    commands = process_commands(python)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    samples |= {f"rss_{kind}": [] for kind in MEMORY_KINDS}
    names = list(commands)
    with tempfile.TemporaryDirectory() as cwd:
        for _ in range(WARMUP_RUNS):  # bytecode, page cache, pycountry's lazy files
            for name in names:
                _time_process(python, commands[name], cwd)
        for round_ in range(rounds):
            for name in _rotate(names, round_):
                samples[name].append(_time_process(python, commands[name], cwd))
            if round_ < memory_rounds:
                for kind in _rotate(MEMORY_KINDS, round_):
                    samples[f"rss_{kind}"].append(_peak_rss(python, kind, cwd))
    return samples


def measure_in_process(python: Path, rounds: int, passes: int) -> dict[str, Any]:
    """Figures 4, 5 and 6, measured by `_workloads.py` in one child of the venv."""
    with tempfile.TemporaryDirectory() as cwd:
        out = _run(
            [python, "-E", "-s", HERE / "_workloads.py", str(rounds), str(passes)],
            cwd=cwd,
            capture_output=True,
        )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def load_seconds(phases: dict[str, float]) -> float:
    """A scale sample's load: parsing, structuring and indexing everything, the lookup."""
    return phases["parse"] + phases["build"] + phases["lookup"] + phases["rest"]


def first_seconds(phases: dict[str, float]) -> float:
    """A scale sample's first answer: parsing, what the first lookup needs, the lookup."""
    return phases["parse"] + phases["build"] + phases["lookup"]


def measure_scale(python: Path, rounds: int) -> dict[str, Any]:
    """Figure 8: each path's phases (s) at each scale, a fresh `_scale.py run` child each."""
    script = HERE / "_scale.py"
    with tempfile.TemporaryDirectory() as folder:
        made = _run(
            [python, "-E", "-s", script, "make", folder, *map(str, SCALES)],
            cwd=folder,
            capture_output=True,
        )
        counts = json.loads(made.stdout)
        runs = [(path, scale) for scale in SCALES for path in SCALE_PATHS]
        samples: dict[str, list[dict[str, float]]] = {f"{p}_{s}": [] for p, s in runs}

        def one(path: str, scale: int) -> dict[str, float]:
            document = str(Path(folder) / f"scale-{scale}.json")
            out = _run(
                [python, "-E", "-s", script, "run", path, document],
                cwd=folder,
                capture_output=True,
            )
            phases: dict[str, float] = json.loads(out.stdout)
            return phases

        for path in SCALE_PATHS:  # warm-up: bytecode, the page cache
            one(path, SCALES[0])
        for round_ in range(rounds):
            for path, scale in _rotate(runs, round_):
                samples[f"{path}_{scale}"].append(one(path, scale))
    return {"counts": counts, "samples": samples}


def scale_medians(scale: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Per path and scale: median seconds of each phase, of the first answer and of the load."""
    out = {}
    for name, samples in scale["samples"].items():
        medians = {
            phase: statistics.median(sample[phase] for sample in samples) for phase in samples[0]
        }
        medians["first"] = statistics.median(first_seconds(sample) for sample in samples)
        medians["load"] = statistics.median(load_seconds(sample) for sample in samples)
        out[name] = medians
    return out


def _git(*args: str) -> str:
    git = shutil.which("git")
    if git is None:
        return ""
    command = [git, "-C", str(ROOT), *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    return done.stdout.strip()


def machine_info(python: Path) -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.partition(":")[2].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / MIB:.1f} GiB"
    except OSError:
        pass
    probe = (
        "import json, platform, importlib.metadata as m;"
        "print(json.dumps({'python': platform.python_version(),"
        "'implementation': platform.python_implementation(),"
        "'packages': {n: m.version(n) for n in"
        "('un-migration-network', 'attrs', 'cattrs', 'pycountry')}}))"
    )
    child = json.loads(_run([python, "-E", "-s", "-c", probe], capture_output=True).stdout)
    commit = _git("rev-parse", "--short", "HEAD") or None
    dirty = bool(_git("status", "--porcelain", "--", "src", "pyproject.toml"))
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "cores_usable": affinity,
        "memory": memory,
        "python": child["python"],
        "implementation": child["implementation"],
        "packages": child["packages"],
        "commit": commit,
        "source_modified": dirty,
        "load_average_at_start": load,
    }


# --- figures -----------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table: our median against a peer's or a floor's, and the target."""

    figure: str
    ours_label: str
    peer_label: str
    ours: float
    peer: float
    unit: str
    ratio: float | None
    target: str
    met: bool | None

    def cells(self) -> list[str]:
        """The row as the table shows it."""
        return [
            self.figure,
            f"{_show(self.ours, self.unit)}  ({self.ours_label})",
            f"{_show(self.peer, self.unit)}  ({self.peer_label})",
            _ratio(self.ours, self.peer, self.unit),
            self.target,
            VERDICTS[self.met],
        ]


VERDICTS = {True: "met", False: "MISSED", None: "info"}


def _ratio(ours: float, other: float, unit: str) -> str:
    if unit == "bytes":
        return f"+{(ours - other) / MIB:.2f} MiB"
    return f"{ours / other:.3f}x"


def _show_ns(value: float) -> str:
    for scale, suffix in ((1e9, "s"), (1e6, "ms"), (1e3, "µs")):
        if abs(value) >= scale:
            return f"{value / scale:.2f} {suffix}"
    return f"{value:.0f} ns"


def _show(value: float, unit: str) -> str:
    if unit == "ns":
        return _show_ns(value)
    if unit == "bytes":
        return f"{value / MIB:.1f} MiB"
    if unit == "names/s":
        return f"{value / 1e6:.3f} M names/s" if value >= 1e6 else f"{value / 1e3:.1f} k names/s"  # noqa: PLR2004
    return f"{value:g} {unit}"


SMALL, LARGE = SCALES[0], SCALES[-1]
# Each row: figure, our label, the peer's label, our median, the peer's median, unit, and
# the target on the ratio of the two medians (None: shown for context only; for bytes, the
# target is on the difference, in MiB).  A row whose medians were not measured is left out.
FIGURES: tuple[tuple[str, str, str, str, str, str, tuple[str, float] | None], ...] = (
    ("0. interpreter start (context)", "python -c pass", "-", "startup", "startup", "ns",
     None),
    ("1. cold import vs attrs", "import un_migration_network", "import attrs", "import_ours",
     "import_attrs", "ns", ("<=", 1.1)),
    ("1. cold import vs pycountry (context)", "import un_migration_network",
     "import pycountry", "import_ours", "import_pycountry", "ns", None),
    ("2. first answer vs pycountry", "import + networks.lookup", "import + countries.lookup",
     "first_ours", "first_pycountry", "ns", ("<=", 1.15)),
    ("2. first answer vs attrs+cattrs", "import + networks.lookup", "import attrs, cattrs",
     "first_ours", "import_attrs_cattrs", "ns", ("<=", 1.25)),
    ("2. first answer vs our stack's floor (context)", "import + networks.lookup",
     "floor of our stack", "first_ours", "floor_stack", "ns", None),
    ("2a. floor of our stack vs pycountry (context)", "attrs, json, read + parse data",
     "import + countries.lookup", "floor_stack", "first_pycountry", "ns", None),
    ("2b. floor + _models (context)", "+ the path's attrs classes", "floor of our stack",
     "step_models", "floor_stack", "ns", None),
    ("2c. + every module of the path (context)", "+ _dataset, _structure, _generated",
     "floor of our stack", "step_modules", "floor_stack", "ns", None),
    ("3. CLI show vs python -c pass", "un-migration-network show Mozambique",
     "python -c pass", "cli", "startup", "ns", ("<=", 8.0)),
    ("3. CLI show vs first answer (context)", "un-migration-network show Mozambique",
     "import + networks.lookup", "cli", "first_ours", "ns", None),
    ("4. warm lookup vs pycountry", "networks.lookup", "countries.lookup", "warm_ours",
     "warm_pycountry", "ns", ("<=", 0.5)),
    ("4. warm lookup vs dict", "networks.lookup", "dict[key.casefold()]", "warm_ours",
     "warm_dict", "ns", ("<=", 5.0)),
    ("5. miss + suggestions vs fuzzy", "lookup('Mozambik') raises", "search_fuzzy('Mozambik')",
     "miss_ours", "miss_pycountry", "ns", ("<=", 0.05)),
    ("6. bulk: get_many, 16,000 names (rate)", "agencies.get_many", "countries.lookup loop",
     "many_get_many", "many_pycountry", "names/s", (">=", 8.0)),
    ("6. bulk: lookup_many (context)", "agencies.lookup_many", "countries.lookup loop",
     "many_lookup_many", "many_pycountry", "names/s", None),
    ("6. bulk: a lookup loop (context)", "agencies.lookup loop", "countries.lookup loop",
     "many_loop_ours", "many_pycountry", "names/s", None),
    ("6b. 100,000 names, lookup loop (context)", "agencies.lookup loop",
     "countries.lookup loop", "loop_ours", "loop_pycountry", "names/s", None),
    ("6b. vs pycountry's hits only (context)", "agencies.lookup loop",
     "countries.lookup, hits", "loop_ours", "loop_pycountry_hits_only", "names/s", None),
    ("7. peak RSS, all touched", "load + touch all", "import attrs, cattrs", "rss_ours",
     "rss_floor", "bytes", ("<=", 5.0)),
    (f"8. scale: bundled path, {LARGE}x / {SMALL}x", f"load at {LARGE}x", f"load at {SMALL}x",
     f"scale_fast_{LARGE}", f"scale_fast_{SMALL}", "ns", ("<=", LARGE / SMALL)),
    (f"8. scale: load_dataset, {LARGE}x / {SMALL}x", f"load at {LARGE}x", f"load at {SMALL}x",
     f"scale_user_{LARGE}", f"scale_user_{SMALL}", "ns", ("<=", LARGE / SMALL)),
)  # fmt: skip

# The summary: each headline figure beside pycountry's and beside a floor, with the rows
# (of FIGURES) whose targets it shows and what each target is against.
SUMMARY: tuple[tuple[str, str, str | None, str | None, str, tuple[tuple[str, str], ...]], ...] = (
    ("cold import", "import_ours", "import_pycountry", "import_attrs", "import attrs",
     (("1. cold import vs attrs", "floor"),)),
    ("first answer", "first_ours", "first_pycountry", "floor_stack", "floor of our stack",
     (("2. first answer vs pycountry", "pycountry"),)),
    ("first answer", "first_ours", "first_pycountry", "import_attrs_cattrs",
     "import attrs, cattrs", (("2. first answer vs attrs+cattrs", "floor"),)),
    ("CLI `show Mozambique`", "cli", None, "startup", "python -c pass",
     (("3. CLI show vs python -c pass", "floor"),)),
    ("warm lookup", "warm_ours", "warm_pycountry", "warm_dict", "dict[key.casefold()]",
     (("4. warm lookup vs pycountry", "pycountry"), ("4. warm lookup vs dict", "floor"))),
    ("miss with suggestions", "miss_ours", "miss_pycountry", None, "-",
     (("5. miss + suggestions vs fuzzy", "pycountry"),)),
    ("bulk, 16,000 names (rate)", "many_get_many", "many_pycountry", None, "-",
     (("6. bulk: get_many, 16,000 names (rate)", "pycountry"),)),
    ("peak memory, all touched", "rss_ours", None, "rss_floor", "import attrs, cattrs",
     (("7. peak RSS, all touched", "floor"),)),
)  # fmt: skip
UNITS = {figure[3]: figure[5] for figure in FIGURES}


def medians_of(
    processes: dict[str, list[float]], inprocess: dict[str, Any], scale: dict[str, Any]
) -> dict[str, float]:
    """The median of every sample set of the run, by the names the figures use."""
    medians = {name: statistics.median(values) for name, values in processes.items()}
    for prefix, group in (
        ("warm", inprocess["warm_lookup_ns"]),
        ("miss", inprocess["miss_ns"]),
        ("loop", inprocess["bulk"]["names_per_second"]),
        ("many", inprocess["many"]["names_per_second"]),
    ):
        medians |= {f"{prefix}_{name}": statistics.median(v) for name, v in group.items()}
    for name, phases in scale_medians(scale).items():
        medians[f"scale_{name}"] = phases["load"] * 1e9
        medians[f"scale_first_{name}"] = phases["first"] * 1e9
    return medians


def figures(medians: dict[str, float]) -> list[Row]:
    """The table's rows, each a ratio of two medians from this run."""
    rows = []
    for figure, ours_label, peer_label, ours, peer, unit, target in FIGURES:
        if ours not in medians or peer not in medians:
            continue
        mine, theirs = medians[ours], medians[peer]
        ratio = mine / theirs
        if target is None:
            met, shown = None, "-"
        elif unit == "bytes":
            op, bound = target
            met, shown = mine - theirs <= bound * MIB, f"{op} +{bound:g} MiB"
        else:
            op, bound = target
            met = ratio <= bound if op == "<=" else ratio >= bound
            shown = f"{op} {bound:.2f}x"
        rows.append(Row(figure, ours_label, peer_label, mine, theirs, unit, ratio, shown, met))
    return rows


# --- output ------------------------------------------------------------------------------

HEADER = ["figure", "ours (median)", "peer/floor (median)", "ratio", "target", "result"]


def _aligned(cells: Sequence[Sequence[str]]) -> str:
    widths = [max(len(line[i]) for line in cells) for i in range(len(cells[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _pipes(cells: Sequence[Sequence[str]]) -> str:
    header, *body = cells
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for line in body:
        shown = [cell.replace("|", "\\|") for cell in line]
        shown = [f"**{cell}**" if cell == "MISSED" else cell for cell in shown]
        lines.append("| " + " | ".join(shown) + " |")
    return "\n".join(lines)


def text_table(rows: Sequence[Row]) -> str:
    """The table as aligned plain text."""
    return _aligned([HEADER, *(row.cells() for row in rows)])


def markdown_table(rows: Sequence[Row]) -> str:
    """The table as a Markdown (MyST) pipe table."""
    return _pipes([HEADER, *(row.cells() for row in rows)])


def summary_cells(medians: dict[str, float], rows: Sequence[Row]) -> list[list[str]]:
    """Each headline figure beside pycountry's and a floor's, with its targets."""
    by_figure = {row.figure: row for row in rows}
    header = [
        "figure",
        "ours",
        "pycountry",
        "ours / pycountry",
        "floor",
        "ours / floor",
        "floor / pycountry",
        "target",
        "result",
    ]
    cells = [header]
    for figure, ours, peer, floor, floor_label, targets in SUMMARY:
        if ours not in medians:
            continue
        unit = UNITS[ours]
        mine = medians[ours]
        theirs = medians.get(peer) if peer else None
        base = medians.get(floor) if floor else None
        applied = [(by_figure[name], against) for name, against in targets if name in by_figure]
        verdicts = {row.met for row, _ in applied}
        met = False if False in verdicts else (True if verdicts == {True} else None)
        cells.append(
            [
                figure,
                _show(mine, unit),
                "-" if theirs is None else _show(theirs, unit),
                "-" if theirs is None else _ratio(mine, theirs, unit),
                "-" if base is None else f"{_show(base, unit)} ({floor_label})",
                "-" if base is None else _ratio(mine, base, unit),
                "-" if base is None or theirs is None else _ratio(base, theirs, unit),
                "; ".join(f"{row.target} {against}" for row, against in applied),
                VERDICTS[met],
            ]
        )
    return cells


def scale_cells(result: dict[str, Any]) -> list[list[str]]:
    """Figure 8: each path's load at each scale, in total and per record."""
    scale = result["scale"]
    medians = scale["medians"]
    header = [
        "data",
        "records",
        "JSON",
        "path",
        "parse",
        "first answer",
        "all loaded",
        "per record",
        "per record vs 1x",
    ]
    cells = [header]
    for path, label in SCALE_PATHS.items():
        base = None
        for size in SCALES:
            count = scale["counts"][str(size)]
            phases = medians[f"{path}_{size}"]
            per_record = phases["load"] / count["records"]
            base = per_record if base is None else base
            cells.append(
                [
                    f"{size}x",
                    f"{count['records']:,}",
                    f"{count['bytes'] / MIB:.1f} MiB",
                    label,
                    _show(phases["parse"] * 1e9, "ns"),
                    _show(phases["first"] * 1e9, "ns"),
                    _show(phases["load"] * 1e9, "ns"),
                    f"{per_record * 1e6:.1f} µs",
                    f"{per_record / base:.2f}x",
                ]
            )
    return cells


def draw_plot(result: dict[str, Any], path: Path) -> bool:
    """Figure 8 as a PNG at *path*, if matplotlib is importable here; whether it was drawn."""
    try:
        import matplotlib as mpl  # noqa: PLC0415 - optional: run.py itself is stdlib only

        mpl.use("Agg")
        import matplotlib.pyplot as plt  # noqa: PLC0415
    except ImportError:
        print(f"note: matplotlib is not importable here: {path} is not redrawn", flush=True)
        return False
    scale = result["scale"]
    records = [scale["counts"][str(size)]["records"] for size in SCALES]
    figure, (total, per) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    for key, label in SCALE_PATHS.items():
        load_ms = [scale["medians"][f"{key}_{size}"]["load"] * 1e3 for size in SCALES]
        (line,) = total.loglog(records, load_ms, marker="o", label=label)
        linear = [load_ms[0] * count / records[0] for count in records]
        total.loglog(records, linear, linestyle=":", color=line.get_color())
        per_us = [ms * 1e3 / count for ms, count in zip(load_ms, records, strict=True)]
        per.semilogx(records, per_us, marker="o", label=label)
    total.set(xlabel="records", ylabel="load (ms)", title="Load time (dotted: linear from 1x)")
    per.set(xlabel="records", ylabel="µs per record", title="Cost per record")
    per.set_ylim(bottom=0)
    for axes in (total, per):
        axes.grid(visible=True, which="major", alpha=0.3)
        axes.legend(frameon=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.stem + ".tmp.png")
    figure.savefig(temporary, dpi=100, metadata={"Software": None})
    plt.close(figure)
    temporary.replace(path)
    return True


def machine_lines(result: dict[str, Any]) -> list[str]:
    """The machine and versions, one fact a line."""
    machine = result["machine"]
    packages = ", ".join(f"{name} {version}" for name, version in machine["packages"].items())
    commit = machine["commit"] or "unknown"
    if machine["source_modified"]:
        commit += " (with uncommitted changes to src/ or pyproject.toml)"
    return [
        f"date: {result['generated']}",
        f"platform: {machine['platform']}",
        (
            f"CPU: {machine['cpu']}, {machine['cores']} cores "
            f"({machine['cores_usable']} usable), memory {machine['memory']}"
        ),
        f"Python: {machine['implementation']} {machine['python']}",
        f"packages: {packages}",
        f"commit: {commit}",
        (
            f"run: {'quick' if result['quick'] else 'full'}, {result['rounds']}, "
            f"took {result['duration_seconds']:.0f} s"
        ),
        (
            f"load average (1, 5, 15 min) at start: {machine.get('load_average_at_start')}, "
            f"at end: {machine.get('load_average_at_end')}"
        ),
    ]


def breakdown_lines(medians: dict[str, float]) -> list[str]:
    """Figure 2 taken apart: what each step of the first answer adds to the floor."""
    start, floor = medians["startup"], medians["floor_stack"]
    models, modules, first = medians["step_models"], medians["step_modules"], medians["first_ours"]
    peer = medians["first_pycountry"]
    parts = [
        (
            (
                "creating the attrs classes on the path (`_models`: DateSpan, Source, Citation, "
                "Name, Agency, Country, Network)"
            ),
            models - floor,
        ),
        (
            (
                "the path's other modules (`_dataset`, `_registry`, `_kinds`, `_normalize`, "
                "`exceptions`, `_structure`, `_hooks`, `_generated`)"
            ),
            modules - models,
        ),
        (
            (
                "making the generated structure functions used, structuring the sources, "
                "agencies and networks, indexing the networks, the lookup"
            ),
            first - modules,
        ),
    ]
    return [
        "## Where the time of the first answer goes",
        "",
        f"The interpreter alone (`python -c pass`) takes {_show(start, 'ns')}. The floor of our",
        "stack, what any first answer from the bundled data pays whatever the library does",
        "(import attrs and json, read the bundled JSON through `importlib.resources`, which",
        f"imports the package's `__init__`, and parse it), takes {_show(floor, 'ns')}:",
        f"{floor / peer:.0%} of pycountry's whole first answer ({_show(peer, 'ns')}). Beyond the",
        "floor, in this run (each step a fresh `python -c`, the difference of two medians):",
        "",
        *(
            f"- {what}: {_show(extra, 'ns')} ({extra / floor:.0%} of the floor)"
            for what, extra in parts
        ),
        "",
        f"The first answer, {_show(first, 'ns')}, is {first / floor:.2f}x the floor. cattrs is",
        "not on this path: the bundled data is structured by functions generated ahead of time",
        "from cattrs (`_generated`, each made on first use) through `_structure`. The record",
        "classes a network lookup does not need (`_committee`, `_compact`, `_events`,",
        "`_document`) are created on first use, and the kinds other than sources, agencies and",
        "networks structured when first asked for; fuzzy-search letter pairs are built on the",
        "first miss, export functions on the first export, and the problem codes (`_codes`)",
        "are imported on a fault only.",
        "",
    ]


def scale_lines(result: dict[str, Any]) -> list[str]:
    """Figure 8: the scale table, the plot and what they mean."""
    scale = result["scale"]
    growth = {
        label: scale["medians"][f"{key}_{LARGE}"]["load"]
        / scale["medians"][f"{key}_{SMALL}"]["load"]
        for key, label in SCALE_PATHS.items()
    }
    plot = (
        [f"![Load time and cost per record against data size]({PLOT.as_posix()})", ""]
        if result.get("plot")
        else []
    )
    return [
        "## Load time against data size",
        "",
        f"The bundled document with every array repeated 1, 10 and {LARGE} times, ids and keys",
        "kept unique and references consistent (`benchmarks/_scale.py`); the Executive",
        "Committee and the Compact stay one each. Each load is a fresh process; the times",
        "exclude the imports. *First answer* is parsing the JSON, structuring what a network",
        "lookup needs and the lookup; *all loaded* adds touching every registry and both",
        "singletons, so that every record is structured and indexed. The bundled fast path is",
        "`_dataset._fast` (the generated functions); `load_dataset` is the cattrs converter.",
        "",
        _pipes(scale_cells(result)),
        "",
        *plot,
        "Growth of the load from 1x to {}x: {} (linear is {}x).".format(
            LARGE,
            ", ".join(f"{label} {ratio:.0f}x" for label, ratio in growth.items()),
            LARGE // SMALL,
        ),
        "",
    ]


def render_markdown(result: dict[str, Any], rows: Sequence[Row]) -> str:
    """The MyST page docs/benchmarks.md."""
    medians = result["medians"]
    bulk, many = result["details"]["bulk"], result["details"]["many"]
    return "\n".join(
        [
            "<!-- Generated by `python benchmarks/run.py --markdown docs/benchmarks.md`. -->",
            "",
            "# Benchmarks",
            "",
            "The latest run of the benchmark suite in `benchmarks/` (see its README for what each",
            "figure means).  Each ratio divides two medians measured in the same run, with the",
            "contenders interleaved; the peer is pycountry, and the floors are what no library",
            "could avoid: an interpreter, attrs, reading and parsing the bundled JSON, a `dict`.",
            "A ratio is only meaningful against the machine below.",
            "",
            "## Side by side with pycountry and the floor",
            "",
            _pipes(summary_cells(medians, rows)),
            "",
            "## Every figure",
            "",
            markdown_table(rows),
            "",
            (
                f"Figure 6 resolves a column of {many['size']:,} messy names drawn from "
                f"{many['pool']:,} messy spellings"
            ),
            (
                f"({many['distinct']['ours']:,} distinct agency names; hit rate ours "
                f"{many['hit_rate']['ours']:.1%}, pycountry {many['hit_rate']['pycountry']:.1%});"
            ),
            (
                f"figure 6b {bulk['size']:,} messy names, each looked up once (hit rate ours "
                f"{bulk['hit_rate']['ours']:.1%}, pycountry {bulk['hit_rate']['pycountry']:.1%})."
            ),
            "pycountry folds case only, not spacing, hyphens or dots, so many of its names miss",
            "and raise `LookupError`, and a miss scans every country.",
            "",
            *breakdown_lines(medians),
            *scale_lines(result),
            "## Machine",
            "",
            *(f"- {line}" for line in machine_lines(result)),
            "",
            "## Reproduce",
            "",
            "```sh",
            "python benchmarks/run.py --markdown docs/benchmarks.md",
            "```",
            "",
        ]
    )


def write_atomically(path: Path, text: str) -> None:
    """Write *text* to *path* through a temporary file beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def rows_from_json(result: dict[str, Any]) -> list[Row]:
    """The rows of a results file written by this script."""
    if result.get("schema") != SCHEMA:
        msg = f"a results file of schema {SCHEMA} is needed, got {result.get('schema')}"
        raise SystemExit(msg)
    return [Row(**row) for row in result["rows"]]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: a smoke run")
    parser.add_argument(
        "--json", type=Path, default=DEFAULT_JSON, help="where to write the results"
    )
    parser.add_argument(
        "--markdown",
        type=Path,
        help=f"also write the MyST page (docs/benchmarks.md) and its plot ({PLOT} beside it)",
    )
    parser.add_argument("--reuse-venv", action="store_true", help="use benchmarks/.venv as it is")
    parser.add_argument("--check", action="store_true", help="exit 1 if any target is missed")
    parser.add_argument(
        "--from-json",
        type=Path,
        metavar="PATH",
        help="measure nothing: render an earlier results file",
    )
    return parser.parse_args(argv)


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Run every figure; return the results as the JSON file holds them."""
    started = time.monotonic()
    python = ensure_venv(reuse=args.reuse_venv)
    level = 1 if args.quick else 0
    rounds = {
        "process_rounds": PROCESS_ROUNDS[level],
        "memory_rounds": MEMORY_ROUNDS[level],
        "inprocess_rounds": INPROCESS_ROUNDS[level],
        "bulk_passes": BULK_PASSES[level],
        "scale_rounds": SCALE_ROUNDS[level],
    }
    machine = machine_info(python)
    busy = machine["load_average_at_start"]
    if busy and machine["cores_usable"] and busy[0] > machine["cores_usable"] / 2:
        print(
            f"note: the machine is busy (load average {busy[0]}); figures will be noisy",
            flush=True,
        )
    print(
        f"figures 0-3, 7: {rounds['process_rounds']} interleaved rounds of processes ...",
        flush=True,
    )
    processes = measure_processes(python, rounds["process_rounds"], rounds["memory_rounds"])
    print(f"figures 4-6: {rounds['inprocess_rounds']} rounds in one process ...", flush=True)
    inprocess = measure_in_process(python, rounds["inprocess_rounds"], rounds["bulk_passes"])
    print(
        f"figure 8: {rounds['scale_rounds']} rounds of loads at "
        f"{', '.join(f'{s}x' for s in SCALES)} ...",
        flush=True,
    )
    scale = measure_scale(python, rounds["scale_rounds"])
    medians = medians_of(processes, inprocess, scale)
    if hasattr(os, "getloadavg"):
        machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    commands = process_commands(python)
    commands["cli"][0] = cli_script(python).name  # the script by name, not by this path
    return {
        "schema": SCHEMA,
        "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "rounds": ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in rounds.items()),
        "duration_seconds": round(time.monotonic() - started, 1),
        "machine": machine,
        "rows": [asdict(row) for row in figures(medians)],
        "medians": medians,
        "scale": {"counts": scale["counts"], "medians": scale_medians(scale)},
        "details": {
            "process_commands": {name: ["python", "-E", "-s", *c] for name, c in commands.items()},
            "miss_answers": inprocess["miss_answers"],
            "bulk": {k: v for k, v in inprocess["bulk"].items() if k != "names_per_second"},
            "many": {k: v for k, v in inprocess["many"].items() if k != "names_per_second"},
        },
        "samples": {
            "process_ns_or_rss_bytes": processes,
            "warm_lookup_ns": inprocess["warm_lookup_ns"],
            "miss_ns": inprocess["miss_ns"],
            "bulk_names_per_second": inprocess["bulk"]["names_per_second"],
            "many_names_per_second": inprocess["many"]["names_per_second"],
            "scale_seconds": scale["samples"],
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print the tables, write the JSON (and Markdown); return the exit status."""
    args = parse_args(argv)
    if args.from_json:
        result = json.loads(args.from_json.read_text(encoding="utf-8"))
        rows = rows_from_json(result)
    else:
        result = measure(args)
        rows = rows_from_json(result)
        write_atomically(args.json, json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print()
    print(text_table(rows))
    print()
    print(_aligned(scale_cells(result)))
    print()
    for line in machine_lines(result):
        print(line)
    if not args.from_json:
        print(f"results: {args.json}")
    if args.markdown:
        plot = args.markdown.parent / PLOT
        result["plot"] = draw_plot(result, plot) or plot.exists()
        write_atomically(args.markdown, render_markdown(result, rows))
        print(f"page: {args.markdown}" + (f", plot: {plot}" if result["plot"] else ""))
    missed = [row.figure for row in rows if row.met is False]
    if missed:
        print(f"{len(missed)} target(s) missed: {', '.join(missed)}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
