"""The performance benchmark suite: our figures against pycountry and against floors.

Run from anywhere with Python 3.11+ (stdlib only here)::

    python benchmarks/run.py                      # full run, about 2-3 minutes
    python benchmarks/run.py --quick              # smoke run, fewer repetitions
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
VENV = HERE / ".venv"
STAMP = VENV / "benchmark-stamp.json"
DEFAULT_JSON = HERE / "results" / "latest.json"
PYCOUNTRY = "pycountry==26.2.16"
SCHEMA = 1

# Rounds of the process-level figures (1, 2, 6) and of the in-process figures (3, 4), and
# timed passes over the 100,000 names of figure 5: (full, --quick).
PROCESS_ROUNDS = (40, 5)
MEMORY_ROUNDS = (10, 3)
INPROCESS_ROUNDS = (15, 3)
BULK_PASSES = (7, 2)
WARMUP_RUNS = 2

# Each child of the process-level figures runs `python -E -s -c CODE` in an empty folder.
PROCESS_CODE = {
    "startup": "pass",
    "import_ours": "import un_migration_network",
    "import_attrs": "import attrs",
    "import_pycountry": "import pycountry",
    "first_ours": "import un_migration_network; un_migration_network.networks.lookup('Mozambique')",
    "first_pycountry": "import pycountry; pycountry.countries.lookup('Mozambique')",
    "import_attrs_cattrs": "import attrs, cattrs",
    # Where figure 2's time goes: each step adds to the floor what the first answer needs.
    "step_models": "import attrs, cattrs, un_migration_network._models",
    "step_converter": (
        "import attrs, cattrs, un_migration_network._dataset, un_migration_network._converter"
    ),
    "step_resources": (
        "import attrs, cattrs, un_migration_network._dataset, un_migration_network._converter, "
        "importlib.resources"
    ),
}
MEMORY_KINDS = ("floor", "ours")
MIB = 1024 * 1024


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
    pip = [python, "-m", "pip", "--disable-pip-version-check", "--quiet"]
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


def _rotate(items: Sequence[str], by: int) -> list[str]:
    by %= len(items)
    return [*items[by:], *items[:by]]


def _time_process(python: Path, code: str, cwd: str) -> int:
    command = [str(python), "-E", "-s", "-c", code]
    start = time.perf_counter_ns()
    done = subprocess.run(  # noqa: S603 - our own argv
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter_ns() - start
    if done.returncode:
        msg = f"{code!r} failed:\n{done.stderr.decode(errors='replace')}"
        raise RuntimeError(msg)
    return elapsed


def _peak_rss(python: Path, kind: str, cwd: str) -> int:
    out = _run([python, "-E", "-s", HERE / "_memory.py", kind], cwd=cwd, capture_output=True)
    return int(out.stdout.split()[-1]) * 1024  # VmHWM, in KiB


def measure_processes(python: Path, rounds: int, memory_rounds: int) -> dict[str, list[float]]:
    """Figures 1, 2 and 6: wall time (ns) of each `python -c` and peak RSS (bytes), interleaved."""
    samples: dict[str, list[float]] = {name: [] for name in PROCESS_CODE}
    samples |= {f"rss_{kind}": [] for kind in MEMORY_KINDS}
    names = list(PROCESS_CODE)
    with tempfile.TemporaryDirectory() as cwd:
        for _ in range(WARMUP_RUNS):  # bytecode, page cache, pycountry's lazy files
            for name in names:
                _time_process(python, PROCESS_CODE[name], cwd)
        for round_ in range(rounds):
            for name in _rotate(names, round_):
                samples[name].append(_time_process(python, PROCESS_CODE[name], cwd))
            if round_ < memory_rounds:
                for kind in _rotate(MEMORY_KINDS, round_):
                    samples[f"rss_{kind}"].append(_peak_rss(python, kind, cwd))
    return samples


def measure_in_process(python: Path, rounds: int, passes: int) -> dict[str, Any]:
    """Figures 3, 4 and 5, measured by `_workloads.py` in one child of the venv."""
    with tempfile.TemporaryDirectory() as cwd:
        out = _run(
            [python, "-E", "-s", HERE / "_workloads.py", str(rounds), str(passes)],
            cwd=cwd,
            capture_output=True,
        )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


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
        if self.unit == "bytes":
            ratio = f"+{(self.ours - self.peer) / MIB:.2f} MiB"
        else:
            ratio = "" if self.ratio is None else f"{self.ratio:.3f}x"
        verdict = {True: "met", False: "MISSED", None: "info"}[self.met]
        return [
            self.figure,
            f"{_show(self.ours, self.unit)}  ({self.ours_label})",
            f"{_show(self.peer, self.unit)}  ({self.peer_label})",
            ratio,
            self.target,
            verdict,
        ]


def _show(value: float, unit: str) -> str:
    if unit == "ns":
        if value >= 1e6:  # noqa: PLR2004
            return f"{value / 1e6:.2f} ms"
        if value >= 1e3:  # noqa: PLR2004
            return f"{value / 1e3:.2f} µs"
        return f"{value:.0f} ns"
    if unit == "bytes":
        return f"{value / MIB:.1f} MiB"
    if unit == "names/s":
        return f"{value / 1e6:.3f} M names/s" if value >= 1e6 else f"{value / 1e3:.1f} k names/s"  # noqa: PLR2004
    return f"{value:g} {unit}"


# Each row: figure, our label, the peer's label, our sample, the peer's sample, unit, and
# the target on the ratio of the two medians (None: shown for context only).
FIGURES: tuple[tuple[str, str, str, str, str, str, tuple[str, float] | None], ...] = (
    ("0. interpreter start (context)", "python -c pass", "-", "startup", "startup", "ns",
     None),
    ("1. cold import vs attrs", "import un_migration_network", "import attrs", "import_ours",
     "import_attrs", "ns", ("<=", 1.1)),
    ("1. cold import vs pycountry", "import un_migration_network", "import pycountry",
     "import_ours", "import_pycountry", "ns", None),
    ("2. first answer vs pycountry", "import + networks.lookup", "import + countries.lookup",
     "first_ours", "first_pycountry", "ns", ("<=", 1.0)),
    ("2. first answer vs attrs+cattrs", "import + networks.lookup", "import attrs, cattrs",
     "first_ours", "import_attrs_cattrs", "ns", ("<=", 1.15)),
    ("2a. floor + the models (context)", "+ _models (attrs classes)", "import attrs, cattrs",
     "step_models", "import_attrs_cattrs", "ns", None),
    ("2b. + modules, converter (context)", "+ _dataset, _converter", "import attrs, cattrs",
     "step_converter", "import_attrs_cattrs", "ns", None),
    ("2c. + importlib.resources (context)", "+ importlib.resources", "import attrs, cattrs",
     "step_resources", "import_attrs_cattrs", "ns", None),
    ("3. warm lookup vs pycountry", "networks.lookup", "countries.lookup", "warm_ours",
     "warm_pycountry", "ns", ("<=", 0.5)),
    ("3. warm lookup vs dict", "networks.lookup", "dict[key.casefold()]", "warm_ours",
     "warm_dict", "ns", ("<=", 5.0)),
    ("4. miss + suggestions vs fuzzy", "lookup('Mozambik') raises", "search_fuzzy('Mozambik')",
     "miss_ours", "miss_pycountry", "ns", ("<=", 0.05)),
    ("5. bulk normalization (rate)", "agencies.lookup", "countries.lookup", "bulk_ours",
     "bulk_pycountry", "names/s", (">=", 4.0)),
    ("5. bulk vs pycountry's hits only", "agencies.lookup", "countries.lookup, hits",
     "bulk_ours", "bulk_pycountry_hits_only", "names/s", None),
)  # fmt: skip
MEMORY_BUDGET = 5 * MIB


def figures(processes: dict[str, list[float]], inprocess: dict[str, Any]) -> list[Row]:
    """The table's rows, each a ratio of two medians from this run."""
    medians = {name: statistics.median(values) for name, values in processes.items()}
    for prefix, group in (
        ("warm", inprocess["warm_lookup_ns"]),
        ("miss", inprocess["miss_ns"]),
        ("bulk", inprocess["bulk"]["names_per_second"]),
    ):
        medians |= {f"{prefix}_{name}": statistics.median(v) for name, v in group.items()}
    rows = []
    for figure, ours_label, peer_label, ours, peer, unit, target in FIGURES:
        ratio = medians[ours] / medians[peer]
        if target is None:
            met, shown = None, "-"
        else:
            op, bound = target
            met = ratio <= bound if op == "<=" else ratio >= bound
            shown = f"{op} {bound:.2f}x"
        rows.append(
            Row(
                figure,
                ours_label,
                peer_label,
                medians[ours],
                medians[peer],
                unit,
                ratio,
                shown,
                met,
            )
        )
    ours, floor = medians["rss_ours"], medians["rss_floor"]
    rows.append(
        Row("6. peak RSS, all touched", "load + touch all", "import attrs, cattrs", ours, floor,
            "bytes", ours / floor, "<= +5 MiB", ours - floor <= MEMORY_BUDGET)
    )  # fmt: skip
    return rows


# --- output ------------------------------------------------------------------------------

HEADER = ["figure", "ours (median)", "peer/floor (median)", "ratio", "target", "result"]


def text_table(rows: Sequence[Row]) -> str:
    """The table as aligned plain text."""
    cells = [HEADER, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(HEADER))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _escape(cell: str) -> str:
    return cell.replace("|", "\\|")


def markdown_table(rows: Sequence[Row]) -> str:
    """The table as a Markdown (MyST) pipe table."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows:
        cells = [_escape(cell) for cell in row.cells()]
        cells[-1] = f"**{cells[-1]}**" if cells[-1] == "MISSED" else cells[-1]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


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


def breakdown_lines(rows: Sequence[Row]) -> list[str]:
    """Figure 2 taken apart: what each step of the first answer adds to the floor."""
    by_figure = {row.figure: row for row in rows}
    first = by_figure["2. first answer vs attrs+cattrs"]
    steps = [
        by_figure[name].ours
        for name in (
            "2a. floor + the models (context)",
            "2b. + modules, converter (context)",
            "2c. + importlib.resources (context)",
        )
    ]
    floor = first.peer
    parts = [
        ("creating the attrs model classes (`_models`)", steps[0] - floor),
        ("our other modules and building the cattrs converter", steps[1] - steps[0]),
        ("importing `importlib.resources`", steps[2] - steps[1]),
        ("reading, parsing and structuring the data, indexing, the lookup", first.ours - steps[2]),
    ]
    return [
        "## Where the time of the first answer goes",
        "",
        f"The floor, `import attrs, cattrs`, takes {_show(floor, 'ns')}. Beyond it, in this run:",
        "",
        *(
            f"- {what}: {_show(extra, 'ns')} ({extra / floor:.0%} of the floor)"
            for what, extra in parts
        ),
        "",
        "The design fixes each of these: attrs models, one cattrs converter whose structure",
        "functions are generated (and compiled) on first use, and data read through",
        "`importlib.resources`. What the library controls is when the work happens (nothing at",
        "import, everything once on first use) and how much: fuzzy-search letter pairs are built",
        "on the first miss, export functions on the first export.",
        "",
    ]


def render_markdown(result: dict[str, Any], rows: Sequence[Row]) -> str:
    """The MyST page docs/benchmarks.md."""
    bulk = result["details"]["bulk"]
    hit = bulk["hit_rate"]
    return "\n".join(
        [
            "<!-- Generated by `python benchmarks/run.py --markdown docs/benchmarks.md`. -->",
            "",
            "# Benchmarks",
            "",
            "The latest run of the benchmark suite in `benchmarks/` (see its README for what each",
            "figure means).  Each ratio divides two medians measured in the same run, with the",
            "contenders interleaved; peers are pycountry and, as floors, `attrs`/`cattrs` imports",
            "and a bare `dict` lookup.  A ratio is only meaningful against the machine below.",
            "",
            markdown_table(rows),
            "",
            (
                f"Figure 5 resolves {bulk['size']:,} messy names (seed {bulk['seed']}); hit rate: "
                f"ours {hit['ours']:.1%}, pycountry {hit['pycountry']:.1%} (pycountry folds"
            ),
            "case only, not spacing, hyphens or dots, so many of its names miss and raise",
            "`LookupError`, and a miss scans every country).",
            "",
            *breakdown_lines(rows),
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
    return [Row(**row) for row in result["rows"]]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: a smoke run")
    parser.add_argument(
        "--json", type=Path, default=DEFAULT_JSON, help="where to write the results"
    )
    parser.add_argument(
        "--markdown", type=Path, help="also write the MyST page (docs/benchmarks.md)"
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


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print the table, write the JSON (and Markdown); return the exit status."""
    args = parse_args(argv)
    if args.from_json:
        result = json.loads(args.from_json.read_text(encoding="utf-8"))
        rows = rows_from_json(result)
    else:
        started = time.monotonic()
        python = ensure_venv(reuse=args.reuse_venv)
        level = 1 if args.quick else 0
        rounds = {
            "process_rounds": PROCESS_ROUNDS[level],
            "memory_rounds": MEMORY_ROUNDS[level],
            "inprocess_rounds": INPROCESS_ROUNDS[level],
            "bulk_passes": BULK_PASSES[level],
        }
        machine = machine_info(python)
        busy = machine["load_average_at_start"]
        if busy and machine["cores_usable"] and busy[0] > machine["cores_usable"] / 2:
            print(
                f"note: the machine is busy (load average {busy[0]}); figures will be noisy",
                flush=True,
            )
        print(
            f"figures 1, 2, 6: {rounds['process_rounds']} interleaved rounds of processes ...",
            flush=True,
        )
        processes = measure_processes(python, rounds["process_rounds"], rounds["memory_rounds"])
        print(
            f"figures 3, 4, 5: {rounds['inprocess_rounds']} rounds in one process ...", flush=True
        )
        inprocess = measure_in_process(python, rounds["inprocess_rounds"], rounds["bulk_passes"])
        rows = figures(processes, inprocess)
        if hasattr(os, "getloadavg"):
            machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        result = {
            "schema": SCHEMA,
            "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "quick": args.quick,
            "rounds": ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in rounds.items()),
            "duration_seconds": round(time.monotonic() - started, 1),
            "machine": machine,
            "rows": [asdict(row) for row in rows],
            "details": {
                "process_code": PROCESS_CODE,
                "miss_answers": inprocess["miss_answers"],
                "bulk": {k: v for k, v in inprocess["bulk"].items() if k != "names_per_second"},
            },
            "samples": {
                "process_ns_or_rss_bytes": processes,
                "warm_lookup_ns": inprocess["warm_lookup_ns"],
                "miss_ns": inprocess["miss_ns"],
                "bulk_names_per_second": inprocess["bulk"]["names_per_second"],
            },
        }
        write_atomically(args.json, json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print()
    print(text_table(rows))
    print()
    for line in machine_lines(result):
        print(line)
    if not args.from_json:
        print(f"results: {args.json}")
    if args.markdown:
        write_atomically(args.markdown, render_markdown(result, rows))
        print(f"page: {args.markdown}")
    missed = [row.figure for row in rows if row.met is False]
    if missed:
        print(f"{len(missed)} target(s) missed: {', '.join(missed)}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
