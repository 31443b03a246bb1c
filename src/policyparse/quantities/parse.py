"""Parse a found mention into a :class:`~policyparse.records.Quantity`.

``value`` is the number as written times its multiplier times the unit's
factor (``units.tsv``), exact :class:`~decimal.Decimal`; spans are mapped back
to the original text with ``NormText.to_orig``.  Qualifiers come from
``qualifiers.tsv``: a prefix word wins over an infix (余/多) and a suffix
(左右/以上); ``突破`` before the span (``Found.hint``) gives ``more_than``
when nothing else bounds the value.
"""

from __future__ import annotations

from decimal import Decimal

from ..records import Qualifier, Quantity
from ..segment.normalize import NormText
from .find import Found, _unit_text
from .numerals import clean_decimal, fraction_percent, parse_number
from .patterns import per_rows, qualifier_rows, unit_rows

__all__ = ["parse_found", "unit_and_factor"]

_DOUBLING = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}


def _qualifier(found: Found) -> Qualifier:
    q = qualifier_rows()
    for word, pos in (
        (found.prefix, "prefix"),
        (found.infix, "infix"),
        (found.suffix, "suffix"),
        (found.hint, "hint"),
    ):
        if word and (word, pos) in q:
            return Qualifier(q[(word, pos)].qualifier)
    return Qualifier.EXACT


def _multiplier(surface: str) -> Decimal:
    if not surface:
        return Decimal(1)
    v = parse_number("1" + surface)
    return v if v is not None else Decimal(1)


def unit_and_factor(found: Found) -> tuple[str, Decimal]:
    """Canonical unit and the factor that turns the written number into it."""
    if found.kind in ("fraction", "ratio"):
        return "%", Decimal(1)
    if found.kind == "doubling":
        return "x", Decimal(1)
    if found.kind == "lead":
        lead = unit_rows()[found.unit_surface]
        return lead.unit, lead.factor
    if found.kind == "percent_of":
        if found.unit_surface == "万分之":
            return "%", Decimal("0.01")
        row = unit_rows().get(found.unit_surface)
        return (row.unit if row else found.unit_surface), Decimal(1)
    mult = _multiplier(found.multiplier)
    if not found.unit_surface:
        return "count", mult
    row = unit_rows().get(found.unit_surface)
    if row is None:
        return found.unit_surface, mult  # unknown or garbled unit: kept as written
    per = per_rows().get(found.per) if found.per else None
    if per is not None:  # compound unit: <numerator unit>/<denominator> (万元/人 → CNY/person)
        count = _multiplier(found.per_multiplier)
        den = per.name if count == 1 else f"{count}{per.name}"  # 部/百人 → count/100person
        return f"{row.unit}/{den}", mult * row.factor / per.factor
    return row.unit, mult * row.factor


def _value(found: Found, surface: str) -> Decimal | None:
    if found.kind == "fraction":
        return fraction_percent(surface, found.denominator)
    if found.kind == "doubling":
        n = _DOUBLING.get(surface) or (int(surface) if surface.isdigit() else 1)
        return Decimal(2**n)
    if found.kind == "number" and not surface:
        return Decimal(1)  # bare multiplier: 亿元以上
    return parse_number(surface)


def parse_found(norm: NormText, found: Found) -> Quantity:
    """Surface → Quantity with spans in ORIGINAL coordinates.

    Raises ``ValueError`` only if ``found`` did not come from :func:`find_spans`
    (its number does not parse); ``extract_quantities`` never passes such one.
    """
    unit, factor = unit_and_factor(found)
    lo = _value(found, found.number_text)
    if lo is None:
        raise ValueError(f"unparsable number {found.number_text!r}")
    hi: Decimal | None = None
    if found.number_max_text:
        hi = _value(found, found.number_max_text)
        if hi is not None:
            hi = clean_decimal(hi * factor)
    span = norm.to_orig(*found.span)
    unit_text = found.unit_text
    if found.unit_text_span is not None:  # as written in the original (％, not %)
        us, ue = norm.to_orig(*found.unit_text_span)
        unit_text = _unit_text(norm.orig, (us, ue), found.infix)
    return Quantity(
        span=span,
        text=norm.orig[span[0] : span[1]],
        value=clean_decimal(lo * factor),
        value_max=hi,
        unit=unit,
        unit_text=unit_text,
        qualifier=_qualifier(found),
        negative=found.minus,
        number_span=norm.to_orig(*found.number),
    )
