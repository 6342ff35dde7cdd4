"""How to cite a data release: the software, its version and the data's as-of date."""

import datetime as dt

from un_migration_network._version import __version__

__all__ = ["cite"]

_TITLE = (
    "un-migration-network: typed, sourced reference data on the UN Network on Migration and "
    "the Global Compact for Safe, Orderly and Regular Migration"
)
_AUTHOR = "un-migration-network developers"
_URL = "https://github.com/un-migration-network/un-migration-network"
_STYLES = ("text", "bibtex")


def cite(as_of: dt.date, /, *, style: str = "text") -> str:
    """The citation of the data as of *as_of*, in plain text or as a BibTeX entry.

    Raises:
        ValueError: *style* is neither "text" nor "bibtex".

    >>> print(cite(dt.date(2026, 12, 7), style="bibtex").splitlines()[0])
    @misc{un_migration_network_2026_12_07,
    """
    if style == "text":
        return (
            f"{_AUTHOR} ({as_of.year}). {_TITLE} (version {__version__}, data as of "
            f"{as_of.isoformat()}). {_URL}"
        )
    if style == "bibtex":
        key = f"un_migration_network_{as_of.isoformat().replace('-', '_')}"
        return "\n".join(
            [
                f"@misc{{{key},",
                f"  author = {{{{{_AUTHOR}}}}},",
                f"  title = {{{{{_TITLE}}}}},",
                f"  year = {{{as_of.year}}},",
                f"  version = {{{__version__}}},",
                f"  note = {{Data as of {as_of.isoformat()}}},",
                f"  url = {{{_URL}}},",
                "}",
            ]
        )
    msg = f"style is one of {', '.join(map(repr, _STYLES))}, not {style!r}"
    raise ValueError(msg)
