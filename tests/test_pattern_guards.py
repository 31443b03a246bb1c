"""The first-character guards of the period and deadline patterns change no match.

Both patterns start with a look-ahead for the characters a match can begin with
(a speed-up, see ``docs/performance.md``).  A guard that misses a character
(say, a cue word added to the TSV, or a new alternative in the pattern) would
silently drop matches; here each guarded pattern is compared with the same
pattern without its guard on every corpus document and on the spec sentences.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from policyparse.claims.cues import patterns
from policyparse.read import read
from policyparse.segment.normalize import normalize
from policyparse.tasks.cues import load_cues

ROOT = Path(__file__).resolve().parents[1]
_GUARD = regex.compile(r"\(\?=\[[^\]]*\]\)")  # the leading (?=[…]) look-ahead


def _texts() -> list[str]:
    out = [
        normalize(read(p).text).text
        for p in sorted((ROOT / "corpus").iterdir())
        if p.suffix in (".txt", ".html")
    ]
    for spec in sorted((ROOT / "tests" / "specs").glob("*.jsonl")):
        for line in spec.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                out.extend(v for v in case.values() if isinstance(v, str))
    return out


def _unguarded(pattern: regex.Pattern[str]) -> regex.Pattern[str]:
    source, n = _GUARD.subn("", pattern.pattern, count=1)
    assert n == 1, "the pattern has no first-character guard"
    return regex.compile(source, pattern.flags)


@pytest.mark.parametrize(
    "pattern",
    [
        pytest.param(patterns().period, id="claims-period"),
        pytest.param(load_cues().deadline, id="tasks-deadline"),
    ],
)
def test_guard_changes_no_match(pattern: regex.Pattern[str]) -> None:
    plain = _unguarded(pattern)
    for text in _texts():
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]
