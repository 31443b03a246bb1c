"""Fuzzing and properties of the whole pipeline: never raise, spans valid, cut-invariant.

The ``ci`` hypothesis profile keeps this bounded; ``HYPOTHESIS_PROFILE=nightly``
runs 10⁵ examples per property (see README, "Robustness").
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from policyparse import PolicyParseError, extract, read_bytes
from policyparse.records import Document

NUMERALS = ["45.56", "１２．６", "一千二百三十五", "百分之三点五", "十二", "两", "3至5", "4.5-5", "-1.5",
            "2 3 0 0", "三分之一", "1,234", "〇", "七七·五", "300余", "100多"]
UNITS = ["亿元", "万元", "%", "％", "个百分点", "家", "个", "台以上", "平方公里", "万平方米", "吨", "倍",
         "左右", "以上", "万人", "‰", "_M_M_", "\ufffd", "", "年", "月", "日"]
WORDS = ["今年上半年", "工业投资", "完成", "增长", "增速", "下降", "力争", "确保", "要加快", "党的二十大",
         "一批", "三季度", "规模以上工业企业", "高于", "占全市的", "其中", "【措施】", "一、", "（二）",
         "第三章", "“三个一批”", "全年", "年底", "达到", "比上年"]
PUNCT = ["，", ",", "。", "；", "、", "\n", "\n\n", "！", "“", "”", "：", " ", "\u3000", "\r\n"]

report_piece = st.one_of(
    st.sampled_from(WORDS),
    st.tuples(st.sampled_from(NUMERALS), st.sampled_from(UNITS)).map("".join),
    st.sampled_from(PUNCT),
)
report_text = st.lists(report_piece, max_size=40).map("".join)
paragraph = st.lists(
    st.one_of(st.sampled_from(WORDS),
              st.tuples(st.sampled_from(NUMERALS), st.sampled_from(UNITS)).map("".join),
              st.sampled_from(["，", "。", "；", "、"])),
    min_size=1, max_size=25,
).map(lambda parts: "".join(parts).strip() + "。")


def _check(doc: Document) -> None:
    Document.model_validate(doc.model_dump())  # re-runs the span validator
    for c in doc.claims:
        assert doc.text[c.span[0]:c.span[1]] == c.text
        assert c.sentence[0] <= c.span[0] <= c.span[1] <= c.sentence[1]


@given(st.text(max_size=300))
def test_random_unicode_never_raises(text: str) -> None:
    _check(extract(text))


@given(report_text)
def test_report_like_text_never_raises(text: str) -> None:
    _check(extract(text))


@given(st.binary(max_size=400), st.sampled_from([None, "txt", "html"]))
def test_random_bytes_give_text_or_a_clear_error(data: bytes, fmt: str | None) -> None:
    try:
        res = read_bytes(data, name="fuzz.bin", format=fmt)
    except PolicyParseError as err:
        assert "fuzz.bin" in str(err)
        return
    _check(extract(res.text))


@given(report_text, st.sampled_from(["utf-8", "gb18030"]), st.integers(min_value=0, max_value=50))
def test_truncated_and_mixed_encoding_bytes(text: str, enc: str, cut: int) -> None:
    raw = text.encode(enc)
    mixed = raw[: max(0, len(raw) - cut)] + "比上年增长5%".encode("gb18030" if enc == "utf-8" else "utf-8")
    try:
        res = read_bytes(mixed, name="mixed.txt")
    except PolicyParseError:
        return
    _check(extract(res.text))


def _quantity_view(doc: Document, shift: int = 0) -> list[tuple[int, int, str, str, str]]:
    return [
        (c.span[0] + shift, c.span[1] + shift, str(c.value), c.unit, c.qualifier.value)
        for c in doc.claims
    ]


@given(st.lists(paragraph, min_size=1, max_size=6))
def test_document_equals_its_paragraphs(paragraphs: list[str]) -> None:
    """Claims found in a document = claims found in each paragraph alone, offsets shifted."""
    text = "\n".join(paragraphs)
    whole = _quantity_view(extract(text))
    parts: list[tuple[int, int, str, str, str]] = []
    offset = 0
    for p in paragraphs:
        parts.extend(_quantity_view(extract(p), offset))
        offset += len(p) + 1
    assert whole == parts
