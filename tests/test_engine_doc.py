"""docs/ENGINE.md's example of driving a story from Python runs as written."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT


def test_the_engine_page_example_runs() -> None:
    page = (ROOT / "docs" / "ENGINE.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", page, re.S)
    assert len(blocks) == 1
    code = blocks[0]
    assert 8 <= len(code.strip().splitlines()) <= 12  # "a ten-line example"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r".+ \d+ steps\n", done.stdout), done.stdout
