"""Batch runner: inputs, outputs, error isolation, worker crashes, resume after kill -9."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policyparse.batch import (
    STATE_NAME,
    BatchError,
    iter_inputs,
    read_state,
    run_batch,
)
from policyparse.cli import app
from policyparse.pipeline import segment
from policyparse.read import MAX_BYTES
from policyparse.records import Claim, Document, Status, Task

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
TESTS = Path(__file__).resolve().parent
THIS = Path(__file__).stem  # the module name the workers import this file by


def _claims_layer_ready() -> bool:
    try:
        import policyparse

        policyparse.extract("全年地区生产总值增长5%。")
    except ImportError:
        return False
    return True


CLAIMS_READY = _claims_layer_ready()

# --------------------------------------------------------------------------- test extractors
# Small deterministic extractors (module level, so spawned workers import them by name):
# the segmenter's skeleton plus one claim per "N%" and one task per sentence holding 要.

_PCT = re.compile(r"(\d+(?:\.\d+)?)%")


def fake_extract(path: Path) -> Document:
    doc = segment(path)
    claims: list[Claim] = []
    tasks: list[Task] = []
    for sent in doc.sentences:
        ids: list[str] = []
        for m in _PCT.finditer(sent.text):
            start, end = sent.span[0] + m.start(), sent.span[0] + m.end()
            cid = f"c{len(claims) + 1}"
            ids.append(cid)
            claims.append(
                Claim(
                    id=cid,
                    span=(start, end),
                    text=doc.text[start:end],
                    value=Decimal(m.group(1)),
                    unit="%",
                    unit_text="%",
                    indicator_id="gdp" if "生产总值" in sent.text else None,
                    status=Status.TARGET if "要" in sent.text else Status.ACTUAL,
                    sentence=sent.span,
                )
            )
        if "要" in sent.text:
            tasks.append(
                Task(
                    id=f"t{len(tasks) + 1}",
                    span=sent.span,
                    text=sent.text,
                    actions=[sent.text[:8], sent.text[-8:]],
                    targets=ids,
                )
            )
    return Document.model_validate({**doc.model_dump(), "claims": claims, "tasks": tasks})


def slow_extract(path: Path) -> Document:
    time.sleep(0.15)
    return fake_extract(path)


def crashing_extract(path: Path) -> Document:
    if "crash" in path.name:
        os._exit(3)  # a worker dying as on a segfault
    return fake_extract(path)


def buggy_extract(path: Path) -> Document:
    if "bug" in path.name:
        raise ValueError("a bug in a pipeline stage")
    return fake_extract(path)


def broken_install_extract(path: Path) -> Document:
    raise ModuleNotFoundError("No module named 'policyparse.claims.link'")


FAKE = f"{THIS}:fake_extract"

# --------------------------------------------------------------------------- helpers

SENTENCES = (
    "全年地区生产总值增长{n}.5%左右。",
    "要加快推进{n}个重点项目建设，确保投资增长{n}%。",
    "城镇新增就业{n}万人，居民收入增长{n}.2%。",
    "要深化改革开放，推动高质量发展。",
)


def make_docs(folder: Path, count: int) -> list[Path]:
    """``count`` small distinct reports (different bytes, so different content hashes)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        body = "\n".join(s.format(n=i + k) for k, s in enumerate(SENTENCES))
        path = folder / f"doc{i:03d}.txt"
        path.write_text(f"某市{i}号报告\n各位代表：\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def sorted_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8-sig")
    return sorted(line for line in text.splitlines() if line)


def output_state(out: Path) -> dict[str, list[str]]:
    """Everything a run wrote, order-free (workers finish in any order)."""
    return {
        name: sorted_lines(out / name)
        for name in ("documents.jsonl", "claims.csv", "tasks.csv", "errors.jsonl")
    }


def done_entries(out: Path) -> list[dict[str, object]]:
    entries, _ = read_state(out / STATE_NAME)
    return [e for e in entries if e.get("kind") == "file"]


# --------------------------------------------------------------------------- inputs


def test_iter_inputs_walks_directories_and_skips_non_documents(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x")
    (tmp_path / "a" / "y.HTML").write_text("y")
    (tmp_path / "b.docx").write_bytes(b"PK")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / "d.htm").write_text("d")
    for skipped in ("x.gold.jsonl", "MANIFEST.tsv", ".hidden.txt", "notes.md", "data.csv"):
        (tmp_path / skipped).write_text("s")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "z.txt").write_text("z")
    got = [p.relative_to(tmp_path).as_posix() for p in iter_inputs([tmp_path])]
    assert got == ["a/x.txt", "a/y.HTML", "b.docx", "c.pdf", "d.htm"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["*.txt"], ["one.txt", "two.txt"], id="glob"),
        pytest.param(["**/*.txt"], ["one.txt", "sub/three.txt", "two.txt"], id="recursive-glob"),
        pytest.param(["notes.md"], ["notes.md"], id="explicit-file-any-extension"),
        pytest.param(["missing.txt"], ["missing.txt"], id="missing-file-kept-for-error"),
        pytest.param(["nomatch*.txt"], [], id="glob-without-match"),
        pytest.param(
            ["one.txt", "*.txt", "."], ["one.txt", "two.txt", "sub/three.txt"], id="each-file-once"
        ),
        pytest.param(["*"], ["one.txt", "sub/three.txt", "two.txt"], id="glob-matches-filtered"),
    ],
)
def test_iter_inputs_patterns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], expected: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("one.txt", "two.txt", "sub/three.txt", "notes.md", "MANIFEST.tsv"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("t")
    assert [p.as_posix() for p in iter_inputs(args)] == expected


# --------------------------------------------------------------------------- bad files


def make_bad_files(folder: Path) -> dict[str, str | None]:
    """Bad (and one good-but-odd) files, with the error code each must produce."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "random.txt").write_bytes(os.urandom(1 << 14))
    gbk = "各位代表：现在，我代表市人民政府向大会报告工作。全年地区生产总值增长6.5%左右。"
    (folder / "gbk_no_declaration.txt").write_bytes((gbk * 30).encode("gbk"))
    with open(folder / "huge.txt", "wb") as handle:  # sparse: instant, no disk used
        handle.truncate(MAX_BYTES + 1)
    return {
        "empty.txt": "EMPTY",
        "random.txt": "BINARY",
        "gbk_no_declaration.txt": None,
        "huge.txt": "TOO_LARGE",
    }


def check_bad_file_run(out: Path, bad: dict[str, str | None], n_good: int) -> None:
    errors = [json.loads(line) for line in sorted_lines(out / "errors.jsonl")]
    got = {Path(e["path"]).name: e["code"] for e in errors}
    assert got == {name: code for name, code in bad.items() if code is not None}
    for e in errors:
        assert set(e) == {"path", "sha256", "code", "code_id", "cause"}
        assert e["cause"] and e["code_id"].startswith("E")
    docs = [json.loads(line) for line in sorted_lines(out / "documents.jsonl")]
    assert len(docs) == n_good
    assert any(d["source"].endswith("gbk_no_declaration.txt") for d in docs)


def test_batch_over_corpus_and_bad_files_isolates_errors(tmp_path: Path) -> None:
    bad = make_bad_files(tmp_path / "bad")
    corpus_files = list(iter_inputs([CORPUS]))
    out = tmp_path / "out"
    summary = run_batch([CORPUS, tmp_path / "bad"], out, workers=2, extractor=FAKE)
    n_good = len(corpus_files) + 1
    assert (summary.documents, summary.errors, summary.exit_code) == (n_good, 3, 1)
    check_bad_file_run(out, bad, n_good)
    assert (
        summary.line() == f"{n_good} documents, {summary.claims} claims, "
        f"{summary.tasks} tasks, 3 errors"
    )
    assert summary.claims == len(sorted_lines(out / "claims.csv")) - 1 > 0


@pytest.mark.skipif(not CLAIMS_READY, reason="policyparse.extract needs the claims layer")
def test_cli_extract_corpus_with_real_pipeline(tmp_path: Path) -> None:
    bad = make_bad_files(tmp_path / "bad")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["extract", str(CORPUS), str(tmp_path / "bad"), "-o", str(out), "--workers", "2"]
    )
    assert result.exit_code == 1, result.output
    n_good = len(list(iter_inputs([CORPUS]))) + 1
    check_bad_file_run(out, bad, n_good)
    assert re.search(rf"{n_good} documents, \d+ claims, \d+ tasks, 3 errors", result.output)


def test_cli_extract_exit_code_zero_without_errors(tmp_path: Path) -> None:
    make_docs(tmp_path / "in", 3)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["extract", str(tmp_path / "in"), "-o", str(out), "--workers", "1", "--extractor", FAKE],
    )
    assert result.exit_code == 0, result.output
    assert "3 documents, 9 claims, 6 tasks, 0 errors" in result.output
    assert (out / "claims.csv").read_bytes().startswith("\ufeffsource,doc_id,".encode())
    assert (out / "errors.jsonl").read_bytes() == b""


def test_worker_crash_on_one_file_does_not_kill_the_batch(tmp_path: Path) -> None:
    make_docs(tmp_path / "in", 6)
    shutil.copy(tmp_path / "in" / "doc000.txt", tmp_path / "in" / "crash.txt")
    (tmp_path / "in" / "crash.txt").write_text("要crash。增长1%。", encoding="utf-8")
    summary = run_batch([tmp_path / "in"], tmp_path / "out", workers=2, extractor=crashing_extract)
    assert [(Path(e["path"]).name, e["code"]) for e in summary.run_errors] == [
        ("crash.txt", "WORKER_CRASH")
    ]
    assert (summary.documents, summary.exit_code) == (6, 1)


def test_pool_that_breaks_between_waits_is_recovered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker can die after the last wait: the next submit then raises BrokenProcessPool itself."""
    from concurrent.futures.process import BrokenProcessPool

    import policyparse.batch as batch

    real_pool = batch._pool
    calls = {"n": 0}

    class FlakyPool:
        def __init__(self, inner: object) -> None:
            self.inner = inner

        def submit(self, *args: object, **kwargs: object) -> object:
            calls["n"] += 1
            if calls["n"] == 3:  # the third submission finds the pool broken
                raise BrokenProcessPool("a child process terminated abruptly")
            return self.inner.submit(*args, **kwargs)  # type: ignore[attr-defined]

        def shutdown(self, *args: object, **kwargs: object) -> None:
            self.inner.shutdown(*args, **kwargs)  # type: ignore[attr-defined]

    monkeypatch.setattr(batch, "_pool", lambda workers, spec: FlakyPool(real_pool(workers, spec)))
    make_docs(tmp_path / "in", 6)
    summary = run_batch([tmp_path / "in"], tmp_path / "out", workers=2, extractor=segment)
    assert summary.run_errors == []
    assert summary.documents == 6


@pytest.mark.parametrize("workers", [pytest.param(1, id="serial"), pytest.param(2, id="pool")])
def test_exception_in_extractor_becomes_internal_error(tmp_path: Path, workers: int) -> None:
    make_docs(tmp_path / "in", 3)
    (tmp_path / "in" / "bug.txt").write_text("要修复。", encoding="utf-8")
    summary = run_batch(
        [tmp_path / "in"], tmp_path / "out", workers=workers, extractor=buggy_extract
    )
    assert [(e["code"], e["cause"]) for e in summary.run_errors] == [
        ("INTERNAL", "ValueError: a bug in a pipeline stage")
    ]
    assert summary.documents == 3


def test_broken_installation_stops_the_batch(tmp_path: Path) -> None:
    make_docs(tmp_path / "in", 2)
    with pytest.raises(BatchError, match=r"policyparse\.claims\.link"):
        run_batch([tmp_path / "in"], tmp_path / "out", workers=1, extractor=broken_install_extract)
    result = CliRunner().invoke(
        app,
        [
            "extract",
            str(tmp_path / "in"),
            "-o",
            str(tmp_path / "o2"),
            "--extractor",
            f"{THIS}:broken_install_extract",
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 2


def test_duplicate_files_are_extracted_once(tmp_path: Path) -> None:
    make_docs(tmp_path / "in", 2)
    shutil.copy(tmp_path / "in" / "doc000.txt", tmp_path / "in" / "doc000_copy.txt")
    summary = run_batch([tmp_path / "in"], tmp_path / "out", workers=1, extractor=FAKE)
    assert (summary.documents, summary.duplicates) == (2, 1)


# --------------------------------------------------------------------------- single file


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        pytest.param(None, lambda out: json.loads(out)["claims"][0]["text"] == "0.5%", id="jsonl"),
        pytest.param("json", lambda out: out.startswith("{\n"), id="json-pretty"),
        pytest.param(
            "csv",
            lambda out: out.splitlines()[0].startswith("source,doc_id,title"),
            id="claims-csv",
        ),
    ],
)
def test_cli_single_file_prints_to_stdout(tmp_path: Path, fmt: str | None, check: object) -> None:
    (path,) = make_docs(tmp_path, 1)
    args = ["extract", str(path), "--extractor", FAKE] + (["--format", fmt] if fmt else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert callable(check) and check(result.stdout)


def test_cli_single_bad_file_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "empty.txt")])
    assert result.exit_code == 1
    assert "E002" in result.output


def test_output_file_jsonl_writes_documents_only(tmp_path: Path) -> None:
    make_docs(tmp_path / "in", 3)
    target = tmp_path / "res" / "docs.jsonl"
    summary = run_batch([tmp_path / "in"], target, workers=1, extractor=FAKE)
    assert summary.documents == 3
    assert sorted(p.name for p in target.parent.iterdir()) == [
        ".docs.jsonl.done.jsonl",
        "docs.jsonl",
    ]
    again = run_batch([tmp_path / "in"], target, workers=1, extractor=FAKE)
    assert (again.skipped, again.documents) == (3, 3)
    assert len(sorted_lines(target)) == 3


def test_parquet_twins_match_csv(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    make_docs(tmp_path / "in", 4)
    out = tmp_path / "out"
    summary = run_batch([tmp_path / "in"], out, workers=1, extractor=FAKE)
    claims = pq.read_table(out / "claims.parquet")
    tasks = pq.read_table(out / "tasks.parquet")
    assert (claims.num_rows, tasks.num_rows) == (summary.claims, summary.tasks)
    assert str(claims.schema.field("value").type) == "double"
    assert str(tasks.schema.field("actions").type) == "list<element: string>"


# --------------------------------------------------------------------------- resume


def test_resume_skips_done_and_no_resume_starts_over(tmp_path: Path) -> None:
    make_docs(tmp_path / "in", 4)
    out = tmp_path / "out"
    first = run_batch([tmp_path / "in"], out, workers=1, extractor=FAKE)
    reference = output_state(out)
    make_docs(tmp_path / "in", 6)  # two new reports arrive
    second = run_batch([tmp_path / "in"], out, workers=1, extractor=FAKE)
    assert (first.processed, second.processed, second.skipped) == (4, 2, 4)
    assert second.documents == 6
    over = run_batch([tmp_path / "in"], out, workers=1, extractor=FAKE, resume=False)
    assert (over.processed, over.skipped, over.documents) == (6, 0, 6)
    assert len(output_state(out)["documents.jsonl"]) == 6
    assert set(reference["documents.jsonl"]) <= set(output_state(out)["documents.jsonl"])


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param("uncommitted-records", id="killed-after-records-before-commit"),
        pytest.param("partial-lines", id="killed-mid-write"),
        pytest.param("partial-log-line", id="killed-mid-commit"),
    ],
)
def test_resume_repairs_an_interrupted_write(tmp_path: Path, damage: str) -> None:
    """Simulate each instant a kill can hit the write protocol, then resume."""
    make_docs(tmp_path / "in", 5)
    ref, out = tmp_path / "ref", tmp_path / "out"
    run_batch([tmp_path / "in"], ref, workers=1, extractor=FAKE)
    run_batch([tmp_path / "in"], out, workers=1, extractor=FAKE)
    state = out / STATE_NAME
    lines = state.read_bytes().splitlines(keepends=True)
    if damage in ("uncommitted-records", "partial-log-line"):
        # the last file's records are on disk but its commit line is missing or cut
        tail = lines[-1][: len(lines[-1]) // 2] if damage == "partial-log-line" else b""
        state.write_bytes(b"".join(lines[:-1]) + tail)
    else:
        state.write_bytes(b"".join(lines[:-1]))
        for name in ("documents.jsonl", "claims.csv", "tasks.csv"):
            data = (out / name).read_bytes()
            (out / name).write_bytes(data + data[: len(data) // 3])  # half a record
    summary = run_batch([tmp_path / "in"], out, workers=1, extractor=FAKE)
    assert (summary.processed, summary.skipped) == (1, 4)
    assert output_state(out) == output_state(ref)
    assert len(done_entries(out)) == 5


def test_resume_after_power_cut_goes_back_to_the_last_entry_the_outputs_hold(
    tmp_path: Path,
) -> None:
    """The log reached the disk, the last records did not: resume redoes those files."""
    make_docs(tmp_path / "in", 5)
    ref, out = tmp_path / "ref", tmp_path / "out"
    run_batch([tmp_path / "in"], ref, workers=1, extractor=FAKE)
    run_batch([tmp_path / "in"], out, workers=1, extractor=FAKE)
    entries = done_entries(out)
    sizes = entries[2]["sizes"]
    assert isinstance(sizes, dict)
    for role, size in sizes.items():
        os.truncate(out / f"{role}.{'csv' if role in ('claims', 'tasks') else 'jsonl'}", size)
    summary = run_batch([tmp_path / "in"], out, workers=1, extractor=FAKE)
    assert (summary.processed, summary.skipped) == (2, 3)
    assert output_state(out) == output_state(ref)


def test_chunked_pool_isolates_a_crash_to_its_file(tmp_path: Path) -> None:
    make_docs(tmp_path / "in", 9)
    (tmp_path / "in" / "doc004_crash.txt").write_text("要crash。增长1%。", encoding="utf-8")
    summary = run_batch(
        [tmp_path / "in"], tmp_path / "out", workers=2, chunksize=3, extractor=crashing_extract
    )
    assert [(Path(e["path"]).name, e["code"]) for e in summary.run_errors] == [
        ("doc004_crash.txt", "WORKER_CRASH")
    ]
    assert summary.documents == 9
    assert len(done_entries(tmp_path / "out")) == 10


def test_resume_refuses_outputs_that_do_not_match_the_log(tmp_path: Path) -> None:
    make_docs(tmp_path / "in", 2)
    out = tmp_path / "out"
    run_batch([tmp_path / "in"], out, workers=1, extractor=FAKE)
    (out / "claims.csv").write_bytes(b"")
    with pytest.raises(BatchError, match="--no-resume"):
        run_batch([tmp_path / "in"], out, workers=1, extractor=FAKE)


def _cli(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "policyparse.cli", "extract", *args]


def test_kill_9_mid_run_then_resume_loses_and_repeats_nothing(tmp_path: Path) -> None:
    make_docs(tmp_path / "in", 40)
    bad = make_bad_files(tmp_path / "bad")
    inputs = [str(tmp_path / "in"), str(CORPUS), str(tmp_path / "bad")]
    ref, out = tmp_path / "ref", tmp_path / "out"
    reference = run_batch(inputs, ref, workers=1, extractor=FAKE)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), str(ROOT / "src")])}
    args = [*inputs, "-o", str(out), "--workers", "2", "--extractor", f"{THIS}:slow_extract"]
    proc = subprocess.Popen(
        _cli(args),
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while len(done_entries(out)) < 12 and proc.poll() is None:
            assert time.monotonic() < deadline, "the batch never got going"
            time.sleep(0.02)
        assert proc.poll() is None, "the batch finished before the kill"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the whole run: parent and its workers
        proc.wait()
    n_before = len(done_entries(out))
    assert 12 <= n_before < reference.processed
    resumed = subprocess.run(_cli(args), env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 1, resumed.stderr  # the bad files fail, as uninterrupted
    assert reference.line() in resumed.stderr
    assert f"{n_before} already done" in resumed.stderr
    assert output_state(out) == output_state(ref)
    keys = [e["key"] for e in done_entries(out)]
    assert len(keys) == len(set(keys)) == reference.processed
    sources = [json.loads(line)["source"] for line in sorted_lines(out / "documents.jsonl")]
    assert not [s for s, n in Counter(sources).items() if n > 1]
    check_bad_file_run(out, bad, reference.documents)


def test_cli_names_a_missing_input() -> None:
    result = CliRunner().invoke(app, ["extract", "no/such/report.txt"])
    assert result.exit_code == 2
    assert "no/such/report.txt: no such file or directory" in result.output
