"""The figures of the docs, drawn from the bundled data each time the docs build."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import un_migration_network as umn
from un_migration_network import NetworkLevel, Quantity

if TYPE_CHECKING:
    from pathlib import Path


def coverage(path: Path) -> None:
    """Country networks over time: those the data dates, beside the counts the sources give."""
    import matplotlib as mpl  # noqa: PLC0415 - only when the docs build

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

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
    axes.legend(loc="upper left", fontsize="small")
    axes.grid(visible=True, alpha=0.3)
    figure.autofmt_xdate()
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    plt.close(figure)
