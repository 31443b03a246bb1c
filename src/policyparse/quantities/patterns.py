"""Named regex pieces for finding quantities, built once from the resource tables.

Every piece is defined here once and combined into the compiled patterns the
finder uses.  All patterns run on the *normalised* text (``NormText.text``:
full-width ASCII already folded, so ``％`` is ``%`` and ``，`` is ``,``).

Tables: ``units.tsv`` (unit surfaces), ``qualifiers.tsv`` (bound words),
``numerals.tsv`` (numeral characters), ``traps.tsv`` (name/ordinal contexts).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import regex

from ..resources import load_tsv
from .numerals import numeral_table

__all__ = [
    "PER_NUMERATOR_KINDS",
    "Patterns",
    "PerRow",
    "QualifierRow",
    "UnitRow",
    "patterns",
    "per_rows",
    "qualifier_rows",
    "trap_rows",
    "unit_rows",
]


@dataclass(frozen=True, slots=True)
class UnitRow:
    surface: str
    unit: str
    dimension: str
    factor: Decimal
    kind: str


@dataclass(frozen=True, slots=True)
class QualifierRow:
    surface: str
    qualifier: str
    position: str


@cache
def unit_rows() -> dict[str, UnitRow]:
    """surface → UnitRow (units.tsv)."""
    out: dict[str, UnitRow] = {}
    for r in load_tsv("units.tsv"):
        out[r["surface"]] = UnitRow(r["surface"], r["unit"], r["dimension"], Decimal(r["factor"]), r["kind"])
    return out


@dataclass(frozen=True, slots=True)
class PerRow:
    """A unit that may follow a slash as the denominator of a compound unit (元/吨, 万元/人)."""

    surface: str
    name: str  # written after the slash in the canonical unit: t, person, household …
    factor: Decimal  # the unit's factor (兆瓦 = 1000 kW): the value is divided by it


_PER_KINDS = ("measure", "duration", "duration_ctx")  # units that are denominators by themselves
PER_NUMERATOR_KINDS = ("money", "count", "measure")  # units a compound may start with


@cache
def per_rows() -> dict[str, PerRow]:
    """surface → PerRow: measure/duration units of units.tsv plus the classifiers of per_units.tsv."""
    units = unit_rows()
    out = {s: PerRow(s, u.unit, u.factor) for s, u in units.items() if u.kind in _PER_KINDS}
    for r in load_tsv("per_units.tsv"):
        row = units.get(r["surface"])
        if row is None or row.kind != "count":
            raise ValueError(f"per_units.tsv: {r['surface']!r} is not a count classifier of units.tsv")
        out[r["surface"]] = PerRow(r["surface"], r["per"], Decimal(1))
    return out


@cache
def qualifier_rows() -> dict[tuple[str, str], QualifierRow]:
    """(surface, position) → QualifierRow (qualifiers.tsv)."""
    return {
        (r["surface"], r["position"]): QualifierRow(r["surface"], r["qualifier"], r["position"])
        for r in load_tsv("qualifiers.tsv")
    }


@cache
def trap_rows() -> dict[str, tuple[tuple[str, str], ...]]:
    """kind → ((surface, reason), …) (traps.tsv)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for r in load_tsv("traps.tsv"):
        out.setdefault(r["kind"], []).append((r["surface"], r["reason"]))
    return {k: tuple(v) for k, v in out.items()}


def _alt(surfaces: list[str]) -> str:
    """Longest-first alternation of literal surfaces (Latin ones may not run on into letters)."""
    parts = []
    for s in sorted(set(surfaces), key=lambda x: (-len(x), x)):
        esc = regex.escape(s)
        if s[-1].isascii() and s[-1].isalpha():
            esc += r"(?![A-Za-z])"
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"


def _chars(kind: str) -> str:
    return "".join(
        regex.escape(s)
        for s, (k, _) in numeral_table().items()
        if k == kind and not s.isascii() and not ("\uff10" <= s <= "\uff19")
    )


@dataclass(frozen=True, slots=True)
class Patterns:
    main: regex.Pattern[str]
    single: regex.Pattern[str]
    main_plain: regex.Pattern[str]  # main / single without the compound-unit denominator
    single_plain: regex.Pattern[str]
    percent_of: regex.Pattern[str]
    fraction: regex.Pattern[str]
    doubling: regex.Pattern[str]
    ratio: regex.Pattern[str]
    lead: regex.Pattern[str] | None
    trap_words: regex.Pattern[str] | None
    cn_digit_chars: str
    cn_small_chars: str
    cn_big_chars: str


@cache
def patterns() -> Patterns:
    """Compile every pattern once (tables are read on first use)."""
    dig = _chars("digit")  # 〇○零一二…九两
    small = _chars("small")  # 十百千
    big = _chars("big")  # 万亿
    quals = qualifier_rows().values()
    units = {k: v for k, v in unit_rows().items() if v.kind != "lead"}
    leads = [u.surface for u in unit_rows().values() if u.kind == "lead"]
    currency = [u.surface for u in units.values() if u.kind == "money"]

    pieces: dict[str, str] = {}
    pieces["DIG"] = f"[{dig}]"  # one Chinese digit
    numeral_units = [u for u in units if u[0] in numeral_table() and len(u) > 1]
    not_unit = f"(?!{_alt(numeral_units)})" if numeral_units else ""  # 千瓦 is a unit, not 千
    pieces["DIGU"] = f"(?:{not_unit}[{dig}{small}])"  # Chinese digit or 十百千
    pieces["BIG"] = f"[{big}]"  # 万 亿
    pieces["CN"] = rf"""(?:
        {pieces["DIGU"]}+                      # 一千二百 / 三六八 / 十二
        (?:、{pieces["DIG"]}{{3}}(?!{pieces["DIGU"]}))*   # 三、六四四 (、 as thousands mark)
        (?:{pieces["BIG"]}+{pieces["DIGU"]}+)*           # 一亿二千 / 三万五千 (inner 万/亿)
        (?:[点·]{pieces["DIG"]}+)?             # 三点五 / 七七·五
    )"""
    pieces["MULT"] = r"(?:[十百千]?(?:万\ ?亿|亿|万)|[百千])"  # multipliers (1万 亿元: a wrapped 万亿)
    pieces["UNIT"] = (
        "(?:"
        + _alt(list(units))
        + r"""
        | (?<!\ )[A-Za-z]+(?![A-Za-z0-9.])    # Latin unit not in the table (kept, warned)
        | _(?:[A-Z]_)+                         # garbled unit, e.g. % → _M_M_
    )"""
    )
    pieces["AR"] = rf"""(?:
        (?<![0-9]\ )\d(?:\ \d){{1,15}}+           # scan-spaced digits: 2 3 0 0万亩 (bounded) …
        (?=\ ?(?:{pieces["MULT"]}|{pieces["UNIT"]}))  # … only when a unit follows
      | \d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?      # thousands separators: 1,234.5
      | \d{{1,3}},\d{{1,2}}(?=\ ?[%‰])          # OCR decimal comma: 21，7％ (never a thousands group)
      | \d+(?:\ ?[.·]\ ?\d+)?                # plain, with decimals (1 · 024 from scans)
    )"""
    pieces["CURRENCY"] = _alt(currency)
    pieces["PREFIX"] = _alt([q.surface for q in quals if q.position == "prefix"])
    pieces["SUFFIX"] = _alt([q.surface for q in quals if q.position == "suffix"])
    pieces["INFIX"] = _alt([q.surface for q in quals if q.position == "infix"])
    pieces["SEP"] = r"(?:至|到|~|〜|——|—|–|-|－)"  # range separators (never a minus)
    pieces["MINUS"] = rf"(?<![0-9A-Za-z.%‰)\]{dig}{small}{big}])[-−]"  # a literal minus sign
    pieces["AR_START"] = r"(?<![0-9A-Za-z_.,/·])"  # a number does not start mid-token
    pieces["CN_START"] = rf"(?<![{dig}{small}{big}第])"  # nor mid-numeral, nor after 第
    pieces["MO_START"] = rf"(?<![{dig}{small}{big}数几上成多余])"

    p = pieces
    number = rf"""(?:
        {p["AR_START"]}(?P<ar>{p["AR"]})       # Arabic number
      | {p["CN_START"]}(?P<cn>{p["CN"]})       # Chinese numeral
      | {p["MO_START"]}(?P<mo>)(?={p["MULT"]}{p["CURRENCY"]})  # bare multiplier: 亿元以上
    )"""
    number2 = rf"""(?:
        (?P<ar2>{p["AR"]})                     # Arabic high end
      | (?P<cn2>{p["CN"]})                     # Chinese high end
    )"""
    lo = rf"""
        (?P<prefix>{p["PREFIX"]})?             # 约 / 超过 / 不低于 …
        (?P<minus>{p["MINUS"]})?               # -1.5%
        {number}                               # the number
        \ ?(?P<infix>{p["INFIX"]})?            # 300余 / 100多
        (?:
            (?P<unit>{p["UNIT"]})              # unit straight after the number (千瓦 before 千)
          | (?P<mult>{p["MULT"]})              # 万 / 亿 / 万亿 / 千万
            (?P<infix2>{p["INFIX"]})?          # 1万余人
            (?:\ ?(?P<unit_m>{p["UNIT"]}))?    # 万人 / 亿元 (1万 亿元 from a wrapped line)
        )?
    """
    hi = rf"""
        (?P<sep>{p["SEP"]})                    # 至 / - / — / ~
        {number2}
        (?P<infix3>{p["INFIX"]})?
        (?:
            (?P<unit2>{p["UNIT"]})             # hi end must carry a unit …
          | (?P<mult2>{p["MULT"]})(?P<unit2m>{p["UNIT"]})?   # … or a multiplier
        )
    """
    suffix = rf"(?P<suffix>{p['SUFFIX']})?"  # 左右 / 以上 / 以内 …
    pieces["PER"] = _alt(list(per_rows()))  # denominators: 人 户 吨 公斤 亩 平方米 小时 …
    per = rf"""
        (?:
            /(?![0-9])                         # the slash of 万元/人 (／ is folded to /)
            (?P<per_mult>[百千万])?            # 部/百人: a denominator of 100 persons
            (?P<per>{p["PER"]})                # the denominator unit or counted noun
        )?
    """
    flags = regex.VERBOSE
    main = regex.compile(lo + "(?:" + hi + ")?" + per + suffix, flags)
    single = regex.compile(lo + per + suffix, flags)
    main_plain = regex.compile(lo + "(?:" + hi + ")?" + suffix, flags)
    single_plain = regex.compile(lo + suffix, flags)

    num_any = rf"(?:{p['AR']}|{p['CN']})"
    percent_of = regex.compile(
        rf"""
        (?P<prefix>{p["PREFIX"]})?
        (?P<pct>百分之|千分之|万分之)          # 百分之三点五
        (?P<num>{num_any})
        (?:(?P<sep>{p["SEP"]})(?:百分之|千分之|万分之)?(?P<num2>{num_any}))?   # 百分之三至五
        {suffix}
        """,
        flags,
    )
    fraction = regex.compile(
        rf"""
        (?P<prefix>{p["PREFIX"]})?
        (?:
            {p["CN_START"]}(?P<den>(?![百千万]分之){p["DIGU"]}+)   # 三 of 三分之一
            分之(?P<num>{p["DIGU"]}+)                             # 一 of 三分之一
          | (?<![0-9/.\-])(?P<aden_num>\d+)/(?P<aden>\d+)(?![0-9/.\-])            # 1/10
        )
        {suffix}
        """,
        flags,
    )
    doubling = regex.compile(
        r"(?<!个)翻(?:了)?(?P<n>一|两|二|三|四|\d)番",  # 翻一番 = ×2, 翻两番 = ×4
    )
    ratio = regex.compile(
        r"""
        (?<![0-9.:∶])
        (?P<chain>\d+(?:\.\d+)?(?:[:∶]\d+(?:\.\d+)?){2,})   # 3.9:59.5:36.6
        (?![0-9.:∶])
        """,
        flags,
    )
    lead = (
        regex.compile(
            rf"""
            (?P<lead>{_alt(leads)})             # 指数为 (units.tsv kind lead)
            (?P<num>\d+(?:\.\d+)?)              # a bare Arabic number: 100.7
            (?![0-9.%‰]|\ ?(?:{p["MULT"]}|{p["UNIT"]}))  # … that carries no unit of its own
            """,
            flags,
        )
        if leads
        else None
    )
    words = [w for w, _ in trap_rows().get("word", ())]
    trap_words = regex.compile(_alt(words)) if words else None
    return Patterns(
        main=main,
        single=single,
        main_plain=main_plain,
        single_plain=single_plain,
        percent_of=percent_of,
        fraction=fraction,
        doubling=doubling,
        ratio=ratio,
        lead=lead,
        trap_words=trap_words,
        cn_digit_chars=dig,
        cn_small_chars=small,
        cn_big_chars=big,
    )
