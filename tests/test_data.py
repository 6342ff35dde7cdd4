"""Every bundled record, checked against the data rules; and the facts the issues name.

The record-by-record checks walk the data with the library's own `Dataset.walk`, so a new
record, or a new kind, is checked without new test code. The checks against the reference
pack the data was compiled from are in tests/reference/ (``nox -s reference``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from importlib.resources import files
from typing import Any, cast

import attrs
import pytest

import un_migration_network as umn
from un_migration_network import DateSpan, EventKind, NetworkLevel, Quantity, Source, Vote
from un_migration_network._kinds import KINDS, REGISTERED, Kind

DATASET = umn.load()
REPORT = umn.validate()
_ID = re.compile(r"[a-z0-9-]+")
_URL = re.compile(r"https?://[^\s/]+\.[^\s/]+(/\S*)?")
_LANGUAGE = re.compile(r"[a-z]{2}")


def _fold(text: str) -> str:
    """Fold text the way people's spellings meet: case, accents and punctuation dropped.

    Written here, apart from the library's own folding, so that the two check each other.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


def _walk(value: object, path: str) -> Iterator[tuple[str, object]]:
    """Every value reachable from *value* through attrs fields and tuples, with its path."""
    yield path, value
    if attrs.has(type(value)):
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value))):
            yield from _walk(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")


def _names(record: Any, lang: str, field: str = "name") -> list[str]:
    return [n.text for n in record.names if n.lang == lang and n.field == field]


# The guiding principles' names as the Progress Declaration's paragraph 3 words them (F004).
CHINESE_NAMES = {
    "a": "以人为中心",
    "b": "国际合作",
    "c": "国家主权",
    "d": "法治和正当程序",
    "e": "可持续发展",
    "f": "人权",
    "g": "促进性别平等",
    "h": "敏感认识到儿童问题",
    "i": "全政府办法",
    "j": "全社会办法",
}


RECORDS = [pytest.param(record, id=subject) for subject, record in DATASET.walk()]
SOURCED = [
    pytest.param(record, id=subject)
    for subject, record in DATASET.walk()
    if hasattr(record, "sources")
]
SOURCES = [pytest.param(source, id=source.id) for source in DATASET.sources]


class TestCanonicalFile:
    """The bundled file is written by the library itself, each array in its kind's order."""

    TEXT = (
        files("un_migration_network.data")
        .joinpath("un_migration_network.json")
        .read_text(encoding="utf-8")
    )

    def test_text_is_to_json(self) -> None:
        """The bundled text is exactly what `to_json` writes (run `nox -s data` if not)."""
        assert DATASET.to_json() == self.TEXT

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_arrays_in_their_order(self, kind: Kind[Any]) -> None:
        """Each array is sorted by the key its kind states."""
        records = list(DATASET.registry(kind))
        assert records == sorted(records, key=kind.order)

    def test_member_lists_in_date_order(self) -> None:
        """The Executive Committee's dated member lists are in date order."""
        snapshots = DATASET.executive_committee.snapshots
        assert list(snapshots) == sorted(snapshots, key=lambda snapshot: snapshot.as_of)

    def test_as_of(self) -> None:
        """The data holds for the day of this release's check of the sources (issue 20)."""
        assert DATASET.as_of == dt.date(2026, 12, 7)

    def test_every_kind_is_in_the_document(self) -> None:
        """The bundled text holds every kind the table names."""
        assert {kind.plural for kind in KINDS} <= set(json.loads(self.TEXT))


class TestValidation:
    """The bundled data validates (its warnings are listed in test_validation)."""

    def test_no_errors(self) -> None:
        """validate() finds no error in the bundled data."""
        assert [str(problem) for problem in REPORT.errors] == []


class TestSources:
    """Every record cites a source; every source can be followed."""

    @pytest.mark.parametrize("record", SOURCED)
    def test_record_cites_a_source(self, record: Any) -> None:
        """The record names at least one source."""
        assert len(record.sources) >= 1

    @pytest.mark.parametrize("record", SOURCED)
    def test_cited_sources_are_registered(self, record: Any) -> None:
        """Every source a record cites is the dataset's own source of that id."""
        assert [DATASET.sources.get(s.id) for s in record.sources] == list(record.sources)

    @pytest.mark.parametrize("record", SOURCED)
    def test_citations_are_sources_of_the_record(self, record: Any) -> None:
        """Every source a field, or a name, cites is among the record's sources."""
        cited = [s for c in record.citations for s in c.sources]
        cited += [s for n in getattr(record, "names", ()) for s in n.sources]
        assert [s.id for s in cited if s not in record.sources] == []

    @pytest.mark.parametrize("record", SOURCED)
    def test_sources_listed_once(self, record: Any) -> None:
        """A record lists each of its sources once."""
        ids = [s.id for s in record.sources]
        assert len(ids) == len(set(ids))

    @pytest.mark.parametrize("source", SOURCES)
    def test_source_has_a_web_address(self, source: Source) -> None:
        """The source's URL is an http(s) address with a host."""
        assert _URL.fullmatch(source.url) is not None, source.url

    def test_source_urls_are_unique(self) -> None:
        """No document is registered twice under two ids."""
        urls = [s.url for s in DATASET.sources]
        assert sorted(urls) == sorted(set(urls))

    def test_every_source_is_cited(self) -> None:
        """The data registers no source that no record cites."""
        cited = {s.id for _, record in DATASET.walk() for s in getattr(record, "sources", ())}
        assert sorted(s.id for s in DATASET.sources if s.id not in cited) == []

    def test_documents_cited_by_their_official_address(self) -> None:
        """A copy of a UN document (page by page) stands beside the document, never alone."""
        alone = [
            subject
            for subject, record in DATASET.walk()
            if any(s.id.startswith("a-res-73-195-p") for s in getattr(record, "sources", ()))
            and not any(s.id == "a-res-73-195" for s in record.sources)
        ]
        assert alone == []


class TestCitations:
    """Cite per fact: launches, members and names say which source gives them."""

    @pytest.mark.parametrize(
        ("network", "field"),
        [
            pytest.param(network, field, id=f"{network.id}.{field}")
            for network in DATASET.networks
            for field in ("launched", "first_evidenced", "members", "co_chairs", "country")
            if getattr(network, field)
        ],
    )
    def test_network_facts_are_cited(self, network: umn.Network, field: str) -> None:
        """A launch, a first evidence, a member list, co-chairs, a country: each its source."""
        assert network.cite(field)

    @pytest.mark.parametrize(
        "champion", [c for c in DATASET.champions if c.since is not None], ids=lambda c: c.id
    )
    def test_champion_dates_are_cited(self, champion: umn.Champion) -> None:
        """A Champion's date names its source."""
        assert champion.cite("since")

    @pytest.mark.parametrize("event", list(DATASET.events), ids=lambda e: e.id)
    def test_event_dates_are_cited(self, event: umn.Event) -> None:
        """An event's date names its source."""
        assert event.cite("date")

    @pytest.mark.parametrize("seat", DATASET.executive_committee.memberships, ids=str)
    def test_seat_dates_are_cited(self, seat: umn.Membership) -> None:
        """A seat's start names its source."""
        assert seat.cite("since")

    @pytest.mark.parametrize("record", SOURCED)
    def test_names_are_cited(self, record: Any) -> None:
        """Every name in another language names the sources that write it."""
        assert [n.text for n in getattr(record, "names", ()) if not n.sources] == []


class TestShape:
    """Ids, names and containers follow the house rules."""

    @pytest.mark.parametrize("record", RECORDS)
    def test_id_is_lowercase_slug(self, record: object) -> None:
        """Ids are lowercase letters, digits and hyphens."""
        key = getattr(record, "id", None)
        if isinstance(key, str):
            assert _ID.fullmatch(key) is not None, key

    @pytest.mark.parametrize("record", RECORDS)
    def test_no_mutable_containers(self, record: object) -> None:
        """Every field holds tuples, never lists, dicts or sets."""
        mutable = [
            path
            for path, value in _walk(record, "$")
            if isinstance(value, list | dict | set | bytearray)
        ]
        assert mutable == []

    @pytest.mark.parametrize("record", RECORDS)
    def test_text_is_clean(self, record: object) -> None:
        """No text is blank, padded, or holds a control character."""
        bad = [
            path
            for path, value in _walk(record, "$")
            if isinstance(value, str)
            and (not value or value.strip() != value or not value.isprintable())
        ]
        assert bad == []

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_no_two_records_share_a_name(self, kind: Kind[Any]) -> None:
        """No two records of one kind share a name, in any language, once folded."""
        owners: dict[str, set[str]] = defaultdict(set)
        for record in DATASET.registry(kind):
            for key in kind.keys(record):
                if key is not None and _fold(str(key)):
                    owners[_fold(str(key))].add(kind.key(record))
        assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}

    @pytest.mark.parametrize("record", RECORDS)
    def test_names_are_in_a_language(self, record: object) -> None:
        """A name in another language has a two-letter ISO 639-1 code."""
        assert [
            n.lang for n in getattr(record, "names", ()) if not _LANGUAGE.fullmatch(n.lang)
        ] == []

    @pytest.mark.parametrize("record", RECORDS)
    def test_english_only_beside_a_standard(self, record: object) -> None:
        """An English name beside the record's own is another standard's (M49, UNTERM)."""
        english = [n for n in getattr(record, "names", ()) if n.lang == "en"]
        assert [n.text for n in english if n.scheme is None] == []

    def test_registries_hold_every_kind(self) -> None:
        """Every kind of the table that is an array is a registry of the dataset."""
        assert all(isinstance(DATASET.registry(kind), umn.Registry) for kind in REGISTERED)


class TestMozambique:
    """The seed: the UN Network for Migration in Mozambique."""

    NETWORK = umn.networks.lookup("mozambique")
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
        assert self.NETWORK.launched == DateSpan.parse("2022-02-15")

    def test_launch_cites_the_seed(self) -> None:
        """Which page says so: the seed, and only it."""
        assert [s.url for s in self.NETWORK.cite("launched")] == [
            "https://mozambique.iom.int/news/un-network-migration-mozambique-officially-launched"
        ]

    def test_members_in_seed_order(self) -> None:
        """The thirteen members the seed lists, in its order."""
        assert tuple(a.id for a in self.NETWORK.members) == self.SEED_MEMBERS

    def test_thirteen_listed(self) -> None:
        """Thirteen members are listed."""
        assert len(self.NETWORK.members) == 13

    def test_eleven_declared(self) -> None:
        """The seed's "eleven members" is kept as the declared count."""
        assert self.NETWORK.declared_member_count == 11

    def test_the_disagreement_is_warned(self) -> None:
        """validate() says the seed declares 11 and lists 13."""
        messages = [p.message for p in REPORT.warnings if p.subject == "mozambique"]
        assert messages == ["the sources declare 11 members but list 13"]

    def test_country(self) -> None:
        """The network serves Mozambique, MZ: the country record itself."""
        assert self.NETWORK.country is umn.countries.lookup("MZ")

    def test_country_code(self) -> None:
        """Its country code is MZ."""
        assert self.NETWORK.country_code == "MZ"

    def test_level(self) -> None:
        """It is a country network."""
        assert self.NETWORK.level is NetworkLevel.COUNTRY

    def test_found_by_code(self) -> None:
        """MZ, MOZ and 508 find it."""
        assert [umn.networks.lookup(key).id for key in ("MZ", "MOZ", 508)] == ["mozambique"] * 3

    def test_kick_off_meeting(self) -> None:
        """The kick-off meeting of 16 February 2022 is recorded as an event."""
        meeting = DATASET.events.lookup("mozambique-kick-off-meeting")
        assert meeting.kind is EventKind.MEETING
        assert meeting.date == DateSpan.parse("2022-02-16")


class TestNetworks:
    """The global, continental, regional and country networks."""

    def test_global_dates(self) -> None:
        """The Network was decided on 23 May 2018 and launched on 9 December 2018."""
        network = umn.networks.lookup("global")
        assert network.decided == DateSpan.parse("2018-05-23")
        assert network.launched == DateSpan.parse("2018-12-09")

    def test_global_coordinator(self) -> None:
        """IOM coordinates the Network."""
        assert umn.networks.lookup("global").coordinator is umn.agencies.lookup("IOM")

    def test_global_membership_is_declared_incomplete(self) -> None:
        """38 members are declared; the evidenced list is shorter and says it is incomplete."""
        network = umn.networks.lookup("global")
        assert network.declared_member_count == 38
        assert not network.is_membership_complete
        assert len(network.members) < 38

    @pytest.mark.parametrize("agency", ["UNITAR", "UNU"])
    def test_participants_are_not_members(self, agency: str) -> None:
        """UNITAR and UNU took part in working groups, which is no membership (E264, E265)."""
        assert umn.agencies.lookup(agency) not in umn.networks.lookup("global").members

    def test_one_global_network(self) -> None:
        """Exactly one network is global."""
        assert [n.id for n in umn.networks if n.level is NetworkLevel.GLOBAL] == ["global"]

    def test_six_regional_networks(self) -> None:
        """The six regional networks, now all named; each serves a region, not a country."""
        regional = [n for n in umn.networks if n.level is NetworkLevel.REGIONAL]
        assert sorted(n.id for n in regional) == [
            "arab-region",
            "asia-pacific",
            "east-southern-africa",
            "europe-central-asia",
            "latin-america-caribbean",
            "west-central-africa",
        ]
        assert all(n.region is not None for n in regional)
        assert all(n.country is None for n in regional)

    def test_one_continental_network(self) -> None:
        """The Continental UN Network on Migration for Africa is a tier of its own."""
        [network] = [n for n in umn.networks if n.level is NetworkLevel.CONTINENTAL]
        assert network.name == "Continental UN Network on Migration for Africa"
        assert [a.acronym for a in network.co_chairs] == ["IOM", "ECA"]

    def test_at_least_sixty_country_networks(self) -> None:
        """The sources evidence 63 country networks; all but Bolivia's (no URL) are bundled."""
        country = [n for n in umn.networks if n.level is NetworkLevel.COUNTRY]
        assert len(country) >= 60

    def test_country_networks_have_countries(self) -> None:
        """Every country network names its country and no region of its own."""
        wrong = [
            n.id
            for n in umn.networks
            if n.level is NetworkLevel.COUNTRY and (n.country is None or n.region is not None)
        ]
        assert wrong == []

    def test_countries_are_the_countries_records(self) -> None:
        """A network's country is the very record the countries registry holds."""
        wrong = [
            n.id
            for n in umn.networks
            if n.country is not None and n.country is not umn.countries.lookup(n.country.alpha2)
        ]
        assert wrong == []

    @pytest.mark.parametrize(
        ("network", "co_chairs"),
        [
            ("east-southern-africa", ["iom", "unicef"]),
            ("west-central-africa", ["iom", "ohchr"]),
            ("europe-central-asia", ["iom", "undp", "unhcr"]),
            ("latin-america-caribbean", ["iom", "eclac"]),
            ("arab-region", []),
            ("uzbekistan", ["iom"]),
        ],
    )
    def test_co_chairs(self, network: str, co_chairs: list[str]) -> None:
        """Co-chairs as the sources name them.

        The Arab region's IOM and ESCWA are its co-secretariat, not co-chairs; Uzbekistan's
        network is co-chaired by IOM (network.md, section 5b).
        """
        assert [a.id for a in umn.networks.lookup(network).co_chairs] == co_chairs

    def test_uzbekistan_co_chair_is_cited(self) -> None:
        """Uzbekistan's co-chair names its source."""
        assert umn.networks.lookup("uzbekistan").cite("co_chairs")

    def test_pakistan_iom_is_no_member(self) -> None:
        """Pakistan's IOM is the network's secretariat, not a listed member (E008, E909)."""
        assert umn.agencies.lookup("IOM") not in umn.networks.lookup("pakistan").members

    def test_turkiye_lists_no_government_body(self) -> None:
        """Türkiye's governmental members are no UN entities: not among the members (F012)."""
        assert umn.networks.lookup("Türkiye").members == ()

    def test_existence_is_not_a_launch(self) -> None:
        """A network known from a list only is first evidenced then, and not launched."""
        algeria = umn.networks.lookup("Algeria")
        assert algeria.launched is None
        assert algeria.first_evidenced == DateSpan.parse("2024-08")

    def test_kenya_first_evidenced(self) -> None:
        """Kenya's network existed by 27 May 2021 (F011)."""
        assert umn.networks.lookup("Kenya").first_evidenced == DateSpan.parse("2021-05-27")

    def test_kenya_not_launched_then(self) -> None:
        """That page shows it at work, which is no launch."""
        assert umn.networks.lookup("Kenya").launched is None

    def test_first_evidence_never_after_the_launch(self) -> None:
        """A network is shown existing no later than its launch."""
        late = [
            n.id
            for n in umn.networks
            if n.launched is not None
            and (n.first_evidenced is None or n.first_evidenced.earliest > n.launched.latest)
        ]
        assert late == []

    def test_uganda_correction(self) -> None:
        """Uganda's network lists the ILO as its fifteenth member, as uganda.iom.int does."""
        network = umn.networks.lookup("uganda")
        assert len(network.members) == 15
        assert umn.agencies.lookup("ILO") in network.members
        assert network.declared_member_count == 15

    def test_eswatini_correction(self) -> None:
        """Eswatini's retreat attendees are not its members: attendance is not membership."""
        assert umn.networks.lookup("eswatini").members == ()

    def test_networks_of_an_agency(self) -> None:
        """UNICEF is a member of the East and Southern Africa network, which it co-chairs."""
        assert "east-southern-africa" in [n.id for n in DATASET.networks_of("UNICEF")]


class TestCountries:
    """Every country or area of M49, and Kosovo."""

    def test_kosovo_code_is_user_assigned(self) -> None:
        """Kosovo's XK is a user-assigned code, marked so."""
        assert umn.countries.lookup("XK").is_code_user_assigned

    def test_the_member_states(self) -> None:
        """The 193 Member States of the United Nations."""
        assert sum(1 for c in umn.countries if c.is_member_state) == 193

    @pytest.mark.parametrize(
        ("alpha3", "m49_name", "other"),
        [
            ("CIV", "Côte d’Ivoire", "Ivory Coast"),
            ("FLK", "Falkland Islands (Malvinas)", "Falkland Islands"),
            ("NLD", "Netherlands (Kingdom of the)", "Netherlands"),
        ],
    )
    def test_m49_english_names_that_disagree(self, alpha3: str, m49_name: str, other: str) -> None:
        """The M49 name as UNSD writes it is the name; the other table's stays as a name."""
        country = umn.countries.lookup(alpha3)
        assert country.name == m49_name
        assert other in [n.text for n in country.names if n.lang == "en" and n.scheme == "m49"]

    @pytest.mark.parametrize("alpha2", ["CI", "FK", "NL"])
    def test_m49_english_names_are_warned(self, alpha2: str) -> None:
        """validate() reports each disagreement of the M49 English name."""
        messages = [
            p.message
            for p in REPORT.warnings
            if p.subject == f"country-{alpha2}" and p.code == "conflicting-names"
        ]
        assert [m for m in messages if m.startswith("the M49 name in en ")] != []

    @pytest.mark.parametrize("alpha2", ["CI", "FK", "NL"])
    def test_the_other_name_finds_the_country(self, alpha2: str) -> None:
        """Ivory Coast, Falkland Islands and Netherlands find their countries."""
        country = umn.countries.lookup(alpha2)
        [other] = [n.text for n in country.names if n.lang == "en" and n.scheme == "m49"]
        assert umn.countries.lookup(other) is country


class TestChampions:
    """GCM Champion countries."""

    def test_count(self) -> None:
        """34 countries are named as Champions."""
        assert len(umn.champions) == 34

    @pytest.mark.parametrize(
        ("key", "since"),
        [("Bangladesh", "2020-07"), ("Thailand", "2020"), ("Kenya", "2021-05")],
    )
    def test_dated(self, key: str, since: str) -> None:
        """Where a source dates when a country became a Champion, the date is kept."""
        assert umn.champions.lookup(key).since == DateSpan.parse(since)

    def test_attendance_gives_no_date(self) -> None:
        """The Accra list proves a country a Champion, not since when."""
        assert umn.champions.lookup("Canada").since is None

    def test_none_before_the_compact(self) -> None:
        """No Champion is dated before the Compact was adopted."""
        early = [
            c.id
            for c in umn.champions
            if c.since is not None and c.since.latest < umn.compact.adopted
        ]
        assert early == []

    @pytest.mark.parametrize("key", ["KEN", "KE", 404, "Kenya"])
    def test_looked_up_like_networks(self, key: str | int) -> None:
        """By name and ISO and M49 codes."""
        assert umn.champions.lookup(key).id == "kenya"


class TestObjectives:
    """The GCM's 23 objectives."""

    def test_numbered_in_order(self) -> None:
        """They are numbered 1 to 23, in order."""
        assert [o.number for o in umn.objectives] == list(range(1, 24))

    @pytest.mark.parametrize("number", range(1, 24))
    def test_paragraph_is_number_plus_16(self, number: int) -> None:
        """Objective n's commitments are in paragraph n + 16."""
        assert umn.objectives.lookup(number).paragraph == number + 16

    def test_objective_13_has_both_wordings(self) -> None:
        """Objective 13 keeps 'migration detention' and the 'immigration detention' variant."""
        objective = umn.objectives.lookup(13)
        assert objective.title.startswith("Use migration detention")
        assert objective.title_variants == (
            (
                "Use immigration detention only as a measure of last resort and work towards "
                "alternatives"
            ),
        )

    def test_inferred_paragraphs(self) -> None:
        """Only objectives 18 and 22 have paragraph numbers inferred rather than seen."""
        assert [o.number for o in umn.objectives if o.is_paragraph_inferred] == [18, 22]

    @pytest.mark.parametrize("number", range(1, 24))
    def test_labels_in_three_languages(self, number: int) -> None:
        """Every objective has its short label in French and Spanish."""
        objective = umn.objectives.lookup(number)
        assert objective.short_label_in("fr")
        assert objective.short_label_in("es")

    @pytest.mark.parametrize("lang", ["zh", "ar", "ru"])
    def test_no_titles_where_no_source_gives_them(self, lang: str) -> None:
        """No source gives the titles in Chinese, Arabic or Russian (F026): none is made up."""
        assert [o.number for o in umn.objectives if o.title_in(lang) is not None] == []

    def test_first_objective_cites_the_compact(self) -> None:
        """The first objective cites A/RES/73/195 at its official address."""
        urls = [s.url for s in umn.objectives.lookup(1).sources]
        assert "https://undocs.org/A/RES/73/195" in urls


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

    @pytest.mark.parametrize("letter", list("abcdefghij"))
    def test_names_in_french_and_spanish(self, letter: str) -> None:
        """Every principle has its name in French and Spanish."""
        principle = umn.principles.lookup(letter)
        assert principle.name_in("fr")
        assert principle.name_in("es")

    @pytest.mark.parametrize("letter", list("abcdefghij"))
    def test_chinese_names(self, letter: str) -> None:
        """The Chinese names as the Progress Declaration's paragraph 3 words them (F004)."""
        assert umn.principles.lookup(letter).name_in("zh") == CHINESE_NAMES[letter]

    @pytest.mark.parametrize("letter", list("abcdefghij"))
    def test_chinese_names_cite_the_declaration(self, letter: str) -> None:
        """Each Chinese name cites A/RES/76/266."""
        sources = umn.principles.lookup(letter).cite("name", lang="zh")
        assert "https://undocs.org/A/RES/76/266" in [s.url for s in sources]

    @pytest.mark.parametrize("letter", list("abcdefghij"))
    def test_found_by_chinese_name(self, letter: str) -> None:
        """A principle is found by its Chinese name."""
        assert umn.principles.lookup(CHINESE_NAMES[letter]).letter == letter


class TestCompact:
    """The Compact's adoption, endorsement, names and review."""

    def test_adoption(self) -> None:
        """Adopted in Marrakech on 10 December 2018."""
        assert umn.compact.adopted == dt.date(2018, 12, 10)
        assert umn.compact.adopted_at.startswith("Marrakech")

    def test_endorsement(self) -> None:
        """Endorsed by A/RES/73/195 on 19 December 2018."""
        assert umn.compact.endorsed == dt.date(2018, 12, 19)
        assert umn.compact.resolution == "A/RES/73/195"

    def test_vote(self) -> None:
        """The recorded vote was 152 in favour, 5 against, 12 abstentions, 24 not voting."""
        assert umn.compact.vote == Vote(in_favour=152, against=5, abstentions=12, non_voting=24)

    def test_states_against(self) -> None:
        """The five States that voted against, as written."""
        assert [s.as_written for s in umn.compact.voted_against] == [
            "Czech Republic",
            "Hungary",
            "Israel",
            "Poland",
            "United States",
        ]

    def test_states_against_codes(self) -> None:
        """The five States that voted against, by their countries' ISO codes."""
        states = umn.compact.voted_against
        assert [s.country.alpha3 for s in states if s.country] == [
            "CZE",
            "HUN",
            "ISR",
            "POL",
            "USA",
        ]

    def test_lists_match_the_vote(self) -> None:
        """The named States agree with the vote's counts."""
        assert len(umn.compact.voted_against) == umn.compact.vote.against
        assert len(umn.compact.abstained) == umn.compact.vote.abstentions

    def test_every_state_has_its_country(self) -> None:
        """Every State of the vote is named in the M49 table."""
        states = (*umn.compact.voted_against, *umn.compact.abstained)
        assert [s.as_written for s in states if s.country is None] == []

    @pytest.mark.parametrize(
        ("lang", "name"),
        [
            ("zh", "安全、有序和正常移民全球契约"),
            ("ar", "الاتفاق العالمي من أجل الهجرة الآمنة والمنظمة والنظامية"),
            ("ru", "Глобальный договор о безопасной, упорядоченной и легальной миграции"),
            ("es", "Pacto Mundial para la Migración Segura, Ordenada y Regular"),
            ("fr", "Pacte mondial pour des migrations sûres, ordonnées et régulières"),
        ],
    )
    def test_names_in_languages(self, lang: str, name: str) -> None:
        """The Compact's name in Chinese (F002), Arabic (F005), Russian (F014), Spanish, French."""
        assert umn.compact.name_in(lang) == name

    def test_marrakech_compact_in_chinese(self) -> None:
        """The Declaration also calls it the Marrakech Compact on Migration (F002)."""
        assert "马拉喀什移民问题契约" in _names(umn.compact, "zh")

    def test_russian_name_cites_the_document(self) -> None:
        """The Russian name cites A/CONF.231/3, the document it was read in."""
        urls = [s.url for s in umn.compact.cite("name", lang="ru")]
        assert "https://undocs.org/A/CONF.231/3" in urls

    def test_review_forum(self) -> None:
        """The IMRF meets every four years from 2022."""
        forum = umn.compact.review_forum
        assert forum.acronym == "IMRF"
        assert forum.first_year == 2022
        assert forum.cadence_years == 4

    def test_progress_declaration(self) -> None:
        """The 2022 forum's outcome is A/RES/76/266, endorsed on 7 June 2022 (F001)."""
        [edition] = [e for e in umn.compact.review_forum.editions if e.year == 2022]
        assert edition.outcome_resolution == "A/RES/76/266"
        assert edition.progress_declaration_endorsed == dt.date(2022, 6, 7)

    def test_progress_declaration_cites_the_resolution(self) -> None:
        """The outcome cites A/RES/76/266 at its official address."""
        [edition] = [e for e in umn.compact.review_forum.editions if e.year == 2022]
        assert [s.url for s in edition.cite("outcome_resolution")] == [
            "https://undocs.org/A/RES/76/266"
        ]

    def test_review_forum_2026(self) -> None:
        """The second IMRF met in New York on 5-8 May 2026; its outcome is not known."""
        [edition] = [e for e in umn.compact.review_forum.editions if e.year == 2026]
        assert edition.dates == DateSpan(dt.date(2026, 5, 5), dt.date(2026, 5, 8))
        assert edition.place == "New York"
        assert edition.outcome_resolution is None

    def test_editions_follow_the_cadence(self) -> None:
        """Editions are held in the first year and every cadence_years after it."""
        forum = umn.compact.review_forum
        years = [e.year for e in forum.editions]
        assert years == list(range(forum.first_year, years[-1] + 1, forum.cadence_years))

    def test_forum_names(self) -> None:
        """The forum has its French, Spanish and Chinese names (F003)."""
        forum = umn.compact.review_forum
        assert forum.name_in("fr") == "Forum d'examen des migrations internationales"
        assert forum.name_in("zh") == "国际移民问题审查论坛"

    def test_network_in_arabic(self) -> None:
        """The Network's Arabic name (F006)."""
        assert umn.networks.lookup("global").name_in("ar") == "شبكة الأمم المتحدة المعنية بالهجرة"

    @pytest.mark.parametrize(
        ("network", "date"),
        [
            ("europe-central-asia", "2020-11-12"),
            ("latin-america-caribbean", "2025-03-18/2025-03-20"),
        ],
    )
    def test_regional_reviews(self, network: str, date: str) -> None:
        """Regional reviews of the second addendum are events of their networks (F007, F008)."""
        events, _ = DATASET.about(network)
        reviews = [str(e.date) for e in events if e.kind is EventKind.REVIEW]
        assert date in reviews


class TestExecutiveCommittee:
    """The Executive Committee over time."""

    FIRST_EIGHT = ("iom", "ilo", "unhcr", "unicef", "ohchr", "undp", "unodc", "desa")

    def test_coordinator_and_secretariat(self) -> None:
        """IOM is coordinator and hosts the secretariat."""
        iom = umn.agencies.lookup("IOM")
        assert umn.executive_committee.coordinator is iom
        assert umn.executive_committee.secretariat is iom

    def test_members_november_2019(self) -> None:
        """Eight members in November 2019."""
        members = umn.executive_committee.members_on(dt.date(2019, 11, 30))
        assert tuple(a.id for a in members) == self.FIRST_EIGHT

    def test_members_february_2022(self) -> None:
        """Nine members in February 2022: the eight and WHO."""
        members = umn.executive_committee.members_on("2022-02-15")
        assert tuple(a.id for a in members) == (*self.FIRST_EIGHT, "who")

    def test_who_seat_is_a_span(self) -> None:
        """WHO's seat begins somewhere between March 2020 and December 2021."""
        [seat] = [m for m in umn.executive_committee.memberships if m.agency.id == "who"]
        assert DateSpan.parse("2020-03").contains(seat.since.earliest)
        assert DateSpan.parse("2021-12").contains(seat.since.latest)
        assert not seat.since.is_exact

    def test_ohchr_confirmed_in_october_2020(self) -> None:
        """A partial list of 19 October 2020 names OHCHR as a member."""
        snapshot = next(
            s for s in umn.executive_committee.snapshots if s.as_of == DateSpan.parse("2020-10-19")
        )
        assert [a.id for a in snapshot.members] == ["ohchr"]
        assert not snapshot.is_complete

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
        """The counts of country networks the sources report for the world, over time."""
        counts = sorted(
            (o.as_of.earliest, o.value, o.is_lower_bound)
            for o in DATASET.observations
            if o.quantity is Quantity.COUNTRY_NETWORKS and o.subject == "global" and not o.scope
        )
        assert [(value, bound) for _, value, bound in counts] == [
            (45, False),
            (50, False),
            (44, False),
            (52, False),
            (60, False),
            (61, False),
            (70, True),
        ]

    def test_member_entities(self) -> None:
        """The Network comprised 39 UN entities on 4 October 2024."""
        figure = DATASET.observations.lookup("member-entities-2024-10-04")
        assert figure.value == 39
        assert figure.as_of == DateSpan.parse("2024-10-04")

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
