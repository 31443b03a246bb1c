"""Score extracted :class:`~policyparse.records.Document` objects against gold files.

Gold files follow ``docs/gold-format.md``; the numbers this module reports are
explained in ``docs/evaluation.md``.  The module only reads records: it never
runs a pipeline stage itself, so the extractor is a parameter of
:func:`evaluate` (``policyparse.extract`` by default, imported lazily).

Conventions, stated once:

* Spans are half-open ``[start, end)``; two spans *overlap* when they share at
  least one code point.
* A prediction is *inside* the gold windows when its span overlaps a window
  (``windows`` null = the whole document); predictions outside are ignored.
* Matching is one-to-one: greedy over candidate pairs sorted by overlap
  length (largest first), then the closer span (smaller union), then gold
  order, then prediction order; augmenting paths then add the pairs greedy
  blocked, so the number of matches is maximal.  Deterministic.
* A ratio whose denominator is zero is ``None`` (``null`` in JSON, ``n/a`` in
  the table).  F1 is ``2tp / (2tp + fp + fn)``, so it is 0.0 for an empty
  prediction against non-empty gold and ``None`` only when both are empty.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import importlib
import json
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ErrorCode, PolicyParseError
from .records import Claim, Document, Span, Task

__all__ = [
    "CLAIM_FIELDS",
    "PRF",
    "TASK_FIELDS",
    "DocScore",
    "EvalReport",
    "GoldDocument",
    "Issue",
    "NonClaim",
    "Scores",
    "Tally",
    "evaluate",
    "find_gold_pairs",
    "load_gold",
    "score_document",
]

REL_TOL = Decimal("1e-6")  # relative tolerance on value and value_max
CONTEXT_CHARS = 20  # characters of context shown on each side in errors()
GOLD_SUFFIX = ".gold.jsonl"

NonClaimReason = Literal[
    "date", "period", "name", "determiner", "structure", "ordinal", "docnumber", "rank", "other"
]


# --------------------------------------------------------------------------- gold records


class NonClaim(BaseModel):
    """A trap: a numeral the contract says is not a claim."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    span: Span
    text: str
    reason: NonClaimReason
    id: str | None = None


class _GoldHeader(BaseModel):
    """The first line of a gold file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["document"]
    file: str
    sha256: str
    title: str | None = None
    date: _dt.date | None = None
    place: str | None = None
    windows: list[Span] | None = None
    annotator: str | None = None
    note: str | None = None


class GoldDocument(BaseModel):
    """A loaded, validated gold file.

    ``text`` is the document text the spans index (checked against
    ``sha256``); ``path`` is the gold file it was loaded from.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str
    sha256: str
    title: str | None = None
    date: _dt.date | None = None
    place: str | None = None
    windows: list[Span] | None = None
    claims: list[Claim] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    non_claims: list[NonClaim] = Field(default_factory=list)
    note: str | None = None
    annotator: str | None = None
    path: str | None = None
    text: str = Field(default="", repr=False)

    def covers(self, span: Span) -> bool:
        """Is ``span`` inside the annotated part (a window, or anywhere when no windows)?"""
        return _inside(span, self.windows)


def _bad(path: Path, lineno: int | None, cause: str) -> PolicyParseError:
    """A BAD_GOLD error whose path reads ``file:line`` (editor-clickable)."""
    where = f"{path}:{lineno}" if lineno is not None else str(path)
    return PolicyParseError(ErrorCode.BAD_GOLD, cause, where)


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"]) or "record"
        parts.append(f"{loc}: {err['msg']}")
    return "; ".join(parts)


def read_document_text(path: str | Path) -> str:
    """Decode a corpus document the way gold offsets expect (``docs/gold-format.md``).

    UTF-8 (BOM removed) or, failing that, GB18030; then universal newlines.
    """
    doc_path = Path(path)
    try:
        raw = doc_path.read_bytes()
    except FileNotFoundError:
        raise PolicyParseError(ErrorCode.NOT_FOUND, "document not found", doc_path) from None
    except OSError as exc:
        raise PolicyParseError(ErrorCode.NOT_FOUND, f"cannot read: {exc}", doc_path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise PolicyParseError(
                ErrorCode.UNDECODABLE, "neither UTF-8 nor GB18030", doc_path
            ) from None
        text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _document_path(gold_path: Path, header_file: str | None) -> Path:
    """The document a gold file annotates: its ``file`` field, else ``X.txt``."""
    if header_file:
        return gold_path.parent / header_file
    name = gold_path.name
    stem = name[: -len(GOLD_SUFFIX)] if name.endswith(GOLD_SUFFIX) else gold_path.stem
    return gold_path.parent / f"{stem}.txt"


def _read_gold_lines(gold_path: Path) -> list[tuple[int, dict[str, Any]]]:
    """Parse non-blank lines into ``(line number, object)``; values as Decimal."""
    try:
        raw = gold_path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PolicyParseError(ErrorCode.NOT_FOUND, "gold file not found", gold_path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(gold_path, None, f"cannot read gold file: {exc}") from None
    out: list[tuple[int, dict[str, Any]]] = []
    # split on \n only: JSON strings may hold a raw U+2028, which splitlines() would cut
    for lineno, line in enumerate(raw.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        try:
            obj = json.loads(line, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise _bad(
                gold_path, lineno, f"not valid JSON: {exc.msg} (column {exc.colno})"
            ) from None
        if not isinstance(obj, dict):
            raise _bad(gold_path, lineno, "a gold line must be a JSON object")
        out.append((lineno, obj))
    if not out:
        raise _bad(gold_path, None, "empty gold file")
    return out


def _nearest(text: str, needle: str, near: int) -> Span | None:
    """The occurrence of ``needle`` in ``text`` closest to ``near`` (a hint for annotators)."""
    if not needle:
        return None
    best: Span | None = None
    start = text.find(needle)
    while start != -1:
        if best is None or abs(start - near) < abs(best[0] - near):
            best = (start, start + len(needle))
        start = text.find(needle, start + 1)
    return best


def _check_span(
    gold_path: Path, lineno: int, what: str, text: str, span: Span, written: str
) -> None:
    start, end = span
    if not (0 <= start <= end <= len(text)):
        raise _bad(
            gold_path, lineno, f"{what}: span [{start}, {end}) is outside the text (0..{len(text)})"
        )
    held = text[start:end]
    if held != written:
        hint = ""
        found = _nearest(text, written, start)
        if found is not None:
            hint = f"; that text is at [{found[0]}, {found[1]})"
        raise _bad(
            gold_path,
            lineno,
            f"{what}: span [{start}, {end}) holds {held!r} but text says {written!r}{hint}",
        )


def _overlaps(a: Span, b: Span) -> int:
    """Number of code points two half-open spans share (0 when disjoint)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _inside(span: Span, windows: Sequence[Span] | None) -> bool:
    return windows is None or any(_overlaps(span, w) > 0 for w in windows)


def load_gold(path: str | Path, text: str | None = None) -> GoldDocument:
    """Load and validate a gold file.

    ``text`` is the document text; when omitted the document named by the
    header's ``file`` (relative to the gold file; default ``X.txt``) is read
    with :func:`read_document_text`.  Checked: JSON on every line, the header
    fields, the sha256 of the text, every record's fields, ``text`` against
    ``span``, claim ``sentence`` spans, unique ids, task ``targets`` naming
    gold claims, and (with windows) every record inside a window.  Any
    failure raises ``PolicyParseError(ErrorCode.BAD_GOLD)`` naming
    ``file:line``.
    """
    gold_path = Path(path)
    lines = _read_gold_lines(gold_path)
    head_line, head_obj = lines[0]
    if head_obj.get("kind") != "document":
        raise _bad(gold_path, head_line, 'the first line must have "kind": "document"')
    try:
        header = _GoldHeader.model_validate(head_obj)
    except ValidationError as exc:
        raise _bad(gold_path, head_line, f"document line: {_validation_message(exc)}") from None

    if text is None:
        doc_path = _document_path(gold_path, header.file)
        try:
            text = read_document_text(doc_path)
        except PolicyParseError as exc:
            raise _bad(
                gold_path, head_line, f"cannot read the document {str(doc_path)!r}: {exc.cause}"
            ) from None
    actual = _sha256(text)
    if actual != header.sha256.lower():
        raise _bad(
            gold_path,
            head_line,
            f"sha256 {header.sha256} does not match the text of {header.file!r} "
            f"(sha256 {actual}): the document changed since it was annotated",
        )
    if header.windows is not None:
        for ws, we in header.windows:
            if not (0 <= ws < we <= len(text)):
                raise _bad(
                    gold_path, head_line, f"window [{ws}, {we}) is empty or outside the text"
                )

    claims: list[Claim] = []
    tasks: list[tuple[int, Task]] = []
    non_claims: list[NonClaim] = []
    claim_ids: set[str] = set()
    task_ids: set[str] = set()
    for lineno, obj in lines[1:]:
        kind = obj.get("kind")
        body = {k: v for k, v in obj.items() if k != "kind"}
        rec: Claim | Task | NonClaim
        try:
            if kind == "claim":
                rec = Claim.model_validate(body)
            elif kind == "task":
                rec = Task.model_validate(body)
            elif kind == "non_claim":
                rec = NonClaim.model_validate(body)
            elif kind == "document":
                raise _bad(gold_path, lineno, "a second document line")
            else:
                raise _bad(
                    gold_path,
                    lineno,
                    f'unknown kind {kind!r} (expected "claim", "task" or "non_claim")',
                )
        except ValidationError as exc:
            raise _bad(gold_path, lineno, f"{kind}: {_validation_message(exc)}") from None
        label = f"{kind} {rec.id}" if rec.id is not None else str(kind)
        _check_span(gold_path, lineno, label, text, rec.span, rec.text)
        if not _inside(rec.span, header.windows):
            raise _bad(gold_path, lineno, f"{label}: span {list(rec.span)} is outside every window")
        if isinstance(rec, Claim):
            if rec.id in claim_ids:
                raise _bad(gold_path, lineno, f"duplicate claim id {rec.id!r}")
            claim_ids.add(rec.id)
            s, e = rec.sentence
            if not (0 <= s <= rec.span[0] <= rec.span[1] <= e <= len(text)):
                raise _bad(
                    gold_path,
                    lineno,
                    f"{label}: sentence [{s}, {e}) does not hold span {list(rec.span)}",
                )
            claims.append(rec)
        elif isinstance(rec, Task):
            if rec.id in task_ids:
                raise _bad(gold_path, lineno, f"duplicate task id {rec.id!r}")
            task_ids.add(rec.id)
            tasks.append((lineno, rec))
        else:
            non_claims.append(rec)
    for lineno, task in tasks:
        unknown = [t for t in task.targets if t not in claim_ids]
        if unknown:
            raise _bad(gold_path, lineno, f"task {task.id}: targets name no gold claim: {unknown}")

    return GoldDocument(
        file=header.file,
        sha256=header.sha256.lower(),
        title=header.title,
        date=header.date,
        place=header.place,
        windows=header.windows,
        claims=claims,
        tasks=[t for _, t in tasks],
        non_claims=non_claims,
        note=header.note,
        annotator=header.annotator,
        path=str(gold_path),
        text=text,
    )


def find_gold_pairs(corpus_dir: str | Path) -> list[tuple[Path, Path]]:
    """``(document, gold)`` pairs for every ``*.gold.jsonl`` in ``corpus_dir``, sorted.

    The document is the header's ``file`` (relative to the gold file) when it
    names one, else ``X.txt`` beside ``X.gold.jsonl``.
    """
    root = Path(corpus_dir)
    if not root.is_dir():
        raise PolicyParseError(ErrorCode.NOT_FOUND, "corpus directory not found", root)
    pairs: list[tuple[Path, Path]] = []
    for gold_path in sorted(root.glob(f"*{GOLD_SUFFIX}")):
        lineno, head = _read_gold_lines(gold_path)[0]
        named = head.get("file")
        if named is not None and not isinstance(named, str):
            raise _bad(gold_path, lineno, '"file" must be a string')
        doc_path = _document_path(gold_path, named)
        if not doc_path.is_file():
            raise _bad(gold_path, lineno, f"the document {str(doc_path)!r} does not exist")
        pairs.append((doc_path, gold_path))
    return pairs


# --------------------------------------------------------------------------- score types


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


@dataclass(frozen=True)
class PRF:
    """Detection counts; precision, recall and F1 derived (``None`` on a zero denominator)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def n_gold(self) -> int:
        return self.tp + self.fn

    @property
    def n_pred(self) -> int:
        return self.tp + self.fp

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Tally:
    """A field accuracy: ``correct`` (a sum of per-pair scores in [0, 1]) over ``total`` pairs."""

    correct: float = 0.0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.total)

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.correct + other.correct, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy}


def _same_number(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b))


def _char_f1(pred: str | None, gold: str | None) -> float:
    """Multiset character-overlap F1; both null (or empty) → 1.0, one null → 0.0."""
    if not pred or not gold:
        return 1.0 if not pred and not gold else 0.0
    common = sum((Counter(pred) & Counter(gold)).values())
    if common == 0:
        return 0.0
    p, r = common / len(pred), common / len(gold)
    return 2 * p * r / (p + r)


def _num(value: Decimal | None) -> str:
    if value is None:
        return "null"
    text = format(value.normalize(), "f")
    return text


def _show_value_unit(c: Claim) -> str:
    rng = _num(c.value) if c.value_max is None else f"{_num(c.value)}–{_num(c.value_max)}"
    return f"{rng} {c.unit}"


def _show(value: object) -> str:
    if value is None:
        return "null"
    return str(getattr(value, "value", value))


# Claim fields scored on matched pairs: name -> (score(pred, gold) in [0, 1], show(claim)).
# ``unit`` and ``indicator_char_f1`` are diagnostics; errors() lists the others.
CLAIM_FIELDS: dict[str, tuple[Callable[[Claim, Claim], float], Callable[[Claim], str]]] = {
    "value_unit": (
        lambda p, g: float(
            p.unit == g.unit
            and _same_number(p.value, g.value)
            and _same_number(p.value_max, g.value_max)
        ),
        _show_value_unit,
    ),
    "unit": (lambda p, g: float(p.unit == g.unit), lambda c: c.unit),
    "qualifier": (lambda p, g: float(p.qualifier == g.qualifier), lambda c: _show(c.qualifier)),
    "measure": (lambda p, g: float(p.measure == g.measure), lambda c: _show(c.measure)),
    "direction": (lambda p, g: float(p.direction == g.direction), lambda c: _show(c.direction)),
    "status": (lambda p, g: float(p.status == g.status), lambda c: _show(c.status)),
    "period": (lambda p, g: float(p.period == g.period), lambda c: _show(c.period)),
    "year": (lambda p, g: float(p.year == g.year), lambda c: _show(c.year)),
    "baseline": (lambda p, g: float(p.baseline == g.baseline), lambda c: _show(c.baseline)),
    "indicator": (lambda p, g: float(p.indicator == g.indicator), lambda c: _show(c.indicator)),
    "indicator_char_f1": (
        lambda p, g: _char_f1(p.indicator, g.indicator),
        lambda c: _show(c.indicator),
    ),
    "indicator_id": (
        lambda p, g: float(p.indicator_id == g.indicator_id),
        lambda c: _show(c.indicator_id),
    ),
}
_CLAIM_DIAGNOSTIC_ONLY = frozenset({"unit", "indicator_char_f1"})

TASK_FIELDS: tuple[str, ...] = ("modality", "deadline", "area", "targets")


@dataclass(frozen=True)
class Scores:
    """Counts for one document or a whole corpus (sums of per-document counts)."""

    claims: PRF = PRF()
    claims_exact: PRF = PRF()
    claim_fields: dict[str, Tally] = field(
        default_factory=lambda: {k: Tally() for k in CLAIM_FIELDS}
    )
    tasks: PRF = PRF()
    task_fields: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in TASK_FIELDS})
    trap_hits: int = 0  # predicted claims overlapping a gold non_claim span
    non_claims: int = 0  # gold non_claim spans listed

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            claims=self.claims + other.claims,
            claims_exact=self.claims_exact + other.claims_exact,
            claim_fields={
                k: self.claim_fields.get(k, Tally()) + other.claim_fields.get(k, Tally())
                for k in CLAIM_FIELDS
            },
            tasks=self.tasks + other.tasks,
            task_fields={
                k: self.task_fields.get(k, Tally()) + other.task_fields.get(k, Tally())
                for k in TASK_FIELDS
            },
            trap_hits=self.trap_hits + other.trap_hits,
            non_claims=self.non_claims + other.non_claims,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "claims": self.claims.to_dict(),
            "claims_exact": self.claims_exact.to_dict(),
            "claim_fields": {k: v.to_dict() for k, v in self.claim_fields.items()},
            "tasks": self.tasks.to_dict(),
            "task_fields": {k: v.to_dict() for k, v in self.task_fields.items()},
            "trap_hits": self.trap_hits,
            "non_claims": self.non_claims,
        }


IssueKind = Literal[
    "missed", "false_hit", "trap_hit", "wrong_field", "text_mismatch", "extractor_error"
]


@dataclass(frozen=True)
class Issue:
    """One line of the error listing.

    ``id`` is the gold id (missed), the predicted id (false/trap hit) or
    ``gold~pred`` (wrong field); ``detail`` says what is wrong; ``context``
    is the span with :data:`CONTEXT_CHARS` characters each side, marked ⟦…⟧.
    """

    kind: IssueKind
    record: Literal["claim", "task", "document"]
    id: str
    span: Span | None
    text: str
    detail: str
    context: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "record": self.record,
            "id": self.id,
            "span": list(self.span) if self.span is not None else None,
            "text": self.text,
            "detail": self.detail,
            "context": self.context,
        }


@dataclass(frozen=True)
class DocScore:
    """Scores and issues for one document."""

    file: str
    scores: Scores
    issues: list[Issue] = field(default_factory=list)
    gold: str | None = None  # gold file path
    text_mismatch: bool = False  # predicted text differs from the annotated text
    extractor_error: str | None = None  # the extractor raised; scored as an empty prediction

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "gold": self.gold,
            "text_mismatch": self.text_mismatch,
            "extractor_error": self.extractor_error,
            **self.scores.to_dict(),
            "issues": [i.to_dict() for i in self.issues],
        }


# --------------------------------------------------------------------------- matching


def _overlap_candidates(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int, int]]:
    """All ``(overlap, gold index, pred index)`` with overlap > 0."""
    order = sorted(range(len(pred)), key=lambda i: pred[i])
    starts = [pred[i][0] for i in order]
    max_len = max((e - s for s, e in pred), default=0)
    out: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        lo = bisect_left(starts, g[0] - max_len)  # earlier preds end before g starts
        hi = bisect_left(starts, g[1])  # later preds start after g ends
        for k in range(lo, hi):
            pi = order[k]
            ov = _overlaps(g, pred[pi])
            if ov > 0:
                out.append((ov, gi, pi))
    return out


def _match(
    gold: Sequence[Span],
    pred: Sequence[Span],
    accept: Callable[[Span, Span, int], bool] | None = None,
) -> dict[int, int]:
    """One-to-one gold→pred matching over overlapping pairs (that ``accept`` allows).

    Greedy first: largest overlap, then smallest union (the closer span), then
    gold order, then prediction order.  Then augmenting paths (breadth-first,
    same preference order) add pairs greedy missed, so the number of matches
    is the largest possible; every gold matched by greedy stays matched.
    """
    cands = [
        (ov, gi, pi)
        for ov, gi, pi in _overlap_candidates(gold, pred)
        if accept is None or accept(gold[gi], pred[pi], ov)
    ]

    def union(gi: int, pi: int) -> int:
        return max(gold[gi][1], pred[pi][1]) - min(gold[gi][0], pred[pi][0])

    cands.sort(key=lambda c: (-c[0], union(c[1], c[2]), c[1], c[2]))
    g2p: dict[int, int] = {}
    p2g: dict[int, int] = {}
    adjacency: dict[int, list[int]] = {}
    for _ov, gi, pi in cands:
        adjacency.setdefault(gi, []).append(pi)
        if gi not in g2p and pi not in p2g:
            g2p[gi], p2g[pi] = pi, gi
    for root in sorted(adjacency):
        if root in g2p:
            continue
        # breadth-first search for a free prediction reachable by alternating paths
        parent: dict[int, int] = {}  # pred index -> gold index it was reached from
        queue, seen_gold = [root], {root}
        free: int | None = None
        while queue and free is None:
            nxt: list[int] = []
            for gi in queue:
                for pi in adjacency[gi]:
                    if pi in parent:
                        continue
                    parent[pi] = gi
                    owner = p2g.get(pi)
                    if owner is None:
                        free = pi
                        break
                    if owner not in seen_gold:
                        seen_gold.add(owner)
                        nxt.append(owner)
                if free is not None:
                    break
            queue = nxt
        step = free
        while step is not None:  # flip the path
            owner_of = parent[step]
            prev = g2p.get(owner_of)
            g2p[owner_of], p2g[step] = step, owner_of
            step = prev
    return g2p


def match_claims(gold: Sequence[Span], pred: Sequence[Span]) -> dict[int, int]:
    """Match gold to predicted claim spans by overlap: ``{gold index: predicted index}``."""
    return _match(gold, pred)


_match_overlap = match_claims


def _match_exact(gold: Sequence[Span], pred: Sequence[Span]) -> dict[int, int]:
    by_span: dict[Span, list[int]] = {}
    for pi, span in enumerate(pred):
        by_span.setdefault(span, []).append(pi)
    matched: dict[int, int] = {}
    for gi, span in enumerate(gold):
        free = by_span.get(span)
        if free:
            matched[gi] = free.pop(0)
    return matched


def _half_of_shorter(g: Span, p: Span, overlap: int) -> bool:
    return 2 * overlap >= min(g[1] - g[0], p[1] - p[0])


def _match_tasks(gold: Sequence[Span], pred: Sequence[Span]) -> dict[int, int]:
    """Task matching: overlap of at least half the shorter span."""
    return _match(gold, pred, _half_of_shorter)


# --------------------------------------------------------------------------- scoring


def _oneline(s: str) -> str:
    return s.replace("\n", "⏎").replace("\t", "⇥")


def _context(text: str, span: Span, width: int = CONTEXT_CHARS) -> str:
    s, e = span
    s, e = max(0, min(s, len(text))), max(0, min(e, len(text)))
    left = text[max(0, s - width) : s]
    mid = text[s:e]
    right = text[e : e + width]
    if len(mid) > 3 * width:
        mid = mid[:width] + "…" + mid[-width:]
    lead = "…" if s - width > 0 else ""
    tail = "…" if e + width < len(text) else ""
    return f"{lead}{_oneline(left)}⟦{_oneline(mid)}⟧{_oneline(right)}{tail}"


def _empty_prediction(gold: GoldDocument) -> Document:
    return Document(doc_id=gold.file, sha256=gold.sha256, text=gold.text)


def score_document(pred: Document, gold: GoldDocument) -> DocScore:
    """Score one predicted document against its gold annotation."""
    text = gold.text or pred.text
    issues: list[Issue] = []

    def flag(
        kind: IssueKind, record: Literal["claim", "task"], rid: str, rec: Claim | Task, detail: str
    ) -> None:
        """List one issue about ``rec`` with its context."""
        issues.append(Issue(kind, record, rid, rec.span, rec.text, detail, _context(text, rec.span)))

    text_mismatch = pred.text != text
    if text_mismatch:
        issues.append(
            Issue(
                "text_mismatch",
                "document",
                pred.doc_id,
                None,
                "",
                f"predicted text (sha256 {_sha256(pred.text)[:12]}…, {len(pred.text)} chars) "
                f"is not the annotated text (sha256 {gold.sha256[:12]}…, {len(text)} chars): "
                "offsets may not line up",
                "",
            )
        )

    p_claims = [c for c in pred.claims if _inside(c.span, gold.windows)]
    p_tasks = [t for t in pred.tasks if _inside(t.span, gold.windows)]
    g_claims = gold.claims
    g_tasks = gold.tasks

    # claims: detection
    g_spans = [c.span for c in g_claims]
    p_spans = [c.span for c in p_claims]
    cmatch = _match_overlap(g_spans, p_spans)
    xmatch = _match_exact(g_spans, p_spans)
    claims = PRF(len(cmatch), len(p_claims) - len(cmatch), len(g_claims) - len(cmatch))
    claims_exact = PRF(len(xmatch), len(p_claims) - len(xmatch), len(g_claims) - len(xmatch))

    # claims: fields on overlap-matched pairs
    claim_fields: dict[str, Tally] = {}
    for name, (score, _show_fn) in CLAIM_FIELDS.items():
        total = sum(score(p_claims[pi], g_claims[gi]) for gi, pi in cmatch.items())
        claim_fields[name] = Tally(total, len(cmatch))
    for gi, pi in cmatch.items():
        g, p = g_claims[gi], p_claims[pi]
        diffs = []
        if p.span != g.span:
            diffs.append(f"span: {p.text!r} != {g.text!r}")
        for name, (score, show) in CLAIM_FIELDS.items():
            if name not in _CLAIM_DIAGNOSTIC_ONLY and score(p, g) < 1.0:
                diffs.append(f"{name}: {show(p)} != {show(g)}")
        if diffs:
            flag("wrong_field", "claim", f"{g.id}~{p.id}", g, "; ".join(diffs))
    for gi, g in enumerate(g_claims):
        if gi not in cmatch:
            flag("missed", "claim", g.id, g, "no predicted claim overlaps it")

    # traps
    nc_spans = [n.span for n in gold.non_claims]
    trapped: dict[int, int] = {}  # pred index -> first non-claim index it overlaps
    for _ov, ni, pi in sorted(_overlap_candidates(nc_spans, p_spans), key=lambda c: c[1]):
        trapped.setdefault(pi, ni)
    matched_preds = {pi: gi for gi, pi in cmatch.items()}
    for pi, p in enumerate(p_claims):
        if pi in trapped:
            nc = gold.non_claims[trapped[pi]]
            also = (
                f"; also matches gold {g_claims[matched_preds[pi]].id}"
                if pi in matched_preds
                else "; a false hit"
            )
            flag("trap_hit", "claim", p.id, p, f"overlaps non_claim {nc.text!r} ({nc.reason}){also}")
        elif pi not in matched_preds:
            flag("false_hit", "claim", p.id, p, "overlaps no gold claim")

    # tasks
    tmatch = _match_tasks([t.span for t in g_tasks], [t.span for t in p_tasks])
    tasks = PRF(len(tmatch), len(p_tasks) - len(tmatch), len(g_tasks) - len(tmatch))
    claim_map = {p_claims[pi].id: g_claims[gi].id for gi, pi in cmatch.items()}
    task_fields = {k: Tally(0.0, len(tmatch)) for k in TASK_FIELDS}
    for gi, pi in tmatch.items():
        g_t, p_t = g_tasks[gi], p_tasks[pi]
        mapped = {claim_map.get(t, f"unmatched:{t}") for t in p_t.targets}
        pairs: dict[str, tuple[str, str, bool]] = {
            "modality": (_show(p_t.modality), _show(g_t.modality), p_t.modality == g_t.modality),
            "deadline": (_show(p_t.deadline), _show(g_t.deadline), p_t.deadline == g_t.deadline),
            "area": (_show(p_t.area), _show(g_t.area), p_t.area == g_t.area),
            "targets": (
                "{" + ", ".join(sorted(mapped)) + "}",
                "{" + ", ".join(sorted(g_t.targets)) + "}",
                mapped == set(g_t.targets),
            ),
        }
        diffs = []
        for name, (shown_p, shown_g, ok) in pairs.items():
            if ok:
                task_fields[name] = Tally(task_fields[name].correct + 1, task_fields[name].total)
            else:
                diffs.append(f"{name}: {shown_p} != {shown_g}")
        if diffs:
            flag("wrong_field", "task", f"{g_t.id}~{p_t.id}", g_t, "; ".join(diffs))
    matched_tp = set(tmatch.values())
    for gi, g_t in enumerate(g_tasks):
        if gi not in tmatch:
            flag("missed", "task", g_t.id, g_t, "no predicted task covers half of it")
    for pi, p_t in enumerate(p_tasks):
        if pi not in matched_tp:
            flag("false_hit", "task", p_t.id, p_t, "matches no gold task")

    # document-level first, then claims, then tasks; each in text order
    rank = {"document": 0, "claim": 1, "task": 2}
    issues.sort(
        key=lambda i: (rank[i.record], i.span[0] if i.span is not None else -1, i.kind, i.id)
    )
    scores = Scores(
        claims=claims,
        claims_exact=claims_exact,
        claim_fields=claim_fields,
        tasks=tasks,
        task_fields=task_fields,
        trap_hits=len(trapped),
        non_claims=len(gold.non_claims),
    )
    return DocScore(
        file=gold.file,
        scores=scores,
        issues=issues,
        gold=gold.path,
        text_mismatch=text_mismatch,
    )


# --------------------------------------------------------------------------- report


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _render(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Fixed-width table: first column left-aligned, the rest right-aligned."""
    widths = [max(_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - _width(cell))
            out.append(cell + pad if i == 0 else pad + cell)
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    body = [line(r) for r in rows]
    if len(body) > 1:  # the last row is the micro row: set it off
        body.insert(len(body) - 1, rule)
    return "\n".join([line(headers), rule, *body])


_LEGEND = """\
claims: gold/pred = gold and predicted claims (inside windows); P/R/F1 = overlap match;
  exF1 = F1 with exact span match; val+unit..indF1 = accuracy on overlap-matched claims
  (ind= exact indicator, indF1 mean character-overlap F1); tasks: gold/pred, P/R/F1 with
  overlap >= half the shorter span; traps = predicted claims overlapping a gold non_claim.
n/a = zero denominator. * = see notes."""


@dataclass(frozen=True)
class EvalReport:
    """Per-document scores and their micro-average (sums of counts, then ratios)."""

    per_document: list[DocScore]
    micro: Scores
    corpus: str | None = None

    @classmethod
    def from_documents(cls, per_document: list[DocScore], corpus: str | None = None) -> EvalReport:
        micro = Scores()
        for doc in per_document:
            micro = micro + doc.scores
        return cls(per_document=per_document, micro=micro, corpus=corpus)

    def _rows(self) -> list[tuple[str, Scores]]:
        rows = []
        for doc in self.per_document:
            mark = "*" if doc.text_mismatch or doc.extractor_error else ""
            rows.append((doc.file + mark, doc.scores))
        rows.append(("micro", self.micro))
        return rows

    def to_table(self) -> str:
        """A fixed-width summary table, a claim-field block and a task-field block."""
        if not self.per_document:
            return f"no gold files found in {self.corpus or 'the corpus'}"
        main_headers = [
            "document", "gold", "pred", "P", "R", "F1", "exF1", "val+unit", "qual", "meas",
            "status", "year", "ind=", "indF1", "tasks", "tP", "tR", "tF1", "traps",
        ]  # fmt: skip
        main = []
        for name, s in self._rows():
            f = s.claim_fields
            main.append(
                [
                    name,
                    str(s.claims.n_gold),
                    str(s.claims.n_pred),
                    _fmt(s.claims.precision),
                    _fmt(s.claims.recall),
                    _fmt(s.claims.f1),
                    _fmt(s.claims_exact.f1),
                    *(
                        _fmt(f[k].accuracy)
                        for k in (
                            "value_unit",
                            "qualifier",
                            "measure",
                            "status",
                            "year",
                            "indicator",
                            "indicator_char_f1",
                        )
                    ),
                    f"{s.tasks.n_gold}/{s.tasks.n_pred}",
                    _fmt(s.tasks.precision),
                    _fmt(s.tasks.recall),
                    _fmt(s.tasks.f1),
                    str(s.trap_hits),
                ]
            )
        claim_cols = [k for k in CLAIM_FIELDS]
        claim_block = [
            [name, str(s.claims.tp), *(_fmt(s.claim_fields[k].accuracy) for k in claim_cols)]
            for name, s in self._rows()
        ]
        task_block = [
            [name, str(s.tasks.tp), *(_fmt(s.task_fields[k].accuracy) for k in TASK_FIELDS)]
            for name, s in self._rows()
        ]
        parts = [
            _render(main_headers, main),
            "",
            "claim field accuracy (on overlap-matched claims; n = matched)",
            _render(["document", "n", *claim_cols], claim_block),
            "",
            "task field accuracy (on matched tasks; n = matched)",
            _render(["document", "n", *TASK_FIELDS], task_block),
            "",
            _LEGEND,
        ]
        notes = []
        for doc in self.per_document:
            if doc.extractor_error:
                notes.append(
                    f"* {doc.file}: extractor failed ({doc.extractor_error}); "
                    "scored as an empty prediction"
                )
            if doc.text_mismatch:
                notes.append(f"* {doc.file}: predicted text differs from the annotated text")
        if notes:
            parts += ["", "notes:", *notes]
        return "\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus,
            "conventions": {
                "claim_match": "span overlap, one-to-one: greedy by largest overlap, "
                "then augmented to the largest number of pairs",
                "task_match": "overlap >= half of the shorter span",
                "value_rel_tol": float(REL_TOL),
                "f1": "2tp/(2tp+fp+fn)",
                "zero_denominator": None,
            },
            "micro": self.micro.to_dict(),
            "per_document": [d.to_dict() for d in self.per_document],
        }

    def to_json(self) -> str:
        """Everything, machine-readable; undefined ratios are ``null``."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def errors(self) -> str:
        """Every miss, false hit, trap hit and wrong field, with context, document by document."""
        labels = {
            "missed": "MISS",
            "false_hit": "FALSE",
            "trap_hit": "TRAP",
            "wrong_field": "FIELD",
            "text_mismatch": "TEXT",
            "extractor_error": "CRASH",
        }
        out: list[str] = []
        for doc in self.per_document:
            out.append(f"== {doc.file} ({len(doc.issues)} issues; gold {doc.gold}) ==")
            for i in doc.issues:
                where = f"[{i.span[0]},{i.span[1]})" if i.span is not None else ""
                head = f"{labels[i.kind]:<5} {i.record} {i.id} {where}".rstrip()
                out.append(f"{head}: {i.detail}")
                if i.context:
                    out.append(f"      {i.context}")
            out.append("")
        return "\n".join(out).rstrip("\n") + "\n" if out else ""


def _default_extractor() -> Callable[[Path], Document]:
    module = importlib.import_module("policyparse")
    extract = getattr(module, "extract", None)
    if extract is None:
        raise PolicyParseError(
            ErrorCode.BAD_INPUT,
            "policyparse.extract is not available; pass extractor= to evaluate()",
        )
    return cast(Callable[[Path], Document], extract)


def evaluate(
    corpus_dir: str | Path = "corpus",
    *,
    extractor: Callable[[Path], Document] | None = None,
) -> EvalReport:
    """Extract every document that has a gold file in ``corpus_dir`` and score it.

    ``extractor`` maps a document path to a :class:`Document` (default
    ``policyparse.extract``).  Bad gold files raise ``PolicyParseError``; an
    extractor that raises on a document is reported (``extractor_error``) and
    that document is scored as an empty prediction.
    """
    extract = extractor if extractor is not None else _default_extractor()
    per_document: list[DocScore] = []
    for doc_path, gold_path in find_gold_pairs(corpus_dir):
        gold = load_gold(gold_path)
        try:
            pred = extract(doc_path)
        except Exception as exc:  # reported in the DocScore, not hidden
            message = f"{type(exc).__name__}: {exc}"
            scored = score_document(_empty_prediction(gold), gold)
            crash = Issue("extractor_error", "document", gold.file, None, "", message, "")
            per_document.append(
                DocScore(
                    file=scored.file,
                    scores=scored.scores,
                    issues=[crash, *scored.issues],
                    gold=scored.gold,
                    extractor_error=message,
                )
            )
            continue
        per_document.append(score_document(pred, gold))
    return EvalReport.from_documents(per_document, corpus=str(corpus_dir))
