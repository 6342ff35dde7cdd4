"""The plain-text views: span texts, cells, tables, and each kind of record's page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs
import pytest

import un_migration_network as umn
from un_migration_network import _models, _text
from un_migration_network._kinds import KINDS
from un_migration_network._text import WIDTH, cell, page, span_text, table

_MARK = re.compile(r"\[(\d+)\]")
_ENTRY = re.compile(r"\[(\d+)\] (.*)")
_NOTE = re.compile(r"In \S+ where a source gives it; \[en\] marks English shown\.")
SEED = "https://mozambique.iom.int/news/un-network-migration-mozambique-officially-launched"


@attrs.frozen
class Page:
    """A page taken apart: its title, its rows (label, text) and its numbered sources."""

    title: str
    rule: str
    note: str | None
    rows: tuple[tuple[str, str], ...]
    numbers: tuple[int, ...]
    sources: tuple[tuple[str, str], ...]

    def texts(self, label: str) -> list[str]:
        """The text of every row with this label (wrapped lines joined)."""
        return [text for row_label, text in self.rows if row_label == label]

    def text(self, label: str) -> str:
        """The text of the one row with this label."""
        (only,) = self.texts(label)
        return only

    def cited(self, label: str) -> list[str]:
        """The addresses of the sources the one row with this label marks, in mark order."""
        return [self.sources[int(n) - 1][1] for n in _MARK.findall(self.text(label))]

    @property
    def urls(self) -> list[str]:
        """The addresses of the numbered sources, in number order."""
        return [url for _, url in self.sources]


def parse(text: str) -> Page:
    """Take a page apart; a line that starts with spaces continues the row above it."""
    lines = text.split("\n")
    rule_at = next(i for i, line in enumerate(lines) if line and set(line) == {"="})
    body = lines[rule_at + 1 :]
    note = None
    if body and _NOTE.fullmatch(body[0]):
        note, body = body[0], body[1:]
    end = body.index("") if "" in body else len(body)
    rows: list[list[str]] = []
    for line in body[:end]:
        if line.startswith(" ") and rows:
            rows[-1][1] += " " + line.strip()
        else:
            label, _, rest = line.partition("  ")
            rows.append([label.strip(), rest.strip()])
    numbers: list[int] = []
    entries: list[list[str]] = []
    for line in body[end + 2 :]:
        match = _ENTRY.fullmatch(line)
        if match is None:
            entries[-1].append(line.strip())
        else:
            numbers.append(int(match[1]))
            entries.append([match[2]])
    return Page(
        title=" ".join(lines[:rule_at]),
        rule=lines[rule_at],
        note=note,
        rows=tuple((label, text) for label, text in rows),
        numbers=tuple(numbers),
        sources=tuple((" ".join(entry[:-1]), entry[-1]) for entry in entries),
    )


def unmarked(text: str) -> str:
    """A row's text without its source numbers (and the spaces before them)."""
    return " ".join(_MARK.sub("", text).split())


def every_record() -> list[Any]:
    """Every record that has a page: each of every kind, the Compact, its forum, the Committee."""
    ds = umn.load()
    records: list[Any] = [record for kind in KINDS for record in ds.registry(kind)]
    return [*records, ds.compact, ds.compact.review_forum, ds.executive_committee]


def source(**fields: Any) -> umn.Source:
    """A source with an id and an address, and the *fields* given."""
    return umn.Source(**{"id": "test-source", "url": "https://example.org/a/b", **fields})


def network(key: str) -> umn.Network:
    """A bundled network."""
    return umn.load().networks.lookup(key)


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
        """No span is "not known"."""
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


class TestTable:
    """`table` lays rows out under headers, cut to a width only when given one."""

    def test_aligned(self) -> None:
        """Columns are as wide as their widest cell, two spaces apart, under a rule."""
        rows = [["1", "Data"], ["23", "Cooperation"]]
        expected = "no  label\n--  -----------\n1   Data\n23  Cooperation"
        assert table(["no", "label"], rows) == expected

    def test_no_rows(self) -> None:
        """A table with no rows is its headers and rule."""
        assert table(["id", "name"], []) == "id  name\n--  ----"

    def test_no_trailing_spaces(self) -> None:
        """A short cell in the last column leaves no spaces at the end of its line."""
        lines = table(["name", "id"], [["a", ""], ["bbbbbb", "c"]]).splitlines()
        assert [line for line in lines if line != line.rstrip()] == []

    def test_no_width_never_cuts(self) -> None:
        """Without a width, a long cell is shown whole."""
        long = "y" * 500
        assert table(["a"], [[long]]).splitlines()[2] == long

    def test_fits_unchanged(self) -> None:
        """A table that fits its width is not cut."""
        rows = [["1", "Data"], ["23", "Cooperation"]]
        assert table(["no", "label"], rows, width=15) == table(["no", "label"], rows)

    def test_cuts_the_widest_column(self) -> None:
        """Only the widest column is cut, with "…", until the table fits."""
        assert table(["a", "b"], [["x" * 5, "y" * 30]], width=20) == (
            "a      b\n-----  -------------\nxxxxx  yyyyyyyyyyyy…"
        )

    def test_cuts_only_the_widest(self) -> None:
        """Only the widest column is cut while it is wider than its floor."""
        assert table(["a", "b"], [["x" * 10, "y" * 30]], width=20) == (
            "a           b\n----------  --------\nxxxxxxxxxx  yyyyyyy…"
        )

    def test_then_the_next_widest(self) -> None:
        """When the widest is at its floor (eight characters), the next widest is cut."""
        assert table(["a", "b"], [["x" * 20, "y" * 30]], width=22) == (
            "a             b\n------------  --------\nxxxxxxxxxxx…  yyyyyyy…"
        )

    @pytest.mark.parametrize("width", [4, 10, 20, 39])
    def test_every_line_fits(self, width: int) -> None:
        """Every line fits the width (down to one character per column)."""
        rows = [["x" * 12, "y" * 30], ["z", "w" * 7]]
        lines = table(["first", "second"], rows, width=width).splitlines()
        assert [line for line in lines if len(line) > width] == []

    def test_too_narrow(self) -> None:
        """A width narrower than one character per column leaves each column one wide."""
        assert table(["id", "name"], [["a", "b"]], width=3) == "…  …\n-  -\na  b"


class TestPageLayout:
    """How `page` lays out every record: title, rule, rows, numbered sources."""

    def test_mozambique(self) -> None:
        """The seed network's page, as the command line shows it."""
        shown = parse(page(network("mozambique"), dataset=umn.load()))
        assert shown.rows == (
            ("id", "mozambique"),
            ("level", "country"),
            ("country", "Mozambique (MZ, MOZ, M49 508) - Africa / Sub-Saharan Africa [1]"),
            ("launched", "2022-02-15 [2]"),
            ("first evidenced", "2022-02-15 [2]"),
            (
                "members",
                (
                    "13 listed, 11 declared [2] RCO, FAO, IOM, OHCHR, UN-Habitat, UN Women, "
                    "UNAIDS, UNDP, UNFPA, UNHCR, UNICEF, UNODC, WFP"
                ),
            ),
            ("also known as", "UN Network for Migration in Mozambique [2]"),
            ("events", "2022-02-16: Kick-off meeting [2]"),
        )

    def test_launch_cites_the_seed(self) -> None:
        """The footnote of Mozambique's "launched" row is the IOM Mozambique page."""
        shown = parse(page(network("mozambique")))
        assert shown.cited("launched") == [SEED]

    def test_title_and_rule(self) -> None:
        """The title is underlined with "=" as long as it."""
        lines = page(network("mozambique")).splitlines()
        assert lines[:2] == [
            "United Nations Network on Migration in Mozambique",
            "=" * len("United Nations Network on Migration in Mozambique"),
        ]

    def test_long_title_wraps(self) -> None:
        """A title longer than a line wraps; the rule is as long as its longest line."""
        lines = page(umn.objectives.lookup(13)).splitlines()
        assert lines[:3] == [
            "Objective 13: Use migration detention only as a measure of last resort and work",
            "towards alternatives",
            "=" * 79,
        ]

    def test_labels_align(self) -> None:
        """Every row's text starts in the same column, two spaces after the longest label."""
        lines = page(network("mozambique")).split("\n\n")[0].splitlines()[2:]
        assert [line for line in lines if line[15:17] != "  " or line[17] == " "] == []

    def test_rows_wrap_under_their_text(self) -> None:
        """A long row wraps at 80 columns, its next lines indented to its text."""
        lines = page(network("mozambique")).splitlines()
        members = lines.index("members          13 listed, 11 declared [2]")
        assert lines[members + 1 : members + 3] == [
            "                 RCO, FAO, IOM, OHCHR, UN-Habitat, UN Women, UNAIDS, UNDP,",
            "                 UNFPA, UNHCR, UNICEF, UNODC, WFP",
        ]

    @pytest.mark.parametrize("record", every_record(), ids=repr)
    def test_sources(self, record: Any) -> None:
        """Every page numbers its sources 1, 2, 3..., each once, all of the record's among them.

        Every number a row marks is a listed source; the record's sources that no row cites
        are listed too.
        """
        shown = parse(page(record, dataset=umn.load()))
        marked = {int(n) for _, text in shown.rows for n in _MARK.findall(text)}
        assert list(shown.numbers) == list(range(1, len(shown.numbers) + 1))
        assert len(set(shown.urls)) == len(shown.urls)
        assert marked - set(shown.numbers) == set()
        assert {s.url for s in getattr(record, "sources", ())} - set(shown.urls) == set()

    @pytest.mark.parametrize("record", every_record(), ids=repr)
    def test_fits_80_columns(self, record: Any) -> None:
        """Every line fits 80 columns, except those holding a web address (kept whole)."""
        lines = page(record, lang="fr", dataset=umn.load()).splitlines()
        wide = [line for line in lines if len(line) > WIDTH and "://" not in line]
        # A title that is a web address is underlined as long as it is.
        assert [line for line in wide if set(line) != {"="}] == []

    def test_sources_in_order_of_first_citation(self) -> None:
        """Sources are numbered as the rows first cite them; the record's others come last."""
        mozambique = network("mozambique")
        shown = parse(page(mozambique))
        assert shown.urls == [
            "https://github.com/UN-CRAFd/crafd-reference-datasets",
            SEED,
            "https://migrationnetwork.un.org/regional-information-brief-african-region",
        ]

    def test_source_entry(self) -> None:
        """A source is listed with its title and publisher, its address on a line of its own."""
        text = page(network("mozambique"))
        assert text.splitlines()[-2:] == [
            "[3] Regional Information Brief – Africa (UN Network on Migration)",
            "    https://migrationnetwork.un.org/regional-information-brief-african-region",
        ]

    def test_address_never_broken(self) -> None:
        """A web address longer than a line stays whole on its line."""
        record = umn.load().sources.lookup("seed-iom-mozambique-2022")
        assert parse(page(record)).texts("address") == [SEED]

    def test_address_title_never_broken(self) -> None:
        """A source known only by its address has it, whole, as its page's title."""
        record = source(url="https://example.org/" + "x" * 100)
        assert page(record).splitlines()[0] == record.url

    def test_ten_or_more_sources(self) -> None:
        """From [10] on, addresses are indented one more, under the text of their entry."""
        lines = page(umn.compact).splitlines()
        tenth = next(i for i, line in enumerate(lines) if line.startswith("[10] "))
        following = lines[tenth + 1 :]
        url = next(line for line in following if "://" in line)
        assert url.startswith("     http")

    def test_no_sources_no_list(self) -> None:
        """A page that cites nothing (a source's own page) has no "Sources" list."""
        record = umn.load().sources.lookup("seed-iom-mozambique-2022")
        assert "Sources" not in page(record).splitlines()

    def test_empty_rows_hidden(self) -> None:
        """A field with nothing to show has no row (Mozambique has no coordinator)."""
        assert parse(page(network("mozambique"))).texts("coordinator") == []


class TestLanguages:
    """`page(..., lang=...)` shows names in a language where a source gives them."""

    def test_english_has_no_note(self) -> None:
        """In English the page says nothing about languages."""
        assert parse(page(network("mozambique"))).note is None

    @pytest.mark.parametrize(
        ("lang", "note"),
        [
            ("es", "In Spanish where a source gives it; [en] marks English shown."),
            ("fr", "In French where a source gives it; [en] marks English shown."),
            ("zh", "In Chinese where a source gives it; [en] marks English shown."),
            ("de", "In de where a source gives it; [en] marks English shown."),
        ],
    )
    def test_note(self, lang: str, note: str) -> None:
        """In another language, a line under the title says what "[en]" means."""
        assert parse(page(network("mozambique"), lang=lang)).note == note

    def test_agency_title_in_spanish(self) -> None:
        """UNHCR in Spanish: its Spanish acronym and name as the title."""
        shown = parse(page(umn.agencies.lookup("UNHCR"), lang="es"))
        assert shown.title == "ACNUR: Alto Comisionado de las Naciones Unidas para los Refugiados"

    @pytest.mark.parametrize("field", ["acronym", "name"])
    def test_spanish_names_cited(self, field: str) -> None:
        """The Spanish acronym and name are rows numbered with the sources that give them."""
        unhcr = umn.agencies.lookup("UNHCR")
        shown = parse(page(unhcr, lang="es"))
        assert shown.cited(f"{field} (es)") == [s.url for s in unhcr.cite(field, lang="es")]

    def test_english_marked(self) -> None:
        """Where no source gives the language, the English is shown and marked "[en]"."""
        mozambique = network("mozambique")
        shown = parse(page(mozambique, lang="es"))
        assert shown.title == f"{mozambique.name} [en]"

    def test_member_acronyms(self) -> None:
        """Members are named by their acronym in the language, or in English marked "[en]"."""
        shown = parse(page(network("mozambique"), lang="es"))
        assert shown.text("members").endswith(
            "RCO [en], FAO, OIM, ACNUDH, UN-Habitat [en], ONU-Mujeres, UNAIDS [en], PNUD, "
            "UNFPA [en], ACNUR, UNICEF, UNODC, WFP"
        )

    def test_compact_in_french(self) -> None:
        """The Compact's French name is its French page's title."""
        shown = parse(page(umn.compact, lang="fr"))
        french = "Pacte mondial pour des migrations sûres, ordonnées et régulières"
        assert shown.title == f"{french} (GCM)"

    def test_names_in_english_page(self) -> None:
        """Names in other languages are rows of the English page too, each with its sources."""
        shown = parse(page(network("global")))
        assert unmarked(shown.text("name (es)")) == "Red de las Naciones Unidas sobre la Migración"

    def test_two_names_in_one_language(self) -> None:
        """Each name a source gives is its own row."""
        shown = parse(page(umn.agencies.lookup("UNHCR")))
        assert [unmarked(t) for t in shown.texts("name (fr)")] == [
            "Haut-Commissariat des Nations Unies pour les réfugiés",
            "Haut-Commissariat pour les réfugiés",
        ]


class TestNetworkPage:
    """A network's page."""

    @pytest.mark.parametrize(
        ("key", "label", "expected"),
        [
            pytest.param("global", "decided", "2018-05-23", id="decided"),
            pytest.param("global", "coordinator", "IOM", id="coordinator"),
            pytest.param(
                "global",
                "members",
                "16 listed, 38 declared (list incomplete) IOM, ILO, OHCHR, DESA, UNDP, UNHCR, "
                "UNICEF, UNODC, WHO, UNITAR, UNU, ECE, ESCAP, ECLAC, ESCWA, ECA",
                id="declared",
            ),
            pytest.param("asia-pacific", "region", "Asia and the Pacific", id="region"),
            pytest.param("asia-pacific", "launched", "not known", id="no-launch"),
            pytest.param(
                "asia-pacific", "members", "1 listed (list incomplete) ESCAP", id="undeclared"
            ),
            pytest.param("belarus", "launched", "2020 (day not known)", id="launch-year"),
            pytest.param("belarus", "co-chairs", "RCO, IOM", id="co-chairs"),
            pytest.param("iraq", "launched", "2021-03-17 (inferred)", id="launch-inferred"),
            pytest.param(
                "zambia",
                "launched",
                "between 2021-03-18 and 2021-06-24, inferred",
                id="launch-bounds",
            ),
            pytest.param(
                "kosovo",
                "country",
                "Kosovo (UNSCR 1244) (XK) (user-assigned code)",
                id="user-assigned-code",
            ),
            pytest.param("kosovo", "members", "0 listed (list incomplete)", id="no-members"),
        ],
    )
    def test_row(self, key: str, label: str, expected: str) -> None:
        """Each fact in words, with its sources' numbers."""
        assert unmarked(parse(page(network(key))).text(label)) == expected

    def test_events(self) -> None:
        """With the dataset, a network's events are listed by date."""
        shown = parse(page(network("asia-pacific"), dataset=umn.load()))
        assert unmarked(shown.text("events")) == (
            "2020-11-19: Multi-stakeholder consultation on border governance "
            "2021-03-10/2021-03-12: First regional review "
            "2025-02-04/2025-02-06 (inferred): Second regional review"
        )

    def test_figures(self) -> None:
        """With the dataset, the figures reported for it: "more than", and their scope."""
        shown = parse(page(network("global"), dataset=umn.load()))
        figures = unmarked(shown.text("figures"))
        assert "2022-01-27: 5 country networks in Gulf countries" in figures
        assert "2023-10-01: more than 80 regional and country networks" in figures

    @pytest.mark.parametrize(
        ("key", "expected"),
        [
            pytest.param("kenya", ["yes, since 2021-05 (day not known)"], id="dated"),
            pytest.param("azerbaijan", ["yes"], id="undated"),
            pytest.param("mozambique", [], id="not-a-champion"),
            pytest.param("asia-pacific", [], id="no-country"),
        ],
    )
    def test_champion_row(self, key: str, expected: list[str]) -> None:
        """A country network says whether its country is a GCM Champion, and since when."""
        shown = parse(page(network(key), dataset=umn.load()))
        assert [unmarked(t) for t in shown.texts("GCM Champion")] == expected

    def test_champion_row_cites(self) -> None:
        """The Champion row cites the sources of the Champion's date."""
        champion = umn.champions.lookup("kenya")
        shown = parse(page(network("kenya"), dataset=umn.load()))
        assert shown.cited("GCM Champion") == [s.url for s in champion.cite("since")]

    def test_without_dataset(self) -> None:
        """Without the dataset, a page shows only the record's own fields."""
        labels = [label for label, _ in parse(page(network("kenya"))).rows]
        assert [x for x in labels if x in {"events", "figures", "GCM Champion"}] == []

    def test_country_without_codes(self) -> None:
        """A country with no alpha-3, no M49 code and no region shows what it has."""
        country = umn.Country(name="Somewhere", alpha2="QZ")
        record = attrs.evolve(network("kosovo"), country=country)
        assert unmarked(parse(page(record)).text("country")) == "Somewhere (QZ)"


class TestAgencyPage:
    """An agency's page."""

    @pytest.mark.parametrize(
        ("key", "label", "expected"),
        [
            pytest.param("un-habitat", "kind", "fund or programme", id="kind"),
            pytest.param("un-habitat", "based in", "Nairobi, Kenya", id="headquarters"),
            pytest.param("unhcr", "website", "https://www.unhcr.org/", id="website"),
            pytest.param(
                "unhcr",
                "member of",
                "7 networks: global, arab-region, europe-central-asia, bangladesh, iraq, "
                "mozambique, uganda",
                id="networks",
            ),
        ],
    )
    def test_row(self, key: str, label: str, expected: str) -> None:
        """Each fact in words."""
        agency = umn.agencies.lookup(key)
        assert unmarked(parse(page(agency, dataset=umn.load())).text(label)) == expected

    def test_title(self) -> None:
        """An agency's title is its acronym and name."""
        shown = parse(page(umn.agencies.lookup("UN Habitat")))
        assert shown.title == "UN-Habitat: United Nations Human Settlements Programme"

    def test_no_networks(self) -> None:
        """An agency no network lists has no "member of" row."""
        shown = parse(page(umn.agencies.lookup("ctbto"), dataset=umn.load()))
        assert shown.texts("member of") == []

    def test_no_website(self) -> None:
        """An agency without a known website or seat has no such rows."""
        shown = parse(page(umn.agencies.lookup("desa")))
        assert [x for x, _ in shown.rows if x in {"website", "based in"}] == []

    def test_events(self) -> None:
        """With the dataset, the events about the agency (IOM joins the UN system)."""
        shown = parse(page(umn.agencies.lookup("iom"), dataset=umn.load()))
        assert shown.texts("events") != []

    def test_member_of_needs_the_dataset(self) -> None:
        """Without the dataset, no "member of" row."""
        assert parse(page(umn.agencies.lookup("unhcr"))).texts("member of") == []


class TestGcmPages:
    """The pages of objectives, principles, the Compact, its forum and the Committee."""

    @pytest.mark.parametrize(
        ("record", "label", "expected"),
        [
            pytest.param(umn.objectives.lookup(13), "paragraph", "29", id="paragraph"),
            pytest.param(umn.objectives.lookup(13), "IMRF", "round table 2", id="round-table"),
            pytest.param(
                umn.objectives.lookup(13),
                "other wording",
                "Use immigration detention only as a measure of last resort and work towards "
                "alternatives",
                id="variant",
            ),
            pytest.param(
                umn.objectives.lookup(18), "paragraph", "34 (inferred)", id="inferred-paragraph"
            ),
            pytest.param(umn.principles.lookup("a"), "paragraph", "15", id="principle"),
            pytest.param(
                umn.principles.lookup("e"),
                "paragraph",
                "15 (letter inferred from the order)",
                id="inferred-letter",
            ),
            pytest.param(umn.compact, "adopted", "2018-12-10, Marrakech, Morocco", id="adopted"),
            pytest.param(umn.compact, "endorsed", "2018-12-19, A/RES/73/195", id="endorsed"),
            pytest.param(
                umn.compact,
                "vote",
                "152 in favour, 5 against, 12 abstentions, 24 not voting",
                id="vote",
            ),
            pytest.param(
                umn.compact,
                "against",
                "Czech Republic (CZE), Hungary (HUN), Israel (ISR), Poland (POL), "
                "United States (USA)",
                id="against",
            ),
            pytest.param(
                umn.compact,
                "review",
                "International Migration Review Forum (IMRF) every 4 years from 2022",
                id="review",
            ),
            pytest.param(umn.compact, "modalities", "A/RES/73/326", id="modalities"),
            pytest.param(
                umn.compact,
                "2022",
                "between 2022-05-17 and 2022-05-20, United Nations Headquarters, New York "
                "Progress Declaration endorsed 2022-06-07",
                id="edition",
            ),
            pytest.param(umn.executive_committee, "coordinator", "IOM", id="coordinator"),
            pytest.param(umn.executive_committee, "secretariat", "IOM", id="secretariat"),
            pytest.param(
                umn.executive_committee,
                "WHO",
                "since between 2020-03-05 and 2021-12-31, inferred",
                id="seat",
            ),
            pytest.param(
                umn.executive_committee,
                "member lists",
                "2019-11-14: IOM, ILO, UNHCR, UNICEF, OHCHR, UNDP, UNODC, DESA "
                "2020-03-04 (inferred): OHCHR, ILO, UNHCR (partial list) "
                "2020-10-19: OHCHR (partial list) "
                "between 2021-12-01 and 2021-12-31, inferred: ILO, IOM, OHCHR, UNICEF, DESA, "
                "UNODC, UNHCR, UNDP, WHO "
                "2022-02-15: IOM, ILO, UNHCR, OHCHR, DESA, UNICEF, UNODC, UNDP, WHO",
                id="member-lists-in-date-order",
            ),
        ],
    )
    def test_row(self, record: Any, label: str, expected: str) -> None:
        """Each fact in words."""
        assert unmarked(parse(page(record)).text(label)) == expected

    @pytest.mark.parametrize(
        ("record", "title"),
        [
            pytest.param(
                umn.principles.lookup("h"), "Guiding principle (h): Child-sensitive", id="principle"
            ),
            pytest.param(
                umn.compact,
                "Global Compact for Safe, Orderly and Regular Migration (GCM)",
                id="compact",
            ),
            pytest.param(
                umn.compact.review_forum,
                "International Migration Review Forum (IMRF)",
                id="forum",
            ),
            pytest.param(
                umn.executive_committee,
                "Executive Committee of the UN Network on Migration",
                id="committee",
            ),
        ],
    )
    def test_title(self, record: Any, title: str) -> None:
        """Each page's title names the record."""
        assert parse(page(record)).title == title

    def test_committee_members(self) -> None:
        """The Committee's members as of its date."""
        committee = umn.executive_committee
        shown = parse(page(committee))
        members = ", ".join(agency.acronym for agency in committee.members)
        assert shown.texts(f"as of {committee.as_of}") == [members]

    def test_seat_that_ended(self) -> None:
        """A seat that ended shows until when."""
        committee = umn.executive_committee
        seat = attrs.evolve(committee.memberships[0], until=umn.DateSpan.parse("2024-01"))
        record = attrs.evolve(committee, memberships=(seat,))
        label = seat.agency.acronym
        assert unmarked(parse(page(record)).text(label)).endswith(", until 2024-01 (day not known)")

    def test_no_round_table(self) -> None:
        """An objective no round table covers has no "IMRF" row."""
        record = attrs.evolve(umn.objectives.lookup(13), round_table=None)
        assert parse(page(record)).texts("IMRF") == []

    def test_vote_without_non_voting(self) -> None:
        """A vote that records no non-voting members shows no 'not voting' figure."""
        vote = attrs.evolve(umn.compact.vote, non_voting=None)
        shown = parse(page(attrs.evolve(umn.compact, vote=vote)))
        assert unmarked(shown.text("vote")) == "152 in favour, 5 against, 12 abstentions"

    def test_state_without_code(self) -> None:
        """A State the M49 table does not name is shown as the source writes it."""
        states = (umn.State(as_written="Ruritania"), *umn.compact.voted_against[:1])
        shown = parse(page(attrs.evolve(umn.compact, voted_against=states)))
        assert unmarked(shown.text("against")) == "Ruritania, Czech Republic (CZE)"

    def test_edition_without_details(self) -> None:
        """A forum edition known only by its year shows the year."""
        forum = umn.compact.review_forum
        edition = umn.ReviewForumEdition(year=2030, sources=forum.sources[:1])
        shown = parse(page(attrs.evolve(forum, editions=(edition,))))
        assert unmarked(shown.text("2030")) == "2030"

    def test_compact_events_need_the_dataset(self) -> None:
        """With the dataset, the Compact's events; without it, none."""
        assert parse(page(umn.compact)).texts("events") == []

    def test_compact_events(self) -> None:
        """The Compact's events, from the dataset, begin with the New York Declaration."""
        shown = parse(page(umn.compact, dataset=umn.load()))
        assert unmarked(shown.text("events")).startswith(
            "2016-09-19: New York Declaration for Refugees and Migrants (A/RES/71/1)"
        )

    def test_forum_page(self) -> None:
        """The forum's own page: its cadence, modalities and editions, names in languages."""
        shown = parse(page(umn.compact.review_forum))
        assert [label for label, _ in shown.rows] == [
            "meets",
            "modalities",
            "2022",
            "2026",
            "name (es)",
            "name (fr)",
        ]


class TestOtherPages:
    """The pages of Champion countries, sources, events and observations."""

    def test_champion(self) -> None:
        """A Champion country: its country, since when, and its country network."""
        shown = parse(page(umn.champions.lookup("kenya"), dataset=umn.load()))
        assert [(label, unmarked(text)) for label, text in shown.rows] == [
            ("id", "kenya"),
            ("country", "Kenya (KE, KEN, M49 404) - Africa / Sub-Saharan Africa"),
            ("Champion since", "2021-05 (day not known)"),
            ("country network", "kenya"),
        ]

    def test_champion_title(self) -> None:
        """A Champion's title names its country."""
        shown = parse(page(umn.champions.lookup("bangladesh")))
        assert shown.title == "GCM Champion country: Bangladesh"

    def test_champion_without_network(self) -> None:
        """A Champion whose country has no network, and no known date."""
        shown = parse(page(umn.champions.lookup("cambodia"), dataset=umn.load()))
        assert [(label, unmarked(text)) for label, text in shown.rows][2:] == [
            ("Champion since", "not known")
        ]

    def test_champion_without_dataset(self) -> None:
        """Without the dataset, no "country network" row."""
        shown = parse(page(umn.champions.lookup("kenya")))
        assert shown.texts("country network") == []

    def test_source(self) -> None:
        """A source's page: its id, address, publisher, date and kind."""
        record = umn.load().sources.lookup("seed-iom-mozambique-2022")
        shown = parse(page(record))
        assert shown.rows == (
            ("id", "seed-iom-mozambique-2022"),
            ("address", SEED),
            ("publisher", "IOM Mozambique"),
            ("kind", "primary"),
        )

    @pytest.mark.parametrize(
        ("fields", "title"),
        [
            pytest.param({"title": "A page", "publisher": "IOM"}, "A page", id="title"),
            pytest.param({"publisher": "IOM"}, "IOM", id="publisher"),
            pytest.param({}, "https://example.org/a/b", id="address"),
        ],
    )
    def test_source_title(self, fields: dict[str, Any], title: str) -> None:
        """A source's page is titled by its title, else its publisher, else its address."""
        assert parse(page(source(**fields))).title == title

    def test_source_published(self) -> None:
        """A source published on a known day says so."""
        shown = parse(page(source(published=dt.date(2021, 5, 4))))
        assert shown.text("published") == "2021-05-04"

    def test_event(self) -> None:
        """An event's page: its id, kind, date, subject and place."""
        record = umn.load().events.lookup("arab-region-first-regional-review")
        shown = parse(page(record))
        assert [(label, unmarked(text)) for label, text in shown.rows][1:4] == [
            ("kind", "review"),
            ("date", "between 2021-02-24 and 2021-02-25"),
            ("about", "arab-region"),
        ]

    def test_event_place(self) -> None:
        """An event with a known place shows it."""
        record = umn.load().events.lookup("arab-region-first-regional-review")
        assert parse(page(record)).texts("place") != []

    def test_event_without_place(self) -> None:
        """An event with no known place has no "place" row."""
        record = umn.load().events.lookup("mozambique-kick-off-meeting")
        assert parse(page(record)).texts("place") == []

    def test_observation(self) -> None:
        """An observation's page: the figure, its date and what it counts for."""
        record = umn.load().observations.lookup("country-networks-gulf-2022-01-27")
        shown = parse(page(record))
        assert [(label, unmarked(text)) for label, text in shown.rows] == [
            ("id", "country-networks-gulf-2022-01-27"),
            ("figure", "5 country networks"),
            ("as of", "2022-01-27"),
            ("about", "global"),
            ("in", "Gulf countries"),
        ]

    def test_observation_lower_bound(self) -> None:
        """A figure a source gives as "more than" says so, in the title too."""
        record = umn.load().observations.lookup("gcm-pledges-imrf-2022")
        assert parse(page(record)).title == "more than 200 pledges (gcm)"


class TestSourceLine:
    """How a source is described in a page's list of sources."""

    @pytest.mark.parametrize(
        ("fields", "expected"),
        [
            pytest.param({"title": "A page", "publisher": "IOM"}, "A page (IOM)", id="publisher"),
            pytest.param(
                {"title": "A page (IOM Kenya)", "publisher": "IOM Kenya"},
                "A page (IOM Kenya)",
                id="publisher-in-title",
            ),
            pytest.param({"title": "A page"}, "A page", id="no-publisher"),
            pytest.param({"publisher": "IOM"}, "IOM", id="publisher-only"),
            pytest.param({}, "example.org", id="address-only"),
            pytest.param(
                {"publisher": "IOM", "published": dt.date(2021, 5, 4)},
                "IOM (2021-05-04)",
                id="published",
            ),
            pytest.param(
                {"title": "A post", "kind": umn.SourceKind.SECONDARY},
                "A post (secondary source)",
                id="secondary",
            ),
            pytest.param(
                {
                    "title": "A post",
                    "publisher": "A blog",
                    "published": dt.date(2020, 1, 2),
                    "kind": umn.SourceKind.SECONDARY,
                },
                "A post (A blog, 2020-01-02, secondary source)",
                id="everything",
            ),
        ],
    )
    def test_line(self, fields: dict[str, Any], expected: str) -> None:
        """Title, then publisher (unless the title names it), date and kind in brackets."""
        assert _text._source_line(source(**fields)) == expected


@attrs.frozen
class Pledge(_models._Sourced):
    """A record of a kind no page knows: what a new kind gets before it has a page."""

    id: str
    made: umn.DateSpan
    by: tuple[umn.Agency, ...]
    sources: tuple[umn.Source, ...]
    note: str | None = None
    citations: tuple[umn.Citation, ...] = ()


class TestAnyOtherRecord:
    """A record with no page of its own gets each field in words, with its sources."""

    def test_a_new_kind(self) -> None:
        """Every field, spans and lists as text, each cited field marked, sources below."""
        seed = umn.load().sources.lookup("seed-iom-mozambique-2022")
        pledge = Pledge(
            "p1",
            umn.DateSpan.parse("2022"),
            (umn.agencies.lookup("IOM"), umn.agencies.lookup("UNHCR")),
            (seed,),
            citations=(umn.Citation("made", (seed,)),),
        )
        shown = parse(page(pledge))
        assert shown.title == "Pledge"
        assert shown.rows == (
            ("id", "p1"),
            ("made", "2022 (day not known) [1]"),
            (
                "by",
                (
                    "IOM (International Organization for Migration); UNHCR (Office of the "
                    "United Nations High Commissioner for Refugees)"
                ),
            ),
        )
        assert shown.urls == [SEED]

    def test_a_record_without_sources(self) -> None:
        """The Compact's vote: its counts in words, and no sources."""
        shown = parse(page(umn.compact.vote))
        assert shown.title == "Vote"
        assert shown.rows == (
            ("in favour", "152"),
            ("against", "5"),
            ("abstentions", "12"),
            ("not voting", "24"),
        )
        assert shown.sources == ()

    def test_a_record_with_a_name(self) -> None:
        """A State is titled by its name; its country reads as on a network's page."""
        shown = parse(page(umn.compact.voted_against[0]))
        assert shown.title == "State: Czech Republic"
        assert shown.text("country") == "Czechia (CZ, CZE, M49 203) - Europe / Eastern Europe"

    def test_not_a_record(self) -> None:
        """Anything else is a TypeError that says what was expected."""
        with pytest.raises(TypeError, match="expected a record, got str"):
            page("Mozambique")
