"""Batch runner benchmark: serial vs process pool, and memory vs archive size, in one run.

    python bench/batch.py                  # 60 docs for speed, 100 vs 1000 docs for memory
    python bench/batch.py --speed-docs 200 --sizes 100 1000 5000
    python bench/batch.py --json out.json  # also write the figures as JSON

Generated archives are slices of the corpus (paragraph-aligned, 2-6k chars each,
each with its own header line so every file has a distinct content hash).
Every run is ``policyparse extract DIR -o OUT`` in a subprocess, so the
figures include process start-up and worker spawning, as a user sees them.

* speed: wall time of ``--workers 1`` (in-process baseline) and ``--workers 2``
  on the same archive, and their ratio;
* memory: peak RSS of the parent plus all its workers (sampled every 20 ms
  from /proc) for archives of different sizes: it must stay flat, because at
  most ``2 × workers`` documents are in flight and results are streamed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def chunks(corpus: Path) -> list[str]:
    """Paragraph-aligned slices of 2-6k chars from the corpus texts."""
    sys.path.insert(0, str(ROOT / "src"))
    from policyparse.batch import iter_inputs
    from policyparse.read import read

    out: list[str] = []
    for path in iter_inputs([corpus]):
        if path.suffix != ".txt":
            continue
        text = read(path).text
        buf = ""
        for para in text.split("\n"):
            buf += para + "\n"
            if len(buf) >= 2000:
                out.append(buf[:6000])
                buf = ""
    return out


def make_archive(folder: Path, n: int, pieces: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = pieces[i % len(pieces)]
        (folder / f"r{i:05d}.txt").write_text(f"第{i}号报告\n{body}", encoding="utf-8")


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(stat[1]) == pid:
            kids.append(int(entry))
    return kids


def _tree_rss(pid: int) -> int:
    """RSS in bytes of ``pid`` and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except OSError:
            continue
        todo.extend(_children(p))
    return total


def run(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak tree RSS (bytes) of ``policyparse extract ARGS``."""
    cmd = [sys.executable, "-m", "policyparse.cli", "extract", *args, "--no-progress"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.02)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"extract failed ({proc.returncode}): {err}")
    return wall, peak


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    ap.add_argument("--speed-docs", type=int, default=60)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", dest="json_out", default=None)
    a = ap.parse_args(argv)

    pieces = chunks(Path(a.corpus))
    figures: dict[str, Any] = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "speed": {},
        "memory": [],
    }
    with tempfile.TemporaryDirectory(prefix="pp-bench-") as tmp_s:
        tmp = Path(tmp_s)
        speed_in = tmp / "speed"
        make_archive(speed_in, a.speed_docs, pieces)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in speed_in.iterdir())
        serial, _ = run([str(speed_in), "-o", str(tmp / "o1"), "--workers", "1"])
        pooled, _ = run([str(speed_in), "-o", str(tmp / "o2"), "--workers", str(a.workers)])
        figures["speed"] = {
            "docs": a.speed_docs,
            "chars": chars,
            "serial_s": round(serial, 2),
            "pool_s": round(pooled, 2),
            "workers": a.workers,
            "speedup": round(serial / pooled, 2),
        }
        for n in a.sizes:
            folder = tmp / f"mem{n}"
            make_archive(folder, n, pieces)
            wall, peak = run([str(folder), "-o", str(tmp / f"m{n}"), "--workers", str(a.workers)])
            figures["memory"].append(
                {
                    "docs": n,
                    "wall_s": round(wall, 2),
                    "peak_rss_mb": round(peak / 2**20, 1),
                    "docs_per_s": round(n / wall, 1),
                }
            )

    s = figures["speed"]
    print(f"policyparse batch benchmark (python {figures['python']}, {figures['cpus']} cpus)")
    print()
    print(f"speed: {s['docs']} docs, {s['chars']:,} chars")
    print(f"  {'mode':<12}{'wall s':>10}{'docs/s':>10}")
    print(f"  {'workers 1':<12}{s['serial_s']:>10.2f}{s['docs'] / s['serial_s']:>10.1f}")
    print(
        f"  {'workers ' + str(s['workers']):<12}{s['pool_s']:>10.2f}"
        f"{s['docs'] / s['pool_s']:>10.1f}"
    )
    print(f"  speed-up ×{s['speedup']:.2f}")
    print()
    print(f"memory (workers {a.workers}): peak RSS of parent + workers")
    print(f"  {'docs':>6}{'wall s':>10}{'docs/s':>10}{'peak MB':>10}")
    for m in figures["memory"]:
        print(
            f"  {m['docs']:>6}{m['wall_s']:>10.2f}{m['docs_per_s']:>10.1f}{m['peak_rss_mb']:>10.1f}"
        )
    mem = figures["memory"]
    if len(mem) > 1:
        ratio = mem[-1]["peak_rss_mb"] / mem[0]["peak_rss_mb"]
        print(f"  peak RSS ratio {mem[-1]['docs']} / {mem[0]['docs']} docs: ×{ratio:.2f}")
        figures["rss_ratio"] = round(ratio, 2)
    if a.json_out:
        Path(a.json_out).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return figures


if __name__ == "__main__":
    main()
