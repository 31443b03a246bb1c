"""Claims stage: quantities → claims.

Each claim gets indicator, measure, direction, status, period, year and baseline.

Public entry point: :func:`link_claims`; the indicator taxonomy lookup is
:func:`indicator_id`.  See ``docs/claims.md``.
"""

from .link import link_claims
from .taxonomy import indicator_id

__all__ = ["indicator_id", "link_claims"]
