"""Tasks: the sentences that commit the reporting government to do something.

Reads the segmented :class:`~policyparse.records.Document` (sentences,
paragraphs, sections, claims) and the normalised text; writes nothing back.
All cue words come from ``resources/task_cues.tsv`` (see :mod:`.cues`); the
rules are described with examples in ``docs/tasks.md``.

A sentence is judged clause by clause (its ``clauses``, split at ，；：):

* a clause is **directive** when, after stripping connectives (同时, 切实),
  list leads (一是), time words (年内), subjects (我们, 全区上下) and modal
  words (要, 确保, 力争), it starts with a directive verb (加快, 推动 …) or an
  adverb (大力, 持续 …), or anything at all after a modal word;
* a clause opening with a coverb (对于, 在, 以, 通过 …) is **neutral**;
* a clause headed by the copula 是 makes the sentence descriptive;
* every other clause (a subject with a plain predicate, a past event with 了)
  counts against.

A sentence is a task when it has more directive than other clauses, is not
descriptive, does not report a meeting (出席, 参会, 会上 …), does not open with
a past time (年初以来, 2017年 in a 2018 report) and does not sit in a review
part of the report (a heading with 回顾/成绩 or an earlier year).
"""

from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass, field

import regex

from ..records import Claim, Document, Modality, Section, Sentence, Span, Status, Task
from ..segment.normalize import NormText
from .cues import LIST_MARK, MODAL_RANK, Cues, load_cues

_TRIM = regex.compile(r"^[\s，,；;：:。！？!?、]+|[\s，,；;：:。！？!?、]+$")
_HEADING_MARK = regex.compile(
    r"""
    ^\s*(?:
        【[^】]*】                                  # 【措施】
      | 第[一二三四五六七八九十百\d]{1,4}[编篇部章节]  # 第三章
      | [一二三四五六七八九十百]{1,4}[、.]           # 一、
      | [(（][一二三四五六七八九十百]{1,4}[)）]      # （二）
      | \d{1,2}[.、](?!\d)                          # 1.
    )\s*
    """,
    regex.VERBOSE,
)
_DIGIT = regex.compile(r"\d")
_LIST_MARK = regex.compile(LIST_MARK, regex.VERBOSE)
_AREA_MAX = 30  # an area sentence names a priority in at most this many characters
_LEAD_MAX = 45  # a one-sentence lead paragraph under a heading
_PSEUDO_HEADING_MAX = 20  # a short unpunctuated line such as 2026年重点工作
_SUBJECT_REACH = 15  # a modal word this far into a clause may follow its subject
_SUB_LEAD_MAX = 15  # a lead inside a paragraph names a sub-priority in at most this many characters
_SUB_LEAD_NEXT_MIN = 25  # … and heads a sentence at least this long
_LIST_TAIL_MAX = 6  # 以下 + at most this many characters ends a sentence announcing a list
_SUB_LEAD_SERIES = 3  # … in a series of at least this many such sentences
_ENUM_LEAD = regex.compile(r"[一二三四五六七八九十]+是|——|—")  # enumerating leads (not 首先)
_FISCAL_YEAR = regex.compile(r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年度")  # 一九五八年度
_OPENING_MAX = 300  # characters of an undated document's opening searched for its year
_COUNTED_PARTS = regex.compile(  # …重点抓好七个方面： / 抓好以下七个方面的工作：: a list of parts follows
    r"""
    (?:[一二三四五六七八九十两]+|\d+)\s*(?:个|大|项)?   # 七个 / 六大 / 3项
    \s*(?:方面|部分)(?:的?工作|的?任务)?              # 方面(的工作)
    \s*[:：]?\s*$                                    # at the end of the sentence
    """,
    regex.VERBOSE,
)
_DEADLINE_MODIFIER = regex.compile(r"的|政府")  # 今年的… / 今年政府工作…: the word modifies a noun
_FIRST_PERSON = "我们"  # the government speaking of itself
_ORPHAN_REACH = 4  # words of a lost sentence that may open a paragraph after a cut

DIRECTIVE, NEUTRAL, OTHER, COPULA = "directive", "neutral", "other", "copula"
RETRO, PLAN = "retro", "plan"


@dataclass
class ClauseView:
    """One clause of a sentence as the task rules see it (normalised offsets)."""

    start: int
    end: int
    kind: str
    action_start: int | None = None  # where the committed verb phrase starts
    past: bool = False
    modal: bool = False  # headed by a modal word (要, 确保 …), possibly after a subject
    subject: bool = False  # names its subject (我们, 全区上下要): the main predicate starts here


@dataclass
class SentenceView:
    """A sentence's clauses after the frame (会议指出,) is set aside."""

    clauses: list[ClauseView] = field(default_factory=list)
    framed: bool = False
    narrative: bool = False
    past_lead: bool = False

    @property
    def directive(self) -> bool:
        if any(c.kind == COPULA for c in self.clauses):
            return False
        yes = sum(1 for c in self.clauses if c.kind == DIRECTIVE and not c.past)
        no = sum(1 for c in self.clauses if c.kind == OTHER or (c.kind == DIRECTIVE and c.past))
        if any(c.modal and not c.past for c in self.clauses):
            return yes >= no  # an explicit 要/确保 outweighs a tie
        return yes > no


# --- clauses -------------------------------------------------------------------------
def analyse_clause(text: str, cues: Cues | None = None) -> tuple[str, int | None]:
    """Kind of a clause and the offset where its action starts.

    >>> analyse_clause("力争全年建成10个示范智能工厂")
    ('directive', 4)
    >>> analyse_clause("三季度是“黄金季”")
    ('copula', None)
    """
    head = analyse_clause_full(text, cues)
    return head.kind, head.action_start


@dataclass(frozen=True)
class Head:
    """What :func:`analyse_clause_full` finds at the head of a clause."""

    kind: str
    action_start: int | None = None
    modal: bool = False
    subject: bool = False


def analyse_clause_full(text: str, cues: Cues | None = None) -> Head:
    """:func:`analyse_clause` plus whether a modal word or a subject heads the clause."""
    cues = cues or load_cues()
    pos, act, after_modal, subject = 0, 0, False, False
    pledge = False  # a must/strive modal (确保, 努力): what follows is committed (努力使…)
    n = len(text)
    while pos < n:
        if text[pos].isspace():
            pos += 1
            act = pos
            continue
        # one match tries, in order: list mark, lead/strip/subject word, deadline,
        # modal word (not inside a modal_not word), adverb
        m = cues.head.match(text, pos)
        if m is None or m.end() == pos:
            break
        if m.group("mark") is not None:
            pos = act = m.end()
            continue
        if m.group("adverb") is not None:
            pos = m.end()
            if text.startswith("地", pos):  # 更好地完成
                pos += 1
            continue
        if m.group("subject") is not None:
            subject = True
        elif m.group("modal") is not None:
            after_modal = True
            pledge = pledge or cues.modal_value.get(m.group("modal")) != Modality.SHOULD
        pos = m.end()
        if (after_modal or m.group("strip") is not None) and text.startswith("地", pos):
            pos += 1  # 努力地进行 / 切实地把…管好
        act = pos
    if pos >= n:  # only time words or connectives: 五年内，
        return Head(NEUTRAL)
    if after_modal:
        if cues.at("nonaction", text, pos) and not (pledge and cues.at("causative", text, pos)):
            return Head(OTHER)
        return Head(DIRECTIVE, act, True, subject)
    if cues.at("copula", text, pos):
        return Head(COPULA)
    if cues.at("verb", text, pos) or pos > act:  # a verb, or adverb(s) then anything
        return Head(DIRECTIVE, act, False, subject)
    prep = cues.at("prep", text, pos)
    if prep:
        rest = text[pos + len(prep):]
        if any(len(w) >= 2 for _, w in cues.find("verb", rest)):
            return Head(NEUTRAL, act)
        return Head(NEUTRAL)
    for mpos, _ in cues.find("modal", text[: pos + _SUBJECT_REACH], "modal_not"):
        if mpos > pos:  # subject + modal: 全区上下要加强领导
            sub = analyse_clause_full(text[mpos:], cues)
            if sub.kind == DIRECTIVE and sub.action_start is not None:
                return Head(DIRECTIVE, mpos + sub.action_start, True, True)
            return Head(OTHER)
    return Head(OTHER)


def _is_past(text: str, cues: Cues) -> bool:
    # a quoted slogan is a name, not an event: 营造“说了算，定了干”的氛围
    return bool(cues.find("past", _QUOTED.sub(_blank, text), "past_not"))


_QUOTED = regex.compile(
    r"""
    “[^“”]*”      # a slogan or name in double quotes
    | 「[^「」]*」  # … in corner brackets
    """,
    regex.VERBOSE,
)
_OPENERS = "（(“「《【"  # brackets and quotes that a comma inside does not close
_CLOSERS = "）)”」》】"


def _blank(m: regex.Match[str]) -> str:
    return " " * len(m.group())


def _join_enclosed(ntext: str, clauses: list[Span]) -> list[Span]:
    """Merge clauses split at a comma inside brackets or quotes (（北环东延、…，东环…）)."""
    out: list[Span] = []
    depth = 0
    end = clauses[-1][1]
    for s, e in clauses:
        if depth > 0 and out:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
        seg = ntext[s:e]
        depth = max(0, depth + sum(seg.count(c) for c in _OPENERS) - sum(seg.count(c) for c in _CLOSERS))
        if not any(c in ntext[e:end] for c in _CLOSERS):
            depth = 0  # an opener never closed in this sentence (“六五'期间) joins nothing
    return out


def view_sentence(
    ntext: str,
    clauses: list[Span],
    cues: Cues | None = None,
    *,
    orphan: bool = False,
    doc_year: int | None = None,
) -> SentenceView:
    """Judge the clauses of a sentence (spans in normalised offsets into ``ntext``).

    ``orphan``: the sentence opens a paragraph right after a cut-off one, so
    its first words may be the tail of a lost sentence (``成绩迎接…``).
    """
    cues = cues or load_cues()
    view = SentenceView()
    if not clauses:
        return view
    clauses = _join_enclosed(ntext, clauses)
    s0 = clauses[0][0]
    fm = cues.frame.match(ntext, s0, clauses[-1][1])
    if fm is not None and cues.at("verb", ntext, s0):
        fm = None  # 落实最严生态保护新要求，…: a directive ending in a speech noun, no speaker
    if fm is not None and len(fm.group("speaker").strip()) > 0:
        view.framed = True
    elif cues.at("meeting", ntext, s0) and not cues.at("modal_not", ntext, s0):
        view.narrative = True
    body = ntext[clauses[0][0]:clauses[-1][1]]
    if cues.find("narrative", body, "narrative_not"):
        view.narrative = True
    first = True
    after_colon = False
    for s, e in clauses:
        if view.framed and fm is not None and e <= fm.end():
            continue
        if view.framed and fm is not None and s < fm.end():
            s = fm.end()
        clause_end = e
        raw = ntext[s:e]
        lead = len(raw) - len(raw.lstrip(" \t\n，,；;：:、"))
        s += lead
        e = s + len(_TRIM.sub("", ntext[s:e]))
        if e <= s:
            continue
        text = ntext[s:e]
        if first:
            first = False
            ym = cues.year_lead.match(text)
            if cues.at("past_lead", text) or (
                ym is not None and doc_year is not None and _years(ym.group("year"))[0] < doc_year
            ):
                view.past_lead = True
        head = analyse_clause_full(text, cues)
        kind, act = head.kind, head.action_start
        if kind == OTHER and orphan and not view.clauses:
            for skip in range(1, _ORPHAN_REACH + 1):  # drop the lost sentence's tail
                if cues.at("verb", text, skip):
                    head = analyse_clause_full(text[skip:], cues)
                    kind = head.kind
                    act = None if head.action_start is None else head.action_start + skip
                    break
        if kind == OTHER and after_colon:
            kind = NEUTRAL  # items of a list after a colon (目标: 生产总值增速达10%左右)
        view.clauses.append(
            ClauseView(
                s, e, kind, None if act is None else s + act,
                _is_past(text, cues), head.modal, head.subject,
            )
        )
        if ntext[s:clause_end].rstrip().endswith((":", "：")):
            after_colon = True
    return view


# --- document structure ---------------------------------------------------------
_YEAR_DIGITS = regex.compile(r"(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4}")


def _years(text: str) -> list[int]:
    """Calendar years written in ``text`` (``2017``, ``一九五七``)."""
    out = []
    for m in _YEAR_DIGITS.finditer(text):
        digits = m.group(0).translate(str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9"))
        if digits.isdigit():
            out.append(int(digits))
    return out


def mode_of(text: str, doc_year: int | None, cues: Cues | None = None) -> str | None:
    """``retro``, ``plan`` or ``None`` for a heading (or heading-like line)."""
    cues = cues or load_cues()
    retro = bool(cues.find("retro", text))
    plan = bool(cues.find("plan", text))
    if retro != plan:
        return RETRO if retro else PLAN
    if doc_year is not None:
        years = _years(text)
        if years:
            return RETRO if max(years) < doc_year else PLAN
    return None


def _section_modes(sections: list[Section], doc_year: int | None, cues: Cues) -> list[str | None]:
    own = [mode_of(_HEADING_MARK.sub("", s.text), doc_year, cues) for s in sections]
    modes: list[str | None] = []
    for i, sec in enumerate(sections):
        mode = own[i]
        if mode is None:
            for j in range(i - 1, -1, -1):  # the parent heading decides …
                if sections[j].level < sec.level:
                    mode = modes[j]
                    break
        if mode is None and i > 0 and sections[i - 1].level > sec.level:
            mode = modes[i - 1]  # … else the deeper heading it follows (levels out of order)
        if mode is None:
            for j in range(i - 1, -1, -1):  # … else the previous sibling
                if sections[j].level == sec.level:
                    mode = modes[j]
                    break
                if sections[j].level < sec.level:
                    break
        modes.append(mode)
    return modes


def _strip_area(text: str, cues: Cues) -> str:
    """Area text: without list mark, lead (一是), leading 要 and end punctuation."""
    text = _TRIM.sub("", _HEADING_MARK.sub("", text))
    changed = True
    while changed:
        changed = False
        for kind in ("lead", "modal"):
            word = cues.at(kind, text)
            if word and kind == "modal" and word not in ("要", "必须", "应", "应当", "应该"):
                word = None
            if word and len(text) > len(word) + 1:
                text = _TRIM.sub("", text[len(word):])
                changed = True
    return text


def _heading_area(section: Section, mode: str | None, cues: Cues, norm: NormText) -> str | None:
    if mode == RETRO or section.text.lstrip().startswith("【"):
        return None
    body = _HEADING_MARK.sub("", section.text)
    if not body.strip():
        return None
    ntext = norm.text
    s, e = norm.from_orig(*section.span)
    mark = len(section.text) - len(body)
    view = view_sentence(ntext, _split(ntext, s + mark, e), cues)
    if view.directive and not view.narrative and not view.past_lead:
        return _strip_area(body, cues) or None
    return None


_CLAUSE_BREAK = regex.compile(r"[，,；;：:]")
_CLAUSE_BREAK_BACK = regex.compile(r"[，,；;：:]", regex.REVERSE)  # the last break before a point


def _split(ntext: str, s: int, e: int) -> list[Span]:
    out: list[Span] = []
    pos = s
    for m in _CLAUSE_BREAK.finditer(ntext, s, e):
        out.append((pos, m.end()))
        pos = m.end()
    if pos < e:
        out.append((pos, e))
    return out


# --- task fields -------------------------------------------------------------------
_HEAD_KINDS = ("strip", "lead", "subject", "modal", "prep", "adverb")


def _at_head(before: str, cues: Cues) -> bool:
    """Is ``before`` (clause start up to a deadline) only connectives, modals, coverbs?"""
    pos = 0
    while pos < len(before):
        for kind in _HEAD_KINDS:
            word = cues.at(kind, before, pos)
            if word:
                pos += len(word)
                break
        else:
            return before[pos:].strip() == ""
    return True


def find_deadline(
    ntext: str, s: int, e: int, date: _dt.date | None, cues: Cues | None = None
) -> Span | None:
    """The deadline of ``ntext[s:e]``, as written.

    Periods already over at ``date`` (上半年 in an August report) are skipped;
    a deadline heading a clause (力争全年建成, 对于下半年) wins; else the last
    one (抓住三季度决战下半年 → 下半年).
    """
    cues = cues or load_cues()
    best: Span | None = None
    for m in cues.deadline.finditer(ntext, s, e):
        word = m.group("word")
        if word and date is not None:
            end_month = cues.deadline_end_month.get(word)
            if end_month is not None and end_month < date.month:
                continue
        if _DEADLINE_MODIFIER.match(ntext, m.end(), e):
            continue  # 今年政府工作总的指导思想 / 今年的任务: a modifier of a noun, not a deadline
        brk = _CLAUSE_BREAK_BACK.search(ntext, s, m.start())
        clause_start = brk.end() if brk else 0
        if _at_head(ntext[max(s, clause_start):m.start()], cues):
            return (m.start(), m.end())
        best = (m.start(), m.end())
    return best


def modality_of(ntext: str, view: SentenceView, cues: Cues | None = None) -> Modality:
    """Strongest commitment word in the task's clauses: must > strive > should."""
    cues = cues or load_cues()
    best = Modality.SHOULD
    for c in view.clauses:
        for _, word in cues.find("modal", ntext[c.start:c.end], "modal_not"):
            value = cues.modal_value[word]
            if MODAL_RANK[value] > MODAL_RANK[best]:
                best = value
    return best


class _ClaimIndex:
    """The claims of a document, found by span with a binary search (no scan per sentence)."""

    def __init__(self, claims: list[Claim]) -> None:
        self.claims = claims
        self.order = sorted(range(len(claims)), key=lambda i: claims[i].span[0])
        self.starts = [claims[i].span[0] for i in self.order]

    def inside(self, span: Span) -> list[Claim]:
        """Claims within ``span``, in the order of ``claims``."""
        lo = bisect.bisect_left(self.starts, span[0])
        hi = bisect.bisect_right(self.starts, span[1])
        hits = sorted(i for i in self.order[lo:hi] if self.claims[i].span[1] <= span[1])
        return [self.claims[i] for i in hits]


def _targets(claims: _ClaimIndex, span: Span) -> list[str]:
    return [c.id for c in claims.inside(span) if c.status == Status.TARGET]


def _reports_actuals(claims: _ClaimIndex, span: Span) -> bool:
    """Do the sentence's claims exist and all report achieved (actual) figures?"""
    inside = claims.inside(span)
    return bool(inside) and all(c.status == Status.ACTUAL for c in inside)


def _actions(view: SentenceView, norm: NormText, cues: Cues) -> list[str]:
    """Verb phrases from the clause that names the subject on (purpose clauses before it go)."""
    out: list[str] = []
    first = max((i for i, c in enumerate(view.clauses) if c.subject), default=0)
    for c in view.clauses[first:]:
        if c.action_start is None or c.kind not in (DIRECTIVE, NEUTRAL) or c.past:
            continue
        s, e = norm.to_orig(c.action_start, c.end)
        text = _TRIM.sub("", norm.orig[s:e])
        if text:
            out.extend(_split_coordinated(text, cues))
    return out


def _split_coordinated(action: str, cues: Cues) -> list[str]:
    """``加强领导、压实责任`` → two actions; an enumerated object (…、…等) stays whole."""
    pieces = action.split("、")
    if len(pieces) < 2 or "等" in action:
        return [action]
    for piece in pieces:
        head = analyse_clause_full(piece, cues)
        if head.kind != DIRECTIVE or head.action_start != 0:
            return [action]
    return pieces


# --- the stage ------------------------------------------------------------------------
def _nspan(norm: NormText, span: Span) -> Span:
    return norm.from_orig(*span)


def find_tasks(doc: Document, norm: NormText) -> list[Task]:
    """Tasks of a segmented document whose ``claims`` are filled (ids ``t0, t1 …``)."""
    cues = load_cues()
    ntext = norm.text
    doc_year = document_year(doc)
    doc_mode = RETRO if doc.title and cues.find("retro_doc", doc.title) else None
    modes = [m or doc_mode for m in _section_modes(doc.sections, doc_year, cues)]
    heading_starts = {s.span[0] for s in doc.sections}
    heading_paras = {i for i, p in enumerate(doc.paragraphs) if p.span[0] in heading_starts}
    by_para: dict[int, list[int]] = {}
    for i, sent in enumerate(doc.sentences):
        by_para.setdefault(sent.paragraph, []).append(i)
    claim_index = _ClaimIndex(doc.claims)

    tasks: list[Task] = []
    cur_section: int | None = -1
    mode: str | None = doc_mode
    area: str | None = None
    lead_para = -1  # the paragraph whose first sentence is an area
    sub_series: dict[int, int] = {}  # paragraph → number of sub-lead-shaped sentences
    prev_narrative: tuple[int, bool] = (-1, False)  # (paragraph, narrative?)
    cut_before = False  # has a sentence been cut off (scraped text with lost pieces)?
    for i, sent in enumerate(doc.sentences):
        if i > 0 and not doc.sentences[i - 1].complete:
            cut_before = True
        if sent.section != cur_section:
            cur_section = sent.section
            if cur_section is None:
                mode, area = doc_mode, None
            else:
                mode = modes[cur_section]
                area = _heading_area(doc.sections[cur_section], mode, cues, norm)
        s, e = _nspan(norm, sent.span)
        if _pseudo_heading(sent, ntext, s, e):
            line_mode = mode_of(ntext[s:e], doc_year, cues)
            if line_mode is not None:
                mode, area = line_mode, None
            continue
        clauses = [_nspan(norm, c) for c in sent.clauses] or [(s, e)]
        orphan = cut_before and by_para[sent.paragraph][0] == i
        view = view_sentence(ntext, clauses, cues, orphan=orphan, doc_year=doc_year)
        if mode == RETRO and not _pledge(view, ntext):
            continue  # a review part reports; only the government's own pledge (我们一定…) commits
        narrative = view.narrative or view.past_lead
        if (
            not narrative
            and not view.framed
            and prev_narrative == (sent.paragraph, True)
            and view.clauses
            and view.clauses[0].kind == DIRECTIVE
        ):
            narrative = True  # subjectless continuation of a meeting report
        prev_narrative = (sent.paragraph, narrative)
        if not narrative and _is_lead_line(i, sent, by_para, ntext, s, e, cues):
            area = _strip_area(sent.text, cues) or None  # 一是高质量发展水平明显提升。
            lead_para = sent.paragraph
            continue
        if (
            not narrative
            and not view.directive
            and view.clauses
            and view.clauses[0].kind == DIRECTIVE
            and not any(c.kind == COPULA for c in view.clauses)
            and len(by_para.get(sent.paragraph, [])) > 1
            and _is_area(doc, i, sent, by_para, heading_paras, ntext, s, e)
        ):  # 实施全方位招商，立体性开放。要扩大…: a headline opening its paragraph
            area = _strip_area(sent.text, cues) or None
            lead_para = sent.paragraph
            continue
        if narrative or not view.directive:
            continue
        if _announces(ntext, clauses, cues):
            continue  # …要努力实现以下目标任务： / 主要预期目标是：…: a list, not a commitment
        if not any(c.modal for c in view.clauses) and _reports_actuals(claim_index, sent.span):
            continue  # 建设大中型沼气工程109处。: achieved figures, no commitment word
        if _is_area(doc, i, sent, by_para, heading_paras, ntext, s, e):
            area = _strip_area(sent.text, cues) or None
            lead_para = sent.paragraph
            continue
        if lead_para == sent.paragraph and _is_sub_lead(doc, i, by_para, norm, sub_series):
            area = _strip_area(sent.text, cues) or None  # 力促汽车工业稳步发展。 inside a lead's paragraph
            continue
        dl = find_deadline(ntext, s, e, doc.date, cues)
        if dl is None:  # 2015年，…我市将继续…: the opening year is the horizon
            ym = cues.year_lead.match(ntext[s:e])
            if ym is not None:
                dl = (s + ym.start("year"), s + ym.end())
        deadline = None
        if dl is not None:
            os_, oe = norm.to_orig(*dl)
            deadline = norm.orig[os_:oe]
        tasks.append(
            Task(
                id=f"t{len(tasks)}",
                span=sent.span,
                text=sent.text,
                area=area,
                actions=_actions(view, norm, cues),
                modality=modality_of(ntext, view, cues),
                deadline=deadline,
                targets=_targets(claim_index, sent.span),
            )
        )
    return tasks


def document_year(doc: Document) -> int | None:
    """The year a document is about: its date's, else the first year in its title, else
    the latest ``YEAR年度`` written in its opening before the first heading (an undated
    report ``关于一九五八年度国民经济计划（草案）的报告``)."""
    if doc.date is not None:
        return doc.date.year
    title_years = _years(doc.title or "")
    if title_years:
        return title_years[0]
    end = doc.sections[0].span[0] if doc.sections else len(doc.text)
    opening = [
        y for m in _FISCAL_YEAR.finditer(doc.text[: min(end, _OPENING_MAX)]) for y in _years(m.group(0))
    ]
    return max(opening) if opening else None


def _pseudo_heading(sent: Sentence, ntext: str, s: int, e: int) -> bool:
    """A short line without terminal punctuation (``2026年重点工作``, ``重点抓好…工作：``)."""
    body = ntext[s:e].strip().rstrip("：:")
    return not sent.complete and len(body) <= _PSEUDO_HEADING_MAX and not _CLAUSE_BREAK.search(body)


def _is_lead_line(
    i: int, sent: Sentence, by_para: dict[int, list[int]], ntext: str, s: int, e: int, cues: Cues
) -> bool:
    """An enumerated lead (``一是高质量发展水平明显提升。``) opening a paragraph with more
    sentences names their area, whether or not it is directive."""
    siblings = by_para.get(sent.paragraph, [])
    if len(siblings) < 2 or siblings[0] != i or not sent.complete:
        return False
    body = _TRIM.sub("", ntext[s:e])
    lead = cues.at("lead", body)
    if not lead or not _ENUM_LEAD.match(lead):
        return False
    return not _DIGIT.search(body) and len(_split(body, 0, len(body))) <= 2 and len(body) <= _AREA_MAX


def _pledge(view: SentenceView, ntext: str) -> bool:
    """A first-person pledge: a clause opening with 我们 + a modal word (``对此，我们一定高度重视，
    …认真加以解决。`` closing the problems paragraph of a review)."""
    return any(
        c.subject and c.modal and not c.past and ntext.startswith(_FIRST_PERSON, c.start)
        for c in view.clauses
    )


def _announces(ntext: str, clauses: list[Span], cues: Cues) -> bool:
    """A sentence that announces a list: it ends right after 以下/如下 (``…提出以下建议。``,
    ``…要努力实现以下目标任务：``), or its first clause names the targets that follow
    (``主要预期目标是：``)."""
    last = _TRIM.sub("", ntext[clauses[-1][0] : clauses[-1][1]])
    if _COUNTED_PARTS.search(last):  # 重点抓好七个方面：: the report's own structure
        return True
    for pos, word in cues.find("list_lead", last):
        if len(last) - pos - len(word) <= _LIST_TAIL_MAX:  # …提出以下建议。 / …以下目标任务：
            return True
    return bool(cues.find("target_list", ntext[clauses[0][0] : clauses[0][1]]))


def _is_sub_lead(
    doc: Document, i: int, by_para: dict[int, list[int]], norm: NormText, series: dict[int, int]
) -> bool:
    """A short one-clause directive inside a paragraph opened by an area sentence, followed
    by a much longer sentence it heads (``培育壮大主导产业。…力促汽车工业稳步发展。用足用好…``),
    when the paragraph holds a series of at least ``_SUB_LEAD_SERIES`` such sentences (one
    short sentence alone, ``坚决防止低水平重复建设。``, is a task)."""
    para = doc.sentences[i].paragraph
    siblings = by_para.get(para, [])
    if not _sub_lead_shape(doc, i, siblings, norm):
        return False
    if para not in series:  # counted once per paragraph
        series[para] = sum(1 for k in siblings if _sub_lead_shape(doc, k, siblings, norm))
    return series[para] >= _SUB_LEAD_SERIES


def _sub_lead_shape(doc: Document, i: int, siblings: list[int], norm: NormText) -> bool:
    sent = doc.sentences[i]
    if siblings[-1] == i or siblings[0] == i or not sent.complete:
        return False
    s, e = _nspan(norm, sent.span)
    body = _TRIM.sub("", norm.text[s:e])
    if _DIGIT.search(body) or len(body) > _SUB_LEAD_MAX or _CLAUSE_BREAK.search(body):
        return False
    ns, ne = doc.sentences[i + 1].span  # sentences of a paragraph are consecutive
    return ne - ns >= max(_SUB_LEAD_NEXT_MIN, 2 * len(body))


def _is_area(
    doc: Document,
    i: int,
    sent: Sentence,
    by_para: dict[int, list[int]],
    heading_paras: set[int],
    ntext: str,
    s: int,
    e: int,
) -> bool:
    """Does this directive sentence only name the priority of the sentences after it?"""
    siblings = by_para.get(sent.paragraph, [])
    if not siblings or siblings[0] != i or not sent.complete:
        return False
    body = _TRIM.sub("", ntext[s:e])
    if _DIGIT.search(body) or len(_split(body, 0, len(body))) > 2:
        return False
    if len(siblings) > 1:
        return len(body) <= _AREA_MAX
    nxt = sent.paragraph + 1
    after_heading = sent.paragraph - 1 in heading_paras
    has_lead = bool(load_cues().at("lead", body))
    follows = nxt < len(doc.paragraphs) and nxt not in heading_paras
    return follows and (after_heading or has_lead) and len(body) <= _LEAD_MAX

