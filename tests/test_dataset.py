"""Tests for `un_migration_network._dataset` and `_query`: the whole data as one value.

What the bundled path does (reading on first use, threads, forks) is in test_bundle.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import pickle
import re
import tempfile
import threading
from pathlib import Path
from typing import Any, assert_type

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import un_migration_network as umn
from changes import ID, json_path, set_at
from strategies import lookup_texts
from un_migration_network._kinds import KINDS, REGISTERED, Kind
from un_migration_network._version import __version__
from un_migration_network.exceptions import DataProblem, MigrationNetworkError

_REGISTERED_IDS = [kind.plural for kind in REGISTERED]


def _copy(dataset: umn.Dataset) -> umn.Dataset:
    """A user's dataset equal to *dataset*, read from its document."""
    return umn.load_dataset(json.loads(dataset.to_json()))


_DEPTH = 100_000


def _deep_list(depth: int) -> list[Any]:
    """A list nested *depth* levels deep, built without recursion."""
    root: list[Any] = []
    current = root
    for _ in range(depth - 1):
        child: list[Any] = []
        current.append(child)
        current = child
    return root


def _codes(error: umn.DataError) -> list[tuple[str, str]]:
    return [(problem.code, problem.path) for problem in error.problems]


@functools.cache
def _bundled_copy() -> umn.Dataset:
    """One user's copy of the bundled dataset, for the tests that only read it."""
    return _copy(umn.load())


class TestParts:
    """The registries, the singletons and the records of every kind."""

    def test_contract(self, dataset: umn.Dataset) -> None:
        """The contract's attributes."""
        assert_type(dataset.as_of, dt.date)
        assert_type(dataset.agencies, umn.Registry[umn.Agency])
        assert_type(dataset.networks, umn.Registry[umn.Network])
        assert_type(dataset.countries, umn.Registry[umn.Country])
        assert_type(dataset.champions, umn.Registry[umn.Champion])
        assert_type(dataset.objectives, umn.Registry[umn.Objective])
        assert_type(dataset.principles, umn.Registry[umn.GuidingPrinciple])
        assert_type(dataset.sources, umn.Registry[umn.Source])
        assert_type(dataset.events, umn.Registry[umn.Event])
        assert_type(dataset.observations, umn.Registry[umn.Observation])
        assert_type(dataset.executive_committee, umn.ExecutiveCommittee)
        assert_type(dataset.compact, umn.Compact)
        assert isinstance(dataset.as_of, dt.date)

    def test_module_attributes_come_from_it(self, dataset: umn.Dataset) -> None:
        """The module-level registries and records are the bundled dataset's."""
        assert umn.agencies is dataset.agencies
        assert umn.networks is dataset.networks
        assert umn.countries is dataset.countries
        assert umn.champions is dataset.champions
        assert umn.objectives is dataset.objectives
        assert umn.principles is dataset.principles
        assert umn.executive_committee is dataset.executive_committee
        assert umn.compact is dataset.compact

    @pytest.mark.parametrize("kind", REGISTERED, ids=_REGISTERED_IDS)
    def test_registry_by_name_and_kind(self, dataset: umn.Dataset, kind: Kind[Any]) -> None:
        """A registry is found by its kind or its plural name, and is the attribute."""
        assert dataset.registry(kind) is dataset.registry(kind.plural)
        assert dataset.registry(kind) is getattr(dataset, kind.plural)

    @pytest.mark.parametrize("name", ["compact", "executive_committee", "planets", ""])
    def test_registry_unknown(self, dataset: umn.Dataset, name: str) -> None:
        """A name that is no registered kind's (a singleton's included) is a KeyError."""
        with pytest.raises(KeyError):
            dataset.registry(name)

    def test_parts(self, dataset: umn.Dataset) -> None:
        """parts() gives each kind's records as a tuple, or the one record, in table order."""
        parts = dataset.parts()
        assert list(parts) == [kind.plural for kind in KINDS]
        assert parts["compact"] is dataset.compact
        assert parts["executive_committee"] is dataset.executive_committee
        for kind in REGISTERED:
            assert parts[kind.plural] == tuple(dataset.registry(kind))

    def test_of_parts(self, dataset: umn.Dataset) -> None:
        """Dataset.of builds an equal dataset from the parts."""
        assert umn.Dataset.of(dataset.as_of, dataset.parts()) == dataset

    def test_of_without_optional_kinds(self, dataset: umn.Dataset) -> None:
        """A kind the parts leave out is an empty registry."""
        parts = {k: v for k, v in dataset.parts().items() if k not in ("champions", "events")}
        mine = umn.Dataset.of(dataset.as_of, parts)
        assert len(mine.champions) == 0
        assert len(mine.events) == 0
        assert mine.networks == dataset.networks

    def test_of_refuses_shared_keys(self, dataset: umn.Dataset) -> None:
        """Two records of one kind sharing a key: every such problem, with the origin."""
        parts = dataset.parts()
        iom = dataset.agencies.lookup("IOM")
        mz = dataset.networks.lookup("MZ")
        parts["agencies"] = (*parts["agencies"], attrs.evolve(iom, id="iom-2"))  # type: ignore[misc]
        parts["networks"] = (*parts["networks"], attrs.evolve(mz, id="mz-2"))  # type: ignore[misc]
        with pytest.raises(umn.DataError) as caught:
            umn.Dataset.of(dataset.as_of, parts, origin="mine.json")
        paths = {problem.path for problem in caught.value.problems}
        assert f"$.agencies[{len(dataset.agencies)}]" in paths
        assert f"$.networks[{len(dataset.networks)}]" in paths
        assert {problem.code for problem in caught.value.problems} == {"duplicate-key"}
        assert str(caught.value).startswith("mine.json: ")


class TestWalk:
    """Dataset.walk gives every record with the id validation reports it under."""

    def test_reaches_every_kind(self, dataset: umn.Dataset) -> None:
        """The walk holds every record of every kind, and the singletons' parts."""
        walked = {id(found) for _, found in dataset.walk()}
        for kind in REGISTERED:
            for found in dataset.registry(kind):
                assert id(found) in walked
        committee, compact = dataset.executive_committee, dataset.compact
        for part in (committee, *committee.memberships, *committee.snapshots):
            assert id(part) in walked
        for part in (compact, compact.review_forum, *compact.review_forum.editions):
            assert id(part) in walked

    def test_subjects_are_unique(self, dataset: umn.Dataset) -> None:
        """No two records of the walk share the id problems are reported under."""
        subjects = [subject for subject, _ in dataset.walk()]
        assert len(set(subjects)) == len(subjects)

    def test_subjects(self, dataset: umn.Dataset) -> None:
        """A few subjects, as validation names them."""
        walked = dict(dataset.walk())
        assert walked["objective-13"] is dataset.objectives.lookup(13)
        assert walked["country-KE"] is dataset.countries.lookup("KE")
        assert walked["champion-kenya"] is dataset.champions.lookup("Kenya")
        assert walked["executive-committee"] is dataset.executive_committee
        assert walked["gcm"] is dataset.compact
        assert walked["imrf"] is dataset.compact.review_forum
        assert walked["imrf-2022"] is dataset.compact.review_forum.editions[0]
        assert walked["executive-committee/who"].agency is dataset.agencies.lookup("WHO")
        assert walked["executive-committee@2019-11-14"].as_of == umn.DateSpan.parse("2019-11-14")


class TestRoundTrip:
    """to_json and load_dataset are inverses."""

    def test_mapping(self, dataset: umn.Dataset) -> None:
        """Loading the bundled document gives an equal dataset with the same JSON."""
        text = dataset.to_json()
        mine = umn.load_dataset(json.loads(text))
        assert mine == dataset
        assert mine is not dataset
        assert mine.to_json() == text

    def test_deterministic_and_sorted(self, dataset: umn.Dataset) -> None:
        """to_json gives the same text every time, with every object's keys sorted."""
        text = dataset.to_json()

        def check(value: object) -> None:
            if isinstance(value, dict):
                assert list(value) == sorted(value)
                for child in value.values():
                    check(child)
            elif isinstance(value, list):
                for child in value:
                    check(child)

        check(json.loads(text))
        assert text == dataset.to_json()
        assert text.endswith("}\n")
        assert "Türkiye" in text

    def test_countries_by_code(self, dataset: umn.Dataset) -> None:
        """The document writes a country once, and refers to it by its code elsewhere."""
        document = json.loads(dataset.to_json())
        [mozambique] = [n for n in document["networks"] if n["id"] == "mozambique"]
        assert mozambique["country"] == "MZ"
        assert len(document["countries"]) == len(dataset.countries)

    @pytest.mark.parametrize("kind", [str, Path])
    def test_path(self, dataset: umn.Dataset, tmp_path: Path, kind: type) -> None:
        """load_dataset takes a str path or a pathlib.Path."""
        path = tmp_path / "data.json"
        path.write_text(dataset.to_json(), encoding="utf-8")
        assert umn.load_dataset(kind(path)) == dataset

    def test_byte_order_mark(self, dataset: umn.Dataset, tmp_path: Path) -> None:
        """A UTF-8 file that starts with a byte order mark loads."""
        path = tmp_path / "data.json"
        path.write_bytes(b"\xef\xbb\xbf" + dataset.to_json().encode())
        assert umn.load_dataset(path) == dataset

    def test_bundled_never_changes(self, dataset: umn.Dataset, document: dict[str, Any]) -> None:
        """A user's document is a new dataset; the bundled one is left as it was."""
        before = dataset.to_json()
        set_at(("networks", ID("mozambique"), "name"), "Changed")(document)
        mine = umn.load_dataset(document)
        assert mine.networks.lookup("mozambique").name == "Changed"
        assert umn.load() is dataset
        assert mine != dataset
        assert dataset.to_json() == before
        assert umn.networks.lookup("mozambique").name == (
            "United Nations Network on Migration in Mozambique"
        )

    def test_concurrent_user_loads_stay_apart(self, document: dict[str, Any]) -> None:
        """Documents loaded at once in several threads each resolve their own references."""
        documents = []
        unicef = ID("unicef").index_in(document["agencies"])
        for index in range(8):
            mine = json.loads(json.dumps(document))
            mine["agencies"][unicef]["name"] = f"Agency number {index}"
            documents.append(mine)
        barrier = threading.Barrier(len(documents))
        results: dict[int, str] = {}

        def worker(index: int) -> None:
            barrier.wait()
            loaded = umn.load_dataset(documents[index])
            members = loaded.networks.lookup("global").members
            results[index] = next(a.name for a in members if a.id == "unicef")

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(documents))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results == {i: f"Agency number {i}" for i in range(len(documents))}

    def test_diff_of_a_copy_is_empty(self, dataset: umn.Dataset) -> None:
        """A copy differs in nothing."""
        assert not dataset.diff(_bundled_copy())


class TestEquality:
    """A dataset is a value: equal, hashed and pickled by its records."""

    def test_equal_copy(self, dataset: umn.Dataset) -> None:
        """A copy read from the document is equal and hashes alike."""
        mine = _bundled_copy()
        assert mine == dataset
        assert hash(mine) == hash(dataset)
        assert len({mine, dataset}) == 1

    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    def test_pickle_any_protocol(self, dataset: umn.Dataset, protocol: int) -> None:
        """A dataset pickles with any protocol, 0 and 1 included, into an equal dataset."""
        twin = pickle.loads(pickle.dumps(dataset, protocol=protocol))  # noqa: S301 - our own
        assert twin == dataset
        assert twin.networks.lookup("MZ").id == "mozambique"
        assert twin.about("mozambique") == dataset.about("mozambique")


class TestAbout:
    """The events and figures about one record."""

    def test_mozambique(self, dataset: umn.Dataset) -> None:
        """Mozambique's network has its kick-off meeting."""
        events, figures = dataset.about("mozambique")
        assert [event.id for event in events] == ["mozambique-kick-off-meeting"]
        assert figures == ()

    def test_the_same_from_a_copy(self, dataset: umn.Dataset) -> None:
        """A user's dataset finds the same events and figures by scanning them."""
        mine = _bundled_copy()
        for subject in ("mozambique", "gcm", "global", "nothing"):
            assert mine.about(subject) == dataset.about(subject)

    def test_every_event_is_about_its_subject(self, dataset: umn.Dataset) -> None:
        """Every event and figure is found under its subject, in the data's order."""
        for event in dataset.events:
            assert event in dataset.about(event.subject)[0]
        for figure in dataset.observations:
            assert figure in dataset.about(figure.subject)[1]

    def test_nothing(self, dataset: umn.Dataset) -> None:
        """An id with no events or figures has none."""
        assert dataset.about("atlantis") == ((), ())


class TestNetworksOn:
    """Which networks the sources show existing on a day, or at some point of a span."""

    def test_before_the_network(self, dataset: umn.Dataset) -> None:
        """Before its launch, no network is shown existing."""
        assert dataset.networks_on("2018-12-08") == ()

    def test_global_network_first(self, dataset: umn.Dataset) -> None:
        """On the day of the Secretary-General's launch, the global Network exists."""
        assert [n.id for n in dataset.networks_on(dt.date(2018, 12, 9))] == ["global"]

    def test_a_year(self, dataset: umn.Dataset) -> None:
        """A year: the networks that existed at some point of it ("2019")."""
        in_2019 = dataset.networks_on("2019")
        assert in_2019 == dataset.networks_on("2019-12-31")
        assert [n.id for n in in_2019][:1] == ["global"]

    def test_a_span(self, dataset: umn.Dataset) -> None:
        """A DateSpan is taken as it is."""
        span = umn.DateSpan.parse("2022-02")
        assert dataset.networks_on(span) == dataset.networks_on("2022-02-28")  # type: ignore[arg-type]

    def test_grows_over_time(self, dataset: umn.Dataset) -> None:
        """Networks never end in the sources: the list grows with the day."""
        days = ["2020-01-01", "2021-06-24", "2022-02-15", "2024-08-31", "2026-12-02"]
        counts = [len(dataset.networks_on(day)) for day in days]
        assert counts == sorted(counts)
        assert counts[-1] == sum(1 for n in dataset.networks if n.first_evidenced is not None)

    def test_a_month_counts_from_its_last_day(self, dataset: umn.Dataset) -> None:
        """A network first evidenced in August 2024 (the Africa list) counts from 31 August."""
        algeria = dataset.networks.lookup("algeria")
        assert algeria not in dataset.networks_on("2024-08-30")
        assert algeria in dataset.networks_on("2024-08-31")
        assert algeria in dataset.networks_on("2024-08")

    def test_not_a_launch(self, dataset: umn.Dataset) -> None:
        """A network first evidenced on a list exists then, though its launch is unknown."""
        algeria = dataset.networks.lookup("algeria")
        assert algeria.launched is None
        assert algeria in dataset.networks_on("2025-01-01")

    @pytest.mark.parametrize("day", [20240831, None, 2024.5])
    def test_day_of_another_type(self, dataset: umn.Dataset, day: object) -> None:
        """A day that is neither a date nor text is a TypeError that says so."""
        with pytest.raises(TypeError, match=r"expected the day as a datetime\.date"):
            dataset.networks_on(day)  # type: ignore[arg-type]

    def test_day_that_is_no_date(self, dataset: umn.Dataset) -> None:
        """Text that is no date is a ValueError that quotes it."""
        with pytest.raises(ValueError, match="got 'yesterday'"):
            dataset.networks_on("yesterday")

    def test_datetime(self, dataset: umn.Dataset) -> None:
        """A datetime counts as its day."""
        moment = dt.datetime(2022, 2, 15, 12, 30, tzinfo=dt.UTC)
        assert dataset.networks_on(moment) == dataset.networks_on(dt.date(2022, 2, 15))


class TestNetworksOfAndIn:
    """The networks an agency is a member of; the networks of a country."""

    def test_networks_of(self, dataset: umn.Dataset) -> None:
        """Every network that lists an agency as a member, by the agency or any key of it."""
        habitat = dataset.agencies.lookup("un-habitat")
        expected = tuple(n for n in dataset.networks if habitat in n.members)
        assert dataset.networks_of("UN Habitat") == expected
        assert dataset.networks_of(habitat) == expected
        assert dataset.networks.lookup("mozambique") in expected

    def test_networks_of_nobody(self, dataset: umn.Dataset) -> None:
        """A key that names no agency raises NotFoundError."""
        with pytest.raises(umn.NotFoundError):
            dataset.networks_of("nobody at all")

    @pytest.mark.parametrize("key", ["Mozambique", "موزامبيق", "MOZ", 508, "508"], ids=repr)
    def test_networks_in(self, dataset: umn.Dataset, key: str | int) -> None:
        """A country's networks, by any name or code of it."""
        assert [n.id for n in dataset.networks_in(key)] == ["mozambique"]

    def test_networks_in_a_country_record(self, dataset: umn.Dataset) -> None:
        """The country record itself is a key."""
        assert dataset.networks_in(dataset.countries.lookup("MZ")) == (
            dataset.networks.lookup("MZ"),
        )

    def test_networks_in_a_country_without(self, dataset: umn.Dataset) -> None:
        """A country with no network has none."""
        assert dataset.networks_in("Guatemala") == ()

    def test_networks_in_no_country(self, dataset: umn.Dataset) -> None:
        """A key that names no country raises NotFoundError."""
        with pytest.raises(umn.NotFoundError, match="no country matches 'Atlantis'"):
            dataset.networks_in("Atlantis")


class TestLookup:
    """Dataset.lookup (renamed from find): the one record of any kind a query names."""

    @pytest.mark.parametrize(
        ("query", "kind", "key"),
        [
            ("Mozambique", "networks", "mozambique"),
            ("UN Habitat", "agencies", "un-habitat"),
            ("objective 13", "objectives", "13"),
            ("Objective: 13", "objectives", "13"),
            ("objectives 13", "objectives", "13"),
            ("13", "objectives", "13"),
            ("principle c", "principles", "c"),
            ("guiding principle c", "principles", "c"),
            ("Guiding principles: c", "principles", "c"),
            ("Bangladesh", "networks", "bangladesh"),
            ("champion Bangladesh", "champions", "bangladesh"),
            ("Champions Kenya", "champions", "kenya"),
            ("country Bangladesh", "countries", "BD"),
            ("Guatemala", "countries", "GT"),
            ("埃及", "networks", "egypt"),
            ("source unsd-m49", "sources", "unsd-m49"),
            ("event mozambique-kick-off-meeting", "events", "mozambique-kick-off-meeting"),
            (
                "observation member-entities-2024-10-04",
                "observations",
                "member-entities-2024-10-04",
            ),
            ("network 508", "networks", "mozambique"),
            ("agency OIM", "agencies", "iom"),
            ("Alternatives to detention", "objectives", "13"),
            ("Ivory Coast", "networks", "cote-divoire"),
        ],
    )
    def test_record(self, dataset: umn.Dataset, query: str, kind: str, key: str) -> None:
        """A query finds its record: by any key, or with its kind named first."""
        expected = dataset.registry(kind).lookup(key)
        assert dataset.lookup(query) is expected
        assert dataset.get(query) is expected

    @pytest.mark.parametrize(
        ("query", "find"),
        [
            ("gcm", lambda ds: ds.compact),
            ("GCM", lambda ds: ds.compact),
            ("the compact", lambda ds: ds.compact),
            ("Global Compact for Safe, Orderly and Regular Migration", lambda ds: ds.compact),
            (
                "Pacte mondial pour des migrations sûres, ordonnées et régulières",
                lambda ds: ds.compact,
            ),
            ("executive committee", lambda ds: ds.executive_committee),
            ("EC", lambda ds: ds.executive_committee),
            ("excom", lambda ds: ds.executive_committee),
            ("imrf", lambda ds: ds.compact.review_forum),
            ("International Migration Review Forum", lambda ds: ds.compact.review_forum),
            ("Forum d'examen des migrations internationales", lambda ds: ds.compact.review_forum),
        ],
    )
    def test_singletons(self, dataset: umn.Dataset, query: str, find: Any) -> None:
        """The Compact, its review forum and the Committee by their words and names."""
        assert dataset.lookup(query) is find(dataset)

    def test_ranks(self, dataset: umn.Dataset) -> None:
        """A network before a Champion before a country, where one name names them."""
        assert dataset.lookup("Bangladesh") is dataset.networks.lookup("BD")
        assert dataset.lookup("Guatemala") is dataset.countries.lookup("GT")
        alone = [c for c in dataset.champions if dataset.networks.get(c.country.alpha2) is None]
        assert alone
        for champion in alone:
            assert dataset.lookup(champion.country.name) is champion

    def test_ambiguous(self, dataset: umn.Dataset) -> None:
        """Objective 23's label is principle (b)'s name: the error names both ways to ask."""
        with pytest.raises(umn.AmbiguousError) as caught:
            dataset.lookup("International cooperation")
        assert caught.value.choices == (("objective", "23"), ("guiding principle", "b"))
        assert str(caught.value) == (
            "'International cooperation' names more than one record: "
            "ask for 'objective 23' or 'guiding principle b'"
        )
        assert isinstance(caught.value, LookupError)
        assert isinstance(caught.value, umn.MigrationNetworkError)
        assert caught.value.query == "International cooperation"

    def test_ambiguous_is_settled_by_the_kind(self, dataset: umn.Dataset) -> None:
        """Naming the kind settles it."""
        objective = dataset.lookup("objective International cooperation")
        principle = dataset.lookup("principle International cooperation")
        assert objective is dataset.objectives.lookup(23)
        assert principle is dataset.principles.lookup("b")

    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    def test_ambiguous_pickles(self, dataset: umn.Dataset, protocol: int) -> None:
        """An AmbiguousError pickles with its query and choices."""
        with pytest.raises(umn.AmbiguousError) as caught:
            dataset.lookup("International cooperation")
        twin = pickle.loads(pickle.dumps(caught.value, protocol=protocol))  # noqa: S301
        assert twin.choices == caught.value.choices
        assert str(twin) == str(caught.value)

    def test_get_of_an_ambiguous_query(self, dataset: umn.Dataset) -> None:
        """get() is None where more than one kind matches."""
        assert dataset.get("International cooperation") is None

    def test_miss_suggests_from_every_kind(self, dataset: umn.Dataset) -> None:
        """A miss suggests the closest queries of any kind, each one lookup answers."""
        with pytest.raises(umn.NotFoundError) as caught:
            dataset.lookup("Mozambik")
        suggestions = caught.value.suggestions
        assert suggestions[0] == "Mozambique"
        assert caught.value.kind == "record"
        assert str(caught.value).startswith("no record matches 'Mozambik'; did you mean")
        self._check_suggestions(dataset, suggestions)

    def test_a_shared_key_is_suggested_with_its_kind(self, dataset: umn.Dataset) -> None:
        """A key two kinds of one rank share is suggested with the kind of each record."""
        with pytest.raises(umn.NotFoundError) as caught:
            dataset.lookup("International cooperatoin")
        assert caught.value.suggestions[:2] == ("objective 23", "guiding principle b")
        self._check_suggestions(dataset, caught.value.suggestions)

    @pytest.mark.parametrize("query", ["Mozambik", "refugess", "Guatamala", "detension", "unisef"])
    def test_suggestions_are_answered(self, dataset: umn.Dataset, query: str) -> None:
        """Every suggestion is a query lookup answers, each once, each short."""
        with pytest.raises(umn.NotFoundError) as caught:
            dataset.lookup(query)
        self._check_suggestions(dataset, caught.value.suggestions)

    @staticmethod
    def _check_suggestions(dataset: umn.Dataset, suggestions: tuple[str, ...]) -> None:
        assert suggestions
        assert len(suggestions) <= 3
        assert len({s.casefold() for s in suggestions}) == len(suggestions)
        answers = [dataset.lookup(text) for text in suggestions]
        assert len({id(answer) for answer in answers}) == len(answers)
        for text in suggestions:
            assert len(text) <= 50

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("objective 24", "no objective matches '24'; the data has 23 objectives, 1 to 23"),
            (
                "principle z",
                "no guiding principle matches 'z'; the data has 10 guiding principles, a to j",
            ),
            ("network Atlantis", "no network matches 'Atlantis'"),
        ],
    )
    def test_kind_named_and_no_record(self, dataset: umn.Dataset, query: str, message: str) -> None:
        """A query that names the kind says what there is of it, not that it is a typo."""
        with pytest.raises(umn.NotFoundError) as caught:
            dataset.lookup(query)
        assert str(caught.value) == message

    def test_kind_named_with_a_typo(self, dataset: umn.Dataset) -> None:
        """A misspelt record after its kind gets that kind's suggestions."""
        with pytest.raises(umn.NotFoundError) as caught:
            dataset.lookup("network Mozambik")
        assert caught.value.kind == "network"
        assert caught.value.suggestions[0] == "Mozambique"

    @pytest.mark.parametrize(
        ("query", "kind"), [("champion Guatemala", "champion"), ("network Guatemala", "network")]
    )
    def test_kind_named_and_a_country_without(
        self, dataset: umn.Dataset, query: str, kind: str
    ) -> None:
        """A country with no record of the kind named: the error names the country."""
        with pytest.raises(umn.NotFoundError) as caught:
            dataset.lookup(query)
        assert caught.value.country is dataset.countries.lookup("GT")
        assert caught.value.kind == kind
        assert str(caught.value).startswith("Guatemala (GTM) is a UN Member State; ")

    def test_kind_of_numbered_records_with_none(self, dataset: umn.Dataset) -> None:
        """A dataset without objectives says nothing of their range."""
        mine = umn.Dataset.of(dataset.as_of, {**dataset.parts(), "objectives": ()})
        with pytest.raises(umn.NotFoundError) as caught:
            mine.lookup("objective 3")
        assert str(caught.value) == "no objective matches '3'"

    @pytest.mark.parametrize("query", ["objective", "champion", "gcm 13"])
    def test_kind_word_alone(self, dataset: umn.Dataset, query: str) -> None:
        """A kind's word alone, or a singleton's word before a key, names no record."""
        with pytest.raises(umn.NotFoundError):
            dataset.lookup(query)

    @pytest.mark.parametrize(
        "query",
        ["x" * 100_000, "\ufdfa" * 100_000, 13, None, b"gcm"],
        ids=["long", "wide", "13", "None", "bytes"],
    )
    def test_long_or_not_text(self, dataset: umn.Dataset, query: object) -> None:
        """A query longer than any key, or not text, misses at once."""
        with pytest.raises(umn.NotFoundError) as caught:
            dataset.lookup(query)  # type: ignore[arg-type]
        assert caught.value.suggestions == ()
        assert dataset.get(query) is None  # type: ignore[arg-type]

    @given(lookup_texts)
    def test_any_text(self, text: str) -> None:
        """No text makes lookup raise anything but NotFoundError or AmbiguousError."""
        dataset = umn.load()
        found = dataset.get(text)
        try:
            assert dataset.lookup(text) is found
        except (umn.NotFoundError, umn.AmbiguousError):
            assert found is None

    def test_same_answer_from_a_copy(self, dataset: umn.Dataset) -> None:
        """A user's dataset answers as the bundled one does."""
        mine = _bundled_copy()
        for query in ("Mozambique", "objective 13", "gcm", "imrf", "EC", "Guatemala"):
            assert mine.lookup(query) == dataset.lookup(query)


class TestCitation:
    """How to cite a data release."""

    def test_text(self, dataset: umn.Dataset) -> None:
        """The text names the version and the as-of date."""
        text = dataset.citation()
        assert text == dataset.citation(style="text")
        assert f"(version {__version__}, data as of {dataset.as_of.isoformat()})" in text
        assert text.startswith(f"un-migration-network developers ({dataset.as_of.year}). ")
        assert text.endswith(" https://github.com/un-migration-network/un-migration-network")

    def test_bibtex(self, dataset: umn.Dataset) -> None:
        """A BibTeX entry keyed by the as-of date."""
        lines = dataset.citation(style="bibtex").splitlines()
        key = dataset.as_of.isoformat().replace("-", "_")
        assert lines[0] == f"@misc{{un_migration_network_{key},"
        assert f"  version = {{{__version__}}}," in lines
        assert f"  note = {{Data as of {dataset.as_of.isoformat()}}}," in lines
        assert lines[-1] == "}"

    @pytest.mark.parametrize("style", ["apa", "BibTeX", ""])
    def test_other_style(self, dataset: umn.Dataset, style: str) -> None:
        """Any other style is a ValueError that lists the styles."""
        with pytest.raises(
            ValueError, match=re.escape(f"style is one of 'text', 'bibtex', not {style!r}")
        ):
            dataset.citation(style=style)


class TestViews:
    """repr and the HTML summary."""

    def test_repr(self, dataset: umn.Dataset) -> None:
        """The repr shows the data's as-of date and the count of each kind."""
        counts = ", ".join(f"{len(dataset.registry(k))} {k.plural}" for k in REGISTERED)
        assert repr(dataset) == f"<Dataset as of {dataset.as_of.isoformat()}: {counts}>"

    def test_html(self, dataset: umn.Dataset) -> None:
        """The summary names the date, each kind's count, the Committee and the Compact."""
        html = dataset.to_html()
        assert f"UN Network on Migration data as of {dataset.as_of.isoformat()}" in html
        assert f">{len(dataset.countries)}<" in html
        assert ">IOM, ILO, UNHCR" in html
        assert "A/RES/73/195" in html
        assert dataset._repr_html_() == html


class TestCoverageNotes:
    """What a miss on a country says of the data's coverage."""

    def test_counted(self, dataset: umn.Dataset) -> None:
        """Where the sources count more country networks than the data lists, it says so."""
        listed = len(dataset.networks.filter(level="country"))
        with pytest.raises(umn.NotFoundError) as caught:
            _bundled_copy().networks.lookup("Guatemala")
        assert f"(it lists {listed} of the " in str(caught.value)

    def test_not_counted(self, dataset: umn.Dataset) -> None:
        """Without a count from the sources, it says how many the data lists."""
        mine = umn.Dataset.of(dataset.as_of, {**dataset.parts(), "observations": ()})
        listed = len(dataset.networks.filter(level="country"))
        with pytest.raises(umn.NotFoundError) as caught:
            mine.networks.lookup("Guatemala")
        assert str(caught.value).endswith(f"(it lists {listed} country networks)")

    def test_champions(self, dataset: umn.Dataset) -> None:
        """A country that is no Champion: the count of Champions."""
        mine = umn.Dataset.of(dataset.as_of, {**dataset.parts(), "champions": ()})
        with pytest.raises(umn.NotFoundError) as caught:
            mine.champions.lookup("Kenya")
        assert str(caught.value).endswith("not list it among the 0 GCM Champion countries")


class TestLoadDatasetBadInput:
    """load_dataset: every bad input gives DataError, never another exception."""

    @pytest.mark.parametrize(
        ("content", "code"),
        [
            (b'{"as_of": ', "not-json"),
            (b"", "not-json"),
            (b"   \n", "not-json"),
            (b"\xff\xfe\x00\x01binary\x80", "not-utf8"),
            ('{"as_of": "café"}'.encode("latin-1"), "not-utf8"),
            (b"[]", "not-object"),
            (b'"a string"', "not-object"),
            (b"null", "not-object"),
            (b"42", "not-object"),
            (b"[" * _DEPTH + b"]" * _DEPTH, "too-deep"),
            (b'{"a": ' * _DEPTH + b"1" + b"}" * _DEPTH, "too-deep"),
            (b'{"as_of": NaN}', "not-json"),
            (b'{"as_of": Infinity}', "not-json"),
            (b'{"as_of": -Infinity}', "not-json"),
            (b'{"as_of": "2020-01-01", "as_of": "2021-01-01"}', "not-json"),
            (b'{"as_of": ' + b"1" * 5000 + b"}", "not-json"),
        ],
        ids=[
            "truncated",
            "empty",
            "blank",
            "binary",
            "latin-1",
            "array",
            "string",
            "null",
            "number",
            "deep-arrays",
            "deep-objects",
            "nan",
            "infinity",
            "minus-infinity",
            "duplicate-key",
            "huge-number",
        ],
    )
    def test_file(self, tmp_path: Path, content: bytes, code: str) -> None:
        """Unreadable or malformed files give one problem at the root, naming the file."""
        path = tmp_path / "bad.json"
        path.write_bytes(content)
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(path)
        assert _codes(caught.value) == [(code, "$")]
        assert caught.value.origin == str(path)
        assert str(caught.value).startswith(f"{path}: 1 problem in the data\n  $: ")

    def test_missing_file(self, tmp_path: Path) -> None:
        """A path to nothing gives an unreadable problem."""
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(tmp_path / "missing.json")
        assert _codes(caught.value) == [("unreadable", "$")]

    def test_directory(self, tmp_path: Path) -> None:
        """A directory is not a document."""
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(tmp_path)
        assert _codes(caught.value) == [("not-a-file", "$")]
        assert "the path is a directory" in str(caught.value)

    def test_path_with_nul(self) -> None:
        """A path with a NUL character in it names no file: DataError, not ValueError."""
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset("bad\x00name.json")
        assert _codes(caught.value) == [("unreadable", "$")]

    @pytest.mark.parametrize("value", [42, None, b"data.json", 1.5, ["as_of"]])
    def test_not_a_path_or_mapping(self, value: object) -> None:
        """Anything that is neither a path nor a mapping is a wrong-type problem."""
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(value)  # type: ignore[arg-type]
        assert _codes(caught.value) == [("wrong-type", "$")]

    @pytest.mark.parametrize(
        "key", ["as_of", "sources", "networks", "executive_committee", "compact", "events"]
    )
    def test_deep_mapping(self, document: dict[str, Any], key: str) -> None:
        """A parsed structure nested 100,000 deep, in place of any part, is a DataError."""
        document[key] = _deep_list(_DEPTH)
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(document)
        assert caught.value.problems[0].path.startswith(f"$.{key}")

    def test_deep_mapping_inside_a_record(self, document: dict[str, Any]) -> None:
        """Deep nesting inside a record's field is reported at that field."""
        set_at(("networks", ID("global"), "members"), _deep_list(_DEPTH))(document)
        set_at(
            ("networks", ID("asia-pacific"), "launched"),
            {"earliest": _deep_list(_DEPTH), "latest": "2020"},
        )(document)
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(document)
        assert _codes(caught.value) == [
            ("wrong-type", json_path(document, ("networks", ID("global"), "members", 0))),
            ("bad-date", json_path(document, ("networks", ID("asia-pacific"), "launched"))),
        ]

    def test_huge_integer_in_a_mapping(self, document: dict[str, Any]) -> None:
        """An integer too long to print, in a parsed document, still gives only DataError."""
        [mozambique] = [c for c in document["countries"] if c["alpha2"] == "MZ"]
        mozambique["m49"] = 10**5000
        set_at(("objectives", ID(1), "round_table"), 10**5000)(document)
        with contextlib.suppress(umn.DataError):
            umn.validate(umn.load_dataset(document))

    @given(st.binary(max_size=64))
    def test_any_bytes(self, content: bytes) -> None:
        """No file content of a few bytes loads, and each gives DataError."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "any.json"
            path.write_bytes(content)
            with pytest.raises(umn.DataError):
                umn.load_dataset(path)


class TestDataError:
    """DataError names the file and every problem's path, and pickles."""

    def test_message(self, tmp_path: Path, document: dict[str, Any]) -> None:
        """The message starts with the file and lists every problem with its path."""
        launched = ("networks", ID("asia-pacific"), "launched")
        colour = ("agencies", ID("undp"), "colour")
        expected = [json_path(document, colour[:2]), json_path(document, launched)]
        set_at(launched, "2022-02-30")(document)
        set_at(colour, "blue")(document)
        path = tmp_path / "mine.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(path)
        lines = str(caught.value).splitlines()
        assert lines[0] == f"{path}: 2 problems in the data"
        assert [line.split(":")[0].strip() for line in lines[1:]] == expected

    def test_types(self) -> None:
        """DataError is a ValueError and the library's base error."""
        error = umn.DataError([DataProblem("$", "bad")])
        assert isinstance(error, ValueError)
        assert isinstance(error, MigrationNetworkError)
        assert str(error) == "1 problem in the data\n  $: bad [invalid-value]"
        assert str(error.problems[0]) == "$: bad [invalid-value]"

    def test_pickles(self) -> None:
        """A DataError survives pickling with its problems, origin and message."""
        error = umn.DataError(
            [DataProblem("$.a", "one", "wrong-type"), DataProblem("$.b", "two")], origin="f.json"
        )
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            copy = pickle.loads(pickle.dumps(error, protocol=protocol))  # noqa: S301 - our own
            assert type(copy) is umn.DataError
            assert copy.problems == error.problems
            assert copy.origin == "f.json"
            assert str(copy) == str(error)
            assert copy.args == error.args
