"""The notebook views: ``to_html`` and ``_repr_html_`` of records, registries and datasets."""

from __future__ import annotations

import collections
import functools
from html.parser import HTMLParser
from typing import Any

import pytest

import un_migration_network as umn
from un_migration_network._html import (
    _escape,
    _scheme,
    page_html,
    record_html,
    registry_html,
    summary_html,
)
from un_migration_network._kinds import KINDS, REGISTERED
from un_migration_network._pages import Page, Piece, Row, page

_VOID = frozenset({"br", "hr", "img", "meta", "link", "input"})
# Lists longer than this fold; registries longer than _MAX_ROWS show _SHOWN_ROWS rows.
_FOLDED = 8
_MAX_ROWS = 60
_SHOWN_ROWS = 50
EMSP = "\u2003"


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
    """A record view's rows: each label (indent removed) mapped to its value cell."""
    return {
        label.text().lstrip(EMSP): value for label, value in rows(parse(fragment).child("table"))
    }


def marks(cell: Element) -> list[int]:
    """The source numbers a cell refers to, in order: ``<sup>[2]</sup>`` is 2."""
    return [int(sup.text().strip("[]")) for sup in cell.all("sup")]


def listing(fragment: str | Element) -> list[Element]:
    """The items of the numbered lists of sources below a record's table, in order."""
    root = parse(fragment) if isinstance(fragment, str) else fragment
    return [item for ol in root.elements("ol") for item in ol.elements("li")]


def listed(fragment: str | Element) -> list[str]:
    """Each listed source as its link's address, or its text where it is not a link."""
    found = []
    for item in listing(fragment):
        links = item.elements("a")
        found.append(str(links[0].attributes["href"]) if links else item.text())
    return found


def hrefs(fragment: str) -> list[str]:
    """Every link address of a fragment."""
    return [str(a.attributes["href"]) for a in parse(fragment).all("a")]


@functools.cache
def view(found: Any) -> str:
    """A record's HTML view, made once per record for the tests that walk every record."""
    html: str = found.to_html()
    return html


@functools.cache
def tree_of(found: Any) -> Tree:
    """A record's HTML view parsed, once per record."""
    return Tree(view(found))


@functools.cache
def page_of(found: Any) -> Page:
    """A record's page, made once per record for the tests that walk every record."""
    return page(found)


def every_record() -> list[Any]:
    """One parameter per record of the bundled data, walked with `Dataset.walk`."""
    return [pytest.param(found, id=subject) for subject, found in umn.load().walk()]


def hostile(document: dict[str, Any]) -> umn.Dataset:
    """A user's dataset whose texts are markup and one of whose sources is a script."""
    agency = next(a for a in document["agencies"] if a["id"] == "iom")
    agency["name"] = '<script>alert("name")</script> & Co'
    agency["acronym"] = "<b>IOM</b>"
    agency["citations"]["name"] = ["unnm-coordinator"]
    source = next(s for s in document["sources"] if s["id"] == "unnm-coordinator")
    source["url"] = "javascript:alert(1)"
    source["title"] = "<img src=x onerror=alert(2)>"
    network = next(n for n in document["networks"] if n["id"] == "mozambique")
    network["name"] = 'The "<i>Network</i>" & co'
    return umn.load_dataset(document)


def source(key: str, url: str | None = None, **more: Any) -> umn.Source:
    """A source of one's own, at https://example.org/KEY unless *url* is given."""
    return umn.Source(id=key, url=url or f"https://example.org/{key}", **more)


def one_source_page(cited: umn.Source) -> str:
    """The HTML of a page of one row that cites *cited*."""
    return page_html(Page("T", (Row("a", (Piece("b"),), (cited,)),), (cited,), ()))


# --- records --------------------------------------------------------------------------------


class TestRecordHtml:
    """`record_html`: a record's page as a table, its sources numbered once below it."""

    @pytest.mark.parametrize("found", every_record())
    def test_balanced(self, found: Any) -> None:
        """Every record renders to balanced HTML."""
        assert tree_of(found).balanced is True

    @pytest.mark.parametrize("found", every_record())
    def test_layout(self, found: Any) -> None:
        """A table; the cited sources listed after it; the consulted ones after a line."""
        shown = page_of(found)
        expected = ["table"]
        expected += ["ol"] if shown.sources else []
        expected += ["p", "ol"] if shown.consulted else []
        root = tree_of(found).root
        assert [c.tag for c in root.children if isinstance(c, Element)] == expected

    @pytest.mark.parametrize("found", every_record())
    def test_rows_are_the_page(self, found: Any) -> None:
        """Each row of the page is a row of the table, labelled alike, indented by depth."""
        labels = [cells[0].text() for cells in rows(tree_of(found).root.child("table"))]
        assert labels == [EMSP * row.depth + row.label for row in page_of(found).rows]

    @pytest.mark.parametrize("found", every_record())
    def test_each_source_listed_once(self, found: Any) -> None:
        """The lists below the table hold each source of the page, once."""
        shown = page_of(found)
        addresses = [s.url for s in (*shown.sources, *shown.consulted)]
        assert listed(tree_of(found).root) == addresses

    @pytest.mark.parametrize("found", every_record())
    def test_marks_number_the_list(self, found: Any) -> None:
        """The marks number the sources 1, 2, ... in the order the rows first cite them."""
        cited = list(dict.fromkeys(marks(tree_of(found).root.child("table"))))
        assert cited == list(range(1, len(cited) + 1))

    @pytest.mark.parametrize("found", every_record())
    def test_marks_refer_to_the_list(self, found: Any) -> None:
        """Every mark is the number of a cited source, not of a consulted one."""
        numbers = set(marks(tree_of(found).root.child("table")))
        assert numbers - set(range(1, len(page_of(found).sources) + 1)) == set()

    @pytest.mark.parametrize(
        ("key", "field", "label"),
        [
            ("Mozambique", "launched", "launched"),
            ("Mozambique", "members", "members"),
            ("Mozambique", "country", "country"),
            ("global", "coordinator", "coordinator"),
            ("IOM", "name", "name"),
            ("gcm", "endorsed", "endorsed"),
            ("objective 13", "title", "title"),
        ],
    )
    def test_cited_field(self, key: str, field: str, label: str) -> None:
        """A cited field's marks point at the items of the list that are its sources."""
        shown = umn.load().lookup(key)
        fragment = shown.to_html()
        items = listed(fragment)
        numbers = marks(fields(fragment)[label])
        assert [items[n - 1] for n in numbers] == [s.url for s in shown.cite(field)]

    def test_uncited_field_has_no_marks(self) -> None:
        """A field no source is cited for has no marks."""
        network = umn.networks.lookup("Mozambique")
        assert network.cite("level") == ()
        assert marks(fields(network.to_html())["level"]) == []

    def test_executive_committee_lists_each_source_once(self) -> None:
        """The Committee's seats share sources: each is linked once, not on every seat."""
        fragment = umn.executive_committee.to_html()
        repeated = [url for url, n in collections.Counter(hrefs(fragment)).items() if n > 1]
        assert repeated == []

    def test_seats_refer_to_the_list(self) -> None:
        """Each seat's row refers to the list by number, for the sources of its fields."""
        committee = umn.executive_committee
        fragment = committee.to_html()
        items = listed(fragment)
        cells = fields(fragment)
        for seat in committee.memberships:
            cited = [*seat.cite("agency"), *seat.cite("since")]
            numbers = marks(cells[seat.agency.acronym])
            assert [items[n - 1] for n in numbers] == list(dict.fromkeys(s.url for s in cited))

    @pytest.mark.parametrize(
        ("kind", "expected"),
        [(umn.SourceKind.SECONDARY, " (secondary)"), (umn.SourceKind.PRIMARY, "")],
    )
    def test_secondary_sources_are_marked(self, kind: umn.SourceKind, expected: str) -> None:
        """A secondary source's item says so; a primary one's does not."""
        chosen = source("s", title="A page", kind=kind)
        (item,) = listing(one_source_page(chosen))
        assert item.text() == f"A page{expected}"

    @pytest.mark.parametrize(
        ("label", "value"),
        [
            ("id", "mozambique"),
            ("level", "country"),
            ("launched", "2022-02-15"),
            ("membership complete", "yes"),
            ("declared members", "11"),
        ],
    )
    def test_values(self, label: str, value: str) -> None:
        """Enums by value, spans as text, booleans yes or no, numbers their digits."""
        assert fields(umn.networks.lookup("Mozambique").to_html())[label].text() == value

    def test_day(self) -> None:
        """A day is in ISO form."""
        cell = fields(umn.compact.to_html())["adopted"]
        assert cell.text() == umn.compact.adopted.isoformat()

    def test_false_is_no(self) -> None:
        """False reads "no"."""
        network = next(n for n in umn.networks if not n.is_membership_complete)
        assert fields(network.to_html())["membership complete"].text() == "no"

    @pytest.mark.parametrize(
        ("label", "value"), [("launched", "not known"), ("members", "not listed")]
    )
    def test_unknown_is_not_zero(self, label: str, value: str) -> None:
        """What no source gives is said to be unknown, never shown as 0."""
        assert fields(umn.networks.lookup("cote-divoire").to_html())[label].text() == value

    def test_absent_has_no_row(self) -> None:
        """A field whose absence means nothing to say (no coordinator) has no row."""
        assert "coordinator" not in fields(umn.networks.lookup("Mozambique").to_html())

    def test_country_abbr(self) -> None:
        """A country is shown by its name; hovering gives its codes."""
        cell = fields(umn.networks.lookup("Mozambique").to_html())["country"]
        (abbr,) = cell.all("abbr")
        assert (abbr.text(), abbr.attributes["title"]) == ("Mozambique", "Mozambique (MZ, MOZ)")

    def test_members_abbr(self) -> None:
        """Each member is its acronym; hovering gives its name."""
        cell = fields(umn.networks.lookup("Mozambique").to_html())["members"]
        iom = next(a for a in cell.all("abbr") if a.text() == "IOM")
        assert iom.attributes["title"] == "International Organization for Migration"

    def test_long_list_folds(self) -> None:
        """More than eight pieces: the first eight, the rest behind "and N more"."""
        network = umn.networks.lookup("Mozambique")
        cell = fields(network.to_html())["members"]
        (details,) = cell.all("details")
        assert details.child("summary").text() == f"and {len(network.members) - _FOLDED} more"
        assert len(details.all("abbr")) == len(network.members) - _FOLDED

    def test_eight_do_not_fold(self) -> None:
        """Eight pieces are shown whole."""
        row = Row("eight", tuple(Piece(str(n)) for n in range(_FOLDED)))
        fragment = page_html(Page("T", (row,), (), ()))
        assert parse(fragment).all("details") == []
        assert fields(fragment)["eight"].text() == "0, 1, 2, 3, 4, 5, 6, 7"

    def test_note(self) -> None:
        """A row's note is shown in emphasis after its value."""
        row = Row("figure", (Piece("61"),), note="disputed")
        (em,) = parse(page_html(Page("T", (row,), (), ()))).all("em")
        assert em.text() == "(disputed)"

    def test_consulted(self) -> None:
        """The consulted sources follow a line of their own, numbered on from the cited."""
        fragment = umn.networks.lookup("Mozambique").to_html()
        root = parse(fragment)
        cited, consulted = root.elements("ol")
        assert root.child("p").text() == "Also consulted:"
        assert consulted.attributes["start"] == str(len(cited.elements("li")) + 1)

    def test_caption(self) -> None:
        """The table's caption is the page's title."""
        caption = parse(umn.networks.lookup("MZ").to_html()).child("table").child("caption")
        assert caption.text() == "United Nations Network on Migration in Mozambique"

    def test_lang(self) -> None:
        """With *lang*, the caption and the members are in that language where known."""
        fragment = umn.agencies.lookup("UNHCR").to_html(lang="es")
        caption = parse(fragment).child("table").child("caption").text()
        assert caption == "ACNUR (Alto Comisionado de las Naciones Unidas para los Refugiados)"

    def test_lang_folded(self) -> None:
        """A language code in capitals is the same code."""
        unhcr = umn.agencies.lookup("UNHCR")
        assert unhcr.to_html(lang="ES") == unhcr.to_html(lang="es")

    def test_repr_html(self) -> None:
        """A record's notebook view is its `to_html`."""
        network = umn.networks.lookup("MZ")
        assert network._repr_html_() == network.to_html()

    def test_record_html(self) -> None:
        """`record_html` is what `to_html` shows: the page rendered."""
        network = umn.networks.lookup("MZ")
        assert record_html(network, lang="fr") == network.to_html(lang="fr")
        assert record_html(network) == page_html(page(network))


class TestLangChecked:
    """Every view checks *lang* at its start: records, registries and the dataset alike."""

    VIEWS = (
        pytest.param(lambda: umn.networks.lookup("MZ"), id="record"),
        pytest.param(lambda: umn.compact, id="compact"),
        pytest.param(lambda: umn.networks, id="networks"),
        pytest.param(lambda: umn.agencies, id="agencies"),
        pytest.param(umn.load, id="dataset"),
    )

    @pytest.mark.parametrize("view", VIEWS)
    def test_not_a_string(self, view: Any) -> None:
        """``to_html(lang=None)`` is a TypeError (issue 21, fault 14)."""
        with pytest.raises(TypeError, match="expected a language as an ISO 639-1 code"):
            view().to_html(lang=None)

    @pytest.mark.parametrize("view", VIEWS)
    @pytest.mark.parametrize("lang", ["french", "", "f1"])
    def test_not_a_code(self, view: Any, lang: str) -> None:
        """A string that is not an ISO 639-1 code is a ValueError."""
        with pytest.raises(ValueError, match="expected a language as an ISO 639-1 code"):
            view().to_html(lang=lang)


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
        assert caption.text() == 'The "<i>Network</i>" & co'
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
        assert "<b>IOM</b>, ILO" in "".join(parse(fragment).strings())

    def test_address_is_escaped(self) -> None:
        """Quotes and brackets in an address cannot leave the href attribute."""
        url = 'https://example.org/?q="x"&y=<1>'
        fragment = one_source_page(source("a", url))
        assert hrefs(fragment) == [url]
        assert "<1>" not in fragment

    @pytest.mark.parametrize(
        "url",
        [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "mailto:someone@example.org",
            "//example.org/no-scheme",
            "example.org/relative",
            "1http://example.org",
        ],
    )
    def test_no_link(self, url: str) -> None:
        """Only an http or https address is a link; the item is the source's label."""
        fragment = one_source_page(source("a", url, title="Label"))
        assert hrefs(fragment) == []
        assert listed(fragment) == ["Label"]

    @pytest.mark.parametrize(
        "url", ["https://example.org/", "HTTP://example.org/", "Https://example.org/a?b=c"]
    )
    def test_link(self, url: str) -> None:
        """An http or https address, in any case, is a link."""
        assert hrefs(one_source_page(source("a", url))) == [url]

    @pytest.mark.parametrize(
        ("title", "publisher", "label"),
        [("Title", "Publisher", "Title"), (None, "Publisher", "Publisher"), (None, None, "bare")],
        ids=["title", "publisher", "id"],
    )
    def test_link_label(self, title: str | None, publisher: str | None, label: str) -> None:
        """A link reads as the source's title, else its publisher, else its id."""
        bare = source("bare", title=title, publisher=publisher)
        links = parse(one_source_page(bare)).all("a")
        assert [(a.attributes["href"], a.text()) for a in links] == [(bare.url, label)]

    def test_links_open_apart(self) -> None:
        """A link opens in a new tab and gives the page no access to the notebook."""
        (link,) = parse(one_source_page(source("a"))).all("a")
        assert link.attributes == {
            "href": "https://example.org/a",
            "target": "_blank",
            "rel": "noopener noreferrer",
        }

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ('<a href="x">&</a>', "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"),
            ("it's", "it&#x27;s"),
            ("plain", "plain"),
        ],
    )
    def test_escape(self, text: str, expected: str) -> None:
        """`_escape` makes text safe in an element and in a quoted attribute."""
        assert _escape(text) == expected

    @pytest.mark.parametrize(
        ("url", "scheme"),
        [
            ("https://x", "https"),
            ("HTTP://x", "http"),
            ("git+ssh://x", "git+ssh"),
            ("no-scheme", ""),
            ("1a:b", ""),
            ("a b:c", ""),
            (":x", ""),
            ("é:x", ""),
        ],
    )
    def test_scheme(self, url: str, scheme: str) -> None:
        """`_scheme` reads an address's scheme as RFC 3986 (3.1) spells one, lowercase."""
        assert _scheme(url) == scheme


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
    """`Registry.to_html`: the kind's columns, a caption with the count."""

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_header(self, kind: Any) -> None:
        """A registry's header is its kind's columns."""
        table = parse(umn.load().registry(kind).to_html()).child("table")
        assert head(table) == [column.header for column in kind.columns]

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_caption(self, kind: Any) -> None:
        """The caption counts the records, named as people write them ("guiding principles")."""
        registry = umn.load().registry(kind)
        caption = parse(registry.to_html()).child("table").child("caption").text()
        assert caption == f"{len(registry)} {kind.label}"

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_balanced(self, kind: Any) -> None:
        """Every registry renders to balanced HTML."""
        assert Tree(umn.load().registry(kind).to_html()).balanced is True

    @pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.plural)
    def test_rows(self, kind: Any) -> None:
        """The rows are the records in order, by their first column (all, or the first 50)."""
        registry = umn.load().registry(kind)
        records = list(registry)
        shown = records if len(records) <= _MAX_ROWS else records[:_SHOWN_ROWS]
        first = kind.columns[0]
        cells = [cells[0].text() for cells in registry_rows(registry.to_html())][: len(shown)]
        assert cells == [str(first.read(found, "en")) for found in shown]

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
        columns = next(kind for kind in KINDS if kind.plural == "networks").columns
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

    @pytest.mark.parametrize(
        ("key", "expected"),
        [
            pytest.param("mozambique", "13 (11 declared)", id="complete-declared-differs"),
            pytest.param("global", "14, incomplete (38 declared)", id="incomplete"),
            pytest.param("cote-divoire", "not listed", id="unknown"),
        ],
    )
    def test_network_members(self, key: str, expected: str) -> None:
        """A member count never reads unknown as zero; a partial list says so."""
        networks = umn.networks.filter(lambda n: n.id == key)
        assert registry_cell(networks.to_html(), key, "members").text() == expected

    @pytest.mark.parametrize(("header", "expected"), [("launched", "-"), ("evidenced", "2024-08")])
    def test_two_dates(self, header: str, expected: str) -> None:
        """A launch and a first evidence are two columns; an unknown launch is "-"."""
        networks = umn.networks.filter(lambda n: n.id == "cote-divoire")
        assert registry_cell(networks.to_html(), "cote-divoire", header).text() == expected

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
        """An empty registry is its caption and its header, no rows."""
        fragment = umn.networks.filter(lambda _: False).to_html()
        table = parse(fragment).child("table")
        assert table.child("caption").text() == "0 networks"
        assert registry_rows(fragment) == []

    def test_repr_html(self) -> None:
        """A registry's notebook view is its `to_html`."""
        assert umn.objectives._repr_html_() == umn.objectives.to_html()

    def test_registry_html(self) -> None:
        """`registry_html` lays out rows under headers, each value as a cell."""
        fragment = registry_html("words", "word", ["w", "n"], [["<b>", None], ["two", True]])
        table = parse(fragment).child("table")
        assert head(table) == ["w", "n"]
        assert [[c.text() for c in cells] for cells in rows(table)] == [
            ["<b>", "-"],
            ["two", "yes"],
        ]


# --- the dataset ----------------------------------------------------------------------------


class TestDatasetHtml:
    """`Dataset.to_html`: a summary with the as-of date."""

    def test_caption(self) -> None:
        """The caption gives the as-of date."""
        ds = umn.load()
        caption = parse(ds.to_html()).child("table").child("caption").text()
        assert caption == f"UN Network on Migration data as of {ds.as_of.isoformat()}"

    def test_counts(self) -> None:
        """A row per kind, in words, with its count."""
        ds = umn.load()
        table = rows(parse(ds.to_html()).child("table"))
        labels = [kind.label for kind in REGISTERED]
        counts = {cells[0].text(): cells[1].text() for cells in table if cells[0].text() in labels}
        assert counts == {kind.label: str(len(ds.registry(kind))) for kind in REGISTERED}

    def test_committee(self) -> None:
        """The Committee's members as of the data, by acronym."""
        cells = {c[0].text(): c[1] for c in rows(parse(umn.load().to_html()).child("table"))}
        acronyms = ", ".join(agency.acronym for agency in umn.executive_committee.members)
        assert cells["Executive Committee"].text() == acronyms

    def test_compact(self) -> None:
        """The Compact, with its resolution."""
        cells = {c[0].text(): c[1] for c in rows(parse(umn.load().to_html()).child("table"))}
        assert cells["Compact"].text() == f"{umn.compact}, {umn.compact.resolution}"

    def test_balanced(self) -> None:
        """The summary is balanced HTML."""
        assert Tree(umn.load().to_html()).balanced is True

    def test_repr_html(self) -> None:
        """The dataset's notebook view is its `to_html`."""
        ds = umn.load()
        assert ds._repr_html_() == ds.to_html()

    def test_user_dataset(self, document: dict[str, Any]) -> None:
        """A user's dataset shows its own counts."""
        document["events"] = []
        table = rows(parse(umn.load_dataset(document)._repr_html_()).child("table"))
        counts = {cells[0].text(): cells[1].text() for cells in table}
        assert counts["events"] == "0"

    def test_summary_html(self) -> None:
        """`summary_html`: a caption, then a row of two cells per pair, escaped."""
        table = parse(summary_html("<c>", [("a", "<1>")])).child("table")
        assert table.child("caption").text() == "<c>"
        assert [[c.text() for c in cells] for cells in rows(table)] == [["a", "<1>"]]
