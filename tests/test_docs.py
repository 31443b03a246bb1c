"""Every ```python example in docs/*.md runs (in a scratch copy of the corpus).

Snippets that need software policyparse does not depend on (Ray, Spark) are
fenced as ```py and are not run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = [
    pytest.param(code, id=f"{doc.stem}-{i}")
    for doc in sorted((ROOT / "docs").glob("*.md"))
    for i, code in enumerate(re.findall(r"```python\n(.*?)```", doc.read_text(encoding="utf-8"), re.S))
]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("docs")
    shutil.copytree(ROOT / "corpus", work / "corpus")
    return work


@pytest.mark.parametrize("code", EXAMPLES)
def test_doc_example_runs(code: str, workdir: Path) -> None:
    res = subprocess.run(
        [sys.executable, "-c", code], cwd=workdir, capture_output=True, text=True, timeout=600
    )
    assert res.returncode == 0, res.stderr[-2000:]
