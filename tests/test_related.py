"""What the rest of the data adds to a record's page (`_related`).

A country's network, Champion and vote; an agency's networks; the events and figures about a
record, a figure the sources dispute marked.
"""

from __future__ import annotations

from typing import Any

import pytest

import un_migration_network as umn
from un_migration_network._pages import Page, Row, page
from un_migration_network._related import full_page, related, vote_of

RESOLUTION = "vote on A/RES/73/195"
NOT_NAMED = "not named in the sources (they name the States against and abstaining)"


def rows_of(found: Any, ds: umn.Dataset | None = None) -> list[Row]:
    """The related rows of *found* in *ds* (the bundled data by default)."""
    return list(related(ds or umn.load(), found))


def texts(found: Any, ds: umn.Dataset | None = None) -> list[tuple[str, str]]:
    """The related rows of *found*, as (label, text)."""
    return [(row.label, row.text) for row in rows_of(found, ds)]


def the_row(found: Any, label: str, ds: umn.Dataset | None = None) -> Row:
    """The one related row of *found* with this label."""
    (only,) = [row for row in rows_of(found, ds) if row.label == label]
    return only


def ids(sources: tuple[Any, ...]) -> list[str]:
    """The ids of some sources, in order."""
    return [source.id for source in sources]


def country(key: str) -> umn.Country:
    """A bundled country."""
    return umn.countries.lookup(key)


def element(document: dict[str, Any], kind: str, key: str) -> dict[str, Any]:
    """The element of ``document[kind]`` whose id is *key*."""
    found: dict[str, Any] = next(item for item in document[kind] if item.get("id") == key)
    return found


class TestCountry:
    """A country's page: its network, whether it is a GCM Champion, how it voted."""

    def test_rows(self) -> None:
        """Three rows, in this order, for any country."""
        assert [row.label for row in rows_of(country("GT"))] == [
            "network",
            "GCM Champion",
            RESOLUTION,
        ]

    @pytest.mark.parametrize("key", ["GT", "CL", "CZ", "KE", "XK"])
    def test_three_rows_each(self, key: str) -> None:
        """Every country has the three rows, whatever the data says of it."""
        assert len(rows_of(country(key))) == 3

    def test_network(self) -> None:
        """A country with a network: its id, the network's name for a fuller title."""
        (piece,) = the_row(country("KE"), "network").pieces
        network = umn.networks.lookup("kenya")
        assert (piece.text, piece.title) == (network.id, network.name)

    def test_network_cited(self) -> None:
        """The network row cites what the network cites for its country."""
        row = the_row(country("KE"), "network")
        assert row.sources == umn.networks.lookup("kenya").cite("country")

    def test_no_network(self) -> None:
        """A country with none: "none listed", not a blank or a zero, and no source."""
        row = the_row(country("GT"), "network")
        assert (row.text, row.sources) == ("none listed", ())

    def test_champion(self) -> None:
        """A Champion country: "yes", since when, cited to the source of the date."""
        row = the_row(country("KE"), "GCM Champion")
        assert row.text == "yes, since 2021-05 (day not known)"
        assert row.sources == umn.champions.lookup("kenya").cite("since")

    def test_champion_since_unknown(self) -> None:
        """A Champion whose date no source gives: "yes", cited to the Champion's sources."""
        champion = umn.champions.lookup("cambodia")
        assert champion.since is None
        row = the_row(country("KH"), "GCM Champion")
        assert (row.text, row.sources) == ("yes", champion.sources)

    def test_not_champion(self) -> None:
        """A country that is not a Champion: "no"."""
        row = the_row(country("GT"), "GCM Champion")
        assert (row.text, row.sources) == ("no", ())

    @pytest.mark.parametrize(
        ("key", "vote", "field"),
        [("Chile", "abstained", "abstained"), ("Czechia", "against", "voted_against")],
    )
    def test_vote(self, key: str, vote: str, field: str) -> None:
        """A State the sources name: its vote, cited to the sources of that list."""
        row = the_row(country(key), RESOLUTION)
        assert row.text == vote
        assert row.sources == umn.compact.cite(field)

    def test_vote_not_named(self) -> None:
        """Kenya is named neither against nor abstaining: the row says so, and cites nothing."""
        row = the_row(country("Kenya"), RESOLUTION)
        assert (row.text, row.sources) == (NOT_NAMED, ())

    def test_no_events(self) -> None:
        """A country is no subject of events or figures: none are added."""
        assert [row.label for row in rows_of(country("MZ"))] == [
            "network",
            "GCM Champion",
            RESOLUTION,
        ]


class TestVoteOf:
    """`vote_of`: how a country voted on A/RES/73/195, where a source names its vote."""

    @pytest.mark.parametrize(
        ("key", "expected"),
        [("Chile", "abstained"), ("Czechia", "against"), ("Hungary", "against")],
    )
    def test_named(self, key: str, expected: str) -> None:
        """The States the sources name against and abstaining."""
        assert vote_of(umn.load(), country(key)) == expected

    @pytest.mark.parametrize("key", ["Kenya", "Guatemala", "Kosovo"])
    def test_not_named(self, key: str) -> None:
        """Any other country: None (the 152 in favour are a count, not a list)."""
        assert vote_of(umn.load(), country(key)) is None

    def test_every_named_state(self) -> None:
        """Every State of the two lists has its vote, and only those two votes occur."""
        ds = umn.load()
        votes = {
            state.country.alpha2: vote_of(ds, state.country)
            for states in (ds.compact.voted_against, ds.compact.abstained)
            for state in states
            if state.country is not None
        }
        assert len(votes) == len(ds.compact.voted_against) + len(ds.compact.abstained)
        assert set(votes.values()) == {"against", "abstained"}


class TestNetwork:
    """A network's page gains its country's Champion row, and its events and figures."""

    def test_champion_country(self) -> None:
        """The Kenyan network's page says Kenya is a Champion."""
        assert texts(umn.networks.lookup("kenya")) == [
            ("GCM Champion", "yes, since 2021-05 (day not known)")
        ]

    def test_not_a_champion(self) -> None:
        """A country that is no Champion adds no "no" row to its network's page."""
        labels = [label for label, _ in texts(umn.networks.lookup("mozambique"))]
        assert "GCM Champion" not in labels

    def test_no_country(self) -> None:
        """A network with no country (the global Network) has no Champion row."""
        labels = [label for label, _ in texts(umn.networks.lookup("global"))]
        assert "GCM Champion" not in labels

    def test_events(self) -> None:
        """Mozambique's network: its kick-off meeting, cited to the IOM page."""
        (row,) = rows_of(umn.networks.lookup("mozambique"))
        assert (row.label, row.text) == ("events", "2022-02-16: Kick-off meeting")
        assert ids(row.sources) == ["seed-iom-mozambique-2022"]

    def test_events_in_date_order(self) -> None:
        """Events are listed by date; only the first row is labelled."""
        events = [
            row for row in rows_of(umn.networks.lookup("global")) if row.label in ("events", "")
        ]
        events = events[: len(umn.load().about("global")[0])]
        dates = [row.text.split(": ")[0] for row in events]
        assert [row.label for row in events] == ["events"] + [""] * (len(events) - 1)
        assert dates == sorted(dates)


class TestFigures:
    """The figures about a record, by date; a figure the sources dispute is marked."""

    def figures(self, found: Any) -> list[Row]:
        """The figure rows of a record's page."""
        rows = rows_of(found)
        start = next(i for i, row in enumerate(rows) if row.label == "figures")
        return rows[start:]

    def test_first_labelled(self) -> None:
        """Only the first figure row is labelled."""
        labels = [row.label for row in self.figures(umn.networks.lookup("global"))]
        assert labels == ["figures"] + [""] * (len(labels) - 1)

    def test_by_date(self) -> None:
        """The figures are in the order of their dates."""
        figures = umn.load().about("global")[1]
        expected = [str(o) for o in sorted(figures, key=lambda o: o.as_of)]
        assert [row.text for row in self.figures(umn.networks.lookup("global"))] == expected

    def test_disputed_on_the_global_page(self) -> None:
        """Two counts of country networks for one day: both marked, naming both values."""
        disputed = [
            (row.text, row.note)
            for row in self.figures(umn.networks.lookup("global"))
            if row.note is not None
        ]
        assert disputed == [
            (
                "2022-02-15: 61 country networks",
                "disputed: sources give 60 and 61 for that date",
            ),
            (
                "2022-02-15: 60 country networks",
                "disputed: sources give 60 and 61 for that date",
            ),
        ]

    def test_disputed_on_the_compact_page(self) -> None:
        """The States adopting the Compact: 164 and 165 disputed, 152 the vote mistaken."""
        notes = {row.text: row.note for row in self.figures(umn.compact) if row.note is not None}
        assert notes == {
            "2018-12-10: 165 states adopting": (
                "disputed: sources give 152 and 164 and 165 for that date"
            ),
            "2018-12-10: 164 states adopting": (
                "disputed: sources give 152 and 164 and 165 for that date"
            ),
            "2018-12-10: 152 states adopting": (
                "disputed: 152 is the General Assembly's vote in favour of A/RES/73/195, "
                "not a count of States adopting the Compact"
            ),
        }

    def test_undisputed_unmarked(self) -> None:
        """A figure no other source contradicts has no note."""
        row = next(
            row
            for row in self.figures(umn.compact)
            if row.text == "2022-05-20: more than 200 pledges"
        )
        assert row.note is None

    def test_cited(self) -> None:
        """A figure row cites the sources of its value."""
        observation = umn.load().observations.lookup("gcm-pledges-imrf-2022")
        row = next(row for row in self.figures(umn.compact) if row.text == str(observation))
        assert row.sources == observation.cite("value")


class TestAgency:
    """An agency's page gains the networks it belongs to and co-chairs."""

    def test_member_of(self) -> None:
        """UN-Habitat is a member of Mozambique's network."""
        (row,) = rows_of(umn.agencies.lookup("UN-Habitat"))
        assert (row.label, row.text) == ("member of", "mozambique")
        assert row.pieces[0].title == umn.networks.lookup("mozambique").name

    def test_member_of_every_network(self) -> None:
        """The "member of" row lists each network that lists the agency, in the data's order."""
        ilo = umn.agencies.lookup("ILO")
        row = the_row(ilo, "member of")
        assert [piece.text for piece in row.pieces] == [n.id for n in umn.load().networks_of(ilo)]

    def test_member_of_cited(self) -> None:
        """The row cites each network's sources for its members."""
        row = the_row(umn.agencies.lookup("UN-Habitat"), "member of")
        assert row.sources == umn.networks.lookup("mozambique").cite("members")

    def test_co_chair_of(self) -> None:
        """IOM co-chairs the continental network, among others."""
        row = the_row(umn.agencies.lookup("IOM"), "co-chair of")
        expected = [n.id for n in umn.networks if umn.agencies.lookup("IOM") in n.co_chairs]
        assert [piece.text for piece in row.pieces] == expected
        assert "africa-continental" in expected

    def test_none(self) -> None:
        """An agency in no network and the subject of nothing: no rows."""
        assert rows_of(umn.agencies.lookup("ctbto")) == []

    def test_agency_events(self) -> None:
        """An agency's events follow its networks."""
        labels = [row.label for row in rows_of(umn.agencies.lookup("IOM")) if row.label]
        assert labels == ["member of", "co-chair of", "events", "figures"]


class TestOtherRecords:
    """The Compact's events; records that are no subject of anything."""

    def test_compact_events(self) -> None:
        """The Compact's events (subject "gcm") begin with the New York Declaration."""
        first = rows_of(umn.compact)[0]
        assert (first.label, first.text) == (
            "events",
            "2016-09-19: New York Declaration for Refugees and Migrants (A/RES/71/1)",
        )

    @pytest.mark.parametrize(
        "found",
        [
            pytest.param(lambda: umn.executive_committee, id="committee"),
            pytest.param(lambda: umn.compact.vote, id="vote"),
            pytest.param(lambda: umn.objectives.lookup(13), id="objective"),
        ],
    )
    def test_nothing_added(self, found: Any) -> None:
        """A record with no id, or one nothing is about, gains no rows."""
        assert rows_of(found()) == []


class TestFallbacks:
    """A row cites the record's sources where the record cites none for the field read."""

    @pytest.fixture
    def uncited(self, document: dict[str, Any]) -> umn.Dataset:
        """A user's dataset whose records cite nothing for the fields the rows read."""
        del element(document, "networks", "kenya")["citations"]["country"]
        element(document, "networks", "mozambique")["citations"].pop("members")
        del element(document, "events", "mozambique-kick-off-meeting")["citations"]["date"]
        del element(document, "observations", "gcm-pledges-imrf-2022")["citations"]["value"]
        del document["compact"]["citations"]["abstained"]
        return umn.load_dataset(document)

    def test_network(self, uncited: umn.Dataset) -> None:
        """A network that cites nothing for its country: its sources."""
        network = uncited.networks.lookup("kenya")
        row = the_row(uncited.countries.lookup("KE"), "network", uncited)
        assert row.sources == network.sources

    def test_event(self, uncited: umn.Dataset) -> None:
        """An event that cites nothing for its date: its sources."""
        event = uncited.events.lookup("mozambique-kick-off-meeting")
        row = the_row(uncited.networks.lookup("mozambique"), "events", uncited)
        assert row.sources == event.sources

    def test_figure(self, uncited: umn.Dataset) -> None:
        """A figure that cites nothing for its value: its sources."""
        observation = uncited.observations.lookup("gcm-pledges-imrf-2022")
        rows = rows_of(uncited.compact, uncited)
        row = next(row for row in rows if row.text == str(observation))
        assert row.sources == observation.sources

    def test_vote(self, uncited: umn.Dataset) -> None:
        """The Compact citing nothing for the States abstaining: its sources."""
        row = the_row(uncited.countries.lookup("CL"), RESOLUTION, uncited)
        assert row.sources == uncited.compact.sources

    def test_members(self, uncited: umn.Dataset) -> None:
        """A network that cites nothing for its members adds no source to "member of"."""
        row = the_row(uncited.agencies.lookup("UN-Habitat"), "member of", uncited)
        assert row.sources == ()


class TestFullPage:
    """`full_page`: the record's page with the related rows after its own."""

    def test_rows(self) -> None:
        """The page's rows, then the related ones."""
        ds = umn.load()
        guatemala = country("GT")
        shown = full_page(ds, guatemala)
        assert shown.rows == (*page(guatemala).rows, *related(ds, guatemala))

    def test_sources_numbered_with_the_page(self) -> None:
        """The related rows' sources join the page's numbered sources."""
        shown = full_page(umn.load(), country("CL"))
        vote = next(row for row in shown.rows if row.label == RESOLUTION)
        assert set(ids(vote.sources)) <= set(ids(shown.sources))

    def test_lang(self) -> None:
        """The page is in the language asked for."""
        shown: Page = full_page(umn.load(), umn.compact, lang="fr")
        assert (
            shown.title == "Pacte mondial pour des migrations sûres, ordonnées et régulières (GCM)"
        )
