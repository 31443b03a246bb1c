"""Batch extraction of report archives: process pool, streaming outputs, resume, error records.

:func:`run_batch` turns many files into one output directory::

    OUT/documents.jsonl   one Document per line (``source`` = the input path)
    OUT/claims.csv        one row per claim   (UTF-8 with BOM; see export.CLAIM_COLUMNS)
    OUT/tasks.csv         one row per task    (UTF-8 with BOM; see export.TASK_COLUMNS)
    OUT/errors.jsonl      one record per file that failed: path, sha256, code, code_id, cause
    OUT/claims.parquet    Parquet twins of the CSVs (when pyarrow is installed),
    OUT/tasks.parquet     rebuilt from the CSVs at the end of every run
    OUT/.done.jsonl       the commit log that makes the run resumable

Write protocol (see ``docs/batch.md``): a single writer (the parent process)
appends each finished file's records to the outputs, flushes and fsyncs them,
and only then appends one line to ``.done.jsonl`` holding the file's content
hash (sha256 of its raw bytes) and the byte size of every output file *after*
those records.  On resume the log is read up to its last complete line, every
output is truncated to the sizes that line records, and files whose hash is in
the log are skipped.  A run killed at any instant therefore resumes without
losing or repeating a record.

Work is done by a ``ProcessPoolExecutor`` with the *spawn* start method; each
worker resolves the extractor from its import path and builds its tokenizer
and tables once (initializer).  At most ``2 × workers`` files are in flight,
so memory does not grow with the size of the archive.  A worker that dies on
a file (segfault, out-of-memory kill) breaks the pool: the files that were in
flight are re-run one at a time in a fresh single-worker pool, the one that
kills it again gets a ``WORKER_CRASH`` error record, and the batch goes on.
"""

from __future__ import annotations

import glob
import hashlib
import importlib
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .errors import ErrorCode, PolicyParseError
from .export import CLAIM_COLUMNS, TASK_COLUMNS, claims_rows, csv_text, tasks_rows
from .records import Document

__all__ = [
    "DEFAULT_EXTRACTOR",
    "INPUT_SUFFIXES",
    "STATE_NAME",
    "BatchError",
    "BatchSummary",
    "FileResult",
    "hash_file",
    "iter_inputs",
    "process_file",
    "read_state",
    "resolve_extractor",
    "run_batch",
]

Extractor = Callable[[Path], Document]
ExtractorSpec = str | Extractor

DEFAULT_EXTRACTOR = "policyparse.pipeline:extract"
"""Import path of the per-document function (``module:attribute``)."""

INPUT_SUFFIXES: frozenset[str] = frozenset({".txt", ".html", ".htm", ".docx", ".pdf"})
"""Extensions picked up when a directory or glob is expanded."""

STATE_NAME = ".done.jsonl"
"""Name of the commit log inside an output directory."""

_SKIP_SUFFIX = ".gold.jsonl"
_SKIP_NAMES = frozenset({"MANIFEST.tsv"})
_GLOB_CHARS = frozenset("*?[")
_HASH_BLOCK = 1 << 20
_BUILTIN = frozenset({"policyparse.pipeline:extract", "policyparse.pipeline:segment"})

# Batch-level error codes (beside ErrorCode names for bad files).
WORKER_CRASH = "WORKER_CRASH"
INTERNAL = "INTERNAL"


class BatchError(Exception):
    """The batch cannot go on (broken installation, output state that does not match)."""


# --------------------------------------------------------------------------- inputs


def _wanted(path: Path) -> bool:
    name = path.name
    return (
        not name.startswith(".")
        and not name.endswith(_SKIP_SUFFIX)
        and name not in _SKIP_NAMES
        and path.suffix.lower() in INPUT_SUFFIXES
    )


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in sorted order, lazily; hidden files and directories skipped."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = root / entry.name
        if entry.is_dir(follow_symlinks=True):
            yield from _walk(path)
        elif entry.is_file(follow_symlinks=True) and _wanted(path):
            yield path


def iter_inputs(paths_or_globs: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Expand files, directories and glob patterns into the files to process.

    * a file named explicitly is taken whatever its extension;
    * a directory is walked recursively (sorted), keeping files with extensions
      in :data:`INPUT_SUFFIXES` and skipping hidden files and directories,
      ``*.gold.jsonl`` and ``MANIFEST.tsv``;
    * a pattern with ``* ? [`` that names no existing path is expanded with
      :func:`glob.glob` (``**`` recurses); matches are filtered like a directory's
      files, matched directories are walked;
    * a path that does not exist is yielded as is (it becomes a NOT_FOUND record).

    Each file is yielded once, in the order given.
    """
    seen: set[str] = set()

    def once(path: Path) -> Iterator[Path]:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            yield path

    for item in paths_or_globs:
        text = os.fspath(item)
        path = Path(text)
        if path.is_dir():
            for p in _walk(path):
                yield from once(p)
        elif path.exists() or not (_GLOB_CHARS & set(text)):
            yield from once(path)
        else:
            for match in sorted(glob.glob(text, recursive=True)):
                mp = Path(match)
                if mp.is_dir():
                    for p in _walk(mp):
                        yield from once(p)
                elif mp.is_file() and _wanted(mp):
                    yield from once(mp)


def hash_file(path: str | os.PathLike[str]) -> str:
    """sha256 of the raw bytes of a file (streamed: memory does not grow with its size)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


# --------------------------------------------------------------------------- per file


def resolve_extractor(spec: ExtractorSpec | None) -> Extractor:
    """The extractor named by ``spec`` (``"module:attr"`` or ``"module.attr"``), or ``spec``."""
    if spec is None:
        spec = DEFAULT_EXTRACTOR
    if not isinstance(spec, str):
        return spec
    module, sep, attr = spec.partition(":")
    if not sep:
        module, _, attr = spec.rpartition(".")
    if not module or not attr:
        raise BatchError(f"extractor {spec!r} is not an import path 'module:function'")
    obj: Any = importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    if not callable(obj):
        raise BatchError(f"extractor {spec!r} is not callable")
    return obj  # type: ignore[no-any-return]


def _spec_of(extractor: ExtractorSpec | None) -> ExtractorSpec:
    """A spec that crosses into spawned workers: an import path where one exists."""
    if extractor is None:
        return DEFAULT_EXTRACTOR
    if isinstance(extractor, str):
        return extractor
    module = getattr(extractor, "__module__", None)
    qualname = getattr(extractor, "__qualname__", "")
    if module and qualname and "<" not in qualname and module != "__main__":
        return f"{module}:{qualname}"
    return extractor  # pickled as is


@dataclass(frozen=True)
class FileResult:
    """What one input file produced, ready to be written (strings, so it pickles cheaply)."""

    path: str
    sha256: str | None
    doc_id: str | None = None
    document: str = ""  # the Document as one JSON line (no newline)
    claims_csv: str = ""  # its claim rows as CSV lines
    tasks_csv: str = ""  # its task rows as CSV lines
    n_claims: int = 0
    n_tasks: int = 0
    code: str | None = None  # error code name (TOO_LARGE, WORKER_CRASH …) when it failed
    code_id: str | None = None  # ErrorCode value (E003) when there is one
    cause: str | None = None
    fatal: bool = False  # the failure is not the file's fault: stop the batch

    @property
    def ok(self) -> bool:
        return self.code is None

    def error_record(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "code": self.code,
            "code_id": self.code_id,
            "cause": self.cause,
        }


def _failure(path: str, sha: str | None, err: BaseException) -> FileResult:
    if isinstance(err, PolicyParseError):
        return FileResult(path, sha, code=err.code.name, code_id=err.code.value, cause=err.cause)
    return FileResult(
        path,
        sha,
        code=INTERNAL,
        cause=f"{type(err).__name__}: {err}",
        fatal=isinstance(err, ImportError),
    )


def process_file(path: str, extractor: Extractor, sha256: str | None = None) -> FileResult:
    """Run ``extractor`` on one file and render its outputs; never raises on a bad file."""
    try:
        doc = extractor(Path(path))
    except Exception as err:  # error isolation: one bad file never stops the batch
        return _failure(path, sha256, err)
    if doc.source is None:
        doc = doc.model_copy(update={"source": path})
    return FileResult(
        path=path,
        sha256=sha256,
        doc_id=doc.doc_id,
        document=doc.model_dump_json(),
        claims_csv=csv_text(claims_rows(doc), CLAIM_COLUMNS),
        tasks_csv=csv_text(tasks_rows(doc), TASK_COLUMNS),
        n_claims=len(doc.claims),
        n_tasks=len(doc.tasks),
    )


# Worker-process state: one extractor per worker process, set by the initializer.
_WORKER: dict[str, Extractor] = {}


def _worker_init(spec: ExtractorSpec) -> None:
    """Resolve the extractor and build the tokenizer and tables once per worker."""
    fn = resolve_extractor(spec)
    _WORKER["extractor"] = fn
    try:
        from .segment.words import default_segmenter

        default_segmenter().tokenizer  # noqa: B018 - builds the private jieba dictionary
        if isinstance(spec, str) and spec in _BUILTIN:
            fn("今年地区生产总值增长5%左右，要加快推进重点项目建设。")  # type: ignore[arg-type]
    except Exception:  # a warm-up failure shows again, per file, in process_file
        pass


def _worker_run(path: str, sha: str | None) -> FileResult:
    return process_file(path, _WORKER["extractor"], sha)


def _worker_run_chunk(items: list[tuple[str, str | None]]) -> list[FileResult]:
    return [process_file(path, _WORKER["extractor"], sha) for path, sha in items]


# --------------------------------------------------------------------------- outputs


@dataclass
class BatchSummary:
    """Totals over the whole output (this run plus resumed runs) and what this run did."""

    out: Path
    documents: int = 0
    claims: int = 0
    tasks: int = 0
    errors: int = 0
    processed: int = 0  # files handled in this run
    skipped: int = 0  # already done in an earlier run (resume)
    duplicates: int = 0  # same bytes as another input of this run
    run_errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def line(self) -> str:
        return (
            f"{self.documents} documents, {self.claims} claims, "
            f"{self.tasks} tasks, {self.errors} errors"
        )


_DIR_FILES = ("documents.jsonl", "claims.csv", "tasks.csv", "errors.jsonl")
_CSV_HEADER = {
    "claims.csv": csv_text((), CLAIM_COLUMNS, header=True),
    "tasks.csv": csv_text((), TASK_COLUMNS, header=True),
}


@dataclass(frozen=True)
class _Layout:
    """Which output files a run writes and where its commit log lives."""

    files: dict[str, Path]  # role → path; roles: documents, claims, tasks, errors
    headers: dict[str, bytes]
    state: Path
    directory: Path | None  # the output directory (None in single-file mode)


def _layout(out: Path) -> _Layout:
    suffix = out.suffix.lower()
    if suffix in (".jsonl", ".csv") and not out.is_dir():
        role = "documents" if suffix == ".jsonl" else "claims"
        header = b"" if role == "documents" else ("\ufeff" + _CSV_HEADER["claims.csv"]).encode()
        return _Layout(
            files={role: out},
            headers={role: header},
            state=out.with_name(f".{out.name}{STATE_NAME}"),
            directory=None,
        )
    files = {name.split(".")[0]: out / name for name in _DIR_FILES}
    headers = {
        role: (("\ufeff" + _CSV_HEADER[path.name]).encode() if path.suffix == ".csv" else b"")
        for role, path in files.items()
    }
    return _Layout(files=files, headers=headers, state=out / STATE_NAME, directory=out)


def _log_lines(path: Path) -> list[tuple[dict[str, Any], int]]:
    """Complete, valid lines of a commit log with the byte offset where each ends."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    out: list[tuple[dict[str, Any], int]] = []
    pos = 0
    while (nl := data.find(b"\n", pos)) >= 0:
        try:
            entry = json.loads(data[pos:nl])
        except ValueError:
            break
        if not isinstance(entry, dict) or not isinstance(entry.get("sizes"), dict):
            break
        pos = nl + 1
        out.append((entry, pos))
    return out


def read_state(path: Path) -> tuple[list[dict[str, Any]], int]:
    """Entries of a commit log up to its last complete line, and that line's end offset."""
    lines = _log_lines(path)
    return [entry for entry, _ in lines], (lines[-1][1] if lines else 0)


def _fsync(handle: IO[bytes]) -> None:
    handle.flush()
    os.fsync(handle.fileno())


class _Writer:
    """The single writer: appends records, then commits them to the log.

    Every record and every log line is flushed to the operating system at once
    (so a killed process loses nothing that was committed); ``fsync`` to the
    disk happens every ``sync_interval`` seconds and at the end, outputs first,
    log second (so after a power cut the log is at most ahead of the outputs,
    which :meth:`_restore` handles by going back to the last entry they hold).
    """

    def __init__(self, layout: _Layout, *, resume: bool, sync_interval: float) -> None:
        self.layout = layout
        self.sync_interval = sync_interval
        self.last_sync = time.monotonic()
        self.done: set[str] = set()
        self.summary = BatchSummary(out=layout.directory or next(iter(layout.files.values())))
        if layout.directory is not None:
            layout.directory.mkdir(parents=True, exist_ok=True)
        else:
            layout.state.parent.mkdir(parents=True, exist_ok=True)
        lines = _log_lines(layout.state) if resume else []
        if lines:
            self._restore(lines)
        else:
            self._start()

    def _start(self) -> None:
        """A fresh output: headers only, and a log whose first line commits them."""
        sizes: dict[str, int] = {}
        for role, path in self.layout.files.items():
            header = self.layout.headers[role]
            with open(path, "wb") as handle:
                handle.write(header)
                _fsync(handle)
            sizes[role] = len(header)
        self.handles = {role: open(p, "ab") for role, p in self.layout.files.items()}
        self.state = open(self.layout.state, "wb")
        self._log({"kind": "start", "sizes": sizes})
        self.sync()

    def _restore(self, lines: list[tuple[dict[str, Any], int]]) -> None:
        """Cut every output back to the last committed sizes; rebuild the done-set and totals.

        The last committed entry is the last log line whose recorded sizes every
        output still reaches (after a kill -9 that is the last complete line; after
        a power cut it can be an earlier one).
        """
        have = {
            role: (path.stat().st_size if path.exists() else -1)
            for role, path in self.layout.files.items()
        }
        keep = len(lines)
        while keep and not all(
            0 <= lines[keep - 1][0]["sizes"].get(role, -1) <= have[role] for role in have
        ):
            keep -= 1
        if keep == 0:
            raise BatchError(
                f"the outputs in {self.layout.directory or self.layout.state.parent} do not "
                f"match their commit log {self.layout.state.name} (a file was removed or "
                "edited); rerun with --no-resume"
            )
        sizes: dict[str, int] = lines[keep - 1][0]["sizes"]
        for role, path in self.layout.files.items():
            if have[role] > sizes[role]:
                os.truncate(path, sizes[role])  # drop records of files not committed
        with open(self.layout.state, "r+b") as handle:
            handle.truncate(lines[keep - 1][1])  # drop a half-written last log line
        s = self.summary
        for entry, _ in lines[:keep]:
            if entry.get("kind") != "file":
                continue
            self.done.add(entry["key"])
            if entry.get("code") is None:
                s.documents += 1
                s.claims += int(entry.get("claims", 0))
                s.tasks += int(entry.get("tasks", 0))
            else:
                s.errors += 1
        self.handles = {role: open(p, "ab") for role, p in self.layout.files.items()}
        self.state = open(self.layout.state, "ab")

    def sync(self) -> None:
        """fsync the outputs, then the log."""
        for handle in self.handles.values():
            _fsync(handle)
        _fsync(self.state)
        self.last_sync = time.monotonic()

    def _log(self, entry: dict[str, Any]) -> None:
        line = json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n"
        self.state.write(line.encode("utf-8"))
        self.state.flush()

    def _append(self, role: str, text: str) -> None:
        handle = self.handles.get(role)
        if handle is not None and text:
            handle.write(text.encode("utf-8"))
            handle.flush()

    def commit(self, key: str, result: FileResult) -> None:
        """Write one file's records, then log it as done (the order is the protocol)."""
        s = self.summary
        s.processed += 1
        if result.ok:
            self._append("documents", result.document + "\n")
            self._append("claims", result.claims_csv)
            self._append("tasks", result.tasks_csv)
            s.documents += 1
            s.claims += result.n_claims
            s.tasks += result.n_tasks
        else:
            record = result.error_record()
            self._append("errors", json.dumps(record, ensure_ascii=False) + "\n")
            s.errors += 1
            s.run_errors.append(record)
        sizes = {role: h.tell() for role, h in self.handles.items()}
        entry: dict[str, Any] = {
            "kind": "file",
            "key": key,
            "path": result.path,
            "doc_id": result.doc_id,
            "claims": result.n_claims,
            "tasks": result.n_tasks,
            "code": result.code,
            "sizes": sizes,
        }
        self._log(entry)
        self.done.add(key)
        if time.monotonic() - self.last_sync >= self.sync_interval:
            self.sync()

    def close(self) -> None:
        self.sync()
        for handle in self.handles.values():
            handle.close()
        self.state.close()


def _write_parquet_twins(layout: _Layout) -> None:
    """Rebuild ``claims.parquet``/``tasks.parquet`` from the committed CSVs (needs pyarrow)."""
    if layout.directory is None:
        return
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return
    from .export import read_csv_rows, write_parquet

    for role in ("claims", "tasks"):
        write_parquet(read_csv_rows(layout.files[role]), layout.directory / f"{role}.parquet", role)


def _remove_parquet_twins(layout: _Layout) -> None:
    if layout.directory is not None:
        for role in ("claims", "tasks"):
            (layout.directory / f"{role}.parquet").unlink(missing_ok=True)


# --------------------------------------------------------------------------- running


def _default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _pool(workers: int, spec: ExtractorSpec) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_init,
        initargs=(spec,),
    )


Job = tuple[str, str, str | None]  # (key, path, sha256)


def _crash(job: Job) -> FileResult:
    return FileResult(
        job[1],
        job[2],
        code=WORKER_CRASH,
        cause="the worker process died while extracting this file (crash or out of memory)",
    )


def _run_isolated(
    jobs: list[Job], spec: ExtractorSpec, emit: Callable[[Job, FileResult], None]
) -> None:
    """Re-run suspects of a pool crash one at a time; the one that kills a worker is the culprit."""
    pool: ProcessPoolExecutor | None = None
    try:
        for job in jobs:
            if pool is None:
                pool = _pool(1, spec)
            try:
                result = pool.submit(_worker_run, job[1], job[2]).result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = None
                result = _crash(job)
            except Exception as err:
                result = _failure(job[1], job[2], err)
            emit(job, result)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _run_pool(
    jobs: Iterator[Job],
    workers: int,
    spec: ExtractorSpec,
    emit: Callable[[Job, FileResult], None],
    chunksize: int = 1,
) -> None:
    """imap-style: chunks of ``chunksize`` files, at most ``2 × workers`` chunks in flight.

    Results are emitted as chunks finish.  When a worker dies the pool breaks:
    every file of the chunks still in flight is re-run in isolation.
    """
    max_in_flight = 2 * workers
    pending: dict[Future[list[FileResult]], list[Job]] = {}
    pool = _pool(workers, spec)
    exhausted = False

    def take() -> list[Job]:
        chunk: list[Job] = []
        for job in jobs:
            chunk.append(job)
            if len(chunk) >= chunksize:
                break
        return chunk

    def settle(fut: Future[list[FileResult]], chunk: list[Job], suspects: list[Job]) -> None:
        try:
            results = fut.result()
        except BrokenProcessPool:
            suspects.extend(chunk)
            return
        except Exception as err:  # e.g. a result that would not unpickle
            results = [_failure(job[1], job[2], err) for job in chunk]
        for job, result in zip(chunk, results, strict=True):
            emit(job, result)

    try:
        while True:
            suspects: list[Job] = []
            while not exhausted and len(pending) < max_in_flight:
                chunk = take()
                if not chunk:
                    exhausted = True
                    break
                try:
                    fut = pool.submit(_worker_run_chunk, [(j[1], j[2]) for j in chunk])
                except BrokenProcessPool:  # a worker died since the last wait
                    suspects.extend(chunk)
                    break
                pending[fut] = chunk
            if not pending and not suspects:
                break
            if not suspects:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    settle(fut, pending.pop(fut), suspects)
            if suspects:
                wait(pending)  # a broken pool fails every future it still holds
                for fut, chunk in pending.items():
                    settle(fut, chunk, suspects)
                pending.clear()
                pool.shutdown(wait=True, cancel_futures=True)
                _run_isolated(suspects, spec, emit)
                pool = _pool(workers, spec)
    finally:
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _unreadable(name: str, err: OSError) -> FileResult:
    code = ErrorCode.NOT_FOUND
    if isinstance(err, FileNotFoundError):
        cause = "no such file"
    else:
        cause = f"cannot read it ({err.strerror or err})"
    return FileResult(name, None, code=code.name, code_id=code.value, cause=cause)


def _jobs(
    paths: Iterable[Path], writer: _Writer, emit: Callable[[Job, FileResult], None]
) -> Iterator[Job]:
    """Hash each input and yield the ones to extract; record skips, duplicates, unreadables."""
    submitted: set[str] = set()
    s = writer.summary
    for path in paths:
        name = str(path)
        try:
            sha: str | None = hash_file(path)
            key = f"sha256:{sha}"
        except OSError as err:
            sha = None
            key = f"path:{os.path.abspath(path)}"
            if key not in writer.done and key not in submitted:
                submitted.add(key)
                emit((key, name, None), _unreadable(name, err))
                continue
        if key in submitted:
            s.duplicates += 1
            emit((key, name, sha), FileResult(name, sha, code="DUPLICATE"))
            continue
        if key in writer.done:
            s.skipped += 1
            emit((key, name, sha), FileResult(name, sha, code="SKIPPED"))
            continue
        submitted.add(key)
        yield key, name, sha


def run_batch(
    inputs: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    workers: int | None = None,
    resume: bool = True,
    extractor: ExtractorSpec | None = None,
    progress: bool | None = None,
    sync_interval: float = 1.0,
    chunksize: int = 1,
) -> BatchSummary:
    """Extract every input file into ``out_dir``; see the module docstring for the outputs.

    ``inputs`` are files, directories or globs (:func:`iter_inputs`).  ``out_dir``
    is a directory, or a ``*.jsonl`` file (documents only) or ``*.csv`` file
    (claims only).  ``workers`` defaults to all cores; ``1`` runs in-process.
    ``resume`` skips files whose content was committed by an earlier run into the
    same output; ``False`` starts over.  ``extractor`` is the per-document
    function ``Path -> Document`` or its import path (default
    :data:`DEFAULT_EXTRACTOR`).  ``progress`` shows a tqdm bar on stderr
    (default: when stderr is a terminal).  Records are flushed to the OS as they
    are committed (safe against a killed process); ``sync_interval`` is how often
    (seconds) they are fsync'd to disk (``0``: after every file).  ``chunksize``
    files go to a worker per task (more amortises inter-process overhead for
    many tiny files; a crash then re-runs the whole chunk in isolation).

    Raises :class:`BatchError` when the extractor cannot be imported or the
    outputs do not match their commit log; bad files never raise.
    """
    spec = _spec_of(extractor)
    resolve_extractor(spec)  # fail early on a wrong import path
    paths = list(iter_inputs(inputs))
    layout = _layout(Path(out_dir))
    writer = _Writer(layout, resume=resume, sync_interval=sync_interval)
    _remove_parquet_twins(layout)
    n_workers = max(1, workers if workers is not None else _default_workers())
    n_workers = min(n_workers, max(1, len(paths)))
    if progress is None:
        progress = sys.stderr.isatty()
    tqdm: Any = importlib.import_module("tqdm").tqdm  # untyped library

    bar = tqdm(total=len(paths), unit="doc", file=sys.stderr, disable=not progress)
    fatal: list[FileResult] = []

    def emit(job: Job, result: FileResult) -> None:
        bar.update(1)
        if result.code in ("SKIPPED", "DUPLICATE"):
            return
        if result.fatal:
            fatal.append(result)
            raise BatchError(f"{result.path}: {result.cause} (is policyparse fully installed?)")
        writer.commit(job[0], result)

    try:
        jobs = _jobs(paths, writer, emit)
        if n_workers == 1:
            fn = resolve_extractor(spec)
            for key, name, sha in jobs:
                emit((key, name, sha), process_file(name, fn, sha))
        else:
            _run_pool(jobs, n_workers, spec, emit, max(1, chunksize))
    finally:
        bar.close()
        writer.close()
    _write_parquet_twins(layout)
    return writer.summary
