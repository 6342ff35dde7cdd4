"""Tests for `un_migration_network._validation`: errors for broken data, warnings for disputes."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings

import un_migration_network as umn
from changes import ID, Change, Document, append_copy, delete_at, set_at
from strategies import json_values, mutated_documents
from un_migration_network import Code, Severity

# The warnings the bundled data must give, each a known case where sources disagree or a
# count is larger than the list (shared/reference/README.md and coverage-2026-12.md).
BUNDLED_WARNINGS = [
    # "adopted by 152 Member States in Marrakesh": 152 is the General Assembly's vote.
    ("conflated-figure", "gcm-states-adopting-seed-152"),
    # "joins 60 other Member States" (61) beside "so far ... 60 country networks".
    ("conflicting-figures", "global"),
    # 164 States per UN sources, 165 per others.
    ("conflicting-figures", "gcm"),
    # The Africa brief of 2024-08 lists 34 country networks; the data lists 35 (Uganda's,
    # launched in 2022, is not on the brief's list).
    ("coverage-gap", "country-networks-africa-2024-08"),
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
]

MOZ = ("networks", ID("mozambique"))
KOSOVO = ("networks", ID("kosovo"))
ASIA = ("networks", ID("asia-pacific"))
EUROPE = ("networks", ID("europe-central-asia"))
GLOBAL = ("networks", ID("global"))
KICK_OFF = ("events", ID("mozambique-kick-off-meeting"))
FORTY_FIVE = ("observations", ID("country-networks-2021-03-18"))
MEMBERS_39 = ("observations", ID("member-entities-2024-10-04"))
BANGLADESH = ("champions", ID("bangladesh"))


def _pairs(problems: tuple[umn.Problem, ...]) -> list[tuple[str, str]]:
    return sorted((problem.code, problem.subject) for problem in problems)


def _report(document: Document) -> umn.ValidationReport:
    return umn.validate(umn.load_dataset(document))


def _drop_member(agency: str) -> Change:
    def change(document: Document) -> None:
        network = document["networks"][ID("global").index_in(document["networks"])]
        network["members"].remove(agency)

    return change


def _declared(count: int, *, complete: bool) -> Change:
    """Europe and Central Asia (three members listed) declares *count* members."""

    def change(document: Document) -> None:
        set_at((*EUROPE, "declared_member_count"), count)(document)
        set_at((*EUROPE, "is_membership_complete"), complete)(document)

    return change


def _second_seat(agency: str) -> Change:
    """A change that gives the agency of one Executive Committee seat a second seat."""

    def change(document: Document) -> None:
        seats = document["executive_committee"]["memberships"]
        seats.append(copy.deepcopy(seats[ID(agency).index_in(seats)]))

    return change


def _drop_sources(path: tuple[object, ...]) -> Change:
    """A change that leaves the record at *path* without sources (and so without citations)."""

    def change(document: Document) -> None:
        set_at((*path, "sources"), [])(document)  # type: ignore[arg-type]
        set_at((*path, "citations"), {})(document)  # type: ignore[arg-type]
        names = _at(document, path).get("names", [])
        assert isinstance(names, list)
        for name in names:
            name["sources"] = []

    return change


def _at(document: Document, path: tuple[object, ...]) -> dict[str, object]:
    target: object = document
    for step in path:
        if isinstance(step, ID):
            assert isinstance(target, list)
            target = target[step.index_in(target)]
        else:
            target = target[step]  # type: ignore[index]
    assert isinstance(target, dict)
    return target


def _both(changes: tuple[Change, ...]) -> Change:
    """A change made of several."""

    def change(document: Document) -> None:
        for one in changes:
            one(document)

    return change


def _cite(path: tuple[object, ...], field: str, source: str) -> Change:
    """A change that cites *source* for *field* of the record at *path*, not in its sources."""

    def change(document: Document) -> None:
        set_at((*path, "citations", field), [source])(document)  # type: ignore[arg-type]

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
    (
        "objective-without-source",
        _drop_sources(("objectives", ID(1))),
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
        _drop_sources(("executive_committee", "memberships", ID("iom"))),
        [("missing-source", "executive-committee/iom")],
    ),
    (
        "snapshot-without-source",
        _drop_sources(("executive_committee", "snapshots", 0)),
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
        _drop_sources(("compact", "review_forum", "editions", ID(2022))),
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
        set_at(("objectives", ID(1), "names", 0, "sources"), ["unsd-m49"]),
        [("citation-not-listed", "objective-1")],
    ),
    (
        "country-network-without-country",
        set_at((*MOZ, "country"), None),
        [("missing-country", "mozambique")],
    ),
    (
        "regional-network-with-a-country",
        set_at(
            (*ASIA, "country"), {"name": "Somewhere", "alpha2": "QM", "is_code_user_assigned": True}
        ),
        [("missing-country", "asia-pacific")],
    ),
    (
        "xk-not-marked-user-assigned",
        set_at((*KOSOVO, "country", "is_code_user_assigned"), value=False),
        [("bad-country-code", "kosovo")],
    ),
    (
        "lowercase-alpha2",
        set_at((*MOZ, "country", "alpha2"), "mz"),
        [("bad-country-code", "mozambique")],
    ),
    (
        "three-letter-alpha2",
        set_at((*MOZ, "country", "alpha2"), "MOZ"),
        [("bad-country-code", "mozambique")],
    ),
    (
        "official-code-marked-user-assigned",
        set_at((*MOZ, "country", "is_code_user_assigned"), value=True),
        [("bad-country-code", "mozambique")],
    ),
    (
        "bad-alpha3",
        set_at((*MOZ, "country", "alpha3"), "Moz"),
        [("bad-country-code", "mozambique")],
    ),
    (
        "negative-m49",
        set_at((*MOZ, "country", "m49"), -508),
        [("bad-country-code", "mozambique")],
    ),
    (
        "m49-of-four-digits",
        set_at((*BANGLADESH, "country", "m49"), 1050),
        [("bad-country-code", "champion-bangladesh")],
    ),
    ("objective-missing", delete_at(("objectives", ID(23))), [("objective-numbering", "gcm")]),
    (
        "objective-24",
        set_at(("objectives", ID(23), "number"), 24),
        [("objective-numbering", "gcm"), ("objective-paragraph", "objective-24")],
    ),
    (
        "objective-paragraph",
        set_at(("objectives", ID(1), "paragraph"), 18),
        [("objective-paragraph", "objective-1")],
    ),
    (
        "negative-paragraph",
        set_at(("objectives", ID(1), "paragraph"), -17),
        [("objective-paragraph", "objective-1")],
    ),
    (
        "round-table-5",
        set_at(("objectives", ID(1), "round_table"), 5),
        [("bad-round-table", "objective-1")],
    ),
    (
        "round-table-0",
        set_at(("objectives", ID(1), "round_table"), 0),
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
        "reversed-first-evidence",
        set_at((*ASIA, "first_evidenced"), {"earliest": "2020-02-01", "latest": "2020-01-01"}),
        [("reversed-span", "asia-pacific")],
    ),
    (
        "reversed-event",
        set_at((*KICK_OFF, "date"), {"earliest": "2022-02-17", "latest": "2022-02-16"}),
        [("reversed-span", "mozambique-kick-off-meeting")],
    ),
    (
        "launch-after-as-of",
        _both((set_at((*MOZ, "launched"), "2090"), set_at((*MOZ, "first_evidenced"), "2090"))),
        [("after-as-of", "mozambique"), ("after-as-of", "mozambique")],
    ),
    (
        "event-after-as-of",
        set_at((*KICK_OFF, "date"), "2090-01-01"),
        [("after-as-of", "mozambique-kick-off-meeting")],
    ),
    (
        "seat-after-as-of",
        set_at(("executive_committee", "memberships", ID("who"), "since"), "2090"),
        [("after-as-of", "executive-committee/who")],
    ),
    (
        "champion-after-as-of",
        set_at((*BANGLADESH, "since"), "2090"),
        [("after-as-of", "champion-bangladesh")],
    ),
    (
        "launch-before-decision",
        _both((set_at((*MOZ, "launched"), "2017"), set_at((*MOZ, "first_evidenced"), "2017"))),
        [("launch-before-decision", "mozambique")],
    ),
    (
        # The global Network itself is not launched before it is decided either.
        "global-launch-before-decision",
        _both(
            (
                set_at((*GLOBAL, "launched"), "2018-02"),
                set_at((*GLOBAL, "first_evidenced"), "2018-02"),
            )
        ),
        [("launch-before-decision", "global")],
    ),
    (
        "launch-without-first-evidence",
        set_at((*MOZ, "first_evidenced"), None),
        [("evidence-after-launch", "mozambique")],
    ),
    (
        "first-evidence-after-launch",
        set_at((*MOZ, "first_evidenced"), "2023"),
        [("evidence-after-launch", "mozambique")],
    ),
    ("committee-not-member", _drop_member("who"), [("committee-not-member", "who")]),
    (
        "seat-ends-before-start",
        set_at(("executive_committee", "memberships", ID("iom"), "until"), "2017"),
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
        set_at(("compact", "review_forum", "editions", ID(2026), "year"), -2026),
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
        "snapshot-names-a-non-member",
        set_at(
            ("executive_committee", "snapshots", 0, "members"),
            ["iom", "ilo", "unhcr", "unicef", "ohchr", "undp", "unodc", "desa", "who"],
        ),
        [("committee-snapshot", "executive-committee")],
    ),
    (
        "complete-snapshot-misses-a-member",
        set_at(("executive_committee", "snapshots", 0, "members"), ["iom", "ilo"]),
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
        set_at(("objectives", ID(1), "title_variants"), ["Collect data"]),
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
]


class TestBundled:
    """The bundled data validates, and reports exactly the known disagreements."""

    def test_no_errors(self) -> None:
        """The bundled data has no errors."""
        report = umn.validate()
        assert report.errors == ()
        assert report.ok

    def test_warnings(self) -> None:
        """The warnings are exactly the known cases of the reference material."""
        assert _pairs(umn.validate().warnings) == sorted(BUNDLED_WARNINGS)

    def test_default_is_bundled(self, dataset: umn.Dataset) -> None:
        """validate() with no argument checks the bundled dataset."""
        assert umn.validate() == umn.validate(dataset)

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
                "coverage-gap",
                "country-networks-africa-2024-08",
                (
                    "the sources count 34 country networks in Africa as of 2024-08; the data lists "
                    "35, 35 of them evidenced by then"
                ),
            ),
        ],
    )
    def test_messages(self, code: str, subject: str, message: str) -> None:
        """The warnings explain themselves with the figures involved."""
        messages = {(str(p.code), p.subject): p.message for p in umn.validate().warnings}
        assert messages[code, subject] == message

    def test_coverage_gap_of_country_networks(self) -> None:
        """The latest count of country networks is set beside the number the data lists."""
        [problem] = [
            p
            for p in umn.validate().warnings
            if p.subject == "country-networks-training-of-trainers"
        ]
        listed = sum(1 for n in umn.networks if n.level is umn.NetworkLevel.COUNTRY)
        assert "the sources count more than 70 country networks" in problem.message
        assert f"the data lists {listed}," in problem.message

    def test_warning_sources(self) -> None:
        """A warning about two figures cites the sources of both, once each."""
        [problem] = [p for p in umn.validate().warnings if p.subject == "gcm"]
        ids = [source.id for source in problem.sources]
        assert len(ids) == len(set(ids))
        assert len(ids) >= 2

    def test_member_warnings_cite_the_member_sources(self) -> None:
        """The seed's eleven-versus-thirteen cites the seed, the source of both figures."""
        [problem] = [p for p in umn.validate().warnings if p.subject == "mozambique"]
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
        report = _report(document)
        assert _pairs(report.errors) == sorted(expected)
        assert not report.ok

    def test_table_covers_every_error_code(self) -> None:
        """There is a case for every error code the validator has."""
        codes = {code for _, _, expected in ERRORS for code, _ in expected}
        assert codes == {
            str(code)
            for code in Code
            if "validate" in code.stages and code.severity is Severity.ERROR
        }

    def test_no_decision_date(self, document: Document) -> None:
        """Without the Network's decision date, launches are not compared with it."""
        set_at((*GLOBAL, "decided"), None)(document)
        set_at((*MOZ, "launched"), "2017")(document)
        set_at((*MOZ, "first_evidenced"), "2017")(document)
        assert _report(document).errors == ()

    def test_no_global_network(self, document: Document) -> None:
        """Without a global network, that is an error, and no seat is a member's."""
        set_at((*GLOBAL, "level"), "regional")(document)
        report = _report(document)
        seats = [m["agency"] for m in document["executive_committee"]["memberships"]]
        expected = [("committee-not-member", s) for s in seats]
        assert _pairs(report.errors) == sorted([("global-network-count", "global"), *expected])

    def test_no_global_network_no_coverage(self, document: Document) -> None:
        """Without a global network there is no count of its networks to set beside the data."""
        set_at((*GLOBAL, "level"), "regional")(document)
        assert "coverage-gap" not in {p.code for p in _report(document).warnings}

    def test_error_message(self, document: Document) -> None:
        """An error's message says what is wrong, and it cites the record's sources."""
        set_at((*MOZ, "country", "alpha2"), "mz")(document)
        [problem] = _report(document).errors
        network = umn.networks.lookup("mozambique")
        assert problem.message == "'mz' is not an ISO 3166-1 alpha-2 code (two capital letters)"
        assert problem.severity is Severity.ERROR
        assert problem.sources == network.sources

    def test_code_is_the_enum(self, document: Document) -> None:
        """A problem's code is a Code, which compares equal to its text."""
        set_at((*MOZ, "country", "alpha2"), "mz")(document)
        [problem] = _report(document).errors
        code: str = problem.code
        assert problem.code is Code.BAD_COUNTRY_CODE
        assert code == "bad-country-code"


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

    def test_incomplete_snapshot_may_name_fewer(self, document: Document) -> None:
        """A snapshot marked incomplete may name only some of the members."""
        set_at(("executive_committee", "snapshots", 0, "members"), ["iom"])(document)
        set_at(("executive_committee", "snapshots", 0, "is_complete"), value=False)(document)
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
        codes = [p.subject for p in _report(document).warnings if p.code == "coverage-gap"]
        assert "country-networks-met" not in codes
        assert "country-networks-training-of-trainers" not in codes

    def test_a_scope_no_network_lies_in_is_not_compared(self, document: Document) -> None:
        """A count of a region no M49 name matches ("Gulf countries") is kept, not compared."""
        subjects = {p.subject for p in _report(document).warnings}
        assert "country-networks-gulf-2022-01-27" not in subjects


class TestReport:
    """ValidationReport and Problem."""

    def test_parts(self) -> None:
        """Errors and warnings split the problems by severity; ok means no errors."""
        report = umn.validate()
        assert report.problems == report.errors + report.warnings
        assert {p.severity for p in report.warnings} == {Severity.WARNING}
        assert report.ok

    def test_to_dict(self, document: Document) -> None:
        """to_dict is a JSON-ready form with each problem's fields and source ids."""
        set_at((*MOZ, "country", "alpha2"), "mz")(document)
        report = _report(document)
        as_dict = report.to_dict()
        assert as_dict["ok"] is False
        assert len(as_dict["problems"]) == len(BUNDLED_WARNINGS) + 1
        assert as_dict["problems"][0] == {
            "code": "bad-country-code",
            "severity": "error",
            "subject": "mozambique",
            "message": "'mz' is not an ISO 3166-1 alpha-2 code (two capital letters)",
            "sources": [s.id for s in umn.networks.lookup("mozambique").sources],
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


class TestAnyInput:
    """No input makes loading or validating raise anything but DataError."""

    @settings(max_examples=200, deadline=None)
    @given(json_values)
    def test_any_json_value(self, value: object) -> None:
        """Any JSON value is refused with DataError (none is a whole document)."""
        with pytest.raises(umn.DataError):
            umn.load_dataset(value)  # type: ignore[arg-type]

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(mutated_documents())
    def test_any_mutation(self, document: Document) -> None:
        """A mutated document either loads and validates, or gives DataError."""
        try:
            dataset = umn.load_dataset(document)
        except umn.DataError:
            return
        report = umn.validate(dataset)
        assert str(report).splitlines()[0] == (
            f"{len(report.errors)} errors, {len(report.warnings)} warnings"
        )
        assert report.to_dict()["ok"] is report.ok
