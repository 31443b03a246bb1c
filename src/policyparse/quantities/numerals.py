"""Numbers as written in Chinese reports → exact :class:`~decimal.Decimal`.

Handles Arabic digits with ``,`` thousands separators and decimals (full-width
forms fold to ASCII), digits spaced out by scans (``2 3 0 0``, ``1 · 024``),
Chinese positional numerals (``一千二百三十五万``, ``十二``, ``两``), digit-string
numerals (``三六八`` = 368, ``七七·五`` = 77.5, ``三、六四四`` = 3644), mixed forms
(``1.3万亿``, ``二点二四亿``), ``百分之…`` / ``千分之…`` / ``万分之…`` (returned as
the percent / permille number: ``百分之三点五`` → 3.5) and fractions ``三分之一``,
``1/10`` (returned **in percent**, ten decimal places: ``三分之一`` → 33.3333333333).

The character table lives in ``resources/numerals.tsv``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache

import regex

from ..resources import load_tsv

__all__ = ["clean_decimal", "numeral_table", "parse_number"]

TEN_PLACES = Decimal("0.0000000001")


@cache
def numeral_table() -> dict[str, tuple[str, Decimal | str]]:
    """surface → (kind, value) from numerals.tsv."""
    out: dict[str, tuple[str, Decimal | str]] = {}
    for row in load_tsv("numerals.tsv"):
        kind = row["kind"]
        val: Decimal | str = row["value"] if kind == "point" else Decimal(row["value"])
        out[row["surface"]] = (kind, val)
    return out


@cache
def _chars(kind: str) -> str:
    """The non-ASCII numeral characters of ``kind`` (built once per kind)."""
    return "".join(s for s, (k, _) in numeral_table().items() if k == kind and not s.isascii())


@cache
def _point_chars() -> frozenset[str]:
    """Characters that are a decimal point (点, ·, .)."""
    return frozenset(s for s, (k, _) in numeral_table().items() if k == "point")


def clean_decimal(value: Decimal) -> Decimal:
    """Drop exponent noise: 1E+2 → 100, 61.20 → 61.2."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


_SPACES = regex.compile(r"[ \t]+")


def _digit_values(s: str) -> list[int] | None:
    table = numeral_table()
    out: list[int] = []
    for ch in s:
        kv = table.get(ch)
        if kv is None or kv[0] != "digit":
            return None
        out.append(int(kv[1]))
    return out


def _cn_positional(s: str) -> Decimal | None:
    """一千二百三十五万 / 十二 / 一亿二千万 / 三万五千 (no decimal point)."""
    table = numeral_table()
    total = Decimal(0)
    section = Decimal(0)
    number: Decimal | None = None
    for ch in s:
        kv = table.get(ch)
        if kv is None:
            return None
        kind, val = kv
        assert isinstance(val, Decimal)
        if kind == "digit":
            if number is not None and number != 0 and val != 0:
                return None  # two digits in a row inside a positional numeral
            number = val
        elif kind == "small":
            section += (number if number is not None else Decimal(1)) * val
            number = None
        elif kind == "big":
            if val >= Decimal(100000000):
                total = (total + section + (number or 0)) * val
                section = Decimal(0)
            else:
                part = section + (number or 0)
                section = (part if part else Decimal(1)) * val
            number = None
        else:
            return None
    return total + section + (number or 0)


def _cn_integer(s: str) -> Decimal | None:
    s = s.replace("、", "")
    if not s:
        return None
    smalls = _chars("small")
    bigs = _chars("big")
    if not any(c in smalls or c in bigs for c in s):
        digits = _digit_values(s)  # digit-string style: 三六八 = 368
        if digits is None:
            return None
        return Decimal("".join(str(d) for d in digits))
    if not any(c in smalls for c in s):
        # digit string with a trailing multiplier run: 二二四万
        core = s.rstrip(bigs)
        if core and all(c not in bigs for c in core):
            digits = _digit_values(core)
            if digits is not None and len(digits) > 1:
                mult = Decimal(1)
                for c in s[len(core) :]:
                    v = numeral_table()[c][1]
                    assert isinstance(v, Decimal)
                    mult *= v
                return Decimal("".join(str(d) for d in digits)) * mult
    return _cn_positional(s)


def _big_run_value(run: str) -> Decimal | None:
    mult = Decimal(1)
    for c in run:
        kv = numeral_table().get(c)
        if kv is None or kv[0] not in ("big", "small"):
            return None
        assert isinstance(kv[1], Decimal)
        mult *= kv[1]
    return mult


_ARABIC = regex.compile(
    r"""
    (?P<int>\d{1,3}(?:,\d{3})+|\d+)   # integer part, optional thousands separators
    (?:[.·](?P<frac>\d+)             # decimal part (ASCII point or middle dot)
      | ,(?P<frac>\d{1,2}))?          # … or an OCR'd comma before 1–2 digits (21，7％)
    (?P<mult>[十百千万亿]*)           # trailing multipliers: 1.3万亿, 260万
    """,
    regex.VERBOSE,
)

_FRACTION = regex.compile(r"(?P<den>.+?)分之(?P<num>.+)")


def _parse_plain(s: str) -> Decimal | None:
    """A number without 百分之/分之: Arabic, Chinese or mixed."""
    s = _SPACES.sub("", s)
    if not s:
        return None
    s = s.replace("．", ".")
    m = _ARABIC.fullmatch(s)
    if m:
        value = Decimal(m["int"].replace(",", "") + ("." + m["frac"] if m["frac"] else ""))
        mult = _big_run_value(m["mult"]) if m["mult"] else Decimal(1)
        if mult is None:
            return None
        return clean_decimal(value * mult)
    point_chars = _point_chars()
    points = [i for i, c in enumerate(s) if c in point_chars]
    if len(points) > 1:
        return None
    if points:
        p = points[0]
        int_part, rest = s[:p], s[p + 1 :]
        bigs = _chars("big")
        frac_txt = rest.rstrip(bigs)
        mult = _big_run_value(rest[len(frac_txt) :]) if len(frac_txt) < len(rest) else Decimal(1)
        frac_digits = _digit_values(frac_txt)
        if not int_part or not frac_digits or mult is None:
            return None
        ip = _cn_integer(int_part) if not int_part.isdigit() else Decimal(int_part)
        if ip is None:
            return None
        value = ip + Decimal("0." + "".join(str(d) for d in frac_digits))
        return clean_decimal(value * mult)
    val = _cn_integer(s)
    return None if val is None else clean_decimal(val)


def parse_number(surface: str) -> Decimal | None:
    """The exact value of a numeral surface, or ``None`` if it is not a number.

    ``'1,234.5'`` → 1234.5, ``'１２'`` → 12, ``'一千二百三十五万'`` → 12350000,
    ``'两'`` → 2, ``'百分之三点五'`` → 3.5, ``'七七·五'`` → 77.5, ``'三六八'`` → 368,
    ``'三分之一'`` → 33.3333333333 (fractions are returned in percent).
    """
    if not isinstance(surface, str):
        return None
    s = surface.strip()
    if not s.isascii():
        s = s.translate(_FULLWIDTH)
    elif _is_plain_decimal(s):  # the common case, 12 / 61.2: what _parse_plain computes
        return clean_decimal(Decimal(s) * _ONE)
    if not s:
        return None
    try:
        for prefix in ("百分之", "千分之", "万分之"):
            if s.startswith(prefix):
                v = _parse_plain(s[len(prefix) :])
                if v is None:
                    return None
                return clean_decimal(v / 100) if prefix == "万分之" else v
        fm = _FRACTION.fullmatch(s)
        if fm:
            return fraction_percent(fm["num"], fm["den"])
        if "/" in s:
            num, _, den = s.partition("/")
            return fraction_percent(num, den)
        return _parse_plain(s)
    except (InvalidOperation, ValueError, ArithmeticError):
        return None


_ONE = Decimal(1)


def _is_plain_decimal(s: str) -> bool:
    """ASCII digits with at most one decimal point inside (``12``, ``61.2``)."""
    whole, point, frac = s.partition(".")
    return whole.isdigit() and (not point or frac.isdigit())


def fraction_percent(num: str, den: str) -> Decimal | None:
    """``num/den`` in percent, ten decimal places (三分之一 → 33.3333333333)."""
    n = _parse_plain(num)
    d = _parse_plain(den)
    if n is None or d is None or d == 0:
        return None
    return clean_decimal((n * 100 / d).quantize(TEN_PLACES))


_FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})
