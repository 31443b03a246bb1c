"""Dask adapter: same records as the local runner, on a real multi-process cluster."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from policyparse.batch import run_batch
from policyparse.records import Document

distributed = pytest.importorskip("distributed")
pytest.importorskip("dask.bag")

from policyparse.integrations.dask import extract_bag, is_error, run_dask  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def sorted_lines(path: Path) -> list[str]:
    return sorted(line for line in path.read_text(encoding="utf-8-sig").splitlines() if line)


@pytest.fixture(scope="module")
def client() -> object:
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
    )
    with cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture()
def inputs(tmp_path: Path) -> list[Path]:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "random.txt").write_bytes(os.urandom(4096))
    return [CORPUS, bad]


def test_run_dask_writes_the_same_records_as_the_local_runner(
    client: object, inputs: list[Path], tmp_path: Path
) -> None:
    local = run_batch(inputs, tmp_path / "local", workers=1)
    summary = run_dask(inputs, tmp_path / "dask", client)
    assert summary.line() == local.line()
    assert summary.errors == 2
    for name in ("documents.jsonl", "claims.csv", "tasks.csv", "errors.jsonl"):
        assert sorted_lines(tmp_path / "dask" / name) == sorted_lines(tmp_path / "local" / name)
    again = run_dask(inputs, tmp_path / "dask", client)  # resumable like the local runner
    assert (again.processed, again.skipped) == (0, local.processed)


def test_extract_bag_yields_documents_and_error_dicts(client: object, inputs: list[Path]) -> None:
    records = extract_bag(inputs).compute()
    errors = sorted((Path(r["path"]).name, r["code"]) for r in records if is_error(r))
    assert errors == [("empty.txt", "EMPTY"), ("random.txt", "BINARY")]
    docs = [Document.model_validate(r) for r in records if not is_error(r)]
    assert docs and all(d.source and d.source.startswith(str(CORPUS)) for d in docs)
    assert sum(len(d.claims) for d in docs) > 0
