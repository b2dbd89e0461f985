"""Sets of code points as sorted, disjoint, inclusive ranges, and their regex classes.

A text item's allowed characters are the intersection of several sets (its charset, JIS X
0213 plus a layout's ``charset_extra``, minus the control characters); computing the set
here lets one regex class scan a value once for all of them.
"""

from __future__ import annotations

from collections.abc import Iterable

Ranges = tuple[tuple[int, int], ...]
LAST = 0x10FFFF


def normalise(ranges: Iterable[tuple[int, int]]) -> Ranges:
    """Sorted, disjoint, with touching or overlapping ranges merged."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


def complement(ranges: Iterable[tuple[int, int]]) -> Ranges:
    """Every code point (U+0000–U+10FFFF) not in ``ranges``."""
    return _complement(normalise(ranges))


def _complement(ranges: Ranges) -> Ranges:
    """``complement`` of ranges already normalised: one walk, no sort."""
    out: list[tuple[int, int]] = []
    at = 0
    for a, b in ranges:
        if a > at:
            out.append((at, a - 1))
        at = b + 1
    if at <= LAST:
        out.append((at, LAST))
    return tuple(out)


def union(*sets: Iterable[tuple[int, int]]) -> Ranges:
    """The code points in any of ``sets``."""
    return normalise(r for s in sets for r in s)


def intersect(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> Ranges:
    """The code points in both: one merge walk over the two sorted lists.

    The sets run to thousands of ranges (JIS X 0213); the walk is linear where the
    complement of a union of complements took four sorts.
    """
    xs, ys = normalise(a), normalise(b)
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < len(xs) and j < len(ys):
        lo, hi = max(xs[i][0], ys[j][0]), min(xs[i][1], ys[j][1])
        if lo <= hi:
            out.append((lo, hi))
        if xs[i][1] < ys[j][1]:
            i += 1
        else:
            j += 1
    return normalise(out)


def subtract(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> Ranges:
    """The code points of ``a`` not in ``b``."""
    return intersect(a, complement(b))


def char_class(ranges: Iterable[tuple[int, int]], *, negate: bool = False) -> str:
    r"""A regex class (Rust ``regex`` syntax, ``\x{…}`` escapes) of ``ranges``.

    An empty set gives a class that matches nothing (``[^\x{0}-\x{10FFFF}]``), and its
    negation one that matches anything.
    """
    parts = [f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges]
    if not parts:
        return "[\\x{0}-\\x{10FFFF}]" if negate else "[^\\x{0}-\\x{10FFFF}]"
    return ("[^" if negate else "[") + "".join(parts) + "]"
