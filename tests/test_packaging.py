"""What the built distributions contain, and that the package runs from a zip archive."""

from __future__ import annotations

import configparser
import importlib.metadata
import importlib.util
import re
import shutil
import subprocess
import sys
import zipfile
from email.parser import HeaderParser
from importlib.resources import files
from pathlib import Path

import pytest

import un_migration_network as umn

ROOT = Path(__file__).parents[1]
PACKAGE = "un_migration_network"
# What the package needs at run time, copied beside the zip so nothing else is importable.
RUNTIME_DISTRIBUTIONS = ("attrs", "cattrs", "typing_extensions", "exceptiongroup")
BUILD_TIMEOUT = 300
_NAME = re.compile(r"[A-Za-z0-9._-]+")


def _build(*args: str, outdir: Path) -> list[Path]:
    """Run ``python -m build`` on the repository and return what it wrote.

    Where hatchling is importable the build runs without isolation, so that it needs no
    network; otherwise ``build`` makes its own environment.
    """
    pytest.importorskip("build", reason="the 'build' package is not installed")
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-isolation"]
    completed = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "build", *isolation, *args, "--outdir", str(outdir), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=BUILD_TIMEOUT,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return sorted(outdir.iterdir())


def _names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return sorted(archive.namelist())


def _read(wheel: Path, name: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(name).decode("utf-8")


def _requirement_name(requirement: str) -> str:
    match = _NAME.match(requirement)
    assert match is not None, requirement
    return match.group()


def _dist_info(wheel: Path, name: str) -> str:
    (path,) = [n for n in _names(wheel) if n.endswith(f".dist-info/{name}")]
    return path


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from the working tree, once per session."""
    (built,) = _build("--wheel", outdir=tmp_path_factory.mktemp("wheel"))
    assert built.suffix == ".whl"
    return built


class TestWheel:
    """The wheel holds the package, its data and its entry point, and nothing else."""

    @pytest.mark.parametrize(
        "name",
        [
            "un_migration_network/__init__.py",
            "un_migration_network/__main__.py",
            "un_migration_network/cli.py",
            "un_migration_network/py.typed",
            "un_migration_network/data/un_migration_network.json",
            "un_migration_network/data/un_migration_network.index.json",
        ],
    )
    def test_contains(self, wheel: Path, name: str) -> None:
        """The file is in the wheel."""
        assert name in _names(wheel)

    def test_no_tests(self, wheel: Path) -> None:
        """No test module or conftest is shipped."""
        shipped = [
            n for n in _names(wheel) if n.startswith("tests/") or "/tests/" in n or "conftest" in n
        ]
        assert shipped == []

    def test_only_the_package(self, wheel: Path) -> None:
        """Every file is under the package or its .dist-info."""
        tops = {n.split("/")[0] for n in _names(wheel)}
        assert {t for t in tops if not t.endswith(".dist-info")} == {PACKAGE}

    @pytest.mark.parametrize(
        "name", ["un_migration_network.json", "un_migration_network.index.json"]
    )
    def test_bundled_data_is_the_source_data(self, wheel: Path, name: str) -> None:
        """The wheel's data document and its index are the ones the package reads."""
        text = files(f"{PACKAGE}.data").joinpath(name).read_text("utf-8")
        assert _read(wheel, f"un_migration_network/data/{name}") == text

    def test_entry_point(self, wheel: Path) -> None:
        """The console script ``un-migration-network`` runs ``cli:main``."""
        parser = configparser.ConfigParser()
        parser.read_string(_read(wheel, _dist_info(wheel, "entry_points.txt")))
        assert dict(parser["console_scripts"]) == {
            "un-migration-network": "un_migration_network.cli:main"
        }

    def test_metadata(self, wheel: Path) -> None:
        """Name, version and run-time requirements are declared."""
        metadata = HeaderParser().parsestr(_read(wheel, _dist_info(wheel, "METADATA")))
        required = sorted(
            _requirement_name(r)
            for r in metadata.get_all("Requires-Dist") or []
            if "extra ==" not in r
        )
        assert metadata["Name"] == "un-migration-network"
        assert metadata["Version"] == umn.__version__
        assert required == ["attrs", "cattrs"]


def _copy_distribution(name: str, target: Path) -> None:
    """Copy the importable top-level files and packages of an installed distribution."""
    try:
        distribution = importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return
    tops = {
        path.parts[0]
        for path in distribution.files or ()
        if path.parts[0] != ".." and not path.parts[0].endswith((".dist-info", ".pth"))
    }
    for top in sorted(tops):
        source = Path(str(distribution.locate_file(top)))
        if source.is_dir():
            shutil.copytree(source, target / top, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.suffix == ".py":
            shutil.copy2(source, target / top)


_ZIP_CHECK = """
import importlib.util, sys
zip_path, deps = sys.argv[1], sys.argv[2]
sys.path.append(deps)
assert importlib.util.find_spec("un_migration_network") is None, "importable without the zip"
sys.path.insert(0, zip_path)
import un_migration_network as umn
assert umn.networks.lookup("MZ").id == "mozambique"
assert umn.__file__.startswith(zip_path), umn.__file__
print(len(umn.objectives), umn.load().as_of)
"""


class TestZipImport:
    """The package reads its data through importlib.resources, so it runs from a zip."""

    def test_runs_from_zip(self, tmp_path: Path) -> None:
        """Imported from a zip archive, the package loads its bundled data."""
        package = Path(umn.__file__).parent
        archive = tmp_path / "umn.zip"
        with zipfile.ZipFile(archive, "w") as zipped:
            for path in sorted(package.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    zipped.write(path, f"{PACKAGE}/{path.relative_to(package).as_posix()}")
        deps = tmp_path / "deps"
        deps.mkdir()
        for name in RUNTIME_DISTRIBUTIONS:
            _copy_distribution(name, deps)
        completed = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
            [sys.executable, "-I", "-S", "-c", _ZIP_CHECK, str(archive), str(deps)],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
            timeout=60,
        )
        assert completed.stderr == ""
        assert completed.returncode == 0
        assert completed.stdout == f"23 {umn.load().as_of.isoformat()}\n"


class TestSdist:
    """The sdist builds a wheel equal to the tree's, and both pass twine's strict check."""

    def test_sdist_and_twine(self, wheel: Path, tmp_path: Path) -> None:
        """``python -m build`` then ``twine check --strict``; same wheel contents as the tree."""
        built = _build(outdir=tmp_path)
        assert sorted(p.suffix for p in built) == [".gz", ".whl"]
        from_sdist = next(p for p in built if p.suffix == ".whl")
        assert _names(from_sdist) == _names(wheel)
        pytest.importorskip("twine", reason="the 'twine' package is not installed")
        completed = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
            [sys.executable, "-m", "twine", "check", "--strict", *map(str, built)],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert completed.returncode == 0, completed.stdout + completed.stderr
