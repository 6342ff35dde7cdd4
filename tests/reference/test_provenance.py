"""Every bundled fact against the reference pack it was compiled from (``nox -s reference``).

These checks read ``shared/reference/`` beside the repository (the folder the data was compiled
from); they run in their own session, where the pack exists, and are not part of the main
suite, which a fresh clone runs without the pack.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import un_migration_network as umn
from un_migration_network import AgencyKind, DateSpan, NetworkLevel, Source, Vote

# The pack is ``shared/reference`` beside the repository, or beside a folder that holds the
# repository (a work tree checked out one level deeper).
_ROOT = Path(__file__).parents[2]
_FOUND = [
    folder / "shared" / "reference"
    for folder in _ROOT.parents
    if (folder / "shared" / "reference").is_dir()
]
if not _FOUND:  # the session skips first; a direct run says why
    pytest.skip(f"no shared/reference beside {_ROOT}", allow_module_level=True)
REFERENCE = _FOUND[0]

DATASET = umn.load()


def _read_json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REFERENCE / name).read_text(encoding="utf-8"))
    return data


def _read_csv(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _read_jsonl(name: str) -> list[dict[str, Any]]:
    lines = (REFERENCE / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


def _unmarked(name: str) -> str:
    """A table's name without its footnote mark ("Holy See (the) *", "Niue **")."""
    return re.sub(r" \*+$", "", name)


def _bare(name: str) -> str:
    """A table's name without its footnote mark or bracketed article ("Gambia (the)")."""
    return re.sub(r" \([^)]*\)$", "", _unmarked(name))


ENTITIES = _read_csv("un_system_entities.csv")
M49 = {row["iso_alpha2"]: row for row in _read_csv("unsd_m49_countries.csv")}
CODES = {row["ISO3166-1-Alpha-2"]: row for row in _read_csv("countries/country-codes.csv")}
# OCHA's row of Kosovo has no code: it is found by its name, as Kosovo's record is (XK).
OCHA = {
    row["ISO 3166-1 Alpha 2-Codes"] or ("XK" if row["Preferred Term"] == "Kosovo" else ""): row
    for row in _read_csv("countries/ocha-countries-territories.csv")
}
GCM = _read_json("gcm.json")
NETWORK = _read_json("network.json")
EVIDENCE = _read_jsonl("evidence-2026-12.jsonl") + _read_jsonl("evidence-2026-12b.jsonl")
REFERENCE_TEXT = "\n".join(
    path.read_text(encoding="utf-8") for path in sorted(REFERENCE.rglob("*")) if path.is_file()
)
FOLDED_TEXT = _fold(REFERENCE_TEXT)
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
TABLED = [c for c in DATASET.countries if c.alpha2 in M49 or c.alpha2 in CODES]
# The six UN languages as each table names them.
_CODES_LANGUAGE = {"en": "en", "fr": "fr", "es": "es", "ru": "ru", "zh": "cn", "ar": "ar"}
_UNTERM_LANGUAGE = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "ru": "Russian",
    "zh": "Chinese",
    "ar": "Arabic",
}
_BY_URL: dict[str, list[dict[str, Any]]] = {}
for _item in EVIDENCE:
    if _item.get("url"):
        _BY_URL.setdefault(_item["url"], []).append(_item)


def _round_tables() -> dict[int, int]:
    grouping = GCM["groupings"]["imrf_round_tables"]
    return {number: table for table in range(1, 5) for number in grouping[f"round_table_{table}"]}


def _written(*values: str | None) -> set[str]:
    return {value for value in values if value}


def _items_of(network: umn.Network) -> list[dict[str, Any]]:
    """The evidence items about a country network: by its country, or at its sources' URLs."""
    alpha3 = network.country.alpha3 if network.country is not None else None
    own = [item for item in EVIDENCE if alpha3 and item.get("iso_alpha3") == alpha3]
    cited = [item for source in network.sources for item in _BY_URL.get(source.url, [])]
    return own + cited


def _first_release(network: umn.Network) -> list[dict[str, Any]]:
    """The first release's rows of network.json for the network's country."""
    alpha2 = network.country.alpha2 if network.country is not None else None
    return [row for row in NETWORK["country_networks"] if row["iso3166_1_alpha2"] == alpha2]


class TestAgencies:
    """The UN system entities are the UN-CRAFd table's."""

    @pytest.mark.parametrize("row", [pytest.param(row, id=row["acronym"]) for row in ENTITIES])
    def test_acronym(self, row: dict[str, str]) -> None:
        """Each UN system entity is an agency, by its acronym, folded."""
        agency = umn.agencies.lookup(row["acronym"])
        assert _fold(row["acronym"]) in {_fold(k) for k in (agency.acronym, *agency.aliases)}

    @pytest.mark.parametrize("row", [pytest.param(row, id=row["acronym"]) for row in ENTITIES])
    def test_name(self, row: dict[str, str]) -> None:
        """Each UN system entity's name is the agency's name or one of its aliases, folded."""
        agency = umn.agencies.lookup(row["acronym"])
        assert _fold(row["name"]) in {_fold(k) for k in (agency.name, *agency.aliases)}

    @pytest.mark.parametrize("row", [pytest.param(row, id=row["acronym"]) for row in ENTITIES])
    def test_kind(self, row: dict[str, str]) -> None:
        """Each entity's place in the UN system chart is the table's category."""
        assert umn.agencies.lookup(row["acronym"]).kind is CATEGORIES[row["category"]]

    @pytest.mark.parametrize("row", [pytest.param(row, id=row["acronym"]) for row in ENTITIES])
    def test_website_and_headquarters(self, row: dict[str, str]) -> None:
        """Each entity's website and headquarters are the table's."""
        agency = umn.agencies.lookup(row["acronym"])
        assert (agency.website, agency.headquarters) == (row["website"], row["headquarters"])

    def test_every_entity_read(self) -> None:
        """The entity table was read whole (the README's count of 37 is one short)."""
        assert len(ENTITIES) == 38

    @pytest.mark.parametrize("agency", list(DATASET.agencies), ids=lambda a: a.id)
    def test_keys_are_written_in_the_reference(self, agency: umn.Agency) -> None:
        """An agency's acronym, name and aliases are written in the pack."""
        keys = (agency.acronym, agency.name, *agency.aliases)
        assert [key for key in keys if _fold(key) not in FOLDED_TEXT] == []


class TestCountries:
    """Countries are the rows of the M49 tables, names and all."""

    @pytest.mark.parametrize("country", TABLED, ids=lambda c: c.alpha2)
    def test_codes(self, country: umn.Country) -> None:
        """The alpha-3 and M49 codes are the tables'."""
        row = M49.get(country.alpha2) or {}
        codes = CODES.get(country.alpha2) or {}
        alpha3 = _written(row.get("iso_alpha3"), codes.get("ISO3166-1-Alpha-3"))
        m49 = {int(v) for v in _written(row.get("m49_code"), codes.get("M49"))}
        assert country.alpha3 in alpha3
        assert country.m49 in m49

    @pytest.mark.parametrize("country", TABLED, ids=lambda c: c.alpha2)
    def test_regions(self, country: umn.Country) -> None:
        """The M49 region and sub-region are the tables'."""
        row = M49.get(country.alpha2) or {}
        codes = CODES.get(country.alpha2) or {}
        none: set[str | None] = {None}
        regions = _written(row.get("region_name"), codes.get("Region Name")) or none
        sub_regions = _written(row.get("sub_region_name"), codes.get("Sub-region Name")) or none
        assert country.region in regions
        assert country.sub_region in sub_regions

    @pytest.mark.parametrize("country", TABLED, ids=lambda c: c.alpha2)
    def test_name(self, country: umn.Country) -> None:
        """The name is the M49 English name as UNSD, OCHA or the country-codes table writes it."""
        row = M49.get(country.alpha2) or {}
        ocha = OCHA.get(country.alpha2) or {}
        codes = CODES.get(country.alpha2) or {}
        assert country.name in _written(
            row.get("country_or_area"), ocha.get("M49 English"), codes.get("official_name_en")
        )

    @pytest.mark.parametrize(
        "country",
        [pytest.param(c, id=c.alpha2) for c in DATASET.countries if c.alpha2 in M49],
    )
    def test_flags(self, country: umn.Country) -> None:
        """LDC, LLDC and SIDS are the M49 table's flags."""
        row = M49[country.alpha2]
        flags = (country.is_ldc, country.is_lldc, country.is_sids)
        assert flags == tuple(row[key] == "True" for key in ("is_ldc", "is_lldc", "is_sids"))

    @pytest.mark.parametrize("country", list(DATASET.countries), ids=lambda c: c.alpha2)
    def test_member_state(self, country: umn.Country) -> None:
        """A Member State is one of the 193 rows of OCHA's DGACM list."""
        row = OCHA.get(country.alpha2) or {}
        assert country.is_member_state is (row.get("Appears in DGACM list") == "Y")

    @pytest.mark.parametrize("country", list(DATASET.countries), ids=lambda c: c.alpha2)
    def test_point(self, country: umn.Country) -> None:
        """The representative point is OCHA's."""
        row = OCHA.get(country.alpha2) or {}
        expected = (
            (float(row["Latitude"]), float(row["Longitude"])) if row.get("Latitude") else None
        )
        found = None if country.latitude is None else (country.latitude, country.longitude)
        assert found == expected

    @pytest.mark.parametrize(
        ("country", "name"),
        [
            pytest.param(c, n, id=f"{c.alpha2}:{n.lang}:{n.field}:{n.scheme}:{i}")
            for c in DATASET.countries
            for i, n in enumerate(c.names)
        ],
    )
    def test_names_are_the_tables(self, country: umn.Country, name: umn.Name) -> None:
        """A name in a language is the M49 or UNTERM column of that language, as written.

        A table's footnote mark (" *", " **") is not part of the name.
        """
        codes = CODES.get(country.alpha2) or {}
        ocha = OCHA.get(country.alpha2) or {}
        language = _UNTERM_LANGUAGE[name.lang]
        if name.scheme == "m49":
            written = _written(
                codes.get(f"official_name_{_CODES_LANGUAGE[name.lang]}"),
                ocha.get(f"M49 {language}"),
            )
        else:
            form = "Formal" if name.field == "formal_name" else "Short"
            written = _written(
                codes.get(f"UNTERM {language} {form}"), ocha.get(f"{language} {form}")
            )
        assert name.text in {_unmarked(text) for text in written}

    @pytest.mark.parametrize(
        ("country", "name"),
        [
            pytest.param(c, n, id=f"{c.alpha2}:{n.lang}:{n.field}:{n.scheme}:{i}")
            for c in DATASET.countries
            for i, n in enumerate(c.names)
            if any(s.id == "ocha-countries-territories" for s in n.sources)
        ],
    )
    def test_names_cited_to_ocha(self, country: umn.Country, name: umn.Name) -> None:
        """A name cited to OCHA's table is written there (its bracketed article aside)."""
        ocha = OCHA[country.alpha2]
        language = _UNTERM_LANGUAGE[name.lang]
        column = (
            f"M49 {language}"
            if name.scheme == "m49"
            else ("English Formal" if name.field == "formal_name" else f"{language} Short")
        )
        assert _bare(name.text) == _bare(ocha[column])

    @pytest.mark.parametrize(
        "state",
        [*umn.compact.voted_against, *umn.compact.abstained],
        ids=lambda state: state.as_written,
    )
    def test_vote_states_are_m49(self, state: umn.State) -> None:
        """Each State of the vote has the M49 row its name as written names."""
        assert state.country is not None
        assert state.country.m49 == int(M49[state.country.alpha2]["m49_code"])

    def test_kosovo_code_is_user_assigned(self) -> None:
        """Kosovo's XK is marked user-assigned and is in no M49 row."""
        assert umn.countries.lookup("XK").is_code_user_assigned
        assert "XK" not in M49

    @pytest.mark.parametrize(
        "country", [c for c in DATASET.countries if c.aliases], ids=lambda c: c.alpha2
    )
    def test_aliases_are_written_in_the_reference(self, country: umn.Country) -> None:
        """Every other name of a country is written in the pack."""
        assert [alias for alias in country.aliases if alias not in REFERENCE_TEXT] == []


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

    def test_progress_declaration(self) -> None:
        """The 2022 forum's outcome is the resolution F001 names."""
        [item] = [item for item in EVIDENCE if item.get("ref") == "F001"]
        [edition] = [e for e in umn.compact.review_forum.editions if e.year == 2022]
        assert "76/266" in item["quote"]
        assert edition.outcome_resolution == "A/RES/76/266"
        assert str(edition.progress_declaration_endorsed) == item["date"]


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
        unknown = [
            n.id
            for n in COUNTRY_NETWORKS
            if n.country is None
            or (n.country.alpha3 not in ADDENDUM and n.country.alpha2 not in first_release)
        ]
        assert unknown == []

    @pytest.mark.parametrize(
        "network",
        [n for n in COUNTRY_NETWORKS if n.launched is not None],
        ids=lambda n: n.id,
    )
    def test_launch_is_a_launch_the_sources_give(self, network: umn.Network) -> None:
        """A launch is a day, month or year that a launch or establishment item states."""
        assert network.launched is not None
        stated = {
            item["date"]
            for item in _items_of(network)
            if item.get("date_kind") in ("launched", "established") and item.get("date")
        }
        first_release = {
            str(row.get("launched") or row.get("launched_year") or "")
            for row in _first_release(network)
        }
        launched = network.launched
        texts = {launched.earliest.isoformat(), launched.short() or ""}
        # An inferred span is the first release's reasoning, kept with its flag.
        assert launched.is_inferred or texts & (stated | first_release), network.id

    @pytest.mark.parametrize(
        "network",
        [n for n in COUNTRY_NETWORKS if n.first_evidenced is not None],
        ids=lambda n: n.id,
    )
    def test_first_evidence_is_a_date_the_sources_give(self, network: umn.Network) -> None:
        """The date a network is first evidenced is a date an item, or network.md, gives."""
        assert network.first_evidenced is not None
        stated = {item["date"] for item in _items_of(network) if item.get("date")}
        stated |= {str(row.get("launched") or "") for row in _first_release(network)}
        first = network.first_evidenced
        texts = {first.earliest.isoformat(), first.short() or ""}
        assert (
            first.is_inferred
            or bool(texts & stated)
            or first.earliest.isoformat() in (REFERENCE_TEXT)
        ), network.id

    @pytest.mark.parametrize(
        "network", [n for n in COUNTRY_NETWORKS if n.members], ids=lambda n: n.id
    )
    def test_members_are_written_as_members(self, network: umn.Network) -> None:
        """Every member of a country network is one a source writes as a member."""
        written = _fold(
            json.dumps(
                [item.get("members_as_written") for item in _items_of(network)]
                + _first_release(network),
                ensure_ascii=False,
            )
        )
        # "Resident Coordinator's Office" is written with and without the possessive.
        written = written.replace("coordinators", "coordinator")
        missing = [
            agency.id
            for agency in network.members
            if not any(
                _fold(key) and _fold(key).replace("coordinators", "coordinator") in written
                for key in (agency.acronym, agency.name, *agency.aliases)
            )
        ]
        assert missing == []

    @pytest.mark.parametrize("champion", list(DATASET.champions), ids=lambda c: c.id)
    def test_champion_is_named_as_one(self, champion: umn.Champion) -> None:
        """Every Champion's country is named by a Champion item or the Network's list."""
        named = _fold(
            json.dumps(
                [item for item in EVIDENCE if item["topic"] == "champion"]
                + [NETWORK["champion_countries"]],
                ensure_ascii=False,
            )
        )
        country = champion.country
        names = (country.name, *country.aliases, *(n.text for n in country.names))
        assert any(_fold(name) in named for name in names)


class TestCopiedNotInvented:
    """Nothing invented: addresses, titles and names in other languages are copied."""

    @pytest.mark.parametrize("source", list(DATASET.sources), ids=lambda s: s.id)
    def test_source_url_is_in_the_reference(self, source: Source) -> None:
        """Every cited address appears in the reference files, as it is written there."""
        assert source.url in REFERENCE_TEXT

    @pytest.mark.parametrize(
        "source",
        [pytest.param(source, id=source.id) for source in DATASET.sources if source.title],
    )
    def test_source_title_is_in_the_reference(self, source: Source) -> None:
        """Every source's title is the title the pack gives (folded: quotes, dashes, case)."""
        assert source.title is not None
        assert _fold(source.title) in FOLDED_TEXT

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

    @pytest.mark.parametrize(
        "event", [e for e in DATASET.events if not e.date.is_inferred], ids=lambda e: e.id
    )
    def test_event_date_is_written(self, event: umn.Event) -> None:
        """An event's date is written in the pack, as a date or in words."""
        span = event.date
        texts = {span.earliest.isoformat(), span.short() or ""}
        words = {
            f"{span.earliest.day} {span.earliest:%B} {span.earliest.year}",
            f"{span.earliest.day} {span.earliest:%b} {span.earliest.year}",
            f"{span.earliest:%B} {span.earliest.day}",
            f"{span.earliest.day}-{span.latest.day} {span.latest:%B}",
            f"{span.earliest.day}–{span.latest.day} {span.latest:%B}",
            f"{span.earliest.day} {span.earliest:%B}",
        }
        assert any(text and text in REFERENCE_TEXT for text in texts | words), event.id

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
