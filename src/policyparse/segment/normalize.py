"""Internal normalisation with an exact map back to the original offsets.

The document text is never rewritten.  Finders run on a :class:`NormText`,
whose ``text`` folds full-width ASCII to ASCII, odd spaces to a plain space,
``\\r`` to ``\\n`` and drops zero-width characters; every normalised character
comes from exactly one original character, so :meth:`NormText.to_orig` maps a
normalised span back to the original one.

Only one-to-one replacements and deletions are done, which keeps the map a
plain index list (or nothing at all when no character was deleted: the common
case, and the fast one).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..records import Span

# One-to-one character folds, built once.
_FOLD: dict[int, str] = {}
for _cp in range(0xFF01, 0xFF5F):  # full-width ASCII block: ！..～ → !..~
    _FOLD[_cp] = chr(_cp - 0xFEE0)
for _cp in (0x3000, 0x00A0, 0x202F, 0x205F, *range(0x2000, 0x200B)):  # odd spaces
    _FOLD[_cp] = " "
_FOLD[ord("\r")] = "\n"
_FOLD[ord("\u2028")] = "\n"  # line separator
_FOLD[ord("\u2029")] = "\n"  # paragraph separator
_FOLD[ord("\ufe6a")] = "%"  # small percent sign
_FOLD[ord("\ufe50")] = ","  # small comma
_FOLD[ord("\ufe52")] = "."  # small full stop

FOLD_TABLE = str.maketrans(_FOLD)

# Characters dropped from the normalised text (zero-width, BOM, soft hyphen).
_DROP = regex.compile(
    r"""
    [\u200B\u200C\u200D\u2060\uFEFF\u00AD]   # zero-width space/joiners, word joiner, BOM, soft hyphen
    | (?<=\r)\n                              # the \n of a \r\n pair (the \r became \n)
    | (?<=[^\s]{20}\d)\n(?=\d)               # a line break inside a number of a wrapped prose line (PDF)
    """,
    regex.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class NormText:
    """A normalised view of ``orig`` with a map back to its offsets."""

    orig: str
    text: str
    src: tuple[int, ...] | None  # original index of each normalised char; None = identity

    def orig_index(self, i: int) -> int:
        """Original offset of normalised offset ``i`` (``i`` may equal len(text))."""
        if self.src is None:
            return i
        if i >= len(self.src):
            return len(self.orig)
        return self.src[i]

    def to_orig(self, start: int, end: int) -> Span:
        """Map a normalised half-open span to the original half-open span."""
        if self.src is None:
            return (start, end)
        if end <= start:
            o = self.orig_index(start)
            return (o, o)
        return (self.src[start], self.src[end - 1] + 1)

    def from_orig(self, start: int, end: int) -> Span:
        """Map an original span to the normalised span covering the same characters."""
        if self.src is None:
            return (start, end)
        import bisect

        s = bisect.bisect_left(self.src, start)
        e = bisect.bisect_left(self.src, end)
        return (s, e)


def normalize(text: str) -> NormText:
    """Fold ``text`` for matching; keep the map back to ``text``'s offsets."""
    folded = text.translate(FOLD_TABLE)
    # The \r\n rule must look at the original \r, so drop on `text` positions.
    drops = [m.start() for m in _DROP.finditer(text)]
    if not drops:
        return NormText(orig=text, text=folded, src=None)
    keep: list[int] = []
    prev = 0
    for d in drops:
        keep.extend(range(prev, d))
        prev = d + 1
    keep.extend(range(prev, len(text)))
    return NormText(orig=text, text="".join(folded[i] for i in keep), src=tuple(keep))
