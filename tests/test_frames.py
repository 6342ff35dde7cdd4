"""DataFrames in pandas and polars: the same columns, types and values; the countries to join on."""

from __future__ import annotations

import importlib.util
import math
import sys
from typing import Any, TypeVar

import attrs
import pandas as pd
import pytest

import un_migration_network as umn
from test_contract import COUNTRY_COLUMNS
from un_migration_network._frames import BACKENDS, dataframes, pandas_frame, polars_frame
from un_migration_network._kinds import kind_named
from un_migration_network._tables import tables

T = TypeVar("T")
COUNTRIES = kind_named("countries")
NETWORKS = kind_named("networks")
HAS_POLARS = importlib.util.find_spec("polars") is not None
needs_polars = pytest.mark.skipif(
    not HAS_POLARS,
    reason="polars is not installed (pip install 'un-migration-network[polars]')",
)


def evolve(record: T, **changes: Any) -> T:
    """A copy of *record* with some fields changed."""
    changed: T = attrs.evolve(record, **changes)  # type: ignore[misc] # records hide attrs from mypy
    return changed


def plain(value: object) -> object:
    """A cell of either library as plain Python: missing as None, a timestamp as a date."""
    if isinstance(value, list):
        return value
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):  # a numpy scalar
        item: object = value.item()
        return item
    return value


def pandas_values(frame: pd.DataFrame) -> dict[str, list[object]]:
    """A pandas frame's values, column by column, as plain Python."""
    return {str(name): [plain(value) for value in frame[name].tolist()] for name in frame.columns}


def polars_values(frame: Any) -> dict[str, list[object]]:
    """A polars frame's values, column by column, as plain Python."""
    return {name: [plain(value) for value in frame[name].to_list()] for name in frame.columns}


class TestPandasFrame:
    """A pandas DataFrame of one kind."""

    def test_the_types(self) -> None:
        """Text, nullable integers and booleans, dates, categoricals, lists."""
        frame = umn.networks.to_dataframe()
        columns = [
            "id",
            "member_count",
            "is_membership_complete",
            "launched_earliest",
            "level",
            "members",
        ]
        assert [str(frame[name].dtype) for name in columns] == [
            "string",
            "Int64",
            "boolean",
            "datetime64[ns]",
            "category",
            "object",
        ]

    def test_numbers(self) -> None:
        """A latitude is a nullable float."""
        frame = umn.countries.to_dataframe()
        assert str(frame["latitude"].dtype) == "Float64"

    def test_an_unknown_member_count_is_missing(self) -> None:
        """Zambia lists no members: its count is <NA>, never 0."""
        frame = umn.networks.to_dataframe().set_index("id")
        assert frame.loc["zambia", "member_count"] is pd.NA

    def test_no_count_is_zero(self) -> None:
        """No network in the bundled data has a count of 0."""
        frame = umn.networks.to_dataframe()
        assert int((frame["member_count"] == 0).sum()) == 0

    def test_a_partial_list_counts_its_members(self) -> None:
        """Asia-Pacific's one member, beside the flag that the list is incomplete."""
        frame = umn.networks.to_dataframe().set_index("id")
        row = frame.loc["asia-pacific"]
        assert (plain(row["member_count"]), plain(row["is_membership_complete"])) == (1, False)

    def test_a_column_missing_in_every_row_keeps_its_type(self) -> None:
        """One network with no Chinese name: ``name_zh`` is all <NA>, still text."""
        frame = pandas_frame(NETWORKS, [umn.networks.lookup("zambia")])
        assert (str(frame["name_zh"].dtype), bool(frame["name_zh"].isna().all())) == (
            "string",
            True,
        )

    def test_no_records(self) -> None:
        """An empty table has its columns and their types."""
        frame = pandas_frame(NETWORKS, [])
        assert (len(frame), str(frame["member_count"].dtype)) == (0, "Int64")

    def test_a_language(self) -> None:
        """With ``lang``, the named columns hold that language's text."""
        frame = umn.objectives.to_dataframe(lang="es").set_index("number")
        assert frame.loc[1, "short_label"] == umn.objectives.lookup(1).short_label_in("es")

    def test_a_language_that_is_not_one(self) -> None:
        """A language is an ISO 639-1 code: anything else is a ValueError."""
        with pytest.raises(ValueError, match="ISO 639-1"):
            umn.objectives.to_dataframe(lang="French")

    def test_without_pandas(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas, an ImportError names the extra to install."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r"un-migration-network\[pandas\]"):
            umn.networks.to_dataframe()


class TestCountriesFrame:
    """The countries table an analyst joins on."""

    def test_the_contract_columns(self) -> None:
        """Every column the contract names, and the names in the six languages."""
        columns = list(umn.countries.to_dataframe().columns)
        languages = [f"name_{lang}" for lang in ("ar", "es", "fr", "ru", "zh")]
        wanted = [*COUNTRY_COLUMNS, *languages, "latitude", "longitude"]
        assert [name for name in wanted if name not in columns] == []

    def test_one_row_per_country(self) -> None:
        """A row for each country or area, keyed by its alpha-2 code."""
        frame = umn.countries.to_dataframe()
        assert (len(frame), frame["alpha2"].is_unique) == (len(umn.countries), True)

    @pytest.mark.parametrize(
        ("alpha2", "network"),
        [("MZ", "mozambique"), ("CI", "cote-divoire"), ("GT", None)],
    )
    def test_the_network(self, alpha2: str, network: str | None) -> None:
        """The id of the country's network, missing where the data lists none."""
        frame = umn.countries.to_dataframe().set_index("alpha2")
        assert plain(frame.loc[alpha2, "network"]) == network

    @pytest.mark.parametrize(("alpha2", "champion"), [("BD", True), ("MZ", False)])
    def test_champion(self, alpha2: str, champion: bool) -> None:
        """Whether the country is a GCM Champion."""
        frame = umn.countries.to_dataframe().set_index("alpha2")
        assert bool(frame.loc[alpha2, "champion"]) == champion

    @pytest.mark.parametrize(
        ("alpha2", "vote"),
        [("HU", "against"), ("DZ", "abstained"), ("MZ", None)],
    )
    def test_the_vote(self, alpha2: str, vote: str | None) -> None:
        """How the country voted, where a source names it; missing elsewhere."""
        frame = umn.countries.to_dataframe().set_index("alpha2")
        assert plain(frame.loc[alpha2, "gcm_vote"]) == vote

    def test_the_votes_are_a_closed_vocabulary(self) -> None:
        """A categorical of the four ways to vote, whether or not the data has each."""
        frame = umn.countries.to_dataframe()
        assert list(frame["gcm_vote"].cat.categories) == [
            "in favour",
            "against",
            "abstained",
            "non-voting",
        ]

    def test_a_dataset_of_ones_own(self, dataset: umn.Dataset) -> None:
        """A dataset built from parts: its countries' registry reaches it too."""
        own = umn.Dataset.of(dataset.as_of, dataset.parts())
        frame = own.countries.to_dataframe().set_index("alpha2")
        assert frame.loc["MZ", "network"] == "mozambique"

    def test_a_filtered_registry(self) -> None:
        """Filtered countries keep their dataset, and so their network."""
        frame = umn.countries.filter(region="Africa").to_dataframe().set_index("alpha2")
        assert frame.loc["MZ", "network"] == "mozambique"

    def test_without_a_dataset_the_joined_columns_are_missing(self) -> None:
        """Countries alone: the three columns are there, missing in every row."""
        frame = pandas_frame(COUNTRIES, [umn.countries.lookup("MZ")])
        joined = frame[["network", "champion", "gcm_vote"]]
        assert (list(joined.columns), bool(joined.isna().all().all())) == (
            ["network", "champion", "gcm_vote"],
            True,
        )

    def test_a_country_network_of_a_country_not_listed(self, dataset: umn.Dataset) -> None:
        """A network with no country names no country's network."""
        network = evolve(dataset.networks.lookup("mozambique"), country=None)
        others = tuple(n for n in dataset.networks if n.id != "mozambique")
        parts = {**dataset.parts(), "networks": (*others, network)}
        frame = umn.Dataset.of(dataset.as_of, parts).countries.to_dataframe().set_index("alpha2")
        assert frame.loc["MZ", "network"] is pd.NA

    def test_a_state_with_no_country(self, dataset: umn.Dataset) -> None:
        """A State the vote names with no country record gives no country a vote."""
        compact = evolve(dataset.compact, voted_against=(umn.State("Atlantis"),))
        parts = {**dataset.parts(), "compact": compact}
        frame = umn.Dataset.of(dataset.as_of, parts).countries.to_dataframe()
        assert frame["gcm_vote"].value_counts().to_dict()["against"] == 0


class TestDataframes:
    """Every table of a dataset as a DataFrame."""

    def test_every_table(self, dataset: umn.Dataset) -> None:
        """A frame per table, the Committee's seats by their own name."""
        frames = dataset.to_dataframes()
        assert list(frames) == [table.name for table in tables(dataset)]

    def test_no_memberships(self, dataset: umn.Dataset) -> None:
        """``memberships`` (the Committee's seats) is gone: ``committee_seats`` it is."""
        frames = dataset.to_dataframes()
        assert ("memberships" in frames, len(frames["committee_seats"])) == (
            False,
            len(dataset.executive_committee.memberships),
        )

    def test_network_members(self, dataset: umn.Dataset) -> None:
        """A long table of network members, one row per member."""
        members = dataset.to_dataframes()["network_members"]
        mozambique = members[members["network"] == "mozambique"]
        assert list(mozambique["agency"]) == [
            agency.id for agency in dataset.networks.lookup("mozambique").members
        ]

    def test_citations_have_no_language_for_the_field_itself(self, dataset: umn.Dataset) -> None:
        """A field's own citation has <NA> for its language."""
        citations = dataset.to_dataframes()["citations"]
        launched = citations[
            (citations["kind"] == "networks")
            & (citations["record"] == "mozambique")
            & (citations["field"] == "launched")
        ]
        assert [plain(value) for value in launched["lang"]] == [None]

    def test_the_countries_frame_has_its_joined_columns(self, dataset: umn.Dataset) -> None:
        """The countries among every table are the countries' own frame."""
        countries = dataset.to_dataframes()["countries"].set_index("alpha2")
        assert countries.loc["HU", "gcm_vote"] == "against"

    def test_an_unknown_backend(self, dataset: umn.Dataset) -> None:
        """A backend is pandas or polars: anything else is a ValueError that says so."""
        with pytest.raises(ValueError, match="'pandas' or 'polars'"):
            dataset.to_dataframes(backend="arrow")

    def test_the_backends(self) -> None:
        """The two libraries."""
        assert BACKENDS == ("pandas", "polars")


@needs_polars
class TestPolars:
    """polars frames hold what pandas frames hold."""

    def test_every_table_holds_the_same_values(self, dataset: umn.Dataset) -> None:
        """Every table, every column, every value: the same in both libraries."""
        in_pandas = dataframes(dataset)
        in_polars = dataframes(dataset, backend="polars")
        differ = [
            name
            for name, frame in in_pandas.items()
            if pandas_values(frame) != polars_values(in_polars[name])
        ]
        assert differ == []

    def test_the_same_columns_in_a_language(self) -> None:
        """With a language too, the columns and values agree."""
        frame = umn.objectives.to_polars(lang="fr")
        assert polars_values(frame) == pandas_values(umn.objectives.to_dataframe(lang="fr"))

    def test_the_types(self) -> None:
        """String, Int64, Boolean, Date, Enum, List, Float64."""
        import polars as pl  # noqa: PLC0415 - only where polars is installed

        schema = umn.networks.to_polars().schema
        columns = ["id", "member_count", "is_membership_complete", "launched_earliest", "members"]
        assert [schema[name] for name in columns] == [
            pl.String,
            pl.Int64,
            pl.Boolean,
            pl.Date,
            pl.List(pl.String),
        ]

    def test_an_enum(self) -> None:
        """A closed vocabulary is an Enum of its values."""
        import polars as pl  # noqa: PLC0415 - only where polars is installed

        schema = umn.networks.to_polars().schema
        assert schema["level"] == pl.Enum(["global", "continental", "regional", "country"])

    def test_an_unknown_member_count_is_null(self) -> None:
        """Zambia's count is null, never 0."""
        frame = umn.networks.to_polars()
        assert frame.filter(frame["id"] == "zambia")["member_count"].to_list() == [None]

    def test_the_countries(self) -> None:
        """The countries' polars frame has the joined columns."""
        frame = umn.countries.to_polars()
        row = frame.filter(frame["alpha2"] == "DZ").select("network", "gcm_vote").row(0)
        assert row == ("algeria", "abstained")

    def test_a_column_missing_in_every_row_keeps_its_type(self) -> None:
        """All null, still String."""
        import polars as pl  # noqa: PLC0415 - only where polars is installed

        frame = polars_frame(NETWORKS, [umn.networks.lookup("zambia")])
        assert frame.schema["name_zh"] == pl.String

    def test_without_polars(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without polars, an ImportError names the extra to install."""
        monkeypatch.setitem(sys.modules, "polars", None)
        with pytest.raises(ImportError, match=r"un-migration-network\[polars\]"):
            umn.networks.to_polars()


class TestAnnotate:
    """`Registry.annotate`: a user's column of names, and beside it the records they name."""

    def test_each_spelling_finds_its_record(self) -> None:
        """Names, codes and other languages of one country give the same row of columns."""
        table = pd.DataFrame({"country": ["Ivory Coast", "CIV", "Côte d'Ivoire", "موزامبيق"]})
        frame, _ = umn.countries.annotate(table, "country")
        assert list(frame["country_alpha2"]) == ["CI", "CI", "CI", "MZ"]
        assert list(frame["country_network"]) == ["cote-divoire"] * 3 + ["mozambique"]

    def test_the_table_keeps_its_rows_and_index(self) -> None:
        """The rows stay in their order under their own index, the caller's table unchanged."""
        table = pd.DataFrame({"country": ["Mozambique", "Chad"], "n": [1, 2]}, index=["x", "y"])
        frame, _ = umn.countries.annotate(table, "country")
        assert (list(frame.index), list(frame["n"]), list(frame["country_alpha3"])) == (
            ["x", "y"],
            [1, 2],
            ["MOZ", "TCD"],
        )
        assert list(table.columns) == ["country", "n"]

    def test_the_columns_are_the_registrys(self) -> None:
        """After the table's own columns, every column of the kind's frame, prefixed."""
        frame, _ = umn.agencies.annotate(pd.DataFrame({"who": ["IOM"]}), "who")
        own = umn.agencies.to_dataframe().columns
        assert list(frame.columns) == ["who", *(f"who_{name}" for name in own)]

    def test_a_prefix(self) -> None:
        """*prefix* replaces "{column}_", "" included."""
        table = pd.DataFrame({"who": ["IOM"]})
        bare, _ = umn.agencies.annotate(table, "who", prefix="")
        mine, _ = umn.agencies.annotate(table, "who", prefix="agency.")
        assert (bare.loc[0, "acronym"], mine.loc[0, "agency.acronym"]) == ("IOM", "IOM")

    def test_a_language(self) -> None:
        """The names in the language asked for."""
        frame, _ = umn.agencies.annotate(pd.DataFrame({"who": ["IOM"]}), "who", lang="fr")
        assert frame.loc[0, "who_name"] == "Organisation internationale pour les migrations"

    def test_misses_are_missing_and_listed(self) -> None:
        """A miss leaves its row's columns missing; misses are listed, most rows first."""
        table = pd.DataFrame({"country": ["Mozambik", "Atlantis", "Atlantis", "Chad"]})
        frame, unresolved = umn.countries.annotate(table, "country")
        assert list(frame["country_alpha2"].isna()) == [True, True, True, False]
        assert list(unresolved["name"]) == ["Atlantis", "Mozambik"]
        assert list(unresolved["rows"]) == [2, 1]
        assert "Mozambique" in unresolved.loc[1, "suggestions"]

    def test_empty_cells_are_not_misses(self) -> None:
        """None and NaN are no name: missing columns, and not among the unresolved."""
        table = pd.DataFrame({"country": ["Chad", None, math.nan]})
        frame, unresolved = umn.countries.annotate(table, "country")
        assert (list(frame["country_alpha2"].notna()), len(unresolved)) == (
            [True, False, False],
            0,
        )

    def test_values_that_are_not_names(self) -> None:
        """A number names no agency: a miss, with its own row in the unresolved."""
        frame, unresolved = umn.agencies.annotate(pd.DataFrame({"who": [7, "IOM"]}), "who")
        assert list(frame["who_id"].isna()) == [True, False]
        assert (list(unresolved["name"]), list(unresolved["rows"])) == ([7], [1])

    def test_an_empty_table(self) -> None:
        """No rows: the columns all the same, nothing unresolved."""
        table = pd.DataFrame({"country": pd.Series([], dtype=object)})
        frame, unresolved = umn.countries.annotate(table, "country")
        assert (len(frame), "country_alpha2" in frame.columns, len(unresolved)) == (0, True, 0)

    def test_no_such_column(self) -> None:
        """A KeyError that names the column and the table's columns."""
        with pytest.raises(KeyError, match=r"no column 'pays'; its columns are country, n"):
            umn.countries.annotate(pd.DataFrame({"country": [], "n": []}), "pays")

    def test_a_column_is_never_overwritten(self) -> None:
        """A table annotated twice, or a prefix that names a column of the table: a ValueError."""
        once, _ = umn.countries.annotate(pd.DataFrame({"country": ["Chad"]}), "country")
        with pytest.raises(ValueError, match=r"'country_alpha2'.*another prefix="):
            umn.countries.annotate(once, "country")
        with pytest.raises(ValueError, match=r"already has the column\(s\) 'country'"):
            umn.networks.annotate(pd.DataFrame({"country": ["Chad"]}), "country", prefix="")
