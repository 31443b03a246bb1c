"""policyparse: quantitative claims and tasks from Chinese government reports."""

from .errors import ErrorCode, PolicyParseError, WarningCode
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

__version__ = "0.1.0"

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
    "Section",
    "Sentence",
    "Status",
    "Task",
    "WarningCode",
    "__version__",
]
