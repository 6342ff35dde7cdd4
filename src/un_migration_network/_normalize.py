"""How free text becomes a lookup key, and how close two keys are."""

from __future__ import annotations

import itertools
import re
import unicodedata

__all__ = ["MAX_QUERY", "bigrams", "dice", "normalize", "variants", "words"]

#: Queries longer than this find nothing at once: no record has a key of even a tenth of it,
#: and folding a megabyte of compatibility characters (U+FDFA expands eighteenfold) takes
#: seconds.
MAX_QUERY = 1_000

# Two markers (private-use characters, removed from the text first) that survive the folding
# below and then become "_" and "-" in the key.
_GAP = "\ue000"
_MINUS = "\ue001"
# Everything in ASCII that is not a letter or a digit disappears from a key, so that
# "UN-HABITAT", "UN Habitat" and "unhabitat" meet; the two markers stay, as "_" and "-".
_MARKERS = {ord(_GAP): "_", ord(_MINUS): "-"}
_ASCII_TABLE = dict.fromkeys(c for c in range(128) if not chr(c).isalnum()) | _MARKERS
# Patterns are compiled on first use (`re` keeps them): a key of letters and digits, the
# common case, needs none.
_DIGIT = r"\d"
# Beyond ASCII, what is not a letter or a digit (\w but "_") disappears, but the markers.
_NOT_KEPT = rf"[^\w{_GAP}{_MINUS}]|_"
# Punctuation between two digits is kept as a gap, so "1.3" is not objective 13 and
# "73/195" not "73195"; a minus sign that opens the text before a digit is kept, so "-508" is
# not the M49 code 508. Hyphens between letters and digits ("COVID-19") still fold away.
_BETWEEN_DIGITS = r"(?<=\d)[\W_]+(?=\d)"
_NEGATIVE = r"^[\W_]*?[-\u2212](?=\d)"


def _mark_numbers(folded: str) -> str:
    if re.search(_DIGIT, folded) is None:
        return folded
    return re.sub(_NEGATIVE, _MINUS, re.sub(_BETWEEN_DIGITS, _GAP, folded))


def normalize(text: str) -> str:
    """Fold *text* to its lookup key: case-folded, accents stripped, only letters and digits.

    Punctuation between two digits stays as ``_`` and a leading minus sign as ``-``, so that
    numbers keep their meaning.

    >>> normalize("UN-Habitat")
    'unhabitat'
    >>> normalize("Türkiye")
    'turkiye'
    >>> normalize("1.3"), normalize("-508")
    ('1_3', '-508')
    """
    folded = text.casefold()
    if folded.isascii() and folded.isalnum():
        return folded  # nothing to mark or drop: most keys ("mozambique", "MZ", "508")
    if folded.isascii():
        return _mark_numbers(folded).translate(_ASCII_TABLE)
    # Compatibility forms (U+210C, U+3392) decompose into letters that fold again, so repeat
    # until nothing changes: normalizing a key gives the key back.
    previous = None
    while folded != previous:
        previous = folded
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(itertools.filterfalse(unicodedata.combining, decomposed)).casefold()
    marked = _mark_numbers(folded.replace(_GAP, " ").replace(_MINUS, " "))
    return re.sub(_NOT_KEPT, "", marked).translate(_MARKERS)


# UNTERM writes a name's article, or the words before it, in brackets after it: "Gambia (the)",
# "Tchéquie (la)", "Netherlands (Kingdom of the)", "Iran (République islamique d')". Such a
# bracket ends in an article or a preposition, in English, French or Spanish.
_BRACKET = (
    r"(?i)^(?P<base>.+?)\s*\((?P<head>[^()]*?\b(?:the|of|le|la|les|de|du|des|el|los|las|del)"
    r"|[^()]*?\b[ld][\'\u2019])\)$"
)
_ARTICLE = r"(?i)^(?:the|le|la|les|el|los|las|l[\'\u2019])\s*$"
# A formal name opens with its article: "the Republic of Kenya", "la République du Kenya".
_LEADING = r"(?i)^(?:the|le|la|les|el|los|las)\s+|^l[\'\u2019](?=\w)"


def without_article(text: str, /) -> tuple[str, ...]:
    """*text* without an article that opens it, if one does: "the Japan" is "Japan".

    People write "the" before many names that have none; a lookup that finds nothing tries
    the name without it.

    >>> without_article("THE Angola"), without_article("Angola")
    (('Angola',), ())
    """
    stripped = re.sub(_LEADING, "", text.strip(" \t\"'"), count=1)
    return (stripped,) if stripped != text.strip(" \t\"'") and stripped else ()


def variants(text: str, /, *, formal: bool = False) -> tuple[str, ...]:
    """*text* and the forms people write it in, its article or bracket folded.

    A bracket that holds an article, or the words a name opens with, moves before the name
    ("Gambia (the)" is also "the Gambia"); a bracket that holds only an article may also go
    ("Gambia"). A *formal* name is also written without its leading article.

    >>> variants("Gambia (the)")
    ('Gambia (the)', 'the Gambia', 'Gambia')
    >>> variants("Netherlands (Kingdom of the)")
    ('Netherlands (Kingdom of the)', 'Kingdom of the Netherlands')
    >>> variants("the Republic of Kenya", formal=True)
    ('the Republic of Kenya', 'Republic of Kenya')
    """
    found = [text]
    match = re.match(_BRACKET, text)
    if match is not None:
        head, base = match["head"], match["base"]
        joiner = "" if head[-1] in "'\u2019" else " "
        found.append(f"{head}{joiner}{base}")
        if re.match(_ARTICLE, head):
            found.append(base)
    if formal:
        stripped = re.sub(_LEADING, "", text, count=1)
        if stripped != text and stripped:
            found.append(stripped)
    return tuple(dict.fromkeys(found))


_WORD = r"\w+"
# Words shorter than this ("of", "the", "UN") say too little to find a record by.
_SHORTEST_WORD = 3


def words(text: str, /) -> tuple[str, ...]:
    """The words of *text* that can find a record, each folded as a key, each once.

    >>> words("Use immigration detention only as a measure of last resort")
    ('use', 'immigration', 'detention', 'only', 'measure', 'last', 'resort')
    """
    if len(text) > MAX_QUERY:
        return ()
    folded = (normalize(word) for word in re.findall(_WORD, text))
    return tuple(dict.fromkeys(word for word in folded if len(word) >= _SHORTEST_WORD))


def bigrams(key: str) -> frozenset[str]:
    """The letter pairs of *key*, padded at both ends so that short keys still have some.

    >>> sorted(bigrams("un"))
    [' u', 'n ', 'un']
    """
    padded = f" {key} "
    return frozenset(padded[i : i + 2] for i in range(len(padded) - 1))


def dice(left: frozenset[str], right: frozenset[str]) -> float:
    """The Sørensen-Dice similarity of two bigram sets, 0 to 1.

    >>> dice(bigrams("mozambik"), bigrams("mozambique"))
    0.7
    """
    return 2 * len(left & right) / (len(left) + len(right))
