"""Find quantity mentions: spans only (normalised coordinates) with named parts.

The finder scans the whole normalised text once per pattern (no quadratic
scans, bounded look-arounds), so a text gives the same mentions as its
sentences scanned one by one.  Candidates that fall into a trap context
(``traps.tsv``: dates, names, ordinals, ranks, vague determiners, category
names) are dropped; bare numbers without unit or multiplier are skipped.

Decisions worth knowing:

* ``突破`` before a number stays outside the span but is reported as
  ``Found.hint`` and makes the qualifier ``more_than`` (records.md).
* An Arabic number with a 万/亿 multiplier and no known unit (``46万群众``)
  is a ``count`` whose ``unit_text`` is the multiplier.
* Unknown units are kept, never dropped: a Latin unit not in ``units.tsv``
  (``11.4万P``, ``100Mbps``) becomes ``unit`` = the written unit plus a
  ``UNKNOWN_UNIT`` warning; a garbled unit (``_M_M_``) the same with
  ``GARBLED_UNIT``.  A Chinese word after a number is only a unit when it is
  in the table (otherwise dates, names and ordinals would flood the output).
* ``年`` is a duration only with a streak word before it (``连续7年``) or a
  period noun / bound after it (``5年过渡期``, ``5年以上``) and a value < 100.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache

import regex

from ..errors import WarningCode
from ..records import Span
from ..segment.normalize import NormText
from .numerals import parse_number
from .patterns import PER_NUMERATOR_KINDS, patterns, qualifier_rows, trap_rows, unit_rows

__all__ = ["Found", "find_spans"]

_OPEN_QUOTES = "“\"‘'「『《〈"
_STREAK_BEFORE = ("连续", "历时", "长达", "用了", "用", "经过", "花了", "坚持")
_PERIOD_AFTER = ("过渡期", "时间", "期限", "之久", "缓冲期", "保护期", "建设期")
_CONTEXT = 12  # characters of context looked at around a candidate


@dataclass(frozen=True, slots=True)
class Found:
    """A quantity mention in normalised coordinates, with its parts as written."""

    span: Span
    kind: str  # number | percent_of | fraction | doubling | ratio | lead
    number: Span  # the numeral (low end of a range)
    number_text: str
    multiplier: str = ""  # 万 / 亿 / 万亿 … after the low number
    unit_surface: str = ""  # unit as matched (shared unit for ranges)
    unit_text: str = ""  # everything after the number except the qualifier
    unit_text_span: Span | None = None  # where unit_text was read (infix removed from it)
    prefix: str = ""  # 约 / 超过 …
    infix: str = ""  # 余 / 多
    suffix: str = ""  # 左右 / 以上 …
    number_max: Span | None = None
    number_max_text: str = ""
    multiplier_max: str = ""
    minus: bool = False
    hint: str = ""  # 突破 (outside the span)
    denominator: str = ""  # fractions: 三 of 三分之一
    per: str = ""  # compound units: the denominator unit after the slash (人 of 万元/人)
    per_multiplier: str = ""  # 百 of 部/百人
    warnings: tuple[str, ...] = field(default=())  # WarningCode values


def _g(m: regex.Match[str], name: str) -> str:
    v = m.group(name)
    return v or ""


def _unit_of(m: regex.Match[str], *names: str) -> tuple[str, int, int]:
    for n in names:
        if m.group(n):
            return m.group(n), m.start(n), m.end(n)
    return "", -1, -1


def _unit_text(text: str, span: Span, infix: str) -> str:
    """Text of ``span`` without the infix qualifier (300余家 → 家), stripped."""
    out = text[span[0] : span[1]]
    if infix:
        out = out.replace(infix, "", 1)
    return out.strip()


def _before(text: str, pos: int) -> str:
    return text[max(0, pos - _CONTEXT) : pos]


_HAN_NEXT = regex.compile(r"\p{Han}")  # a Chinese character right after a mention


def _after(text: str, pos: int) -> str:
    return text[pos : pos + _CONTEXT]


def _is_cn(surface: str) -> bool:
    return bool(surface) and not any(c.isdigit() and c.isascii() for c in surface)


class _Finder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.p = patterns()
        self.units = unit_rows()
        traps = trap_rows()
        self.after = tuple(s for s, _ in traps.get("after", ()))
        self.before = dict(traps.get("before", ()))
        self.before_words = tuple(self.before)  # one C-level endswith test for all of them
        self.classes = tuple(s for s, _ in traps.get("class", ()))
        self.unit_classes = frozenset(s for s, _ in traps.get("unit_class", ()))
        self.lower_prefixes = frozenset(  # 超 / 超过 / 不低于: a lower bound written before
            r.surface
            for r in qualifier_rows().values()
            if r.position == "prefix" and r.qualifier in ("more_than", "at_least")
        )

    # -- the main number pattern -------------------------------------------------
    def scan_main(self) -> list[Found]:
        out: list[Found] = []
        pos = 0
        text = self.text
        while True:
            m = self.p.main.search(text, pos)
            if m is None:
                break
            m = self._drop_bad_per(m, self.p.main_plain)
            f = self._from_main(m, ranged=True) if m.group("sep") else None
            if f is None:
                m1 = self.p.single.match(text, m.start())
                if m1 is None:  # cannot happen: main without range is single
                    pos = m.end() if m.end() > m.start() else m.start() + 1
                    continue
                m = self._drop_bad_per(m1, self.p.single_plain)
                f = self._from_main(m, ranged=False)
            if f is not None:
                out.append(f)
            pos = m.end() if m.end() > m.start() else m.start() + 1
        return out

    def _drop_bad_per(self, m: regex.Match[str], plain: regex.Pattern[str]) -> regex.Match[str]:
        """Re-match without the slash part when the numerator cannot start a compound unit.

        ``94.5万元/人`` keeps its ``/人``; ``46万/人`` (no numerator unit) or ``5%/年``
        (a rate is not a numerator) end before the slash.
        """
        if not m.group("per"):
            return m
        ranged = "sep" in m.re.groupindex and bool(m.group("sep"))
        unit, _s, _e = _unit_of(m, "unit2", "unit2m") if ranged else _unit_of(m, "unit", "unit_m")
        row = self.units.get(unit) if unit else None
        if row is not None and row.kind in PER_NUMERATOR_KINDS:
            return m
        m2 = plain.match(self.text, m.start())
        return m2 if m2 is not None else m

    def _from_main(self, m: regex.Match[str], ranged: bool) -> Found | None:
        text = self.text
        num_name = "ar" if m.group("ar") is not None else "cn" if m.group("cn") is not None else "mo"
        num_text = m.group(num_name) or ""
        n_start, n_end = m.start(num_name), m.end(num_name)
        mult = _g(m, "mult")
        if num_name == "cn" and mult and any(c in self.p.cn_big_chars for c in num_text):
            # 六百四十二亿五千万: the trailing 万 belongs to the positional numeral
            num_text, n_end, mult = num_text + mult, n_end + len(mult), ""
        unit, _u_start, _u_end = _unit_of(m, "unit", "unit_m")
        infix = _g(m, "infix") or _g(m, "infix2")
        num_max: Span | None = None
        num_max_text = ""
        mult_max = ""
        if ranged:
            hi_name = "ar2" if m.group("ar2") is not None else "cn2"
            num_max = (m.start(hi_name), m.end(hi_name))
            num_max_text = m.group(hi_name)
            mult_max = _g(m, "mult2")
            unit_hi, _hu_start, _hu_end = _unit_of(m, "unit2", "unit2m")
            if (num_name == "cn") != (hi_name == "cn2"):
                return None
            if unit and unit_hi:
                a, b = self.units.get(unit), self.units.get(unit_hi)
                if a is None or b is None or a.unit != b.unit:
                    return None
            if unit and not unit_hi:
                return None
            if mult and mult_max and mult != mult_max:
                return None
            if mult and not mult_max:
                return None
            lo_v, hi_v = parse_number(num_text), parse_number(num_max_text)
            if lo_v is None or hi_v is None or lo_v > hi_v or num_name == "mo":
                return None
            if not mult:
                mult = mult_max
            unit = unit_hi
            infix = infix or _g(m, "infix3")
            unit_text_start = m.end(hi_name)
        else:
            unit_text_start = n_end
        if not unit and (num_name != "ar" or not any(c in mult for c in "万亿")):
            return None  # a bare number, dropped by _accept anyway: skip building it
        span_end = m.end()
        suffix = _g(m, "suffix")
        ut_span = (unit_text_start, span_end - len(suffix))
        unit_text = _unit_text(text, ut_span, infix)
        unit_text = unit_text.strip()
        f = Found(
            span=(m.start(), span_end),
            kind="number",
            number=(n_start, n_end),
            number_text=num_text,
            multiplier=mult,
            unit_surface=unit,
            unit_text=unit_text,
            unit_text_span=ut_span,
            prefix=_g(m, "prefix"),
            infix=infix,
            suffix=suffix,
            number_max=num_max,
            number_max_text=num_max_text,
            multiplier_max=mult_max,
            minus=bool(m.group("minus")),
            per=m.groupdict().get("per") or "",  # the *_plain patterns have no per group
            per_multiplier=m.groupdict().get("per_mult") or "",
        )
        return self._accept(f, num_name)

    def _lower_bound_prefix(self, prefix: str) -> bool:
        return prefix in self.lower_prefixes

    def _accept(self, f: Found, num_name: str) -> Found | None:
        """Apply unit, context and trap rules to a candidate; None drops it."""
        text = self.text
        unit = f.unit_surface
        row = self.units.get(unit) if unit else None
        warnings: list[str] = []
        value = parse_number(f.number_text) if num_name != "mo" else Decimal(1)
        if value is None:
            return None
        start = f.span[0] + len(f.prefix) + (1 if f.minus else 0)
        before = _before(text, start)
        before_span = _before(text, f.span[0])
        after = _after(text, f.span[1])
        cn = num_name == "cn"
        if num_name == "ar" and len(f.number_text) > 1 and f.number_text[0] == "0" and f.number_text[1].isdigit():
            return None  # 00万吨, 0371: OCR junk or a code, not a value
        if num_name == "mo" and not (f.prefix or f.suffix or f.infix):
            return None  # 万元生产总值: a bare 万元/亿元 only counts with a bound (亿元以上)
        if not unit:
            if num_name != "ar" or not any(c in f.multiplier for c in "万亿"):
                return None  # bare number: not a quantity
        elif row is None:
            if unit.startswith("_"):
                warnings.append(WarningCode.GARBLED_UNIT.value)
            elif len(unit) >= 2 or f.multiplier:
                warnings.append(WarningCode.UNKNOWN_UNIT.value)
            else:
                return None  # 3D, 5G: a digit + one letter is a name
        else:
            if row.kind == "duration_ctx":
                ok_before = any(before_span.endswith(w) for w in _STREAK_BEFORE)
                ok_after = any(after.startswith(w) for w in _PERIOD_AFTER) or bool(f.suffix)
                if value >= 100 or not (ok_before or ok_after) or f.multiplier:
                    return None
            if unit == "度" and cn and not f.multiplier:
                return None  # 两度 = twice, not kWh
        # ordinals, ranks, vague determiners right before the number
        for w, reason in self.before.items() if before.endswith(self.before_words) else ():
            if before.endswith(w):
                if reason in ("ordinal", "name"):
                    return None
                if reason == "rank" and row is not None and row.kind == "count":
                    return None
                if reason == "determiner" and cn and f.number_text[0] in (self.p.cn_small_chars + self.p.cn_big_chars):
                    return None
        if (
            cn
            and not f.multiplier
            and f.number_text in ("一", "壹", "幺")
            and row is not None
            and row.kind in ("count", "percent")
        ):
            return None  # 一批, 一项, 一个: determiners
        if cn and len(f.number_text) == 1 and value == 0:
            return None  # 零部件, 零就业: a lone 零 is not a count
        if cn and before.endswith(tuple(_OPEN_QUOTES)):
            return None  # “三个一批”, “一对一”: a name in quotes
        if cn and row is not None and row.kind == "count":
            if any(after.startswith(w) for w in self.after):
                return None  # 三个代表, 三次产业, 四个全面
        if row is not None and row.kind == "money" and (
            f.suffix in ("以上", "以下") or self._lower_bound_prefix(f.prefix)
        ):
            if any(after.startswith(w) for w in self.classes):
                return None  # 亿元以上项目 / 投资超千万元的项目: a category name
        if unit in self.unit_classes and _HAN_NEXT.match(after):
            return None  # 500KV变电站: a voltage class naming equipment
        if "\ufffd" in text[max(0, f.span[0] - 1) : f.span[1] + 1]:
            warnings.append(WarningCode.REPLACEMENT_CHAR.value)
        hint = ""
        for (surface, position), _q in _hint_rows().items():
            if position == "hint" and before_span.endswith(surface):
                hint = surface
        if not warnings and not hint:
            return f  # the defaults already: no copy
        return _replace(f, warnings=tuple(warnings), hint=hint)

    # -- other shapes -------------------------------------------------------------
    def scan_percent_of(self) -> list[Found]:
        out = []
        for m in self.p.percent_of.finditer(self.text):
            unit = {"百分之": "%", "千分之": "‰", "万分之": "万分之"}[m["pct"]]
            f = Found(
                span=m.span(),
                kind="percent_of",
                number=m.span("num"),
                number_text=m["num"],
                unit_surface=unit,
                unit_text=m["pct"],
                prefix=_g(m, "prefix"),
                suffix=_g(m, "suffix"),
                number_max=m.span("num2") if m["num2"] else None,
                number_max_text=_g(m, "num2"),
                multiplier=m["pct"],
            )
            if parse_number(f.number_text) is None:
                continue
            if f.number_max_text:
                hi = parse_number(f.number_max_text)
                lo = parse_number(f.number_text)
                if hi is None or lo is None or hi < lo:
                    f = _replace(
                        f,
                        span=(m.start(), m.end("num")),
                        number_max=None,
                        number_max_text="",
                        suffix="",
                    )
            out.append(self._warn_fffd(f))
        return out

    def scan_fraction(self) -> list[Found]:
        out = []
        for m in self.p.fraction.finditer(self.text):
            if m["den"]:
                num, den, nspan = m["num"], m["den"], m.span("num")
                unit_text = "分之"
            else:
                num, den, nspan = m["aden_num"], m["aden"], m.span("aden_num")
                unit_text = "/" + den
                if int(num) >= int(den) or not (m["suffix"] or m["prefix"]):
                    continue  # 2022/1 or a bare a/b: dates and codes, not shares
            if parse_number(num) is None or parse_number(den) is None:
                continue
            out.append(
                self._warn_fffd(
                    Found(
                        span=m.span(),
                        kind="fraction",
                        number=nspan,
                        number_text=num,
                        unit_surface="%",
                        unit_text=unit_text,
                        prefix=_g(m, "prefix"),
                        suffix=_g(m, "suffix"),
                        denominator=den,
                    )
                )
            )
        return out

    def scan_doubling(self) -> list[Found]:
        return [
            Found(
                span=m.span(),
                kind="doubling",
                number=m.span("n"),
                number_text=m["n"],
                unit_surface="倍",
                unit_text="番",
            )
            for m in self.p.doubling.finditer(self.text)
        ]

    def scan_ratio(self) -> list[Found]:
        out = []
        for m in self.p.ratio.finditer(self.text):
            parts = list(regex.finditer(r"\d+(?:\.\d+)?", m["chain"]))
            total = sum(Decimal(x.group()) for x in parts)
            if not Decimal(99) <= total <= Decimal(101):
                continue  # only structure ratios summing to 100 are shares
            base = m.start("chain")
            for x in parts:
                s, e = base + x.start(), base + x.end()
                out.append(
                    Found(
                        span=(s, e),
                        kind="ratio",
                        number=(s, e),
                        number_text=x.group(),
                        unit_surface="%",
                        unit_text="",
                    )
                )
        return out

    def scan_lead(self) -> list[Found]:
        if self.p.lead is None:
            return []
        return [
            self._warn_fffd(
                Found(
                    span=m.span("num"),
                    kind="lead",
                    number=m.span("num"),
                    number_text=m["num"],
                    unit_surface=m["lead"],
                    unit_text="",
                )
            )
            for m in self.p.lead.finditer(self.text)
        ]

    def _warn_fffd(self, f: Found) -> Found:
        if "\ufffd" in self.text[max(0, f.span[0] - 1) : f.span[1] + 1]:
            return _replace(f, warnings=(WarningCode.REPLACEMENT_CHAR.value,))
        return f

    def trap_spans(self) -> list[Span]:
        if self.p.trap_words is None:
            return []
        return [m.span() for m in self.p.trap_words.finditer(self.text)]


@cache
def _hint_rows() -> dict[tuple[str, str], str]:
    return {k: v.qualifier for k, v in qualifier_rows().items() if v.position == "hint"}


def _replace(f: Found, **changes: object) -> Found:
    return replace(f, **changes)  # type: ignore[arg-type]


def find_spans(norm: NormText) -> list[Found]:
    """All quantity mentions of ``norm.text``, sorted, non-overlapping."""
    finder = _Finder(norm.text)
    cands = (
        finder.scan_percent_of()
        + finder.scan_fraction()
        + finder.scan_doubling()
        + finder.scan_ratio()
        + finder.scan_lead()
        + finder.scan_main()
    )
    traps = finder.trap_spans()
    cands.sort(key=lambda f: (f.span[0], -(f.span[1] - f.span[0])))
    out: list[Found] = []
    last_end = -1
    ti = 0
    for f in cands:
        if f.span[0] < last_end:
            continue
        while ti < len(traps) and traps[ti][1] <= f.span[0]:
            ti += 1
        if ti < len(traps) and traps[ti][0] < f.span[1]:
            continue  # overlaps a trap word (两个翻一番, 万人助万企)
        out.append(f)
        last_end = f.span[1]
    return out
