"""Every bundled record, checked against the data rules and against the reference it came from.

The provenance checks read ``shared/reference/`` beside the repository (the folder the data was
compiled from); they are skipped, with a reason, only where that folder is absent.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import attrs
import pytest

import un_migration_network as umn
from un_migration_network import (
    AgencyKind,
    DateSpan,
    EventKind,
    NetworkLevel,
    Quantity,
    Source,
    Vote,
)

DATASET = umn.load()
REFERENCE = Path(__file__).parents[2] / "shared" / "reference"
NO_REFERENCE = "the reference folder shared/reference/ is not beside the repository"
_ID = re.compile(r"[a-z0-9-]+")
_URL = re.compile(r"https?://[^\s/]+\.[^\s/]+(/\S*)?")


def _fold(text: str) -> str:
    """Fold text the way people's spellings meet: case, accents and punctuation dropped.

    Written here, apart from the library's own folding, so that the two check each other.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


def _cited() -> Iterator[tuple[str, tuple[Source, ...]]]:
    """Every record that must cite a source, labelled, with what it cites."""
    ds = DATASET
    for agency in ds.agencies:
        yield f"agency:{agency.id}", agency.sources
    for network in ds.networks:
        yield f"network:{network.id}", network.sources
    for objective in ds.objectives:
        yield f"objective:{objective.number}", objective.sources
    for principle in ds.principles:
        yield f"principle:{principle.letter}", principle.sources
    committee = ds.executive_committee
    yield "executive-committee", committee.sources
    for membership in committee.memberships:
        yield f"ec-membership:{membership.agency.id}", membership.sources
    for index, snapshot in enumerate(committee.snapshots):
        yield f"ec-snapshot:{index}:{snapshot.as_of.earliest}", snapshot.sources
    yield "compact", ds.compact.sources
    yield "review-forum", ds.compact.review_forum.sources
    for edition in ds.compact.review_forum.editions:
        yield f"review-forum-edition:{edition.year}", edition.sources
    for event in ds.events:
        yield f"event:{event.id}", event.sources
    for observation in ds.observations:
        yield f"observation:{observation.id}", observation.sources


def _identified() -> Iterator[tuple[str, str]]:
    """Every record that has an id, labelled by its kind."""
    ds = DATASET
    yield from (("source", s.id) for s in ds.sources)
    yield from (("agency", a.id) for a in ds.agencies)
    yield from (("network", n.id) for n in ds.networks)
    yield from (("event", e.id) for e in ds.events)
    yield from (("observation", o.id) for o in ds.observations)


def _walk(value: object, path: str) -> Iterator[tuple[str, object]]:
    """Every value reachable from *value* through attrs fields and tuples, with its path."""
    yield path, value
    if attrs.has(type(value)):
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value))):
            yield from _walk(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")


def _roots() -> Iterator[tuple[str, object]]:
    ds = DATASET
    yield from ((f"sources[{s.id}]", s) for s in ds.sources)
    yield from ((f"agencies[{a.id}]", a) for a in ds.agencies)
    yield from ((f"networks[{n.id}]", n) for n in ds.networks)
    yield from ((f"objectives[{o.number}]", o) for o in ds.objectives)
    yield from ((f"principles[{p.letter}]", p) for p in ds.principles)
    yield "executive_committee", ds.executive_committee
    yield "compact", ds.compact
    yield "events", ds.events
    yield "observations", ds.observations


CITED = [pytest.param(sources, id=label) for label, sources in _cited()]
IDENTIFIED = [pytest.param(kind, key, id=f"{kind}:{key}") for kind, key in _identified()]
SOURCES = [pytest.param(source, id=source.id) for source in DATASET.sources]
ROOTS = [pytest.param(root, id=label) for label, root in _roots()]
COUNTRY_NETWORKS = [n.id for n in DATASET.networks if n.level is NetworkLevel.COUNTRY]
# Kosovo's XK is user-assigned: it has no M49 row (see TestProvenance).
M49_NETWORKS = [n.id for n in DATASET.networks if n.country and n.country.alpha2 != "XK"]


class TestSources:
    """Every record cites a source; every source can be followed."""

    @pytest.mark.parametrize("sources", CITED)
    def test_record_cites_a_source(self, sources: tuple[Source, ...]) -> None:
        """The record names at least one source."""
        assert len(sources) >= 1

    @pytest.mark.parametrize("sources", CITED)
    def test_cited_sources_are_registered(self, sources: tuple[Source, ...]) -> None:
        """Every source a record cites is the dataset's own source of that id."""
        assert [DATASET.sources.get(s.id) for s in sources] == list(sources)

    @pytest.mark.parametrize("source", SOURCES)
    def test_source_has_a_web_address(self, source: Source) -> None:
        """The source's URL is an http(s) address with a host."""
        assert _URL.fullmatch(source.url) is not None, source.url

    def test_source_ids_are_unique(self) -> None:
        """No two sources share an id."""
        ids = [s.id for s in DATASET.sources]
        assert sorted(ids) == sorted(set(ids))

    def test_source_urls_are_unique(self) -> None:
        """No document is registered twice under two ids."""
        urls = [s.url for s in DATASET.sources]
        assert sorted(urls) == sorted(set(urls))

    def test_every_source_is_cited(self) -> None:
        """The data registers no source that no record cites."""
        cited = {s.id for _, sources in _cited() for s in sources}
        assert sorted(s.id for s in DATASET.sources if s.id not in cited) == []


class TestShape:
    """Ids and containers follow the house rules."""

    @pytest.mark.parametrize(("kind", "key"), IDENTIFIED)
    def test_id_is_lowercase_slug(self, kind: str, key: str) -> None:
        """Ids are lowercase letters, digits and hyphens."""
        assert _ID.fullmatch(key) is not None, f"{kind} {key!r}"

    @pytest.mark.parametrize("kind", ["source", "agency", "network", "event", "observation"])
    def test_ids_unique_within_kind(self, kind: str) -> None:
        """No two records of one kind share an id."""
        keys = [key for k, key in _identified() if k == kind]
        assert sorted(keys) == sorted(set(keys))

    @pytest.mark.parametrize("root", ROOTS)
    def test_no_mutable_containers(self, root: object) -> None:
        """Every field holds tuples, never lists, dicts or sets."""
        mutable = [
            path
            for path, value in _walk(root, "$")
            if isinstance(value, list | dict | set | bytearray)
        ]
        assert mutable == []

    def test_registries_hold_tuples(self) -> None:
        """The dataset's own record sequences are tuples."""
        assert (type(DATASET.events), type(DATASET.observations)) == (tuple, tuple)


class TestMozambique:
    """The seed: the UN Network for Migration in Mozambique."""

    SEED_MEMBERS = (
        "rco",
        "fao",
        "iom",
        "ohchr",
        "un-habitat",
        "un-women",
        "unaids",
        "undp",
        "unfpa",
        "unhcr",
        "unicef",
        "unodc",
        "wfp",
    )

    def test_launch_day(self) -> None:
        """The network was launched on 15 February 2022, known to the day."""
        launched = umn.networks.lookup("mozambique").launched
        assert launched is not None
        assert (launched.earliest, launched.is_exact) == (dt.date(2022, 2, 15), True)

    def test_members_in_seed_order(self) -> None:
        """The thirteen members the seed lists, in its order."""
        members = umn.networks.lookup("mozambique").members
        assert tuple(a.id for a in members) == self.SEED_MEMBERS

    def test_declared_count_kept_beside_the_list(self) -> None:
        """The seed's 'eleven members' is kept as the declared count."""
        network = umn.networks.lookup("mozambique")
        assert (network.declared_member_count, len(network.members)) == (11, 13)

    def test_country(self) -> None:
        """The network serves Mozambique, MZ."""
        network = umn.networks.lookup("MZ")
        assert (network.id, network.level, network.country_code) == (
            "mozambique",
            NetworkLevel.COUNTRY,
            "MZ",
        )

    def test_kick_off_meeting(self) -> None:
        """The kick-off meeting of 16 February 2022 is recorded as an event."""
        meetings = [
            (e.kind, e.date)
            for e in DATASET.events
            if e.subject == "mozambique" and e.kind is EventKind.MEETING
        ]
        assert meetings == [(EventKind.MEETING, DateSpan.parse("2022-02-16"))]


class TestNetworks:
    """The global Network and the regional networks."""

    def test_global_dates(self) -> None:
        """The Network was decided on 23 May 2018 and launched on 9 December 2018."""
        network = umn.networks.lookup("global")
        assert (network.decided, network.launched) == (
            DateSpan.parse("2018-05-23"),
            DateSpan.parse("2018-12-09"),
        )

    def test_global_coordinator(self) -> None:
        """IOM coordinates the Network."""
        assert umn.networks.lookup("global").coordinator is umn.agencies.lookup("IOM")

    def test_global_membership_is_declared_incomplete(self) -> None:
        """38 members are declared; the evidenced list is shorter and says it is incomplete."""
        network = umn.networks.lookup("global")
        assert (network.declared_member_count, network.is_membership_complete) == (38, False)
        assert len(network.members) < 38

    def test_one_global_network(self) -> None:
        """Exactly one network is global."""
        assert [n.id for n in umn.networks if n.level is NetworkLevel.GLOBAL] == ["global"]

    def test_five_regional_networks(self) -> None:
        """Five regional networks are named in sources (the seed's 'six' is only a figure)."""
        regional = [n for n in umn.networks if n.level is NetworkLevel.REGIONAL]
        assert len(regional) == 5
        assert all(n.region is not None and n.country is None for n in regional)

    @pytest.mark.parametrize("key", COUNTRY_NETWORKS)
    def test_country_network_has_country(self, key: str) -> None:
        """Every country network names its country and no region of its own."""
        network = umn.networks.lookup(key)
        assert (network.country is not None, network.region) == (True, None)


class TestObjectives:
    """The GCM's 23 objectives."""

    def test_count(self) -> None:
        """There are 23 objectives."""
        assert len(umn.objectives) == 23

    def test_numbered_in_order(self) -> None:
        """They are numbered 1 to 23, in order."""
        assert [o.number for o in umn.objectives] == list(range(1, 24))

    def test_objective_13_paragraph(self) -> None:
        """Objective 13's commitments are in paragraph 29."""
        assert umn.objectives.lookup(13).paragraph == 29

    @pytest.mark.parametrize("number", range(1, 24))
    def test_paragraph_is_number_plus_16(self, number: int) -> None:
        """Objective n's commitments are in paragraph n + 16."""
        assert umn.objectives.lookup(number).paragraph == number + 16

    def test_objective_13_has_both_wordings(self) -> None:
        """Objective 13 keeps 'migration detention' and the 'immigration detention' variant."""
        objective = umn.objectives.lookup(13)
        assert (objective.title, objective.title_variants) == (
            (
                "Use migration detention only as a measure of last resort and work towards "
                "alternatives"
            ),
            (
                (
                    "Use immigration detention only as a measure of last resort and work towards "
                    "alternatives"
                ),
            ),
        )

    def test_inferred_paragraphs(self) -> None:
        """Only objectives 18 and 22 have paragraph numbers inferred rather than seen."""
        assert [o.number for o in umn.objectives if o.is_paragraph_inferred] == [18, 22]


class TestPrinciples:
    """The ten guiding principles."""

    def test_letters(self) -> None:
        """The principles are lettered a to j, in order."""
        assert [p.letter for p in umn.principles] == list("abcdefghij")

    def test_inferred_letters(self) -> None:
        """Only the letters (e) and (f) are inferred from the order."""
        assert [p.letter for p in umn.principles if p.is_letter_inferred] == ["e", "f"]

    def test_paragraph(self) -> None:
        """All ten are set out in paragraph 15."""
        assert {p.paragraph for p in umn.principles} == {15}


class TestCompact:
    """The Compact's adoption, endorsement and review."""

    def test_adoption(self) -> None:
        """Adopted in Marrakech on 10 December 2018."""
        compact = umn.compact
        assert compact.adopted == dt.date(2018, 12, 10)
        assert compact.adopted_at.startswith("Marrakech")

    def test_endorsement(self) -> None:
        """Endorsed by A/RES/73/195 on 19 December 2018."""
        assert (umn.compact.endorsed, umn.compact.resolution) == (
            dt.date(2018, 12, 19),
            "A/RES/73/195",
        )

    def test_vote(self) -> None:
        """The recorded vote was 152 in favour, 5 against, 12 abstentions, 24 not voting."""
        assert umn.compact.vote == Vote(in_favour=152, against=5, abstentions=12, non_voting=24)

    def test_states_against(self) -> None:
        """The five States that voted against."""
        assert umn.compact.voted_against == (
            "Czech Republic",
            "Hungary",
            "Israel",
            "Poland",
            "United States",
        )

    def test_lists_match_the_vote(self) -> None:
        """The named States agree with the vote's counts."""
        compact = umn.compact
        assert (len(compact.voted_against), len(compact.abstained)) == (
            compact.vote.against,
            compact.vote.abstentions,
        )

    def test_review_forum(self) -> None:
        """The IMRF meets every four years from 2022."""
        forum = umn.compact.review_forum
        assert (forum.acronym, forum.first_year, forum.cadence_years) == ("IMRF", 2022, 4)

    def test_first_review_forum(self) -> None:
        """The first IMRF met 17-20 May 2022 in New York; its declaration was endorsed 7 June."""
        first = umn.compact.review_forum.editions[0]
        assert (first.year, first.dates, first.progress_declaration_endorsed) == (
            2022,
            DateSpan(dt.date(2022, 5, 17), dt.date(2022, 5, 20)),
            dt.date(2022, 6, 7),
        )
        assert first.place is not None
        assert "New York" in first.place

    def test_editions_follow_the_cadence(self) -> None:
        """Editions are held in the first year and every cadence_years after it."""
        forum = umn.compact.review_forum
        years = [e.year for e in forum.editions]
        assert years == list(range(forum.first_year, years[-1] + 1, forum.cadence_years))


class TestExecutiveCommittee:
    """The Executive Committee over time."""

    FIRST_EIGHT = ("iom", "ilo", "unhcr", "unicef", "ohchr", "undp", "unodc", "desa")

    def test_coordinator_and_secretariat(self) -> None:
        """IOM is coordinator and hosts the secretariat."""
        committee = umn.executive_committee
        iom = umn.agencies.lookup("IOM")
        assert (committee.coordinator, committee.secretariat) == (iom, iom)

    def test_members_november_2019(self) -> None:
        """Eight members in November 2019."""
        members = umn.executive_committee.members_on(dt.date(2019, 11, 30))
        assert tuple(a.id for a in members) == self.FIRST_EIGHT

    def test_members_february_2022(self) -> None:
        """Nine members in February 2022: the eight and WHO."""
        members = umn.executive_committee.members_on(dt.date(2022, 2, 15))
        assert tuple(a.id for a in members) == (*self.FIRST_EIGHT, "who")

    def test_current_members(self) -> None:
        """The members as of the data are those on its as-of date."""
        committee = umn.executive_committee
        assert committee.members == committee.members_on(committee.as_of)

    def test_who_seat_is_a_span(self) -> None:
        """WHO's seat begins somewhere between March 2020 and December 2021."""
        (seat,) = [m for m in umn.executive_committee.memberships if m.agency.id == "who"]
        assert (
            DateSpan.parse("2020-03").contains(seat.since.earliest),
            DateSpan.parse("2021-12").contains(seat.since.latest),
            seat.since.is_exact,
        ) == (True, True, False)

    def test_snapshots_agree_with_memberships(self) -> None:
        """Each complete dated list equals the members the seats give on its last day."""
        committee = umn.executive_committee
        disagreeing = [
            snapshot.as_of
            for snapshot in committee.snapshots
            if snapshot.is_complete
            and {a.id for a in snapshot.members}
            != {a.id for a in committee.members_on(snapshot.as_of.latest)}
        ]
        assert disagreeing == []


class TestObservations:
    """Figures the sources report."""

    def test_country_network_counts(self) -> None:
        """The counts of country networks reported over time."""
        values = sorted(
            o.value
            for o in DATASET.observations
            if o.quantity is Quantity.COUNTRY_NETWORKS and o.subject == "global"
        )
        assert values == [45, 50, 52, 60, 61]

    def test_iom_member_states_grow(self) -> None:
        """IOM's member-state count rises with every dated figure."""
        counts = sorted(
            (o.as_of.earliest, o.value)
            for o in DATASET.observations
            if o.quantity is Quantity.MEMBER_STATES and o.subject == "iom"
        )
        values = [value for _, value in counts]
        assert len(values) >= 2
        assert values == sorted(set(values))

    def test_observations_not_after_the_data(self) -> None:
        """No figure holds for a day after the data's as-of date."""
        late = [o.id for o in DATASET.observations if o.as_of.earliest > DATASET.as_of]
        assert late == []


class TestValidation:
    """The bundled data validates."""

    def test_no_errors(self) -> None:
        """validate() finds no errors in the bundled data."""
        report = umn.validate()
        assert [str(p) for p in report.errors] == []

    def test_seed_disagreement_is_a_warning(self) -> None:
        """The seed's eleven-versus-thirteen is reported as a warning about Mozambique."""
        report = umn.validate()
        assert "mozambique" in {p.subject for p in report.warnings}


# -- Provenance: every fact traces back to the reference it was compiled from ------------------


def _read_json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REFERENCE / name).read_text(encoding="utf-8"))
    return data


def _read_csv(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


HAVE_REFERENCE = REFERENCE.is_dir()
ENTITIES = _read_csv("un_system_entities.csv") if HAVE_REFERENCE else []
M49 = (
    {row["iso_alpha2"]: row for row in _read_csv("unsd_m49_countries.csv")}
    if HAVE_REFERENCE
    else {}
)
GCM = _read_json("gcm.json") if HAVE_REFERENCE else {}
NETWORK = _read_json("network.json") if HAVE_REFERENCE else {}
REFERENCE_TEXT = (
    "\n".join(p.read_text(encoding="utf-8") for p in sorted(REFERENCE.iterdir()) if p.is_file())
    if HAVE_REFERENCE
    else ""
)
CATEGORIES = {
    "Funds and Programmes": AgencyKind.FUND_OR_PROGRAMME,
    "UN Specialized Agencies": AgencyKind.SPECIALIZED_AGENCY,
    "Other Entities and Bodies": AgencyKind.OTHER_ENTITY,
    "Related Organizations": AgencyKind.RELATED_ORGANIZATION,
}


def _round_tables() -> dict[int, int]:
    grouping = GCM["groupings"]["imrf_round_tables"]
    return {number: table for table in range(1, 5) for number in grouping[f"round_table_{table}"]}


def _expected_launch(row: dict[str, Any]) -> tuple[dt.date, dt.date, bool] | None:
    """The launch the reference gives for a country network, as (earliest, latest, inferred)."""
    if row.get("launched"):
        span = DateSpan.parse(row["launched"])
        return span.earliest, span.latest, "launched_confidence" in row
    if row.get("launched_year"):
        span = DateSpan.parse(str(row["launched_year"]))
        return span.earliest, span.latest, False
    if row.get("launched_bounds"):
        earliest, latest = row["launched_bounds"]
        return dt.date.fromisoformat(earliest), dt.date.fromisoformat(latest), True
    return None


@pytest.mark.skipif(not HAVE_REFERENCE, reason=NO_REFERENCE)
class TestProvenance:
    """The bundled facts equal the reference's, and nothing is invented."""

    @pytest.mark.parametrize("row", [pytest.param(row, id=row["acronym"]) for row in ENTITIES])
    def test_un_system_entity_is_an_agency(self, row: dict[str, str]) -> None:
        """Each UN system entity is an agency, by acronym and by name, folded."""
        agency = umn.agencies.get(row["acronym"])
        assert agency is not None, row["acronym"]
        assert _fold(row["acronym"]) in {_fold(k) for k in (agency.acronym, *agency.aliases)}
        assert _fold(row["name"]) in {_fold(k) for k in (agency.name, *agency.aliases)}

    @pytest.mark.parametrize("row", [pytest.param(row, id=row["acronym"]) for row in ENTITIES])
    def test_un_system_entity_details(self, row: dict[str, str]) -> None:
        """Each entity's category, website and headquarters are the reference's."""
        agency = umn.agencies.lookup(row["acronym"])
        assert (agency.kind, agency.website, agency.headquarters) == (
            CATEGORIES[row["category"]],
            row["website"],
            row["headquarters"],
        )

    def test_every_entity_read(self) -> None:
        """The entity table was read whole (the README's count of 37 is one short)."""
        assert len(ENTITIES) == 38

    @pytest.mark.parametrize("key", M49_NETWORKS)
    def test_country_is_m49(self, key: str) -> None:
        """A country network's country names, codes and regions are the M49 row's."""
        country = umn.networks.lookup(key).country
        assert country is not None
        row = M49[country.alpha2]
        assert (
            country.name,
            country.alpha2,
            country.alpha3,
            country.m49,
            country.region,
            country.sub_region,
            country.is_code_user_assigned,
        ) == (
            row["country_or_area"],
            row["iso_alpha2"],
            row["iso_alpha3"],
            int(row["m49_code"]),
            row["region_name"],
            row["sub_region_name"],
            False,
        )

    def test_kosovo_code_is_user_assigned(self) -> None:
        """Kosovo's XK is marked user-assigned and is in no M49 row."""
        country = umn.networks.lookup("XK").country
        assert country is not None
        assert (country.is_code_user_assigned, "XK" in M49) == (True, False)

    @pytest.mark.parametrize("number", range(1, 24))
    def test_objective_is_gcm(self, number: int) -> None:
        """An objective's title, label, paragraph and wordings are the reference's."""
        row = next(o for o in GCM["objectives"] if o["number"] == number)
        objective = umn.objectives.lookup(number)
        variant = row.get("title_variant")
        assert (
            objective.title,
            objective.short_label,
            objective.paragraph,
            objective.is_paragraph_inferred,
            objective.title_variants,
        ) == (
            row["title"],
            row["short_label"],
            row["paragraph"],
            row["paragraph_evidence"].startswith("INFERRED"),
            (variant,) if variant else (),
        )

    @pytest.mark.parametrize("number", range(1, 24))
    def test_objective_round_table(self, number: int) -> None:
        """An objective's IMRF round table is the one A/RES/73/326 groups it under."""
        assert umn.objectives.lookup(number).round_table == _round_tables()[number]

    @pytest.mark.parametrize("letter", list("abcdefghij"))
    def test_principle_is_gcm(self, letter: str) -> None:
        """A principle's name, paragraph and inferred letter are the reference's."""
        row = next(p for p in GCM["principles"] if p["letter"] == letter)
        principle = umn.principles.lookup(letter)
        assert (principle.name, principle.paragraph, principle.is_letter_inferred) == (
            row["name"],
            row["paragraph"],
            "inferred" in (row["note"] or ""),
        )

    def test_country_networks_are_the_reference_list(self) -> None:
        """The bundled country networks are those the reference lists, no more, no fewer."""
        bundled = sorted(n.country.alpha2 for n in umn.networks if n.country is not None)
        assert bundled == sorted(row["iso3166_1_alpha2"] for row in NETWORK["country_networks"])

    @pytest.mark.parametrize("key", COUNTRY_NETWORKS)
    def test_launch_is_the_reference(self, key: str) -> None:
        """A country network's launch is the reference's day, year or bounds, or unknown."""
        network = umn.networks.lookup(key)
        assert network.country is not None
        row = next(
            r
            for r in NETWORK["country_networks"]
            if r["iso3166_1_alpha2"] == network.country.alpha2
        )
        launched = network.launched
        actual = (
            None
            if launched is None
            else (
                launched.earliest,
                launched.latest,
                launched.is_inferred,
            )
        )
        assert actual == _expected_launch(row)

    def test_mozambique_members_are_the_seed_list(self) -> None:
        """Mozambique's members are the seed's list, looked up name by name, in order."""
        listed = NETWORK["mozambique"]["members_listed"]
        expected = [umn.agencies.lookup(name) for name in listed]
        assert list(umn.networks.lookup("mozambique").members) == expected

    def test_committee_first_snapshot(self) -> None:
        """The November 2019 committee is the reference's list."""
        snapshot = NETWORK["executive_committee"]["snapshots"][0]
        expected = {umn.agencies.lookup(a).id for a in snapshot["members"]}
        members = umn.executive_committee.members_on(dt.date.fromisoformat(snapshot["as_of"]))
        assert {a.id for a in members} == expected

    def test_vote_is_the_reference(self) -> None:
        """The vote and the States named are the reference's."""
        endorsement = GCM["adoption"]["general_assembly_endorsement"]
        vote = endorsement["vote"]
        compact = umn.compact
        assert (compact.vote, list(compact.voted_against), list(compact.abstained)) == (
            Vote(vote["in_favour"], vote["against"], vote["abstentions"], vote["not_voting"]),
            endorsement["against"],
            endorsement["abstaining"],
        )

    @pytest.mark.parametrize("source", SOURCES)
    def test_source_url_is_in_the_reference(self, source: Source) -> None:
        """Nothing invented: every cited address appears in the reference files.

        The one derived address is a GitHub repository whose files the reference cites
        (the M49 table comes from the same UN-CRAFd repository as the UN system chart).
        """
        repository = source.url.removeprefix("https://github.com/")
        derived = repository != source.url and (
            f"raw.githubusercontent.com/{repository}/" in REFERENCE_TEXT
        )
        assert source.url in REFERENCE_TEXT or derived, f"{source.id}: {source.url}"
