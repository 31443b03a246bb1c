"""policyparse.read: read() / read_bytes() on the corpus and on bad files."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from policyparse.errors import ErrorCode, PolicyParseError, WarningCode
from policyparse.read import MAX_BYTES, ReadResult, detect_format, read, read_bytes

from ._pdf import make_pdf

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
CORPUS_DOCS = sorted(
    p for p in CORPUS.iterdir() if p.suffix in {".txt", ".html"} and p.name != "MANIFEST.tsv"
)


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in CORPUS_DOCS])
def test_corpus_document_reads_cleanly(path: Path) -> None:
    result = read(path)
    assert isinstance(result, ReadResult)
    assert result.source == str(path)
    assert result.text.strip()
    assert "\r" not in result.text
    assert not result.text.startswith("\ufeff")
    assert result.format == ("html" if path.suffix == ".html" else "text")


def test_corpus_is_not_empty() -> None:
    assert len(CORPUS_DOCS) >= 12


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        pytest.param("004.gbk.txt", "gb18030", id="gbk-file-is-gb18030"),
        pytest.param("004.txt", "utf-8", id="utf8-file"),
        pytest.param("026.txt", "utf-8", id="utf8-with-bom"),
        pytest.param("029.txt", "utf-8", id="utf8-with-bom-and-cr"),
    ],
)
def test_corpus_encoding(name: str, encoding: str) -> None:
    assert read(CORPUS / name).encoding == encoding


def test_gbk_file_equals_its_utf8_twin() -> None:
    # the two corpus files hold the same text (no BOM, LF line ends in both)
    assert read(CORPUS / "004.gbk.txt").text == read(CORPUS / "004.txt").text


def test_bom_removed_and_offsets_follow_file_text() -> None:
    raw = (CORPUS / "026.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert read(CORPUS / "026.txt").text == raw[3:].decode("utf-8")


def test_mixed_line_ends_become_lf_with_warning() -> None:
    raw = (CORPUS / "029.txt").read_bytes().decode("utf-8-sig")
    result = read(CORPUS / "029.txt")
    assert result.text == raw.replace("\r\n", "\n").replace("\r", "\n")
    assert [w.code for w in result.warnings] == [WarningCode.MIXED_LINE_ENDINGS.value]


def test_literal_backslash_sequences_stay() -> None:
    raw = (CORPUS / "017.txt").read_text(encoding="utf-8")
    result = read(CORPUS / "017.txt")
    assert "\\r\\n" in result.text
    assert result.text == raw


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(p.name, id=p.name)
        for p in CORPUS_DOCS
        if p.suffix == ".txt" and p.name not in {"026.txt", "029.txt", "004.gbk.txt"}
    ],
)
def test_plain_utf8_text_is_returned_unchanged(name: str) -> None:
    assert read(CORPUS / name).text == (CORPUS / name).read_text(encoding="utf-8")


# --- bad files ---------------------------------------------------------------------------


def _corrupt_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>")  # broken XML
    return buffer.getvalue()


BAD_FILES = [
    pytest.param("empty.txt", b"", ErrorCode.EMPTY, id="empty"),
    pytest.param("blank.txt", b" \n\t\r\n  \n", ErrorCode.EMPTY, id="whitespace-only"),
    pytest.param(
        "blank-cjk.txt", "\u3000\u3000\n".encode(), ErrorCode.EMPTY, id="ideographic-space"
    ),
    pytest.param("bom-only.txt", b"\xef\xbb\xbf", ErrorCode.EMPTY, id="bom-only"),
    pytest.param("boms.txt", b"\xef\xbb\xbf" * 3 + b"\n", ErrorCode.EMPTY, id="boms-only"),
    pytest.param("random.txt", os.urandom(4096), ErrorCode.BINARY, id="random-bytes"),
    pytest.param(
        "random-no-nul.txt",
        os.urandom(4096).replace(b"\x00", b"\x01"),
        ErrorCode.BINARY,
        id="random-bytes-without-nul",
    ),
    pytest.param("nul.txt", "正文\x00内容".encode(), ErrorCode.BINARY, id="nul-byte"),
    pytest.param(
        "high.txt", bytes(range(0x80, 0x100)) * 3, ErrorCode.UNDECODABLE, id="undecodable"
    ),
    pytest.param("bad.docx", os.urandom(2048), ErrorCode.CORRUPT, id="random-docx"),
    pytest.param("truncated.docx", _corrupt_docx()[:40], ErrorCode.CORRUPT, id="truncated-docx"),
    pytest.param("broken-xml.docx", _corrupt_docx(), ErrorCode.CORRUPT, id="broken-xml-docx"),
    pytest.param("bad.pdf", os.urandom(2048), ErrorCode.CORRUPT, id="random-pdf"),
    pytest.param(
        "broken.pdf", b"%PDF-1.4\n" + b"garbage " * 100, ErrorCode.CORRUPT, id="header-only-pdf"
    ),
    pytest.param("truncated.pdf", make_pdf(["x"], [])[:60], ErrorCode.CORRUPT, id="truncated-pdf"),
    pytest.param(
        "sheet.xlsx", b"PK\x03\x04" + b"\x00" * 60, ErrorCode.UNSUPPORTED, id="zip-not-docx"
    ),
    pytest.param(
        "old.doc",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 60,
        ErrorCode.UNSUPPORTED,
        id="ole2-doc",
    ),
    pytest.param("memo.rtf", rb"{\rtf1\ansi hello}", ErrorCode.UNSUPPORTED, id="rtf"),
    pytest.param(
        "tags.html",
        b"<html><body><script>x()</script></body></html>",
        ErrorCode.EMPTY,
        id="html-without-text",
    ),
]


@pytest.mark.parametrize(("name", "data", "code"), BAD_FILES)
def test_bad_file_raises(tmp_path: Path, name: str, data: bytes, code: ErrorCode) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PolicyParseError) as info:
        read(path)
    assert info.value.code is code
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    assert info.value.cause in str(info.value)


@pytest.mark.parametrize(("name", "data", "code"), BAD_FILES)
def test_bad_bytes_raise(name: str, data: bytes, code: ErrorCode) -> None:
    with pytest.raises(PolicyParseError) as info:
        read_bytes(data, name=name)
    assert info.value.code is code
    assert name in str(info.value)


def test_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(PolicyParseError) as info:
        read(path)
    assert info.value.code is ErrorCode.NOT_FOUND
    assert str(path) in str(info.value)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(PolicyParseError) as info:
        read(tmp_path)
    assert info.value.code is ErrorCode.NOT_FOUND
    assert "directory" in info.value.cause
    assert str(tmp_path) in str(info.value)


def test_over_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes("增长".encode() * 100)
    with pytest.raises(PolicyParseError) as info:
        read(path, max_bytes=100)
    assert info.value.code is ErrorCode.TOO_LARGE
    assert str(path) in str(info.value)
    assert read(path, max_bytes=600).text == "增长" * 100


def test_size_cap_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 1000)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr("policyparse.read.open", no_open, raising=False)
    with pytest.raises(PolicyParseError) as info:
        read(path, max_bytes=10)
    assert info.value.code is ErrorCode.TOO_LARGE


def test_read_bytes_size_cap() -> None:
    with pytest.raises(PolicyParseError) as info:
        read_bytes(b"x" * 11, name="b.txt", max_bytes=10)
    assert info.value.code is ErrorCode.TOO_LARGE


def test_default_cap_is_50_mib() -> None:
    assert MAX_BYTES == 50 * 1024 * 1024


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"max_bytes": 0}, id="zero-cap"),
        pytest.param({"max_bytes": -1}, id="negative-cap"),
        pytest.param({"format": "xlsx"}, id="unknown-format"),
    ],
)
def test_bad_arguments(kwargs: dict[str, object]) -> None:
    with pytest.raises(PolicyParseError) as info:
        read_bytes(b"text", **kwargs)  # type: ignore[arg-type]
    assert info.value.code is ErrorCode.BAD_INPUT


# --- format detection --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        pytest.param(b"%PDF-1.7\n", None, "pdf", id="pdf-magic"),
        pytest.param(b"anything", "x.PDF", "pdf", id="pdf-extension"),
        pytest.param(b"anything", "x.docx", "docx", id="docx-extension"),
        pytest.param(b"<p>x</p>", "x.html", "html", id="html-extension"),
        pytest.param(b"plain", "x.htm", "html", id="htm-extension"),
        pytest.param(b"<p>x</p>", "x.txt", "text", id="txt-is-sniffed-later"),
        pytest.param(b"plain", None, "text", id="no-name"),
    ],
)
def test_detect_format(data: bytes, name: str | None, expected: str) -> None:
    assert detect_format(data, name) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param("<p>增长5%</p>", "html", id="p-fragment"),
        pytest.param(
            "\n  <!DOCTYPE html><html><body><p>增长</p></body></html>", "html", id="doctype"
        ),
        pytest.param("<div class='a'>增长</div>", "html", id="div"),
        pytest.param("\ufeff<html><body><p>增长</p></body></html>", "html", id="bom-then-html"),
        pytest.param("<增长>是文本", "text", id="angle-bracket-text"),
        pytest.param("增长<p>5%</p>", "text", id="tag-not-at-start"),
        pytest.param("<pre-amble> text", "text", id="unknown-tag-name"),
    ],
)
def test_html_sniffing(data: str, expected: str) -> None:
    assert read_bytes(data.encode("utf-8"), name="doc.txt").format == expected


def test_forced_format_text_keeps_markup() -> None:
    result = read_bytes(b"<p>x</p>", format="text")
    assert result.format == "text"
    assert result.text == "<p>x</p>"


@pytest.mark.parametrize(
    ("alias", "expected"),
    [pytest.param("txt", "text", id="txt"), pytest.param("htm", "html", id="htm")],
)
def test_format_aliases(alias: str, expected: str) -> None:
    assert read_bytes(b"<p>x</p>", format=alias).format == expected


def test_repeated_leading_bom_removed() -> None:
    assert read_bytes(b"\xef\xbb\xbf\xef\xbb\xbf\xe5\xa2\x9e").text == "增"


def test_read_bytes_accepts_bytearray() -> None:
    assert read_bytes(bytearray("正文".encode())).text == "正文"  # type: ignore[arg-type]


def test_pdf_sniffed_inside_txt(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(make_pdf(["GDP 4000.5"], []))
    result = read(path)
    assert result.format == "pdf"
    assert "GDP 4000.5" in result.text
