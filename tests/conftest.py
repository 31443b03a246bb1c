"""Shared test settings: hypothesis profiles.

``HYPOTHESIS_PROFILE=nightly pytest tests/test_fuzz.py`` runs the long fuzzing
campaign (10⁵ examples per property); the default ``ci`` profile is bounded.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "nightly",
    max_examples=100_000,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
