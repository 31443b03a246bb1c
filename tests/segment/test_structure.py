"""Segmentation: sections, sentences, joins, fragments, title, date, place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policyparse import read
from policyparse.pipeline import segment
from policyparse.segment.normalize import normalize
from policyparse.segment.structure import find_date, find_place, segment_structure

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SEED = CORPUS / "000_3da7e75e57ff61a1.txt"


@pytest.fixture(scope="module")
def seed_doc():  # type: ignore[no-untyped-def]
    return segment(read(SEED).text)


def test_seed_sections(seed_doc) -> None:  # type: ignore[no-untyped-def]
    assert [s.text[:4] for s in seed_doc.sections] == ["【布置】", "【措施】", "【冲刺】"]
    assert seed_doc.sections[1].text == "【措施】 重点抓好六大方面工作"
    assert all(s.level == 1 for s in seed_doc.sections)


def test_seed_metadata(seed_doc) -> None:  # type: ignore[no-untyped-def]
    assert seed_doc.title == "郑州高新区上半年经济运行暨下半年重点工作推进会召开"
    assert seed_doc.date == dt.date(2022, 8, 1)
    assert seed_doc.place == "郑州高新区"


def test_seed_broken_word_is_one_sentence(seed_doc) -> None:  # type: ignore[no-untyped-def]
    joined = [s for s in seed_doc.sentences if "高新\n\n区作为" in s.text]
    assert len(joined) == 1
    assert joined[0].text.startswith("高新\n\n区作为经济建设")


def test_seed_fragments_warned(seed_doc) -> None:  # type: ignore[no-untyped-def]
    fragments = [s.text for s in seed_doc.sentences if not s.complete]
    assert "创新实施“揭榜挂帅”计划,年内投入10亿元建" in fragments
    warned = {seed_doc.text[w.span[0]:w.span[1]] for w in seed_doc.warnings if w.code == "W002"}
    assert "创新实施“揭榜挂帅”计划,年内投入10亿元建" in warned
    # a fragment is not glued to an unrelated next paragraph
    assert not any("以优异\n\n管理体系" in s.text for s in seed_doc.sentences)


def test_seed_headings_are_not_sentences(seed_doc) -> None:  # type: ignore[no-untyped-def]
    assert not any(s.text.startswith("【") for s in seed_doc.sentences)
    assert seed_doc.title not in {s.text for s in seed_doc.sentences}


def test_semicolon_is_a_clause_break_not_a_sentence_break() -> None:
    doc = segment("增速41.07%,高于固定资产投资28.47个百分点;固定资产投资增速12.6%。下一句。")
    assert [s.text for s in doc.sentences] == [
        "增速41.07%,高于固定资产投资28.47个百分点;固定资产投资增速12.6%。",
        "下一句。",
    ]
    clauses = [doc.text[a:b] for a, b in doc.sentences[0].clauses]
    assert clauses == ["增速41.07%,", "高于固定资产投资28.47个百分点;", "固定资产投资增速12.6%。"]


def test_closing_quote_stays_with_sentence() -> None:
    doc = segment("他说：“要加快发展。”然后散会。")
    assert [s.text for s in doc.sentences] == ["他说：“要加快发展。”", "然后散会。"]


def test_lines_without_full_stops_are_sentences() -> None:
    text = "\n".join(
        [
            "发展国民经济的第一个五年计划",
            "第一个五年计划规定的基本任务是集中主要力量进行工业建设",
            "五年内全国经济建设和文化教育建设的支出总数为七百六十六亿四千万元",
            "一九五七年工业总产值计划达到五百三十五亿六千万元",
        ]
    )
    doc = segment(text)
    assert len(doc.sentences) == 3
    assert all(s.complete for s in doc.sentences)
    assert not [w for w in doc.warnings if w.code == "W002"]


@pytest.mark.parametrize(
    ("line", "level"),
    [
        pytest.param("【措施】 重点抓好六大方面工作", 1, id="bracket"),
        pytest.param("一、过去五年政府工作回顾", 1, id="cn-list"),
        pytest.param("（二）大力推进工业强县", 2, id="cn-paren-fullwidth"),
        pytest.param("(三)加快城市建设", 2, id="cn-paren-ascii"),
        pytest.param("第三章 财政和信贷", 1, id="chapter"),
        pytest.param("第二节 财政支出", 2, id="section"),
    ],
)
def test_heading_kinds(line: str, level: int) -> None:
    doc = segment(f"标题行在这里的报告\n\n{line}\n\n正文第一句话在这里，内容足够长了。第二句。")
    assert [(s.text, s.level) for s in doc.sections] == [(line, level)]


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("一、要加快发展。这是一段很长的正文内容，不是标题，而是列表段落。", id="long-list-paragraph"),
        pytest.param("1.5亿元用于基础设施建设。", id="decimal-not-list"),
        pytest.param("1、完成污水处理厂配套工程。", id="numbered-item-sentence"),
        pytest.param("七、 国外借款还本付息243亿元，平均每年49亿元。", id="cn-item-with-figures"),
    ],
)
def test_not_headings(line: str) -> None:
    doc = segment(f"正文第一句话在这里，内容足够长了。\n{line}")
    assert doc.sections == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "今年是全面贯彻党的十六大精神的第一年，是实施“十五”计划的关键一年。做好今年工作，具有特别重要的"
            "意义。今年国民\n\n经济和社会发\n\n展的主要预期目标是：国内生产总值比上年增长9％，财政收入增长8．5％。",
            id="word-broken-across-lines",
        ),
        pytest.param(
            "今后五年，是完成“十五”计划，并为全省经济社会发展打下基础的五年，是我国进入\n\n全面建设小康社会\n\n"
            "、加快推进社会主义现代化新的发展阶段，也是我省加快发展的重要时期。",
            id="scraped-link-on-own-line",
        ),
    ],
)
def test_short_line_inside_a_broken_sentence_is_not_a_heading(text: str) -> None:
    opening = "各位代表：现在，我代表省人民政府向大会报告工作，请予审议，并请省政协委员提出意见。"
    doc = segment(f"某省政府工作报告\n\n{opening}\n\n{text}")
    assert doc.sections == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("8月1日,郑州高新区召开2022年上半年会议。", dt.date(2022, 8, 1), id="md-plus-year"),
        pytest.param("（二〇〇三年一月十日）", dt.date(2003, 1, 10), id="chinese-numerals"),
        pytest.param("——2003年3月5日在第十届全国人民代表大会", dt.date(2003, 3, 5), id="full"),
        pytest.param("发文时间：2009-02-05\n", dt.date(2009, 2, 5), id="iso"),
        pytest.param("发布时间：2024/1/23 19:45:59", dt.date(2024, 1, 23), id="slashes"),
        pytest.param("二〇二六年一月二十七日在甘肃省", dt.date(2026, 1, 27), id="twenty-seven"),
        pytest.param("8月1日召开会议。", None, id="no-year"),
        pytest.param("2022年2月30日", None, id="impossible-date"),
    ],
)
def test_find_date(text: str, expected: dt.date | None) -> None:
    assert find_date(normalize(text)) == expected


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        pytest.param("", "郑州高新区上半年经济运行暨下半年重点工作推进会召开", "郑州高新区", id="zone"),
        pytest.param("", "2026年甘肃省政府工作报告", "甘肃省", id="province"),
        pytest.param("", "高阳县2018年政府工作报告", "高阳县", id="county"),
        pytest.param("发文单位：保定市人民政府\n", None, "保定市", id="issuer-line"),
        pytest.param("现在，我代表清苑县人民政府向大会报告工作。", None, "清苑县", id="represent"),
        pytest.param("我代表国务院向大会报告工作。", None, "中国", id="national"),
        pytest.param("", "我市农村经济在新常态下稳步发展", None, id="no-name"),
    ],
)
def test_find_place(text: str, title: str | None, expected: str | None) -> None:
    assert find_place(normalize(text), title) == expected


def test_spans_survive_normalisation() -> None:
    text = "全年增长\u200b５％，\u3000比上年提高１个百分点。\r\n下一段。"
    sk = segment_structure(normalize(text))
    for sent in sk.sentences:
        assert text[sent.span[0]:sent.span[1]] == sent.text
        for a, b in sent.clauses:
            assert 0 <= a < b <= len(text)
    assert sk.sentences[0].text == "全年增长\u200b５％，\u3000比上年提高１个百分点。"


def test_literal_backslash_breaks_split_paragraphs() -> None:
    text = r"政府工作报告\r\n2003年4月7日\r\n各位委员：\r\n现在，我代表清苑县人民政府向大会报告工作。请提出宝贵意见。"
    doc = segment(text)
    assert doc.date == dt.date(2003, 4, 7)
    assert doc.place == "清苑县"
    assert "现在，我代表清苑县人民政府向大会报告工作。" in [s.text for s in doc.sentences]
    assert any(w.code == "W008" for w in doc.warnings)


def test_empty_and_odd_text_never_raise() -> None:
    for text in ["", "\n\n\n", "。。。", "\ufffd\ufffd", "【】", "一、", "（", "12345"]:
        doc = segment(text)
        assert doc.text == text


def test_headings_run_into_the_body_on_one_line_are_split() -> None:
    text = (
        "第一个五年计划\n"
        "　　第三节　　重工业　　（一）钢铁工业　　解放以前，帝国主义垄断了我国的钢铁工业，掠夺资源\n"
    )
    doc = segment(text)
    assert [(s.text, s.level) for s in doc.sections] == [("第三节　　重工业", 2), ("（一）钢铁工业", 2)]
    assert doc.sentences[-1].text == "解放以前，帝国主义垄断了我国的钢铁工业，掠夺资源"


def test_words_on_request_have_exact_spans() -> None:
    text = "高新区工业投资完成４５.５６亿元,高于固定资产投资28.47个百分点。"
    doc = segment(text, words=True)
    words = doc.sentences[0].words
    assert words is not None
    assert "".join(w.text for w in words) == doc.sentences[0].text
    assert all(text[w.span[0]:w.span[1]] == w.text for w in words)
    assert "固定资产投资" in [w.text for w in words] and "个百分点" in [w.text for w in words]
    assert segment(text).sentences[0].words is None


def test_short_numbered_sentence_among_prose_items_is_not_a_heading() -> None:
    text = "\n".join(
        [
            "第三节 增收节支的措施",
            "为了实现上述财政收支计划，保证国家的重点建设，必须采取以下措施：",
            "四、 通过规定农副产品的征购、派购基数，整顿超购加价和议价收购，逐步减少财政对价格的补贴。",
            "五、 提高银行利润上交财政的比例。",
            "六、 压缩外贸库存，减少高亏商品的出口和进口，把外贸亏损降低下来，这一条在今后几年很重要。",
        ]
    )
    doc = segment(text)
    assert [s.text for s in doc.sections] == ["第三节 增收节支的措施"]
    assert "五、 提高银行利润上交财政的比例。" in [s.text for s in doc.sentences]
