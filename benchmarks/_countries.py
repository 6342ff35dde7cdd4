"""A column of country names as analysts type them, and how well a resolver reads it.

Not a module the package imports; its top level is stdlib only, so it runs in any python.
Two commands, each run from anywhere:

``python benchmarks/_countries.py make [REFERENCE]``
    Generates the column from the two country tables of the reference pack (``REFERENCE``,
    default ``/work/shared/reference/countries``: ``country-codes.csv`` and
    ``ocha-countries-territories.csv``) and writes it, with the expected ISO 3166-1 alpha-3
    code of every entry, to ``benchmarks/data/country-column.json``.  That file is committed:
    CI and the benchmark venv have no reference pack, so only ``make`` reads it.

``python benchmarks/_countries.py run [PASSES [RESOLVER...]]``
    Scores every resolver importable in this python on the committed column (pycountry's
    ``countries.lookup``; hdx-python-country's ``Country.get_iso3_country_code`` and
    ``get_iso3_country_code_fuzzy``, told to stay offline; this library's
    ``countries.get_many``), or only the RESOLVERs named (by the names the output
    uses, e.g. ``"hdx get_iso3_country_code"``), and prints one JSON object: hit rate,
    wrong-country rate, miss rate and names per second, by the wall clock and by CPU time
    (the median of PASSES timed passes over the whole column, default 5; no pass starts
    after 60 s, so a slow resolver gets fewer).  Every network connection in the process is
    refused, and any attempt is listed in the output.

How the column is made (seeded, so ``make`` writes the same file every time):

- One pool of names per country or area: every row of ``country-codes.csv`` (249), joined
  to OCHA's row by the alpha-3 code.  OCHA's rows without an ISO code (Kosovo, Sark, the
  Canary Islands...) are left out: there is no alpha-3 to score them against.
- The pool has eight categories: the names in each of the six UN languages (en, fr, es, ru,
  zh, ar: the M49 name, the UNTERM short and formal names from either table), the codes
  (alpha-2, alpha-3, M49 as written and zero-padded to three digits) and the alternative
  names (CLDR's display name, OCHA's preferred term and its ISO, DGACM, HPC Tools, ReliefWeb
  and ReliefWeb API alternative terms).  A UNTERM name's bracketed article is both kept and
  removed ("Gambia (the)", "Gambia"), and so is a formal name's leading article ("the
  Republic of Kenya", "Republic of Kenya").  A text that two countries share (case folded)
  is dropped from both pools: no answer to it could be scored.
- Each entry draws a country uniformly, then a category uniformly among those the country
  has, then one of its distinct texts uniformly.  Half the entries are kept as written;
  the other half get one to three kinds of analyst noise: random case (lower, UPPER,
  Title), extra or missing spaces (a doubled space, a space dropped, a space or a tab before
  or after), stray punctuation (a trailing period, comma, semicolon or asterisk, quotes
  around), accents dropped (Latin diacritics, Russian ё, typographic apostrophes), and a
  leading "the" (English and alternative names, not formal ones).  Codes get case and
  spaces only.

The scoring: `score` takes a resolver (one name -> an alpha-3 code or None) and `score_batch`
a resolver of a whole column (names -> a list of codes or None, as ``get_many``); an answer
is a hit when it is the entry's code, wrong when it is another code, a miss when None.
"""

from __future__ import annotations

import csv
import json
import random
import socket
import statistics
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
COLUMN = HERE / "data" / "country-column.json"
REFERENCE = Path("/work/shared/reference/countries")
SEED = 20_261_207
SIZE = 10_000
CLEAN_SHARE = 0.5
LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")
CATEGORIES = (*LANGUAGES, "code", "alternative")

# The columns of each table that hold names, by language and form ("m49", "short", "formal").
CODES_TABLE = {
    "en": {"m49": ["official_name_en"], "short": ["UNTERM English Short"],
           "formal": ["UNTERM English Formal"]},
    "fr": {"m49": ["official_name_fr"], "short": ["UNTERM French Short"],
           "formal": ["UNTERM French Formal"]},
    "es": {"m49": ["official_name_es"], "short": ["UNTERM Spanish Short"],
           "formal": ["UNTERM Spanish Formal"]},
    "ru": {"m49": ["official_name_ru"], "short": ["UNTERM Russian Short"],
           "formal": ["UNTERM Russian Formal"]},
    "zh": {"m49": ["official_name_cn"], "short": ["UNTERM Chinese Short"],
           "formal": ["UNTERM Chinese Formal"]},
    "ar": {"m49": ["official_name_ar"], "short": ["UNTERM Arabic Short"],
           "formal": ["UNTERM Arabic Formal"]},
}  # fmt: skip
OCHA_TABLE = {
    "en": {"m49": ["M49 English"], "short": ["English Short"], "formal": ["English Formal"]},
    "fr": {"m49": ["M49 French"], "short": ["French Short"]},
    "es": {"m49": ["M49 Spanish"], "short": ["Spanish Short"]},
    "ru": {"m49": ["M49 Russian"], "short": ["Russian Short"]},
    "zh": {"m49": ["M49 Chinese"], "short": ["Chinese Short"]},
    "ar": {"m49": ["M49 Arabic"], "short": ["Arabic Short"]},
}
CODES_ALTERNATIVES = ("CLDR display name",)
OCHA_ALTERNATIVES = (
    "Preferred Term",
    "ISO Alt Term",
    "DGACM Alt Term",
    "HPC Tools Alt Term",
    "RW Short Name",
    "RW API Alt Term",
)
# The articles UNTERM writes in brackets after a short name, and the ones a formal name
# starts with ("the Republic of Kenya", "la République du Kenya", "el Reino de España").
APOSTROPHE = "\N{RIGHT SINGLE QUOTATION MARK}"  # M49 writes it in "Côte d(U+2019)Ivoire"
ARTICLES = ("the", "l'", f"l{APOSTROPHE}", "la", "le", "les", "el", "los", "las")
# What "accents dropped" does beside stripping Latin diacritics: Cyrillic io typed as ie.
TYPED = str.maketrans(
    {
        APOSTROPHE: "'",
        "\N{CYRILLIC SMALL LETTER IO}": "\N{CYRILLIC SMALL LETTER IE}",
        "\N{CYRILLIC CAPITAL LETTER IO}": "\N{CYRILLIC CAPITAL LETTER IE}",
    }
)
NOISES = ("the", "accents", "case", "punctuation", "spaces")


class Entry(NamedTuple):
    """One cell of the column: the text, the country it names, and how it was made."""

    name: str
    alpha3: str
    category: str
    form: str
    noise: str  # the kinds of noise applied, "+"-joined; "" for a name kept as written


# --- the pools ---------------------------------------------------------------------------


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _without_bracketed_article(text: str) -> str | None:
    """The name without its trailing bracketed article ("Gambia (the)": "Gambia"), or None."""
    for article in ARTICLES:
        suffix = f" ({article})"
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return None


def _without_leading_article(text: str) -> str | None:
    """The name without its leading article ("the Republic of Kenya": "Republic of..."), or None."""
    for article in ARTICLES:
        gap = "" if article.endswith(("'", APOSTROPHE)) else " "
        if text.startswith(article + gap):
            return text[len(article) + len(gap) :]
    return None


def _add(pool: dict[str, dict[str, set[str]]], category: str, form: str, text: str) -> None:
    text = text.strip()
    if not text:
        return
    pool[category][text].add(form)
    # UNTERM's "Gambia (the)" (and OCHA's ISO form "Bahamas (the)") without its article; a
    # formal name without its leading one.  Never an M49 name's: "El Salvador" is a name.
    bare = _without_bracketed_article(text)
    if bare is None and "formal" in form:
        bare = _without_leading_article(text)
    if bare:
        pool[category][bare].add(f"{form}, article removed")


def _pool(row: dict[str, str], other: dict[str, str]) -> dict[str, dict[str, set[str]]]:
    """One country's names: per category, each text with the forms that write it."""
    pool: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for lang in LANGUAGES:
        for table, source in ((CODES_TABLE, row), (OCHA_TABLE, other)):
            for form, columns in table[lang].items():
                scheme = "m49" if form == "m49" else f"unterm {form}"
                for column in columns:
                    _add(pool, lang, scheme, source.get(column, ""))
    m49 = row["M49"].strip()
    for form, text in (("alpha-2", row["ISO3166-1-Alpha-2"]), ("alpha-3", row["ISO3166-1-Alpha-3"]),
                       ("m49", str(int(m49))), ("m49, zero-padded", m49.zfill(3))):  # fmt: skip
        _add(pool, "code", form, text)
    for column in CODES_ALTERNATIVES:
        _add(pool, "alternative", "cldr", row.get(column, ""))
    for column in OCHA_ALTERNATIVES:
        _add(pool, "alternative", f"ocha {column}", other.get(column, ""))
    return pool


def pools(folder: Path) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """Per alpha-3 code: per category, the sorted (forms, text) pairs of that country."""
    ocha = {
        row["ISO 3166-1 Alpha 3-Codes"]: row
        for row in _read(folder / "ocha-countries-territories.csv")
    }
    out = {
        row["ISO3166-1-Alpha-3"]: _pool(row, ocha.get(row["ISO3166-1-Alpha-3"], {}))
        for row in _read(folder / "country-codes.csv")
    }
    # A text two countries share (case folded) names neither for certain: drop it from both.
    owners: dict[str, set[str]] = defaultdict(set)
    for alpha3, pool in out.items():
        for texts in pool.values():
            for text in texts:
                owners[text.casefold()].add(alpha3)
    # Each distinct text once per category, with every form that writes it.
    return {
        alpha3: {
            category: kept
            for category, texts in sorted(pool.items())
            if (
                kept := [
                    (" / ".join(sorted(forms)), text)
                    for text, forms in sorted(texts.items())
                    if len(owners[text.casefold()]) == 1
                ]
            )
        }
        for alpha3, pool in sorted(out.items())
    }


# --- analyst noise -----------------------------------------------------------------------


def _case(rng: random.Random, text: str) -> str:
    return rng.choice((str.lower, str.upper, str.title))(text)


def _spaces(rng: random.Random, text: str) -> str:
    gaps = [i for i, char in enumerate(text) if char == " "]
    if gaps and text[: gaps[0]].lstrip('" ').lower() == "the":  # no one types "theGambia"
        gaps = gaps[1:]
    moves = ["before", "after", "tab"]
    if gaps:
        moves += ["double", "drop"]
    move = rng.choice(moves)
    if move == "before":
        return " " + text
    if move == "after":
        return text + rng.choice((" ", "  "))
    if move == "tab":
        return text + "\t"
    i = rng.choice(gaps)
    return text[:i] + ("  " if move == "double" else "") + text[i + 1 :]


def _punctuation(rng: random.Random, text: str) -> str:
    mark = rng.choice((".", ",", ";", "*", '"'))
    return f'"{text}"' if mark == '"' else text + mark


def _accents(_: random.Random, text: str) -> str:
    text = text.translate(TYPED)
    decomposed = unicodedata.normalize("NFD", text)
    kept: list[str] = []
    for char in decomposed:
        # Drop a combining mark only on a Latin letter: Arabic vowel signs and Cyrillic й stay.
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _the(rng: random.Random, text: str) -> str:
    return rng.choice(("the ", "The ", "THE ")) + text


NOISE = {"case": _case, "spaces": _spaces, "punctuation": _punctuation, "accents": _accents,
         "the": _the}  # fmt: skip


def _applicable(category: str, form: str, text: str) -> list[str]:
    kinds = ["spaces"] if category == "code" else ["spaces", "punctuation"]
    if text.lower() != text or text.upper() != text:  # a script with case
        kinds.append("case")
    if category != "code" and _accents(random.Random(0), text) != text:
        kinds.append("accents")
    if (
        category in {"en", "alternative"}
        and not text.lower().startswith("the ")
        and "formal" not in form
    ):
        kinds.append("the")
    return kinds


def generate(folder: Path, size: int = SIZE, seed: int = SEED) -> list[Entry]:
    """The column: *size* entries drawn from the tables in *folder*, with noise, seeded."""
    rng = random.Random(seed)
    by_country = pools(folder)
    codes = sorted(by_country)
    column = []
    for _ in range(size):
        alpha3 = rng.choice(codes)
        categories = sorted(by_country[alpha3])
        category = rng.choice(categories)
        form, text = rng.choice(by_country[alpha3][category])
        applied: list[str] = []
        if rng.random() >= CLEAN_SHARE:
            kinds = _applicable(category, form, text)
            applied = rng.sample(kinds, rng.randint(1, min(3, len(kinds))))
            # In the order an analyst's hand and a spreadsheet add them: the words first,
            # stray whitespace last.
            applied.sort(key=NOISES.index)
            for kind in applied:
                text = NOISE[kind](rng, text)
        column.append(Entry(text, alpha3, category, form, "+".join(applied)))
    return column


def write_column(column: Sequence[Entry], path: Path = COLUMN, *, folder: Path) -> None:
    """Write the column as JSON, one entry a line, so that a change reads as a small diff."""
    head = {
        "description": (
            "Country names as analysts type them, each with the ISO 3166-1 alpha-3 code it "
            "names; generated by `python benchmarks/_countries.py make` (see its docstring)."
        ),
        "seed": SEED,
        "size": len(column),
        "from": sorted(p.name for p in folder.glob("*.csv")),
        "fields": list(Entry._fields),
    }
    lines = [json.dumps(list(entry), ensure_ascii=False) for entry in column]
    body = json.dumps(head, indent=2, ensure_ascii=False)[:-2]
    text = body + ',\n  "entries": [\n    ' + ",\n    ".join(lines) + "\n  ]\n}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def read_column(path: Path = COLUMN) -> list[Entry]:
    """The committed column."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Entry(*entry) for entry in data["entries"]]


# --- scoring -----------------------------------------------------------------------------


def score_batch(
    resolve_all: Callable[[list[str]], Sequence[str | None]],
    column: Sequence[Entry],
    *,
    passes: int = 5,
    budget: float = 60.0,
) -> dict[str, Any]:
    """Score a resolver of a whole column (names -> alpha-3 codes or None, in order).

    Each pass times one call over the whole column; the rate is the median pass's (by the
    wall clock, and by this thread's CPU time, which other processes disturb less).  No
    pass starts after *budget* seconds (a slow resolver gets fewer passes, at least one).  The
    answers of the first pass are scored: a hit is the entry's code, a wrong answer any
    other code, a miss None.  Also gives the hit rate per category and per noise (clean or
    noisy), and a few wrong answers and misses to look at.
    """
    names = [entry.name for entry in column]
    seconds: list[float] = []
    cpu: list[float] = []
    answers: Sequence[str | None] = []
    for index in range(passes):
        if sum(seconds) > budget:
            break
        start, start_cpu = time.perf_counter(), time.thread_time()
        got = resolve_all(names)
        cpu.append(time.thread_time() - start_cpu)
        seconds.append(time.perf_counter() - start)
        if index == 0:
            answers = list(got)
    outcome: Counter[str] = Counter()
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    by_noise: dict[str, Counter[str]] = defaultdict(Counter)
    wrong: list[list[str | None]] = []
    missed: list[list[str]] = []
    for entry, answer in zip(column, answers, strict=True):
        result = "hit" if answer == entry.alpha3 else "miss" if answer is None else "wrong"
        outcome[result] += 1
        by_category[entry.category][result] += 1
        by_noise["noisy" if entry.noise else "clean"][result] += 1
        if result == "wrong" and len(wrong) < 25:  # noqa: PLR2004
            wrong.append([entry.name, entry.alpha3, answer])
        if result == "miss" and len(missed) < 25:  # noqa: PLR2004
            missed.append([entry.name, entry.alpha3])
    total = len(column)

    def rates(counts: Counter[str]) -> dict[str, float | int]:
        n = sum(counts.values())
        return {"n": n, "hit": counts["hit"] / n, "wrong": counts["wrong"] / n}

    median = statistics.median(seconds)
    return {
        "size": total,
        "hits": outcome["hit"],
        "wrong": outcome["wrong"],
        "misses": outcome["miss"],
        "hit_rate": outcome["hit"] / total,
        "wrong_rate": outcome["wrong"] / total,
        "miss_rate": outcome["miss"] / total,
        "names_per_second": total / median,
        "cpu_names_per_second": total / statistics.median(cpu),
        "pass_seconds": seconds,
        "pass_cpu_seconds": cpu,
        "by_category": {k: rates(v) for k, v in sorted(by_category.items())},
        "by_noise": {k: rates(v) for k, v in sorted(by_noise.items())},
        "wrong_examples": wrong,
        "miss_examples": missed,
    }


def score(
    resolve: Callable[[str], str | None],
    column: Sequence[Entry],
    *,
    passes: int = 5,
    budget: float = 60.0,
) -> dict[str, Any]:
    """Score a resolver of one name (-> an alpha-3 code or None), called once per entry."""
    return score_batch(
        lambda names: [resolve(name) for name in names], column, passes=passes, budget=budget
    )


# --- the contenders ----------------------------------------------------------------------


def _pycountry() -> dict[str, tuple[str, Callable[..., Any]]]:
    try:
        import pycountry  # noqa: PLC0415
    except ImportError:
        return {}

    def lookup(name: str) -> str | None:
        try:
            found: str = pycountry.countries.lookup(name).alpha_3
        except LookupError:
            return None
        return found

    return {"pycountry countries.lookup": ("one", lookup)}


def _hdx() -> dict[str, tuple[str, Callable[..., Any]]]:
    try:
        # Installed in .venv-countries only (`run.py`): untyped, or not found by mypy.
        from hdx.location.country import Country  # type: ignore[import-not-found,unused-ignore]  # noqa: PLC0415
    except ImportError:
        return {}
    # Offline: the table shipped in the package, never the live one (`_offline` guards too).
    Country.set_use_live_default(use_live=False)
    Country.countriesdata(use_live=False)

    def exact(name: str) -> str | None:
        return Country.get_iso3_country_code(name, use_live=False)  # type: ignore[no-any-return]

    def fuzzy(name: str) -> str | None:
        code, _ = Country.get_iso3_country_code_fuzzy(name, use_live=False)
        return code  # type: ignore[no-any-return]

    return {
        "hdx get_iso3_country_code": ("one", exact),
        "hdx get_iso3_country_code_fuzzy": ("one", fuzzy),
    }


def _ours() -> dict[str, tuple[str, Callable[..., Any]]]:
    try:
        import un_migration_network as umn  # noqa: PLC0415
    except ImportError:
        return {}
    registry = getattr(umn, "countries", None)  # from issue 19 on
    if registry is None:
        return {}

    def get_many(names: list[str]) -> list[str | None]:
        return [c.alpha3 if c is not None else None for c in registry.get_many(names)]

    return {"un_migration_network countries.get_many": ("batch", get_many)}


def contenders() -> dict[str, tuple[str, Callable[..., Any]]]:
    """Each resolver importable here: name -> ("one" or "batch", the callable)."""
    return _pycountry() | _hdx() | _ours()


# Every connection attempted in this process after `_offline` (each refused): `run` reports them.
NETWORK_ATTEMPTS: list[str] = []


def _offline() -> None:
    """Make any attempt to open a network connection in this process raise.

    hdx-python-country reads OCHA's live table by default; it is told not to, and this makes
    sure that nothing here fetches anything.
    """

    def refuse(*args: object, **_: object) -> None:
        NETWORK_ATTEMPTS.append(repr(args)[:200])
        msg = f"no network here: a connection was attempted ({args!r:.80})"
        raise OSError(msg)

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign,assignment]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]


def run(passes: int, only: Sequence[str] = ()) -> dict[str, Any]:
    """Score every contender importable here (or those named *only*) on the column, offline."""
    _offline()
    column = read_column()
    results = {}
    for name, (how, resolver) in contenders().items():
        if only and name not in only:
            continue
        scorer = score if how == "one" else score_batch
        results[name] = scorer(resolver, column, passes=passes)
    return {
        "column": str(COLUMN.relative_to(HERE.parent)),
        "passes": passes,
        "network_attempts": NETWORK_ATTEMPTS,
        "results": results,
    }


def main(argv: Sequence[str]) -> int:
    """The two commands."""
    if argv[:1] == ["make"]:
        folder = Path(argv[1]) if len(argv) > 1 else REFERENCE
        column = generate(folder)
        write_column(column, folder=folder)
        print(json.dumps({"written": str(COLUMN), "size": len(column)}))
        return 0
    if argv[:1] == ["run"]:
        passes = int(argv[1]) if len(argv) > 1 else 5
        print(json.dumps(run(passes, argv[2:]), indent=2, ensure_ascii=False))
        return 0
    sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
