"""Quantities → claims: indicator, measure, direction, status, period, year, baseline.

Works sentence by sentence on the normalised text; every string it puts in a
claim (indicator, baseline, period) is cut from the original text through the
offset map.  See ``docs/claims.md`` for how each field is decided.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from decimal import Decimal

import regex

from ..errors import WarningCode
from ..records import (
    Claim,
    Direction,
    Document,
    Measure,
    Quantity,
    Sentence,
    Span,
    Status,
    Warning,
)
from ..segment.normalize import NormText
from ..segment.words import Segmenter, default_segmenter
from .cues import YEAR_NUM, Cues, Patterns, load_cues, patterns
from .taxonomy import indicator_id
from .taxonomy import surfaces as taxonomy_surfaces

DURATION_UNITS = frozenset({"year", "month", "day", "hour", "quarter", "minute"})
PERCENT_UNITS = frozenset({"%", "permille"})

_CONNECTOR = regex.compile(  # 9%和9.8%, 3.9：59.5, 由A上升为B: the second continues a list
    r"^(?:[\s、,，:：和及与或比的]|以及|(?:上升|下降|增加|提高|降低|减少|缩小|扩大|增长)?(?:为|到|至))*$"
)  # 9%和9.8%: the second continues a list
_LIST_SPLIT = regex.compile(r"[、和及与]")
_LIST_ENUM = regex.compile(r"、")  # a list written with 、 splits on it alone (文化及相关产业、…)
_PERIOD_DURATION = regex.compile(r"^\s*(?:来|以来|间|中|之内|内|后|里)")  # 五年来: a period
_PERIOD_DURATION_BEFORE = regex.compile(r"(?:今后|未来|过去|近|这|最近|前|后|再用|用)\s*$")
_HAN = regex.compile(r"\p{Han}")
_TRAILING_SPAN = regex.compile(
    r"(?<=\p{Han}{2})(?<![〇○零一二三四五六七八九十])(?:[一二三四五六七八九十两]|\d{1,2})年$"
)  # 总产量十年 (not 一九五二年)
_PAREN = regex.compile(r"[(（][^()（）]{0,60}[)）]")  # (按可比价格计算) / (包括…)
_PLAN_ORDINAL = regex.compile(r"第(?P<n>[一二三四五六七八九十]{1,2})个五年")
_SHARE_IN = regex.compile(
    r"在(?P<base>[^,，;；在]{2,15}?)中[^,，;；]{0,12}(?:比重|占比)"
)  # 在工业总产值中所占的比重
_PLAN_SPAN = regex.compile(
    r"年均|平均每年|每年平均|每年|\d+年内|[一二三四五六七八九十]年(?:内|间|合计|累计|平均)"
)
_POST_STOP = regex.compile(r"[,，;；。！？!?、:：()（）“”\"'《》\s\d]|和|及|与|或|以及|的|等")
_SCOPE_OF = regex.compile(
    r"^(?P<scope>.{2,14}?)中(?P<rest>\p{Han}{2,}.*)$"
)  # 规模以上工业企业中高新技术企业
_THRESHOLD_HEAD = regex.compile(
    r"""
    ^.*?                                     # what the threshold measures: 年销售收入 / 投资
    (?:
        \d[\d.,，]*\s*[千百]?(?:万亿|[万亿])?   # 500万 / 1，000万 / 2000 (Arabic)
      | [〇零一二三四五六七八九十百千万亿两]+   # 千万 / 五百万 (Chinese)
    )
    (?:元|美元)?                             # the money unit, if any
    及?以[上下]的                            # 以上的 / 及以上的 / 以下的
    (?=\p{Han}{2})                           # … before the counted noun: 规模企业
    """,
    regex.VERBOSE,
)  # 年销售收入500万元以上的规模企业 → 规模企业 (the threshold names a class)
_INTERIOR_VERB = regex.compile(
    r"(?<=\p{Han}{2})(?:实现|完成了)(?=\p{Han}{2})"
)  # 第一产业实现增加值
_TARGET_PARAGRAPH = regex.compile(r"预期目标|主要目标|目标是|目标为|目标[:：]|奋斗目标|目标任务是")
_DONE_TARGET = regex.compile(
    r"(?:完成|实现|达到|超过|超额)[^,，;；。]{0,15}$"
)  # 完成了…目标: actual
_COMPLETION_SPAN = regex.compile(
    r"(?:占|完成|为|达到)[^,，;；。]{0,12}?(?:任务|目标|计划|预算)[^,，;；。]{0,6}?的"
)
_PLAN_TITLE = regex.compile(r"五年计划|五年规划|规划纲要|计划纲要|远景目标")
_PLAN_YEARS = regex.compile(  # 1981一1985 / 2021-2025年: the span of years a plan covers
    rf"""
    (?P<a>{YEAR_NUM})\s*年?\s*       # first year of the plan
    [一\-—–~～至到]{{1,2}}\s*        # a dash (OCR often reads it as 一) or 至/到
    (?P<b>{YEAR_NUM})(?!\d)           # last year of the plan
    """,
    regex.VERBOSE,
)
_LOOKBACK = regex.compile(r"来|过去|以来")
_FORWARD = regex.compile(r"今后|未来")
_CN_YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
_YEAR_IN = regex.compile(rf"(?P<y>{YEAR_NUM})(?=\s*年)")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")  # １９９７年 → 1997年
_PLAN_NO = regex.compile(r"(?P<n>十[一二三四五]?|[一二三四五六七八九])五")
_TITLE_YEAR = regex.compile(rf"{YEAR_NUM}\s*年")  # a year in the title: 2022年
_COMMA_NEXT = regex.compile(r"\s*[,，]")  # a comma right after a lead period
_PAIR_YEARS = regex.compile(  # 由1997年的7.4万亿元增加到2002年的10.2万亿元: a pair with its years
    rf"""
    (?:由|从)\s*(?P<a>{YEAR_NUM}\s*年)的     # from-year
    [^。；;!?！？]{{1,40}}?                    # the from-value and the change verb
    (?:到|至)\s*(?P<b>{YEAR_NUM}\s*年)的      # to-year
    """,
    regex.VERBOSE,
)
_COMPARE_YEARS = regex.compile(  # 2002年与1998年相比，…由21.70亿元增加到29.44亿元: years of the pair
    rf"""
    (?P<b>{YEAR_NUM}\s*年)\s*          # the later year (the pair's to-year)
    (?:与|同|和|比|较)\s*              # compared with
    (?P<a>{YEAR_NUM}\s*年)\s*          # the earlier year (the pair's from-year)
    (?:相比|比较|对比)                  # 相比
    """,
    regex.VERBOSE,
)
_LIST_ITEM_MAX = 60  # a line this short after a colon lead is an item of its list
_ITEM_ENDS = "；;，,。"  # an item line ends in one of these
_ITEM_MORE = "；;，,"  # … and more items follow unless it ends in 。
_ITEM_MARK = regex.compile(  # an enumerated item line: 、… / 一、… / 1、… / （1）…
    r"\s*(?:(?:[一二三四五六七八九十]{1,3}|\d{1,2})?\s*、|[(（](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）])"
)
_YEAR_OF_VALUE = regex.compile(  # 2002年的⟦10.2万亿元⟧ / 比“五五”时期的⟦38.1%⟧: that period's level
    rf"""
    (?P<y>
        {YEAR_NUM}\s*年                                          # 2002年
      | [“"]?(?:十[一二三四五]?|[一二三四五六七八九])五[”"]?\s*(?:时期|期间)   # “五五”时期 (a plan's)
    )
    的\s*$                                                      # … 的 right before the value
    """,
    regex.VERBOSE,
)
_ESTIMATE_LEAD = regex.compile(r"\s*(?:根据|据)?")  # 根据预计数字（…），: an estimate lead
_FISCAL_YEAR = regex.compile(rf"(?P<y>{YEAR_NUM})\s*年度")  # 一九五八年度: the year a report covers
_OPENING_MAX = 300  # characters of an undated document's opening searched for its year
_REPORT_MONTH_MAX = 4  # a report dated up to April plans its own year (a work report)
_COMPARE_CLAUSE = regex.compile(  # 比上一年， / 一九五七年比一九五六年，: a comparison clause
    rf"\s*(?:{YEAR_NUM}\s*年)?(?:比|较)(?P<b>[^,，;；:：。比]{{1,15}})\s*[,，]\s*$"
)
_TOPIC_NUMBER = regex.compile(r"[\d〇○零一二三四五六七八九十百千万亿]")  # a number in a topic
_TOPIC_MAX = 20  # a sentence's opening noun phrase this short names the figures after it
_PAIR_REACH = 800  # characters searched back for the pair whose years an elided pair takes
_PAIR_FROM = regex.compile(r"(?:由|从)\s*$")  # 外汇储备从⟦1399亿美元⟧: a pair's start, no year
_PAIR_TO = regex.compile(  # …增加到⟦2864亿美元⟧: the pair's end
    r"^\s*(?:增加|提高|上升|下降|减少|降低|扩大|缩小|增长|跃升)?(?:到|至)\s*$"
)
_CLAUSE_END = " \t\n,，;；:：、"  # separators closing a clause
_LEAD_CLAUSE_MAX = 25  # a clause this short ending in a period is a lead: 刚刚过去的2025年，
_LEAD_OPEN = regex.compile(  # a paragraph opening with a period: 2012年…, 全年…
    r"""
    \s*
    (?:(?:计划|规划|纲要)(?:要求|规定|安排|提出)\s*[,，]\s*)?   # 计划要求，1985年…: the plan's frame
    在?                                                          # 在一九五八年的工业生产中
    """,
    regex.VERBOSE,
)
_ADMIN_TAIL = regex.compile(r"(?:区|县|市|省|州|旗|盟)$")  # a place variant ends in an admin suffix
_ADMIN_SUFFIX = regex.compile(  # suffix stripped to a place stem
    r"(?:特别行政区|自治区|自治州|自治县|高新区|开发区|新区|省|市|县|区)$"
)
_PAREN_TAIL = regex.compile(r"^[^()（）]*[)）]")  # the tail of a parenthesis opened before
_DENG_BEFORE = regex.compile(r"等(?=\p{Han}{2,}$)")  # 家庭农场等农业新型经营主体: the 等 before the head
_LATIN_WORD = regex.compile(r"[A-Za-z]{2,}")  # GDP, PM
_DOUBLING_TAIL = regex.compile(r"翻\S*$")  # 翻一番 at the end of the pre-text
_DRAG = regex.compile(r"下拉|拖累")  # a contribution pulling growth down
_VERB_TAIL = regex.compile(r"(?:了|达|为)+\s*$")  # filler verbs before a contribution figure
_SHARE_OF_IN = regex.compile(r"占(?P<b>[^,，;；占]{2,15})$")  # …占X比重: X is the whole
_TOWARD = regex.compile(r"对(?P<b>[^,，;；]{1,12})的?$")  # 对X的贡献率: X is the baseline
_STRUCTURE = regex.compile(  # 三次产业结构为3.9：59.5：36.6 / 三次产业比例调整到20:50:30
    r"结构|比例(?:调整)?[为到]|之比"
)
_CLAUSE_SEP = regex.compile(r"[,，;；:：]")  # clause separators
_SHARE_WORD = regex.compile(r"比重|占比")  # a share word earlier in the sentence
_BASE_HEAD = regex.compile(r"^(?:同期|了)")  # filler at the head of a baseline
_BASE_TAIL = regex.compile(r"(?:平均)?(?:水平)?(?:增速|增幅|的)?$")  # measure words at the end of a baseline
_BASE_RATE = regex.compile(r"增速$|增幅$")  # 增速/增幅 ending a baseline
_PLAN_NOUN_NEXT = regex.compile(r"[期时的中]")  # 计划期, 规划的: a noun, not a target cue
_TASK_WORD = regex.compile(r"任务")  # 目标任务
_DONE = regex.compile(r"完成|实现")  # completed
_PLAN_NO_BEFORE = regex.compile(r"[年个]五?$")  # 年计划, 五年计划 (a plan name)
_PER_YEAR = regex.compile(r"平均每年|每年平均|每年|年均")  # a per-year rate: its clause only
_YEARS_SPAN_ONLY = regex.compile(  # 五年(累计投资…): a span of years, its ；-part only
    r"(?:[一二三四五六七八九十两]|\d{1,2})年"
)
_QIZHONG = regex.compile(r"\s*其中")  # 其中: continues the sentence before
_PLAN_SPAN_WORD = regex.compile(r"五(?:时期|期间|期末|末|$|”|\")")  # 十二五时期: a plan period
_THIS_YEAR = regex.compile(r"今年|本年|当年|目前")  # the document's year (目前: now)
_LAST_YEAR = regex.compile(r"去年|上一?年")  # the year before
_STRUCT_TAIL = regex.compile(r"(?:结构|比例|之比).*$")  # 三次产业结构… → 三次产业
_BREAK_THROUGH = regex.compile(r"突破\s*$")  # 突破 right before the number
_COMPARE_HEAD = regex.compile(r"^(?:比|较|同)(?!重|例|率)")  # 比一九五二年: a baseline, no subject
_FROM_AFTER = regex.compile(  # 由十年前的 / 由一九五二年的到…: a from-to pair after the subject
    r"(?:由|从)(?=[^由从]*(?:的|年|到|至)[^由从]*$)"
)
_APPOSITION_TIERS = regex.compile(  # 市、县、乡三级: an apposition list of tiers before the noun
    r"^(?:\p{Han}{1,6}、)+\p{Han}{1,6}[一二三四五六七八九十两]+(?:级|类)(?=\p{Han}{2})"
)
_QUOTED_HEAD = regex.compile(  # “三化”改造项目: a quoted name heads the indicator
    r"[“\"][^“”\"]{1,12}[”\"]\p{Han}{0,12}$"
)
_UNQUOTED_STRIP = " 、,，:：;；()（）'"  # stripped from the ends; quotes only when unbalanced
_MEASURE_MAX = 6  # the longest measure noun tried
_NOT_A_NOUN = regex.compile(r"到|至|为|比|较")  # 到一九五七年…: a pair, no counted noun
_OBJECT_MAX = 8  # an object after an amount this short is taken whole (长期建设国债)
_NOT_A_HEAD = regex.compile(r"[\d〇○零一二三四五六七八九十百千万亿元年月日个项家其该此这那每]")
_SINGLE_BLOCK_KINDS = ("strip_head", "strip_tail", "action", "growth", "compare", "scope",
                       "province", "target", "target_weak", "level_verb", "granted")
_PART_LEAD = regex.compile(r"^\s*(?:其中|按\p{Han}{1,4}分)")  # 其中住宅…, 按地域分，城镇…
_CN_SMALL = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


# --- helpers ------------------------------------------------------------------------
def _cn_year(s: str) -> int | None:
    s = s.strip()
    if s.isascii() and s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in _CN_YEAR_DIGITS for c in s):
        return int("".join(_CN_YEAR_DIGITS[c] for c in s))
    return None


def _plan_end(name: str) -> int | None:
    """End year of the n-th five-year plan: 一五 → 1957, 十二五 → 2015."""
    n_s = name.strip("“”\"'")
    n = _CN_SMALL.get(n_s[0], 0)
    if n_s.startswith("十"):
        n = 10 + (_CN_SMALL.get(n_s[1], 0) if len(n_s) > 1 else 0)
    if n <= 0:
        return None
    if n == 1:
        return 1957
    if n == 2:
        return 1962
    return 1970 + 5 * (n - 3)


@dataclass
class _Item:
    """A quantity in normalised coordinates."""

    q: Quantity
    s: int
    e: int


@dataclass
class _Draft:
    item: _Item
    sentence: Sentence
    clause: int
    measure: Measure = Measure.LEVEL
    direction: Direction | None = None
    baseline: str | None = None
    indicator: str | None = None
    subject_raw: str = ""  # the pre-text naming the indicator (before cleaning)
    fallback: str | None = None  # the action verb, when nothing else names it (投入)
    continues: bool = False  # 9%和9.8%: continues the list of the previous claim
    respectively: bool = False  # 分别
    status: Status = Status.ACTUAL
    period: str | None = None
    year: int | None = None
    base_span: Span | None = None  # where the baseline is written (normalised offsets)
    extra: dict[str, str] = field(default_factory=dict)


class _Linker:
    def __init__(self, doc: Document, norm: NormText, seg: Segmenter) -> None:
        self.doc = doc
        self.norm = norm
        self.t = norm.text
        self.seg = seg
        self.cues: Cues = load_cues()
        self.p: Patterns = patterns()
        self.action = set(self.cues.of("action"))
        self.granted = set(self.cues.of("granted"))
        self.generic = set(self.cues.of("generic_noun"))
        self.weak = set(self.cues.of("target_weak"))
        self.scope_words = set(self.cues.of("scope"))
        self.rate_head = tuple(self.cues.of("rate_head"))
        self.secured = set(self.cues.of("secured"))
        self.stative = set(self.cues.of("stative"))
        self.measure_nouns = frozenset(self.cues.of("measure_noun"))
        self.doc_year = doc.date.year if doc.date else None
        self.doc_month = doc.date.month if doc.date else None
        self.title_year = self._first_year(doc.title or "")
        self.now_year = self.doc_year if self.doc_year is not None else self.title_year
        if self.now_year is None:  # no date, no title: 关于一九五八年度国民经济计划的报告
            self.now_year = self._opening_year()
        self.is_plan = bool(doc.title and _PLAN_TITLE.search(doc.title))
        self.plan_base = self.doc_year if self.doc_year is not None else self.title_year
        self.plan_end: int | None = None
        if self.is_plan and doc.title:
            om = _PLAN_ORDINAL.search(doc.title)
            pm = _PLAN_NO.search(doc.title)
            if om:
                self.plan_end = _plan_end(om.group("n") + "五")
            elif pm:
                self.plan_end = _plan_end(pm.group("n"))
        if self.is_plan and self.plan_base is None:
            self._plan_span()
        self.title_period: str | None = None
        if doc.title and not self.is_plan:  # a plan's title names its start year, not a scope
            tm = _TITLE_YEAR.search(doc.title)
            if tm:
                self.title_period = tm.group(0)
        self.lead_period: str | None = None
        if doc.sentences:
            first = doc.sentences[0]
            fs, fe = self.n(first.span)
            lm = patterns().period.match(self.t, fs, fe)
            if (
                lm
                and lm.start("period") == fs
                and _COMMA_NEXT.match(self.t[lm.end() : lm.end() + 2])
            ):
                self.lead_period = self.orig(*lm.span("period"))
        self.places = self._place_variants(doc.place)
        self._para_first: dict[int, Sentence] = {}
        for s in doc.sentences:
            self._para_first.setdefault(s.paragraph, s)
        self._sent_by_para: dict[int, list[Sentence]] = {}
        for s in doc.sentences:
            self._sent_by_para.setdefault(s.paragraph, []).append(s)
        # per-document memos (one jieba cut per distinct string, one period scan per
        # sentence, one heading lookup per sentence)
        self._cuts: dict[str, list[str]] = {}
        self._periods: dict[Span, list[Span]] = {}
        self._scope: dict[tuple[int, int, int], str | None] = {}
        self._heads: dict[int, list[str]] = {}
        self._sec_ends = [sec.span[1] for sec in doc.sections]
        self._leads: dict[tuple[int, bool], str | None] = {}
        self._leads_built = False
        self._lead_before: dict[int, str | None] = {}  # sentence start → lead in its paragraph
        self._section_lead_before: dict[int, str | None] = {}  # paragraph → its section's lead
        self._outer: dict[int, str | None] = {}  # section → out-of-order outer heading
        self._plan: dict[int | None, bool] = {}  # section → plan part?
        self._list_leads: dict[int, Sentence] | None = None  # item paragraph → its colon lead
        self._prev_drafts: list[_Draft] = []  # the previous sentence's claims (a 按X分 whole)

    # -- small utilities ---------------------------------------------------------
    def cut(self, text: str) -> list[str]:
        """The segmenter's words of ``text``, cut once per document (do not mutate)."""
        words = self._cuts.get(text)
        if words is None:
            words = self._cuts[text] = self.seg.cut(text)
        return words

    def n(self, span: Span) -> Span:
        return self.norm.from_orig(*span)

    def orig(self, s: int, e: int) -> str:
        os_, oe = self.norm.to_orig(s, e)
        return self.doc.text[os_:oe]

    def _opening_year(self) -> int | None:
        """The latest ``YEAR年度`` written in the document's opening (before its first heading,
        at most ``_OPENING_MAX`` characters): the year an undated report is about
        (``关于一九五八年度国民经济计划（草案）的报告``)."""
        end = self.doc.sections[0].span[0] if self.doc.sections else len(self.doc.text)
        ns, ne = self.norm.from_orig(0, min(end, _OPENING_MAX))
        years = [_cn_year(m.group("y")) for m in _FISCAL_YEAR.finditer(self.t, ns, ne)]
        found = [y for y in years if y is not None]
        return max(found) if found else None

    def _plan_span(self) -> None:
        """An undated plan without a year in its title: its base year (the year before the
        plan's first) is read from the span of years in its opening (``1981一1985`` under
        ``第六个五年计划``), else from the plan's end year (a five-year plan starts four years
        before it ends); figures for the base year or earlier are actual, later ones targets."""
        end = self.doc.sections[0].span[0] if self.doc.sections else len(self.doc.text)
        ns, ne = self.norm.from_orig(0, min(end, _OPENING_MAX))
        for m in _PLAN_YEARS.finditer(self.t, ns, ne):
            a, b = _cn_year(m.group("a")), _cn_year(m.group("b"))
            if a is not None and b is not None and 0 < b - a <= 15:
                self.plan_base = a - 1
                if self.plan_end is None:
                    self.plan_end = b
                return
        if self.plan_end is not None:
            self.plan_base = self.plan_end - 5

    @staticmethod
    def _first_year(text: str) -> int | None:
        m = _YEAR_IN.search(text)
        return _cn_year(m.group("y")) if m else None

    @staticmethod
    def _place_variants(place: str | None) -> list[str]:
        if not place:
            return []
        out = {place}
        for i in range(1, len(place) - 1):
            tail = place[i:]
            if len(tail) >= 2 and _ADMIN_TAIL.search(tail):
                out.add(tail)
        stem = _ADMIN_SUFFIX.sub("", place
        )
        if len(stem) >= 2:
            out.add(stem)
        return sorted(out, key=len, reverse=True)

    # -- indicator phrase cleaning -------------------------------------------------
    def clean(self, phrase: str) -> tuple[str, str | None, str | None]:
        """Strip scope, period, place, verbs and measure words: (indicator, scope-of, verb)."""
        s = _PAREN.sub("", phrase.strip())
        s = _PAREN_TAIL.sub("", s)  # the tail of a parenthesis opened before
        s = _THRESHOLD_HEAD.sub("", s, count=1)  # 500万元以上的规模企业 → 规模企业
        s = self.p.period.sub("", s)
        scope_of: str | None = None
        verb: str | None = None
        surfaces = taxonomy_surfaces()
        for _ in range(8):
            before = s
            hm = self.p.strip_head.match(s)
            if hm and hm.end() > 0 and self.boundary(s, hm.end()):
                s = s[hm.end() :]
            m = self.p.period.match(s)
            if m and m.start() == 0 and m.end() > 0:
                s = s[m.end() :]
            for pl in self.places:
                if s.startswith(pl) and len(s) > len(pl) and self.boundary(s, len(pl)):
                    s = s[len(pl) :]
                    break
            pm = self.p.province_head.match(s) if len(s) > 3 else None
            if pm and pm.end() > 0 and self.boundary(s, pm.end()):
                s = s[pm.end() :]
            am = self.p.action_head.match(s)
            if am and am.end() > 0 and s not in surfaces and self.boundary(s, am.end()):
                verb = am.group(0).strip("并和及、") or verb  # 接待游客 is a name: kept
                s = s[am.end() :]
            tm = self.p.strip_tail.search(s)
            if tm and tm.start() > 0:
                s = s[: tm.start()]
            elif tm and tm.start() == 0:
                s = ""
            if s == before:
                break
        if _COMPARE_HEAD.match(s):
            return "", scope_of, verb  # 比一九五二年(的): a baseline, not a subject
        sm = _SCOPE_OF.match(s)
        if (
            sm
            and "其中" not in sm.group("scope")
            and not sm.group("scope").endswith(("其", "集", "高"))
            and self.boundary(s, sm.end("scope"))
            and self.boundary(s, sm.start("rest"))  # 专精特新中小企业: no 中 of its own
        ):
            scope_of = sm.group("scope")
            s = sm.group("rest")
        s = _INTERIOR_VERB.sub("", s)
        s = self.cut_from(s)
        em = _DENG_BEFORE.search(s)
        if em and em.start() >= 2:
            s = s[em.end() :]  # 家庭农场等农业新型经营主体 → 农业新型经营主体
        s = _TRAILING_SPAN.sub("", s) if len(s) > 4 else s  # 总产量十年(增长1.3倍) → 总产量
        s = _APPOSITION_TIERS.sub("", s)  # 市、县、乡三级现代农业示范区 → 现代农业示范区
        qm = _QUOTED_HEAD.search(s)
        if qm and qm.start() > 0:
            lead = s[: qm.start()]  # 实施“三化”改造项目 → “三化”改造项目
            if verb is None and self.p.action_any.search(lead):
                verb = next((w for w in self.cut(lead) if w in self.action), None)
            s = s[qm.start() :]
        elif qm is None and indicator_id(s) is None and len(s) > 4 and self.p.action_any.search(s):
            s, verb = self.cut_action(s, verb)
        s = _strip_unquoted(s)
        if len(s) == 1 and self.single_head(s, phrase):
            return s, scope_of, verb  # 钢增产了…, 铅将增长…: a one-character product
        if len(s) < 2 or (not _HAN.search(s) and not _LATIN_WORD.search(s)):
            return "", scope_of, verb
        return s, scope_of, verb

    def boundary(self, s: str, k: int) -> bool:
        """Is ``k`` a word boundary of ``s``?  A head word is stripped only when it is a word
        of its own (建材行业 keeps 建, 市政管网 keeps 市, 有效灌溉面积 keeps 有)."""
        if k <= 0 or k >= len(s):
            return True
        pos = 0
        for w in self.cut(s):
            pos += len(w)
            if pos >= k:
                return pos == k
        return True

    def cut_action(self, s: str, verb: str | None) -> tuple[str, str | None]:
        """An action verb inside the phrase: one followed by a measure noun is dropped
        (中省直企业完成投资 → 中省直企业投资, 码头泊位新增吞吐能力 → 码头泊位吞吐能力);
        else the phrase is cut after it (高新区支持并推动瑞普生物 → 瑞普生物); one ending the
        phrase is stripped (江河堤防加固工程开工 → 江河堤防加固工程)."""
        words = self.cut(s)  # no action word written in it: no word of its cut can be one
        pos = 0
        cut = 0
        vstart = 0
        for w in words:
            pos += len(w)
            if w in self.action and 2 <= pos < len(s) - 1:
                cut, vstart, verb = pos, pos - len(w), w
        if cut:
            rest = s[cut:]
            if vstart >= 2 and self.measure_tail(rest):
                return s[:vstart] + rest, verb
            return self.p.strip_tail.sub("", rest), verb
        last = words[-1] if words else ""
        if last in self.action and last not in self.measure_nouns and len(s) - len(last) >= 2:
            return s[: len(s) - len(last)], last
        return s, verb

    def cut_from(self, s: str) -> str:
        """A 由/从 pair opening after the subject ends it: 农民专业合作社由十年前(的) →
        农民专业合作社, 手工业生产合作社的产值由一九五二年的到一九五七年 → …的产值."""
        fm = _FROM_AFTER.search(s)
        if fm is None or fm.start() < 2 or not self.boundary(s, fm.start()):
            return s
        return s[: fm.start()]

    def measure_tail(self, s: str) -> str:
        """The longest measure noun ending ``s`` (商品房销售面积 → 销售面积), or ''."""
        for n in range(min(len(s), _MEASURE_MAX), 1, -1):
            if s[-n:] in self.measure_nouns:
                return s[-n:]
        return ""

    def single_head(self, s: str, phrase: str) -> bool:
        """A one-character indicator (钢, 铅, 糖) must be a word of its own in the phrase and
        no cue word, numeral or unit."""
        if not _HAN.match(s) or _NOT_A_HEAD.match(s):
            return False
        if any(s in self.cues.of(k) for k in _SINGLE_BLOCK_KINDS):
            return False
        return s in self.cut(phrase.strip())

    def post_noun(self, post: str) -> str | None:
        """The counted noun right after a number: 10个示范智能工厂 → 示范智能工厂."""
        m = _POST_STOP.search(post)
        text = post[: m.start()] if m else post
        if not text or not _HAN.match(text) or _NOT_A_NOUN.match(text):
            return None
        if not self.p.noun_stop_any.search(text):
            # no action/granted/weak/growth word written in it: the whole text is the noun
            # (the words of the cut join back to the text), so skip the cut
            whole = self.p.strip_tail.sub("", text) if len(text) > 2 else text
            return whole or None
        words: list[str] = self.cut(text)
        if not words:
            return None
        if words[0] in self.action or words[0] in self.weak or words[0] in self.cues.of("growth"):
            return None
        noun: list[str] = []
        rest_at = len(words)
        for i, w in enumerate(words):
            if w in self.action or w in self.granted or w in self.weak:
                rest_at = i
                break
            noun.append(w)
        head = "".join(noun)
        if head in self.generic and rest_at < len(words) and words[rest_at] in self.granted:
            obj: str = self.p.province_head.sub("", "".join(words[rest_at + 1 :]))
            if len(obj) >= 3:
                return obj
        head = self.p.strip_tail.sub("", head) if len(head) > 2 else head
        return head or None

    def post_object(self, post: str) -> str:
        """The object right after an amount an action verb governs (发行⟦6600亿元⟧长期建设国债):
        the short noun phrase up to the clause's next stop, unless it opens with a verb."""
        m = _POST_STOP.search(post)
        text = post[: m.start()] if m else post
        if not text or not _HAN.match(text):
            return ""
        words = self.cut(text)
        if words[0] in self.action or words[0] in self.weak or words[0] in self.cues.of("growth"):
            return ""
        if len(text) <= _OBJECT_MAX:
            return self.p.strip_tail.sub("", text) if len(text) > 2 else text
        return self.post_noun(post) or ""

    def modifier(self, pre: str) -> str:
        """A relative clause right before the number: 立足调规后增加的 → 调规后增加的."""
        if not pre.endswith("的"):
            return ""
        words = self.cut(pre) if self.p.action_any.search(pre) else []
        pos = 0
        cut = 0
        for w in words:
            pos += len(w)
            if w in self.action and pos < len(pre):
                cut = pos
        mod = pre[cut:]
        mod = self.p.strip_head.sub("", mod)
        return mod if len(mod) >= 3 else ""

    # -- measure -----------------------------------------------------------------------
    def analyse(self, d: _Draft, pre: str, pre_start: int) -> None:
        """Decide measure, direction, baseline and the subject text from the local pre-text."""
        q = d.item.q
        unit = q.unit
        p = self.p
        growth = self.cues.of("growth")
        subject = pre
        measure = Measure.LEVEL
        direction: Direction | None = None
        baseline: str | None = None

        def dir_of(cue: str) -> Direction | None:
            v = growth.get(cue) or self.cues.of("compare").get(cue)
            return Direction(v) if v in ("up", "down") else None

        if unit == "x":
            measure = Measure.MULTIPLE
            mm = p.multiple_of.search(pre)
            gm = p.growth_tail.search(pre)
            if "翻" in q.text or "翻" in pre[-3:]:
                subject = _DOUBLING_TAIL.sub("", pre)
            elif mm:
                baseline = mm.group("base").strip()
                subject = pre[: mm.start()]
            elif gm:
                direction = dir_of(gm.group("cue")) or Direction.UP
                subject = pre[: gm.start()]
        elif unit == "pp":
            cm = p.compare.match(pre)
            gm = p.growth_tail.search(pre)
            if p.contribution.search(pre):
                measure = Measure.GROWTH
                direction = Direction.DOWN if _DRAG.search(pre) else Direction.UP
                subject = _VERB_TAIL.sub("", pre)
                d.extra["keep_measure_words"] = "1"
            else:
                measure = Measure.DIFFERENCE
                if cm:
                    baseline = cm.group("base").strip() or None
                    subject = cm.group("left")
                    rest = cm.group("rest")
                    rm = p.growth_tail.search(rest) if rest else None
                    direction = dir_of(rm.group("cue")) if rm else None
                    direction = direction or dir_of(cm.group("cmp"))
                elif gm:
                    direction = dir_of(gm.group("cue"))
                    subject = pre[: gm.start()]
                if direction is not None and p.invert_any.search(subject + pre):
                    cue_txt = (gm.group("cue") if gm else "") or ""
                    if cue_txt in ("收窄", "缩小", "回落", "下降", "减少", "降低"):
                        direction = Direction.UP
                if direction is None:
                    direction = Direction.UP
        elif unit in PERCENT_UNITS:
            cpm = p.completion.search(pre)
            som = p.share_of.match(pre)
            swm = p.share_word.match(pre)
            cm = p.compare.match(pre)
            gm = p.growth_tail.search(pre)
            lm = p.level_tail.search(pre)
            if cpm:
                measure = Measure.COMPLETION
                baseline = cpm.group("base").strip()
                subject = pre[: cpm.start()]
            elif som:
                measure = Measure.SHARE
                baseline = som.group("base").strip()
                subject = som.group("left")
            elif swm:
                measure = Measure.SHARE
                word = swm.group("word")
                left = swm.group("left")
                default = self.cues.of("share").get(word) or None
                om = _TOWARD.search(left)
                im = _SHARE_OF_IN.search(left)
                if om:
                    baseline = om.group("b")
                    left = left[: om.start()]
                elif im and im.start() >= 2:  # A、B增加值占地区生产总值比重分别…
                    baseline = im.group("b")
                    left = left[: im.start()]
                elif default:
                    baseline = default
                lc = self.clean(left)[0] if left.strip() else ""
                stripped = self.p.strip_head.sub("", left.strip())
                if left.strip() and (
                    left.strip() in self.scope_words or left.strip() in self.places
                ):
                    baseline = baseline or left.strip()
                    subject = ""
                elif not stripped and left.strip():
                    baseline = baseline or left.strip()
                    subject = ""
                else:
                    subject = left if lc else ""
            elif (
                cm
                and not p.growth_any.search(cm.group("rest") or "")
                and cm.group("cmp") in self.cues.of("compare")
                and self.cues.of("compare")[cm.group("cmp")]
            ):
                measure = Measure.DIFFERENCE
                baseline = cm.group("base").strip()
                subject = cm.group("left")
                direction = dir_of(cm.group("cmp"))
            elif gm and not lm:
                measure = Measure.GROWTH
                direction = dir_of(gm.group("cue"))
                subject = pre[: gm.start()]
                if cm and cm.end("left") <= gm.start():
                    subject = cm.group("left")
            elif q.negative and not lm:
                measure = Measure.GROWTH  # a literal minus: 增速-1.5% → growth down
                direction = Direction.UP
            elif _STRUCTURE.search(pre) and q.unit_text in ("", "："):
                measure = Measure.SHARE  # 三次产业结构为3.9：59.5：36.6
                d.extra["structure"] = "1"
            else:
                measure = Measure.RATE
                sent_start = self.n(d.sentence.span)[0]
                sm = _SHARE_IN.search(self.t, max(sent_start, d.item.s - 60), d.item.s)
                if sm and sm.start() >= sent_start:
                    measure = Measure.SHARE
                    baseline = sm.group("base")
                    subject = _CLAUSE_SEP.split(self.t[sent_start : sm.start()])[-1]
                elif _SHARE_WORD.search(self.t[sent_start : d.item.s]):
                    measure = Measure.SHARE
                    subject = ""
        elif unit in DURATION_UNITS or unit == "index":
            measure = Measure.LEVEL
        else:
            lm = p.level_tail.search(pre)
            cm = p.compare.match(pre)
            gm = p.growth_tail.search(pre)
            if lm:
                measure = Measure.LEVEL
            elif cm and cm.group("rest") and p.growth_tail.search(cm.group("rest")):
                measure = Measure.DIFFERENCE
                baseline = cm.group("base").strip()
                subject = cm.group("left")
                rm = p.growth_tail.search(cm.group("rest"))
                direction = dir_of(rm.group("cue")) if rm else None
                direction = direction or Direction.UP
            elif gm and gm.group("cue") not in ("增", "扩大", "加快", "提升"):
                measure = Measure.DIFFERENCE
                direction = dir_of(gm.group("cue"))
                subject = pre[: gm.start()]

        if q.negative and measure in (Measure.GROWTH, Measure.DIFFERENCE):
            direction = Direction.DOWN if direction != Direction.DOWN else Direction.UP
        if measure not in (Measure.GROWTH, Measure.DIFFERENCE) and not (
            measure == Measure.MULTIPLE and direction is not None
        ):
            direction = None
        if measure == Measure.MULTIPLE and baseline:
            direction = None
        d.measure = measure
        d.direction = direction
        d.baseline = self._clean_baseline(baseline) if baseline else None
        if baseline:  # a year inside the baseline is not the claim's period
            k = pre.rfind(baseline)
            if k >= 0:
                d.base_span = (pre_start + k, pre_start + k + len(baseline))
                d.baseline = self._clean_baseline(self.orig(*d.base_span))  # as written
        d.subject_raw = subject
        if "分别" in pre:
            d.respectively = True

    def _clean_baseline(self, base: str) -> str | None:
        b = base.strip(" 、,，的")
        b = _BASE_HEAD.sub("", b)
        b = _BASE_TAIL.sub(lambda m: m.group(0) if "水平" in m.group(0) else "",
            b,
        )
        b = _BASE_RATE.sub("", b)
        return b or None

    # -- status ------------------------------------------------------------------------
    def in_plan_section(self, sent: Sentence) -> bool:
        """A forward-looking part: a heading with a plan word (任务, 重点工作, 安排 …) or naming
        the document's year or a later one (``（二）争取一九五八年国民经济的新跃进``), and no
        review word."""
        if sent.section in self._plan:
            return self._plan[sent.section]
        mode = self.heading_mode(self.heading_text(sent))
        if mode is None and sent.section is not None:
            level = self.doc.sections[sent.section].level
            for k in range(sent.section - 1, -1, -1):  # else the previous sibling's
                sec = self.doc.sections[k]
                if sec.level < level:
                    break
                if sec.level == level:
                    mode = self.heading_mode(sec.text)
                    break
        self._plan[sent.section] = mode == "plan"
        return mode == "plan"

    def heading_mode(self, text: str) -> str | None:
        if not text:
            return None
        if self.p.review_heading.search(text):
            return "review"
        if self.p.plan_heading.search(text):
            return "plan"
        years = [_cn_year(m.group("y")) for m in _YEAR_IN.finditer(text.translate(_FULLWIDTH_DIGITS))]
        now = self.now_year
        if now is not None and any(y is not None and y >= now for y in years):
            return "plan"
        return None

    def in_review_section(self, sent: Sentence) -> bool:
        """A heading with a review word (回顾, 成绩 …) scopes the sentence."""
        text = self.heading_text(sent)
        return bool(text) and bool(self.p.review_heading.search(text))

    def heading_text(self, sent: Sentence) -> str:
        return "".join(self.headings(sent)) + (self.outer_heading(sent) or "")

    def headings(self, sent: Sentence) -> list[str]:
        """Heading texts scoping a sentence, innermost first (memoised per sentence)."""
        start = sent.span[0]
        out = self._heads.get(start)
        if out is None:
            out = self._heads[start] = self._headings(start)
        return out

    def _headings(self, start: int) -> list[str]:
        out: list[str] = []
        last_level = 10**6
        sections = self.doc.sections
        # sections ending after ``start`` cannot scope it: start at the last one before it
        k = bisect.bisect_right(self._sec_ends, start)
        for sec in reversed(sections[:k]):
            if sec.span[1] <= start < sec.body[1] and sec.level < last_level:
                out.append(sec.text)
                last_level = sec.level
                if sec.level == 1:
                    break
        return out

    def status(self, d: _Draft, sent_n: Span, clause_n: Span) -> Status:
        s = d.item.s
        sent_pre = self.t[sent_n[0] : s]
        sent_pre = _COMPLETION_SPAN.sub(lambda m: "□" * len(m.group(0)), sent_pre)
        clause_pre = self.t[clause_n[0] : s]
        clause_pre = _COMPLETION_SPAN.sub(lambda m: "□" * len(m.group(0)), clause_pre)
        for em in self.p.estimate.finditer(sent_pre):
            if sent_pre[em.end() : em.end() + 1] != "数":  # 比一九五七年的预计数: a baseline
                return Status.ESTIMATE
        first = self._para_first.get(d.sentence.paragraph)
        if first is not None and self._estimate_lead(first):
            return Status.ESTIMATE  # a paragraph opening 根据预计，…: its figures are estimates
        if self.is_plan and self.plan_base is not None and d.year is not None:
            if d.year <= self.plan_base:
                return Status.ACTUAL
        review = self.in_review_section(d.sentence)
        for m in self.p.target.finditer(sent_pre):
            cue = m.group(0)
            if review and cue in self.secured:  # 争取项目用地指标…: obtained, in a review
                continue
            if sent_pre[m.end() : m.end() + 1] == "了":  # 确保了: done
                continue
            if cue in ("目标", "计划", "规划", "预期") and _DONE_TARGET.search(
                sent_pre[: m.start()]
            ):
                continue
            if cue in ("计划", "规划") and _PLAN_NOUN_NEXT.match(sent_pre[m.end() : m.end() + 1] or "x"
            ):
                continue
            if (
                cue == "目标"
                and _TASK_WORD.match(sent_pre[m.end() : m.end() + 2])
                and _DONE.search(sent_pre)
            ):
                continue
            if cue == "计划" and _PLAN_NO_BEFORE.search(sent_pre[: m.start()]):
                continue
            return Status.TARGET
        if self.p.soon_action.search(clause_pre):
            return Status.TARGET
        first = self._para_first.get(d.sentence.paragraph)
        if first is not None:
            lead = self.t[slice(*self.n(first.span))]
            tp = _TARGET_PARAGRAPH.search(lead)
            if tp is not None and not _DONE_TARGET.search(lead[: tp.start()]):
                return Status.TARGET
        head = self.list_lead(d.sentence)
        if head is not None:  # …主要预期目标为：⏎国内生产总值增长13.5%；: an item of the list
            lead = self.t[slice(*self.n(head.span))]
            tp = _TARGET_PARAGRAPH.search(lead)
            if tp is not None and not _DONE_TARGET.search(lead[: tp.start()]):
                return Status.TARGET
        if (self.in_plan_section(d.sentence) or self.is_plan) and self.p.weak_any.search(
            clause_pre
        ):  # only a written target_weak word can be a word of the cut
            pos = 0
            words = self.cut(clause_pre)
            for i, w in enumerate(words):
                pos += len(w)
                if w in self.weak:
                    between = clause_pre[pos:]
                    if "的" in between or self.p.actual_marker.search(between):
                        continue
                    rest = "".join(words[i + 1 :])
                    if self.p.actual_marker.search(rest):
                        continue
                    return Status.TARGET
        if (
            not self.is_plan
            and d.year is not None
            and self.now_year is not None
            and d.year >= self.now_year
            and (self.doc_month is None or self.doc_month <= _REPORT_MONTH_MAX)
            and self.in_plan_section(d.sentence)
            and not self.p.actual_marker.search(clause_pre)
            and not any(w in self.stative for w in self.cut(clause_pre))
        ):
            return Status.TARGET  # a work report's figure for its own year, in its plan part
        base = self.plan_base if self.is_plan else self.now_year
        future = d.year is not None and base is not None and d.year > base
        if self.is_plan and d.year is None:
            future = True  # a plan's figures without a year are its targets
        if future and not self.p.actual_marker.search(clause_pre):
            return Status.TARGET  # a figure for a year after the document's own: a plan
        return Status.ACTUAL

    def _estimate_lead(self, first: Sentence) -> bool:
        fs, fe = self.n(first.clauses[0] if first.clauses else first.span)
        lm = _ESTIMATE_LEAD.match(self.t, fs, fe)
        return lm is not None and self.p.estimate.match(self.t, lm.end(), fe) is not None

    # -- period ------------------------------------------------------------------------
    def period_in(
        self, start: int, end: int, before: int, skip: list[Span], local_from: int = -1
    ) -> tuple[str, int] | None:
        """The period nearest before ``before`` in ``[start, end)``; a per-year word written
        before ``local_from`` (the claim's clause) and a span of years opening an earlier
        ；-separated part of the sentence are passed over (they govern only their own part)."""
        part_from = self.t.rfind("；", start, before) if local_from >= 0 else -1
        part_from = max(part_from, self.t.rfind(";", start, before) if local_from >= 0 else -1)
        best: tuple[str, int] | None = None
        found = self._periods.get((start, end))
        if found is None:  # scan each sentence once, whatever the number of its claims
            found = self._periods[(start, end)] = [
                m.span("period") for m in self.p.period.finditer(self.t, start, end)
            ]
        for ps, pe in found:
            if pe > before:
                break
            if any(a < pe and ps < b for a, b in skip):
                continue
            if ps < local_from and _PER_YEAR.fullmatch(self.t, ps, pe):
                continue  # 平均每年340亿元，占财政总支出的27.9%: the share is of the total
            if ps < part_from and _YEARS_SPAN_ONLY.fullmatch(self.t, ps, pe):
                continue  # 到2007年，…；五年累计投资达到85亿元；三次产业比例调整到…: back to 2007年
            best = (self.orig(ps, pe), ps)
        return best

    def scope_period(self, sent: Sentence, depth: int = 0) -> str | None:
        """A period inherited from the sentence a 其中 continues, a paragraph lead, a heading,
        the title (an explicit year) or the document's lead sentence."""
        key = (sent.span[0], sent.span[1], depth)
        if key in self._scope:
            return self._scope[key]
        out = self._scope[key] = self._scope_period(sent, depth)
        return out

    def _scope_period(self, sent: Sentence, depth: int) -> str | None:
        ns, ne = self.n(sent.span)
        para = self._sent_by_para.get(sent.paragraph, [])
        before = [p for p in para if p.span[0] < sent.span[0]]
        if before and depth < 5 and _QIZHONG.match(self.t[ns:ne]):
            prev = before[-1]
            pn = self.n(prev.span)
            own = self.period_in(pn[0], pn[1], pn[1], [])
            if own is not None:
                return own[0]
            return self.scope_period(prev, depth + 1)
        list_head = self.list_lead(sent)
        if list_head is not None:  # 2003年…主要预期目标为：⏎国内生产总值增长13.5%；
            hp = self.opening_period(list_head, opens_paragraph=True)
            if hp is not None:
                return hp
        if not self._leads_built:
            self._build_leads()
        lead = self._lead_before.get(sent.span[0])  # the paragraph's: 2014年，/ …三年来，
        if lead is None:  # an earlier paragraph's opening 五年来，… / 过去的一年，…
            lead = self._section_lead_before.get(sent.paragraph)
        if lead is not None:
            return lead
        for head in self.headings(sent):
            m = self.p.heading_period.search(head)
            if m:
                return str(m.group("period"))
        outer = self.outer_heading_period(sent)
        if outer is not None:
            return outer
        return self.title_period or self.lead_period

    def list_lead(self, sent: Sentence) -> Sentence | None:
        """The lead of a list written one item a line: a paragraph ending in a colon
        (``2003年全县经济工作的主要预期目标为：``) heads the short one-sentence paragraphs after
        it that end in ；/，(its items), up to the first item ending in 。 or a heading."""
        if self._list_leads is None:
            self._list_leads = {}
            heads = {sec.span[0] for sec in self.doc.sections}
            lead: Sentence | None = None
            for k, para in enumerate(self.doc.paragraphs):
                sents = self._sent_by_para.get(k, [])
                ps, pe = self.n(para.span)
                body = self.t[ps:pe].rstrip()
                marked = _ITEM_MARK.match(body) is not None
                if para.span[0] in heads or len(sents) != 1:
                    lead = None
                elif lead is not None and marked and body[-1:] in _ITEM_ENDS:
                    self._list_leads[k] = lead  # 、基本建设拨款…1，700亿元，…。 (a marked item)
                    continue
                elif lead is not None and len(body) <= _LIST_ITEM_MAX and body[-1:] in _ITEM_ENDS:
                    self._list_leads[k] = lead
                    if body[-1:] not in _ITEM_MORE:
                        lead = None  # the last item
                    continue
                else:
                    lead = None
                if sents and body[-1:] in ":：":
                    lead = sents[-1]
        return self._list_leads.get(sent.paragraph)

    def _build_leads(self) -> None:
        """One pass over the sentences: the lead period in force before each sentence inside
        its paragraph, and the one an earlier paragraph's opening sets for its section."""
        para_lead: dict[int, str] = {}
        sec_lead: dict[int | None, str] = {}
        joined: dict[int, int] = {}  # a line that opens with a sentence's tail → its paragraph
        prev: Sentence | None = None
        for sent in sorted(self.doc.sentences, key=lambda x: x.span[0]):
            first = self._para_first.get(sent.paragraph) is sent
            para_text = self.doc.paragraphs[sent.paragraph]
            if (
                first
                and prev is not None
                and prev.paragraph != sent.paragraph
                and prev.span[1] > para_text.span[0]  # 今年国民⏎经济和社会发⏎展的…目标是：…。城镇…
            ):
                joined[sent.paragraph] = joined.get(prev.paragraph, prev.paragraph)
            para = joined.get(sent.paragraph, sent.paragraph)
            prev = sent
            if first:
                self._section_lead_before[sent.paragraph] = sec_lead.get(sent.section)
            self._lead_before[sent.span[0]] = para_lead.get(para)
            lead = self.opening_period(sent, opens_paragraph=first and para == sent.paragraph)
            if lead is not None:
                para_lead[para] = lead
            if first:  # in a plan, a paragraph opening with its year scopes the section
                opening = self.opening_period(sent, opens_paragraph=self.is_plan)
                if opening is not None:
                    sec_lead[sent.section] = opening
        self._leads_built = True

    def opening_period(self, sent: Sentence, *, opens_paragraph: bool) -> str | None:
        """A period opening ``sent`` that scopes the sentences after it: a first clause that
        ends in a period (``2014年，``, ``刚刚过去的2025年，``, ``实施西部大开发战略三年来，``)
        or, for the first sentence of a paragraph, a period opening it
        (``一九五七年工业投资额完成…``, ``在一九五八年的工业生产中，``)."""
        key = (sent.span[0], opens_paragraph)
        if key in self._leads:
            return self._leads[key]
        out: str | None = None
        ns, ne = self.n(sent.span)
        if sent.clauses and len(sent.clauses) > 1:
            cs, ce = self.n(sent.clauses[0])
            body_end = cs + len(self.t[cs:ce].rstrip(_CLAUSE_END))
            if 0 < body_end - cs <= _LEAD_CLAUSE_MAX:
                for m in self.p.period.finditer(self.t, cs, body_end):
                    if m.end() == body_end:
                        out = self.orig(*m.span("period"))
        if out is None and opens_paragraph:
            om = _LEAD_OPEN.match(self.t, ns, ne)
            if om is not None:
                m = self.p.period.match(self.t, om.end(), ne)
                if m is not None and m.start("period") == om.end():
                    out = self.orig(*m.span("period"))
        self._leads[key] = out
        return out

    def outer_heading_period(self, sent: Sentence) -> str | None:
        outer = self.outer_heading(sent)
        m = self.p.heading_period.search(outer) if outer else None
        return str(m.group("period")) if m else None

    def outer_heading(self, sent: Sentence) -> str | None:
        """A heading that scopes ``sent`` although segmentation gave it a deeper level than
        the headings under it (``（三）一九五八年…的安排`` over ``第二、关于工业生产``): the
        nearest earlier heading of a deeper level directly followed by a higher one."""
        if sent.section is None:
            return None
        if sent.section not in self._outer:
            self._outer[sent.section] = self._outer_heading(sent.section)
        return self._outer[sent.section]

    def _outer_heading(self, section: int) -> str | None:
        secs = self.doc.sections
        level = secs[section].level
        for k in range(section - 1, -1, -1):
            sec = secs[k]
            if sec.level < level:
                return None
            if sec.level > level and k + 1 < len(secs) and secs[k + 1].level < sec.level:
                return sec.text
        return None

    def resolve_year(self, period: str | None, scope_year: int | None) -> int | None:
        if not period:
            return None
        period = period.translate(_FULLWIDTH_DIGITS)  # periods are cut from the original text
        if period.endswith("以来"):  # 2010年以来: up to now
            return self.now_year
        years = [_cn_year(m.group("y")) for m in _YEAR_IN.finditer(period)]
        years_i = [y for y in years if y is not None]
        if years_i:
            return years_i[-1]
        pm = _PLAN_NO.search(period)
        if pm and _PLAN_SPAN_WORD.search(period):
            return _plan_end(pm.group("n"))
        now = self.now_year
        if _THIS_YEAR.search(period) and now is not None:  # undated: the scope's year, below
            return now
        if _LAST_YEAR.search(period):
            return now - 1 if now is not None else None
        if "明年" in period:
            return now + 1 if now is not None else None
        if "前年" in period:
            return now - 2 if now is not None else None
        if _LOOKBACK.search(period):
            if now is not None and self.doc_month is not None and self.doc_month <= 4:
                return now - 1
            return now
        if _FORWARD.search(period):
            return now + 4 if now is not None else None
        if self.plan_end is not None and _PLAN_SPAN.search(period):
            return self.plan_end
        if scope_year is not None:
            return scope_year
        if self.title_year is not None:
            return self.title_year
        return self.doc_year if self.doc_year is not None else self.now_year

    def scope_year(self, sent: Sentence) -> int | None:
        sp = self.scope_period(sent)
        if sp:
            y = self.resolve_year(sp, None)
            if y is not None:
                return y
        return None

    # -- per sentence ----------------------------------------------------------------
    def link_sentence(self, sent: Sentence, items: list[_Item]) -> list[_Draft]:
        sn = self.n(sent.span)
        clauses = [self.n(c) for c in sent.clauses] or [sn]
        drafts: list[_Draft] = []
        qspans = [(it.s, it.e) for it in items]
        prev_in_clause: dict[int, int] = {}
        for it in items:
            ci = next((i for i, (a, b) in enumerate(clauses) if a <= it.s < b), len(clauses) - 1)
            cs, ce = clauses[ci]
            seg_start = max(cs, prev_in_clause.get(ci, cs))
            pre = self.t[seg_start : it.s]
            post = self.t[it.e : ce]
            if self.skip(it, pre, post):
                continue
            prev_in_clause[ci] = it.e
            d = _Draft(item=it, sentence=sent, clause=ci)
            bare = self.p.period.sub("", pre)
            between = self.t[drafts[-1].item.e : it.s] if drafts else ""
            d.continues = bool(drafts) and (
                (drafts[-1].clause == ci and bool(_CONNECTOR.match(bare)))
                or (len(between) <= 2 and bool(_CONNECTOR.match(between)))  # 3.9：59.5：36.6
                or (  # 占…的27.9%，比“五五”时期的⟦38.1%⟧: the same measure in the base period
                    _COMPARE_HEAD.match(pre.strip()) is not None
                    and _YEAR_OF_VALUE.search(pre) is not None
                    and drafts[-1].item.q.unit == it.q.unit
                )
            )
            self.analyse(d, pre, seg_start)
            if d.measure == Measure.DIFFERENCE and d.baseline is None:
                self.clause_baseline(d, clauses)
            d.extra["pre"] = pre
            d.extra["post"] = post
            drafts.append(d)
        self.indicators(drafts, clauses, sn)
        sy = self.scope_year(sent) if drafts else None  # the sentence's: once for all its claims
        for d in drafts:
            skip = [*qspans, d.base_span] if d.base_span else qspans
            own = self.period_in(sn[0], sn[1], d.item.s, skip, clauses[d.clause][0])
            pair = self.pair_period(d, drafts, sent)
            own_year = _YEAR_OF_VALUE.search(d.extra.get("pre", ""))
            if pair is not None:
                d.period = pair
            elif own_year is not None:  # 比1952年的⟦827.1亿元⟧: the level of that year
                ys = d.item.s - len(own_year.group(0))
                d.period = self.orig(ys, ys + len(own_year.group("y")))
            elif own is not None:
                d.period = own[0]
            else:
                d.period = self.scope_period(sent)
            d.year = self.resolve_year(d.period, sy) if d.period else None
            if d.period and _PLAN_SPAN.fullmatch(d.period.strip()):
                span = self.years_pair(sent, d.item.s)  # 2002年与1998年相比，…年均增长11.4%
                if span is not None:
                    d.year = _cn_year(span.group("b").strip().rstrip("年").strip())
            ci = d.clause
            d.status = self.status(d, sn, clauses[ci])
        return drafts

    def clause_baseline(self, d: _Draft, clauses: list[Span]) -> None:
        """A comparison standing as a clause of its own before the claim scopes the changes
        after it: ``比上一年，原煤增产了⟦1826万吨⟧`` → baseline 上一年."""
        for ci in range(d.clause - 1, -1, -1):
            cs, ce = clauses[ci]
            m = _COMPARE_CLAUSE.match(self.t, cs, ce)
            if m is not None:
                d.baseline = self._clean_baseline(self.orig(*m.span("b")))
                d.base_span = m.span("b")
                return

    def pair_period(self, d: _Draft, drafts: list[_Draft], sent: Sentence) -> str | None:
        """The year of an end of a ``由A增加到B`` pair written without years: A takes the
        from-year and B the to-year of the latest pair of the paragraph written with them
        (``由1997年的7.4万亿元增加到2002年的10.2万亿元``)."""
        pre = d.extra.get("pre", "")
        role = ""
        if _PAIR_FROM.search(pre):
            role = "a"
        else:
            k = drafts.index(d)
            if k > 0 and drafts[k - 1].extra.get("pair") == "a" and _PAIR_TO.match(pre):
                role = "b"
        if not role:
            return None
        d.extra["pair"] = role
        last = self.years_pair(sent, d.item.s)
        if last is None:
            return None
        return self.orig(*last.span(role))

    def years_pair(self, sent: Sentence, pos: int) -> regex.Match[str] | None:
        """The latest pair of years written in the paragraph before ``pos``: a pair with its
        years (``由1997年的…增加到2002年的…``) or a comparison lead (``2002年与1998年相比，``);
        group ``a`` is the from-year, ``b`` the to-year."""
        ps = self.n(self.doc.paragraphs[sent.paragraph].span)[0]
        lo = max(ps, pos - _PAIR_REACH)
        last: regex.Match[str] | None = None
        for pat in (_PAIR_YEARS, _COMPARE_YEARS):
            for m in pat.finditer(self.t, lo, pos):
                if last is None or m.start() > last.start():
                    last = m
        return last

    def skip(self, it: _Item, pre: str, post: str) -> bool:
        q = it.q
        if q.unit in DURATION_UNITS:
            if _PERIOD_DURATION.match(post) or _PERIOD_DURATION_BEFORE.search(pre):
                return True
        return False

    def indicators(self, drafts: list[_Draft], clauses: list[Span], sn: Span) -> None:
        scope_base: str | None = None
        last_share_base: str | None = None
        i = 0
        prev_group: list[_Draft] = []
        while i < len(drafts):
            head = drafts[i]
            group = [head]
            j = i + 1
            while j < len(drafts) and drafts[j].continues:
                group.append(drafts[j])
                j += 1
            raw = head.subject_raw
            name, scope_of, verb = self.clean(raw)
            if head.extra.get("keep_measure_words"):
                name = self.p.strip_head.sub("", raw).strip(" ,，")
            if scope_of:
                scope_base = scope_of
            head.fallback = verb
            # counted noun after the number
            if head.item.q.unit == "count" or (
                head.item.q.unit not in PERCENT_UNITS | {"pp", "x"}
                and head.extra["pre"].endswith("的")
                and not _YEAR_OF_VALUE.search(head.extra["pre"])  # 由一九五二年的⟦…⟧: a level
            ):
                pn = self.post_noun(head.extra["post"])
                if pn:
                    mod = self.modifier(head.extra["pre"])
                    name = mod + pn if mod else pn
            gm_obj = self.p.granted_obj.match(head.extra["post"])
            if gm_obj:
                obj = self.p.province_head.sub("", gm_obj.group("obj")).strip()
                if len(obj) >= 2:
                    name = obj
            if head.extra.get("structure") and len(group) > 1:
                base = self.clean(
                    self.p.strip_tail.sub("", _STRUCT_TAIL.sub("", raw))
                )[0]
                if base.startswith("三次产业") and len(group) == 3:
                    parts3: list[str | None] = ["第一产业", "第二产业", "第三产业"]
                else:
                    split = [x for x in _LIST_SPLIT.split(base) if x]
                    parts3 = (
                        list(split) if len(split) == len(group) else [base or None] * len(group)
                    )
                for g, nm2 in zip(group, parts3, strict=False):
                    g.indicator = nm2
                    g.measure, g.direction = Measure.SHARE, None
                prev_group = group
                i = j
                continue
            if name and head.item.q.unit not in PERCENT_UNITS | {"pp", "x", "count"}:
                name = self.whole_of(head, name, drafts[:i])
            elif not name and verb is not None and head.item.q.unit not in PERCENT_UNITS:
                name = self.post_object(head.extra["post"])  # 拟发行⟦1400亿元⟧长期建设国债
            names: list[str | None] = []
            pair = len(group) == 2 and bool(_PAIR_TO.match(group[1].extra["pre"]))
            if len(group) > 1 and name and not pair:  # 由A增加到B is one thing's two values
                parts = self.list_parts(name)
                if head.respectively and len(parts) == len(group):
                    names = list(parts)
                elif name.startswith("城乡") and len(group) == 2:
                    rest = name[2:]
                    names = ["城镇" + rest, "农村" + rest]
            if not names:
                if not name and head.respectively:
                    names = self.respective(drafts[:i], prev_group, len(group))
                if not names:
                    if not name:
                        name = self.inherit(drafts[:i], head, clauses)
                        if head.respectively and len(group) > 1 and name:
                            parts = self.list_parts(name)  # 木材和水泥的产量，也将分别…
                            names = list(parts) if len(parts) == len(group) else []
                if not names:
                    for k, g in enumerate(group):
                        pn = (
                            self.post_noun(g.extra["post"])
                            if k > 0 and g.item.q.unit == "count"
                            else None
                        )
                        names.append(pn or name or None)
            for g, nm in zip(group, names, strict=False):
                g.indicator = nm or None
                if k_is_share(g) and g.baseline is None:
                    g.baseline = last_share_base or scope_base
                if g.measure in (Measure.SHARE,) and g.baseline:
                    last_share_base = g.baseline
                if g is not head:
                    g.measure, g.direction = head.measure, head.direction
                    if g.baseline is None:
                        g.baseline = head.baseline
                    if g.item.q.negative and g.measure in (Measure.GROWTH, Measure.DIFFERENCE):
                        g.direction = Direction.DOWN
            for g in group:
                if g.measure == Measure.MULTIPLE and g.baseline is None and g.direction is not None:
                    prior = [
                        x for x in drafts[:i] if x.measure in (Measure.DIFFERENCE, Measure.MULTIPLE)
                    ]
                    if prior and prior[-1].baseline and _YEAR_IN.search(prior[-1].baseline):
                        g.baseline = prior[-1].baseline  # 比2005年增加…，十年增长1.3倍
            if not any(g.indicator for g in group) and head.fallback:
                for g in group:
                    g.indicator = head.fallback
            prev_group = group
            i = j

    def list_parts(self, name: str) -> list[str]:
        """The items of a listed subject, a shared measure noun given to each:
        ``文化及相关产业、旅游及相关产业增加值`` → both …增加值 (split on 、 when written, else
        on 和/及/与)."""
        splitter = _LIST_ENUM if "、" in name else _LIST_SPLIT
        parts = [x for x in splitter.split(name) if x]
        if len(parts) > 1:
            tail = self.measure_tail(parts[-1])
            if tail and len(parts[-1]) > len(tail) and not any(self.measure_tail(x) for x in parts[:-1]):
                parts = [x + tail for x in parts[:-1]] + [parts[-1]]
        return parts

    def respective(self, before: list[_Draft], prev_group: list[_Draft], n: int) -> list[str | None]:
        """``分别增长a和b`` without a subject: the previous list's indicators, else those of the
        last n claims before it, each standing alone (``氮肥…，磷肥…，分别比上一年增长…``)."""
        if prev_group and len(prev_group) == n:
            return [g.indicator for g in prev_group]
        last = before[-n:] if len(before) >= n else []
        found = [d.indicator for d in last if not d.continues]
        if len(found) == n and all(found) and len(set(found)) == n:
            return list(found)
        return []

    def whole_of(self, head: _Draft, name: str, before: list[_Draft]) -> str:
        """A part takes the measure noun of the whole it breaks down, and a bare measure noun
        the thing of the figure before it: ``商品房销售面积…，其中住宅⟦…⟧`` → 住宅销售面积;
        ``按地域分，城镇实现⟦…⟧`` → 城镇零售总额; ``植树造林15.8万亩，实现产值⟦…⟧`` →
        植树造林产值."""
        unit = head.item.q.unit
        if name in self.measure_nouns:
            prev = next((d for d in reversed(before) if d.indicator), None)
            if prev is not None and prev.clause != head.clause - 1:
                prev = None  # only the clause right before: 植树造林15.8万亩，实现产值⟦…⟧
            if prev is not None and prev.indicator:
                thing = prev.indicator[: len(prev.indicator) - len(self.measure_tail(prev.indicator))]
                if len(thing) >= 2 and not thing.endswith(name):
                    return thing + name
            return name
        if self.measure_tail(name) or name in taxonomy_surfaces():
            return name
        ss = self.n(head.sentence.span)[0]
        in_sentence = bool(_PART_LEAD.match(head.subject_raw)) or bool(
            _PART_LEAD.match(self.t, self.n(head.sentence.clauses[head.clause])[0])
            if head.sentence.clauses
            else False
        )
        if in_sentence:
            whole = next((d for d in reversed(before) if d.item.q.unit == unit and d.indicator), None)
        elif _PART_LEAD.match(self.t, ss) and not before:
            whole = next((d for d in self._prev_drafts if d.item.q.unit == unit and d.indicator), None)
        else:
            return name
        if whole is None or not whole.indicator:
            return name
        tail = self.measure_tail(whole.indicator)
        return name + tail if tail else name

    def inherit(self, before: list[_Draft], head: _Draft, clauses: list[Span]) -> str:
        first_ci = before[-1].clause + 1 if before else 0
        if before and first_ci < head.clause:  # 糖的产量，比上一年增加⟦…⟧: a new topic clause
            cs, ce = clauses[head.clause - 1]
            topic, _, verb = self.clean(self.t[cs:ce].rstrip(" ,，;；:："))
            if topic and verb is None and self.measure_tail(topic) and len(topic) <= _TOPIC_MAX:
                if not _TOPIC_NUMBER.search(topic):
                    return topic
        if before:
            for b in reversed(before):
                if b.indicator:
                    return b.indicator
        for ci in range(head.clause - 1, first_ci - 1, -1):
            cs, ce = clauses[ci]
            text = self.t[cs:ce].rstrip(" ,，;；:：")
            if ci == head.clause - 1:  # no claim in it: it would be in ``before``
                topic, _, verb = self.clean(text)  # 一九五八年的基本建设总投资额，拟定为⟦…⟧
                if (
                    topic
                    and (ci == 0 or self.measure_tail(topic))  # 例如，棉纱的产量，比上一年…
                    and verb is None
                    and len(topic) <= _TOPIC_MAX
                    and not _TOPIC_NUMBER.search(topic)  # 生产总值居全省第3位: not a name
                ):
                    return topic
            gm = self.p.growth_tail.search(text)
            if gm:
                name = self.clean(text[: gm.start()])[0]
                if name:
                    return name
            known = self._known_indicator(text)
            if known:
                return known
        return ""

    def _known_indicator(self, text: str) -> str | None:
        """The longest taxonomy surface written in a clause (生产总值居全省第3位 → 生产总值)."""
        best: tuple[int, int] | None = None
        for surface in taxonomy_surfaces():
            if len(surface) >= 3 or surface.isascii():
                k = text.find(surface)
                if k >= 0 and (best is None or len(surface) > best[1] - best[0]):
                    best = (k, k + len(surface))
        if best is None:
            return None
        return text[best[0] : best[1]]

    # -- document ------------------------------------------------------------------------
    def run(self, quantities: list[Quantity]) -> tuple[list[Claim], list[Warning]]:
        sents = sorted(self.doc.sentences, key=lambda s: s.span[0])
        starts = [s.span[0] for s in sents]
        by_sent: dict[int, list[_Item]] = {}
        for q in sorted(quantities, key=lambda q: q.span):
            k = bisect.bisect_right(starts, q.span[0]) - 1
            if k < 0 or not (sents[k].span[0] <= q.span[0] and q.span[1] <= sents[k].span[1]):
                continue
            ns, ne = self.n(q.span)
            by_sent.setdefault(k, []).append(_Item(q=q, s=ns, e=ne))
        claims: list[Claim] = []
        warnings: list[Warning] = []
        for k in sorted(by_sent):
            try:
                drafts = self.link_sentence(sents[k], by_sent[k])
            except Exception as exc:  # never raise on text: keep the bare quantities, warn
                warnings.append(
                    Warning(
                        code=WarningCode.CLAIM_LINK_FAILED.value,
                        message=f"could not link the quantities of this sentence: {exc!r}",
                        span=sents[k].span,
                    )
                )
                drafts = [_Draft(item=it, sentence=sents[k], clause=0) for it in by_sent[k]]
            for d in drafts:
                claims.append(self.to_claim(d, len(claims) + 1))
            self._prev_drafts = drafts
        return claims, warnings

    def to_claim(self, d: _Draft, n: int) -> Claim:
        q = d.item.q
        qualifier = q.qualifier
        if qualifier.value == "exact" and _BREAK_THROUGH.search(d.extra.get("pre", "")):
            from ..records import Qualifier

            qualifier = Qualifier.MORE_THAN
        indicator = d.indicator
        unit = q.unit
        if unit in ("", "number", "none") and indicator and indicator.endswith("指数"):
            unit = "index"  # 居民消费价格指数为100.7: a price index level
        return Claim(
            id=f"c{n}",
            span=q.span,
            text=q.text,
            value=Decimal(q.value),
            value_max=q.value_max,
            unit=unit,
            unit_text=q.unit_text,
            qualifier=qualifier,
            measure=d.measure,
            direction=d.direction,
            status=d.status,
            indicator=indicator,
            indicator_id=indicator_id(indicator),
            baseline=d.baseline,
            period=d.period,
            year=d.year,
            sentence=d.sentence.span,
        )


def _strip_unquoted(s: str) -> str:
    """Strip separators from both ends, and quotes only where they are unbalanced
    (“三化”改造项目 keeps its quotes; 万企” loses its stray one)."""
    s = s.strip(_UNQUOTED_STRIP)
    while s and not (s.count("“") == s.count("”") and s.count('"') % 2 == 0):
        if s[0] in "“\"":
            s = s[1:]
        elif s[-1] in "”\"":
            s = s[:-1]
        else:
            break
        s = s.strip(_UNQUOTED_STRIP)
    return s


def k_is_share(d: _Draft) -> bool:
    return d.measure == Measure.SHARE


def link_claims(
    doc: Document,
    quantities: list[Quantity],
    norm: NormText,
    segmenter: Segmenter | None = None,
) -> tuple[list[Claim], list[Warning]]:
    """Turn the quantities of a segmented document into claims.

    Quantities outside every sentence (headings, title) and durations that
    name a period (``五年来``, ``今后五年``) are dropped.
    """
    seg = segmenter if segmenter is not None else default_segmenter()
    return _Linker(doc, norm, seg).run(quantities)


__all__ = ["link_claims"]
