"""Dask adapter: the batch runner's per-document function over a ``dask.bag``.

Needs the ``dask`` extra (``pip install 'policyparse[dask]'``).

* :func:`extract_bag` — a lazy ``dask.bag.Bag`` holding, per input file, the
  Document as a JSON dict (``Document.model_validate(d)`` reads it back) or an
  error dict ``{"path", "sha256", "code", "code_id", "cause"}`` (tell them
  apart with :func:`is_error`).
* :func:`run_dask` — the same outputs as :func:`policyparse.batch.run_batch`
  (``documents.jsonl``, ``claims.csv``, ``tasks.csv``, ``errors.jsonl``,
  Parquet twins, resumable commit log), computed on a ``distributed`` cluster.
  The client process hashes the inputs (for resume) and is the single writer;
  the workers extract.  Input paths must be readable from every worker (a
  shared file system), and the output directory from the client.

On a real cluster::

    from distributed import Client
    from policyparse.integrations.dask import run_dask
    run_dask(["/shared/reports/"], "/shared/out/", Client("tcp://scheduler:8786"))
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..batch import (
    BatchError,
    BatchSummary,
    ExtractorSpec,
    FileResult,
    Job,
    _jobs,
    _layout,
    _remove_parquet_twins,
    _spec_of,
    _write_parquet_twins,
    _Writer,
    iter_inputs,
    process_file,
    resolve_extractor,
)
from ..records import Document

__all__ = ["extract_bag", "extract_record", "is_error", "run_dask"]

DEFAULT_PARTITION_SIZE = 4
"""Files per bag partition: small, so a partition's results stay small in memory."""

_CACHE: dict[str, Any] = {}


def _extractor(spec: ExtractorSpec) -> Any:
    """The extractor for ``spec``, resolved once per worker process."""
    if not isinstance(spec, str):
        return spec
    fn = _CACHE.get(spec)
    if fn is None:
        fn = _CACHE.setdefault(spec, resolve_extractor(spec))
    return fn


def extract_record(path: str, extractor: ExtractorSpec | None = None) -> dict[str, Any]:
    """One file → its Document as a JSON dict, or an error dict (never raises on a bad file)."""
    spec = _spec_of(extractor)
    fn = _extractor(spec)
    try:
        doc: Document = fn(Path(path))
    except Exception as err:
        from ..batch import _failure

        return _failure(path, None, err).error_record()
    if doc.source is None:
        doc = doc.model_copy(update={"source": path})
    return doc.model_dump(mode="json")


def is_error(record: dict[str, Any]) -> bool:
    """Is this element of :func:`extract_bag` an error dict (not a Document)?"""
    return "doc_id" not in record


def _paths(inputs: Iterable[str | os.PathLike[str]] | str) -> list[str]:
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    return [str(p) for p in iter_inputs(inputs)]


def extract_bag(
    paths: Iterable[str | os.PathLike[str]] | str,
    *,
    extractor: ExtractorSpec | None = None,
    npartitions: int | None = None,
) -> Any:
    """A ``dask.bag.Bag`` of Document dicts (or error dicts), one per input file.

    ``paths`` are files, directories or globs, expanded on the client with
    :func:`policyparse.batch.iter_inputs`.  By default each partition holds
    :data:`DEFAULT_PARTITION_SIZE` files.
    """
    db: Any = importlib.import_module("dask.bag")  # untyped library
    files = _paths(paths)
    spec = _spec_of(extractor)
    if npartitions is None:
        npartitions = max(1, -(-len(files) // DEFAULT_PARTITION_SIZE))
    return db.from_sequence(files, npartitions=npartitions).map(extract_record, spec)


def _run_job(job: Job, spec: ExtractorSpec) -> tuple[Job, FileResult]:
    return job, process_file(job[1], _extractor(spec), job[2])


def _results(
    jobs: list[Job], spec: ExtractorSpec, client: Any, partition_size: int
) -> Iterator[tuple[Job, FileResult]]:
    """Compute the jobs partition by partition, at most two partitions per worker thread."""
    db: Any = importlib.import_module("dask.bag")  # untyped library
    as_completed: Any = importlib.import_module("distributed").as_completed
    if not jobs:
        return
    parts = db.from_sequence(jobs, partition_size=partition_size).map(_run_job, spec)
    delayed = list(parts.to_delayed())
    threads = sum(client.nthreads().values()) or 1
    limit = 2 * threads
    queue = iter(delayed)
    # range first: zip must not pull (and drop) a part once the limit is reached
    first = [client.compute(d) for _, d in zip(range(limit), queue, strict=False)]
    running = as_completed(first)
    for fut in running:
        batch: list[tuple[Job, FileResult]] = fut.result()
        fut.release()
        nxt = next(queue, None)
        if nxt is not None:
            running.add(client.compute(nxt))
        yield from batch


def run_dask(
    inputs: Iterable[str | os.PathLike[str]] | str,
    out_dir: str | os.PathLike[str],
    client: Any = None,
    *,
    extractor: ExtractorSpec | None = None,
    resume: bool = True,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    sync_interval: float = 1.0,
) -> BatchSummary:
    """Extract ``inputs`` into ``out_dir`` on a Dask cluster; same outputs as ``run_batch``.

    ``client`` is a ``distributed.Client``; when ``None`` a local cluster with
    one process per core is started for the run and closed after it.
    """
    spec = _spec_of(extractor)
    resolve_extractor(spec)
    files = _paths(inputs)
    layout = _layout(Path(out_dir))
    writer = _Writer(layout, resume=resume, sync_interval=sync_interval)
    _remove_parquet_twins(layout)

    def emit(job: Job, result: FileResult) -> None:
        if result.code in ("SKIPPED", "DUPLICATE"):
            return
        if result.fatal:
            raise BatchError(
                f"{result.path}: {result.cause} (is policyparse installed on workers?)"
            )
        writer.commit(job[0], result)

    own = None
    try:
        jobs = list(_jobs((Path(f) for f in files), writer, emit))
        if client is None and jobs:
            dist: Any = importlib.import_module("distributed")
            cluster = dist.LocalCluster(
                processes=True, threads_per_worker=1, dashboard_address=":0"
            )
            own = (cluster, dist.Client(cluster))
            client = own[1]
        if jobs:
            for job, result in _results(jobs, spec, client, partition_size):
                emit(job, result)
    finally:
        writer.close()
        if own is not None:
            own[1].close()
            own[0].close()
    _write_parquet_twins(layout)
    return writer.summary
