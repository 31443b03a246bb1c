"""The seed's figures exactly, none of its traps; every corpus document runs clean."""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path

import pytest

from policyparse.quantities import extract_quantities

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SEED = CORPUS / "000_3da7e75e57ff61a1.txt"


def _read(path: Path) -> str:
    raw = path.read_bytes()
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = raw.decode("gb18030")
    return decoded.replace("\r\n", "\n").replace("\r", "\n")


# (surface, value, unit, qualifier) in document order: the seed's 23 real figures.
SEED_FIGURES = [
    ("45.56亿元", "4556000000", "CNY", "exact"),
    ("41.07%", "41.07", "%", "exact"),
    ("28.47个百分点", "28.47", "pp", "exact"),
    ("12.6%", "12.6", "%", "exact"),
    ("5.1个百分点", "5.1", "pp", "exact"),
    ("290家", "290", "count", "exact"),
    ("85.8%", "85.8", "%", "exact"),
    ("61.2%", "61.2", "%", "exact"),
    ("5家", "5", "count", "exact"),
    ("35.71%", "35.71", "%", "exact"),
    ("10家", "10", "count", "exact"),
    ("35.71%", "35.71", "%", "exact"),
    ("300%", "300", "%", "exact"),
    ("10%左右", "10", "%", "about"),
    ("15%左右", "15", "%", "about"),
    ("20%左右", "20", "%", "about"),
    ("17.5平方公里", "17.5", "km2", "exact"),
    ("300亿元以上", "30000000000", "CNY", "at_least"),
    ("10亿元", "1000000000", "CNY", "exact"),
    ("260万平方米", "2600000", "m2", "exact"),
    ("10个", "10", "count", "exact"),
    ("20个", "20", "count", "exact"),
    ("100台以上", "100", "count", "at_least"),
]

SEED_TRAPS = [
    "二十大",
    "三个一批",
    "八大",
    "六大",
    "3D",
    "一批",
    "一对一",
    "一张网",
    "万人助万企",
    "三季度",
    "8月1日",
    "2022年",
]


def _expected_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for surface, *_ in SEED_FIGURES:
        i = text.index(surface, pos)
        spans.append((i, i + len(surface)))
        pos = i + len(surface)
    return spans


def test_seed_figures_exact_spans() -> None:
    text = _read(SEED)
    quantities, warnings = extract_quantities(text)
    assert [q.span for q in quantities] == _expected_spans(text)
    got = [(q.text, q.value, q.unit, q.qualifier.value) for q in quantities]
    want = [(s, Decimal(v), u, ql) for s, v, u, ql in SEED_FIGURES]
    assert got == want
    assert warnings == []


@pytest.mark.parametrize("trap", [pytest.param(t, id=t) for t in SEED_TRAPS])
def test_seed_traps_not_hit(trap: str) -> None:
    text = _read(SEED)
    quantities, _ = extract_quantities(text)
    start = 0
    while (i := text.find(trap, start)) >= 0:
        for q in quantities:
            assert q.span[1] <= i or q.span[0] >= i + len(trap), (trap, q.text)
        start = i + 1


DOCS = sorted(p for p in CORPUS.glob("*.txt"))


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in DOCS])
def test_corpus_document_runs_clean(path: Path) -> None:
    text = _read(path)
    quantities, warnings = extract_quantities(text)
    for q in quantities:
        assert text[q.span[0] : q.span[1]] == q.text
        assert q.number_span is not None
        assert q.span[0] <= q.number_span[0] <= q.number_span[1] <= q.span[1]
        assert q.value >= 0
        assert q.value_max is None or q.value_max >= q.value
    spans = [q.span for q in quantities]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    for w in warnings:
        assert w.span is not None and 0 <= w.span[0] <= w.span[1] <= len(text)
