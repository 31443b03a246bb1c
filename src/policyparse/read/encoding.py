"""Bytes → str for plain-text (and HTML) documents.

Order of attempts (first success wins):

1. a byte-order mark: UTF-8, UTF-16 or UTF-32 (strict);
2. UTF-8 (strict);
3. a charset the markup declares (``<meta charset>``, ``<?xml encoding?>``), strict,
   unless it is a Western single-byte default (ASCII, Latin-1, cp1252), which Chinese
   sites often declare by mistake;
4. UTF-8 with replacement, when only a handful of byte sequences are broken in an
   otherwise UTF-8 text (:data:`~policyparse.errors.WarningCode.DECODE_REPLACED`);
5. GB18030 (strict), the superset of GB2312 and GBK, when the result is plausible
   (most non-ASCII characters are common simplified Chinese, i.e. in GB2312);
6. charset-normalizer's best guess (:data:`~policyparse.errors.WarningCode.ENCODING_GUESSED`).

Any GB2312/GBK name, declared or guessed, is read as GB18030.

Step 4 sits before the GB decoders on purpose: GB18030 accepts most byte pairs, so a
UTF-8 report with one stray byte could otherwise decode "cleanly" into mojibake; GBK
text read as UTF-8 is never nearly clean, so nothing is lost by asking UTF-8 first.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import regex

from ..errors import ErrorCode, PolicyParseError, WarningCode
from ..records import Warning

__all__ = [
    "Decoded",
    "canonical_encoding",
    "check_binary",
    "declared_charset",
    "decode",
    "universal_newlines",
]

# C0 control bytes that never occur in text; \t \n \v \f \r and \x1a (DOS end-of-file)
# are left out because real text files carry them.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20), 0x7F])
# a text with more than this share of control bytes is binary
_MAX_CONTROL_SHARE = 0.01
# UTF-8 is "nearly clean" when broken sequences are at most this share of the good
# non-ASCII characters (so at least 100 good ones per broken one)
_MAX_REPLACED_SHARE = 0.01
# GB18030 text is plausible when at least this share of its non-ASCII characters lies
# in GB2312 (real mainland text: > 0.85; Big5 read as GB18030: about 0.4)
_MIN_GB2312_SHARE = 0.6
# characters looked at for that test
_GB_SAMPLE = 200_000
# how far into the file to look for a charset declaration
_DECLARATION_WINDOW = 4096

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# codec names (as ``codecs.lookup(...).name`` spells them) read as GB18030
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "cp936", "euc_cn"})
# declared charsets not trusted over our own detection
_WESTERN_DEFAULTS = frozenset({"ascii", "latin-1", "iso8859-1", "cp1252"})

_CHARSET_NAME = r"[A-Za-z0-9_.:\-]{1,40}"  # a charset label such as gb2312, UTF-8, x-gbk
_DECLARATION = regex.compile(
    rf"""
    (?:
        <meta\b[^>]*?                 # an HTML meta tag, any attributes before
        \bcharset \s* = \s* ["']?     # charset=, optionally quoted (also inside content="…")
      |
        <\?xml\b[^>]*?                # an XML declaration
        \bencoding \s* = \s* ["']     # encoding="…"
    )
    (?P<name>{_CHARSET_NAME})         # the declared name
    """,
    regex.IGNORECASE | regex.VERBOSE,
)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, before newline normalisation."""

    text: str
    encoding: str
    warnings: tuple[Warning, ...] = ()


def canonical_encoding(name: str) -> str | None:
    """Python's codec name for ``name`` (GB2312/GBK → ``gb18030``), or None if unknown."""
    try:
        codec = codecs.lookup(name.strip().lower().removeprefix("x-"))
    except LookupError:
        return None
    if codec.name in _GB_FAMILY:
        return "gb18030"
    return codec.name


def declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag or XML declaration names near the start of ``data``."""
    head = data[:_DECLARATION_WINDOW].decode("latin-1")
    match = _DECLARATION.search(head)
    if match is None:
        return None
    return canonical_encoding(match.group("name"))


def check_binary(data: bytes, path: str | None) -> None:
    """Raise BINARY if ``data`` holds NUL bytes or too many other control bytes."""
    if b"\x00" in data:
        raise PolicyParseError(ErrorCode.BINARY, "binary data (contains NUL bytes)", path)
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls and controls > _MAX_CONTROL_SHARE * len(data):
        share = controls / len(data)
        raise PolicyParseError(ErrorCode.BINARY, f"binary data ({share:.0%} control bytes)", path)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _nearly_clean_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with replacement, if only a few sequences are broken: (text, count)."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    if replaced <= 0:
        return None
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    good_non_ascii = non_ascii - text.count("\ufffd")
    if replaced > _MAX_REPLACED_SHARE * good_non_ascii:
        return None
    return text, replaced


_ASCII = regex.compile(r"[\x00-\x7f]+")  # runs of ASCII characters


def _plausible_gb(text: str) -> bool:
    """True unless few non-ASCII characters are common simplified Chinese (GB2312)."""
    sample = text[:_GB_SAMPLE]
    non_ascii = _ASCII.sub("", sample)
    if not non_ascii:
        return True
    # every non-ASCII GB2312 character encodes to two bytes; the others are dropped
    in_gb2312 = len(non_ascii.encode("gb2312", errors="ignore")) // 2
    return in_gb2312 >= _MIN_GB2312_SHARE * len(non_ascii)


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best guess, as a codec name that decodes ``data`` strictly."""
    import charset_normalizer

    match = charset_normalizer.from_bytes(data).best()
    if match is None:
        return None
    encoding = canonical_encoding(str(match.encoding))
    if encoding is None or _strict(data, encoding) is None:
        return None
    return encoding


def decode(data: bytes, path: str | None = None, *, declared: str | None = None) -> Decoded:
    """Decode document bytes to text (see the module docstring for the order).

    A leading BOM is removed. Raises BINARY for binary junk and UNDECODABLE when no
    encoding reads the bytes.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], encoding)
            if text is not None:
                return Decoded(text.removeprefix("\ufeff"), encoding)
            break
    check_binary(data, path)
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text.removeprefix("\ufeff"), "utf-8")
    if declared is not None and declared not in _WESTERN_DEFAULTS:
        text = _strict(data, declared)
        if text is not None:
            return Decoded(text.removeprefix("\ufeff"), declared)
    nearly = _nearly_clean_utf8(data)
    if nearly is not None:
        text, replaced = nearly
        warning = Warning(
            code=WarningCode.DECODE_REPLACED.value,
            message=f"{replaced} undecodable byte sequence(s) in UTF-8 text replaced by U+FFFD",
        )
        return Decoded(text.removeprefix("\ufeff"), "utf-8", (warning,))
    gb_text = _strict(data, "gb18030")
    if gb_text is not None and _plausible_gb(gb_text):
        return Decoded(gb_text.removeprefix("\ufeff"), "gb18030")
    guessed = _guess(data)
    if gb_text is not None and guessed in (None, "gb18030"):
        return Decoded(gb_text.removeprefix("\ufeff"), "gb18030")
    if guessed is not None:
        text = data.decode(guessed)
        warning = Warning(
            code=WarningCode.ENCODING_GUESSED.value,
            message=f"encoding guessed as {guessed} (not UTF-8 or GB18030)",
        )
        return Decoded(text.removeprefix("\ufeff"), guessed, (warning,))
    raise PolicyParseError(
        ErrorCode.UNDECODABLE, "not decodable as UTF-8, GB18030 or any detected encoding", path
    )


def universal_newlines(text: str) -> tuple[str, tuple[Warning, ...]]:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``; warn when the file mixed kinds."""
    if "\r" not in text:
        return text, ()
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [f"{n} {name}" for n, name in ((crlf, "CRLF"), (cr, "CR"), (lf, "LF")) if n]
    warnings: tuple[Warning, ...] = ()
    if len(kinds) > 1:
        warnings = (
            Warning(
                code=WarningCode.MIXED_LINE_ENDINGS.value,
                message="mixed line endings (" + ", ".join(kinds) + "), all read as LF",
            ),
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings
