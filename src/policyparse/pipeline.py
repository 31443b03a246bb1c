"""The one way through: read → segment → find/parse → link → tasks → Document.

Each stage reads only what the stage before produced:

* :func:`policyparse.read.read` turns bytes into text (and is the only place
  that knows about files, encodings and containers);
* :func:`segment` builds the document skeleton (sections, paragraphs,
  sentences, clauses, title, date, place);
* :func:`extract` adds quantities → claims → tasks on top of it.
"""

from __future__ import annotations

import gc
import hashlib
import os
from pathlib import Path
from typing import Any

from .errors import ErrorCode, PolicyParseError
from .records import Document, Token, Warning
from .segment.normalize import NormText, normalize
from .segment.structure import segment_structure
from .segment.words import Segmenter, default_segmenter

TextOrPath = str | os.PathLike[str]

_MAX_PATH_LEN = 1024


def _looks_like_path(value: str) -> bool:
    """A ``str`` argument is a path when it is one line, short, and names a file."""
    if "\n" in value or len(value) > _MAX_PATH_LEN:
        return False
    try:
        return Path(value).is_file()
    except OSError:
        return False


def load_text(text_or_path: TextOrPath) -> tuple[str, str | None, list[Warning]]:
    """Resolve the argument of :func:`segment`/:func:`extract` to (text, source, warnings).

    A :class:`os.PathLike` is always a path; a ``str`` is a path when it names
    an existing file and is a single short line, otherwise it is the text.
    """
    if not isinstance(text_or_path, (str, os.PathLike)):
        raise PolicyParseError(
            ErrorCode.BAD_INPUT,
            f"expected text or a path, got {type(text_or_path).__name__}",
        )
    if isinstance(text_or_path, os.PathLike) or _looks_like_path(text_or_path):
        from .read import read

        res = read(text_or_path)
        return res.text, res.source, list(res.warnings)
    return text_or_path, None, []


def _skeleton_fields(
    text: str,
    norm: NormText,
    source: str | None,
    warnings: list[Warning],
    segmenter: Segmenter | None,
) -> dict[str, Any]:
    """The fields of the segmented document (no claims or tasks yet)."""
    sk = segment_structure(norm, segmenter)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return {
        "doc_id": digest[:16],
        "sha256": digest,
        "source": source,
        "title": sk.title,
        "title_span": sk.title_span,
        "date": sk.date,
        "place": sk.place,
        "text": text,
        "sections": sk.sections,
        "paragraphs": sk.paragraphs,
        "sentences": sk.sentences,
        "claims": [],
        "tasks": [],
        "warnings": [*warnings, *sk.warnings],
    }


def _skeleton_document(
    text: str,
    norm: NormText,
    source: str | None,
    warnings: list[Warning],
    segmenter: Segmenter | None,
) -> Document:
    """The segmented document, validated (spans checked)."""
    return Document(**_skeleton_fields(text, norm, source, warnings, segmenter))


def segment(
    text_or_path: TextOrPath,
    *,
    source: str | None = None,
    segmenter: Segmenter | None = None,
    words: bool = False,
) -> Document:
    """Read (if given a path) and segment a document; no claims or tasks.

    With ``words=True`` every sentence also carries its jieba words as
    :class:`~policyparse.records.Token` spans (from the isolated tokenizer).

    >>> doc = segment("会议指出，要加快发展。全年增长5%。")
    >>> [s.text for s in doc.sentences]
    ['会议指出，要加快发展。', '全年增长5%。']
    >>> [t.text for t in segment("固定资产投资增长12.6%。", words=True).sentences[0].words]
    ['固定资产投资', '增长', '12.6%', '。']
    """
    text, src, warnings = load_text(text_or_path)
    norm = normalize(text)
    doc = _skeleton_document(text, norm, source or src, warnings, segmenter)
    if not words:
        return doc
    seg = segmenter if segmenter is not None else default_segmenter()
    sentences = [
        s.model_copy(update={"words": _words(seg, norm, s.span)}) for s in doc.sentences
    ]
    return doc.model_copy(update={"sentences": sentences})


def _words(seg: Segmenter, norm: NormText, span: tuple[int, int]) -> list[Token]:
    """Words of one sentence, cut on the normalised text, spans in original offsets."""
    ns, ne = norm.from_orig(*span)
    out: list[Token] = []
    pos = ns
    for w in seg.cut(norm.text[ns:ne]):
        os_, oe = norm.to_orig(pos, pos + len(w))
        out.append(Token(span=(os_, oe), text=norm.orig[os_:oe]))
        pos += len(w)
    return out


def extract(
    text_or_path: TextOrPath,
    *,
    source: str | None = None,
    segmenter: Segmenter | None = None,
) -> Document:
    """Read, segment and extract claims and tasks: the main entry point.

    >>> doc = extract("今年上半年，工业投资完成45.56亿元，增速41.07%。")
    >>> [(c.text, str(c.value), c.unit) for c in doc.claims]
    [('45.56亿元', '4556000000', 'CNY'), ('41.07%', '41.07', '%')]

    The cyclic garbage collector is paused for the call (and restored after it,
    also on error): an extraction makes many long-lived records and no cycles, and
    on long documents full collections over them would make the cost superlinear.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _extract(text_or_path, source=source, segmenter=segmenter)
    finally:
        if paused:
            gc.enable()


def _extract(text_or_path: TextOrPath, *, source: str | None, segmenter: Segmenter | None) -> Document:
    """:func:`extract` without the collector pause."""
    from .claims.link import link_claims
    from .quantities import extract_quantities
    from .tasks.directives import find_tasks

    text, src, warnings = load_text(text_or_path)
    norm = normalize(text)
    fields = _skeleton_fields(text, norm, source or src, warnings, segmenter)
    # the stages read an unvalidated skeleton; the finished document is validated once
    # (records are immutable and already typed, so only the span checks run again)
    skeleton = Document.model_construct(**fields)
    quantities, q_warnings = extract_quantities(text, norm)
    claims, c_warnings = link_claims(skeleton, quantities, norm, segmenter)
    with_claims = skeleton.model_copy(update={"claims": claims})
    tasks = find_tasks(with_claims, norm)
    fields["claims"] = claims
    fields["tasks"] = tasks
    fields["warnings"] = [*fields["warnings"], *q_warnings, *c_warnings]
    return Document.model_validate(fields)
