"""Extraction cost is linear in the length of the text, checked without timing.

The work of a run is counted as the Python lines it executes (``sys.settrace``
line events, which fire once per loop iteration too, comprehensions included):
a deterministic count, not a timing.  A document made of k copies of a real
report must cost the same per added copy whether it is the 2nd copy or the
8th: a scan over all sentences per claim, a search of all claims per task or a
slice from offset 0 per item makes later copies dearer and fails this (the code
before the speed work measured 1.04–1.20 on these documents; linear code 1.00).
See ``docs/performance.md``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from policyparse import extract

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
_SLACK = 1.03  # a late copy may cost 3 % more than an early one


def _lines_executed(fn: Callable[[], object]) -> int:
    """Number of Python line events while ``fn`` runs (deterministic, not a timing)."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def glob(frame: FrameType, event: str, arg: Any) -> Any:
        return local

    old = sys.gettrace()
    sys.settrace(glob)
    try:
        fn()
    finally:
        sys.settrace(old)
    return count


def _report_piece(name: str, chars: int) -> str:
    """The first ``chars`` characters of a corpus document, cut at a line end."""
    text = (CORPUS / name).read_text(encoding="utf-8").lstrip("\ufeff")
    cut = text.rfind("\n", 0, chars)
    return text[: cut if cut > 0 else chars]


@pytest.mark.parametrize(
    ("name", "chars"),
    [
        pytest.param("000_3da7e75e57ff61a1.txt", 3000, id="news-report-seed"),
        pytest.param("016.txt", 2500, id="county-work-report"),
        pytest.param("008.txt", 6000, id="provincial-report-with-menus"),
        pytest.param("021.txt", 2500, id="stats-bulletin-tables"),
        pytest.param("026.txt", 2500, id="five-year-plan-no-stops"),
    ],
)
def test_each_added_copy_costs_the_same(name: str, chars: int) -> None:
    piece = _report_piece(name, chars)
    extract(piece)  # load tables and dictionaries outside the count

    def cost(copies: int) -> int:
        text = "\n\n".join([piece] * copies)
        return _lines_executed(lambda: extract(text))

    one, two, four, eight = cost(1), cost(2), cost(4), cost(8)
    early = two - one  # the 2nd copy
    late = (eight - four) / 4  # each of the 5th … 8th copies
    assert early > 0.5 * one, "the count must measure the work (more text, more lines)"
    assert late <= _SLACK * early, f"a late copy costs {late / early:.3f}× an early one"
