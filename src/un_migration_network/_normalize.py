"""How free text becomes a lookup key, and how close two keys are."""

from __future__ import annotations

import unicodedata

__all__ = ["bigrams", "dice", "normalize"]

# Everything in ASCII that is not a letter or a digit disappears from a key, so that
# "UN-HABITAT", "UN Habitat" and "unhabitat" meet.
_ASCII_DROP = dict.fromkeys(c for c in range(128) if not chr(c).isalnum())


def normalize(text: str) -> str:
    """Fold *text* to its lookup key: case-folded, accents stripped, only letters and digits.

    >>> normalize("UN-Habitat")
    'unhabitat'
    >>> normalize("Türkiye")
    'turkiye'
    """
    folded = text.casefold()
    if folded.isascii():
        return folded.translate(_ASCII_DROP)
    # Compatibility forms (U+210C, U+3392) decompose into letters that fold again, so repeat
    # until nothing changes: normalizing a key gives the key back.
    previous = None
    while folded != previous:
        previous = folded
        decomposed = unicodedata.normalize("NFKD", folded)
        kept = (ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))
        folded = "".join(kept).casefold()
    return folded


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
