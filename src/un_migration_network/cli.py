"""The command line: ``un-migration-network`` and ``python -m un_migration_network``.

Exit status: 0 on success, 1 when nothing matches, the data is invalid or the output cannot
be written, 2 on a usage error, 130 when interrupted (Ctrl-C). Errors are one line on stderr,
never a traceback. Each command imports what it uses when it runs, so that ``show`` pays for
no export and ``--help`` for no data.

Machine-readable output (``--json``, and ``export`` to standard output) is UTF-8 whatever the
locale, as JSON and the package's CSV are defined: on a standard output of another encoding its
bytes go to the stream's buffer, so that no character is lost or escaped. Text for people is
written in the stream's encoding, with escapes for what it cannot hold.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from un_migration_network._normalize import MAX_QUERY, normalize
from un_migration_network.exceptions import quote

if TYPE_CHECKING:
    from un_migration_network._dataset import Dataset
    from un_migration_network._kind import Kind
    from un_migration_network._validation import ValidationReport
    from un_migration_network.exceptions import DataError

__all__ = ["main"]

PROG = "un-migration-network"
# The kinds `list` and `export` take, in the order `--help` shows them: written out, not read
# from the kinds table, so that `--help` and a usage error import no record class.
# tests/test_cli.py checks them against the table.
KINDS = (
    "agencies",
    "networks",
    "countries",
    "champions",
    "objectives",
    "principles",
    "sources",
    "events",
    "observations",
)
LISTS = (*KINDS, "committee")
LEVELS = ("global", "continental", "regional", "country")
LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")
FORMATS = ("json", "csv", "jsonschema", "datapackage", "sqlite")
# Descriptions and examples are written to fit this width (argparse wraps the rest).
_HELP_WIDTH = 79
# A usage error quotes at most this much of argparse's message, which quotes the user's words
# whole ("invalid choice: ...", "unrecognized arguments: ..."): a pasted megabyte is not echoed.
_LONGEST_USAGE_ERROR = 300
# The status a shell gives a program that SIGINT (Ctrl-C) ended: 128 + the signal's number.
_INTERRUPTED = 130
# The lone surrogates that stand for the bytes an ASCII (C) locale could not decode.
_UNDECODED = "[\udc80-\udcff]"

_EXAMPLES = """\
examples:
  un-migration-network show Mozambique          each fact with its source
  un-migration-network show Guatemala           a country: its network, Champion, vote
  un-migration-network show "objective 13"      an objective by its number
  un-migration-network show UNHCR --lang es     names in Spanish, and sources
  un-migration-network search detension         ranked, forgiving of typos
  un-migration-network list networks --level country --region "Western Africa"
  un-migration-network validate                 where the sources disagree
  un-migration-network diff old.json            what changed since a release
  un-migration-network export --format sqlite -o un-migration-network.sqlite
"""
_COMMAND_EXAMPLES = {
    "show": """\
examples:
  un-migration-network show Mozambique
  un-migration-network show "Ivory Coast" --brief
  un-migration-network show "principle c"
  un-migration-network show gcm --lang fr
  un-migration-network show 埃及 --json
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
  un-migration-network list networks --existing-on 2019
  un-migration-network list networks --member ILO
  un-migration-network list countries --region "Western Africa"
  un-migration-network list committee --json
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
  un-migration-network export --format csv countries --excel -o countries.csv
  un-migration-network export --format jsonschema
  un-migration-network export --format datapackage --output data/ --force
  un-migration-network export --format sqlite --output un-migration-network.sqlite
""",
    "diff": """\
examples:
  un-migration-network diff my-edited-copy.json
  un-migration-network diff release-0.2.json release-0.3.json --json
""",
    "cite": """\
examples:
  un-migration-network cite
  un-migration-network cite --bibtex
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
    from un_migration_network._bundle import load  # noqa: PLC0415
    from un_migration_network._version import __version__  # noqa: PLC0415

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
        msg = f"expected a whole number of at least 1, got {quote(text)}"
        raise argparse.ArgumentTypeError(msg)
    return number


def _query(text: str) -> str:
    """An argparse type: a query with at least one letter or digit."""
    text = _words(text)
    if not any(ch.isalnum() for ch in text[:10_000]):
        msg = f"expected a name, code or number to look for, got {quote(text)}"
        raise argparse.ArgumentTypeError(msg)
    return text


def _words(text: str) -> str:
    """An argparse type: words as typed, UTF-8, whatever the locale decoded them as.

    Under a C locale (``LC_ALL=C PYTHONUTF8=0``), Python decodes the arguments as ASCII and
    keeps each other byte as a lone surrogate: those bytes are decoded again, as UTF-8 ("Côte").
    Paths (``validate PATH``, ``--output``) do not pass through here: as they came, they name
    the file the user named.
    """
    if re.search(_UNDECODED, text) is None:
        return text
    try:
        return os.fsencode(text).decode("utf-8", "surrogateescape")
    except UnicodeError:  # other surrogates too: not bytes the locale could not decode
        return text


def _choice(choices: Sequence[str], what: str) -> Callable[[str], str]:
    """An argparse type: one of *choices*, by its name or its singular, with did-you-mean."""
    names = {normalize(choice): choice for choice in choices}
    # The singular: "networks" is "network", "agencies" "agency", "countries" "country".
    names.update(
        {
            normalize(choice[:-3] + "y" if choice.endswith("ies") else choice.removesuffix("s")): (
                choice
            )
            for choice in choices
        }
    )

    def read(text: str) -> str:
        found = names.get(normalize(text[:MAX_QUERY]))
        if found is not None:
            return found
        from difflib import get_close_matches  # noqa: PLC0415 - on a usage error only

        close = get_close_matches(text.lower(), choices, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        msg = f"{quote(text)} is not a {what} ({', '.join(choices)}){hint}"
        raise argparse.ArgumentTypeError(msg)

    return read


# Each command, in the order `--help` lists them, with what it does.
_COMMANDS = {
    "show": (
        "show one record: an agency, a network, a country, an objective, a principle, a "
        "Champion, the Compact ('gcm'), its review forum ('imrf') or the Executive Committee "
        "('ec')"
    ),
    "search": "rank the records that best match QUERY, typos forgiven",
    "list": "list the records of one kind, or the Executive Committee's seats",
    "validate": "check the bundled data, or a JSON document at PATH",
    "export": ("write the data as JSON, CSV, a JSON Schema, a Frictionless Data Package or SQLite"),
    "diff": (
        "list the records added, removed and changed from OLD (default: the bundled data) to "
        "NEW, field by field"
    ),
    "cite": "how to cite this data release",
}


def _parser() -> argparse.ArgumentParser:
    """The program's own parser: its options, and the command with the command's arguments.

    Each command's arguments are parsed by that command's parser alone (`_command`), made
    only when the command runs: building every command's parser would cost more than `show`.
    """
    listing = "\n".join(
        "\n".join(
            textwrap.wrap(text, 79, initial_indent=f"  {name:<10}", subsequent_indent=" " * 12)
        )
        for name, text in _COMMANDS.items()
    )
    parser = _Parser(
        prog=PROG,
        usage=f"{PROG} [-h] [--version] COMMAND [ARGUMENTS ...]",
        description=textwrap.fill(
            "Look up the UN Network on Migration: its global, regional and country networks, "
            "their members and co-chairs, its Executive Committee, the countries of the world "
            "and the Global Compact for Migration (its objectives, guiding principles and "
            "Champion countries), each fact with its source.",
            _HELP_WIDTH,
        )
        + f"\n\ncommands (COMMAND --help for each):\n{listing}",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "command", nargs="?", type=_choice(tuple(_COMMANDS), "command"), help=argparse.SUPPRESS
    )
    return parser


def _command(name: str) -> argparse.ArgumentParser:
    """The parser of one command's arguments."""
    help_text = _COMMANDS[name]
    sub = _Parser(
        prog=f"{PROG} {name}",
        description=textwrap.fill(help_text, _HELP_WIDTH),
        epilog=_COMMAND_EXAMPLES[name],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    if name not in ("export", "cite"):
        sub.add_argument("--json", action="store_true", help="print machine-readable JSON")

    def language() -> None:
        sub.add_argument(
            "--lang",
            choices=LANGUAGES,
            default="en",
            help="show names in this language where a source gives them; "
            "[en] marks English shown where none does (default: en)",
        )

    def wide() -> None:
        sub.add_argument(
            "--wide", action="store_true", help="never cut a cell, even on a narrow terminal"
        )

    if name == "show":
        sub.add_argument("query", metavar="QUERY", type=_query)
        sub.add_argument("--brief", action="store_true", help="leave out the list of sources")
        language()
    elif name == "search":
        sub.add_argument("query", metavar="QUERY", type=_query)
        sub.add_argument(
            "--limit", type=_positive, default=10, help="at most this many (default 10)"
        )
        language()
        wide()
    elif name == "list":
        _list_arguments(sub)
        language()
        wide()
    elif name == "validate":
        sub.add_argument("path", nargs="?", metavar="PATH")
    elif name == "export":
        _export_arguments(sub)
    elif name == "diff":
        sub.add_argument("paths", nargs="+", metavar="PATH", help="[OLD] NEW")
    else:
        sub.add_argument("--bibtex", action="store_true", help="as a BibTeX entry")
    return sub


def _list_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("kind", type=_choice(LISTS, "kind"), metavar="KIND", help=", ".join(LISTS))
    sub.add_argument("--level", choices=LEVELS, help="networks only")
    sub.add_argument(
        "--region",
        type=_words,
        help="networks and countries: an M49 region, sub-region or intermediate region, or a "
        "regional network's region",
    )
    spans = "DATE is a year, a month or a day, and the bound includes it all"
    sub.add_argument(
        "--launched-after", metavar="DATE", help=f"networks launched in or after DATE ({spans})"
    )
    sub.add_argument(
        "--launched-before", metavar="DATE", help="networks launched in or before DATE"
    )
    sub.add_argument(
        "--evidenced-after", metavar="DATE", help="networks first evidenced in or after DATE"
    )
    sub.add_argument(
        "--evidenced-before", metavar="DATE", help="networks first evidenced in or before DATE"
    )
    sub.add_argument(
        "--existing-on",
        metavar="DATE",
        help="networks the sources show existing on DATE (or at some point of it)",
    )
    sub.add_argument(
        "--member",
        type=_words,
        metavar="AGENCY",
        help="networks the agency is a member of (any of its names)",
    )


def _export_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--format",
        choices=FORMATS,
        default="json",
        dest="fmt",
        help="json: the canonical document (default); csv: one row per record of KIND; "
        "jsonschema: the schema of the canonical document; datapackage: a directory of CSV "
        "tables with a datapackage.json (needs --output DIR); sqlite: one SQLite file with a "
        "table per kind, link tables and full-text search (needs --output FILE)",
    )
    sub.add_argument(
        "kind",
        nargs="?",
        type=_choice(KINDS, "kind"),
        metavar="KIND",
        help="for csv: " + ", ".join(KINDS),
    )
    sub.add_argument(
        "--output",
        "-o",
        metavar="PATH",
        help="write to PATH instead of standard output ('-' for standard output)",
    )
    sub.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    sub.add_argument(
        "--excel",
        action="store_true",
        help="csv only: UTF-8 with a byte-order mark, and cells a spreadsheet would run as a "
        "formula (=, +, -, @ first) kept as text",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        # Ctrl-C, anywhere in a command: one line, and the status a shell expects.
        return _fail("interrupted", _INTERRUPTED)


def _main(argv: Sequence[str] | None) -> int:  # noqa: PLR0911 - one status per outcome
    from un_migration_network.exceptions import (  # noqa: PLC0415
        AmbiguousError,
        NotFoundError,
    )

    out = sys.stdout
    # A terminal or pipe that cannot encode a name ("Türkiye") gets an escape, not an error.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        parser = _parser()
        given = list(sys.argv[1:] if argv is None else argv)
        # The program's options and the command, then the command's arguments as given: parsed
        # together, a "--" right after the command would be taken for the program's own.
        at = next((i for i, arg in enumerate(given) if not arg.startswith("-")), len(given))
        top = parser.parse_args(given[: at + 1])
        if top.command is None:
            # No command: what the program does and how to ask it, not just a usage line.
            return _emit(parser.format_help(), out, 2)
        args = _command(top.command).parse_args(given[at + 1 :])
        handler: Callable[[argparse.Namespace], _Result] = _HANDLERS[top.command]
        result = handler(args)
    except _Exit as done:
        if done.to_stdout:
            return _emit(done.text, out, done.status)
        # A command's parser names itself after the program ("un-migration-network search:
        # error: ..."): the line names the program once.
        return _fail(done.text.rstrip("\n").removeprefix(PROG).lstrip(": "), done.status)
    except (NotFoundError, AmbiguousError) as error:
        return _fail(str(error).splitlines()[0] if "\n" not in str(error) else str(error), 1)
    except _UsageError as error:
        return _fail(str(error), 2)
    except _Failure as error:
        return _fail(str(error), 1)
    return _emit(result.text, out, result.status, result.error, is_data=result.is_data)


class _Result:
    """What a command prints, its exit status, and the line it puts on stderr (if any).

    ``is_data``: the text is for programs (JSON, CSV), written as UTF-8 whatever the locale.
    """

    def __init__(
        self, text: str, status: int = 0, error: str | None = None, *, is_data: bool = False
    ) -> None:
        self.text = text
        self.status = status
        self.error = error
        self.is_data = is_data


def _data(text: str, status: int = 0, error: str | None = None) -> _Result:
    """A result for programs to read: JSON or CSV."""
    return _Result(text, status, error, is_data=True)


def _emit(
    text: str, out: TextIO | None, status: int, error: str | None = None, *, is_data: bool = False
) -> int:
    """Write *text* to standard output and flush it; a failed write is one line on stderr."""
    if text:
        if out is None:
            return _fail("cannot write the output: standard output is closed", 1)
        try:
            if is_data:
                _write_data(text, out)
            else:
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


def _write_data(text: str, out: TextIO) -> None:
    """Write *text* as UTF-8: to the buffer under a stream of another encoding (ascii, latin-1)."""
    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None) or "utf-8"
    if buffer is None or codecs.lookup(encoding).name == "utf-8":
        out.write(text)
        out.flush()
        return
    out.flush()  # anything written before goes first
    # A lone surrogate (no UTF-8 file can hold one) becomes its JSON escape, as the stream's
    # own error handler would write it.
    buffer.write(text.encode("utf-8", "backslashreplace"))
    buffer.flush()


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
    from un_migration_network._bundle import load  # noqa: PLC0415

    return load()


def _json(data: object, *, sort_keys: bool = False) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n"


def _width(*, wide: bool) -> int | None:
    """The width a table must fit: COLUMNS if set, else the terminal's; none when piped."""
    if wide:
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    out = sys.stdout
    if out is None or not out.isatty():
        return None
    return shutil.get_terminal_size().columns


def _show(args: argparse.Namespace) -> _Result:
    from un_migration_network._bundle import BUNDLE  # noqa: PLC0415
    from un_migration_network._document import to_data  # noqa: PLC0415
    from un_migration_network._kinds import kind_of  # noqa: PLC0415
    from un_migration_network._query import lookup  # noqa: PLC0415
    from un_migration_network._related import full_page  # noqa: PLC0415
    from un_migration_network._terminal import page_text  # noqa: PLC0415

    # A page is answered from the bundled data's index: only the records it shows are read.
    ds = BUNDLE
    record = lookup(ds, args.query)
    kind = kind_of(type(record))
    name = kind.name if kind is not None else _noun(type(record).__name__)
    if args.json:
        data = {
            "kind": name,
            "record": to_data(record),
            "sources": [to_data(s) for s in _sources_within(record)],
            "as_of": ds.as_of().isoformat(),
        }
        return _data(_json(data))
    page = full_page(ds, record, lang=args.lang)
    text = page_text(page, width=_width(wide=False) or 80, brief=args.brief)
    return _Result(f"{text}\n\nData as of {ds.as_of().isoformat()}.\n")


def _noun(name: str) -> str:
    """A class name as words: "ReviewForum" is "review forum"."""
    return "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()


def _sources_within(record: object) -> list[Any]:
    """The sources of *record* and of the records written whole inside it, each once.

    The Compact's review forum and its editions, the Committee's seats and lists cite sources
    of their own; the records referred to by key (members, countries) are not looked into.
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


def _search(args: argparse.Namespace) -> _Result:
    from un_migration_network._kinds import REGISTERED  # noqa: PLC0415
    from un_migration_network._pages import in_language  # noqa: PLC0415
    from un_migration_network._terminal import table  # noqa: PLC0415
    from un_migration_network.exceptions import NotFoundError  # noqa: PLC0415

    ds = _dataset()
    hits = sorted(
        (
            (match.score, kind, match.key, match.record)
            for kind in REGISTERED
            if kind.is_searchable
            for match in ds.registry(kind).matches(args.query, limit=args.limit)
        ),
        # Equal scores: the kind of the lower rank first (a network before a Champion), as
        # `show` decides; within a kind, the data's order (the sort is stable).
        key=lambda hit: (-hit[0], hit[1].rank),
    )[: args.limit]

    def name(record: object) -> str:
        for field in ("name", "title"):
            if isinstance(getattr(record, field, None), str):
                return in_language(record, field, args.lang)
        return str(record)

    if args.json:
        found = [
            {
                "kind": kind.name,
                "key": kind.key(record),
                "matched": key,
                "name": name(record),
                "score": round(score, 3),
            }
            for score, kind, key, record in hits
        ]
        # No match: the empty list for the program that reads it, the reason for the person.
        return _data(_json(found)) if hits else _data(_json(found), 1, _no_match(args.query))
    if not hits:
        raise NotFoundError(args.query)
    rows = [(kind.name, kind.key(record), key, name(record)) for _, kind, key, record in hits]
    headers = ("kind", "key", "matched", "name")
    text = (2, 3)  # the key that matched and the name: free text
    return _Result(table(headers, rows, width=_width(wide=args.wide), keep=1, text=text) + "\n")


def _no_match(query: str) -> str:
    from un_migration_network.exceptions import NotFoundError  # noqa: PLC0415

    return str(NotFoundError(query))


def _list(args: argparse.Namespace) -> _Result:
    from un_migration_network._document import to_data  # noqa: PLC0415
    from un_migration_network._kinds import kind_named  # noqa: PLC0415

    ds = _dataset()
    filters = _filters(args)
    if args.kind == "committee":
        return _committee(ds, args, filters)
    allowed = {"networks": _NETWORK_FILTERS, "countries": ("--region",)}.get(args.kind, ())
    stray = [f for f in filters if f.split()[0] not in allowed]
    if stray:
        msg = f"{stray[0].split()[0]} does not apply to {args.kind}"
        raise _UsageError(msg)
    kind = kind_named(args.kind)
    records = list(ds.registry(kind))
    if args.kind == "networks":
        records = _filter_networks(records, args, ds)
    elif args.region is not None:
        records = [
            c
            for c in records
            if _in_region(args.region, c.region, c.sub_region, c.intermediate_region)
        ]
    if args.json:
        return _data(_json([to_data(r) for r in records]))
    if not records:
        return _Result(f"no {args.kind} match {' '.join(filters)}\n")
    return _Result(_table_of(kind, records, args.lang, _width(wide=args.wide)) + "\n")


_NETWORK_FILTERS = (
    "--level",
    "--region",
    "--launched-after",
    "--launched-before",
    "--evidenced-after",
    "--evidenced-before",
    "--existing-on",
    "--member",
)


def _committee(ds: Dataset, args: argparse.Namespace, filters: list[str]) -> _Result:
    from un_migration_network._document import to_data  # noqa: PLC0415
    from un_migration_network._pages import cell, in_language, span_text  # noqa: PLC0415
    from un_migration_network._terminal import table  # noqa: PLC0415

    if filters:
        msg = f"{filters[0].split()[0]} does not apply to committee"
        raise _UsageError(msg)
    seats = ds.executive_committee.memberships
    if args.json:
        return _data(_json([to_data(seat) for seat in seats]))
    rows = [
        (
            in_language(seat.agency, "acronym", args.lang),
            span_text(seat.since),
            cell(None) if seat.until is None else span_text(seat.until),
        )
        for seat in seats
    ]
    text = table(("agency", "since", "until"), rows, width=_width(wide=args.wide))
    return _Result(f"{text}\n")


def _table_of(kind: Kind[Any], records: list[Any], lang: str, width: int | None) -> str:
    from un_migration_network._pages import cell  # noqa: PLC0415
    from un_migration_network._terminal import table  # noqa: PLC0415

    headers = [column.header for column in kind.columns]
    rows = [[cell(column.read(record, lang)) for column in kind.columns] for record in records]
    text = [index for index, column in enumerate(kind.columns) if column.is_text]
    return table(headers, rows, width=width, text=text)


def _filters(args: argparse.Namespace) -> list[str]:
    """The filters given, as they were written (for messages)."""
    given = [(flag, getattr(args, flag[2:].replace("-", "_"))) for flag in _NETWORK_FILTERS]
    return [f"{flag} {quote(value)}" for flag, value in given if value is not None]


def _in_region(wanted: str, *places: str | None) -> bool:
    # A text longer than any name names no region, and folding it can take seconds.
    key = normalize(wanted) if len(wanted) <= MAX_QUERY else None
    return key is not None and key in {normalize(place) for place in places if place}


def _filter_networks(records: list[Any], args: argparse.Namespace, ds: Dataset) -> list[Any]:
    from un_migration_network._dates import DateSpan  # noqa: PLC0415
    from un_migration_network.exceptions import NotFoundError  # noqa: PLC0415

    def span(text: str, flag: str) -> DateSpan:
        try:
            return DateSpan.parse(text)
        except ValueError:
            msg = f"{flag} expects a date as YYYY, YYYY-MM or YYYY-MM-DD, got {quote(text)}"
            raise _UsageError(msg) from None

    if args.level is not None:
        records = [n for n in records if n.level.value == args.level]
    if args.region is not None:
        records = [
            n
            for n in records
            if _in_region(
                args.region,
                n.region,
                *(() if n.country is None else (n.country.region, n.country.sub_region)),
                None if n.country is None else n.country.intermediate_region,
            )
        ]
    # A bound written as a year or a month includes all of it: "--launched-after 2021" keeps a
    # network launched in 2021, on any day of it.
    for flag, field, after in (
        ("--launched-after", "launched", True),
        ("--launched-before", "launched", False),
        ("--evidenced-after", "first_evidenced", True),
        ("--evidenced-before", "first_evidenced", False),
    ):
        given = getattr(args, flag[2:].replace("-", "_"))
        if given is None:
            continue
        bound = span(given, flag)
        records = [
            n
            for n in records
            if (date := getattr(n, field)) is not None
            and (date.latest >= bound.earliest if after else date.earliest <= bound.latest)
        ]
    if args.existing_on is not None:
        on = span(args.existing_on, "--existing-on")
        records = [n for n in records if n.exists_on(on)]
    if args.member is not None:
        try:
            member = ds.agencies.lookup(args.member)
        except NotFoundError as error:
            raise _Failure(str(error)) from None
        records = [n for n in records if member in n.members]
    return records


def _validate(args: argparse.Namespace) -> _Result:
    from un_migration_network._documents import load_dataset  # noqa: PLC0415
    from un_migration_network._terminal import wrap  # noqa: PLC0415
    from un_migration_network._validation import validate  # noqa: PLC0415
    from un_migration_network.exceptions import DataError  # noqa: PLC0415

    where = "the bundled data" if args.path is None else quote(args.path)
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
                lines.extend(wrap("    ", p.message))
            text = "\n".join(lines) + "\n"
        return _Result(text, 1, _cannot_load(where, error), is_data=args.json)
    report = validate(ds)
    if args.json:
        text = _json({"as_of": ds.as_of.isoformat(), **report.to_dict()})
    else:
        text = _report_text(report)
    if report.ok:
        return _Result(text, is_data=args.json)
    return _Result(text, 1, f"{where}: {len(report.errors)} errors", is_data=args.json)


def _cannot_load(where: str, error: DataError) -> str:
    """The one line for a document that cannot load: where, its first problem, how many more."""
    first = error.problems[0].message
    more = len(error.problems) - 1
    summary = f"{first} (and {more} more)" if more else first
    return f"{where}: cannot load: {summary}"


def _report_text(report: ValidationReport) -> str:
    from un_migration_network._terminal import wrap  # noqa: PLC0415

    lines: list[str] = []
    for problem in report.problems:
        lines.append(f"{problem.severity.value.upper():<8} {problem.code}  ({problem.subject})")
        lines.extend(wrap("    ", problem.message))
        if problem.sources:
            lines.extend(wrap("    sources: ", ", ".join(s.id for s in problem.sources)))
    lines.append(f"{len(report.errors)} errors, {len(report.warnings)} warnings")
    return "\n".join(lines) + "\n"


def _export(args: argparse.Namespace) -> _Result:
    if args.fmt != "csv" and args.kind is not None:
        msg = f"export --format {args.fmt} takes no KIND (only csv does)"
        raise _UsageError(msg)
    if args.fmt == "csv" and args.kind is None:
        msg = "export --format csv needs a KIND (see export --help)"
        raise _UsageError(msg)
    if args.excel and args.fmt != "csv":
        msg = "--excel applies to --format csv only"
        raise _UsageError(msg)
    if args.fmt in ("datapackage", "sqlite"):
        return _export_files(args)
    if args.fmt == "jsonschema":
        from un_migration_network._schema import json_schema  # noqa: PLC0415

        text = _json(json_schema(), sort_keys=True)
    elif args.fmt == "json":
        text = _dataset().to_json()
    else:
        from un_migration_network._kinds import kind_named  # noqa: PLC0415
        from un_migration_network._tables import to_csv  # noqa: PLC0415

        kind = kind_named(args.kind)
        text = to_csv(_dataset().registry(kind), kind, excel=args.excel)
    if args.output is None or args.output == "-":
        return _data(text)
    output: str = args.output
    _write(output, lambda files: files.write_file(output, text.encode(), force=args.force))
    return _Result("")


def _write(path: str, write: Callable[[Any], object]) -> None:
    """Run *write* with the file module, turning what stops it into one line."""
    from un_migration_network import _files  # noqa: PLC0415

    try:
        write(_files)
    except FileExistsError:
        msg = f"{quote(path)} exists; add --force to overwrite it"
        raise _Failure(msg) from None
    except _files.NotWritableError as error:
        msg = f"{quote(path)} is {error.what}; give another path"
        raise _Failure(msg) from None
    except (OSError, ValueError) as error:
        # A ValueError is a path the system cannot take: a NUL character, an unencodable name.
        named = getattr(error, "filename", None) or path
        reason = (
            (error.strerror or str(error))
            if isinstance(error, OSError)
            else "the path is not valid"
        )
        msg = f"cannot write {quote(str(named))}: {reason}"
        raise _Failure(msg) from None


def _export_files(args: argparse.Namespace) -> _Result:
    if args.output is None or args.output == "-":
        what = "DIR (a directory to write)" if args.fmt == "datapackage" else "FILE"
        msg = f"export --format {args.fmt} needs --output {what}"
        raise _UsageError(msg)
    target = args.output
    ds = _dataset()
    if args.fmt == "datapackage":
        from un_migration_network._datapackage import package_files  # noqa: PLC0415

        files = [(name, text.encode()) for name, text in package_files(ds).items()]
        _write(target, lambda module: module.write_directory(target, files, force=args.force))
        return _Result(f"wrote {len(files)} files to {target}\n")
    from un_migration_network._sqlite import sqlite_bytes  # noqa: PLC0415

    data = sqlite_bytes(ds)
    _write(target, lambda module: module.write_file(target, data, force=args.force))
    return _Result(f"wrote {target}\n")


def _diff(args: argparse.Namespace) -> _Result:
    from un_migration_network._documents import load_dataset  # noqa: PLC0415
    from un_migration_network.exceptions import DataError  # noqa: PLC0415

    if len(args.paths) > 2:  # noqa: PLR2004 - OLD and NEW
        msg = "diff takes one or two paths: [OLD] NEW"
        raise _UsageError(msg)
    datasets = []
    for path in args.paths:
        try:
            datasets.append(load_dataset(path))
        except DataError as error:
            return _Result("", 1, _cannot_load(quote(path), error))
    old, new = datasets if len(datasets) == 2 else (_dataset(), datasets[0])  # noqa: PLR2004
    changes = old.diff(new)
    if args.json:
        return _data(_json(changes.to_dict()))
    return _Result(f"{changes}\n")


def _cite(args: argparse.Namespace) -> _Result:
    return _Result(_dataset().citation(style="bibtex" if args.bibtex else "text") + "\n")


_HANDLERS: dict[str, Callable[[argparse.Namespace], _Result]] = {
    "show": _show,
    "search": _search,
    "list": _list,
    "validate": _validate,
    "export": _export,
    "diff": _diff,
    "cite": _cite,
}
