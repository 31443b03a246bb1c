"""Exception classes and warning codes, defined once.

Two kinds of trouble exist in policyparse:

* **Bad files** (cannot be read, decoded, or are not documents at all) raise
  :class:`PolicyParseError` naming the file and the cause.
* **Odd text** never raises: the pipeline returns what it could read plus
  :class:`~policyparse.records.Warning` records whose ``code`` is one of
  :class:`WarningCode`.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class ErrorCode(StrEnum):
    """Why a file could not be turned into text."""

    NOT_FOUND = "E001"  # the path does not exist or is not a file
    EMPTY = "E002"  # zero bytes, or only whitespace after decoding
    TOO_LARGE = "E003"  # larger than the reader's size cap
    BINARY = "E004"  # looks like binary data (NUL bytes, control bytes)
    UNDECODABLE = "E005"  # no encoding decodes it to plausible text
    UNSUPPORTED = "E006"  # a container format whose optional extra is missing
    CORRUPT = "E007"  # a container (DOCX/PDF/HTML) that its parser rejects
    BAD_GOLD = "E101"  # a gold file that does not match its document
    BAD_INPUT = "E201"  # an argument of the wrong type or value


class PolicyParseError(Exception):
    """A file or argument policyparse cannot work with.

    ``str(err)`` reads ``<path>: <cause> [<code>]`` so a batch log names the
    file and the reason in one line.
    """

    def __init__(self, code: ErrorCode, cause: str, path: str | Path | None = None) -> None:
        self.code = code
        self.cause = cause
        self.path = str(path) if path is not None else None
        where = f"{self.path}: " if self.path else ""
        super().__init__(f"{where}{cause} [{code.value}]")


class WarningCode(StrEnum):
    """What the pipeline noticed in a text and could not resolve."""

    DECODE_REPLACED = "W001"  # undecodable bytes were replaced by U+FFFD
    FRAGMENT = "W002"  # a paragraph ends without terminal punctuation
    TRUNCATED = "W003"  # text cut off mid-sentence (e.g. at end of document)
    REPLACEMENT_CHAR = "W004"  # U+FFFD inside a number or unit
    GARBLED_UNIT = "W005"  # a number followed by a garbled unit such as _M_M_
    UNKNOWN_UNIT = "W006"  # a number with a unit not in the unit table (kept as written)
    UNPARSED_NUMBER = "W007"  # a numeral that looks like a quantity but would not parse
    MIXED_LINE_ENDINGS = "W008"  # literal "\\r\\n" sequences or mixed line ends
    NO_DATE = "W009"  # no document date could be resolved
    ENCODING_GUESSED = "W010"  # encoding detected heuristically
    CLAIM_LINK_FAILED = "W011"  # the claims of a sentence could not be linked (bare claims kept)
