"""policyparse.read.pdf: text layer of a PDF via pypdf."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pypdf
import pytest

from policyparse.errors import ErrorCode, PolicyParseError
from policyparse.read import read
from policyparse.read.pdf import is_pdf, pdf_to_text

from ._pdf import make_pdf

LATIN = ["Statistical Bulletin 2012", "GDP 4000.5 (+10%)"]
CJK = ["全年地区生产总值4000.5亿元，比上年增长10%。", "粮食总产量650万吨。"]


def test_pdf_text(tmp_path: Path) -> None:
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(make_pdf(LATIN, CJK))
    result = read(path)
    assert result.format == "pdf"
    assert result.encoding == "pdf"
    assert [line for line in result.text.split("\n") if line] == LATIN + CJK


def test_blank_pdf_is_empty(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "scan.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(PolicyParseError) as info:
        read(path)
    assert info.value.code is ErrorCode.EMPTY
    assert str(path) in str(info.value)


def test_password_protected_pdf(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf(LATIN, []))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(PolicyParseError) as info:
        pdf_to_text(buffer.getvalue(), "locked.pdf")
    assert info.value.code is ErrorCode.UNSUPPORTED
    assert "password" in info.value.cause


def test_encrypted_with_empty_password_is_read() -> None:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf(LATIN, []))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "GDP 4000.5" in pdf_to_text(buffer.getvalue(), "open.pdf")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"%PDF-1.7\n", True, id="header"),
        pytest.param(b"\r\n\r\n%PDF-1.4\n", True, id="junk-before-header"),
        pytest.param(b"PDF", False, id="no-header"),
    ],
)
def test_is_pdf(data: bytes, expected: bool) -> None:
    assert is_pdf(data) is expected


def test_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(PolicyParseError) as info:
        pdf_to_text(make_pdf(LATIN, []), "x.pdf")
    assert info.value.code is ErrorCode.UNSUPPORTED
    assert "policyparse[pdf]" in str(info.value)
