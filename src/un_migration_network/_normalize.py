"""How free text becomes a lookup key, and how close two keys are."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_QUERY", "bigrams", "dice", "normalize"]

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
_ASCII_TABLE = dict.fromkeys(c for c in range(128) if not chr(c).isalnum()) | {
    ord(_GAP): "_",
    ord(_MINUS): "-",
}
_DIGIT = re.compile(r"\d")
# Punctuation between two digits is kept as a gap, so "1.3" is not objective 13 and
# "73/195" not "73195"; a minus sign that opens the text before a digit is kept, so "-508" is
# not the M49 code 508. Hyphens between letters and digits ("COVID-19") still fold away.
_BETWEEN_DIGITS = re.compile(r"(?<=\d)[\W_]+(?=\d)")
_NEGATIVE = re.compile(r"^[\W_]*?[-\u2212](?=\d)")


def _mark_numbers(folded: str) -> str:
    if _DIGIT.search(folded) is None:
        return folded
    return _NEGATIVE.sub(_MINUS, _BETWEEN_DIGITS.sub(_GAP, folded))


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
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    marked = _mark_numbers(folded.replace(_GAP, " ").replace(_MINUS, " "))
    kept = (
        "_" if ch == _GAP else "-" if ch == _MINUS else ch
        for ch in marked
        if ch.isalnum() or ch in (_GAP, _MINUS)
    )
    return "".join(kept)


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
