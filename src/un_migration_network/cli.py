"""The command line: ``un-migration-network`` and ``python -m un_migration_network``.

Exit status: 0 on success, 1 when nothing matches or the data is invalid, 2 on a usage error.
Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

if TYPE_CHECKING:
    from un_migration_network._dataset import Dataset
    from un_migration_network._models import (
        Agency,
        Compact,
        DateSpan,
        ExecutiveCommittee,
        GuidingPrinciple,
        Network,
        Objective,
    )
    from un_migration_network._registry import Registry
    from un_migration_network._validation import ValidationReport

__all__ = ["main"]

PROG = "un-migration-network"
WIDTH = 80
KINDS = ("agencies", "networks", "objectives", "principles")
CSV_KINDS = (*KINDS, "sources", "events", "observations")
_COMPACT_KEYS = frozenset({"gcm", "compact", "globalcompact", "globalcompactformigration"})
_COMMITTEE_KEYS = frozenset({"executivecommittee", "ec", "committee"})


class _UsageError(Exception):
    """A command-line argument that argparse accepted but the command cannot use."""


class _AmbiguousError(Exception):
    """A query that names records of more than one kind."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _version() -> str:
    from un_migration_network import __version__  # noqa: PLC0415
    from un_migration_network._dataset import load  # noqa: PLC0415

    return f"{PROG} {__version__} (data as of {load().as_of.isoformat()})"


class _VersionAction(argparse.Action):
    def __init__(self, option_strings: Sequence[str], dest: str, **_: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, help="show the version and the data's as-of date"
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object, **__: object) -> None:
        print(_version())
        parser.exit(0)


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        msg = f"expected a whole number of at least 1, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return number


def _query(text: str) -> str:
    """An argparse type: a query with at least one letter or digit."""
    if not any(ch.isalnum() for ch in text):
        msg = f"expected a name, code or number to look for, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return text


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Look up the UN Network on Migration, its networks and members, "
        "and the Global Compact for Migration.",
    )
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--json", action="store_true", help="print machine-readable JSON")
        return sub

    show = command("show", "show one record: an agency, network, objective, principle, or 'gcm'")
    show.add_argument("query", metavar="QUERY", type=_query)
    search = command("search", "rank the records that best match QUERY")
    search.add_argument("query", metavar="QUERY", type=_query)
    search.add_argument(
        "--limit", type=_positive, default=10, help="at most this many (default 10)"
    )
    listing = command("list", "list the records of one kind")
    listing.add_argument("kind", choices=KINDS, metavar="{" + ",".join(KINDS) + "}")
    listing.add_argument("--level", choices=("global", "regional", "country"), help="networks only")
    listing.add_argument("--region", help="networks only: a region or sub-region name")
    listing.add_argument("--launched-before", metavar="DATE", help="networks launched before DATE")
    listing.add_argument("--launched-after", metavar="DATE", help="networks launched after DATE")
    check = command("validate", "check the bundled data, or a JSON document at PATH")
    check.add_argument("path", nargs="?", metavar="PATH")
    export_help = "write the data as JSON, CSV or a JSON Schema"
    export = commands.add_parser("export", help=export_help, description=export_help)
    formats = ("json", "csv", "jsonschema")
    export.add_argument(
        "--format",
        choices=formats,
        default="json",
        dest="fmt",
        help="json: the canonical document (default); csv: one row per record of KIND; "
        "jsonschema: the schema of the canonical document",
    )
    kind_help = "for csv: " + ", ".join(CSV_KINDS)
    export.add_argument("kind", nargs="?", choices=CSV_KINDS, metavar="KIND", help=kind_help)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    from un_migration_network.exceptions import NotFoundError  # noqa: PLC0415

    args = _parser().parse_args(argv)
    out = sys.stdout
    # A terminal or pipe that cannot encode a name ("Türkiye") gets an escape, not an error.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        handler: Callable[[argparse.Namespace, TextIO], int] = _HANDLERS[args.command]
        return handler(args, out)
    except (NotFoundError, _AmbiguousError) as error:
        return _fail(str(error), 1)
    except _UsageError as error:
        return _fail(str(error), 2)
    except BrokenPipeError:
        # The reader went away (``| head``); say nothing more.
        sys.stderr.close()
        return 0
    except OSError as error:  # a full disk, a closed file: say so, no traceback
        return _fail(f"cannot write the output: {error.strerror or error}", 1)


def _fail(message: str, status: int) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return status


def _dataset() -> Dataset:
    from un_migration_network._dataset import load  # noqa: PLC0415

    return load()


def _find(ds: Dataset, query: str) -> tuple[str, object]:
    from un_migration_network._normalize import normalize  # noqa: PLC0415
    from un_migration_network.exceptions import NotFoundError  # noqa: PLC0415

    key = normalize(query)
    if key in _COMPACT_KEYS:
        return "compact", ds.compact
    if key in _COMMITTEE_KEYS:
        return "executive committee", ds.executive_committee
    registries = _registries(ds)
    hits = [(registry.kind, found) for registry in registries if (found := registry.get(query))]
    if len(hits) > 1:
        choices = ", ".join(f"{kind} {_key(record)!r}" for kind, record in hits)
        msg = f"{query!r} names more than one record; show one of: {choices}"
        raise _AmbiguousError(msg)
    if hits:
        return hits[0]
    ranked = sorted(
        (match[:2] for registry in registries for match in registry.matches(query, limit=3)),
        reverse=True,
    )
    raise NotFoundError(query, kind="record", suggestions=[text for _, text in ranked[:3]])


def _registries(ds: Dataset) -> tuple[Registry[Any], ...]:
    """The registries a query is looked up in, in the order ties are broken."""
    return (ds.networks, ds.agencies, ds.objectives, ds.principles)


def _show(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset()
    kind, record = _find(ds, args.query)
    if args.json:
        from un_migration_network._converter import unstructure_record  # noqa: PLC0415

        _dump(
            {"kind": kind, "record": unstructure_record(record), "as_of": ds.as_of.isoformat()}, out
        )
        return 0
    lines = _describe(record)
    lines.append("")
    lines.append(f"Data as of {ds.as_of.isoformat()}.")
    out.write("\n".join(lines) + "\n")
    return 0


_Rows = list[tuple[str, str]]


def _network_rows(record: Network) -> tuple[str, _Rows]:
    rows: _Rows = [("id", record.id), ("level", record.level.value)]
    country = record.country
    if country is not None:
        m49 = f"M49 {country.m49}" if country.m49 is not None else None
        codes = ", ".join(x for x in (country.alpha2, country.alpha3, m49) if x)
        note = " (user-assigned code)" if country.is_code_user_assigned else ""
        where = f" - {country.region} / {country.sub_region}" if country.region else ""
        rows.append(("country", f"{country.name} ({codes}){note}{where}"))
    rows += [("region", record.region or ""), ("decided", _span(record.decided, blank=True))]
    rows.append(("launched", _span(record.launched)))
    count = f"{len(record.members)} listed"
    if record.declared_member_count is not None:
        count += f", {record.declared_member_count} declared"
    if not record.is_membership_complete:
        count += " (list incomplete)"
    rows += [("members", count), ("", ", ".join(a.acronym for a in record.members))]
    coordinator = record.coordinator.acronym if record.coordinator is not None else ""
    rows += [("coordinator", coordinator), ("also", "; ".join(record.aliases))]
    return record.name, rows


def _agency_rows(record: Agency) -> tuple[str, _Rows]:
    rows: _Rows = [("id", record.id), ("kind", record.kind.value)]
    rows += [("website", record.website or "-"), ("based in", record.headquarters or "-")]
    rows.append(("also", "; ".join(record.aliases)))
    return f"{record.acronym}: {record.name}", rows


def _objective_rows(record: Objective) -> tuple[str, _Rows]:
    inferred = " (inferred)" if record.is_paragraph_inferred else ""
    rounds = "-" if record.round_table is None else f"round table {record.round_table}"
    rows: _Rows = [
        ("label", record.short_label),
        ("paragraph", f"{record.paragraph}{inferred}"),
        ("IMRF", rounds),
    ]
    rows.extend(("variant", v) for v in record.title_variants)
    return f"Objective {record.number}: {record.title}", rows


def _principle_rows(record: GuidingPrinciple) -> tuple[str, _Rows]:
    inferred = " (letter inferred from the order)" if record.is_letter_inferred else ""
    rows: _Rows = [("paragraph", f"{record.paragraph}{inferred}")]
    return f"Guiding principle ({record.letter}): {record.name}", rows


def _compact_rows(record: Compact) -> tuple[str, _Rows]:
    vote = record.vote
    tally = f"{vote.in_favour} in favour, {vote.against} against, {vote.abstentions} abstentions"
    if vote.non_voting is not None:
        tally += f", {vote.non_voting} not voting"
    forum = record.review_forum
    rows: _Rows = [
        ("adopted", f"{record.adopted.isoformat()}, {record.adopted_at}"),
        ("endorsed", f"{record.endorsed.isoformat()}, {record.resolution}"),
        ("vote", tally),
        ("against", ", ".join(record.voted_against) or "-"),
        ("abstained", ", ".join(record.abstained) or "-"),
        ("review", f"{forum.name} ({forum.acronym})"),
        ("", f"every {forum.cadence_years} years from {forum.first_year}"),
    ]
    for edition in forum.editions:
        when = _span(edition.dates) if edition.dates else str(edition.year)
        rows.append(("", when + (f", {edition.place}" if edition.place else "")))
    return f"{record.name} ({record.acronym})", rows


def _committee_rows(record: ExecutiveCommittee) -> tuple[str, _Rows]:
    rows: _Rows = [
        ("coordinator", record.coordinator.acronym),
        ("secretariat", record.secretariat.acronym),
        (f"as of {record.as_of}", ", ".join(a.acronym for a in record.members)),
    ]
    rows.extend((m.agency.acronym, f"since {_span(m.since)}") for m in record.memberships)
    return "Executive Committee of the UN Network on Migration", rows


def _describe(record: Any) -> list[str]:
    """The human-readable page of one record: a title, labelled rows, the sources."""
    from un_migration_network import _models as m  # noqa: PLC0415

    describers: dict[type, Callable[[Any], tuple[str, _Rows]]] = {
        m.Network: _network_rows,
        m.Agency: _agency_rows,
        m.Objective: _objective_rows,
        m.GuidingPrinciple: _principle_rows,
        m.Compact: _compact_rows,
        m.ExecutiveCommittee: _committee_rows,
    }
    title, rows = describers[type(record)](record)
    lines = textwrap.wrap(title, WIDTH)
    lines.append("=" * max(len(line) for line in lines))
    rows = [(key, value) for key, value in rows if value]
    label_width = max(len(key) for key, _ in rows)
    for key, value in rows:
        lines.extend(_wrap(f"{key:<{label_width}}  ", value))
    lines.append("sources")
    for source in record.sources:
        lines.extend(_wrap("  - ", source.title or source.publisher or source.url.split("/")[2]))
        # A web address is never broken across lines, so it can be copied.
        lines.append(f"    {source.url}")
    return lines


def _wrap(prefix: str, text: str) -> list[str]:
    width = max(WIDTH - len(prefix), 20)
    chunks = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=True) or [""]
    return [prefix + chunks[0], *(" " * len(prefix) + c for c in chunks[1:])]


def _span(span: DateSpan | None, *, blank: bool = False) -> str:
    if span is None:
        return "" if blank else "not known"
    if span.is_exact and not span.is_inferred:
        return span.earliest.isoformat()
    short = span.short()
    if short is not None:
        return f"{short} (day not known)"
    note = ", inferred" if span.is_inferred else ""
    if span.is_exact:
        return f"{span.earliest.isoformat()} (inferred)"
    return f"between {span.earliest.isoformat()} and {span.latest.isoformat()}{note}"


def _search(args: argparse.Namespace, out: TextIO) -> int:
    from un_migration_network.exceptions import NotFoundError  # noqa: PLC0415

    ds = _dataset()
    registries = _registries(ds)
    hits = sorted(
        (
            (score, registry.kind, text, record)
            for registry in registries
            for score, text, record in registry.matches(args.query, limit=args.limit)
        ),
        key=lambda hit: -hit[0],
    )[: args.limit]
    if not hits:
        raise NotFoundError(args.query)
    if args.json:
        _dump(
            [
                {"kind": kind, "key": _key(record), "matched": text, "name": _name(record)}
                for _, kind, text, record in hits
            ],
            out,
        )
        return 0
    _table(
        out,
        ("kind", "key", "name"),
        [(kind, _key(record), _name(record)) for _, kind, _, record in hits],
    )
    return 0


def _key(record: object) -> str:
    for attribute in ("id", "number", "letter"):
        value = getattr(record, attribute, None)
        if value is not None:
            return str(value)
    return "-"  # pragma: no cover - every registry record has one of the keys above


def _name(record: object) -> str:
    for attribute in ("name", "title"):
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            return value
    return str(record)  # pragma: no cover


def _list(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset()
    network_filters = (args.level, args.region, args.launched_before, args.launched_after)
    if args.kind != "networks" and any(f is not None for f in network_filters):
        msg = "--level, --region, --launched-before and --launched-after apply to networks only"
        raise _UsageError(msg)
    registry: Registry[Any] = getattr(ds, args.kind)
    records = list(registry)
    if args.kind == "networks":
        records = _filter_networks(records, args)
    if args.json:
        from un_migration_network._converter import unstructure_record  # noqa: PLC0415

        _dump([unstructure_record(r) for r in records], out)
        return 0
    columns: dict[str, tuple[tuple[str, ...], Callable[[Any], tuple[str, ...]]]] = {
        "agencies": (("id", "acronym", "name"), lambda a: (a.id, a.acronym, a.name)),
        "networks": (
            ("id", "level", "launched", "members"),
            lambda n: (n.id, n.level.value, str(n.launched or "-"), str(len(n.members))),
        ),
        "objectives": (("no", "label", "title"), lambda o: (str(o.number), o.short_label, o.title)),
        "principles": (("letter", "name"), lambda p: (p.letter, p.name)),
    }
    headers, row = columns[args.kind]
    _table(out, headers, [row(r) for r in records])
    return 0


def _filter_networks(records: list[Any], args: argparse.Namespace) -> list[Any]:
    from un_migration_network._models import DateSpan  # noqa: PLC0415
    from un_migration_network._normalize import normalize  # noqa: PLC0415

    def day(text: str, flag: str) -> DateSpan:
        try:
            return DateSpan.parse(text)
        except ValueError:
            msg = f"{flag} expects a date as YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}"
            raise _UsageError(msg) from None

    if args.level is not None:
        records = [n for n in records if n.level.value == args.level]
    if args.region is not None:
        wanted = normalize(args.region)
        records = [
            n
            for n in records
            if wanted
            in {
                normalize(x)
                for x in (
                    n.region,
                    n.country and n.country.region,
                    n.country and n.country.sub_region,
                )
                if x
            }
        ]
    if args.launched_before is not None:
        before = day(args.launched_before, "--launched-before")
        records = [
            n for n in records if n.launched is not None and n.launched.latest < before.earliest
        ]
    if args.launched_after is not None:
        after = day(args.launched_after, "--launched-after")
        records = [
            n for n in records if n.launched is not None and n.launched.earliest > after.latest
        ]
    return records


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    from un_migration_network._dataset import load_dataset  # noqa: PLC0415
    from un_migration_network._validation import validate  # noqa: PLC0415
    from un_migration_network.exceptions import DataError  # noqa: PLC0415

    try:
        ds = _dataset() if args.path is None else load_dataset(args.path)
    except DataError as error:
        if args.json:
            _dump(
                {
                    "ok": False,
                    "problems": [
                        {"code": p.code, "severity": "error", "path": p.path, "message": p.message}
                        for p in error.problems
                    ],
                },
                out,
            )
        else:
            lines: list[str] = []
            for p in error.problems:
                lines.append(f"ERROR    {p.code}  {p.path}")
                lines.extend(_wrap("    ", p.message))
            out.write("\n".join(lines) + "\n")
        first = error.problems[0].message
        more = len(error.problems) - 1
        summary = f"{first} (and {more} more)" if more else first
        return _fail(f"{error.origin}: cannot load: {summary}", 1)
    report = validate(ds)
    if args.json:
        _dump({"as_of": ds.as_of.isoformat(), **report.to_dict()}, out)
    else:
        _print_report(report, out)
    if report.ok:
        return 0
    return _fail(f"{args.path or 'the bundled data'}: {len(report.errors)} errors", 1)


def _print_report(report: ValidationReport, out: TextIO) -> None:
    lines: list[str] = []
    for problem in report.problems:
        lines.append(f"{problem.severity.value.upper():<8} {problem.code}  ({problem.subject})")
        lines.extend(_wrap("    ", problem.message))
        if problem.sources:
            lines.extend(_wrap("    sources: ", ", ".join(s.id for s in problem.sources)))
    lines.append(f"{len(report.errors)} errors, {len(report.warnings)} warnings")
    out.write("\n".join(lines) + "\n")


def _export(args: argparse.Namespace, out: TextIO) -> int:
    if args.fmt != "csv" and args.kind is not None:
        msg = f"export --format {args.fmt} takes no KIND (only csv does)"
        raise _UsageError(msg)
    if args.fmt == "jsonschema":
        from un_migration_network._export import json_schema  # noqa: PLC0415

        _dump(json_schema(), out, sort_keys=True)
        return 0
    ds = _dataset()
    if args.fmt == "json":
        out.write(ds.to_json())
        return 0
    if args.kind is None:
        msg = "export --format csv needs a KIND (see export --help)"
        raise _UsageError(msg)
    _write_csv(getattr(ds, args.kind), out, args.kind)
    return 0


def _write_csv(records: Iterable[Any], out: TextIO, kind: str) -> None:
    from un_migration_network._export import RECORD_TYPES, to_csv  # noqa: PLC0415

    out.write(to_csv(records, RECORD_TYPES[kind]))


def _dump(data: object, out: TextIO, *, sort_keys: bool = False) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n")


def _table(out: TextIO, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print rows under headers in at most 80 columns, cutting the widest cells with an ellipsis."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    # Shrink the widest column, one character at a time, until the row fits.
    while sum(widths) + 2 * (len(widths) - 1) > WIDTH:
        widest = widths.index(max(widths))
        widths[widest] -= 1

    def line(cells: Sequence[str]) -> str:
        fitted = (
            c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(cells, widths, strict=True)
        )
        return "  ".join(c.ljust(w) for c, w in zip(fitted, widths, strict=True)).rstrip()

    lines = [line(headers), line(["-" * w for w in widths]), *(line(row) for row in rows)]
    out.write("\n".join(lines) + "\n")


_HANDLERS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "show": _show,
    "search": _search,
    "list": _list,
    "validate": _validate,
    "export": _export,
}
