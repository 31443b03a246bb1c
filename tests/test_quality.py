"""The code base stays ruff- and mypy-clean (the tools are in the ``test`` extra)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "cmd",
    [
        pytest.param([sys.executable, "-m", "ruff", "check", "src", "tests", "bench"], id="ruff"),
        pytest.param([sys.executable, "-m", "mypy", "src"], id="mypy-strict"),
    ],
)
def test_static_checks(cmd: list[str]) -> None:
    if shutil.which(cmd[2]) is None and subprocess.run(
        [sys.executable, "-c", f"import {cmd[2]}"], capture_output=True
    ).returncode:
        pytest.skip(f"{cmd[2]} is not installed (pip install -e '.[test]')")
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
