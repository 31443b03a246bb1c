"""A self-contained HTML review page for one extracted Document.

``policyparse show FILE -o page.html [--gold FILE.gold.jsonl]`` writes a page
with the document text, claims highlighted by status (actual / estimate /
target) and tasks underlined, a tooltip and a side panel with every field,
filters by status and indicator, and — when a gold file is given — gold
claims the extraction missed and predictions with no gold counterpart
marked.  No network, no CDN: styles, script and data are inline.
"""

from __future__ import annotations

import html
import itertools
import json
from typing import TYPE_CHECKING, Any

from .records import Document

if TYPE_CHECKING:
    from .evaluate import GoldDocument

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:0;display:flex;height:100vh}
#main{flex:3;overflow:auto;padding:1em 2em;line-height:1.9;white-space:pre-wrap}
#side{flex:1;min-width:18em;border-left:1px solid #ccc;padding:1em;overflow:auto;background:#fafafa;font-size:14px}
header{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ddd;white-space:normal}
.claim{border-radius:3px;padding:0 1px;cursor:pointer}
.actual{background:#cfe8ff}.target{background:#ffe0b3}.estimate{background:#e0d4ff}
.task{border-bottom:2px solid #2a9d8f}
.miss{outline:2px dashed #d62828}
.falsehit{text-decoration:underline wavy #d62828}
.hidden-claim{background:none!important}
#tip{position:fixed;display:none;background:#333;color:#fff;padding:.4em .6em;border-radius:4px;font-size:13px;
 max-width:28em;z-index:10;white-space:normal;pointer-events:none}
table.fields td{padding:1px 6px;vertical-align:top;border-bottom:1px solid #eee}
.legend span{margin-right:1em;padding:0 .3em}
"""

_JS = """
const DATA = JSON.parse(document.getElementById('pp-data').textContent);
const tip = document.getElementById('tip');
function rec(el){ const k=el.dataset.kind, i=+el.dataset.idx; return DATA[k][i]; }
function rows(r){ return Object.entries(r).filter(([k])=>k!=='sentence')
  .map(([k,v])=>`<tr><td>${k}</td><td>${v===null?'—':(typeof v==='object'?JSON.stringify(v):String(v))}</td></tr>`).join(''); }
document.querySelectorAll('[data-kind]').forEach(el=>{
  el.addEventListener('mouseenter',e=>{ const r=rec(el);
    tip.innerHTML = el.dataset.kind==='claims'
      ? `${r.indicator||'?'} · ${r.measure} · ${r.status} · ${r.value}${r.value_max!==null?'–'+r.value_max:''} ${r.unit}${r.year?' · '+r.year:''}`
      : (el.dataset.kind==='tasks' ? `task · ${r.modality}${r.deadline?' · '+r.deadline:''}` : `${el.dataset.kind}: ${r.text}`);
    tip.style.display='block'; tip.style.left=(e.clientX+12)+'px'; tip.style.top=(e.clientY+12)+'px'; });
  el.addEventListener('mouseleave',()=>{ tip.style.display='none'; });
  el.addEventListener('click',ev=>{ ev.stopPropagation(); const r=rec(el);
    document.getElementById('detail').innerHTML=`<h3>${el.dataset.kind}</h3><table class="fields">${rows(r)}</table>`; });
});
function applyFilters(){
  const st=[...document.querySelectorAll('.f-status')].filter(c=>c.checked).map(c=>c.value);
  const ind=document.getElementById('f-indicator').value;
  document.querySelectorAll('.claim').forEach(el=>{ const r=rec(el);
    const ok = st.includes(r.status) && (ind==='' || (r.indicator_id||r.indicator||'')===ind);
    el.classList.toggle('hidden-claim', !ok); el.dataset.visible = ok ? '1' : '0'; });
  document.getElementById('n-visible').textContent =
    document.querySelectorAll('.claim[data-visible="1"]').length;
}
document.querySelectorAll('.f-status').forEach(c=>c.addEventListener('change',applyFilters));
document.getElementById('f-indicator').addEventListener('change',applyFilters);
applyFilters();
"""


def _marks(doc: Document, gold: GoldDocument | None) -> list[tuple[int, int, str, str, int]]:
    """(start, end, css class, data kind, index) for every highlighted span."""
    marks: list[tuple[int, int, str, str, int]] = []
    for i, t in enumerate(doc.tasks):
        marks.append((t.span[0], t.span[1], "task", "tasks", i))
    false_hits: set[int] = set()
    misses: list[int] = []
    if gold is not None:
        from .evaluate import match_claims

        matched = match_claims([g.span for g in gold.claims], [c.span for c in doc.claims])
        hit = set(matched.values())
        false_hits = {
            i for i, c in enumerate(doc.claims) if i not in hit and gold.covers(c.span)
        }
        misses = [gi for gi in range(len(gold.claims)) if gi not in matched]
    for i, c in enumerate(doc.claims):
        cls = f"claim {c.status.value}" + (" falsehit" if i in false_hits else "")
        marks.append((c.span[0], c.span[1], cls, "claims", i))
    for gi in misses:
        g = gold.claims[gi]  # type: ignore[union-attr]
        marks.append((g.span[0], g.span[1], "miss", "misses", gi))
    return marks


def render_page(doc: Document, gold: GoldDocument | None = None) -> str:
    """The review page of ``doc`` as one HTML string (optionally against ``gold``)."""
    text = doc.text
    marks = _marks(doc, gold)
    # Flat segmentation: cut the text at every mark boundary; nest marks inside a segment.
    bounds = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out: list[str] = []
    for a, b in itertools.pairwise(bounds):
        if a >= b:
            continue
        chunk = html.escape(text[a:b])
        active = sorted(
            (m for m in marks if m[0] <= a and b <= m[1]), key=lambda m: -(m[1] - m[0])
        )
        for _s, _e, cls, kind, idx in reversed(active):
            chunk = f'<span class="{cls}" data-kind="{kind}" data-idx="{idx}">{chunk}</span>'
        out.append(chunk)
    data: dict[str, Any] = {
        "claims": [c.model_dump(mode="json") for c in doc.claims],
        "tasks": [t.model_dump(mode="json") for t in doc.tasks],
        "misses": [g.model_dump(mode="json") for g in gold.claims] if gold else [],
    }
    indicators = sorted({c.indicator_id or c.indicator or "" for c in doc.claims} - {""})
    options = "".join(f'<option value="{html.escape(i)}">{html.escape(i)}</option>' for i in indicators)
    title = html.escape(doc.title or doc.source or doc.doc_id)
    meta = " · ".join(
        html.escape(str(x)) for x in (doc.date, doc.place, doc.source) if x is not None
    )
    n_miss = len(data["misses"]) and sum(1 for m in marks if m[2] == "miss")
    gold_note = (
        f'<span class="key miss">gold claim missed</span>: {n_miss} '
        f'<span class="key falsehit">false hit</span>: {sum(1 for m in marks if "falsehit" in m[2])}'
        if gold is not None
        else ""
    )
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>{title} — policyparse</title>
<style>{_CSS}</style></head>
<body>
<div id="main">
<header><b>{title}</b> <small>{meta}</small><br>
<span class="legend"><span class="key actual">actual</span><span class="key target">target</span>
<span class="key estimate">estimate</span><span class="key task">task</span> {gold_note}</span><br>
<label><input type="checkbox" class="f-status" value="actual" checked> actual</label>
<label><input type="checkbox" class="f-status" value="estimate" checked> estimate</label>
<label><input type="checkbox" class="f-status" value="target" checked> target</label>
<select id="f-indicator"><option value="">all indicators</option>{options}</select>
<span id="n-visible"></span> / {len(doc.claims)} claims shown · {len(doc.tasks)} tasks
</header>
<div id="text">{"".join(out)}</div>
</div>
<div id="side"><h3>Details</h3><p>Click a highlighted span to see every field.</p><div id="detail"></div>
<h3>Warnings</h3><ul>{"".join(f"<li>{html.escape(w.code)}: {html.escape(w.message)}</li>" for w in doc.warnings)}</ul></div>
<div id="tip"></div>
<script type="application/json" id="pp-data">{payload}</script>
<script>{_JS}</script>
</body></html>
"""


def open_headless(
    profile_dir: str, *, chromium: str | None = None, driver: str | None = None, size: str = "1280,860"
) -> Any:
    """A selenium WebDriver on Debian's headless chromium (no network, no downloads).

    Needs ``pip install selenium`` and ``apt-get install chromium chromium-driver``.
    """
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium or shutil.which("chromium") or "/usr/bin/chromium"
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile_dir}", f"--window-size={size}",
    ):
        opts.add_argument(flag)
    service = Service(driver or shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=opts)
