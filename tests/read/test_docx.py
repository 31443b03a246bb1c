"""policyparse.read.docx: paragraphs and tables in document order."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
import pytest

from policyparse.errors import ErrorCode, PolicyParseError
from policyparse.read import read, read_bytes
from policyparse.read.docx import docx_to_text, is_docx


def _build() -> bytes:
    document = docx.Document()
    document.add_heading("2023年政府工作报告", level=1)
    document.add_paragraph("全年地区生产总值完成4000.5亿元，比上年增长5.2%。")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(
        table.rows,
        [("指标", "单位", "数值"), ("粮食总产量", "万吨", "650.0"), ("一般公共预算收入", "", "")],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.rows[2].cells[1].merge(table.rows[2].cells[2]).text = "140.3亿元"
    nested = document.add_table(rows=1, cols=2)
    nested.rows[0].cells[0].text = "第一段"
    nested.rows[0].cells[0].add_paragraph("第二段")
    nested.rows[0].cells[1].add_table(rows=1, cols=2).rows[0].cells[0].text = "内表"
    paragraph = document.add_paragraph("确保城镇登记失业率控制在")
    paragraph.add_run("4.5%").bold = True
    paragraph.add_run("以内。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def built() -> bytes:
    return _build()


def test_docx_text_in_document_order(built: bytes) -> None:
    assert docx_to_text(built).split("\n") == [
        "2023年政府工作报告",
        "全年地区生产总值完成4000.5亿元，比上年增长5.2%。",
        "指标\t单位\t数值",
        "粮食总产量\t万吨\t650.0",
        "一般公共预算收入\t140.3亿元",  # a merged cell is read once
        "第一段 第二段\t内表",  # cell paragraphs and a nested table stay on the row
        "确保城镇登记失业率控制在4.5%以内。",
    ]


def test_read_docx_file(tmp_path: Path, built: bytes) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(built)
    result = read(path)
    assert result.format == "docx"
    assert result.source == str(path)
    assert "粮食总产量\t万吨\t650.0" in result.text


def test_docx_sniffed_without_extension(built: bytes) -> None:
    assert is_docx(built)
    assert read_bytes(built, name="download").format == "docx"


def test_empty_docx(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    path = tmp_path / "blank.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(PolicyParseError) as info:
        read(path)
    assert info.value.code is ErrorCode.EMPTY
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"not a zip", id="not-zip"),
        pytest.param(b"PK\x03\x04broken", id="broken-zip"),
    ],
)
def test_corrupt_docx(data: bytes) -> None:
    with pytest.raises(PolicyParseError) as info:
        docx_to_text(data, "bad.docx")
    assert info.value.code is ErrorCode.CORRUPT
    assert "bad.docx" in str(info.value)


def test_missing_extra(monkeypatch: pytest.MonkeyPatch, built: bytes) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(PolicyParseError) as info:
        docx_to_text(built, "x.docx")
    assert info.value.code is ErrorCode.UNSUPPORTED
    assert "policyparse[docx]" in str(info.value)
