"""The quantity layer: find and parse every quantity mention in report text.

>>> from policyparse.quantities import extract_quantities
>>> qs, warnings = extract_quantities("完成45.56亿元,增速41.07%")
>>> [(q.text, q.value, q.unit) for q in qs]
[('45.56亿元', Decimal('4556000000'), 'CNY'), ('41.07%', Decimal('41.07'), '%')]
"""

from __future__ import annotations

from ..errors import WarningCode
from ..records import Quantity, Warning
from ..segment.normalize import NormText, normalize
from .find import Found, find_spans
from .numerals import parse_number
from .parse import parse_found

__all__ = ["Found", "extract_quantities", "find_spans", "parse_found", "parse_number"]

_MESSAGES = {
    WarningCode.UNKNOWN_UNIT.value: "unit not in units.tsv, kept as written",
    WarningCode.GARBLED_UNIT.value: "garbled unit after a number, kept as written",
    WarningCode.REPLACEMENT_CHAR.value: "U+FFFD next to a number: the value may be cut",
    WarningCode.UNPARSED_NUMBER.value: "numeral would not parse",
}


def extract_quantities(text: str, norm: NormText | None = None) -> tuple[list[Quantity], list[Warning]]:
    """Every quantity in ``text`` (spans into ``text``) and what looked odd. Never raises."""
    if not isinstance(text, str):
        return [], []
    if norm is None or norm.orig != text:
        norm = normalize(text)
    quantities: list[Quantity] = []
    warnings: list[Warning] = []
    for found in find_spans(norm):
        span = norm.to_orig(*found.span)
        try:
            q = parse_found(norm, found)
        except (ValueError, ArithmeticError) as exc:
            warnings.append(
                Warning(
                    code=WarningCode.UNPARSED_NUMBER.value,
                    message=f"{_MESSAGES[WarningCode.UNPARSED_NUMBER.value]}: {exc}",
                    span=span,
                )
            )
            continue
        quantities.append(q)
        for code in found.warnings:
            warnings.append(Warning(code=code, message=f"{_MESSAGES.get(code, code)}: {q.text!r}", span=span))
    return quantities, warnings
