"""The ``policyparse`` command line: thin wrappers around the Python API."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .errors import PolicyParseError

app = typer.Typer(
    name="policyparse",
    help="Quantitative claims and tasks from Chinese government reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _fail(err: PolicyParseError) -> typer.Exit:
    typer.echo(f"error: {err}", err=True)
    return typer.Exit(code=2)


@app.command()
def segment(
    file: Annotated[Path, typer.Argument(help="A report file (txt, html, docx, pdf).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the Document as JSON.")] = False,
    words: Annotated[bool, typer.Option("--words", help="Also cut every sentence into words.")] = False,
) -> None:
    """Print the structure of FILE: title, date, place, sections, sentences, warnings."""
    from .pipeline import segment as do_segment

    try:
        doc = do_segment(file, words=words)
    except PolicyParseError as err:
        raise _fail(err) from None
    if as_json:
        typer.echo(doc.model_dump_json(indent=1))
        return
    typer.echo(f"title: {doc.title}")
    typer.echo(f"date:  {doc.date}")
    typer.echo(f"place: {doc.place}")
    typer.echo(f"chars: {len(doc.text)}  paragraphs: {len(doc.paragraphs)}  "
               f"sentences: {len(doc.sentences)}")
    typer.echo("sections:")
    for sec in doc.sections:
        typer.echo(f"  {'  ' * (sec.level - 1)}[{sec.span[0]}:{sec.span[1]}] {sec.text}")
    typer.echo("sentences:")
    for sent in doc.sentences:
        flag = "" if sent.complete else "  (fragment)"
        snippet = sent.text.replace("\n", "⏎")
        if len(snippet) > 60:
            snippet = snippet[:40] + " … " + snippet[-15:]
        typer.echo(f"  [{sent.span[0]}:{sent.span[1]}] {snippet}{flag}")
        if sent.words is not None:
            typer.echo("      " + " / ".join(w.text.replace("\n", "⏎") for w in sent.words))
    for w in doc.warnings:
        typer.echo(f"warning {w.code}: {w.message}")


@app.command()
def show(
    file: Annotated[Path, typer.Argument(help="A report file.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the page.")] = Path(
        "page.html"
    ),
    gold: Annotated[
        Path | None, typer.Option("--gold", help="A gold file: mark misses and false hits.")
    ] = None,
) -> None:
    """Write a self-contained HTML review page of FILE's claims and tasks."""
    from .evaluate import load_gold
    from .pipeline import extract
    from .view import render_page

    try:
        doc = extract(file)
        gold_doc = load_gold(gold, doc.text) if gold is not None else None
    except PolicyParseError as err:
        raise _fail(err) from None
    output.write_text(render_page(doc, gold_doc), encoding="utf-8")
    typer.echo(f"wrote {output} ({len(doc.claims)} claims, {len(doc.tasks)} tasks)")


@app.command()
def schema(
    model: Annotated[str, typer.Argument(help="Document, Claim, Task or Quantity.")] = "Document",
) -> None:
    """Print the JSON Schema of a record type."""
    from . import records

    cls = getattr(records, model, None)
    if cls is None or not hasattr(cls, "model_json_schema"):
        typer.echo(f"error: unknown record type {model!r}", err=True)
        raise typer.Exit(code=2)
    typer.echo(json.dumps(cls.model_json_schema(), ensure_ascii=False, indent=2))


from .cli_eval import eval_command  # noqa: E402 - mounted after the app is defined

app.command("eval")(eval_command)

from .cli_batch import extract_command, panel_command  # noqa: E402 - mounted like eval

app.command("extract")(extract_command)
app.command("panel")(panel_command)


def main() -> None:
    """Entry point of the ``policyparse`` script."""
    try:
        app()
    except PolicyParseError as err:  # pragma: no cover - commands catch their own
        typer.echo(f"error: {err}", err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
