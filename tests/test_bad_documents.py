"""Any document at all: refused with a `DataError` that lists its problems, or loaded whole.

Whatever a document holds, `load_dataset` either refuses it with a `DataError` that lists at
least one problem, or returns a dataset that writes itself back whole: nothing is dropped
quietly, nothing half-built is returned, and no other exception escapes. Documents of the
earlier releases go through `_document.upgrade` first, and hold to the same rule.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import un_migration_network as umn
from changes import ID, Document, json_path, set_at
from strategies import (
    FUZZ_DOCUMENT,
    fresh_copy,
    hostile_documents,
    hostile_texts,
    json_values,
    mutated_documents,
)

RELEASES = {
    version: json.loads(
        (Path(__file__).parent / "data" / f"release-{version}.json").read_text(encoding="utf-8")
    )
    for version in ("0.1.0", "0.2.0")
}


def _codes(document: Document) -> list[str]:
    with pytest.raises(umn.DataError) as caught:
        umn.load_dataset(document)
    return [problem.code for problem in caught.value.problems]


def _refused_or_whole(document: Any) -> None:
    """Assert that *document* is refused with problems, or loads into a dataset that is whole.

    Whole: it keeps every record of every array the document has, writes itself back into an
    equal dataset, and validates.
    """
    try:
        dataset = umn.load_dataset(document)
    except umn.DataError as error:
        problems = error.problems
    else:
        arrays = {key: value for key, value in document.items() if isinstance(value, list)}
        counts = {key: len(dataset.registry(key)) for key in arrays}
        assert counts == {key: len(value) for key, value in arrays.items()}
        assert umn.load_dataset(json.loads(dataset.to_json())) == dataset
        report = umn.validate(dataset)
        assert report.to_dict()["ok"] is report.ok
        return
    assert problems


class TestAnyDocument:
    """Documents changed at random: refused with problems, or loaded whole."""

    @given(hostile_documents())
    def test_hostile_document(self, document: Document) -> None:
        """Drop a key, change a type, swap a reference, blank a string: refused or whole."""
        _refused_or_whole(document)

    @given(mutated_documents())
    def test_mutated_document(self, document: Document) -> None:
        """Replace, delete or insert any value: refused or whole."""
        _refused_or_whole(document)

    @given(st.data())
    def test_mutated_earlier_release(self, data: st.DataObject) -> None:
        """A document of release 0.1.0 or 0.2.0, changed at random: refused or whole."""
        base = RELEASES[data.draw(st.sampled_from(sorted(RELEASES)))]
        _refused_or_whole(data.draw(mutated_documents(base=base)))

    @given(json_values)
    def test_any_json_value(self, value: object) -> None:
        """Any JSON value is refused with DataError (none is a whole document)."""
        with pytest.raises(umn.DataError):
            umn.load_dataset(value)  # type: ignore[arg-type]


class TestSwappedReferences:
    """A key of another kind where a source, an agency or a country belongs is reported."""

    @given(st.data())
    def test_any_source_swapped_for_an_agency(self, data: st.DataObject) -> None:
        """Any record's first source swapped for an agency's id is a wrong-kind problem."""
        document = fresh_copy(FUZZ_DOCUMENT)
        kind = data.draw(
            st.sampled_from(["countries", "networks", "events", "observations", "champions"])
        )
        index = data.draw(st.integers(0, len(document[kind]) - 1))
        agency = data.draw(st.sampled_from([a["id"] for a in document["agencies"]]))
        document[kind][index]["sources"][0] = agency
        assert "wrong-kind" in _codes(document)

    @given(st.data())
    def test_any_country_swapped_for_a_source(self, data: st.DataObject) -> None:
        """A country network's country swapped for a source's id is a wrong-kind problem."""
        document = fresh_copy(FUZZ_DOCUMENT)
        networks = [n for n in document["networks"] if isinstance(n["country"], str)]
        network = data.draw(st.sampled_from(networks))
        network["country"] = data.draw(st.sampled_from([s["id"] for s in document["sources"]]))
        assert _codes(document) == ["wrong-kind"]


class TestWrongValues:
    """Values that loaded and validated in the first release, though they are wrong."""

    @given(
        hostile_texts,
        st.sampled_from(
            [
                ("networks", ID("mozambique"), "id"),
                ("networks", ID("arab-region"), "name"),
                ("sources", ID("seed-iom-mozambique-2022"), "url"),
                ("sources", ID("seed-iom-mozambique-2022"), "title"),
                ("agencies", ID("iom"), "acronym"),
                ("countries", ID("MZ"), "name"),
                ("countries", ID("AE"), "aliases", 0),
                ("objectives", ID(1), "names", 0, "text"),
            ]
        ),
    )
    def test_hostile_text_anywhere(self, text: str, path: tuple[Any, ...]) -> None:
        """A blank text, a control character or a lone surrogate is a bad-text problem."""
        document = fresh_copy(FUZZ_DOCUMENT)
        set_at(path, text)(document)
        assert "bad-text" in _codes(document)

    def test_surrogate_never_reaches_to_json(self, document: Document) -> None:
        """The first release loaded a lone surrogate and then failed to encode it."""
        set_at(("networks", ID("mozambique"), "aliases"), ["\udc80"])(document)
        assert _codes(document) == ["bad-text"]

    @pytest.mark.parametrize(
        ("path", "value", "code", "subject"),
        [
            (("countries", ID("MZ"), "m49"), -508, "bad-country-code", "country-MZ"),
            (("objectives", ID(1), "paragraph"), -17, "objective-paragraph", "objective-1"),
            (("principles", ID("a"), "paragraph"), -15, "negative-count", "principle-a"),
            (("compact", "review_forum", "cadence_years"), -4, "negative-count", "imrf"),
            (("networks", ID("mozambique"), "launched"), "2099", "after-as-of", "mozambique"),
            (
                ("events", ID("mozambique-kick-off-meeting"), "date"),
                "2099-01-01",
                "after-as-of",
                "mozambique-kick-off-meeting",
            ),
        ],
        ids=str,
    )
    def test_validation_errors(
        self, document: Document, path: tuple[Any, ...], value: object, code: str, subject: str
    ) -> None:
        """Negative codes and paragraphs, a cadence below one, dates after as_of: errors."""
        set_at(path, value)(document)
        report = umn.validate(umn.load_dataset(document))
        assert (code, subject) in {(str(p.code), p.subject) for p in report.errors}

    def test_json_path_of_a_country(self, document: Document) -> None:
        """A country's problem is at its place in the countries array, found by its code."""
        path = ("countries", ID("MZ"), "m49")
        where = json_path(document, path)
        set_at(path, "508")(document)
        with pytest.raises(umn.DataError) as caught:
            umn.load_dataset(document)
        assert [p.path for p in caught.value.problems] == [where]
