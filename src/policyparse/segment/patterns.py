"""Named regex pieces for segmentation (headings, sentence ends, dates, places).

Each piece is defined once and composed into the patterns below; all
patterns run on the *normalised* text (full-width ASCII already folded).
"""

from __future__ import annotations

import regex

# --- pieces -----------------------------------------------------------------
CN_DIGIT = r"[〇○零一二三四五六七八九]"
CN_SMALL = r"[〇○零一二三四五六七八九十两]"
CN_ORDINAL = r"[一二三四五六七八九十百]{1,4}"
TERMINAL = r"[。！？!?]"  # ends a sentence
CLOSERS = r"[”’」』）)\]】》〉\"']"  # may follow a terminal mark inside the sentence
CLAUSE_BREAK = r"[，,；;：:]"  # separates clauses within a sentence

# --- headings ----------------------------------------------------------------
HEADING = regex.compile(
    rf"""
    ^[ \t]*
    (?:
        (?P<bracket>【[^】\n]{{1,20}}】)                      # 【措施】 news-style section tag
      | (?P<part>第{CN_ORDINAL}[编篇部])                     # 第一编 / 第二篇
      | (?P<chapter>第(?:{CN_ORDINAL}|\d{{1,3}})章)          # 第三章
      | (?P<section>第(?:{CN_ORDINAL}|\d{{1,3}})节)          # 第二节
      | (?P<cn_list>{CN_ORDINAL}[、.])                       # 一、
      | (?P<cn_paren>[(（]{CN_ORDINAL}[)）])                 # （二）
      | (?P<num_list>\d{{1,2}}[.、](?!\d))                   # 1. or 1、 (not 1.5)
    )
    """,
    regex.VERBOSE,
)

# a heading followed on the same line by two or more spaces and more text
INLINE_HEADING = regex.compile(
    rf"""
    (?P<head>
        (?:第{CN_ORDINAL}[编篇部章节]|{CN_ORDINAL}、|[(（]{CN_ORDINAL}[)）])   # the heading marker
        [ ]*[^\s，,。；;：:！？]{{1,20}}                                   # a short title, no punctuation
    )
    [ \t]{{2,}}                                                          # the gap before the next part
    """,
    regex.VERBOSE,
)

# a bare heading line: short, with no sentence or clause punctuation (quotes allowed)
UNMARKED_HEADING = regex.compile(
    r"""
    (?=.*\p{Han})                      # some Chinese
    [^，,。；;：:！？!?()（）]{4,25}      # 4–25 characters without punctuation
    """,
    regex.VERBOSE,
)

# a line ending in a sentence mark (closers allowed): 1、完成污水处理厂配套工程。
TERMINAL_END = regex.compile(rf"{TERMINAL}{CLOSERS}*\s*$")
CLAUSE_MARK = regex.compile(CLAUSE_BREAK)  # a clause break inside a line: ，；：
FIGURE = regex.compile(r"\d")  # an Arabic figure inside a line (243亿元)

# level of each heading kind (1 = top)
HEADING_LEVEL = {
    "unmarked": 1,
    "bracket": 1,
    "part": 1,
    "chapter": 1,
    "cn_list": 1,
    "section": 2,
    "cn_paren": 2,
    "num_list": 3,
}

# --- sentences ---------------------------------------------------------------
SENTENCE_END = regex.compile(
    rf"""
    (?:{TERMINAL}+|……|…)   # one or more terminal marks, or an ellipsis
    {CLOSERS}*              # closing quotes/brackets stay with the sentence
    """,
    regex.VERBOSE,
)
CLAUSE_SPLIT = regex.compile(CLAUSE_BREAK)
# a line of prose ending inside a sentence (after a clause mark, at a Chinese character or a
# comma): the next line continues it (web-scraped text broken mid-word, links on own lines)
ENDS_MID_SENTENCE = regex.compile(r"[，,、；;].*(?:\p{Han}|[，,、])\s*$")
ENDS_COMPLETE = regex.compile(rf"(?:{TERMINAL}|……|…|[:：]){CLOSERS}*\s*$")

# --- metadata ----------------------------------------------------------------
YEAR = rf"(?P<y>(?:19|20)\d{{2}}|{CN_DIGIT}{{4}})"
MONTH = rf"(?P<m>1[0-2]|0?[1-9]|{CN_SMALL}{{1,2}})"
DAY = rf"(?P<d>3[01]|[12]\d|0?[1-9]|{CN_SMALL}{{1,3}})"
FULL_DATE = regex.compile(
    rf"""
    {YEAR}\s*年\s*{MONTH}\s*月\s*{DAY}\s*日       # 2003年3月5日 / 二〇〇三年一月十日
    | (?P<iy>(?:19|20)\d{{2}})[-/.]                # 2009-02-05, 2024/1/23: year
      (?P<im>1[0-2]|0?[1-9])[-/.]                  # month
      (?P<id>3[01]|[12]\d|0?[1-9])(?!\d)          # day
    """,
    regex.VERBOSE,
)
MONTH_DAY = regex.compile(
    r"(?<![\d年])(?P<m>1[0-2]|0?[1-9])月(?P<d>3[01]|[12]\d|0?[1-9])日"  # 8月1日 (year elsewhere)
)
YEAR_ONLY = regex.compile(rf"(?<!\d){YEAR}年(?!代)")
META_FIELD = regex.compile(
    r"^[ \t]*(?P<key>标题|发文单位|发文时间|发布时间|来源|报告人)[:：][ \t]*(?P<val>[^\n]*)$",
    regex.MULTILINE,
)

PLACE_SUFFIX = (
    r"(?:特别行政区|自治区|自治州|自治县|自治旗|高新技术产业开发区|经济技术开发区|"
    r"高新区|开发区|经开区|新区|省|市|县|区|州|盟|旗)"
)
# a place name: 2–9 Han chars ending in an administrative suffix, followed by a
# word that typically follows the issuing region in a title or first line
PLACE = regex.compile(
    rf"""
    (?<![全本我该各此两])                                   # 全市, 本县, 我区 are not names
    (?P<place>(?![全本我该各此])\p{{Han}}{{1,9}}?{PLACE_SUFFIX})
    (?=
        人民政府|政府|委员会|人大|国民经济|统计|上半年|下半年|前三季度|一季度|全年|
        召开|第|经济|工作|[\d年,，。、 ]|$
    )
    """,
    regex.VERBOSE,
)
REPRESENT = regex.compile(r"我代表(?P<place>国务院|\p{Han}{2,12}?(?:人民政府|政府))")  # 我代表X人民政府
NATIONAL = regex.compile(r"国务院|全国人民代表大会|中华人民共和国|中央人民政府")
LEADING_JUNK = regex.compile(r"^(?:在|向|对|关于|于|年|\d+年|[—\-─]+)+")
