"""Tasks layer: golden sentence/passage spec, clause rules, document-level scores."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from policyparse.pipeline import segment
from policyparse.records import Claim, Document, Modality, Status
from policyparse.segment.normalize import normalize
from policyparse.tasks.directives import (
    analyse_clause,
    find_deadline,
    find_tasks,
    mode_of,
)

SPECS = Path(__file__).parents[1] / "specs"
CORPUS = Path(__file__).parents[2] / "corpus"


def _spec_cases() -> list[Any]:
    cases = []
    for path in sorted(SPECS.glob("tasks_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            marks = []
            if case.get("xfail"):
                marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
            cases.append(pytest.param(case, id=case["id"], marks=marks))
    return cases


def _tasks(text: str, claims: list[Claim] | None = None) -> Document:
    doc = segment(text)
    if claims:
        doc = doc.model_copy(update={"claims": claims})
    norm = normalize(text)
    return Document.model_validate({**doc.model_dump(), "tasks": find_tasks(doc, norm)})


def test_spec_has_enough_cases() -> None:
    cases = _spec_cases()
    assert len(cases) >= 40
    negatives = [c for c in cases if not c.values[0]["tasks"]]
    assert len(negatives) >= 10


@pytest.mark.parametrize("case", _spec_cases())
def test_spec(case: dict[str, Any]) -> None:
    doc = _tasks(case["text"])
    got = [
        {
            "text": t.text,
            "area": t.area,
            "modality": t.modality.value,
            "deadline": t.deadline,
            **({"actions": t.actions} if "actions" in exp else {}),
        }
        for t, exp in zip(doc.tasks, case["tasks"] + [{}] * len(doc.tasks), strict=False)
    ]
    want = [{k: v for k, v in exp.items()} for exp in case["tasks"]]
    assert got == want


@pytest.mark.parametrize(
    ("clause", "kind", "action"),
    [
        pytest.param(
            "力争全年建成10个示范智能工厂", "directive", "建成10个示范智能工厂", id="strip-modal"
        ),
        pytest.param("同时加快基础设施建设", "directive", "加快基础设施建设", id="connective"),
        pytest.param("全区上下要加强领导", "directive", "加强领导", id="subject-modal"),
        pytest.param("持续强化企业培育", "directive", "持续强化企业培育", id="adverb-kept"),
        pytest.param("三季度是“黄金季”", "copula", None, id="copula"),
        pytest.param("对于下半年经济运行", "neutral", None, id="coverb"),
        pytest.param("也要看到工作中存在的问题", "other", None, id="nonaction"),
        pytest.param("生产总值增速达10%左右", "other", None, id="plain-figure"),
        pytest.param("五年内", "neutral", None, id="time-only"),
        pytest.param("（2）提高优质钢的比重", "directive", "提高优质钢的比重", id="list-mark"),
    ],
)
def test_analyse_clause(clause: str, kind: str, action: str | None) -> None:
    got_kind, start = analyse_clause(clause)
    assert got_kind == kind
    assert (None if start is None else clause[start:]) == action


@pytest.mark.parametrize(
    ("heading", "year", "mode"),
    [
        pytest.param("一、2017年工作回顾", 2018, "retro", id="review-cue"),
        pytest.param("三、2018年重点工作", 2018, "plan", id="plan-cue"),
        pytest.param("（一）一九五七年经济战线上的胜利", 1958, "retro", id="victory"),
        pytest.param("二、对今年政府工作的建议", 2003, "plan", id="proposal"),
        pytest.param("（三）城乡规划建设管理持续深入推进。", 2018, None, id="no-cue"),
    ],
)
def test_mode_of(heading: str, year: int, mode: str | None) -> None:
    assert mode_of(heading, year) == mode


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        pytest.param("确保年底交付", "年底", id="year-end"),
        pytest.param("到2020年基本建成", "到2020年", id="by-year"),
        pytest.param("在1985年前建成", "1985年前", id="before-year"),
        pytest.param("五年内发射气象卫星", "五年内", id="n-years"),
        pytest.param("“六五”期间要认真贯彻", "“六五”期间", id="plan-period"),
        pytest.param("确保完成“全年红”“全年稳”的目标", None, id="slogan-not-deadline"),
        pytest.param("抓住三季度决战下半年", "下半年", id="last-wins"),
        pytest.param("对于下半年经济运行,把上半年耽误的抢回来", "下半年", id="clause-head-wins"),
        pytest.param("上年底完成", None, id="last-year-end-is-past"),
    ],
)
def test_find_deadline(text: str, deadline: str | None) -> None:
    span = find_deadline(text, 0, len(text), None)
    assert (None if span is None else text[span[0]:span[1]]) == deadline


def test_deadline_over_at_document_date_is_skipped() -> None:
    import datetime as dt

    text = "把上半年耽误的时间抢回来"
    assert find_deadline(text, 0, len(text), dt.date(2022, 8, 1)) is None
    assert find_deadline(text, 0, len(text), dt.date(2022, 2, 1)) == (1, 4)


def _claim(cid: str, text: str, whole: str, status: Status) -> Claim:
    s = whole.index(text)
    return Claim(
        id=cid, span=(s, s + len(text)), text=text, value=Decimal(1), unit="count",
        unit_text="个", status=status, sentence=(0, len(whole)),
    )


def test_targets_are_the_target_claims_in_the_sentence() -> None:
    text = (
        "加快制造业智能化改造,力争全年建成10个示范智能工厂。"
        "立足调规后增加的17.5平方公里区域,力争带动投资300亿元以上。"
    )
    claims = [
        _claim("c0", "10个", text, Status.TARGET),
        _claim("c1", "17.5平方公里", text, Status.ACTUAL),
        _claim("c2", "300亿元以上", text, Status.TARGET),
    ]
    doc = _tasks(text, claims)
    assert [t.targets for t in doc.tasks] == [["c0"], ["c2"]]
    assert [t.modality for t in doc.tasks] == [Modality.STRIVE, Modality.STRIVE]


def test_sentence_of_achieved_figures_is_not_a_task() -> None:
    text = "全市情况如下，各项工作推进有力。建设大中型沼气工程109处。"
    claims = [_claim("c0", "109处", text, Status.ACTUAL)]
    assert _tasks(text, claims).tasks == []
    assert [t.text for t in _tasks(text).tasks] == ["建设大中型沼气工程109处。"]


def test_task_ids_and_spans_hold() -> None:
    text = "要推动产业转型升级厚植发展优势。强化产业链招商,引进一批企业。加快新兴产业发展。"
    doc = _tasks(text)
    assert [t.id for t in doc.tasks] == ["t0", "t1"]
    for t in doc.tasks:
        assert text[t.span[0]:t.span[1]] == t.text


def test_no_tasks_in_empty_or_odd_text() -> None:
    for text in ["", "。。。", "\n\n", "１２３", "要。"]:
        assert isinstance(_tasks(text).tasks, list)


def _gold_f1(name: str) -> float:
    from policyparse.evaluate import evaluate, read_document_text

    def extractor(path: Path) -> Document:
        text = read_document_text(path)
        return _tasks(text)

    report = evaluate(CORPUS, extractor=extractor)
    row = {d.file: d for d in report.per_document}[name]
    f1 = row.scores.tasks.f1
    assert f1 is not None
    return f1


@pytest.mark.parametrize(
    ("name", "floor"),
    [
        pytest.param("000_3da7e75e57ff61a1.txt", 0.9, id="seed"),
        pytest.param("016.txt", 0.9, id="county-report"),
        pytest.param("026.txt", 0.9, id="five-year-plan"),
    ],
)
def test_task_f1_on_gold(name: str, floor: float) -> None:
    if not (CORPUS / name.replace(".txt", ".gold.jsonl")).exists():
        pytest.skip("gold file not present")
    assert _gold_f1(name) >= floor
