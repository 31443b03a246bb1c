"""The read stage: bytes → text.

``read(path)`` and ``read_bytes(data)`` return a :class:`ReadResult` whose ``text`` is
the document text every later stage indexes into: decoded (UTF-8, GB18030, or a
guessed encoding), with universal newlines (``\\r\\n`` and ``\\r`` → ``\\n``) and
without a leading BOM, and otherwise exactly as the file has it. HTML, DOCX and PDF
are containers: their text is what the extractor renders (one block per line, table
rows as tab-separated cells).

Bad files raise :class:`~policyparse.errors.PolicyParseError` naming the file and the
cause; odd but readable text yields :class:`~policyparse.records.Warning` records.
See ``docs/reading.md`` for the policy.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import PurePath

from ..errors import ErrorCode, PolicyParseError
from ..records import Warning
from .docx import docx_to_text, is_docx
from .encoding import declared_charset, decode, universal_newlines
from .html import html_to_text, looks_like_html
from .pdf import PDF_MAGIC, pdf_to_text

__all__ = ["FORMATS", "MAX_BYTES", "ReadResult", "detect_format", "read", "read_bytes"]

MAX_BYTES: int = 50 * 1024 * 1024
"""Default size cap: larger files raise ``PolicyParseError(TOO_LARGE)``."""

FORMATS: tuple[str, ...] = ("text", "html", "docx", "pdf")

_EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".htm": "html",
    ".html": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
# other spellings accepted for ``format=``
_FORMAT_ALIASES: dict[str, str] = {"txt": "text", "htm": "html"}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls/.wps
_RTF_MAGIC = b"{\\rtf"


@dataclass(frozen=True)
class ReadResult:
    """A document's text and how it was obtained.

    ``encoding`` is the codec that decoded a text or HTML file (``utf-8``,
    ``gb18030``, ``utf-16-le`` …); for DOCX and PDF, whose parsers decode their own
    text, it is the container name (``docx``, ``pdf``).
    """

    text: str
    source: str | None
    encoding: str
    format: str  # 'text' | 'html' | 'docx' | 'pdf'
    warnings: tuple[Warning, ...] = ()


def _extension(name: str | None) -> str:
    return PurePath(name).suffix.lower() if name else ""


def detect_format(data: bytes, name: str | None = None) -> str:
    """The format of ``data``: by content for containers, then by extension, then sniffing.

    ``%PDF-`` → pdf; a ZIP holding ``word/document.xml`` → docx; ``.pdf`` / ``.docx``
    names are taken at their word (a broken one is CORRUPT later); ``.html``/``.htm``
    → html; other text that starts with an HTML tag → html; the rest → text.
    Raises UNSUPPORTED for other ZIP archives, legacy OLE2 Office files and RTF.
    """
    ext = _extension(name)
    if data.startswith(PDF_MAGIC) or ext == ".pdf":
        return "pdf"
    if ext == ".docx":
        return "docx"
    if data.startswith(_ZIP_MAGIC):
        if is_docx(data):
            return "docx"
        raise PolicyParseError(
            ErrorCode.UNSUPPORTED, "a ZIP archive that is not a DOCX (only .docx is read)", name
        )
    if data.startswith(_OLE2_MAGIC):
        raise PolicyParseError(
            ErrorCode.UNSUPPORTED, "a legacy Office file (.doc/.xls/.wps): save it as .docx", name
        )
    if data.startswith(_RTF_MAGIC):
        raise PolicyParseError(ErrorCode.UNSUPPORTED, "an RTF file: save it as .docx", name)
    if _EXTENSIONS.get(ext) == "html":
        return "html"
    return "text"


def _check_max_bytes(max_bytes: int) -> None:
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise PolicyParseError(
            ErrorCode.BAD_INPUT, f"max_bytes must be a positive int, not {max_bytes!r}"
        )


def _too_large(size: int, max_bytes: int, name: str | None) -> PolicyParseError:
    return PolicyParseError(
        ErrorCode.TOO_LARGE, f"{size} bytes is over the size cap of {max_bytes} bytes", name
    )


def _finish(
    text: str, name: str | None, encoding: str, fmt: str, warnings: tuple[Warning, ...]
) -> ReadResult:
    text, newline_warnings = universal_newlines(text.lstrip("\ufeff"))
    if not text.replace("\ufeff", "").strip():
        raise PolicyParseError(ErrorCode.EMPTY, "only whitespace, no text", name)
    return ReadResult(text, name, encoding, fmt, warnings + newline_warnings)


def read_bytes(
    data: bytes,
    *,
    name: str | None = None,
    format: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> ReadResult:
    """Read a document from bytes; ``name`` (a file name or path) names it in errors.

    ``format`` forces one of :data:`FORMATS` (``txt`` and ``htm`` are accepted too);
    by default it is detected from the content and the extension of ``name`` (see
    :func:`detect_format`).
    """
    _check_max_bytes(max_bytes)
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise PolicyParseError(
            ErrorCode.BAD_INPUT, f"data must be bytes, not {type(data).__name__}", name
        )
    if format is not None:
        format = _FORMAT_ALIASES.get(format, format)
    if format is not None and format not in FORMATS:
        raise PolicyParseError(
            ErrorCode.BAD_INPUT, f"format must be one of {', '.join(FORMATS)}, not {format!r}", name
        )
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes, name)
    if not data:
        raise PolicyParseError(ErrorCode.EMPTY, "empty file (0 bytes)", name)
    fmt = format or detect_format(data, name)
    if fmt == "pdf":
        return _finish(pdf_to_text(data, name), name, "pdf", "pdf", ())
    if fmt == "docx":
        return _finish(docx_to_text(data, name), name, "docx", "docx", ())
    decoded = decode(data, name, declared=declared_charset(data))
    if fmt == "html" or (format is None and looks_like_html(decoded.text)):
        if not decoded.text.strip():
            raise PolicyParseError(ErrorCode.EMPTY, "only whitespace, no text", name)
        text, _ = universal_newlines(decoded.text)
        return _finish(html_to_text(text, name), name, decoded.encoding, "html", decoded.warnings)
    return _finish(decoded.text, name, decoded.encoding, "text", decoded.warnings)


def read(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_BYTES,
    format: str | None = None,
) -> ReadResult:
    """Read the document at ``path`` (text, HTML, DOCX or PDF).

    The size is checked before the file is read. Raises
    :class:`~policyparse.errors.PolicyParseError` for a missing path or a directory
    (NOT_FOUND), an empty or whitespace-only file (EMPTY), a file over ``max_bytes``
    (TOO_LARGE), binary junk (BINARY), undecodable bytes (UNDECODABLE), a container whose
    extra is not installed (UNSUPPORTED) or that its parser rejects (CORRUPT).
    """
    _check_max_bytes(max_bytes)
    try:
        name = os.fspath(path)
    except TypeError as err:
        raise PolicyParseError(
            ErrorCode.BAD_INPUT, f"path must be str or os.PathLike, not {type(path).__name__}"
        ) from err
    if not isinstance(name, str):
        raise PolicyParseError(ErrorCode.BAD_INPUT, "path must be a str path, not bytes")
    try:
        info = os.stat(name)
    except FileNotFoundError as err:
        raise PolicyParseError(ErrorCode.NOT_FOUND, "no such file", name) from err
    except OSError as err:
        raise PolicyParseError(
            ErrorCode.NOT_FOUND, f"cannot access it ({err.strerror or err})", name
        ) from err
    if stat.S_ISDIR(info.st_mode):
        raise PolicyParseError(ErrorCode.NOT_FOUND, "is a directory, not a file", name)
    if not stat.S_ISREG(info.st_mode):
        raise PolicyParseError(ErrorCode.NOT_FOUND, "not a regular file", name)
    if info.st_size > max_bytes:
        raise _too_large(info.st_size, max_bytes, name)
    try:
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise PolicyParseError(
            ErrorCode.NOT_FOUND, f"cannot read it ({err.strerror or err})", name
        ) from err
    if len(data) > max_bytes:  # the file grew after stat
        raise _too_large(len(data), max_bytes, name)
    return read_bytes(data, name=name, format=format, max_bytes=max_bytes)
