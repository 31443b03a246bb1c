"""``policyparse eval``: score the extractor against the gold files of a corpus.

Mounted by ``cli.py`` as ``app.command("eval")(eval_command)``; thin: it parses
options and calls :func:`policyparse.evaluate.evaluate`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .errors import PolicyParseError
from .evaluate import evaluate


def eval_command(
    corpus_dir: Annotated[
        Path, typer.Argument(help="Directory holding documents and their *.gold.jsonl files.")
    ] = Path("corpus"),
    json_out: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print the full report as JSON (issues included) instead of the table.",
        ),
    ] = False,
    errors: Annotated[
        bool,
        typer.Option(
            "--errors",
            help="Also list every miss, false hit, trap hit and wrong field with context.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write the report to this file instead of stdout."),
    ] = None,
) -> None:
    """Score extraction against the gold files in CORPUS_DIR (micro-averaged)."""
    try:
        report = evaluate(corpus_dir)
    except PolicyParseError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=1) from None
    if json_out:
        # one JSON object on stdout/the file; the listing (if asked) goes to stderr
        body = report.to_json() + "\n"
        if errors:
            typer.echo(report.errors(), err=True, nl=False)
    else:
        body = report.to_table() + "\n"
        if errors:
            body += "\n" + report.errors()
    if output is not None:
        output.write_text(body, encoding="utf-8")
        typer.echo(f"wrote {output}", err=True)
    else:
        typer.echo(body, nl=False)
