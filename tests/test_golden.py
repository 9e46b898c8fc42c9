"""Golden playthroughs: small stories in tests/stories/ with expected transcripts.

Each ``tests/stories/STORY/transcripts/NAME.txt`` holds a header (seed, classroom,
the lines typed), a line ``---``, then the exact text-mode output. One
parametrised test replays them all. To record a new or changed transcript, run
``LTH_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and read the diff.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from game.engine.loader import load_story
from game.textui import TextGame
from tests.conftest import ROOT, STORY_DIR, TEST_STORIES

ROUTES = ROOT / "tests" / "routes"

#: Golden playthroughs of small test stories, and eight routes through the shipped story
#: (tests/routes/, written by benchmarks/routes.py: see its docstring).
CASES = sorted(TEST_STORIES.glob("*/transcripts/*.txt")) + sorted(ROUTES.glob("*.txt"))


def parse_case(path: Path) -> tuple[dict[str, str], list[str], str]:
    header, _, expected = path.read_text(encoding="utf-8").partition("\n---\n")
    settings: dict[str, str] = {}
    inputs: list[str] = []
    reading_input = False
    for line in header.splitlines():
        if reading_input:
            inputs.append(line)
        elif line.strip() == "input:":
            reading_input = True
        elif ":" in line:
            key, _, value = line.partition(":")
            settings[key.strip()] = value.strip()
    return settings, inputs, expected


def play(story_dir: Path, settings: dict[str, str], inputs: list[str], records: Path) -> str:
    """The text mode's output; a decision record's folder and time read as placeholders."""
    story, diagnostics = load_story(story_dir)
    assert story is not None, [str(d) for d in diagnostics]
    lines = iter(inputs)
    out = io.StringIO()
    game = TextGame(
        story,
        int(settings.get("seed", "1")),
        out,
        lambda: next(lines, None),
        classroom=settings.get("classroom") == "true",
        width=72,
        echo=True,
        record_dir=records if settings.get("classroom") == "true" else None,
    )
    game.play()
    text = out.getvalue().replace(str(records), "<records>")
    return re.sub(r"decisions-\d{8}-\d{6}-", "decisions-<time>-", text)


@pytest.mark.parametrize("case", CASES, ids=[f"{p.parent.parent.name}/{p.stem}" for p in CASES])
def test_golden_transcript(case: Path, tmp_path: Path) -> None:
    settings, inputs, expected = parse_case(case)
    story_dir = STORY_DIR if case.parent == ROUTES else case.parent.parent
    actual = play(story_dir, settings, inputs, tmp_path)
    if os.environ.get("LTH_UPDATE_GOLDEN"):
        header = case.read_text(encoding="utf-8").partition("\n---\n")[0]
        case.write_text(f"{header}\n---\n{actual}", encoding="utf-8")
        return
    assert actual == expected


def test_there_are_golden_transcripts() -> None:
    assert len(CASES) >= 4
    assert len(list(ROUTES.glob("*.txt"))) >= 8, "eight routes through the shipped story"
