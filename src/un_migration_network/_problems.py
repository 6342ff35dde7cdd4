"""Every problem code: what `load_dataset` refuses and what `validate` reports, with its rule."""

from __future__ import annotations

import enum
from typing import Self

__all__ = ["Code", "Severity"]


class Severity(enum.Enum):
    """How serious a problem is."""

    #: The data is broken; a document with such a problem does not load, or fails `validate`.
    ERROR = "error"
    #: Sources disagree, or the data knows that a list is incomplete.
    WARNING = "warning"


_LOAD = "load"
_VALIDATE = "validate"


class Code(enum.StrEnum):
    """A stable name for each kind of problem, with its severity and the rule it enforces.

    A code is a string (``Code.BAD_DATE == "bad-date"``), so it can be compared, stored and
    printed as one. `stages` says where it is reported: ``"load"`` in a `DataError` raised by
    `load_dataset`, ``"validate"`` in the report of `validate`, or both.

    >>> Code("declared-count-mismatch").severity
    <Severity.WARNING: 'warning'>
    >>> Code.BAD_DATE.stages
    frozenset({'load'})
    """

    severity: Severity
    stages: frozenset[str]

    def __new__(cls, value: str, severity: Severity, stages: str, doc: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.severity = severity
        member.stages = frozenset(stages.split())
        member.__doc__ = doc
        return member

    # --- Refused by the loader: the document cannot become a dataset. --------------------------
    UNREADABLE = (
        "unreadable",
        Severity.ERROR,
        _LOAD,
        (
            "The file cannot be read (it does not exist, permission is denied, or the path is "
            "not valid)."
        ),
    )
    NOT_A_FILE = (
        "not-a-file",
        Severity.ERROR,
        _LOAD,
        (
            "The path is not a regular file (a directory, a device such as `/dev/zero`, a FIFO "
            "or a socket): such a path may never end or never answer."
        ),
    )
    TOO_LARGE = (
        "too-large",
        Severity.ERROR,
        _LOAD,
        (
            "The file is larger than 64 MiB, far above any real document (the bundled one is "
            "well under 1 MiB)."
        ),
    )
    NOT_UTF8 = ("not-utf8", Severity.ERROR, _LOAD, "The file is not UTF-8 text.")
    NOT_JSON = (
        "not-json",
        Severity.ERROR,
        _LOAD,
        "The text is not valid JSON, repeats a key within one object, or uses `NaN` or `Infinity`.",
    )
    TOO_DEEP = ("too-deep", Severity.ERROR, _LOAD, "The JSON is nested too deeply to read.")
    NOT_OBJECT = ("not-object", Severity.ERROR, _LOAD, "The top level is not a JSON object.")
    UNKNOWN_KEY = (
        "unknown-key",
        Severity.ERROR,
        _LOAD,
        (
            "An object has a key the format does not define (a `citations` entry for a field the "
            "record does not have included)."
        ),
    )
    MISSING_KEY = ("missing-key", Severity.ERROR, _LOAD, "A required key is missing.")
    WRONG_TYPE = (
        "wrong-type",
        Severity.ERROR,
        _LOAD,
        (
            "A value has the wrong JSON type (a number for a string, an object for an array), or "
            "`load_dataset` was given neither a path nor a mapping."
        ),
    )
    BAD_DATE = (
        "bad-date",
        Severity.ERROR,
        _LOAD,
        "A date is not `YYYY-MM-DD` (or, for a span, `YYYY` or `YYYY-MM`), or names no real day.",
    )
    BAD_VALUE = (
        "bad-value",
        Severity.ERROR,
        _LOAD,
        (
            "A value is not one of the allowed values of a closed list (a network level, an agency "
            "kind, a language code), or an integer is beyond 64 bits."
        ),
    )
    BAD_TEXT = (
        "bad-text",
        Severity.ERROR,
        _LOAD,
        (
            "A text is empty or blank, or holds a control character (a name is one line of "
            "printable text) or a lone surrogate (which no UTF-8 file can hold)."
        ),
    )
    WRONG_KIND = (
        "wrong-kind",
        Severity.ERROR,
        _LOAD,
        (
            "An id names a record of another kind than the one the field takes (an agency's id "
            "among a record's sources, a source's id among a network's members)."
        ),
    )
    DANGLING_REFERENCE = (
        "dangling-reference",
        Severity.ERROR,
        f"{_LOAD} {_VALIDATE}",
        (
            "An id names no record of the document: a source or agency that a record cites, or "
            "the network, agency or `gcm` that an event or figure is about."
        ),
    )
    DUPLICATE_ID = (
        "duplicate-id",
        Severity.ERROR,
        _LOAD,
        "Two records of one kind share an id.",
    )
    DUPLICATE_KEY = (
        "duplicate-key",
        Severity.ERROR,
        _LOAD,
        (
            "Two records of one kind share a lookup key once case, accents and punctuation are "
            "folded, in any language (a name that would find two records): one key names one "
            "record."
        ),
    )
    REVERSED_SPAN = (
        "reversed-span",
        Severity.ERROR,
        _LOAD,
        "A date span ends before it begins (a `DateSpan` refuses to be built so).",
    )
    INVALID_VALUE = ("invalid-value", Severity.ERROR, _LOAD, "Any other value that does not fit.")

    # --- Errors of validate(): the document loads, but the data is broken. ---------------------
    SOURCE_WITHOUT_URL = (
        "source-without-url",
        Severity.ERROR,
        _VALIDATE,
        (
            "A source's address is not a web address (`https://` or `http://` and a host): every "
            "source has a URL."
        ),
    )
    MISSING_SOURCE = (
        "missing-source",
        Severity.ERROR,
        _VALIDATE,
        "A record cites no source: every record names at least one.",
    )
    CITATION_NOT_LISTED = (
        "citation-not-listed",
        Severity.ERROR,
        _VALIDATE,
        (
            "A field, or a name in another language, cites a source that is not among the "
            "record's `sources`: `cite(field)` only returns sources of the record."
        ),
    )
    DUPLICATE_ENTRY = (
        "duplicate-entry",
        Severity.ERROR,
        _VALIDATE,
        (
            "A list of a record names one thing twice: a member, a co-chair, an alias, a "
            "source, a name in a language."
        ),
    )
    COUNTRY_MISMATCH = (
        "country-mismatch",
        Severity.ERROR,
        _VALIDATE,
        (
            "A country's codes differ from the M49 record of the same alpha-2 code in the "
            "bundled data, or a State's name as written is no name of the country it is given "
            '("Czech Republic" is a name of Czechia, not of Slovakia).'
        ),
    )
    BEFORE_IT_EXISTED = (
        "before-it-existed",
        Severity.ERROR,
        _VALIDATE,
        (
            "A dated fact lies before what it depends on existed: a GCM Champion before the "
            "Compact's adoption (10 December 2018, A/RES/73/195)."
        ),
    )
    EVIDENCE_AFTER_EVENT = (
        "evidence-after-event",
        Severity.ERROR,
        _VALIDATE,
        (
            "A network's `first_evidenced` is later than an event of the network (a meeting, a "
            "review, a launch): the event shows it existing earlier."
        ),
    )
    MISSING_COUNTRY = (
        "missing-country",
        Severity.ERROR,
        _VALIDATE,
        "A country network names no country, or another network names one.",
    )
    BAD_COUNTRY_CODE = (
        "bad-country-code",
        Severity.ERROR,
        _VALIDATE,
        (
            "An alpha-2 code is not two capital letters, an alpha-3 code not three, an M49 code "
            "not 1 to 999, or a code's user-assigned flag is wrong (ISO 3166-1 section 8.1.3 "
            "leaves `AA`, `QM` to `QZ`, `XA` to `XZ` and `ZZ` to users)."
        ),
    )
    OBJECTIVE_NUMBERING = (
        "objective-numbering",
        Severity.ERROR,
        _VALIDATE,
        "The objectives are not numbered 1 to 23, once each (A/RES/73/195, paragraph 16).",
    )
    OBJECTIVE_PARAGRAPH = (
        "objective-paragraph",
        Severity.ERROR,
        _VALIDATE,
        (
            "Objective *n* is not in paragraph *n* + 16 (A/RES/73/195 sets out objectives 1 to 23 "
            "in paragraphs 17 to 39)."
        ),
    )
    BAD_ROUND_TABLE = (
        "bad-round-table",
        Severity.ERROR,
        _VALIDATE,
        "An objective's IMRF round table is not 1 to 4 (A/RES/73/326, paragraph 9).",
    )
    PRINCIPLE_LETTERING = (
        "principle-lettering",
        Severity.ERROR,
        _VALIDATE,
        "The guiding principles are not lettered a to j, once each (A/RES/73/195, paragraph 15).",
    )
    AFTER_AS_OF = (
        "after-as-of",
        Severity.ERROR,
        _VALIDATE,
        (
            "A launch, an event, a seat, a figure or a date a network was first evidenced begins "
            "after the data's as-of date: the data cannot know it yet (a forum's scheduled "
            "dates are the one exception)."
        ),
    )
    LAUNCH_BEFORE_DECISION = (
        "launch-before-decision",
        Severity.ERROR,
        _VALIDATE,
        "A network was launched before the global Network was decided (23 May 2018).",
    )
    EVIDENCE_AFTER_LAUNCH = (
        "evidence-after-launch",
        Severity.ERROR,
        _VALIDATE,
        (
            "A network's `first_evidenced` is later than its launch, or missing although the "
            "launch is known: a launch shows the network existing."
        ),
    )
    COMMITTEE_NOT_MEMBER = (
        "committee-not-member",
        Severity.ERROR,
        _VALIDATE,
        "An Executive Committee member is not listed as a member of the global Network.",
    )
    SEAT_ENDS_BEFORE_START = (
        "seat-ends-before-start",
        Severity.ERROR,
        _VALIDATE,
        "An Executive Committee seat ends before it begins.",
    )
    DUPLICATE_SEAT = (
        "duplicate-seat",
        Severity.ERROR,
        _VALIDATE,
        "One entity holds two Executive Committee seats at the same time.",
    )
    GLOBAL_NETWORK_COUNT = (
        "global-network-count",
        Severity.ERROR,
        _VALIDATE,
        "The data does not hold exactly one global network.",
    )
    NEGATIVE_COUNT = (
        "negative-count",
        Severity.ERROR,
        _VALIDATE,
        (
            "A number that counts or codes something is below what it can be: a vote, a declared "
            "member count, a reported figure or a year below 0, a paragraph or a review cadence "
            "below 1."
        ),
    )
    FUTURE_OBSERVATION = (
        "future-observation",
        Severity.ERROR,
        _VALIDATE,
        "A figure is dated after the data's as-of date.",
    )

    # --- Warnings of validate(): sources disagree, or a list is incomplete. --------------------
    CONFLATED_FIGURE = (
        "conflated-figure",
        Severity.WARNING,
        _VALIDATE,
        (
            "A count of States adopting the Compact is in fact the General Assembly's vote in "
            "favour of the endorsing resolution."
        ),
    )
    CONFLICTING_FIGURES = (
        "conflicting-figures",
        Severity.WARNING,
        _VALIDATE,
        "Sources give different figures for the same thing on the same date.",
    )
    COUNT_MISMATCH = (
        "count-mismatch",
        Severity.WARNING,
        _VALIDATE,
        "A reported number of regional networks differs from the number the data names.",
    )
    COVERAGE_GAP = (
        "coverage-gap",
        Severity.WARNING,
        _VALIDATE,
        (
            "The data lists fewer networks than the latest count the sources give, for the "
            'world or for an M49 region (for "more than 70", 70 or fewer).'
        ),
    )
    CONFLICTING_NAMES = (
        "conflicting-names",
        Severity.WARNING,
        _VALIDATE,
        (
            "Two sources write one standard's name of a country differently (the M49 English "
            'name of CIV is "Côte d\u2019Ivoire" in OCHA\'s table and "Ivory Coast" in another): '
            "both are kept, each with its source."
        ),
    )
    DECLARED_COUNT_MISMATCH = (
        "declared-count-mismatch",
        Severity.WARNING,
        _VALIDATE,
        (
            "A network's declared member count differs from its listed members, although the list "
            "is complete or longer."
        ),
    )
    INCOMPLETE_LIST = (
        "incomplete-list",
        Severity.WARNING,
        _VALIDATE,
        (
            "A network lists fewer members than are declared: the list holds only the evidenced "
            "members."
        ),
    )
    TITLE_VARIANT = (
        "title-variant",
        Severity.WARNING,
        _VALIDATE,
        "Official texts word an objective's title in two ways.",
    )
    COMMITTEE_SNAPSHOT = (
        "committee-snapshot",
        Severity.WARNING,
        _VALIDATE,
        (
            "A dated member list from a source disagrees with the seats the data shows held on "
            "that date."
        ),
    )
    CONFLICTING_DATES = (
        "conflicting-dates",
        Severity.WARNING,
        _VALIDATE,
        "Two sources give non-overlapping dates for one event.",
    )
