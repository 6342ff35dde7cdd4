"""The Global Compact's records: objectives, principles, adoption, review forum, Champions."""

import datetime as dt

import attrs

from un_migration_network._models import (
    Citation,
    Country,
    DateSpan,
    Name,
    Source,
    _Record,
    _Sourced,
)

__all__ = [
    "Champion",
    "Compact",
    "GuidingPrinciple",
    "Objective",
    "ReviewForum",
    "ReviewForumEdition",
    "State",
    "Vote",
]


@attrs.frozen
class State(_Record):
    """A State as a source names it, with its country where the M49 table names it.

    Attributes:
        as_written: The name as the source writes it ("Czech Republic").
        country: The country it names, with its M49 and ISO codes ("Czechia").

    >>> import un_migration_network as umn
    >>> state = umn.compact.voted_against[0]
    >>> state.as_written, state.country.alpha3
    ('Czech Republic', 'CZE')
    """

    as_written: str
    country: Country | None = None

    def __str__(self) -> str:
        return self.as_written


@attrs.frozen
class Champion(_Sourced):
    """A GCM Champion country: a Member State that champions the Compact's implementation.

    Attributes:
        id: Stable key, lowercase (the country's name as a slug).
        country: The country, with its M49 codes.
        sources: What supports the record.
        since: When it became a Champion, where a source dates it.
        aliases: The country's name as sources write it, where that differs from M49's.
        citations: The sources of each field.

    >>> import un_migration_network as umn
    >>> str(umn.champions.lookup("Bangladesh").since)
    '2020-07'
    """

    id: str
    country: Country
    sources: tuple[Source, ...]
    since: DateSpan | None = None
    aliases: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()

    def __str__(self) -> str:
        return self.country.name

    def __repr__(self) -> str:
        return f"Champion(id={self.id!r})"


@attrs.frozen
class Objective(_Sourced):
    """One of the GCM's 23 objectives.

    Attributes:
        number: 1 to 23.
        title: The exact title, as listed in paragraph 16 of the Compact.
        short_label: The Network's short label.
        paragraph: The commitment paragraph (17 to 39).
        sources: What supports the record.
        title_variants: Other wordings of the title found in official material.
        is_paragraph_inferred: Whether the paragraph number is inferred, not seen.
        round_table: The IMRF round table that covers it (A/RES/73/326).
        names: Its title and short label in other languages, each with its sources.
        citations: The sources of each field.

    >>> import un_migration_network as umn
    >>> umn.objectives.lookup("Remittances").number
    20
    """

    number: int
    title: str
    short_label: str
    paragraph: int
    sources: tuple[Source, ...]
    title_variants: tuple[str, ...] = ()
    is_paragraph_inferred: bool = False
    round_table: int | None = None
    names: tuple[Name, ...] = ()
    citations: tuple[Citation, ...] = ()

    def title_in(self, lang: str, /) -> str | None:
        """The title in *lang* as a source writes it; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.objectives.lookup(1).title_in("zh") is None
        True
        """
        return self._in("title", lang)

    def short_label_in(self, lang: str, /) -> str | None:
        """The short label in *lang* as a source writes it; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.objectives.lookup(1).short_label_in("es")
        'Datos'
        """
        return self._in("short_label", lang)

    def __str__(self) -> str:
        return f"Objective {self.number}: {self.title}"

    def __repr__(self) -> str:
        return f"Objective(number={self.number!r}, short_label={self.short_label!r})"


@attrs.frozen
class GuidingPrinciple(_Sourced):
    """One of the GCM's ten cross-cutting and interdependent guiding principles (paragraph 15).

    Attributes:
        letter: "a" to "j".
        name: Its name.
        sources: What supports the record.
        paragraph: The paragraph that sets it out.
        is_letter_inferred: Whether the letter is inferred from the order, not seen.
        names: Its name in other languages, each with its sources.
        citations: The sources of each field.

    >>> import un_migration_network as umn
    >>> umn.principles.lookup("child sensitive").letter
    'h'
    """

    letter: str
    name: str
    sources: tuple[Source, ...]
    paragraph: int = 15
    is_letter_inferred: bool = False
    names: tuple[Name, ...] = ()
    citations: tuple[Citation, ...] = ()

    def name_in(self, lang: str, /) -> str | None:
        """The name in *lang* as a source writes it; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.principles.lookup("a").name_in("fr")
        'Priorité à la dimension humaine'
        """
        return self._in("name", lang)

    def __str__(self) -> str:
        return f"({self.letter}) {self.name}"

    def __repr__(self) -> str:
        return f"GuidingPrinciple(letter={self.letter!r}, name={self.name!r})"


@attrs.frozen
class Vote(_Record):
    """A recorded vote of the General Assembly.

    Attributes:
        in_favour: Votes in favour.
        against: Votes against.
        abstentions: Abstentions.
        non_voting: Members present or absent that did not vote, if recorded.

    >>> import un_migration_network as umn
    >>> umn.compact.vote.against
    5
    """

    in_favour: int
    against: int
    abstentions: int
    non_voting: int | None = None


@attrs.frozen
class ReviewForumEdition(_Sourced):
    """One International Migration Review Forum.

    Attributes:
        year: The year it meets.
        sources: What supports the record.
        dates: The days it met, if known.
        place: Where it met.
        progress_declaration_endorsed: When the General Assembly endorsed its Progress Declaration.
        citations: The sources of each field.

    >>> import un_migration_network as umn
    >>> umn.compact.review_forum.editions[0].progress_declaration_endorsed
    datetime.date(2022, 6, 7)
    """

    year: int
    sources: tuple[Source, ...]
    dates: DateSpan | None = None
    place: str | None = None
    progress_declaration_endorsed: dt.date | None = None
    citations: tuple[Citation, ...] = ()


@attrs.frozen
class ReviewForum(_Sourced):
    """The International Migration Review Forum (GCM paragraph 49).

    Attributes:
        name: Its name.
        acronym: IMRF.
        first_year: The year of the first forum.
        cadence_years: Years between forums.
        modalities_resolution: The resolution that set its format.
        editions: The forums held or scheduled.
        sources: What supports the record.
        names: Its name in other languages, each with its sources.
        citations: The sources of each field.

    >>> import un_migration_network as umn
    >>> umn.compact.review_forum.acronym, umn.compact.review_forum.cadence_years
    ('IMRF', 4)
    """

    name: str
    acronym: str
    first_year: int
    cadence_years: int
    modalities_resolution: str
    editions: tuple[ReviewForumEdition, ...]
    sources: tuple[Source, ...]
    names: tuple[Name, ...] = ()
    citations: tuple[Citation, ...] = ()

    def name_in(self, lang: str, /) -> str | None:
        """The name in *lang* as a source writes it; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.compact.review_forum.name_in("fr")
        "Forum d'examen des migrations internationales"
        """
        return self._in("name", lang)


@attrs.frozen
class Compact(_Sourced):
    """The Global Compact for Safe, Orderly and Regular Migration's own facts.

    Attributes:
        name: The full title.
        acronym: GCM.
        adopted: The day the intergovernmental conference adopted it.
        adopted_at: Where it was adopted.
        endorsed: The day the General Assembly endorsed it.
        resolution: The endorsing resolution's symbol.
        vote: The recorded vote on the resolution.
        review_forum: The International Migration Review Forum.
        sources: What supports the record.
        voted_against: The States that voted against, as the sources write them, each with
            its country.
        abstained: The States that abstained, as the sources write them, each with its
            country.
        names: Its name in other languages, each with its sources.
        citations: The sources of each field.

    >>> import un_migration_network as umn
    >>> umn.compact.adopted_at, str(umn.compact.adopted)
    ('Marrakech, Morocco', '2018-12-10')
    """

    name: str
    acronym: str
    adopted: dt.date
    adopted_at: str
    endorsed: dt.date
    resolution: str
    vote: Vote
    review_forum: ReviewForum
    sources: tuple[Source, ...]
    voted_against: tuple[State, ...] = ()
    abstained: tuple[State, ...] = ()
    names: tuple[Name, ...] = ()
    citations: tuple[Citation, ...] = ()

    def name_in(self, lang: str, /) -> str | None:
        """The name in *lang* as a source writes it; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.compact.name_in("fr")
        'Pacte mondial pour des migrations sûres, ordonnées et régulières'
        """
        return self._in("name", lang)

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})"

    def __repr__(self) -> str:
        return f"Compact(acronym={self.acronym!r}, resolution={self.resolution!r})"
