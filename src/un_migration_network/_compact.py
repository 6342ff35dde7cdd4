"""The Global Compact's records: objectives, principles, adoption, review forum, Champions."""

import datetime as dt
from collections.abc import Iterable

from un_migration_network._countries import Country
from un_migration_network._dates import DateSpan
from un_migration_network._fields import field, record
from un_migration_network._kind import Column, Kind, attribute, define
from un_migration_network._networks import country_name
from un_migration_network._pages import in_language
from un_migration_network._records import (
    Citation,
    Name,
    Record,
    Source,
    Sourced,
    citations_field,
    names_of,
)

__all__ = [
    "CHAMPIONS",
    "COMPACT",
    "OBJECTIVES",
    "PRINCIPLES",
    "Champion",
    "Compact",
    "GuidingPrinciple",
    "Objective",
    "ReviewForum",
    "ReviewForumEdition",
    "State",
    "Vote",
]


@record
class State(Record):
    """A State as a source names it, with its country.

    >>> import un_migration_network as umn
    >>> state = umn.compact.voted_against[0]
    >>> state.as_written, state.country.alpha3
    ('Czech Republic', 'CZE')
    """

    as_written: str = field('The name as the source writes it ("Czech Republic").')
    country: Country | None = field(
        'The country it names ("Czechia"), with its codes.', default=None
    )

    def _short(self, _: str) -> str:
        return self.as_written

    def _long(self, lang: str) -> str:
        return self.as_written if self.country is None else self.country._long(lang)  # noqa: SLF001

    def __str__(self) -> str:
        return self.as_written


@record
class Champion(Sourced):
    """A GCM Champion country: a Member State that champions the Compact's implementation.

    >>> import un_migration_network as umn
    >>> str(umn.champions.lookup("Bangladesh").since)
    '2020-07'
    """

    id: str = field("Stable key, lowercase (the country's name as a slug).")
    country: Country = field("The country.", repr=False)
    sources: tuple[Source, ...] = field("What supports the record.", uncited=True, repr=False)
    since: DateSpan | None = field(
        "When it became a Champion, where a source dates it.",
        default=None,
        empty="not known",
        repr=False,
    )
    aliases: tuple[str, ...] = field(
        "Other names for it as a Champion, as the sources write them.",
        default=(),
        label="also known as",
        repr=False,
    )
    citations: tuple[Citation, ...] = citations_field()

    def __str__(self) -> str:
        return self.country.name


@record
class Objective(Sourced):
    """One of the GCM's 23 objectives (A/RES/73/195, paragraph 16).

    >>> import un_migration_network as umn
    >>> umn.objectives.lookup("Remittances").number
    20
    """

    number: int = field("1 to 23.")
    title: str = field(
        "The exact title, as listed in paragraph 16 of the Compact.", named=True, repr=False
    )
    short_label: str = field("The Network's short label.", named=True)
    paragraph: int = field("The commitment paragraph (17 to 39).", repr=False)
    sources: tuple[Source, ...] = field("What supports the record.", uncited=True, repr=False)
    title_variants: tuple[str, ...] = field(
        "Other wordings of the title found in official material.",
        default=(),
        label="other wordings",
        repr=False,
    )
    is_paragraph_inferred: bool = field(
        "Whether the paragraph number is inferred, not seen.",
        default=False,
        label="paragraph inferred",
        repr=False,
    )
    round_table: int | None = field(
        "The IMRF round table that covers it (A/RES/73/326).",
        default=None,
        label="IMRF round table",
        repr=False,
    )
    names: tuple[Name, ...] = field(
        "Its title and short label in other languages, each with its sources.",
        default=(),
        uncited=True,
        repr=False,
    )
    citations: tuple[Citation, ...] = citations_field()

    def title_in(self, lang: str, /) -> str | None:
        """The title in *lang* as a source writes it; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.objectives.lookup(1).title_in("zh") is None
        True
        """
        return self.text_in("title", lang)

    def short_label_in(self, lang: str, /) -> str | None:
        """The short label in *lang* as a source writes it; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.objectives.lookup(1).short_label_in("es")
        'Datos'
        """
        return self.text_in("short_label", lang)

    def __str__(self) -> str:
        return f"Objective {self.number}: {self.title}"


@record
class GuidingPrinciple(Sourced):
    """One of the GCM's ten cross-cutting and interdependent guiding principles (paragraph 15).

    >>> import un_migration_network as umn
    >>> umn.principles.lookup("child sensitive").letter
    'h'
    """

    letter: str = field('"a" to "j".')
    name: str = field("Its name.", named=True)
    sources: tuple[Source, ...] = field("What supports the record.", uncited=True, repr=False)
    paragraph: int = field("The paragraph that sets it out.", default=15, repr=False)
    is_letter_inferred: bool = field(
        "Whether the letter is inferred from the order, not seen.",
        default=False,
        label="letter inferred",
        repr=False,
    )
    names: tuple[Name, ...] = field(
        "Its name in other languages, each with its sources.",
        default=(),
        uncited=True,
        repr=False,
    )
    citations: tuple[Citation, ...] = citations_field()

    def name_in(self, lang: str, /) -> str | None:
        """The name in *lang* as a source writes it; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.principles.lookup("a").name_in("fr")
        'Priorité à la dimension humaine'
        """
        return self.text_in("name", lang)

    def __str__(self) -> str:
        return f"Guiding principle ({self.letter}): {self.name}"


@record
class Vote(Record):
    """A recorded vote of the General Assembly.

    >>> import un_migration_network as umn
    >>> umn.compact.vote.against
    5
    """

    in_favour: int = field("Votes in favour.")
    against: int = field("Votes against.")
    abstentions: int = field("Abstentions.")
    non_voting: int | None = field(
        "Members present or absent that did not vote, if recorded.",
        default=None,
        label="not voting",
    )


@record
class ReviewForumEdition(Sourced):
    """One International Migration Review Forum.

    >>> import un_migration_network as umn
    >>> umn.compact.review_forum.editions[0].progress_declaration_endorsed
    datetime.date(2022, 6, 7)
    """

    year: int = field("The year it meets.")
    sources: tuple[Source, ...] = field("What supports the record.", uncited=True, repr=False)
    dates: DateSpan | None = field(
        "The days it met or is to meet, if known.", default=None, scheduled=True
    )
    place: str | None = field("Where it met.", default=None, repr=False)
    progress_declaration_endorsed: dt.date | None = field(
        "When the General Assembly endorsed its Progress Declaration.",
        default=None,
        label="Progress Declaration endorsed",
        repr=False,
    )
    outcome_resolution: str | None = field(
        "The General Assembly resolution that adopted its outcome (A/RES/76/266).",
        default=None,
        label="outcome",
        repr=False,
    )
    citations: tuple[Citation, ...] = citations_field()


@record
class ReviewForum(Sourced):
    """The International Migration Review Forum (GCM paragraph 49).

    >>> import un_migration_network as umn
    >>> umn.compact.review_forum.acronym, umn.compact.review_forum.cadence_years
    ('IMRF', 4)
    """

    name: str = field("Its name.", named=True)
    acronym: str = field("IMRF.", named=True)
    first_year: int = field("The year of the first forum.", label="first year", repr=False)
    cadence_years: int = field("Years between forums.", label="every (years)", repr=False)
    modalities_resolution: str = field(
        "The resolution that set its format.", label="modalities", repr=False
    )
    editions: tuple[ReviewForumEdition, ...] = field("The forums held or scheduled.", repr=False)
    sources: tuple[Source, ...] = field("What supports the record.", uncited=True, repr=False)
    names: tuple[Name, ...] = field(
        "Its name in other languages, each with its sources.",
        default=(),
        uncited=True,
        repr=False,
    )
    citations: tuple[Citation, ...] = citations_field()

    def name_in(self, lang: str, /) -> str | None:
        """The name in *lang* as a source writes it; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.compact.review_forum.name_in("fr")
        "Forum d'examen des migrations internationales"
        """
        return self.text_in("name", lang)

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})"


@record
class Compact(Sourced):
    """The Global Compact for Safe, Orderly and Regular Migration's own facts.

    >>> import un_migration_network as umn
    >>> umn.compact.adopted_at, str(umn.compact.adopted)
    ('Marrakech, Morocco', '2018-12-10')
    """

    name: str = field("The full title.", named=True, repr=False)
    acronym: str = field("GCM.", named=True)
    adopted: dt.date = field("The day the intergovernmental conference adopted it.", repr=False)
    adopted_at: str = field("Where it was adopted.", label="adopted at", repr=False)
    endorsed: dt.date = field("The day the General Assembly endorsed it.", repr=False)
    resolution: str = field("The endorsing resolution's symbol.")
    vote: Vote = field("The recorded vote on the resolution.", repr=False)
    review_forum: ReviewForum = field(
        "The International Migration Review Forum.", label="review forum", repr=False
    )
    sources: tuple[Source, ...] = field("What supports the record.", uncited=True, repr=False)
    voted_against: tuple[State, ...] = field(
        "The States that voted against, as the sources write them, each with its country.",
        default=(),
        label="voted against",
        repr=False,
    )
    abstained: tuple[State, ...] = field(
        "The States that abstained, as the sources write them, each with its country.",
        default=(),
        repr=False,
    )
    names: tuple[Name, ...] = field(
        "Its name in other languages, each with its sources.",
        default=(),
        uncited=True,
        repr=False,
    )
    citations: tuple[Citation, ...] = citations_field()

    def name_in(self, lang: str, /) -> str | None:
        """The name in *lang* as a source writes it; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.compact.name_in("fr")
        'Pacte mondial pour des migrations sûres, ordonnées et régulières'
        """
        return self.text_in("name", lang)

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})"


def _objective_keys(objective: Objective) -> Iterable[str | int]:
    yield from (objective.number, objective.short_label, objective.title)
    yield from objective.title_variants
    yield from names_of(objective)


def _localized(header: str, field: str) -> Column:
    return Column(header, lambda record, lang: in_language(record, field, lang), is_text=True)


CHAMPIONS: Kind[Champion] = define(
    Kind(
        name="champion",
        plural="champions",
        type=Champion,
        primary="id",
        keys=lambda champion: (country_name(champion), *champion.aliases, champion.id),
        order=lambda champion: champion.id,
        columns=(
            Column("id", attribute("id")),
            Column("country", lambda c, lang: in_language(c.country, "name", lang), is_text=True),
            Column("ISO3", lambda c, _: c.country.alpha3),
            Column("since", attribute("since")),
        ),
        subject=lambda champion: f"champion-{champion.id}",
        label="Champion countries",
        rank=1,
        is_required=False,
    )
)
OBJECTIVES: Kind[Objective] = define(
    Kind(
        name="objective",
        plural="objectives",
        type=Objective,
        primary="number",
        keys=_objective_keys,
        order=lambda objective: objective.number,
        columns=(
            Column("no", attribute("number")),
            _localized("label", "short_label"),
            _localized("title", "title"),
        ),
        subject=lambda objective: f"objective-{objective.number}",
        label="objectives",
    )
)
PRINCIPLES: Kind[GuidingPrinciple] = define(
    Kind(
        name="guiding principle",
        plural="principles",
        type=GuidingPrinciple,
        primary="letter",
        keys=lambda principle: (principle.letter, principle.name, *names_of(principle)),
        order=lambda principle: principle.letter,
        columns=(Column("letter", attribute("letter")), _localized("name", "name")),
        subject=lambda principle: f"principle-{principle.letter}",
        label="guiding principles",
    )
)
COMPACT: Kind[Compact] = define(
    Kind(
        name="compact",
        plural="compact",
        type=Compact,
        primary="acronym",
        keys=lambda compact: (compact.acronym, compact.name, *names_of(compact)),
        order=lambda _: 0,
        columns=(),
        subject=lambda _: "gcm",
        label="Compact",
        is_searchable=False,
        is_singleton=True,
    )
)
