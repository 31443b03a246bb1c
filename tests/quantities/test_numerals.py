"""parse_number on single surfaces, plus property tests (Hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.quantities import extract_quantities, parse_number

CASES = [
    ("1,234.5", "1234.5"),
    ("１２", "12"),
    ("一千二百三十五万", "12350000"),
    ("两", "2"),
    ("百分之三点五", "3.5"),
    ("七七·五", "77.5"),
    ("三六八", "368"),
    ("三分之一", "33.3333333333"),
    ("1/10", "10"),
    ("十二万", "120000"),
    ("二点二四亿", "224000000"),
    ("1.3万亿", "1300000000000"),
    ("一亿二千万", "120000000"),
    ("三万五千", "35000"),
    ("一百零五", "105"),
    ("三、六四四", "3644"),
    ("2 3 0 0", "2300"),
    ("1 · 024", "1.024"),
    ("六○·三", "60.3"),
    ("十", "10"),
    ("一九五八", "1958"),
    ("百分之一七八·六", "178.6"),
    ("五分之四", "80"),
    ("万分之三", "0.03"),
    ("千分之五", "5"),
    ("〇", "0"),
    ("260万", "2600000"),
    ("45.56亿", "4556000000"),
    ("３．５", "3.5"),
    ("壹佰", "100"),
]


@pytest.mark.parametrize(("surface", "value"), [pytest.param(s, v, id=s) for s, v in CASES])
def test_parse_number(surface: str, value: str) -> None:
    assert parse_number(surface) == Decimal(value)


@pytest.mark.parametrize("surface", ["", "abc", "元", "一二三十", "1.2.3", "分之", "3/0"])
def test_not_a_number(surface: str) -> None:
    assert parse_number(surface) is None


_CN = "零一二三四五六七八九"


def _to_chinese(n: int) -> str:
    """Reference renderer for positional Chinese numerals (independent of the parser)."""
    if n == 0:
        return "零"

    def below_10000(x: int) -> str:
        out, zero = "", False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // unit % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out += "零"
                zero = False
            out += _CN[d] + name
        return out

    parts: list[str] = []
    for big, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        chunk = n // big % 10**4 if big < 10**8 else n // big
        if chunk:
            if parts and chunk < 1000:
                parts.append("零")
            parts.append((below_10000(chunk) if chunk < 10**4 else _to_chinese(chunk)) + name)
        elif parts and big == 1 and n % 10**4:
            parts.append("零")
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_chinese_roundtrip(n: int) -> None:
    assert parse_number(_to_chinese(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_arabic_and_fullwidth_roundtrip(d: Decimal) -> None:
    s = format(d, "f")
    assert parse_number(s) == d
    full = s.translate({ord(c): chr(ord(c) + 0xFEE0) for c in "0123456789."})
    assert parse_number(full) == d
    if d == d.to_integral_value():
        assert parse_number(f"{int(d):,}") == d


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["万", "亿"]))
def test_multiplier_roundtrip(n: int, mult: str) -> None:
    factor = 10**4 if mult == "万" else 10**8
    assert parse_number(f"{n}{mult}") == n * factor
    assert parse_number(_to_chinese(n) + mult) == n * factor


_PIECES = [
    "增长",
    "45.56亿元",
    "10%左右",
    "二十大",
    "三个一批",
    "8月1日",
    "300余家",
    "4.5%至5%",
    "百分之三点五",
    "，",
    "、",
    "规模以上",
    "连续7年",
    "2022年",
    "一批",
    "１２％",
    "近400万平方米",
    "-1.5%",
    "三分之一",
    "翻一番",
    "亿元以上项目",
    "第三",
    "万人",
    "1-6月",
    "abc",
    "\ufffd",
    "_M_M_",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6), min_size=1, max_size=5))
def test_text_equals_sentences(sentences: list[list[str]]) -> None:
    parts = ["".join(s) + "。" for s in sentences]
    text = "".join(parts)
    whole, _ = extract_quantities(text)
    pieced = []
    offset = 0
    for part in parts:
        qs, _ = extract_quantities(part)
        pieced += [(q.span[0] + offset, q.span[1] + offset, q.value, q.unit, q.qualifier) for q in qs]
        offset += len(part)
    assert [(q.span[0], q.span[1], q.value, q.unit, q.qualifier) for q in whole] == pieced


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_never_raises(text: str) -> None:
    quantities, _ = extract_quantities(text)
    for q in quantities:
        assert text[q.span[0] : q.span[1]] == q.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.,%万亿元个十百千一二三两〇·-至约以上左右余多\ufffd年月第 ", max_size=40))
def test_never_raises_numeric_soup(text: str) -> None:
    quantities, _ = extract_quantities(text)
    for q in quantities:
        assert text[q.span[0] : q.span[1]] == q.text
