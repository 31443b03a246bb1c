"""Cue words and the patterns built from them (``resources/claim_cues.tsv``).

The words live in the data file; this module groups them by ``kind`` and
builds the regexes the linker uses, each from named pieces defined once.
All patterns run on the normalised text (full-width ASCII folded).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from ..resources import load_tsv

CUE_FILE = "claim_cues.tsv"

KINDS = frozenset(
    {
        "growth",  # measure word of a change: 增长 (up), 下降 (down)
        "compare",  # comparison word heading a baseline: 比, 高于 (up), 低于 (down)
        "invert",  # subject whose narrowing is a rise: 降幅收窄 → up
        "share",  # share word: 占比, 比重, 占; value = default baseline (贡献率 → 经济增长)
        "rate_head",  # an indicator ending in it is a rate: 率, 比例
        "completion_obj",  # what a completion is measured against: 任务, 目标, 计划
        "multiple_of",  # 是/为 … 的N倍
        "contribution",  # 拉动 … 增长 N 个百分点 (growth in pp)
        "target",  # strong target cue anywhere before the claim in its sentence
        "target_weak",  # directive verb: target only in a planning section, same clause
        "stative",  # a state, not a plan: 有, 接壤 (高阳有3条高速) — never a target by year alone
        "secured",  # a target cue that reports what was done in a review section: 争取, 努力
        "estimate",  # 预计
        "actual_marker",  # 已, 了: blocks weak target cues
        "plan_heading",  # a heading word that makes its section forward-looking
        "review_heading",  # a heading word that makes its section a review
        "strip_tail",  # filler stripped from the end of an indicator phrase
        "strip_head",  # filler stripped from the start of an indicator phrase
        "scope",  # whole-region words: 全市, 我县 (a share baseline, never an indicator)
        "action",  # action verbs stripped from the head of an indicator, ending a counted noun
        "granted",  # N家企业获批X: the indicator is X
        "generic_noun",  # 公司, 企业: a counted noun too generic to be the indicator
        "province",  # administrative prefixes dropped from an indicator: 河南省
        "period_word",  # period words: 上半年, 全年, 年底, 年均
        "period_anchor",  # year anchors: 今年, 去年, 明年
        "period_block_before",  # a year right after these is a baseline, not a period: 比2005年
        "period_block_after",  # a year right before these is not the claim's period: 上年同期
        "level_verb",  # 新增 / 提高到: the number that follows is a level, not a change
        "measure_noun",  # what is counted of a thing: 产量, 增加值, 销售面积 (住宅 + 销售面积)
    }
)


@dataclass(frozen=True)
class Cues:
    """Cue words grouped by kind (surface → value)."""

    words: dict[str, dict[str, str]]
    _alts: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def of(self, kind: str) -> dict[str, str]:
        return self.words.get(kind, {})

    def alt(self, kind: str) -> str:
        """A regex alternation of the kind's surfaces, longest first (built once per kind)."""
        out = self._alts.get(kind)
        if out is None:
            out = self._alts[kind] = alternation(self.of(kind))
        return out


def alternation(words: object) -> str:
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    if not items:
        return r"(?!)"
    return "(?:" + "|".join(regex.escape(w) for w in items) + ")"


@cache
def load_cues() -> Cues:
    """Load ``claim_cues.tsv`` once; unknown kinds and duplicates fail loudly."""
    words: dict[str, dict[str, str]] = {}
    for row in load_tsv(CUE_FILE):
        kind, surface, value = row["kind"], row["surface"], row["value"]
        if kind not in KINDS:
            raise ValueError(f"{CUE_FILE}: unknown cue kind {kind!r} for {surface!r}")
        group = words.setdefault(kind, {})
        if surface in group:
            raise ValueError(f"{CUE_FILE}: {kind} {surface!r} listed twice")
        group[surface] = value
    return Cues(words=words)


@dataclass(frozen=True)
class Patterns:
    """Regexes built from the cue words."""

    period: regex.Pattern[str]
    heading_period: regex.Pattern[str]
    completion: regex.Pattern[str]
    share_of: regex.Pattern[str]
    share_word: regex.Pattern[str]
    multiple_of: regex.Pattern[str]
    compare: regex.Pattern[str]
    growth_tail: regex.Pattern[str]
    level_tail: regex.Pattern[str]
    strip_tail: regex.Pattern[str]
    strip_head: regex.Pattern[str]
    action_head: regex.Pattern[str]
    province_head: regex.Pattern[str]
    contribution: regex.Pattern[str]
    target: regex.Pattern[str]
    target_weak: regex.Pattern[str]
    estimate: regex.Pattern[str]
    actual_marker: regex.Pattern[str]
    soon_action: regex.Pattern[str]
    growth_any: regex.Pattern[str]  # any growth word, anywhere
    invert_any: regex.Pattern[str]  # any invert word, anywhere
    review_heading: regex.Pattern[str]
    plan_heading: regex.Pattern[str]
    granted_obj: regex.Pattern[str]  # 获批X right after a number: X
    action_any: regex.Pattern[str]  # any action word, anywhere (may jieba find one?)
    weak_any: regex.Pattern[str]  # any target_weak word, anywhere
    noun_stop_any: regex.Pattern[str]  # any word that ends a counted noun (action, granted, weak, growth)


# --- named pieces ------------------------------------------------------------
CN_DIGIT = r"[〇○零一二三四五六七八九]"
YEAR_NUM = (
    rf"(?<![\d〇○零一二三四五六七八九])(?:(?:1[89]|20)\d\d|{CN_DIGIT}{{4}})"  # 2022, 一九五七
)
PLAN_NAME = (  # 十二五时期, “十四五”, 六五计划 (a bare 九五 inside 一九五二年 is not one)
    r"(?:[“\"'](?:十[一二三四五]?|[一二三四五六七八九])五[”\"']"
    r"|(?<![〇○零一二三四五六七八九十])(?:十[一二三四五]?|[一二三四五六七八九])五(?=时期|期间|计划|规划|期末))"
)
YEARS_SPAN = (  # 五年内, 十年来, 总产量十年增长1.3倍 (not 上一年/这一年/每年/第一年)
    r"(?<![\d〇○零一二三四五六七八九十上这每第])(?:[一二三四五六七八九十两]|\d{1,2})年"
    r"(?:内|间|来|以来|(?=增长|下降|增加|减少|累计))"
)
YEARS_LEAD = (  # 五年全社会固定资产投资累计…, 五年建成新线…: a span of years opening a clause
    r"(?:^|(?<=[,，;；。:：\n\s]))(?:[一二三四五六七八九十两]|\d{1,2})年"
    r"(?=\p{Han})(?![来间内前后底末度级期月份制行大攻规计多半合平])"  # 五年合计 / 五年平均: period words
)
YEAR_RANGE_HEAD = rf"(?:{YEAR_NUM}\s*年?\s*[-—–~至到]\s*)"  # 2011-, 一九五三年到 (a range's start)
MONTH = r"(?:1[0-2]|0?[1-9]|[一二三四五六七八九十]|十[一二])"
MONTH_RANGE = rf"{MONTH}\s*(?:[-—–~至到]|月[-—–~至到])\s*{MONTH}\s*月(?:份)?"  # 1-7月, 1月至7月
FILLER = r"(?:[了的在达为是约近将均已])"
# every character a period can start with, apart from the first characters of the
# period_word / period_anchor cue words: Arabic and Chinese digits (YEAR_NUM, MONTH,
# YEARS_SPAN), 十/两 (MONTH, YEARS_SPAN, PLAN_NAME) and the quotes opening a PLAN_NAME
PERIOD_FIRST = "0123456789〇○零一二三四五六七八九十两“\"'"
VERB_FILLER = r"(?:[了在达为是约近将均已])"  # no 的: 增加的17.5平方公里 is a modifier


@cache
def patterns() -> Patterns:
    c = load_cues()
    period_word = c.alt("period_word")
    anchor = c.alt("period_anchor")
    block_before = c.alt("period_block_before")
    block_after = c.alt("period_block_after")
    first = set(PERIOD_FIRST) | {w[0] for k in ("period_word", "period_anchor") for w in c.of(k)}
    period_first = "[" + "".join(regex.escape(ch) for ch in sorted(first)) + "]"
    period = regex.compile(
        rf"""
        (?={period_first})                        # fast guard: a character a period can start with
        (?<!{block_before})                       # 比上年 / 由2005年: a baseline, not a period
        (?P<period>
            {YEAR_RANGE_HEAD}?{YEAR_NUM}\s*年  # 2022年, 2011-2015年, 一九五三年到一九五七年
              (?:{MONTH_RANGE}|{period_word}|以来|[末底初])?   # … 1-7月 / 上半年 / 末 / 以来
              (?!\d|{CN_DIGIT}(?!年)|\s*{MONTH}\s*月\s*\d)   # not 2017年4月1日 (a date)
          | {PLAN_NAME}\s*(?:时期|期间|期末|末)?               # 十二五时期
          | {anchor}(?:{MONTH_RANGE}|{period_word})?           # 今年上半年, 去年
          | {MONTH_RANGE}                                      # 1-7月
          | {YEARS_SPAN}                                       # 五年内, 十年来
          | {YEARS_LEAD}                                       # 五年(全国水利建设投资…)
          | {period_word}                                      # 上半年, 全年, 年底, 年均
        )
        (?!{block_after})                          # 上年同期, 2005年的: not the claim's period
        """,
        regex.VERBOSE,
    )
    heading_period = regex.compile(
        rf"""
        (?P<period>
            (?:{YEAR_NUM}\s*[-—–~至到]\s*)?{YEAR_NUM}\s*年  # 2017年 (工作回顾)
              (?:{period_word}|[末底])?
          | {PLAN_NAME}\s*(?:时期|期间)?                                    # 十四五时期
          | {anchor}(?:{period_word})?                                      # 今年
          | {period_word}                                                   # 过去五年(政府工作回顾)
        )
        """,
        regex.VERBOSE,
    )
    completion_obj = c.alt("completion_obj")
    completion = regex.compile(
        rf"""
        (?:完成|达到|占|为|是|相当于)             # 完成 … 的 N%
        (?P<base>[^,;:，；]{{0,12}}?{completion_obj}[^,;:，；的]{{0,6}})  # 全年任务, 年计划投资
        的\s*$                                    # … 的 right before the number
        """,
        regex.VERBOSE,
    )
    share_of = regex.compile(
        rf"""
        (?P<left>.*?)                             # the part (indicator side)
        (?:占到|占)                               # 占
        (?P<base>[^,;:，；]{{1,20}}?)              # the whole (baseline)
        (?:的|之)\s*(?:比重|比例|份额)?            # 的 (比重)
        (?:{FILLER}|达到|已达)*\s*$               # 为/达到 before the number
        """,
        regex.VERBOSE,
    )
    share_word = regex.compile(
        rf"""
        (?P<left>.*?)                             # indicator (or a scope word: 全市占比)
        (?P<word>{c.alt("share")})                # 占比, 比重, 贡献率
        (?:{FILLER}|达到|已达|提高到|上升到|下降到|分别)*\s*$  # up to the number
        """,
        regex.VERBOSE,
    )
    multiple_of = regex.compile(
        rf"""
        (?:{c.alt("multiple_of")})                 # 是 / 为 / 相当于
        (?P<base>[^,;:，；]{{1,25}}?)               # 上年, 1950年到1997年全国公路建设投资总和
        的\s*$                                     # 的 N 倍
        """,
        regex.VERBOSE,
    )
    compare = regex.compile(
        rf"""
        (?P<left>.*?)                              # the compared thing (indicator side)
        (?<!可)(?P<cmp>{c.alt("compare")})(?![重例率])  # 比 / 较 / 高于 (not 可比, 比重, 比例)
        (?P<base>[^,;:，；]{{1,20}}?)               # 上年 / 固定资产投资 / 全市平均水平
        (?:同期)?                                  # 上年同期 keeps 同期 in base via lazy stop below
        (?P<rest>(?:{c.alt("growth")}|{VERB_FILLER}|分别)*)\s*$  # 提高 / 增加 … up to the number
        """,
        regex.VERBOSE,
    )
    growth_tail = regex.compile(
        rf"""
        (?P<cue>{c.alt("growth")})                 # 增长 / 下降 / 增速
        (?:{VERB_FILLER}|分别|为|达到|达|了)*\s*$   # 增速达 / 增长了 / 分别增长
        """,
        regex.VERBOSE,
    )
    level_tail = regex.compile(
        rf"""
        (?:{c.alt("level_verb")})                  # 新增 / 提高到 / 增至
        (?:{FILLER})*\s*$
        """,
        regex.VERBOSE,
    )
    tail_words = alternation([*c.of("strip_tail"), *c.of("growth"), *c.of("level_verb")])
    strip_tail = regex.compile(rf"(?:{tail_words}|\s|[,，、:：;；])+$")
    head_words = alternation(
        [*c.of("strip_head"), *c.of("scope")]
    )  # one alternation: 全县 before 全
    strip_head = regex.compile(rf"^(?:{head_words}|\s|[,，、:：;；(（)）])+")
    action_head = regex.compile(rf"^(?:{c.alt('action')}|并|和|及|、)+")
    province_head = regex.compile(rf"^(?:{c.alt('province')})+")
    contribution = regex.compile(c.alt("contribution"))
    target = regex.compile(c.alt("target"))
    target_weak = regex.compile(c.alt("target_weak"))
    estimate = regex.compile(c.alt("estimate"))
    actual_marker = regex.compile(c.alt("actual_marker"))
    soon_action = regex.compile(
        rf"""
        (?:年内|今年内|年底前|年末前|明年|下半年)   # a near deadline …
        (?:{c.alt("action")})                      # … directly followed by an action: 年内投入
        """,
        regex.VERBOSE,
    )
    return Patterns(
        period=period,
        heading_period=heading_period,
        completion=completion,
        share_of=share_of,
        share_word=share_word,
        multiple_of=multiple_of,
        compare=compare,
        growth_tail=growth_tail,
        level_tail=level_tail,
        strip_tail=strip_tail,
        strip_head=strip_head,
        action_head=action_head,
        province_head=province_head,
        contribution=contribution,
        target=target,
        target_weak=target_weak,
        estimate=estimate,
        actual_marker=actual_marker,
        soon_action=soon_action,
        growth_any=regex.compile(c.alt("growth")),
        invert_any=regex.compile(c.alt("invert")),
        review_heading=regex.compile(c.alt("review_heading")),
        plan_heading=regex.compile(c.alt("plan_heading")),
        granted_obj=regex.compile(rf"\s*(?:{c.alt('granted')})(?P<obj>[^,，;；。、]{{2,20}})"),
        action_any=regex.compile(c.alt("action")),
        weak_any=regex.compile(c.alt("target_weak")),
        noun_stop_any=regex.compile(
            alternation([*c.of("action"), *c.of("granted"), *c.of("target_weak"), *c.of("growth")])
        ),
    )
