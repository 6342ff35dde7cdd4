"""Plain text for the command line: a page with numbered sources, wrapped lines, tables."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

import un_migration_network as umn
from un_migration_network._pages import Page, Piece, Row, page
from un_migration_network._terminal import WIDTH, _source_line, page_text, table, wrap

SEED = "https://mozambique.iom.int/news/un-network-migration-mozambique-officially-launched"
M49 = "https://unstats.un.org/unsd/methodology/m49/overview/"
_MARK = re.compile(r"\[(\d+)\]")


def every_record() -> list[Any]:
    """One parameter per record of the bundled data, walked with `Dataset.walk`."""
    return [pytest.param(found, id=subject) for subject, found in umn.load().walk()]


def mozambique(**options: Any) -> list[str]:
    """The lines of Mozambique's page."""
    return page_text(page(umn.networks.lookup("mozambique")), **options).splitlines()


def source(key: str = "x", **fields: Any) -> umn.Source:
    """A source of one's own, at https://example.org/KEY."""
    return umn.Source(id=key, url=f"https://example.org/{key}", **fields)


def one_row(row: Row, *sources: umn.Source, lang: str = "en") -> list[str]:
    """The lines of a page of one row, its sources cited."""
    return page_text(Page("T", (row,), sources, (), lang)).splitlines()


class TestPageText:
    """`page_text`: the title, labelled rows marked with source numbers, then the sources."""

    def test_title_and_rule(self) -> None:
        """The title is underlined with "=" as long as it."""
        title = "United Nations Network on Migration in Mozambique"
        assert mozambique()[:2] == [title, "=" * len(title)]

    def test_long_title_wraps(self) -> None:
        """A title longer than a line wraps; the rule is as long as its longest line."""
        lines = page_text(page(umn.objectives.lookup(13))).splitlines()
        assert lines[:3] == [
            "Objective 13: Use migration detention only as a measure of last resort and work",
            "towards alternatives",
            "=" * 79,
        ]

    def test_empty_title(self) -> None:
        """A page with no title has an empty title line and rule."""
        assert page_text(Page("", (), (), ())).split("\n") == ["", ""]

    def test_rows(self) -> None:
        """Each row: its label, padded to the longest, then its text and source marks."""
        assert mozambique()[2:8] == [
            "id                   mozambique",
            "name                 United Nations Network on Migration in Mozambique",
            "level                country",
            "country              Mozambique [1]",
            "also known as        UN Network for Migration in Mozambique [2]",
            "launched             2022-02-15 [2]",
        ]

    def test_rows_wrap_under_their_text(self) -> None:
        """A long row wraps at 80 columns, its next lines indented to its text."""
        lines = mozambique()
        members = next(i for i, line in enumerate(lines) if line.startswith("members "))
        assert lines[members : members + 2] == [
            "members              RCO, FAO, IOM, OHCHR, UN-Habitat, UN Women, UNAIDS, UNDP,",
            "                     UNFPA, UNHCR, UNICEF, UNODC, WFP [2]",
        ]

    def test_labels_align(self) -> None:
        """Every row's text starts in the same column, two spaces after the longest label."""
        body = mozambique()[2 : mozambique().index("")]
        width = len("membership complete")
        assert [line for line in body if line[width : width + 2] != "  "] == []

    def test_label_width_capped(self) -> None:
        """No label column is wider than a third of the line: a longer label pushes its text."""
        rows = (Row("x" * 40, (Piece("long"),)), Row("id", (Piece("short"),)))
        lines = page_text(Page("T", rows, (), ())).splitlines()
        assert lines[2:] == ["x" * 40 + "  long", "id" + " " * 24 + "  short"]

    def test_depth_indents(self) -> None:
        """A field of a record inside the record is indented under its heading row."""
        lines = page_text(page(umn.compact), brief=True).splitlines()
        vote = lines.index(next(line for line in lines if line.startswith("vote ")))
        assert lines[vote + 1].startswith("  in favour ")

    def test_heading_row(self) -> None:
        """A heading row with no sources is its label alone."""
        assert one_row(Row("editions", ()))[2] == "editions"

    def test_note(self) -> None:
        """A row's note follows its text in brackets, before its marks."""
        seed = source("seed")
        lines = one_row(Row("figure", (Piece("61"),), (seed,), note="disputed"), seed)
        assert lines[2] == "figure  61 (disputed) [1]"

    def test_marks_once(self) -> None:
        """A row marks each of its sources once."""
        seed = source("seed")
        assert one_row(Row("a", (Piece("b"),), (seed, seed)), seed)[2] == "a  b [1]"

    @pytest.mark.parametrize(
        ("lang", "note"),
        [
            ("es", "In Spanish where a source gives it; [en] marks English shown."),
            ("zh", "In Chinese where a source gives it; [en] marks English shown."),
            ("de", "In de where a source gives it; [en] marks English shown."),
        ],
    )
    def test_language_note(self, lang: str, note: str) -> None:
        """In another language, a line under the title says what "[en]" means."""
        assert one_row(Row("a", (Piece("b"),)), lang=lang)[2] == note

    def test_no_note_in_english(self) -> None:
        """In English, no such line."""
        assert one_row(Row("a", (Piece("b"),)))[2] == "a  b"

    def test_sources(self) -> None:
        """The cited sources follow the rows, numbered, one line each."""
        lines = mozambique()
        start = lines.index("Sources")
        assert lines[start + 1 : start + 3] == [
            f"[1] United Nations Statis… {M49}",
            f"[2] {SEED}",
        ]

    def test_also_consulted(self) -> None:
        """A source no field cites is listed apart, numbered on from the cited ones."""
        lines = mozambique()
        start = lines.index("Also consulted (cited by no field above)")
        assert lines[start + 1 :] == [
            "[3] https://migrationnetwork.un.org/regional-information-brief-african-region"
        ]

    def test_consulted_right_under_the_cited(self) -> None:
        """The consulted sources follow the cited ones with no blank line (80x24 pages)."""
        lines = mozambique()
        start = lines.index("Also consulted (cited by no field above)")
        assert lines[start - 1].startswith("[2] ")

    def test_consulted_apart_from_the_rows(self) -> None:
        """Where no source is cited, a blank line parts the rows from the consulted ones."""
        seed = source("seed")
        text = page_text(Page("T", (Row("a", (Piece("b"),)),), (), (seed,)))
        assert text.splitlines()[2:] == [
            "a  b",
            "",
            "Also consulted (cited by no field above)",
            "[1] https://example.org/seed",
        ]

    def test_brief(self) -> None:
        """With *brief*, no list of sources; the marks stay."""
        lines = mozambique(brief=True)
        assert "Sources" not in lines
        assert "Also consulted (cited by no field above)" not in lines
        assert "launched             2022-02-15 [2]" in lines

    def test_no_sources_no_list(self) -> None:
        """A page that cites nothing has no "Sources" list."""
        assert "Sources" not in page_text(page(umn.compact.vote)).splitlines()

    @pytest.mark.parametrize("found", every_record())
    def test_fits_80_columns(self, found: Any) -> None:
        """Every line fits 80 columns, except those holding a web address (kept whole)."""
        lines = page_text(page(found, lang="fr")).splitlines()
        wide = [line for line in lines if len(line) > WIDTH and "://" not in line]
        assert [line for line in wide if set(line) != {"="}] == []

    @pytest.mark.parametrize("found", every_record())
    def test_marks_are_listed(self, found: Any) -> None:
        """Every number a row marks is a source listed below; the lists number 1, 2, 3..."""
        text = page_text(page(found))
        rows, _, listing = text.partition("\n\n")
        numbers = [int(n) for n in re.findall(r"^\[(\d+)\] ", listing, re.MULTILINE)]
        assert numbers == list(range(1, len(numbers) + 1))
        assert {int(n) for n in _MARK.findall(rows)} - set(numbers) == set()

    @pytest.mark.parametrize("width", [40, 60, 100])
    def test_width(self, width: int) -> None:
        """A page wraps at the width given (web addresses kept whole)."""
        lines = mozambique(width=width)
        assert [line for line in lines if len(line) > width and "://" not in line] == []


class TestSourceLine:
    """How a source is described in a page's list: one line, its address whole."""

    @pytest.mark.parametrize(
        ("fields", "expected"),
        [
            pytest.param({"title": "A page", "publisher": "IOM"}, "A page (IOM)", id="publisher"),
            pytest.param({"title": "A page"}, "A page", id="no-publisher"),
            pytest.param({"publisher": "IOM"}, "IOM", id="publisher-only"),
            pytest.param(
                {"publisher": "IOM", "published": dt.date(2021, 5, 4)},
                "IOM (2021-05-04)",
                id="published",
            ),
            pytest.param(
                {"title": "A post", "kind": umn.SourceKind.SECONDARY},
                "A post (secondary)",
                id="secondary",
            ),
            pytest.param(
                {
                    "title": "A post",
                    "publisher": "A blog",
                    "published": dt.date(2020, 1, 2),
                    "kind": umn.SourceKind.SECONDARY,
                },
                "A post (A blog, 2020-01-02, secondary)",
                id="everything",
            ),
        ],
    )
    def test_line(self, fields: dict[str, Any], expected: str) -> None:
        """Number, title, then publisher, date and kind in brackets, then the address."""
        assert _source_line(4, source(**fields), WIDTH) == f"[4] {expected} https://example.org/x"

    def test_address_only(self) -> None:
        """A source known only by its address is its address."""
        assert _source_line(1, source(), WIDTH) == "[1] https://example.org/x"

    def test_title_cut(self) -> None:
        """A title too long for the line is cut with "…"; the address stays whole."""
        line = _source_line(1, source(title="t" * 100), WIDTH)
        assert line == "[1] " + "t" * 53 + "… https://example.org/x"
        assert len(line) == WIDTH

    def test_no_room(self) -> None:
        """Where fewer than eight characters are left for the title, the address alone."""
        url = "https://example.org/" + "u" * 60
        record = umn.Source(id="long", url=url, title="A title")
        assert _source_line(1, record, WIDTH) == f"[1] {url}"

    def test_room_of_eight(self) -> None:
        """Eight characters left: the title is cut to fit them."""
        url = "https://example.org/" + "u" * (WIDTH - len("[1] ") - 1 - 8 - 20)
        record = umn.Source(id="long", url=url, title="abcdefghijk")
        assert _source_line(1, record, WIDTH) == f"[1] abcdefg… {url}"


class TestWrap:
    """`wrap`: text after a prefix, the following lines indented to match."""

    def test_wraps(self) -> None:
        """The lines after the first are indented by the prefix's width."""
        assert wrap("ab  ", "one two three four five six seven", 20) == [
            "ab  one two three four",
            "    five six seven",
        ]

    def test_empty(self) -> None:
        """Empty text is the prefix alone."""
        assert wrap("ab  ", "", 20) == ["ab  "]

    def test_at_least_twenty(self) -> None:
        """However long the prefix, the text gets twenty characters a line."""
        lines = wrap("p" * 70, "word " * 10, 80)
        assert [len(line) - 70 for line in lines] == [19, 19, 9]

    def test_long_words_whole(self) -> None:
        """A word longer than the line (an address) is never broken."""
        assert wrap("- ", "x" * 50, 20) == ["- " + "x" * 50]


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
        """When the free text is at its floor (eight characters), the next column is cut."""
        rows = [["k", "x" * 20, "y" * 30]]
        assert table(["k", "a", "b"], rows, width=25, text=[2]) == (
            "k  a             b\n-  ------------  --------\nk  xxxxxxxxxxx…  yyyyyyy…"
        )

    def test_free_text_first(self) -> None:
        """A column of free text gives way before a date, however wide the text."""
        rows = [["k", "2022-02-15", "y" * 40]]
        lines = table(["k", "date", "name"], rows, width=30, text=[2]).splitlines()
        assert lines[2].split()[1] == "2022-02-15"

    def test_a_date_stays_a_whole_day(self) -> None:
        """Other columns are cut no shorter than a day (ten characters) while any can give."""
        rows = [["k", "2022-02-15", "a long code value"]]
        lines = table(["k", "date", "code"], rows, width=25).splitlines()
        assert lines[2] == "k  2022-02-15  a long co…"

    def test_a_character_at_a_time(self) -> None:
        """Past every floor, the widest column gives a character at a time."""
        rows = [["k", "2022-02-15", "y" * 40]]
        lines = table(["k", "date", "name"], rows, width=15, text=[2]).splitlines()
        assert lines[2] == "k  2022…  yyyy…"

    def test_text_is_never_the_key(self) -> None:
        """A key column named as text is still never cut."""
        rows = [["east-southern-africa", "y" * 40]]
        lines = table(["id", "name"], rows, width=30, text=[0, 1]).splitlines()
        assert lines[2] == "east-southern-africa  yyyyyyy…"

    def test_header_is_the_floor(self) -> None:
        """A column is not cut below its header while others can give way."""
        header = "a long header"
        lines = table(["k", header, "b"], [["k", "x" * 20, "y" * 30]], width=40).splitlines()
        assert lines[0].split("  ")[1] == header

    @pytest.mark.parametrize("width", [4, 10, 20, 39])
    def test_every_line_fits(self, width: int) -> None:
        """Every line fits the width, down to one character per cut column."""
        rows = [["k", "x" * 12, "y" * 30], ["k", "z", "w" * 7]]
        lines = table(["k", "first", "second"], rows, width=width).splitlines()
        assert [line for line in lines if len(line) > max(width, 7)] == []

    def test_too_narrow(self) -> None:
        """A width narrower than one character per column leaves each cut column one wide."""
        assert table(["id", "name"], [["a", "b"]], width=3) == "id  …\n--  -\na   b"

    @pytest.mark.parametrize("width", [10, 30, 60])
    def test_key_never_cut(self, width: int) -> None:
        """The key column (the first, or *keep*) is never cut, however narrow the width."""
        rows = [["network", "east-southern-africa", "y" * 40]]
        lines = table(["kind", "id", "name"], rows, width=width, keep=1).splitlines()
        assert lines[2].split()[1] == "east-southern-africa"

    def test_first_column_kept_by_default(self) -> None:
        """By default the first column is the key."""
        lines = table(["id", "name"], [["east-southern-africa", "y" * 40]], width=30).splitlines()
        assert lines[2] == "east-southern-africa  yyyyyyy…"

    def test_others_cut_first(self) -> None:
        """With the key kept, the other columns are cut, the widest first."""
        rows = [["network", "east-southern-africa", "y" * 40]]
        lines = table(["kind", "id", "name"], rows, width=38, keep=1).splitlines()
        assert lines[2] == "network  east-southern-africa  yyyyyy…"
