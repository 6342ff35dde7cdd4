"""Tests for `un_migration_network._converter`: every kind of problem, with its code and path.

The table below is the corpus of broken documents: one small change to the bundled document
per kind of problem, and the exact problems it must produce. Records are found by their key
(`ID`: an id, a country's alpha-2 code, a number), so adding a network does not move a case.
A document refers to its countries by their alpha-2 codes, as it refers to sources and
agencies by their ids.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from pathlib import Path as FilePath
from typing import Any, assert_type

import pytest

import un_migration_network as umn
from changes import ID, Change, Document, Path, append_copy, delete_at, json_path, set_at
from un_migration_network import Code
from un_migration_network._converter import structure

MOZ = ("networks", ID("mozambique"))
ARAB = ("networks", ID("arab-region"))
ASIA = ("networks", ID("asia-pacific"))
GLOBAL = ("networks", ID("global"))
GEORGIA = ("networks", ID("georgia"))
UNDP = ("agencies", ID("undp"))
UNEP = ("agencies", ID("unep"))
HABITAT = ("agencies", ID("un-habitat"))
SEED = ("sources", ID("seed-iom-mozambique-2022"))
MZ = ("countries", ID("MZ"))
KICK_OFF = ("events", ID("mozambique-kick-off-meeting"))
MEMBERS_39 = ("observations", ID("member-entities-2024-10-04"))
KENYA = ("champions", ID("kenya"))
OBJECTIVE_1 = ("objectives", ID(1))
AGAINST = ("compact", "voted_against")
RELEASES = FilePath(__file__).parent / "data"


def _problems(document: Mapping[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(umn.DataError) as caught:
        umn.load_dataset(document)
    return [(problem.code, problem.path) for problem in caught.value.problems]


def _error(document: Mapping[str, Any]) -> umn.DataError:
    with pytest.raises(umn.DataError) as caught:
        umn.load_dataset(document)
    return caught.value


def _both(*changes: Change) -> Change:
    def change(document: Document) -> None:
        for one in changes:
            one(document)

    return change


Expected = list[tuple[Code, Path]]
SPAN = {"earliest": "2020-01-01", "latest": "2020-01-02"}
NAME = {"lang": "fr", "field": "name", "text": "UN Development Programme", "sources": []}

# Each case: a name, one change, and the problems it gives (code, path of the problem).
BROKEN: list[tuple[str, Change, Expected]] = [
    ("unknown-key-top", set_at(("colour",), "blue"), [(Code.UNKNOWN_KEY, ("colour",))]),
    ("unknown-key-network", set_at((*ARAB, "colour"), 1), [(Code.UNKNOWN_KEY, ARAB)]),
    ("unknown-key-source", set_at((*SEED, "colour"), 1), [(Code.UNKNOWN_KEY, SEED)]),
    ("unknown-key-agency", set_at((*UNDP, "colour"), 1), [(Code.UNKNOWN_KEY, UNDP)]),
    ("unknown-key-country", set_at((*MZ, "capital"), "Maputo"), [(Code.UNKNOWN_KEY, MZ)]),
    (
        "unknown-key-deep",
        set_at(("compact", "vote", "colour"), 1),
        [(Code.UNKNOWN_KEY, ("compact", "vote"))],
    ),
    (
        "unknown-key-span",
        set_at((*ASIA, "launched"), {**SPAN, "x": 1}),
        [(Code.UNKNOWN_KEY, (*ASIA, "launched"))],
    ),
    (
        "unknown-key-cited-field",
        set_at((*MOZ, "citations", "lunched"), ["seed-iom-mozambique-2022"]),
        [(Code.UNKNOWN_KEY, (*MOZ, "citations", "lunched"))],
    ),
    (
        "unknown-key-cited-sources",
        set_at((*MOZ, "citations", "sources"), ["seed-iom-mozambique-2022"]),
        [(Code.UNKNOWN_KEY, (*MOZ, "citations", "sources"))],
    ),
    (
        "unknown-key-name",
        set_at((*OBJECTIVE_1, "names", 0, "colour"), 1),
        [(Code.UNKNOWN_KEY, (*OBJECTIVE_1, "names", 0))],
    ),
    ("missing-key-top", delete_at(("compact",)), [(Code.MISSING_KEY, ())]),
    ("missing-key-network", delete_at((*ARAB, "name")), [(Code.MISSING_KEY, (*ARAB, "name"))]),
    ("missing-key-source", delete_at((*SEED, "url")), [(Code.MISSING_KEY, (*SEED, "url"))]),
    ("missing-key-country", delete_at((*MZ, "name")), [(Code.MISSING_KEY, (*MZ, "name"))]),
    (
        "missing-key-span",
        set_at((*ASIA, "launched"), {"earliest": "2020-01-01"}),
        [(Code.MISSING_KEY, (*ASIA, "launched"))],
    ),
    (
        "missing-key-champion-country",
        delete_at((*KENYA, "country")),
        [(Code.MISSING_KEY, (*KENYA, "country"))],
    ),
    (
        "missing-key-name-text",
        delete_at((*OBJECTIVE_1, "names", 0, "text")),
        [(Code.MISSING_KEY, (*OBJECTIVE_1, "names", 0, "text"))],
    ),
    (
        "wrong-type-str-for-int",
        set_at((*GLOBAL, "declared_member_count"), "38"),
        [(Code.WRONG_TYPE, (*GLOBAL, "declared_member_count"))],
    ),
    (
        "wrong-type-bool-for-int",
        set_at(("compact", "vote", "in_favour"), value=True),
        [(Code.WRONG_TYPE, ("compact", "vote", "in_favour"))],
    ),
    (
        "wrong-type-float-for-int",
        set_at(("compact", "vote", "in_favour"), 152.0),
        [(Code.WRONG_TYPE, ("compact", "vote", "in_favour"))],
    ),
    ("wrong-type-int-for-str", set_at((*UNDP, "name"), 5), [(Code.WRONG_TYPE, (*UNDP, "name"))]),
    (
        "wrong-type-int-for-bool",
        set_at((*GLOBAL, "is_membership_complete"), 0),
        [(Code.WRONG_TYPE, (*GLOBAL, "is_membership_complete"))],
    ),
    (
        "wrong-type-str-for-number",
        set_at((*MZ, "latitude"), "-18.7"),
        [(Code.WRONG_TYPE, (*MZ, "latitude"))],
    ),
    (
        "wrong-type-str-for-array",
        set_at((*GLOBAL, "members"), "iom"),
        [(Code.WRONG_TYPE, (*GLOBAL, "members"))],
    ),
    ("wrong-type-object-for-array", set_at(("networks",), {}), [(Code.WRONG_TYPE, ("networks",))]),
    (
        "wrong-type-object-for-countries",
        set_at(("countries",), {}),
        [(Code.WRONG_TYPE, ("countries",))],
    ),
    ("wrong-type-array-for-object", set_at(("compact",), []), [(Code.WRONG_TYPE, ("compact",))]),
    ("wrong-type-record", set_at(ARAB, "europe"), [(Code.WRONG_TYPE, ARAB)]),
    (
        "wrong-type-span",
        set_at((*ASIA, "launched"), 2020),
        [(Code.WRONG_TYPE, (*ASIA, "launched"))],
    ),
    (
        # No record refers to the CTBTO: only the id itself is wrong.
        "wrong-type-id",
        set_at(("agencies", ID("ctbto"), "id"), 5),
        [(Code.WRONG_TYPE, ("agencies", ID("ctbto"), "id"))],
    ),
    (
        "wrong-type-reference",
        set_at((*GLOBAL, "members", 1), 7),
        [(Code.WRONG_TYPE, (*GLOBAL, "members", 1))],
    ),
    (
        # Today's document names a country by its code; the earlier form is read only in a
        # document without a countries array.
        "wrong-type-inline-country",
        set_at((*MOZ, "country"), {"alpha2": "MZ", "name": "Mozambique"}),
        [(Code.WRONG_TYPE, (*MOZ, "country"))],
    ),
    (
        "wrong-type-country-number",
        set_at((*AGAINST, 0, "country"), 203),
        [(Code.WRONG_TYPE, (*AGAINST, 0, "country"))],
    ),
    (
        "wrong-type-citations",
        set_at((*MOZ, "citations"), ["launched"]),
        [(Code.WRONG_TYPE, (*MOZ, "citations"))],
    ),
    (
        "wrong-type-cited-ids",
        set_at((*MOZ, "citations", "launched"), "seed-iom-mozambique-2022"),
        [(Code.WRONG_TYPE, (*MOZ, "citations", "launched"))],
    ),
    (
        "wrong-type-names",
        set_at((*OBJECTIVE_1, "names"), {}),
        [(Code.WRONG_TYPE, (*OBJECTIVE_1, "names"))],
    ),
    (
        "wrong-type-name",
        set_at((*OBJECTIVE_1, "names", 0), "Données"),
        [(Code.WRONG_TYPE, (*OBJECTIVE_1, "names", 0))],
    ),
    ("bad-date-as-of", set_at(("as_of",), "2022-02-30"), [(Code.BAD_DATE, ("as_of",))]),
    (
        "bad-date-span",
        set_at((*MOZ, "launched"), "2022-02-30"),
        [(Code.BAD_DATE, (*MOZ, "launched"))],
    ),
    (
        "bad-date-span-as-bounds-text",
        set_at((*MOZ, "launched"), "2022-02-15/2022-02-16"),
        [(Code.BAD_DATE, (*MOZ, "launched"))],
    ),
    (
        "bad-date-month-for-day",
        set_at(("compact", "adopted"), "2018-12"),
        [(Code.BAD_DATE, ("compact", "adopted"))],
    ),
    (
        "bad-date-not-a-day",
        set_at(("compact", "adopted"), "2018-02-30"),
        [(Code.BAD_DATE, ("compact", "adopted"))],
    ),
    (
        "bad-date-null",
        set_at(("compact", "endorsed"), None),
        [(Code.BAD_DATE, ("compact", "endorsed"))],
    ),
    (
        "bad-value-level",
        set_at((*GLOBAL, "level"), "planetary"),
        [(Code.BAD_VALUE, (*GLOBAL, "level"))],
    ),
    (
        "bad-value-kind",
        set_at((*UNDP, "kind"), "Fund or Programme"),
        [(Code.BAD_VALUE, (*UNDP, "kind"))],
    ),
    ("bad-value-null", set_at((*KICK_OFF, "kind"), None), [(Code.BAD_VALUE, (*KICK_OFF, "kind"))]),
    (
        "bad-value-huge-integer",
        set_at((*GLOBAL, "declared_member_count"), 2**70),
        [(Code.BAD_VALUE, (*GLOBAL, "declared_member_count"))],
    ),
    (
        "bad-value-huge-number",
        set_at((*MZ, "longitude"), 2**70),
        [(Code.BAD_VALUE, (*MZ, "longitude"))],
    ),
    (
        "bad-value-name-language",
        set_at((*OBJECTIVE_1, "names", 0, "lang"), "French"),
        [(Code.BAD_VALUE, (*OBJECTIVE_1, "names", 0, "lang"))],
    ),
    (
        "bad-value-country-name-language",
        set_at((*MZ, "names", 0, "lang"), "AR"),
        [(Code.BAD_VALUE, (*MZ, "names", 0, "lang"))],
    ),
    (
        "bad-value-name-field",
        set_at((*OBJECTIVE_1, "names", 0, "field"), "acronym"),
        [(Code.BAD_VALUE, (*OBJECTIVE_1, "names", 0, "field"))],
    ),
    ("bad-text-empty-id", set_at((*ARAB, "id"), ""), [(Code.BAD_TEXT, (*ARAB, "id"))]),
    (
        "bad-text-blank-name",
        set_at((*ARAB, "name"), "  \u3000"),
        [(Code.BAD_TEXT, (*ARAB, "name"))],
    ),
    (
        "bad-text-control",
        set_at((*UNDP, "name"), "UNDP\x07"),
        [(Code.BAD_TEXT, (*UNDP, "name"))],
    ),
    (
        "bad-text-surrogate",
        set_at((*UNDP, "aliases"), ["\udc80"]),
        [(Code.BAD_TEXT, (*UNDP, "aliases", 0))],
    ),
    (
        "bad-text-country-alias",
        set_at((*MZ, "aliases"), ["Moçambique", "\t"]),
        [(Code.BAD_TEXT, (*MZ, "aliases", 1))],
    ),
    (
        "bad-text-name",
        set_at((*OBJECTIVE_1, "names", 0, "text"), "Données\n"),
        [(Code.BAD_TEXT, (*OBJECTIVE_1, "names", 0, "text"))],
    ),
    (
        "dangling-member",
        set_at((*MOZ, "members", 2), "nobody"),
        [(Code.DANGLING_REFERENCE, (*MOZ, "members", 2))],
    ),
    (
        "dangling-coordinator",
        set_at(("executive_committee", "coordinator"), "nobody"),
        [(Code.DANGLING_REFERENCE, ("executive_committee", "coordinator"))],
    ),
    (
        "dangling-source",
        set_at((*UNDP, "sources", 0), "nowhere"),
        [(Code.DANGLING_REFERENCE, (*UNDP, "sources", 0))],
    ),
    (
        "dangling-source-deep",
        set_at(("compact", "review_forum", "editions", 0, "sources", 0), "no"),
        [(Code.DANGLING_REFERENCE, ("compact", "review_forum", "editions", 0, "sources", 0))],
    ),
    (
        "dangling-cited-source",
        set_at((*MOZ, "citations", "launched"), ["seed-iom-mozambique-2022", "nowhere"]),
        [(Code.DANGLING_REFERENCE, (*MOZ, "citations", "launched", 1))],
    ),
    (
        "dangling-name-source",
        set_at((*OBJECTIVE_1, "names", 0, "sources", 0), "nowhere"),
        [(Code.DANGLING_REFERENCE, (*OBJECTIVE_1, "names", 0, "sources", 0))],
    ),
    (
        "dangling-country",
        set_at((*MOZ, "country"), "QQ"),
        [(Code.DANGLING_REFERENCE, (*MOZ, "country"))],
    ),
    (
        "dangling-state-country",
        set_at((*AGAINST, 0, "country"), "CS"),
        [(Code.DANGLING_REFERENCE, (*AGAINST, 0, "country"))],
    ),
    (
        "dangling-country-source",
        set_at((*MZ, "sources", 0), "nowhere"),
        [(Code.DANGLING_REFERENCE, (*MZ, "sources", 0))],
    ),
    (
        "wrong-kind-agency-as-source",
        set_at((*MOZ, "sources", 0), "iom"),
        [(Code.WRONG_KIND, (*MOZ, "sources", 0))],
    ),
    (
        "wrong-kind-source-as-member",
        set_at((*MOZ, "members", 0), "seed-iom-mozambique-2022"),
        [(Code.WRONG_KIND, (*MOZ, "members", 0))],
    ),
    (
        "wrong-kind-source-as-coordinator",
        set_at(("executive_committee", "coordinator"), "seed-iom-mozambique-2022"),
        [(Code.WRONG_KIND, ("executive_committee", "coordinator"))],
    ),
    (
        "wrong-kind-agency-as-event-source",
        set_at((*KICK_OFF, "sources", 0), "iom"),
        [(Code.WRONG_KIND, (*KICK_OFF, "sources", 0))],
    ),
    (
        "wrong-kind-agency-as-observation-source",
        set_at((*MEMBERS_39, "sources", 0), "iom"),
        [(Code.WRONG_KIND, (*MEMBERS_39, "sources", 0))],
    ),
    (
        "wrong-kind-country-as-member",
        set_at((*MOZ, "members", 0), "MZ"),
        [(Code.WRONG_KIND, (*MOZ, "members", 0))],
    ),
    (
        "wrong-kind-country-as-source",
        set_at((*KENYA, "sources", 0), "KE"),
        [(Code.WRONG_KIND, (*KENYA, "sources", 0))],
    ),
    (
        "wrong-kind-agency-as-country",
        set_at((*MOZ, "country"), "iom"),
        [(Code.WRONG_KIND, (*MOZ, "country"))],
    ),
    (
        "wrong-kind-agency-as-cited-source",
        set_at((*MOZ, "citations", "launched"), ["iom"]),
        [(Code.WRONG_KIND, (*MOZ, "citations", "launched", 0))],
    ),
    (
        "duplicate-id-agency",
        append_copy("agencies", ID("undp")),
        [(Code.DUPLICATE_ID, ("agencies", -1, "id"))],
    ),
    (
        "duplicate-id-source",
        append_copy("sources", ID("seed-iom-mozambique-2022")),
        [(Code.DUPLICATE_ID, ("sources", -1, "id"))],
    ),
    (
        "duplicate-id-event",
        append_copy("events", ID("mozambique-kick-off-meeting")),
        [(Code.DUPLICATE_ID, ("events", -1, "id"))],
    ),
    (
        "duplicate-id-network",
        append_copy("networks", ID("mozambique")),
        [(Code.DUPLICATE_ID, ("networks", -1, "id"))],
    ),
    (
        "duplicate-alpha2",
        append_copy("countries", ID("MZ")),
        [(Code.DUPLICATE_ID, ("countries", -1, "alpha2"))],
    ),
    (
        "duplicate-key-alias",
        set_at((*UNEP, "aliases"), ["U.N.D.P."]),
        [(Code.DUPLICATE_KEY, UNEP)],
    ),
    (
        # Mozambique's network is found by its country's name and by its id "mozambique":
        # both keys now also name Georgia's network, which comes first; one clash.
        "duplicate-key-country",
        set_at((*GEORGIA, "country"), "MZ"),
        [(Code.DUPLICATE_KEY, MOZ)],
    ),
    (
        "duplicate-key-source-url",
        append_copy("sources", ID("seed-iom-mozambique-2022"), id="another"),
        [(Code.DUPLICATE_KEY, ("sources", -1))],
    ),
    (
        "duplicate-key-objective",
        set_at(("objectives", ID(2), "short_label"), "DATA"),
        [(Code.DUPLICATE_KEY, ("objectives", ID(2)))],
    ),
    (
        "duplicate-key-country-name",
        set_at(("countries", ID("MW"), "aliases"), ["Mozambique"]),
        [(Code.DUPLICATE_KEY, MZ)],
    ),
    (
        "duplicate-key-objective-twice",
        append_copy("objectives", ID(1)),
        [(Code.DUPLICATE_KEY, ("objectives", -1))],
    ),
    (
        "duplicate-key-name-in-another-language",
        set_at((*HABITAT, "names"), [NAME]),
        # "un-habitat" sorts before "undp": the clash is found at UNDP, whose alias it is.
        [(Code.DUPLICATE_KEY, UNDP)],
    ),
    (
        "reversed-span",
        set_at((*ASIA, "first_evidenced"), {"earliest": "2020-02-01", "latest": "2020-01-01"}),
        [(Code.REVERSED_SPAN, (*ASIA, "first_evidenced"))],
    ),
]


def _expected(document: Document, expected: Expected) -> list[tuple[str, str]]:
    out = []
    for code, path in expected:
        # -1 is the element a change appends: one past the last one now.
        head = path[0] if path else ""
        assert isinstance(head, str)
        resolved = tuple(len(document[head]) if step == -1 else step for step in path)
        out.append((str(code), json_path(document, resolved)))
    return out


class TestBrokenDocuments:
    """Each kind of problem is reported with its code and JSON path."""

    @pytest.mark.parametrize(
        ("change", "expected"),
        [(change, expected) for _, change, expected in BROKEN],
        ids=[name for name, _, _ in BROKEN],
    )
    def test_problem(self, document: Document, change: Change, expected: Expected) -> None:
        """The one change gives exactly the problems listed."""
        paths = _expected(document, expected)  # before the change, which may hide an id
        change(document)
        assert _problems(document) == paths

    def test_table_covers_every_load_code(self) -> None:
        """The corpus has a case for every code the converter and registries produce.

        The codes of files and text (unreadable, not-json, ...) are in test_bad_files; the
        ones of values no JSON text holds (too deep, invalid) are below.
        """
        codes = {code for _, _, expected in BROKEN for code, _ in expected}
        elsewhere = {
            Code.UNREADABLE,
            Code.NOT_A_FILE,
            Code.TOO_LARGE,
            Code.NOT_UTF8,
            Code.NOT_JSON,
            Code.TOO_DEEP,
            Code.NOT_OBJECT,
            Code.INVALID_VALUE,
        }
        assert codes == {code for code in Code if "load" in code.stages} - elsewhere

    def test_duplicate_key_names_both_records(self, document: Document) -> None:
        """An alias that names two agencies: the problem is at one, its message names the other."""
        unep = json_path(document, UNEP)
        undp = json_path(document, UNDP)
        set_at((*UNDP, "aliases"), ["United Nations Environment Programme"])(document)
        [problem] = _error(document).problems
        assert problem.path == unep
        assert problem.message == (
            f"the key 'United Nations Environment Programme' also names {undp}; "
            "a key must name one record"
        )

    def test_all_problems_at_once(self, document: Document) -> None:
        """Several problems in one document are all reported in one DataError."""
        changes = (
            "unknown-key-top",
            "missing-key-source",
            "bad-date-span",
            "dangling-member",
            "dangling-country",
            "dangling-cited-source",
            "bad-value-country-name-language",
        )
        expected: list[tuple[str, str]] = []
        for name, change, problems in BROKEN:
            if name in changes:
                expected += _expected(document, problems)
                change(document)
        assert sorted(_problems(document)) == sorted(expected)

    def test_many_problems_in_one_array(self, document: Document) -> None:
        """Problems in several elements of one array are each reported, in order."""
        set_at((*ARAB, "level"), "x")(document)
        set_at((*ASIA, "level"), "y")(document)
        set_at((*ASIA, "name"), None)(document)
        assert _problems(document) == [
            ("bad-value", json_path(document, (*ARAB, "level"))),
            ("wrong-type", json_path(document, (*ASIA, "name"))),
            ("bad-value", json_path(document, (*ASIA, "level"))),
        ]

    def test_the_messages_of_a_record(self, document: Document) -> None:
        """Each problem says what is wrong in words."""
        set_at((*MOZ, "launched"), "2022-02-30")(document)
        set_at((*MOZ, "country"), "QQ")(document)
        assert [str(p) for p in _error(document).problems] == [
            (
                f"{json_path(document, (*MOZ, 'country'))}: no country has the code 'QQ' "
                "[dangling-reference]"
            ),
            (
                f"{json_path(document, (*MOZ, 'launched'))}: expected a date as YYYY, YYYY-MM or "
                "YYYY-MM-DD (a real day), got '2022-02-30' [bad-date]"
            ),
        ]


class TestReferences:
    """References by key: to sources, agencies and countries, each of its own kind."""

    @pytest.mark.parametrize(
        ("path", "value", "message"),
        [
            ((*MOZ, "sources", 0), "iom", "'iom' is the key of an agency, not of a source"),
            ((*MOZ, "members", 0), "MZ", "'MZ' is the key of a country, not of an agency"),
            ((*MOZ, "country"), "iom", "'iom' is the key of an agency, not of a country"),
            (
                (*MOZ, "country"),
                "seed-iom-mozambique-2022",
                "'seed-iom-mozambique-2022' is the key of a source, not of a country",
            ),
        ],
        ids=str,
    )
    def test_wrong_kind_says_which_kind(
        self, document: Document, path: Path, value: str, message: str
    ) -> None:
        """The message names the kind of record the key belongs to."""
        set_at(path, value)(document)
        [problem] = _error(document).problems
        assert problem.message == message

    @pytest.mark.parametrize(
        ("path", "message"),
        [
            ((*MOZ, "country"), "expected the code of a country (a string), got an object"),
            ((*MOZ, "members", 0), "expected the id of an agency (a string), got an object"),
            ((*MOZ, "sources", 0), "expected the id of a source (a string), got an object"),
        ],
        ids=str,
    )
    def test_not_a_key(self, document: Document, path: Path, message: str) -> None:
        """A reference that is not a string says what key it expects: a code or an id."""
        set_at(path, {})(document)
        [problem] = _error(document).problems
        assert problem.message == message

    def test_failed_agency_is_reported_once(self, document: Document) -> None:
        """References to an agency that failed to load do not each add a problem."""
        set_at((*HABITAT, "kind"), "bad")(document)
        assert _problems(document) == [("bad-value", json_path(document, (*HABITAT, "kind")))]

    def test_failed_source_is_reported_once(self, document: Document) -> None:
        """References to a source that failed to load do not each add a problem."""
        set_at((*SEED, "kind"), "tertiary")(document)
        assert _problems(document) == [("bad-value", json_path(document, (*SEED, "kind")))]

    def test_failed_country_is_reported_once(self, document: Document) -> None:
        """References to a country that failed to load do not each add a problem."""
        set_at((*MZ, "m49"), "508")(document)
        assert _problems(document) == [("wrong-type", json_path(document, (*MZ, "m49")))]

    @pytest.mark.parametrize("key", ["sources", "countries", "agencies"])
    def test_an_array_that_is_no_array(self, document: Document, key: str) -> None:
        """References into an array that is not one do not each add a problem."""
        document[key] = {}
        assert _problems(document) == [("wrong-type", f"$.{key}")]

    @pytest.mark.parametrize("key", ["sources", "agencies"])
    def test_a_missing_required_array(self, document: Document, key: str) -> None:
        """References into a required array that is missing do not each add a problem."""
        del document[key]
        assert _problems(document) == [("missing-key", "$")]

    def test_without_countries_every_reference_dangles(self, document: Document) -> None:
        """Countries may be left out, but then a reference to one names nothing."""
        del document["countries"]
        paths = {path.rsplit(".", 1)[-1] for _, path in _problems(document)}
        assert paths == {"country"}

    def test_a_failed_optional_array_is_reported(self, document: Document) -> None:
        """An event citing an agency as its source fails loudly: no array is emptied quietly."""
        set_at((*KICK_OFF, "sources"), ["iom"])(document)
        assert _problems(document) == [
            ("wrong-kind", json_path(document, (*KICK_OFF, "sources", 0)))
        ]


class TestKeys:
    """Keys of the document and of its objects."""

    def test_keys_of_mixed_types(self, document: Document) -> None:
        """Unknown keys that are not all strings are reported, not a TypeError."""
        undp = json_path(document, UNDP)
        agency = document["agencies"][ID("undp").index_in(document["agencies"])]
        agency[1] = "x"
        agency["y"] = "z"
        [problem] = _error(document).problems
        assert (problem.code, problem.path) == ("unknown-key", undp)
        assert problem.message == "unknown key 'y', 1"

    def test_non_string_key_at_top(self, document: Document) -> None:
        """An unknown key that is not a string is reported at the root."""
        document[1] = "x"  # type: ignore[index]
        [problem] = _error(document).problems
        assert str(problem) == "$: unknown key 1 [unknown-key]"

    def test_origin_is_none_for_mappings(self, document: Document) -> None:
        """A mapping has no file name, so the message starts with the count."""
        document["colour"] = 1
        error = _error(document)
        assert error.origin is None
        assert str(error).splitlines()[0] == "1 problem in the data"


class TestRequiredParts:
    """A document without one of its required parts is refused, the part named once."""

    @pytest.mark.parametrize(
        "key",
        [
            "as_of",
            "sources",
            "agencies",
            "networks",
            "objectives",
            "principles",
            "executive_committee",
            "compact",
        ],
    )
    def test_missing(self, document: Document, key: str) -> None:
        """The missing key is the one problem, at the top."""
        del document[key]
        assert [(p.path, p.message) for p in _error(document).problems] == [
            ("$", f"required key {key!r} is missing")
        ]


class TestOptionalParts:
    """Champions, events, observations and most fields may be left out."""

    @pytest.mark.parametrize("key", ["champions", "events", "observations"])
    def test_without_an_optional_array(self, document: Document, key: str) -> None:
        """A document without it loads with none."""
        del document[key]
        assert len(umn.load_dataset(document).registry(key)) == 0

    def test_span_object(self, document: Document) -> None:
        """A span may be written as an object with earliest, latest and is_inferred."""
        set_at((*ASIA, "launched"), {"earliest": "2020-01-01", "latest": "2020-03-31"})(document)
        set_at((*ASIA, "first_evidenced"), "2020-01-01")(document)
        launched = umn.load_dataset(document).networks.lookup("asia-pacific").launched
        assert launched == umn.DateSpan(dt.date(2020, 1, 1), dt.date(2020, 3, 31))

    def test_state_without_a_country(self, document: Document) -> None:
        """A State named by a source whose country is not given loads with none."""
        document["compact"]["voted_against"] = [{"as_written": "Hungary", "country": None}]
        state = umn.load_dataset(document).compact.voted_against[0]
        assert state == umn.State("Hungary")

    def test_records_without_new_fields(self, document: Document) -> None:
        """A network without citations, names, co-chairs or first_evidenced loads."""
        network = document["networks"][ID("asia-pacific").index_in(document["networks"])]
        for field in ("citations", "names", "co_chairs", "first_evidenced"):
            del network[field]
        loaded = umn.load_dataset(document).networks.lookup("asia-pacific")
        assert loaded.citations == ()
        assert loaded.co_chairs == ()

    def test_a_country_with_its_code_and_name_only(self, document: Document) -> None:
        """A country needs its code, its name and its sources; the rest is optional."""
        document["countries"].append({"alpha2": "QM", "name": "Somewhere", "sources": ["unsd-m49"]})
        country = umn.load_dataset(document).countries.lookup("QM")
        assert country.alpha3 is None


class TestLoaded:
    """What the converter builds: one record for each key, shared by every reference."""

    LOADED = umn.load_dataset(json.loads(umn.load().to_json()))

    def test_equal_to_the_bundled_data(self) -> None:
        """The bundled document, read as a user's, equals the bundled dataset."""
        loaded, bundled = self.LOADED, umn.load()
        assert loaded == bundled

    def test_a_new_dataset(self) -> None:
        """A user's document is a new dataset, never the bundled one."""
        assert self.LOADED is not umn.load()

    def test_type(self) -> None:
        """load_dataset gives a Dataset."""
        assert_type(self.LOADED, umn.Dataset)

    def test_a_country_is_one_record(self) -> None:
        """A network's country is the record of the countries array, not a copy."""
        network = self.LOADED.networks.lookup("mozambique")
        assert network.country is self.LOADED.countries.lookup("MZ")

    def test_a_member_is_one_record(self) -> None:
        """A network's member is the record of the agencies array."""
        network = self.LOADED.networks.lookup("mozambique")
        assert network.members[2] is self.LOADED.agencies.lookup("iom")

    def test_a_state_country_is_one_record(self) -> None:
        """A State's country is the record of the countries array."""
        state = self.LOADED.compact.voted_against[0]
        assert state.country is self.LOADED.countries.lookup("CZ")

    def test_a_citation_is_one_record(self) -> None:
        """A cited source is the record of the sources array."""
        [source] = self.LOADED.networks.lookup("mozambique").cite("launched")
        assert source is self.LOADED.sources.lookup("seed-iom-mozambique-2022")

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ([], "expected a JSON object at the top level, got an array"),
            ("{}", "expected a JSON object at the top level, got a string"),
            (None, "expected a JSON object at the top level, got null"),
        ],
        ids=repr,
    )
    def test_structure_of_a_non_object(self, data: object, message: str) -> None:
        """The converter refuses anything but an object at the top level."""
        with pytest.raises(umn.DataError) as caught:
            structure(data, origin="mine.json")
        assert str(caught.value) == f"mine.json: 1 problem in the data\n  $: {message} [not-object]"

    def test_structure_returns_the_parts(self) -> None:
        """The converter gives the as-of date and each kind's records by plural name."""
        as_of, parts = structure(json.loads(umn.load().to_json()))
        assert as_of == umn.load().as_of
        assert sorted(parts) == sorted(kind for kind in umn.load().parts())


class TestEarlierReleases:
    """Documents of releases 0.1.0 and 0.2.0 load: their inline countries become records."""

    RELEASE_1 = umn.load_dataset(RELEASES / "release-0.1.0.json")
    RELEASE_2 = umn.load_dataset(RELEASES / "release-0.2.0.json")

    def test_release_1_as_of(self) -> None:
        """Release 0.1.0 held data as of 11 February 2026."""
        assert self.RELEASE_1.as_of == dt.date(2026, 2, 11)

    def test_release_1_countries(self) -> None:
        """Its 27 countries are those its country networks named."""
        assert len(self.RELEASE_1.countries) == 27

    def test_release_1_network_country(self) -> None:
        """A network's country is a record of the lifted countries."""
        network = self.RELEASE_1.networks.lookup("mozambique")
        assert network.country is self.RELEASE_1.countries.lookup("MOZ")

    def test_release_1_states(self) -> None:
        """The States of the vote, written as names, have no country."""
        assert self.RELEASE_1.compact.voted_against[0] == umn.State("Czech Republic")

    def test_release_1_no_champions(self) -> None:
        """Release 0.1.0 had no Champions."""
        assert len(self.RELEASE_1.champions) == 0

    def test_release_2_as_of(self) -> None:
        """Release 0.2.0 held data as of 2 December 2026."""
        assert self.RELEASE_2.as_of == dt.date(2026, 12, 2)

    def test_release_2_countries(self) -> None:
        """Its 90 countries are those its networks, Champions and vote named."""
        assert len(self.RELEASE_2.countries) == 90

    def test_release_2_champion_country(self) -> None:
        """A Champion's country is a record of the lifted countries."""
        champion = self.RELEASE_2.champions.lookup("kenya")
        assert champion.country is self.RELEASE_2.countries.lookup("KE")

    def test_release_2_state_country(self) -> None:
        """A State's country is a record of the lifted countries."""
        state = self.RELEASE_2.compact.voted_against[0]
        assert state.country is self.RELEASE_2.countries.lookup("CZ")

    def test_release_2_country_cites_unsd(self) -> None:
        """A lifted country cites what its record cited for the country (the M49 table)."""
        sources = self.RELEASE_2.countries.lookup("MZ").sources
        assert [source.id for source in sources] == ["unsd-m49"]


class _FailingMapping(Mapping[str, Any]):
    """A user's mapping that raises *error* when the key *broken* is read."""

    def __init__(self, data: Mapping[str, Any], broken: str, error: BaseException) -> None:
        self._data = data
        self._broken = broken
        self._error = error

    def __getitem__(self, key: str) -> Any:
        if key == self._broken:
            raise self._error
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class _FadingMapping(Mapping[str, Any]):
    """A user's mapping whose key *fading* is there when first asked for, and then gone.

    Such a mapping is a live view (of a database, of a file being rewritten) that changes
    while it is read.
    """

    def __init__(self, data: Mapping[str, Any], fading: str) -> None:
        self._data = data
        self._fading = fading
        self._asked = False

    def __contains__(self, key: object) -> bool:
        if key == self._fading:
            asked, self._asked = self._asked, True
            return not asked
        return key in self._data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class TestUsersMappings:
    """A mapping that fails while it is read still gives DataError with the path."""

    @pytest.mark.parametrize(
        ("error", "code", "message"),
        [
            (RuntimeError("database gone"), "invalid-value", "invalid value (database gone)"),
            (RecursionError(), "too-deep", "the value is nested too deeply"),
        ],
        ids=["runtime-error", "recursion-error"],
    )
    def test_field_read_fails(
        self, document: Document, error: BaseException, code: str, message: str
    ) -> None:
        """A field that cannot be read is a problem at that field."""
        path = json_path(document, (*HABITAT, "name"))
        index = ID("un-habitat").index_in(document["agencies"])
        document["agencies"][index] = _FailingMapping(document["agencies"][index], "name", error)
        [problem] = _error(document).problems
        assert (problem.code, problem.path, problem.message) == (code, path, message)

    def test_document_read_fails_deeply(self, document: Document) -> None:
        """A document whose top level recurses too deeply to read is one too-deep problem."""
        failing = _FailingMapping(document, "sources", RecursionError())
        assert _problems(failing) == [("too-deep", "$")]

    def test_a_part_that_fades(self, document: Document) -> None:
        """A part there when the keys are checked and gone when read is named, not dropped."""
        [problem] = _error(_FadingMapping(document, "principles")).problems
        assert (problem.path, problem.code) == ("$.principles", Code.INVALID_VALUE)
        assert problem.message == "this part could not be read"
