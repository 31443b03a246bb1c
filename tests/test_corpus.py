"""The bundled corpus end to end: every document, the seed's gold scores, regression floors.

Scores come from ``policyparse eval corpus/ --json`` (the command a user runs).
The floors are the numbers reached when they were set (README, "Accuracy");
raise them when the pipeline improves, never lower them to make a change pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from policyparse import extract, read
from policyparse.records import Document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED = "000_3da7e75e57ff61a1.txt"
DOCUMENTS = sorted(
    p.name for p in CORPUS.iterdir() if p.suffix in {".txt", ".html"}
)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_corpus_document_extracts_with_valid_spans(name: str) -> None:
    doc = extract(CORPUS / name)
    Document.model_validate(doc.model_dump())  # re-run the span validator
    assert doc.text == read(CORPUS / name).text
    assert doc.sentences, "no sentences"
    for rec in (*doc.sections, *doc.paragraphs, *doc.sentences, *doc.claims, *doc.tasks):
        assert doc.text[rec.span[0]:rec.span[1]] == rec.text


def test_gbk_and_utf8_twins_give_the_same_document() -> None:
    gbk, utf8 = extract(CORPUS / "004.gbk.txt"), extract(CORPUS / "004.txt")
    strip = {"source"}
    assert gbk.model_dump(exclude=strip) == utf8.model_dump(exclude=strip)


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "policyparse.cli", "eval", str(CORPUS), "--json"],
        capture_output=True, text=True, check=True,
    )
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def _doc(report: dict[str, Any], name: str) -> dict[str, Any]:
    return next(d for d in report["per_document"] if d["file"].endswith(name))


def test_seed_scores_perfectly(report: dict[str, Any]) -> None:
    seed = _doc(report, SEED)
    assert seed["extractor_error"] is None and not seed["text_mismatch"]
    assert seed["claims"]["f1"] == 1.0
    assert seed["claims_exact"]["f1"] == 1.0
    for field in ("value_unit", "qualifier", "measure", "status", "year"):
        assert seed["claim_fields"][field]["accuracy"] == 1.0, field
    assert seed["trap_hits"] == 0
    assert seed["tasks"]["f1"] >= 0.9


# floors: (claim F1, value+unit accuracy, task F1 or None) reached on each document.
# 001, 004, 010 and 014 were annotated after the rules were written and scored
# before any tuning on them (held-out figures in the README); so were 008, 017, 020
# and 029 (generalisation round 2 set their floors at the scores it reached).
FLOORS = {
    "001.txt": (0.93, 1.00, 1.00),
    "004.txt": (0.99, 0.99, 0.97),
    "008.txt": (0.96, 1.00, 0.92),
    "010.txt": (0.97, 0.99, 0.94),
    "014.txt": (0.98, 0.99, 0.96),
    "016.txt": (0.99, 0.99, 0.9),
    "017.txt": (0.98, 1.00, 0.96),
    "020.txt": (1.00, 1.00, 1.00),
    "021.txt": (0.95, 0.99, None),
    "022.txt": (0.95, 0.99, 0.9),
    "026.txt": (0.97, 0.93, 0.9),
    "029.txt": (0.94, 0.87, 0.87),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_documents_stay_above_their_floors(report: dict[str, Any], name: str) -> None:
    doc = _doc(report, name)
    f1, value_unit, task_f1 = FLOORS[name]
    assert doc["claims"]["f1"] >= f1
    assert doc["claim_fields"]["value_unit"]["accuracy"] >= value_unit
    if task_f1 is not None:
        assert doc["tasks"]["f1"] >= task_f1


# field floors on matched claims (accuracy), reached when the claims rules were generalised
# on the held-out documents (period/year resolution, status, measure, indicator).
FIELD_FLOORS = {
    "001.txt": {"measure": 0.95, "status": 1.00, "period": 0.83, "year": 0.98, "indicator": 0.66},
    "004.txt": {"measure": 0.98, "status": 1.00, "period": 0.97, "year": 0.97, "indicator": 0.87},
    "008.txt": {"measure": 1.00, "status": 1.00, "period": 0.88, "year": 1.00, "indicator": 0.76},
    "010.txt": {"measure": 0.98, "status": 0.98, "period": 0.98, "year": 1.00, "indicator": 0.85},
    "014.txt": {"measure": 0.97, "status": 0.98, "period": 0.95, "year": 0.95, "indicator": 0.80},
    "016.txt": {"measure": 1.00, "status": 1.00, "period": 1.00, "year": 1.00, "indicator": 0.89},
    "017.txt": {"measure": 1.00, "status": 0.97, "period": 0.88, "year": 0.97, "indicator": 0.85},
    "020.txt": {"measure": 1.00, "status": 1.00, "year": 1.00},
    "021.txt": {"measure": 0.99, "status": 1.00, "period": 0.98, "year": 1.00, "indicator": 0.85},
    "022.txt": {"measure": 1.00, "status": 1.00, "period": 0.98, "year": 0.93, "indicator": 0.85},
    "026.txt": {"measure": 0.93, "status": 0.96, "period": 0.96, "year": 0.95, "indicator": 0.42},
    "029.txt": {"measure": 0.94, "status": 0.97, "period": 0.88, "year": 0.93, "indicator": 0.30},
}


@pytest.mark.parametrize("name", sorted(FIELD_FLOORS))
def test_claim_fields_stay_above_their_floors(report: dict[str, Any], name: str) -> None:
    fields = _doc(report, name)["claim_fields"]
    for field, floor in FIELD_FLOORS[name].items():
        assert fields[field]["accuracy"] >= floor, field


def test_micro_average_meets_the_targets(report: dict[str, Any]) -> None:
    micro = report["micro"]
    assert micro["claims"]["f1"] >= 0.95
    assert micro["claim_fields"]["value_unit"]["accuracy"] >= 0.95
    assert micro["tasks"]["f1"] >= 0.95
