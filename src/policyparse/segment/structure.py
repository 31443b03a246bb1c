"""Document structure: paragraphs, headings, sentences, clauses, title, date, place.

All matching runs on the normalised view (:mod:`.normalize`); every span is
mapped back to the original text before it leaves this module.

Sentence rules (see ``docs/segmentation.md``):

* a sentence ends at 。！？ (closing quotes stay with it); ；/; and ，/, only
  break clauses;
* in documents whose prose lines end with 。, a paragraph that stops without
  terminal punctuation continues into the next one when a dictionary word
  crosses the break (``高新\\n\\n区作为`` → one sentence); otherwise its tail
  is a fragment (``complete=False``, warning ``W002``);
* in documents whose lines carry no 。 (five-year plans, OCR), each line is a
  sentence;
* headings and the title are sections, not sentences.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

import regex

from ..errors import WarningCode
from ..records import Paragraph, Section, Sentence, Span, Warning
from . import patterns as P
from .normalize import NormText
from .words import Segmenter, default_segmenter

_LITERAL_BREAK = regex.compile(r"\\r\\n|\\n|\\r")  # backslash escapes stored as text
_LINE = regex.compile(r"[^\n]+")
_STRIP = regex.compile(r"^\s*(.*?)\s*$", regex.DOTALL)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "两": 2}
_TITLE_CUES = regex.compile(r"报告|公报|规划|计划|纲要|会议|召开|通知|意见|决定|发展|工作")
_MAX_HEADING = 40  # a heading line is at most this long (without 。 inside)
_FRAGMENT_MIN = 20  # paragraphs shorter than this (menus, bylines) get no fragment warning
_LIST_KINDS = frozenset({"cn_list", "cn_paren", "num_list"})  # markers that also number list items


@dataclass
class Skeleton:
    """What segmentation produces, in original offsets."""

    title: str | None = None
    title_span: Span | None = None
    date: _dt.date | None = None
    place: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


def _cn_int(s: str) -> int | None:
    """Small Chinese or Arabic integers used in dates: 一九五八, 十, 二十一, 08."""
    if s.isdigit() and s.isascii():
        return int(s)
    if all(c in _CN_DIGITS for c in s):  # digit-string style: 一九五八
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    if "十" in s and s.count("十") == 1:
        tens, _, units = s.partition("十")
        t = _CN_DIGITS.get(tens, -1) if tens else 1
        u = _CN_DIGITS.get(units, -1) if units else 0
        if t >= 0 and u >= 0:
            return t * 10 + u
    return None


def _make_date(y: str | None, m: str | None, d: str | None) -> _dt.date | None:
    if not (y and m and d):
        return None
    yi, mi, di = _cn_int(y), _cn_int(m), _cn_int(d)
    if yi is None or mi is None or di is None:
        return None
    try:
        return _dt.date(yi, mi, di)
    except ValueError:
        return None


def _line_spans(ntext: str, literal_breaks: bool) -> list[Span]:
    """Non-blank lines of the normalised text, stripped, as spans."""
    spans: list[Span] = []
    for m in _LINE.finditer(ntext):
        pieces = [(m.start(), m.end())]
        if literal_breaks:
            pieces = []
            pos = m.start()
            for b in _LITERAL_BREAK.finditer(ntext, m.start(), m.end()):
                pieces.append((pos, b.start()))
                pos = b.end()
            pieces.append((pos, m.end()))
        for s, e in pieces:
            seg = ntext[s:e]
            lstrip = len(seg) - len(seg.lstrip())
            rstrip = len(seg) - len(seg.rstrip())
            if e - rstrip > s + lstrip:
                spans.append((s + lstrip, e - rstrip))
    return spans


def _heading_kind(line: str) -> str | None:
    m = P.HEADING.match(line)
    if m is None:
        return None
    kind: str = m.lastgroup
    if kind == "bracket":
        return kind
    body = line[m.end():]
    if len(line) > _MAX_HEADING or "。" in body.rstrip("。") or not body.strip():
        return None  # long, or several sentences: a list item written as prose
    if P.TERMINAL_END.search(body) and (
        kind == "num_list" or (P.CLAUSE_MARK.search(body) and P.FIGURE.search(body))
    ):  # 1、完成污水处理厂配套工程。/ 七、国外借款还本付息243亿元，平均每年49亿元。
        return None  # a numbered item written as a sentence (a figure and clauses): prose
    return kind


def _demote_list_items(ntext: str, lines: list[Span], kinds: list[str | None]) -> None:
    """A short numbered sentence among numbered prose items is an item, not a heading.

    In ``四、 通过规定…（a long item）。 / 五、 提高银行利润上交财政的比例。 / 六、 …``
    the short middle line has the shape of a heading, but its neighbours with
    the same marker are prose: it is one item of their list.
    """
    markers: list[str | None] = []
    for s, e in lines:
        m = P.HEADING.match(ntext[s:e])
        markers.append(m.lastgroup if m is not None else None)
    for i, kind in enumerate(kinds):
        if kind not in _LIST_KINDS or not P.ENDS_COMPLETE.search(ntext[lines[i][0]:lines[i][1]]):
            continue
        for j in (i - 1, i + 1, i - 2, i + 2):
            if 0 <= j < len(lines) and markers[j] == kind and kinds[j] is None:
                kinds[i] = None
                break


def _mark_unmarked_headings(
    ntext: str, lines: list[Span], kinds: list[str | None], title_idx: int | None
) -> None:
    """Mark short unpunctuated lines between prose paragraphs as headings.

    Work reports often head their parts with a bare line (``“十四五”时期工作回顾``,
    ``2026年重点工作``).  Such a line is 4–25 characters, has no sentence or clause
    punctuation, comes after the prose has begun and is followed by prose; menus
    and bylines before the body never qualify.
    """
    prose_started = False
    for i, (s, e) in enumerate(lines):
        line = ntext[s:e]
        if e - s >= 30 and P.ENDS_COMPLETE.search(line):
            prose_started = True
            continue
        if not prose_started or kinds[i] is not None or i == title_idx or i + 1 >= len(lines):
            continue
        ns, ne = lines[i + 1]
        ps, pe = lines[i - 1] if i > 0 else (0, 0)
        if kinds[i - 1] is None and P.ENDS_MID_SENTENCE.search(ntext[ps:pe]):
            continue  # 今年国民⏎经济和社会发⏎展的…: a line broken mid-sentence, not a heading
        if P.UNMARKED_HEADING.fullmatch(line) and ne - ns >= 30:
            kinds[i] = "unmarked"


def _split_inline_headings(ntext: str, lines: list[Span]) -> list[Span]:
    """Split ``第三节  重工业　　（一）钢铁工业　　解放以前，…`` into heading lines and body."""
    out: list[Span] = []
    for s, e in lines:
        while True:
            m = P.INLINE_HEADING.match(ntext, s, e)
            if m is None or m.end() >= e:
                break
            out.append((s, m.end("head")))
            s = m.end()
        out.append((s, e))
    return out


def _crosses_word(seg: Segmenter, left: str, right: str) -> bool:
    """Does a dictionary word of 2+ chars span the join of ``left`` and ``right``?"""
    a, b = left[-6:], right[:6]
    if not a or not b or not regex.match(r"\p{Han}", a[-1]) or not regex.match(r"\p{Han}", b[0]):
        return False
    pos = 0
    for w in seg.cut(a + b):
        end = pos + len(w)
        if pos < len(a) < end:
            return True
        pos = end
    return False


def _clauses(ntext: str, s: int, e: int) -> list[Span]:
    out: list[Span] = []
    pos = s
    for m in P.CLAUSE_SPLIT.finditer(ntext, s, e):
        end = m.end()
        if not ntext[pos:end].isspace():  # a match is never empty: only blank pieces go
            out.append((pos, end))
        pos = end
    if pos < e and not ntext[pos:e].isspace():
        out.append((pos, e))
    return out


def segment_structure(norm: NormText, segmenter: Segmenter | None = None) -> Skeleton:
    """Segment a document into the skeleton of a :class:`~policyparse.records.Document`."""
    seg = segmenter if segmenter is not None else default_segmenter()
    ntext, orig = norm.text, norm.orig
    sk = Skeleton()

    def o(s: int, e: int) -> Span:
        return norm.to_orig(s, e)

    literal = ntext.count("\n") < 3 and len(_LITERAL_BREAK.findall(ntext)) >= 3
    if literal:
        sk.warnings.append(
            Warning(
                code=WarningCode.MIXED_LINE_ENDINGS.value,
                message="line breaks stored as literal backslash escapes; treated as breaks",
            )
        )
    lines = _split_inline_headings(ntext, _line_spans(ntext, literal))

    # --- title ---------------------------------------------------------------
    title_idx: int | None = None
    meta = {m.group("key"): m for m in P.META_FIELD.finditer(ntext, 0, min(len(ntext), 3000))}
    if "标题" in meta and meta["标题"].group("val").strip():
        m = meta["标题"]
        s, e = m.span("val")
        e = s + len(ntext[s:e].rstrip())
        sk.title_span = o(s, e)
    else:
        candidates = []
        for i, (s, e) in enumerate(lines[:40]):
            line = ntext[s:e]
            if "。" in line and len(line) >= 30:  # prose has begun: a title comes before it
                break
            if (
                6 <= len(line) <= 80
                and "。" not in line
                and not P.META_FIELD.match(line)
                and _heading_kind(line) is None
            ):
                candidates.append(i)
        cued = [i for i in candidates[:15] if _TITLE_CUES.search(ntext[slice(*lines[i])])]
        pick = cued[0] if cued else (candidates[0] if candidates else None)
        if pick is not None:
            title_idx = pick
            sk.title_span = o(*lines[pick])
    if sk.title_span is not None:
        sk.title = orig[sk.title_span[0]:sk.title_span[1]]

    # --- paragraphs and headings ----------------------------------------------
    kinds: list[str | None] = []
    for i, (s, e) in enumerate(lines):
        os_, oe = o(s, e)
        sk.paragraphs.append(Paragraph(id=f"p{i}", span=(os_, oe), text=orig[os_:oe]))
        kinds.append(None if i == title_idx else _heading_kind(ntext[s:e]))
    _demote_list_items(ntext, lines, kinds)
    _mark_unmarked_headings(ntext, lines, kinds, title_idx)

    heads = [(i, P.HEADING_LEVEL[k]) for i, k in enumerate(kinds) if k is not None]
    for n, (i, level) in enumerate(heads):
        end = len(ntext)
        for j, lev in heads[n + 1:]:
            if lev <= level:
                end = lines[j][0]
                break
        s, e = lines[i]
        span = o(s, e)
        sk.sections.append(
            Section(
                id=f"s{n}",
                span=span,
                text=orig[span[0]:span[1]],
                level=level,
                body=(span[0], o(end, end)[0] if end < len(ntext) else len(orig)),
            )
        )
    section_of: list[int | None] = []
    current: list[int] = []  # stack of open section indices
    sec_n = 0
    for i in range(len(lines)):
        if kinds[i] is not None:
            level = P.HEADING_LEVEL[kinds[i]]  # type: ignore[index]
            while current and sk.sections[current[-1]].level >= level:
                current.pop()
            current.append(sec_n)
            sec_n += 1
        section_of.append(current[-1] if current else None)

    # --- sentences -------------------------------------------------------------
    prose = [
        (s, e)
        for i, (s, e) in enumerate(lines)
        if kinds[i] is None and i != title_idx and e - s >= 15
    ]
    complete_lines = sum(1 for s, e in prose if P.ENDS_COMPLETE.search(ntext, s, e))
    stop_style = bool(prose) and complete_lines / len(prose) >= 0.5

    sentences: list[tuple[int, int, int, bool]] = []  # (start, end, paragraph, complete)
    carry: tuple[int, int] | None = None  # (start, paragraph) of a sentence continuing
    for i, (s, e) in enumerate(lines):
        if kinds[i] is not None or i == title_idx:
            carry = None
            continue
        pos = s
        while pos < e and ntext[pos].isspace():
            pos += 1
        for m in P.SENTENCE_END.finditer(ntext, s, e):
            start, para = (carry if carry else (pos, i))
            carry = None
            if m.end() > start and ntext[start:m.end()].strip():
                sentences.append((start, m.end(), para, True))
            pos = m.end()
            while pos < e and ntext[pos].isspace():
                pos += 1
        if pos >= e:
            continue
        start, para = carry if carry else (pos, i)
        carry = None
        if not stop_style:
            sentences.append((start, e, para, True))
            continue
        nxt = i + 1
        if (
            nxt < len(lines)
            and kinds[nxt] is None
            and _crosses_word(seg, ntext[pos:e], ntext[lines[nxt][0]:lines[nxt][1]])
        ):
            carry = (start, para)
            continue
        sentences.append((start, e, para, False))
        if e - lines[para][0] >= _FRAGMENT_MIN:
            span = o(start, e)
            sk.warnings.append(
                Warning(
                    code=WarningCode.FRAGMENT.value,
                    message=f"paragraph ends without terminal punctuation: …{orig[span[1]-10:span[1]]!r}",
                    span=span,
                )
            )
    if carry is not None:  # document ends inside a carried sentence
        start, para = carry
        end = lines[-1][1]
        sentences.append((start, end, para, False))

    identity = norm.src is None  # no character dropped: normalised offsets are original ones
    for n, (s, e, para, complete) in enumerate(sentences):
        span = o(s, e)
        sk.sentences.append(
            Sentence(
                id=f"x{n}",
                span=span,
                text=orig[span[0]:span[1]],
                paragraph=para,
                section=section_of[para],
                clauses=_clauses(ntext, s, e) if identity else [o(a, b) for a, b in _clauses(ntext, s, e)],
                complete=complete,
            )
        )

    sk.date = find_date(norm)
    sk.place = find_place(norm, sk.title)
    if sk.date is None:
        sk.warnings.append(Warning(code=WarningCode.NO_DATE.value, message="no document date found"))
    return sk


def find_date(norm: NormText, head: int = 3000) -> _dt.date | None:
    """The document date: the first full date in the head of the document.

    ``2003年3月5日``, ``二〇〇三年一月十日``, ``2009-02-05``; failing that, the first
    ``8月1日`` whose paragraph also names a year (``2022年``).
    """
    text = norm.text[:head]
    for m in P.FULL_DATE.finditer(text):
        d = _make_date(m.group("y"), m.group("m"), m.group("d")) or _make_date(
            m.group("iy"), m.group("im"), m.group("id")
        )
        if d is not None:
            return d
    for m in P.MONTH_DAY.finditer(text):
        ps = text.rfind("\n", 0, m.start()) + 1
        pe = text.find("\n", m.end())
        pe = len(text) if pe < 0 else pe
        y = P.YEAR_ONLY.search(text, ps, pe)
        if y is not None:
            d = _make_date(y.group("y"), m.group("m"), m.group("d"))
            if d is not None:
                return d
    return None


def find_place(norm: NormText, title: str | None, head: int = 3000) -> str | None:
    """The issuing region: from a 发文单位 line, ``代表X人民政府``, the title, or the first line."""
    text = norm.text[:head]
    for m in P.META_FIELD.finditer(text):
        if m.group("key") == "发文单位":
            val = m.group("val").strip()
            if P.NATIONAL.search(val):
                return "中国"
            pm = P.PLACE.search(val)
            if pm:
                return _clean_place(pm.group("place"))
    rm = P.REPRESENT.search(text)
    if rm:
        if P.NATIONAL.search(rm.group(0)):
            return "中国"
        pm = P.PLACE.search(rm.group("place"))
        if pm:
            return _clean_place(pm.group("place"))
    for cand in (title or "", text[:200]):
        if P.NATIONAL.match(cand) or P.NATIONAL.search(cand[:12]):
            return "中国"
        best = None
        for pm in P.PLACE.finditer(cand, overlapped=True):
            place = _clean_place(pm.group("place"))
            if len(place) >= 2 and (best is None or pm.start() < best[0]):
                best = (pm.start(), place)
        if best is not None:
            return best[1]
    return None


def _clean_place(place: str) -> str:
    cleaned: str = P.LEADING_JUNK.sub("", place)
    return cleaned
