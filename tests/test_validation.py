"""Tests for `un_migration_network._validation`: errors for broken data, warnings for disputes.

Every code `validate` reports is triggered here by one small change to a copy of the bundled
document (`changes`, records found by their keys); the bundled data itself has no error, and
exactly the warnings the reference material explains.
"""

from __future__ import annotations

import pytest

import un_migration_network as umn
from changes import (
    ID,
    Change,
    Document,
    Path,
    append_at,
    append_copy,
    combine,
    delete_at,
    get_at,
    set_at,
)
from un_migration_network import Code, Severity

# The warnings the bundled data must give, each a known case where sources disagree or a
# count is larger than the list (shared/reference/README.md, the addenda, the M49 tables).
BUNDLED_WARNINGS = [
    # "adopted by 152 Member States in Marrakesh": 152 is the General Assembly's vote.
    ("conflated-figure", "gcm-states-adopting-seed-152"),
    # "joins 60 other Member States" (61) beside "so far ... 60 country networks".
    ("conflicting-figures", "global"),
    # 164 States per UN sources, 165 per others.
    ("conflicting-figures", "gcm"),
    # "over 70 national UN Networks" at the first training of trainers.
    ("coverage-gap", "country-networks-training-of-trainers"),
    # "more than 80 regional and national branches" on 1 October 2023.
    ("coverage-gap", "regional-and-country-networks-2023-10-01"),
    # 38 members declared, fewer evidenced.
    ("incomplete-list", "global"),
    # "consists of eleven members" beside thirteen names.
    ("declared-count-mismatch", "mozambique"),
    # "migration detention" in paragraph 16, "immigration detention" in the heading.
    ("title-variant", "objective-13"),
    # Launched "in May 2018" (armenia.un.org) beside the launch of 9 December 2018.
    ("conflicting-dates", "global-launch-2018-12-09"),
    # The M49 English names as UNSD and OCHA write them, and as the Frictionless
    # country-codes table writes them ("Ivory Coast", "Falkland Islands", "Netherlands").
    ("conflicting-names", "country-CI"),
    ("conflicting-names", "country-FK"),
    ("conflicting-names", "country-NL"),
    # UNTERM names in other languages that the country-codes table writes in a shorter form.
    ("conflicting-names", "country-CG"),
    ("conflicting-names", "country-DO"),
    ("conflicting-names", "country-NL"),
    ("conflicting-names", "country-NL"),
    ("conflicting-names", "country-NL"),
    ("conflicting-names", "country-NL"),
    ("conflicting-names", "country-NL"),
]

MOZ = ("networks", ID("mozambique"))
ASIA = ("networks", ID("asia-pacific"))
EUROPE = ("networks", ID("europe-central-asia"))
EAST_AFRICA = ("networks", ID("east-southern-africa"))
GLOBAL = ("networks", ID("global"))
MZ = ("countries", ID("MZ"))
ANTARCTICA = ("countries", ID("AQ"))  # a country no record refers to
UNDP = ("agencies", ID("undp"))
KICK_OFF = ("events", ID("mozambique-kick-off-meeting"))
FORTY_FIVE = ("observations", ID("country-networks-2021-03-18"))
BANGLADESH = ("champions", ID("bangladesh"))
OBJECTIVE_1 = ("objectives", ID(1))
SEATS = ("executive_committee", "memberships")
FIRST_LIST = ("executive_committee", "snapshots", ID("2019-11-14"))
EDITIONS = ("compact", "review_forum", "editions")


def _pairs(problems: tuple[umn.Problem, ...]) -> list[tuple[str, str]]:
    return sorted((str(problem.code), problem.subject) for problem in problems)


def _report(document: Document) -> umn.ValidationReport:
    return umn.validate(umn.load_dataset(document))


def _drop_member(agency: str) -> Change:
    def change(document: Document) -> None:
        get_at(document, (*GLOBAL, "members")).remove(agency)

    return change


def _declared(count: int, *, complete: bool) -> Change:
    """Europe and Central Asia (three members listed) declares *count* members."""
    return combine(
        set_at((*EUROPE, "declared_member_count"), count),
        set_at((*EUROPE, "is_membership_complete"), complete),
    )


def _second_seat(agency: str) -> Change:
    """A change that gives the agency of one Executive Committee seat a second seat, from 2020."""

    def change(document: Document) -> None:
        seat = dict(get_at(document, (*SEATS, ID(agency))))
        get_at(document, SEATS).append({**seat, "since": "2020"})

    return change


def _drop_sources(path: Path) -> Change:
    """A change that leaves the record at *path* without sources (and so without citations)."""

    def change(document: Document) -> None:
        record = get_at(document, path)
        record["sources"] = []
        record["citations"] = {}
        for name in record.get("names", []):
            name["sources"] = []

    return change


def _cite(path: Path, field: str, source: str) -> Change:
    """A change that cites *source* for *field* of the record at *path*, not in its sources."""
    return set_at((*path, "citations", field), [source])


def _twice(path: Path) -> Change:
    """A change that lists the first entry of the array at *path* a second time."""

    def change(document: Document) -> None:
        entries = get_at(document, path)
        entries.append(entries[0])

    return change


ERRORS: list[tuple[str, Change, list[tuple[str, str]]]] = [
    (
        "url-without-scheme",
        set_at(("sources", ID("un-crafd-un-system"), "url"), "www.un-crafd.org/un_system.csv"),
        [("source-without-url", "un-crafd-un-system")],
    ),
    (
        "url-ftp",
        set_at(("sources", ID("unsd-m49"), "url"), "ftp://example.org/x"),
        [("source-without-url", "unsd-m49")],
    ),
    (
        "url-without-host",
        set_at(("sources", ID("un-crafd-un-system"), "url"), "https://"),
        [("source-without-url", "un-crafd-un-system")],
    ),
    (
        "agency-without-source",
        _drop_sources(("agencies", ID("unep"))),
        [("missing-source", "unep")],
    ),
    ("network-without-source", _drop_sources(MOZ), [("missing-source", "mozambique")]),
    ("country-without-source", _drop_sources(MZ), [("missing-source", "country-MZ")]),
    (
        "objective-without-source",
        _drop_sources(OBJECTIVE_1),
        [("missing-source", "objective-1")],
    ),
    (
        "principle-without-source",
        _drop_sources(("principles", ID("a"))),
        [("missing-source", "principle-a")],
    ),
    (
        "champion-without-source",
        _drop_sources(BANGLADESH),
        [("missing-source", "champion-bangladesh")],
    ),
    (
        "committee-without-source",
        _drop_sources(("executive_committee",)),
        [("missing-source", "executive-committee")],
    ),
    (
        "seat-without-source",
        _drop_sources((*SEATS, ID("iom"))),
        [("missing-source", "executive-committee/iom")],
    ),
    (
        "member-list-without-source",
        _drop_sources(FIRST_LIST),
        [("missing-source", "executive-committee@2019-11-14")],
    ),
    ("compact-without-source", _drop_sources(("compact",)), [("missing-source", "gcm")]),
    (
        "forum-without-source",
        _drop_sources(("compact", "review_forum")),
        [("missing-source", "imrf")],
    ),
    (
        "edition-without-source",
        _drop_sources((*EDITIONS, ID(2022))),
        [("missing-source", "imrf-2022")],
    ),
    (
        "event-without-source",
        _drop_sources(KICK_OFF),
        [("missing-source", "mozambique-kick-off-meeting")],
    ),
    (
        "observation-without-source",
        _drop_sources(FORTY_FIVE),
        [("missing-source", "country-networks-2021-03-18")],
    ),
    (
        "citation-not-listed",
        _cite(MOZ, "launched", "un-crafd-un-system"),
        [("citation-not-listed", "mozambique")],
    ),
    (
        "name-cites-unlisted-source",
        set_at((*OBJECTIVE_1, "names", 0, "sources"), ["unsd-m49"]),
        [("citation-not-listed", "objective-1")],
    ),
    (
        "country-name-cites-unlisted-source",
        set_at((*MZ, "names", 0, "sources"), ["seed-iom-mozambique-2022"]),
        [("citation-not-listed", "country-MZ")],
    ),
    (
        "member-listed-twice",
        append_at((*MOZ, "members"), "iom"),
        [("duplicate-entry", "mozambique")],
    ),
    (
        "co-chair-listed-twice",
        _twice((*EAST_AFRICA, "co_chairs")),
        [("duplicate-entry", "east-southern-africa")],
    ),
    ("alias-listed-twice", _twice((*UNDP, "aliases")), [("duplicate-entry", "undp")]),
    (
        "alias-listed-twice-padded",
        append_at((*UNDP, "aliases"), "PNUD "),
        [("duplicate-entry", "undp")],
    ),
    ("source-listed-twice", _twice((*MOZ, "sources")), [("duplicate-entry", "mozambique")]),
    (
        "name-listed-twice",
        _twice((*OBJECTIVE_1, "names")),
        [("duplicate-entry", "objective-1")],
    ),
    (
        "country-alias-twice",
        _twice(("countries", ID("AE"), "aliases")),
        [("duplicate-entry", "country-AE")],
    ),
    (
        "committee-member-listed-twice",
        _twice((*FIRST_LIST, "members")),
        [("duplicate-entry", "executive-committee@2019-11-14")],
    ),
    (
        "alpha3-disagrees-with-m49",
        set_at((*MZ, "alpha3"), "MOC"),
        [("country-mismatch", "country-MZ")],
    ),
    ("m49-disagrees", set_at((*MZ, "m49"), 509), [("country-mismatch", "country-MZ")]),
    (
        "state-named-as-another-country",
        set_at(("compact", "voted_against", 0, "country"), "SK"),
        [("country-mismatch", "gcm")],
    ),
    (
        "champion-before-the-compact",
        set_at((*BANGLADESH, "since"), "2016"),
        [("before-it-existed", "champion-bangladesh")],
    ),
    (
        "champion-the-day-before-adoption",
        set_at((*BANGLADESH, "since"), "2018-12-09"),
        [("before-it-existed", "champion-bangladesh")],
    ),
    (
        "meeting-before-first-evidence",
        set_at((*KICK_OFF, "date"), "2022-01-10"),
        [("evidence-after-event", "mozambique")],
    ),
    (
        "country-network-without-country",
        set_at((*MOZ, "country"), None),
        [("missing-country", "mozambique")],
    ),
    (
        "regional-network-with-a-country",
        set_at((*ASIA, "country"), "GT"),
        [("missing-country", "asia-pacific")],
    ),
    (
        "xk-not-marked-user-assigned",
        set_at(("countries", ID("XK"), "is_code_user_assigned"), value=False),
        [("bad-country-code", "country-XK")],
    ),
    (
        "official-code-marked-user-assigned",
        set_at((*MZ, "is_code_user_assigned"), value=True),
        [("bad-country-code", "country-MZ")],
    ),
    (
        "lowercase-alpha2",
        set_at((*ANTARCTICA, "alpha2"), "aq"),
        [("bad-country-code", "country-aq")],
    ),
    (
        "three-letter-alpha2",
        set_at((*ANTARCTICA, "alpha2"), "ATA"),
        [("bad-country-code", "country-ATA")],
    ),
    (
        "bad-alpha3",
        set_at((*ANTARCTICA, "alpha3"), "Ata"),
        [("bad-country-code", "country-AQ"), ("country-mismatch", "country-AQ")],
    ),
    (
        "negative-m49",
        set_at((*ANTARCTICA, "m49"), -10),
        [("bad-country-code", "country-AQ"), ("country-mismatch", "country-AQ")],
    ),
    (
        "m49-of-four-digits",
        set_at((*ANTARCTICA, "m49"), 1010),
        [("bad-country-code", "country-AQ"), ("country-mismatch", "country-AQ")],
    ),
    ("objective-missing", delete_at(("objectives", ID(23))), [("objective-numbering", "gcm")]),
    (
        "objective-24",
        set_at(("objectives", ID(23), "number"), 24),
        [("objective-numbering", "gcm"), ("objective-paragraph", "objective-24")],
    ),
    (
        "objective-paragraph",
        set_at((*OBJECTIVE_1, "paragraph"), 18),
        [("objective-paragraph", "objective-1")],
    ),
    (
        "negative-paragraph",
        set_at((*OBJECTIVE_1, "paragraph"), -17),
        [("objective-paragraph", "objective-1")],
    ),
    (
        "round-table-5",
        set_at((*OBJECTIVE_1, "round_table"), 5),
        [("bad-round-table", "objective-1")],
    ),
    (
        "round-table-0",
        set_at((*OBJECTIVE_1, "round_table"), 0),
        [("bad-round-table", "objective-1")],
    ),
    ("principle-missing", delete_at(("principles", ID("j"))), [("principle-lettering", "gcm")]),
    (
        "principle-k",
        set_at(("principles", ID("j"), "letter"), "k"),
        [("principle-lettering", "gcm")],
    ),
    (
        "principle-paragraph-0",
        set_at(("principles", ID("a"), "paragraph"), 0),
        [("negative-count", "principle-a")],
    ),
    (
        "launch-after-as-of",
        combine(set_at((*MOZ, "launched"), "2090"), set_at((*MOZ, "first_evidenced"), "2090")),
        [
            ("after-as-of", "mozambique"),
            ("after-as-of", "mozambique"),
            # The kick-off meeting of 2022-02-16 shows it existing before 2090.
            ("evidence-after-event", "mozambique"),
        ],
    ),
    (
        "event-after-as-of",
        set_at((*KICK_OFF, "date"), "2090-01-01"),
        [("after-as-of", "mozambique-kick-off-meeting")],
    ),
    (
        "seat-after-as-of",
        set_at((*SEATS, ID("who"), "since"), "2090"),
        [("after-as-of", "executive-committee/who")],
    ),
    (
        "champion-after-as-of",
        set_at((*BANGLADESH, "since"), "2090"),
        [("after-as-of", "champion-bangladesh")],
    ),
    (
        "launch-before-decision",
        combine(set_at((*MOZ, "launched"), "2017"), set_at((*MOZ, "first_evidenced"), "2017")),
        [("launch-before-decision", "mozambique")],
    ),
    (
        # The global Network itself is not launched before it is decided either.
        "global-launch-before-decision",
        combine(
            set_at((*GLOBAL, "launched"), "2018-02"),
            set_at((*GLOBAL, "first_evidenced"), "2018-02"),
        ),
        [("launch-before-decision", "global")],
    ),
    (
        "launch-without-first-evidence",
        set_at((*MOZ, "first_evidenced"), None),
        [("evidence-after-launch", "mozambique")],
    ),
    (
        # The kick-off meeting of 2022-02-16 shows it existing before 2023 too.
        "first-evidence-after-launch",
        set_at((*MOZ, "first_evidenced"), "2023"),
        [("evidence-after-event", "mozambique"), ("evidence-after-launch", "mozambique")],
    ),
    ("committee-not-member", _drop_member("who"), [("committee-not-member", "who")]),
    (
        "seat-ends-before-start",
        set_at((*SEATS, ID("iom"), "until"), "2017"),
        [("seat-ends-before-start", "executive-committee/iom")],
    ),
    ("two-seats-at-once", _second_seat("iom"), [("duplicate-seat", "executive-committee/iom")]),
    (
        "two-global-networks",
        set_at((*ASIA, "level"), "global"),
        [("global-network-count", "global")],
    ),
    (
        "negative-declared-count",
        set_at((*MOZ, "declared_member_count"), -1),
        [("negative-count", "mozambique")],
    ),
    ("negative-vote", set_at(("compact", "vote", "against"), -5), [("negative-count", "gcm")]),
    (
        "negative-figure",
        set_at((*FORTY_FIVE, "value"), -45),
        [("negative-count", "country-networks-2021-03-18")],
    ),
    (
        "no-cadence",
        set_at(("compact", "review_forum", "cadence_years"), 0),
        [("negative-count", "imrf")],
    ),
    (
        "negative-edition-year",
        set_at((*EDITIONS, ID(2026), "year"), -2026),
        [("negative-count", "imrf--2026")],
    ),
    (
        "event-subject-dangles",
        set_at((*KICK_OFF, "subject"), "atlantis"),
        [("dangling-reference", "mozambique-kick-off-meeting")],
    ),
    (
        "observation-subject-dangles",
        set_at((*FORTY_FIVE, "subject"), "atlantis"),
        [("dangling-reference", "country-networks-2021-03-18")],
    ),
    (
        "future-observation",
        set_at((*FORTY_FIVE, "as_of"), "2090"),
        [("future-observation", "country-networks-2021-03-18")],
    ),
]

WARNINGS: list[tuple[str, Change, list[tuple[str, str]]]] = [
    (
        "member-list-names-a-non-member",
        set_at(
            (*FIRST_LIST, "members"),
            ["iom", "ilo", "unhcr", "unicef", "ohchr", "undp", "unodc", "desa", "who"],
        ),
        [("committee-snapshot", "executive-committee")],
    ),
    (
        "complete-member-list-misses-a-member",
        set_at((*FIRST_LIST, "members"), ["iom", "ilo"]),
        [("committee-snapshot", "executive-committee")],
    ),
    (
        "two-dates-for-one-event",
        append_copy(
            "events", ID("mozambique-kick-off-meeting"), id="kick-off-again", date="2022-03"
        ),
        [("conflicting-dates", "kick-off-again")],
    ),
    (
        "complete-list-of-wrong-length",
        _declared(5, complete=True),
        [("declared-count-mismatch", "europe-central-asia")],
    ),
    (
        "more-listed-than-declared",
        _declared(2, complete=False),
        [("declared-count-mismatch", "europe-central-asia")],
    ),
    (
        "fewer-listed-than-declared",
        _declared(4, complete=False),
        [("incomplete-list", "europe-central-asia")],
    ),
    (
        "figures-disagree",
        append_copy("observations", ID("member-entities-2024-10-04"), id="members-40", value=40),
        [("conflicting-figures", "global")],
    ),
    (
        "a-bound-beside-a-figure",
        append_copy(
            "observations", ID("member-entities-2024-10-04"), id="members-39+", is_lower_bound=True
        ),
        [("conflicting-figures", "global")],
    ),
    (
        "second-title-variant",
        set_at((*OBJECTIVE_1, "title_variants"), ["Collect data"]),
        [("title-variant", "objective-1")],
    ),
    (
        "six-regional-networks-counted-seven",
        set_at(("observations", ID("regional-networks-2022-02-15"), "value"), 7),
        [("count-mismatch", "regional-networks-2022-02-15")],
    ),
    (
        "a-later-count-of-country-networks",
        append_copy(
            "observations",
            ID("country-networks-2021-05-04"),
            id="country-networks-later",
            value=90,
            as_of="2026-06",
        ),
        [("coverage-gap", "country-networks-later")],
    ),
    (
        "an-m49-name-written-two-ways",
        append_at(
            (*MZ, "names"),
            {
                "lang": "en",
                "field": "name",
                "scheme": "m49",
                "text": "Mozambik",
                "sources": ["unsd-m49"],
            },
        ),
        [("conflicting-names", "country-MZ")],
    ),
    (
        "a-unterm-name-written-two-ways",
        append_at(
            (*MZ, "names"),
            {
                "lang": "fr",
                "field": "name",
                "scheme": "unterm",
                "text": "Mozambik",
                "sources": ["unterm"],
            },
        ),
        [("conflicting-names", "country-MZ")],
    ),
]


class TestBundled:
    """The bundled data validates, and reports exactly the known disagreements."""

    REPORT = umn.validate()

    def test_no_errors(self) -> None:
        """The bundled data has no errors."""
        assert self.REPORT.errors == ()

    def test_ok(self) -> None:
        """The report of the bundled data is ok."""
        assert self.REPORT.ok

    def test_warnings(self) -> None:
        """The warnings are exactly the known cases of the reference material."""
        assert _pairs(self.REPORT.warnings) == sorted(BUNDLED_WARNINGS)

    def test_default_is_bundled(self, dataset: umn.Dataset) -> None:
        """validate() with no argument checks the bundled dataset."""
        assert umn.validate() == umn.validate(dataset)

    def test_a_copy_of_the_bundled_data(self, document: Document) -> None:
        """The bundled data read as a user's document gives the same report."""
        assert _report(document) == self.REPORT

    @pytest.mark.parametrize(
        ("code", "subject", "message"),
        [
            (
                "conflicting-figures",
                "global",
                "sources give different figures for country networks as of 2022-02-15: 60 vs 61",
            ),
            ("declared-count-mismatch", "mozambique", "the sources declare 11 members but list 13"),
            (
                "incomplete-list",
                "global",
                (
                    "38 members are declared; the 14 listed are those the sources evidence, and "
                    "the list is incomplete"
                ),
            ),
            (
                "conflated-figure",
                "gcm-states-adopting-seed-152",
                (
                    "152 States adopting the Compact on 2018-12-10 is the General Assembly's vote "
                    "in favour of A/RES/73/195 on 2018-12-19, not a count of States adopting it "
                    "at Marrakech, Morocco"
                ),
            ),
            (
                "conflicting-names",
                "country-CI",
                (
                    "the M49 name in en is written two ways: 'Côte d’Ivoire' (unsd-m49, "
                    "ocha-countries-territories) and 'Ivory Coast' (datasets-country-codes)"
                ),
            ),
        ],
    )
    def test_messages(self, code: str, subject: str, message: str) -> None:
        """The warnings explain themselves with the figures and sources involved."""
        messages = {(str(p.code), p.subject): p.message for p in self.REPORT.warnings}
        assert messages[code, subject] == message

    def test_coverage_gap_of_country_networks(self) -> None:
        """The latest count of country networks is set beside the number the data lists."""
        [problem] = [
            p for p in self.REPORT.warnings if p.subject == "country-networks-training-of-trainers"
        ]
        listed = sum(1 for n in umn.networks if n.level is umn.NetworkLevel.COUNTRY)
        assert problem.message.startswith(
            "the sources count more than 70 country networks as of 2023-02-28/2026-12-02 "
            f"(inferred); the data lists {listed}, "
        )

    def test_no_gap_where_the_data_lists_more(self) -> None:
        """The Africa brief counts 34 country networks; the data lists more: no gap."""
        subjects = {p.subject for p in self.REPORT.warnings}
        assert "country-networks-africa-2024-08" not in subjects

    def test_warning_sources(self) -> None:
        """A warning about two figures cites the sources of both, once each."""
        [problem] = [p for p in self.REPORT.warnings if p.subject == "gcm"]
        ids = [source.id for source in problem.sources]
        assert len(ids) == len(set(ids))
        assert len(ids) >= 2

    def test_member_warnings_cite_the_member_sources(self) -> None:
        """The seed's eleven-versus-thirteen cites the seed, the source of both figures."""
        [problem] = [p for p in self.REPORT.warnings if p.subject == "mozambique"]
        assert [s.id for s in problem.sources] == ["seed-iom-mozambique-2022"]


class TestErrors:
    """Each check reports broken data as an error about the right record."""

    @pytest.mark.parametrize(
        ("change", "expected"),
        [(change, expected) for _, change, expected in ERRORS],
        ids=[name for name, _, _ in ERRORS],
    )
    def test_error(
        self, document: Document, change: Change, expected: list[tuple[str, str]]
    ) -> None:
        """The one change gives exactly these errors."""
        change(document)
        assert _pairs(_report(document).errors) == sorted(expected)

    def test_table_covers_every_error_code(self) -> None:
        """There is a case for every error code the validator has."""
        codes = {code for _, _, expected in ERRORS for code, _ in expected}
        assert codes == {
            str(code)
            for code in Code
            if "validate" in code.stages and code.severity is Severity.ERROR
        }

    def test_not_ok(self, document: Document) -> None:
        """A report with an error is not ok."""
        set_at((*MZ, "alpha3"), "MOC")(document)
        assert not _report(document).ok

    def test_no_decision_date(self, document: Document) -> None:
        """Without the Network's decision date, launches are not compared with it."""
        set_at((*GLOBAL, "decided"), None)(document)
        set_at((*MOZ, "launched"), "2017")(document)
        set_at((*MOZ, "first_evidenced"), "2017")(document)
        assert _report(document).errors == ()

    def test_no_global_network(self, document: Document) -> None:
        """Without a global network, that is an error, and no seat is a member's."""
        set_at((*GLOBAL, "level"), "regional")(document)
        seats = [m["agency"] for m in get_at(document, SEATS)]
        expected = [("committee-not-member", s) for s in seats]
        assert _pairs(_report(document).errors) == sorted(
            [("global-network-count", "global"), *expected]
        )

    def test_no_global_network_no_coverage(self, document: Document) -> None:
        """Without a global network there is no count of its networks to set beside the data."""
        set_at((*GLOBAL, "level"), "regional")(document)
        assert "coverage-gap" not in {p.code for p in _report(document).warnings}

    def test_error_message(self, document: Document) -> None:
        """An error's message says what is wrong."""
        set_at((*ANTARCTICA, "alpha2"), "aq")(document)
        [problem] = _report(document).errors
        assert problem.message == "'aq' is not an ISO 3166-1 alpha-2 code (two capital letters)"

    def test_error_severity(self, document: Document) -> None:
        """An error has the error severity."""
        set_at((*ANTARCTICA, "alpha2"), "aq")(document)
        [problem] = _report(document).errors
        assert problem.severity is Severity.ERROR

    def test_error_sources(self, document: Document) -> None:
        """An error cites the record's sources."""
        set_at((*ANTARCTICA, "alpha2"), "aq")(document)
        [problem] = _report(document).errors
        assert problem.sources == umn.countries.lookup("AQ").sources

    def test_code_is_the_enum(self, document: Document) -> None:
        """A problem's code is a Code, which compares equal to its text."""
        set_at((*ANTARCTICA, "alpha2"), "aq")(document)
        [problem] = _report(document).errors
        code: str = problem.code
        assert problem.code is Code.BAD_COUNTRY_CODE
        assert code == "bad-country-code"

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (
                set_at((*MZ, "alpha3"), "MOC"),
                "the alpha3 of MZ is 'MOC'; the M49 record of Mozambique gives 'MOZ'",
            ),
            (
                set_at(("compact", "voted_against", 0, "country"), "SK"),
                "'Czech Republic' is no name of Slovakia (SK), the country it is given",
            ),
            (
                set_at((*BANGLADESH, "since"), "2016"),
                "a Champion since 2016, before the Compact was adopted on 2018-12-10",
            ),
            (
                set_at((*KICK_OFF, "date"), "2022-01-10"),
                (
                    "first evidenced 2022-02-15, but the event mozambique-kick-off-meeting "
                    "(2022-01-10) shows it existing earlier"
                ),
            ),
            (append_at((*MOZ, "members"), "iom"), "members names iom twice"),
            (append_at((*UNDP, "aliases"), "PNUD "), "aliases names PNUD twice"),
        ],
        ids=["alpha3", "state", "champion", "evidence", "member", "alias"],
    )
    def test_new_rules_say_why(self, document: Document, change: Change, message: str) -> None:
        """The rules of the third release explain each error with the values involved."""
        change(document)
        [problem] = _report(document).errors
        assert problem.message == message

    def test_a_country_of_the_user_only(self, document: Document) -> None:
        """A country that the bundled data does not have is not compared with it."""
        append_at(("countries",), {"alpha2": "QM", "name": "Somewhere", "sources": ["unsd-m49"]})(
            document
        )
        set_at(("countries", ID("QM"), "is_code_user_assigned"), value=True)(document)
        assert _report(document).errors == ()

    def test_a_state_by_another_name_of_its_country(self, document: Document) -> None:
        """A State's name may be any name of its country: "Czechia", or its formal name."""
        set_at(("compact", "voted_against", 0, "as_written"), "the Czech Republic")(document)
        assert _report(document).errors == ()

    def test_a_state_without_a_country(self, document: Document) -> None:
        """A State whose country is not given is not compared with one."""
        set_at(("compact", "voted_against", 0, "country"), None)(document)
        assert _report(document).errors == ()

    def test_a_champion_since_adoption(self, document: Document) -> None:
        """A Champion dated in the month of the Compact's adoption is no error."""
        set_at((*BANGLADESH, "since"), "2018-12")(document)
        assert _report(document).errors == ()

    def test_a_decision_before_first_evidence(self, document: Document) -> None:
        """A decision about a network may come before the network existed."""
        append_copy("events", ID("mozambique-kick-off-meeting"), id="decided", kind="decision")(
            document
        )
        set_at(("events", ID("decided"), "date"), "2021")(document)
        set_at(("events", ID("decided"), "name"), "Decision")(document)
        assert _report(document).errors == ()


class TestWarnings:
    """Disagreements between sources are warnings, not errors."""

    @pytest.mark.parametrize(
        ("change", "expected"),
        [(change, expected) for _, change, expected in WARNINGS],
        ids=[name for name, _, _ in WARNINGS],
    )
    def test_warning(
        self, document: Document, change: Change, expected: list[tuple[str, str]]
    ) -> None:
        """The one change adds exactly these warnings, and no error."""
        change(document)
        report = _report(document)
        added = list(_pairs(report.warnings))
        for pair in BUNDLED_WARNINGS:
            if pair in added:
                added.remove(pair)
        assert report.errors == ()
        assert added == sorted(expected)

    def test_table_covers_every_warning_code(self) -> None:
        """There is a case for every warning code the validator has (or the data shows it)."""
        codes = {code for _, _, expected in WARNINGS for code, _ in expected}
        codes |= {code for code, _ in BUNDLED_WARNINGS}
        assert codes == {str(code) for code in Code if code.severity is Severity.WARNING}

    def test_incomplete_list_may_name_fewer(self, document: Document) -> None:
        """A member list marked incomplete may name only some of the members."""
        set_at((*FIRST_LIST, "members"), ["iom"])(document)
        set_at((*FIRST_LIST, "is_complete"), value=False)(document)
        assert _pairs(_report(document).warnings) == sorted(BUNDLED_WARNINGS)

    def test_figures_at_different_dates_do_not_clash(self, document: Document) -> None:
        """Figures for different dates show growth, not disagreement."""
        append_copy(
            "observations", ID("member-entities-2024-10-04"), id="later", value=40, as_of="2025"
        )(document)
        assert _pairs(_report(document).warnings) == sorted(BUNDLED_WARNINGS)

    def test_overlapping_event_dates_agree(self, document: Document) -> None:
        """Two dates for one event that overlap (a day within its month) do not clash."""
        append_copy("events", ID("mozambique-kick-off-meeting"), id="again", date="2022-02")(
            document
        )
        assert _pairs(_report(document).warnings) == sorted(BUNDLED_WARNINGS)

    def test_a_count_the_data_meets_is_no_gap(self, document: Document) -> None:
        """A later count that the listed networks reach is not a coverage gap."""
        listed = sum(1 for n in umn.networks if n.level is umn.NetworkLevel.COUNTRY)
        append_copy(
            "observations",
            ID("country-networks-2021-05-04"),
            id="country-networks-met",
            value=listed,
            as_of="2026-11",
        )(document)
        subjects = [p.subject for p in _report(document).warnings if p.code == "coverage-gap"]
        assert subjects == ["regional-and-country-networks-2023-10-01"]

    def test_a_count_one_above_the_data_is_a_gap(self, document: Document) -> None:
        """A later count one above the networks listed is a coverage gap."""
        listed = sum(1 for n in umn.networks if n.level is umn.NetworkLevel.COUNTRY)
        append_copy(
            "observations",
            ID("country-networks-2021-05-04"),
            id="country-networks-one-more",
            value=listed + 1,
            as_of="2026-11",
        )(document)
        subjects = [p.subject for p in _report(document).warnings if p.code == "coverage-gap"]
        assert "country-networks-one-more" in subjects

    def test_more_than_the_listed_count_is_a_gap(self, document: Document) -> None:
        """A count of "more than n" where the data lists n is a gap: the sources count more."""
        listed = sum(1 for n in umn.networks if n.level is umn.NetworkLevel.COUNTRY)
        append_copy(
            "observations",
            ID("country-networks-2021-05-04"),
            id="more-than-listed",
            value=listed,
            is_lower_bound=True,
            as_of="2026-11",
        )(document)
        subjects = [p.subject for p in _report(document).warnings if p.code == "coverage-gap"]
        assert "more-than-listed" in subjects

    def test_a_scope_no_network_lies_in_is_not_compared(self) -> None:
        """A count of a region no M49 name matches ("Gulf countries") is kept, not compared."""
        subjects = {p.subject for p in umn.validate().warnings}
        assert "country-networks-gulf-2022-01-27" not in subjects

    def test_a_name_with_a_bracketed_article_is_one_name(self, document: Document) -> None:
        """UNTERM's "Mozambique (le)" beside "Mozambique" is one name, written two ways."""
        append_at(
            (*MZ, "names"),
            {
                "lang": "fr",
                "field": "name",
                "scheme": "unterm",
                "text": "Mozambique (le)",
                "sources": ["unterm"],
            },
        )(document)
        assert _pairs(_report(document).warnings) == sorted(BUNDLED_WARNINGS)


class TestReport:
    """ValidationReport and Problem."""

    def test_parts(self) -> None:
        """Errors and warnings split the problems by severity."""
        report = umn.validate()
        assert report.problems == report.errors + report.warnings

    def test_warning_severity(self) -> None:
        """Every warning has the warning severity."""
        assert {p.severity for p in umn.validate().warnings} == {Severity.WARNING}

    def test_to_dict(self, document: Document) -> None:
        """to_dict is a JSON-ready form with each problem's fields and source ids."""
        set_at((*ANTARCTICA, "alpha2"), "aq")(document)
        as_dict = _report(document).to_dict()
        assert as_dict["ok"] is False
        assert len(as_dict["problems"]) == len(BUNDLED_WARNINGS) + 1
        assert as_dict["problems"][0] == {
            "code": "bad-country-code",
            "severity": "error",
            "subject": "country-aq",
            "message": "'aq' is not an ISO 3166-1 alpha-2 code (two capital letters)",
            "sources": [s.id for s in umn.countries.lookup("AQ").sources],
        }

    def test_str(self) -> None:
        """The report prints a count line, then one line per problem."""
        report = umn.validate()
        lines = str(report).splitlines()
        assert lines[0] == f"0 errors, {len(BUNDLED_WARNINGS)} warnings"
        assert lines[1:] == [str(p) for p in report.problems]

    def test_problem_str(self) -> None:
        """A problem prints as severity, subject, message and code."""
        problem = umn.Problem(Code.BAD_COUNTRY_CODE, Severity.ERROR, "mozambique", "bad code")
        assert str(problem) == "error: mozambique: bad code [bad-country-code]"


class TestCodes:
    """Every code says where it is reported, how serious it is, and the rule it enforces."""

    @pytest.mark.parametrize("code", list(Code), ids=str)
    def test_a_rule_per_code(self, code: Code) -> None:
        """Each code's docstring states its rule."""
        assert code.__doc__

    @pytest.mark.parametrize("code", list(Code), ids=str)
    def test_stages(self, code: Code) -> None:
        """Each code is reported by the loader, the validator, or both."""
        assert code.stages <= {"load", "validate"}

    def test_load_codes_are_errors(self) -> None:
        """What the loader refuses is always an error."""
        severities = {code.severity for code in Code if "load" in code.stages}
        assert severities == {Severity.ERROR}

    def test_a_code_is_its_text(self) -> None:
        """A code is a string: it compares, stores and prints as its value."""
        text: str = Code.DUPLICATE_ENTRY
        assert text == "duplicate-entry"
