"""The notebook views (``_repr_html_``) of records, registries and datasets, and short reprs."""

from __future__ import annotations

import datetime as dt
import html
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest

import un_migration_network as umn
from un_migration_network._registry import Registry

_VOID = frozenset({"br", "hr", "img", "meta", "link", "input"})


class Page(HTMLParser):
    """What an HTML fragment holds: its links and text, and whether its tags balance."""

    def __init__(self, fragment: str) -> None:
        """Parse *fragment*."""
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.balanced = True
        self.links: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self._href: str | None = None
        self.feed(fragment)
        self.close()
        self.balanced = self.balanced and not self.open

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the tag; remember a link's address until its text arrives."""
        self.tags.append(tag)
        if tag not in _VOID:
            self.open.append(tag)
        if tag == "a":
            self._href = dict(attrs).get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        """Check the tag closes the innermost open one."""
        if not self.open or self.open.pop() != tag:
            self.balanced = False

    def handle_data(self, data: str) -> None:
        """Collect the text, and a link's label."""
        self.text.append(data)
        if self._href is not None:
            self.links.append((self._href, data))
            self._href = None


def following(page: Page) -> dict[str, str]:
    """Each text of the page mapped to the text after it: a field's label to its value."""
    return dict(zip(page.text, page.text[1:], strict=False))


def every_record() -> list[Any]:
    """One parameter per bundled record of every kind."""
    ds = umn.load()
    records: list[Any] = [
        *ds.agencies,
        *ds.networks,
        *ds.objectives,
        *ds.principles,
        *ds.sources,
        *ds.events,
        *ds.observations,
        ds.compact,
        ds.executive_committee,
    ]
    return [pytest.param(r, id=f"{type(r).__name__}-{i}") for i, r in enumerate(records)]


def hostile_agency(
    url: str = "javascript:alert(1)", title: str | None = "<script>x</script>"
) -> umn.Agency:
    """An agency whose every text is markup, citing a source with the given address."""
    source = umn.Source(id="s&1", url=url, title=title, publisher='"Pub" <b>')
    return umn.Agency(
        id="<id>",
        acronym="<A&B>",
        name='"Quoted" & <i>',
        kind=umn.AgencyKind.OTHER_ENTITY,
        sources=(source,),
        aliases=("<alias>",),
    )


class TestRecordHtml:
    """A record's ``_repr_html_``: a two-column table of its fields."""

    @pytest.mark.parametrize("record", every_record())
    def test_every_record(self, record: Any) -> None:
        """Every record renders to balanced HTML that starts with a table and names each field."""
        fragment = record._repr_html_()
        page = Page(fragment)
        assert (fragment.startswith("<table>"), page.balanced) == (True, True)
        assert {field.name for field in attrs.fields(type(record))} <= set(page.text)

    def test_network(self) -> None:
        """Members show as acronyms, the launch as the span's text, sources as links."""
        network = umn.networks.lookup("Mozambique")
        fragment = network._repr_html_()
        page = Page(fragment)
        assert "<caption" in fragment
        assert "Network: United Nations Network on Migration in Mozambique" in page.text
        assert '<abbr title="International Organization for Migration">IOM</abbr>' in fragment
        assert str(network.launched) in page.text
        assert page.links == [(s.url, s.title or s.publisher or s.id) for s in network.sources]

    def test_country_is_a_nested_table(self) -> None:
        """A value object (the country) is a table inside its row."""
        page = Page(umn.networks.lookup("Mozambique")._repr_html_())
        assert page.tags.count("table") == 2
        assert {"alpha2", "MZ", "508"} <= set(page.text)

    def test_absent_values(self) -> None:
        """None and an empty list show as a dash; booleans as yes or no."""
        cells = following(Page(umn.networks.lookup("global")._repr_html_()))
        assert (cells["country"], cells["is_membership_complete"]) == ("—", "no")
        assert following(Page(umn.agencies.lookup("unep")._repr_html_()))["aliases"] == "—"

    def test_list_of_records_is_a_table(self) -> None:
        """Memberships get one row each, one column per field, under a header."""
        committee = umn.executive_committee
        page = Page(committee._repr_html_())
        assert page.tags.count("tr") >= len(committee.memberships) + 1
        assert {"agency", "since", "until"} <= set(page.text)
        assert page.tags.count("th") >= 4

    def test_caption_without_str(self) -> None:
        """A record with no str of its own is captioned with its type's name."""
        vote = umn.compact.vote
        page = Page(vote._repr_html_())
        assert (page.text[0], page.text[1:3]) == ("Vote", ["in_favour", str(vote.in_favour)])

    def test_dates(self) -> None:
        """A day is written in ISO form."""
        page = Page(umn.compact._repr_html_())
        assert umn.compact.adopted.isoformat() in page.text

    def test_everything_is_escaped(self) -> None:
        """Markup in the data is shown as text, never interpreted."""
        fragment = hostile_agency()._repr_html_()
        page = Page(fragment)
        assert "<script>" not in fragment
        assert "<i>" not in fragment
        assert "<A&B>" not in fragment
        assert "&lt;script&gt;x&lt;/script&gt;" in fragment
        assert {"<A&B>", '"Quoted" & <i>', "<alias>", "<script>x</script>"} <= set(page.text)
        assert page.balanced

    def test_only_web_addresses_are_links(self) -> None:
        """A javascript: address is shown as a label, not a link."""
        fragment = hostile_agency()._repr_html_()
        assert ("href" in fragment, "javascript" in fragment) == (False, False)

    def test_link_address_is_escaped(self) -> None:
        """Quotes in an address cannot end the href attribute."""
        url = 'https://example.org/?q="x"&y=<1>'
        fragment = hostile_agency(url=url)._repr_html_()
        assert f'href="{html.escape(url, quote=True)}"' in fragment
        assert Page(fragment).links == [(url, "<script>x</script>")]

    @pytest.mark.parametrize(
        ("title", "label"), [("Title", "Title"), (None, '"Pub" <b>')], ids=["title", "publisher"]
    )
    def test_link_label(self, title: str | None, label: str) -> None:
        """A link reads as the source's title, else its publisher."""
        page = Page(hostile_agency(url="https://example.org", title=title)._repr_html_())
        assert page.links == [("https://example.org", label)]

    def test_link_label_falls_back_to_id(self) -> None:
        """A source with neither title nor publisher reads as its id."""
        source = umn.Source(id="bare", url="http://example.org")
        agency = hostile_agency()
        page = Page(umn.Agency("x", "X", "Ex", agency.kind, (source,))._repr_html_())
        assert page.links == [("http://example.org", "bare")]


class TestRegistryHtml:
    """A registry's ``_repr_html_``: a captioned table of its records' key columns."""

    @pytest.mark.parametrize(
        ("kind", "caption", "header"),
        [
            ("agencies", "agencies", ["id", "acronym", "name", "kind"]),
            ("networks", "networks", ["id", "name", "level", "country", "launched", "members"]),
            ("objectives", "objectives", ["number", "short label", "title"]),
            ("principles", "guiding principles", ["letter", "name"]),
            ("sources", "sources", ["id", "title", "publisher", "published"]),
        ],
    )
    def test_kinds(self, kind: str, caption: str, header: list[str]) -> None:
        """Each kind has its own columns; the caption counts the records."""
        registry: Registry[Any] = getattr(umn.load(), kind)
        page = Page(registry._repr_html_())
        assert page.balanced
        assert page.text[: 1 + len(header)] == [f"{len(registry)} {caption}", *header]

    def test_objectives(self) -> None:
        """All 23 objectives are rows."""
        page = Page(umn.objectives._repr_html_())
        assert (page.text[0], page.tags.count("tr")) == ("23 objectives", 24)

    def test_long_registry_is_cut(self) -> None:
        """A registry longer than 60 records shows its first 50 and says how many more."""
        sources = umn.load().sources
        page = Page(sources._repr_html_())
        assert (page.tags.count("tr"), page.text[-1]) == (52, f"… and {len(sources) - 50} more")

    def test_network_members(self) -> None:
        """A network's member count notes the declared count when it differs."""
        network = umn.networks.lookup("global")
        page = Page(umn.networks._repr_html_())
        expected = f"{len(network.members)} ({network.declared_member_count} declared)"
        assert expected in page.text
        assert str(network.launched) in page.text

    def test_one_record(self) -> None:
        """One record is counted in the singular."""
        one = umn.networks.filter(lambda n: n.id == "mozambique")
        assert Page(one._repr_html_()).text[0] == "1 network"

    def test_empty(self) -> None:
        """An empty registry is a caption and no rows."""
        empty = umn.networks.filter(lambda _: False)
        fragment = empty._repr_html_()
        assert (Page(fragment).text, "<tr>" in fragment) == (["0 networks"], False)

    def test_other_records(self) -> None:
        """Records of another kind show their first four fields, sources left out."""
        events = Registry(umn.load().events, keys=lambda e: (e.id,), kind="event")
        page = Page(events._repr_html_())
        first = events.lookup(umn.load().events[0].id)
        assert page.text[:5] == [f"{len(events)} events", "id", "name", "kind", "date"]
        assert page.text[5:9] == [first.id, first.name, first.kind.value, str(first.date)]

    def test_plain_values(self) -> None:
        """A registry of plain values shows each as text, escaped."""
        words = Registry(["<b>", "two"], keys=lambda w: (w,), kind="word")
        fragment = words._repr_html_()
        assert (Page(fragment).text, "<b>" in fragment) == (
            ["2 words", "record", "<b>", "two"],
            False,
        )


class TestDatasetHtml:
    """The dataset's ``_repr_html_``: a summary with the as-of date."""

    def test_summary(self) -> None:
        """The caption gives the as-of date; rows count each kind."""
        ds = umn.load()
        page = Page(ds._repr_html_())
        cells = following(page)
        assert page.text[0] == f"UN Network on Migration data as of {ds.as_of.isoformat()}"
        assert (cells["agencies"], cells["objectives"], cells["guiding principles"]) == (
            str(len(ds.agencies)),
            "23",
            "10",
        )
        assert cells["events"] == str(len(ds.events))
        assert "A/RES/73/195" in page.text[-1]
        assert page.balanced


class TestRepr:
    """Records' reprs are short enough to read."""

    @pytest.mark.parametrize(
        ("record", "expected"),
        [
            (lambda: umn.agencies.lookup("iom"), "Agency(id='iom', acronym='IOM')"),
            (
                lambda: umn.networks.lookup("mozambique"),
                (
                    "Network(id='mozambique', name='United Nations Network on Migration in "
                    "Mozambique', level=<NetworkLevel.COUNTRY>)"
                ),
            ),
            (
                lambda: umn.objectives.lookup(13),
                "Objective(number=13, short_label='Alternatives to detention')",
            ),
            (
                lambda: umn.principles.lookup("a"),
                "GuidingPrinciple(letter='a', name='People-centred')",
            ),
            (lambda: umn.load().sources.lookup("unnm-about"), "Source(id='unnm-about')"),
            (lambda: umn.compact, "Compact(acronym='GCM', resolution='A/RES/73/195')"),
        ],
        ids=["agency", "network", "objective", "principle", "source", "compact"],
    )
    def test_short_form(self, record: Any, expected: str) -> None:
        """The repr names the record's key fields only."""
        assert repr(record()) == expected

    def test_executive_committee(self) -> None:
        """The committee's repr gives its as-of date and its members' acronyms."""
        committee = umn.executive_committee
        members = tuple(a.acronym for a in committee.members)
        assert (
            repr(committee) == f"ExecutiveCommittee(as_of={committee.as_of!r}, members={members!r})"
        )
        assert isinstance(committee.as_of, dt.date)

    @pytest.mark.parametrize("record", every_record())
    def test_every_repr_is_short(self, record: Any) -> None:
        """No record's repr runs past a few hundred characters."""
        assert len(repr(record)) < 600
