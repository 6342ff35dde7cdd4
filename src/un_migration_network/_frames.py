"""DataFrames of the tables (`_tables`), in pandas or polars, with the same columns and types.

Text is text, integers and booleans are nullable, dates are dates, a closed vocabulary is a
categorical and a list a list, in both libraries; a column keeps its type when every row is
missing. The table of countries gains, from the dataset it belongs to, what an analyst joins
on: the country's network, whether it is a GCM Champion and how it voted on the Compact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from un_migration_network._countries import COUNTRIES
from un_migration_network._networks import NetworkLevel
from un_migration_network._records import language_code
from un_migration_network._tables import VOTES, Cell, Column, Table, kind_table, tables

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd
    import polars as pl

    from un_migration_network._dataset import Dataset
    from un_migration_network._kind import Kind
    from un_migration_network._registry import Registry

__all__ = ["BACKENDS", "dataframes", "pandas_frame", "polars_frame"]

#: The DataFrame libraries `dataframes` can build with.
BACKENDS = ("pandas", "polars")
_ENGLISH = "en"
_PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
_COUNTRY_COLUMNS = (
    Column(
        "network",
        "string",
        "The id of the country's country network; missing where the data lists none.",
        refers=("networks", "id"),
    ),
    Column("champion", "boolean", "Whether the country is a GCM Champion."),
    Column(
        "gcm_vote",
        "string",
        "How the country voted on A/RES/73/195; missing where no source names it.",
        categories=VOTES,
    ),
)


_PANDAS = "pandas"
_POLARS = "polars"


def _missing(library: str) -> ImportError:
    """The error for a DataFrame library that is not installed: it names the extra."""
    message = (
        f"DataFrames in {library} need {library}: pip install 'un-migration-network[{library}]'"
    )
    return ImportError(message, name=library)


def _pandas() -> Any:
    try:
        import pandas as pd  # noqa: PLC0415 - an optional dependency, imported only here
    except ImportError as error:
        raise _missing(_PANDAS) from error
    return pd


def _polars() -> Any:
    try:
        import polars as pl  # noqa: PLC0415 - an optional dependency, imported only here
    except ImportError as error:
        raise _missing(_POLARS) from error
    return pl


def _with_countries(table: Table, dataset: Dataset | None) -> Table:
    """The countries' table with its network, Champion and vote columns.

    Without a dataset to read them from, the three columns are missing in every row.
    """
    facts: dict[str, tuple[str | None, bool, str | None]] = {}
    if dataset is not None:
        networks: dict[str, str] = {}
        for network in dataset.networks:
            if network.level is NetworkLevel.COUNTRY and network.country is not None:
                networks.setdefault(network.country.alpha2, network.id)
        champions = {champion.country.alpha2 for champion in dataset.champions}
        compact = dataset.compact
        votes = {
            state.country.alpha2: vote
            for vote, states in (
                ("against", compact.voted_against),
                ("abstained", compact.abstained),
            )
            for state in states
            if state.country is not None
        }
        facts = {
            alpha2: (networks.get(alpha2), alpha2 in champions, votes.get(alpha2))
            for alpha2 in (country.alpha2 for country in dataset.countries)
        }
    key = [column.name for column in table.columns].index("alpha2")
    unknown = (None, None, None)
    rows = tuple((*row, *facts.get(str(row[key]), unknown)) for row in table.rows)
    return table._replace(columns=(*table.columns, *_COUNTRY_COLUMNS), rows=rows)


def _pandas_series(pd: Any, column: Column, values: list[Cell]) -> Any:
    if column.categories is not None:
        return pd.Series(values, dtype=pd.CategoricalDtype(list(column.categories)))
    if column.type == "date":
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), dtype="datetime64[ns]")
    if column.type == "list":
        return pd.Series(values, dtype=object)
    return pd.Series(values, dtype=_PANDAS_TYPES[column.type])


def _polars_type(pl: Any, column: Column) -> Any:
    if column.categories is not None:
        return pl.Enum(list(column.categories))
    scalars = {
        "string": pl.String,
        "integer": pl.Int64,
        "number": pl.Float64,
        "boolean": pl.Boolean,
        "date": pl.Date,
    }
    if column.type == "list":
        return pl.List(scalars[column.item or "string"])
    return scalars[column.type]


def _frame(table: Table, backend: str) -> Any:
    columns = [[row[index] for row in table.rows] for index in range(len(table.columns))]
    if backend == "polars":
        pl = _polars()
        return pl.DataFrame(
            [
                pl.Series(column.name, values, dtype=_polars_type(pl, column))
                for column, values in zip(table.columns, columns, strict=True)
            ]
        )
    pd = _pandas()
    return pd.DataFrame(
        {
            column.name: _pandas_series(pd, column, values)
            for column, values in zip(table.columns, columns, strict=True)
        },
        columns=[column.name for column in table.columns],
    )


def _kind_frame(
    kind: Kind[Any], records: Iterable[Any], lang: str, dataset: Dataset | None, backend: str
) -> Any:
    table = kind_table(kind, records, lang=language_code(lang))
    if kind is COUNTRIES:
        table = _with_countries(table, dataset)
    return _frame(table, backend)


def pandas_frame(
    kind: Kind[Any],
    records: Iterable[Any],
    /,
    *,
    lang: str = _ENGLISH,
    dataset: Dataset | None = None,
) -> pd.DataFrame:
    """A pandas DataFrame of records of one kind: a row per record, a column per flat field.

    Text is the ``string`` dtype, integers ``Int64``, numbers ``Float64`` and booleans
    ``boolean`` (all nullable, ``<NA>`` where missing), dates ``datetime64[ns]`` (``NaT``),
    a closed vocabulary a categorical, and a list a Python list. A table of countries adds
    ``network``, ``champion`` and ``gcm_vote`` from *dataset* (missing without one).

    Raises:
        ImportError: pandas is not installed; the message names the extra that brings it.
        TypeError: *lang* is not a string.
        ValueError: *lang* is not an ISO 639-1 code.

    >>> import un_migration_network as umn
    >>> frame = pandas_frame(COUNTRIES, umn.countries, dataset=umn.load())
    >>> frame.set_index("alpha2").loc["MZ", "network"]
    'mozambique'
    >>> frame.dtypes["champion"]
    BooleanDtype
    """
    frame: pd.DataFrame = _kind_frame(kind, records, lang, dataset, "pandas")
    return frame


def polars_frame(
    kind: Kind[Any],
    records: Iterable[Any],
    /,
    *,
    lang: str = _ENGLISH,
    dataset: Dataset | None = None,
) -> pl.DataFrame:
    """A polars DataFrame with the columns, types and values of `pandas_frame`.

    Text is ``String``, integers ``Int64``, numbers ``Float64``, booleans ``Boolean``, dates
    ``Date``, a closed vocabulary an ``Enum`` and a list a ``List``; missing is null.

    Raises:
        ImportError: polars is not installed; the message names the extra that brings it.
        TypeError: *lang* is not a string.
        ValueError: *lang* is not an ISO 639-1 code.

    >>> import un_migration_network as umn
    >>> frame = polars_frame(COUNTRIES, umn.countries, dataset=umn.load())
    >>> frame.filter(frame["alpha2"] == "HU")["gcm_vote"].to_list()
    ['against']
    """
    frame: pl.DataFrame = _kind_frame(kind, records, lang, dataset, "polars")
    return frame


def dataframes(
    dataset: Dataset, /, *, lang: str = _ENGLISH, backend: str = "pandas"
) -> dict[str, Any]:
    """Every table of *dataset* as a DataFrame of *backend*, by the table's name.

    One frame per kind (the ``countries`` with their network, Champion and vote), then the
    Committee's ``committee_seats`` and ``committee_lists``, the ``review_forum`` and its
    ``review_forum_editions``, and the long tables ``network_members``,
    ``network_co_chairs``, ``committee_list_members``, ``votes``, ``names`` and
    ``citations`` (see `_tables.tables`).

    Raises:
        ImportError: The backend's library is not installed.
        TypeError: *lang* is not a string.
        ValueError: *backend* is neither "pandas" nor "polars", or *lang* is not a language.

    >>> import un_migration_network as umn
    >>> frames = dataframes(umn.load(), backend="polars")
    >>> frames["network_co_chairs"].columns
    ['network', 'position', 'agency']
    """
    if backend not in BACKENDS:
        msg = f"backend is 'pandas' or 'polars', not {backend!r}"
        raise ValueError(msg)
    found = tables(dataset, lang=language_code(lang))
    return {
        table.name: _frame(
            _with_countries(table, dataset) if table.name == COUNTRIES.plural else table, backend
        )
        for table in found
    }


class Annotation(NamedTuple):
    """A user's table with the records its column names, and the names that found none.

    Attributes:
        frame: A copy of the table, with the record's columns added after its own, each
            named after the column it was found by (``country_alpha3``, ``country_network``).
        unresolved: One row per distinct name that found no record: the name, how many rows
            hold it, and the closest keys (``name``, ``rows``, ``suggestions``).
    """

    frame: Any
    unresolved: Any


def annotate(
    registry: Registry[Any],
    frame: Any,
    column: str,
    /,
    *,
    lang: str = "en",
    prefix: str | None = None,
) -> Annotation:
    """Add to a pandas *frame* the columns of the record each value of *column* names.

    Each distinct value is folded and looked up once (`Registry.get_many`); a value that
    names no record leaves the new columns missing in its rows and is listed, with the
    closest keys, in ``unresolved``.

    Raises:
        ImportError: pandas is not installed.
        KeyError: *frame* has no column *column*.
        ValueError: *frame* already has a column of the name a new one would take.
    """
    pd = _pandas()
    if column not in frame.columns:
        names = ", ".join(map(str, frame.columns))
        msg = f"the table has no column {column!r}; its columns are {names}"
        raise KeyError(msg)
    values = frame[column]
    distinct = list(pd.unique(values.dropna()))
    found = registry.get_many(distinct)
    kind = registry._kind  # noqa: SLF001 - the registry's own kind
    keys = {
        value: None if record is None else kind.key(record)
        for value, record in zip(distinct, found, strict=True)
    }
    records = pandas_frame(kind, registry, lang=lang, dataset=registry._owner())  # noqa: SLF001
    records = records.set_index(records[kind.primary].astype(str), drop=False)
    head = f"{column}_" if prefix is None else prefix
    added = [f"{head}{name}" for name in records.columns]
    # Never overwrite a column of the caller's (a table annotated twice, a prefix of "").
    clashes = [name for name in added if name in frame.columns]
    if clashes:
        msg = (
            f"the table already has the column(s) {', '.join(map(repr, clashes))}: "
            "choose another prefix= for the new ones"
        )
        raise ValueError(msg)
    joined = values.map(keys).to_numpy()
    annotated = frame.copy()
    for name, new in zip(records.columns, added, strict=True):
        annotated[new] = records[name].reindex(joined).to_numpy()
    counts = values.value_counts()
    misses = [value for value, key in keys.items() if key is None]
    unresolved = pd.DataFrame(
        {
            "name": pd.Series(misses, dtype=object),
            "rows": pd.Series([int(counts[value]) for value in misses], dtype="Int64"),
            "suggestions": pd.Series(
                [list(registry.suggest(str(value))) for value in misses], dtype=object
            ),
        }
    ).sort_values("rows", ascending=False, kind="stable", ignore_index=True)
    return Annotation(annotated, unresolved)
