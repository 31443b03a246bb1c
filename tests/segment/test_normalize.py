"""The normaliser folds characters but always maps back to the original offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyparse.segment.normalize import normalize


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        pytest.param("１２３４５６７８９０", "1234567890", id="fullwidth-digits"),
        pytest.param("４１．０７％", "41.07%", id="fullwidth-percent"),
        pytest.param("ＧＤＰ", "GDP", id="fullwidth-letters"),
        pytest.param("a\u3000b\u00a0c", "a b c", id="odd-spaces"),
        pytest.param("4\u200b5", "45", id="zero-width-dropped"),
        pytest.param("甲\r\n乙\r丙", "甲\n乙\n丙", id="line-ends"),
        pytest.param("\ufeff正文", "正文", id="bom-dropped"),
    ],
)
def test_folds(text: str, folded: str) -> None:
    assert normalize(text).text == folded


@pytest.mark.parametrize("digit", list("０１２３４５６７８９"))
def test_every_fullwidth_digit_equals_its_ascii_twin(digit: str) -> None:
    assert normalize(digit).text == str(ord(digit) - ord("０"))


def test_number_broken_over_a_wrapped_line_is_joined() -> None:
    text = "全省地区生产总值达到一万二千亿元左右同比增长了百分之十二，其中工业完成12\n34亿元"
    norm = normalize(text)
    assert "1234亿元" in norm.text
    s = norm.text.index("1234")
    assert text[slice(*norm.to_orig(s, s + 6))] == "12\n34亿元"


def test_table_cells_on_separate_lines_are_not_joined() -> None:
    assert normalize("2011\n2012").text == "2011\n2012"


@given(st.text(alphabet=st.sampled_from("12３４%％\u200b\u3000\r\n亿元，。a\ufeff"), max_size=60))
def test_map_back_is_exact(text: str) -> None:
    norm = normalize(text)
    for i in range(len(norm.text)):
        s, e = norm.to_orig(i, i + 1)
        orig_char = text[s:e]
        assert len(orig_char) == 1
        assert orig_char.translate({}) and normalize(orig_char).text in (norm.text[i], "")
    s, e = norm.to_orig(0, len(norm.text))
    assert 0 <= s <= e <= len(text)
