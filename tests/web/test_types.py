"""The browser edition's JSDoc types hold: TypeScript checks web/*.js (strict, no output).

Skipped when web/node_modules is missing (`cd web && npm ci`; `.ci/run` does it).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT

TSC = ROOT / "web" / "node_modules" / ".bin" / "tsc"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.skipif(not TSC.exists(), reason="typescript is not installed (cd web && npm ci)")
def test_the_runtime_and_front_end_type_check() -> None:
    done = subprocess.run(
        [str(TSC), "-p", "tsconfig.json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT / "web",
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
