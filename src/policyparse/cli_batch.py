"""The ``extract`` and ``panel`` commands (mounted on the app in ``cli.py``)."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from .errors import PolicyParseError
from .records import Document

_MAX_ERROR_LINES = 20


def _print_errors(errors: list[dict[str, object]], where: str) -> None:
    for record in errors[:_MAX_ERROR_LINES]:
        typer.echo(f"error: {record['path']}: {record['cause']} [{record['code']}]", err=True)
    if len(errors) > _MAX_ERROR_LINES:
        typer.echo(f"… {len(errors) - _MAX_ERROR_LINES} more errors in {where}", err=True)


def _single(path: Path, fmt: str, out: Path | None, extractor: str | None) -> None:
    """One file: its Document as a JSON line (jsonl), pretty JSON (json) or claims CSV (csv)."""
    from .batch import BatchError, resolve_extractor
    from .export import CLAIM_COLUMNS, claims_rows, csv_text

    try:
        doc = resolve_extractor(extractor)(path)
    except PolicyParseError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(code=1) from None
    except (BatchError, ImportError) as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(code=2) from None
    if fmt == "json":
        text = doc.model_dump_json(indent=1) + "\n"
    elif fmt == "csv":
        text = csv_text(claims_rows(doc), CLAIM_COLUMNS, header=True)
    else:
        text = doc.model_dump_json() + "\n"
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        enc = "utf-8-sig" if fmt == "csv" else "utf-8"
        with open(out, "w", encoding=enc, newline="") as handle:
            handle.write(text)


def extract_command(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, directories (recursive) or glob patterns.")
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--out",
            help="Output directory (documents.jsonl, claims.csv, tasks.csv, errors.jsonl, "
            "*.parquet), or a FILE.jsonl (documents only) / FILE.csv (claims only).",
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", help="For one file: jsonl (default), json (pretty) or csv (claims)."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Worker processes (default: all cores)."),
    ] = None,
    no_resume: Annotated[
        bool, typer.Option("--no-resume", help="Start over instead of skipping done files.")
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal)."),
    ] = None,
    extractor: Annotated[
        str | None,
        typer.Option("--extractor", hidden=True, help="Per-document function, module:function."),
    ] = None,
) -> None:
    """Extract claims and tasks from many reports into analysable tables.

    Exit code 0 when every file was read, 1 when some failed (see errors.jsonl),
    2 on a usage error.
    """
    from .batch import BatchError, iter_inputs, run_batch

    if fmt is not None and fmt not in ("jsonl", "json", "csv"):
        typer.echo("error: --format must be jsonl, json or csv", err=True)
        raise typer.Exit(code=2)
    missing = [p for p in inputs if not any(c in str(p) for c in "*?[") and not Path(p).exists()]
    if missing:
        for p in missing:
            typer.echo(f"error: {p}: no such file or directory", err=True)
        raise typer.Exit(code=2)
    single = len(inputs) == 1 and Path(inputs[0]).is_file()
    if single and (out is None or out.suffix.lower() == ".json"):
        _single(Path(inputs[0]), fmt or ("json" if out is not None else "jsonl"), out, extractor)
        return
    if out is None:
        typer.echo("error: a directory, a glob or several inputs: give an output directory with -o OUT", err=True)
        raise typer.Exit(code=2)
    if out.suffix.lower() == ".json":
        typer.echo("error: -o FILE.json takes one input file; use a directory or .jsonl", err=True)
        raise typer.Exit(code=2)
    if next(iter(iter_inputs(inputs)), None) is None:
        typer.echo(f"error: no input files in {' '.join(inputs)}", err=True)
        raise typer.Exit(code=2)
    try:
        summary = run_batch(
            inputs,
            out,
            workers=workers,
            resume=not no_resume,
            extractor=extractor,
            progress=progress,
        )
    except BatchError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(code=2) from None
    where = str(out / "errors.jsonl") if out.is_dir() else str(out)
    _print_errors(summary.run_errors, where)
    extra = []
    if summary.skipped:
        extra.append(f"{summary.skipped} already done")
    if summary.duplicates:
        extra.append(f"{summary.duplicates} duplicate files skipped")
    note = f" ({', '.join(extra)})" if extra else ""
    typer.echo(summary.line() + note, err=True)
    raise typer.Exit(code=summary.exit_code)


def _documents_of(source: Path, workers: int | None) -> Iterator[Document]:
    """Documents from an extract output (dir or documents.jsonl), else extract ``source`` first."""
    from .batch import run_batch
    from .export import iter_documents

    if source.is_file() and source.suffix.lower() == ".jsonl":
        yield from iter_documents(source)
        return
    if source.is_dir() and (source / "documents.jsonl").is_file():
        yield from iter_documents(source / "documents.jsonl")
        return
    with tempfile.TemporaryDirectory(prefix="policyparse-panel-") as tmp:
        summary = run_batch([source], Path(tmp), workers=workers, resume=False)
        _print_errors(summary.run_errors, "the extraction")
        yield from iter_documents(Path(tmp) / "documents.jsonl")


def panel_command(
    source: Annotated[
        Path,
        typer.Argument(help="An extract output dir or documents.jsonl, or a corpus dir/file."),
    ],
    indicator: Annotated[
        str | None, typer.Option("--indicator", help="Keep one indicator id, e.g. gdp.")
    ] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="actual, estimate or target.")
    ] = None,
    measure: Annotated[
        str | None, typer.Option("--measure", help="level, growth, share, rate …")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("-o", "--out", help="panel.csv (default: CSV on stdout), .parquet or .jsonl"),
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, help="When extracting first.")
    ] = None,
) -> None:
    """One row per (place, year, indicator, status, measure): the hand-built panel, with sources."""
    from .batch import BatchError
    from .export import PANEL_COLUMNS, csv_text, panel, to_json_line, write_csv, write_parquet

    if not source.exists():
        typer.echo(f"error: {source}: no such file or directory", err=True)
        raise typer.Exit(code=2)
    try:
        rows = panel(_documents_of(source, workers), indicator, status, measure)
    except BatchError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(code=2) from None
    if out is None:
        sys.stdout.write(csv_text(rows, PANEL_COLUMNS, header=True))
    elif out.suffix.lower() == ".parquet":
        write_parquet(rows, out, "panel")
    elif out.suffix.lower() == ".jsonl":
        with open(out, "w", encoding="utf-8") as handle:
            handle.writelines(to_json_line(r) + "\n" for r in rows)
    else:
        write_csv(rows, out, "panel")
    typer.echo(f"{len(rows)} panel rows", err=True)
