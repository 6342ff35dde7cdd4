"""The in-process figures (4, 5, 6, 6b), run by `run.py` in one child of the benchmark venv.

Not a module to import: `python benchmarks/_workloads.py ROUNDS BULK_PASSES` prints one JSON
object on stdout.  Contenders are interleaved round by round (their order rotates each
round), each timed with `timeit.Timer`; every figure is a median of per-call times in ns
(figure 6: of names per second).
"""

from __future__ import annotations

import gc
import json
import random
import sys
import timeit
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pycountry

import un_migration_network as umn
from un_migration_network import NotFoundError

BULK_SIZE = 100_000
SEED = 20_260_216
# Figure 6: a column of 16,000 messy names drawn from a pool of 1,000 messy spellings, so
# that names repeat as they do in a spreadsheet (pycountry's all-hits column: drawn from
# the spellings of the pool that it finds).
MANY_SIZE = 16_000
MANY_POOL = 1_000
# Each timed sample of a warm figure lasts at least this long, so timer overhead is noise.
MIN_SAMPLE_SECONDS = 0.02


def _timer(stmt: Callable[[], object]) -> tuple[timeit.Timer, int]:
    timer = timeit.Timer(stmt)
    number, _ = timer.autorange()
    while True:
        if timer.timeit(number) >= MIN_SAMPLE_SECONDS:
            return timer, number
        number *= 2


def interleave(contenders: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """Per-call ns of each contender, sampled round-robin *rounds* times."""
    timers = {name: _timer(stmt) for name, stmt in contenders.items()}
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for round_ in range(rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            timer, number = timers[name]
            samples[name].append(timer.timeit(number) * 1e9 / number)
    return samples


# --- messy names -------------------------------------------------------------------------


def _case(rng: random.Random, text: str) -> str:
    style = rng.randrange(5)
    if style == 0:
        return text.lower()
    if style == 1:
        return text.upper()
    if style == 2:  # noqa: PLR2004 - one of five styles
        return text.title()
    if style == 3:  # noqa: PLR2004
        return "".join(ch.upper() if rng.random() < 0.5 else ch.lower() for ch in text)  # noqa: PLR2004
    return text


_SEPARATORS = ("", " ", "  ", "-", " - ", ".", "_")


def _spacing(rng: random.Random, text: str) -> str:
    words = text.split()
    if len(words) > 1:
        out = words[0]
        for word in words[1:]:
            out += (rng.choice(_SEPARATORS) if rng.random() < 0.6 else " ") + word  # noqa: PLR2004
        return out
    if text.isalpha() and len(text) <= 8 and rng.random() < 0.3:  # noqa: PLR2004
        # An acronym written with dots or hyphens: "U.N.H.C.R.", "UN-HCR".
        if rng.random() < 0.5:  # noqa: PLR2004
            return ".".join(text) + rng.choice(("", "."))
        cut = rng.randrange(1, len(text)) if len(text) > 1 else 1
        return text[:cut] + rng.choice(("-", " ", ".")) + text[cut:]
    return text


def _pad(rng: random.Random, text: str) -> str:
    if rng.random() < 0.2:  # noqa: PLR2004
        return rng.choice((" ", "  ", "\t")) + text + rng.choice(("", " ", "\n"))
    return text


def messy_names(sources: Sequence[str], count: int, seed: int) -> list[str]:
    """*count* deterministic messy variants (case, spacing, hyphens, dots) of *sources*."""
    rng = random.Random(seed)
    return [_pad(rng, _case(rng, _spacing(rng, rng.choice(sources)))) for _ in range(count)]


def _agency_names() -> list[str]:
    names: list[str] = []
    for agency in umn.agencies:
        names.extend((agency.id, agency.acronym, agency.name, *agency.aliases))
    return names


def _country_names() -> list[str]:
    names: list[str] = []
    for country in pycountry.countries:
        names.extend(
            getattr(country, field)
            for field in ("name", "official_name", "common_name")
            if getattr(country, field, None)
        )
    return names


def _bulk(lookup: Callable[[str], object], error: type[Exception], names: Iterable[str]) -> int:
    hits = 0
    for name in names:
        try:
            lookup(name)
        except error:
            continue
        hits += 1
    return hits


def _time_pass(run: Callable[[], object]) -> float:
    gc.collect()
    timer = timeit.default_timer
    start = timer()
    run()
    return timer() - start


def column(sources: Sequence[str], pool: int, count: int, seed: int) -> list[str]:
    """*count* names drawn (seeded) from a pool of *pool* messy variants of *sources*."""
    spellings = messy_names(sources, pool, seed)
    return random.Random(seed + 1).choices(spellings, k=count)


def many(rounds: int) -> dict[str, Any]:
    """Figure 6: names per second over a column of 16,000 messy names with repeats.

    Ours: one `Registry.get_many` call (each distinct name folded and looked up once), and for
    context `lookup_many` and a plain `lookup` loop over the same names; pycountry: its
    `countries.lookup` in a loop (it has no call for many names), over a column of names it
    finds (``pycountry_hits``: 16,000 drawn from the messy spellings of its pool that it
    finds, so that both sides are all hits) and, for context, over the column drawn from the
    whole pool (most miss, and a miss scans every country).  Each contender is one pass over
    the whole column, timed with `timeit` as the warm figures are.
    """
    agencies = umn.agencies
    peer_lookup = pycountry.countries.lookup
    ours_names = column(_agency_names(), MANY_POOL, MANY_SIZE, SEED)
    peer_names = column(_country_names(), MANY_POOL, MANY_SIZE, SEED)
    peer_pool = messy_names(_country_names(), MANY_POOL, SEED)
    peer_found = [name for name in peer_pool if _bulk(peer_lookup, LookupError, (name,))]
    peer_hit_names = random.Random(SEED + 1).choices(peer_found, k=MANY_SIZE)
    found = agencies.get_many(ours_names)
    contenders: dict[str, Callable[[], object]] = {
        "get_many": lambda: agencies.get_many(ours_names),
        "loop_ours": lambda: _bulk(agencies.lookup, NotFoundError, ours_names),
        "pycountry_hits": lambda: _bulk(peer_lookup, LookupError, peer_hit_names),
        "pycountry": lambda: _bulk(peer_lookup, LookupError, peer_names),
    }
    if all(record is not None for record in found):  # lookup_many raises on any miss
        contenders["lookup_many"] = lambda: agencies.lookup_many(ours_names)
    per_pass = interleave(contenders, rounds)
    peer_hits = _bulk(peer_lookup, LookupError, peer_names)
    return {
        "size": MANY_SIZE,
        "pool": MANY_POOL,
        "seed": SEED,
        "distinct": {
            "ours": len(set(ours_names)),
            "pycountry": len(set(peer_names)),
            "pycountry_hits": len(set(peer_hit_names)),
        },
        "pycountry_pool_found": len(peer_found),
        "examples": {
            "ours": ours_names[:8],
            "pycountry": peer_names[:8],
            "pycountry_hits": peer_hit_names[:8],
        },
        "hit_rate": {
            "ours": sum(record is not None for record in found) / MANY_SIZE,
            "pycountry": peer_hits / MANY_SIZE,
            "pycountry_hits": _bulk(peer_lookup, LookupError, peer_hit_names) / MANY_SIZE,
        },
        "names_per_second": {
            name: [MANY_SIZE * 1e9 / ns for ns in values] for name, values in per_pass.items()
        },
    }


def bulk(passes: int) -> dict[str, Any]:
    """Figure 6b: names per second over 100,000 messy names, one lookup each, against pycountry."""
    ours_names = messy_names(_agency_names(), BULK_SIZE, SEED)
    peer_names = messy_names(_country_names(), BULK_SIZE, SEED)
    ours_lookup = umn.agencies.lookup
    peer_lookup = pycountry.countries.lookup
    # pycountry folds case only, so most of its messy names miss, and a miss scans every
    # country: its rate on the names it does find is reported too, for context.
    peer_found = [name for name in peer_names if _bulk(peer_lookup, LookupError, (name,))]
    contenders: dict[str, Callable[[], int]] = {
        "ours": lambda: _bulk(ours_lookup, NotFoundError, ours_names),
        "pycountry": lambda: _bulk(peer_lookup, LookupError, peer_names),
        "pycountry_hits_only": lambda: _bulk(peer_lookup, LookupError, peer_found),
    }
    sizes = {
        "ours": len(ours_names),
        "pycountry": len(peer_names),
        "pycountry_hits_only": len(peer_found),
    }
    hits = {name: run() for name, run in contenders.items()}  # warm-up pass, and hit counts
    seconds: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for round_ in range(passes):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            seconds[name].append(_time_pass(contenders[name]))
    return {
        "size": BULK_SIZE,
        "seed": SEED,
        "examples": {"ours": ours_names[:8], "pycountry": peer_names[:8]},
        "hit_rate": {name: hits[name] / sizes[name] for name in ("ours", "pycountry")},
        "names_per_second": {
            name: [sizes[name] / s for s in values] for name, values in seconds.items()
        },
    }


def main() -> None:
    """Run figures 4-6 and print their samples as JSON."""
    rounds, passes = int(sys.argv[1]), int(sys.argv[2])

    networks = umn.networks
    countries = pycountry.countries
    # The floor: a dict already keyed by the case-folded names (the network's own and its
    # country's), and one casefold per lookup.
    folded: dict[str, umn.Network] = {}
    for network in networks:
        for name in (network.name, network.country.name if network.country else None):
            if name:
                folded.setdefault(name.casefold(), network)
    ours_hit = networks.lookup("Mozambique")
    peer_hit = countries.lookup("Mozambique")  # also loads pycountry's database
    assert ours_hit.country is not None  # noqa: S101 - a sanity check
    assert ours_hit.country.alpha2 == peer_hit.alpha_2 == "MZ"  # noqa: S101
    assert folded["Mozambique".casefold()] is ours_hit  # noqa: S101

    def miss_ours() -> tuple[str, ...]:
        try:
            networks.lookup("Mozambik")
        except NotFoundError as error:
            return error.suggestions
        raise AssertionError

    def miss_peer() -> list[Any] | None:
        try:
            return countries.search_fuzzy("Mozambik")
        except LookupError:
            return None

    suggestions = miss_ours()
    peer_fuzzy = miss_peer()
    warm = interleave(
        {
            "ours": lambda: networks.lookup("Mozambique"),
            "pycountry": lambda: countries.lookup("Mozambique"),
            "dict": lambda: folded["Mozambique".casefold()],
        },
        rounds,
    )
    miss = interleave({"ours": miss_ours, "pycountry": miss_peer}, max(3, rounds // 2))
    result = {
        "warm_lookup_ns": warm,
        "miss_ns": miss,
        "miss_answers": {
            "ours": list(suggestions),
            "pycountry": None if peer_fuzzy is None else [c.name for c in peer_fuzzy][:3],
        },
        "bulk": bulk(passes),
        "many": many(passes),
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
