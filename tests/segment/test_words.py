"""The isolated jieba tokenizer: private dictionary, picklable, no global state."""

from __future__ import annotations

import pickle

import jieba
import pytest

from policyparse.resources import resource_text
from policyparse.segment.words import JiebaSegmenter, Segmenter


@pytest.fixture(scope="module")
def seg() -> JiebaSegmenter:
    return JiebaSegmenter()


@pytest.mark.parametrize(
    "word",
    [
        pytest.param("固定资产投资", id="fai"),
        pytest.param("规模以上工业企业", id="above-scale"),
        pytest.param("高新技术企业", id="high-tech"),
        pytest.param("个百分点", id="pp"),
    ],
)
def test_user_dictionary_words_are_kept_whole(seg: JiebaSegmenter, word: str) -> None:
    assert word in seg.cut(f"其中{word}增长较快")


def test_does_not_touch_the_global_jieba(seg: JiebaSegmenter) -> None:
    seg.cut("预热")
    assert "个百分点" not in jieba.lcut("高于全省28.47个百分点")
    assert not jieba.dt.FREQ.get("规模以上工业企业")


def test_pickles_and_rebuilds(seg: JiebaSegmenter) -> None:
    clone = pickle.loads(pickle.dumps(seg))
    assert clone.cut("固定资产投资增速12.6%") == seg.cut("固定资产投资增速12.6%")
    assert isinstance(clone, Segmenter)


def test_tokens_cover_text_with_offsets(seg: JiebaSegmenter) -> None:
    text = "高新区工业投资完成45.56亿元"
    toks = seg.tokens(text, offset=10)
    assert "".join(t.text for t in toks) == text
    assert toks[0].span[0] == 10 and toks[-1].span[1] == 10 + len(text)


def test_userdict_lines_are_well_formed() -> None:
    seen: set[str] = set()
    for line in resource_text("userdict.txt").splitlines():
        word, freq, tag = line.split(" ")
        assert word not in seen, f"{word} listed twice"
        seen.add(word)
        assert int(freq) > 0 and tag


def test_extract_uses_the_callers_segmenter() -> None:
    from policyparse import extract

    class Counting:
        def __init__(self) -> None:
            self.inner = JiebaSegmenter()
            self.calls = 0

        def cut(self, text: str) -> list[str]:
            self.calls += 1
            return self.inner.cut(text)

    seg = Counting()
    doc = extract("今年上半年，高新区工业投资高速增长，完成45.56亿元，增速41.07%。", segmenter=seg)
    assert [c.indicator for c in doc.claims] == ["工业投资", "工业投资"]
    assert seg.calls > 0
