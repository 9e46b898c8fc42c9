"""devtools/coverage_report.py: per-package figures and the CI gate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from devtools.coverage_report import by_package, main, package_of


def report(files: dict[str, tuple[int, int]]) -> dict[str, object]:
    return {
        "files": {
            name: {"summary": {"covered_lines": c, "num_statements": n}}
            for name, (c, n) in files.items()
        }
    }


def test_files_fall_into_their_packages() -> None:
    assert package_of("game/engine/runner.py") == "game/engine"
    assert package_of("game/ui/screens/story.py") == "game/ui"
    assert package_of("game/cli.py") == "game"
    assert package_of("/abs/checkout/game/tools/lint.py") == "game/tools"


def test_figures_add_up_per_package() -> None:
    data = report({"game/engine/a.py": (8, 10), "game/engine/b.py": (2, 10), "game/cli.py": (1, 1)})
    assert by_package(data) == {"game": (1, 1), "game/engine": (10, 20)}


@pytest.mark.parametrize(("covered", "status"), [(84, 1), (85, 0), (99, 0)])
def test_the_gate_fails_under_the_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], covered: int, status: int
) -> None:
    path = tmp_path / "coverage.json"
    path.write_text(json.dumps(report({"game/engine/x.py": (covered, 100)})), encoding="utf-8")
    assert main([str(path), "--fail-under", "85"]) == status
    assert re.search(rf"^coverage total +{covered}\.0%", capsys.readouterr().out, re.M)
