"""Invariants of the task cue table (resources/task_cues.tsv)."""

from __future__ import annotations

from collections import Counter

import pytest

from policyparse.records import Modality
from policyparse.resources import load_tsv
from policyparse.tasks.cues import CUE_FILE, KINDS, load_cues


def test_every_row_has_a_known_kind_and_a_surface() -> None:
    for row in load_tsv(CUE_FILE):
        assert row["kind"] in KINDS, row
        assert row["surface"], row


def test_no_surface_listed_twice_within_a_kind() -> None:
    counts = Counter((r["kind"], r["surface"]) for r in load_tsv(CUE_FILE))
    assert [k for k, n in counts.items() if n > 1] == []


def test_modal_values_are_modalities() -> None:
    for row in load_tsv(CUE_FILE):
        if row["kind"] == "modal":
            Modality(row["value"])


def test_contract_commitment_words_are_listed() -> None:
    cues = load_cues()
    must = {w for w, m in cues.modal_value.items() if m is Modality.MUST}
    strive = {w for w, m in cues.modal_value.items() if m is Modality.STRIVE}
    assert must >= {"确保", "必须", "坚决", "务必"}
    assert strive >= {"力争", "争取", "努力"}


def test_deadline_months_are_months() -> None:
    for word, month in load_cues().deadline_end_month.items():
        assert month is None or 1 <= month <= 12, word


@pytest.mark.parametrize("kind", ["modal_not", "narrative_not", "past_not"])
def test_exclusions_contain_their_cue(kind: str) -> None:
    base = {"modal_not": "modal", "narrative_not": "narrative", "past_not": "past"}[kind]
    words = load_cues().words
    for blocked in words[kind]:
        assert any(w in blocked for w in words[base]), blocked
