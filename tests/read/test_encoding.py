"""policyparse.read.encoding: decoding order, warnings, newline handling, binary checks."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from policyparse.errors import ErrorCode, PolicyParseError, WarningCode
from policyparse.read import read_bytes
from policyparse.read.encoding import (
    canonical_encoding,
    check_binary,
    declared_charset,
    decode,
    universal_newlines,
)

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

REPORT = (
    "一、过去一年工作回顾\n"
    "全市地区生产总值完成4000.5亿元，比上年增长10%；一般公共预算收入140.3亿元。\n"
    "　　城镇登记失业率控制在4.5%以内，粮食总产量达到650万吨。\n"
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(REPORT, id="report"),
        pytest.param(
            "２０２３年全市ＧＤＰ增长５．２％，规模以上工业增加值增长８％。", id="full-width"
        ),
        pytest.param("㈠ 增长 5%，“三个一批”", id="symbols"),
        pytest.param("镕 堃 喆 增长", id="gbk-only-chars"),
    ],
)
def test_gbk_and_utf8_twins_read_the_same(text: str) -> None:
    gbk = read_bytes(text.encode("gb18030"))
    utf8 = read_bytes(text.encode("utf-8"))
    assert gbk.text == utf8.text == text
    assert (gbk.encoding, utf8.encoding) == ("gb18030", "utf-8")
    assert gbk.warnings == utf8.warnings == ()


@pytest.mark.parametrize(
    ("bom", "encoding", "expected"),
    [
        pytest.param(codecs.BOM_UTF8, "utf-8", "utf-8", id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le", id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be", id="utf-16-be-bom"),
        pytest.param(codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le", id="utf-32-le-bom"),
        pytest.param("\ufeff".encode("gb18030"), "gb18030", "gb18030", id="gb18030-bom"),
    ],
)
def test_bom_is_removed(bom: bytes, encoding: str, expected: str) -> None:
    result = read_bytes(bom + REPORT.encode(encoding))
    assert result.text == REPORT
    assert result.encoding == expected


def test_utf8_with_a_few_bad_bytes_is_replaced_with_warning() -> None:
    text = (CORPUS / "004.txt").read_text(encoding="utf-8")
    data = (
        text[:1000].encode() + b"\xff" + text[1000:2000].encode() + b"\xfe" + text[2000:].encode()
    )
    result = read_bytes(data)
    assert result.encoding == "utf-8"
    assert result.text.count("\ufffd") == 2
    assert [w.code for w in result.warnings] == [WarningCode.DECODE_REPLACED.value]
    assert result.warnings[0].message.startswith("2 ")
    assert result.text == text[:1000] + "\ufffd" + text[1000:2000] + "\ufffd" + text[2000:]


def test_truncated_utf8_is_replaced_not_misread_as_gbk() -> None:
    good = "增长".encode() * 200
    result = read_bytes(good[:-1])
    assert result.encoding == "utf-8"
    assert result.text == "增长" * 199 + "增\ufffd"
    assert [w.code for w in result.warnings] == [WarningCode.DECODE_REPLACED.value]


def test_existing_replacement_chars_are_not_counted() -> None:
    result = read_bytes("增长\ufffd5%".encode())
    assert result.warnings == ()


def test_big5_is_guessed_not_misread_as_gb18030() -> None:
    text = "全年地區生產總值增長百分之五，財政收入穩步增加。\n" * 3
    result = read_bytes(text.encode("big5"))
    assert result.text == text
    assert result.encoding == "big5"
    assert [w.code for w in result.warnings] == [WarningCode.ENCODING_GUESSED.value]


def test_declared_charset_is_trusted_without_warning() -> None:
    text = "全年地區生產總值增長百分之五，財政收入穩步增加。"
    html = '<meta charset="big5"><p>' + text + "</p>"
    result = read_bytes(html.encode("big5"), name="page.html")
    assert result.encoding == "big5"
    assert result.text == text
    assert result.warnings == ()


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        pytest.param(b'<meta charset="gb2312">', "gb18030", id="meta-charset-gb2312"),
        pytest.param(
            b'<meta http-equiv="Content-Type" content="text/html; charset=GBK">',
            "gb18030",
            id="http-equiv-gbk",
        ),
        pytest.param(b"<?xml version='1.0' encoding='UTF-8'?>", "utf-8", id="xml-declaration"),
        pytest.param(b'<meta charset="x-gbk">', "gb18030", id="x-gbk"),
        pytest.param(b'<meta charset="big5">', "big5", id="big5"),
        pytest.param(b'<meta charset="no-such-codec">', None, id="unknown"),
        pytest.param(b"<p>no declaration</p>", None, id="none"),
    ],
)
def test_declared_charset(head: bytes, expected: str | None) -> None:
    assert declared_charset(head + b"<p>x</p>") == expected


def test_western_declaration_does_not_override_gb() -> None:
    data = ('<meta charset="iso-8859-1"><p>' + REPORT + "</p>").encode("gb18030")
    result = read_bytes(data, name="page.html")
    assert result.encoding == "gb18030"
    assert "4000.5亿元" in result.text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("GB2312", "gb18030", id="gb2312"),
        pytest.param("gbk", "gb18030", id="gbk"),
        pytest.param("cp936", "gb18030", id="cp936"),
        pytest.param("GB18030", "gb18030", id="gb18030"),
        pytest.param("UTF8", "utf-8", id="utf8"),
        pytest.param("bogus", None, id="bogus"),
    ],
)
def test_canonical_encoding(name: str, expected: str | None) -> None:
    assert canonical_encoding(name) == expected


@pytest.mark.parametrize(
    ("raw", "expected", "mixed"),
    [
        pytest.param("a\nb\n", "a\nb\n", False, id="lf"),
        pytest.param("a\r\nb\r\n", "a\nb\n", False, id="crlf"),
        pytest.param("a\rb\r", "a\nb\n", False, id="cr"),
        pytest.param("a\r\nb\rc\n", "a\nb\nc\n", True, id="mixed"),
        pytest.param("a\r\r\nb", "a\n\nb", True, id="cr-then-crlf"),
        pytest.param("a\\r\\nb", "a\\r\\nb", False, id="literal-backslashes"),
    ],
)
def test_universal_newlines(raw: str, expected: str, mixed: bool) -> None:
    text, warnings = universal_newlines(raw)
    assert text == expected
    assert bool(warnings) is mixed
    assert all(w.code == WarningCode.MIXED_LINE_ENDINGS.value for w in warnings)


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        pytest.param(REPORT.encode(), False, id="text"),
        pytest.param(b"page 1\fpage 2\x1a", False, id="form-feed-and-dos-eof"),
        pytest.param(b"a\x00b", True, id="nul"),
        pytest.param(b"\x01\x02\x03" + b"x" * 100, True, id="three-percent-controls"),
        pytest.param(b"\x1b" + b"x" * 200, False, id="one-control-in-200"),
    ],
)
def test_check_binary(data: bytes, binary: bool) -> None:
    if binary:
        with pytest.raises(PolicyParseError) as info:
            check_binary(data, "f.txt")
        assert info.value.code is ErrorCode.BINARY
    else:
        check_binary(data, "f.txt")


def test_undecodable_names_the_file() -> None:
    with pytest.raises(PolicyParseError) as info:
        decode(bytes(range(0x80, 0x100)) * 3, "odd.txt")
    assert info.value.code is ErrorCode.UNDECODABLE
    assert str(info.value).startswith("odd.txt: ")
