"""PDF → text with pypdf.

Each page's text layer is extracted in pypdf's reading order and pages are joined with
a newline. A PDF without a text layer (a scan) has no text to give: EMPTY. An encrypted
PDF that opens with the empty password is read; one that needs a password is
UNSUPPORTED. No OCR is attempted.
"""

from __future__ import annotations

import io

from ..errors import ErrorCode, PolicyParseError

__all__ = ["PDF_MAGIC", "is_pdf", "pdf_to_text"]

PDF_MAGIC = b"%PDF-"
_INSTALL_HINT = "PDF support needs pypdf: install policyparse[pdf]"
# the PDF header may follow some junk; readers look for it in the first KiB
_HEADER_WINDOW = 1024


def is_pdf(data: bytes) -> bool:
    """True when ``data`` has a ``%PDF-`` header in its first KiB."""
    return PDF_MAGIC in data[:_HEADER_WINDOW]


def pdf_to_text(data: bytes, path: str | None = None) -> str:
    """Text of every page of a PDF, pages separated by a newline.

    Raises UNSUPPORTED without pypdf or for a password-protected file, CORRUPT when
    pypdf cannot parse it, and EMPTY when no page has a text layer.
    """
    try:
        import pypdf
    except ImportError as err:
        raise PolicyParseError(ErrorCode.UNSUPPORTED, _INSTALL_HINT, path) from err
    if not is_pdf(data):
        raise PolicyParseError(ErrorCode.CORRUPT, "not a PDF (no %PDF- header)", path)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PolicyParseError(ErrorCode.UNSUPPORTED, "PDF is password-protected", path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except PolicyParseError:
        raise
    except pypdf.errors.DependencyError as err:
        raise PolicyParseError(
            ErrorCode.UNSUPPORTED, f"PDF needs an extra pypdf dependency ({err})", path
        ) from err
    except Exception as err:  # pypdf raises many types on broken files
        raise PolicyParseError(
            ErrorCode.CORRUPT, f"PDF parser rejected it ({type(err).__name__}: {err})", path
        ) from err
    text = "\n".join(pages)
    if not text.strip():
        raise PolicyParseError(
            ErrorCode.EMPTY, "PDF has no text layer (scanned images are not read)", path
        )
    return text
