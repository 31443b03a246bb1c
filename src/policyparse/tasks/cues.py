"""Cue words and patterns of the tasks layer, loaded once from ``task_cues.tsv``.

Every word list lives in the resource file; this module only turns the lists
into alternations and composes the deadline pattern from named pieces.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from ..records import Modality
from ..resources import load_tsv

CUE_FILE = "task_cues.tsv"

KINDS = frozenset(
    {
        "verb", "adverb", "strip", "subject", "prep", "modal", "modal_not", "nonaction",
        "deadline", "narrative", "narrative_not", "meeting", "frame", "past_lead", "past",
        "past_not", "copula", "lead", "retro", "plan", "retro_doc", "list_lead", "target_list",
        "causative",
    }
)
MODAL_RANK = {Modality.SHOULD: 0, Modality.STRIVE: 1, Modality.MUST: 2}

# --- named pieces of the deadline pattern ------------------------------------------
CN_NUM = r"[〇○零一二三四五六七八九十两]"
YEAR = r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})"
BY_YEAR_SUFFIX = r"(?:年底|年末|年前|年以前|年之前|年内)"
MONTH = rf"(?:1[0-2]|0?[1-9]|{CN_NUM}{{1,2}})"
PLAN_PERIOD = r"[“\"]?(?:十[一二三四五六七八九]?|[一二三四五六七八九])五[”\"]?"
# every character a deadline can start with, apart from the first characters of the
# deadline words: digits (YEAR, MONTH, n years), Chinese numerals (CN_NUM, YEAR,
# PLAN_PERIOD), 到/至 (by_year) and the quotes opening a PLAN_PERIOD
DEADLINE_FIRST = "0123456789〇○零一二三四五六七八九十两到至“\""


def _alternation(words: frozenset[str]) -> str:
    """A regex alternation matching the longest listed word first."""
    return "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Cues:
    """The cue table, grouped by kind, with the patterns built from it."""

    words: dict[str, frozenset[str]]
    modal_value: dict[str, Modality]
    deadline_end_month: dict[str, int | None]
    prefix: dict[str, regex.Pattern[str]]  # kind -> pattern anchored at a position
    anywhere: dict[str, regex.Pattern[str]]  # kind -> unanchored pattern
    deadline: regex.Pattern[str]
    year_lead: regex.Pattern[str]
    frame: regex.Pattern[str]
    head: regex.Pattern[str]  # one token at the head of a clause (see _build_head)

    def at(self, kind: str, text: str, pos: int = 0) -> str | None:
        """The longest ``kind`` word starting at ``pos`` of ``text``, if any."""
        m = self.prefix[kind].match(text, pos)
        return m.group(0) if m else None

    def find(self, kind: str, text: str, not_kind: str | None = None) -> list[tuple[int, str]]:
        """Occurrences of ``kind`` words, minus those inside a ``not_kind`` word."""
        if self.anywhere[kind].search(text) is None:  # the common case: none at all
            return []
        blocked: set[int] = set()
        if not_kind is not None:
            for m in self.anywhere[not_kind].finditer(text, overlapped=True):
                blocked.update(range(m.start(), m.end()))
        out = []
        for m in self.anywhere[kind].finditer(text):
            if not blocked.intersection(range(m.start(), m.end())):
                out.append((m.start(), m.group(0)))
        return out


# a list mark at the head of a clause: （2） (l) （三） 1、 2. 一、
LIST_MARK = r"""
    [(（](?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3})[)）]   # （2） (l) （三）
    | \d{1,2}[、.](?!\d)                                       # 1、 2.
    | [一二三四五六七八九十]{1,3}、                              # 一、
"""


def _build_head(
    prefix: dict[str, regex.Pattern[str]], deadline: regex.Pattern[str]
) -> regex.Pattern[str]:
    """One pattern for the token that heads a clause, alternatives in the order the
    clause analysis tries them: a list mark, a lead, strip or subject word, a deadline,
    a modal word (not inside a modal_not word) or an adverb.  The first alternative
    that matches wins, and each kind's words are longest first, so the named group
    that matched and its text are what trying the kinds one by one finds.
    """
    def words(kind: str) -> str:
        pattern = prefix.get(kind)
        return pattern.pattern if pattern is not None else "(?!)"

    return regex.compile(
        rf"""
        (?P<mark>{LIST_MARK})                          # 1、 （三）
        | (?P<lead>{words("lead")})                    # 一是, 首先
        | (?P<strip>{words("strip")})                  # 同时, 切实
        | (?P<subject>{words("subject")})              # 我们, 全区上下
        | (?P<deadline>{deadline.pattern})             # 年内, 2025年前
        | (?P<modal>(?!{words("modal_not")}){words("modal")})  # 要, 确保 (not 要求)
        | (?P<adverb>{words("adverb")})                # 大力, 持续
        """,
        regex.VERBOSE,
    )


def _build_deadline(words: frozenset[str]) -> regex.Pattern[str]:
    first = "".join(regex.escape(ch) for ch in sorted(set(DEADLINE_FIRST) | {w[0] for w in words}))
    return regex.compile(
        rf"""
        (?=[{first}])                                            # fast guard: a possible first character
        (?:
          (?P<by_year>(?:到|至)?{YEAR}{BY_YEAR_SUFFIX}            # 2025年前, 到2020年底
                   | (?:到|至){YEAR}年)                          # 到一九五七年
        | (?P<n_years>(?:{CN_NUM}|\d{{1,2}})年(?:内|之内|以内))   # 五年内, 3年内
        | (?P<plan>{PLAN_PERIOD}(?:期间|时期|末))                 # “六五”期间, 十四五末
        | (?P<month>(?<![\d年]){MONTH}月(?:底|末|前|份前|以前))   # 9月底, 十月前
        | (?<![上去前往历当“"])(?P<word>{_alternation(words)})  # 年内, 全年 (not 上年底/“全年红”)
        )
        """,
        regex.VERBOSE,
    )


@cache
def load_cues() -> Cues:
    """Read ``task_cues.tsv`` once; fail loudly on an unknown kind or modal value."""
    groups: dict[str, set[str]] = {k: set() for k in KINDS}
    modal_value: dict[str, Modality] = {}
    end_month: dict[str, int | None] = {}
    for row in load_tsv(CUE_FILE):
        kind, surface, value = row["kind"], row["surface"], row["value"]
        if kind not in KINDS:
            raise ValueError(f"{CUE_FILE}: unknown kind {kind!r} for {surface!r}")
        if not surface:
            raise ValueError(f"{CUE_FILE}: empty surface for kind {kind!r}")
        groups[kind].add(surface)
        if kind == "modal":
            modal_value[surface] = Modality(value)
        elif kind == "deadline":
            end_month[surface] = int(value) if value else None
    words = {k: frozenset(v) for k, v in groups.items()}
    prefix = {k: regex.compile(f"(?:{_alternation(v)})") for k, v in words.items() if v}
    anywhere = dict(prefix)
    year_lead = regex.compile(
        rf"""
        (?:在|从)?                        # optional coverb (match() anchors)
        (?P<year>{YEAR})年                # 2017年 / 一九五七年
        (?!底|末|前|以前|之前|内)          # not a deadline (2025年前)
        """,
        regex.VERBOSE,
    )
    frame = regex.compile(
        rf"""
        (?P<speaker>[^，,。:：；;]{{0,15}}?)   # 会议 / 张红军 / 会议还
        (?:{_alternation(words["frame"])})      # 指出, 强调 …
        (?:[，,：:]\s*)                         # the frame ends at a comma or colon
        """,
        regex.VERBOSE,
    )
    deadline = _build_deadline(words["deadline"])
    return Cues(
        words=words,
        modal_value=modal_value,
        deadline_end_month=end_month,
        prefix=prefix,
        anywhere=anywhere,
        deadline=deadline,
        year_lead=year_lead,
        frame=frame,
        head=_build_head(prefix, deadline),
    )
