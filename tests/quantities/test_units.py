"""Every row of units.tsv is found after a number and maps to its unit and factor."""

from __future__ import annotations

from decimal import Decimal

import pytest

from policyparse.quantities import extract_quantities
from policyparse.resources import load_tsv

ROWS = [r for r in load_tsv("units.tsv") if r["kind"] not in ("duration_ctx", "lead")]


@pytest.mark.parametrize("row", [pytest.param(r, id=r["surface"]) for r in ROWS])
def test_unit_row_found(row: dict[str, str]) -> None:
    surface = "25" + row["surface"]
    quantities, _ = extract_quantities(f"新增{surface}，")
    assert [q.text for q in quantities] == [surface]
    q = quantities[0]
    assert q.unit == row["unit"]
    assert q.unit_text == row["surface"]
    assert q.value == Decimal(25) * Decimal(row["factor"])


@pytest.mark.parametrize("row", [pytest.param(r, id=r["surface"]) for r in ROWS])
def test_unit_row_with_multiplier(row: dict[str, str]) -> None:
    surface = "1.5万" + row["surface"]
    quantities, _ = extract_quantities(f"达到{surface}。")
    assert [q.text for q in quantities] == [surface]
    assert quantities[0].value == Decimal(15000) * Decimal(row["factor"])
