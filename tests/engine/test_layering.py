"""The engine is a library without a display: it must never import pygame."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

ENGINE = ROOT / "game" / "engine"
NO_DISPLAY = [ENGINE, ROOT / "game" / "tools", ROOT / "game" / "textui.py"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_engine_module_imports_pygame() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted(ENGINE.rglob("*.py"))
        if "pygame" in imported_modules(path)
    ]
    assert offenders == []


def test_importing_and_running_the_engine_loads_no_pygame() -> None:
    code = (
        "import sys\n"
        "from game.engine.loader import load_story\n"
        "from game.engine.runner import Runner\n"
        "from game.tools import lint, randomtest\n"
        "import game.textui\n"
        "story, _ = load_story('tests/stories/village_day')\n"
        "Runner(story, 1).view()\n"
        "assert 'pygame' not in sys.modules, 'pygame was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_nothing_uses_eval_exec_pickle_or_unsafe_yaml() -> None:
    banned = re.compile(
        r"\beval\(|\bexec\(|import pickle|\bpickle\.|\bmarshal\.|yaml\.load\("
        r"|unsafe_load|UnsafeLoader|FullLoader|yaml\.Loader\b"
    )
    for path in [*sorted((ROOT / "game").rglob("*.py")), ROOT / "main.py"]:
        match = banned.search(path.read_text(encoding="utf-8"))
        assert match is None, f"{path.relative_to(ROOT)} uses {match.group() if match else ''}"
