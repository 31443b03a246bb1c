"""link_claims: hand-built quantities, gold documents of the corpus."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from policyparse.claims import link_claims
from policyparse.pipeline import segment
from policyparse.records import Quantity
from policyparse.segment.normalize import normalize

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SEED = "000_3da7e75e57ff61a1"


def _q(text: str, surface: str, value: str, unit: str, unit_text: str, nth: int = 0) -> Quantity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Quantity(
        span=(start, start + len(surface)),
        text=surface,
        value=Decimal(value),
        unit=unit,
        unit_text=unit_text,
    )


def _link(text: str, quantities: list[Quantity]):  # type: ignore[no-untyped-def]
    doc = segment(text)
    return link_claims(doc, quantities, normalize(text))


def test_hand_built_quantities() -> None:
    text = "某县政府工作报告\n\n今年上半年，工业投资高速增长，完成45.56亿元，增速41.07%。"
    claims, warnings = _link(
        text,
        [_q(text, "45.56亿元", "4556000000", "CNY", "亿元"), _q(text, "41.07%", "41.07", "%", "%")],
    )
    assert warnings == []
    assert [(c.indicator, c.measure.value, c.period) for c in claims] == [
        ("工业投资", "level", "今年上半年"),
        ("工业投资", "growth", "今年上半年"),
    ]
    assert [c.id for c in claims] == ["c1", "c2"]
    for c in claims:
        assert text[c.span[0] : c.span[1]] == c.text
        assert c.sentence[0] <= c.span[0] <= c.span[1] <= c.sentence[1]


def test_quantity_outside_sentences_is_dropped() -> None:
    text = "2022年工作报告\n\n一、2022年工作回顾\n\n全年增长5%。"
    heading_q = _q(text, "2022", "2022", "count", "")
    claims, _ = _link(text, [heading_q, _q(text, "5%", "5", "%", "%")])
    assert [c.text for c in claims] == ["5%"]


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        pytest.param("五年来，我们完成了工作。", "五年", id="years-since"),
        pytest.param("今后五年，要完成任务。", "五年", id="next-years"),
    ],
)
def test_period_durations_are_not_claims(sentence: str, surface: str) -> None:
    text = "某县政府工作报告\n\n" + sentence
    claims, _ = _link(text, [_q(text, surface, "5", "year", "年")])
    assert claims == []


def test_streak_is_a_claim() -> None:
    text = "某县政府工作报告\n\n我县连续7年获评全国文明县城。"
    claims, _ = _link(text, [_q(text, "7年", "7", "year", "年")])
    assert [(c.text, c.unit, c.indicator) for c in claims] == [("7年", "year", "全国文明县城")]


def test_index_unit_from_bare_number() -> None:
    text = "某市统计公报\n\n全年居民消费价格指数为100.7。"
    q = _q(text, "100.7", "100.7", "", "")
    claims, _ = _link(text, [q])
    assert [(c.unit, c.measure.value, c.indicator) for c in claims] == [
        ("index", "level", "居民消费价格指数")
    ]


def evaluate_one(evaluate: Any, name: str) -> Any:
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for suffix in (".txt", ".gold.jsonl"):
            shutil.copy(CORPUS / f"{name}{suffix}", Path(tmp) / f"{name}{suffix}")
        return evaluate(tmp)


def _gold_exists(name: str) -> bool:
    return (CORPUS / f"{name}.gold.jsonl").is_file()


@pytest.mark.skipif(not _gold_exists(SEED), reason="seed gold not present")
def test_seed_gold_exact() -> None:
    """Seed: claim F1 1.0, every claim's value/unit/qualifier/measure/status/year right, 0 traps."""
    import json

    from policyparse.pipeline import extract

    text = (CORPUS / f"{SEED}.txt").read_text(encoding="utf-8-sig")
    doc = extract(text)
    gold = [
        json.loads(line)
        for line in (CORPUS / f"{SEED}.gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    want = {tuple(g["span"]): g for g in gold if g["kind"] == "claim"}
    traps = [tuple(g["span"]) for g in gold if g["kind"] == "non_claim"]
    got = {c.span: c.model_dump(mode="json") for c in doc.claims}
    assert set(got) == set(want)
    fields = (
        "value",
        "unit",
        "qualifier",
        "measure",
        "direction",
        "status",
        "year",
        "period",
        "baseline",
        "indicator",
    )
    for span, g in want.items():
        assert {f: got[span][f] for f in fields} == {f: g[f] for f in fields}, g["text"]
    assert not [s for s in got for t in traps if s[0] < t[1] and t[0] < s[1]]


@pytest.mark.parametrize("name", ["016", "021", "022", "026"])
def test_dev_gold_thresholds(name: str) -> None:
    if not _gold_exists(name):
        pytest.skip(f"{name}.gold.jsonl not present")
    from policyparse.evaluate import evaluate

    report = evaluate_one(evaluate, name)
    table = report.to_table()
    row = next(line for line in table.splitlines() if line.startswith(f"{name}.txt"))
    cells = row.split()
    f1, value_unit = float(cells[5]), float(cells[7])
    assert f1 >= 0.9, table
    assert value_unit >= 0.9, table
