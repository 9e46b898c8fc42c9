"""Shared test set-up: headless SDL, paths to the shipped and test stories."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# Saves, settings and decision records of every test (and of every `main.py` a test
# runs) go to a throwaway folder, never to the player's own data folder.
os.environ["LTH_DATA_DIR"] = tempfile.mkdtemp(prefix="lth-test-data-")
atexit.register(shutil.rmtree, os.environ["LTH_DATA_DIR"], ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

STORY_DIR = ROOT / "story"
TEST_STORIES = ROOT / "tests" / "stories"


def run_main(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run ``python main.py ARGS`` as a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


#: The ``write_story`` fixture: files by name (text, or bytes for hostile input) to the
#: folder holding them.
WriteStory = Callable[[Mapping[str, str | bytes]], Path]


@pytest.fixture
def write_story(tmp_path: Path) -> WriteStory:
    """Write a story from {filename: text} into a temporary folder and return it."""

    def write(files: Mapping[str, str | bytes]) -> Path:
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return tmp_path

    return write
