"""Indicator taxonomy: canonical ids for indicator phrases (``resources/indicators.tsv``).

A phrase maps to the id of the surface that equals it; failing that, to the
longest surface of 3+ characters that ends it (Chinese heads come last:
``全县外贸出口总额`` → ``外贸出口总额`` → ``exports``).  A contained surface in
the middle of a phrase does not count (``外贸出口企业`` is firms, not exports).
"""

from __future__ import annotations

from functools import cache

from ..resources import load_tsv

INDICATOR_FILE = "indicators.tsv"
_MIN_SUFFIX = 3  # shorter surfaces (出口, 粮食) only match a phrase exactly


@cache
def surfaces() -> dict[str, str]:
    """Surface → id; a surface listed twice fails loudly."""
    out: dict[str, str] = {}
    for row in load_tsv(INDICATOR_FILE):
        ident, surface = row["id"], row["surface"]
        if not ident or not surface:
            raise ValueError(f"{INDICATOR_FILE}: empty id or surface in {dict(row)!r}")
        if surface in out:
            raise ValueError(f"{INDICATOR_FILE}: surface {surface!r} listed twice")
        out[surface] = ident
    return out


def indicator_ids() -> frozenset[str]:
    return frozenset(surfaces().values())


def _fold(phrase: str) -> str:
    return phrase.replace(" ", "").replace("\u3000", "").upper().replace("ＧＤＰ", "GDP")


def indicator_id(phrase: str | None) -> str | None:
    """The taxonomy id for an indicator phrase, or ``None``."""
    if not phrase:
        return None
    table = surfaces()
    p = _fold(phrase)
    if p in table:
        return table[p]
    best: str | None = None
    for n in range(len(p) - 1, _MIN_SUFFIX - 1, -1):
        tail = p[len(p) - n :]
        if tail in table:
            best = table[tail]
            break
    return best
