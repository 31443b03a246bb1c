"""Tests for policyparse.evaluate: gold loading, matching, metrics, report, CLI.

Everything runs on synthetic gold fixtures (tests/data/gold) and hand-built
Documents, so the tests do not depend on the extraction pipeline.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

import policyparse
from policyparse.cli_eval import eval_command
from policyparse.errors import ErrorCode, PolicyParseError
from policyparse.evaluate import (
    EvalReport,
    GoldDocument,
    _char_f1,
    _match_overlap,
    evaluate,
    find_gold_pairs,
    load_gold,
    read_document_text,
    score_document,
)
from policyparse.records import Claim, Document, Task

DATA = Path(__file__).parent / "data" / "gold"
GOLD_A = DATA / "syn_a.gold.jsonl"
GOLD_B = DATA / "syn_b.gold.jsonl"


# --------------------------------------------------------------------------- helpers


def gold_a() -> GoldDocument:
    return load_gold(GOLD_A)


def gold_b() -> GoldDocument:
    return load_gold(GOLD_B)


def doc(
    gold: GoldDocument, claims: list[Claim] | None = None, tasks: list[Task] | None = None
) -> Document:
    """A predicted Document over the gold text."""
    return Document(
        doc_id=gold.file,
        sha256=gold.sha256,
        text=gold.text,
        claims=claims if claims is not None else [],
        tasks=tasks if tasks is not None else [],
    )


def perfect(gold: GoldDocument) -> Document:
    return doc(gold, list(gold.claims), list(gold.tasks))


def pclaim(gold: GoldDocument, cid: str, start: int, end: int, **fields: Any) -> Claim:
    """A predicted claim on text[start:end] (level CNY by default)."""
    values: dict[str, Any] = {
        "value": Decimal(1),
        "unit": "CNY",
        "unit_text": "元",
        "sentence": (0, len(gold.text)),
    }
    values.update(fields)
    return Claim(id=cid, span=(start, end), text=gold.text[start:end], **values)


def ptask(gold: GoldDocument, tid: str, start: int, end: int, **fields: Any) -> Task:
    return Task(id=tid, span=(start, end), text=gold.text[start:end], **fields)


def at(gold: GoldDocument, needle: str) -> tuple[int, int]:
    i = gold.text.index(needle)
    return i, i + len(needle)


def renamed(gold: GoldDocument, prefix: str = "p") -> list[Claim]:
    """Gold claims re-identified as predictions p1, p2 …"""
    return [c.model_copy(update={"id": f"{prefix}{i}"}) for i, c in enumerate(gold.claims, 1)]


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_gold(tmp: Path, name: str, lines: list[dict[str, Any]]) -> Path:
    out = tmp / name
    out.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in lines), "utf-8")
    return out


# --------------------------------------------------------------------------- load_gold


def test_load_gold_reads_fixture() -> None:
    g = gold_a()
    assert (len(g.claims), len(g.tasks), len(g.non_claims)) == (3, 1, 1)
    assert g.windows is None
    assert g.claims[1].value == Decimal("41.07")  # exact, not a binary float
    assert g.claims[0].value == Decimal(4556000000)
    assert g.text[slice(*g.claims[0].span)] == "45.56亿元"
    assert g.date is not None and g.date.isoformat() == "2022-08-01"
    assert gold_b().windows == [(37, 76)]


def _set(line: int, key: str, value: Any) -> Callable[[list[dict[str, Any]]], None]:
    def mutate(lines: list[dict[str, Any]]) -> None:
        lines[line - 1][key] = value

    return mutate


def _insert(line: int, obj: Any) -> Callable[[list[dict[str, Any]]], None]:
    def mutate(lines: list[dict[str, Any]]) -> None:
        lines.insert(line - 1, obj)

    return mutate


def _swap_first_two(lines: list[dict[str, Any]]) -> None:
    lines[0], lines[1] = lines[1], lines[0]


# Lines of syn_a.gold.jsonl: 1 document, 2 c1, 3 c2, 4 c3, 5 t1, 6 non_claim.
BAD_GOLD_CASES = [
    pytest.param(
        _set(2, "text", "45.56万元"), 2, "holds '45.56亿元'", id="claim-text-differs-from-span"
    ),
    pytest.param(
        _set(3, "span", [23, 29]), 3, "that text is at [24, 30)", id="claim-span-shifted-hint"
    ),
    pytest.param(_set(1, "sha256", "0" * 64), 1, "sha256", id="sha256-mismatch"),
    pytest.param(_set(2, "qualifier", "approx"), 2, "qualifier", id="bad-enum-value"),
    pytest.param(_set(2, "colour", "red"), 2, "colour", id="unknown-field"),
    pytest.param(_set(3, "id", "c1"), 3, "duplicate claim id", id="duplicate-claim-id"),
    pytest.param(_set(4, "span", [64, 999]), 4, "outside the text", id="span-out-of-bounds"),
    pytest.param(_set(4, "sentence", [0, 31]), 4, "does not hold", id="sentence-not-holding-claim"),
    pytest.param(_set(5, "targets", ["c9"]), 5, "c9", id="task-target-unknown"),
    pytest.param(_set(6, "reason", "slogan"), 6, "reason", id="non-claim-bad-reason"),
    pytest.param(_set(5, "kind", "promise"), 5, "unknown kind", id="unknown-kind"),
    pytest.param(
        _set(1, "windows", [[40, 75]]), 2, "outside every window", id="claim-outside-window"
    ),
    pytest.param(_set(1, "windows", [[5, 5]]), 1, "window", id="empty-window"),
    pytest.param(
        _set(1, "file", "missing.txt"), 1, "cannot read the document", id="document-missing"
    ),
    pytest.param(_swap_first_two, 1, "first line", id="first-line-not-document"),
    pytest.param(
        _insert(3, {"kind": "document", "file": "x"}), 3, "second document", id="two-documents"
    ),
    pytest.param(_set(1, "date", "2022-13-01"), 1, "date", id="bad-date"),
]


@pytest.mark.parametrize(("mutate", "line", "phrase"), BAD_GOLD_CASES)
def test_load_gold_rejects_bad_line(
    tmp_path: Path, mutate: Callable[[list[dict[str, Any]]], None], line: int, phrase: str
) -> None:
    shutil.copy(DATA / "syn_a.txt", tmp_path / "syn_a.txt")
    lines = read_lines(GOLD_A)
    mutate(lines)
    path = write_gold(tmp_path, "syn_a.gold.jsonl", lines)
    with pytest.raises(PolicyParseError) as info:
        load_gold(path)
    err = info.value
    assert err.code is ErrorCode.BAD_GOLD
    assert f"syn_a.gold.jsonl:{line}: " in str(err)
    assert phrase in str(err)


def test_load_gold_rejects_invalid_json_naming_line(tmp_path: Path) -> None:
    shutil.copy(DATA / "syn_a.txt", tmp_path / "syn_a.txt")
    raw = GOLD_A.read_text(encoding="utf-8").splitlines()
    raw[2] = raw[2][:-1]  # drop the closing brace of line 3
    path = tmp_path / "syn_a.gold.jsonl"
    path.write_text("\n".join(raw) + "\n", encoding="utf-8")
    with pytest.raises(PolicyParseError, match=r"syn_a\.gold\.jsonl:3: not valid JSON"):
        load_gold(path)


@pytest.mark.parametrize(
    ("text_edit", "ok"),
    [
        pytest.param(lambda t: t, True, id="same-text"),
        pytest.param(lambda t: t.replace("45.56", "45.57"), False, id="changed-text"),
    ],
)
def test_load_gold_with_given_text_checks_sha(text_edit: Callable[[str], str], ok: bool) -> None:
    text = text_edit((DATA / "syn_a.txt").read_text(encoding="utf-8"))
    if ok:
        assert load_gold(GOLD_A, text=text).text == text
    else:
        with pytest.raises(PolicyParseError, match=r"syn_a\.gold\.jsonl:1: sha256"):
            load_gold(GOLD_A, text=text)


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("utf-8"), id="utf8"),
        pytest.param(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), id="utf8-bom"),
        pytest.param(lambda t: t.encode("gb18030"), id="gb18030"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode("gb18030"), id="cr-gb18030"),
    ],
)
def test_read_document_text_matches_gold_offsets(
    tmp_path: Path, encode: Callable[[str], bytes]
) -> None:
    text = (DATA / "syn_a.txt").read_text(encoding="utf-8")
    (tmp_path / "syn_a.txt").write_bytes(encode(text))
    assert read_document_text(tmp_path / "syn_a.txt") == text
    shutil.copy(GOLD_A, tmp_path / "syn_a.gold.jsonl")
    assert (
        load_gold(tmp_path / "syn_a.gold.jsonl").sha256 == hashlib.sha256(text.encode()).hexdigest()
    )


def test_find_gold_pairs_fixture_dir() -> None:
    assert find_gold_pairs(DATA) == [
        (DATA / "syn_a.txt", GOLD_A),
        (DATA / "syn_b.txt", GOLD_B),
    ]


@pytest.mark.parametrize(
    ("gold_name", "file_field", "expected"),
    [
        pytest.param("doc1.gold.jsonl", None, "doc1.txt", id="x-txt-by-name"),
        pytest.param("doc1.gold.jsonl", "other.txt", "other.txt", id="file-field-wins"),
    ],
)
def test_find_gold_pairs_resolves_document(
    tmp_path: Path, gold_name: str, file_field: str | None, expected: str
) -> None:
    for name in ("doc1.txt", "other.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    header: dict[str, Any] = {"kind": "document", "sha256": "0"}
    if file_field is not None:
        header["file"] = file_field
    write_gold(tmp_path, gold_name, [header])
    assert find_gold_pairs(tmp_path) == [(tmp_path / expected, tmp_path / gold_name)]


def test_find_gold_pairs_missing_document_is_named(tmp_path: Path) -> None:
    write_gold(
        tmp_path, "lost.gold.jsonl", [{"kind": "document", "file": "lost.txt", "sha256": "0"}]
    )
    with pytest.raises(PolicyParseError, match=r"lost\.gold\.jsonl:1: .*lost\.txt"):
        find_gold_pairs(tmp_path)


# --------------------------------------------------------------------------- claim matching


@pytest.mark.parametrize(
    ("pred_spans", "overlap_prf", "exact_prf"),
    [
        pytest.param([], (0, 0, 3), (0, 0, 3), id="nothing-predicted"),
        pytest.param(["45.56亿元", "41.07%", "10个"], (3, 0, 0), (3, 0, 0), id="all-exact"),
        pytest.param(["45.56", "41.07%", "10个"], (3, 0, 0), (2, 1, 1), id="number-without-unit"),
        pytest.param(["资45.56亿元，", "41.07%"], (2, 0, 1), (1, 1, 2), id="too-wide-and-missing"),
        pytest.param(
            ["45.56亿元", "45.56亿元"], (1, 1, 2), (1, 1, 2), id="duplicate-pred-one-match"
        ),
        pytest.param(["上半年", "41.07%"], (1, 1, 2), (1, 1, 2), id="false-hit"),
    ],
)
def test_claim_detection_overlap_and_exact(
    pred_spans: list[str], overlap_prf: tuple[int, int, int], exact_prf: tuple[int, int, int]
) -> None:
    g = gold_a()
    preds = []
    for i, needle in enumerate(pred_spans):
        s, e = at(g, needle)
        preds.append(pclaim(g, f"p{i}", s, e))
    score = score_document(doc(g, preds), g).scores
    assert (score.claims.tp, score.claims.fp, score.claims.fn) == overlap_prf
    assert (score.claims_exact.tp, score.claims_exact.fp, score.claims_exact.fn) == exact_prf


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        pytest.param(
            [(10, 20), (20, 30)], [(12, 28), (25, 30)], {0: 0, 1: 1}, id="tie-goes-to-gold-order"
        ),
        pytest.param([(10, 20), (20, 30)], [(18, 29)], {1: 0}, id="largest-overlap-wins"),
        pytest.param([(10, 20)], [(9, 11), (19, 21)], {0: 0}, id="tie-goes-to-pred-order"),
        pytest.param([(10, 20)], [(0, 11), (19, 21)], {0: 1}, id="tie-goes-to-closer-span"),
        pytest.param(
            [(0, 10), (8, 12)], [(2, 10), (0, 1)], {0: 1, 1: 0}, id="augmenting-adds-a-match"
        ),
        pytest.param([(10, 20)], [(0, 10), (20, 30)], {}, id="touching-is-not-overlap"),
        pytest.param([(10, 20), (12, 14)], [(12, 14)], {1: 0}, id="exact-inner-beats-outer"),
    ],
)
def test_greedy_overlap_matching(
    gold: list[tuple[int, int]], pred: list[tuple[int, int]], expected: dict[int, int]
) -> None:
    assert _match_overlap(gold, pred) == expected


# --------------------------------------------------------------------------- claim fields

C1_CHANGES = [
    pytest.param({"value": Decimal("4556000000.001")}, None, id="value-within-tolerance"),
    pytest.param({"value": Decimal(4555995444)}, None, id="value-at-tolerance-edge"),
    pytest.param({"value": Decimal(4556004557)}, "value_unit", id="value-beyond-tolerance"),
    pytest.param({"value": Decimal("45.56")}, "value_unit", id="multiplier-not-applied"),
    pytest.param({"value_max": Decimal(5000000000)}, "value_unit", id="value-max-only-in-pred"),
    pytest.param({"unit": "USD"}, "value_unit", id="wrong-unit"),
    pytest.param({"qualifier": "about"}, "qualifier", id="qualifier"),
    pytest.param({"measure": "growth"}, "measure", id="measure"),
    pytest.param({"direction": "up"}, "direction", id="direction"),
    pytest.param({"status": "target"}, "status", id="status"),
    pytest.param({"period": "上半年"}, "period", id="period"),
    pytest.param({"year": 2021}, "year", id="year"),
    pytest.param({"baseline": "全市"}, "baseline", id="baseline"),
    pytest.param({"indicator": "投资"}, "indicator", id="indicator"),
    pytest.param({"indicator_id": "fixed_asset_investment"}, "indicator_id", id="indicator-id"),
]


@pytest.mark.parametrize(("change", "wrong"), C1_CHANGES)
def test_claim_field_accuracy(change: dict[str, Any], wrong: str | None) -> None:
    g = gold_a()
    preds = renamed(g)
    preds[0] = Claim.model_validate({**preds[0].model_dump(), **change})
    fields = score_document(doc(g, preds), g).scores.claim_fields
    for name, tally in fields.items():
        if name == wrong:
            assert tally.accuracy == pytest.approx(2 / 3), name
        elif name == "unit" and change.get("unit"):
            assert tally.accuracy == pytest.approx(2 / 3)
        elif name == "indicator_char_f1" and wrong == "indicator":
            # 投资 vs 工业投资: P 1, R 1/2 -> F1 2/3; mean over 3 claims
            assert tally.accuracy == pytest.approx((2 / 3 + 1 + 1) / 3)
        else:
            assert tally.accuracy == 1.0, name


def test_value_max_must_match_when_both_present() -> None:
    g = gold_a()
    gold_claim = g.claims[0].model_copy(update={"value_max": Decimal(5000000000)})
    g2 = g.model_copy(update={"claims": [gold_claim]})
    ok = gold_claim.model_copy(update={"id": "p1", "value_max": Decimal("5000000000.0001")})
    bad = gold_claim.model_copy(update={"id": "p1", "value_max": Decimal(5100000000)})
    assert score_document(doc(g2, [ok]), g2).scores.claim_fields["value_unit"].accuracy == 1.0
    assert score_document(doc(g2, [bad]), g2).scores.claim_fields["value_unit"].accuracy == 0.0


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        pytest.param("工业投资", "工业投资", 1.0, id="same"),
        pytest.param(None, None, 1.0, id="both-null"),
        pytest.param(None, "工业投资", 0.0, id="pred-null"),
        pytest.param("工业投资", None, 0.0, id="gold-null"),
        pytest.param("投资", "工业投资", 2 / 3, id="subset"),
        pytest.param("固定资产投资", "工业投资", 0.4, id="partial"),
        pytest.param("投投", "投资", 0.5, id="multiset-counts-once"),
        pytest.param("生产总值", "工业投资", 0.0, id="disjoint"),
    ],
)
def test_indicator_char_f1(pred: str | None, gold: str | None, expected: float) -> None:
    assert _char_f1(pred, gold) == pytest.approx(expected)


# --------------------------------------------------------------------------- windows


def test_predictions_outside_windows_are_ignored() -> None:
    g = gold_b()
    outside = pclaim(g, "p0", *at(g, "8.1%"))  # in 一、回顾, outside the window
    outside_task = ptask(g, "pt0", *at(g, "2021年，地区生产总值增长8.1%，城镇化率达到60%左右。"))
    preds = [outside, *renamed(g)]
    s = score_document(doc(g, preds, [outside_task, *g.tasks]), g).scores
    assert (s.claims.tp, s.claims.fp, s.claims.fn) == (2, 0, 0)
    assert (s.tasks.tp, s.tasks.fp, s.tasks.fn) == (1, 0, 0)


def test_prediction_overlapping_window_edge_counts() -> None:
    g = gold_b()
    edge = pclaim(g, "p0", *at(g, "左右。\n二"))  # straddles the window start
    s = score_document(doc(g, [edge, *renamed(g)]), g).scores
    assert (s.claims.tp, s.claims.fp) == (2, 1)
    assert s.trap_hits == 1  # and it overlaps the ordinal 二


# --------------------------------------------------------------------------- tasks

# gold t1 of syn_a is [58, 74) (16 chars); line 2 starts at 37.
TASK_SPANS = [
    pytest.param((58, 74), True, id="exact"),
    pytest.param((58, 66), True, id="pred-is-first-half"),
    pytest.param((37, 75), True, id="pred-is-whole-line"),
    pytest.param((37, 66), True, id="overlap-8-of-shorter-16"),
    pytest.param((37, 65), False, id="overlap-7-of-shorter-16"),
    pytest.param((37, 62), False, id="overlap-4"),
    pytest.param((37, 58), False, id="adjacent"),
]


@pytest.mark.parametrize(("span", "matches"), TASK_SPANS)
def test_task_match_needs_half_the_shorter_span(span: tuple[int, int], matches: bool) -> None:
    g = gold_a()
    s = score_document(doc(g, tasks=[ptask(g, "pt1", *span)]), g).scores.tasks
    assert (s.tp, s.fp, s.fn) == ((1, 0, 0) if matches else (0, 1, 1))


@pytest.mark.parametrize(
    ("targets", "pred_c3_text", "correct"),
    [
        pytest.param(["p3"], "10个", True, id="renamed-claim-maps-to-gold"),
        pytest.param(["p3"], "10", True, id="overlap-matched-claim-maps"),
        pytest.param(["p1"], "10个", False, id="wrong-claim"),
        pytest.param([], "10个", False, id="no-targets"),
        pytest.param(["p3", "p1"], "10个", False, id="extra-target"),
        pytest.param(["p3", "p9"], "10个", False, id="unmatched-pred-claim"),
        pytest.param(["p3", "p3"], "10个", True, id="duplicate-target-is-a-set"),
    ],
)
def test_task_targets_compared_through_claim_matching(
    targets: list[str], pred_c3_text: str, correct: bool
) -> None:
    g = gold_a()
    preds = renamed(g)
    s, _ = at(g, "10个")
    preds[2] = pclaim(g, "p3", s, s + len(pred_c3_text))
    preds.append(pclaim(g, "p9", *at(g, "上半年")))  # a false hit: matches no gold claim
    task = g.tasks[0].model_copy(update={"id": "pt1", "targets": targets})
    fields = score_document(doc(g, preds, [task]), g).scores.task_fields
    assert fields["targets"].accuracy == (1.0 if correct else 0.0)
    assert fields["modality"].accuracy == 1.0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param({"modality": "should"}, "modality", id="modality"),
        pytest.param({"deadline": None}, "deadline", id="deadline"),
        pytest.param({"area": "推动产业转型升级"}, "area", id="area"),
    ],
)
def test_task_field_accuracy(change: dict[str, Any], field: str) -> None:
    g = gold_a()
    task = Task.model_validate({**g.tasks[0].model_dump(), **change})
    fields = score_document(doc(g, renamed(g, "c"), [task]), g).scores.task_fields
    assert {k: v.accuracy for k, v in fields.items()} == {
        k: (0.0 if k == field else 1.0) for k in fields
    }


# --------------------------------------------------------------------------- traps


@pytest.mark.parametrize(
    ("needles", "hits"),
    [
        pytest.param([], 0, id="none"),
        pytest.param(["二十"], 1, id="inside-trap"),
        pytest.param(["党的二十大"], 1, id="covers-trap"),
        pytest.param(["的二", "十大"], 2, id="two-claims-on-one-trap"),
        pytest.param(["胜利"], 0, id="beside-trap"),
    ],
)
def test_trap_hits(needles: list[str], hits: int) -> None:
    g = gold_a()
    preds = [pclaim(g, f"p{i}", *at(g, n)) for i, n in enumerate(needles)]
    s = score_document(doc(g, preds), g).scores
    assert s.trap_hits == hits
    assert s.non_claims == 1
    assert s.claims.fp == len(needles)


# --------------------------------------------------------------------------- whole reports


def test_perfect_prediction_scores_one_everywhere() -> None:
    report = evaluate(DATA, extractor=lambda p: perfect(load_gold(p.with_suffix(".gold.jsonl"))))
    for scores in [d.scores for d in report.per_document] + [report.micro]:
        for prf in (scores.claims, scores.claims_exact, scores.tasks):
            assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0)
        assert all(t.accuracy == 1.0 for t in scores.claim_fields.values())
        assert all(t.accuracy == 1.0 for t in scores.task_fields.values())
        assert scores.trap_hits == 0
    assert all(not d.issues for d in report.per_document)


def test_empty_prediction_scores_recall_zero() -> None:
    g = gold_a()
    d = score_document(doc(g), g)
    s = d.scores
    assert (s.claims.precision, s.claims.recall, s.claims.f1) == (None, 0.0, 0.0)
    assert (s.tasks.precision, s.tasks.recall, s.tasks.f1) == (None, 0.0, 0.0)
    assert all(t.accuracy is None for t in s.claim_fields.values())
    report = EvalReport.from_documents([d])
    data = json.loads(report.to_json())
    assert data["micro"]["claims"]["precision"] is None
    assert data["micro"]["claim_fields"]["qualifier"]["accuracy"] is None
    assert "n/a" in report.to_table()
    assert sum(i.kind == "missed" for i in d.issues) == 4  # 3 claims + 1 task


def _half_right(path: Path) -> Document:
    g = load_gold(path.with_suffix(".gold.jsonl"))
    if path.name == "syn_a.txt":
        return perfect(g)
    wrong = [pclaim(g, f"f{i}", *at(g, n)) for i, n in enumerate(["预计", "完成", "新增"])]
    return doc(g, [*renamed(g)[:1], *wrong])


def test_micro_average_sums_counts_over_documents() -> None:
    report = evaluate(DATA, extractor=_half_right)
    a, b = (d.scores for d in report.per_document)
    assert (a.claims.tp, a.claims.fp, a.claims.fn) == (3, 0, 0)
    assert (b.claims.tp, b.claims.fp, b.claims.fn) == (1, 3, 1)
    m = report.micro
    assert (m.claims.tp, m.claims.fp, m.claims.fn) == (4, 3, 1)
    assert m.claims.precision == pytest.approx(4 / 7)  # macro would be (1 + 1/4) / 2
    assert m.claims.recall == pytest.approx(4 / 5)
    assert m.claim_fields["status"].total == 4
    assert m.non_claims == 2
    assert (m.tasks.tp, m.tasks.fn) == (1, 1)


def test_errors_lists_planted_miss_false_hit_and_field_with_context() -> None:
    g = gold_a()
    preds = renamed(g)
    del preds[1]  # miss c2 (41.07%)
    preds[0] = preds[0].model_copy(update={"measure": "growth"})
    preds.append(pclaim(g, "p9", *at(g, "上半年")))
    preds.append(pclaim(g, "p8", *at(g, "二十")))
    report = EvalReport.from_documents([score_document(doc(g, preds), g)])
    listing = report.errors()
    assert "MISS  claim c2 [24,30): no predicted claim overlaps it" in listing
    assert (
        "…年，全区完成工业投资45.56亿元，增速⟦41.07%⟧。党的二十大胜利召开。⏎要推动产业转型升…"
        in listing
    )
    assert "FALSE claim p9 [2,5)" in listing
    assert "今年⟦上半年⟧，全区完成工业投资45.56亿元，增速4…" in listing
    assert "TRAP  claim p8 [33,35): overlaps non_claim '二十大' (name)" in listing
    assert "FIELD claim c1~p1 [14,21): measure: growth != level" in listing
    assert listing.index("p9") < listing.index("c1~p1") < listing.index("c2")  # text order


def test_text_mismatch_is_reported() -> None:
    g = gold_a()
    other = Document(doc_id="x", sha256="0", text=g.text + "附")
    d = score_document(other, g)
    assert d.text_mismatch
    assert d.issues[0].kind == "text_mismatch"


def test_extractor_crash_is_reported_and_scored_empty() -> None:
    def crash(path: Path) -> Document:
        if path.name == "syn_b.txt":
            raise RuntimeError("boom")
        return perfect(load_gold(path.with_suffix(".gold.jsonl")))

    report = evaluate(DATA, extractor=crash)
    b = report.per_document[1]
    assert b.extractor_error == "RuntimeError: boom"
    assert b.scores.claims.recall == 0.0
    assert "syn_b.txt*" in report.to_table()
    assert "CRASH document syn_b.txt: RuntimeError: boom" in report.errors()


def test_table_and_json_shapes() -> None:
    report = evaluate(DATA, extractor=_half_right)
    table = report.to_table()
    lines = table.splitlines()
    header = lines[0].split()
    assert header[:6] == ["document", "gold", "pred", "P", "R", "F1"]
    micro_row = next(line for line in lines if line.startswith("micro"))
    assert micro_row.split()[1:6] == ["5", "7", "0.571", "0.800", "0.667"]
    assert "claim field accuracy" in table and "task field accuracy" in table
    data = json.loads(report.to_json())
    assert [d["file"] for d in data["per_document"]] == ["syn_a.txt", "syn_b.txt"]
    assert data["micro"]["claims"] == {
        "tp": 4, "fp": 3, "fn": 1, "precision": pytest.approx(4 / 7),
        "recall": pytest.approx(0.8), "f1": pytest.approx(8 / 12),
    }  # fmt: skip
    assert data["per_document"][1]["issues"][0]["kind"] in {"false_hit", "missed", "trap_hit"}


def test_evaluate_missing_corpus_dir(tmp_path: Path) -> None:
    with pytest.raises(PolicyParseError) as info:
        evaluate(tmp_path / "nope", extractor=perfect_from_path)
    assert info.value.code is ErrorCode.NOT_FOUND


def perfect_from_path(path: Path) -> Document:
    return perfect(load_gold(path.with_suffix(".gold.jsonl")))


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setattr(policyparse, "extract", _half_right, raising=False)
    app = typer.Typer()
    app.command("eval")(eval_command)
    app.command("noop")(lambda: None)  # two commands, so "eval" is a sub-command
    return app


@pytest.mark.parametrize(
    ("args", "stdout_has", "stderr_has"),
    [
        pytest.param([], ["micro", "claim field accuracy"], [], id="table"),
        pytest.param(["--errors"], ["micro", "FALSE claim f0"], [], id="table-and-errors"),
        pytest.param(["--json"], ['"micro"'], [], id="json"),
        pytest.param(
            ["--json", "--errors"],
            ['"per_document"'],
            ["FALSE claim f0"],
            id="json-errors-on-stderr",
        ),
    ],
)
def test_cli_eval(
    cli: typer.Typer, args: list[str], stdout_has: list[str], stderr_has: list[str]
) -> None:
    result = CliRunner().invoke(cli, ["eval", str(DATA), *args])
    assert result.exit_code == 0, result.output
    for text in stdout_has:
        assert text in result.stdout
    for text in stderr_has:
        assert text in result.stderr
    if "--json" in args:
        assert json.loads(result.stdout)["micro"]["claims"]["tp"] == 4


def test_cli_eval_writes_output_file(cli: typer.Typer, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    result = CliRunner().invoke(cli, ["eval", str(DATA), "--errors", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "micro" in out.read_text(encoding="utf-8")
    assert "MISS" in out.read_text(encoding="utf-8")


def test_cli_eval_bad_gold_exits_nonzero(cli: typer.Typer, tmp_path: Path) -> None:
    shutil.copy(DATA / "syn_a.txt", tmp_path / "syn_a.txt")
    lines = read_lines(GOLD_A)
    lines[1]["text"] = "wrong"
    write_gold(tmp_path, "syn_a.gold.jsonl", lines)
    result = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    assert result.exit_code == 1
    assert "syn_a.gold.jsonl:2:" in result.stderr
