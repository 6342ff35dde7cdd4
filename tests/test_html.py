"""The notebook views: ``to_html`` and ``_repr_html_`` of records, registries and datasets."""

from __future__ import annotations

import collections
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest

import un_migration_network as umn
from un_migration_network._html import dataset_html, record_html, registry_html
from un_migration_network._kinds import KINDS, field_label, kind_named

_VOID = frozenset({"br", "hr", "img", "meta", "link", "input"})
_HIDDEN = frozenset({"sources", "citations"})
# Lists longer than this fold; registries longer than _MAX_ROWS show _SHOWN_ROWS rows.
_FOLDED = 8
_MAX_ROWS = 60
_SHOWN_ROWS = 50


# --- reading HTML ---------------------------------------------------------------------------


class Element:
    """One element of a parsed fragment: its tag, attributes and children."""

    def __init__(self, tag: str, attributes: dict[str, str | None]) -> None:
        """An element with no children yet."""
        self.tag = tag
        self.attributes = attributes
        self.children: list[Element | str] = []

    def elements(self, tag: str) -> list[Element]:
        """The direct children with *tag*."""
        return [c for c in self.children if isinstance(c, Element) and c.tag == tag]

    def child(self, tag: str) -> Element:
        """The first direct child with *tag*."""
        return self.elements(tag)[0]

    def all(self, tag: str) -> list[Element]:
        """Every descendant with *tag*, in document order."""
        found: list[Element] = []
        for c in self.children:
            if isinstance(c, Element):
                found.extend([c] if c.tag == tag else [])
                found.extend(c.all(tag))
        return found

    def strings(self) -> list[str]:
        """Every text node below the element, in document order."""
        found: list[str] = []
        for c in self.children:
            found.extend([c] if isinstance(c, str) else c.strings())
        return found

    def text(self, *, skip: frozenset[str] = frozenset({"sup"})) -> str:
        """The element's text, without that of the tags in *skip* (the source marks)."""
        parts = [
            c if isinstance(c, str) else c.text(skip=skip)
            for c in self.children
            if isinstance(c, str) or c.tag not in skip
        ]
        return "".join(parts)


class Tree(HTMLParser):
    """A fragment parsed into `Element` objects, noting whether its tags balance."""

    def __init__(self, fragment: str) -> None:
        """Parse *fragment*."""
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]
        self.balanced = True
        self.feed(fragment)
        self.close()
        self.balanced = self.balanced and len(self.stack) == 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element (void elements close at once)."""
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost open element, which must have this tag."""
        if len(self.stack) == 1 or self.stack[-1].tag != tag:
            self.balanced = False
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        """Keep the text."""
        self.stack[-1].children.append(data)


def parse(fragment: str) -> Element:
    """The root of a parsed fragment."""
    return Tree(fragment).root


def rows(table: Element) -> list[list[Element]]:
    """The cells of each row of a table's body."""
    return [row.elements("td") for row in table.child("tbody").elements("tr")]


def head(table: Element) -> list[str]:
    """The header of a table."""
    return [th.text() for th in table.child("thead").child("tr").elements("th")]


def fields(fragment: str) -> dict[str, Element]:
    """A record view's rows: each label mapped to its value cell."""
    return {label.text(): value for label, value in rows(parse(fragment).child("table"))}


def marks(cell: Element) -> list[int]:
    """The source numbers a cell refers to, in order: ``<sup>[2]</sup>`` is 2."""
    return [int(sup.text().strip("[]")) for sup in cell.all("sup")]


def listing(fragment: str) -> list[Element]:
    """The items of the numbered list of sources below a record's table."""
    lists = parse(fragment).elements("ol")
    return lists[0].elements("li") if lists else []


def listed(fragment: str) -> list[str]:
    """Each listed source as its link's address, or its text where it is not a link."""
    found = []
    for item in listing(fragment):
        links = item.elements("a")
        found.append(str(links[0].attributes["href"]) if links else item.text())
    return found


def hrefs(fragment: str) -> list[str]:
    """Every link address of a fragment."""
    return [str(a.attributes["href"]) for a in parse(fragment).all("a")]


def sources_shown(record: object) -> list[umn.Source]:
    """The sources a record's view cites: its own, and those of the values it shows in full.

    An agency named in a record (a member, the coordinator) is a reference, shown by its
    acronym: its sources are its own record's.
    """
    found: list[umn.Source] = []

    def visit(value: object) -> None:
        if isinstance(value, umn.Source):
            found.append(value)
        elif isinstance(value, tuple):
            for item in value:
                visit(item)
        elif attrs.has(type(value)) and not isinstance(value, umn.Agency):
            visit_fields(value)

    def visit_fields(value: Any) -> None:
        for field in attrs.fields(type(value)):
            visit(getattr(value, field.name))

    visit_fields(record)
    return list(dict.fromkeys(found))


#: Every field name of every public record class that is not a plain word.
RAW_NAMES = frozenset(
    field.name
    for name in umn.__all__
    if attrs.has(cls := getattr(umn, name))
    for field in attrs.fields(cls)
    if "_" in field.name
)


def record_has_sources(record: object) -> bool:
    """Whether a record's view lists sources: whether it cites any."""
    return bool(sources_shown(record))


def every_record() -> list[Any]:
    """One parameter per record of the bundled data, walked with `Dataset.walk`."""
    return [pytest.param(record, id=subject) for subject, record in umn.load().walk()]


def hostile(document: dict[str, Any]) -> umn.Dataset:
    """A user's dataset whose texts are markup and one of whose sources is a script."""
    agency = next(a for a in document["agencies"] if a["id"] == "iom")
    agency["name"] = '<script>alert("name")</script> & Co'
    agency["acronym"] = "<b>IOM</b>"
    source = next(s for s in document["sources"] if s["id"] == "unnm-coordinator")
    source["url"] = "javascript:alert(1)"
    source["title"] = "<img src=x onerror=alert(2)>"
    network = next(n for n in document["networks"] if n["id"] == "mozambique")
    network["name"] = 'The "<i>Network</i>" & co'
    return umn.load_dataset(document)


# --- records the bundled data has no example of ------------------------------------------


@attrs.frozen
class Review:
    """A record that holds sources in fields of its own, and a list of spans."""

    basis: umn.Source
    also: tuple[umn.Source, ...]
    spans: tuple[umn.DateSpan, ...]
    sources: tuple[umn.Source, ...] = ()


def source(key: str, url: str = "https://example.org/", **fields: Any) -> umn.Source:
    """A source of one's own."""
    return umn.Source(id=key, url=f"{url}{key}", **fields)


# --- records --------------------------------------------------------------------------------


class TestRecordHtml:
    """`record_html`: a record's fields in words, its sources numbered once below it."""

    @pytest.mark.parametrize("record", every_record())
    def test_balanced(self, record: Any) -> None:
        """Every record renders to balanced HTML."""
        assert Tree(record.to_html()).balanced is True

    @pytest.mark.parametrize("record", every_record())
    def test_starts_with_its_table(self, record: Any) -> None:
        """Every record's view is a table, its sources listed after it."""
        root = parse(record.to_html())
        tags = [c.tag for c in root.children if isinstance(c, Element)]
        expected = ["table", "ol"] if record_has_sources(record) else ["table"]
        assert tags == expected

    @pytest.mark.parametrize("record", every_record())
    def test_fields_in_words(self, record: Any) -> None:
        """Each field but the sources is one row, labelled in words, in field order."""
        names = [f.name for f in attrs.fields(type(record)) if f.name not in _HIDDEN]
        assert list(fields(record.to_html())) == [field_label(name) for name in names]

    @pytest.mark.parametrize("record", every_record())
    def test_no_raw_field_names(self, record: Any) -> None:
        """No text of the view, nested tables included, is a raw field name (``is_inferred``)."""
        assert RAW_NAMES & set(parse(record.to_html()).strings()) == set()

    @pytest.mark.parametrize("record", every_record())
    def test_each_source_listed_once(self, record: Any) -> None:
        """The list below the table holds each source the view cites, once."""
        addresses = listed(record.to_html())
        assert sorted(addresses) == sorted({s.url for s in sources_shown(record)})

    @pytest.mark.parametrize("record", every_record())
    def test_marks_number_the_list(self, record: Any) -> None:
        """The marks number the sources 1, 2, ... in the order the rows first cite them."""
        fragment = record.to_html()
        cited = list(dict.fromkeys(marks(parse(fragment).child("table"))))
        assert cited == list(range(1, len(cited) + 1))

    @pytest.mark.parametrize("record", every_record())
    def test_marks_refer_to_the_list(self, record: Any) -> None:
        """Every mark is the number of an item of the list."""
        fragment = record.to_html()
        numbers = set(marks(parse(fragment).child("table")))
        assert numbers - set(range(1, len(listing(fragment)) + 1)) == set()

    @pytest.mark.parametrize(
        ("record", "field"),
        [
            (lambda: umn.networks.lookup("Mozambique"), "launched"),
            (lambda: umn.networks.lookup("Mozambique"), "members"),
            (lambda: umn.networks.lookup("Mozambique"), "country"),
            (lambda: umn.networks.lookup("global"), "coordinator"),
            (lambda: umn.agencies.lookup("IOM"), "name"),
            (lambda: umn.agencies.lookup("IOM"), "acronym"),
            (lambda: umn.compact, "endorsed"),
            (lambda: umn.objectives.lookup(13), "title"),
        ],
        ids=[
            "network-launched",
            "network-members",
            "network-country",
            "network-coordinator",
            "agency-name",
            "agency-acronym",
            "compact-endorsed",
            "objective-title",
        ],
    )
    def test_cited_field(self, record: Any, field: str) -> None:
        """A cited field's marks point at the items of the list that are its sources."""
        shown = record()
        fragment = shown.to_html()
        items = listed(fragment)
        numbers = marks(fields(fragment)[field_label(field)])
        assert [items[n - 1] for n in numbers] == [s.url for s in shown.cite(field)]

    def test_uncited_field_has_no_marks(self) -> None:
        """A field no source is cited for has no marks."""
        network = umn.networks.lookup("Mozambique")
        uncited = next(f.name for f in attrs.fields(umn.Network) if not network.cite(f.name))
        assert marks(fields(network.to_html())[field_label(uncited)]) == []

    def test_executive_committee_lists_each_source_once(self) -> None:
        """The Committee's seats share sources: each is linked once, not on every seat."""
        fragment = umn.executive_committee.to_html()
        repeated = [url for url, n in collections.Counter(hrefs(fragment)).items() if n > 1]
        assert repeated == []

    def test_executive_committee_seats_refer_to_the_list(self) -> None:
        """Each seat's sources cell refers to the list by number."""
        committee = umn.executive_committee
        fragment = committee.to_html()
        items = listed(fragment)
        seats = rows(fields(fragment)["memberships"].child("table"))
        cited = [[items[n - 1] for n in marks(cells[-1])] for cells in seats]
        assert cited == [[s.url for s in seat.sources] for seat in committee.memberships]

    @pytest.mark.parametrize(
        ("kind", "expected"),
        [(umn.SourceKind.SECONDARY, " (secondary)"), (umn.SourceKind.PRIMARY, "")],
    )
    def test_secondary_sources_are_marked(self, kind: umn.SourceKind, expected: str) -> None:
        """A secondary source's item says so; a primary one's does not."""
        network = umn.networks.lookup("Mozambique")
        fragment = network.to_html()
        chosen = next(s for s in sources_shown(network) if s.kind is kind)
        item = next(i for i in listing(fragment) if i.all("a")[0].attributes["href"] == chosen.url)
        assert item.text() == f"{chosen.title}{expected}"

    @pytest.mark.parametrize(
        ("label", "value"),
        [
            ("id", "mozambique"),
            ("level", "country"),
            ("decided", "—"),
            ("launched", "2022-02-15"),
            ("membership complete", "yes"),
            ("coordinator", "—"),
            ("co-chairs", "—"),
            ("other languages", "—"),
        ],
    )
    def test_values(self, label: str, value: str) -> None:
        """Enums by value, spans as text, booleans yes or no, absent values a dash."""
        assert fields(umn.networks.lookup("Mozambique").to_html())[label].text() == value

    def test_day(self) -> None:
        """A day is in ISO form."""
        cell = fields(umn.compact.to_html())["adopted"]
        assert cell.text() == umn.compact.adopted.isoformat()

    def test_false_is_no(self) -> None:
        """False reads "no"."""
        network = next(n for n in umn.networks if not n.is_membership_complete)
        assert fields(network.to_html())["membership complete"].text() == "no"

    def test_number(self) -> None:
        """A number is its digits."""
        network = umn.networks.lookup("Mozambique")
        assert fields(network.to_html())["declared members"].text() == "11"

    @pytest.mark.parametrize(
        ("label", "value"),
        [
            ("name", "Mozambique"),
            ("ISO alpha-2", "MZ"),
            ("ISO alpha-3", "MOZ"),
            ("M49", "508"),
            ("sub-region", "Sub-Saharan Africa"),
            ("user-assigned code", "no"),
        ],
    )
    def test_country_is_a_nested_table(self, label: str, value: str) -> None:
        """A value object (the country) is a table of its own fields, labelled in words."""
        country = fields(umn.networks.lookup("Mozambique").to_html())["country"].child("table")
        assert {cells[0].text(): cells[1].text() for cells in rows(country)}[label] == value

    @pytest.mark.parametrize(
        ("record", "caption"),
        [
            (
                lambda: umn.networks.lookup("Mozambique"),
                "Network: United Nations Network on Migration in Mozambique",
            ),
            (
                lambda: umn.agencies.lookup("IOM"),
                "Agency: IOM (International Organization for Migration)",
            ),
            (lambda: umn.compact.vote, "Vote"),
            (lambda: umn.executive_committee, "ExecutiveCommittee"),
        ],
        ids=["network", "agency", "vote", "committee"],
    )
    def test_caption(self, record: Any, caption: str) -> None:
        """The caption is the record's type, and its text where it has one."""
        assert parse(record().to_html()).child("table").child("caption").text() == caption

    def test_no_sources_no_list(self) -> None:
        """A record with no sources (a vote) has no list below it."""
        assert listing(umn.compact.vote.to_html()) == []

    def test_members_are_acronyms(self) -> None:
        """Members are acronyms, each with its name as the title."""
        network = umn.networks.lookup("Mozambique")
        abbrs = fields(network.to_html())["members"].all("abbr")
        shown = [(a.text(), a.attributes["title"]) for a in abbrs]
        assert shown == [(m.acronym, m.name) for m in network.members]

    def test_long_list_folds(self) -> None:
        """A list of more than eight items shows eight, and folds the rest into <details>."""
        network = next(n for n in umn.networks if len(n.members) > _FOLDED)
        cell = fields(network.to_html())["members"]
        details = cell.child("details")
        assert [a.text() for a in cell.elements("abbr")] == [
            m.acronym for m in network.members[:_FOLDED]
        ]
        assert details.child("summary").text() == f"and {len(network.members) - _FOLDED} more"
        assert [a.text() for a in details.elements("abbr")] == [
            m.acronym for m in network.members[_FOLDED:]
        ]

    @pytest.mark.parametrize(("count", "folded"), [(_FOLDED, []), (_FOLDED + 1, ["and 1 more"])])
    def test_fold_boundary(self, document: dict[str, Any], count: int, folded: list[str]) -> None:
        """Eight items show in full; a ninth folds."""
        network = next(n for n in document["networks"] if n["id"] == "mozambique")
        network["members"] = [agency["id"] for agency in document["agencies"]][:count]
        shown = umn.load_dataset(document).networks.lookup("mozambique")
        cell = fields(shown.to_html())["members"]
        assert [s.text() for s in cell.all("summary")] == folded

    def test_texts_are_joined(self) -> None:
        """A list of texts is joined with semicolons."""
        network = next(n for n in umn.networks if len(n.aliases) > 1)
        cell = fields(network.to_html())["also known as"]
        assert cell.text() == "; ".join(network.aliases)

    def test_names_table(self) -> None:
        """Names in other languages are a table: language, field in words, text with marks."""
        agency = umn.agencies.lookup("IOM")
        table = fields(agency.to_html())["other languages"].child("table")
        assert head(table) == ["language", "field", "text"]
        assert [[c.text() for c in cells] for cells in rows(table)] == [
            [n.lang, field_label(n.field), n.text] for n in agency.names
        ]

    def test_names_cite_their_sources(self) -> None:
        """Each name refers to its own sources."""
        agency = umn.agencies.lookup("IOM")
        fragment = agency.to_html()
        items = listed(fragment)
        table = fields(fragment)["other languages"].child("table")
        cited = [[items[n - 1] for n in marks(cells[2])] for cells in rows(table)]
        assert cited == [[s.url for s in name.sources] for name in agency.names]

    def test_records_table(self) -> None:
        """A list of records (the seats) is a table: one row each, a column per field."""
        committee = umn.executive_committee
        table = fields(committee.to_html())["memberships"].child("table")
        assert head(table) == ["agency", "since", "until", "sources"]
        assert [cells[0].text() for cells in rows(table)] == [
            m.agency.acronym for m in committee.memberships
        ]

    def test_states_table(self) -> None:
        """The vote lists are tables of States, with their countries; they cite nothing."""
        table = fields(umn.compact.to_html())["voted against"].child("table")
        assert head(table) == ["as written", "country", "sources"]
        assert [cells[0].text() for cells in rows(table)] == [
            s.as_written for s in umn.compact.voted_against
        ]
        assert {cells[2].text() for cells in rows(table)} == {"—"}

    def test_repr_html(self) -> None:
        """A record's notebook view is its `to_html`."""
        network = umn.networks.lookup("Mozambique")
        assert network._repr_html_() == network.to_html()

    def test_record_html(self) -> None:
        """`record_html` is what `to_html` shows."""
        network = umn.networks.lookup("Mozambique")
        assert record_html(network, lang="fr") == network.to_html(lang="fr")

    @pytest.mark.parametrize(("lang", "expected"), [("en", "IOM"), ("fr", "OIM"), ("es", "OIM")])
    def test_acronyms_in_language(self, lang: str, expected: str) -> None:
        """With *lang*, an agency shows its acronym in that language where a source gives it."""
        network = umn.networks.lookup("global")
        cell = fields(network.to_html(lang=lang))["coordinator"]
        assert cell.child("abbr").text() == expected

    def test_acronym_without_language_is_english(self) -> None:
        """An agency no source names in the language keeps its English acronym."""
        network = next(
            n for n in umn.networks if any(a.acronym_in("fr") is None for a in n.members)
        )
        agency = next(a for a in network.members if a.acronym_in("fr") is None)
        cell = fields(network.to_html(lang="fr"))["members"]
        assert agency.acronym in [abbr.text() for abbr in cell.all("abbr")]

    def test_sources_in_other_fields(self) -> None:
        """Sources held in fields of their own are marks, numbered with the record's own."""
        first, second, own = source("first"), source("second"), source("own")
        spans = (umn.DateSpan.parse("2020"), umn.DateSpan.parse("2021-03"))
        fragment = record_html(Review(first, (second, first), spans, (own, first)))
        cells = fields(fragment)
        assert marks(cells["basis"]) == [1]
        assert marks(cells["also"]) == [2, 1]
        assert listed(fragment) == [first.url, second.url, own.url]

    def test_spans_are_joined(self) -> None:
        """A list of spans is their texts, joined with semicolons."""
        spans = (umn.DateSpan.parse("2020"), umn.DateSpan.parse("2021-03"))
        fragment = record_html(Review(source("a"), (), spans))
        assert fields(fragment)["spans"].text() == "2020; 2021-03"


class TestEscaping:
    """Every text of a user's data is escaped; only web addresses become links."""

    def test_agency(self, document: dict[str, Any]) -> None:
        """Markup in an agency's name and acronym is shown as text, never run."""
        fragment = hostile(document).agencies.lookup("iom").to_html()
        assert "<script>" not in fragment
        assert "<b>" not in fragment
        assert '<script>alert("name")</script> & Co' in parse(fragment).strings()

    def test_script_address_is_no_link(self, document: dict[str, Any]) -> None:
        """A ``javascript:`` address is not a link: the item is the source's title, as text."""
        fragment = hostile(document).agencies.lookup("iom").to_html()
        assert [h for h in hrefs(fragment) if not h.startswith(("https:", "http:"))] == []
        assert "<img src=x onerror=alert(2)>" in listed(fragment)

    def test_markup_in_a_title_is_text(self, document: dict[str, Any]) -> None:
        """A title with markup adds no element to the view."""
        fragment = hostile(document).agencies.lookup("iom").to_html()
        assert parse(fragment).all("img") == []

    def test_member(self, document: dict[str, Any]) -> None:
        """A member's acronym and name (its title attribute) are escaped."""
        fragment = hostile(document).networks.lookup("mozambique").to_html()
        iom = next(a for a in parse(fragment).all("abbr") if a.text() == "<b>IOM</b>")
        assert iom.attributes["title"] == '<script>alert("name")</script> & Co'

    def test_caption(self, document: dict[str, Any]) -> None:
        """A record's text in the caption is escaped."""
        fragment = hostile(document).networks.lookup("mozambique").to_html()
        caption = parse(fragment).child("table").child("caption")
        assert caption.text() == 'Network: The "<i>Network</i>" & co'
        assert caption.all("i") == []

    def test_registry(self, document: dict[str, Any]) -> None:
        """A registry's cells are escaped."""
        fragment = hostile(document).agencies.to_html()
        assert "<script>" not in fragment
        assert '<script>alert("name")</script> & Co' in parse(fragment).strings()

    def test_dataset(self, document: dict[str, Any]) -> None:
        """The dataset's summary escapes the Committee's acronyms."""
        fragment = hostile(document)._repr_html_()
        assert "<b>" not in fragment
        assert "<b>IOM</b>" in parse(fragment).strings()

    def test_address_is_escaped(self, document: dict[str, Any]) -> None:
        """Quotes and brackets in an address cannot leave the href attribute."""
        url = 'https://example.org/?q="x"&y=<1>'
        entry = next(s for s in document["sources"] if s["id"] == "unnm-coordinator")
        entry["url"] = url
        fragment = umn.load_dataset(document).agencies.lookup("iom").to_html()
        assert url in hrefs(fragment)
        assert "<1>" not in fragment

    def test_malformed_address(self, document: dict[str, Any]) -> None:
        """An address that does not parse is shown as the source's label, not a link."""
        entry = next(s for s in document["sources"] if s["id"] == "unnm-coordinator")
        entry["url"] = "http://[unclosed/page"
        entry["title"] = "Malformed"
        fragment = umn.load_dataset(document).agencies.lookup("iom").to_html()
        assert "Malformed" in listed(fragment)
        assert "http://[unclosed/page" not in hrefs(fragment)

    @pytest.mark.parametrize(
        ("title", "publisher", "label"),
        [("Title", "Publisher", "Title"), (None, "Publisher", "Publisher"), (None, None, "bare")],
        ids=["title", "publisher", "id"],
    )
    def test_link_label(self, title: str | None, publisher: str | None, label: str) -> None:
        """A link reads as the source's title, else its publisher, else its id."""
        bare = source("bare", title=title, publisher=publisher)
        links = parse(record_html(Review(bare, (), ()))).all("a")
        assert [(a.attributes["href"], a.text()) for a in links] == [(bare.url, label)]

    def test_links_open_apart(self) -> None:
        """A link opens in a new tab and gives the page no access to the notebook."""
        link = parse(record_html(Review(source("a"), (), ()))).all("a")[0]
        assert link.attributes == {
            "href": "https://example.org/a",
            "target": "_blank",
            "rel": "noopener noreferrer",
        }


# --- registries -------------------------------------------------------------------------------


def registry_rows(fragment: str) -> list[list[Element]]:
    """The body rows of a registry's table."""
    return rows(parse(fragment).child("table"))


def registry_cell(fragment: str, key: str, header: str) -> Element:
    """The cell under *header* in the row of a registry's table whose first cell is *key*."""
    table = parse(fragment).child("table")
    row = next(cells for cells in rows(table) if cells[0].text() == key)
    return row[head(table).index(header)]


class TestRegistryHtml:
    """`registry_html`: the kinds table's columns, a caption with the count."""

    @pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.plural)
    def test_header(self, kind: Any) -> None:
        """A registry's header is its kind's columns."""
        table = parse(umn.load().registry(kind).to_html()).child("table")
        assert head(table) == [column.header for column in kind.columns]

    @pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.plural)
    def test_caption(self, kind: Any) -> None:
        """The caption counts the records, named as people write them ("guiding principles")."""
        registry = umn.load().registry(kind)
        caption = parse(registry.to_html()).child("table").child("caption").text()
        assert caption == f"{len(registry)} {kind.label}"

    @pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.plural)
    def test_balanced(self, kind: Any) -> None:
        """Every registry renders to balanced HTML."""
        assert Tree(umn.load().registry(kind).to_html()).balanced is True

    @pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.plural)
    def test_rows(self, kind: Any) -> None:
        """The rows are the records in order, by their first column (all, or the first 50)."""
        registry = umn.load().registry(kind)
        records = list(registry)
        shown = records if len(records) <= _MAX_ROWS else records[:_SHOWN_ROWS]
        first = kind.columns[0]
        cells = [cells[0].text() for cells in registry_rows(registry.to_html())][: len(shown)]
        assert cells == [str(first.read(record, "en")) for record in shown]

    @pytest.mark.parametrize(
        ("size", "shown", "more"),
        [
            (_MAX_ROWS - 1, _MAX_ROWS - 1, []),
            (_MAX_ROWS, _MAX_ROWS, []),
            (_MAX_ROWS + 1, _SHOWN_ROWS, [f"… and {_MAX_ROWS + 1 - _SHOWN_ROWS} more"]),
        ],
    )
    def test_long_registry_is_cut(self, size: int, shown: int, more: list[str]) -> None:
        """Up to 60 records show in full; a longer registry shows 50 and says how many more."""
        sources = umn.load().sources
        assert len(sources) > size
        chosen = {s.id for s in list(sources)[:size]}
        table = sources.filter(lambda s: s.id in chosen).to_html()
        body = registry_rows(table)
        records = [cells for cells in body if "colspan" not in cells[0].attributes]
        assert len(records) == shown
        assert [cells[0].text() for cells in body if "colspan" in cells[0].attributes] == more

    def test_more_spans_the_row(self) -> None:
        """The "… and N more" cell spans every column."""
        networks = umn.networks
        assert len(networks) > _MAX_ROWS
        last = registry_rows(networks.to_html())[-1]
        columns = kind_named("networks").columns
        assert last[0].attributes["colspan"] == str(len(columns))

    def test_more_counts_the_rest(self) -> None:
        """The networks registry says how many it leaves out."""
        networks = umn.networks
        last = registry_rows(networks.to_html())[-1]
        assert last[0].text() == f"… and {len(networks) - _SHOWN_ROWS} more"

    @pytest.mark.parametrize(
        ("kind", "key", "column", "expected"),
        [
            ("agencies", "iom", "acronym", "OIM"),
            ("agencies", "iom", "name", "Organisation internationale pour les migrations"),
            ("agencies", "ctbto", "acronym", "CTBTO [en]"),
            ("principles", "a", "name", "Priorité à la dimension humaine"),
            ("objectives", "1", "label", "Données"),
        ],
    )
    def test_names_in_language(self, kind: str, key: str, column: str, expected: str) -> None:
        """With *lang*, names are in that language; the English, marked [en], where none is."""
        fragment = umn.load().registry(kind).to_html(lang="fr")
        assert registry_cell(fragment, key, column).text() == expected

    @pytest.mark.parametrize("kind", ["agencies", "objectives", "principles"])
    def test_english_by_default(self, kind: str) -> None:
        """By default, names are the English, unmarked."""
        fragment = umn.load().registry(kind).to_html()
        assert [s for s in parse(fragment).strings() if s.endswith("[en]")] == []

    def test_network_members(self) -> None:
        """A network's member count notes a declared count that differs."""
        network = umn.networks.lookup("Mozambique")
        assert network.declared_member_count != len(network.members)
        cell = registry_cell(umn.networks.to_html(), network.id, "members")
        expected = f"{len(network.members)} ({network.declared_member_count} declared)"
        assert cell.text() == expected

    def test_network_members_undeclared(self) -> None:
        """A network with no declared count shows the evidenced count alone."""
        network = next(n for n in umn.networks if n.declared_member_count is None)
        cell = registry_cell(umn.networks.to_html(), network.id, "members")
        assert cell.text() == str(len(network.members))

    def test_network_launch(self) -> None:
        """A network's date is its launch, or else its first evidence."""
        network = next(n for n in umn.networks if n.launched is None and n.first_evidenced)
        one = umn.networks.filter(lambda n: n.id == network.id)
        cell = registry_cell(one.to_html(), network.id, "launched or first evidenced")
        assert cell.text() == str(network.first_evidenced)

    @pytest.mark.parametrize(
        ("kind", "key", "caption"),
        [("networks", "mozambique", "1 network"), ("principles", "a", "1 guiding principle")],
    )
    def test_one_record(self, kind: str, key: str, caption: str) -> None:
        """One record is counted in the singular."""
        registry = umn.load().registry(kind)
        one = registry.filter(lambda r: registry.lookup(key) is r)
        assert parse(one.to_html()).child("table").child("caption").text() == caption

    def test_empty(self) -> None:
        """An empty registry is its caption and no rows."""
        fragment = umn.networks.filter(lambda _: False).to_html()
        assert parse(fragment).strings() == ["0 networks"]

    def test_without_a_record_type(self) -> None:
        """A registry built without a record type shows its records as their kind's."""
        events = umn.load().events
        registry = umn.Registry(list(events), keys=lambda e: (e.id,), kind="event")
        assert registry.to_html() == events.to_html()

    @pytest.mark.parametrize(
        ("words", "caption"),
        [(["<b>", "two"], "2 word records"), (["one"], "1 word record"), ([], "0 word records")],
    )
    def test_unknown_kind(self, words: list[str], caption: str) -> None:
        """Records of no known kind: a caption that counts them, no columns to show."""
        registry = umn.Registry(words, keys=lambda w: (w,), kind="word")
        fragment = registry.to_html()
        assert parse(fragment).strings() == [caption]

    def test_repr_html(self) -> None:
        """A registry's notebook view is its `to_html`."""
        assert umn.objectives._repr_html_() == umn.objectives.to_html()

    def test_registry_html(self) -> None:
        """`registry_html` is what `to_html` shows."""
        assert registry_html(umn.agencies, lang="es") == umn.agencies.to_html(lang="es")


# --- the dataset ----------------------------------------------------------------------------


class TestDatasetHtml:
    """`dataset_html`: a summary with the as-of date."""

    def test_caption(self) -> None:
        """The caption gives the as-of date."""
        ds = umn.load()
        caption = parse(dataset_html(ds)).child("table").child("caption").text()
        assert caption == f"UN Network on Migration data as of {ds.as_of.isoformat()}"

    def test_counts(self) -> None:
        """A row per kind, in words, with its count."""
        ds = umn.load()
        table = rows(parse(dataset_html(ds)).child("table"))
        labels = [kind.label for kind in KINDS]
        counts = {cells[0].text(): cells[1].text() for cells in table if cells[0].text() in labels}
        assert counts == {kind.label: str(len(ds.registry(kind))) for kind in KINDS}

    def test_committee(self) -> None:
        """The Committee's members as of the data, by acronym."""
        cells = {c[0].text(): c[1] for c in rows(parse(dataset_html(umn.load())).child("table"))}
        acronyms = [abbr.text() for abbr in cells["executive committee"].all("abbr")]
        assert acronyms == [agency.acronym for agency in umn.executive_committee.members]

    def test_compact(self) -> None:
        """The Compact, with its resolution."""
        cells = {c[0].text(): c[1] for c in rows(parse(dataset_html(umn.load())).child("table"))}
        assert cells["compact"].text() == f"{umn.compact}, {umn.compact.resolution}"

    def test_balanced(self) -> None:
        """The summary is balanced HTML."""
        assert Tree(dataset_html(umn.load())).balanced is True

    def test_repr_html(self) -> None:
        """The dataset's notebook view is `dataset_html`."""
        ds = umn.load()
        assert ds._repr_html_() == dataset_html(ds)

    def test_user_dataset(self, document: dict[str, Any]) -> None:
        """A user's dataset shows its own counts."""
        document["events"] = []
        table = rows(parse(umn.load_dataset(document)._repr_html_()).child("table"))
        counts = {cells[0].text(): cells[1].text() for cells in table}
        assert counts["events"] == "0"
