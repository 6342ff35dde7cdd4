"""Tests for the record types in `un_migration_network._models`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import un_migration_network as umn
from strategies import date_spans
from un_migration_network import DateSpan, _models


class TestDateSpanParse:
    """DateSpan.parse reads YYYY, YYYY-MM and YYYY-MM-DD."""

    @pytest.mark.parametrize(
        ("text", "earliest", "latest"),
        [
            ("2020", dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
            ("1951", dt.date(1951, 1, 1), dt.date(1951, 12, 31)),
            ("2021-03", dt.date(2021, 3, 1), dt.date(2021, 3, 31)),
            ("2021-04", dt.date(2021, 4, 1), dt.date(2021, 4, 30)),
            ("2021-12", dt.date(2021, 12, 1), dt.date(2021, 12, 31)),
            ("2021-01", dt.date(2021, 1, 1), dt.date(2021, 1, 31)),
            ("2021-02", dt.date(2021, 2, 1), dt.date(2021, 2, 28)),
            ("2020-02", dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
            ("2000-02", dt.date(2000, 2, 1), dt.date(2000, 2, 29)),
            ("1900-02", dt.date(1900, 2, 1), dt.date(1900, 2, 28)),
            ("2022-02-15", dt.date(2022, 2, 15), dt.date(2022, 2, 15)),
            ("2020-02-29", dt.date(2020, 2, 29), dt.date(2020, 2, 29)),
            ("0999", dt.date(999, 1, 1), dt.date(999, 12, 31)),
            ("9999-12", dt.date(9999, 12, 1), dt.date(9999, 12, 31)),
        ],
    )
    def test_forms(self, text: str, earliest: dt.date, latest: dt.date) -> None:
        """Each form parses to the span of days it names."""
        assert DateSpan.parse(text) == DateSpan(earliest, latest)

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "20",
            "202",
            "20201",
            "2020-1",
            "2020-001",
            "2020-13",
            "2020-00",
            "2020-01-00",
            "2020-01-32",
            "2021-02-29",
            "2022-02-30",
            "1900-02-29",
            "0000",
            "2020/01/01",
            "2020/",
            "/2020",
            "2020/2021/2022",
            "2020 (inferred) ",
            "2020(inferred)",
            "2020 (Inferred)",
            "2021-02-29/2021-03-01",
            "2020-01-01T00:00",
            " 2020",
            "2020 ",
            "2020\n",
            "-2020",
            "twenty",
            "２０２０",
            "٢٠٢٠-٠٢",
        ],
    )
    def test_bad_input(self, text: str) -> None:
        """Text that is not one of the forms, or names no real day, raises ValueError."""
        with pytest.raises(ValueError, match=r"."):
            DateSpan.parse(text)

    @given(st.dates())
    def test_day_round_trip(self, day: dt.date) -> None:
        """Any ISO day parses to the exact span of that day."""
        assert DateSpan.parse(day.isoformat()) == DateSpan.exact(day)

    @given(st.dates(max_value=dt.date(9999, 11, 30)))
    def test_month_and_year_contain_the_day(self, day: dt.date) -> None:
        """The month and the year of any day parse to spans that contain it."""
        month = DateSpan.parse(day.isoformat()[:7])
        year = DateSpan.parse(day.isoformat()[:4])
        assert (month.contains(day), year.contains(day)) == (True, True)
        assert (month.earliest.day, year.earliest.timetuple().tm_yday) == (1, 1)


class TestDateSpan:
    """DateSpan's properties and text forms."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("2022-02-15", True), ("2022-02", False), ("2022", False)],
    )
    def test_is_exact(self, text: str, expected: bool) -> None:
        """Only a single day is exact."""
        assert DateSpan.parse(text).is_exact is expected

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (dt.date(2019, 12, 31), False),
            (dt.date(2020, 1, 1), True),
            (dt.date(2020, 6, 30), True),
            (dt.date(2020, 12, 31), True),
            (dt.date(2021, 1, 1), False),
        ],
    )
    def test_contains(self, day: dt.date, expected: bool) -> None:
        """A span contains exactly the days between its bounds, both included."""
        assert DateSpan.parse("2020").contains(day) is expected

    @pytest.mark.parametrize(
        ("span", "expected"),
        [
            (DateSpan.parse("2020"), "2020"),
            (DateSpan.parse("2020-02"), "2020-02"),
            (DateSpan.parse("2020-02-03"), "2020-02-03"),
            (DateSpan(dt.date(2020, 1, 1), dt.date(2020, 1, 30)), None),
            (DateSpan(dt.date(2020, 1, 2), dt.date(2020, 12, 31)), None),
            (DateSpan(dt.date(2020, 1, 1), dt.date(2020, 12, 31), is_inferred=True), None),
            (DateSpan(dt.date(2020, 1, 1), dt.date(2020, 1, 1), is_inferred=True), None),
        ],
    )
    def test_short(self, span: DateSpan, expected: str | None) -> None:
        """short() gives the YYYY[-MM[-DD]] form only when the span is exactly that."""
        assert span.short() == expected

    @pytest.mark.parametrize(
        ("span", "text", "representation"),
        [
            (DateSpan.parse("2020"), "2020", "DateSpan('2020')"),
            (DateSpan.parse("2022-02-15"), "2022-02-15", "DateSpan('2022-02-15')"),
            (
                DateSpan(dt.date(2021, 3, 10), dt.date(2021, 3, 12)),
                "2021-03-10/2021-03-12",
                (
                    "DateSpan(earliest=datetime.date(2021, 3, 10), "
                    "latest=datetime.date(2021, 3, 12), is_inferred=False)"
                ),
            ),
            (
                DateSpan(dt.date(2021, 3, 18), dt.date(2021, 3, 18), is_inferred=True),
                "2021-03-18 (inferred)",
                (
                    "DateSpan(earliest=datetime.date(2021, 3, 18), "
                    "latest=datetime.date(2021, 3, 18), is_inferred=True)"
                ),
            ),
        ],
    )
    def test_str_and_repr(self, span: DateSpan, text: str, representation: str) -> None:
        """str() is the short form or the bounds; repr() names the short form or the fields."""
        assert (str(span), repr(span)) == (text, representation)

    @given(date_spans())
    def test_text_round_trips(self, span: DateSpan) -> None:
        """str() always parses back, inferred ranges included.

        repr() names the short form where there is one, and evaluates back otherwise.
        """
        assert DateSpan.parse(str(span)) == span
        short = span.short()
        if short is not None:
            assert repr(span) == f"DateSpan({short!r})"
        else:
            namespace = {"DateSpan": DateSpan, "datetime": dt}
            assert eval(repr(span), namespace) == span  # noqa: S307 - our own repr

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            (
                "2021-03-18/2021-06-24 (inferred)",
                DateSpan(dt.date(2021, 3, 18), dt.date(2021, 6, 24), is_inferred=True),
            ),
            ("2021-03-10/2021-03-12", DateSpan(dt.date(2021, 3, 10), dt.date(2021, 3, 12))),
            (
                "2021-03-17 (inferred)",
                DateSpan(dt.date(2021, 3, 17), dt.date(2021, 3, 17), is_inferred=True),
            ),
            ("2020/2021", DateSpan(dt.date(2020, 1, 1), dt.date(2021, 12, 31))),
            ("2020-02/2020-03", DateSpan(dt.date(2020, 2, 1), dt.date(2020, 3, 31))),
            (
                "2020 (inferred)",
                DateSpan(dt.date(2020, 1, 1), dt.date(2020, 12, 31), is_inferred=True),
            ),
        ],
    )
    def test_bounds_and_inferred(self, text: str, span: DateSpan) -> None:
        """Two forms joined by "/" are a range; " (inferred)" marks the span inferred."""
        assert DateSpan.parse(text) == span

    @given(st.dates(max_value=dt.date(9999, 11, 30)))
    def test_text_of_any_year_and_month(self, day: dt.date) -> None:
        """The year and month spans of any day, even before year 1000, print and re-parse."""
        for text in (day.isoformat()[:4], day.isoformat()[:7]):
            span = DateSpan.parse(text)
            assert (str(span), DateSpan.parse(str(span))) == (text, span)

    def test_order(self) -> None:
        """Spans sort by their earliest day, then their latest."""
        spans = [DateSpan.parse("2021"), DateSpan.parse("2020-06"), DateSpan.parse("2020")]
        assert sorted(spans) == [spans[2], spans[1], spans[0]]


def _one_of_each(ds: umn.Dataset) -> dict[type, object]:
    """One bundled record of every attrs type in the models module."""
    network = ds.networks.lookup("mozambique")
    committee = ds.executive_committee
    assert network.country is not None
    assert network.launched is not None
    objective = ds.objectives.lookup(1)
    state = ds.compact.voted_against[0]
    return {
        umn.Source: ds.sources.lookup("seed-iom-mozambique-2022"),
        umn.Agency: ds.agencies.lookup("iom"),
        umn.Champion: ds.champions.lookup("bangladesh"),
        umn.Citation: network.citations[0],
        umn.Name: objective.names[0],
        umn.State: state,
        _models.Document: ds._to_document(),
        umn.Country: network.country,
        umn.Network: network,
        umn.DateSpan: network.launched,
        umn.Membership: committee.memberships[0],
        umn.Snapshot: committee.snapshots[0],
        umn.ExecutiveCommittee: committee,
        umn.Objective: ds.objectives.lookup(13),
        umn.GuidingPrinciple: ds.principles.lookup("a"),
        umn.Vote: ds.compact.vote,
        umn.ReviewForum: ds.compact.review_forum,
        umn.ReviewForumEdition: ds.compact.review_forum.editions[0],
        umn.Compact: ds.compact,
        umn.Event: ds.events.lookup("mozambique-kick-off-meeting"),
        umn.Observation: ds.observations.lookup("member-entities-2024-10-04"),
    }


_RECORD_TYPES = sorted(
    (value for value in vars(_models).values() if attrs.has(value)), key=lambda cl: cl.__name__
)


class TestRecords:
    """Every record type is frozen, slotted and hashable."""

    def test_table_covers_every_type(self, dataset: umn.Dataset) -> None:
        """The sample below holds one record of every attrs class in the models module."""
        assert sorted(_one_of_each(dataset), key=lambda cl: cl.__name__) == _RECORD_TYPES

    @pytest.mark.parametrize("cl", _RECORD_TYPES, ids=lambda cl: cl.__name__)
    def test_frozen(self, dataset: umn.Dataset, cl: type) -> None:
        """Assigning to any field of a bundled record raises FrozenInstanceError."""
        record = _one_of_each(dataset)[cl]
        for field in attrs.fields(cl):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(record, field.name, getattr(record, field.name))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(record, attrs.fields(cl)[0].name)

    @pytest.mark.parametrize("cl", _RECORD_TYPES, ids=lambda cl: cl.__name__)
    def test_slotted(self, dataset: umn.Dataset, cl: type) -> None:
        """Records have no __dict__, so no attribute can be added."""
        record = _one_of_each(dataset)[cl]
        assert not hasattr(record, "__dict__")
        assert "__slots__" in vars(cl)

    @pytest.mark.parametrize("cl", _RECORD_TYPES, ids=lambda cl: cl.__name__)
    def test_hashable(self, dataset: umn.Dataset, cl: type) -> None:
        """Records hash, and an equal copy hashes the same."""
        record = _one_of_each(dataset)[cl]
        twin = attrs.evolve(record)  # type: ignore[misc]
        assert twin == record
        assert hash(twin) == hash(record)
        assert twin is not record


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
    def test_members_on(
        self, dataset: umn.Dataset, day: dt.date, count: int, has_who: bool
    ) -> None:
        """The Committee had eight members, and WHO made nine by 2022."""
        members = dataset.executive_committee.members_on(day)
        who = dataset.agencies.lookup("WHO")
        assert len(members) == count
        assert (who in members) is has_who

    @pytest.mark.parametrize(
        "day", ["2022-02-15", dt.date(2022, 2, 15), dt.datetime(2022, 2, 15, 9, tzinfo=dt.UTC)]
    )
    def test_members_on_takes_iso_strings(self, dataset: umn.Dataset, day: object) -> None:
        """A day may be a date, a datetime or an ISO 8601 string."""
        committee = dataset.executive_committee
        assert committee.members_on(day) == committee.members_on(dt.date(2022, 2, 15))  # type: ignore[arg-type]

    @pytest.mark.parametrize("day", [20200101, None, 2020.0, ["2020-01-01"]])
    def test_members_on_other_types(self, dataset: umn.Dataset, day: object) -> None:
        """Anything but a date or a string is a TypeError that says what is expected."""
        with pytest.raises(TypeError, match=r"expected the day as a datetime\.date or an ISO 8601"):
            dataset.executive_committee.members_on(day)  # type: ignore[arg-type]

    def test_members_on_bad_string(self, dataset: umn.Dataset) -> None:
        """A string that is no ISO date is a ValueError quoting it, shortened."""
        with pytest.raises(ValueError, match=r"got '2020-13-01'"):
            dataset.executive_committee.members_on("2020-13-01")
        with pytest.raises(ValueError, match="…"):
            dataset.executive_committee.members_on("x" * 100)

    def test_members_before_any_seat(self, dataset: umn.Dataset) -> None:
        """Before the Network was decided no seat is known to be held."""
        assert dataset.executive_committee.members_on(dt.date(2018, 1, 1)) == ()

    def test_members_is_members_on_as_of(self, dataset: umn.Dataset) -> None:
        """.members is the membership on the committee's as-of date."""
        committee = dataset.executive_committee
        assert committee.members == committee.members_on(committee.as_of)

    def test_coordinator(self, dataset: umn.Dataset) -> None:
        """IOM coordinates the Network."""
        assert dataset.executive_committee.coordinator is dataset.agencies.lookup("IOM")

    def test_seat_that_ended(self, dataset: umn.Dataset) -> None:
        """A seat with an end date holds until the day before that end."""
        iom = dataset.agencies.lookup("iom")
        seat = umn.Membership(iom, DateSpan.parse("2019"), (), until=DateSpan.parse("2020-03-05"))
        held: Callable[[dt.date], bool] = seat.holds_on
        days = [
            dt.date(2019, 12, 30),
            dt.date(2019, 12, 31),
            dt.date(2020, 3, 4),
            dt.date(2020, 3, 5),
        ]
        assert [held(day) for day in days] == [False, True, True, False]


class TestNetwork:
    """Network's derived fields."""

    @pytest.mark.parametrize(
        ("key", "code"),
        [("mozambique", "MZ"), ("kosovo", "XK"), ("global", None), ("asia-pacific", None)],
    )
    def test_country_code(self, dataset: umn.Dataset, key: str, code: str | None) -> None:
        """country_code is the alpha-2 code of a country network, None otherwise."""
        assert dataset.networks.lookup(key).country_code == code


class TestRecordText:
    """Records print as a person would name them."""

    @pytest.mark.parametrize(
        ("record", "expected"),
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
            (lambda ds: ds.principles.lookup("a"), "(a) People-centred"),
            (lambda ds: ds.compact, "Global Compact for Safe, Orderly and Regular Migration (GCM)"),
            # A State as the record of the vote writes it, not as M49 names it ("Czechia").
            (lambda ds: ds.compact.voted_against[0], "Czech Republic"),
        ],
    )
    def test_str(
        self, dataset: umn.Dataset, record: Callable[[umn.Dataset], object], expected: str
    ) -> None:
        """Records print as a person would name them."""
        assert str(record(dataset)) == expected

    @pytest.mark.parametrize(
        ("record", "expected"),
        [
            (lambda ds: ds.sources.lookup("unsd-m49"), "Source(id='unsd-m49')"),
            (
                lambda ds: ds.champions.lookup("Kenya"),
                "Champion(id='kenya')",
            ),
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
                    "Mozambique', level=<NetworkLevel.COUNTRY>)"
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
        ],
    )
    def test_repr(
        self, dataset: umn.Dataset, record: Callable[[umn.Dataset], object], expected: str
    ) -> None:
        """Records with many fields have a short repr that names them by their keys."""
        assert repr(record(dataset)) == expected


class TestCite:
    """cite(field): the sources of one field, a subset of the record's sources."""

    def test_mozambique_launch(self, dataset: umn.Dataset) -> None:
        """The seed is the source of Mozambique's launch."""
        network = dataset.networks.lookup("mozambique")
        assert [s.id for s in network.cite("launched")] == ["seed-iom-mozambique-2022"]

    def test_country_from_m49(self, dataset: umn.Dataset) -> None:
        """A country network's country comes from the M49 table."""
        assert [s.id for s in dataset.networks.lookup("MZ").cite("country")] == ["unsd-m49"]

    def test_uncited_field(self, dataset: umn.Dataset) -> None:
        """A field no source is cited for gives ()."""
        assert dataset.networks.lookup("mozambique").cite("decided") == ()

    @pytest.mark.parametrize("field", ["lunched", "", "country_code", 7])
    def test_not_a_field(self, dataset: umn.Dataset, field: object) -> None:
        """A name that is no field of the record is a ValueError that lists the fields."""
        with pytest.raises(ValueError, match="Network has no field"):
            dataset.networks.lookup("mozambique").cite(field)  # type: ignore[arg-type]

    def test_in_a_language(self, dataset: umn.Dataset) -> None:
        """With lang, the sources of the field's name in that language."""
        unhcr = dataset.agencies.lookup("UNHCR")
        spanish = unhcr.cite("name", lang="es")
        assert spanish
        assert all(source in unhcr.sources for source in spanish)
        assert unhcr.cite("name", lang="zh") == ()
        assert unhcr.cite("name", lang="EN") == unhcr.cite("name")

    @pytest.mark.parametrize("lang", ["french", "f", "", "e1"])
    def test_bad_language(self, dataset: umn.Dataset, lang: str) -> None:
        """A language that is no ISO 639-1 code is a ValueError."""
        with pytest.raises(ValueError, match="ISO 639-1"):
            dataset.agencies.lookup("UNHCR").cite("name", lang=lang)

    def test_language_of_another_type(self, dataset: umn.Dataset) -> None:
        """A language that is not a string is a TypeError."""
        with pytest.raises(TypeError, match="ISO 639-1"):
            dataset.agencies.lookup("UNHCR").name_in(3)  # type: ignore[arg-type]


class TestNamesInLanguages:
    """name_in, acronym_in, title_in, short_label_in: as a source writes them, or None."""

    def test_contract(self) -> None:
        """The examples the languages issue names."""
        assert umn.agencies.lookup("OIT").acronym == "ILO"
        assert umn.networks.lookup("Red de las Naciones Unidas sobre la Migración").id == "global"
        assert umn.objectives.lookup(1).short_label_in("es") == "Datos"
        assert umn.compact.name_in("fr") == (
            "Pacte mondial pour des migrations sûres, ordonnées et régulières"
        )

    def test_english_is_the_field(self) -> None:
        """The language "en" gives the English field itself."""
        iom = umn.agencies.lookup("IOM")
        assert iom.name_in("en") == iom.name
        assert iom.acronym_in("en") == "IOM"

    def test_none_where_no_source_gives_it(self) -> None:
        """No Chinese name is in the sources: None, never a translation or another language."""
        assert umn.agencies.lookup("IOM").name_in("zh") is None
        assert umn.objectives.lookup(1).title_in("ru") is None

    def test_first_of_two_wordings(self) -> None:
        """Where two sources word a name differently, the first is given; both find it."""
        unhcr = umn.agencies.lookup("UNHCR")
        french = [n.text for n in unhcr.names if n.lang == "fr" and n.field == "name"]
        assert len(french) == 2
        assert unhcr.name_in("fr") == french[0]
        assert all(umn.agencies.lookup(text) is unhcr for text in french)

    def test_languages(self) -> None:
        """languages() lists English first, then the languages a source gives, sorted."""
        assert umn.principles.lookup("a").languages() == ("en", "es", "fr")
        assert umn.networks.lookup("algeria").languages() == ("en",)

    def test_every_name_has_a_source(self, dataset: umn.Dataset) -> None:
        """No name in another language is without a source."""
        for _, record in dataset.walk():
            for name in getattr(record, "names", ()):
                assert name.sources, f"{record!r}: {name.text}"


class TestExistsOn:
    """Network.exists_on: whether the sources show a network existing on a day."""

    def test_from_its_first_evidence(self) -> None:
        """Mozambique's network exists from its launch day."""
        network = umn.networks.lookup("Mozambique")
        assert not network.exists_on("2022-02-14")
        assert network.exists_on(dt.date(2022, 2, 15))

    def test_never_evidenced(self) -> None:
        """A network the sources never date is never shown existing."""
        undated = [n for n in umn.networks if n.first_evidenced is None]
        assert undated
        assert not undated[0].exists_on("2026-12-01")
