"""The engine is a library without a display: it must never import pygame."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

ENGINE = ROOT / "game" / "engine"
#: Everything that must work without a display: importing it never loads pygame.
NO_DISPLAY = [ENGINE, ROOT / "game" / "tools", ROOT / "game" / "play", ROOT / "game" / "textui.py"]


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


def top_level_modules(path: Path) -> set[str]:
    """The modules ``path`` imports when it is imported (module-level statements only)."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_nothing_that_works_without_a_display_imports_pygame_when_imported() -> None:
    """Tools may use pygame inside a function for an optional extra (make_portraits'
    --sheet), never at import time."""
    files = [
        f for place in NO_DISPLAY for f in ([place] if place.is_file() else place.rglob("*.py"))
    ]
    assert len(files) > 40
    offenders = [
        str(f.relative_to(ROOT)) for f in sorted(files) if "pygame" in top_level_modules(f)
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
