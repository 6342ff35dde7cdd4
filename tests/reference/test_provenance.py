"""Every bundled fact against the reference pack it was compiled from (``nox -s reference``).

These checks read ``shared/reference/`` beside the repository (the folder the data was compiled
from); they run in their own session, where the pack exists, and are not part of the main
suite, which a fresh clone runs without the pack.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import un_migration_network as umn
from un_migration_network import AgencyKind, DateSpan, NetworkLevel, Source, Vote

REFERENCE = Path(__file__).parents[3] / "shared" / "reference"
if not REFERENCE.is_dir():  # the session skips first; a direct run says why
    pytest.skip(f"the reference pack is not at {REFERENCE}", allow_module_level=True)

DATASET = umn.load()


def _read_json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REFERENCE / name).read_text(encoding="utf-8"))
    return data


def _read_csv(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


ENTITIES = _read_csv("un_system_entities.csv")
M49 = {row["iso_alpha2"]: row for row in _read_csv("unsd_m49_countries.csv")}
M49_BY_ALPHA3 = {row["iso_alpha3"]: row for row in M49.values()}
GCM = _read_json("gcm.json")
NETWORK = _read_json("network.json")
EVIDENCE = [
    json.loads(line)
    for line in (REFERENCE / "evidence-2026-12.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
REFERENCE_TEXT = "\n".join(
    p.read_text(encoding="utf-8") for p in sorted(REFERENCE.iterdir()) if p.is_file()
)
CATEGORIES = {
    "Funds and Programmes": AgencyKind.FUND_OR_PROGRAMME,
    "UN Specialized Agencies": AgencyKind.SPECIALIZED_AGENCY,
    "Other Entities and Bodies": AgencyKind.OTHER_ENTITY,
    "Related Organizations": AgencyKind.RELATED_ORGANIZATION,
}
# The addendum's table of 63 country networks, by ISO 3166-1 alpha-3 code (Kosovo has none).
_TABLE = (
    (REFERENCE / "coverage-2026-12.md")
    .read_text(encoding="utf-8")
    .split("## Country networks evidenced")[1]
)
ADDENDUM = {
    cells[2]
    for line in _TABLE.splitlines()
    if line.startswith("| ")
    and len(cells := [c.strip() for c in line.split("|")]) > 3
    and len(cells[2]) == 3
    and cells[2].isupper()
}
# Bolivia's only item has no URL, and a source must have one: docs/data.md says so.
NOT_BUNDLED = {"BOL"}
COUNTRY_NETWORKS = [n for n in DATASET.networks if n.level is NetworkLevel.COUNTRY]


def _round_tables() -> dict[int, int]:
    grouping = GCM["groupings"]["imrf_round_tables"]
    return {number: table for table in range(1, 5) for number in grouping[f"round_table_{table}"]}


class TestAgencies:
    """The UN system entities are the UN-CRAFd table's."""

    @pytest.mark.parametrize("row", [pytest.param(row, id=row["acronym"]) for row in ENTITIES])
    def test_un_system_entity_is_an_agency(self, row: dict[str, str]) -> None:
        """Each UN system entity is an agency, by acronym and by name, folded."""
        agency = umn.agencies.lookup(row["acronym"])
        assert _fold(row["acronym"]) in {_fold(k) for k in (agency.acronym, *agency.aliases)}
        assert _fold(row["name"]) in {_fold(k) for k in (agency.name, *agency.aliases)}

    @pytest.mark.parametrize("row", [pytest.param(row, id=row["acronym"]) for row in ENTITIES])
    def test_un_system_entity_details(self, row: dict[str, str]) -> None:
        """Each entity's category, website and headquarters are the reference's."""
        agency = umn.agencies.lookup(row["acronym"])
        assert agency.kind is CATEGORIES[row["category"]]
        assert agency.website == row["website"]
        assert agency.headquarters == row["headquarters"]

    def test_every_entity_read(self) -> None:
        """The entity table was read whole (the README's count of 37 is one short)."""
        assert len(ENTITIES) == 38


class TestCountries:
    """Countries are the M49 table's rows."""

    @pytest.mark.parametrize(
        "record",
        [
            pytest.param(r, id=f"{type(r).__name__}:{r.id}")
            for r in (*COUNTRY_NETWORKS, *DATASET.champions)
            if r.country is not None and r.country.alpha2 != "XK"
        ],
    )
    def test_country_is_m49(self, record: umn.Network | umn.Champion) -> None:
        """A network's or Champion's country names, codes and regions are the M49 row's."""
        country = record.country
        assert country is not None
        row = M49[country.alpha2]
        assert country.name == row["country_or_area"]
        assert country.alpha3 == row["iso_alpha3"]
        assert country.m49 == int(row["m49_code"])
        assert country.region == row["region_name"]
        assert country.sub_region == row["sub_region_name"]
        assert not country.is_code_user_assigned

    @pytest.mark.parametrize(
        "state",
        [*umn.compact.voted_against, *umn.compact.abstained],
        ids=lambda state: state.as_written,
    )
    def test_vote_states_are_m49(self, state: umn.State) -> None:
        """Each State of the vote has the M49 row its name as written names."""
        assert state.country is not None
        row = M49[state.country.alpha2]
        assert state.country.name == row["country_or_area"]
        assert state.country.m49 == int(row["m49_code"])

    def test_kosovo_code_is_user_assigned(self) -> None:
        """Kosovo's XK is marked user-assigned and is in no M49 row."""
        country = umn.networks.lookup("XK").country
        assert country is not None
        assert country.is_code_user_assigned
        assert "XK" not in M49


class TestCompact:
    """Objectives, principles and the vote are the GCM notes'."""

    @pytest.mark.parametrize("number", range(1, 24))
    def test_objective_is_gcm(self, number: int) -> None:
        """An objective's title, label, paragraph and wordings are the reference's."""
        row = next(o for o in GCM["objectives"] if o["number"] == number)
        objective = umn.objectives.lookup(number)
        variant = row.get("title_variant")
        assert objective.title == row["title"]
        assert objective.short_label == row["short_label"]
        assert objective.paragraph == row["paragraph"]
        assert objective.is_paragraph_inferred is row["paragraph_evidence"].startswith("INFERRED")
        assert objective.title_variants == ((variant,) if variant else ())
        assert objective.round_table == _round_tables()[number]

    @pytest.mark.parametrize("letter", list("abcdefghij"))
    def test_principle_is_gcm(self, letter: str) -> None:
        """A principle's name, paragraph and inferred letter are the reference's."""
        row = next(p for p in GCM["principles"] if p["letter"] == letter)
        principle = umn.principles.lookup(letter)
        assert principle.name == row["name"]
        assert principle.paragraph == row["paragraph"]
        assert principle.is_letter_inferred is ("inferred" in (row["note"] or ""))

    def test_vote_is_the_reference(self) -> None:
        """The vote and the States named are the reference's."""
        endorsement = GCM["adoption"]["general_assembly_endorsement"]
        vote = endorsement["vote"]
        compact = umn.compact
        assert compact.vote == Vote(
            vote["in_favour"], vote["against"], vote["abstentions"], vote["not_voting"]
        )
        assert [s.as_written for s in compact.voted_against] == endorsement["against"]
        assert [s.as_written for s in compact.abstained] == endorsement["abstaining"]


class TestCoverage:
    """The country networks are the addendum's, and each date is one a source gives."""

    def test_the_table_was_read(self) -> None:
        """The addendum's table names 62 countries by ISO code, and Kosovo without one."""
        assert len(ADDENDUM) == 62

    def test_every_network_of_the_addendum(self) -> None:
        """Every country of the addendum's table has a network, but Bolivia (see docs/data.md)."""
        bundled = {n.country.alpha3 for n in COUNTRY_NETWORKS if n.country is not None}
        assert ADDENDUM - bundled == NOT_BUNDLED

    def test_no_network_the_sources_do_not_evidence(self) -> None:
        """Every bundled country network is in the addendum's table or the first release's."""
        first_release = {row["iso3166_1_alpha2"] for row in NETWORK["country_networks"]}
        for network in COUNTRY_NETWORKS:
            assert network.country is not None
            known = network.country.alpha3 in ADDENDUM or network.country.alpha2 in first_release
            assert known, network.id

    @pytest.mark.parametrize(
        "network",
        [n for n in COUNTRY_NETWORKS if n.launched is not None],
        ids=lambda n: n.id,
    )
    def test_launch_is_a_launch_the_sources_give(self, network: umn.Network) -> None:
        """A launch is a day, month or year that a launch or establishment item states."""
        assert network.country is not None
        assert network.launched is not None
        stated = {
            item["date"]
            for item in EVIDENCE
            if item["topic"] == "country_network"
            and item.get("iso_alpha3") == network.country.alpha3
            and item["date_kind"] in ("launched", "established")
            and item["date"]
        }
        first_release = {
            str(row.get("launched") or row.get("launched_year") or "")
            for row in NETWORK["country_networks"]
            if row["iso3166_1_alpha2"] == network.country.alpha2
        }
        launched = network.launched
        texts = {launched.earliest.isoformat(), launched.short() or ""}
        # An inferred span is the first release's reasoning, kept with its flag.
        assert launched.is_inferred or texts & (stated | first_release), network.id


class TestCopiedNotInvented:
    """Nothing invented: addresses and names in other languages are copied from the pack."""

    @pytest.mark.parametrize("source", list(DATASET.sources), ids=lambda s: s.id)
    def test_source_url_is_in_the_reference(self, source: Source) -> None:
        """Every cited address appears in the reference files.

        The one derived address is a GitHub repository whose files the reference cites
        (the M49 table comes from the same UN-CRAFd repository as the UN system chart).
        """
        repository = source.url.removeprefix("https://github.com/")
        derived = repository != source.url and (
            f"raw.githubusercontent.com/{repository}/" in REFERENCE_TEXT
        )
        assert source.url in REFERENCE_TEXT or derived, f"{source.id}: {source.url}"

    @pytest.mark.parametrize(
        ("subject", "name"),
        [
            pytest.param(subject, name, id=f"{subject}:{name.lang}:{name.field}:{index}")
            for subject, record in DATASET.walk()
            for index, name in enumerate(getattr(record, "names", ()))
        ],
    )
    def test_name_is_written_in_the_reference(self, subject: str, name: umn.Name) -> None:
        """A name in another language is text a source writes, never our translation."""
        folded = REFERENCE_TEXT.casefold()
        assert name.text.casefold() in folded, f"{subject}: {name.text}"

    def test_as_of_is_after_every_dated_item(self) -> None:
        """The data's as-of date is no earlier than the latest dated item it rests on."""
        dates = [
            DateSpan.parse(item["date"]).earliest
            for item in EVIDENCE
            if isinstance(item.get("date"), str)
            and len(item["date"]) in (4, 7, 10)
            and item["date"][0].isdigit()
        ]
        assert max(dates) <= DATASET.as_of
        assert DATASET.as_of >= dt.date(2026, 12, 1)
