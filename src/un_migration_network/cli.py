"""The command line: ``un-migration-network`` and ``python -m un_migration_network``.

Exit status: 0 on success, 1 when nothing matches, the data is invalid or the output cannot be
written, 2 on a usage error. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

if TYPE_CHECKING:
    from un_migration_network._dataset import Dataset
    from un_migration_network._kinds import Kind
    from un_migration_network._validation import ValidationReport

__all__ = ["main"]

PROG = "un-migration-network"
# The kinds `list` and `export` take, in the order `--help` shows them: written out, not read
# from the kinds table, so that building the parser (for `--help` or a usage error) creates no
# record class. tests/test_cli.py checks that they are the table's kinds.
KINDS = (
    "agencies",
    "networks",
    "champions",
    "objectives",
    "principles",
    "sources",
    "events",
    "observations",
)
LEVELS = ("global", "continental", "regional", "country")
LANGUAGES = ("en", "fr", "es")
FORMATS = ("json", "csv", "jsonschema", "datapackage")
# Descriptions and examples are written to fit this width (argparse wraps the rest).
_HELP_WIDTH = 79
# A usage error quotes at most this much of argparse's message, which quotes the user's words
# whole ("invalid choice: ...", "unrecognized arguments: ..."): a pasted megabyte is not echoed.
_LONGEST_USAGE_ERROR = 300

_EXAMPLES = """\
examples:
  un-migration-network show Mozambique          each fact with its source
  un-migration-network show "objective 13"      an objective by its number
  un-migration-network show UNHCR --lang es     names in Spanish, and sources
  un-migration-network show ec                  the Executive Committee
  un-migration-network search detention         ranked, typo tolerant
  un-migration-network list networks --level country --region Africa
  un-migration-network validate                 where the sources disagree
  un-migration-network export --format datapackage --output data/
"""
_COMMAND_EXAMPLES = {
    "show": """\
examples:
  un-migration-network show Mozambique
  un-migration-network show "principle c"
  un-migration-network show gcm --lang fr
  un-migration-network show "champion Bangladesh" --json
""",
    "search": """\
examples:
  un-migration-network search refugees
  un-migration-network search "mozambik" --limit 3
  un-migration-network search migraciones --lang es --json
""",
    "list": """\
examples:
  un-migration-network list objectives
  un-migration-network list networks --level regional
  un-migration-network list networks --launched-after 2021 --wide
  un-migration-network list networks --existing-on 2021-06-24
  un-migration-network list champions --json
""",
    "validate": """\
examples:
  un-migration-network validate
  un-migration-network validate my-data.json --json
""",
    "export": """\
examples:
  un-migration-network export --format json --output data.json
  un-migration-network export --format csv networks --output networks.csv
  un-migration-network export --format jsonschema
  un-migration-network export --format datapackage --output data/ --force
""",
}


class _UsageError(Exception):
    """A command-line argument that argparse accepted but the command cannot use."""


class _Failure(Exception):  # noqa: N818 - a command that cannot finish, not a bug
    """A command that cannot finish (an output that exists, a path that cannot be written)."""


class _Exit(Exception):  # noqa: N818 - not an error: the parser's request to stop
    """The argument parser is done: help or the version to print, or a usage error."""

    def __init__(self, status: int, text: str = "", *, to_stdout: bool = False) -> None:
        super().__init__(text)
        self.status = status
        self.text = text
        self.to_stdout = to_stdout


class _Parser(argparse.ArgumentParser):
    """A parser that hands its output to `main` instead of printing and exiting itself.

    So help into a full disk or a closed pipe is one clear line, not a traceback.
    """

    def print_help(self, file: object = None) -> None:  # noqa: ARG002 - always to stdout
        raise _Exit(0, self.format_help(), to_stdout=True)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise _Exit(status, message or "")

    def error(self, message: str) -> NoReturn:
        raise _Exit(2, f"{self.prog}: error: {_one_line(message)} (see --help)\n")


def _one_line(text: str) -> str:
    """*text* shortened, with line breaks and other control characters as escapes."""
    if len(text) > _LONGEST_USAGE_ERROR:
        text = f"{text[:_LONGEST_USAGE_ERROR]}… ({len(text):,} characters)"
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def _version() -> str:
    from un_migration_network import __version__  # noqa: PLC0415
    from un_migration_network._dataset import load  # noqa: PLC0415

    return f"{PROG} {__version__} (data as of {load().as_of.isoformat()})\n"


class _VersionAction(argparse.Action):
    def __init__(self, option_strings: Sequence[str], dest: str, **_: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, help="show the version and the data's as-of date"
        )

    def __call__(self, *_: object, **__: object) -> None:
        raise _Exit(0, _version(), to_stdout=True)


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        msg = f"expected a whole number of at least 1, got {_short(text)}"
        raise argparse.ArgumentTypeError(msg)
    return number


def _query(text: str) -> str:
    """An argparse type: a query with at least one letter or digit."""
    if not any(ch.isalnum() for ch in text[:10_000]):
        msg = f"expected a name, code or number to look for, got {_short(text)}"
        raise argparse.ArgumentTypeError(msg)
    return text


def _short(text: str) -> str:
    from un_migration_network.exceptions import quote  # noqa: PLC0415

    return quote(text)


def _parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog=PROG,
        description=textwrap.fill(
            "Look up the UN Network on Migration: its global, regional and country networks, "
            "their members and co-chairs, its Executive Committee, and the Global Compact for "
            "Migration (its objectives, guiding principles and Champion countries).",
            _HELP_WIDTH,
        ),
        epilog=_EXAMPLES,
        formatter_class=raw,
    )
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help_text,
            description=textwrap.fill(help_text, _HELP_WIDTH),
            epilog=_COMMAND_EXAMPLES[name],
            formatter_class=raw,
        )
        if name != "export":
            sub.add_argument("--json", action="store_true", help="print machine-readable JSON")
        return sub

    def language(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--lang",
            choices=LANGUAGES,
            default="en",
            help="show names in this language where a source gives them; "
            "[en] marks English shown where none does (default: en)",
        )

    def wide(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--wide", action="store_true", help="never cut a cell, even on a narrow terminal"
        )

    show = command(
        "show",
        "show one record: an agency, network, objective, principle, Champion country, the "
        "Compact ('gcm'), its review forum ('imrf') or the Executive Committee ('ec')",
    )
    show.add_argument("query", metavar="QUERY", type=_query)
    language(show)
    search = command("search", "rank the records that best match QUERY")
    search.add_argument("query", metavar="QUERY", type=_query)
    search.add_argument(
        "--limit", type=_positive, default=10, help="at most this many (default 10)"
    )
    language(search)
    wide(search)
    listing = command("list", "list the records of one kind")
    listing.add_argument("kind", choices=KINDS, metavar="KIND", help=", ".join(KINDS))
    listing.add_argument("--level", choices=LEVELS, help="networks only")
    listing.add_argument("--region", help="networks only: a region or sub-region name")
    listing.add_argument("--launched-before", metavar="DATE", help="networks launched before DATE")
    listing.add_argument("--launched-after", metavar="DATE", help="networks launched after DATE")
    listing.add_argument(
        "--existing-on", metavar="DATE", help="networks the sources show existing on DATE"
    )
    language(listing)
    wide(listing)
    check = command("validate", "check the bundled data, or a JSON document at PATH")
    check.add_argument("path", nargs="?", metavar="PATH")
    export = command(
        "export", "write the data as JSON, CSV, a JSON Schema or a Frictionless Data Package"
    )
    export.add_argument(
        "--format",
        choices=FORMATS,
        default="json",
        dest="fmt",
        help="json: the canonical document (default); csv: one row per record of KIND; "
        "jsonschema: the schema of the canonical document; datapackage: a directory of CSV "
        "tables with a datapackage.json (needs --output DIR)",
    )
    export.add_argument(
        "kind", nargs="?", choices=KINDS, metavar="KIND", help="for csv: " + ", ".join(KINDS)
    )
    export.add_argument(
        "--output",
        "-o",
        metavar="PATH",
        help="write to PATH instead of standard output ('-' for standard output)",
    )
    export.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    from un_migration_network.exceptions import (  # noqa: PLC0415
        AmbiguousError,
        NotFoundError,
    )

    out = sys.stdout
    # A terminal or pipe that cannot encode a name ("Türkiye") gets an escape, not an error.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        args = _parser().parse_args(argv)
        handler: Callable[[argparse.Namespace], _Result] = _HANDLERS[args.command]
        result = handler(args)
    except _Exit as done:
        if done.to_stdout:
            return _emit(done.text, out, done.status)
        # A command's parser names itself after the program ("un-migration-network search:
        # error: ..."): the line names the program once.
        return _fail(done.text.rstrip("\n").removeprefix(PROG).lstrip(": "), done.status)
    except (NotFoundError, AmbiguousError) as error:
        return _fail(str(error), 1)
    except _UsageError as error:
        return _fail(str(error), 2)
    except _Failure as error:
        return _fail(str(error), 1)
    return _emit(result.text, out, result.status, result.error)


class _Result:
    """What a command prints, its exit status, and the line it puts on stderr (if any)."""

    def __init__(self, text: str, status: int = 0, error: str | None = None) -> None:
        self.text = text
        self.status = status
        self.error = error


def _emit(text: str, out: TextIO | None, status: int, error: str | None = None) -> int:
    """Write *text* to standard output and flush it; a failed write is one line on stderr."""
    if text:
        if out is None:
            return _fail("cannot write the output: standard output is closed", 1)
        try:
            out.write(text)
            out.flush()
        except BrokenPipeError:
            # The reader went away (``| head``): say nothing more.
            _silence(out)
            return status
        except (OSError, ValueError) as failure:  # a full disk, a closed stream
            _silence(out)
            reason = getattr(failure, "strerror", None) or str(failure)
            return _fail(f"cannot write the output: {reason}", 1)
    if error is not None:
        return _fail(error, status)
    return status


def _silence(out: TextIO) -> None:
    """Point a failed standard output at the null device, so the exit flush cannot fail too."""
    try:
        descriptor = out.fileno()
    except (OSError, ValueError, AttributeError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)


def _fail(message: str, status: int) -> int:
    stderr = sys.stderr
    if stderr is not None:
        try:
            stderr.write(f"{PROG}: {message}\n")
            stderr.flush()
        except (OSError, ValueError):
            pass
    return status


def _dataset() -> Dataset:
    from un_migration_network._dataset import load  # noqa: PLC0415

    return load()


def _json(data: object, *, sort_keys: bool = False) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n"


def _show(args: argparse.Namespace) -> _Result:
    from un_migration_network import _text  # noqa: PLC0415

    ds = _dataset()
    kind, record = ds.find(args.query)
    if args.json:
        from un_migration_network._converter import unstructure_record  # noqa: PLC0415

        sources = [unstructure_record(s) for s in _sources_within(record)]
        data = {
            "kind": kind,
            "record": unstructure_record(record),
            "sources": sources,
            "as_of": ds.as_of.isoformat(),
        }
        return _Result(_json(data))
    text = _text.page(record, lang=args.lang, dataset=ds)
    return _Result(f"{text}\n\nData as of {ds.as_of.isoformat()}.\n")


def _sources_within(record: object) -> list[Any]:
    """The sources of *record* and of the records written whole inside it, each once.

    The Compact's review forum and its editions, the Committee's seats and lists cite sources
    of their own; the records referred to by id (members, sources) are not looked into.
    """
    import attrs  # noqa: PLC0415

    from un_migration_network._kinds import kind_of  # noqa: PLC0415

    found: dict[str, Any] = {}

    def visit(value: object) -> None:
        cls = type(value)
        if isinstance(value, tuple):
            for item in value:
                visit(item)
        elif attrs.has(cls) and (value is record or kind_of(cls) is None):
            for source in getattr(value, "sources", ()):
                found.setdefault(source.id, source)
            for field in attrs.fields(cls):
                visit(getattr(value, field.name))

    visit(record)
    return list(found.values())


def _width(wide: bool) -> int | None:  # noqa: FBT001 - the --wide flag as it is
    """The width a table must fit: the terminal's, or none when piped or asked --wide."""
    out = sys.stdout
    if wide or out is None or not out.isatty():
        return None
    return shutil.get_terminal_size().columns


def _search(args: argparse.Namespace) -> _Result:
    from un_migration_network import _text  # noqa: PLC0415
    from un_migration_network._kinds import KINDS as TABLE  # noqa: PLC0415
    from un_migration_network.exceptions import NotFoundError  # noqa: PLC0415

    ds = _dataset()
    hits = sorted(
        (
            (score, kind, text, record)
            for kind in TABLE
            if kind.is_searchable
            for score, text, record in ds.registry(kind).matches(args.query, limit=args.limit)
        ),
        # Equal scores: the kind of the lower rank first (a network before a Champion), as
        # `show` decides; within a kind, the data's order (the sort is stable).
        key=lambda hit: (-hit[0], hit[1].rank),
    )[: args.limit]
    if args.json:
        found = [
            {
                "kind": kind.name,
                "key": kind.key(record),
                "matched": text,
                "name": _name(record, args.lang),
                "score": round(score, 3),
            }
            for score, kind, text, record in hits
        ]
        # No match: the empty list for the program that reads it, the reason for the person.
        return _Result(_json(found)) if hits else _Result(_json(found), 1, _no_match(args.query))
    if not hits:
        raise NotFoundError(args.query)
    rows = [(kind.name, kind.key(record), _name(record, args.lang)) for _, kind, _, record in hits]
    return _Result(_text.table(("kind", "key", "name"), rows, width=_width(args.wide)) + "\n")


def _no_match(query: str) -> str:
    from un_migration_network.exceptions import NotFoundError  # noqa: PLC0415

    return str(NotFoundError(query))


def _name(record: object, lang: str) -> str:
    from un_migration_network._kinds import in_language  # noqa: PLC0415

    for field in ("name", "title"):
        if isinstance(getattr(record, field, None), str):
            return in_language(record, field, lang)
    return str(record)


def _list(args: argparse.Namespace) -> _Result:
    from un_migration_network import _text  # noqa: PLC0415
    from un_migration_network._kinds import kind_named  # noqa: PLC0415

    ds = _dataset()
    filters = _network_filters(args)
    if args.kind != "networks" and filters:
        msg = (
            "--level, --region, --launched-before, --launched-after and --existing-on apply "
            "to networks only"
        )
        raise _UsageError(msg)
    kind = kind_named(args.kind)
    records = list(ds.registry(kind))
    if args.kind == "networks":
        records = _filter_networks(records, args, ds)
    if args.json:
        from un_migration_network._converter import unstructure_record  # noqa: PLC0415

        return _Result(_json([unstructure_record(r) for r in records]))
    if not records:
        return _Result(f"no {args.kind} match {' '.join(filters)}\n")
    return _Result(_table_of(kind, records, args.lang, _width(args.wide), _text.cell) + "\n")


def _table_of(
    kind: Kind[Any], records: list[Any], lang: str, width: int | None, cell: Callable[[object], str]
) -> str:
    from un_migration_network import _text  # noqa: PLC0415

    headers = [column.header for column in kind.columns]
    rows = [[cell(column.read(record, lang)) for column in kind.columns] for record in records]
    return _text.table(headers, rows, width=width)


def _network_filters(args: argparse.Namespace) -> list[str]:
    """The network filters given, as they were written (for messages)."""
    given = [
        ("--level", args.level),
        ("--region", args.region),
        ("--launched-before", args.launched_before),
        ("--launched-after", args.launched_after),
        ("--existing-on", args.existing_on),
    ]
    return [f"{flag} {_short(value)}" for flag, value in given if value is not None]


def _filter_networks(records: list[Any], args: argparse.Namespace, ds: Dataset) -> list[Any]:
    from un_migration_network._models import DateSpan  # noqa: PLC0415
    from un_migration_network._normalize import MAX_QUERY, normalize  # noqa: PLC0415

    def day(text: str, flag: str) -> DateSpan:
        try:
            return DateSpan.parse(text)
        except ValueError:
            msg = f"{flag} expects a date as YYYY, YYYY-MM or YYYY-MM-DD, got {_short(text)}"
            raise _UsageError(msg) from None

    if args.level is not None:
        records = [n for n in records if n.level.value == args.level]
    if args.region is not None:
        # A text longer than any name names no region, and folding it can take seconds.
        wanted = normalize(args.region) if len(args.region) <= MAX_QUERY else None
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
    if args.existing_on is not None:
        on = day(args.existing_on, "--existing-on")
        existing = set(ds.networks_on(on.latest))
        records = [n for n in records if n in existing]
    return records


def _validate(args: argparse.Namespace) -> _Result:
    from un_migration_network._dataset import load_dataset  # noqa: PLC0415
    from un_migration_network._validation import validate  # noqa: PLC0415
    from un_migration_network.exceptions import DataError  # noqa: PLC0415

    where = "the bundled data" if args.path is None else _short(args.path)
    try:
        ds = _dataset() if args.path is None else load_dataset(args.path)
    except DataError as error:
        if args.json:
            text = _json(
                {
                    "ok": False,
                    "problems": [
                        {
                            "code": str(p.code),
                            "severity": "error",
                            "path": p.path,
                            "message": p.message,
                        }
                        for p in error.problems
                    ],
                }
            )
        else:
            lines: list[str] = []
            for p in error.problems:
                lines.append(f"ERROR    {p.code}  {p.path}")
                lines.extend(_wrap("    ", p.message))
            text = "\n".join(lines) + "\n"
        first = error.problems[0].message
        more = len(error.problems) - 1
        summary = f"{first} (and {more} more)" if more else first
        return _Result(text, 1, f"{where}: cannot load: {summary}")
    report = validate(ds)
    if args.json:
        text = _json({"as_of": ds.as_of.isoformat(), **report.to_dict()})
    else:
        text = _report_text(report)
    if report.ok:
        return _Result(text)
    return _Result(text, 1, f"{where}: {len(report.errors)} errors")


def _wrap(prefix: str, text: str) -> list[str]:
    from un_migration_network._text import _wrap as wrap  # noqa: PLC0415

    return wrap(prefix, text)


def _report_text(report: ValidationReport) -> str:
    lines: list[str] = []
    for problem in report.problems:
        lines.append(f"{problem.severity.value.upper():<8} {problem.code}  ({problem.subject})")
        lines.extend(_wrap("    ", problem.message))
        if problem.sources:
            lines.extend(_wrap("    sources: ", ", ".join(s.id for s in problem.sources)))
    lines.append(f"{len(report.errors)} errors, {len(report.warnings)} warnings")
    return "\n".join(lines) + "\n"


def _export(args: argparse.Namespace) -> _Result:
    if args.fmt != "csv" and args.kind is not None:
        msg = f"export --format {args.fmt} takes no KIND (only csv does)"
        raise _UsageError(msg)
    if args.fmt == "csv" and args.kind is None:
        msg = "export --format csv needs a KIND (see export --help)"
        raise _UsageError(msg)
    if args.fmt == "datapackage":
        return _export_package(args)
    if args.fmt == "jsonschema":
        from un_migration_network._export import json_schema  # noqa: PLC0415

        text = _json(json_schema(), sort_keys=True)
    elif args.fmt == "json":
        text = _dataset().to_json()
    else:
        from un_migration_network._export import to_csv  # noqa: PLC0415
        from un_migration_network._kinds import kind_named  # noqa: PLC0415

        kind = kind_named(args.kind)
        text = to_csv(_dataset().registry(kind), kind.type)
    if args.output is None or args.output == "-":
        return _Result(text)
    _write_file(Path(args.output), text, force=args.force)
    return _Result("")


def _write_file(path: Path, text: str, *, force: bool) -> None:
    """Write *text* to *path* whole or not at all: a temporary file, then one rename."""
    from un_migration_network._export import write_atomic  # noqa: PLC0415

    try:
        if path.is_dir():
            msg = f"{_short(str(path))} is a directory; give a file name"
            raise _Failure(msg)
        if path.exists() and not force:
            msg = f"{_short(str(path))} exists; add --force to overwrite it"
            raise _Failure(msg)
        write_atomic(path, text)
    except (OSError, ValueError) as error:
        raise _Failure(_cannot_write(path, error)) from None


def _cannot_write(path: Path, error: OSError | ValueError) -> str:
    """The line for a path that cannot be written, with the system's reason."""
    # A ValueError is a path the system cannot take: a NUL character, an unencodable name.
    reason = (
        (error.strerror or str(error)) if isinstance(error, OSError) else "the path is not valid"
    )
    return f"cannot write {_short(str(path))}: {reason}"


def _export_package(args: argparse.Namespace) -> _Result:
    from un_migration_network._export import write_datapackage  # noqa: PLC0415

    if args.output is None or args.output == "-":
        msg = "export --format datapackage needs --output DIR (a directory to write)"
        raise _UsageError(msg)
    target = Path(args.output)
    ds = _dataset()
    try:
        if target.exists() and not target.is_dir():
            msg = f"{_short(str(target))} is a file; give a directory for the data package"
            raise _Failure(msg)
        if target.is_dir() and any(target.iterdir()) and not args.force:
            msg = f"{_short(str(target))} is not empty; add --force to overwrite the package in it"
            raise _Failure(msg)
        written = write_datapackage(ds, target)
    except (OSError, ValueError) as error:
        raise _Failure(_cannot_write(target, error)) from None
    return _Result(f"wrote {len(written)} files to {target}\n")


_HANDLERS: dict[str, Callable[[argparse.Namespace], _Result]] = {
    "show": _show,
    "search": _search,
    "list": _list,
    "validate": _validate,
    "export": _export,
}
