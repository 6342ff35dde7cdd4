"""The JSON Schema of the canonical document, made from the fields, never from docstrings."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files
from typing import Any

import attrs
import jsonschema
import pytest

import un_migration_network as umn
from un_migration_network._schema import DIALECT, _Builder, _default, json_schema

VALIDATOR = jsonschema.Draft202012Validator
DOCUMENT = "un_migration_network.json"


def bundled() -> dict[str, Any]:
    """The bundled document, as the package holds it."""
    text = files("un_migration_network.data").joinpath(DOCUMENT).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def index_of(document: dict[str, Any], plural: str, key: str) -> int:
    """The position of the record with id *key* in the document's array *plural*."""
    return next(i for i, record in enumerate(document[plural]) if record["id"] == key)


def problems(document: object) -> list[str]:
    """Where *document* breaks the schema: the JSON path of each problem."""
    validator = VALIDATOR(json_schema(), format_checker=VALIDATOR.FORMAT_CHECKER)
    return sorted(error.json_path for error in validator.iter_errors(document))


@attrs.frozen
class Weighed:
    """A record with a field of a type the schema does not know."""

    weights: dict[str, int]


class TestJsonSchema:
    """``json_schema()``."""

    def test_it_is_a_2020_12_schema(self) -> None:
        """The schema is itself valid in its dialect."""
        schema = json_schema()
        VALIDATOR.check_schema(schema)
        assert schema["$schema"] == DIALECT

    def test_the_bundled_document_validates(self) -> None:
        """The document the package holds fits the schema."""
        assert problems(bundled()) == []

    def test_what_to_json_writes_validates(self) -> None:
        """So does the document the library writes."""
        assert problems(json.loads(umn.load().to_json())) == []

    def test_the_same_under_python_OO(self) -> None:  # noqa: N802 - the interpreter's option
        """Without docstrings (``python -OO``), the schema is the same: fields describe it."""
        code = (
            "import json; from un_migration_network._schema import json_schema; "
            "print(json.dumps(json_schema(), sort_keys=True))"
        )
        child = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
            [sys.executable, "-OO", "-c", code], capture_output=True, text=True, check=True
        )
        assert json.loads(child.stdout) == json_schema()

    def test_the_countries_array(self) -> None:
        """Countries are an array of Country objects."""
        countries = json_schema()["properties"]["countries"]
        assert (countries["type"], countries["items"]) == ("array", {"$ref": "#/$defs/Country"})

    def test_a_reference_is_a_key(self) -> None:
        """A network's country is the country's key, a string; its members agencies' ids."""
        network = json_schema()["$defs"]["Network"]["properties"]
        assert (
            network["country"]["anyOf"][0]["type"],
            network["members"]["items"]["type"],
        ) == ("string", "string")

    def test_a_country_written_whole_is_refused(self) -> None:
        """A country written as an object inside a network does not fit."""
        document = bundled()
        at = index_of(document, "networks", "zimbabwe")
        document["networks"][at]["country"] = {"alpha2": "ZW"}
        assert problems(document) == [f"$.networks[{at}].country"]

    def test_citations_are_keyed_by_the_fields_they_cite(self) -> None:
        """The citations' keys are the record's cited fields, nothing else."""
        citations = json_schema()["$defs"]["Network"]["properties"]["citations"]
        assert ("launched" in citations["propertyNames"]["enum"]) == (
            "sources" not in citations["propertyNames"]["enum"]
        )

    def test_citing_a_field_that_does_not_exist_is_refused(self) -> None:
        """A citation of no field of the record does not fit."""
        document = bundled()
        at = index_of(document, "networks", "global")
        document["networks"][at]["citations"]["launch_date"] = ["unnm-about"]
        assert problems(document) == [f"$.networks[{at}].citations"]

    def test_a_name_stands_beside_a_named_field(self) -> None:
        """A network's names stand beside its name; not beside its id."""
        document = bundled()
        at = index_of(document, "networks", "global")
        names = document["networks"][at]["names"]
        names.append({"lang": "fr", "field": "id", "text": "x", "sources": ["unnm-about"]})
        assert problems(document) == [f"$.networks[{at}].names[{len(names) - 1}].field"]

    def test_an_unknown_key_is_refused(self) -> None:
        """A key no field has does not fit."""
        document = bundled()
        at = index_of(document, "agencies", "iom")
        document["agencies"][at]["colour"] = "blue"
        assert problems(document) == [f"$.agencies[{at}]"]

    def test_a_date_span_as_text_or_bounds(self) -> None:
        """A span is ``YYYY[-MM[-DD]]`` or an object of its two bounds."""
        document = bundled()
        at = index_of(document, "networks", "global")
        document["networks"][at]["launched"] = "2018/2019"
        assert problems(document) == [f"$.networks[{at}].launched"]

    def test_every_field_is_described(self) -> None:
        """Every property of every record has a description, from the field's declaration."""
        undescribed = [
            f"{name}.{field}"
            for name, definition in json_schema()["$defs"].items()
            for field, schema in definition.get("properties", {}).items()
            if not schema.get("description")
        ]
        assert undescribed == []

    def test_required_fields_are_those_without_a_default(self) -> None:
        """A source needs its id and address; its other fields have defaults."""
        assert json_schema()["$defs"]["Source"]["required"] == ["id", "url"]

    def test_defaults(self) -> None:
        """A field's default, as JSON writes it."""
        properties = json_schema()["$defs"]["Source"]["properties"]
        assert (properties["kind"]["default"], properties["title"]["default"]) == (
            "primary",
            None,
        )

    def test_a_list_default(self) -> None:
        """An empty tuple is an empty array."""
        properties = json_schema()["$defs"]["Network"]["properties"]
        assert properties["aliases"]["default"] == []


@attrs.frozen
class Grown:
    """A record whose default is made by a factory."""

    words: tuple[str, ...] = attrs.field(factory=tuple)


class TestBuilder:
    """The schema's parts, for types the bundled records do not have."""

    def test_an_unknown_type_is_refused(self) -> None:
        """A field of a type JSON has no schema for is a TypeError naming its class."""
        with pytest.raises(TypeError, match="Weighed"):
            _Builder().record(Weighed)

    def test_a_default_made_by_a_factory_is_left_out(self) -> None:
        """A default JSON cannot write is not in the schema; the field is still optional."""
        builder = _Builder()
        builder.record(Grown)
        definition = builder.defs["Grown"]
        assert (definition["properties"]["words"].get("default"), definition["required"]) == (
            None,
            [],
        )

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (umn.SourceKind.PRIMARY, (True, "primary")),
            ((), (True, [])),
            (None, (True, None)),
            (False, (True, False)),
            (attrs.Factory(list), (False, None)),
        ],
    )
    def test_a_default_as_json(self, value: object, expected: tuple[bool, object]) -> None:
        """A default JSON can write, as it writes it; any other is left out."""
        assert _default(value) == expected
