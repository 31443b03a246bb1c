"""policyparse.read.html: main text, tables, inline runs, fragments, corpus bulletins."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from policyparse.errors import ErrorCode, PolicyParseError
from policyparse.read import read, read_bytes
from policyparse.read.html import html_to_text, looks_like_html

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

ARTICLE = "".join(
    f"<p>第{n}项：全年完成固定资产投资<span>1</span><span>,234</span>亿元，比上年增长"
    f"<span>5</span>.<span>2</span>%，我们坚持稳中求进工作总基调，推动高质量发展。</p>"
    for n in range(1, 6)
)
PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>政府工作报告</title>
<style>p {{ color: red }}</style><script>var menu = "首页";</script></head>
<body>
<div class="header"><nav class="menu"><ul>
  <li><a href="/">网站首页</a></li><li><a href="/zwgk">政务公开</a></li>
  <li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li>
</ul></nav></div>
<div class="main"><article>
<h1>2023年政府工作报告</h1>
{ARTICLE}
<table><tr><th>指标</th><th>单位</th><th>数值</th></tr>
<tr><td>地区生产总值</td><td>亿元</td><td><span>4</span>000.5</td></tr>
<tr><td>粮食总产量</td><td></td><td>650.0</td><td></td></tr></table>
</article></div>
<footer class="footer"><p>版权所有：某市人民政府办公室 网站标识码1234567890 京ICP备12345678号</p>
<p>主办单位：某市人民政府 联系我们 网站地图</p></footer>
</body></html>"""


@pytest.fixture(scope="module")
def page_text() -> str:
    return read_bytes(PAGE.encode("utf-8"), name="report.html").text


@pytest.mark.parametrize(
    "junk",
    [
        pytest.param("网站首页", id="menu-item"),
        pytest.param("政务公开", id="menu-item-2"),
        pytest.param("版权所有", id="footer"),
        pytest.param("网站标识码", id="footer-id"),
        pytest.param("var menu", id="script"),
        pytest.param("color: red", id="style"),
    ],
)
def test_navigation_junk_dropped(page_text: str, junk: str) -> None:
    assert junk not in page_text


@pytest.mark.parametrize(
    "kept",
    [
        pytest.param("2023年政府工作报告", id="heading"),
        pytest.param("全年完成固定资产投资1,234亿元", id="number-across-spans"),
        pytest.param("比上年增长5.2%", id="decimal-across-spans"),
        pytest.param("第5项", id="last-paragraph"),
    ],
)
def test_main_text_kept(page_text: str, kept: str) -> None:
    assert kept in page_text


def test_blocks_are_lines(page_text: str) -> None:
    lines = page_text.split("\n")
    assert lines[0] == "2023年政府工作报告"
    assert sum(line.startswith("第") for line in lines) == 5


def test_table_rows_are_tab_separated(page_text: str) -> None:
    lines = page_text.split("\n")
    assert "指标\t单位\t数值" in lines
    assert "地区生产总值\t亿元\t4000.5" in lines
    assert "粮食总产量\t\t650.0" in lines  # inner empty cell kept, trailing one dropped


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        pytest.param("<p>一段话</p>", "一段话", id="bare-p"),
        pytest.param(
            "<p>生产总值<span>1</span><span>,234</span>亿元</p><p>增长<b>5</b>%</p>",
            "生产总值1,234亿元\n增长5%",
            id="short-fragment-spans",
        ),
        pytest.param("<p>第一行<br>第二行</p>", "第一行\n第二行", id="br"),
        pytest.param(
            "<html><body><ul><li>增长<span>1</span><span>,234</span>亿元</li>"
            "<li>b<b>2</b></li></ul></body></html>",
            "增长1,234亿元\nb2",
            id="trafilatura-dump-rejected",
        ),
        pytest.param(
            "<div>\n\t<span>2012</span>年\n\t增长<o:p></o:p></div>", "2012年 增长", id="word-html"
        ),
        pytest.param("<p>A&amp;B &lt;5&gt; 增长&nbsp;5%</p>", "A&B <5> 增长\xa05%", id="entities"),
    ],
)
def test_fragments(markup: str, expected: str) -> None:
    assert html_to_text(markup) == expected


def test_xhtml_with_xml_declaration() -> None:
    markup = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>增长<b>5</b>%</p></body></html>'
    )
    assert read_bytes(markup.encode()).text == "增长5%"


def test_gbk_page_with_declaration() -> None:
    markup = '<html><head><meta charset="gb2312"></head><body><p>增长５．２％</p></body></html>'
    result = read_bytes(markup.encode("gb18030"), name="p.htm")
    assert result.encoding == "gb18030"
    assert result.text == "增长５．２％"


def test_empty_html() -> None:
    with pytest.raises(PolicyParseError) as info:
        html_to_text("<div><!-- nothing --></div>", "x.html")
    assert info.value.code is ErrorCode.EMPTY
    assert "x.html" in str(info.value)


def test_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(PolicyParseError) as info:
        html_to_text("<p>x</p>", "x.html")
    assert info.value.code is ErrorCode.UNSUPPORTED
    assert "policyparse[html]" in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("<p>x</p>", True, id="p"),
        pytest.param("<P class=x>x</P>", True, id="upper-case"),
        pytest.param("  \n<!-- c --><div>x</div>", True, id="comment-first"),
        pytest.param("<!doctype html>", True, id="doctype"),
        pytest.param("<table><tr><td>1</td></tr></table>", True, id="table"),
        pytest.param("<pX>", False, id="not-a-tag"),
        pytest.param("《政府工作报告》", False, id="book-title-marks"),
        pytest.param("a <p>", False, id="text-first"),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


# --- corpus ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bulletin() -> str:
    return read(CORPUS / "021.html").text


@pytest.mark.parametrize(
    "figure",
    [
        pytest.param("地区生产总值4000.5亿元", id="gdp"),
        pytest.param("比上年增长10%", id="gdp-growth"),
        pytest.param("第二产业实现增加值3235.9亿元", id="secondary"),
        pytest.param("城镇登记失业率为4.07%", id="unemployment"),
        pytest.param("万元地区生产总值能耗为1.1578吨标准煤", id="energy"),
        pytest.param("（2013年3月20日）", id="date"),
        pytest.param("地区生产总值\t4000.5\t\t\t10.0", id="gdp-table-row"),
        pytest.param("大 豆\t7.0\t\t-1.6", id="negative-in-table"),
    ],
)
def test_bulletin_figures_intact(bulletin: str, figure: str) -> None:
    assert figure in bulletin


def test_bulletin_has_every_number_of_its_text_twin(bulletin: str) -> None:
    import regex

    number = regex.compile(r"\d+(?:\.\d+)?")
    twin = (CORPUS / "021.txt").read_text(encoding="utf-8")
    missing = set(number.findall(twin)) - set(number.findall(bulletin))
    assert not missing


def test_bulletin_title_first(bulletin: str) -> None:
    assert bulletin.startswith("2012年大庆市国民经济和社会发展统计公报\n")


def test_fragment_022_reads_whole() -> None:
    text = read(CORPUS / "022.html").text
    twin = (CORPUS / "022.txt").read_text(encoding="utf-8")
    assert text.startswith("我市农村经济在新常态下稳步发展\n")
    for figure in ("全市第一产业实现增加值185亿元，同比增长8.5%", "5：1缩小到2.6：1", "12443元"):
        assert figure in text
        assert figure in twin
    # paragraph for paragraph the same as the mechanical twin, without its blank lines
    assert text.split("\n") == [line.strip() for line in twin.split("\n") if line.strip()]
