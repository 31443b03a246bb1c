"""policyparse: quantitative claims and tasks from Chinese government reports.

>>> import policyparse
>>> doc = policyparse.extract("今年上半年，工业投资完成45.56亿元，增速41.07%。")
>>> [(c.indicator, c.text) for c in doc.claims]
[('工业投资', '45.56亿元'), ('工业投资', '41.07%')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ErrorCode, PolicyParseError, WarningCode
from .pipeline import extract, segment
from .read import ReadResult, read, read_bytes
from .records import (
    Claim,
    Direction,
    Document,
    Measure,
    Modality,
    Qualifier,
    Quantity,
    Section,
    Sentence,
    Status,
    Task,
)

if TYPE_CHECKING:
    from .evaluate import evaluate

__version__ = "0.1.0"

parse = extract
"""Alias of :func:`extract` (the name used in the foundation docs)."""

_LAZY = {"evaluate": "evaluate"}


def __getattr__(name: str) -> Any:
    """Import the evaluator on first use."""
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'policyparse' has no attribute {name!r}")


__all__ = [
    "Claim",
    "Direction",
    "Document",
    "ErrorCode",
    "Measure",
    "Modality",
    "PolicyParseError",
    "Qualifier",
    "Quantity",
    "ReadResult",
    "Section",
    "Sentence",
    "Status",
    "Task",
    "WarningCode",
    "__version__",
    "evaluate",
    "extract",
    "parse",
    "read",
    "read_bytes",
    "segment",
]
