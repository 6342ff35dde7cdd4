"""Issue #21, faults 1 and 5: machine output on any stdout, arguments in any locale, Ctrl-C.

``--json`` and ``export`` to standard output are UTF-8 bytes whatever the stream's encoding, so a
program reads the same bytes under ``PYTHONIOENCODING=ascii``, ``latin-1`` or a C locale; an
argument that a C locale could not decode is decoded as UTF-8; Ctrl-C in the middle of a
command is one line on stderr and exit status 130.
"""

from __future__ import annotations

import io
import json
import os
import select
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

import pytest

import un_migration_network as umn
from un_migration_network.cli import main

PROG = "un-migration-network"
PATIENCE = 120
IVOIRE = "Côte d'Ivoire"
# Standard outputs that cannot hold every character: each is the environment of a child.
ENVIRONMENTS = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "latin-1": {"PYTHONIOENCODING": "latin-1"},
    "c-locale": {"LC_ALL": "C", "PYTHONUTF8": "0"},
}
# Commands whose output is for programs, each under a name.
MACHINE = {
    "show-json": ["show", "--json", IVOIRE],
    "list-json": ["list", "networks", "--json"],
    "search-json": ["search", "--json", IVOIRE],
    "export-json": ["export"],
    "export-csv": ["export", "--format", "csv", "networks"],
}
# The same commands with ASCII arguments only, run on a UTF-8 stdout: the bytes to expect.
REFERENCE = {**MACHINE, "show-json": ["show", "--json", "cote-divoire"]}


class Result(NamedTuple):
    """What one child process gave: its status, and its stdout and stderr as bytes."""

    code: int
    out: bytes
    err: bytes


def environment(**extra: str) -> dict[str, str]:
    """A child's environment: this copy of the package, no encoding settings but *extra*."""
    root = str(Path(umn.__file__).parents[1])
    existing = os.environ.get("PYTHONPATH")
    unset = {"PYTHONIOENCODING", "PYTHONUTF8", "PYTHONCOERCECLOCALE", "LC_ALL", "LC_CTYPE"}
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env["PYTHONPATH"] = root + (os.pathsep + existing if existing else "")
    return {**env, "LANG": "C.UTF-8", **extra}


def child(args: list[str], env: dict[str, str]) -> Result:
    """Run ``python -m un_migration_network ARGS`` in *env*; its stdout piped."""
    completed = subprocess.run(  # noqa: S603 - this interpreter, the tests' arguments
        [sys.executable, "-m", "un_migration_network", *args],
        capture_output=True,
        env=env,
        check=False,
        timeout=PATIENCE,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


@pytest.fixture(scope="module")
def children() -> dict[tuple[str, str], Result]:
    """Each machine command under each environment, and its reference on UTF-8, a few at once."""
    jobs = {
        (where, name): (args, environment(**ENVIRONMENTS[where]))
        for where in ENVIRONMENTS
        for name, args in MACHINE.items()
    }
    jobs |= {
        ("utf-8", name): (args, environment(PYTHONIOENCODING="utf-8"))
        for name, args in REFERENCE.items()
    }
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {key: pool.submit(child, *job) for key, job in jobs.items()}
        return {key: future.result() for key, future in futures.items()}


class TestMachineOutput:
    """Machine-readable output is the same UTF-8 bytes on any standard output."""

    @pytest.mark.parametrize("where", ENVIRONMENTS)
    @pytest.mark.parametrize("name", MACHINE)
    def test_same_bytes(
        self, children: dict[tuple[str, str], Result], where: str, name: str
    ) -> None:
        """Status, stdout and stderr are those of a run on a UTF-8 stdout, byte for byte."""
        assert children[where, name] == children["utf-8", name]

    @pytest.mark.parametrize("where", ENVIRONMENTS)
    def test_json_reads(self, children: dict[tuple[str, str], Result], where: str) -> None:
        """``show --json "Côte d'Ivoire"`` is JSON that names the country as it is written."""
        record = json.loads(children[where, "show-json"].out)["record"]
        assert "Côte d’Ivoire" in json.dumps(record, ensure_ascii=False)

    def test_ascii_stream_in_process(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An ASCII standard output in this process gets the CSV's UTF-8 bytes, not escapes."""
        written: dict[str, bytes] = {}
        for encoding in ("utf-8", "ascii"):
            raw = io.BytesIO()
            monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding=encoding))
            assert main(["export", "--format", "csv", "networks"]) == 0
            written[encoding] = raw.getvalue()
        assert written["ascii"] == written["utf-8"]

    def test_text_stays_in_the_encoding(self) -> None:
        """Text for people keeps the stream's encoding: escapes where ASCII cannot say it."""
        result = child(["show", IVOIRE], environment(**ENVIRONMENTS["c-locale"]))
        title = result.out.decode("ascii").splitlines()[0]
        expected = "United Nations Network on Migration in C\\xf4te d\\u2019Ivoire"
        assert (result.code, title) == (0, expected)


class TestArguments:
    """Words on the command line are UTF-8, whatever the locale decoded them as."""

    def test_undecoded_bytes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """UTF-8 bytes that an ASCII locale kept as escapes name what the word names."""
        escaped = IVOIRE.encode("utf-8").decode("ascii", "surrogateescape")
        main(["show", "cote-divoire"])
        expected = capsys.readouterr()
        assert main(["show", escaped]) == 0
        assert capsys.readouterr() == expected

    def test_other_surrogates_kept(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A word with other lone surrogates too is left as it is (lookups ignore them)."""
        main(["show", "Mozambique"])
        expected = capsys.readouterr()
        assert main(["show", "Moz\ud800\udcffambique"]) == 0
        assert capsys.readouterr() == expected


# A wrapper around the command line that signals, on a pipe, when the command reaches a given
# function, and then waits there for the signal that the test sends.
WRAPPER = """\
import os, sys, time
from un_migration_network.cli import main

event, name = sys.argv[1].split(":")
marker = int(os.environ["UMN_MARKER"])


def reached(frame, what, arg):
    found = arg is getattr(os, name, None) if what == "c_call" else frame.f_code.co_name == name
    if what == event and found:
        sys.setprofile(None)
        os.write(marker, b"!")
        os.close(marker)
        time.sleep(60)


sys.setprofile(reached)
raise SystemExit(main(sys.argv[2:]))
"""


def interrupted(tmp_path: Path, when: str, args: list[str]) -> Result:
    """Run the command *args*, and send SIGINT to it once it reaches *when*."""
    script = tmp_path / "wrapper.py"
    script.write_text(WRAPPER, encoding="utf-8")
    read, write = os.pipe()
    try:
        process = subprocess.Popen(  # noqa: S603 - this interpreter, the tests' arguments
            [sys.executable, str(script), when, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment(UMN_MARKER=str(write)),
            pass_fds=(write,),
        )
        os.close(write)
        ready, _, _ = select.select([read], [], [], PATIENCE)
        if ready and os.read(read, 1) == b"!":
            process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=PATIENCE)
    finally:
        os.close(read)
    return Result(process.returncode, out, err)


class TestInterrupt:
    """Ctrl-C (SIGINT) in the middle of a command: one line on stderr, exit status 130."""

    @pytest.mark.parametrize(
        ("when", "args"),
        [
            pytest.param("call:validate", ["validate"], id="validate"),
            pytest.param("call:to_json", ["export"], id="export-json"),
        ],
    )
    def test_one_line(self, tmp_path: Path, when: str, args: list[str]) -> None:
        """The command stops with one line and status 130, and prints nothing else."""
        result = interrupted(tmp_path, when, args)
        assert result == Result(130, b"", f"{PROG}: interrupted\n".encode())

    def test_package_left_whole(self, tmp_path: Path) -> None:
        """Interrupted while it writes a package, the command leaves the old package whole."""
        target = tmp_path / "package"
        assert main(["export", "--format", "datapackage", "--output", str(target)]) == 0
        (target / "networks.csv").write_text("old\n", encoding="utf-8")
        before = {path.name: path.read_bytes() for path in target.iterdir()}
        args = ["export", "--format", "datapackage", "--output", str(target), "--force"]
        result = interrupted(tmp_path, "c_call:open", args)
        assert result == Result(130, b"", f"{PROG}: interrupted\n".encode())
        assert {path.name: path.read_bytes() for path in target.iterdir()} == before
        assert sorted(path.name for path in tmp_path.iterdir()) == ["package", "wrapper.py"]

    def test_in_process(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A KeyboardInterrupt while the output is written: one line, status 130."""

        class Interrupted(io.StringIO):
            """A standard output whose writes are interrupted."""

            def write(self, _: str) -> int:
                """Be interrupted, as by Ctrl-C."""
                raise KeyboardInterrupt

        monkeypatch.setattr(sys, "stdout", Interrupted())
        try:
            code = main(["show", "Mozambique"])
        except KeyboardInterrupt:  # not out of main(): pytest would stop the whole run
            pytest.fail("the interrupt went out of main()")
        assert code == 130
        assert capsys.readouterr().err == f"{PROG}: interrupted\n"
