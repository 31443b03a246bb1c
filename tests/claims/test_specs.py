"""Golden sentence-level claim cases: tests/specs/claims_*.jsonl, one pytest.param per line.

Each case is a short text (real sentences of the dev documents, or the contract's
hard-case examples) with the document date/title it needs; every claim found
must be listed, and each listed field must match.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from policyparse.claims import link_claims
from policyparse.pipeline import segment
from policyparse.quantities import extract_quantities
from policyparse.records import Claim
from policyparse.segment.normalize import normalize

SPECS = Path(__file__).resolve().parent.parent / "specs"


def _cases() -> list[Any]:
    params = []
    for path in sorted(SPECS.glob("claims_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            marks = (
                [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
            )
            params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


CASES = _cases()


def _claims(case: dict[str, Any]) -> list[Claim]:
    text = case["text"]
    doc = segment(text)
    update: dict[str, Any] = {}
    if case.get("date"):
        update["date"] = dt.date.fromisoformat(case["date"])
    if case.get("title"):
        update["title"] = case["title"]
    doc = doc.model_copy(update=update)
    norm = normalize(text)
    quantities, _ = extract_quantities(text, norm)
    claims, _ = link_claims(doc, quantities, norm)
    return claims


def test_enough_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES)
def test_spec(case: dict[str, Any]) -> None:
    claims = _claims(case)
    got = [c.model_dump(mode="json") for c in claims]
    assert [g["text"] for g in got] == [e["text"] for e in case["claims"]]
    for g, want in zip(got, case["claims"], strict=True):
        assert {k: g[k] for k in want} == want
