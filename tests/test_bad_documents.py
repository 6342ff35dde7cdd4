"""Issue #10, classes 1 and 2: documents with wrong-kind references and wrong values.

Whatever a document holds, `load_dataset` either refuses it with a `DataError` that lists at
least one problem, or returns a dataset that writes itself back whole: nothing is dropped
quietly, nothing half-built is returned.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import un_migration_network as umn
from changes import ID, Document, json_path, set_at
from strategies import BUNDLED_DOCUMENT, hostile_documents, hostile_texts


def _codes(document: Document) -> list[str]:
    with pytest.raises(umn.DataError) as caught:
        umn.load_dataset(document)
    return [problem.code for problem in caught.value.problems]


class TestAnyHostileDocument:
    """The fuzz of issue #10: drop a key, change a type, swap a reference, blank a string."""

    @settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
    @given(hostile_documents())
    def test_refused_or_whole(self, document: Document) -> None:
        """A DataError with problems, or a dataset whose JSON round-trips and encodes."""
        try:
            dataset = umn.load_dataset(document)
        except umn.DataError as error:
            problems = error.problems
            assert problems
            return
        text = dataset.to_json()
        assert text.encode("utf-8")
        assert umn.load_dataset(json.loads(text)) == dataset
        assert umn.validate(dataset).to_dict()["ok"] in (True, False)

    @settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
    @given(hostile_documents(max_changes=1))
    def test_nothing_dropped_quietly(self, document: Document) -> None:
        """A loaded document keeps every record of every array it had."""
        try:
            dataset = umn.load_dataset(document)
        except umn.DataError:
            return
        for key, value in document.items():
            if isinstance(value, list):
                assert len(dataset.registry(key)) == len(value), key


class TestWrongKindReferences:
    """An id of another kind where a source or an agency belongs is a wrong-kind problem."""

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            (("networks", ID("mozambique"), "sources", 0), "iom"),
            (("networks", ID("mozambique"), "members", 0), "seed-iom-mozambique-2022"),
            (("networks", ID("mozambique"), "coordinator"), "unsd-m49"),
            (("executive_committee", "coordinator"), "seed-iom-mozambique-2022"),
            (("events", ID("mozambique-kick-off-meeting"), "sources", 0), "iom"),
            (("observations", ID("member-entities-2024-10-04"), "sources", 0), "global"),
            (("champions", ID("kenya"), "sources", 0), "kenya"),
            (("agencies", ID("iom"), "sources", 0), "mozambique"),
        ],
        ids=str,
    )
    def test_wrong_kind(self, document: Document, path: tuple[Any, ...], value: str) -> None:
        """One problem, at the reference, saying which kind the id belongs to."""
        where = json_path(document, path)
        set_at(path, value)(document)
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(document)
        problems = [(p.code, p.path) for p in caught.value.problems]
        assert problems == [("wrong-kind", where)]

    @settings(max_examples=100)
    @given(st.data())
    def test_any_swap_is_reported(self, data: st.DataObject) -> None:
        """Any source reference swapped for an agency's id is reported, never dropped."""
        document = json.loads(json.dumps(BUNDLED_DOCUMENT))
        kind = data.draw(st.sampled_from(["networks", "events", "observations", "champions"]))
        index = data.draw(st.integers(0, len(document[kind]) - 1))
        agency = data.draw(st.sampled_from([a["id"] for a in document["agencies"]]))
        document[kind][index]["sources"][0] = agency
        assert "wrong-kind" in _codes(document)


class TestWrongValues:
    """Values that loaded and validated in the first release, though they are wrong."""

    @settings(max_examples=100)
    @given(hostile_texts, st.sampled_from(["id", "name", "url", "title", "acronym"]))
    def test_hostile_text_anywhere(self, text: str, field: str) -> None:
        """A blank text, a control character or a lone surrogate is a bad-text problem."""
        document = json.loads(json.dumps(BUNDLED_DOCUMENT))
        holder = {
            "id": document["networks"][5],
            "name": document["networks"][5],
            "url": document["sources"][3],
            "title": document["sources"][3],
            "acronym": document["agencies"][7],
        }[field]
        holder[field] = text
        assert "bad-text" in _codes(document)

    def test_surrogate_never_reaches_to_json(self, document: Document) -> None:
        """The first release loaded a lone surrogate and then failed to encode it."""
        set_at(("networks", ID("mozambique"), "aliases"), ["\udc80"])(document)
        assert _codes(document) == ["bad-text"]

    @pytest.mark.parametrize(
        ("path", "value", "code"),
        [
            (("networks", ID("mozambique"), "country", "m49"), -508, "bad-country-code"),
            (("objectives", ID(1), "paragraph"), -17, "objective-paragraph"),
            (("principles", ID("a"), "paragraph"), -15, "negative-count"),
            (("compact", "review_forum", "cadence_years"), -4, "negative-count"),
            (("networks", ID("mozambique"), "launched"), "2099", "after-as-of"),
            (("events", ID("mozambique-kick-off-meeting"), "date"), "2099-01-01", "after-as-of"),
        ],
        ids=str,
    )
    def test_validation_errors(
        self, document: Document, path: tuple[Any, ...], value: object, code: str
    ) -> None:
        """Negative codes and paragraphs, a cadence below one, dates after as_of: errors."""
        set_at(path, value)(document)
        report = umn.validate(umn.load_dataset(document))
        assert code in {p.code for p in report.errors}
