"""Outputs: JSONL documents, claim/task tables (CSV, Parquet) and the panel.

Everything here sits on top of finished :class:`~policyparse.records.Document`
objects and never reaches back into the pipeline stages.

Row tables (:func:`claims_rows`, :func:`tasks_rows`) hold one row per record
with the document's ``source``, ``doc_id``, ``title``, ``date`` and ``place``
in front, span offsets as two integer columns, and every field of the record.
Values are JSON numbers (``int`` when integral, else ``float``), exactly as in
``documents.jsonl``; list fields (a task's ``actions`` and ``targets``) are
Python lists, written to CSV joined by :data:`LIST_SEP`.

CSV files are UTF-8 with a byte-order mark so that Excel shows Chinese text.

:func:`panel` turns claims into the table an economist builds by hand: one
row per (place, year, indicator_id, status, measure).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Literal

from .records import Document

__all__ = [
    "CLAIM_COLUMNS",
    "LIST_SEP",
    "PANEL_COLUMNS",
    "TASK_COLUMNS",
    "claims_rows",
    "csv_text",
    "iter_documents",
    "panel",
    "read_csv_rows",
    "tasks_rows",
    "write_csv",
    "write_jsonl",
    "write_parquet",
]

LIST_SEP = " | "
"""Separator of list items (``actions``, ``targets``) inside one CSV cell."""

DOC_COLUMNS: tuple[str, ...] = ("source", "doc_id", "title", "date", "place")

CLAIM_COLUMNS: tuple[str, ...] = (
    *DOC_COLUMNS,
    "claim_id",
    "start",
    "end",
    "text",
    "value",
    "value_max",
    "unit",
    "unit_text",
    "qualifier",
    "measure",
    "direction",
    "status",
    "indicator",
    "indicator_id",
    "baseline",
    "period",
    "year",
    "sentence_start",
    "sentence_end",
    "sentence",
)

TASK_COLUMNS: tuple[str, ...] = (
    *DOC_COLUMNS,
    "task_id",
    "start",
    "end",
    "text",
    "area",
    "actions",
    "modality",
    "deadline",
    "targets",
)

PANEL_COLUMNS: tuple[str, ...] = (
    "place",
    "year",
    "indicator_id",
    "status",
    "measure",
    "value",
    "value_max",
    "qualifier",
    "unit",
    "indicator",
    "period",
    "n_claims",
    "n_values",
    "source",
    "doc_id",
    "claim_id",
    "start",
    "end",
    "text",
    "sentence",
)

_INT_COLUMNS = frozenset(
    {"start", "end", "sentence_start", "sentence_end", "year", "n_claims", "n_values"}
)
_FLOAT_COLUMNS = frozenset({"value", "value_max"})
_LIST_COLUMNS = frozenset({"actions", "targets"})

Kind = Literal["claims", "tasks", "panel"]
_COLUMNS: dict[str, tuple[str, ...]] = {
    "claims": CLAIM_COLUMNS,
    "tasks": TASK_COLUMNS,
    "panel": PANEL_COLUMNS,
}


def _number(value: Decimal | None) -> int | float | None:
    """A Decimal as the JSON number it is written as in ``documents.jsonl``."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _doc_fields(doc: Document) -> dict[str, Any]:
    return {
        "source": doc.source,
        "doc_id": doc.doc_id,
        "title": doc.title,
        "date": doc.date.isoformat() if doc.date is not None else None,
        "place": doc.place,
    }


def claims_rows(doc: Document) -> list[dict[str, Any]]:
    """One row per claim of ``doc`` (columns :data:`CLAIM_COLUMNS`)."""
    head = _doc_fields(doc)
    rows: list[dict[str, Any]] = []
    for c in doc.claims:
        s0, s1 = c.sentence
        rows.append(
            {
                **head,
                "claim_id": c.id,
                "start": c.span[0],
                "end": c.span[1],
                "text": c.text,
                "value": _number(c.value),
                "value_max": _number(c.value_max),
                "unit": c.unit,
                "unit_text": c.unit_text,
                "qualifier": c.qualifier.value,
                "measure": c.measure.value,
                "direction": c.direction.value if c.direction is not None else None,
                "status": c.status.value,
                "indicator": c.indicator,
                "indicator_id": c.indicator_id,
                "baseline": c.baseline,
                "period": c.period,
                "year": c.year,
                "sentence_start": s0,
                "sentence_end": s1,
                "sentence": doc.text[s0:s1],
            }
        )
    return rows


def tasks_rows(doc: Document) -> list[dict[str, Any]]:
    """One row per task of ``doc`` (columns :data:`TASK_COLUMNS`); ``text`` is the sentence."""
    head = _doc_fields(doc)
    return [
        {
            **head,
            "task_id": t.id,
            "start": t.span[0],
            "end": t.span[1],
            "text": t.text,
            "area": t.area,
            "actions": list(t.actions),
            "modality": t.modality.value,
            "deadline": t.deadline,
            "targets": list(t.targets),
        }
        for t in doc.tasks
    ]


# --------------------------------------------------------------------------- JSONL


def write_jsonl(docs: Iterable[Document], path: str | os.PathLike[str] | IO[str]) -> int:
    """Write one Document JSON object per line (streaming); returns the number written."""
    if isinstance(path, str | os.PathLike):
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            return write_jsonl(docs, handle)
    n = 0
    for doc in docs:
        path.write(doc.model_dump_json() + "\n")
        path.flush()
        n += 1
    return n


def iter_documents(path: str | os.PathLike[str]) -> Iterator[Document]:
    """Read Documents back from a ``documents.jsonl`` file, one at a time."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield Document.model_validate_json(line)


# --------------------------------------------------------------------------- CSV


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEP.join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def csv_text(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], *, header: bool = False
) -> str:
    """Rows rendered as CSV text (``\\r\\n`` line ends, minimal quoting), no BOM."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if header:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(col)) for col in columns])
    return buf.getvalue()


def write_csv(
    rows: Iterable[Mapping[str, Any]],
    path: str | os.PathLike[str] | IO[str],
    columns: Sequence[str] | Kind = "claims",
    *,
    bom: bool = True,
) -> int:
    """Write ``rows`` as CSV (UTF-8 with BOM by default, so Excel opens Chinese).

    ``columns`` is a column list or one of ``"claims"``, ``"tasks"``, ``"panel"``.
    Returns the number of rows written.
    """
    cols = _COLUMNS[columns] if isinstance(columns, str) else tuple(columns)
    if isinstance(path, str | os.PathLike):
        with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            return write_csv(rows, handle, cols, bom=False)
    if bom:
        path.write("\ufeff")
    path.write(csv_text((), cols, header=True))
    n = 0
    for row in rows:
        path.write(csv_text([row], cols))
        n += 1
    return n


def _typed(column: str, cell: str) -> Any:
    if column in _LIST_COLUMNS:
        return cell.split(LIST_SEP) if cell else []
    if cell == "":
        return None
    if column in _INT_COLUMNS:
        return int(cell)
    if column in _FLOAT_COLUMNS:
        return float(cell)
    return cell


def read_csv_rows(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Read a claims/tasks/panel CSV written here back into typed rows (streaming)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            return
        for record in reader:
            yield {col: _typed(col, cell) for col, cell in zip(header, record, strict=True)}


# --------------------------------------------------------------------------- Parquet


def _arrow_schema(columns: Sequence[str]) -> Any:
    import pyarrow as pa

    fields = []
    for col in columns:
        if col in _INT_COLUMNS:
            typ = pa.int64()
        elif col in _FLOAT_COLUMNS:
            typ = pa.float64()
        elif col in _LIST_COLUMNS:
            typ = pa.list_(pa.string())
        else:
            typ = pa.string()
        fields.append(pa.field(col, typ))
    return pa.schema(fields)


def write_parquet(
    rows: Iterable[Mapping[str, Any]],
    path: str | os.PathLike[str],
    columns: Sequence[str] | Kind = "claims",
    *,
    batch_size: int = 10_000,
) -> int:
    """Write ``rows`` to a Parquet file (needs the ``parquet`` extra: pyarrow).

    Streams in row groups of ``batch_size``; ``value``/``value_max`` are float64,
    offsets and years int64, ``actions``/``targets`` list<string>, the rest string.
    The file is written to a temporary name and renamed into place.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = _COLUMNS[columns] if isinstance(columns, str) else tuple(columns)
    schema = _arrow_schema(cols)
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    n = 0
    with pq.ParquetWriter(str(tmp), schema) as writer:
        batch: list[Mapping[str, Any]] = []

        def flush() -> None:
            data = {c: [r.get(c) for r in batch] for c in cols}
            writer.write_table(pa.Table.from_pydict(data, schema=schema))
            batch.clear()

        for row in rows:
            batch.append(row)
            n += 1
            if len(batch) >= batch_size:
                flush()
        if batch or n == 0:
            flush()
    os.replace(tmp, target)
    return n


# --------------------------------------------------------------------------- panel


def panel(
    docs: Iterable[Document],
    indicator: str | None = None,
    status: str | None = None,
    measure: str | None = None,
) -> list[dict[str, Any]]:
    """The claims of ``docs`` as a panel: one row per (place, year, indicator_id, status, measure).

    Only claims with an ``indicator_id`` enter (optionally filtered by
    ``indicator`` id, ``status`` and ``measure``).  The key includes ``measure``
    so that a GDP *level* and a GDP *growth rate* never collide.  When several
    claims share a key, the row keeps the **first** one in document order —
    documents ordered by ``source`` path (then by position in ``docs`` when
    they have no source), claims by offset — and records ``n_claims`` (how
    many claims had that key) and ``n_values`` (how many distinct
    ``(value, value_max, unit)`` they gave; above 1 means the sources disagree
    or mention different things, worth checking).  ``source``, ``sentence``,
    ``start``/``end`` point at the kept claim.  Rows are sorted by key.
    """
    best: dict[tuple[Any, ...], tuple[tuple[str, int, int], dict[str, Any]]] = {}
    counts: dict[tuple[Any, ...], int] = {}
    values: dict[tuple[Any, ...], set[tuple[Any, ...]]] = {}
    for index, doc in enumerate(docs):
        for c in doc.claims:
            if c.indicator_id is None:
                continue
            if indicator is not None and c.indicator_id != indicator:
                continue
            if status is not None and c.status.value != status:
                continue
            if measure is not None and c.measure.value != measure:
                continue
            key = (doc.place, c.year, c.indicator_id, c.status.value, c.measure.value)
            counts[key] = counts.get(key, 0) + 1
            values.setdefault(key, set()).add((c.value, c.value_max, c.unit))
            order = (doc.source or "", index, c.span[0])
            kept = best.get(key)
            if kept is not None and kept[0] <= order:
                continue
            s0, s1 = c.sentence
            best[key] = (
                order,
                {
                    "place": doc.place,
                    "year": c.year,
                    "indicator_id": c.indicator_id,
                    "status": c.status.value,
                    "measure": c.measure.value,
                    "value": _number(c.value),
                    "value_max": _number(c.value_max),
                    "qualifier": c.qualifier.value,
                    "unit": c.unit,
                    "indicator": c.indicator,
                    "period": c.period,
                    "source": doc.source,
                    "doc_id": doc.doc_id,
                    "claim_id": c.id,
                    "start": c.span[0],
                    "end": c.span[1],
                    "text": c.text,
                    "sentence": doc.text[s0:s1],
                },
            )
    rows: list[dict[str, Any]] = []
    for key, (_, row) in best.items():
        rows.append({**row, "n_claims": counts[key], "n_values": len(values[key])})

    def sort_key(row: dict[str, Any]) -> tuple[Any, ...]:
        return (
            row["place"] or "",
            row["year"] if row["year"] is not None else -1,
            row["indicator_id"],
            row["status"],
            row["measure"],
        )

    rows.sort(key=sort_key)
    return rows


def to_json_line(row: Mapping[str, Any]) -> str:
    """A row as one JSON line (UTF-8, no ASCII escaping)."""
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))
