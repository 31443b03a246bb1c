"""DOCX → text with python-docx.

The document body is read in order: each paragraph is one line; each table row is one
line with its cells separated by a tab (paragraphs inside a cell, and nested tables,
are joined with spaces so the row stays on one line). Content controls (``w:sdt``,
used for cover pages and tables of contents) are read through. Headers, footers,
footnotes, comments and text boxes are not part of the body and are skipped.
A cell merged over several columns or rows is read once.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import ErrorCode, PolicyParseError

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

__all__ = ["docx_to_text", "is_docx"]

_INSTALL_HINT = "DOCX support needs python-docx: install policyparse[docx]"
_DOCUMENT_PART = "word/document.xml"


def is_docx(data: bytes) -> bool:
    """True when ``data`` is a ZIP container holding ``word/document.xml``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _DOCUMENT_PART in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _blocks(container: Any, parent: Any) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables directly under ``container`` (an oxml element), in order."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield Table(child, parent)
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent"))
            yield from _blocks(content if content is not None else child, parent)


def _flat(text: str) -> str:
    """Cell text on one line: tabs and line breaks inside a cell become spaces."""
    return " ".join(text.replace("\t", " ").splitlines())


def _table_lines(table: Table) -> list[str]:
    from docx.oxml.ns import qn
    from docx.table import Table, _Cell

    lines: list[str] = []
    for tr in table._tbl.tr_lst:
        cells: list[str] = []
        for tc in tr.iterchildren(qn("w:tc")):
            cell = _Cell(tc, table)
            parts: list[str] = []
            for block in _blocks(tc, cell):
                if isinstance(block, Table):
                    parts.extend(_table_lines(block))
                else:
                    parts.append(block.text)
            cells.append(_flat(" ".join(part for part in parts if part.strip())).strip())
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append("\t".join(cells))
    return lines


def docx_to_text(data: bytes, path: str | None = None) -> str:
    """Text of a DOCX document body: paragraphs and table rows, one per line.

    Raises UNSUPPORTED without python-docx, CORRUPT for a broken container and EMPTY
    when the body holds no text.
    """
    try:
        import docx
        from docx.table import Table
    except ImportError as err:
        raise PolicyParseError(ErrorCode.UNSUPPORTED, _INSTALL_HINT, path) from err
    if not is_docx(data):
        raise PolicyParseError(
            ErrorCode.CORRUPT, f"not a DOCX (no ZIP container with {_DOCUMENT_PART})", path
        )
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in _blocks(document.element.body, document):
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                lines.append(block.text)
    except Exception as err:  # python-docx/lxml raise many types on broken parts
        raise PolicyParseError(
            ErrorCode.CORRUPT, f"DOCX parser rejected it ({type(err).__name__}: {err})", path
        ) from err
    text = "\n".join(lines)
    if not text.strip():
        raise PolicyParseError(ErrorCode.EMPTY, "DOCX has no text", path)
    return text
