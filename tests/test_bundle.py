"""Tests for `un_migration_network._bundle`: the bundled data, read once, as the same objects.

What happens at a process's first use (threads racing, forks, the collector, the imports) is
tested in fresh child processes, each with a time limit; the rest on `Bundle` objects made
for the test, which read the installed package's files as the bundled one does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import un_migration_network as umn
from blocking import wait_until_blocked
from un_migration_network._build import build
from un_migration_network._bundle import BUNDLE, FORMAT, Bundle, header, load
from un_migration_network._countries import COUNTRIES
from un_migration_network._kinds import REGISTERED, kind_named, kind_of
from un_migration_network._networks import AGENCIES, NETWORKS
from un_migration_network._records import Citation
from un_migration_network._values import InvalidError

# A child process that takes longer than this is taken to hang.
_LIMIT = 120
_PACKAGE = Path(umn.__file__).parent


def _run(script: str, *, env: dict[str, str] | None = None) -> Any:
    """Run *script* in a fresh interpreter; return the JSON it prints last.

    Raises:
        AssertionError: The child failed (its stderr is shown).
        subprocess.TimeoutExpired: It ran longer than the limit.
    """
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=_LIMIT,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _run_all(scripts: list[str]) -> list[Any]:
    """Run several child scripts at once; return what each printed last, in order."""
    children = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", textwrap.dedent(script)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for script in scripts
    ]
    results = []
    try:
        for child in children:
            out, err = child.communicate(timeout=_LIMIT)
            assert child.returncode == 0, err
            results.append(json.loads(out.splitlines()[-1]))
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    return results


def _race(bundle: Bundle, function: str, call: Callable[[], Any]) -> tuple[Any, Any]:
    """Make a thread wait in *function* for the bundle's lock while this one does *call*.

    The thread then finds what this one built: both answers are returned, the thread's first.
    """
    answers: list[Any] = []
    with bundle.lock:
        thread = threading.Thread(target=lambda: answers.append(call()))
        thread.start()
        wait_until_blocked(thread, function)
        mine = call()
    thread.join()
    return answers[0], mine


class TestSameObjects:
    """A record is built once: every way to it gives the very same object."""

    def test_load_is_cached(self) -> None:
        """load() returns the very same dataset every time."""
        assert load() is load()
        assert umn.load() is load()

    @pytest.mark.parametrize("keys", [("MZ", "Mozambique", 508, "موزامبيق", "mozambique")])
    def test_lookup_is_lookup(self, keys: tuple[object, ...]) -> None:
        """Every key of a record gives the same object."""
        first = umn.networks.lookup(keys[0])
        for key in keys:
            assert umn.networks.lookup(key) is first

    def test_members_are_the_agencies(self) -> None:
        """A network's members, co-chairs and coordinator are the agencies of umn.agencies."""
        for network in umn.networks:
            for agency in (*network.members, *network.co_chairs):
                assert umn.agencies.lookup(agency.id) is agency
            if network.coordinator is not None:
                assert umn.agencies.lookup(network.coordinator.id) is network.coordinator

    def test_committee_members_are_the_agencies(self) -> None:
        """The Committee's seats and lists hold the agencies of umn.agencies."""
        committee = umn.executive_committee
        assert committee.coordinator is umn.agencies.lookup("IOM")
        for membership in committee.memberships:
            assert umn.agencies.lookup(membership.agency.id) is membership.agency
        for snapshot in committee.snapshots:
            for agency in snapshot.members:
                assert umn.agencies.lookup(agency.id) is agency

    @pytest.mark.parametrize("kind", REGISTERED, ids=[kind.plural for kind in REGISTERED])
    def test_iteration_gives_the_same_objects(self, kind: Any) -> None:
        """Iteration yields the objects lookups return."""
        registry = load().registry(kind)
        for found in registry:
            assert registry.lookup(kind.key(found)) is found

    def test_sources_are_the_sources(self) -> None:
        """Every source a record cites is the source of the sources registry."""
        sources = load().sources
        for _, found in load().walk():
            for source in getattr(found, "sources", ()):
                assert sources.lookup(source.id) is source

    def test_countries_are_the_countries(self) -> None:
        """A network's country is the country of umn.countries."""
        assert umn.networks.lookup("MZ").country is umn.countries.lookup("MZ")

    def test_about_reads_the_index(self) -> None:
        """The events about a record are the events of the registry."""
        events, _ = load().about("mozambique")
        assert [e.id for e in events] == ["mozambique-kick-off-meeting"]
        assert events[0] is load().events.lookup("mozambique-kick-off-meeting")


class TestAFreshBundle:
    """A `Bundle` reads the package's files on first use and builds each record once."""

    def test_its_own_records(self) -> None:
        """Another bundle builds equal records, and keeps its own objects."""
        bundle = Bundle()
        networks = bundle.registry(NETWORKS)
        mozambique = networks.lookup("MZ")
        assert mozambique == umn.networks.lookup("MZ")
        assert mozambique is not umn.networks.lookup("MZ")
        assert networks.lookup("Mozambique") is mozambique
        assert bundle.registry(NETWORKS) is networks

    def test_exact_lookups_build_what_they_return(self) -> None:
        """A lookup builds the record it returns and those it refers to, no other."""
        bundle = Bundle()
        mozambique = bundle.registry(NETWORKS).lookup("MZ")
        built = bundle._records["networks"]
        assert sum(record is not None for record in built) == 1
        assert mozambique.country is bundle.registry(COUNTRIES).lookup("MZ")

    def test_lookups_by_country(self) -> None:
        """A country's names find its network; a country without one is said to have none."""
        bundle = Bundle()
        networks = bundle.registry(NETWORKS)
        assert networks.lookup("Ivory Coast").id == "cote-divoire"
        with pytest.raises(umn.NotFoundError) as caught:
            networks.lookup("Guatemala")
        assert caught.value.country is bundle.registry(COUNTRIES).lookup("GT")
        assert str(caught.value) == str(self._miss(umn.networks, "Guatemala"))

    @staticmethod
    def _miss(registry: umn.Registry[Any], key: str) -> umn.NotFoundError:
        with pytest.raises(umn.NotFoundError) as caught:
            registry.lookup(key)
        return caught.value

    def test_misses(self) -> None:
        """Keys that name nothing, and kinds without countries, miss quietly."""
        bundle = Bundle()
        assert bundle.registry(NETWORKS).get("Atlantis") is None
        assert bundle.find(NETWORKS, "atlantis") is None
        assert bundle.by_country(NETWORKS, "GT") is None
        assert bundle.by_country(AGENCIES, "MZ") is None

    def test_a_reference_it_does_not_hold(self) -> None:
        """A record that refers to a key the index lacks is a broken install, said plainly."""
        with pytest.raises(RuntimeError, match=r"refers to agency 'nobody', which it does not"):
            Bundle().one(umn.Agency, "nobody")

    def test_whole_registries(self) -> None:
        """Every record of every kind, in the document's order, equal to the bundled ones."""
        bundle = Bundle()
        for kind in REGISTERED:
            assert list(bundle.registry(kind)) == list(BUNDLE.registry(kind))

    def test_singletons(self) -> None:
        """The Compact and the Committee are built once."""
        bundle = Bundle()
        compact = bundle.singleton(kind_named("compact"))
        assert compact == umn.compact
        assert bundle.singleton(kind_named("compact")) is compact

    def test_dataset(self) -> None:
        """The dataset is built once, of the bundle's registries, equal to the bundled one."""
        bundle = Bundle()
        dataset = bundle.dataset()
        assert bundle.dataset() is dataset
        assert dataset == umn.load()
        assert dataset.networks is bundle.registry(NETWORKS)
        assert dataset.about("mozambique") == umn.load().about("mozambique")

    def test_header(self) -> None:
        """The header gives the data's date and what a miss on a country says."""
        bundle = Bundle()
        found = bundle.header()
        assert found["format"] == FORMAT
        assert found["as_of"] == umn.load().as_of.isoformat()
        assert bundle.header() is found
        assert set(found["missing"]) == {"networks", "champions"}


class TestRaces:
    """A thread that waited for the lock uses what another built meanwhile, never twice."""

    def test_section(self) -> None:
        """Two threads asking for one section of the index get the one parsed."""
        bundle = Bundle()
        theirs, mine = _race(bundle, "section", lambda: bundle.section("networks"))
        assert theirs is mine

    def test_header(self) -> None:
        """Two threads asking for the header read the files once."""
        bundle = Bundle()
        theirs, mine = _race(bundle, "header", bundle.header)
        assert theirs is mine

    def test_record(self) -> None:
        """Two threads looking up one record get one object."""
        bundle = Bundle()
        networks = bundle.registry(NETWORKS)
        # The index's bucket that holds the key is read, and no record is built.
        assert bundle._map(f"{NETWORKS.plural}.keys", "mozambique") is not None
        theirs, mine = _race(bundle, "record", lambda: networks.lookup("Mozambique"))
        assert theirs is mine

    def test_registry(self) -> None:
        """Two threads asking for a registry get one registry."""
        bundle = Bundle()
        theirs, mine = _race(bundle, "registry", lambda: bundle.registry(AGENCIES))
        assert theirs is mine

    def test_index_of_every_key(self) -> None:
        """Two threads that search a registry index its records once."""
        bundle = Bundle()
        networks = bundle.registry(NETWORKS)
        assert len(networks) > 0  # the records are read; the index of every key is not
        theirs, mine = _race(bundle, "_whole", networks._whole)
        assert theirs is mine

    def test_dataset(self) -> None:
        """Two threads asking for the dataset get one dataset."""
        bundle = Bundle()
        theirs, mine = _race(bundle, "dataset", bundle.dataset)
        assert theirs is mine

    def test_many_threads_first_touch(self) -> None:
        """Sixteen threads racing on a fresh bundle see one object per record."""
        bundle = Bundle()
        barrier = threading.Barrier(16)
        seen: list[tuple[int, int, int]] = []

        def worker() -> None:
            barrier.wait()
            networks = bundle.registry(NETWORKS)
            seen.append((id(networks.lookup("MZ")), len(networks), id(bundle.dataset())))

        threads = [threading.Thread(target=worker) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(seen) == 16
        assert len(set(seen)) == 1


class TestFork:
    """A child forked while another thread loads can load (issue 21, fault 3)."""

    def test_reset_forgets_a_held_lock(self) -> None:
        """After reset, the lock another thread holds for good no longer blocks a load."""
        bundle = Bundle()
        held, release = threading.Event(), threading.Event()

        def hold() -> None:
            with bundle.lock:
                held.set()
                release.wait()

        thread = threading.Thread(target=hold)
        thread.start()
        held.wait()
        try:
            bundle.reset()
            assert bundle.lock.acquire(timeout=10)
            bundle.lock.release()
            assert bundle.registry(NETWORKS).lookup("MZ").id == "mozambique"
        finally:
            release.set()
            thread.join()

    @pytest.mark.skipif(not hasattr(os, "fork"), reason="this system cannot fork")
    def test_while_the_lock_is_held(self) -> None:
        """A child forked while another thread holds the bundle's lock loads all the same.

        (Whether the fork waits for the lock or the child forgets it, the child loads.)
        """
        script = """
            import json, os, sys, threading, time
            import un_migration_network as umn
            from un_migration_network._bundle import BUNDLE

            held, release = threading.Event(), threading.Event()

            def hold():
                with BUNDLE.lock:
                    held.set()
                    release.wait(0.5)  # a load holds the lock a while, then lets go

            threading.Thread(target=hold, daemon=True).start()
            held.wait()
            pid = os.fork()
            if pid == 0:
                try:
                    ok = umn.networks.lookup("MZ").id == "mozambique" and len(umn.load().agencies)
                finally:
                    os._exit(0 if ok else 3)
            release.set()
            deadline = time.monotonic() + 60
            while not os.waitpid(pid, os.WNOHANG)[0]:
                if time.monotonic() > deadline:
                    os.kill(pid, 9)
                    print(json.dumps("hung"))
                    sys.exit()
                time.sleep(0.01)
            print(json.dumps("loaded"))
        """
        assert _run(script) == "loaded"

    @pytest.mark.skipif(not hasattr(os, "fork"), reason="this system cannot fork")
    def test_during_a_load(self) -> None:
        """Children forked at moments of another thread's first load all load, and exit."""
        script = """
            import json, os, sys, threading, time
            import un_migration_network as umn

            def load():
                ds = umn.load()
                for plural in ("agencies", "networks", "countries", "champions", "sources"):
                    list(ds.registry(plural))
                umn.networks.search("mozambik")

            thread = threading.Thread(target=load)
            thread.start()
            time.sleep({delay})
            pid = os.fork()
            if pid == 0:
                try:
                    ds = umn.load()
                    ok = ds.networks.lookup("Ivory Coast").id == "cote-divoire"
                    ok = ok and len(umn.countries) == len(ds.countries)
                finally:
                    os._exit(0 if ok else 3)
            thread.join()
            deadline = time.monotonic() + 60
            while True:
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    break
                if time.monotonic() > deadline:
                    os.kill(pid, 9)
                    print(json.dumps("hung"))
                    sys.exit()
                time.sleep(0.01)
            print(json.dumps(os.waitstatus_to_exitcode(status)))
        """
        delays = [0, 0.001, 0.002, 0.004, 0.006, 0.01, 0.015, 0.02, 0.03, 0.05]
        results = _run_all([script.replace("{delay}", str(delay)) for delay in delays])
        assert results == [0] * len(delays)


class TestThreads:
    """Records stay identical across threads that first touch the bundle at once (fault 2)."""

    def test_first_touch_from_many_threads(self) -> None:
        """In fresh processes, 48 threads at once: no error, one object per record."""
        script = """
            import json, threading
            import un_migration_network as umn

            names = ["agencies", "networks", "countries", "champions", "objectives", "principles"]
            assert len(names) == 6
            barrier = threading.Barrier(48)
            seen, errors = [], []

            def worker(index):
                try:
                    barrier.wait()
                    name = names[index % len(names)]
                    registry = getattr(umn, name)
                    first = next(iter(registry))
                    ids = (name, id(first), len(registry), id(umn.load()))
                    ids += (id(umn.networks.lookup("MZ")), id(umn.agencies.lookup("IOM")))
                    seen.append(ids)
                except BaseException as error:
                    errors.append(repr(error))

            threads = [threading.Thread(target=worker, args=(i,)) for i in range(48)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            print(json.dumps([errors, len(seen), len(set(seen))]))
        """
        results = _run_all([script] * 6)
        # One set of objects for each of the six registries the threads touched.
        assert results == [[[], 48, 6]] * 6


class TestCollector:
    """The application's garbage collector setting is its own (issue 21, fault 4)."""

    @pytest.mark.parametrize("enabled", [False, True])
    def test_never_changed(self, enabled: bool) -> None:
        """A load in another thread leaves the collector as the application set it."""
        script = f"""
            import gc, json, threading
            import un_migration_network as umn

            {"gc.enable()" if enabled else "gc.disable()"}
            states = []

            def load():
                ds = umn.load()
                for registry in (ds.networks, ds.countries, ds.sources, ds.events):
                    states.append(gc.isenabled())
                    len(registry)
                umn.networks.search("mozambik")
                umn.load_dataset(json.loads(ds.to_json()))
                states.append(gc.isenabled())

            thread = threading.Thread(target=load)
            thread.start()
            while thread.is_alive():
                states.append(gc.isenabled())
            thread.join()
            states.append(gc.isenabled())
            print(json.dumps(sorted(set(states))))
        """
        assert _run(script) == [enabled]


class TestImports:
    """Importing the package reads no file; a first lookup imports only what it needs."""

    def test_import_reads_no_data(self) -> None:
        """`import un_migration_network` opens no data file; the version needs none."""
        script = """
            import json, sys
            opened = []

            def hook(event, args):
                if event == "open" and isinstance(args[0], str):
                    opened.append(args[0])

            sys.addaudithook(hook)
            import un_migration_network
            version = un_migration_network.__version__
            data = [p for p in opened if p.endswith(".json") or "un_migration_network/data" in p]
            print(json.dumps([data, isinstance(version, str)]))
        """
        assert _run(script) == [[], True]

    def test_first_lookup(self) -> None:
        """A first lookup imports none of the other kinds' modules, the converter or pandas."""
        script = """
            import json, sys
            import un_migration_network as umn

            found = umn.networks.lookup("mozambique").id
            modules = ["_compact", "_committee", "_events", "_dataset", "_validation"]
            modules = ["un_migration_network." + name for name in modules]
            modules += ["cattrs", "pandas", "un_migration_network._converter"]
            print(json.dumps([found, [m for m in modules if m in sys.modules]]))
        """
        assert _run(script) == ["mozambique", []]

    def test_first_lookup_reads_the_index_and_the_document(self) -> None:
        """A first lookup reads the document and its index, and no other data file."""
        script = """
            import json, sys
            opened = []

            def hook(event, args):
                if event == "open" and isinstance(args[0], str) and args[0].endswith(".json"):
                    opened.append(args[0].rsplit("/", 1)[-1])

            sys.addaudithook(hook)
            import un_migration_network as umn

            umn.networks.lookup("mozambique")
            umn.agencies.lookup("IOM")
            umn.countries.lookup("Kenya")
            print(json.dumps(sorted(set(opened))))
        """
        assert _run(script) == ["un_migration_network.index.json", "un_migration_network.json"]

    def test_every_public_name(self) -> None:
        """Every public name resolves in a fresh process, and stays put once resolved."""
        script = """
            import json
            import un_migration_network as umn

            kinds = {}
            for name in umn.__all__:
                value = getattr(umn, name)
                kinds[name] = value is getattr(umn, name) and name in vars(umn)
            print(json.dumps(kinds))
        """
        found = _run(script)
        assert sorted(found) == sorted(umn.__all__)
        assert set(found.values()) == {True}

    def test_public_names_are_the_records(self) -> None:
        """The module's registries and records are the bundled dataset's."""
        assert umn.networks is BUNDLE.registry(NETWORKS)
        assert umn.champions is umn.load().champions
        assert umn.compact is umn.load().compact

    def test_unknown_attribute(self) -> None:
        """A name the package does not have raises AttributeError."""
        with pytest.raises(AttributeError, match="no attribute 'nothing'"):
            umn.nothing  # noqa: B018

    def test_dir_lists_the_public_names(self) -> None:
        """dir() shows every public name, sorted, resolved or not."""
        assert dir(umn) == sorted(umn.__all__)


class TestBrokenInstall:
    """A document that does not match its index is a packaging error, said plainly."""

    @staticmethod
    def _copy(tmp_path: Path) -> Path:
        """A copy of the installed package in a folder of its own (a site-packages)."""
        target = tmp_path / "site-packages" / "un_migration_network"
        shutil.copytree(_PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__"))
        return target

    def _first_lookup(self, tmp_path: Path) -> Any:
        script = """
            import json
            import un_migration_network as umn

            try:
                umn.networks.lookup("mozambique")
            except RuntimeError as error:
                print(json.dumps([umn.__file__, str(error)]))
        """
        env = {**os.environ, "PYTHONPATH": str(tmp_path / "site-packages")}
        return _run(script, env=env)

    def test_document_of_another_size(self, tmp_path: Path) -> None:
        """A document whose size the index does not give: RuntimeError on the first lookup."""
        data = self._copy(tmp_path) / "data" / "un_migration_network.json"
        data.write_bytes(data.read_bytes() + b"\n")
        where, message = self._first_lookup(tmp_path)
        assert where.startswith(str(tmp_path))
        assert message == (
            "the bundled data's index does not match its document: the package is not "
            "installed whole (reinstall it)"
        )

    def test_index_of_another_format(self, tmp_path: Path) -> None:
        """An index of another format: RuntimeError on the first lookup."""
        index = self._copy(tmp_path) / "data" / "un_migration_network.index.json"
        text = index.read_text(encoding="utf-8")
        assert f'"format": {FORMAT},' in text
        index.write_text(text.replace(f'"format": {FORMAT},', '"format": 9,', 1), encoding="utf-8")
        _, message = self._first_lookup(tmp_path)
        assert message.startswith("the bundled data's index does not match its document")


class _Bundled:
    """A resolver of references that finds them through the public registries."""

    def one(self, cl: type, key: object, /) -> Any:
        """The bundled record of class *cl* that *key* names."""
        kind = kind_of(cl)
        assert kind is not None
        return load().registry(kind).lookup(key)

    def many(self, cl: type, keys: tuple[object, ...], /) -> tuple[Any, ...]:
        """The bundled records of class *cl* that *keys* name."""
        return tuple(self.one(cl, key) for key in keys)

    def citation(self, field: str, sources: tuple[Any, ...], /) -> Citation:
        """A new citation of *field* to *sources*."""
        return Citation(field, sources)


class TestBuild:
    """_build makes a record from its JSON object, resolving references through the bundle."""

    def test_a_network(self, document: dict[str, Any]) -> None:
        """A network built from the document equals the bundled one; its members are shared."""
        [data] = [n for n in document["networks"] if n["id"] == "mozambique"]
        built = build(umn.Network, data, _Bundled())
        bundled = umn.networks.lookup("MZ")
        assert built == bundled
        assert built is not bundled
        assert built.country is bundled.country
        for mine, theirs in zip(built.members, bundled.members, strict=True):
            assert mine is theirs

    @pytest.mark.parametrize("data", [[], "mozambique", None, 3], ids=repr)
    def test_not_an_object(self, data: object) -> None:
        """Anything but a JSON object is refused with what it is."""
        with pytest.raises(InvalidError, match=r"^expected an object, got "):
            build(umn.Network, data, _Bundled())


class TestHeader:
    """header() reads an index file's first line."""

    def test_the_bundled_index(self) -> None:
        """The bundled index's header names its format, its document and its sections."""
        found = header((_PACKAGE / "data" / "un_migration_network.index.json").read_bytes())
        assert found["format"] == FORMAT
        assert (
            found["document"]["bytes"]
            == (_PACKAGE / "data" / "un_migration_network.json").stat().st_size
        )
        assert set(found["sections"]) >= {kind.plural for kind in REGISTERED}

    @pytest.mark.parametrize(
        "data",
        [b"", b"{}", b'{"header": {}}\n', b'{"headers": {},\n', b"[1, 2]\n", b'{"header": {}\n,'],
        ids=repr,
    )
    def test_not_an_index(self, data: bytes) -> None:
        """Bytes that do not open with an index's header line are a ValueError."""
        with pytest.raises(ValueError, match=r"^not an index: its first line is not its header$"):
            header(data)

    def test_header_only(self) -> None:
        """The first line alone is parsed."""
        assert header(b'{"header": {"format": 1},\nnot json at all') == {"format": 1}
