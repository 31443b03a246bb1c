"""Invariants of the quantity tables: units, numerals, qualifiers, traps."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation

import pytest

from policyparse.resources import load_tsv

CANONICAL = {
    "CNY",
    "USD",
    "EUR",
    "HKD",
    "JPY",
    "GBP",
    "%",
    "pp",
    "permille",
    "count",
    "km2",
    "m2",
    "mu",
    "ha",
    "km",
    "m",
    "t",
    "kg",
    "jin",
    "kW",
    "kWh",
    "tce",
    "m3",
    "ug/m3",
    "TEU",
    "x",
    "day",
    "month",
    "quarter",
    "year",
    "hour",
    "minute",
    "t-km",
    "person-km",
    "hp",
    "index",
}
TABLES = ["units.tsv", "numerals.tsv", "qualifiers.tsv", "traps.tsv"]


@pytest.mark.parametrize("name", TABLES)
def test_no_surface_twice(name: str) -> None:
    rows = load_tsv(name)
    key = ("surface", "position") if name == "qualifiers.tsv" else ("surface",)
    counts = Counter(tuple(r[k] for k in key) for r in rows)
    assert [k for k, n in counts.items() if n > 1] == []
    assert all(r["surface"] for r in rows)


def test_every_unit_has_dimension_and_factor() -> None:
    for row in load_tsv("units.tsv"):
        assert row["dimension"], row
        try:
            factor = Decimal(row["factor"])
        except InvalidOperation:
            pytest.fail(f"bad factor in {dict(row)}")
        assert factor > 0
        assert row["unit"] in CANONICAL, row
        assert row["kind"] in {
            "money",
            "percent",
            "pp",
            "permille",
            "count",
            "measure",
            "multiple",
            "duration",
            "duration_ctx",
            "lead",
        }


def test_fullwidth_digits_equal_ascii_twin() -> None:
    table = {r["surface"]: r for r in load_tsv("numerals.tsv")}
    for d in "0123456789":
        full = chr(ord(d) + 0xFEE0)
        assert table[full]["value"] == table[d]["value"] == d
        assert table[full]["kind"] == table[d]["kind"] == "digit"


def test_numeral_kinds() -> None:
    for row in load_tsv("numerals.tsv"):
        assert row["kind"] in {"digit", "small", "big", "point"}
        if row["kind"] != "point":
            Decimal(row["value"])


def test_qualifiers_valid() -> None:
    for row in load_tsv("qualifiers.tsv"):
        assert row["qualifier"] in {"about", "at_least", "more_than", "at_most", "less_than"}
        assert row["position"] in {"prefix", "suffix", "infix", "hint"}


def test_traps_valid() -> None:
    for row in load_tsv("traps.tsv"):
        assert row["kind"] in {"word", "after", "before", "class", "unit_class"}
        assert row["reason"] in {
            "name",
            "ordinal",
            "rank",
            "determiner",
            "structure",
            "period",
            "other",
        }


def test_per_units_are_count_classifiers_listed_once() -> None:
    units = {r["surface"]: r for r in load_tsv("units.tsv")}
    rows = load_tsv("per_units.tsv")
    counts = Counter(r["surface"] for r in rows)
    assert [k for k, n in counts.items() if n > 1] == []
    for row in rows:
        assert row["surface"] in units, row
        assert units[row["surface"]]["kind"] == "count", row
        assert row["per"] and "/" not in row["per"] and " " not in row["per"], row
