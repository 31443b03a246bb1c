"""Exports: JSONL round trip, claim/task rows, CSV (BOM), Parquet, and the panel."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from policyparse.batch import run_batch
from policyparse.export import (
    CLAIM_COLUMNS,
    PANEL_COLUMNS,
    TASK_COLUMNS,
    claims_rows,
    iter_documents,
    panel,
    read_csv_rows,
    tasks_rows,
    write_csv,
    write_jsonl,
    write_parquet,
)
from policyparse.records import Claim, Document, Measure, Qualifier, Status, Task

ROOT = Path(__file__).resolve().parents[1]

TEXT = "今年全市生产总值增长6.5%左右，达到4556.2亿元。要确保城镇新增就业5万人。"


def claim(cid: str, surface: str, value: str, unit: str, **fields: Any) -> Claim:
    start = TEXT.index(surface)
    sentence = (
        (0, TEXT.index("。") + 1) if start < TEXT.index("。") else (TEXT.index("。") + 1, len(TEXT))
    )
    return Claim(
        id=cid,
        span=(start, start + len(surface)),
        text=surface,
        value=Decimal(value),
        unit=unit,
        unit_text=fields.pop("unit_text", unit),
        sentence=sentence,
        **fields,
    )


def make_doc(
    source: str | None, place: str | None, claims: list[Claim], tasks: list[Task] | None = None
) -> Document:
    return Document(
        doc_id=f"id-{source}",
        sha256="0" * 64,
        source=source,
        place=place,
        title="某市政府工作报告",
        text=TEXT,
        claims=claims,
        tasks=tasks or [],
    )


GDP_GROWTH = claim(
    "c1",
    "6.5%左右",
    "6.5",
    "%",
    qualifier=Qualifier.ABOUT,
    measure=Measure.GROWTH,
    status=Status.TARGET,
    indicator="生产总值",
    indicator_id="gdp",
    year=2023,
)
GDP_LEVEL = claim(
    "c2",
    "4556.2亿元",
    "455620000000",
    "CNY",
    unit_text="亿元",
    status=Status.TARGET,
    indicator="生产总值",
    indicator_id="gdp",
    year=2023,
)
JOBS = claim(
    "c3",
    "5万人",
    "50000",
    "count",
    unit_text="万人",
    status=Status.TARGET,
    indicator="城镇新增就业",
    year=2023,
)
TASK = Task(
    id="t1",
    span=(TEXT.index("。") + 1, len(TEXT)),
    text=TEXT[TEXT.index("。") + 1 :],
    actions=["确保城镇新增就业5万人"],
    targets=["c3"],
)
DOC = make_doc("a/report.txt", "某市", [GDP_GROWTH, GDP_LEVEL, JOBS], [TASK])


def test_claims_rows_carry_document_fields_sentence_and_every_field() -> None:
    rows = claims_rows(DOC)
    assert [list(r) for r in rows] == [list(CLAIM_COLUMNS)] * 3
    first = rows[0]
    assert (first["source"], first["doc_id"], first["place"]) == (
        "a/report.txt",
        "id-a/report.txt",
        "某市",
    )
    assert (first["text"], first["value"], first["qualifier"], first["measure"]) == (
        "6.5%左右",
        6.5,
        "about",
        "growth",
    )
    assert first["sentence"] == TEXT[first["sentence_start"] : first["sentence_end"]]
    assert TEXT[first["start"] : first["end"]] == first["text"]
    assert rows[1]["value"] == 455620000000 and isinstance(rows[1]["value"], int)


def test_tasks_rows() -> None:
    (row,) = tasks_rows(DOC)
    assert list(row) == list(TASK_COLUMNS)
    assert (row["actions"], row["targets"], row["modality"]) == (
        ["确保城镇新增就业5万人"],
        ["c3"],
        "should",
    )


def test_csv_has_bom_and_reads_back_typed(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    assert write_csv(claims_rows(DOC), path) == 3
    assert path.read_bytes().startswith(b"\xef\xbb\xbfsource,doc_id,")
    back = list(read_csv_rows(path))
    assert back == claims_rows(DOC)
    tasks = tmp_path / "tasks.csv"
    write_csv(tasks_rows(DOC), tasks, "tasks")
    assert list(read_csv_rows(tasks)) == tasks_rows(DOC)


def test_parquet_round_trip(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "claims.parquet"
    assert write_parquet(claims_rows(DOC), path) == 3
    assert pq.read_table(path).to_pylist() == [
        {**r, "value": float(r["value"])} for r in claims_rows(DOC)
    ]
    empty = tmp_path / "empty.parquet"
    assert write_parquet([], empty, "tasks") == 0
    assert pq.read_table(empty).column_names == list(TASK_COLUMNS)


def test_jsonl_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "documents.jsonl"
    assert write_jsonl([DOC, DOC], path) == 2
    assert list(iter_documents(path)) == [DOC, DOC]
    buf = io.StringIO()
    write_jsonl([DOC], buf)
    assert buf.getvalue().count("\n") == 1


# --------------------------------------------------------------------------- panel

OTHER = claim(
    "c1",
    "6.5%左右",
    "7",
    "%",
    measure=Measure.GROWTH,
    status=Status.TARGET,
    indicator="生产总值",
    indicator_id="gdp",
    year=2023,
)


@pytest.mark.parametrize(
    ("docs", "kwargs", "expected"),
    [
        pytest.param(
            [DOC],
            {},
            [
                ("某市", 2023, "gdp", "target", "growth", 6.5, 1, 1),
                ("某市", 2023, "gdp", "target", "level", 455620000000, 1, 1),
            ],
            id="level-and-growth-are-separate-rows",
        ),
        pytest.param(
            [make_doc("b.txt", "某市", [OTHER]), DOC],
            {"measure": "growth"},
            [("某市", 2023, "gdp", "target", "growth", 6.5, 2, 2)],
            id="duplicate-key-keeps-first-by-source-path",
        ),
        pytest.param(
            [make_doc(None, "某市", [OTHER]), make_doc(None, "某市", [GDP_GROWTH])],
            {"measure": "growth"},
            [("某市", 2023, "gdp", "target", "growth", 7, 2, 2)],
            id="no-source-keeps-first-in-iteration-order",
        ),
        pytest.param([DOC], {"status": "actual"}, [], id="status-filter"),
        pytest.param([DOC], {"indicator": "retail_sales"}, [], id="indicator-filter"),
        pytest.param(
            [DOC, make_doc("c.txt", "另一市", [GDP_GROWTH])],
            {"measure": "growth"},
            [
                ("另一市", 2023, "gdp", "target", "growth", 6.5, 1, 1),
                ("某市", 2023, "gdp", "target", "growth", 6.5, 1, 1),
            ],
            id="one-row-per-place",
        ),
    ],
)
def test_panel(
    docs: list[Document], kwargs: dict[str, str], expected: list[tuple[Any, ...]]
) -> None:
    rows = panel(docs, **kwargs)
    assert all(set(r) == set(PANEL_COLUMNS) for r in rows)
    got = [
        (
            r["place"],
            r["year"],
            r["indicator_id"],
            r["status"],
            r["measure"],
            r["value"],
            r["n_claims"],
            r["n_values"],
        )
        for r in rows
    ]
    assert got == expected
    for r in rows:
        assert r["sentence"].find(r["text"]) >= 0


def test_panel_skips_claims_without_indicator_id() -> None:
    assert all(r["indicator_id"] == "gdp" for r in panel([DOC]))


def test_panel_of_corpus_gives_gdp_targets_of_work_reports(tmp_path: Path) -> None:
    """Every work report in the dev corpus that states a GDP growth target, as written."""
    out = tmp_path / "out"
    run_batch([ROOT / "corpus"], out, workers=2)
    rows = panel(iter_documents(out / "documents.jsonl"), "gdp", "target", "growth")
    got = {(r["place"], r["year"], r["value"], r["qualifier"]) for r in rows}
    assert {
        ("郑州高新区", 2022, 10, "about"),  # 生产总值增速达10%左右
        ("保定市", 2009, 10, "at_least"),  # 生产总值增长10%以上
        ("河北省", 2003, 9, "exact"),  # 国内生产总值比上年增长9％
        ("甘肃省", 2026, 5.5, "about"),  # 地区生产总值增长5.5%左右
        ("高阳县", 2018, 9, "exact"),  # 生产总值增长9%
    } <= got
    for r in rows:
        assert r["source"].startswith(str(ROOT / "corpus"))
        assert r["text"] in r["sentence"]
