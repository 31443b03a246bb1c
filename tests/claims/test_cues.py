"""Invariants of resources/claim_cues.tsv and the patterns built from it."""

from __future__ import annotations

import pytest

from policyparse.claims.cues import KINDS, load_cues, patterns
from policyparse.resources import load_tsv


def test_kinds_known_and_pairs_unique() -> None:
    seen: set[tuple[str, str]] = set()
    for row in load_tsv("claim_cues.tsv"):
        assert row["kind"] in KINDS, row
        key = (row["kind"], row["surface"])
        assert key not in seen, key
        seen.add(key)


def test_directions_are_up_or_down() -> None:
    cues = load_cues()
    for kind in ("growth", "compare"):
        for surface, value in cues.of(kind).items():
            assert value in ("", "up", "down"), (kind, surface)
    assert all(v in ("up", "down") for v in cues.of("growth").values())


@pytest.mark.parametrize(
    ("text", "period"),
    [
        pytest.param("今年上半年,", "今年上半年", id="this-year-half"),
        pytest.param("1-7月,", "1-7月", id="months"),
        pytest.param("2022年,", "2022年", id="year"),
        pytest.param("一九五七年", "一九五七年", id="cn-year"),
        pytest.param("十二五时期", "十二五时期", id="plan"),
        pytest.param("“十四五”期间", "“十四五”期间", id="plan-quoted"),
        pytest.param("2014年末", "2014年末", id="year-end"),
        pytest.param("2010年以来", "2010年以来", id="since"),
        pytest.param("五年内", "五年内", id="years-within"),
        pytest.param("平均每年", "平均每年", id="annual-average"),
    ],
)
def test_period_pattern(text: str, period: str) -> None:
    m = patterns().period.search(text)
    assert m is not None and m.group("period") == period


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("比上年", id="baseline-year"),
        pytest.param("上年同期", id="same-period"),
        pytest.param("2017年4月1日", id="date"),
        pytest.param("全年任务", id="task-noun"),
        pytest.param("一九五二年", id="no-plan-inside-year"),
    ],
)
def test_not_a_period(text: str) -> None:
    hits = [m.group("period") for m in patterns().period.finditer(text)]
    if text == "一九五二年":
        assert hits == ["一九五二年"]
    else:
        assert hits == []
