"""Tests for the records (`_records`, `_fields`) and the record classes' shared behaviour.

Every record class is checked through the records the bundled data holds, found by walking
the dataset and the records' fields: a new record class is checked without new test code.
"""

from __future__ import annotations

import copy
import datetime as dt
import inspect
import json
import pickle
from collections.abc import Callable, Iterator
from typing import Any, assert_type

import attrs
import pytest

import un_migration_network as umn
from un_migration_network import DateSpan, _fields
from un_migration_network._fields import field, record
from un_migration_network._networks import member_count
from un_migration_network._records import (
    SOURCES,
    Record,
    Sourced,
    cited_fields,
    language_code,
    names_of,
)

# Every record class of the package, by name: the walk below must find one record of each.
_RECORD_CLASSES = {
    "Agency",
    "Champion",
    "Citation",
    "Compact",
    "Country",
    "Event",
    "ExecutiveCommittee",
    "GuidingPrinciple",
    "Membership",
    "Name",
    "Network",
    "Objective",
    "Observation",
    "ReviewForum",
    "ReviewForumEdition",
    "Snapshot",
    "Source",
    "State",
    "Vote",
}


def _inside(value: object) -> Iterator[Record]:
    """The records *value* is or holds, itself first, then those of its fields, depth first."""
    if isinstance(value, Record):
        yield value
        cl: type = type(value)
        for attribute in attrs.fields(cl):
            yield from _inside(getattr(value, attribute.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _inside(item)


def _one_of_each() -> dict[type, Record]:
    """The first record of each class met when walking the bundled dataset."""
    found: dict[type, Record] = {}
    for _, walked in umn.load().walk():
        for held in _inside(walked):
            found.setdefault(type(held), held)
    return found


_SAMPLES = _one_of_each()
_CLASSES = sorted(_SAMPLES, key=lambda cl: cl.__name__)


def _record_classes() -> set[str]:
    """The names of the package's attrs classes that subclass Record, however deep."""
    found: set[str] = set()
    pending: list[type] = [Record]
    while pending:
        cl = pending.pop()
        sub: type
        for sub in cl.__subclasses__():
            pending.append(sub)
            if attrs.has(sub) and sub.__module__.startswith("un_migration_network."):
                found.add(sub.__name__)
    return found


def _sourced() -> Iterator[Any]:
    """Every bundled record with sources, found by walking the dataset and the fields."""
    seen: set[int] = set()
    for _, walked in umn.load().walk():
        for held in _inside(walked):
            if isinstance(held, Sourced) and id(held) not in seen:
                seen.add(id(held))
                yield held


class TestRecordClasses:
    """Every record class is frozen, slotted, hashable, compared and copied by value."""

    def test_walk_finds_every_class(self) -> None:
        """The bundled data holds a record of every record class, and the list is whole."""
        assert {cl.__name__ for cl in _SAMPLES} == _RECORD_CLASSES
        assert _record_classes() == _RECORD_CLASSES

    @pytest.mark.parametrize("cl", _CLASSES, ids=lambda cl: cl.__name__)
    def test_frozen(self, cl: type) -> None:
        """Assigning to or deleting any field of a bundled record raises FrozenInstanceError."""
        sample = _SAMPLES[cl]
        for attribute in attrs.fields(cl):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(sample, attribute.name, getattr(sample, attribute.name))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(sample, attrs.fields(cl)[0].name)

    @pytest.mark.parametrize("cl", _CLASSES, ids=lambda cl: cl.__name__)
    def test_slotted(self, cl: type) -> None:
        """Records have no __dict__, so no attribute can be added."""
        assert not hasattr(_SAMPLES[cl], "__dict__")
        assert "__slots__" in vars(cl)

    @pytest.mark.parametrize("cl", _CLASSES, ids=lambda cl: cl.__name__)
    def test_equal_copy(self, cl: type) -> None:
        """A copy with the same fields is equal, hashes the same, and is another object."""
        sample = _SAMPLES[cl]
        twin = attrs.evolve(sample)  # type: ignore[misc]
        assert twin == sample
        assert hash(twin) == hash(sample)
        assert twin is not sample

    @pytest.mark.parametrize("cl", _CLASSES, ids=lambda cl: cl.__name__)
    def test_deep_copy(self, cl: type) -> None:
        """A deep copy is equal and hashes the same."""
        sample = _SAMPLES[cl]
        twin = copy.deepcopy(sample)
        assert twin == sample
        assert hash(twin) == hash(sample)

    @pytest.mark.parametrize("cl", _CLASSES, ids=lambda cl: cl.__name__)
    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    def test_pickles(self, cl: type, protocol: int) -> None:
        """A record pickles with any protocol into an equal record."""
        sample = _SAMPLES[cl]
        assert pickle.loads(pickle.dumps(sample, protocol=protocol)) == sample  # noqa: S301

    @pytest.mark.parametrize("cl", _CLASSES, ids=lambda cl: cl.__name__)
    def test_a_changed_field_is_another_record(self, cl: type) -> None:
        """Changing the first field gives a record that is not equal."""
        sample = _SAMPLES[cl]
        first = attrs.fields(cl)[0]
        changed = "other" if getattr(sample, first.name) == "changed" else "changed"
        twin = attrs.evolve(sample, **{first.name: changed})  # type: ignore[misc]
        assert twin != sample

    @pytest.mark.parametrize("cl", _CLASSES, ids=lambda cl: cl.__name__)
    def test_never_equal_to_another_type(self, cl: type) -> None:
        """A record is not equal to a value of another type, its own field values included."""
        sample = _SAMPLES[cl]
        assert sample != attrs.astuple(sample, recurse=False)  # type: ignore[arg-type]
        assert sample != object()

    def test_equal_records_of_two_classes_differ(self) -> None:
        """Two records of different classes are never equal, even with the same fields."""
        source = umn.load().sources.lookup("unsd-m49")
        citation = umn.Citation("id", (source,))
        name = umn.Name("en", "id", "x", (source,))
        assert citation != name
        assert (citation == name) is False

    def test_the_same_record_is_equal_to_itself(self) -> None:
        """A record equals itself (without comparing its fields)."""
        network = umn.networks.lookup("global")
        assert network == network  # noqa: PLR0124 - equality itself is under test

    def test_equal_across_datasets(self) -> None:
        """A record of a user's copy of the bundled data equals the bundled record."""
        mine = umn.load_dataset(json.loads(umn.load().to_json()))
        assert mine.networks.lookup("MZ") == umn.networks.lookup("MZ")
        assert mine.networks.lookup("MZ") is not umn.networks.lookup("MZ")


class TestRepr:
    """Records have a short repr that names them by their key fields."""

    @pytest.mark.parametrize(
        ("find", "expected"),
        [
            (lambda ds: ds.sources.lookup("unsd-m49"), "Source(id='unsd-m49')"),
            (lambda ds: ds.champions.lookup("Kenya"), "Champion(id='kenya')"),
            (
                lambda ds: ds.events.lookup("mozambique-kick-off-meeting"),
                "Event(id='mozambique-kick-off-meeting', date=DateSpan('2022-02-16'))",
            ),
            (
                lambda ds: ds.observations.lookup("member-entities-2024-10-04"),
                "Observation(id='member-entities-2024-10-04', value=39)",
            ),
            (lambda ds: ds.agencies.lookup("iom"), "Agency(id='iom', acronym='IOM')"),
            (
                lambda ds: ds.networks.lookup("MZ"),
                (
                    "Network(id='mozambique', name='United Nations Network on Migration in "
                    "Mozambique', level=<NetworkLevel.COUNTRY: 'country'>)"
                ),
            ),
            (
                lambda ds: ds.executive_committee,
                (
                    "ExecutiveCommittee(as_of=datetime.date(2022, 2, 15), members=('IOM', 'ILO', "
                    "'UNHCR', 'UNICEF', 'OHCHR', 'UNDP', 'UNODC', 'DESA', 'WHO'))"
                ),
            ),
            (
                lambda ds: ds.objectives.lookup(13),
                "Objective(number=13, short_label='Alternatives to detention')",
            ),
            (
                lambda ds: ds.principles.lookup("a"),
                "GuidingPrinciple(letter='a', name='People-centred')",
            ),
            (lambda ds: ds.compact, "Compact(acronym='GCM', resolution='A/RES/73/195')"),
            (
                lambda ds: ds.countries.lookup("CI"),
                "Country(alpha2='CI', name='Côte d’Ivoire', alpha3='CIV')",
            ),
            (
                lambda ds: ds.compact.vote,
                "Vote(in_favour=152, against=5, abstentions=12, non_voting=24)",
            ),
            (
                lambda ds: ds.compact.voted_against[0],
                (
                    "State(as_written='Czech Republic', "
                    "country=Country(alpha2='CZ', name='Czechia', alpha3='CZE'))"
                ),
            ),
        ],
    )
    def test_repr(self, find: Callable[[umn.Dataset], object], expected: str) -> None:
        """Each repr shows the fields marked for it, as their reprs."""
        assert repr(find(umn.load())) == expected

    @pytest.mark.parametrize("cl", _CLASSES, ids=lambda cl: cl.__name__)
    def test_starts_with_the_class(self, cl: type) -> None:
        """Every record's repr names its class."""
        assert repr(_SAMPLES[cl]).startswith(f"{cl.__name__}(")


class TestText:
    """Records print as a person would name them."""

    @pytest.mark.parametrize(
        ("find", "expected"),
        [
            (
                lambda ds: ds.networks.lookup("mozambique"),
                "United Nations Network on Migration in Mozambique",
            ),
            (
                lambda ds: ds.agencies.lookup("iom"),
                "IOM (International Organization for Migration)",
            ),
            (
                lambda ds: ds.objectives.lookup(1),
                (
                    "Objective 1: Collect and utilize accurate and disaggregated data as a "
                    "basis for evidence-based policies"
                ),
            ),
            (lambda ds: ds.principles.lookup("a"), "Guiding principle (a): People-centred"),
            (lambda ds: ds.compact, "Global Compact for Safe, Orderly and Regular Migration (GCM)"),
            # A State as the record of the vote writes it, not as M49 names it ("Czechia").
            (lambda ds: ds.compact.voted_against[0], "Czech Republic"),
            (lambda ds: ds.countries.lookup("CZ"), "Czechia"),
            (lambda ds: ds.champions.lookup("Kenya"), "Kenya"),
            (
                lambda ds: ds.events.lookup("mozambique-kick-off-meeting"),
                "2022-02-16: Kick-off meeting",
            ),
        ],
    )
    def test_str(self, find: Callable[[umn.Dataset], object], expected: str) -> None:
        """Each kind of record prints its name."""
        assert str(find(umn.load())) == expected


class TestHtml:
    """A record's HTML view checks its language first."""

    @pytest.mark.parametrize("cl", _CLASSES, ids=lambda cl: cl.__name__)
    def test_notebook_view_is_the_html(self, cl: type) -> None:
        """_repr_html_ is to_html() in English."""
        sample = _SAMPLES[cl]
        assert sample._repr_html_() == sample.to_html()
        assert sample.to_html(lang="EN") == sample.to_html()

    @pytest.mark.parametrize("lang", [None, 3, b"fr"], ids=repr)
    def test_lang_not_text(self, lang: object) -> None:
        """A language that is not a string is a TypeError (issue 21, fault 14)."""
        with pytest.raises(TypeError, match="ISO 639-1"):
            umn.agencies.lookup("IOM").to_html(lang=lang)  # type: ignore[arg-type]

    @pytest.mark.parametrize("lang", ["french", "f", "", "e1", "ﬀ"])
    def test_lang_not_a_code(self, lang: str) -> None:
        """A language that is no ISO 639-1 code is a ValueError."""
        with pytest.raises(ValueError, match="ISO 639-1"):
            umn.networks.lookup("MZ").to_html(lang=lang)


class TestLanguageCode:
    """language_code reads an ISO 639-1 code."""

    @pytest.mark.parametrize(("lang", "code"), [("fr", "fr"), ("FR", "fr"), ("Zh", "zh")])
    def test_codes(self, lang: str, code: str) -> None:
        """A code is given back in lower case."""
        assert language_code(lang) == code

    @pytest.mark.parametrize("lang", ["french", "f", "", "e1", "é", "ﬀ", " fr"])
    def test_not_a_code(self, lang: str) -> None:
        """Anything that is not two ASCII letters is a ValueError that quotes it."""
        with pytest.raises(ValueError, match=rf"such as 'fr' or 'es', got {lang!r}$"):
            language_code(lang)

    @pytest.mark.parametrize("lang", [None, 3, ("fr",)], ids=repr)
    def test_not_text(self, lang: object) -> None:
        """A language that is not a string is a TypeError that names its type."""
        with pytest.raises(TypeError, match=rf"got {type(lang).__name__}$"):
            language_code(lang)


class TestCite:
    """cite(field): the sources of one field, a subset of the record's sources."""

    def test_mozambique_launch(self) -> None:
        """The seed is the source of Mozambique's launch."""
        network = umn.networks.lookup("mozambique")
        assert [s.id for s in network.cite("launched")] == ["seed-iom-mozambique-2022"]

    def test_country_from_m49(self) -> None:
        """A country network's country comes from the M49 table."""
        assert [s.id for s in umn.networks.lookup("MZ").cite("country")] == ["unsd-m49"]

    def test_uncited_field(self) -> None:
        """A field no source is cited for gives ()."""
        assert umn.networks.lookup("mozambique").cite("decided") == ()

    def test_record_without_citations(self) -> None:
        """A record that cites no field gives () for each."""
        source = umn.load().sources.lookup("unsd-m49")
        bare = umn.Champion("atlantis", umn.countries.lookup("KE"), (source,))
        assert bare.cite("since") == ()

    @pytest.mark.parametrize("name", ["lunched", "", "country_code", 7, None], ids=repr)
    def test_not_a_field(self, name: object) -> None:
        """A name that is no field of the record is a ValueError that lists the fields."""
        with pytest.raises(ValueError, match=r"^Network has no field .*; its fields are id, name,"):
            umn.networks.lookup("mozambique").cite(name)  # type: ignore[arg-type]

    def test_in_a_language(self) -> None:
        """With lang, the sources of the field's name in that language, each once."""
        unhcr = umn.agencies.lookup("UNHCR")
        assert [s.id for s in unhcr.cite("name", lang="es")] == [
            "wfp-es-agencias-onu",
            "heraldo-tabasco-onu-migrantes-transporte",
        ]

    def test_in_a_language_no_source_gives(self) -> None:
        """A language no source names the field in gives ()."""
        assert umn.agencies.lookup("UNHCR").cite("name", lang="zh") == ()

    def test_english_is_the_field_itself(self) -> None:
        """lang="en" (in any case) gives the field's own citations."""
        kenya = umn.countries.lookup("KE")
        assert kenya.cite("name", lang="EN") == kenya.cite("name")
        assert kenya.cite("name", lang="en") == kenya.cite("name")

    def test_a_country_name_in_french(self) -> None:
        """A country's French name cites its tables, each source once."""
        kenya = umn.countries.lookup("KE")
        assert [s.id for s in kenya.cite("name", lang="fr")] == [
            "unsd-m49",
            "datasets-country-codes",
            "ocha-countries-territories",
            "unterm",
        ]

    @pytest.mark.parametrize("lang", ["french", "f", "", "e1"])
    def test_bad_language(self, lang: str) -> None:
        """A language that is no ISO 639-1 code is a ValueError."""
        with pytest.raises(ValueError, match="ISO 639-1"):
            umn.agencies.lookup("UNHCR").cite("name", lang=lang)

    def test_language_of_another_type(self) -> None:
        """A language that is not a string is a TypeError."""
        with pytest.raises(TypeError, match="ISO 639-1"):
            umn.agencies.lookup("UNHCR").cite("name", lang=3)  # type: ignore[arg-type]

    def test_every_source_is_a_source_of_the_record(self) -> None:
        """Every source cite() returns is one of the record's sources.

        For every record, every field that may be cited, in every language the record has.
        """
        for sourced in _sourced():
            own = set(sourced.sources)
            for name in cited_fields(type(sourced)):
                for lang in sourced.languages():
                    cited = sourced.cite(name, lang=lang)
                    assert set(cited) <= own, (sourced, name, lang)

    def test_type(self) -> None:
        """A citation is a tuple of sources."""
        assert_type(umn.networks.lookup("MZ").cite("launched"), tuple[umn.Source, ...])


class TestNamesInLanguages:
    """name_in, acronym_in, title_in, short_label_in, text_in: as a source writes them."""

    def test_contract(self) -> None:
        """The examples the languages issue names."""
        assert umn.agencies.lookup("OIT").acronym == "ILO"
        assert umn.networks.lookup("Red de las Naciones Unidas sobre la Migración").id == "global"
        assert umn.objectives.lookup(1).short_label_in("es") == "Datos"
        assert umn.compact.name_in("fr") == (
            "Pacte mondial pour des migrations sûres, ordonnées et régulières"
        )

    @pytest.mark.parametrize(
        ("find", "expected"),
        [
            (
                lambda: umn.networks.lookup("global").name_in("es"),
                "Red de las Naciones Unidas sobre la Migración",
            ),
            (lambda: umn.principles.lookup("a").name_in("fr"), "Priorité à la dimension humaine"),
            (
                lambda: umn.compact.review_forum.name_in("fr"),
                "Forum d'examen des migrations internationales",
            ),
            (
                lambda: umn.objectives.lookup(1).title_in("es"),
                (
                    "Recopilar y utilizar datos exactos y desglosados para formular políticas "
                    "con base empírica"
                ),
            ),
            (lambda: umn.objectives.lookup(1).title_in("ru"), None),
            (lambda: umn.agencies.lookup("IOM").acronym_in("fr"), "OIM"),
        ],
    )
    def test_readers(self, find: Callable[[], str | None], expected: str | None) -> None:
        """Each kind's readers of names in a language."""
        assert find() == expected

    def test_english_is_the_field(self) -> None:
        """The language "en" gives the English field itself."""
        iom = umn.agencies.lookup("IOM")
        assert iom.name_in("en") == iom.name
        assert iom.acronym_in("en") == "IOM"
        assert iom.text_in("name", "EN") == iom.name

    def test_none_where_no_source_gives_it(self) -> None:
        """No source gives these: None, never a translation or another language."""
        assert umn.agencies.lookup("IOM").name_in("zh") is None
        assert umn.objectives.lookup(1).title_in("ru") is None
        assert umn.networks.lookup("algeria").text_in("name", "de") is None

    def test_first_of_two_wordings(self) -> None:
        """Where two sources word a name differently, the first is given; both find it."""
        unhcr = umn.agencies.lookup("UNHCR")
        french = [n.text for n in unhcr.names if n.lang == "fr" and n.field == "name"]
        assert len(french) == 2
        assert unhcr.name_in("fr") == french[0]
        for text in french:
            assert umn.agencies.lookup(text) is unhcr

    @pytest.mark.parametrize("lang", [None, 3], ids=repr)
    def test_language_of_another_type(self, lang: object) -> None:
        """A language that is not a string is a TypeError."""
        with pytest.raises(TypeError, match="ISO 639-1"):
            umn.agencies.lookup("UNHCR").name_in(lang)  # type: ignore[arg-type]

    def test_bad_language(self) -> None:
        """A language that is no code is a ValueError."""
        with pytest.raises(ValueError, match="ISO 639-1"):
            umn.objectives.lookup(1).text_in("title", "spanish")

    @pytest.mark.parametrize(
        ("find", "expected"),
        [
            (lambda: umn.principles.lookup("a"), ("en", "es", "fr", "zh")),
            (lambda: umn.networks.lookup("algeria"), ("en",)),
            (lambda: umn.countries.lookup("KE"), ("en", "ar", "es", "fr", "ru", "zh")),
            # A Champion has no names of its own: its country has them.
            (lambda: umn.champions.lookup("Kenya"), ("en",)),
        ],
    )
    def test_languages(self, find: Callable[[], Sourced], expected: tuple[str, ...]) -> None:
        """languages() lists English first, then the languages a source gives, sorted."""
        assert find().languages() == expected

    def test_every_name_has_a_source(self) -> None:
        """No name in another language is without a source."""
        for sourced in _sourced():
            for name in getattr(sourced, "names", ()):
                assert name.sources, (sourced, name.text)

    def test_names_of(self) -> None:
        """names_of gives the texts of a record's names, for its lookup keys."""
        unhcr = umn.agencies.lookup("UNHCR")
        assert names_of(unhcr) == tuple(name.text for name in unhcr.names)
        assert "ACNUR" in names_of(unhcr)

    def test_types(self) -> None:
        """The name readers return text or None."""
        assert_type(umn.agencies.lookup("IOM").name_in("fr"), str | None)
        assert_type(umn.agencies.lookup("IOM").text_in("name", "fr"), str | None)
        assert_type(umn.agencies.lookup("IOM").languages(), tuple[str, ...])


class TestSource:
    """Source, its kind, and its words in views."""

    def test_fields(self) -> None:
        """A source's fields, as the M49 page gives them."""
        m49 = umn.load().sources.lookup("unsd-m49")
        assert m49.url == "https://unstats.un.org/unsd/methodology/m49/overview/"
        assert m49.publisher == "United Nations Statistics Division"
        assert m49.kind is umn.SourceKind.PRIMARY

    def test_kinds(self) -> None:
        """A source is primary or secondary."""
        assert [kind.value for kind in umn.SourceKind] == ["primary", "secondary"]

    def test_short_and_long(self) -> None:
        """A source is shown by its title (or publisher, or address), and its address."""
        unterm = umn.load().sources.lookup("unterm")
        assert unterm._short("en") == unterm.title == "unterm-efsrca.xlsx"
        assert unterm._long("en") == unterm.url

    @pytest.mark.parametrize(
        ("title", "publisher", "expected"),
        [(None, "UNSD", "UNSD"), (None, None, "https://example.org/"), ("T", "UNSD", "T")],
    )
    def test_short_falls_back(
        self, title: str | None, publisher: str | None, expected: str
    ) -> None:
        """Without a title, the publisher; without either, the address."""
        source = umn.Source("x", "https://example.org/", title=title, publisher=publisher)
        assert source._short("en") == expected

    def test_defaults(self) -> None:
        """A source needs only an id and an address."""
        source = umn.Source("x", "https://example.org/")
        assert source.published is None
        assert source.kind is umn.SourceKind.PRIMARY

    def test_kind_of_sources(self) -> None:
        """Sources are found by id and address, and are not searched."""
        m49 = umn.load().sources.lookup("unsd-m49")
        assert tuple(SOURCES.keys(m49)) == (m49.id, m49.url)
        assert SOURCES.is_searchable is False
        assert SOURCES.is_referenced is True
        assert umn.load().sources.lookup(m49.url) is m49


class TestNameAndCitation:
    """Name and Citation, the records every other record holds."""

    def test_name_fields(self) -> None:
        """A name has its language, field, text, sources and naming standard."""
        kenya = umn.countries.lookup("KE")
        [formal] = [n for n in kenya.names if n.lang == "fr" and n.field == "formal_name"]
        assert formal.text == "la République du Kenya"
        assert formal.scheme == "unterm"
        assert [s.id for s in formal.sources] == ["unterm", "datasets-country-codes"]

    def test_name_scheme_is_optional(self) -> None:
        """A name of an agency belongs to no naming standard."""
        [acronym] = [n for n in umn.agencies.lookup("ILO").names if n.field == "acronym"][:1]
        assert acronym.text == "OIT"
        assert acronym.scheme is None

    def test_citation_fields(self) -> None:
        """A citation names one field and its sources."""
        network = umn.networks.lookup("MZ")
        [citation] = [c for c in network.citations if c.field == "launched"]
        assert [s.id for s in citation.sources] == ["seed-iom-mozambique-2022"]

    def test_every_citation_names_a_field(self) -> None:
        """Every citation of every record names a field of that record that may be cited."""
        for sourced in _sourced():
            fields = cited_fields(type(sourced))
            for citation in getattr(sourced, "citations", ()):
                assert citation.field in fields, (sourced, citation.field)

    def test_cited_fields(self) -> None:
        """The fields a citation may name leave out sources, names and citations."""
        fields = cited_fields(umn.Network)
        assert fields[:3] == ("id", "name", "level")
        assert "sources" not in fields
        assert "names" not in fields
        assert "citations" not in fields


class TestFieldMetadata:
    """What a field says of itself, read from its declaration."""

    @staticmethod
    def _field(cl: type, name: str) -> attrs.Attribute[Any]:
        found: attrs.Attribute[Any] = attrs.fields_dict(cl)[name]
        return found

    def test_doc(self) -> None:
        """doc() is the field's description."""
        assert _fields.doc(self._field(umn.Network, "id")) == "Stable key, lowercase."

    def test_doc_of_a_plain_attrs_field(self) -> None:
        """A field declared without `field` has no description."""
        assert _fields.doc(self._field(DateSpan, "earliest")) == ""

    @pytest.mark.parametrize(
        ("cl", "name", "expected"),
        [
            (umn.Network, "declared_member_count", "declared members"),
            (umn.Network, "first_evidenced", "first evidenced"),
            (umn.Country, "alpha2", "ISO alpha-2"),
            (umn.Country, "sub_region", "sub-region"),
        ],
    )
    def test_label(self, cl: type, name: str, expected: str) -> None:
        """label() is the field's label, or its name with spaces."""
        assert _fields.label(self._field(cl, name)) == expected

    def test_label_of_a_name(self) -> None:
        """label() of a plain name puts spaces for underscores."""
        assert _fields.label("first_evidenced") == "first evidenced"

    @pytest.mark.parametrize(
        ("cl", "name", "expected"),
        [
            (umn.Network, "name", True),
            (umn.Network, "id", False),
            (umn.Country, "formal_name", True),
        ],
    )
    def test_is_named(self, cl: type, name: str, expected: bool) -> None:
        """Only fields that may have names in other languages say so."""
        assert _fields.is_named(self._field(cl, name)) is expected

    @pytest.mark.parametrize(
        ("cl", "name", "expected"),
        [
            (umn.Network, "launched", True),
            (umn.Network, "sources", False),
            (umn.Network, "names", False),
            (umn.Network, "citations", False),
            (umn.Citation, "sources", False),
            (DateSpan, "earliest", True),
        ],
    )
    def test_is_cited(self, cl: type, name: str, expected: bool) -> None:
        """Sources, names and citations cite nothing; other fields may be cited."""
        assert _fields.is_cited(self._field(cl, name)) is expected

    @pytest.mark.parametrize(
        ("cl", "name", "expected"),
        [
            (umn.Network, "members", "not listed"),
            (umn.Network, "launched", "not known"),
            (umn.Network, "name", None),
        ],
    )
    def test_empty_text(self, cl: type, name: str, expected: str | None) -> None:
        """What an empty value means, where a view must say it."""
        assert _fields.empty_text(self._field(cl, name)) == expected

    @pytest.mark.parametrize(
        ("cl", "name", "expected"),
        [(umn.ReviewForumEdition, "dates", True), (umn.Network, "launched", False)],
    )
    def test_is_scheduled(self, cl: type, name: str, expected: bool) -> None:
        """Only a forum's dates may lie ahead of the data's as-of date."""
        assert _fields.is_scheduled(self._field(cl, name)) is expected

    @pytest.mark.parametrize("cl", _CLASSES, ids=lambda cl: cl.__name__)
    def test_every_field_is_described(self, cl: type) -> None:
        """Every field of every record class says what it holds (the docs and schema show it)."""
        for attribute in attrs.fields(cl):
            assert _fields.doc(attribute), f"{cl.__name__}.{attribute.name}"


class TestDocstring:
    """`record` writes a Google-style "Attributes:" section from the fields' descriptions."""

    @pytest.mark.parametrize("cl", _CLASSES, ids=lambda cl: cl.__name__)
    def test_every_field_listed(self, cl: type) -> None:
        """The section lists every field with its description, in field order."""
        text = cl.__doc__
        assert text is not None
        section = text.split("Attributes:\n", 1)[1]
        for attribute in attrs.fields(cl):
            line = f"{attribute.name}: {_fields.doc(attribute)}\n"
            assert line in section, f"{cl.__name__}.{attribute.name}"

    def test_section_before_the_examples(self) -> None:
        """The section stands between the summary and the examples, after a blank line."""
        assert umn.Network.__doc__ is not None
        # Indented as the docstring is (Python 3.13 strips a docstring's indentation).
        text = inspect.cleandoc(umn.Network.__doc__)
        assert text.index("\n\nAttributes:\n    id: Stable key, lowercase.\n") < text.index(">>>")

    def test_section_of_a_class_without_examples(self) -> None:
        """A docstring without examples ends with the section, after a blank line."""
        assert umn.Citation.__doc__ == (
            "The sources that support one field of a record.\n"
            "\n"
            "    Attributes:\n"
            "        field: The name of the field.\n"
            "        sources: The sources that support its value.\n"
        )

    def test_unindented_docstring(self) -> None:
        """A docstring without indentation (Python 3.13 strips it) gets a section without it."""

        @record
        class Plain(Record):
            __doc__ = "A plain record.\n\nMore words.\n\n>>> 1 + 1\n2\n"

            number: int = field("A number.")
            text: str = field("A text.")

        assert Plain.__doc__ == (
            "A plain record.\n\nMore words.\n\n"
            "Attributes:\n    number: A number.\n    text: A text.\n\n>>> 1 + 1\n2\n"
        )

    def test_no_docstring(self) -> None:
        """A class without a docstring (or under python -OO) keeps none."""

        @record
        class Bare(Record):
            number: int = field("A number.")
            text: str = field("A text.")

        assert Bare.__doc__ is None

    def test_no_described_field(self) -> None:
        """A class whose fields describe nothing keeps its docstring as it is."""

        @record
        class Quiet(Record):
            """A quiet record."""

            number: int = attrs.field()
            text: str = attrs.field()

        assert Quiet.__doc__ == "A quiet record."

    def test_a_made_record_compares_and_prints(self) -> None:
        """A class made with `record` is a frozen value with the records' repr."""

        @record
        class Pair(Record):
            """A pair."""

            number: int = field("A number.")
            text: str = field("A text.", repr=False)

        assert Pair(1, "a") == Pair(1, "a")
        assert hash(Pair(1, "a")) == hash(Pair(1, "a"))
        assert Pair(1, "a") != Pair(1, "b")
        assert repr(Pair(1, "a")) == "Pair(number=1)"
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            Pair(1, "a").number = 2  # type: ignore[misc]


class TestExecutiveCommittee:
    """ExecutiveCommittee answers "who sat on it then?"."""

    @pytest.mark.parametrize(
        ("day", "count", "has_who"),
        [
            (dt.date(2019, 11, 14), 8, False),
            (dt.date(2021, 6, 1), 8, False),
            (dt.date(2022, 2, 15), 9, True),
        ],
    )
    def test_members_on(self, day: dt.date, count: int, has_who: bool) -> None:
        """The Committee had eight members, and WHO made nine by 2022."""
        members = umn.executive_committee.members_on(day)
        assert len(members) == count
        assert (umn.agencies.lookup("WHO") in members) is has_who

    @pytest.mark.parametrize(
        "day", ["2022-02-15", dt.date(2022, 2, 15), dt.datetime(2022, 2, 15, 9, tzinfo=dt.UTC)]
    )
    def test_members_on_takes_iso_strings(self, day: dt.date | str) -> None:
        """A day may be a date, a datetime or an ISO 8601 string."""
        committee = umn.executive_committee
        assert committee.members_on(day) == committee.members_on(dt.date(2022, 2, 15))

    @pytest.mark.parametrize("day", [20200101, None, 2020.0, ["2020-01-01"]])
    def test_members_on_other_types(self, day: object) -> None:
        """Anything but a date or a string is a TypeError that says what is expected."""
        with pytest.raises(TypeError, match=r"expected the day as a datetime\.date or an ISO 8601"):
            umn.executive_committee.members_on(day)  # type: ignore[arg-type]

    def test_members_on_bad_string(self) -> None:
        """A string that is no ISO date is a ValueError quoting it."""
        with pytest.raises(ValueError, match=r"got '2020-13-01'"):
            umn.executive_committee.members_on("2020-13-01")

    def test_members_on_long_string(self) -> None:
        """A long string is quoted shortened."""
        with pytest.raises(ValueError, match="…"):
            umn.executive_committee.members_on("x" * 100)

    def test_members_before_any_seat(self) -> None:
        """Before the Network was decided no seat is known to be held."""
        assert umn.executive_committee.members_on(dt.date(2018, 1, 1)) == ()

    def test_members_is_members_on_as_of(self) -> None:
        """.members is the membership on the committee's as-of date."""
        committee = umn.executive_committee
        assert committee.members == committee.members_on(committee.as_of)

    def test_coordinator(self) -> None:
        """IOM coordinates the Network: the very record of the agencies registry."""
        assert umn.executive_committee.coordinator is umn.agencies.lookup("IOM")

    def test_seat_that_ended(self) -> None:
        """A seat with an end date holds until the day before that end."""
        iom = umn.agencies.lookup("iom")
        seat = umn.Membership(iom, DateSpan.parse("2019"), (), until=DateSpan.parse("2020-03-05"))
        days = [
            dt.date(2019, 12, 30),
            dt.date(2019, 12, 31),
            dt.date(2020, 3, 4),
            dt.date(2020, 3, 5),
        ]
        assert [seat.holds_on(day) for day in days] == [False, True, True, False]


class TestNetwork:
    """Network's derived values."""

    @pytest.mark.parametrize(
        ("key", "code"),
        [("mozambique", "MZ"), ("kosovo", "XK"), ("global", None), ("asia-pacific", None)],
    )
    def test_country_code(self, key: str, code: str | None) -> None:
        """country_code is the alpha-2 code of a country network, None otherwise."""
        assert umn.networks.lookup(key).country_code == code

    def test_exists_from_its_first_evidence(self) -> None:
        """Mozambique's network exists from its launch day."""
        network = umn.networks.lookup("Mozambique")
        assert not network.exists_on("2022-02-14")
        assert network.exists_on(dt.date(2022, 2, 15))
        assert network.exists_on(DateSpan.parse("2022-02"))

    def test_never_evidenced(self) -> None:
        """A network the sources never date is never shown existing."""
        undated = [n for n in umn.networks if n.first_evidenced is None]
        assert undated
        for network in undated:
            assert not network.exists_on("2026-12-01")

    @pytest.mark.parametrize(
        ("key", "expected"),
        [("global", "14, incomplete (38 declared)"), ("algeria", "not listed")],
    )
    def test_member_count(self, key: str, expected: str) -> None:
        """A member count never reads unknown as zero."""
        assert member_count(umn.networks.lookup(key)) == expected
