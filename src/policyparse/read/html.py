"""HTML → main text.

trafilatura finds the main content (dropping menus, footers, share bars) and returns it
as an XML tree (``p``, ``head``, ``list/item``, ``table/row/cell`` …). We render that tree
to lines ourselves so tables keep their shape: one row per line, cells separated by a
tab. When trafilatura returns nothing (short fragments such as a bare ``<p>``), or
returns its "baseline" dump that puts every inline run on its own line (which would
split ``<span>1</span><span>,234</span>`` apart), the whole document is parsed
with lxml and rendered by the same walker, so a number spread over inline elements
comes out contiguous.

Block elements become lines; inline elements (``span``, ``b``, ``a``, ``font``, Word's
``o:p`` and any unknown tag) are joined without separators; runs of HTML whitespace
collapse to one space, as a browser shows them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex

from ..errors import ErrorCode, PolicyParseError

if TYPE_CHECKING:
    from configparser import ConfigParser

# an lxml element (lxml ships no type information)
_Element = Any

__all__ = ["html_to_text", "looks_like_html"]

_INSTALL_HINT = "HTML support needs trafilatura and lxml: install policyparse[html]"

_HTML_START = regex.compile(
    r"""
    \A \s*                                  # leading whitespace (a BOM is already gone)
    (?: <\?xml\b [^>]* > \s* )?             # an optional XML declaration (XHTML)
    (?: <!-- .*? --> \s* )*                 # optional comments
    < (?:
        !doctype \s+ html                   # <!DOCTYPE html
      | (?: html | head | body | meta | title | link | style | script
          | p | div | span | table | center | font | section | article | main
          | header | nav | h[1-6] | ul | ol | br | strong | b | a | img | form
        ) (?= [\s/>] )                      # a known tag name, then space, / or >
    )
    """,
    regex.IGNORECASE | regex.VERBOSE | regex.DOTALL,
)

_HTML_SPACE = regex.compile(
    r"""
    [\ \t\n\r\f\v]+      # a run of HTML whitespace (not NBSP, not the ideographic space)
    """,
    regex.VERBOSE,
)

# trafilatura's output vocabulary
_TRAF_BLOCKS = frozenset(
    {
        "doc",
        "body",
        "main",
        "div",
        "p",
        "head",
        "list",
        "item",
        "quote",
        "code",
        "note",
        "ab",
        "section",
        "article",
        "graphic",
        "fw",
    }
)
# HTML block-level (and line-breaking) elements; everything else is inline
_HTML_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "ul",
        "option",
        "tr",
    }
)
_HTML_SKIP = frozenset(
    {
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "svg",
        "math",
        "select",
        "button",
        "input",
        "textarea",
    }
)


class _Vocabulary:
    """Which tags are blocks, breaks, tables, rows and cells in a tree."""

    def __init__(
        self,
        blocks: frozenset[str],
        skip: frozenset[str],
        breaks: frozenset[str],
        table: str,
        rows: frozenset[str],
        row_groups: frozenset[str],
        cells: frozenset[str],
    ) -> None:
        self.blocks = blocks
        self.skip = skip
        self.breaks = breaks
        self.table = table
        self.rows = rows
        self.row_groups = row_groups
        self.cells = cells


_TRAF = _Vocabulary(
    blocks=_TRAF_BLOCKS,
    skip=frozenset(),
    breaks=frozenset({"lb"}),
    table="table",
    rows=frozenset({"row"}),
    row_groups=frozenset(),
    cells=frozenset({"cell"}),
)
_HTML = _Vocabulary(
    blocks=_HTML_BLOCKS,
    skip=_HTML_SKIP,
    breaks=frozenset({"br"}),
    table="table",
    rows=frozenset({"tr"}),
    row_groups=frozenset({"thead", "tbody", "tfoot"}),
    cells=frozenset({"td", "th"}),
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts with an HTML tag (``<p``, ``<div``, ``<!DOCTYPE html`` …)."""
    return _HTML_START.match(text[:2048]) is not None


def _tag(element: _Element) -> str | None:
    """Lower-case local tag name, or None for comments and processing instructions."""
    tag = element.tag
    if not isinstance(tag, str):
        return None
    return tag.rsplit("}", 1)[-1].lower()  # Word's "o:p" stays "o:p" (inline)


class _Renderer:
    """Walks an element tree and collects one line per block."""

    def __init__(self, vocabulary: _Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.lines: list[str] = []
        self._buffer: list[str] = []

    def _flush(self) -> None:
        line = _HTML_SPACE.sub(" ", "".join(self._buffer)).strip(" ")
        self._buffer.clear()
        if line.strip():
            self.lines.append(line)

    def render(self, element: _Element) -> list[str]:
        self._walk(element)
        self._flush()
        return self.lines

    def _walk(self, element: _Element) -> None:
        tag = _tag(element)
        vocabulary = self.vocabulary
        if tag is None or tag in vocabulary.skip:
            return
        if tag in vocabulary.breaks:
            self._flush()
            return
        if tag == vocabulary.table:
            self._flush()
            self.lines.extend(self._table(element))
            return
        block = tag in vocabulary.blocks
        if block:
            self._flush()
        if element.text:
            self._buffer.append(element.text)
        for child in element:
            self._walk(child)
            if child.tail:
                self._buffer.append(child.tail)
        if block:
            self._flush()

    def _rows(self, table: _Element) -> Iterator[_Element]:
        for child in table:
            tag = _tag(child)
            if tag in self.vocabulary.rows:
                yield child
            elif tag in self.vocabulary.row_groups:
                yield from self._rows(child)

    def _table(self, table: _Element) -> list[str]:
        lines: list[str] = []
        for child in table:
            if _tag(child) == "caption":
                lines.extend(_Renderer(self.vocabulary).render(child))
        for row in self._rows(table):
            cells = [
                " ".join(_Renderer(self.vocabulary).render(cell))
                for cell in row
                if _tag(cell) in self.vocabulary.cells
            ]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                lines.append("\t".join(cells))
        return lines


@lru_cache(maxsize=1)
def _trafilatura_config() -> ConfigParser:
    """A private trafilatura config that accepts short main-content extractions.

    With the default MIN_EXTRACTED_SIZE (250 characters) a short article is thrown
    away for the "baseline" dump, which splits inline runs onto separate lines.
    """
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


def _trafilatura_lines(markup: str) -> list[str] | None:
    import trafilatura

    result: Any = trafilatura.bare_extraction(
        markup,
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
        with_metadata=False,
        config=_trafilatura_config(),
    )
    body = getattr(result, "body", None)
    if body is None or _is_dump(body):
        return None
    return _Renderer(_TRAF).render(body)


def _is_dump(body: _Element) -> bool:
    """True for trafilatura's baseline dump: text runs joined by newlines in one element.

    Its main extractor folds newlines inside a block into spaces, so a line break within
    a text node (outside ``code``) means the dump, which also separates inline runs such
    as ``<span>1</span><span>,234</span>``.
    """
    for element in body.iter():
        if _tag(element) == "code":
            continue
        for run in (element.text, element.tail):
            if run and "\n" in run.strip():
                return True
    return False


def _full_text_lines(markup: str, path: str | None) -> list[str]:
    import lxml.etree  # type: ignore[import-untyped]

    # the plain etree HTML parser builds the same tree as lxml.html.document_fromstring,
    # without lxml.html's per-element class lookup on every step of the walk
    parser = lxml.etree.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root = lxml.etree.fromstring(markup.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as err:
        raise PolicyParseError(ErrorCode.CORRUPT, f"HTML parser rejected it ({err})", path) from err
    if root is None:  # what lxml.html.document_fromstring reports as ParserError
        raise PolicyParseError(ErrorCode.CORRUPT, "HTML parser rejected it (Document is empty)", path)
    return _Renderer(_HTML).render(root)


def html_to_text(markup: str, path: str | None = None) -> str:
    """Main text of an HTML document or fragment, one block per line.

    Raises UNSUPPORTED when trafilatura/lxml are missing and EMPTY when no text is left.
    """
    try:
        import lxml.html  # type: ignore[import-untyped]  # noqa: F401
        import trafilatura  # noqa: F401
    except ImportError as err:
        raise PolicyParseError(ErrorCode.UNSUPPORTED, _INSTALL_HINT, path) from err
    if not markup.strip():
        raise PolicyParseError(ErrorCode.EMPTY, "HTML has no text", path)
    full = _full_text_lines(markup, path)
    main = _trafilatura_lines(markup)
    # trafilatura's lines are a selection of the page's blocks; more lines than the whole
    # page has blocks means it fell back to its line-per-text-node dump
    lines = main if main and len(main) <= len(full) else full
    text = "\n".join(lines)
    if not text.strip():
        raise PolicyParseError(ErrorCode.EMPTY, "HTML has no text", path)
    return text
