"""Golden spec cases: tests/specs/quantities_<family>.jsonl, one pytest.param per line."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from policyparse.quantities import extract_quantities

SPECS = Path(__file__).resolve().parent.parent / "specs"


def _cases() -> list[Any]:
    params = []
    for path in sorted(SPECS.glob("quantities_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                params.append(pytest.param(case, id=f"{path.stem[11:]}:{case['id']}"))
    return params


CASES = _cases()


def test_enough_cases() -> None:
    assert len(CASES) >= 300


@pytest.mark.parametrize("case", CASES)
def test_spec(case: dict[str, Any]) -> None:
    text = case["text"]
    quantities, _ = extract_quantities(text)
    got = [
        {
            "text": q.text,
            "value": q.value,
            "value_max": q.value_max,
            "unit": q.unit,
            "unit_text": q.unit_text,
            "qualifier": q.qualifier.value,
        }
        for q in quantities
    ]
    want = [
        {
            **e,
            "value": Decimal(str(e["value"])),
            "value_max": None if e["value_max"] is None else Decimal(str(e["value_max"])),
        }
        for e in case["expect"]
    ]
    assert got == want
    for q in quantities:
        assert text[q.span[0] : q.span[1]] == q.text
