"""Invariants of resources/indicators.tsv and the lookup rule."""

from __future__ import annotations

import pytest

from policyparse.claims.taxonomy import indicator_id, indicator_ids, surfaces
from policyparse.resources import load_tsv


def test_at_least_30_ids() -> None:
    assert len(indicator_ids()) >= 30


def test_no_surface_twice() -> None:
    rows = [r["surface"] for r in load_tsv("indicators.tsv")]
    assert len(rows) == len(set(rows))


def test_ids_are_snake_case() -> None:
    for ident in indicator_ids():
        assert ident.replace("_", "").isalnum() and ident.islower(), ident


def test_every_surface_maps_to_its_id() -> None:
    for surface, ident in surfaces().items():
        assert indicator_id(surface) == ident


@pytest.mark.parametrize(
    ("phrase", "want"),
    [
        pytest.param("生产总值", "gdp", id="gdp"),
        pytest.param("地区生产总值", "gdp", id="gdp-regional"),
        pytest.param("GDP", "gdp", id="gdp-latin"),
        pytest.param("规上工业增加值", "industrial_value_added", id="ivA-short"),
        pytest.param("规模以上工业增加值", "industrial_value_added", id="ivA-long"),
        pytest.param("全县外贸出口总额", "exports", id="suffix-match"),
        pytest.param("外贸出口企业", None, id="middle-is-not-head"),
        pytest.param("城镇居民人均可支配收入", "disposable_income_urban", id="urban-income"),
        pytest.param("一般公共预算收入", "public_budget_revenue", id="budget-revenue"),
        pytest.param("燃煤锅炉", None, id="short-surface-no-suffix"),
        pytest.param(None, None, id="none"),
    ],
)
def test_lookup(phrase: str | None, want: str | None) -> None:
    assert indicator_id(phrase) == want
