"""Tests for `un_migration_network._validation`: errors for broken data, warnings for disputes."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings

import un_migration_network as umn
from changes import Change, Document, append_copy, delete_at, set_at
from strategies import json_values, mutated_documents
from un_migration_network import Severity

# The warnings the bundled data must give: each is a "Known case" of
# /work/shared/reference/README.md, where sources disagree or a list is incomplete.
BUNDLED_WARNINGS = [
    # "adopted by 152 Member States in Marrakesh": 152 is the General Assembly's vote.
    ("conflated-figure", "gcm-states-adopting-seed-152"),
    # "joins 60 other Member States" (61) beside "so far ... 60 country networks".
    ("conflicting-figures", "global"),
    # 164 States per UN sources, 165 per others.
    ("conflicting-figures", "gcm"),
    # "6 regional networks"; five are named in sources.
    ("count-mismatch", "regional-networks-2022-02-15"),
    # 38 members declared, fewer evidenced.
    ("incomplete-list", "global"),
    ("incomplete-list", "uganda"),
    # "consists of eleven members" beside thirteen names.
    ("declared-count-mismatch", "mozambique"),
    # "migration detention" in paragraph 16, "immigration detention" in the heading.
    ("title-variant", "objective-13"),
]


def _pairs(problems: tuple[umn.Problem, ...]) -> list[tuple[str, str]]:
    return sorted((problem.code, problem.subject) for problem in problems)


def _report(document: Document) -> umn.ValidationReport:
    return umn.validate(umn.load_dataset(document))


def _drop_member(agency: str) -> Change:
    def change(document: Document) -> None:
        document["networks"][0]["members"].remove(agency)

    return change


def _declared(count: int, *, complete: bool) -> Change:
    """Europe and Central Asia (three members listed) declares *count* members."""

    def change(document: Document) -> None:
        network = document["networks"][2]
        network["declared_member_count"] = count
        network["is_membership_complete"] = complete

    return change


# networks[0] is the global Network, [1] Asia-Pacific, [10] Kosovo, [16] Mozambique.
def _second_seat(index: int) -> Change:
    """A change that gives the agency of one Executive Committee seat a second seat."""

    def change(document: Document) -> None:
        seats = document["executive_committee"]["memberships"]
        seats.append(copy.deepcopy(seats[index]))

    return change


ERRORS: list[tuple[str, Change, list[tuple[str, str]]]] = [
    (
        "url-without-scheme",
        set_at(("sources", 0, "url"), "www.un-crafd.org/un_system.csv"),
        [("source-without-url", "un-crafd-un-system")],
    ),
    (
        "url-ftp",
        set_at(("sources", 1, "url"), "ftp://example.org/x"),
        [("source-without-url", "reliefweb-ec-principals-statement-2019")],
    ),
    ("agency-without-source", set_at(("agencies", 0, "sources"), []), [("missing-source", "undp")]),
    (
        "network-without-source",
        set_at(("networks", 16, "sources"), []),
        [("missing-source", "mozambique")],
    ),
    (
        "objective-without-source",
        set_at(("objectives", 0, "sources"), []),
        [("missing-source", "objective-1")],
    ),
    (
        "principle-without-source",
        set_at(("principles", 0, "sources"), []),
        [("missing-source", "principle-a")],
    ),
    (
        "committee-without-source",
        set_at(("executive_committee", "sources"), []),
        [("missing-source", "executive-committee")],
    ),
    (
        "seat-without-source",
        set_at(("executive_committee", "memberships", 0, "sources"), []),
        [("missing-source", "executive-committee/iom")],
    ),
    (
        "snapshot-without-source",
        set_at(("executive_committee", "snapshots", 0, "sources"), []),
        [("missing-source", "executive-committee@2019-11-14")],
    ),
    ("compact-without-source", set_at(("compact", "sources"), []), [("missing-source", "gcm")]),
    (
        "forum-without-source",
        set_at(("compact", "review_forum", "sources"), []),
        [("missing-source", "imrf")],
    ),
    (
        "edition-without-source",
        set_at(("compact", "review_forum", "editions", 0, "sources"), []),
        [("missing-source", "imrf-2022")],
    ),
    (
        "event-without-source",
        set_at(("events", 0, "sources"), []),
        [("missing-source", "mozambique-kick-off-meeting")],
    ),
    (
        "observation-without-source",
        set_at(("observations", 0, "sources"), []),
        [("missing-source", "country-networks-2021-03-18")],
    ),
    (
        "country-network-without-country",
        set_at(("networks", 16, "country"), None),
        [("missing-country", "mozambique")],
    ),
    (
        "xk-not-marked-user-assigned",
        set_at(("networks", 10, "country", "is_code_user_assigned"), value=False),
        [("bad-country-code", "kosovo")],
    ),
    (
        "lowercase-alpha2",
        set_at(("networks", 16, "country", "alpha2"), "mz"),
        [("bad-country-code", "mozambique")],
    ),
    (
        "three-letter-alpha2",
        set_at(("networks", 16, "country", "alpha2"), "MOZ"),
        [("bad-country-code", "mozambique")],
    ),
    (
        "official-code-marked-user-assigned",
        set_at(("networks", 16, "country", "is_code_user_assigned"), value=True),
        [("bad-country-code", "mozambique")],
    ),
    (
        "bad-alpha3",
        set_at(("networks", 16, "country", "alpha3"), "Moz"),
        [("bad-country-code", "mozambique")],
    ),
    ("objective-missing", delete_at(("objectives", 22)), [("objective-numbering", "gcm")]),
    (
        "objective-24",
        set_at(("objectives", 22, "number"), 24),
        [("objective-numbering", "gcm"), ("objective-paragraph", "objective-24")],
    ),
    (
        "objective-paragraph",
        set_at(("objectives", 0, "paragraph"), 18),
        [("objective-paragraph", "objective-1")],
    ),
    (
        "round-table-5",
        set_at(("objectives", 0, "round_table"), 5),
        [("bad-round-table", "objective-1")],
    ),
    (
        "round-table-0",
        set_at(("objectives", 0, "round_table"), 0),
        [("bad-round-table", "objective-1")],
    ),
    ("principle-missing", delete_at(("principles", 9)), [("principle-lettering", "gcm")]),
    ("principle-k", set_at(("principles", 9, "letter"), "k"), [("principle-lettering", "gcm")]),
    (
        "reversed-launch",
        set_at(("networks", 1, "launched"), {"earliest": "2020-02-01", "latest": "2020-01-01"}),
        [("reversed-span", "asia-pacific")],
    ),
    (
        "reversed-event",
        set_at(("events", 0, "date"), {"earliest": "2022-02-17", "latest": "2022-02-16"}),
        [("reversed-span", "mozambique-kick-off-meeting")],
    ),
    (
        "launch-before-decision",
        set_at(("networks", 16, "launched"), "2017"),
        [("launch-before-decision", "mozambique")],
    ),
    ("committee-not-member", _drop_member("who"), [("committee-not-member", "who")]),
    (
        "url-without-host",
        set_at(("sources", 0, "url"), "https://"),
        [("source-without-url", "un-crafd-un-system")],
    ),
    (
        "seat-ends-before-start",
        set_at(("executive_committee", "memberships", 0, "until"), "2017"),
        [("seat-ends-before-start", "executive-committee/iom")],
    ),
    ("two-seats-at-once", _second_seat(0), [("duplicate-seat", "executive-committee/iom")]),
    (
        "two-global-networks",
        set_at(("networks", 1, "level"), "global"),
        [("global-network-count", "global")],
    ),
    (
        "negative-declared-count",
        set_at(("networks", 16, "declared_member_count"), -1),
        [("negative-count", "mozambique")],
    ),
    ("negative-vote", set_at(("compact", "vote", "against"), -5), [("negative-count", "gcm")]),
    (
        "negative-figure",
        set_at(("observations", 0, "value"), -45),
        [("negative-count", "country-networks-2021-03-18")],
    ),
    (
        "event-subject-dangles",
        set_at(("events", 0, "subject"), "atlantis"),
        [("dangling-reference", "mozambique-kick-off-meeting")],
    ),
    (
        "observation-subject-dangles",
        set_at(("observations", 0, "subject"), "atlantis"),
        [("dangling-reference", "country-networks-2021-03-18")],
    ),
    (
        "two-events-one-id",
        append_copy("events", 0),
        [("duplicate-id", "mozambique-kick-off-meeting")],
    ),
    (
        "event-and-observation-one-id",
        set_at(("events", 1, "id"), "country-networks-2021-03-18"),
        [("duplicate-id", "country-networks-2021-03-18")],
    ),
    (
        "future-observation",
        set_at(("observations", 0, "as_of"), "2030"),
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
        append_copy("events", 0, id="kick-off-again", date="2022-03"),
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
        append_copy("observations", 6, id="members-39", value=39),
        [("conflicting-figures", "global")],
    ),
    (
        "second-title-variant",
        set_at(("objectives", 0, "title_variants"), ["Collect data"]),
        [("title-variant", "objective-1")],
    ),
]


class TestBundled:
    """The bundled data validates, and reports exactly the known disagreements."""

    def test_no_errors(self) -> None:
        """The bundled data has no errors."""
        report = umn.validate()
        assert (report.ok, report.errors) == (True, ())

    def test_warnings(self) -> None:
        """The warnings are exactly the known cases of the reference material."""
        assert _pairs(umn.validate().warnings) == sorted(BUNDLED_WARNINGS)

    def test_default_is_bundled(self, dataset: umn.Dataset) -> None:
        """validate() with no argument checks the bundled dataset."""
        assert umn.validate() == umn.validate(dataset)

    def test_messages(self) -> None:
        """The warnings explain themselves with the figures involved."""
        messages = {(p.code, p.subject): p.message for p in umn.validate().warnings}
        assert messages[("conflicting-figures", "global")] == (
            "sources give different figures for country networks as of 2022-02-15: 60 vs 61"
        )
        assert messages[("declared-count-mismatch", "mozambique")] == (
            "the sources declare 11 members but list 13"
        )

    def test_warning_sources(self) -> None:
        """A warning about two figures cites the sources of both, once each."""
        [problem] = [p for p in umn.validate().warnings if p.subject == "gcm"]
        ids = [source.id for source in problem.sources]
        assert (len(ids) == len(set(ids)), len(ids) >= 2) == (True, True)


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
        assert (report.ok, _pairs(report.errors)) == (False, sorted(expected))

    def test_table_covers_every_error_code(self) -> None:
        """There is a case for every error code the validator has."""
        codes = {code for _, _, expected in ERRORS for code, _ in expected}
        assert codes == {
            "source-without-url",
            "missing-source",
            "missing-country",
            "bad-country-code",
            "objective-numbering",
            "objective-paragraph",
            "bad-round-table",
            "principle-lettering",
            "reversed-span",
            "launch-before-decision",
            "committee-not-member",
            "seat-ends-before-start",
            "duplicate-seat",
            "global-network-count",
            "negative-count",
            "dangling-reference",
            "duplicate-id",
            "future-observation",
        }

    def test_country_on_other_networks_is_checked(self, document: Document) -> None:
        """A regional network may have no country; if it names one, the code is checked."""
        document["networks"][1]["country"] = {"name": "Somewhere", "alpha2": "Q1"}
        assert _pairs(_report(document).errors) == [("bad-country-code", "asia-pacific")]

    def test_no_decision_date(self, document: Document) -> None:
        """Without the Network's decision date, launches are not compared with it."""
        document["networks"][0]["decided"] = None
        document["networks"][16]["launched"] = "2017"
        assert _report(document).errors == ()

    def test_no_global_network(self, document: Document) -> None:
        """Without a global network, that is an error, and no seat is a member's."""
        document["networks"][0]["level"] = "regional"
        report = _report(document)
        seats = [m["agency"] for m in document["executive_committee"]["memberships"]]
        expected = [("committee-not-member", s) for s in seats]
        assert _pairs(report.errors) == sorted([("global-network-count", "global"), *expected])

    def test_error_message(self, document: Document) -> None:
        """An error's message says what is wrong, and it cites the record's sources."""
        document["networks"][16]["country"]["alpha2"] = "mz"
        [problem] = _report(document).errors
        assert (problem.message, problem.severity, [s.id for s in problem.sources]) == (
            "'mz' is not an ISO 3166-1 alpha-2 code (two capital letters)",
            Severity.ERROR,
            ["seed-iom-mozambique-2022", "unsd-m49"],
        )


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
            added.remove(pair)
        assert (report.ok, added) == (True, sorted(expected))

    def test_incomplete_snapshot_may_name_fewer(self, document: Document) -> None:
        """A snapshot marked incomplete may name only some of the members."""
        document["executive_committee"]["snapshots"][0]["members"] = ["iom"]
        document["executive_committee"]["snapshots"][0]["is_complete"] = False
        assert _pairs(_report(document).warnings) == sorted(BUNDLED_WARNINGS)

    def test_figures_at_different_dates_do_not_clash(self, document: Document) -> None:
        """Figures for different dates show growth, not disagreement."""
        document["observations"].append(
            {**document["observations"][6], "id": "members-later", "value": 40, "as_of": "2023"}
        )
        assert _pairs(_report(document).warnings) == sorted(BUNDLED_WARNINGS)

    def test_overlapping_event_dates_agree(self, document: Document) -> None:
        """Two dates for one event that overlap (a day within its month) do not clash."""
        document["events"].append({**document["events"][0], "id": "again", "date": "2022-02"})
        assert _pairs(_report(document).warnings) == sorted(BUNDLED_WARNINGS)


class TestReport:
    """ValidationReport and Problem."""

    def test_parts(self) -> None:
        """Errors and warnings split the problems by severity; ok means no errors."""
        report = umn.validate()
        assert (
            report.problems == report.errors + report.warnings,
            all(p.severity is Severity.WARNING for p in report.warnings),
            report.ok,
        ) == (True, True, True)

    def test_to_dict(self, document: Document) -> None:
        """to_dict is a JSON-ready form with each problem's fields and source ids."""
        document["networks"][16]["country"]["alpha2"] = "mz"
        report = _report(document)
        as_dict = report.to_dict()
        assert (as_dict["ok"], len(as_dict["problems"])) == (False, 9)
        assert as_dict["problems"][0] == {
            "code": "bad-country-code",
            "severity": "error",
            "subject": "mozambique",
            "message": "'mz' is not an ISO 3166-1 alpha-2 code (two capital letters)",
            "sources": ["seed-iom-mozambique-2022", "unsd-m49"],
        }

    def test_str(self) -> None:
        """The report prints a count line, then one line per problem."""
        report = umn.validate()
        lines = str(report).splitlines()
        assert (lines[0], lines[1:]) == ("0 errors, 8 warnings", [str(p) for p in report.problems])

    def test_problem_str(self) -> None:
        """A problem prints as severity, subject, message and code."""
        problem = umn.Problem("bad-country-code", Severity.ERROR, "mozambique", "bad code")
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
        assert (str(report).splitlines()[0], report.to_dict()["ok"]) == (
            f"{len(report.errors)} errors, {len(report.warnings)} warnings",
            report.ok,
        )
