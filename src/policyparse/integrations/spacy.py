"""spaCy integration: policyparse's isolated tokenizer and a ``policyparse`` pipe.

    import spacy
    import policyparse.integrations.spacy  # noqa: F401 (or rely on the entry points)

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "policyparse.Tokenizer.v1"}}})
    nlp.add_pipe("policyparse")
    doc = nlp("今年上半年，工业投资完成45.56亿元，增速41.07%。")
    [(s.text, s.label_, s._.policyparse["indicator"]) for s in doc.spans["claims"]]

Claims land in ``doc.spans["claims"]`` (label = measure) and tasks in
``doc.spans["tasks"]`` (label = modality).  The full records are plain JSON
dicts in ``doc.user_data["policyparse"]`` — never pydantic objects, so Docs
pickle across ``nlp.pipe(n_process=2)`` and round-trip through ``DocBin`` —
and each Span reaches its record through the ``Span._.policyparse`` getter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry
from spacy.vocab import Vocab

from ..segment.words import JiebaSegmenter

USER_DATA_KEY = "policyparse"


class PolicyTokenizer:
    """A spaCy tokenizer backed by policyparse's isolated jieba tokenizer.

    Tokens concatenate back to the text exactly (whitespace is kept as tokens).
    """

    def __init__(self, vocab: Vocab, userdict: str | None = None, hmm: bool = True) -> None:
        self.vocab = vocab
        self.segmenter = JiebaSegmenter(userdict, hmm=hmm)

    def __call__(self, text: str) -> Doc:
        words = [w for w in self.segmenter.cut(text) if w]
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # settings live in the config; nothing else to save
    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> PolicyTokenizer:
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, **kwargs: Any) -> PolicyTokenizer:
        return self


@registry.tokenizers("policyparse.Tokenizer.v1")  # type: ignore[untyped-decorator]
def create_tokenizer(
    userdict: str | None = None, hmm: bool = True
) -> Callable[[Language], PolicyTokenizer]:
    """Registered tokenizer factory (``@tokenizers = "policyparse.Tokenizer.v1"``)."""

    def make(nlp: Language) -> PolicyTokenizer:
        return PolicyTokenizer(nlp.vocab, userdict=userdict, hmm=hmm)

    return make


def _records_in(span: Span, kind: str) -> list[dict[str, Any]]:
    data = span.doc.user_data.get(USER_DATA_KEY, {})
    return [
        r
        for r in data.get(kind, [])
        if span.start_char <= r["span"][0] and r["span"][1] <= span.end_char
    ]


def _span_record(span: Span) -> dict[str, Any] | None:
    """The claim (or task) record behind a span in ``doc.spans``; ``None`` if none."""
    kind = "tasks" if span.label_ in {"must", "strive", "should"} else "claims"
    found = _records_in(span, kind) or _records_in(span, "claims") or _records_in(span, "tasks")
    return found[0] if found else None


def _doc_records(doc: Doc) -> dict[str, Any]:
    data: dict[str, Any] = doc.user_data.get(USER_DATA_KEY, {})
    return data


if not Span.has_extension("policyparse"):
    Span.set_extension("policyparse", getter=_span_record)
if not Doc.has_extension("policyparse"):
    Doc.set_extension("policyparse", getter=_doc_records)


def _spans(doc: Doc, records: list[dict[str, Any]], label_field: str) -> list[Span]:
    """Token-aligned spans (expanded to whole tokens) for character-offset records."""
    out: list[Span] = []
    for rec in records:
        start, end = rec["span"]
        span = doc.char_span(start, end, label=rec[label_field], alignment_mode="expand")
        if span is not None:
            out.append(span)
    return out


class PolicyParseComponent:
    """Runs :func:`policyparse.extract` on ``doc.text`` and fills ``doc.spans``."""

    def __init__(
        self, nlp: Language, name: str, claims_key: str, tasks_key: str, with_tasks: bool
    ) -> None:
        self.name = name
        self.claims_key = claims_key
        self.tasks_key = tasks_key
        self.with_tasks = with_tasks

    def __call__(self, doc: Doc) -> Doc:
        from ..pipeline import extract

        result = extract(doc.text)
        claims = [c.model_dump(mode="json") for c in result.claims]
        tasks = [t.model_dump(mode="json") for t in result.tasks] if self.with_tasks else []
        doc.spans[self.claims_key] = _spans(doc, claims, "measure")
        if self.with_tasks:
            doc.spans[self.tasks_key] = _spans(doc, tasks, "modality")
        doc.user_data[USER_DATA_KEY] = {
            "claims": claims,
            "tasks": tasks,
            "title": result.title,
            "date": result.date.isoformat() if result.date else None,
            "place": result.place,
            "warnings": [w.model_dump(mode="json") for w in result.warnings],
        }
        return doc


@Language.factory(
    "policyparse",
    assigns=["doc.spans"],
    default_config={"claims_key": "claims", "tasks_key": "tasks", "with_tasks": True},
)
def make_policyparse(
    nlp: Language, name: str, claims_key: str, tasks_key: str, with_tasks: bool
) -> PolicyParseComponent:
    """Factory of the ``policyparse`` pipe (every option is in ``default_config``)."""
    return PolicyParseComponent(nlp, name, claims_key, tasks_key, with_tasks)


def blank(**overrides: Any) -> Language:
    """``spacy.blank("zh")`` with policyparse's tokenizer and the ``policyparse`` pipe."""
    import spacy

    nlp = spacy.blank(
        "zh", config={"nlp": {"tokenizer": {"@tokenizers": "policyparse.Tokenizer.v1"}}}
    )
    nlp.add_pipe("policyparse", config=overrides)
    return nlp
