"""The performance benchmark suite: our figures against pycountry and against floors.

Run from anywhere with Python 3.11+ (stdlib only here; matplotlib, if importable, draws the
docs page's plot)::

    python benchmarks/run.py                      # full run, about 20 minutes
    python benchmarks/run.py --quick              # smoke run, a few minutes
    python benchmarks/run.py --markdown docs/benchmarks.md
    python benchmarks/run.py --check              # exit 1 if a target is missed

It builds (or reuses) its own venvs in ``benchmarks/``: ``.venv`` with the project installed
from the working tree as a wheel (not editable) and pycountry pinned, where every figure but
two is measured; ``.venv-notebook`` (the same and IPython, ipykernel) for the first answer
in a notebook's kernel; ``.venv-countries`` (the same and hdx-python-country) for the
country column.  The synthetic data's figures run in copies of ``.venv`` whose package data
is a synthetic document and its index.  See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
DEFAULT_JSON = HERE / "results" / "latest.json"
# The plot of figure 8, beside the Markdown page (`--markdown`), which shows it.
PLOT = Path("_static") / "benchmark-scale.png"
SCHEMA = 3

PYCOUNTRY = "pycountry==26.2.16"


class Env(NamedTuple):
    """A venv of the suite: its folder and what is installed in it beside the project."""

    folder: Path
    requirements: tuple[str, ...]
    purpose: str


MAIN = Env(HERE / ".venv", (PYCOUNTRY,), "every figure but 2d and 9's hdx rows")
# A notebook kernel has imported IPython and ipykernel before the first cell runs; they
# bring dozens of distributions, so they get a venv of their own: the other figures'
# site-packages stay as small as a user's with our package and pycountry.
NOTEBOOK = Env(
    HERE / ".venv-notebook",
    (PYCOUNTRY, "ipython==9.19.1", "ipykernel==7.4.0"),
    "figure 2d: the first answer after `import IPython, ipykernel`",
)
# hdx-python-country brings 55 distributions (pydantic, frictionless, requests...): the same.
COUNTRIES = Env(
    HERE / ".venv-countries",
    (PYCOUNTRY, "hdx-python-country==4.2.5"),
    "figure 9: hdx-python-country on the country column",
)
EXTRA_ENVS = {"notebook": NOTEBOOK, "countries": COUNTRIES}

# The floor's package: an empty package holding a copy of the bundled document, written into
# the venv's site-packages, so that `importlib.resources` reads the document's bytes without
# importing our package's `__init__` (which imports what a first lookup needs).
FLOOR_PACKAGE = "_umn_bench_floor"
DOCUMENT = "un_migration_network.json"
INDEX = "un_migration_network.index.json"

# (full, --quick): rounds of the process-level figures (0-3, 7), rounds of the in-process
# ones (4, 5), timed passes of the bulk figures (6) and of the country column (9), rounds of
# the load figure (8).
PROCESS_ROUNDS = (100, 5)
MEMORY_ROUNDS = (100, 3)
INPROCESS_ROUNDS = (15, 3)
BULK_PASSES = (7, 2)
COLUMN_PASSES = (5, 1)
SCALE_ROUNDS = (5, 1)
CALLGRIND_ROUNDS = (3, 1)
WARMUP_RUNS = 2
# The synthetic data (`_scale.py`): the bundled document's arrays repeated N times.
# load_dataset (figure 8) reads the documents of USER_SCALES (--quick leaves out 100x, whose
# load takes most of a minute); the bundled path reads a copy of the installed package
# whose data files are the synthetic ones, for the first answer and the CLI (2e, 3a) at
# PROCESS_SCALES, and built whole (figure 8) at BUNDLED_SCALES.
USER_SCALES = ((1, 10, 100), (1, 10))
PROCESS_SCALES = (1, 2, 10)
BUNDLED_SCALES = (1, 10)
SCALE_PATHS = {"user": "load_dataset", "bundled": "bundled path"}
# Resolvers of the country column (`_countries.py`) run in .venv and in .venv-countries;
# hdx's fuzzy call takes a minute a pass, so --quick leaves it out.
COLUMN_MAIN = ("un_migration_network countries.get_many", "pycountry countries.lookup")
HDX_EXACT = "hdx get_iso3_country_code"
HDX_FUZZY = "hdx get_iso3_country_code_fuzzy"
COLUMN_KEYS = {
    "un_migration_network countries.get_many": "ours",
    "pycountry countries.lookup": "pycountry",
    HDX_EXACT: "hdx_exact",
    HDX_FUZZY: "hdx_fuzzy",
}

FIRST_OURS = "import un_migration_network; un_migration_network.networks.lookup('Mozambique')"
FIRST_PYCOUNTRY = "import pycountry; pycountry.countries.lookup('Mozambique')"
FLOOR_READ = f"files('{FLOOR_PACKAGE}').joinpath('{DOCUMENT}').read_bytes()"
# The floor without the parse: what any first answer from the bundled data pays whatever the
# library does: attrs, importlib.resources, the document's bytes.  With the parse: and
# json.loads of the whole document (context: our first answer parses only what it needs).
FLOOR_NO_PARSE = f"import attrs; from importlib.resources import files; {FLOOR_READ}"
FLOOR_PARSE = f"import attrs, json; from importlib.resources import files; json.loads({FLOOR_READ})"
IPY = "import IPython, ipykernel"
# Each process-level child runs `python -E -s -c CODE` in an empty folder: by venv, its code.
PROCESS_CODE = {
    "main": {
        "startup": "pass",
        "import_attrs": "import attrs",
        "import_attrs_cattrs": "import attrs, cattrs",
        "import_pycountry": "import pycountry",
        "import_ours": "import un_migration_network",
        "first_pycountry": FIRST_PYCOUNTRY,
        "first_ours": FIRST_OURS,
        "floor_no_parse": FLOOR_NO_PARSE,
        "floor_parse": FLOOR_PARSE,
        # Figure 2b: the floor, then the modules of the path (our package's import).
        "step_modules": f"{FLOOR_NO_PARSE}; import un_migration_network",
    },
    "notebook": {
        "ipy_prefix": IPY,
        "ipy_first_ours": f"{IPY}; {FIRST_OURS}",
        "ipy_first_pycountry": f"{IPY}; {FIRST_PYCOUNTRY}",
    },
}
# Figure 3: the venv's console script, run by the venv's python with the same flags as the
# `-c` children (its shebang names that python; the flags keep the environment out).
CLI_ARGS = ("show", "Mozambique")
# Figure 7: what `_memory.py` does in each child.
MEMORY_KINDS = ("floor", "ours", "searches")
# The children run under callgrind too (when valgrind is there): an instruction count
# hardly moves with the machine's load, so it is the figure to compare across runs; the
# median of CALLGRIND_ROUNDS counts.
CALLGRIND = (
    "startup",
    "import_attrs",
    "import_attrs_cattrs",
    "import_pycountry",
    "first_pycountry",
    "floor_no_parse",
    "floor_parse",
    "step_modules",
    "import_ours",
    "first_ours",
    "cli",
    *(f"{what}_{scale}x" for scale in (PROCESS_SCALES[0], PROCESS_SCALES[-1])
      for what in ("first", "cli")),
    *PROCESS_CODE["notebook"],
)  # fmt: skip
MIB = 1024 * 1024
T = TypeVar("T")


# --- the venvs ---------------------------------------------------------------------------


def _sha256(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _venv_python(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _run(command: Sequence[str | Path], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, check=False, text=True, **kwargs)  # noqa: S603 - our own argv
    if done.returncode:
        sys.stderr.write(done.stderr or "")
        done.check_returncode()
    return done


def ensure_venv(env: Env, *, reuse: bool) -> Path:
    """Create, refresh or reuse one of the suite's venvs; return its python.

    The venv is rebuilt when pyproject.toml, its pins or the Python version changes; the
    project alone is reinstalled when anything under src/ changes, so the wheel measured is
    always the working tree's.  ``reuse`` skips both checks.
    """
    python = _venv_python(env.folder)
    if reuse and python.exists():
        return python
    stamp_file = env.folder / "benchmark-stamp.json"
    key = {
        "pyproject": _sha256([ROOT / "pyproject.toml"]),
        "requirements": list(env.requirements),
        "python": platform.python_version(),
    }
    source = _sha256(
        sorted(p for p in (ROOT / "src").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    )
    stamp = json.loads(stamp_file.read_text()) if stamp_file.exists() and python.exists() else {}
    pip: list[str | Path] = [python, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    where = env.folder.relative_to(ROOT)
    if stamp.get("key") != key:
        print(f"building {where} (pyproject.toml, pins or Python changed) ...", flush=True)
        shutil.rmtree(env.folder, ignore_errors=True)
        venv.create(env.folder, with_pip=True, clear=True)
        _run([*pip, "install", *env.requirements, str(ROOT)], capture_output=True)
    elif stamp.get("source") != source:
        print(f"reinstalling the project in {where} (src/ changed) ...", flush=True)
        _run([*pip, "install", "--force-reinstall", "--no-deps", str(ROOT)], capture_output=True)
    else:
        return python
    stamp_file.write_text(json.dumps({"key": key, "source": source}, indent=2) + "\n")
    return python


def ensure_extra(name: str, *, reuse: bool) -> Path | None:
    """An extra venv's python, or None (with a note) where it cannot be built here."""
    try:
        return ensure_venv(EXTRA_ENVS[name], reuse=reuse)
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"note: {EXTRA_ENVS[name].folder.name} not built ({error}): no {name} rows")
        return None


def site_packages(python: Path) -> Path:
    """The site-packages folder of a venv's python."""
    probe = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    return Path(_run([python, "-E", "-s", "-c", probe], capture_output=True).stdout.strip())


def ensure_floor(python: Path) -> None:
    """Write the floor's package (empty, with a copy of the bundled document) into the venv."""
    site = site_packages(python)
    document = (site / "un_migration_network" / "data" / DOCUMENT).read_bytes()
    package = site / FLOOR_PACKAGE
    package.mkdir(exist_ok=True)
    init = package / "__init__.py"
    if not init.exists():
        init.write_text("")
    copy = package / DOCUMENT
    if not copy.exists() or copy.read_bytes() != document:
        copy.write_bytes(document)


def make_scale_venvs(python: Path, folder: Path, scales: Sequence[int]) -> dict[int, Path]:
    """A copy of the venv per scale, its package data replaced by ``bundle-N`` of *folder*.

    Each copy is a new venv (without pip) whose site-packages is a copy of the venv's, with
    the installed bytecode and the `.pth` files, so that only the data files differ.
    """
    site = site_packages(python)
    pythons = {}
    for scale in scales:
        target = folder / f"venv-{scale}x"
        venv.create(target, with_pip=False, symlinks=os.name != "nt")
        copy = site_packages(_venv_python(target))
        shutil.copytree(site, copy, symlinks=True, dirs_exist_ok=True)
        for name in (DOCUMENT, INDEX):
            shutil.copyfile(
                folder / f"bundle-{scale}" / name, copy / "un_migration_network" / "data" / name
            )
        pythons[scale] = _venv_python(target)
    return pythons


# --- measuring ---------------------------------------------------------------------------


def _rotate(items: Sequence[T], by: int) -> list[T]:
    by %= len(items)
    return [*items[by:], *items[:by]]


def cli_script(python: Path) -> Path:
    """The venv's console script ``un-migration-network``."""
    return python.parent / "un-migration-network"


def _cli_args(main: Path) -> list[str]:
    if os.name == "nt":  # a console script there is an .exe, not a script python can run
        return ["-m", "un_migration_network", *CLI_ARGS]
    return [str(cli_script(main)), *CLI_ARGS]


class Child(NamedTuple):
    """One process-level contender: the python that runs it and its arguments after -E -s."""

    python: Path
    args: list[str]


def process_children(pythons: dict[str, Path]) -> dict[str, Child]:
    """Every process-level contender whose venv is here, by name."""
    main = pythons["main"]
    children = {
        name: Child(pythons[env], ["-c", code])
        for env, codes in PROCESS_CODE.items()
        if env in pythons
        for name, code in codes.items()
    }
    children["cli"] = Child(main, _cli_args(main))
    for scale in PROCESS_SCALES:
        python = pythons.get(f"scale-{scale}")
        if python is not None:
            # The console script is main's; the scale venv's python runs it, as its shebang
            # would if it had been installed there.
            children[f"first_{scale}x"] = Child(python, ["-c", FIRST_OURS])
            children[f"cli_{scale}x"] = Child(python, _cli_args(main))
    return children


def _time_process(child: Child, cwd: str) -> tuple[int, int]:
    """Wall time and CPU time (user + system, of the child alone, where known), in ns."""
    command = [str(child.python), "-E", "-s", *child.args]
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter_ns()
        process = subprocess.Popen(  # noqa: S603 - our own argv
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors
        )
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter_ns() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            cpu = round((usage.ru_utime + usage.ru_stime) * 1e9)
        else:  # pragma: no cover - Windows
            process.wait()
            elapsed, cpu = time.perf_counter_ns() - start, 0
        if process.returncode:
            errors.seek(0)
            msg = f"{command!r} failed:\n{errors.read().decode(errors='replace')}"
            raise RuntimeError(msg)
    return elapsed, cpu


def _peak_rss(python: Path, kind: str, cwd: str) -> int:
    out = _run([python, "-E", "-s", HERE / "_memory.py", kind], cwd=cwd, capture_output=True)
    return int(out.stdout.split()[-1]) * 1024  # VmHWM, in KiB


def measure_processes(
    children: dict[str, Child], python: Path, rounds: int, memory_rounds: int
) -> dict[str, dict[str, list[int]]]:
    """Figures 0-3 and 7: wall and CPU time (ns) of each child, peak RSS (bytes); interleaved."""
    wall: dict[str, list[int]] = {name: [] for name in children}
    cpu: dict[str, list[int]] = {name: [] for name in children}
    rss: dict[str, list[int]] = {f"rss_{kind}": [] for kind in MEMORY_KINDS}
    names = list(children)
    with tempfile.TemporaryDirectory() as cwd:
        for _ in range(WARMUP_RUNS):  # bytecode, page cache, pycountry's lazy files
            for name in names:
                _time_process(children[name], cwd)
        for round_ in range(rounds):
            for name in _rotate(names, round_):
                elapsed, used = _time_process(children[name], cwd)
                wall[name].append(elapsed)
                cpu[name].append(used)
            if round_ < memory_rounds:
                for kind in _rotate(MEMORY_KINDS, round_):
                    rss[f"rss_{kind}"].append(_peak_rss(python, kind, cwd))
            if rounds >= 10 and (round_ + 1) % (rounds // 10) == 0:  # noqa: PLR2004
                print(f"  round {round_ + 1} of {rounds}", flush=True)
    return {"wall": wall, "cpu": cpu, "rss": rss}


def _callgrind(child: Child, valgrind: str, cwd: str) -> int:
    """Instructions (callgrind's ``Ir``) of one child, with string hashing made repeatable.

    ``-E`` would ignore PYTHONHASHSEED, so the child runs with every ``PYTHON*`` variable
    removed instead (what ``-E`` does) and PYTHONHASHSEED=0.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONHASHSEED"] = "0"
    command = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null",
               str(child.python), "-s", *child.args]  # fmt: skip
    done = _run(command, cwd=cwd, env=env, capture_output=True)
    found = re.search(r"Collected\s*:\s*([\d,]+)", done.stderr)
    if found is None:
        msg = f"no instruction count in callgrind's output:\n{done.stderr}"
        raise RuntimeError(msg)
    return int(found.group(1).replace(",", ""))


def measure_callgrind(
    children: dict[str, Child], valgrind: str, rounds: int
) -> dict[str, list[int]]:
    """Instructions of each child named in CALLGRIND, *rounds* times, two children at a time."""
    names = [name for name in CALLGRIND if name in children] * rounds
    with (
        tempfile.TemporaryDirectory() as cwd,
        concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool,
    ):
        counts: dict[str, list[int]] = {name: [] for name in names}
        for name, count in zip(
            names,
            pool.map(lambda name: _callgrind(children[name], valgrind, cwd), names),
            strict=True,
        ):
            counts[name].append(count)
    return counts


def measure_in_process(python: Path, rounds: int, passes: int) -> dict[str, Any]:
    """Figures 4, 5 and 6, measured by `_workloads.py` in one child of the venv."""
    with tempfile.TemporaryDirectory() as cwd:
        out = _run(
            [python, "-E", "-s", HERE / "_workloads.py", str(rounds), str(passes)],
            cwd=cwd,
            capture_output=True,
        )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def measure_column(python: Path, hdx: Path | None, passes: int, *, quick: bool) -> dict[str, Any]:
    """Figure 9: the country column (`_countries.py run`), ours and pycountry, and hdx."""
    script = HERE / "_countries.py"
    runs: list[tuple[Path, tuple[str, ...]]] = [(python, COLUMN_MAIN)]
    if hdx is not None:
        runs.append((hdx, (HDX_EXACT,) if quick else (HDX_EXACT, HDX_FUZZY)))
    results: dict[str, Any] = {}
    attempts: list[str] = []
    with tempfile.TemporaryDirectory() as cwd:
        for interpreter, resolvers in runs:
            out = _run(
                [interpreter, "-E", "-s", script, "run", str(passes), *resolvers],
                cwd=cwd,
                capture_output=True,
            )
            found = json.loads(out.stdout)
            results |= found["results"]
            attempts += found["network_attempts"]
    return {"results": results, "network_attempts": attempts}


def load_seconds(phases: dict[str, float]) -> float:
    """A scale sample's load: parsing, building every record, the lookup."""
    return phases["parse"] + phases["build"] + phases["lookup"] + phases["rest"]


def first_seconds(phases: dict[str, float]) -> float:
    """A scale sample's first answer: (parsing and building the whole document,) the lookup."""
    return phases["parse"] + phases["build"] + phases["lookup"]


def make_scales(python: Path, folder: Path, user_scales: Sequence[int]) -> dict[str, Any]:
    """Write the synthetic documents and bundled files (`_scale.py make`); their counts."""
    bundles = sorted({*PROCESS_SCALES, *BUNDLED_SCALES})
    made = _run(
        [python, "-E", "-s", HERE / "_scale.py", "make", folder,
         "--bundle", *map(str, bundles), "--document", *map(str, user_scales)],
        cwd=folder,
        capture_output=True,
    )  # fmt: skip
    counts: dict[str, Any] = json.loads(made.stdout)
    return counts


def measure_scale(
    python: Path, scale_pythons: dict[int, Path], folder: Path, rounds: int, user: Sequence[int]
) -> dict[str, list[dict[str, float]]]:
    """Figure 8: each path's phases (s) at each scale, a fresh `_scale.py run` child each."""
    script = HERE / "_scale.py"
    runs = [("user", scale) for scale in user]
    runs += [("bundled", scale) for scale in BUNDLED_SCALES if scale in scale_pythons]
    samples: dict[str, list[dict[str, float]]] = {f"{p}_{s}": [] for p, s in runs}

    def one(path: str, scale: int) -> dict[str, float]:
        command: list[str | Path]
        if path == "user":
            command = [python, "-E", "-s", script, "run", "user", folder / f"scale-{scale}.json"]
        else:
            command = [scale_pythons[scale], "-E", "-s", script, "run", "bundled"]
        phases: dict[str, float] = json.loads(_run(command, cwd=folder, capture_output=True).stdout)
        return phases

    for path, scale in runs:  # warm-up: bytecode, the page cache
        if scale == 1:
            one(path, scale)
    for round_ in range(rounds):
        for path, scale in _rotate(runs, round_):
            samples[f"{path}_{scale}"].append(one(path, scale))
    return samples


def scale_medians(samples: dict[str, list[dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Per path and scale: median seconds of each phase, of the first answer and of the load."""
    out = {}
    for name, runs in samples.items():
        medians = {phase: statistics.median(run[phase] for run in runs) for phase in runs[0]}
        medians["first"] = statistics.median(first_seconds(run) for run in runs)
        medians["load"] = statistics.median(load_seconds(run) for run in runs)
        out[name] = medians
    return out


def _git(*args: str) -> str:
    git = shutil.which("git")
    if git is None:
        return ""
    command = [git, "-C", str(ROOT), *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    return done.stdout.strip()


PACKAGES_PROBE = (
    "import json, platform, importlib.metadata as m, sys\n"
    "def version(name):\n"
    "    try:\n"
    "        return m.version(name)\n"
    "    except m.PackageNotFoundError:\n"
    "        return None\n"
    "names = sys.argv[1:]\n"
    "print(json.dumps({'python': platform.python_version(),"
    "'implementation': platform.python_implementation(),"
    "'packages': {n: version(n) for n in names}}))"
)


def _packages(python: Path, names: Sequence[str]) -> dict[str, Any]:
    out = _run([python, "-E", "-s", "-c", PACKAGES_PROBE, *names], capture_output=True)
    found: dict[str, Any] = json.loads(out.stdout)
    return found


def machine_info(pythons: dict[str, Path]) -> dict[str, Any]:
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
    child = _packages(pythons["main"], ("un-migration-network", "attrs", "cattrs", "pycountry"))
    extras = {}
    if "notebook" in pythons:
        extras["notebook"] = _packages(pythons["notebook"], ("ipython", "ipykernel"))["packages"]
    if "countries" in pythons:
        extras["countries"] = _packages(pythons["countries"], ("hdx-python-country",))["packages"]
    commit = _git("rev-parse", "--short", "HEAD") or None
    dirty = bool(_git("status", "--porcelain", "--", "src", "pyproject.toml"))
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    valgrind = shutil.which("valgrind")
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
        "extra_venvs": extras,
        "valgrind": _run([valgrind, "--version"], capture_output=True).stdout.strip()
        if valgrind
        else None,
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
    instructions: float | None = None

    def cells(self) -> list[str]:
        """The row as the table shows it."""
        return [
            self.figure,
            f"{_show(self.ours, self.unit)}  ({self.ours_label})",
            f"{_show(self.peer, self.unit)}  ({self.peer_label})",
            _ratio(self.ours, self.peer, self.unit),
            "-" if self.instructions is None else f"{self.instructions:.3f}x",
            self.target,
            VERDICTS[self.met],
        ]


VERDICTS = {True: "met", False: "MISSED", None: "info"}


def _ratio(ours: float, other: float, unit: str) -> str:
    if unit == "bytes":
        return f"+{(ours - other) / MIB:.2f} MiB"
    if unit == "%":
        return f"{ours - other:+.1f} points"
    return f"{ours / other:.3f}x" if other else "-"


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
    if unit == "%":
        return f"{value:.2f}%"
    if unit == "names/s":
        return f"{value / 1e6:.3f} M names/s" if value >= 1e6 else f"{value / 1e3:.1f} k names/s"  # noqa: PLR2004
    return f"{value:g} {unit}"


# Each row: figure, our label, the peer's label, our median, the peer's median, unit, and
# the target: on the ratio of the two medians ("<=", ">="); for bytes, on the difference in
# MiB; for a percentage, on ours alone ("abs>=", "abs<="); None: shown for context only.
# The targets are issue 18's table and issue 19's country column.  A row whose medians
# were not measured is left out.
FIGURES: tuple[tuple[str, str, str, str, str, str, tuple[str, float] | None], ...] = (
    ("0. interpreter start (context)", "python -c pass", "-", "startup", "startup", "ns",
     None),
    ("1. cold import vs attrs (context)", "import un_migration_network", "import attrs",
     "import_ours", "import_attrs", "ns", None),
    ("1. cold import vs pycountry (context)", "import un_migration_network",
     "import pycountry", "import_ours", "import_pycountry", "ns", None),
    ("2. first answer vs attrs+cattrs", "import + networks.lookup", "import attrs, cattrs",
     "first_ours", "import_attrs_cattrs", "ns", ("<=", 1.22)),
    ("2. first answer vs pycountry", "import + networks.lookup", "import + countries.lookup",
     "first_ours", "first_pycountry", "ns", ("<=", 1.20)),
    ("2. first answer vs floor without the parse", "import + networks.lookup",
     "attrs, importlib.resources, read bytes", "first_ours", "floor_no_parse", "ns",
     ("<=", 1.25)),
    ("2. first answer vs floor with the parse (context)", "import + networks.lookup",
     "the floor + json.loads(document)", "first_ours", "floor_parse", "ns", None),
    ("2a. floor without the parse vs pycountry (context)",
     "attrs, importlib.resources, read bytes", "import + countries.lookup", "floor_no_parse",
     "first_pycountry", "ns", None),
    ("2b. + the modules of the path (context)", "floor + import un_migration_network",
     "floor without the parse", "step_modules", "floor_no_parse", "ns", None),
    ("2c. + the index, the records, the lookup (context)", "import + networks.lookup",
     "floor + import un_migration_network", "first_ours", "step_modules", "ns", None),
    ("2d. after IPython+ipykernel: first answer vs prefix (context)",
     "prefix + import + networks.lookup", "import IPython, ipykernel", "ipy_first_ours",
     "ipy_prefix", "ns", None),
    ("2d. after IPython+ipykernel: pycountry's vs prefix (context)",
     "prefix + import + countries.lookup", "import IPython, ipykernel", "ipy_first_pycountry",
     "ipy_prefix", "ns", None),
    ("2d. after IPython+ipykernel: ours vs pycountry's (context)",
     "prefix + import + networks.lookup", "prefix + import + countries.lookup",
     "ipy_first_ours", "ipy_first_pycountry", "ns", None),
    ("2e. first answer at 10x data / at 1x", "first answer, 10x data", "first answer, 1x",
     "first_10x", "first_1x", "ns", ("<=", 1.15)),
    ("2e. first answer at 2x data / at 1x (context)", "first answer, 2x data",
     "first answer, 1x", "first_2x", "first_1x", "ns", None),
    ("2e. the 1x copy of the venv vs .venv (context: a check)", "first answer, 1x copy",
     "first answer, .venv", "first_1x", "first_ours", "ns", None),
    ("3. CLI show vs python -c pass", "un-migration-network show Mozambique",
     "python -c pass", "cli", "startup", "ns", ("<=", 8.0)),
    ("3. CLI show vs first answer (context)", "un-migration-network show Mozambique",
     "import + networks.lookup", "cli", "first_ours", "ns", None),
    ("3a. CLI at 10x data / at 1x", "show Mozambique, 10x data", "show Mozambique, 1x",
     "cli_10x", "cli_1x", "ns", ("<=", 1.15)),
    ("3a. CLI at 2x data / at 1x (context)", "show Mozambique, 2x data",
     "show Mozambique, 1x", "cli_2x", "cli_1x", "ns", None),
    ("4. warm lookup vs pycountry", "networks.lookup", "countries.lookup", "warm_ours",
     "warm_pycountry", "ns", ("<=", 0.5)),
    ("4. warm lookup vs dict (context)", "networks.lookup", "dict[key.casefold()]",
     "warm_ours", "warm_dict", "ns", None),
    ("5. miss + suggestions vs fuzzy", "lookup('Mozambik') raises", "search_fuzzy('Mozambik')",
     "miss_ours", "miss_pycountry", "ns", ("<=", 0.05)),
    ("6. bulk: get_many vs pycountry, all hits (rate)", "agencies.get_many, 16,000 names",
     "countries.lookup loop, 16,000 it finds", "many_get_many", "many_pycountry_hits",
     "names/s", (">=", 8.0)),
    ("6. bulk: get_many vs pycountry with misses (context)", "agencies.get_many",
     "countries.lookup loop, 16,000 messy", "many_get_many", "many_pycountry", "names/s",
     None),
    ("6. bulk: lookup_many (context)", "agencies.lookup_many",
     "countries.lookup loop, all hits", "many_lookup_many", "many_pycountry_hits", "names/s",
     None),
    ("6. bulk: a lookup loop (context)", "agencies.lookup loop",
     "countries.lookup loop, all hits", "many_loop_ours", "many_pycountry_hits", "names/s",
     None),
    ("6b. 100,000 names, lookup loop (context)", "agencies.lookup loop",
     "countries.lookup loop", "loop_ours", "loop_pycountry", "names/s", None),
    ("6b. vs pycountry's hits only (context)", "agencies.lookup loop",
     "countries.lookup, hits", "loop_ours", "loop_pycountry_hits_only", "names/s", None),
    ("7. peak RSS: all walked, a search, validate()",
     "every registry walked, networks.search, validate()", "import attrs, cattrs", "rss_ours",
     "rss_floor", "bytes", ("<=", 5.0)),
    ("7. peak RSS: a search in every registry (context)",
     "the same, a search in each registry", "import attrs, cattrs", "rss_searches",
     "rss_floor", "bytes", None),
    ("8. load: load_dataset, 100x / 1x (context)", "load_dataset, 100x", "load_dataset, 1x",
     "scale_user_100", "scale_user_1", "ns", None),
    ("8. load: load_dataset, 10x / 1x (context)", "load_dataset, 10x", "load_dataset, 1x",
     "scale_user_10", "scale_user_1", "ns", None),
    ("8. load: bundled, every record built, 10x / 1x (context)", "bundled path, 10x",
     "bundled path, 1x", "scale_bundled_10", "scale_bundled_1", "ns", None),
    ("8. load: bundled vs load_dataset, 1x (context)", "bundled path, all built",
     "load_dataset", "scale_bundled_1", "scale_user_1", "ns", None),
    ("9. country column: hits", "countries.get_many", "pycountry countries.lookup",
     "column_ours_hit", "column_pycountry_hit", "%", ("abs>=", 97.0)),
    ("9. country column: wrong country", "countries.get_many", "pycountry countries.lookup",
     "column_ours_wrong", "column_pycountry_wrong", "%", ("abs<=", 0.0)),
    ("9. country column: hits vs hdx exact (context)", "countries.get_many",
     "hdx get_iso3_country_code", "column_ours_hit", "column_hdx_exact_hit", "%", None),
    ("9. country column: hits vs hdx fuzzy (context)", "countries.get_many",
     "hdx ..._fuzzy", "column_ours_hit", "column_hdx_fuzzy_hit", "%", None),
    ("9. country column: wrong vs hdx fuzzy (context)", "countries.get_many",
     "hdx ..._fuzzy", "column_ours_wrong", "column_hdx_fuzzy_wrong", "%", None),
    ("9. country column: rate vs pycountry (context)", "countries.get_many",
     "pycountry countries.lookup", "column_ours_rate", "column_pycountry_rate", "names/s",
     None),
    ("9. country column: rate vs hdx exact (context)", "countries.get_many",
     "hdx get_iso3_country_code", "column_ours_rate", "column_hdx_exact_rate", "names/s",
     None),
)  # fmt: skip

# The summary: each headline figure beside pycountry's and beside a floor, with the rows
# (of FIGURES) whose targets it shows and what each target is against.
SUMMARY: tuple[tuple[str, str, str | None, str | None, str, tuple[tuple[str, str], ...]], ...] = (
    ("cold import", "import_ours", "import_pycountry", "import_attrs", "import attrs", ()),
    ("first answer", "first_ours", "first_pycountry", "floor_no_parse",
     "floor without the parse", (("2. first answer vs pycountry", "pycountry"),
                                 ("2. first answer vs floor without the parse", "floor"))),
    ("first answer", "first_ours", "first_pycountry", "import_attrs_cattrs",
     "import attrs, cattrs", (("2. first answer vs attrs+cattrs", "floor"),)),
    ("first answer, 10x data", "first_10x", None, "first_1x", "first answer at 1x",
     (("2e. first answer at 10x data / at 1x", "1x"),)),
    ("first answer in a notebook", "ipy_first_ours", "ipy_first_pycountry", "ipy_prefix",
     "import IPython, ipykernel", ()),
    ("CLI `show Mozambique`", "cli", None, "startup", "python -c pass",
     (("3. CLI show vs python -c pass", "floor"),)),
    ("CLI, 10x data", "cli_10x", None, "cli_1x", "CLI at 1x",
     (("3a. CLI at 10x data / at 1x", "1x"),)),
    ("warm lookup", "warm_ours", "warm_pycountry", "warm_dict", "dict[key.casefold()]",
     (("4. warm lookup vs pycountry", "pycountry"),)),
    ("miss with suggestions", "miss_ours", "miss_pycountry", None, "-",
     (("5. miss + suggestions vs fuzzy", "pycountry"),)),
    ("bulk, 16,000 names, all hits (rate)", "many_get_many", "many_pycountry_hits", None, "-",
     (("6. bulk: get_many vs pycountry, all hits (rate)", "pycountry"),)),
    ("peak memory, all used", "rss_ours", None, "rss_floor", "import attrs, cattrs",
     (("7. peak RSS: all walked, a search, validate()", "floor"),)),
    ("country column, hits", "column_ours_hit", "column_pycountry_hit", None, "-",
     (("9. country column: hits", "hits"), ("9. country column: wrong country", "wrong"))),
)  # fmt: skip
UNITS = {figure[3]: figure[5] for figure in FIGURES}


def medians_of(
    processes: dict[str, dict[str, list[int]]],
    inprocess: dict[str, Any],
    scale: dict[str, dict[str, float]],
    column: dict[str, Any],
) -> dict[str, float]:
    """The median of every sample set of the run, by the names the figures use."""
    medians = {name: statistics.median(v) for name, v in processes["wall"].items() if v}
    medians |= {name: statistics.median(v) for name, v in processes["rss"].items() if v}
    for prefix, group in (
        ("warm", inprocess["warm_lookup_ns"]),
        ("miss", inprocess["miss_ns"]),
        ("loop", inprocess["bulk"]["names_per_second"]),
        ("many", inprocess["many"]["names_per_second"]),
    ):
        medians |= {f"{prefix}_{name}": statistics.median(v) for name, v in group.items()}
    for name, phases in scale.items():
        medians[f"scale_{name}"] = phases["load"] * 1e9
        medians[f"scale_first_{name}"] = phases["first"] * 1e9
    for resolver, result in column["results"].items():
        key = COLUMN_KEYS.get(resolver, resolver)
        medians[f"column_{key}_hit"] = result["hit_rate"] * 100
        medians[f"column_{key}_wrong"] = result["wrong_rate"] * 100
        medians[f"column_{key}_rate"] = result["names_per_second"]
    return medians


def figures(medians: dict[str, float], instructions: dict[str, int]) -> list[Row]:
    """The table's rows, each a ratio of two medians from this run."""
    rows = []
    for figure, ours_label, peer_label, ours, peer, unit, target in FIGURES:
        if ours not in medians or peer not in medians:
            continue
        mine, theirs = medians[ours], medians[peer]
        ratio = mine / theirs if theirs else None
        if target is None:
            met, shown = None, "-"
        elif unit == "bytes":
            op, bound = target
            met, shown = mine - theirs <= bound * MIB, f"{op} +{bound:g} MiB"
        else:
            op, bound = target
            if op.startswith("abs"):
                met = mine >= bound if op == "abs>=" else mine <= bound
                shown = f"{op[3:]} {bound:g}%"
            else:
                assert ratio is not None  # noqa: S101 - a target is never on a zero median
                met = ratio <= bound if op == "<=" else ratio >= bound
                shown = f"{op} {bound:.2f}x"
        counted = (
            instructions[ours] / instructions[peer]
            if ours in instructions and peer in instructions and ours != peer
            else None
        )
        rows.append(
            Row(figure, ours_label, peer_label, mine, theirs, unit, ratio, shown, met, counted)
        )
    return rows


# --- output ------------------------------------------------------------------------------

HEADER = [
    "figure",
    "ours (median)",
    "peer/floor (median)",
    "ratio",
    "instructions",
    "target",
    "result",
]


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
                "; ".join(f"{row.target} {against}" for row, against in applied) or "-",
                VERDICTS[met],
            ]
        )
    return cells


def _iqr(values: Sequence[float]) -> tuple[float, float]:
    if len(values) < 2:  # noqa: PLR2004
        return values[0], values[0]
    quartiles = statistics.quantiles(values, n=4)
    return quartiles[0], quartiles[2]


def process_cells(result: dict[str, Any]) -> list[list[str]]:
    """Every process-level contender: its wall and CPU medians and its instructions."""
    samples = result["samples"]
    wall, cpu = samples["process_wall_ns"], samples["process_cpu_ns"]
    counts = result.get("instructions", {})
    commands = result["details"]["process_commands"]
    header = ["contender", "venv", "wall median (IQR)", "CPU median", "instructions", "command"]
    cells = [header]
    for name, values in wall.items():
        low, high = _iqr(values)
        command = commands[name]
        cells.append(
            [
                name,
                command["venv"],
                f"{_show_ns(statistics.median(values))} ({_show_ns(low)} to {_show_ns(high)})",
                _show_ns(statistics.median(cpu[name])) if any(cpu[name]) else "-",
                f"{counts[name] / 1e6:,.1f} M" if name in counts else "-",
                " ".join(command["args"]),
            ]
        )
    return cells


# What each step of the first answer adds: (what, the contender after it, the one before).
STEPS = (
    ("the interpreter (`python -c pass`)", "startup", None),
    ("`import attrs`", "import_attrs", "startup"),
    (
        "`importlib.resources` and reading the document's bytes (the floor without the parse)",
        "floor_no_parse",
        "import_attrs",
    ),
    ("the modules of the path (`import un_migration_network` after the floor)",
     "step_modules", "floor_no_parse"),
    (
        (
            "reading the index and the document through our package, parsing the index's "
            "sections, building the records, the lookup"
        ),
        "first_ours",
        "step_modules",
    ),
)  # fmt: skip


def breakdown_cells(result: dict[str, Any]) -> list[list[str]]:
    """Figure 2 taken apart: what each step adds, by the wall clock, CPU and instructions."""
    wall = result["samples"]["process_wall_ns"]
    cpu = result["samples"]["process_cpu_ns"]
    counts = result.get("instructions", {})
    header = ["step", "wall (difference of medians)", "CPU", "instructions"]
    cells = [header]
    for what, after, before in STEPS:
        if after not in wall or (before is not None and before not in wall):
            continue

        def step(group: dict[str, Any], after: str = after, before: str | None = before) -> float:
            value = float(statistics.median(group[after]))
            return value - float(statistics.median(group[before])) if before else value

        instructions = (
            "-"
            if after not in counts or (before and before not in counts)
            else f"{(counts[after] - (counts[before] if before else 0)) / 1e6:+,.1f} M"
        )
        cells.append([what, _show_ns(step(wall)), _show_ns(step(cpu)), instructions])
    first = "first_ours"
    if first in wall:
        cells.append(
            [
                "the first answer, in all",
                _show_ns(statistics.median(wall[first])),
                _show_ns(statistics.median(cpu[first])),
                f"{counts[first] / 1e6:,.1f} M" if first in counts else "-",
            ]
        )
    return cells


def column_cells(result: dict[str, Any]) -> list[list[str]]:
    """Figure 9: each resolver on the country column."""
    header = ["resolver", "hits", "wrong country", "misses", "names/s (wall)", "names/s (CPU)"]
    cells = [header]
    for name, found in result["column"]["results"].items():
        cells.append(
            [
                name,
                f"{found['hit_rate']:.2%}",
                f"{found['wrong_rate']:.2%} ({found['wrong']:,})",
                f"{found['miss_rate']:.2%}",
                _show(found["names_per_second"], "names/s"),
                _show(found["cpu_names_per_second"], "names/s"),
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
        "all built",
        "per record",
        "per record vs 1x",
    ]
    cells = [header]
    for path, label in SCALE_PATHS.items():
        base = None
        for name, phases in medians.items():
            kind, _, size = name.partition("_")
            if kind != path:
                continue
            count = scale["counts"][size]
            per_record = phases["load"] / count["records"]
            base = per_record if base is None else base
            size_bytes = count.get("bytes") if path == "user" else count.get("bundle_bytes")
            cells.append(
                [
                    f"{size}x",
                    f"{count['records']:,}",
                    "-" if size_bytes is None else f"{size_bytes / MIB:.1f} MiB",
                    label,
                    _show(phases["parse"] * 1e9, "ns") if path == "user" else "-",
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
        # Optional (run.py itself is stdlib only): the docs group has it, mypy may not.
        import matplotlib as mpl  # type: ignore[import-not-found,unused-ignore]  # noqa: PLC0415

        mpl.use("Agg")
        import matplotlib.pyplot as plt  # type: ignore[import-not-found,unused-ignore]  # noqa: PLC0415
    except ImportError:
        print(f"note: matplotlib is not importable here: {path} is not redrawn", flush=True)
        return False
    scale = result["scale"]
    figure, (total, per) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    for key, label in SCALE_PATHS.items():
        sizes = sorted(
            int(name.partition("_")[2]) for name in scale["medians"] if name.startswith(key)
        )
        if not sizes:
            continue
        records = [scale["counts"][str(size)]["records"] for size in sizes]
        load_ms = [scale["medians"][f"{key}_{size}"]["load"] * 1e3 for size in sizes]
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
    extras = "; ".join(
        f"{venv_name}: " + ", ".join(f"{name} {version}" for name, version in found.items())
        for venv_name, found in machine.get("extra_venvs", {}).items()
    )
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
        f"extra venvs: {extras or 'none'}",
        f"valgrind: {machine.get('valgrind') or 'not found (no instruction counts)'}",
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


def breakdown_lines(result: dict[str, Any]) -> list[str]:
    """Figure 2 taken apart, as the page shows it."""
    return [
        "## Where the time of the first answer goes",
        "",
        "Each step is a fresh `python -c` that adds to the one before, so each line is the",
        "difference of two medians of this run (a step smaller than the noise can come out",
        "negative); instructions are callgrind's counts, which the machine's load does not",
        "move. The floor's document is a copy of ours in an empty package, so that",
        "`importlib.resources` reads it without importing our package. The first answer then",
        "reads the index's header and the sections a network lookup needs (the networks'",
        "keys, the networks' and the agencies' ids and spans...), and parses and builds only",
        "the records it returns and those they refer to (`_bundle`, `_build`).",
        "",
        _pipes(breakdown_cells(result)),
        "",
    ]


def scale_lines(result: dict[str, Any]) -> list[str]:
    """Figure 8: the scale table, the plot and what they mean."""
    plot = (
        [f"![Load time and cost per record against data size]({PLOT.as_posix()})", ""]
        if result.get("plot")
        else []
    )
    return [
        "## Load time against data size",
        "",
        "The bundled document with every array repeated 2, 10 and 100 times, ids and keys",
        "kept unique and references consistent (`benchmarks/_scale.py`); the Executive",
        "Committee and the Compact stay one each. Each load is a fresh process; the times",
        "exclude the imports. `load_dataset` is the cattrs converter on a document the",
        "caller parsed (*parse* is `json.loads`); *first answer* adds building the whole",
        "document and `networks.lookup('Mozambique')`. The bundled path is a copy of the",
        "installed package whose data files are the synthetic document and its index,",
        "written by `_index.bundle_files`: *first answer* is `networks.lookup('Mozambique')`",
        "(reading only what it needs); *all built* walks every record of every registry,",
        "countries included, and both singletons.",
        "",
        _pipes(scale_cells(result)),
        "",
        *plot,
    ]


# Where the page's results start: what is above it is the page's own prose, kept.
RESULTS_MARKER = (
    "<!-- BENCHMARK RESULTS: everything below is written by "
    "`python benchmarks/run.py --markdown docs/benchmarks.md` from its latest run. -->"
)
# The page's head where the page does not exist yet or has no marker.
DEFAULT_HEAD = """# Benchmarks

The latest run of the benchmark suite in `benchmarks/` (see its README for what each
figure means).  Each ratio divides two medians measured in the same run, with the
contenders interleaved; the peer is pycountry, and the floors are what no library
could avoid: an interpreter, attrs, reading the bundled JSON, a `dict`. Beside
each ratio of processes, the ratio of their instruction counts (callgrind), which
the machine's load does not move. A time is only meaningful against the machine
below.

"""


def page_with_results(existing: str | None, results: str) -> str:
    """The page *existing* (its prose above the marker kept) with *results* below it."""
    head = DEFAULT_HEAD
    if existing is not None and RESULTS_MARKER in existing:
        head = existing.split(RESULTS_MARKER, 1)[0]
    return f"{head}{RESULTS_MARKER}\n\n{results}"


def render_markdown(result: dict[str, Any], rows: Sequence[Row]) -> str:
    """The results part of the MyST page docs/benchmarks.md (see `page_with_results`)."""
    medians = result["medians"]
    bulk, many = result["details"]["bulk"], result["details"]["many"]
    return "\n".join(
        [
            "## Side by side with pycountry and the floor",
            "",
            _pipes(summary_cells(medians, rows)),
            "",
            "## Every figure",
            "",
            markdown_table(rows),
            "",
            (
                f"Figure 6 resolves a column of {many['size']:,} messy agency names drawn from "
                f"{many['pool']:,} messy spellings ({many['distinct']['ours']:,} distinct, hit"
            ),
            (
                f"rate {many['hit_rate']['ours']:.1%}); pycountry's all-hits column draws "
                f"{many['size']:,} names from the {many['pycountry_pool_found']:,} of its "
                f"{many['pool']:,} messy"
            ),
            (
                "country spellings that it finds; its column with misses draws from all of "
                f"them (hit rate {many['hit_rate']['pycountry']:.1%}). Figure 6b looks up"
            ),
            (
                f"{bulk['size']:,} messy names once each (hit rate ours "
                f"{bulk['hit_rate']['ours']:.1%}, pycountry {bulk['hit_rate']['pycountry']:.1%})."
            ),
            "",
            *breakdown_lines(result),
            "## Every process",
            "",
            _pipes(process_cells(result)),
            "",
            "## The country column",
            "",
            "`benchmarks/data/country-column.json`: 10,000 country names as analysts type",
            "them (the six UN languages, codes, the alternative names of the tables; half with",
            "noise), each with the country it names (`benchmarks/_countries.py`).",
            "",
            _pipes(column_cells(result)),
            "",
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
    parser.add_argument("--reuse-venv", action="store_true", help="use the venvs as they are")
    parser.add_argument("--check", action="store_true", help="exit 1 if any target is missed")
    counting = parser.add_mutually_exclusive_group()
    counting.add_argument(
        "--callgrind",
        action="store_true",
        help="count instructions with valgrind in a --quick run too (a full run does)",
    )
    counting.add_argument(
        "--no-callgrind", action="store_true", help="count no instructions, even in a full run"
    )
    parser.add_argument(
        "--from-json",
        type=Path,
        metavar="PATH",
        help="measure nothing: render an earlier results file",
    )
    return parser.parse_args(argv)


def _say(text: str) -> None:
    print(text, flush=True)


@contextmanager
def _scale_venvs(
    python: Path, user_scales: Sequence[int]
) -> Iterator[tuple[Path, dict[int, Path], dict[str, Any]]]:
    """The synthetic data and a copy of the venv per bundled scale, in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="umn-bench-") as name:
        folder = Path(name)
        counts = make_scales(python, folder, user_scales)
        # The 1x files, written by `_index.bundle_files`, are the installed ones: a check that
        # the copies measure what `nox -s data` writes.
        installed = site_packages(python) / "un_migration_network" / "data"
        same = all(
            (folder / "bundle-1" / name).read_bytes() == (installed / name).read_bytes()
            for name in (DOCUMENT, INDEX)
        )
        counts["1"]["same_as_installed"] = same
        if not same:
            _say("note: the 1x files bundle_files writes differ from the installed ones")
        bundled = sorted({*PROCESS_SCALES, *BUNDLED_SCALES})
        yield folder, make_scale_venvs(python, folder, bundled), counts


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Run every figure; return the results as the JSON file holds them."""
    started = time.monotonic()
    level = 1 if args.quick else 0
    python = ensure_venv(MAIN, reuse=args.reuse_venv)
    ensure_floor(python)
    pythons = {"main": python}
    for name in EXTRA_ENVS:
        extra = ensure_extra(name, reuse=args.reuse_venv)
        if extra is not None:
            pythons[name] = extra
    rounds = {
        "process_rounds": PROCESS_ROUNDS[level],
        "memory_rounds": MEMORY_ROUNDS[level],
        "inprocess_rounds": INPROCESS_ROUNDS[level],
        "bulk_passes": BULK_PASSES[level],
        "column_passes": COLUMN_PASSES[level],
        "scale_rounds": SCALE_ROUNDS[level],
        "callgrind_rounds": CALLGRIND_ROUNDS[level],
    }
    machine = machine_info(pythons)
    busy = machine["load_average_at_start"]
    if busy and machine["cores_usable"] and busy[0] > machine["cores_usable"] / 2:
        _say(f"note: the machine is busy (load average {busy[0]}); figures will be noisy")
    valgrind = shutil.which("valgrind")
    counting = bool(valgrind) and not args.no_callgrind and (args.callgrind or not args.quick)
    user_scales = USER_SCALES[level]
    _say(
        "synthetic data: documents at "
        f"{', '.join(f'{s}x' for s in user_scales)}, bundled copies of the package at "
        f"{', '.join(f'{s}x' for s in sorted({*PROCESS_SCALES, *BUNDLED_SCALES}))} ..."
    )
    with _scale_venvs(python, user_scales) as (folder, scale_pythons, counts):
        pythons |= {f"scale-{scale}": path for scale, path in scale_pythons.items()}
        children = process_children(pythons)
        _say(
            f"figures 0-3, 7: {rounds['process_rounds']} interleaved rounds of "
            f"{len(children)} processes ({rounds['memory_rounds']} of memory) ..."
        )
        processes = measure_processes(
            children, python, rounds["process_rounds"], rounds["memory_rounds"]
        )
        counted: dict[str, list[int]] = {}
        if counting and valgrind:
            _say(f"instruction counts (callgrind), {rounds['callgrind_rounds']} rounds ...")
            counted = measure_callgrind(children, valgrind, rounds["callgrind_rounds"])
        instructions = {name: round(statistics.median(v)) for name, v in counted.items()}
        _say(f"figure 8: {rounds['scale_rounds']} rounds of loads ...")
        scale_samples = measure_scale(
            python, scale_pythons, folder, rounds["scale_rounds"], user_scales
        )
    _say(f"figures 4-6: {rounds['inprocess_rounds']} rounds in one process ...")
    inprocess = measure_in_process(python, rounds["inprocess_rounds"], rounds["bulk_passes"])
    _say(f"figure 9: the country column, {rounds['column_passes']} passes ...")
    column = measure_column(
        python, pythons.get("countries"), rounds["column_passes"], quick=args.quick
    )
    scale = scale_medians(scale_samples)
    medians = medians_of(processes, inprocess, scale, column)
    if hasattr(os, "getloadavg"):
        machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    envs = {path: name for name, path in pythons.items()}
    commands = {
        name: {
            "venv": envs[child.python],
            "args": ["python", "-E", "-s", *(
                cli_script(python).name if arg == str(cli_script(python)) else arg
                for arg in child.args
            )],
        }
        for name, child in children.items()
    }  # fmt: skip
    return {
        "schema": SCHEMA,
        "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "rounds": ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in rounds.items()),
        "duration_seconds": round(time.monotonic() - started, 1),
        "machine": machine,
        "rows": [asdict(row) for row in figures(medians, instructions)],
        "medians": medians,
        "instructions": instructions,
        "scale": {"counts": counts, "medians": scale},
        "column": {
            "results": {
                name: {k: v for k, v in found.items() if not k.startswith("pass_")}
                for name, found in column["results"].items()
            },
            "network_attempts": column["network_attempts"],
        },
        "details": {
            "process_commands": commands,
            "miss_answers": inprocess["miss_answers"],
            "bulk": {k: v for k, v in inprocess["bulk"].items() if k != "names_per_second"},
            "many": {k: v for k, v in inprocess["many"].items() if k != "names_per_second"},
        },
        "samples": {
            "process_wall_ns": processes["wall"],
            "process_cpu_ns": processes["cpu"],
            "rss_bytes": processes["rss"],
            "instructions": counted,
            "warm_lookup_ns": inprocess["warm_lookup_ns"],
            "miss_ns": inprocess["miss_ns"],
            "bulk_names_per_second": inprocess["bulk"]["names_per_second"],
            "many_names_per_second": inprocess["many"]["names_per_second"],
            "column_pass_seconds": {
                name: found["pass_seconds"] for name, found in column["results"].items()
            },
            "scale_seconds": scale_samples,
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
    for cells in (
        [HEADER, *(row.cells() for row in rows)],
        breakdown_cells(result),
        process_cells(result),
        column_cells(result),
        scale_cells(result),
    ):
        print()
        print(_aligned(cells))
    print()
    for line in machine_lines(result):
        print(line)
    if not args.from_json:
        print(f"results: {args.json}")
    if args.markdown:
        plot = args.markdown.parent / PLOT
        result["plot"] = draw_plot(result, plot) or plot.exists()
        existing = args.markdown.read_text(encoding="utf-8") if args.markdown.exists() else None
        page = page_with_results(existing, render_markdown(result, rows))
        write_atomically(args.markdown, page)
        print(f"page: {args.markdown}" + (f", plot: {plot}" if result["plot"] else ""))
    missed = [row.figure for row in rows if row.met is False]
    if missed:
        print(f"{len(missed)} target(s) missed: {', '.join(missed)}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
