"""The README's Python examples run and print what the README says they print."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)


@pytest.mark.parametrize("code", [pytest.param(b, id=f"block{i}") for i, b in enumerate(BLOCKS)])
def test_python_examples_run(code: str) -> None:
    cwd = os.getcwd()
    os.chdir(ROOT)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    assert out.getvalue().strip()


def test_first_example_prints_what_the_readme_shows() -> None:
    shown = re.search(r"prints\n\n```text\n(.*?)```", README, flags=re.DOTALL)
    assert shown is not None
    cwd = os.getcwd()
    os.chdir(ROOT)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(BLOCKS[0], "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    assert out.getvalue() == shown.group(1)


def test_readme_opens_with_the_two_commands_ci_runs() -> None:
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.DOTALL)
    assert "policyparse extract corpus/ -o out/" in blocks[0]
    assert "pytest" in blocks[1]
    assert "block 1" in (ROOT / ".ci" / "run").read_text() and "block 2" in (ROOT / ".ci" / "run").read_text()
