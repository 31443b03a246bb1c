"""Data files that hold the rules (units, numerals, qualifiers, traps, indicators …).

Every table is a UTF-8 TSV file in this folder with a header row; lines
starting with ``#`` and blank lines are comments.  Tables are loaded once per
process (``functools.cache``) and returned as tuples of dicts, so callers
cannot mutate shared state.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources as _res
from types import MappingProxyType

Row = Mapping[str, str]


def resource_text(name: str) -> str:
    """The text of a resource file shipped with the package."""
    return (_res.files(__name__) / name).read_text(encoding="utf-8")


def resource_path(name: str) -> str:
    """A filesystem path to a resource file (the package is installed unzipped)."""
    return str(_res.files(__name__) / name)


@cache
def load_tsv(name: str) -> tuple[Row, ...]:
    """Rows of a TSV resource as read-only mappings keyed by the header.

    Raises ``ValueError`` naming the file and line when a row has the wrong
    number of fields, so a broken table fails loudly at load time.
    """
    rows: list[Row] = []
    header: list[str] | None = None
    for lineno, raw in enumerate(resource_text(name).splitlines(), start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            header = [f.strip() for f in fields]
            continue
        if len(fields) < len(header):
            fields += [""] * (len(header) - len(fields))
        if len(fields) != len(header):
            raise ValueError(
                f"{name}:{lineno}: expected {len(header)} fields, got {len(fields)}: {raw!r}"
            )
        rows.append(MappingProxyType({k: v.strip() for k, v in zip(header, fields, strict=True)}))
    if header is None:
        raise ValueError(f"{name}: empty table")
    return tuple(rows)
