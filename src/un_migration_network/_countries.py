"""Countries and areas: the UN Statistics Division's M49 standard, the UN's names for them."""

from collections.abc import Iterator

from un_migration_network._fields import field, record
from un_migration_network._kind import Column, Kind, attribute, define
from un_migration_network._normalize import variants, without_article
from un_migration_network._pages import in_language
from un_migration_network._records import Citation, Name, Source, Sourced, citations_field

__all__ = ["COUNTRIES", "Country"]


@record
class Country(Sourced):
    """A country or area of the M49 standard (or Kosovo), with its names in the UN languages.

    Its ``name`` is the M49 English short name; ``names`` hold the M49 and UNTERM names in
    the six UN languages, each with its sources; ``aliases`` the other names the sources
    write ("Ivory Coast", "Swaziland", "DR Congo").

    >>> import un_migration_network as umn
    >>> umn.countries.lookup("Ivory Coast").alpha3
    'CIV'
    >>> umn.countries.lookup("MZ").name_in("ar")
    'موزامبيق'
    """

    alpha2: str = field(
        "ISO 3166-1 alpha-2 code (a user-assigned code where `is_code_user_assigned`): the key "
        "records use to refer to the country.",
        label="ISO alpha-2",
    )
    name: str = field("The M49 English short name.", named=True)
    sources: tuple[Source, ...] = field("What supports the record.", uncited=True, repr=False)
    alpha3: str | None = field("ISO 3166-1 alpha-3 code.", default=None, label="ISO alpha-3")
    m49: int | None = field("The M49 numeric code.", default=None, label="M49", repr=False)
    formal_name: str | None = field(
        "The formal English name in the UN's list of country names (UNTERM), as written.",
        default=None,
        named=True,
        repr=False,
    )
    region: str | None = field("The M49 region.", default=None, repr=False)
    sub_region: str | None = field(
        "The M49 sub-region.", default=None, label="sub-region", repr=False
    )
    intermediate_region: str | None = field(
        "The M49 intermediate region.", default=None, repr=False
    )
    is_member_state: bool = field(
        "Whether it is one of the 193 Member States of the United Nations.",
        default=False,
        label="UN Member State",
        repr=False,
    )
    is_ldc: bool = field(
        "Whether M49 lists it among the Least Developed Countries.",
        default=False,
        label="LDC",
        repr=False,
    )
    is_lldc: bool = field(
        "Whether M49 lists it among the Land Locked Developing Countries.",
        default=False,
        label="LLDC",
        repr=False,
    )
    is_sids: bool = field(
        "Whether M49 lists it among the Small Island Developing States.",
        default=False,
        label="SIDS",
        repr=False,
    )
    is_code_user_assigned: bool = field(
        "Whether `alpha2` is user-assigned (ISO 3166-1 section 8.1.3), not an official code.",
        default=False,
        label="user-assigned code",
        repr=False,
    )
    latitude: float | None = field(
        "The latitude of a representative point (for a map of dots, not a border).",
        default=None,
        repr=False,
    )
    longitude: float | None = field("The longitude of that point.", default=None, repr=False)
    aliases: tuple[str, ...] = field(
        "Other names the sources write.", default=(), label="also known as", repr=False
    )
    names: tuple[Name, ...] = field(
        "Its names in the six UN languages, each with its sources.",
        default=(),
        uncited=True,
        repr=False,
    )
    citations: tuple[Citation, ...] = citations_field()

    def name_in(self, lang: str, /) -> str | None:
        """The short name in *lang* (M49 first, then UNTERM); None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.countries.lookup("TD").name_in("fr")
        'Tchad'
        """
        return self.text_in("name", lang)

    def formal_name_in(self, lang: str, /) -> str | None:
        """The formal name in *lang* (UNTERM), as written; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.countries.lookup("KE").formal_name_in("en")
        'the Republic of Kenya'
        """
        return self.text_in("formal_name", lang)

    def _short(self, lang: str) -> str:
        return self.name_in(lang) or self.name

    def _long(self, _: str) -> str:
        codes = ", ".join(code for code in (self.alpha2, self.alpha3) if code)
        return f"{self.name} ({codes})"

    def __str__(self) -> str:
        return self.name


def _keys(country: Country) -> Iterator[str | int | None]:
    yield from (country.alpha2, country.alpha3, country.m49)
    if country.m49 is not None:
        yield f"{country.m49:03d}"  # M49 codes are written with three digits: "031"
    # A UNTERM name's bracketed article ("Gambia (the)") and a formal name's leading one
    # ("the Republic of Kenya") are folded: "Gambia", "The Gambia", "Republic of Kenya".
    yield from variants(country.name)
    if country.formal_name is not None:
        yield from variants(country.formal_name, formal=True)
    for name in country.names:
        yield from variants(name.text, formal=name.field == "formal_name")
    yield from country.aliases


COUNTRIES: Kind[Country] = define(
    Kind(
        name="country",
        plural="countries",
        type=Country,
        primary="alpha2",
        keys=_keys,
        order=lambda country: country.alpha2,
        columns=(
            Column("ISO2", attribute("alpha2")),
            Column("ISO3", attribute("alpha3")),
            Column("M49", lambda c, _: None if c.m49 is None else f"{c.m49:03d}"),
            Column("name", lambda c, lang: in_language(c, "name", lang), is_text=True),
            Column("region", attribute("region"), is_text=True),
            Column("member", attribute("is_member_state")),
        ),
        subject=lambda country: f"country-{country.alpha2}",
        label="countries and areas",
        # A country's page answers a query only where no network or Champion does.
        rank=2,
        is_required=False,
        is_referenced=True,
        retry=without_article,
    )
)
