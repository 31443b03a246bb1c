"""Typed records: the contract between policyparse and its users.

Offset convention (stated once, used everywhere): every ``span`` is a
half-open ``[start, end)`` pair of Python ``str`` indices (code points) into
``Document.text``, the document text exactly as decoded from the file (BOM
removed, universal newlines).  ``text[start:end] == record.text`` holds for
every record and is checked by :meth:`Document.check_spans`, which runs when
a ``Document`` is built or loaded.

Values are :class:`decimal.Decimal` in Python and plain JSON numbers in JSON
(``61.2``, ``4556000000``), so they read back as the number written.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, model_validator

Span = tuple[int, int]


def _decimal_to_json(value: Decimal) -> int | float:
    """Serialise a Decimal as the number it is written as (int when integral)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


JsonDecimal = Annotated[
    Decimal, PlainSerializer(_decimal_to_json, return_type=int | float, when_used="json")
]


class Qualifier(StrEnum):
    """Bound a qualifier word puts on a value (Civil Code art. 1259 reading)."""

    EXACT = "exact"
    ABOUT = "about"  # 左右, 约, 大约, 近, 接近, 上下
    AT_LEAST = "at_least"  # 以上, 不低于, 不少于 (includes the number)
    MORE_THAN = "more_than"  # 超过, 超, 逾, 余, 多 (excludes the number)
    AT_MOST = "at_most"  # 以下, 以内, 不超过, 不高于 (includes the number)
    LESS_THAN = "less_than"  # 不到, 不足, 不满, 低于 (excludes the number)


class Measure(StrEnum):
    LEVEL = "level"
    GROWTH = "growth"
    SHARE = "share"
    DIFFERENCE = "difference"
    COMPLETION = "completion"
    MULTIPLE = "multiple"
    RATE = "rate"


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"


class Status(StrEnum):
    ACTUAL = "actual"
    ESTIMATE = "estimate"
    TARGET = "target"


class Modality(StrEnum):
    MUST = "must"
    STRIVE = "strive"
    SHOULD = "should"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Warning(_Record):
    """Something the library noticed in the text and could not resolve."""

    code: str
    message: str
    span: Span | None = None


class Section(_Record):
    """A heading (``【措施】 重点抓好六大方面工作``, ``一、``, ``（二）``, ``第三章``)."""

    id: str
    span: Span  # the heading line
    text: str
    level: int = Field(ge=1, description="1 = top-level heading")
    body: Span  # heading start to the start of the next heading of the same or higher level


class Paragraph(_Record):
    id: str
    span: Span
    text: str


class Token(_Record):
    span: Span
    text: str


class Sentence(_Record):
    """A sentence: to 。！？ (or line end where lines carry no 。), joined over broken lines."""

    id: str
    span: Span
    text: str
    paragraph: int  # index into Document.paragraphs
    section: int | None = None  # index into Document.sections (innermost)
    clauses: list[Span] = Field(default_factory=list)  # ，；,; separated parts
    complete: bool = True  # False when it ends without terminal punctuation
    words: list[Token] | None = None  # jieba words, filled by ``segment(..., words=True)``


class Quantity(_Record):
    """A number with its unit and bound, as found and parsed from the text.

    ``value`` is the magnitude in the canonical ``unit`` (multipliers applied,
    sign removed); ``negative`` records a literal minus or 负 before it.
    """

    span: Span
    text: str
    value: JsonDecimal
    value_max: JsonDecimal | None = None
    unit: str
    unit_text: str
    qualifier: Qualifier = Qualifier.EXACT
    negative: bool = False
    number_span: Span | None = None  # the numeral alone, for linking


class Claim(_Record):
    """A quantitative claim (see ``records.md``)."""

    id: str
    span: Span
    text: str
    value: JsonDecimal
    value_max: JsonDecimal | None = None
    unit: str
    unit_text: str
    qualifier: Qualifier = Qualifier.EXACT
    measure: Measure = Measure.LEVEL
    direction: Direction | None = None
    status: Status = Status.ACTUAL
    indicator: str | None = None
    indicator_id: str | None = None
    baseline: str | None = None
    period: str | None = None
    year: int | None = None
    sentence: Span


class Task(_Record):
    """A sentence that commits the reporting government to do something."""

    id: str
    span: Span
    text: str
    area: str | None = None
    actions: list[str] = Field(default_factory=list)
    modality: Modality = Modality.SHOULD
    deadline: str | None = None
    targets: list[str] = Field(default_factory=list)


class Document(_Record):
    """A decoded report with its structure, claims, tasks and warnings."""

    doc_id: str
    sha256: str  # of text encoded as UTF-8
    source: str | None = None
    title: str | None = None
    title_span: Span | None = None
    date: _dt.date | None = None
    place: str | None = None
    text: str
    sections: list[Section] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)

    @model_validator(mode="after")
    def check_spans(self) -> Document:
        """Every record's ``text`` must equal ``self.text[start:end]``."""
        n = len(self.text)
        spans: list[tuple[str, Span, str]] = []
        if self.title_span is not None and self.title is not None:
            spans.append(("title", self.title_span, self.title))
        for group, records in (
            ("section", self.sections),
            ("paragraph", self.paragraphs),
            ("sentence", self.sentences),
            ("claim", self.claims),
            ("task", self.tasks),
        ):
            for rec in records:
                spans.append((f"{group} {rec.id}", rec.span, rec.text))
        for name, (start, end), text in spans:
            if not (0 <= start <= end <= n) or self.text[start:end] != text:
                raise ValueError(
                    f"{name}: span [{start}, {end}) holds "
                    f"{self.text[max(0, start):max(0, end)]!r}, record says {text!r}"
                )
        for claim in self.claims:
            s, e = claim.sentence
            if not (0 <= s <= claim.span[0] <= claim.span[1] <= e <= n):
                raise ValueError(f"claim {claim.id}: sentence {claim.sentence} does not hold it")
        return self

    def sentence_of(self, span: Span) -> Sentence | None:
        """The sentence holding ``span`` (``None`` if it falls outside all)."""
        for sent in self.sentences:
            if sent.span[0] <= span[0] and span[1] <= sent.span[1]:
                return sent
        return None

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
