"""Throughput of policyparse against bare ``jieba.lcut`` on the same texts, in one run.

    python bench/run.py                 # corpus/ , all stages, scaling 10k/100k/1M
    python bench/run.py --quick         # skip the 1M-char scaling point
    python bench/run.py --json out.json # also write the figures as JSON

Prints chars/s per stage (read, segment, quantities, claims, tasks, full
extract), the baseline ``jieba.lcut`` chars/s on the same texts, their ratio,
the time of a full extraction of 10k / 100k / 1M-char documents (made by
repeating the corpus) with the growth factor per 10×, and the peak RSS.

Every figure is warm: one untimed pass of each side runs first, so loading the
jieba dictionary, the resource tables and compiling the patterns are not
counted (they are a one-off cost per process, ~1 s, not throughput).  Each
stage is timed alone on the output of the stage before it; the "extract" row
is the whole pipeline from the files (read included), as a user calls it.
Targets (issue "beat bare jieba on throughput, linear cost"): extract ≥ 2×
jieba.lcut, and 10× the text ≤ 11× the time.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _best_of(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def corpus_files(corpus: Path) -> list[Path]:
    skip = {".jsonl", ".tsv", ".md"}
    return sorted(p for p in corpus.iterdir() if p.is_file() and p.suffix not in skip)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "corpus"))
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs per stage")
    ap.add_argument("--quick", action="store_true", help="skip the 1M-char scaling point")
    ap.add_argument("--json", dest="json_out", default=None, help="write figures to this file")
    args = ap.parse_args(argv)

    import jieba

    from policyparse.claims.link import link_claims
    from policyparse.pipeline import _skeleton_document, extract
    from policyparse.quantities import extract_quantities
    from policyparse.read import read
    from policyparse.segment.normalize import normalize
    from policyparse.segment.words import default_segmenter
    from policyparse.tasks.directives import find_tasks

    files = corpus_files(Path(args.corpus))
    texts = [read(p).text for p in files]
    n_chars = sum(len(t) for t in texts)

    # warm up both sides (dictionary loading is not throughput): one full pass each
    for t in texts:
        jieba.lcut(t)
    default_segmenter().cut("预热")
    for p in files:
        extract(p)

    timings: dict[str, float] = {}
    timings["jieba.lcut (baseline)"] = _best_of(lambda: [jieba.lcut(t) for t in texts], args.repeat)
    timings["read"] = _best_of(lambda: [read(p) for p in files], args.repeat)
    norms = [normalize(t) for t in texts]
    timings["segment"] = _best_of(
        lambda: [_skeleton_document(t, n, None, [], None) for t, n in zip(texts, norms, strict=True)],
        args.repeat,
    )
    skeletons = [_skeleton_document(t, n, None, [], None) for t, n in zip(texts, norms, strict=True)]
    timings["quantities"] = _best_of(
        lambda: [extract_quantities(t, n) for t, n in zip(texts, norms, strict=True)], args.repeat
    )
    quantities = [extract_quantities(t, n)[0] for t, n in zip(texts, norms, strict=True)]
    timings["claims"] = _best_of(
        lambda: [
            link_claims(s, q, n) for s, q, n in zip(skeletons, quantities, norms, strict=True)
        ],
        args.repeat,
    )
    with_claims = [
        s.model_copy(update={"claims": link_claims(s, q, n)[0]})
        for s, q, n in zip(skeletons, quantities, norms, strict=True)
    ]
    timings["tasks"] = _best_of(
        lambda: [find_tasks(d, n) for d, n in zip(with_claims, norms, strict=True)], args.repeat
    )
    timings["extract (read+all stages)"] = _best_of(
        lambda: [extract(p) for p in files], args.repeat
    )

    base = n_chars / timings["jieba.lcut (baseline)"]
    import os

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}"
    )
    print(f"corpus: {len(files)} files, {n_chars:,} chars; best of {args.repeat} warm runs")
    print("(warm: jieba dictionary, tables and patterns loaded by an untimed first pass)\n")
    print(f"{'stage':<28}{'seconds':>10}{'chars/s':>14}{'× jieba':>10}")
    rows = []
    for name, sec in timings.items():
        cps = n_chars / sec if sec > 0 else float("inf")
        rows.append({"stage": name, "seconds": sec, "chars_per_s": cps, "ratio": cps / base})
        print(f"{name:<28}{sec:>10.3f}{cps:>14,.0f}{cps / base:>10.2f}")

    # Linear scaling: the same kind of text at every size, so the factor measures
    # cost per character and not a change of genre.  The 10k-char unit takes an
    # equal slice (cut at a line end) from every corpus document; the 100k and 1M
    # documents repeat that unit.
    share = 10_000 // len(texts)
    pieces = []
    for t in texts:
        cut = t.rfind("\n", 0, share)
        pieces.append(t[: cut if cut > share // 2 else share])
    unit = "\n\n".join(pieces)
    big = unit
    sizes = [10_000, 100_000] + ([] if args.quick else [1_000_000])
    scaling = []
    print(f"\n{'doc chars':>10}{'seconds':>10}{'× prev (10× text)':>20}")
    prev = None
    for size in sizes:
        doc = (big * (size // len(big) + 1))[:size]
        sec = _best_of(lambda d=doc: extract(d), args.repeat)
        factor = sec / prev if prev else None
        scaling.append({"chars": size, "seconds": sec, "factor": factor})
        print(f"{size:>10,}{sec:>10.3f}{(f'{factor:.2f}' if factor else '-'):>20}")
        prev = sec

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS: {peak_mb:.0f} MB")
    ratio = rows[-1]["ratio"]
    worst = max((r["factor"] for r in scaling if r["factor"]), default=None)
    print(f"\nextract vs jieba.lcut: {ratio:.2f}× (target ≥ 2×: {'met' if ratio >= 2 else 'NOT met'})")
    if worst is not None:
        print(f"worst growth per 10× text: {worst:.2f}× (target ≤ 11×: {'met' if worst <= 11 else 'NOT met'})")
    result = {
        "files": len(files),
        "chars": n_chars,
        "stages": rows,
        "scaling": scaling,
        "peak_rss_mb": peak_mb,
        "extract_vs_jieba": ratio,
        "python": platform.python_version(),
    }
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
