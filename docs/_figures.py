"""The figures of the docs, drawn from the bundled data each time the docs build.

matplotlib only, and nothing downloaded: no map tiles, no coastlines. The example notebook
draws the same map with the same rules.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import un_migration_network as umn
from un_migration_network import NetworkLevel, Quantity

if TYPE_CHECKING:
    from pathlib import Path

    from matplotlib.figure import Figure

    from un_migration_network import Country, Dataset

# What the data knows of a country's network, in the order the legend lists it, with the
# colour and size of its dot. A network listed without any date is its own class: colouring
# it as "no network" would hide a network, and as "evidenced" would invent a date.
STATUSES = {
    "launched": ("network launched (a launch date is known)", "tab:blue", 30),
    "evidenced": ("network first evidenced (no launch date known)", "tab:orange", 30),
    "undated": ("network listed, no date known", "tab:purple", 30),
    "none": ("no network listed", "0.75", 10),
}


def status(dataset: Dataset, country: Country) -> str:
    """What the data knows of *country*'s network: one of the keys of `STATUSES`."""
    networks = [n for n in dataset.networks_in(country) if n.level is NetworkLevel.COUNTRY]
    if not networks:
        return "none"
    if any(n.launched is not None for n in networks):
        return "launched"
    if any(n.first_evidenced is not None for n in networks):
        return "evidenced"
    return "undated"


def longitude(country: Country) -> float:
    """The country's longitude between -180 and 180, where a map of the world draws it.

    A source may give a point east of the antimeridian as more than 180 (OCHA gives Fiji's
    as 195): it is the same meridian as 195 - 360.
    """
    assert country.longitude is not None  # noqa: S101 - only placed countries are drawn
    return (country.longitude + 180) % 360 - 180


def _pyplot() -> Any:
    """The pyplot module of matplotlib, drawing into files only (no display is needed)."""
    import matplotlib as mpl  # noqa: PLC0415 - only when the docs build

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    return plt


def _save(figure: Figure, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # "tight" keeps the legend below the axes inside the image.
    figure.savefig(path, bbox_inches="tight")
    _pyplot().close(figure)


def network_map(path: Path) -> None:
    """Every country's representative point, coloured by what the data knows of its network.

    A plain longitude/latitude scatter: GCM Champion countries get a black ring, and the
    legend sits below the axes, so that it covers no point.
    """
    plt = _pyplot()
    dataset = umn.load()
    placed = [c for c in dataset.countries if c.latitude is not None and c.longitude is not None]
    champions = {champion.country.alpha2 for champion in dataset.champions}
    figure, axes = plt.subplots(figsize=(10, 5.6), dpi=110)
    # The countries without a network first, so that the coloured dots are drawn over them.
    for key in reversed(STATUSES):
        label, colour, size = STATUSES[key]
        these = [c for c in placed if status(dataset, c) == key]
        axes.scatter(
            [longitude(c) for c in these],
            [c.latitude for c in these],
            s=size,
            c=colour,
            label=f"{label}: {len(these)}",
            zorder=3 if key != "none" else 2,
            linewidths=0,
        )
    ringed = [c for c in placed if c.alpha2 in champions]
    axes.scatter(
        [longitude(c) for c in ringed],
        [c.latitude for c in ringed],
        s=110,
        facecolors="none",
        edgecolors="black",
        linewidths=1.1,
        label=f"GCM Champion country (ring): {len(ringed)}",
        zorder=4,
    )
    axes.set_xlim(-180, 180)
    axes.set_ylim(-90, 90)
    axes.set_aspect("equal")
    axes.set_xticks(range(-180, 181, 60))
    axes.set_yticks(range(-90, 91, 30))
    axes.set_xlabel("longitude")
    axes.set_ylabel("latitude")
    axes.grid(visible=True, alpha=0.3)
    unplaced = len(dataset.countries) - len(placed)
    axes.set_title(
        f"Country networks on migration, as of {dataset.as_of.isoformat()}: "
        f"{len(placed)} countries and areas at their representative points"
        + (f" ({unplaced} without one)" if unplaced else ""),
        fontsize="medium",
    )
    # Below the axes, in reading order of STATUSES: the legend never covers a point.
    handles, labels = axes.get_legend_handles_labels()
    order = [*reversed(range(len(STATUSES))), len(STATUSES)]
    axes.legend(
        [handles[i] for i in order],
        [labels[i] for i in order],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.14),
        ncol=2,
        fontsize="small",
        frameon=False,
    )
    _save(figure, path)


def coverage(path: Path) -> None:
    """Country networks over time: those the data dates, beside the counts the sources give."""
    plt = _pyplot()
    dataset = umn.load()
    country = [n for n in dataset.networks if n.level is NetworkLevel.COUNTRY]
    starts = sorted(n.first_evidenced.latest for n in country if n.first_evidenced is not None)
    days = [dt.date(2018, 12, 1), *starts, dataset.as_of]
    counts = [0, *range(1, len(starts) + 1), len(starts)]
    figure, axes = plt.subplots(figsize=(8, 4.2), dpi=110)
    axes.step(days, counts, where="post", label="country networks the data shows existing")
    reported = [
        o
        for o in dataset.observations
        if o.quantity is Quantity.COUNTRY_NETWORKS and o.subject == "global" and o.scope is None
    ]
    for observation in reported:
        span = observation.as_of
        middle = span.earliest + (span.latest - span.earliest) / 2
        marker = "^" if observation.is_lower_bound else "o"
        axes.errorbar(
            [middle],
            [observation.value],
            xerr=[[middle - span.earliest], [span.latest - middle]],
            fmt=marker,
            color="tab:red",
            capsize=3,
        )
    axes.plot(
        [], [], "o", color="tab:red", label="count a source reports (a bar: date known within)"
    )
    axes.plot([], [], "^", color="tab:red", label='"more than" count a source reports')
    axes.set_ylabel("country networks")
    axes.set_title(f"Country networks on migration, as of {dataset.as_of.isoformat()}")
    # Below the axes: the legend never covers a point.
    axes.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=1, fontsize="small", frameon=False
    )
    axes.grid(visible=True, alpha=0.3)
    figure.autofmt_xdate()
    _save(figure, path)
