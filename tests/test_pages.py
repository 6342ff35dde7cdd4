"""The page model: one page per record, built from its attrs fields, read by every view."""

from __future__ import annotations

import datetime as dt
from typing import Any, assert_type

import pytest

import un_migration_network as umn
from un_migration_network import _validation
from un_migration_network._fields import attributes, empty_text, evolve, field, label, record
from un_migration_network._html import record_html
from un_migration_network._pages import (
    LANGUAGE_NAMES,
    Page,
    Piece,
    Row,
    cell,
    heading,
    in_language,
    page,
    span_text,
)
from un_migration_network._problems import Code
from un_migration_network._terminal import page_text

SEED = "seed-iom-mozambique-2022"
# Fields a page shows in its own way (sources below the rows, names in rows of their own).
OWN = frozenset({"sources", "citations", "names"})


def every_record() -> list[Any]:
    """One parameter per record of the bundled data, walked with `Dataset.walk`."""
    return [pytest.param(found, id=subject) for subject, found in umn.load().walk()]


def texts(shown: Page) -> list[tuple[str, str]]:
    """A page's rows as (label, text)."""
    return [(row.label, row.text) for row in shown.rows]


def the_row(shown: Page, title: str) -> Row:
    """The one row of a page with this label."""
    (only,) = [row for row in shown.rows if row.label == title]
    return only


def ids(sources: tuple[Any, ...]) -> list[str]:
    """The ids of some sources, in order."""
    return [source.id for source in sources]


def source(key: str, **fields: Any) -> umn.Source:
    """A source of one's own."""
    return umn.Source(id=key, url=f"https://example.org/{key}", **fields)


class TestSpanText:
    """`span_text` writes a date span as a person reads it."""

    @pytest.mark.parametrize(
        ("span", "expected"),
        [
            pytest.param("2022-02-15", "2022-02-15", id="day"),
            pytest.param("2020", "2020 (day not known)", id="year"),
            pytest.param("2021-03", "2021-03 (day not known)", id="month"),
            pytest.param("2021-03-17 (inferred)", "2021-03-17 (inferred)", id="inferred-day"),
            pytest.param(
                "2021-03-18/2021-06-24 (inferred)",
                "between 2021-03-18 and 2021-06-24, inferred",
                id="inferred-range",
            ),
            pytest.param("2021-03-18/2021-06-24", "between 2021-03-18 and 2021-06-24", id="range"),
            pytest.param(
                "2021-02 (inferred)",
                "between 2021-02-01 and 2021-02-28, inferred",
                id="inferred-month",
            ),
        ],
    )
    def test_span(self, span: str, expected: str) -> None:
        """Days as ISO dates, a year or month as itself, ranges by their bounds."""
        assert span_text(umn.DateSpan.parse(span)) == expected

    def test_none(self) -> None:
        """No span is "not known", never a zero or a blank."""
        assert span_text(None) == "not known"

    def test_none_with_unknown(self) -> None:
        """*unknown* is the text of no span."""
        assert span_text(None, unknown="") == ""


class TestCell:
    """`cell` writes one value as a table cell."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            pytest.param(None, "-", id="none"),
            pytest.param(True, "yes", id="true"),
            pytest.param(False, "no", id="false"),
            pytest.param(umn.NetworkLevel.CONTINENTAL, "continental", id="enum"),
            pytest.param(dt.date(2018, 12, 10), "2018-12-10", id="date"),
            pytest.param(umn.DateSpan.parse("2021-03"), "2021-03", id="span"),
            pytest.param(0, "0", id="zero"),
            pytest.param("UN-Habitat", "UN-Habitat", id="text"),
        ],
    )
    def test_cell(self, value: object, expected: str) -> None:
        """Nothing is "-", booleans are yes/no, enums their value, dates ISO, the rest str()."""
        assert cell(value) == expected


class TestInLanguage:
    """`in_language` reads a named field in a language, marking English shown."""

    def test_english(self) -> None:
        """In English, the field itself."""
        assert in_language(umn.agencies.lookup("IOM"), "acronym", "en") == "IOM"

    def test_given(self) -> None:
        """Where a source gives the language, its text."""
        assert in_language(umn.agencies.lookup("IOM"), "acronym", "fr") == "OIM"

    def test_marked(self) -> None:
        """Where no source does, the English marked "[en]"."""
        assert in_language(umn.agencies.lookup("ctbto"), "acronym", "fr") == "CTBTO [en]"


class TestHeading:
    """`heading`: what ``str()`` says of a record, in a language where a source gives it."""

    @pytest.mark.parametrize(
        ("key", "expected"),
        [
            ("UNHCR", "UNHCR (Office of the United Nations High Commissioner for Refugees)"),
            ("Mozambique", "United Nations Network on Migration in Mozambique"),
            ("objective 13", umn.objectives.lookup(13).__str__()),
            ("gcm", "Global Compact for Safe, Orderly and Regular Migration (GCM)"),
            ("Guatemala", "Guatemala"),
        ],
    )
    def test_english(self, key: str, expected: str) -> None:
        """In English, ``str()`` of the record."""
        assert heading(umn.load().lookup(key)) == expected

    @pytest.mark.parametrize(
        ("key", "lang", "expected"),
        [
            pytest.param(
                "UNHCR",
                "es",
                "ACNUR (Alto Comisionado de las Naciones Unidas para los Refugiados)",
                id="acronym-and-name",
            ),
            pytest.param(
                "gcm",
                "fr",
                "Pacte mondial pour des migrations sûres, ordonnées et régulières (GCM)",
                id="compact",
            ),
            pytest.param("Czechia", "fr", "Tchéquie", id="country"),
            pytest.param(
                "principle c", "es", "Guiding principle (c): Soberanía nacional", id="principle"
            ),
        ],
    )
    def test_translated(self, key: str, lang: str, expected: str) -> None:
        """Each name the heading shows is in the language where a source gives it."""
        assert heading(umn.load().lookup(key), lang) == expected

    def test_english_marked(self) -> None:
        """Where no source gives the language, the English marked "[en]"."""
        network = umn.networks.lookup("Mozambique")
        assert heading(network, "es") == "United Nations Network on Migration in Mozambique [en]"

    def test_nothing_named(self) -> None:
        """A heading that shows no named field stays as it is (a Champion is its country)."""
        assert heading(umn.champions.lookup("kenya"), "fr") == "Kenya"

    def test_no_str(self) -> None:
        """A record that says nothing of itself is headed by its class."""
        assert heading(umn.compact.vote) == "Vote"

    @pytest.mark.parametrize(
        ("fields", "expected"),
        [
            pytest.param({"title": "A page", "publisher": "IOM"}, "A page", id="title"),
            pytest.param({"publisher": "IOM"}, "IOM", id="publisher"),
            pytest.param({}, "https://example.org/bare", id="address"),
        ],
    )
    def test_source(self, fields: dict[str, Any], expected: str) -> None:
        """A source is headed by its title, else its publisher, else its address."""
        assert heading(source("bare", **fields), "fr") == expected


class TestPage:
    """`page`: a record's fields as labelled rows, each with the sources that support it."""

    def test_mozambique(self) -> None:
        """The seed network's page: every field in words, in field order."""
        assert texts(page(umn.networks.lookup("mozambique"))) == [
            ("id", "mozambique"),
            ("name", "United Nations Network on Migration in Mozambique"),
            ("level", "country"),
            ("country", "Mozambique"),
            ("also known as", "UN Network for Migration in Mozambique"),
            ("launched", "2022-02-15"),
            ("first evidenced", "2022-02-15"),
            (
                "members",
                (
                    "RCO, FAO, IOM, OHCHR, UN-Habitat, UN Women, UNAIDS, UNDP, UNFPA, UNHCR, "
                    "UNICEF, UNODC, WFP"
                ),
            ),
            ("declared members", "11"),
            ("membership complete", "yes"),
        ]

    def test_title(self) -> None:
        """A page is titled by its record's heading."""
        assert page(umn.networks.lookup("MZ")).title == (
            "United Nations Network on Migration in Mozambique"
        )

    def test_launch_cites_the_seed(self) -> None:
        """The "launched" row cites the IOM Mozambique page, as the record does."""
        shown = page(umn.networks.lookup("mozambique"))
        assert ids(the_row(shown, "launched").sources) == [SEED]

    @pytest.mark.parametrize("found", every_record())
    def test_a_row_per_field(self, found: Any) -> None:
        """Each field is a row in field order, labelled in words, unless empty and unnamed.

        Sources, citations and names have rows of their own kind; an empty field shows only
        where its declaration says what empty means ("not listed").
        """
        expected = [
            label(attribute)
            for attribute in attributes(type(found))
            if attribute.name not in OWN
            and (
                getattr(found, attribute.name) not in (None, ())
                or empty_text(attribute) is not None
            )
        ]
        fields = [row.label for row in page(found).rows if row.depth == 0]
        assert fields[: len(expected)] == expected

    @pytest.mark.parametrize("found", every_record())
    def test_sources_numbered_once(self, found: Any) -> None:
        """The cited sources are listed once each, in the order the rows first cite them."""
        shown = page(found)
        first_cited = list(dict.fromkeys(source.id for row in shown.rows for source in row.sources))
        assert ids(shown.sources) == first_cited

    @pytest.mark.parametrize("found", every_record())
    def test_every_source_shown(self, found: Any) -> None:
        """Every source the record lists is cited by a row or listed as consulted, not both."""
        shown = page(found)
        listed = set(ids(getattr(found, "sources", ())))
        assert listed - set(ids(shown.sources)) - set(ids(shown.consulted)) == set()
        assert set(ids(shown.sources)) & set(ids(shown.consulted)) == set()

    def test_also_consulted(self) -> None:
        """A source the record lists and no field cites is "also consulted"."""
        shown = page(umn.networks.lookup("mozambique"))
        assert ids(shown.consulted) == ["unnm-regional-brief-africa"]

    def test_consulted_inside(self) -> None:
        """The uncited sources of a record written whole inside the page are consulted too."""
        committee = umn.executive_committee
        seat = committee.memberships[0]
        extra = source("seat-only")
        changed = evolve(seat, sources=(*seat.sources, extra))
        shown = page(evolve(committee, memberships=(changed,)))
        assert "seat-only" in ids(shown.consulted)

    def test_no_sources(self) -> None:
        """A record that lists no sources: none cited, none consulted."""
        shown = page(umn.compact.vote)
        assert (shown.sources, shown.consulted) == ((), ())

    @pytest.mark.parametrize(
        ("key", "title", "text"),
        [
            pytest.param("cote-divoire", "launched", "not known", id="launch"),
            pytest.param("cote-divoire", "members", "not listed", id="members"),
            pytest.param("cote-divoire", "membership complete", "no", id="complete"),
        ],
    )
    def test_unknown_is_not_zero(self, key: str, title: str, text: str) -> None:
        """A launch no source dates is "not known"; a member list none gives, "not listed"."""
        assert the_row(page(umn.networks.lookup(key)), title).text == text

    def test_no_network_lists_zero_members(self) -> None:
        """No network's page shows an unknown member list as 0 or as nothing."""
        texts_of_members = {
            the_row(page(network), "members").text
            for network in umn.networks
            if not network.members
        }
        assert texts_of_members == {"not listed"}

    def test_empty_without_meaning(self) -> None:
        """An empty field whose emptiness means nothing has no row (no coordinator)."""
        shown = page(umn.networks.lookup("mozambique"))
        assert [row for row in shown.rows if row.label in {"coordinator", "decided"}] == []

    def test_pieces_say_their_long_name(self) -> None:
        """A member is shown by its acronym; its piece carries the full name."""
        members = the_row(page(umn.networks.lookup("mozambique")), "members")
        assert members.pieces[2] == Piece("IOM", "International Organization for Migration")

    def test_country_piece(self) -> None:
        """A country is shown by its name; its piece carries its codes."""
        country = the_row(page(umn.networks.lookup("mozambique")), "country")
        assert country.pieces == (Piece("Mozambique", "Mozambique (MZ, MOZ)"),)

    def test_members_in_a_language(self) -> None:
        """In another language, members by their acronym in it where a source gives one."""
        shown = page(umn.networks.lookup("mozambique"), lang="es")
        assert the_row(shown, "members").pieces[2].text == "OIM"

    def test_lang_kept(self) -> None:
        """The page knows its language, for the views' note."""
        assert page(umn.compact, lang="fr").lang == "fr"

    def test_nested_record(self) -> None:
        """A record inside a record: a heading row, then its fields one level down."""
        rows = [(row.label, row.text, row.depth) for row in page(umn.compact).rows]
        start = rows.index(("vote", "", 0))
        assert rows[start : start + 5] == [
            ("vote", "", 0),
            ("in favour", "152", 1),
            ("against", "5", 1),
            ("abstentions", "12", 1),
            ("not voting", "24", 1),
        ]

    def test_list_of_records(self) -> None:
        """A list of records: a heading row, then a row per item, titled by its first field."""
        shown = page(umn.executive_committee)
        seats = [row for row in shown.rows if row.depth == 1][
            : len(umn.executive_committee.memberships)
        ]
        assert [row.label for row in seats] == [
            seat.agency.acronym for seat in umn.executive_committee.memberships
        ]

    def test_item_fields(self) -> None:
        """An item's other fields are its pieces, each labelled ("since ...")."""
        shown = page(umn.executive_committee)
        who = next(row for row in shown.rows if row.label == "WHO")
        assert who.text == "since between 2020-03-05 and 2021-12-31, inferred"

    def test_item_of_a_list(self) -> None:
        """An item's list of values is joined in its piece ("members IOM, ILO, ...")."""
        shown = page(umn.executive_committee)
        snapshot = umn.executive_committee.snapshots[0]
        row = next(row for row in shown.rows if row.label == span_text(snapshot.as_of))
        members = ", ".join(agency.acronym for agency in snapshot.members)
        assert row.text == f"members {members}, complete yes"

    def test_item_cites_its_fields(self) -> None:
        """An item's row cites the sources of its fields."""
        seat = umn.executive_committee.memberships[0]
        row = the_row(page(umn.executive_committee), seat.agency.acronym)
        cited = [*seat.cite("agency"), *seat.cite("since")]
        assert ids(row.sources) == list(dict.fromkeys(ids(tuple(cited))))

    def test_item_without_citations(self) -> None:
        """An item that cites no field cites its own sources."""
        committee = umn.executive_committee
        seat = evolve(committee.memberships[0], citations=())
        row = the_row(page(evolve(committee, memberships=(seat,))), seat.agency.acronym)
        assert row.sources == seat.sources

    def test_item_leaves_out_empty_fields(self) -> None:
        """An item's empty fields are not pieces (a seat that holds has no "until")."""
        seat = umn.executive_committee.memberships[0]
        row = the_row(page(umn.executive_committee), seat.agency.acronym)
        assert [piece.text.split()[0] for piece in row.pieces] == ["since"]

    def test_item_that_ended(self) -> None:
        """A seat that ended shows until when."""
        committee = umn.executive_committee
        seat = evolve(committee.memberships[0], until=umn.DateSpan.parse("2024-01"))
        row = the_row(page(evolve(committee, memberships=(seat,))), seat.agency.acronym)
        assert row.pieces[-1].text == "until 2024-01 (day not known)"

    def test_related_rows_last(self) -> None:
        """Rows the rest of the data adds come after the record's own."""
        extra = Row("note", (Piece("added"),))
        assert page(umn.compact.vote, related=(extra,)).rows[-1] == extra

    def test_not_a_record(self) -> None:
        """Anything else is a TypeError that says what was expected."""
        with pytest.raises(TypeError, match="expected a record, got str"):
            page("Mozambique")

    def test_types(self) -> None:
        """`page` returns a Page; its rows are Rows."""
        shown = assert_type(page(umn.compact), Page)
        assert_type(shown.rows, tuple[Row, ...])
        assert_type(shown.title, str)


class TestNames:
    """Names in other languages: a row per text, the standards that agree merged."""

    def test_merged_across_standards(self) -> None:
        """M49 and UNTERM write Guatemala's Arabic name alike: one row with both sources."""
        shown = page(umn.countries.lookup("GT"))
        row = the_row(shown, "name (ar)")
        assert {"unsd-m49", "unterm"} <= set(ids(row.sources))

    def test_different_texts_apart(self) -> None:
        """Where the standards write a name differently, a row each."""
        shown = page(umn.countries.lookup("GT"))
        assert [row.text for row in shown.rows if row.label == "name (fr)"] == [
            "Guatemala",
            "Guatemala (le)",
        ]

    @pytest.mark.parametrize("country", list(umn.countries), ids=lambda c: c.alpha2)
    def test_each_text_once(self, country: umn.Country) -> None:
        """No country's page repeats a (language, field, text)."""
        names = [(row.label, row.text) for row in page(country).rows if row.label.endswith(")")]
        assert len(names) == len(set(names))

    def test_sources_once(self) -> None:
        """A name row cites each source once, however many standards it merges."""
        for row in page(umn.countries.lookup("GT")).rows:
            assert len(row.sources) == len(set(ids(row.sources)))

    def test_languages_sorted(self) -> None:
        """Name rows come after the fields, by language."""
        shown = page(umn.principles.lookup("c"))
        assert [row.label for row in shown.rows][-3:] == ["name (es)", "name (fr)", "name (zh)"]


class TestPageNumbers:
    """`Page.number` and `Page.marks`: the footnote numbers of a page."""

    def test_number(self) -> None:
        """A cited source's number is its place in the list, from 1."""
        shown = page(umn.networks.lookup("mozambique"))
        assert [shown.number(s) for s in shown.sources] == list(range(1, len(shown.sources) + 1))

    def test_marks(self) -> None:
        """A row's marks are the numbers of its sources."""
        shown = page(umn.networks.lookup("mozambique"))
        assert shown.marks(the_row(shown, "launched")) == (shown.number(shown.sources[1]),)

    def test_marks_once(self) -> None:
        """A source a row cites twice is marked once."""
        seed = umn.load().sources.lookup(SEED)
        row = Row("x", (Piece("y"),), (seed, seed))
        shown = Page("t", (row,), (seed,), ())
        assert shown.marks(row) == (1,)

    def test_row_text(self) -> None:
        """A row's text is its pieces joined."""
        assert Row("x", (Piece("a"), Piece("b", "bee"))).text == "a, b"

    def test_languages(self) -> None:
        """The six UN languages are named."""
        assert sorted(LANGUAGE_NAMES) == ["ar", "en", "es", "fr", "ru", "zh"]


@record
class ReviewedNetwork(umn.Network):
    """A network with a field the library does not have: when it was last reviewed."""

    reviewed: umn.DateSpan | None = field(
        "When the network was last reviewed.", default=None, label="last reviewed"
    )


def reviewed(key: str, when: str) -> ReviewedNetwork:
    """A bundled network as a `ReviewedNetwork`, reviewed *when*."""
    network = umn.networks.lookup(key)
    values = {a.name: getattr(network, a.name) for a in attributes(umn.Network)}
    return ReviewedNetwork(**values, reviewed=umn.DateSpan.parse(when))


def with_network(network: umn.Network) -> umn.Dataset:
    """The bundled dataset with *network* in place of the bundled one of its id."""
    ds = umn.load()
    parts = ds.parts()
    parts["networks"] = tuple(network if n.id == network.id else n for n in ds.networks)
    return umn.Dataset.of(ds.as_of, parts)


class TestNewField:
    """A new field of Network shows in ``show``, the HTML view and the date checks, unasked."""

    def test_page_row(self) -> None:
        """The page has a row for it, in words, after the fields it follows."""
        shown = page(reviewed("mozambique", "2023-05"))
        assert texts(shown)[-1] == ("last reviewed", "2023-05 (day not known)")

    def test_show(self) -> None:
        """The text ``show`` prints has the row."""
        lines = page_text(page(reviewed("mozambique", "2023-05"))).splitlines()
        assert "last reviewed        2023-05 (day not known)" in lines

    def test_html(self) -> None:
        """The HTML view has the row."""
        view = record_html(reviewed("mozambique", "2023-05"))
        assert "<td" in view
        assert "last reviewed" in view
        assert "2023-05 (day not known)" in view

    def test_date_checks_find_it(self) -> None:
        """Validation's date checks find the field by its type."""
        network = reviewed("mozambique", "2023-05")
        found = [
            (subject, what, value)
            for subject, what, value, _, _ in _validation._dated(with_network(network))
            if subject == "mozambique"
        ]
        assert ("mozambique", "last reviewed", umn.DateSpan.parse("2023-05")) in found

    def test_date_after_as_of(self) -> None:
        """A date after the data's as-of date in the new field is reported, as for any date."""
        report = umn.validate(with_network(reviewed("mozambique", "2099")))
        problems = [p for p in report.errors if p.code is Code.AFTER_AS_OF]
        assert [p.subject for p in problems] == ["mozambique"]
        assert "last reviewed" in problems[0].message
