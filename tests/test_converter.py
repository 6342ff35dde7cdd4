"""Tests for `un_migration_network._converter`: every kind of problem, with its code and path.

The table below is the corpus of broken documents: one small change to the bundled
document per kind of problem, and the exact problems it must produce. Records are found by
their id (`ID`), so adding a network does not move a case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

import un_migration_network as umn
from changes import ID, Change, Document, Path, append_copy, delete_at, json_path, set_at
from un_migration_network import Code, _converter
from un_migration_network._converter import unstructure_record

MOZ = ("networks", ID("mozambique"))
ARAB = ("networks", ID("arab-region"))
ASIA = ("networks", ID("asia-pacific"))
GLOBAL = ("networks", ID("global"))
UNDP = ("agencies", ID("undp"))
HABITAT = ("agencies", ID("un-habitat"))
SEED = ("sources", ID("seed-iom-mozambique-2022"))
KICK_OFF = ("events", ID("mozambique-kick-off-meeting"))
BANGLADESH = ("champions", ID("bangladesh"))
OBJECTIVE_1 = ("objectives", ID(1))


def _problems(document: Document) -> list[tuple[str, str]]:
    with pytest.raises(umn.DataError) as caught:
        umn.load_dataset(document)
    return [(problem.code, problem.path) for problem in caught.value.problems]


Expected = list[tuple[Code, Path]]

# Each case: a name, one change, and the problems it gives (code, path of the problem).
BROKEN: list[tuple[str, Change, Expected]] = [
    ("unknown-key-top", set_at(("colour",), "blue"), [(Code.UNKNOWN_KEY, ("colour",))]),
    ("unknown-key-network", set_at((*ARAB, "colour"), 1), [(Code.UNKNOWN_KEY, ARAB)]),
    ("unknown-key-source", set_at((*SEED, "colour"), 1), [(Code.UNKNOWN_KEY, SEED)]),
    ("unknown-key-agency", set_at((*UNDP, "colour"), 1), [(Code.UNKNOWN_KEY, UNDP)]),
    (
        "unknown-key-deep",
        set_at(("compact", "vote", "colour"), 1),
        [(Code.UNKNOWN_KEY, ("compact", "vote"))],
    ),
    (
        "unknown-key-span",
        set_at((*ASIA, "launched"), {"earliest": "2020-01-01", "latest": "2020-01-02", "x": 1}),
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
    ("missing-key-top", delete_at(("compact",)), [(Code.MISSING_KEY, ())]),
    ("missing-key-network", delete_at((*ARAB, "name")), [(Code.MISSING_KEY, (*ARAB, "name"))]),
    ("missing-key-source", delete_at((*SEED, "url")), [(Code.MISSING_KEY, (*SEED, "url"))]),
    (
        "missing-key-span",
        set_at((*ASIA, "launched"), {"earliest": "2020-01-01"}),
        [(Code.MISSING_KEY, (*ASIA, "launched", "latest"))],
    ),
    (
        "missing-key-champion-country",
        delete_at((*BANGLADESH, "country")),
        [(Code.MISSING_KEY, (*BANGLADESH, "country"))],
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
        "wrong-type-str-for-array",
        set_at((*GLOBAL, "members"), "iom"),
        [(Code.WRONG_TYPE, (*GLOBAL, "members"))],
    ),
    ("wrong-type-object-for-array", set_at(("networks",), {}), [(Code.WRONG_TYPE, ("networks",))]),
    ("wrong-type-array-for-object", set_at(("compact",), []), [(Code.WRONG_TYPE, ("compact",))]),
    ("wrong-type-record", set_at(ARAB, "europe"), [(Code.WRONG_TYPE, ARAB)]),
    (
        "wrong-type-span",
        set_at((*ASIA, "launched"), 2020),
        [(Code.WRONG_TYPE, (*ASIA, "launched"))],
    ),
    (
        "wrong-type-reference",
        set_at((*GLOBAL, "members", 1), 7),
        [(Code.WRONG_TYPE, (*GLOBAL, "members", 1))],
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
        "bad-value-name-language",
        set_at((*OBJECTIVE_1, "names", 0, "lang"), "French"),
        [(Code.BAD_VALUE, (*OBJECTIVE_1, "names", 0, "lang"))],
    ),
    (
        "bad-value-name-in-english",
        set_at((*OBJECTIVE_1, "names", 0, "lang"), "en"),
        [(Code.BAD_VALUE, (*OBJECTIVE_1, "names", 0, "lang"))],
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
        set_at((*MOZ, "citations", "launched"), ["nowhere"]),
        [(Code.DANGLING_REFERENCE, (*MOZ, "citations", "launched", 0))],
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
        "wrong-kind-network-as-event-source",
        set_at((*KICK_OFF, "sources", 0), "mozambique"),
        [(Code.WRONG_KIND, (*KICK_OFF, "sources", 0))],
    ),
    (
        "wrong-kind-agency-as-observation-source",
        set_at(("observations", ID("member-entities-2024-10-04"), "sources", 0), "iom"),
        [(Code.WRONG_KIND, ("observations", ID("member-entities-2024-10-04"), "sources", 0))],
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
        "duplicate-key-alias",
        set_at(("agencies", ID("unep"), "aliases"), ["U.N.D.P."]),
        [(Code.DUPLICATE_KEY, ("agencies", ID("unep")))],
    ),
    (
        "duplicate-key-country",
        set_at(("networks", ID("georgia"), "country", "alpha2"), "MZ"),
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
        "duplicate-key-name-in-another-language",
        set_at(
            (*HABITAT, "names"),
            [{"lang": "fr", "field": "name", "text": "UN Development Programme", "sources": []}],
        ),
        # "un-habitat" sorts before "undp": the clash is found at UNDP, whose alias it is.
        [(Code.DUPLICATE_KEY, UNDP)],
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

        The codes of files and text (unreadable, not-json, ...) are tested in test_dataset.
        """
        codes = {code for _, _, expected in BROKEN for code, _ in expected}
        files = {
            Code.UNREADABLE,
            Code.NOT_A_FILE,
            Code.TOO_LARGE,
            Code.NOT_UTF8,
            Code.NOT_JSON,
            Code.TOO_DEEP,
            Code.NOT_OBJECT,
            Code.INVALID_VALUE,
        }
        assert codes == {code for code in Code if "load" in code.stages} - files

    def test_duplicate_key_names_both_records(self, document: Document) -> None:
        """An alias that names two agencies: the problem is at one, its message names the other."""
        unep = json_path(document, ("agencies", ID("unep")))
        undp = json_path(document, UNDP)
        set_at((*UNDP, "aliases"), ["United Nations Environment Programme"])(document)
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(document)
        [problem] = caught.value.problems
        assert problem.path == unep
        assert undp in problem.message

    def test_all_problems_at_once(self, document: Document) -> None:
        """Several problems in one document are all reported in one DataError."""
        changes = ("unknown-key-top", "missing-key-source", "bad-date-span", "dangling-member")
        expected: list[tuple[str, str]] = []
        for name, change, problems in BROKEN:
            if name in changes:
                expected += _expected(document, problems)
                change(document)
        assert sorted(_problems(document)) == sorted(expected)

    def test_many_problems_in_one_array(self, document: Document) -> None:
        """Problems in several elements of one array are each reported."""
        set_at((*ARAB, "level"), "x")(document)
        set_at((*ASIA, "level"), "y")(document)
        set_at((*ASIA, "name"), None)(document)
        assert _problems(document) == [
            ("bad-value", json_path(document, (*ARAB, "level"))),
            ("wrong-type", json_path(document, (*ASIA, "name"))),
            ("bad-value", json_path(document, (*ASIA, "level"))),
        ]

    def test_failed_agency_is_reported_once(self, document: Document) -> None:
        """References to an agency that failed to load do not each add a problem."""
        set_at((*HABITAT, "kind"), "bad")(document)
        assert _problems(document) == [("bad-value", json_path(document, (*HABITAT, "kind")))]

    def test_failed_source_is_reported_once(self, document: Document) -> None:
        """References to a source that failed to load do not each add a problem."""
        set_at((*SEED, "kind"), "tertiary")(document)
        assert _problems(document) == [("bad-value", json_path(document, (*SEED, "kind")))]

    def test_a_failed_optional_array_is_reported(self, document: Document) -> None:
        """An event citing an agency as its source fails loudly: no array is emptied quietly."""
        set_at((*KICK_OFF, "sources"), ["iom"])(document)
        assert _problems(document) == [
            ("wrong-kind", json_path(document, (*KICK_OFF, "sources", 0)))
        ]

    def test_wrong_kind_says_which_kind(self, document: Document) -> None:
        """The message names the kind of record the id belongs to."""
        set_at((*MOZ, "sources", 0), "iom")(document)
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(document)
        assert caught.value.problems[0].message == "'iom' is the id of an agency, not of a source"

    def test_keys_of_mixed_types(self, document: Document) -> None:
        """Unknown keys that are not all strings are reported, not a TypeError."""
        undp = json_path(document, UNDP)
        agency = document["agencies"][ID("undp").index_in(document["agencies"])]
        agency[1] = "x"
        agency["y"] = "z"
        assert _problems(document) == [("unknown-key", undp)]

    def test_non_string_key_at_top(self, document: Document) -> None:
        """An unknown key that is not a string is reported at the root."""
        document[1] = "x"  # type: ignore[index]
        assert _problems(document) == [("unknown-key", "$")]

    def test_origin_is_none_for_mappings(self, document: Document) -> None:
        """A mapping has no file name, so the message starts with the count."""
        document["colour"] = 1
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(document)
        assert caught.value.origin is None
        assert str(caught.value).splitlines()[0] == "1 problem in the data"


class TestRequiredParts:
    """A document without one of its required parts is refused, the part named."""

    @pytest.mark.parametrize("key", ["as_of", "sources", "networks", "compact"])
    def test_missing(self, document: Document, key: str) -> None:
        """The missing key is a missing-key problem at the top."""
        del document[key]
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(document)
        missing = [p for p in caught.value.problems if p.code is Code.MISSING_KEY]
        assert [(p.path, p.message) for p in missing] == [("$", f"required key {key!r} is missing")]


class TestNothingDroppedQuietly:
    """A part that fails is reported, even where its error names no problem of its own."""

    def test_a_part_that_fails_without_a_problem(
        self, document: Document, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Should an error give no problem, the part is still named, not dropped."""
        monkeypatch.setattr(_converter, "_problems", lambda *_: [])
        document["compact"]["resolution"] = 73
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(document)
        [problem] = caught.value.problems
        assert (problem.path, problem.code) == ("$.compact", Code.INVALID_VALUE)
        assert problem.message == "this part could not be read"


class TestOptionalParts:
    """Champions, events and observations may be left out; old forms still load."""

    def test_without_the_optional_arrays(self, document: Document) -> None:
        """A document without them loads with none."""
        del document["events"], document["observations"], document["champions"]
        mine = umn.load_dataset(document)
        assert len(mine.events) == 0
        assert len(mine.observations) == 0
        assert len(mine.champions) == 0

    def test_span_object(self, document: Document) -> None:
        """A span may be written as an object with earliest, latest and is_inferred."""
        set_at((*ASIA, "launched"), {"earliest": "2020-01-01", "latest": "2020-03-31"})(document)
        set_at((*ASIA, "first_evidenced"), "2020-01-01")(document)
        launched = umn.load_dataset(document).networks.lookup("asia-pacific").launched
        assert launched == umn.DateSpan(dt.date(2020, 1, 1), dt.date(2020, 3, 31))

    def test_first_release_vote_lists(self, document: Document) -> None:
        """A vote list of plain names (the first release's form) loads, with no countries."""
        document["compact"]["voted_against"] = ["Hungary"]
        state = umn.load_dataset(document).compact.voted_against[0]
        assert state == umn.State("Hungary")

    def test_first_release_records_without_new_fields(self, document: Document) -> None:
        """A network without citations, names, co-chairs or first_evidenced loads."""
        network = document["networks"][ID("asia-pacific").index_in(document["networks"])]
        for field in ("citations", "names", "co_chairs", "first_evidenced"):
            del network[field]
        loaded = umn.load_dataset(document).networks.lookup("asia-pacific")
        assert loaded.citations == ()
        assert loaded.co_chairs == ()


class TestUnstructure:
    """Records turn back into the document's JSON form."""

    @pytest.mark.parametrize(
        "path",
        [SEED, HABITAT, GLOBAL, MOZ, ("objectives", ID(13)), ("principles", ID("a")), KICK_OFF],
        ids=str,
    )
    def test_record(self, dataset: umn.Dataset, document: Document, path: Path) -> None:
        """unstructure_record gives the record as the document writes it, references as ids."""
        kind, step = path
        assert isinstance(kind, str)
        assert isinstance(step, ID)
        raw = document[kind][step.index_in(document[kind])]
        record = dataset.registry(kind).lookup(step.key)
        assert unstructure_record(record) == raw

    def test_every_record_of_every_kind(self, dataset: umn.Dataset, document: Document) -> None:
        """Every record of every kind unstructures to its element of the document."""
        for kind in ("sources", "agencies", "networks", "champions", "events", "observations"):
            assert [unstructure_record(r) for r in dataset.registry(kind)] == document[kind]

    def test_committee_and_compact(self, dataset: umn.Dataset, document: Document) -> None:
        """The committee and the compact unstructure to their parts of the document."""
        assert unstructure_record(dataset.executive_committee) == document["executive_committee"]
        assert unstructure_record(dataset.compact) == document["compact"]


class _FailingMapping(Mapping[str, Any]):
    """A user's mapping that raises *error* when the field *broken* is read."""

    def __init__(self, data: dict[str, Any], broken: str, error: BaseException) -> None:
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


class TestFailingMappings:
    """A mapping that fails while it is read still gives DataError with the path."""

    @pytest.mark.parametrize(
        ("error", "code"),
        [(RuntimeError("database gone"), "invalid-value"), (RecursionError(), "too-deep")],
    )
    def test_field_read_fails(self, document: Document, error: BaseException, code: str) -> None:
        """A field that cannot be read is a problem at that field."""
        path = json_path(document, (*HABITAT, "name"))
        index = ID("un-habitat").index_in(document["agencies"])
        document["agencies"][index] = _FailingMapping(document["agencies"][index], "name", error)
        assert _problems(document) == [(code, path)]

    def test_document_read_fails_deeply(self, document: Document) -> None:
        """A document whose top level recurses too deeply to read is one too-deep problem."""
        failing = _FailingMapping(document, "sources", RecursionError())
        assert _problems(failing) == [("too-deep", "$")]  # type: ignore[arg-type]
